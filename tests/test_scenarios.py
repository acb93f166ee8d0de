"""The scenario pack: what it covers, that the code agrees with every scenario, and that a damaged file is caught."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import attrs
import importlib_resources
import pytest

from spasmfacts import (
    RULES,
    ContentError,
    Scenario,
    Urgency,
    assess,
    episode_from_dict,
    episode_from_json,
    episode_to_dict,
    needs_medical_attention,
    scenarios,
)
from spasmfacts import scenario_pack as pack_module
from spasmfacts.assessment import UNANSWERED_ORDER
from spasmfacts.cli import main
from spasmfacts.interop import scenarios_jsonl

PACK = scenarios()
BY_ID = {scenario.id: scenario for scenario in PACK}
ROW_IDS = [rule.id for rule in RULES]

NEVER_ALONE = {
    "belly-cramp-severe": "needs a severe belly spasm, which fires severe and belly-cramp",
    "wound-and-danger-signs": "needs a wound, which fires after-wound",
    "dark-urine-with-weakness": "needs dark pee, which fires dark-or-little-urine",
    "neck-and-fever": "needs fever or chills, which fire fever-or-chills",
    "stiff-jaw-and-spreading": "needs a stiff jaw, which fires stiff-jaw-or-spreading",
    "statin-muscle-symptoms": "needs a statin, which fires taking-statin",
    "back-and-both-legs": "needs weakness in both legs, which fires nerve-signs",
    "pregnancy-belly-cramp": "needs a belly spasm, which fires belly-cramp",
    "pregnancy-leg-swelling": "needs swelling, redness or warmth, which fire circulation-signs",
    "injury-with-signs": "needs severity, swelling or weakness, each of which fires a row of its own",
    "fainting-with-palpitations": "needs fainting and palpitations, each a row of its own",
    "new-medicine-head-neck-spasm": "needs a new medicine, which fires new-medication",
    "medicine-fever-rigidity": "needs fever or chills, which fire fever-or-chills",
    "statin-new-dose": "needs a statin and a new medicine, each a row of its own",
}
"""The rows that cannot fire without another row, each with the reason."""

REFINEMENTS = [
    ("belly-cramp-severe", "belly-cramp"),
    ("wound-and-danger-signs", "after-wound"),
    ("dark-urine-with-weakness", "dark-or-little-urine"),
    ("stiff-jaw-and-spreading", "stiff-jaw-or-spreading"),
    ("statin-muscle-symptoms", "taking-statin"),
    ("back-and-both-legs", "nerve-signs"),
    ("fainting-with-palpitations", "palpitations"),
    ("fainting-with-palpitations", "fainting"),
    ("statin-new-dose", "taking-statin"),
    ("neck-and-fever", "fever-or-chills"),
]
"""The specification's refinement pairs: (combined row, its base row)."""


def _reason_ids(document: dict[str, Any]) -> set[str]:
    return {reason["id"] for reason in document["reasons"]}


def test_pack_has_at_least_60_scenarios_with_unique_ids() -> None:
    """Deployers get at least 60 scenarios, each with its own id."""
    assert len(PACK) >= 60
    assert len(BY_ID) == len(PACK)
    assert all(isinstance(scenario, Scenario) for scenario in PACK)


def test_pack_holds_the_31_cases_of_the_evidence_notes() -> None:
    """The evidence notes' 31 scenario test cases are in the pack, first, as evidence-1 to evidence-31."""
    assert [scenario.id for scenario in PACK[:31]] == [f"evidence-{number}" for number in range(1, 32)]


def test_every_row_fires_in_some_scenario() -> None:
    """Every one of the rule table's rows is expected to fire in at least one scenario."""
    expected = {row for scenario in PACK for row in scenario.rows}
    assert [row for row in ROW_IDS if row not in expected] == []


def test_every_row_that_can_fire_alone_does_so_in_some_scenario() -> None:
    """Each row is tested alone where the table allows it; the rows that never can are exactly those listed."""
    alone = {scenario.rows[0] for scenario in PACK if len(scenario.rows) == 1}
    assert set(ROW_IDS) - alone == set(NEVER_ALONE)


