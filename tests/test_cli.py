"""The command line: show, check (flags and --input batches), exit statuses and error output."""

from __future__ import annotations

import contextlib
import errno
import importlib
import io
import json
import os
import re
import runpy
import subprocess
import sys
from collections.abc import Callable, Iterable
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import spasmfacts
from spasmfacts import Episode, Severity, assess, assessment_to_dict, cli, episode_from_json
from spasmfacts.cli.parser import FLAG_OPTIONS, parse_duration_option
from spasmfacts.report import assessment_text
from strategies import check_flags

SCRIPT = str(Path(sys.executable).with_name("spasmfacts"))
TOPICS: dict[str, Callable[[], Iterable[Any]]] = {
    "causes": spasmfacts.causes,
    "conditions": spasmfacts.conditions,
    "symptoms": spasmfacts.symptoms,
    "treatments": spasmfacts.treatments,
    "prevention": spasmfacts.prevention_measures,
    "warning-signs": spasmfacts.warning_signs,
    "sources": spasmfacts.sources,
    "next-steps": spasmfacts.next_steps,
}
DISCLAIMER = "not medical advice"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Run main(argv) in this process; return the exit status, stdout and stderr."""
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def call(argv: list[str]) -> tuple[int, str, str]:
    """Run main(argv) with stdout and stderr on strict UTF-8 streams of our own (for Hypothesis tests)."""
    out_bytes, err_bytes = io.BytesIO(), io.BytesIO()
    out = io.TextIOWrapper(out_bytes, encoding="utf-8", newline="")
    err = io.TextIOWrapper(err_bytes, encoding="utf-8", newline="")
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main(argv)
    out.flush()
    err.flush()
    return code, out_bytes.getvalue().decode(), err_bytes.getvalue().decode()


def subprocess_run(*argv: str, stdin: bytes = b"") -> subprocess.CompletedProcess[bytes]:
    """Run the installed command line in a fresh process."""
    return subprocess.run(argv, input=stdin, capture_output=True, timeout=120, check=False)


def expected_json(**fields: Any) -> dict[str, Any]:
    """What check --json prints for Episode(**fields)."""
    return assessment_to_dict(assess(Episode(**fields)))


def _headline(urgency: str) -> str:
    """The words a readable result starts with at ``urgency``."""
    return spasmfacts.phrases().lookup(f"headline-{urgency.replace('_', '-')}").text


def assert_usage_error(err: str) -> None:
    """Standard error holds argparse's usage and exactly one error line, last."""
    lines = err.splitlines()
    assert lines[0].startswith("usage: spasmfacts")
    assert lines[-1].startswith("spasmfacts: error: ")
    assert sum(line.startswith("spasmfacts: error:") for line in lines) == 1
    assert "Traceback" not in err


# --- show -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("topic", list(TOPICS))
def test_show_topic_as_text(capsys: pytest.CaptureFixture[str], topic: str) -> None:
    """`show TOPIC` prints every item of that collection, and exits 0."""
    code, out, err = run(capsys, "show", topic)
    assert (code, err) == (0, "")
    for item in TOPICS[topic]():
        assert item.id in out
        if topic != "sources":
            assert item.summary in out


def test_show_warning_signs_with_urgency_and_advice(capsys: pytest.CaptureFixture[str]) -> None:
    """`show warning-signs` prints each sign's urgency and advice; `show treatments` prints each kind."""
    _, out, _ = run(capsys, "show", "warning-signs")
    for sign in spasmfacts.warning_signs():
        assert f"[{sign.urgency.value}]" in out
        assert sign.advice in out
    _, out, _ = run(capsys, "show", "treatments")
    for treatment in spasmfacts.treatments():
        assert f"[{treatment.kind.value}]" in out


def test_show_sources_with_publishers_and_addresses(capsys: pytest.CaptureFixture[str]) -> None:
    """`show sources` prints each source's title, publisher and address where it has one."""
    _, out, _ = run(capsys, "show", "sources")
    for source in spasmfacts.sources():
        line = next(line for line in out.splitlines() if line.startswith(f"{source.id}: "))
        assert source.title in line
        assert source.publisher in line
        assert (source.url in line) if source.url else ("http" not in line)


def test_show_overview(capsys: pytest.CaptureFixture[str]) -> None:
    """`show overview` prints the topic's name, summary and every fact."""
    code, out, _ = run(capsys, "show", "overview")
    overview = spasmfacts.overview()
    assert code == 0
    assert out.startswith(overview.name)
    assert overview.summary in out
    for fact in overview.facts:
        assert f"- {fact.text}" in out


