"""FHIR R4: the episode ``Questionnaire``, ``CodeSystem`` and ``ConceptMap``, and episodes as ``QuestionnaireResponse``.

Plain dicts in the R4 JSON shapes (R4B agrees on these resources); no FHIR library is
needed at run time. Every question text and answer label comes from
:func:`spasmfacts.questions`, the one home of both. Only standard FHIR is used: answer
codes in spasmfacts' own ``CodeSystem``, their SNOMED CT codes in a ``ConceptMap``, and two
extensions that HL7 publishes with FHIR R4 itself.
"""

from __future__ import annotations

import enum
from datetime import timedelta
from typing import Any, Final

from spasmfacts.catalogs import metadata, questions
from spasmfacts.codes import SNOMED_CT
from spasmfacts.episode import EPISODE_FIELDS, Episode
from spasmfacts.interop._words import PUBLISHER
from spasmfacts.interop.urls import CODE_SYSTEM_URL, CONCEPT_MAP_URL, QUESTIONNAIRE_URL, UCUM_URL
from spasmfacts.model import NOT_REVIEWED
from spasmfacts.vocabulary import AgeGroup, BodyArea, Finding, Medicine, Severity

__all__ = [
    "CHOICES",
    "DURATION_UNITS",
    "NONE_CODE",
    "NONE_FIELDS",
    "REPEATING",
    "fhir_code_system",
    "fhir_concept_map",
    "fhir_questionnaire",
    "questionnaire_response",
]

CHOICES: Final[dict[str, type[enum.Enum]]] = {
    "severity": Severity,
    "body_areas": BodyArea,
    "accompanied_by": Finding,
    "medicines": Medicine,
    "age_group": AgeGroup,
}
"""The ``choice`` questions, each with the vocabulary of its answer codes."""

REPEATING: Final = frozenset({"body_areas", "accompanied_by", "medicines"})
"""The questions that take several answers (the set fields of ``Episode``)."""

NONE_CODE: Final = "none"
"""The answer code for "none of these", offered by the questions in :data:`NONE_FIELDS`."""

NONE_FIELDS: Final = frozenset({"accompanied_by", "medicines"})
"""The questions where "none of these" is an answer (``frozenset()``), unlike leaving the question unanswered."""

_NONE_DISPLAY: Final = "None of these"
_NONE_DEFINITION: Final = (
    "None of the listed answers applies: an answer in its own right, unlike a question left unanswered."
)

DURATION_UNITS: Final = {"s": 1, "min": 60, "h": 3600, "d": 86400}
"""The UCUM units a duration answer may use, with their length in seconds."""

_UNIT_NAMES: Final = {"s": "second", "min": "minute", "h": "hour", "d": "day"}
# Both extensions are HL7's own, published with FHIR R4 (hl7.org/fhir/R4/extensions).
_UNIT_OPTION_URL: Final = "http://hl7.org/fhir/StructureDefinition/questionnaire-unitOption"
_OPTION_EXCLUSIVE_URL: Final = "http://hl7.org/fhir/StructureDefinition/questionnaire-optionExclusive"
# Typed loosely so that the type check for callers who ignore the annotations stays reachable.
_EPISODE: tuple[type, ...] = (Episode,)


def _labels(field: str) -> dict[str, str]:
    return {option.value: option.label for option in questions().lookup(field).options}


def _coding(field: str, code: str) -> dict[str, str]:
    display = _NONE_DISPLAY if code == NONE_CODE else _labels(field)[code]
    return {"system": CODE_SYSTEM_URL, "code": code, "display": display}


def _header(resource: str, id_: str, url: str, name: str, title: str) -> dict[str, Any]:
    meta = metadata()
    return {
        "resourceType": resource,
        "id": id_,
        "url": url,
        "version": meta.content_version,
        "name": name,
        "title": title,
        # Until a clinician signs the review, the resources are drafts, as FHIR means the word.
        "status": "draft" if meta.review.status == NOT_REVIEWED else "active",
        "date": meta.updated.isoformat(),
        "publisher": PUBLISHER,
    }