@pytest.mark.parametrize(("combined", "base"), REFINEMENTS)
def test_every_refinement_pair_fires_together(combined: str, base: str) -> None:
    """Whenever a combined row is expected, its base row is expected too, at an urgency no higher."""
    with_combined = [scenario for scenario in PACK if combined in scenario.rows]
    assert with_combined
    assert all(base in scenario.rows for scenario in with_combined)
    urgency = {rule.id: rule.urgency for rule in RULES}
    assert urgency[base] <= urgency[combined]


def test_pack_pins_the_thresholds() -> None:
    """The pack holds both sides of the 10-minute line, each severity and age group, and the cooling input."""
    rows_at = {scenario.episode["duration"]: scenario.rows for scenario in PACK if scenario.id.startswith("duration-")}
    assert rows_at["PT10M"] == ()
    assert rows_at["PT10M1S"] == ("long-lasting",)
    assert {"mild", "moderate", "severe"} <= {scenario.episode["severity"] for scenario in PACK}
    assert {"baby", "child", "adult", "older_adult"} <= {scenario.episode["age_group"] for scenario in PACK}
    heat = [scenario for scenario in PACK if scenario.id.startswith(("heat-", "row-heat"))]
    cooling = {(s.episode["in_heat"], s.episode["not_better_after_cooling"]): s.rows for s in heat if not s.rows}
    assert {(True, False), (True, None), (False, True)} <= set(cooling)
    assert BY_ID["row-heat-not-settling"].rows == ("heat-not-settling",)


@pytest.mark.parametrize("scenario", PACK, ids=[scenario.id for scenario in PACK])
def test_assess_agrees_with_the_scenario(scenario: Scenario) -> None:
    """assess() gives each scenario's expected urgency and exactly its expected rows."""
    episode = episode_from_json(json.dumps(scenario.episode))
    result = assess(episode)
    assert result.urgency is scenario.urgency
    assert {reason.id for reason in result.reasons} == set(scenario.rows)
    assert needs_medical_attention(episode) is bool(scenario.rows)


def test_evidence_cases_on_completeness_and_age() -> None:
    """The evidence cases that name more than rows: the empty report, the hand cramp and the baby."""
    empty = assess(episode_from_dict(BY_ID["evidence-1"].episode))
    assert (empty.complete, empty.unanswered, empty.needs_medical_attention) == (False, UNANSWERED_ORDER, False)
    assert len(UNANSWERED_ORDER) == 20
    hand = assess(episode_from_dict(BY_ID["evidence-8"].episode))
    assert hand.complete
    assert len(hand.unanswered) == 16
    assert assess(episode_from_dict(BY_ID["evidence-18"].episode)).outside_intended_use == ("baby",)
    assert assess(episode_from_dict(BY_ID["age-child"].episode)).outside_intended_use == ("child",)


