"""Faults in the data files, given to the loader in a temporary copy, and concurrent first use."""

from __future__ import annotations

import errno
import json
import os
import re
import signal
import subprocess
import sys
import threading
import weakref
import zipfile
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, cast

import importlib_resources
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from importlib_resources.abc import Traversable

import spasmfacts
from spasmfacts import Catalog, ContentError, SpasmFactsError, _fork, scenario_pack
from spasmfacts import content as content_module
from spasmfacts.content import COLLECTIONS, ContentLoader, default_loader

DATA = importlib_resources.files("spasmfacts") / "data"
METHOD = {
    "overview.json": "overview",
    "metadata.json": "metadata",
    **{filename: name for name, (filename, _, _) in COLLECTIONS.items()},
}
"""Each data file, and the loader method that reads it."""
FILES = sorted(METHOD)
CATALOG_FILES = sorted(filename for filename, _, _ in COLLECTIONS.values())
OBJECT_FILES = ["metadata.json", "overview.json"]
CITING_FILES = [filename for filename in FILES if b'"citations"' in (DATA / filename).read_bytes()]
"""The files whose records cite sources (every one but the sources, the metadata and the questions)."""
REFERENCE = ContentLoader(DATA)
"""A loader of the package's own, sound data, to compare against."""
THREADS = 32

Step = str | int
JSON = Any


def _copy_data(target: Path) -> Path:
    for filename in FILES:
        (target / filename).write_bytes((DATA / filename).read_bytes())
    return target


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A fresh copy of the package's data files."""
    return _copy_data(tmp_path)


@pytest.fixture(scope="module")
def fuzz_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the data shared by the property tests; each example restores the file it breaks."""
    return _copy_data(tmp_path_factory.mktemp("data"))


def _load(loader: ContentLoader, filename: str) -> object:
    return getattr(loader, METHOD[filename])()


def _raw(path: Path) -> JSON:
    return json.loads(path.read_text(encoding="utf-8"))


def _write(path: Path, value: JSON) -> None:
    path.write_text(json.dumps(value, indent=2), encoding="utf-8")


def _location(steps: tuple[Step, ...]) -> str:
    """A path inside a file as the loader spells it: [3].citations[0].source, or $ for the whole document."""
    text = "".join(f"[{step}]" if isinstance(step, int) else f".{step}" for step in steps)
    return text.removeprefix(".") or "$"


def _walk(value: JSON, steps: tuple[Step, ...] = ()) -> Iterator[tuple[tuple[Step, ...], JSON]]:
    """Every value of a JSON document with the steps to it, in document order, containers before their contents."""
    yield steps, value
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _walk(item, (*steps, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _walk(item, (*steps, index))


def _leaves(document: JSON) -> list[tuple[Step, ...]]:
    return [steps for steps, value in _walk(document) if not isinstance(value, dict | list)]


def _objects(document: JSON) -> list[tuple[Step, ...]]:
    return [steps for steps, value in _walk(document) if isinstance(value, dict)]


def _replace(document: JSON, steps: tuple[Step, ...], value: JSON) -> JSON:
    """A copy of ``document`` with the value at ``steps`` replaced."""
    if not steps:
        return value
    copy = json.loads(json.dumps(document))
    parent = copy
    for step in steps[:-1]:
        parent = parent[step]
    parent[steps[-1]] = value
    return copy


def _get(document: JSON, steps: tuple[Step, ...]) -> JSON:
    for step in steps:
        document = document[step]
    return document


def _first_string(document: JSON) -> tuple[Step, ...]:
    return next(steps for steps in _leaves(document) if isinstance(_get(document, steps), str))


def _assert_fault(data_dir: Path, filename: str, pattern: str) -> str:
    """The file raises ContentError matching ``pattern``, again on the next call, and the sound files still load."""
    loader = ContentLoader(data_dir)
    with pytest.raises(ContentError) as first:
        _load(loader, filename)
    message = str(first.value)
    assert message.startswith(f"{filename}: ")
    assert re.fullmatch(pattern, message), message
    assert "\n" not in message
    with pytest.raises(ContentError) as again:
        _load(loader, filename)
    assert str(again.value) == message
    for other in FILES:
        if other == filename:
            continue
        if filename == "sources.json" and other != "metadata.json":
            # Citations cannot be checked without the sources: the error names the broken file.
            with pytest.raises(ContentError, match=r"^sources\.json: "):
                _load(loader, other)
        else:
            assert _load(loader, other) == _load(REFERENCE, other), other
    return message


def _p(filename: str) -> str:
    return re.escape(filename)


# -- each kind of fault, for every data file --------------------------------------------------


@pytest.mark.parametrize("filename", FILES)
def test_truncated_file(data_dir: Path, filename: str) -> None:
    """A data file cut in half raises ContentError with the file name, line and column."""
    path = data_dir / filename
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    _assert_fault(data_dir, filename, rf"{_p(filename)}: invalid JSON at line \d+, column \d+: .+")


@pytest.mark.parametrize("filename", FILES)
def test_emptied_file(data_dir: Path, filename: str) -> None:
    """An empty data file raises ContentError at line 1, column 1."""
    (data_dir / filename).write_bytes(b"")
    _assert_fault(data_dir, filename, rf"{_p(filename)}: invalid JSON at line 1, column 1: Expecting value")


@pytest.mark.parametrize("filename", FILES)
def test_wrong_document_type(data_dir: Path, filename: str) -> None:
    """An object where the file holds an array (or the reverse) raises ContentError for the whole document ($)."""
    if filename in OBJECT_FILES:
        (data_dir / filename).write_text("[]", encoding="utf-8")
        expected = "expected an object, not an array"
    else:
        (data_dir / filename).write_text("{}", encoding="utf-8")
        expected = "expected an array, not an object"
    _assert_fault(data_dir, filename, rf"{_p(filename)}: \$: {expected}")


@pytest.mark.parametrize("filename", FILES)
def test_number_instead_of_string(data_dir: Path, filename: str) -> None:
    """A number in place of a text field raises ContentError naming the field's path."""
    path = data_dir / filename
    document = _raw(path)
    steps = _first_string(document)
    _write(path, _replace(document, steps, 42))
    _assert_fault(
        data_dir, filename, rf"{_p(filename)}: {re.escape(_location(steps))}: expected a string, not a number"
    )


