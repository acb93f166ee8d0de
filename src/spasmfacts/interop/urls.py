"""The canonical addresses every export uses, stated once (they name things; they need not resolve)."""

from __future__ import annotations

from typing import Final

__all__ = [
    "ADDITIONAL_CODING_URL",
    "CODE_SYSTEM_URL",
    "DOCS_URL",
    "FHIR_BASE_URL",
    "QUESTIONNAIRE_URL",
    "SCHEMA_BASE_URL",
    "UCUM_URL",
]

DOCS_URL: Final = "https://spasmfacts.readthedocs.io/"
"""The documentation: the source of CDS Hooks cards and the page the JSON-LD describes."""

SCHEMA_BASE_URL: Final = f"{DOCS_URL}schema/"
"""Where the JSON Schemas' ``$id`` s live (``content.schema.json``, ``episode.schema.json``, ...)."""

FHIR_BASE_URL: Final = f"{DOCS_URL}fhir/"
"""The base of spasmfacts' FHIR canonical URLs."""

CODE_SYSTEM_URL: Final = f"{FHIR_BASE_URL}CodeSystem/spasm-episode"
"""The code system of the episode vocabulary: severities, body areas and findings; codes are the enum values."""

QUESTIONNAIRE_URL: Final = f"{FHIR_BASE_URL}Questionnaire/spasm-episode"
"""The canonical URL of the episode ``Questionnaire``."""

ADDITIONAL_CODING_URL: Final = f"{FHIR_BASE_URL}StructureDefinition/additional-coding"
"""The extension that carries a further coding (SNOMED CT) beside an answer option's spasmfacts coding."""

UCUM_URL: Final = "http://unitsofmeasure.org"
"""The UCUM code system of FHIR quantities."""
