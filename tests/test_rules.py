"""The rule table of clinical-rules.md (version 2), row by row, and the values the rule is built from.

These tests need no content: they pin ``RULES``, ``fired_rules()``, ``needs_medical_attention()``
and ``Policy`` against the specification transcribed in ``strategies.SPEC_ROWS``.
"""

from __future__ import annotations

import ast
import copy
import itertools
import operator
import pickle
import subprocess
import sys
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import attrs
import pytest

from spasmfacts import (
    DEFAULT_POLICY,
    RULES,
    RULES_VERSION,
    AgeGroup,
    BodyArea,
    Code,
    Episode,
    Finding,
    Medicine,
    Policy,
    Rule,
    Severity,
    Urgency,
    needs_medical_attention,
)
from spasmfacts.rules import AllOf, AnyArea, AnyFinding, AnyOf, LongerThanPolicy, Reported, Trigger, fast, fired_rules
from strategies import FLAGS, SPEC_BY_ID, SPEC_ROWS, TEN_MINUTES, Fields, SpecRow, minimal_episodes, spec_fired

DECISION_ROWS = {
    "sweating-with-spasm",
    "wasting-or-twitching",
    "arm-cramp",
    "after-wound",
    "fainting",
    "dark-or-little-urine",
    "dark-urine-with-weakness",
    "stiff-jaw-or-spreading",
    "stiff-jaw-and-spreading",
    "swallowing-trouble",
    "taking-statin",
    "baby-spasms",
    "cold-pale-limb",
    "injury-with-signs",
    "new-medicine-head-neck-spasm",
    "medicine-fever-rigidity",
    "tingling-mouth-or-hands",
    "statin-new-dose",
}
"""The rows clinical-rules.md marks DECISION."""


def fired_ids(episode: Episode, policy: Policy = DEFAULT_POLICY) -> list[str]:
    """The ids of the rows of RULES that fire, in table order."""
    return [rule.id for rule in fired_rules(episode, policy)]


def _way_id(rule_id: str, way: Fields) -> str:
    words = []
    for key, value in way.items():
        if isinstance(value, frozenset):
            words += sorted(member.value for member in value)
        elif isinstance(value, Severity | AgeGroup):
            words.append(value.value)
        elif isinstance(value, timedelta):
            words.append(f"duration={value}")
        else:
            words.append(key if value else f"{key}=false")
    return f"{rule_id}[{'+'.join(words)}]"


MINIMAL = minimal_episodes()


# --- The table itself ---------------------------------------------------------------------------


def test_table_matches_the_specification() -> None:
    """RULES holds the 51 rows of clinical-rules.md in order, each with its label, id and urgency."""
    assert len(RULES) == 51
    assert [(rule.label, rule.id, rule.urgency) for rule in RULES] == [
        (row.label, row.id, row.urgency) for row in SPEC_ROWS
    ]


@pytest.mark.parametrize("row", SPEC_ROWS, ids=lambda row: row.id)
def test_row_sources_match_the_specification(row: SpecRow) -> None:
    """Each row cites the source ids the specification gives it, in its order (N23's source is left open)."""
    rule = next(rule for rule in RULES if rule.id == row.id)
    if row.sources is None:
        assert all(isinstance(source, str) for source in rule.sources)
    else:
        assert rule.sources == row.sources


def test_ids_and_labels_are_unique_and_well_formed() -> None:
    """Row ids and labels are unique; ids are lowercase kebab-case, labels are A/E/N and a number."""
    ids = [rule.id for rule in RULES]
    labels = [rule.label for rule in RULES]
    assert len(set(ids)) == len(ids)
    assert len(set(labels)) == len(labels)
    for rule in RULES:
        assert rule.id == rule.id.lower()
        assert all(part.isalnum() for part in rule.id.split("-"))
        assert rule.label[0] in "AEN"
        assert rule.label[1:].rstrip("abc").isdigit()


def test_retired_v1_ids_are_gone() -> None:
    """The v1 ids split in version 2 (systemic-symptoms, abdomen-or-arm, wound-or-toxin, dark-urine) are no rows."""
    assert not {rule.id for rule in RULES} & {"systemic-symptoms", "abdomen-or-arm", "wound-or-toxin", "dark-urine"}


