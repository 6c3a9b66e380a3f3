"""Counting and binning (``lazyarray/ops/histograms.py``): bincount, histogram,
histogram2d, histogramdd, histogram_bin_edges and digitize, against NumPy
(bit-exact: they are library calls)."""
import numpy as onp
import pytest

import lazyarray as la
from la_testing import assert_same, data


def _same_results(got, want):
    if isinstance(want, (tuple, list)):
        assert len(got) == len(want)
        for g, w in zip(got, want):
            _same_results(g, w)
    else:
        assert_same(got, want)


@pytest.mark.parametrize("dtype", ["uint8", "int32", "int64", "bool"])
def test_bincount(mode, dtype, rng):
    x = data(dtype, (30,), rng, low=0, high=9) if dtype != "bool" else data(dtype, (30,), rng)
    w = data("float64", (30,), rng, special=False)
    lx = la.asarray(x)
    assert_same(la.bincount(lx), onp.bincount(x))
    assert_same(la.bincount(lx, weights=la.asarray(w) * 2.0), onp.bincount(x, weights=w * 2.0))
    assert_same(la.bincount(lx[::-3], minlength=20), onp.bincount(x[::-3], minlength=20))
    assert_same(la.bincount(la.asarray(x[:0])), onp.bincount(x[:0]))


@pytest.mark.parametrize("bins", [10, 3, "auto", "sturges", [0.0, 1.5, 2.0, 7.5]])
@pytest.mark.parametrize("density", [False, True])
def test_histogram(mode, bins, density, rng):
    x = data("float64", (40,), rng, special=False, low=-1, high=9)
    w = data("float32", (40,), rng, special=False, low=0, high=2)
    lx = la.asarray(x) + 0.5
    _same_results(la.histogram(lx, bins=bins, density=density),
                  onp.histogram(x + 0.5, bins=bins, density=density))
    if not isinstance(bins, str):
        _same_results(la.histogram(lx, bins, range=(0, 5), weights=la.asarray(w), density=density),
                      onp.histogram(x + 0.5, bins, range=(0, 5), weights=w, density=density))


def test_histogram_bin_edges_and_lazy_bins(rng):
    x = data("int16", (25,), rng, low=-20, high=20)
    for bins in (7, "fd", "doane", onp.array([-20.0, 0.0, 5.0, 20.0])):
        assert_same(la.histogram_bin_edges(la.asarray(x), bins), onp.histogram_bin_edges(x, bins))
    edges = onp.array([-20.0, -1.0, 3.0, 20.0])
    got = la.histogram(la.asarray(x), bins=edges)[1]
    got_edges = la.histogram_bin_edges(x, la.asarray(edges))
    edges[0] = 99.0     # the caller's array is not aliased by the results
    assert_same(got, onp.array([-20.0, -1.0, 3.0, 20.0]))
    assert_same(got_edges, onp.array([-20.0, -1.0, 3.0, 20.0]))


def test_histogram2d_and_histogramdd(mode, rng):
    x = data("float64", (30,), rng, special=False)
    y = data("float32", (30,), rng, special=False)
    lx, ly = la.asarray(x), la.asarray(y) * onp.float32(2)
    _same_results(la.histogram2d(lx, ly, bins=(3, 4)), onp.histogram2d(x, y * onp.float32(2),
                                                                        bins=(3, 4)))
    _same_results(la.histogram2d(lx, ly, bins=5, range=[[0, 5], [-5, 5]], density=True),
                  onp.histogram2d(x, y * onp.float32(2), bins=5, range=[[0, 5], [-5, 5]],
                                  density=True))
    sample = data("float64", (30, 3), rng, special=False)
    _same_results(la.histogramdd(la.asarray(sample), bins=(2, 3, 4)),
                  onp.histogramdd(sample, bins=(2, 3, 4)))
    _same_results(la.histogramdd([lx, x], bins=4, weights=la.asarray(y)),
                  onp.histogramdd([x, x], bins=4, weights=y))


@pytest.mark.parametrize("right", [False, True])
def test_digitize(mode, right, rng):
    x = data("float64", (4, 6), rng)
    bins = onp.array([-5.0, 0.0, 0.5, 3.0, 10.0])
    assert_same(la.digitize(la.asarray(x) * 1.0, la.asarray(bins), right=right),
                onp.digitize(x * 1.0, bins, right=right))
    assert_same(la.digitize(la.asarray(x), bins[::-1], right), onp.digitize(x, bins[::-1], right))


def test_histogram_errors_are_numpy_errors():
    with pytest.raises(ValueError):
        la.bincount(la.asarray([1, -1]))
    with pytest.raises(TypeError):
        la.bincount(la.asarray([1.0, 2.0]))
    with pytest.raises(ValueError):
        la.histogram(la.asarray([1.0, 2.0]), bins=-1)
    with pytest.raises(ValueError):
        la.digitize(la.asarray([1.0]), la.asarray([1.0, 0.0, 2.0]))
