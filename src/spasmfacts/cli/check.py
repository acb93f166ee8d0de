"""``spasmfacts check``: one episode from the options, or JSON Lines of episodes from ``--input``."""

from __future__ import annotations

import argparse
import errno
import os
import stat
import sys
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Final, TextIO

from spasmfacts.cli.parser import FLAG_OPTIONS, UsageError
from spasmfacts.cli.show import write_json
from spasmfacts.cli.streams import one_line, say

if TYPE_CHECKING:
    from collections.abc import Iterator

    from spasmfacts.batch import Result

__all__ = ["EXIT_INVALID_LINES", "check"]

EXIT_INVALID_LINES: Final = 1
EXIT_USAGE: Final = 2
_PROGRESS_MIN_BYTES: Final = 1024 * 1024
# Each episode option's destination and its spelling, then the spelling of its "none of these" form.
_EPISODE_OPTIONS: Final = {
    "severity": ("--severity", ""),
    "pain_score": ("--pain-score", ""),
    "duration": ("--duration", ""),
    "area": ("--area", ""),
    "findings": ("--with", "--with-none"),
    "medicines": ("--medicine", "--no-medicines"),
    "age_group": ("--age-group", ""),
}


def _load_content() -> None:
    """Load every collection a result shows, so that a content fault exits 3 before any output."""
    from spasmfacts.content import default_loader  # noqa: PLC0415

    loader = default_loader()
    for load in (
        loader.sources,
        loader.warning_signs,
        loader.next_steps,
        loader.cautions,
        loader.questions,
        loader.phrases,
    ):
        load()
    loader.metadata()


def _episode_from_args(args: argparse.Namespace) -> Any:
    from spasmfacts.episode import Episode  # noqa: PLC0415
    from spasmfacts.vocabulary import Severity  # noqa: PLC0415

    severity = args.severity if args.pain_score is None else Severity.from_pain_score(args.pain_score)
    flags = {field: getattr(args, field) for field in FLAG_OPTIONS}
    return Episode(
        severity=severity,
        duration=args.duration,
        body_areas=args.area,
        accompanied_by=args.findings,
        medicines=args.medicines,
        age_group=args.age_group,
        **flags,
    )


def _given_options(args: argparse.Namespace) -> list[str]:
    """The episode options given, spelt as the user typed them (``--with-none``, ``--no-recurrent``)."""
    given = []
    for name, (option, none_of_these) in _EPISODE_OPTIONS.items():
        value = getattr(args, name)
        if value is not None:
            given.append(none_of_these if value == [] and none_of_these else option)
    for field, option in FLAG_OPTIONS.items():
        value = getattr(args, field)
        if value is not None:
            given.append(f"--{option}" if value else f"--no-{option}")
    return given


def check(args: argparse.Namespace, out: IO[str], err: IO[str]) -> int:
    """Assess the episode of the options (or the lines of ``--input``) and write the result."""
    from spasmfacts.assessment import assess  # noqa: PLC0415
    from spasmfacts.report import assessment_text, assessment_to_dict  # noqa: PLC0415

    if args.input is not None:
        given = _given_options(args)
        if given:
            msg = f"--input cannot be combined with episode options ({', '.join(given)})"
            raise UsageError(msg, args.check_parser)
        return _check_lines(args.input, out, err)
    _load_content()
    document = assessment_to_dict(assess(_episode_from_args(args)))
    if args.json:
        write_json(document, out)
    else:
        out.write(assessment_text(document))
    return 0


class _ReadError(Exception):
    """Reading the input failed (an ``OSError``, kept apart from a failure to write the output)."""

    def __init__(self, error: OSError) -> None:
        super().__init__(error.strerror or str(error))


def _lines(stream: IO[bytes], limit: int) -> Iterator[bytes | None]:
    """Each line; one over ``limit`` bytes is skipped in chunks and given as ``None`` (``b""`` if all blank)."""
    try:
        while True:
            line = stream.readline(limit + 1)
            if not line:
                return
            if len(line) > limit and not line.endswith(b"\n"):
                blank = not line.strip()
                while line and not line.endswith(b"\n"):
                    line = stream.readline(limit + 1)
                    blank = blank and not line.strip()
                yield b"" if blank else None
            else:
                yield line
    except OSError as exc:
        raise _ReadError(exc) from exc


