"""Matrices defined by their indices: eye, identity, tri, tril, triu, diagflat.

``eye`` and ``tri`` are comparisons of the column index minus the row index
with ``k``: a ``MAP`` of two broadcast index vectors (small ``arange``
buffers), so a big identity or mask costs no memory and fuses into its
consumers.  ``tril``/``triu`` select between the array and zero under such a
mask, for any number of stacked matrices.  ``diagflat`` selects, under the
mask of its diagonal, its values broadcast along rows or columns.  Small
results are made by NumPy at once.
"""
from __future__ import annotations

import math
import operator

import numpy as np

from ..array import ndarray, wrap
from ..config import settings
from ..dtypes import KERNEL_DTYPES, check_kernel_dtype
from ..graph import BUFFER, MAP, Node, buffer_node, cast, const_node, new_node, reindex, reshape
from .creation import _fill_order, _laid_out, _own, as_node
from .elementwise import where
from .joining import concatenate

_I64, _BOOL = np.dtype(np.int64), np.dtype(bool)


def _offset_test(test: str, n: int, m: int, k: int) -> Node:
    """The bool ``(n, m)`` node of ``test(j - i, k)`` at row ``i``, column ``j``."""
    rows = reindex(buffer_node(np.arange(n, dtype=_I64)), (n, m), (((0, 1),),))
    cols = reindex(buffer_node(np.arange(m, dtype=_I64)), (n, m), (((1, 1),),))
    diff = new_node(MAP, _I64, (n, m), (cols, rows), "sub")
    k = max(-n, min(m, k))   # beyond the matrix every test has one answer: keep k in int64
    return new_node(MAP, _BOOL, (n, m), (diff, const_node(k, _I64)), test)


def _index_matrix(fn, test: str, n: object, m: object, k: object, dtype: object,
                  order: str) -> ndarray:
    n = operator.index(n)
    m = n if m is None else operator.index(m)
    k = operator.index(k)
    dtype = np.dtype(dtype)
    fortran = _fill_order(order)
    if max(n, 0) * max(m, 0) <= settings.eager_threshold or dtype not in KERNEL_DTYPES:
        return _laid_out(_own(fn(n, m, k=k, dtype=dtype))._node, fortran)
    return _laid_out(cast(_offset_test(test, n, m, k), dtype), fortran)


def eye(N: int, M: int | None = None, k: int = 0, dtype: object = float, order: str = "C", *,
        device: object = None) -> ndarray:
    """``numpy.eye``: ones on diagonal ``k``, zeros elsewhere (lazy)."""
    return _index_matrix(np.eye, "eq", N, M, k, dtype, order)


def identity(n: int, dtype: object = None) -> ndarray:
    """``numpy.identity``: ``eye(n, dtype=dtype)``."""
    return eye(n, dtype=float if dtype is None else dtype)


def _is_integer(value: object) -> bool:
    try:
        operator.index(value)
    except TypeError:
        return False
    return True


def tri(N: int, M: int | None = None, k: int = 0, dtype: object = float) -> ndarray:
    """``numpy.tri``: ones at and below diagonal ``k``, zeros above (lazy).
    Non-integer arguments (which NumPy accepts, as ``arange`` bounds) are
    computed by NumPy."""
    if not all(_is_integer(v) for v in (N, 0 if M is None else M, k)):
        return _own(np.tri(N, M, k, dtype))
    return _index_matrix(np.tri, "le", max(0, operator.index(N)),
                         None if M is None else max(0, operator.index(M)), k, dtype, "C")


def tril(m: object, k: int = 0) -> ndarray:
    """``numpy.tril``: zeros above diagonal ``k`` of the last two axes."""
    x = as_node(m)
    mask = tri(*x.shape[-2:], k=k, dtype=bool)
    return where(mask, wrap(x), np.zeros((), x.dtype))


def triu(m: object, k: int = 0) -> ndarray:
    """``numpy.triu``: zeros below diagonal ``k`` of the last two axes."""
    x = as_node(m)
    mask = tri(*x.shape[-2:], k=operator.index(k) - 1, dtype=bool)
    return where(mask, np.zeros((), x.dtype), wrap(x))


def diagflat(v: object, k: int = 0) -> ndarray:
    """``numpy.diagflat``: the flattened input on diagonal ``k`` of a square zero matrix."""
    node = as_node(v)
    k = operator.index(k)
    size = math.prod(node.shape)
    n = size + abs(k)
    if node.op == BUFFER and n * n <= settings.eager_threshold:
        return _own(np.diagflat(node.buffer, k))
    check_kernel_dtype(node.dtype, "diagflat")
    # row i (k >= 0) or column j (k < 0) of the diagonal holds v[i] or v[j]:
    # v, padded with zeros to length n, broadcast along the other dimension
    padded = concatenate([wrap(reshape(node, (size,))), np.zeros(abs(k), node.dtype)])._node
    values = reindex(padded, (n, n), ((((0 if k >= 0 else 1), 1),),))
    on_diagonal = _offset_test("eq", n, n, k)
    return wrap(new_node(MAP, node.dtype, (n, n),
                         (on_diagonal, values, const_node(0, node.dtype)), "select"))
