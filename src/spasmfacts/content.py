"""The content loader: data files -> strict cattrs converter -> frozen records in catalogs.

Each collection is read on first use, once, under a lock, and is immutable afterwards. A
failed load is remembered and raised again on every later call, never half-cached. All
data is read through ``importlib_resources`` (never ``__file__``), so the package works
when imported from a zip.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator
from datetime import date
from typing import TYPE_CHECKING, Any, Final, TypeVar, cast, get_args, get_origin

import attrs
import cattrs
from cattrs.cols import homogenous_tuple_structure_factory
from cattrs.errors import ClassValidationError, ForbiddenExtraKeysError, IterableValidationError

from spasmfacts.errors import ContentError
from spasmfacts.model import (
    Catalog,
    Cause,
    Citation,
    Condition,
    Metadata,
    NextStep,
    Overview,
    PreventionMeasure,
    Source,
    Symptom,
    Treatment,
    WarningSign,
)
from spasmfacts.rules import RULES
from spasmfacts.vocabulary import Urgency

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
}
"""Each catalog's name, with its data file, record type and the noun its errors use."""


class _StructureError(ValueError):
    """A value of the wrong JSON type, raised by the strict hooks."""


def _json_type(value: object) -> str:
    names = {dict: "an object", list: "an array", str: "a string", bool: "a boolean", type(None): "null"}
    return names.get(type(value), "a number")


def _strict_str(value: object, _: type) -> str:
    if value.__class__ is not str:
        msg = f"expected a string, not {_json_type(value)}"
        raise _StructureError(msg)
    return value


def _strict_date(value: object, _: type) -> date:
    text = _strict_str(value, str)
    try:
        return date.fromisoformat(text)
    except ValueError:
        msg = f"expected a date as YYYY-MM-DD, not {text!r}"
        raise _StructureError(msg) from None


def _is_homogeneous_tuple(type_: Any) -> bool:
    args = get_args(type_)
    return get_origin(type_) is tuple and len(args) == 2 and args[1] is Ellipsis  # noqa: PLR2004


def _strict_tuple_factory(type_: Any, converter: cattrs.Converter) -> Callable[[object, type], tuple[Any, ...]]:
    # cattrs would turn a JSON string into a tuple of characters; only an array is a tuple.
    structure_items = homogenous_tuple_structure_factory(type_, converter)

    def structure(value: object, type_: type) -> tuple[Any, ...]:
        if value.__class__ is not list:
            msg = f"expected an array, not {_json_type(value)}"
            raise _StructureError(msg)
        return cast("tuple[Any, ...]", structure_items(value, type_))

    return structure


def _strict_record_factory(type_: Any, converter: cattrs.Converter) -> Callable[[object, type], object]:
    structure_fields = cattrs.gen.make_dict_structure_fn(type_, converter, _cattrs_forbid_extra_keys=True)

    def structure(value: object, type_: type) -> object:
        if value.__class__ is not dict:
            msg = f"expected an object, not {_json_type(value)}"
            raise _StructureError(msg)
        return structure_fields(value, type_)

    return structure


def make_converter() -> cattrs.Converter:
    """The one strict converter for content: unknown keys rejected, JSON types never coerced."""
    converter = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)
    converter.register_structure_hook(str, _strict_str)
    converter.register_structure_hook(date, _strict_date)
    converter.register_unstructure_hook(date, date.isoformat)
    converter.register_structure_hook_factory(_is_homogeneous_tuple, _strict_tuple_factory)
    converter.register_structure_hook_factory(attrs.has, _strict_record_factory)
    return converter


def _describe(exc: BaseException, type_: type | None) -> str:
    if isinstance(exc, ForbiddenExtraKeysError):
        return f"unknown key(s) {', '.join(sorted(map(repr, exc.extra_fields)))}"
    if isinstance(exc, KeyError):
        return "required key missing"
    if isinstance(exc, _StructureError | ValueError) and str(exc):
        return str(exc)
    expected = getattr(type_, "__name__", str(type_))
    return f"invalid value, expected {expected}"


def _errors(exc: BaseException) -> list[str]:
    if isinstance(exc, ClassValidationError | IterableValidationError):
        return cattrs.transform_error(exc, path="$", format_exception=_describe)
    return [f"{_describe(exc, None)} @ $"]


