"""Reusable Hypothesis strategies (episodes, policies, documents, command lines) and the rule table of the spec.

``SPEC_ROWS`` is clinical-rules.md's table, version 2, transcribed by hand into small predicates
of this module's own, independent of ``spasmfacts.rules``: the tests compare the library's
table with it, row by row and over generated episodes.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from hypothesis import strategies as st

from spasmfacts import DEFAULT_POLICY, AgeGroup, BodyArea, Episode, Finding, Medicine, Policy, Severity, Urgency
from spasmfacts.boundary import format_duration
from spasmfacts.episode import MAX_DURATION

MAX_SECONDS = 100_000_000
TEN_MINUTES = timedelta(minutes=10)

EPISODE_KEYS = (
    "severity",
    "duration",
    "body_areas",
    "accompanied_by",
    "medicines",
    "age_group",
    "pregnant",
    "interferes_with_daily_life",
    "disturbs_sleep",
    "recurrent",
    "improves_with_self_care",
    "started_after_new_medication",
    "after_wound",
    "after_toxin_exposure",
    "in_heat",
    "not_better_after_cooling",
    "after_injury",
    "fluid_restriction",
    "heavy_drinking",
    "comes_on_when_walking",
)
"""The 20 fields of Episode v2 in the order of the specification (and of episode_to_dict)."""

FLAGS = EPISODE_KEYS[6:]
"""The yes/no fields: True, False or None (not answered)."""


# --- The specification's table, transcribed by hand ------------------------------------------------

Fields = dict[str, Any]


@dataclass(frozen=True)
class When:
    """A "fires when" cell: ``test`` decides an episode, ``ways`` lists minimal field sets that make it true."""

    test: Callable[[Episode, Policy], bool]
    ways: Callable[[Policy], list[Fields]]


def severe() -> When:
    """Severity is severe."""
    return When(lambda e, _: e.severity is Severity.SEVERE, lambda _: [{"severity": Severity.SEVERE}])


def longer_than_policy() -> When:
    """The longest spasm lasted strictly longer than the policy's limit."""
    return When(
        lambda e, p: e.duration is not None and e.duration > p.long_episode,
        lambda p: [{"duration": p.long_episode + timedelta(seconds=1)}],
    )


def finding(*members: Finding) -> When:
    """Any of ``members`` is among the findings (None is not answered: it fires nothing)."""
    return When(
        lambda e, _: e.accompanied_by is not None and any(m in e.accompanied_by for m in members),
        lambda _: [{"accompanied_by": frozenset({m})} for m in members],
    )


def area(*members: BodyArea) -> When:
    """The spasm is in any of ``members``."""
    return When(
        lambda e, _: any(m in e.body_areas for m in members),
        lambda _: [{"body_areas": frozenset({m})} for m in members],
    )


def medicine(*members: Medicine) -> When:
    """Any of ``members`` is among the medicines (None is not answered)."""
    return When(
        lambda e, _: e.medicines is not None and any(m in e.medicines for m in members),
        lambda _: [{"medicines": frozenset({m})} for m in members],
    )


def age(group: AgeGroup) -> When:
    """The age group is ``group``."""
    return When(lambda e, _: e.age_group is group, lambda _: [{"age_group": group}])


def answered(field: str, value: bool = True) -> When:  # noqa: FBT002 (reads like the table: answered("x", False))
    """The yes/no ``field`` was answered ``value``."""
    return When(lambda e, _: getattr(e, field) is value, lambda _: [{field: value}])


def any_of(*parts: When) -> When:
    """Any of ``parts`` holds."""
    return When(
        lambda e, p: any(part.test(e, p) for part in parts),
        lambda p: [way for part in parts for way in part.ways(p)],
    )


def all_of(*parts: When) -> When:
    """Every one of ``parts`` holds."""
    return When(
        lambda e, p: all(part.test(e, p) for part in parts),
        lambda p: [merge(combo) for combo in itertools.product(*(part.ways(p) for part in parts))],
    )


def merge(parts: tuple[Fields, ...] | list[Fields]) -> Fields:
    """The union of field sets: set fields are joined, other fields must agree."""
    merged: Fields = {}
    for part in parts:
        for key, value in part.items():
            if key in merged and isinstance(value, frozenset):
                merged[key] = merged[key] | value
            else:
                assert merged.get(key, value) == value, f"conflicting values for {key}"
                merged[key] = value
    return merged


