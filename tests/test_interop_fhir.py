"""FHIR R4: the episode Questionnaire and CodeSystem, and episodes read from and written to QuestionnaireResponse."""

from __future__ import annotations

import copy
import math
from datetime import timedelta
from typing import Any

import pytest
from fhir.resources.R4B.codesystem import CodeSystem
from fhir.resources.R4B.questionnaire import Questionnaire
from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse
from hypothesis import given
from hypothesis import strategies as st

from spasmfacts import BodyArea, Episode, Finding, InvalidEpisodeError, Severity, catalogs, interop
from spasmfacts.boundary import EPISODE_FIELDS
from spasmfacts.episode import MAX_DURATION
from spasmfacts.interop.urls import ADDITIONAL_CODING_URL, CODE_SYSTEM_URL, QUESTIONNAIRE_URL, UCUM_URL
from strategies import episodes, json_values

SNOMED_CT = "http://snomed.info/sct"
QUESTIONNAIRE = interop.fhir_questionnaire()
ITEMS = {item["linkId"]: item for item in QUESTIONNAIRE["item"]}
CHOICES: dict[str, Any] = {"severity": Severity, "body_areas": BodyArea, "accompanied_by": Finding}
BOOLEANS = [field for field in EPISODE_FIELDS if field not in {*CHOICES, "duration"}]


def _validate(model: Any, document: dict[str, Any]) -> None:
    """Validate with the fhir.resources model (pydantic 2 API, or parse_obj on older releases)."""
    validate = getattr(model, "model_validate", None) or model.parse_obj
    validate(document)


def _response(*items: object, **top: Any) -> dict[str, Any]:
    return {
        "resourceType": "QuestionnaireResponse",
        "questionnaire": QUESTIONNAIRE_URL,
        "status": "completed",
        "item": list(items),
        **top,
    }


def _item(link_id: str, *answers: object) -> dict[str, Any]:
    return {"linkId": link_id, "answer": list(answers)}


def _coding(code: str, system: str = CODE_SYSTEM_URL) -> dict[str, Any]:
    return {"valueCoding": {"system": system, "code": code}}


def _quantity(value: object, code: object = "s", system: object = UCUM_URL) -> dict[str, Any]:
    return {"valueQuantity": {"value": value, "unit": str(code), "system": system, "code": code}}


def _read(*items: dict[str, Any], **top: Any) -> Episode:
    return interop.episode_from_questionnaire_response(_response(*items, **top))


# --- the Questionnaire and the CodeSystem ----------------------------------------------------------


def test_questionnaire_is_a_valid_r4_questionnaire() -> None:
    """The Questionnaire validates as FHIR R4(B), with its canonical url, the content version and status active."""
    _validate(Questionnaire, QUESTIONNAIRE)
    assert QUESTIONNAIRE["resourceType"] == "Questionnaire"
    assert QUESTIONNAIRE["url"] == "https://spasmfacts.readthedocs.io/fhir/Questionnaire/spasm-episode"
    assert QUESTIONNAIRE["version"] == catalogs.metadata().content_version
    assert QUESTIONNAIRE["status"] == "active"
    assert QUESTIONNAIRE["name"].isidentifier()
    assert QUESTIONNAIRE["title"]


def test_one_item_per_episode_field() -> None:
    """There is one item per Episode field, in order, its linkId the field name, each with question text."""
    assert list(ITEMS) == list(EPISODE_FIELDS)
    assert all(isinstance(item["text"], str) and item["text"].strip() for item in ITEMS.values())


@pytest.mark.parametrize("field", EPISODE_FIELDS)
def test_item_type_per_field(field: str) -> None:
    """Yes/no fields are boolean items, severity a choice, set fields repeating choices, duration a quantity."""
    item = ITEMS[field]
    expected = "choice" if field in CHOICES else "quantity" if field == "duration" else "boolean"
    assert item["type"] == expected
    assert item.get("repeats", False) is (field in {"body_areas", "accompanied_by"})


@pytest.mark.parametrize("field", list(CHOICES))
def test_answer_options_are_the_enum_in_spasmfacts_code_system(field: str) -> None:
    """A choice item offers every enum value, in order, coded in spasmfacts' code system with a display."""
    options = ITEMS[field]["answerOption"]
    assert [option["valueCoding"]["code"] for option in options] == [member.value for member in CHOICES[field]]
    for option in options:
        assert option["valueCoding"]["system"] == CODE_SYSTEM_URL
        assert option["valueCoding"]["display"]


