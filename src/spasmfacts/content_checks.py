"""The checks that loading runs across files: content against the rule table, the vocabularies and ``Episode``.

Each takes the data file's name and its records, and raises :class:`~spasmfacts.ContentError`
naming the file and the path inside it, as the loader's own errors do.
"""

from __future__ import annotations

from enum import Enum
from typing import Final

from spasmfacts.episode import EPISODE_FIELDS
from spasmfacts.errors import ContentError
from spasmfacts.model import Caution, NextStep, Phrase, Question, WarningSign
from spasmfacts.rules import RULES
from spasmfacts.vocabulary import AgeGroup, BodyArea, Finding, Medicine, Severity, Urgency

__all__ = [
    "OPTION_ENUMS",
    "REQUIRED_CAUTIONS",
    "check_against_rules",
    "check_cautions",
    "check_next_steps",
    "check_phrases",
    "check_questions",
]

OPTION_ENUMS: Final[dict[str, type[Enum]]] = {
    "severity": Severity,
    "body_areas": BodyArea,
    "accompanied_by": Finding,
    "medicines": Medicine,
    "age_group": AgeGroup,
}
"""The questions that offer options, each with the vocabulary its options spell out in enum order."""

REQUIRED_CAUTIONS: Final = ("painkillers", "fluid-limit", "heat", "pregnancy")
"""The caution ids an assessment can name, so the content must hold each of them."""

REQUIRED_PHRASES: Final = (
    "headline-self-care",
    "headline-routine",
    "headline-urgent",
    "headline-emergency",
    "incomplete",
    "unanswered",
    "reasons",
    "cautions",
    "outside-intended-use-baby",
    "outside-intended-use-child",
    "review",
)
"""The phrase ids the readable forms of a result use, so the content must hold each of them."""


def check_against_rules(filename: str, signs: tuple[WarningSign, ...]) -> None:
    """One warning sign per row of ``RULES``: same id, same urgency, citing at least the row's sources."""
    rules = {rule.id: rule for rule in RULES}
    for index, sign in enumerate(signs):
        rule = rules.pop(sign.id, None)
        if rule is None:
            msg = f"{filename}: [{index}].id: no row of the rule table has id {sign.id!r}"
            raise ContentError(msg)
        if sign.urgency is not rule.urgency:
            msg = (
                f"{filename}: [{index}].urgency: the rule table gives {sign.id!r} urgency "
                f"{rule.urgency.value!r}, not {sign.urgency.value!r}"
            )
            raise ContentError(msg)
        cited = {citation.source for citation in sign.citations}
        missing = [source for source in rule.sources if source not in cited]
        if missing:
            msg = (
                f"{filename}: [{index}].citations: the rule table cites {', '.join(map(repr, missing))} for {sign.id!r}"
            )
            raise ContentError(msg)
    if rules:
        msg = f"{filename}: $: no warning sign for rule table row(s) {', '.join(map(repr, rules))}"
        raise ContentError(msg)


def check_next_steps(filename: str, steps: tuple[NextStep, ...]) -> None:
    """Exactly one next step per urgency."""
    seen: set[Urgency] = set()
    for index, step in enumerate(steps):
        if step.urgency in seen:
            msg = f"{filename}: [{index}].urgency: a second next step for {step.urgency.value!r}"
            raise ContentError(msg)
        seen.add(step.urgency)
    missing = [urgency.value for urgency in Urgency if urgency not in seen]
    if missing:
        msg = f"{filename}: $: no next step for urgency {', '.join(map(repr, missing))}"
        raise ContentError(msg)


def check_questions(filename: str, questions: tuple[Question, ...]) -> None:
    """One question per ``Episode`` field in field order; options exactly the field's vocabulary, in enum order."""
    for index, question in enumerate(questions):
        if index >= len(EPISODE_FIELDS):
            msg = (
                f"{filename}: [{index}].id: {question.id!r} is one question too many "
                f"(Episode has {len(EPISODE_FIELDS)} fields)"
            )
            raise ContentError(msg)
        expected = EPISODE_FIELDS[index]
        if question.id != expected:
            msg = (
                f"{filename}: [{index}].id: expected the question for {expected!r} here "
                f"(one question per Episode field, in field order), not {question.id!r}"
            )
            raise ContentError(msg)
        _check_options(filename, index, question)
    missing = EPISODE_FIELDS[len(questions) :]
    if missing:
        msg = f"{filename}: $: no question for Episode field(s) {', '.join(map(repr, missing))}"
        raise ContentError(msg)


def _check_options(filename: str, index: int, question: Question) -> None:
    vocabulary = OPTION_ENUMS.get(question.id)
    values = [option.value for option in question.options]
    if vocabulary is None:
        if values:
            msg = f"{filename}: [{index}].options: the question for {question.id!r} takes no options"
            raise ContentError(msg)
        return
    expected = [member.value for member in vocabulary]
    for position, value in enumerate(values):
        if position >= len(expected):
            msg = f"{filename}: [{index}].options[{position}].value: {vocabulary.__name__} has no further value"
            raise ContentError(msg)
        if value != expected[position]:
            msg = (
                f"{filename}: [{index}].options[{position}].value: expected {expected[position]!r} "
                f"(the values of {vocabulary.__name__}, in order), not {value!r}"
            )
            raise ContentError(msg)
    missing = expected[len(values) :]
    if missing:
        msg = f"{filename}: [{index}].options: no option for {', '.join(map(repr, missing))}"
        raise ContentError(msg)


def _require(filename: str, ids: set[str], required: tuple[str, ...], noun: str, why: str) -> None:
    missing = [item_id for item_id in required if item_id not in ids]
    if missing:
        msg = f"{filename}: $: no {noun} {', '.join(map(repr, missing))} ({why})"
        raise ContentError(msg)


def check_cautions(filename: str, cautions: tuple[Caution, ...]) -> None:
    """Every caution an assessment can name is there."""
    _require(filename, {caution.id for caution in cautions}, REQUIRED_CAUTIONS, "caution", "an assessment can name it")


def check_phrases(filename: str, phrases: tuple[Phrase, ...]) -> None:
    """Every phrase the readable forms of a result use is there."""
    _require(filename, {phrase.id for phrase in phrases}, REQUIRED_PHRASES, "phrase", "the readable result uses it")
