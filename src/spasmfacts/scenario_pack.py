"""The scenario pack: clinical scenarios with the urgency and rows the rule table must give for each.

Deployers replay the pack through their own integration (their forms, their JSON, their
storage) and compare what comes out with what each scenario expects; the project's own
tests replay it through :func:`~spasmfacts.assess` and ``spasmfacts check --input``. The
pack ships as package data (``data/scenarios.json``), is read once through
``importlib_resources`` and is checked as it loads, so a damaged file raises
:class:`~spasmfacts.ContentError` naming the file and the path inside it.
"""

from __future__ import annotations

import json
import re
import threading
from typing import TYPE_CHECKING, Any, Final, NoReturn

import attrs

from spasmfacts._fork import in_forked_child
from spasmfacts.boundary import episode_from_dict, episode_to_dict
from spasmfacts.errors import ContentError, InvalidEpisodeError, json_type
from spasmfacts.rules import RULES, RULES_VERSION
from spasmfacts.vocabulary import Urgency

if TYPE_CHECKING:
    from importlib_resources.abc import Traversable

__all__ = ["FILENAME", "Scenario", "scenarios"]

FILENAME: Final = "scenarios.json"
"""The pack's data file, in the package's ``data`` folder."""

_KEYS: Final = ("id", "description", "episode", "urgency", "rows")
_ID: Final = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_URGENCY_BY_VALUE: Final = {member.value: member for member in Urgency}
_RULE_BY_ID: Final = {rule.id: rule for rule in RULES}
_POSITION: Final = {rule.id: index for index, rule in enumerate(RULES)}


@attrs.frozen(kw_only=True)
class Scenario:
    """One clinical scenario: a report, and the urgency and rows the rule table must give for it.

    >>> scenario = next(item for item in scenarios() if item.id == "evidence-7")
    >>> scenario.description, scenario.episode["body_areas"], scenario.urgency, scenario.rows
    ('Mild 30-second arm cramp', ['arm'], <Urgency.URGENT: 'urgent'>, ('arm-cramp',))
    """

    id: str
    """A stable id: ``evidence-N`` for the cases of the evidence notes, a descriptive kebab-case id otherwise."""
    description: str
    """The situation in a few words, for people reading a failed comparison."""
    # A dict is not hashable: the record hashes by its other fields (equal records still hash equal).
    episode: dict[str, Any] = attrs.field(hash=False)
    """The report exactly as :func:`~spasmfacts.episode_to_dict` writes it: every key, ``None`` where not answered."""
    urgency: Urgency
    """The urgency the rule table must give (the highest among ``rows``; self-care when there are none)."""
    rows: tuple[str, ...]
    """The ids of the rows that must fire, in rule-table order; empty when none may fire."""


class _PackError(Exception):
    """A problem in the pack; the message starts with its path inside the file."""


def _fail(path: str, message: str) -> NoReturn:
    raise _PackError(path + ": " + message)


def _object_without_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    document = dict(pairs)
    if len(document) != len(pairs):
        key = next(key for index, (key, _) in enumerate(pairs) if key in dict(pairs[:index]))
        _fail("$", f"invalid JSON: the key {key!r} appears twice in one object")
    return document


def _text(path: str, value: object) -> str:
    if not isinstance(value, str) or not value.strip():
        _fail(path, f"expected a non-empty string, not {json_type(value)}")
    return value


def _episode(path: str, value: object) -> dict[str, Any]:
    try:
        canonical = episode_to_dict(episode_from_dict(value))
    except InvalidEpisodeError as exc:
        where, message = exc.errors[0]
        _fail(path if where == "$" else f"{path}.{where}", message)
    given: dict[str, Any] = value  # type: ignore[assignment] # episode_from_dict took it: an object of known keys
    # The pack holds what an app's integration sends: the canonical form, every key, nothing implied.
    for key, expected in canonical.items():
        if key not in given or given[key] != expected or type(given[key]) is not type(expected):
            _fail(f"{path}.{key}", f"not as episode_to_dict writes it: expected {json.dumps(expected)}")
    return canonical


def _rows(path: str, value: object) -> tuple[str, ...]:
    if not isinstance(value, list):
        _fail(path, f"expected an array of row ids, not {json_type(value)}")
    rows: list[str] = []
    for index, row in enumerate(value):
        if row not in _RULE_BY_ID:
            _fail(f"{path}[{index}]", f"{row!r} is not a row of the rule table")
        if rows and _POSITION[row] <= _POSITION[rows[-1]]:
            _fail(f"{path}[{index}]", f"{row!r} is out of rule-table order or repeated")
        rows.append(row)
    return tuple(rows)