def test_fever_and_chills_carry_snomed_beside_the_spasmfacts_code() -> None:
    """FEVER and CHILLS options carry their SNOMED CT coding in the additional-coding extension, never instead."""
    options = {option["valueCoding"]["code"]: option for option in ITEMS["accompanied_by"]["answerOption"]}
    expected = {"fever": ("386661006", "Fever"), "chills": ("43724002", "Chill")}
    for code, option in options.items():
        assert option["valueCoding"]["system"] == CODE_SYSTEM_URL
        if code in expected:
            assert option["extension"] == [
                {
                    "url": ADDITIONAL_CODING_URL,
                    "valueCoding": {"system": SNOMED_CT, "code": expected[code][0], "display": expected[code][1]},
                }
            ]
        else:
            assert "extension" not in option
    assert ADDITIONAL_CODING_URL == "https://spasmfacts.readthedocs.io/fhir/StructureDefinition/additional-coding"


def test_duration_item_offers_ucum_time_units() -> None:
    """The duration item is a quantity whose unit options are UCUM s, min, h and d."""
    extensions = ITEMS["duration"]["extension"]
    assert {extension["url"] for extension in extensions} == {
        "http://hl7.org/fhir/StructureDefinition/questionnaire-unitOption"
    }
    assert [(ext["valueCoding"]["system"], ext["valueCoding"]["code"]) for ext in extensions] == [
        ("http://unitsofmeasure.org", unit) for unit in ("s", "min", "h", "d")
    ]


def test_code_system_defines_every_answer_code() -> None:
    """The CodeSystem validates as R4(B) and defines each answer option's code exactly once."""
    system = interop.fhir_code_system()
    _validate(CodeSystem, system)
    assert system["url"] == CODE_SYSTEM_URL == "https://spasmfacts.readthedocs.io/fhir/CodeSystem/spasm-episode"
    assert system["version"] == QUESTIONNAIRE["version"]
    codes = [concept["code"] for concept in system["concept"]]
    assert len(codes) == len(set(codes)) == system["count"]
    offered = {option["valueCoding"]["code"] for field in CHOICES for option in ITEMS[field]["answerOption"]}
    assert set(codes) == offered


def test_each_call_returns_a_new_questionnaire() -> None:
    """Changing a returned Questionnaire does not change the next one."""
    questionnaire = interop.fhir_questionnaire()
    questionnaire["item"][0]["answerOption"].clear()
    questionnaire["item"].pop()
    assert interop.fhir_questionnaire() == QUESTIONNAIRE


# --- QuestionnaireResponse: written and read back ---------------------------------------------------


@given(episodes)
def test_round_trip_through_a_questionnaire_response(episode: Episode) -> None:
    """Any episode, written as a QuestionnaireResponse, is valid R4(B) and reads back to the same episode."""
    response = interop.questionnaire_response(episode)
    _validate(QuestionnaireResponse, response)
    assert response["status"] == "completed"
    assert response["questionnaire"] == f"{QUESTIONNAIRE_URL}|{QUESTIONNAIRE['version']}"
    for item in response["item"]:
        options = [option["valueCoding"] for option in ITEMS[item["linkId"]].get("answerOption", [])]
        for answer in item["answer"]:
            assert "valueCoding" not in answer or answer["valueCoding"] in options
    before = copy.deepcopy(response)
    assert interop.episode_from_questionnaire_response(response) == episode
    assert response == before


@pytest.mark.parametrize(
    ("duration", "quantity"),
    [
        (timedelta(minutes=12), (12, "min")),
        (timedelta(hours=2), (2, "h")),
        (timedelta(days=3), (3, "d")),
        (timedelta(seconds=90), (90, "s")),
        (timedelta(0), (0, "s")),
        (timedelta(seconds=1.5), (1.5, "s")),
    ],
)
def test_written_duration_uses_the_largest_exact_unit(duration: timedelta, quantity: tuple[float, str]) -> None:
    """A written duration uses the largest UCUM unit that holds it exactly (seconds with a fraction otherwise)."""
    response = interop.questionnaire_response(Episode(duration=duration))
    (item,) = [item for item in response["item"] if item["linkId"] == "duration"]
    value = item["answer"][0]["valueQuantity"]
    assert (value["value"], value["code"]) == quantity
    assert value["system"] == UCUM_URL


def test_written_response_answers_only_what_was_reported() -> None:
    """Yes/no fields are always answered; severity, duration, self-care and empty sets only when reported."""
    response = interop.questionnaire_response(Episode())
    assert [item["linkId"] for item in response["item"]] == [f for f in BOOLEANS if f != "improves_with_self_care"]
    assert all(item["answer"] == [{"valueBoolean": False}] for item in response["item"])


