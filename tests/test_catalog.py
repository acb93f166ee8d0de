"""The Catalog API and the content records: lookup, immutability, and the invariants validators keep."""

from __future__ import annotations

import pickle
from collections.abc import Collection, Mapping, Sequence
from datetime import date
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import spasmfacts
from spasmfacts import (
    NOT_REVIEWED,
    Catalog,
    Cause,
    Caution,
    Citation,
    ClinicalReview,
    ContentError,
    Fact,
    InvalidEpisodeError,
    Metadata,
    NextStep,
    Option,
    Overview,
    PreventionMeasure,
    Question,
    SpasmFactsError,
    Symptom,
    Treatment,
    TreatmentKind,
    UnknownEntryError,
    Urgency,
    WarningSign,
)
from spasmfacts.model import SUMMARY_LIMIT, Entry, FieldError

CITATION = Citation(source="article", section="Introduction")


def _cause(**changes: Any) -> Cause:
    fields: dict[str, Any] = {
        "id": "test-cause",
        "name": "Test cause",
        "summary": "A cause made up for a test.",
        "citations": (CITATION,),
    }
    fields.update(changes)
    return Cause(**fields)


def test_catalog_iterates_in_data_file_order() -> None:
    """Iterating a catalog yields its items in the order of the data file."""
    causes = spasmfacts.causes()
    assert [item.id for item in causes][:3] == ["dehydration", "electrolyte-imbalance", "muscle-fatigue"]
    assert [item.id for item in causes] == list(causes.ids)
    assert list(causes) == list(causes)


def test_catalog_is_a_collection() -> None:
    """A catalog is a collections.abc.Collection (sized, iterable, with `in`), though not a sequence or mapping."""
    causes = spasmfacts.causes()
    assert isinstance(causes, Collection)
    assert not isinstance(causes, Sequence | Mapping)


def test_catalog_len() -> None:
    """len() of a catalog is its number of items."""
    assert len(spasmfacts.causes()) == 9
    assert len(Catalog(())) == 0


def test_id_and_item_in_catalog() -> None:
    """`id in catalog` and `item in catalog` both work; other ids, items and values are not in it."""
    causes = spasmfacts.causes()
    dehydration = causes.lookup("dehydration")
    assert "dehydration" in causes
    assert dehydration in causes
    assert "Dehydration" not in causes
    assert "stretching" not in causes
    others: list[object] = [spasmfacts.treatments().lookup("stretching"), 3, None, b"dehydration"]
    assert _cause() not in causes
    for other in others:
        assert other not in causes


def test_get_with_default() -> None:
    """get() returns the item, None for an unknown id, or the default given."""
    causes = spasmfacts.causes()
    assert causes.get("dehydration") is causes.lookup("dehydration")
    assert causes.get("no-such-id") is None
    other = _cause()
    assert causes.get("no-such-id", other) is other
    assert causes.get("dehydration", other) is causes.lookup("dehydration")


def test_get_with_an_unhashable_id_gives_the_default() -> None:
    """get() answers the default for an id that cannot name an item (a list), as it does for an unknown one."""
    assert spasmfacts.causes().get(["dehydration"]) is None  # type: ignore[arg-type]


def test_lookup_returns_the_item() -> None:
    """lookup() returns the item with that id."""
    item = spasmfacts.conditions().lookup("parkinsons-disease")
    assert item.id == "parkinsons-disease"
    assert item.name == "Parkinson's disease"


def test_lookup_of_an_unknown_id_suggests_close_ids() -> None:
    """lookup() of a misspelt id raises UnknownEntryError (a LookupError) suggesting the close ids."""
    with pytest.raises(UnknownEntryError) as caught:
        spasmfacts.causes().lookup("dehydratoin")
    assert isinstance(caught.value, LookupError)
    assert isinstance(caught.value, SpasmFactsError)
    assert str(caught.value) == "no cause with id 'dehydratoin'; did you mean 'dehydration'?"
    with pytest.raises(LookupError, match=r"did you mean 'poor-circulation', 'poor-posture'\?$"):
        spasmfacts.causes().lookup("poor-circulaton-or-posture")


def test_lookup_error_names_the_catalogs_kind() -> None:
    """The lookup error names what the catalog holds (cause, warning sign, source, ...)."""
    with pytest.raises(
        UnknownEntryError, match=r"^no warning sign with id 'sever'; did you mean 'severe', 'severe-headache'\?$"
    ):
        spasmfacts.warning_signs().lookup("sever")
    with pytest.raises(UnknownEntryError, match=r"^no source with id 'nhs-leg-cramp'"):
        spasmfacts.sources().lookup("nhs-leg-cramp")


