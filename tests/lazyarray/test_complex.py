"""complex64/complex128 computed by fused kernels (``codegen/passes/split_complex.py``),
against NumPy.

The element-wise functions kernels compute (``lazyarray.dtypes.COMPLEX_UFUNCS``)
run on every pair of parts drawn from NaN, +-inf, +-0.0, subnormals and
ordinary values, bit-exact; the other
complex ufuncs (exp, log, power, ...) are NumPy's results through
``library.call``.  Casts between real and complex dtypes, ``where``, views,
joins, setitem, reductions (sums accumulate in another order: compared with
a tolerance) and contractions (NumPy's use BLAS: tolerance) run in kernels,
without library calls.
"""
import warnings

import numpy as onp
import pytest

import lazyarray as la
from la_testing import DTYPES, assert_same, assert_ulp

C_DTYPES = [onp.dtype(onp.complex64), onp.dtype(onp.complex128)]
PARTS = [0.0, -0.0, 1.0, -1.0, 0.5, 3.0, -2.5, onp.inf, -onp.inf, onp.nan, 1e30, 1e-300, 5e-324,
         1e-40, 7e37]
RTOL = {onp.dtype(onp.complex64): 2e-6, onp.dtype(onp.complex128): 1e-13,
        onp.dtype(onp.float32): 2e-6, onp.dtype(onp.float64): 1e-13}
NATIVE_UNARY = ["negative", "positive", "conjugate", "absolute", "square", "reciprocal", "sign",
                "isnan", "isinf", "isfinite", "logical_not"]
NATIVE_BINARY = ["add", "subtract", "multiply", "true_divide", "equal", "not_equal", "less",
                 "less_equal", "greater", "greater_equal", "maximum", "minimum", "fmax", "fmin",
                 "logical_and", "logical_or", "logical_xor"]
LIBRARY = ["exp", "log", "sqrt", "sin", "cos", "tanh", "arcsin", "log10", "expm1", "power"]


def grid(dtype):
    """Every (re, im) pair of ``PARTS``, then random values: a 1-D array of ``dtype``."""
    rng = onp.random.default_rng(17)
    parts = onp.array(PARTS)
    with onp.errstate(all="ignore"):
        special = onp.array([complex(r, i) for r in parts for i in parts])
        ordinary = rng.standard_normal(500) + 1j * rng.standard_normal(500)
        return onp.concatenate([special, ordinary]).astype(dtype)


def _lazy(x):
    return la.positive(la.asarray(x))        # pending: the kernel path


def assert_close(actual, expected):
    """Dtype and shape NumPy's, values within ``RTOL`` of the magnitudes."""
    got = onp.asarray(actual)
    assert got.dtype == expected.dtype and got.shape == expected.shape
    scale = float(onp.nanmax(onp.abs(expected), initial=1.0))
    onp.testing.assert_allclose(got, expected, rtol=RTOL[expected.dtype],
                                atol=RTOL[expected.dtype] * scale)


@pytest.mark.parametrize("dtype", C_DTYPES, ids=str)
@pytest.mark.parametrize("name", NATIVE_UNARY)
def test_native_unary(compiled, native, name, dtype):
    x = grid(dtype)
    assert_same(getattr(la, name)(_lazy(x)), getattr(onp, name)(x))


@pytest.mark.parametrize("dtype", C_DTYPES, ids=str)
@pytest.mark.parametrize("name", NATIVE_BINARY)
def test_native_binary_every_pair(compiled, native, name, dtype):
    n = len(PARTS) ** 2
    x = grid(dtype)
    a = onp.concatenate([onp.repeat(x[:n], n), x[n:]])
    b = onp.concatenate([onp.tile(x[:n], n), x[n:][::-1]])
    assert_same(getattr(la, name)(_lazy(a), _lazy(b)), getattr(onp, name)(a, b))


@pytest.mark.parametrize("name", LIBRARY)
def test_transcendental_through_numpy(compiled, name):
    x = grid(onp.complex128)
    args = (x, x[::-1]) if getattr(onp, name).nin == 2 else (x,)
    la.stats(reset=True)
    assert_same(getattr(la, name)(*map(_lazy, args)), getattr(onp, name)(*args))
    assert la.stats()["library_calls"] == {name: 1}


def test_mixed_dtypes_and_scalars(compiled, native):
    z = grid(onp.complex64)
    r = onp.linspace(-3, 3, z.size)
    i = onp.arange(z.size, dtype=onp.int16)
    assert_same(_lazy(z) * la.asarray(r), z * r)                     # complex128
    assert_same(_lazy(z) / 3 + 2j, z / 3 + 2j)                       # weak scalars
    assert_same(la.asarray(i) - _lazy(z), i - z)
    assert_same(la.asarray(r) < _lazy(z), r < z)
    assert_same(la.multiply(_lazy(z), 2.5, dtype=onp.complex128),
                onp.multiply(z, 2.5, dtype=onp.complex128))


@pytest.mark.parametrize("dtype", DTYPES + [onp.dtype(onp.float16)] + C_DTYPES, ids=str)
def test_casts_between_real_and_complex(compiled, native, dtype):
    z = grid(onp.complex128)
    with onp.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore", onp.exceptions.ComplexWarning)
        for c in C_DTYPES:
            assert_same(_lazy(z.astype(c)).astype(dtype), z.astype(c).astype(dtype))
            x = z.real.astype(dtype)
            assert_same(la.asarray(x).astype(c), x.astype(c))


def test_complex_to_real_warns_as_numpy(compiled):
    with pytest.warns(onp.exceptions.ComplexWarning):
        la.asarray(grid(onp.complex64)).astype(onp.float32)