def _item(field: str) -> dict[str, Any]:
    question = questions().lookup(field)
    item: dict[str, Any] = {"linkId": field, "text": question.text}
    if field in CHOICES:
        item["type"] = "choice"
        if field in REPEATING:
            item["repeats"] = True
        item["answerOption"] = [{"valueCoding": _coding(field, option.value)} for option in question.options]
        if field in NONE_FIELDS:
            item["answerOption"].append(
                {
                    "extension": [{"url": _OPTION_EXCLUSIVE_URL, "valueBoolean": True}],
                    "valueCoding": _coding(field, NONE_CODE),
                }
            )
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

    Each item's ``linkId`` is the field name and its ``text`` the question from
    :func:`spasmfacts.questions`. Yes/no inputs are ``boolean`` items; ``severity`` and
    ``age_group`` are ``choice`` items; ``body_areas``, ``accompanied_by`` and ``medicines``
    are repeating ``choice`` items. Answer options are coded in spasmfacts' code system
    (codes are the enum values, displays the labels). ``accompanied_by`` and ``medicines``
    also offer ``none`` ("None of these", marked exclusive with HL7's
    ``questionnaire-optionExclusive``): it answers the question, where an item left out
    leaves it unanswered. ``duration`` is a ``quantity`` in UCUM ``s``, ``min``, ``h`` or
    ``d``. No question is required. ``version`` is the content version; ``status`` is
    ``draft`` until a clinician has signed the content's review. Each call returns a new dict.

    >>> questionnaire = fhir_questionnaire()
    >>> questionnaire["url"], [item["type"] for item in questionnaire["item"]][:3]
    ('https://spasmfacts.readthedocs.io/fhir/Questionnaire/spasm-episode', ['choice', 'quantity', 'choice'])
    """
    meta = metadata()
    return {
        **_header("Questionnaire", "spasm-episode", QUESTIONNAIRE_URL, "SpasmEpisode", "Muscle spasm episode"),
        "subjectType": ["Patient"],
        "description": "What a person reports about their muscle spasms, for spasmfacts' rule of when a spasm "
        "needs medical attention. A question left unanswered is not checked, and never counts as 'no'. "
        "Health information, not medical advice.",
        "copyright": f"{meta.attribution} Licence: {meta.license}.",
        "item": [_item(field) for field in EPISODE_FIELDS],
    }


def _concepts() -> list[dict[str, Any]]:
    concepts = [{"code": code, "display": label} for field in CHOICES for code, label in _labels(field).items()]
    concepts.append({"code": NONE_CODE, "display": _NONE_DISPLAY, "definition": _NONE_DEFINITION})
    return concepts


def fhir_code_system() -> dict[str, Any]:
    """The FHIR R4 ``CodeSystem`` of the episode's answers: every severity, body area, finding, medicine and age group.

    Codes are the enum values, displays their labels from :func:`spasmfacts.questions`;
    ``none`` is "None of these". Its ``url`` is the ``system`` of every answer option of
    :func:`fhir_questionnaire`; :func:`fhir_concept_map` maps its codes to SNOMED CT.
    """
    concepts = _concepts()
    return {
        **_header("CodeSystem", "spasm-episode", CODE_SYSTEM_URL, "SpasmEpisode", "Muscle spasm episode answers"),
        "description": "The answers of spasmfacts' muscle spasm episode questionnaire: severities, body areas, "
        "findings, medicines, age groups, and 'none of these'. The codes are spasmfacts' enum values.",
        "caseSensitive": True,
        "content": "complete",
        "count": len(concepts),
        "concept": concepts,
    }


def fhir_concept_map() -> dict[str, Any]:
    """The FHIR R4 ``ConceptMap`` from :func:`fhir_code_system` to SNOMED CT.

    It maps only the codes whose SNOMED CT code was checked against an official source
    (fever and chills); a code it leaves out has no checked mapping yet, which says nothing
    about whether one exists.
    """
    meta = metadata()
    elements = [
        {
            "code": member.value,
            "display": _labels("accompanied_by")[member.value],
            "target": [
                {"code": code.code, "display": code.display, "equivalence": "equivalent"}
                for code in member.codes
                if code.system == SNOMED_CT
            ],
        }
        for member in Finding
        if member.codes
    ]
    return {
        **_header(
            "ConceptMap",
            "spasm-episode-to-snomed-ct",
            CONCEPT_MAP_URL,
            "SpasmEpisodeToSnomedCt",
            "Muscle spasm episode answers to SNOMED CT",
        ),
        "description": "SNOMED CT codes for the answers of spasmfacts' episode questionnaire, where one was checked "
        "against an official source. A code left out has no checked mapping yet.",
        "copyright": "SNOMED CT codes are subject to the terms of SNOMED International.",
        "group": [
            {
                "source": CODE_SYSTEM_URL,
                "sourceVersion": meta.content_version,
                "target": SNOMED_CT,
                "element": elements,
            }
        ],
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


def _answers(field: str, value: Any) -> list[dict[str, Any]]:
    if field in REPEATING:
        codes = [member.value for member in CHOICES[field] if member in value]
        if not codes and field in NONE_FIELDS:
            codes = [NONE_CODE]
        return [{"valueCoding": _coding(field, code)} for code in codes]
    if field in CHOICES:
        return [{"valueCoding": _coding(field, value.value)}]
    if field == "duration":
        return [{"valueQuantity": _quantity(value)}]
    return [{"valueBoolean": value}]


def questionnaire_response(episode: Episode) -> dict[str, Any]:
    """A completed FHIR R4 ``QuestionnaireResponse`` to :func:`fhir_questionnaire` that holds ``episode``.

    Only answered questions have an item: a field that is ``None`` (or ``body_areas`` left
    empty) is left out, never sent as ``false``. An empty ``accompanied_by`` or ``medicines``
    is answered ``none``. :func:`episode_from_questionnaire_response` reads it back to an
    equal ``Episode``. Raises ``TypeError`` for anything but an :class:`~spasmfacts.Episode`.

    >>> [item["linkId"] for item in questionnaire_response(Episode(recurrent=False))["item"]]
    ['recurrent']
    """
    if not isinstance(episode, _EPISODE):
        msg = f"questionnaire_response() takes an Episode, not {type(episode).__name__}"
        raise TypeError(msg)
    texts = questions()
    items = [
        {"linkId": field, "text": texts.lookup(field).text, "answer": _answers(field, value)}
        for field in EPISODE_FIELDS
        if (value := getattr(episode, field)) is not None and (field != "body_areas" or value)
    ]
    return {
        "resourceType": "QuestionnaireResponse",
        "questionnaire": f"{QUESTIONNAIRE_URL}|{metadata().content_version}",
        "status": "completed",
        "item": items,
    }
