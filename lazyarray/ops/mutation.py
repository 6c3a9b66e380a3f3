"""Whole-array mutation: copyto, putmask, ``ndarray.fill``, ``ndarray.resize``.

Each replaces an array's values by a new node (``ndarray._assign``), so the
write reaches the base of a view and every other view of it, and values
computed before the write keep the old contents, as with ``x[...] = v``.
Conversions and their errors are NumPy's (checked on tiny arrays at the
call); ``where=`` and masks become a ``select`` of the new and old values.
"""
from __future__ import annotations

import gc
import math
import operator

import numpy as np
from numpy.lib.stride_tricks import as_strided

from ..array import handle, ndarray
from ..graph import cast, const_node, reshape
from ..views import c_strides
from .creation import as_node
from .elementwise import where as select
from .indexmaps import assemble, axis_piece, broadcast_into
from .tiling import resize

_SCALARS = (bool, int, float)
_BOOL = np.dtype(bool)


def copyto(dst: ndarray, src: object, casting: str = "same_kind", where: object = True) -> None:
    """``numpy.copyto``: write ``src`` (broadcast, cast under ``casting``) into
    ``dst`` where ``where`` is true."""
    if not isinstance(dst, ndarray):
        raise TypeError(f"copyto() argument 1 must be a lazyarray.ndarray, "
                        f"not {type(dst).__name__}")
    if type(src) in _SCALARS:   # a weak Python scalar: NumPy's rules and errors
        np.copyto(np.empty(0, dst.dtype), src, casting=casting)
        node = const_node(src, dst.dtype)
    else:
        node = as_node(src)
        np.copyto(np.empty(0, dst.dtype), np.empty(0, node.dtype), casting=casting)
        node = broadcast_into(cast(node, dst.dtype), dst.shape, "input array")
    if where is not True:
        mask = broadcast_into(cast(as_node(where), _BOOL), dst.shape, "where mask")
        node = select(handle(mask), handle(node), dst)._node
    dst._assign(node)


def putmask(a: ndarray, mask: object, values: object) -> None:
    """``numpy.putmask``: ``a.flat[i] = values.flat[i % values.size]`` where
    ``mask.flat[i]`` is true (``values`` converted to ``a``'s dtype)."""
    if not isinstance(a, ndarray):
        raise TypeError("putmask: first argument must be an array")
    m = as_node(mask)
    if math.prod(m.shape) != a.size:
        raise ValueError("putmask: mask and data must be the same size")
    vals = cast(values._node if isinstance(values, ndarray) else
                as_node(np.asarray(values, dtype=a.dtype)), a.dtype)
    if not math.prod(vals.shape):
        return
    cyclic = resize(handle(vals), a.shape)
    a._assign(select(handle(reshape(cast(m, _BOOL), a.shape)), cyclic, a)._node)


def fill(self: ndarray, value: object) -> None:
    """``ndarray.fill``: set every element to ``value`` (NumPy's conversion)."""
    one = np.empty(1, self.dtype)
    one.fill(value._value() if isinstance(value, ndarray) else value)
    self._assign(const_node(one.item(), self.dtype))


def resize_inplace(self: ndarray, *new_shape: object, refcheck: bool = True) -> None:
    """``ndarray.resize``: change the array's shape in place; its elements keep
    their row-major order and new ones are zero.  Like NumPy, an array that
    is a view, or that has views, cannot be resized."""
    if self._base is not None:
        raise ValueError("cannot resize this array: it does not own its data")
    if any(isinstance(r, ndarray) and r._base is self for r in gc.get_referrers(self)):
        raise ValueError("cannot resize an array that references or is referenced\n"
                         "by another object in this way.\n"
                         "Use the np.resize function to get a new resized copy")
    if len(new_shape) == 1 and np.iterable(new_shape[0]):
        new_shape = tuple(new_shape[0])
    shape = tuple(operator.index(n) for n in new_shape)
    if any(n < 0 for n in shape):
        raise ValueError("negative dimensions not allowed")
    node = self._node
    flat, size = reshape(node, (math.prod(node.shape),)), math.prod(shape)
    if size <= flat.shape[0]:
        flat = axis_piece(flat, 0, 0, 1, size)
    else:
        flat = assemble([(flat, 0)], 0, (size,), node.dtype)
    self._n = reshape(flat, shape)
    # NumPy gives the resized array C strides, even where it has no elements
    self._dummy = as_strided(np.empty(1, np.uint8), shape, c_strides(shape)) if not size else None
