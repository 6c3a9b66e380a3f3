"""Set routines (``lazyarray/ops/sets.py``): unique with every flag, axis and
equal_nan, the array API's unique_* functions, isin, intersect1d, union1d,
setdiff1d, setxor1d, against NumPy (bit-exact: they are library calls)."""
import itertools

import numpy as onp
import pytest

import lazyarray as la
from la_testing import assert_same, data

FLAGS = list(itertools.product([False, True], repeat=3))


def _same_results(got, want):
    if isinstance(want, tuple):
        assert type(got) is type(want) and len(got) == len(want)
        if hasattr(want, "_fields"):
            assert got._fields == want._fields
        for g, w in zip(got, want):
            assert_same(g, w)
    else:
        assert_same(got, want)


def _with_nans(rng):
    x = data("float64", (20,), rng, special=False, low=0, high=3).round()
    x[[2, 5, 11]] = onp.nan
    x[7] = -0.0
    return x


@pytest.mark.parametrize("index, inverse, counts", FLAGS)
@pytest.mark.parametrize("dtype", ["int8", "uint64", "float32", "bool"])
def test_unique_flags(mode, index, inverse, counts, dtype, rng):
    x = data(dtype, (4, 6), rng, special=False, low=0, high=4) if dtype != "bool" \
        else data(dtype, (4, 6), rng)
    lx, ref = la.asarray(x)[::-1], x[::-1]   # a view as input
    kw = dict(return_index=index, return_inverse=inverse, return_counts=counts)
    _same_results(la.unique(lx, **kw), onp.unique(ref, **kw))
    _same_results(la.unique(lx, axis=0, **kw), onp.unique(ref, axis=0, **kw))


@pytest.mark.parametrize("equal_nan", [True, False])
def test_unique_nan_handling(equal_nan, rng):
    x = _with_nans(rng)
    _same_results(la.unique(la.asarray(x), return_counts=True, equal_nan=equal_nan),
                  onp.unique(x, return_counts=True, equal_nan=equal_nan))


@pytest.mark.parametrize("name", ["unique_all", "unique_counts", "unique_inverse", "unique_values"])
def test_array_api_unique(name, rng):
    for x in (_with_nans(rng), data("int16", (3, 5), rng, low=-2, high=2),
              onp.zeros((0,), onp.float32)):
        _same_results(getattr(la, name)(la.asarray(x)), getattr(onp, name)(x))


@pytest.mark.parametrize("kind", [None, "sort", "table"])
@pytest.mark.parametrize("invert", [False, True])
def test_isin(mode, kind, invert, rng):
    e = data("int32", (3, 4), rng, low=-5, high=5)
    t = data("int32", (6,), rng, low=-5, high=5)
    got = la.isin(la.asarray(e)[::-1], la.asarray(t), invert=invert, kind=kind)
    assert_same(got, onp.isin(e[::-1], t, invert=invert, kind=kind))
    f, g = _with_nans(rng), _with_nans(rng)[:5]
    assert_same(la.isin(la.asarray(f), g, invert=invert), onp.isin(f, g, invert=invert))


@pytest.mark.parametrize("name", ["intersect1d", "union1d", "setdiff1d", "setxor1d"])
@pytest.mark.parametrize("dtype", ["int64", "uint8", "float64"])
def test_set_operations(mode, name, dtype, rng):
    a = data(dtype, (3, 5), rng, special=False, low=0, high=9)
    b = data(dtype, (8,), rng, special=False, low=0, high=9)
    fn, ref = getattr(la, name), getattr(onp, name)
    assert_same(fn(la.asarray(a) + a.dtype.type(0), la.asarray(b)), ref(a, b))
    assert_same(fn(a, la.asarray(b)[::-2]), ref(a, b[::-2]))
    if name != "union1d":
        ua, ub = onp.unique(a), onp.unique(b)
        assert_same(fn(la.asarray(ua), la.asarray(ub), assume_unique=True),
                    ref(ua, ub, assume_unique=True))


def test_intersect1d_return_indices(rng):
    a = data("int32", (10,), rng, low=0, high=6)
    b = data("int32", (7,), rng, low=0, high=6)
    _same_results(la.intersect1d(la.asarray(a), la.asarray(b), return_indices=True),
                  onp.intersect1d(a, b, return_indices=True))


def test_set_errors_are_numpy_errors():
    with pytest.raises(onp.exceptions.AxisError):
        la.unique(la.asarray(onp.zeros((2, 2))), axis=2)
    with pytest.raises(ValueError):
        la.isin(la.asarray([1.5]), la.asarray([1.0]), kind="table")
    with pytest.raises(TypeError):
        la.unique(la.asarray([1, 2]), bogus=1)
