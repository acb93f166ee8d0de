"""JSON Schema for the content document, episodes and assessments: valid, strict, and in step with the model."""

from __future__ import annotations

import copy
import json
import math
import re
from typing import Any

import jsonschema
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from spasmfacts import (
    RULES,
    RULES_VERSION,
    AgeGroup,
    BodyArea,
    Episode,
    Finding,
    InvalidEpisodeError,
    Medicine,
    Policy,
    Severity,
    TreatmentKind,
    Urgency,
    assess,
    assessment_to_dict,
    episode_from_dict,
    episode_to_dict,
    interop,
)
from spasmfacts.assessment import UNANSWERED_ORDER
from spasmfacts.boundary import DURATION_PATTERN, EPISODE_FIELDS, parse_duration
from spasmfacts.interop.schema import SCHEMA_NAMES, anchored
from spasmfacts.model import SUMMARY_LIMIT
from strategies import episodes, near_valid_documents, policies

FORMATS = jsonschema.FormatChecker()
VALIDATORS = {
    name: jsonschema.Draft202012Validator(interop.json_schema(name), format_checker=FORMATS) for name in SCHEMA_NAMES
}
# The keywords that apply to one JSON type only: a strict validator (ajv's strict mode) wants
# the type stated beside each of them.
TYPE_KEYWORDS = {
    "object": {"properties", "required", "additionalProperties", "minProperties", "maxProperties"},
    "array": {"items", "prefixItems", "minItems", "maxItems", "uniqueItems", "contains"},
    "string": {"pattern", "minLength", "maxLength", "format"},
    "number": {"minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf"},
}


def _accepted(document: object) -> bool:
    try:
        episode_from_dict(document)
    except InvalidEpisodeError:
        return False
    return True


def _over_cap(value: object) -> bool:
    """An ISO 8601 duration string that matches the grammar but is longer than the cap."""
    if not isinstance(value, str) or re.fullmatch(DURATION_PATTERN, value) is None:
        return False
    try:
        parse_duration(value)
    except ValueError:
        return True
    return False


@pytest.mark.parametrize("name", SCHEMA_NAMES)
def test_schema_passes_the_meta_schema(name: str) -> None:
    """Each schema is a valid Draft 2020-12 schema."""
    schema = interop.json_schema(name)
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] == f"https://spasmfacts.readthedocs.io/schema/{name}.schema.json"
    assert schema["title"]
    assert schema["description"]


def _subschemas(node: object) -> list[dict[str, Any]]:
    """Every schema object inside ``node`` (skipping the values of properties, $defs and enum/const, which are maps)."""
    found: list[dict[str, Any]] = []
    if isinstance(node, dict):
        found.append(node)
        for key, value in node.items():
            if key in {"properties", "$defs"}:
                for child in value.values():
                    found += _subschemas(child)
            elif key not in {"enum", "const", "required", "description", "title"}:
                found += _subschemas(value)
    elif isinstance(node, list):
        for value in node:
            found += _subschemas(value)
    return found


@pytest.mark.parametrize("name", SCHEMA_NAMES)
def test_every_type_specific_keyword_stands_beside_its_type(name: str) -> None:
    """Strict validators accept the schemas: no maxItems, pattern, properties... without its type, no union types."""
    problems = []
    for schema in _subschemas(interop.json_schema(name)):
        kind = schema.get("type")
        if isinstance(kind, list):
            problems.append(f"union type {kind}")
        for json_type, keywords in TYPE_KEYWORDS.items():
            allowed = {json_type, "integer" if json_type == "number" else json_type}
            problems += [f"{keyword} with type {kind!r}" for keyword in keywords & set(schema) if kind not in allowed]
    assert problems == []


def test_the_strictness_check_finds_a_missing_type() -> None:
    """The check above is not vacuous: a maxItems without a type, as ajv reported, is found."""
    broken = {"if": {"properties": {"a": {"const": 1}}}, "then": {"properties": {"reasons": {"maxItems": 0}}}}
    assert [schema for schema in _subschemas(broken) if "maxItems" in schema and "type" not in schema]