def test_rules_version() -> None:
    """RULES_VERSION is "2.0"."""
    assert RULES_VERSION == "2.0"


def test_decision_rows_carry_their_reason() -> None:
    """Exactly the rows the specification marks DECISION have a decision text, each a non-empty sentence."""
    assert {row.id for row in SPEC_ROWS if row.decision} == DECISION_ROWS
    assert {rule.id for rule in RULES if rule.decision is not None} == DECISION_ROWS
    for rule in RULES:
        if rule.decision is not None:
            assert rule.decision.strip()
            assert rule.decision.rstrip().endswith(".")


def test_every_row_says_when_it_fires() -> None:
    """Every row has a non-empty fires_when text for the docs."""
    for rule in RULES:
        assert rule.fires_when.strip()


# --- Every row alone ----------------------------------------------------------------------------


def test_every_row_has_a_minimal_episode() -> None:
    """The minimal episodes below cover every row of the table."""
    assert {rule_id for rule_id, _ in MINIMAL} == {rule.id for rule in RULES}


@pytest.mark.parametrize(("rule_id", "fields"), MINIMAL, ids=[_way_id(r, f) for r, f in MINIMAL])
def test_row_alone_fires_and_only_what_it_implies(rule_id: str, fields: Fields) -> None:
    """Each minimal way a row fires fires that row and exactly the rows the spec implies (its bases included)."""
    episode = Episode(**fields)
    implied = spec_fired(episode)
    assert rule_id in implied
    assert fired_ids(episode) == implied
    assert needs_medical_attention(episode) is True
    top = max(rule.urgency for rule in fired_rules(episode))
    assert top is max(SPEC_BY_ID[other].urgency for other in implied)


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        (
            {"severity": Severity.SEVERE, "body_areas": {BodyArea.ABDOMEN}},
            ["severe", "belly-cramp", "belly-cramp-severe"],
        ),
        ({"after_wound": True, "body_areas": {BodyArea.THROAT}}, ["wound-and-danger-signs", "after-wound"]),
        (
            {"accompanied_by": {Finding.BOTH_LEGS_NUMB_WEAK}, "body_areas": {BodyArea.BACK}},
            ["nerve-signs", "back-and-both-legs"],
        ),
        (
            {"accompanied_by": {Finding.MUSCLE_ACHE}, "medicines": {Medicine.STATIN}},
            ["statin-muscle-symptoms", "taking-statin"],
        ),
        (
            {"medicines": {Medicine.WATER_TABLET}, "started_after_new_medication": True},
            ["new-medication", "fluid-loss", "taking-water-tablet"],
        ),
        ({"in_heat": True, "accompanied_by": {Finding.FAINTING}}, ["fainting", "heat-not-settling"]),
        ({"pregnant": True, "body_areas": {BodyArea.ABDOMEN}}, ["belly-cramp", "pregnancy-belly-cramp"]),
        ({"pregnant": True, "accompanied_by": {Finding.WARMTH}}, ["circulation-signs", "pregnancy-leg-swelling"]),
        ({"after_injury": True, "accompanied_by": {Finding.SWELLING}}, ["circulation-signs", "injury-with-signs"]),
        ({"accompanied_by": {Finding.HEAVY_SWEATING}}, ["fluid-loss"]),
        (
            {"accompanied_by": {Finding.DARK_URINE}, "severity": Severity.SEVERE},
            ["severe", "dark-or-little-urine", "dark-urine-with-weakness"],
        ),
    ],
    ids=[
        "belly",
        "wound-throat",
        "back-legs",
        "statin-ache",
        "water-tablet",
        "heat-faint",
        "pregnant-belly",
        "pregnant-warmth",
        "injury-swelling",
        "heavy-sweating",
        "dark-urine-severe",
    ],
)
def test_combined_rows_by_hand(fields: Fields, expected: list[str]) -> None:
    """A few combined rows, worked out by hand from the spec: exactly these rows fire, in table order."""
    episode = Episode(**fields)
    assert fired_ids(episode) == expected == spec_fired(episode)