def test_lookup_without_close_ids_has_no_suggestion() -> None:
    """An id with nothing close gives the plain message, without a 'did you mean'."""
    with pytest.raises(UnknownEntryError) as caught:
        spasmfacts.symptoms().lookup("zzzzzzzz")
    assert str(caught.value) == "no symptom with id 'zzzzzzzz'"


@pytest.mark.parametrize("key", [3, None, ("dehydration",), ["dehydration"], b"dehydration"])
def test_lookup_of_a_non_string(key: object) -> None:
    """lookup() of something that is not a str (hashable or not) raises UnknownEntryError, not TypeError."""
    with pytest.raises(UnknownEntryError, match=r"^no cause with id "):
        spasmfacts.causes().lookup(key)  # type: ignore[arg-type]


def test_unknown_entry_error_is_not_chained() -> None:
    """The lookup error hides the internal KeyError, so a traceback shows one error."""
    with pytest.raises(UnknownEntryError) as caught:
        spasmfacts.causes().lookup("x")
    assert caught.value.__cause__ is None
    assert caught.value.__suppress_context__


def test_ids_property() -> None:
    """The ids property is a tuple of every id, in data-file order."""
    ids = spasmfacts.conditions().ids
    assert ids == ("multiple-sclerosis", "parkinsons-disease")
    assert isinstance(ids, tuple)


def test_catalog_is_immutable() -> None:
    """A catalog's attributes cannot be set or deleted, and it has no __dict__ to add to."""
    causes = spasmfacts.causes()
    with pytest.raises(AttributeError, match="immutable"):
        causes._items = ()
    with pytest.raises(AttributeError, match="immutable"):
        causes.extra = 1
    with pytest.raises(AttributeError, match="immutable"):
        del causes._items
    assert not hasattr(causes, "__dict__")
    assert len(causes) == 9


def test_catalog_equality_and_hash() -> None:
    """Catalogs with equal items are equal and hash alike; a catalog never equals a tuple or another catalog."""
    causes = spasmfacts.causes()
    copy = Catalog(tuple(causes), kind="cause")
    assert copy == causes
    assert hash(copy) == hash(causes)
    assert causes != spasmfacts.symptoms()
    assert causes != tuple(causes)
    assert causes != list(causes)
    assert {causes, copy} == {causes}


def test_catalog_repr() -> None:
    """repr() names the kind and lists the ids."""
    assert repr(spasmfacts.conditions()) == "Catalog(condition: multiple-sclerosis, parkinsons-disease)"
    assert repr(Catalog((_cause(),))) == "Catalog(entry: test-cause)"
    assert repr(Catalog(())) == "Catalog(entry: )"


def test_catalog_rejects_duplicate_ids() -> None:
    """A catalog built with two items of one id raises ValueError naming the id."""
    with pytest.raises(ValueError, match="duplicate cause id 'test-cause'"):
        Catalog((_cause(), _cause(name="Other")), kind="cause")


def test_catalog_copies_its_items() -> None:
    """A catalog built from a list keeps a tuple of its own, unaffected by later changes to the list."""
    items = [_cause()]
    catalog: Catalog[Cause] = Catalog(items)  # type: ignore[arg-type]
    items.append(_cause(id="other"))
    assert len(catalog) == 1
    assert "other" not in catalog


def test_records_are_frozen() -> None:
    """Assigning to any field of a content record raises FrozenInstanceError."""
    cause = spasmfacts.causes().lookup("dehydration")
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        cause.name = "Changed"  # type: ignore[misc]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        spasmfacts.overview().summary = "Changed"  # type: ignore[misc]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        spasmfacts.metadata().language = "fr"  # type: ignore[misc]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        cause.citations[0].source = "nhs"  # type: ignore[misc]
    assert cause.name == "Dehydration"


def test_collections_in_records_are_tuples() -> None:
    """Every collection inside a record is a tuple, so nothing in it can be appended or replaced."""
    overview = spasmfacts.overview()
    assert type(overview.facts) is tuple
    assert type(overview.codes) is tuple
    assert type(overview.alternate_names) is tuple
    for treatment in spasmfacts.treatments():
        assert type(treatment.codes) is tuple
        assert type(treatment.citations) is tuple


