"""The NaN-ignoring family: nansum, nanprod, nanmin, nanmax, nanargmin,
nanargmax, nanmean, nanvar, nanstd, nanmedian, nanpercentile, nanquantile.

As NumPy's ``numpy/lib/_nanfunctions_impl.py``: NaNs are replaced by a
neutral value (a fused ``select``) and the plain reduction runs; integer and
bool data have no NaN and go straight to it.  NumPy's all-NaN diagnostics
depend on the data, so the functions that give them evaluate at the call,
the result and the diagnostic together in one fused evaluation: nanmin and
nanmax warn "All-NaN slice encountered" and give NaN there, nanargmin and
nanargmax raise ValueError, nanmean warns "Mean of empty slice", nanvar and
nanstd warn "Degrees of freedom <= 0 for slice." and give NaN there.

nanmedian, nanpercentile and nanquantile pick a data-dependent element of
each slice (the count of non-NaN values decides which): they run NumPy's
functions through ``library.call`` (opaque calls).
"""
from __future__ import annotations

import warnings

import numpy as np

from .. import library
from ..array import evaluate, ndarray
from . import reductions as R
from .creation import asarray
from .elementwise import where as _where
from .statistics import _ddof, var
from .ufunc_functions import real
from .ufunc_table import UFUNCS

_INTP = np.dtype(np.intp)


def _isnan(x: ndarray) -> ndarray:
    return UFUNCS["not_equal"](x, x)


def replace_nan(a: object, value: float) -> tuple[ndarray, ndarray | None]:
    """``a`` with NaNs replaced by ``value``, and the NaN mask (None: no NaN possible)."""
    x = asarray(a)
    if x.dtype.kind not in "fc":
        return x, None
    mask = _isnan(x)
    return _where(mask, value, x), mask


def _warn_where(result: ndarray, flag: ndarray, message: str) -> None:
    """Evaluate ``result`` and ``flag`` together; warn if any flag is set."""
    evaluate(result, flag)
    if np.any(np.asarray(flag)):
        warnings.warn(message, RuntimeWarning, stacklevel=3)


def nansum(a: object, axis: object = None, dtype: object = None, out: object = None,
           keepdims: bool = False, initial: object = None, where: object = None) -> ndarray:
    """``numpy.nansum``: NaNs count as zero."""
    return R.sum(replace_nan(a, 0)[0], axis, dtype, out, keepdims, initial, where)


def nanprod(a: object, axis: object = None, dtype: object = None, out: object = None,
            keepdims: bool = False, initial: object = None, where: object = None) -> ndarray:
    """``numpy.nanprod``: NaNs count as one."""
    return R.prod(replace_nan(a, 1)[0], axis, dtype, out, keepdims, initial, where)


def _nan_extreme(fn, fill: float, a: object, axis: object, out: object, keepdims: bool,
                 initial: object, where: object) -> ndarray:
    x, mask = replace_nan(a, fill)
    result = fn(x, axis, None, keepdims, initial, where)
    if mask is None or initial is not None:
        return R.finish(result, out, fn.__name__)
    all_nan = R.all(mask, axis, keepdims=keepdims, where=where)
    result = _where(all_nan, np.nan, result).astype(result.dtype)
    _warn_where(result, all_nan, "All-NaN slice encountered")
    return R.finish(result, out, fn.__name__)


def nanmin(a: object, axis: object = None, out: object = None, keepdims: bool = False,
           initial: object = None, where: object = None) -> ndarray:
    """``numpy.nanmin``: the minimum ignoring NaNs (NaN, with a RuntimeWarning,
    for an all-NaN slice)."""
    return _nan_extreme(R.min, np.inf, a, axis, out, keepdims, initial, where)


def nanmax(a: object, axis: object = None, out: object = None, keepdims: bool = False,
           initial: object = None, where: object = None) -> ndarray:
    """``numpy.nanmax``: the maximum ignoring NaNs (NaN, with a RuntimeWarning,
    for an all-NaN slice)."""
    return _nan_extreme(R.max, -np.inf, a, axis, out, keepdims, initial, where)


def _nan_arg(fn, fill: float, a: object, axis: object, out: object, keepdims: bool) -> ndarray:
    x, mask = replace_nan(a, fill)
    result = fn(x, axis, None, keepdims=keepdims)
    if mask is not None and mask.size:
        all_nan = R.any(R.all(mask, axis))
        evaluate(result, all_nan)
        if bool(all_nan):
            raise ValueError("All-NaN slice encountered")
    return R.finish(result, out, fn.__name__)


