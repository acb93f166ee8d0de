"""``Policy``: the rule's tunable values, and ``DEFAULT_POLICY``, the one the rule uses unless told otherwise."""

from __future__ import annotations

from typing import Final

import attrs

from spasmfacts._dates import timedelta
from spasmfacts._records import Record

__all__ = ["DEFAULT_POLICY", "Policy"]

_DEFAULT_LONG_EPISODE: Final = timedelta(minutes=10)


def _within_default(instance: object, attribute: attrs.Attribute[timedelta], value: object) -> None:
    if not isinstance(value, timedelta) or value <= timedelta(0) or value > _DEFAULT_LONG_EPISODE:
        msg = (
            f"{attribute.name} must be a positive datetime.timedelta no longer than the default "
            f"{_DEFAULT_LONG_EPISODE} (a policy may make the rule stricter, never looser), not {value!r}"
        )
        raise ValueError(msg)


@attrs.frozen(kw_only=True, repr=False, eq=False)
class Policy(Record):
    """The rule's tunable values. A policy can only make the rule stricter: no policy turns a row off."""

    long_episode: timedelta = attrs.field(default=_DEFAULT_LONG_EPISODE, validator=_within_default)
    """A single spasm longer than this (strictly) fires ``long-lasting``; 10 minutes by default, and never more."""


DEFAULT_POLICY: Final = Policy()
"""The policy the rule uses unless told otherwise."""
