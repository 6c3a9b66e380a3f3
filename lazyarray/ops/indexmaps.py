"""Results that are index maps along one axis, built from region writes.

``assemble`` writes pieces into consecutive ranges of one axis of a fill
(``UPDATE`` nodes: they fuse with the pieces' producers and consumers, and
the loop-partitioning pass turns the region tests into plain loops).
``take_runs`` builds ``x.take(index, axis)`` for a *known* index vector: NumPy
computes the vector on an ``arange`` (so the map and its errors are NumPy's:
``pad``, ``roll``, ``insert``, ``delete`` ...), it is cut into affine runs
(start, step, length), and each run is one ``REINDEX`` piece.  A vector with
more than ``MAX_RUNS`` runs returns None: the caller takes another path.
``broadcast_into`` broadcasts a piece to its region with NumPy's error.
"""
from __future__ import annotations

import bisect
import math

import numpy as np

from ..config import settings
from ..graph import BUFFER, Node, broadcast_to, cast, const_node, reindex, update
from .elementwise import broadcast_shapes

#: most pieces one index map is assembled from (each is a select per element).
MAX_RUNS = 32


def small_and_computed(nodes: list[Node], shape: tuple) -> bool:
    """Whether NumPy should compute a result of ``shape`` at once (all inputs
    computed, the result within ``settings.eager_threshold`` elements)."""
    return all(n.op == BUFFER for n in nodes) and math.prod(shape) <= settings.eager_threshold


def broadcast_into(node: Node, shape: tuple, what: str) -> Node:
    """``node`` broadcast to ``shape``, or NumPy's ValueError."""
    try:
        if broadcast_shapes(node.shape, shape) != shape:
            raise ValueError
    except ValueError:
        raise ValueError(f"could not broadcast {what} from shape {node.shape} "
                         f"into shape {shape}") from None
    return broadcast_to(node, shape)


def assemble(pieces: list[tuple[Node, int]], axis: int, shape: tuple, dtype: np.dtype,
             fill: object = 0) -> Node:
    """``shape`` filled with ``fill``, piece ``(node, start)`` written at ``start``
    along ``axis`` (its other dimensions span the whole result)."""
    if len(pieces) == 1 and pieces[0][0].shape == shape:
        return cast(pieces[0][0], dtype)
    out = broadcast_to(const_node(fill, dtype), shape)
    terms = tuple(((d, 1),) for d in range(len(shape)))
    for node, start in pieces:
        if node.shape[axis]:
            offsets = tuple(start if d == axis else 0 for d in range(len(shape)))
            out = update(out, cast(node, dtype), terms, offsets, node.shape)
    return out


def runs(index: np.ndarray, limit: int = MAX_RUNS) -> list[tuple[int, int, int]] | None:
    """``index`` as maximal affine runs ``(first, step, length)`` (None past ``limit``)."""
    n = len(index)
    if n <= 1:
        return [(int(index[0]), 0, 1)] if n else []
    diff = np.diff(index)
    changes = (np.flatnonzero(diff[1:] != diff[:-1]) + 1).tolist()
    if len(changes) > 2 * limit:
        return None
    out: list[tuple[int, int, int]] = []
    i = 0
    while i < n:
        if len(out) == limit:
            return None
        if i == n - 1:
            out.append((int(index[i]), 0, 1))
            break
        k = bisect.bisect_right(changes, i)
        end = changes[k] if k < len(changes) else n - 1   # the run covers elements i..end
        out.append((int(index[i]), int(diff[i]), end - i + 1))
        i = end + 1
    return out


def axis_piece(src: Node, axis: int, first: int, step: int, length: int) -> Node:
    """Elements ``first, first + step, ...`` (``length`` of them) of ``src`` along ``axis``."""
    shape = src.shape[:axis] + (length,) + src.shape[axis + 1:]
    terms = tuple((((axis, step),) if step and length > 1 else ()) if d == axis else ((d, 1),)
                  for d in range(len(shape)))
    offsets = tuple(first if d == axis else 0 for d in range(len(shape)))
    return reindex(src, shape, terms, offsets if first else None)


def take_runs(src: Node, index: np.ndarray, axis: int) -> Node | None:
    """``src`` taken at the known ``index`` (in bounds) along ``axis``, or None
    when the index has more than ``MAX_RUNS`` affine runs."""
    parts = runs(index)
    if parts is None:
        return None
    shape = src.shape[:axis] + (len(index),) + src.shape[axis + 1:]
    if parts == [(0, 1, src.shape[axis])]:
        return src
    pieces, start = [], 0
    for first, step, length in parts:
        pieces.append((axis_piece(src, axis, first, step, length), start))
        start += length
    return assemble(pieces, axis, shape, src.dtype)
