"""The content loader: data files -> strict cattrs converter -> frozen records in catalogs.

Each collection is read on first use, once, under a lock, and is immutable afterwards. A
failure of the data itself is remembered and raised again on every later call, never
half-cached; a failure that may pass (too many open files, no memory) is raised as a
``ContentError`` chained to its cause and tried again on the next call. A forked child
gets fresh locks. All data is read through ``importlib_resources`` (never ``__file__``),
so the package works when imported from a zip.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Final, TypeVar, cast

from spasmfacts._fork import in_forked_child
from spasmfacts.catalog import Catalog
from spasmfacts.content_checks import (
    check_against_rules,
    check_cautions,
    check_next_steps,
    check_phrases,
    check_questions,
)
from spasmfacts.content_json import decode
from spasmfacts.converter import InvalidContentError, make_converter
from spasmfacts.errors import ContentError
from spasmfacts.model import (
    Cause,
    Caution,
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
    import cattrs
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


def _unknown_citation(value: object, known: Catalog[Source]) -> str | None:
    """The path and source of the first citation in a loaded file that names no known source, or ``None``.

    Records cite in ``citations``, the overview's facts too. Paths are written only for the
    citation reported: valid content, the usual case, pays for none.
    """
    records = enumerate(value) if isinstance(value, tuple) else [(None, value)]
    for index, record in records:
        prefix = "" if index is None else f"[{index}]."
        places = [("", getattr(record, "citations", ()))]
        places.extend(
            (f"facts[{fact_index}].", fact.citations) for fact_index, fact in enumerate(getattr(record, "facts", ()))
        )
        for place, citations in places:
            for citation_index, citation in enumerate(citations):
                if known.get(citation.source) is None:
                    return f"{prefix}{place}citations[{citation_index}].source: unknown source {citation.source!r}"
    return None


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
            raw = decode(filename, data)
            if self._converter is None:
                self._converter = make_converter()
            return self._converter.structure(raw, type_)
        except InvalidContentError as exc:
            msg = f"{filename}: {exc.location()}: {exc.message}"
            raise ContentError(msg) from None
        except MemoryError as exc:
            msg = f"{filename}: cannot be loaded (out of memory)"
            raise ContentError(msg) from exc

    def _check_citations(self, filename: str, value: object) -> None:
        if filename == "sources.json":  # sources cite nothing: the one file checked against no other
            return
        problem = _unknown_citation(value, self.sources())
        if problem is not None:
            msg = f"{filename}: {problem}"
            raise ContentError(msg)

    def _catalog(self, name: str) -> Catalog[Any]:
        filename, record, noun = COLLECTIONS[name]

        def load() -> Catalog[Any]:
            items = self._read(filename, tuple[record, ...])  # type: ignore[valid-type]
            try:
                catalog = Catalog(items, kind=noun)
            except ValueError:  # a repeated id, which the catalog refuses: say where the second one stands
                ids = [item.id for item in items]
                index = next(index for index, item_id in enumerate(ids) if item_id in ids[:index])
                msg = f"{filename}: [{index}].id: duplicate id {ids[index]!r}"
                raise ContentError(msg) from None
            self._check_citations(filename, items)
            check = _CHECKS.get(name)
            if check is not None:
                check(filename, items)
            return catalog

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


in_forked_child(_renew_locks)


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
