"""Diagonals: diag, trace, and the index arrays tril_indices, triu_indices,
diag_indices (and their ``_from`` forms).

``diag`` of a matrix is ``diagonal`` (a read-only view, as NumPy's); ``diag``
of a vector writes it along a diagonal of zeros (one strided ``UPDATE`` of the
flattened matrix).  ``trace`` sums the diagonal view.  The index
functions compute their (small, integer) results with NumPy, as ``arange``
does; the ``_from`` forms ask NumPy on the array's dummy, so they never read
its values.
"""
from __future__ import annotations

import numpy as np

from ..array import ndarray, wrap
from ..graph import broadcast_to, const_node, reshape, update
from .creation import asarray
from .elementwise import eager_result
from .indexing import store
from .indexmaps import small_and_computed
from .manipulation import diagonal
from .reductions import sum as _sum


def diag(v: object, k: int = 0) -> ndarray:
    """``numpy.diag``: a matrix's ``k``-th diagonal (a read-only view), or a
    square matrix with a vector on its ``k``-th diagonal (a copy)."""
    x = asarray(v)
    if x.ndim == 2:
        return diagonal(x, k)
    if x.ndim != 1:
        raise ValueError("Input must be 1- or 2-d.")
    k = int(k)
    n = x.shape[0] + abs(k)
    node = x._node
    if small_and_computed([node], (n, n)):
        return eager_result(np.diag(node.buffer, k))
    flat = broadcast_to(const_node(0, node.dtype), (n * n,))
    if x.shape[0]:   # every (n+1)-th element of the flattened matrix, from row -k or column k
        flat = update(flat, node, (((0, n + 1),),), (k if k >= 0 else -k * n,), node.shape)
    return wrap(reshape(flat, (n, n)))


def trace(a: object, offset: int = 0, axis1: int = 0, axis2: int = 1, dtype: object = None,
          out: object = None) -> ndarray:
    """``numpy.trace``: the sum along a diagonal (of each matrix of a stack);
    ``out=`` receives it with unsafe casting, as in NumPy."""
    result = _sum(diagonal(a, offset, axis1, axis2), axis=-1, dtype=dtype)
    if out is None:
        return result
    return store(out, result, "unsafe", lambda: None)   # NumPy casts into out= unsafely


def _arrays(index: tuple) -> tuple[ndarray, ...]:
    return tuple(asarray(i) for i in index)


def tril_indices(n: int, k: int = 0, m: int | None = None) -> tuple[ndarray, ...]:
    """``numpy.tril_indices``: row and column indices of a lower triangle."""
    return _arrays(np.tril_indices(n, k, m))


def triu_indices(n: int, k: int = 0, m: int | None = None) -> tuple[ndarray, ...]:
    """``numpy.triu_indices``: row and column indices of an upper triangle."""
    return _arrays(np.triu_indices(n, k, m))


def tril_indices_from(arr: object, k: int = 0) -> tuple[ndarray, ...]:
    """``numpy.tril_indices_from``: ``tril_indices`` for the shape of a 2-D array."""
    return _arrays(np.tril_indices_from(asarray(arr)._get_dummy(), k))


def triu_indices_from(arr: object, k: int = 0) -> tuple[ndarray, ...]:
    """``numpy.triu_indices_from``: ``triu_indices`` for the shape of a 2-D array."""
    return _arrays(np.triu_indices_from(asarray(arr)._get_dummy(), k))


def diag_indices(n: int, ndim: int = 2) -> tuple[ndarray, ...]:
    """``numpy.diag_indices``: indices of the main diagonal of an ``ndim``-d cube."""
    return _arrays(np.diag_indices(n, ndim))


def diag_indices_from(arr: object) -> tuple[ndarray, ...]:
    """``numpy.diag_indices_from``: ``diag_indices`` for an array's (equal) dimensions."""
    return _arrays(np.diag_indices_from(asarray(arr)._get_dummy()))
