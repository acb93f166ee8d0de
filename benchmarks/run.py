"""The spasmfacts benchmark: every figure as a ratio against a baseline measured in the same run.

Run ``python benchmarks/run.py`` with the package installed in the active environment
(``--quick`` for a fast smoke run, ``--json FILE`` to save the results). Exit status 0 when
every figure meets its target, 1 otherwise. See ``benchmarks/README.md`` for what each figure
measures and how to read it. The inputs are in ``inputs.py``, the timing in ``timing.py``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import inputs
from timing import PYTHON, ChildError, Pair, best_per_call, interleaved, run_child, run_code, timer

if TYPE_CHECKING:
    from collections.abc import Callable

MIB = 1024 * 1024

IMPORT_BASELINE = "import attrs"
IMPORT_CANDIDATE = "from spasmfacts import Episode, needs_medical_attention"
LOAD_BASELINE = "import cattrs"
LOAD_CANDIDATE = """\
import spasmfacts as s
s.overview(); s.metadata(); s.sources(); s.causes(); s.conditions(); s.symptoms(); s.treatments()
s.prevention_measures(); s.warning_signs(); s.next_steps(); s.cautions(); s.questions()
"""
MEMORY_SCRIPT = """\
import tracemalloc
import attrs, cattrs, importlib_resources, spasmfacts as s
{preload}
tracemalloc.start()
s.overview(); s.metadata(); s.sources(); s.causes(); s.conditions(); s.symptoms(); s.treatments()
s.prevention_measures(); s.warning_signs(); s.next_steps(); s.cautions(); s.questions()
print(tracemalloc.get_traced_memory()[1])
"""
BATCH_BASELINE = """\
import json, sys
write = sys.stdout.write
for line in sys.stdin:
    try:
        write(json.dumps(json.loads(line)) + "\\n")
    except ValueError:
        write('{"error": "not JSON"}\\n')
