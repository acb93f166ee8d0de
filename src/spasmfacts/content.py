"""The content loader: data files -> strict cattrs converter -> frozen records in catalogs.

Each collection is read on first use, once, under a lock, and is immutable afterwards. A
failure of the data itself is remembered and raised again on every later call, never
half-cached; a failure that may pass (too many open files, no memory) is raised as a
``ContentError`` chained to its cause and tried again on the next call. A forked child
gets fresh locks. All data is read through ``importlib_resources`` (never ``__file__``),
so the package works when imported from a zip.
"""

from __future__ import annotations

import json
import os
import re
import sys
import threading
import weakref
from collections.abc import Callable, Iterator
from enum import Enum
from typing import TYPE_CHECKING, Any, Final, TypeVar, cast, get_args, get_origin

import attrs
import cattrs

from spasmfacts._dates import date
from spasmfacts.catalog import Catalog
from spasmfacts.content_checks import (
    check_against_rules,
    check_cautions,
    check_next_steps,
    check_phrases,
    check_questions,
)
from spasmfacts.errors import ContentError, json_type
from spasmfacts.model import (
    Cause,
    Caution,
    Citation,
    Condition,
    Metadata,
    NextStep,
    Overview,
    Phrase,
    PreventionMeasure,
    Question,
    Source,
    Symptom,
    Treatment,
    WarningSign,
)

if TYPE_CHECKING:
    from importlib_resources.abc import Traversable

__all__ = ["COLLECTIONS", "ContentLoader", "default_loader", "make_converter"]

_T = TypeVar("_T")

COLLECTIONS: Final = {
    "sources": ("sources.json", Source, "source"),
    "causes": ("causes.json", Cause, "cause"),
    "conditions": ("conditions.json", Condition, "condition"),
    "symptoms": ("symptoms.json", Symptom, "symptom"),
    "treatments": ("treatments.json", Treatment, "treatment"),
    "prevention_measures": ("prevention_measures.json", PreventionMeasure, "prevention measure"),
    "warning_signs": ("warning_signs.json", WarningSign, "warning sign"),
    "next_steps": ("next_steps.json", NextStep, "next step"),
    "cautions": ("cautions.json", Caution, "caution"),
    "questions": ("questions.json", Question, "question"),
    "phrases": ("phrases.json", Phrase, "phrase"),
}
"""Each catalog's name, with its data file, record type and the noun its errors use."""

_CHECKS: Final[dict[str, Callable[[str, Any], None]]] = {
    "warning_signs": check_against_rules,
    "next_steps": check_next_steps,
    "cautions": check_cautions,
    "questions": check_questions,
    "phrases": check_phrases,
}
"""The checks across files that a catalog must pass after its own records load."""


