"""Sphinx configuration for the spasmfacts documentation (MyST Markdown, furo, nitpicky, offline)."""

from __future__ import annotations

import sys
from pathlib import Path

import spasmfacts

# The local extensions: one renders the rule table, the content catalogue and the
# command-line help from the installed package at build time; the other publishes every
# exported document with a canonical address (JSON Schemas, FHIR resources) at that address.
sys.path.insert(0, str(Path(__file__).parent / "_ext"))

project = "spasmfacts"
author = "The spasmfacts contributors"
copyright = "the spasmfacts contributors. Code: MIT licence; content: CC BY 4.0"
release = spasmfacts.__version__
version = ".".join(release.split(".")[:2])

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "spasmfacts_tables",
    "spasmfacts_publish",
]

source_suffix = {".md": "markdown"}
root_doc = "index"
exclude_patterns = ["_build", "Thumbs.db", ".DS_Store"]
language = "en"

# MyST: ":::" fences for admonitions, "Term\n: definition" lists, and "- [ ]" checklists.
myst_enable_extensions = ["colon_fence", "deflist", "tasklist"]

# autodoc: members in source order, type hints in the description, where links resolve.
# Base classes are shown where they tell the reader something (enums, errors, Catalog).
autodoc_member_order = "bysource"
autodoc_typehints = "description"
autodoc_typehints_description_target = "all"
autodoc_default_options = {"members": True}

# Nitpicky mode: every cross-reference must resolve. The build is offline, so there is no
# intersphinx; the names below cannot resolve without it (or are private) and are listed
# with the reason.
nitpicky = True
nitpick_ignore = [
    # The type variable of Catalog's items: a private name in Catalog's signatures; Catalog's
    # own docstring says what it holds.
    ("py:obj", "spasmfacts.catalog.T_co"),
    ("py:class", "spasmfacts.catalog.T_co"),
    ("py:class", "T_co"),
    # Rule.trigger's type: the rule table's internal Trigger protocol. It is not public; for
    # readers, each row says what fires it in Rule.fires_when (rendered on the rule page).
    ("py:class", "spasmfacts.rules.Trigger"),
    ("py:class", "spasmfacts.rules.triggers.Trigger"),
]
nitpick_ignore_regex = [
    # Standard-library names in signatures and base classes (datetime.timedelta, enum.Enum,
    # collections.abc.Iterable, ...): their documentation is on docs.python.org, which
    # intersphinx would need the network to reach.
    ("py:(class|obj)", r"(collections\.abc|datetime|enum|typing|uuid)\.\w+"),
]

html_theme = "furo"
html_title = f"spasmfacts {release}"
html_short_title = "spasmfacts"
html_theme_options = {
    # Shown at the top of every page: the docs must never read as medical advice.
    "announcement": (
        "Health information, not medical advice. The rules must be reviewed by a clinician before use with patients."
    ),
}
html_static_path = ["_static"]
html_css_files = ["spasmfacts.css"]
html_copy_source = False
html_show_sourcelink = False
