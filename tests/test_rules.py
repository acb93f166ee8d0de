"""The rule table of clinical-rules.md, row by row, and the values the rule is built from."""

from __future__ import annotations

import itertools
import operator
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import attrs
import pytest

import spasmfacts
from spasmfacts import (
    DEFAULT_POLICY,
    RULES,
    Assessment,
    BodyArea,
    Code,
    Episode,
    Finding,
    Policy,
    Severity,
    Urgency,
    assess,
    needs_medical_attention,
)
from spasmfacts import assessment as assessment_module
from spasmfacts.assessment import describe_duration
from spasmfacts.rules import Reported, fired_rules

R, U, E = Urgency.ROUTINE, Urgency.URGENT, Urgency.EMERGENCY
TEN_MINUTES = timedelta(minutes=10)

# The table of clinical-rules.md, copied by hand: label, id, urgency, sources.
SPEC_TABLE = [
    ("A1", "severe", R, ("article", "mayo-muscle-cramp")),
    ("A2", "long-lasting", U, ("article", "nidirect-leg-cramps", "nhs-leg-cramps")),
    ("A3", "systemic-symptoms", U, ("article", "merck-muscle-cramps")),
    ("A4", "daily-life", R, ("article", "nidirect-leg-cramps")),
    ("E1", "disturbs-sleep", R, ("nhs-leg-cramps", "nidirect-leg-cramps")),
    ("E2", "recurrent", R, ("mayo-muscle-cramp", "nidirect-leg-cramps")),
    ("E3", "no-improvement", R, ("mayo-muscle-cramp", "medlineplus-muscle-cramps")),
    ("E4", "new-medication", R, ("merck-muscle-cramps", "nice-cks-leg-cramps")),
    ("E5", "nerve-signs", U, ("merck-muscle-cramps", "nhs-leg-cramps", "mayo-muscle-cramp")),
    ("E6", "circulation-signs", U, ("nhs-dvt", "mayo-muscle-cramp")),
    ("E7", "fluid-loss", U, ("merck-muscle-cramps",)),
    ("E8", "abdomen-or-arm", U, ("merck-muscle-cramps",)),
    ("E9", "wound-or-toxin", E, ("nhs-tetanus", "nidirect-leg-cramps")),
    ("E10", "chest-or-breathing", E, ("nhs-chest-pain", "nhs-dvt", "merck-muscle-cramps")),
    ("E11", "confusion", E, ("cleveland-heat-illness",)),
    ("E12", "dark-urine", E, ("fairview-rhabdomyolysis",)),
    ("E13", "walking-cramps", R, ("merck-muscle-cramps",)),
    ("E14", "neck-and-fever", E, ("nhs-meningitis",)),
]
URGENCY_OF = {rule_id: urgency for _, rule_id, urgency, _ in SPEC_TABLE}
NEXT_STEP_OF = {
    Urgency.SELF_CARE: "self-care",
    Urgency.ROUTINE: "see-a-doctor",
    Urgency.URGENT: "same-day",
    Urgency.EMERGENCY: "emergency",
}

