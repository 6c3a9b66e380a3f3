"""Scans and differences: cumsum, cumprod, cumulative_sum, cumulative_prod,
nancumsum, nancumprod, diff, ediff1d, gradient, trapezoid, convolve,
correlate, interp.

``cumsum`` and ``cumprod`` are ``SCAN`` nodes (a running fold in NumPy's
order, so bit-exact) over the input cast to NumPy's accumulation dtype; the
element-wise work producing the input fuses into the scan's kernel. Their
NaN-ignoring versions replace NaNs in a fused ``select`` first. Held dtypes
(float16, complex) run NumPy's through ``library.call``. ``diff``,
``ediff1d``, ``gradient`` and ``trapezoid`` are NumPy's algorithms on lazy
slices, so they fuse (REINDEX + MAP, joined by region updates). ``correlate``
and ``convolve`` are a REINDEX of the zero-padded signal to a (output, kernel)
window domain, a MAP multiply and a REDUCE over the window. ``interp`` is a
library call too (a data-dependent search).
"""
from __future__ import annotations

import numpy as np
from numpy.lib.array_utils import normalize_axis_index, normalize_axis_tuple

from .. import dtypes, library
from ..array import ndarray, wrap
from ..graph import broadcast_to, cast, reindex, scan
from .creation import as_node, asarray, full, zeros
from .elementwise import UFUNCS, eager_result
from .joining import concatenate
from .manipulation import ravel, reshape
from .nanfunctions import replace_nan
from .reductions import _data, _eager, finish, sum as _sum

_NO_VALUE = object()
_sub, _add, _mul, _div = (UFUNCS[k] for k in ("subtract", "add", "multiply", "true_divide"))


def _scan(fn, ufunc: np.ufunc, combiner: str, a: object, axis: object, dtype: object,
          out: object) -> ndarray:
    x = asarray(a)
    if axis is None or x.ndim == 0:
        x, axis = ravel(x), 0 if axis is None else axis
    k = normalize_axis_index(axis, x.ndim)
    acc = dtypes.reduction_dtype(ufunc, x.dtype, None if dtype is None else np.dtype(dtype))
    node = as_node(x)
    if acc not in dtypes.KERNEL_DTYPES or x.dtype not in dtypes.KERNEL_DTYPES:
        result = library.call(fn.__name__, fn, x, axis=k, dtype=dtype)
    elif _eager(node):
        result = eager_result(fn(_data(node), axis=k, dtype=dtype))
    else:
        if acc.kind == "b":   # bool sums and products are logical or/and, as in NumPy
            combiner = {"add": "or", "mul": "and"}[combiner]
        result = wrap(scan(cast(node, acc), combiner, k))
    return finish(result, out, ufunc.__name__)


def cumsum(a: object, axis: object = None, dtype: object = None, out: object = None) -> ndarray:
    """``numpy.cumsum``: a native scan, additions in NumPy's order (bit-exact)."""
    return _scan(np.cumsum, np.add, "add", a, axis, dtype, out)


def cumprod(a: object, axis: object = None, dtype: object = None,
            out: object = None) -> ndarray:
    """``numpy.cumprod``: a native scan, products in NumPy's order (bit-exact)."""
    return _scan(np.cumprod, np.multiply, "mul", a, axis, dtype, out)


def _cumulative(fn, a: object, axis: object, dtype: object, out: object,
                include_initial: bool, initial: int) -> ndarray:
    x = asarray(a)
    if axis is None and x.ndim > 1:
        raise ValueError("For arrays which have more than one dimension ``axis`` argument is "
                         "required.")
    result = fn(x, axis, dtype)
    if include_initial:
        k = normalize_axis_index(0 if axis is None else axis, result.ndim)
        shape = result.shape[:k] + (1,) + result.shape[k + 1:]
        result = concatenate([full(shape, initial, result.dtype), result], axis=k)
    return finish(result, out, fn.__name__)


def cumulative_sum(x: object, /, *, axis: object = None, dtype: object = None,
                   out: object = None, include_initial: bool = False) -> ndarray:
    """``numpy.cumulative_sum`` (the array API's): ``cumsum``, ``axis`` required
    beyond 1-D, a leading 0 with ``include_initial``."""
    return _cumulative(cumsum, x, axis, dtype, out, include_initial, 0)


