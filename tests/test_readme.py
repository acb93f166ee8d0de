"""The README's promises: the two commands it opens with, and the rule table as the code has it."""

from __future__ import annotations

import re
from pathlib import Path

from spasmfacts import RULES

README = Path(__file__).resolve().parent.parent / "README.md"


def _text() -> str:
    return README.read_text(encoding="utf-8")


def test_readme_opens_with_the_install_and_test_commands() -> None:
    """The first code block installs the package and runs the command line, then the test extra and pytest."""
    block = re.search(r"```sh\n(.*?)```", _text(), re.DOTALL)
    assert block is not None
    first, second = block.group(1).strip().splitlines()
    assert "pip install ." in first
    assert "spasmfacts check" in first
    assert 'pip install ".[test]"' in second
    assert second.endswith("python -m pytest")


def test_readme_says_it_is_not_medical_advice() -> None:
    """The README states plainly that this is information, not medical advice, needing clinician review."""
    text = _text()
    assert "not medical advice" in text
    assert "reviewed by a clinician" in text


def test_readme_states_the_intended_use() -> None:
    """The README says for whom the rule is meant (adults 16 and over) and that unanswered never counts as no."""
    text = _text()
    assert "adults (16 and over)" in text
    assert 'never count as "no"' in text


def test_readme_marks_every_decision_row() -> None:
    """Every row whose urgency is our own choice is marked "decision" in the README's table, and no other row is."""
    marked = set(re.findall(r"^\| [AEN]\d+[a-c]? \| `([a-z-]+)` \| .+? \| \w+ \(decision\) \|", _text(), re.MULTILINE))
    assert marked == {rule.id for rule in RULES if rule.decision is not None}


def test_readme_rule_table_matches_the_code() -> None:
    """Every row of the README's rule table is the code's row: label, id, what fires it, urgency, sources, in order."""
    row = r"^\| ([AEN]\d+[a-c]?) \| `([a-z-]+)` \| (.+?) \| (\w+)(?: \(decision\))? \| (.+?) \|$"
    rows = re.findall(row, _text(), re.MULTILINE)
    expected = [(rule.label, rule.id, rule.fires_when, rule.urgency.value, ", ".join(rule.sources)) for rule in RULES]
    assert rows == expected
