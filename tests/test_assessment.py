"""assess(), version 2: the scenarios of clinical-evidence.md, completeness, unanswered questions, cautions, scope."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import attrs
import pytest
from hypothesis import given

import spasmfacts
from spasmfacts import (
    DEFAULT_POLICY,
    RULES,
    RULES_VERSION,
    AgeGroup,
    Assessment,
    BodyArea,
    Episode,
    Finding,
    Medicine,
    Policy,
    Severity,
    Urgency,
    assess,
    needs_medical_attention,
)
from spasmfacts import assessment as assessment_module
from spasmfacts.assessment import UNANSWERED_ORDER, describe_duration
from spasmfacts.rules import fired_rules
from strategies import EPISODE_KEYS, Fields, episodes, minimal_episodes, policies, spec_order

A, F, M, S, G = BodyArea, Finding, Medicine, Severity, AgeGroup
SELF_CARE, ROUTINE, URGENT, EMERGENCY = Urgency.SELF_CARE, Urgency.ROUTINE, Urgency.URGENT, Urgency.EMERGENCY
NONE_OF_THESE: frozenset[Any] = frozenset()
NEXT_STEP_OF = {SELF_CARE: "self-care", ROUTINE: "see-a-doctor", URGENT: "same-day", EMERGENCY: "emergency"}

SPEC_UNANSWERED = (
    "accompanied_by",
    "body_areas",
    "after_wound",
    "in_heat",
    "not_better_after_cooling",
    "medicines",
    "age_group",
    "severity",
    "started_after_new_medication",
    "duration",
    "after_injury",
    "after_toxin_exposure",
    "pregnant",
    "improves_with_self_care",
    "heavy_drinking",
    "recurrent",
    "disturbs_sleep",
    "interferes_with_daily_life",
    "comes_on_when_walking",
    "fluid_restriction",
)
"""The order of clinical-rules.md's "unanswered" list, copied by hand."""


def not_answered(episode: Episode, name: str) -> bool:
    """Whether field ``name`` of ``episode`` was left unanswered (None; for body_areas, no area)."""
    value = getattr(episode, name)
    return value is None or (name == "body_areas" and not value)


def unanswered_except(*answered: str) -> tuple[str, ...]:
    """Every field but ``answered``, in the specified order."""
    return tuple(name for name in SPEC_UNANSWERED if name not in answered)


@attrs.frozen
class Scenario:
    """One case of clinical-evidence.md's "Scenario test cases": input, urgency, fired rows, other expectations."""

    number: int
    fields: Fields
    urgency: Urgency
    fired: list[str]
    expected: dict[str, Any] = attrs.field(factory=dict)


