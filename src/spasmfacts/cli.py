"""The ``spasmfacts`` command line: ``show``, ``check`` and ``export``.

Exit status: 0 on success; 1 when ``check --input`` met invalid lines; 2 for a usage error,
an unreadable input or an unwritable output; 3 when the content cannot be loaded; 141 when
standard output was closed early (as by ``| head``), silently. Never a traceback.
"""

from __future__ import annotations

import argparse
import errno
import io
import json
import os
import re
import sys
from datetime import timedelta
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Final, NoReturn, TextIO

from spasmfacts.errors import ContentError, InvalidEpisodeError

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator, Sequence

    from spasmfacts.assessment import Assessment

__all__ = ["main"]

EXIT_OK: Final = 0
EXIT_INVALID_LINES: Final = 1
EXIT_USAGE: Final = 2
EXIT_CONTENT: Final = 3
EXIT_CLOSED_PIPE: Final = 141

SHOW_TOPICS: Final = (
    "overview",
    "causes",
    "conditions",
    "symptoms",
    "treatments",
    "prevention",
    "warning-signs",
    "sources",
    "next-steps",
)
EXPORTS: Final = (
    "content",
    "jsonld",
    "markdown",
    "questionnaire",
    "schema-content",
    "schema-episode",
    "schema-assessment",
)
_PROGRESS_MIN_BYTES: Final = 1024 * 1024
_SHORT_DURATION = re.compile(
    r"(?:([0-9]{1,9})d)?(?:([0-9]{1,9})h)?(?:([0-9]{1,9})m)?(?:([0-9]{1,9})(?:\.([0-9]{1,6}))?s)?"
)
_URGENCY_WORDS: Final = {
    "self_care": "None of the listed warning signs was reported",
    "routine": "See a doctor: book an appointment",
    "urgent": "Get seen the same day",
    "emergency": "Emergency: call your local emergency number now",
}


# Control characters (a key may hold a newline) are escaped, so that every message stays on one line.
_ESCAPES: Final = {c: repr(chr(c))[1:-1] for c in (*range(32), 127, 0x85, 0x2028, 0x2029)}


def _one_line(text: object) -> str:
    return str(text).translate(_ESCAPES)


class _UsageError(Exception):
    """A usage error; ``parser`` is the (sub)command whose usage line to print."""

    def __init__(self, message: str, parser: argparse.ArgumentParser | None = None) -> None:
        super().__init__(message)
        self.parser = parser


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise _UsageError(message, self)


def _duration(text: str) -> timedelta:
    from spasmfacts.boundary import parse_duration  # noqa: PLC0415 (keeps `--help` fast)

    candidate = text.strip()
    match = _SHORT_DURATION.fullmatch(candidate.lower())
    if candidate and match is not None:
        # The short form (1h30m) is the ISO form (PT1H30M) spelt loosely; one parser checks both,
        # and a short form always makes a well-formed ISO string, so a refusal can only be its size.
        days, hours, minutes, seconds, fraction = match.groups()
        clock = f"{hours}H" if hours else ""
        clock += f"{minutes}M" if minutes else ""
        clock += f"{seconds}{f'.{fraction}' if fraction else ''}S" if seconds else ""
        try:
            return parse_duration(f"P{f'{days}D' if days else ''}{f'T{clock}' if clock else ''}")
        except ValueError:
            msg = f"{text!r} is longer than the most a duration may be, 100000000 seconds"
            raise argparse.ArgumentTypeError(msg) from None
    try:
        return parse_duration(candidate.upper())
    except ValueError:
        msg = f"{text!r} is not a duration such as 12m, 90s, 1h30m or PT12M"
        raise argparse.ArgumentTypeError(msg) from None


def _pain_score(text: str) -> int:
    try:
        score = int(text)
    except ValueError:
        score = -1
    if not 0 <= score <= 10:  # noqa: PLR2004 (the scale's ends)
        msg = f"{text!r} is not a pain score from 0 to 10"
        raise argparse.ArgumentTypeError(msg)
    return score


