"""The untrusted-input boundary: episodes from JSON text and JSON-like dicts, and episodes back to JSON.

Types are strict, as a JSON client means them: booleans are ``true``/``false`` only, numbers
are never booleans, set fields are arrays, and ``null`` (or a missing key) means "not
answered" for every field. Every problem is collected (up to :data:`MAX_ERRORS`) and raised
as one :class:`~spasmfacts.InvalidEpisodeError`; the input is never modified. The work per
document is bounded: its size, its nesting and the errors reported are all capped.
"""

from __future__ import annotations

import json
import re
from collections import deque
from collections.abc import Callable
from enum import Enum
from itertools import repeat
from operator import attrgetter, is_
from typing import Any, Final

from spasmfacts._dates import timedelta
from spasmfacts.episode import EPISODE_FIELDS, FLAG_FIELDS, MAX_DURATION_SECONDS, Episode, duration_parts
from spasmfacts.errors import MAX_ERRORS, InvalidEpisodeError, json_type, shown_key, shown_value
from spasmfacts.json_objects import DuplicateKeyError, object_without_duplicates
from spasmfacts.vocabulary import AgeGroup, BodyArea, Finding, Medicine, Severity

__all__ = [
    "DURATION_PATTERN",
    "EPISODE_FIELDS",
    "MAX_ERRORS",
    "MAX_JSON_BYTES",
    "duration_seconds",
    "episode_from_dict",
    "episode_from_json",
    "episode_to_dict",
    "format_duration",
    "parse_duration",
]

MAX_JSON_BYTES: Final = 64 * 1024
"""The most UTF-8 bytes :func:`~spasmfacts.episode_from_json` reads."""

MAX_DEPTH: Final = 2
"""How deeply an episode document nests: an object of arrays of strings."""

DURATION_PATTERN: Final = (
    r"P(?=[0-9T])(?:([0-9]{1,9})D)?"
    r"(?:T(?=[0-9])(?:([0-9]{1,9})H)?(?:([0-9]{1,9})M)?(?:([0-9]{1,9})(?:\.([0-9]{1,6}))?S)?)?"
)
"""ISO 8601 ``P[nD][T[nH][nM][n[.f]S]]``: at least one component, a fraction only on seconds."""

_DURATION = re.compile(DURATION_PATTERN)
# The same form with components of any length: told apart so that a duration too long to read says so.
_LONG_DURATION = re.compile(DURATION_PATTERN.replace("{1,9}", "+"))
# Typed loosely so that the check for callers who ignore the annotations stays reachable.
_EPISODE: tuple[type, ...] = (Episode,)
# The longest integer literal a document may hold: far more digits than any valid value has.
_MAX_INT_DIGITS: Final = 30


def parse_duration(text: str) -> timedelta:
    """Parse an ISO 8601 duration (``PT12M``, ``P1DT2H``, ``PT0.5S``); ``ValueError`` if it is not one."""
    return timedelta(0, *duration_seconds(text))


def duration_seconds(text: str) -> tuple[int, int]:
    """The whole seconds and the microseconds of an ISO 8601 duration; ``ValueError`` if it is not one."""
    match = _DURATION.fullmatch(text) if text.isascii() else None
    if match is None:
        long = _LONG_DURATION.fullmatch(text) if text.isascii() else None
        if long is not None and any(len(part.lstrip("0")) > 9 for part in long.groups()[:4] if part):  # noqa: PLR2004
            raise ValueError(_too_long_duration(text))
        msg = f"{shown_value(text)} is not an ISO 8601 duration such as 'PT12M' (days, hours, minutes and seconds only)"
        raise ValueError(msg)
    days, hours, minutes, seconds, fraction = match.groups()
    whole = (
        (int(days) * 86400 if days else 0)
        + (int(hours) * 3600 if hours else 0)
        + (int(minutes) * 60 if minutes else 0)
        + (int(seconds) if seconds else 0)
    )
    micros = int(fraction.ljust(6, "0")) if fraction else 0
    if whole > MAX_DURATION_SECONDS or (whole == MAX_DURATION_SECONDS and micros):
        raise ValueError(_too_long_duration(text))
    return whole, micros


def _too_long_duration(text: str) -> str:
    # Made only when needed: quoting the text costs more than parsing it.
    return f"{shown_value(text)} is too long: a duration can be at most {MAX_DURATION_SECONDS} seconds"