# Every way the table says a row fires, each reported on its own.
SCENARIOS: list[tuple[str, dict[str, Any]]] = [
    ("severe", {"severity": Severity.SEVERE}),
    ("long-lasting", {"duration": timedelta(minutes=10, seconds=1)}),
    ("long-lasting", {"duration": timedelta(hours=2)}),
    ("systemic-symptoms", {"accompanied_by": {Finding.FEVER}}),
    ("systemic-symptoms", {"accompanied_by": {Finding.CHILLS}}),
    ("systemic-symptoms", {"accompanied_by": {Finding.SWEATING}}),
    ("daily-life", {"interferes_with_daily_life": True}),
    ("disturbs-sleep", {"disturbs_sleep": True}),
    ("recurrent", {"recurrent": True}),
    ("no-improvement", {"improves_with_self_care": False}),
    ("new-medication", {"started_after_new_medication": True}),
    ("nerve-signs", {"accompanied_by": {Finding.NUMBNESS}}),
    ("nerve-signs", {"accompanied_by": {Finding.WEAKNESS}}),
    ("nerve-signs", {"accompanied_by": {Finding.MUSCLE_WASTING}}),
    ("nerve-signs", {"accompanied_by": {Finding.TWITCHING}}),
    ("circulation-signs", {"accompanied_by": {Finding.SWELLING}}),
    ("circulation-signs", {"accompanied_by": {Finding.REDNESS}}),
    ("circulation-signs", {"accompanied_by": {Finding.WARMTH}}),
    ("fluid-loss", {"accompanied_by": {Finding.VOMITING}}),
    ("fluid-loss", {"accompanied_by": {Finding.DIARRHOEA}}),
    ("abdomen-or-arm", {"body_areas": {BodyArea.ABDOMEN}}),
    ("abdomen-or-arm", {"body_areas": {BodyArea.ARM}}),
    ("wound-or-toxin", {"after_wound_or_toxin_exposure": True}),
    ("chest-or-breathing", {"body_areas": {BodyArea.CHEST}}),
    ("chest-or-breathing", {"accompanied_by": {Finding.CHEST_PAIN}}),
    ("chest-or-breathing", {"accompanied_by": {Finding.BREATHLESSNESS}}),
    ("confusion", {"accompanied_by": {Finding.CONFUSION}}),
    ("confusion", {"accompanied_by": {Finding.FAINTING}}),
    ("dark-urine", {"accompanied_by": {Finding.DARK_URINE}}),
    ("dark-urine", {"accompanied_by": {Finding.LITTLE_URINE}}),
    ("walking-cramps", {"comes_on_when_walking": True}),
]

# Reported on their own, none of these is a warning sign.
QUIET: list[dict[str, Any]] = [
    {},
    {"severity": Severity.MILD},
    {"severity": Severity.MODERATE},
    {"duration": timedelta(0)},
    {"duration": timedelta(minutes=9, seconds=59)},
    {"duration": TEN_MINUTES},
    {"improves_with_self_care": True},
    {"improves_with_self_care": None},
    *({"body_areas": {area}} for area in (BodyArea.NECK, BodyArea.BACK, BodyArea.HAND, BodyArea.LEG, BodyArea.FOOT)),
    {"body_areas": {BodyArea.NECK, BodyArea.BACK, BodyArea.HAND, BodyArea.LEG, BodyArea.FOOT}},
]


def reason_ids(episode: Episode, policy: Policy = DEFAULT_POLICY) -> list[str]:
    """The ids of the reasons ``assess`` gives, in order."""
    return [reason.id for reason in assess(episode, policy=policy).reasons]


def test_table_matches_the_specification() -> None:
    """RULES holds the 18 rows of clinical-rules.md in order, each with its label, id, urgency and sources."""
    assert [(rule.label, rule.id, rule.urgency, rule.sources) for rule in RULES] == SPEC_TABLE


def test_every_row_has_a_scenario() -> None:
    """The scenarios below exercise every row of the table (E14 has its own tests)."""
    assert {rule_id for rule_id, _ in SCENARIOS} | {"neck-and-fever"} == {rule.id for rule in RULES}


@pytest.mark.parametrize(("rule_id", "fields"), SCENARIOS, ids=[f"{r}-{min(f)}" for r, f in SCENARIOS])
def test_row_alone_fires(rule_id: str, fields: dict[str, Any]) -> None:
    """Each trigger of a row, reported alone, fires exactly that row at its urgency and needs attention."""
    episode = Episode(**fields)
    result = assess(episode)
    assert [(reason.id, reason.urgency) for reason in result.reasons] == [(rule_id, URGENCY_OF[rule_id])]
    assert result.urgency is URGENCY_OF[rule_id]
    assert result.needs_medical_attention is True
    assert needs_medical_attention(episode) is True
    assert result.next_step.id == NEXT_STEP_OF[result.urgency]


@pytest.mark.parametrize("fields", QUIET, ids=repr)
def test_no_warning_sign_gives_self_care(fields: dict[str, Any]) -> None:
    """An episode reporting no warning sign gives self-care, no reasons and the 'self-care' next step."""
    episode = Episode(**fields)
    result = assess(episode)
    assert needs_medical_attention(episode) is False
    assert result.needs_medical_attention is False
    assert result.urgency is Urgency.SELF_CARE
    assert result.reasons == ()
    assert result.next_step.id == "self-care"
    assert result.next_step.urgency is Urgency.SELF_CARE


