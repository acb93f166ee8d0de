"""docs/safety.md: the tests it names exist, each hazard has its parts, and the DECISION rows come from the package."""

from __future__ import annotations

import ast
import importlib.util
import json
import re
from functools import cache
from pathlib import Path
from types import ModuleType

import attrs
import pytest

import spasmfacts
from spasmfacts.cli import SHOW_TOPICS, main

ROOT = Path(__file__).resolve().parent.parent
PAGE = ROOT / "docs" / "safety.md"
TEXT = PAGE.read_text(encoding="utf-8")
REFERENCE = re.compile(r"tests/(test_\w+\.py)::(test_\w+)(?:\[[^\]\s]*\])?")
"""A test named by its pytest node id; a parametrized one may carry its case id, which is ignored."""
PARTS = ("Causes", "Effects", "Controls in the design", "Tests that pin the controls", "Residual risk")
DECISION_IDS = {rule.id for rule in spasmfacts.RULES if rule.decision is not None}


@cache
def _test_names(filename: str) -> frozenset[str]:
    """The test functions a test module defines, at module level or in its classes (a parametrized one once)."""
    path = ROOT / "tests" / filename
    if not path.is_file():
        return frozenset()
    tree = ast.parse(path.read_text(encoding="utf-8"))
    nodes = [*tree.body, *(node for cls in tree.body if isinstance(cls, ast.ClassDef) for node in cls.body)]
    return frozenset(
        node.name
        for node in nodes
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name.startswith("test")
    )


def _hazards() -> dict[str, str]:
    """Each hazard section of the page by its label (``hazard-h1``...), up to the next section."""
    parts = re.split(r"^\((hazard-h\d+)\)=\n", TEXT, flags=re.MULTILINE)
    sections = dict(zip(parts[1::2], parts[2::2], strict=True))
    last = list(sections)[-1]
    sections[last] = sections[last].split("\n## ", 1)[0]
    return sections


