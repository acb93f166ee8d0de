"""schema.org JSON-LD: a MedicalWebPage for the page it sits on, about a MedicalCondition, carrying every item."""

from __future__ import annotations

import importlib
import json
from collections.abc import Iterator
from typing import Any

import attrs
import pytest

from spasmfacts import TreatmentKind, Urgency, catalogs, interop
from spasmfacts.interop.jsonld import PHYSICAL_THERAPY_IDS
from spasmfacts.model import ClinicalReview

SCHEMA = "https://schema.org/"
PAGE = interop.jsonld()
CONDITION = PAGE["mainEntity"]


def _nodes(value: object) -> Iterator[dict[str, Any]]:
    if isinstance(value, dict):
        yield value
        for child in value.values():
            yield from _nodes(child)
    elif isinstance(value, list):
        for child in value:
            yield from _nodes(child)


def _by_id(nodes: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {node["identifier"]: node for node in nodes}


def test_page_shape() -> None:
    """The page is a MedicalWebPage with name, language, date, author, publisher, licence and version."""
    meta, topic = catalogs.metadata(), catalogs.overview()
    assert PAGE["@context"] == "https://schema.org"
    assert PAGE["@type"] == "MedicalWebPage"
    assert PAGE["name"] == topic.name
    assert PAGE["inLanguage"] == meta.language
    assert PAGE["dateModified"] == meta.updated.isoformat()
    assert PAGE["version"] == meta.content_version
    assert PAGE["license"] == f"https://spdx.org/licenses/{meta.license}.html"
    assert PAGE["creditText"] == meta.attribution
    for role in ("author", "publisher"):
        assert PAGE[role] == {
            "@type": "Organization",
            "name": "The spasmfacts contributors",
            "url": "https://spasmfacts.readthedocs.io/",
        }


def test_default_page_is_the_docs_site() -> None:
    """By default the JSON-LD describes the spasmfacts docs site itself: its @id, url and the condition's @id."""
    assert PAGE["@id"] == PAGE["url"] == "https://spasmfacts.readthedocs.io/"
    assert CONDITION["@id"] == f"https://spasmfacts.readthedocs.io/#{catalogs.overview().id}"


def test_page_url_names_the_page_it_sits_on() -> None:
    """jsonld(page_url=...) names that page as @id and url, and the condition by a fragment of it."""
    url = "https://health.example.org/conditions/muscle-spasms"
    page = interop.jsonld(page_url=url)
    assert page["@id"] == page["url"] == url
    assert page["mainEntity"]["@id"] == page["about"]["@id"] == f"{url}#{catalogs.overview().id}"
    assert "publisher" not in page
    assert page["author"] == PAGE["author"]
    assert page["citation"] == PAGE["citation"]
    texts = json.dumps({key: value for key, value in page.items() if key != "author"})
    assert "spasmfacts.readthedocs.io" not in texts


@pytest.mark.parametrize(
    ("publisher", "expected"),
    [
        ("Example Health", {"@type": "Organization", "name": "Example Health"}),
        (
            {"@type": "Organization", "name": "Example Health", "url": "https://health.example.org/"},
            {"@type": "Organization", "name": "Example Health", "url": "https://health.example.org/"},
        ),
    ],
)
def test_publisher_can_be_named(publisher: Any, expected: dict[str, Any]) -> None:
    """publisher= takes a name or a schema.org node, copied so that later changes to it do not leak in."""
    page = interop.jsonld("https://health.example.org/cramps", publisher=publisher)
    assert page["publisher"] == expected
    if isinstance(publisher, dict):
        publisher["name"] = "changed"
        assert page["publisher"]["name"] == "Example Health"


@pytest.mark.parametrize(
    "url", ["", "spasms.html", "/health/spasms", "ftp://example.org/x", "https://example.org/x#part", "https://"]
)
def test_page_url_must_be_an_absolute_web_address(url: str) -> None:
    """A relative, non-web or fragment address for the page raises ValueError naming it."""
    with pytest.raises(ValueError, match="page_url must be an absolute http"):
        interop.jsonld(url)


@pytest.mark.parametrize(
    ("arguments", "words"),
    [
        ({"page_url": None}, "page_url must be a string"),
        ({"publisher": ""}, "publisher must be"),
        ({"publisher": 3}, "publisher must be"),
    ],
)
def test_wrong_argument_types_raise_type_error(arguments: dict[str, Any], words: str) -> None:
    """A page_url that is not a string, or a publisher that is neither a name nor a mapping, raises TypeError."""
    with pytest.raises(TypeError, match=words):
        interop.jsonld(**arguments)


def test_review_is_stated_once_signed(monkeypatch: pytest.MonkeyPatch) -> None:
    """Until a clinician signs, there is no lastReviewed; once signed, lastReviewed and reviewedBy name the review."""
    assert "lastReviewed" not in PAGE
    assert "reviewedBy" not in PAGE
    meta = catalogs.metadata()
    review = ClinicalReview(
        status="reviewed", reviewer="A. Clinician", role="general practitioner", date=meta.updated, rules_version="2.0"
    )
    # The module, not the function of the same name that spasmfacts.interop exports.
    module = importlib.import_module("spasmfacts.interop.jsonld")
    monkeypatch.setattr(module, "metadata", lambda: attrs.evolve(meta, review=review))
    page = interop.jsonld()
    assert page["lastReviewed"] == meta.updated.isoformat()
    assert page["reviewedBy"] == {"@type": "Person", "name": "A. Clinician", "jobTitle": "general practitioner"}


def _iris(node: object) -> list[Any]:
    """The values of every hasHealthAspect and prescriptionStatus in ``node``."""
    found: list[Any] = []
    for item in _nodes(node):
        found += [item[key] for key in ("hasHealthAspect", "prescriptionStatus") if key in item]
    return found


def test_enumeration_values_are_iris() -> None:
    """Health aspects and prescription statuses are {"@id": "https://schema.org/..."}, never plain strings."""
    values = _iris(PAGE)
    assert values
    assert all(isinstance(value, dict) and set(value) == {"@id"} for value in values)
    assert all(value["@id"].startswith(SCHEMA) for value in values)
    assert {"https://schema.org/OTC", "https://schema.org/SeeDoctorHealthAspect"} <= {v["@id"] for v in values}


def test_main_entity_is_the_condition_with_its_codes() -> None:
    """The mainEntity (also the page's about) is the MedicalCondition with ICD-10-CM R25.2 and SNOMED CT 55300003."""
    topic = catalogs.overview()
    assert CONDITION["@type"] == "MedicalCondition"
    assert PAGE["about"] == {"@id": CONDITION["@id"]}
    assert CONDITION["name"] == topic.name
    assert CONDITION["alternateName"] == list(topic.alternate_names)
    assert CONDITION["description"] == topic.summary
    codes = {(code["codingSystem"], code["codeValue"]): code for code in CONDITION["code"]}
    assert codes[("ICD-10-CM", "R25.2")] == {
        "@type": "MedicalCode",
        "codeValue": "R25.2",
        "codingSystem": "ICD-10-CM",
        "name": "Cramp and spasm",
    }
    assert codes[("SNOMED CT", "55300003")]["name"] == "Cramp"


@pytest.mark.parametrize(
    ("prop", "collection", "type_"),
    [
        ("cause", "causes", "MedicalCause"),
        ("riskFactor", "conditions", "MedicalRiskFactor"),
        ("signOrSymptom", "symptoms", "MedicalSymptom"),
    ],
)
def test_each_item_in_its_property(prop: str, collection: str, type_: str) -> None:
    """Every cause, underlying condition and symptom appears, in order, under its property with its type."""
    items = list(getattr(catalogs, collection)())
    nodes = CONDITION[prop]
    assert [node["identifier"] for node in nodes] == [item.id for item in items]
    for node, item in zip(nodes, items, strict=True):
        assert node["@type"] == type_
        assert node["name"] == item.name
        assert node["description"] == item.summary


def test_risk_factors_carry_their_codes() -> None:
    """Each underlying condition carries its SNOMED CT codes."""
    for node, item in zip(CONDITION["riskFactor"], catalogs.conditions(), strict=True):
        assert [(code["codingSystem"], code["codeValue"], code["name"]) for code in node["code"]] == [
            ("SNOMED CT", code.code, code.display) for code in item.codes
        ]
    assert {code["codeValue"] for node in CONDITION["riskFactor"] for code in node["code"]} >= {"24700007", "49049000"}


def test_treatments_are_therapies_and_medicines_name_their_drug() -> None:
    """Every treatment is a MedicalTherapy; a medicine names its Drug with prescription status and ATC code."""
    status = {
        TreatmentKind.OTC_MEDICINE: "https://schema.org/OTC",
        TreatmentKind.PRESCRIPTION_MEDICINE: "https://schema.org/PrescriptionOnly",
    }
    nodes = _by_id(CONDITION["possibleTreatment"])
    assert list(nodes) == list(catalogs.treatments().ids)
    for item in catalogs.treatments():
        node = nodes[item.id]
        assert node["@type"] in {"MedicalTherapy", "PhysicalTherapy"}
        assert (node["name"], node["description"]) == (item.name, item.summary)
        if item.kind in status:
            drug = node["drug"]
            assert drug["@type"] == "Drug"
            assert drug["prescriptionStatus"] == {"@id": status[item.kind]}
            assert [(code["codingSystem"], code["codeValue"]) for code in drug.get("code", [])] == [
                ("ATC", code.code) for code in item.codes
            ]
        else:
            assert "drug" not in node
    assert nodes["ibuprofen"]["drug"]["code"][0]["codeValue"] == "M01AE01"
    assert nodes["paracetamol"]["drug"]["code"][0]["codeValue"] == "N02BE01"
    assert "code" not in nodes["prescription-muscle-relaxants"]["drug"]


def test_prevention_measures_are_primary_prevention() -> None:
    """Every prevention measure is a primaryPrevention therapy; the physical therapy routine is PhysicalTherapy."""
    nodes = _by_id(CONDITION["primaryPrevention"])
    assert list(nodes) == list(catalogs.prevention_measures().ids)
    assert nodes["physical-therapy-routine"]["@type"] == "PhysicalTherapy"
    assert nodes["regular-stretching"]["@type"] == "MedicalTherapy"


def test_physical_therapy_ids_exist_and_are_physical_therapy() -> None:
    """Each id listed as physical therapy is a real item, and exactly those items are PhysicalTherapy."""
    therapies = [*CONDITION["possibleTreatment"], *CONDITION["primaryPrevention"]]
    known = set(catalogs.treatments().ids) | set(catalogs.prevention_measures().ids)
    assert known >= PHYSICAL_THERAPY_IDS
    assert {node["identifier"] for node in therapies if node["@type"] == "PhysicalTherapy"} == PHYSICAL_THERAPY_IDS


def _see_doctor_groups() -> list[dict[str, Any]]:
    aspect = {"@id": f"{SCHEMA}SeeDoctorHealthAspect"}
    return [part for part in PAGE["hasPart"] if part.get("hasHealthAspect") == aspect]


def test_warning_signs_grouped_by_urgency_most_urgent_first() -> None:
    """Warning signs are SeeDoctorHealthAspect HealthTopicContent parts, one group per urgency, emergency first."""
    steps = {step.urgency: step for step in catalogs.next_steps()}
    groups = _see_doctor_groups()
    order = [Urgency.EMERGENCY, Urgency.URGENT, Urgency.ROUTINE]
    assert [group["identifier"] for group in groups] == [steps[urgency].id for urgency in order]
    for group, urgency in zip(groups, order, strict=True):
        assert group["@type"] == "HealthTopicContent"
        assert group["text"] == steps[urgency].advice
        signs = [sign for sign in catalogs.warning_signs() if sign.urgency is urgency]
        assert [part["identifier"] for part in group["hasPart"]] == [sign.id for sign in signs]
        for part, sign in zip(group["hasPart"], signs, strict=True):
            assert part["@type"] == "HealthTopicContent"
            assert part["hasHealthAspect"] == {"@id": f"{SCHEMA}SeeDoctorHealthAspect"}
            assert (part["name"], part["description"], part["text"]) == (sign.name, sign.summary, sign.advice)


def test_self_care_safety_net_and_overview_and_disclaimer_are_parts() -> None:
    """The page's parts carry the overview facts, the self-care next step, cautions, intended use and disclaimer."""
    aspects: dict[str, list[dict[str, Any]]] = {}
    for part in PAGE["hasPart"]:
        aspects.setdefault(part.get("hasHealthAspect", {}).get("@id", ""), []).append(part)
    (overview,) = aspects[f"{SCHEMA}OverviewHealthAspect"]
    assert [fact["text"] for fact in overview["hasPart"]] == [fact.text for fact in catalogs.overview().facts]
    self_care = next(step for step in catalogs.next_steps() if step.urgency is Urgency.SELF_CARE)
    assert [part["text"] for part in aspects[f"{SCHEMA}SelfCareHealthAspect"]] == [self_care.advice]
    cautions = aspects[f"{SCHEMA}SafetyHealthAspect"]
    assert [(part["identifier"], part["text"]) for part in cautions] == [
        (caution.id, caution.text) for caution in catalogs.cautions()
    ]
    texts = {part.get("text") for part in PAGE["hasPart"]}
    assert catalogs.metadata().disclaimer in texts
    assert " ".join(catalogs.metadata().intended_use) in texts


def test_sources_are_citations() -> None:
    """Every source is a CreativeWork citation with its title, publisher and address (when it has one)."""
    citations = PAGE["citation"]
    assert [work["identifier"] for work in citations] == list(catalogs.sources().ids)
    for work, source in zip(citations, catalogs.sources(), strict=True):
        assert work["@type"] == "CreativeWork"
        assert work["name"] == source.title
        assert work["publisher"] == {"@type": "Organization", "name": source.publisher}
        assert work.get("url") == source.url


def test_every_content_item_appears() -> None:
    """Every id and name of every collection, every fact and every next step appears somewhere in the JSON-LD."""
    nodes = list(_nodes(PAGE))
    identifiers = {node.get("identifier") for node in nodes}
    names = {node.get("name") for node in nodes}
    for collection in ("causes", "conditions", "symptoms", "treatments", "prevention_measures", "warning_signs"):
        for item in getattr(catalogs, collection)():
            assert item.id in identifiers, item.id
            assert item.name in names, item.name
    for source in catalogs.sources():
        assert source.id in identifiers
        assert source.title in names
    assert {fact.id for fact in catalogs.overview().facts} <= identifiers
    assert {step.id for step in catalogs.next_steps()} <= identifiers


def test_each_call_returns_a_new_page() -> None:
    """Changing a returned page does not change the next one."""
    page = interop.jsonld()
    page["mainEntity"]["cause"].clear()
    page["author"]["name"] = "changed"
    assert interop.jsonld() == PAGE


def test_script_holds_the_page() -> None:
    """jsonld_script() is a ld+json script element whose body parses back to jsonld()."""
    script = interop.jsonld_script()
    opening, closing = '<script type="application/ld+json">\n', "\n</script>"
    assert script.startswith(opening)
    assert script.endswith(closing)
    assert json.loads(script[len(opening) : -len(closing)]) == PAGE


def test_script_cannot_be_closed_early() -> None:
    r"""Text holding </script> or <!-- is escaped (as <\/ and <\u0021--) so only the real closing tag remains."""
    document = {"name": "</script><script>alert(1)</script>", "text": "<!-- <script>", "alternateName": "Muskelkrämpfe"}
    script = interop.jsonld_script(document)
    body = script.removeprefix('<script type="application/ld+json">\n').removesuffix("\n</script>")
    assert "</" not in body
    assert "<!--" not in body
    assert "<\\/script>" in body
    assert script.count("</script>") == 1
    assert json.loads(body) == document


def test_script_writes_non_ascii_as_is() -> None:
    r"""Non-ASCII text is written as the characters themselves, not as \u escapes."""
    script = interop.jsonld_script({"name": "Muskelkrämpfe, 筋肉のけいれん"})
    assert "Muskelkrämpfe, 筋肉のけいれん" in script
    assert "\\u" not in script