@pytest.mark.parametrize(
    ("duration", "fires"),
    [
        (timedelta(minutes=9, seconds=59), False),
        (TEN_MINUTES, False),
        (TEN_MINUTES + timedelta(microseconds=1), True),
        (timedelta(minutes=10, seconds=1), True),
    ],
    ids=["9:59", "10:00", "10:00.000001", "10:01"],
)
def test_ten_minute_boundary_is_strict(duration: timedelta, fires: bool) -> None:
    """Only a spasm strictly longer than 10 minutes fires long-lasting; exactly 10:00 does not."""
    episode = Episode(duration=duration)
    assert needs_medical_attention(episode) is fires
    assert reason_ids(episode) == (["long-lasting"] if fires else [])


@pytest.mark.parametrize(("helped", "fires"), [(True, False), (False, True), (None, False)])
def test_only_failed_self_care_fires(helped: bool | None, fires: bool) -> None:
    """improves_with_self_care fires no-improvement only when reported False; True and unknown fire nothing."""
    episode = Episode(improves_with_self_care=helped)
    assert needs_medical_attention(episode) is fires
    assert reason_ids(episode) == (["no-improvement"] if fires else [])


def test_policy_moves_the_line() -> None:
    """A 5-minute policy fires long-lasting after 5:00 (strictly), and its reason states '5 minutes'."""
    policy = Policy(long_episode=timedelta(minutes=5))
    assert not needs_medical_attention(Episode(duration=timedelta(minutes=5)), policy=policy)
    episode = Episode(duration=timedelta(minutes=5, seconds=1))
    assert needs_medical_attention(episode, policy=policy)
    assert not needs_medical_attention(episode)
    (reason,) = assess(episode, policy=policy).reasons
    assert reason.id == "long-lasting"
    assert "5 minutes" in reason.summary
    assert "10 minutes" not in reason.summary


def test_default_policy_reason_states_ten_minutes() -> None:
    """Under the default policy the long-lasting reason states the 10-minute threshold."""
    (reason,) = assess(Episode(duration=timedelta(minutes=11))).reasons
    assert "10 minutes" in reason.summary
    assert Policy() == DEFAULT_POLICY
    assert DEFAULT_POLICY.long_episode == TEN_MINUTES


@pytest.mark.parametrize(
    "value", [timedelta(0), timedelta(seconds=-1), timedelta(microseconds=-1), 600, 600.0, "PT10M", None, True]
)
def test_policy_rejects_non_positive_or_non_timedelta(value: object) -> None:
    """Policy(long_episode=...) raises ValueError for zero, negative and non-timedelta values."""
    with pytest.raises(ValueError, match="long_episode"):
        Policy(long_episode=value)  # type: ignore[arg-type]


def test_policy_is_frozen() -> None:
    """A Policy cannot be changed after it is made."""
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        DEFAULT_POLICY.long_episode = timedelta(minutes=1)  # type: ignore[misc]


def test_known_diagnosis_has_no_field_and_fires_nothing() -> None:
    """An episode has no field for a diagnosis; an empty episode gives self-care with no reasons."""
    names = {field.name for field in attrs.fields(Episode)}
    assert not names & {"diagnosis", "condition", "conditions", "known_condition"}
    with pytest.raises(TypeError):
        Episode(diagnosis="multiple-sclerosis")  # type: ignore[call-arg]
    result = assess(Episode())
    assert (result.urgency, result.reasons, result.next_step.id) == (Urgency.SELF_CARE, (), "self-care")


def test_twitching_as_a_finding_fires_nerve_signs() -> None:
    """Twitching reported as a finding of its own fires nerve-signs at urgent."""
    assert reason_ids(Episode(accompanied_by={Finding.TWITCHING})) == ["nerve-signs"]


def test_sweating_fires_systemic_symptoms() -> None:
    """Sweating that comes with the spasm fires systemic-symptoms."""
    assert reason_ids(Episode(accompanied_by={"sweating"})) == ["systemic-symptoms"]