QUIET: list[Fields] = [
    {},
    {"severity": Severity.MILD},
    {"severity": Severity.MODERATE},
    {"duration": timedelta(0)},
    {"duration": timedelta(minutes=9, seconds=59)},
    {"duration": TEN_MINUTES},
    {"improves_with_self_care": True},
    {"accompanied_by": frozenset()},
    {"medicines": frozenset()},
    {"accompanied_by": {Finding.MUSCLE_ACHE}},
    {"accompanied_by": {Finding.STIFF_NECK}},
    *({"body_areas": {area}} for area in BodyArea if area not in {BodyArea.ABDOMEN, BodyArea.ARM, BodyArea.CHEST}),
    {"body_areas": set(BodyArea) - {BodyArea.ABDOMEN, BodyArea.ARM, BodyArea.CHEST}},
    {"medicines": {Medicine.ANTIPSYCHOTIC, Medicine.ANTI_SICKNESS, Medicine.BLOOD_THINNER}},
    *({"age_group": group} for group in AgeGroup if group is not AgeGroup.BABY),
    *(
        {flag: True}
        for flag in ("pregnant", "in_heat", "not_better_after_cooling", "after_injury", "fluid_restriction")
    ),
    *({flag: False} for flag in FLAGS if flag != "improves_with_self_care"),
    dict.fromkeys(FLAGS),
    {"medicines": {Medicine.ANTIPSYCHOTIC}, "body_areas": {BodyArea.LEG, BodyArea.HAND}},
    {"in_heat": True, "not_better_after_cooling": False},
    {"in_heat": False, "not_better_after_cooling": True},
    {"body_areas": {BodyArea.NECK}, "accompanied_by": frozenset()},
    {"body_areas": {BodyArea.HAND}, "severity": Severity.MILD, "duration": timedelta(seconds=20)},
]


@pytest.mark.parametrize("fields", QUIET, ids=repr)
def test_no_warning_sign_fires_nothing(fields: Fields) -> None:
    """Answers that are no warning sign on their own (None, False, a hand, a blood thinner, ...) fire no row."""
    episode = Episode(**fields)
    assert fired_ids(episode) == [] == spec_fired(episode)
    assert needs_medical_attention(episode) is False


def test_hand_alone_fires_nothing_and_arm_fires_arm_cramp() -> None:
    """A cramp in the hand fires nothing; one in the arm fires arm-cramp (urgent)."""
    assert fired_ids(Episode(body_areas={BodyArea.HAND})) == []
    assert fired_ids(Episode(body_areas={BodyArea.ARM, BodyArea.HAND})) == ["arm-cramp"]


def test_chills_and_a_stiff_neck_count_for_neck_and_fever() -> None:
    """neck-and-fever fires for a neck spasm or a stiff neck with fever or chills; neither half alone fires it."""
    for where in ({"body_areas": {BodyArea.NECK}}, {"accompanied_by": {Finding.STIFF_NECK}}):
        for temperature in (Finding.FEVER, Finding.CHILLS):
            fields = merge_fields(where, {"accompanied_by": {temperature}})
            assert fired_ids(Episode(**fields)) == ["fever-or-chills", "neck-and-fever"]
    assert fired_ids(Episode(body_areas={BodyArea.LEG}, accompanied_by={Finding.FEVER})) == ["fever-or-chills"]


def merge_fields(*parts: Fields) -> Fields:
    """Field sets joined, set fields united."""
    merged: Fields = {}
    for part in parts:
        for key, value in part.items():
            merged[key] = set(merged.get(key, set())) | set(value) if isinstance(value, set) else value
    return merged


def test_heat_needs_a_high_temperature_not_chills() -> None:
    """In the heat, fever fires heat-not-settling but chills do not (the spec: only a high temperature counts)."""
    assert "heat-not-settling" in fired_ids(Episode(in_heat=True, accompanied_by={Finding.FEVER}))
    assert "heat-not-settling" not in fired_ids(Episode(in_heat=True, accompanied_by={Finding.CHILLS}))


