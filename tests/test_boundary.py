"""The untrusted-input boundary, version 2: episode_from_dict/_json and episode_to_dict."""

from __future__ import annotations

import contextlib
import copy
import json
from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest

from spasmfacts import (
    AgeGroup,
    BodyArea,
    Episode,
    Finding,
    InvalidEpisodeError,
    Medicine,
    Severity,
    episode_from_dict,
    episode_from_json,
    episode_to_dict,
)
from strategies import EPISODE_KEYS, FLAGS

SET_KEYS = ["body_areas", "accompanied_by", "medicines"]
OLDER = "; did you mean 'older_adult'?"
LIMIT = 64 * 1024


def errors_of(data: object) -> tuple[tuple[str, str], ...]:
    """The (path, message) pairs episode_from_dict raises for ``data``, checking it is left unchanged."""
    before = copy.deepcopy(data)
    with pytest.raises(InvalidEpisodeError) as info:
        episode_from_dict(data)
    assert data == before
    return info.value.errors


def json_errors(text: str | bytes) -> tuple[tuple[str, str], ...]:
    """The (path, message) pairs episode_from_json raises for ``text``."""
    with pytest.raises(InvalidEpisodeError) as info:
        episode_from_json(text)
    return info.value.errors


def test_empty_object_is_the_empty_episode() -> None:
    """{} gives Episode(): every key is optional."""
    assert episode_from_dict({}) == Episode()


def test_full_document() -> None:
    """A document with every key gives the episode it describes."""
    document = {
        "severity": "moderate",
        "duration": "PT4M",
        "body_areas": ["leg", "foot"],
        "accompanied_by": ["fever"],
        "medicines": ["statin", "blood_thinner"],
        "age_group": "older_adult",
        "pregnant": False,
        "interferes_with_daily_life": True,
        "disturbs_sleep": False,
        "recurrent": True,
        "improves_with_self_care": False,
        "started_after_new_medication": True,
        "after_wound": False,
        "after_toxin_exposure": None,
        "in_heat": True,
        "not_better_after_cooling": False,
        "after_injury": True,
        "fluid_restriction": None,
        "heavy_drinking": False,
        "comes_on_when_walking": True,
    }
    assert list(document) == list(EPISODE_KEYS)
    assert episode_from_dict(document) == Episode(
        severity=Severity.MODERATE,
        duration=timedelta(minutes=4),
        body_areas={BodyArea.LEG, BodyArea.FOOT},
        accompanied_by={Finding.FEVER},
        medicines={Medicine.STATIN, Medicine.BLOOD_THINNER},
        age_group=AgeGroup.OLDER_ADULT,
        pregnant=False,
        interferes_with_daily_life=True,
        disturbs_sleep=False,
        recurrent=True,
        improves_with_self_care=False,
        started_after_new_medication=True,
        after_wound=False,
        in_heat=True,
        not_better_after_cooling=False,
        after_injury=True,
        heavy_drinking=False,
        comes_on_when_walking=True,
    )


def test_null_means_not_answered_for_every_field() -> None:
    """A JSON null is accepted for every field and means not answered, like a missing key."""
    assert episode_from_dict(dict.fromkeys(EPISODE_KEYS)) == Episode()


@pytest.mark.parametrize("key", ["accompanied_by", "medicines"])
def test_empty_array_means_none_of_these(key: str) -> None:
    """[] for accompanied_by or medicines means "none of these", which is not the same as null."""
    episode = episode_from_dict({key: []})
    assert getattr(episode, key) == frozenset()
    assert episode != episode_from_dict({key: None})


def test_empty_body_areas_is_not_answered() -> None:
    """[] for body_areas means no area was given: not answered, like null."""
    assert episode_from_dict({"body_areas": []}) == episode_from_dict({"body_areas": None}) == Episode()


def test_the_removed_field_is_an_unknown_field() -> None:
    """after_wound_or_toxin_exposure (removed in version 2) is named as an unknown field."""
    assert errors_of({"after_wound_or_toxin_exposure": True}) == (("after_wound_or_toxin_exposure", "unknown field"),)


@pytest.mark.parametrize("key", FLAGS)
@pytest.mark.parametrize(
    ("value", "kind"),
    [
        ("true", "a string"),
        ("false", "a string"),
        (0, "a number"),
        (1, "a number"),
        (1.0, "a number"),
        ([], "an array"),
        ({}, "an object"),
    ],
)
def test_flags_are_json_booleans_only(key: str, value: object, kind: str) -> None:
    """A yes/no field takes JSON true, false or null only, never "false" or 0/1, naming the field and the type."""
    assert errors_of({key: value}) == ((key, f"expected true, false or null, not {kind}"),)


