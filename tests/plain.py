"""The plain way to make a result line of ``check --input``: no signature, no texts of parts, no cache.

The batch's fast paths are pinned equal to this, byte for byte.
"""

from __future__ import annotations

import json

from spasmfacts import InvalidEpisodeError, assess, assessment_to_dict
from spasmfacts.batch import MAX_LINE_BYTES
from spasmfacts.boundary import MAX_JSON_BYTES, episode_from_json


def plain_line(number: int, line: bytes | str) -> str:
    """What the result line for ``line`` must be, made from ``episode_from_json``, ``assess`` and ``json.dumps``."""
    raw = line.encode("utf-8", "surrogatepass") if isinstance(line, str) else line
    try:
        if len(raw) > MAX_LINE_BYTES:
            raise InvalidEpisodeError((("$", f"the line is longer than {MAX_JSON_BYTES} bytes"),))  # noqa: TRY301
        result = assess(episode_from_json(line.rstrip(b"\r\n") if isinstance(line, bytes) else line.rstrip("\r\n")))
    except InvalidEpisodeError as exc:
        errors = [{"path": path, "message": message} for path, message in exc.errors]
        return json.dumps({"line": number, "errors": errors}) + "\n"
    return f'{{"line": {number}, "assessment": {json.dumps(assessment_to_dict(result), ensure_ascii=False)}}}\n'
