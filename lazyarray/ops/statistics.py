"""Statistics: var, std, average, median, quantile, percentile.

Built from the fused reductions as NumPy's own Python code builds them, so
dtypes, warnings and errors follow NumPy: ``var`` is two fused passes (the
mean, then the sum of squared deviations from it), ``std`` its square root.
Order statistics partition through an opaque ``library.call`` of ``numpy.partition``
(the reduced axes moved last and merged); everything after the sort is
native: the order statistics are views of the sorted array at indices known
from ``q`` alone (NumPy's quantile method table gives them and the
interpolation weights), and NumPy's interpolation formula (``_lerp``) is
element-wise arithmetic.  A slice holding a NaN gives NaN, as in NumPy.
Weighted quantiles (``weights=``, NumPy's ``inverted_cdf``: a sort, a running
sum of the sorted weights and a search in it) and the deprecated
``interpolation=`` run NumPy's whole function as one ``library.call``.
"""
from __future__ import annotations

import math
import warnings

import numpy as np
from numpy.lib import _function_base_impl as _npfb

from .. import library
from ..array import ndarray
from ..graph import BUFFER
from .creation import asarray
from .elementwise import UFUNCS, where as _where
from .joining import stack
from .manipulation import expand_dims, moveaxis, reshape
from .reductions import (_count, _eager, _data, divide_as, finish, mask_node, numpy_value,
                         reduction_axes, sum as _sum)
from .ufunc_functions import imag, real

_F64 = np.dtype(np.float64)
_add, _sub, _mul = UFUNCS["add"], UFUNCS["subtract"], UFUNCS["multiply"]


def _ddof(ddof: object, correction: object) -> object:
    if correction is None:
        return ddof
    if ddof != 0:
        raise ValueError("ddof and correction can't be provided simultaneously.")
    return correction


def _mean_dtype(dtype: object, x: ndarray) -> object:
    """NumPy's var/mean: integer and bool data are averaged in float64."""
    return _F64 if dtype is None and x.dtype.kind in "biu" else dtype


def var(a: object, axis: object = None, dtype: object = None, out: object = None,
        ddof: object = 0, keepdims: bool = False, *, where: object = None,
        mean: object = None, correction: object = None) -> ndarray:
    """``numpy.var``: two fused passes (NumPy's algorithm); the sums are
    reassociated, so float results may differ from NumPy's in the last bits."""
    x = asarray(a)
    ddof = _ddof(ddof, correction)
    node = x._node
    mask = mask_node(where, node.shape)
    if _eager(node, mask) and (mean is None or not asarray(mean)._node.pending):
        kw = {} if mean is None else {"mean": numpy_value(asarray(mean)._node)}
        value = np.var(_data(node), axis=axis, dtype=dtype, ddof=ddof, keepdims=keepdims,
                       **kw, **({} if mask is None else {"where": numpy_value(mask)}))
        return finish(asarray(value), out, "add")
    count = _count(node, mask, axis, keepdims)
    if not np.all(np.asarray(count) - ddof > 0):
        warnings.warn("Degrees of freedom <= 0 for slice", RuntimeWarning, stacklevel=2)
    dtype = _mean_dtype(dtype, x)
    if mean is None:
        mean = divide_as(_sum(x, axis, dtype, keepdims=True, where=where),
                         _count(node, mask, axis, True))
    d = _sub(x, mean)
    if d.dtype.kind == "c":      # NumPy: |d|**2 as re*re + im*im, a real sum
        re, im = real(d), imag(d)
        square = _add(_mul(re, re), _mul(im, im))
    else:
        square = _mul(d, d)
    total = _sum(square, axis, dtype, keepdims=keepdims, where=where)
    return finish(divide_as(total, UFUNCS["maximum"](_sub(count, ddof), 0)), out, "add")


def std(a: object, axis: object = None, dtype: object = None, out: object = None,
        ddof: object = 0, keepdims: bool = False, *, where: object = None,
        mean: object = None, correction: object = None) -> ndarray:
    """``numpy.std``: the square root of ``var``."""
    return finish(UFUNCS["sqrt"](var(a, axis, dtype, None, ddof, keepdims, where=where,
                                     mean=mean, correction=correction)), out, "sqrt")


