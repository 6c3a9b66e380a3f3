"""``ndarray.view(dtype)`` (``lazyarray/reinterpret.py``): the same storage read
as another dtype of the same size, with writes going through both ways, in the
same order as NumPy's."""
import numpy as onp
import pytest

import lazyarray as la
from la_testing import assert_same, data

PAIRS = [("float64", "int64"), ("int64", "uint64"), ("float32", "int32"),
         ("uint32", "float32"), ("int16", "uint16"), ("int8", "uint8")]


@pytest.mark.parametrize("src,dst", PAIRS)
def test_reads_and_writes_go_through_both_ways(mode, src, dst, rng):
    n = data(src, (4, 6), rng)
    x = la.asarray(n)
    v, nv = x.view(dst), n.view(dst)
    assert_same(v, nv)
    assert v.base is x and la.shares_memory(v, x)
    x[0] = n[1, 0]                  # a write to the base is seen by the view
    n[0] = n[1, 0]
    assert_same(v, nv)
    v[1, ::2] = nv[2, ::2]          # a write through the view reaches the base
    nv[1, ::2] = nv[2, ::2]
    assert_same(x, n)
    before = v * 1                  # a value captured before a write keeps its values
    expected_before = nv * 1
    x[2:] = x[:2]
    n[2:] = n[:2]
    assert_same(before, expected_before)
    assert_same(v, nv)


@pytest.mark.parametrize("src,dst", PAIRS[:3])
def test_views_of_views_and_pending_values(mode, src, dst, rng):
    n = data(src, (5, 4), rng)
    x = la.asarray(n)
    w, nw = x[1::2, ::-1].view(dst), n[1::2, ::-1].view(dst)
    assert_same(w, nw)
    w[0] = nw[1]
    nw[0] = nw[1]
    assert_same(x, n)
    assert_same(w.view(src), nw.view(src))
    pending, npending = (x[::-1] * 1).view(dst), (n[::-1] * 1).view(dst)
    assert_same(pending, npending)


def test_in_place_operators_write_through(mode, rng):
    n = onp.arange(8, dtype="int64")
    x = la.asarray(n)
    v, nv = x.view("uint64"), n.view("uint64")
    v += 3
    nv += 3
    v[::2] *= 2
    nv[::2] *= 2
    assert_same(x, n)
    assert_same(v, nv)
