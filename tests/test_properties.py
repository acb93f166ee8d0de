"""Hypothesis properties of the rule and the JSON boundary, each stated in its test's docstring."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import attrs
from hypothesis import example, given
from hypothesis import strategies as st

from spasmfacts import (
    DEFAULT_POLICY,
    BodyArea,
    Episode,
    Finding,
    Policy,
    Rule,
    Severity,
    Urgency,
    assess,
    assessment_to_dict,
    episode_from_dict,
    episode_from_json,
    episode_to_dict,
    needs_medical_attention,
)
from spasmfacts import assessment as assessment_module
from spasmfacts.episode import MAX_DURATION
from spasmfacts.rules import fired_rules
from strategies import episodes, policies, shuffled_document, single_row_episodes, valid_documents

SEVERITY_ORDER: list[Severity | None] = [None, Severity.MILD, Severity.MODERATE, Severity.SEVERE]
FLAGS = (
    "interferes_with_daily_life",
    "disturbs_sleep",
    "recurrent",
    "started_after_new_medication",
    "after_wound_or_toxin_exposure",
    "comes_on_when_walking",
)
NINE_59 = Episode(duration=timedelta(minutes=9, seconds=59))
TEN_00 = Episode(duration=timedelta(minutes=10))
TEN_01 = Episode(duration=timedelta(minutes=10, seconds=1))
HELPED = Episode(improves_with_self_care=True)
NOT_HELPED = Episode(improves_with_self_care=False)
UNKNOWN = Episode(improves_with_self_care=None)


@given(single_row_episodes())
def test_every_row_alone_is_sufficient(case: tuple[Rule, Policy, Episode]) -> None:
    """For every row, an episode reporting only what fires that row needs medical attention, with that row's reason."""
    rule, policy, episode = case
    assert needs_medical_attention(episode, policy=policy)
    assert rule in fired_rules(episode, policy)
    result = assess(episode, policy=policy)
    assert rule.id in {reason.id for reason in result.reasons}
    assert result.urgency >= rule.urgency


@st.composite
def raised(draw: st.DrawFn, episode: Episode) -> Episode:
    """One change that reports more: a finding or area added, severity raised, duration lengthened, a flag set."""
    change = draw(st.sampled_from(["finding", "area", "severity", "duration", "flag", "self_care"]))
    if change == "finding":
        return attrs.evolve(episode, accompanied_by=episode.accompanied_by | {draw(st.sampled_from(Finding))})
    if change == "area":
        return attrs.evolve(episode, body_areas=episode.body_areas | {draw(st.sampled_from(BodyArea))})
    if change == "severity":
        higher = SEVERITY_ORDER[SEVERITY_ORDER.index(episode.severity) :]
        return attrs.evolve(episode, severity=draw(st.sampled_from(higher)))
    if change == "duration":
        shortest = episode.duration or timedelta(0)
        longer = draw(st.timedeltas(min_value=shortest, max_value=MAX_DURATION))
        return attrs.evolve(episode, duration=longer)
    if change == "flag":
        return attrs.evolve(episode, **{draw(st.sampled_from(FLAGS)): True})
    return attrs.evolve(episode, improves_with_self_care=False)


@given(episodes, policies, st.data())
@example(NINE_59, DEFAULT_POLICY, None).via("the 10-minute line: 9:59")
@example(TEN_00, DEFAULT_POLICY, None).via("the 10-minute line: 10:00")
@example(TEN_01, DEFAULT_POLICY, None).via("the 10-minute line: 10:01")
@example(HELPED, DEFAULT_POLICY, None).via("self-care helped")
@example(NOT_HELPED, DEFAULT_POLICY, None).via("self-care did not help")
@example(UNKNOWN, DEFAULT_POLICY, None).via("self-care not reported")
def test_reporting_more_never_lowers_urgency(episode: Episode, policy: Policy, data: st.DataObject | None) -> None:
    """Adding a finding or an area, raising severity, lengthening duration, setting a flag, or changing
    improves_with_self_care from True or None to False never lowers the urgency (nor turns attention off).
    """  # noqa: D205
    if data is None:  # an explicit example: raise every way at once along the boundary
        more = [
            attrs.evolve(episode, duration=timedelta(minutes=10, seconds=1)),
            attrs.evolve(episode, improves_with_self_care=False),
            attrs.evolve(episode, severity=Severity.SEVERE),
        ]
    else:
        more = [data.draw(raised(episode))]
    before = assess(episode, policy=policy)
    for after_episode in more:
        after = assess(after_episode, policy=policy)
        assert after.urgency >= before.urgency
        assert needs_medical_attention(after_episode, policy=policy) >= needs_medical_attention(episode, policy=policy)
        assert {r.id for r in before.reasons} <= {r.id for r in after.reasons}


