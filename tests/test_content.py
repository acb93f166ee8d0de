"""The bundled content: every fact of the article, the catalogs' ids, codes, sources and safety texts."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Any

import attrs
import importlib_resources
import pytest

import spasmfacts
from spasmfacts import NOT_REVIEWED, Citation, ClinicalReview, Code, ContentError, Fact, TreatmentKind, Urgency
from spasmfacts.content import COLLECTIONS, ContentLoader, make_converter
from spasmfacts.episode import EPISODE_FIELDS
from spasmfacts.scenario_pack import FILENAME as SCENARIO_PACK
from spasmfacts.vocabulary import AgeGroup, BodyArea, Finding, Medicine, Severity

DATA = importlib_resources.files("spasmfacts") / "data"

ICD_10_CM = "http://hl7.org/fhir/sid/icd-10-cm"
SNOMED_CT = "http://snomed.info/sct"
ATC = "http://www.whocc.no/atc"

# The bundled article, line by line, verbatim (../shared/source/muscle-spasms-article.txt).
ARTICLE_LINES = (
    (
        "Muscle spasms can be painful and uncomfortable, but they are often misunderstood. A muscle spasm is a sudden"
        " and involuntary contraction of a muscle or group of muscles. They can range from a mild twitch to a severe"
        " and debilitating muscle cramp."
    ),
    "Muscle spasms can occur in any muscle in the body, but they are most common in the neck, back, legs, and feet.",
    "Causes of Muscle Spasms",
    "There are many possible causes of muscle spasms, including:.",
    "- Dehydration",
    "- Electrolyte imbalances",
    "- Muscle fatigue",
    "- Overuse or injury to the muscle",
    "- Poor circulation",
    "- Poor posture",
    "- Stress or anxiety",
    "- Nerve damage or compression",
    "- Side effects of certain medications",
    (
        "In some cases, muscle spasms can be a symptom of an underlying medical condition, such as multiple sclerosis"
        " or Parkinson\u2019s disease."
    ),
    "Symptoms of Muscle Spasms",
    "Common symptoms of muscle spasms include:.",
    "- A sudden and involuntary muscle contraction",
    "- Pain and discomfort in the affected muscle or muscles",
    "- Twitching or jerking movements in the affected area",
    "- The muscle feeling hard and tense to the touch",
    "- Difficulty moving the affected area",
    (
        "If you experience muscle spasms that are severe, last for an extended period of time, or are accompanied by"
        " other symptoms such as fever, chills, or sweating, it is important to seek medical attention."
    ),
    "Treating Muscle Spasms",
    (
        "The treatment for muscle spasms depends on the underlying cause. In many cases, muscle spasms can be relieved"
        " with self-care measures, such as:."
    ),
    "- Stretching and massaging the affected muscle",
    "- Applying heat or ice to the affected area",
    "- Taking over-the-counter pain relievers, such as ibuprofen or acetaminophen",
    "- Staying hydrated",
    "- Eating a balanced diet rich in nutrients and electrolytes",
    "In some cases, your doctor may prescribe muscle relaxants or other medications to help relieve your symptoms.",
    (
        "If your muscle spasms are due to an underlying medical condition, your doctor will work with you to develop a"
        " treatment plan that addresses both the spasms and the underlying condition."
    ),
    "Preventing Muscle Spasms",
    "There are several things you can do to help prevent muscle spasms from occurring, including:.",
    "- Stretching regularly, especially before and after exercise",
    "- Drinking plenty of fluids",
    "- Eating a balanced diet that is rich in nutrients and electrolytes",
    "- Wearing comfortable shoes",
    "- Avoiding overexertion and overuse of muscles",
    (
        "If you are prone to muscle spasms, you may benefit from working with a physical therapist to"
        " develop an exercise"
        " and stretching routine that helps improve your muscle strength and flexibility."
    ),
    "When to See a Doctor",
    (
        "If your muscle spasms are severe, last for an extended period of time, or are accompanied by other"
        " symptoms such"
        " as fever, chills, or sweating, it is important to seek medical attention."
    ),
    (
        "Additionally, if your muscle spasms are interfering with your daily activities or quality of life, you should"
        " see a doctor."
    ),
    (
        "Muscle spasms can be uncomfortable and even painful, but with the right treatment and prevention strategies,"
        " you can manage your symptoms and improve your quality of life."
    ),
)
HEADINGS = (
    "Causes of Muscle Spasms",
    "Symptoms of Muscle Spasms",
    "Treating Muscle Spasms",
    "Preventing Muscle Spasms",
    "When to See a Doctor",
)
# The article has no heading over its opening paragraph or its closing line; citations name them so.
ARTICLE_SECTIONS = frozenset({"Introduction", *HEADINGS, "Conclusion"})

CAUSE_IDS = (
    "dehydration",
    "electrolyte-imbalance",
    "muscle-fatigue",
    "overuse-or-injury",
    "poor-circulation",
    "poor-posture",
    "stress-or-anxiety",
    "nerve-damage-or-compression",
    "medication-side-effects",
)
CONDITION_IDS = ("multiple-sclerosis", "parkinsons-disease")
SYMPTOM_IDS = (
    "involuntary-contraction",
    "pain-and-discomfort",
    "twitching-or-jerking",
    "hard-tense-muscle",
    "difficulty-moving",
)
TREATMENT_IDS = (
    "stretching",
    "massage",
    "heat-or-ice",
    "ibuprofen",
    "paracetamol",
    "hydration",
    "balanced-diet",
    "prescription-muscle-relaxants",
    "underlying-condition-treatment",
    "quinine",
)
PREVENTION_IDS = (
    "regular-stretching",
    "plenty-of-fluids",
    "balanced-diet",
    "comfortable-shoes",
    "avoid-overexertion",
    "physical-therapy-routine",
)

Ref = tuple[str, str]
"""(collection, id): a catalog function's name and an item's id; "overview" refers to the overview's facts."""


def _all(collection: str, ids: tuple[str, ...]) -> tuple[Ref, ...]:
    return tuple((collection, item_id) for item_id in ids)


