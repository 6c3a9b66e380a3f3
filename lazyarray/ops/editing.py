"""Inserting and deleting along an axis: insert, delete, append.

``delete`` keeps the indices that NumPy's own ``delete`` keeps of an
``arange``; ``insert`` joins the array and its (converted, broadcast) new
values along the axis and reorders them by the map NumPy's ``insert`` gives
for ``arange``s.  Both maps become a few affine runs
(``lazyarray.ops.indexmaps``), so the errors and the order are NumPy's; a map
with too many runs (scattered indices) is an opaque library call.
"""
from __future__ import annotations

import math

import numpy as np
from numpy.lib.array_utils import normalize_axis_index

from .. import library
from ..array import ndarray, wrap
from ..graph import Node, cast, reshape, transpose
from .creation import as_node
from .elementwise import eager_result
from .indexmaps import assemble, broadcast_into, small_and_computed, take_runs
from .joining import concatenate
from .manipulation import ravel


def _on_axis(node: Node, axis: int | None) -> tuple[Node, int]:
    """The array and the normalized axis (the flattened array for ``axis=None``)."""
    if axis is None:
        return reshape(node, (math.prod(node.shape),)), 0
    return node, normalize_axis_index(axis, len(node.shape))


def _index_map(fn, n: int, axis: int, *args: object) -> np.ndarray:
    """NumPy's ``fn(arange(n), *args)``, with its errors naming ``axis``."""
    try:
        return fn(np.arange(n), *args)
    except IndexError as err:
        raise IndexError(str(err).replace("axis 0", f"axis {axis}")) from None


def _taken(node: Node, index: np.ndarray, axis: int, name: str, *call: object) -> ndarray:
    out = take_runs(node, index, axis)
    if out is None:
        return library.call(name, getattr(np, name), *call)
    return wrap(out)


def delete(arr: object, obj: object, axis: int | None = None) -> ndarray:
    """``numpy.delete`` (int, slice, integer or boolean array ``obj``)."""
    node, ax = _on_axis(as_node(arr), axis)
    keep = _index_map(np.delete, node.shape[ax], ax, obj)
    shape = node.shape[:ax] + (len(keep),) + node.shape[ax + 1:]
    if small_and_computed([node], shape):
        return eager_result(np.delete(node.buffer, obj, ax))
    return _taken(node, keep, ax, "delete", wrap(node), obj, ax)


def insert(arr: object, obj: object, values: object, axis: int | None = None) -> ndarray:
    """``numpy.insert`` (int, slice, integer or boolean array ``obj``)."""
    node, ax = _on_axis(as_node(arr), axis)
    ndim, n = len(node.shape), node.shape[ax]
    given = as_node(values)
    vals = cast(given, node.dtype)
    vals = reshape(vals, (1,) * (ndim - len(vals.shape)) + vals.shape)
    positions = np.array(obj) if not isinstance(obj, slice) else None
    if positions is not None and positions.size == 1 and positions.ndim == 0 and ndim:
        vals = transpose(vals, tuple(range(1, ax + 1)) + (0,) +
                         tuple(range(ax + 1, len(vals.shape))))   # NumPy's moveaxis(0, ax)
    if positions is None or positions.size != 1:
        count = len(range(*obj.indices(n))) if positions is None else \
            (int(positions.sum()) if positions.dtype == bool else positions.size)
    else:
        count = vals.shape[ax]
    region = node.shape[:ax] + (count,) + node.shape[ax + 1:]
    vals = broadcast_into(vals, region, "input array")
    order = _index_map(np.insert, n, ax, obj, np.arange(n, n + count))
    joined = node.shape[:ax] + (n + count,) + node.shape[ax + 1:]
    both = assemble([(node, 0), (vals, n)], ax, joined, node.dtype)
    if small_and_computed([node, given], joined):
        return eager_result(np.insert(node.buffer, obj, given.buffer, ax))
    return _taken(both, order, ax, "insert", wrap(node), obj, wrap(given), ax)


def append(arr: object, values: object, axis: int | None = None) -> ndarray:
    """``numpy.append``: ``concatenate`` (of the flattened arrays for ``axis=None``)."""
    if axis is None:
        arr, values, axis = ravel(arr), ravel(values), 0
    return concatenate((arr, values), axis=axis)
