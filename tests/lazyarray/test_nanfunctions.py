"""The NaN-ignoring family (``lazyarray/ops/nanfunctions.py``) against NumPy:
NaN placement (none, some, whole slices), integer inputs (no NaN), NumPy's
all-NaN warnings and errors, where/initial/out."""
import warnings

import numpy as onp
import pytest

import lazyarray as la
from la_testing import assert_same, assert_sum_close, data

EXACT = ["nanmin", "nanmax", "nanargmin", "nanargmax", "nanmedian"]
CLOSE = ["nansum", "nanprod", "nanmean", "nanvar", "nanstd"]


def _nan_data(dtype, rng):
    x = data(dtype, (4, 6), rng, special=False, low=0.5, high=2.0)
    if onp.dtype(dtype).kind == "f":
        x[rng.random((4, 6)) < 0.3] = onp.nan
        x[0, 1] = x[2, 5] = onp.nan
    return x


def _compare(name, got, want, x):
    if name in EXACT or onp.asarray(want).dtype.kind != "f":
        assert_same(got, onp.asarray(want))
    else:
        assert_sum_close(got, onp.asarray(want), 10.0 * x.size)


@pytest.mark.parametrize("dtype", ["int32", "float32", "float64"])
@pytest.mark.parametrize("name", EXACT + CLOSE)
def test_nan_reductions(mode, name, dtype, rng):
    x = _nan_data(dtype, rng)
    lx = la.asarray(x)
    for axis in (None, 0, 1):
        _compare(name, getattr(la, name)(lx, axis=axis), getattr(onp, name)(x, axis=axis), x)
    _compare(name, getattr(la, name)(lx, axis=1, keepdims=True),
             getattr(onp, name)(x, axis=1, keepdims=True), x)


@pytest.mark.parametrize("name", ["nanmin", "nanmax", "nanmean", "nanvar", "nanstd", "nanmedian"])
def test_all_nan_slices_warn(mode, name):
    x = onp.array([[onp.nan, onp.nan, onp.nan], [1.0, onp.nan, 3.0]])
    with pytest.warns(RuntimeWarning):
        want = getattr(onp, name)(x, axis=1)
    with pytest.warns(RuntimeWarning):
        got = getattr(la, name)(la.asarray(x), axis=1)
    _compare(name, got, want, x)
    with warnings.catch_warnings():
        warnings.simplefilter("error")   # no warning without an all-NaN slice
        getattr(la, name)(la.asarray(x[1:]), axis=1).evaluate()


@pytest.mark.parametrize("name", ["nanargmin", "nanargmax"])
def test_nanarg_all_nan_raises(mode, name):
    x = onp.array([[onp.nan, onp.nan], [onp.nan, onp.nan]])
    with pytest.raises(ValueError, match="All-NaN"):
        getattr(la, name)(la.asarray(x), axis=1)
    with pytest.raises(ValueError, match="All-NaN"):
        getattr(la, name)(la.asarray(x))
    y = onp.array([[onp.nan, 2.0, -1.0], [1.0, onp.nan, -1.0]])
    for axis in (None, 0, 1):
        assert_same(getattr(la, name)(la.asarray(y), axis=axis),
                    onp.asarray(getattr(onp, name)(y, axis=axis)))


def test_nan_options(mode, rng):
    x = _nan_data("float64", rng)
    lx = la.asarray(x)
    mask = rng.integers(0, 2, (4, 6)).astype(bool)
    assert_sum_close(la.nansum(lx, axis=0, where=mask, initial=1.0),
                     onp.nansum(x, axis=0, where=mask, initial=1.0), 100.0)
    assert_same(la.nanmax(lx, axis=1, initial=1.5), onp.nanmax(x, axis=1, initial=1.5))
    assert_same(la.nanmin(lx, axis=0, where=mask, initial=9.0),
                onp.nanmin(x, axis=0, where=mask, initial=9.0))
    out = la.zeros(6)
    assert la.nanmean(lx, axis=0, out=out) is out
    assert_sum_close(out, onp.nanmean(x, axis=0), 10.0)
    assert_sum_close(la.nanvar(lx, axis=1, ddof=1), onp.nanvar(x, axis=1, ddof=1), 10.0)
    assert_sum_close(la.nanstd(lx, axis=1, dtype="float32"),
                     onp.nanstd(x, axis=1, dtype="float32"), 10.0)
    with pytest.raises(TypeError):
        la.nanmean(lx, dtype="int64")
    with pytest.raises(ValueError):
        la.nanmax(lx, where=mask)            # no identity: needs initial, as NumPy


@pytest.mark.parametrize("method", ["linear", "lower", "nearest"])
def test_nanquantile_nanpercentile(mode, method, rng):
    x = _nan_data("float64", rng)
    lx = la.asarray(x)
    assert_same(la.nanquantile(lx, [0.2, 0.7], axis=1, method=method),
                onp.nanquantile(x, [0.2, 0.7], axis=1, method=method))
    assert_same(la.nanpercentile(lx, 30, axis=0, keepdims=True, method=method),
                onp.nanpercentile(x, 30, axis=0, keepdims=True, method=method))