@dataclass(frozen=True)
class SpecRow:
    """One row of clinical-rules.md: label, id, urgency, sources, whether it is a DECISION, and when it fires."""

    label: str
    id: str
    urgency: Urgency
    sources: tuple[str, ...] | None
    decision: bool
    when: When


R, U, E = Urgency.ROUTINE, Urgency.URGENT, Urgency.EMERGENCY
F, A, M = Finding, BodyArea, Medicine
_FEVER_OR_CHILLS = finding(F.FEVER, F.CHILLS)
_HEAD_AND_NECK = area(A.NECK, A.FACE, A.JAW, A.THROAT)
_NEW = answered("started_after_new_medication")
_STATIN = medicine(M.STATIN)

SPEC_ROWS = (
    SpecRow("A1", "severe", R, ("article", "mayo-muscle-cramp"), False, severe()),
    SpecRow("A2", "long-lasting", U, ("article", "nhs-leg-cramps", "nidirect-leg-cramps"), False, longer_than_policy()),
    SpecRow("A3a", "fever-or-chills", U, ("article", "nhsinform-fever-adults", "nhs-tetanus"), False, _FEVER_OR_CHILLS),
    SpecRow("A3b", "sweating-with-spasm", R, ("article",), True, finding(F.SWEATING)),
    SpecRow("A4", "daily-life", R, ("article", "nidirect-leg-cramps"), False, answered("interferes_with_daily_life")),
    SpecRow("E1", "disturbs-sleep", R, ("nhs-leg-cramps", "nidirect-leg-cramps"), False, answered("disturbs_sleep")),
    SpecRow("E2", "recurrent", R, ("nidirect-leg-cramps", "mayo-muscle-cramp"), False, answered("recurrent")),
    SpecRow(
        "E3",
        "no-improvement",
        R,
        ("mayo-muscle-cramp", "medlineplus-muscle-cramps"),
        False,
        answered("improves_with_self_care", False),
    ),
    SpecRow("E4", "new-medication", R, ("merck-muscle-cramps", "nice-cks-leg-cramps"), False, _NEW),
    SpecRow("E4b", "heavy-drinking", R, ("merck-muscle-cramps",), False, answered("heavy_drinking")),
    SpecRow(
        "E5",
        "nerve-signs",
        U,
        ("merck-muscle-cramps", "nhs-leg-cramps"),
        False,
        finding(F.NUMBNESS, F.WEAKNESS, F.BOTH_LEGS_NUMB_WEAK),
    ),
    SpecRow(
        "E5b",
        "wasting-or-twitching",
        R,
        ("nidirect-mnd", "nice-cks-leg-cramps", "merck-muscle-cramps"),
        True,
        finding(F.MUSCLE_WASTING, F.TWITCHING),
    ),
    SpecRow(
        "E6", "circulation-signs", U, ("nhs-dvt", "nhs-leg-cramps"), False, finding(F.SWELLING, F.REDNESS, F.WARMTH)
    ),
    SpecRow(
        "E7",
        "fluid-loss",
        U,
        ("merck-muscle-cramps",),
        False,
        any_of(finding(F.VOMITING, F.DIARRHOEA, F.HEAVY_SWEATING), all_of(medicine(M.WATER_TABLET), _NEW)),
    ),
    SpecRow("E8a", "belly-cramp", U, ("merck-muscle-cramps",), False, area(A.ABDOMEN)),
    SpecRow("E8b", "belly-cramp-severe", E, ("nhsinform-stomach-ache",), False, all_of(area(A.ABDOMEN), severe())),
    SpecRow("E8c", "arm-cramp", U, ("merck-muscle-cramps",), True, area(A.ARM)),
    SpecRow(
        "E9a",
        "wound-and-danger-signs",
        E,
        ("nhs-tetanus", "nhs-tetanus-jab"),
        False,
        all_of(
            answered("after_wound"),
            any_of(
                finding(F.STIFF_JAW, F.TROUBLE_SWALLOWING, F.SPREADING, F.BREATHLESSNESS, F.FIT),
                severe(),
                area(A.JAW, A.THROAT),
            ),
        ),
    ),
    SpecRow("E9b", "after-wound", U, ("nhs-leg-cramps", "nhs-tetanus-jab"), True, answered("after_wound")),
    SpecRow(
        "E9c", "after-toxin", U, ("nidirect-leg-cramps", "nhs-leg-cramps"), False, answered("after_toxin_exposure")
    ),
    SpecRow(
        "E10",
        "chest-or-breathing",
        E,
        ("hse-chest-pain", "nhs-dvt", "merck-muscle-cramps"),
        False,
        any_of(area(A.CHEST), finding(F.CHEST_PAIN, F.BREATHLESSNESS)),
    ),
    SpecRow("E11", "confusion", E, ("nhs-confusion",), False, finding(F.CONFUSION)),
    SpecRow("E11b", "fainting", U, ("nhs-fainting",), True, finding(F.FAINTING)),
    SpecRow(
        "E12a",
        "dark-or-little-urine",
        U,
        ("mayo-statin-rhabdomyolysis", "msd-rhabdomyolysis", "nhsinform-fever-adults"),
        True,
        finding(F.DARK_URINE, F.LITTLE_URINE),
    ),
    SpecRow(
        "E12b",
        "dark-urine-with-weakness",
        E,
        ("mayo-statin-rhabdomyolysis", "msd-rhabdomyolysis"),
        True,
        all_of(finding(F.DARK_URINE), any_of(finding(F.WEAKNESS), severe())),
    ),
    SpecRow("E13", "walking-cramps", R, ("merck-muscle-cramps",), False, answered("comes_on_when_walking")),
    SpecRow(
        "E14",
        "neck-and-fever",
        E,
        ("esth-meningitis", "nhs-meningitis", "nhs-tetanus"),
        False,
        all_of(any_of(area(A.NECK), finding(F.STIFF_NECK)), _FEVER_OR_CHILLS),
    ),
    SpecRow("N1", "fit", E, ("nhs-fainting",), False, finding(F.FIT)),
    SpecRow("N2", "stiff-jaw-or-spreading", U, ("nhs-tetanus",), True, finding(F.STIFF_JAW, F.SPREADING)),
    SpecRow(
        "N3",
        "stiff-jaw-and-spreading",
        E,
        ("nhs-tetanus", "nhs-tetanus-jab"),
        True,
        all_of(finding(F.STIFF_JAW), finding(F.SPREADING)),
    ),
    SpecRow("N4", "swallowing-trouble", E, ("nhs-tetanus",), True, finding(F.TROUBLE_SWALLOWING)),
    SpecRow(
        "N5",
        "medicine-face-neck-spasm",
        U,
        ("nhs-prochlorperazine-side-effects",),
        False,
        all_of(medicine(M.ANTIPSYCHOTIC, M.ANTI_SICKNESS), _HEAD_AND_NECK),
    ),
    SpecRow(
        "N6",
        "statin-muscle-symptoms",
        U,
        ("mayo-statin-rhabdomyolysis",),
        False,
        all_of(_STATIN, any_of(finding(F.WEAKNESS, F.MUSCLE_ACHE, F.DARK_URINE), severe())),
    ),
    SpecRow("N7", "taking-statin", R, ("mayo-statin-rhabdomyolysis", "nhs-leg-cramps"), True, _STATIN),
    SpecRow("N8", "taking-water-tablet", R, ("nhs-leg-cramps", "nice-cks-leg-cramps"), False, medicine(M.WATER_TABLET)),
    SpecRow(
        "N9",
        "face-arm-speech-signs",
        E,
        ("bcuhb-stroke",),
        False,
        finding(F.FACE_DROOP, F.ONE_SIDED_WEAKNESS, F.SPEECH_TROUBLE),
    ),
    SpecRow(
        "N10",
        "saddle-or-bladder-signs",
        E,
        ("hscni-low-back-pain",),
        False,
        finding(F.SADDLE_NUMBNESS, F.BLADDER_BOWEL_CHANGE),
    ),
    SpecRow(
        "N11",
        "back-and-both-legs",
        E,
        ("hscni-low-back-pain",),
        False,
        all_of(area(A.BACK), finding(F.BOTH_LEGS_NUMB_WEAK)),
    ),
    SpecRow(
        "N12",
        "heat-not-settling",
        E,
        ("phw-heat", "cleveland-heat-illness"),
        False,
        all_of(answered("in_heat"), any_of(answered("not_better_after_cooling"), finding(F.FEVER, F.FAINTING))),
    ),
    SpecRow("N13", "baby-spasms", E, ("chi-infantile-spasms",), True, age(AgeGroup.BABY)),
    SpecRow(
        "N14",
        "pregnancy-belly-cramp",
        U,
        ("hse-stomach-pain-pregnancy",),
        False,
        all_of(answered("pregnant"), area(A.ABDOMEN)),
    ),
    SpecRow(
        "N15",
        "pregnancy-leg-swelling",
        U,
        ("hse-leg-cramps-pregnancy",),
        False,
        all_of(answered("pregnant"), finding(F.SWELLING, F.REDNESS, F.WARMTH)),
    ),
    SpecRow("N16", "severe-headache", E, ("nhs-headaches",), False, finding(F.SEVERE_HEADACHE)),
    SpecRow("N17", "cold-pale-limb", E, ("nhs-peripheral-arterial-disease",), True, finding(F.COLD_PALE_LIMB)),
    SpecRow(
        "N18",
        "injury-with-signs",
        U,
        ("nhs-sprains-strains",),
        True,
        all_of(answered("after_injury"), any_of(severe(), finding(F.SWELLING), finding(F.WEAKNESS))),
    ),
    SpecRow("N19", "palpitations", U, ("nhs-heart-palpitations",), False, finding(F.PALPITATIONS)),
    SpecRow(
        "N20",
        "fainting-with-palpitations",
        E,
        ("nhs-heart-palpitations", "nhs-fainting"),
        False,
        all_of(finding(F.FAINTING), finding(F.PALPITATIONS)),
    ),
    SpecRow(
        "N21",
        "new-medicine-head-neck-spasm",
        U,
        ("nhs-prochlorperazine-side-effects",),
        True,
        all_of(_NEW, _HEAD_AND_NECK),
    ),
    SpecRow(
        "N22",
        "medicine-fever-rigidity",
        E,
        ("nhs-prochlorperazine-side-effects",),
        True,
        all_of(
            any_of(medicine(M.ANTIPSYCHOTIC), _NEW),
            _FEVER_OR_CHILLS,
            finding(F.SPREADING, F.STIFF_JAW, F.TWITCHING, F.SWEATING),
        ),
    ),
    # The spec leaves N23's source open ("find a public source"): None means "not pinned here".
    SpecRow("N23", "tingling-mouth-or-hands", U, None, True, finding(F.TINGLING_MOUTH_FINGERS)),
    SpecRow(
        "N24",
        "statin-new-dose",
        U,
        ("mayo-statin-rhabdomyolysis", "nhs-atorvastatin"),
        True,
        all_of(_STATIN, _NEW),
    ),
)
"""The 51 rows of clinical-rules.md, version 2, in table order."""