@pytest.mark.parametrize("topic", list(TOPICS))
def test_show_topic_as_json(capsys: pytest.CaptureFixture[str], topic: str) -> None:
    """`show TOPIC --json` prints a JSON array of the items, in content order."""
    code, out, err = run(capsys, "show", topic, "--json")
    assert (code, err) == (0, "")
    items = json.loads(out)
    assert isinstance(items, list)
    assert [item["id"] for item in items] == [item.id for item in TOPICS[topic]()]


def test_show_overview_as_json(capsys: pytest.CaptureFixture[str]) -> None:
    """`show overview --json` prints one JSON object."""
    code, out, _ = run(capsys, "show", "overview", "--json")
    document = json.loads(out)
    assert code == 0
    assert isinstance(document, dict)
    assert document["name"] == spasmfacts.overview().name


def test_show_unknown_topic_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    """`show` with an unknown topic exits 2 with the usage and one error line."""
    code, out, err = run(capsys, "show", "cramps")
    assert (code, out) == (2, "")
    assert_usage_error(err)


# --- check with flags -----------------------------------------------------------------------------


def test_check_prints_a_readable_result(capsys: pytest.CaptureFixture[str]) -> None:
    """`check` prints the readable result: the urgency in words, the next step, each reason with its sources."""
    code, out, err = run(
        capsys, "check", "--severity", "severe", "--with", "fever", "--duration", "12m", "--area", "leg"
    )
    result = assess(
        Episode(severity="severe", accompanied_by=["fever"], duration=timedelta(minutes=12), body_areas=["leg"])
    )
    assert (code, err) == (0, "")
    assert out == assessment_text(assessment_to_dict(result))
    assert out.startswith(f"{_headline('urgent')} (urgent)")
    assert result.next_step.advice in out
    catalog = spasmfacts.sources()
    for reason in result.reasons:
        assert f"- {reason.name} [{reason.urgency.value}]" in out
        for source_id in reason.sources:
            source = catalog.lookup(source_id)
            assert f"Source: {source.title}, {source.publisher}" in out
    assert "10 minutes" in out
    assert spasmfacts.metadata().disclaimer in out


@pytest.mark.parametrize(
    ("argv", "urgency"),
    [
        (["--area", "leg"], "self_care"),
        (["--area", "leg", "--recurrent"], "routine"),
        (["--area", "arm"], "urgent"),
        (["--area", "leg", "--with", "chest-pain"], "emergency"),
    ],
)
def test_check_states_each_urgency_in_words(capsys: pytest.CaptureFixture[str], argv: list[str], urgency: str) -> None:
    """The first line of a complete readable result gives the urgency in words."""
    extra = [] if "--with" in argv else ["--with-none"]
    _, out, _ = run(capsys, "check", *argv, *extra)
    assert out.splitlines()[0] == f"{_headline(urgency)} ({urgency})"


def test_self_care_output_never_says_fine(capsys: pytest.CaptureFixture[str]) -> None:
    """A self-care result says no warning sign was reported and never 'you are fine', with the safety net."""
    reassurances = ("you are fine", "you're fine", "you are ok", "you're ok", "nothing to worry", "nothing is wrong")
    code, out, _ = run(capsys, "check", "--severity", "mild", "--area", "leg", "--with-none")
    assert code == 0
    assert out.startswith(f"{_headline('self_care')} (self_care)")
    assert f"\n{spasmfacts.phrases().lookup('reasons').text}\n" not in out
    assert spasmfacts.next_steps().lookup("self-care").advice in out
    assert spasmfacts.metadata().disclaimer in out
    _, json_out, _ = run(capsys, "check", "--json")
    for text in (out.lower(), json_out.lower()):
        for phrase in reassurances:
            assert phrase not in text


