"""`spasmfacts export`: every document to standard output or to a file, and one-line errors."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from spasmfacts import interop
from spasmfacts.cli import EXPORTS, main
from spasmfacts.content import ContentLoader

EXPECTED: dict[str, Any] = {
    "content": interop.content_document,
    "jsonld": interop.jsonld,
    "markdown": interop.markdown,
    "questionnaire": interop.fhir_questionnaire,
    "code-system": interop.fhir_code_system,
    "concept-map": interop.fhir_concept_map,
    "schema-content": lambda: interop.json_schema("content"),
    "schema-episode": lambda: interop.json_schema("episode"),
    "schema-assessment": lambda: interop.json_schema("assessment"),
    "scenarios": interop.scenarios_jsonl,
}
TEXTS = {"markdown", "scenarios"}
"""The exports written as text (Markdown, JSON Lines); the others are one JSON document."""


def test_every_export_is_covered() -> None:
    """The command line offers exactly the documents these tests check."""
    assert set(EXPORTS) == set(EXPECTED)


@pytest.mark.parametrize("name", EXPORTS)
def test_export_to_standard_output(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    """`spasmfacts export NAME` writes the document to standard output: JSON that parses, or the text as it is."""
    assert main(["export", name]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    assert out.endswith("\n")
    if name in TEXTS:
        assert out == EXPECTED[name]()
    else:
        assert json.loads(out) == EXPECTED[name]()
        assert out == json.dumps(EXPECTED[name](), indent=2, ensure_ascii=False) + "\n"


@pytest.mark.parametrize("name", EXPORTS)
def test_export_to_a_file(name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`-o FILE` writes the same text to the file (UTF-8) and nothing to standard output."""
    assert main(["export", name]) == 0
    printed = capsys.readouterr().out
    target = tmp_path / f"{name}.out"
    assert main(["export", name, "-o", str(target)]) == 0
    assert capsys.readouterr() == ("", "")
    assert target.read_text(encoding="utf-8") == printed


def test_dash_means_standard_output(capsys: pytest.CaptureFixture[str]) -> None:
    """`-o -` writes to standard output, as the usual convention has it, and creates no file named '-'."""
    assert main(["export", "schema-episode", "-o", "-"]) == 0
    assert json.loads(capsys.readouterr().out) == interop.json_schema("episode")
    assert not Path("-").exists()


def test_export_replaces_an_existing_file(tmp_path: Path) -> None:
    """Writing over an existing file replaces its whole content."""
    target = tmp_path / "schema.json"
    target.write_text("x" * 1_000_000, encoding="utf-8")
    assert main(["export", "schema-episode", "--output", str(target)]) == 0
    assert json.loads(target.read_text(encoding="utf-8")) == interop.json_schema("episode")


@pytest.mark.parametrize("where", ["/nonexistent/dir/x", "{tmp}", "{tmp}/a\nb/c.json"])
def test_unwritable_output_exits_2_with_one_line(
    where: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A file that cannot be written (missing directory, a directory) exits 2 with one stderr line, no traceback."""
    target = where.format(tmp=tmp_path)
    assert main(["export", "content", "-o", target]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.count("\n") == 1
    assert err.startswith("spasmfacts: cannot write ")
    assert "Traceback" not in err


def test_unloadable_content_exits_3(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """When the content cannot be loaded, export exits 3 with one line and writes no file."""
    monkeypatch.setattr("spasmfacts.content._default", ContentLoader(tmp_path / "missing"))
    target = tmp_path / "content.json"
    assert main(["export", "content", "-o", str(target)]) == 3
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith("spasmfacts: cannot load the content: ")
    assert err.count("\n") == 1
    assert not target.exists()


@pytest.mark.parametrize(("name", "resource"), [("code-system", "CodeSystem"), ("concept-map", "ConceptMap")])
def test_export_gains_the_published_fhir_resources(
    name: str, resource: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """`spasmfacts export code-system` and `concept-map` write the FHIR resources the docs site publishes."""
    assert main(["export", name]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["resourceType"] == resource
    assert document in interop.published_documents().values()
