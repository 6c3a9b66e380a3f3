"""Dtype rules, delegated to NumPy and cached: NEP 50 promotion, ufunc loops.

lazyarray uses NumPy's dtype objects.  Which inner loop a ufunc runs for
given operand dtypes (Python scalars are weak, NEP 50) is NumPy's answer to
``ufunc.resolve_dtypes``; it is asked once per combination and remembered.
"""
from __future__ import annotations

import numpy as np

#: dtypes the compiled path handles; others raise NotImplementedError.  float16
#: computes in float32 rounded after each operation, complex as pairs of reals
#: (``codegen.passes``); a complex ufunc is computed by kernels only where
#: ``COMPLEX_UFUNCS`` lists it (the others run NumPy through ``library.call``).
KERNEL_DTYPES = frozenset(np.dtype(t) for t in (
    np.bool_, np.int8, np.int16, np.int32, np.int64, np.uint8, np.uint16, np.uint32,
    np.uint64, np.float16, np.float32, np.float64, np.complex64, np.complex128))
#: the ufuncs whose complex loops kernels compute (``codegen.passes.split_complex``).
COMPLEX_UFUNCS = frozenset({
    "add", "subtract", "multiply", "true_divide", "negative", "positive", "conjugate",
    "absolute", "square", "reciprocal", "sign", "equal", "not_equal", "less", "less_equal",
    "greater", "greater_equal", "maximum", "minimum", "fmax", "fmin", "isnan", "isinf",
    "isfinite", "logical_and", "logical_or", "logical_xor", "logical_not"})

_loops: dict[tuple, tuple[np.dtype, ...]] = {}
_results: dict[tuple, np.dtype] = {}
_reductions: dict[tuple, np.dtype] = {}


def ufunc_loop(ufunc: np.ufunc, keys: tuple) -> tuple[np.dtype, ...]:
    """Input and output dtypes of the loop NumPy picks for these operand kinds."""
    try:
        return _loops[(ufunc, keys)]
    except KeyError:
        pass
    loop = ufunc.resolve_dtypes(keys + (None,) * ufunc.nout)
    _loops[(ufunc, keys)] = loop
    return loop


def result_type(*keys: object) -> np.dtype:
    """``numpy.result_type`` for dtypes and weak Python scalar types (cached)."""
    try:
        return _results[keys]
    except KeyError:
        pass
    dummies = [k() if isinstance(k, type) and k in (bool, int, float, complex) else k for k in keys]
    out = np.result_type(*dummies)
    _results[keys] = out
    return out


def reduction_dtype(ufunc: np.ufunc, dtype: np.dtype, requested: object) -> np.dtype:
    """The dtype ``ufunc.reduce`` accumulates and returns in (NumPy's rule)."""
    key = (ufunc, dtype, requested)
    try:
        return _reductions[key]
    except KeyError:
        pass
    out = ufunc.reduce(np.zeros(1, dtype), dtype=requested).dtype
    _reductions[key] = out
    return out


def check_held_dtype(dtype: np.dtype, function: str) -> None:
    """Arrays may hold any bool, integer, float or complex dtype; kernels compute
    ``KERNEL_DTYPES``, ops on the others (longdouble, ...) run through NumPy."""
    if dtype.kind not in "biufc":
        raise NotImplementedError(f"lazyarray.{function}: dtype {dtype} is not supported yet")


def check_kernel_dtype(dtype: np.dtype, function: str) -> None:
    if dtype not in KERNEL_DTYPES:
        raise NotImplementedError(f"lazyarray.{function}: dtype {dtype} is not supported yet")
