"""The one result document (assessment_to_dict) and its readable text (assessment_text): the action first."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import pytest
from hypothesis import example, given

import spasmfacts
from spasmfacts import (
    RULES,
    AgeGroup,
    Assessment,
    BodyArea,
    Episode,
    Finding,
    Policy,
    Urgency,
    assess,
    assessment_text,
    assessment_to_dict,
)
from strategies import Fields, episodes, minimal_episodes, policies

FIRST_WAY: dict[str, Fields] = {}
for _rule_id, _fields in minimal_episodes():
    FIRST_WAY.setdefault(_rule_id, _fields)
COMPLETE: Fields = {"body_areas": {BodyArea.LEG}, "accompanied_by": frozenset()}


def phrase(phrase_id: str) -> str:
    """The text of a phrase the readable result adds around the content (headings, headlines, notes)."""
    return spasmfacts.phrases().lookup(phrase_id).text


def headline(urgency: str) -> str:
    """The headline line the text opens with for ``urgency`` (a value such as "self_care")."""
    return f"{phrase('headline-' + urgency.replace('_', '-'))} ({urgency})"


def shows(text: str, block: str) -> bool:
    """Whether every line of ``block`` appears in ``text`` as an indented line of its own."""
    return all(f"  {line}\n" in text for line in block.splitlines() if line.strip())


def document_of(episode: Episode, policy: Policy | None = None) -> dict[str, Any]:
    """assessment_to_dict of the assessment of ``episode``."""
    return assessment_to_dict(assess(episode) if policy is None else assess(episode, policy=policy))


def firing(rule_id: str) -> Episode:
    """A minimal episode that fires row ``rule_id``."""
    return Episode(**FIRST_WAY[rule_id])


# --- The document -------------------------------------------------------------------------------


def test_document_keys() -> None:
    """The document carries versions, urgency, headline, next step, reasons, unanswered, scope, cautions, disclaimer."""
    document = document_of(Episode(severity="severe", accompanied_by=["fever"]))
    assert set(document) >= {
        "rules_version",
        "content_version",
        "urgency",
        "needs_medical_attention",
        "complete",
        "headline",
        "next_step",
        "reasons",
        "unanswered",
        "outside_intended_use",
        "cautions",
        "disclaimer",
        "review_status",
    }
    assert document["rules_version"] == "2.0"
    assert document["content_version"] == spasmfacts.metadata().content_version
    assert document["disclaimer"] == spasmfacts.metadata().disclaimer
    assert document["review_status"] == spasmfacts.metadata().review.status
    assert json.loads(json.dumps(document)) == document


@given(episodes, policies)
@example(Episode(accompanied_by=[Finding.CHEST_PAIN], recurrent=True), Policy())
def test_next_step_comes_before_the_reasons_in_the_document(episode: Episode, policy: Policy) -> None:
    """In the document's key order the urgency and its next step come before the reasons, for every episode."""
    keys = list(document_of(episode, policy))
    assert keys.index("urgency") < keys.index("next_step") < keys.index("reasons")
    assert keys.index("headline") < keys.index("next_step")


def test_document_reasons_and_next_step() -> None:
    """Each reason carries id, name, urgency, summary, advice and sources; the next step its texts and sources."""
    result = assess(Episode(severity="severe", accompanied_by=["fever"]))
    document = assessment_to_dict(result)
    assert (document["urgency"], document["needs_medical_attention"]) == ("urgent", True)
    assert [reason["id"] for reason in document["reasons"]] == ["fever-or-chills", "severe"]
    catalog = spasmfacts.sources()
    for reason, original in zip(document["reasons"], result.reasons, strict=True):
        assert list(reason) == ["id", "name", "urgency", "summary", "advice", "sources"]
        assert reason == {
            "id": original.id,
            "name": original.name,
            "urgency": original.urgency.value,
            "summary": original.summary,
            "advice": original.advice,
            "sources": reason["sources"],
        }
        assert [source["id"] for source in reason["sources"]] == list(original.sources)
        for source in reason["sources"]:
            entry = catalog.lookup(source["id"])
            assert source == {"id": entry.id, "title": entry.title, "publisher": entry.publisher, "url": entry.url}
    article = next(source for source in document["reasons"][1]["sources"] if source["id"] == "article")
    assert article["url"] is None
    step = document["next_step"]
    assert list(step) == ["id", "urgency", "summary", "advice", "sources"]
    assert (step["id"], step["urgency"], step["summary"], step["advice"]) == (
        "same-day",
        "urgent",
        result.next_step.summary,
        result.next_step.advice,
    )
    cited = list(dict.fromkeys(citation.source for citation in result.next_step.citations))
    assert [source["id"] for source in step["sources"]] == cited


