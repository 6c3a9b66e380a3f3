"""``lazyarray.linalg``: NumPy's linear algebra.

Two kinds of functions live here:

* built from lazy ops, so they fuse with the work that produces their inputs
  and the work that consumes them: ``norm``, ``vector_norm`` and
  ``matrix_norm`` (every vector order: p-norms as NumPy computes them,
  ``sum(abs(x) ** p) ** (1 / p)``; matrix orders 'fro', 1, -1, inf, -inf),
  ``vecdot``, ``matrix_power`` (NumPy's repeated squaring with lazyarray's
  matmul), ``multi_dot`` (a matmul chain in NumPy's optimal order), ``trace``,
  ``diagonal`` (a read-only view), ``outer``, ``cross``, ``matrix_transpose``
  and ``matmul``;
* LAPACK-backed ones, opaque library calls to ``numpy.linalg``
  (``lazyarray.library``): ``det``, ``inv``, ``solve``, ``svd``, ``eig``, ...
  They broadcast over stacks of matrices as NumPy does, and a singular
  matrix raises ``LinAlgError`` (NumPy's class) at the call.

Norms that need singular values (matrix orders 2, -2, 'nuc') reduce lazily
over ``svdvals``.  What the kernels cannot compute yet runs through NumPy as a
library call: complex and float16 inputs (their norms and products follow
other rules: moduli, conjugates, float32 accumulation), for every function
here.  Names ``numpy.linalg`` has and this module lacks go through the loud
fallback (``lazyarray.fallback``).
"""
from __future__ import annotations

import operator
from typing import Any

import numpy as np
from numpy.lib.array_utils import normalize_axis_index, normalize_axis_tuple
from numpy.linalg import LinAlgError

from . import fallback, library
from .array import ndarray
from .ops import contractions, creation, manipulation, reductions
from .ops.contractions import matmul
from .ops.ufunc_table import UFUNCS
from .ops.manipulation import matrix_transpose

__all__ = ["LinAlgError", "cholesky", "cond", "cross", "det", "diagonal", "eig", "eigh",
           "eigvals", "eigvalsh", "inv", "lstsq", "matmul", "matrix_norm", "matrix_power",
           "matrix_rank", "matrix_transpose", "multi_dot", "norm", "outer", "pinv", "qr",
           "slogdet", "solve", "svd", "svdvals", "tensordot", "tensorinv", "tensorsolve", "trace",
           "vecdot",
           "vector_norm"]

_abs, _sqrt, _mul, _ne, _pow = (UFUNCS[name] for name in (
    "absolute", "sqrt", "multiply", "not_equal", "power"))


def _lapack(name: str) -> Any:
    return library.function(f"linalg.{name}", getattr(np.linalg, name))


cholesky = _lapack("cholesky")
cond = _lapack("cond")
det = _lapack("det")
eig = _lapack("eig")
eigh = _lapack("eigh")
eigvals = _lapack("eigvals")
eigvalsh = _lapack("eigvalsh")
inv = _lapack("inv")
lstsq = _lapack("lstsq")
matrix_rank = _lapack("matrix_rank")
pinv = _lapack("pinv")
qr = _lapack("qr")
slogdet = _lapack("slogdet")
solve = _lapack("solve")
svd = _lapack("svd")
svdvals = _lapack("svdvals")
tensorinv = _lapack("tensorinv")
tensorsolve = _lapack("tensorsolve")

__getattr__ = fallback.FallbackModule("linalg", np.linalg).__getattr__


def _numpy(name: str, *args: Any, **kwargs: Any) -> Any:
    """``numpy.linalg.<name>`` as a library call (for inputs kernels cannot compute)."""
    return _lapack(name)(*args, **kwargs)


def _computable(*values: object) -> bool:
    """Whether this module's lazy compositions apply: real dtypes kernels compute."""
    return library.computable(*values) and all(
        np.result_type(v).kind != "c" and np.result_type(v) != np.float16
        for v in (v.dtype if isinstance(v, ndarray) else v for v in values))


