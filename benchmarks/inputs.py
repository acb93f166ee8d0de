"""The benchmark's inputs: varied JSON Lines of episodes from a fixed seed, and the per-call episodes.

Real traffic is varied, so the batch input is too: every field and every form of it (``null``,
a missing key, ``[]`` for "none of these", every spelling of a duration), keys in random order,
mostly distinct lines, and some invalid and blank lines. Two mixes:

``mild``
    what a cramp app mostly sees: a leg or a foot, a few minutes, mostly nothing alarming, and
    about half the questions answered.
``harsh``
    every field answered at random from the whole vocabulary, so that most lines fire a
    different set of rows.

The generator needs only the standard library and the installed package's vocabulary, so the
figures follow the vocabulary as it grows.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from datetime import timedelta
from typing import Any, Final

from spasmfacts.episode import FLAG_FIELDS
from spasmfacts.vocabulary import AgeGroup, BodyArea, Finding, Medicine, Severity

__all__ = ["EPISODES", "MIXES", "REPEATED_DOCUMENTS", "batch_lines", "describe"]

SEED: Final = 20260115
MIXES: Final = ("mild", "harsh")

REPEATED_DOCUMENTS: Final = (
    (
        '{"severity": "moderate", "duration": "PT4M", "body_areas": ["leg"], "accompanied_by": ["fever"], '
        '"disturbs_sleep": true}'
    ),
    "{}",
    '{"severity": "mild", "duration": 60, "body_areas": ["leg"]}',
    '{"severity": "severe", "body_areas": ["chest"], "accompanied_by": ["chest_pain", "breathlessness"]}',
)
"""The four documents of the repeated-input figure (the batch figure before issue 15), cycled."""

EPISODES: Final[dict[str, dict[str, Any]]] = {
    "nothing reported": {},
    "mild one-minute calf cramp": {"severity": "mild", "duration": timedelta(minutes=1), "body_areas": {"leg"}},
    "all answered, nothing fires": {
        "severity": "mild",
        "duration": timedelta(seconds=90),
        "body_areas": {"foot"},
        "accompanied_by": set(),
        "medicines": set(),
        "age_group": "adult",
        **dict.fromkeys(FLAG_FIELDS, False),
        "improves_with_self_care": True,
    },
    "emergency with several findings": {
        "severity": "severe",
        "duration": timedelta(minutes=15),
        "body_areas": {"chest"},
        "accompanied_by": {"chest_pain", "breathlessness", "fever", "vomiting", "confusion"},
    },
    "many rows fire": {
        "severity": "severe",
        "duration": timedelta(hours=2),
        "body_areas": set(BodyArea),
        "accompanied_by": set(Finding),
        "medicines": set(Medicine),
        "age_group": "older_adult",
        **dict.fromkeys(FLAG_FIELDS, True),
        "improves_with_self_care": False,
    },
}
"""The episodes of the per-call figures (``rule``, ``assess``); each figure is the worst of them."""

# Values of the mild mix: what most users of a cramp app report.
_MILD_AREAS: Final = ("leg", "leg", "leg", "foot", "foot", "hand", "back", "neck", "arm", "abdomen")
_MILD_FINDINGS: Final = ("muscle_ache", "sweating", "twitching", "tingling_mouth_fingers", "swelling", "fever")
_MILD_FLAG_ANSWERS: Final = (None, None, False, False, False, False, True)

_INVALID_LINES: Final = (
    '{"severity": "moderate", "itch": true}',
    '{"accompanied_by": ["fever", "chest-pain"]}',
    '{"body_areas": "leg"}',
    '{"disturbs_sleep": "yes", "duration": "12 minutes"}',
    '{"duration": -5}',
    '{"recurrent": true, "recurrent": false}',
    '{"severity": "moderate", "duration": "PT4M"',
    '["leg"]',
    '{"duration": 1e400}',
    '{"medicines": ["statin", 7], "age_group": "teen"}',
)
_BLANK_LINES: Final = ("", "   ", "\t")


def _iso(seconds: float, rng: random.Random) -> str:
    """``seconds`` in one of the ISO 8601 spellings a client may send (days, hours, minutes, seconds, a fraction)."""
    whole = int(seconds)
    micros = round((seconds - whole) * 1_000_000)
    days, rest = divmod(whole, 86400)
    hours, rest = divmod(rest, 3600)
    minutes, secs = divmod(rest, 60)
    if rng.random() < 0.2 and not days:  # all in seconds or all in minutes, as many clients send it
        hours, minutes, secs = 0, 0, whole
        if secs % 60 == 0 and not micros and rng.random() < 0.5:
            minutes, secs = secs // 60, 0
    time = f"{hours}H" if hours else ""
    time += f"{minutes}M" if minutes else ""
    if micros:
        time += f"{secs}.{micros:06d}".rstrip("0") + "S"
    elif secs or not (days or time):
        time += f"{secs}S"
    return "P" + (f"{days}D" if days else "") + (f"T{time}" if time else "")


def _duration(rng: random.Random, longest: float) -> object:
    """A duration as JSON sends it: ISO 8601 text most often, else whole or fractional seconds, or null."""
    form = rng.random()
    if form < 0.08:
        return None
    seconds = round(rng.uniform(0.5, longest), rng.choice((0, 0, 0, 1, 3)))
    if form < 0.7:
        return _iso(seconds, rng)
    if form < 0.85:
        return int(seconds)
    return seconds


def _some(rng: random.Random, values: tuple[str, ...], most: int) -> list[str]:
    return rng.sample(values, rng.randint(0, min(most, len(values))))


def _subset(rng: random.Random, values: tuple[str, ...], most: int, empty: float) -> list[str] | None:
    """An array of distinct values; ``[]`` ("none of these") with probability ``empty``; ``null`` now and then."""
    chance = rng.random()
    if chance < 0.1:
        return None
    if chance < 0.1 + empty:
        return []
    return _some(rng, values, most) or [rng.choice(values)]


def _mild(rng: random.Random) -> dict[str, Any]:
    fields: dict[str, Any] = {
        "severity": rng.choice(("mild", "mild", "moderate", "moderate", "severe", None)),
        "duration": _duration(rng, 720),
        "body_areas": _subset(rng, _MILD_AREAS, 2, 0.05),
        "accompanied_by": _subset(rng, _MILD_FINDINGS, 1, 0.6),
        "medicines": _subset(rng, ("statin", "blood_thinner", "water_tablet"), 1, 0.7),
        "age_group": rng.choice(("adult", "adult", "adult", "older_adult", "child", None)),
    }
    fields.update((flag, rng.choice(_MILD_FLAG_ANSWERS)) for flag in FLAG_FIELDS)
    # About half the questions answered; an unanswered one is a missing key as often as a null.
    return {key: value for key, value in fields.items() if rng.random() < 0.55}


def _harsh(rng: random.Random) -> dict[str, Any]:
    fields: dict[str, Any] = {
        "severity": rng.choice([*(s.value for s in Severity), None]),
        "duration": _duration(rng, 3 * 86400),
        "body_areas": _subset(rng, tuple(a.value for a in BodyArea), 4, 0.05),
        "accompanied_by": _subset(rng, tuple(f.value for f in Finding), 6, 0.1),
        "medicines": _subset(rng, tuple(m.value for m in Medicine), 3, 0.2),
        "age_group": rng.choice([*(a.value for a in AgeGroup), None]),
    }
    fields.update((flag, rng.choice((True, False, None))) for flag in FLAG_FIELDS)
    return {key: value for key, value in fields.items() if rng.random() < 0.85}


_MAKERS: Final[dict[str, Callable[[random.Random], dict[str, Any]]]] = {"mild": _mild, "harsh": _harsh}


def _line(rng: random.Random, fields: dict[str, Any]) -> str:
    items = list(fields.items())
    rng.shuffle(items)  # clients send keys in any order
    compact = rng.random() < 0.3
    return json.dumps(dict(items), separators=(",", ":") if compact else None)


def batch_lines(count: int, mix: str, seed: int = SEED) -> list[str]:
    """``count`` lines of the ``mix`` (without line endings), the same for the same arguments.

    About 2 lines in 100 are invalid and 1 in 500 is blank.
    """
    rng = random.Random(f"{mix}:{seed}")  # noqa: S311 (test data, not secrets)
    make = _MAKERS[mix]
    lines = []
    for _ in range(count):
        chance = rng.random()
        if chance < 0.002:
            lines.append(rng.choice(_BLANK_LINES))
        elif chance < 0.022:
            lines.append(rng.choice(_INVALID_LINES))
        else:
            lines.append(_line(rng, make(rng)))
    return lines


def describe(lines: list[str]) -> dict[str, int]:
    """How varied ``lines`` are: distinct lines, blank and invalid lines, and distinct sets of rows that fire."""
    from spasmfacts import InvalidEpisodeError, episode_from_json  # noqa: PLC0415
    from spasmfacts.rules import fired_rules  # noqa: PLC0415

    fired: set[tuple[str, ...]] = set()
    invalid = blank = 0
    for line in lines:
        if not line.strip():
            blank += 1
            continue
        try:
            episode = episode_from_json(line)
        except InvalidEpisodeError:
            invalid += 1
            continue
        fired.add(tuple(rule.id for rule in fired_rules(episode)))
    return {
        "lines": len(lines),
        "distinct lines": len(set(lines)),
        "blank": blank,
        "invalid": invalid,
        "distinct sets of rows fired": len(fired),
    }
