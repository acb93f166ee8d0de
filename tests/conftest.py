"""Shared test set-up: the Hypothesis profiles.

``ci`` (Hypothesis' own, loaded when the ``CI`` environment variable is set) keeps CI
deterministic. ``fuzz`` runs a few thousand examples per boundary; ``.ci/run`` applies it
with ``--hypothesis-profile=fuzz`` to the tests marked ``fuzz``.
"""

from hypothesis import HealthCheck, settings

settings.register_profile(
    "fuzz",
    max_examples=3000,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