@pytest.mark.parametrize("filename", FILES)
def test_unknown_key(data_dir: Path, filename: str) -> None:
    """An unknown key in a record raises ContentError naming the record and the key."""
    path = data_dir / filename
    document = _raw(path)
    record = document if isinstance(document, dict) else document[0]
    record["unexpected"] = "value"
    _write(path, document)
    where = r"\$" if isinstance(document, dict) else r"\[0\]"
    _assert_fault(data_dir, filename, rf"{_p(filename)}: {where}: unknown key\(s\) 'unexpected'")


@pytest.mark.parametrize("filename", FILES)
def test_missing_key(data_dir: Path, filename: str) -> None:
    """A record without a required key raises ContentError naming the missing field."""
    path = data_dir / filename
    document = _raw(path)
    record = document if isinstance(document, dict) else document[1]
    key = next(iter(record))
    del record[key]
    _write(path, document)
    where = key if isinstance(document, dict) else rf"\[1\]\.{key}"
    _assert_fault(data_dir, filename, rf"{_p(filename)}: {where}: required key missing")


@pytest.mark.parametrize("filename", FILES)
def test_duplicate_key(data_dir: Path, filename: str) -> None:
    """A key written twice in one object raises ContentError naming it; the last one never silently wins."""
    path = data_dir / filename
    text = path.read_text(encoding="utf-8")
    first_key = re.search(r'"(\w+)":', text)
    assert first_key is not None
    path.write_text(text.replace(first_key.group(0), f"{first_key.group(0)} null, {first_key.group(0)}", 1), "utf-8")
    _assert_fault(
        data_dir, filename, rf"{_p(filename)}: invalid JSON: the key '{first_key.group(1)}' appears twice in one object"
    )


@pytest.mark.parametrize("filename", CATALOG_FILES)
def test_duplicate_id(data_dir: Path, filename: str) -> None:
    """Two records with one id in a catalog raise ContentError naming the second and the id."""
    path = data_dir / filename
    document = _raw(path)
    document[1]["id"] = document[0]["id"]
    _write(path, document)
    _assert_fault(data_dir, filename, rf"{_p(filename)}: \[1\]\.id: duplicate id '{document[0]['id']}'")


@pytest.mark.parametrize("filename", CITING_FILES)
def test_dangling_citation(data_dir: Path, filename: str) -> None:
    """A citation of an unknown source raises ContentError with the citation's path."""
    path = data_dir / filename
    document = _raw(path)
    steps = next(steps for steps in _leaves(document) if steps[-1] == "source" and "citations" in steps)
    _write(path, _replace(document, steps, "no-such-source"))
    location = re.escape(_location(steps))
    _assert_fault(data_dir, filename, rf"{_p(filename)}: {location}: unknown source 'no-such-source'")


def test_dangling_citation_in_the_overviews_own_citations(data_dir: Path) -> None:
    """A dangling citation on the overview itself (not on a fact) is found too."""
    path = data_dir / "overview.json"
    document = _raw(path)
    document["citations"][1]["source"] = "nowhere"
    _write(path, document)
    _assert_fault(data_dir, "overview.json", r"overview\.json: citations\[1\]\.source: unknown source 'nowhere'")


@pytest.mark.parametrize("filename", FILES)
def test_invalid_utf8(data_dir: Path, filename: str) -> None:
    """A byte that is not UTF-8 raises ContentError with its line, column and byte offset."""
    path = data_dir / filename
    data = path.read_bytes()
    offset = data.index(b'": "') + 4
    path.write_bytes(data[:offset] + b"\xff" + data[offset:])
    line = data[:offset].count(b"\n") + 1
    column = offset - data.rfind(b"\n", 0, offset)
    _assert_fault(
        data_dir, filename, rf"{_p(filename)}: not valid UTF-8 at line {line}, column {column} \(byte {offset}\)"
    )


@pytest.mark.parametrize("filename", FILES)
def test_missing_file(data_dir: Path, filename: str) -> None:
    """A missing data file raises ContentError saying it cannot be read."""
    (data_dir / filename).unlink()
    _assert_fault(data_dir, filename, rf"{_p(filename)}: cannot be read \(.+\)")


@pytest.mark.parametrize("filename", FILES)
def test_directory_instead_of_file(data_dir: Path, filename: str) -> None:
    """A directory where a data file should be raises ContentError saying it cannot be read."""
    (data_dir / filename).unlink()
    (data_dir / filename).mkdir()
    _assert_fault(data_dir, filename, rf"{_p(filename)}: cannot be read \(.+\)")


@pytest.mark.parametrize("filename", FILES)
@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_json_constants_are_rejected(data_dir: Path, filename: str, constant: str) -> None:
    """NaN and Infinity, which Python's json accepts but JSON does not, raise ContentError with line and column."""
    path = data_dir / filename
    text = path.read_text(encoding="utf-8")
    value = json.dumps(_get(_raw(path), _first_string(_raw(path))))
    offset = text.index(f": {value}") + 2
    path.write_text(text[:offset] + constant + text[offset + len(value) :], encoding="utf-8")
    line = text.count("\n", 0, offset) + 1
    column = offset - text.rfind("\n", 0, offset)
    pattern = rf"{_p(filename)}: invalid JSON at line {line}, column {column}: {constant} is not valid JSON"
    _assert_fault(data_dir, filename, pattern)


def test_deeply_nested_json(data_dir: Path) -> None:
    """Nesting too deep for the JSON parser raises ContentError, not RecursionError."""
    (data_dir / "causes.json").write_text("[" * 200_000, encoding="utf-8")
    _assert_fault(data_dir, "causes.json", r"causes\.json: invalid JSON: nested too deeply")