def format_duration(value: timedelta) -> str:
    """The canonical ISO 8601 form: days, hours, minutes, seconds, zero parts left out (``PT0S`` for zero)."""
    days, hours, minutes, seconds, micros = duration_parts(value)
    date_part = f"{days}D" if days else ""
    time_part = f"{hours}H" if hours else ""
    time_part += f"{minutes}M" if minutes else ""
    if micros:
        time_part += f"{seconds}.{micros:06d}".rstrip("0") + "S"
    elif seconds or not (date_part or time_part):
        time_part += f"{seconds}S"
    return f"P{date_part}T{time_part}" if time_part else f"P{date_part}"


class _TooLarge(int):
    """An integer literal with more digits than any valid value: kept apart so the field can say so."""

    __slots__ = ()


_TOO_LARGE: Final = _TooLarge()
_TOO_SMALL: Final = _TooLarge(-1)


class _Errors(list[tuple[str, str]]):
    """The problems found so far; past :data:`MAX_ERRORS` only their number is kept."""

    dropped = 0

    def add(self, path: str, message: str) -> None:
        if len(self) < MAX_ERRORS:
            self.append((path, message))
        else:
            self.dropped += 1

    def raise_if_any(self) -> None:
        if self:
            errors = list(self)
            if self.dropped:
                errors.append(("$", f"and {self.dropped} more problem{'s' if self.dropped != 1 else ''}"))
            raise InvalidEpisodeError(errors)


def _number_message(value: object) -> str | None:
    """Why a number is not a valid count of seconds, or ``None``; the same words from JSON text or a dict."""
    if value.__class__ is float and value != value:  # noqa: PLR0124 (NaN is the one float unequal to itself)
        return "the number must be finite, not NaN"
    if value is _TOO_LARGE or value > MAX_DURATION_SECONDS:  # type: ignore[operator]
        # A literal such as 1e400 decodes to infinity: the literal was a number, just too large.
        return f"the number is too large: a duration can be at most {MAX_DURATION_SECONDS} seconds"
    if value < 0:  # type: ignore[operator]
        return "a duration cannot be negative"
    return None


def _as_float(value: Any) -> float:
    try:
        return float(value)
    except ValueError:  # a signalling NaN refuses; it is a NaN all the same
        return float("nan")


_PARSED_DURATIONS: dict[object, timedelta] = {}
_PARSED_LIMIT: Final = 1024


def _duration(key: str, value: object, errors: _Errors) -> timedelta | None:
    if value is None:
        return None
    if value.__class__ is str:
        # Clients send the same few spellings again and again ('PT1M', 'PT5M'): parse each once.
        parsed = _PARSED_DURATIONS.get(value)
        if parsed is None:
            try:
                parsed = parse_duration(value)
            except ValueError as exc:
                errors.add(key, str(exc))
                return None
            if len(_PARSED_DURATIONS) >= _PARSED_LIMIT:
                _PARSED_DURATIONS.clear()
            _PARSED_DURATIONS[value] = parsed
        return parsed
    if value.__class__ not in (int, float) and value.__class__ is not _TooLarge and json_type(value) == "a number":
        # A Decimal (from json.loads(..., parse_float=Decimal)) is a JSON number too: read as a float.
        value = _as_float(value)
    if value.__class__ in (int, float) or value.__class__ is _TooLarge:
        message = _number_message(value)
        if message is None:
            return timedelta(seconds=value)
    else:
        message = f"expected an ISO 8601 duration string, a number of seconds or null, not {json_type(value)}"
    errors.add(key, message)
    return None


def _hint(item: str, by_value: dict[str, Any]) -> str:
    """A hint for a near miss such as 'chest-pain' or 'Chest Pain': "; did you mean 'chest_pain'?", else empty."""
    folded = re.sub(r"[\s-]+", "_", item.strip().lower())
    if folded in by_value:
        return f"; did you mean {folded!r}?"
    import difflib  # noqa: PLC0415 (only a wrong value needs it)

    close = difflib.get_close_matches(folded[:64], by_value, n=1, cutoff=0.75)
    return f"; did you mean {close[0]!r}?" if close else ""


def _article(noun: str) -> str:
    return "an" if noun[0] in "aeiou" else "a"


def _enum_parser(enum: type[Enum], noun: str) -> Callable[[str, Any, _Errors], object]:
    by_value = {member.value: member for member in enum}
    known = ", ".join(by_value)

    def parse(key: str, value: object, errors: _Errors) -> object:
        if value is None:
            return None
        member = by_value.get(value) if value.__class__ is str else None
        if member is not None:
            return member
        if value.__class__ is str:
            errors.add(key, f"{shown_value(value)} is not a known {noun} (one of: {known}){_hint(value, by_value)}")
        else:
            errors.add(key, f"expected {_article(noun)} {noun} string or null, not {json_type(value)}")
        return None

    return parse


