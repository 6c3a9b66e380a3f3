"""The functions of codegen.mathfuncs_derived run through real kernels.

Per function and dtype one kernel computes dense sweeps of the hard ranges
(near 0, near the overflow and underflow thresholds, subnormals, huge
arguments, the branch boundaries of the reductions) and the special values:
ULP errors against references far more accurate than the bounds (float64
NumPy for float32, x87 long double NumPy for float64), special values bit
for bit against NumPy.  Also: tan's libm rerun, the SIMD code of a loop.
"""
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

import codegen.runtime as runtime
from codegen import Axis, Compute, build, default_schedule
from codegen.backends.llvm import render
from codegen.expr import binary, load, param, unary, var
from codegen.ir import If, Seq
from codegen.lower import lower
from codegen.mathfuncs_derived import EXPANSIONS
from test_mathfuncs import (MAX_ULP, PACKED_F32, PACKED_F64, RNG, assert_same_bits,
                            extended_reference, log_uniform, needs_avx2, run)

F32, F64 = np.dtype("float32"), np.dtype("float64")
N = 1 << 13
UNARY = ("exp2", "expm1", "log2", "log10", "log1p", "sinh", "cosh", "tanh", "arcsinh",
         "arccosh", "arctanh", "tan", "arctan", "arcsin", "arccos")
BINARY = ("hypot", "arctan2", "logaddexp", "logaddexp2")
SPECIAL = [np.nan, np.inf, -np.inf, 0.0, -0.0, 1.0, -1.0, 0.5, -0.5, 2.0, 1e-30, -1e-30,
           1e30, -1e30, 100.0, -100.0, 1000.0, -1000.0]


def uni(lo, hi):
    return RNG.uniform(lo, hi, N)


def sweeps(op, dtype):
    """Argument ranges of each function (values beyond the dtype become inf), then
    the special values, subnormals and the dtype's extremes."""
    f64 = dtype == F64
    info = np.finfo(dtype)
    edges = [float(v) * sign for v in (info.smallest_subnormal, info.tiny, info.tiny / 3,
                                       info.max, info.eps) for sign in (1, -1)]
    top = 1023.9 if f64 else 127.9
    bottom = -1074 if f64 else -149
    every = log_uniform(bottom, top, N, signed=True)
    near1 = 1 - log_uniform(-53 if f64 else -24, -1, N)
    table = {
        "exp2": [uni(-1080, 1030) if f64 else uni(-155, 130), uni(-2, 2)],
        "expm1": [uni(-50, 710) if f64 else uni(-20, 89), log_uniform(-80, 3, N, True)],
        "log2": [np.abs(every), 1 + uni(-0.3, 0.42)], "log10": [np.abs(every), 1 + uni(-0.3, 0.42)],
        "log1p": [every, uni(-1, 3), -near1],
        "sinh": [uni(-711, 711) if f64 else uni(-90, 90), log_uniform(-80, 5, N, True)],
        "cosh": [uni(-711, 711) if f64 else uni(-90, 90), log_uniform(-80, 5, N, True)],
        "tanh": [uni(-25, 25), log_uniform(-80, 5, N, True)],
        "arcsinh": [every, uni(-3, 3)], "arccosh": [1 + np.abs(every), uni(1, 3)],
        "arctanh": [uni(-1, 1), near1, log_uniform(-80, 0, N, True)],
        "tan": [uni(-10, 10), log_uniform(-40, 30, N, True), uni(-1e5, 1e5)],
        "arctan": [every, uni(-3, 3)],
        "arcsin": [uni(-1, 1), near1, -near1, log_uniform(-80, 0, N, True)],
        "arccos": [uni(-1, 1), near1, -near1, log_uniform(-80, 0, N, True)],
    }
    if op in table:
        with np.errstate(over="ignore"):
            return np.concatenate(table[op] + [SPECIAL, edges]).astype(dtype)
    wide, small = every, uni(-3, 3)
    if op.startswith("logaddexp"):
        wide = uni(-1100, 1100) if f64 else uni(-150, 150)
    pairs = SPECIAL + edges
    x = np.concatenate([wide, small, small + 5, RNG.permutation(wide), pairs * len(pairs)])
    y = np.concatenate([RNG.permutation(wide), RNG.uniform(-3, 3, N), RNG.uniform(2, 8, N),
                        wide, np.repeat(pairs, len(pairs))])
    with np.errstate(over="ignore"):
        return x.astype(dtype), y.astype(dtype)


