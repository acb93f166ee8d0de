"""``Record``: the base of the package's attrs classes, with the ``__repr__`` attrs would write.

attrs writes the source of each class's methods and compiles it when the class is made, and
of that code the ``__repr__`` is the largest part: about 0.2 ms a class on every cold start,
paid for 20 classes before the content is loaded. The classes say ``repr=False`` and inherit
this one instead, which gives the same text (a test compares it with attrs' own).
"""

from __future__ import annotations

import reprlib
from typing import cast

import attrs

__all__ = ["Record"]


class Record:
    """A base with no fields and no slots of its own: it adds only ``__repr__``."""

    __slots__ = ()

    @reprlib.recursive_repr()  # "..." for a record met again inside itself, as attrs writes
    def __repr__(self) -> str:
        fields = attrs.fields(cast("type[attrs.AttrsInstance]", self.__class__))  # every subclass is an attrs class
        shown = ", ".join(f"{field.name}={getattr(self, field.name)!r}" for field in fields)
        return f"{self.__class__.__qualname__.rsplit('>.', 1)[-1]}({shown})"
