"""Hardening of the untrusted-input boundary: one answer per document, bounded work, clear messages (issue 14)."""

from __future__ import annotations

import json
from datetime import timedelta
from decimal import Decimal
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from spasmfacts import Episode, InvalidEpisodeError, episode_from_dict, episode_from_json, episode_to_dict
from spasmfacts import boundary as boundary_module
from spasmfacts.boundary import MAX_JSON_BYTES
from spasmfacts.errors import MAX_ERRORS, json_type, shown_key, shown_value

# Characters that would change a message's lines or its direction on screen if echoed raw.
UNSAFE = ["\n", "\r", "\x1b", "\x00", "\x85", "\u2028", "\u2029", "\u202e", "\u2066", "\u200f"]


def errors_of(document: str | bytes | dict[str, Any]) -> tuple[tuple[str, str], ...]:
    """The (path, message) pairs the boundary reports for ``document``."""
    read = episode_from_dict if isinstance(document, dict) else episode_from_json
    with pytest.raises(InvalidEpisodeError) as caught:
        read(document)  # type: ignore[arg-type]
    return caught.value.errors


# --- one answer per document ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ('{"accompanied_by": ["chest_pain"], "accompanied_by": []}', "accompanied_by"),
        ('{"accompanied_by": [], "accompanied_by": ["chest_pain"]}', "accompanied_by"),
        ('{"recurrent": true, "severity": "mild", "recurrent": false}', "recurrent"),
        ('{"severity": "mild", "\\u0073everity": "severe"}', "severity"),
        ('{"x": 1, "x": 2}', "x"),
    ],
)
def test_a_repeated_key_is_rejected_naming_it(text: str, key: str) -> None:
    """A key given twice (even spelt with an escape) is an error naming it, never a silent last-one-wins answer."""
    for document in (text, text.encode()):
        assert errors_of(document) == ((key, "the key appears more than once in the document"),)


def test_a_repeated_key_is_shown_escaped() -> None:
    """A repeated key holding a newline or a direction mark is named in escaped form, on one line."""
    ((path, _),) = errors_of('{"a\\n\\u202eb": 1, "a\\n\\u202eb": 2}')
    assert path == "a\\n\\u202eb"


@given(st.dictionaries(st.sampled_from(["severity", "recurrent", "duration", "x"]), st.booleans(), min_size=1))
def test_a_document_without_repeats_never_reports_one(document: dict[str, bool]) -> None:
    """Only a real repeat is reported: a document whose keys are all different is never refused for repeating one."""
    errors: tuple[tuple[str, str], ...] = ()
    try:
        episode_from_json(json.dumps(document))
    except InvalidEpisodeError as exc:
        errors = exc.errors
    assert all("more than once" not in message for _, message in errors)


# --- bounded work per input ---------------------------------------------------------------------------


def test_errors_are_capped_per_document() -> None:
    """A line of 32,700 wrong items gives the first 20 problems and one entry counting the rest."""
    items = ",".join(["1"] * 32_700)
    errors = errors_of(f'{{"accompanied_by": [{items}]}}')
    assert len(errors) == MAX_ERRORS + 1
    assert errors[:MAX_ERRORS] == tuple(
        (f"accompanied_by[{index}]", "expected a finding value (a string), not a number") for index in range(MAX_ERRORS)
    )
    assert errors[-1] == ("$", f"and {32_700 - MAX_ERRORS} more problems")


@pytest.mark.parametrize(("extra", "tail"), [(0, None), (1, "and 1 more problem"), (2, "and 2 more problems")])
def test_the_cap_counts_exactly(extra: int, tail: str | None) -> None:
    """Exactly 20 problems are all listed; 21 end with "and 1 more problem", 22 with "and 2 more problems"."""
    document = {f"unknown_{index}": 1 for index in range(MAX_ERRORS + extra)}
    errors = errors_of(document)
    assert len(errors) == MAX_ERRORS + (1 if tail else 0)
    if tail:
        assert errors[-1] == ("$", tail)