def test_document_unanswered_questions_scope_and_cautions() -> None:
    """Unanswered fields come with their questions, in order; the scope note and the cautions come with their texts."""
    result = assess(Episode(age_group=AgeGroup.CHILD, in_heat=True, body_areas=["leg"]))
    document = assessment_to_dict(result)
    questions = spasmfacts.questions()
    assert document["unanswered"] == [
        {"field": name, "question": questions.lookup(name).text} for name in result.unanswered
    ]
    assert document["outside_intended_use"] == [{"age_group": "child", "note": phrase("outside-intended-use-child")}]
    assert [caution["id"] for caution in document["cautions"]] == ["painkillers", "fluid-limit", "heat"]
    for caution, original in zip(document["cautions"], result.cautions, strict=True):
        assert (caution["name"], caution["summary"], caution["text"]) == (
            original.name,
            original.summary,
            original.text,
        )
        assert [source["id"] for source in caution["sources"]] == list(
            dict.fromkeys(citation.source for citation in original.citations)
        )
    assert document["complete"] is False


def test_self_care_document() -> None:
    """A self-care result has no reasons and the self-care next step, with its sources, in the same shape."""
    document = document_of(Episode(**COMPLETE))
    assert (document["needs_medical_attention"], document["urgency"], document["complete"]) == (
        False,
        "self_care",
        True,
    )
    assert document["reasons"] == []
    assert document["next_step"]["id"] == "self-care"
    assert document["next_step"]["sources"]


@pytest.mark.parametrize("value", [None, {}, "assessment", Episode()])
def test_document_of_a_non_assessment_is_a_type_error(value: object) -> None:
    """assessment_to_dict() raises TypeError for anything but an Assessment."""
    with pytest.raises(TypeError, match="Assessment"):
        assessment_to_dict(value)  # type: ignore[arg-type]


# --- Every row's advice reaches every output ----------------------------------------------------


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.id)
def test_every_rows_advice_reaches_the_document_and_the_text(rule: spasmfacts.Rule) -> None:
    """For each row, an episode firing it shows its warning sign's advice in the document and in the text."""
    advice = spasmfacts.warning_signs().lookup(rule.id).advice
    document = document_of(firing(rule.id))
    reason = next(reason for reason in document["reasons"] if reason["id"] == rule.id)
    assert reason["advice"] == advice
    assert shows(assessment_text(document), advice)


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.id)
def test_no_reason_opens_with_its_own_levels_action(rule: spasmfacts.Rule) -> None:
    """A reason's advice never opens with the action of its own level's next step (that comes first, once)."""
    step = next(step for step in spasmfacts.next_steps() if step.urgency is rule.urgency)
    action = step.advice.split(". ")[0]
    assert not spasmfacts.warning_signs().lookup(rule.id).advice.startswith(action)


# --- The readable text --------------------------------------------------------------------------


@given(episodes, policies)
@example(Episode(accompanied_by=[Finding.CHEST_PAIN], recurrent=True), Policy())
@example(Episode(recurrent=True), Policy())
def test_next_step_comes_before_the_reasons_in_the_text(episode: Episode, policy: Policy) -> None:
    """In the readable text the headline and the next step come before the first reason, for every episode."""
    document = document_of(episode, policy)
    text = assessment_text(document)
    top = text.index(f"{document['headline']} ({document['urgency']})\n")
    step = text.index(f"\n{document['next_step']['summary']}\n{document['next_step']['advice']}\n")
    assert top < step
    assert document["headline"] == phrase("headline-" + document["urgency"].replace("_", "-"))
    if document["reasons"]:
        assert step < text.index(f"\n{phrase('reasons')}\n") < text.index(f"- {document['reasons'][0]['name']} [")


