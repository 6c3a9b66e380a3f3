"""Statistics (``lazyarray/ops/statistics.py``): var, std, average, median,
quantile, percentile against NumPy.

Order statistics are exact (sorting is NumPy's, the interpolation is
NumPy's formula element by element); var/std/average reassociate their sums
and are compared within ``SUM_RTOL`` of the scale of the data.
"""
import warnings

import numpy as onp
import pytest

import lazyarray as la
from la_testing import SUM_RTOL, assert_same, data

METHODS = ["inverted_cdf", "averaged_inverted_cdf", "closest_observation",
           "interpolated_inverted_cdf", "hazen", "weibull", "linear", "median_unbiased",
           "normal_unbiased", "lower", "higher", "midpoint", "nearest"]


def assert_close(actual, expected, scale=1.0):
    """Same dtype, shape and NaN positions; values within SUM_RTOL of ``scale``."""
    got, want = onp.asarray(actual), onp.asarray(expected)
    assert isinstance(actual, la.ndarray)
    assert actual.dtype == want.dtype and actual.shape == want.shape, (actual.dtype, want.dtype)
    onp.testing.assert_array_equal(onp.isnan(got), onp.isnan(want))
    tol = SUM_RTOL[want.dtype] * onp.maximum(scale, 1.0)
    onp.testing.assert_allclose(got, want, rtol=tol, atol=tol, equal_nan=True)


@pytest.mark.parametrize("dtype", ["bool", "int8", "int64", "float32", "float64"])
def test_var_std(mode, dtype, rng):
    x = data(dtype, (4, 5, 3), rng, special=False)
    lx = la.asarray(x)
    for name in ("var", "std"):
        for axis in (None, 1, (0, 2)):
            for ddof in (0, 1):
                assert_close(getattr(la, name)(lx, axis=axis, ddof=ddof),
                             getattr(onp, name)(x, axis=axis, ddof=ddof), 100)
        assert_close(getattr(lx, name)(-1, keepdims=True),
                     getattr(x, name)(-1, keepdims=True), 100)


def test_var_options(mode, rng):
    x = data("float64", (5, 6), rng, special=False)
    lx = la.asarray(x)
    assert_close(la.var(lx, axis=0, dtype="float32"), onp.var(x, axis=0, dtype="float32"), 100)
    assert_close(la.std(lx, axis=1, correction=1), onp.std(x, axis=1, correction=1), 100)
    m = x.mean(axis=1, keepdims=True)
    assert_close(la.var(lx, axis=1, mean=m), onp.var(x, axis=1, mean=m), 100)
    mask = rng.integers(0, 2, (5, 6)).astype(bool)
    mask[:, 0] = True
    assert_close(la.var(lx, axis=1, where=mask), onp.var(x, axis=1, where=mask), 100)
    out = la.zeros(6)
    assert la.std(lx, axis=0, out=out) is out
    assert_close(out, onp.std(x, axis=0), 100)
    with pytest.raises(ValueError):
        la.var(lx, ddof=1, correction=1)
    with pytest.warns(RuntimeWarning, match="Degrees of freedom"):
        got = la.var(lx, axis=0, ddof=5)
    with pytest.warns(RuntimeWarning):
        want = onp.var(x, axis=0, ddof=5)
    assert_close(got, want, 100)


def test_var_nan_and_empty(mode):
    x = onp.array([[1.0, onp.nan, 2.0], [3.0, 4.0, 5.0]])
    assert_close(la.var(la.asarray(x), axis=1), onp.var(x, axis=1), 10)
    with pytest.warns(RuntimeWarning):
        got = la.var(la.asarray(onp.zeros((0, 3))), axis=0)
    with pytest.warns(RuntimeWarning):
        want = onp.var(onp.zeros((0, 3)), axis=0)
    assert_same(got, want)


