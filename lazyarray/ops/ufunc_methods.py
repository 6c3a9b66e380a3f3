"""NumPy's ufunc methods on lazyarray ufuncs: ``reduce``, ``accumulate``,
``outer``, ``reduceat`` and ``at`` (``lazyarray.add.reduce`` and so on, also
reached from ``numpy.add.reduce(lazy)`` through ``__array_ufunc__``).

* ``reduce`` of a ufunc whose combiner the kernels fold (add, multiply,
  maximum, minimum, logical and bitwise and/or, fmax/fmin) is a ``REDUCE``
  node (``ops.reductions``), so it fuses with its producers (fmax/fmin of
  floats: the max/min of the values with NaN replaced by -inf/+inf, and an
  all-NaN test, two folds); the others (subtract, divide, power, the xors,
  ...) are NumPy's sequential left fold, run as an opaque ``library.call``.
* ``accumulate`` of add and multiply is ``cumsum``/``cumprod`` (which is what
  NumPy's are); the others are library calls.
* ``outer`` is the ufunc on the first operand with one new axis per axis of
  the second: broadcasting, fully fused.
* ``reduceat`` is a library call.
* ``at`` (unbuffered in place: repeated indices accumulate) runs NumPy's
  ``ufunc.at`` on a copy of the array's values, which is then assigned to the
  array, so that its base and every view of it see the write.

Argument checks and errors are NumPy's: a method of a ufunc that is not
binary raises ``ValueError`` at the call; the library calls raise NumPy's own
errors at the call (they evaluate their inputs there).
"""
from __future__ import annotations

from typing import Callable

import numpy as np

from .. import library
from ..array import ndarray, wrap
from ..dtypes import KERNEL_DTYPES
from ..graph import Node, cast, expand_dims
from .creation import as_node, asarray
from .elementwise import Ufunc, where as select
from .reductions import _reduce, finish
from .scans import cumprod, cumsum

_NO_VALUE = np._NoValue
#: ufunc name -> the combiner of its REDUCE node (the kernels fold these)
_COMBINERS = {"add": "add", "multiply": "mul", "maximum": "max", "minimum": "min",
              "logical_and": "and", "logical_or": "or", "bitwise_and": "and", "bitwise_or": "or",
              "fmax": "max", "fmin": "min"}
_SCANS = {"add": cumsum, "multiply": cumprod}


def _binary(uf: Ufunc, method: str, single: bool = True) -> None:
    """NumPy's ValueError for a method of a ufunc that is not binary (or, with
    ``single``, that has more than one output)."""
    if uf.nin != 2:
        raise ValueError(f"{'outer product' if method == 'outer' else method} only supported "
                         "for binary functions")
    if single and uf.nout != 1:
        raise ValueError(f"{method} only supported for functions returning a single value")


def _out(out: object) -> object:
    """``out=`` given as a one-element tuple, as its array."""
    return out[0] if isinstance(out, tuple) and len(out) == 1 else out


def _library(uf: Ufunc, method: str) -> Callable:
    """NumPy's ``ufunc.<method>`` as an opaque library call (``out=`` filled as NumPy would)."""
    return library.function(f"{uf.__name__}.{method}", getattr(uf.ufunc, method))


def _native_reduce(uf: Ufunc, dtype: np.dtype, requested: object, initial: object) -> str | None:
    """The combiner of a ``REDUCE`` node that computes ``uf.reduce`` here, or None."""
    combiner = _COMBINERS.get(uf.__name__)
    if combiner is None or dtype not in KERNEL_DTYPES or initial is None or initial != initial:
        return None        # (initial=None: "no initial value", NumPy's errors for empty input;
                           # a NaN initial: NumPy's NaN rules of each ufunc)
    if requested is not None and np.dtype(requested) not in KERNEL_DTYPES:
        return None
    return combiner


