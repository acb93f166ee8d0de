"""The rule table and ``needs_medical_attention()``: pure functions of an ``Episode`` and a ``Policy``.

``RULES`` is the one definition of the table (rows A1-A4 from the bundled article, E1-E14
from public guidance). The content's warning signs must match it row for row; the loader
checks that. Nothing here reads content or does I/O.
"""

from __future__ import annotations

from operator import attrgetter
from typing import Protocol

from spasmfacts.episode import DEFAULT_POLICY, Episode, Policy
from spasmfacts.vocabulary import BodyArea, Finding, Severity, Urgency

# Typed loosely so that the type checks for callers who ignore the annotations stay reachable.
_EPISODE: tuple[type, ...] = (Episode,)
_POLICY: tuple[type, ...] = (Policy,)

__all__ = [
    "RULES",
    "AllOf",
    "AnyArea",
    "AnyFinding",
    "AnyOf",
    "LongerThanPolicy",
    "Reported",
    "Rule",
    "SeverityIs",
    "Trigger",
    "check_arguments",
    "fired_rules",
    "needs_medical_attention",
    "signals",
]


class Trigger(Protocol):
    """A condition over an episode: one of the trigger classes below."""

    def matches(self, episode: Episode, policy: Policy, /) -> bool:
        """Whether the condition holds for ``episode`` under ``policy``."""
        ...  # pragma: no cover (a protocol has no body to run)


class _Value:
    """Immutable value semantics for the small trigger classes, from their ``__slots__``.

    Plain slotted classes rather than attrs classes or named tuples: building the table is
    part of ``import spasmfacts``, which every cold-starting app pays, and attrs generates
    and compiles code for each class. A trigger equals only a trigger of its own class.
    """

    __slots__: tuple[str, ...] = ()

    def _values(self) -> tuple[object, ...]:
        return tuple(getattr(self, name) for name in self.__slots__)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._values() == other._values()

    def __hash__(self) -> int:
        return hash((self.__class__.__name__, self._values()))

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__slots__)
        return f"{self.__class__.__name__}({fields})"

    def __setattr__(self, name: str, value: object) -> None:
        msg = f"{self.__class__.__name__} is immutable"
        raise AttributeError(msg)

    def __delattr__(self, name: str) -> None:
        msg = f"{self.__class__.__name__} is immutable"
        raise AttributeError(msg)


class SeverityIs(_Value):
    """Fires when the reported severity is ``severity``."""

    __slots__ = ("severity",)
    severity: Severity

    def __init__(self, severity: Severity) -> None:
        object.__setattr__(self, "severity", severity)

    def matches(self, episode: Episode, policy: Policy, /) -> bool:
        return episode.severity is self.severity


class LongerThanPolicy(_Value):
    """Fires when the longest spasm lasted strictly longer than the policy's ``long_episode``."""

    __slots__ = ()

    def matches(self, episode: Episode, policy: Policy, /) -> bool:
        return episode.duration is not None and episode.duration > policy.long_episode


class AnyFinding(_Value):
    """Fires when any of ``findings`` is reported."""

    __slots__ = ("findings",)
    findings: frozenset[Finding]

    def __init__(self, findings: frozenset[Finding]) -> None:
        object.__setattr__(self, "findings", frozenset(findings))

    def matches(self, episode: Episode, policy: Policy, /) -> bool:
        return not self.findings.isdisjoint(episode.accompanied_by)


class AnyArea(_Value):
    """Fires when the spasm is in any of ``areas``."""

    __slots__ = ("areas",)
    areas: frozenset[BodyArea]

    def __init__(self, areas: frozenset[BodyArea]) -> None:
        object.__setattr__(self, "areas", frozenset(areas))

    def matches(self, episode: Episode, policy: Policy, /) -> bool:
        return not self.areas.isdisjoint(episode.body_areas)


class Reported(_Value):
    """Fires when the episode's field ``field`` is reported as ``value`` (``None``, not reported, never fires)."""

    __slots__ = ("field", "value")
    field: str
    value: bool

    def __init__(self, field: str, *, value: bool) -> None:
        object.__setattr__(self, "field", field)
        object.__setattr__(self, "value", value)

    def matches(self, episode: Episode, policy: Policy, /) -> bool:
        return getattr(episode, self.field) is self.value


