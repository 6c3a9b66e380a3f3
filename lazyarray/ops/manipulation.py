"""Shape manipulation: reshape, ravel, flatten, transpose, swapaxes, moveaxis,
squeeze, expand_dims, broadcast_to.

Each is computed on the array's dummy by NumPy (``lazyarray.views``), so
results are views exactly where NumPy gives views, with NumPy's errors; a
reshape that NumPy must copy becomes a ``RESHAPE`` of the array's values.
"""
from __future__ import annotations

import numpy as np

from ..array import handle, ndarray, view
from ..graph import reshape as reshape_node
from .creation import asarray


def _view(a: object, fn, *args: object, **kwargs: object) -> ndarray:
    x = asarray(a)
    return view(x if x._base is None else x._base, fn(x._get_dummy(), *args, **kwargs))


def reshape(a: object, shape: object, order: str = "C", *, copy: bool | None = None) -> ndarray:
    """``numpy.reshape`` (C order): a view when NumPy gives one, else a copy."""
    if order != "C":
        raise NotImplementedError(f"lazyarray.reshape: order={order!r}")
    x = asarray(a)
    if copy is not True:
        try:
            return _view(x, np.reshape, shape, copy=False)
        except ValueError:
            if copy is False:
                raise
    new_shape = np.empty(x.shape, np.uint8).reshape(shape).shape   # NumPy's checks and -1
    return handle(reshape_node(x._node, new_shape))


def ravel(a: object, order: str = "C") -> ndarray:
    """``numpy.ravel``: a view when the array is contiguous, else a copy."""
    return reshape(a, -1, order)


def flatten(a: object, order: str = "C") -> ndarray:
    """``ndarray.flatten``: always a copy."""
    return reshape(a, -1, order, copy=True)


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


def matrix_transpose(x: object) -> ndarray:
    """The array API's ``matrix_transpose``: swap the last two axes (a view)."""
    return _view(x, np.matrix_transpose)


def _storage(a: object) -> tuple[object, np.ndarray]:
    """(base array, dummy with this array's geometry) of a lazyarray array."""
    x = asarray(a)
    return (x if x._base is None else x._base), x._get_dummy()


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
