"""The one strict ``cattrs`` converter for content: unknown keys rejected, JSON types never coerced.

Hooks are plain per-class functions rather than cattrs' generated code: the data is read
once per process, and generating and compiling a function per class costs more than the
whole load. A value that does not fit raises :class:`InvalidContentError` with its path.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from enum import Enum
from typing import Any, Final, cast, get_args, get_origin

import attrs
import cattrs

from spasmfacts._dates import date
from spasmfacts.errors import json_type

__all__ = ["InvalidContentError", "make_converter"]


class InvalidContentError(Exception):
    """A value that does not fit the model, with the path to it (innermost step last)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
        self.path: list[str | int] = []

    def at(self, step: str | int) -> InvalidContentError:
        """Put ``step`` (a key or an index) in front of the path, as the error passes out of a container."""
        self.path.insert(0, step)
        return self

    def location(self) -> str:
        """The path as a reader writes it: ``[3].citations[0].source``, or ``$`` for the document."""
        text = "".join(f"[{step}]" if isinstance(step, int) else f".{step}" for step in self.path)
        return text.removeprefix(".") or "$"


def _strict_str(value: object, _: type) -> str:
    if value.__class__ is not str:
        msg = f"expected a string, not {json_type(value)}"
        raise InvalidContentError(msg)
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
    raise InvalidContentError(msg)


def _strict_enum_factory(type_: type[Enum], converter: cattrs.Converter) -> Callable[[object, type], Enum]:
    by_value = {member.value: member for member in type_}
    expected = ", ".join(map(repr, by_value))

    def structure(value: object, _: type) -> Enum:
        member = by_value.get(value) if value.__class__ is str else None
        if member is None:
            msg = f"expected one of {expected}, not {value!r}"
            raise InvalidContentError(msg)
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
            raise InvalidContentError(msg)
        items = []
        for index, item in enumerate(cast("list[object]", value)):
            try:
                items.append(structure_item(item, item_type))
            except InvalidContentError as exc:
                raise exc.at(index) from None
        return tuple(items)

    return structure


def _strict_record_factory(type_: Any, converter: cattrs.Converter) -> Callable[[object, type], object]:
    # A plain loop over the fields rather than cattrs' generated code: the data is read
    # once per process, and generating and compiling a function per class costs more than
    # the whole load. The attrs validators still check every invariant.
    declared = attrs.fields(type_)
    if any(isinstance(field.type, str) for field in declared):
        # Annotations left as text (`from __future__ import annotations`) need resolving; the
        # others are types already, and resolving them all would cost get_type_hints per class.
        declared = attrs.fields(attrs.resolve_types(type_))
    fields = [
        (field.name, field.type, converter.get_structure_hook(field.type), field.default is attrs.NOTHING)
        for field in declared
    ]
    known = frozenset(name for name, *_ in fields)

    def structure(value: object, _: type) -> object:
        if value.__class__ is not dict:
            msg = f"expected an object, not {json_type(value)}"
            raise InvalidContentError(msg)
        data = cast("dict[str, object]", value)
        unknown = data.keys() - known
        if unknown:
            msg = f"unknown key(s) {', '.join(sorted(map(repr, unknown)))}"
            raise InvalidContentError(msg)
        kwargs = {}
        for name, field_type, structure_field, required in fields:
            if name in data:
                try:
                    kwargs[name] = structure_field(data[name], field_type)
                except InvalidContentError as exc:
                    raise exc.at(name) from None
            elif required:
                raise InvalidContentError("required key missing").at(name)
        try:
            return type_(**kwargs)
        except ValueError as exc:
            # model.FieldError names the field; any other ValueError speaks for the record.
            error = InvalidContentError(getattr(exc, "problem", str(exc)))
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
