"""The command line's parser: commands, options, and the strict readers of option values.

Option values are read exactly as documented: ASCII digits and the documented letters only.
An option that takes one value may be given once; a second one is a usage error, never a
silent "last one wins".
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Callable, Sequence
from datetime import timedelta
from typing import Any, Final, NoReturn

from spasmfacts.errors import ContentError, shown_value

__all__ = ["EXPORTS", "FLAG_OPTIONS", "SHOW_TOPICS", "UsageError", "build_parser"]

SHOW_TOPICS: Final = (
    "overview",
    "causes",
    "conditions",
    "symptoms",
    "treatments",
    "prevention",
    "warning-signs",
    "cautions",
    "questions",
    "sources",
    "next-steps",
    "metadata",
)
EXPORTS: Final = (
    "content",
    "jsonld",
    "markdown",
    "questionnaire",
    "code-system",
    "concept-map",
    "schema-content",
    "schema-episode",
    "schema-assessment",
    "scenarios",
)
FLAG_OPTIONS: Final = {
    "pregnant": "pregnant",
    "interferes_with_daily_life": "interferes-with-daily-life",
    "disturbs_sleep": "disturbs-sleep",
    "recurrent": "recurrent",
    "improves_with_self_care": "self-care-helped",
    "started_after_new_medication": "new-medication",
    "after_wound": "after-wound",
    "after_toxin_exposure": "after-toxin",
    "in_heat": "in-heat",
    "not_better_after_cooling": "not-better-after-cooling",
    "after_injury": "after-injury",
    "fluid_restriction": "fluid-restriction",
    "heavy_drinking": "heavy-drinking",
    "comes_on_when_walking": "when-walking",
}
"""The option of each yes/no ``Episode`` field: ``--NAME`` answers yes, ``--no-NAME`` answers no."""

# Components of any length: parse_duration() caps the size, and says "too long" past it.
_SHORT_DURATION = re.compile(r"(?:([0-9]+)d)?(?:([0-9]+)h)?(?:([0-9]+)m)?(?:([0-9]+)(?:\.([0-9]{1,6}))?s)?")
_SECONDS = re.compile(r"([0-9]+)(?:\.([0-9]{1,6}))?")
_PAIN_SCORE = re.compile(r"[0-9]{1,2}")
_SINGLE_VALUED = "given more than once"


class UsageError(Exception):
    """A usage error; ``parser`` is the (sub)command whose usage line to print."""

    def __init__(self, message: str, parser: argparse.ArgumentParser | None = None) -> None:
        super().__init__(message)
        self.parser = parser


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(message, self)


class _Once(argparse.Action):
    """Store the value of an option that may be given once; a second time is a usage error."""

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: str | Sequence[Any] | None,
        option_string: str | None = None,
    ) -> None:
        seen: set[str] = namespace.__dict__.setdefault("_given", set())
        if self.dest in seen:
            msg = f"{option_string or self.dest} {_SINGLE_VALUED} (or together with its opposite); give it once"
            raise UsageError(msg, parser)
        seen.add(self.dest)
        setattr(namespace, self.dest, self.const if self.nargs == 0 else values)


def _store_once(value: object) -> Callable[..., _Once]:
    """An action class for a flag that stores ``value``, once."""

    def make(**kwargs: Any) -> _Once:
        return _Once(nargs=0, const=value, **kwargs)

    return make


def parse_duration_option(text: str) -> timedelta:
    """Read ``--duration``: seconds (``90``), the short form (``1h30m``, ``90s``) or ISO 8601 (``PT12M``)."""
    from spasmfacts.boundary import parse_duration  # noqa: PLC0415 (keeps `--help` fast)

    candidate = text.strip() if text.isascii() else ""
    seconds = _SECONDS.fullmatch(candidate)
    short = _SHORT_DURATION.fullmatch(candidate.lower())
    iso = candidate.upper()
    if seconds is not None:
        whole, fraction = seconds.groups()
        iso = f"PT{whole}{f'.{fraction}' if fraction else ''}S"
    elif candidate and short is not None:
        # The short form is the ISO form spelt loosely; one parser checks both and caps the size.
        days, hours, minutes, whole, fraction = short.groups()
        clock = f"{hours}H" if hours else ""
        clock += f"{minutes}M" if minutes else ""
        clock += f"{whole}{f'.{fraction}' if fraction else ''}S" if whole else ""
        iso = f"P{f'{days}D' if days else ''}{f'T{clock}' if clock else ''}"
    try:
        return parse_duration(iso)
    except ValueError as exc:
        too_long = "too long" in str(exc)
        msg = (
            f"{shown_value(text)} is too long: a duration can be at most 100000000 seconds"
            if too_long
            else f"{shown_value(text)} is not a duration such as 90 (seconds), 12m, 90s, 1h30m or PT12M"
        )
        raise argparse.ArgumentTypeError(msg) from None


def _pain_score(text: str) -> int:
    score = int(text) if text.isascii() and _PAIN_SCORE.fullmatch(text) else -1
    if not 0 <= score <= 10:  # noqa: PLR2004 (the scale's ends)
        msg = f"{shown_value(text)} is not a pain score from 0 to 10"
        raise argparse.ArgumentTypeError(msg)
    return score


def _choice(values: Sequence[str], noun: str) -> Callable[[str], str]:
    def parse(text: str) -> str:
        value = text.strip().lower().replace("-", "_") if text.isascii() else ""
        if value not in values:
            shown = ", ".join(v.replace("_", "-") for v in values)
            msg = f"{shown_value(text)} is not a known {noun} (choose from {shown})"
            raise argparse.ArgumentTypeError(msg)
        return value

    parse.__name__ = noun
    return parse


def _questions() -> dict[str, str]:
    """Each Episode field's question, for the help; empty if the content cannot be read (the command says so)."""
    from spasmfacts.catalogs import questions  # noqa: PLC0415

    try:
        return {question.id: question.text for question in questions()}
    except ContentError:
        return {}


