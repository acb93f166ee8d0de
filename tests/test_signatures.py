"""The batch's fast path: a line's signature and the result line put together from the texts of parts.

``check --input`` and ``assess_lines()`` answer most lines this way; each line must get, byte for
byte, the result the plain way gives (``episode_from_json``, ``assess``, ``json.dumps``), and any
line the signature does not vouch for must go the plain way.
"""

from __future__ import annotations

import itertools
import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from plain import plain_line
from spasmfacts import Episode, assess_lines, batch, signatures
from spasmfacts import result_texts as result_texts_module
from spasmfacts.boundary import episode_to_dict
from spasmfacts.result_texts import result_line, result_texts
from spasmfacts.rules import RULES
from spasmfacts.signatures import signature
from strategies import dense_episodes, minimal_episodes, shuffled_document, valid_documents

# How clients spell the same document: the default spacing or compact, with a line ending or none.
_SPELLINGS = (((", ", ": "), ""), ((",", ":"), ""), ((", ", ": "), "\n"), ((",", ":"), "\r\n"))

_dense_documents = dense_episodes.map(episode_to_dict)
"""Documents with every field answered, so that many rows fire together, as on the harsh mix."""


@given(
    st.one_of(valid_documents, _dense_documents).flatmap(shuffled_document),
    st.sampled_from(_SPELLINGS),
    st.booleans(),
    st.integers(0, 10**12),
)
def test_a_plain_valid_line_takes_the_fast_path_and_gets_the_plain_result(
    document: dict[str, Any], spelling: tuple[tuple[str, str], str], as_bytes: bool, number: int
) -> None:
    """Every valid document, in any key order and common spelling, gets a signature and then the plain result line."""
    separators, ending = spelling
    text = json.dumps(document, separators=separators) + ending
    line = text.encode("ascii") if as_bytes else text
    key = signature(line)
    assert key is not None
    assert result_line(number, key) == plain_line(number, line)


@pytest.mark.parametrize(
    "line",
    [
        '{"recurrent": 1}',  # 1 == True in Python: a flag must still refuse the number
        '{"recurrent": 1.0}',
        '{"in_heat": 0}',
        '{"duration": true}',
        '{"body_areas": "leg"}',
        '{"severity": ["mild"]}',
        '{"accompanied_by": [["fever"]]}',
        '{"accompanied_by": [{"a": 1}]}',
        '{"medicines": [null]}',
        '{"body_areas": [1]}',
        '{"recurrent": true, "recurrent": false}',
        '{"re\\u0063urrent": true, "recurrent": false}',
        '{"duration": "PT1M", "duration": "PT2M"}',
        '{"recurrent": true} x',
        '{"duration": NaN}',
        '{"duration": Infinity}',
        '{"duration": 1e400}',
        '{"duration": -1}',
        '{"duration": 100000000.5}',
        '{"duration": ' + "9" * 5000 + "}",
        '{"duration": "PT"}',
        '{"duration": "1 minute"}',
        '{"severity": "Mild"}',
        '{"itch": null}',
        '{"severity": "mild:"}',
        '{"severity": null, "body_areas": {"leg": 1}}',
        '{"recurrent": {}}',
        '["leg"]',
        '"leg"',
        "{",
        "\ufeff{}",
    ],
)
def test_an_invalid_line_gets_no_signature_and_the_plain_error(line: str) -> None:
    """A line that is not a valid episode is never vouched for: it gets the plain path's errors."""
    assert signature(line) is None
    assert list(assess_lines([line])) == [plain_line(1, line)]
    assert "errors" in json.loads(plain_line(1, line))


@pytest.mark.parametrize(
    "line",
    [
        ' {"recurrent": true}',
        '{"recurrent": true}  ',
        '{"recurrent": true}\t\r\n',
        '{"r\\u0065current": true}',
        '{"severity": "caf\u00e9"}',
        "{}",
        '{"body_areas": [], "accompanied_by": [], "medicines": []}',
        '{"duration": -0.0}',
        '{"duration": 0}',
        '{"duration": 100000000}',
        '{"body_areas": ["leg", "leg", "foot"]}',
    ],
)
def test_an_unusual_line_gets_the_plain_result_either_way(line: str) -> None:
    """Spacing, escapes, non-ASCII text and edge values: whichever path a line takes, it gets the plain result."""
    for spelt in (line, line.encode("utf-8")):
        key = signature(spelt)
        expected = plain_line(7, spelt)
        assert list(assess_lines([spelt], start=7)) == [expected]
        if key is not None:
            assert result_line(7, key) == expected


