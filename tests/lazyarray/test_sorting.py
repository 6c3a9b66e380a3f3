"""Sorting and searching (``lazyarray/ops/sorting.py``): sort, argsort, lexsort,
partition, argpartition, searchsorted, sort_complex and the ndarray methods,
against NumPy.

They are opaque library calls, so results must be bit-exact (NaN placement,
ties under ``kind='stable'``), inputs may be pending lazy work or views, and
the in-place methods must write through to the base and its views.
"""
import numpy as onp
import pytest

import lazyarray as la
from la_testing import DTYPES, assert_same, data

SHAPES_AXES = [((7,), -1), ((7,), None), ((4, 5), 0), ((4, 5), -1), ((2, 3, 4), 1),
               ((0,), -1), ((3, 0), 0), ((1,), 0)]
KINDS = [None, "quicksort", "stable", "heapsort"]


def _views(x):
    """Pairs (NumPy, lazyarray) of the same values: whole, a negative-stride view,
    and a pending computation (x + 0 keeps the dtype for every non-bool dtype)."""
    lx = la.asarray(x)
    yield x, lx
    if x.ndim and x.shape[0] > 1:
        yield x[::-2], lx[::-2]
    if x.dtype.kind in "iuf":
        yield x + x.dtype.type(0), lx + x.dtype.type(0)


@pytest.mark.parametrize("dtype", DTYPES, ids=str)
@pytest.mark.parametrize("shape, axis", SHAPES_AXES, ids=str)
def test_sort_and_argsort(dtype, shape, axis, rng):
    x = data(dtype, shape, rng)
    lx = la.asarray(x)
    assert_same(la.sort(lx, axis=axis), onp.sort(x, axis=axis))
    assert_same(la.argsort(lx, axis=axis), onp.argsort(x, axis=axis))


@pytest.mark.parametrize("dtype", ["int8", "uint32", "float64"])
@pytest.mark.parametrize("shape, axis", [((7,), -1), ((4, 5), 0), ((2, 3, 4), None)], ids=str)
def test_sort_and_argsort_of_views_and_pending_work(mode, dtype, shape, axis, rng):
    for nx, lx in _views(data(dtype, shape, rng)):
        assert_same(la.sort(lx, axis=axis), onp.sort(nx, axis=axis))
        assert_same(la.argsort(lx, axis=axis), onp.argsort(nx, axis=axis))


@pytest.mark.parametrize("kind", KINDS)
def test_sort_kinds_nan_placement(mode, kind, rng):
    x = data("float64", (6, 25), rng)
    x[0, :5] = onp.nan
    x[1, ::3] = -0.0
    lx = la.asarray(x)
    assert_same(la.sort(lx, kind=kind), onp.sort(x, kind=kind))
    assert_same(la.sort(lx, axis=0, kind=kind), onp.sort(x, axis=0, kind=kind))
    if kind == "stable":
        assert_same(la.argsort(lx, kind=kind), onp.argsort(x, kind=kind))


@pytest.mark.parametrize("dtype", ["int8", "uint16", "float32", "bool"])
def test_argsort_stable_keeps_ties_in_order(mode, dtype, rng):
    x = rng.integers(0, 3, size=(4, 40)).astype(dtype)
    lx = la.asarray(x)
    got = la.argsort(lx, kind="stable")
    assert_same(got, onp.argsort(x, kind="stable"))
    assert_same(la.argsort(lx, stable=True, axis=0), onp.argsort(x, stable=True, axis=0))
    # ties keep their original order: the stable permutation is increasing within a value
    idx = onp.asarray(got)
    for row, order in zip(x, idx):
        for v in onp.unique(row):
            positions = order[row[order] == v]
            assert (onp.diff(positions) > 0).all()


def test_lexsort(mode, rng):
    a = rng.integers(0, 3, size=20)
    b = rng.integers(0, 3, size=20)
    c = data("float64", (20,), rng)
    assert_same(la.lexsort((la.asarray(a), la.asarray(b))), onp.lexsort((a, b)))
    assert_same(la.lexsort([la.asarray(c), b, la.asarray(a) * 2]), onp.lexsort([c, b, a * 2]))
    keys = rng.integers(0, 4, size=(2, 3, 5))
    assert_same(la.lexsort(la.asarray(keys), axis=0), onp.lexsort(keys, axis=0))


@pytest.mark.parametrize("dtype", ["int16", "uint64", "float32", "float64"])
@pytest.mark.parametrize("kth", [0, 3, -1, (1, 5)])
def test_partition_and_argpartition(mode, dtype, kth, rng):
    x = data(dtype, (3, 9), rng)
    for nx, lx in _views(x):
        assert_same(la.partition(lx, kth), onp.partition(nx, kth))
        assert_same(la.argpartition(lx, kth), onp.argpartition(nx, kth))
    assert_same(la.partition(la.asarray(x), 1, axis=0), onp.partition(x, 1, axis=0))
    assert_same(la.partition(la.asarray(x), 2, axis=None), onp.partition(x, 2, axis=None))


