"""``markdown()``: the whole content as one readable article in (GitHub-flavoured) Markdown."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Final

from spasmfacts.catalogs import (
    causes,
    cautions,
    conditions,
    metadata,
    next_steps,
    overview,
    prevention_measures,
    sources,
    symptoms,
    treatments,
    warning_signs,
)
from spasmfacts.interop._words import SEE_DOCTOR_ORDER, TREATMENT_HEADINGS, URGENCY_HEADINGS
from spasmfacts.model import Citation, Source
from spasmfacts.vocabulary import TreatmentKind, Urgency

__all__ = ["escape", "link", "markdown", "text_blocks"]

_INLINE: Final = re.compile(r"([\\`*_\[\]<>#|~&])")
_LINE_START_MARK: Final = re.compile(r"^([-+=>])")
_LINE_START_NUMBER: Final = re.compile(r"^([0-9]+)([.)])(?=\s|$)")
_URL_UNSAFE: Final = {" ": "%20", "(": "%28", ")": "%29", "<": "%3C", ">": "%3E"}


def escape(text: str) -> str:
    r"""``text`` as literal Markdown: one line, with every character that could format it escaped.

    >>> escape("1. *not* a list")
    '1\\. \\*not\\* a list'
    """
    text = _INLINE.sub(r"\\\1", " ".join(text.split()))
    text = _LINE_START_MARK.sub(r"\\\1", text)
    return _LINE_START_NUMBER.sub(r"\1\\\2", text)


def text_blocks(text: str, indent: str = "") -> list[str]:
    r"""A content text as Markdown lines: each line a paragraph, each run of ``- `` lines a list, all escaped.

    Blocks are kept apart by blank lines (so no paragraph runs on into a list item), and
    every non-blank line starts with ``indent``.

    >>> text_blocks("Call now if:\n- a *stiff* neck\n- a rash\nElse wait.")
    ['Call now if:', '', '- a \\*stiff\\* neck', '- a rash', '', 'Else wait.']
    """
    lines: list[str] = []
    in_list = False
    for line in filter(str.strip, text.splitlines()):
        item = line.lstrip().startswith("- ")
        if lines and not (item and in_list):
            lines.append("")
        lines.append(f"{indent}- {escape(line.lstrip()[2:])}" if item else f"{indent}{escape(line)}")
        in_list = item
    return lines


def link(label: str, url: str) -> str:
    """A Markdown link to ``url`` labelled with ``label`` (escaped), safe for any URL text."""
    target = "".join(_URL_UNSAFE.get(char, char) for char in url)
    return f"[{escape(label)}]({target})"


def cite(source: Source) -> str:
    """One source as Markdown: its title (a link where it has a web address) and publisher."""
    title = escape(source.title) if source.url is None else link(source.title, source.url)
    return f"{title}, {escape(source.publisher)}"


class _Article:
    def __init__(self) -> None:
        self.lines: list[str] = []
        self.numbers = {source.id: number for number, source in enumerate(sources(), start=1)}

    def refs(self, citations: Iterable[Citation]) -> str:
        numbers = sorted({self.numbers[citation.source] for citation in citations})
        return f" [{', '.join(map(str, numbers))}]"

    def heading(self, level: int, text: str) -> None:
        self.lines += [f"{'#' * level} {escape(text)}", ""]

    def paragraph(self, text: str) -> None:
        self.lines += [text, ""]

    def items(self, entries: Iterable[tuple[str, str, tuple[Citation, ...]]]) -> None:
        self.lines += [f"- **{escape(name)}**: {escape(text)}{self.refs(cited)}" for name, text, cited in entries]
        self.lines.append("")

    def detailed_items(self, entries: Iterable[tuple[str, str, str, tuple[Citation, ...]]]) -> None:
        """Items whose ``detail`` (advice, a caution's text) follows under the summary, its lists kept."""
        for name, summary, detail, cited in entries:
            self.lines += [f"- **{escape(name)}**: {escape(summary)}{self.refs(cited)}", ""]
            self.lines += [*text_blocks(detail, "  "), ""]

    def text(self, text: str, cited: Iterable[Citation]) -> None:
        """A content text in its blocks, then the numbers of its sources."""
        self.lines += [*text_blocks(text), "", f"Sources:{self.refs(cited)}", ""]


def markdown() -> str:
    """The whole content as a Markdown article, generated from the data.

    The title and overview, causes, underlying conditions, symptoms, treatments (by kind),
    prevention, "When to see a doctor" (the warning signs by urgency, most urgent first,
    each group with its next step, then the self-care safety net), "Take care" (the
    cautions), the numbered sources that the ``[n]`` marks refer to, and "About this
    information": the disclaimer, the intended use, the clinical review status, the
    content version and dates, and the licence.

    >>> markdown().splitlines()[0]
    '# Muscle spasms'
    """
    meta, topic, article = metadata(), overview(), _Article()
    article.heading(1, topic.name)
    names = ", ".join(topic.alternate_names)
    article.lines += [f"*Also called: {escape(names)}.*", ""] if names else []
    article.paragraph(escape(topic.summary) + article.refs(topic.citations))
    article.heading(2, "Overview")
    article.lines += [f"- {escape(fact.text)}{article.refs(fact.citations)}" for fact in topic.facts]
    article.lines.append("")
    sections = (("Causes", causes()), ("Underlying conditions", conditions()), ("Symptoms", symptoms()))
    for title, catalog in sections:
        article.heading(2, title)
        article.items((item.name, item.summary, item.citations) for item in catalog)
    article.heading(2, "Treatments")
    groups = [(kind, [item for item in treatments() if item.kind is kind]) for kind in TreatmentKind]
    for kind, group in [(kind, group) for kind, group in groups if group]:
        article.heading(3, TREATMENT_HEADINGS[kind])
        article.items((item.name, item.summary, item.citations) for item in group)
    article.heading(2, "Prevention")
    article.items((item.name, item.summary, item.citations) for item in prevention_measures())
    article.heading(2, "When to see a doctor")
    steps = {step.urgency: step for step in next_steps()}
    for urgency in SEE_DOCTOR_ORDER:
        signs = [sign for sign in warning_signs() if sign.urgency is urgency]
        article.heading(3, URGENCY_HEADINGS[urgency])
        article.text(steps[urgency].advice, steps[urgency].citations)
        article.detailed_items((sign.name, sign.summary, sign.advice, sign.citations) for sign in signs)
    article.heading(3, URGENCY_HEADINGS[Urgency.SELF_CARE])
    self_care = steps[Urgency.SELF_CARE]
    article.paragraph(escape(self_care.summary))
    article.text(self_care.advice, self_care.citations)
    article.heading(2, "Take care")
    article.detailed_items((item.name, item.summary, item.text, item.citations) for item in cautions())
    article.heading(2, "Sources")
    article.lines += [f"{number}. {cite(source)}" for number, source in enumerate(sources(), start=1)]
    article.lines.append("")
    article.heading(2, "About this information")
    article.paragraph(f"**{escape(meta.disclaimer)}**")
    article.paragraph("Intended use:")
    article.lines += [f"- {escape(statement)}" for statement in meta.intended_use]
    article.lines.append("")
    review = meta.review
    signed = "" if review.date is None else f" ({review.reviewer}, {review.role}, {review.date.isoformat()})"
    article.paragraph(escape(f"Clinical review: {review.status}{signed}."))
    article.paragraph(
        escape(
            f"Content version {meta.content_version}, updated {meta.updated.isoformat()}, "
            f"next review due {meta.next_review.isoformat()}. Licence: {meta.license}. {meta.attribution}"
        )
    )
    return "\n".join(article.lines).rstrip("\n") + "\n"
