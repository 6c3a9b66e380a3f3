"""The NumPy-semantics scalar functions (``codegen/backends/llvm_ufuncs.py``):
kernels built from one expression, bit-exact against NumPy's ufuncs on special
values (NaN, +-inf, -0.0, subnormals, integer extremes, zero divisors).
Float ``pow`` is expanded (tests/codegen/test_mathfuncs_pow.py); the float bit
functions (nextafter, spacing, ldexp, frexp, copysign) are also checked to
compile to SIMD code without calls."""
import re

import numpy as np
import pytest

import codegen.runtime as runtime
from codegen import default_schedule
from codegen.backends.llvm import render
from codegen.expr import binary, cast, unary
from codegen.lower import lower
from test_llvm import elementwise, run_elementwise
from test_mathfuncs import needs_avx2

INTS = ["int8", "uint8", "int16", "uint16", "int32", "uint32", "int64", "uint64"]
FLOATS = ["float32", "float64"]
SPECIAL_FLOATS = [np.nan, np.inf, -np.inf, 0.0, -0.0, 1, -1, 0.5, -0.5, 1e-30, -1e30, 3, 100,
                  5e-324, -5e-324, 1e-310, 1e-45, 2.5, -2.5, 1.5, 7, -7]
N = 1003
BINARY = {"floordiv": np.floor_divide, "remainder": np.remainder, "fmod": np.fmod,
          "pow": np.power, "lshift": np.left_shift, "rshift": np.right_shift, "fmax": np.fmax,
          "fmin": np.fmin, "copysign": np.copysign, "nextafter": np.nextafter,
          "heaviside": np.heaviside, "gcd": np.gcd, "lcm": np.lcm}
UNARY = {"ceil": np.ceil, "trunc": np.trunc, "isnan": np.isnan, "isinf": np.isinf,
         "isfinite": np.isfinite, "signbit": np.signbit, "sign": np.sign,
         "reciprocal": np.reciprocal, "spacing": np.spacing,
         "popcount": lambda x: np.bitwise_count(x).astype(x.dtype),
         "frexp_mant": lambda x: np.frexp(x)[0],
         "frexp_exp": lambda x: np.frexp(x)[1].astype(x.dtype)}
FLOAT_ONLY = {"copysign", "nextafter", "heaviside", "signbit", "spacing", "frexp_mant", "frexp_exp"}
INT_ONLY = {"lshift", "rshift", "gcd", "lcm", "popcount"}


def _values(dtype, rng):
    dtype = np.dtype(dtype)
    if dtype.kind == "f":
        with np.errstate(all="ignore"):
            out = rng.uniform(-10, 10, N).astype(dtype)
            out[:len(SPECIAL_FLOATS)] = np.array(SPECIAL_FLOATS).astype(dtype)
        return rng.permutation(out)
    info = np.iinfo(dtype)
    out = rng.integers(info.min, info.max, N, dtype=dtype, endpoint=True)
    out[:6] = [info.min, info.max, 0, 1, info.max - 1, -1 if info.min else 2]
    out[::7] = 0
    return rng.permutation(out)


def _check(got, want):
    np.testing.assert_array_equal(got, want, strict=True)
    if want.dtype.kind == "f":
        keep = ~np.isnan(want)
        np.testing.assert_array_equal(np.signbit(got[keep]), np.signbit(want[keep]))


CASES = [(op, t) for op in BINARY for t in INTS + FLOATS
         if not (op in FLOAT_ONLY and t in INTS or op in INT_ONLY and t in FLOATS
                 or op == "pow" and t in FLOATS)]


@pytest.mark.parametrize("op, dtype", CASES)
def test_binary(op, dtype):
    rng = np.random.default_rng(1)
    x, y = _values(dtype, rng), _values(dtype, rng)
    if op in ("lshift", "rshift"):
        y = rng.integers(-3 if dtype[0] == "i" else 0, 70, N).astype(dtype)
    if op == "pow" and dtype[0] == "i":
        y = np.where(y < 0, ~y, y)
    with np.errstate(all="ignore"):
        want = BINARY[op](x, y)
    _check(run_elementwise(lambda a, b: binary(op, a, b), [x, y], want.dtype), want)


