"""``markdown()``: the whole content as one readable article in (GitHub-flavoured) Markdown."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Final

from spasmfacts.catalogs import (
    causes,
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

__all__ = ["escape", "link", "markdown"]

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


def markdown() -> str:
    """The whole content as a Markdown article, generated from the data.

    The title and overview, causes, underlying conditions, symptoms, treatments (by kind),
    prevention, "When to see a doctor" (the warning signs by urgency, most urgent first,
    each group with its next step, then the self-care safety net), the numbered sources
    that the ``[n]`` marks refer to, and the disclaimer with the content version, review
    dates and licence.

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
        article.paragraph(escape(steps[urgency].advice) + article.refs(steps[urgency].citations))
        article.items((sign.name, f"{sign.summary} {sign.advice}", sign.citations) for sign in signs)
    article.heading(3, URGENCY_HEADINGS[Urgency.SELF_CARE])
    self_care = steps[Urgency.SELF_CARE]
    article.paragraph(escape(f"{self_care.summary} {self_care.advice}") + article.refs(self_care.citations))
    article.heading(2, "Sources")
    article.lines += [f"{number}. {cite(source)}" for number, source in enumerate(sources(), start=1)]
    article.lines.append("")
    article.heading(2, "About this information")
    article.paragraph(f"**{escape(meta.disclaimer)}**")
    article.paragraph(
        escape(
            f"Content version {meta.content_version}, last reviewed {meta.last_reviewed.isoformat()}, "
            f"next review due {meta.next_review.isoformat()}. Licence: {meta.license}. {meta.attribution}"
        )
    )
    return "\n".join(article.lines).rstrip("\n") + "\n"
