"""Comparing whole arrays: isclose, allclose, array_equal, array_equiv.

NumPy's own formulas on lazy operations, so the element-wise test fuses
with the producers of its inputs and with the reduction that ``allclose``
and ``array_equal`` apply to it (one kernel; the answer is a Python bool, as
in NumPy).
"""
from __future__ import annotations

import builtins

import numpy as np

from ..array import ndarray
from .creation import asarray
from .elementwise import broadcast_shapes
from .reductions import min as _min
from .ufunc_table import UFUNCS

_PY_NUMBERS = (int, float, complex)
_and, _or, _eq, _isnan, _isfinite = (UFUNCS[n] for n in (
    "bitwise_and", "bitwise_or", "equal", "isnan", "isfinite"))


def _all(x: ndarray) -> bool:
    """``bool(numpy.all(x))`` of a bool array."""
    return x.size == 0 or builtins.bool(_min(x))


def isclose(a: object, b: object, rtol: object = 1e-05, atol: object = 1e-08,
            equal_nan: bool = False) -> ndarray:
    """``numpy.isclose``: ``|a - b| <= atol + rtol * |b|`` element-wise
    (``b`` in at least float64 for integers), or equal (infinities), or both
    NaN with ``equal_nan``.  A 0-d result is a 0-d array."""
    x, y, atol, rtol = (v if isinstance(v, _PY_NUMBERS) else asarray(v)
                        for v in (a, b, atol, rtol))
    if isinstance(y, ndarray):
        y = asarray(y, dtype=np.result_type(y.dtype, 1.0))
    elif isinstance(y, int):
        y = float(y)
    absolute, subtract = UFUNCS["absolute"], UFUNCS["subtract"]
    with np.errstate(invalid="ignore"):   # for the small inputs NumPy computes at once
        finite = _isfinite(y)
        near = UFUNCS["less_equal"](absolute(subtract(x, y)),
                                    UFUNCS["add"](atol, UFUNCS["multiply"](rtol, absolute(y))))
        result = _or(_and(near, finite), _eq(x, y))
        if equal_nan:
            result = _or(result, _and(_isnan(x), _isnan(y)))
    return result


def allclose(a: object, b: object, rtol: object = 1e-05, atol: object = 1e-08,
             equal_nan: bool = False) -> bool:
    """``numpy.allclose``: whether ``isclose`` holds everywhere (a Python bool)."""
    return _all(isclose(a, b, rtol=rtol, atol=atol, equal_nan=equal_nan))


def array_equal(a1: object, a2: object, equal_nan: bool = False) -> bool:
    """``numpy.array_equal``: same shape and elements (``equal_nan``: NaNs at the
    same places count as equal).  A Python bool."""
    try:
        x, y = asarray(a1), asarray(a2)
    except Exception:   # noqa: BLE001 - NumPy's answer to inputs that are no arrays
        return False
    if x.shape != y.shape:
        return False
    same = _eq(x, y)
    if equal_nan and (x.dtype.kind in "fc" or y.dtype.kind in "fc"):
        same = _or(same, _and(_isnan(x), _isnan(y)))
    return _all(same)


def array_equiv(a1: object, a2: object) -> bool:
    """``numpy.array_equiv``: equal after broadcasting (False if the shapes do not broadcast)."""
    try:
        x, y = asarray(a1), asarray(a2)
    except Exception:   # noqa: BLE001 - NumPy's answer to inputs that are no arrays
        return False
    try:
        broadcast_shapes(x.shape, y.shape)
    except ValueError:
        return False
    return _all(_eq(x, y))
