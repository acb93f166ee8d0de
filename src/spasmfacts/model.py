"""The content records: frozen, slotted, keyword-only attrs classes.

Every record of content carries its citations (a question and its options, the wording of
the interface, carry none); validators keep the invariants (id pattern, non-empty text,
short summaries, at least one citation, a review signed in full or not at all) true for
every instance, however it was made.
"""

import re
from typing import Any

import attrs

from spasmfacts import _dates
from spasmfacts._dates import date
from spasmfacts._records import Record
from spasmfacts.codes import Code
from spasmfacts.vocabulary import TreatmentKind, Urgency

__all__ = [
    "NOT_REVIEWED",
    "SUMMARY_LIMIT",
    "Cause",
    "Caution",
    "Citation",
    "ClinicalReview",
    "Condition",
    "Entry",
    "Fact",
    "FieldError",
    "Metadata",
    "NextStep",
    "Option",
    "Overview",
    "Phrase",
    "PreventionMeasure",
    "Question",
    "Source",
    "Symptom",
    "Treatment",
    "WarningSign",
    "cited_sources",
]

SUMMARY_LIMIT = 140
"""Every ``summary`` is shorter than this many characters (it fits a CDS Hooks card)."""

_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_FIELD_NAME = re.compile(r"[a-z][a-z0-9_]*")


class FieldError(ValueError):
    """A record's field breaks an invariant; ``field`` names it, ``problem`` says what is wrong.

    The message is ``f"{field} {problem}"``. The content loader puts ``field`` on the path
    it reports (``causes.json: [3].summary: must be shorter than 140 characters, not 200``).
    """

    field: str
    problem: str

    def __init__(self, field: str, problem: str) -> None:
        self.field = field
        self.problem = problem
        super().__init__(f"{field} {problem}")

    def __reduce__(self) -> "tuple[type[FieldError], tuple[str, str]]":
        return (type(self), (self.field, self.problem))


def _check_id(instance: object, attribute: "attrs.Attribute[str]", value: object) -> None:
    if not isinstance(value, str) or _ID.fullmatch(value) is None:
        raise FieldError(attribute.name, f"must be a kebab-case id (like 'poor-circulation'), not {value!r}")


def _check_text(instance: object, attribute: "attrs.Attribute[Any]", value: object) -> None:
    if not isinstance(value, str) or not value or value != value.strip():
        raise FieldError(attribute.name, f"must be non-empty text without surrounding white space, not {value!r}")


def _check_summary(instance: object, attribute: "attrs.Attribute[str]", value: str) -> None:
    _check_text(instance, attribute, value)
    if len(value) >= SUMMARY_LIMIT:
        raise FieldError(attribute.name, f"must be shorter than {SUMMARY_LIMIT} characters, not {len(value)}")


def _check_citations(instance: object, attribute: "attrs.Attribute[tuple[Citation, ...]]", value: object) -> None:
    if not isinstance(value, tuple) or not value:
        raise FieldError(attribute.name, "must be a non-empty tuple of Citation")


def _check_field_name(instance: object, attribute: "attrs.Attribute[str]", value: object) -> None:
    if not isinstance(value, str) or _FIELD_NAME.fullmatch(value) is None:
        raise FieldError(attribute.name, f"must be a snake_case name (like 'body_areas'), not {value!r}")


def _check_non_empty(instance: object, attribute: "attrs.Attribute[tuple[str, ...]]", value: tuple[str, ...]) -> None:
    if not value:
        raise FieldError(attribute.name, "must not be empty")


def _check_texts(instance: object, attribute: "attrs.Attribute[tuple[str, ...]]", value: tuple[str, ...]) -> None:
    for text in value:
        _check_text(instance, attribute, text)


@attrs.frozen(kw_only=True, repr=False, eq=False)
class Citation(Record):
    """Where a fact comes from: a source id and the section or page of that source."""

    source: str = attrs.field(validator=_check_id)
    """The id of a :class:`Source` in :func:`~spasmfacts.sources`."""
    section: str = attrs.field(validator=_check_text)
    """The section of the source (for the article, its heading)."""


def cited_sources(citations: tuple[Citation, ...]) -> tuple[str, ...]:
    """The ids of the sources ``citations`` name, each once, in the order first cited."""
    return tuple(dict.fromkeys(citation.source for citation in citations))