@pytest.mark.parametrize("key", FLAGS)
@pytest.mark.parametrize("value", [True, False, None])
def test_flags_are_tri_state(key: str, value: bool | None) -> None:
    """JSON true, false and null give True, False and None (not answered) for every yes/no field."""
    assert getattr(episode_from_dict({key: value}), key) is value


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("severity", "awful", "'awful' is not a known severity (one of: mild, moderate, severe)"),
        ("severity", "Severe",
         "'Severe' is not a known severity (one of: mild, moderate, severe); did you mean 'severe'?"),
        ("severity", True, "expected a severity string or null, not a boolean"),
        ("severity", 3, "expected a severity string or null, not a number"),
        ("severity", ["mild"], "expected a severity string or null, not an array"),
        ("age_group", "teen", "'teen' is not a known age group (one of: baby, child, adult, older_adult)"),
        ("age_group", "Older Adult",
         "'Older Adult' is not a known age group (one of: baby, child, adult, older_adult)" + OLDER),
        ("age_group", "older-adult",
         "'older-adult' is not a known age group (one of: baby, child, adult, older_adult)" + OLDER),
        ("age_group", 70, "expected an age group string or null, not a number"),
        ("age_group", {"baby": True}, "expected an age group string or null, not an object"),
    ],
)  # fmt: skip
def test_single_choice_fields_are_strict(key: str, value: object, message: str) -> None:
    """Severity and age group take one of their values or null; anything else names the field, with any hint."""
    assert errors_of({key: value}) == ((key, message),)


@pytest.mark.parametrize("key", SET_KEYS)
@pytest.mark.parametrize(
    ("value", "kind"),
    [("leg", "a string"), ({"leg": True}, "an object"), (True, "a boolean"), (1, "a number"), ({"leg"}, "a set")],
)
def test_set_fields_must_be_arrays(key: str, value: object, kind: str) -> None:
    """A set field must be an array or null: a bare string (or any other value) is an error naming the field."""
    ((path, message),) = errors_of({key: value})
    assert path == key
    assert message.endswith(f"or null, not {kind}")


@pytest.mark.parametrize(
    ("key", "noun"), [("body_areas", "body area"), ("accompanied_by", "finding"), ("medicines", "medicine")]
)
def test_array_items_named_with_index(key: str, noun: str) -> None:
    """Each bad array item is named with its index: unknown values and non-strings alike."""
    assert errors_of({key: ["itch", True, None, ["x"], 1]}) == (
        (f"{key}[0]", f"'itch' is not a known {noun}"),
        (f"{key}[1]", f"expected a {noun} value (a string), not a boolean"),
        (f"{key}[2]", f"expected a {noun} value (a string), not null"),
        (f"{key}[3]", f"expected a {noun} value (a string), not an array"),
        (f"{key}[4]", f"expected a {noun} value (a string), not a number"),
    )


@pytest.mark.parametrize(
    ("key", "item", "suggestion"),
    [
        ("body_areas", "Leg", "leg"),
        ("body_areas", "THROAT", "throat"),
        ("accompanied_by", "chest-pain", "chest_pain"),
        ("accompanied_by", "Stiff Jaw", "stiff_jaw"),
        ("accompanied_by", "palpitation", "palpitations"),
        ("accompanied_by", "both-legs-numb-weak", "both_legs_numb_weak"),
        ("medicines", "Statin", "statin"),
        ("medicines", "water tablet", "water_tablet"),
        ("medicines", "anti-sickness", "anti_sickness"),
        ("medicines", "antipsychotics", "antipsychotic"),
    ],
)
def test_near_misses_get_a_hint(key: str, item: str, suggestion: str) -> None:
    """An array item that nearly names a member (case, dashes, spaces, a plural) is named with a did-you-mean hint."""
    ((path, message),) = errors_of({key: [item]})
    assert path == f"{key}[0]"
    assert message.endswith(f"; did you mean {suggestion!r}?")


@pytest.mark.parametrize("item", ["itch", "", "x" * 200, "aspirin"])
def test_no_hint_for_a_far_miss(item: str) -> None:
    """An item that names nothing close gets no hint."""
    ((_, message),) = errors_of({"medicines": [item]})
    assert "did you mean" not in message


