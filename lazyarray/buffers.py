"""Kernel output buffers: large ones are reused once nothing refers to them.

A fresh large array costs a page fault per page the kernel first touches: a
64 MiB float32 output of a 4096 x 4096 softmax costs 6.5 ms of one core,
about a third of the kernel's time on two threads.  So an output of at least
``MIN_BYTES`` is a view of a byte block the pool keeps, and the next output
of the same byte size takes a block that is free: one whose only references
are the pool's own.  Every array or view of a block (NumPy's ``base`` points
at the block whatever the chain of views), every exported NumPy array and
every pending node holding one counts, so a block in use is never handed out
again.  Free blocks beyond ``MAX_FREE_BYTES`` are released, oldest first.
``stats()["peak_bytes"]`` counts a block while an output uses it (free
blocks are a cache of at most ``MAX_FREE_BYTES``).
"""
from __future__ import annotations

import math
import sys

import numpy as np

from .stats import track

#: outputs smaller than this are plain ``numpy.empty`` (their faults are few).
MIN_BYTES = 1 << 20
#: free blocks kept for reuse, at most this many bytes in all.
MAX_FREE_BYTES = 1 << 28

_blocks: list[np.ndarray] = []     # oldest first
#: ``sys.getrefcount`` of a block referred to only by ``_blocks`` (the list,
#: the loop variable and the call's own argument).
_FREE_REFS = 3


def empty(shape: tuple[int, ...], dtype: np.dtype) -> np.ndarray:
    """An uninitialized C-contiguous array (``numpy.empty``), reusing a free
    block of the pool when it is large."""
    nbytes = math.prod(shape) * dtype.itemsize
    if nbytes < MIN_BYTES:
        return np.empty(shape, dtype)
    free_bytes = 0
    chosen = None
    for block in reversed(_blocks):
        if sys.getrefcount(block) == _FREE_REFS:
            if chosen is None and block.nbytes == nbytes:
                chosen = block
            else:
                free_bytes += block.nbytes
    if free_bytes > MAX_FREE_BYTES:
        _release(free_bytes - MAX_FREE_BYTES, chosen)
    if chosen is None:
        chosen = np.empty(nbytes, np.uint8)
        _blocks.append(chosen)
    out = chosen.view(dtype).reshape(shape)
    track(out)
    return out


def _release(excess: int, keep: np.ndarray | None) -> None:
    """Drop free blocks other than ``keep``, oldest first, until ``excess``
    bytes are gone."""
    kept = []
    for block in _blocks:
        if excess > 0 and block is not keep and sys.getrefcount(block) == _FREE_REFS:
            excess -= block.nbytes
        else:
            kept.append(block)
    _blocks[:] = kept
