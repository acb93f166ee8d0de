"""Every public value pickles, copies and deep-copies to an equal value, and crosses a process pool."""

from __future__ import annotations

import copy
import functools
import multiprocessing
import pickle
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import spasmfacts
from spasmfacts import (
    RULES,
    Assessment,
    Catalog,
    ContentError,
    Episode,
    InvalidEpisodeError,
    Rule,
    SpasmFactsError,
    UnknownEntryError,
    assess,
)
from spasmfacts import rules as rules_module
from spasmfacts.model import FieldError
from strategies import episodes, policies

_CATALOG_FUNCTIONS: tuple[Callable[[], Catalog[Any]], ...] = (
    spasmfacts.sources,
    spasmfacts.causes,
    spasmfacts.conditions,
    spasmfacts.symptoms,
    spasmfacts.treatments,
    spasmfacts.prevention_measures,
    spasmfacts.warning_signs,
    spasmfacts.next_steps,
    spasmfacts.cautions,
    spasmfacts.questions,
    spasmfacts.phrases,
)


def _triggers(trigger: Any) -> list[Any]:
    """A trigger and every trigger nested in it."""
    return [trigger, *(nested for part in getattr(trigger, "parts", ()) for nested in _triggers(part))]


_TRIGGERS = [trigger for rule in RULES for trigger in _triggers(rule.trigger)]
_texts = st.text(max_size=30)
_errors = st.one_of(
    st.builds(ContentError, _texts),
    st.builds(UnknownEntryError, _texts),
    st.builds(SpasmFactsError, _texts),
    st.builds(InvalidEpisodeError, st.lists(st.tuples(_texts, _texts), min_size=1, max_size=4)),
    st.builds(FieldError, _texts, _texts),
)


@st.composite
def _content_values(draw: st.DrawFn) -> object:
    """A whole catalog, any record of any catalog (with the records nested in it), the overview or the metadata."""
    catalog = draw(st.sampled_from(_CATALOG_FUNCTIONS))()
    record = draw(st.sampled_from(list(catalog)))
    nested = [*getattr(record, "citations", ()), *getattr(record, "codes", ()), *getattr(record, "options", ())]
    overview, metadata = spasmfacts.overview(), spasmfacts.metadata()
    choices = [catalog, record, *nested, overview, *overview.facts, metadata, metadata.review]
    return draw(st.sampled_from(choices))


_public_values = st.one_of(
    episodes,
    policies,
    st.sampled_from(RULES),
    st.just(RULES),
    st.sampled_from(_TRIGGERS),
    episodes.map(assess),
    episodes.map(assess).filter(lambda result: bool(result.reasons)).map(lambda result: result.reasons[0]),
    _content_values(),
    st.builds(spasmfacts.scenarios).flatmap(st.sampled_from),
    st.sampled_from([member for enum in (spasmfacts.Urgency, spasmfacts.Severity) for member in enum]),
)


def _same(value: object, other: object) -> bool:
    """Equal values; for exceptions (which compare by identity), the same type, arguments and fields."""
    if isinstance(value, BaseException):
        return type(other) is type(value) and vars(other) == vars(value) and other.args == value.args
    return type(other) is type(value) and other == value and hash(other) == hash(value)


def _unpickled(value: object, protocol: int) -> object:
    return pickle.loads(pickle.dumps(value, protocol))  # noqa: S301 (bytes this test has just made)


_ROUND_TRIPS: dict[str, Callable[[object], object]] = {
    **{f"pickle protocol {p}": functools.partial(_unpickled, protocol=p) for p in range(pickle.HIGHEST_PROTOCOL + 1)},
    "copy": copy.copy,
    "deepcopy": copy.deepcopy,
}


@pytest.mark.parametrize("round_trip", list(_ROUND_TRIPS))
@given(value=_public_values)
def test_public_values_pickle_and_copy_to_equal_values(round_trip: str, value: object) -> None:
    """Any public value (episode, policy, rule, trigger, assessment, reason, content) survives pickle and copy equal."""
    assert _same(value, _ROUND_TRIPS[round_trip](value))