@given(episodes, policies)
@example(NINE_59, DEFAULT_POLICY)
@example(TEN_00, DEFAULT_POLICY)
@example(TEN_01, DEFAULT_POLICY)
@example(HELPED, DEFAULT_POLICY)
@example(NOT_HELPED, DEFAULT_POLICY)
@example(UNKNOWN, DEFAULT_POLICY)
def test_yes_no_agrees_with_the_graded_result(episode: Episode, policy: Policy) -> None:
    """needs_medical_attention(e) == assess(e).needs_medical_attention == (assess(e).urgency > SELF_CARE)
    == bool(assess(e).reasons) == bool(fired_rules(e)): the fast path equals the table.
    """  # noqa: D205
    result = assess(episode, policy=policy)
    fired = fired_rules(episode, policy)
    answer = needs_medical_attention(episode, policy=policy)
    assert answer is result.needs_medical_attention
    assert answer == (result.urgency > Urgency.SELF_CARE) == bool(result.reasons) == bool(fired)


@given(episodes, policies)
@example(NINE_59, DEFAULT_POLICY)
@example(TEN_00, DEFAULT_POLICY)
@example(TEN_01, DEFAULT_POLICY)
@example(NOT_HELPED, DEFAULT_POLICY)
def test_reasons_are_the_fired_rows(episode: Episode, policy: Policy) -> None:
    """The reasons are exactly the rows that fire, highest urgency first then table order, and the urgency
    is the highest of theirs (SELF_CARE when none fires); the next step is the one for that urgency.
    """  # noqa: D205
    result = assess(episode, policy=policy)
    fired = fired_rules(episode, policy)
    expected_order = [rule.id for rule in sorted(fired, key=lambda rule: -rule.urgency.rank)]
    assert [reason.id for reason in result.reasons] == expected_order
    assert result.urgency is max((rule.urgency for rule in fired), default=Urgency.SELF_CARE)
    assert result.next_step.urgency is result.urgency
    for reason, rule in zip(result.reasons, sorted(fired, key=lambda rule: -rule.urgency.rank), strict=True):
        assert reason.urgency is rule.urgency
        assert set(rule.sources) <= set(reason.sources)
        assert len(reason.summary) < 140


@given(valid_documents.flatmap(lambda document: st.tuples(st.just(document), shuffled_document(document))))
def test_array_order_and_repetition_change_nothing(documents: tuple[dict[str, Any], dict[str, Any]]) -> None:
    """Reordering the arrays of an episode document, or repeating their items, gives the same episode."""
    original, shuffled = documents
    assert episode_from_dict(shuffled) == episode_from_dict(original)


@given(episodes)
@example(NINE_59)
@example(TEN_00)
@example(TEN_01)
@example(HELPED)
@example(NOT_HELPED)
@example(UNKNOWN)
@example(Episode(duration=MAX_DURATION))
@example(Episode(duration=timedelta(microseconds=1)))
def test_json_round_trip_is_lossless(episode: Episode) -> None:
    """episode_from_json(json.dumps(episode_to_dict(e))) == e for every episode, and the document is canonical."""
    document = episode_to_dict(episode)
    text = json.dumps(document)
    assert episode_from_json(text) == episode
    assert episode_from_dict(document) == episode
    assert episode_to_dict(episode_from_json(text)) == document


@given(valid_documents)
def test_documents_round_trip_to_canonical_form(document: dict[str, Any]) -> None:
    """A valid document read and written again reads back to the same episode (numeric durations included)."""
    episode = episode_from_dict(document)
    assert episode_from_dict(episode_to_dict(episode)) == episode


@given(episodes, policies)
@example(NINE_59, DEFAULT_POLICY)
@example(TEN_00, DEFAULT_POLICY)
@example(TEN_01, DEFAULT_POLICY)
@example(HELPED, DEFAULT_POLICY)
@example(NOT_HELPED, DEFAULT_POLICY)
@example(UNKNOWN, DEFAULT_POLICY)
def test_assess_is_deterministic(episode: Episode, policy: Policy) -> None:
    """assess() gives equal results on every call, and its cached result equals one computed afresh."""
    first = assess(episode, policy=policy)
    assert assess(episode, policy=policy) == first
    assert assessment_module._build(episode, policy) == first
    assert assessment_to_dict(assess(episode, policy=policy)) == assessment_to_dict(first)
    assert needs_medical_attention(episode, policy=policy) is needs_medical_attention(episode, policy=policy)
