"""Sphinx extension: the pages of the spasmfacts docs that come from the package itself.

A line ``<!-- spasmfacts: NAME [ARGUMENT] -->`` in a page is replaced, when Sphinx reads
the page, with MyST Markdown rendered from the installed package:

``rule-table``
    :data:`spasmfacts.RULES` joined with :func:`spasmfacts.warning_signs`: every row with
    its label, id, what fires it, urgency, the sources as linked titles, and the decision
    behind an urgency of our own choosing with its reason (``Rule.decision``).
``urgency-next-steps``
    Each urgency with the next step the content gives for it.
``content``
    The content catalogue: every item of every collection, with citations and codes, and
    the content version and review dates from :func:`spasmfacts.metadata`.
``cli-help [COMMAND]``
    The help text of ``spasmfacts [COMMAND] --help``, from :func:`spasmfacts.cli.main`.
``benchmark-guide``
    The benchmark's guide and recorded figures, ``benchmarks/README.md``, without its title.
``decision-rows``
    Every row of :data:`spasmfacts.RULES` whose urgency is a DECISION, with its reason and
    its sign-off status from the clinical review record.
``review-record``
    The clinical review record, :attr:`spasmfacts.metadata().review <spasmfacts.Metadata.review>`.
``intended-use``
    The intended-use statements the package carries, :attr:`spasmfacts.Metadata.intended_use`.

Nothing on those pages is copied by hand, so a page cannot go stale: the pages that hold
a marker are read again on every build, and an unknown marker fails the build.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, TypeVar

from sphinx.errors import ExtensionError

import spasmfacts
from spasmfacts.cli import main as cli_main

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

MARKER = re.compile(r"^<!-- spasmfacts: (?P<name>[a-z-]+)(?: (?P<argument>[a-z-]+))? -->$", re.MULTILINE)

CODE_SYSTEMS = {
    "http://hl7.org/fhir/sid/icd-10-cm": "ICD-10-CM",
    "http://snomed.info/sct": "SNOMED CT",
    "http://www.whocc.no/atc": "WHO ATC",
}
"""Short names for the code systems the content uses; any other system is shown by its URI."""

URGENCY_WORDS = {
    spasmfacts.Urgency.SELF_CARE: "self-care",
    spasmfacts.Urgency.ROUTINE: "routine",
    spasmfacts.Urgency.URGENT: "urgent",
    spasmfacts.Urgency.EMERGENCY: "emergency",
}

KIND_WORDS = {
    spasmfacts.TreatmentKind.SELF_CARE: "self-care",
    spasmfacts.TreatmentKind.OTC_MEDICINE: "over-the-counter medicine",
    spasmfacts.TreatmentKind.PRESCRIPTION_MEDICINE: "prescription medicine",
    spasmfacts.TreatmentKind.PROFESSIONAL_CARE: "professional care",
}

HELP_COLUMNS = "88"
"""The terminal width the command-line help is wrapped to, so the page is the same on every machine."""

_SPECIAL = re.compile(r"([\\`*_\[\]<>|{}$#&~!^])")


def escape(text: str) -> str:
    """``text`` as literal MyST inline text: every character Markdown or MyST could read as syntax escaped."""
    return _SPECIAL.sub(r"\\\1", " ".join(text.split()))


def code(text: str) -> str:
    """``text`` as inline code (the content's ids and codes never hold a backtick)."""
    if "`" in text:
        msg = f"cannot show {text!r} as inline code"
        raise ExtensionError(msg)
    return f"`{text}`"


def ref(text: str, target: str) -> str:
    """A reference to ``target`` shown as ``text``; role content is not Markdown, so it is checked, not escaped."""
    if re.search(r"[`<>\\]", text):
        msg = f"cannot show {text!r} as the text of a reference"
        raise ExtensionError(msg)
    return f"{{ref}}`{text} <{target}>`"


def link(text: str, url: str) -> str:
    """A Markdown link to ``url`` shown as ``text`` (already Markdown)."""
    if re.search(r"[\s<>]", url):
        msg = f"cannot link to {url!r}"
        raise ExtensionError(msg)
    return f"[{text}](<{url}>)"


def table(header: Iterable[str], rows: Iterable[Iterable[str]]) -> str:
    """A Markdown table; cells are already escaped Markdown."""
    head = list(header)
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def source_link(source: spasmfacts.Source) -> str:
    """A source as its title (linked where it has an address) and its publisher."""
    shown = link(escape(source.title), source.url) if source.url else ref(source.title, "content-sources")
    return f"{shown} ({escape(source.publisher)})"


def source_links(ids: Iterable[str]) -> str:
    """Each source once, in order, as :func:`source_link` joined by semicolons."""
    catalog = spasmfacts.sources()
    return "; ".join(source_link(catalog.lookup(source_id)) for source_id in dict.fromkeys(ids))


def source_id_link(source: spasmfacts.Source) -> str:
    """A source as its id, linked to its address (the bundled article, which has none, to the sources list)."""
    return link(code(source.id), source.url) if source.url else ref(source.id, "content-sources")


def citations(items: Iterable[spasmfacts.Citation]) -> str:
    """Citations grouped by source, in order: each source's id (linked), then the sections cited."""
    sections: dict[str, list[str]] = {}
    for citation in items:
        sections.setdefault(citation.source, [])
        if citation.section not in sections[citation.source]:
            sections[citation.source].append(citation.section)
    catalog = spasmfacts.sources()
    return "; ".join(
        f"{source_id_link(catalog.lookup(source_id))}: " + ", ".join(f"*{escape(section)}*" for section in cited)
        for source_id, cited in sections.items()
    )


def codes(items: Iterable[spasmfacts.Code]) -> str:
    """Codes as ``SYSTEM code display``, or a dash when there are none."""
    shown = [f"{escape(CODE_SYSTEMS.get(c.system, c.system))} {code(c.code)} {escape(c.display)}" for c in items]
    return "; ".join(shown) or "-"


def rule_table(_: str | None) -> str:
    """The rule table: every row of ``RULES`` joined with its warning sign, and the decision behind its urgency."""
    signs = spasmfacts.warning_signs()
    rows = []
    for rule in spasmfacts.RULES:
        sign = signs.lookup(rule.id)
        rows.append(
            [
                rule.label,
                f"{code(rule.id)}: {ref(sign.name, f'warning-sign-{rule.id}')}",
                escape(rule.fires_when),
                f"**{URGENCY_WORDS[rule.urgency]}**",
                source_links(rule.sources) or "-",
                "-" if rule.decision is None else escape(rule.decision),
            ]
        )
    header = ["row", "id: warning sign", "fires when", "urgency", "sources", "decision and its reason"]
    return table(header, rows)


def urgency_next_steps(_: str | None) -> str:
    """Each urgency, lowest first, with the next step the content gives for it."""
    steps = {step.urgency: step for step in spasmfacts.next_steps()}
    rows = [
        [
            code(urgency.value),
            ref(steps[urgency].id, f"next-step-{steps[urgency].id}"),
            escape(steps[urgency].summary),
        ]
        for urgency in spasmfacts.Urgency
    ]
    return table(["urgency", "next step", "summary"], rows)


class _Item(Protocol):
    """What every catalogue item shown in a table has."""

    @property
    def id(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def summary(self) -> str: ...
    @property
    def citations(self) -> tuple[spasmfacts.Citation, ...]: ...


_T = TypeVar("_T", bound=_Item)


def _item_table(items: Iterable[_T], extra: Sequence[tuple[str, Callable[[_T], str]]] = ()) -> str:
    """A table of ``items``: id, name, summary, the ``extra`` columns, and the sources."""
    header = ["id", "name", "summary", *(name for name, _ in extra), "sources"]
    rows = [
        [
            code(item.id),
            escape(item.name),
            escape(item.summary),
            *(cell(item) for _, cell in extra),
            citations(item.citations),
        ]
        for item in items
    ]
    return table(header, rows)


def _kind(item: spasmfacts.Treatment) -> str:
    return escape(KIND_WORDS[item.kind])


def _codes(item: spasmfacts.Treatment | spasmfacts.Condition) -> str:
    return codes(item.codes)


def _counted(noun: str, count: int) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def _section(target: str, title: str, intro: str) -> str:
    """A second-level heading with a label to refer to, and the paragraph under it."""
    return f"({target})=\n## {title}\n\n{intro}\n"


def _review(review: spasmfacts.ClinicalReview) -> str:
    if review.date is None:
        return escape(review.status)
    return escape(f"{review.status}: {review.reviewer} ({review.role}), {review.date.isoformat()}, rules version ") + (
        code(str(review.rules_version))
    )


def _metadata() -> str:
    meta = spasmfacts.metadata()
    terms = [
        ("content version", f"{code(meta.content_version)} (independent of the package version)"),
        ("language", code(meta.language)),
        ("updated", meta.updated.isoformat()),
        ("clinical review", _review(meta.review)),
        ("next review due", meta.next_review.isoformat()),
        ("intended use", " ".join(escape(statement) for statement in meta.intended_use)),
        ("licence", escape(meta.license)),
        ("attribution", escape(meta.attribution)),
        ("disclaimer", escape(meta.disclaimer)),
    ]
    fields = "\n".join(f"{term}\n: {definition}\n" for term, definition in terms)
    intro = "From {py:func}`spasmfacts.metadata`."
    return _section("content-version", "Version and review", intro) + "\n" + fields


def _overview() -> str:
    overview = spasmfacts.overview()
    names = ", ".join(escape(name) for name in overview.alternate_names)
    intro = (
        f"From {{py:func}}`spasmfacts.overview`. **{escape(overview.name)}** ({code(overview.id)}), "
        f"also called {names}. {escape(overview.summary)}"
    )
    facts = table(
        ["id", "fact", "sources"],
        [[code(fact.id), escape(fact.text), citations(fact.citations)] for fact in overview.facts],
    )
    return (
        _section("content-overview", "Overview", intro)
        + f"\nCodes\n: {codes(overview.codes)}\n\nSources\n: {citations(overview.citations)}\n"
        + f"\n### Facts\n\n{facts}"
    )


def _warning_signs() -> str:
    signs = spasmfacts.warning_signs()
    rules = {rule.id: rule for rule in spasmfacts.RULES}
    intro = (
        f"{_counted('warning sign', len(signs))}, from {{py:func}}`spasmfacts.warning_signs`: one per row of the "
        "{ref}`rule table <rule-table>`, with the same id and urgency. The reason is what a user reads "
        "when the row fires; the advice is what to do."
    )
    parts = [_section("content-warning-signs", "Warning signs", intro)]
    parts.extend(
        f"(warning-sign-{sign.id})=\n### {escape(sign.name)}\n\n"
        f"{code(sign.id)} · row {rules[sign.id].label} of the {{ref}}`rule table <rule-table>` · "
        f"urgency **{URGENCY_WORDS[sign.urgency]}**\n\n"
        f"**Reason shown:** {escape(sign.summary)}\n\n"
        f"**Advice:** {escape(sign.advice)}\n\n"
        f"**Sources:** {citations(sign.citations)}\n"
        for sign in signs
    )
    return "\n".join(parts)


def _next_steps() -> str:
    steps = spasmfacts.next_steps()
    intro = (
        f"{_counted('next step', len(steps))}, from {{py:func}}`spasmfacts.next_steps`: what to do at each "
        "urgency. {py:func}`spasmfacts.assess` gives the one for the result's urgency."
    )
    parts = [_section("content-next-steps", "Next steps", intro)]
    parts.extend(
        f"(next-step-{step.id})=\n### {code(step.id)}\n\n"
        f"urgency **{URGENCY_WORDS[step.urgency]}**\n\n"
        f"**Summary:** {escape(step.summary)}\n\n"
        f"**Advice:** {escape(step.advice)}\n\n"
        f"**Sources:** {citations(step.citations)}\n"
        for step in steps
    )
    return "\n".join(parts)


def _caution_text(item: spasmfacts.Caution) -> str:
    return escape(item.text)


def _questions() -> str:
    questions = spasmfacts.questions()
    intro = (
        f"{_counted('question', len(questions))}, from {{py:func}}`spasmfacts.questions`: the one home of the "
        "question for each {py:class}`~spasmfacts.Episode` field and the label of each answer. The FHIR "
        "Questionnaire, the command line's help and the list of unanswered questions all read them."
    )
    rows = [
        [
            code(question.id),
            escape(question.text),
            "; ".join(f"{code(option.value)} {escape(option.label)}" for option in question.options) or "-",
        ]
        for question in questions
    ]
    return _section("content-questions", "Questions", intro) + "\n" + table(["field", "question", "answers"], rows)


def _sources() -> str:
    catalog = spasmfacts.sources()
    intro = (
        f"{_counted('source', len(catalog))}, from {{py:func}}`spasmfacts.sources`. The content paraphrases "
        "them in its own words; it does not reproduce them."
    )
    rows = [
        [
            code(source.id),
            link(escape(source.title), source.url) if source.url else f"{escape(source.title)} (no web address)",
            escape(source.publisher),
        ]
        for source in catalog
    ]
    return _section("content-sources", "Sources", intro) + "\n" + table(["id", "title", "publisher"], rows)


def content(_: str | None) -> str:
    """The content catalogue: metadata, then every collection, every item, with citations and codes."""
    causes = spasmfacts.causes()
    conditions = spasmfacts.conditions()
    symptoms = spasmfacts.symptoms()
    treatments = spasmfacts.treatments()
    measures = spasmfacts.prevention_measures()
    cautions = spasmfacts.cautions()
    parts = [
        _metadata(),
        _overview(),
        _section("content-causes", "Causes", f"{_counted('cause', len(causes))}, from {{py:func}}`spasmfacts.causes`."),
        _item_table(causes),
        _section(
            "content-conditions",
            "Underlying conditions",
            f"{_counted('condition', len(conditions))}, from {{py:func}}`spasmfacts.conditions`: conditions in "
            "which spasms can be a symptom. A diagnosis is never a warning sign by itself.",
        ),
        _item_table(conditions, [("codes", _codes)]),
        _section(
            "content-symptoms",
            "Symptoms",
            f"{_counted('symptom', len(symptoms))}, from {{py:func}}`spasmfacts.symptoms`.",
        ),
        _item_table(symptoms),
        _section(
            "content-treatments",
            "Treatments",
            f"{_counted('treatment', len(treatments))}, from {{py:func}}`spasmfacts.treatments`; the kind "
            "({py:class}`~spasmfacts.TreatmentKind`) says who gives or gets it.",
        ),
        _item_table(treatments, [("kind", _kind), ("codes", _codes)]),
        _section(
            "content-prevention",
            "Prevention measures",
            f"{_counted('measure', len(measures))}, from {{py:func}}`spasmfacts.prevention_measures`.",
        ),
        _item_table(measures),
        _warning_signs(),
        _next_steps(),
        _section(
            "content-cautions",
            "Cautions",
            f"{_counted('caution', len(cautions))}, from {{py:func}}`spasmfacts.cautions`: shown with a result "
            "where they apply.",
        ),
        _item_table(cautions, [("text", _caution_text)]),
        _questions(),
        _sources(),
    ]
    return "\n".join(parts)


def cli_help(command: str | None) -> str:
    """The help of ``spasmfacts [COMMAND] --help``, as printed by the installed command line."""
    argv = [command, "--help"] if command else ["--help"]
    saved = os.environ.get("COLUMNS")
    os.environ["COLUMNS"] = HELP_COLUMNS
    out = io.StringIO()
    try:
        with contextlib.redirect_stdout(out):
            status = cli_main(argv)
    finally:
        if saved is None:
            del os.environ["COLUMNS"]
        else:
            os.environ["COLUMNS"] = saved
    if status != 0 or not out.getvalue():
        msg = f"spasmfacts {' '.join(argv)} exited {status} without help text"
        raise ExtensionError(msg)
    return f"```text\n{out.getvalue().rstrip()}\n```\n"


ROOT = Path(__file__).resolve().parents[2]
"""The repository: docs/_ext/ is two levels below it."""


def benchmark_guide(_: str | None) -> str:
    """The benchmark's guide, ``benchmarks/README.md``, without its title (the page has its own)."""
    lines = (ROOT / "benchmarks" / "README.md").read_text(encoding="utf-8").splitlines()
    if not lines or not lines[0].startswith("# "):
        msg = "benchmarks/README.md does not start with a title"
        raise ExtensionError(msg)
    return "\n".join(lines[1:]) + "\n"


def _signed_off(review: spasmfacts.ClinicalReview) -> bool:
    """Whether a clinician has signed the review for the rule table as it is now."""
    return review.status != spasmfacts.NOT_REVIEWED and review.rules_version == spasmfacts.RULES_VERSION


def decision_rows(_: str | None) -> str:
    """Each DECISION row (a :class:`~spasmfacts.Rule` with a ``decision``): label, id, urgency, reason, sign-off."""
    review = spasmfacts.metadata().review
    status = (
        f"signed off on {review.date} by a clinician ({escape(str(review.role))})"
        if _signed_off(review)
        else f"**awaiting clinician sign-off** (rules version {code(spasmfacts.RULES_VERSION)})"
    )
    rows = [
        [rule.label, f"{code(rule.id)}", f"**{URGENCY_WORDS[rule.urgency]}**", escape(rule.decision), status]
        for rule in spasmfacts.RULES
        if rule.decision is not None
    ]
    return table(["row", "id", "urgency", "why this urgency is our choice", "sign-off"], rows)


def review_record(_: str | None) -> str:
    """The clinical review record of the content and the rule table, as a definition list."""
    meta = spasmfacts.metadata()
    review = meta.review
    terms = [
        ("status", f"**{escape(review.status)}**"),
        ("reviewer", escape(review.reviewer) if review.reviewer else "none yet"),
        ("role", escape(review.role) if review.role else "none yet"),
        ("date", review.date.isoformat() if review.date else "none yet"),
        ("rules version reviewed", code(review.rules_version) if review.rules_version else "none yet"),
        ("rules version now", code(spasmfacts.RULES_VERSION)),
        ("content version now", code(meta.content_version)),
        ("content updated", meta.updated.isoformat()),
        ("next review due", meta.next_review.isoformat()),
    ]
    return "\n".join(f"{term}\n: {definition}\n" for term, definition in terms)


def intended_use(_: str | None) -> str:
    """The package's own intended-use statements, as a numbered list."""
    return "".join(f"{number}. {escape(text)}\n" for number, text in enumerate(spasmfacts.metadata().intended_use, 1))


GENERATORS: dict[str, Callable[[str | None], str]] = {
    "rule-table": rule_table,
    "urgency-next-steps": urgency_next_steps,
    "content": content,
    "cli-help": cli_help,
    "benchmark-guide": benchmark_guide,
    "decision-rows": decision_rows,
    "review-record": review_record,
    "intended-use": intended_use,
}


def render(source: str) -> str:
    """``source`` with every marker line replaced by what it names."""

    def replace(match: re.Match[str]) -> str:
        generator = GENERATORS.get(match["name"])
        if generator is None:
            msg = f"unknown spasmfacts marker {match['name']!r} (known: {', '.join(GENERATORS)})"
            raise ExtensionError(msg)
        return generator(match["argument"])

    return MARKER.sub(replace, source)


def _source_read(app: Sphinx, docname: str, source: list[str]) -> None:
    rendered = render(source[0])
    if rendered != source[0]:
        source[0] = rendered
        # Recorded with the page, so that _always_outdated reads it again on the next build.
        app.env.metadata[docname]["spasmfacts_generated"] = True


def _always_outdated(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    # The generated pages depend on the package's data, which Sphinx does not track.
    return [name for name, meta in env.metadata.items() if meta.get("spasmfacts_generated") and name not in removed]


def setup(app: Sphinx) -> dict[str, object]:
    """Register the marker replacement; parallel reading is safe, since every page renders on its own."""
    app.connect("source-read", _source_read)
    app.connect("env-get-outdated", _always_outdated)
    return {"version": spasmfacts.__version__, "parallel_read_safe": True, "parallel_write_safe": True}
