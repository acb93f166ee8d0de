"""``json_schema(name)``: JSON Schema (Draft 2020-12) for the content document, episodes and assessments.

Every schema is built from the model itself (the enums, the attrs fields and their
validators, the boundary's field list and duration grammar, the rule table), so it cannot
drift from what the library reads and writes.
"""

from __future__ import annotations

import copy
import enum
import types
import typing
from collections.abc import Callable
from datetime import date
from typing import Any, Final

import attrs

from spasmfacts import model
from spasmfacts.boundary import DURATION_PATTERN, EPISODE_FIELDS
from spasmfacts.codes import _non_empty
from spasmfacts.content import COLLECTIONS
from spasmfacts.episode import MAX_DURATION
from spasmfacts.interop.document import DOCUMENT_COLLECTIONS
from spasmfacts.interop.urls import SCHEMA_BASE_URL
from spasmfacts.model import SUMMARY_LIMIT, Metadata, Overview
from spasmfacts.rules import RULES
from spasmfacts.vocabulary import BodyArea, Finding, Severity, Urgency

__all__ = ["SCHEMA_NAMES", "json_schema"]

SCHEMA_NAMES: Final = ("content", "episode", "assessment")
"""The names :func:`json_schema` knows."""

_DIALECT: Final = "https://json-schema.org/draft/2020-12/schema"
_MAX_SECONDS: Final = int(MAX_DURATION.total_seconds())


def anchored(pattern: str) -> str:
    """``pattern`` matched against the whole string, the same in ECMA-262 and in Python's ``re.search``.

    ``$`` would also match before a final newline in Python, so the end is a look-ahead
    that no character follows.
    """
    return rf"^(?:{pattern})(?![\s\S])"


_TEXT: Final = {"type": "string", "minLength": 1, "pattern": anchored(r"\S(?:[\s\S]*\S)?")}
_ID: Final = {"type": "string", "pattern": anchored(model._ID.pattern)}  # noqa: SLF001 (the model's own id grammar)
_DATE: Final = {"type": "string", "format": "date", "pattern": anchored("[0-9]{4}-[0-9]{2}-[0-9]{2}")}
_PLAIN: Final[dict[object, dict[str, Any]]] = {str: {"type": "string"}, type(None): {"type": "null"}, date: _DATE}

# What each field validator of the model means, as schema keywords.
_VALIDATOR_KEYWORDS: Final[dict[Callable[..., None], dict[str, Any]]] = {
    model._check_id: _ID,  # noqa: SLF001
    model._check_text: _TEXT,  # noqa: SLF001
    model._check_summary: {**_TEXT, "maxLength": SUMMARY_LIMIT - 1},  # noqa: SLF001
    model._check_texts: {"items": _TEXT},  # noqa: SLF001
    model._check_citations: {"minItems": 1},  # noqa: SLF001
    _non_empty: {"type": "string", "pattern": r"\S"},
}


def _enum(members: typing.Iterable[enum.Enum]) -> dict[str, Any]:
    return {"type": "string", "enum": [member.value for member in members]}


class _Records:
    """Schemas of attrs records, collected into ``$defs`` and referred to by name."""

    def __init__(self) -> None:
        self.defs: dict[str, Any] = {}

    def ref(self, record: type[attrs.AttrsInstance]) -> dict[str, Any]:
        name = record.__name__
        if name not in self.defs:
            hints = typing.get_type_hints(record)
            properties = {field.name: self._field(field, hints[field.name]) for field in attrs.fields(record)}
            self.defs[name] = {
                "type": "object",
                "description": (record.__doc__ or name).splitlines()[0].replace("``", "`"),
                "properties": properties,
                "required": list(properties),
                "additionalProperties": False,
            }
        return {"$ref": f"#/$defs/{name}"}

    def _field(self, field: attrs.Attribute[Any], type_: Any) -> dict[str, Any]:
        schema = self._type(type_)
        if field.validator is not None:
            schema = {**schema, **_VALIDATOR_KEYWORDS[field.validator]}
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
            return _enum(type_)
        return self.ref(type_)


def _header(name: str, title: str, description: str) -> dict[str, Any]:
    return {
        "$schema": _DIALECT,
        "$id": f"{SCHEMA_BASE_URL}{name}.schema.json",
        "title": title,
        "description": description,
    }


def _content_schema() -> dict[str, Any]:
    records = _Records()
    properties: dict[str, Any] = {"metadata": records.ref(Metadata), "overview": records.ref(Overview)}
    for name in DOCUMENT_COLLECTIONS:
        properties[name] = {"type": "array", "items": records.ref(COLLECTIONS[name][1])}
    properties["rules"] = {
        "type": "array",
        "description": "The rule table: one row per warning sign, with the same id and urgency.",
        "items": {
            "type": "object",
            "properties": {
                "label": {"type": "string", "pattern": anchored("[A-Z][0-9]+")},
                "id": _ID,
                "urgency": _enum(Urgency),
                "fires_when": _TEXT,
                "sources": {"type": "array", "items": _ID, "minItems": 1},
            },
            "required": ["label", "id", "urgency", "fires_when", "sources"],
            "additionalProperties": False,
        },
    }
    return {
        **_header(
            "content",
            "spasmfacts content",
            "The whole content of spasmfacts, as spasmfacts.interop.content_document() and "
            "`spasmfacts export content` write it. Health information, not medical advice.",
        ),
        "type": "object",
        "properties": properties,
        "required": list(properties),
        "additionalProperties": False,
        "$defs": records.defs,
    }


_DURATION_NOTE: Final = (
    f"The one difference from spasmfacts.episode_from_dict(): an ISO 8601 string over the cap of "
    f"{_MAX_SECONDS} seconds (such as 'PT100000001S') matches the pattern, but spasmfacts rejects it."
)