SCENARIOS = [
    Scenario(1, {}, SELF_CARE, [], {"complete": False, "unanswered": SPEC_UNANSWERED}),
    Scenario(2, {"after_wound": True, "body_areas": {A.LEG}, "severity": S.MILD, "duration": timedelta(minutes=1)},
             URGENT, ["after-wound"]),
    Scenario(3, {"after_wound": True, "body_areas": {A.JAW, A.NECK}, "accompanied_by": {F.STIFF_JAW, F.SPREADING}},
             EMERGENCY, ["wound-and-danger-signs", "after-wound", "stiff-jaw-or-spreading", "stiff-jaw-and-spreading"]),
    Scenario(4, {"after_wound": False, "body_areas": {A.JAW}, "accompanied_by": {F.STIFF_JAW, F.TROUBLE_SWALLOWING}},
             EMERGENCY, ["stiff-jaw-or-spreading", "swallowing-trouble"]),
    Scenario(5, {"after_toxin_exposure": True, "after_wound": False, "body_areas": {A.LEG},
                 "accompanied_by": NONE_OF_THESE}, URGENT, ["after-toxin"]),
    Scenario(6, {"body_areas": {A.ABDOMEN}, "severity": S.SEVERE, "duration": timedelta(minutes=2)},
             EMERGENCY, ["severe", "belly-cramp", "belly-cramp-severe"]),
    Scenario(7, {"body_areas": {A.ARM}, "severity": S.MILD, "duration": timedelta(seconds=30)}, URGENT, ["arm-cramp"]),
    Scenario(8, {"body_areas": {A.HAND}, "severity": S.MILD, "duration": timedelta(seconds=20),
                 "accompanied_by": NONE_OF_THESE}, SELF_CARE, [],
             {"complete": True,
              "unanswered": unanswered_except("body_areas", "severity", "duration", "accompanied_by")}),
    Scenario(9, {"medicines": {M.STATIN}, "body_areas": {A.LEG}, "accompanied_by": {F.WEAKNESS}},
             URGENT, ["nerve-signs", "statin-muscle-symptoms", "taking-statin"]),
    Scenario(10, {"medicines": {M.ANTI_SICKNESS}, "started_after_new_medication": True, "body_areas": {A.NECK, A.JAW},
                  "accompanied_by": NONE_OF_THESE},
             URGENT, ["new-medication", "medicine-face-neck-spasm", "new-medicine-head-neck-spasm"]),
    Scenario(11, {"body_areas": {A.LEG}, "severity": S.MODERATE, "accompanied_by": {F.DARK_URINE, F.WEAKNESS}},
             EMERGENCY, ["nerve-signs", "dark-or-little-urine", "dark-urine-with-weakness"]),
    Scenario(12, {"body_areas": {A.LEG}, "accompanied_by": {F.LITTLE_URINE}}, URGENT, ["dark-or-little-urine"]),
    Scenario(13, {"body_areas": {A.LEG}, "accompanied_by": {F.FAINTING}}, URGENT, ["fainting"]),
    Scenario(14, {"in_heat": True, "not_better_after_cooling": True, "body_areas": {A.LEG},
                  "duration": timedelta(minutes=40)}, EMERGENCY, ["long-lasting", "heat-not-settling"]),
    Scenario(15, {"body_areas": {A.BACK}, "accompanied_by": {F.SADDLE_NUMBNESS}},
             EMERGENCY, ["saddle-or-bladder-signs"]),
    Scenario(16, {"body_areas": {A.ARM}, "accompanied_by": {F.FACE_DROOP, F.ONE_SIDED_WEAKNESS}},
             EMERGENCY, ["arm-cramp", "face-arm-speech-signs"]),
    Scenario(17, {"body_areas": {A.LEG}, "accompanied_by": {F.STIFF_NECK, F.CHILLS}},
             EMERGENCY, ["fever-or-chills", "neck-and-fever"]),
    Scenario(18, {"age_group": G.BABY, "body_areas": {A.ARM, A.LEG}}, EMERGENCY, ["arm-cramp", "baby-spasms"],
             {"outside_intended_use": ("baby",)}),
    Scenario(19, {"pregnant": True, "body_areas": {A.LEG}, "accompanied_by": {F.SWELLING, F.REDNESS}},
             URGENT, ["circulation-signs", "pregnancy-leg-swelling"]),
    Scenario(20, {"body_areas": {A.LEG}, "accompanied_by": {F.TWITCHING}, "recurrent": False},
             ROUTINE, ["wasting-or-twitching"]),
    Scenario(21, {"body_areas": {A.NECK}, "accompanied_by": {F.SEVERE_HEADACHE}}, EMERGENCY, ["severe-headache"]),
    Scenario(22, {"body_areas": {A.LEG}, "accompanied_by": {F.COLD_PALE_LIMB}}, EMERGENCY, ["cold-pale-limb"]),
    Scenario(23, {"after_injury": True, "body_areas": {A.LEG}, "severity": S.SEVERE},
             URGENT, ["severe", "injury-with-signs"]),
    Scenario(24, {"body_areas": {A.LEG}, "accompanied_by": {F.PALPITATIONS}}, URGENT, ["palpitations"]),
    Scenario(25, {"accompanied_by": {F.FAINTING, F.PALPITATIONS}},
             EMERGENCY, ["fainting", "palpitations", "fainting-with-palpitations"]),
    Scenario(26, {"started_after_new_medication": True, "body_areas": {A.FACE}},
             URGENT, ["new-medication", "new-medicine-head-neck-spasm"]),
    Scenario(27, {"medicines": {M.ANTIPSYCHOTIC}, "accompanied_by": {F.FEVER, F.SPREADING}},
             EMERGENCY, ["fever-or-chills", "stiff-jaw-or-spreading", "medicine-fever-rigidity"]),
    Scenario(28, {"body_areas": {A.HAND}, "accompanied_by": {F.TINGLING_MOUTH_FINGERS}},
             URGENT, ["tingling-mouth-or-hands"]),
    Scenario(29, {"medicines": {M.STATIN}, "started_after_new_medication": True, "body_areas": {A.LEG}},
             URGENT, ["new-medication", "taking-statin", "statin-new-dose"]),
    Scenario(30, {"in_heat": True, "improves_with_self_care": False, "body_areas": {A.LEG}},
             ROUTINE, ["no-improvement"]),
    Scenario(31, {"in_heat": True, "accompanied_by": {F.FEVER}}, EMERGENCY, ["fever-or-chills", "heat-not-settling"]),
]  # fmt: skip
"""The 31 scenarios of clinical-evidence.md; fired rows in table order, as the evidence file lists them."""


