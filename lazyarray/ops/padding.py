"""``numpy.pad``: modes constant, empty, edge, wrap, reflect and symmetric.

The array is padded one axis at a time, as NumPy pads it (corners come from
the already padded axes).  ``constant`` and ``empty`` write the array into a
fill (``UPDATE``); the other modes are index maps along each axis, computed
by NumPy's own ``pad`` on an ``arange`` and assembled from affine runs
(``lazyarray.ops.indexmaps``).  Pads so wide that an axis's map has more
than ``MAX_RUNS`` runs go through an opaque library call.  The statistic and
ramp modes (maximum, minimum, mean, median, linear_ramp), ``reflect_type='odd'``
and callable modes raise NotImplementedError.
"""
from __future__ import annotations

from typing import Callable

import numpy as np

from .. import library
from ..array import ndarray, wrap
from ..dtypes import check_kernel_dtype
from ..graph import Node, broadcast_to, const_node
from .creation import as_node
from .elementwise import eager_result
from .indexmaps import assemble, small_and_computed, take_runs

_KWARGS = {"constant": ("constant_values",), "empty": (), "edge": (), "wrap": (),
           "reflect": ("reflect_type",), "symmetric": ("reflect_type",),
           "linear_ramp": ("end_values",), "maximum": ("stat_length",),
           "mean": ("stat_length",), "median": ("stat_length",), "minimum": ("stat_length",)}
_INDEX_MODES = frozenset({"edge", "wrap", "reflect", "symmetric"})


def _pairs(x: object, ndim: int, as_index: bool = False) -> np.ndarray:
    """NumPy's ``_as_pairs``: ``x`` as one (before, after) pair per axis."""
    x = np.array(x)
    if as_index:
        x = np.round(x).astype(np.intp)
    if x.ndim < 3 and x.size in (1, 2) and not (x.size == 2 and x.shape == (2, 1)):
        x = x.ravel()
        x = x[[0, 0]] if x.size == 1 else x
    if as_index and x.size and x.min() < 0:
        raise ValueError("index can't contain negative values")
    return np.broadcast_to(x, (ndim, 2))


def pad(array: object, pad_width: object, mode: str | Callable = "constant",
        **kwargs: object) -> ndarray:
    """``numpy.pad`` (see the module docstring for the modes lazyarray computes)."""
    node = as_node(array)
    ndim = len(node.shape)
    widths = np.asarray(pad_width)
    if widths.dtype.kind != "i":
        raise TypeError("`pad_width` must be of integral type.")
    widths = _pairs(widths, ndim, as_index=True).tolist()
    if callable(mode):
        raise NotImplementedError("lazyarray.pad: a callable mode")
    if mode not in _KWARGS:
        raise ValueError(f"mode '{mode}' is not supported")
    unsupported = set(kwargs) - set(_KWARGS[mode])
    if unsupported:
        raise ValueError(f"unsupported keyword arguments for mode '{mode}': {unsupported}")
    if mode not in _INDEX_MODES | {"constant", "empty"} or kwargs.get("reflect_type", "even") != "even":
        raise NotImplementedError(f"lazyarray.pad: mode {mode!r}" +
                                  (" with reflect_type='odd'" if mode in _INDEX_MODES else ""))
    check_kernel_dtype(node.dtype, "pad")
    shape = tuple(n + b + a for n, (b, a) in zip(node.shape, widths))
    if small_and_computed([node], shape):
        return eager_result(np.pad(node.buffer, pad_width, mode, **kwargs))
    if mode in ("constant", "empty"):
        values = _pairs(kwargs.get("constant_values", 0), ndim)
        with np.errstate(all="ignore"):
            values = values.astype(node.dtype).tolist()
        for axis, ((before, after), (v0, v1)) in enumerate(zip(widths, values)):
            node = _pad_constant(node, axis, before, after, v0, v1)
        return wrap(node)
    maps = [np.pad(np.arange(n), w, mode) for n, w in zip(node.shape, widths)]
    for axis, index in enumerate(maps):
        if len(index) != node.shape[axis]:
            padded = take_runs(node, index, axis)
            if padded is None:
                return library.call("pad", np.pad, array, pad_width, mode, **kwargs)
            node = padded
    return wrap(node)


def _pad_constant(node: Node, axis: int, before: int, after: int, v0: object,
                  v1: object) -> Node:
    """``node`` padded along ``axis`` with ``before`` copies of ``v0`` and
    ``after`` copies of ``v1``."""
    if not before and not after:
        return node
    n = node.shape[axis]
    def part(size: int) -> tuple:
        return node.shape[:axis] + (size,) + node.shape[axis + 1:]
    pieces = [(node, before)]
    if after and v1 != v0:
        pieces.append((broadcast_to(const_node(v1, node.dtype), part(after)), before + n))
    return assemble(pieces, axis, part(before + n + after), node.dtype, v0)