def _as_float(x: object) -> ndarray:
    """``x`` as NumPy's norms see it: bool and integer arrays become float64."""
    x = creation.asarray(x)
    return x.astype(np.float64) if x.dtype.kind in "biu" else x


def _vector_norm(x: ndarray, axes: tuple, ord: object, keepdims: bool) -> ndarray:
    """Vector norm of order ``ord`` over ``axes`` (NumPy's formulas)."""
    if isinstance(ord, str):
        raise ValueError(f"Invalid norm order '{ord}' for vectors")
    if ord == np.inf:
        return reductions.max(_abs(x), axes, keepdims=keepdims)
    if ord == -np.inf:
        return reductions.min(_abs(x), axes, keepdims=keepdims)
    if ord == 0:
        return reductions.sum(_ne(x, 0).astype(x.dtype), axes, keepdims=keepdims)
    if ord == 1:
        return reductions.sum(_abs(x), axes, keepdims=keepdims)
    if ord is None or ord == 2:
        return _sqrt(reductions.sum(_mul(x, x), axes, keepdims=keepdims))
    powered = _pow(_abs(x), ord)   # NumPy: absx **= ord, in place
    total = reductions.sum(powered.astype(x.dtype, copy=False), axes, keepdims=keepdims)
    return _pow(total, np.reciprocal(ord, dtype=total.dtype)).astype(total.dtype, copy=False)


def _matrix_norm(x: ndarray, axis: tuple, ord: object, keepdims: bool) -> ndarray:
    """Matrix norm over the (row, column) axes ``axis``, as numpy.linalg.norm."""
    row, col = (normalize_axis_index(a, x.ndim) for a in axis)
    if row == col:
        raise ValueError("Duplicate axes given.")
    if ord in (2, -2, "nuc"):
        singular = svdvals(manipulation.moveaxis(x, (row, col), (-2, -1)))
        ret = {2: reductions.max, -2: reductions.min, "nuc": reductions.sum}[ord](singular, -1)
    elif ord in (1, -1):
        pick = reductions.max if ord == 1 else reductions.min
        ret = pick(reductions.sum(_abs(x), row), col - (col > row))
    elif ord in (np.inf, -np.inf):
        pick = reductions.max if ord == np.inf else reductions.min
        ret = pick(reductions.sum(_abs(x), col), row - (row > col))
    elif ord in (None, "fro", "f"):
        ret = _sqrt(reductions.sum(_mul(x, x), (row, col)))
    else:
        raise ValueError("Invalid norm order for matrices.")
    if keepdims:
        shape = list(x.shape)
        shape[row] = shape[col] = 1
        ret = manipulation.reshape(ret, tuple(shape))
    return ret


def norm(x: object, ord: object = None, axis: object = None, keepdims: bool = False) -> ndarray:
    """``numpy.linalg.norm``: vector norms over one axis, matrix norms over
    two, NumPy's defaults for ``axis=None`` (see the module docstring for
    which orders fuse)."""
    if not _computable(x):
        return _numpy("norm", x, ord, axis, keepdims)
    x = _as_float(x)
    if not x.size:
        return _numpy("norm", x, ord, axis, keepdims)
    if axis is None:
        if ord is None or (ord in ("f", "fro") and x.ndim == 2) or (ord == 2 and x.ndim == 1):
            return _vector_norm(x, tuple(range(x.ndim)), 2, keepdims)
        axis = tuple(range(x.ndim))
    elif not isinstance(axis, tuple):
        try:
            axis = (int(axis),)
        except Exception as e:
            raise TypeError("'axis' must be None, an integer or a tuple of integers") from e
    if len(axis) == 1:
        return _vector_norm(x, axis, ord, keepdims)
    if len(axis) == 2:
        return _matrix_norm(x, axis, ord, keepdims)
    raise ValueError("Improper number of dimensions to norm.")


