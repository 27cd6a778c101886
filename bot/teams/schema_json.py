"""botbuilder's schema models to and from JSON, as msrest does it, for the common case fast.

msrest's `Model.serialize`/`deserialize` rebuild their type registry on every call and
check every value against every rule; for an activity that was cheap JSON to begin with
that was a third of a turn's time. This walks the same `_attribute_map`s and gives the same
result for plain JSON values (str, int, float, bool, None, dict, list), times and the
schema's models; anything else (bytes, an enum class, a value of an unexpected type) is
handed to msrest itself, for the whole activity, so every odd case keeps msrest's exact
behaviour, errors included. `tests/teams/test_schema_json.py` holds the two side by side.
"""

from __future__ import annotations

from datetime import datetime
from enum import Enum
from functools import cache
from typing import Any

from msrest.serialization import Deserializer, Model, Serializer

_PLAIN = (str, int, float, bool)
_PLAIN_KINDS = frozenset(kind.__name__ for kind in _PLAIN)


class _Unusual(Exception):
    """A value outside the fast path: msrest decides."""


def model_from_json(cls: type, data: Any) -> Any:
    """`cls.deserialize(data)`, faster for plain JSON."""
    try:
        return _load_model(cls, data, _registry(cls))
    except _Unusual:
        untyped: Any = cls  # msrest has no type hints
        return untyped.deserialize(data)


def model_to_json(model: Model) -> dict[str, Any]:
    """`model.serialize()`, faster for plain values."""
    try:
        return _dump_model(model)
    except _Unusual:
        return model.serialize()


# -- reading --------------------------------------------------------------------------------


@cache
def _registry(cls: Any) -> dict[str, type]:
    """The models msrest resolves type names against (the module's, as it does)."""
    return dict(cls._infer_class_models())


@cache
def _known_keys(cls: Any) -> frozenset[str]:
    return frozenset(d["key"] for d in cls._attribute_map.values() if d["key"] != "")


def _load_model(cls: Any, data: Any, registry: dict[str, type]) -> Any:
    if type(data) is not dict or getattr(cls, "_subtype_map", None) or cls._validation:
        raise _Unusual
    values: dict[str, Any] = {}
    for attr, described in cls._attribute_map.items():
        key = described["key"]
        if "." in key or key == "":
            raise _Unusual  # flattened keys and catch-alls: msrest's rules
        raw = data.get(key)
        values[attr] = None if raw is None else _load(raw, described["type"], registry)
    model = cls(**values)
    extra = data.keys() - _known_keys(cls)
    if extra:
        model.additional_properties = {key: data[key] for key in extra}
    return model


def _exactly(value: Any, kind: str) -> Any:
    """A str, bool, int or float of exactly the declared type, which msrest keeps as it is
    (it would convert any other)."""
    if type(value).__name__ != kind:
        raise _Unusual
    return value


def _load(raw: Any, kind: str, registry: dict[str, type]) -> Any:
    if kind in _PLAIN_KINDS:
        return _exactly(raw, kind)
    if kind == "object":
        return _copy_json(raw)
    if kind == "iso-8601":
        if type(raw) is not str:
            raise _Unusual
        return Deserializer.deserialize_iso(raw)
    if kind.startswith("[") and kind.endswith("]"):
        if type(raw) is not list:
            raise _Unusual
        inner = kind[1:-1]
        return [None if item is None else _load(item, inner, registry) for item in raw]
    if kind.startswith("{") and kind.endswith("}"):
        if type(raw) is not dict:
            raise _Unusual
        inner = kind[1:-1]
        return {k: None if v is None else _load(v, inner, registry) for k, v in raw.items()}
    model = registry.get(kind)
    if model is None or not issubclass(model, Model):
        raise _Unusual  # an enum or a type this path does not know
    return _load_model(model, raw, registry)


def _copy_json(value: Any) -> Any:
    """msrest's `deserialize_object` for JSON: a deep copy of dicts and lists."""
    kind = type(value)
    if value is None or kind in _PLAIN:
        return value
    if kind is dict:
        return {key: _copy_json(item) for key, item in value.items()}
    if kind is list:
        return [_copy_json(item) for item in value]
    raise _Unusual


# -- writing --------------------------------------------------------------------------------


def _dump_model(model: Model) -> dict[str, Any]:
    cls = type(model)
    if cls._validation:
        raise _Unusual  # read-only and constant attributes: msrest's rules
    out: dict[str, Any] = {}
    for attr, described in cls._attribute_map.items():
        key = described["key"]
        if "." in key or key == "":
            raise _Unusual  # flattened keys and catch-alls: msrest's rules
        value = getattr(model, attr)
        if value is not None:
            out[key] = _dump(value, described["type"])
    return out


def _dump(value: Any, kind: str) -> Any:
    if kind == "str" and isinstance(value, Enum):
        return value.value  # ActivityTypes.message is written "message"
    if kind in _PLAIN_KINDS:
        return _exactly(value, kind)
    if kind == "object":
        return _dump_object(value)
    if kind == "iso-8601":
        if type(value) is not datetime or value.tzinfo is None:
            raise _Unusual  # msrest warns of a time without a zone, or parses a string
        return Serializer.serialize_iso(value)
    if kind.startswith("[") and kind.endswith("]"):
        if type(value) is not list:
            raise _Unusual
        inner = kind[1:-1]
        return [None if item is None else _dump(item, inner) for item in value]
    if kind.startswith("{") and kind.endswith("}"):
        if type(value) is not dict:
            raise _Unusual
        inner = kind[1:-1]
        return {_key(k): None if v is None else _dump(v, inner) for k, v in value.items()}
    if isinstance(value, Model) and not isinstance(value, Enum):
        return _dump_model(value)
    raise _Unusual  # bytes, an enum type: msrest's rules


def _dump_object(value: Any) -> Any:
    """msrest's `serialize_object` for JSON values and models."""
    kind = type(value)
    if value is None or kind in _PLAIN:
        return value
    if kind is dict:
        return {_key(key): _dump_object(item) for key, item in value.items()}
    if kind is list:
        return [_dump_object(item) for item in value]
    if isinstance(value, Model):
        return _dump_model(value)
    raise _Unusual


def _key(key: Any) -> str:
    if type(key) is not str:
        raise _Unusual
    return key
