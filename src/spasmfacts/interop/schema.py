"""``json_schema(name)``: JSON Schema (Draft 2020-12) for the content document, episodes and assessments.

Every schema is built from the model itself (the enums, the attrs records and their
validators, the boundary's field list and duration grammar, the rule table, the result
document's wording), so it cannot drift from what the library reads and writes. Every
keyword that applies to one JSON type stands beside its ``type``, so strict validators
(ajv's ``strict: true``) accept the schemas.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any, Final

from spasmfacts.assessment import UNANSWERED_ORDER
from spasmfacts.boundary import DURATION_PATTERN
from spasmfacts.content_checks import REQUIRED_CAUTIONS
from spasmfacts.episode import EPISODE_FIELDS, MAX_DURATION_SECONDS
from spasmfacts.interop._records import ID, TEXT, anchored, content_schema, enum_schema, nullable
from spasmfacts.interop.urls import SCHEMA_BASE_URL
from spasmfacts.model import SUMMARY_LIMIT
from spasmfacts.rules import RULES, RULES_VERSION
from spasmfacts.vocabulary import AgeGroup, BodyArea, Finding, Medicine, Severity, Urgency

__all__ = ["SCHEMA_NAMES", "anchored", "json_schema"]

SCHEMA_NAMES: Final = ("content", "episode", "assessment")
"""The names :func:`json_schema` knows."""

_DIALECT: Final = "https://json-schema.org/draft/2020-12/schema"
_HEALTH_NOTE: Final = "Health information, not medical advice."
_LABELS: Final = ("incomplete", "unanswered", "reasons", "cautions", "review")
"""The keys of the result document's ``labels``."""


def _header(name: str, title: str, description: str) -> dict[str, Any]:
    return {
        "$schema": _DIALECT,
        "$id": f"{SCHEMA_BASE_URL}{name}.schema.json",
        "title": title,
        "description": description,
    }


def _content() -> dict[str, Any]:
    return {
        **_header(
            "content",
            "spasmfacts content",
            "The whole content of spasmfacts, as spasmfacts.interop.content_document() and "
            f"`spasmfacts export content` write it. {_HEALTH_NOTE}",
        ),
        **content_schema(),
    }


_DURATION_NOTE: Final = (
    f"The one difference from spasmfacts.episode_from_dict(): an ISO 8601 string over the cap of "
    f"{MAX_DURATION_SECONDS} seconds (such as 'PT100000001S') matches the pattern, but spasmfacts rejects it."
)


def _choice(description: str, members: list[Any]) -> dict[str, Any]:
    return {"description": description, "enum": [member.value for member in members] + [None]}


def _members(description: str, members: list[Any]) -> dict[str, Any]:
    return {"description": description, **nullable({"type": "array", "items": enum_schema(members)})}


def _episode() -> dict[str, Any]:
    properties: dict[str, Any] = {
        "severity": _choice("How bad the worst spasm was.", list(Severity)),
        "duration": {
            "description": "How long the longest single spasm lasted: an ISO 8601 duration (days, hours, "
            "minutes, seconds, like 'PT12M') or a number of seconds. " + _DURATION_NOTE,
            "anyOf": [
                {"type": "string", "pattern": anchored(DURATION_PATTERN)},
                {"type": "number", "minimum": 0, "maximum": MAX_DURATION_SECONDS},
                {"type": "null"},
            ],
        },
        "body_areas": _members(
            "Where the spasms are (a repeated value counts once); [] or null: not answered.", list(BodyArea)
        ),
        "accompanied_by": _members(
            "What else came with the spasms (a repeated value counts once); [] means 'none of these'.", list(Finding)
        ),
        "medicines": _members(
            "Which of these medicines the person takes (a repeated value counts once); [] means 'none of these'.",
            list(Medicine),
        ),
        "age_group": _choice("How old the person with the spasms is.", list(AgeGroup)),
        "improves_with_self_care": {
            "description": "Whether self-care helped: false means it was tried and did not.",
            **nullable({"type": "boolean"}),
        },
    }
    flag = nullable({"type": "boolean"})
    ordered = {name: properties.get(name, flag) for name in EPISODE_FIELDS}
    return {
        **_header(
            "episode",
            "spasmfacts episode",
            "What a person reports about a muscle spasm episode: the input of `spasmfacts check` and "
            "spasmfacts.episode_from_dict(). Every field is optional; null or a missing key means 'not answered', "
            "which is never read as 'no'. " + _DURATION_NOTE,
        ),
        "type": "object",
        "properties": ordered,
        "additionalProperties": False,
    }


def _object(properties: dict[str, Any], description: str | None = None) -> dict[str, Any]:
    return {
        "type": "object",
        **({"description": description} if description else {}),
        "properties": properties,
        "required": list(properties),
        "additionalProperties": False,
    }


