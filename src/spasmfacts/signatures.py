"""``signature()``: all a result shows about one line of JSON, as one integer, without building an Episode.

Most lines of real traffic are new combinations of answers, and building an ``Episode`` and
an ``Assessment`` for each costs many times reading the line. What a result shows depends
on far less than an episode holds: the rows that fire, which questions were answered, the
age group, and four answers the cautions hang on. :func:`signature` reads those straight
from the decoded document, each answer one dictionary lookup and one OR of precomputed bit
masks (the rule table compiled by :mod:`spasmfacts.rules.compiled`).

It vouches only for documents that are valid in the plain way: anything else (invalid,
unusual spacing, a BOM, escapes that hide a repeated key...) gives ``None``, and the caller
takes the plain path, which says what is wrong. Tests pin that every line given a
signature gets, byte for byte, the result the plain path gives.

The signature's bits, from bit 0: the rows that fire (bit ``i`` is row ``i`` in the order
reasons are listed), one bit per question answered (in ``UNANSWERED_ORDER``), the age group
(0 for none, else its place in ``AgeGroup`` plus one), then the four caution answers
(:data:`CAUTION_ANSWERS`).
"""

from __future__ import annotations

import json
from functools import reduce
from operator import or_
from typing import Any, Final

from spasmfacts._dates import timedelta
from spasmfacts.assessment import UNANSWERED_ORDER
from spasmfacts.boundary import MAX_JSON_BYTES, duration_seconds
from spasmfacts.episode import FLAG_FIELDS, MAX_DURATION_SECONDS
from spasmfacts.rules import RULES
from spasmfacts.rules.compiled import CompiledTable, compiled_table, fired_mask
from spasmfacts.rules.policy import DEFAULT_POLICY
from spasmfacts.vocabulary import AgeGroup, BodyArea, Finding, Medicine, Severity

__all__ = ["AGE_BITS", "AGE_WIDTH", "ANSWERED", "CAUTION_ANSWERS", "ROWS", "signature"]

ROWS: Final = len(RULES)
"""Bits ``0`` to ``ROWS - 1`` of a signature: the rows that fire."""
ANSWERED: Final = ROWS
"""Bit ``ANSWERED + i``: question ``UNANSWERED_ORDER[i]`` was answered."""
AGE_BITS: Final = ANSWERED + len(UNANSWERED_ORDER)
"""``AGE_WIDTH`` bits from here: 0 when the age group is not answered, else its place in ``AgeGroup`` plus one."""
AGE_WIDTH: Final = len(AgeGroup).bit_length()
CAUTION_ANSWERS: Final = ("blood_thinner", "no_fluid_limit", "in_heat", "pregnant")
"""The answers the cautions hang on, one bit each after the age group: a blood thinner is taken,
``fluid_restriction`` is ``false``, ``in_heat`` is ``true``, ``pregnant`` is ``true``."""
_CAUTIONS_AT: Final = AGE_BITS + AGE_WIDTH
_LONG: Final = DEFAULT_POLICY.long_episode
_LONG_SECONDS: Final = _LONG // timedelta(seconds=1)
_LONG_PARTS: Final = (_LONG.days * 86400 + _LONG.seconds, _LONG.microseconds)
_LIST: Final = object()
"""A set field's one key: its mask for the array itself (an answer even when empty), and each item's mask."""
_DURATIONS_KEPT: Final = 1024

_scan = json.scanner.make_scanner(json.JSONDecoder())  # type: ignore[attr-defined]


class _Durations(dict[object, int]):
    """The mask of each duration text: parsed on first sight (clients send the same few), kept within a bound."""

    def __init__(self, answered: int, long: int) -> None:
        super().__init__()
        self.answered, self.long = answered, long

    def __missing__(self, text: object) -> int:
        if text.__class__ is not str:
            raise KeyError(text)
        try:
            value = duration_seconds(text)
        except ValueError:
            raise KeyError(text) from None
        if len(self) >= _DURATIONS_KEPT:
            self.clear()
        mask = self[text] = self.long if value > _LONG_PARTS else self.answered
        return mask