def reduce(uf: Ufunc, array: object, axis: object = 0, dtype: object = None, out: object = None,
           keepdims: bool = False, initial: object = _NO_VALUE, where: object = True) -> ndarray:
    """``ufunc.reduce``: see the module docstring."""
    _binary(uf, "reduce")
    node = as_node(array)
    out = _out(out)
    combiner = _native_reduce(uf, node.dtype, dtype, initial)
    if combiner is None:
        kwargs = {"keepdims": keepdims, "where": where}
        if initial is not _NO_VALUE:
            kwargs["initial"] = initial
        return _library(uf, "reduce")(wrap(node), axis=axis, dtype=dtype, out=out, **kwargs)
    if not node.shape and isinstance(axis, int) and axis in (0, -1):
        axis = ()          # NumPy reduces a 0-d array over its "axis 0": nothing
    loop = node.dtype if dtype is None else np.dtype(dtype)
    if uf.__name__ in ("fmax", "fmin") and loop.kind == "f":
        return _nan_ignoring(uf, node, axis, dtype, out, keepdims, initial, where)
    return _reduce(f"{uf.__name__}.reduce", uf.ufunc, combiner, wrap(node), axis, dtype, out,
                   keepdims, None if initial is _NO_VALUE else initial,
                   None if where is True else where)


def _nan_ignoring(uf: Ufunc, node: Node, axis: object, dtype: object, out: object,
                  keepdims: bool, initial: object, where: object) -> ndarray:
    """fmax/fmin.reduce of floats: the max/min fold of the values with NaN replaced
    by -inf/+inf (and ``initial``), NaN where every value folded is NaN."""
    x = wrap(node if dtype is None else cast(node, np.dtype(dtype)))
    is_max = uf.__name__ == "fmax"
    nan = x != x
    mask = None if where is True else where
    name = f"{uf.__name__}.reduce"
    result = _reduce(name, np.maximum if is_max else np.minimum, "max" if is_max else "min",
                     select(nan, -np.inf if is_max else np.inf, x), axis, None, None, keepdims,
                     None if initial is _NO_VALUE else initial, mask)
    if initial is _NO_VALUE:
        all_nan = _reduce(name, np.logical_and, "and", nan, axis, None, None, keepdims, None, mask)
        result = select(all_nan, np.nan, result).astype(result.dtype)
    return finish(result, out, uf.__name__)


def accumulate(uf: Ufunc, array: object, axis: int = 0, dtype: object = None,
               out: object = None) -> ndarray:
    """``ufunc.accumulate``: see the module docstring."""
    _binary(uf, "accumulate")
    scan = _SCANS.get(uf.__name__)
    x = asarray(array)
    if scan is None or not x.ndim or not isinstance(axis, int):
        return _library(uf, "accumulate")(x, axis=axis, dtype=dtype, out=_out(out))
    return scan(x, axis=np.lib.array_utils.normalize_axis_index(axis, x.ndim), dtype=dtype,
                out=_out(out))


def outer(uf: Ufunc, a: object, b: object, **kwargs: object) -> ndarray | tuple:
    """``ufunc.outer``: ``uf(a[..., None, ...], b)`` with one new axis per axis of ``b``."""
    _binary(uf, "outer", single=False)
    na, nb = as_node(a), as_node(b)
    ndim = len(na.shape)
    return uf(wrap(expand_dims(na, tuple(range(ndim, ndim + len(nb.shape))))), wrap(nb),
              **kwargs)


def reduceat(uf: Ufunc, array: object, indices: object, axis: int = 0, dtype: object = None,
             out: object = None) -> ndarray:
    """``ufunc.reduceat`` (an opaque library call)."""
    _binary(uf, "reduceat")
    return _library(uf, "reduceat")(array, indices, axis=axis, dtype=dtype, out=_out(out))


def at(uf: Ufunc, a: object, indices: object, b: object = None) -> None:
    """``ufunc.at``: ``a[indices] = uf(a[indices], b)`` unbuffered, written to ``a``."""
    if not isinstance(a, ndarray):
        raise TypeError("first operand must be array (a lazyarray.ndarray)")
    if not a.flags.writeable:
        raise ValueError("output array is read-only")
    fn = uf.ufunc

    def on_copy(values: np.ndarray, indices: object, *b: object) -> np.ndarray:
        values = values.copy()
        fn.at(values, indices, *b)
        return values

    a._assign(library.call(f"{uf.__name__}.at", on_copy, a, indices,
                           *(() if b is None else (b,)))._node)
