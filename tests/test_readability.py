"""Plain language, measured, and the texts agreeing with their urgency (issue 12, points 4 and 5).

Every text a person reads is graded with the Flesch-Kincaid formula of ``textstat`` (which
counts syllables from the bundled CMU dictionary and pyphen, so it needs no download). Names,
source titles and citation sections are exempt. The limits: median grade at most 6, no text
above grade 9.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Iterator

import pytest
import textstat

import spasmfacts
from spasmfacts import Urgency

MEDIAN_LIMIT = 6.0
MAX_LIMIT = 9.0


def _grade(text: str) -> float:
    return float(textstat.flesch_kincaid_grade(text))


def _user_texts() -> Iterator[tuple[str, str]]:
    """Every text a person reads, with where it lives: summaries, texts, advice, questions, labels, disclaimer."""
    overview = spasmfacts.overview()
    yield "overview.summary", overview.summary
    for fact in overview.facts:
        yield f"overview.facts[{fact.id}].text", fact.text
    for name in ("causes", "conditions", "symptoms", "treatments", "prevention_measures"):
        for item in getattr(spasmfacts, name)():
            yield f"{name}[{item.id}].summary", item.summary
    for sign in spasmfacts.warning_signs():
        yield f"warning_signs[{sign.id}].summary", sign.summary
        yield f"warning_signs[{sign.id}].advice", sign.advice
    for step in spasmfacts.next_steps():
        yield f"next_steps[{step.id}].summary", step.summary
        yield f"next_steps[{step.id}].advice", step.advice
    for caution in spasmfacts.cautions():
        yield f"cautions[{caution.id}].summary", caution.summary
        yield f"cautions[{caution.id}].text", caution.text
    for question in spasmfacts.questions():
        yield f"questions[{question.id}].text", question.text
        for option in question.options:
            yield f"questions[{question.id}].options[{option.value}].label", option.label
    yield from ((f"phrases[{phrase.id}].text", phrase.text) for phrase in spasmfacts.phrases())
    meta = spasmfacts.metadata()
    yield "metadata.disclaimer", meta.disclaimer
    yield "metadata.attribution", meta.attribution
    yield "metadata.review.status", meta.review.status
    for index, statement in enumerate(meta.intended_use):
        yield f"metadata.intended_use[{index}]", statement


GRADES = sorted(((_grade(text), path, text) for path, text in _user_texts()), reverse=True)


def _worst(count: int = 10) -> str:
    return "\n".join(f"  grade {grade:5.1f}  {path}: {text}" for grade, path, text in GRADES[:count])


def test_every_kind_of_user_text_is_measured() -> None:
    """The measure covers every warning sign, next step, caution, question, option label and metadata statement."""
    paths = [path for _, path, _ in GRADES]
    assert len(paths) == len(set(paths))
    assert sum(path.startswith("warning_signs[") for path in paths) == 2 * 51
    assert sum(path.startswith("next_steps[") for path in paths) == 2 * 4
    assert sum(path.startswith("cautions[") for path in paths) == 2 * 4
    assert sum(path.startswith("questions[") and path.endswith("].text") for path in paths) == 20
    assert sum(".options[" in path for path in paths) == 3 + 11 + 35 + 5 + 4
    assert sum(path.startswith("metadata.intended_use[") for path in paths) == 5
    assert sum(path.startswith("phrases[") for path in paths) == len(spasmfacts.phrases())


def test_median_grade_is_at_most_6() -> None:
    """Half of the texts a person reads are at US school grade 6 or easier (Flesch-Kincaid)."""
    median = statistics.median(grade for grade, _, _ in GRADES)
    assert median <= MEDIAN_LIMIT, f"median grade {median:.1f} > {MEDIAN_LIMIT}; the hardest texts:\n{_worst()}"


def test_no_text_is_above_grade_9() -> None:
    """No text a person reads is harder than US school grade 9 (Flesch-Kincaid)."""
    too_hard = [(grade, path, text) for grade, path, text in GRADES if grade > MAX_LIMIT]
    listing = "\n".join(f"  grade {grade:5.1f}  {path}: {text}" for grade, path, text in too_hard)
    assert not too_hard, f"{len(too_hard)} text(s) above grade {MAX_LIMIT}:\n{listing}"


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("The cat sat on the mat. It was glad.", -5.0, 2.0),
        (
            (
                "Notwithstanding considerable physiological heterogeneity, pharmacological intervention "
                "necessitates individualised consideration of contraindications."
            ),
            20.0,
            60.0,
        ),
    ],
)
def test_the_grade_tells_plain_from_hard_text(text: str, low: float, high: float) -> None:
    """The grade used by the limits is low for plain words in short sentences and high for dense jargon."""
    assert low <= _grade(text) <= high


# -- consistency: every urgency word agrees with its row ----------------------------------------

_SENTENCE = re.compile(r"(?<=[.!?])\s+")
_IF = re.compile(r"\bif\b", re.IGNORECASE)
_TODAY = re.compile(r"\btoday\b", re.IGNORECASE)
_EMERGENCY_NOW = re.compile(r"\bemergency number\b.*\bnow\b|\bnow\b.*\bemergency number\b", re.IGNORECASE)
_STOP_MEDICINE = re.compile(
    r"\b(stop|quit)\s+(taking|using)\b"
    r"|\bstop\s+(it|them|your\s+(medicine|medicines|statin|tablets?|dose|pills?))\b"
    r"|\bdiscontinu",
    re.IGNORECASE,
)
_WHERE = re.compile(
    r"\b(doctor|GP|pharmacist|nurse|midwife|maternity unit|emergency (number|department|team)|urgent care"
    r"|out-of-hours|same-day service|surgery|clinician|ambulance|care team)\b",
)
_CONDITION_NAMES = re.compile(
    r"\b(?:meningitis|stroke|sepsis|heart attack|thrombosis|DVT|clot|embolism|rhabdomyolysis|hypocalcae?mia"
    r"|calcium|cauda equina|epilepsy|infantile spasms|heatstroke|heat exhaustion|motor neurone|MND"
    r"|multiple sclerosis|Parkinson|dystonia|neuroleptic|serotonin syndrome|pre-eclampsia|ectopic"
    r"|appendicitis|angina|arrhythmia|arterial disease|hypoparathyroidism|lockjaw|tetanus(?! jab))\b",
    re.IGNORECASE,
)
_LEVEL_OPENINGS = {
    Urgency.ROUTINE: "book an appointment",
    Urgency.URGENT: "get medical help today",
    Urgency.EMERGENCY: "call your local emergency number now",
}
DONT_STOP = "Don't stop or change it because of this app; follow the leaflet and the clinician you contact."


def _sentences(text: str) -> list[str]:
    return _SENTENCE.split(text)


def _graded_texts() -> Iterator[tuple[str, Urgency, str]]:
    """The summary and advice of every warning sign and next step, with the urgency they belong to."""
    for sign in spasmfacts.warning_signs():
        yield f"warning_signs[{sign.id}].summary", sign.urgency, sign.summary
        yield f"warning_signs[{sign.id}].advice", sign.urgency, sign.advice
    for step in spasmfacts.next_steps():
        yield f"next_steps[{step.id}].summary", step.urgency, step.summary
        yield f"next_steps[{step.id}].advice", step.urgency, step.advice


def _misplaced_today(urgency: Urgency, text: str) -> list[str]:
    if urgency is Urgency.URGENT:
        return []
    return [s for s in _sentences(text) if _TODAY.search(s) and not _IF.search(s)]


def _misplaced_emergency_now(urgency: Urgency, text: str) -> list[str]:
    if urgency is Urgency.EMERGENCY:
        return []
    return [s for s in _sentences(text) if _EMERGENCY_NOW.search(s) and not _IF.search(s)]


@pytest.mark.parametrize(
    ("urgency", "text", "misplaced"),
    [
        (Urgency.ROUTINE, "Get help today.", True),
        (Urgency.ROUTINE, "If it gets worse, get help today.", False),
        (Urgency.URGENT, "Get help today.", False),
        (Urgency.EMERGENCY, "Go today. Call now.", True),
    ],
)
def test_the_today_check_finds_a_misplaced_today(urgency: Urgency, text: str, *, misplaced: bool) -> None:
    """The check flags "today" outside urgent rows unless the sentence is a conditional "if"."""
    assert bool(_misplaced_today(urgency, text)) is misplaced


def test_today_appears_only_in_urgent_rows_or_conditionals() -> None:
    """The word "today" appears only in urgent rows and steps, or inside an "if ..." sentence."""
    found = [(path, s) for path, urgency, text in _graded_texts() for s in _misplaced_today(urgency, text)]
    assert not found


@pytest.mark.parametrize(
    ("urgency", "text", "misplaced"),
    [
        (Urgency.URGENT, "Call your local emergency number now.", True),
        (Urgency.URGENT, "Call your local emergency number now if you faint.", False),
        (Urgency.EMERGENCY, "Call your local emergency number now.", False),
        (Urgency.ROUTINE, "Now call the emergency number.", True),
    ],
)
def test_the_emergency_check_finds_a_misplaced_call(urgency: Urgency, text: str, *, misplaced: bool) -> None:
    """The check flags "emergency number ... now" outside emergency rows unless the sentence is a conditional."""
    assert bool(_misplaced_emergency_now(urgency, text)) is misplaced


def test_emergency_number_now_only_in_emergency_rows_or_conditionals() -> None:
    """The words "emergency number" and "now" meet only in emergency rows and steps, or in an "if ..." sentence."""
    found = [(path, s) for path, urgency, text in _graded_texts() for s in _misplaced_emergency_now(urgency, text)]
    assert not found


def test_advice_never_opens_with_the_action_of_its_own_level() -> None:
    """A sign's advice adds to the next step shown first; it never repeats the level's action as its opening."""
    for sign in spasmfacts.warning_signs():
        opening = _LEVEL_OPENINGS.get(sign.urgency)
        assert opening is not None, sign.id
        assert not sign.advice.lower().startswith(opening), sign.id
    for step in spasmfacts.next_steps():
        opening = _LEVEL_OPENINGS.get(step.urgency)
        if opening is not None:
            assert step.advice.lower().startswith(opening), step.id


def test_every_warning_sign_says_where_to_go_or_whom_to_contact() -> None:
    """Each warning sign's advice names a place or a person: a doctor, a midwife, the emergency number, ..."""
    missing = [sign.id for sign in spasmfacts.warning_signs() if _WHERE.search(sign.advice) is None]
    assert not missing