class _InvalidContentError(Exception):
    """A value that does not fit the model, with the path to it (innermost step last)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
        self.path: list[str | int] = []

    def at(self, step: str | int) -> _InvalidContentError:
        self.path.insert(0, step)
        return self

    def location(self) -> str:
        text = "".join(f"[{step}]" if isinstance(step, int) else f".{step}" for step in self.path)
        return text.removeprefix(".") or "$"


def _strict_str(value: object, _: type) -> str:
    if value.__class__ is not str:
        msg = f"expected a string, not {json_type(value)}"
        raise _InvalidContentError(msg)
    return value


_ISO_DATE: Final = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _strict_date(value: object, _: type) -> date:
    # date.fromisoformat also takes "20261125" and "2026-W48-3"; the data has one spelling.
    text = _strict_str(value, str)
    if _ISO_DATE.fullmatch(text) is not None:
        try:
            return date.fromisoformat(text)
        except ValueError:
            pass
    msg = f"expected a date as YYYY-MM-DD, not {text!r}"
    raise _InvalidContentError(msg)


def _strict_enum_factory(type_: type[Enum], converter: cattrs.Converter) -> Callable[[object, type], Enum]:
    by_value = {member.value: member for member in type_}
    expected = ", ".join(map(repr, by_value))

    def structure(value: object, _: type) -> Enum:
        member = by_value.get(value) if value.__class__ is str else None
        if member is None:
            msg = f"expected one of {expected}, not {value!r}"
            raise _InvalidContentError(msg)
        return member

    return structure


def _is_enum(type_: Any) -> bool:
    return isinstance(type_, type) and issubclass(type_, Enum)


def _is_homogeneous_tuple(type_: Any) -> bool:
    args = get_args(type_)
    return get_origin(type_) is tuple and len(args) == 2 and args[1] is Ellipsis  # noqa: PLR2004


def _strict_tuple_factory(type_: Any, converter: cattrs.Converter) -> Callable[[object, type], tuple[Any, ...]]:
    item_type = get_args(type_)[0]
    structure_item = converter.get_structure_hook(item_type)

    def structure(value: object, _: type) -> tuple[Any, ...]:
        # cattrs would turn a JSON string into a tuple of characters; only an array is a tuple.
        if value.__class__ is not list:
            msg = f"expected an array, not {json_type(value)}"
            raise _InvalidContentError(msg)
        items = []
        for index, item in enumerate(cast("list[object]", value)):
            try:
                items.append(structure_item(item, item_type))
            except _InvalidContentError as exc:
                raise exc.at(index) from None
        return tuple(items)

    return structure


def _strict_record_factory(type_: Any, converter: cattrs.Converter) -> Callable[[object, type], object]:
    # A plain loop over the fields rather than cattrs' generated code: the data is read
    # once per process, and generating and compiling a function per class costs more than
    # the whole load. The attrs validators still check every invariant.
    fields = [
        (field.name, field.type, converter.get_structure_hook(field.type), field.default is attrs.NOTHING)
        for field in attrs.fields(attrs.resolve_types(type_))
    ]
    known = frozenset(name for name, *_ in fields)

    def structure(value: object, _: type) -> object:
        if value.__class__ is not dict:
            msg = f"expected an object, not {json_type(value)}"
            raise _InvalidContentError(msg)
        data = cast("dict[str, object]", value)
        unknown = data.keys() - known
        if unknown:
            msg = f"unknown key(s) {', '.join(sorted(map(repr, unknown)))}"
            raise _InvalidContentError(msg)
        kwargs = {}
        for name, field_type, structure_field, required in fields:
            if name in data:
                try:
                    kwargs[name] = structure_field(data[name], field_type)
                except _InvalidContentError as exc:
                    raise exc.at(name) from None
            elif required:
                raise _InvalidContentError("required key missing").at(name)
        try:
            return type_(**kwargs)
        except ValueError as exc:
            # model.FieldError names the field; any other ValueError speaks for the record.
            error = _InvalidContentError(getattr(exc, "problem", str(exc)))
            field = getattr(exc, "field", None)
            raise (error if field is None else error.at(field)) from None

    return structure


def make_converter() -> cattrs.Converter:
    """The one strict converter for content: unknown keys rejected, JSON types never coerced."""
    converter = cattrs.Converter(forbid_extra_keys=True)
    converter.register_structure_hook(str, _strict_str)
    converter.register_structure_hook(date, _strict_date)
    converter.register_unstructure_hook(date, date.isoformat)
    converter.register_structure_hook_factory(_is_enum, _strict_enum_factory)
    converter.register_structure_hook_factory(_is_homogeneous_tuple, _strict_tuple_factory)
    converter.register_structure_hook_factory(attrs.has, _strict_record_factory)
    return converter


def _citations(value: object) -> Iterator[tuple[str, Citation]]:
    """Every citation in a loaded file, with its path: records cite in ``citations``, the overview's facts too."""
    records = [(f"[{index}]", item) for index, item in enumerate(value)] if isinstance(value, tuple) else [("", value)]
    for path, record in records:
        prefix = f"{path}." if path else ""
        for index, citation in enumerate(getattr(record, "citations", ())):
            yield f"{prefix}citations[{index}]", citation
        for fact_index, fact in enumerate(getattr(record, "facts", ())):
            for index, citation in enumerate(fact.citations):
                yield f"{prefix}facts[{fact_index}].citations[{index}]", citation


