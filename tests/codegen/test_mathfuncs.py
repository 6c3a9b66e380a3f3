"""exp, log, sin and cos expanded by codegen.passes.expand_math, run through real kernels.

Accuracy is measured in ULP against references that are correctly rounded to
far better than the bounds: float64 results of NumPy for float32, x87 long
double (64-bit mantissa) results for float64.  Special values must equal
NumPy's bit for bit.  Also: the libm rerun for sin/cos arguments beyond
``TRIG_LIMIT``, the lowering steps, the operations the expansions are made
of, and the SIMD code of the loops.
"""
import re

import numpy as np
import pytest

import codegen.runtime as runtime
from codegen import Axis, Compute, Schedule, build, default_schedule
from codegen.backends.llvm import render
from codegen.expr import BOOL, binary, bitcast, const, load, param, to_str, unary, var
from codegen.ir import If, Local, Seq, to_str as ir_str
from codegen.lower import lower, lower_steps
from codegen.mathfuncs import TRIG_LIMIT
from codegen.passes import expand_math
from codegen.passes.expand_math import FLAG

F32, F64 = np.dtype("float32"), np.dtype("float64")
I32, I64, U32 = np.dtype("int32"), np.dtype("int64"), np.dtype("uint32")
RNG = np.random.default_rng(20240611)
N = 1 << 17                                  # per argument range
MAX_ULP = {F32: 2.0, F64: 4.0}
FUNCS = ("exp", "log", "sin", "cos")


# ---------------------------------------------------------------- helpers

def elementwise(fn, in_dtype, out_dtype=None):
    """out[i] = fn(a[i]) over a 1-D domain of extent p0."""
    in_dtype = np.dtype(in_dtype)
    body = fn(load(0, var("i"), in_dtype))
    return Compute("ew", (in_dtype,), np.dtype(out_dtype or body.dtype), (Axis("i", param(0)),),
                   body, var("i"), 1)


def run(compute, x, schedule=None, out_shape=None):
    k = build(compute, default_schedule(compute) if schedule is None else schedule)
    out = np.empty(x.shape if out_shape is None else out_shape, compute.out_dtype)
    k([x, out], np.array([x.size], dtype=np.int64))
    return out


def run_math(op, x):
    return run(elementwise(lambda a: unary(op, a), x.dtype), x)


def extended_reference():
    if np.finfo(np.longdouble).nmant < 63:
        pytest.skip("float64 references need an 80-bit long double")


def ulp_errors(op, x, got):
    """|got - f(x)| in units of the last place of the exact f(x) (finite results)."""
    if x.dtype == F32:
        ref = getattr(np, op)(x.astype(np.float64))
        mant, min_exp = 24, -149
    else:
        extended_reference()
        ref = getattr(np, op)(x.astype(np.longdouble))
        mant, min_exp = 53, -1074
    _, e = np.frexp(ref)
    ulp = np.ldexp(np.ones_like(ref), np.maximum(e - mant, min_exp))
    finite = np.isfinite(ref)
    assert np.array_equal(np.isfinite(got), finite), "non-finite results in the wrong places"
    return (np.abs(got.astype(ref.dtype) - ref) / ulp)[finite]


def log_uniform(lo_exp, hi_exp, n, signed=False):
    """Magnitudes 2**u with u uniform: every binade equally often."""
    x = np.exp2(RNG.uniform(lo_exp, hi_exp, n))
    return x * RNG.choice([-1.0, 1.0], n) if signed else x


def assert_same_bits(out, expected):
    assert out.dtype == expected.dtype
    np.testing.assert_array_equal(out, expected)          # NaN matches NaN
    np.testing.assert_array_equal(np.signbit(out[~np.isnan(out)]),
                                  np.signbit(expected[~np.isnan(expected)]))


# ---------------------------------------------------------------- accuracy

