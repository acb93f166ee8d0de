"""What a person reports about a spasm episode: ``Episode``, its field names, and the duration limits.

Every ``Episode`` field is optional and ``None`` means "not answered" (for ``body_areas``,
the empty set). The rule never treats "not answered" as "no", and never as "yes".
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from enum import Enum
from typing import Final, TypeVar

import attrs

from spasmfacts._dates import timedelta
from spasmfacts._records import Record
from spasmfacts.errors import InvalidEpisodeError
from spasmfacts.vocabulary import AgeGroup, BodyArea, Finding, Medicine, Severity

__all__ = ["EPISODE_FIELDS", "MAX_DURATION", "MAX_DURATION_SECONDS", "Episode", "duration_parts"]

MAX_DURATION_SECONDS: Final = 100_000_000
"""``MAX_DURATION`` in whole seconds, as the error messages and the JSON Schema state it."""
MAX_DURATION = timedelta(seconds=MAX_DURATION_SECONDS)
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
_AREA_BY_VALUE = {member.value: member for member in BodyArea}
_FINDING_BY_VALUE = {member.value: member for member in Finding}
_MEDICINE_BY_VALUE = {member.value: member for member in Medicine}


def _invalid(field: str, message: str) -> InvalidEpisodeError:
    return InvalidEpisodeError(((field, message),))


def _enum_converter(field: str, enum: type[_E], noun: str) -> Callable[[object], _E | None]:
    """The converter of an optional enum field: a member, its string value, or ``None``."""
    by_value = {member.value: member for member in enum}
    known = ", ".join(by_value)
    article = "an" if enum.__name__[0] in "AEIOU" else "a"

    def convert(value: object) -> _E | None:
        if value is None or value.__class__ is enum:
            return value
        if isinstance(value, str):
            member = by_value.get(value)
            if member is not None:
                return member
            raise _invalid(field, f"{value!r} is not a known {noun} (one of: {known})")
        given = type(value).__name__
        raise _invalid(field, f"expected {article} {enum.__name__}, its string value or None, not {given}")

    return convert


_SEVERITY = _enum_converter("severity", Severity, "severity")
_AGE_GROUP = _enum_converter("age_group", AgeGroup, "age group")


# Named functions, not the closures themselves: attrs' type-checker plugin reads only those.
def _to_severity(value: object) -> Severity | None:
    return _SEVERITY(value)


def _to_age_group(value: object) -> AgeGroup | None:
    return _AGE_GROUP(value)


def check_duration(field: str, value: timedelta) -> timedelta:
    """Return ``value`` if it is a duration from zero to ``MAX_DURATION``, else raise for ``field``."""
    if value < timedelta(0):
        raise _invalid(field, "a duration cannot be negative")
    if value > MAX_DURATION:
        raise _invalid(field, f"a duration can be at most {MAX_DURATION_SECONDS} seconds")
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
    if value is None:
        return _EMPTY  # type: ignore[return-value]
    return _member_set("body_areas", value, BodyArea, _AREA_BY_VALUE, "body area")


def _to_findings(value: object) -> frozenset[Finding] | None:
    if value is None:
        return None
    return _member_set("accompanied_by", value, Finding, _FINDING_BY_VALUE, "finding")


def _to_medicines(value: object) -> frozenset[Medicine] | None:
    if value is None:
        return None
    return _member_set("medicines", value, Medicine, _MEDICINE_BY_VALUE, "medicine")


def _check_flag(instance: object, attribute: attrs.Attribute[bool | None], value: object) -> None:
    if value is not None and value.__class__ is not bool:
        raise _invalid(attribute.name, f"expected True, False or None, not {type(value).__name__}")


def _flag() -> bool | None:
    return attrs.field(default=None, validator=_check_flag)


@attrs.frozen(kw_only=True, repr=False, eq=False)
class Episode(Record):
    """What a person reports about their spasms. Every field is optional; ``None`` means "not answered".

    Set fields take any iterable of members or of their string values; a wrong type or
    value raises :class:`~spasmfacts.InvalidEpisodeError` naming the field. For
    ``accompanied_by`` and ``medicines``, ``None`` is "not asked" and an empty set is
    "none of these"; for ``body_areas`` an empty set is "not answered".

    >>> Episode(accompanied_by={"fever"}) == Episode(accompanied_by={Finding.FEVER})
    True
    >>> Episode().accompanied_by is None, Episode(accompanied_by=[]).accompanied_by
    (True, frozenset())
    """

    severity: Severity | None = attrs.field(default=None, converter=_to_severity)
    """How bad the worst spasm was."""
    duration: timedelta | None = attrs.field(default=None, converter=_to_duration)
    """How long the longest single spasm lasted (not how long the problem has gone on)."""
    body_areas: frozenset[BodyArea] = attrs.field(default=_EMPTY, converter=_to_body_areas)
    """Where the spasms are; empty when not answered."""
    accompanied_by: frozenset[Finding] | None = attrs.field(default=None, converter=_to_findings)
    """What else came with the spasms; ``frozenset()`` means "none of these"."""
    medicines: frozenset[Medicine] | None = attrs.field(default=None, converter=_to_medicines)
    """Which of the listed medicines the person takes; ``frozenset()`` means "none of these"."""
    age_group: AgeGroup | None = attrs.field(default=None, converter=_to_age_group)
    """How old the person with the spasms is."""
    pregnant: bool | None = _flag()
    """The person is, or could be, pregnant."""
    interferes_with_daily_life: bool | None = _flag()
    """The spasms get in the way of everyday life."""
    disturbs_sleep: bool | None = _flag()
    """The spasms wake the person or stop them sleeping."""
    recurrent: bool | None = _flag()
    """The spasms keep coming back often."""
    improves_with_self_care: bool | None = _flag()
    """Whether self-care helped: ``False`` means it was tried and did not help."""
    started_after_new_medication: bool | None = _flag()
    """The spasms began after a new medicine, or a higher dose of one."""
    after_wound: bool | None = _flag()
    """The spasms began in the days or weeks after a cut, bite, burn, scratch, piercing or other wound."""
    after_toxin_exposure: bool | None = _flag()
    """The spasms began after contact with a poison or chemical (lead, mercury, weedkiller, pesticide)."""
    in_heat: bool | None = _flag()
    """The spasms came on in hot weather, or while working or exercising hard in the heat."""
    not_better_after_cooling: bool | None = _flag()
    """Still unwell after 30 minutes of resting somewhere cool, cooling down and having a drink."""
    after_injury: bool | None = _flag()
    """The spasm started after a fall, a blow, a crush or a sports injury."""
    fluid_restriction: bool | None = _flag()
    """A doctor or nurse has said to limit how much the person drinks."""
    heavy_drinking: bool | None = _flag()
    """The person often drinks more than 14 units of alcohol a week."""
    comes_on_when_walking: bool | None = _flag()
    """Cramps come on when walking and ease soon after stopping."""


EPISODE_FIELDS: Final = tuple(field.name for field in attrs.fields(Episode))
"""The names of the ``Episode`` fields, in declaration order (the order of the specification)."""

FLAG_FIELDS: Final = tuple(field.name for field in attrs.fields(Episode) if field.validator is not None)
"""The yes/no fields of ``Episode`` (``True``, ``False`` or ``None``)."""
