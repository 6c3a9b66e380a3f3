"""NumPy's dtype queries, accepting lazyarray arrays: result_type, can_cast,
min_scalar_type, common_type (promote_types takes no arrays: NumPy's own).

An array contributes its dtype, known without evaluating it; only
``min_scalar_type`` of a 0-d array looks at the value (NumPy's rule).
"""
from __future__ import annotations

import numpy as np
from numpy import promote_types  # noqa: F401  (re-exported)

from ..array import ndarray


def _dtype_or_value(x: object) -> object:
    return x.dtype if isinstance(x, ndarray) else x


def result_type(*arrays_and_dtypes: object) -> np.dtype:
    """``numpy.result_type`` (NEP 50: Python scalars are weak, arrays are not)."""
    return np.result_type(*[_dtype_or_value(x) for x in arrays_and_dtypes])


def can_cast(from_: object, to: object, casting: str = "safe") -> bool:
    """``numpy.can_cast`` of an array's (or a dtype's) values to ``to``."""
    return np.can_cast(_dtype_or_value(from_), to, casting)


def min_scalar_type(a: object) -> np.dtype:
    """``numpy.min_scalar_type``: an array's dtype, or the smallest dtype that
    holds a 0-d array's value (evaluated)."""
    if isinstance(a, ndarray):
        return a.dtype if a.ndim else np.min_scalar_type(a.__array__())
    return np.min_scalar_type(a)


def common_type(*arrays: object) -> type:
    """``numpy.common_type``: the inexact scalar type of the arrays' dtypes."""
    return np.common_type(*[np.empty(0, a.dtype) if isinstance(a, ndarray) else a for a in arrays])