#: x closest to a multiple of pi/2 (continued fractions of 2**e * 2/pi): the
#: hardest arguments for the range reduction, |x - k*pi/2| down to 2**-60.5.
HARD_F64 = [float.fromhex(h) for h in (
    "0x1.6c6cbc45dc8dep+5", "0x1.6c6cbc45dc8dep+11", "0x1.b951f1572eba5p+23",
    "0x1.b951f1572eba5p+29", "0x1.39c6fd67805a7p+18", "0x1.9eb7148f354d6p+20",
    "0x1.55202aefde314p+29", "0x1.67e57cdd4dc54p+15", "0x1.921fb54442d18p+0",
    "0x1.921fb54442d18p+1", "0x1.2d97c7f3321d2p+2", "0x1.4456bdcf64b08p+24")]
HARD_F32 = [float.fromhex(h) for h in (
    "0x1.f9cbe2p+7", "0x1.4665d2p+25", "0x1.2d97c8p+2", "0x1.9a48dep+15", "0x1.4ac55cp+21",
    "0x1.27a94ap+29", "0x1.921fb6p+0")]


def sample(op, dtype):
    """Named argument ranges of each function, ``N`` values each."""
    f64 = dtype == F64
    if op == "exp":
        hi, lo = (709.78, -745.13) if f64 else (88.72, -103.97)
        sub = -708.4 if f64 else -87.33                  # below: subnormal results
        return {"[-1, 1]": RNG.uniform(-1, 1, N), "whole range": RNG.uniform(lo, hi, N),
                "subnormal results": RNG.uniform(lo, sub, N),
                "tiny": log_uniform(-140 if f64 else -100, 0, N, signed=True)}
    if op == "log":
        lo, hi = (-1074, 1023.99) if f64 else (-149, 127.99)
        return {"every binade, subnormals too": log_uniform(lo, hi, N),
                "near 1": 1 + RNG.uniform(-0.3, 0.42, N), "(0, 100)": RNG.uniform(0, 100, N)}
    limit = np.log2(TRIG_LIMIT[dtype])
    return {"[-10, 10]": RNG.uniform(-10, 10, N), "[-1e5, 1e5]": RNG.uniform(-1e5, 1e5, N),
            "up to the limit": log_uniform(-40, limit, N, signed=True),
            "hard cases": np.array([s * h for h in (HARD_F64 if f64 else HARD_F32)
                                    for s in (1.0, -1.0)]),
            "beyond the limit (libm rerun)": log_uniform(limit, 1000 if f64 else 127.9, 512,
                                                         signed=True)}


@pytest.mark.parametrize("dtype", [F32, F64], ids=str)
@pytest.mark.parametrize("op", FUNCS)
def test_ulp_accuracy(op, dtype):
    worst = {}
    for name, values in sample(op, dtype).items():
        x = values.astype(dtype)
        worst[name] = ulp_errors(op, x, run_math(op, x)).max()
    assert max(worst.values()) <= MAX_ULP[dtype], worst


# ---------------------------------------------------------------- special values

SPECIALS = {
    "exp": [np.nan, np.inf, -np.inf, 0.0, -0.0, 1000.0, -1000.0, 1e-30, -1e-30],
    "log": [np.nan, np.inf, -np.inf, 0.0, -0.0, -1.0, -1e-30, 1.0],
    "sin": [np.nan, np.inf, -np.inf, 0.0, -0.0, 1e-30, -1e-30],
    "cos": [np.nan, np.inf, -np.inf, 0.0, -0.0, 1e-30],
}


@pytest.mark.parametrize("dtype", [F32, F64], ids=str)
@pytest.mark.parametrize("op", FUNCS)
def test_special_values_match_numpy(op, dtype):
    tiny = np.finfo(dtype).smallest_subnormal
    x = np.array(SPECIALS[op] + [tiny, -tiny], dtype=dtype)
    with np.errstate(all="ignore"):
        expected = getattr(np, op)(x)
    assert_same_bits(run_math(op, x), expected)