def test_parts_and_angle(compiled, native):
    z = grid(onp.complex128)
    assert_same(la.real(_lazy(z)), z.real.copy())
    assert_same(_lazy(z).imag, z.imag.copy())
    assert_same(la.conj(_lazy(z)), onp.conj(z))
    assert_same(_lazy(z).conjugate(), z.conjugate())
    assert_ulp(la.angle(_lazy(z)), onp.angle(z), maxulp=2)
    assert_ulp(la.angle(_lazy(z), deg=True), onp.angle(z, deg=True), maxulp=3)


def test_where_views_joins_setitem(compiled, native):
    z = grid(onp.complex64).reshape(25, -1)
    lz = _lazy(z)
    assert_same(lz[::-2, 1:30:3].T, z[::-2, 1:30:3].T)
    assert_same(lz.reshape(-1, 25)[3:9], z.reshape(-1, 25)[3:9])
    assert_same(la.broadcast_to(lz[:, :1], (25, 4)) * lz[:, 4:8],
                onp.broadcast_to(z[:, :1], (25, 4)) * z[:, 4:8])
    assert_same(la.concatenate([lz, lz[:2]]), onp.concatenate([z, z[:2]]))
    assert_same(la.stack([lz[0], lz[1]], axis=1), onp.stack([z[0], z[1]], axis=1))
    assert_same(la.where(la.isnan(lz), 1j, lz), onp.where(onp.isnan(z), 1j, z))
    y, ly = z.copy(), la.asarray(z.copy())
    y[2:5, ::3] = y[2:5, ::3] * (1 - 2j)
    ly[2:5, ::3] = ly[2:5, ::3] * (1 - 2j)
    assert_same(ly, y)


@pytest.fixture
def table():
    rng = onp.random.default_rng(23)
    return (rng.standard_normal((40, 300)) + 1j * rng.standard_normal((40, 300))) * 3


@pytest.mark.parametrize("dtype", C_DTYPES, ids=str)
def test_reductions(compiled, native, table, dtype):
    z = table.astype(dtype)
    for axis, fns in ((None, ("sum", "var")), (0, ("sum", "mean", "std")), (1, ("mean", "var"))):
        for fn in fns:
            assert_close(getattr(la, fn)(_lazy(z), axis=axis), getattr(onp, fn)(z, axis=axis))
        assert_close(la.prod(_lazy(z[:6, :8] / 3), axis=axis), onp.prod(z[:6, :8] / 3, axis=axis))
    integers = onp.round(z[:, :40])
    assert_same(la.sum(_lazy(integers), axis=1), onp.sum(integers, axis=1))     # exact
    z[0, 0] = 0
    assert_same(la.any(_lazy(z), axis=1), onp.any(z, axis=1))
    assert_same(la.all(_lazy(z), axis=1), onp.all(z, axis=1))


def test_max_and_min_are_numpys(compiled):
    z = grid(onp.complex128)[-200:].reshape(10, 20)
    z[3, 4] = complex(onp.nan, 1)
    la.stats(reset=True)
    assert_same(la.max(_lazy(z), axis=1), onp.max(z, axis=1))
    assert_same(la.min(_lazy(z)), onp.min(z))
    assert la.stats()["library_calls"] == {"max": 1, "min": 1}


@pytest.mark.parametrize("dtype", C_DTYPES, ids=str)
def test_contractions(compiled, native, table, dtype):
    a = table[:, :30].astype(dtype)
    b = table[:30, 100:125].astype(dtype)
    v, w = a[0], a[1]
    assert_close(la.matmul(_lazy(a), _lazy(b)), onp.matmul(a, b))
    assert_close(_lazy(a) @ _lazy(b[:, 0]), a @ b[:, 0])
    assert_close(la.dot(_lazy(v), _lazy(w)), onp.dot(v, w))
    assert_close(la.vdot(_lazy(v), _lazy(w)), onp.vdot(v, w))           # conjugates v
    assert_close(la.vecdot(_lazy(a), _lazy(a[::-1])), onp.vecdot(a, a[::-1]))
    assert_close(la.vecmat(_lazy(v[:30]), _lazy(b)), onp.vecmat(v[:30], b))
    assert_close(la.matvec(_lazy(a), _lazy(w[:30])), onp.matvec(a, w[:30]))
    assert_close(la.inner(_lazy(a), _lazy(a[:3])), onp.inner(a, a[:3]))
    assert_close(la.einsum("ij,kj->ik", _lazy(a), _lazy(a[:5])), onp.einsum("ij,kj->ik", a, a[:5]))
    assert_close(la.tensordot(_lazy(a), _lazy(b), 1), onp.tensordot(a, b, 1))
    mixed = table[:30, :7].real
    assert_close(la.matmul(_lazy(a), la.asarray(mixed)), onp.matmul(a, mixed))


def test_nan_functions_and_arg_reductions(compiled, table):
    z = table[:6, :50].copy()
    z[1, 3], z[2, 7], z[4, :] = complex(onp.nan, 1), complex(2, onp.nan), onp.nan
    for dtype in C_DTYPES:
        x = z.astype(dtype)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            for fn in ("nansum", "nanmean", "nanvar", "nanstd", "nanprod"):
                assert_close(getattr(la, fn)(_lazy(x / 2), axis=1), getattr(onp, fn)(x / 2, axis=1))
            for fn in ("nanmax", "nanmin"):
                assert_same(getattr(la, fn)(_lazy(x), axis=1), getattr(onp, fn)(x, axis=1))
        for fn in ("argmax", "argmin"):
            assert_same(getattr(la, fn)(_lazy(x), axis=1), getattr(onp, fn)(x, axis=1))
        assert_same(la.nanargmax(_lazy(x[:2]), axis=1), onp.nanargmax(x[:2], axis=1))
