"""CDS Hooks cards: the action first, one card per reason, none for a complete self-care result, per the spec."""

from __future__ import annotations

import itertools
import json
import uuid
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

import pytest
from hypothesis import given

from spasmfacts import (
    DEFAULT_POLICY,
    RULES_VERSION,
    Episode,
    Policy,
    Urgency,
    assess,
    assessment_to_dict,
    catalogs,
    interop,
)
from spasmfacts.interop.cds_hooks import EXTENSION_KEY, INDICATORS
from spasmfacts.interop.markdown import escape, text_blocks
from strategies import SPEC_ROWS, episodes, policies

CARD_KEYS = {
    "uuid",
    "summary",
    "detail",
    "indicator",
    "source",
    "suggestions",
    "selectionBehavior",
    "overrideReasons",
    "links",
    "extension",
}
COMPLETE: dict[str, Any] = {"accompanied_by": [], "body_areas": ["leg"]}
"""The two key questions answered, with nothing reported: a complete self-care report."""


def shown(text: str) -> str:
    """A content text as the Markdown of a card shows it: escaped, its lines and lists kept."""
    return "\n".join(text_blocks(text))


def counter() -> Callable[[], uuid.UUID]:
    """A fixed uuid generator for tests: 1, 2, 3, ..."""
    numbers = itertools.count(1)
    return lambda: uuid.UUID(int=next(numbers))


def _absolute_url(url: object) -> bool:
    if not isinstance(url, str):
        return False
    parts = urlsplit(url)
    return parts.scheme in {"http", "https"} and bool(parts.netloc)


def assert_meets_card_rules(card: dict[str, Any]) -> None:
    """The CDS Hooks field rules for a card, as the specification states them."""
    assert set(card) <= CARD_KEYS
    assert isinstance(card["summary"], str)
    assert card["summary"]
    assert len(card["summary"]) < 140
    assert card["indicator"] in {"info", "warning", "critical"}
    assert isinstance(card["source"], dict)
    assert isinstance(card["source"]["label"], str)
    assert card["source"]["label"]
    assert set(card["source"]) <= {"label", "url", "icon", "topic"}
    assert "url" not in card["source"] or _absolute_url(card["source"]["url"])
    assert isinstance(card.get("detail", ""), str)
    if "uuid" in card:
        assert str(uuid.UUID(card["uuid"])) == card["uuid"]
    for link in card.get("links", []):
        assert set(link) <= {"label", "url", "type", "appContext"}
        assert isinstance(link["label"], str)
        assert link["label"]
        assert link["type"] in {"absolute", "smart"}
        assert _absolute_url(link["url"])


@given(episodes, policies)
def test_cards_for_any_assessment(episode: Episode, policy: Policy) -> None:
    """For any assessment: the result card first, then one card per reason in order, each meeting the field rules."""
    assessment = assess(episode, policy=policy)
    document = assessment_to_dict(assessment)
    cards = interop.cds_hooks_cards(assessment)
    for card in cards:
        assert_meets_card_rules(card)
        assert card["extension"] == {
            EXTENSION_KEY: {"rules_version": RULES_VERSION, "content_version": document["content_version"]}
        }
    if not cards:
        assert assessment.complete
        assert not assessment.reasons
        assert not assessment.outside_intended_use
        return
    assert cards[0]["indicator"] == INDICATORS[assessment.urgency]
    assert [card["summary"] for card in cards[1:]] == [reason.summary for reason in assessment.reasons]
    assert [card["indicator"] for card in cards[1:]] == [INDICATORS[reason.urgency] for reason in assessment.reasons]
    for card, reason in zip(cards[1:], assessment.reasons, strict=True):
        assert shown(reason.advice) in card["detail"]
    step = assessment.next_step
    assert f"{escape(step.summary)}\n\n{shown(step.advice)}" in cards[0]["detail"]
    for item in document["unanswered"]:
        assert escape(item["question"]) in cards[0]["detail"]
    for caution in document["cautions"]:
        assert shown(caution["text"]) in cards[0]["detail"]
    for note in document["outside_intended_use"]:
        assert escape(note["note"]) in cards[0]["detail"]
    assert json.loads(json.dumps(cards)) == cards


