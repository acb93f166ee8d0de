"""The whole content as one JSON document, and the interop package's import behaviour."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import spasmfacts
from spasmfacts import RULES, RULES_VERSION, ContentError, catalogs, interop
from spasmfacts.content import COLLECTIONS, ContentLoader, default_loader
from spasmfacts.episode import EPISODE_FIELDS
from spasmfacts.interop.document import DOCUMENT_COLLECTIONS


def _data_file(name: str) -> object:
    # The data root of the loader in use: the package's own data, read as the loader reads it.
    root = default_loader()._root
    return json.loads((root / name).read_text(encoding="utf-8"))


def test_import_spasmfacts_does_not_import_interop() -> None:
    """`import spasmfacts` (and using its API) leaves spasmfacts.interop unimported, in a fresh interpreter."""
    code = (
        "import sys, spasmfacts\n"
        "spasmfacts.assess(spasmfacts.Episode()); spasmfacts.causes()\n"
        "print('spasmfacts.interop' in sys.modules)\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert run.stdout.strip() == "False"


def test_interop_exports_its_public_functions() -> None:
    """Every name in interop.__all__ is a public callable of the package, and `spasmfacts` does not list interop."""
    assert interop.__all__ == sorted(interop.__all__)
    for name in interop.__all__:
        assert callable(getattr(interop, name))
    assert "interop" not in spasmfacts.__all__


def test_document_keys_in_stable_order() -> None:
    """The document has metadata, overview, every collection and the rules, always in the same order."""
    assert list(interop.content_document()) == [
        "metadata",
        "overview",
        "causes",
        "conditions",
        "symptoms",
        "treatments",
        "prevention_measures",
        "warning_signs",
        "next_steps",
        "cautions",
        "questions",
        "phrases",
        "sources",
        "rules_version",
        "rules",
    ]


def test_document_holds_every_collection_of_the_loader() -> None:
    """No catalog the loader knows is left out of the document."""
    assert set(DOCUMENT_COLLECTIONS) == set(COLLECTIONS)


def test_metadata_block() -> None:
    """The metadata carries the version, language, dates, the clinical review record, intended use and licence."""
    meta = catalogs.metadata()
    review = meta.review
    assert interop.content_document()["metadata"] == {
        "content_version": meta.content_version,
        "language": meta.language,
        "updated": meta.updated.isoformat(),
        "next_review": meta.next_review.isoformat(),
        "review": {
            "status": review.status,
            "reviewer": review.reviewer,
            "role": review.role,
            "date": None if review.date is None else review.date.isoformat(),
            "rules_version": review.rules_version,
        },
        "intended_use": list(meta.intended_use),
        "license": meta.license,
        "attribution": meta.attribution,
        "disclaimer": meta.disclaimer,
    }


def test_cautions_and_questions_are_in_the_document() -> None:
    """Every caution, and the question with its answer labels for every Episode field, is in the document."""
    document = interop.content_document()
    assert [item["id"] for item in document["cautions"]] == list(catalogs.cautions().ids)
    assert [item["id"] for item in document["questions"]] == list(EPISODE_FIELDS)
    for item in document["questions"]:
        question = catalogs.questions().lookup(item["id"])
        assert item["text"] == question.text
        assert item["options"] == [{"value": option.value, "label": option.label} for option in question.options]


@pytest.mark.parametrize("name", ["metadata", "overview", *DOCUMENT_COLLECTIONS])
def test_each_part_equals_its_data_file(name: str) -> None:
    """Each part of the document is written exactly as the package's data file holds it."""
    filename = f"{name}.json" if name in {"metadata", "overview"} else COLLECTIONS[name][0]
    assert interop.content_document()[name] == _data_file(filename)


def test_rules_are_the_rule_table() -> None:
    """The rules part lists all 51 rows: label, id, urgency, trigger words, sources and decision; and the version."""
    document = interop.content_document()
    assert document["rules_version"] == RULES_VERSION
    assert len(document["rules"]) == len(RULES) == 51
    assert document["rules"] == [
        {
            "label": rule.label,
            "id": rule.id,
            "urgency": rule.urgency.value,
            "fires_when": rule.fires_when,
            "sources": list(rule.sources),
            "decision": rule.decision,
        }
        for rule in RULES
    ]
    assert any(row["decision"] for row in document["rules"])


def test_document_is_json_and_round_trips() -> None:
    """The document serialises to JSON (no dates or enums left) and parses back equal."""
    document = interop.content_document()
    assert json.loads(json.dumps(document, ensure_ascii=False)) == document


def test_each_call_returns_a_new_document() -> None:
    """A caller may change the document it got without changing what the next caller gets."""
    first = interop.content_document()
    expected = json.loads(json.dumps(first))
    first["causes"][0]["name"] = "changed"
    first["overview"]["alternate_names"].append("changed")
    first["rules"].clear()
    del first["metadata"]
    assert interop.content_document() == expected


def test_unloadable_content_raises_content_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """When the content cannot be loaded, content_document raises ContentError rather than serving stale data."""
    interop.content_document()
    monkeypatch.setattr("spasmfacts.content._default", ContentLoader(tmp_path))
    with pytest.raises(ContentError, match=r"metadata\.json"):
        interop.content_document()