class AnyOf(_Value):
    """Fires when any of ``parts`` fires."""

    __slots__ = ("parts",)
    parts: tuple[Trigger, ...]

    def __init__(self, parts: tuple[Trigger, ...]) -> None:
        object.__setattr__(self, "parts", tuple(parts))

    def matches(self, episode: Episode, policy: Policy, /) -> bool:
        return any(part.matches(episode, policy) for part in self.parts)


class AllOf(_Value):
    """Fires when every one of ``parts`` fires."""

    __slots__ = ("parts",)
    parts: tuple[Trigger, ...]

    def __init__(self, parts: tuple[Trigger, ...]) -> None:
        object.__setattr__(self, "parts", tuple(parts))

    def matches(self, episode: Episode, policy: Policy, /) -> bool:
        return all(part.matches(episode, policy) for part in self.parts)


class Rule(_Value):
    """One row of the rule table; ``id`` is the id of its warning sign in the content."""

    __slots__ = ("label", "id", "urgency", "trigger", "fires_when", "sources")  # noqa: RUF023 (column order, for repr)

    label: str
    """The row's label in the specification (``A1``...``E14``)."""
    id: str
    """The row's id, which is also its warning sign's id."""
    urgency: Urgency
    """The urgency when the row fires."""
    trigger: Trigger
    """What the row tests."""
    fires_when: str
    """What fires the row, in words, for documentation."""
    sources: tuple[str, ...]
    """Ids of the sources behind the row."""

    def __init__(  # noqa: PLR0913 (one keyword per column of the table)
        self,
        *,
        label: str,
        id: str,  # noqa: A002 (the table's column)
        urgency: Urgency,
        trigger: Trigger,
        fires_when: str,
        sources: tuple[str, ...],
    ) -> None:
        for name, value in zip(self.__slots__, (label, id, urgency, trigger, fires_when, tuple(sources)), strict=True):
            object.__setattr__(self, name, value)


def _findings(*members: Finding) -> AnyFinding:
    return AnyFinding(frozenset(members))


def _areas(*members: BodyArea) -> AnyArea:
    return AnyArea(frozenset(members))


_ROUTINE, _URGENT, _EMERGENCY = Urgency.ROUTINE, Urgency.URGENT, Urgency.EMERGENCY

