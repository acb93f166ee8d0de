"""Markdown: the whole content as an article, and one result in the order an app must show it."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from hypothesis import given

from spasmfacts import (
    DEFAULT_POLICY,
    Citation,
    Episode,
    Policy,
    TreatmentKind,
    Urgency,
    assess,
    assessment_to_dict,
    catalogs,
    interop,
)
from spasmfacts.episode import FLAG_FIELDS
from spasmfacts.interop.markdown import escape, link, text_blocks
from strategies import SPEC_ROWS, episodes, policies

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


def _shown(text: str, indent: str = "") -> str:
    """A content text as the Markdown shows it: escaped, its lines and lists kept."""
    return "\n".join(text_blocks(text, indent))


def _detail_after(line: str, detail: str) -> bool:
    """Whether ``detail`` (indented under a list item) follows ``line`` in the article."""
    return f"{line}\n\n{_shown(detail, '  ')}\n" in ARTICLE


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
        "## Take care",
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
        step = steps[urgency]
        assert "\n".join(group).startswith(f"\n{_shown(step.advice)}\n\nSources:")
        assert _numbers(next(line for line in group if line.startswith("Sources: "))) == _cited(step.citations)
        for sign in catalogs.warning_signs():
            present = any(line.startswith(f"- **{escape(sign.name)}**: ") for line in group)
            assert present is (sign.urgency is urgency), sign.id
        for sign in (sign for sign in catalogs.warning_signs() if sign.urgency is urgency):
            line = _line_of(sign.name, group)
            assert escape(sign.summary) in line
            assert _detail_after(line, sign.advice), sign.id
    self_care = "\n".join(_section(headings[3]))
    assert f"{escape(steps[Urgency.SELF_CARE].summary)}\n\n{_shown(steps[Urgency.SELF_CARE].advice)}" in self_care
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
            assert link(source.title, source.url) in line


def test_every_reference_number_points_at_a_source() -> None:
    """Every [n] mark in the article is the number of a listed source."""
    marks = {int(n) for group in re.findall(r" \[([0-9, ]+)\]$", ARTICLE, re.MULTILINE) for n in group.split(", ")}
    assert marks
    assert marks <= set(range(1, len(catalogs.sources()) + 1))


def test_cautions_in_their_section() -> None:
    """Every caution appears under "Take care" with its summary and text, marked with its sources' numbers."""
    lines = _section("## Take care")
    for caution in catalogs.cautions():
        line = _line_of(caution.name, lines)
        assert escape(caution.summary) in line
        assert _detail_after(line, caution.text)
        assert _numbers(line) == _cited(caution.citations)


def test_disclaimer_and_metadata_at_the_end() -> None:
    """The article ends with the disclaimer, intended use, review status, version, dates, licence and attribution."""
    meta = catalogs.metadata()
    about = " ".join(_section("## About this information"))
    for text in (
        meta.disclaimer,
        *meta.intended_use,
        meta.review.status,
        meta.content_version,
        meta.updated.isoformat(),
        meta.next_review.isoformat(),
        meta.license,
        meta.attribution,
    ):
        assert escape(text) in about


def test_every_item_name_appears() -> None:
    """Every name of every collection, and every source title, appears in the article."""
    for collection in (
        "causes",
        "conditions",
        "symptoms",
        "treatments",
        "prevention_measures",
        "warning_signs",
        "cautions",
    ):
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


@pytest.mark.parametrize(
    ("text", "lines"),
    [
        ("One line.", ["One line."]),
        ("First.\nSecond.", ["First.", "", "Second."]),
        ("Call if:\n- a\n- *b*\nThen wait.", ["Call if:", "", "- a", "- \\*b\\*", "", "Then wait."]),
        ("- a\n\n- b", ["- a", "- b"]),
        ("-not a list\n1. no list", ["\\-not a list", "", "1\\. no list"]),
    ],
)
def test_text_blocks_keep_lines_and_lists(text: str, lines: list[str]) -> None:
    """A multi-line content text keeps its paragraphs and '- ' lists, set apart by blank lines, every line escaped."""
    assert text_blocks(text) == lines
    assert text_blocks(text, "  ") == [f"  {line}" if line else "" for line in lines]


def test_link_encodes_characters_that_would_end_the_address() -> None:
    """link() escapes the label and percent-encodes spaces, parentheses and angle brackets in the address."""
    assert link("A [b]", "https://example.org/a (b)<c>") == r"[A \[b\]](https://example.org/a%20%28b%29%3Cc%3E)"


