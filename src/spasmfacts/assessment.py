"""``assess()``: the graded result of the rule table, with sourced reasons and the next step."""

from __future__ import annotations

import attrs

from spasmfacts._dates import timedelta
from spasmfacts.content import default_loader
from spasmfacts.episode import DEFAULT_POLICY, Episode, Policy, duration_parts
from spasmfacts.model import SUMMARY_LIMIT, NextStep, WarningSign, cited_sources
from spasmfacts.rules import Rule, check_arguments, fired_rules, signals
from spasmfacts.vocabulary import Urgency

__all__ = ["Assessment", "Reason", "assess", "describe_duration"]

_CACHE_LIMIT = 4096


def _short(instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    if len(value) >= SUMMARY_LIMIT:  # pragma: no cover (describe_duration keeps every summary short)
        msg = f"{attribute.name} must be shorter than {SUMMARY_LIMIT} characters"
        raise ValueError(msg)


@attrs.frozen(kw_only=True, cache_hash=True)
class Reason:
    """Why the result is what it is: one row of the rule table that fired."""

    id: str
    """The row's id, which is also its warning sign's id."""
    urgency: Urgency
    summary: str = attrs.field(validator=_short)
    """What was reported, in one sentence under 140 characters."""
    sources: tuple[str, ...]
    """Ids of the sources behind the row (see :func:`~spasmfacts.sources`)."""


@attrs.frozen(kw_only=True, cache_hash=True)
class Assessment:
    """The graded result for one episode.

    ``urgency`` is the highest urgency among ``reasons`` (``SELF_CARE`` when there are none);
    ``SELF_CARE`` means none of the listed warning signs was reported, never "you are fine",
    and its ``next_step`` says what to do if anything changes.
    """

    urgency: Urgency
    reasons: tuple[Reason, ...]
    """Highest urgency first, then in rule-table order."""
    needs_medical_attention: bool
    next_step: NextStep


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
    return Reason(id=rule.id, urgency=rule.urgency, summary=summary, sources=cited_sources(sign.citations))


def _build(episode: Episode, policy: Policy) -> Assessment:
    loader = default_loader()
    signs = loader.warning_signs()
    fired = sorted(fired_rules(episode, policy), key=lambda rule: -rule.urgency.rank)
    reasons = tuple(_reason(rule, signs.lookup(rule.id), policy) for rule in fired)
    urgency = fired[0].urgency if fired else Urgency.SELF_CARE
    next_step = next(step for step in loader.next_steps() if step.urgency is urgency)
    return Assessment(urgency=urgency, reasons=reasons, needs_medical_attention=bool(fired), next_step=next_step)


# Results keyed by everything the rule reads: the same key always gives the same
# (immutable) result, so it is shared, and the cache is emptied when it grows too big.
_cache: dict[tuple[object, ...], Assessment] = {}


def assess(episode: Episode, *, policy: Policy = DEFAULT_POLICY) -> Assessment:
    """Grade ``episode``: urgency, the reasons with their sources, and the next step.

    Reads the cached content, so it may raise :class:`~spasmfacts.ContentError`; raises
    ``TypeError`` for anything but an :class:`Episode`.

    >>> result = assess(Episode(accompanied_by={"fever"}))
    >>> result.urgency, [reason.id for reason in result.reasons]
    (<Urgency.URGENT: 'urgent'>, ['systemic-symptoms'])
    >>> assess(Episode()).next_step.id
    'self-care'
    """
    if episode.__class__ is not Episode or policy.__class__ is not Policy:
        check_arguments("assess", episode, policy)
    key = signals(episode, policy)
    result = _cache.get(key)
    if result is None:
        result = _build(episode, policy)
        if len(_cache) >= _CACHE_LIMIT:
            _cache.clear()
        _cache[key] = result
    return result
