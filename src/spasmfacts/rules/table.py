"""The rule table, version 2: ``RULES`` (51 rows) and ``RULES_VERSION``, defined once.

Rows A1-A4 come from the bundled article, E1-E14 and N1-N24 from public guidance (see
the docs' rule reference and evidence notes). The content's warning signs must match the
table row for row; the loader checks that. Nothing here reads content or does I/O.
"""

from __future__ import annotations

from typing import Final

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
    _Value,
)
from spasmfacts.vocabulary import AgeGroup, BodyArea, Finding, Medicine, Severity, Urgency

__all__ = ["RULES", "RULES_VERSION", "Rule"]

RULES_VERSION: Final = "2.0"
"""The version of the rule table; bumped with any change to a row."""


class Rule(_Value):
    """One row of the rule table; ``id`` is the id of its warning sign in the content."""

    __slots__ = ("label", "id", "urgency", "trigger", "fires_when", "sources", "decision")  # noqa: RUF023 (column order, for repr)

    label: str
    """The row's label in the specification (``A1``...``N24``)."""
    id: str
    """The row's id, which is also its warning sign's id."""
    urgency: Urgency
    """The urgency when the row fires."""
    trigger: Trigger
    """What the row tests."""
    fires_when: str
    """What fires the row, in words, for documentation."""
    sources: tuple[str, ...]
    """Ids of the sources behind the row."""
    decision: str | None
    """Why the urgency is our own choice (toward safety, or between sources that disagree); ``None`` if it is not."""

    def __init__(  # noqa: PLR0913 (one keyword per column of the table)
        self,
        *,
        label: str,
        id: str,  # noqa: A002 (the table's column)
        urgency: Urgency,
        trigger: Trigger,
        fires_when: str,
        sources: tuple[str, ...],
        decision: str | None = None,
    ) -> None:
        values = (label, id, urgency, trigger, fires_when, tuple(sources), decision)
        for name, value in zip(self.__slots__, values, strict=True):
            object.__setattr__(self, name, value)


def _findings(*members: Finding) -> AnyFinding:
    return AnyFinding(frozenset(members))


def _areas(*members: BodyArea) -> AnyArea:
    return AnyArea(frozenset(members))


def _medicines(*members: Medicine) -> AnyMedicine:
    return AnyMedicine(frozenset(members))


_ROUTINE, _URGENT, _EMERGENCY = Urgency.ROUTINE, Urgency.URGENT, Urgency.EMERGENCY
_SEVERE = SeverityIs(Severity.SEVERE)
_FEVER_OR_CHILLS = _findings(Finding.FEVER, Finding.CHILLS)
_HEAD_AND_NECK = _areas(BodyArea.NECK, BodyArea.FACE, BodyArea.JAW, BodyArea.THROAT)
_NEW_MEDICINE = Reported("started_after_new_medication")
_STATIN = _medicines(Medicine.STATIN)