def test_tuples_count_as_arrays() -> None:
    """A Python tuple is accepted where a JSON array is expected."""
    assert episode_from_dict({"body_areas": ("leg", "leg")}).body_areas == frozenset({BodyArea.LEG})


def test_unknown_and_non_string_keys_rejected() -> None:
    """Unknown keys are named as unknown fields; a non-string key is a '$' error."""
    assert errors_of({"severty": "mild"}) == (("severty", "unknown field"),)
    assert errors_of({1: True}) == (("$", "keys must be strings, not a number"),)
    assert errors_of({"Recurrent": True}) == (("Recurrent", "unknown field"),)


def test_every_offending_field_in_one_error() -> None:
    """One InvalidEpisodeError names every offending field, in message and .errors, in document order."""
    document = {
        "severity": "awful",
        "duration": "10 minutes",
        "body_areas": "leg",
        "accompanied_by": ["fever", "itch"],
        "recurrent": "yes",
        "improves_with_self_care": 0,
        "colour": "red",
        "disturbs_sleep": True,
    }
    with pytest.raises(InvalidEpisodeError) as info:
        episode_from_dict(document)
    paths = [path for path, _ in info.value.errors]
    assert paths == [
        "severity",
        "duration",
        "body_areas",
        "accompanied_by[1]",
        "recurrent",
        "improves_with_self_care",
        "colour",
    ]
    for path, message in info.value.errors:
        assert f"{path}: {message}" in str(info.value)


@pytest.mark.parametrize(
    ("value", "kind"),
    [([], "an array"), ("{}", "a string"), (None, "null"), (1, "a number"), (True, "a boolean"), (b"{}", "a bytes")],
)
def test_non_object_document(value: object, kind: str) -> None:
    """A document that is not a JSON object is a single '$' error."""
    assert errors_of(value) == (("$", f"expected a JSON object, not {kind}"),)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("P1D", timedelta(days=1)),
        ("PT1H30M", timedelta(hours=1, minutes=30)),
        ("PT0.5S", timedelta(milliseconds=500)),
        ("PT0S", timedelta(0)),
        ("P1DT2H3M4.123456S", timedelta(days=1, hours=2, minutes=3, seconds=4, microseconds=123456)),
        ("PT12M", timedelta(minutes=12)),
        ("PT90S", timedelta(seconds=90)),
        ("PT1.5S", timedelta(seconds=1.5)),
        ("P0D", timedelta(0)),
        ("PT100000000S", timedelta(seconds=100_000_000)),
        ("P1157DT9H46M40S", timedelta(seconds=100_000_000)),
        ("PT000000001M", timedelta(minutes=1)),
        (0, timedelta(0)),
        (90, timedelta(seconds=90)),
        (12.5, timedelta(seconds=12.5)),
        (0.0, timedelta(0)),
        (100_000_000, timedelta(seconds=100_000_000)),
    ],
)
def test_valid_durations(text: object, expected: timedelta) -> None:
    """An ISO 8601 duration (days to seconds, a fraction of up to 6 digits on seconds) or a finite number of seconds."""
    assert episode_from_dict({"duration": text}).duration == expected


@pytest.mark.parametrize(
    "text",
    [
        "P",
        "PT",
        "P1DT",
        "P1Y",
        "P1M",
        "P1W",
        "PT1.5M",
        "PT1.5H",
        "1M",
        "12m",
        "pt1m",
        "PT1H\n",
        " PT1M",
        "PT1M ",
        "PT0.1234567S",
        "PT.5S",
        "PT1.S",
        "PT1M1H",
        "-PT1M",
        "PT-1M",
        "PT100000001S",
        "PT100000000.000001S",
        "P1158D",
        "PT\u0661M",
        "PT\uff11M",
        "PT" + "9" * 10 + "S",
        "PT" + "1" * 5000 + "S",
        "",
        "PT1,5S",
    ],
)
def test_invalid_duration_strings(text: str) -> None:
    """A string that is not P[nD][T[nH][nM][n[.f]S]] within 100,000,000 seconds names duration."""
    ((path, _),) = errors_of({"duration": text})
    assert path == "duration"


