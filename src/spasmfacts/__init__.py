"""spasmfacts: sourced, typed content about muscle spasms, and the rule for when one needs a doctor.

This is health information, not medical advice. The rules need review by a clinician
before use with patients.

Every public name is importable from here. Names resolve on first use (PEP 562), so
``import spasmfacts`` reads no data and imports neither ``cattrs`` nor the loader.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from spasmfacts._lazy import lazy_attribute

__version__ = "0.1.0"

if TYPE_CHECKING:
    from spasmfacts.assessment import Assessment, Reason, assess
    from spasmfacts.batch import assess_lines
    from spasmfacts.boundary import episode_from_dict, episode_from_json, episode_to_dict
    from spasmfacts.catalog import Catalog
    from spasmfacts.catalogs import (
        causes,
        cautions,
        conditions,
        metadata,
        next_steps,
        overview,
        phrases,
        prevention_measures,
        questions,
        sources,
        symptoms,
        treatments,
        warning_signs,
    )
    from spasmfacts.codes import Code
    from spasmfacts.episode import Episode
    from spasmfacts.errors import ContentError, InvalidEpisodeError, SpasmFactsError, UnknownEntryError
    from spasmfacts.model import (
        NOT_REVIEWED,
        Cause,
        Caution,
        Citation,
        ClinicalReview,
        Condition,
        Fact,
        Metadata,
        NextStep,
        Option,
        Overview,
        Phrase,
        PreventionMeasure,
        Question,
        Source,
        Symptom,
        Treatment,
        WarningSign,
    )
    from spasmfacts.report import assessment_text, assessment_to_dict
    from spasmfacts.rules import RULES, RULES_VERSION, Rule, needs_medical_attention
    from spasmfacts.rules.policy import DEFAULT_POLICY, Policy
    from spasmfacts.scenario_pack import Scenario, scenarios
    from spasmfacts.vocabulary import AgeGroup, BodyArea, Finding, Medicine, Severity, TreatmentKind, Urgency

_MODULE_OF = {
    "Assessment": "assessment",
    "Reason": "assessment",
    "assess": "assessment",
    "assess_lines": "batch",
    "assessment_to_dict": "report",
    "assessment_text": "report",
    "episode_from_dict": "boundary",
    "episode_from_json": "boundary",
    "episode_to_dict": "boundary",
    "cautions": "catalogs",
    "causes": "catalogs",
    "conditions": "catalogs",
    "metadata": "catalogs",
    "next_steps": "catalogs",
    "overview": "catalogs",
    "phrases": "catalogs",
    "prevention_measures": "catalogs",
    "questions": "catalogs",
    "sources": "catalogs",
    "symptoms": "catalogs",
    "treatments": "catalogs",
    "warning_signs": "catalogs",
    "DEFAULT_POLICY": "rules.policy",
    "Episode": "episode",
    "Policy": "rules.policy",
    "ContentError": "errors",
    "InvalidEpisodeError": "errors",
    "SpasmFactsError": "errors",
    "UnknownEntryError": "errors",
    "NOT_REVIEWED": "model",
    "Catalog": "catalog",
    "Caution": "model",
    "Cause": "model",
    "Citation": "model",
    "ClinicalReview": "model",
    "Condition": "model",
    "Fact": "model",
    "Metadata": "model",
    "NextStep": "model",
    "Option": "model",
    "Overview": "model",
    "Phrase": "model",
    "PreventionMeasure": "model",
    "Question": "model",
    "Source": "model",
    "Symptom": "model",
    "Treatment": "model",
    "WarningSign": "model",
    "RULES": "rules",
    "RULES_VERSION": "rules",
    "Rule": "rules",
    "needs_medical_attention": "rules",
    "Scenario": "scenario_pack",
    "scenarios": "scenario_pack",
    "AgeGroup": "vocabulary",
    "BodyArea": "vocabulary",
    "Medicine": "vocabulary",
    "Code": "codes",
    "Finding": "vocabulary",
    "Severity": "vocabulary",
    "TreatmentKind": "vocabulary",
    "Urgency": "vocabulary",
}

__all__ = [
    "DEFAULT_POLICY",
    "NOT_REVIEWED",
    "RULES",
    "RULES_VERSION",
    "AgeGroup",
    "Assessment",
    "BodyArea",
    "Catalog",
    "Cause",
    "Caution",
    "Citation",
    "ClinicalReview",
    "Code",
    "Condition",
    "ContentError",
    "Episode",
    "Fact",
    "Finding",
    "InvalidEpisodeError",
    "Medicine",
    "Metadata",
    "NextStep",
    "Option",
    "Overview",
    "Phrase",
    "Policy",
    "PreventionMeasure",
    "Question",
    "Reason",
    "Rule",
    "Scenario",
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
    "assess_lines",
    "assessment_text",
    "assessment_to_dict",
    "causes",
    "cautions",
    "conditions",
    "episode_from_dict",
    "episode_from_json",
    "episode_to_dict",
    "metadata",
    "needs_medical_attention",
    "next_steps",
    "overview",
    "phrases",
    "prevention_measures",
    "questions",
    "scenarios",
    "sources",
    "symptoms",
    "treatments",
    "warning_signs",
]


def __getattr__(name: str) -> Any:
    return lazy_attribute(__name__, _MODULE_OF, globals(), name)


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