#: per dtype: the last x with finite exp(x), the first with exp(x) = inf, the last
#: with exp(x) = 0 and the first with exp(x) > 0 (the smallest subnormal).
EXP_EDGES = {F32: ("88.72283", "88.72284", "-103.972084", "-103.97208"),
             F64: ("709.782712893384", "709.7827128933841", "-745.1332191019412",
                   "-745.1332191019411")}


@pytest.mark.parametrize("dtype", [F32, F64], ids=str)
def test_exp_overflow_and_underflow_edges(dtype):
    x = np.array([float(v) for v in EXP_EDGES[dtype]] + [1e4, -1e4], dtype=dtype)
    out = run_math("exp", x)
    info = np.finfo(dtype)
    expected = [None, np.inf, 0.0, info.smallest_subnormal, np.inf, 0.0]
    assert np.isfinite(out[0]) and out[0] > info.max * 0.999, out[0]
    assert_same_bits(out[1:], np.array(expected[1:], dtype))


# ---------------------------------------------------------------- the libm rerun

def test_huge_argument_reruns_the_whole_reduction(two_threads_or_one):
    """A reduction is rerun from the start: the fast pass's sum is not counted twice."""
    for dtype in (F32, F64):
        x = RNG.uniform(0, 3, 3 * 2 ** 15 + 7).astype(dtype)      # sin(x) >= 0
        x[-3] = dtype.type(1e20)                                   # in the last chunk only
        c = Compute("s", (dtype,), dtype, (Axis("i", param(0), reduce=True),),
                    unary("sin", load(0, var("i"), dtype)), const(0), 1, combiner="add")
        out = run(c, x, out_shape=()).item()
        expected = np.sin(x.astype(np.float64)).sum()
        assert np.isclose(out, expected, rtol=1e-5 if dtype == F32 else 1e-12), (dtype, out)


@pytest.fixture(params=[1, 2], ids=["1 thread", "2 threads"])
def two_threads_or_one(request, isolated_runtime):
    isolated_runtime.num_threads = request.param
    return request.param


def test_fallback_structure():
    c = elementwise(lambda a: binary("add", unary("sin", a), unary("exp", a)), F64)
    stmt = lower(c, default_schedule(c))
    assert isinstance(stmt, Seq) and len(stmt.stmts) == 3
    flag, fast, rerun = stmt.stmts
    assert flag == Local(FLAG, BOOL, const(False, BOOL))
    assert isinstance(rerun, If) and to_str(rerun.cond) == FLAG
    fast_text, rerun_text = ir_str(fast), ir_str(rerun.body)
    assert f"{FLAG} = ({FLAG} | " in fast_text
    assert not re.search(r"\b(exp|log|sin|cos)\(", fast_text)
    assert "sin(b0[i])" in rerun_text and "exp(" not in rerun_text


def test_no_fallback_without_sin_or_cos():
    c = elementwise(lambda a: unary("log", unary("exp", a)), F32)
    stmt = lower(c, default_schedule(c))
    assert FLAG not in ir_str(stmt) and "exp(" not in ir_str(stmt)


def test_other_functions_are_left_alone():
    c = elementwise(lambda a: unary("sqrt", a), F64)
    stmt = lower_steps(c, Schedule())[0][1]
    assert expand_math(stmt) == stmt


# ---------------------------------------------------------------- lowering steps

def test_lower_steps_name_each_pass():
    c = elementwise(lambda a: unary("exp", a), F32)
    steps = lower_steps(c, Schedule())
    assert [name for name, _ in steps] == ["loop nest", "partition loops", "split complex",
                                           "widen half", "expand math"]
    assert ir_str(steps[0][1]) == "for i in range(p0):\n  b1[i] = exp(b0[i])\n"
    assert steps[3][1] == steps[2][1] == steps[1][1] == steps[0][1]   # nothing to change
    assert steps[4][1] == expand_math(steps[3][1]) == lower(c, Schedule())


# ---------------------------------------------------------------- the operations used

