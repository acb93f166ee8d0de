"""FHIR R4: the episode Questionnaire, CodeSystem and ConceptMap, and episodes read from and written to responses.

Every resource is validated twice: with the fhir.resources R4B models and against HL7's own
FHIR R4 JSON schema (``tests/data/fhir.schema.json``).
"""

from __future__ import annotations

import copy
import hashlib
import json
import math
from datetime import timedelta
from pathlib import Path
from typing import Any

import attrs
import jsonschema
import pytest
from fhir.resources.R4B.codesystem import CodeSystem
from fhir.resources.R4B.conceptmap import ConceptMap
from fhir.resources.R4B.questionnaire import Questionnaire
from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse
from hypothesis import given
from hypothesis import strategies as st

from spasmfacts import AgeGroup, BodyArea, Episode, Finding, InvalidEpisodeError, Medicine, Severity, catalogs, interop
from spasmfacts.episode import EPISODE_FIELDS, FLAG_FIELDS, MAX_DURATION
from spasmfacts.interop.fhir import NONE_CODE
from spasmfacts.interop.urls import CODE_SYSTEM_URL, CONCEPT_MAP_URL, QUESTIONNAIRE_URL, UCUM_URL
from spasmfacts.model import ClinicalReview
from strategies import episodes, json_values

SNOMED_CT = "http://snomed.info/sct"
HL7_SCHEMA = json.loads((Path(__file__).parent / "data" / "fhir.schema.json").read_text(encoding="utf-8"))
HL7 = jsonschema.Draft6Validator(HL7_SCHEMA)
PUBLISHED_EXTENSIONS = {
    "http://hl7.org/fhir/StructureDefinition/questionnaire-unitOption",
    "http://hl7.org/fhir/StructureDefinition/questionnaire-optionExclusive",
}
QUESTIONNAIRE = interop.fhir_questionnaire()
ITEMS = {item["linkId"]: item for item in QUESTIONNAIRE["item"]}
CHOICES: dict[str, Any] = {
    "severity": Severity,
    "body_areas": BodyArea,
    "accompanied_by": Finding,
    "medicines": Medicine,
    "age_group": AgeGroup,
}
REPEATING = {"body_areas", "accompanied_by", "medicines"}


def validate(model: Any, document: dict[str, Any]) -> None:
    """Validate with the fhir.resources R4B model and against HL7's FHIR R4 JSON schema."""
    model.model_validate(document)
    errors = [error.message for error in HL7.iter_errors(document)]
    assert errors == []


def _extension_urls(node: object) -> list[str]:
    if isinstance(node, dict):
        own = [extension["url"] for extension in node.get("extension", [])]
        return own + [url for value in node.values() for url in _extension_urls(value)]
    if isinstance(node, list):
        return [url for value in node for url in _extension_urls(value)]
    return []


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


# --- the HL7 schema itself ---------------------------------------------------------------------------


def test_hl7_schema_is_the_r4_schema_and_rejects_what_r4_rejects() -> None:
    """The test data is HL7's FHIR R4 JSON schema, unchanged, and it catches an unknown item type and an unknown key."""
    digest = hashlib.sha256((Path(__file__).parent / "data" / "fhir.schema.json").read_bytes()).hexdigest()
    assert digest == "15b9548af6412c44faaa411456e0652542de286fd1c58ef882b09bdc8947909d"
    assert HL7_SCHEMA["id"] == "http://hl7.org/fhir/json-schema/4.0"
    wrong_type = copy.deepcopy(QUESTIONNAIRE)
    wrong_type["item"][0]["type"] = "choise"
    unknown_key = {**copy.deepcopy(QUESTIONNAIRE), "items": []}
    assert not HL7.is_valid(wrong_type)
    assert not HL7.is_valid(unknown_key)


# --- the Questionnaire, the CodeSystem and the ConceptMap ---------------------------------------------


def test_questionnaire_is_a_valid_r4_questionnaire() -> None:
    """The Questionnaire validates as FHIR R4, with its canonical url, the content version, name and title."""
    validate(Questionnaire, QUESTIONNAIRE)
    assert QUESTIONNAIRE["url"] == "https://spasmfacts.readthedocs.io/fhir/Questionnaire/spasm-episode"
    assert QUESTIONNAIRE["version"] == catalogs.metadata().content_version
    assert QUESTIONNAIRE["name"].isidentifier()
    assert QUESTIONNAIRE["title"]