def test_indicator_mapping_is_the_rule_tables() -> None:
    """Indicators follow the rule table: self-care info, routine and urgent warning, emergency critical."""
    assert INDICATORS == {
        Urgency.SELF_CARE: "info",
        Urgency.ROUTINE: "warning",
        Urgency.URGENT: "warning",
        Urgency.EMERGENCY: "critical",
    }


@pytest.mark.parametrize(
    ("episode", "indicators"),
    [
        (Episode(severity="severe"), ["warning", "warning"]),
        (Episode(accompanied_by={"fever"}), ["warning", "warning"]),
        (Episode(accompanied_by={"confusion"}), ["critical", "critical"]),
        (Episode(body_areas={"neck"}, accompanied_by={"fever"}), ["critical", "critical", "warning"]),
        (Episode(), ["info"]),
        (Episode(**COMPLETE), []),
    ],
)
def test_indicator_follows_urgency(episode: Episode, indicators: list[str]) -> None:
    """The result card has the overall urgency's indicator, each reason card its own: warning, critical or info."""
    assert [card["indicator"] for card in interop.cds_hooks_cards(assess(episode))] == indicators


def test_the_action_comes_first() -> None:
    """An emergency's first card says to call the emergency number, before any reason card: never 'book' first."""
    assessment = assess(Episode(body_areas={"neck"}, accompanied_by={"fever"}, severity="severe"))
    first, *reasons = interop.cds_hooks_cards(assessment)
    headline = assessment_to_dict(assessment)["headline"]
    assert "emergency number" in headline
    assert first["summary"] == headline
    assert first["detail"].startswith(f"**{escape(headline)}**")
    assert [card["summary"] for card in reasons] == [reason.summary for reason in assessment.reasons]
    assert [reason.urgency for reason in assessment.reasons] == sorted(
        (reason.urgency for reason in assessment.reasons), reverse=True
    )


def test_reason_card_detail_has_the_advice_and_sources() -> None:
    """A reason's card detail holds its warning sign's advice and links every source that has an address."""
    assessment = assess(Episode(accompanied_by={"swelling"}))
    (_, card) = interop.cds_hooks_cards(assessment)
    (reason,) = assessment.reasons
    assert shown(catalogs.warning_signs().lookup(reason.id).advice) in card["detail"]
    for source_id in reason.sources:
        source = catalogs.sources().lookup(source_id)
        assert escape(source.title) in card["detail"]
        if source.url is not None:
            assert f"]({source.url})" in card["detail"]
    assert [link["url"] for link in card["links"]] == [
        url for url in (catalogs.sources().lookup(source_id).url for source_id in reason.sources) if url is not None
    ]
    assert card["source"] == {"label": "spasmfacts", "url": "https://spasmfacts.readthedocs.io/"}
    assert escape(catalogs.metadata().disclaimer) in card["detail"]


def test_every_rows_advice_reaches_a_card() -> None:
    """For each of the 51 rows, an episode that fires it gives a card with that sign's summary and advice."""
    for spec in SPEC_ROWS:
        sign = catalogs.warning_signs().lookup(spec.id)
        cards = interop.cds_hooks_cards(assess(Episode(**spec.when.ways(DEFAULT_POLICY)[0])))
        (card,) = [card for card in cards[1:] if f"**{escape(sign.name)}**" in card["detail"]]
        assert shown(sign.advice) in card["detail"], spec.id
        assert card["indicator"] == INDICATORS[sign.urgency]


