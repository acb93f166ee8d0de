"""The FHIR reader takes numbers as Python's JSON decoders give them: int, float, and Decimal (issue 14)."""

from __future__ import annotations

import json
from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest

from spasmfacts import Episode, InvalidEpisodeError
from spasmfacts.interop import episode_from_questionnaire_response, questionnaire_response


def _response(value: object, unit: str = "min") -> dict[str, Any]:
    """A completed response whose only answer is a duration of ``value`` ``unit``, as decoded with Decimal floats."""
    response: dict[str, Any] = json.loads(
        json.dumps(questionnaire_response(Episode(duration=timedelta(seconds=1)))), parse_float=Decimal
    )
    (item,) = (item for item in response["item"] if item["linkId"] == "duration")
    item["answer"][0]["valueQuantity"].update(value=value, code=unit)
    return response


def _errors(response: dict[str, Any]) -> tuple[tuple[str, str], ...]:
    with pytest.raises(InvalidEpisodeError) as caught:
        episode_from_questionnaire_response(response)
    return caught.value.errors


@pytest.mark.parametrize(
    ("value", "unit", "expected"),
    [
        (Decimal("12.5"), "min", timedelta(minutes=12, seconds=30)),
        (Decimal("0.000001"), "s", timedelta(microseconds=1)),
        (Decimal("1.5"), "h", timedelta(hours=1, minutes=30)),
        (Decimal(2), "d", timedelta(days=2)),
        (Decimal(0), "s", timedelta(0)),
    ],
)
def test_a_decimal_quantity_is_a_number(value: Decimal, unit: str, expected: timedelta) -> None:
    """A valueQuantity.value given as Decimal (json.loads(..., parse_float=Decimal)) is read as the number it is."""
    assert episode_from_questionnaire_response(_response(value, unit)).duration == expected


def test_a_decimal_document_reads_like_a_float_document() -> None:
    """The same response decoded with floats or with Decimals gives the same episode."""
    text = json.dumps(_response(12.25))
    assert episode_from_questionnaire_response(json.loads(text)) == episode_from_questionnaire_response(
        json.loads(text, parse_float=Decimal)
    )


@pytest.mark.parametrize("value", [Decimal("NaN"), Decimal("sNaN"), Decimal(-1), Decimal("-Infinity"), float("nan")])
def test_a_decimal_that_is_no_duration_is_refused(value: object) -> None:
    """NaN (quiet or signalling) or a negative Decimal is refused naming the value's path, never an exception."""
    ((path, message),) = _errors(_response(value))
    assert path.endswith("valueQuantity.value")
    assert message == "duration: a duration must be a finite number, zero or more"


@pytest.mark.parametrize(
    "value", [Decimal("1e400"), Decimal("Infinity"), float("inf"), pytest.param(10**5000, id="10**5000")]
)
def test_a_huge_quantity_says_too_long(value: object) -> None:
    """A number too large (1e400, which a float decoder reads as infinity, included) says too long, not "finite"."""
    ((path, message),) = _errors(_response(value, "s"))
    assert path.endswith("valueQuantity.value")
    assert "at most 100000000 seconds" in message
    assert "finite" not in message


@pytest.mark.parametrize("value", [True, "12", None, [12], {"value": 12}])
def test_a_quantity_that_is_not_a_number_is_named(value: object) -> None:
    """A boolean, string, null, array or object as the value is named in JSON's words (a Decimal never is)."""
    ((path, message),) = _errors(_response(value))
    assert path.endswith("valueQuantity.value")
    assert message.startswith("duration: expected a number, not ")
    assert "Decimal" not in message


@pytest.mark.parametrize(("count", "tail"), [(20, None), (21, "and 1 more problem"), (5000, "and 4980 more problems")])
def test_the_fhir_reader_caps_its_errors(count: int, tail: str | None) -> None:
    """A response with thousands of bad items lists the first 20 problems and counts the rest, like the JSON reader."""
    response = _response(Decimal(1))
    response["item"] = [{"linkId": "no-such-question"}] * count
    errors = _errors(response)
    assert errors[:20] == tuple((f"item[{index}].linkId", errors[0][1]) for index in range(20))
    assert len(errors) == (20 if tail is None else 21)
    if tail is not None:
        assert errors[-1] == ("$", tail)