# Every sentence and bullet of the article (headings aside), in order, with the items that carry its facts.
ARTICLE_MAP: tuple[tuple[str, tuple[Ref, ...]], ...] = (
    (
        "Muscle spasms can be painful and uncomfortable, but they are often misunderstood.",
        (("overview", "can-be-painful"), ("overview", "often-misunderstood")),
    ),
    (
        "A muscle spasm is a sudden and involuntary contraction of a muscle or group of muscles.",
        (("overview", "definition"),),
    ),
    (
        "They can range from a mild twitch to a severe and debilitating muscle cramp.",
        (("overview", "severity-range"),),
    ),
    (
        (
            "Muscle spasms can occur in any muscle in the body, but they are most common in the neck, back, legs,"
            " and feet."
        ),
        (("overview", "where-they-happen"),),
    ),
    ("There are many possible causes of muscle spasms, including:.", _all("causes", CAUSE_IDS)),
    ("- Dehydration", (("causes", "dehydration"),)),
    ("- Electrolyte imbalances", (("causes", "electrolyte-imbalance"),)),
    ("- Muscle fatigue", (("causes", "muscle-fatigue"),)),
    ("- Overuse or injury to the muscle", (("causes", "overuse-or-injury"),)),
    ("- Poor circulation", (("causes", "poor-circulation"),)),
    ("- Poor posture", (("causes", "poor-posture"),)),
    ("- Stress or anxiety", (("causes", "stress-or-anxiety"),)),
    ("- Nerve damage or compression", (("causes", "nerve-damage-or-compression"),)),
    ("- Side effects of certain medications", (("causes", "medication-side-effects"),)),
    (
        (
            "In some cases, muscle spasms can be a symptom of an underlying medical condition, such as multiple"
            " sclerosis"
            " or Parkinson\u2019s disease."
        ),
        _all("conditions", CONDITION_IDS),
    ),
    ("Common symptoms of muscle spasms include:.", _all("symptoms", SYMPTOM_IDS)),
    ("- A sudden and involuntary muscle contraction", (("symptoms", "involuntary-contraction"),)),
    ("- Pain and discomfort in the affected muscle or muscles", (("symptoms", "pain-and-discomfort"),)),
    ("- Twitching or jerking movements in the affected area", (("symptoms", "twitching-or-jerking"),)),
    ("- The muscle feeling hard and tense to the touch", (("symptoms", "hard-tense-muscle"),)),
    ("- Difficulty moving the affected area", (("symptoms", "difficulty-moving"),)),
    (
        (
            "If you experience muscle spasms that are severe, last for an extended period of time, or are"
            " accompanied by"
            " other symptoms such as fever, chills, or sweating, it is important to seek medical attention."
        ),
        _all("warning_signs", ("severe", "long-lasting", "fever-or-chills", "sweating-with-spasm")),
    ),
    (
        "The treatment for muscle spasms depends on the underlying cause.",
        (("overview", "treatment-depends-on-cause"),),
    ),
    (
        "In many cases, muscle spasms can be relieved with self-care measures, such as:.",
        (
            ("overview", "self-care-often-helps"),
            *_all("treatments", TREATMENT_IDS[:7]),
        ),
    ),
    ("- Stretching and massaging the affected muscle", _all("treatments", ("stretching", "massage"))),
    ("- Applying heat or ice to the affected area", (("treatments", "heat-or-ice"),)),
    (
        "- Taking over-the-counter pain relievers, such as ibuprofen or acetaminophen",
        _all("treatments", ("ibuprofen", "paracetamol")),
    ),
    ("- Staying hydrated", (("treatments", "hydration"),)),
    ("- Eating a balanced diet rich in nutrients and electrolytes", (("treatments", "balanced-diet"),)),
    (
        "In some cases, your doctor may prescribe muscle relaxants or other medications to help relieve your symptoms.",
        (("treatments", "prescription-muscle-relaxants"),),
    ),
    (
        (
            "If your muscle spasms are due to an underlying medical condition, your doctor will work with you to"
            " develop a"
            " treatment plan that addresses both the spasms and the underlying condition."
        ),
        (("treatments", "underlying-condition-treatment"),),
    ),
    (
        "There are several things you can do to help prevent muscle spasms from occurring, including:.",
        _all("prevention_measures", PREVENTION_IDS[:5]),
    ),
    ("- Stretching regularly, especially before and after exercise", (("prevention_measures", "regular-stretching"),)),
    ("- Drinking plenty of fluids", (("prevention_measures", "plenty-of-fluids"),)),
    (
        "- Eating a balanced diet that is rich in nutrients and electrolytes",
        (("prevention_measures", "balanced-diet"),),
    ),
    ("- Wearing comfortable shoes", (("prevention_measures", "comfortable-shoes"),)),
    ("- Avoiding overexertion and overuse of muscles", (("prevention_measures", "avoid-overexertion"),)),
    (
        (
            "If you are prone to muscle spasms, you may benefit from working with a physical therapist to develop an"
            " exercise and stretching routine that helps improve your muscle strength and flexibility."
        ),
        (("prevention_measures", "physical-therapy-routine"),),
    ),
    (
        (
            "If your muscle spasms are severe, last for an extended period of time, or are accompanied by other"
            " symptoms"
            " such as fever, chills, or sweating, it is important to seek medical attention."
        ),
        _all("warning_signs", ("severe", "long-lasting", "fever-or-chills", "sweating-with-spasm")),
    ),
    (
        (
            "Additionally, if your muscle spasms are interfering with your daily activities or quality of life,"
            " you should"
            " see a doctor."
        ),
        (("warning_signs", "daily-life"),),
    ),
    (
        (
            "Muscle spasms can be uncomfortable and even painful, but with the right treatment and prevention"
            " strategies,"
            " you can manage your symptoms and improve your quality of life."
        ),
        (("overview", "outlook"), ("overview", "can-be-painful")),
    ),
)

R, U, E = Urgency.ROUTINE, Urgency.URGENT, Urgency.EMERGENCY