def nanargmin(a: object, axis: object = None, out: object = None, *,
              keepdims: bool = False) -> ndarray:
    """``numpy.nanargmin``: ValueError for an all-NaN slice (evaluates at the call)."""
    return _nan_arg(R.argmin, np.inf, a, axis, out, keepdims)


def nanargmax(a: object, axis: object = None, out: object = None, *,
              keepdims: bool = False) -> ndarray:
    """``numpy.nanargmax``: ValueError for an all-NaN slice (evaluates at the call)."""
    return _nan_arg(R.argmax, -np.inf, a, axis, out, keepdims)


def _inexact(dtype: object) -> None:
    if dtype is not None and np.dtype(dtype).kind not in "fc":
        raise TypeError("If a is inexact, then dtype must be inexact")


def nanmean(a: object, axis: object = None, dtype: object = None, out: object = None,
            keepdims: bool = False, *, where: object = None) -> ndarray:
    """``numpy.nanmean``: the mean of the non-NaN values."""
    x, mask = replace_nan(a, 0)
    if mask is None:
        return R.mean(x, axis, dtype, out, keepdims, where=where)
    _inexact(dtype)
    count = R.sum(UFUNCS["logical_not"](mask), axis, _INTP, keepdims=keepdims, where=where)
    total = R.sum(x, axis, dtype, keepdims=keepdims, where=where)
    result = R.divide_as(total, count)
    _warn_where(result, UFUNCS["equal"](count, 0), "Mean of empty slice")
    return R.finish(result, out, "add")


def nanvar(a: object, axis: object = None, dtype: object = None, out: object = None,
           ddof: object = 0, keepdims: bool = False, *, where: object = None,
           mean: object = None, correction: object = None) -> ndarray:
    """``numpy.nanvar``: the variance of the non-NaN values."""
    x, mask = replace_nan(a, 0)
    if mask is None:
        return var(x, axis, dtype, out, ddof, keepdims, where=where, mean=mean,
                   correction=correction)
    _inexact(dtype)
    ddof = _ddof(ddof, correction)
    count = R.sum(UFUNCS["logical_not"](mask), axis, _INTP, keepdims=True, where=where)
    if mean is None:
        mean = R.divide_as(R.sum(x, axis, dtype, keepdims=True, where=where), count)
    d = _where(mask, 0, UFUNCS["subtract"](x, mean).astype(x.dtype))
    square = UFUNCS["multiply"](d, UFUNCS["conjugate"](d))   # NumPy: (d * conj(d)).real
    total = R.sum(real(square), axis, dtype, keepdims=keepdims, where=where)
    dof = UFUNCS["subtract"](count if keepdims else count.reshape(total.shape), ddof)
    bad = UFUNCS["less_equal"](dof, 0)
    result = _where(bad, np.nan, R.divide_as(total, dof)).astype(total.dtype)
    _warn_where(result, bad, "Degrees of freedom <= 0 for slice.")
    return R.finish(result, out, "add")


def nanstd(a: object, axis: object = None, dtype: object = None, out: object = None,
           ddof: object = 0, keepdims: bool = False, *, where: object = None,
           mean: object = None, correction: object = None) -> ndarray:
    """``numpy.nanstd``: the square root of ``nanvar``."""
    return R.finish(UFUNCS["sqrt"](nanvar(a, axis, dtype, None, ddof, keepdims, where=where,
                                          mean=mean, correction=correction)), out, "sqrt")


def nanmedian(a: object, axis: object = None, out: object = None,
              overwrite_input: bool = False, keepdims: bool = False) -> ndarray:
    """``numpy.nanmedian`` (an opaque library call: see the module docstring)."""
    return R.finish(library.call("nanmedian", np.nanmedian, a, axis=axis, keepdims=keepdims),
                    out, "add")


def nanquantile(a: object, q: object, axis: object = None, out: object = None,
                overwrite_input: bool = False, method: str = "linear",
                keepdims: bool = False, *, weights: object = None) -> ndarray:
    """``numpy.nanquantile`` (an opaque library call: see the module docstring)."""
    return R.finish(library.call("nanquantile", np.nanquantile, a, q, axis=axis, method=method,
                                 keepdims=keepdims, weights=weights), out, "add")


def nanpercentile(a: object, q: object, axis: object = None, out: object = None,
                  overwrite_input: bool = False, method: str = "linear",
                  keepdims: bool = False, *, weights: object = None) -> ndarray:
    """``numpy.nanpercentile`` (an opaque library call: see the module docstring)."""
    return R.finish(library.call("nanpercentile", np.nanpercentile, a, q, axis=axis,
                                 method=method, keepdims=keepdims, weights=weights), out, "add")
