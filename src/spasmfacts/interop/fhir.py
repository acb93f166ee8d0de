"""FHIR R4: the episode ``Questionnaire`` and its ``CodeSystem``, and episodes from and to ``QuestionnaireResponse``.

Plain dicts in the R4 JSON shapes (R4B agrees on these resources); no FHIR library is
needed at run time.
"""

from __future__ import annotations

import decimal
import enum
import math
from collections.abc import Callable
from datetime import timedelta
from typing import Any, Final, cast

from spasmfacts.boundary import EPISODE_FIELDS
from spasmfacts.catalogs import metadata
from spasmfacts.episode import MAX_DURATION, Episode
from spasmfacts.errors import InvalidEpisodeError, json_type
from spasmfacts.interop._words import PUBLISHER
from spasmfacts.interop.urls import ADDITIONAL_CODING_URL, CODE_SYSTEM_URL, QUESTIONNAIRE_URL, UCUM_URL
from spasmfacts.vocabulary import BodyArea, Finding, Severity

__all__ = [
    "DURATION_UNITS",
    "QUESTION_TEXTS",
    "episode_from_questionnaire_response",
    "fhir_code_system",
    "fhir_questionnaire",
    "questionnaire_response",
]

QUESTION_TEXTS: Final = {
    "severity": "How bad was the worst spasm?",
    "duration": "How long did the longest single spasm last?",
    "body_areas": "Where are the spasms?",
    "accompanied_by": "Did anything else come with the spasms?",
    "interferes_with_daily_life": "Do the spasms get in the way of your daily activities or quality of life?",
    "disturbs_sleep": "Do the spasms wake you up or keep you from sleeping?",
    "recurrent": "Do the spasms happen often?",
    "improves_with_self_care": "If you tried self-care (such as stretching, massage, or heat or ice), did it help? "
    "Leave this unanswered if you have not tried it.",
    "started_after_new_medication": "Did the spasms begin after you started a new medicine?",
    "after_wound_or_toxin_exposure": "Did the spasms begin after a wound, or after contact with a toxin "
    "such as lead or mercury?",
    "comes_on_when_walking": "Do the spasms come on while you walk, and ease soon after you stop?",
}
"""The question of each ``Episode`` field, keyed by field name (the item's ``linkId``)."""

_DISPLAYS: Final[dict[enum.Enum, str]] = {
    Severity.MILD: "Mild",
    Severity.MODERATE: "Moderate",
    Severity.SEVERE: "Severe",
    BodyArea.NECK: "Neck",
    BodyArea.BACK: "Back",
    BodyArea.CHEST: "Chest",
    BodyArea.ABDOMEN: "Abdomen (belly)",
    BodyArea.ARM: "Arm",
    BodyArea.HAND: "Hand",
    BodyArea.LEG: "Leg",
    BodyArea.FOOT: "Foot",
    Finding.FEVER: "Fever",
    Finding.CHILLS: "Chills",
    Finding.SWEATING: "Sweating that comes with the spasm",
    Finding.NUMBNESS: "Numbness",
    Finding.WEAKNESS: "Muscle weakness",
    Finding.MUSCLE_WASTING: "Muscle wasting",
    Finding.TWITCHING: "Twitching in the muscle between spasms",
    Finding.SWELLING: "Swelling of the area",
    Finding.REDNESS: "Redness of the area",
    Finding.WARMTH: "Warmth of the area",
    Finding.VOMITING: "Vomiting",
    Finding.DIARRHOEA: "Diarrhoea",
    Finding.CHEST_PAIN: "Chest pain",
    Finding.BREATHLESSNESS: "Breathlessness",
    Finding.CONFUSION: "Confusion",
    Finding.FAINTING: "Fainting",
    Finding.DARK_URINE: "Dark, cola-coloured urine",
    Finding.LITTLE_URINE: "Passing much less urine than usual",
}

DURATION_UNITS: Final = {"s": 1, "min": 60, "h": 3600, "d": 86400}
"""The UCUM units a duration answer may use, with their length in seconds."""

_UNIT_NAMES: Final = {"s": "second", "min": "minute", "h": "hour", "d": "day"}
_UNIT_OPTION_URL: Final = "http://hl7.org/fhir/StructureDefinition/questionnaire-unitOption"
_CHOICES: Final[dict[str, type[enum.Enum]]] = {
    "severity": Severity,
    "body_areas": BodyArea,
    "accompanied_by": Finding,
}
_REPEATING: Final = frozenset({"body_areas", "accompanied_by"})
_MAX_SECONDS: Final = int(MAX_DURATION.total_seconds())
_DECIMAL: Final = decimal.Context(prec=40, rounding=decimal.ROUND_HALF_EVEN)
_Errors = list[tuple[str, str]]
# Typed loosely so that the type checks for callers who ignore the annotations stay reachable.
_EPISODE: tuple[type, ...] = (Episode,)


