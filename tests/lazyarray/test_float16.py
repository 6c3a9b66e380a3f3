"""float16 computed by fused kernels (``codegen/passes/widen_half.py``), against NumPy.

Every float16 value (all 65536 bit patterns: NaNs, +-inf, -0.0, subnormals)
goes through each ufunc NumPy has an ``e`` loop for: bit-exact (NumPy's
float32-then-round loops; its own nextafter and spacing), the transcendental
functions within 1 ULP of float16.  Casts from and to every dtype are exact
(float64 -> float16 rounds once).  Fused chains round after every operation,
as NumPy's one-op-at-a-time loops do.  Reductions, views, joins, setitem and
matmul run in kernels; ``library_calls`` stays empty throughout.
"""
import warnings

import numpy as onp
import pytest

import lazyarray as la
from codegen.mathfuncs_derived import EXPANSIONS
from la_testing import DTYPES, assert_same, assert_sum_close, assert_ulp

F16 = onp.dtype(onp.float16)
HALVES = onp.arange(1 << 16, dtype=onp.uint16).view(onp.float16)
OTHERS = onp.random.default_rng(7).permutation(HALVES)
TRANSCENDENTAL = sorted({uf.__name__ for uf in la._UFUNCS.values()
                         if any(uf.scalar == op for op, _ in EXPANSIONS)})


def _e_loops(kind):
    """Names of the ufuncs with an all-float16 loop of ``kind`` inputs (1 or 2)."""
    names = set()
    for uf in set(la._UFUNCS.values()):
        nuf = getattr(onp, uf.__name__)
        if nuf.nin == kind and any(t.split("->")[0] == "e" * kind for t in nuf.types):
            names.add(uf.__name__)
    return sorted(names)


def _lazy(x):
    return la.asarray(x) * la.asarray(onp.float16(1))     # pending: the kernel path


@pytest.mark.parametrize("name", [n for n in _e_loops(1) if n not in TRANSCENDENTAL])
def test_unary_every_half(compiled, native, name):
    expected = getattr(onp, name)(HALVES)
    actual = getattr(la, name)(_lazy(HALVES))
    for got, want in zip(*((actual, expected) if isinstance(expected, tuple)
                           else ((actual,), (expected,)))):
        assert_same(got, want)


@pytest.mark.parametrize("name", [n for n in _e_loops(2) if n not in TRANSCENDENTAL])
def test_binary_every_half(compiled, native, name):
    expected = getattr(onp, name)(HALVES, OTHERS)
    actual = getattr(la, name)(_lazy(HALVES), _lazy(OTHERS))
    for got, want in zip(*((actual, expected) if isinstance(expected, tuple)
                           else ((actual,), (expected,)))):
        assert_same(got, want)


@pytest.mark.parametrize("name", TRANSCENDENTAL)
def test_transcendental_within_one_ulp(compiled, native, name):
    """The float32 function rounded once: within 1 float16 ULP of NumPy's."""
    args = (HALVES,) if getattr(onp, name).nin == 1 else (HALVES, OTHERS)
    assert_ulp(getattr(la, name)(*map(_lazy, args)), getattr(onp, name)(*args), maxulp=1)


def test_ldexp_and_integer_loops(compiled, native):
    exps = onp.random.default_rng(3).integers(-40, 40, HALVES.size).astype(onp.int32)
    exps[:4] = [70000, -70000, 1 << 30, 0]
    assert_same(la.ldexp(_lazy(HALVES), la.asarray(exps) + 0), onp.ldexp(HALVES, exps))
    small = onp.arange(-128, 128, dtype=onp.int8)
    assert_same(la.sqrt(la.asarray(small) + 0), onp.sqrt(small))    # int8 -> float16 loop


def _tricky(dtype):
    """Values of ``dtype`` around float16's rounding points, range and specials."""
    rng = onp.random.default_rng(11)
    values = [rng.standard_normal(4000) * onp.exp2(rng.uniform(-30, 17, 4000)),
              HALVES[onp.isfinite(HALVES)].astype(onp.float64)]
    mids = (HALVES[:0x7bff].astype(onp.float64) + HALVES[1:0x7c00].astype(onp.float64)) / 2
    values += [mids, onp.nextafter(mids, onp.inf), onp.nextafter(mids, -onp.inf),
               [65519.99, 65520.0, 1e300, -1e300, 5e-324, 2.0 ** -25, onp.nan, onp.inf, -0.0]]
    x = onp.concatenate([onp.asarray(v, onp.float64) for v in values])
    with onp.errstate(all="ignore"):
        if dtype.kind in "iu":
            return rng.integers(onp.iinfo(dtype).min, onp.iinfo(dtype).max, 4000, dtype=dtype,
                                endpoint=True)
        return x.astype(dtype)


