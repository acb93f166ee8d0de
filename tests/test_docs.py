"""The documentation: its examples run, it covers every public name and flag, and it builds.

The docs live in ``docs/`` beside this directory; the package under test is the installed one.
"""

from __future__ import annotations

import doctest
import importlib
import importlib.util
import pkgutil
import re
from pathlib import Path
from types import ModuleType

import pytest

import spasmfacts
from spasmfacts import interop
from spasmfacts.cli import main as cli_main

DOCS = Path(__file__).resolve().parent.parent / "docs"
OPTIONS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE
EXAMPLE_PAGES = ("embedding.md", "index.md", "rules.md", "tutorial.md")
"""The pages with ``>>>`` examples; a test checks that no other page has any."""
FENCE = re.compile(r"^\s*(```|:::).*$", re.MULTILINE)


class FencedDocTestParser(doctest.DocTestParser):
    """Reads ``>>>`` examples in MyST pages: a code fence line ends an example's expected output."""

    def parse(self, string: str, name: str = "<string>") -> list[str | doctest.Example]:
        """Parse ``string`` with each fence line made blank (which ends expected output), keeping line numbers."""
        return super().parse(FENCE.sub("", string), name)


def _load_extension() -> ModuleType:
    spec = importlib.util.spec_from_file_location("spasmfacts_tables", DOCS / "_ext" / "spasmfacts_tables.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _help(capsys: pytest.CaptureFixture[str], *command: str) -> str:
    assert cli_main([*command, "--help"]) == 0
    return capsys.readouterr().out


def test_pages_with_examples_are_the_tested_ones() -> None:
    """Every docs page holding a ``>>>`` example is in EXAMPLE_PAGES, so its examples run below."""
    with_examples = {page.name for page in DOCS.glob("*.md") if ">>> " in page.read_text(encoding="utf-8")}
    assert with_examples == set(EXAMPLE_PAGES)


@pytest.mark.parametrize("page", EXAMPLE_PAGES)
def test_page_examples_run(page: str) -> None:
    """Every ``>>>`` example on the page prints what the page says it prints."""
    result = doctest.testfile(
        str(DOCS / page), module_relative=False, optionflags=OPTIONS, parser=FencedDocTestParser(), encoding="utf-8"
    )
    assert result.attempted > 0
    assert result.failed == 0


def _modules_with_examples() -> list[str]:
    """The package's modules whose docstrings hold ``>>>`` examples."""
    names = [module.name for module in pkgutil.walk_packages(spasmfacts.__path__, "spasmfacts.")]
    finder = doctest.DocTestFinder()
    return [
        name
        for name in ["spasmfacts", *sorted(names)]
        if name != "spasmfacts.__main__" and any(test.examples for test in finder.find(importlib.import_module(name)))
    ]


@pytest.mark.parametrize("module_name", _modules_with_examples())
def test_docstring_examples_run(module_name: str) -> None:
    """Every ``>>>`` example in the module's docstrings prints what the docstring says."""
    result = doctest.testmod(importlib.import_module(module_name), optionflags=OPTIONS)
    assert result.attempted > 0
    assert result.failed == 0


def test_docstring_examples_cover_the_core() -> None:
    """The rule, the assessment, the input boundary and the content model show examples in their docstrings."""
    core = {"spasmfacts.rules", "spasmfacts.assessment", "spasmfacts.boundary", "spasmfacts.model"}
    assert core <= set(_modules_with_examples())


def test_api_reference_names_every_public_name() -> None:
    """docs/api.md documents each name of ``spasmfacts.__all__``, and the interop module with its members."""
    text = (DOCS / "api.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^\.\. auto(?:class|function|exception):: spasmfacts\.(\w+)$", text, re.MULTILINE))
    documented |= set(re.findall(r"^\.\. py:data:: (\w+)\n   :module: spasmfacts$", text, re.MULTILINE))
    assert set(spasmfacts.__all__) <= documented
    assert re.search(r"^\.\. automodule:: spasmfacts\.interop\n   :members:$", text, re.MULTILINE)


