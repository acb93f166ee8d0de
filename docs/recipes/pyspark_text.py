"""Assess a JSON Lines file of episodes with PySpark: ``python pyspark_text.py episodes.jsonl results/``.

Writes ``results/part-00000``, ``results/part-00001``, ...: read in name order, they hold exactly
what ``spasmfacts check --input episodes.jsonl`` writes, each line numbered as in the file.
"""

from __future__ import annotations

import itertools
import sys
from collections.abc import Iterable, Iterator

from pyspark.sql import Row, SparkSession
from pyspark.sql import functions as F  # noqa: N812 (Spark's own convention)

from spasmfacts import assess_lines


def assess_partition(rows: Iterable[tuple[Row, int]]) -> Iterator[str]:
    """The result lines of a partition of ``(line, index in the file)`` pairs."""
    rows = iter(rows)
    first = next(rows, None)
    if first is None:
        return
    lines = (bytes(row[0]) for row, _ in itertools.chain([first], rows))
    for result in assess_lines(lines, start=first[1] + 1):
        yield result[:-1]  # saveAsTextFile ends each element with its own newline


def assess_file(spark: SparkSession, source: str, target: str) -> None:
    """Assess the lines of ``source``; write the results under ``target``."""
    # Split on "\n" only, as the command does, and take each line's bytes as they are in the file.
    lines = spark.read.option("lineSep", "\n").text(source).select(F.col("value").cast("binary"))
    # zipWithIndex numbers the lines in file order, blank lines included, across partitions.
    lines.rdd.zipWithIndex().mapPartitions(assess_partition).saveAsTextFile(target)


if __name__ == "__main__":
    session = SparkSession.builder.getOrCreate()
    assess_file(session, sys.argv[1], sys.argv[2])
    session.stop()
