"""Constructing an Episode (version 2): every field optional, None = not answered, strict types, clear errors."""

from __future__ import annotations

import pickle
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import attrs
import pytest

from spasmfacts import (
    AgeGroup,
    BodyArea,
    Episode,
    Finding,
    InvalidEpisodeError,
    Medicine,
    Severity,
    SpasmFactsError,
)
from spasmfacts.episode import EPISODE_FIELDS, FLAG_FIELDS
from strategies import EPISODE_KEYS, FLAGS

MAX = timedelta(seconds=100_000_000)
SET_FIELDS: dict[str, tuple[Any, str]] = {
    "body_areas": (BodyArea, "body area"),
    "accompanied_by": (Finding, "finding"),
    "medicines": (Medicine, "medicine"),
}


def field_errors(**fields: Any) -> tuple[tuple[str, str], ...]:
    """The (path, message) pairs Episode(**fields) raises."""
    with pytest.raises(InvalidEpisodeError) as info:
        Episode(**fields)
    return info.value.errors


def test_fields_are_the_specifications() -> None:
    """Episode has exactly the 20 fields of version 2, in the specification's order, 14 of them yes/no."""
    assert EPISODE_FIELDS == EPISODE_KEYS
    assert FLAG_FIELDS == FLAGS
    assert len(FLAGS) == 14


def test_the_combined_wound_or_toxin_field_is_gone() -> None:
    """after_wound_or_toxin_exposure was split into after_wound and after_toxin_exposure; the old name is refused."""
    with pytest.raises(TypeError):
        Episode(after_wound_or_toxin_exposure=True)  # type: ignore[call-arg]


def test_defaults_mean_not_answered() -> None:
    """Every field is optional and defaults to None (not answered); body_areas to the empty set."""
    episode = Episode()
    for name in EPISODE_KEYS:
        if name == "body_areas":
            assert episode.body_areas == frozenset()
        else:
            assert getattr(episode, name) is None, name


def test_none_is_accepted_for_every_field() -> None:
    """None may be passed for every field and means not answered: the result is Episode()."""
    assert Episode(**dict.fromkeys(EPISODE_KEYS)) == Episode()


@pytest.mark.parametrize("field", ["accompanied_by", "medicines"])
def test_none_of_these_differs_from_not_answered(field: str) -> None:
    """For accompanied_by and medicines, an empty collection means "none of these", kept apart from None."""
    empty: dict[str, Any] = {field: []}
    none_of_these = Episode(**empty)
    assert getattr(none_of_these, field) == frozenset()
    assert type(getattr(none_of_these, field)) is frozenset
    assert none_of_these != Episode()
    assert getattr(Episode(**{field: None}), field) is None


def test_empty_body_areas_is_not_answered() -> None:
    """For body_areas, None and an empty collection both mean not answered."""
    assert Episode(body_areas=None) == Episode(body_areas=[]) == Episode(body_areas=iter(())) == Episode()


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


def test_areas_and_medicines_accept_string_values() -> None:
    """body_areas and medicines take members or string values, stored as frozensets of their enum."""
    assert Episode(body_areas=["leg", BodyArea.FOOT, "leg"]).body_areas == frozenset({BodyArea.LEG, BodyArea.FOOT})
    assert Episode(body_areas=["jaw", "throat", "face"]).body_areas == {BodyArea.JAW, BodyArea.THROAT, BodyArea.FACE}
    medicines = Episode(medicines=("statin", Medicine.BLOOD_THINNER, "statin")).medicines
    assert medicines == frozenset({Medicine.STATIN, Medicine.BLOOD_THINNER})


@pytest.mark.parametrize("field", sorted(SET_FIELDS))
@pytest.mark.parametrize(("value", "kind"), [("leg", "str"), (b"leg", "bytes"), (5, "int"), (object(), "object")])
def test_set_fields_reject_non_collections(field: str, value: object, kind: str) -> None:
    """A bare string, bytes or a non-iterable for a set field is an InvalidEpisodeError naming the field."""
    ((path, message),) = field_errors(**{field: value})
    assert path == field
    assert kind in message


