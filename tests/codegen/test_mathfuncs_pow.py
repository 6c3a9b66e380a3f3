"""pow of codegen.mathfuncs_pow (expanded by expand_math) run through real kernels.

ULP errors against references far more accurate than the bound (float64 NumPy
for float32, x87 long double for float64) on sweeps of the hard ranges:
every binade of x, bases near 1 with huge exponents, results at the overflow
and underflow thresholds, subnormal bases, negative bases with integer
exponents.  Every pair of special values bit for bit against NumPy (C99's
pow).  Also: the double-double logarithm alone, and the SIMD code.
"""
import re

import numpy as np
import pytest

import codegen.runtime as runtime
from codegen import Axis, Compute, build, default_schedule
from codegen.backends.llvm import render
from codegen.expr import binary, load, param, var
from codegen.lower import lower
from codegen.mathfuncs_pow import log2_dd
from test_mathfuncs import (MAX_ULP, PACKED_F64, RNG, assert_same_bits, extended_reference,
                            log_uniform, needs_avx2)

F32, F64 = np.dtype("float32"), np.dtype("float64")
N = 1 << 14


def _compute(fn, dtype, n_inputs=2):
    body = fn(*[load(k, var("i"), dtype) for k in range(n_inputs)])
    return Compute("ew", (dtype,) * n_inputs, body.dtype, (Axis("i", param(0)),), body,
                   var("i"), 1)


def run_pow(x, y):
    c = _compute(lambda a, b: binary("pow", a, b), x.dtype)
    out = np.empty(x.shape, x.dtype)
    build(c, default_schedule(c))([x, y, out], np.array([x.size], dtype=np.int64))
    return out


def sweeps(dtype):
    """(x, y) pairs of the hard ranges (as float64; the caller rounds to dtype)."""
    f64 = dtype == F64
    top, bottom, mant = (1023.9, -1074, 52) if f64 else (127.9, -149, 23)
    z_max, z_min = (709.7, -745.0) if f64 else (88.7, -103.9)
    base = RNG.uniform(1.5, 1000, N)
    near1 = 1 + RNG.integers(-2 ** 20, 2 ** 20, N) * 2.0 ** -mant
    return {
        "every binade": (log_uniform(bottom, top, N), RNG.uniform(-3, 3, N)),
        "moderate": (RNG.uniform(0, 10, N), RNG.uniform(-50, 50, N)),
        "near 1, huge y": (near1, log_uniform(10, mant + 12, N, signed=True)),
        "overflow edge": (base, (z_max + RNG.uniform(-0.5, 0.1, N)) / np.log(base)),
        "underflow edge": (base, (z_min + RNG.uniform(-0.3, 40, N)) / np.log(base)),
        "negative x, integer y": (-RNG.uniform(0, 20, N), RNG.integers(-200, 200, N) * 1.0),
        "subnormal x": (log_uniform(bottom, bottom + 30, N), RNG.uniform(-1.1, 0.9, N)),
        "near 1, integer y": (1 + RNG.uniform(-1e-3, 1e-3, N),
                              np.round(log_uniform(10, 30, N, signed=True))),
    }


@pytest.mark.parametrize("dtype", [F32, F64], ids=str)
def test_accuracy(dtype):
    if dtype == F64:
        extended_reference()
    wide = np.float64 if dtype == F32 else np.longdouble
    mant, min_exp = (24, -149) if dtype == F32 else (53, -1074)
    for name, (x, y) in sweeps(dtype).items():
        with np.errstate(all="ignore"):
            x, y = x.astype(dtype), y.astype(dtype)
            got = run_pow(x, y)
            ref = np.power(x.astype(wide), y.astype(wide))
            finite = np.isfinite(ref.astype(dtype))
            assert_same_bits(got[~finite], np.power(x[~finite], y[~finite]))
        _, e = np.frexp(ref[finite])
        ulp = np.ldexp(np.ones_like(ref[finite]), np.maximum(e - mant, min_exp))
        err = np.abs(got[finite].astype(wide) - ref[finite]) / ulp
        assert err.max() <= MAX_ULP[dtype], (name, err.max(), x[finite][np.argmax(err)])


@pytest.mark.parametrize("dtype", [F32, F64], ids=str)
def test_special_values_are_c99s(dtype):
    info = np.finfo(dtype)
    s = np.array([np.nan, np.inf, -np.inf, 0.0, -0.0, 1.0, -1.0, 0.5, -0.5, 2.0, -2.0, 3.0, -3.0,
                  0.3, -7.0, 2.0 ** 24, 2.0 ** 24 + 2, 2.0 ** 53, 1e18, 1e300, -1e300, 1023.5,
                  1 - info.epsneg, 1 + info.eps, info.max, -info.max, info.tiny, -info.tiny,
                  info.smallest_subnormal, -info.smallest_subnormal, 1075.0, -1074.0])
    with np.errstate(all="ignore"):
        s = s.astype(dtype)
        x, y = np.repeat(s, s.size), np.tile(s, s.size)
        want = np.power(x, y)
    got = run_pow(x, y)
    # exact: non-finite and zero results, pow(1, y) = pow(x, 0) = 1, pow(-1, +-inf) = 1
    special = ~np.isfinite(want) | (want == 0) | (x == 1) | (y == 0) | (np.abs(x) == 1)
    assert_same_bits(got[special], want[special])
    np.testing.assert_array_max_ulp(got[~special], want[~special], maxulp=MAX_ULP[dtype])


def test_log2_dd_is_a_double_double():
    """t1 + t2 within 2**-60 relative of log2(x) (measured: 2**-62; subnormal x
    included), t1 with 21 significant bits."""
    extended_reference()
    x = np.concatenate([log_uniform(-1074, 1023.9, N), 1 + RNG.uniform(-1e-6, 1e-6, N),
                        [2.0, 0.5, 1.5, 1.0 + 2 ** -52, 1.0 - 2 ** -53]])
    parts = []
    for part in (0, 1):
        c = _compute(lambda a, part=part: log2_dd(a)[part], F64, 1)
        out = np.empty(x.size)
        build(c, default_schedule(c))([x, out], np.array([x.size], dtype=np.int64))
        parts.append(out)
    assert not (parts[0].view(np.int64) & 0xFFFFFFFF).any()
    got = parts[0].astype(np.longdouble) + parts[1]
    ref = np.log2(x.astype(np.longdouble))
    keep = ref != 0
    assert (got[~keep] == 0).all()
    rel = np.abs((got[keep] - ref[keep]) / ref[keep])
    assert rel.max() < 2.0 ** -60, np.log2(rel.max())


def test_loop_is_vectorized():
    needs_avx2()
    c = _compute(lambda a, b: binary("pow", a, b), F64)
    asm = runtime.target().assembly(render(c, lower(c, default_schedule(c)), "fast"))
    assert re.search(PACKED_F64, asm), asm
    assert not re.search(r"\bcall", asm), asm