def test_everything_reported_fires_every_row() -> None:
    """An episode reporting every warning sign fires all 51 rows, and needs_medical_attention is True."""
    episode = Episode(
        severity="severe",
        duration=timedelta(hours=1),
        body_areas=list(BodyArea),
        accompanied_by=list(Finding),
        medicines=list(Medicine),
        age_group="baby",
        improves_with_self_care=False,
        **{flag: True for flag in FLAGS if flag != "improves_with_self_care"},
    )
    assert fired_ids(episode) == [rule.id for rule in RULES]
    assert needs_medical_attention(episode) is True


# --- The 10-minute line and the policy ----------------------------------------------------------


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
def test_ten_minute_line_is_strict(duration: timedelta, fires: bool) -> None:
    """Only a spasm strictly longer than 10 minutes fires long-lasting: 10:00 does not, 10:01 does."""
    episode = Episode(duration=duration)
    assert needs_medical_attention(episode) is fires
    assert fired_ids(episode) == (["long-lasting"] if fires else [])


@pytest.mark.parametrize(("helped", "fires"), [(True, False), (False, True), (None, False)])
def test_only_failed_self_care_fires(helped: bool | None, fires: bool) -> None:
    """improves_with_self_care fires no-improvement only when answered False; True and unanswered fire nothing."""
    episode = Episode(improves_with_self_care=helped)
    assert needs_medical_attention(episode) is fires
    assert fired_ids(episode) == (["no-improvement"] if fires else [])


def test_a_stricter_policy_fires_earlier() -> None:
    """A 5-minute policy fires long-lasting after 5:00 (strictly), where the default does not."""
    policy = Policy(long_episode=timedelta(minutes=5))
    assert not needs_medical_attention(Episode(duration=timedelta(minutes=5)), policy=policy)
    episode = Episode(duration=timedelta(minutes=5, seconds=1))
    assert needs_medical_attention(episode, policy=policy)
    assert fired_ids(episode, policy) == ["long-lasting"]
    assert not needs_medical_attention(episode)
    assert fired_ids(episode) == []


@pytest.mark.parametrize("limit", [timedelta(microseconds=1), timedelta(seconds=1), timedelta(minutes=9, seconds=59)])
def test_policies_up_to_the_default_are_accepted(limit: timedelta) -> None:
    """A positive policy limit up to the 10-minute default is accepted and kept as given."""
    assert Policy(long_episode=limit).long_episode == limit


def test_the_default_policy_is_ten_minutes() -> None:
    """The default policy's limit is exactly 10 minutes, and Policy() equals DEFAULT_POLICY."""
    assert DEFAULT_POLICY.long_episode == TEN_MINUTES
    assert Policy() == DEFAULT_POLICY == Policy(long_episode=TEN_MINUTES)


@pytest.mark.parametrize(
    "limit",
    [
        TEN_MINUTES + timedelta(microseconds=1),
        timedelta(minutes=10, seconds=1),
        timedelta(minutes=11),
        timedelta(days=1),
        timedelta.max,
    ],
    ids=["10:00.000001", "10:01", "11:00", "1 day", "max"],
)
def test_a_looser_policy_is_a_value_error(limit: timedelta) -> None:
    """A policy longer than the 10-minute default is a ValueError: no policy can make the rule looser."""
    with pytest.raises(ValueError, match="long_episode"):
        Policy(long_episode=limit)


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


def test_fired_rules_uses_the_default_policy_unless_told() -> None:
    """fired_rules() gives the rows that fire in table order, under the default policy unless given one."""
    episode = Episode(duration=timedelta(minutes=6), recurrent=True, severity="severe")
    assert fired_ids(episode) == ["severe", "recurrent"]
    five = Policy(long_episode=timedelta(minutes=5))
    assert fired_ids(episode, five) == ["severe", "long-lasting", "recurrent"]


# --- The fast path ------------------------------------------------------------------------------


def _alone(trigger: Trigger) -> Iterator[Trigger]:
    """The triggers any one of which fires ``trigger`` on its own."""
    if isinstance(trigger, AnyOf):
        for part in trigger.parts:
            yield from _alone(part)
    else:
        yield trigger


