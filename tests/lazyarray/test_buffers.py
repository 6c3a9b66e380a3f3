"""Kernel output buffers (``lazyarray/buffers.py``): a large output takes a
free block again, never one an array, view, exported NumPy array or pending
node still refers to; free blocks beyond the budget are released."""
import gc

import numpy as onp
import pytest

import lazyarray as la
from lazyarray import buffers

N = (buffers.MIN_BYTES // 8) * 2          # float64 elements: two blocks' worth of MIN_BYTES


def _address(x) -> int:
    return onp.asarray(x).ctypes.data


def _double(x):
    return (x * 2.0).evaluate()


def test_a_dropped_output_is_reused(compiled):
    x = la.asarray(onp.arange(N, dtype=onp.float64))
    first = _address(_double(x))
    gc.collect()
    assert _address(_double(x)) == first


@pytest.mark.parametrize("hold", ["array", "numpy", "view", "pending"])
def test_a_block_still_seen_is_not_reused(compiled, hold):
    x = la.asarray(onp.arange(N, dtype=onp.float64))
    y = _double(x)
    kept = {"array": lambda: y, "numpy": lambda: onp.asarray(y), "view": lambda: y[::3],
            "pending": lambda: y + 1.0}[hold]()
    address = _address(y)
    del y
    z = _double(x + 1.0)
    assert _address(z) != address
    expected = onp.arange(N, dtype=onp.float64) * 2.0
    expected = {"array": expected, "numpy": expected, "view": expected[::3],
                "pending": expected + 1.0}[hold]
    onp.testing.assert_array_equal(onp.asarray(kept), expected)
    onp.testing.assert_array_equal(onp.asarray(z), (onp.arange(N) + 1.0) * 2.0)


def test_small_outputs_are_not_pooled(compiled):
    before = len(buffers._blocks)
    x = la.asarray(onp.arange(1000.0))
    _double(x)
    assert len(buffers._blocks) == before


def test_free_blocks_beyond_the_budget_are_released(compiled, monkeypatch):
    monkeypatch.setattr(buffers, "_blocks", [])
    monkeypatch.setattr(buffers, "MAX_FREE_BYTES", 2 * buffers.MIN_BYTES)
    for k in range(1, 6):       # five sizes, each dropped at once
        _double(la.asarray(onp.ones(N * k // 2)))
        gc.collect()
    held = sum(b.nbytes for b in buffers._blocks)
    assert held <= 2 * buffers.MIN_BYTES + (N * 5 // 2) * 8
