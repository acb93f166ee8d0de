"""The spasmfacts benchmark: every figure as a ratio against a baseline measured in the same run.

Run ``python benchmarks/run.py`` with the package installed in the active environment
(``--quick`` for a fast smoke run, ``--json FILE`` to save the results). Exit status 0 when
every figure meets its target, 1 otherwise. See ``benchmarks/README.md`` for what each figure
measures and how to read it.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import timeit
from dataclasses import asdict, dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

MIB = 1024 * 1024

# Every child runs in isolated mode (-I): neither the current directory nor PYTHONPATH can put a
# source tree ahead of the package installed in this environment, for the baseline and the candidate alike.
PYTHON = (sys.executable, "-I")

IMPORT_BASELINE = "import attrs"
IMPORT_CANDIDATE = "from spasmfacts import Episode, needs_medical_attention"
LOAD_BASELINE = "import cattrs"
LOAD_CANDIDATE = """\
import spasmfacts as s
s.overview(); s.metadata(); s.sources(); s.causes(); s.conditions(); s.symptoms()
s.treatments(); s.prevention_measures(); s.warning_signs(); s.next_steps()
"""
MEMORY_SCRIPT = """\
import tracemalloc
import attrs, cattrs, importlib_resources, spasmfacts as s
{preload}
tracemalloc.start()
s.overview(); s.metadata(); s.sources(); s.causes(); s.conditions(); s.symptoms()
s.treatments(); s.prevention_measures(); s.warning_signs(); s.next_steps()
print(tracemalloc.get_traced_memory()[1])
"""
BATCH_BASELINE = """\
import json, sys
write = sys.stdout.write
for line in sys.stdin:
    write(json.dumps(json.loads(line)) + "\\n")
"""
BATCH_CANDIDATE = ("-m", "spasmfacts", "check", "--input", "-")

PARSE_DOCUMENT = (
    '{"severity": "moderate", "duration": "PT4M", "body_areas": ["leg"], "accompanied_by": ["fever"], '
    '"disturbs_sleep": true}'
)
BATCH_DOCUMENTS = (
    PARSE_DOCUMENT,
    "{}",
    '{"severity": "mild", "duration": 60, "body_areas": ["leg"]}',
    '{"severity": "severe", "body_areas": ["chest"], "accompanied_by": ["chest_pain", "breathlessness"]}',
)
EPISODES: dict[str, dict[str, Any]] = {
    "nothing reported": {},
    "mild one-minute calf cramp": {"severity": "mild", "duration": timedelta(minutes=1), "body_areas": {"leg"}},
    "emergency with several findings": {
        "severity": "severe",
        "duration": timedelta(minutes=15),
        "body_areas": {"chest"},
        "accompanied_by": {"chest_pain", "breathlessness", "fever", "vomiting", "confusion"},
    },
}
TARGETS = {
    "import": 1.15,
    "load": 1.8,
    "rule": 15.0,
    "assess": 40.0,
    "parse": 10.0,
    "batch": 3.5,
    "memory": 2.0,
}
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
    target: float
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
        """PASS, MISS or ERROR."""
        if self.value is None:
            return "ERROR"
        return "PASS" if self.value <= self.target else "MISS"


class ChildError(Exception):
    """A child process failed or gave an unexpected answer."""


def _child_env() -> dict[str, str]:
    # The coverage .pth hook would otherwise start measuring a child when these are set.
    return {k: v for k, v in os.environ.items() if k not in {"COVERAGE_PROCESS_START", "COVERAGE_PROCESS_CONFIG"}}


def _run_child(
    args: Sequence[str], *, cwd: str, stdin: IO[bytes] | None = None, stdout: IO[bytes] | int = subprocess.DEVNULL
) -> float:
    """Run ``args`` to completion and return its CPU time (user + sys) in seconds."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run(  # noqa: PLW1510 (the status is checked below, with stderr in the message)
        args,
        stdin=stdin if stdin is not None else subprocess.DEVNULL,
        stdout=stdout,
        stderr=subprocess.PIPE,
        cwd=cwd,
        env=_child_env(),
    )
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        stderr = done.stderr.decode("utf-8", "backslashreplace").strip()
        msg = f"{' '.join(args)!r} exited with status {done.returncode}:\n{stderr}"
        raise ChildError(msg)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def _run_code(code: str, cwd: str) -> str:
    """Run ``code`` in a fresh interpreter and return its standard output."""
    done = subprocess.run(  # noqa: PLW1510 (the status is checked below, with stderr in the message)
        [*PYTHON, "-c", code], capture_output=True, text=True, cwd=cwd, env=_child_env()
    )
    if done.returncode != 0:
        msg = f"python -c {code!r} exited with status {done.returncode}:\n{done.stderr.strip()}"
        raise ChildError(msg)
    return done.stdout