SPEC_BY_ID = {row.id: row for row in SPEC_ROWS}
TABLE_INDEX = {row.id: index for index, row in enumerate(SPEC_ROWS)}

REFINEMENTS = (
    ("belly-cramp-severe", "belly-cramp"),
    ("wound-and-danger-signs", "after-wound"),
    ("dark-urine-with-weakness", "dark-or-little-urine"),
    ("stiff-jaw-and-spreading", "stiff-jaw-or-spreading"),
    ("statin-muscle-symptoms", "taking-statin"),
    ("back-and-both-legs", "nerve-signs"),
    ("fainting-with-palpitations", "palpitations"),
    ("fainting-with-palpitations", "fainting"),
    ("statin-new-dose", "taking-statin"),
    ("neck-and-fever", "fever-or-chills"),
)
"""The spec's refinement pairs (combined row, base row): the base fires whenever the combined row does."""


def spec_fired(episode: Episode, policy: Policy = DEFAULT_POLICY) -> list[str]:
    """The ids of the spec's rows that fire for ``episode``, in table order."""
    return [row.id for row in SPEC_ROWS if row.when.test(episode, policy)]


def spec_order(ids: set[str] | list[str]) -> list[str]:
    """``ids`` in the order the reasons are shown: highest urgency first, then table order."""
    return sorted(ids, key=lambda rule_id: (-SPEC_BY_ID[rule_id].urgency.rank, TABLE_INDEX[rule_id]))


