"""Assess a JSON Lines file of episodes with a Dask bag: ``python dask_bag.py episodes.jsonl results/ [BLOCKSIZE]``.

Writes ``results/000000.jsonl``, ``results/000001.jsonl``, ...: read in name order, they hold
exactly what ``spasmfacts check --input episodes.jsonl`` writes, each line numbered as in the file.
"""

from __future__ import annotations

import itertools
import sys
from collections.abc import Iterable, Iterator

import dask.bag as db

from spasmfacts import assess_lines


def count(lines: Iterable[str]) -> list[int]:
    """How many lines a partition holds (blank lines too: they keep their numbers)."""
    return [sum(1 for _ in lines)]


def assess_partition(lines: Iterable[str], first: list[int]) -> Iterator[str]:
    """The result lines of a partition whose first line is line ``first[0]`` of the file."""
    # Back to the file's own bytes, so that a line that is not UTF-8 is reported as the command reports it.
    raw = (line.encode("utf-8", "surrogateescape") for line in lines)
    # to_textfiles puts a newline between elements: give each result without its own, and end a
    # partition that has results with an empty element, so that its file ends with a newline.
    any_result = False
    for result in assess_lines(raw, start=first[0]):
        yield result[:-1]
        any_result = True
    if any_result:
        yield ""


def assess_file(source: str, target: str, blocksize: str | int = "64MiB") -> None:
    """Assess the lines of ``source`` in partitions of ``blocksize`` bytes; write the results under ``target``."""
    # Split on "\n" only, as the command does; keep undecodable bytes to give them back above.
    lines = db.read_text(source, blocksize=blocksize, encoding="utf-8", errors="surrogateescape", linedelimiter="\n")
    # A partition does not know where it starts in the file: count each one's lines first.
    counts = lines.map_partitions(count).compute()
    firsts = db.from_sequence(itertools.accumulate([1, *counts[:-1]]), npartitions=len(counts))
    results = lines.map_partitions(assess_partition, firsts)  # partition i of firsts goes with partition i
    results.to_textfiles(f"{target}/*.jsonl", name_function="{:06d}".format)


if __name__ == "__main__":
    assess_file(*sys.argv[1:3], *sys.argv[3:4])