def _location(path: str) -> str:
    # cattrs says "$[3].citations"; users read "[3].citations" after the file name.
    if path in {"$", ""}:
        return "$"
    return path[2:] if path.startswith("$.") else path[1:]


def _citations(value: object, path: str) -> Iterator[tuple[str, Citation]]:
    if isinstance(value, Citation):
        yield path, value
    elif isinstance(value, tuple):
        for index, item in enumerate(value):
            yield from _citations(item, f"{path}[{index}]")
    elif attrs.has(type(value)):
        for field in attrs.fields(cast("type[attrs.AttrsInstance]", type(value))):
            yield from _citations(getattr(value, field.name), f"{path}.{field.name}" if path else field.name)


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
                self._failures[name] = str(exc)
                raise
            self._cache[name] = value
            return value

    def _read(self, filename: str, type_: Any) -> Any:
        try:
            data = (self._root / filename).read_bytes()
        except OSError as exc:
            msg = f"{filename}: cannot be read ({exc.strerror or type(exc).__name__})"
            raise ContentError(msg) from None
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            msg = f"{filename}: not valid UTF-8 (byte {exc.start})"
            raise ContentError(msg) from None
        try:
            raw = json.loads(text, parse_constant=_reject_constant)
        except json.JSONDecodeError as exc:
            msg = f"{filename}: invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}"
            raise ContentError(msg) from None
        except ValueError as exc:
            msg = f"{filename}: invalid JSON: {exc}"
            raise ContentError(msg) from None
        if self._converter is None:
            self._converter = make_converter()
        try:
            return self._converter.structure(raw, type_)
        except Exception as exc:  # noqa: BLE001 (every structuring failure becomes one ContentError)
            message, _, path = _errors(exc)[0].rpartition(" @ ")
            msg = f"{filename}: {_location(path)}: {message}"
            raise ContentError(msg) from None

    def _check_citations(self, filename: str, value: object) -> None:
        known = self.sources() if filename != "sources.json" else None
        for path, citation in _citations(value, ""):
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
            if name == "warning_signs":
                _check_against_rules(filename, items)
            elif name == "next_steps":
                _check_next_steps(filename, items)
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


def _reject_constant(name: str) -> float:
    msg = f"{name} is not valid JSON"
    raise ValueError(msg)


def _check_against_rules(filename: str, signs: tuple[WarningSign, ...]) -> None:
    rules = {rule.id: rule for rule in RULES}
    for index, sign in enumerate(signs):
        rule = rules.pop(sign.id, None)
        if rule is None:
            msg = f"{filename}: [{index}].id: no row of the rule table has id {sign.id!r}"
            raise ContentError(msg)
        if sign.urgency is not rule.urgency:
            msg = (
                f"{filename}: [{index}].urgency: the rule table gives {sign.id!r} urgency "
                f"{rule.urgency.value!r}, not {sign.urgency.value!r}"
            )
            raise ContentError(msg)
        cited = {citation.source for citation in sign.citations}
        missing = [source for source in rule.sources if source not in cited]
        if missing:
            msg = (
                f"{filename}: [{index}].citations: the rule table cites {', '.join(map(repr, missing))} for {sign.id!r}"
            )
            raise ContentError(msg)
    if rules:
        msg = f"{filename}: $: no warning sign for rule table row(s) {', '.join(map(repr, rules))}"
        raise ContentError(msg)


def _check_next_steps(filename: str, steps: tuple[NextStep, ...]) -> None:
    seen: set[Urgency] = set()
    for index, step in enumerate(steps):
        if step.urgency in seen:
            msg = f"{filename}: [{index}].urgency: a second next step for {step.urgency.value!r}"
            raise ContentError(msg)
        seen.add(step.urgency)
    missing = [urgency.value for urgency in Urgency if urgency not in seen]
    if missing:
        msg = f"{filename}: $: no next step for urgency {', '.join(map(repr, missing))}"
        raise ContentError(msg)


_default: ContentLoader | None = None
_default_lock = threading.Lock()


def default_loader() -> ContentLoader:
    """The loader of the package's own data, made on first use."""
    global _default  # noqa: PLW0603 (one loader per process, made lazily so import reads no data)
    if _default is None:
        with _default_lock:
            if _default is None:
                import importlib_resources  # noqa: PLC0415 (kept off the import path of `import spasmfacts`)

                _default = ContentLoader(importlib_resources.files("spasmfacts") / "data")
    return _default
