"""``assess_lines()``: JSON Lines of episodes in, one numbered JSON line of results out, in constant memory.

This is the core of ``spasmfacts check --input``, public so that engines (Dask, Spark, a
worker pool) can run it on partitions: it is a plain module-level function, so it pickles
by reference and captures no open file, lock or loaded catalog.

Most lines of real traffic are new combinations of answers, so each result's JSON text is
put together from the texts of its parts (the frame around the lists, each reason, each
unanswered question, each caution), each part rendered once by :func:`assessment_to_dict`
and ``json.dumps``. A test pins the text equal to ``json.dumps(assessment_to_dict(...))``.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterable, Iterator
from typing import Any, Final

from spasmfacts.assessment import Assessment, assess
from spasmfacts.boundary import MAX_JSON_BYTES, episode_from_json
from spasmfacts.episode import Episode
from spasmfacts.errors import InvalidEpisodeError
from spasmfacts.report import assessment_to_dict

__all__ = ["CHUNK_LINES", "MAX_LINE_BYTES", "assess_lines", "line_results"]

MAX_LINE_BYTES: Final = MAX_JSON_BYTES + 2
"""The longest line read whole: a full 64 KiB document and its line ending."""

CHUNK_LINES: Final = 64
"""How many lines are read before they are answered: memory stays bounded, and each step runs over many."""

_TOO_LONG: Final = f"the line is longer than {MAX_JSON_BYTES} bytes"
_KEPT_LINES: Final = 1024
_KEPT_LINE_LENGTH: Final = 1024
# The list-valued parts of the result document, in document order; item i of each renders
# element i of the Assessment attribute of the same name.
_LISTS: Final = ("reasons", "unanswered", "outside_intended_use", "cautions")
_MARK: Final = "\x00{}\x00"


class _Renderer:
    """Result lines holding the JSON text of ``assessment_to_dict()``, put together from the texts of its parts."""

    def __init__(self) -> None:
        # The frame around the lists, by the rest of what the document shows; the next step is
        # compared by identity (hashing a content record costs more than rendering with it).
        self._frames: dict[tuple[object, ...], tuple[object, tuple[str, ...]]] = {}
        self._reasons: dict[object, str] = {}
        self._unanswered: dict[str, str] = {}
        self._outside: dict[str, str] = {}
        self._cautions: dict[int, tuple[object, str]] = {}

    def line(self, number: int, assessment: Assessment) -> str:
        """The output line ``{"line": number, "assessment": {...}}`` with its newline."""
        pieces = self._pieces(assessment)
        if pieces is None:
            self._learn(assessment)
            pieces = self._pieces(assessment)
            if pieces is None:  # pragma: no cover (learning makes every part known)
                msg = "the result document has a part the batch renderer cannot compose"
                raise RuntimeError(msg)
        pieces[0] = f'{{"line": {number}, "assessment": {pieces[0]}'
        pieces.append("}\n")
        return "".join(pieces)  # one copy of the whole line: they are several kilobytes long

    def _pieces(self, a: Assessment) -> list[str] | None:
        frame = self._frames.get((a.urgency, a.needs_medical_attention, a.complete, a.rules_version))
        if frame is None or frame[0] is not a.next_step:
            return None
        cautions = []
        for caution in a.cautions:
            known = self._cautions.get(id(caution))
            if known is None or known[0] is not caution:
                return None
            cautions.append(known[1])
        try:
            reasons = ", ".join([self._reasons[reason] for reason in a.reasons])
            unanswered = ", ".join([self._unanswered[name] for name in a.unanswered])
            outside = ", ".join([self._outside[group] for group in a.outside_intended_use])
        except KeyError:
            return None
        head, after_reasons, after_unanswered, after_outside, tail = frame[1]
        return [
            head,
            reasons,
            after_reasons,
            unanswered,
            after_unanswered,
            outside,
            after_outside,
            ", ".join(cautions),
            tail,
        ]

    def _learn(self, a: Assessment) -> None:
        """Render ``a`` whole once, and keep the texts of its frame and of each item of its lists."""
        document = assessment_to_dict(a)
        frame: dict[str, Any] = {**document, **{name: _MARK.format(name) for name in _LISTS}}
        text = json.dumps(frame, ensure_ascii=False)
        for name in _LISTS:
            text = text.replace(json.dumps(_MARK.format(name)), "[\x00]", 1)
        pieces = tuple(text.split("\x00"))
        self._frames[a.urgency, a.needs_medical_attention, a.complete, a.rules_version] = (a.next_step, pieces)

        def dumped(name: str) -> list[str]:
            return [json.dumps(item, ensure_ascii=False) for item in document[name]]

        self._reasons.update(zip(a.reasons, dumped("reasons"), strict=True))
        self._unanswered.update(zip(a.unanswered, dumped("unanswered"), strict=True))
        self._outside.update(zip(a.outside_intended_use, dumped("outside_intended_use"), strict=True))
        self._cautions.update(
            (id(caution), (caution, text)) for caution, text in zip(a.cautions, dumped("cautions"), strict=True)
        )


def _too_long(line: bytes | str) -> bool:
    """Whether ``line``, without its line feed, is more than ``MAX_LINE_BYTES`` of UTF-8, as ``check --input`` tells."""
    if len(line) <= MAX_LINE_BYTES // 4:  # a character is at most 4 bytes of UTF-8
        return False
    if isinstance(line, str):
        line = line.encode("utf-8", "surrogatepass")
    return len(line) - line.endswith(b"\n") > MAX_LINE_BYTES


class _Parser:
    """Episodes from lines, keeping the episodes of the last short valid lines: the same line recurs in many batches."""

    def __init__(self) -> None:
        self._episodes: dict[bytes | str, Episode] = {}

    def __call__(self, line: bytes | str | None) -> Episode | InvalidEpisodeError:
        if line is None:
            return InvalidEpisodeError((("$", _TOO_LONG),))
        episode = self._episodes.get(line)
        if episode is not None:
            return episode
        try:
            if _too_long(line):
                raise InvalidEpisodeError((("$", _TOO_LONG),))  # noqa: TRY301 (one path for every invalid line)
            episode = episode_from_json(line.rstrip(b"\r\n") if isinstance(line, bytes) else line.rstrip("\r\n"))
        except InvalidEpisodeError as exc:
            return exc
        if len(line) <= _KEPT_LINE_LENGTH:
            if len(self._episodes) >= _KEPT_LINES:
                self._episodes.clear()
            self._episodes[line] = episode
        return episode


def _error_line(number: int, error: InvalidEpisodeError) -> str:
    errors = [{"path": path, "message": message} for path, message in error.errors]
    # ASCII escapes keep a key with a line separator (U+2028) from splitting the line for some readers.
    return json.dumps({"line": number, "errors": errors}) + "\n"


def line_results(
    lines: Iterable[bytes | str | None], *, start: int = 1
) -> Iterator[tuple[int, str, InvalidEpisodeError | None]]:
    """For each non-blank line: its number, its output line and the error it met (``None`` if valid).

    A line given as ``None`` stands for one too long to read whole; it is reported invalid,
    as is a line longer than ``MAX_LINE_BYTES`` (without its line ending). Lines are taken
    :data:`CHUNK_LINES` at a time; if reading fails, the lines read before are answered first.
    """
    render, parse = _Renderer(), _Parser()
    numbered = enumerate(lines, start)
    while True:
        chunk: list[tuple[int, bytes | str | None]] = []
        failure: Exception | None = None
        try:
            chunk.extend(itertools.islice(numbered, CHUNK_LINES))
        except Exception as exc:  # noqa: BLE001 (re-raised below, once the lines read before it are answered)
            failure = exc
        # Each step runs over the whole chunk: one step's code and data stay in the processor's
        # caches, where switching steps on every line costs a third more.
        parsed = [(number, parse(line)) for number, line in chunk if line is None or line.strip()]
        results = [(number, it if isinstance(it, InvalidEpisodeError) else assess(it)) for number, it in parsed]
        for number, result in results:
            if isinstance(result, InvalidEpisodeError):
                yield number, _error_line(number, result), result
            else:
                yield number, render.line(number, result), None
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
    for _, text, _ in line_results(lines, start=start):
        yield text