def minimal_episodes(policy: Policy = DEFAULT_POLICY) -> list[tuple[str, Fields]]:
    """For every row, each minimal way the spec gives for it to fire, as (row id, episode fields)."""
    return [(row.id, way) for row in SPEC_ROWS for way in row.when.ways(policy)]


# --- Episodes and policies ----------------------------------------------------------------------

answers = st.sampled_from([None, False, True])
"""A yes/no answer, or not answered."""

durations = st.one_of(
    st.none(),
    st.timedeltas(min_value=timedelta(0), max_value=MAX_DURATION),
    # the 10-minute line, where a clinician would look first
    st.sampled_from([timedelta(minutes=9, seconds=59), TEN_MINUTES, timedelta(minutes=10, seconds=1)]),
)
severities = st.one_of(st.none(), st.sampled_from(Severity))
areas = st.frozensets(st.sampled_from(BodyArea))
findings = st.one_of(st.none(), st.frozensets(st.sampled_from(Finding), max_size=6))
medicine_sets = st.one_of(st.none(), st.frozensets(st.sampled_from(Medicine)))
age_groups = st.one_of(st.none(), st.sampled_from(AgeGroup))

_FIELD_STRATEGIES: dict[str, st.SearchStrategy[Any]] = {
    "severity": severities,
    "duration": durations,
    "body_areas": areas,
    "accompanied_by": findings,
    "medicines": medicine_sets,
    "age_group": age_groups,
    **dict.fromkeys(FLAGS, answers),
}

