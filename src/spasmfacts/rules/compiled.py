"""``rows_fired()``: the rows of ``RULES`` that fire, highest urgency first, from the table compiled to bit masks.

What ``assess()`` needs on every new combination of answers, at a fraction of the cost of
asking each row's trigger: every input a trigger can test (a finding, an area, a medicine, a
severity, an age group, a yes/no answer, a long spasm) gets a bit, and each row becomes a
conjunction of clauses, each clause the mask of the inputs any one of which satisfies it.
Each input's mask says, for every row, which of the row's clauses the input satisfies, so
ORing the masks of the reported inputs and a few ANDs give the rows that fire, with no loop
over rows. Built from ``RULES`` on first use (so
``import spasmfacts`` does not pay for it); a property test pins ``rows_fired()`` equal to
``fired_rules()``, the plain evaluation, in the order an assessment lists its reasons.
"""

from __future__ import annotations

import itertools
import threading
from functools import reduce
from itertools import chain, compress, repeat
from operator import attrgetter, getitem, or_
from typing import Final

from spasmfacts.episode import FLAG_FIELDS, Episode
from spasmfacts.rules.policy import Policy
from spasmfacts.rules.table import RULES, Rule
from spasmfacts.rules.triggers import (
    AgeIs,
    AllOf,
    AnyArea,
    AnyFinding,
    AnyMedicine,
    AnyOf,
    LongerThanPolicy,
    Reported,
    SeverityIs,
    Trigger,
)

__all__ = ["CompiledTable", "compiled_table", "fired_mask", "rows_fired"]

_Input = tuple[str, object]
"""One input a trigger can test: ``("finding", "fever")``, ``("recurrent", True)``, ``("long", True)``..."""

# A packed mask holds fields of one bit per row: the single-clause rows an input fires (from bit
# 0), the rows with more clauses whose first clause it satisfies (from _CANDIDATES), then one
# field per later clause: the rows whose second (third...) clause it satisfies. One OR per
# input gathers every field at once.
_ROWS: Final = len(RULES)
_CANDIDATES: Final = _ROWS
_ROW_MASK: Final = (1 << _ROWS) - 1
_FLAGS: Final = attrgetter(*FLAG_FIELDS)
_VALUE: Final = attrgetter("_value_")


def _inputs(trigger: Trigger) -> list[_Input]:
    """The inputs any one of which fires a leaf ``trigger``."""
    if isinstance(trigger, AnyFinding):
        inputs: list[_Input] = [("finding", member.value) for member in trigger.findings]
    elif isinstance(trigger, AnyArea):
        inputs = [("area", member.value) for member in trigger.areas]
    elif isinstance(trigger, AnyMedicine):
        inputs = [("medicine", member.value) for member in trigger.medicines]
    elif isinstance(trigger, SeverityIs):
        inputs = [("severity", trigger.severity.value)]
    elif isinstance(trigger, AgeIs):
        inputs = [("age_group", trigger.age_group.value)]
    elif isinstance(trigger, Reported):
        inputs = [(trigger.field, trigger.value)]
    elif isinstance(trigger, LongerThanPolicy):
        inputs = [("long", True)]
    else:  # pragma: no cover (guards a new trigger class; the shipped ones are all above)
        msg = f"rows_fired() cannot compile a trigger of type {type(trigger).__name__}"
        raise TypeError(msg)
    return inputs


def _clauses(trigger: Trigger) -> list[frozenset[_Input]]:
    """``trigger`` in conjunctive normal form: it fires when each clause holds one reported input."""
    if isinstance(trigger, AllOf):
        return [clause for part in trigger.parts for clause in _clauses(part)]
    if isinstance(trigger, AnyOf):
        # (a and b) or c is (a or c) and (b or c): one clause per choice of a clause from each part.
        choices = itertools.product(*(_clauses(part) for part in trigger.parts))
        return [frozenset().union(*choice) for choice in choices]
    return [frozenset(_inputs(trigger))]


