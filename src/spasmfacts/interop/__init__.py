"""spasmfacts in the formats of other health apps: plain dicts and strings, no FHIR or RDF library needed.

- :func:`content_document`: the whole content as one JSON document;
- :func:`json_schema`: JSON Schema (Draft 2020-12) for the content, an episode and an assessment;
- :func:`jsonld` and :func:`jsonld_script`: schema.org JSON-LD for a web page;
- :func:`cds_hooks_cards` and :func:`cds_hooks_response`: CDS Hooks cards for an assessment;
- :func:`fhir_questionnaire`, :func:`fhir_code_system`, :func:`questionnaire_response` and
  :func:`episode_from_questionnaire_response`: FHIR R4;
- :func:`markdown`: the whole content as a readable article.

``import spasmfacts`` does not import this module; ``from spasmfacts import interop`` does.
The canonical URLs that every export uses are in :mod:`spasmfacts.interop.urls`.
"""

from __future__ import annotations

from spasmfacts.interop.cds_hooks import cds_hooks_cards, cds_hooks_response
from spasmfacts.interop.document import content_document
from spasmfacts.interop.fhir import (
    episode_from_questionnaire_response,
    fhir_code_system,
    fhir_questionnaire,
    questionnaire_response,
)
from spasmfacts.interop.jsonld import jsonld, jsonld_script
from spasmfacts.interop.markdown import markdown
from spasmfacts.interop.schema import json_schema

__all__ = [
    "cds_hooks_cards",
    "cds_hooks_response",
    "content_document",
    "episode_from_questionnaire_response",
    "fhir_code_system",
    "fhir_questionnaire",
    "json_schema",
    "jsonld",
    "jsonld_script",
    "markdown",
    "questionnaire_response",
]