def test_status_is_draft_until_a_clinician_signs(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every resource is 'draft' while the content is unreviewed and 'active' once a clinician has signed."""
    meta = catalogs.metadata()
    unsigned = attrs.evolve(meta, review=ClinicalReview(status="not yet reviewed by a clinician"))
    signed = attrs.evolve(
        meta,
        review=ClinicalReview(
            status="reviewed",
            reviewer="A. Clinician",
            role="general practitioner",
            date=meta.updated,
            rules_version="2.0",
        ),
    )
    makers = (interop.fhir_questionnaire, interop.fhir_code_system, interop.fhir_concept_map)
    for metadata, status in ((unsigned, "draft"), (signed, "active")):
        monkeypatch.setattr("spasmfacts.interop.fhir.metadata", lambda metadata=metadata: metadata)
        assert [make()["status"] for make in makers] == [status] * 3


def test_one_item_per_episode_field_with_the_question_from_the_content() -> None:
    """There is one item per Episode field, in order, its linkId the field, its text the content's question."""
    assert list(ITEMS) == list(EPISODE_FIELDS)
    for field, item in ITEMS.items():
        assert item["text"] == catalogs.questions().lookup(field).text
        assert "required" not in item


@pytest.mark.parametrize("field", EPISODE_FIELDS)
def test_item_type_per_field(field: str) -> None:
    """Yes/no fields are boolean items, enum fields choices (set fields repeating), duration a quantity."""
    item = ITEMS[field]
    expected = "choice" if field in CHOICES else "quantity" if field == "duration" else "boolean"
    assert item["type"] == expected
    assert item.get("repeats", False) is (field in REPEATING)


@pytest.mark.parametrize("field", list(CHOICES))
def test_answer_options_are_the_labels_from_the_content(field: str) -> None:
    """A choice item offers every enum value in order, coded in spasmfacts' code system, displayed with its label."""
    labels = [(option.value, option.label) for option in catalogs.questions().lookup(field).options]
    options = [
        option["valueCoding"] for option in ITEMS[field]["answerOption"] if option["valueCoding"]["code"] != "none"
    ]
    assert [(coding["code"], coding["display"]) for coding in options] == labels
    assert [coding["code"] for coding in options] == [member.value for member in CHOICES[field]]
    assert {coding["system"] for coding in options} == {CODE_SYSTEM_URL}


@pytest.mark.parametrize("field", list(CHOICES))
def test_none_of_these_is_an_exclusive_option_of_findings_and_medicines(field: str) -> None:
    """accompanied_by and medicines end with an exclusive 'none' option; no other question offers one."""
    last = ITEMS[field]["answerOption"][-1]
    if field in {"accompanied_by", "medicines"}:
        assert last == {
            "extension": [
                {"url": "http://hl7.org/fhir/StructureDefinition/questionnaire-optionExclusive", "valueBoolean": True}
            ],
            "valueCoding": {"system": CODE_SYSTEM_URL, "code": "none", "display": "None of these"},
        }
    else:
        assert all(option["valueCoding"]["code"] != NONE_CODE for option in ITEMS[field]["answerOption"])


def test_no_enum_value_is_the_none_code() -> None:
    """'none' can never be mistaken for a finding or a medicine: no vocabulary has that value."""
    assert all(member.value != NONE_CODE for vocabulary in CHOICES.values() for member in vocabulary)


def test_only_extensions_that_hl7_publishes() -> None:
    """No resource uses an extension of our own: only HL7's unitOption and optionExclusive appear."""
    resources = [
        QUESTIONNAIRE,
        interop.fhir_code_system(),
        interop.fhir_concept_map(),
        interop.questionnaire_response(Episode(accompanied_by=[], medicines=[], duration=timedelta(minutes=3))),
    ]
    urls = {url for resource in resources for url in _extension_urls(resource)}
    assert urls == PUBLISHED_EXTENSIONS
    assert "additional-coding" not in json.dumps(resources)


def test_duration_item_offers_ucum_time_units() -> None:
    """The duration item is a quantity whose unit options are UCUM s, min, h and d."""
    extensions = ITEMS["duration"]["extension"]
    assert {extension["url"] for extension in extensions} == {
        "http://hl7.org/fhir/StructureDefinition/questionnaire-unitOption"
    }
    assert [(ext["valueCoding"]["system"], ext["valueCoding"]["code"]) for ext in extensions] == [
        ("http://unitsofmeasure.org", unit) for unit in ("s", "min", "h", "d")
    ]


def test_code_system_defines_every_answer_code_once() -> None:
    """The CodeSystem validates as R4 and defines each answer option's code exactly once, with the same display."""
    system = interop.fhir_code_system()
    validate(CodeSystem, system)
    assert system["url"] == CODE_SYSTEM_URL == "https://spasmfacts.readthedocs.io/fhir/CodeSystem/spasm-episode"
    assert system["version"] == QUESTIONNAIRE["version"]
    concepts = {concept["code"]: concept["display"] for concept in system["concept"]}
    assert len(concepts) == len(system["concept"]) == system["count"]
    offered = {
        option["valueCoding"]["code"]: option["valueCoding"]["display"]
        for field in CHOICES
        for option in ITEMS[field]["answerOption"]
    }
    assert concepts == offered


def test_concept_map_gives_the_checked_snomed_codes() -> None:
    """The ConceptMap validates as R4 and maps fever to 386661006 'Fever' and chills to 43724002 'Chill', no more."""
    concept_map = interop.fhir_concept_map()
    validate(ConceptMap, concept_map)
    assert concept_map["url"] == CONCEPT_MAP_URL
    assert concept_map["version"] == QUESTIONNAIRE["version"]
    (group,) = concept_map["group"]
    assert (group["source"], group["target"]) == (CODE_SYSTEM_URL, SNOMED_CT)
    mapped = {
        element["code"]: [(target["code"], target["display"], target["equivalence"]) for target in element["target"]]
        for element in group["element"]
    }
    assert mapped == {
        "fever": [("386661006", "Fever", "equivalent")],
        "chills": [("43724002", "Chill", "equivalent")],
    }
    labels = {
        option["valueCoding"]["code"]: option["valueCoding"]["display"]
        for option in ITEMS["accompanied_by"]["answerOption"]
    }
    assert all(element["display"] == labels[element["code"]] for element in group["element"])


def test_each_call_returns_a_new_questionnaire() -> None:
    """Changing a returned Questionnaire does not change the next one."""
    questionnaire = interop.fhir_questionnaire()
    questionnaire["item"][0]["answerOption"].clear()
    questionnaire["item"].pop()
    assert interop.fhir_questionnaire() == QUESTIONNAIRE


# --- QuestionnaireResponse: written and read back ---------------------------------------------------


@given(episodes)
def test_round_trip_through_a_questionnaire_response(episode: Episode) -> None:
    """Any episode, written as a QuestionnaireResponse, is valid R4 and reads back to the same episode."""
    response = interop.questionnaire_response(episode)
    validate(QuestionnaireResponse, response)
    assert response["questionnaire"] == f"{QUESTIONNAIRE_URL}|{QUESTIONNAIRE['version']}"
    for item in response["item"]:
        assert item["text"] == ITEMS[item["linkId"]]["text"]
        options = [option["valueCoding"] for option in ITEMS[item["linkId"]].get("answerOption", [])]
        for answer in item["answer"]:
            assert "valueCoding" not in answer or answer["valueCoding"] in options
    before = copy.deepcopy(response)
    assert interop.episode_from_questionnaire_response(response) == episode
    assert response == before


@given(episodes)
def test_unanswered_questions_stay_out_of_a_response(episode: Episode) -> None:
    """A question is in the response exactly when it was answered: no item, and no false, for 'not asked'."""
    response = interop.questionnaire_response(episode)
    answered = [
        field
        for field in EPISODE_FIELDS
        if getattr(episode, field) is not None and getattr(episode, field) != frozenset()
    ]
    answered += [field for field in ("accompanied_by", "medicines") if getattr(episode, field) == frozenset()]
    assert {item["linkId"] for item in response["item"]} == set(answered)
    for item in response["item"]:
        if item["linkId"] in FLAG_FIELDS:
            assert item["answer"] == [{"valueBoolean": getattr(episode, item["linkId"])}]


def test_an_empty_report_is_an_empty_response() -> None:
    """An Episode with nothing answered gives a completed response with no items; it reads back all None."""
    response = interop.questionnaire_response(Episode())
    assert response["item"] == []
    episode = interop.episode_from_questionnaire_response(response)
    assert all(getattr(episode, field) is None for field in EPISODE_FIELDS if field != "body_areas")


@pytest.mark.parametrize("field", ["accompanied_by", "medicines"])
def test_none_of_these_round_trips(field: str) -> None:
    """An empty set is answered 'none' and reads back as frozenset(), distinct from None (not answered)."""
    none_of_these: dict[str, Any] = {field: []}
    response = interop.questionnaire_response(Episode(**none_of_these))
    assert response["item"] == [
        {
            "linkId": field,
            "text": ITEMS[field]["text"],
            "answer": [{"valueCoding": {"system": CODE_SYSTEM_URL, "code": "none", "display": "None of these"}}],
        }
    ]
    assert getattr(interop.episode_from_questionnaire_response(response), field) == frozenset()
    assert getattr(_read(_item(field, _coding("none"), _coding("none"))), field) == frozenset()
    assert getattr(_read(_item(field)), field) is None


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
    (item,) = response["item"]
    value = item["answer"][0]["valueQuantity"]
    assert (value["value"], value["code"]) == quantity
    assert value["system"] == UCUM_URL


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
        _item("medicines", _coding("statin")),
        _item("age_group", _coding("older_adult")),
        _item("disturbs_sleep", {"valueBoolean": True}),
        _item("improves_with_self_care", {"valueBoolean": False}),
        _item("recurrent", {"valueBoolean": False}),
    )
    assert episode == Episode(
        severity="moderate",
        duration=timedelta(minutes=12),
        body_areas={"leg", "foot"},
        accompanied_by={"fever"},
        medicines={"statin"},
        age_group="older_adult",
        disturbs_sleep=True,
        improves_with_self_care=False,
        recurrent=False,
    )


