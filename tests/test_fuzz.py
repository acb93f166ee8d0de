"""Fuzzing the input boundaries: any input gives a value or the documented error, never anything else."""

from __future__ import annotations

import contextlib
import copy
import io
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from plain import plain_line
from spasmfacts import (
    AgeGroup,
    BodyArea,
    Episode,
    Finding,
    InvalidEpisodeError,
    Medicine,
    Severity,
    assess_lines,
    episode_from_dict,
    episode_from_json,
)
from spasmfacts.cli import EXPORTS, SHOW_TOPICS, main
from spasmfacts.cli.parser import FLAG_OPTIONS
from spasmfacts.errors import shown_key
from strategies import EPISODE_KEYS, json_values, near_valid_documents, valid_documents

pytestmark = pytest.mark.fuzz


def call(argv: list[str]) -> tuple[int, str, str]:
    """Run main(argv) with stdout and stderr on strict UTF-8 streams of our own."""
    out_bytes, err_bytes = io.BytesIO(), io.BytesIO()
    out = io.TextIOWrapper(out_bytes, encoding="utf-8", newline="")
    err = io.TextIOWrapper(err_bytes, encoding="utf-8", newline="")
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(argv)
    out.flush()
    err.flush()
    return code, out_bytes.getvalue().decode(), err_bytes.getvalue().decode()


def parse_or_error(data: object) -> Episode | InvalidEpisodeError:
    """episode_from_dict(data), or the InvalidEpisodeError it raised; any other exception propagates."""
    try:
        return episode_from_dict(data)
    except InvalidEpisodeError as exc:
        return exc


def check_error(error: InvalidEpisodeError) -> None:
    """An InvalidEpisodeError has at least one (path, message) pair of strings, all in its message."""
    assert error.errors
    for path, message in error.errors:
        assert isinstance(path, str)
        assert isinstance(message, str)
        assert f"{path}: {message}" in str(error)


@given(json_values)
def test_from_dict_any_json_value(value: object) -> None:
    """For any JSON value, episode_from_dict gives an Episode or InvalidEpisodeError, and never changes its input."""
    before = copy.deepcopy(value)
    result = parse_or_error(value)
    assert value == before
    if isinstance(result, InvalidEpisodeError):
        check_error(result)
    else:
        assert isinstance(result, Episode)


@given(near_valid_documents)
@example({"duration": float("nan")})
@example({"duration": float("-inf"), "age_group": 3, "medicines": [None]})
def test_from_dict_near_valid_documents(document: dict[object, object]) -> None:
    """For near-valid documents, episode_from_dict gives an Episode or an error naming only their keys, input intact."""
    before = copy.deepcopy(document)
    result = parse_or_error(document)
    assert document == before
    if isinstance(result, InvalidEpisodeError):
        check_error(result)
        shown = {shown_key(key) for key in document if isinstance(key, str)}
        for path, _ in result.errors:
            assert path == "$" or path.split("[", 1)[0] in shown or path in shown
    else:
        assert isinstance(result, Episode)
        assert set(document) <= set(EPISODE_KEYS)


@given(valid_documents)
def test_from_dict_valid_documents(document: dict[str, object]) -> None:
    """Every document of known keys with values of the documented types is read without error."""
    assert isinstance(episode_from_dict(document), Episode)


_python_values = st.one_of(
    json_values,
    st.floats(),
    st.timedeltas(),
    st.sampled_from([*Severity, *BodyArea, *Finding, *Medicine, *AgeGroup]),
    st.frozensets(st.sampled_from([*BodyArea, *Finding, *Medicine, "leg", "fever", "statin", 1, None]), max_size=4),
    st.tuples(st.sampled_from(["leg", "fever", "statin", "baby"]), st.integers()),
)


@given(st.dictionaries(st.sampled_from(EPISODE_KEYS), _python_values, max_size=6))
def test_episode_constructor_any_values(fields: dict[str, Any]) -> None:
    """For any values of the Episode fields, Episode(...) gives an Episode or an InvalidEpisodeError naming them."""
    try:
        episode = Episode(**fields)
    except InvalidEpisodeError as exc:
        check_error(exc)
        for path, _ in exc.errors:
            assert path.split("[", 1)[0] in fields
    else:
        assert isinstance(episode, Episode)


