"""Opaque library calls: functions that run through NumPy by design.

Some operations are not loops that fuse: sorting, LAPACK, FFTs, bit
generators, and everything whose output shape depends on the data.
DESIGN.md allows them as *opaque library calls*.  ``call(fn, ...)`` is that
path: the lazy arrays among the arguments are evaluated together (their
pending work fused jointly), NumPy's function runs on the values, and its
array results come back as lazyarray arrays (tuples element-wise; NumPy
scalars as 0-d arrays).  This is the native implementation of those
functions, not the fallback: it does not warn, and is counted in
``stats()["library_calls"]`` per function.
"""
from __future__ import annotations

from typing import Any, Callable

import numpy as np

from .array import evaluate, handle, ndarray
from .graph import buffer_node
from .stats import library_counts

#: dtype kinds a lazyarray array can hold (computed in kernels or by NumPy).
_HELD_KINDS = frozenset("biufc")


def _arrays_in(value: Any, found: list) -> None:
    if isinstance(value, ndarray):
        found.append(value)
    elif isinstance(value, (list, tuple)):
        for item in value:
            _arrays_in(item, found)
    elif isinstance(value, dict):
        for item in value.values():
            _arrays_in(item, found)


def to_numpy(value: Any) -> Any:
    """Lazy arrays (also inside lists, tuples and dicts) as read-only NumPy arrays."""
    if isinstance(value, ndarray):
        return value.__array__()
    if isinstance(value, (list, tuple)):
        return type(value)(to_numpy(v) for v in value)
    if isinstance(value, dict):
        return {k: to_numpy(v) for k, v in value.items()}
    return value


def evaluate_inputs(args: tuple, kwargs: dict) -> None:
    """Evaluate every lazy array among the arguments in one fused evaluation."""
    found: list = []
    _arrays_in(args, found)
    _arrays_in(kwargs, found)
    if found:
        evaluate(*found)


def to_lazy(value: Any, inputs: tuple = ()) -> Any:
    """NumPy results as lazyarray arrays; a result that may alias one of the
    NumPy ``inputs`` is copied (lazyarray owns its buffers).  Other objects
    are returned as they are."""
    if isinstance(value, np.generic) and value.dtype.kind in _HELD_KINDS:
        value = np.asarray(value)
    if isinstance(value, np.ndarray) and value.dtype.kind in _HELD_KINDS:
        if value.base is not None and any(
                isinstance(a, np.ndarray) and np.may_share_memory(a, value) for a in inputs):
            value = value.copy()
        if not value.flags.c_contiguous:   # (ascontiguousarray would make 0-d arrays 1-d)
            value = value.copy(order="C")
        return handle(buffer_node(value))
    if isinstance(value, tuple) and hasattr(value, "_fields"):
        return type(value)(*(to_lazy(v, inputs) for v in value))
    if isinstance(value, tuple):
        return tuple(to_lazy(v, inputs) for v in value)
    if isinstance(value, list):
        return [to_lazy(v, inputs) for v in value]
    return value


def call(name: str, fn: Callable, *args: Any, **kwargs: Any) -> Any:
    """``fn(*args, **kwargs)`` on evaluated inputs, results as lazyarray arrays."""
    evaluate_inputs(args, kwargs)
    library_counts[name] += 1
    np_args = to_numpy(args)
    np_kwargs = to_numpy(kwargs)
    inputs = tuple(a for a in (*np_args, *np_kwargs.values()) if isinstance(a, np.ndarray))
    return to_lazy(fn(*np_args, **np_kwargs), inputs)