@attrs.frozen(kw_only=True, repr=False, eq=False)
class Source(Record):
    """A publication that content cites."""

    id: str = attrs.field(validator=_check_id)
    title: str = attrs.field(validator=_check_text)
    publisher: str = attrs.field(validator=_check_text)
    url: str | None = None
    """The publisher's own address of the page; ``None`` for the bundled article, which has none."""
    accessed: date
    """The day the page (or the bundled article) was last checked against the content that cites it."""


@attrs.frozen(kw_only=True, repr=False, eq=False)
class Fact(Record):
    """One fact of the overview."""

    id: str = attrs.field(validator=_check_id)
    text: str = attrs.field(validator=_check_text)
    citations: tuple[Citation, ...] = attrs.field(validator=_check_citations)


@attrs.frozen(kw_only=True, repr=False, eq=False)
class Overview(Record):
    """The topic as a whole: what a muscle spasm is, and the facts around it."""

    id: str = attrs.field(validator=_check_id)
    name: str = attrs.field(validator=_check_text)
    alternate_names: tuple[str, ...] = attrs.field(validator=_check_texts)
    summary: str = attrs.field(validator=_check_summary)
    facts: tuple[Fact, ...]
    codes: tuple[Code, ...]
    """Codes for the topic (ICD-10-CM and SNOMED CT)."""
    citations: tuple[Citation, ...] = attrs.field(validator=_check_citations)


NOT_REVIEWED = "not yet reviewed by a clinician"
"""The ``status`` of a :class:`ClinicalReview` until a clinician signs it."""

_REVIEW_SIGNATURE = ("reviewer", "role", "date", "rules_version")


def _check_optional_text(instance: object, attribute: "attrs.Attribute[str | None]", value: object) -> None:
    if value is not None:
        _check_text(instance, attribute, value)


@attrs.frozen(kw_only=True, repr=False, eq=False)
class ClinicalReview(Record):
    """Who reviewed the content and the rule table as a clinician, and when.

    Until a clinician signs, ``status`` is :data:`NOT_REVIEWED` and the other four fields
    are ``None``; a signed review (any other status) names all four. A half-signed record
    cannot be made, so an app can show the status without checking the fields.
    """

    status: str = attrs.field(validator=_check_text)
    reviewer: str | None = attrs.field(default=None, validator=_check_optional_text)
    role: str | None = attrs.field(default=None, validator=_check_optional_text)
    """The reviewer's clinical role (for example "general practitioner")."""
    # _dates.date, not date: inside the class body the field named date hides the type.
    date: _dates.date | None = None
    """The day the review was signed."""
    rules_version: str | None = attrs.field(default=None, validator=_check_optional_text)
    """The ``RULES_VERSION`` the reviewer checked."""

    def __attrs_post_init__(self) -> None:
        signed = self.status != NOT_REVIEWED
        for name in _REVIEW_SIGNATURE:
            value = getattr(self, name)
            if signed and value is None:
                raise FieldError(name, "is required once a clinician has signed the review")
            if not signed and value is not None:
                raise FieldError(name, f"must be null while the status is {NOT_REVIEWED!r}")


@attrs.frozen(kw_only=True, repr=False, eq=False)
class Metadata(Record):
    """About the content as a whole; ``content_version`` is independent of the package version."""

    content_version: str = attrs.field(validator=_check_text)
    language: str = attrs.field(validator=_check_text)
    """BCP 47 language tag of every text."""
    updated: date
    """The day the content itself last changed."""
    next_review: date
    review: ClinicalReview
    """The clinical review record: unsigned until a clinician signs it."""
    intended_use: tuple[str, ...] = attrs.field(validator=[_check_non_empty, _check_texts])
    """Who the content and the rule are for and not for, one plain statement each."""
    license: str = attrs.field(validator=_check_text)
    """SPDX identifier of the content's licence."""
    attribution: str = attrs.field(validator=_check_text)
    disclaimer: str = attrs.field(validator=_check_text)
    """The end-user disclaimer."""