def test_format_checking_is_on_and_checks_what_the_schemas_use() -> None:
    """The validators check 'date' and 'uri' formats: a bad date or address fails even where the pattern allows it."""
    used = {
        schema["format"]
        for name in SCHEMA_NAMES
        for schema in _subschemas(interop.json_schema(name))
        if "format" in schema
    }
    assert used == {"date", "uri"}
    assert used <= set(FORMATS.checkers)
    document = interop.content_document()
    bad_date = _set(document, ("metadata", "updated"), "2026-13-45")
    assert not VALIDATORS["content"].is_valid(bad_date)
    assert jsonschema.Draft202012Validator(interop.json_schema("content")).is_valid(bad_date)
    result = assessment_to_dict(assess(Episode(severity="severe")))
    result["reasons"][0]["sources"][0]["url"] = "not an address"
    assert not VALIDATORS["assessment"].is_valid(result)


@pytest.mark.parametrize("name", ["", "Episode", "episodes", "schema-episode", None, ["episode"], 3])
def test_unknown_name_raises_value_error_listing_names(name: Any) -> None:
    """Any other name (or a non-string) raises ValueError naming the valid ones."""
    with pytest.raises(ValueError, match="content, episode, assessment"):
        interop.json_schema(name)


@pytest.mark.parametrize("name", SCHEMA_NAMES)
def test_each_call_returns_a_new_schema(name: str) -> None:
    """Changing a returned schema, however deep, does not change the next one."""
    first = interop.json_schema(name)
    expected = copy.deepcopy(first)

    def scribble(node: object) -> None:
        if isinstance(node, dict):
            for value in node.values():
                scribble(value)
            node["scribbled"] = True
        elif isinstance(node, list):
            for value in node:
                scribble(value)
            node.append("scribbled")

    scribble(first)
    assert interop.json_schema(name) == expected


# --- content ---------------------------------------------------------------------------------------


def test_content_document_validates() -> None:
    """The content document validates against the content schema."""
    VALIDATORS["content"].validate(interop.content_document())


def _set(document: dict[str, Any], path: tuple[Any, ...], value: object) -> dict[str, Any]:
    changed = copy.deepcopy(document)
    node: Any = changed
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    return changed


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("causes", 0, "id"), "Not_Kebab"),
        (("causes", 0, "summary"), "x" * SUMMARY_LIMIT),
        (("causes", 0, "name"), ""),
        (("causes", 0, "name"), "Dehydration\n"),
        (("causes", 0, "name"), " Dehydration"),
        (("causes", 0, "citations"), []),
        (("causes", 0, "extra"), "unknown key"),
        (("treatments", 0, "kind"), "surgery"),
        (("warning_signs", 0, "urgency"), "soon"),
        (("sources", 0, "url"), 3),
        (("metadata", "updated"), "25 November 2026"),
        (("metadata", "updated"), "2026-11-25\n"),
        (("metadata", "intended_use"), []),
        (("metadata", "review", "reviewer"), "A. Clinician"),
        (("metadata", "review", "status"), "reviewed"),
        (("metadata", "review", "extra"), None),
        (("sources", 0, "accessed"), "yesterday"),
        (("cautions", 0, "summary"), "x" * SUMMARY_LIMIT),
        (("cautions", 0, "citations"), []),
        (("questions", 0, "id"), "Severity"),
        (("questions", 0, "options", 0, "label"), ""),
        (("questions", 0, "options", 0, "value"), "Mild"),
        (("overview", "codes", 0, "code"), " "),
        (("overview", "alternate_names", 0), ""),
        (("rules", 0, "sources"), [""]),
        (("rules", 0, "urgency"), "later"),
        (("rules", 0, "decision"), ""),
        (("rules", 0, "label"), "a1"),
        (("rules_version",), "1.0"),
        (("next_steps",), {}),
        (("extra",), []),
    ],
)
def test_content_schema_rejects_what_the_model_rejects(path: tuple[Any, ...], value: object) -> None:
    """A broken id, summary, text, enum, date, citation list, review record, version or key: the content is invalid."""
    assert not VALIDATORS["content"].is_valid(_set(interop.content_document(), path, value))


