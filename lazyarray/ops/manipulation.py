"""Shape manipulation that NumPy answers with views: reshape, ravel, flatten,
transpose, swapaxes, moveaxis, squeeze, expand_dims, broadcast_to,
broadcast_arrays, atleast_1d/2d/3d, flip, fliplr, flipud, rot90, diagonal,
``ndarray.view``.

Each is computed on the array's dummy by NumPy (``lazyarray.views``), so
results are views exactly where NumPy gives views, with NumPy's strides,
flags (read-only for ``broadcast_to`` and ``diagonal``) and errors; a reshape
that NumPy must copy becomes a ``RESHAPE`` of the array's values (``order='F'``:
between two transposes).
"""
from __future__ import annotations

import builtins
import warnings
from typing import Callable

import numpy as np

from ..array import handle, ndarray, view
from ..dtypes import check_kernel_dtype
from ..graph import reshape as reshape_node, transpose as transpose_node
from ..reinterpret import Reinterpreted, reinterpret
from .creation import asarray


def _as_view(x: ndarray, dummy: np.ndarray) -> ndarray:
    """The view of ``x``'s storage with the geometry of ``dummy`` (``x`` itself
    when NumPy returned the array unchanged; a 0-d copy where NumPy returned
    a scalar)."""
    if dummy is x._dummy:
        return x
    if type(dummy) is not np.ndarray:
        return handle(x._node)
    return view(x if x._base is None else x._base, dummy)


def _view(a: object, fn: Callable, *args: object, **kwargs: object) -> ndarray:
    x = asarray(a)
    return _as_view(x, fn(x._get_dummy(), *args, **kwargs))


def views(a: object, fn: Callable, *args: object, **kwargs: object) -> list[ndarray]:
    """Views of ``a`` for each of the dummies that ``fn(a's dummy, ...)`` returns."""
    x = asarray(a)
    return [_as_view(x, d) for d in fn(x._get_dummy(), *args, **kwargs)]


def _order(x: ndarray, order: str | None) -> str:
    """NumPy's memory order letter for a reshape (``'A'``: F for F-only-contiguous)."""
    if order is None or order in "CFAK" and len(order) == 1:
        order = "C" if order is None else order
    else:
        raise ValueError(f"order must be one of 'C', 'F', 'A', or 'K' (got {order!r})")
    if order == "A":
        flags = x._get_dummy().flags
        return "F" if flags.f_contiguous and not flags.c_contiguous else "C"
    return order


def reshape(a: object, shape: object = None, order: str = "C", *,
            copy: bool | None = None) -> ndarray:
    """``numpy.reshape`` (orders C, F and A): a view when NumPy gives one, else a copy."""
    if shape is None:
        raise TypeError("reshape() missing required argument 'shape' (pos 2)")
    x = asarray(a)
    order = _order(x, order)
    if order == "K":
        raise ValueError("order 'K' is not permitted for reshaping")
    if copy is not True:
        try:
            return _view(x, np.reshape, shape, order=order, copy=False)
        except ValueError:
            if copy is False:
                raise
    new_shape = np.empty(x.shape, np.uint8).reshape(shape).shape   # NumPy's checks and -1
    if order == "C":
        return handle(reshape_node(x._node, new_shape))
    rev = tuple(range(len(x.shape)))[::-1]
    flat = reshape_node(transpose_node(x._node, rev), new_shape[::-1])
    return handle(transpose_node(flat, tuple(range(len(new_shape)))[::-1]))


def _keep_order(x: ndarray) -> ndarray:
    """``x`` with its axes ordered by decreasing stride size (NumPy's stable sort):
    the order in which ``ravel(order='K')`` reads it."""
    strides = x._get_dummy().strides
    return _view(x, np.transpose, sorted(range(len(strides)), key=lambda d: -abs(strides[d])))


def ravel(a: object, order: str = "C") -> ndarray:
    """``numpy.ravel``: a view when the array is contiguous in ``order``, else a copy."""
    return _flat(a, order, None)


def flatten(a: object, order: str = "C") -> ndarray:
    """``ndarray.flatten``: always a copy."""
    return _flat(a, order, True)


def _flat(a: object, order: str, copy: bool | None) -> ndarray:
    x = asarray(a)
    order = _order(x, order)
    if copy is None:
        flat = np.ravel(x._get_dummy(), order)   # NumPy decides: a view or a copy
        if flat.base is not None:
            return _as_view(x, flat)
    if order == "K":
        x, order = _keep_order(x), "C"
    return reshape(x, -1, order, copy=True)


def transpose(a: object, axes: object = None) -> ndarray:
    """``numpy.transpose`` (a view)."""
    return _view(a, np.transpose, axes)


def permute_dims(a: object, axes: tuple[int, ...]) -> ndarray:
    """The array API's ``permute_dims`` (a view)."""
    return _view(a, np.transpose, axes)


def swapaxes(a: object, axis1: int, axis2: int) -> ndarray:
    """``numpy.swapaxes`` (a view)."""
    return _view(a, np.swapaxes, axis1, axis2)


def moveaxis(a: object, source: object, destination: object) -> ndarray:
    """``numpy.moveaxis`` (a view)."""
    return _view(a, np.moveaxis, source, destination)


def squeeze(a: object, axis: object = None) -> ndarray:
    """``numpy.squeeze`` (a view)."""
    return _view(a, np.squeeze, axis)