def _weights(weights: object, x: ndarray, axes: tuple | None) -> ndarray:
    """The weights, checked and shaped to broadcast against ``x`` (NumPy's rules)."""
    wgt = asarray(weights)
    if wgt.shape == x.shape:
        return wgt
    if axes is None:
        raise TypeError("Axis must be specified when shapes of a and weights differ.")
    if wgt.shape != tuple(x.shape[k] for k in axes):
        raise ValueError("Shape of weights must be consistent with shape of a along "
                         "specified axis.")
    return reshape(wgt, tuple(n if k in axes else 1 for k, n in enumerate(x.shape)))


def average(a: object, axis: object = None, weights: object = None, returned: bool = False,
            *, keepdims: bool = False) -> ndarray | tuple[ndarray, ndarray]:
    """``numpy.average`` (weights summing to zero raise ZeroDivisionError,
    which evaluates the weights' sums)."""
    x = asarray(a)
    axes = None if axis is None else reduction_axes(axis, x.ndim)
    if weights is None:
        avg = x.mean(axes, keepdims=keepdims)
        scl = asarray(avg.dtype.type(x.size / avg.size))
    else:
        wgt = _weights(weights, x, axes)
        result_dtype = np.result_type(x.dtype, wgt.dtype, "f8") if x.dtype.kind in "biu" \
            else np.result_type(x.dtype, wgt.dtype)
        scl = _sum(wgt, axes, result_dtype, keepdims=keepdims)
        if np.any(np.asarray(scl) == 0.0):
            raise ZeroDivisionError("Weights sum to zero, can't be normalized")
        total = _sum(_mul(x, wgt, dtype=result_dtype), axes, keepdims=keepdims)
        avg = UFUNCS["true_divide"](total, scl)
    if not returned:
        return avg
    if scl.shape != avg.shape:
        scl = _add(scl, asarray(np.zeros(avg.shape, scl.dtype)))
    return avg, scl


def partitioned_last(a: ndarray, axis: object, kth: object) -> tuple[ndarray, tuple[int, ...]]:
    """``a`` with the reduced axes moved last and merged, partitioned along
    them at ``kth`` (an opaque ``library.call`` of ``numpy.partition`` with
    the ``kth`` NumPy's own median/quantile use, so that equal values such as
    -0.0 and 0.0 land where they land in NumPy), and the reduced axes."""
    axes = reduction_axes(axis, a.ndim)
    keep = [k for k in range(a.ndim) if k not in axes]
    moved = moveaxis(a, keep, list(range(len(keep))))
    merged = reshape(moved, moved.shape[:len(keep)] + (-1,))
    return library.call("partition", np.partition, merged, kth, axis=-1), axes


def _nan_last(part: ndarray, result: ndarray) -> ndarray:
    """NaN where a sorted slice holds a NaN (sorted last), as NumPy."""
    if part.dtype.kind != "f":
        return result
    last = part[..., -1]
    return _where(UFUNCS["not_equal"](last, last), last, result)


def _keep(result: ndarray, axes: tuple, lead: int, keepdims: bool) -> ndarray:
    return expand_dims(result, tuple(lead + k for k in axes)) if keepdims else result


def _eager_order(a: ndarray) -> bool:
    return a.ndim == 0 or a.size == 0 or \
        (a._node.op == BUFFER and _eager(a._node))


