"""What `import spasmfacts` costs and exposes: lazy names, no data read, no cattrs, the version and py.typed."""

from __future__ import annotations

import ast
import importlib.metadata
import subprocess
import sys
import textwrap

import importlib_resources
import pytest

import spasmfacts

# A child interpreter that records every file it opens (an audit hook), runs the import under
# test, and prints which of the watched modules got imported and which package data it opened.
_PROBE = textwrap.dedent(
    """
    import sys
    opened = []
    sys.addaudithook(lambda event, args: opened.append(str(args[0])) if event == "open" else None)
    before = set(sys.modules)
    {statement}
    watched = {watched!r}
    imported = sorted(name for name in watched if name in sys.modules and name not in before)
    data = sorted(path for path in opened if path.endswith(".json"))
    print(repr({{"imported": imported, "data": data, "preloaded": sorted(set(watched) & before)}}))
    """
)
HEAVY = (
    "cattrs",
    "spasmfacts.content",
    "spasmfacts.catalogs",
    "spasmfacts.model",
    "importlib_resources",
    "json",
    "difflib",
)
"""Modules that `import spasmfacts` must leave unimported: the loader, its dependencies and the content."""


def _probe(statement: str, watched: tuple[str, ...] = HEAVY) -> dict[str, list[str]]:
    code = _PROBE.format(statement=statement, watched=watched)
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120)
    assert result.stderr == ""
    probe: dict[str, list[str]] = ast.literal_eval(result.stdout.splitlines()[-1])
    # A watched module imported before the statement ran would go unnoticed.
    assert probe.pop("preloaded") == []
    return probe


def test_import_reads_no_data_and_leaves_the_loader_out() -> None:
    """In a fresh interpreter, `import spasmfacts` opens no data file and imports neither cattrs nor the loader."""
    assert _probe("import spasmfacts") == {"imported": [], "data": []}


def test_rule_import_leaves_cattrs_out() -> None:
    """`from spasmfacts import Episode, needs_medical_attention` reads no data and imports no cattrs or loader."""
    assert _probe("from spasmfacts import Episode, needs_medical_attention") == {"imported": [], "data": []}


def test_rule_import_leaves_the_table_unbuilt() -> None:
    """Importing Episode and needs_medical_attention builds no rule table: a cold start pays for the rule alone."""
    watched = ("spasmfacts.rules.table", "spasmfacts.rules.triggers", "spasmfacts.model")
    statement = "from spasmfacts import Episode, needs_medical_attention"
    assert _probe(statement, watched) == {"imported": [], "data": []}
    probe = _probe(f"{statement}; needs_medical_attention(Episode())", watched)
    assert probe["imported"] == ["spasmfacts.rules.table", "spasmfacts.rules.triggers"]


def test_probe_sees_a_load() -> None:
    """The probe itself notices a load: reading causes imports the loader and cattrs and opens causes.json."""
    probe = _probe("import spasmfacts; spasmfacts.causes()")
    assert {"cattrs", "json", "spasmfacts.content", "spasmfacts.catalogs"} <= set(probe["imported"])
    assert [path.replace("\\", "/").rsplit("/", 1)[-1] for path in probe["data"]] == ["causes.json", "sources.json"]


def test_every_name_in_all_resolves() -> None:
    """Every name in spasmfacts.__all__ resolves to an object, each listed once."""
    assert len(spasmfacts.__all__) == len(set(spasmfacts.__all__))
    for name in spasmfacts.__all__:
        assert getattr(spasmfacts, name) is not None, name


def test_all_names_resolve_in_a_fresh_interpreter() -> None:
    """`from spasmfacts import *` in a fresh interpreter binds every name of __all__."""
    code = "from spasmfacts import *; import spasmfacts; print(all(n in globals() for n in spasmfacts.__all__))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120)
    assert result.stdout.strip() == "True"


def test_public_api_names() -> None:
    """The Foundation issue's public names are all in __all__."""
    required = {
        "overview",
        "metadata",
        "causes",
        "conditions",
        "symptoms",
        "treatments",
        "prevention_measures",
        "warning_signs",
        "sources",
        "Catalog",
        "Overview",
        "Metadata",
        "Cause",
        "Condition",
        "Symptom",
        "Treatment",
        "TreatmentKind",
        "PreventionMeasure",
        "WarningSign",
        "Urgency",
        "Source",
        "Citation",
        "Code",
        "SpasmFactsError",
        "ContentError",
        "UnknownEntryError",
        "__version__",
    }
    assert required <= set(spasmfacts.__all__)


def test_names_come_from_their_modules() -> None:
    """Lazily resolved names are the very objects defined in the submodules."""
    from spasmfacts import catalog, catalogs, errors  # noqa: PLC0415 (the submodules under test)

    assert spasmfacts.causes is catalogs.causes
    assert spasmfacts.Catalog is catalog.Catalog
    assert spasmfacts.ContentError is errors.ContentError


def test_dir_lists_all_public_names() -> None:
    """dir(spasmfacts) includes every name of __all__, resolved yet or not."""
    assert set(spasmfacts.__all__) <= set(dir(spasmfacts))


def test_dir_in_a_fresh_interpreter() -> None:
    """Before any name is used, dir(spasmfacts) already lists every name of __all__."""
    code = "import spasmfacts; print(set(spasmfacts.__all__) <= set(dir(spasmfacts)))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120)
    assert result.stdout.strip() == "True"


@pytest.mark.parametrize("name", ["no_such_name", "ContentLoader", "make_converter", "default_loader", "__path_hook__"])
def test_unknown_attribute_raises_attribute_error(name: str) -> None:
    """An unknown attribute of spasmfacts raises AttributeError naming it (hasattr is False)."""
    with pytest.raises(AttributeError, match=rf"module 'spasmfacts' has no attribute '{name}'"):
        getattr(spasmfacts, name)
    assert not hasattr(spasmfacts, name)


def test_version_is_the_distributions_version() -> None:
    """spasmfacts.__version__ is a string equal to the installed distribution's version."""
    assert isinstance(spasmfacts.__version__, str)
    assert spasmfacts.__version__ == importlib.metadata.version("spasmfacts")


def test_py_typed_ships() -> None:
    """The package ships py.typed, so type checkers use its annotations."""
    marker = importlib_resources.files("spasmfacts") / "py.typed"
    assert marker.is_file()
