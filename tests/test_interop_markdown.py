"""The whole content as a Markdown article, generated from the data."""

from __future__ import annotations

import re

import pytest

from spasmfacts import Citation, TreatmentKind, Urgency, catalogs, interop
from spasmfacts.interop.markdown import escape, link

ARTICLE = interop.markdown()
LINES = ARTICLE.splitlines()


def _section(heading: str) -> list[str]:
    """The lines under ``heading`` up to the next heading of the same or a higher level."""
    start = LINES.index(heading)
    level = heading.split(" ", maxsplit=1)[0]
    end = next(
        (
            index
            for index in range(start + 1, len(LINES))
            if LINES[index].startswith("#") and len(LINES[index].split(" ")[0]) <= len(level)
        ),
        len(LINES),
    )
    return LINES[start + 1 : end]


def _line_of(name: str, lines: list[str]) -> str:
    (line,) = [line for line in lines if line.startswith(f"- **{escape(name)}**: ")]
    return line


def _numbers(line: str) -> set[int]:
    match = re.search(r" \[([0-9, ]+)\]$", line)
    assert match is not None, line
    return {int(number) for number in match.group(1).split(", ")}


def _cited(citations: tuple[Citation, ...]) -> set[int]:
    numbers = {source.id: index for index, source in enumerate(catalogs.sources(), start=1)}
    return {numbers[citation.source] for citation in citations}


def test_sections_in_order() -> None:
    """The article has its title, then its sections in order: overview, causes, ..., sources, disclaimer."""
    assert LINES[0] == f"# {catalogs.overview().name}"
    assert [line for line in LINES if line.startswith("## ")] == [
        "## Overview",
        "## Causes",
        "## Underlying conditions",
        "## Symptoms",
        "## Treatments",
        "## Prevention",
        "## When to see a doctor",
        "## Sources",
        "## About this information",
    ]


def test_ends_with_one_newline_and_no_trailing_space() -> None:
    """The article ends with exactly one newline and no line has trailing white space."""
    assert ARTICLE.endswith("\n")
    assert not ARTICLE.endswith("\n\n")
    assert all(line == line.rstrip() for line in LINES)


def test_overview_has_summary_names_and_facts() -> None:
    """The overview carries the summary, the other names and every fact."""
    topic = catalogs.overview()
    assert any(line.startswith(escape(topic.summary)) for line in LINES[:6])
    assert f"*Also called: {escape(', '.join(topic.alternate_names))}.*" in LINES
    overview = _section("## Overview")
    for fact in topic.facts:
        assert f"- {escape(fact.text)} [{', '.join(map(str, sorted(_cited(fact.citations))))}]" in overview


@pytest.mark.parametrize(
    ("heading", "collection"),
    [
        ("## Causes", "causes"),
        ("## Underlying conditions", "conditions"),
        ("## Symptoms", "symptoms"),
        ("## Prevention", "prevention_measures"),
    ],
)
def test_every_item_of_a_collection_in_its_section(heading: str, collection: str) -> None:
    """Every item's name and summary appears in its section, in data order, marked with its sources' numbers."""
    lines = _section(heading)
    items = list(getattr(catalogs, collection)())
    for item in items:
        line = _line_of(item.name, lines)
        assert escape(item.summary) in line
        assert _numbers(line) == _cited(item.citations)
    assert [lines.index(_line_of(item.name, lines)) for item in items] == sorted(
        lines.index(_line_of(item.name, lines)) for item in items
    )


def test_treatments_grouped_by_kind() -> None:
    """Each treatment appears under the heading of its kind, the kinds in their order."""
    treatments = _section("## Treatments")
    headings = [line for line in treatments if line.startswith("### ")]
    kinds = [kind for kind in TreatmentKind if any(item.kind is kind for item in catalogs.treatments())]
    assert len(headings) == len(kinds)
    for heading, kind in zip(headings, kinds, strict=True):
        group = _section(heading)
        for item in catalogs.treatments():
            assert any(line.startswith(f"- **{escape(item.name)}**") for line in group) is (item.kind is kind)