def test_neck_and_fever_is_an_emergency() -> None:
    """A spasm in the neck with fever fires neck-and-fever (emergency) as well as systemic-symptoms."""
    result = assess(Episode(body_areas={BodyArea.NECK}, accompanied_by={Finding.FEVER}))
    assert [reason.id for reason in result.reasons] == ["neck-and-fever", "systemic-symptoms"]
    assert result.urgency is Urgency.EMERGENCY
    assert result.next_step.id == "emergency"


def test_neck_alone_or_fever_alone_is_not_neck_and_fever() -> None:
    """Neck alone fires nothing and fever alone fires only systemic-symptoms, never neck-and-fever."""
    assert reason_ids(Episode(body_areas={BodyArea.NECK})) == []
    assert reason_ids(Episode(accompanied_by={Finding.FEVER})) == ["systemic-symptoms"]
    assert reason_ids(Episode(body_areas={BodyArea.LEG}, accompanied_by={Finding.FEVER})) == ["systemic-symptoms"]
    assert reason_ids(Episode(body_areas={BodyArea.NECK}, accompanied_by={Finding.CHILLS})) == ["systemic-symptoms"]


def test_reasons_ordered_by_urgency_then_table_order() -> None:
    """Reasons come highest urgency first, and within one urgency in table order."""
    episode = Episode(
        severity=Severity.SEVERE,
        duration=timedelta(minutes=30),
        disturbs_sleep=True,
        comes_on_when_walking=True,
        accompanied_by={Finding.CONFUSION, Finding.VOMITING},
        after_wound_or_toxin_exposure=True,
    )
    assert reason_ids(episode) == [
        "wound-or-toxin",
        "confusion",
        "long-lasting",
        "fluid-loss",
        "severe",
        "disturbs-sleep",
        "walking-cramps",
    ]


def test_everything_reported_fires_every_row_in_order() -> None:
    """An episode with every warning sign fires all 18 rows, emergencies first, each urgency in table order."""
    episode = Episode(
        severity="severe",
        duration=timedelta(hours=1),
        body_areas=list(BodyArea),
        accompanied_by=list(Finding),
        interferes_with_daily_life=True,
        disturbs_sleep=True,
        recurrent=True,
        improves_with_self_care=False,
        started_after_new_medication=True,
        after_wound_or_toxin_exposure=True,
        comes_on_when_walking=True,
    )
    expected = [rule_id for urgency in (E, U, R) for _, rule_id, u, _ in SPEC_TABLE if u is urgency]
    assert reason_ids(episode) == expected
    assert assess(episode).urgency is Urgency.EMERGENCY


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.id)
def test_reason_sources_include_the_rows_sources(rule: spasmfacts.Rule) -> None:
    """Each reason cites at least its row's sources, and every cited id is a source in the content."""
    episode = Episode(
        severity="severe",
        duration=timedelta(hours=1),
        body_areas=list(BodyArea),
        accompanied_by=list(Finding),
        interferes_with_daily_life=True,
        disturbs_sleep=True,
        recurrent=True,
        improves_with_self_care=False,
        started_after_new_medication=True,
        after_wound_or_toxin_exposure=True,
        comes_on_when_walking=True,
    )
    reasons = {reason.id: reason for reason in assess(episode).reasons}
    reason = reasons[rule.id]
    assert reason.urgency is rule.urgency
    assert set(rule.sources) <= set(reason.sources)
    assert len(set(reason.sources)) == len(reason.sources)
    catalog = spasmfacts.sources()
    for source_id in reason.sources:
        assert source_id in catalog


@pytest.mark.parametrize(
    "limit",
    [
        timedelta(microseconds=1),
        timedelta(seconds=1),
        timedelta(days=999999999),
        timedelta.max,
        timedelta(days=12345, hours=23, minutes=59, seconds=59, microseconds=123456),
    ],
)
def test_reason_summaries_stay_short_for_any_policy(limit: timedelta) -> None:
    """Every reason's summary is under 140 characters, however long the policy's threshold is written."""
    episode = Episode(
        duration=timedelta(seconds=100_000_000),
        accompanied_by=list(Finding),
        body_areas=list(BodyArea),
        severity="severe",
        recurrent=True,
    )
    result = assess(episode, policy=Policy(long_episode=limit))
    assert result.reasons
    for reason in result.reasons:
        assert len(reason.summary) < 140
    assert len(result.next_step.summary) < 140