def vector_norm(x: object, /, *, axis: object = None, keepdims: bool = False,
                ord: object = 2) -> ndarray:
    """``numpy.linalg.vector_norm``: over one axis, several, or all (``None``)."""
    if not _computable(x):
        return _numpy("vector_norm", x, axis=axis, keepdims=keepdims, ord=ord)
    x = _as_float(x)
    if not x.size:
        return _numpy("vector_norm", x, axis=axis, keepdims=keepdims, ord=ord)
    axes = tuple(range(x.ndim)) if axis is None else normalize_axis_tuple(axis, x.ndim)
    return _vector_norm(x, axes, ord, keepdims)


def matrix_norm(x: object, /, *, keepdims: bool = False, ord: object = "fro") -> ndarray:
    """``numpy.linalg.matrix_norm``: the norm over the last two axes."""
    return norm(x, ord, (-2, -1), keepdims)


def vecdot(x1: object, x2: object, /, *, axis: int = -1) -> ndarray:
    """``numpy.linalg.vecdot``: sum of products along ``axis`` (of each
    operand), broadcasting the other axes (``lazyarray.vecdot``, fused)."""
    if not _computable(x1, x2):
        return _numpy("vecdot", x1, x2, axis=axis)
    return contractions.vecdot(x1, x2, axis=axis)


def _assert_stacked_square(a: ndarray) -> None:
    if a.ndim < 2:
        raise LinAlgError(f"{a.ndim}-dimensional array given. Array must be at least "
                          "two-dimensional")
    if a.shape[-1] != a.shape[-2]:
        raise LinAlgError("Last 2 dimensions of the array must be square")


def matrix_power(a: object, n: int) -> ndarray:
    """``numpy.linalg.matrix_power``: NumPy's sequence of matmuls (repeated
    squaring), each a lazy matmul; negative powers invert first."""
    if not _computable(a):
        return _numpy("matrix_power", a, n)
    a = creation.asarray(a)
    _assert_stacked_square(a)
    try:
        n = operator.index(n)
    except TypeError as e:
        raise TypeError("exponent must be an integer") from e
    if n == 0:
        eye = creation.asarray(np.eye(a.shape[-1], dtype=a.dtype))
        return creation.array(manipulation.broadcast_to(eye, a.shape))
    if n < 0:
        a, n = inv(a), -n
    if n == 1:
        return a
    if n == 2:
        return matmul(a, a)
    if n == 3:
        return matmul(matmul(a, a), a)
    z = result = None
    while n > 0:
        z = a if z is None else matmul(z, z)
        n, bit = divmod(n, 2)
        if bit:
            result = z if result is None else matmul(result, z)
    return result


def _chain_order(shapes: list[tuple[int, int]]) -> list[list[int]]:
    """NumPy's optimal matrix-chain split points (Cormen's dynamic program)."""
    n = len(shapes)
    p = [s[0] for s in shapes] + [shapes[-1][1]]
    cost = [[0] * n for _ in range(n)]
    split = [[0] * n for _ in range(n)]
    for length in range(1, n):
        for i in range(n - length):
            j = i + length
            cost[i][j] = float("inf")
            for k in range(i, j):
                q = cost[i][k] + cost[k + 1][j] + p[i] * p[k + 1] * p[j + 1]
                if q < cost[i][j]:
                    cost[i][j], split[i][j] = q, k
    return split


def _chain(arrays: list[ndarray], split: list[list[int]], i: int, j: int) -> ndarray:
    if i == j:
        return arrays[i]
    k = split[i][j]
    return contractions.dot(_chain(arrays, split, i, k), _chain(arrays, split, k + 1, j))