def test_warning_signs_by_urgency_most_urgent_first() -> None:
    """Under "When to see a doctor" the warning signs are grouped by urgency, emergency first, with the next step."""
    help_lines = _section("## When to see a doctor")
    headings = [line for line in help_lines if line.startswith("### ")]
    assert len(headings) == 4
    steps = {step.urgency: step for step in catalogs.next_steps()}
    for heading, urgency in zip(headings[:3], [Urgency.EMERGENCY, Urgency.URGENT, Urgency.ROUTINE], strict=True):
        group = _section(heading)
        assert group[1].startswith(escape(steps[urgency].advice))
        for sign in catalogs.warning_signs():
            present = any(line.startswith(f"- **{escape(sign.name)}**: ") for line in group)
            assert present is (sign.urgency is urgency), sign.id
        for sign in (sign for sign in catalogs.warning_signs() if sign.urgency is urgency):
            line = _line_of(sign.name, group)
            assert escape(sign.summary) in line
            assert escape(sign.advice) in line
    self_care = _section(headings[3])
    assert escape(steps[Urgency.SELF_CARE].advice) in self_care[1]
    assert "emergency" in headings[0].lower()


def test_sources_numbered_with_their_addresses() -> None:
    """Sources are numbered in order, each with title and publisher, linked where it has an address."""
    sources = [line for line in _section("## Sources") if line]
    assert len(sources) == len(catalogs.sources())
    for number, (line, source) in enumerate(zip(sources, catalogs.sources(), strict=True), start=1):
        assert line.startswith(f"{number}. ")
        assert escape(source.publisher) in line
        if source.url is None:
            assert line == f"{number}. {escape(source.title)}, {escape(source.publisher)}"
        else:
            assert f"[{escape(source.title)}]({source.url})" in line


def test_every_reference_number_points_at_a_source() -> None:
    """Every [n] mark in the article is the number of a listed source."""
    marks = {int(n) for group in re.findall(r" \[([0-9, ]+)\]$", ARTICLE, re.MULTILINE) for n in group.split(", ")}
    assert marks
    assert marks <= set(range(1, len(catalogs.sources()) + 1))


def test_disclaimer_and_metadata_at_the_end() -> None:
    """The article ends with the disclaimer, content version, review dates, licence and attribution."""
    meta = catalogs.metadata()
    about = " ".join(_section("## About this information"))
    for text in (
        meta.disclaimer,
        meta.content_version,
        meta.last_reviewed.isoformat(),
        meta.next_review.isoformat(),
        meta.license,
        meta.attribution,
    ):
        assert escape(text) in about


def test_every_item_name_appears() -> None:
    """Every name of every collection, and every source title, appears in the article."""
    for collection in ("causes", "conditions", "symptoms", "treatments", "prevention_measures", "warning_signs"):
        for item in getattr(catalogs, collection)():
            assert f"**{escape(item.name)}**" in ARTICLE
    for source in catalogs.sources():
        assert escape(source.title) in ARTICLE


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("plain text, (brackets) and 'quotes'", "plain text, (brackets) and 'quotes'"),
        ("*bold* _it_ `code`", r"\*bold\* \_it\_ \`code\`"),
        ("[link](x) <b> a|b ~x~ &amp; #5 \\", r"\[link\](x) \<b\> a\|b \~x\~ \&amp; \#5 \\"),
        ("# heading", r"\# heading"),
        ("- item", r"\- item"),
        ("+ item", r"\+ item"),
        ("> quote", r"\> quote"),
        ("= line", r"\= line"),
        ("1. item", r"1\. item"),
        ("12) item", r"12\) item"),
        ("a\nb  c\t d", "a b c d"),
        ("1.5 and - more", "1.5 and - more"),
    ],
)
def test_escape_keeps_text_literal(text: str, escaped: str) -> None:
    """escape() backslash-escapes Markdown syntax and folds the text to one line, leaving ordinary text alone."""
    assert escape(text) == escaped


def test_link_encodes_characters_that_would_end_the_address() -> None:
    """link() escapes the label and percent-encodes spaces, parentheses and angle brackets in the address."""
    assert link("A [b]", "https://example.org/a (b)<c>") == r"[A \[b\]](https://example.org/a%20%28b%29%3Cc%3E)"
