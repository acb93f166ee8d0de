"""What a person reports about a spasm episode (``Episode``), and the rule's tunable values (``Policy``).

Every ``Episode`` field is optional; a field left out means "not reported", and the rule
never treats "not reported" as "present".
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import Enum
from typing import TypeVar

import attrs

from spasmfacts._dates import timedelta
from spasmfacts.errors import InvalidEpisodeError
from spasmfacts.vocabulary import BodyArea, Finding, Severity

__all__ = ["DEFAULT_POLICY", "MAX_DURATION", "Episode", "Policy", "duration_parts"]

MAX_DURATION = timedelta(seconds=100_000_000)
"""The longest duration any form of an episode accepts (about 3.2 years)."""


def duration_parts(value: timedelta) -> tuple[int, int, int, int, int]:
    """``value`` as whole days, hours, minutes, seconds and microseconds, the form every writer of durations uses."""
    seconds, micros = divmod(value // timedelta(microseconds=1), 1_000_000)
    minutes, seconds = divmod(seconds, 60)
    hours, minutes = divmod(minutes, 60)
    days, hours = divmod(hours, 24)
    return days, hours, minutes, seconds, micros


_E = TypeVar("_E", bound=Enum)
_EMPTY: frozenset[object] = frozenset()
_SEVERITY_BY_VALUE = {member.value: member for member in Severity}
_AREA_BY_VALUE = {member.value: member for member in BodyArea}
_FINDING_BY_VALUE = {member.value: member for member in Finding}


def _invalid(field: str, message: str) -> InvalidEpisodeError:
    return InvalidEpisodeError(((field, message),))


def _to_severity(value: object) -> Severity | None:
    if value is None or value.__class__ is Severity:
        return value
    if isinstance(value, str):
        member = _SEVERITY_BY_VALUE.get(value)
        if member is not None:
            return member
        raise _invalid("severity", f"{value!r} is not a known severity (one of: mild, moderate, severe)")
    raise _invalid("severity", f"expected a Severity, its string value or None, not {type(value).__name__}")


def check_duration(field: str, value: timedelta) -> timedelta:
    """Return ``value`` if it is a duration from zero to ``MAX_DURATION``, else raise for ``field``."""
    if value < timedelta(0):
        raise _invalid(field, "a duration cannot be negative")
    if value > MAX_DURATION:
        raise _invalid(field, "a duration can be at most 100000000 seconds")
    return value


def _to_duration(value: object) -> timedelta | None:
    if value is None:
        return None
    if isinstance(value, timedelta):
        return check_duration("duration", value)
    raise _invalid("duration", f"expected a datetime.timedelta or None, not {type(value).__name__}")


def _member_set(field: str, value: object, enum: type[_E], by_value: dict[str, _E], noun: str) -> frozenset[_E]:
    if value.__class__ is frozenset and all(item.__class__ is enum for item in value):
        return value
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        raise _invalid(field, f"expected a collection of {noun} values, not {type(value).__name__}")
    members: list[_E] = []
    errors: list[tuple[str, str]] = []
    for index, item in enumerate(value):
        if item.__class__ is enum:
            members.append(item)
        elif isinstance(item, str) and item in by_value:
            members.append(by_value[item])
        elif isinstance(item, str):
            errors.append((f"{field}[{index}]", f"{item!r} is not a known {noun}"))
        else:
            errors.append((f"{field}[{index}]", f"expected a {noun} value, not {type(item).__name__}"))
    if errors:
        raise InvalidEpisodeError(errors)
    return frozenset(members) if members else _EMPTY  # type: ignore[return-value]


def _to_body_areas(value: object) -> frozenset[BodyArea]:
    return _member_set("body_areas", value, BodyArea, _AREA_BY_VALUE, "body area")


def _to_findings(value: object) -> frozenset[Finding]:
    return _member_set("accompanied_by", value, Finding, _FINDING_BY_VALUE, "finding")


def _check_flag(instance: object, attribute: attrs.Attribute[bool], value: object) -> None:
    if value.__class__ is not bool:
        raise _invalid(attribute.name, f"expected True or False, not {type(value).__name__}")


def _check_optional_flag(instance: object, attribute: attrs.Attribute[bool | None], value: object) -> None:
    if value is not None and value.__class__ is not bool:
        raise _invalid(attribute.name, f"expected True, False or None, not {type(value).__name__}")


@attrs.frozen(kw_only=True)
class Episode:
    """What a person reports about their spasms. Every field is optional; left out means "not reported".

    Set fields take any iterable of members or of their string values; a wrong type or
    value raises :class:`~spasmfacts.InvalidEpisodeError` naming the field.

    >>> Episode(accompanied_by={"fever"}) == Episode(accompanied_by={Finding.FEVER})
    True
    """

    severity: Severity | None = attrs.field(default=None, converter=_to_severity)
    """How bad the worst spasm was; ``None`` when not reported."""
    duration: timedelta | None = attrs.field(default=None, converter=_to_duration)
    """How long the longest single spasm lasted (not how long the problem has gone on)."""
    body_areas: frozenset[BodyArea] = attrs.field(default=_EMPTY, converter=_to_body_areas)
    """Where the spasms are."""
    accompanied_by: frozenset[Finding] = attrs.field(default=_EMPTY, converter=_to_findings)
    """What else is reported together with the spasms."""
    interferes_with_daily_life: bool = attrs.field(default=False, validator=_check_flag)
    """The spasms get in the way of daily activities or quality of life."""
    disturbs_sleep: bool = attrs.field(default=False, validator=_check_flag)
    """The spasms wake the person or keep them from sleeping."""
    recurrent: bool = attrs.field(default=False, validator=_check_flag)
    """The spasms happen often."""
    improves_with_self_care: bool | None = attrs.field(default=None, validator=_check_optional_flag)
    """Whether self-care helped: ``False`` means it was tried and did not; ``None``, not reported."""
    started_after_new_medication: bool = attrs.field(default=False, validator=_check_flag)
    """The spasms began after starting a new medicine."""
    after_wound_or_toxin_exposure: bool = attrs.field(default=False, validator=_check_flag)
    """The spasms began after a wound, or after contact with a toxin such as lead or mercury."""
    comes_on_when_walking: bool = attrs.field(default=False, validator=_check_flag)
    """The spasms come on while walking and ease soon after stopping."""


def _positive_timedelta(instance: object, attribute: attrs.Attribute[timedelta], value: object) -> None:
    if not isinstance(value, timedelta) or value <= timedelta(0):
        msg = f"{attribute.name} must be a positive datetime.timedelta, not {value!r}"
        raise ValueError(msg)


@attrs.frozen(kw_only=True)
class Policy:
    """The rule's tunable values. No policy turns a row off: every row is always on."""

    long_episode: timedelta = attrs.field(default=timedelta(minutes=10), validator=_positive_timedelta)
    """A single spasm longer than this (strictly) fires ``long-lasting``; 10 minutes by default."""


DEFAULT_POLICY = Policy()
"""The policy the rule uses unless told otherwise."""