def test_questionnaire_response_takes_an_episode_only() -> None:
    """Anything but an Episode raises TypeError."""
    with pytest.raises(TypeError, match="takes an Episode"):
        interop.questionnaire_response({"severity": "mild"})  # type: ignore[arg-type]


# --- reading responses: what is accepted ------------------------------------------------------------


def test_reads_every_kind_of_answer() -> None:
    """Codings, quantities and booleans become the Episode's fields; repeated codes count once."""
    episode = _read(
        _item("severity", _coding("moderate")),
        _item("duration", _quantity(12, "min")),
        _item("body_areas", _coding("leg"), _coding("foot"), _coding("leg")),
        _item("accompanied_by", _coding("fever")),
        _item("disturbs_sleep", {"valueBoolean": True}),
        _item("improves_with_self_care", {"valueBoolean": False}),
        _item("recurrent", {"valueBoolean": False}),
    )
    assert episode == Episode(
        severity="moderate",
        duration=timedelta(minutes=12),
        body_areas={"leg", "foot"},
        accompanied_by={"fever"},
        disturbs_sleep=True,
        improves_with_self_care=False,
    )


def test_unanswered_questions_are_not_reported() -> None:
    """An item without answers, or no item at all, means not reported (None for self-care, False for yes/no)."""
    episode = _read(_item("severity"), {"linkId": "improves_with_self_care"}, _item("body_areas"))
    assert episode == Episode()
    assert episode.improves_with_self_care is None
    assert (
        interop.episode_from_questionnaire_response({key: value for key, value in _response().items() if key != "item"})
        == Episode()
    )


@pytest.mark.parametrize(
    ("quantity", "expected"),
    [
        (_quantity(2, "h"), timedelta(hours=2)),
        (_quantity(0.5, "min"), timedelta(seconds=30)),
        (_quantity(0.1, "h"), timedelta(seconds=360)),
        (_quantity(1.5, "d"), timedelta(hours=36)),
        (_quantity(0.000001, "s"), timedelta(microseconds=1)),
        (_quantity(0, "d"), timedelta(0)),
        (_quantity(-0.0, "s"), timedelta(0)),
        (_quantity(100_000_000, "s"), MAX_DURATION),
        (_quantity(100_000_000.0, "s"), MAX_DURATION),
    ],
)
def test_duration_units(quantity: dict[str, Any], expected: timedelta) -> None:
    """Durations in UCUM s, min, h and d convert exactly (decimal arithmetic), up to 100,000,000 seconds."""
    assert _read(_item("duration", quantity)).duration == expected


@pytest.mark.parametrize("canonical", [QUESTIONNAIRE_URL, f"{QUESTIONNAIRE_URL}|2026.11.0", f"{QUESTIONNAIRE_URL}|0.1"])
def test_questionnaire_with_or_without_version(canonical: str) -> None:
    """The response may name the questionnaire with or without a |version."""
    assert _read(_item("recurrent", {"valueBoolean": True}), questionnaire=canonical).recurrent is True


def test_other_keys_are_ignored() -> None:
    """Ordinary FHIR keys (id, meta, subject, authored, text, extension, display) do not stop a response being read."""
    episode = _read(
        {
            "linkId": "accompanied_by",
            "text": "Did anything else come with the spasms?",
            "extension": [{"url": "https://example.org/x", "valueString": "y"}],
            "answer": [
                {
                    "extension": [{"url": "https://example.org/x", "valueString": "y"}],
                    "valueCoding": {"system": CODE_SYSTEM_URL, "code": "chills", "display": "Chills"},
                }
            ],
        },
        id="r1",
        meta={"versionId": "1"},
        subject={"reference": "Patient/1"},
        authored="2026-11-25T10:00:00Z",
        text={"status": "generated", "div": "<div xmlns='http://www.w3.org/1999/xhtml'>x</div>"},
    )
    assert episode == Episode(accompanied_by={"chills"})


# --- reading responses: what is rejected, and where ------------------------------------------------

_DURATION_ITEM = "item[0].answer[0].valueQuantity"