def expand_dims(a: object, axis: object) -> ndarray:
    """``numpy.expand_dims`` (a view)."""
    return _view(a, np.expand_dims, axis)


def broadcast_to(array: object, shape: object, subok: bool = False) -> ndarray:
    """``numpy.broadcast_to``: a read-only view."""
    return _view(array, np.broadcast_to, shape)


def broadcast_arrays(*args: object, subok: bool = False) -> tuple[ndarray, ...]:
    """``numpy.broadcast_arrays``: views of each array (writeable, as NumPy's)."""
    xs = [asarray(a) for a in args]
    dummies = np.broadcast_arrays(*(x._get_dummy() for x in xs))
    with warnings.catch_warnings():   # NumPy warns when a broadcast result's flag is read
        warnings.simplefilter("ignore")
        for x, d in zip(xs, dummies):
            if d is not x._dummy and d.flags.writeable:
                d.flags.writeable = True   # what NumPy's flag reads, set: no more warnings
    return tuple(_as_view(x, d) for x, d in zip(xs, dummies))


def broadcast_shapes(*shapes: object) -> tuple[int, ...]:
    """``numpy.broadcast_shapes`` (a shape, not an array)."""
    return np.broadcast_shapes(*shapes)


def _each(fn: Callable, arys: tuple) -> ndarray | tuple[ndarray, ...]:
    out = tuple(_view(a, fn) for a in arys)
    return out[0] if len(out) == 1 else out


def atleast_1d(*arys: object) -> ndarray | tuple[ndarray, ...]:
    """``numpy.atleast_1d`` (the array itself, or a view)."""
    return _each(np.atleast_1d, arys)


def atleast_2d(*arys: object) -> ndarray | tuple[ndarray, ...]:
    """``numpy.atleast_2d`` (the array itself, or a view)."""
    return _each(np.atleast_2d, arys)


def atleast_3d(*arys: object) -> ndarray | tuple[ndarray, ...]:
    """``numpy.atleast_3d`` (the array itself, or a view)."""
    return _each(np.atleast_3d, arys)


def flip(m: object, axis: object = None) -> ndarray:
    """``numpy.flip`` (a view with negative strides)."""
    return _view(m, np.flip, axis)


def fliplr(m: object) -> ndarray:
    """``numpy.fliplr``: reverse the second axis (a view)."""
    return _view(m, np.fliplr)


def flipud(m: object) -> ndarray:
    """``numpy.flipud``: reverse the first axis (a view)."""
    return _view(m, np.flipud)


def rot90(m: object, k: int = 1, axes: tuple[int, int] = (0, 1)) -> ndarray:
    """``numpy.rot90`` (a view)."""
    return _view(m, np.rot90, k, axes)


def diagonal(a: object, offset: int = 0, axis1: int = 0, axis2: int = 1) -> ndarray:
    """``numpy.diagonal``: a read-only view, as NumPy's."""
    return _view(a, np.diagonal, offset, axis1, axis2)


def view_method(x: ndarray, dtype: object = None, type: object = None) -> ndarray:
    """``ndarray.view``: the same storage, read as ``dtype`` when given (of
    the same item size, not ``bool``); writes through it reach ``x`` and its
    base, and later writes to them are seen by it (``lazyarray.reinterpret``)."""
    if type is not None or isinstance(dtype, builtins.type) and issubclass(dtype, np.ndarray):
        raise NotImplementedError("lazyarray.ndarray.view: type= (lazyarray has one array type)")
    if dtype is None or np.dtype(dtype) == x.dtype:
        return _view(x, np.ndarray.view)
    dtype = np.dtype(dtype)
    if dtype.itemsize != x.dtype.itemsize or {dtype.kind, x.dtype.kind} & {"b", "c"}:
        raise NotImplementedError(f"lazyarray.ndarray.view: {x.dtype} as {dtype} "
                                  "(only same-size, non-bool, non-complex dtypes)")
    check_kernel_dtype(dtype, "view")
    check_kernel_dtype(x.dtype, "view")
    base = reinterpret(x if x._base is None else x._base, dtype)
    return base if x._base is None else view(base, x._get_dummy())


def matrix_transpose(x: object) -> ndarray:
    """The array API's ``matrix_transpose``: swap the last two axes (a view)."""
    return _view(x, np.matrix_transpose)


def _storage(a: object) -> tuple[object, np.ndarray]:
    """(base array, dummy with this array's geometry) of a lazyarray array."""
    x = asarray(a)
    base = x if x._base is None else x._base
    if isinstance(base, Reinterpreted):     # the storage of another base, as another dtype
        base = base._target
    return base, x._get_dummy()


def shares_memory(a: object, b: object, max_work: int | None = None) -> bool:
    """``numpy.shares_memory``: exact, answered by NumPy on the arrays' dummies."""
    base_a, da = _storage(a)
    base_b, db = _storage(b)
    return base_a is base_b and bool(np.shares_memory(da, db, max_work=max_work))


def may_share_memory(a: object, b: object, max_work: int | None = None) -> bool:
    """``numpy.may_share_memory``: views of one base whose bounds overlap."""
    base_a, da = _storage(a)
    base_b, db = _storage(b)
    return base_a is base_b and bool(np.may_share_memory(da, db, max_work=max_work))