@pytest.mark.parametrize(
    ("argv", "fields"),
    [
        (["--severity", "severe"], {"severity": "severe"}),
        (["--severity", "MILD"], {"severity": "mild"}),
        (["--pain-score", "7"], {"severity": "severe"}),
        (["--pain-score", "5"], {"severity": "moderate"}),
        (["--pain-score", "0"], {}),
        (["--duration", "11m"], {"duration": timedelta(minutes=11)}),
        (["--area", "arm"], {"body_areas": ["arm"]}),
        (["--area", "neck", "--with", "fever"], {"body_areas": ["neck"], "accompanied_by": ["fever"]}),
        (["--with", "chest-pain"], {"accompanied_by": ["chest_pain"]}),
        (["--with", "chest_pain"], {"accompanied_by": ["chest_pain"]}),
        (["--with", "Dark-Urine"], {"accompanied_by": ["dark_urine"]}),
        (
            ["--with", "muscle-wasting", "--with", "little_urine"],
            {"accompanied_by": ["muscle_wasting", "little_urine"]},
        ),
        (["--with-none"], {"accompanied_by": []}),
        (["--medicine", "statin", "--medicine", "water-tablet"], {"medicines": ["statin", "water_tablet"]}),
        (["--no-medicines"], {"medicines": []}),
        (["--age-group", "older-adult"], {"age_group": "older_adult"}),
        *((["--" + option], {field: True}) for field, option in FLAG_OPTIONS.items()),
        *((["--no-" + option], {field: False}) for field, option in FLAG_OPTIONS.items()),
    ],
)
def test_check_flags_json(capsys: pytest.CaptureFixture[str], argv: list[str], fields: dict[str, Any]) -> None:
    """`check --json` with each flag prints assessment_to_dict of the episode the flag describes."""
    code, out, err = run(capsys, "check", "--json", *argv)
    assert (code, err) == (0, "")
    assert json.loads(out) == expected_json(**fields)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("12m", timedelta(minutes=12)),
        ("90s", timedelta(seconds=90)),
        ("1h30m", timedelta(hours=1, minutes=30)),
        ("1H30M", timedelta(hours=1, minutes=30)),
        ("PT12M", timedelta(minutes=12)),
        ("pt12m", timedelta(minutes=12)),
        ("P1DT2H", timedelta(days=1, hours=2)),
        ("1.5s", timedelta(seconds=1.5)),
        ("0.000001s", timedelta(microseconds=1)),
        ("2d", timedelta(days=2)),
        ("1d2h3m4.5s", timedelta(days=1, hours=2, minutes=3, seconds=4.5)),
        (" 12m ", timedelta(minutes=12)),
        ("0s", timedelta(0)),
        ("100000000s", timedelta(seconds=100_000_000)),
        ("90", timedelta(seconds=90)),
        ("0.5", timedelta(seconds=0.5)),
    ],
)
def test_duration_forms(text: str, value: timedelta) -> None:
    """--duration reads seconds, 12m, 90s, 1h30m, 1.5s, days, and ISO 8601, case-insensitively."""
    assert parse_duration_option(text) == value


@pytest.mark.parametrize(
    ("text", "fires"),
    [("10m", False), ("600s", False), ("PT10M", False), ("10m1s", True), ("601s", True), ("PT10M0.5S", True)],
)
def test_duration_flag_boundary(capsys: pytest.CaptureFixture[str], text: str, fires: bool) -> None:
    """--duration of exactly 10 minutes does not fire long-lasting; a moment longer does."""
    _, out, _ = run(capsys, "check", "--json", "--duration", text)
    assert json.loads(out)["needs_medical_attention"] is fires


@pytest.mark.parametrize(
    "text",
    [
        "12x",
        "1.5m",
        "m",
        "",
        " ",
        "-5m",
        "PT",
        "P1W",
        "1e3s",
        "\u0661\u0662m",
        "100000001s",
        "100000000.000001s",
        "999999999d999999999h",
        "PT100000001S",
        "1m1h",
        "1.1234567s",
    ],
)
def test_bad_durations_are_usage_errors(capsys: pytest.CaptureFixture[str], text: str) -> None:
    """A --duration that is not a duration within 100,000,000 seconds exits 2 with usage and one error line."""
    code, out, err = run(capsys, "check", "--duration", text)
    assert (code, out) == (2, "")
    assert_usage_error(err)
    assert "--duration" in err.splitlines()[-1]