def _scenario(path: str, value: object) -> Scenario:
    if not isinstance(value, dict):
        _fail(path, f"expected an object, not {json_type(value)}")
    for key in value:
        if key not in _KEYS:
            _fail(f"{path}.{key}", "unknown key")
    for key in _KEYS:
        if key not in value:
            _fail(f"{path}.{key}", "required key missing")
    id_ = _text(f"{path}.id", value["id"])
    if _ID.fullmatch(id_) is None:
        _fail(f"{path}.id", f"{id_!r} is not a kebab-case id")
    urgency = _URGENCY_BY_VALUE.get(value["urgency"]) if isinstance(value["urgency"], str) else None
    if urgency is None:
        _fail(f"{path}.urgency", f"expected one of {', '.join(_URGENCY_BY_VALUE)}, not {value['urgency']!r}")
    rows = _rows(f"{path}.rows", value["rows"])
    highest = max((_RULE_BY_ID[row].urgency for row in rows), default=Urgency.SELF_CARE)
    if urgency is not highest:
        _fail(f"{path}.urgency", f"{urgency.value!r} is not the highest urgency of its rows ({highest.value!r})")
    return Scenario(
        id=id_,
        description=_text(f"{path}.description", value["description"]),
        episode=_episode(f"{path}.episode", value["episode"]),
        urgency=urgency,
        rows=rows,
    )


def _pack(data: object) -> tuple[Scenario, ...]:
    if not isinstance(data, dict) or set(data) != {"rules_version", "scenarios"}:
        _fail("$", "expected an object with exactly the keys 'rules_version' and 'scenarios'")
    if data["rules_version"] != RULES_VERSION:
        # A pack written for another table would test the wrong expectations.
        _fail("rules_version", f"{data['rules_version']!r} is not the rule table's version {RULES_VERSION!r}")
    items = data["scenarios"]
    if not isinstance(items, list) or not items:
        _fail("scenarios", f"expected a non-empty array, not {json_type(items)}")
    pack = tuple(_scenario(f"scenarios[{index}]", item) for index, item in enumerate(items))
    seen: set[str] = set()
    for index, scenario in enumerate(pack):
        if scenario.id in seen:
            _fail(f"scenarios[{index}].id", f"{scenario.id!r} is used twice")
        seen.add(scenario.id)
    return pack


def _load(root: Traversable) -> tuple[Scenario, ...]:
    """Read and check the pack in the folder ``root``; :class:`ContentError` naming the file and path if it is bad."""
    try:
        data = (root / FILENAME).read_bytes()
    except Exception as exc:  # noqa: BLE001 (a Traversable may raise anything for a missing file, not only OSError)
        msg = f"{FILENAME}: cannot be read ({getattr(exc, 'strerror', None) or type(exc).__name__})"
        raise ContentError(msg) from None
    try:
        return _pack(json.loads(data.decode("utf-8"), object_pairs_hook=_object_without_duplicates))
    except UnicodeDecodeError as exc:
        msg = f"{FILENAME}: not valid UTF-8 (byte {exc.start})"
    except json.JSONDecodeError as exc:
        msg = f"{FILENAME}: invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}"
    except _PackError as exc:
        msg = f"{FILENAME}: {exc}"
    except RecursionError:
        msg = f"{FILENAME}: invalid JSON: nested too deeply"
    except ValueError as exc:  # an integer past sys.get_int_max_str_digits(), say: still the file's fault
        msg = f"{FILENAME}: invalid JSON: {exc}"
    raise ContentError(msg)


_lock = threading.Lock()
_cached: tuple[Scenario, ...] | None = None


def _renew_lock() -> None:
    """In a forked child, a fresh lock: a thread that held the parent's while loading does not exist here."""
    global _lock  # noqa: PLW0603 (the child's own lock)
    _lock = threading.Lock()


in_forked_child(_renew_lock)


def scenarios() -> tuple[Scenario, ...]:
    """The scenario pack: every scenario, in the pack's order. The file is read and checked once.

    Each call gives new ``episode`` dicts, which the caller may change. Raises
    :class:`~spasmfacts.ContentError` when the pack's file is missing or damaged.

    >>> pack = scenarios()
    >>> len(pack) >= 60, pack[0].id, pack[0].urgency, pack[0].rows
    (True, 'evidence-1', <Urgency.SELF_CARE: 'self_care'>, ())
    """
    global _cached  # noqa: PLW0603 (the pack is read once per process, on first use)
    with _lock:
        if _cached is None:
            import importlib_resources  # noqa: PLC0415 (kept off the import path of `import spasmfacts`)

            _cached = _load(importlib_resources.files("spasmfacts") / "data")
        pack = _cached
    return tuple(attrs.evolve(item, episode=_copy(item.episode)) for item in pack)


def _copy(episode: dict[str, Any]) -> dict[str, Any]:
    # The values are None, booleans, strings and lists of strings: copying the lists is a deep copy.
    return {key: list(value) if isinstance(value, list) else value for key, value in episode.items()}
