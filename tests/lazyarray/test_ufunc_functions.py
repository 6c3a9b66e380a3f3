"""round/around, fix, clip, nan_to_num, real, imag, angle
(``lazyarray/ops/ufunc_functions.py``) against NumPy, compiled and eager."""
import numpy as onp
import pytest

import lazyarray as la
from la_testing import DTYPES, FLOAT_SPECIALS, assert_same, data, numpy_or_error

VALUES = onp.array(FLOAT_SPECIALS + [2.5, -2.5, 0.125, 1.005, 2.675, -1234.5678, 1e300, 5e-324])


def _compare(fn_la, fn_np, *args, **kwargs):
    expected, exc = numpy_or_error(fn_np, *args, **kwargs)
    if exc is not None:
        with pytest.raises(type(exc)):
            onp.asarray(fn_la(*[la.asarray(a) if isinstance(a, onp.ndarray) else a for a in args],
                              **kwargs))
        return
    actual = fn_la(*[la.asarray(a) if isinstance(a, onp.ndarray) else a for a in args], **kwargs)
    assert_same(actual, expected)


@pytest.mark.parametrize("dtype", DTYPES, ids=str)
@pytest.mark.parametrize("decimals", [0, 1, 2, 3, 10, -1, -2, -12])
def test_round(mode, dtype, decimals, rng):
    if dtype.kind == "f":
        x = onp.concatenate([VALUES, rng.uniform(-1e4, 1e4, 10)]).astype(dtype)
    elif dtype.kind == "u" and dtype.itemsize >= 4:
        # (rounding up past the dtype's maximum is an out-of-range float cast, whose
        # result NumPy leaves undefined: it differs between its SIMD and scalar loops)
        x = data(dtype, (5, 6), rng, low=0, high=onp.iinfo(dtype).max // 2)
    else:
        x = data(dtype, (5, 6), rng)
    _compare(la.round, onp.round, x, decimals)
    _compare(la.around, onp.around, x, decimals)


def test_round_out(mode):
    x = VALUES.astype(onp.float32)
    out, lout = onp.zeros(len(x)), la.asarray(onp.zeros(len(x)))
    la.round(la.asarray(x), 2, out=lout)
    onp.round(x, 2, out=out)
    assert_same(lout, out)


@pytest.mark.parametrize("dtype", DTYPES, ids=str)
def test_fix(mode, dtype, rng):
    x = data(dtype, (20,), rng)
    _compare(la.fix, onp.fix, x)


@pytest.mark.parametrize("dtype", DTYPES, ids=str)
@pytest.mark.parametrize("bounds", [(-1, 1), (0.5, 2.5), (None, 3), (-3, None), (None, None),
                                    (-1000, 1000), (3, -3), (float("nan"), 1)])
def test_clip(mode, dtype, bounds, rng):
    x = data(dtype, (4, 6), rng)
    _compare(la.clip, onp.clip, x, *bounds)


def test_clip_array_bounds_keywords_and_out(mode, rng):
    x = data("float64", (4, 6), rng)
    lo, hi = data("float64", (6,), rng), data("float64", (4, 1), rng)
    _compare(la.clip, onp.clip, x, lo, hi)
    assert_same(la.clip(la.asarray(x), min=-1, max=2), onp.clip(x, min=-1, max=2))
    out, lout = onp.zeros((4, 6), onp.int32), la.asarray(onp.zeros((4, 6), onp.int32))
    with pytest.raises(onp._core._exceptions._UFuncOutputCastingError):
        la.clip(la.asarray(x), -1, 1, out=lout)
    la.clip(la.asarray(x), -1, 1, out=lout, casting="unsafe")
    onp.clip(x, -1, 1, out=out, casting="unsafe")
    assert_same(lout, out)


@pytest.mark.parametrize("dtype", DTYPES, ids=str)
@pytest.mark.parametrize("kwargs", [{}, {"nan": 7, "posinf": 1e300, "neginf": -5}])
def test_nan_to_num(mode, dtype, kwargs, rng):
    x = data(dtype, (30,), rng)
    _compare(la.nan_to_num, onp.nan_to_num, x, **kwargs)


def test_nan_to_num_in_place_writes_through_views(mode):
    base = onp.array([onp.nan, 1.0, onp.inf, -onp.inf])
    lbase = la.asarray(base)
    view = lbase[1:]
    la.nan_to_num(view, copy=False)
    onp.nan_to_num(base[1:], copy=False)
    assert_same(lbase, base)


@pytest.mark.parametrize("dtype", DTYPES, ids=str)
def test_real_imag_angle(mode, dtype, rng):
    x = data(dtype, (12,), rng)
    _compare(la.real, onp.real, x)
    _compare(la.imag, onp.imag, x)
    _compare(la.angle, onp.angle, x)
    _compare(lambda v: la.angle(v, deg=True), lambda v: onp.angle(v, deg=True), x)


def test_complex_through_numpy(mode):
    z = onp.array([1 + 2j, -3.5j, onp.nan + 1j, -2.5 + 0j])
    for fn in ("real", "imag", "angle", "round", "nan_to_num"):
        _compare(getattr(la, fn), getattr(onp, fn), z)


def test_methods(mode, rng):
    x = data("float32", (3, 4), rng)
    lx = la.asarray(x)
    assert_same(lx.round(2), x.round(2))
    assert_same(lx.clip(-1, 1), x.clip(-1, 1))
    assert_same(lx.clip(max=0.5), x.clip(max=0.5))
    assert_same(lx.conj(), x.conj())
    assert_same(lx.conjugate(), x.conjugate())
    assert_same(lx.real, x.real)
    assert_same(lx.imag, x.imag)
