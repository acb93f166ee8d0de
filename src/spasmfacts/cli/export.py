"""``spasmfacts export DOCUMENT``: a document for other apps, written whole or not at all."""

from __future__ import annotations

import argparse
import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import IO

__all__ = ["export", "render_export", "write_atomically"]


def render_export(document: str) -> str:
    """The text of the export ``document`` (one of ``EXPORTS``), built before anything is written."""
    from spasmfacts import interop  # noqa: PLC0415

    makers: dict[str, Callable[[], object]] = {
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
    value = makers[document]()
    return value if isinstance(value, str) else json.dumps(value, indent=2, ensure_ascii=False) + "\n"


def write_atomically(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file beside it, renamed into place only once complete.

    A failed write (a full disk, a signal) leaves the old file as it was and no temporary file behind.
    A symbolic link stays a link: the file it points to is the one replaced. An error names ``path``.
    """
    target = path.resolve()
    try:
        descriptor, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:  # name the file the user asked for, not the temporary one
        raise OSError(exc.errno, exc.strerror, str(path)) from None
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        if target.exists():
            # Keep the permissions of the file being replaced, as an in-place write would.
            os.chmod(temporary, target.stat().st_mode & 0o7777)  # noqa: PTH101 (the temporary is a plain path string)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(temporary, 0o666 & ~umask)  # noqa: PTH101
        os.replace(temporary, target)  # noqa: PTH105
    except OSError as exc:
        Path(temporary).unlink(missing_ok=True)
        raise OSError(exc.errno, exc.strerror, str(path)) from None
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def export(args: argparse.Namespace, out: IO[str]) -> None:
    """Write the export to standard output, or atomically to ``args.output``; ``OSError`` if it cannot."""
    text = render_export(args.document)
    if args.output in (None, "-"):
        out.write(text)
        return
    path = Path(args.output)
    if path.exists() and not path.is_file():
        # A device, a pipe or a directory is not replaced (as root, /dev/null would be): written in place, or refused.
        with path.open("w", encoding="utf-8") as stream:
            stream.write(text)
        return
    write_atomically(path, text)