@pytest.mark.parametrize("op, dtype", [(op, t) for op in UNARY for t in INTS + FLOATS
                                       if not (op in FLOAT_ONLY and t in INTS
                                               or op in INT_ONLY and t in FLOATS)])
def test_unary(op, dtype):
    x = _values(dtype, np.random.default_rng(2))
    with np.errstate(all="ignore"):
        want = UNARY[op](x)
    _check(run_elementwise(lambda a: unary(op, a), [x], want.dtype), want)


@pytest.mark.parametrize("src", FLOATS)
@pytest.mark.parametrize("dst", INTS)
def test_float_to_int_casts_match_numpy_out_of_range(src, dst):
    """NaN, inf and out-of-range values convert as NumPy's (SIMD) casts do on
    x86-64.  Not checked: uint32 from values below -2**31, which NumPy converts
    differently in its SIMD body and its scalar tail (undefined in C)."""
    values = np.array([np.nan, np.inf, -np.inf, -1.0, -129.0, 130.0, 300.0, 7e4, -7e4, 3e9,
                       -3e9, 5e9, 1e19, 2.0 ** 63, -2.0 ** 63, 1e20, -1e20, -0.5, 255.9] * 4)
    if dst == "uint32":
        values = values[~(values < -2.0 ** 31)]
    with np.errstate(all="ignore"):
        x = values.astype(src)
        want = x.astype(dst)
    _check(run_elementwise(lambda a: cast(a, np.dtype(dst)), [x], dst), want)


@pytest.mark.parametrize("dtype", FLOATS)
def test_ldexp_every_exponent_range(dtype):
    """x * 2**n rounded once, as libm: overflow, gradual underflow (subnormal
    results, halfway cases), exponents far beyond the range, special x."""
    rng = np.random.default_rng(3)
    info = np.finfo(dtype)
    x = np.concatenate([_values(dtype, rng), [info.max, info.tiny, info.smallest_subnormal,
                                              -info.smallest_subnormal * 3, 1.5, 1 + info.eps]])
    x = x.astype(dtype)
    bits = 1100 if dtype == "float64" else 160
    n = np.concatenate([np.arange(-2 * bits, 2 * bits), [10 ** 6, -10 ** 6, 2 ** 31 - 1, -2 ** 31]])
    xs, ns = np.repeat(x, n.size), np.tile(n, x.size)
    with np.errstate(all="ignore"):
        want = np.ldexp(xs, ns)
        exponent = ns.astype(dtype)          # the graph hands the exponent over in x's dtype
    _check(run_elementwise(lambda a, b: binary("ldexp", a, b), [xs, exponent], dtype), want)


@pytest.mark.parametrize("dtype", FLOATS)
def test_nextafter_and_spacing_at_the_edges(dtype):
    info = np.finfo(dtype)
    edges = np.array([0.0, -0.0, info.smallest_subnormal, info.tiny,
                      info.tiny - info.smallest_subnormal, info.max, np.inf, np.nan, 1.0, 2.0,
                      -1.0, 1 - info.epsneg], dtype)
    edges = np.concatenate([edges, -edges])
    x, y = np.repeat(edges, edges.size), np.tile(edges, edges.size)
    with np.errstate(all="ignore"):
        _check(run_elementwise(lambda a, b: binary("nextafter", a, b), [x, y], dtype),
               np.nextafter(x, y))
        _check(run_elementwise(lambda a: unary("spacing", a), [edges], dtype), np.spacing(edges))


@pytest.mark.parametrize("op", ["nextafter", "ldexp", "copysign", "spacing", "frexp_mant",
                                "frexp_exp"])
def test_float_bit_functions_vectorize(op):
    needs_avx2()
    dt = np.dtype("float64")
    fn = (lambda a, b: binary(op, a, b)) if op in BINARY or op == "ldexp" else \
        (lambda a: unary(op, a))
    c = elementwise(fn, [dt] * (2 if op in BINARY or op == "ldexp" else 1), dt)
    asm = runtime.target().assembly(render(c, lower(c, default_schedule(c)), "fast"))
    assert re.search(r"\bv\w+\s.*%[yz]mm", asm), asm       # 256- or 512-bit SIMD (bit ops: vandps)
    assert not re.search(r"\bcall", asm), asm