def test_content_schema_requires_every_part() -> None:
    """Leaving out any part of the content document makes it invalid."""
    document = interop.content_document()
    for key in document:
        assert not VALIDATORS["content"].is_valid({k: v for k, v in document.items() if k != key})


def test_content_schema_enums_come_from_the_model() -> None:
    """The content schema's kinds and urgencies are exactly the enums' values."""
    defs = interop.json_schema("content")["$defs"]
    assert defs["Treatment"]["properties"]["kind"]["enum"] == [kind.value for kind in TreatmentKind]
    assert defs["WarningSign"]["properties"]["urgency"]["enum"] == [urgency.value for urgency in Urgency]
    assert defs["Cause"]["properties"]["summary"]["maxLength"] == SUMMARY_LIMIT - 1


def test_a_signed_review_validates() -> None:
    """A review record signed by a clinician (every field named) is valid content; a half-signed one is not."""
    signed = {
        "status": "reviewed",
        "reviewer": "A. Clinician",
        "role": "GP",
        "date": "2027-01-05",
        "rules_version": "2.0",
    }
    document = _set(interop.content_document(), ("metadata", "review"), signed)
    assert VALIDATORS["content"].is_valid(document)
    assert not VALIDATORS["content"].is_valid(_set(document, ("metadata", "review", "role"), None))


# --- episode ---------------------------------------------------------------------------------------


def test_episode_schema_lists_exactly_the_episode_fields() -> None:
    """The episode schema has one property per Episode v2 field, in order, and rejects any other key."""
    schema = interop.json_schema("episode")
    assert list(schema["properties"]) == list(EPISODE_FIELDS)
    assert len(EPISODE_FIELDS) == 20
    assert schema["additionalProperties"] is False
    assert "required" not in schema
    properties = schema["properties"]
    assert properties["severity"]["enum"] == [*(s.value for s in Severity), None]
    assert properties["age_group"]["enum"] == [*(a.value for a in AgeGroup), None]
    for field, vocabulary in (("body_areas", BodyArea), ("accompanied_by", Finding), ("medicines", Medicine)):
        array, null = properties[field]["anyOf"]
        assert array["items"]["enum"] == [member.value for member in vocabulary]
        assert null == {"type": "null"}


@pytest.mark.parametrize("field", EPISODE_FIELDS)
def test_null_is_not_answered_for_every_field(field: str) -> None:
    """Null is accepted for every field, by schema and boundary alike, and means not answered."""
    document = {field: None}
    assert VALIDATORS["episode"].is_valid(document)
    assert episode_from_dict(document) == Episode()


@pytest.mark.parametrize("field", ["accompanied_by", "medicines"])
def test_an_empty_array_is_none_of_these(field: str) -> None:
    """[] is valid for the findings and the medicines, and means 'none of these' (an empty set, not None)."""
    assert VALIDATORS["episode"].is_valid({field: []})
    assert getattr(episode_from_dict({field: []}), field) == frozenset()


@pytest.mark.parametrize(
    "document",
    [
        {"pregnant": "yes"},
        {"heavy_drinking": 1},
        {"age_group": "teen"},
        {"medicines": ["aspirin"]},
        {"medicines": "statin"},
        {"accompanied_by": ["chest-pain"]},
        {"after_wound_or_toxin_exposure": True},
    ],
)
def test_schema_and_boundary_reject_the_same_new_field_values(document: dict[str, Any]) -> None:
    """Wrong values of the new fields, near misses and the removed field are refused by schema and boundary."""
    assert not VALIDATORS["episode"].is_valid(document)
    assert not _accepted(document)


