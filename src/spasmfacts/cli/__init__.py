"""The ``spasmfacts`` command line: ``show``, ``check`` and ``export``.

Exit status: 0 on success; 1 when ``check --input`` met invalid lines; 2 for a usage error,
an unreadable input or an unwritable output; 3 when the content cannot be loaded (and then
nothing was written on standard output); 141 when standard output was closed early (as by
``| head``), silently. Never a traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import io
from typing import IO, Final

from spasmfacts.cli.parser import EXPORTS, SHOW_TOPICS, UsageError, build_parser
from spasmfacts.cli.streams import one_line, say, silence_stdout, standard_streams
from spasmfacts.errors import ContentError

__all__ = ["EXPORTS", "SHOW_TOPICS", "main"]

EXIT_OK: Final = 0
EXIT_USAGE: Final = 2
EXIT_CONTENT: Final = 3
EXIT_CLOSED_PIPE: Final = 141
EXIT_INTERRUPTED: Final = 130


def _run(args: argparse.Namespace, out: IO[str] | None, err: IO[str]) -> int:
    from spasmfacts.cli.check import check  # noqa: PLC0415
    from spasmfacts.cli.export import export  # noqa: PLC0415
    from spasmfacts.cli.show import show  # noqa: PLC0415

    if out is None:
        raise OSError(errno.EBADF, "standard output is closed")
    status = EXIT_OK
    try:
        if args.command == "show":
            show(args, out)
        elif args.command == "check":
            status = check(args, out, err)
        else:
            export(args, out)
    except ContentError as exc:
        say(err, f"spasmfacts: cannot load the content: {one_line(exc)}\n")
        return EXIT_CONTENT
    out.flush()
    return status


def _parse(parser: argparse.ArgumentParser, argv: list[str] | None, out: IO[str] | None) -> argparse.Namespace | int:
    """The parsed arguments, or the exit status of ``--help`` or ``--version``.

    argparse prints those itself and exits; its text goes to a buffer first and is written
    here, once, so that a failed write is reported like any other.
    """
    buffer = io.StringIO()
    try:
        with contextlib.redirect_stdout(buffer):
            return parser.parse_args(argv)
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else EXIT_OK
    if out is None:
        raise OSError(errno.EBADF, "standard output is closed")
    out.write(buffer.getvalue())
    out.flush()
    return code


def main(argv: list[str] | None = None) -> int:
    """Run the command line with ``argv`` (``sys.argv[1:]`` by default) and return the exit status."""
    out, err = standard_streams()
    try:
        args = _parse(build_parser(), argv, out)
        return args if isinstance(args, int) else _run(args, out, err)
    except UsageError as exc:
        usage = (exc.parser or build_parser()).format_usage()
        say(err, f"{usage}spasmfacts: error: {one_line(exc)}\n")
        return EXIT_USAGE
    except BrokenPipeError:
        silence_stdout()
        return EXIT_CLOSED_PIPE
    except OSError as exc:  # standard output cannot be written (a full disk, a closed descriptor), or a file
        silence_stdout()
        target = getattr(exc, "filename", None)
        where = f" {one_line(target)}" if target else " the output"
        say(err, f"spasmfacts: cannot write{where}: {exc.strerror or exc}\n")
        return EXIT_USAGE
    except KeyboardInterrupt:
        say(err, "spasmfacts: interrupted\n")
        return EXIT_INTERRUPTED
