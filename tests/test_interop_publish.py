"""Canonical URLs that resolve: every address under the docs site in every export is published by the docs build."""

from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path
from types import ModuleType

import pytest

from spasmfacts import Episode, assess, interop
from spasmfacts.cli import EXPORTS
from spasmfacts.cli.export import render_export
from spasmfacts.interop.publish import published_text
from spasmfacts.interop.urls import DOCS_URL, site_path

DOCS = Path(__file__).resolve().parent.parent / "docs"
CANONICAL = re.compile(re.escape(DOCS_URL) + r"[^\s\"'<>()\[\]\\]*")
PUBLISHED_EXPORTS = {
    "schema/content.schema.json": "schema-content",
    "schema/episode.schema.json": "schema-episode",
    "schema/assessment.schema.json": "schema-assessment",
    "fhir/Questionnaire/spasm-episode": "questionnaire",
    "fhir/CodeSystem/spasm-episode": "code-system",
    "fhir/ConceptMap/spasm-episode-to-snomed-ct": "concept-map",
}
"""Each published path and the ``spasmfacts export`` document that writes the same file."""


def _every_output() -> dict[str, str]:
    """The text of every export, and of every kind of result and FHIR response an app gets."""
    outputs = {name: render_export(name) for name in EXPORTS}
    episode = Episode(severity="severe", accompanied_by=[], body_areas={"neck"}, medicines=["statin"])
    outputs["questionnaire-response"] = json.dumps(interop.questionnaire_response(episode))
    outputs["cds-hooks"] = json.dumps(interop.cds_hooks_response(assess(episode)))
    outputs["assessment-markdown"] = interop.assessment_markdown(assess(episode))
    outputs["jsonld-page"] = json.dumps(interop.jsonld("https://example.org/cramps"))
    return outputs


def canonical_urls() -> set[str]:
    """Every address under the docs site that any output names."""
    return {url for text in _every_output().values() for url in CANONICAL.findall(text)}


def test_every_canonical_url_names_a_published_document_or_the_site() -> None:
    """Each docs-site address in any export is a published document's, or the site's own home page."""
    urls = canonical_urls()
    paths = {site_path(url) for url in urls}
    assert set(interop.published_documents()) <= paths
    assert paths - set(interop.published_documents()) == {"index.html"}
    assert f"{DOCS_URL}fhir/Questionnaire/spasm-episode" in urls


def test_published_documents_are_the_exports() -> None:
    """Each published file holds exactly what `spasmfacts export` writes for that document."""
    documents = interop.published_documents()
    assert set(documents) == set(PUBLISHED_EXPORTS)
    for path, name in PUBLISHED_EXPORTS.items():
        assert published_text(documents[path]) == render_export(name)


def test_each_published_document_names_its_own_address() -> None:
    """A document is published at the path of its own $id (JSON Schema) or url (FHIR)."""
    for path, document in interop.published_documents().items():
        canonical = document.get("$id", document.get("url"))
        assert canonical == f"{DOCS_URL}{path}"


@pytest.mark.parametrize(
    ("url", "path"),
    [
        (DOCS_URL, "index.html"),
        (f"{DOCS_URL}#muscle-spasms", "index.html"),
        (f"{DOCS_URL}schema/episode.schema.json", "schema/episode.schema.json"),
        (f"{DOCS_URL}fhir/Questionnaire/spasm-episode|2026.11.0", "fhir/Questionnaire/spasm-episode"),
        (f"{DOCS_URL}fhir/", "fhir/index.html"),
    ],
)
def test_site_path(url: str, path: str) -> None:
    """A canonical URL maps to its file in the built site: fragment and |version dropped, a folder's index.html."""
    assert site_path(url) == path


@pytest.mark.parametrize("url", ["https://example.org/schema/x.json", "spasmfacts.readthedocs.io/", ""])
def test_site_path_refuses_other_addresses(url: str) -> None:
    """An address outside the docs site has no file there: ValueError."""
    with pytest.raises(ValueError, match="is not an address under"):
        site_path(url)


def _load_extension() -> ModuleType:
    spec = importlib.util.spec_from_file_location("spasmfacts_publish", DOCS / "_ext" / "spasmfacts_publish.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_extension_writes_every_published_document(tmp_path: Path) -> None:
    """The docs extension writes each published document at its path, in the exported JSON, and names the files."""
    written = _load_extension().publish(tmp_path)
    assert sorted(path.relative_to(tmp_path).as_posix() for path in written) == sorted(PUBLISHED_EXPORTS)
    for path, name in PUBLISHED_EXPORTS.items():
        assert (tmp_path / path).read_text(encoding="utf-8") == render_export(name)


def test_extension_refuses_to_overwrite_a_directory(tmp_path: Path) -> None:
    """A directory where a document belongs fails the build instead of leaving the address unpublished."""
    extension = _load_extension()
    (tmp_path / "fhir" / "CodeSystem" / "spasm-episode").mkdir(parents=True)
    with pytest.raises(extension.ExtensionError, match="cannot publish fhir/CodeSystem/spasm-episode"):
        extension.publish(tmp_path)


@pytest.mark.slow
def test_docs_build_publishes_every_canonical_url(tmp_path: Path) -> None:
    """After `sphinx-build`, every docs-site address named by any export has its file in the built site."""
    from sphinx.cmd.build import build_main  # noqa: PLC0415 (only this test needs Sphinx' command line)

    out = tmp_path / "html"
    # Warnings are test_docs' business; this build checks what gets published.
    assert build_main(["-b", "html", "-q", str(DOCS), str(out)]) == 0
    missing = [url for url in sorted(canonical_urls()) if not (out / site_path(url)).is_file()]
    assert missing == []
    for path, name in PUBLISHED_EXPORTS.items():
        assert (out / path).read_text(encoding="utf-8") == render_export(name)