@pytest.mark.parametrize(
    ("value", "hint"),
    [
        (-1, "negative"),
        (-0.5, "negative"),
        (100_000_001, "at most 100000000 seconds"),
        (100_000_000.5, "at most 100000000 seconds"),
        (10**400, "at most 100000000 seconds"),
        (-(10**400), "negative"),
        (float("inf"), "too large"),
        (float("-inf"), ""),
        (float("nan"), ""),
        (True, "a boolean"),
        ([60], "an array"),
    ],
)
def test_invalid_duration_numbers(value: object, hint: str) -> None:
    """A number of seconds must be finite (NaN included), not negative, at most 100,000,000; a boolean is no number."""
    ((path, message),) = errors_of({"duration": value})
    assert path == "duration"
    assert hint in message


def test_episode_to_dict_writes_every_key() -> None:
    """episode_to_dict writes every key, in field order, null for every unanswered field."""
    assert episode_to_dict(Episode()) == dict.fromkeys(EPISODE_KEYS)
    assert list(episode_to_dict(Episode())) == list(EPISODE_KEYS)


def test_episode_to_dict_keeps_none_of_these_and_no() -> None:
    """episode_to_dict writes [] for "none of these" and false for "no", apart from null for not answered."""
    document = episode_to_dict(Episode(accompanied_by=[], medicines=[], **dict.fromkeys(FLAGS, False)))
    assert document["accompanied_by"] == document["medicines"] == []
    assert all(document[flag] is False for flag in FLAGS)
    assert document["body_areas"] is None


def test_episode_to_dict_arrays_in_enum_order() -> None:
    """Set fields are written as arrays in enum order, whatever order they were given in."""
    episode = Episode(
        body_areas=["throat", "foot", "neck", "leg"],
        accompanied_by=["little_urine", "fever", "chest_pain"],
        medicines=["blood_thinner", "statin"],
        age_group="child",
    )
    document = episode_to_dict(episode)
    assert document["body_areas"] == ["neck", "leg", "foot", "throat"]
    assert document["accompanied_by"] == ["fever", "chest_pain", "little_urine"]
    assert document["medicines"] == ["statin", "blood_thinner"]
    assert document["age_group"] == "child"
    everything = episode_to_dict(
        Episode(body_areas=list(BodyArea), accompanied_by=list(Finding), medicines=list(Medicine))
    )
    assert everything["body_areas"] == [area.value for area in BodyArea]
    assert everything["accompanied_by"] == [finding.value for finding in Finding]
    assert everything["medicines"] == [medicine.value for medicine in Medicine]


@pytest.mark.parametrize("value", [None, {}, "episode", 1])
def test_episode_to_dict_of_a_non_episode_is_a_type_error(value: object) -> None:
    """episode_to_dict() raises TypeError for anything but an Episode."""
    with pytest.raises(TypeError, match="Episode"):
        episode_to_dict(value)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (timedelta(days=1, hours=2), "P1DT2H"),
        (timedelta(hours=1, minutes=30), "PT1H30M"),
        (timedelta(milliseconds=500), "PT0.5S"),
        (timedelta(0), "PT0S"),
        (timedelta(days=1), "P1D"),
        (timedelta(minutes=1), "PT1M"),
        (timedelta(seconds=61), "PT1M1S"),
        (timedelta(seconds=1, microseconds=100000), "PT1.1S"),
        (timedelta(microseconds=1), "PT0.000001S"),
        (timedelta(days=1, hours=2, minutes=3, seconds=4, microseconds=123456), "P1DT2H3M4.123456S"),
        (timedelta(days=2, seconds=5), "P2DT5S"),
        (timedelta(seconds=100_000_000), "P1157DT9H46M40S"),
    ],
)
def test_canonical_durations(value: timedelta, text: str) -> None:
    """episode_to_dict writes durations in canonical ISO form: zero parts left out, zero as PT0S."""
    assert episode_to_dict(Episode(duration=value))["duration"] == text
    assert episode_from_dict({"duration": text}).duration == value


def test_episode_to_dict_is_json_and_round_trips() -> None:
    """episode_to_dict's output serialises as JSON and reads back to the same episode."""
    episode = Episode(
        severity="severe",
        duration=timedelta(seconds=12.5),
        body_areas=["back"],
        accompanied_by=["weakness", "numbness"],
        improves_with_self_care=True,
        disturbs_sleep=True,
    )
    text = json.dumps(episode_to_dict(episode))
    assert episode_from_json(text) == episode
    assert episode_from_json(text.encode()) == episode


