"""The bundled content: every fact of the article, the catalogs' ids, codes, sources and safety texts."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import date
from typing import Any

import attrs
import importlib_resources
import pytest

import spasmfacts
from spasmfacts import Citation, Code, Fact, TreatmentKind, Urgency
from spasmfacts.content import COLLECTIONS, make_converter

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
        _all("warning_signs", ("severe", "long-lasting", "systemic-symptoms")),
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
        _all("warning_signs", ("severe", "long-lasting", "systemic-symptoms")),
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

EXPECTED_IDS: dict[str, tuple[str, ...]] = {
    "causes": CAUSE_IDS,
    "conditions": CONDITION_IDS,
    "symptoms": SYMPTOM_IDS,
    "treatments": TREATMENT_IDS,
    "prevention_measures": PREVENTION_IDS,
    "warning_signs": (
        "severe",
        "long-lasting",
        "systemic-symptoms",
        "daily-life",
        "disturbs-sleep",
        "recurrent",
        "no-improvement",
        "new-medication",
        "nerve-signs",
        "circulation-signs",
        "fluid-loss",
        "abdomen-or-arm",
        "wound-or-toxin",
        "chest-or-breathing",
        "confusion",
        "dark-urine",
        "walking-cramps",
        "neck-and-fever",
    ),
    "next_steps": ("self-care", "see-a-doctor", "same-day", "emergency"),
    "sources": (
        "article",
        "nhs-leg-cramps",
        "nidirect-leg-cramps",
        "nhs-dvt",
        "nhs-tetanus",
        "nhs-chest-pain",
        "nhs-meningitis",
        "mayo-muscle-cramp",
        "medlineplus-muscle-cramps",
        "merck-muscle-cramps",
        "cleveland-heat-illness",
        "fairview-rhabdomyolysis",
        "nice-cks-leg-cramps",
        "cleveland-muscle-spasms",
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

# The source table of clinical-rules.md: (id, title, publisher, url).
EXPECTED_SOURCES = [
    (
        "article",
        "Muscle spasms: causes, symptoms, treatment and prevention",
        "spasmfacts (the bundled source article)",
        None,
    ),
    ("nhs-leg-cramps", "Leg cramps", "NHS website", "https://www.nhs.uk/conditions/leg-cramps/"),
    (
        "nidirect-leg-cramps",
        "Leg cramps",
        "nidirect (Northern Ireland government services)",
        "https://www.nidirect.gov.uk/node/10453",
    ),
    ("nhs-dvt", "Deep vein thrombosis (DVT)", "NHS website", "https://www.nhs.uk/conditions/deep-vein-thrombosis-dvt/"),
    ("nhs-tetanus", "Tetanus", "NHS website", "https://www.nhs.uk/conditions/tetanus/"),
    ("nhs-chest-pain", "Chest pain", "NHS website", "https://www.nhs.uk/conditions/chest-pain/"),
    ("nhs-meningitis", "Meningitis", "NHS website", "https://www.nhs.uk/conditions/meningitis/"),
    (
        "mayo-muscle-cramp",
        "Muscle cramp: symptoms and causes",
        "Mayo Clinic",
        "https://www.mayoclinic.org/diseases-conditions/muscle-cramp/symptoms-causes/syc-20350820",
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
            "https://www.merckmanuals.com/home/quick-facts-brain,-spinal-cord,-and-nerve-disorders/"
            "symptoms-of-brain-spinal-cord-and-nerve-disorders/muscle-cramps"
        ),
    ),
    (
        "cleveland-heat-illness",
        "Heat illness",
        "Cleveland Clinic",
        "https://my.clevelandclinic.org/health/diseases/16425-heat-illness",
    ),
    (
        "fairview-rhabdomyolysis",
        "Rhabdomyolysis (patient sheet)",
        "Fairview Health Services health library",
        "https://www.fairview.org/espanol/BibliotecadeSalud/art%C3%ADculo/116476EN",
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
]

# The rule table of clinical-rules.md: (id, urgency, sources), rows A1-A4 and E1-E14 in order.
RULE_TABLE: tuple[tuple[str, Urgency, tuple[str, ...]], ...] = (
    ("severe", Urgency.ROUTINE, ("article", "mayo-muscle-cramp")),
    ("long-lasting", Urgency.URGENT, ("article", "nidirect-leg-cramps", "nhs-leg-cramps")),
    ("systemic-symptoms", Urgency.URGENT, ("article", "merck-muscle-cramps")),
    ("daily-life", Urgency.ROUTINE, ("article", "nidirect-leg-cramps")),
    ("disturbs-sleep", Urgency.ROUTINE, ("nhs-leg-cramps", "nidirect-leg-cramps")),
    ("recurrent", Urgency.ROUTINE, ("mayo-muscle-cramp", "nidirect-leg-cramps")),
    ("no-improvement", Urgency.ROUTINE, ("mayo-muscle-cramp", "medlineplus-muscle-cramps")),
    ("new-medication", Urgency.ROUTINE, ("merck-muscle-cramps", "nice-cks-leg-cramps")),
    ("nerve-signs", Urgency.URGENT, ("merck-muscle-cramps", "nhs-leg-cramps", "mayo-muscle-cramp")),
    ("circulation-signs", Urgency.URGENT, ("nhs-dvt", "mayo-muscle-cramp")),
    ("fluid-loss", Urgency.URGENT, ("merck-muscle-cramps",)),
    ("abdomen-or-arm", Urgency.URGENT, ("merck-muscle-cramps",)),
    ("wound-or-toxin", Urgency.EMERGENCY, ("nhs-tetanus", "nidirect-leg-cramps")),
    ("chest-or-breathing", Urgency.EMERGENCY, ("nhs-chest-pain", "nhs-dvt", "merck-muscle-cramps")),
    ("confusion", Urgency.EMERGENCY, ("cleveland-heat-illness",)),
    ("dark-urine", Urgency.EMERGENCY, ("fairview-rhabdomyolysis",)),
    ("walking-cramps", Urgency.ROUTINE, ("merck-muscle-cramps",)),
    ("neck-and-fever", Urgency.EMERGENCY, ("nhs-meningitis",)),
)

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
def test_catalog_ids_are_exactly_the_issues_ids_in_order(name: str) -> None:
    """Each catalog holds exactly the ids the Foundation issue lists, in data-file order."""
    catalog = getattr(spasmfacts, name)()
    assert catalog.ids == EXPECTED_IDS[name]
    assert [item.id for item in catalog] == list(EXPECTED_IDS[name])
    assert len(catalog) == len(EXPECTED_IDS[name])


def test_catalog_counts() -> None:
    """The article's lists give 9 causes, 2 conditions, 5 symptoms, 9 treatments and 6 prevention measures."""
    counts = {name: len(getattr(spasmfacts, name)()) for name in EXPECTED_IDS}
    assert counts == {
        "causes": 9,
        "conditions": 2,
        "symptoms": 5,
        "treatments": 9,
        "prevention_measures": 6,
        "warning_signs": 18,
        "next_steps": 4,
        "sources": 14,
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
    """Each treatment has the kind the article implies: self-care, OTC medicine, prescription or professional care."""
    assert {item.id: item.kind for item in spasmfacts.treatments()} == TREATMENT_KINDS
    assert set(TREATMENT_KINDS.values()) == set(TreatmentKind)
    assert [kind.value for kind in TreatmentKind] == [
        "self_care",
        "otc_medicine",
        "prescription_medicine",
        "professional_care",
    ]


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
    """The sources are the 14 rows of clinical-rules.md: ids, titles, publishers, addresses (none for the article)."""
    assert [(s.id, s.title, s.publisher, s.url) for s in spasmfacts.sources()] == EXPECTED_SOURCES


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


@pytest.mark.parametrize("name", CATALOGS)
def test_ids_are_unique_kebab_case(name: str) -> None:
    """Within each catalog (and among the overview's facts) every id is unique and kebab-case."""
    ids = list(getattr(spasmfacts, name)().ids)
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", item_id) for item_id in ids)
    facts = [fact.id for fact in spasmfacts.overview().facts]
    assert len(facts) == len(set(facts))


def test_every_item_is_sourced_and_citations_resolve() -> None:
    """Every content item has at least one citation, and every citation names a known source and a section."""
    known = set(spasmfacts.sources().ids)
    cited = sourced = 0
    for label, value in _content():
        if label == "metadata" or label.startswith("sources/"):
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
    assert sourced == 1 + 9 + 2 + 5 + 9 + 6 + 18 + 4
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
    assert len(summaries) == 1 + 9 + 2 + 5 + 9 + 6 + 18 + 4
    for path, text in summaries:
        assert 0 < len(text) < 140, path


def test_metadata() -> None:
    """The metadata gives content version, language en, review dates in order, licence, attribution, disclaimer."""
    meta = spasmfacts.metadata()
    assert isinstance(meta.content_version, str)
    assert meta.content_version
    assert meta.language == "en"
    assert type(meta.last_reviewed) is date
    assert type(meta.next_review) is date
    assert meta.next_review > meta.last_reviewed
    assert meta.license == "CC-BY-4.0"
    assert "spasmfacts" in meta.attribution
    assert "not medical advice" in meta.disclaimer
    assert "clinician" in meta.disclaimer


def test_next_steps_one_per_urgency() -> None:
    """There is one next step per urgency, with the ids self-care, see-a-doctor, same-day and emergency."""
    steps = spasmfacts.next_steps()
    assert [(step.urgency, step.id) for step in steps] == [
        (Urgency.SELF_CARE, "self-care"),
        (Urgency.ROUTINE, "see-a-doctor"),
        (Urgency.URGENT, "same-day"),
        (Urgency.EMERGENCY, "emergency"),
    ]


def test_self_care_step_carries_a_safety_net() -> None:
    """The self-care step never reassures ("you are fine") and says what to do if things change."""
    step = spasmfacts.next_steps().lookup("self-care")
    text = f"{step.summary} {step.advice}".lower()
    assert "you are fine" not in text
    assert "nothing to worry" not in text
    assert "worse" in text
    assert "anything new" in text
    assert "contact a doctor" in text
    assert "local emergency number" in text


def test_no_text_reassures() -> None:
    """No content text tells the user they are fine or have nothing to worry about."""
    for path, text in _texts():
        lowered = text.lower()
        assert "you are fine" not in lowered, path
        assert "nothing to worry" not in lowered, path


def test_emergency_texts_name_the_local_emergency_number() -> None:
    """The emergency next step and every emergency warning sign tell the user to call the local emergency number."""
    assert "local emergency number" in spasmfacts.next_steps().lookup("emergency").advice
    emergencies = [sign for sign in spasmfacts.warning_signs() if sign.urgency is Urgency.EMERGENCY]
    assert [sign.id for sign in emergencies] == [
        "wound-or-toxin",
        "chest-or-breathing",
        "confusion",
        "dark-urine",
        "neck-and-fever",
    ]
    for sign in emergencies:
        assert "local emergency number" in sign.advice, sign.id


def test_no_text_names_one_countrys_number_alone() -> None:
    """Wherever a text gives an emergency number it gives the UK, US and EU numbers and says 'local'."""
    texts = [(path, text) for path, text in _texts() if re.search(r"\b(999|911|112)\b", text)]
    assert texts
    for path, text in texts:
        assert "local emergency number" in text, path
        assert all(number in text for number in ("999", "911", "112")), path


def test_no_text_tells_the_user_to_stop_a_medicine() -> None:
    """No content text tells the user to stop taking a medicine."""
    pattern = re.compile(r"\bstop (taking|your|using)\b|\bdiscontinu", re.IGNORECASE)
    texts = list(_texts())
    assert len(texts) > 200
    for path, text in texts:
        assert pattern.search(text) is None, path


def test_data_directory_holds_exactly_the_collection_files() -> None:
    """The package data is the ten JSON files the loader reads, and nothing else."""
    names = sorted(entry.name for entry in DATA.iterdir() if entry.is_file())
    assert names == sorted(DATA_FILES)


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