# The rule table of clinical-rules.md (version 2): (id, urgency, sources), in table order. N23 names no source in
# the specification; its two are the public pages the content cites for it.
RULE_TABLE: tuple[tuple[str, Urgency, tuple[str, ...]], ...] = (
    ("severe", R, ("article", "mayo-muscle-cramp")),  # A1
    ("long-lasting", U, ("article", "nhs-leg-cramps", "nidirect-leg-cramps")),  # A2
    ("fever-or-chills", U, ("article", "nhsinform-fever-adults", "nhs-tetanus")),  # A3a
    ("sweating-with-spasm", R, ("article",)),  # A3b
    ("daily-life", R, ("article", "nidirect-leg-cramps")),  # A4
    ("disturbs-sleep", R, ("nhs-leg-cramps", "nidirect-leg-cramps")),  # E1
    ("recurrent", R, ("nidirect-leg-cramps", "mayo-muscle-cramp")),  # E2
    ("no-improvement", R, ("mayo-muscle-cramp", "medlineplus-muscle-cramps")),  # E3
    ("new-medication", R, ("merck-muscle-cramps", "nice-cks-leg-cramps")),  # E4
    ("heavy-drinking", R, ("merck-muscle-cramps",)),  # E4b
    ("nerve-signs", U, ("merck-muscle-cramps", "nhs-leg-cramps")),  # E5
    ("wasting-or-twitching", R, ("nidirect-mnd", "nice-cks-leg-cramps", "merck-muscle-cramps")),  # E5b
    ("circulation-signs", U, ("nhs-dvt", "nhs-leg-cramps")),  # E6
    ("fluid-loss", U, ("merck-muscle-cramps",)),  # E7
    ("belly-cramp", U, ("merck-muscle-cramps",)),  # E8a
    ("belly-cramp-severe", E, ("nhsinform-stomach-ache",)),  # E8b
    ("arm-cramp", U, ("merck-muscle-cramps",)),  # E8c
    ("wound-and-danger-signs", E, ("nhs-tetanus", "nhs-tetanus-jab")),  # E9a
    ("after-wound", U, ("nhs-leg-cramps", "nhs-tetanus-jab")),  # E9b
    ("after-toxin", U, ("nidirect-leg-cramps", "nhs-leg-cramps")),  # E9c
    ("chest-or-breathing", E, ("hse-chest-pain", "nhs-dvt", "merck-muscle-cramps")),  # E10
    ("confusion", E, ("nhs-confusion",)),  # E11
    ("fainting", U, ("nhs-fainting",)),  # E11b
    ("dark-or-little-urine", U, ("mayo-statin-rhabdomyolysis", "msd-rhabdomyolysis", "nhsinform-fever-adults")),  # E12a
    ("dark-urine-with-weakness", E, ("mayo-statin-rhabdomyolysis", "msd-rhabdomyolysis")),  # E12b
    ("walking-cramps", R, ("merck-muscle-cramps",)),  # E13
    ("neck-and-fever", E, ("esth-meningitis", "nhs-meningitis", "nhs-tetanus")),  # E14
    ("fit", E, ("nhs-fainting",)),  # N1
    ("stiff-jaw-or-spreading", U, ("nhs-tetanus",)),  # N2
    ("stiff-jaw-and-spreading", E, ("nhs-tetanus", "nhs-tetanus-jab")),  # N3
    ("swallowing-trouble", E, ("nhs-tetanus",)),  # N4
    ("medicine-face-neck-spasm", U, ("nhs-prochlorperazine-side-effects",)),  # N5
    ("statin-muscle-symptoms", U, ("mayo-statin-rhabdomyolysis",)),  # N6
    ("taking-statin", R, ("mayo-statin-rhabdomyolysis", "nhs-leg-cramps")),  # N7
    ("taking-water-tablet", R, ("nhs-leg-cramps", "nice-cks-leg-cramps")),  # N8
    ("face-arm-speech-signs", E, ("bcuhb-stroke",)),  # N9
    ("saddle-or-bladder-signs", E, ("hscni-low-back-pain",)),  # N10
    ("back-and-both-legs", E, ("hscni-low-back-pain",)),  # N11
    ("heat-not-settling", E, ("phw-heat", "cleveland-heat-illness")),  # N12
    ("baby-spasms", E, ("chi-infantile-spasms",)),  # N13
    ("pregnancy-belly-cramp", U, ("hse-stomach-pain-pregnancy",)),  # N14
    ("pregnancy-leg-swelling", U, ("hse-leg-cramps-pregnancy",)),  # N15
    ("severe-headache", E, ("nhs-headaches",)),  # N16
    ("cold-pale-limb", E, ("nhs-peripheral-arterial-disease",)),  # N17
    ("injury-with-signs", U, ("nhs-sprains-strains",)),  # N18
    ("palpitations", U, ("nhs-heart-palpitations",)),  # N19
    ("fainting-with-palpitations", E, ("nhs-heart-palpitations", "nhs-fainting")),  # N20
    ("new-medicine-head-neck-spasm", U, ("nhs-prochlorperazine-side-effects",)),  # N21
    ("medicine-fever-rigidity", E, ("nhs-prochlorperazine-side-effects",)),  # N22
    ("tingling-mouth-or-hands", U, ("nidirect-hypoparathyroidism", "merck-hypocalcemia")),  # N23
    ("statin-new-dose", U, ("mayo-statin-rhabdomyolysis", "nhs-atorvastatin")),  # N24
)
WARNING_SIGN_IDS = tuple(sign_id for sign_id, _, _ in RULE_TABLE)

EXPECTED_IDS: dict[str, tuple[str, ...]] = {
    "causes": CAUSE_IDS,
    "conditions": CONDITION_IDS,
    "symptoms": SYMPTOM_IDS,
    "treatments": TREATMENT_IDS,
    "prevention_measures": PREVENTION_IDS,
    "warning_signs": WARNING_SIGN_IDS,
    "next_steps": ("self-care", "see-a-doctor", "same-day", "emergency"),
    "cautions": ("painkillers", "fluid-limit", "heat", "pregnancy"),
    "questions": EPISODE_FIELDS,
    "sources": (
        "article",
        "nhs-leg-cramps",
        "nidirect-leg-cramps",
        "nhs-dvt",
        "nhs-tetanus",
        "nhs-tetanus-jab",
        "nhs-meningitis",
        "nhs-confusion",
        "nhs-fainting",
        "nhs-prochlorperazine-side-effects",
        "nhs-atorvastatin",
        "nhs-paracetamol-adults",
        "nhs-ibuprofen-adults",
        "nhsinform-stomach-ache",
        "nhsinform-fever-adults",
        "phw-heat",
        "bcuhb-stroke",
        "hscni-low-back-pain",
        "esth-meningitis",
        "nidirect-mnd",
        "hse-chest-pain",
        "hse-leg-cramps-pregnancy",
        "hse-stomach-pain-pregnancy",
        "chi-infantile-spasms",
        "mayo-muscle-cramp",
        "mayo-statin-rhabdomyolysis",
        "msd-rhabdomyolysis",
        "medlineplus-muscle-cramps",
        "merck-muscle-cramps",
        "cleveland-heat-illness",
        "nice-cks-leg-cramps",
        "cleveland-muscle-spasms",
        "mhra-quinine",
        "nhs-headaches",
        "nhs-peripheral-arterial-disease",
        "nhs-sprains-strains",
        "nhs-heart-palpitations",
        "hfa-fluids",
        "kha-dialysis-fluids",
        "nhs-wales-paracetamol",
        "arthritis-society-nsaids",
        "nidirect-hypoparathyroidism",
        "merck-hypocalcemia",
    ),
}

TREATMENT_KINDS = {
    "stretching": TreatmentKind.SELF_CARE,
    "massage": TreatmentKind.SELF_CARE,
    "heat-or-ice": TreatmentKind.SELF_CARE,
    "ibuprofen": TreatmentKind.OTC_MEDICINE,
    "paracetamol": TreatmentKind.OTC_MEDICINE,
    "hydration": TreatmentKind.SELF_CARE,
    "balanced-diet": TreatmentKind.SELF_CARE,
    "prescription-muscle-relaxants": TreatmentKind.PRESCRIPTION_MEDICINE,
    "underlying-condition-treatment": TreatmentKind.PROFESSIONAL_CARE,
    "quinine": TreatmentKind.PRESCRIPTION_MEDICINE,
}

# The checked codes of interop.md, where they go: (item, system, code, display).
EXPECTED_CODES = [
    ("overview", ICD_10_CM, "R25.2", "Cramp and spasm"),
    ("overview", SNOMED_CT, "55300003", "Cramp"),
    ("conditions/multiple-sclerosis", SNOMED_CT, "24700007", "Multiple sclerosis"),
    ("conditions/parkinsons-disease", SNOMED_CT, "49049000", "Parkinson's disease"),
    ("treatments/ibuprofen", ATC, "M01AE01", "ibuprofen"),
    ("treatments/paracetamol", ATC, "N02BE01", "paracetamol"),
]

