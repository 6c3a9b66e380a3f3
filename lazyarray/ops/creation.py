"""Array creation and conversion: array, asarray (and its contiguous/Fortran
variants), copy, frombuffer/fromiter, zeros/ones/full/empty(_like), arange,
linspace, logspace, geomspace.

Conversion copies the data into a C-contiguous buffer that lazyarray owns,
so later writes to the source NumPy array cannot change pending lazy values.
A Fortran-ordered result is a transposed view of a C-ordered base that holds
the transpose, so its strides and flags are NumPy's (``base`` is set and
``flags.owndata`` is False where NumPy's own array would own its data).
Constant fills are lazy (a broadcast scalar) and fuse into their consumers;
small ones are made at once.  ``arange``, ``linspace``, ``logspace`` and
``geomspace`` compute their values with NumPy, which defines them (lazy
arguments are evaluated first).
"""
from __future__ import annotations

import math
import operator
import warnings
from typing import Callable

import numpy as np

from .. import library
from ..array import handle, ndarray, view, wrap
from ..config import settings
from ..dtypes import KERNEL_DTYPES, check_held_dtype, check_kernel_dtype
from ..graph import BUFFER, Node, broadcast_to, buffer_node, cast, const_node, reshape, transpose
from ..library import evaluate_inputs, to_numpy


def _own(value: np.ndarray) -> ndarray:
    """A handle owning ``value`` (C-contiguous, not shared with the caller)."""
    check_held_dtype(value.dtype, "asarray")
    return handle(buffer_node(value))


def _transposed_view(base: ndarray) -> ndarray:
    return view(base, base._get_dummy().T)


def _fortran(node: Node) -> ndarray:
    """A Fortran-ordered array of ``node``'s values: the transposed view of a
    C-ordered base holding the transpose."""
    return _transposed_view(wrap(transpose(node, tuple(reversed(range(len(node.shape)))))))


def _wants_fortran(order: str | None, source_f: bool, source_c: bool) -> bool:
    """Whether NumPy lays the result out in Fortran order (``order='K'`` keeps
    only C or Fortran layouts; other strided layouts become C, see ``array``)."""
    if order not in (None, "C", "F", "A", "K"):
        raise ValueError(f"order must be one of 'C', 'F', 'A', or 'K' (got {order!r})")
    if order in ("C", "F"):
        return order == "F"
    return source_f and not source_c   # None is 'K', as in NumPy


def _copy_error() -> ValueError:
    return ValueError("Unable to avoid copy while creating an array as requested "
                      "(lazyarray owns its buffers: a NumPy input or a changed array is copied)")


def _from_lazy(x: ndarray, dtype: np.dtype | None, copy: bool | None, order: str | None,
               ndmin: int) -> ndarray:
    """``array(x, ...)`` of a lazyarray array: ``x`` itself (or a view of it)
    when nothing needs to change and ``copy`` allows it."""
    flags = x.flags
    fortran = _wants_fortran(order, flags.f_contiguous, flags.c_contiguous)
    relayout = (order == "C" and not flags.c_contiguous) or (fortran and not flags.f_contiguous)
    if copy is True or relayout or (dtype is not None and dtype != x.dtype):
        if copy is False:
            raise _copy_error()
        if dtype is not None:
            check_kernel_dtype(dtype, "array")
        node = x._node if dtype is None else cast(x._node, dtype)
        return _laid_out(reshape(node, (1,) * max(0, ndmin - len(node.shape)) + node.shape),
                         fortran)
    if ndmin <= x.ndim:
        return x
    base = x if x._base is None else x._base
    return view(base, x._get_dummy().reshape((1,) * (ndmin - x.ndim) + x.shape))


def array(object: object, dtype: object = None, *, copy: bool | None = True,
          order: str | None = "K", subok: bool = False, ndmin: int = 0) -> ndarray:
    """``numpy.array``.  A NumPy input is always copied (``copy=False`` raises
    ValueError); a lazyarray input is returned itself (or as a view, for
    ``ndmin``) when ``copy`` is not True and nothing changes.  ``order='K'``
    keeps a C or Fortran layout; other strided layouts become C-ordered
    (same values, other strides than NumPy's)."""
    dtype = None if dtype is None else np.dtype(dtype)
    if isinstance(object, ndarray):
        return _from_lazy(object, dtype, copy, order, ndmin)
    if copy is False:
        raise _copy_error()
    value = np.array(object, dtype=dtype, copy=None, ndmin=ndmin)
    fortran = _wants_fortran(order, value.flags.f_contiguous, value.flags.c_contiguous) \
        and value.ndim > 1
    owned = _own(np.array(value.T if fortran else value, order="C", copy=True))
    return _transposed_view(owned) if fortran else owned


