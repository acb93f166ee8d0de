"""CDS Hooks cards for an assessment, built from the one result document, ``assessment_to_dict()``."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any, Final

from spasmfacts.assessment import Assessment
from spasmfacts.interop.markdown import escape
from spasmfacts.interop.result import (
    action_block,
    blocked,
    check_assessment,
    closing_blocks,
    join,
    reason_block,
    unanswered_block,
)
from spasmfacts.interop.urls import DOCS_URL
from spasmfacts.vocabulary import Urgency

__all__ = ["EXTENSION_KEY", "INDICATORS", "cds_hooks_cards", "cds_hooks_response"]

INDICATORS: Final = {
    Urgency.SELF_CARE: "info",
    Urgency.ROUTINE: "warning",
    Urgency.URGENT: "warning",
    Urgency.EMERGENCY: "critical",
}
"""The CDS Hooks ``indicator`` of each urgency (the rule table's mapping)."""

EXTENSION_KEY: Final = "io.readthedocs.spasmfacts"
"""The name of the card ``extension`` member that carries the rules and content versions."""

_SOURCE: Final = {"label": "spasmfacts", "url": DOCS_URL}


def _links(sources: list[dict[str, Any]]) -> list[dict[str, str]]:
    return [
        {"label": f"{source['title']}, {source['publisher']}", "url": source["url"], "type": "absolute"}
        for source in sources
        if source["url"] is not None
    ]


def _card(
    make_uuid: Callable[[], uuid.UUID], document: dict[str, Any], shown: tuple[str, str, str], sources: list[Any]
) -> dict[str, Any]:
    """A card showing ``shown`` (its summary, urgency and Markdown detail), linking to ``sources``."""
    summary, urgency, detail = shown
    links = _links(sources)
    return {
        "uuid": str(make_uuid()),
        "summary": summary,
        "indicator": INDICATORS[Urgency(urgency)],
        "detail": detail,
        "source": dict(_SOURCE),
        **({"links": links} if links else {}),
        "extension": {
            EXTENSION_KEY: {
                "rules_version": document["rules_version"],
                "content_version": document["content_version"],
            }
        },
    }


def _result_card(make_uuid: Callable[[], uuid.UUID], document: dict[str, Any]) -> dict[str, Any]:
    """The card for the result as a whole: the action first, then what the result adds around the reasons."""
    if blocked(document):
        summary = document["labels"]["incomplete"]
        blocks = [[escape(summary)], unanswered_block(document), action_block(document)]
    else:
        summary = document["headline"]
        blocks = [action_block(document), unanswered_block(document)]
    detail = join([*blocks, *closing_blocks(document)])
    return _card(make_uuid, document, (summary, document["urgency"], detail), document["next_step"]["sources"])


def cds_hooks_cards(
    assessment: Assessment,
    *,
    self_care_card: bool = False,
    uuids: Callable[[], uuid.UUID] = uuid.uuid4,
) -> list[dict[str, Any]]:
    """CDS Hooks cards for ``assessment``: the action first, then one card per reason, most urgent first.

    The first card is the result as a whole: ``summary`` is the headline, ``indicator``
    follows the overall urgency (self-care ``info``, routine and urgent ``warning``,
    emergency ``critical``), and ``detail`` (Markdown) holds the next step, the questions
    left unanswered, the intended-use note, the cautions and the disclaimer. Each reason
    then has its card: ``summary`` is the reason's summary, ``detail`` its advice and
    sources, ``links`` the sources' pages.

    With no reason, a result whose key questions were answered (``complete``) gives no card,
    as the CDS Hooks specification advises when there is nothing to say, unless
    ``self_care_card`` is true or the person is outside the intended use; an incomplete one
    gives one ``info`` card saying that warning signs could not be checked, and which
    questions to ask. Every card names spasmfacts as its ``source`` and carries the rules
    and content versions in its ``extension`` (under ``io.readthedocs.spasmfacts``). Each card's
    ``uuid`` comes from ``uuids`` (a new random one by default), so that feedback can
    refer to that very card. Raises ``TypeError`` for anything but an
    :class:`~spasmfacts.Assessment`.

    >>> from spasmfacts import Episode, assess
    >>> cards = cds_hooks_cards(assess(Episode(accompanied_by={"confusion"})))
    >>> [card["indicator"] for card in cards]
    ['critical', 'critical']
    >>> cds_hooks_cards(assess(Episode(accompanied_by=[], body_areas={"leg"})))
    []
    """
    document = check_assessment("cds_hooks_cards", assessment)
    quiet = not (self_care_card or document["outside_intended_use"])
    if not document["reasons"] and document["complete"] and quiet:
        return []
    cards = [_result_card(uuids, document)]
    cards += [
        _card(
            uuids,
            document,
            (reason["summary"], reason["urgency"], join([reason_block(reason), closing_blocks(document)[-1]])),
            reason["sources"],
        )
        for reason in document["reasons"]
    ]
    return cards


def cds_hooks_response(
    assessment: Assessment,
    *,
    self_care_card: bool = False,
    uuids: Callable[[], uuid.UUID] = uuid.uuid4,
) -> dict[str, Any]:
    """A CDS Hooks service response for ``assessment``: ``{"cards": cds_hooks_cards(assessment, ...)}``.

    >>> from spasmfacts import Episode, assess
    >>> cds_hooks_response(assess(Episode(accompanied_by=[], body_areas={"leg"})))
    {'cards': []}
    """
    return {"cards": cds_hooks_cards(assessment, self_care_card=self_care_card, uuids=uuids)}