def cumulative_prod(x: object, /, *, axis: object = None, dtype: object = None,
                    out: object = None, include_initial: bool = False) -> ndarray:
    """``numpy.cumulative_prod`` (the array API's): ``cumprod``, ``axis``
    required beyond 1-D, a leading 1 with ``include_initial``."""
    return _cumulative(cumprod, x, axis, dtype, out, include_initial, 1)


def nancumsum(a: object, axis: object = None, dtype: object = None,
              out: object = None) -> ndarray:
    """``numpy.nancumsum``: ``cumsum`` with NaNs counted as zero."""
    return cumsum(replace_nan(a, 0)[0], axis, dtype, out)


def nancumprod(a: object, axis: object = None, dtype: object = None,
               out: object = None) -> ndarray:
    """``numpy.nancumprod``: ``cumprod`` with NaNs counted as one."""
    return cumprod(replace_nan(a, 1)[0], axis, dtype, out)


def _along(ndim: int, axis: int, index: object) -> tuple:
    key = [slice(None)] * ndim
    key[axis] = index
    return tuple(key)


def _edge(value: object, like: ndarray, axis: int) -> ndarray:
    """``diff``'s prepend/append: a scalar is broadcast to one slice along ``axis``."""
    x = asarray(value)
    if x.ndim:
        return x
    shape = list(like.shape)
    shape[axis] = 1
    return wrap(broadcast_to(x._node, tuple(shape)))


def diff(a: object, n: int = 1, axis: int = -1, prepend: object = _NO_VALUE,
         append: object = _NO_VALUE) -> ndarray:
    """``numpy.diff``: ``n`` rounds of ``a[1:] - a[:-1]`` along ``axis``
    (``!=`` for bool), on lazy slices, so it fuses with producer and consumer."""
    if n < 0:
        raise ValueError("order must be non-negative but got " + repr(n))
    x = asarray(a)
    if n == 0:
        return x
    if x.ndim == 0:
        raise ValueError("diff requires input that is at least one dimensional")
    axis = normalize_axis_index(axis, x.ndim)
    parts = ([_edge(prepend, x, axis)] if prepend is not _NO_VALUE else []) + [x] + \
        ([_edge(append, x, axis)] if append is not _NO_VALUE else [])
    if len(parts) > 1:
        x = concatenate(parts, axis)
    op = UFUNCS["not_equal"] if x.dtype == np.bool_ else _sub
    upper, lower = _along(x.ndim, axis, slice(1, None)), _along(x.ndim, axis, slice(None, -1))
    for done in range(n):
        if not x.size:   # nothing left to difference: NumPy on an empty placeholder
            return eager_result(np.diff(np.empty(x.shape, x.dtype), n - done, axis))
        x = op(x[upper], x[lower])
    return x


def _same_kind(value: object, dtype: np.dtype, name: str) -> ndarray | None:
    if value is None:
        return None
    x = ravel(asarray(value))
    if not np.can_cast(x.dtype, dtype, casting="same_kind"):
        raise TypeError(f"dtype of `{name}` must be compatible with input `ary` under the "
                        "`same_kind` rule.")
    return x.astype(dtype)


def ediff1d(ary: object, to_end: object = None, to_begin: object = None) -> ndarray:
    """``numpy.ediff1d``: differences of the flattened array, in its dtype."""
    x = ravel(asarray(ary))
    dtype = x.dtype
    begin, end = _same_kind(to_begin, dtype, "to_begin"), _same_kind(to_end, dtype, "to_end")
    d = _sub(x[1:], x[:-1])
    if begin is None and end is None:
        return d
    parts = [p for p in (begin, d.astype(dtype), end) if p is not None]
    return concatenate(parts)