def test_bitcast_between_float_and_int():
    x = np.array([1.0, -0.0, np.inf, np.nan, 3.5e-40], F32)
    np.testing.assert_array_equal(run(elementwise(lambda a: bitcast(a, I32), F32), x),
                                  x.view(np.int32))
    i = np.array([0, 1, -1, 0x3FF0000000000000, 0x7FF0000000000000], I64)
    out = run(elementwise(lambda a: bitcast(a, F64), I64), i)
    np.testing.assert_array_equal(out.view(np.int64), i)


@pytest.mark.parametrize("dtype", [I32, I64, U32], ids=str)
def test_shifts(dtype):
    info = np.iinfo(dtype)
    x = RNG.integers(info.min, info.max, 1000, dtype=dtype, endpoint=True)
    bits = dtype.itemsize * 8
    for amount in (0, 1, 7, bits - 1):
        n = const(amount, dtype)
        left = run(elementwise(lambda a: binary("shl", a, n), dtype), x)
        right = run(elementwise(lambda a: binary("shr", a, n), dtype), x)
        np.testing.assert_array_equal(left, np.left_shift(x, dtype.type(amount)))
        np.testing.assert_array_equal(right, np.right_shift(x, dtype.type(amount)))


@pytest.mark.parametrize("dtype", [F32, F64], ids=str)
def test_floor_and_rint(dtype):
    x = np.concatenate([[0.5, 1.5, 2.5, -0.5, -2.5, -0.0, 0.0, np.nan, np.inf, -np.inf, 2.0 ** 60],
                        RNG.uniform(-100, 100, 997)]).astype(dtype)
    assert_same_bits(run(elementwise(lambda a: unary("floor", a), dtype), x), np.floor(x))
    assert_same_bits(run(elementwise(lambda a: unary("rint", a), dtype), x), np.rint(x))


def test_new_ops_print():
    a = load(0, var("i"), F32)
    assert to_str(bitcast(a, I32)) == "bitcast_int32(b0[i])"
    assert to_str(binary("shl", var("i"), const(3))) == "(i << 3)"
    assert to_str(binary("shr", var("i"), const(3))) == "(i >> 3)"
    assert to_str(unary("rint", a)) == "rint(b0[i])"
    assert bitcast(a, F32) is a and bitcast(a, I32).dtype == I32


# ---------------------------------------------------------------- SIMD code

PACKED_F32 = r"\bv\w+ps\s.*%[yz]mm"       # packed single-precision on 256- or 512-bit registers
PACKED_F64 = r"\bv\w+pd\s.*%[yz]mm"
LIBM = r"\b(expf?|logf?|sinf?|cosf?)\b"


def needs_avx2():
    if "+avx2" not in runtime.target().features:
        pytest.skip("host CPU has no AVX2")


@pytest.mark.parametrize("op", FUNCS + ("all four",))
def test_float32_math_loop_is_vectorized(op):
    """The loop runs in ymm (zmm) registers and calls no libm function.  For sin and cos
    the fast nest is checked on its own: the libm rerun after it calls sinf/cosf."""
    needs_avx2()
    if op == "all four":
        fn = lambda a: binary("add", binary("add", unary("exp", a), unary("sin", a)),
                              binary("add", unary("log", a), unary("cos", a)))
    else:
        fn = lambda a: unary(op, a)
    c = elementwise(fn, F32)
    stmt = lower(c, default_schedule(c))
    if isinstance(stmt, Seq) and isinstance(stmt.stmts[-1], If):
        stmt = Seq(stmt.stmts[:-1])
    asm = runtime.target().assembly(render(c, stmt, "fast"))
    assert re.search(PACKED_F32 if op in ("exp", "log") else PACKED_F64, asm), asm
    assert not re.search(r"\bcall", asm) and not re.search(LIBM, asm), asm
    if op in ("exp", "log"):
        full = runtime.target().assembly(build(c, default_schedule(c)).llvm_ir)
        assert re.search(PACKED_F32, full) and not re.search(LIBM, full)
