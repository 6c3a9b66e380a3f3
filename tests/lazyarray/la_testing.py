"""Shared helpers of the lazyarray differential tests: data, oracles, comparisons.

NumPy is the oracle: a lazyarray result must equal NumPy's in dtype, shape and
value.  Comparisons:

* ``assert_same``: bit-exact (``assert_array_equal(strict=True)``: dtype and
  shape included; NaN equals NaN) plus equal sign bits of every non-NaN
  float, so ``-0.0`` and ``0.0`` are told apart;
* ``assert_ulp``: transcendental functions, within ``MAXULP`` units in the
  last place on finite results; NaN and +-inf positions must match exactly;
* ``assert_sum_close``: float sums and means are reassociated by the compiled
  kernels, so they are compared with a relative tolerance on the scale of the
  sum of absolute values.
"""
from __future__ import annotations

import numpy as onp
import pytest

import lazyarray as la

DTYPES = [onp.dtype(t) for t in ("bool", "int8", "int16", "int32", "int64", "uint8", "uint16",
                                 "uint32", "uint64", "float32", "float64")]
INT_DTYPES = [d for d in DTYPES if d.kind in "iu"]
FLOAT_DTYPES = [d for d in DTYPES if d.kind == "f"]
SUPPORTED = frozenset(DTYPES)

#: shapes every element-wise op is checked on.
SHAPES = [(), (0,), (1,), (5,), (3, 4), (2, 1, 3), (1, 1)]
#: pairs of shapes that broadcast together.
BROADCAST_PAIRS = [
    ((3, 1), (1, 4)), ((4,), (3, 4)), ((3, 4), ()), ((2, 1, 3), (4, 1)), ((1,), (5,)),
    ((1, 1), (2, 1, 3)), ((0,), (1,)), ((2, 0, 3), (1, 3)), ((5, 1, 1), (1, 1, 2)),
]

#: documented bound for exp, log, sin, cos (units in the last place).
MAXULP = {onp.dtype(onp.float32): 4, onp.dtype(onp.float64): 4}
#: float sums and means: relative to the sum of absolute values.
SUM_RTOL = {onp.dtype(onp.float32): 1e-4, onp.dtype(onp.float64): 1e-6,
            onp.dtype(onp.float16): 1e-3}

FLOAT_SPECIALS = [onp.nan, onp.inf, -onp.inf, 0.0, -0.0, 1.0, -1.0, 0.5, 1e-30, -1e30, 3.0, 100.0]


def known_bug(request, reason: str, when: bool = True, raises=None) -> None:
    """Mark the running test as a known lazyarray bug (strict xfail; ``raises``:
    the exception type the bug shows as, so that another failure still fails)."""
    if when:
        request.applymarker(pytest.mark.xfail(strict=True, reason="BUG: " + reason, raises=raises))


def data(dtype, shape, rng, special: bool = True, low=None, high=None) -> onp.ndarray:
    """Random values of ``dtype``: integers over their whole range (extremes
    included, to exercise wrap-around), floats with NaN, +-inf, +-0.0 mixed in."""
    dtype = onp.dtype(dtype)
    size = int(onp.prod(shape, dtype=onp.int64))
    if dtype.kind == "b":
        out = rng.integers(0, 2, size=size).astype(bool)
    elif dtype.kind in "iu":
        info = onp.iinfo(dtype)
        lo = info.min if low is None else low
        hi = info.max if high is None else high
        out = rng.integers(lo, hi, size=size, dtype=dtype, endpoint=True)
        if special and low is None and high is None:
            extremes = [info.min, info.max, 0, 1, info.max - 1]
            if dtype.kind == "i":
                extremes += [-1, info.min + 1]
            k = min(size, len(extremes))
            out[:k] = onp.array(extremes[:k], dtype=dtype)
    else:
        lo = -10.0 if low is None else low
        hi = 10.0 if high is None else high
        out = rng.uniform(lo, hi, size=size).astype(dtype)
        if special:
            k = min(size, len(FLOAT_SPECIALS))
            with onp.errstate(all="ignore"):
                out[:k] = onp.array(FLOAT_SPECIALS[:k], dtype=dtype)
    out = out.reshape(shape)
    if size > 1:
        out = rng.permutation(out.reshape(-1)).reshape(shape)
    return out


def _check_meta(actual, expected, lazy: bool) -> tuple[onp.ndarray, onp.ndarray]:
    if lazy:
        assert isinstance(actual, la.ndarray), f"expected a lazyarray.ndarray, got {type(actual)}"
        # metadata is known before evaluation
        want_dtype = onp.asarray(expected).dtype
        assert actual.dtype == want_dtype, (actual.dtype, want_dtype)
        assert actual.shape == onp.shape(expected), (actual.shape, onp.shape(expected))
    got = onp.asarray(actual)
    want = onp.asarray(expected)
    assert got.dtype == want.dtype, f"dtype {got.dtype} != NumPy's {want.dtype}"
    assert got.shape == want.shape, f"shape {got.shape} != NumPy's {want.shape}"
    return got, want