def json_or_error(text: str | bytes) -> Episode | InvalidEpisodeError:
    """episode_from_json(text), or the InvalidEpisodeError it raised; any other exception propagates."""
    before = copy.copy(text)
    try:
        return episode_from_json(text)
    except InvalidEpisodeError as exc:
        check_error(exc)
        return exc
    finally:
        assert text == before


@given(st.text())
def test_from_json_any_text(text: str) -> None:
    """For any text, episode_from_json returns an Episode or raises InvalidEpisodeError."""
    assert isinstance(json_or_error(text), Episode | InvalidEpisodeError)


@given(st.binary())
def test_from_json_any_bytes(data: bytes) -> None:
    """For any bytes, episode_from_json returns an Episode or raises InvalidEpisodeError."""
    assert isinstance(json_or_error(data), Episode | InvalidEpisodeError)


@given(near_valid_documents, st.booleans())
def test_from_json_near_valid_documents(document: dict[object, object], as_bytes: bool) -> None:
    """episode_from_json agrees with episode_from_dict on any near-valid document; text with NaN is one error."""
    document = {str(key): value for key, value in document.items()}
    try:
        text = json.dumps(document, allow_nan=False)
    except ValueError:
        text = json.dumps(document)
        result = json_or_error(text.encode() if as_bytes else text)
        assert isinstance(result, InvalidEpisodeError)
        assert [path for path, _ in result.errors] == ["$"]
        return
    expected = parse_or_error(json.loads(text))
    result = json_or_error(text.encode() if as_bytes else text)
    if isinstance(expected, Episode):
        assert result == expected
    else:
        assert isinstance(result, InvalidEpisodeError)
        assert result.errors == expected.errors


@given(
    st.text(alphabet=st.sampled_from('{}[]":,0123456789.eE+-truefalsn \\u\t\n'), max_size=60),
)
def test_from_json_json_like_text(text: str) -> None:
    """For text made of JSON's own characters, episode_from_json returns an Episode or raises InvalidEpisodeError."""
    assert isinstance(json_or_error(text), Episode | InvalidEpisodeError)


_SPACING = st.sampled_from([(", ", ": "), (",", ":"), (" ,", " : "), (",\t", ":\r")])
_EDGE_VALUES: st.SearchStrategy[object] = st.sampled_from(
    [0, 1, 1.0, -0.0, 600, 600.0000004, 601, 1e400, True, False, None, [], [1], [[]], {}, ""]
)


@given(
    st.one_of(
        st.text(alphabet=st.sampled_from('{}[]":,0123456789.eE+-truefalsn \\u\t\r'), max_size=60),
        st.tuples(near_valid_documents, _SPACING).map(lambda pair: json.dumps(pair[0], separators=pair[1])),
        st.dictionaries(st.sampled_from(EPISODE_KEYS), _EDGE_VALUES, max_size=4).map(json.dumps),
    ),
    st.booleans(),
)
def test_the_batch_gives_the_plain_result_for_any_line(text: str, as_bytes: bool) -> None:
    """Whichever way a line is answered (its signature or the plain path), its result line is the plain one."""
    line = text.encode("utf-8", "surrogatepass") if as_bytes else text
    assert list(assess_lines([line])) == ([plain_line(1, line)] if line.strip() else [])


_VALUES = [
    "mild",
    "severe",
    "0",
    "7",
    "11",
    "12m",
    "1h30m",
    "PT12M",
    "P1W",
    "999999999d999999999h",
    "leg",
    "arm",
    "chest-pain",
    "chest_pain",
    "fever",
    "statin",
    "water-tablet",
    "anti_sickness",
    "baby",
    "older-adult",
    "teen",
    "-",
    "--",
    "",
    " ",
    "\u0661",
    "\n",
]
_FLAGS_WITH_VALUES = ["--severity", "--pain-score", "--duration", "--area", "--with", "--medicine", "--age-group"]
_SWITCHES = [
    *(f"--{option}" for option in FLAG_OPTIONS.values()),
    *(f"--no-{option}" for option in FLAG_OPTIONS.values()),
    "--with-none",
    "--no-medicines",
    "--wound-or-toxin",
    "--json",
    "--dur",
    "--with=fever",
    "--duration=",
    "-x",
]
_junk = st.text(max_size=8).filter(lambda word: word not in {"-", "--input", "--help", "-h", "--version"})
_words = st.one_of(
    st.sampled_from(_FLAGS_WITH_VALUES),
    st.sampled_from(_SWITCHES),
    st.sampled_from(_VALUES),
    _junk,
)
argv_lists = st.one_of(
    st.tuples(st.just(["check"]), st.lists(_words, max_size=10)).map(lambda parts: parts[0] + parts[1]),
    st.tuples(
        st.sampled_from([*SHOW_TOPICS, "nonsense"]), st.lists(st.sampled_from(["--json", "-j", "x"]), max_size=2)
    ).map(lambda parts: ["show", parts[0], *parts[1]]),
    st.tuples(_junk.filter(lambda word: word not in EXPORTS)).map(lambda parts: ["export", parts[0]]),
    st.lists(_words, max_size=5),
)


