"""Reductions: sum, prod, max/amax, min/amin, any, all, mean, ptp,
argmax/argmin, count_nonzero.

Each is a ``REDUCE`` node over the normalized axes of its input cast to
NumPy's accumulation dtype (``ufunc.reduce``'s rule, e.g. int8 sums in
int64).  ``where=`` masks the input with the combiner's identity (or with
``initial`` for max/min, which have none) before it is folded, ``initial``
is combined into the result, ``keepdims`` re-inserts the reduced axes as a
view and ``out=`` writes the result through ``ops.indexing.store`` (unsafe
casting, exact shape, as NumPy's reductions).  Empty inputs and small
computed inputs run through NumPy at once, which also raises NumPy's errors
(a maximum of an empty array has no identity: ValueError).

argmax/argmin are two fused reductions: the maximum (NaN-propagating), then
the smallest index where the input equals it (or is NaN): the first
occurrence, as NumPy.
"""
from __future__ import annotations

import builtins
import math
import warnings
import weakref

import numpy as np
from numpy.lib.array_utils import normalize_axis_index, normalize_axis_tuple

from .. import dtypes, library
from ..array import ndarray, wrap
from ..config import settings
from ..evaluation import evaluate_nodes
from ..graph import (BUFFER, CONST, MAP, Node, broadcast_to, buffer_node, cast, const_node,
                     expand_dims, new_node, reduce, reindex, reshape)
from .creation import as_node, asarray, astype
from .elementwise import UFUNCS, broadcast_shapes, eager_result
from .indexing import store

_F16, _F32, _F64 = np.dtype(np.float16), np.dtype(np.float32), np.dtype(np.float64)
#: (combiner, accumulation dtype) -> the dtype the kernel folds in: float32
#: sums in float64 (at least as accurate as NumPy's pairwise float32 sum, at no
#: cost to a memory-bound loop); float16 sums and products in float32, as
#: NumPy's float16 loops (rounded to float16 once, at the end).
_WORK = {("add", _F32): _F64, ("add", _F16): _F32, ("mul", _F16): _F32}
_BOOL, _INTP = np.dtype(bool), np.dtype(np.intp)


def reduction_axes(axis: object, ndim: int) -> tuple[int, ...]:
    """NumPy's ``axis`` (None, int, tuple, negative) as a sorted tuple of axes."""
    return tuple(range(ndim)) if axis is None else tuple(sorted(normalize_axis_tuple(axis, ndim)))


def numpy_value(node: Node) -> np.ndarray:
    """A node's value as a NumPy array (evaluating it if it is pending)."""
    if node.op == CONST:
        return np.asarray(node.arg, node.dtype)
    if node.op != BUFFER:
        evaluate_nodes([node])
    return node.buffer


def _eager(node: Node, *others: Node | None) -> bool:
    """Run through NumPy now: empty, or small and computed (with computed masks)."""
    size = math.prod(node.shape)
    if size == 0:
        return True
    return node.op == BUFFER and size <= settings.eager_threshold and \
        not builtins.any(o is not None and o.pending for o in others)


def _data(node: Node) -> np.ndarray:
    """The values NumPy runs on in the eager path (a placeholder when empty)."""
    return np.empty(node.shape, node.dtype) if not math.prod(node.shape) else numpy_value(node)


def mask_node(where: object, shape: tuple) -> Node | None:
    """``where=`` as a bool node of ``shape`` (None: no mask)."""
    if where is None or where is True:
        return None
    mask = as_node(where)
    if broadcast_shapes(mask.shape, shape) != shape:
        raise ValueError(f"operands could not be broadcast together with shapes "
                         f"{mask.shape} {shape}")
    return broadcast_to(cast(mask, _BOOL), shape)


def finish(result: ndarray, out: object, name: str) -> ndarray:
    """``result``, or written into ``out`` (NumPy's reduction rules: unsafe
    casting, the exact result shape) and ``out`` returned."""
    if out is None:
        return result
    target = out[0] if isinstance(out, tuple) and len(out) == 1 else out
    if isinstance(target, ndarray) and target.shape != result.shape:
        raise ValueError(f"output parameter for reduction operation {name} has the wrong "
                         f"shape: found {target.shape} but expected {result.shape}")
    return store(out, result, "unsafe", lambda: None)


def _kw(**given: object) -> dict:
    return {k: v for k, v in given.items() if v is not None}