def _choice(values: Sequence[str], noun: str) -> Callable[[str], str]:
    def parse(text: str) -> str:
        value = text.strip().lower().replace("-", "_")
        if value not in values:
            shown = ", ".join(v.replace("_", "-") for v in values)
            msg = f"{text!r} is not a known {noun} (choose from {shown})"
            raise argparse.ArgumentTypeError(msg)
        return value

    parse.__name__ = noun
    return parse


def _parser() -> _Parser:
    from spasmfacts import __version__  # noqa: PLC0415
    from spasmfacts.vocabulary import BodyArea, Finding, Severity  # noqa: PLC0415

    parser = _Parser(
        prog="spasmfacts",
        description="Sourced facts about muscle spasms, and whether a spasm episode needs a doctor. "
        "Information, not medical advice.",
    )
    parser.add_argument("--version", action="version", version=f"spasmfacts {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND", parser_class=_Parser)

    show = commands.add_parser("show", help="print a part of the content")
    show.add_argument("topic", choices=SHOW_TOPICS, help="which part")
    show.add_argument("--json", action="store_true", help="print JSON instead of text")

    check = commands.add_parser(
        "check",
        help="assess a spasm episode (from flags) or a JSON Lines file of episodes (--input)",
        description="Assess a spasm episode described by the flags, or every episode of a JSON Lines "
        "file with --input. Information, not medical advice.",
    )
    check.add_argument("--input", metavar="FILE", help="JSON Lines of episodes ('-' for standard input)")
    severity = check.add_mutually_exclusive_group()
    severity.add_argument(
        "--severity", type=_choice([s.value for s in Severity], "severity"), help="mild, moderate or severe"
    )
    severity.add_argument(
        "--pain-score", type=_pain_score, metavar="0-10", help="pain from 0 to 10 instead of --severity"
    )
    check.add_argument("--duration", type=_duration, help="longest single spasm: 12m, 90s, 1h30m or ISO 8601 (PT12M)")
    check.add_argument(
        "--area",
        action="append",
        default=[],
        type=_choice([a.value for a in BodyArea], "body area"),
        help="where the spasm is (repeatable): " + ", ".join(a.value for a in BodyArea),
    )
    check.add_argument(
        "--with",
        dest="findings",
        action="append",
        default=[],
        type=_choice([f.value for f in Finding], "finding"),
        metavar="FINDING",
        help="what comes with it (repeatable): " + ", ".join(f.value.replace("_", "-") for f in Finding),
    )
    check.add_argument("--interferes-with-daily-life", action="store_true", help="it gets in the way of daily life")
    check.add_argument("--disturbs-sleep", action="store_true", help="it disturbs sleep")
    check.add_argument("--recurrent", action="store_true", help="spasms happen often")
    helped = check.add_mutually_exclusive_group()
    helped.add_argument(
        "--self-care-helped", dest="self_care", action="store_const", const=True, help="self-care helped"
    )
    helped.add_argument(
        "--self-care-did-not-help",
        dest="self_care",
        action="store_const",
        const=False,
        help="self-care was tried and did not help",
    )
    check.add_argument("--new-medication", action="store_true", help="it started after starting a new medicine")
    check.add_argument("--wound-or-toxin", action="store_true", help="it started after a wound or contact with a toxin")
    check.add_argument(
        "--when-walking", action="store_true", help="it comes on while walking and eases soon after stopping"
    )
    check.add_argument("--json", action="store_true", help="print the assessment as JSON")
    check.set_defaults(check_parser=check)

    export = commands.add_parser(
        "export", help="write a document for other apps (JSON, JSON-LD, Markdown, FHIR, JSON Schema)"
    )
    export.add_argument("document", choices=EXPORTS, help="which document")
    export.add_argument("-o", "--output", metavar="FILE", help="write to FILE ('-' or none: standard output)")
    return parser


_EPISODE_FLAGS: Final = (
    "severity",
    "pain_score",
    "duration",
    "area",
    "findings",
    "interferes_with_daily_life",
    "disturbs_sleep",
    "recurrent",
    "self_care",
    "new_medication",
    "wound_or_toxin",
    "when_walking",
)