# The source table of clinical-rules.md, then the sources the cautions and row N23 cite: (id, title, publisher, url).
EXPECTED_SOURCES = [
    (
        "article",
        "Muscle spasms: causes, symptoms, treatment and prevention",
        "spasmfacts (the bundled source article)",
        None,
    ),
    (
        "nhs-leg-cramps",
        "Leg cramps",
        "NHS website",
        "https://www.nhs.uk/conditions/leg-cramps/",
    ),
    (
        "nidirect-leg-cramps",
        "Leg cramps",
        "nidirect (Northern Ireland government services)",
        "https://www.nidirect.gov.uk/conditions/leg-cramps",
    ),
    (
        "nhs-dvt",
        "Deep vein thrombosis (DVT)",
        "NHS website",
        "https://www.nhs.uk/conditions/deep-vein-thrombosis-dvt/",
    ),
    (
        "nhs-tetanus",
        "Tetanus",
        "NHS website",
        "https://www.nhs.uk/conditions/tetanus/",
    ),
    (
        "nhs-tetanus-jab",
        "Do I need a tetanus jab (vaccine) after an accident or injury?",
        "NHS website",
        (
            "https://www.nhs.uk/common-health-questions/"
            "accidents-first-aid-and-treatments/do-i-need-a-tetanus-jab-vaccine-after-an-accident-or-injury/"
        ),
    ),
    (
        "nhs-meningitis",
        "Meningitis",
        "NHS website",
        "https://www.nhs.uk/conditions/meningitis/",
    ),
    (
        "nhs-confusion",
        "Sudden confusion (delirium)",
        "NHS website",
        "https://www.nhs.uk/conditions/confusion/",
    ),
    (
        "nhs-fainting",
        "Fainting",
        "NHS website",
        "https://www.nhs.uk/conditions/fainting/",
    ),
    (
        "nhs-prochlorperazine-side-effects",
        "Side effects of prochlorperazine",
        "NHS website",
        "https://www.nhs.uk/medicines/prochlorperazine/side-effects-of-prochlorperazine/",
    ),
    (
        "nhs-atorvastatin",
        "Atorvastatin",
        "NHS website",
        "https://www.nhs.uk/medicines/atorvastatin/",
    ),
    (
        "nhs-paracetamol-adults",
        "Paracetamol for adults",
        "NHS website",
        "https://www.nhs.uk/medicines/paracetamol-for-adults/",
    ),
    (
        "nhs-ibuprofen-adults",
        "Ibuprofen for adults",
        "NHS website",
        "https://www.nhs.uk/medicines/ibuprofen-for-adults/",
    ),
    (
        "nhsinform-stomach-ache",
        "Stomach ache and abdominal pain",
        "NHS inform (Scotland)",
        (
            "https://www.nhsinform.scot/illnesses-and-conditions/"
            "stomach-liver-and-gastrointestinal-tract/stomach-ache-and-abdominal-pain"
        ),
    ),
    (
        "nhsinform-fever-adults",
        "Fever in adults",
        "NHS inform (Scotland)",
        ("https://www.nhsinform.scot/illnesses-and-conditions/infections-and-poisoning/fever-in-adults"),
    ),
    (
        "phw-heat",
        "Heat exhaustion and heatstroke",
        "Public Health Wales",
        (
            "https://publichealthwales.nhs.wales/services-and-teams/"
            "environmental-public-health/extreme-hot-weather/extreme-hot-weather-accordion/heat-exhaustion-and-heatstroke/"
        ),
    ),
    (
        "bcuhb-stroke",
        "Signs of stroke (FAST)",
        "Betsi Cadwaladr University Health Board (NHS Wales)",
        ("https://bcuhb.nhs.wales/services/hospital-services/stroke-service/signs-of-stroke-fast"),
    ),
    (
        "hscni-low-back-pain",
        "Low back pain",
        "Northern Health and Social Care Trust (Northern Ireland)",
        (
            "https://www.northerntrust.hscni.net/services/physiotherapy-services/"
            "physiotherapy-service-outpatient-service/low-back-pain/"
        ),
    ),
    (
        "esth-meningitis",
        "Meningitis",
        "Epsom and St Helier University Hospitals NHS Trust",
        "https://epsom-sthelier.nhs.uk/meningitis",
    ),
    (
        "nidirect-mnd",
        "Motor neurone disease",
        "nidirect (Northern Ireland government services)",
        "https://www.nidirect.gov.uk/conditions/motor-neurone-disease",
    ),
    (
        "hse-chest-pain",
        "Chest pain",
        "HSE (Health Service Executive, Ireland)",
        "https://www2.hse.ie/conditions/chest-pain/",
    ),
    (
        "hse-leg-cramps-pregnancy",
        "Leg cramps during pregnancy",
        "HSE (Ireland)",
        "https://www2.hse.ie/conditions/leg-cramps-pregnancy/",
    ),
    (
        "hse-stomach-pain-pregnancy",
        "Stomach pain in pregnancy",
        "HSE (Ireland)",
        "https://www2.hse.ie/conditions/warning-signs-during-pregnancy/stomach-pain/",
    ),
    (
        "chi-infantile-spasms",
        "Infantile spasms awareness",
        "Children's Health Ireland",
        (
            "https://childrenshealthireland.ie/tallaght/"
            "childrens-health-ireland-help-raise-awareness-for-infantile-spasms-awareness-week-1-7th-december/"
        ),
    ),
    (
        "mayo-muscle-cramp",
        "Muscle cramp: symptoms and causes",
        "Mayo Clinic",
        ("https://www.mayoclinic.org/diseases-conditions/muscle-cramp/symptoms-causes/syc-20350820"),
    ),
    (
        "mayo-statin-rhabdomyolysis",
        "Rhabdomyolysis from statins: what's the risk?",
        "Mayo Clinic",
        (
            "https://www.mayoclinic.org/diseases-conditions/high-blood-cholesterol/"
            "expert-answers/rhabdomyolysis/faq-20057817"
        ),
    ),
    (
        "msd-rhabdomyolysis",
        "Rhabdomyolysis (consumer version)",
        "MSD Manual",
        ("https://www.msdmanuals.com/home/kidney-and-urinary-tract-disorders/kidney-failure/rhabdomyolysis"),
    ),
    (
        "medlineplus-muscle-cramps",
        "Muscle cramps",
        "MedlinePlus, U.S. National Library of Medicine",
        "https://medlineplus.gov/ency/article/003193.htm",
    ),
    (
        "merck-muscle-cramps",
        "Muscle cramps (consumer version)",
        "Merck Manual",
        (
            "https://www.merckmanuals.com/home/"
            "quick-facts-brain,-spinal-cord,-and-nerve-disorders/symptoms-of-brain-spinal-cord-and-nerve-disorders/muscle-cramps"
        ),
    ),
    (
        "cleveland-heat-illness",
        "Heat illness",
        "Cleveland Clinic",
        "https://my.clevelandclinic.org/health/diseases/16425-heat-illness",
    ),
    (
        "nice-cks-leg-cramps",
        "Leg cramps",
        "NICE Clinical Knowledge Summaries",
        "https://cks.nice.org.uk/topics/leg-cramps/",
    ),
    (
        "cleveland-muscle-spasms",
        "Muscle spasms",
        "Cleveland Clinic",
        "https://my.clevelandclinic.org/health/diseases/15466-muscle-spasms",
    ),
    (
        "mhra-quinine",
        "Quinine: not to be used routinely for nocturnal leg cramps",
        "MHRA Drug Safety Update (GOV.UK)",
        ("https://www.gov.uk/drug-safety-update/quinine-not-to-be-used-routinely-for-nocturnal-leg-cramps"),
    ),
    (
        "nhs-headaches",
        "Headaches",
        "NHS website",
        "https://www.nhs.uk/conditions/headaches/",
    ),
    (
        "nhs-peripheral-arterial-disease",
        "Peripheral arterial disease (PAD)",
        "NHS website",
        "https://www.nhs.uk/conditions/peripheral-arterial-disease-pad/",
    ),
    (
        "nhs-sprains-strains",
        "Sprains and strains",
        "NHS website",
        "https://www.nhs.uk/conditions/sprains-and-strains/",
    ),
    (
        "nhs-heart-palpitations",
        "Heart palpitations",
        "NHS website",
        "https://www.nhs.uk/conditions/heart-palpitations/",
    ),
    (
        "hfa-fluids",
        "Adjusting your diet: fluids",
        "Heart Failure Matters (Heart Failure Association of the ESC)",
        "https://www.heartfailurematters.org/what-you-can-do/adjusting-your-diet-fluids/",
    ),
    (
        "kha-dialysis-fluids",
        "Diet and nutrition",
        "Kidney Health Australia",
        ("https://kidney.org.au/your-kidneys/living-with-kidney-disease/health-and-wellbeing/diet-nutrition"),
    ),
    (
        "nhs-wales-paracetamol",
        "Paracetamol for adults",
        "NHS 111 Wales",
        "https://111.wales.nhs.uk/encyclopaedia/p/article/paracetamolforadults",
    ),
    (
        "arthritis-society-nsaids",
        "Non-steroidal anti-inflammatory drugs (NSAIDs)",
        "Arthritis Society Canada",
        (
            "https://arthritis.ca/Treatment/Medication/Medication-Reference-Guide/"
            "Medications/Non-Steroidal-Anti-inflammatory-Drugs-(NSAIDs)"
        ),
    ),
    (
        "nidirect-hypoparathyroidism",
        "Hypoparathyroidism",
        "nidirect (Northern Ireland government services)",
        "https://www.nidirect.gov.uk/node/12122",
    ),
    (
        "merck-hypocalcemia",
        "Hypocalcemia (low level of calcium in the blood) (consumer version)",
        "Merck Manual",
        (
            "https://www.merckmanuals.com/home/hormonal-and-metabolic-disorders/"
            "electrolyte-balance/hypocalcemia-low-level-of-calcium-in-the-blood"
        ),
    ),
]