def test_all_thirty_one_scenarios_are_here() -> None:
    """The scenario list holds cases 1 to 31 of the evidence file, once each."""
    assert [scenario.number for scenario in SCENARIOS] == list(range(1, 32))


@pytest.mark.parametrize("scenario", SCENARIOS, ids=[f"scenario-{s.number}" for s in SCENARIOS])
def test_scenario(scenario: Scenario) -> None:
    """Each evidence-file scenario gives its urgency, exactly its fired rows, and its reasons highest first."""
    episode = Episode(**scenario.fields)
    assert {rule.id for rule in fired_rules(episode)} == set(scenario.fired)
    assert [rule.id for rule in fired_rules(episode)] == scenario.fired
    assert needs_medical_attention(episode) is bool(scenario.fired)
    result = assess(episode)
    assert result.urgency is scenario.urgency
    assert result.needs_medical_attention is bool(scenario.fired)
    assert [reason.id for reason in result.reasons] == spec_order(scenario.fired)
    assert result.next_step.id == NEXT_STEP_OF[scenario.urgency]
    assert result.outside_intended_use == scenario.expected.get("outside_intended_use", ())
    for name, value in scenario.expected.items():
        assert getattr(result, name) == value, name


# --- Completeness and unanswered questions ------------------------------------------------------


def test_unanswered_order_is_the_specified_one() -> None:
    """UNANSWERED_ORDER is clinical-rules.md's order and names every Episode field once."""
    assert UNANSWERED_ORDER == SPEC_UNANSWERED
    assert sorted(SPEC_UNANSWERED) == sorted(EPISODE_KEYS)


@pytest.mark.parametrize(
    ("findings", "where", "complete"),
    [
        (None, set(), False),
        (NONE_OF_THESE, set(), False),
        (None, {A.LEG}, False),
        (NONE_OF_THESE, {A.LEG}, True),
        ({F.FEVER}, {A.LEG}, True),
        ({F.CHEST_PAIN}, set(), False),
    ],
    ids=[
        "nothing",
        "findings-none-of-these",
        "area-only",
        "none-of-these-and-area",
        "finding-and-area",
        "finding-only",
    ],
)
def test_complete_needs_findings_and_areas(findings: set[Finding] | None, where: set[BodyArea], complete: bool) -> None:
    """A result is complete exactly when accompanied_by was answered ([] counts) and an area was given."""
    assert assess(Episode(accompanied_by=findings, body_areas=where)).complete is complete


def test_an_incomplete_report_can_still_fire() -> None:
    """An incomplete report still runs every row: one yes answer fires its row while complete stays false."""
    result = assess(Episode(recurrent=True))
    assert (result.urgency, result.complete) == (ROUTINE, False)
    assert result.unanswered == unanswered_except("recurrent")


@given(episodes, policies)
def test_complete_and_unanswered_follow_the_answers(episode: Episode, policy: Policy) -> None:
    """For any episode, complete and the unanswered list (in the specified order) follow from what was answered."""
    result = assess(episode, policy=policy)
    assert result.complete is (episode.accompanied_by is not None and bool(episode.body_areas))
    assert result.unanswered == tuple(name for name in SPEC_UNANSWERED if not_answered(episode, name))


def test_everything_answered_leaves_nothing_unanswered() -> None:
    """An episode answering every question, even with "no" and "none of these", has nothing unanswered."""
    episode = Episode(
        severity="mild",
        duration=timedelta(seconds=30),
        body_areas=["leg"],
        accompanied_by=[],
        medicines=[],
        age_group="adult",
        **dict.fromkeys((key for key in EPISODE_KEYS[6:] if key != "improves_with_self_care"), False),
        improves_with_self_care=True,
    )
    result = assess(episode)
    assert (result.urgency, result.complete, result.unanswered) == (SELF_CARE, True, ())
    assert result.cautions == (spasmfacts.cautions().lookup("painkillers"),)


