"""Scans and differences (``lazyarray/ops/scans.py``) against NumPy: cumsum,
cumprod, nancumsum, nancumprod, diff, ediff1d, gradient, trapezoid,
correlate, convolve, interp."""
import numpy as onp
import pytest

import lazyarray as la
from la_testing import assert_same, assert_sum_close, data


@pytest.mark.parametrize("dtype", ["bool", "int8", "uint32", "float32", "float64"])
def test_cumsum_cumprod(mode, dtype, rng):
    x = data(dtype, (3, 5), rng, special=False, low=0, high=3) if dtype != "bool" \
        else data(dtype, (3, 5), rng)
    lx = la.asarray(x)
    for name in ("cumsum", "cumprod"):
        for axis in (None, 0, -1):
            assert_same(getattr(la, name)(lx, axis=axis), getattr(onp, name)(x, axis=axis))
        assert_same(getattr(lx, name)(1), getattr(x, name)(1))
        assert_same(getattr(la, name)(lx[:, ::-2], axis=1, dtype="int16"),
                    getattr(onp, name)(x[:, ::-2], axis=1, dtype="int16"))
    out = la.zeros((3, 5), "float64")
    assert la.cumsum(lx * 2, axis=0, out=out) is out
    assert_same(out, onp.cumsum(x * 2, axis=0).astype("float64"))
    assert_same(la.cumsum(la.asarray(onp.zeros((0, 2), dtype))), onp.cumsum(onp.zeros((0, 2), dtype)))


_SCAN_DTYPES = ["bool", "int8", "int32", "uint16", "int64", "float32", "float64"]


@pytest.mark.parametrize("dtype", _SCAN_DTYPES)
@pytest.mark.parametrize("shape,axis", [((7, 9, 5), 0), ((7, 9, 5), 1), ((7, 9, 5), -1),
                                        ((3000,), 0), ((1, 6), 0), ((6, 1), 1), ((4, 0), 1)])
def test_scans_are_native_and_bit_exact(compiled, rng, dtype, shape, axis):
    """Kernels add in NumPy's order: equal bits (specials, signed zeros, integer
    wrap-around included); no library call."""
    x = data(dtype, shape, rng)
    lx = la.asarray(x)
    la.stats(reset=True)
    for name in ("cumsum", "cumprod"):
        assert_same(getattr(la, name)(lx, axis=axis), getattr(onp, name)(x, axis=axis))
    assert la.stats()["library_calls"] == {}


@pytest.mark.parametrize("dtype", ["bool", "int8", "float32"])
def test_scan_dtype_argument(compiled, rng, dtype):
    x = data("int16", (5, 40), rng, low=-3, high=3)
    lx = la.asarray(x)
    assert_same(la.cumsum(lx, axis=1, dtype=dtype), onp.cumsum(x, axis=1, dtype=dtype))
    assert_same(la.cumprod(lx, axis=0, dtype=dtype), onp.cumprod(x, axis=0, dtype=dtype))


def test_scan_fuses_its_producers(compiled, rng):
    x = data("float64", (50, 60), rng, special=False)
    y = la.cumsum(la.sqrt(abs(la.asarray(x))) * 2.0 - 1.0, axis=0)
    la.stats(reset=True)
    la.evaluate(y)
    assert la.stats()["kernels_launched"] == 1
    assert_same(y, onp.cumsum(onp.sqrt(abs(x)) * 2.0 - 1.0, axis=0))


def test_scan_of_views_and_0d(compiled, rng):
    x = data("float32", (30, 41), rng)
    lx = la.asarray(x)
    assert_same(la.cumsum(lx[::-2, 3::3], axis=0), onp.cumsum(x[::-2, 3::3], axis=0))
    assert_same(la.cumprod(lx.T, axis=1), onp.cumprod(x.T, axis=1))
    assert_same(la.cumsum(la.asarray(onp.float64(-0.0))), onp.cumsum(onp.float64(-0.0)))
    assert_same(la.cumsum(la.asarray(onp.array(3)), axis=0), onp.cumsum(onp.array(3), axis=0))
    with pytest.raises(onp.exceptions.AxisError):
        la.cumsum(lx, axis=2)