@pytest.mark.parametrize(
    ("text", "names_a_condition"),
    [
        ("It can be a sign of meningitis.", True),
        ("You may have tetanus.", True),
        ("Ask if you need a tetanus jab.", False),
        ("Take off extra clothes.", False),
    ],
)
def test_the_condition_check_finds_a_condition_name(text: str, *, names_a_condition: bool) -> None:
    """The check flags a condition's name, and lets a vaccine's name and ordinary words pass."""
    assert bool(_CONDITION_NAMES.search(text)) is names_a_condition


@pytest.mark.parametrize(
    ("text", "says_where"),
    [("Sit down and rest.", False), ("Tell the emergency team.", True), ("Contact your midwife today.", True)],
)
def test_the_where_check_finds_a_place_or_person(text: str, *, says_where: bool) -> None:
    """The check recognises advice that names where to go or whom to contact, and flags advice that does not."""
    assert bool(_WHERE.search(text)) is says_where


def test_no_warning_sign_text_names_a_condition() -> None:
    """No warning sign's name, summary or advice names a condition: they describe signs and services."""
    found = [
        (sign.id, match.group(0))
        for sign in spasmfacts.warning_signs()
        for text in (sign.name, sign.summary, sign.advice)
        for match in _CONDITION_NAMES.finditer(text)
    ]
    assert not found
    assert "tetanus jab" in spasmfacts.warning_signs().lookup("after-wound").advice