def _interleaved(
    figure: Figure, run_baseline: Callable[[], float], run_candidate: Callable[[], float], pairs: int
) -> None:
    """Set ``figure`` from the medians of ``pairs`` interleaved runs (baseline, candidate, ...), after a warm-up."""
    run_baseline()
    run_candidate()
    baseline: list[float] = []
    candidate: list[float] = []
    for _ in range(pairs):
        baseline.append(run_baseline())
        candidate.append(run_candidate())
    figure.baseline, figure.candidate = statistics.median(baseline), statistics.median(candidate)
    figure.value = figure.candidate / figure.baseline
    figure.samples.update(baseline=baseline, candidate=candidate)
    ratios = sorted(c / b for b, c in zip(baseline, candidate, strict=True))
    if len(ratios) >= 4:
        low, _, high = statistics.quantiles(ratios, n=4)
        figure.details["pair ratios (noise)"] = (
            f"median {statistics.median(ratios):.2f}x, quartiles {low:.2f}-{high:.2f}x"
        )
    else:
        figure.details["pair ratios (noise)"] = ", ".join(f"{r:.2f}x" for r in ratios)


def _fresh_process(figure: Figure, baseline_code: str, candidate_code: str, settings: Settings, cwd: str) -> None:
    figure.details["pairs"] = settings.pairs
    _interleaved(
        figure,
        lambda: _run_child([*PYTHON, "-c", baseline_code], cwd=cwd),
        lambda: _run_child([*PYTHON, "-c", candidate_code], cwd=cwd),
        settings.pairs,
    )


def _seconds_per_call(timer: timeit.Timer, number: int) -> float:
    return timer.timeit(number) / number