def _flag_name(dest: str, value: object) -> str:
    """The option that set ``dest`` to ``value``, as the user typed it."""
    if dest == "findings":
        return "--with"
    if dest == "self_care":
        return "--self-care-helped" if value else "--self-care-did-not-help"
    return "--" + dest.replace("_", "-")


def _write_json(value: object, out: IO[str]) -> None:
    json.dump(value, out, indent=2, ensure_ascii=False)
    out.write("\n")


def _show(args: argparse.Namespace, out: IO[str]) -> int:
    import attrs  # noqa: PLC0415

    from spasmfacts import catalogs  # noqa: PLC0415
    from spasmfacts.content import make_converter  # noqa: PLC0415

    name = {"prevention": "prevention_measures", "warning-signs": "warning_signs", "next-steps": "next_steps"}.get(
        args.topic, args.topic
    )
    value: Any = getattr(catalogs, name)()
    if args.json:
        converter = make_converter()
        _write_json(converter.unstructure(value if name == "overview" else tuple(value)), out)
        return EXIT_OK
    if name == "overview":
        out.write(f"{value.name}\n\n{value.summary}\n\n")
        for fact in value.facts:
            out.write(f"- {fact.text}\n")
        return EXIT_OK
    if name == "sources":
        for source in value:
            out.write(f"{source.id}: {source.title} ({source.publisher}){f' {source.url}' if source.url else ''}\n")
        return EXIT_OK
    for item in value:
        fields = attrs.asdict(item, recurse=False)
        label = item.id if "name" not in fields else f"{item.name} ({item.id})"
        tag = f" [{fields['urgency'].value}]" if "urgency" in fields else ""
        tag += f" [{fields['kind'].value}]" if "kind" in fields else ""
        out.write(f"{label}{tag}\n  {item.summary}\n")
        if "advice" in fields:
            out.write(f"  {item.advice}\n")
    return EXIT_OK


def _episode_from_args(args: argparse.Namespace) -> Any:
    from spasmfacts.episode import Episode  # noqa: PLC0415
    from spasmfacts.vocabulary import Severity  # noqa: PLC0415

    severity = args.severity if args.pain_score is None else Severity.from_pain_score(args.pain_score)
    return Episode(
        severity=severity,
        duration=args.duration,
        body_areas=args.area,
        accompanied_by=args.findings,
        interferes_with_daily_life=args.interferes_with_daily_life,
        disturbs_sleep=args.disturbs_sleep,
        recurrent=args.recurrent,
        improves_with_self_care=args.self_care,
        started_after_new_medication=args.new_medication,
        after_wound_or_toxin_exposure=args.wound_or_toxin,
        comes_on_when_walking=args.when_walking,
    )


def _print_assessment(assessment: Assessment, out: IO[str]) -> None:
    from spasmfacts.catalogs import metadata, sources  # noqa: PLC0415

    catalog = sources()
    step = assessment.next_step
    out.write(f"Result: {_URGENCY_WORDS[assessment.urgency.value]} ({assessment.urgency.value}).\n\n")
    out.write(f"Next step: {step.summary}\n{step.advice}\n")
    if assessment.reasons:
        out.write("\nWhy:\n")
    for reason in assessment.reasons:
        out.write(f"- {reason.summary} [{reason.urgency.value}]\n")
        for source_id in reason.sources:
            source = catalog.lookup(source_id)
            out.write(f"    Source: {source.title}, {source.publisher}{f' <{source.url}>' if source.url else ''}\n")
    out.write(f"\n{metadata().disclaimer}\n")