def test_scans_of_held_dtypes_run_numpy(rng):
    x = (data("float32", (4, 6), rng, special=False) + 1j).astype("complex64")
    assert_same(la.cumsum(la.asarray(x), axis=1), onp.cumsum(x, axis=1))
    h = data("float16", (4, 6), rng, special=False)
    assert_same(la.cumprod(la.asarray(h)), onp.cumprod(h))


@pytest.mark.parametrize("dtype", ["bool", "int8", "float32", "float64"])
def test_cumulative_sum_prod(mode, rng, dtype):
    x = data(dtype, (4, 6), rng)
    lx = la.asarray(x)
    for name in ("cumulative_sum", "cumulative_prod"):
        fn, ref = getattr(la, name), getattr(onp, name)
        for axis, initial in ((0, False), (1, True), (-1, False)):
            assert_same(fn(lx, axis=axis, include_initial=initial),
                        ref(x, axis=axis, include_initial=initial))
        assert_same(fn(lx[1], include_initial=True, dtype="float64"),
                    ref(x[1], include_initial=True, dtype="float64"))
        assert_same(fn(la.asarray(x[0, 0]), include_initial=True),
                    ref(x[0, 0], include_initial=True))
        with pytest.raises(ValueError, match="axis"):
            fn(lx)
    out = la.zeros((4, 7))
    assert la.cumulative_sum(lx, axis=1, include_initial=True, out=out) is out
    assert_same(out, onp.cumulative_sum(x, axis=1, include_initial=True).astype("float64"))


def test_nancumsum_nancumprod(mode, rng):
    x = data("float64", (4, 5), rng, special=False)
    x[1, 2] = x[3, 0] = onp.nan
    lx = la.asarray(x)
    for axis in (None, 0, 1):
        assert_same(la.nancumsum(lx, axis=axis), onp.nancumsum(x, axis=axis))
        assert_same(la.nancumprod(lx, axis=axis), onp.nancumprod(x, axis=axis))
    i = data("int16", (6,), rng)
    assert_same(la.nancumsum(la.asarray(i)), onp.nancumsum(i))


@pytest.mark.parametrize("dtype", ["bool", "int8", "uint8", "float32", "float64"])
def test_diff(mode, dtype, rng):
    x = data(dtype, (4, 6), rng)
    lx = la.asarray(x)
    for n in (0, 1, 2, 5):
        for axis in (0, -1):
            assert_same(la.diff(lx, n=n, axis=axis), onp.diff(x, n=n, axis=axis))
    assert_same(la.diff(lx[::-1, 1::2]), onp.diff(x[::-1, 1::2]))
    assert_same(la.diff(lx, axis=0, prepend=x[:1], append=0),
                onp.diff(x, axis=0, prepend=x[:1], append=0))
    assert_same(la.diff(lx, n=7), onp.diff(x, n=7))           # longer than the axis: empty


def test_diff_errors(mode):
    with pytest.raises(ValueError):
        la.diff(la.asarray(onp.float64(1.0)))
    with pytest.raises(ValueError):
        la.diff(la.asarray(onp.ones(3)), n=-1)
    with pytest.raises(onp.exceptions.AxisError):
        la.diff(la.asarray(onp.ones(3)), axis=1)


@pytest.mark.parametrize("dtype", ["int16", "uint8", "float32"])
def test_ediff1d(mode, dtype, rng):
    x = data(dtype, (3, 4), rng)
    lx = la.asarray(x)
    assert_same(la.ediff1d(lx), onp.ediff1d(x))
    begin = onp.array([1, 2], dtype)
    end = onp.array(3, dtype)
    assert_same(la.ediff1d(lx, to_begin=begin, to_end=end),
                onp.ediff1d(x, to_begin=begin, to_end=end))
    assert_same(la.ediff1d(lx, to_end=onp.array([7], dtype)), onp.ediff1d(x, to_end=onp.array([7], dtype)))
    if dtype != "float32":
        with pytest.raises(TypeError):
            onp.ediff1d(x, to_begin=0.5)
        with pytest.raises(TypeError):
            la.ediff1d(lx, to_begin=0.5)