def _set_parser(enum: type[Enum], noun: str) -> Callable[[str, Any, _Errors], object]:
    by_value = {member.value: member for member in enum}

    def parse(key: str, value: object, errors: _Errors) -> object:
        if value is None:
            return None
        if value.__class__ is not list and value.__class__ is not tuple:
            errors.add(key, f"expected an array of {noun} values or null, not {json_type(value)}")
            return None
        # The common case, every item a known value as a plain string, is checked in C; the loop
        # below says what is wrong with the others.
        if all(map(is_, map(type, value), repeat(str))):
            try:
                return frozenset(map(by_value.__getitem__, value))
            except KeyError:
                pass
        members = []
        for index, item in enumerate(value):
            member = by_value.get(item) if item.__class__ is str else None
            if member is not None:
                members.append(member)
            elif item.__class__ is str:
                errors.add(f"{key}[{index}]", f"{shown_value(item)} is not a known {noun}{_hint(item, by_value)}")
            else:
                errors.add(f"{key}[{index}]", f"expected a {noun} value (a string), not {json_type(item)}")
        return frozenset(members)

    return parse


def _flag(key: str, value: object, errors: _Errors) -> None:
    # Called only for a value that is not true, false or null: episode_from_dict takes those as they are.
    errors.add(key, f"expected true, false or null, not {json_type(value)}")


_PARSERS: Final[dict[str, Callable[[str, Any, _Errors], object]]] = {
    "severity": _enum_parser(Severity, "severity"),
    "duration": _duration,
    "body_areas": _set_parser(BodyArea, "body area"),
    "accompanied_by": _set_parser(Finding, "finding"),
    "medicines": _set_parser(Medicine, "medicine"),
    "age_group": _enum_parser(AgeGroup, "age group"),
    **dict.fromkeys(FLAG_FIELDS, _flag),
}


def episode_from_dict(data: object) -> Episode:
    """Build an :class:`Episode` from a JSON-like dict (keys are the field names; every key optional).

    ``null`` or a missing key means "not answered". Raises :class:`~spasmfacts.InvalidEpisodeError`
    naming every offending field (the first :data:`~spasmfacts.boundary.MAX_ERRORS` of them).

    >>> episode_from_dict({"severity": "moderate", "duration": "PT4M", "body_areas": ["leg"]}).duration
    datetime.timedelta(seconds=240)
    >>> episode_from_dict({"accompanied_by": ["fever", "chest-pain"]})
    Traceback (most recent call last):
    ...
    spasmfacts.errors.InvalidEpisodeError: accompanied_by[1]: 'chest-pain' is not a known finding; \
    did you mean 'chest_pain'?
    """
    if not isinstance(data, dict):
        raise InvalidEpisodeError((("$", f"expected a JSON object, not {json_type(data)}"),))
    errors = _Errors()
    fields: dict[str, Any] = {}
    for key, value in data.items():
        parse = _PARSERS.get(key) if key.__class__ is str else None
        if parse is _flag and (value is None or value.__class__ is bool):
            fields[key] = value  # most fields are yes/no answers: no call for a valid one
        elif parse is not None:
            fields[key] = parse(key, value, errors)
        elif key.__class__ is str:
            errors.add(shown_key(key), "unknown field")
        else:
            errors.add("$", f"keys must be strings, not {json_type(key)}")
    errors.raise_if_any()
    return _episode(fields)


# The parsers above give each field its final type and check its value, so the Episode is made
# without running its converters and validators again: they would cost more than the parsing.
# A test pins that the real constructor accepts every episode made here, unchanged.
_UNANSWERED: Final = attrgetter(*EPISODE_FIELDS)(Episode())


def _episode(fields: dict[str, Any]) -> Episode:
    if "body_areas" in fields and fields["body_areas"] is None:
        del fields["body_areas"]  # for the areas, not answered is the empty set (Episode's converter says so)
    episode = object.__new__(Episode)
    values = map(fields.get, EPISODE_FIELDS, _UNANSWERED)
    deque(map(object.__setattr__, repeat(episode), EPISODE_FIELDS, values), maxlen=0)
    return episode


def _reject_constant(name: str) -> None:
    msg = f"{name} is not valid JSON"
    raise ValueError(msg)


def _parse_int(text: str) -> int | _TooLarge:
    if len(text) <= _MAX_INT_DIGITS:
        return int(text)
    # Too many digits to be any valid value: say which way it is wrong, as a dict's int would.
    return _TOO_SMALL if text.startswith("-") else _TOO_LARGE


