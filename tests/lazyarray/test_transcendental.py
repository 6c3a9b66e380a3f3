"""The transcendental ufuncs (rows of ``lazyarray/ops/elementwise.py``, computed by
``codegen/mathfuncs_derived.py``) against NumPy, compiled and eager.

Values within ``MAXULP`` of NumPy's (both are within a few ULP of the exact
result), NaN and +-inf positions exact, dtypes and shapes NumPy's, deg2rad
and rad2deg bit for bit.  Integer and bool inputs follow NumPy's loops.
"""
import numpy as onp
import pytest

import lazyarray as la
from la_testing import BROADCAST_PAIRS, DTYPES, SHAPES, assert_same, assert_ulp, data

UNARY = ["tan", "exp2", "expm1", "log2", "log10", "log1p", "arcsin", "arccos", "arctan",
         "sinh", "cosh", "tanh", "arcsinh", "arccosh", "arctanh"]
EXACT = ["deg2rad", "rad2deg", "radians", "degrees"]
BINARY = ["hypot", "arctan2", "logaddexp", "logaddexp2"]
FLOATS = ["float32", "float64"]
#: arguments spread over each function's domain
RANGES = {"arcsin": (-1.2, 1.2), "arccos": (-1.2, 1.2), "arctanh": (-1.2, 1.2),
          "arccosh": (0.5, 50.0), "log2": (-1.0, 1e6), "log10": (-1.0, 1e6), "log1p": (-1.5, 50.0)}


def _lazy(x):
    """x as a pending lazy array (so that the compiled path sees a computation)."""
    return la.asarray(x) * 1 if onp.asarray(x).dtype.kind == "f" else la.asarray(x)


def _check(name, got_fn, *xs):
    with onp.errstate(all="ignore"):
        expected = getattr(onp, name)(*xs)
    got = got_fn()
    if name in EXACT or expected.dtype == onp.float16:   # float16 loops (bool, int8): NumPy's
        assert_same(got, expected)
    elif name.startswith("logaddexp"):
        # near-zero results cancel in NumPy's own formula: compare on the operands' scale
        g, w = onp.asarray(got), expected
        assert g.dtype == w.dtype and g.shape == w.shape
        onp.testing.assert_array_equal(onp.isnan(g), onp.isnan(w))
        finite = onp.isfinite(w)
        onp.testing.assert_array_equal(g[~finite], w[~finite])
        scale = onp.maximum(onp.abs(w), onp.abs(onp.maximum(*onp.broadcast_arrays(*xs))))
        err = onp.abs(g - w)[finite] / onp.spacing(scale.astype(w.dtype))[finite]
        assert err.size == 0 or err.max() <= 4, err.max()
    else:
        assert_ulp(got, expected)


@pytest.mark.parametrize("dtype", FLOATS)
@pytest.mark.parametrize("name", UNARY + EXACT)
def test_unary_floats(mode, name, dtype, rng):
    lo, hi = RANGES.get(name, (-10.0, 10.0))
    x = data(dtype, (64, 600), rng, low=lo, high=hi)       # specials mixed in
    _check(name, lambda: getattr(la, name)(_lazy(x)), x)


@pytest.mark.parametrize("dtype", DTYPES, ids=str)
@pytest.mark.parametrize("name", ["tanh", "arctan", "log1p", "deg2rad"])
def test_unary_every_dtype(mode, name, dtype, rng):
    x = data(dtype, (3, 5), rng)
    _check(name, lambda: getattr(la, name)(_lazy(x)), x)


@pytest.mark.parametrize("shape", SHAPES, ids=str)
def test_unary_shapes(mode, shape, rng):
    x = data("float64", shape, rng)
    for name in ("expm1", "arcsinh", "rad2deg"):
        _check(name, lambda: getattr(la, name)(_lazy(x)), x)


def test_unary_views(compiled, rng):
    x = data("float32", (40, 30), rng)
    for view in (lambda a: a[::-2, 1::3], lambda a: a.T, lambda a: a[5, ::-1]):
        _check("sinh", lambda: la.sinh(view(_lazy(x))), view(x))


@pytest.mark.parametrize("dtype", FLOATS)
@pytest.mark.parametrize("name", BINARY)
def test_binary_floats(mode, name, dtype, rng):
    x = data(dtype, (64, 600), rng, low=-30, high=30)
    y = data(dtype, (64, 600), rng, low=-30, high=30)
    _check(name, lambda: getattr(la, name)(_lazy(x), _lazy(y)), x, y)


