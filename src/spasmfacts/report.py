"""One home for how a result is shown: ``assessment_to_dict()`` and the readable text built from it.

Every output of a result (``--json``, the batch lines, the readable ``check`` text, CDS Hooks
cards, Markdown) is made from the one document :func:`assessment_to_dict` returns, so no
output can drop a part: the urgency and its next step first, then each reason with its
advice and sources, what was not answered, the intended-use note, the cautions, the
disclaimer and the review status.
"""

from __future__ import annotations

from typing import Any

from spasmfacts.assessment import Assessment
from spasmfacts.content import default_loader
from spasmfacts.model import Citation, cited_sources
from spasmfacts.rules import RULES_VERSION

__all__ = ["assessment_text", "assessment_to_dict"]

# Typed loosely so that the check for callers who ignore the annotations stays reachable.
_ASSESSMENT: tuple[type, ...] = (Assessment,)


def _sources(ids: tuple[str, ...]) -> list[dict[str, Any]]:
    catalog = default_loader().sources()
    return [
        {"id": source.id, "title": source.title, "publisher": source.publisher, "url": source.url}
        for source in map(catalog.lookup, ids)
    ]


def _cited(citations: tuple[Citation, ...]) -> list[dict[str, Any]]:
    return _sources(cited_sources(citations))


def assessment_to_dict(assessment: Assessment) -> dict[str, Any]:
    """The whole result as JSON-ready data, in the order an app shows it: the action first.

    Each source comes with its id, title, publisher and url (``None`` where it has none).
    """
    if not isinstance(assessment, _ASSESSMENT):
        msg = f"assessment_to_dict() takes an Assessment, not {type(assessment).__name__}"
        raise TypeError(msg)
    loader = default_loader()
    metadata = loader.metadata()
    questions = loader.questions()
    phrase = loader.phrases().lookup
    step = assessment.next_step
    return {
        "rules_version": RULES_VERSION,
        "content_version": metadata.content_version,
        "urgency": assessment.urgency.value,
        "needs_medical_attention": assessment.needs_medical_attention,
        "complete": assessment.complete,
        "headline": phrase(f"headline-{step.urgency.value.replace('_', '-')}").text,
        "next_step": {
            "id": step.id,
            "urgency": step.urgency.value,
            "summary": step.summary,
            "advice": step.advice,
            "sources": _cited(step.citations),
        },
        "reasons": [
            {
                "id": reason.id,
                "name": reason.name,
                "urgency": reason.urgency.value,
                "summary": reason.summary,
                "advice": reason.advice,
                "sources": _sources(reason.sources),
            }
            for reason in assessment.reasons
        ],
        "unanswered": [{"field": name, "question": questions.lookup(name).text} for name in assessment.unanswered],
        "outside_intended_use": [
            {"age_group": group, "note": phrase(f"outside-intended-use-{group}").text}
            for group in assessment.outside_intended_use
        ],
        "cautions": [
            {
                "id": caution.id,
                "name": caution.name,
                "summary": caution.summary,
                "text": caution.text,
                "sources": _cited(caution.citations),
            }
            for caution in assessment.cautions
        ],
        "disclaimer": metadata.disclaimer,
        "review_status": metadata.review.status,
        "labels": {key: phrase(key).text for key in ("incomplete", "unanswered", "reasons", "cautions", "review")},
    }


def _indented(text: str) -> str:
    # A text may hold a list, one item a line: every line of it stays under its heading.
    return "  " + text.replace("\n", "\n  ")


def _source_line(source: dict[str, Any]) -> str:
    url = f" <{source['url']}>" if source["url"] else ""
    return f"    Source: {source['title']}, {source['publisher']}{url}"


def assessment_text(document: dict[str, Any]) -> str:
    """The readable form of a result document from :func:`assessment_to_dict`, as the command line prints it.

    Lines that start with ``Source:`` (indented) name sources; every other line is for the person.
    """
    labels = document["labels"]
    lines: list[str] = []
    blocked = not document["complete"] and not document["reasons"]
    if blocked:
        lines += [labels["incomplete"], "", labels["unanswered"]]
        lines += [f"- {item['question']}" for item in document["unanswered"]]
        lines.append("")
    step = document["next_step"]
    lines += [f"{document['headline']} ({document['urgency']})", "", step["summary"], step["advice"]]
    if document["reasons"]:
        lines += ["", labels["reasons"]]
    for reason in document["reasons"]:
        lines += [f"- {reason['name']} [{reason['urgency']}]", f"  {reason['summary']}", _indented(reason["advice"])]
        lines += [_source_line(source) for source in reason["sources"]]
    if document["unanswered"] and not blocked:
        lines += ["", labels["unanswered"]]
        lines += [f"- {item['question']}" for item in document["unanswered"]]
    for item in document["outside_intended_use"]:
        lines += ["", item["note"]]
    if document["cautions"]:
        lines += ["", labels["cautions"]]
    for caution in document["cautions"]:
        lines += [f"- {caution['name']}: {caution['summary']}", _indented(caution["text"])]
        lines += [_source_line(source) for source in caution["sources"]]
    lines += ["", document["disclaimer"], f"{labels['review']} {document['review_status']}."]
    return "\n".join(lines) + "\n"