CATALOGS = tuple(COLLECTIONS)
"""The name of every catalog function."""

DATA_FILES: dict[str, Any] = {
    "overview.json": spasmfacts.Overview,
    "metadata.json": spasmfacts.Metadata,
    **{filename: tuple[record, ...] for filename, record, _ in COLLECTIONS.values()},  # type: ignore[valid-type]
}


def _resolve(ref: Ref) -> Any:
    collection, item_id = ref
    if collection == "overview":
        return next(fact for fact in spasmfacts.overview().facts if fact.id == item_id)
    return getattr(spasmfacts, collection)().lookup(item_id)


def _content() -> Iterator[tuple[str, object]]:
    """Every content object with a label: the overview, the metadata and every catalog item."""
    yield "overview", spasmfacts.overview()
    yield "metadata", spasmfacts.metadata()
    for name in CATALOGS:
        for item in getattr(spasmfacts, name)():
            yield f"{name}/{item.id}", item


def _leaves(value: object, path: str = "") -> Iterator[tuple[str, object]]:
    """Every field value under ``value`` with its path; a Code or a Citation counts as one leaf."""
    cls = type(value)
    if isinstance(value, tuple):
        for index, item in enumerate(value):
            yield from _leaves(item, f"{path}[{index}]")
    elif attrs.has(cls) and not isinstance(value, Code | Citation):
        for field in attrs.fields(cls):
            yield from _leaves(getattr(value, field.name), f"{path}.{field.name}")
    else:
        yield path, value


def _texts() -> Iterator[tuple[str, str]]:
    for label, value in _content():
        for path, leaf in _leaves(value):
            if isinstance(leaf, str):
                yield f"{label}{path}", leaf


def _segments() -> list[str]:
    """The article's sentences and bullets in order, headings left out."""
    segments: list[str] = []
    for line in ARTICLE_LINES:
        if line in HEADINGS:
            continue
        if line.startswith("- "):
            segments.append(line)
        else:
            segments.extend(re.split(r"(?<=\.)\s+(?=[A-Z])", line))
    return segments


def test_article_map_covers_every_sentence_and_bullet() -> None:
    """Every sentence and bullet of the article appears in the map, once, in the article's order."""
    assert [text for text, _ in ARTICLE_MAP] == _segments()
    assert len(ARTICLE_LINES) == 43


@pytest.mark.parametrize(("text", "refs"), ARTICLE_MAP, ids=[text[:40] for text, _ in ARTICLE_MAP])
def test_every_article_sentence_maps_to_items_citing_the_article(text: str, refs: tuple[Ref, ...]) -> None:
    """Each sentence or bullet of the article is carried by content items that exist and cite the article."""
    assert refs, text
    for ref in refs:
        item = _resolve(ref)
        assert "article" in {citation.source for citation in item.citations}, ref


def test_every_item_citing_the_article_carries_a_mapped_sentence() -> None:
    """No item in the article's collections cites the article without a sentence of it to stand on."""
    mapped = {ref for _, refs in ARTICLE_MAP for ref in refs}
    citing: set[Ref] = {
        ("overview", fact.id)
        for fact in spasmfacts.overview().facts
        if any(c.source == "article" for c in fact.citations)
    }
    for name in ("causes", "conditions", "symptoms", "treatments", "prevention_measures", "warning_signs"):
        citing |= {
            (name, item.id)
            for item in getattr(spasmfacts, name)()
            if any(c.source == "article" for c in item.citations)
        }
    assert citing == mapped


def test_article_citations_name_a_section_of_the_article() -> None:
    """Every citation of the article names one of its headings, or its untitled introduction or conclusion."""
    sections = {
        leaf.section
        for _, value in _content()
        for _, leaf in _leaves(value)
        if isinstance(leaf, Citation) and leaf.source == "article"
    }
    assert sections
    assert sections <= ARTICLE_SECTIONS


@pytest.mark.parametrize("name", list(EXPECTED_IDS))
def test_catalog_ids_are_exactly_the_specifications_ids_in_order(name: str) -> None:
    """Each catalog holds exactly the ids the specification lists, in data-file order."""
    catalog = getattr(spasmfacts, name)()
    assert catalog.ids == EXPECTED_IDS[name]
    assert [item.id for item in catalog] == list(EXPECTED_IDS[name])
    assert len(catalog) == len(EXPECTED_IDS[name])


