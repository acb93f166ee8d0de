"""The text of ``repr()`` for every attrs class of the package: the same as attrs itself writes."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import attrs
import pytest

import spasmfacts
from spasmfacts import Citation, Code, Episode, Fact, Policy
from spasmfacts._records import Record
from spasmfacts.content import COLLECTIONS


def _records() -> list[Any]:
    """One of each record type, and then some: every loaded record, nested ones included, and episodes."""
    found: list[Any] = [spasmfacts.metadata(), spasmfacts.overview()]
    for name in COLLECTIONS:
        found.extend(getattr(spasmfacts, name)())
    pending = list(found)
    while pending:
        record = pending.pop()
        for field in attrs.fields(type(record)):
            value = getattr(record, field.name)
            inner = [item for item in value if attrs.has(type(item))] if isinstance(value, tuple) else [value]
            nested = [item for item in inner if attrs.has(type(item))]
            found.extend(nested)
            pending.extend(nested)
    found.extend([Episode(), Episode(severity="severe", duration=timedelta(minutes=3), accompanied_by=["fever"])])
    found.extend([Policy(), Policy(long_episode=timedelta(minutes=5))])
    return found


def _attrs_twin(cls: type[Any]) -> type[Any]:
    """A class with the same name and fields for which attrs writes its own ``__repr__``."""
    return attrs.make_class(cls.__name__, [field.name for field in attrs.fields(cls)], kw_only=True, frozen=True)


RECORDS = _records()


def test_every_class_with_the_shared_repr_is_covered() -> None:
    """The comparison below meets every exported class that takes the shared repr: the records, Episode, Policy."""
    exported = [getattr(spasmfacts, name) for name in spasmfacts.__all__]
    shared = {value for value in exported if isinstance(value, type) and issubclass(value, Record)}
    assert len(shared) == 20  # 17 content records, Code, Episode, Policy
    assert shared == {type(record) for record in RECORDS}


@pytest.mark.parametrize("record", RECORDS, ids=lambda record: type(record).__name__)
def test_repr_is_the_text_attrs_writes(record: Any) -> None:
    """repr() of a record or episode is attrs' own text: the class name, then each field as name=repr(value)."""
    twin = _attrs_twin(type(record))
    values = {field.name: getattr(record, field.name) for field in attrs.fields(type(record))}
    assert repr(record) == repr(twin(**values))


def test_repr_of_a_record_inside_itself() -> None:
    """A record met again inside itself shows as "...", as attrs writes it, rather than recursing without end."""
    fact = Fact(id="a", text="A fact.", citations=(Citation(source="article", section="One"),))
    twin = _attrs_twin(Fact)(id="a", text="A fact.", citations=())
    object.__setattr__(fact, "citations", (fact,))  # past the frozen guard: only a test would build this
    object.__setattr__(twin, "citations", (twin,))
    assert repr(fact) == repr(twin) == "Fact(id='a', text='A fact.', citations=(...,))"


def test_code_repr() -> None:
    """A code's repr names its system, code and display, in that order."""
    code = Code(system="http://snomed.info/sct", code="386661006", display="Fever")
    assert repr(code) == "Code(system='http://snomed.info/sct', code='386661006', display='Fever')"


@pytest.mark.parametrize("record", RECORDS, ids=lambda record: type(record).__name__)
def test_equality_and_hash_are_by_class_and_fields(record: Any) -> None:
    """A record equals its copy and hashes alike, differs once any field differs, and equals no other class's."""
    copy = attrs.evolve(record)
    assert copy == record
    assert not copy != record  # noqa: SIM202 (the != operator itself is under test)
    assert hash(copy) == hash(record)
    for field in attrs.fields(type(record)):
        changed = attrs.evolve(record)
        object.__setattr__(changed, field.name, object())  # past the frozen guard and the validators
        assert changed != record
    values = {field.name: getattr(record, field.name) for field in attrs.fields(type(record))}
    twin = _attrs_twin(type(record))(**values)
    assert record.__eq__(twin) is NotImplemented
    assert record != twin