def _check(args: argparse.Namespace, out: IO[str], err: IO[str]) -> int:
    from spasmfacts.assessment import assess  # noqa: PLC0415
    from spasmfacts.boundary import assessment_to_dict  # noqa: PLC0415

    if args.input is not None:
        # Compare with each flag's default: --pain-score 0 and --self-care-did-not-help give falsy values.
        given = [flag for flag in _EPISODE_FLAGS if getattr(args, flag) != args.check_parser.get_default(flag)]
        if given:
            flags = ", ".join(_flag_name(flag, getattr(args, flag)) for flag in given)
            msg = f"--input cannot be combined with episode flags ({flags})"
            raise _UsageError(msg, args.check_parser)
        return _check_lines(args.input, out, err)
    assessment = assess(_episode_from_args(args))
    if args.json:
        _write_json(assessment_to_dict(assessment), out)
    else:
        _print_assessment(assessment, out)
    return EXIT_OK


class _ReadError(Exception):
    """Reading the input failed (an ``OSError``, kept apart from a failure to write the output)."""

    def __init__(self, error: OSError) -> None:
        super().__init__(error.strerror or str(error))


def _lines(stream: IO[bytes], limit: int) -> Iterator[tuple[int, bytes | None]]:
    """Number and yield each line; a line longer than ``limit`` bytes is skipped in chunks and yielded as None."""
    number = 0
    try:
        while True:
            line = stream.readline(limit + 1)
            if not line:
                return
            number += 1
            if len(line) > limit and not line.endswith(b"\n"):
                while line and not line.endswith(b"\n"):
                    line = stream.readline(limit + 1)
                yield number, None
            else:
                yield number, line
    except OSError as exc:
        raise _ReadError(exc) from exc


class _LineChecker:
    """Turns one input line into one output line; results already rendered are reused."""

    def __init__(self) -> None:
        from spasmfacts.assessment import assess  # noqa: PLC0415
        from spasmfacts.boundary import MAX_JSON_BYTES, assessment_to_dict, episode_from_json  # noqa: PLC0415

        self._assess = assess
        self._to_dict = assessment_to_dict
        self._parse = episode_from_json
        self.limit = MAX_JSON_BYTES
        self._rendered: dict[Assessment, str] = {}

    def __call__(self, number: int, line: bytes | None) -> tuple[str, InvalidEpisodeError | None]:
        try:
            if line is None:
                raise InvalidEpisodeError((("$", f"the line is longer than {self.limit} bytes"),))  # noqa: TRY301 (one path for every invalid line)
            # The line ending is not part of the document, which may itself be a full 64 KiB.
            assessment = self._assess(self._parse(line.rstrip(b"\r\n")))
        except InvalidEpisodeError as exc:
            errors = [{"path": path, "message": message} for path, message in exc.errors]
            # ASCII escapes keep a key with a line separator (U+2028) from splitting the line for some readers.
            return json.dumps({"line": number, "errors": errors}) + "\n", exc
        text = self._rendered.get(assessment)
        if text is None:
            if len(self._rendered) > 1024:  # noqa: PLR2004 (bounds memory on wildly varied input)
                self._rendered.clear()
            text = self._rendered[assessment] = json.dumps(self._to_dict(assessment), ensure_ascii=False)
        return f'{{"line": {number}, "assessment": {text}}}\n', None


def _open_input(path: str) -> IO[bytes]:
    if path != "-":
        return Path(path).open("rb")
    stdin: TextIO | None = getattr(sys, "stdin", None)  # None when the process started with it closed
    if stdin is None:
        raise OSError(errno.EBADF, "standard input is closed")
    return stdin.buffer


