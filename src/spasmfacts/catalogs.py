"""The content, one function per collection, each served from the package's own data.

Each call after the first returns the same immutable object; the first call loads the
file, and may raise :class:`~spasmfacts.ContentError` (again on every later call).
"""

from __future__ import annotations

from spasmfacts.catalog import Catalog
from spasmfacts.content import default_loader
from spasmfacts.model import (
    Cause,
    Caution,
    Condition,
    Metadata,
    NextStep,
    Overview,
    Phrase,
    PreventionMeasure,
    Question,
    Source,
    Symptom,
    Treatment,
    WarningSign,
)

__all__ = [
    "causes",
    "cautions",
    "conditions",
    "metadata",
    "next_steps",
    "overview",
    "phrases",
    "prevention_measures",
    "questions",
    "sources",
    "symptoms",
    "treatments",
    "warning_signs",
]


def overview() -> Overview:
    """What a muscle spasm is, where and how it happens, and the outlook."""
    return default_loader().overview()


def metadata() -> Metadata:
    """Content version, language, dates, clinical review record, intended use, licence, attribution, disclaimer."""
    return default_loader().metadata()


def sources() -> Catalog[Source]:
    """Every publication the content cites."""
    return default_loader().sources()


def causes() -> Catalog[Cause]:
    """What can bring on muscle spasms."""
    return default_loader().causes()


def conditions() -> Catalog[Condition]:
    """Underlying conditions in which spasms can be a symptom."""
    return default_loader().conditions()


def symptoms() -> Catalog[Symptom]:
    """What a muscle spasm is like."""
    return default_loader().symptoms()


def treatments() -> Catalog[Treatment]:
    """What relieves muscle spasms, each with its kind."""
    return default_loader().treatments()


def prevention_measures() -> Catalog[PreventionMeasure]:
    """What helps keep muscle spasms from happening."""
    return default_loader().prevention_measures()


def warning_signs() -> Catalog[WarningSign]:
    """When a spasm needs medical attention: one sign per row of the rule table."""
    return default_loader().warning_signs()


def next_steps() -> Catalog[NextStep]:
    """What to do at each urgency."""
    return default_loader().next_steps()


def cautions() -> Catalog[Caution]:
    """Cautions to show beside self-care and medicine texts: painkillers, a fluid limit, heat, pregnancy."""
    return default_loader().cautions()


def questions() -> Catalog[Question]:
    """The question for each ``Episode`` field, in field order, with the plain-language label of each option."""
    return default_loader().questions()


def phrases() -> Catalog[Phrase]:
    """The short texts the readable forms of a result add (headings and notices), one home with the rest."""
    return default_loader().phrases()
