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
    """The catalog, the episode, the rule, the assessment and the JSON boundary show examples in their docstrings."""
    core = (
        "spasmfacts.catalog",
        "spasmfacts.episode",
        "spasmfacts.rules.fast",
        "spasmfacts.assessment",
        "spasmfacts.boundary",
    )
    attempted = {
        name: doctest.testmod(importlib.import_module(name), optionflags=FLAGS, report=False).attempted for name in core
    }
    assert [name for name, count in attempted.items() if count == 0] == []


def test_every_module_is_found() -> None:
    """The module walk finds the package's modules, subpackages included, so no module's examples are skipped."""
    assert {
        "spasmfacts",
        "spasmfacts.assessment",
        "spasmfacts.boundary",
        "spasmfacts.catalog",
        "spasmfacts.catalogs",
        "spasmfacts.cli.check",
        "spasmfacts.cli.parser",
        "spasmfacts.content",
        "spasmfacts.episode",
        "spasmfacts.errors",
        "spasmfacts.interop.cds_hooks",
        "spasmfacts.model",
        "spasmfacts.report",
        "spasmfacts.rules",
        "spasmfacts.rules.fast",
        "spasmfacts.rules.table",
        "spasmfacts.vocabulary",
    } <= set(MODULES)