dense_episodes = st.builds(Episode, **_FIELD_STRATEGIES)
"""Episodes with every field drawn (most of them fire several rows)."""

sparse_episodes = st.fixed_dictionaries({}, optional=_FIELD_STRATEGIES).map(lambda fields: Episode(**fields))
"""Episodes with a few fields answered and the rest left unanswered."""

_HEAD_NECK_AREAS = [A.NECK, A.FACE, A.JAW, A.THROAT]
paired_episodes = st.one_of(
    # The two inputs of medicine-face-neck-spasm, or of heat-not-settling, alone: near misses included.
    st.builds(
        lambda meds, body: Episode(medicines=meds, body_areas=body),
        st.frozensets(st.sampled_from(Medicine), max_size=2),
        st.frozensets(st.sampled_from(BodyArea), max_size=2),
    ),
    st.builds(lambda heat, cooling: Episode(in_heat=heat, not_better_after_cooling=cooling), answers, answers),
    # ... and the same pairs on top of other answers.
    st.builds(
        lambda base, meds, where: Episode(**{**_fields(base), "medicines": meds, "body_areas": where}),
        sparse_episodes,
        st.frozensets(st.sampled_from([M.ANTIPSYCHOTIC, M.ANTI_SICKNESS]), min_size=1),
        st.frozensets(st.sampled_from(_HEAD_NECK_AREAS), min_size=1),
    ),
    st.builds(
        lambda base, cooling: Episode(**{**_fields(base), "in_heat": True, "not_better_after_cooling": cooling}),
        sparse_episodes,
        answers,
    ),
)
"""Episodes built around the rows no single input fires (medicine-face-neck-spasm, heat-not-settling)."""


def _fields(episode: Episode) -> Fields:
    return {key: getattr(episode, key) for key in EPISODE_KEYS}


episodes = st.one_of(dense_episodes, sparse_episodes, paired_episodes)
"""Any valid episode: every field (None, False and True for each flag), the boundary durations, the paired rows."""

policies = st.one_of(
    st.just(DEFAULT_POLICY),
    st.builds(Policy, long_episode=st.timedeltas(min_value=timedelta(microseconds=1), max_value=TEN_MINUTES)),
)
"""Any valid policy: a positive limit no longer than the 10-minute default."""


@st.composite
def single_row_episodes(draw: st.DrawFn) -> tuple[SpecRow, Policy, Episode]:
    """A row of the spec, a policy, and an episode reporting only one minimal way for that row to fire."""
    row = draw(st.sampled_from(SPEC_ROWS))
    policy = draw(policies)
    return row, policy, Episode(**draw(st.sampled_from(row.when.ways(policy))))