def _open_input(path: str) -> IO[bytes]:
    if path != "-":
        return Path(path).open("rb")
    stdin: TextIO | None = getattr(sys, "stdin", None)  # None when the process started with it closed
    if stdin is None:
        raise OSError(errno.EBADF, "standard input is closed")
    return stdin.buffer


def _same_file(stream: IO[bytes], out: IO[str]) -> bool:
    """Whether the input is the very file standard output appends to (``check --input f >> f``)."""
    try:
        given, written = os.fstat(stream.fileno()), os.fstat(out.fileno())
    except (OSError, ValueError, AttributeError):  # a stream without a descriptor cannot be the same file
        return False
    return stat.S_ISREG(given.st_mode) and (given.st_dev, given.st_ino) == (written.st_dev, written.st_ino)


def _blocking(out: IO[str]) -> None:
    """Make standard output blocking, so that a busy reader slows the batch instead of losing lines."""
    try:
        descriptor = out.fileno()
    except (OSError, ValueError, AttributeError):  # not a file descriptor (a test's StringIO): nothing to lose
        return
    os.set_blocking(descriptor, True)


def _write_results(results: list[Result], out: IO[str], err: IO[str], progress: _Progress | None) -> bool:
    """Write one chunk's result lines, then tell each invalid line on standard error; ``False`` if there was one."""
    # One write a chunk, whether or not standard output is buffered (PYTHONUNBUFFERED): result
    # lines are kilobytes long, and a system call for each costs the system three times more.
    out.write("".join([text for _, text, _ in results]))
    valid = True
    for number, _, error in results:
        if error is not None:
            valid = False
            if progress is not None:
                progress.clear()
            say(err, f"spasmfacts: line {number}: {one_line(error)}\n")
        if progress is not None:
            progress.tick(number)
    return valid


def _check_lines(path: str, out: IO[str], err: IO[str]) -> int:
    from spasmfacts.batch import MAX_LINE_BYTES, chunk_results  # noqa: PLC0415

    _load_content()
    try:
        stream = _open_input(path)
    except OSError as exc:
        say(err, f"spasmfacts: cannot read {one_line(path)}: {exc.strerror or exc}\n")
        return EXIT_USAGE
    try:
        if _same_file(stream, out):
            say(err, f"spasmfacts: input {one_line(path)} is the output file; refusing to read what it writes\n")
            return EXIT_USAGE
        _blocking(out)
        progress = _Progress(stream, err) if path != "-" else None
        status = 0
        try:
            for results in chunk_results(_lines(stream, MAX_LINE_BYTES)):
                if not _write_results(results, out, err, progress):
                    status = EXIT_INVALID_LINES
        except _ReadError as exc:  # a failure to write the output (a closed pipe included) is main()'s to report
            say(err, f"spasmfacts: cannot read {one_line(path)}: {exc}\n")
            return EXIT_USAGE
        finally:
            if progress is not None:
                progress.clear()
        return status
    finally:
        if path != "-":
            stream.close()


class _Progress:
    """A progress line on standard error, shown only for a terminal and an input file over 1 MiB."""

    def __init__(self, stream: IO[bytes], err: IO[str]) -> None:
        self._err = err
        self._size = 0
        try:
            if err.isatty():
                self._size = os.fstat(stream.fileno()).st_size
        except (OSError, ValueError):  # pragma: no cover (a stream without a descriptor shows no progress)
            self._size = 0
        self._stream = stream
        self._shown = False

    def tick(self, number: int) -> None:
        if self._size < _PROGRESS_MIN_BYTES or number % 5000:
            return
        percent = min(100, 100 * self._stream.tell() // self._size)
        say(self._err, f"\rspasmfacts: {percent}% (line {number})")
        self._shown = True

    def clear(self) -> None:
        if self._shown:
            say(self._err, "\r\033[K")
            self._shown = False