@pytest.mark.parametrize("name", BINARY)
def test_binary_specials_every_pair(compiled, name):
    s = onp.array([onp.nan, onp.inf, -onp.inf, 0.0, -0.0, 1.0, -1.0, 1e-300, -1e300, 3.0])
    x, y = onp.repeat(s, s.size), onp.tile(s, s.size)
    _check(name, lambda: getattr(la, name)(_lazy(x), _lazy(y)), x, y)


@pytest.mark.parametrize("shapes", BROADCAST_PAIRS, ids=str)
def test_binary_broadcasting_and_scalars(mode, shapes, rng):
    x, y = data("float64", shapes[0], rng), data("float32", shapes[1], rng)
    _check("arctan2", lambda: la.arctan2(_lazy(x), _lazy(y)), x, y)
    _check("hypot", lambda: la.hypot(_lazy(y), 2.5), y, 2.5)
    _check("logaddexp", lambda: la.logaddexp(3, _lazy(x)), 3, x)


@pytest.mark.parametrize("pair", [("int32", "int64"), ("uint8", "float32"), ("bool", "int16")],
                         ids=str)
def test_binary_mixed_dtypes(mode, pair, rng):
    x, y = data(pair[0], (4, 5), rng), data(pair[1], (4, 5), rng)
    _check("hypot", lambda: la.hypot(_lazy(x), _lazy(y)), x, y)


def test_fused_chain_is_one_kernel(compiled, rng):
    x = rng.uniform(-2, 2, 5000).astype(onp.float32)
    a = la.asarray(x)
    y = la.tanh(a) * la.arctan(a) + la.log1p(la.abs(a)) - la.expm1(a * 0.1)
    before = la.stats()["kernels_launched"] if "kernels_launched" in la.stats() else None
    expected = onp.tanh(x) * onp.arctan(x) + onp.log1p(onp.abs(x)) - onp.expm1(x * onp.float32(0.1))
    onp.testing.assert_allclose(onp.asarray(y), expected, rtol=1e-5, atol=1e-6)
    if before is not None:
        assert la.stats()["kernels_launched"] - before == 1


# ---------------------------------------------------------------- power, float_power
@pytest.mark.parametrize("name, dtype", [(n, t) for n in ("power", "float_power") for t in FLOATS]
                         + [("float_power", "int16"), ("float_power", "bool")], ids=str)
def test_power_floats_and_specials(mode, name, dtype, rng):
    """Random bases and exponents with NaN, +-inf, +-0, +-1 mixed in (C99's special
    values bit for bit), negative bases with integer and non-integer exponents
    (integer power: bit-exact, in test_ufunc_table.py)."""
    x = data(dtype, (64, 60), rng, low=-10, high=10)
    y = data(dtype, (64, 60), rng, low=-12, high=12)
    if onp.dtype(dtype).kind == "f":
        y[::3] = onp.rint(y[::3])
    _check(name, lambda: getattr(la, name)(_lazy(x), _lazy(y)), x, y)


@pytest.mark.parametrize("exponent", [2.5, 3.0, -3.0, 0.5, 2.0, -1.0, 0.0, 1e10, -0.25])
def test_power_by_a_scalar(mode, exponent, rng):
    for dtype in FLOATS:
        x = data(dtype, (3, 500), rng, low=-4, high=4)
        _check("power", lambda: _lazy(x) ** exponent, x, onp.array(exponent, dtype))
        _check("power", lambda: la.power(exponent, _lazy(x)), onp.array(exponent, dtype), x)


@pytest.mark.parametrize("shapes", BROADCAST_PAIRS, ids=str)
def test_power_broadcasting_and_views(mode, shapes, rng):
    x, y = data("float64", shapes[0], rng, low=0, high=5), data("float32", shapes[1], rng)
    _check("power", lambda: la.power(_lazy(x), _lazy(y)), x, y)
    _check("float_power", lambda: la.float_power(_lazy(y), 3), y, 3)
    z = data("float32", (30, 40), rng, low=0, high=3)
    _check("power", lambda: la.power(_lazy(z)[::-2, 1::3], _lazy(z).T[1::3, 1::2].T),
           z[::-2, 1::3], z.T[1::3, 1::2].T)