@pytest.mark.parametrize(
    "record",
    [
        CITATION,
        spasmfacts.Source(id="x", title="X", publisher="P", accessed=date(2026, 11, 29)),
        _cause(),
        spasmfacts.metadata,
        ClinicalReview(status=NOT_REVIEWED),
        spasmfacts.overview,
        spasmfacts.warning_signs,
        spasmfacts.next_steps,
        spasmfacts.cautions,
        spasmfacts.questions,
        Option(value="neck", label="neck"),
        spasmfacts.symptoms,
        spasmfacts.prevention_measures,
    ],
    ids=[
        "citation",
        "source",
        "cause",
        "metadata",
        "review",
        "overview",
        "warning-sign",
        "next-step",
        "caution",
        "question",
        "option",
        "symptom",
        "prevention-measure",
    ],
)
def test_records_are_slotted(record: object) -> None:
    """Content records are slotted classes: no per-instance __dict__."""
    value = record() if callable(record) else record
    if isinstance(value, Catalog):
        value = next(iter(value))
    assert not hasattr(value, "__dict__")
    assert hasattr(type(value), "__slots__")


def test_entries_share_a_shape_but_not_a_type() -> None:
    """Cause, Symptom and PreventionMeasure have Entry's fields, yet each is its own type: equal fields never equal."""
    fields: dict[str, Any] = {"id": "x", "name": "X", "summary": "An x.", "citations": (CITATION,)}
    cause, symptom, measure = Cause(**fields), Symptom(**fields), PreventionMeasure(**fields)
    for record in (cause, symptom, measure):
        assert isinstance(record, Entry)
        assert [field.name for field in attrs.fields(type(record))] == ["id", "name", "summary", "citations"]
        assert repr(record) == f"{type(record).__name__}(id='x', name='X', summary='An x.', citations=({CITATION!r},))"
        copy = pickle.loads(pickle.dumps(record))  # noqa: S301 (our own bytes)
        assert type(copy) is type(record)
        assert copy == record
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            record.name = "Y"  # type: ignore[misc]
    assert cause != symptom
    assert symptom != measure
    assert cause != measure
    assert len({cause, symptom, measure}) == 3


def test_records_are_keyword_only() -> None:
    """Records take keyword arguments only: positional construction raises TypeError."""
    with pytest.raises(TypeError):
        Citation("article", "Introduction")  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        Cause("x", "X", "Summary.", (CITATION,))  # type: ignore[call-arg]


def test_records_compare_and_hash_by_value() -> None:
    """Two records with equal fields are equal and hash alike."""
    assert _cause() == _cause()
    assert hash(_cause()) == hash(_cause())
    assert _cause() != _cause(name="Other")


def test_records_pickle() -> None:
    """Records and catalogs survive pickling, so apps can cache or send them between processes."""
    causes = spasmfacts.causes()
    assert pickle.loads(pickle.dumps(causes.lookup("dehydration"))) == causes.lookup("dehydration")  # noqa: S301
    assert pickle.loads(pickle.dumps(spasmfacts.overview())) == spasmfacts.overview()  # noqa: S301


@pytest.mark.parametrize("bad", ["", "Dehydration", "dehydration ", "-dehydration", "dehydration-", "a--b", "a_b", 3])
def test_validator_rejects_bad_ids(bad: object) -> None:
    """An id that is not kebab-case (lowercase letters and digits joined by single hyphens) is rejected."""
    with pytest.raises(ValueError, match=r"^id must be a kebab-case id"):
        _cause(id=bad)
    with pytest.raises(ValueError, match=r"^source must be a kebab-case id"):
        Citation(source=bad, section="Introduction")  # type: ignore[arg-type]


@pytest.mark.parametrize("good", ["a", "dehydration", "poor-circulation", "e1", "a-1-b"])
def test_validator_accepts_kebab_case_ids(good: str) -> None:
    """Kebab-case ids are accepted."""
    assert _cause(id=good).id == good


@pytest.mark.parametrize("bad", ["", " ", " Name", "Name ", "\tName", None, 5])
def test_validator_rejects_empty_or_padded_text(bad: object) -> None:
    """A name, title or section must be non-empty text without surrounding white space."""
    with pytest.raises(ValueError, match=r"^name must be non-empty text"):
        _cause(name=bad)
    with pytest.raises(ValueError, match=r"^section must be non-empty text"):
        Citation(source="article", section=bad)  # type: ignore[arg-type]


def test_validator_rejects_empty_alternate_names() -> None:
    """Every alternate name of the overview is non-empty text."""
    overview = spasmfacts.overview()
    with pytest.raises(ValueError, match=r"^alternate_names must be non-empty text"):
        attrs.evolve(overview, alternate_names=("Cramps", ""))
    assert attrs.evolve(overview, alternate_names=()).alternate_names == ()