@pytest.mark.parametrize("dtype", DTYPES + [onp.dtype(t) for t in ("complex64", "complex128")],
                         ids=str)
def test_casts_to_and_from_every_dtype(compiled, native, dtype):
    x = _tricky(dtype)
    with onp.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore", onp.exceptions.ComplexWarning)
        assert_same(la.asarray(x).astype(F16), x.astype(F16))
        assert_same(_lazy(HALVES).astype(dtype), HALVES.astype(dtype))


def test_fused_chain_rounds_after_each_op(compiled, native):
    a, b = HALVES[:30000], OTHERS[:30000]
    expected = ((a * b + a) / (b - onp.float16(0.1))) * onp.float16(3) - a
    got = ((la.asarray(a) * la.asarray(b) + la.asarray(a)) / (la.asarray(b) - onp.float16(0.1))
           ) * onp.float16(3) - la.asarray(a)
    la.stats(reset=True)
    assert_same(got, expected)
    assert la.stats()["kernels_launched"] == 1


@pytest.fixture
def table():
    rng = onp.random.default_rng(5)
    x = (rng.standard_normal((64, 300)) * 4).astype(F16)
    x[3, 5], x[7, 0], x[9, 9] = onp.nan, onp.inf, -0.0
    return x


def test_reductions(compiled, native, table):
    x, lx = table, _lazy(table)
    for fn, axes in (("max", (None, 0)), ("min", (1,)), ("any", (0,)), ("all", (1,)),
                     ("argmax", (None, 1)), ("argmin", (0,))):
        for axis in axes:
            assert_same(getattr(la, fn)(lx, axis=axis), getattr(onp, fn)(x, axis=axis))
    clean = onp.where(onp.isfinite(x), x, 0).astype(F16)
    integers = onp.round(clean).astype(F16)
    for axis in (None, 0, 1):
        # integers: every order of float32 additions is exact, so results are NumPy's
        assert_same(la.sum(_lazy(integers[:, :40]), axis=axis), onp.sum(integers[:, :40], axis=axis))
        assert_sum_close(la.sum(_lazy(clean), axis=axis), onp.sum(clean, axis=axis),
                         onp.sum(onp.abs(clean.astype(onp.float64)), axis=axis) + 1e3)
        assert_same(la.mean(_lazy(integers), axis=axis), onp.mean(integers, axis=axis))
    small = onp.sign(integers[:8, :12]).astype(F16) * onp.float16(1.5)
    assert_same(la.prod(_lazy(small), axis=1), onp.prod(small, axis=1))
    assert la.sum(lx, dtype=onp.float32).dtype == onp.float32


def test_var_and_std(compiled, native, table):
    clean = onp.round(onp.where(onp.isfinite(table), table, 0)).astype(F16)[:, :64]
    for fn in ("var", "std"):
        got, want = getattr(la, fn)(_lazy(clean), axis=1), getattr(onp, fn)(clean, axis=1)
        assert got.dtype == want.dtype
        assert_ulp(got, want, maxulp=1)


def test_views_joins_and_setitem(compiled, native, table):
    x, lx = table, _lazy(table)
    assert_same(lx[::-2, 3:50:3].T, x[::-2, 3:50:3].T)
    assert_same(lx.reshape(300, 64)[::7], x.reshape(300, 64)[::7])
    assert_same(la.broadcast_to(lx[:, :1], (64, 5)) + lx[:, :5], onp.broadcast_to(x[:, :1], (64, 5)) + x[:, :5])
    assert_same(la.concatenate([lx, lx[:3]]), onp.concatenate([x, x[:3]]))
    assert_same(la.stack([lx[0], lx[1]], axis=1), onp.stack([x[0], x[1]], axis=1))
    assert_same(la.where(lx > 0, lx, onp.float16(-1)), onp.where(x > 0, x, onp.float16(-1)))
    y, ly = x.copy(), la.asarray(x.copy())
    y[1:5, ::2] = y[1:5, ::2] * onp.float16(2) + onp.float16(0.1)
    ly[1:5, ::2] = ly[1:5, ::2] * onp.float16(2) + onp.float16(0.1)
    assert_same(ly, y)


def test_matmul_accumulates_in_float32(compiled, native):
    rng = onp.random.default_rng(9)
    a = rng.integers(-8, 8, (40, 30)).astype(F16)
    b = rng.integers(-8, 8, (30, 20)).astype(F16)
    assert_same(la.matmul(_lazy(a), _lazy(b)), onp.matmul(a, b))      # exact: integers
    assert_same(la.dot(_lazy(a[0]), _lazy(b[:, 0])), onp.dot(a[0], b[:, 0]))
    big = (a * onp.float16(300)).astype(F16)     # products beyond float16's range
    assert_same(la.matmul(_lazy(big), _lazy(b)), onp.matmul(big, b))