@pytest.mark.parametrize(
    ("value", "valid"),
    [
        ("PT1M", True),
        ("P1DT2H3M4.5S", True),
        ("PT0S", True),
        ("PT1M\n", False),
        ("PT1M ", False),
        ("\nPT1M", False),
        ("P", False),
        ("PT", False),
        ("P1H", False),
        ("pt1m", False),
        (0, True),
        (100_000_000, True),
        (100_000_000.5, False),
        (-1, False),
        (True, False),
        ("", False),
    ],
)
def test_duration_grammar_agrees(value: object, valid: bool) -> None:
    """Schema and boundary agree on durations; a trailing newline is rejected by both (the end is anchored)."""
    assert VALIDATORS["episode"].is_valid({"duration": value}) is valid
    assert _accepted({"duration": value}) is valid


@pytest.mark.parametrize("text", ["PT1M", "PT1M\n", "PT1M\r\n", "xPT1M", "P1D", "P1DT", "PT1.5S", "PT1.S"])
def test_anchored_pattern_matches_whole_string_only(text: str) -> None:
    """The schema's duration pattern, searched as a validator does, matches exactly what the grammar matches."""
    pattern = anchored(DURATION_PATTERN)
    assert (re.search(pattern, text) is not None) is (re.fullmatch(DURATION_PATTERN, text) is not None)
    assert "$" not in pattern


@pytest.mark.parametrize("value", ["PT100000001S", "P1158D", "P999999999DT999999999H", "PT99999999.999999S"])
def test_iso_duration_over_the_cap_is_the_documented_difference(value: str) -> None:
    """An ISO duration string over 100,000,000 seconds passes the schema but the boundary rejects it, as documented."""
    assert VALIDATORS["episode"].is_valid({"duration": "PT99999999S"})
    assert VALIDATORS["episode"].is_valid({"duration": value})
    assert _accepted({"duration": value}) is (value == "PT99999999.999999S")
    schema = interop.json_schema("episode")
    assert "100000000 seconds" in schema["description"]
    assert "100000000 seconds" in schema["properties"]["duration"]["description"]


@given(episodes)
def test_episode_to_dict_validates(episode: Episode) -> None:
    """Every episode, written by episode_to_dict, validates against the episode schema."""
    VALIDATORS["episode"].validate(episode_to_dict(episode))


_duration_strings = st.one_of(
    st.from_regex(DURATION_PATTERN, fullmatch=True),
    st.from_regex(DURATION_PATTERN, fullmatch=True).map(lambda text: text + "\n"),
)


def _is_json(document: object) -> bool:
    try:
        json.dumps(document, allow_nan=False)
    except ValueError:
        return False
    return True


@pytest.mark.fuzz
@given(near_valid_documents, st.none() | _duration_strings)
def test_episode_schema_agrees_with_episode_from_dict(document: dict[Any, Any], duration: str | None) -> None:
    """The schema accepts a near-valid JSON episode exactly when episode_from_dict does (bar over-cap ISO strings)."""
    # The documented exception: a duration string in the ISO grammar but over the cap passes the
    # schema and not the boundary; then the schema's verdict is the boundary's on the rest.
    assume(_is_json(document))
    if duration is not None:
        document = {**document, "duration": duration}
    valid = VALIDATORS["episode"].is_valid(document)
    if _over_cap(document.get("duration")):
        assert not _accepted(document)
        assert valid is _accepted({key: value for key, value in document.items() if key != "duration"})
    else:
        assert valid is _accepted(document)


def test_numbers_at_and_around_the_cap() -> None:
    """Numbers of seconds from 0 to 100,000,000 are valid; negative, larger or non-finite ones are not."""
    for value, valid in [(0, True), (0.0, True), (1e8, True), (1e8 + 1, False), (-0.001, False), (10**30, False)]:
        assert VALIDATORS["episode"].is_valid({"duration": value}) is valid, value
        assert _accepted({"duration": value}) is valid, value
    assert not VALIDATORS["episode"].is_valid({"duration": math.inf})


# --- assessment ------------------------------------------------------------------------------------


@given(episodes, policies)
def test_assessment_to_dict_validates(episode: Episode, policy: Policy) -> None:
    """The assessment of any episode, under any policy, written by assessment_to_dict, validates."""
    VALIDATORS["assessment"].validate(assessment_to_dict(assess(episode, policy=policy)))