@pytest.mark.parametrize(
    "duration",
    [
        '"PT10M"',
        '"PT10M0.000001S"',
        '"PT9M59.999999S"',
        '"PT600S"',
        '"P0DT0H10M1S"',
        "600",
        "600.0",
        "600.000001",
        "600.0000004",
        "600.0000006",
        "601",
        "599.9999999",
    ],
)
def test_the_long_spasm_line_is_the_plain_one_for_every_duration_form(duration: str) -> None:
    """Either side of the 10-minute line, in every spelling of a duration, the long-lasting row fires as plainly."""
    line = f'{{"duration": {duration}, "body_areas": ["leg"]}}'
    key = signature(line)
    assert key is not None
    assert result_line(1, key) == plain_line(1, line)


def test_the_duration_cache_stays_bounded() -> None:
    """Distinct duration texts past the kept limit keep giving the plain result, and the cache is emptied, not grown."""
    lines = [f'{{"duration": "PT{seconds}S"}}' for seconds in range(590, 590 + signatures._DURATIONS_KEPT + 20)]
    assert list(assess_lines(lines)) == [plain_line(number, line) for number, line in enumerate(lines, 1)]
    masks = signatures._masks
    assert masks is not None
    assert len(masks.fields["duration"]) <= signatures._DURATIONS_KEPT


def test_every_row_reaches_a_result_line() -> None:
    """A document firing each row alone gives that row's reason in the result line, as the plain way does."""
    seen: set[str] = set()
    for _, fields in minimal_episodes():
        line = json.dumps(episode_to_dict(Episode(**fields)))
        key = signature(line)
        assert key is not None
        text = result_line(1, key)
        assert text == plain_line(1, line)
        seen.update(reason["id"] for reason in json.loads(text)["assessment"]["reasons"])
    assert seen == {rule.id for rule in RULES}


def test_a_new_default_loader_gets_new_texts(monkeypatch: pytest.MonkeyPatch) -> None:
    """Texts are made from the default loader's content: a new default loader gets texts of its own."""
    from spasmfacts import content  # noqa: PLC0415

    before = result_texts()
    assert result_texts() is before
    monkeypatch.setattr(content, "_default", content.ContentLoader(content.default_loader()._root))
    after = result_texts()
    assert after is not before
    line = '{"recurrent": true, "body_areas": ["leg"], "accompanied_by": []}'
    assert list(assess_lines([line])) == [plain_line(1, line)]


def test_repeated_lines_give_the_plain_result_past_every_kept_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    """A line seen again gives the plain result, also after more distinct lines than the batch keeps have passed."""
    monkeypatch.setattr(batch, "_seen", {})  # start from nothing kept, whatever ran before
    monkeypatch.setattr(result_texts(), "documents", {})
    flags = (
        "recurrent",
        "disturbs_sleep",
        "in_heat",
        "pregnant",
        "after_wound",
        "heavy_drinking",
        "fluid_restriction",
        "after_injury",
    )
    answers = itertools.product(("true", "false", "null"), repeat=len(flags))
    distinct = [
        ", ".join(f'"{flag}": {answer}' for flag, answer in zip(flags, choice, strict=True)) for choice in answers
    ]
    assert len(distinct) > max(batch._SEEN_LINES, result_texts_module._DOCUMENTS_KEPT)
    documents = [f'{{"body_areas": ["leg"], {fields}}}' for fields in distinct]
    # More repeated signatures than documents are kept, then more distinct lines than are kept.
    repeated = documents[: 3 * result_texts_module._DOCUMENTS_KEPT]
    assert len(set(map(signature, repeated))) > result_texts_module._DOCUMENTS_KEPT
    lines = repeated * 2 + documents
    lines += ['{"recurrent": true' + " " * batch._SEEN_LENGTH + "}"] * 2  # too long to keep: answered all the same
    assert list(assess_lines(lines)) == [plain_line(number, line) for number, line in enumerate(lines, 1)]
    assert len(batch._seen) <= batch._SEEN_LINES
    assert len(result_texts().documents) <= result_texts_module._DOCUMENTS_KEPT