def _coding(member: enum.Enum) -> dict[str, str]:
    return {"system": CODE_SYSTEM_URL, "code": member.value, "display": _DISPLAYS[member]}


def _answer_option(member: enum.Enum) -> dict[str, Any]:
    codes = member.codes if isinstance(member, Finding) else ()
    extensions = [
        {
            "url": ADDITIONAL_CODING_URL,
            "valueCoding": {"system": code.system, "code": code.code, "display": code.display},
        }
        for code in codes
    ]
    return {**({"extension": extensions} if extensions else {}), "valueCoding": _coding(member)}


def _item(field: str) -> dict[str, Any]:
    item: dict[str, Any] = {"linkId": field, "text": QUESTION_TEXTS[field]}
    choices = _CHOICES.get(field)
    if choices is not None:
        item["type"] = "choice"
        if field in _REPEATING:
            item["repeats"] = True
        item["answerOption"] = [_answer_option(member) for member in choices]
    elif field == "duration":
        item["type"] = "quantity"
        item["extension"] = [
            {"url": _UNIT_OPTION_URL, "valueCoding": {"system": UCUM_URL, "code": unit, "display": name}}
            for unit, name in _UNIT_NAMES.items()
        ]
    else:
        item["type"] = "boolean"
    return item


def fhir_questionnaire() -> dict[str, Any]:
    """The FHIR R4 ``Questionnaire`` that collects every ``Episode`` input, one item per field.

    Each item's ``linkId`` is the field name. Yes/no inputs are ``boolean`` items;
    ``severity`` is a ``choice``; ``body_areas`` and ``accompanied_by`` are repeating
    ``choice`` items. Answer options are coded in spasmfacts' code system (codes are the
    enum values); fever and chills also carry their SNOMED CT code in an extension beside
    it. ``duration`` is a ``quantity`` in UCUM ``s``, ``min``, ``h`` or ``d``. ``version``
    is the content version. Each call returns a new dict.

    >>> questionnaire = fhir_questionnaire()
    >>> questionnaire["url"], [item["type"] for item in questionnaire["item"]][:3]
    ('https://spasmfacts.readthedocs.io/fhir/Questionnaire/spasm-episode', ['choice', 'quantity', 'choice'])
    """
    meta = metadata()
    return {
        "resourceType": "Questionnaire",
        "id": "spasm-episode",
        "url": QUESTIONNAIRE_URL,
        "version": meta.content_version,
        "name": "SpasmEpisode",
        "title": "Muscle spasm episode",
        "status": "active",
        "subjectType": ["Patient"],
        "date": meta.last_reviewed.isoformat(),
        "publisher": PUBLISHER,
        "description": "What a person reports about their muscle spasms, for spasmfacts' rule of when a spasm "
        "needs medical attention. A question left unanswered means 'not reported'. Health information, "
        "not medical advice.",
        "copyright": f"{meta.attribution} Licence: {meta.license}.",
        "item": [_item(field) for field in EPISODE_FIELDS],
    }


def fhir_code_system() -> dict[str, Any]:
    """The FHIR R4 ``CodeSystem`` of the episode vocabulary: every severity, body area and finding.

    Its ``url`` is the ``system`` of every answer option of :func:`fhir_questionnaire`.
    """
    meta = metadata()
    members = [*Severity, *BodyArea, *Finding]
    return {
        "resourceType": "CodeSystem",
        "id": "spasm-episode",
        "url": CODE_SYSTEM_URL,
        "version": meta.content_version,
        "name": "SpasmEpisode",
        "title": "Muscle spasm episode vocabulary",
        "status": "active",
        "date": meta.last_reviewed.isoformat(),
        "publisher": PUBLISHER,
        "description": "Severities, body areas and findings of a muscle spasm episode; the codes are spasmfacts' "
        "enum values.",
        "caseSensitive": True,
        "content": "complete",
        "count": len(members),
        "concept": [{"code": member.value, "display": _DISPLAYS[member]} for member in members],
    }


def _quantity(duration: timedelta) -> dict[str, Any]:
    micros = duration // timedelta(microseconds=1)
    seconds, fraction = divmod(micros, 1_000_000)
    value: float = micros / 1_000_000
    unit = "s"
    if not fraction:
        unit = next((unit for unit in ("d", "h", "min") if seconds and not seconds % DURATION_UNITS[unit]), "s")
        value = seconds // DURATION_UNITS[unit]
    return {"value": value, "unit": _UNIT_NAMES[unit], "system": UCUM_URL, "code": unit}