class CompiledTable:
    """The compiled table: packed masks per input, how to read the later clauses, and rows by bit."""

    def __init__(self, table: tuple[Rule, ...]) -> None:
        # Bit i is the i-th row in the order reasons are listed, so reading bits in order needs no sort.
        rules = sorted(table, key=lambda rule: -rule.urgency.rank)
        self.rules: tuple[Rule, ...] = tuple(rules)
        """The rows in the order reasons are listed: row ``i`` is bit ``i`` of a row mask."""
        clauses = [_clauses(rule.trigger) for rule in rules]
        depth = max(map(len, clauses))
        packed = dict.fromkeys({item for row in clauses for clause in row for item in clause}, 0)
        for row, (first, *rest) in enumerate(clauses):
            for item in first:
                packed[item] |= 1 << (_CANDIDATES + row) if rest else 1 << row
            for place, clause in enumerate(rest, start=2):
                for item in clause:
                    packed[item] |= 1 << (place * _ROWS + row)
        # For each later clause: where its field starts, and the rows without that clause (it holds for them).
        self.later = tuple(
            (place * _ROWS, sum(1 << row for row, row_clauses in enumerate(clauses) if len(row_clauses) < place))
            for place in range(2, depth + 1)
        )
        self.width = (depth + 1) * _ROWS
        """How many bits of a packed mask the table uses: bits above are free for callers."""

        self.packed: dict[_Input, int] = packed
        """The packed mask of each input a trigger tests, such as ``("finding", "fever")``."""

        def by_value(kind: str) -> dict[object, int]:
            return {value: mask for (name, value), mask in packed.items() if name == kind}

        self.findings, self.areas, self.medicines = by_value("finding"), by_value("area"), by_value("medicine")
        self.severities, self.ages = by_value("severity"), by_value("age_group")
        self.long = by_value("long").get(True, 0)
        self.when_true = tuple(by_value(name).get(True, 0) for name in FLAG_FIELDS)
        self.when_false = tuple((name, by_value(name)[False]) for name in FLAG_FIELDS if False in by_value(name))
        # The rows of each byte of a row mask, so that turning a mask into rows costs a few lookups.
        self.by_byte = tuple(
            tuple(
                tuple(rules[row] for row in range(8 * k, min(8 * k + 8, len(rules))) if value >> row % 8 & 1)
                for value in range(256)
            )
            for k in range((len(rules) + 7) // 8)
        )


_table: CompiledTable | None = None
_lock = threading.Lock()


def compiled_table() -> CompiledTable:
    """The compiled table of ``RULES``, built by the first caller."""
    global _table  # noqa: PLW0603 (built once, on first use, so that importing the package stays cheap)
    if _table is not None:
        return _table
    with _lock:
        if _table is None:  # pragma: no branch (another thread may have built it meanwhile)
            _table = CompiledTable(RULES)
    return _table


def fired_mask(table: CompiledTable, packed: int) -> int:
    """The row mask of the rows that fire, from the packed masks of every reported input ORed together."""
    candidates = packed >> _CANDIDATES
    for start, without in table.later:
        candidates &= packed >> start | without
    return (packed | candidates) & _ROW_MASK


def _gathered(table: CompiledTable, episode: Episode, policy: Policy) -> int:
    """The packed masks of every input ``episode`` reports, ORed together."""
    # map, compress and reduce run in C: a Python loop over each input would cost several times more.
    packed: int = reduce(or_, compress(table.when_true, _FLAGS(episode)), 0)
    for name, mask in table.when_false:
        if getattr(episode, name) is False:
            packed |= mask
    findings = episode.accompanied_by
    if findings:
        packed |= reduce(or_, map(table.findings.get, map(_VALUE, findings), repeat(0)), 0)
    if episode.body_areas:
        packed |= reduce(or_, map(table.areas.get, map(_VALUE, episode.body_areas), repeat(0)), 0)
    medicines = episode.medicines
    if medicines:
        packed |= reduce(or_, map(table.medicines.get, map(_VALUE, medicines), repeat(0)), 0)
    if episode.severity is not None:
        packed |= table.severities.get(episode.severity._value_, 0)
    if episode.age_group is not None:
        packed |= table.ages.get(episode.age_group._value_, 0)
    if episode.duration is not None and episode.duration > policy.long_episode:
        packed |= table.long
    return packed


def rows_fired(episode: Episode, policy: Policy) -> tuple[Rule, ...]:
    """The rows of ``RULES`` that fire for ``episode`` under ``policy``: highest urgency first, then in table order.

    The rows of ``fired_rules()``, faster, and in the order of an assessment's reasons.
    Takes an :class:`Episode` and a :class:`Policy` as they are (``assess()`` checks its arguments).
    """
    table = _table or compiled_table()
    rows = fired_mask(table, _gathered(table, episode, policy))
    return tuple(chain.from_iterable(map(getitem, table.by_byte, rows.to_bytes(len(table.by_byte), "little"))))
