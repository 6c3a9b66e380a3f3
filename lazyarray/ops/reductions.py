"""Reductions: sum, prod, max/amax, min/amin, mean.

Each is a ``REDUCE`` node over the normalized axes of its input cast to
NumPy's accumulation dtype (``ufunc.reduce``'s rule, e.g. int8 sums in
int64); ``keepdims`` re-inserts the reduced axes as a view.  Empty inputs and
small computed inputs run through NumPy at once, which also raises NumPy's
errors (a maximum of an empty array has no identity: ValueError).
"""
from __future__ import annotations

import math

import numpy as np
from numpy.lib.array_utils import normalize_axis_tuple

from .. import dtypes
from ..array import ndarray, wrap
from ..config import settings
from ..graph import BUFFER, cast, expand_dims, reduce

_F32, _F64 = np.dtype(np.float32), np.dtype(np.float64)
from .creation import as_node
from .elementwise import UFUNCS, eager_result


def _unsupported(name: str, **given: object) -> None:
    bad = [k for k, v in given.items() if v is not None]
    if bad:
        raise NotImplementedError(f"lazyarray.{name}: argument(s) {bad}")


def _reduction(name: str, ufunc: np.ufunc, combiner: str, a: object, axis: object,
               dtype: object, keepdims: bool) -> ndarray:
    node = as_node(a)
    axes = tuple(range(len(node.shape))) if axis is None else \
        normalize_axis_tuple(axis, len(node.shape))
    requested = None if dtype is None else np.dtype(dtype)
    size = math.prod(node.shape)
    if size == 0 or (node.op == BUFFER and size <= settings.eager_threshold):
        data = node.buffer if node.op == BUFFER else np.empty(node.shape, node.dtype)
        return eager_result(ufunc.reduce(data, axis=axes, dtype=requested, keepdims=keepdims))
    acc = dtypes.reduction_dtype(ufunc, node.dtype, requested)
    dtypes.check_kernel_dtype(acc, name)
    dtypes.check_kernel_dtype(node.dtype, name)
    if acc.kind == "b":   # bool sums and products are logical or/and, as in NumPy
        combiner = {"add": "or", "mul": "and"}.get(combiner, combiner)
    # float32 sums accumulate in float64: at least as accurate as NumPy's
    # pairwise float32 sum, at no cost to a memory-bound loop
    wide = combiner == "add" and acc == _F32 and bool(axes)
    result = cast(node, _F64 if wide else acc)
    if axes:
        result = reduce(result, combiner, axes)
    if wide:
        result = cast(result, acc)
    if keepdims:
        result = expand_dims(result, axes)
    return wrap(result)


def sum(a: object, axis: object = None, dtype: object = None, out: object = None,
        keepdims: bool = False, initial: object = None, where: object = None) -> ndarray:
    """``numpy.sum``."""
    _unsupported("sum", out=out, initial=initial, where=where)
    return _reduction("sum", np.add, "add", a, axis, dtype, keepdims)


def prod(a: object, axis: object = None, dtype: object = None, out: object = None,
         keepdims: bool = False, initial: object = None, where: object = None) -> ndarray:
    """``numpy.prod``."""
    _unsupported("prod", out=out, initial=initial, where=where)
    return _reduction("prod", np.multiply, "mul", a, axis, dtype, keepdims)


def max(a: object, axis: object = None, out: object = None, keepdims: bool = False,
        initial: object = None, where: object = None) -> ndarray:
    """``numpy.max`` (NaN propagates, as in NumPy)."""
    _unsupported("max", out=out, initial=initial, where=where)
    return _reduction("max", np.maximum, "max", a, axis, None, keepdims)


def min(a: object, axis: object = None, out: object = None, keepdims: bool = False,
        initial: object = None, where: object = None) -> ndarray:
    """``numpy.min`` (NaN propagates, as in NumPy)."""
    _unsupported("min", out=out, initial=initial, where=where)
    return _reduction("min", np.minimum, "min", a, axis, None, keepdims)


def mean(a: object, axis: object = None, dtype: object = None, out: object = None,
         keepdims: bool = False, *, where: object = None) -> ndarray:
    """``numpy.mean``: a sum in NumPy's accumulation dtype divided by the count."""
    _unsupported("mean", out=out, where=where)
    node = as_node(a)
    if math.prod(node.shape) == 0 or (node.op == BUFFER
                                      and math.prod(node.shape) <= settings.eager_threshold):
        data = node.buffer if node.op == BUFFER else np.empty(node.shape, node.dtype)
        return eager_result(np.mean(data, axis=axis, dtype=dtype, keepdims=keepdims))
    axes = tuple(range(len(node.shape))) if axis is None else \
        normalize_axis_tuple(axis, len(node.shape))
    if dtype is None:
        dtype = np.float64 if node.dtype.kind in "biu" else node.dtype
    total = _reduction("mean", np.add, "add", a, axes, dtype, keepdims)
    count = math.prod(node.shape[k] for k in axes)
    result = UFUNCS["true_divide"](total, count)
    if result.dtype != total.dtype:
        result = result.astype(total.dtype)
    return result


amax, amin = max, min