def _all_texts() -> Iterator[tuple[str, str]]:
    yield from _user_texts()
    for sign in spasmfacts.warning_signs():
        yield f"warning_signs[{sign.id}].name", sign.name
    for caution in spasmfacts.cautions():
        yield f"cautions[{caution.id}].name", caution.name


def test_no_text_names_one_countrys_emergency_number_alone() -> None:
    """Wherever a text gives an emergency number, it says "local" and gives the UK, US and EU numbers together."""
    with_numbers = [(path, text) for path, text in _all_texts() if re.search(r"\b(999|911|112)\b", text)]
    assert {path for path, _ in with_numbers} >= {
        "next_steps[emergency].advice",
        "next_steps[self-care].advice",
        "metadata.disclaimer",
    }
    for path, text in with_numbers:
        assert "local emergency number" in text, path
        assert all(number in text for number in ("999", "911", "112")), path


@pytest.mark.parametrize(
    ("text", "tells_to_stop"),
    [
        ("Stop taking your statin.", True),
        ("You may need to stop it.", True),
        ("Discontinue the tablets.", True),
        (DONT_STOP, False),
        ("Stop what you are doing and move somewhere cool.", False),
        ("The spasms wake you or stop you sleeping.", False),
    ],
)
def test_the_stop_check_finds_an_instruction_to_stop(text: str, *, tells_to_stop: bool) -> None:
    """The check flags an instruction to stop a medicine, and lets the agreed wording and other stops pass."""
    assert bool(_STOP_MEDICINE.search(text)) is tells_to_stop


def test_no_text_tells_the_reader_to_stop_a_medicine() -> None:
    """No text tells the reader to stop a medicine; the rows about a medicine they take use the agreed wording."""
    found = [(path, text) for path, text in _all_texts() if _STOP_MEDICINE.search(text)]
    assert not found
    for sign_id in (
        "new-medication",
        "fluid-loss",
        "statin-muscle-symptoms",
        "taking-statin",
        "taking-water-tablet",
        "statin-new-dose",
    ):
        assert DONT_STOP in spasmfacts.warning_signs().lookup(sign_id).advice, sign_id


def _check_outputs() -> list[tuple[float, str]]:
    """The grade of the readable ``check`` output, less its source lines, for every scenario of the pack."""
    grades = []
    for scenario in spasmfacts.scenarios():
        document = spasmfacts.assessment_to_dict(spasmfacts.assess(spasmfacts.episode_from_dict(scenario.episode)))
        lines = spasmfacts.assessment_text(document).splitlines()
        text = "\n".join(line for line in lines if not line.lstrip().startswith("Source:"))
        grades.append((_grade(text), scenario.id))
    return grades


def test_readable_check_output_meets_the_limits() -> None:
    """The text `check` prints (sources aside) reads at grade 9 or easier, median 6, for every scenario of the pack."""
    grades = _check_outputs()
    assert len(grades) == len(spasmfacts.scenarios())
    hardest = max(grades)
    assert hardest[0] <= MAX_LIMIT, f"scenario {hardest[1]} reads at grade {hardest[0]:.1f}"
    assert statistics.median(grade for grade, _ in grades) <= MEDIAN_LIMIT