def asarray(a: object, dtype: object = None, order: str | None = None, *,
            device: object = None, copy: bool | None = None) -> ndarray:
    """``numpy.asarray``; a NumPy input is copied (see module docstring)."""
    if isinstance(a, ndarray) and dtype is None and order is None and not copy:
        return a
    return array(a, dtype, copy=copy, order=order)


def asanyarray(a: object, dtype: object = None, order: str | None = None, *,
               device: object = None, copy: bool | None = None) -> ndarray:
    """``numpy.asanyarray``: the same as ``asarray`` (lazyarray has no subclasses)."""
    return asarray(a, dtype, order, copy=copy)


def ascontiguousarray(a: object, dtype: object = None) -> ndarray:
    """``numpy.ascontiguousarray``: C-contiguous, at least 1-d."""
    return array(a, dtype, copy=None, order="C", ndmin=1)


def asfortranarray(a: object, dtype: object = None) -> ndarray:
    """``numpy.asfortranarray``: Fortran-contiguous, at least 1-d (a transposed
    view of a C-ordered copy, see module docstring)."""
    return array(a, dtype, copy=None, order="F", ndmin=1)


def copy(a: object, order: str = "K", subok: bool = False) -> ndarray:
    """``numpy.copy``: a new array (lazy arrays are not computed by copying)."""
    return array(a, copy=True, order=order)


def frombuffer(buffer: object, dtype: object = float, count: int = -1, offset: int = 0) -> ndarray:
    """``numpy.frombuffer``: read by NumPy, then copied (the result is writeable
    and does not share the buffer)."""
    return _own(np.array(np.frombuffer(buffer, dtype, count, offset)))


def fromiter(iter: object, dtype: object, count: int = -1) -> ndarray:
    """``numpy.fromiter``: the iterable is consumed by NumPy."""
    return _own(np.fromiter(iter, dtype, count))


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


def _fill_order(order: str) -> bool:
    """Whether a fill with this ``order`` is Fortran-ordered (NumPy's check)."""
    if order not in ("C", "F"):
        if order in ("A", "K"):
            raise ValueError("only 'C' or 'F' order is permitted")
        raise ValueError(f"order must be one of 'C', 'F', 'A', or 'K' (got {order!r})")
    return order == "F"


def _laid_out(node: Node, fortran: bool) -> ndarray:
    """``node`` as a new array, Fortran-ordered if asked (and not 0-d or 1-d)."""
    if fortran and len(node.shape) > 1:
        return _fortran(node)
    return wrap(node)


def full(shape: object, fill_value: object, dtype: object = None, order: str = "C", *,
         device: object = None) -> ndarray:
    """``numpy.full``: lazy broadcast of one value (or of a lazy ``fill_value``)."""
    shape = normalize_shape(shape)
    fortran = _fill_order(order)
    if isinstance(fill_value, ndarray):
        node = fill_value._node
        node = cast(node, node.dtype if dtype is None else np.dtype(dtype))
        np.broadcast_to(np.empty(node.shape, np.uint8), shape)   # NumPy's shape error
        check_kernel_dtype(node.dtype, "full")
        return _laid_out(broadcast_to(node, shape), fortran)
    dtype = np.asarray(fill_value).dtype if dtype is None else np.dtype(dtype)
    if np.ndim(fill_value) != 0 or math.prod(shape) <= settings.eager_threshold \
            or dtype not in KERNEL_DTYPES:
        node = _own(np.full(shape, fill_value, dtype=dtype))._node
    else:
        node = broadcast_to(const_node(np.asarray(fill_value).astype(dtype).item(), dtype), shape)
    return _laid_out(node, fortran)


def zeros(shape: object, dtype: object = float, order: str = "C", *,
          device: object = None) -> ndarray:
    """``numpy.zeros``: lazy (a broadcast zero)."""
    return full(shape, 0, dtype, order)


def ones(shape: object, dtype: object = float, order: str = "C", *,
         device: object = None) -> ndarray:
    """``numpy.ones``: lazy (a broadcast one)."""
    return full(shape, 1, dtype, order)


def empty(shape: object, dtype: object = float, order: str = "C", *,
          device: object = None) -> ndarray:
    """``numpy.empty``: its values are unspecified; lazyarray gives zeros."""
    return full(shape, 0, dtype, order)