# -- the strict converter: no coercion ---------------------------------------------------------


@pytest.mark.parametrize(
    ("filename", "steps"),
    [
        ("causes.json", (0, "citations")),
        ("conditions.json", (1, "codes")),
        ("treatments.json", (3, "codes")),
        ("overview.json", ("alternate_names",)),
        ("overview.json", ("facts",)),
        ("overview.json", ("facts", 2, "citations")),
        ("warning_signs.json", (17, "citations")),
    ],
)
def test_string_is_not_a_tuple(data_dir: Path, filename: str, steps: tuple[Step, ...]) -> None:
    """A JSON string where an array belongs is rejected, never read as a tuple of its characters."""
    path = data_dir / filename
    _write(path, _replace(_raw(path), steps, "article"))
    pattern = rf"{_p(filename)}: {re.escape(_location(steps))}: expected an array, not a string"
    _assert_fault(data_dir, filename, pattern)


@pytest.mark.parametrize("value", ["20261125", "2026-W48-3", "2026-11-25T00:00:00", "2026-02-30", "25/11/2026", ""])
def test_dates_must_be_iso_calendar_dates(data_dir: Path, value: str) -> None:
    """A review date is a real calendar date written YYYY-MM-DD; other ISO 8601 spellings are rejected."""
    path = data_dir / "metadata.json"
    _write(path, _replace(_raw(path), ("next_review",), value))
    pattern = rf"metadata\.json: next_review: expected a date as YYYY-MM-DD, not {re.escape(repr(value))}"
    _assert_fault(data_dir, "metadata.json", pattern)


@pytest.mark.parametrize(("value", "shown"), [(20261125, "a number"), (True, "a boolean"), (None, "null")])
def test_a_date_is_never_a_number(data_dir: Path, value: JSON, shown: str) -> None:
    """A number, boolean or null where a date belongs is rejected, never converted."""
    path = data_dir / "metadata.json"
    _write(path, _replace(_raw(path), ("updated",), value))
    _assert_fault(data_dir, "metadata.json", rf"metadata\.json: updated: expected a string, not {shown}")


@pytest.mark.parametrize("value", ["EMERGENCY", "Emergency", "critical", "", 3, 3.0, True, None, ["urgent"], {}])
def test_urgency_must_be_one_of_its_values(data_dir: Path, value: JSON) -> None:
    """An urgency must be exactly one of the lowercase values; other strings, numbers, bools or null are rejected."""
    path = data_dir / "warning_signs.json"
    _write(path, _replace(_raw(path), (4, "urgency"), value))
    pattern = r"warning_signs\.json: \[4\]\.urgency: expected one of 'self_care', 'routine', 'urgent', 'emergency', .+"
    _assert_fault(data_dir, "warning_signs.json", pattern)


@pytest.mark.parametrize("value", [1, False, "self-care", "SELF_CARE"])
def test_treatment_kind_must_be_one_of_its_values(data_dir: Path, value: JSON) -> None:
    """A treatment kind must be exactly one of its values."""
    path = data_dir / "treatments.json"
    _write(path, _replace(_raw(path), (0, "kind"), value))
    _assert_fault(data_dir, "treatments.json", r"treatments\.json: \[0\]\.kind: expected one of 'self_care', .+")


@pytest.mark.parametrize(("value", "shown"), [(1, "a number"), (False, "a boolean"), ([], "an array")])
def test_optional_url_is_a_string_or_null(data_dir: Path, value: JSON, shown: str) -> None:
    """A source's url is a string or null; anything else is rejected."""
    path = data_dir / "sources.json"
    _write(path, _replace(_raw(path), (2, "url"), value))
    _assert_fault(data_dir, "sources.json", rf"sources\.json: \[2\]\.url: expected a string, not {shown}")


@pytest.mark.parametrize(
    ("filename", "steps", "value", "problem"),
    [
        ("causes.json", (4, "summary"), "x" * 140, "must be shorter than 140 characters, not 140"),
        ("causes.json", (4, "id"), "Poor Circulation", "must be a kebab-case id .+"),
        ("symptoms.json", (2, "name"), "", "must be non-empty text without surrounding white space, not ''"),
        ("next_steps.json", (0, "advice"), " Padded.", "must be non-empty text .+"),
        ("sources.json", (0, "title"), "", "must be non-empty text .+"),
        ("prevention_measures.json", (5, "citations"), [], "must be a non-empty tuple of Citation"),
        ("overview.json", ("facts", 3, "citations", 0, "section"), "", "must be non-empty text .+"),
        ("overview.json", ("alternate_names",), ["Cramps", ""], "must be non-empty text .+"),
        ("metadata.json", ("license",), "\tCC-BY-4.0", "must be non-empty text .+"),
    ],
)
def test_invariants_are_checked_at_load(
    data_dir: Path, filename: str, steps: tuple[Step, ...], value: JSON, problem: str
) -> None:
    """A value that breaks a record's invariant raises ContentError naming that field's path."""
    path = data_dir / filename
    _write(path, _replace(_raw(path), steps, value))
    _assert_fault(data_dir, filename, rf"{_p(filename)}: {re.escape(_location(steps))}: {problem}")


def test_code_display_must_not_be_empty(data_dir: Path) -> None:
    """A code with an empty display raises ContentError naming the code."""
    path = data_dir / "treatments.json"
    _write(path, _replace(_raw(path), (3, "codes", 0, "display"), " "))
    _assert_fault(data_dir, "treatments.json", r"treatments\.json: \[3\]\.codes\[0\]: display must be a non-empty .+")


# -- the rule table and the next steps ---------------------------------------------------------


def test_warning_signs_missing_a_row(data_dir: Path) -> None:
    """warning_signs.json without a row of the rule table raises ContentError naming the row."""
    path = data_dir / "warning_signs.json"
    document = _raw(path)
    missing = document.pop(5)["id"]
    _write(path, document)
    _assert_fault(data_dir, "warning_signs.json", rf"warning_signs\.json: \$: no warning sign for .*'{missing}'")