@pytest.mark.parametrize("dtype", ["int16", "float32", "float64"])
def test_average(mode, dtype, rng):
    x = data(dtype, (4, 6), rng, special=False, low=-20, high=20)
    w = data("float64", (4, 6), rng, special=False, low=0.5, high=2)
    lx = la.asarray(x)
    assert_close(la.average(lx), onp.average(x), 20)
    assert_close(la.average(lx, axis=1, weights=w), onp.average(x, axis=1, weights=w), 20)
    assert_close(la.average(lx, axis=0, weights=w[:, 0], keepdims=True),
                 onp.average(x, axis=0, weights=w[:, 0], keepdims=True), 20)
    iw = onp.arange(1, 7)
    got = la.average(lx, axis=1, weights=iw, returned=True)
    want = onp.average(x, axis=1, weights=iw, returned=True)
    assert_close(got[0], want[0], 20)
    assert_same(got[1], want[1])
    got = la.average(lx, axis=(0, 1), returned=True)
    want = onp.average(x, axis=(0, 1), returned=True)
    assert_close(got[0], want[0], 20)
    assert_same(got[1], onp.asarray(want[1]))


def test_average_errors(mode):
    lx = la.asarray(onp.ones((3, 4)))
    with pytest.raises(TypeError):
        la.average(lx, weights=onp.ones(4))
    with pytest.raises(ValueError):
        la.average(lx, axis=0, weights=onp.ones(4))
    with pytest.raises(ZeroDivisionError):
        la.average(lx, axis=1, weights=onp.array([1.0, -1.0, 0.0, 0.0]))


@pytest.mark.parametrize("dtype", ["bool", "int32", "uint8", "float32", "float64"])
def test_median(mode, dtype, rng):
    for shape in [(7,), (6,), (4, 5, 3)]:
        x = data(dtype, shape, rng)
        lx = la.asarray(x)
        axes = [None, -1] + ([0, (0, 2)] if len(shape) == 3 else [])
        for axis in axes:
            assert_same(la.median(lx, axis=axis), onp.asarray(onp.median(x, axis=axis)))
        assert_same(la.median(lx, axis=-1, keepdims=True),
                    onp.median(x, axis=-1, keepdims=True))


def test_median_nan_empty_and_0d(mode):
    x = onp.array([[1.0, onp.nan, 3.0, 4.0], [4.0, 2.0, 1.0, 0.5]])
    assert_same(la.median(la.asarray(x), axis=1), onp.median(x, axis=1))
    assert_same(la.median(la.asarray(x)), onp.asarray(onp.median(x)))
    assert_same(la.median(la.asarray(onp.float32(2.5))), onp.asarray(onp.median(onp.float32(2.5))))
    with pytest.warns(RuntimeWarning):
        got = la.median(la.asarray(onp.zeros(0)))
    with pytest.warns(RuntimeWarning):
        want = onp.median(onp.zeros(0))
    assert_same(got, onp.asarray(want))
    out = la.zeros(2)
    assert la.median(la.asarray(x), axis=1, out=out) is out
    assert_same(out, onp.median(x, axis=1))


@pytest.mark.parametrize("method", METHODS)
def test_quantile_methods(mode, method, rng):
    x = data("float64", (5, 8), rng)
    lx = la.asarray(x)
    q = onp.array([0.0, 0.13, 0.5, 0.77, 1.0])
    assert_same(la.quantile(lx, q, axis=1, method=method), onp.quantile(x, q, axis=1, method=method))
    if method in ("linear", "nearest", "hazen"):
        assert_same(la.percentile(lx, [[10, 90], [50, 25]], axis=0, method=method, keepdims=True),
                    onp.percentile(x, [[10, 90], [50, 25]], axis=0, method=method, keepdims=True))


@pytest.mark.parametrize("dtype", ["float32", "int64", "uint8"])
def test_quantile_dtypes_and_weak_q(mode, dtype, rng):
    x = data(dtype, (6, 4), rng)
    lx = la.asarray(x)
    for q in (0.25, onp.float64(0.25), [0.1, 0.9]):
        assert_same(la.quantile(lx, q, axis=0), onp.asarray(onp.quantile(x, q, axis=0)))
    assert_same(la.quantile(lx, 0.3, method="lower"), onp.asarray(onp.quantile(x, 0.3, method="lower")))
    for q in (40, onp.array([5.0, 95.0])):
        assert_same(la.percentile(lx, q, axis=(0, 1)), onp.asarray(onp.percentile(x, q, axis=(0, 1))))
    assert_same(la.percentile(lx, la.asarray(onp.array([20.0])), axis=1),
                onp.percentile(x, onp.array([20.0]), axis=1))


