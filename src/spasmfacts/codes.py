"""Codes from published terminologies: ``Code``, the systems' addresses and the checked finding codes.

Every code here was checked against a published HL7 artefact or an official record
(see the project's interop reference); SNOMED CT and WHO ATC codes carry their owners'
terms (``NOTICE``).
"""

from __future__ import annotations

import attrs

from spasmfacts._records import Record

__all__ = ["ATC", "FINDING_CODES", "ICD_10_CM", "SNOMED_CT", "Code"]

SNOMED_CT = "http://snomed.info/sct"
ICD_10_CM = "http://hl7.org/fhir/sid/icd-10-cm"
ATC = "http://www.whocc.no/atc"


def _non_empty(instance: object, attribute: attrs.Attribute[str], value: object) -> None:
    if not isinstance(value, str) or not value.strip():
        msg = f"{attribute.name} must be a non-empty string"
        raise ValueError(msg)


@attrs.frozen(kw_only=True, repr=False, eq=False)
class Code(Record):
    """A code from a published terminology: ``system`` URI, ``code`` and its exact ``display``."""

    system: str = attrs.field(validator=_non_empty)
    code: str = attrs.field(validator=_non_empty)
    display: str = attrs.field(validator=_non_empty)


FINDING_CODES: dict[str, tuple[Code, ...]] = {
    "fever": (Code(system=SNOMED_CT, code="386661006", display="Fever"),),
    "chills": (Code(system=SNOMED_CT, code="43724002", display="Chill"),),
}
"""SNOMED CT codes of the findings that have a checked one, by the finding's value."""
