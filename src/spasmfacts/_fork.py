"""``in_forked_child()``: work a forked child must do first, registered without holding a module alive.

``os.register_at_fork()`` keeps its callbacks until the very end of interpreter shutdown, after
every module has been cleared. A module-level function registered there keeps its module's
globals alive that long, and with them everything the module refers to (for the content
loader: every loaded record), which the last garbage collection must then take apart: about
5% of the cost of loading the content, paid again at the exit of every process. So the one
callback registered here belongs to this small module and holds the package's callbacks by
weak reference.
"""

from __future__ import annotations

import os
import sys
import weakref
from collections.abc import Callable

__all__ = ["in_forked_child"]

_CALLBACKS: list[weakref.ref[Callable[[], None]]] = []


def in_forked_child(callback: Callable[[], None]) -> None:
    """Call ``callback``, a module-level function, in each forked child, for as long as its module keeps it."""
    _CALLBACKS.append(weakref.ref(callback))


def _after_fork_in_child() -> None:
    for reference in _CALLBACKS:
        callback = reference()
        if callback is not None:  # None only once its module is gone, during shutdown
            callback()


if sys.platform != "win32":  # pragma: no branch (Windows has no fork)
    os.register_at_fork(after_in_child=_after_fork_in_child)
