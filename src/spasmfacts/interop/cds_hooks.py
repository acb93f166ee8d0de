"""CDS Hooks cards for an assessment: one card per reason, or one ``info`` card with the safety net."""

from __future__ import annotations

import json
import uuid
from typing import Any, Final

from spasmfacts.assessment import Assessment
from spasmfacts.catalogs import metadata, sources, warning_signs
from spasmfacts.interop.markdown import cite, escape
from spasmfacts.interop.urls import DOCS_URL
from spasmfacts.model import cited_sources
from spasmfacts.vocabulary import Urgency

__all__ = ["INDICATORS", "cds_hooks_cards", "cds_hooks_response"]

INDICATORS: Final = {
    Urgency.SELF_CARE: "info",
    Urgency.ROUTINE: "warning",
    Urgency.URGENT: "warning",
    Urgency.EMERGENCY: "critical",
}
"""The CDS Hooks ``indicator`` of each urgency (the rule table's mapping)."""

# Typed loosely so that the type check for callers who ignore the annotations stays reachable.
_ASSESSMENT: tuple[type, ...] = (Assessment,)
_SOURCE: Final = {"label": "spasmfacts", "url": DOCS_URL}
_NAMESPACE: Final = uuid.uuid5(uuid.NAMESPACE_URL, DOCS_URL)


def _card(summary: str, urgency: Urgency, advice: str, source_ids: tuple[str, ...]) -> dict[str, Any]:
    catalog = sources()
    cited = [catalog.lookup(source_id) for source_id in source_ids]
    detail = "\n".join(
        [
            escape(advice),
            "",
            "Sources:",
            "",
            *(f"- {cite(source)}" for source in cited),
            "",
            f"*{escape(metadata().disclaimer)}*",
        ]
    )
    links = [
        {"label": f"{source.title}, {source.publisher}", "url": source.url, "type": "absolute"}
        for source in cited
        if source.url is not None
    ]
    card: dict[str, Any] = {
        "summary": summary,
        "indicator": INDICATORS[urgency],
        "detail": detail,
        "source": dict(_SOURCE),
        **({"links": links} if links else {}),
    }
    # The same card always gets the same uuid, so output is reproducible and feedback can refer to it.
    return {"uuid": str(uuid.uuid5(_NAMESPACE, json.dumps(card, sort_keys=True))), **card}


def cds_hooks_cards(assessment: Assessment) -> list[dict[str, Any]]:
    """CDS Hooks cards for ``assessment``, most urgent first.

    One card per reason: ``summary`` is the reason's summary (under 140 characters),
    ``indicator`` follows its urgency (routine and urgent ``warning``, emergency
    ``critical``), ``detail`` is Markdown with the warning sign's advice and the sources,
    ``links`` are the sources' web pages, ``source`` is spasmfacts. A self-care result
    gives exactly one ``info`` card carrying the safety-net next step, so there is always
    something true to show. Raises ``TypeError`` for anything but an
    :class:`~spasmfacts.Assessment`.

    >>> from spasmfacts import Episode, assess
    >>> [card["indicator"] for card in cds_hooks_cards(assess(Episode(accompanied_by={"confusion"})))]
    ['critical']
    """
    if not isinstance(assessment, _ASSESSMENT):
        msg = f"cds_hooks_cards() takes an Assessment, not {type(assessment).__name__}"
        raise TypeError(msg)
    if not assessment.reasons:
        step = assessment.next_step
        return [_card(step.summary, step.urgency, step.advice, cited_sources(step.citations))]
    signs = warning_signs()
    return [
        _card(reason.summary, reason.urgency, signs.lookup(reason.id).advice, reason.sources)
        for reason in assessment.reasons
    ]


def cds_hooks_response(assessment: Assessment) -> dict[str, Any]:
    """A CDS Hooks service response for ``assessment``: ``{"cards": cds_hooks_cards(assessment)}``."""
    return {"cards": cds_hooks_cards(assessment)}