# One decoder for every call: json.loads() with a keyword builds a new one each time.
_DECODER = json.JSONDecoder(
    parse_constant=_reject_constant, parse_int=_parse_int, object_pairs_hook=object_without_duplicates
)
_NESTING = re.compile(r'"(?:[^"\\]|\\.)*"|[\[{]|[\]}]', re.DOTALL)


def _too_deep(text: str) -> bool:
    """Whether ``text`` nests more than :data:`MAX_DEPTH` levels, found without decoding it."""
    # A document with few brackets cannot nest deeply enough to matter, and it costs nothing to tell.
    if text.count("[") + text.count("{") <= 2 * MAX_DEPTH:
        return False
    depth = 0
    for match in _NESTING.finditer(text):
        bracket = match.group()
        if bracket in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return True
        elif bracket in "]}":
            depth -= 1
    return False


def _too_large() -> InvalidEpisodeError:
    return InvalidEpisodeError((("$", f"the document is larger than {MAX_JSON_BYTES} bytes of UTF-8"),))


def _document_text(text: object) -> str:
    """``text`` as a ``str`` of at most 64 KiB of UTF-8, or the reason it is not one."""
    if isinstance(text, str):
        # A character is 1 to 4 bytes of UTF-8: only a string near the limit needs encoding to tell.
        if len(text) > MAX_JSON_BYTES:
            raise _too_large()
        try:
            size = len(text) if text.isascii() else len(text.encode("utf-8"))
        except UnicodeEncodeError:
            raise InvalidEpisodeError((("$", "the text is not valid Unicode (it holds a lone surrogate)"),)) from None
        if size > MAX_JSON_BYTES:
            raise _too_large()
    elif isinstance(text, bytes | bytearray):
        if len(text) > MAX_JSON_BYTES:
            raise _too_large()
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise InvalidEpisodeError((("$", f"the document is not valid UTF-8 (byte {exc.start})"),)) from None
    else:
        raise InvalidEpisodeError((("$", f"expected JSON text (str or bytes), not {type(text).__name__}"),))
    if text.startswith("\ufeff"):
        raise InvalidEpisodeError((("$", "the document starts with a byte order mark (BOM); send UTF-8 without one"),))
    return text


def episode_from_json(text: str | bytes) -> Episode:
    """Build an :class:`Episode` from JSON text: UTF-8 only, at most 64 KiB, no ``NaN``/``Infinity``, no repeated keys.

    >>> episode_from_json('{"disturbs_sleep": true}').disturbs_sleep
    True
    >>> episode_from_json('{"recurrent": true, "recurrent": false}')
    Traceback (most recent call last):
    ...
    spasmfacts.errors.InvalidEpisodeError: recurrent: the key appears more than once in the document
    """
    document = _document_text(text)
    if _too_deep(document):
        raise InvalidEpisodeError((("$", f"the document nests more than {MAX_DEPTH} levels deep"),))
    try:
        data = _DECODER.decode(document)
    except json.JSONDecodeError as exc:
        raise InvalidEpisodeError(
            (("$", f"invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}"),)
        ) from None
    except DuplicateKeyError as exc:
        raise InvalidEpisodeError(((shown_key(exc.key), "the key appears more than once in the document"),)) from None
    except ValueError as exc:
        raise InvalidEpisodeError((("$", f"invalid JSON: {exc}"),)) from None
    return episode_from_dict(data)


def _values(members: frozenset[Any] | None, enum: type[Enum]) -> list[str] | None:
    return None if members is None else [member.value for member in enum if member in members]


def episode_to_dict(episode: Episode) -> dict[str, Any]:
    """The JSON-ready form of ``episode``: every key (``None`` where not answered), arrays in enum order.

    The duration is in canonical ISO 8601 form; ``body_areas`` is ``None`` when empty (not answered).

    >>> from datetime import timedelta
    >>> episode_to_dict(Episode(duration=timedelta(hours=1, minutes=30)))["duration"]
    'PT1H30M'
    """
    if not isinstance(episode, _EPISODE):
        msg = f"episode_to_dict() takes an Episode, not {type(episode).__name__}"
        raise TypeError(msg)
    document: dict[str, Any] = {
        "severity": None if episode.severity is None else episode.severity.value,
        "duration": None if episode.duration is None else format_duration(episode.duration),
        "body_areas": _values(episode.body_areas or None, BodyArea),
        "accompanied_by": _values(episode.accompanied_by, Finding),
        "medicines": _values(episode.medicines, Medicine),
        "age_group": None if episode.age_group is None else episode.age_group.value,
    }
    for name in FLAG_FIELDS:
        document[name] = getattr(episode, name)
    return document
