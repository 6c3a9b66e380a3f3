"""Every non-transcendental ufunc (``lazyarray/ops/ufunc_table.py`` and the basic
ones of ``elementwise.py``) on every loop NumPy lists for it, against NumPy.

Inputs hold NaN, +-inf, -0.0, subnormals, integer extremes and zero divisors;
results must be bit-exact (dtype, shape, values, signs of zeros, NaN
positions).  Each case runs compiled (``eager_threshold=0``) and eager.
"""
import numpy as onp
import pytest

import lazyarray as la
from codegen.mathfuncs_derived import EXPANSIONS
from la_testing import assert_same, assert_ulp, numpy_or_error

#: functions computed by codegen's vectorized expansions: within ULP bounds,
#: not bit-exact, and tested in test_transcendental.py (power's float loops
#: too, checked here within the bound)
TRANSCENDENTAL = {uf.__name__ for uf in la._UFUNCS.values()
                  if any(uf.scalar == op for op, _ in EXPANSIONS)}
NAMES = sorted({uf.__name__ for name, uf in la._UFUNCS.items()} - TRANSCENDENTAL)
SUBNORMALS = [5e-324, -5e-324, 1e-310, 1e-45, -1e-40, 2.2e-308]
FLOATS = [onp.nan, onp.inf, -onp.inf, 0.0, -0.0, 1.0, -1.0, 0.5, -0.5, 1.5, 2.5, -2.5, 3.0, 7.0,
          -7.0, 100.0, 1e30, -1e30, 65504.0, 1e300] + SUBNORMALS


def _loops(name):
    uf = getattr(onp, name)
    seen = []
    for t in uf.types:
        ins = t.split("->")[0]
        if any(c in "OMm" for c in t) or ins in seen:
            continue
        seen.append(ins)
    return seen


CASES = [(name, ins) for name in NAMES for ins in _loops(name)]


def _values(dtype, rng, n, role):
    """``n`` values of ``dtype`` with the special ones first (then shuffled)."""
    dtype = onp.dtype(dtype)
    if dtype.kind == "b":
        return rng.integers(0, 2, n).astype(bool)
    if dtype.kind in "iu":
        info = onp.iinfo(dtype)
        if role == "count":     # shift counts and exponents: small, some beyond the width
            lo = -2 if dtype.kind == "i" and role == "count" else 0
            out = rng.integers(lo, min(int(info.max), 70), n, endpoint=True).astype(dtype)
        else:
            out = rng.integers(info.min, info.max, n, dtype=dtype, endpoint=True)
            special = [info.min, info.max, 0, 1, 0, info.max - 1, 2, 3]
            if dtype.kind == "i":
                special += [-1, info.min + 1, -2, -3]
            special = special[:n]
            out[:len(special)] = special
        return rng.permutation(out)
    with onp.errstate(all="ignore"):
        if dtype.kind == "c":
            re_, im = _values(onp.float64, rng, n, role), _values(onp.float64, rng, n, role)
            return (re_ + 1j * im).astype(dtype)
        out = rng.uniform(-10, 10, n).astype(dtype)
        out[:min(n, len(FLOATS))] = onp.array(FLOATS[:n]).astype(dtype)
    return rng.permutation(out)


def _inputs(name, ins, rng, n=64):
    roles = ["value"] * len(ins)
    if name in ("left_shift", "right_shift", "bitwise_left_shift", "bitwise_right_shift"):
        roles[1] = "count"
    if name in ("power", "ldexp") and onp.dtype(ins[-1]).kind in "iu":
        roles[-1] = "count"
    xs = [_values(c, rng, n, role) for c, role in zip(ins, roles)]
    if name == "power" and onp.dtype(ins[1]).kind == "i":
        xs[1] = onp.abs(xs[1])          # a negative exponent is an error (test below)
    return xs


@pytest.mark.parametrize("name, ins", CASES, ids=[f"{n}-{i}" for n, i in CASES])
def test_every_loop(mode, name, ins, rng):
    xs = _inputs(name, ins, rng)
    expected, exc = numpy_or_error(getattr(onp, name), *xs)
    if exc is not None:
        with pytest.raises(type(exc)):
            getattr(la, name)(*[la.asarray(x) for x in xs])
        return
    with onp.errstate(all="ignore"):
        expected = getattr(onp, name)(*xs)
    actual = getattr(la, name)(*[la.asarray(x) for x in xs])
    if isinstance(expected, tuple):
        assert isinstance(actual, tuple) and len(actual) == len(expected)
        for a, e in zip(actual, expected):
            assert_same(a, e)
    elif name == "power" and expected.dtype in (onp.float32, onp.float64):
        assert_ulp(actual, expected)
    else:
        assert_same(actual, expected)


def test_ufunc_objects_look_like_numpy():
    for name in NAMES:
        uf, nuf = getattr(la, name), getattr(onp, name)
        assert (uf.nin, uf.nout, uf.nargs, uf.types, uf.ntypes) == \
            (nuf.nin, nuf.nout, nuf.nargs, nuf.types, nuf.ntypes), name
    assert la.mod is la.remainder and la.pow is la.power and la.conj is la.conjugate
    assert la.remainder.__name__ == "remainder" and la.divmod.nout == 2