RULES: tuple[Rule, ...] = (
    Rule(
        label="A1",
        id="severe",
        urgency=_ROUTINE,
        trigger=SeverityIs(Severity.SEVERE),
        fires_when="severity is severe",
        sources=("article", "mayo-muscle-cramp"),
    ),
    Rule(
        label="A2",
        id="long-lasting",
        urgency=_URGENT,
        trigger=LongerThanPolicy(),
        fires_when="the longest spasm lasted longer than the policy's long_episode (10 minutes by default)",
        sources=("article", "nidirect-leg-cramps", "nhs-leg-cramps"),
    ),
    Rule(
        label="A3",
        id="systemic-symptoms",
        urgency=_URGENT,
        trigger=_findings(Finding.FEVER, Finding.CHILLS, Finding.SWEATING),
        fires_when="accompanied by fever, chills, or sweating that comes with the spasm",
        sources=("article", "merck-muscle-cramps"),
    ),
    Rule(
        label="A4",
        id="daily-life",
        urgency=_ROUTINE,
        trigger=Reported("interferes_with_daily_life", value=True),
        fires_when="the spasms interfere with daily activities or quality of life",
        sources=("article", "nidirect-leg-cramps"),
    ),
    Rule(
        label="E1",
        id="disturbs-sleep",
        urgency=_ROUTINE,
        trigger=Reported("disturbs_sleep", value=True),
        fires_when="the spasms disturb sleep",
        sources=("nhs-leg-cramps", "nidirect-leg-cramps"),
    ),
    Rule(
        label="E2",
        id="recurrent",
        urgency=_ROUTINE,
        trigger=Reported("recurrent", value=True),
        fires_when="the spasms happen often",
        sources=("mayo-muscle-cramp", "nidirect-leg-cramps"),
    ),
    Rule(
        label="E3",
        id="no-improvement",
        urgency=_ROUTINE,
        trigger=Reported("improves_with_self_care", value=False),
        fires_when="self-care was tried and did not help (not reported does not fire)",
        sources=("mayo-muscle-cramp", "medlineplus-muscle-cramps"),
    ),
    Rule(
        label="E4",
        id="new-medication",
        urgency=_ROUTINE,
        trigger=Reported("started_after_new_medication", value=True),
        fires_when="the spasms started after starting a new medicine",
        sources=("merck-muscle-cramps", "nice-cks-leg-cramps"),
    ),
    Rule(
        label="E5",
        id="nerve-signs",
        urgency=_URGENT,
        trigger=_findings(Finding.NUMBNESS, Finding.WEAKNESS, Finding.MUSCLE_WASTING, Finding.TWITCHING),
        fires_when="accompanied by numbness, muscle weakness, muscle wasting, or twitching between spasms",
        sources=("merck-muscle-cramps", "nhs-leg-cramps", "mayo-muscle-cramp"),
    ),
    Rule(
        label="E6",
        id="circulation-signs",
        urgency=_URGENT,
        trigger=_findings(Finding.SWELLING, Finding.REDNESS, Finding.WARMTH),
        fires_when="accompanied by swelling, redness or warmth of the area",
        sources=("nhs-dvt", "mayo-muscle-cramp"),
    ),
    Rule(
        label="E7",
        id="fluid-loss",
        urgency=_URGENT,
        trigger=_findings(Finding.VOMITING, Finding.DIARRHOEA),
        fires_when="accompanied by vomiting or diarrhoea",
        sources=("merck-muscle-cramps",),
    ),
    Rule(
        label="E8",
        id="abdomen-or-arm",
        urgency=_URGENT,
        trigger=_areas(BodyArea.ABDOMEN, BodyArea.ARM),
        fires_when="the spasm is in the abdomen or an arm",
        sources=("merck-muscle-cramps",),
    ),
    Rule(
        label="E9",
        id="wound-or-toxin",
        urgency=_EMERGENCY,
        trigger=Reported("after_wound_or_toxin_exposure", value=True),
        fires_when="the spasms started after a wound, or after exposure to a toxin such as lead or mercury",
        sources=("nhs-tetanus", "nidirect-leg-cramps"),
    ),
    Rule(
        label="E10",
        id="chest-or-breathing",
        urgency=_EMERGENCY,
        trigger=AnyOf((_areas(BodyArea.CHEST), _findings(Finding.CHEST_PAIN, Finding.BREATHLESSNESS))),
        fires_when="the spasm is in the chest, or comes with chest pain or breathlessness",
        sources=("nhs-chest-pain", "nhs-dvt", "merck-muscle-cramps"),
    ),
    Rule(
        label="E11",
        id="confusion",
        urgency=_EMERGENCY,
        trigger=_findings(Finding.CONFUSION, Finding.FAINTING),
        fires_when="accompanied by confusion or fainting",
        sources=("cleveland-heat-illness",),
    ),
    Rule(
        label="E12",
        id="dark-urine",
        urgency=_EMERGENCY,
        trigger=_findings(Finding.DARK_URINE, Finding.LITTLE_URINE),
        fires_when="accompanied by dark, cola-coloured urine, or passing much less urine than usual",
        sources=("fairview-rhabdomyolysis",),
    ),
    Rule(
        label="E13",
        id="walking-cramps",
        urgency=_ROUTINE,
        trigger=Reported("comes_on_when_walking", value=True),
        fires_when="the spasms come on while walking and ease soon after stopping",
        sources=("merck-muscle-cramps",),
    ),
    Rule(
        label="E14",
        id="neck-and-fever",
        urgency=_EMERGENCY,
        trigger=AllOf((_areas(BodyArea.NECK), _findings(Finding.FEVER))),
        fires_when="the spasm is in the neck and comes with fever",
        sources=("nhs-meningitis",),
    ),
)


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
    return tuple(rule for rule in RULES if rule.trigger.matches(episode, policy))


# The fast path below flattens the table: the findings, areas and severities that fire a row
# on their own become sets, derived from RULES; the flags are read as plain attributes, which
# costs a third of any generic getter. A test pins _FAST_FLAGS to the table's Reported rows,
# and a property test pins needs_medical_attention() equal to fired_rules().