@given(argv_lists)
def test_command_line_parser(argv: list[str]) -> None:
    """For any argument list, main() returns 0 or 2 without a traceback; a 2 prints the usage and one error line."""
    code, out, err = call(argv)
    assert code in {0, 2}
    assert "Traceback" not in err
    if code == 2:
        assert out == ""
        lines = err.split("\n")
        assert lines[0].startswith("usage: spasmfacts")
        assert lines[-1] == ""
        assert lines[-2].startswith("spasmfacts: error: ")
        assert sum(line.startswith("spasmfacts: error:") for line in lines) == 1
    else:
        assert err == ""
        assert out


# Lines are drawn from fixed documents, text and bytes: the documents themselves are fuzzed above, and cheap
# lines keep thousands of whole batches fast.
_DOCUMENTS = [
    {
        "severity": "moderate",
        "duration": "PT4M",
        "body_areas": ["leg"],
        "accompanied_by": ["fever"],
        "disturbs_sleep": True,
    },
    {},
    {"severity": "mild", "duration": 60, "body_areas": ["leg"]},
    {"accompanied_by": ["confusion", "dark_urine"], "body_areas": ["chest"], "after_wound": True},
    {"improves_with_self_care": None, "duration": 12.5, "medicines": [], "accompanied_by": []},
    {"medicines": ["anti_sickness"], "body_areas": ["jaw"], "age_group": "child", "in_heat": None},
    {"in_heat": True, "not_better_after_cooling": True, "fluid_restriction": False, "pregnant": True},
    {"after_wound_or_toxin_exposure": True},
    {"age_group": "teen", "medicines": ["aspirin"]},
    {"severity": "awful"},
    {"accompanied_by": ["fever", "itch"], "recurrent": "yes"},
    {"duration": "P1W"},
    {"body_areas": "leg"},
    ["recurrent"],
]
_input_lines = st.one_of(
    st.sampled_from([json.dumps(document).encode() for document in _DOCUMENTS]),
    st.text(max_size=20).map(lambda text: text.encode("utf-8", "surrogatepass").replace(b"\n", b"")),
    st.binary(max_size=30).map(lambda data: data.replace(b"\n", b"")),
    st.sampled_from([b"", b" ", b"\t", b"\r", b"{}", b"[]", b"null", b"\xff\xfe", b'{"recurrent": true}\r', b"[" * 70]),
)


@pytest.fixture(scope="module")
def batch_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A directory for the batch files of the batch-reader fuzz test."""
    return tmp_path_factory.mktemp("batches")


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_input_lines, max_size=8), st.booleans())
def test_batch_reader(batch_dir: Path, lines: list[bytes], final_newline: bool) -> None:
    """The batch command prints one line per non-blank input line, in order, and exits 1 exactly when one was bad."""
    path = batch_dir / "batch.jsonl"
    path.write_bytes(b"\n".join(lines) + (b"\n" if final_newline and lines else b""))
    code, out, err = call(["check", "--input", str(path)])
    expected_numbers = [number for number, line in enumerate(lines, start=1) if line.strip()]
    records = [json.loads(text) for text in out.split("\n")[:-1]]
    assert [record["line"] for record in records] == expected_numbers
    invalid = [record["line"] for record in records if "errors" in record]
    for record in records:
        assert set(record) in ({"line", "assessment"}, {"line", "errors"})
    assert code == (1 if invalid else 0)
    assert [int(text.split(":")[1].split()[1]) for text in err.split("\n")[:-1]] == invalid
    for number, line in enumerate(lines, start=1):
        if number in invalid:
            assert isinstance(json_or_error(line.rstrip(b"\r")), InvalidEpisodeError)
