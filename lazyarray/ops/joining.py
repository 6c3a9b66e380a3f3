"""Joining arrays: concatenate, stack, hstack, vstack, dstack, column_stack, block.

The result is built as successive region writes (``UPDATE``) of each input
into a fill, so joining fuses with the producers of its inputs and with its
consumers; the loop-partitioning pass turns the region tests into plain
loops, one per input.  Small computed inputs are joined by NumPy at once.
"""
from __future__ import annotations

import math

import numpy as np
from numpy.lib.array_utils import normalize_axis_index

from .. import dtypes
from ..array import ndarray, wrap
from ..graph import Node, reshape
from .creation import as_node
from .elementwise import eager_result
from .indexmaps import assemble, small_and_computed


def concatenate(arrays: object, axis: int | None = 0, out: object = None,
                dtype: object = None, casting: str = "same_kind") -> ndarray:
    """``numpy.concatenate``."""
    if out is not None:
        raise NotImplementedError("lazyarray.concatenate: argument(s) ['out']")
    nodes = [as_node(a) for a in arrays]
    if not nodes:
        raise ValueError("need at least one array to concatenate")
    if axis is None:
        nodes = [reshape(n, (math.prod(n.shape),)) for n in nodes]
        axis = 0
    ndim = len(nodes[0].shape)
    if ndim == 0:
        raise ValueError("zero-dimensional arrays cannot be concatenated")
    for i, n in enumerate(nodes[1:], 1):
        if len(n.shape) != ndim:
            raise ValueError("all the input array dimensions except for the concatenation axis "
                             f"must match exactly, but the array at index 0 has {ndim} dimension(s) "
                             f"and the array at index {i} has {len(n.shape)} dimension(s)")
    axis = normalize_axis_index(axis, ndim)
    for i, n in enumerate(nodes[1:], 1):
        for d in range(ndim):
            if d != axis and n.shape[d] != nodes[0].shape[d]:
                raise ValueError("all the input array dimensions except for the concatenation "
                                 f"axis must match exactly, but along dimension {d}, the array at "
                                 f"index 0 has size {nodes[0].shape[d]} and the array at index "
                                 f"{i} has size {n.shape[d]}")
    result = dtypes.result_type(*(n.dtype for n in nodes)) if dtype is None else np.dtype(dtype)
    for n in nodes:
        if not np.can_cast(n.dtype, result, casting):
            raise TypeError(f"Cannot cast array data from {n.dtype!r} to {result!r} "
                            f"according to the rule {casting!r}")
    dtypes.check_kernel_dtype(result, "concatenate")
    shape = list(nodes[0].shape)
    shape[axis] = sum(n.shape[axis] for n in nodes)
    shape = tuple(shape)
    if small_and_computed(nodes, shape):
        return eager_result(np.concatenate([n.buffer for n in nodes], axis=axis, dtype=result,
                                           casting=casting))
    starts = np.cumsum([0] + [n.shape[axis] for n in nodes[:-1]]).tolist()
    return wrap(assemble(list(zip(nodes, starts)), axis, shape, result))


def stack(arrays: object, axis: int = 0, out: object = None, *, dtype: object = None,
          casting: str = "same_kind") -> ndarray:
    """``numpy.stack``: join along a new axis."""
    nodes = [as_node(a) for a in arrays]
    if not nodes:
        raise ValueError("need at least one array to stack")
    if any(n.shape != nodes[0].shape for n in nodes):
        raise ValueError("all input arrays must have the same shape")
    axis = normalize_axis_index(axis, len(nodes[0].shape) + 1)
    expanded = [wrap(reshape(n, n.shape[:axis] + (1,) + n.shape[axis:])) for n in nodes]
    return concatenate(expanded, axis, out, dtype, casting)


def _at_least(node: Node, ndim: int) -> Node:
    if len(node.shape) >= ndim:
        return node
    if ndim == 2:
        return reshape(node, (1,) * (2 - len(node.shape)) + node.shape)
    shape = {0: (1, 1, 1), 1: (1,) + node.shape + (1,), 2: node.shape + (1,)}[len(node.shape)]
    return reshape(node, shape)


def vstack(tup: object, *, dtype: object = None, casting: str = "same_kind") -> ndarray:
    """``numpy.vstack``: along the first axis, 1-D inputs as rows."""
    return concatenate([wrap(_at_least(as_node(a), 2)) for a in tup], 0, dtype=dtype,
                       casting=casting)


def hstack(tup: object, *, dtype: object = None, casting: str = "same_kind") -> ndarray:
    """``numpy.hstack``: along the second axis (the first for 1-D inputs)."""
    nodes = [as_node(a) for a in tup]
    nodes = [reshape(n, (1,)) if not n.shape else n for n in nodes]
    axis = 0 if nodes and len(nodes[0].shape) == 1 else 1
    return concatenate([wrap(n) for n in nodes], axis, dtype=dtype, casting=casting)


def dstack(tup: object) -> ndarray:
    """``numpy.dstack``: along the third axis."""
    return concatenate([wrap(_at_least(as_node(a), 3)) for a in tup], 2)


def column_stack(tup: object) -> ndarray:
    """``numpy.column_stack``: 1-D inputs as columns, then along the second axis."""
    nodes = [as_node(a) for a in tup]
    nodes = [reshape(n, n.shape + (1,)) if len(n.shape) < 2 else n for n in nodes]
    return concatenate([wrap(n) for n in nodes], 1)


def _list_depth(x: object, where: str) -> int:
    """Nesting depth of the lists in ``numpy.block``'s argument (NumPy's errors)."""
    if type(x) is tuple:
        raise TypeError(f"{where} is a tuple. Only lists can be used to arrange blocks, "
                        "and np.block does not allow implicit conversion from tuple to ndarray.")
    if type(x) is not list:
        return 0
    if not x:
        raise ValueError(f"List at {where} cannot be empty")
    depths = [(_list_depth(item, f"{where}[{i}]"), f"{where}[{i}]") for i, item in enumerate(x)]
    for depth, at in depths[1:]:
        if depth != depths[0][0]:
            raise ValueError(f"List depths are mismatched. First element was at depth "
                             f"{depths[0][0] + 1}, but there is an element at depth "
                             f"{depth + 1} ({at})")
    return depths[0][0] + 1


def block(arrays: object) -> ndarray:
    """``numpy.block``: assemble nested lists of blocks, innermost along the last axis."""
    depth = _list_depth(arrays, "arrays")

    def leaves(x: object) -> list:
        return [leaf for item in x for leaf in leaves(item)] if type(x) is list else [as_node(x)]

    ndim = max([depth] + [len(n.shape) for n in leaves(arrays)])

    def build(x: object, level: int) -> ndarray:
        if type(x) is not list:
            node = as_node(x)
            return wrap(reshape(node, (1,) * (ndim - len(node.shape)) + node.shape))
        return concatenate([build(item, level + 1) for item in x], axis=level - depth)

    return build(arrays, 0)