@pytest.mark.parametrize(
    ("response", "path", "words"),
    [
        ([], "$", "expected a QuestionnaireResponse"),
        (_response(resourceType="Questionnaire"), "resourceType", "expected a QuestionnaireResponse"),
        (_response(status="in-progress"), "status", "only a completed response"),
        (_response(status=None), "status", "only a completed response"),
        (_response(questionnaire="https://example.org/Questionnaire/other"), "questionnaire", "expected https://"),
        (_response(questionnaire=f"{QUESTIONNAIRE_URL}|"), "questionnaire", "with or without |version"),
        (_response(questionnaire=None), "questionnaire", "not null"),
        (_response(modifierExtension=[{"url": "x"}]), "modifierExtension", "modifier extension"),
        (_response(item={"linkId": "recurrent"}), "item", "expected an array"),
        (_response("recurrent"), "item[0]", "expected an item"),
        (_response({"answer": []}), "item[0].linkId", "is not a question"),
        (_response({"linkId": ["recurrent"]}), "item[0].linkId", "an array is not a question"),
        (_response(_item("mood")), "item[0].linkId", "'mood' is not a question"),
        (_response(_item("recurrent"), _item("recurrent")), "item[1].linkId", "more than one item"),
        (_response({"linkId": "recurrent", "item": []}), "item[0].item", "nested items"),
        (_response({"linkId": "recurrent", "modifierExtension": []}), "item[0].modifierExtension", "modifier"),
        (_response({"linkId": "recurrent", "answer": {"valueBoolean": True}}), "item[0].answer", "expected an array"),
        (_response(_item("recurrent", "yes")), "item[0].answer[0]", "recurrent: expected an answer"),
        (_response(_item("recurrent", {"valueBoolean": True, "item": []})), "item[0].answer[0].item", "nested"),
        (
            _response(_item("recurrent", {"valueBoolean": True, "modifierExtension": []})),
            "item[0].answer[0].modifierExtension",
            "modifier",
        ),
        (_response(_item("recurrent", {"valueString": "yes"})), "item[0].answer[0]", "not valueString"),
        (_response(_item("recurrent", {})), "item[0].answer[0]", "expected one valueBoolean, found none"),
        (
            _response(_item("recurrent", {"valueBoolean": True, "valueInteger": 1})),
            "item[0].answer[0]",
            "not valueInteger",
        ),
        (_response(_item("recurrent", {"valueBoolean": "true"})), "item[0].answer[0].valueBoolean", "recurrent:"),
        (_response(_item("recurrent", {"valueBoolean": 1})), "item[0].answer[0].valueBoolean", "not a number"),
        (
            _response(_item("severity", _coding("mild"), _coding("severe"))),
            "item[0].answer",
            "severity: takes one answer, not 2",
        ),
        (
            _response(_item("recurrent", {"valueBoolean": True}, {"valueBoolean": True})),
            "item[0].answer",
            "takes one answer",
        ),
        (_response(_item("severity", {"valueCoding": "mild"})), "item[0].answer[0].valueCoding", "expected a Coding"),
        (_response(_item("severity", _coding("awful"))), "item[0].answer[0].valueCoding.code", "'awful' is not one"),
        (_response(_item("severity", _coding("fever"))), "item[0].answer[0].valueCoding.code", "severity:"),
        (
            _response(_item("accompanied_by", _coding("mild"))),
            "item[0].answer[0].valueCoding.code",
            "accompanied_by: 'mild'",
        ),
        (
            _response(_item("body_areas", {"valueCoding": {"system": CODE_SYSTEM_URL}})),
            "item[0].answer[0].valueCoding.code",
            "null",
        ),
        (
            _response(_item("accompanied_by", _coding("386661006", SNOMED_CT))),
            "item[0].answer[0].valueCoding.system",
            "expected the system",
        ),
        (_response(_item("duration", {"valueQuantity": 12})), _DURATION_ITEM, "expected a Quantity"),
        (_response(_item("duration", _quantity(12, "min", None))), f"{_DURATION_ITEM}.system", "not null"),
        (_response(_item("duration", _quantity(12, "wk"))), f"{_DURATION_ITEM}.code", "'wk' is not a UCUM unit"),
        (_response(_item("duration", _quantity(12, 60))), f"{_DURATION_ITEM}.code", "a number is not a UCUM unit"),
        (_response(_item("duration", _quantity("12", "min"))), f"{_DURATION_ITEM}.value", "expected a number"),
        (_response(_item("duration", _quantity(True, "min"))), f"{_DURATION_ITEM}.value", "not a boolean"),
        (_response(_item("duration", _quantity(-1, "min"))), f"{_DURATION_ITEM}.value", "zero or more"),
        (_response(_item("duration", _quantity(math.inf, "s"))), f"{_DURATION_ITEM}.value", "finite"),
        (_response(_item("duration", _quantity(math.nan, "s"))), f"{_DURATION_ITEM}.value", "finite"),
        (_response(_item("duration", _quantity(100_000_000.5, "s"))), f"{_DURATION_ITEM}.value", "at most 100000000"),
        (_response(_item("duration", _quantity(10**400, "s"))), f"{_DURATION_ITEM}.value", "at most 100000000"),
        (_response(_item("duration", _quantity(1_666_667, "min"))), f"{_DURATION_ITEM}.value", "at most 100000000"),
        (_response(_item("duration", _quantity(1158, "d"))), f"{_DURATION_ITEM}.value", "at most 100000000"),
        (
            _response(
                _item("duration", {"valueQuantity": {**_quantity(5, "min")["valueQuantity"], "comparator": "<"}})
            ),
            f"{_DURATION_ITEM}.comparator",
            "without a comparator",
        ),
    ],
)
def test_malformed_responses_name_the_problem(response: Any, path: str, words: str) -> None:
    """Anything malformed raises InvalidEpisodeError whose errors name the path of the problem and what is wrong."""
    before = copy.deepcopy(response)
    with pytest.raises(InvalidEpisodeError) as caught:
        interop.episode_from_questionnaire_response(response)
    assert any(where == path and words in message for where, message in caught.value.errors), caught.value.errors
    assert repr(response) == repr(before)