def test_validator_rejects_long_summaries() -> None:
    """A summary of 140 characters or more is rejected; 139 is accepted."""
    assert len(_cause(summary="x" * (SUMMARY_LIMIT - 1)).summary) == 139
    with pytest.raises(ValueError, match=r"^summary must be shorter than 140 characters, not 140$"):
        _cause(summary="x" * SUMMARY_LIMIT)
    with pytest.raises(ValueError, match=r"^summary must be non-empty text"):
        _cause(summary="")


@given(st.text(min_size=1).filter(lambda text: text == text.strip()))
def test_summary_length_property(summary: str) -> None:
    """For any non-empty, unpadded text, a record accepts it as summary exactly when it is under 140 characters."""
    if len(summary) < SUMMARY_LIMIT:
        assert _cause(summary=summary).summary == summary
    else:
        with pytest.raises(ValueError, match="shorter than 140"):
            _cause(summary=summary)


@pytest.mark.parametrize("bad", [(), [CITATION], None, CITATION])
def test_validator_requires_a_tuple_of_citations(bad: object) -> None:
    """Every record needs a non-empty tuple of citations: an empty tuple, a list or a lone citation is rejected."""
    with pytest.raises(ValueError, match=r"^citations must be a non-empty tuple of Citation$"):
        _cause(citations=bad)
    with pytest.raises(ValueError, match="citations"):
        Fact(id="f", text="A fact.", citations=bad)  # type: ignore[arg-type]


def test_validator_error_names_the_field() -> None:
    """A validator's error is a ValueError that names the field and the problem separately."""
    with pytest.raises(FieldError) as caught:
        _cause(summary="x" * 200)
    assert isinstance(caught.value, ValueError)
    assert caught.value.field == "summary"
    assert caught.value.problem == "must be shorter than 140 characters, not 200"
    assert str(caught.value) == "summary must be shorter than 140 characters, not 200"
    copy = pickle.loads(pickle.dumps(caught.value))  # noqa: S301
    assert (type(copy), copy.field, copy.problem, str(copy)) == (
        FieldError,
        caught.value.field,
        caught.value.problem,
        str(caught.value),
    )


def test_every_record_type_validates() -> None:
    """Each record type checks its id, texts, summary and citations when built directly."""
    with pytest.raises(ValueError, match=r"^advice"):
        WarningSign(id="w", name="W", urgency=Urgency.ROUTINE, summary="S.", advice=" ", citations=(CITATION,))
    with pytest.raises(ValueError, match=r"^summary"):
        NextStep(id="n", urgency=Urgency.ROUTINE, summary="x" * 141, advice="A.", citations=(CITATION,))
    with pytest.raises(ValueError, match=r"^id"):
        Treatment(id="Bad", name="T", summary="S.", kind=TreatmentKind.SELF_CARE, codes=(), citations=(CITATION,))
    with pytest.raises(ValueError, match=r"^disclaimer"):
        Metadata(
            content_version="1",
            language="en",
            updated=date(2026, 1, 1),
            next_review=date(2026, 7, 1),
            review=ClinicalReview(status=NOT_REVIEWED),
            intended_use=("For adults.",),
            license="CC-BY-4.0",
            attribution="A.",
            disclaimer="",
        )
    with pytest.raises(ValueError, match=r"^citations"):
        Overview(id="o", name="O", alternate_names=(), summary="S.", facts=(), codes=(), citations=())


def test_new_record_types_validate() -> None:
    """Cautions, questions and options check their ids, texts, summary and citations when built directly."""
    with pytest.raises(ValueError, match=r"^text must be non-empty text"):
        Caution(id="heat", name="Heat", summary="S.", text="", citations=(CITATION,))
    with pytest.raises(ValueError, match=r"^summary must be shorter than 140 characters"):
        Caution(id="heat", name="Heat", summary="x" * 140, text="T.", citations=(CITATION,))
    with pytest.raises(ValueError, match=r"^citations must be a non-empty tuple"):
        Caution(id="heat", name="Heat", summary="S.", text="T.", citations=())
    with pytest.raises(ValueError, match=r"^label must be non-empty text"):
        Option(value="neck", label="")
    with pytest.raises(ValueError, match=r"^text must be non-empty text"):
        Question(id="severity", text="", options=())
    question = Question(id="body_areas", text="Where?", options=(Option(value="neck", label="neck"),))
    assert question.options[0].value == "neck"


