"""Hypothesis properties of the rule and the JSON boundary, each stated in words in its test's docstring."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import attrs
from hypothesis import example, given
from hypothesis import strategies as st

from spasmfacts import (
    DEFAULT_POLICY,
    RULES,
    AgeGroup,
    BodyArea,
    Episode,
    Finding,
    Medicine,
    Policy,
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
from strategies import (
    EPISODE_KEYS,
    FLAGS,
    REFINEMENTS,
    SpecRow,
    episodes,
    paired_episodes,
    policies,
    shuffled_document,
    single_row_episodes,
    spec_fired,
    spec_order,
    valid_documents,
)

SEVERITY_ORDER: list[Severity | None] = [None, Severity.MILD, Severity.MODERATE, Severity.SEVERE]
URGENCY_OF = {rule.id: rule.urgency for rule in RULES}
NINE_59 = Episode(duration=timedelta(minutes=9, seconds=59))
TEN_00 = Episode(duration=timedelta(minutes=10))
TEN_01 = Episode(duration=timedelta(minutes=10, seconds=1))
HELPED = Episode(improves_with_self_care=True)
NOT_HELPED = Episode(improves_with_self_care=False)
UNKNOWN = Episode(improves_with_self_care=None)
PAIRED_MEDICINE = Episode(medicines={Medicine.ANTI_SICKNESS}, body_areas={BodyArea.JAW})
PAIRED_HEAT = Episode(in_heat=True, not_better_after_cooling=True)


def top(ids: set[str]) -> Urgency:
    """The highest urgency among the rows ``ids`` (self-care when there are none)."""
    return max((URGENCY_OF[rule_id] for rule_id in ids), default=Urgency.SELF_CARE)


def fired(episode: Episode, policy: Policy = DEFAULT_POLICY) -> set[str]:
    """The ids of the rows that fire."""
    return {rule.id for rule in fired_rules(episode, policy)}


@given(episodes, policies)
@example(NINE_59, DEFAULT_POLICY)
@example(TEN_00, DEFAULT_POLICY)
@example(TEN_01, DEFAULT_POLICY)
@example(PAIRED_MEDICINE, DEFAULT_POLICY)
@example(PAIRED_HEAT, DEFAULT_POLICY)
def test_table_is_the_specification(episode: Episode, policy: Policy) -> None:
    """For every episode and policy, the rows that fire are exactly the rows the specification says, in order."""
    assert [rule.id for rule in fired_rules(episode, policy)] == spec_fired(episode, policy)


@given(single_row_episodes())
def test_every_row_alone_is_sufficient(case: tuple[SpecRow, Policy, Episode]) -> None:
    """For every row and policy, an episode reporting only one way that row fires needs medical attention."""
    row, policy, episode = case
    assert needs_medical_attention(episode, policy=policy)
    assert row.id in fired(episode, policy)


# --- Monotone: reporting more never lowers the urgency ----------------------------------------


def reported_more(episode: Episode) -> st.SearchStrategy[Episode]:
    """One "more is reported" change of ``episode``, of any kind the specification names."""
    findings = episode.accompanied_by or frozenset()
    medicines = episode.medicines or frozenset()
    shortest = episode.duration or timedelta(0)
    higher = SEVERITY_ORDER[SEVERITY_ORDER.index(episode.severity) :]

    def evolve(**changes: Any) -> Episode:
        return attrs.evolve(episode, **changes)

    return st.one_of(
        st.sampled_from(Finding).map(lambda member: evolve(accompanied_by=findings | {member})),
        st.sampled_from(BodyArea).map(lambda member: evolve(body_areas=episode.body_areas | {member})),
        st.sampled_from(Medicine).map(lambda member: evolve(medicines=medicines | {member})),
        st.sampled_from([name for name in FLAGS if name != "improves_with_self_care"]).map(
            lambda flag: evolve(**{flag: True})
        ),
        st.just(evolve(improves_with_self_care=False)),
        st.timedeltas(min_value=shortest, max_value=MAX_DURATION).map(lambda value: evolve(duration=value)),
        st.sampled_from(higher).map(lambda value: evolve(severity=value)),
    )


@given(episodes, policies, st.data())
def test_reporting_more_never_lowers_urgency(episode: Episode, policy: Policy, data: st.DataObject) -> None:
    """Reporting more (a finding, area, medicine, flag, failed self-care, duration, severity) only adds rows."""
    more = data.draw(reported_more(episode))
    before, after = fired(episode, policy), fired(more, policy)
    assert before <= after
    assert top(after) >= top(before)
    assert needs_medical_attention(more, policy=policy) >= needs_medical_attention(episode, policy=policy)


@given(episodes, policies, st.data())
def test_reporting_more_never_lowers_the_assessment(episode: Episode, policy: Policy, data: st.DataObject) -> None:
    """After any "more is reported" change, assess() gives an urgency no lower and keeps every earlier reason."""
    more = data.draw(reported_more(episode))
    before, after = assess(episode, policy=policy), assess(more, policy=policy)
    assert after.urgency >= before.urgency
    assert {reason.id for reason in before.reasons} <= {reason.id for reason in after.reasons}


# --- Unanswered never fires ---------------------------------------------------------------------

_YES: dict[str, st.SearchStrategy[Any]] = {
    "severity": st.sampled_from(Severity),
    "duration": st.timedeltas(min_value=timedelta(0), max_value=MAX_DURATION),
    "body_areas": st.frozensets(st.sampled_from(BodyArea), min_size=1),
    "accompanied_by": st.frozensets(st.sampled_from(Finding)),
    "medicines": st.frozensets(st.sampled_from(Medicine)),
    "age_group": st.sampled_from(AgeGroup),
    **dict.fromkeys(FLAGS, st.just(True)),
    "improves_with_self_care": st.just(False),
}
"""For each field, the answers that report something ("yes"; for improves_with_self_care, "no")."""


@given(episodes, policies, st.sampled_from(EPISODE_KEYS), st.data())
def test_unanswered_never_fires(episode: Episode, policy: Policy, field: str, data: st.DataObject) -> None:
    """An episode with one field unanswered fires a subset of the rows of the same episode with it answered yes."""
    unanswered = attrs.evolve(episode, **{field: None})
    answered = attrs.evolve(episode, **{field: data.draw(_YES[field])})
    assert fired(unanswered, policy) <= fired(answered, policy)


@given(episodes, policies, st.sampled_from(FLAGS))
def test_unanswered_and_no_fire_alike(episode: Episode, policy: Policy, flag: str) -> None:
    """A yes/no field left unanswered fires what its harmless answer fires (False; True for self-care helping)."""
    harmless = flag != "improves_with_self_care"
    assert fired(attrs.evolve(episode, **{flag: None}), policy) == fired(
        attrs.evolve(episode, **{flag: not harmless}), policy
    )


def test_the_empty_episode_fires_nothing() -> None:
    """Episode() (nothing answered) fires no row, and needs_medical_attention() is False."""
    assert fired_rules(Episode()) == ()
    assert needs_medical_attention(Episode()) is False


# --- Refinements and the fast path --------------------------------------------------------------


@given(episodes, policies)
def test_refinement_rows_fire_only_with_their_base(episode: Episode, policy: Policy) -> None:
    """Whenever a combined row fires its base row fires too, and the base's urgency is no higher."""
    ids = fired(episode, policy)
    for combined, base in REFINEMENTS:
        assert URGENCY_OF[base] <= URGENCY_OF[combined]
        if combined in ids:
            assert base in ids