def test_warning_signs_with_an_extra_row(data_dir: Path) -> None:
    """warning_signs.json with a sign the rule table does not have raises ContentError naming it."""
    path = data_dir / "warning_signs.json"
    document = _raw(path)
    document.append({**document[0], "id": "made-up-sign"})
    _write(path, document)
    pattern = rf"warning_signs\.json: \[{len(document) - 1}\]\.id: no row of the rule table has id 'made-up-sign'"
    _assert_fault(data_dir, "warning_signs.json", pattern)


@pytest.mark.parametrize(("index", "urgency"), [(0, "emergency"), (12, "routine"), (8, "self_care")])
def test_warning_signs_with_another_urgency(data_dir: Path, index: int, urgency: str) -> None:
    """A warning sign whose urgency differs from its row of the rule table raises ContentError."""
    path = data_dir / "warning_signs.json"
    _write(path, _replace(_raw(path), (index, "urgency"), urgency))
    pattern = (
        rf"warning_signs\.json: \[{index}\]\.urgency: the rule table gives '[a-z-]+' urgency '[a-z_]+', not '{urgency}'"
    )
    _assert_fault(data_dir, "warning_signs.json", pattern)


def test_warning_sign_without_its_rows_source(data_dir: Path) -> None:
    """A warning sign that drops a source its row of the rule table names raises ContentError."""
    path = data_dir / "warning_signs.json"
    document = _raw(path)
    document[0]["citations"] = [c for c in document[0]["citations"] if c["source"] != "mayo-muscle-cramp"]
    _write(path, document)
    pattern = r"warning_signs\.json: \[0\]\.citations: the rule table cites 'mayo-muscle-cramp' for 'severe'"
    _assert_fault(data_dir, "warning_signs.json", pattern)


@pytest.mark.parametrize("index", range(4))
def test_next_steps_missing_an_urgency(data_dir: Path, index: int) -> None:
    """next_steps.json without a step for one urgency raises ContentError naming the urgency."""
    path = data_dir / "next_steps.json"
    document = _raw(path)
    missing = document.pop(index)["urgency"]
    _write(path, document)
    _assert_fault(data_dir, "next_steps.json", rf"next_steps\.json: \$: no next step for urgency '{missing}'")


def test_next_steps_with_a_second_step_for_an_urgency(data_dir: Path) -> None:
    """Two next steps for one urgency raise ContentError naming the second."""
    path = data_dir / "next_steps.json"
    _write(path, _replace(_raw(path), (1, "urgency"), "self_care"))
    _assert_fault(data_dir, "next_steps.json", r"next_steps\.json: \[1\]\.urgency: a second next step for 'self_care'")


# -- the loader's contract --------------------------------------------------------------------


def test_content_error_is_a_spasmfacts_error(data_dir: Path) -> None:
    """ContentError is a SpasmFactsError and hides the internal cause, so a traceback shows one error."""
    (data_dir / "causes.json").write_bytes(b"{")
    with pytest.raises(SpasmFactsError) as caught:
        ContentLoader(data_dir).causes()
    assert type(caught.value) is ContentError
    assert caught.value.__cause__ is None
    assert caught.value.__suppress_context__


def test_failure_is_remembered_not_reread(data_dir: Path) -> None:
    """Once a file's data failed, repairing it does not change that loader's answer: the error is kept."""
    path = data_dir / "causes.json"
    sound = path.read_bytes()
    path.write_bytes(b"[")
    loader = ContentLoader(data_dir)
    with pytest.raises(ContentError) as first:
        loader.causes()
    path.write_bytes(sound)
    with pytest.raises(ContentError) as again:
        loader.causes()
    assert str(again.value) == str(first.value)
    assert ContentLoader(data_dir).causes() == REFERENCE.causes()


def test_a_sound_copy_loads_every_collection(data_dir: Path) -> None:
    """A loader given an unchanged copy of the data returns the same content as the package's own."""
    loader = ContentLoader(data_dir)
    for filename in FILES:
        assert _load(loader, filename) == _load(REFERENCE, filename)


def test_loader_reads_from_a_zip(tmp_path: Path) -> None:
    """The loader reads through the Traversable it is given, so data inside a zip archive loads."""
    archive = tmp_path / "data.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        for filename in FILES:
            zipped.writestr(f"data/{filename}", (DATA / filename).read_bytes())
    # typeshed's zipfile.Path returns zipfile.Path, not Traversable, from joinpath; at run time it is one.
    loader = ContentLoader(cast("Traversable", zipfile.Path(archive, "data/")))
    for filename in FILES:
        assert _load(loader, filename) == _load(REFERENCE, filename)