@pytest.mark.parametrize("rule", [rule for rule in RULES if rule.urgency is Urgency.EMERGENCY], ids=lambda r: r.id)
def test_an_emergency_never_reads_book_an_appointment_first(rule: spasmfacts.Rule) -> None:
    """For every emergency row, the text opens with the emergency headline and its action, never a routine one."""
    text = assessment_text(document_of(firing(rule.id)))
    assert text.startswith(headline("emergency") + "\n")
    before_reasons = text[: text.index(phrase("reasons"))]
    assert "emergency number" in before_reasons
    assert "Book an appointment" not in before_reasons
    assert "Get medical help today" not in before_reasons


def test_reasons_in_the_text_are_highest_urgency_first() -> None:
    """The text lists the reasons highest urgency first, each with its summary, advice and sources."""
    document = document_of(Episode(recurrent=True, accompanied_by=["fever", "confusion"], body_areas=["leg"]))
    text = assessment_text(document)
    positions = [text.index(f"- {reason['name']} [{reason['urgency']}]") for reason in document["reasons"]]
    assert positions == sorted(positions)
    assert [reason["urgency"] for reason in document["reasons"]] == ["emergency", "urgent", "routine"]
    for reason in document["reasons"]:
        assert f"  {reason['summary']}\n" in text
        assert shows(text, reason["advice"])
        for source in reason["sources"]:
            assert f"    Source: {source['title']}, {source['publisher']}" in text


def test_an_empty_report_says_it_could_not_check() -> None:
    """With nothing answered the text opens with "We could not check for warning signs" and every question, in order."""
    document = document_of(Episode())
    text = assessment_text(document)
    assert text.startswith(phrase("incomplete") + "\n")
    listed = [f"- {item['question']}" for item in document["unanswered"]]
    assert len(listed) == 20
    positions = [text.index(line + "\n") for line in listed]
    assert positions == sorted(positions)
    assert text.index(phrase("unanswered")) < positions[0]
    assert positions[-1] < text.index(headline("self_care"))
    assert text.count(phrase("unanswered")) == 1


def test_a_complete_self_care_report_opens_with_the_headline() -> None:
    """A complete self-care result opens with its headline, and never says it could not check."""
    text = assessment_text(document_of(Episode(**COMPLETE)))
    assert text.startswith(headline("self_care") + "\n")
    assert phrase("incomplete") not in text


def test_an_incomplete_report_that_fired_lists_the_questions_after_the_reasons() -> None:
    """An incomplete result that fired opens with its action; the unanswered questions follow the reasons."""
    document = document_of(Episode(recurrent=True))
    text = assessment_text(document)
    assert text.startswith(headline("routine") + "\n")
    assert phrase("incomplete") not in text
    assert text.index("- ") < text.index(phrase("unanswered"))
    for item in document["unanswered"]:
        assert f"- {item['question']}\n" in text


def test_scope_cautions_disclaimer_in_the_text() -> None:
    """The text carries the intended-use note, each caution's name, summary and text, the disclaimer and review."""
    document = document_of(Episode(age_group="baby", pregnant=True, in_heat=True, **COMPLETE))
    text = assessment_text(document)
    assert f"\n{phrase('outside-intended-use-baby')}\n" in text
    assert f"\n{phrase('cautions')}\n" in text
    assert [caution["id"] for caution in document["cautions"]] == ["heat", "pregnancy"]
    for caution in document["cautions"]:
        assert f"- {caution['name']}: {caution['summary']}\n" in text
        assert shows(text, caution["text"])
    assert text.endswith(f"\n{document['disclaimer']}\n{phrase('review')} {document['review_status']}.\n")


def test_a_long_lasting_reason_states_the_policy_in_the_text() -> None:
    """The readable text of a long spasm under a 5-minute policy states the 5-minute limit."""
    policy = Policy(long_episode=timedelta(minutes=5))
    text = assessment_text(document_of(Episode(duration=timedelta(minutes=6)), policy))
    assert "5 minutes" in text


def test_outputs_are_plain_data() -> None:
    """The document holds only JSON types and the text is one string ending in a newline."""
    result: Assessment = assess(Episode(accompanied_by=list(Finding), body_areas=list(BodyArea)))
    document = assessment_to_dict(result)
    assert json.loads(json.dumps(document)) == document
    text = assessment_text(document)
    assert text.endswith("\n")
    assert len(document["reasons"]) == len(result.reasons)
