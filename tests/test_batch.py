"""``assess_lines()``, the streaming core of ``check --input``, and the fast paths behind it.

``assess()`` finds the rows with the table compiled to bit masks, and the boundary builds
episodes without running their converters twice: each is pinned here equal to the plain way.
The batch's own fast path (signatures and result texts) is pinned in ``test_signatures.py``.
"""

from __future__ import annotations

import io
import itertools
import json
import multiprocessing
import pickle
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import spasmfacts
from plain import plain_line
from spasmfacts import Episode, InvalidEpisodeError, Policy, assess, assess_lines
from spasmfacts.batch import CHUNK_LINES, MAX_LINE_BYTES, chunk_results
from spasmfacts.boundary import MAX_JSON_BYTES, episode_from_dict
from spasmfacts.cli import main
from spasmfacts.rules import fired_rules
from spasmfacts.rules.compiled import rows_fired
from strategies import episodes, near_valid_documents, policies, valid_documents

ROOT = Path(__file__).resolve().parent.parent
EDGE_LINES = (
    b'{"severity": "moderate", "duration": "PT12M", "body_areas": ["leg"]}',
    b"{}",
    b'{"accompanied_by": ["fever"], "body_areas": ["neck"], "medicines": []}',
    b'{"recurrent": true,\r"in_heat": null}',
    b'{"severity": "mild"}\r',
    b"",
    b"   ",
    b"\t\r",
    b"{",
    b'["leg"]',
    b'{"body_areas": ["leg"], "itch": 1}',
    b'\xff\xfe{"x": 1}',
    b'{"severity": "caf\xc3\xa9"}',
    b"\xef\xbb\xbf{}",
    b'{"recurrent": true, "recurrent": false}',
    b'{"age_group": "baby", "pregnant": true, "in_heat": true, "fluid_restriction": null}',
    b" " * (MAX_LINE_BYTES + 10),
    b'{"severity": "' + b"x" * MAX_LINE_BYTES + b'"}',
)
"""Lines of every kind the command meets: valid, blank, invalid JSON, not UTF-8, CRLF, too long."""


def _command(capsys: pytest.CaptureFixture[str], path: Path) -> str:
    main(["check", "--input", str(path)])
    return capsys.readouterr().out


def _write_lines(path: Path, lines: list[bytes], *, last_newline: bool = True) -> Path:
    path.write_bytes(b"\n".join(lines) + (b"\n" if last_newline else b""))
    return path


# --- The public function -----------------------------------------------------------------------


def test_assess_lines_is_exported() -> None:
    """``spasmfacts.assess_lines`` is the batch module's function, listed in ``__all__``."""
    assert spasmfacts.assess_lines is assess_lines
    assert "assess_lines" in spasmfacts.__all__


def test_results_are_numbered_from_start_and_blank_lines_keep_their_numbers() -> None:
    """One result per non-blank line, in order, numbered from ``start``, blank lines counted but not answered."""
    lines = ['{"recurrent": true}', "", "  \n", "{", '{"body_areas": ["leg"]}\n']
    results = [json.loads(text) for text in assess_lines(lines, start=41)]
    assert [result["line"] for result in results] == [41, 44, 45]
    assert ["assessment" in result for result in results] == [True, False, True]
    assert results[0]["assessment"]["reasons"][0]["id"] == "recurrent"


def test_each_result_is_one_line_with_its_newline() -> None:
    """Every yielded string ends with exactly one newline and holds no other."""
    for text in assess_lines(EDGE_LINES):
        assert text.endswith("\n")
        assert text.count("\n") == 1


def test_bytes_and_text_lines_give_the_same_results() -> None:
    """A line as bytes or as the same text decoded gives the same result line."""
    lines = [line for line in EDGE_LINES if b"\xff" not in line]
    assert list(assess_lines(lines)) == list(assess_lines([line.decode("utf-8") for line in lines]))