@pytest.mark.parametrize(
    ("value", "words"),
    [
        (timedelta(0), "0 seconds"),
        (timedelta(seconds=1), "1 second"),
        (timedelta(seconds=90), "1 minute 30 seconds"),
        (timedelta(minutes=5), "5 minutes"),
        (timedelta(hours=1), "1 hour"),
        (timedelta(hours=1, minutes=30), "1 hour 30 minutes"),
        (timedelta(days=2, hours=3), "2 days 3 hours"),
        (timedelta(days=1, seconds=1), "1 day 1 second"),
        (timedelta(milliseconds=500), "0.5 seconds"),
        (timedelta(seconds=1, microseconds=250000), "1.25 seconds"),
        (timedelta(microseconds=1), "0.000001 seconds"),
    ],
)
def test_threshold_in_words(value: timedelta, words: str) -> None:
    """The threshold a long-lasting reason states is written largest unit first, zero parts left out."""
    assert describe_duration(value) == words


def test_long_lasting_reason_states_a_fractional_threshold() -> None:
    """A threshold of 90.5 seconds is stated as '1 minute 30.5 seconds' in the long-lasting reason."""
    policy = Policy(long_episode=timedelta(seconds=90, milliseconds=500))
    (reason,) = assess(Episode(duration=timedelta(minutes=2)), policy=policy).reasons
    assert "1 minute 30.5 seconds" in reason.summary


def _leaves(trigger: object) -> Iterator[object]:
    parts = getattr(trigger, "parts", None)
    if parts is None:
        yield trigger
    else:
        for part in parts:
            yield from _leaves(part)


def test_fast_path_flags_are_the_tables_reported_triggers() -> None:
    """The fast path's flags are exactly the table's Reported triggers, so it reads every flag the table does."""
    reported = {leaf for rule in RULES for leaf in _leaves(rule.trigger) if isinstance(leaf, Reported)}
    assert set(spasmfacts.rules._FAST_FLAGS) == reported
    assert len(spasmfacts.rules._FAST_FLAGS) == len(reported) == 7


@pytest.mark.parametrize("value", [None, {}, {"recurrent": True}, "episode", 0, Policy()])
def test_non_episode_is_a_type_error(value: object) -> None:
    """needs_medical_attention() and assess() raise TypeError for anything but an Episode."""
    with pytest.raises(TypeError, match="Episode"):
        needs_medical_attention(value)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="Episode"):
        assess(value)  # type: ignore[arg-type]


@pytest.mark.parametrize("policy", [None, timedelta(minutes=5), {"long_episode": 300}, Episode()])
def test_non_policy_is_a_type_error(policy: object) -> None:
    """needs_medical_attention() and assess() raise TypeError when policy is not a Policy."""
    with pytest.raises(TypeError, match="Policy"):
        needs_medical_attention(Episode(), policy=policy)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="Policy"):
        assess(Episode(), policy=policy)  # type: ignore[arg-type]


def test_subclasses_are_accepted() -> None:
    """An Episode subclass and a Policy subclass are accepted like the classes themselves."""

    @attrs.frozen(kw_only=True)
    class MyEpisode(Episode):
        pass

    @attrs.frozen(kw_only=True)
    class MyPolicy(Policy):
        pass

    episode = MyEpisode(duration=timedelta(minutes=6))
    policy = MyPolicy(long_episode=timedelta(minutes=5))
    assert needs_medical_attention(episode, policy=policy)
    assert [reason.id for reason in assess(episode, policy=policy).reasons] == ["long-lasting"]


def test_equal_episodes_share_one_assessment() -> None:
    """assess() returns the same (immutable) object for equal episodes under equal policies."""
    first = assess(Episode(severity="severe", body_areas=["leg", "foot"]))
    second = assess(Episode(severity=Severity.SEVERE, body_areas=(BodyArea.FOOT, BodyArea.LEG, BodyArea.LEG)))
    assert first is second
    assert assess(Episode(), policy=Policy(long_episode=TEN_MINUTES)) is assess(Episode())


