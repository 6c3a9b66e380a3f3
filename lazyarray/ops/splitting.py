"""Splitting arrays into views: split, array_split, hsplit, vsplit, dsplit, unstack.

NumPy splits the array's dummy (``lazyarray.views``), so every part is a
view of the array's storage with NumPy's geometry, and errors are NumPy's.
"""
from __future__ import annotations

import numpy as np

from ..array import ndarray
from .manipulation import views


def split(ary: object, indices_or_sections: object, axis: int = 0) -> list[ndarray]:
    """``numpy.split`` (views; equal sections or split points)."""
    return views(ary, np.split, indices_or_sections, axis)


def array_split(ary: object, indices_or_sections: object, axis: int = 0) -> list[ndarray]:
    """``numpy.array_split`` (views; sections may differ in size by one)."""
    return views(ary, np.array_split, indices_or_sections, axis)


def hsplit(ary: object, indices_or_sections: object) -> list[ndarray]:
    """``numpy.hsplit``: along the second axis (the first for 1-D arrays)."""
    return views(ary, np.hsplit, indices_or_sections)


def vsplit(ary: object, indices_or_sections: object) -> list[ndarray]:
    """``numpy.vsplit``: along the first axis (at least 2-D arrays)."""
    return views(ary, np.vsplit, indices_or_sections)


def dsplit(ary: object, indices_or_sections: object) -> list[ndarray]:
    """``numpy.dsplit``: along the third axis (at least 3-D arrays)."""
    return views(ary, np.dsplit, indices_or_sections)


def unstack(x: object, /, *, axis: int = 0) -> tuple[ndarray, ...]:
    """``numpy.unstack``: the views ``x[..., i, ...]`` along ``axis``, as a tuple."""
    return tuple(views(x, np.unstack, axis=axis))
