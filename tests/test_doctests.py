"""The examples in the package's docstrings run and give what they show."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import spasmfacts

MODULES = sorted(
    {"spasmfacts"} | {info.name for info in pkgutil.walk_packages(spasmfacts.__path__, prefix="spasmfacts.")}
)
"""Every module of the installed package (``__main__`` included: importing it runs nothing)."""
FLAGS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    """Every example in this module's docstrings gives the output it shows."""
    module = importlib.import_module(name)
    results = doctest.testmod(module, optionflags=FLAGS, report=False)
    assert results.failed == 0, f"{results.failed} of {results.attempted} examples failed in {name}"


def test_examples_ran() -> None:
    """Docstring examples run (the Catalog example among them), so the test above checks something."""
    attempted = {
        name: doctest.testmod(importlib.import_module(name), optionflags=FLAGS, report=False).attempted
        for name in MODULES
    }
    assert sum(attempted.values()) > 0
    assert attempted["spasmfacts.model"] > 0


def test_every_module_is_found() -> None:
    """The module walk finds the package's core modules, so no module's examples are silently skipped."""
    assert {
        "spasmfacts",
        "spasmfacts.catalogs",
        "spasmfacts.content",
        "spasmfacts.errors",
        "spasmfacts.model",
        "spasmfacts.rules",
        "spasmfacts.vocabulary",
    } <= set(MODULES)
