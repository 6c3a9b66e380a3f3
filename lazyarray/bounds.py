"""Range checks of index arrays, with NumPy's ``IndexError``.

Indices known when an indexing op is built are checked there; indices that
are still being computed are checked by the evaluation driver just before
the kernel that gathers with them runs (``check_gather``), and the error
names the user's line that built the op.  Generated code never reads out of
bounds: a ``"raise"`` gather only runs on checked indices.
"""
from __future__ import annotations

import numpy as np

from .graph import Node


def check(values: np.ndarray, size: int, axis: int, site: tuple | None = None) -> None:
    """Raise NumPy's IndexError unless every value is in ``[-size, size)``
    (``site``: the ``(file, line)`` the message names)."""
    if not values.size:
        return
    if values.dtype == np.uint64:
        values = values.view(np.int64)   # NumPy reads uint64 indices as intp
    if values.min() >= -size and values.max() < size:
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
        check(index.buffer if index.buffer is not None else np.asarray(index.arg),
              src.shape[axis], label, site)