def _add_check_options(check: argparse.ArgumentParser) -> None:
    from spasmfacts.vocabulary import AgeGroup, BodyArea, Finding, Medicine, Severity  # noqa: PLC0415

    asked = _questions()

    def ask(field: str, extra: str) -> str:
        return f"{asked[field]} {extra}" if field in asked else extra

    def names(enum: Any) -> str:
        return ", ".join(member.value.replace("_", "-") for member in enum)

    check.add_argument("--input", metavar="FILE", action=_Once, help="JSON Lines of episodes ('-' for standard input)")
    severity = check.add_mutually_exclusive_group()
    severity.add_argument(
        "--severity",
        action=_Once,
        type=_choice([s.value for s in Severity], "severity"),
        help=ask("severity", "mild, moderate or severe"),
    )
    severity.add_argument(
        "--pain-score", action=_Once, type=_pain_score, metavar="0-10", help="pain from 0 to 10 instead of --severity"
    )
    check.add_argument(
        "--duration",
        action=_Once,
        type=parse_duration_option,
        help=ask("duration", "Seconds (90), 12m, 90s, 1h30m or ISO 8601 (PT12M)."),
    )
    check.add_argument(
        "--area",
        action="append",
        type=_choice([a.value for a in BodyArea], "body area"),
        help=ask("body_areas", f"Repeatable: {names(BodyArea)}."),
    )
    findings = check.add_mutually_exclusive_group()
    findings.add_argument(
        "--with",
        dest="findings",
        action="append",
        type=_choice([f.value for f in Finding], "finding"),
        metavar="FINDING",
        help=ask("accompanied_by", f"Repeatable: {names(Finding)}."),
    )
    findings.add_argument(
        "--with-none",
        dest="findings",
        action=_store_once([]),  # type: ignore[arg-type]
        help="none of the findings listed for --with",
    )
    medicines = check.add_mutually_exclusive_group()
    medicines.add_argument(
        "--medicine",
        dest="medicines",
        action="append",
        type=_choice([m.value for m in Medicine], "medicine"),
        help=ask("medicines", f"Repeatable: {names(Medicine)}."),
    )
    medicines.add_argument(
        "--no-medicines",
        dest="medicines",
        action=_store_once([]),  # type: ignore[arg-type]
        help="none of the medicines listed for --medicine",
    )
    check.add_argument(
        "--age-group",
        action=_Once,
        type=_choice([a.value for a in AgeGroup], "age group"),
        help=ask("age_group", names(AgeGroup) + "."),
    )
    for field, option in FLAG_OPTIONS.items():
        check.add_argument(f"--{option}", dest=field, action=_store_once(True), help=ask(field, "Yes."))  # type: ignore[arg-type]
        check.add_argument(f"--no-{option}", dest=field, action=_store_once(False), help="No.")  # type: ignore[arg-type]
    check.add_argument("--json", action="store_true", help="print the assessment as JSON")
    check.set_defaults(check_parser=check)


def build_parser() -> argparse.ArgumentParser:
    """The parser of ``spasmfacts`` and its commands ``show``, ``check`` and ``export``."""
    from spasmfacts import __version__  # noqa: PLC0415

    parser = _Parser(
        prog="spasmfacts",
        description="Sourced facts about muscle spasms, and whether a spasm episode needs a doctor. "
        "For adults (16 and over). Information, not medical advice.",
    )
    parser.add_argument("--version", action="version", version=f"spasmfacts {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND", parser_class=_Parser)

    show = commands.add_parser("show", help="print a part of the content")
    show.add_argument("topic", choices=SHOW_TOPICS, help="which part")
    show.add_argument("--json", action="store_true", help="print JSON instead of text")

    check = commands.add_parser(
        "check",
        help="assess a spasm episode (from options) or a JSON Lines file of episodes (--input)",
        description="Assess a spasm episode described by the options, or every episode of a JSON Lines "
        "file with --input. Leave out what was not asked: unanswered questions are listed, never read "
        "as no. For adults (16 and over). Information, not medical advice.",
    )
    _add_check_options(check)

    export = commands.add_parser(
        "export", help="write a document for other apps (JSON, JSON-LD, Markdown, FHIR, JSON Schema, scenarios)"
    )
    export.add_argument("document", choices=EXPORTS, help="which document")
    export.add_argument(
        "-o", "--output", metavar="FILE", action=_Once, help="write to FILE ('-' or none: standard output)"
    )
    return parser
