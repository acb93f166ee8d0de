"""The standard streams of the command line: set up, escaped messages, and clean failure when one is closed."""

from __future__ import annotations

import io
import os
import sys
from typing import IO, Final

__all__ = ["one_line", "say", "silence_stdout", "standard_streams"]

# Control, line-separator and direction-changing characters are escaped, so every message stays one plain line.
_DIRECTION_MARKS: Final = (*range(0x200E, 0x2010), *range(0x202A, 0x202F), *range(0x2066, 0x206A))
_ESCAPES: Final = {c: repr(chr(c))[1:-1] for c in (*range(32), 127, 0x85, 0x2028, 0x2029)} | {
    c: f"\\u{c:04x}" for c in _DIRECTION_MARKS
}


def one_line(text: object) -> str:
    """``text`` as one line with control and direction characters escaped, for a message on standard error."""
    return str(text).translate(_ESCAPES)


def silence_stdout() -> None:
    """Point standard output at the null device, so Python does not report a failed write again at exit."""
    try:
        descriptor = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):  # no stdout, or one without a descriptor: nothing to flush
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, descriptor)
    finally:
        os.close(devnull)


def standard_streams() -> tuple[IO[str] | None, IO[str]]:
    """Standard output (``None`` when the process started with it closed) and standard error, both UTF-8."""
    out: IO[str] | None = getattr(sys, "stdout", None)
    err: IO[str] = getattr(sys, "stderr", None) or io.StringIO()
    for stream in (out, err):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            # UTF-8 whatever the locale; a lone surrogate from the input is written escaped, never raises.
            reconfigure(encoding="utf-8", errors="backslashreplace")
    return out, err


def say(err: IO[str], text: str) -> None:
    """Write a message on standard error, best effort: the output and the exit status are what count."""
    try:
        err.write(text)
        err.flush()
    except (OSError, ValueError):
        pass