@pytest.mark.parametrize("side", ["left", "right"])
@pytest.mark.parametrize("dtype", ["int32", "uint8", "float64"])
def test_searchsorted(mode, side, dtype, rng):
    a = onp.sort(data(dtype, (12,), rng))
    v = data(dtype, (3, 4), rng)
    la_a = la.asarray(a)
    assert_same(la.searchsorted(la_a, la.asarray(v), side=side), onp.searchsorted(a, v, side=side))
    assert_same(la.searchsorted(la_a, v[0, 0], side), onp.searchsorted(a, v[0, 0], side))
    shuffled = rng.permutation(a)
    sorter = onp.argsort(shuffled)
    assert_same(la.searchsorted(la.asarray(shuffled), v, side=side, sorter=la.asarray(sorter)),
                onp.searchsorted(shuffled, v, side=side, sorter=sorter))
    assert_same(la.asarray(a).searchsorted(v, side), a.searchsorted(v, side))


def test_sort_complex(rng):
    x = data("int32", (9,), rng, low=-3, high=3)
    assert_same(la.sort_complex(la.asarray(x)), onp.sort_complex(x))
    z = rng.normal(size=7) + 1j * rng.integers(0, 2, size=7)
    z[2] = onp.nan
    assert_same(la.sort_complex(z), onp.sort_complex(z))


def test_results_are_library_calls_not_fallbacks(rng):
    la.stats(reset=True)
    x = la.asarray(data("float64", (10,), rng))
    la.sort(x), la.argsort(x), la.argsort(x), x.argsort()
    counts = la.stats()
    assert counts["library_calls"] == {"sort": 1, "argsort": 2, "ndarray.argsort": 1}
    assert counts["fallbacks"] == {}


# ---- methods ----

@pytest.mark.parametrize("axis", [-1, 0])
@pytest.mark.parametrize("kind", [None, "stable"])
def test_sort_method_in_place(mode, axis, kind, rng):
    x = data("float32", (5, 6), rng)
    lx = la.asarray(x)
    alias = lx[1:3]     # a view of the base sees the sorted values
    assert lx.sort(axis=axis, kind=kind) is None
    x.sort(axis=axis, kind=kind)
    assert_same(lx, x)
    assert_same(alias, x[1:3])


def test_sort_method_writes_through_views(mode, rng):
    x = data("int64", (6, 8), rng)
    lx = la.asarray(x)
    before = lx * 1                  # computed from the old values
    v = lx[::-2, 1::3]               # a negative-stride view
    v.sort(axis=0)
    x[::-2, 1::3].sort(axis=0)
    assert_same(lx, x)
    assert_same(v, x[::-2, 1::3])
    assert_same(before, onp.asarray(before))   # unaffected, as a copy in NumPy
    w = lx[2]
    w.sort()
    x[2].sort()
    assert_same(lx, x)


def test_partition_method_in_place(mode, rng):
    x = data("float64", (4, 7), rng)
    lx = la.asarray(x)
    view = lx[:, ::-1]
    view.partition(2)
    x[:, ::-1].partition(2)
    assert_same(lx, x)
    assert_same(view, x[:, ::-1])


def test_argsort_argpartition_methods(mode, rng):
    x = data("uint16", (3, 8), rng)
    lx = la.asarray(x)
    assert_same(lx.argsort(), x.argsort())
    assert_same(lx.argsort(axis=0, kind="stable"), x.argsort(axis=0, kind="stable"))
    assert_same(lx.argsort(axis=None), x.argsort(axis=None))
    assert_same(lx.argpartition(3), x.argpartition(3))
    assert_same(lx.argpartition(1, axis=0), x.argpartition(1, axis=0))


# ---- errors: NumPy's types, raised by the call ----

def test_sort_of_read_only_view_raises_value_error():
    b = la.broadcast_to(la.asarray([3.0, 1.0, 2.0]), (2, 3))
    with pytest.raises(ValueError, match="read-only"):
        b.sort()
    with pytest.raises(ValueError, match="read-only"):
        b.partition(1)


@pytest.mark.parametrize("call", [
    lambda x: la.sort(x, axis=2), lambda x: la.argsort(x, axis=-3),
    lambda x: la.partition(x, 0, axis=5), lambda x: x.sort(axis=2)])
def test_axis_out_of_range_raises_axis_error(call):
    with pytest.raises(onp.exceptions.AxisError):
        call(la.asarray(onp.zeros((2, 3))))


def test_bad_arguments_raise_numpy_errors():
    x = la.asarray(onp.arange(5.0))
    with pytest.raises(ValueError):
        la.sort(x, kind="bogus")
    with pytest.raises(ValueError):
        la.partition(x, 5)
    with pytest.raises(ValueError):
        la.searchsorted(x, 1.0, side="middle")
    with pytest.raises(TypeError):
        la.sort(x, nonsense=True)
    with pytest.raises(onp.exceptions.AxisError):
        la.sort(la.asarray(3.0))
    with pytest.raises(TypeError):
        x.sort(axis=None)
