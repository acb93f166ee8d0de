"""The canonical addresses every export uses, stated once; the docs build publishes a document at each."""

from __future__ import annotations

from typing import Final

__all__ = [
    "CODE_SYSTEM_URL",
    "CONCEPT_MAP_URL",
    "DOCS_URL",
    "FHIR_BASE_URL",
    "QUESTIONNAIRE_URL",
    "SCHEMA_BASE_URL",
    "UCUM_URL",
    "site_path",
]

DOCS_URL: Final = "https://spasmfacts.readthedocs.io/"
"""The documentation: the source of CDS Hooks cards, and the page the default JSON-LD describes."""

SCHEMA_BASE_URL: Final = f"{DOCS_URL}schema/"
"""Where the JSON Schemas' ``$id`` s live (``content.schema.json``, ``episode.schema.json``, ...)."""

FHIR_BASE_URL: Final = f"{DOCS_URL}fhir/"
"""The base of spasmfacts' FHIR canonical URLs."""

CODE_SYSTEM_URL: Final = f"{FHIR_BASE_URL}CodeSystem/spasm-episode"
"""The code system of the episode's answers (severities, body areas, findings, medicines, age groups, ``none``)."""

QUESTIONNAIRE_URL: Final = f"{FHIR_BASE_URL}Questionnaire/spasm-episode"
"""The canonical URL of the episode ``Questionnaire``."""

CONCEPT_MAP_URL: Final = f"{FHIR_BASE_URL}ConceptMap/spasm-episode-to-snomed-ct"
"""The ``ConceptMap`` from the episode code system to SNOMED CT (only the codes that were checked)."""

UCUM_URL: Final = "http://unitsofmeasure.org"
"""The UCUM code system of FHIR quantities."""


def site_path(url: str) -> str:
    """The path, relative to the docs site's root, of the file published for the canonical ``url``.

    A fragment (``#...``) and a FHIR ``|version`` are dropped; an address ending in ``/``
    is its ``index.html``. Raises ``ValueError`` for an address outside the docs site.

    >>> site_path("https://spasmfacts.readthedocs.io/fhir/CodeSystem/spasm-episode|2026.11.0")
    'fhir/CodeSystem/spasm-episode'
    >>> site_path("https://spasmfacts.readthedocs.io/#muscle-spasm")
    'index.html'
    """
    if not url.startswith(DOCS_URL):
        msg = f"{url!r} is not an address under {DOCS_URL}"
        raise ValueError(msg)
    path = url[len(DOCS_URL) :].partition("#")[0].partition("|")[0]
    return f"{path}index.html" if path == "" or path.endswith("/") else path
