"""``jsonld()``: the content as a schema.org ``MedicalWebPage`` about a ``MedicalCondition`` (JSON-LD)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any, Final

from spasmfacts.catalogs import (
    causes,
    conditions,
    metadata,
    next_steps,
    overview,
    prevention_measures,
    sources,
    symptoms,
    treatments,
    warning_signs,
)
from spasmfacts.codes import Code
from spasmfacts.interop._words import CODING_SYSTEMS, PUBLISHER, SEE_DOCTOR_ORDER, URGENCY_HEADINGS
from spasmfacts.interop.urls import DOCS_URL
from spasmfacts.model import PreventionMeasure, Treatment
from spasmfacts.vocabulary import TreatmentKind, Urgency

__all__ = ["PHYSICAL_THERAPY_IDS", "jsonld", "jsonld_script"]

_SCHEMA: Final = "https://schema.org/"

PHYSICAL_THERAPY_IDS: Final = frozenset({"physical-therapy-routine"})
"""Ids of the treatments and prevention measures given by a physical therapist (``PhysicalTherapy``)."""

_PRESCRIPTION_STATUS: Final = {
    TreatmentKind.OTC_MEDICINE: f"{_SCHEMA}OTC",
    TreatmentKind.PRESCRIPTION_MEDICINE: f"{_SCHEMA}PrescriptionOnly",
}


def _codes(codes: tuple[Code, ...]) -> list[dict[str, Any]]:
    return [
        {
            "@type": "MedicalCode",
            "codeValue": code.code,
            "codingSystem": CODING_SYSTEMS.get(code.system, code.system),
            "name": code.display,
        }
        for code in codes
    ]


def _entity(type_: str, id_: str, name: str, description: str) -> dict[str, Any]:
    return {"@type": type_, "identifier": id_, "name": name, "description": description}


def _therapy(item: Treatment | PreventionMeasure) -> dict[str, Any]:
    node = _entity(
        "PhysicalTherapy" if item.id in PHYSICAL_THERAPY_IDS else "MedicalTherapy", item.id, item.name, item.summary
    )
    status = _PRESCRIPTION_STATUS.get(item.kind) if isinstance(item, Treatment) else None
    if isinstance(item, Treatment) and status is not None:
        drug: dict[str, Any] = {"@type": "Drug", "name": item.name, "prescriptionStatus": status}
        if item.codes:
            drug["code"] = _codes(item.codes)
        node["drug"] = drug
    return node


def _health_topic(aspect: str, id_: str, name: str, description: str, text: str) -> dict[str, Any]:
    return {
        "@type": "HealthTopicContent",
        "hasHealthAspect": f"{_SCHEMA}{aspect}",
        "identifier": id_,
        "name": name,
        "description": description,
        "text": text,
    }


def _sections() -> list[dict[str, Any]]:
    topic = overview()
    steps = {step.urgency: step for step in next_steps()}
    sections: list[dict[str, Any]] = [
        {
            "@type": "HealthTopicContent",
            "hasHealthAspect": f"{_SCHEMA}OverviewHealthAspect",
            "identifier": topic.id,
            "name": topic.name,
            "description": topic.summary,
            "hasPart": [{"@type": "WebPageElement", "identifier": fact.id, "text": fact.text} for fact in topic.facts],
        }
    ]
    for urgency in SEE_DOCTOR_ORDER:
        step = steps[urgency]
        section = _health_topic("SeeDoctorHealthAspect", step.id, URGENCY_HEADINGS[urgency], step.summary, step.advice)
        section["hasPart"] = [
            _health_topic("SeeDoctorHealthAspect", sign.id, sign.name, sign.summary, sign.advice)
            for sign in warning_signs()
            if sign.urgency is urgency
        ]
        sections.append(section)
    step = steps[Urgency.SELF_CARE]
    sections.append(
        _health_topic("SelfCareHealthAspect", step.id, URGENCY_HEADINGS[Urgency.SELF_CARE], step.summary, step.advice)
    )
    sections.append({"@type": "WebPageElement", "name": "Disclaimer", "text": metadata().disclaimer})
    return sections


def jsonld() -> dict[str, Any]:
    """The content as schema.org JSON-LD: a ``MedicalWebPage`` whose ``mainEntity`` is the ``MedicalCondition``.

    The condition carries the codes (ICD-10-CM R25.2, SNOMED CT), every cause (``cause``),
    underlying condition (``riskFactor``), symptom (``signOrSymptom``), treatment
    (``possibleTreatment``; a medicine names its ``Drug``) and prevention measure
    (``primaryPrevention``). The page's ``hasPart`` holds the overview's facts, the warning
    signs grouped by urgency (most urgent first) with their next step, the self-care safety
    net and the disclaimer; ``citation`` lists the sources. Every item keeps its content id
    as ``identifier``. Each call returns a new dict.

    >>> page = jsonld()
    >>> page["@type"], page["mainEntity"]["@type"]
    ('MedicalWebPage', 'MedicalCondition')
    """
    meta, topic = metadata(), overview()
    condition_id = f"{DOCS_URL}#{topic.id}"
    organization = {"@type": "Organization", "name": PUBLISHER, "url": DOCS_URL}
    condition = {
        "@type": "MedicalCondition",
        "@id": condition_id,
        "identifier": topic.id,
        "name": topic.name,
        "alternateName": list(topic.alternate_names),
        "description": topic.summary,
        "code": _codes(topic.codes),
        "cause": [_entity("MedicalCause", item.id, item.name, item.summary) for item in causes()],
        "riskFactor": [
            {**_entity("MedicalRiskFactor", item.id, item.name, item.summary), "code": _codes(item.codes)}
            for item in conditions()
        ],
        "signOrSymptom": [_entity("MedicalSymptom", item.id, item.name, item.summary) for item in symptoms()],
        "possibleTreatment": [_therapy(item) for item in treatments()],
        "primaryPrevention": [_therapy(item) for item in prevention_measures()],
    }
    citations = []
    for source in sources():
        work: dict[str, Any] = {
            "@type": "CreativeWork",
            "identifier": source.id,
            "name": source.title,
            "publisher": {"@type": "Organization", "name": source.publisher},
        }
        if source.url is not None:
            work["url"] = source.url
        citations.append(work)
    return {
        "@context": "https://schema.org",
        "@type": "MedicalWebPage",
        "url": DOCS_URL,
        "name": topic.name,
        "description": topic.summary,
        "inLanguage": meta.language,
        "version": meta.content_version,
        "lastReviewed": meta.last_reviewed.isoformat(),
        "dateModified": meta.last_reviewed.isoformat(),
        "author": organization,
        "publisher": dict(organization),
        "license": f"https://spdx.org/licenses/{meta.license}.html",
        "creditText": meta.attribution,
        "about": {"@id": condition_id},
        "mainEntity": condition,
        "hasPart": _sections(),
        "citation": citations,
    }


def jsonld_script(document: Mapping[str, Any] | None = None) -> str:
    r"""``document`` (by default :func:`jsonld`) as a ``<script type="application/ld+json">`` element for a web page.

    Non-ASCII text is written as is (serve the page as UTF-8). ``</`` is written ``<\/``
    and ``<!--`` as ``<\u0021--``, the same JSON strings, so no text can end the script
    element early.

    >>> jsonld_script({"name": "</script>"})
    '<script type="application/ld+json">\n{\n  "name": "<\\/script>"\n}\n</script>'
    """
    text = json.dumps(jsonld() if document is None else document, ensure_ascii=False, indent=2)
    text = text.replace("</", "<\\/").replace("<!--", "<\\u0021--")
    return f'<script type="application/ld+json">\n{text}\n</script>'