class ContentLoader:
    """Reads the content from a data root (a ``Traversable``) and caches each collection.

    The package's own data is read by :func:`default_loader`; tests hand a copy (even a
    broken one) to a loader of their own.
    """

    def __init__(self, root: Traversable) -> None:
        self._root = root
        self._lock = threading.RLock()
        self._cache: dict[str, object] = {}
        self._failures: dict[str, str] = {}
        self._converter: cattrs.Converter | None = None
        _LOADERS.add(self)

    def _get(self, name: str, load: Callable[[], _T]) -> _T:
        try:
            return cast("_T", self._cache[name])
        except KeyError:
            pass
        with self._lock:
            if name in self._cache:
                return cast("_T", self._cache[name])
            if name in self._failures:
                raise ContentError(self._failures[name])
            try:
                value = load()
            except ContentError as exc:
                # A failure with a cause outside the data (no descriptor free, no memory) may pass:
                # the next call tries again. A failure of the data itself is the same on every call.
                if exc.__cause__ is None:
                    self._failures[name] = str(exc)
                raise
            self._cache[name] = value
            return value

    def _read(self, filename: str, type_: Any) -> Any:
        try:
            data = (self._root / filename).read_bytes()
        except Exception as exc:  # a Traversable may raise anything for a missing file, not only OSError
            msg = f"{filename}: cannot be read ({getattr(exc, 'strerror', None) or type(exc).__name__})"
            # Chained to its cause: a failed read may pass (too many open files), so it is not remembered.
            raise ContentError(msg) from exc
        try:
            raw = _decode(filename, data)
            if self._converter is None:
                self._converter = make_converter()
            return self._converter.structure(raw, type_)
        except _InvalidContentError as exc:
            msg = f"{filename}: {exc.location()}: {exc.message}"
            raise ContentError(msg) from None
        except MemoryError as exc:
            msg = f"{filename}: cannot be loaded (out of memory)"
            raise ContentError(msg) from exc

    def _check_citations(self, filename: str, value: object) -> None:
        known = self.sources() if filename != "sources.json" else None
        for path, citation in _citations(value):
            if known is not None and known.get(citation.source) is None:
                msg = f"{filename}: {path}.source: unknown source {citation.source!r}"
                raise ContentError(msg)

    def _catalog(self, name: str) -> Catalog[Any]:
        filename, record, noun = COLLECTIONS[name]

        def load() -> Catalog[Any]:
            items = self._read(filename, tuple[record, ...])  # type: ignore[valid-type]
            seen: set[str] = set()
            for index, item in enumerate(items):
                if item.id in seen:
                    msg = f"{filename}: [{index}].id: duplicate id {item.id!r}"
                    raise ContentError(msg)
                seen.add(item.id)
            self._check_citations(filename, items)
            check = _CHECKS.get(name)
            if check is not None:
                check(filename, items)
            return Catalog(items, kind=noun)

        return self._get(name, load)

    def overview(self) -> Overview:
        """The topic as a whole."""

        def load() -> Overview:
            overview: Overview = self._read("overview.json", Overview)
            self._check_citations("overview.json", overview)
            return overview

        return self._get("overview", load)

    def metadata(self) -> Metadata:
        """Content version, language, review dates, licence and attribution."""
        return self._get("metadata", lambda: cast("Metadata", self._read("metadata.json", Metadata)))

    def sources(self) -> Catalog[Source]:
        """Every source that content cites."""
        return self._catalog("sources")

    def causes(self) -> Catalog[Cause]:
        """What can bring on spasms."""
        return self._catalog("causes")

    def conditions(self) -> Catalog[Condition]:
        """Underlying conditions in which spasms can be a symptom."""
        return self._catalog("conditions")

    def symptoms(self) -> Catalog[Symptom]:
        """What a spasm is like."""
        return self._catalog("symptoms")

    def treatments(self) -> Catalog[Treatment]:
        """What relieves spasms."""
        return self._catalog("treatments")

    def prevention_measures(self) -> Catalog[PreventionMeasure]:
        """What helps prevent spasms."""
        return self._catalog("prevention_measures")

    def warning_signs(self) -> Catalog[WarningSign]:
        """One warning sign per row of the rule table."""
        return self._catalog("warning_signs")

    def next_steps(self) -> Catalog[NextStep]:
        """What to do, one per urgency."""
        return self._catalog("next_steps")

    def cautions(self) -> Catalog[Caution]:
        """Cautions shown beside self-care and medicine texts."""
        return self._catalog("cautions")

    def phrases(self) -> Catalog[Phrase]:
        """The short texts the readable forms of a result put around the content's own texts."""
        return self._catalog("phrases")

    def questions(self) -> Catalog[Question]:
        """The question for each Episode field, in field order, with the labels of its options."""
        return self._catalog("questions")


