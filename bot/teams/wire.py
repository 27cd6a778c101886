"""Bot Framework models to JSON, fast.

msrest's `Model.serialize()` validates and transforms every attribute through several
layers and was the largest single cost of sending a reply; the schema's attribute maps
are plain enough to walk directly. Same JSON keys, `None` left out, datetimes as ISO 8601
in UTC with a "Z", and extra properties a model carries (Entity's "mentioned", …) kept.
"""

from __future__ import annotations

from datetime import UTC, datetime
from enum import Enum
from typing import Any

from msrest.serialization import Model


def to_wire(value: Any) -> Any:
    if isinstance(value, Model):
        out: dict[str, Any] = {}
        for attribute, spec in type(value)._attribute_map.items():
            item = getattr(value, attribute, None)
            if item is None or attribute == "additional_properties":
                continue
            out[spec["key"]] = to_wire(item)
        extra = getattr(value, "additional_properties", None)
        if isinstance(extra, dict):
            for key, item in extra.items():
                out.setdefault(key, to_wire(item))
        return out
    if isinstance(value, list | tuple):
        return [to_wire(item) for item in value]
    if isinstance(value, dict):
        return {key: to_wire(item) for key, item in value.items()}
    if isinstance(value, datetime):
        moment = value if value.tzinfo else value.replace(tzinfo=UTC)
        return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")
    if isinstance(value, Enum):
        return value.value
    return value
