"""Constructing an Episode: defaults, accepted forms, and InvalidEpisodeError naming the field."""

from __future__ import annotations

import pickle
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import attrs
import pytest

from spasmfacts import BodyArea, Episode, Finding, InvalidEpisodeError, Severity, SpasmFactsError

FLAGS = (
    "interferes_with_daily_life",
    "disturbs_sleep",
    "recurrent",
    "started_after_new_medication",
    "after_wound_or_toxin_exposure",
    "comes_on_when_walking",
)
MAX = timedelta(seconds=100_000_000)


def field_errors(**fields: Any) -> tuple[tuple[str, str], ...]:
    """The (path, message) pairs Episode(**fields) raises."""
    with pytest.raises(InvalidEpisodeError) as info:
        Episode(**fields)
    return info.value.errors


def test_defaults_mean_not_reported() -> None:
    """Every field is optional: no severity or duration, empty sets, flags False, self-care unknown."""
    episode = Episode()
    assert episode.severity is None
    assert episode.duration is None
    assert episode.body_areas == frozenset()
    assert episode.accompanied_by == frozenset()
    for flag in FLAGS:
        assert getattr(episode, flag) is False
    assert episode.improves_with_self_care is None


def test_keyword_only() -> None:
    """Episode takes keyword arguments only."""
    with pytest.raises(TypeError):
        Episode(Severity.MILD)  # type: ignore[call-arg]


def _generator() -> Iterator[str]:
    yield "fever"
    yield "chills"


@pytest.mark.parametrize(
    "value",
    [
        {Finding.FEVER, Finding.CHILLS},
        frozenset({Finding.FEVER, Finding.CHILLS}),
        ["fever", "chills"],
        ("chills", "fever", "fever"),
        [Finding.FEVER, "chills", Finding.CHILLS],
        {"fever": 1, "chills": 2},
        _generator(),
    ],
    ids=["set", "frozenset", "list", "tuple-dupes", "mixed", "dict-keys", "generator"],
)
def test_set_fields_accept_any_iterable(value: Any) -> None:
    """accompanied_by takes any iterable of members or their string values; duplicates are fine, results equal."""
    episode = Episode(accompanied_by=value)
    assert episode.accompanied_by == frozenset({Finding.FEVER, Finding.CHILLS})
    assert episode == Episode(accompanied_by={Finding.FEVER, Finding.CHILLS})
    assert type(episode.accompanied_by) is frozenset


def test_body_areas_accept_string_values() -> None:
    """body_areas takes member or string values, stored as a frozenset of BodyArea."""
    assert Episode(body_areas=["leg", BodyArea.FOOT, "leg"]).body_areas == frozenset({BodyArea.LEG, BodyArea.FOOT})
    assert Episode(body_areas=[]).body_areas == frozenset()
    assert Episode(body_areas=iter(())) == Episode()


@pytest.mark.parametrize("field", ["body_areas", "accompanied_by"])
@pytest.mark.parametrize(
    ("value", "kind"), [("leg", "str"), (b"leg", "bytes"), (5, "int"), (None, "NoneType"), (object(), "object")]
)
def test_set_fields_reject_non_collections(field: str, value: object, kind: str) -> None:
    """A bare string, bytes or a non-iterable for a set field is an InvalidEpisodeError naming the field."""
    errors = field_errors(**{field: value})
    assert len(errors) == 1
    assert errors[0][0] == field
    assert kind in errors[0][1]


def test_set_fields_name_each_bad_item() -> None:
    """Each unknown value or wrong item type is named with its index, all in one error."""
    errors = field_errors(accompanied_by=["fever", "itch", 3, None, Severity.MILD])
    assert errors == (
        ("accompanied_by[1]", "'itch' is not a known finding"),
        ("accompanied_by[2]", "expected a finding value, not int"),
        ("accompanied_by[3]", "expected a finding value, not NoneType"),
        ("accompanied_by[4]", "expected a finding value, not Severity"),
    )
    assert field_errors(body_areas=["leg", "knee"]) == (("body_areas[1]", "'knee' is not a known body area"),)


def test_a_member_of_the_other_enum_is_wrong() -> None:
    """A BodyArea in accompanied_by (or a Finding in body_areas) is an error, even in a frozenset."""
    assert field_errors(accompanied_by=frozenset({BodyArea.CHEST}))[0][0] == "accompanied_by[0]"
    assert field_errors(body_areas=frozenset({Finding.FEVER}))[0][0] == "body_areas[0]"


@pytest.mark.parametrize(
    ("value", "expected"),
    [(Severity.MILD, Severity.MILD), ("moderate", Severity.MODERATE), ("severe", Severity.SEVERE), (None, None)],
)
def test_severity_accepts_member_value_or_none(value: object, expected: Severity | None) -> None:
    """The severity field takes a Severity, its string value, or None."""
    assert Episode(severity=value).severity is expected