def test_from_json_reads_utf8_text_and_bytes() -> None:
    """episode_from_json accepts str, UTF-8 bytes and bytearray."""
    text = '{"disturbs_sleep": true, "body_areas": ["leg"]}'
    expected = Episode(disturbs_sleep=True, body_areas=["leg"])
    assert episode_from_json(text) == expected
    assert episode_from_json(text.encode("utf-8")) == expected
    assert episode_from_json(bytearray(text.encode("utf-8"))) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_from_json_rejects_utf16(encoding: str) -> None:
    """Bytes in UTF-16 or UTF-32 (with or without a byte order mark) are rejected as a whole-document error."""
    ((path, _),) = json_errors('{"recurrent": true}'.encode(encoding))
    assert path == "$"


def test_from_json_rejects_latin1() -> None:
    """Bytes that are not valid UTF-8 are rejected, naming the offending byte."""
    assert json_errors('{"severity": "s\xe9v\xe8re"}'.encode("latin-1")) == (
        ("$", "the document is not valid UTF-8 (byte 15)"),
    )


def test_from_json_rejects_a_byte_order_mark() -> None:
    """A UTF-8 byte order mark is rejected, the same way for bytes and for str."""
    from_bytes = json_errors(b'\xef\xbb\xbf{"recurrent": true}')
    from_str = json_errors('\ufeff{"recurrent": true}')
    assert from_bytes == from_str
    assert from_bytes[0][0] == "$"
    assert "BOM" in from_bytes[0][1]


def test_size_limit_exactly_64_kib() -> None:
    """A document of exactly 65536 UTF-8 bytes is read; one byte more is rejected, for str and bytes."""
    head = '{"recurrent": true'
    fits = head + " " * (LIMIT - len(head) - 1) + "}"
    assert len(fits) == LIMIT
    assert episode_from_json(fits) == Episode(recurrent=True)
    assert episode_from_json(fits.encode()) == Episode(recurrent=True)
    too_big = head + " " * (LIMIT - len(head)) + "}"
    assert json_errors(too_big) == (("$", "the document is larger than 65536 bytes of UTF-8"),)
    assert json_errors(too_big.encode()) == (("$", "the document is larger than 65536 bytes of UTF-8"),)


def test_size_of_str_counts_utf8_bytes() -> None:
    """A str is measured by its UTF-8 encoding: 32760 two-byte characters fit, one more ASCII byte does not."""
    base = '{"severity": ""}'
    fits = '{"severity": "' + "é" * 32760 + '"}'
    assert len(fits.encode()) == LIMIT
    assert len(base) + 2 * 32760 == LIMIT
    ((path, _),) = json_errors(fits)
    assert path == "severity"
    over = '{"severity": "' + "é" * 32760 + 'a"}'
    assert len(over) < LIMIT < len(over.encode())
    assert json_errors(over) == (("$", "the document is larger than 65536 bytes of UTF-8"),)


@pytest.mark.parametrize(
    "text",
    [
        '{"duration": NaN}',
        '{"duration": Infinity}',
        '{"duration": -Infinity}',
        "NaN",
        '{"duration": 1e400}',
        '{"duration": -1e400}',
    ],
)
def test_from_json_rejects_non_finite_numbers(text: str) -> None:
    """NaN, Infinity, -Infinity and numbers that overflow to infinity are rejected."""
    errors = json_errors(text)
    assert len(errors) == 1
    assert errors[0][0] in {"$", "duration"}


def test_from_json_huge_integer() -> None:
    """An integer too long to read, or too large for a float, is an InvalidEpisodeError, never another error."""
    assert json_errors('{"duration": 1' + "0" * 400 + "}") == (
        ("duration", "the number is too large: a duration can be at most 100000000 seconds"),
    )
    assert json_errors('{"duration": 1' + "0" * 5000 + "}") == json_errors('{"duration": 1' + "0" * 400 + "}")


@pytest.mark.parametrize(
    "text",
    ["[" * 60000, "[" * 100000, '{"body_areas": ' + "[" * 30000 + "]" * 30000 + "}", '{"a": ' * 10000],
)
def test_deep_nesting_is_an_invalid_episode(text: str) -> None:
    """Deeply nested JSON gives InvalidEpisodeError, not RecursionError."""
    ((path, _),) = json_errors(text)
    assert path == "$"


@pytest.mark.parametrize("depth", [5, 50, 500])
def test_nesting_past_the_limit_is_one_error(depth: int) -> None:
    """An episode is an object of arrays of strings: arrays nested deeper than that are one '$' error."""
    text = '{"body_areas": ' + "[" * depth + "]" * depth + "}"
    assert json_errors(text) == (("$", "the document nests more than 2 levels deep"),)


