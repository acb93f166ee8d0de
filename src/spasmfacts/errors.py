"""The exceptions spasmfacts raises: one base class, one subclass per kind of failure."""

from __future__ import annotations

__all__ = ["ContentError", "InvalidEpisodeError", "SpasmFactsError", "UnknownEntryError", "json_type"]

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
    """What ``value`` is in JSON's words, for error messages (``a string``, ``an array``, ``null``); else its type."""
    return _JSON_TYPE_NAMES.get(type(value)) or f"a {type(value).__name__}"


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