def _reduce(name: str, ufunc: np.ufunc, combiner: str, a: object, axis: object = None,
            dtype: object = None, out: object = None, keepdims: bool = False,
            initial: object = None, where: object = None) -> ndarray:
    if type(a) is ndarray and out is None and initial is None and where is None:
        node = a._n
        if node is None:
            node = a._node
        if node.op is BUFFER and node.shape and 0 < node.buffer.size <= settings.eager_threshold:
            # small and computed, no out/initial/where: NumPy at once (the hot path)
            return eager_result(ufunc.reduce(node.buffer, axis=axis, dtype=dtype,
                                             keepdims=keepdims))
    node = as_node(a)
    axes = reduction_axes(axis, len(node.shape))
    requested = None if dtype is None else np.dtype(dtype)
    mask = mask_node(where, node.shape)
    if _eager(node, mask):
        value = ufunc.reduce(_data(node), axis=axes, dtype=requested, keepdims=keepdims,
                             **_kw(initial=initial,
                                   where=None if mask is None else numpy_value(mask)))
        return finish(eager_result(value), out, ufunc.__name__)
    if mask is not None and initial is None and ufunc.identity is None:
        raise ValueError(f"reduction operation '{ufunc.__name__}' does not have an identity, "
                         "so to use a where mask one has to specify 'initial'")
    acc = dtypes.reduction_dtype(ufunc, node.dtype, requested)
    dtypes.check_kernel_dtype(acc, name)
    dtypes.check_kernel_dtype(node.dtype, name)
    if acc.kind == "c" and combiner in ("max", "min"):   # lexicographic, first NaN wins
        value = library.call(name, ufunc.reduce, wrap(node), axis=axes, keepdims=keepdims,
                             **_kw(initial=initial, where=None if mask is None else wrap(mask)))
        return finish(value, out, ufunc.__name__)
    if acc.kind == "b":   # bool sums and products are logical or/and, as in NumPy
        combiner = {"add": "or", "mul": "and"}.get(combiner, combiner)
    work = _WORK.get((combiner, acc), acc) if axes else acc
    if mask is not None:
        # masked-out elements: the ufunc's identity (max and min have none:
        # NumPy requires ``initial`` then)
        fill = initial if ufunc.identity is None else ufunc.identity
        result = new_node(MAP, work, node.shape, (mask, cast(node, work), const_node(
            np.asarray(fill).astype(work).item(), work)), "select")
        if axes:
            result = reduce(result, combiner, axes)
    else:
        result = _fold(node, work, combiner, axes) if axes else cast(node, work)
    if initial is not None:
        start = const_node(np.asarray(initial).astype(work).item(), work)
        result = new_node(MAP, work, result.shape, (result, start), combiner)
    result = cast(result, acc)
    if keepdims:
        result = expand_dims(result, axes)
    return finish(wrap(result), out, ufunc.__name__)


#: recent folds by (source node id, dtype, combiner, axes): the same fold of
#: the same node is one node, so one pass (``x.mean(1)`` and ``x.var(1)``
#: share their sum).  Weak references: an entry keeps nothing alive.
_folds: dict[tuple, tuple[weakref.ref, weakref.ref]] = {}


def _fold(node: Node, work: np.dtype, combiner: str, axes: tuple) -> Node:
    key = (id(node), work, combiner, axes)
    hit = _folds.get(key)
    if hit is not None and hit[0]() is node:
        result = hit[1]()
        if result is not None:
            return result
    result = reduce(cast(node, work), combiner, axes)
    if len(_folds) > 1024:
        _folds.clear()
    _folds[key] = (weakref.ref(node), weakref.ref(result))
    return result


def sum(a: object, axis: object = None, dtype: object = None, out: object = None,
        keepdims: bool = False, initial: object = None, where: object = None) -> ndarray:
    """``numpy.sum``: float sums are blocked (as accurate as NumPy's pairwise
    sum) and float32 sums accumulate in float64; the order of additions
    differs from NumPy's, so float results may differ in the last bits."""
    return _reduce("sum", np.add, "add", a, axis, dtype, out, keepdims, initial, where)


def prod(a: object, axis: object = None, dtype: object = None, out: object = None,
         keepdims: bool = False, initial: object = None, where: object = None) -> ndarray:
    """``numpy.prod``."""
    return _reduce("prod", np.multiply, "mul", a, axis, dtype, out, keepdims, initial, where)


def max(a: object, axis: object = None, out: object = None, keepdims: bool = False,
        initial: object = None, where: object = None) -> ndarray:
    """``numpy.max`` (NaN propagates, as in NumPy)."""
    return _reduce("max", np.maximum, "max", a, axis, None, out, keepdims, initial, where)


def min(a: object, axis: object = None, out: object = None, keepdims: bool = False,
        initial: object = None, where: object = None) -> ndarray:
    """``numpy.min`` (NaN propagates, as in NumPy)."""
    return _reduce("min", np.minimum, "min", a, axis, None, out, keepdims, initial, where)


amax, amin = max, min


def any(a: object, axis: object = None, out: object = None, keepdims: bool = False, *,
        where: object = None) -> ndarray:
    """``numpy.any``: a logical-or reduction of the truth values."""
    return _reduce("any", np.logical_or, "or", _truth(a), axis, None, out, keepdims, None, where)


def all(a: object, axis: object = None, out: object = None, keepdims: bool = False, *,
        where: object = None) -> ndarray:
    """``numpy.all``: a logical-and reduction of the truth values."""
    return _reduce("all", np.logical_and, "and", _truth(a), axis, None, out, keepdims, None,
                   where)


def _truth(a: object) -> ndarray:
    x = asarray(a)
    return x if x.dtype == _BOOL else astype(x, _BOOL)


