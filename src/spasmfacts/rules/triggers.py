"""The trigger classes a row of the rule table is built from: small immutable values with ``matches()``.

Every trigger is "reported as present": ``None`` (not answered), ``False`` and an absent
member never fire one, except ``Reported(..., value=False)``, which fires on an explicit
``False`` only (``improves_with_self_care``: tried, and it did not help).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from spasmfacts.vocabulary import AgeGroup, BodyArea, Finding, Medicine, Severity

if TYPE_CHECKING:
    from spasmfacts.episode import Episode
    from spasmfacts.rules.policy import Policy

__all__ = [
    "AgeIs",
    "AllOf",
    "AnyArea",
    "AnyFinding",
    "AnyMedicine",
    "AnyOf",
    "LongerThanPolicy",
    "Reported",
    "SeverityIs",
    "Trigger",
]


class Trigger(Protocol):
    """A condition over an episode: one of the trigger classes below."""

    def matches(self, episode: Episode, policy: Policy, /) -> bool:
        """Whether the condition holds for ``episode`` under ``policy``."""
        ...  # pragma: no cover (a protocol has no body to run)


class _Value:
    """Immutable value semantics for the small trigger classes, from their ``__slots__``.

    Plain slotted classes rather than attrs classes: building the table is part of
    ``import spasmfacts``, which every cold-starting app pays, and attrs generates and
    compiles code for each class. A value equals only a value of its own class, and
    pickles and copies as the same value (``__reduce__`` rebuilds it through ``__init__``).
    """

    __slots__: tuple[str, ...] = ()

    def _values(self) -> tuple[object, ...]:
        return tuple(getattr(self, name) for name in self.__slots__)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._values() == other._values()

    def __hash__(self) -> int:
        return hash((self.__class__.__name__, self._values()))

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__slots__)
        return f"{self.__class__.__name__}({fields})"

    def __setattr__(self, name: str, value: object) -> None:
        msg = f"{self.__class__.__name__} is immutable"
        raise AttributeError(msg)

    def __delattr__(self, name: str) -> None:
        msg = f"{self.__class__.__name__} is immutable"
        raise AttributeError(msg)

    def __reduce__(self) -> tuple[object, ...]:
        # The default protocol would restore the slots with setattr, which an immutable value refuses.
        return (_rebuild, (self.__class__, dict(zip(self.__slots__, self._values(), strict=True))))

    def __copy__(self) -> _Value:
        return self

    def __deepcopy__(self, memo: dict[int, object]) -> _Value:
        return self


def _rebuild(cls: type[_Value], values: dict[str, object]) -> _Value:
    instance = cls.__new__(cls)
    for name, value in values.items():
        object.__setattr__(instance, name, value)
    return instance


class SeverityIs(_Value):
    """Fires when the reported severity is ``severity``."""

    __slots__ = ("severity",)
    severity: Severity

    def __init__(self, severity: Severity) -> None:
        object.__setattr__(self, "severity", severity)

    def matches(self, episode: Episode, policy: Policy, /) -> bool:
        return episode.severity is self.severity


class LongerThanPolicy(_Value):
    """Fires when the longest spasm lasted strictly longer than the policy's ``long_episode``."""

    __slots__ = ()

    def matches(self, episode: Episode, policy: Policy, /) -> bool:
        return episode.duration is not None and episode.duration > policy.long_episode


class AnyFinding(_Value):
    """Fires when any of ``findings`` is reported."""

    __slots__ = ("findings",)
    findings: frozenset[Finding]

    def __init__(self, findings: frozenset[Finding]) -> None:
        object.__setattr__(self, "findings", frozenset(findings))

    def matches(self, episode: Episode, policy: Policy, /) -> bool:
        reported = episode.accompanied_by
        return reported is not None and not self.findings.isdisjoint(reported)


class AnyArea(_Value):
    """Fires when the spasm is in any of ``areas``."""

    __slots__ = ("areas",)
    areas: frozenset[BodyArea]

    def __init__(self, areas: frozenset[BodyArea]) -> None:
        object.__setattr__(self, "areas", frozenset(areas))

    def matches(self, episode: Episode, policy: Policy, /) -> bool:
        return not self.areas.isdisjoint(episode.body_areas)


class AnyMedicine(_Value):
    """Fires when the person takes any of ``medicines``."""

    __slots__ = ("medicines",)
    medicines: frozenset[Medicine]

    def __init__(self, medicines: frozenset[Medicine]) -> None:
        object.__setattr__(self, "medicines", frozenset(medicines))

    def matches(self, episode: Episode, policy: Policy, /) -> bool:
        reported = episode.medicines
        return reported is not None and not self.medicines.isdisjoint(reported)


class AgeIs(_Value):
    """Fires when the reported age group is ``age_group``."""

    __slots__ = ("age_group",)
    age_group: AgeGroup

    def __init__(self, age_group: AgeGroup) -> None:
        object.__setattr__(self, "age_group", age_group)

    def matches(self, episode: Episode, policy: Policy, /) -> bool:
        return episode.age_group is self.age_group


class Reported(_Value):
    """Fires when the episode's yes/no field ``field`` is answered ``value`` (``None`` never fires)."""

    __slots__ = ("field", "value")
    field: str
    value: bool

    def __init__(self, field: str, *, value: bool = True) -> None:
        object.__setattr__(self, "field", field)
        object.__setattr__(self, "value", value)

    def matches(self, episode: Episode, policy: Policy, /) -> bool:
        return getattr(episode, self.field) is self.value


class AnyOf(_Value):
    """Fires when any of ``parts`` fires."""

    __slots__ = ("parts",)
    parts: tuple[Trigger, ...]

    def __init__(self, *parts: Trigger) -> None:
        object.__setattr__(self, "parts", tuple(parts))

    def matches(self, episode: Episode, policy: Policy, /) -> bool:
        return any(part.matches(episode, policy) for part in self.parts)


class AllOf(_Value):
    """Fires when every one of ``parts`` fires."""

    __slots__ = ("parts",)
    parts: tuple[Trigger, ...]

    def __init__(self, *parts: Trigger) -> None:
        object.__setattr__(self, "parts", tuple(parts))

    def matches(self, episode: Episode, policy: Policy, /) -> bool:
        return all(part.matches(episode, policy) for part in self.parts)