def test_catalog_counts() -> None:
    """The catalogs hold 9 causes, 2 conditions, 5 symptoms, 10 treatments, 6 measures, 51 signs and 4 cautions."""
    counts = {name: len(getattr(spasmfacts, name)()) for name in EXPECTED_IDS}
    assert counts == {
        "causes": 9,
        "conditions": 2,
        "symptoms": 5,
        "treatments": 10,
        "prevention_measures": 6,
        "warning_signs": 51,
        "next_steps": 4,
        "cautions": 4,
        "questions": 20,
        "sources": 43,
    }


def test_overview_facts() -> None:
    """The overview carries one fact per statement of the article's opening and closing, with unique ids."""
    overview = spasmfacts.overview()
    assert overview.id == "muscle-spasms"
    assert [fact.id for fact in overview.facts] == [
        "definition",
        "can-be-painful",
        "often-misunderstood",
        "severity-range",
        "where-they-happen",
        "treatment-depends-on-cause",
        "self-care-often-helps",
        "outlook",
    ]
    assert all(isinstance(fact, Fact) for fact in overview.facts)


def test_treatment_kinds() -> None:
    """Each treatment has its kind: self-care, OTC medicine, prescription (quinine too) or professional care."""
    assert {item.id: item.kind for item in spasmfacts.treatments()} == TREATMENT_KINDS
    assert set(TREATMENT_KINDS.values()) == set(TreatmentKind)
    assert [kind.value for kind in TreatmentKind] == [
        "self_care",
        "otc_medicine",
        "prescription_medicine",
        "professional_care",
    ]


def test_painkiller_and_fluid_treatments_carry_their_cautions() -> None:
    """Ibuprofen and paracetamol ease soreness, not the cramp, and point to the caution; fluids respect a limit."""
    treatments = spasmfacts.treatments()
    for painkiller in ("ibuprofen", "paracetamol"):
        summary = treatments.lookup(painkiller).summary
        assert "soreness after a cramp" in summary
        assert "too slow to stop the cramp" in summary
        assert "painkiller caution" in summary
    limit = "unless a doctor has told you to limit how much you drink"
    assert limit in treatments.lookup("hydration").summary
    assert limit in spasmfacts.prevention_measures().lookup("plenty-of-fluids").summary
    assert limit in spasmfacts.next_steps().lookup("self-care").advice


def test_quinine_is_a_prescription_medicine_with_its_limits() -> None:
    """Quinine is prescription-only, for very bad night cramps when stretching fails, with its risks and review."""
    quinine = spasmfacts.treatments().lookup("quinine")
    assert quinine.kind is TreatmentKind.PRESCRIPTION_MEDICINE
    assert quinine.codes == ()
    for words in ("very bad night cramps", "stretching fails", "serious side effects", "4 weeks"):
        assert words in quinine.summary
    assert {"nhs-leg-cramps", "mhra-quinine"} <= {citation.source for citation in quinine.citations}


def test_codes_are_exactly_the_checked_codes_of_interop() -> None:
    """The content carries exactly the codes interop.md lists, where it places them, and no other code."""
    found = [
        (label, leaf.system, leaf.code, leaf.display)
        for label, value in _content()
        for _, leaf in _leaves(value)
        if isinstance(leaf, Code)
    ]
    assert found == EXPECTED_CODES


def test_sources_are_exactly_the_source_table() -> None:
    """The sources are the specification's table plus the cited extras: ids, titles, publishers, addresses."""
    assert [(s.id, s.title, s.publisher, s.url) for s in spasmfacts.sources()] == EXPECTED_SOURCES
    assert "fairview-rhabdomyolysis" not in spasmfacts.sources()


def test_every_source_has_the_day_it_was_checked() -> None:
    """Every source records the day it was checked, no later than the content's own last change."""
    updated = spasmfacts.metadata().updated
    for source in spasmfacts.sources():
        assert type(source.accessed) is date, source.id
        assert date(2026, 1, 1) <= source.accessed <= updated, source.id
    assert spasmfacts.sources().lookup("article").accessed == date(2026, 11, 29)


def test_warning_signs_match_the_rule_table() -> None:
    """Warning-sign ids and urgencies equal both the specification's rule table and spasmfacts.RULES, row for row."""
    expected = [(sign_id, urgency) for sign_id, urgency, _ in RULE_TABLE]
    assert [(sign.id, sign.urgency) for sign in spasmfacts.warning_signs()] == expected
    assert [(rule.id, rule.urgency) for rule in spasmfacts.RULES] == expected


def test_warning_signs_cite_the_rule_tables_sources() -> None:
    """Every warning sign cites each source its row of the rule table names."""
    for sign_id, _, sources in RULE_TABLE:
        cited = {citation.source for citation in spasmfacts.warning_signs().lookup(sign_id).citations}
        assert set(sources) <= cited, sign_id


@pytest.mark.parametrize("name", [name for name in CATALOGS if name != "questions"])
def test_ids_are_unique_kebab_case(name: str) -> None:
    """Within each catalog (and among the overview's facts) every id is unique and kebab-case."""
    ids = list(getattr(spasmfacts, name)().ids)
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", item_id) for item_id in ids)
    facts = [fact.id for fact in spasmfacts.overview().facts]
    assert len(facts) == len(set(facts))


def test_questions_follow_the_episode_fields_and_vocabularies() -> None:
    """There is one question per Episode field, in field order; options spell out each vocabulary in enum order."""
    questions = spasmfacts.questions()
    assert questions.ids == EPISODE_FIELDS
    vocabularies: dict[str, type[Enum]] = {
        "severity": Severity,
        "body_areas": BodyArea,
        "accompanied_by": Finding,
        "medicines": Medicine,
        "age_group": AgeGroup,
    }
    for question in questions:
        assert "?" in question.text, question.id
        vocabulary = vocabularies.get(question.id)
        expected = [member.value for member in vocabulary] if vocabulary else []
        assert [option.value for option in question.options] == expected, question.id
        assert len({option.label for option in question.options}) == len(question.options), question.id


def test_every_item_is_sourced_and_citations_resolve() -> None:
    """Every content item (questions and phrases, which state no fact, aside) has a citation naming a known source."""
    known = set(spasmfacts.sources().ids)
    cited = sourced = 0
    for label, value in _content():
        if label == "metadata" or label.startswith(("sources/", "questions/", "phrases/")):
            continue
        sourced += 1
        assert len(value.citations) >= 1, label  # type: ignore[attr-defined]
        for path, leaf in _leaves(value):
            if isinstance(leaf, Citation):
                cited += 1
                assert leaf.source in known, f"{label}{path}"
                assert leaf.section.strip(), f"{label}{path}"
    for fact in spasmfacts.overview().facts:
        assert len(fact.citations) >= 1, fact.id
    assert sourced == 1 + 9 + 2 + 5 + 10 + 6 + 51 + 4 + 4
    assert cited >= sourced + len(spasmfacts.overview().facts)


def test_every_source_is_cited() -> None:
    """Every source in the source table backs at least one item: no source is listed for show."""
    cited = {
        leaf.source
        for label, value in _content()
        if label != "metadata" and not label.startswith("sources/")
        for _, leaf in _leaves(value)
        if isinstance(leaf, Citation)
    }
    assert cited == set(spasmfacts.sources().ids)