def test_exported_pack_replayed_through_check_input_agrees(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The exported pack replayed through `check --input` gives every expected urgency and set of rows."""
    exported = tmp_path / "scenarios.jsonl"
    assert main(["export", "scenarios", "-o", str(exported)]) == 0
    lines = [json.loads(line) for line in exported.read_text(encoding="utf-8").splitlines()]
    assert len(lines) == len(PACK)
    episodes = tmp_path / "episodes.jsonl"
    episodes.write_text("".join(json.dumps(line["episode"]) + "\n" for line in lines), encoding="utf-8")
    capsys.readouterr()
    assert main(["check", "--input", str(episodes)]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    results = [json.loads(line) for line in out.splitlines()]
    assert [result["line"] for result in results] == list(range(1, len(lines) + 1))
    disagreements = [
        (line["id"], line["urgency"], line["rows"], result["assessment"]["urgency"], _reason_ids(result["assessment"]))
        for line, result in zip(lines, results, strict=True)
        if (result["assessment"]["urgency"], _reason_ids(result["assessment"])) != (line["urgency"], set(line["rows"]))
    ]
    assert disagreements == []


def test_export_lines_hold_the_pack() -> None:
    """Each exported line is one scenario: id, description, the canonical episode, urgency, rows and rules version."""
    lines = [json.loads(line) for line in scenarios_jsonl().splitlines()]
    assert [line["id"] for line in lines] == [scenario.id for scenario in PACK]
    for line, scenario in zip(lines, PACK, strict=True):
        assert list(line) == ["id", "description", "episode", "urgency", "rows", "rules_version"]
        assert line["episode"] == scenario.episode == episode_to_dict(episode_from_dict(line["episode"]))
        assert (line["urgency"], line["rows"], line["rules_version"]) == (
            scenario.urgency.value,
            list(scenario.rows),
            "2.0",
        )


def test_scenarios_are_frozen_hashable_and_copies_of_the_pack() -> None:
    """Records cannot be changed, hash despite their dict, and changing a returned episode leaves the pack as it was."""
    first = scenarios()[0]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        first.id = "changed"  # type: ignore[misc]
    assert len(set(scenarios())) == len(PACK)
    first.episode["severity"] = "severe"
    first.episode["body_areas"] = ["chest"]
    assert scenarios()[0].episode == PACK[0].episode
    assert scenarios() == PACK


def test_pack_is_read_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """After the first call, the pack is not read again (a later fault on disk does not reach callers)."""
    scenarios()

    def fail(root: object) -> None:
        raise AssertionError

    monkeypatch.setattr(pack_module, "_load", fail)
    assert scenarios() == PACK


def test_damaged_packaged_file_raises_content_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A damaged scenarios.json in the package makes scenarios() raise ContentError naming the file and path."""
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "scenarios.json").write_text('{"rules_version": "2.0", "scenarios": [1]}', encoding="utf-8")
    monkeypatch.setattr(pack_module, "_cached", None)
    monkeypatch.setattr(importlib_resources, "files", lambda _: tmp_path)
    with pytest.raises(ContentError, match=r"^scenarios\.json: scenarios\[0\]: expected an object, not a number$"):
        scenarios()


def _valid() -> dict[str, Any]:
    return {
        "rules_version": "2.0",
        "scenarios": [
            {"id": "one", "description": "A", "episode": PACK[1].episode, "urgency": "urgent", "rows": ["after-wound"]}
        ],
    }


def _changed(path: tuple[str | int, ...], value: object) -> dict[str, Any]:
    document = _valid()
    target: Any = document
    for step in path[:-1]:
        target = target[step]
    if value is KeyError:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return document


def _with_episode(**changes: object) -> dict[str, Any]:
    return _changed(("scenarios", 0, "episode"), {**PACK[1].episode, **changes})


