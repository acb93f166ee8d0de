"""``assess_lines()``: JSON Lines of episodes in, one numbered JSON line of results out, in constant memory.

This is the core of ``spasmfacts check --input``, public so that engines (Dask, Spark, a
worker pool) can run it on partitions: it is a plain module-level function, so it pickles
by reference and captures no open file, lock or loaded catalog.

Most lines are answered without building an ``Episode`` or an ``Assessment``: the line's
signature (:mod:`spasmfacts.signatures`) picks the texts of the result's parts
(:mod:`spasmfacts.result_texts`). A line the signature does not vouch for (an invalid one,
or one valid in an unusual way) goes the plain way: ``episode_from_json``, ``assess``,
``assessment_to_dict``. Tests pin both ways to give the same bytes.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterable, Iterator
from typing import Final

from spasmfacts.assessment import assess
from spasmfacts.boundary import MAX_JSON_BYTES, episode_from_json
from spasmfacts.errors import InvalidEpisodeError
from spasmfacts.report import assessment_to_dict
from spasmfacts.result_texts import result_texts
from spasmfacts.signatures import signature

__all__ = ["CHUNK_LINES", "MAX_LINE_BYTES", "Result", "assess_lines", "chunk_results"]

MAX_LINE_BYTES: Final = MAX_JSON_BYTES + 2
"""The longest line read whole: a full 64 KiB document and its line ending."""

CHUNK_LINES: Final = 64
"""How many lines are read before they are answered: memory stays bounded, and each step runs over many."""

_TOO_LONG: Final = f"the line is longer than {MAX_JSON_BYTES} bytes"


def _too_long(line: bytes | str) -> bool:
    """Whether ``line``, without its line feed, is more than ``MAX_LINE_BYTES`` of UTF-8, as ``check --input`` tells."""
    if len(line) <= MAX_LINE_BYTES // 4:  # a character is at most 4 bytes of UTF-8
        return False
    if isinstance(line, str):
        line = line.encode("utf-8", "surrogatepass")
    return len(line) - line.endswith(b"\n") > MAX_LINE_BYTES


def _plain(line: bytes | str | None) -> str | InvalidEpisodeError:
    """The JSON text of the line's result made the plain way, or the error that makes it invalid."""
    try:
        if line is None or _too_long(line):
            raise InvalidEpisodeError((("$", _TOO_LONG),))  # noqa: TRY301 (one path for every invalid line)
        episode = episode_from_json(line.rstrip(b"\r\n") if isinstance(line, bytes) else line.rstrip("\r\n"))
    except InvalidEpisodeError as exc:
        return exc
    return json.dumps(assessment_to_dict(assess(episode)), ensure_ascii=False)


def _error_line(number: int, error: InvalidEpisodeError) -> str:
    errors = [{"path": path, "message": message} for path, message in error.errors]
    # ASCII escapes keep a key with a line separator (U+2028) from splitting the line for some readers.
    return json.dumps({"line": number, "errors": errors}) + "\n"


Result = tuple[int, str, InvalidEpisodeError | None]
"""A line's number, its output line, and the error it met (``None`` if valid)."""


# The signatures of the last short lines: the same line (the same form, sent unchanged) recurs.
_seen: dict[bytes | str, int] = {}
_SEEN_LINES: Final = 4096
_SEEN_LENGTH: Final = 512


def _answered(chunk: list[tuple[int, bytes | str | None]]) -> list[Result]:
    texts = result_texts()  # once a chunk: the default loader may be replaced between chunks
    result_line, repeated_line, seen = texts.line, texts.repeated_line, _seen
    results: list[Result] = []
    for number, line in chunk:
        if line is None:
            key = None
        else:
            key = seen.get(line)
            if key is not None:
                results.append((number, repeated_line(number, key), None))
                continue
            key = signature(line)
        if key is not None:
            results.append((number, result_line(number, key), None))
            if len(line) <= _SEEN_LENGTH:  # type: ignore[arg-type]
                if len(seen) >= _SEEN_LINES:
                    seen.clear()
                seen[line] = key  # type: ignore[index]
        elif line is None or line.strip():
            result = _plain(line)
            if isinstance(result, InvalidEpisodeError):
                results.append((number, _error_line(number, result), result))
            else:
                results.append((number, f'{{"line": {number}, "assessment": {result}}}\n', None))
    return results


def chunk_results(lines: Iterable[bytes | str | None], *, start: int = 1) -> Iterator[list[Result]]:
    """The results of the non-blank lines, a list for each :data:`CHUNK_LINES` lines read, in order.

    A line given as ``None`` stands for one too long to read whole; it is reported invalid,
    as is a line longer than ``MAX_LINE_BYTES`` (without its line ending). If reading fails,
    the lines read before are answered first. A writer can write each list at once: one
    large write costs the system far less than one per line.
    """
    numbered = enumerate(lines, start)
    while True:
        chunk: list[tuple[int, bytes | str | None]] = []
        failure: Exception | None = None
        try:
            chunk.extend(itertools.islice(numbered, CHUNK_LINES))
        except Exception as exc:  # noqa: BLE001 (re-raised below, once the lines read before it are answered)
            failure = exc
        yield _answered(chunk)
        if failure is not None:
            raise failure
        if len(chunk) < CHUNK_LINES:
            return


def assess_lines(lines: Iterable[bytes | str], *, start: int = 1) -> Iterator[str]:
    """Assess each non-blank line of JSON Lines; yield one result line (with its newline) per line, in order.

    Each result is ``{"line": N, "assessment": {...}}`` or ``{"line": N, "errors": [...]}``,
    numbered from ``start`` (blank lines keep their numbers but give no output), exactly as
    ``spasmfacts check --input`` writes them. Memory stays constant however many lines come.

    >>> lines = ['{"body_areas": ["leg"], "accompanied_by": ["fever"]}', "", "{"]
    >>> [line[:40] for line in assess_lines(lines, start=10)]
    ['{"line": 10, "assessment": {"rules_versi', '{"line": 12, "errors": [{"path": "$", "m']
    """
    for results in chunk_results(lines, start=start):
        for _, text, _ in results:
            yield text