def test_unanswered_questions_read_as_none() -> None:
    """An item without answers, or no item at all, is unanswered: None, never False."""
    episode = _read(_item("severity"), {"linkId": "recurrent"}, _item("body_areas"), _item("medicines"))
    assert episode == Episode()
    assert episode.recurrent is None
    assert episode.medicines is None
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
            "text": "Did you also have any of these?",
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
        (_response(_item("after_wound_or_toxin_exposure")), "item[0].linkId", "is not a question"),
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
        (_response(_item("age_group", _coding("teen"))), "item[0].answer[0].valueCoding.code", "age_group: 'teen'"),
        (_response(_item("medicines", _coding("fever"))), "item[0].answer[0].valueCoding.code", "medicines: 'fever'"),
        (
            _response(_item("accompanied_by", _coding("mild"))),
            "item[0].answer[0].valueCoding.code",
            "accompanied_by: 'mild'",
        ),
        (
            _response(_item("body_areas", _coding("none"))),
            "item[0].answer[0].valueCoding.code",
            "body_areas: 'none' is not one",
        ),
        (_response(_item("severity", _coding("none"))), "item[0].answer[0].valueCoding.code", "severity: 'none'"),
        (
            _response(_item("accompanied_by", _coding("none"), _coding("fever"))),
            "item[0].answer",
            "'none' (none of these) cannot come with other answers",
        ),
        (
            _response(_item("medicines", _coding("statin"), _coding("none"))),
            "item[0].answer",
            "medicines: 'none' (none of these) cannot come with other answers",
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
        # 1e400 reads as infinity: a number too large, so too long (issue 14), not "must be finite".
        (_response(_item("duration", _quantity(math.inf, "s"))), f"{_DURATION_ITEM}.value", "at most"),
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
        "none",
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
        [{"valueCoding": {"system": CODE_SYSTEM_URL, "code": "none"}}],
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