def test_quantile_errors(mode):
    lx = la.asarray(onp.arange(5.0))
    with pytest.raises(ValueError, match="Quantiles"):
        la.quantile(lx, 1.5)
    with pytest.raises(ValueError, match="Percentiles"):
        la.percentile(lx, [-1, 50])
    with pytest.raises(ValueError, match="method"):
        la.quantile(lx, 0.5, method="bogus")
    with pytest.raises(ValueError, match="inverted_cdf"):
        la.quantile(lx, 0.5, weights=onp.ones(5))
    with pytest.raises(ValueError, match="negative"):
        la.percentile(lx, 50, method="inverted_cdf", weights=-onp.ones(5))


@pytest.mark.parametrize("name,q", [("quantile", [0.0, 0.3, 1.0]), ("percentile", 60)])
def test_weighted_quantiles(mode, rng, name, q):
    """NumPy's weighted ``inverted_cdf`` (one library call), lazy weights too."""
    x = data("float64", (4, 7), rng, special=False)
    w = rng.integers(0, 4, size=(4, 7)).astype("float64")
    w[:, 0] += 1.0
    lx, lw = la.asarray(x), la.asarray(w) * 1.0
    for axis, keepdims in ((1, False), (None, True)):
        kwargs = dict(axis=axis, keepdims=keepdims, method="inverted_cdf")
        assert_same(getattr(la, name)(lx, q, weights=lw if axis is not None else w, **kwargs),
                    onp.asarray(getattr(onp, name)(x, q, weights=w, **kwargs)))
    out = la.zeros(4)
    assert la.quantile(lx, 0.5, axis=1, method="inverted_cdf", weights=w[0], out=out) is out
    assert_same(out, onp.quantile(x, 0.5, axis=1, method="inverted_cdf", weights=w[0]))


def test_statistics_are_lazy_until_needed(compiled, rng):
    """var fuses: two reduction kernels; quantile partitions once (a library call)."""
    x = la.asarray(data("float64", (300, 200), rng, special=False))
    la.stats(reset=True)
    v = la.var(x * 2.0, axis=0)
    assert la.stats()["evaluations"] == 0
    onp.asarray(v)
    assert la.stats()["evaluations"] == 1
    la.stats(reset=True)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        onp.asarray(la.quantile(x + 1.0, [0.2, 0.8], axis=1))
    assert la.stats()["library_calls"] == {"partition": 1}


from hypothesis import given, settings, strategies as st  # noqa: E402


@st.composite
def _order_case(draw):
    ndim = draw(st.integers(1, 3))
    shape = tuple(draw(st.lists(st.integers(1, 5), min_size=ndim, max_size=ndim)))
    axis = draw(st.one_of(st.none(), st.integers(-ndim, ndim - 1),
                          st.lists(st.integers(0, ndim - 1), min_size=1, unique=True).map(tuple)))
    q = draw(st.one_of(st.floats(0, 1), st.lists(st.floats(0, 1), min_size=1, max_size=3)))
    return (shape, axis, q, draw(st.sampled_from(["int8", "uint16", "float32", "float64"])),
            draw(st.sampled_from(["linear", "nearest", "midpoint", "weibull"])),
            draw(st.booleans()), draw(st.integers(0, 2**31)))


@settings(max_examples=40, deadline=None, derandomize=True, database=None)
@given(_order_case())
def test_order_statistics_random(case):
    shape, axis, q, dtype, method, keepdims, seed = case
    x = data(dtype, shape, onp.random.default_rng(seed))
    with la.config(eager_threshold=0):
        lx = la.asarray(x)
        assert_same(la.quantile(lx, q, axis=axis, method=method, keepdims=keepdims),
                    onp.asarray(onp.quantile(x, q, axis=axis, method=method, keepdims=keepdims)))
        assert_same(la.median(lx, axis=axis, keepdims=keepdims),
                    onp.asarray(onp.median(x, axis=axis, keepdims=keepdims)))
        if not isinstance(axis, tuple):
            assert_same(la.argmax(lx, axis=axis, keepdims=keepdims),
                        onp.asarray(onp.argmax(x, axis=axis, keepdims=keepdims)))
            assert_same(la.argmin(lx, axis=axis, keepdims=keepdims),
                        onp.asarray(onp.argmin(x, axis=axis, keepdims=keepdims)))
