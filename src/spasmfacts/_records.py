"""``Record``: the base of the package's attrs classes, with the ``__repr__``, ``__eq__`` and ``__hash__`` of attrs.

attrs writes the source of each class's methods and compiles it when the class is made:
about 1 ms a class on a cold start, paid for 20 classes on the way to the content. The
``__repr__``, ``__eq__`` and ``__hash__`` are most of that code, and the same for every
class, so the classes say ``repr=False, eq=False`` and inherit them from here instead. They
behave as attrs' own do (tests compare them): the class name and each field for ``repr``;
equal only to an instance of the very same class with equal fields; a hash from the class
and the fields, so equal records hash alike.
"""

from __future__ import annotations

import reprlib
from operator import attrgetter
from typing import Any, cast

import attrs

__all__ = ["Record"]

_VALUES: dict[type, Any] = {}
"""Per class, a getter of its fields' values in field order (made on first use, as the fields are known then)."""


def _values(cls: type) -> Any:
    getter = _VALUES.get(cls)
    if getter is None:
        fields = attrs.fields(cast("type[attrs.AttrsInstance]", cls))  # every subclass is an attrs class
        # For one field the getter gives its value alone, not a 1-tuple: equality and hashing work the same.
        getter = _VALUES[cls] = attrgetter(*(field.name for field in fields))
    return getter


class Record:
    """A base with no fields and no slots of its own: it adds only ``__repr__``, ``__eq__`` and ``__hash__``."""

    __slots__ = ()

    @reprlib.recursive_repr()  # "..." for a record met again inside itself, as attrs writes
    def __repr__(self) -> str:
        fields = attrs.fields(cast("type[attrs.AttrsInstance]", self.__class__))
        shown = ", ".join(f"{field.name}={getattr(self, field.name)!r}" for field in fields)
        return f"{self.__class__.__qualname__.rsplit('>.', 1)[-1]}({shown})"

    def __eq__(self, other: object) -> bool:
        # As attrs: equal only to an instance of the very same class (not a subclass), field by field.
        if other.__class__ is not self.__class__:
            return NotImplemented
        values = _values(self.__class__)
        return bool(values(self) == values(other))

    def __hash__(self) -> int:
        return hash((self.__class__, _values(self.__class__)(self)))
