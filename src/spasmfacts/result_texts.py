"""``result_line()``: a result line holding the JSON text of ``assessment_to_dict()``, put together from parts.

A result document is a frame (the urgency, its next step, the disclaimer...) around four
lists: reasons, unanswered questions, the intended-use note and cautions. Each part's text
is made once per loader by :func:`~spasmfacts.assessment_to_dict` and ``json.dumps``; a result
is then a join of texts picked by the bits of its signature (see :mod:`spasmfacts.signatures`).
Which cautions a result shows is decided by :func:`~spasmfacts.assessment.caution_ids`
itself, asked once per combination of the answers it reads. Tests pin every text equal to
``json.dumps(assessment_to_dict(assess(...)))`` for the same line.
"""

from __future__ import annotations

import json
from itertools import chain
from operator import getitem
from typing import TYPE_CHECKING, Final

from spasmfacts.assessment import (
    DRINKING_ROWS,
    OUTSIDE_INTENDED_USE,
    UNANSWERED_ORDER,
    Assessment,
    caution_ids,
    result_parts,
)
from spasmfacts.episode import Episode
from spasmfacts.report import assessment_to_dict
from spasmfacts.rules.compiled import compiled_table
from spasmfacts.rules.policy import DEFAULT_POLICY
from spasmfacts.signatures import AGE_BITS, AGE_WIDTH, ANSWERED, CAUTION_ANSWERS, ROWS
from spasmfacts.vocabulary import AgeGroup, Medicine, Urgency

if TYPE_CHECKING:
    from spasmfacts.assessment import ResultParts

__all__ = ["ResultTexts", "result_line", "result_texts"]

_LISTS: Final = ("reasons", "unanswered", "outside_intended_use", "cautions")
_MARK: Final = "\x00{}\x00"
_ROW_MASK: Final = (1 << ROWS) - 1
_QUESTIONS: Final = len(UNANSWERED_ORDER)
_ALL_ANSWERED: Final = (1 << _QUESTIONS) - 1
_COMPLETE: Final = 1 << UNANSWERED_ORDER.index("accompanied_by") | 1 << UNANSWERED_ORDER.index("body_areas")
_AGES: Final = (None, *AgeGroup)
# Above the answered bits: the age group, then the answers the cautions read.
_CAUTION_KEY: Final = AGE_BITS - ANSWERED
_AGE_MASK: Final = (1 << AGE_WIDTH) - 1
# Result documents are kilobytes long: only a few of those of repeated lines are kept.
_DOCUMENTS_KEPT: Final = 256