"""
BATCH_CANDIDATE = ("-m", "spasmfacts", "check", "--input", "-")
COPY_OUTPUT = "import shutil, sys; shutil.copyfileobj(sys.stdin.buffer, sys.stdout.buffer, 1 << 20)"
PARSE_DOCUMENT = inputs.REPEATED_DOCUMENTS[0]

TARGETS: dict[str, float | None] = {
    "import": 1.15,
    "load": 1.6,
    "rule": 10.0,
    "assess": 25.0,
    "assess-new": None,
    "parse": 4.0,
    "batch-mild": 2.5,
    "batch-harsh": 2.5,
    "batch-repeated": 2.5,
    "memory": 2.0,
}
AIMS = {"batch-mild": 1.5, "batch-harsh": 1.5}
FIGURES = tuple(TARGETS)


@dataclass
class Settings:
    """How much to measure: the defaults, or fewer runs with ``--quick``."""

    pairs: int
    repeat: int
    batch_runs: int
    batch_lines: int
    timer_fraction: int = 1
    """Each timeit run lasts about 0.2 s divided by this."""


@dataclass
class Figure:
    """One measured figure; ``value`` is the ratio (or MiB for ``memory``) compared with ``target``."""

    name: str
    measures: str
    target: float | None
    unit: str
    value: float | None = None
    candidate: float | None = None
    baseline: float | None = None
    details: dict[str, Any] = field(default_factory=dict)
    samples: dict[str, list[float]] = field(default_factory=dict)
    """Every measured run in seconds (bytes for ``memory``), written only to the JSON results."""
    error: str | None = None

    @property
    def status(self) -> str:
        """PASS, MISS, ERROR, or INFO for a figure reported without a target."""
        if self.value is None:
            return "ERROR"
        if self.target is None:
            return "INFO"
        return "PASS" if self.value <= self.target else "MISS"

    def take(self, pair: Pair) -> None:
        """Set the figure from interleaved runs."""
        self.baseline, self.candidate, self.value = pair.baseline, pair.candidate, pair.ratio
        self.samples.update(baseline=pair.baseline_samples, candidate=pair.candidate_samples)
        self.details["pair ratios (noise)"] = pair.noise


def _fresh_process(figure: Figure, baseline_code: str, candidate_code: str, settings: Settings, cwd: str) -> None:
    figure.details["pairs"] = settings.pairs
    figure.take(
        interleaved(
            lambda: run_child([*PYTHON, "-c", baseline_code], cwd=cwd),
            lambda: run_child([*PYTHON, "-c", candidate_code], cwd=cwd),
            settings.pairs,
        )
    )


def _noop(x: object) -> None:
    """The baseline of the per-call figures: a Python function with one argument that does nothing."""


def _per_episode(figure: Figure, function: Callable[[Any], object], settings: Settings) -> None:
    import spasmfacts  # noqa: PLC0415 (imported only once the benchmark runs, so --help works without it)

    worst: tuple[float, float, float] | None = None
    for label, fields in inputs.EPISODES.items():
        episode = spasmfacts.Episode(**fields)
        answer = function(episode)  # warms every cache the function keeps, as an app's repeated calls do
        candidate, baseline = best_per_call(
            timer("f(x)", {"f": function, "x": episode}),
            timer("f(x)", {"f": _noop, "x": episode}),
            repeat=settings.repeat,
            fraction=settings.timer_fraction,
        )
        shown = answer.urgency.value if isinstance(answer, spasmfacts.Assessment) else answer
        figure.details[label] = {
            "answer": shown,
            "candidate_ns": round(candidate * 1e9, 1),
            "baseline_ns": round(baseline * 1e9, 1),
            "ratio": round(candidate / baseline, 2),
        }
        if worst is None or candidate / baseline > worst[0]:
            worst = (candidate / baseline, baseline, candidate)
    assert worst is not None  # noqa: S101 (EPISODES is not empty)
    figure.value, figure.baseline, figure.candidate = worst
    figure.details["repeat"] = settings.repeat


def _rule(figure: Figure, settings: Settings, cwd: str) -> None:
    import spasmfacts  # noqa: PLC0415

    _per_episode(figure, spasmfacts.needs_medical_attention, settings)


def _assess(figure: Figure, settings: Settings, cwd: str) -> None:
    import spasmfacts  # noqa: PLC0415

    _per_episode(figure, spasmfacts.assess, settings)
    # Not a figure: the same answers in two Episode objects taken in turn, so that no call is the
    # repeat of the one before it (assess() then finds the result by its key, not by identity).
    fields = inputs.EPISODES["many rows fire"]
    pair = {"f": spasmfacts.assess, "a": spasmfacts.Episode(**fields), "b": spasmfacts.Episode(**fields)}
    candidate, baseline = best_per_call(
        timer("f(a); f(b)", pair),
        timer("f(a); f(b)", {**pair, "f": _noop}),
        repeat=settings.repeat,
        fraction=settings.timer_fraction,
        calls=2,
    )
    figure.details["many rows fire, from another equal Episode object"] = f"{candidate / baseline:.2f}x"


def _assess_new(figure: Figure, settings: Settings, cwd: str) -> None:
    """``assess()`` on episodes it has not seen: distinct answers from the harsh mix, more than its cache holds."""
    import spasmfacts  # noqa: PLC0415
    from spasmfacts.rules import signals  # noqa: PLC0415

    episodes: dict[object, object] = {}
    for line in inputs.batch_lines(30_000, "harsh", seed=inputs.SEED + 1):
        try:
            episode = spasmfacts.episode_from_json(line)
        except spasmfacts.InvalidEpisodeError:
            continue
        episodes.setdefault(signals(episode, spasmfacts.DEFAULT_POLICY), episode)
    chosen = list(episodes.values())[:20_000]
    spasmfacts.assess(spasmfacts.Episode())  # loads the content: that is the load figure, not this one
    statement = "for x in xs: f(x)"
    # One pass over 20,000 distinct episodes: each call misses (the cache holds 4,096 and is emptied when full).
    candidate, baseline = best_per_call(
        timer(statement, {"f": spasmfacts.assess, "xs": chosen}),
        timer(statement, {"f": _noop, "xs": chosen}),
        repeat=settings.repeat,
        fraction=1,
        calls=len(chosen),
    )
    figure.baseline, figure.candidate, figure.value = baseline, candidate, candidate / baseline
    figure.details.update(episodes=len(chosen), repeat=settings.repeat)


def _parse(figure: Figure, settings: Settings, cwd: str) -> None:
    import spasmfacts  # noqa: PLC0415

    document = json.loads(PARSE_DOCUMENT)
    spasmfacts.episode_from_dict(document)
    candidate, baseline = best_per_call(
        timer("f(x)", {"f": spasmfacts.episode_from_dict, "x": document}),
        timer("f(x)", {"f": json.loads, "x": PARSE_DOCUMENT}),
        repeat=settings.repeat,
        fraction=settings.timer_fraction,
    )
    figure.baseline, figure.candidate, figure.value = baseline, candidate, candidate / baseline
    figure.details["repeat"] = settings.repeat


def _import(figure: Figure, settings: Settings, cwd: str) -> None:
    _fresh_process(figure, IMPORT_BASELINE, IMPORT_CANDIDATE, settings, cwd)


def _load(figure: Figure, settings: Settings, cwd: str) -> None:
    _fresh_process(figure, LOAD_BASELINE, LOAD_CANDIDATE, settings, cwd)


def _check_batch_output(path: Path, expected: int) -> None:
    with path.open("rb") as output:
        count = 0
        for count, line in enumerate(output, start=1):
            result = json.loads(line) if count <= 100 else None
            if result is not None and "assessment" not in result and "errors" not in result:
                msg = f"spasmfacts check wrote line {count} without an assessment or errors: {line[:200]!r}"
                raise ChildError(msg)
    if count != expected:
        msg = f"spasmfacts check wrote {count} lines for {expected} non-blank input lines"
        raise ChildError(msg)


def _batch(figure: Figure, settings: Settings, cwd: str, lines: list[str]) -> None:
    source = Path(cwd, "episodes.jsonl")
    output = Path(cwd, "out.jsonl")
    source.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    expected = sum(1 for line in lines if line.strip())

    def run(args: list[str], *, stdin: Path = source, check: bool = False) -> float:
        with stdin.open("rb") as reader, output.open("wb") as writer:
            seconds = run_child(args, cwd=cwd, stdin=reader, stdout=writer, statuses=(0, 1) if check else (0,))
        if check:
            _check_batch_output(output, expected)
        return seconds

    figure.details.update(runs=settings.batch_runs, input_mib=round(source.stat().st_size / MIB, 1))
    figure.take(
        interleaved(
            lambda: run([*PYTHON, "-c", BATCH_BASELINE]),
            lambda: run([*PYTHON, *BATCH_CANDIDATE], check=True),
            settings.batch_runs,
        )
    )
    written = output.replace(Path(cwd, "written.jsonl"))
    figure.details["output_mib"] = round(written.stat().st_size / MIB, 1)
    # Not a figure: what copying the command's output alone costs, in the same units, which bounds
    # from below what any program writing these bytes pays.
    copies = [run([*PYTHON, "-c", COPY_OUTPUT], stdin=written) for _ in range(settings.batch_runs)]
    figure.details["copying the output alone"] = f"{statistics.median(copies) / (figure.baseline or 1):.2f}x"
    written.unlink()
    output.unlink()
    if figure.name in AIMS:
        figure.details["aim"] = f"{AIMS[figure.name]:g}x"


def _varied(mix: str) -> Callable[[Figure, Settings, str], None]:
    def measure(figure: Figure, settings: Settings, cwd: str) -> None:
        lines = inputs.batch_lines(settings.batch_lines, mix)
        figure.details.update(inputs.describe(lines))
        _batch(figure, settings, cwd, lines)

    return measure


def _repeated(figure: Figure, settings: Settings, cwd: str) -> None:
    documents = inputs.REPEATED_DOCUMENTS
    lines = [documents[i % len(documents)] for i in range(settings.batch_lines)]
    figure.details["lines"] = len(lines)
    figure.details["distinct lines"] = len(documents)
    _batch(figure, settings, cwd, lines)


def _memory(figure: Figure, settings: Settings, cwd: str) -> None:
    def peak(preload: str) -> int:
        return int(run_code(MEMORY_SCRIPT.format(preload=preload), cwd).strip())

    peaks = [peak("") for _ in range(3)]
    figure.value = statistics.median(peaks) / MIB
    figure.samples["peak_bytes"] = [float(p) for p in peaks]
    # Not a figure: the same peak with the loader's modules imported before tracing starts, which
    # tells the cost of importing those modules apart from the cost of the content itself.
    figure.details["peak_bytes"] = int(statistics.median(peaks))
    figure.details["peak_bytes_with_loader_modules_preimported"] = peak("import spasmfacts.catalogs")


_BATCH = "`spasmfacts check --input -` vs a json.loads/json.dumps loop, per file (CPU time)"
MEASURES: dict[str, tuple[Callable[[Figure, Settings, str], None], str, str]] = {
    "import": (_import, f"fresh `{IMPORT_CANDIDATE}` vs fresh `{IMPORT_BASELINE}` (CPU time)", "x"),
    "load": (_load, f"fresh import + load every collection vs fresh `{LOAD_BASELINE}` (CPU time)", "x"),
    "rule": (_rule, "needs_medical_attention(episode) per call vs a no-op function, worst episode", "x"),
    "assess": (_assess, "assess(episode) per call, content loaded, vs a no-op function, worst episode", "x"),
    "assess-new": (_assess_new, "assess(episode) per call on episodes it has not seen (cache misses) vs a no-op", "x"),
    "parse": (_parse, "episode_from_dict(doc) per call vs json.loads(text of doc)", "x"),
    "batch-mild": (_varied("mild"), f"{_BATCH}: varied input, the mild mix", "x"),
    "batch-harsh": (_varied("harsh"), f"{_BATCH}: varied input, most lines fire a different set of rows", "x"),
    "batch-repeated": (_repeated, f"{_BATCH}: four documents repeated", "x"),
    "memory": (_memory, "tracemalloc peak loading everything, after importing the package", "MiB"),
}


def _settings(args: argparse.Namespace) -> Settings:
    quick = Settings(pairs=5, repeat=3, batch_runs=1, batch_lines=20_000, timer_fraction=4)
    # 81 pairs: on a 2-core machine a fresh process's CPU time moves by a quarter from run to
    # run, and the median of 21 pairs wandered by +-0.1x between runs of identical code. 7 batch
    # pairs for the same reason: the baseline loop's time for the same input moved from 1.6 s to
    # 2.3 s within one run, and the median of 3 pairs from 2.1x to 2.5x between runs.
    full = Settings(pairs=81, repeat=7, batch_runs=7, batch_lines=100_000)
    chosen = quick if args.quick else full
    if args.pairs is not None:
        chosen.pairs = args.pairs
    if args.batch_lines is not None:
        chosen.batch_lines = args.batch_lines
    return chosen


def _format_value(value: float | None, unit: str) -> str:
    if value is None:
        return "-"
    return f"{value:.2f} MiB" if unit == "MiB" else f"{value:.2f}x"


def _format_target(figure: Figure) -> str:
    if figure.target is None:
        return "(reported)"
    return f"<= {figure.target:g} MiB" if figure.unit == "MiB" else f"<= {figure.target:g}x"


def _format_seconds(seconds: float | None) -> str:
    if seconds is None:
        return "-"
    if seconds >= 1e-3:
        return f"{seconds * 1e3:.1f} ms"
    return f"{seconds * 1e9:.0f} ns"


def _report(figures: list[Figure]) -> None:
    header = f"{'figure':<15} {'candidate':>11} {'baseline':>11} {'value':>10} {'target':>12}  status"
    print()
    print(header)
    print("-" * len(header))
    for figure in figures:
        print(
            f"{figure.name:<15} {_format_seconds(figure.candidate):>11} {_format_seconds(figure.baseline):>11} "
            f"{_format_value(figure.value, figure.unit):>10} {_format_target(figure):>12}  {figure.status}"
        )


def _print_figure(figure: Figure) -> None:
    print(f"\n[{figure.name}] {figure.measures}")
    if figure.error is not None:
        print(f"  ERROR: {figure.error}")
        return
    if figure.candidate is not None:
        print(f"  candidate {_format_seconds(figure.candidate)}, baseline {_format_seconds(figure.baseline)}")
    for key, value in figure.details.items():
        print(f"  {key}: {value}")
    print(f"  => {_format_value(figure.value, figure.unit)} (target {_format_target(figure)}): {figure.status}")


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        msg = f"{text!r} is not a positive whole number"
        raise argparse.ArgumentTypeError(msg)
    return value


def _measure(chosen: list[str], settings: Settings, cwd: str) -> list[Figure]:
    figures: list[Figure] = []
    for name in chosen:
        measure, measures, unit = MEASURES[name]
        figure = Figure(name=name, measures=measures, target=TARGETS[name], unit=unit)
        try:
            measure(figure, settings, cwd)
        except ChildError as exc:
            figure.value = None
            figure.error = str(exc)
        figures.append(figure)
        _print_figure(figure)
    return figures


def main(argv: list[str] | None = None) -> int:
    """Measure the chosen figures, print them, and return 0 when every target is met."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true", help="fewer runs and smaller batches: a smoke run")
    parser.add_argument("--json", metavar="FILE", help="also write the results as JSON to FILE")
    parser.add_argument("--only", action="append", choices=FIGURES, help="measure only this figure (repeatable)")
    parser.add_argument("--pairs", type=_positive, help="interleaved pairs for the fresh-process figures")
    parser.add_argument("--batch-lines", type=_positive, help="lines per batch input (default 100000; 20000 quick)")
    args = parser.parse_args(argv)
    settings = _settings(args)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="spasmfacts-bench-") as cwd:
        try:
            installed = run_code("import spasmfacts; print(spasmfacts.__version__, spasmfacts.__file__)", cwd).strip()
        except ChildError as exc:
            print(f"spasmfacts is not importable in a fresh {sys.executable}: install it first (pip install .)")
            print(exc)
            return 1
        print(f"spasmfacts {installed}")
        import spasmfacts  # noqa: PLC0415 (the per-call figures measure it in this process)

        if not installed.endswith(str(spasmfacts.__file__)):
            print(f"warning: this process imports spasmfacts from {spasmfacts.__file__}, the children from the above")
        print(f"Python {platform.python_version()} ({sys.executable}) on {platform.platform()}, {os.cpu_count()} CPUs")
        print(f"mode: {'quick' if args.quick else 'full'} {asdict(settings)}")
        figures = _measure(args.only or list(FIGURES), settings, cwd)
    _report(figures)
    failed = [f.name for f in figures if f.status not in {"PASS", "INFO"}]
    print(f"\n{len(figures) - len(failed)} of {len(figures)} figures met their targets in", end="")
    print(f" {time.perf_counter() - started:.0f} s" + (f"; missed: {', '.join(failed)}" if failed else ""))
    if args.json:
        document = {
            "python": platform.python_version(),
            "executable": sys.executable,
            "platform": platform.platform(),
            "cpus": os.cpu_count(),
            "spasmfacts": installed,
            "mode": "quick" if args.quick else "full",
            "settings": asdict(settings),
            "figures": [{**asdict(f), "status": f.status} for f in figures],
        }
        Path(args.json).write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
    return 1 if failed else 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BrokenPipeError:  # the report was piped into a reader that stopped early
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(1)