def median(a: object, axis: object = None, out: object = None, overwrite_input: bool = False,
           keepdims: bool = False) -> ndarray:
    """``numpy.median``: the middle of the sorted slice, or the mean of the
    two middle values (NaN if the slice holds a NaN)."""
    x = asarray(a)
    if _eager_order(x):
        value = np.median(numpy_value(x._node), axis=axis, keepdims=keepdims)
        return finish(asarray(value), out, "add")
    n = x.size if axis is None else math.prod(x.shape[k] for k in reduction_axes(axis, x.ndim))
    kth = [n // 2 - 1, n // 2] if n % 2 == 0 else [(n - 1) // 2]
    part, axes = partitioned_last(x, axis, kth + [-1] * (x.dtype.kind == "f"))
    dtype = _mean_dtype(None, x) or x.dtype
    total = 0.0   # NumPy's mean sums from +0.0: the median of [-0.0] is 0.0
    for k in kth:
        total = _add(total, part[..., k].astype(dtype))
    result = divide_as(total, len(kth))
    return finish(_keep(_nan_last(part, result), axes, 0, keepdims), out, "add")


def _lerp(a: ndarray, b: ndarray, t: object, upper: object) -> ndarray:
    """NumPy's ``_lerp``: ``a + (b-a)*t``, or ``b - (b-a)*(1-t)`` where ``upper``
    (``t >= 0.5``), computed in the dtype of the first form."""
    diff = _sub(b, a)
    low = _add(a, _mul(diff, t))
    high = _sub(b, _mul(diff, 1 - t if isinstance(t, float) else _sub(1, t)))
    return _where(upper, high.astype(low.dtype), low)


def _order_statistic(x: ndarray, q: np.ndarray, axis: object, method: str, keepdims: bool,
                     weak_q: bool) -> ndarray:
    """NumPy's ``_quantile`` for static ``q`` in [0, 1], after a sort."""
    try:
        props = _npfb._QuantileMethods[method]
    except KeyError:
        raise ValueError(f"{method!r} is not a valid method. Use one of: "
                         f"{_npfb._QuantileMethods.keys()}") from None
    n = x.size if axis is None else math.prod(x.shape[k] for k in reduction_axes(axis, x.ndim))
    virtual = np.asanyarray(props["get_virtual_index"](n, q))
    if props["fix_gamma"] is None or (method == "linear" and virtual.dtype.kind in "iu"):
        kth = np.concatenate((virtual.ravel(), [-1])) if x.dtype.kind == "f" else virtual.ravel()
        part, axes = partitioned_last(x, axis, kth)
        result = stack([part[..., int(i)] for i in virtual.ravel()])
    else:
        prev, nxt = _npfb._get_indexes(np.empty(0, x.dtype), virtual, n)
        part, axes = partitioned_last(x, axis, np.unique(np.concatenate(
            ([0, -1], prev.ravel(), nxt.ravel()))))
        gamma = _npfb._get_gamma(virtual, prev, props)
        a = stack([part[..., int(i)] for i in prev.ravel()])
        b = stack([part[..., int(i)] for i in nxt.ravel()])
        t = float(gamma) if weak_q else gamma.reshape((-1,) + (1,) * (a.ndim - 1))
        result = _lerp(a, b, t if weak_q else asarray(t), t >= 0.5)
    result = reshape(_nan_last(part, result), q.shape + part.shape[:-1])
    return _keep(result, axes, q.ndim, keepdims)


def quantile(a: object, q: object, axis: object = None, out: object = None,
             overwrite_input: bool = False, method: str = "linear", keepdims: bool = False,
             *, weights: object = None, interpolation: object = None) -> ndarray:
    """``numpy.quantile`` (every method): sorted through ``library.call``, order
    statistics and interpolation native; with ``weights`` one library call."""
    return _quantile("quantile", a, q, 1, axis, out, method, keepdims, weights, interpolation)


def percentile(a: object, q: object, axis: object = None, out: object = None,
               overwrite_input: bool = False, method: str = "linear", keepdims: bool = False,
               *, weights: object = None, interpolation: object = None) -> ndarray:
    """``numpy.percentile``: ``quantile`` of ``q / 100``."""
    return _quantile("percentile", a, q, 100, axis, out, method, keepdims, weights,
                     interpolation)


def _quantile(name: str, a: object, q: object, scale: int, axis: object, out: object,
              method: str, keepdims: bool, weights: object, interpolation: object) -> ndarray:
    if weights is not None or interpolation is not None:
        given = {"weights": weights} if interpolation is None else \
            {"weights": weights, "interpolation": interpolation}   # NumPy's own error if gone
        value = library.call(name, getattr(np, name), a, q, axis=axis, method=method,
                             keepdims=keepdims, **given)
        return finish(value, out, "add")
    x = asarray(a)
    if x.dtype.kind == "c":
        raise TypeError("a must be an array of real numbers")
    if _eager_order(x):
        value = getattr(np, name)(numpy_value(x._node), q.__array__() if isinstance(
            q, ndarray) else q, axis=axis, method=method, keepdims=keepdims)
        return finish(asarray(value), out, "add")
    weak_q = type(q) in (int, float)
    qv = np.true_divide(q.__array__() if isinstance(q, ndarray) else q, scale) \
        if scale != 1 else np.asanyarray(q.__array__() if isinstance(q, ndarray) else q)
    qv = np.asanyarray(qv)
    if not _npfb._quantile_is_valid(qv):
        raise ValueError("Percentiles must be in the range [0, 100]" if scale == 100
                         else "Quantiles must be in the range [0, 1]")
    return finish(_order_statistic(x, qv, axis, method, keepdims, weak_q), out, "add")