@pytest.mark.parametrize(
    ("value", "hint"),
    [("SEVERE", "not a known severity"), ("", "not a known severity"), (3, "int"), (BodyArea.LEG, "BodyArea")],
)
def test_severity_rejects_other_values(value: object, hint: str) -> None:
    """An unknown severity string or a value of another type is an InvalidEpisodeError naming severity."""
    (error,) = field_errors(severity=value)
    assert error[0] == "severity"
    assert hint in error[1]


@pytest.mark.parametrize("flag", FLAGS)
@pytest.mark.parametrize("value", [0, 1, "true", "false", None, 1.0])
def test_flags_must_be_bool(flag: str, value: object) -> None:
    """A flag takes only True or False: not 0/1, not 'true', not None."""
    assert field_errors(**{flag: value}) == ((flag, f"expected True or False, not {type(value).__name__}"),)


@pytest.mark.parametrize("flag", FLAGS)
def test_flags_accept_bools(flag: str) -> None:
    """A flag set to True or False is stored as given."""
    assert getattr(Episode(**{flag: True}), flag) is True
    assert getattr(Episode(**{flag: False}), flag) is False


@pytest.mark.parametrize("value", [True, False, None])
def test_improves_with_self_care_accepts_true_false_none(value: bool | None) -> None:
    """improves_with_self_care takes True, False or None (unknown)."""
    assert Episode(improves_with_self_care=value).improves_with_self_care is value


@pytest.mark.parametrize("value", [0, 1, "false", "no"])
def test_improves_with_self_care_rejects_others(value: object) -> None:
    """improves_with_self_care rejects anything but True, False or None."""
    (error,) = field_errors(improves_with_self_care=value)
    assert error[0] == "improves_with_self_care"


@pytest.mark.parametrize("value", [timedelta(0), timedelta(microseconds=1), timedelta(minutes=10), MAX, None])
def test_duration_accepts_zero_to_max(value: timedelta | None) -> None:
    """The duration field takes None or a timedelta from zero up to 100,000,000 seconds inclusive."""
    assert Episode(duration=value).duration == value


@pytest.mark.parametrize(
    ("value", "hint"),
    [
        (timedelta(microseconds=-1), "negative"),
        (timedelta(days=-1), "negative"),
        (MAX + timedelta(microseconds=1), "at most 100000000 seconds"),
        (timedelta.max, "at most 100000000 seconds"),
        (600, "int"),
        (600.0, "float"),
        ("PT10M", "str"),
    ],
)
def test_duration_rejects_bad_values(value: object, hint: str) -> None:
    """The duration field must be a timedelta, not negative and at most 100,000,000 seconds."""
    (error,) = field_errors(duration=value)
    assert error[0] == "duration"
    assert hint in error[1]


def test_error_is_a_value_error_and_spasmfacts_error() -> None:
    """InvalidEpisodeError is a SpasmFactsError and a ValueError, with .errors as (path, message) pairs."""
    with pytest.raises(ValueError, match=r"^severity: 'awful' is not a known severity") as info:
        Episode(severity="awful")
    error: object = info.value
    assert isinstance(error, SpasmFactsError)
    assert isinstance(error, InvalidEpisodeError)
    assert error.errors == (("severity", "'awful' is not a known severity (one of: mild, moderate, severe)"),)


def test_error_message_lists_every_pair() -> None:
    """The message of InvalidEpisodeError joins every 'path: message' pair."""
    error = InvalidEpisodeError([("a[1]", "one"), ("$", "two")])
    assert error.errors == (("a[1]", "one"), ("$", "two"))
    assert str(error) == "a[1]: one; $: two"


def test_error_pickles() -> None:
    """InvalidEpisodeError survives a pickle round trip with its errors and message."""
    with pytest.raises(InvalidEpisodeError) as info:
        Episode(body_areas=["leg", "knee", "elbow"])
    copy = pickle.loads(pickle.dumps(info.value))  # noqa: S301 (our own object, round-tripped)
    assert type(copy) is InvalidEpisodeError
    assert copy.errors == info.value.errors
    assert str(copy) == str(info.value)


def test_episode_is_frozen_and_hashable() -> None:
    """An Episode cannot be changed, hashes, and equal episodes hash equal."""
    episode = Episode(severity="mild", body_areas=["leg"], duration=timedelta(minutes=2))
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        episode.severity = Severity.SEVERE  # type: ignore[misc]
    same = Episode(severity=Severity.MILD, body_areas={BodyArea.LEG}, duration=timedelta(seconds=120))
    assert episode == same
    assert hash(episode) == hash(same)
    assert len({episode, same, Episode()}) == 2


def test_evolve_validates() -> None:
    """attrs.evolve() on an Episode goes through the same checks as construction."""
    episode = Episode(recurrent=True)
    assert attrs.evolve(episode, body_areas=["arm"]).body_areas == frozenset({BodyArea.ARM})
    with pytest.raises(InvalidEpisodeError):
        attrs.evolve(episode, recurrent="yes")  # type: ignore[arg-type]