def _assessment_defs() -> dict[str, Any]:
    summary = {**TEXT, "maxLength": SUMMARY_LIMIT - 1}
    sources = {"type": "array", "items": {"$ref": "#/$defs/source"}, "minItems": 1}
    return {
        "source": _object(
            {
                "id": ID,
                "title": TEXT,
                "publisher": TEXT,
                "url": nullable({"type": "string", "format": "uri"}),
            }
        ),
        "next_step": _object(
            {"id": ID, "urgency": enum_schema(Urgency), "summary": summary, "advice": TEXT, "sources": sources}
        ),
        "reason": _object(
            {
                "id": {"type": "string", "enum": [rule.id for rule in RULES]},
                "name": TEXT,
                "urgency": enum_schema(urgency for urgency in Urgency if any(r.urgency is urgency for r in RULES)),
                "summary": summary,
                "advice": TEXT,
                "sources": sources,
            },
            "One row of the rule table that fired, with the advice of its warning sign.",
        ),
        "unanswered": _object(
            {"field": {"type": "string", "enum": list(UNANSWERED_ORDER)}, "question": TEXT},
            "A question left unanswered, so not checked.",
        ),
        "outside_intended_use": _object(
            {"age_group": {"type": "string", "enum": [AgeGroup.BABY.value, AgeGroup.CHILD.value]}, "note": TEXT},
            "The person is outside the intended use (under 16); the rules still ran.",
        ),
        "caution": _object(
            {
                "id": {"type": "string", "enum": list(REQUIRED_CAUTIONS)},
                "name": TEXT,
                "summary": summary,
                "text": TEXT,
                "sources": sources,
            },
            "A caution to show with the result.",
        ),
    }


def _per_urgency() -> list[dict[str, Any]]:
    """Each urgency comes with its own next step; no reason means self-care, and back."""
    rules = [
        {
            "if": {"type": "object", "properties": {"urgency": {"const": urgency.value}}},
            "then": {
                "type": "object",
                "properties": {
                    "next_step": {"type": "object", "properties": {"urgency": {"const": urgency.value}}},
                },
            },
        }
        for urgency in Urgency
    ]
    rules.append(
        {
            "if": {"type": "object", "properties": {"needs_medical_attention": {"const": False}}},
            "then": {
                "type": "object",
                "properties": {
                    "urgency": {"const": Urgency.SELF_CARE.value},
                    "reasons": {"type": "array", "maxItems": 0},
                },
            },
            "else": {
                "type": "object",
                "properties": {
                    "urgency": {"not": {"const": Urgency.SELF_CARE.value}},
                    "reasons": {"type": "array", "minItems": 1},
                },
            },
        }
    )
    return rules


def _assessment() -> dict[str, Any]:
    properties = {
        "rules_version": {"type": "string", "const": RULES_VERSION},
        "content_version": TEXT,
        "urgency": enum_schema(Urgency),
        "needs_medical_attention": {"type": "boolean"},
        "complete": {"type": "boolean"},
        "headline": TEXT,
        "next_step": {"$ref": "#/$defs/next_step"},
        "reasons": {"type": "array", "items": {"$ref": "#/$defs/reason"}},
        "unanswered": {"type": "array", "items": {"$ref": "#/$defs/unanswered"}},
        "outside_intended_use": {"type": "array", "items": {"$ref": "#/$defs/outside_intended_use"}, "maxItems": 1},
        "cautions": {"type": "array", "items": {"$ref": "#/$defs/caution"}},
        "disclaimer": TEXT,
        "review_status": TEXT,
        "labels": _object(
            dict.fromkeys(_LABELS, TEXT), "The headings and notices the readable forms put around the texts."
        ),
    }
    return {
        **_header(
            "assessment",
            "spasmfacts assessment",
            "The graded result for one episode, as spasmfacts.assessment_to_dict(), `spasmfacts check --json` and "
            "the batch lines write it, in the order an app shows it: the urgency and its next step first, then "
            "the reasons (highest urgency first) with their advice and sources, the questions left unanswered, "
            "the intended-use note, the cautions, the disclaimer, the review status and the labels to show them with. "
            f"'{Urgency.SELF_CARE.value}' means none of the listed warning signs was reported, never 'you are "
            f"fine'; with 'complete' false, warning signs could not be checked. {_HEALTH_NOTE}",
        ),
        **_object(properties),
        "allOf": _per_urgency(),
        "$defs": _assessment_defs(),
    }


_BUILDERS: Final[dict[str, Callable[[], dict[str, Any]]]] = {
    "content": _content,
    "episode": _episode,
    "assessment": _assessment,
}


def json_schema(name: str) -> dict[str, Any]:
    """The JSON Schema (Draft 2020-12) named ``name``: ``"content"``, ``"episode"`` or ``"assessment"``.

    ``content`` describes :func:`~spasmfacts.interop.content_document`; ``episode`` the
    input of :func:`~spasmfacts.episode_from_dict` (it accepts exactly what that accepts,
    except an ISO 8601 duration over the 100,000,000-second cap, which only spasmfacts
    rejects); ``assessment`` the whole document :func:`~spasmfacts.assessment_to_dict`
    writes. Each ``$id`` is its canonical address, where the docs site publishes it. Each
    call returns a new dict. Any other name raises ``ValueError`` listing the valid ones.

    >>> json_schema("episode")["$id"]
    'https://spasmfacts.readthedocs.io/schema/episode.schema.json'
    """
    builder = _BUILDERS.get(name) if name.__class__ is str else None
    if builder is None:
        msg = f"no JSON Schema named {name!r}; choose one of: {', '.join(SCHEMA_NAMES)}"
        raise ValueError(msg)
    return copy.deepcopy(builder())
