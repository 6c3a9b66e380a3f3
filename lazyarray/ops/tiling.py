"""Repeating and rotating data: tile, repeat, roll, resize (the function).

``tile``, scalar ``repeat`` and ``resize`` broadcast the array into an extra
dimension and flatten it back (``REINDEX`` + ``RESHAPE``, any number of
repetitions in two nodes).  ``roll`` and per-element ``repeat`` counts are
index maps along an axis (``lazyarray.ops.indexmaps``); counts too irregular
for a few affine runs are an opaque library call (the result's shape depends
on their values anyway).
"""
from __future__ import annotations

import math
import operator

import numpy as np
from numpy.lib.array_utils import normalize_axis_index, normalize_axis_tuple

from .. import library
from ..array import ndarray, wrap
from ..graph import Node, broadcast_to, const_node, reindex, reshape
from .creation import as_node
from .elementwise import eager_result
from .indexmaps import axis_piece, small_and_computed, take_runs


def _interleave(node: Node, counts: tuple[int, ...], before: bool) -> Node:
    """Each dimension ``n`` of ``node`` with ``r`` copies (``counts``), as one
    dimension of ``r * n``: whole blocks (``before``, tile) or each element
    ``r`` times (repeat)."""
    big, terms = [], []
    for k, (n, r) in enumerate(zip(node.shape, counts)):
        big += [r, n] if before else [n, r]
        terms.append(((len(big) - (1 if before else 2), 1),))
    spread = reindex(node, tuple(big), tuple(terms))
    return reshape(spread, tuple(n * r for n, r in zip(node.shape, counts)))


def tile(A: object, reps: object) -> ndarray:
    """``numpy.tile`` (a copy)."""
    node = as_node(A)
    reps = tuple(operator.index(r) for r in (reps if np.iterable(reps) else (reps,)))
    if any(r < 0 for r in reps):
        raise ValueError("negative dimensions are not allowed")
    ndim = max(len(reps), len(node.shape))
    reps = (1,) * (ndim - len(reps)) + reps
    node = reshape(node, (1,) * (ndim - len(node.shape)) + node.shape)
    if small_and_computed([node], tuple(n * r for n, r in zip(node.shape, reps))):
        return eager_result(np.tile(node.buffer, reps))
    return wrap(_interleave(node, reps, True))


def repeat(a: object, repeats: object, axis: int | None = None) -> ndarray:
    """``numpy.repeat`` (a copy).  Per-element counts that do not form a few
    affine runs go through an opaque library call."""
    node = as_node(a)
    if axis is None:
        node, axis = reshape(node, (math.prod(node.shape),)), 0
    axis = normalize_axis_index(axis, len(node.shape))
    counts = repeats._value() if isinstance(repeats, ndarray) else np.asarray(repeats)
    n = node.shape[axis]
    if counts.size == 1 and counts.ndim <= 1:
        r = operator.index(counts.reshape(()).item())
        if r < 0:
            raise ValueError("repeats may not contain negative values.")
        index = None
    else:
        index = np.repeat(np.arange(n), counts)    # NumPy's checks of the counts
        r = len(index)
    shape = node.shape[:axis] + (n * r if index is None else r,) + node.shape[axis + 1:]
    if small_and_computed([node], shape):
        return eager_result(np.repeat(node.buffer, counts, axis))
    if index is None:
        return wrap(_interleave(node, tuple(r if d == axis else 1 for d in range(len(shape))),
                                False))
    out = take_runs(node, index, axis)
    if out is None:
        return library.call("repeat", np.repeat, wrap(node), counts, axis)
    return wrap(out)


def roll(a: object, shift: object, axis: object = None) -> ndarray:
    """``numpy.roll`` (a copy; shifts and axes may be tuples)."""
    node = as_node(a)
    if axis is None:
        flat = roll(wrap(reshape(node, (math.prod(node.shape),))), shift, 0)
        return wrap(reshape(flat._node, node.shape))
    axes = normalize_axis_tuple(axis, len(node.shape), allow_duplicate=True)
    pairs = np.broadcast(shift, axes)
    if pairs.ndim > 1:
        raise ValueError("'shift' and 'axis' should be scalars or 1D sequences")
    shifts = dict.fromkeys(range(len(node.shape)), 0)
    for s, ax in pairs:
        shifts[ax] += operator.index(s)
    if small_and_computed([node], node.shape):
        return eager_result(np.roll(node.buffer, shift, axes))
    out = node
    for ax, s in shifts.items():
        n = node.shape[ax]
        if n and s % n:
            out = take_runs(out, np.roll(np.arange(n), s), ax)
    return wrap(out)


def resize(a: object, new_shape: object) -> ndarray:
    """``numpy.resize``: the array's elements repeated (row-major) to fill ``new_shape``."""
    node = as_node(a)
    if isinstance(new_shape, (int, np.integer)):
        new_shape = (new_shape,)
    new_shape = tuple(operator.index(n) for n in new_shape)
    if any(n < 0 for n in new_shape):
        raise ValueError("all elements of `new_shape` must be non-negative")
    size, new_size = math.prod(node.shape), math.prod(new_shape)
    if not size or not new_size:
        return wrap(broadcast_to(const_node(0, node.dtype), new_shape))
    if small_and_computed([node], new_shape):
        return eager_result(np.resize(node.buffer, new_shape))
    flat = reshape(node, (size,))
    reps = -(-new_size // size)
    longer = _interleave(flat, (reps,), True) if reps > 1 else flat
    return wrap(reshape(axis_piece(longer, 0, 0, 1, new_size), new_shape))