def _spacings(varargs: tuple, f: ndarray, axes: tuple) -> list:
    """NumPy's ``gradient`` spacings: a scalar per axis, or the differences of
    that axis's coordinates (a scalar again when they are uniform)."""
    if not varargs:
        return [1.0] * len(axes)
    if len(varargs) == 1 and np.ndim(varargs[0]) == 0:
        return list(varargs) * len(axes)
    if len(varargs) != len(axes):
        raise TypeError("invalid number of arguments")
    dx = []
    for k, distances in zip(axes, varargs):
        if np.ndim(distances) == 0:
            dx.append(distances)
            continue
        d = np.asanyarray(distances.__array__() if isinstance(distances, ndarray) else distances)
        if d.ndim != 1:
            raise ValueError("distances must be either scalars or 1d")
        if len(d) != f.shape[k]:
            raise ValueError("when 1d, distances must match the length of the corresponding "
                             "dimension")
        if np.issubdtype(d.dtype, np.integer):
            d = d.astype(np.float64)
        step = np.diff(d)
        dx.append(step[0] if (step == step[0]).all() else step)
    return dx


def _stencil(f: ndarray, axis: int, coefficients: tuple, sl: tuple) -> ndarray:
    """``a*f[sl0] + b*f[sl1] + c*f[sl2]`` along ``axis``."""
    terms = [_mul(c, f[_along(f.ndim, axis, s)]) for c, s in zip(coefficients, sl)]
    return _add(_add(terms[0], terms[1]), terms[2])


def _column(values: np.ndarray, ndim: int, axis: int) -> ndarray:
    shape = [1] * ndim
    shape[axis] = -1
    return asarray(values.reshape(shape))


def _gradient_axis(f: ndarray, axis: int, dx: object, edge_order: int) -> ndarray:
    """NumPy's gradient along one axis (second-order interior, edges of ``edge_order``)."""
    nd = f.ndim
    uniform = np.ndim(dx) == 0
    if uniform:
        interior = _div(_sub(f[_along(nd, axis, slice(2, None))],
                             f[_along(nd, axis, slice(None, -2))]), 2. * dx)
    else:
        dx1, dx2 = dx[0:-1], dx[1:]
        coef = (-(dx2) / (dx1 * (dx1 + dx2)), (dx2 - dx1) / (dx1 * dx2),
                dx1 / (dx2 * (dx1 + dx2)))
        interior = _stencil(f, axis, tuple(_column(c, nd, axis) for c in coef),
                            (slice(None, -2), slice(1, -1), slice(2, None)))
    first, last = slice(0, 1), slice(-1, None)
    if edge_order == 1:
        head = _div(_sub(f[_along(nd, axis, slice(1, 2))], f[_along(nd, axis, first)]),
                    dx if uniform else dx[0])
        tail = _div(_sub(f[_along(nd, axis, last)], f[_along(nd, axis, slice(-2, -1))]),
                    dx if uniform else dx[-1])
    else:
        if uniform:
            a, b, c = -1.5 / dx, 2. / dx, -0.5 / dx
        else:
            dx1, dx2 = dx[0], dx[1]
            a = -(2. * dx1 + dx2) / (dx1 * (dx1 + dx2))
            b = (dx1 + dx2) / (dx1 * dx2)
            c = - dx1 / (dx2 * (dx1 + dx2))
        head = _stencil(f, axis, (a, b, c), (first, slice(1, 2), slice(2, 3)))
        if uniform:
            a, b, c = 0.5 / dx, -2. / dx, 1.5 / dx
        else:
            dx1, dx2 = dx[-2], dx[-1]
            a = (dx2) / (dx1 * (dx1 + dx2))
            b = - (dx2 + dx1) / (dx1 * dx2)
            c = (2. * dx2 + dx1) / (dx2 * (dx1 + dx2))
        tail = _stencil(f, axis, (a, b, c), (slice(-3, -2), slice(-2, -1), last))
    return concatenate([p.astype(f.dtype) for p in (head, interior, tail)], axis)


def gradient(f: object, *varargs: object, axis: object = None,
             edge_order: int = 1) -> ndarray | tuple[ndarray, ...]:
    """``numpy.gradient``: NumPy's finite differences on lazy slices (spacings,
    scalar or coordinate arrays, are evaluated: they fix the coefficients)."""
    x = asarray(f)
    axes = tuple(range(x.ndim)) if axis is None else normalize_axis_tuple(axis, x.ndim)
    dx = _spacings(varargs, x, axes)
    if edge_order > 2:
        raise ValueError("'edge_order' greater than 2 not supported")
    if x.dtype.kind != "f":
        x = x.astype(np.float64)
    out = []
    for k, step in zip(axes, dx):
        if x.shape[k] < edge_order + 1:
            raise ValueError("Shape of array too small to calculate a numerical gradient, "
                             "at least (edge_order + 1) elements are required.")
        out.append(_gradient_axis(x, k, step, edge_order))
    return out[0] if len(axes) == 1 else tuple(out)