# --- Cautions and intended use ------------------------------------------------------------------

CAUTION_CASES = [
    ("empty-report", {}, ("painkillers", "fluid-limit")),
    ("self-care-no-fluid-limit", {"fluid_restriction": False, "body_areas": {A.LEG}}, ("painkillers",)),
    ("self-care-fluid-limit", {"fluid_restriction": True, "body_areas": {A.LEG}}, ("painkillers", "fluid-limit")),
    ("routine-blood-thinner", {"recurrent": True, "medicines": {M.BLOOD_THINNER}, "fluid_restriction": False},
     ("painkillers",)),
    ("routine-no-painkillers", {"recurrent": True, "medicines": {M.STATIN}, "fluid_restriction": False}, ()),
    ("emergency-older-adult", {"accompanied_by": {F.CHEST_PAIN}, "age_group": G.OLDER_ADULT,
                               "fluid_restriction": False}, ("painkillers",)),
    ("urgent-adult", {"accompanied_by": {F.FEVER}, "age_group": G.ADULT, "fluid_restriction": False}, ()),
    ("urgent-not-about-drinking", {"accompanied_by": {F.FEVER}, "fluid_restriction": True}, ()),
    ("fluid-loss-limit-unanswered", {"accompanied_by": {F.VOMITING}}, ("fluid-limit",)),
    ("fluid-loss-limit", {"accompanied_by": {F.DIARRHOEA}, "fluid_restriction": True}, ("fluid-limit",)),
    ("fluid-loss-no-limit", {"accompanied_by": {F.HEAVY_SWEATING}, "fluid_restriction": False}, ()),
    ("little-urine-limit-unanswered", {"accompanied_by": {F.LITTLE_URINE}}, ("fluid-limit",)),
    ("dark-urine-emergency-limit", {"accompanied_by": {F.DARK_URINE, F.WEAKNESS}, "fluid_restriction": True},
     ("fluid-limit",)),
    ("heat-alone", {"in_heat": True, "fluid_restriction": False}, ("painkillers", "heat")),
    ("heat-not-settling", {"in_heat": True, "not_better_after_cooling": True}, ("heat",)),
    ("heat-fluid-loss", {"in_heat": True, "accompanied_by": {F.HEAVY_SWEATING}}, ("fluid-limit", "heat")),
    ("pregnant-belly", {"pregnant": True, "body_areas": {A.ABDOMEN}}, ("pregnancy",)),
    ("pregnant-self-care", {"pregnant": True, "fluid_restriction": False}, ("painkillers", "pregnancy")),
    ("not-pregnant", {"pregnant": False, "fluid_restriction": False}, ("painkillers",)),
    ("everything", {"medicines": {M.BLOOD_THINNER}, "age_group": G.OLDER_ADULT, "in_heat": True, "pregnant": True},
     ("painkillers", "fluid-limit", "heat", "pregnancy")),
]  # fmt: skip


@pytest.mark.parametrize(("fields", "expected"), [c[1:] for c in CAUTION_CASES], ids=[c[0] for c in CAUTION_CASES])
def test_cautions(fields: Fields, expected: tuple[str, ...]) -> None:
    """Cautions follow the spec: painkillers, fluid-limit (unless told no), heat and pregnancy, each when it applies."""
    result = assess(Episode(**fields))
    assert tuple(caution.id for caution in result.cautions) == expected
    catalog = spasmfacts.cautions()
    for caution in result.cautions:
        assert caution == catalog.lookup(caution.id)


@pytest.mark.parametrize(
    ("group", "outside"),
    [(None, ()), (G.BABY, ("baby",)), (G.CHILD, ("child",)), (G.ADULT, ()), (G.OLDER_ADULT, ())],
    ids=["unanswered", "baby", "child", "adult", "older-adult"],
)
def test_outside_intended_use(group: AgeGroup | None, outside: tuple[str, ...]) -> None:
    """A baby or a child is marked outside the intended use; the rows still run (fever is urgent for a child too)."""
    result = assess(Episode(age_group=group, accompanied_by={F.FEVER}, body_areas={A.LEG}))
    assert result.outside_intended_use == outside
    expected = ["baby-spasms", "fever-or-chills"] if group is G.BABY else ["fever-or-chills"]
    assert [reason.id for reason in result.reasons] == expected


