"""``assess()``: the graded result of the rule table, with the next step first and every reason's advice.

An :class:`Assessment` carries everything an app must show: the urgency and its next step,
the reasons (each with its advice and sources), whether the key questions were answered,
the questions left unanswered, whether the person is outside the intended use, and the
cautions that go with the advice.
"""

from __future__ import annotations

from itertools import compress, repeat
from operator import attrgetter, is_
from typing import Final

import attrs

from spasmfacts._dates import timedelta
from spasmfacts.content import ContentLoader, default_loader
from spasmfacts.episode import Episode, duration_parts
from spasmfacts.model import SUMMARY_LIMIT, Caution, NextStep, WarningSign, cited_sources
from spasmfacts.rules import RULES_VERSION, Rule, check_arguments, signals
from spasmfacts.rules.compiled import rows_fired
from spasmfacts.rules.policy import DEFAULT_POLICY, Policy
from spasmfacts.vocabulary import AgeGroup, Medicine, Urgency

__all__ = ["UNANSWERED_ORDER", "Assessment", "Reason", "assess", "describe_duration"]

_CACHE_LIMIT = 4096

UNANSWERED_ORDER: Final = (
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
"""The order unanswered questions are listed in: by the highest urgency each can reach, then how often it matters."""

DRINKING_ROWS: Final = frozenset({"fluid-loss", "dark-or-little-urine"})
"""The rows whose advice (or whose next step's advice) speaks of drinking, so a fluid limit matters."""
OUTSIDE_INTENDED_USE: Final = {AgeGroup.BABY: "baby", AgeGroup.CHILD: "child"}
"""The age groups outside the intended use, and how a result names them."""


def _short(instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    if len(value) >= SUMMARY_LIMIT:  # pragma: no cover (describe_duration keeps every summary short)
        msg = f"{attribute.name} must be shorter than {SUMMARY_LIMIT} characters"
        raise ValueError(msg)


@attrs.frozen(kw_only=True, cache_hash=True)
class Reason:
    """Why the result is what it is: one row of the rule table that fired, with its advice."""

    id: str
    """The row's id, which is also its warning sign's id."""
    name: str
    """The warning sign's name."""
    urgency: Urgency
    summary: str = attrs.field(validator=_short)
    """What was reported, in one sentence under 140 characters."""
    advice: str
    """What is specific to this sign: what to tell the clinician, what would make it more urgent."""
    sources: tuple[str, ...]
    """Ids of the sources behind the row (see :func:`~spasmfacts.sources`)."""


@attrs.frozen(kw_only=True, cache_hash=True)
class Assessment:
    """The graded result for one episode. Show the next step first, then the reasons, each with its advice.

    ``urgency`` is the highest urgency among ``reasons`` (``SELF_CARE`` when there are none).
    ``SELF_CARE`` means none of the listed warning signs was reported, never "you are fine";
    when ``complete`` is false the key questions were not answered, so warning signs could not
    be checked, and ``unanswered`` says which questions to ask.
    """

    urgency: Urgency
    needs_medical_attention: bool
    """Whether any row fired (the same answer as :func:`~spasmfacts.needs_medical_attention`)."""
    next_step: NextStep
    """What to do at ``urgency``: shown first."""
    reasons: tuple[Reason, ...]
    """Highest urgency first, then in rule-table order."""
    complete: bool
    """Whether both ``accompanied_by`` and ``body_areas`` were answered (most warning signs hang on them)."""
    unanswered: tuple[str, ...]
    """The ``Episode`` fields left unanswered, in :data:`~spasmfacts.assessment.UNANSWERED_ORDER`."""
    outside_intended_use: tuple[str, ...]
    """``("baby",)`` or ``("child",)`` when the person is under 16; the rules still ran."""
    cautions: tuple[Caution, ...]
    """Cautions to show with the advice (painkillers, a fluid limit, heat, pregnancy)."""
    rules_version: str = RULES_VERSION
    """The version of the rule table that produced this result."""


def describe_duration(value: timedelta) -> str:
    """A duration in words, largest unit first: ``10 minutes``, ``1 hour 30 minutes``, ``0.5 seconds``."""
    days, hours, minutes, seconds, micros = duration_parts(value)
    parts = [(days, "day"), (hours, "hour"), (minutes, "minute")]
    words = [f"{n} {unit}{'s' if n != 1 else ''}" for n, unit in parts if n]
    if seconds or micros or not words:
        text = f"{seconds}.{micros:06d}".rstrip("0").rstrip(".") if micros else str(seconds)
        words.append(f"{text} second{'' if text == '1' else 's'}")
    return " ".join(words)


def _reason(rule: Rule, sign: WarningSign, policy: Policy) -> Reason:
    summary = sign.summary
    if rule.id == "long-lasting":
        summary = f"{summary.rstrip('.')} (limit in force: {describe_duration(policy.long_episode)})."
    return Reason(
        id=rule.id,
        name=sign.name,
        urgency=rule.urgency,
        summary=summary,
        advice=sign.advice,
        sources=cited_sources(sign.citations),
    )


def caution_ids(episode: Episode, urgency: Urgency, fired: frozenset[str]) -> list[str]:
    """The ids of the cautions a result shows, in the order it lists them."""
    ids = []
    medicines = episode.medicines or frozenset()
    if urgency is Urgency.SELF_CARE or Medicine.BLOOD_THINNER in medicines or episode.age_group is AgeGroup.OLDER_ADULT:
        ids.append("painkillers")
    speaks_of_drinking = urgency is Urgency.SELF_CARE or not fired.isdisjoint(DRINKING_ROWS)
    if episode.fluid_restriction is not False and speaks_of_drinking:
        ids.append("fluid-limit")
    if episode.in_heat:
        ids.append("heat")
    if episode.pregnant:
        ids.append("pregnancy")
    return ids


class ResultParts:
    """The parts of results made from one loader's content, each made once: new combinations of answers are common."""

    def __init__(self, loader: ContentLoader) -> None:
        self.loader = loader
        # Read every collection a result uses now, so that broken content fails each call, as it always did.
        self.signs, self.steps, self.cautions = loader.warning_signs(), loader.next_steps(), loader.cautions()
        self.reasons: dict[tuple[str, timedelta], Reason] = {}
        self.next_step = {urgency: next(s for s in self.steps if s.urgency is urgency) for urgency in Urgency}

    def reason(self, rule: Rule, policy: Policy) -> Reason:
        made = self.reasons[rule.id, policy.long_episode] = _reason(rule, self.signs.lookup(rule.id), policy)
        return made


_parts: ResultParts | None = None
_ID = attrgetter("id")
_UNANSWERED_VALUES = attrgetter(*UNANSWERED_ORDER)
_BODY_AREAS = UNANSWERED_ORDER.index("body_areas")


def _unanswered(episode: Episode) -> tuple[str, ...]:
    unanswered = list(map(is_, _UNANSWERED_VALUES(episode), repeat(None)))
    unanswered[_BODY_AREAS] = not episode.body_areas  # an empty set of areas is not answered either
    return tuple(compress(UNANSWERED_ORDER, unanswered))


def result_parts() -> ResultParts:
    """The parts of results made from the default loader's content (new parts for a new default loader)."""
    global _parts  # noqa: PLW0603 (one set of parts per loader; a new default loader gets new parts)
    loader = default_loader()
    parts = _parts
    if parts is None or parts.loader is not loader:
        parts = _parts = ResultParts(loader)
    return parts


def _build(episode: Episode, policy: Policy) -> Assessment:
    parts = result_parts()
    fired = rows_fired(episode, policy)  # highest urgency first, then in table order
    made, long_episode = parts.reasons, policy.long_episode
    reasons = tuple([made.get((rule.id, long_episode)) or parts.reason(rule, policy) for rule in fired])
    urgency = fired[0].urgency if fired else Urgency.SELF_CARE
    age = OUTSIDE_INTENDED_USE.get(episode.age_group)  # type: ignore[arg-type]
    return Assessment(
        urgency=urgency,
        needs_medical_attention=bool(fired),
        next_step=parts.next_step[urgency],
        reasons=reasons,
        complete=episode.accompanied_by is not None and bool(episode.body_areas),
        unanswered=_unanswered(episode),
        outside_intended_use=() if age is None else (age,),
        cautions=tuple(map(parts.cautions.lookup, caution_ids(episode, urgency, frozenset(map(_ID, fired))))),
    )


# Results keyed by everything an assessment shows: the same key always gives the same
# (immutable) result, so it is shared, and the cache is emptied when it grows too big.
_cache: dict[tuple[object, ...], Assessment] = {}
# The last call's episode, policy, cache and result: an app that shows one episode calls again
# with the very same objects on every render, and comparing identities costs less than a key.
_last: tuple[object, object, object, Assessment | None] = (None, None, None, None)


def assess(episode: Episode, *, policy: Policy = DEFAULT_POLICY) -> Assessment:
    """Grade ``episode``: the urgency and its next step, the reasons with their advice and sources, and more.

    Reads the cached content, so it may raise :class:`~spasmfacts.ContentError`; raises
    ``TypeError`` for anything but an :class:`Episode`.

    >>> result = assess(Episode(accompanied_by={"fever"}, body_areas={"leg"}))
    >>> result.urgency, [reason.id for reason in result.reasons], result.complete
    (<Urgency.URGENT: 'urgent'>, ['fever-or-chills'], True)
    >>> empty = assess(Episode())
    >>> empty.next_step.id, empty.complete, empty.unanswered[:2]
    ('self-care', False, ('accompanied_by', 'body_areas'))
    """
    global _last  # noqa: PLW0603 (one tuple, replaced whole, so a reader in another thread sees one call's)
    last = _last
    if last[0] is episode and last[1] is policy and last[2] is _cache and last[3] is not None:
        return last[3]
    if episode.__class__ is not Episode or policy.__class__ is not Policy:
        check_arguments("assess", episode, policy)
    key = signals(episode, policy)
    result = _cache.get(key)
    if result is None:
        result = _build(episode, policy)
        if len(_cache) >= _CACHE_LIMIT:
            _cache.clear()
        _cache[key] = result
    _last = (episode, policy, _cache, result)
    return result
