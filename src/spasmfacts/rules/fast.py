"""``needs_medical_attention()``: the yes/no hot path, derived from ``RULES``, and the plain evaluation beside it.

The fast path flattens the table: the findings, areas, severities, medicines and age groups
that fire a row on their own become sets, and the yes/no fields that do are read as plain
attributes. Two rows need two inputs together and fire on neither alone
(``medicine-face-neck-spasm`` and the cooling branch of ``heat-not-settling``); they are
tested from their own parts of the table. A test pins the list of such rows, and a property
test pins ``needs_medical_attention()`` equal to ``fired_rules()``.
"""

from __future__ import annotations

from operator import attrgetter
from typing import TYPE_CHECKING

from spasmfacts.episode import EPISODE_FIELDS, Episode
from spasmfacts.rules.policy import DEFAULT_POLICY, Policy

if TYPE_CHECKING:
    from spasmfacts.rules.table import Rule
    from spasmfacts.rules.triggers import Trigger
    from spasmfacts.vocabulary import BodyArea, Finding, Medicine

__all__ = ["check_arguments", "fired_rules", "needs_medical_attention", "signals"]

# Typed loosely so that the type checks for callers who ignore the annotations stay reachable.
_EPISODE: tuple[type, ...] = (Episode,)
_POLICY: tuple[type, ...] = (Policy,)


def check_arguments(function: str, episode: object, policy: object) -> None:
    """Raise ``TypeError`` naming ``function`` unless it was given an :class:`Episode` and a :class:`Policy`.

    Subclasses are welcome; the rule's callers test the exact classes first, which is cheaper.
    """
    if not isinstance(episode, _EPISODE):
        msg = f"{function}() takes an Episode, not {type(episode).__name__}"
        raise TypeError(msg)
    if not isinstance(policy, _POLICY):
        msg = f"{function}() takes a Policy as policy, not {type(policy).__name__}"
        raise TypeError(msg)


def fired_rules(episode: Episode, policy: Policy = DEFAULT_POLICY) -> tuple[Rule, ...]:
    """The rows of ``RULES`` that fire for ``episode``, in table order (the plain, unoptimised evaluation)."""
    from spasmfacts.rules.table import RULES  # noqa: PLC0415 (see _derive: the table is built on first use)

    return tuple(rule for rule in RULES if rule.trigger.matches(episode, policy))


def _alone(trigger: Trigger) -> list[Trigger]:
    """The triggers any one of which is enough for ``trigger`` to fire."""
    from spasmfacts.rules.triggers import AnyOf  # noqa: PLC0415 (see _derive)

    if isinstance(trigger, AnyOf):
        return [leaf for part in trigger.parts for leaf in _alone(part)]
    return [trigger]


def _covered(trigger: Trigger) -> bool:  # noqa: PLR0911 (one answer per trigger class)
    """Whether ``trigger`` firing implies that the single-input checks of the fast path answer true."""
    from spasmfacts.rules import triggers as t  # noqa: PLC0415 (see _derive)

    if isinstance(trigger, t.AnyFinding):
        return trigger.findings <= _ALARM_FINDINGS
    if isinstance(trigger, t.AnyArea):
        return trigger.areas <= _ALARM_AREAS
    if isinstance(trigger, t.AnyMedicine):
        return trigger.medicines <= _ALARM_MEDICINES
    if isinstance(trigger, t.SeverityIs):
        return trigger.severity is _ALARM_SEVERITY
    if isinstance(trigger, t.AgeIs):
        return trigger.age_group is _ALARM_AGE
    if isinstance(trigger, t.AllOf):
        return any(_covered(part) for part in trigger.parts)
    if isinstance(trigger, t.AnyOf):
        return all(_covered(part) for part in trigger.parts)
    return isinstance(trigger, t.LongerThanPolicy) or trigger in _FAST_FLAGS


# The fast path's sets, read off the table by _derive() on the first call of needs_medical_attention():
# `from spasmfacts import needs_medical_attention` neither builds the table nor derives them, so a
# cold-starting app that only imports pays for neither.
_ALARM_FINDINGS: frozenset[Finding] = frozenset()
_ALARM_AREAS: frozenset[BodyArea] = frozenset()
_ALARM_MEDICINES: frozenset[Medicine] = frozenset()
# The one severity and the one age group that fire a row alone (_derive checks there is one of
# each), tested by identity: a tuple's `in` that misses makes rich comparisons, about a tenth of
# a call, and a set would hash the member, which for an enum member is a Python-level call.
_ALARM_SEVERITY: object = object()
_ALARM_AGE: object = object()
_FAST_FLAGS: tuple[Trigger, ...] = ()
_PAIRED_MEDICINES: frozenset[object] = frozenset()
_PAIRED_AREAS: frozenset[object] = frozenset()
# The rows no single input fires. Their uncovered parts are read off the table, and the fast
# path tests them; _UNCOVERED must name exactly these rows.
_PAIRED = ("medicine-face-neck-spasm", "heat-not-settling")
_UNCOVERED: tuple[str, ...] = ()
_READY: type | None = None
"""``Episode`` once the sets are derived: until then no episode passes the fast path's guard."""