def test_output_is_exactly_what_the_command_writes(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """Over lines of every kind (too long, not UTF-8, CRLF, blank), the function writes what check --input writes."""
    lines = [*EDGE_LINES, *EDGE_LINES[::-1]]
    path = _write_lines(tmp_path / "edge.jsonl", lines, last_newline=False)
    expected = _command(capsys, path)
    with path.open("rb") as stream:
        assert "".join(assess_lines(stream)) == expected
    assert "".join(assess_lines(line + b"\n" for line in lines)) == expected
    assert "".join(assess_lines(lines)) == expected


@pytest.mark.parametrize(("extra", "too_long"), [(0, False), (1, True)])
def test_the_line_length_limit_is_the_commands(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, extra: int, too_long: bool
) -> None:
    """A line of MAX_LINE_BYTES bytes is read whole and one byte more is too long, as the command counts."""
    line = b'{"x": "' + b"y" * (MAX_LINE_BYTES - 9 + extra) + b'"}'
    path = _write_lines(tmp_path / "long.jsonl", [line])
    expected = _command(capsys, path)
    message = json.loads(expected)["errors"][0]["message"]
    assert message.startswith("the line is longer") is too_long
    assert "".join(assess_lines([line])) == expected
    assert "".join(assess_lines([line.decode("ascii")])) == expected
    assert "".join(assess_lines([line + b"\n"])) == expected


def test_a_long_line_of_text_is_measured_in_utf8() -> None:
    """A text line counts its UTF-8 bytes: fewer characters than the limit can still be too long."""
    line = '{"x": "' + "\u00e9" * (MAX_LINE_BYTES // 2) + '"}'
    assert len(line) < MAX_LINE_BYTES
    (result,) = assess_lines([line])
    assert json.loads(result)["errors"][0]["message"] == f"the line is longer than {MAX_JSON_BYTES} bytes"


def test_lines_are_read_one_at_a_time() -> None:
    """The function streams: a first result comes before the input ends, so memory does not grow with it."""

    def endless() -> Iterator[str]:
        for number in itertools.count():
            yield f'{{"recurrent": {"true" if number % 2 else "false"}}}'

    first = list(itertools.islice(assess_lines(endless()), 3))
    assert [json.loads(text)["line"] for text in first] == [1, 2, 3]


def test_chunk_results_reports_each_error_with_its_line() -> None:
    """chunk_results() gives the number, the output line and the error of each invalid line, None for a valid one."""
    (results,) = chunk_results(["{}", None, "{", ""], start=5)
    assert [(number, error is None) for number, _, error in results] == [(5, True), (6, False), (7, False)]
    assert isinstance(results[1][2], InvalidEpisodeError)
    assert results[1][2].errors == (("$", f"the line is longer than {MAX_JSON_BYTES} bytes"),)


# --- Engines and worker processes ---------------------------------------------------------------


def test_the_function_pickles_by_reference() -> None:
    """assess_lines pickles as a reference to the module function (no state to ship), and unpickles to itself."""
    assert pickle.loads(pickle.dumps(assess_lines)) is assess_lines  # noqa: S301
    assert len(pickle.dumps(assess_lines)) < 100


def _in_worker(lines: list[bytes], start: int) -> list[str]:
    """In a worker process: the result lines of one partition."""
    return list(assess_lines(lines, start=start))


def test_a_spawned_worker_gives_identical_output() -> None:
    """Partitions assessed in fresh spawned processes, each with its start, join into the single-process output."""
    lines = list(EDGE_LINES) * 3
    partitions = [(lines[i : i + 10], i + 1) for i in range(0, len(lines), 10)]
    with multiprocessing.get_context("spawn").Pool(2) as pool:
        parts = pool.starmap(_in_worker, partitions)
    assert list(itertools.chain.from_iterable(parts)) == list(assess_lines(lines))


def test_the_docs_show_the_tested_recipes() -> None:
    """docs/distributed.md includes the recipe files that tests/test_distributed.py runs, whole."""
    page = (ROOT / "docs" / "distributed.md").read_text(encoding="utf-8")
    included = re.findall(r"^```\{literalinclude\} (recipes/\S+\.py)\n", page, re.MULTILINE)
    assert included == ["recipes/dask_bag.py", "recipes/pyspark_text.py"]
    assert all((ROOT / "docs" / name).is_file() for name in included)


# --- The fast paths, pinned to the plain ones ---------------------------------------------------


@given(st.lists(st.one_of(near_valid_documents.map(json.dumps), st.sampled_from(EDGE_LINES)), max_size=8))
def test_batch_lines_are_the_plain_results(lines: list[str | bytes]) -> None:
    """Over valid, broken and odd lines, each output line is the plain result for that line."""
    expected = [plain_line(number, line) for number, line in enumerate(lines, 1) if line.strip()]
    assert list(assess_lines(lines)) == expected


@given(episodes, policies)
def test_rows_fired_are_the_plain_rows_in_reason_order(episode: Episode, policy: Policy) -> None:
    """The compiled table fires the rows fired_rules() gives, highest urgency first, then in table order."""
    expected = sorted(fired_rules(episode, policy), key=lambda rule: -rule.urgency.rank)
    assert rows_fired(episode, policy) == tuple(expected)


@given(valid_documents)
def test_boundary_episodes_pass_the_real_constructor(document: dict[str, Any]) -> None:
    """An episode the boundary builds without its converters is one that Episode's own constructor makes unchanged."""
    episode = episode_from_dict(document)
    assert type(episode) is Episode
    assert attrs.evolve(episode) == episode
    assert hash(attrs.evolve(episode)) == hash(episode)


def test_duration_texts_are_parsed_once_and_the_cache_stays_bounded() -> None:
    """A duration text seen before gives the same value; past the cache's limit it is emptied, never grown."""
    from spasmfacts import boundary  # noqa: PLC0415 (the cache is private to the boundary)

    texts = [f"PT{seconds}S" for seconds in range(boundary._PARSED_LIMIT + 50)]
    for text in texts:
        assert episode_from_dict({"duration": text}).duration == boundary.parse_duration(text)
    assert len(boundary._PARSED_DURATIONS) <= boundary._PARSED_LIMIT
    assert episode_from_dict({"duration": texts[-1]}).duration == boundary.parse_duration(texts[-1])


def test_the_same_episode_object_gets_the_same_result_object() -> None:
    """assess() called again with the very same episode returns the very same (immutable) result."""
    episode = Episode(recurrent=True, body_areas={"leg"})
    first = assess(episode)
    assert assess(episode) is first
    assert assess(Episode(recurrent=True, body_areas={"leg"})) == first


def test_lines_read_before_a_read_error_are_answered_first() -> None:
    """When reading fails, every line read before the failure gets its result, then the error propagates."""

    def failing() -> Iterator[str]:
        yield from ['{"recurrent": true}'] * 100
        raise OSError(5, "Input/output error")

    answered: list[str] = []
    with pytest.raises(OSError, match="Input/output error"):
        answered.extend(assess_lines(failing()))
    assert [json.loads(text)["line"] for text in answered] == list(range(1, 101))


def test_many_lines_pass_in_chunks_with_unbroken_numbers() -> None:
    """More lines than one chunk holds come out in order, numbered without a gap or a repeat."""
    lines = ['{"disturbs_sleep": true}', "", "{"] * CHUNK_LINES
    numbers = [json.loads(text)["line"] for text in assess_lines(lines, start=0)]
    assert numbers == [number for number in range(len(lines)) if number % 3 != 1]


def test_results_come_in_one_list_per_chunk_of_lines_read() -> None:
    """chunk_results() answers CHUNK_LINES lines read at a time, so a writer can write each chunk at once."""
    lines = ['{"recurrent": true}', ""] * CHUNK_LINES + ["{}"]
    chunks = list(chunk_results(lines))
    assert [len(chunk) for chunk in chunks] == [CHUNK_LINES // 2, CHUNK_LINES // 2, 1]
    assert [number for chunk in chunks for number, _, _ in chunk] == list(range(1, 2 * CHUNK_LINES + 2, 2))


def test_the_command_writes_each_chunk_at_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The check command makes one write per chunk of --input lines, not one per line, even on unbuffered output."""

    class Writes(io.StringIO):
        calls = 0

        def write(self, text: str) -> int:
            self.calls += 1
            return super().write(text)

    path = _write_lines(tmp_path / "many.jsonl", [b'{"recurrent": true}'] * (3 * CHUNK_LINES))
    out = Writes()
    monkeypatch.setattr(sys, "stdout", out)
    assert main(["check", "--input", str(path)]) == 0
    assert out.calls == 4  # three full chunks, then the empty read that ends the input
    assert out.getvalue() == "".join(
        plain_line(number, '{"recurrent": true}') for number in range(1, 3 * CHUNK_LINES + 1)
    )
