"""The recipes of docs/distributed.md, run as a user runs them, write exactly what ``check --input`` writes.

Each recipe runs as a script on the local scheduler (Dask's process pool of 2 workers; Spark's
``local[2]``), on a file cut into many partitions, with lines of every kind. They need the
``[dask]`` and ``[spark]`` extras and Java 17, so the default test run deselects them (marker
``distributed``) and ``.ci/run`` runs them in a step of their own, after installing the extras.
"""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.distributed

RECIPES = Path(__file__).resolve().parent.parent / "docs" / "recipes"
LINES = (
    b'{"severity": "moderate", "duration": "PT12M", "body_areas": ["leg"]}',
    b'{"accompanied_by": ["fever", "chills"], "body_areas": ["neck"], "medicines": []}',
    b'{"severity": "severe", "age_group": "older_adult", "medicines": ["statin"], "accompanied_by": ["weakness"]}',
    b'{"in_heat": true, "not_better_after_cooling": true, "pregnant": false, "duration": 30}',
    b"{}",
    b'{"recurrent": true,\r"in_heat": null}',
    b'{"severity": "mild"}\r',
    b"",
    b"   ",
    b"{",
    b'{"body_areas": ["leg"], "itch": 1}',
    b'\xff\xfe{"severity": "mild"}',
    b'{"severity": "caf\xc3\xa9"}',
    b'{"recurrent": true, "recurrent": false}',
)
"""Valid lines of many kinds, and blank, broken, non-UTF-8 and CRLF ones."""
LONG_LINES = (b" " * 70_000, b'{"severity": "' + b"x" * 70_000 + b'"}')
"""A blank line and a document, each longer than a line may be (and longer than a partition)."""


@pytest.fixture(scope="module")
def episodes(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, bytes]:
    """A file of 2,000 lines drawn from LINES, with LONG_LINES among them, and the command's output for it."""
    rng = random.Random(15)  # noqa: S311 (test data)
    lines = [rng.choice(LINES) for _ in range(2000)]
    lines[700:700] = LONG_LINES
    path = tmp_path_factory.mktemp("distributed") / "episodes.jsonl"
    path.write_bytes(b"\n".join(lines) + b'\n{"severity": "severe"}')  # the last line without a newline
    done = subprocess.run(
        [sys.executable, "-m", "spasmfacts", "check", "--input", str(path)], capture_output=True, check=False
    )
    assert done.returncode == 1  # some lines are invalid
    return path, done.stdout


def _run(args: list[str], env: dict[str, str]) -> None:
    done = subprocess.run(args, capture_output=True, text=True, env={**os.environ, **env}, check=False, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]


def _joined(directory: Path, pattern: str) -> bytes:
    parts = sorted(directory.glob(pattern))
    assert len(parts) > 1  # the input was cut into partitions, so the numbering across them is tested
    return b"".join(part.read_bytes() for part in parts)


def test_dask_bag_recipe_writes_the_commands_output(episodes: tuple[Path, bytes], tmp_path: Path) -> None:
    """docs/recipes/dask_bag.py on the local process pool (2 workers, 16 KiB partitions) matches check --input."""
    source, expected = episodes
    target = tmp_path / "results"
    env = {"DASK_SCHEDULER": "processes", "DASK_NUM_WORKERS": "2"}
    _run([sys.executable, str(RECIPES / "dask_bag.py"), str(source), str(target), "16384"], env)
    assert _joined(target, "*.jsonl") == expected


def test_pyspark_recipe_writes_the_commands_output(episodes: tuple[Path, bytes], tmp_path: Path) -> None:
    """docs/recipes/pyspark_text.py on Spark's local[2] (16 KiB partitions) matches check --input."""
    assert shutil.which("java") is not None, "Spark needs Java 17 or later on PATH"
    source, expected = episodes
    target = tmp_path / "results"
    submit = "--master local[2] --conf spark.ui.enabled=false --conf spark.sql.files.maxPartitionBytes=16384"
    env = {"PYSPARK_SUBMIT_ARGS": f"{submit} pyspark-shell", "SPARK_LOCAL_IP": "127.0.0.1"}
    _run([sys.executable, str(RECIPES / "pyspark_text.py"), str(source), str(target)], env)
    assert (target / "_SUCCESS").exists()
    assert _joined(target, "part-*") == expected
