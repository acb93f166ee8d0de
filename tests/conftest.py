"""Shared test set-up: the Hypothesis profiles, and a copy of the package data to break.

``ci`` (Hypothesis' own, loaded when the ``CI`` environment variable is set) keeps CI
deterministic. ``fuzz`` runs a few thousand examples per boundary; ``.ci/run`` applies it
with ``--hypothesis-profile=fuzz`` to the tests marked ``fuzz``.
"""

import shutil
from pathlib import Path

import importlib_resources
import pytest
from hypothesis import HealthCheck, settings

import spasmfacts.assessment as assessment_module
from spasmfacts import content
from spasmfacts.content import ContentLoader

settings.register_profile(
    "fuzz",
    max_examples=3000,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)


@pytest.fixture
def content_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the package data behind a fresh default loader, with no cached assessments."""
    copy = tmp_path / "data"
    with importlib_resources.as_file(importlib_resources.files("spasmfacts") / "data") as source:
        shutil.copytree(source, copy)
    monkeypatch.setattr(content, "_default", ContentLoader(copy))
    monkeypatch.setattr(assessment_module, "_cache", {})
    return copy
