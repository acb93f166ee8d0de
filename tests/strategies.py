"""Reusable Hypothesis strategies for episodes, policies and JSON-like values."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from hypothesis import strategies as st

from spasmfacts import RULES, BodyArea, Episode, Finding, Policy, Rule, Severity
from spasmfacts.boundary import format_duration
from spasmfacts.episode import MAX_DURATION
from spasmfacts.rules import AllOf, AnyArea, AnyFinding, AnyOf, LongerThanPolicy, Reported, SeverityIs

MAX_SECONDS = 100_000_000

durations = st.one_of(
    st.none(),
    st.timedeltas(min_value=timedelta(0), max_value=timedelta(seconds=MAX_SECONDS)),
    # the 10-minute line, where a clinician would look first
    st.sampled_from([timedelta(minutes=9, seconds=59), timedelta(minutes=10), timedelta(minutes=10, seconds=1)]),
)
severities = st.one_of(st.none(), st.sampled_from(Severity))
areas = st.frozensets(st.sampled_from(BodyArea))
findings = st.frozensets(st.sampled_from(Finding))

episodes = st.builds(
    Episode,
    severity=severities,
    duration=durations,
    body_areas=areas,
    accompanied_by=findings,
    interferes_with_daily_life=st.booleans(),
    disturbs_sleep=st.booleans(),
    recurrent=st.booleans(),
    improves_with_self_care=st.one_of(st.none(), st.booleans()),
    started_after_new_medication=st.booleans(),
    after_wound_or_toxin_exposure=st.booleans(),
    comes_on_when_walking=st.booleans(),
)
"""Any valid episode, the boundary durations included."""

policies = st.builds(
    Policy,
    long_episode=st.timedeltas(min_value=timedelta(microseconds=1), max_value=timedelta(days=3650)),
)

json_values: st.SearchStrategy[Any] = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(),
    lambda children: st.lists(children) | st.dictionaries(st.text(), children),
    max_leaves=20,
)
"""Any value json.loads can return."""


# --- The triage boundaries: documents, single-row episodes and command lines ----------------------

EPISODE_KEYS = (
    "severity",
    "duration",
    "body_areas",
    "accompanied_by",
    "interferes_with_daily_life",
    "disturbs_sleep",
    "recurrent",
    "improves_with_self_care",
    "started_after_new_medication",
    "after_wound_or_toxin_exposure",
    "comes_on_when_walking",
)
"""The keys of an episode document, in the order episode_to_dict writes them."""


def _shuffled_with_repeats(values: list[str]) -> st.SearchStrategy[list[str]]:
    """``values`` in any order, each at least once, some repeated."""
    if not values:
        return st.just([])
    return st.lists(st.sampled_from(values), max_size=4).flatmap(lambda extra: st.permutations(values + extra))


iso_durations = st.timedeltas(min_value=timedelta(0), max_value=timedelta(seconds=MAX_SECONDS)).map(format_duration)
"""Valid ISO 8601 duration strings, in canonical form."""

valid_documents: st.SearchStrategy[dict[str, Any]] = st.fixed_dictionaries(
    {},
    optional={
        "severity": st.none() | st.sampled_from([s.value for s in Severity]),
        "duration": st.none()
        | iso_durations
        | st.integers(0, MAX_SECONDS)
        | st.floats(0, MAX_SECONDS, allow_nan=False, allow_infinity=False),
        "body_areas": st.lists(st.sampled_from([a.value for a in BodyArea]), max_size=5),
        "accompanied_by": st.lists(st.sampled_from([f.value for f in Finding]), max_size=5),
        "interferes_with_daily_life": st.booleans(),
        "disturbs_sleep": st.booleans(),
        "recurrent": st.booleans(),
        "improves_with_self_care": st.none() | st.booleans(),
        "started_after_new_medication": st.booleans(),
        "after_wound_or_toxin_exposure": st.booleans(),
        "comes_on_when_walking": st.booleans(),
    },
)
"""Episode documents that episode_from_dict accepts."""

_junk_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(min_value=-(10**500), max_value=10**500),
    st.floats(),
    st.text(max_size=12),
    st.sampled_from(["true", "false", "PT", "P1W", "PT1.5M", "PT0.1234567S", "12m", "-PT1M", "PT\u0661M", "Fever", ""]),
)
_near_valid_values = st.one_of(
    _junk_scalars,
    st.lists(
        st.one_of(st.sampled_from([*[a.value for a in BodyArea], *[f.value for f in Finding]]), _junk_scalars),
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


def _fields_firing(trigger: Any, policy: Policy) -> st.SearchStrategy[dict[str, Any]]:
    """Episode fields that make ``trigger`` fire and set nothing else."""
    if isinstance(trigger, AnyOf):
        return st.one_of([_fields_firing(part, policy) for part in trigger.parts])
    if isinstance(trigger, AllOf):
        return st.tuples(*(_fields_firing(part, policy) for part in trigger.parts)).map(_merge_fields)
    return _leaf_fields_firing(trigger, policy)


def _leaf_fields_firing(trigger: Any, policy: Policy) -> st.SearchStrategy[dict[str, Any]]:
    if isinstance(trigger, SeverityIs):
        return st.just({"severity": trigger.severity})
    if isinstance(trigger, LongerThanPolicy):
        shortest = policy.long_episode + timedelta(microseconds=1)
        return st.timedeltas(min_value=shortest, max_value=max(shortest, MAX_DURATION)).map(
            lambda value: {"duration": value}
        )
    if isinstance(trigger, AnyFinding):
        return st.sampled_from(sorted(trigger.findings, key=list(Finding).index)).map(
            lambda member: {"accompanied_by": {member}}
        )
    if isinstance(trigger, AnyArea):
        return st.sampled_from(sorted(trigger.areas, key=list(BodyArea).index)).map(
            lambda member: {"body_areas": {member}}
        )
    assert isinstance(trigger, Reported), f"no strategy for trigger {trigger!r}"
    return st.just({trigger.field: trigger.value})


def _merge_fields(parts: tuple[dict[str, Any], ...]) -> dict[str, Any]:
    merged: dict[str, Any] = {}
    for part in parts:
        for key, value in part.items():
            merged[key] = merged[key] | value if key in merged else value
    return merged


short_policies = st.builds(
    Policy,
    long_episode=st.timedeltas(min_value=timedelta(microseconds=1), max_value=MAX_DURATION - timedelta(microseconds=1)),
)
"""Policies under which a valid duration can still fire long-lasting."""


@st.composite
def single_row_episodes(draw: st.DrawFn) -> tuple[Rule, Policy, Episode]:
    """A row of the table, a policy, and an episode reporting only what makes that row fire."""
    rule = draw(st.sampled_from(RULES))
    policy = draw(short_policies)
    return rule, policy, Episode(**draw(_fields_firing(rule.trigger, policy)))


_dash = st.sampled_from(["-", "_"])
_area_args = st.tuples(st.sampled_from(list(BodyArea)), _dash).map(lambda t: ["--area", t[0].value.replace("_", t[1])])
_finding_args = st.tuples(st.sampled_from(list(Finding)), _dash).map(
    lambda t: ["--with", t[0].value.replace("_", t[1]).upper() if t[1] == "-" else t[0].value]
)
check_flags = st.lists(
    st.one_of(
        _area_args,
        _finding_args,
        st.sampled_from(
            [
                ["--interferes-with-daily-life"],
                ["--disturbs-sleep"],
                ["--recurrent"],
                ["--new-medication"],
                ["--wound-or-toxin"],
                ["--when-walking"],
            ]
        ),
    ),
    max_size=8,
)
"""Repeatable or idempotent ``check`` flags, each a list of command-line words."""
