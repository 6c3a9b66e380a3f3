"""Coordinate grids: meshgrid, indices, fromfunction.

Each is NumPy's own algorithm on lazy arrays: ``meshgrid`` reshapes its
inputs to one axis each and broadcasts them (views; ``copy=True`` makes new
arrays of the same lazy values, nothing is copied until needed);
``indices`` selects, by its first index, among broadcast ``arange`` rows
(small grids are made by NumPy); ``fromfunction``
calls the function on ``indices``, so a function of lazyarray operations
stays lazy and fuses.
"""
from __future__ import annotations

import math
from typing import Callable

import numpy as np

from ..array import ndarray
from ..config import settings
from .creation import _own, arange, array, asarray
from .elementwise import UFUNCS, broadcast_shapes, where
from .manipulation import broadcast_to, reshape


def meshgrid(*xi: object, copy: bool = True, sparse: bool = False,
             indexing: str = "xy") -> tuple[ndarray, ...]:
    """``numpy.meshgrid`` (a tuple of arrays; with ``copy=False``, read-only views)."""
    if indexing not in ("xy", "ij"):
        raise ValueError("Valid values for `indexing` are 'xy' and 'ij'.")
    ndim = len(xi)
    ones = (1,) * ndim
    shapes = [ones[:i] + (-1,) + ones[i + 1:] for i in range(ndim)]
    if indexing == "xy" and ndim > 1:
        shapes[0], shapes[1] = (1, -1) + ones[2:], (-1, 1) + ones[2:]
    output = [reshape(asarray(x), shape) for x, shape in zip(xi, shapes)]
    if not sparse:
        shape = broadcast_shapes(*(x.shape for x in output))
        output = [broadcast_to(x, shape) for x in output]
    if copy:
        output = [array(x) for x in output]
    return tuple(output)


def indices(dimensions: object, dtype: object = int,
            sparse: bool = False) -> ndarray | tuple[ndarray, ...]:
    """``numpy.indices``: a grid of indices (``sparse``: one broadcastable array per axis)."""
    dimensions = tuple(dimensions)
    n = len(dimensions)
    ones = (1,) * n
    rows = [reshape(arange(dim, dtype=dtype), ones[:i] + (dim,) + ones[i + 1:])
            for i, dim in enumerate(dimensions)]
    if sparse:
        return tuple(rows)
    shape = (n,) + dimensions
    if math.prod(shape) <= settings.eager_threshold:
        return _own(np.indices(dimensions, dtype))
    # result[i] is rows[i] broadcast: a select on the first index, one row per value
    which = reshape(arange(n), (n,) + ones)
    result = broadcast_to(rows[-1], shape)
    for i in reversed(range(n - 1)):
        result = where(UFUNCS["equal"](which, i), rows[i], result)
    return array(result)


def fromfunction(function: Callable, shape: object, *, dtype: object = float,
                 **kwargs: object) -> object:
    """``numpy.fromfunction``: ``function(*indices(shape, dtype), **kwargs)``."""
    return function(*indices(shape, dtype=dtype), **kwargs)
