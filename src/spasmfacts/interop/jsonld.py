"""``jsonld()``: the content as a schema.org ``MedicalWebPage`` about a ``MedicalCondition`` (JSON-LD)."""

from __future__ import annotations

import copy
import json
from collections.abc import Mapping
from typing import Any, Final
from urllib.parse import urlsplit

from spasmfacts.catalogs import (
    causes,
    cautions,
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

# schema.org enumeration members are things, not text: written as IRIs, so RDF tools read them as such.
_PRESCRIPTION_STATUS: Final = {
    TreatmentKind.OTC_MEDICINE: {"@id": f"{_SCHEMA}OTC"},
    TreatmentKind.PRESCRIPTION_MEDICINE: {"@id": f"{_SCHEMA}PrescriptionOnly"},
}


def _aspect(name: str) -> dict[str, str]:
    return {"@id": f"{_SCHEMA}{name}"}


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
        "hasHealthAspect": _aspect(aspect),
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
            "hasHealthAspect": _aspect("OverviewHealthAspect"),
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
    sections += [
        _health_topic("SafetyHealthAspect", item.id, item.name, item.summary, item.text) for item in cautions()
    ]
    meta = metadata()
    sections.append({"@type": "WebPageElement", "name": "Intended use", "text": " ".join(meta.intended_use)})
    sections.append({"@type": "WebPageElement", "name": "Disclaimer", "text": meta.disclaimer})
    return sections


def _check_page_url(page_url: object) -> str:
    if not isinstance(page_url, str):
        msg = f"page_url must be a string, not {type(page_url).__name__}"
        raise TypeError(msg)
    parts = urlsplit(page_url)
    if parts.scheme not in {"http", "https"} or not parts.netloc or "#" in page_url:
        msg = f"page_url must be an absolute http(s) address without a fragment, not {page_url!r}"
        raise ValueError(msg)
    return page_url


def _publisher(publisher: object, page_url: str) -> dict[str, Any] | None:
    if publisher is None:
        # spasmfacts publishes its own docs site only; another page's publisher is not ours to name.
        return {"@type": "Organization", "name": PUBLISHER, "url": DOCS_URL} if page_url == DOCS_URL else None
    if isinstance(publisher, str) and publisher.strip():
        return {"@type": "Organization", "name": publisher}
    if isinstance(publisher, Mapping):
        return copy.deepcopy(dict(publisher))
    msg = f"publisher must be a non-empty name, a schema.org node (a mapping) or None, not {publisher!r}"
    raise TypeError(msg)


def _citations() -> list[dict[str, Any]]:
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
    return citations


def _review() -> dict[str, Any]:
    review = metadata().review
    if review.date is None:
        return {}
    return {
        "lastReviewed": review.date.isoformat(),
        "reviewedBy": {"@type": "Person", "name": review.reviewer, "jobTitle": review.role},
    }


def jsonld(page_url: str = DOCS_URL, *, publisher: str | Mapping[str, Any] | None = None) -> dict[str, Any]:
    """The content as schema.org JSON-LD for the page at ``page_url``: a ``MedicalWebPage`` about the condition.

    The page's ``@id`` and ``url`` are ``page_url`` (by default the spasmfacts docs site),
    and the condition's ``@id`` is ``page_url#`` its id, so the JSON-LD describes the page
    it sits on. ``publisher`` is a name or a schema.org node (an ``Organization``); left
    out, the page has no publisher, except on the docs site, whose publisher is the
    spasmfacts contributors. The ``author`` is always the spasmfacts contributors, who wrote
    the content, and ``citation`` lists its sources.

    The condition carries the codes (ICD-10-CM R25.2, SNOMED CT), every cause (``cause``),
    underlying condition (``riskFactor``), symptom (``signOrSymptom``), treatment
    (``possibleTreatment``; a medicine names its ``Drug``) and prevention measure
    (``primaryPrevention``). The page's ``hasPart`` holds the overview's facts, the warning
    signs grouped by urgency (most urgent first) with their next step, the self-care safety
    net, the cautions (``SafetyHealthAspect``), the intended use and the disclaimer. Health
    aspects and prescription statuses are IRIs (``{"@id": "https://schema.org/OTC"}``).
    ``lastReviewed`` and ``reviewedBy`` appear once a clinician has signed the review. Every
    item keeps its content id as ``identifier``. Each call returns a new dict. A
    ``page_url`` that is not an absolute http(s) address without a fragment raises
    ``ValueError`` (``TypeError`` if it is not a string).

    >>> page = jsonld("https://example.org/health/cramps", publisher="Example Health")
    >>> page["@id"], page["mainEntity"]["@id"], page["publisher"]["name"]
    ('https://example.org/health/cramps', 'https://example.org/health/cramps#muscle-spasms', 'Example Health')
    """
    page_url = _check_page_url(page_url)
    page_publisher = _publisher(publisher, page_url)
    meta, topic = metadata(), overview()
    condition_id = f"{page_url}#{topic.id}"
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
    return {
        "@context": "https://schema.org",
        "@type": "MedicalWebPage",
        "@id": page_url,
        "url": page_url,
        "name": topic.name,
        "description": topic.summary,
        "inLanguage": meta.language,
        "version": meta.content_version,
        "dateModified": meta.updated.isoformat(),
        **_review(),
        "author": {"@type": "Organization", "name": PUBLISHER, "url": DOCS_URL},
        **({"publisher": page_publisher} if page_publisher is not None else {}),
        "license": f"https://spdx.org/licenses/{meta.license}.html",
        "creditText": meta.attribution,
        "about": {"@id": condition_id},
        "mainEntity": condition,
        "hasPart": _sections(),
        "citation": _citations(),
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