@attrs.frozen(kw_only=True, repr=False, eq=False)
class Entry(Record):
    """The shape of a plain item of content: an id, a name, a one-line summary and its citations.

    :class:`Cause`, :class:`Symptom` and :class:`PreventionMeasure` are entries that add
    nothing to it. Each is still a type of its own (a cause never equals a symptom with the
    same fields), but attrs builds the class once: building an attrs class costs about half
    a millisecond of every cold start.
    """

    id: str = attrs.field(validator=_check_id)
    name: str = attrs.field(validator=_check_text)
    summary: str = attrs.field(validator=_check_summary)
    citations: tuple[Citation, ...] = attrs.field(validator=_check_citations)


class Cause(Entry):
    """Something that can bring on muscle spasms."""

    __slots__ = ()  # no __dict__: the fields are slots of Entry


@attrs.frozen(kw_only=True, repr=False, eq=False)
class Condition(Record):
    """An underlying medical condition in which spasms can be a symptom (never a warning sign by itself)."""

    id: str = attrs.field(validator=_check_id)
    name: str = attrs.field(validator=_check_text)
    summary: str = attrs.field(validator=_check_summary)
    codes: tuple[Code, ...]
    citations: tuple[Citation, ...] = attrs.field(validator=_check_citations)


class Symptom(Entry):
    """What a muscle spasm is like."""

    __slots__ = ()  # no __dict__: the fields are slots of Entry


@attrs.frozen(kw_only=True, repr=False, eq=False)
class Treatment(Record):
    """Something that relieves spasms; ``kind`` says who gives or gets it."""

    id: str = attrs.field(validator=_check_id)
    name: str = attrs.field(validator=_check_text)
    summary: str = attrs.field(validator=_check_summary)
    kind: TreatmentKind
    codes: tuple[Code, ...]
    """Codes for a medicine (WHO ATC); empty for the others."""
    citations: tuple[Citation, ...] = attrs.field(validator=_check_citations)


class PreventionMeasure(Entry):
    """Something that helps keep spasms from happening."""

    __slots__ = ()  # no __dict__: the fields are slots of Entry


@attrs.frozen(kw_only=True, repr=False, eq=False)
class WarningSign(Record):
    """A sign that a spasm needs medical attention: one per row of the rule table, same id and urgency."""

    id: str = attrs.field(validator=_check_id)
    name: str = attrs.field(validator=_check_text)
    urgency: Urgency
    summary: str = attrs.field(validator=_check_summary)
    """What was reported, in a sentence a user reads as the reason for the result."""
    advice: str = attrs.field(validator=_check_text)
    citations: tuple[Citation, ...] = attrs.field(validator=_check_citations)


@attrs.frozen(kw_only=True, repr=False, eq=False)
class NextStep(Record):
    """What to do at one urgency; self-care carries the safety net, emergency the emergency number."""

    id: str = attrs.field(validator=_check_id)
    urgency: Urgency
    summary: str = attrs.field(validator=_check_summary)
    advice: str = attrs.field(validator=_check_text)
    citations: tuple[Citation, ...] = attrs.field(validator=_check_citations)


@attrs.frozen(kw_only=True, repr=False, eq=False)
class Phrase(Record):
    """A short text that the readable forms of a result put around the content's own texts (a heading, a notice)."""

    id: str = attrs.field(validator=_check_id)
    text: str = attrs.field(validator=_check_text)


@attrs.frozen(kw_only=True, repr=False, eq=False)
class Caution(Record):
    """A caution shown beside self-care or medicine texts (painkillers, a fluid limit, heat, pregnancy)."""

    id: str = attrs.field(validator=_check_id)
    name: str = attrs.field(validator=_check_text)
    summary: str = attrs.field(validator=_check_summary)
    text: str = attrs.field(validator=_check_text)
    citations: tuple[Citation, ...] = attrs.field(validator=_check_citations)


@attrs.frozen(kw_only=True, repr=False, eq=False)
class Option(Record):
    """One answer a question offers: an enum value and its label in plain words."""

    value: str = attrs.field(validator=_check_field_name)
    label: str = attrs.field(validator=_check_text)


@attrs.frozen(kw_only=True, repr=False, eq=False)
class Question(Record):
    """The question for one ``Episode`` field, in plain words, with its options.

    ``options`` is empty for yes/no questions and for the duration.
    """

    id: str = attrs.field(validator=_check_field_name)
    """The ``Episode`` field the question fills (snake_case, as in the episode's JSON)."""
    text: str = attrs.field(validator=_check_text)
    options: tuple[Option, ...]