def assert_same(actual, expected, lazy: bool = True) -> None:
    """Bit-exact equality with NumPy's result (dtype, shape, values, float signs)."""
    got, want = _check_meta(actual, expected, lazy)
    onp.testing.assert_array_equal(got, want, strict=True)
    if want.dtype.kind == "f":
        mask = ~onp.isnan(want)
        onp.testing.assert_array_equal(onp.signbit(got[mask]), onp.signbit(want[mask]),
                                       err_msg="signs of zeros (or values) differ")


def assert_ulp(actual, expected, maxulp: int | None = None, lazy: bool = True) -> None:
    """Transcendental results: finite values within ``maxulp``; NaN/inf positions exact."""
    got, want = _check_meta(actual, expected, lazy)
    maxulp = MAXULP.get(want.dtype, 4) if maxulp is None else maxulp
    onp.testing.assert_array_equal(onp.isnan(got), onp.isnan(want), err_msg="NaN positions")
    onp.testing.assert_array_equal(onp.isposinf(got), onp.isposinf(want), err_msg="+inf positions")
    onp.testing.assert_array_equal(onp.isneginf(got), onp.isneginf(want), err_msg="-inf positions")
    finite = onp.isfinite(want)
    onp.testing.assert_array_max_ulp(got[finite], want[finite], maxulp=maxulp, dtype=want.dtype)


def assert_sum_close(actual, expected, abs_scale, lazy: bool = True) -> None:
    """Float sums/means: NaN/inf positions exact, finite values within
    ``SUM_RTOL[dtype] * abs_scale`` (abs_scale: the sum of absolute values)."""
    got, want = _check_meta(actual, expected, lazy)
    if want.dtype.kind != "f":
        onp.testing.assert_array_equal(got, want, strict=True)
        return
    onp.testing.assert_array_equal(onp.isnan(got), onp.isnan(want), err_msg="NaN positions")
    onp.testing.assert_array_equal(onp.isinf(got) & (got > 0), onp.isinf(want) & (want > 0))
    onp.testing.assert_array_equal(onp.isinf(got) & (got < 0), onp.isinf(want) & (want < 0))
    finite = onp.isfinite(want)
    scale = onp.broadcast_to(onp.asarray(abs_scale, dtype=onp.float64), want.shape)[finite]
    err = onp.abs(got[finite].astype(onp.float64) - want[finite].astype(onp.float64))
    tol = SUM_RTOL[want.dtype] * onp.maximum(scale, onp.finfo(want.dtype).tiny)
    bad = err > tol
    assert not bad.any(), (f"float reduction off by {err[bad]} > {tol[bad]}:\n"
                           f"got {got[finite][bad]}\nwant {want[finite][bad]}")


def numpy_or_error(fn, *args, **kwargs):
    """(result, None) or (None, exception) of a NumPy call, warnings silenced."""
    with onp.errstate(all="ignore"):
        try:
            return onp.asarray(fn(*args, **kwargs)), None
        except Exception as exc:  # noqa: BLE001 - the oracle's exception is the expectation
            return None, exc


def assert_view_meta(lv, nv, lbase, nbase):
    """Shape, dtype, strides, flags and base identity equal NumPy's."""
    assert isinstance(lv, la.ndarray)
    assert lv.shape == nv.shape, (lv.shape, nv.shape)
    assert lv.dtype == nv.dtype
    assert lv.strides == nv.strides, (lv.strides, nv.strides)
    assert lv.flags.c_contiguous == nv.flags.c_contiguous
    assert lv.flags["C"] == nv.flags["C"]
    assert lv.flags.writeable == nv.flags.writeable
    assert (lv.base is lbase) == (nv.base is nbase), (lv.base, nv.base is nbase)
    if nv.base is nbase:
        assert lv.base is lbase


def check_call(call, *arrays) -> None:
    """``call(lazyarray, *lazy arrays)`` equals ``call(numpy, *arrays)`` (assert_same),
    element-wise for tuple and list results."""
    want = call(onp, *arrays)
    got = call(la, *(la.asarray(a) for a in arrays))
    if isinstance(want, (tuple, list)):
        assert type(got) is type(want) and len(got) == len(want)
        for g, w in zip(got, want):
            assert_same(g, w)
    else:
        assert_same(got, want)


def check_raises(call, *arrays) -> None:
    """``call`` raises the exception type NumPy raises, at the call (arrays are
    lazy and pending, so nothing is evaluated)."""
    with pytest.raises(Exception) as want:
        call(onp, *arrays)
    lazy = [la.asarray(a) * 1 if onp.asarray(a).dtype.kind != "b" else la.asarray(a)
            for a in arrays]
    with pytest.raises(type(want.value)):
        call(la, *lazy)
