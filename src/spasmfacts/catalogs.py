"""The content, one function per collection, each served from the package's own data.

Each call after the first returns the same immutable object; the first call loads the
file, and may raise :class:`~spasmfacts.ContentError` (again on every later call).
"""

from __future__ import annotations

from spasmfacts.content import default_loader
from spasmfacts.model import (
    Catalog,
    Cause,
    Condition,
    Metadata,
    NextStep,
    Overview,
    PreventionMeasure,
    Source,
    Symptom,
    Treatment,
    WarningSign,
)

__all__ = [
    "causes",
    "conditions",
    "metadata",
    "next_steps",
    "overview",
    "prevention_measures",
    "sources",
    "symptoms",
    "treatments",
    "warning_signs",
]


def overview() -> Overview:
    """What a muscle spasm is, where and how it happens, and the outlook."""
    return default_loader().overview()


def metadata() -> Metadata:
    """Content version, language, review dates, licence, attribution and disclaimer."""
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