@given(st.one_of(episodes, paired_episodes), policies)
@example(PAIRED_MEDICINE, DEFAULT_POLICY)
@example(PAIRED_HEAT, DEFAULT_POLICY)
@example(Episode(medicines={Medicine.ANTIPSYCHOTIC}, body_areas={BodyArea.HAND}), DEFAULT_POLICY)
@example(Episode(in_heat=True, not_better_after_cooling=False), DEFAULT_POLICY)
@example(NINE_59, DEFAULT_POLICY)
@example(TEN_00, DEFAULT_POLICY)
@example(TEN_01, DEFAULT_POLICY)
@example(NOT_HELPED, DEFAULT_POLICY)
@example(UNKNOWN, DEFAULT_POLICY)
def test_fast_path_equals_the_table(episode: Episode, policy: Policy) -> None:
    """needs_medical_attention(e) == bool(fired_rules(e)) for every episode, the paired rows' inputs included."""
    assert needs_medical_attention(episode, policy=policy) is bool(fired_rules(episode, policy))


@given(paired_episodes, policies)
def test_fast_path_equals_the_table_around_the_paired_rows(episode: Episode, policy: Policy) -> None:
    """Around medicine-face-neck-spasm and heat-not-settling, needs_medical_attention(e) == bool(fired_rules(e))."""
    assert needs_medical_attention(episode, policy=policy) is bool(fired_rules(episode, policy))