def count_nonzero(a: object, axis: object = None, *, keepdims: bool = False) -> ndarray:
    """``numpy.count_nonzero`` (a 0-d array where NumPy returns a scalar)."""
    return _reduce("count_nonzero", np.add, "add", _truth(a), axis, _INTP, None, keepdims)


def mean(a: object, axis: object = None, dtype: object = None, out: object = None,
         keepdims: bool = False, *, where: object = None) -> ndarray:
    """``numpy.mean``: a sum in NumPy's accumulation dtype divided by the count
    (with ``where=``, the count of selected elements; a slice with none
    warns "Mean of empty slice" as NumPy, which evaluates the mask)."""
    node = as_node(a)
    mask = mask_node(where, node.shape)
    if _eager(node, mask):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            value = np.mean(_data(node), axis=axis, dtype=dtype, keepdims=keepdims,
                            **_kw(where=None if mask is None else numpy_value(mask)))
        if not np.all(_count(node, mask, axis, keepdims, eager=True)):
            warnings.warn("Mean of empty slice.", RuntimeWarning, stacklevel=2)
        return finish(eager_result(value), out, "add")
    half = dtype is None and node.dtype == _F16     # NumPy: summed in float32
    if dtype is None:
        dtype = _F64 if node.dtype.kind in "biu" else _F32 if half else node.dtype
    total = _reduce("mean", np.add, "add", wrap(node), axis, dtype, None, keepdims, None, where)
    count = _count(node, mask, axis, keepdims)
    if mask is not None and not np.all(np.asarray(count)):
        warnings.warn("Mean of empty slice.", RuntimeWarning, stacklevel=2)
    result = divide_as(total, count)
    return finish(astype(result, _F16) if half and out is None else result, out, "add")


def _count(node: Node, mask: Node | None, axis: object, keepdims: bool,
           eager: bool = False) -> object:
    """How many elements each output of a reduction over ``axis`` folds: an
    int, or (with a mask) an intp array of the reduction's shape."""
    axes = reduction_axes(axis, len(node.shape))
    if mask is None:
        return math.prod(node.shape[k] for k in axes)
    if eager:
        return np.add.reduce(numpy_value(mask), axis=axes, dtype=_INTP, keepdims=keepdims)
    return _reduce("mean", np.add, "add", wrap(mask), axes, _INTP, None, keepdims)


def divide_as(total: ndarray, count: object) -> ndarray:
    """``total / count`` in ``total``'s dtype (NumPy's ``true_divide(ret,
    rcount, out=ret, casting='unsafe')``)."""
    result = UFUNCS["true_divide"](total, count)
    return result if result.dtype == total.dtype else result.astype(total.dtype)


def ptp(a: object, axis: object = None, out: object = None, keepdims: bool = False) -> ndarray:
    """``numpy.ptp``: maximum minus minimum (integers wrap, as in NumPy)."""
    result = UFUNCS["subtract"](max(a, axis, keepdims=keepdims), min(a, axis, keepdims=keepdims))
    return finish(result, out, "subtract")


def _arg(name: str, combiner: str, a: object, axis: object, out: object,
         keepdims: bool) -> ndarray:
    node = as_node(a)
    ndim = len(node.shape)
    if _eager(node):
        return finish(eager_result(getattr(np, name)(_data(node), axis=axis, keepdims=keepdims)),
                      out, name)
    dtypes.check_kernel_dtype(node.dtype, name)
    if node.dtype.kind == "c":   # lexicographic order, the first NaN: NumPy's
        return finish(library.call(name, getattr(np, name), wrap(node), axis=axis,
                                   keepdims=keepdims), out, name)
    if axis is None:
        src, k = reshape(node, (math.prod(node.shape),)), 0
    else:
        src, k = node, normalize_axis_index(axis, ndim)
    n = src.shape[k]
    best = broadcast_to(expand_dims(reduce(src, combiner, (k,)), (k,)), src.shape)
    hit = new_node(MAP, _BOOL, src.shape, (src, best), "eq")
    if src.dtype.kind == "f":   # the first NaN, as NumPy
        nan = new_node(MAP, _BOOL, src.shape, (src, src), "ne")
        hit = new_node(MAP, _BOOL, src.shape, (hit, nan), "or")
    index = reindex(buffer_node(np.arange(n, dtype=_INTP)), src.shape, (((k, 1),),))
    first = new_node(MAP, _INTP, src.shape, (hit, index, const_node(n, _INTP)), "select")
    result = reduce(first, "min", (k,))
    if keepdims:
        result = reshape(result, (1,) * ndim) if axis is None else expand_dims(result, (k,))
    return finish(wrap(result), out, name)


def argmax(a: object, axis: object = None, out: object = None, *,
           keepdims: bool = False) -> ndarray:
    """``numpy.argmax``: the first index of the maximum (of the first NaN)."""
    return _arg("argmax", "max", a, axis, out, keepdims)


def argmin(a: object, axis: object = None, out: object = None, *,
           keepdims: bool = False) -> ndarray:
    """``numpy.argmin``: the first index of the minimum (of the first NaN)."""
    return _arg("argmin", "min", a, axis, out, keepdims)
