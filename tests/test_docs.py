"""The documentation: its examples run, it covers every public name and flag, and it builds.

The docs live in ``docs/`` beside this directory; the package under test is the installed one.
The examples in the package's docstrings are run by ``test_doctests.py``.
"""

from __future__ import annotations

import contextlib
import doctest
import importlib.util
import re
import shlex
from pathlib import Path
from types import ModuleType

import attrs
import importlib_resources
import pytest

import spasmfacts
from spasmfacts import interop
from spasmfacts.cli import main as cli_main
from test_readability import MAX_LIMIT, MEDIAN_LIMIT

DOCS = Path(__file__).resolve().parent.parent / "docs"
OPTIONS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE
EXAMPLE_PAGES = ("embedding.md", "index.md", "rules.md", "safety.md", "tutorial.md")
"""The pages with ``>>>`` examples; a test checks that no other page has any."""
FENCE = re.compile(r"^\s*(```|:::).*$", re.MULTILINE)
CONSOLE_PAGES = ("cli.md",)
"""The pages with ``console`` blocks (``$ command`` and its output); a test checks that no other page has any."""
CONSOLE_BLOCK = re.compile(r"^```console\n(.*?)^```$", re.MULTILINE | re.DOTALL)


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
    assert {"--input", "--pain-score", "--with", "--with-none", "--no-medicines", "--no-disturbs-sleep"} <= flags
    assert {"schema-episode", "warning-signs", "cautions", "questions", "metadata", "scenarios"} <= choices
    missing = [flag for flag in sorted(flags) if not re.search(rf"(?<![\w-]){flag}(?![\w-])", text)]
    missing += [choice for choice in sorted(choices) if f"`{choice}`" not in text]
    missing += [command for command in ("show", "check", "export") if f"`spasmfacts {command}`" not in text]
    assert missing == []


@pytest.mark.parametrize("command", ["", "show", "check", "export"])
def test_cli_reference_shows_each_help_once(command: str) -> None:
    """The command-line reference shows each command's help text once, as the command prints it."""
    rendered = _load_extension().render(f"<!-- spasmfacts: cli-help{f' {command}' if command else ''} -->")
    assert rendered.count("usage: spasmfacts") == 1


def test_pages_with_console_examples_are_the_tested_ones() -> None:
    """Every docs page holding a ``console`` block is in CONSOLE_PAGES, so its commands run below."""
    with_console = {page.name for page in DOCS.glob("*.md") if CONSOLE_BLOCK.search(page.read_text(encoding="utf-8"))}
    assert with_console == set(CONSOLE_PAGES)


def _console_examples(page: str) -> list[tuple[str, str]]:
    """Each ``$ command`` of the page's console blocks, with the output shown under it."""
    examples = []
    for block in CONSOLE_BLOCK.findall((DOCS / page).read_text(encoding="utf-8")):
        for chunk in re.split(r"^\$ ", block, flags=re.MULTILINE)[1:]:
            command, _, want = chunk.partition("\n")
            examples.append((command, want))
    return examples


def _run_console(command: str, capsys: pytest.CaptureFixture[str], statuses: list[int]) -> str:
    r"""Run one command of a console block the way a shell would, and return what it shows on the terminal.

    The pages use only ``spasmfacts ...``, ``printf '%s\n' ...`` and ``echo $?``, with ``> FILE``.
    """
    words = shlex.split(command)
    if words == ["echo", "$?"]:
        return f"{statuses[-1]}\n"
    target = None
    if ">" in words:
        words, target = words[: words.index(">")], Path(words[words.index(">") + 1])
    if words[0] == "printf":
        assert words[1] == "%s\\n"
        assert target is not None
        target.write_text("".join(f"{line}\n" for line in words[2:]), encoding="utf-8")
        return ""
    assert words[0] == "spasmfacts", command
    with contextlib.ExitStack() as stack:
        if target is not None:
            stack.enter_context(contextlib.redirect_stdout(stack.enter_context(target.open("w", encoding="utf-8"))))
        statuses.append(cli_main(words[1:]))
    captured = capsys.readouterr()
    return captured.out + captured.err


