"""The exceptions spasmfacts raises: one base class, one subclass per kind of failure."""

from __future__ import annotations

import sys

__all__ = [
    "MAX_ERRORS",
    "ContentError",
    "InvalidEpisodeError",
    "SpasmFactsError",
    "UnknownEntryError",
    "json_type",
    "shown_key",
    "shown_value",
]

MAX_ERRORS = 20
"""The most problems one :class:`InvalidEpisodeError` lists; past it, one more entry counts the rest."""

_SHOWN_LENGTH = 60

_JSON_TYPE_NAMES = {
    type(None): "null",
    bool: "a boolean",
    int: "a number",
    float: "a number",
    str: "a string",
    list: "an array",
    tuple: "an array",
    dict: "an object",
}


def json_type(value: object) -> str:
    """What ``value`` is in JSON's words, for error messages (``a string``, ``an array``, ``null``); else its type.

    Any number (a ``Decimal`` from ``json.loads(..., parse_float=Decimal)`` included) is ``a number``.
    """
    name = _JSON_TYPE_NAMES.get(type(value))
    if name is not None:
        return name
    # A Decimal or Fraction can exist only once its module has imported `numbers`, so the
    # check costs no import (every `import spasmfacts` pays for one).
    numbers = sys.modules.get("numbers")
    if numbers is not None and isinstance(value, numbers.Number) and not isinstance(value, bool | complex):
        return "a number"
    return f"a {type(value).__name__}"


def _escaped(text: str) -> str:
    # Control, line-separator and direction-changing characters are not printable: show their escapes.
    return text if text.isprintable() else "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


def shown_key(key: str) -> str:
    """A key from outside data as it may appear in a message: escaped, and cut short if long."""
    cut = key[:_SHOWN_LENGTH]
    return _escaped(cut) + ("..." if len(key) > _SHOWN_LENGTH else "")


def shown_value(value: object) -> str:
    """A value from outside data as a message quotes it: its ``repr``, escaped, cut short if long."""
    if isinstance(value, str) and len(value) > _SHOWN_LENGTH:
        return repr(value[:_SHOWN_LENGTH])[:-1] + "...'"
    return _escaped(repr(value))


class SpasmFactsError(Exception):
    """Base class of every error spasmfacts raises on purpose."""


class ContentError(SpasmFactsError):
    """The bundled content is missing, unreadable or does not match the model.

    The message names the data file and the path inside it, for example
    ``causes.json: [3].citations[0].source: unknown source 'nhs'``.
    """


class UnknownEntryError(SpasmFactsError, LookupError):
    """A catalog has no entry with the requested id; the message suggests close ids."""


class InvalidEpisodeError(SpasmFactsError, ValueError):
    """An episode from outside data is not valid.

    ``errors`` holds one ``(path, message)`` pair per problem. A path is a field name with
    indexes (``accompanied_by[1]``), or ``$`` for the document as a whole. The message of the
    exception lists every pair.
    """

    errors: tuple[tuple[str, str], ...]

    def __init__(self, errors: tuple[tuple[str, str], ...] | list[tuple[str, str]]) -> None:
        self.errors = tuple(errors)
        super().__init__("; ".join(f"{path}: {message}" for path, message in self.errors))

    def __reduce__(self) -> tuple[type[InvalidEpisodeError], tuple[tuple[tuple[str, str], ...]]]:
        return (type(self), (self.errors,))