def trapezoid(y: object, x: object = None, dx: float = 1.0, axis: int = -1) -> ndarray:
    """``numpy.trapezoid``: ``sum(d * (y[1:] + y[:-1]) / 2)`` along ``axis``."""
    y = asarray(y)
    axis = normalize_axis_index(axis, y.ndim)
    if x is None:
        d = dx
    else:
        x = asarray(x)
        d = diff(x, axis=axis if x.ndim != 1 else -1)
        if x.ndim == 1:
            d = reshape(d, tuple(d.shape[0] if k == axis else 1 for k in range(y.ndim)))
    upper, lower = _along(y.ndim, axis, slice(1, None)), _along(y.ndim, axis, slice(None, -1))
    return _sum(_div(_mul(d, _add(y[upper], y[lower])), 2.0), axis)


def _correlate(a: ndarray, v: ndarray, mode: str, start: int) -> ndarray:
    """Window ``k`` of the full correlation ``sum_j a[k + j - (m-1)] * v[j]``
    (zero outside ``a``) for ``k`` in ``start .. start + length - 1``."""
    n, m = a.shape[0], v.shape[0]
    length = {"full": n + m - 1, "same": max(n, m), "valid": max(n, m) - min(n, m) + 1}[mode]
    dtype = np.result_type(a.dtype, v.dtype)
    pad = zeros(m - 1, dtype)
    # computed first: the loop-partitioning pass miscompiles a window (two loop
    # variables in one index) over a pending region update (codegen bug)
    padded = concatenate([pad, a.astype(dtype), pad]).evaluate()
    window = wrap(reindex(padded._node, (length, m), (((0, 1), (1, 1)),), (start,)))
    return _sum(_mul(window, v.astype(dtype)), axis=1, dtype=dtype)


_MODES = {0: "valid", 1: "same", 2: "full"}


def _operands(a: object, v: object, mode: object) -> tuple[ndarray, ndarray, str]:
    a, v = asarray(a), asarray(v)
    a = reshape(a, (1,)) if a.ndim == 0 else a
    v = reshape(v, (1,)) if v.ndim == 0 else v
    mode = _MODES.get(mode, mode)
    if mode not in ("valid", "same", "full"):
        raise ValueError(f"mode must be one of 'valid', 'same', or 'full' (got {mode!r})")
    if a.ndim != 1 or v.ndim != 1:
        raise ValueError("object too deep for desired array")
    return a, v, mode


def correlate(a: object, v: object, mode: str = "valid") -> ndarray:
    """``numpy.correlate`` of real 1-D sequences (a fused window reduction;
    float sums are reassociated)."""
    a, v, mode = _operands(a, v, mode)
    n, m = a.shape[0], v.shape[0]
    if not n or not m:
        raise ValueError(f"{'a' if not n else 'v'} cannot be empty")
    s = min(n, m)
    start = {"full": 0, "valid": s - 1, "same": s // 2 if m > n else (s - 1) - s // 2}[mode]
    return _correlate(a, v, mode, start)


def convolve(a: object, v: object, mode: str = "full") -> ndarray:
    """``numpy.convolve`` of real 1-D sequences: the correlation of the longer
    with the reversed shorter one."""
    a, v, mode = _operands(a, v, mode)
    if v.shape[0] > a.shape[0]:
        a, v = v, a
    if not a.shape[0]:
        raise ValueError("a cannot be empty")
    if not v.shape[0]:
        raise ValueError("v cannot be empty")
    s = v.shape[0]
    return _correlate(a, v[::-1], mode, {"full": 0, "valid": s - 1, "same": (s - 1) - s // 2}[mode])


def interp(x: object, xp: object, fp: object, left: object = None, right: object = None,
           period: object = None) -> ndarray:
    """``numpy.interp`` (an opaque library call: a data-dependent search)."""
    return library.call("interp", np.interp, x, xp, fp, left=left, right=right, period=period)