def test_every_problem_is_reported_at_once() -> None:
    """All problems of a response are reported together, each with its own path."""
    with pytest.raises(InvalidEpisodeError) as caught:
        interop.episode_from_questionnaire_response(
            _response(
                _item("severity", _coding("awful")),
                _item("duration", _quantity(5, "wk")),
                _item("mood"),
                status="amended",
            )
        )
    assert [path for path, _ in caught.value.errors] == [
        "status",
        "item[0].answer[0].valueCoding.code",
        "item[1].answer[0].valueQuantity.code",
        "item[2].linkId",
    ]


# --- fuzz --------------------------------------------------------------------------------------------

_tricky = st.sampled_from(
    [
        None,
        True,
        False,
        0,
        -1,
        1e9,
        math.inf,
        math.nan,
        "",
        "completed",
        "in-progress",
        "fever",
        "severe",
        "min",
        "wk",
        CODE_SYSTEM_URL,
        UCUM_URL,
        QUESTIONNAIRE_URL,
        [],
        {},
        {"valueString": "x"},
        {"valueBoolean": True},
        {"linkId": "recurrent"},
        [{"valueCoding": {"system": CODE_SYSTEM_URL, "code": "leg"}}],
    ]
)
# Edits mutate what they insert, so each example gets its own copy of a shared tricky value.
_values = st.one_of(_tricky.map(copy.deepcopy), json_values)
_extra_keys = st.sampled_from(
    ["item", "answer", "modifierExtension", "comparator", "valueString", "valueCoding", "linkId", "value", "code"]
)


def _paths(node: object, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found: list[tuple[Any, ...]] = []
    children = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else []
    for key, child in children:
        found.append((*prefix, key))
        found += _paths(child, (*prefix, key))
    return found


@st.composite
def _mutated_responses(draw: st.DrawFn) -> dict[str, Any]:
    """A valid response for a generated episode, then one to three random edits anywhere in it."""
    document = interop.questionnaire_response(draw(episodes))
    for _ in range(draw(st.integers(1, 3))):
        paths = _paths(document)
        target = draw(st.sampled_from([(), *paths]))
        parent: Any = document
        for key in target[:-1]:
            parent = parent[key]
        node = parent[target[-1]] if target else document
        action = draw(st.sampled_from(["replace", "delete", "add"]))
        if action == "replace" and target:
            parent[target[-1]] = draw(_values)
        elif action == "delete" and target:
            del parent[target[-1]]
        elif isinstance(node, dict):
            node[draw(_extra_keys)] = draw(_values)
        elif isinstance(node, list):
            node.insert(draw(st.integers(0, len(node))), copy.deepcopy(node[0]) if node else draw(_values))
    return document


def _reads_or_rejects(value: object) -> None:
    before = repr(value)
    try:
        result: object = interop.episode_from_questionnaire_response(value)
    except InvalidEpisodeError as exc:
        result = exc
    assert repr(value) == before
    if isinstance(result, InvalidEpisodeError):
        assert result.errors
        assert all(pair[0] and pair[1] for pair in result.errors)
    else:
        assert isinstance(result, Episode)


@pytest.mark.fuzz
@given(json_values)
def test_any_json_value_reads_or_raises_invalid_episode(value: object) -> None:
    """For any JSON value, reading gives an Episode or InvalidEpisodeError, nothing else, and never mutates it."""
    _reads_or_rejects(value)


@pytest.mark.fuzz
@given(_mutated_responses())
def test_mutated_responses_read_or_raise_invalid_episode(response: dict[str, Any]) -> None:
    """For a valid response with random edits, reading gives an Episode or InvalidEpisodeError, never mutating it."""
    _reads_or_rejects(response)