json_values: st.SearchStrategy[Any] = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(),
    lambda children: st.lists(children) | st.dictionaries(st.text(), children),
    max_leaves=20,
)
"""Any value json.loads can return."""


# --- Documents at the JSON boundary -------------------------------------------------------------


def _shuffled_with_repeats(values: list[str]) -> st.SearchStrategy[list[str]]:
    """``values`` in any order, each at least once, some repeated."""
    if not values:
        return st.just([])
    return st.lists(st.sampled_from(values), max_size=4).flatmap(lambda extra: st.permutations(values + extra))


iso_durations = st.timedeltas(min_value=timedelta(0), max_value=MAX_DURATION).map(format_duration)
"""Valid ISO 8601 duration strings, in canonical form."""


def _values(enum: Any) -> list[str]:
    return [member.value for member in enum]


valid_documents: st.SearchStrategy[dict[str, Any]] = st.fixed_dictionaries(
    {},
    optional={
        "severity": st.none() | st.sampled_from(_values(Severity)),
        "duration": st.none()
        | iso_durations
        | st.integers(0, MAX_SECONDS)
        | st.floats(0, MAX_SECONDS, allow_nan=False, allow_infinity=False),
        "body_areas": st.none() | st.lists(st.sampled_from(_values(BodyArea)), max_size=5),
        "accompanied_by": st.none() | st.lists(st.sampled_from(_values(Finding)), max_size=5),
        "medicines": st.none() | st.lists(st.sampled_from(_values(Medicine)), max_size=3),
        "age_group": st.none() | st.sampled_from(_values(AgeGroup)),
        **dict.fromkeys(FLAGS, st.none() | st.booleans()),
    },
)
"""Episode documents that episode_from_dict accepts (null for any field, [] for "none of these")."""

_junk_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(min_value=-(10**500), max_value=10**500),
    st.floats(),
    st.text(max_size=12),
    st.sampled_from(
        ["true", "false", "null", "PT", "P1W", "PT1.5M", "PT0.1234567S", "12m", "-PT1M", "PT\u0661M", "Fever", ""]
    ),
    st.sampled_from(["chest-pain", "Statin", "older adult", "BABY", "water-tablet", "stiff jaw", "Severe"]),
    st.sampled_from([float("nan"), float("inf"), float("-inf"), -0.0, 1e-7]),
)
_near_valid_values = st.one_of(
    _junk_scalars,
    st.lists(
        st.one_of(
            st.sampled_from([*_values(BodyArea), *_values(Finding), *_values(Medicine), *_values(AgeGroup)]),
            _junk_scalars,
        ),
        max_size=4,
    ),
    st.dictionaries(st.text(max_size=5), _junk_scalars, max_size=2),
)
near_valid_documents: st.SearchStrategy[dict[Any, Any]] = st.one_of(
    valid_documents,
    st.builds(
        lambda valid, broken: {**valid, **broken},
        valid_documents,
        st.dictionaries(
            st.one_of(st.sampled_from(EPISODE_KEYS), st.text(max_size=8)), _near_valid_values, min_size=1, max_size=4
        ),
    ),
)
"""Episode documents with the real keys, some of them holding wrong values or unknown keys."""


def shuffled_document(document: dict[str, Any]) -> st.SearchStrategy[dict[str, Any]]:
    """The same ``document`` with its arrays reordered and some items repeated."""
    arrays = {key: _shuffled_with_repeats(value) for key, value in document.items() if isinstance(value, list)}
    return st.fixed_dictionaries(arrays).map(lambda changed: {**document, **changed})


# --- Command lines ------------------------------------------------------------------------------

_dash = st.sampled_from(["-", "_"])


def _option_args(option: str, enum: Any) -> st.SearchStrategy[list[str]]:
    return st.tuples(st.sampled_from(list(enum)), _dash).map(
        lambda t: [option, t[0].value.replace("_", t[1]).upper() if t[1] == "-" else t[0].value]
    )


check_flags = st.lists(
    st.one_of(_option_args("--area", BodyArea), _option_args("--with", Finding), _option_args("--medicine", Medicine)),
    max_size=8,
)
"""Repeatable ``check`` options (``--area``, ``--with``, ``--medicine``), each a list of command-line words."""
