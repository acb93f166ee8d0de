"""``assessment_markdown()``: one result as Markdown, built from the one result document, ``assessment_to_dict()``.

The blocks here (the action, each reason, what was not answered, the intended-use note,
the cautions, the disclaimer) are also the detail of the CDS Hooks cards, so every
Markdown form of a result carries the same parts in the same order as the command line's
text: the next step first. Every word comes from the document, headings included.
"""

from __future__ import annotations

from typing import Any

from spasmfacts.assessment import Assessment
from spasmfacts.interop.markdown import escape, link, text_blocks
from spasmfacts.report import assessment_to_dict

__all__ = ["assessment_markdown"]

# Typed loosely so that the type check for callers who ignore the annotations stays reachable.
_ASSESSMENT: tuple[type, ...] = (Assessment,)


def check_assessment(function: str, assessment: object) -> dict[str, Any]:
    """The result document of ``assessment``; ``TypeError`` naming ``function`` for anything but an Assessment."""
    if not isinstance(assessment, _ASSESSMENT):
        msg = f"{function}() takes an Assessment, not {type(assessment).__name__}"
        raise TypeError(msg)
    return assessment_to_dict(assessment)  # type: ignore[arg-type]


def sources_line(sources: list[dict[str, Any]]) -> str:
    """``Sources: ...`` with each source's title (linked where it has an address) and publisher."""
    shown = [
        f"{escape(source['title']) if source['url'] is None else link(source['title'], source['url'])}, "
        f"{escape(source['publisher'])}"
        for source in sources
    ]
    return f"Sources: {'; '.join(shown)}."


def blocked(document: dict[str, Any]) -> bool:
    """Whether warning signs could not be checked: key questions unanswered, and no row fired."""
    return not document["complete"] and not document["reasons"]


def heading(document: dict[str, Any], label: str) -> str:
    """The document's label ``label`` (``"unanswered"``, ``"reasons"``, ...) in bold."""
    return f"**{escape(document['labels'][label])}**"


def unanswered_block(document: dict[str, Any]) -> list[str]:
    """The questions left unanswered, as a list under its heading (nothing when all were answered)."""
    if not document["unanswered"]:
        return []
    return [heading(document, "unanswered"), "", *(f"- {escape(q['question'])}" for q in document["unanswered"])]


def action_block(document: dict[str, Any]) -> list[str]:
    """The headline and the next step for the overall urgency: what to do, first."""
    step = document["next_step"]
    return [
        f"**{escape(document['headline'])}**",
        "",
        escape(step["summary"]),
        "",
        *text_blocks(step["advice"]),
        "",
        sources_line(step["sources"]),
    ]


def reason_block(reason: dict[str, Any]) -> list[str]:
    """One reason: its name and urgency, what was reported, its advice and its sources."""
    return [
        f"**{escape(reason['name'])}** ({escape(reason['urgency'])}): {escape(reason['summary'])}",
        "",
        *text_blocks(reason["advice"]),
        "",
        sources_line(reason["sources"]),
    ]


def closing_blocks(document: dict[str, Any]) -> list[list[str]]:
    """The intended-use notes, the cautions, and the disclaimer with the review status."""
    blocks = [[escape(item["note"])] for item in document["outside_intended_use"]]
    if document["cautions"]:
        blocks.append([heading(document, "cautions")])
    blocks += [
        [
            f"**{escape(caution['name'])}**: {escape(caution['summary'])}",
            "",
            *text_blocks(caution["text"]),
            "",
            sources_line(caution["sources"]),
        ]
        for caution in document["cautions"]
    ]
    review = f"{document['labels']['review']} {document['review_status']}."
    blocks.append([f"*{escape(document['disclaimer'])}*", "", escape(review)])
    return blocks


def join(blocks: list[list[str]]) -> str:
    """Blocks of lines as Markdown, a blank line between blocks."""
    return "\n\n".join("\n".join(block) for block in blocks if block)


def assessment_markdown(assessment: Assessment) -> str:
    """The result for one episode as Markdown, in the order an app must show it.

    When warning signs could not be checked (``complete`` false and no reason), it opens
    with "We could not check for warning signs" and the questions to ask. Then the
    headline and the next step for the overall urgency, then every reason (highest urgency
    first) with its advice and sources, then the questions left unanswered, the note when
    the person is outside the intended use, the cautions, the disclaimer and the review
    status. It is made from :func:`~spasmfacts.assessment_to_dict`, whose every text is
    escaped here; a text's lines and lists stay lines and lists. Raises ``TypeError`` for
    anything but an :class:`~spasmfacts.Assessment`.

    >>> from spasmfacts import Episode, assess
    >>> print(assessment_markdown(assess(Episode())).splitlines()[0])
    **We could not check for warning signs. Some key questions were not answered.**
    """
    document = check_assessment("assessment_markdown", assessment)
    blocks: list[list[str]] = []
    if blocked(document):
        blocks += [[heading(document, "incomplete")], unanswered_block(document)]
    blocks.append(action_block(document))
    if document["reasons"]:
        blocks.append([heading(document, "reasons")])
    blocks += [reason_block(reason) for reason in document["reasons"]]
    if not blocked(document):
        blocks.append(unanswered_block(document))
    blocks += closing_blocks(document)
    return join(blocks) + "\n"