def test_cli_reference_names_every_flag_command_and_choice(capsys: pytest.CaptureFixture[str]) -> None:
    """docs/cli.md describes every command, every option and every choice the command line accepts."""
    text = (DOCS / "cli.md").read_text(encoding="utf-8")
    helps = {command: _help(capsys, command) for command in ("show", "check", "export")}
    helps[""] = _help(capsys)
    flags = {flag for help_text in helps.values() for flag in re.findall(r"(?<![\w-])--[a-z][a-z-]+", help_text)}
    groups = [group for help_text in helps.values() for group in re.findall(r"\{([a-z,_-]+)\}", help_text)]
    choices = {choice for group in groups for choice in group.split(",")}
    assert {"--input", "--pain-score", "--with", "--output"} <= flags
    assert {"schema-episode", "warning-signs"} <= choices
    missing = [flag for flag in sorted(flags) if not re.search(rf"(?<![\w-]){flag}(?![\w-])", text)]
    missing += [choice for choice in sorted(choices) if f"`{choice}`" not in text]
    missing += [command for command in ("show", "check", "export") if f"`spasmfacts {command}`" not in text]
    assert missing == []


def test_urgency_mapping_matches_cds_hooks_cards() -> None:
    """The rule reference's CDS Hooks column is the indicator that interop.cds_hooks_cards() gives each urgency."""
    text = (DOCS / "rules.md").read_text(encoding="utf-8")
    rows = dict(re.findall(r"^\| `(\w+)` \|[^|]*\|[^|]*\| `(\w+)` \|", text, re.MULTILINE))
    episodes = {
        "self_care": spasmfacts.Episode(),
        "routine": spasmfacts.Episode(severity="severe"),
        "urgent": spasmfacts.Episode(accompanied_by={"fever"}),
        "emergency": spasmfacts.Episode(accompanied_by={"confusion"}),
    }
    given = {
        name: interop.cds_hooks_cards(spasmfacts.assess(episode))[0]["indicator"] for name, episode in episodes.items()
    }
    assert rows == given


def test_generated_pages_hold_every_rule_and_item() -> None:
    """The docs extension renders every rule row, every content item with the content version, and the benchmarks."""
    extension = _load_extension()
    rules = extension.render("<!-- spasmfacts: rule-table -->")
    for rule in spasmfacts.RULES:
        assert f"| {rule.label} | `{rule.id}`" in rules
    content = extension.render("<!-- spasmfacts: content -->")
    assert f"`{spasmfacts.metadata().content_version}`" in content
    assert spasmfacts.metadata().last_reviewed.isoformat() in content
    collections = (
        spasmfacts.causes(),
        spasmfacts.conditions(),
        spasmfacts.symptoms(),
        spasmfacts.treatments(),
        spasmfacts.prevention_measures(),
        spasmfacts.next_steps(),
        spasmfacts.sources(),
    )
    ids = [item.id for catalog in collections for item in catalog] + [f.id for f in spasmfacts.overview().facts]
    missing = [item_id for item_id in ids if f"`{item_id}`" not in content]
    missing += [sign.id for sign in spasmfacts.warning_signs() if f"(warning-sign-{sign.id})=" not in content]
    assert missing == []
    assert "python benchmarks/run.py" in extension.render("<!-- spasmfacts: benchmark-guide -->")


def test_generated_text_is_escaped() -> None:
    """Text from the data reaches the page literally: Markdown and MyST syntax in it is escaped."""
    extension = _load_extension()
    assert extension.escape("a *b* [c](d) {ref}`e` <f> | g_h") == r"a \*b\* \[c\](d) \{ref\}\`e\` \<f\> \| g\_h"


def test_unknown_marker_fails_the_build() -> None:
    """A marker naming nothing the extension knows raises instead of leaving a silent gap in a page."""
    extension = _load_extension()
    with pytest.raises(extension.ExtensionError, match="unknown spasmfacts marker 'rule-tabel'"):
        extension.render("<!-- spasmfacts: rule-tabel -->")


@pytest.mark.slow
def test_docs_build_nitpicky_without_warnings(tmp_path: Path) -> None:
    """``sphinx-build -n -W`` succeeds, and the built API page has an entry for every public name."""
    from sphinx.cmd.build import build_main  # noqa: PLC0415 (only this test needs Sphinx' command line)

    out = tmp_path / "html"
    status = build_main(["-n", "-W", "--keep-going", "-b", "html", "-q", str(DOCS), str(out)])
    assert status == 0
    api = (out / "api.html").read_text(encoding="utf-8")
    names = [f"spasmfacts.{name}" for name in spasmfacts.__all__]
    names += [f"spasmfacts.interop.{name}" for name in interop.__all__]
    assert [name for name in names if f'id="{name}"' not in api] == []
