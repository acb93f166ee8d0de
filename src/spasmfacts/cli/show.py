"""``spasmfacts show TOPIC``: a part of the content, as text or JSON."""

from __future__ import annotations

import argparse
import json
from typing import IO, Any

__all__ = ["show"]

_CATALOG_OF = {
    "prevention": "prevention_measures",
    "warning-signs": "warning_signs",
    "next-steps": "next_steps",
}


def write_json(value: object, out: IO[str]) -> None:
    """``value`` as indented JSON and a newline."""
    json.dump(value, out, indent=2, ensure_ascii=False)
    out.write("\n")


def _metadata_text(value: Any, review_label: str) -> str:
    lines = [
        (
            f"Content version {value.content_version}, updated {value.updated.isoformat()}, "
            f"next review due {value.next_review.isoformat()}."
        ),
        f"{review_label} {value.review.status}.",
    ]
    if value.review.reviewer is not None:
        lines.append(
            f"Reviewed by {value.review.reviewer} ({value.review.role}) on {value.review.date.isoformat()}, "
            f"rules version {value.review.rules_version}."
        )
    lines += ["", "Intended use:"]
    lines += [f"- {statement}" for statement in value.intended_use]
    lines += ["", value.disclaimer, "", value.attribution, f"Licence: {value.license}."]
    return "\n".join(lines) + "\n"


def _items_text(name: str, value: Any) -> str:
    import attrs  # noqa: PLC0415

    lines = []
    for item in value:
        if name == "questions":
            lines.append(f"{item.id}: {item.text}")
            lines += [f"  - {option.label} ({option.value})" for option in item.options]
            continue
        if name == "sources":
            url = f" {item.url}" if item.url else ""
            lines.append(f"{item.id}: {item.title} ({item.publisher}){url} [checked {item.accessed.isoformat()}]")
            continue
        fields = attrs.asdict(item, recurse=False)
        label = item.id if "name" not in fields else f"{item.name} ({item.id})"
        tag = f" [{fields['urgency'].value}]" if "urgency" in fields else ""
        tag += f" [{fields['kind'].value}]" if "kind" in fields else ""
        lines += [f"{label}{tag}", f"  {item.summary}"]
        lines += [f"  {fields[key]}" for key in ("advice", "text") if key in fields]
    return "\n".join(lines) + "\n"


def show(args: argparse.Namespace, out: IO[str]) -> None:
    """Write the topic ``args.topic``; every collection it needs is loaded before the first byte."""
    from spasmfacts import catalogs  # noqa: PLC0415
    from spasmfacts.converter import make_converter  # noqa: PLC0415

    name = _CATALOG_OF.get(args.topic, args.topic)
    value: Any = getattr(catalogs, name)()
    metadata = catalogs.metadata()
    review_label = catalogs.phrases().lookup("review").text
    if args.json:
        write_json(make_converter().unstructure(value if name in ("overview", "metadata") else tuple(value)), out)
        return
    if name == "metadata":
        text = _metadata_text(value, review_label)
    elif name == "overview":
        text = f"{value.name}\n\n{value.summary}\n\n" + "".join(f"- {fact.text}\n" for fact in value.facts)
    else:
        text = _items_text(name, value)
    out.write(text)
    if name != "metadata":
        out.write(f"\n{metadata.disclaimer}\n{review_label} {metadata.review.status}.\n")
