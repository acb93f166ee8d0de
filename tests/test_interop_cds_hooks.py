"""CDS Hooks cards: one per reason, or one info card with the safety net, each meeting the spec's field rules."""

from __future__ import annotations

import json
import uuid
from typing import Any
from urllib.parse import urlsplit

import pytest
from hypothesis import given

from spasmfacts import Episode, Policy, Urgency, assess, catalogs, interop
from spasmfacts.interop.cds_hooks import INDICATORS
from spasmfacts.interop.markdown import escape
from strategies import episodes, policies

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
}


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
    """For any assessment: one card per reason in order (or one info card), each meeting the field rules."""
    assessment = assess(episode, policy=policy)
    cards = interop.cds_hooks_cards(assessment)
    for card in cards:
        assert_meets_card_rules(card)
    if assessment.reasons:
        assert [card["summary"] for card in cards] == [reason.summary for reason in assessment.reasons]
        assert [card["indicator"] for card in cards] == [INDICATORS[reason.urgency] for reason in assessment.reasons]
    else:
        assert [card["indicator"] for card in cards] == ["info"]
        assert cards[0]["summary"] == assessment.next_step.summary
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
        (Episode(severity="severe"), ["warning"]),
        (Episode(accompanied_by={"fever"}), ["warning"]),
        (Episode(accompanied_by={"confusion"}), ["critical"]),
        (Episode(body_areas={"neck"}, accompanied_by={"fever"}), ["critical", "warning"]),
        (Episode(), ["info"]),
    ],
)
def test_indicator_follows_urgency(episode: Episode, indicators: list[str]) -> None:
    """Routine and urgent reasons give warning cards, emergency ones critical cards, self-care one info card."""
    assert [card["indicator"] for card in interop.cds_hooks_cards(assess(episode))] == indicators


def test_reason_card_detail_has_the_advice_and_sources() -> None:
    """A reason's card detail holds its warning sign's advice and links every source that has an address."""
    assessment = assess(Episode(accompanied_by={"swelling"}))
    (card,) = interop.cds_hooks_cards(assessment)
    (reason,) = assessment.reasons
    assert escape(catalogs.warning_signs().lookup(reason.id).advice) in card["detail"]
    for source_id in reason.sources:
        source = catalogs.sources().lookup(source_id)
        assert escape(source.title) in card["detail"]
        if source.url is not None:
            assert f"]({source.url})" in card["detail"]
    assert [link["url"] for link in card["links"]] == [
        url for url in (catalogs.sources().lookup(source_id).url for source_id in reason.sources) if url is not None
    ]
    assert card["source"] == {"label": "spasmfacts", "url": "https://spasmfacts.readthedocs.io/"}


def test_self_care_card_carries_the_safety_net() -> None:
    """A self-care result gives exactly one info card whose detail is the self-care next step's advice."""
    assessment = assess(Episode(severity="mild", body_areas={"leg"}))
    (card,) = interop.cds_hooks_cards(assessment)
    assert card["indicator"] == "info"
    assert card["summary"] == assessment.next_step.summary
    assert escape(assessment.next_step.advice) in card["detail"]
    assert escape(catalogs.metadata().disclaimer) in card["detail"]


def test_uuids_are_reproducible_and_distinct() -> None:
    """The same assessment always gives the same card uuids; different cards get different uuids."""
    assessment = assess(Episode(severity="severe", recurrent=True, accompanied_by={"fainting"}))
    first, second = interop.cds_hooks_cards(assessment), interop.cds_hooks_cards(assessment)
    assert [card["uuid"] for card in first] == [card["uuid"] for card in second]
    assert len({card["uuid"] for card in first}) == len(first) == 3
    assert first[0]["uuid"] != interop.cds_hooks_cards(assess(Episode()))[0]["uuid"]


def test_response_wraps_the_cards() -> None:
    """cds_hooks_response() is a service response: {"cards": [...]}."""
    assessment = assess(Episode(disturbs_sleep=True))
    assert interop.cds_hooks_response(assessment) == {"cards": interop.cds_hooks_cards(assessment)}


@pytest.mark.parametrize("value", [None, Episode(), {"urgency": "routine"}])
def test_cards_take_an_assessment_only(value: Any) -> None:
    """Anything but an Assessment raises TypeError naming what was given."""
    with pytest.raises(TypeError, match="takes an Assessment"):
        interop.cds_hooks_cards(value)