def test_a_baby_always_gets_now() -> None:
    """A baby's report gives emergency with nothing else answered, and is outside the intended use."""
    result = assess(Episode(age_group="baby"))
    assert (result.urgency, result.outside_intended_use) == (EMERGENCY, ("baby",))
    assert result.next_step.id == "emergency"


def test_a_child_with_nothing_else_gets_self_care_marked_outside() -> None:
    """A child's report with no warning sign gives self-care, marked outside the intended use."""
    result = assess(Episode(age_group="child", body_areas=["leg"], accompanied_by=[]))
    assert (result.urgency, result.outside_intended_use, result.reasons) == (SELF_CARE, ("child",), ())


# --- Reasons ------------------------------------------------------------------------------------


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.id)
def test_each_reason_carries_its_warning_signs_texts(rule: spasmfacts.Rule) -> None:
    """Each row's reason carries its warning sign's name, summary and advice, its urgency, and its row's sources."""
    fields = next(fields for rule_id, fields in minimal_episodes() if rule_id == rule.id)
    reason = next(reason for reason in assess(Episode(**fields)).reasons if reason.id == rule.id)
    sign = spasmfacts.warning_signs().lookup(rule.id)
    assert (reason.name, reason.urgency, reason.advice) == (sign.name, rule.urgency, sign.advice)
    assert reason.advice.strip()
    if rule.id != "long-lasting":
        assert reason.summary == sign.summary
    assert set(rule.sources) <= set(reason.sources)
    assert len(set(reason.sources)) == len(reason.sources)
    catalog = spasmfacts.sources()
    assert all(source_id in catalog for source_id in reason.sources)


@pytest.mark.parametrize(
    "episode",
    [Episode(), Episode(recurrent=True), Episode(accompanied_by={F.WARMTH}), Episode(after_wound=True)],
    ids=["self_care", "routine", "urgent", "urgent-wound"],
)
def test_next_step_matches_urgency(episode: Episode) -> None:
    """The next step's urgency is the assessment's urgency, one next step per urgency level."""
    result = assess(episode)
    assert result.next_step.urgency is result.urgency
    assert result.next_step.id == NEXT_STEP_OF[result.urgency]


def test_the_result_carries_the_rules_version() -> None:
    """Every assessment says which rule table made it: "2.0"."""
    assert assess(Episode()).rules_version == RULES_VERSION == "2.0"


def test_a_stricter_policy_states_its_limit() -> None:
    """Under a 5-minute policy the long-lasting reason states "5 minutes"; under the default it states 10."""
    episode = Episode(duration=timedelta(minutes=5, seconds=1))
    (reason,) = assess(episode, policy=Policy(long_episode=timedelta(minutes=5))).reasons
    assert reason.id == "long-lasting"
    assert "5 minutes" in reason.summary
    assert "10 minutes" not in reason.summary
    (reason,) = assess(Episode(duration=timedelta(minutes=11))).reasons
    assert "10 minutes" in reason.summary


@pytest.mark.parametrize(
    "limit",
    [
        timedelta(microseconds=1),
        timedelta(seconds=1),
        timedelta(minutes=9, seconds=59, microseconds=999999),
        timedelta(minutes=1, seconds=1, microseconds=123456),
    ],
)
def test_reason_summaries_stay_short_for_any_policy(limit: timedelta) -> None:
    """Every reason's summary is under 140 characters, however the policy's limit is written."""
    episode = Episode(duration=timedelta(hours=1), accompanied_by=list(F), body_areas=list(A), severity="severe")
    result = assess(episode, policy=Policy(long_episode=limit))
    assert result.reasons
    assert all(len(reason.summary) < 140 for reason in result.reasons)
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
    """The limit a long-lasting reason states is written largest unit first, zero parts left out."""
    assert describe_duration(value) == words


def test_long_lasting_reason_states_a_fractional_limit() -> None:
    """A limit of 90.5 seconds is stated as '1 minute 30.5 seconds' in the long-lasting reason."""
    policy = Policy(long_episode=timedelta(seconds=90, milliseconds=500))
    (reason,) = assess(Episode(duration=timedelta(minutes=2)), policy=policy).reasons
    assert "1 minute 30.5 seconds" in reason.summary


