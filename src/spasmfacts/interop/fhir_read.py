"""Reading an ``Episode`` from a FHIR R4 ``QuestionnaireResponse`` to spasmfacts' episode ``Questionnaire``.

Every problem is collected as ``(path, message)``, the path FHIRPath-like
(``item[3].answer[0].valueCoding.code``), and raised as one
:class:`~spasmfacts.InvalidEpisodeError`. The response is never modified.
"""

from __future__ import annotations

import decimal
from collections.abc import Callable
from datetime import timedelta
from typing import Any, Final, cast

from spasmfacts.episode import EPISODE_FIELDS, MAX_DURATION_SECONDS, Episode
from spasmfacts.errors import MAX_ERRORS, InvalidEpisodeError, json_type
from spasmfacts.interop.fhir import CHOICES, DURATION_UNITS, NONE_CODE, NONE_FIELDS, REPEATING
from spasmfacts.interop.urls import CODE_SYSTEM_URL, QUESTIONNAIRE_URL, UCUM_URL

__all__ = ["episode_from_questionnaire_response"]

_DECIMAL: Final = decimal.Context(prec=40, rounding=decimal.ROUND_HALF_EVEN)
_Errors = list[tuple[str, str]]


class _NoneOfThese:
    """The ``none`` answer, read; kept apart from every enum member."""


_NONE: Final = _NoneOfThese()


def _shown(value: object) -> str:
    if isinstance(value, str):
        return repr(value if len(value) <= 60 else value[:57] + "...")  # noqa: PLR2004 (keeps messages short)
    return json_type(value)


def _boolean(link_id: str, path: str, value: object, errors: _Errors) -> object:
    if value.__class__ is bool:
        return value
    errors.append((path, f"{link_id}: expected true or false, not {json_type(value)}"))
    return None


def _choice(link_id: str, path: str, value: object, errors: _Errors) -> object:
    if not isinstance(value, dict):
        errors.append((path, f"{link_id}: expected a Coding (an object), not {json_type(value)}"))
        return None
    members: dict[str, object] = {member.value: member for member in CHOICES[link_id]}
    if link_id in NONE_FIELDS:
        members[NONE_CODE] = _NONE
    system, code = value.get("system"), value.get("code")
    if system != CODE_SYSTEM_URL:
        errors.append((f"{path}.system", f"{link_id}: expected the system {CODE_SYSTEM_URL}, not {_shown(system)}"))
    member = members.get(code) if isinstance(code, str) else None
    if member is None:
        shown = ", ".join(members)
        errors.append((f"{path}.code", f"{link_id}: {_shown(code)} is not one of the codes: {shown}"))
    return member


def _too_long(link_id: str) -> str:
    return f"{link_id}: a duration can be at most {MAX_DURATION_SECONDS} seconds"


def _duration(link_id: str, path: str, value: object, errors: _Errors) -> object:
    if not isinstance(value, dict):
        errors.append((path, f"{link_id}: expected a Quantity (an object), not {json_type(value)}"))
        return None
    before = len(errors)
    if "comparator" in value:
        errors.append((f"{path}.comparator", f"{link_id}: a duration must be exact, without a comparator"))
    if value.get("system") != UCUM_URL:
        errors.append(
            (f"{path}.system", f"{link_id}: expected the system {UCUM_URL}, not {_shown(value.get('system'))}")
        )
    unit = value.get("code")
    factor = DURATION_UNITS.get(unit) if isinstance(unit, str) else None
    if factor is None:
        units = ", ".join(DURATION_UNITS)
        errors.append((f"{path}.code", f"{link_id}: {_shown(unit)} is not a UCUM unit of time here ({units})"))
    number = value.get("value")
    # A Decimal is what json.loads(..., parse_float=Decimal) gives for a JSON number.
    if number.__class__ not in (int, float, decimal.Decimal):
        errors.append((f"{path}.value", f"{link_id}: expected a number, not {json_type(number)}"))
    # An int is never NaN (math.isnan() would overflow on one too large for a float); an
    # infinity (1e400 read as a float) is a number too large, so it is told "too long" below.
    elif (number.__class__ is not int and decimal.Decimal(number).is_nan()) or number < 0:
        errors.append((f"{path}.value", f"{link_id}: a duration must be a finite number, zero or more"))
    elif number > MAX_DURATION_SECONDS:
        errors.append((f"{path}.value", _too_long(link_id)))
    if len(errors) > before or factor is None:
        return None
    seconds = _DECIMAL.multiply(decimal.Decimal(cast("float", number)), factor)
    if seconds > MAX_DURATION_SECONDS:
        errors.append((f"{path}.value", _too_long(link_id)))
        return None
    # Exact decimal arithmetic, rounded once to the microsecond: no float error creeps in.
    return timedelta(microseconds=int(_DECIMAL.multiply(seconds, 1_000_000).to_integral_value(context=_DECIMAL)))


# Each question's answer key and reader.
_READERS: Final[dict[str, tuple[str, Callable[[str, str, object, _Errors], object]]]] = {
    **dict.fromkeys(EPISODE_FIELDS, ("valueBoolean", _boolean)),
    **dict.fromkeys(CHOICES, ("valueCoding", _choice)),
    "duration": ("valueQuantity", _duration),
}


def _unsupported(path: str, node: dict[Any, Any], errors: _Errors) -> None:
    if "item" in node:
        errors.append((f"{path}.item", "nested items are not part of this questionnaire"))
    _modifier(f"{path}.", node, errors)


def _modifier(prefix: str, node: dict[Any, Any], errors: _Errors) -> None:
    if "modifierExtension" in node:
        errors.append(
            (f"{prefix}modifierExtension", "a modifier extension is not understood here, so it cannot be read")
        )


