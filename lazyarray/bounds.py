"""Range checks of index arrays, with NumPy's ``IndexError``.

Indices known when an indexing op is built are checked there; indices that
are still being computed are checked by the evaluation driver just before
the kernel that gathers with them runs (``check_gather``), and the error
names the user's line that built the op.  Generated code never reads out of
bounds: a ``"raise"`` gather only runs on checked indices.  The range of an
index buffer that lazyarray owns is remembered (its buffers are never
written), so a loop that gathers with the same indices scans them once.
"""
from __future__ import annotations

import weakref

import numpy as np

from .graph import Node


#: (min, max) of lazyarray's own index buffers, which are immutable: id -> (ref, min, max).
_ranges: dict[int, tuple] = {}


def _value_range(values: np.ndarray, owned: bool) -> tuple:
    hit = _ranges.get(id(values))
    if hit is not None and hit[0]() is values:
        return hit[1:]
    found = values.min(), values.max()
    if owned:
        if len(_ranges) > 1024:
            _ranges.clear()
        _ranges[id(values)] = (weakref.ref(values), *found)
    return found


def check(values: np.ndarray, size: int, axis: int, site: tuple | None = None,
          owned: bool = False) -> None:
    """Raise NumPy's IndexError unless every value is in ``[-size, size)``
    (``site``: the ``(file, line)`` the message names; ``owned``: ``values``
    is a buffer of lazyarray's, never written, so its range is remembered)."""
    if not values.size:
        return
    if values.dtype == np.uint64:
        values, owned = values.view(np.int64), False   # NumPy reads uint64 indices as intp
    lo, hi = _value_range(values, owned)
    if lo >= -size and hi < size:
        return
    bad = (values < -size) | (values >= size)
    message = f"index {values.flat[int(bad.argmax())]} is out of bounds for axis {axis} with size {size}"
    if site is not None:
        message += f" (in the indexing op at {site[0]}:{site[1]}, evaluated lazily)"
    raise IndexError(message)


def check_gather(node: Node) -> None:
    """Check the (computed) index sources of a ``GATHER`` node before its kernel runs."""
    axes, _, mode, site = node.arg
    if mode != "raise" or site is None:
        return
    src = node.srcs[0]
    for axis, label, index in zip(axes, site[2], node.srcs[1:]):
        if index.buffer is None:
            check(np.asarray(index.arg), src.shape[axis], label, site)
        else:
            check(index.buffer, src.shape[axis], label, site, owned=True)
