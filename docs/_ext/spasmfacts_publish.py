"""Sphinx extension: publish every exported document that has a canonical address, at that address.

The JSON Schemas' ``$id`` s and the FHIR resources' canonical ``url`` s point under the
docs site (:data:`spasmfacts.interop.urls.DOCS_URL`). After an HTML build, this writes
each document from :func:`spasmfacts.interop.published_documents` at its path in the
output directory (``schema/episode.schema.json``, ``fhir/Questionnaire/spasm-episode``,
...), in the same JSON as ``spasmfacts export`` writes, so that every canonical URL
resolves on the published site. A path that the build itself already wrote fails the build.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.errors import ExtensionError

import spasmfacts
from spasmfacts.interop.publish import published_documents, published_text

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def publish(outdir: Path) -> list[Path]:
    """Write every published document under ``outdir``; return the files written."""
    written = []
    for relative, document in published_documents().items():
        target = outdir.joinpath(*relative.split("/"))
        if target.is_dir():
            msg = f"cannot publish {relative}: the docs build already has a directory there"
            raise ExtensionError(msg)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(published_text(document), encoding="utf-8")
        written.append(target)
    return written


def _build_finished(app: Sphinx, exception: Exception | None) -> None:
    if exception is None and app.builder.format == "html":
        publish(Path(app.outdir))


def setup(app: Sphinx) -> dict[str, object]:
    """Publish the documents after every successful HTML build."""
    app.connect("build-finished", _build_finished)
    return {"version": spasmfacts.__version__, "parallel_read_safe": True, "parallel_write_safe": True}