def _check_lines(path: str, out: IO[str], err: IO[str]) -> int:
    from spasmfacts.catalogs import next_steps, sources, warning_signs  # noqa: PLC0415

    # Load the content before reading input, so unloadable content exits 3 and writes nothing.
    sources(), warning_signs(), next_steps()
    check = _LineChecker()
    try:
        stream = _open_input(path)
    except OSError as exc:
        err.write(f"spasmfacts: cannot read {_one_line(path)}: {exc.strerror or exc}\n")
        return EXIT_USAGE
    progress = _Progress(stream, err) if path != "-" else None
    status = EXIT_OK
    try:
        for number, line in _lines(stream, check.limit + 2):
            if line is not None and not line.strip():
                continue
            text, error = check(number, line)
            out.write(text)
            if error is not None:
                status = EXIT_INVALID_LINES
                err.write(f"spasmfacts: line {number}: {_one_line(error)}\n")
            if progress is not None:
                progress.tick(number)
    except _ReadError as exc:  # a failure to write the output (a closed pipe included) is main()'s to report
        err.write(f"spasmfacts: cannot read {_one_line(path)}: {exc}\n")
        return EXIT_USAGE
    finally:
        if progress is not None:
            progress.done()
        if path != "-":
            stream.close()
    return status


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
        self._err.write(f"\rspasmfacts: {percent}% (line {number})")
        self._err.flush()
        self._shown = True

    def done(self) -> None:
        if self._shown:
            self._err.write("\r\033[K")
            self._err.flush()


def _export(args: argparse.Namespace, out: IO[str], err: IO[str]) -> int:
    from spasmfacts import interop  # noqa: PLC0415

    makers: dict[str, Callable[[], object]] = {
        "content": interop.content_document,
        "jsonld": interop.jsonld,
        "markdown": interop.markdown,
        "questionnaire": interop.fhir_questionnaire,
        "schema-content": lambda: interop.json_schema("content"),
        "schema-episode": lambda: interop.json_schema("episode"),
        "schema-assessment": lambda: interop.json_schema("assessment"),
    }
    document = makers[args.document]()
    text = document if isinstance(document, str) else json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    if args.output in (None, "-"):
        out.write(text)
        return EXIT_OK
    try:
        Path(args.output).write_text(text, encoding="utf-8")
    except OSError as exc:
        err.write(f"spasmfacts: cannot write {_one_line(args.output)}: {exc.strerror or exc}\n")
        return EXIT_USAGE
    return EXIT_OK


def _silence_stdout() -> None:
    # Python would report the failed write again when it flushes stdout at exit.
    try:
        descriptor = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):  # no stdout, or one without a descriptor: nothing to flush
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, descriptor)
    finally:
        os.close(devnull)


def _standard_streams() -> tuple[IO[str] | None, IO[str]]:
    # Either stream is None when the process started with it closed; with no stderr, messages go nowhere.
    out: IO[str] | None = getattr(sys, "stdout", None)
    err: IO[str] = getattr(sys, "stderr", None) or io.StringIO()
    for stream in (out, err):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            # UTF-8 whatever the locale; a lone surrogate from the input is written escaped, never raises.
            reconfigure(encoding="utf-8", errors="backslashreplace")
    return out, err


def _run(args: argparse.Namespace, out: IO[str] | None, err: IO[str]) -> int:
    if out is None:
        raise OSError(errno.EBADF, "standard output is closed")
    try:
        if args.command == "show":
            status = _show(args, out)
        elif args.command == "check":
            status = _check(args, out, err)
        else:
            status = _export(args, out, err)
    except ContentError as exc:
        err.write(f"spasmfacts: cannot load the content: {_one_line(exc)}\n")
        return EXIT_CONTENT
    out.flush()
    return status


def main(argv: list[str] | None = None) -> int:
    """Run the command line with ``argv`` (``sys.argv[1:]`` by default) and return the exit status."""
    out, err = _standard_streams()
    parser = _parser()
    try:
        try:
            args = parser.parse_args(argv)
        except SystemExit as exc:  # --help and --version
            return exc.code if isinstance(exc.code, int) else EXIT_OK
        return _run(args, out, err)
    except _UsageError as exc:
        (exc.parser or parser).print_usage(err)
        err.write(f"spasmfacts: error: {_one_line(exc)}\n")
        return EXIT_USAGE
    except BrokenPipeError:
        _silence_stdout()
        return EXIT_CLOSED_PIPE
    except OSError as exc:  # standard output cannot be written (a full disk, a closed descriptor)
        _silence_stdout()
        err.write(f"spasmfacts: cannot write the output: {exc.strerror or exc}\n")
        return EXIT_USAGE
    except KeyboardInterrupt:
        err.write("spasmfacts: interrupted\n")
        return 130
