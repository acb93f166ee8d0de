"""How the benchmark times things: fresh child processes by their CPU time, calls in this process by ``timeit``.

Every ratio compares a candidate with a baseline measured in the same run, their runs
interleaved (baseline, candidate, baseline, ...) so that a slow spell of a shared machine hits
both. See ``benchmarks/README.md`` ("Method") for why each choice was made.
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import timeit
from collections.abc import Callable, Sequence
from typing import IO, Any, Final

__all__ = ["PYTHON", "ChildError", "Pair", "best_per_call", "interleaved", "run_child", "run_code"]

# Every child runs in isolated mode (-I): neither the current directory nor PYTHONPATH can put a source tree ahead of
# the package installed in this environment, for the baseline and the candidate alike.
PYTHON = (sys.executable, "-I")


class ChildError(Exception):
    """A child process failed or gave an unexpected answer."""


class Pair:
    """The medians of interleaved baseline and candidate runs, their ratio, every sample, and the spread of pairs."""

    def __init__(self, baseline: list[float], candidate: list[float]) -> None:
        self.baseline_samples, self.candidate_samples = baseline, candidate
        self.baseline, self.candidate = statistics.median(baseline), statistics.median(candidate)
        self.ratio = self.candidate / self.baseline
        ratios = sorted(c / b for b, c in zip(baseline, candidate, strict=True))
        if len(ratios) >= 4:
            low, _, high = statistics.quantiles(ratios, n=4)
            self.noise = f"median {statistics.median(ratios):.2f}x, quartiles {low:.2f}-{high:.2f}x"
        else:
            self.noise = ", ".join(f"{r:.2f}x" for r in ratios)


_DROPPED: Final = frozenset(
    {
        # The coverage .pth hook would otherwise start measuring a child when these are set.
        "COVERAGE_PROCESS_START",
        "COVERAGE_PROCESS_CONFIG",
        # Unbuffered output makes the baseline loop write each short line with a system call of
        # its own, so the baseline would cost more and every batch ratio would look better.
        "PYTHONUNBUFFERED",
    }
)


def _child_env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k not in _DROPPED}


def run_child(
    args: Sequence[str],
    *,
    cwd: str,
    stdin: IO[bytes] | None = None,
    stdout: IO[bytes] | int = subprocess.DEVNULL,
    statuses: tuple[int, ...] = (0,),
) -> float:
    """Run ``args`` to completion and return its CPU time (user + sys) in seconds.

    ``ChildError`` if it exits with a status not in ``statuses``.
    """
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
    if done.returncode not in statuses:
        stderr = done.stderr.decode("utf-8", "backslashreplace").strip()[-2000:]
        msg = f"{' '.join(args)!r} exited with status {done.returncode}:\n{stderr}"
        raise ChildError(msg)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def run_code(code: str, cwd: str) -> str:
    """Run ``code`` in a fresh interpreter and return its standard output."""
    done = subprocess.run(  # noqa: PLW1510 (the status is checked below, with stderr in the message)
        [*PYTHON, "-c", code], capture_output=True, text=True, cwd=cwd, env=_child_env()
    )
    if done.returncode != 0:
        msg = f"python -c {code!r} exited with status {done.returncode}:\n{done.stderr.strip()}"
        raise ChildError(msg)
    return done.stdout


def interleaved(run_baseline: Callable[[], float], run_candidate: Callable[[], float], pairs: int) -> Pair:
    """``pairs`` interleaved runs (baseline, candidate, ...) after a warm-up run of each."""
    run_baseline()
    run_candidate()
    baseline: list[float] = []
    candidate: list[float] = []
    for _ in range(pairs):
        baseline.append(run_baseline())
        candidate.append(run_candidate())
    return Pair(baseline, candidate)


def best_per_call(
    candidate: timeit.Timer, baseline: timeit.Timer, *, repeat: int, fraction: int, calls: int = 1
) -> tuple[float, float]:
    """Best seconds per call of each timer (each timed statement makes ``calls`` calls), their repeats interleaved."""
    baseline_number = max(1, baseline.autorange()[0] // fraction)
    candidate_number = max(1, candidate.autorange()[0] // fraction)
    baseline_best = candidate_best = float("inf")
    for _ in range(repeat):
        baseline_best = min(baseline_best, baseline.timeit(baseline_number) / baseline_number / calls)
        candidate_best = min(candidate_best, candidate.timeit(candidate_number) / candidate_number / calls)
    return candidate_best, baseline_best


def timer(statement: str, namespace: dict[str, Any]) -> timeit.Timer:
    """A ``timeit.Timer`` of ``statement`` over ``namespace``."""
    return timeit.Timer(statement, globals=namespace)
