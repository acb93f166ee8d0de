"""The scenario pack as JSON Lines, for deployers to replay through their own integration."""

from __future__ import annotations

import json

from spasmfacts.rules import RULES_VERSION
from spasmfacts.scenario_pack import scenarios

__all__ = ["scenarios_jsonl"]


def scenarios_jsonl() -> str:
    """The scenario pack (:func:`spasmfacts.scenarios`) as JSON Lines: one scenario per line, in the pack's order.

    Each line holds ``id``, ``description``, ``episode`` (as
    :func:`~spasmfacts.episode_to_dict` writes it), the expected ``urgency``, the expected
    ``rows`` (in rule-table order) and the ``rules_version`` they were written for. Feed each
    line's ``episode`` to your integration and compare what comes back. Raises
    :class:`~spasmfacts.ContentError` when the pack cannot be loaded.

    >>> first = json.loads(scenarios_jsonl().splitlines()[0])
    >>> first["id"], first["urgency"], first["rows"], first["rules_version"]
    ('evidence-1', 'self_care', [], '2.0')
    """
    lines = [
        json.dumps(
            {
                "id": scenario.id,
                "description": scenario.description,
                "episode": scenario.episode,
                "urgency": scenario.urgency.value,
                "rows": list(scenario.rows),
                "rules_version": RULES_VERSION,
            }
        )
        for scenario in scenarios()
    ]
    return "\n".join(lines) + "\n"