def compute(op, dtype):
    args = [load(k, var("i"), dtype) for k in range(2 if op in BINARY else 1)]
    body = binary(op, *args) if op in BINARY else unary(op, *args)
    return Compute("ew", (dtype,) * len(args), body.dtype, (Axis("i", param(0)),), body, var("i"), 1)


def run_n(op, *xs):
    c = compute(op, xs[0].dtype)
    out = np.empty(xs[0].shape, c.out_dtype)
    build(c, default_schedule(c))([*xs, out], np.array([xs[0].size], dtype=np.int64))
    return out


def ulp_of(ref, dtype):
    mant, min_exp = (24, -149) if dtype == F32 else (53, -1074)
    _, e = np.frexp(ref)
    return np.ldexp(np.ones_like(ref), np.maximum(e - mant, min_exp))


@pytest.mark.parametrize("dtype", [F32, F64], ids=str)
@pytest.mark.parametrize("op", UNARY + BINARY)
def test_accuracy_and_special_values(op, dtype):
    xs = sweeps(op, dtype)
    xs = xs if isinstance(xs, tuple) else (xs,)
    if dtype == F64:
        extended_reference()
    wide = np.float64 if dtype == F32 else np.longdouble
    fn = getattr(np, op)
    with np.errstate(all="ignore"):
        got = run_n(op, *xs)
        ref = fn(*(x.astype(wide) for x in xs))
        expected = fn(*xs)
        finite = np.isfinite(ref.astype(dtype))
    special = ~finite | np.logical_or.reduce([~np.isfinite(x) for x in xs])
    if len(xs) == 1:
        special |= xs[0] == 0
    assert_same_bits(got[special], expected[special])
    scale = np.abs(ref)
    if op.startswith("logaddexp"):
        # NumPy's formula max + log1p(exp(-|x - y|)) cancels where the result is near 0;
        # the bound is in ULP of max(|result|, |max(x, y)|) (NumPy's own error there too)
        scale = np.maximum(scale, np.abs(np.maximum(*xs)).astype(wide))
    with np.errstate(invalid="ignore"):
        err = (np.abs(got.astype(wide) - ref) / ulp_of(scale, dtype))[finite]
    assert err.max() <= MAX_ULP[dtype], (op, err.max(), xs[0][finite][np.argmax(err)])


@pytest.mark.parametrize("dtype", [F32, F64], ids=str)
def test_tan_beyond_the_limit_reruns_with_libm(dtype):
    x = np.concatenate([RNG.uniform(-3, 3, 100), [1e20, -3e15, 2.0 ** 31]]).astype(dtype)
    np.testing.assert_array_max_ulp(run_n("tan", x), np.tan(x), maxulp=MAX_ULP[dtype])


@pytest.mark.slow
def test_float32_dense_sample_within_the_bound():
    """tools/check_mathfuncs_f32.py over every 4099th float32 bit pattern (about 10**6
    inputs, every binade) of each float32 expansion: within 2 ULP of NumPy's float64
    result, special values NumPy's float64 ones rounded to float32."""
    tool = Path(__file__).resolve().parents[2] / "tools" / "check_mathfuncs_f32.py"
    done = subprocess.run([sys.executable, str(tool), "--stride", "4099"],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_deg2rad_and_rad2deg_are_numpys_bits():
    for dtype in (F32, F64):
        x = np.concatenate([RNG.uniform(-1e4, 1e4, 4096), SPECIAL]).astype(dtype)
        for op in ("deg2rad", "rad2deg"):
            assert_same_bits(run_n(op, x), getattr(np, op)(x))


def test_every_function_has_both_dtypes():
    names = {name for name, _ in EXPANSIONS}
    assert names >= set(UNARY + BINARY) | {"deg2rad", "rad2deg"}
    assert all((name, dt) in EXPANSIONS for name in names for dt in (F32, F64))


@pytest.mark.parametrize("dtype", [F32, F64], ids=str)
def test_loop_is_vectorized(dtype):
    """tanh and arctan2 loops run in ymm (zmm) registers and call nothing (both are
    computed in their own dtype)."""
    needs_avx2()
    c = compute("arctan2", dtype)
    stmt = lower(Compute(c.name, c.inputs, c.out_dtype, c.axes, binary(
        "add", c.body, unary("tanh", load(0, var("i"), dtype))), c.out_index, 1),
        default_schedule(c))
    assert not (isinstance(stmt, Seq) and isinstance(stmt.stmts[-1], If))   # no libm rerun
    asm = runtime.target().assembly(render(c, stmt, "fast"))
    assert re.search(PACKED_F64 if dtype == F64 else PACKED_F32, asm), asm
    assert not re.search(r"\bcall", asm), asm
