"""The rule table and the rule: ``RULES``, ``RULES_VERSION`` and ``needs_medical_attention()``.

Pure functions of an ``Episode`` and a ``Policy``: nothing here reads content or does I/O.
The package is split along its seams: ``triggers`` (what a row can test), ``table`` (the
rows, defined once) and ``fast`` (the hot path derived from the table).
"""

from spasmfacts.rules.fast import check_arguments, fired_rules, needs_medical_attention, signals
from spasmfacts.rules.table import RULES, RULES_VERSION, Rule
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

__all__ = [
    "RULES",
    "RULES_VERSION",
    "AgeIs",
    "AllOf",
    "AnyArea",
    "AnyFinding",
    "AnyMedicine",
    "AnyOf",
    "LongerThanPolicy",
    "Reported",
    "Rule",
    "SeverityIs",
    "Trigger",
    "check_arguments",
    "fired_rules",
    "needs_medical_attention",
    "signals",
]