# --- Arguments, caching, immutability -----------------------------------------------------------


@pytest.mark.parametrize("value", [None, {}, {"recurrent": True}, "episode", 0, Policy()])
def test_non_episode_is_a_type_error(value: object) -> None:
    """assess() raises TypeError for anything but an Episode."""
    with pytest.raises(TypeError, match="Episode"):
        assess(value)  # type: ignore[arg-type]


@pytest.mark.parametrize("policy", [None, timedelta(minutes=5), {"long_episode": 300}, Episode()])
def test_non_policy_is_a_type_error(policy: object) -> None:
    """assess() raises TypeError when policy is not a Policy."""
    with pytest.raises(TypeError, match="Policy"):
        assess(Episode(), policy=policy)  # type: ignore[arg-type]


def test_subclasses_are_accepted() -> None:
    """An Episode subclass and a Policy subclass are assessed like the classes themselves."""

    @attrs.frozen(kw_only=True)
    class MyEpisode(Episode):
        pass

    @attrs.frozen(kw_only=True)
    class MyPolicy(Policy):
        pass

    result = assess(MyEpisode(duration=timedelta(minutes=6)), policy=MyPolicy(long_episode=timedelta(minutes=5)))
    assert [reason.id for reason in result.reasons] == ["long-lasting"]


def test_equal_episodes_share_one_assessment() -> None:
    """assess() returns the same (immutable) object for equal episodes under equal policies."""
    first = assess(Episode(severity="severe", body_areas=["leg", "foot"]))
    second = assess(Episode(severity=S.SEVERE, body_areas=(A.FOOT, A.LEG, A.LEG)))
    assert first is second
    assert assess(Episode(), policy=Policy(long_episode=timedelta(minutes=10))) is assess(Episode())


def test_cache_keeps_apart_what_the_result_shows() -> None:
    """Episodes that differ only in an answer that fires nothing still get their own unanswered list and cautions."""
    unanswered = assess(Episode(body_areas=["leg"], accompanied_by=[]))
    answered_no = assess(Episode(body_areas=["leg"], accompanied_by=[], fluid_restriction=False))
    assert "fluid_restriction" in unanswered.unanswered
    assert "fluid_restriction" not in answered_no.unanswered
    assert [c.id for c in unanswered.cautions] == ["painkillers", "fluid-limit"]
    assert [c.id for c in answered_no.cautions] == ["painkillers"]
    assert assess(Episode(accompanied_by=None)).complete is assess(Episode(accompanied_by=[])).complete is False
    assert assess(Episode(accompanied_by=None)).unanswered != assess(Episode(accompanied_by=[])).unanswered


def test_cache_key_keeps_policies_apart() -> None:
    """The same episode under two policies gets two results, each stating its own limit."""
    episode = Episode(duration=timedelta(hours=2))
    one = assess(episode, policy=Policy(long_episode=timedelta(minutes=5)))
    other = assess(episode, policy=Policy(long_episode=timedelta(minutes=7)))
    assert "5 minutes" in one.reasons[0].summary
    assert "7 minutes" in other.reasons[0].summary


def test_full_cache_is_emptied_and_results_stay_right(monkeypatch: pytest.MonkeyPatch) -> None:
    """When the assessment cache reaches its limit it is emptied, and every result is still correct."""
    monkeypatch.setattr(assessment_module, "_cache", {})
    monkeypatch.setattr(assessment_module, "_CACHE_LIMIT", 2)
    episodes_ = [Episode(), Episode(recurrent=True), Episode(disturbs_sleep=True), Episode(recurrent=True)]
    results = [assess(episode) for episode in episodes_]
    assert [r.urgency for r in results] == [SELF_CARE, ROUTINE, ROUTINE, ROUTINE]
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
        result.urgency = SELF_CARE  # type: ignore[misc]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        result.reasons[0].advice = "changed"  # type: ignore[misc]
    assert isinstance(result, Assessment)
    for value in (result.reasons, result.reasons[0].sources, result.unanswered, result.cautions):
        assert isinstance(value, tuple)
    assert hash(result) == hash(assess(Episode(recurrent=True)))
    assert Policy() == DEFAULT_POLICY