def _per_call(
    stmt_globals: dict[str, Any], baseline_globals: dict[str, Any], settings: Settings
) -> tuple[float, float]:
    """Best per-call seconds of ``f(x)`` for the baseline and the candidate, their repeats interleaved."""
    baseline = timeit.Timer("f(x)", globals=baseline_globals)
    candidate = timeit.Timer("f(x)", globals=stmt_globals)
    baseline_number = max(1, baseline.autorange()[0] // settings.timer_fraction)
    candidate_number = max(1, candidate.autorange()[0] // settings.timer_fraction)
    repeat = settings.repeat
    baseline_best = candidate_best = float("inf")
    for _ in range(repeat):
        baseline_best = min(baseline_best, _seconds_per_call(baseline, baseline_number))
        candidate_best = min(candidate_best, _seconds_per_call(candidate, candidate_number))
    return baseline_best, candidate_best


def _noop(x: object) -> None:
    """The baseline of the per-call figures: a Python function with one argument that does nothing."""


def _per_episode(figure: Figure, function: Callable[[Any], object], settings: Settings) -> None:
    import spasmfacts  # noqa: PLC0415 (imported only once the benchmark runs, so --help works without it)

    worst: tuple[float, float, float] | None = None
    for label, fields in EPISODES.items():
        episode = spasmfacts.Episode(**fields)
        answer = function(episode)  # warms every cache the function keeps, as an app's repeated calls do
        baseline, candidate = _per_call({"f": function, "x": episode}, {"f": _noop, "x": episode}, settings)
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


def _parse(figure: Figure, settings: Settings, cwd: str) -> None:
    import spasmfacts  # noqa: PLC0415

    document = json.loads(PARSE_DOCUMENT)
    spasmfacts.episode_from_dict(document)
    baseline, candidate = _per_call(
        {"f": spasmfacts.episode_from_dict, "x": document}, {"f": json.loads, "x": PARSE_DOCUMENT}, settings
    )
    figure.baseline, figure.candidate = baseline, candidate
    figure.value = candidate / baseline
    figure.details["repeat"] = settings.repeat


def _import(figure: Figure, settings: Settings, cwd: str) -> None:
    _fresh_process(figure, IMPORT_BASELINE, IMPORT_CANDIDATE, settings, cwd)


def _load(figure: Figure, settings: Settings, cwd: str) -> None:
    _fresh_process(figure, LOAD_BASELINE, LOAD_CANDIDATE, settings, cwd)


def _check_batch_output(path: Path, lines: int) -> None:
    with path.open("rb") as output:
        count = 0
        for count, line in enumerate(output, start=1):
            if count <= len(BATCH_DOCUMENTS) and "assessment" not in json.loads(line):
                msg = f"spasmfacts check answered line {count} without an assessment: {line[:200]!r}"
                raise ChildError(msg)
    if count != lines:
        msg = f"spasmfacts check wrote {count} lines for {lines} input lines"
        raise ChildError(msg)


def _batch(figure: Figure, settings: Settings, cwd: str) -> None:
    source = Path(cwd, "episodes.jsonl")
    output = Path(cwd, "out.jsonl")
    with source.open("w", encoding="utf-8") as stream:
        stream.writelines(BATCH_DOCUMENTS[i % len(BATCH_DOCUMENTS)] + "\n" for i in range(settings.batch_lines))

    def run(args: Sequence[str], *, check: bool) -> float:
        with source.open("rb") as stdin, output.open("wb") as stdout:
            seconds = _run_child(args, cwd=cwd, stdin=stdin, stdout=stdout)
        if check:
            _check_batch_output(output, settings.batch_lines)
        return seconds

    figure.details.update(runs=settings.batch_runs, lines=settings.batch_lines)
    _interleaved(
        figure,
        lambda: run([*PYTHON, "-c", BATCH_BASELINE], check=False),
        lambda: run([*PYTHON, *BATCH_CANDIDATE], check=True),
        settings.batch_runs,
    )


def _memory(figure: Figure, settings: Settings, cwd: str) -> None:
    def peak(preload: str) -> int:
        return int(_run_code(MEMORY_SCRIPT.format(preload=preload), cwd).strip())

    peaks = [peak("") for _ in range(3)]
    figure.value = statistics.median(peaks) / MIB
    figure.samples["peak_bytes"] = [float(p) for p in peaks]
    # Not a figure: the same peak with the loader's modules imported before tracing starts, which
    # tells the cost of importing those modules apart from the cost of the content itself.
    figure.details["peak_bytes"] = int(statistics.median(peaks))
    figure.details["peak_bytes_with_loader_modules_preimported"] = peak("import spasmfacts.catalogs")


MEASURES = {
    "import": (_import, f"fresh `{IMPORT_CANDIDATE}` vs fresh `{IMPORT_BASELINE}` (CPU time)", "x"),
    "load": (_load, f"fresh import + load every collection vs fresh `{LOAD_BASELINE}` (CPU time)", "x"),
    "rule": (_rule, "needs_medical_attention(episode) per call vs a no-op function, worst episode", "x"),
    "assess": (_assess, "assess(episode) per call, content loaded, vs a no-op function, worst episode", "x"),
    "parse": (_parse, "episode_from_dict(doc) per call vs json.loads(text of doc)", "x"),
    "batch": (_batch, "`spasmfacts check --input -` vs a json.loads/json.dumps loop, per file (CPU time)", "x"),
    "memory": (_memory, "tracemalloc peak loading everything, after importing the package", "MiB"),
}


def _settings(args: argparse.Namespace) -> Settings:
    quick = Settings(pairs=5, repeat=3, batch_runs=1, batch_lines=20_000, timer_fraction=4)
    # 81 pairs: on a 2-core machine a fresh process's CPU time moves by a quarter from run to
    # run, and the median of 21 pairs wandered by +-0.1x between runs of identical code.
    full = Settings(pairs=81, repeat=7, batch_runs=3, batch_lines=100_000)
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


def _format_seconds(seconds: float | None) -> str:
    if seconds is None:
        return "-"
    if seconds >= 1e-3:
        return f"{seconds * 1e3:.1f} ms"
    return f"{seconds * 1e9:.0f} ns"


def _report(figures: list[Figure]) -> None:
    header = f"{'figure':<8} {'candidate':>11} {'baseline':>11} {'value':>10} {'target':>12}  status"
    print()
    print(header)
    print("-" * len(header))
    for figure in figures:
        target = f"<= {figure.target:g} MiB" if figure.unit == "MiB" else f"<= {figure.target:g}x"
        print(
            f"{figure.name:<8} {_format_seconds(figure.candidate):>11} {_format_seconds(figure.baseline):>11} "
            f"{_format_value(figure.value, figure.unit):>10} {target:>12}  {figure.status}"
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
    target = f"{figure.target:g} MiB" if figure.unit == "MiB" else f"{figure.target:g}x"
    print(f"  => {_format_value(figure.value, figure.unit)} (target at most {target}): {figure.status}")


def _where_installed(cwd: str) -> str:
    return _run_code("import spasmfacts; print(spasmfacts.__version__, spasmfacts.__file__)", cwd).strip()


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        msg = f"{text!r} is not a positive whole number"
        raise argparse.ArgumentTypeError(msg)
    return value


def main(argv: list[str] | None = None) -> int:
    """Measure the chosen figures, print them, and return 0 when every target is met."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true", help="fewer runs and a smaller batch: a smoke run")
    parser.add_argument("--json", metavar="FILE", help="also write the results as JSON to FILE")
    parser.add_argument("--only", action="append", choices=FIGURES, help="measure only this figure (repeatable)")
    parser.add_argument("--pairs", type=_positive, help="interleaved pairs for the fresh-process figures")
    parser.add_argument("--batch-lines", type=_positive, help="batch input lines (default 100000; 20000 with --quick)")
    args = parser.parse_args(argv)
    settings = _settings(args)
    chosen = args.only or list(FIGURES)
    started = time.perf_counter()
    figures: list[Figure] = []
    with tempfile.TemporaryDirectory(prefix="spasmfacts-bench-") as cwd:
        try:
            installed = _where_installed(cwd)
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
    _report(figures)
    elapsed = time.perf_counter() - started
    failed = [f.name for f in figures if f.status != "PASS"]
    print(f"\n{len(figures) - len(failed)} of {len(figures)} targets met in {elapsed:.0f} s", end="")
    print(f"; missed: {', '.join(failed)}" if failed else "")
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