class _DuplicateKeyError(Exception):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _object_without_duplicates(pairs: list[tuple[str, object]]) -> dict[str, object]:
    # json keeps the last of two equal keys without a word; in content that hides an edit.
    result = dict(pairs)
    if len(result) != len(pairs):
        keys = [key for key, _ in pairs]
        raise _DuplicateKeyError(next(key for key in keys if keys.count(key) > 1))
    return result


class _LiteralError(ValueError):
    """A literal json.loads would take that the content may not hold: NaN, Infinity, an integer too long to read."""

    def __init__(self, literal: str, problem: str) -> None:
        super().__init__(problem)
        self.literal = literal


def _reject_constant(name: str) -> float:
    raise _LiteralError(name, f"{name} is not valid JSON")


def _parse_int(text: str) -> int:
    try:
        return int(text)
    except ValueError:  # past sys.get_int_max_str_digits(): json.loads would say only "Exceeds the limit"
        digits = len(text.lstrip("-"))
        raise _LiteralError(text, f"the number is too large ({digits} digits)") from None


# A JSON string, or a literal _LiteralError may name: a constant, or an integer (not the start of a float).
_STRING_OR_LITERAL: Final = re.compile(r'"(?:[^"\\]|\\.)*"|(NaN|-?Infinity|-?[0-9]+(?![.eE0-9]))', re.DOTALL)


def _literal_position(text: str, literal: str) -> int:
    """Where ``literal`` first stands outside a string (json.loads met it there, so it does)."""
    return next(match.start(1) for match in _STRING_OR_LITERAL.finditer(text) if match.group(1) == literal)


def _decode(filename: str, data: bytes) -> object:
    """The JSON document in ``data``; every way decoding can fail is a ContentError naming the file."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, column = _line_and_column(data[: exc.start].decode("utf-8"))
        msg = f"{filename}: not valid UTF-8 at line {line}, column {column} (byte {exc.start})"
        raise ContentError(msg) from None
    try:
        return json.loads(
            text, parse_constant=_reject_constant, parse_int=_parse_int, object_pairs_hook=_object_without_duplicates
        )
    except _DuplicateKeyError as exc:
        msg = f"{filename}: invalid JSON: the key {exc.key!r} appears twice in one object"
    except json.JSONDecodeError as exc:
        msg = f"{filename}: invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}"
    except _LiteralError as exc:
        line, column = _line_and_column(text[: _literal_position(text, exc.literal)])
        msg = f"{filename}: invalid JSON at line {line}, column {column}: {exc}"
    except RecursionError:
        msg = f"{filename}: invalid JSON: nested too deeply"
    except ValueError as exc:  # whatever else a later json module may refuse: still the file's fault
        msg = f"{filename}: invalid JSON: {exc}"
    raise ContentError(msg) from None


def _line_and_column(before: str) -> tuple[int, int]:
    """The 1-based line and column just after ``before``, the text that precedes a problem."""
    return before.count("\n") + 1, len(before) - before.rfind("\n")


_default: ContentLoader | None = None
_default_lock = threading.Lock()
_LOADERS: weakref.WeakSet[ContentLoader] = weakref.WeakSet()
"""Every loader made in this process, so that a forked child can give each fresh locks."""


def _renew_locks() -> None:
    """In a forked child, give every loader a fresh lock: a thread that held one in the parent does not exist here."""
    global _default_lock  # noqa: PLW0603 (the child's own lock, in place of one a vanished thread may hold)
    _default_lock = threading.Lock()
    for loader in list(_LOADERS):
        loader._lock = threading.RLock()  # noqa: SLF001 (the loader's own module renews it)


if sys.platform != "win32":  # pragma: no branch (Windows has no fork)
    os.register_at_fork(after_in_child=_renew_locks)


def default_loader() -> ContentLoader:
    """The loader of the package's own data, made on first use."""
    global _default  # noqa: PLW0603 (one loader per process, made lazily so import reads no data)
    if _default is None:
        with _default_lock:
            if _default is None:
                try:
                    import importlib_resources  # noqa: PLC0415 (kept off the import path of `import spasmfacts`)

                    root = importlib_resources.files("spasmfacts") / "data"
                except OSError as exc:  # too many open files, say: it may pass, so nothing is kept
                    msg = f"the package data cannot be found ({exc.strerror or exc})"
                    raise ContentError(msg) from exc
                _default = ContentLoader(root)
    return _default