def test_a_nested_item_is_named_by_its_field() -> None:
    """A container inside an array that the cheap nesting check lets through is named by its index."""
    assert json_errors('{"medicines": [{}]}') == (
        ("medicines[0]", "expected a medicine value (a string), not an object"),
    )
    assert json_errors('{"body_areas": [["leg"]]}') == (
        ("body_areas[0]", "expected a body area value (a string), not an array"),
    )


def test_many_shallow_arrays_are_read() -> None:
    """A document with many arrays, none nested past the limit, is read as usual."""
    document = '{"body_areas": ["leg"], "accompanied_by": [], "medicines": ["statin"], "x": [], "y": []}'
    assert json_errors(document) == (("x", "unknown field"), ("y", "unknown field"))
    assert episode_from_json(document.replace(', "x": [], "y": []', "")) == Episode(
        body_areas=["leg"], accompanied_by=[], medicines=["statin"]
    )


def test_numbers_of_other_types_are_named_as_numbers() -> None:
    """A number from a decoder that makes Decimals is named "a number" where a string is expected."""
    assert errors_of({"severity": Decimal("1.5")}) == (
        ("severity", "expected a severity string or null, not a number"),
    )


def test_errors_are_capped() -> None:
    """A document with many bad items names the first 20, then counts the rest in one '$' entry."""
    errors = errors_of({"accompanied_by": [1] * 25})
    assert len(errors) == 21
    assert errors[:20] == tuple(
        (f"accompanied_by[{i}]", "expected a finding value (a string), not a number") for i in range(20)
    )
    assert errors[20] == ("$", "and 5 more problems")


def test_repeated_keys_are_rejected() -> None:
    """A key given twice in JSON text is an error naming the key: one document, one answer."""
    assert json_errors('{"accompanied_by": ["chest_pain"], "accompanied_by": []}') == (
        ("accompanied_by", "the key appears more than once in the document"),
    )


@pytest.mark.parametrize("value", [None, 1, {"recurrent": True}, ["{}"], memoryview(b"{}")])
def test_from_json_takes_text_only(value: object) -> None:
    """episode_from_json raises InvalidEpisodeError for anything but str or bytes."""
    ((path, message),) = json_errors(value)  # type: ignore[arg-type]
    assert path == "$"
    assert message.startswith("expected JSON text (str or bytes)")


@pytest.mark.parametrize("text", ["", " ", "{", '{"recurrent": true,}', "{'recurrent': true}", "{} {}", "\x00"])
def test_from_json_rejects_malformed_json(text: str) -> None:
    """Malformed JSON is a '$' error naming the line and column."""
    ((path, message),) = json_errors(text)
    assert path == "$"
    assert "line 1, column" in message


def test_lone_surrogates() -> None:
    """A raw lone surrogate in a str is rejected as '$'; an escaped one reaches the field and is named there."""
    assert json_errors('{"severity": "\ud800"}') == (
        ("$", "the text is not valid Unicode (it holds a lone surrogate)"),
    )
    assert json_errors('{"severity": "\\ud800"}') == (
        ("severity", "'\\ud800' is not a known severity (one of: mild, moderate, severe)"),
    )
    assert json_errors('{"\\udc80": true}') == (("\\udc80", "unknown field"),)
    ((path, _),) = json_errors(b'{"severity": "\xed\xa0\x80"}')
    assert path == "$"


def test_from_json_errors_name_every_field() -> None:
    """episode_from_json names every offending field in one error, like episode_from_dict."""
    errors = json_errors('{"recurrent": 1, "body_areas": "leg", "x": 0}')
    assert [path for path, _ in errors] == ["recurrent", "body_areas", "x"]


@pytest.mark.parametrize(
    "document",
    [
        {"accompanied_by": ["fever", "fever", "itch"], "body_areas": ["leg"], "duration": "PT4M"},
        {"severity": "mild", "duration": 12.5, "recurrent": True, "body_areas": ["leg", "arm"]},
        {"body_areas": "leg", "nested": {"a": [1, 2, {"b": None}]}},
        [{"recurrent": True}],
    ],
)
def test_input_never_modified(document: Any) -> None:
    """episode_from_dict never changes the object it is given, valid or not."""
    before = copy.deepcopy(document)
    with contextlib.suppress(InvalidEpisodeError):
        episode_from_dict(document)
    assert document == before
