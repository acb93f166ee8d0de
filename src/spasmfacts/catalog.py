"""``Catalog``: an immutable collection of content items in data-file order, looked up by id."""

from collections.abc import Iterable, Iterator, Sized
from typing import Any, Protocol, TypeVar

from spasmfacts.errors import UnknownEntryError

__all__ = ["Catalog"]


class _Identified(Protocol):
    @property
    def id(self) -> str: ...  # pragma: no cover (a protocol has no body to run)


T_co = TypeVar("T_co", bound=_Identified, covariant=True)


# Iterable and Sized rather than Collection[T_co]: a Collection's `in` takes items only, so
# type checkers would reject `"dehydration" in catalog`. It is a Collection all the same
# (collections.abc recognises __len__, __iter__ and __contains__).
class Catalog(Iterable[T_co], Sized):
    """An immutable collection of content items in data-file order, looked up by id.

    >>> from spasmfacts import causes
    >>> "dehydration" in causes()
    True
    >>> causes().lookup("dehydration").name
    'Dehydration'
    """

    __slots__ = ("_by_id", "_items", "_kind")

    _items: tuple[T_co, ...]
    _by_id: dict[str, T_co]
    _kind: str

    def __init__(self, items: tuple[T_co, ...], *, kind: str = "entry") -> None:
        by_id: dict[str, T_co] = {}
        for item in items:
            if item.id in by_id:
                msg = f"duplicate {kind} id {item.id!r}"
                raise ValueError(msg)
            by_id[item.id] = item
        object.__setattr__(self, "_items", tuple(items))
        object.__setattr__(self, "_by_id", by_id)
        object.__setattr__(self, "_kind", kind)

    def __setattr__(self, name: str, value: object) -> None:
        msg = "Catalog is immutable"
        raise AttributeError(msg)

    def __delattr__(self, name: str) -> None:
        msg = "Catalog is immutable"
        raise AttributeError(msg)

    @property
    def ids(self) -> tuple[str, ...]:
        """Every id, in data-file order."""
        return tuple(self._by_id)

    def __iter__(self) -> Iterator[T_co]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __contains__(self, key: object) -> bool:
        """``id in catalog`` (an id string), or ``item in catalog`` (an item)."""
        if isinstance(key, str):
            return key in self._by_id
        return key in self._items

    def get(self, id: str, default: T_co | None = None) -> T_co | None:  # noqa: A002 (the name users look up by)
        """The item with ``id``, or ``default`` when there is none (an id that is not a string included)."""
        try:
            return self._by_id.get(id, default)
        except TypeError:  # an unhashable "id" names no item
            return default

    def lookup(self, id: str) -> T_co:  # noqa: A002
        """The item with ``id``; raises :class:`~spasmfacts.UnknownEntryError` suggesting close ids."""
        try:
            return self._by_id[id]
        except (KeyError, TypeError):
            pass
        import difflib  # noqa: PLC0415 (only an unknown id needs it)

        close = difflib.get_close_matches(str(id), self._by_id, n=3, cutoff=0.5)
        hint = f"; did you mean {', '.join(map(repr, close))}?" if close else ""
        msg = f"no {self._kind} with id {id!r}{hint}"
        raise UnknownEntryError(msg) from None

    def __repr__(self) -> str:
        return f"Catalog({self._kind}: {', '.join(self._by_id)})"

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Catalog):
            return self._items == other._items
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._items)

    def __reduce__(self) -> tuple[Any, ...]:
        # The default would restore the slots with setattr, which an immutable catalog refuses;
        # rebuilding through __init__ checks the ids again, as any new catalog's are.
        return (self._rebuild, (self._items, self._kind))

    @classmethod
    def _rebuild(cls, items: tuple[Any, ...], kind: str) -> "Catalog[Any]":
        return cls(items, kind=kind)