@pytest.mark.parametrize("field", sorted(SET_FIELDS))
def test_set_fields_name_each_bad_item(field: str) -> None:
    """Each unknown value or wrong item type is named with its index, all in one error."""
    enum, noun = SET_FIELDS[field]
    good = next(iter(enum)).value
    assert field_errors(**{field: [good, "itch", 3, None, Severity.MILD]}) == (
        (f"{field}[1]", f"'itch' is not a known {noun}"),
        (f"{field}[2]", f"expected a {noun} value, not int"),
        (f"{field}[3]", f"expected a {noun} value, not NoneType"),
        (f"{field}[4]", f"expected a {noun} value, not Severity"),
    )


def test_a_member_of_another_enum_is_wrong() -> None:
    """A BodyArea in accompanied_by, a Finding in body_areas or medicines is an error, even in a frozenset."""
    assert field_errors(accompanied_by=frozenset({BodyArea.CHEST}))[0][0] == "accompanied_by[0]"
    assert field_errors(body_areas=frozenset({Finding.FEVER}))[0][0] == "body_areas[0]"
    assert field_errors(medicines=frozenset({Finding.FEVER}))[0][0] == "medicines[0]"


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
    ((path, message),) = field_errors(severity=value)
    assert path == "severity"
    assert hint in message


@pytest.mark.parametrize(
    ("value", "expected"),
    [(AgeGroup.BABY, AgeGroup.BABY), ("child", AgeGroup.CHILD), ("older_adult", AgeGroup.OLDER_ADULT), (None, None)],
)
def test_age_group_accepts_member_value_or_none(value: object, expected: AgeGroup | None) -> None:
    """The age_group field takes an AgeGroup, its string value, or None."""
    assert Episode(age_group=value).age_group is expected


@pytest.mark.parametrize(
    ("value", "hint"),
    [
        ("older adult", "not a known age group (one of: baby, child, adult, older_adult)"),
        ("Baby", "not a known age group"),
        (70, "int"),
        (Severity.MILD, "Severity"),
    ],
)
def test_age_group_rejects_other_values(value: object, hint: str) -> None:
    """An unknown age group or a value of another type is an InvalidEpisodeError naming age_group."""
    ((path, message),) = field_errors(age_group=value)
    assert path == "age_group"
    assert hint in message


@pytest.mark.parametrize("flag", FLAGS)
@pytest.mark.parametrize("value", [0, 1, "true", "false", "", 1.0, [], Severity.MILD])
def test_flags_must_be_bool_or_none(flag: str, value: object) -> None:
    """A yes/no field takes only True, False or None: not 0/1, not 'true', naming the field and the type."""
    assert field_errors(**{flag: value}) == ((flag, f"expected True, False or None, not {type(value).__name__}"),)


@pytest.mark.parametrize("flag", FLAGS)
@pytest.mark.parametrize("value", [True, False, None])
def test_flags_are_tri_state(flag: str, value: bool | None) -> None:
    """Each yes/no field stores True, False or None (not answered) as given."""
    assert getattr(Episode(**{flag: value}), flag) is value


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
    ((path, message),) = field_errors(duration=value)
    assert path == "duration"
    assert hint in message


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
    episode = Episode(severity="mild", body_areas=["leg"], duration=timedelta(minutes=2), medicines=["statin"])
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        episode.severity = Severity.SEVERE  # type: ignore[misc]
    same = Episode(
        severity=Severity.MILD, body_areas={BodyArea.LEG}, duration=timedelta(seconds=120), medicines={Medicine.STATIN}
    )
    assert episode == same
    assert hash(episode) == hash(same)
    assert len({episode, same, Episode()}) == 2


def test_evolve_validates() -> None:
    """attrs.evolve() on an Episode goes through the same checks as construction."""
    episode = Episode(recurrent=True)
    assert attrs.evolve(episode, body_areas=["arm"]).body_areas == frozenset({BodyArea.ARM})
    assert attrs.evolve(episode, recurrent=None).recurrent is None
    with pytest.raises(InvalidEpisodeError):
        attrs.evolve(episode, recurrent="yes")  # type: ignore[arg-type]
    with pytest.raises(InvalidEpisodeError):
        attrs.evolve(episode, age_group="teen")