def _alone(trigger: Trigger) -> list[Trigger]:
    """The triggers any one of which is enough for ``trigger`` to fire."""
    if isinstance(trigger, AnyOf):
        return [leaf for part in trigger.parts for leaf in _alone(part)]
    return [trigger]


_SUFFICIENT = [leaf for rule in RULES for leaf in _alone(rule.trigger)]
_ALARM_FINDINGS = frozenset(f for t in _SUFFICIENT if isinstance(t, AnyFinding) for f in t.findings)
_ALARM_AREAS = frozenset(a for t in _SUFFICIENT if isinstance(t, AnyArea) for a in t.areas)
_ALARM_SEVERITIES = frozenset(t.severity for t in _SUFFICIENT if isinstance(t, SeverityIs))
_FAST_FLAGS = (
    Reported("interferes_with_daily_life", value=True),
    Reported("disturbs_sleep", value=True),
    Reported("recurrent", value=True),
    Reported("improves_with_self_care", value=False),
    Reported("started_after_new_medication", value=True),
    Reported("after_wound_or_toxin_exposure", value=True),
    Reported("comes_on_when_walking", value=True),
)


def _covered(trigger: Trigger) -> bool:
    """Whether ``trigger`` firing implies that the fast path answers true."""
    if isinstance(trigger, AnyFinding):
        return trigger.findings <= _ALARM_FINDINGS
    if isinstance(trigger, AnyArea):
        return trigger.areas <= _ALARM_AREAS
    if isinstance(trigger, SeverityIs):
        return trigger.severity in _ALARM_SEVERITIES
    if isinstance(trigger, AllOf):
        return any(_covered(part) for part in trigger.parts)
    if isinstance(trigger, AnyOf):
        return all(_covered(part) for part in trigger.parts)
    return isinstance(trigger, LongerThanPolicy) or trigger in _FAST_FLAGS


_UNCOVERED = [rule.id for rule in RULES if not _covered(rule.trigger)]
if _UNCOVERED:  # pragma: no cover (guards edits to RULES; the shipped table is covered)
    msg = f"the fast path of needs_medical_attention() does not cover rows {_UNCOVERED}"
    raise RuntimeError(msg)


def needs_medical_attention(episode: Episode, *, policy: Policy = DEFAULT_POLICY) -> bool:
    """Whether any row of the rule table fires for ``episode``: the yes/no hot path.

    ``False`` means none of the listed warning signs was reported, never "you are fine".
    Pure: no I/O and no content loading. Raises ``TypeError`` for anything but an
    :class:`Episode`.

    >>> from datetime import timedelta
    >>> needs_medical_attention(Episode(duration=timedelta(minutes=11)))
    True
    >>> needs_medical_attention(Episode(severity="mild", body_areas=["leg"]))
    False
    """
    if episode.__class__ is not Episode or policy.__class__ is not Policy:
        check_arguments("needs_medical_attention", episode, policy)
    duration = episode.duration
    return (
        episode.interferes_with_daily_life
        or episode.disturbs_sleep
        or episode.recurrent
        or episode.improves_with_self_care is False
        or episode.started_after_new_medication
        or episode.after_wound_or_toxin_exposure
        or episode.comes_on_when_walking
        or episode.severity in _ALARM_SEVERITIES
        or (duration is not None and duration > policy.long_episode)
        or not _ALARM_FINDINGS.isdisjoint(episode.accompanied_by)
        or not _ALARM_AREAS.isdisjoint(episode.body_areas)
    )


_SIGNAL_FIELDS = attrgetter("severity", *(t.field for t in _SUFFICIENT if isinstance(t, Reported)))


def signals(episode: Episode, policy: Policy) -> tuple[object, ...]:
    """Everything about ``episode`` and ``policy`` that the triggers in ``RULES`` read, as a hashable key.

    Two (episode, policy) pairs with equal signals fire the same rows and get the same
    reason texts, so ``assess`` may reuse one result for both.
    """
    duration = episode.duration
    return (
        _SIGNAL_FIELDS(episode),
        duration is not None and duration > policy.long_episode,
        policy.long_episode,
        episode.accompanied_by,
        episode.body_areas,
    )