def _answers(link_id: str, path: str, answers: list[Any], errors: _Errors) -> list[object]:
    key, read = _READERS[link_id]
    if link_id not in REPEATING and len(answers) > 1:
        errors.append((f"{path}.answer", f"{link_id}: takes one answer, not {len(answers)}"))
    values = []
    for index, answer in enumerate(answers):
        answer_path = f"{path}.answer[{index}]"
        if not isinstance(answer, dict):
            errors.append((answer_path, f"{link_id}: expected an answer (an object), not {json_type(answer)}"))
            continue
        _unsupported(answer_path, answer, errors)
        others = [name for name in answer if isinstance(name, str) and name.startswith("value") and name != key]
        if others or key not in answer:
            found = f"not {', '.join(others)}" if others else "found none"
            errors.append((answer_path, f"{link_id}: expected one {key}, {found}"))
            continue
        values.append(read(link_id, f"{answer_path}.{key}", answer[key], errors))
    return values


def _value(link_id: str, path: str, values: list[object], errors: _Errors) -> object:
    """The field's value from its answers: ``None`` for no answer, a set for a repeating question."""
    if link_id not in REPEATING:
        return values[0] if values else None
    if not values:
        return None
    if _NONE in values and any(value is not _NONE for value in values):
        errors.append((f"{path}.answer", f"{link_id}: {NONE_CODE!r} (none of these) cannot come with other answers"))
    return frozenset(value for value in values if value is not _NONE and value is not None)


def _check_header(response: dict[Any, Any], errors: _Errors) -> None:
    if response.get("resourceType") != "QuestionnaireResponse":
        kind = _shown(response.get("resourceType"))
        errors.append(("resourceType", f"expected a QuestionnaireResponse, not {kind}"))
    if response.get("status") != "completed":
        status = _shown(response.get("status"))
        errors.append(("status", f"only a completed response is read, not one with status {status}"))
    canonical = response.get("questionnaire")
    if not isinstance(canonical, str) or canonical.partition("|")[0] != QUESTIONNAIRE_URL or canonical.endswith("|"):
        errors.append(
            ("questionnaire", f"expected {QUESTIONNAIRE_URL} (with or without |version), not {_shown(canonical)}")
        )
    _modifier("", response, errors)


def episode_from_questionnaire_response(response: object) -> Episode:
    """The :class:`~spasmfacts.Episode` in a completed FHIR R4 ``QuestionnaireResponse`` to the episode questionnaire.

    ``response`` is the parsed JSON (numbers may be ``Decimal``, as ``parse_float=Decimal``
    gives). A dict cannot hold a key twice, so decode the text with an ``object_pairs_hook``
    that refuses a repeated key: ``json.loads`` would keep the last without a word, and a
    first-wins reader upstream would see another answer. It must be ``completed`` and name the questionnaire
    (``questionnaire``: the canonical URL, with or without ``|version``); every item must be
    one of its questions, answered with the right type (``valueBoolean``; ``valueCoding`` in
    spasmfacts' code system; ``valueQuantity`` in UCUM ``s``, ``min``, ``h`` or ``d``, from
    zero to 100,000,000 seconds), once unless the question repeats. A question without an
    item or without answers is unanswered: its field is ``None``. The answer ``none`` to
    ``accompanied_by`` or ``medicines`` means "none of these" (``frozenset()``) and cannot
    come with another answer. Anything else raises :class:`~spasmfacts.InvalidEpisodeError`
    naming each problem by its path and question; other keys (``id``, ``meta``,
    ``subject``, ``authored``, ...) are ignored. The response is never modified.

    >>> response = {
    ...     "resourceType": "QuestionnaireResponse",
    ...     "questionnaire": "https://spasmfacts.readthedocs.io/fhir/Questionnaire/spasm-episode",
    ...     "status": "completed",
    ...     "item": [{"linkId": "disturbs_sleep", "answer": [{"valueBoolean": True}]}],
    ... }
    >>> episode = episode_from_questionnaire_response(response)
    >>> episode.disturbs_sleep, episode.recurrent
    (True, None)
    """
    if not isinstance(response, dict):
        raise InvalidEpisodeError((("$", f"expected a QuestionnaireResponse (an object), not {json_type(response)}"),))
    errors: _Errors = []
    _check_header(response, errors)
    items = response.get("item", [])
    if not isinstance(items, list):
        errors.append(("item", f"expected an array of items, not {json_type(items)}"))
        items = []
    fields: dict[str, Any] = {}
    for index, item in enumerate(items):
        path = f"item[{index}]"
        link_id = item.get("linkId") if isinstance(item, dict) else None
        if not isinstance(item, dict):
            errors.append((path, f"expected an item (an object), not {json_type(item)}"))
        elif not isinstance(link_id, str) or link_id not in _READERS:
            errors.append((f"{path}.linkId", f"{_shown(link_id)} is not a question of {QUESTIONNAIRE_URL}"))
        elif link_id in fields:
            errors.append((f"{path}.linkId", f"{link_id}: the question is answered in more than one item"))
        else:
            _unsupported(path, item, errors)
            answers = item.get("answer", [])
            if not isinstance(answers, list):
                errors.append((f"{path}.answer", f"{link_id}: expected an array of answers, not {json_type(answers)}"))
                answers = []
            fields[link_id] = _value(link_id, path, _answers(link_id, path, answers, errors), errors)
    if errors:
        # Bounded work per document, as at the JSON boundary: the first problems, then how many more.
        dropped = len(errors) - MAX_ERRORS
        if dropped > 0:
            errors[MAX_ERRORS:] = [("$", f"and {dropped} more problem{'s' if dropped != 1 else ''}")]
        raise InvalidEpisodeError(errors)
    return Episode(**{field: value for field, value in fields.items() if value is not None})