# ---------------------------------------------------------------- shapes and views
@pytest.mark.parametrize("name", ["floor_divide", "remainder", "power", "fmax", "copysign",
                                  "left_shift", "gcd", "heaviside", "divmod"])
def test_broadcasting_and_views(mode, name, rng):
    kind = "i" if name in ("left_shift", "gcd", "power") else "f"
    dtype = onp.int32 if kind == "i" else onp.float64
    a = _values(dtype, rng, 24, "value").reshape(4, 6)
    b = _values(dtype, rng, 6, "count" if kind == "i" else "value")
    if name == "power":
        b = onp.abs(b)
    keys = [((), ()), ((slice(None, None, -1), slice(None, None, 2)), (slice(None, None, 2),)),
            ((slice(1, 2),), (slice(None, None, -1),)), ((0, 0), ()), ((slice(None), None), (None,))]
    for ka, kb in keys:
        x, y = a[ka], b[kb]
        expected = getattr(onp, name)(x, y)
        actual = getattr(la, name)(la.asarray(a)[ka], la.asarray(b)[kb])
        for got, want in zip(*((actual, expected) if name == "divmod" else ((actual,), (expected,)))):
            assert_same(got, onp.asarray(want))


def test_transposed_view_operand(mode, rng):
    a = _values(onp.int16, rng, 12, "value").reshape(3, 4)
    assert_same(la.floor_divide(la.asarray(a).T, 7), onp.floor_divide(a.T, 7))
    assert_same(la.fmod(la.asarray(a).T[::-1], la.asarray(a).T), onp.fmod(a.T[::-1], a.T))


@pytest.mark.parametrize("shape", [(), (0,), (1,), (3, 0, 2)])
def test_empty_and_zero_d(mode, shape, rng):
    x = _values(onp.float32, rng, max(1, int(onp.prod(shape))), "value")[:int(onp.prod(shape))]
    x = x.reshape(shape)
    for name in ("floor", "signbit", "spacing", "modf", "frexp", "square", "sign"):
        expected = getattr(onp, name)(x)
        actual = getattr(la, name)(la.asarray(x))
        for got, want in zip(*((actual, expected) if isinstance(expected, tuple)
                               else ((actual,), (expected,)))):
            assert_same(got, onp.asarray(want))


# ---------------------------------------------------------------- out= where= casting= dtype=
def test_out_and_where(mode, rng):
    a = _values(onp.float64, rng, 12, "value").reshape(3, 4)
    b = _values(onp.float64, rng, 4, "value")
    mask = rng.integers(0, 2, (3, 4)).astype(bool)
    out = onp.full((3, 4), 5.0)
    lout = la.asarray(out)
    got = la.remainder(la.asarray(a), la.asarray(b), out=lout, where=la.asarray(mask))
    onp.remainder(a, b, out=out, where=mask)
    assert got is lout
    assert_same(lout, out)
    # positional out, tuple out, two outputs, a view as out
    base = onp.zeros((2, 3, 4))
    lbase = la.asarray(base)
    la.floor_divide(la.asarray(a), 2.5, lbase[1])
    onp.floor_divide(a, 2.5, base[1])
    assert_same(lbase, base)
    q, r = onp.zeros((3, 4)), onp.zeros((3, 4))
    lq, lr = la.asarray(q), la.asarray(r)
    res = la.divmod(la.asarray(a), 3.0, out=(lq, lr))
    onp.divmod(a, 3.0, out=(q, r))
    assert res[0] is lq and res[1] is lr
    assert_same(lq, q)
    assert_same(lr, r)
    m, e = onp.zeros(12), onp.zeros(12, onp.int32)
    lm, le = la.asarray(m), la.asarray(e)
    la.frexp(la.asarray(a.ravel()), lm, le, where=la.asarray(mask.ravel()))
    onp.frexp(a.ravel(), m, e, where=mask.ravel())
    assert_same(lm, m)
    assert_same(le, e)


def test_out_and_where_shape_errors(mode):
    a = la.asarray(onp.ones((3, 4)))
    for out, where in (((4,), True), ((3, 4), onp.ones((2, 3, 4), bool)), ((3, 4), onp.ones(5, bool))):
        with pytest.raises(ValueError):
            onp.add(onp.ones((3, 4)), 1, out=onp.zeros(out), where=where)
        with pytest.raises(ValueError):
            la.add(a, 1, out=la.asarray(onp.zeros(out)), where=where)


