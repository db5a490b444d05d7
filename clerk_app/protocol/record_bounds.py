"""The generic payload check (``safe_json``) proven from a parsed record instead of walking
every value of the JSON tree.

A pushed payload that parses into its typed record (``records.parse_payload``) holds, in its
typed fields, only strings, booleans, dates, enums and integers, in a structure whose depth
its models fix. What the generic check asks of it (``safe_json.check_tree``) then reduces to:

- strings and keys: their characters and lengths, proven once over the JSON text
  (``safe_json.text_looks_safe``);
- integers in range and lists not too long, for the typed fields that hold them;
- everything the models do not type (extra fields, ``dict[str, Any]`` content such as a
  note's ``detail``) walked as before, at the depth it sits in the payload.

:func:`record_looks_safe` answers True only when all of that holds; False means "look closely"
(the exact walk decides and names the place), never "unsafe". So a payload is refused or
accepted exactly as the walk would, in a fraction of its time: most of a case's 300-odd values
are typed strings that need no look at all.
"""

from __future__ import annotations

import enum
import types
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from clerk_app.protocol.safe_json import MAX_DEPTH, MAX_ITEMS, MAX_KEY, looks_safe

_INT_MIN, _INT_MAX = -(2**63), 2**63  # exclusive, as check_tree
_PLAIN = (str, bool, date, datetime)  # datetime is a date; both arrive as strings

# What a field holds, for the walk: nothing to look at (plain values, or an int or a list whose
# bounds its type declares, ``records.Int64`` / ``records.Items``), an int, a list of plain
# values, a model, a list of models, or anything else (walked as untyped JSON).
_NOTHING, _INT, _LIST, _MODEL, _MODELS, _ANY = range(6)


def _constraints(metadata: Iterable[Any]) -> Iterator[Any]:
    for m in metadata:
        if isinstance(m, FieldInfo):
            yield from m.metadata
        else:
            yield m


def _bounded_int(metadata: list[Any]) -> bool:
    """Whether the declared bounds (pydantic's ``gt``/``ge``/``lt``/``le`` metadata) keep an int
    within what ``check_tree`` allows."""
    def bound(name: str) -> int | None:
        values = [getattr(m, name) for m in metadata if type(getattr(m, name, None)) is int]
        return values[0] if values else None

    gt, ge, lt, le = bound("gt"), bound("ge"), bound("lt"), bound("le")
    low = (gt is not None and gt >= _INT_MIN) or (ge is not None and ge > _INT_MIN)
    high = (lt is not None and lt <= _INT_MAX) or (le is not None and le < _INT_MAX)
    return low and high


def _shape(annotation: Any, metadata: Iterable[Any] = ()) -> int:
    origin = get_origin(annotation)
    if origin is Annotated:
        base, *more = get_args(annotation)
        return _shape(base, [*metadata, *more])
    bounds = list(_constraints(metadata))
    if origin in (Union, types.UnionType):
        shapes = {_shape(a, bounds) for a in get_args(annotation) if a is not type(None)}
        return shapes.pop() if len(shapes) == 1 else _ANY
    if origin is list:
        (inner,) = get_args(annotation) or (Any,)
        inner_shape = _shape(inner)
        if inner_shape == _NOTHING:
            short = any(type(getattr(m, "max_length", None)) is int and m.max_length <= MAX_ITEMS for m in bounds)
            return _NOTHING if short else _LIST
        return _MODELS if inner_shape == _MODEL else _ANY
    if isinstance(annotation, type):
        if issubclass(annotation, BaseModel):
            return _MODEL
        if annotation is int:
            return _NOTHING if _bounded_int(bounds) else _INT
        if issubclass(annotation, _PLAIN) or (issubclass(annotation, enum.Enum)
                                             and issubclass(annotation, str | int)):
            return _NOTHING
    return _ANY  # Any, dict[...], and whatever a later model adds that this does not know


_Plan = tuple[tuple[tuple[str, str, str | None, int], ...], frozenset[str]]
_PLANS: dict[type[BaseModel], _Plan] = {}


def _plan(model: type[BaseModel]) -> _Plan:
    """The fields of ``model`` worth a look (name, the key it is read from, its other key if it
    has an alias, shape), and every key its fields are read from."""
    plan = _PLANS.get(model)
    if plan is None:
        fields = []
        keys: set[str] = set()
        for name, info in model.model_fields.items():
            key, other = (info.alias, name) if info.alias and info.alias != name else (name, None)
            keys.update((key, other) if other else (key,))
            shape = _shape(info.annotation, info.metadata)
            if shape != _NOTHING:
                fields.append((name, key, other, shape))
        plan = _PLANS[model] = (tuple(fields), frozenset(keys))
    return plan


def record_looks_safe(record: BaseModel, payload: Any) -> bool:
    """True if ``payload`` (whose JSON text passed ``text_looks_safe``, and which parsed into
    ``record`` as it is, not an upgraded copy) passes ``safe_json.check_tree``; False: look closely.

    What the record's models do not type is found without asking pydantic to collect it (which
    costs as much as the walk): a model's object in the payload holds exactly the fields the
    model was given (``model_fields_set``) unless it holds other keys too, and only then are
    those keys looked up and their values walked."""
    stack: list[tuple[BaseModel, Any, int]] = [(record, payload, 0)]
    pop, push = stack.pop, stack.append
    while stack:
        model, data, depth = pop()
        if type(data) is not dict or depth >= MAX_DEPTH or len(data) > MAX_ITEMS:
            return False
        fields, known = _plan(type(model))
        given = len(model.__pydantic_fields_set__)
        if len(data) != given:
            extra = data.keys() - known
            if len(data) - len(extra) != given:  # e.g. a field given under its name and its alias
                return False
            for key in extra:
                if len(key) > MAX_KEY or not looks_safe(data[key], MAX_DEPTH - depth - 1):
                    return False
        for name, key, other, shape in fields:
            raw = data.get(key)
            if raw is None:
                if other is None or (raw := data.get(other)) is None:
                    continue  # not in the payload (a default), or null
            if shape == _MODEL:
                push((getattr(model, name), raw, depth + 1))
            elif shape == _MODELS:
                value = getattr(model, name)
                if type(raw) is not list or len(raw) != len(value) or len(raw) > MAX_ITEMS or depth + 1 >= MAX_DEPTH:
                    return False
                for item in zip(value, raw, strict=True):
                    push((*item, depth + 2))
            elif shape == _ANY:
                if not looks_safe(raw, MAX_DEPTH - depth - 1):
                    return False
            elif shape == _INT:
                if not _INT_MIN < getattr(model, name) < _INT_MAX:
                    return False
            elif len(raw) > MAX_ITEMS or depth + 1 >= MAX_DEPTH:  # a list of plain values
                return False
    return True