def _episode_schema() -> dict[str, Any]:
    flag = {"type": "boolean"}
    properties: dict[str, Any] = {
        "severity": {
            "description": "How bad the worst spasm was; null or left out when not reported.",
            "enum": [*(member.value for member in Severity), None],
        },
        "duration": {
            "description": "How long the longest single spasm lasted: an ISO 8601 duration (days, hours, "
            "minutes, seconds, like 'PT12M') or a number of seconds; null or left out when not reported. "
            + _DURATION_NOTE,
            "anyOf": [
                {"type": "string", "pattern": anchored(DURATION_PATTERN)},
                {"type": "number", "minimum": 0, "maximum": _MAX_SECONDS},
                {"type": "null"},
            ],
        },
        "body_areas": {
            "description": "Where the spasms are (a repeated value counts once).",
            "type": "array",
            "items": _enum(BodyArea),
        },
        "accompanied_by": {
            "description": "What else is reported together with the spasms (a repeated value counts once).",
            "type": "array",
            "items": _enum(Finding),
        },
        "improves_with_self_care": {
            "description": "Whether self-care helped: false means it was tried and did not; null or left out, "
            "not reported.",
            "type": ["boolean", "null"],
        },
    }
    ordered = {name: properties.get(name, flag) for name in EPISODE_FIELDS}
    return {
        **_header(
            "episode",
            "spasmfacts episode",
            "What a person reports about a muscle spasm episode: the input of `spasmfacts check` and "
            "spasmfacts.episode_from_dict(). Every field is optional; a field left out means 'not reported'. "
            + _DURATION_NOTE,
        ),
        "type": "object",
        "properties": ordered,
        "additionalProperties": False,
    }


def _assessment_schema() -> dict[str, Any]:
    source = {
        "type": "object",
        "properties": {"id": _ID, "title": _TEXT, "url": {"type": ["string", "null"], "format": "uri"}},
        "required": ["id", "title", "url"],
        "additionalProperties": False,
    }
    summary = {**_TEXT, "maxLength": SUMMARY_LIMIT - 1}
    sources = {"type": "array", "items": {"$ref": "#/$defs/source"}, "minItems": 1}
    rule_urgencies = [urgency for urgency in Urgency if any(rule.urgency is urgency for rule in RULES)]
    reason = {
        "type": "object",
        "properties": {
            "id": {"type": "string", "enum": [rule.id for rule in RULES]},
            "urgency": _enum(rule_urgencies),
            "summary": summary,
            "sources": sources,
        },
        "required": ["id", "urgency", "summary", "sources"],
        "additionalProperties": False,
    }
    next_step = {
        "type": "object",
        "properties": {"id": _ID, "urgency": _enum(Urgency), "summary": summary, "advice": _TEXT, "sources": sources},
        "required": ["id", "urgency", "summary", "advice", "sources"],
        "additionalProperties": False,
    }
    properties = {
        "needs_medical_attention": {"type": "boolean"},
        "urgency": _enum(Urgency),
        "reasons": {"type": "array", "items": {"$ref": "#/$defs/reason"}},
        "next_step": {"$ref": "#/$defs/next_step"},
    }
    return {
        **_header(
            "assessment",
            "spasmfacts assessment",
            "The graded result for one episode, as spasmfacts.assessment_to_dict() and `spasmfacts check --json` "
            "write it: the urgency, the reasons (highest urgency first) with their sources, and the next step. "
            f"'{Urgency.SELF_CARE.value}' means none of the listed warning signs was reported, never 'you are fine'. "
            "Health information, not medical advice.",
        ),
        "type": "object",
        "properties": properties,
        "required": list(properties),
        "additionalProperties": False,
        "if": {"properties": {"needs_medical_attention": {"const": False}}},
        "then": {
            "properties": {
                "urgency": {"const": Urgency.SELF_CARE.value},
                "reasons": {"maxItems": 0},
                "next_step": {"properties": {"urgency": {"const": Urgency.SELF_CARE.value}}},
            }
        },
        "else": {
            "properties": {
                "urgency": {"not": {"const": Urgency.SELF_CARE.value}},
                "reasons": {"minItems": 1},
                "next_step": {"properties": {"urgency": {"not": {"const": Urgency.SELF_CARE.value}}}},
            }
        },
        "$defs": {"source": source, "reason": reason, "next_step": next_step},
    }


_BUILDERS: Final[dict[str, Callable[[], dict[str, Any]]]] = {
    "content": _content_schema,
    "episode": _episode_schema,
    "assessment": _assessment_schema,
}


def json_schema(name: str) -> dict[str, Any]:
    """The JSON Schema (Draft 2020-12) named ``name``: ``"content"``, ``"episode"`` or ``"assessment"``.

    ``content`` describes :func:`~spasmfacts.interop.content_document`; ``episode`` the
    input of :func:`~spasmfacts.episode_from_dict` (it accepts exactly what that accepts,
    except an ISO 8601 duration over the 100,000,000-second cap, which only spasmfacts
    rejects); ``assessment`` the output of :func:`~spasmfacts.assessment_to_dict`. Each
    call returns a new dict. Any other name raises ``ValueError`` listing the valid ones.

    >>> json_schema("episode")["$id"]
    'https://spasmfacts.readthedocs.io/schema/episode.schema.json'
    """
    builder = _BUILDERS.get(name) if name.__class__ is str else None
    if builder is None:
        msg = f"no JSON Schema named {name!r}; choose one of: {', '.join(SCHEMA_NAMES)}"
        raise ValueError(msg)
    return copy.deepcopy(builder())
