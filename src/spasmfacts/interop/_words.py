"""Headings and names the human-readable exports share (Markdown, JSON-LD, CDS Hooks)."""

from __future__ import annotations

from typing import Final

from spasmfacts.codes import SNOMED_CT
from spasmfacts.vocabulary import TreatmentKind, Urgency

PUBLISHER: Final = "The spasmfacts contributors"

URGENCY_HEADINGS: Final = {
    Urgency.EMERGENCY: "Emergency: call your local emergency number now",
    Urgency.URGENT: "Get medical help the same day",
    Urgency.ROUTINE: "Book an appointment with a doctor",
    Urgency.SELF_CARE: "If none of the warning signs applies",
}
"""A heading for each urgency; the advice itself is the content's next step."""

SEE_DOCTOR_ORDER: Final = (Urgency.EMERGENCY, Urgency.URGENT, Urgency.ROUTINE)
"""The urgencies of the warning signs, most urgent first."""

TREATMENT_HEADINGS: Final = {
    TreatmentKind.SELF_CARE: "Self-care",
    TreatmentKind.OTC_MEDICINE: "Medicines from a pharmacy (over the counter)",
    TreatmentKind.PRESCRIPTION_MEDICINE: "Prescription medicines",
    TreatmentKind.PROFESSIONAL_CARE: "Care from a health professional",
}

CODING_SYSTEMS: Final = {
    "http://hl7.org/fhir/sid/icd-10-cm": "ICD-10-CM",
    SNOMED_CT: "SNOMED CT",
    "http://www.whocc.no/atc": "ATC",
}
"""Short names of the code systems the content uses, keyed by their URIs."""