def _extension() -> ModuleType:
    path = ROOT / "docs" / "_ext" / "spasmfacts_tables.py"
    spec = importlib.util.spec_from_file_location("spasmfacts_tables", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _table_ids(markdown: str) -> set[str]:
    """The ids in the second column of a generated Markdown table."""
    rows = [line.split(" | ") for line in markdown.splitlines()[2:] if line.startswith("| ")]
    return {row[1].strip("`") for row in rows}


def test_every_test_named_on_the_page_exists() -> None:
    """Each test the safety case names is defined in its test module, so a renamed or removed test fails here."""
    references = REFERENCE.findall(TEXT)
    assert len(references) >= 40
    missing = [f"tests/{module}::{name}" for module, name in references if name not in _test_names(module)]
    assert missing == []


def test_the_reference_check_catches_a_missing_test() -> None:
    """The check above finds a test that does not exist, in a module that does and in one that does not."""
    assert "test_every_test_named_on_the_page_exists" in _test_names("test_safety_doc.py")
    assert "test_no_such_test" not in _test_names("test_safety_doc.py")
    assert _test_names("test_no_such_module.py") == frozenset()
    assert REFERENCE.findall("`tests/test_x.py::test_y[case-1]`") == [("test_x.py", "test_y")]


def test_every_hazard_has_its_parts_and_at_least_one_test() -> None:
    """Each hazard states causes, effects, controls, the tests that pin them and the residual risk, in that order."""
    hazards = _hazards()
    assert len(hazards) >= 10
    for label, section in hazards.items():
        positions = [section.find(f"\n{part}\n: ") for part in PARTS]
        assert -1 not in positions, label
        assert positions == sorted(positions), label
        tests = section[positions[3] : positions[4]]
        assert REFERENCE.search(tests), label


def test_summary_table_lists_every_hazard() -> None:
    """The hazard log's summary table links each hazard section, and no other."""
    linked = re.findall(r"^\| H\d+ \| \{ref\}`[^`<]+<(hazard-h\d+)>` \|", TEXT, flags=re.MULTILINE)
    assert linked == list(_hazards())


@pytest.mark.parametrize(
    "words",
    [
        "an emergency sign is reported, but the result is not emergency",
        'unanswered questions are read as "no"',
        "advice is not shown",
        "damaged on disk",
        "wrong codes in an export",
        "an app shows a result without its reasons",
        "under 16",
        "on a fluid limit is told to drink",
        "shown without its cautions",
        "out of date",
    ],
)
def test_the_hazards_the_issue_names_are_logged(words: str) -> None:
    """The hazards the safety-case issue names each have a section heading of their own."""
    headings = re.findall(r"^### H\d+\. (.+)$", TEXT, flags=re.MULTILINE)
    assert any(words in heading.lower() for heading in headings)


def test_page_lists_every_decision_row_from_the_package() -> None:
    """The page holds the decision-rows marker, which renders exactly the rows with a decision, each with its reason."""
    assert "\n<!-- spasmfacts: decision-rows -->\n" in TEXT
    rendered = _extension().decision_rows(None)
    assert _table_ids(rendered) == DECISION_IDS
    assert len(DECISION_IDS) >= 18
    extension = _extension()
    for rule in spasmfacts.RULES:
        if rule.decision is not None:
            assert extension.escape(rule.decision) in rendered


def test_unsigned_review_leaves_every_decision_row_awaiting_sign_off() -> None:
    """While the review record is unsigned, every DECISION row shows as awaiting clinician sign-off."""
    assert spasmfacts.metadata().review.status == spasmfacts.NOT_REVIEWED
    rendered = _extension().decision_rows(None)
    assert rendered.count("awaiting clinician sign-off") == len(DECISION_IDS)


@pytest.mark.parametrize(("rules_version", "signed"), [(spasmfacts.RULES_VERSION, True), ("1.0", False)])
def test_sign_off_counts_only_for_the_rules_version_in_force(
    monkeypatch: pytest.MonkeyPatch, rules_version: str, signed: bool
) -> None:
    """A signed review marks the DECISION rows signed off only if it covers the rule table's current version."""
    meta = spasmfacts.metadata()
    review = spasmfacts.ClinicalReview(
        status="reviewed",
        reviewer="A. Reviewer",
        role="general practitioner",
        date=meta.updated,
        rules_version=rules_version,
    )
    monkeypatch.setattr(spasmfacts, "metadata", lambda: attrs.evolve(meta, review=review))
    extension = _extension()
    rendered = extension.decision_rows(None)
    assert rendered.count("signed off on") == (len(DECISION_IDS) if signed else 0)
    assert rendered.count("awaiting clinician sign-off") == (0 if signed else len(DECISION_IDS))
    record = extension.review_record(None)
    assert "reviewer\n: A. Reviewer" in record
    assert f"`{rules_version}`" in record


def test_review_record_and_intended_use_come_from_the_package() -> None:
    """The page renders the review record and the intended-use statements from the package's metadata."""
    extension = _extension()
    meta = spasmfacts.metadata()
    assert "\n<!-- spasmfacts: review-record -->\n" in TEXT
    assert "\n<!-- spasmfacts: intended-use -->\n" in TEXT
    record = extension.review_record(None)
    assert f"**{extension.escape(meta.review.status)}**" in record
    assert "reviewer\n: none yet" in record
    listed = extension.intended_use(None).splitlines()
    assert listed == [f"{n}. {extension.escape(text)}" for n, text in enumerate(meta.intended_use, 1)]


def test_page_is_in_the_table_of_contents() -> None:
    """The safety case is reachable from the docs' front page."""
    index = (ROOT / "docs" / "index.md").read_text(encoding="utf-8")
    assert re.search(r"^safety$", index, flags=re.MULTILINE)


@pytest.mark.parametrize("topic", SHOW_TOPICS)
def test_show_states_the_review_status_plainly(topic: str, capsys: pytest.CaptureFixture[str]) -> None:
    """`spasmfacts show TOPIC` says in words whether a clinician has reviewed the content, as the page claims."""
    assert main(["show", topic]) == 0
    status = spasmfacts.metadata().review.status
    assert re.search(rf"^[^:\n]*[Rr]eview[^:\n]*: {re.escape(status)}\.$", capsys.readouterr().out, re.MULTILINE)


def test_check_states_the_review_status_plainly(capsys: pytest.CaptureFixture[str]) -> None:
    """`spasmfacts check`, as JSON and as text, states the review status beside the result, as the page claims."""
    assert main(["check", "--area", "leg", "--json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert (document["review_status"], document["rules_version"]) == (spasmfacts.NOT_REVIEWED, spasmfacts.RULES_VERSION)
    assert main(["check", "--area", "leg"]) == 0
    assert capsys.readouterr().out.endswith(f"\n{document['labels']['review']} {spasmfacts.NOT_REVIEWED}.\n")
