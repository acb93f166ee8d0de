"""The built wheel and sdist: what they contain, and the wheel installed fresh and imported as a zip."""

from __future__ import annotations

import email.parser
import importlib.util
import os
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import importlib_resources
import pytest

import spasmfacts

pytestmark = pytest.mark.slow

PROJECT = Path(__file__).resolve().parent.parent
"""The project's source tree (a clone, or an unpacked sdist: both hold pyproject.toml and tests/)."""
DATA_FILES = sorted(entry.name for entry in (importlib_resources.files("spasmfacts") / "data").iterdir())
LOAD_ALL = (
    "import spasmfacts\n"
    "names = ['overview', 'metadata', 'sources', 'causes', 'conditions', 'symptoms', 'treatments',\n"
    "         'prevention_measures', 'warning_signs', 'next_steps', 'cautions', 'questions', 'phrases']\n"
    "sizes = [len(getattr(spasmfacts, n)()) for n in names[2:]]\n"
    "sizes.append(len(spasmfacts.scenarios()))\n"
    "spasmfacts.overview(); spasmfacts.metadata()\n"
    "print(spasmfacts.__file__)\n"
    "print(*sizes)\n"
)
"""A script that loads every collection and prints where spasmfacts came from and each catalog's size."""
SIZES = ["43", "9", "2", "5", "10", "6", "51", "4", "4", "20", "11", "129"]


def _run(*args: str | Path, env: dict[str, str] | None = None, cwd: Path | None = None) -> str:
    result = subprocess.run(
        [str(arg) for arg in args], capture_output=True, text=True, env=env, cwd=cwd, timeout=300, check=False
    )
    assert result.returncode == 0, f"{args}: exit {result.returncode}\n{result.stdout}\n{result.stderr}"
    return result.stdout


def _clean_env() -> dict[str, str]:
    """The environment without anything that would point Python at the source tree or another install."""
    return {key: value for key, value in os.environ.items() if not key.startswith(("PYTHON", "VIRTUAL_ENV"))}


@pytest.fixture(scope="session")
def dist(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The sdist and wheel, built once per session from the project's source tree."""
    out = tmp_path_factory.mktemp("dist")
    # Without isolation when the build backend is at hand (no download); otherwise build fetches it.
    isolation = ["--no-isolation"] if importlib.util.find_spec("hatchling") else []
    _run(sys.executable, "-m", "build", *isolation, "--outdir", out, PROJECT)
    (sdist,) = out.glob("spasmfacts-*.tar.gz")
    (wheel,) = out.glob("spasmfacts-*.whl")
    return sdist, wheel


@pytest.fixture(scope="session")
def wheel(dist: tuple[Path, Path]) -> Path:
    """The built wheel."""
    return dist[1]


def test_wheel_contains_data_and_py_typed_but_no_tests(wheel: Path) -> None:
    """The wheel holds every data file and py.typed, and no tests."""
    names = zipfile.ZipFile(wheel).namelist()
    assert [name for name in names if name.startswith("spasmfacts/data/")] == [
        f"spasmfacts/data/{filename}" for filename in DATA_FILES
    ]
    assert "spasmfacts/py.typed" in names
    assert "spasmfacts/__init__.py" in names
    assert not [name for name in names if name.startswith("tests/") or "/tests/" in name or "conftest" in name]
    assert not [name for name in names if name.rsplit("/", 1)[-1].startswith("test_")]


def test_wheel_carries_the_licences(wheel: Path) -> None:
    """The wheel's metadata directory carries the code licence, the content licence and the third-party notice."""
    names = {name.rsplit("/", 1)[-1] for name in zipfile.ZipFile(wheel).namelist() if ".dist-info/" in name}
    assert {"LICENSE", "LICENSE-CONTENT", "NOTICE"} <= names


def test_wheel_metadata_says_not_medical_advice(wheel: Path) -> None:
    """The package metadata's summary says it is information, not medical advice; the version matches."""
    with zipfile.ZipFile(wheel) as zipped:
        (name,) = [name for name in zipped.namelist() if name.endswith(".dist-info/METADATA")]
        metadata = email.parser.Parser().parsestr(zipped.read(name).decode("utf-8"))
    assert "not medical advice" in metadata["Summary"].lower()
    assert metadata["Name"] == "spasmfacts"
    assert metadata["Version"] == spasmfacts.__version__
    assert "Typing :: Typed" in metadata.get_all("Classifier", [])


def test_sdist_contains_data_tests_and_licences(dist: tuple[Path, Path]) -> None:
    """The sdist holds the data files, the tests, the licences and the notice."""
    sdist, _ = dist
    with tarfile.open(sdist) as archive:
        names = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
    assert {f"src/spasmfacts/data/{filename}" for filename in DATA_FILES} <= names
    assert {"LICENSE", "LICENSE-CONTENT", "NOTICE", "pyproject.toml", "README.md", "src/spasmfacts/py.typed"} <= names
    assert {"tests/conftest.py", "tests/test_packaging.py", "tests/test_content.py"} <= names


def test_wheel_in_a_fresh_virtual_environment(wheel: Path, tmp_path: Path) -> None:
    """The wheel installed in a fresh venv loads every collection, and its command line runs."""
    venv = tmp_path / "venv"
    _run(sys.executable, "-m", "venv", venv)
    bin_dir = venv / ("Scripts" if os.name == "nt" else "bin")
    python = bin_dir / "python"
    env = _clean_env()
    _run(python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", wheel, env=env, cwd=tmp_path)
    where, sizes = _run(python, "-c", LOAD_ALL, env=env, cwd=tmp_path).splitlines()
    assert Path(where).is_relative_to(venv)
    assert sizes.split() == SIZES
    shown = _run(bin_dir / "spasmfacts", "show", "causes", env=env, cwd=tmp_path)
    assert "Dehydration (dehydration)" in shown
    checked = _run(python, "-m", "spasmfacts", "check", "--severity", "severe", env=env, cwd=tmp_path)
    assert "not medical advice" in checked


def test_wheel_imported_as_a_zip(wheel: Path, tmp_path: Path) -> None:
    """The wheel file itself on sys.path imports spasmfacts from the zip and loads every collection."""
    env = {**_clean_env(), "PYTHONPATH": str(wheel)}
    where, sizes = _run(sys.executable, "-c", LOAD_ALL, env=env, cwd=tmp_path).splitlines()
    assert where.startswith(str(wheel) + os.sep)
    assert sizes.split() == SIZES