class _Root(Traversable):
    """A data root over a directory that counts reads and may hold one up."""

    def __init__(self, path: Path, on_read: Callable[[str], None]) -> None:
        self._path = path
        self._on_read = on_read

    def iterdir(self) -> Iterator[Traversable]:
        return (_Root(child, self._on_read) for child in self._path.iterdir())

    def is_dir(self) -> bool:
        return self._path.is_dir()

    def is_file(self) -> bool:
        return self._path.is_file()

    def joinpath(self, *descendants: str | os.PathLike[str]) -> Traversable:
        return _Root(self._path.joinpath(*descendants), self._on_read)

    def __truediv__(self, child: str | os.PathLike[str]) -> Traversable:
        return self.joinpath(child)

    def open(self, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        return self._path.open(mode, *args, **kwargs)

    def read_bytes(self) -> bytes:
        self._on_read(self.name)
        return self._path.read_bytes()

    @property
    def name(self) -> str:
        return self._path.name


class _EmptyRoot(Traversable):
    """A Traversable with no children and the protocol's own joinpath, which raises TraversalError."""

    def iterdir(self) -> Iterator[Traversable]:
        return iter(())

    def is_dir(self) -> bool:
        return True

    def is_file(self) -> bool:
        return False

    def open(self, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        raise IsADirectoryError(self.name)

    @property
    def name(self) -> str:
        return "data"


@pytest.mark.parametrize("filename", FILES)
def test_any_traversable_failure_is_a_content_error(filename: str) -> None:
    """A data root that raises something other than OSError for a missing file still gives ContentError."""
    loader = ContentLoader(_EmptyRoot())
    with pytest.raises(ContentError, match=rf"^{_p(filename)}: cannot be read \(TraversalError\)$"):
        _load(loader, filename)


class _WatchedLock:
    """Wraps the loader's lock and records each thread that arrives at it."""

    def __init__(self) -> None:
        self._lock = threading.RLock()
        self._arrivals = threading.Condition()
        self._arrived: set[int] = set()

    def __enter__(self) -> None:
        with self._arrivals:
            self._arrived.add(threading.get_ident())
            self._arrivals.notify_all()
        self._lock.acquire()

    def __exit__(self, *exc_info: object) -> None:
        self._lock.release()

    def wait_for(self, count: int) -> bool:
        with self._arrivals:
            return self._arrivals.wait_for(lambda: len(self._arrived) >= count, timeout=120)


def _race(function: Callable[[], object]) -> list[object]:
    """Call ``function`` from THREADS threads released together; their results or exceptions, in thread order."""
    barrier = threading.Barrier(THREADS)
    results: list[object] = [None] * THREADS

    def work(index: int) -> None:
        barrier.wait()
        try:
            results[index] = function()
        except Exception as exc:  # noqa: BLE001 (the test compares what every thread got)
            results[index] = exc

    threads = [threading.Thread(target=work, args=(index,)) for index in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def test_concurrent_first_use_parses_once(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """32 threads reading a collection for the first time all get the same object, and the file is read once."""
    reads: Counter[str] = Counter()
    lock = _WatchedLock()

    def on_read(name: str) -> None:
        reads[name] += 1
        if name == "causes.json":
            # Hold the first reader until every thread has missed the cache and reached the lock.
            assert lock.wait_for(THREADS)

    loader = ContentLoader(_Root(data_dir, on_read))
    monkeypatch.setattr(loader, "_lock", lock)
    results = _race(loader.causes)
    first = results[0]
    assert isinstance(first, Catalog)
    assert all(result is first for result in results)
    assert reads == Counter({"causes.json": 1, "sources.json": 1})
    assert first == REFERENCE.causes()
    assert all(loader.causes() is first for _ in range(100))
    assert reads == Counter({"causes.json": 1, "sources.json": 1})


def test_concurrent_first_use_of_a_broken_file(data_dir: Path) -> None:
    """32 threads loading a broken file for the first time all get ContentError with one message; it is read once."""
    (data_dir / "symptoms.json").write_bytes(b"[{]")
    reads: Counter[str] = Counter()
    loader = ContentLoader(_Root(data_dir, lambda name: reads.update([name])))
    results = _race(loader.symptoms)
    assert all(isinstance(result, ContentError) for result in results)
    assert len({str(result) for result in results}) == 1
    assert str(results[0]).startswith("symptoms.json: invalid JSON at line 1, column 3")
    assert reads == Counter({"symptoms.json": 1})


def test_repeated_use_gives_identical_content() -> None:
    """Every call of every content function returns the same object, equal to a fresh load."""
    for filename in FILES:
        name = METHOD[filename]
        first = getattr(spasmfacts, name)()
        assert all(getattr(spasmfacts, name)() is first for _ in range(50))
        assert first == _load(ContentLoader(DATA), filename)


def test_default_loader_is_one_per_process() -> None:
    """The package's functions share one loader of the package's own data."""
    assert default_loader() is default_loader()
    assert spasmfacts.causes() is default_loader().causes()


def test_default_loader_made_once_under_contention(monkeypatch: pytest.MonkeyPatch) -> None:
    """A thread that waited for the default loader's lock uses the loader another thread made meanwhile."""
    inner = threading.Lock()
    arrived = threading.Event()

    class Gate:
        def __enter__(self) -> None:
            arrived.set()
            inner.acquire()

        def __exit__(self, *exc_info: object) -> None:
            inner.release()

    monkeypatch.setattr(content_module, "_default", None)
    monkeypatch.setattr(content_module, "_default_lock", Gate())
    made_meanwhile = ContentLoader(DATA)
    got: list[ContentLoader] = []
    inner.acquire()
    waiter = threading.Thread(target=lambda: got.append(default_loader()))
    waiter.start()
    assert arrived.wait(timeout=120)
    monkeypatch.setattr(content_module, "_default", made_meanwhile)
    inner.release()
    waiter.join()
    assert len(got) == 1
    assert got[0] is made_meanwhile


def test_default_loader_made_on_first_use(monkeypatch: pytest.MonkeyPatch) -> None:
    """With no loader yet, default_loader() makes one over the package's data and keeps it."""
    monkeypatch.setattr(content_module, "_default", None)
    loader = default_loader()
    assert loader is default_loader()
    assert loader.causes() == REFERENCE.causes()


def test_concurrent_first_use_in_a_fresh_interpreter() -> None:
    """In a fresh interpreter, 32 threads calling spasmfacts.causes() first thing all get the same object."""
    code = (
        "import threading, spasmfacts\n"
        "barrier = threading.Barrier(32)\n"
        "got = []\n"
        "def work():\n"
        "    barrier.wait()\n"
        "    got.append(spasmfacts.causes())\n"
        "threads = [threading.Thread(target=work) for _ in range(32)]\n"
        "[t.start() for t in threads]\n"
        "[t.join() for t in threads]\n"
        "print(len(got), len({id(c) for c in got}), len(got[0]))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120)
    assert result.stdout.split() == ["32", "1", "9"]
    assert result.stderr == ""


# -- properties -----------------------------------------------------------------------------------


def _broken_load(directory: Path, filename: str, data: bytes) -> ContentError | object:
    """Load ``filename`` with ``data`` in place of its content; the error or the value. Restores the file."""
    path = directory / filename
    path.write_bytes(data)
    try:
        return _load(ContentLoader(directory), filename)
    except ContentError as exc:
        return exc
    finally:
        path.write_bytes((DATA / filename).read_bytes())


# Each example writes a file and loads it: no deadline on a busy machine; the fuzz profile's own
# suppression is repeated because a settings decorator replaces the profile's list.
_SETTINGS = settings(suppress_health_check=[HealthCheck.too_slow], deadline=None)
_ORIGINAL = {filename: (DATA / filename).read_bytes() for filename in FILES}
_DOCUMENTS = {filename: json.loads(data) for filename, data in _ORIGINAL.items()}
_LEAVES = {filename: _leaves(document) for filename, document in _DOCUMENTS.items()}
_OBJECTS = {filename: _objects(document) for filename, document in _DOCUMENTS.items()}


@pytest.mark.fuzz
@_SETTINGS
@given(data=st.data())
def test_property_truncation(fuzz_dir: Path, data: st.DataObject) -> None:
    """Any data file cut off anywhere before its last bracket raises ContentError with the file, line and column."""
    filename = data.draw(st.sampled_from(FILES))
    original = _ORIGINAL[filename]
    cut = data.draw(st.integers(min_value=0, max_value=len(original.rstrip()) - 1))
    result = _broken_load(fuzz_dir, filename, original[:cut])
    assert isinstance(result, ContentError)
    match = re.fullmatch(rf"{_p(filename)}: invalid JSON at line (\d+), column (\d+): .+", str(result))
    assert match is not None, str(result)
    assert int(match[1]) <= original[:cut].count(b"\n") + 1


_OTHER_JSON = st.one_of(
    st.integers(),
    st.floats(allow_nan=False, allow_infinity=False),
    st.booleans(),
    st.lists(st.integers() | st.text(max_size=5), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers() | st.text(max_size=5), max_size=3),
)
"""JSON values that are neither a string nor null."""


@pytest.mark.fuzz
@_SETTINGS
@given(data=st.data())
def test_property_wrong_type_anywhere(fuzz_dir: Path, data: st.DataObject) -> None:
    """Replacing any scalar in any data file by a value of another JSON type raises ContentError at that path."""
    filename = data.draw(st.sampled_from(FILES))
    document = _DOCUMENTS[filename]
    steps = data.draw(st.sampled_from(_LEAVES[filename]))
    original = _get(document, steps)
    # A string may become anything but a string (null only where the field is not optional); null anything else.
    replacement = data.draw(_OTHER_JSON if original is None or steps[-1] == "url" else _OTHER_JSON | st.none())
    text = json.dumps(_replace(document, steps, replacement)).encode()
    result = _broken_load(fuzz_dir, filename, text)
    assert isinstance(result, ContentError)
    assert str(result).startswith(f"{filename}: {_location(steps)}: expected "), str(result)


@pytest.mark.fuzz
@_SETTINGS
@given(data=st.data())
def test_property_unknown_key_anywhere(fuzz_dir: Path, data: st.DataObject) -> None:
    """Adding an unknown key to any object in any data file raises ContentError naming that object and the key."""
    filename = data.draw(st.sampled_from(FILES))
    document = _DOCUMENTS[filename]
    steps = data.draw(st.sampled_from(_OBJECTS[filename]))
    target = _get(document, steps)
    key = data.draw(st.text(max_size=8).filter(lambda text: text not in target))
    text = json.dumps(_replace(document, steps, {**target, key: data.draw(_OTHER_JSON)})).encode()
    result = _broken_load(fuzz_dir, filename, text)
    assert isinstance(result, ContentError)
    assert str(result) == f"{filename}: {_location(steps)}: unknown key(s) {key!r}"


@pytest.mark.fuzz
@_SETTINGS
@given(data=st.data())
def test_property_any_byte_changed(fuzz_dir: Path, data: st.DataObject) -> None:
    """Changing any one byte of any data file gives the content or a ContentError naming the file, nothing else."""
    filename = data.draw(st.sampled_from(FILES))
    original = _ORIGINAL[filename]
    index = data.draw(st.integers(min_value=0, max_value=len(original) - 1))
    byte = data.draw(st.integers(min_value=0, max_value=255))
    result = _broken_load(fuzz_dir, filename, original[:index] + bytes([byte]) + original[index + 1 :])
    if isinstance(result, ContentError):
        assert str(result).startswith(f"{filename}: ")
    else:
        assert type(result) is type(_load(REFERENCE, filename))


@pytest.mark.fuzz
@_SETTINGS
@given(filename=st.sampled_from(FILES), content=st.binary(max_size=64))
def test_property_any_bytes(fuzz_dir: Path, filename: str, content: bytes) -> None:
    """Whatever bytes a data file holds, loading it gives a value or a ContentError naming the file, nothing else."""
    result = _broken_load(fuzz_dir, filename, content)
    if isinstance(result, ContentError):
        assert str(result).startswith(f"{filename}: ")
    else:
        assert type(result) is type(_load(REFERENCE, filename))


def test_optional_key_may_be_left_out(data_dir: Path) -> None:
    """A source may leave out its optional url, which then reads as None; the other fields stay required."""
    path = data_dir / "sources.json"
    document = _raw(path)
    del document[1]["url"]
    _write(path, document)
    source = ContentLoader(data_dir).sources().lookup("nhs-leg-cramps")
    assert source.url is None
    assert source.title == "Leg cramps"


# -- hardening: every decode failure is a ContentError; failures that may pass are retried -------


def test_an_integer_too_long_to_read(data_dir: Path) -> None:
    """An integer of 4,301 digits in a data file is a ContentError with its line and column, not a traceback."""
    path = data_dir / "causes.json"
    text = path.read_text(encoding="utf-8")
    offset = text.index('"id": ') + len('"id": ')
    end = text.index(",", offset)
    # The digits also stand inside a string first, which must not be taken for the literal.
    digits = "9" * 4301
    path.write_text(text[:offset] + digits + text[end:], encoding="utf-8")
    path.write_text(f'["{digits}", ' + path.read_text(encoding="utf-8")[1:], encoding="utf-8")
    line = text.count("\n", 0, offset) + 1  # the string went in on the first line, before the literal's
    column = offset - text.rfind("\n", 0, offset)
    pattern = rf"causes\.json: invalid JSON at line {line}, column {column}: the number is too large \(4301 digits\)"
    _assert_fault(data_dir, "causes.json", pattern)


def test_a_negative_integer_too_long_to_read(data_dir: Path) -> None:
    """A negative integer past the interpreter's digit limit is a ContentError counting its digits."""
    (data_dir / "metadata.json").write_text('{"updated": -' + "1" * 5000 + "}", encoding="utf-8")
    pattern = r"metadata\.json: invalid JSON at line 1, column 13: the number is too large \(5000 digits\)"
    _assert_fault(data_dir, "metadata.json", pattern)


def test_any_other_decoder_refusal_is_a_content_error(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A ValueError the JSON decoder may raise in a later Python is still a ContentError naming the file."""

    def refuse(*args: object, **kwargs: object) -> object:
        msg = "some new limit"
        raise ValueError(msg)

    monkeypatch.setattr(json, "loads", refuse)
    with pytest.raises(ContentError, match=r"^causes\.json: invalid JSON: some new limit$"):
        ContentLoader(data_dir).causes()


class _FlakyRoot(_Root):
    """A data root whose first read of ``filename`` fails with ``error``, and every later read succeeds."""

    def __init__(self, path: Path, filename: str, error: BaseException) -> None:
        self.failed: list[str] = []

        def on_read(name: str) -> None:
            if name == filename and not self.failed:
                self.failed.append(name)
                raise error

        super().__init__(path, on_read)


_PASSING_ERRORS = [
    pytest.param(OSError(errno.EMFILE, "Too many open files"), "Too many open files", id="EMFILE"),
    pytest.param(OSError(errno.ENFILE, "Too many open files in system"), "Too many open files in system", id="ENFILE"),
    pytest.param(MemoryError(), "MemoryError", id="MemoryError"),
]


@pytest.mark.parametrize("filename", FILES)
@pytest.mark.parametrize(("error", "shown"), _PASSING_ERRORS)
def test_a_failed_read_is_tried_again(data_dir: Path, filename: str, error: BaseException, shown: str) -> None:
    """A read that fails for a reason that can pass is a ContentError once; the next call reads the file again."""
    loader = ContentLoader(_FlakyRoot(data_dir, filename, error))
    with pytest.raises(ContentError, match=rf"^{_p(filename)}: cannot be read \({shown}\)$") as caught:
        _load(loader, filename)
    assert caught.value.__cause__ is error
    assert _load(loader, filename) == _load(REFERENCE, filename)


def test_a_failed_read_of_the_sources_does_not_stick_to_the_citing_file(data_dir: Path) -> None:
    """When the sources cannot be read for a passing reason while causes load, neither is remembered as broken."""
    loader = ContentLoader(_FlakyRoot(data_dir, "sources.json", OSError(errno.EMFILE, "Too many open files")))
    with pytest.raises(ContentError, match=r"^sources\.json: cannot be read \(Too many open files\)$"):
        loader.causes()
    assert loader.causes() == REFERENCE.causes()
    assert loader.sources() == REFERENCE.sources()


def test_a_broken_source_file_sticks_to_the_citing_file(data_dir: Path) -> None:
    """A fault in the sources' data itself is remembered by the catalogs that cite them, even once repaired."""
    path = data_dir / "sources.json"
    sound = path.read_bytes()
    path.write_bytes(b"[")
    loader = ContentLoader(data_dir)
    with pytest.raises(ContentError, match=r"^sources\.json: invalid JSON"):
        loader.causes()
    path.write_bytes(sound)
    with pytest.raises(ContentError, match=r"^sources\.json: invalid JSON"):
        loader.causes()


def test_running_out_of_memory_while_decoding_is_tried_again(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """MemoryError while decoding a file is a ContentError naming it, and the next call decodes it again."""
    real_loads = json.loads
    calls: list[int] = []

    def loads_once_out_of_memory(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        if len(calls) == 1:
            raise MemoryError
        return real_loads(*args, **kwargs)

    monkeypatch.setattr(json, "loads", loads_once_out_of_memory)
    loader = ContentLoader(data_dir)
    with pytest.raises(ContentError, match=r"^metadata\.json: cannot be loaded \(out of memory\)$") as caught:
        loader.metadata()
    assert isinstance(caught.value.__cause__, MemoryError)
    assert loader.metadata() == REFERENCE.metadata()


def test_default_loader_wraps_an_os_error(monkeypatch: pytest.MonkeyPatch) -> None:
    """When the package data cannot even be located (no descriptor free), default_loader() raises ContentError, once."""
    calls: list[str] = []
    real_files = importlib_resources.files

    def files(anchor: str) -> Traversable:
        calls.append(anchor)
        if len(calls) == 1:
            raise OSError(errno.EMFILE, "Too many open files")
        return real_files(anchor)

    monkeypatch.setattr(content_module, "_default", None)
    monkeypatch.setattr(importlib_resources, "files", files)
    with pytest.raises(ContentError, match=r"^the package data cannot be found \(Too many open files\)$"):
        default_loader()
    assert content_module._default is None
    assert default_loader().causes() == REFERENCE.causes()
    assert calls == ["spasmfacts", "spasmfacts"]


def test_running_out_of_descriptors_in_a_fresh_interpreter() -> None:
    """With every file descriptor in use, the content functions raise ContentError; once some are free, they load."""
    code = (
        "import os, resource, spasmfacts\n"
        "from spasmfacts import ContentError, catalogs, content\n"
        "soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)\n"
        "resource.setrlimit(resource.RLIMIT_NOFILE, (min(soft, 256), hard))\n"
        "held = []\n"
        "try:\n"
        "    while True:\n"
        "        held.append(os.open(os.devnull, os.O_RDONLY))\n"
        "except OSError:\n"
        "    pass\n"
        "for function in (spasmfacts.causes, spasmfacts.metadata, spasmfacts.sources):\n"
        "    try:\n"
        "        function()\n"
        "    except ContentError as exc:\n"
        "        print('refused:', exc)\n"
        "for descriptor in held:\n"
        "    os.close(descriptor)\n"
        "print(len(spasmfacts.causes()), spasmfacts.metadata().language, len(spasmfacts.sources()) > 0)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=120)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 4
    for line in lines[:3]:
        assert line.startswith("refused: ")
        assert "Too many open files" in line
    assert lines[3] == f"{len(REFERENCE.causes())} {REFERENCE.metadata().language} True"


# -- fork safety ----------------------------------------------------------------------------------


def _in_a_forked_child(work: Callable[[], bool]) -> int:
    """Fork, run ``work`` in the child (killed by an alarm if it hangs), and return the child's exit status."""
    pid = os.fork()
    if pid == 0:  # pragma: no cover (the child exits without writing coverage data)
        status = 1
        try:
            signal.alarm(60)
            status = 0 if work() else 1
        finally:
            os._exit(status)
    _, wait_status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(wait_status)


def _forked_while_held(lock: Any, work: Callable[[], bool]) -> int:
    """Fork while another thread holds ``lock``, run ``work`` in the child, and return its exit status."""
    held = threading.Event()
    release = threading.Event()

    def hold() -> None:
        with lock:
            held.set()
            assert release.wait(timeout=120)

    holder = threading.Thread(target=hold)
    holder.start()
    try:
        assert held.wait(timeout=120)
        return _in_a_forked_child(work)
    finally:
        release.set()
        holder.join()


def test_fork_while_another_thread_loads(data_dir: Path) -> None:
    """A child forked while another thread holds the loader's lock mid-load loads the content itself, no deadlock."""
    parent = os.getpid()
    reading = threading.Event()
    release = threading.Event()

    def on_read(name: str) -> None:
        if os.getpid() == parent and name == "causes.json":
            reading.set()
            assert release.wait(timeout=120)

    loader = ContentLoader(_Root(data_dir, on_read))
    loading = threading.Thread(target=loader.causes)
    loading.start()
    try:
        assert reading.wait(timeout=120)
        status = _in_a_forked_child(lambda: loader.causes() == REFERENCE.causes())
    finally:
        release.set()
        loading.join()
    assert status == 0
    assert loader.causes() == REFERENCE.causes()


def test_fork_while_another_thread_makes_the_default_loader(monkeypatch: pytest.MonkeyPatch) -> None:
    """A child forked while another thread holds the default loader's lock makes its own loader, no deadlock."""
    monkeypatch.setattr(content_module, "_default", None)
    status = _forked_while_held(content_module._default_lock, lambda: default_loader().causes() == REFERENCE.causes())
    assert status == 0


def test_renewed_locks_are_free(data_dir: Path) -> None:
    """The fork hook gives every loader, and the default loader's maker, a lock no thread holds."""
    loader = ContentLoader(data_dir)
    held = threading.Event()
    release = threading.Event()

    def hold() -> None:
        with loader._lock, content_module._default_lock:
            held.set()
            assert release.wait(timeout=120)

    holder = threading.Thread(target=hold)
    holder.start()
    old_lock, old_default_lock = loader._lock, content_module._default_lock
    try:
        assert held.wait(timeout=120)
        content_module._renew_locks()
        assert loader._lock is not old_lock
        assert content_module._default_lock is not old_default_lock
        assert loader._lock.acquire(blocking=False)
        loader._lock.release()
        assert content_module._default_lock.acquire(blocking=False)
        content_module._default_lock.release()
        assert loader.causes() == REFERENCE.causes()
    finally:
        release.set()
        holder.join()


def test_fork_callbacks_are_held_weakly(monkeypatch: pytest.MonkeyPatch) -> None:
    """The fork hook holds callbacks weakly, so it keeps no module alive: a live one runs, a gone one is skipped."""
    calls: list[str] = []

    def live() -> None:
        calls.append("live")

    def gone() -> None:
        calls.append("gone")

    monkeypatch.setattr(_fork, "_CALLBACKS", [])
    _fork.in_forked_child(live)
    _fork.in_forked_child(gone)
    reference = weakref.ref(gone)
    del gone
    assert reference() is None
    _fork._after_fork_in_child()
    assert calls == ["live"]


# -- the same faults in the scenario pack's loader ---------------------------------------------------


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"scenarios": [' + "9" * 4301 + "]}", "scenarios.json: invalid JSON: Exceeds the limit (4300 digits)"),
        ("[" * 200_000, "scenarios.json: invalid JSON: nested too deeply"),
    ],
    ids=["4301 digits", "deep"],
)
def test_the_scenario_pack_decode_failures_are_content_errors(tmp_path: Path, text: str, message: str) -> None:
    """A scenario pack with an integer too long to read, or nested too deeply, is a ContentError naming the file."""
    (tmp_path / scenario_pack.FILENAME).write_text(text, encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        scenario_pack._load(cast("Traversable", tmp_path))
    assert str(caught.value).startswith(message)


def test_fork_while_another_thread_loads_the_scenarios(monkeypatch: pytest.MonkeyPatch) -> None:
    """A child forked while another thread holds the scenario pack's lock loads the pack itself, no deadlock."""
    monkeypatch.setattr(scenario_pack, "_cached", None)
    status = _forked_while_held(scenario_pack._lock, lambda: len(scenario_pack.scenarios()) > 0)
    assert status == 0


def test_the_scenario_lock_is_renewed_free() -> None:
    """The scenario pack's fork hook gives it a lock no thread holds."""
    before = scenario_pack._lock
    with before:
        scenario_pack._renew_lock()
        assert scenario_pack._lock is not before
        assert scenario_pack._lock.acquire(blocking=False)
        scenario_pack._lock.release()
