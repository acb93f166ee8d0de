"""spasmfacts: sourced, typed content about muscle spasms, and the rule for when one needs a doctor.

This is health information, not medical advice. The rules need review by a clinician
before use with patients.

Every public name is importable from here. Names resolve on first use (PEP 562), so
``import spasmfacts`` reads no data and imports neither ``cattrs`` nor the loader.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from spasmfacts.assessment import Assessment, Reason, assess
    from spasmfacts.boundary import assessment_to_dict, episode_from_dict, episode_from_json, episode_to_dict
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
    from spasmfacts.episode import DEFAULT_POLICY, Episode, Policy
    from spasmfacts.errors import ContentError, InvalidEpisodeError, SpasmFactsError, UnknownEntryError
    from spasmfacts.model import (
        Catalog,
        Cause,
        Citation,
        Condition,
        Fact,
        Metadata,
        NextStep,
        Overview,
        PreventionMeasure,
        Source,
        Symptom,
        Treatment,
        WarningSign,
    )
    from spasmfacts.rules import RULES, Rule, needs_medical_attention
    from spasmfacts.vocabulary import BodyArea, Finding, Severity, TreatmentKind, Urgency

_MODULE_OF = {
    "Assessment": "assessment",
    "Reason": "assessment",
    "assess": "assessment",
    "assessment_to_dict": "boundary",
    "episode_from_dict": "boundary",
    "episode_from_json": "boundary",
    "episode_to_dict": "boundary",
    "causes": "catalogs",
    "conditions": "catalogs",
    "metadata": "catalogs",
    "next_steps": "catalogs",
    "overview": "catalogs",
    "prevention_measures": "catalogs",
    "sources": "catalogs",
    "symptoms": "catalogs",
    "treatments": "catalogs",
    "warning_signs": "catalogs",
    "DEFAULT_POLICY": "episode",
    "Episode": "episode",
    "Policy": "episode",
    "ContentError": "errors",
    "InvalidEpisodeError": "errors",
    "SpasmFactsError": "errors",
    "UnknownEntryError": "errors",
    "Catalog": "model",
    "Cause": "model",
    "Citation": "model",
    "Condition": "model",
    "Fact": "model",
    "Metadata": "model",
    "NextStep": "model",
    "Overview": "model",
    "PreventionMeasure": "model",
    "Source": "model",
    "Symptom": "model",
    "Treatment": "model",
    "WarningSign": "model",
    "RULES": "rules",
    "Rule": "rules",
    "needs_medical_attention": "rules",
    "BodyArea": "vocabulary",
    "Code": "codes",
    "Finding": "vocabulary",
    "Severity": "vocabulary",
    "TreatmentKind": "vocabulary",
    "Urgency": "vocabulary",
}

__all__ = [
    "DEFAULT_POLICY",
    "RULES",
    "Assessment",
    "BodyArea",
    "Catalog",
    "Cause",
    "Citation",
    "Code",
    "Condition",
    "ContentError",
    "Episode",
    "Fact",
    "Finding",
    "InvalidEpisodeError",
    "Metadata",
    "NextStep",
    "Overview",
    "Policy",
    "PreventionMeasure",
    "Reason",
    "Rule",
    "Severity",
    "Source",
    "SpasmFactsError",
    "Symptom",
    "Treatment",
    "TreatmentKind",
    "UnknownEntryError",
    "Urgency",
    "WarningSign",
    "__version__",
    "assess",
    "assessment_to_dict",
    "causes",
    "conditions",
    "episode_from_dict",
    "episode_from_json",
    "episode_to_dict",
    "metadata",
    "needs_medical_attention",
    "next_steps",
    "overview",
    "prevention_measures",
    "sources",
    "symptoms",
    "treatments",
    "warning_signs",
]


def __getattr__(name: str) -> Any:
    module = _MODULE_OF.get(name)
    if module is None:
        msg = f"module 'spasmfacts' has no attribute {name!r}"
        raise AttributeError(msg)
    value = getattr(import_module(f"spasmfacts.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
