"""Lines per second of the recipes in docs/distributed.md, against the single-process command, on one machine.

Run ``python benchmarks/distributed.py`` with the package and its ``[dask]`` and ``[spark]``
extras installed (Spark needs Java 17). It writes 1,000,000 lines of the benchmark's mild mix
(``--lines`` to change it), then times, end to end on the wall clock, ``spasmfacts check
--input``, the Dask bag recipe (the local process pool) and the PySpark recipe (``local[N]``),
each run checked to write exactly the command's output. Not a test: it prints figures.
"""

from __future__ import annotations

import argparse
import filecmp
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import inputs
from timing import ChildError

RECIPES = Path(__file__).resolve().parent.parent / "docs" / "recipes"


def _timed(args: list[str], env: dict[str, str], stdout: Path | None = None) -> float:
    """Run ``args`` to completion and return its wall-clock seconds; ``ChildError`` unless it exits 0 or 1."""
    started = time.perf_counter()
    with stdout.open("wb") if stdout is not None else open(os.devnull, "wb") as out:  # noqa: PTH123 (devnull)
        done = subprocess.run(  # noqa: PLW1510 (the status is checked below)
            args, stdout=out, stderr=subprocess.PIPE, env={**os.environ, **env}
        )
    elapsed = time.perf_counter() - started
    if done.returncode not in (0, 1):
        msg = f"{' '.join(args)!r} exited with status {done.returncode}:\n{done.stderr.decode()[-3000:]}"
        raise ChildError(msg)
    return elapsed


def _joined(directory: Path, pattern: str, target: Path) -> Path:
    with target.open("wb") as out:
        for part in sorted(directory.glob(pattern)):
            with part.open("rb") as data:
                shutil.copyfileobj(data, out, 1 << 20)
    return target


def main(argv: list[str] | None = None) -> int:
    """Time the command and both recipes; print lines per second; return 1 if an output differs."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--lines", type=int, default=1_000_000, help="input lines (default 1000000)")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2, help="Dask workers, Spark local[N]")
    parser.add_argument("--json", metavar="FILE", help="also write the figures as JSON to FILE")
    args = parser.parse_args(argv)
    python = sys.executable
    figures: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="spasmfacts-distributed-") as work:
        root = Path(work)
        source = root / "episodes.jsonl"
        lines = inputs.batch_lines(args.lines, "mild")
        source.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
        del lines
        print(
            f"{args.lines} lines ({source.stat().st_size / 2**20:.0f} MiB), {args.workers} workers, "
            f"Python {platform.python_version()}, {os.cpu_count()} CPUs"
        )
        runs = {
            "spasmfacts check --input (one process)": (
                [python, "-m", "spasmfacts", "check", "--input", str(source)],
                {},
                None,
            ),
            "Dask bag (local process pool)": (
                [python, str(RECIPES / "dask_bag.py"), str(source), str(root / "dask")],
                {"DASK_SCHEDULER": "processes", "DASK_NUM_WORKERS": str(args.workers)},
                ("dask", "*.jsonl"),
            ),
            f"PySpark (local[{args.workers}])": (
                [python, str(RECIPES / "pyspark_text.py"), str(source), str(root / "spark")],
                {
                    "PYSPARK_SUBMIT_ARGS": f"--master local[{args.workers}] --conf spark.ui.enabled=false "
                    "--driver-memory 4g pyspark-shell",
                    "SPARK_LOCAL_IP": "127.0.0.1",
                },
                ("spark", "part-*"),
            ),
        }
        expected = root / "expected.jsonl"
        failed = False
        for name, (command, env, output) in runs.items():
            seconds = _timed(command, env, stdout=expected if output is None else None)
            figures[name] = args.lines / seconds
            same = "-"
            if output is not None:
                joined = _joined(root / output[0], output[1], root / "joined.jsonl")
                same = "same output" if filecmp.cmp(joined, expected, shallow=False) else "OUTPUT DIFFERS"
                failed = failed or same != "same output"
                joined.unlink()
                shutil.rmtree(root / output[0])
            print(f"{name:42} {seconds:8.1f} s {figures[name]:10,.0f} lines/s  {same}")
    if args.json:
        Path(args.json).write_text(json.dumps({"lines": args.lines, "lines_per_second": figures}, indent=2) + "\n")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