def full_like(a: object, fill_value: object, dtype: object = None, order: str = "K",
              subok: bool = True, shape: object = None, *, device: object = None) -> ndarray:
    """``numpy.full_like`` (``order='K'`` or ``'A'`` keeps a Fortran layout of ``a``)."""
    x = a if isinstance(a, ndarray) else np.asarray(a)   # its layout, without a copy
    if order in ("K", "A"):
        flags = x.flags
        order = "F" if flags.f_contiguous and not flags.c_contiguous and shape is None else "C"
    return full(x.shape if shape is None else shape, fill_value,
                x.dtype if dtype is None else dtype, order)


def zeros_like(a: object, dtype: object = None, order: str = "K", subok: bool = True,
               shape: object = None, *, device: object = None) -> ndarray:
    """``numpy.zeros_like``."""
    return full_like(a, 0, dtype, order, shape=shape)


def ones_like(a: object, dtype: object = None, order: str = "K", subok: bool = True,
              shape: object = None, *, device: object = None) -> ndarray:
    """``numpy.ones_like``."""
    return full_like(a, 1, dtype, order, shape=shape)


def empty_like(a: object, dtype: object = None, order: str = "K", subok: bool = True,
               shape: object = None, *, device: object = None) -> ndarray:
    """``numpy.empty_like``: its values are unspecified; lazyarray gives zeros."""
    return full_like(a, 0, dtype, order, shape=shape)


def _numpy_made(fn: Callable, *args: object, **kwargs: object) -> object:
    """``fn`` (a NumPy creation function) on the values of lazy arguments;
    array results are owned by lazyarray, a scalar step is returned as is."""
    evaluate_inputs(args, kwargs)
    result = fn(*to_numpy(args), **to_numpy(kwargs))
    if isinstance(result, tuple):
        return tuple(_own(r) if isinstance(r, np.ndarray) else r for r in result)
    return _own(result)


def arange(*args: object, dtype: object = None, device: object = None,
           **bounds: object) -> ndarray:
    """``numpy.arange`` (``start``, ``stop``, ``step`` positional or by name)."""
    return _numpy_made(np.arange, *args, dtype=dtype, **bounds)


def linspace(start: object, stop: object, num: int = 50, endpoint: bool = True,
             retstep: bool = False, dtype: object = None, axis: int = 0, *,
             device: object = None) -> ndarray | tuple[ndarray, object]:
    """``numpy.linspace`` (array endpoints, ``axis`` and ``retstep`` included)."""
    return _numpy_made(np.linspace, start, stop, num, endpoint=endpoint, retstep=retstep,
                       dtype=dtype, axis=axis)


def logspace(start: object, stop: object, num: int = 50, endpoint: bool = True,
             base: object = 10.0, dtype: object = None, axis: int = 0) -> ndarray:
    """``numpy.logspace``."""
    return _numpy_made(np.logspace, start, stop, num, endpoint=endpoint, base=base, dtype=dtype,
                       axis=axis)


def geomspace(start: object, stop: object, num: int = 50, endpoint: bool = True,
              dtype: object = None, axis: int = 0) -> ndarray:
    """``numpy.geomspace``."""
    return _numpy_made(np.geomspace, start, stop, num, endpoint=endpoint, dtype=dtype, axis=axis)


def astype(x: ndarray, dtype: object, order: str = "K", casting: str = "unsafe",
           subok: bool = True, copy: bool = True) -> ndarray:
    """``ndarray.astype``; a cast that ``casting`` forbids raises NumPy's TypeError,
    complex to real warns as NumPy does (``ComplexWarning``)."""
    dtype = np.dtype(dtype)
    node = x._node
    if not np.can_cast(node.dtype, dtype, casting):
        np.empty(0, node.dtype).astype(dtype, casting=casting)   # NumPy's own error
    if not copy and dtype == node.dtype:
        return x
    if node.dtype not in KERNEL_DTYPES or dtype not in KERNEL_DTYPES:
        check_held_dtype(dtype, "astype")
        return library.call("astype", np.ndarray.astype, x, dtype)
    if node.dtype.kind == "c" and dtype.kind not in "cb":
        warnings.warn("Casting complex values to real discards the imaginary part",
                      np.exceptions.ComplexWarning, stacklevel=2)
    if node.op == BUFFER and node.buffer.size <= settings.eager_threshold:
        return _own(node.buffer.astype(dtype))
    return wrap(cast(node, dtype))
