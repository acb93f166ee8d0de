"""The rule table and the rule: ``RULES``, ``RULES_VERSION`` and ``needs_medical_attention()``.

Pure functions of an ``Episode`` and a ``Policy``: nothing here reads content or does I/O.
The package is split along its seams: ``triggers`` (what a row can test), ``table`` (the
rows, defined once) and ``fast`` (the hot path derived from the table).

Every name resolves on first use (PEP 562), as the package's own names do:
``from spasmfacts import needs_medical_attention`` does not build the table, and loading the
content, which checks it against the table, does not import the fast path.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from spasmfacts._lazy import lazy_attribute

if TYPE_CHECKING:
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

_MODULE_OF = {
    **dict.fromkeys(("check_arguments", "fired_rules", "needs_medical_attention", "signals"), "fast"),
    "RULES": "table",
    "RULES_VERSION": "table",
    "Rule": "table",
    **dict.fromkeys(
        (
            "AgeIs",
            "AllOf",
            "AnyArea",
            "AnyFinding",
            "AnyMedicine",
            "AnyOf",
            "LongerThanPolicy",
            "Reported",
            "SeverityIs",
            "Trigger",
        ),
        "triggers",
    ),
}


def __getattr__(name: str) -> Any:
    return lazy_attribute(__name__, _MODULE_OF, globals(), name)


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