@pytest.mark.parametrize("dtype", ["int32", "float32", "float64"])
@pytest.mark.parametrize("edge_order", [1, 2])
def test_gradient(mode, dtype, edge_order, rng):
    f = data(dtype, (5, 7), rng, special=False)
    lf = la.asarray(f)
    for got, want in zip(la.gradient(lf, edge_order=edge_order),
                         onp.gradient(f, edge_order=edge_order)):
        assert_same(got, want)
    assert_same(la.gradient(lf, 0.5, axis=1, edge_order=edge_order),
                onp.gradient(f, 0.5, axis=1, edge_order=edge_order))
    coords = onp.array([0.0, 0.5, 1.5, 1.75, 3.0])
    for got, want in zip(la.gradient(lf, coords, 2, edge_order=edge_order),
                         onp.gradient(f, coords, 2, edge_order=edge_order)):
        assert_same(got, want)
    assert_same(la.gradient(lf[0], onp.arange(7) * 3, edge_order=edge_order),
                onp.gradient(f[0], onp.arange(7) * 3, edge_order=edge_order))


def test_gradient_errors(mode):
    lf = la.asarray(onp.ones((2, 3)))
    with pytest.raises(ValueError):
        la.gradient(lf, edge_order=2)      # axis 0 too short
    with pytest.raises(ValueError):
        la.gradient(lf, edge_order=3)
    with pytest.raises(TypeError):
        la.gradient(lf, 1.0, 2.0, 3.0)
    with pytest.raises(ValueError):
        la.gradient(lf, onp.ones(4), axis=1)


def test_trapezoid(mode, rng):
    y = data("float64", (4, 6), rng, special=False)
    iy = data("int32", (4, 6), rng, low=-100, high=100)
    ly = la.asarray(y)
    for axis in (0, -1):
        assert_sum_close(la.trapezoid(ly, axis=axis), onp.trapezoid(y, axis=axis), 100)
        assert_sum_close(la.trapezoid(la.asarray(iy), dx=0.5, axis=axis),
                         onp.trapezoid(iy, dx=0.5, axis=axis), 1e4)
    x = onp.cumsum(rng.random(6))
    assert_sum_close(la.trapezoid(ly, x=x), onp.trapezoid(y, x=x), 100)
    x2 = onp.cumsum(rng.random((4, 6)), axis=0)
    assert_sum_close(la.trapezoid(ly, x=x2, axis=0), onp.trapezoid(y, x=x2, axis=0), 100)


@pytest.mark.parametrize("dtype", ["bool", "int64", "float64"])
def test_correlate_convolve(mode, dtype, rng):
    for n, m in [(9, 3), (3, 9), (8, 4), (5, 5), (1, 4), (6, 1)]:
        a = data(dtype, (n,), rng, special=False, low=-5, high=5) if dtype != "bool" \
            else data(dtype, (n,), rng)
        v = data(dtype, (m,), rng, special=False, low=-5, high=5) if dtype != "bool" \
            else data(dtype, (m,), rng)
        for mode_ in ("full", "same", "valid"):
            for name in ("correlate", "convolve"):
                want = getattr(onp, name)(a, v, mode_)
                got = getattr(la, name)(la.asarray(a), la.asarray(v), mode_)
                if dtype == "float64":
                    assert_sum_close(got, want, 250.0)
                else:
                    assert_same(got, want)


def test_correlate_errors_and_mixed(mode):
    with pytest.raises(ValueError):
        la.correlate(la.asarray(onp.zeros(0)), [1.0])
    with pytest.raises(ValueError):
        la.convolve([1.0], la.asarray(onp.zeros(0)))
    with pytest.raises(ValueError):
        la.correlate([1.0, 2.0], [1.0], mode="bogus")
    a, v = onp.arange(6, dtype="int8"), onp.array([0.5, -1.0])
    assert_same(la.convolve(la.asarray(a), v, "same"), onp.convolve(a, v, "same"))
    assert_same(la.correlate(a, la.asarray(v)), onp.correlate(a, v))


def test_interp(mode, rng):
    xp = onp.sort(rng.random(10))
    fp = rng.random(10)
    x = rng.random(7) * 1.2 - 0.1
    assert_same(la.interp(la.asarray(x), xp, fp), onp.interp(x, xp, fp))
    assert_same(la.interp(x, la.asarray(xp), fp, left=-1.0, right=2.0),
                onp.interp(x, xp, fp, left=-1.0, right=2.0))
    assert_same(la.interp(x, xp, fp, period=1.0), onp.interp(x, xp, fp, period=1.0))