def test_every_summary_fits_a_card() -> None:
    """Every summary in the content is under 140 characters (one CDS Hooks card line)."""
    summaries = [(path, text) for path, text in _texts() if path.endswith(".summary")]
    assert len(summaries) == 1 + 9 + 2 + 5 + 10 + 6 + 51 + 4 + 4
    for path, text in summaries:
        assert 0 < len(text) < 140, path


def test_metadata() -> None:
    """The metadata gives version, language, dates in order, an unsigned review, the intended use and the disclaimer."""
    meta = spasmfacts.metadata()
    assert meta.content_version == "2026.12.0"
    assert meta.language == "en"
    assert meta.updated == date(2026, 11, 29)
    assert meta.next_review == date(2027, 5, 29)
    assert meta.review == ClinicalReview(status=NOT_REVIEWED)
    assert meta.license == "CC-BY-4.0"
    assert "spasmfacts" in meta.attribution
    assert "not medical advice" in meta.disclaimer
    assert "local emergency number" in meta.disclaimer


def test_intended_use_says_whom_it_is_for_and_not_for() -> None:
    """The five intended-use statements: adults 16+, no diagnosis, unanswered listed, no children, no collapse."""
    statements = spasmfacts.metadata().intended_use
    assert len(statements) == 5
    adults, information, unanswered, children, not_for = statements
    assert "16 and over" in adults
    assert "get help now" in adults
    assert "not a diagnosis" in information
    assert "clinician must review it before it is used with patients" in information
    assert "never takes a missing answer as a no" in unanswered
    assert "not for children under 16" in children
    assert "baby under 1" in children
    assert "collapsed" in not_for
    assert "start, stop or change a medicine" in not_for


def test_disclaimer_is_for_end_users_only() -> None:
    """The disclaimer speaks to the person using the app; the note for developers lives in the intended use."""
    disclaimer = spasmfacts.metadata().disclaimer
    assert "clinician" not in disclaimer
    assert "rules" not in disclaimer
    assert "patients" not in disclaimer


def test_next_steps_one_per_urgency() -> None:
    """There is one next step per urgency, with the ids self-care, see-a-doctor, same-day and emergency."""
    steps = spasmfacts.next_steps()
    assert [(step.urgency, step.id) for step in steps] == [
        (Urgency.SELF_CARE, "self-care"),
        (Urgency.ROUTINE, "see-a-doctor"),
        (Urgency.URGENT, "same-day"),
        (Urgency.EMERGENCY, "emergency"),
    ]


# The main emergency signs, worded as in the rows, that the self-care safety net must name.
SAFETY_NET_SIGNS = (
    "Chest pain, or it is hard to breathe.",
    "Trouble swallowing.",
    "A stiff jaw after a wound.",
    "New confusion, or a fit.",
    "A sudden, very bad headache.",
    "A stiff neck with a high temperature.",
    "An arm or leg gone cold and pale.",
    "Brown or cola-coloured pee with weakness.",
)


def test_self_care_step_carries_a_safety_net() -> None:
    """The self-care step never reassures, says what to do if things change, and lists the main emergency signs."""
    step = spasmfacts.next_steps().lookup("self-care")
    text = f"{step.summary} {step.advice}".lower()
    assert "you are fine" not in text
    assert "nothing to worry" not in text
    assert "worse" in text
    assert "anything new" in text
    assert "contact a doctor" in text
    assert "call your local emergency number now if you have any of these signs:" in text
    for sign in SAFETY_NET_SIGNS:
        assert sign in step.advice, sign


def test_routine_and_urgent_steps_carry_a_safety_net() -> None:
    """Book-an-appointment and same-day steps say when to get help sooner and when to call the emergency number."""
    routine = spasmfacts.next_steps().lookup("see-a-doctor").advice
    urgent = spasmfacts.next_steps().lookup("same-day").advice
    assert routine.startswith("Book an appointment with a doctor or GP.")
    assert "get help today" in routine
    assert urgent.startswith("Get medical help today. Call your doctor's surgery now.")
    assert "If it is closed, use your local out-of-hours or urgent care service." in urgent
    for advice in (routine, urgent):
        assert "call your local emergency number now" in advice


def test_no_text_reassures() -> None:
    """No content text tells the user they are fine or have nothing to worry about."""
    for path, text in _texts():
        lowered = text.lower()
        assert "you are fine" not in lowered, path
        assert "nothing to worry" not in lowered, path


def test_emergency_step_names_the_local_emergency_number() -> None:
    """The emergency step: call the local emergency number now (with examples), or go to an emergency department."""
    advice = spasmfacts.next_steps().lookup("emergency").advice
    assert advice.startswith("Call your local emergency number now. ")
    assert "For example, call 999 in the UK, 911 in the US or 112 in the EU." in advice
    assert "Or go to an emergency department." in advice
    emergencies = [sign.id for sign in spasmfacts.warning_signs() if sign.urgency is Urgency.EMERGENCY]
    assert emergencies == [sign_id for sign_id, urgency, _ in RULE_TABLE if urgency is Urgency.EMERGENCY]


def test_cautions_say_what_the_specification_asks() -> None:
    """Each caution carries its key facts: painkillers, a fluid limit, heat and pregnancy."""
    cautions = spasmfacts.cautions()
    painkillers = cautions.lookup("painkillers").text
    for words in (
        "too slowly to stop a cramp",
        "Follow the dose on the pack",
        "asthma",
        "stomach ulcer",
        "kidney, liver or heart problems",
        "blood thinner",
        "65 or over",
        "paracetamol is often the first choice",
        "with food",
        "lowest dose for the shortest time",
        "other products that have paracetamol in them",
        "under 50kg",
        "water tablet",
    ):
        assert words in painkillers, words
    assert "keep to your daily amount, even when you have cramps" in cautions.lookup("fluid-limit").text
    heat = cautions.lookup("heat").text
    assert "within 30 minutes" in heat
    assert "local emergency number" in heat
    assert "unless you have a limit on how much you drink" in heat
    pregnancy = cautions.lookup("pregnancy").text
    assert "midwife today" in pregnancy
    assert "local emergency number" in pregnancy


def test_data_directory_holds_exactly_the_collection_files() -> None:
    """The package data is the thirteen JSON files the loader reads and the scenario pack, and nothing else."""
    names = sorted(entry.name for entry in DATA.iterdir() if entry.is_file())
    assert names == sorted([*DATA_FILES, SCENARIO_PACK])
    assert len(DATA_FILES) == 13


@pytest.mark.parametrize("filename", sorted(DATA_FILES))
def test_round_trip_is_lossless(filename: str) -> None:
    """Structuring a data file with the strict converter and unstructuring it gives the file's JSON back exactly."""
    raw = json.loads((DATA / filename).read_text(encoding="utf-8"))
    converter = make_converter()
    structured = converter.structure(raw, DATA_FILES[filename])
    assert converter.unstructure(structured) == raw