def test_fast_flags_are_the_tables_single_input_yes_no_leaves() -> None:
    """_FAST_FLAGS is exactly the yes/no answers that fire a row on their own, read off the table."""
    alone = {leaf for rule in RULES for leaf in _alone(rule.trigger) if isinstance(leaf, Reported)}
    fast._derive()
    assert set(fast._FAST_FLAGS) == alone
    assert len(fast._FAST_FLAGS) == len(alone) == 9
    assert Reported("improves_with_self_care", value=False) in alone


def test_uncovered_rows_are_the_paired_rows() -> None:
    """_UNCOVERED names exactly the rows no single input fires: medicine-face-neck-spasm and heat-not-settling."""
    fast._derive()
    assert fast._UNCOVERED == ("medicine-face-neck-spasm", "heat-not-settling")


@pytest.mark.parametrize(
    ("fields", "fires"),
    [
        *(
            ({"medicines": {m}, "body_areas": {a}}, True)
            for m in (Medicine.ANTIPSYCHOTIC, Medicine.ANTI_SICKNESS)
            for a in (BodyArea.NECK, BodyArea.FACE, BodyArea.JAW, BodyArea.THROAT)
        ),
        ({"medicines": {Medicine.ANTIPSYCHOTIC}, "body_areas": {BodyArea.BACK}}, False),
        ({"medicines": {Medicine.BLOOD_THINNER}, "body_areas": {BodyArea.NECK}}, False),
        ({"medicines": None, "body_areas": {BodyArea.NECK}}, False),
        ({"in_heat": True, "not_better_after_cooling": True}, True),
        ({"in_heat": True, "not_better_after_cooling": None}, False),
        ({"in_heat": None, "not_better_after_cooling": True}, False),
    ],
)
def test_fast_path_answers_the_paired_rows(fields: Fields, fires: bool) -> None:
    """needs_medical_attention() fires for the two paired rows on their own, and not for their near misses."""
    episode = Episode(**fields)
    assert needs_medical_attention(episode) is fires
    assert bool(fired_rules(episode)) is fires


@pytest.mark.parametrize("value", [None, {}, {"recurrent": True}, "episode", 0, Policy()])
def test_non_episode_is_a_type_error(value: object) -> None:
    """needs_medical_attention() raises TypeError for anything but an Episode."""
    with pytest.raises(TypeError, match="Episode"):
        needs_medical_attention(value)  # type: ignore[arg-type]


@pytest.mark.parametrize("policy", [None, timedelta(minutes=5), {"long_episode": 300}, Episode()])
def test_non_policy_is_a_type_error(policy: object) -> None:
    """needs_medical_attention() raises TypeError when policy is not a Policy."""
    with pytest.raises(TypeError, match="Policy"):
        needs_medical_attention(Episode(), policy=policy)  # type: ignore[arg-type]


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
    assert fired_ids(episode, policy) == ["long-lasting"]


# --- Triggers and vocabularies ------------------------------------------------------------------


def test_triggers_are_immutable_values() -> None:
    """A trigger equals only an equal trigger of its own class, hashes alike, shows its fields and cannot change."""
    fever = AnyFinding(frozenset({Finding.FEVER}))
    assert fever == AnyFinding(frozenset({Finding.FEVER}))
    assert hash(fever) == hash(AnyFinding(frozenset({Finding.FEVER})))
    assert fever != AnyFinding(frozenset({Finding.CHILLS}))
    parts = (fever, AnyArea(frozenset({BodyArea.NECK})))
    assert AnyOf(*parts) != AllOf(*parts)
    assert LongerThanPolicy() == LongerThanPolicy()
    assert LongerThanPolicy() != ()
    assert Reported("recurrent", value=True) != ("recurrent", True)
    assert repr(Reported("recurrent", value=True)) == "Reported(field='recurrent', value=True)"
    with pytest.raises(AttributeError, match="immutable"):
        fever.findings = frozenset()
    with pytest.raises(AttributeError, match="immutable"):
        del fever.findings


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.id)
def test_rows_copy_and_pickle_as_equal_values(rule: Rule) -> None:
    """Every row (and so every trigger in it) pickles, copies and deep-copies to an equal value."""
    assert pickle.loads(pickle.dumps(rule)) == rule  # noqa: S301 (our own value, round-tripped)
    assert copy.copy(rule) == rule
    assert copy.deepcopy(rule) == rule
    assert pickle.loads(pickle.dumps(rule.trigger)) == rule.trigger  # noqa: S301


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