@pytest.mark.parametrize("round_trip", list(_ROUND_TRIPS))
@given(error=_errors)
def test_errors_pickle_and_copy_to_equal_errors(round_trip: str, error: BaseException) -> None:
    """Every spasmfacts error, raised in a worker, comes back with the same type, message and fields."""
    again = _ROUND_TRIPS[round_trip](error)
    assert _same(error, again)
    assert str(again) == str(error)


@pytest.mark.parametrize("round_trip", list(_ROUND_TRIPS))
@pytest.mark.parametrize("catalog", _CATALOG_FUNCTIONS, ids=lambda function: function.__name__)
def test_catalogs_keep_their_lookups(round_trip: str, catalog: Callable[[], Catalog[Any]]) -> None:
    """A catalog copied or unpickled looks items up by id and names its kind in errors, as the original does."""
    original = catalog()
    again = _ROUND_TRIPS[round_trip](original)
    assert isinstance(again, Catalog)
    assert again == original
    assert again.ids == original.ids
    assert repr(again) == repr(original)
    first = original.ids[0]
    assert again.lookup(first) == original.lookup(first)
    with pytest.raises(UnknownEntryError) as expected:
        original.lookup("no-such-entry")
    with pytest.raises(UnknownEntryError) as got:
        again.lookup("no-such-entry")
    assert str(got.value) == str(expected.value)


def test_every_public_type_is_covered() -> None:
    """Each public class of the package and of the rule table is among the types the pickling tests draw."""
    drawn = {
        Episode,
        spasmfacts.Policy,
        Rule,
        Assessment,
        spasmfacts.Reason,
        Catalog,
        ContentError,
        InvalidEpisodeError,
        UnknownEntryError,
        SpasmFactsError,
        spasmfacts.Urgency,
        spasmfacts.Severity,
        *(type(trigger) for trigger in _TRIGGERS),
        *(type(record) for function in _CATALOG_FUNCTIONS for record in function()),
        type(spasmfacts.overview()),
        *(type(fact) for fact in spasmfacts.overview().facts),
        type(spasmfacts.metadata()),
        type(spasmfacts.metadata().review),
        *(type(scenario) for scenario in spasmfacts.scenarios()),
        *(
            type(citation)
            for function in _CATALOG_FUNCTIONS
            for r in function()
            for citation in getattr(r, "citations", ())
        ),
        *(type(code) for function in _CATALOG_FUNCTIONS for r in function() for code in getattr(r, "codes", ())),
        *(type(option) for question in spasmfacts.questions() for option in question.options),
    }
    enums = {getattr(spasmfacts, name) for name in ("AgeGroup", "BodyArea", "Finding", "Medicine", "TreatmentKind")}
    public = {getattr(spasmfacts, name) for name in spasmfacts.__all__} | {
        getattr(rules_module, name) for name in rules_module.__all__
    }
    classes = {value for value in public if isinstance(value, type)} - {rules_module.Trigger}
    # Enum members pickle by name (the standard library's own protocol): one of each family is drawn.
    assert classes - drawn <= enums
    assert all(pickle.loads(pickle.dumps(member)) is member for enum in enums for member in enum)  # noqa: S301


def _work(episode: Episode, catalog: Catalog[Any]) -> tuple[Assessment, Rule]:
    """In a worker: assess the episode, and pick the first row of the rule table that has a sign in the catalog."""
    return assess(episode), next(rule for rule in RULES if rule.id in catalog)


@pytest.mark.parametrize("method", ["fork", "spawn"])
def test_values_cross_a_process_pool(method: str) -> None:
    """A pool (fork and spawn) takes an Episode and a Catalog in, and gives an Assessment and a Rule back, equal."""
    episode = Episode(severity="severe", accompanied_by={"fever"}, body_areas={"leg"})
    signs = spasmfacts.warning_signs()
    with multiprocessing.get_context(method).Pool(1) as pool:
        result, rule = pool.apply_async(_work, (episode, signs)).get(timeout=120)
    assert result == assess(episode)
    assert rule == next(rule for rule in RULES if rule.id in signs)
    assert isinstance(rule, Rule)