def test_out_casting(mode, rng):
    a = onp.arange(-6, 6, dtype=onp.int16)
    out = onp.zeros(12, onp.float32)
    lout = la.asarray(out)
    la.left_shift(la.asarray(a), 3, out=lout)        # int16 -> float32: 'same_kind' allows it
    onp.left_shift(a, 3, out=out)
    assert_same(lout, out)
    iout = la.asarray(onp.zeros(12, onp.int8))
    with pytest.raises(onp._core._exceptions._UFuncOutputCastingError):
        onp.floor_divide(a, 3, out=onp.zeros(12, onp.int8), casting="safe")
    with pytest.raises(onp._core._exceptions._UFuncOutputCastingError):
        la.floor_divide(la.asarray(a), 3, out=iout, casting="safe")
    with pytest.raises(onp._core._exceptions._UFuncOutputCastingError):
        la.floor_divide(la.asarray(a) * 1.5, 3, out=iout)
    la.floor_divide(la.asarray(a), 3, out=iout, casting="unsafe")
    assert_same(iout, onp.floor_divide(a, 3).astype(onp.int8))
    with pytest.raises(ValueError):
        la.floor_divide(la.asarray(a), 3, out=iout, casting="bogus")


def test_dtype_and_signature(mode, rng):
    a = onp.arange(1, 9, dtype=onp.int8)
    assert_same(la.power(la.asarray(a), 2, dtype=onp.float64), onp.power(a, 2, dtype=onp.float64))
    assert_same(la.floor_divide(la.asarray(a), 3, signature="dd->d"),
                onp.floor_divide(a, 3, signature="dd->d"))
    assert_same(la.fmax(la.asarray(a), 3, signature=(onp.int16, None, None)),
                onp.fmax(a, 3, signature=(onp.int16, None, None)))
    with pytest.raises(onp._core._exceptions._UFuncInputCastingError):
        la.remainder(la.asarray(a * 1.5), 2, dtype=onp.int32)
    with pytest.raises(onp._core._exceptions._UFuncInputCastingError):
        la.add(la.asarray(a), la.asarray(a.astype(onp.int16)), casting="no")


# ---------------------------------------------------------------- errors
@pytest.mark.parametrize("name, dtype", [("left_shift", "float64"), ("gcd", "float32"),
                                         ("fmod", "complex64"), ("copysign", "complex128"),
                                         ("bitwise_count", "float32"), ("ldexp", "float32")])
def test_no_loop_raises_numpys_type_error(mode, name, dtype):
    x = onp.ones(4, dtype)
    n = getattr(onp, name).nin
    with pytest.raises(TypeError) as want:
        getattr(onp, name)(*[x] * n)
    with pytest.raises(type(want.value)) as got:
        getattr(la, name)(*[la.asarray(x) * 1 if dtype != "complex128" else la.asarray(x)] * n)
    assert name in str(got.value)


def test_negative_integer_power_raises_value_error(mode):
    x = la.asarray(onp.arange(4, dtype=onp.int32))
    with pytest.raises(ValueError, match="negative integer powers"):
        la.power(x, -1)
    with pytest.raises(ValueError, match="negative integer powers"):
        x ** la.asarray(onp.array([1, 2, -3, 4]))
    with pytest.raises(ValueError, match="negative integer powers"):
        la.power(x, x - 2)            # a pending exponent is evaluated to check it
    assert_same(x ** la.asarray(onp.array([1, 2, 3, 4], onp.uint8)),
                onp.arange(4, dtype=onp.int32) ** onp.array([1, 2, 3, 4], onp.uint8))


def test_zero_d_results_behave_like_scalars():
    r = la.floor_divide(la.asarray(onp.float64(7.5)), 2)
    assert float(r) == 3.0 and r.item() == 3.0 and f"{r:.1f}" == "3.0"
    i = la.remainder(la.asarray(onp.int64(7)), 4)
    assert [10, 20, 30, 40][i] == 40 and int(i) == 3


def test_ufunc_methods_are_native():
    """(tested in test_ufunc_methods.py) no method goes through the fallback."""
    x = la.asarray(onp.arange(6))
    la.stats(reset=True)
    assert_same(la.add.reduce(x), onp.asarray(onp.add.reduce(onp.arange(6))))
    la.add.at(x, [0], 1)
    assert_same(x, onp.arange(6) + (onp.arange(6) == 0))
    assert not la.stats()["fallbacks"]


@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_float_power_zero_stride_fast_paths(mode, dtype):
    """NumPy's loop computes x ** 0.5, 2, -1 with sqrt, x * x, 1 / x when the
    exponent has stride 0 (a scalar, 0-d or broadcast one-element array)."""
    x = onp.array([-0.0, -onp.inf, 3.0, onp.nan, 1e-320, 1e200, -2.5, 0.0], dtype)
    for e in (0.5, 2.0, -1.0, 3.0):
        for exponent, lazy_exponent in ((e, e), (onp.array(e, dtype), la.asarray(onp.array(e, dtype))),
                                        (onp.array([e], dtype), la.asarray(onp.array([e], dtype)))):
            assert_same(la.power(la.asarray(x), lazy_exponent), onp.power(x, exponent))
            assert_same(la.asarray(x) ** lazy_exponent, x ** exponent)
    full = onp.full(8, 0.5, dtype)   # a full exponent: pow, which NumPy computes by host (SVML on AVX-512)
    assert_ulp(la.power(la.asarray(x), la.asarray(full)), onp.power(x, full))