def test_complete_self_care_gives_no_card() -> None:
    """With no warning sign and the key questions answered, the response is {"cards": []}, as the spec advises."""
    assert interop.cds_hooks_response(assess(Episode(**COMPLETE, severity="mild"))) == {"cards": []}


def test_the_self_care_card_is_kept_on_request() -> None:
    """self_care_card=True keeps one info card for a complete self-care result, with the safety net and cautions."""
    assessment = assess(Episode(**COMPLETE))
    (card,) = interop.cds_hooks_cards(assessment, self_care_card=True)
    assert card["indicator"] == "info"
    assert card["summary"] == assessment_to_dict(assessment)["headline"]
    assert shown(assessment.next_step.advice) in card["detail"]
    assert assessment.cautions
    assert all(shown(caution.text) in card["detail"] for caution in assessment.cautions)
    assert escape(catalogs.metadata().disclaimer) in card["detail"]
    assert "links" in card


def test_an_incomplete_report_gives_one_info_card_naming_the_questions() -> None:
    """With no warning sign but key questions unanswered, one info card says so and lists the questions to ask."""
    assessment = assess(Episode(severity="mild"))
    assert not assessment.complete
    (card,) = interop.cds_hooks_cards(assessment)
    assert card["indicator"] == "info"
    assert card["summary"] == assessment_to_dict(assessment)["labels"]["incomplete"]
    questions = [catalogs.questions().lookup(field).text for field in assessment.unanswered]
    assert questions[:2] == [catalogs.questions().lookup(f).text for f in ("accompanied_by", "body_areas")]
    positions = [card["detail"].index(f"- {escape(question)}") for question in questions]
    assert positions == sorted(positions)
    assert positions[-1] < card["detail"].index(shown(assessment.next_step.advice))


def test_outside_intended_use_is_said_even_without_a_warning_sign() -> None:
    """A complete self-care report for a child still gives the info card, with the intended-use note."""
    assessment = assess(Episode(**COMPLETE, age_group="child"))
    (card,) = interop.cds_hooks_cards(assessment)
    (note,) = assessment_to_dict(assessment)["outside_intended_use"]
    assert escape(note["note"]) in card["detail"]


def test_uuids_are_unique_per_card_instance() -> None:
    """Every card gets its own uuid: two calls for the same assessment never share one (uuid4 by default)."""
    assessment = assess(Episode(severity="severe", recurrent=True, accompanied_by={"fainting"}))
    first, second = interop.cds_hooks_cards(assessment), interop.cds_hooks_cards(assessment)
    uuids = [card["uuid"] for card in first + second]
    assert len(set(uuids)) == len(uuids) == 2 * (1 + len(assessment.reasons))
    assert all(uuid.UUID(value).version == 4 for value in uuids)


def test_a_uuid_generator_can_be_passed() -> None:
    """uuids= supplies the card ids, in card order, so tests and replays get fixed ids."""
    cards = interop.cds_hooks_response(assess(Episode(severity="severe")), uuids=counter())["cards"]
    assert [card["uuid"] for card in cards] == [str(uuid.UUID(int=1)), str(uuid.UUID(int=2))]


def test_response_wraps_the_cards() -> None:
    """cds_hooks_response() is a service response: {"cards": [...]}, passing its options on."""
    assessment = assess(Episode(**COMPLETE, disturbs_sleep=False))
    assert interop.cds_hooks_response(assessment, uuids=counter()) == {"cards": []}
    assert interop.cds_hooks_response(assessment, self_care_card=True, uuids=counter()) == {
        "cards": interop.cds_hooks_cards(assessment, self_care_card=True, uuids=counter())
    }


@pytest.mark.parametrize("value", [None, Episode(), {"urgency": "routine"}])
def test_cards_take_an_assessment_only(value: Any) -> None:
    """Anything but an Assessment raises TypeError naming what was given."""
    with pytest.raises(TypeError, match="takes an Assessment"):
        interop.cds_hooks_cards(value)
