"""The Teams chart element Chart.VerticalBar as a JSON Schema, written from the properties
Microsoft documents for charts in Adaptive Cards ("Charts in Adaptive Cards", Teams
platform docs): the element's own fields, and each data point an x (text or number), a y
(number) and an optional colour. Anything else makes Teams drop the element."""

from __future__ import annotations

from typing import Any

_COMMON = {
    "id": {"type": "string"},
    "isVisible": {"type": "boolean"},
    "separator": {"type": "boolean"},
    "spacing": {"type": "string"},
    "height": {"enum": ["auto", "stretch"]},
    "horizontalAlignment": {"enum": ["Left", "Center", "Right"]},
    "targetWidth": {"type": "string"},
    "lang": {"type": "string"},
    "requires": {"type": "object"},
    "grid.area": {"type": "string"},
    "fallback": {"anyOf": [{"type": "string"}, {"type": "object", "required": ["type"]}]},
}

VERTICAL_BAR: dict[str, Any] = {
    "type": "object",
    "required": ["type", "data"],
    "additionalProperties": False,
    "properties": {
        **_COMMON,
        "type": {"const": "Chart.VerticalBar"},
        "title": {"type": "string"},
        "xAxisTitle": {"type": "string"},
        "yAxisTitle": {"type": "string"},
        "color": {"type": "string"},
        "colorSet": {"type": "string"},
        "showBarValues": {"type": "boolean"},
        "data": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "required": ["x", "y"],
                "additionalProperties": False,
                "properties": {
                    "x": {"type": ["string", "number"]},
                    "y": {"type": "number"},
                    "color": {"type": "string"},
                },
            },
        },
    },
}