def _by_byte(texts: list[str]) -> tuple[tuple[tuple[str, ...], ...], ...]:
    """For each byte of a mask over ``texts`` and each value of that byte, the texts its bits pick, in order."""
    return tuple(
        tuple(
            tuple(texts[8 * k + bit] for bit in range(8) if value >> bit & 1 and 8 * k + bit < len(texts))
            for value in range(256)
        )
        for k in range((len(texts) + 7) // 8)
    )


class _List:
    """The texts of a JSON list's items picked by the bits of a mask: the first bare, the others after a comma.

    The pieces go straight into the one join that makes the line, so a line's text is copied once.
    """

    def __init__(self, texts: list[str]) -> None:
        self.first = texts
        self.others = _by_byte([", " + text for text in texts])
        self.size = len(self.others)

    def extend(self, pieces: list[str], mask: int) -> None:
        """Add to ``pieces`` the item texts the bits of ``mask`` pick, each after a comma but the first."""
        if mask:
            lowest = mask & -mask
            pieces.append(self.first[lowest.bit_length() - 1])
            pieces.extend(chain.from_iterable(map(getitem, self.others, (mask ^ lowest).to_bytes(self.size, "little"))))


class ResultTexts:
    """The texts of every part of a result, made from one loader's content, and the results made from them."""

    def __init__(self, parts: ResultParts) -> None:
        self.parts = parts
        self.rules = compiled_table().rules
        # One result that holds every part, rendered once: each list item's text comes from it.
        everything = Assessment(
            urgency=Urgency.EMERGENCY,
            needs_medical_attention=True,
            next_step=parts.next_step[Urgency.EMERGENCY],
            reasons=tuple(parts.reason(rule, DEFAULT_POLICY) for rule in self.rules),
            complete=True,
            unanswered=UNANSWERED_ORDER,
            outside_intended_use=tuple(OUTSIDE_INTENDED_USE.values()),
            cautions=tuple(parts.cautions),
        )
        document = assessment_to_dict(everything)
        dumped = {name: [json.dumps(item, ensure_ascii=False) for item in document[name]] for name in _LISTS}
        self.reasons = _List(dumped["reasons"])
        self.unanswered = _List(dumped["unanswered"])
        outside = dict(zip(OUTSIDE_INTENDED_USE.values(), dumped["outside_intended_use"], strict=True))
        self.outside = tuple(outside.get(OUTSIDE_INTENDED_USE.get(age), "") for age in _AGES)  # type: ignore[arg-type]
        self.caution_texts = dict(zip((caution.id for caution in parts.cautions), dumped["cautions"], strict=True))
        self.drinking = sum(1 << row for row, rule in enumerate(self.rules) if rule.id in DRINKING_ROWS)
        self.frames: dict[int, tuple[str, ...]] = {}
        self.cautions: dict[int, str] = {}
        self.documents: dict[int, str] = {}

    def frame(self, first_row: int, *, complete: bool) -> tuple[str, ...]:
        """The document's text around its four lists, split where each list goes.

        ``first_row`` is one more than the row of the first reason (0 for none): it sets the urgency.
        """
        urgency = self.rules[first_row - 1].urgency if first_row else Urgency.SELF_CARE
        document = assessment_to_dict(
            Assessment(
                urgency=urgency,
                needs_medical_attention=bool(first_row),
                next_step=self.parts.next_step[urgency],
                reasons=(),
                complete=complete,
                unanswered=(),
                outside_intended_use=(),
                cautions=(),
            )
        )
        text = json.dumps({**document, **{name: _MARK.format(name) for name in _LISTS}}, ensure_ascii=False)
        for name in _LISTS:
            text = text.replace(json.dumps(_MARK.format(name)), "[\x00]", 1)
        frame = self.frames[first_row << 1 | complete] = tuple(text.split("\x00"))
        return frame

    def caution_list(self, key: int) -> str:
        """The cautions' texts for a key of the answers they hang on, as ``caution_ids()`` picks them."""
        self_care, drinking = key & 1, key >> 1 & 1
        age, answers = _AGES[key >> 2 & _AGE_MASK], key >> 2 + AGE_WIDTH
        said = {name: bool(answers >> place & 1) for place, name in enumerate(CAUTION_ANSWERS)}
        # The fewest answers that carry what the key knows: caution_ids() reads nothing else.
        episode = Episode(
            age_group=age,
            medicines={Medicine.BLOOD_THINNER} if said["blood_thinner"] else None,
            fluid_restriction=False if said["no_fluid_limit"] else None,
            in_heat=said["in_heat"] or None,
            pregnant=said["pregnant"] or None,
        )
        # Only whether the urgency is self-care, and whether a row about drinking fired, matter.
        urgency = Urgency.SELF_CARE if self_care else Urgency.ROUTINE
        ids = caution_ids(episode, urgency, DRINKING_ROWS if drinking else frozenset())
        text = self.cautions[key] = ", ".join(self.caution_texts[caution] for caution in ids)
        return text

    def _fill(self, pieces: list[str], signature: int) -> None:
        """Add the texts of the result document with this signature to ``pieces``, in order."""
        rows = signature & _ROW_MASK
        extras = signature >> ROWS
        answered = extras & _ALL_ANSWERED
        frame_key = (rows & -rows).bit_length() << 1 | (answered & _COMPLETE == _COMPLETE)
        frame = self.frames.get(frame_key) or self.frame(frame_key >> 1, complete=bool(frame_key & 1))
        caution_key = (extras >> _CAUTION_KEY) << 2 | bool(rows & self.drinking) << 1 | (not rows)
        cautions = self.cautions.get(caution_key)
        if cautions is None:
            cautions = self.caution_list(caution_key)
        head, after_reasons, after_unanswered, after_outside, tail = frame
        pieces.append(head)
        self.reasons.extend(pieces, rows)
        pieces.append(after_reasons)
        self.unanswered.extend(pieces, answered ^ _ALL_ANSWERED)
        pieces += (after_unanswered, self.outside[extras >> _CAUTION_KEY & _AGE_MASK], after_outside, cautions, tail)

    def line(self, number: int, signature: int) -> str:
        """The result line ``{"line": number, "assessment": {...}}`` (with its newline) for this signature."""
        pieces = [f'{{"line": {number}, "assessment": ']
        self._fill(pieces, signature)
        pieces.append("}\n")
        return "".join(pieces)  # the line's text is copied once, from the texts of its parts

    def repeated_line(self, number: int, signature: int) -> str:
        """The same line as :meth:`line`, for a signature seen again: its document's text is kept for a while."""
        text = self.documents.get(signature)
        if text is None:
            pieces: list[str] = []
            self._fill(pieces, signature)
            if len(self.documents) >= _DOCUMENTS_KEPT:
                self.documents.clear()
            text = self.documents[signature] = "".join(pieces)
        return f'{{"line": {number}, "assessment": {text}}}\n'


_texts: ResultTexts | None = None


def result_texts() -> ResultTexts:
    """The result texts made from the default loader's content (new texts for a new default loader)."""
    global _texts  # noqa: PLW0603 (one set of texts per loader; rebuilding it in a race is harmless)
    parts = result_parts()
    texts = _texts
    if texts is None or texts.parts is not parts:
        texts = _texts = ResultTexts(parts)
    return texts


def result_line(number: int, signature: int) -> str:
    """The result line ``{"line": number, "assessment": {...}}`` for an episode with this signature.

    Its ``assessment`` is the JSON text of ``assessment_to_dict(assess(episode))``.
    """
    return result_texts().line(number, signature)