DAMAGED: list[tuple[str, object, str]] = [
    ("no-file", None, r"cannot be read \(.+\)"),
    ("not-utf8", b'{"x": "\xff"}', r"not valid UTF-8 \(byte 7\)"),
    ("bad-json", b"{", r"invalid JSON at line 1, column 2: .+"),
    ("twice", b'{"a": 1, "a": 2}', r"\$: invalid JSON: the key 'a' appears twice in one object"),
    ("not-object", [], r"\$: expected an object with exactly the keys 'rules_version' and 'scenarios'"),
    ("version", _changed(("rules_version",), "1.0"), r"rules_version: '1\.0' is not the rule table's version '2\.0'"),
    ("empty", _changed(("scenarios",), []), r"scenarios: expected a non-empty array, not an array"),
    ("unknown-key", _changed(("scenarios", 0, "note"), "x"), r"scenarios\[0\]\.note: unknown key"),
    ("missing-key", _changed(("scenarios", 0, "rows"), KeyError), r"scenarios\[0\]\.rows: required key missing"),
    ("id-type", _changed(("scenarios", 0, "id"), 3), r"scenarios\[0\]\.id: expected a non-empty string, not a number"),
    ("id-form", _changed(("scenarios", 0, "id"), "Bad_Id"), r"scenarios\[0\]\.id: 'Bad_Id' is not a kebab-case id"),
    ("blank", _changed(("scenarios", 0, "description"), " "), r"scenarios\[0\]\.description: expected a non-empty"),
    ("urgency", _changed(("scenarios", 0, "urgency"), "soon"), r"scenarios\[0\]\.urgency: expected one of .+ 'soon'"),
    ("urgency-type", _changed(("scenarios", 0, "urgency"), None), r"scenarios\[0\]\.urgency: expected one of .+None"),
    (
        "urgency-mismatch",
        _changed(("scenarios", 0, "urgency"), "routine"),
        r"scenarios\[0\]\.urgency: 'routine' is not the highest urgency of its rows \('urgent'\)",
    ),
    ("rows-type", _changed(("scenarios", 0, "rows"), "x"), r"scenarios\[0\]\.rows: expected an array of row ids"),
    ("row", _changed(("scenarios", 0, "rows"), ["wound"]), r"scenarios\[0\]\.rows\[0\]: 'wound' is not a row of"),
    (
        "row-order",
        _changed(("scenarios", 0, "rows"), ["after-wound", "severe"]),
        r"scenarios\[0\]\.rows\[1\]: 'severe' is out of rule-table order or repeated",
    ),
    (
        "row-twice",
        _changed(("scenarios", 0, "rows"), ["after-wound", "after-wound"]),
        r"scenarios\[0\]\.rows\[1\]: 'after-wound' is out of rule-table order or repeated",
    ),
    ("episode-type", _changed(("scenarios", 0, "episode"), []), r"scenarios\[0\]\.episode: expected a JSON object"),
    (
        "episode-value",
        _with_episode(accompanied_by=["itch"]),
        r"scenarios\[0\]\.episode\.accompanied_by\[0\]: 'itch' is not a known finding",
    ),
    (
        "duration-form",
        _with_episode(duration=60),
        r"scenarios\[0\]\.episode\.duration: not as episode_to_dict writes it: expected \"PT1M\"",
    ),
    (
        "empty-areas",
        _with_episode(body_areas=[]),
        r"scenarios\[0\]\.episode\.body_areas: not as episode_to_dict .+ null",
    ),
    (
        "implied-key",
        _changed(("scenarios", 0, "episode"), {"after_wound": True}),
        r"scenarios\[0\]\.episode\.severity: not as",
    ),
]


@pytest.mark.parametrize(("content", "message"), [(c, m) for _, c, m in DAMAGED], ids=[i for i, _, _ in DAMAGED])
def test_damaged_pack_names_the_file_and_the_path(tmp_path: Path, content: object, message: str) -> None:
    """Each kind of damage to scenarios.json raises ContentError naming the file, the path inside it and the problem."""
    if isinstance(content, bytes):
        (tmp_path / "scenarios.json").write_bytes(content)
    elif content is not None:
        (tmp_path / "scenarios.json").write_text(json.dumps(content), encoding="utf-8")
    with pytest.raises(ContentError, match=rf"^scenarios\.json: {message}"):
        pack_module._load(tmp_path)


def test_twice_used_id_is_caught(tmp_path: Path) -> None:
    """Two scenarios with one id are refused, so a comparison always names a single scenario."""
    document = _valid()
    document["scenarios"].append(dict(document["scenarios"][0]))
    (tmp_path / "scenarios.json").write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(ContentError, match=r"^scenarios\.json: scenarios\[1\]\.id: 'one' is used twice$"):
        pack_module._load(tmp_path)


def test_valid_minimal_pack_loads(tmp_path: Path) -> None:
    """The minimal pack the damage cases start from is itself valid, so each case tests only its damage."""
    (tmp_path / "scenarios.json").write_text(json.dumps(_valid()), encoding="utf-8")
    (loaded,) = pack_module._load(tmp_path)
    assert (loaded.id, loaded.urgency, loaded.rows) == ("one", Urgency.URGENT, ("after-wound",))