@given(st.one_of(episodes, paired_episodes), policies)
@example(PAIRED_MEDICINE, DEFAULT_POLICY)
@example(PAIRED_HEAT, DEFAULT_POLICY)
@example(TEN_00, DEFAULT_POLICY)
@example(TEN_01, DEFAULT_POLICY)
def test_yes_no_agrees_with_the_graded_result(episode: Episode, policy: Policy) -> None:
    """needs_medical_attention(e) == bool(fired_rules(e)) == assess(e).needs_medical_attention, for every episode."""
    result = assess(episode, policy=policy)
    answer = needs_medical_attention(episode, policy=policy)
    assert answer is bool(fired_rules(episode, policy)) is result.needs_medical_attention
    assert answer == (result.urgency > Urgency.SELF_CARE) == bool(result.reasons)


@given(episodes, policies)
@example(TEN_01, DEFAULT_POLICY)
@example(NOT_HELPED, DEFAULT_POLICY)
def test_reasons_are_the_fired_rows_highest_first(episode: Episode, policy: Policy) -> None:
    """The reasons are the rows that fire, highest urgency first then table order; the urgency is the highest."""
    result = assess(episode, policy=policy)
    ids = spec_fired(episode, policy)
    assert [reason.id for reason in result.reasons] == spec_order(ids)
    assert result.urgency is top(set(ids))
    assert result.next_step.urgency is result.urgency
    for reason in result.reasons:
        assert reason.urgency is URGENCY_OF[reason.id]


# --- Order, repetition, determinism, the boundary -----------------------------------------------


@given(
    st.lists(st.sampled_from(Finding), max_size=6),
    st.lists(st.sampled_from(BodyArea), max_size=4),
    st.lists(st.sampled_from(Medicine), max_size=3),
    st.randoms(use_true_random=False),
)
def test_order_and_repetition_change_nothing(
    findings: list[Finding], where: list[BodyArea], medicines: list[Medicine], random: Any
) -> None:
    """Findings, areas and medicines given in another order or repeated make the same episode and the same result."""
    shuffled = [findings + findings[:2], where + where[:1], medicines * 2]
    for values in shuffled:
        random.shuffle(values)
    one = Episode(accompanied_by=findings, body_areas=where, medicines=medicines)
    other = Episode(accompanied_by=shuffled[0], body_areas=shuffled[1], medicines=shuffled[2])
    assert one == other
    assert fired_rules(one) == fired_rules(other)
    assert assess(one) == assess(other)


@given(valid_documents.flatmap(lambda document: st.tuples(st.just(document), shuffled_document(document))))
def test_array_order_and_repetition_change_nothing(documents: tuple[dict[str, Any], dict[str, Any]]) -> None:
    """Reordering the arrays of an episode document, or repeating their items, gives the same episode."""
    original, shuffled = documents
    assert episode_from_dict(shuffled) == episode_from_dict(original)


@given(episodes, policies)
@example(TEN_00, DEFAULT_POLICY)
@example(TEN_01, DEFAULT_POLICY)
@example(UNKNOWN, DEFAULT_POLICY)
def test_assess_is_deterministic(episode: Episode, policy: Policy) -> None:
    """assess() gives equal results on every call, its cached result equals a fresh one, and so do the outputs."""
    first = assess(episode, policy=policy)
    assert assess(episode, policy=policy) == first
    assert assessment_module._build(episode, policy) == first
    assert assessment_to_dict(assess(episode, policy=policy)) == assessment_to_dict(first)
    assert needs_medical_attention(episode, policy=policy) is needs_medical_attention(episode, policy=policy)
    assert fired_rules(episode, policy) == fired_rules(episode, policy)


@given(episodes)
@example(NINE_59)
@example(TEN_00)
@example(TEN_01)
@example(Episode())
@example(Episode(accompanied_by=[], medicines=[]))
@example(Episode(duration=MAX_DURATION))
@example(Episode(duration=timedelta(microseconds=1)))
def test_json_round_trip_is_lossless(episode: Episode) -> None:
    """episode_from_json(json.dumps(episode_to_dict(e))) == e for every episode (None and [] kept apart)."""
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
