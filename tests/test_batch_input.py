"""Batch input that forgives what it safely can and says what it cannot: the sample file, near misses, bare seconds."""

from __future__ import annotations

import json
import re
from datetime import timedelta
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from spasmfacts import Episode, InvalidEpisodeError, assess, assessment_to_dict, episode_from_dict, interop
from spasmfacts.cli import main
from spasmfacts.cli.parser import parse_duration_option

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "examples" / "episodes.jsonl"
README = ROOT / "README.md"
EPISODE_SCHEMA = jsonschema.Draft202012Validator(interop.json_schema("episode"))
ASSESSMENT_SCHEMA = jsonschema.Draft202012Validator(
    interop.json_schema("assessment"), format_checker=jsonschema.FormatChecker()
)


def _readme_json_lines_blocks() -> list[str]:
    """The ```json blocks of the README's "JSON Lines" section."""
    text = README.read_text(encoding="utf-8")
    section = text[text.index("## JSON Lines") :]
    section = section[: section.index("\n## ", 1)]
    return re.findall(r"```json\n(.*?)```", section, re.DOTALL)


def _run_sample(capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str], str]:
    status = main(["check", "--input", str(SAMPLE)])
    out, err = capsys.readouterr()
    return status, out.splitlines(), err


def test_readme_shows_the_sample_file() -> None:
    """The README's JSON Lines section shows examples/episodes.jsonl exactly as it is."""
    sample, _ = _readme_json_lines_blocks()
    assert sample == SAMPLE.read_text(encoding="utf-8")


def test_readme_output_line_is_what_the_command_writes(capsys: pytest.CaptureFixture[str]) -> None:
    """The output line the README shows is, to the character, a line `check --input` writes for the sample."""
    _, shown = _readme_json_lines_blocks()
    status, lines, _ = _run_sample(capsys)
    assert shown.strip() in lines
    assert status == 1


def test_sample_file_gives_one_result_per_line_in_order(capsys: pytest.CaptureFixture[str]) -> None:
    """Each sample line gives its result line, in order: whole assessments that validate, and the one invalid line."""
    status, lines, err = _run_sample(capsys)
    results = [json.loads(line) for line in lines]
    inputs = SAMPLE.read_text(encoding="utf-8").splitlines()
    assert [result["line"] for result in results] == list(range(1, len(inputs) + 1))
    for text, result in zip(inputs, results, strict=True):
        if "errors" in result:
            assert not EPISODE_SCHEMA.is_valid(json.loads(text))
            continue
        ASSESSMENT_SCHEMA.validate(result["assessment"])
        assert result["assessment"] == assessment_to_dict(assess(episode_from_dict(json.loads(text))))
    assert [result["line"] for result in results if "errors" in result] == [3]
    assert "did you mean 'chest_pain'?" in err
    assert status == 1


@pytest.mark.parametrize(
    ("document", "path", "suggestion"),
    [
        ({"severity": "Severe"}, "severity", "severe"),
        ({"severity": "sever"}, "severity", "severe"),
        ({"age_group": "older-adult"}, "age_group", "older_adult"),
        ({"age_group": "Older Adult"}, "age_group", "older_adult"),
        ({"body_areas": ["Leg"]}, "body_areas[0]", "leg"),
        ({"accompanied_by": ["chest-pain"]}, "accompanied_by[0]", "chest_pain"),
        ({"accompanied_by": ["fevr"]}, "accompanied_by[0]", "fever"),
        ({"medicines": ["water-tablet"]}, "medicines[0]", "water_tablet"),
        ({"medicines": ["Anti Sickness"]}, "medicines[0]", "anti_sickness"),
    ],
)
def test_near_misses_say_did_you_mean(document: dict[str, Any], path: str, suggestion: str) -> None:
    """A near miss in any enum field is still refused, with "did you mean '<value>'?"; the schema stays strict."""
    with pytest.raises(InvalidEpisodeError) as caught:
        episode_from_dict(document)
    ((where, message),) = caught.value.errors
    assert where == path
    assert message.endswith(f"; did you mean {suggestion!r}?")
    assert not EPISODE_SCHEMA.is_valid(document)


@pytest.mark.parametrize("document", [{"body_areas": ["calf"]}, {"accompanied_by": ["itch"]}, {"severity": "awful"}])
def test_no_suggestion_for_a_value_that_is_not_near(document: dict[str, Any]) -> None:
    """A value close to none of the members gets no guess: the message names it as unknown, nothing more."""
    with pytest.raises(InvalidEpisodeError) as caught:
        episode_from_dict(document)
    assert "did you mean" not in str(caught.value)


def test_near_miss_in_a_batch_line_is_reported_on_that_line(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """In `check --input`, a near miss makes its line an error line with the suggestion; the others are assessed."""
    source = tmp_path / "in.jsonl"
    source.write_text('{"body_areas": ["leg"]}\n{"medicines": ["water-tablet"]}\n', encoding="utf-8")
    assert main(["check", "--input", str(source)]) == 1
    first, second = map(json.loads, capsys.readouterr().out.splitlines())
    assert "assessment" in first
    assert second == {
        "line": 2,
        "errors": [
            {"path": "medicines[0]", "message": "'water-tablet' is not a known medicine; did you mean 'water_tablet'?"}
        ],
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("90", timedelta(seconds=90)),
        ("0", timedelta(0)),
        ("90.5", timedelta(seconds=90.5)),
        ("660", timedelta(minutes=11)),
    ],
)
def test_duration_option_takes_bare_seconds(text: str, expected: timedelta) -> None:
    """`--duration 90` is 90 seconds, as JSON's 90 is: the command line takes a bare number of seconds too."""
    assert parse_duration_option(text) == expected
    assert episode_from_dict({"duration": float(text)}).duration == expected


def test_duration_in_seconds_gives_the_same_result_as_json(capsys: pytest.CaptureFixture[str]) -> None:
    """`check --duration 660 --json` gives the same result as the JSON episode {"duration": 660}."""
    assert main(["check", "--duration", "660", "--area", "leg", "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown == assessment_to_dict(assess(Episode(duration=timedelta(seconds=660), body_areas={"leg"})))
    assert shown == assessment_to_dict(assess(episode_from_dict({"duration": 660, "body_areas": ["leg"]})))
    assert shown["urgency"] == "urgent"


@pytest.mark.parametrize("text", ["-90", "90x", "1e3", "100000001"])
def test_duration_option_still_refuses_what_is_not_a_duration(text: str, capsys: pytest.CaptureFixture[str]) -> None:
    """A negative, malformed, exponent or over-the-cap number is a usage error (exit 2), never a guess."""
    assert main(["check", "--duration", text]) == 2
    assert "--duration" in capsys.readouterr().err