class _Masks:
    """For each field, the packed mask of each valid value (under ``_LIST`` for a set field's array)."""

    def __init__(self, table: CompiledTable) -> None:
        self.table = table
        # The signature's own bits sit above the compiled table's packed fields.
        above = table.width
        self.above = above
        answered = {name: 1 << (above + i) for i, name in enumerate(UNANSWERED_ORDER)}
        caution = {name: 1 << (above + _CAUTIONS_AT - ROWS + i) for i, name in enumerate(CAUTION_ANSWERS)}

        def packed(kind: str, value: object) -> int:
            return table.packed.get((kind, value), 0)

        fields: dict[str, Any] = {}
        for name in FLAG_FIELDS:
            fields[name] = {
                True: packed(name, True) | answered[name] | caution.get(name, 0),
                False: packed(name, False)
                | answered[name]
                | (caution["no_fluid_limit"] if name == "fluid_restriction" else 0),
            }
        fields["severity"] = {m.value: packed("severity", m.value) | answered["severity"] for m in Severity}
        fields["age_group"] = {
            m.value: packed("age_group", m.value) | answered["age_group"] | (place + 1) << (above + AGE_BITS - ROWS)
            for place, m in enumerate(AgeGroup)
        }
        # An empty list of areas is not an answer (as Episode says); an empty list of findings or medicines is.
        areas = {m.value: packed("area", m.value) | answered["body_areas"] for m in BodyArea}
        medicines = {m.value: packed("medicine", m.value) for m in Medicine}
        medicines[Medicine.BLOOD_THINNER.value] |= caution["blood_thinner"]
        fields["body_areas"] = {_LIST: (0, areas)}
        fields["accompanied_by"] = {
            _LIST: (answered["accompanied_by"], {m.value: packed("finding", m.value) for m in Finding})
        }
        fields["medicines"] = {_LIST: (answered["medicines"], medicines)}
        self.long = table.packed.get(("long", True), 0) | answered["duration"]
        fields["duration"] = _Durations(answered["duration"], self.long)
        self.duration_answered = answered["duration"]
        self.fields: dict[str, Any] = fields


_masks: _Masks | None = None


def _packed(data: dict[str, Any], masks: _Masks) -> int | None:
    """The packed masks of every answer in ``data`` ORed together, or ``None`` if one is not a plain valid answer."""
    fields, packed = masks.fields, 0
    try:
        for key, value in data.items():
            field = fields[key]
            if value is None:
                continue
            cls = value.__class__
            if cls is bool or cls is str:
                packed |= field[value]
            elif cls is list:
                answer, items = field[_LIST]
                packed |= reduce(or_, map(items.__getitem__, value), answer)
            elif cls is int or cls is float:
                # Checked before the lookup below: 1 and 1.0 would find True's mask.
                if key != "duration" or not 0 <= value <= MAX_DURATION_SECONDS:
                    return None
                # A whole number of seconds is longer exactly when it passes the whole seconds of the
                # limit; a fraction is rounded to microseconds first, as the plain path does.
                long = value > _LONG_SECONDS if cls is int else timedelta(seconds=value) > _LONG
                packed |= masks.long if long else masks.duration_answered
            else:  # an object
                return None
    except (KeyError, TypeError):  # an unknown key or value; an array where a word should be
        return None
    return packed


def _document(line: bytes | str) -> dict[str, Any] | None:
    """The object on ``line`` if it is plainly one: ASCII, opening the line, no repeated key; else ``None``."""
    if line.__class__ is bytes:
        if len(line) > MAX_JSON_BYTES or not line.isascii():
            return None
        text = line.decode("ascii")
    elif line.__class__ is str and len(line) <= MAX_JSON_BYTES and line.isascii():
        text = line
    else:
        return None
    if not text.startswith("{"):
        return None
    try:
        data, end = _scan(text, 0)
    except (ValueError, StopIteration, RecursionError):  # not JSON, too many digits, nested too deep
        return None
    # Each key of a plain document is a field name and each value a word, a number or a duration:
    # none holds a colon, so one colon per key in the text means no key was given twice.
    if data.__class__ is not dict or text.count(":") != len(data) or text[end:].strip(" \t\r\n"):
        return None
    return data


def signature(line: bytes | str) -> int | None:
    """The signature of the episode on ``line`` (a JSON object, with or without its line ending), or ``None``.

    ``None`` means "take the plain path": the line is invalid, or valid in a way this reader
    does not vouch for. Under the default policy only, as ``check --input`` uses.
    """
    global _masks  # noqa: PLW0603 (built on first use; rebuilding it in a race is harmless)
    data = _document(line)
    if data is None:
        return None
    masks = _masks
    if masks is None:
        masks = _masks = _Masks(compiled_table())
    packed = _packed(data, masks)
    if packed is None:
        return None
    return fired_mask(masks.table, packed) | (packed >> masks.above) << ROWS