def test_cache_key_keeps_policies_apart() -> None:
    """The same episode under two policies gets two results, each stating its own threshold."""
    episode = Episode(duration=timedelta(hours=2))
    one = assess(episode, policy=Policy(long_episode=timedelta(minutes=5)))
    other = assess(episode, policy=Policy(long_episode=timedelta(minutes=7)))
    assert "5 minutes" in one.reasons[0].summary
    assert "7 minutes" in other.reasons[0].summary


def test_full_cache_is_emptied_and_results_stay_right(monkeypatch: pytest.MonkeyPatch) -> None:
    """When the assessment cache reaches its limit it is emptied, and every result is still correct."""
    monkeypatch.setattr(assessment_module, "_cache", {})
    monkeypatch.setattr(assessment_module, "_CACHE_LIMIT", 2)
    episodes = [Episode(), Episode(recurrent=True), Episode(disturbs_sleep=True), Episode(recurrent=True)]
    results = [assess(episode) for episode in episodes]
    assert [r.urgency for r in results] == [Urgency.SELF_CARE, R, R, R]
    assert [[reason.id for reason in r.reasons] for r in results] == [
        [],
        ["recurrent"],
        ["disturbs-sleep"],
        ["recurrent"],
    ]
    assert len(assessment_module._cache) <= 2


def test_assessment_and_reasons_are_frozen() -> None:
    """An Assessment and its reasons cannot be changed, so a shared cached result stays right."""
    result = assess(Episode(recurrent=True))
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        result.urgency = Urgency.SELF_CARE  # type: ignore[misc]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        result.reasons[0].summary = "changed"  # type: ignore[misc]
    assert isinstance(result.reasons, tuple)
    assert isinstance(result.reasons[0].sources, tuple)
    assert isinstance(result, Assessment)
    assert hash(result) == hash(assess(Episode(recurrent=True)))


@pytest.mark.parametrize(
    "episode",
    [
        Episode(),
        Episode(recurrent=True),
        Episode(accompanied_by={Finding.WARMTH}),
        Episode(after_wound_or_toxin_exposure=True),
    ],
    ids=["self_care", "routine", "urgent", "emergency"],
)
def test_next_step_matches_urgency(episode: Episode) -> None:
    """The next step's urgency is the assessment's urgency, one next step per urgency level."""
    result = assess(episode)
    assert result.next_step.urgency is result.urgency
    assert result.next_step.id == NEXT_STEP_OF[result.urgency]


def test_fired_rules_is_the_plain_table_evaluation() -> None:
    """fired_rules() gives the rows that fire in table order, under the default policy unless told otherwise."""
    episode = Episode(duration=timedelta(minutes=6), recurrent=True, severity="severe")
    assert [rule.id for rule in fired_rules(episode)] == ["severe", "recurrent"]
    five = Policy(long_episode=timedelta(minutes=5))
    assert [rule.id for rule in fired_rules(episode, five)] == ["severe", "long-lasting", "recurrent"]


def test_triggers_are_immutable_values() -> None:
    """A trigger equals only an equal trigger of its own class, hashes alike, shows its fields and cannot change."""
    from spasmfacts.rules import AllOf, AnyArea, AnyFinding, AnyOf, LongerThanPolicy, Reported  # noqa: PLC0415

    fever = AnyFinding(frozenset({Finding.FEVER}))
    assert fever == AnyFinding(frozenset({Finding.FEVER}))
    assert hash(fever) == hash(AnyFinding(frozenset({Finding.FEVER})))
    assert fever != AnyFinding(frozenset({Finding.CHILLS}))
    parts = (fever, AnyArea(frozenset({BodyArea.NECK})))
    assert AnyOf(parts) != AllOf(parts)
    assert LongerThanPolicy() == LongerThanPolicy()
    assert LongerThanPolicy() != ()
    assert Reported("recurrent", value=True) != ("recurrent", True)
    assert repr(Reported("recurrent", value=True)) == "Reported(field='recurrent', value=True)"
    with pytest.raises(AttributeError, match="immutable"):
        fever.findings = frozenset()
    with pytest.raises(AttributeError, match="immutable"):
        del fever.findings


