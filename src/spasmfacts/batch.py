"""``assess_lines()``: JSON Lines of episodes in, one numbered JSON line of results out, in constant memory.

This is the core of ``spasmfacts check --input``, public so that engines (Dask, Spark, a
worker pool) can run it on partitions: it is a plain module-level function, so it pickles
by reference and captures no open file, lock or loaded catalog.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Final

from spasmfacts.assessment import Assessment, assess
from spasmfacts.boundary import MAX_JSON_BYTES, episode_from_json
from spasmfacts.errors import InvalidEpisodeError
from spasmfacts.report import assessment_to_dict

__all__ = ["MAX_LINE_BYTES", "assess_lines", "line_results"]

MAX_LINE_BYTES: Final = MAX_JSON_BYTES + 2
"""The longest line read whole: a full 64 KiB document and its line ending."""

_RENDERED_LIMIT: Final = 1024
_WHITESPACE: Final = b" \t\r\n\f\v"


class _Renderer:
    """Turns assessments into their JSON text, reusing the text of results already seen."""

    def __init__(self) -> None:
        self._texts: dict[Assessment, str] = {}

    def __call__(self, assessment: Assessment) -> str:
        text = self._texts.get(assessment)
        if text is None:
            if len(self._texts) >= _RENDERED_LIMIT:  # bounds memory on widely varied input
                self._texts.clear()
            text = self._texts[assessment] = json.dumps(assessment_to_dict(assessment), ensure_ascii=False)
        return text


def line_results(
    lines: Iterable[bytes | str | None], *, start: int = 1
) -> Iterator[tuple[int, str, InvalidEpisodeError | None]]:
    """For each non-blank line: its number, its output line and the error it met (``None`` if valid).

    A line given as ``None`` stands for one too long to read whole; it is reported invalid.
    """
    render = _Renderer()
    for number, line in enumerate(lines, start):
        if line is not None and not line.strip():
            continue
        try:
            if line is None:
                raise InvalidEpisodeError((("$", f"the line is longer than {MAX_JSON_BYTES} bytes"),))  # noqa: TRY301 (one path for every invalid line)
            document = line.rstrip(b"\r\n") if isinstance(line, bytes) else line.rstrip("\r\n")
            text = render(assess(episode_from_json(document)))
        except InvalidEpisodeError as exc:
            errors = [{"path": path, "message": message} for path, message in exc.errors]
            # ASCII escapes keep a key with a line separator (U+2028) from splitting the line for some readers.
            yield number, json.dumps({"line": number, "errors": errors}) + "\n", exc
        else:
            yield number, f'{{"line": {number}, "assessment": {text}}}\n', None


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