@pytest.mark.parametrize("filename", sorted(DATA_FILES))
def test_public_functions_serve_the_data_files(filename: str) -> None:
    """Each public content function returns exactly the records its data file describes."""
    raw = json.loads((DATA / filename).read_text(encoding="utf-8"))
    structured = make_converter().structure(raw, DATA_FILES[filename])
    name = filename.removesuffix(".json")
    served = getattr(spasmfacts, name)()
    assert (served if name in {"overview", "metadata"} else tuple(served)) == structured


@pytest.mark.parametrize("name", [*CATALOGS, "overview", "metadata"])
def test_each_collection_is_loaded_once_and_shared(name: str) -> None:
    """Calling a content function again returns the very same immutable object."""
    function = getattr(spasmfacts, name)
    assert function() is function()


# -- the loader's checks on questions, cautions, the review record and source dates -------------

JSON = Any


def _swap(first: int, second: int) -> Callable[[JSON], None]:
    def change(document: JSON) -> None:
        document[first], document[second] = document[second], document[first]

    return change


def _set(steps: tuple[str | int, ...], value: JSON) -> Callable[[JSON], None]:
    def change(document: JSON) -> None:
        for step in steps[:-1]:
            document = document[step]
        document[steps[-1]] = value

    return change


def _delete(steps: tuple[str | int, ...]) -> Callable[[JSON], None]:
    def change(document: JSON) -> None:
        for step in steps[:-1]:
            document = document[step]
        del document[steps[-1]]

    return change


def _append(steps: tuple[str | int, ...], value: JSON) -> Callable[[JSON], None]:
    def change(document: JSON) -> None:
        for step in steps:
            document = document[step]
        document.append(value)

    return change


BROKEN_FILES: list[tuple[str, Callable[[JSON], None], str]] = [
    (
        "questions.json",
        _swap(1, 2),
        (
            "questions.json: [1].id: expected the question for 'duration' here "
            "(one question per Episode field, in field order), not 'body_areas'"
        ),
    ),
    (
        "questions.json",
        _delete((19,)),
        "questions.json: $: no question for Episode field(s) 'comes_on_when_walking'",
    ),
    (
        "questions.json",
        _append((), {"id": "mood", "text": "How do you feel?", "options": []}),
        "questions.json: [20].id: 'mood' is one question too many (Episode has 20 fields)",
    ),
    (
        "questions.json",
        _set((2, "options", 0, "value"), "back"),
        "questions.json: [2].options[0].value: expected 'neck' (the values of BodyArea, in order), not 'back'",
    ),
    (
        "questions.json",
        _delete((5, "options", 3)),
        "questions.json: [5].options: no option for 'older_adult'",
    ),
    (
        "questions.json",
        _append((0, "options"), {"value": "unbearable", "label": "worse than severe"}),
        "questions.json: [0].options[3].value: Severity has no further value",
    ),
    (
        "questions.json",
        _append((6, "options"), {"value": "maybe", "label": "maybe"}),
        "questions.json: [6].options: the question for 'pregnant' takes no options",
    ),
    (
        "questions.json",
        _set((3, "options", 0, "value"), "Fever"),
        "questions.json: [3].options[0].value: must be a snake_case name (like 'body_areas'), not 'Fever'",
    ),
    (
        "questions.json",
        _set((0, "id"), "how-bad"),
        "questions.json: [0].id: must be a snake_case name (like 'body_areas'), not 'how-bad'",
    ),
    (
        "questions.json",
        _set((1, "text"), " How long? "),
        "questions.json: [1].text: must be non-empty text without surrounding white space, not ' How long? '",
    ),
    (
        "cautions.json",
        _delete((2,)),
        "cautions.json: $: no caution 'heat' (an assessment can name it)",
    ),
    (
        "phrases.json",
        _delete((5,)),
        "phrases.json: $: no phrase 'unanswered' (the readable result uses it)",
    ),
    (
        "cautions.json",
        _set((1, "summary"), "x" * 140),
        "cautions.json: [1].summary: must be shorter than 140 characters, not 140",
    ),
    (
        "cautions.json",
        _set((3, "citations", 0, "source"), "nowhere"),
        "cautions.json: [3].citations[0].source: unknown source 'nowhere'",
    ),
    (
        "metadata.json",
        _set(("review", "reviewer"), "Dr A. Person"),
        "metadata.json: review.reviewer: must be null while the status is 'not yet reviewed by a clinician'",
    ),
    (
        "metadata.json",
        _set(("review", "status"), "signed"),
        "metadata.json: review.reviewer: is required once a clinician has signed the review",
    ),
    (
        "metadata.json",
        _set(("review", "date"), "2026-12-01"),
        "metadata.json: review.date: must be null while the status is 'not yet reviewed by a clinician'",
    ),
    (
        "metadata.json",
        _set(("intended_use",), []),
        "metadata.json: intended_use: must not be empty",
    ),
    (
        "metadata.json",
        _set(("intended_use",), "For adults."),
        "metadata.json: intended_use: expected an array, not a string",
    ),
    (
        "sources.json",
        _delete((3, "accessed")),
        "sources.json: [3].accessed: required key missing",
    ),
    (
        "sources.json",
        _set((0, "accessed"), "29 November 2026"),
        "sources.json: [0].accessed: expected a date as YYYY-MM-DD, not '29 November 2026'",
    ),
]


def _load_broken(tmp_path: Path, filename: str, change: Callable[[JSON], None]) -> ContentLoader:
    for entry in DATA.iterdir():
        if entry.is_file():
            (tmp_path / entry.name).write_bytes(entry.read_bytes())
    document = json.loads((tmp_path / filename).read_text(encoding="utf-8"))
    change(document)
    (tmp_path / filename).write_text(json.dumps(document, indent=2), encoding="utf-8")
    return ContentLoader(tmp_path)


@pytest.mark.parametrize(
    ("filename", "change", "message"), BROKEN_FILES, ids=[message[:60] for _, _, message in BROKEN_FILES]
)
def test_a_broken_file_names_the_file_and_the_path(
    tmp_path: Path, filename: str, change: Callable[[JSON], None], message: str
) -> None:
    """A broken questions, cautions, metadata or sources file raises ContentError naming the file and the path."""
    loader = _load_broken(tmp_path, filename, change)
    method = getattr(loader, filename.removesuffix(".json"))
    with pytest.raises(ContentError) as caught:
        method()
    assert str(caught.value) == message
    if filename != "sources.json":
        assert tuple(loader.warning_signs()) == tuple(spasmfacts.warning_signs())


def test_a_signed_review_loads(tmp_path: Path) -> None:
    """Once a clinician signs, the review record names the reviewer, role, date and rules version."""
    signed = {
        "status": "reviewed by a clinician",
        "reviewer": "Dr A. Person",
        "role": "general practitioner",
        "date": "2026-12-01",
        "rules_version": "2.0",
    }
    loader = _load_broken(tmp_path, "metadata.json", _set(("review",), signed))
    assert loader.metadata().review == ClinicalReview(
        status="reviewed by a clinician",
        reviewer="Dr A. Person",
        role="general practitioner",
        date=date(2026, 12, 1),
        rules_version="2.0",
    )
