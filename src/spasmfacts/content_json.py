"""Decoding a data file: strict JSON, where every way decoding can fail is a ``ContentError`` naming the file.

Content is data a maintainer edits by hand, so what ``json`` would let pass silently (a
repeated key, ``NaN``) is refused, and the message says where.
"""

from __future__ import annotations

import json
import re
from typing import Final

from spasmfacts.errors import ContentError
from spasmfacts.json_objects import DuplicateKeyError, object_without_duplicates

__all__ = ["decode"]


class _LiteralError(ValueError):
    """A literal json.loads would take that the content may not hold: NaN, Infinity, an integer too long to read."""

    def __init__(self, literal: str, problem: str) -> None:
        super().__init__(problem)
        self.literal = literal


def _reject_constant(name: str) -> float:
    raise _LiteralError(name, f"{name} is not valid JSON")


def _parse_int(text: str) -> int:
    try:
        return int(text)
    except ValueError:  # past sys.get_int_max_str_digits(): json.loads would say only "Exceeds the limit"
        digits = len(text.lstrip("-"))
        raise _LiteralError(text, f"the number is too large ({digits} digits)") from None


# A JSON string, or a literal _LiteralError may name: a constant, or an integer (not the start of a float).
# Kept as text and compiled only when a file holds such a literal: valid content never needs it.
_STRING_OR_LITERAL: Final = r'"(?:[^"\\]|\\.)*"|(NaN|-?Infinity|-?[0-9]+(?![.eE0-9]))'


def _literal_position(text: str, literal: str) -> int:
    """Where ``literal`` first stands outside a string (json.loads met it there, so it does)."""
    matches = re.finditer(_STRING_OR_LITERAL, text, re.DOTALL)
    return next(match.start(1) for match in matches if match.group(1) == literal)


def decode(filename: str, data: bytes) -> object:
    """The JSON document in ``data``; every way decoding can fail is a ContentError naming the file."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, column = _line_and_column(data[: exc.start].decode("utf-8"))
        msg = f"{filename}: not valid UTF-8 at line {line}, column {column} (byte {exc.start})"
        raise ContentError(msg) from None
    try:
        return json.loads(
            text, parse_constant=_reject_constant, parse_int=_parse_int, object_pairs_hook=object_without_duplicates
        )
    except DuplicateKeyError as exc:
        msg = f"{filename}: invalid JSON: the key {exc.key!r} appears twice in one object"
    except json.JSONDecodeError as exc:
        msg = f"{filename}: invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}"
    except _LiteralError as exc:
        line, column = _line_and_column(text[: _literal_position(text, exc.literal)])
        msg = f"{filename}: invalid JSON at line {line}, column {column}: {exc}"
    except RecursionError:
        msg = f"{filename}: invalid JSON: nested too deeply"
    except ValueError as exc:  # whatever else a later json module may refuse: still the file's fault
        msg = f"{filename}: invalid JSON: {exc}"
    raise ContentError(msg) from None


def _line_and_column(before: str) -> tuple[int, int]:
    """The 1-based line and column just after ``before``, the text that precedes a problem."""
    return before.count("\n") + 1, len(before) - before.rfind("\n")
