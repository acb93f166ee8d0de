"""The untrusted-input boundary: episode_from_dict/_json, episode_to_dict and assessment_to_dict."""

from __future__ import annotations

import contextlib
import copy
import json
from datetime import timedelta
from typing import Any

import pytest

import spasmfacts
from spasmfacts import (
    BodyArea,
    Episode,
    Finding,
    InvalidEpisodeError,
    Severity,
    assess,
    assessment_to_dict,
    episode_from_dict,
    episode_from_json,
    episode_to_dict,
)

FIELDS = [
    "severity",
    "duration",
    "body_areas",
    "accompanied_by",
    "interferes_with_daily_life",
    "disturbs_sleep",
    "recurrent",
    "improves_with_self_care",
    "started_after_new_medication",
    "after_wound_or_toxin_exposure",
    "comes_on_when_walking",
]
FLAGS = [
    "interferes_with_daily_life",
    "disturbs_sleep",
    "recurrent",
    "started_after_new_medication",
    "after_wound_or_toxin_exposure",
    "comes_on_when_walking",
]
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
        "interferes_with_daily_life": True,
        "disturbs_sleep": False,
        "recurrent": True,
        "improves_with_self_care": False,
        "started_after_new_medication": True,
        "after_wound_or_toxin_exposure": False,
        "comes_on_when_walking": True,
    }
    assert episode_from_dict(document) == Episode(
        severity=Severity.MODERATE,
        duration=timedelta(minutes=4),
        body_areas={BodyArea.LEG, BodyArea.FOOT},
        accompanied_by={Finding.FEVER},
        interferes_with_daily_life=True,
        recurrent=True,
        improves_with_self_care=False,
        started_after_new_medication=True,
        comes_on_when_walking=True,
    )


def test_null_allowed_where_documented() -> None:
    """A JSON null is accepted for severity, duration and improves_with_self_care, meaning not reported."""
    document = {"severity": None, "duration": None, "improves_with_self_care": None}
    assert episode_from_dict(document) == Episode()


@pytest.mark.parametrize("key", [*FLAGS, "body_areas", "accompanied_by"])
def test_null_rejected_elsewhere(key: str) -> None:
    """A JSON null is an error for the flags and the set fields."""
    ((path, message),) = errors_of({key: None})
    assert path == key
    assert "not null" in message


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
    """A flag takes JSON true/false only, never "false" or 0/1."""
    assert errors_of({key: value}) == ((key, f"expected true or false, not {kind}"),)


@pytest.mark.parametrize("key", FLAGS)
def test_flags_accept_booleans(key: str) -> None:
    """JSON true and false set a flag."""
    assert getattr(episode_from_dict({key: True}), key) is True
    assert getattr(episode_from_dict({key: False}), key) is False


@pytest.mark.parametrize("value", [0, 1, "true", "false", []])
def test_improves_with_self_care_strict(value: object) -> None:
    """improves_with_self_care takes true, false or null only."""
    ((path, message),) = errors_of({"improves_with_self_care": value})
    assert path == "improves_with_self_care"
    assert message.startswith("expected true, false or null")


@pytest.mark.parametrize(
    ("value", "hint"),
    [("Severe", "not a known severity"), (True, "a boolean"), (3, "a number"), (["mild"], "an array")],
)
def test_severity_strict(value: object, hint: str) -> None:
    """The severity is one of the lowercase strings or null; anything else names severity."""
    ((path, message),) = errors_of({"severity": value})
    assert path == "severity"
    assert hint in message


@pytest.mark.parametrize("key", ["body_areas", "accompanied_by"])
@pytest.mark.parametrize(
    ("value", "kind"),
    [("leg", "a string"), ({"leg": True}, "an object"), (True, "a boolean"), (1, "a number"), ({"leg"}, "a set")],
)
def test_set_fields_must_be_arrays(key: str, value: object, kind: str) -> None:
    """A set field must be an array: a bare string (or any other value) is an error naming the field."""
    ((path, message),) = errors_of({key: value})
    assert path == key
    assert message.endswith(f"not {kind}")


def test_array_items_named_with_index() -> None:
    """Each bad array item is named with its index: unknown values and non-strings alike."""
    assert errors_of({"accompanied_by": ["fever", "itch", True, None, ["fever"]]}) == (
        ("accompanied_by[1]", "'itch' is not a known finding"),
        ("accompanied_by[2]", "expected a finding value (a string), not a boolean"),
        ("accompanied_by[3]", "expected a finding value (a string), not null"),
        ("accompanied_by[4]", "expected a finding value (a string), not an array"),
    )
    assert errors_of({"body_areas": ["Leg"]}) == (("body_areas[0]", "'Leg' is not a known body area"),)


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
        (float("inf"), "finite"),
        (float("-inf"), "finite"),
        (float("nan"), "finite"),
        (True, "a boolean"),
        ([60], "an array"),
    ],
)
def test_invalid_duration_numbers(value: object, hint: str) -> None:
    """A number of seconds must be finite, not negative and at most 100,000,000; a boolean is not a number."""
    ((path, message),) = errors_of({"duration": value})
    assert path == "duration"
    assert hint in message


