"""``content_document()``: the whole content, and the rule table, as one JSON document."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any, Final

from spasmfacts.content import COLLECTIONS, default_loader, make_converter
from spasmfacts.rules import RULES, RULES_VERSION

if TYPE_CHECKING:
    import cattrs

    from spasmfacts.content import ContentLoader

__all__ = ["DOCUMENT_COLLECTIONS", "content_document"]

DOCUMENT_COLLECTIONS: Final = (
    "causes",
    "conditions",
    "symptoms",
    "treatments",
    "prevention_measures",
    "warning_signs",
    "next_steps",
    "cautions",
    "questions",
    "phrases",
    "sources",
)
"""The collections of the document, in the order it writes them (after ``metadata`` and ``overview``)."""


@functools.cache
def _converter() -> cattrs.Converter:
    return make_converter()


def _build(loader: ContentLoader) -> dict[str, Any]:
    converter = _converter()
    document: dict[str, Any] = {
        "metadata": converter.unstructure(loader.metadata()),
        "overview": converter.unstructure(loader.overview()),
    }
    for name in DOCUMENT_COLLECTIONS:
        record = COLLECTIONS[name][1]
        document[name] = converter.unstructure(tuple(getattr(loader, name)()), tuple[record, ...])  # type: ignore[valid-type]
    document["rules_version"] = RULES_VERSION
    document["rules"] = [
        {
            "label": rule.label,
            "id": rule.id,
            "urgency": rule.urgency.value,
            "fires_when": rule.fires_when,
            "sources": list(rule.sources),
            "decision": rule.decision,
        }
        for rule in RULES
    ]
    return document


def content_document() -> dict[str, Any]:
    """The whole content as one JSON-ready document, in a stable key order.

    ``metadata`` (content version, language, dates, the clinical review record, intended
    use, licence, attribution and disclaimer), ``overview``, then ``causes``,
    ``conditions``, ``symptoms``, ``treatments``, ``prevention_measures``,
    ``warning_signs``, ``next_steps``, ``cautions``, ``questions`` (the question for each
    ``Episode`` field, with the label of each option), ``phrases`` (the headings and notices
    a result's readable forms use) and ``sources``, each item written as
    in the package's data files, then ``rules_version`` and last ``rules``: the rule table
    (label, id, urgency, what fires the row, source ids, and the ``decision`` behind an
    urgency of our own choosing, or null). Each call builds a new dict, which the caller
    may change. Raises :class:`~spasmfacts.ContentError` when the content cannot be loaded.

    >>> document = content_document()
    >>> list(document)[:3]
    ['metadata', 'overview', 'causes']
    >>> document["causes"][0]["id"]
    'dehydration'
    """
    return _build(default_loader())