@pytest.mark.parametrize("page", CONSOLE_PAGES)
def test_console_examples_print_what_the_page_shows(
    page: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every ``$ spasmfacts ...`` example on the page prints what the page shows (``...`` stands for any text)."""
    monkeypatch.chdir(tmp_path)
    examples = _console_examples(page)
    statuses: list[int] = []
    checker = doctest.OutputChecker()
    failed = [
        (command, want, got)
        for command, want in examples
        if not checker.check_output(want, got := _run_console(command, capsys, statuses), OPTIONS)
    ]
    assert len(statuses) >= 5
    assert failed == []


def test_urgency_mapping_matches_cds_hooks_cards() -> None:
    """The rule reference's CDS Hooks column is what interop.cds_hooks_cards() gives each urgency."""
    text = (DOCS / "rules.md").read_text(encoding="utf-8")
    column = dict(re.findall(r"^\| `(\w+)` \|[^|]*\|[^|]*\| ([^|]*) \|", text, re.MULTILINE))
    episodes = {
        "routine": spasmfacts.Episode(severity="severe"),
        "urgent": spasmfacts.Episode(accompanied_by={"fever"}),
        "emergency": spasmfacts.Episode(accompanied_by={"confusion"}),
    }
    given = {
        name: interop.cds_hooks_cards(spasmfacts.assess(episode))[0]["indicator"] for name, episode in episodes.items()
    }
    assert {name: column[name] for name in given} == {name: f"`{indicator}`" for name, indicator in given.items()}
    # Self-care: no card for a complete report unless asked for (then `info`); one `info` card when incomplete.
    assert column["self_care"] == "no card for a complete report (`info` if asked); one `info` card when incomplete"
    complete = spasmfacts.assess(spasmfacts.Episode(body_areas={"leg"}, accompanied_by=[]))
    assert interop.cds_hooks_cards(complete) == []
    assert [card["indicator"] for card in interop.cds_hooks_cards(complete, self_care_card=True)] == ["info"]
    incomplete = spasmfacts.assess(spasmfacts.Episode())
    assert [card["indicator"] for card in interop.cds_hooks_cards(incomplete)] == ["info"]


def test_generated_pages_hold_every_rule_and_item() -> None:
    """The docs extension renders every rule row, every content item, the review record and the benchmarks."""
    extension = _load_extension()
    rules = extension.render("<!-- spasmfacts: rule-table -->")
    for rule in spasmfacts.RULES:
        assert f"| {rule.label} | `{rule.id}`" in rules
    content = extension.render("<!-- spasmfacts: content -->")
    meta = spasmfacts.metadata()
    assert f"`{meta.content_version}`" in content
    assert meta.updated.isoformat() in content
    assert meta.review.status in content
    collections = (
        spasmfacts.causes(),
        spasmfacts.conditions(),
        spasmfacts.symptoms(),
        spasmfacts.treatments(),
        spasmfacts.prevention_measures(),
        spasmfacts.next_steps(),
        spasmfacts.cautions(),
        spasmfacts.questions(),
        spasmfacts.sources(),
    )
    ids = [item.id for catalog in collections for item in catalog] + [f.id for f in spasmfacts.overview().facts]
    missing = [item_id for item_id in ids if f"`{item_id}`" not in content]
    missing += [sign.id for sign in spasmfacts.warning_signs() if f"(warning-sign-{sign.id})=" not in content]
    assert missing == []
    assert "python benchmarks/run.py" in extension.render("<!-- spasmfacts: benchmark-guide -->")


def test_content_page_explains_the_review_record_and_the_phrases() -> None:
    """docs/content.md renders the catalogue and names every review field and every phrase id."""
    text = (DOCS / "content.md").read_text(encoding="utf-8")
    assert "<!-- spasmfacts: content -->" in text
    fields = [field.name for field in attrs.fields(spasmfacts.ClinicalReview)]
    assert fields == ["status", "reviewer", "role", "date", "rules_version"]
    missing = [field for field in fields if f"`{field}`" not in text]
    missing += [phrase.id for phrase in spasmfacts.phrases() if f"`{phrase.id}`" not in text]
    assert missing == []


def test_contributing_guide_names_every_data_file_and_the_limits() -> None:
    """docs/contributing.md names every file of the package data, the readability limits and how to sign a review."""
    text = (DOCS / "contributing.md").read_text(encoding="utf-8")
    data = importlib_resources.files("spasmfacts") / "data"
    names = sorted(entry.name for entry in data.iterdir() if entry.name.endswith(".json"))
    assert len(names) >= 14
    assert [name for name in names if f"`{name}`" not in text] == []
    assert "tests/test_readability.py" in text
    assert f"**median** grade must be **{MEDIAN_LIMIT:g} or lower**" in text
    assert f"above **grade {MAX_LIMIT:g}**" in text
    for field in attrs.fields(spasmfacts.ClinicalReview):
        assert f'"{field.name}": ' in text


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
