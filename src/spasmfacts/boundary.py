"""The untrusted-input boundary: episodes from JSON-like data, and episodes and assessments back to JSON.

Types are strict, as a JSON client means them: booleans are ``true``/``false`` only,
numbers are never booleans, set fields are arrays, and ``null`` is allowed only for
``severity``, ``duration`` and ``improves_with_self_care``. Every problem is collected and
raised as one :class:`~spasmfacts.InvalidEpisodeError`; the input is never modified.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable
from datetime import timedelta
from typing import Any, Final

from spasmfacts.assessment import Assessment
from spasmfacts.content import default_loader
from spasmfacts.episode import MAX_DURATION, Episode, duration_parts
from spasmfacts.errors import InvalidEpisodeError, json_type
from spasmfacts.model import NextStep, cited_sources
from spasmfacts.vocabulary import BodyArea, Finding, Severity

__all__ = [
    "DURATION_PATTERN",
    "EPISODE_FIELDS",
    "MAX_JSON_BYTES",
    "assessment_to_dict",
    "episode_from_dict",
    "episode_from_json",
    "episode_to_dict",
    "format_duration",
    "parse_duration",
]

MAX_JSON_BYTES: Final = 64 * 1024
"""The most UTF-8 bytes :func:`episode_from_json` reads."""

DURATION_PATTERN: Final = (
    r"P(?=[0-9T])(?:([0-9]{1,9})D)?"
    r"(?:T(?=[0-9])(?:([0-9]{1,9})H)?(?:([0-9]{1,9})M)?(?:([0-9]{1,9})(?:\.([0-9]{1,6}))?S)?)?"
)
"""ISO 8601 ``P[nD][T[nH][nM][n[.f]S]]``: at least one component, a fraction only on seconds."""

_DURATION = re.compile(DURATION_PATTERN)
_MAX_SECONDS: Final = int(MAX_DURATION.total_seconds())

EPISODE_FIELDS: Final = (
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
"""The keys of an episode document, in the order :func:`episode_to_dict` writes them."""

_FLAGS: Final = frozenset(EPISODE_FIELDS[4:]) - {"improves_with_self_care"}
_SEVERITIES = {member.value: member for member in Severity}
_AREAS = {member.value: member for member in BodyArea}
_FINDINGS = {member.value: member for member in Finding}
_SETS: Final[dict[str, tuple[dict[str, Any], str]]] = {
    "body_areas": (_AREAS, "body area"),
    "accompanied_by": (_FINDINGS, "finding"),
}


def parse_duration(text: str) -> timedelta:
    """Parse an ISO 8601 duration (``PT12M``, ``P1DT2H``, ``PT0.5S``); ``ValueError`` if it is not one."""
    match = _DURATION.fullmatch(text)
    if match is None:
        msg = f"{text!r} is not an ISO 8601 duration such as 'PT12M' (days, hours, minutes and seconds only)"
        raise ValueError(msg)
    days, hours, minutes, seconds, fraction = match.groups()
    whole = int(days or 0) * 86400 + int(hours or 0) * 3600 + int(minutes or 0) * 60 + int(seconds or 0)
    micros = int((fraction or "").ljust(6, "0"))
    if whole > _MAX_SECONDS or (whole == _MAX_SECONDS and micros):
        msg = f"{text!r} is longer than the most a duration may be, {_MAX_SECONDS} seconds"
        raise ValueError(msg)
    return timedelta(seconds=whole, microseconds=micros)


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


_Errors = list[tuple[str, str]]


def _duration(key: str, value: object, errors: _Errors) -> timedelta | None:
    if value is None:
        return None
    if value.__class__ is str:
        try:
            return parse_duration(value)
        except ValueError as exc:
            errors.append((key, str(exc)))
            return None
    if value.__class__ not in (int, float):
        message = f"expected an ISO 8601 duration string, a number of seconds or null, not {json_type(value)}"
    elif value.__class__ is float and not math.isfinite(value):
        # An int is always finite; math.isfinite() would overflow on one too large for a float.
        message = "a number of seconds must be finite"
    elif value < 0:
        message = "a duration cannot be negative"
    elif value > _MAX_SECONDS:
        message = f"a duration can be at most {_MAX_SECONDS} seconds"
    else:
        return timedelta(seconds=value)
    errors.append((key, message))
    return None


def _members(key: str, value: object, errors: _Errors) -> frozenset[Any]:
    by_value, noun = _SETS[key]
    if value.__class__ is not list and value.__class__ is not tuple:
        errors.append((key, f"expected an array of {noun} values, not {json_type(value)}"))
        return frozenset()
    members = []
    for index, item in enumerate(value):
        member = by_value.get(item) if item.__class__ is str else None
        if member is not None:
            members.append(member)
        elif item.__class__ is str:
            errors.append((f"{key}[{index}]", f"{item!r} is not a known {noun}"))
        else:
            errors.append((f"{key}[{index}]", f"expected a {noun} value (a string), not {json_type(item)}"))
    return frozenset(members)


def _flag(key: str, value: object, errors: _Errors) -> bool:
    if value.__class__ is bool:
        return value
    errors.append((key, f"expected true or false, not {json_type(value)}"))
    return False


def _optional_flag(key: str, value: object, errors: _Errors) -> bool | None:
    if value is None or value.__class__ is bool:
        return value
    errors.append((key, f"expected true, false or null, not {json_type(value)}"))
    return None


def _severity(key: str, value: object, errors: _Errors) -> Severity | None:
    if value is None:
        return None
    if value.__class__ is str:
        member = _SEVERITIES.get(value)
        if member is not None:
            return member
        errors.append((key, f"{value!r} is not a known severity (one of: mild, moderate, severe)"))
    else:
        errors.append((key, f"expected a severity string or null, not {json_type(value)}"))
    return None


_PARSERS: Final[dict[str, Callable[[str, Any, _Errors], object]]] = {
    "severity": _severity,
    "duration": _duration,
    "body_areas": _members,
    "accompanied_by": _members,
    "improves_with_self_care": _optional_flag,
    **dict.fromkeys(_FLAGS, _flag),
}


def episode_from_dict(data: object) -> Episode:
    """Build an :class:`Episode` from a JSON-like dict (keys are the field names; every key optional).

    Raises :class:`~spasmfacts.InvalidEpisodeError` naming every offending field.

    >>> episode_from_dict({"severity": "moderate", "duration": "PT4M", "body_areas": ["leg"]}).duration
    datetime.timedelta(seconds=240)
    >>> episode_from_dict({"accompanied_by": ["fever", "itch"]})
    Traceback (most recent call last):
    ...
    spasmfacts.errors.InvalidEpisodeError: accompanied_by[1]: 'itch' is not a known finding
    """
    if not isinstance(data, dict):
        raise InvalidEpisodeError((("$", f"expected a JSON object, not {json_type(data)}"),))
    errors: _Errors = []
    fields: dict[str, Any] = {}
    for key, value in data.items():
        parse = _PARSERS.get(key) if key.__class__ is str else None
        if parse is not None:
            fields[key] = parse(key, value, errors)
        elif key.__class__ is str:
            errors.append((key, "unknown field"))
        else:
            errors.append(("$", f"keys must be strings, not {json_type(key)}"))
    if errors:
        raise InvalidEpisodeError(errors)
    return Episode(**fields)


def _reject_constant(name: str) -> None:
    msg = f"{name} is not valid JSON"
    raise ValueError(msg)


# One decoder for every call: json.loads() with a keyword builds a new one each time.
_DECODER = json.JSONDecoder(parse_constant=_reject_constant)


def _document_text(text: object) -> str:
    """``text`` as a ``str`` of at most 64 KiB of UTF-8, or the reason it is not one."""
    if isinstance(text, str):
        try:
            size = len(text.encode("utf-8"))
        except UnicodeEncodeError:
            raise InvalidEpisodeError((("$", "the text is not valid Unicode (it holds a lone surrogate)"),)) from None
        if size > MAX_JSON_BYTES:
            raise InvalidEpisodeError((("$", f"the document is larger than {MAX_JSON_BYTES} bytes of UTF-8"),))
    elif isinstance(text, bytes | bytearray):
        if len(text) > MAX_JSON_BYTES:
            raise InvalidEpisodeError((("$", f"the document is larger than {MAX_JSON_BYTES} bytes"),))
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
    """Build an :class:`Episode` from JSON text: UTF-8 only, at most 64 KiB, no ``NaN``/``Infinity``.

    >>> episode_from_json('{"disturbs_sleep": true}').disturbs_sleep
    True
    """
    document = _document_text(text)
    try:
        data = _DECODER.decode(document)
    except json.JSONDecodeError as exc:
        raise InvalidEpisodeError(
            (("$", f"invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}"),)
        ) from None
    except RecursionError:
        raise InvalidEpisodeError((("$", "the document is nested too deeply"),)) from None
    except ValueError as exc:
        raise InvalidEpisodeError((("$", f"invalid JSON: {exc}"),)) from None
    return episode_from_dict(data)


def episode_to_dict(episode: Episode) -> dict[str, Any]:
    """The JSON-ready form of ``episode``: every key, arrays in enum order, the duration in canonical ISO form.

    >>> from datetime import timedelta
    >>> episode_to_dict(Episode(duration=timedelta(hours=1, minutes=30)))["duration"]
    'PT1H30M'
    """
    return {
        "severity": None if episode.severity is None else episode.severity.value,
        "duration": None if episode.duration is None else format_duration(episode.duration),
        "body_areas": [area.value for area in BodyArea if area in episode.body_areas],
        "accompanied_by": [finding.value for finding in Finding if finding in episode.accompanied_by],
        "interferes_with_daily_life": episode.interferes_with_daily_life,
        "disturbs_sleep": episode.disturbs_sleep,
        "recurrent": episode.recurrent,
        "improves_with_self_care": episode.improves_with_self_care,
        "started_after_new_medication": episode.started_after_new_medication,
        "after_wound_or_toxin_exposure": episode.after_wound_or_toxin_exposure,
        "comes_on_when_walking": episode.comes_on_when_walking,
    }


def _sources(ids: tuple[str, ...]) -> list[dict[str, Any]]:
    catalog = default_loader().sources()
    return [{"id": source.id, "title": source.title, "url": source.url} for source in map(catalog.lookup, ids)]


def _next_step_to_dict(step: NextStep) -> dict[str, Any]:
    return {
        "id": step.id,
        "urgency": step.urgency.value,
        "summary": step.summary,
        "advice": step.advice,
        "sources": _sources(cited_sources(step.citations)),
    }


def assessment_to_dict(assessment: Assessment) -> dict[str, Any]:
    """The JSON-ready form of ``assessment``, with each source's id, title and url (``None`` where it has none)."""
    return {
        "needs_medical_attention": assessment.needs_medical_attention,
        "urgency": assessment.urgency.value,
        "reasons": [
            {
                "id": reason.id,
                "urgency": reason.urgency.value,
                "summary": reason.summary,
                "sources": _sources(reason.sources),
            }
            for reason in assessment.reasons
        ],
        "next_step": _next_step_to_dict(assessment.next_step),
    }
