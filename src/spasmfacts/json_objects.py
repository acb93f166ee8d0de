"""A JSON object hook that refuses a key given twice, for every document spasmfacts decodes.

``json`` keeps the last of two equal keys without a word: one document, two answers (in an
episode, ``"accompanied_by"`` could say both "chest pain" and "nothing"; in content, it hides
an edit). The episode boundary and the content loader both decode with this hook.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

__all__ = ["DuplicateKeyError", "object_without_duplicates"]


class DuplicateKeyError(ValueError):
    """A JSON object holds ``key`` twice."""

    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def object_without_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """The object of ``pairs`` (the ``object_pairs_hook`` of ``json``); raises :class:`DuplicateKeyError`."""
    result = dict(pairs)
    if len(result) != len(pairs):
        counts = Counter(key for key, _ in pairs)
        raise DuplicateKeyError(next(key for key, count in counts.items() if count > 1))
    return result