def test_a_long_value_is_shortened_in_messages() -> None:
    """A 60,000-character wrong value is quoted cut short, so one bad line cannot make a huge message."""
    ((path, message),) = errors_of(json.dumps({"severity": "x" * 60_000}))
    assert path == "severity"
    assert len(message) < 200
    assert "..." in message


def test_a_long_key_is_shortened_in_paths() -> None:
    """An unknown 60,000-character key is named cut short."""
    ((path, message),) = errors_of(json.dumps({"k" * 60_000: 1}))
    assert message == "unknown field"
    assert path == "k" * 60 + "..."


@pytest.mark.parametrize("character", UNSAFE)
def test_control_and_direction_characters_are_escaped_in_messages(character: str) -> None:
    """A control, line-separator or direction-changing character in a value or key is echoed as its escape."""
    for errors in (
        errors_of(json.dumps({"severity": f"mild{character}"})),
        errors_of(json.dumps({f"key{character}": 1})),
        errors_of(json.dumps({"accompanied_by": [f"fever{character}"]})),
    ):
        for path, message in errors:
            assert character not in path
            assert character not in message
            assert (path + message).isprintable()


class _WatchedText(str):
    """A string that records every call of ``encode``."""

    __slots__ = ()
    encoded: list[str] = []  # noqa: RUF012 (a class-wide record, emptied by the test)

    def encode(self, encoding: str = "utf-8", errors: str = "strict") -> bytes:
        self.encoded.append(encoding)
        return super().encode(encoding, errors)


def test_a_huge_string_is_refused_before_it_is_encoded() -> None:
    """A string with more characters than the byte limit is refused on its length alone, never encoded."""
    _WatchedText.encoded.clear()
    with pytest.raises(InvalidEpisodeError, match="larger than 65536 bytes"):
        episode_from_json(_WatchedText("{" + " " * MAX_JSON_BYTES + "}"))
    assert _WatchedText.encoded == []


@pytest.mark.parametrize(("extra", "valid"), [(0, True), (1, False)])
def test_the_size_limit_counts_utf8_bytes(extra: int, valid: bool) -> None:
    """Under the character count, the limit is still on UTF-8 bytes: two-byte letters count twice."""
    head, tail = '{"note": "', '"}'
    characters = (MAX_JSON_BYTES - len(head) - len(tail)) // 2 + extra
    text = head + "é" * characters + tail
    assert len(text) < MAX_JSON_BYTES
    assert (len(text.encode()) <= MAX_JSON_BYTES) is valid
    expected = (
        ("note", "unknown field") if valid else ("$", f"the document is larger than {MAX_JSON_BYTES} bytes of UTF-8")
    )
    assert errors_of(text) == (expected,)