def questionnaire_response(episode: Episode) -> dict[str, Any]:
    """A completed FHIR R4 ``QuestionnaireResponse`` to :func:`fhir_questionnaire` that holds ``episode``.

    Every yes/no input is answered; ``severity``, ``duration`` and
    ``improves_with_self_care`` only when reported, set fields only when not empty.
    :func:`episode_from_questionnaire_response` reads it back to an equal ``Episode``.
    Raises ``TypeError`` for anything but an :class:`~spasmfacts.Episode`.
    """
    if not isinstance(episode, _EPISODE):
        msg = f"questionnaire_response() takes an Episode, not {type(episode).__name__}"
        raise TypeError(msg)
    items: list[dict[str, Any]] = []
    for field in EPISODE_FIELDS:
        value = getattr(episode, field)
        if field in _REPEATING:
            answers = [{"valueCoding": _coding(member)} for member in _CHOICES[field] if member in value]
        elif field == "severity":
            answers = [] if value is None else [{"valueCoding": _coding(value)}]
        elif field == "duration":
            answers = [] if value is None else [{"valueQuantity": _quantity(value)}]
        else:
            answers = [] if value is None else [{"valueBoolean": value}]
        if answers:
            items.append({"linkId": field, "text": QUESTION_TEXTS[field], "answer": answers})
    return {
        "resourceType": "QuestionnaireResponse",
        "questionnaire": f"{QUESTIONNAIRE_URL}|{metadata().content_version}",
        "status": "completed",
        "item": items,
    }


# Reading a response: every problem is collected as (path, message); the path is FHIRPath-like.


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
    members = {member.value: member for member in _CHOICES[link_id]}
    system, code = value.get("system"), value.get("code")
    if system != CODE_SYSTEM_URL:
        errors.append((f"{path}.system", f"{link_id}: expected the system {CODE_SYSTEM_URL}, not {_shown(system)}"))
    member = members.get(code) if isinstance(code, str) else None
    if member is None:
        shown = ", ".join(members)
        errors.append((f"{path}.code", f"{link_id}: {_shown(code)} is not one of the codes: {shown}"))
    return member


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
    if number.__class__ not in (int, float):
        errors.append((f"{path}.value", f"{link_id}: expected a number, not {json_type(number)}"))
    # An int is always finite (and math.isfinite() would overflow on one too large for a float).
    elif (number.__class__ is float and not math.isfinite(number)) or number < 0:
        errors.append((f"{path}.value", f"{link_id}: a duration must be a finite number, zero or more"))
    elif number > _MAX_SECONDS:
        errors.append((f"{path}.value", _too_long(link_id)))
    if len(errors) > before or factor is None:
        return None
    seconds = _DECIMAL.multiply(decimal.Decimal(cast("float", number)), factor)
    if seconds > _MAX_SECONDS:
        errors.append((f"{path}.value", _too_long(link_id)))
        return None
    # Exact decimal arithmetic, rounded once to the microsecond: no float error creeps in.
    return timedelta(microseconds=int(_DECIMAL.multiply(seconds, 1_000_000).to_integral_value(context=_DECIMAL)))


def _too_long(link_id: str) -> str:
    return f"{link_id}: a duration can be at most {_MAX_SECONDS} seconds"


# Each question's answer key and reader, in the questionnaire's order.
_READERS: Final[dict[str, tuple[str, Callable[[str, str, object, _Errors], object]]]] = {
    **dict.fromkeys(EPISODE_FIELDS, ("valueBoolean", _boolean)),
    **dict.fromkeys(_CHOICES, ("valueCoding", _choice)),
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
    if link_id not in _REPEATING and len(answers) > 1:
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
    """The :class:`~spasmfacts.Episode` in a completed FHIR R4 ``QuestionnaireResponse`` to :func:`fhir_questionnaire`.

    ``response`` is the parsed JSON. It must be ``completed`` and name the questionnaire
    (``questionnaire``: the canonical URL, with or without ``|version``); every item must be
    one of its questions, answered with the right type (``valueBoolean``; ``valueCoding`` in
    spasmfacts' code system; ``valueQuantity`` in UCUM ``s``, ``min``, ``h`` or ``d``, from
    zero to 100,000,000 seconds), once unless the question repeats. A question left
    unanswered is "not reported". Anything else raises
    :class:`~spasmfacts.InvalidEpisodeError` naming each problem by its path
    (``item[3].answer[0].valueCoding.code``) and question; other keys (``id``, ``meta``,
    ``subject``, ``authored``, ...) are ignored. The response is never modified.

    >>> response = {
    ...     "resourceType": "QuestionnaireResponse",
    ...     "questionnaire": "https://spasmfacts.readthedocs.io/fhir/Questionnaire/spasm-episode",
    ...     "status": "completed",
    ...     "item": [{"linkId": "disturbs_sleep", "answer": [{"valueBoolean": True}]}],
    ... }
    >>> episode_from_questionnaire_response(response).disturbs_sleep
    True
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
            values = _answers(link_id, path, answers, errors)
            fields[link_id] = values if link_id in _REPEATING else values[0] if values else None
    if errors:
        raise InvalidEpisodeError(errors)
    return Episode(**{field: value for field, value in fields.items() if value is not None})