@pytest.mark.parametrize("bad", ["", "Severity", "body-areas", "_areas", "2fields", "areas ", 3])
def test_question_and_option_names_are_snake_case(bad: object) -> None:
    """A question's id and an option's value are snake_case Episode names, as in the episode's JSON."""
    with pytest.raises(FieldError, match=r"^id must be a snake_case name"):
        Question(id=bad, text="How bad?", options=())  # type: ignore[arg-type]
    with pytest.raises(FieldError, match=r"^value must be a snake_case name"):
        Option(value=bad, label="A label")  # type: ignore[arg-type]


@pytest.mark.parametrize("good", ["severity", "body_areas", "after_toxin_exposure", "older_adult", "a1"])
def test_snake_case_names_are_accepted(good: str) -> None:
    """Episode field names and enum values are accepted as question ids and option values."""
    assert Question(id=good, text="Q?", options=()).id == good
    assert Option(value=good, label="L").value == good


def test_unsigned_review_has_no_signature() -> None:
    """Until a clinician signs, the review says so and names no reviewer, role, date or rules version."""
    review = ClinicalReview(status=NOT_REVIEWED)
    assert NOT_REVIEWED == "not yet reviewed by a clinician"
    assert (review.reviewer, review.role, review.date, review.rules_version) == (None, None, None, None)
    signature: tuple[tuple[str, Any], ...] = (
        ("reviewer", "Dr A. Person"),
        ("role", "GP"),
        ("date", date(2026, 12, 1)),
        ("rules_version", "2.0"),
    )
    for field, value in signature:
        with pytest.raises(FieldError) as caught:
            ClinicalReview(status=NOT_REVIEWED, **{field: value})
        assert caught.value.field == field
        assert caught.value.problem == "must be null while the status is 'not yet reviewed by a clinician'"


def test_signed_review_names_all_four() -> None:
    """A signed review names the reviewer, role, date and rules version; leaving any out is rejected."""
    signature: dict[str, Any] = {
        "reviewer": "Dr A. Person",
        "role": "general practitioner",
        "date": date(2026, 12, 1),
        "rules_version": "2.0",
    }
    review = ClinicalReview(status="reviewed by a clinician", **signature)
    assert review.date == date(2026, 12, 1)
    for field in signature:
        with pytest.raises(FieldError) as caught:
            ClinicalReview(status="reviewed by a clinician", **{**signature, field: None})
        assert caught.value.field == field
        assert caught.value.problem == "is required once a clinician has signed the review"
    with pytest.raises(FieldError, match=r"^reviewer must be non-empty text"):
        ClinicalReview(status="reviewed by a clinician", **{**signature, "reviewer": " "})
    with pytest.raises(FieldError, match=r"^status must be non-empty text"):
        ClinicalReview(status="")


def test_metadata_needs_an_intended_use() -> None:
    """The metadata's intended use is a non-empty tuple of plain statements."""
    meta = spasmfacts.metadata()
    with pytest.raises(FieldError, match=r"^intended_use must not be empty$"):
        attrs.evolve(meta, intended_use=())
    with pytest.raises(FieldError, match=r"^intended_use must be non-empty text"):
        attrs.evolve(meta, intended_use=("For adults.", ""))


def test_a_source_records_the_day_it_was_checked() -> None:
    """A source cannot be made without the day it was checked."""
    with pytest.raises(TypeError, match="accessed"):
        spasmfacts.Source(id="x", title="X", publisher="P")  # type: ignore[call-arg]


def test_error_hierarchy() -> None:
    """ContentError and UnknownEntryError share the base SpasmFactsError; only the latter is a LookupError."""
    assert issubclass(ContentError, SpasmFactsError)
    assert issubclass(UnknownEntryError, SpasmFactsError)
    assert issubclass(UnknownEntryError, LookupError)
    assert not issubclass(ContentError, LookupError)
    assert issubclass(SpasmFactsError, Exception)


def test_errors_pickle() -> None:
    """Every spasmfacts error survives pickling with its message (and an episode error with its pairs)."""
    episode_error = InvalidEpisodeError([("severity", "not a known severity"), ("$", "not an object")])
    copy = pickle.loads(pickle.dumps(episode_error))  # noqa: S301
    assert type(copy) is InvalidEpisodeError
    assert copy.errors == (("severity", "not a known severity"), ("$", "not an object"))
    assert str(copy) == "severity: not a known severity; $: not an object"
    for error in (ContentError("causes.json: $: x"), UnknownEntryError("no cause with id 'x'")):
        assert str(pickle.loads(pickle.dumps(error))) == str(error)  # noqa: S301