# --- one result ------------------------------------------------------------------------------------


def _in_order(text: str, parts: list[str]) -> bool:
    """Whether every part is found in ``text``, each after the end of the one before."""
    position = 0
    for part in parts:
        found = text.find(part, position)
        if found < 0:
            return False
        position = found + len(part)
    return True


@given(episodes, policies)
def test_a_result_carries_every_part_in_order(episode: Episode, policy: Policy) -> None:
    """Any result: the next step, then each reason's advice, the unanswered questions, notes and cautions, in order."""
    assessment = assess(episode, policy=policy)
    document = assessment_to_dict(assessment)
    text = interop.assessment_markdown(assessment)
    step = f"{escape(document['next_step']['summary'])}\n\n{_shown(document['next_step']['advice'])}"
    reasons = [_shown(reason["advice"]) for reason in document["reasons"]]
    cautions = [_shown(caution["text"]) for caution in document["cautions"]]
    notes = [escape(item["note"]) for item in document["outside_intended_use"]]
    questions = [f"- {escape(item['question'])}" for item in document["unanswered"]]
    if document["complete"] or document["reasons"]:
        assert _in_order(text, [step, *reasons, *questions, *notes, *cautions])
    else:
        assert text.startswith(f"**{escape(document['labels']['incomplete'])}**")
        assert _in_order(text, [*questions, step, *notes, *cautions])
    assert escape(document["disclaimer"]) in text
    assert text.endswith("\n")


def test_the_order_check_fails_on_a_wrong_order() -> None:
    """The order check above is not vacuous: parts out of order, or missing, fail it."""
    assert _in_order("a b c", ["a", "c"])
    assert not _in_order("a b c", ["c", "a"])
    assert not _in_order("a b c", ["d"])


def test_a_fully_answered_result_lists_no_unanswered_question() -> None:
    """With every question answered, the Markdown has no "not answered" heading and no question list."""
    # Every flag answered "no", and self-care answered "it helped" (its "no" fires a row).
    fields = {**dict.fromkeys(FLAG_FIELDS, False), "improves_with_self_care": True}
    episode = Episode(
        severity="mild",
        duration=timedelta(seconds=30),
        body_areas={"leg"},
        accompanied_by=[],
        medicines=[],
        age_group="adult",
        **fields,
    )
    assessment = assess(episode)
    assert assessment.unanswered == ()
    document = assessment_to_dict(assessment)
    text = interop.assessment_markdown(assessment)
    assert escape(document["labels"]["unanswered"]) not in text
    assert escape(document["labels"]["reasons"]) not in text


def test_an_emergency_result_opens_with_the_action() -> None:
    """An emergency result's Markdown opens with the emergency headline, never with a reason or 'book'."""
    assessment = assess(Episode(body_areas={"neck"}, accompanied_by={"fever"}, severity="severe"))
    headline = assessment_to_dict(assessment)["headline"]
    assert "emergency number" in headline
    assert interop.assessment_markdown(assessment).startswith(f"**{escape(headline)}**\n\n")


def test_every_rows_advice_reaches_the_markdown() -> None:
    """For each of the 51 rows, an episode that fires it gives Markdown with that sign's name and advice."""
    for spec in SPEC_ROWS:
        sign = catalogs.warning_signs().lookup(spec.id)
        fields = spec.when.ways(DEFAULT_POLICY)[0]
        text = interop.assessment_markdown(assess(Episode(**fields)))
        assert f"**{escape(sign.name)}** (" in text, spec.id
        assert _shown(sign.advice) in text, spec.id


def test_sources_are_linked_in_a_result() -> None:
    """A reason's sources appear as Markdown links to their addresses, the bundled article by title."""
    assessment = assess(Episode(accompanied_by={"fever"}, body_areas={"leg"}))
    text = interop.assessment_markdown(assessment)
    for source_id in assessment.reasons[0].sources:
        source = catalogs.sources().lookup(source_id)
        assert (escape(source.title) if source.url is None else link(source.title, source.url)) in text


@pytest.mark.parametrize("value", [None, Episode(), {"urgency": "routine"}])
def test_assessment_markdown_takes_an_assessment_only(value: object) -> None:
    """Anything but an Assessment raises TypeError naming what was given."""
    with pytest.raises(TypeError, match="assessment_markdown\\(\\) takes an Assessment"):
        interop.assessment_markdown(value)  # type: ignore[arg-type]