@pytest.mark.parametrize(
    "argv",
    [
        ["--severity", "severe", "--pain-score", "7"],
        ["--self-care-helped", "--no-self-care-helped"],
        ["--with", "fever", "--with-none"],
        ["--medicine", "statin", "--no-medicines"],
        ["--pain-score", "11"],
        ["--pain-score", "-1"],
        ["--pain-score", "seven"],
        ["--pain-score", "2.5"],
        ["--severity", "awful"],
        ["--area", "knee"],
        ["--with", "itch"],
        ["--with"],
        ["--frobnicate"],
        ["--json=yes"],
    ],
)
def test_bad_check_arguments_exit_2(capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    """Conflicting or unknown check arguments exit 2 with the usage and one error line, nothing on stdout."""
    code, out, err = run(capsys, "check", *argv)
    assert (code, out) == (2, "")
    assert_usage_error(err)


@pytest.mark.parametrize("argv", [[], ["frobnicate"], ["show"], ["export", "nonsense"], ["export"]])
def test_bad_commands_exit_2(capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    """A missing or unknown command, topic or export document exits 2 with usage and one error line."""
    code, out, err = run(capsys, *argv)
    assert (code, out) == (2, "")
    assert_usage_error(err)


def test_area_and_with_accept_dash_or_underscore_and_repeats(capsys: pytest.CaptureFixture[str]) -> None:
    """--with chest-pain and chest_pain are the same; repeating a value changes nothing."""
    _, once, _ = run(capsys, "check", "--json", "--with", "chest_pain", "--area", "leg")
    _, again, _ = run(
        capsys, "check", "--json", "--area", "leg", "--with", "chest-pain", "--with", "chest_pain", "--area", "leg"
    )
    assert json.loads(once) == json.loads(again) == expected_json(accompanied_by=["chest_pain"], body_areas=["leg"])


@given(
    check_flags,
    st.randoms(use_true_random=False),
    st.integers(1, 3),
    st.one_of(st.none(), st.sampled_from(["mild", "moderate", "severe"])),
)
def test_flag_order_and_repetition_change_nothing(
    groups: list[list[str]], random: Any, repeats: int, severity: str | None
) -> None:
    """Repeating the repeatable options, or giving options in another order, prints the same assessment."""
    extra = [["--severity", severity]] if severity else []
    base = [word for group in [*groups, *extra] for word in group]
    shuffled_groups = [*groups, *(groups[: len(groups) // 2] * repeats), *extra]
    random.shuffle(shuffled_groups)
    shuffled = [word for group in shuffled_groups for word in group]
    code, first, _ = call(["check", "--json", *base])
    code_again, second, _ = call(["check", "--json", *shuffled])
    assert code == code_again == 0
    assert json.loads(first) == json.loads(second)


def test_help_and_version_exit_0(capsys: pytest.CaptureFixture[str]) -> None:
    """--help prints the usage and --version the version, both exit 0."""
    code, out, _ = run(capsys, "--help")
    assert code == 0
    assert "usage: spasmfacts" in out
    code, out, _ = run(capsys, "check", "--help")
    assert code == 0
    assert "--no-self-care-helped" in out
    code, out, _ = run(capsys, "--version")
    assert (code, out.strip()) == (0, f"spasmfacts {spasmfacts.__version__}")


def test_python_m_spasmfacts_exits_with_mains_status(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`python -m spasmfacts` runs the same command line and exits with its status."""
    monkeypatch.setattr(sys, "argv", ["spasmfacts", "check", "--area", "knee"])
    with pytest.raises(SystemExit) as info:
        runpy.run_module("spasmfacts", run_name="__main__")
    assert info.value.code == 2
    assert_usage_error(capsys.readouterr().err)


def test_importing_the_main_module_runs_nothing(capsys: pytest.CaptureFixture[str]) -> None:
    """Importing spasmfacts.__main__ (as documentation tools do) runs no command."""
    module = importlib.import_module("spasmfacts.__main__")
    assert module.main is cli.main
    assert capsys.readouterr() == ("", "")


def test_main_reads_sys_argv(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """main() without arguments reads the command from sys.argv."""
    monkeypatch.setattr(sys, "argv", ["spasmfacts", "check", "--recurrent", "--json"])
    assert cli.main() == 0
    assert json.loads(capsys.readouterr().out) == expected_json(recurrent=True)


# --- content that cannot be loaded ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("filename", "argv"),
    [
        ("warning_signs.json", ["check", "--recurrent"]),
        ("next_steps.json", ["check"]),
        ("next_steps.json", ["check", "--json"]),
        ("sources.json", ["check", "--severity", "severe"]),
        ("metadata.json", ["check"]),
        ("causes.json", ["show", "causes"]),
        ("overview.json", ["show", "overview", "--json"]),
    ],
)
def test_unloadable_content_exits_3(
    capsys: pytest.CaptureFixture[str], content_copy: Path, filename: str, argv: list[str]
) -> None:
    """When a data file cannot be loaded, the command exits 3 with one stderr line naming the file."""
    (content_copy / filename).write_text('[{"id": ', encoding="utf-8")
    code, _, err = run(capsys, *argv)
    assert code == 3
    assert err.count("\n") == 1
    assert err.startswith("spasmfacts: cannot load the content: ")
    assert filename in err


def test_unloadable_content_stops_a_batch_before_output(
    capsys: pytest.CaptureFixture[str], content_copy: Path, tmp_path: Path
) -> None:
    """`check --input` with unloadable content exits 3 and prints no result line."""
    (content_copy / "next_steps.json").write_bytes(b"\xff")
    batch = tmp_path / "in.jsonl"
    batch.write_text("{}\n", encoding="utf-8")
    code, out, err = run(capsys, "check", "--input", str(batch))
    assert (code, out) == (3, "")
    assert "next_steps.json" in err
    assert err.count("\n") == 1


# --- check --input: JSON Lines batches ---------------------------------------------------------------


def write_lines(tmp_path: Path, data: bytes) -> str:
    """Write ``data`` to a file and return its path."""
    path = tmp_path / "episodes.jsonl"
    path.write_bytes(data)
    return str(path)


def test_batch_valid_invalid_and_blank_lines(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """One output line per non-blank input line, in order, numbered by input line; invalid ones also on stderr."""
    lines = [
        '{"severity": "moderate", "duration": "PT4M", "body_areas": ["leg"], "accompanied_by": ["fever"]}',
        "",
        "   ",
        '{"accompanied_by": ["fever", "itch"], "recurrent": "yes"}',
        "{}",
        "not json",
        '{"after_wound": true}',
    ]
    path = write_lines(tmp_path, "\n".join(lines).encode() + b"\n")
    code, out, err = run(capsys, "check", "--input", path)
    assert code == 1
    records = [json.loads(line) for line in out.splitlines()]
    assert [record["line"] for record in records] == [1, 4, 5, 6, 7]
    for record in records:
        text = lines[record["line"] - 1]
        if "assessment" in record:
            assert list(record) == ["line", "assessment"]
            assert record["assessment"] == assessment_to_dict(assess(episode_from_json(text)))
        else:
            assert list(record) == ["line", "errors"]
            for error in record["errors"]:
                assert list(error) == ["path", "message"]
    assert records[1]["errors"] == [
        {"path": "accompanied_by[1]", "message": "'itch' is not a known finding"},
        {"path": "recurrent", "message": "expected true, false or null, not a string"},
    ]
    assert records[3]["errors"][0]["path"] == "$"
    assert err.splitlines() == [
        (
            "spasmfacts: line 4: accompanied_by[1]: 'itch' is not a known finding; "
            "recurrent: expected true, false or null, not a string"
        ),
        f"spasmfacts: line 6: $: {records[3]['errors'][0]['message']}",
    ]


def test_batch_all_valid_exits_0(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """A batch with only valid lines exits 0 with nothing on stderr; CRLF line endings are fine."""
    path = write_lines(tmp_path, b'{"recurrent": true}\r\n\r\n{"duration": 90}\r\n{}')
    code, out, err = run(capsys, "check", "--input", path)
    assert (code, err) == (0, "")
    assert [json.loads(line)["line"] for line in out.splitlines()] == [1, 3, 4]


def test_batch_json_flag_changes_nothing(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """--json is accepted with --input and the output is the same."""
    path = write_lines(tmp_path, b'{"recurrent": true}\n{"x": 1}\n')
    plain = run(capsys, "check", "--input", path)
    with_json = run(capsys, "check", "--json", "--input", path)
    assert plain == with_json
    assert plain[0] == 1


@pytest.mark.parametrize("data", [b"", b"\n", b"\n\n  \n\t\n", b"\r\n"])
def test_batch_empty_input(capsys: pytest.CaptureFixture[str], tmp_path: Path, data: bytes) -> None:
    """Empty or blank-only input prints nothing and exits 0."""
    assert run(capsys, "check", "--input", write_lines(tmp_path, data)) == (0, "", "")


def test_batch_non_utf8_line_is_invalid(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """A line that is not UTF-8 is an invalid line; the lines around it are still assessed."""
    path = write_lines(tmp_path, b'{"recurrent": true}\n{"severity": "s\xe9v\xe8re"}\n{}\n')
    code, out, err = run(capsys, "check", "--input", path)
    records = [json.loads(line) for line in out.splitlines()]
    assert code == 1
    assert [record["line"] for record in records] == [1, 2, 3]
    assert "not valid UTF-8" in records[1]["errors"][0]["message"]
    assert "assessment" in records[0]
    assert "assessment" in records[2]
    assert err.startswith("spasmfacts: line 2: $: the document is not valid UTF-8")


def test_batch_long_lines(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """A line over 64 KiB is an invalid line and later lines are still read; a 64 KiB document itself is fine."""
    head = b'{"recurrent": true'
    exactly = head + b" " * (65536 - len(head) - 1) + b"}"
    one_over = head + b" " * (65536 - len(head)) + b"}"
    huge = b'{"x": "' + b"a" * 300_000 + b'"}'
    data = b"\n".join([exactly, one_over, huge, b"{}", exactly + b"\r", huge]) + b"\n" + huge
    code, out, err = run(capsys, "check", "--input", write_lines(tmp_path, data))
    records = [json.loads(line) for line in out.splitlines()]
    assert code == 1
    assert [record["line"] for record in records] == [1, 2, 3, 4, 5, 6, 7]
    assert [("assessment" in record) for record in records] == [True, False, False, True, True, False, False]
    assert records[0]["assessment"] == expected_json(recurrent=True)
    for record in (records[1], records[2], records[5], records[6]):
        assert record["errors"][0]["path"] == "$"
    assert len(err.splitlines()) == 4


def test_batch_unusual_keys_stay_on_one_line(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """Keys with a newline, a lone surrogate or non-Latin letters give valid JSON output and one stderr line each."""
    data = b'{"a\\nb": 1}\n{"\\ud800": true}\n{"\xd0\xba\xd0\xbb\xd1\x8e\xd1\x87": 0}\n{"\\u2028": 0}\n'
    code, out, err = run(capsys, "check", "--input", write_lines(tmp_path, data))
    assert code == 1
    records = [json.loads(line) for line in out.split("\n")[:-1]]  # str.splitlines() would split at U+2028
    # A key is echoed escaped, in the output as on standard error.
    assert [record["errors"][0]["path"] for record in records] == ["a\\nb", "\\ud800", "ключ", "\\u2028"]
    lines = err.split("\n")[:-1]
    assert len(lines) == 4
    assert lines[0] == "spasmfacts: line 1: a\\nb: unknown field"
    assert lines[1] == "spasmfacts: line 2: \\ud800: unknown field"
    assert lines[2] == "spasmfacts: line 3: ключ: unknown field"
    assert lines[3] == "spasmfacts: line 4: \\u2028: unknown field"


def test_batch_from_stdin(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """--input - reads JSON Lines from standard input."""
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b'{"recurrent": true}\n\n{"disturbs_sleep": 1}\n')))
    code, out, err = run(capsys, "check", "--input", "-")
    records = [json.loads(line) for line in out.splitlines()]
    assert code == 1
    assert [record["line"] for record in records] == [1, 3]
    assert records[0]["assessment"] == expected_json(recurrent=True)
    assert err == "spasmfacts: line 3: disturbs_sleep: expected true, false or null, not a number\n"


def test_batch_from_closed_stdin(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """--input - with standard input closed exits 2 with one line."""
    monkeypatch.setattr(sys, "stdin", None)
    assert run(capsys, "check", "--input", "-") == (2, "", "spasmfacts: cannot read -: standard input is closed\n")


@pytest.mark.parametrize("name", ["missing.jsonl", "."])
def test_batch_unreadable_file(capsys: pytest.CaptureFixture[str], tmp_path: Path, name: str) -> None:
    """A missing or unreadable --input file exits 2 with one line naming it."""
    path = str(tmp_path / name)
    code, out, err = run(capsys, "check", "--input", path)
    assert (code, out) == (2, "")
    assert err.count("\n") == 1
    assert err.startswith(f"spasmfacts: cannot read {path}: ")


class _FailingInput(io.BytesIO):
    """An input whose reads fail with EIO once its bytes are used up."""

    def readline(self, size: int | None = -1) -> bytes:
        line = super().readline(size)
        if not line:
            raise OSError(errno.EIO, "Input/output error")
        return line


def test_batch_read_error_midway(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """A read error part-way exits 2 with one line, after the lines already read were printed."""
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(_FailingInput(b'{"recurrent": true}\n\n')))
    code, out, err = run(capsys, "check", "--input", "-")
    assert code == 2
    assert json.loads(out) == {"line": 1, "assessment": expected_json(recurrent=True)}
    assert err == "spasmfacts: cannot read -: Input/output error\n"


def test_full_disk_during_a_batch_is_a_write_error(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A batch whose output cannot be written exits 2 saying so, not blaming the input file."""
    monkeypatch.setattr(sys, "stdout", _Failing(OSError(errno.ENOSPC, "No space left on device")))
    assert cli.main(["check", "--input", write_lines(tmp_path, b"{}\n" * 3)]) == 2
    assert capsys.readouterr().err == "spasmfacts: cannot write the output: No space left on device\n"


@pytest.mark.parametrize(
    ("argv", "named"),
    [
        (["--recurrent"], "--recurrent"),
        (["--pain-score", "0"], "--pain-score"),
        (["--no-self-care-helped"], "--no-self-care-helped"),
        (["--self-care-helped"], "--self-care-helped"),
        (["--duration", "0s"], "--duration"),
        (["--with", "fever"], "--with"),
        (["--with-none"], "--with-none"),
        (["--medicine", "statin"], "--medicine"),
        (["--no-medicines"], "--no-medicines"),
        (["--age-group", "adult"], "--age-group"),
        (["--area", "leg"], "--area"),
        (["--severity", "mild"], "--severity"),
        (["--after-wound", "--no-when-walking"], "--after-wound, --no-when-walking"),
    ],
)
def test_input_with_episode_flags_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, argv: list[str], named: str
) -> None:
    """--input combined with any episode flag (even a falsy one such as --pain-score 0) exits 2 naming it."""
    code, out, err = run(capsys, "check", "--input", write_lines(tmp_path, b"{}\n"), *argv)
    assert (code, out) == (2, "")
    assert_usage_error(err)
    assert f"({named})" in err.splitlines()[-1]


def test_batch_reuses_rendered_results_correctly(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """Over a batch of more than a thousand different results, every line still gets its own assessment."""
    flags = [
        "interferes_with_daily_life",
        "disturbs_sleep",
        "recurrent",
        "started_after_new_medication",
        "after_wound",
        "comes_on_when_walking",
    ]
    findings = ["fever", "numbness", "swelling", "vomiting", "confusion", "dark_urine"]
    documents = []
    for number in range(1100):
        document: dict[str, Any] = {flag: bool(number >> bit & 1) for bit, flag in enumerate(flags)}
        document["accompanied_by"] = [f for bit, f in enumerate(findings) if number >> (bit + 6) & 1]
        documents.append(document)
    documents += documents[:50]
    text = "".join(json.dumps(document) + "\n" for document in documents)
    code, out, _ = run(capsys, "check", "--input", write_lines(tmp_path, text.encode()))
    assert code == 0
    records = [json.loads(line) for line in out.splitlines()]
    assert len(records) == len(documents)
    for number, (record, document) in enumerate(zip(records, documents, strict=True), start=1):
        assert record["line"] == number
        assert record["assessment"] == expected_json(**document)


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_only_on_a_terminal(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A big file shows a progress line on a terminal's stderr, then clears it; results and exit are unchanged."""
    line = b'{"recurrent": true}' + b" " * 200 + b"\n"
    path = write_lines(tmp_path, line * 10_001)
    code, out, err = run(capsys, "check", "--input", path)
    assert (code, err) == (0, "")
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    assert cli.main(["check", "--input", path]) == 0
    assert capsys.readouterr().out == out
    shown = terminal.getvalue()
    # 5000 of 10001 equal lines answered; the command reads up to CHUNK_LINES (64) lines ahead
    assert re.search(r"\rspasmfacts: (49|50)% \(line 5000\)", shown)
    assert re.search(r"\rspasmfacts: (99|100)% \(line 10000\)", shown)
    assert shown.endswith("\r\x1b[K")


def test_progress_not_shown_for_a_small_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file under 1 MiB shows no progress line, even on a terminal."""
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    assert cli.main(["check", "--input", write_lines(tmp_path, b"{}\n" * 6000)]) == 0
    assert terminal.getvalue() == ""
    assert len(capsys.readouterr().out.splitlines()) == 6000


# --- output streams ----------------------------------------------------------------------------------


class _Failing(io.StringIO):
    """A standard output whose writes fail with ``error``; ``descriptor`` is its file descriptor, if any."""

    def __init__(self, error: OSError, descriptor: int | None = None) -> None:
        super().__init__()
        self.error = error
        self.descriptor = descriptor

    def write(self, text: str) -> int:
        raise self.error

    def fileno(self) -> int:
        if self.descriptor is None:
            raise io.UnsupportedOperation("fileno")
        return self.descriptor


def test_closed_pipe_exits_141_silently(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """When standard output is a closed pipe, the command exits 141 and writes nothing to stderr."""
    monkeypatch.setattr(sys, "stdout", _Failing(BrokenPipeError(errno.EPIPE, "Broken pipe")))
    assert cli.main(["show", "causes"]) == 141
    assert capsys.readouterr().err == ""


def test_closed_pipe_during_a_batch_exits_141_silently(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A pipe closed while check --input writes ends the batch with 141 and nothing on stderr, not a read error."""
    monkeypatch.setattr(sys, "stdout", _Failing(BrokenPipeError(errno.EPIPE, "Broken pipe")))
    assert cli.main(["check", "--input", write_lines(tmp_path, b"{}\n" * 10)]) == 141
    assert capsys.readouterr().err == ""


def test_closed_pipe_redirects_stdout_to_null(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """After a closed pipe, stdout's descriptor points at the null device, so the exit flush cannot fail."""
    target = tmp_path / "out"
    descriptor = os.open(target, os.O_WRONLY | os.O_CREAT)
    try:
        monkeypatch.setattr(sys, "stdout", _Failing(BrokenPipeError(errno.EPIPE, "Broken pipe"), descriptor))
        assert cli.main(["check", "--recurrent"]) == 141
        os.write(descriptor, b"lost")
    finally:
        os.close(descriptor)
    assert target.read_bytes() == b""
    assert capsys.readouterr().err == ""


def test_unwritable_output_exits_2(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """When standard output cannot be written (a full disk), the command exits 2 with one stderr line."""
    monkeypatch.setattr(sys, "stdout", _Failing(OSError(errno.ENOSPC, "No space left on device")))
    assert cli.main(["check", "--recurrent"]) == 2
    assert capsys.readouterr().err == "spasmfacts: cannot write the output: No space left on device\n"


def test_closed_stdout_exits_2(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """With no standard output at all, the command exits 2 with one stderr line."""
    monkeypatch.setattr(sys, "stdout", None)
    assert cli.main(["show", "overview"]) == 2
    assert capsys.readouterr().err == "spasmfacts: cannot write the output: standard output is closed\n"


def test_closed_stderr_still_works(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """With no standard error, results are still printed and exit statuses are unchanged."""
    monkeypatch.setattr(sys, "stderr", None)
    assert cli.main(["check", "--recurrent", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == expected_json(recurrent=True)
    assert cli.main(["check", "--area", "knee"]) == 2


def test_output_is_utf8_whatever_the_locale(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """On a Latin-1 standard output the command switches to UTF-8, so any text can be written."""
    out_bytes, err_bytes = io.BytesIO(), io.BytesIO()
    out = io.TextIOWrapper(out_bytes, encoding="latin-1")
    err = io.TextIOWrapper(err_bytes, encoding="ascii")
    monkeypatch.setattr(sys, "stdout", out)
    monkeypatch.setattr(sys, "stderr", err)
    path = write_lines(tmp_path, '{"ключ": 1}\n'.encode())
    assert cli.main(["check", "--input", path]) == 1
    out.flush()
    err.flush()
    assert json.loads(out_bytes.getvalue().decode("utf-8"))["errors"][0]["path"] == "ключ"
    assert err_bytes.getvalue().decode("utf-8") == "spasmfacts: line 1: ключ: unknown field\n"


def test_interrupt_exits_130(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """Ctrl-C during a command exits 130 with one line, not a traceback."""

    def interrupted(*args: object) -> int:
        raise KeyboardInterrupt

    monkeypatch.setattr(importlib.import_module("spasmfacts.cli.check"), "check", interrupted)
    assert run(capsys, "check") == (130, "", "spasmfacts: interrupted\n")


# --- the installed command in a fresh process ----------------------------------------------------------


@pytest.mark.parametrize("command", [[sys.executable, "-m", "spasmfacts"], [SCRIPT]], ids=["python -m", "script"])
def test_installed_command(command: list[str]) -> None:
    """Both python -m spasmfacts and the spasmfacts script run: results exit 0, bad arguments 2, no traceback."""
    version = subprocess_run(*command, "--version")
    assert (version.returncode, version.stdout.decode().strip()) == (0, f"spasmfacts {spasmfacts.__version__}")
    assert subprocess_run(*command, "--help").returncode == 0
    checked = subprocess_run(*command, "check", "--with", "fever", "--json")
    assert checked.returncode == 0
    assert json.loads(checked.stdout) == expected_json(accompanied_by=["fever"])
    bad = subprocess_run(*command, "check", "--duration", "999999999d999999999h")
    assert bad.returncode == 2
    for result in (version, checked, bad):
        assert b"Traceback" not in result.stderr


def test_installed_batch_with_junk(tmp_path: Path) -> None:
    """The real command reads a junk-filled batch from stdin: one line per non-blank line, exit 1, no traceback."""
    data = b'{"\\ud800": 1}\n{"a\\nb": 2}\n\xff\xfe\n\n{"recurrent": true}\n' + b"[" * 70_000 + b"\n{}"
    result = subprocess_run(SCRIPT, "check", "--input", "-", stdin=data)
    assert result.returncode == 1
    records = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert [record["line"] for record in records] == [1, 2, 3, 5, 6, 7]
    assert b"Traceback" not in result.stderr
    assert len(result.stderr.splitlines()) == 4


def test_installed_closed_pipe(tmp_path: Path) -> None:
    """Closing the reader after one line of a 50,000-line batch ends the command with 141 and an empty stderr."""
    path = write_lines(tmp_path, b'{"recurrent": true}\n' * 50_000)
    with subprocess.Popen([SCRIPT, "check", "--input", path], stdout=subprocess.PIPE, stderr=subprocess.PIPE) as child:
        assert child.stdout is not None
        assert child.stderr is not None
        first = child.stdout.readline()
        child.stdout.close()
        stderr = child.stderr.read()
        assert child.wait(timeout=120) == 141
    assert json.loads(first)["line"] == 1
    assert stderr == b""


def test_installed_severity_from_pain_score() -> None:
    """--pain-score maps onto severity as Severity.from_pain_score does."""
    result = subprocess_run(sys.executable, "-m", "spasmfacts", "check", "--pain-score", "8", "--json")
    assert json.loads(result.stdout) == expected_json(severity=Severity.from_pain_score(8))


def test_show_metadata_names_a_signed_review() -> None:
    """Once a clinician signs the review, `show metadata` names the reviewer, role, date and rules version."""
    import datetime as dt  # noqa: PLC0415

    import attrs  # noqa: PLC0415

    from spasmfacts.cli.show import _metadata_text  # noqa: PLC0415

    review = spasmfacts.ClinicalReview(
        status="reviewed and signed",
        reviewer="Dr A. Person",
        role="general practitioner",
        date=dt.date(2027, 1, 4),
        rules_version="2.0",
    )
    text = _metadata_text(attrs.evolve(spasmfacts.metadata(), review=review), "Review:")
    assert "Review: reviewed and signed." in text
    assert "Reviewed by Dr A. Person (general practitioner) on 2027-01-04, rules version 2.0." in text