@pytest.mark.parametrize(
    "text",
    [
        "[" * 30_000 + "]" * 30_000,
        "{" + '"a": [' * 9_000,
        '{"body_areas": [["leg"]], "accompanied_by": [], "medicines": []}',
        '[[["leg"]], [], []]',
    ],
)
def test_deep_nesting_is_refused_before_decoding(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """A document nesting deeper than an episode can is refused from its brackets, without running the decoder."""

    def decode(*args: object) -> object:
        msg = "the decoder must not run"
        raise AssertionError(msg)

    monkeypatch.setattr(boundary_module._DECODER, "decode", decode)
    assert errors_of(text) == (("$", "the document nests more than 2 levels deep"),)


def test_brackets_inside_strings_do_not_count_as_nesting() -> None:
    """Brackets inside a string are text, not nesting: the value is judged on its own."""
    ((path, message),) = errors_of('{"severity": "[[[[[[{{{{", "body_areas": ["leg"], "medicines": []}')
    assert path == "severity"
    assert "is not a known severity" in message


# --- clear messages -----------------------------------------------------------------------------------


@pytest.mark.parametrize("literal", ["1" + "0" * 5000, "1" + "0" * 30, "-" + "9" * 4301, "1e400", "-1e400"])
def test_a_huge_number_names_the_field_and_says_too_large(literal: str) -> None:
    """A 5,000-digit integer or 1e400 as a duration names the field and says the number is too large."""
    ((path, message),) = errors_of(f'{{"duration": {literal}}}')
    assert path == "duration"
    if literal.startswith("-"):
        assert "negative" in message or "too large" in message
    else:
        assert message.startswith("the number is too large")
    assert "set_int_max_str_digits" not in message
    assert "finite" not in message


@pytest.mark.parametrize("field", ["severity", "recurrent", "body_areas"])
def test_a_huge_number_elsewhere_is_just_a_number(field: str) -> None:
    """A 5,000-digit integer where a string or boolean belongs is "a number" of the wrong type, naming the field."""
    ((path, message),) = errors_of(f'{{"{field}": {"7" * 5000}}}')
    assert path == field
    assert message.endswith("not a number")


@pytest.mark.parametrize("text", ["PT100000001S", "P1158DT10H", "PT99999999999S", "P999999999D"])
def test_an_over_long_duration_says_too_long(text: str) -> None:
    """An ISO duration past the limit says it is too long, not that it is malformed."""
    ((path, message),) = errors_of(json.dumps({"duration": text}))
    assert path == "duration"
    assert "too long" in message


@pytest.mark.parametrize("value", [None, {}, "PT1M", 1, [Episode()]])
def test_episode_to_dict_refuses_anything_but_an_episode(value: object) -> None:
    """episode_to_dict(None) raises a TypeError naming the type, like its siblings, not an AttributeError."""
    with pytest.raises(TypeError, match=rf"^episode_to_dict\(\) takes an Episode, not {type(value).__name__}$"):
        episode_to_dict(value)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("value", "name"),
    [
        (Decimal("1.5"), "a number"),
        (Decimal("NaN"), "a number"),
        (Fraction(1, 3), "a number"),
        (2**100, "a number"),
        (True, "a boolean"),
        (None, "null"),
        ("x", "a string"),
        ([], "an array"),
        ((), "an array"),
        ({}, "an object"),
        (1j, "a complex"),
        (b"x", "a bytes"),
    ],
)
def test_json_type_names_every_number_a_number(value: object, name: str) -> None:
    """json_type() calls any real number (a Decimal from parse_float=Decimal included) "a number"."""
    assert json_type(value) == name


@pytest.mark.parametrize(
    ("value", "seconds"), [(Decimal("12.5"), 12.5), (Decimal(600), 600), (Fraction(1, 2), 0.5), (Decimal(0), 0)]
)
def test_a_decimal_duration_in_a_dict_is_a_number(value: object, seconds: float) -> None:
    """A Decimal duration (what json.loads(..., parse_float=Decimal) gives) is read as the number of seconds it is."""
    assert episode_from_dict({"duration": value}).duration == timedelta(seconds=seconds)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (Decimal("NaN"), "the number must be finite, not NaN"),
        (Decimal("sNaN"), "the number must be finite, not NaN"),
        (Decimal("1e400"), "the number is too large"),
        (Decimal(-1), "a duration cannot be negative"),
    ],
)
def test_a_bad_decimal_duration_is_told_as_a_number(value: object, message: str) -> None:
    """A Decimal that is NaN, too large or negative gets the same words as a float would, never "not a number"."""
    ((path, got),) = errors_of({"duration": value})
    assert path == "duration"
    assert got.startswith(message)


@given(st.text(max_size=200))
def test_shown_text_is_one_printable_short_line(text: str) -> None:
    """Whatever a key or value holds, its echo is printable (so one line, no direction change) and short."""
    for shown in (shown_key(text), shown_value(text)):
        assert shown.isprintable()
        assert len(shown) <= 4 * 60 + 10
