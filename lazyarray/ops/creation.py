"""Array creation and conversion: asarray, array, zeros/ones/full/empty(_like),
arange, linspace.

Conversion copies the data into a C-contiguous buffer that lazyarray owns,
so later writes to the source NumPy array cannot change pending lazy values.
Constant fills are lazy (a broadcast scalar) and fuse into their consumers;
small ones are made at once.  ``arange`` and ``linspace`` compute their
values with NumPy, which defines them.
"""
from __future__ import annotations

import math
import operator

import numpy as np

from .. import library
from ..array import handle, ndarray, wrap
from ..config import settings
from ..dtypes import KERNEL_DTYPES, check_held_dtype
from ..graph import BUFFER, Node, broadcast_to, buffer_node, cast, const_node

def _own(value: np.ndarray) -> ndarray:
    """A handle owning ``value`` (C-contiguous, not shared with the caller)."""
    check_held_dtype(value.dtype, "asarray")
    return handle(buffer_node(value))


def asarray(a: object, dtype: object = None, order: str | None = None, *,
            copy: bool | None = None) -> ndarray:
    """``numpy.asarray``; a NumPy input is copied (see module docstring)."""
    if isinstance(a, ndarray):
        if dtype is None or np.dtype(dtype) == a.dtype:
            return a
        return a.astype(dtype)
    if order not in (None, "C", "K", "A"):
        raise NotImplementedError(f"lazyarray.asarray: order={order!r}")
    if copy is False:
        raise ValueError("lazyarray.asarray: copy=False is not possible: "
                         "lazyarray always owns its buffers")
    return _own(np.array(a, dtype=dtype, order="C", copy=True))


def array(obj: object, dtype: object = None, *, copy: bool = True, order: str = "K",
          ndmin: int = 0) -> ndarray:
    """``numpy.array``."""
    if isinstance(obj, ndarray) and ndmin <= obj.ndim:
        result = asarray(obj, dtype=dtype)
        return handle(result._node) if copy and result is obj else result
    if isinstance(obj, ndarray):
        obj = obj._value()
    return _own(np.array(obj, dtype=dtype, order="C", copy=True, ndmin=ndmin))


def as_node(x: object) -> Node:
    """The graph node of an array-like (scalars become 0-d arrays, as in NumPy)."""
    return x._node if isinstance(x, ndarray) else asarray(x)._node


def normalize_shape(shape: object) -> tuple[int, ...]:
    if isinstance(shape, (int, np.integer)):
        shape = (shape,)
    shape = tuple(operator.index(n) for n in shape)
    if any(n < 0 for n in shape):
        raise ValueError("negative dimensions are not allowed")
    return shape


def full(shape: object, fill_value: object, dtype: object = None, order: str = "C") -> ndarray:
    """``numpy.full``: lazy broadcast of one value."""
    shape = normalize_shape(shape)
    if isinstance(fill_value, ndarray):
        fill_value = fill_value._value()
    dtype = np.asarray(fill_value).dtype if dtype is None else np.dtype(dtype)
    if np.ndim(fill_value) != 0 or math.prod(shape) <= settings.eager_threshold \
            or dtype not in KERNEL_DTYPES:    # (float16, complex: held, not computed by kernels)
        return _own(np.full(shape, fill_value, dtype=dtype))
    return wrap(broadcast_to(const_node(np.asarray(fill_value).astype(dtype).item(), dtype), shape))


def zeros(shape: object, dtype: object = float, order: str = "C") -> ndarray:
    return full(shape, 0, dtype)


def ones(shape: object, dtype: object = float, order: str = "C") -> ndarray:
    return full(shape, 1, dtype)


def empty(shape: object, dtype: object = float, order: str = "C") -> ndarray:
    """``numpy.empty``: its values are unspecified; lazyarray gives zeros."""
    return full(shape, 0, dtype)


def _like(a: object, dtype: object, shape: object) -> tuple[tuple[int, ...], np.dtype]:
    node = as_node(a)
    return (node.shape if shape is None else normalize_shape(shape),
            node.dtype if dtype is None else np.dtype(dtype))


def full_like(a: object, fill_value: object, dtype: object = None, order: str = "K",
              subok: bool = True, shape: object = None) -> ndarray:
    shape, dtype = _like(a, dtype, shape)
    return full(shape, fill_value, dtype)


def zeros_like(a: object, dtype: object = None, order: str = "K", subok: bool = True,
               shape: object = None) -> ndarray:
    return full_like(a, 0, dtype, shape=shape)


def ones_like(a: object, dtype: object = None, order: str = "K", subok: bool = True,
              shape: object = None) -> ndarray:
    return full_like(a, 1, dtype, shape=shape)


def empty_like(a: object, dtype: object = None, order: str = "K", subok: bool = True,
               shape: object = None) -> ndarray:
    return full_like(a, 0, dtype, shape=shape)


def arange(*args: object, dtype: object = None) -> ndarray:
    """``numpy.arange``."""
    return _own(np.arange(*args, dtype=dtype))


def linspace(start: object, stop: object, num: int = 50, endpoint: bool = True,
             retstep: bool = False, dtype: object = None, axis: int = 0):
    """``numpy.linspace``."""
    result = np.linspace(start, stop, num, endpoint=endpoint, retstep=retstep, dtype=dtype,
                         axis=axis)
    if retstep:
        return _own(result[0]), result[1]
    return _own(result)


def astype(x: ndarray, dtype: object, order: str = "K", casting: str = "unsafe",
           subok: bool = True, copy: bool = True) -> ndarray:
    """``ndarray.astype``; a cast that ``casting`` forbids raises NumPy's TypeError.
    Casts to or from float16 and complex run through NumPy (not fused)."""
    dtype = np.dtype(dtype)
    node = x._node
    if not np.can_cast(node.dtype, dtype, casting):
        np.empty(0, node.dtype).astype(dtype, casting=casting)   # NumPy's own error
    if not copy and dtype == node.dtype:
        return x
    if node.dtype not in KERNEL_DTYPES or dtype not in KERNEL_DTYPES:
        check_held_dtype(dtype, "astype")
        return library.call("astype", np.ndarray.astype, x, dtype)
    if node.op == BUFFER and node.buffer.size <= settings.eager_threshold:
        return _own(node.buffer.astype(dtype))
    return wrap(cast(node, dtype))