RULES: tuple[Rule, ...] = (
    Rule(
        label="A1",
        id="severe",
        urgency=_ROUTINE,
        trigger=_SEVERE,
        fires_when="severity is severe",
        sources=("article", "mayo-muscle-cramp"),
    ),
    Rule(
        label="A2",
        id="long-lasting",
        urgency=_URGENT,
        trigger=LongerThanPolicy(),
        fires_when="the longest spasm lasted longer than the policy's long_episode (10 minutes by default)",
        sources=("article", "nhs-leg-cramps", "nidirect-leg-cramps"),
    ),
    Rule(
        label="A3a",
        id="fever-or-chills",
        urgency=_URGENT,
        trigger=_FEVER_OR_CHILLS,
        fires_when="fever or chills",
        sources=("article", "nhsinform-fever-adults", "nhs-tetanus"),
    ),
    Rule(
        label="A3b",
        id="sweating-with-spasm",
        urgency=_ROUTINE,
        trigger=_findings(Finding.SWEATING),
        fires_when="sweating that comes with the spasm",
        sources=("article",),
        decision="Lowered from urgent: the article is its only source and gives no timeframe; "
        "heavy fluid loss (Merck's sign) moved to fluid-loss, and the dangerous causes of sweating "
        "come with findings that have rows of their own.",
    ),
    Rule(
        label="A4",
        id="daily-life",
        urgency=_ROUTINE,
        trigger=Reported("interferes_with_daily_life"),
        fires_when="the spasms interfere with daily life",
        sources=("article", "nidirect-leg-cramps"),
    ),
    Rule(
        label="E1",
        id="disturbs-sleep",
        urgency=_ROUTINE,
        trigger=Reported("disturbs_sleep"),
        fires_when="the spasms disturb sleep",
        sources=("nhs-leg-cramps", "nidirect-leg-cramps"),
    ),
    Rule(
        label="E2",
        id="recurrent",
        urgency=_ROUTINE,
        trigger=Reported("recurrent"),
        fires_when="the spasms keep coming back often",
        sources=("nidirect-leg-cramps", "mayo-muscle-cramp"),
    ),
    Rule(
        label="E3",
        id="no-improvement",
        urgency=_ROUTINE,
        trigger=Reported("improves_with_self_care", value=False),
        fires_when="self-care was tried and did not help (not answered does not fire)",
        sources=("mayo-muscle-cramp", "medlineplus-muscle-cramps"),
    ),
    Rule(
        label="E4",
        id="new-medication",
        urgency=_ROUTINE,
        trigger=_NEW_MEDICINE,
        fires_when="the spasms started after a new medicine or a higher dose",
        sources=("merck-muscle-cramps", "nice-cks-leg-cramps"),
    ),
    Rule(
        label="E4b",
        id="heavy-drinking",
        urgency=_ROUTINE,
        trigger=Reported("heavy_drinking"),
        fires_when="often drinks more than 14 units of alcohol a week",
        sources=("merck-muscle-cramps",),
    ),
    Rule(
        label="E5",
        id="nerve-signs",
        urgency=_URGENT,
        trigger=_findings(Finding.NUMBNESS, Finding.WEAKNESS, Finding.BOTH_LEGS_NUMB_WEAK),
        fires_when="numbness, weakness, or numbness or weakness in both legs",
        sources=("merck-muscle-cramps", "nhs-leg-cramps"),
    ),
    Rule(
        label="E5b",
        id="wasting-or-twitching",
        urgency=_ROUTINE,
        trigger=_findings(Finding.MUSCLE_WASTING, Finding.TWITCHING),
        fires_when="muscle wasting, or twitching between spasms",
        sources=("nidirect-mnd", "nice-cks-leg-cramps", "merck-muscle-cramps"),
        decision="Lowered from urgent, a documented exception to 'the higher urgency wins': nidirect and "
        "NICE CKS say to see a GP about twitching or wasting; Merck says right away.",
    ),
    Rule(
        label="E6",
        id="circulation-signs",
        urgency=_URGENT,
        trigger=_findings(Finding.SWELLING, Finding.REDNESS, Finding.WARMTH),
        fires_when="swelling, redness or warmth",
        sources=("nhs-dvt", "nhs-leg-cramps"),
    ),
    Rule(
        label="E7",
        id="fluid-loss",
        urgency=_URGENT,
        trigger=AnyOf(
            _findings(Finding.VOMITING, Finding.DIARRHOEA, Finding.HEAVY_SWEATING),
            AllOf(_medicines(Medicine.WATER_TABLET), _NEW_MEDICINE),
        ),
        fires_when="vomiting, diarrhoea or heavy sweating; or a water tablet started or raised recently",
        sources=("merck-muscle-cramps",),
    ),
    Rule(
        label="E8a",
        id="belly-cramp",
        urgency=_URGENT,
        trigger=_areas(BodyArea.ABDOMEN),
        fires_when="a spasm in the belly",
        sources=("merck-muscle-cramps",),
    ),
    Rule(
        label="E8b",
        id="belly-cramp-severe",
        urgency=_EMERGENCY,
        trigger=AllOf(_areas(BodyArea.ABDOMEN), _SEVERE),
        fires_when="a severe spasm in the belly",
        sources=("nhsinform-stomach-ache",),
    ),
    Rule(
        label="E8c",
        id="arm-cramp",
        urgency=_URGENT,
        trigger=_areas(BodyArea.ARM),
        fires_when="a spasm in an arm (a report of the hand alone does not fire it)",
        sources=("merck-muscle-cramps",),
        decision="A hand alone fires nothing: Merck's sign is 'arms' with no qualifier, and hand cramps "
        "from gripping or writing are common.",
    ),
    Rule(
        label="E9a",
        id="wound-and-danger-signs",
        urgency=_EMERGENCY,
        trigger=AllOf(
            Reported("after_wound"),
            AnyOf(
                _findings(
                    Finding.STIFF_JAW,
                    Finding.TROUBLE_SWALLOWING,
                    Finding.SPREADING,
                    Finding.BREATHLESSNESS,
                    Finding.FIT,
                ),
                _SEVERE,
                _areas(BodyArea.JAW, BodyArea.THROAT),
            ),
        ),
        fires_when="after a wound, with a stiff jaw, trouble swallowing, spreading spasms, breathlessness, "
        "a fit, severe spasms, or spasms of the jaw or throat",
        sources=("nhs-tetanus", "nhs-tetanus-jab"),
    ),
    Rule(
        label="E9b",
        id="after-wound",
        urgency=_URGENT,
        trigger=Reported("after_wound"),
        fires_when="the spasms started after a wound",
        sources=("nhs-leg-cramps", "nhs-tetanus-jab"),
        decision="Lowered from emergency, a documented exception to 'the higher urgency wins': the NHS leg "
        "cramps and tetanus-jab pages set an ordinary cramp after a wound at urgent; severe, spreading, "
        "jaw, swallowing or breathing signs raise wound-and-danger-signs.",
    ),
    Rule(
        label="E9c",
        id="after-toxin",
        urgency=_URGENT,
        trigger=Reported("after_toxin_exposure"),
        fires_when="the spasms started after contact with a poison or chemical",
        sources=("nidirect-leg-cramps", "nhs-leg-cramps"),
    ),
    Rule(
        label="E10",
        id="chest-or-breathing",
        urgency=_EMERGENCY,
        trigger=AnyOf(_areas(BodyArea.CHEST), _findings(Finding.CHEST_PAIN, Finding.BREATHLESSNESS)),
        fires_when="a spasm in the chest, or chest pain or breathlessness",
        sources=("hse-chest-pain", "nhs-dvt", "merck-muscle-cramps"),
    ),
    Rule(
        label="E11",
        id="confusion",
        urgency=_EMERGENCY,
        trigger=_findings(Finding.CONFUSION),
        fires_when="new confusion",
        sources=("nhs-confusion",),
    ),
    Rule(
        label="E11b",
        id="fainting",
        urgency=_URGENT,
        trigger=_findings(Finding.FAINTING),
        fires_when="fainting",
        sources=("nhs-fainting",),
        decision="One level above the source (NHS: see a GP): a spasm report cannot tell a simple faint "
        "from one during exercise or a fit; a fit has its own emergency row.",
    ),
    Rule(
        label="E12a",
        id="dark-or-little-urine",
        urgency=_URGENT,
        trigger=_findings(Finding.DARK_URINE, Finding.LITTLE_URINE),
        fires_when="brown, red or cola-coloured pee, or much less pee than usual",
        sources=("mayo-statin-rhabdomyolysis", "msd-rhabdomyolysis", "nhsinform-fever-adults"),
        decision="Lowered from emergency: cola-coloured or little pee alone needs checking the same day; "
        "with weakness or severe pain it is an emergency (dark-urine-with-weakness).",
    ),
    Rule(
        label="E12b",
        id="dark-urine-with-weakness",
        urgency=_EMERGENCY,
        trigger=AllOf(_findings(Finding.DARK_URINE), AnyOf(_findings(Finding.WEAKNESS), _SEVERE)),
        fires_when="brown, red or cola-coloured pee with weakness or severe spasms",
        sources=("mayo-statin-rhabdomyolysis", "msd-rhabdomyolysis"),
        decision="The sources say 'right away', not 'call the emergency number'; emergency is our choice "
        "toward safety for cola-coloured pee with weakness or severe pain.",
    ),
    Rule(
        label="E13",
        id="walking-cramps",
        urgency=_ROUTINE,
        trigger=Reported("comes_on_when_walking"),
        fires_when="cramps come on when walking and ease soon after stopping",
        sources=("merck-muscle-cramps",),
    ),
    Rule(
        label="E14",
        id="neck-and-fever",
        urgency=_EMERGENCY,
        trigger=AllOf(AnyOf(_areas(BodyArea.NECK), _findings(Finding.STIFF_NECK)), _FEVER_OR_CHILLS),
        fires_when="a neck spasm or a stiff neck, with fever or chills",
        sources=("esth-meningitis", "nhs-meningitis", "nhs-tetanus"),
    ),
    Rule(
        label="N1",
        id="fit",
        urgency=_EMERGENCY,
        trigger=_findings(Finding.FIT),
        fires_when="a fit: shaking or jerking all over while not aware",
        sources=("nhs-fainting",),
    ),
    Rule(
        label="N2",
        id="stiff-jaw-or-spreading",
        urgency=_URGENT,
        trigger=_findings(Finding.STIFF_JAW, Finding.SPREADING),
        fires_when="a stiff jaw, or spasms or stiffness spreading",
        sources=("nhs-tetanus",),
        decision="Without a reported wound, a stiff jaw or spreading stiffness has many causes; same-day "
        "care is our choice toward safety (a small wound may have gone unnoticed).",
    ),
    Rule(
        label="N3",
        id="stiff-jaw-and-spreading",
        urgency=_EMERGENCY,
        trigger=AllOf(_findings(Finding.STIFF_JAW), _findings(Finding.SPREADING)),
        fires_when="a stiff jaw and spreading spasms or stiffness",
        sources=("nhs-tetanus", "nhs-tetanus-jab"),
        decision="The pattern of wound-and-danger-signs without a reported wound; emergency is our choice "
        "toward safety.",
    ),
    Rule(
        label="N4",
        id="swallowing-trouble",
        urgency=_EMERGENCY,
        trigger=_findings(Finding.TROUBLE_SWALLOWING),
        fires_when="new trouble swallowing",
        sources=("nhs-tetanus",),
        decision="No official page on sudden trouble swallowing was found; with spasms it can threaten the "
        "airway, so emergency is our choice toward safety.",
    ),
    Rule(
        label="N5",
        id="medicine-face-neck-spasm",
        urgency=_URGENT,
        trigger=AllOf(_medicines(Medicine.ANTIPSYCHOTIC, Medicine.ANTI_SICKNESS), _HEAD_AND_NECK),
        fires_when="on an antipsychotic or anti-sickness medicine, a spasm of the neck, face, jaw or throat",
        sources=("nhs-prochlorperazine-side-effects",),
    ),
    Rule(
        label="N6",
        id="statin-muscle-symptoms",
        urgency=_URGENT,
        trigger=AllOf(_STATIN, AnyOf(_findings(Finding.WEAKNESS, Finding.MUSCLE_ACHE, Finding.DARK_URINE), _SEVERE)),
        fires_when="on a statin, with weakness, aching muscles, dark pee or severe spasms",
        sources=("mayo-statin-rhabdomyolysis",),
    ),
    Rule(
        label="N7",
        id="taking-statin",
        urgency=_ROUTINE,
        trigger=_STATIN,
        fires_when="takes a statin",
        sources=("mayo-statin-rhabdomyolysis", "nhs-leg-cramps"),
        decision="A source gap: the NHS statin wording ('straight away' for unexplained cramps) could not be "
        "confirmed; if it is, this row rises to urgent.",
    ),
    Rule(
        label="N8",
        id="taking-water-tablet",
        urgency=_ROUTINE,
        trigger=_medicines(Medicine.WATER_TABLET),
        fires_when="takes a water tablet",
        sources=("nhs-leg-cramps", "nice-cks-leg-cramps"),
    ),
    Rule(
        label="N9",
        id="face-arm-speech-signs",
        urgency=_EMERGENCY,
        trigger=_findings(Finding.FACE_DROOP, Finding.ONE_SIDED_WEAKNESS, Finding.SPEECH_TROUBLE),
        fires_when="a face that has dropped on one side, sudden weakness down one side, or speech trouble",
        sources=("bcuhb-stroke",),
    ),
    Rule(
        label="N10",
        id="saddle-or-bladder-signs",
        urgency=_EMERGENCY,
        trigger=_findings(Finding.SADDLE_NUMBNESS, Finding.BLADDER_BOWEL_CHANGE),
        fires_when="numbness around the bottom or genitals, or new trouble with peeing or pooing",
        sources=("hscni-low-back-pain",),
    ),
    Rule(
        label="N11",
        id="back-and-both-legs",
        urgency=_EMERGENCY,
        trigger=AllOf(_areas(BodyArea.BACK), _findings(Finding.BOTH_LEGS_NUMB_WEAK)),
        fires_when="a back spasm with numbness or weakness in both legs",
        sources=("hscni-low-back-pain",),
    ),
    Rule(
        label="N12",
        id="heat-not-settling",
        urgency=_EMERGENCY,
        trigger=AllOf(
            Reported("in_heat"),
            AnyOf(Reported("not_better_after_cooling"), _findings(Finding.FEVER, Finding.FAINTING)),
        ),
        fires_when="in the heat, and still unwell after 30 minutes of cooling, or with a high temperature or a faint",
        sources=("phw-heat", "cleveland-heat-illness"),
    ),
    Rule(
        label="N13",
        id="baby-spasms",
        urgency=_EMERGENCY,
        trigger=AgeIs(AgeGroup.BABY),
        fires_when="spasms in a baby under 1",
        sources=("chi-infantile-spasms",),
        decision="The source calls it a medical emergency but says to inform the medical team immediately; "
        "we map it to emergency, toward safety.",
    ),
    Rule(
        label="N14",
        id="pregnancy-belly-cramp",
        urgency=_URGENT,
        trigger=AllOf(Reported("pregnant"), _areas(BodyArea.ABDOMEN)),
        fires_when="pregnant, with a spasm in the belly",
        sources=("hse-stomach-pain-pregnancy",),
    ),
    Rule(
        label="N15",
        id="pregnancy-leg-swelling",
        urgency=_URGENT,
        trigger=AllOf(Reported("pregnant"), _findings(Finding.SWELLING, Finding.REDNESS, Finding.WARMTH)),
        fires_when="pregnant, with swelling, redness or warmth",
        sources=("hse-leg-cramps-pregnancy",),
    ),
    Rule(
        label="N16",
        id="severe-headache",
        urgency=_EMERGENCY,
        trigger=_findings(Finding.SEVERE_HEADACHE),
        fires_when="a sudden or very bad headache",
        sources=("nhs-headaches",),
    ),
    Rule(
        label="N17",
        id="cold-pale-limb",
        urgency=_EMERGENCY,
        trigger=_findings(Finding.COLD_PALE_LIMB),
        fires_when="an arm or leg gone cold, pale or blue, or numb",
        sources=("nhs-peripheral-arterial-disease",),
        decision="Emergency is our choice toward safety: a spasm report cannot tell a cold, pale limb from a "
        "blocked blood supply.",
    ),
    Rule(
        label="N18",
        id="injury-with-signs",
        urgency=_URGENT,
        trigger=AllOf(Reported("after_injury"), AnyOf(_SEVERE, _findings(Finding.SWELLING, Finding.WEAKNESS))),
        fires_when="after an injury, with severe pain, swelling or weakness",
        sources=("nhs-sprains-strains",),
        decision="Same-day care is our choice; the advice names the emergency department for a limb that "
        "looks misshapen or cannot take weight.",
    ),
    Rule(
        label="N19",
        id="palpitations",
        urgency=_URGENT,
        trigger=_findings(Finding.PALPITATIONS),
        fires_when="a racing, pounding or fluttering heartbeat",
        sources=("nhs-heart-palpitations",),
    ),
    Rule(
        label="N20",
        id="fainting-with-palpitations",
        urgency=_EMERGENCY,
        trigger=AllOf(_findings(Finding.FAINTING), _findings(Finding.PALPITATIONS)),
        fires_when="fainting with palpitations",
        sources=("nhs-heart-palpitations", "nhs-fainting"),
    ),
    Rule(
        label="N21",
        id="new-medicine-head-neck-spasm",
        urgency=_URGENT,
        trigger=AllOf(_NEW_MEDICINE, _HEAD_AND_NECK),
        fires_when="after a new medicine, a spasm of the neck, face, jaw or throat",
        sources=("nhs-prochlorperazine-side-effects",),
        decision="Applies the prochlorperazine wording to any new medicine, since people often do not know "
        "a medicine's group.",
    ),
    Rule(
        label="N22",
        id="medicine-fever-rigidity",
        urgency=_EMERGENCY,
        trigger=AllOf(
            AnyOf(_medicines(Medicine.ANTIPSYCHOTIC), _NEW_MEDICINE),
            _FEVER_OR_CHILLS,
            _findings(Finding.SPREADING, Finding.STIFF_JAW, Finding.TWITCHING, Finding.SWEATING),
        ),
        fires_when="on an antipsychotic or after a new medicine, fever or chills with spreading stiffness, "
        "a stiff jaw, twitching or sweating",
        sources=("nhs-prochlorperazine-side-effects",),
        decision="Emergency is our choice toward safety for fever with rigidity after a medicine.",
    ),
    Rule(
        label="N23",
        id="tingling-mouth-or-hands",
        urgency=_URGENT,
        trigger=_findings(Finding.TINGLING_MOUTH_FINGERS),
        fires_when="tingling around the mouth or in the fingertips, or hands cramping into a claw",
        sources=("nidirect-hypoparathyroidism", "merck-hypocalcemia"),
        decision="The sources (low calcium) say to see a GP; same-day care is our choice toward safety, since "
        "the same signs can come with breathing too fast or a falling calcium level that needs checking today.",
    ),
    Rule(
        label="N24",
        id="statin-new-dose",
        urgency=_URGENT,
        trigger=AllOf(_STATIN, _NEW_MEDICINE),
        fires_when="a new statin or a higher dose",
        sources=("mayo-statin-rhabdomyolysis", "nhs-atorvastatin"),
        decision="The higher urgency wins until the NHS statin wording is confirmed.",
    ),
)