def test_episode_to_dict_writes_every_key() -> None:
    """episode_to_dict writes every key, in field order, with nulls and empty arrays for the unreported."""
    assert episode_to_dict(Episode()) == {
        "severity": None,
        "duration": None,
        "body_areas": [],
        "accompanied_by": [],
        "interferes_with_daily_life": False,
        "disturbs_sleep": False,
        "recurrent": False,
        "improves_with_self_care": None,
        "started_after_new_medication": False,
        "after_wound_or_toxin_exposure": False,
        "comes_on_when_walking": False,
    }
    assert list(episode_to_dict(Episode())) == FIELDS


def test_episode_to_dict_arrays_in_enum_order() -> None:
    """Set fields are written as arrays in enum order, whatever order they were given in."""
    episode = Episode(body_areas=["foot", "neck", "leg"], accompanied_by=["little_urine", "fever", "chest_pain"])
    document = episode_to_dict(episode)
    assert document["body_areas"] == ["neck", "leg", "foot"]
    assert document["accompanied_by"] == ["fever", "chest_pain", "little_urine"]
    everything = episode_to_dict(Episode(body_areas=list(BodyArea), accompanied_by=list(Finding)))
    assert everything["body_areas"] == [area.value for area in BodyArea]
    assert everything["accompanied_by"] == [finding.value for finding in Finding]


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
    assert json_errors(too_big.encode()) == (("$", "the document is larger than 65536 bytes"),)


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
        ("duration", "a duration can be at most 100000000 seconds"),
    )
    ((path, _),) = json_errors('{"duration": 1' + "0" * 5000 + "}")
    assert path == "$"


@pytest.mark.parametrize(
    "text",
    ["[" * 60000, "[" * 100000, '{"body_areas": ' + "[" * 30000 + "]" * 30000 + "}", '{"a": ' * 10000],
)
def test_deep_nesting_is_an_invalid_episode(text: str) -> None:
    """Deeply nested JSON gives InvalidEpisodeError, not RecursionError."""
    ((path, _),) = json_errors(text)
    assert path == "$"


def test_moderate_nesting_names_the_field() -> None:
    """Nesting the parser can read is judged as a value: a nested array in body_areas names body_areas[0]."""
    text = '{"body_areas": ' + "[" * 500 + "]" * 500 + "}"
    assert json_errors(text) == (("body_areas[0]", "expected a body area value (a string), not an array"),)


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
    assert json_errors('{"\\udc80": true}') == (("\udc80", "unknown field"),)
    ((path, _),) = json_errors(b'{"severity": "\xed\xa0\x80"}')
    assert path == "$"


def test_from_json_errors_name_every_field() -> None:
    """episode_from_json names every offending field in one error, like episode_from_dict."""
    errors = json_errors('{"recurrent": 1, "body_areas": "leg", "x": 0}')
    assert [path for path, _ in errors] == ["recurrent", "body_areas", "x"]


def test_assessment_to_dict_shape() -> None:
    """assessment_to_dict gives exactly the documented keys, sources with id, title and url (null for the article)."""
    result = assess(Episode(severity="severe", accompanied_by=["fever"]))
    document = assessment_to_dict(result)
    assert list(document) == ["needs_medical_attention", "urgency", "reasons", "next_step"]
    assert document["needs_medical_attention"] is True
    assert document["urgency"] == "urgent"
    assert [reason["id"] for reason in document["reasons"]] == ["systemic-symptoms", "severe"]
    catalog = spasmfacts.sources()
    for reason, original in zip(document["reasons"], result.reasons, strict=True):
        assert list(reason) == ["id", "urgency", "summary", "sources"]
        assert reason["urgency"] == original.urgency.value
        assert reason["summary"] == original.summary
        assert [source["id"] for source in reason["sources"]] == list(original.sources)
        for source in reason["sources"]:
            assert list(source) == ["id", "title", "url"]
            assert source["title"] == catalog.lookup(source["id"]).title
            assert source["url"] == catalog.lookup(source["id"]).url
    article = next(source for source in document["reasons"][1]["sources"] if source["id"] == "article")
    assert article["url"] is None
    step = document["next_step"]
    assert list(step) == ["id", "urgency", "summary", "advice", "sources"]
    assert (step["id"], step["urgency"]) == ("same-day", "urgent")
    assert step["summary"] == result.next_step.summary
    assert step["advice"] == result.next_step.advice
    cited = list(dict.fromkeys(citation.source for citation in result.next_step.citations))
    assert [source["id"] for source in step["sources"]] == cited
    assert json.loads(json.dumps(document)) == document


def test_assessment_to_dict_self_care() -> None:
    """A self-care result has no reasons and the self-care next step, in the same shape."""
    document = assessment_to_dict(assess(Episode()))
    assert document["needs_medical_attention"] is False
    assert document["urgency"] == "self_care"
    assert document["reasons"] == []
    assert document["next_step"]["id"] == "self-care"
    assert document["next_step"]["sources"]


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