def test_vocabularies_match_the_specification() -> None:
    """BodyArea, Finding, Medicine and AgeGroup have exactly the members of clinical-rules.md, version 2."""
    assert [a.value for a in BodyArea] == [
        "neck",
        "back",
        "chest",
        "abdomen",
        "arm",
        "hand",
        "leg",
        "foot",
        "face",
        "jaw",
        "throat",
    ]
    assert {f.value for f in Finding} == {
        "fever",
        "chills",
        "sweating",
        "heavy_sweating",
        "numbness",
        "tingling_mouth_fingers",
        "severe_headache",
        "palpitations",
        "cold_pale_limb",
        "weakness",
        "muscle_wasting",
        "twitching",
        "muscle_ache",
        "swelling",
        "redness",
        "warmth",
        "vomiting",
        "diarrhoea",
        "chest_pain",
        "breathlessness",
        "confusion",
        "fainting",
        "fit",
        "dark_urine",
        "little_urine",
        "stiff_jaw",
        "trouble_swallowing",
        "spreading",
        "stiff_neck",
        "face_droop",
        "one_sided_weakness",
        "speech_trouble",
        "saddle_numbness",
        "bladder_bowel_change",
        "both_legs_numb_weak",
    }
    assert [m.value for m in Medicine] == ["statin", "water_tablet", "antipsychotic", "anti_sickness", "blood_thinner"]
    assert [g.value for g in AgeGroup] == ["baby", "child", "adult", "older_adult"]
    assert [s.value for s in Severity] == ["mild", "moderate", "severe"]


def test_finding_codes() -> None:
    """FEVER and CHILLS carry their checked SNOMED CT codes; no other finding (none of the new ones) has a code."""
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
    """Every value of the shared vocabularies is its member's name in lowercase snake case."""
    for enum in (Severity, BodyArea, Finding, Medicine, AgeGroup, Urgency):
        for member in enum:
            assert member.value == member.name.lower()
    assert Finding.CHEST_PAIN.value == "chest_pain"


_FIRST_CALLS = """
from datetime import timedelta
from spasmfacts import Episode, Policy, needs_medical_attention
from spasmfacts.rules import fired_rules
answers = []
try:
    needs_medical_attention({first})
except TypeError as exc:
    answers.append(str(exc))
episodes = [
    Episode(),
    Episode(recurrent=True),
    Episode(accompanied_by={{"fever"}}),
    Episode(medicines={{"antipsychotic"}}, body_areas={{"neck"}}),
    Episode(medicines={{"antipsychotic"}}),
    Episode(in_heat=True, not_better_after_cooling=True),
    Episode(duration=timedelta(minutes=6)),
]
for episode in episodes:
    answers.append([needs_medical_attention(episode), bool(fired_rules(episode))])
answers.append(needs_medical_attention(episodes[6], policy=Policy(long_episode=timedelta(minutes=5))))
print(answers)
"""


@pytest.mark.parametrize("first", ["Episode()", "'not an episode'"])
def test_first_call_in_a_fresh_interpreter(first: str) -> None:
    """The first call in a fresh process, which derives the fast path from the table, answers as later ones do."""
    code = _FIRST_CALLS.format(first=first)
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120)
    answers = ast.literal_eval(result.stdout)
    if first != "Episode()":
        assert answers.pop(0) == "needs_medical_attention() takes an Episode, not str"
    assert answers == [
        [False, False],
        [True, True],
        [True, True],
        [True, True],
        [False, False],
        [True, True],
        [False, False],
        True,
    ]


def test_rules_package_names_resolve_on_first_use() -> None:
    """spasmfacts.rules lists and resolves every name of its __all__, the table's too, and refuses others."""
    from spasmfacts import rules  # noqa: PLC0415 (the package object itself is under test)

    assert set(rules.__all__) <= set(dir(rules))
    assert all(getattr(rules, name) is not None for name in rules.__all__)
    with pytest.raises(AttributeError, match="no attribute 'no_such_name'"):
        _ = rules.no_such_name
