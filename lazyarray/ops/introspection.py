"""Questions about an array that need no values: isscalar, ndim, shape, size.

A lazyarray array answers from its metadata (nothing is computed); other
objects get NumPy's answer.  A lazyarray array is never a scalar, as a
NumPy array is not (0-d arrays included).
"""
from __future__ import annotations

import numpy as np

from ..array import ndarray


def isscalar(element: object) -> bool:
    """``numpy.isscalar``: True for Python and NumPy scalars, False for arrays."""
    return np.isscalar(element)


def ndim(a: object) -> int:
    """``numpy.ndim``."""
    return a.ndim if isinstance(a, ndarray) else np.ndim(a)


def shape(a: object) -> tuple[int, ...]:
    """``numpy.shape``."""
    return a.shape if isinstance(a, ndarray) else np.shape(a)


def size(a: object, axis: int | tuple[int, ...] | None = None) -> int:
    """``numpy.size``: the number of elements (along ``axis``, if given)."""
    return np.size(np.broadcast_to(np.empty((), np.uint8), a.shape) if isinstance(a, ndarray)
                   else a, axis)