def test_assessment_schema_matches_assessment_to_dict_keys() -> None:
    """The schema requires exactly the keys assessment_to_dict writes, in every part of the document."""
    schema = interop.json_schema("assessment")
    defs = schema["$defs"]
    document = assessment_to_dict(
        assess(Episode(severity="severe", age_group="child", in_heat=True, accompanied_by=[], body_areas={"leg"}))
    )
    assert document["reasons"]
    assert document["unanswered"]
    assert document["outside_intended_use"]
    assert document["cautions"]
    assert schema["required"] == list(document)
    assert defs["reason"]["required"] == list(document["reasons"][0])
    assert defs["next_step"]["required"] == list(document["next_step"])
    assert defs["source"]["required"] == list(document["reasons"][0]["sources"][0])
    assert defs["unanswered"]["required"] == list(document["unanswered"][0])
    assert defs["outside_intended_use"]["required"] == list(document["outside_intended_use"][0])
    assert defs["caution"]["required"] == list(document["cautions"][0])
    assert schema["properties"]["labels"]["required"] == list(document["labels"])
    assert defs["source"]["properties"]["url"]["anyOf"] == [{"type": "string", "format": "uri"}, {"type": "null"}]
    assert defs["reason"]["properties"]["id"]["enum"] == [rule.id for rule in RULES]
    assert defs["unanswered"]["properties"]["field"]["enum"] == list(UNANSWERED_ORDER)
    assert schema["properties"]["rules_version"]["const"] == RULES_VERSION


_SELF_CARE = assessment_to_dict(assess(Episode()))
_ROUTINE = assessment_to_dict(assess(Episode(severity="severe")))
_CHILD = assessment_to_dict(assess(Episode(age_group="child")))


@pytest.mark.parametrize(
    "document",
    [
        {**_SELF_CARE, "needs_medical_attention": True},
        {**_SELF_CARE, "urgency": "routine"},
        {**_SELF_CARE, "headline": ""},
        {**_SELF_CARE, "labels": {**_SELF_CARE["labels"], "reasons": ""}},
        {**_SELF_CARE, "labels": {k: v for k, v in _SELF_CARE["labels"].items() if k != "review"}},
        {**_ROUTINE, "needs_medical_attention": False},
        {**_ROUTINE, "urgency": "self_care"},
        {**_ROUTINE, "reasons": []},
        {**_ROUTINE, "next_step": _SELF_CARE["next_step"]},
        {**_ROUTINE, "rules_version": "1.0"},
        {**_ROUTINE, "reasons": [{**_ROUTINE["reasons"][0], "id": "made-up"}]},
        {**_ROUTINE, "reasons": [{**_ROUTINE["reasons"][0], "urgency": "self_care"}]},
        {**_ROUTINE, "reasons": [{**_ROUTINE["reasons"][0], "summary": "x" * SUMMARY_LIMIT}]},
        {**_ROUTINE, "reasons": [{**_ROUTINE["reasons"][0], "sources": []}]},
        {**_ROUTINE, "reasons": [{k: v for k, v in _ROUTINE["reasons"][0].items() if k != "advice"}]},
        {**_ROUTINE, "unanswered": [{"field": "mood", "question": "How are you?"}]},
        {**_ROUTINE, "cautions": [{**_SELF_CARE["cautions"][0], "id": "made-up"}]},
        {**_CHILD, "outside_intended_use": [*_CHILD["outside_intended_use"], *_CHILD["outside_intended_use"]]},
        {**_ROUTINE, "extra": 1},
        {key: value for key, value in _ROUTINE.items() if key != "next_step"},
        {key: value for key, value in _ROUTINE.items() if key != "cautions"},
    ],
)
def test_assessment_schema_rejects_inconsistent_results(document: dict[str, Any]) -> None:
    """An assessment whose flag, urgency, headline, reasons and next step disagree, or with a bad part, is invalid."""
    for valid in (_SELF_CARE, _ROUTINE, _CHILD):
        VALIDATORS["assessment"].validate(valid)
    assert not VALIDATORS["assessment"].is_valid(document)
