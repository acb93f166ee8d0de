"""The closed vocabularies every layer shares.

Enum values are lowercase snake-case strings, so they travel unchanged through JSON,
JSON Schema, FHIR codings and the command line.
"""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from typing import Self

    from spasmfacts.codes import Code

__all__ = [
    "AgeGroup",
    "BodyArea",
    "Finding",
    "Medicine",
    "Severity",
    "TreatmentKind",
    "Urgency",
]


class Urgency(enum.Enum):
    """How soon to get help, lowest to highest.

    Members compare by rank, not by their string values, so
    ``Urgency.SELF_CARE < Urgency.ROUTINE < Urgency.URGENT < Urgency.EMERGENCY`` and
    ``max(Urgency) is Urgency.EMERGENCY``.
    """

    SELF_CARE = "self_care"
    """No listed warning sign was reported: self-care, and get help if anything changes."""
    ROUTINE = "routine"
    """Book an appointment with a doctor."""
    URGENT = "urgent"
    """Get seen the same day."""
    EMERGENCY = "emergency"
    """Call the local emergency number now."""

    @property
    def rank(self) -> int:
        """The position of this urgency, from 0 (self-care) to 3 (emergency)."""
        return _URGENCY_RANK[self]

    def __lt__(self, other: object) -> bool:
        if other.__class__ is not Urgency:
            return NotImplemented
        return _URGENCY_RANK[self] < _URGENCY_RANK[other]

    def __le__(self, other: object) -> bool:
        if other.__class__ is not Urgency:
            return NotImplemented
        return _URGENCY_RANK[self] <= _URGENCY_RANK[other]

    def __gt__(self, other: object) -> bool:
        if other.__class__ is not Urgency:
            return NotImplemented
        return _URGENCY_RANK[self] > _URGENCY_RANK[other]

    def __ge__(self, other: object) -> bool:
        if other.__class__ is not Urgency:
            return NotImplemented
        return _URGENCY_RANK[self] >= _URGENCY_RANK[other]


_URGENCY_RANK = {urgency: rank for rank, urgency in enumerate(Urgency)}


class Severity(enum.Enum):
    """How bad a spasm was, as the person reports it."""

    MILD = "mild"
    MODERATE = "moderate"
    SEVERE = "severe"

    @classmethod
    def from_pain_score(cls, score: int) -> Self | None:
        """Map a 0-10 pain rating: 0 gives ``None``, 1-3 mild, 4-6 moderate, 7-10 severe.

        Anything but an integer from 0 to 10 (a ``bool`` included) raises ``ValueError``.

        >>> Severity.from_pain_score(7)
        <Severity.SEVERE: 'severe'>
        >>> Severity.from_pain_score(0) is None
        True
        """
        if score.__class__ is not int or not 0 <= score <= 10:  # noqa: PLR2004 (the scale's ends)
            msg = f"a pain score is an integer from 0 to 10, not {score!r}"
            raise ValueError(msg)
        if score == 0:
            return None
        if score <= 3:  # noqa: PLR2004 (the clinical cut-offs)
            return cls.MILD
        if score <= 6:  # noqa: PLR2004
            return cls.MODERATE
        return cls.SEVERE


class BodyArea(enum.Enum):
    """Where the spasm is."""

    NECK = "neck"
    BACK = "back"
    CHEST = "chest"
    ABDOMEN = "abdomen"
    ARM = "arm"
    HAND = "hand"
    LEG = "leg"
    FOOT = "foot"
    FACE = "face"
    JAW = "jaw"
    THROAT = "throat"


class Finding(enum.Enum):
    """Something reported together with the spasm (its label, in plain words, is in the package data)."""

    FEVER = "fever"
    CHILLS = "chills"
    SWEATING = "sweating"
    """Sweating that comes with the spasm, not ordinary sweat from exercise."""
    HEAVY_SWEATING = "heavy_sweating"
    """A lot of sweat lost before the cramps began (a long run, hard work in the heat)."""
    NUMBNESS = "numbness"
    TINGLING_MOUTH_FINGERS = "tingling_mouth_fingers"
    SEVERE_HEADACHE = "severe_headache"
    PALPITATIONS = "palpitations"
    COLD_PALE_LIMB = "cold_pale_limb"
    WEAKNESS = "weakness"
    MUSCLE_WASTING = "muscle_wasting"
    TWITCHING = "twitching"
    """Small flickers in the muscle between spasms, not twitching as part of the spasm."""
    MUSCLE_ACHE = "muscle_ache"
    SWELLING = "swelling"
    REDNESS = "redness"
    WARMTH = "warmth"
    VOMITING = "vomiting"
    DIARRHOEA = "diarrhoea"
    CHEST_PAIN = "chest_pain"
    BREATHLESSNESS = "breathlessness"
    CONFUSION = "confusion"
    FAINTING = "fainting"
    FIT = "fit"
    DARK_URINE = "dark_urine"
    """Brown, red or cola-coloured pee; not dark yellow."""
    LITTLE_URINE = "little_urine"
    STIFF_JAW = "stiff_jaw"
    TROUBLE_SWALLOWING = "trouble_swallowing"
    SPREADING = "spreading"
    STIFF_NECK = "stiff_neck"
    FACE_DROOP = "face_droop"
    ONE_SIDED_WEAKNESS = "one_sided_weakness"
    SPEECH_TROUBLE = "speech_trouble"
    SADDLE_NUMBNESS = "saddle_numbness"
    BLADDER_BOWEL_CHANGE = "bladder_bowel_change"
    BOTH_LEGS_NUMB_WEAK = "both_legs_numb_weak"

    @property
    def codes(self) -> tuple[Code, ...]:
        """Checked codes for this finding (SNOMED CT); empty where none was checked."""
        # Imported here: the codes are rarely read, and `from spasmfacts import Episode` should not build them.
        from spasmfacts.codes import FINDING_CODES  # noqa: PLC0415

        return FINDING_CODES.get(self.value, ())


class Medicine(enum.Enum):
    """A group of medicines the person takes that the rule asks about."""

    STATIN = "statin"
    WATER_TABLET = "water_tablet"
    """A diuretic."""
    ANTIPSYCHOTIC = "antipsychotic"
    ANTI_SICKNESS = "anti_sickness"
    BLOOD_THINNER = "blood_thinner"
    """An anticoagulant; it chooses cautions only, and fires no row."""


class AgeGroup(enum.Enum):
    """How old the person with the spasms is."""

    BABY = "baby"
    """Under 1 year."""
    CHILD = "child"
    """1 to 15 years."""
    ADULT = "adult"
    """16 to 64 years."""
    OLDER_ADULT = "older_adult"
    """65 or over."""


class TreatmentKind(enum.Enum):
    """Who gives or gets a treatment."""

    SELF_CARE = "self_care"
    OTC_MEDICINE = "otc_medicine"
    PRESCRIPTION_MEDICINE = "prescription_medicine"
    PROFESSIONAL_CARE = "professional_care"
