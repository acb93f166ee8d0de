"""``date`` and ``timedelta`` without the start-up cost of ``datetime.py``.

CPython's ``datetime`` module first defines pure-Python classes and then replaces them with
the C implementation from ``_datetime``. Importing the C classes directly skips about a
millisecond that every cold start pays on the way to ``Episode`` and to the content. They
are the very same classes that ``datetime`` exports.
"""

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from datetime import date, timedelta
else:
    try:
        from _datetime import date, timedelta
    except ImportError:  # pragma: no cover (only on a Python built without the C accelerator)
        from datetime import date, timedelta

__all__ = ["date", "timedelta"]
