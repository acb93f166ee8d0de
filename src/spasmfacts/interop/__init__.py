"""spasmfacts in the formats of other health apps: plain dicts and strings, no FHIR or RDF library needed.

- :func:`content_document`: the whole content as one JSON document;
- :func:`json_schema`: JSON Schema (Draft 2020-12) for the content, an episode and an assessment;
- :func:`jsonld` and :func:`jsonld_script`: schema.org JSON-LD for a web page;
- :func:`cds_hooks_cards` and :func:`cds_hooks_response`: CDS Hooks cards for an assessment;
- :func:`assessment_markdown`: one result as Markdown; :func:`markdown`: the whole content as an article;
- :func:`fhir_questionnaire`, :func:`fhir_code_system`, :func:`fhir_concept_map`,
  :func:`questionnaire_response` and :func:`episode_from_questionnaire_response`: FHIR R4;
- :func:`published_documents`: every document with a canonical address, by its path on the docs site;
- :func:`scenarios_jsonl`: the scenario pack as JSON Lines, for replaying through an integration.

``import spasmfacts`` does not import this module; ``from spasmfacts import interop`` does.
The canonical URLs that every export uses are in :mod:`spasmfacts.interop.urls`.
"""

from __future__ import annotations

from spasmfacts.interop.cds_hooks import cds_hooks_cards, cds_hooks_response
from spasmfacts.interop.document import content_document
from spasmfacts.interop.fhir import fhir_code_system, fhir_concept_map, fhir_questionnaire, questionnaire_response
from spasmfacts.interop.fhir_read import episode_from_questionnaire_response
from spasmfacts.interop.jsonld import jsonld, jsonld_script
from spasmfacts.interop.markdown import markdown
from spasmfacts.interop.publish import published_documents
from spasmfacts.interop.result import assessment_markdown
from spasmfacts.interop.scenarios import scenarios_jsonl
from spasmfacts.interop.schema import json_schema

__all__ = [
    "assessment_markdown",
    "cds_hooks_cards",
    "cds_hooks_response",
    "content_document",
    "episode_from_questionnaire_response",
    "fhir_code_system",
    "fhir_concept_map",
    "fhir_questionnaire",
    "json_schema",
    "jsonld",
    "jsonld_script",
    "markdown",
    "published_documents",
    "questionnaire_response",
    "scenarios_jsonl",
]