def multi_dot(arrays: object, *, out: object = None) -> ndarray:
    """``numpy.linalg.multi_dot``: lazy matmuls in NumPy's cheapest order (so
    the result rounds as NumPy's does up to the order of each sum)."""
    if not _computable(*arrays):
        return _numpy("multi_dot", arrays, out=out)
    arrays = [creation.asarray(a) for a in arrays]
    n = len(arrays)
    if n < 2:
        raise ValueError("Expecting at least two arrays.")
    if n == 2:
        result = contractions.dot(arrays[0], arrays[1])
    else:
        first, last = arrays[0].ndim, arrays[-1].ndim
        if out is not None and 1 in (first, last):
            raise NotImplementedError("lazyarray.linalg.multi_dot: out= with 1-D end arrays")
        if first == 1:
            arrays[0] = manipulation.reshape(arrays[0], (1, -1))
        if last == 1:
            arrays[-1] = manipulation.reshape(arrays[-1], (-1, 1))
        for a in arrays:
            if a.ndim != 2:
                raise LinAlgError(f"{a.ndim}-dimensional array given. Array must be "
                                  "two-dimensional")
        result = _chain(arrays, _chain_order([a.shape for a in arrays]), 0, n - 1)
        if first == 1 or last == 1:
            result = manipulation.reshape(result, result.shape[first == 1:2 - (last == 1)])
    if out is None:
        return result
    if not isinstance(out, ndarray) or out.dtype != result.dtype or out.shape != result.shape:
        raise ValueError("output array is not acceptable (must have the right datatype, "
                         "number of dimensions, and be a C-contiguous array)")
    out._assign(result._node)
    return out


def diagonal(x: object, /, *, offset: int = 0) -> ndarray:
    """``numpy.linalg.diagonal``: the diagonals of the last two axes, a
    read-only view as in NumPy (a copy for dtypes the kernels lack)."""
    if not _computable(x):
        return _numpy("diagonal", x, offset=offset)
    return manipulation._view(x, np.linalg.diagonal, offset=offset)


def trace(x: object, /, *, offset: int = 0, dtype: object = None) -> ndarray:
    """``numpy.linalg.trace``: sums of the diagonals of the last two axes
    (accumulated in NumPy's dtype)."""
    if not _computable(x):
        return _numpy("trace", x, offset=offset, dtype=dtype)
    return reductions.sum(diagonal(x, offset=offset), -1, dtype=dtype)


def outer(x1: object, x2: object, /) -> ndarray:
    """``numpy.linalg.outer`` of two 1-D arrays (a broadcast multiply)."""
    if not _computable(x1, x2):
        return _numpy("outer", x1, x2)
    a, b = creation.asarray(x1), creation.asarray(x2)
    if a.ndim != 1 or b.ndim != 1:
        raise ValueError("Input arrays must be one-dimensional, but they are "
                         f"x1.ndim={a.ndim} and x2.ndim={b.ndim}.")
    return contractions.outer(a, b)


def tensordot(x1: object, x2: object, /, *, axes: object = 2) -> ndarray:
    """``numpy.linalg.tensordot`` (``lazyarray.tensordot``, fused)."""
    if not _computable(x1, x2):
        return _numpy("tensordot", x1, x2, axes=axes)
    return contractions.tensordot(x1, x2, axes)


def cross(x1: object, x2: object, /, *, axis: int = -1) -> ndarray:
    """``numpy.linalg.cross`` of 3-element vectors along ``axis``
    (``numpy.cross``, fused: ``lazyarray.cross``)."""
    if not _computable(x1, x2):
        return _numpy("cross", x1, x2, axis=axis)
    a, b = creation.asarray(x1), creation.asarray(x2)
    if a.shape[axis] != 3 or b.shape[axis] != 3:
        raise ValueError("Both input arrays must be (arrays of) 3-dimensional vectors, but they "
                         f"are {a.shape[axis]} and {b.shape[axis]} dimensional instead.")
    return contractions.cross(a, b, axis=axis)
