"""The JSON Schema of the content document, built from the content model's attrs records and the rule table.

Each record's fields become properties; each field validator of the model becomes the
schema keywords that say the same, so the schema cannot drift from what the loader reads.
"""

from __future__ import annotations

import enum
import types
import typing
from collections.abc import Callable, Iterable
from datetime import date
from typing import Any, Final

import attrs

from spasmfacts import model
from spasmfacts.codes import _non_empty
from spasmfacts.content import COLLECTIONS
from spasmfacts.interop.document import DOCUMENT_COLLECTIONS
from spasmfacts.model import NOT_REVIEWED, SUMMARY_LIMIT, ClinicalReview, Metadata, Overview
from spasmfacts.rules import RULES_VERSION
from spasmfacts.vocabulary import Urgency

__all__ = ["ID", "TEXT", "anchored", "content_schema", "enum_schema", "nullable"]


def anchored(pattern: str) -> str:
    """``pattern`` matched against the whole string, the same in ECMA-262 and in Python's ``re.search``.

    ``$`` would also match before a final newline in Python, so the end is a look-ahead
    that no character follows.
    """
    return rf"^(?:{pattern})(?![\s\S])"


def nullable(schema: dict[str, Any]) -> dict[str, Any]:
    """``schema`` or ``null``, each branch with its own ``type`` (strict validators refuse union types)."""
    return {"anyOf": [schema, {"type": "null"}]}


def enum_schema(members: Iterable[enum.Enum]) -> dict[str, Any]:
    """A string that is one of the members' values."""
    return {"type": "string", "enum": [member.value for member in members]}


TEXT: Final = {"type": "string", "minLength": 1, "pattern": anchored(r"\S(?:[\s\S]*\S)?")}
"""Non-empty text without leading or trailing white space."""
ID: Final = {"type": "string", "pattern": anchored(model._ID.pattern)}  # noqa: SLF001 (the model's own id grammar)
"""A content id: lowercase words joined by hyphens."""
_FIELD_NAME: Final = {"type": "string", "pattern": anchored(model._FIELD_NAME.pattern)}  # noqa: SLF001
_DATE: Final = {"type": "string", "format": "date", "pattern": anchored("[0-9]{4}-[0-9]{2}-[0-9]{2}")}
_PLAIN: Final[dict[object, dict[str, Any]]] = {str: {"type": "string"}, type(None): {"type": "null"}, date: _DATE}

# What each field validator of the model means, as schema keywords.
_VALIDATOR_KEYWORDS: Final[dict[Callable[..., None], dict[str, Any]]] = {
    model._check_id: ID,  # noqa: SLF001
    model._check_text: TEXT,  # noqa: SLF001
    model._check_summary: {**TEXT, "maxLength": SUMMARY_LIMIT - 1},  # noqa: SLF001
    model._check_texts: {"type": "array", "items": TEXT},  # noqa: SLF001
    model._check_non_empty: {"type": "array", "minItems": 1},  # noqa: SLF001
    model._check_citations: {"type": "array", "minItems": 1},  # noqa: SLF001
    model._check_field_name: _FIELD_NAME,  # noqa: SLF001
    model._check_optional_text: nullable(TEXT),  # noqa: SLF001
    _non_empty: {"type": "string", "pattern": r"\S"},
}


def _review_rule() -> dict[str, Any]:
    """A review record names its reviewer, role, date and rules version exactly when it is signed."""
    signature = [field.name for field in attrs.fields(ClinicalReview) if field.name != "status"]
    return {
        "if": {"type": "object", "properties": {"status": {"const": NOT_REVIEWED}}},
        "then": {"type": "object", "properties": {name: {"type": "null"} for name in signature}},
        "else": {"type": "object", "properties": {name: {"not": {"type": "null"}} for name in signature}},
    }


_RECORD_RULES: Final[dict[type, Callable[[], dict[str, Any]]]] = {ClinicalReview: _review_rule}


class _Records:
    """Schemas of attrs records, collected into ``$defs`` and referred to by name."""

    def __init__(self) -> None:
        self.defs: dict[str, Any] = {}

    def ref(self, record: type[attrs.AttrsInstance]) -> dict[str, Any]:
        name = record.__name__
        if name not in self.defs:
            hints = typing.get_type_hints(record)
            properties = {field.name: self._field(field, hints[field.name]) for field in attrs.fields(record)}
            rule = _RECORD_RULES.get(record)
            self.defs[name] = {
                "type": "object",
                "description": (record.__doc__ or name).splitlines()[0].replace("``", "`"),
                "properties": properties,
                "required": list(properties),
                "additionalProperties": False,
                **(rule() if rule is not None else {}),
            }
        return {"$ref": f"#/$defs/{name}"}

    def _field(self, field: attrs.Attribute[Any], type_: Any) -> dict[str, Any]:
        schema = self._type(type_)
        # attrs keeps a list of validators as one and_() validator holding them.
        for validator in getattr(field.validator, "_validators", (field.validator,)):
            if validator is not None:
                schema = {**schema, **_VALIDATOR_KEYWORDS[validator]}
        return schema

    def _type(self, type_: Any) -> dict[str, Any]:
        origin, args = typing.get_origin(type_), typing.get_args(type_)
        plain = _PLAIN.get(type_)
        if plain is not None:
            return plain
        if origin is tuple:
            return {"type": "array", "items": self._type(args[0])}
        if origin is types.UnionType:
            return {"anyOf": [self._type(arg) for arg in args]}
        if isinstance(type_, type) and issubclass(type_, enum.Enum):
            return enum_schema(type_)
        return self.ref(type_)


def content_schema() -> dict[str, Any]:
    """The properties, ``required`` list and ``$defs`` of the content document's schema."""
    records = _Records()
    properties: dict[str, Any] = {"metadata": records.ref(Metadata), "overview": records.ref(Overview)}
    for name in DOCUMENT_COLLECTIONS:
        properties[name] = {"type": "array", "items": records.ref(COLLECTIONS[name][1])}
    properties["rules_version"] = {"type": "string", "const": RULES_VERSION}
    properties["rules"] = {
        "type": "array",
        "description": "The rule table: one row per warning sign, with the same id and urgency.",
        "items": {
            "type": "object",
            "properties": {
                "label": {"type": "string", "pattern": anchored("[A-Z][0-9]+[a-z]?")},
                "id": ID,
                "urgency": enum_schema(Urgency),
                "fires_when": TEXT,
                "sources": {"type": "array", "items": ID},
                "decision": nullable(TEXT),
            },
            "required": ["label", "id", "urgency", "fires_when", "sources", "decision"],
            "additionalProperties": False,
        },
    }
    return {
        "type": "object",
        "properties": properties,
        "required": list(properties),
        "additionalProperties": False,
        "$defs": records.defs,
    }
