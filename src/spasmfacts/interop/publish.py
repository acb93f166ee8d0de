"""``published_documents()``: every exported document that has a canonical address, keyed by its path on the docs site.

The docs build writes each one at its path, so every canonical URL in every export
resolves to the document it names.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from typing import Any, Final

from spasmfacts.interop.fhir import fhir_code_system, fhir_concept_map, fhir_questionnaire
from spasmfacts.interop.schema import SCHEMA_NAMES, json_schema
from spasmfacts.interop.urls import site_path

__all__ = ["published_documents", "published_text"]


def _canonical(document: dict[str, Any]) -> str:
    # A JSON Schema names itself with $id, a FHIR resource with url.
    return str(document["$id"] if "$id" in document else document["url"])


_MAKERS: Final[tuple[Callable[[], dict[str, Any]], ...]] = (
    *(functools.partial(json_schema, name) for name in SCHEMA_NAMES),
    fhir_questionnaire,
    fhir_code_system,
    fhir_concept_map,
)


def published_documents() -> dict[str, dict[str, Any]]:
    """Each document with a canonical address, keyed by its path relative to the docs site's root.

    The three JSON Schemas (``schema/NAME.schema.json``, their ``$id``) and the FHIR
    ``Questionnaire``, ``CodeSystem`` and ``ConceptMap`` (``fhir/TYPE/ID``, their ``url``).
    Each call returns new dicts.

    >>> sorted(published_documents())[:2]
    ['fhir/CodeSystem/spasm-episode', 'fhir/ConceptMap/spasm-episode-to-snomed-ct']
    """
    documents = [make() for make in _MAKERS]
    return {site_path(_canonical(document)): document for document in documents}


def published_text(document: dict[str, Any]) -> str:
    """A published document as the file's text: the same JSON as ``spasmfacts export`` writes."""
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