def test_urgency_order() -> None:
    """Urgency compares by rank: SELF_CARE < ROUTINE < URGENT < EMERGENCY, and max(Urgency) is EMERGENCY."""
    order = [Urgency.SELF_CARE, Urgency.ROUTINE, Urgency.URGENT, Urgency.EMERGENCY]
    assert list(Urgency) == order
    assert sorted([Urgency.EMERGENCY, Urgency.SELF_CARE, Urgency.URGENT, Urgency.ROUTINE]) == order
    assert max(Urgency) is Urgency.EMERGENCY
    assert min(Urgency) is Urgency.SELF_CARE
    for low, high in itertools.pairwise(order):
        assert low < high
        assert low <= high
        assert high > low
        assert high >= low
        assert not high < low
        assert not low >= high
    assert Urgency.URGENT <= Urgency.URGENT
    assert Urgency.URGENT >= Urgency.URGENT
    assert [u.rank for u in order] == [0, 1, 2, 3]


@pytest.mark.parametrize("other", ["routine", 1, None])
def test_urgency_does_not_compare_with_other_types(other: Any) -> None:
    """Comparing an Urgency with a string or number is a TypeError (each operator returns NotImplemented)."""
    assert Urgency.ROUTINE.__lt__(other) is NotImplemented
    assert Urgency.ROUTINE.__le__(other) is NotImplemented
    assert Urgency.ROUTINE.__gt__(other) is NotImplemented
    assert Urgency.ROUTINE.__ge__(other) is NotImplemented
    for compare in (operator.lt, operator.le, operator.gt, operator.ge):
        with pytest.raises(TypeError):
            compare(Urgency.ROUTINE, other)


def test_urgency_is_not_a_string() -> None:
    """Urgency members are not str, so they never compare by their string values."""
    assert not isinstance(Urgency.ROUTINE, str)
    assert not issubclass(Urgency, str)
    assert Urgency.ROUTINE != "routine"  # type: ignore[comparison-overlap]
    assert Urgency("routine") is Urgency.ROUTINE


@pytest.mark.parametrize(
    ("score", "severity"),
    [
        (0, None),
        (1, Severity.MILD),
        (2, Severity.MILD),
        (3, Severity.MILD),
        (4, Severity.MODERATE),
        (5, Severity.MODERATE),
        (6, Severity.MODERATE),
        (7, Severity.SEVERE),
        (8, Severity.SEVERE),
        (9, Severity.SEVERE),
        (10, Severity.SEVERE),
    ],
)
def test_severity_from_pain_score(score: int, severity: Severity | None) -> None:
    """A pain score maps 0 to None, 1-3 to mild, 4-6 to moderate and 7-10 to severe."""
    assert Severity.from_pain_score(score) is severity


@pytest.mark.parametrize("score", [-1, 11, 100, True, False, 2.0, "3", None, 10**100])
def test_severity_from_bad_pain_score(score: object) -> None:
    """Anything but an integer from 0 to 10 (a bool, a float or a string included) is a ValueError."""
    with pytest.raises(ValueError, match="pain score"):
        Severity.from_pain_score(score)  # type: ignore[arg-type]


def test_finding_codes() -> None:
    """FEVER and CHILLS carry their checked SNOMED CT codes from interop.md; no other finding has a code."""
    snomed = "http://snomed.info/sct"
    assert Finding.FEVER.codes == (Code(system=snomed, code="386661006", display="Fever"),)
    assert Finding.CHILLS.codes == (Code(system=snomed, code="43724002", display="Chill"),)
    for finding in Finding:
        if finding not in {Finding.FEVER, Finding.CHILLS}:
            assert finding.codes == ()


def test_code_rejects_empty_parts() -> None:
    """A Code needs a non-empty system, code and display."""
    with pytest.raises(ValueError, match="display"):
        Code(system="http://snomed.info/sct", code="1", display=" ")
    with pytest.raises(ValueError, match="code"):
        Code(system="http://snomed.info/sct", code=1, display="x")  # type: ignore[arg-type]


def test_enum_values_are_snake_case_strings() -> None:
    """Every Severity, BodyArea and Finding value is a lowercase snake-case string."""
    for enum in (Severity, BodyArea, Finding, Urgency):
        for member in enum:
            assert member.value == member.name.lower()
    assert Finding.CHEST_PAIN.value == "chest_pain"