def _derive() -> None:
    """Read the fast path's sets off the table (once; again is harmless), then open the fast path."""
    global _ALARM_FINDINGS, _ALARM_AREAS, _ALARM_MEDICINES, _ALARM_SEVERITY, _ALARM_AGE, _FAST_FLAGS  # noqa: PLW0603
    global _PAIRED_MEDICINES, _PAIRED_AREAS, _UNCOVERED, _READY  # noqa: PLW0603 (set once, read by the hot path)
    from spasmfacts.rules.table import RULES  # noqa: PLC0415 (built on first use, not on import)
    from spasmfacts.rules.triggers import AgeIs, AnyArea, AnyFinding, AnyMedicine, Reported, SeverityIs  # noqa: PLC0415

    sufficient = [leaf for rule in RULES for leaf in _alone(rule.trigger)]
    _ALARM_FINDINGS = frozenset(f for t in sufficient if isinstance(t, AnyFinding) for f in t.findings)
    _ALARM_AREAS = frozenset(a for t in sufficient if isinstance(t, AnyArea) for a in t.areas)
    _ALARM_MEDICINES = frozenset(m for t in sufficient if isinstance(t, AnyMedicine) for m in t.medicines)
    severities = {t.severity for t in sufficient if isinstance(t, SeverityIs)}
    ages = {t.age_group for t in sufficient if isinstance(t, AgeIs)}
    if len(severities) != 1 or len(ages) != 1:  # pragma: no cover (guards edits to RULES)
        raise RuntimeError("the rows that fire on a severity or an age group alone no longer have one value each")
    (_ALARM_SEVERITY,) = severities
    (_ALARM_AGE,) = ages
    _FAST_FLAGS = (
        Reported("interferes_with_daily_life"),
        Reported("disturbs_sleep"),
        Reported("recurrent"),
        Reported("improves_with_self_care", value=False),
        Reported("started_after_new_medication"),
        Reported("heavy_drinking"),
        Reported("after_wound"),
        Reported("after_toxin_exposure"),
        Reported("comes_on_when_walking"),
    )
    _UNCOVERED = tuple(rule.id for rule in RULES if not _covered(rule.trigger))
    if _UNCOVERED != _PAIRED:  # pragma: no cover (guards edits to RULES; the shipped table is covered)
        raise RuntimeError(f"the fast path of needs_medical_attention() does not cover rows {_UNCOVERED}")  # noqa: EM102
    rows = {rule.id: rule for rule in RULES}
    medicine_part, area_part = rows["medicine-face-neck-spasm"].trigger.parts  # type: ignore[attr-defined]
    heat_part, cooling_part = rows["heat-not-settling"].trigger.parts  # type: ignore[attr-defined]
    if Reported("in_heat") != heat_part or Reported("not_better_after_cooling") not in cooling_part.parts:
        raise RuntimeError("heat-not-settling no longer has the shape the fast path tests")  # pragma: no cover
    _PAIRED_MEDICINES = medicine_part.medicines
    _PAIRED_AREAS = area_part.areas
    _READY = Episode  # last: a thread that sees the fast path open sees every set above


def needs_medical_attention(episode: Episode, *, policy: Policy = DEFAULT_POLICY) -> bool:
    """Whether any row of the rule table fires for ``episode``: the yes/no hot path.

    ``False`` means none of the listed warning signs was reported, never "you are fine",
    and it is also the answer when nothing was answered at all: apps that show a yes/no
    must also read ``assess(episode).complete``. Pure: no I/O and no content loading.
    Raises ``TypeError`` for anything but an :class:`Episode`.

    >>> from datetime import timedelta
    >>> needs_medical_attention(Episode(duration=timedelta(minutes=11)))
    True
    >>> needs_medical_attention(Episode(severity="mild", body_areas=["leg"]))
    False
    """
    # One test of the exact classes, as cheap as it can be, also sends the first call to _derive().
    if episode.__class__ is not _READY or policy.__class__ is not Policy:
        if _READY is None:
            _derive()
        check_arguments("needs_medical_attention", episode, policy)
    findings = episode.accompanied_by
    areas = episode.body_areas
    medicines = episode.medicines
    duration = episode.duration
    # Yes/no fields are True, False or None, so their truth is "answered yes". A set that is
    # None or empty ("none of these", often) is falsy, which spares a method call.
    return (
        (findings and not _ALARM_FINDINGS.isdisjoint(findings))
        or (areas and not _ALARM_AREAS.isdisjoint(areas))
        or episode.severity is _ALARM_SEVERITY
        or (duration is not None and duration > policy.long_episode)
        or episode.interferes_with_daily_life
        or episode.disturbs_sleep
        or episode.recurrent
        or episode.improves_with_self_care is False
        or episode.started_after_new_medication
        or episode.heavy_drinking
        or episode.after_wound
        or episode.after_toxin_exposure
        or episode.comes_on_when_walking
        or episode.age_group is _ALARM_AGE
        or (
            medicines
            and (
                not _ALARM_MEDICINES.isdisjoint(medicines)
                or (not _PAIRED_MEDICINES.isdisjoint(medicines) and not _PAIRED_AREAS.isdisjoint(areas))
            )
        )
        or (episode.in_heat is True and episode.not_better_after_cooling is True)
    )


# Severity and age group enter the key as their values: hashing an enum member is a Python-level
# call, hashing its string is not, and the key is hashed on every call of assess().
_KEY_FIELDS = attrgetter(*(name for name in EPISODE_FIELDS if name not in {"duration", "severity", "age_group"}))


def signals(episode: Episode, policy: Policy) -> tuple[object, ...]:
    """Everything about ``episode`` and ``policy`` that an assessment shows, as a hashable key.

    The duration counts only as not answered, over the policy's limit, or within it; the
    rest of the episode decides the rows, the unanswered questions and the cautions. Two
    pairs with equal keys get equal assessments, so ``assess`` may reuse one result for both.
    """
    duration = episode.duration
    severity = episode.severity
    age_group = episode.age_group
    return (
        _KEY_FIELDS(episode),
        None if severity is None else severity._value_,
        None if age_group is None else age_group._value_,
        None if duration is None else duration > policy.long_episode,
        policy.long_episode,
    )
