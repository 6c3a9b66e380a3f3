"""Kernels built through codegen.build (LLVM backend) and run, compared with NumPy."""
import os
import platform
import re
import subprocess
import sys
import textwrap
from dataclasses import replace
from pathlib import Path

import llvmlite.binding as llvm
import numpy as np
import pytest

import codegen.runtime as runtime
from codegen import (Axis, Compute, Fuse, Parallel, Reorder, Schedule, Split, Stage, Unroll,
                     Vectorize, build, default_schedule)
from codegen.expr import binary, cast, const, load, local, param, select, simplify, unary, var
from codegen.schedule import REDUCE_BLOCK, REDUCE_FANOUT, apply

F32, F64 = np.dtype("float32"), np.dtype("float64")
I8, U8, I32, I64, U64 = (np.dtype(t) for t in ("int8", "uint8", "int32", "int64", "uint64"))
BOOL = np.dtype("bool")

RNG = np.random.default_rng(20240601)
N = 1003          # not a multiple of any vector width
BIG = 2 ** 17 + 5  # > 2**16 * 2: with num_threads = 2 the launch splits in two


# ---------------------------------------------------------------- helpers

def elementwise(fn, in_dtypes, out_dtype, name="ew"):
    """out[i] = fn(in0[i], in1[i], ...) over a 1-D domain of extent p0."""
    in_dtypes = tuple(np.dtype(d) for d in in_dtypes)
    body = fn(*[load(k, var("i"), d) for k, d in enumerate(in_dtypes)])
    return Compute(name, in_dtypes, np.dtype(out_dtype), (Axis("i", param(0)),), body, var("i"), 1)


def run(compute, inputs, out_shape, params, schedule=None):
    k = build(compute, default_schedule(compute) if schedule is None else schedule)
    out = np.empty(out_shape, compute.out_dtype)
    k(list(inputs) + [out], np.array(params, dtype=np.int64))
    return out


def run_elementwise(fn, inputs, out_dtype, schedule=None):
    c = elementwise(fn, [a.dtype for a in inputs], out_dtype)
    return run(c, inputs, inputs[0].shape, [inputs[0].size], schedule)


def full_reduce(combiner, dtype):
    """out[()] = combiner over a[i]"""
    return Compute("full", (dtype,), dtype, (Axis("i", param(0), reduce=True),),
                   load(0, var("i"), dtype), const(0), 1, combiner=combiner)


def reduce_2d(combiner, dtype, axis):
    """combiner-reduce a C-contiguous (p0, p1) array over ``axis``; the domain is (i, j)."""
    idx = var("i") * param(1) + var("j")
    return Compute(f"r{axis}", (dtype,), dtype,
                   (Axis("i", param(0), reduce=axis == 0), Axis("j", param(1), reduce=axis == 1)),
                   load(0, idx, dtype), var("j") if axis == 0 else var("i"), 2, combiner=combiner)


UFUNC = {"add": np.add, "sub": np.subtract, "mul": np.multiply, "div": np.divide,
         "max": np.maximum, "min": np.minimum, "and": np.logical_and, "or": np.logical_or,
         "lt": np.less, "le": np.less_equal, "gt": np.greater, "ge": np.greater_equal,
         "eq": np.equal, "ne": np.not_equal}


def assert_same_bits(out, expected):
    """Equal values, NaN where NaN, and the same sign bit (so -0.0 != 0.0)."""
    assert out.dtype == expected.dtype
    np.testing.assert_array_equal(out, expected)
    if out.dtype.kind == "f":
        np.testing.assert_array_equal(np.signbit(out), np.signbit(expected))


def float_inputs(dtype, n=N):
    a = RNG.standard_normal(n).astype(dtype) * 100
    specials = np.array([0.0, -0.0, np.inf, -np.inf, np.nan, 1.0, -1.0, 1e-30], dtype)
    a[:len(specials)] = specials
    return a


def int_inputs(dtype, n=N):
    info = np.iinfo(dtype)
    a = RNG.integers(info.min, info.max, n, dtype=dtype, endpoint=True)
    specials = [info.min, info.max, 0, 1][:n]
    a[:len(specials)] = specials
    return a


# ---------------------------------------------------------------- element-wise arithmetic

@pytest.mark.parametrize("dtype", [F32, F64], ids=str)
@pytest.mark.parametrize("op", ["add", "sub", "mul", "div"])
def test_float_arithmetic(op, dtype):
    a, b = float_inputs(dtype), float_inputs(dtype)[::-1].copy()
    b[10:20] = 0.0                                    # division by +-0 too
    b[20:25] = -0.0
    out = run_elementwise(lambda x, y: binary(op, x, y), [a, b], dtype)
    with np.errstate(all="ignore"):
        expected = UFUNC[op](a, b)
    assert_same_bits(out, expected)


@pytest.mark.parametrize("dtype", [I8, U8, I32], ids=str)
@pytest.mark.parametrize("op", ["add", "sub", "mul"])
def test_int_arithmetic_wraps(op, dtype):
    a, b = int_inputs(dtype), int_inputs(dtype)[::-1].copy()
    out = run_elementwise(lambda x, y: binary(op, x, y), [a, b], dtype)
    assert_same_bits(out, UFUNC[op](a, b))


@pytest.mark.parametrize("dtype", [I8, U8, I32], ids=str)
def test_int_constant_overflow_wraps(dtype):
    info = np.iinfo(dtype)
    a = np.array([info.max, info.max - 1, info.min, 0], dtype)
    out = run_elementwise(lambda x: binary("add", x, const(1, dtype)), [a], dtype)
    assert_same_bits(out, a + dtype.type(1))


@pytest.mark.parametrize("dtype", [I8, I32, F32, F64], ids=str)
def test_neg_and_abs(dtype):
    a = int_inputs(dtype) if dtype.kind == "i" else float_inputs(dtype)
    assert_same_bits(run_elementwise(lambda x: unary("neg", x), [a], dtype), np.negative(a))
    assert_same_bits(run_elementwise(lambda x: unary("abs", x), [a], dtype), np.abs(a))


@pytest.mark.parametrize("dtype", [F32, F64], ids=str)
def test_float_math_functions(dtype):
    a = np.abs(RNG.standard_normal(N)).astype(dtype) + dtype.type(0.5)
    assert_same_bits(run_elementwise(lambda x: unary("sqrt", x), [a], dtype), np.sqrt(a))
    rtol = 1e-6 if dtype == F32 else 1e-14
    for op, uf in (("exp", np.exp), ("log", np.log), ("sin", np.sin), ("cos", np.cos)):
        out = run_elementwise(lambda x: unary(op, x), [a], dtype)
        np.testing.assert_allclose(out, uf(a), rtol=rtol, atol=rtol, err_msg=op)


def test_bool_logic():
    a, b = RNG.random(N) < 0.5, RNG.random(N) < 0.5
    for op, uf in (("and", np.logical_and), ("or", np.logical_or), ("xor", np.logical_xor)):
        assert_same_bits(run_elementwise(lambda x, y: binary(op, x, y), [a, b], BOOL), uf(a, b))
    assert_same_bits(run_elementwise(lambda x: unary("not", x), [a], BOOL), np.logical_not(a))


@pytest.mark.parametrize("dtype", [I8, U8, I32], ids=str)
def test_int_bitwise(dtype):
    a, b = int_inputs(dtype), int_inputs(dtype)[::-1].copy()
    for op, uf in (("and", np.bitwise_and), ("or", np.bitwise_or), ("xor", np.bitwise_xor)):
        assert_same_bits(run_elementwise(lambda x, y: binary(op, x, y), [a, b], dtype), uf(a, b))
    assert_same_bits(run_elementwise(lambda x: unary("invert", x), [a], dtype), np.invert(a))


def test_0d_input_broadcast():
    a = float_inputs(F64)
    s = np.array(2.5)
    body = binary("mul", load(0, var("i"), F64), load(1, const(0), F64))
    c = Compute("scale", (F64, F64), F64, (Axis("i", param(0)),), body, var("i"), 1)
    assert_same_bits(run(c, [a, s], a.shape, [a.size]), a * 2.5)


def test_0d_compute():
    c = Compute("z", (F64,), F64, (), unary("sqrt", load(0, const(0), F64)), const(0), 0)
    out = run(c, [np.array(16.0)], (), [])
    assert out == 4.0


# ---------------------------------------------------------------- comparisons

COMPARE_INPUTS = {
    "float64": lambda: (float_inputs(F64), float_inputs(F64)[::-1].copy()),
    "float32": lambda: (float_inputs(F32), float_inputs(F32)[::-1].copy()),
    "int8": lambda: (int_inputs(I8), int_inputs(I8)[::-1].copy()),
    "uint8": lambda: (int_inputs(U8), int_inputs(U8)[::-1].copy()),     # unsigned order
    "int64": lambda: (int_inputs(I64), int_inputs(I64)[::-1].copy()),
    "bool": lambda: (RNG.random(N) < 0.5, RNG.random(N) < 0.5),
}


@pytest.mark.parametrize("dtype", list(COMPARE_INPUTS))
@pytest.mark.parametrize("op", ["lt", "le", "gt", "ge", "eq", "ne"])
def test_comparisons_produce_bool(op, dtype):
    a, b = COMPARE_INPUTS[dtype]()
    a[50:60] = b[50:60]                               # some equal pairs
    out = run_elementwise(lambda x, y: binary(op, x, y), [a, b], BOOL)
    assert out.dtype == BOOL
    assert_same_bits(out, UFUNC[op](a, b))
    assert set(out.view(np.uint8).tolist()) <= {0, 1}   # stored as canonical 0/1 bytes


# ---------------------------------------------------------------- casts

CASTS = [
    # int -> float
    (I32, F64, [0, 1, -1, 2 ** 31 - 1, -2 ** 31]),
    (I64, F32, [0, 2 ** 40 + 1, -(2 ** 53) - 1, 16777217]),
    (U8, F32, [0, 1, 128, 255]),
    (U64, F64, [0, 2 ** 63, 2 ** 64 - 1, 12345]),
    # float -> int (within range; truncation toward zero)
    (F64, I32, [0.0, -0.0, 3.7, -3.7, 2 ** 31 - 1, -2 ** 31, 1e9]),
    (F32, U8, [0.0, 1.5, 254.9, 255.0]),
    (F64, I64, [2.0 ** 62, -2.0 ** 62, -0.5, 123456789.9]),
    (F32, I8, [-128.0, 127.9, -1.5]),
    # float <-> float
    (F64, F32, [1e-50, 1e50, 0.1, -0.0, np.nan, -np.inf, 3.4028235e38]),
    (F32, F64, [0.1, -0.0, np.nan, np.inf, 1e-45]),
    # int <-> int: truncation, sign and zero extension
    (I32, I8, [300, -129, 127, -128]),
    (I8, U64, [-1, 5, -128]),
    (U8, I32, [255, 128, 0]),
    (I64, U8, [256, -1, 511]),
    # bool <-> anything
    (BOOL, I32, [True, False]),
    (BOOL, F64, [True, False]),
    (BOOL, U8, [True, False]),
    (I32, BOOL, [0, 1, -1, 2, 2 ** 31 - 1]),
    (U8, BOOL, [0, 255, 128]),
    (F64, BOOL, [np.nan, 0.0, -0.0, 1.0, -np.inf, 5e-324]),
    (F32, BOOL, [np.nan, -0.0, 0.5]),
]


@pytest.mark.parametrize("src, dst, values", CASTS,
                         ids=[f"{s}->{d}" for s, d, _ in CASTS])
def test_cast(src, dst, values):
    a = np.array(values * 5, dtype=src)               # a few vector lanes' worth
    out = run_elementwise(lambda x: cast(x, dst), [a], dst)
    with np.errstate(all="ignore"):
        expected = a.astype(dst)
    assert_same_bits(out, expected)


# ---------------------------------------------------------------- select, max, min

@pytest.mark.parametrize("dtype", [F64, F32, I8, U8, I64], ids=str)
def test_select(dtype):
    a, b = COMPARE_INPUTS[dtype.name]()
    out = run_elementwise(lambda x, y: select(binary("lt", x, y), y, x), [a, b], dtype)
    assert_same_bits(out, np.where(a < b, b, a))


def test_select_on_a_bool_buffer():
    cond = RNG.random(N) < 0.3
    a, b = float_inputs(F64), float_inputs(F32).astype(F64)
    out = run_elementwise(lambda c, x, y: select(c, x, y), [cond, a, b], F64)
    assert_same_bits(out, np.where(cond, a, b))


SPECIALS = [-0.0, 0.0, np.nan, 1.0, -1.0, np.inf, -np.inf]


@pytest.mark.parametrize("dtype", [F32, F64], ids=str)
@pytest.mark.parametrize("op", ["max", "min"])
def test_float_max_min_nan_and_signed_zero(op, dtype):
    vals = np.array(SPECIALS, dtype)
    a = np.tile(np.repeat(vals, len(vals)), 4)          # every ordered pair, several lanes
    b = np.tile(np.tile(vals, len(vals)), 4)
    out = run_elementwise(lambda x, y: binary(op, x, y), [a, b], dtype)
    assert_same_bits(out, UFUNC[op](a, b))


@pytest.mark.parametrize("op, a, b, expected", [
    ("max", -0.0, 0.0, 0.0),
    ("max", 0.0, -0.0, -0.0),
    ("min", -0.0, 0.0, 0.0),
    ("min", 0.0, -0.0, -0.0),
    ("max", np.nan, 1.0, np.nan),
    ("max", 1.0, np.nan, np.nan),
    ("min", np.nan, 1.0, np.nan),
    ("min", 1.0, np.nan, np.nan),
])
def test_float_max_min_numpy_rule(op, a, b, expected):
    # NumPy: maximum(a, b) = a if (a > b or isnan(a)) else b -- check the rule itself too
    ea, eb = np.full(17, a), np.full(17, b)
    assert_same_bits(UFUNC[op](ea, eb), np.full(17, expected))
    out = run_elementwise(lambda x, y: binary(op, x, y), [ea, eb], F64)
    assert_same_bits(out, np.full(17, expected))


@pytest.mark.parametrize("dtype", [I8, U8, I64], ids=str)
@pytest.mark.parametrize("op", ["max", "min"])
def test_int_max_min(op, dtype):
    a, b = int_inputs(dtype), int_inputs(dtype)[::-1].copy()
    assert_same_bits(run_elementwise(lambda x, y: binary(op, x, y), [a, b], dtype),
                     UFUNC[op](a, b))


def test_signed_zero_constants_in_one_kernel():
    a = np.array([1.0, -1.0, 0.0, np.nan])
    out = run_elementwise(
        lambda x: select(binary("gt", x, const(0.0, F64)), const(0.0, F64), const(-0.0, F64)),
        [a], F64)
    assert_same_bits(out, np.where(a > 0.0, 0.0, -0.0))


def test_int64_div_agrees_with_constant_folding():
    """Index division truncates toward zero, folded or run (C / LLVM sdiv)."""
    folded = simplify(binary("div", const(-7), const(2)))
    assert folded == const(-3)
    a = np.array([-7, 7, -1, -8], I64)
    out = run_elementwise(lambda x: binary("div", x, const(2)), [a], I64)
    assert_same_bits(out, np.trunc(a / 2).astype(I64))


# ---------------------------------------------------------------- reductions

def reduce_inputs(combiner, dtype, shape):
    n = int(np.prod(shape))
    if dtype.kind == "f":
        if combiner == "mul":
            a = 1.0 + RNG.uniform(-1e-3, 1e-3, n)
        else:
            a = RNG.standard_normal(n) * 10
    elif dtype.kind == "b":
        a = RNG.random(n) < (0.999 if combiner == "and" else 0.001)
    elif combiner == "mul":
        a = RNG.choice(np.array([1, 1, 1, -1, 3, 5], dtype), n)   # wraps, yet rarely hits 0
    else:
        a = int_inputs(dtype, n)
    return a.astype(dtype).reshape(shape)


def expected_reduce(combiner, a, axis=None):
    return UFUNC[combiner].reduce(a, axis=axis, dtype=a.dtype)


def assert_reduced(out, expected):
    if out.dtype.kind == "f":
        rtol = 1e-4 if out.dtype == F32 else 1e-11
        np.testing.assert_allclose(out, expected, rtol=rtol, atol=rtol)
    else:
        assert_same_bits(np.asarray(out), np.asarray(expected))


REDUCE_CASES = [("add", F64), ("add", F32), ("add", I32), ("mul", F64), ("mul", I64),
                ("max", F64), ("min", F32), ("max", I8), ("min", U8), ("max", U64),
                ("min", I64), ("and", BOOL), ("or", BOOL)]


@pytest.mark.parametrize("n", [1, 7, REDUCE_BLOCK, REDUCE_BLOCK + 1, 3 * REDUCE_BLOCK + 123])
@pytest.mark.parametrize("combiner, dtype", REDUCE_CASES, ids=lambda v: str(v))
def test_full_reduction(combiner, dtype, n):
    a = reduce_inputs(combiner, dtype, (n,))
    out = run(full_reduce(combiner, dtype), [a], (), [n])
    assert_reduced(out, expected_reduce(combiner, a))


@pytest.mark.parametrize("combiner, dtype", [("max", F64), ("min", F32)], ids=str)
def test_full_reduction_propagates_nan(combiner, dtype):
    n = 2 * REDUCE_BLOCK + 17
    a = reduce_inputs(combiner, dtype, (n,))
    a[REDUCE_BLOCK + 5] = np.nan
    out = run(full_reduce(combiner, dtype), [a], (), [n])
    assert np.isnan(out)


@pytest.mark.parametrize("combiner, dtype, identity", [
    ("add", F64, 0.0), ("mul", F64, 1.0), ("max", F64, -np.inf), ("min", F32, np.inf),
    ("add", I32, 0), ("max", I8, -128), ("min", U8, 255), ("min", U64, 2 ** 64 - 1),
    ("and", BOOL, True), ("or", BOOL, False),
])
def test_empty_reduction_gives_identity(combiner, dtype, identity):
    out = run(full_reduce(combiner, dtype), [np.zeros(0, dtype)], (), [0])
    assert_same_bits(out, np.array(identity, dtype))


# domain (i, j); reduce over axis 0 or 1; the schedules give both loop orders
SCHEDULES_2D = {
    "default": None,
    "i-outer": Schedule(),
    "j-outer": Schedule(Reorder(("j", "i"))),
    "split-j": Schedule(Split("j", 16), Vectorize("j.i")),
    "split-i-reordered": Schedule(Split("i", 16), Reorder(("i.o", "j"))),
}


@pytest.mark.parametrize("schedule", list(SCHEDULES_2D))
@pytest.mark.parametrize("axis", [0, 1])
@pytest.mark.parametrize("combiner, dtype", [("add", F64), ("add", I32), ("mul", I64),
                                             ("max", F32), ("min", I8), ("or", BOOL)],
                         ids=lambda v: str(v))
def test_2d_reduction_both_loop_orders(combiner, dtype, axis, schedule):
    shape = (37, 45)
    a = reduce_inputs(combiner, dtype, shape)
    c = reduce_2d(combiner, dtype, axis)
    out = run(c, [a], (shape[1 - axis],), list(shape), SCHEDULES_2D[schedule])
    assert_reduced(out, expected_reduce(combiner, a, axis))


@pytest.mark.parametrize("schedule", [
    Schedule(), Schedule(Reorder(("j", "i"))), Schedule(Fuse("i", "j"), Vectorize("i.j")),
    Schedule(Fuse("i", "j"), Split("i.j", 64), Vectorize("i.j.i"), Parallel("i.j.o")),
], ids=repr)
def test_2d_full_reduction(schedule):
    shape = (31, 47)
    a = RNG.integers(-10 ** 6, 10 ** 6, shape, dtype=I64)
    c = Compute("all", (I64,), I64,
                (Axis("i", param(0), reduce=True), Axis("j", param(1), reduce=True)),
                load(0, var("i") * param(1) + var("j"), I64), const(0), 2, combiner="add")
    out = run(c, [a], (), list(shape), schedule)
    assert out == a.sum()


@pytest.mark.parametrize("axis", [0, 1])
@pytest.mark.parametrize("schedule", ["default", "j-outer"])
def test_2d_reduction_over_a_block_and_a_half(axis, schedule):
    shape = (3, REDUCE_BLOCK + REDUCE_BLOCK // 2 + 3) if axis == 1 else (REDUCE_BLOCK + 9, 3)
    a = reduce_inputs("add", F64, shape)
    out = run(reduce_2d("add", F64, axis), [a], (shape[1 - axis],), list(shape),
              SCHEDULES_2D[schedule])
    assert_reduced(out, a.sum(axis=axis))


@pytest.mark.parametrize("schedule", ["default", "j-outer"])
def test_2d_reduction_over_empty_axis(schedule):
    a = np.zeros((4, 0))
    out = run(reduce_2d("max", F64, 1), [a], (4,), [4, 0], SCHEDULES_2D[schedule])
    assert_same_bits(out, np.full(4, -np.inf))


def test_blocked_float_sum_is_accurate():
    # blocks of REDUCE_BLOCK bound error growth: a naive float32 running sum of 1.0s
    # gets stuck at 2**24, a blocked one does not
    n = 2 ** 24 + 2 * REDUCE_BLOCK
    a = np.ones(n, F32)
    out = run(full_reduce("add", F32), [a], (), [n])
    assert out == np.float32(n)


# ---------------------------------------------------------------- schedules keep semantics

def elementwise_2d_compute():
    idx = var("i") * param(1) + var("j")
    body = binary("add", binary("mul", load(0, idx, F64), load(1, var("j"), F64)),
                  cast(load(2, var("i"), I32), F64))
    return Compute("e2", (F64, F64, I32), F64, (Axis("i", param(0)), Axis("j", param(1))),
                   body, idx, 2)


EW_SCHEDULES = [
    Schedule(),
    Schedule(Split("j", 8), Vectorize("j.i")),
    Schedule(Split("i", 3), Parallel("i.o")),
    Schedule(Fuse("i", "j"), Vectorize("i.j")),
    Schedule(Reorder(("j", "i")), Vectorize("i")),
    Schedule(Unroll("j", 4)),
    Schedule(Split("j", 5), Reorder(("j.o", "i")), Unroll("j.i", 2), Parallel("j.o")),
]


@pytest.mark.parametrize("schedule", EW_SCHEDULES, ids=repr)
def test_elementwise_schedules_do_not_change_results(schedule):
    shape = (13, 29)
    a = RNG.standard_normal(shape)
    row = RNG.standard_normal(shape[1])
    col = RNG.integers(-50, 50, shape[0], dtype=I32)
    out = run(elementwise_2d_compute(), [a, row, col], shape, list(shape), schedule)
    assert_same_bits(out, a * row + col.astype(F64)[:, None])


def test_loop_hints_keep_results():
    s = Schedule(Unroll("i", 2), Vectorize("j"))
    shape = (5, 19)
    a = RNG.standard_normal(shape)
    row = RNG.standard_normal(shape[1])
    col = RNG.integers(-50, 50, shape[0], dtype=I32)
    out = run(elementwise_2d_compute(), [a, row, col], shape, list(shape), s)
    assert_same_bits(out, a * row + col.astype(F64)[:, None])


def _loop_hints(text):
    latch = dict(re.findall(r'br label %"(\w+)\.header", !llvm\.loop (!\d+)', text))
    nodes = dict(re.findall(r"^(!\d+) = (.*)$", text, flags=re.M))

    def hints(loop_id):
        refs = re.findall(r"!\d+", nodes[loop_id])
        return " ".join(nodes[r] for r in refs if r != loop_id)
    return {name: hints(loop_id) for name, loop_id in latch.items()}, latch


def test_each_hinted_loop_has_its_own_loop_metadata():
    """Unroll gets its count; a serial loop is kept scalar; a vector loop is
    left to the vectorizer (no metadata)."""
    k = build(elementwise_2d_compute(), Schedule(Unroll("i", 2), Vectorize("j")))
    hints, latch = _loop_hints(k.llvm_ir)
    assert set(latch) == {"i"}
    assert "llvm.loop.unroll.count" in hints["i"] and "i32 2" in hints["i"]
    k = build(elementwise_2d_compute(), Schedule())
    hints, latch = _loop_hints(k.llvm_ir)
    assert set(latch) == {"i", "j"} and latch["i"] != latch["j"]
    assert all("llvm.loop.vectorize.enable" in h and "i1 0" in h for h in hints.values())


def test_vectorize_primitive_decides_simd():
    """Without Vectorize the innermost loop stays scalar; with it, it is SIMD."""
    c = elementwise_2d_compute()
    scalar = runtime.target().assembly(build(c, Schedule()).llvm_ir)
    simd = runtime.target().assembly(build(c, Schedule(Vectorize("j"))).llvm_ir)
    assert "pd\t%ymm" not in scalar and "pd\t%xmm" not in scalar.replace("sd\t%xmm", "")
    assert re.search(r"v(add|mul|sub)pd\s+.*%[xy]mm", simd)


# ---------------------------------------------------------------- empty domains

def test_zero_extent_elementwise_on_empty_arrays():
    a = np.zeros(0)
    out = run_elementwise(lambda x, y: binary("add", x, y), [a, a], F64)
    assert out.shape == (0,)


ZERO_EXTENT_SCRIPT = textwrap.dedent("""
    import sys, types
    import numpy as np
    import codegen.runtime as rt
    from codegen import Axis, Compute, Schedule, Split, Vectorize, build, default_schedule
    from codegen.expr import binary, load, param, var
    rt.settings.cache_dir = sys.argv[1]
    f64 = np.dtype("float64")
    null = types.SimpleNamespace(ctypes=types.SimpleNamespace(data=0))
    body = binary("add", load(0, var("i"), f64), load(1, var("i"), f64))
    c = Compute("add", (f64, f64), f64, (Axis("i", param(0)),), body, var("i"), 1)
    for s in (default_schedule(c), Schedule(), Schedule(Split("i", 4), Vectorize("i.i"))):
        build(c, s)([null, null, null], np.array([0]))
    idx = var("i") * param(1) + var("j")
    c2 = Compute("e2", (f64,), f64, (Axis("i", param(0)), Axis("j", param(1))),
                 load(0, idx, f64), idx, 2)
    k2 = build(c2, default_schedule(c2))
    k2([null, null], np.array([0, 5]))
    k2([null, null], np.array([5, 0]))
    print("ok")
""")


def test_zero_extent_loops_never_touch_memory(tmp_path):
    # null buffer pointers: any load or store would crash, so run in a child process
    root = Path(__file__).resolve().parents[2]
    proc = subprocess.run([sys.executable, "-c", ZERO_EXTENT_SCRIPT, str(tmp_path)],
                          cwd=root, capture_output=True, text=True, timeout=120,
                          env={**os.environ, "PYTHONPATH": str(root)})
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "ok"


# ---------------------------------------------------------------- the parallel path

@pytest.fixture
def two_threads(isolated_runtime):
    isolated_runtime.num_threads = 2
    return isolated_runtime


def chunks(kernel, params):
    return kernel._chunks(np.array(params, dtype=np.int64))


def test_parallel_elementwise(two_threads):
    a, b = RNG.standard_normal(BIG), RNG.standard_normal(BIG)
    c = elementwise(lambda x, y: binary("add", x, y), [F64, F64], F64)
    k = build(c, default_schedule(c))
    assert len(chunks(k, [BIG])) == 2
    out = np.full(BIG, np.nan)
    k([a, b, out], np.array([BIG]))
    assert_same_bits(out, a + b)


def test_small_domain_stays_on_one_thread(two_threads):
    c = elementwise(lambda x, y: binary("add", x, y), [F64, F64], F64)
    k = build(c, default_schedule(c))
    assert chunks(k, [1000]) == [(0, 1000)]


@pytest.mark.parametrize("combiner, dtype", [("add", F64), ("add", I64), ("max", F64),
                                             ("min", I32), ("mul", I64), ("and", BOOL)],
                         ids=str)
def test_parallel_full_reduction(two_threads, combiner, dtype):
    a = reduce_inputs(combiner, dtype, (BIG,))
    k = build(full_reduce(combiner, dtype), default_schedule(full_reduce(combiner, dtype)))
    assert len(chunks(k, [BIG])) == 2
    assert k.schedule[-1] == Parallel("i.o.o")          # the thread-split loop is a reduce loop
    out = np.empty((), dtype)
    k([a, out], np.array([BIG]))
    assert_reduced(out, expected_reduce(combiner, a))


def test_parallel_full_reduction_nan_in_second_chunk(two_threads):
    a = RNG.standard_normal(BIG)
    a[-3] = np.nan
    out = run(full_reduce("max", F64), [a], (), [BIG])
    assert np.isnan(out)


@pytest.mark.parametrize("combiner, first, second", [("max", 0.0, -0.0), ("min", -0.0, 0.0)])
def test_parallel_signed_zero_reduction_matches_serial(two_threads, combiner, first, second):
    c = full_reduce(combiner, F64)
    k = build(c, default_schedule(c))
    first_share = chunks(k, [BIG])[0]
    assert first_share[0] == 0 and first_share[1] > 0
    split = first_share[1] * REDUCE_FANOUT * REDUCE_BLOCK  # the first thread's share of BIG
    a = np.concatenate([np.full(split, first), np.full(BIG - split, second)])
    serial, parallel = np.empty(()), np.empty(())
    two_threads.num_threads = 1
    k([a, serial], np.array([BIG]))
    two_threads.num_threads = 2
    k([a, parallel], np.array([BIG]))
    assert_same_bits(serial, np.array(first))   # IEEE 754-2019 maximum/minimum
    assert_same_bits(parallel, serial)


def test_int_and_reduction():
    a = np.array([6, 6, 7, 14], I32)
    out = run(full_reduce("and", I32), [a], (), [a.size])
    assert_same_bits(out, np.bitwise_and.reduce(a))


def test_int_or_reduction_serial():
    a = np.array([4, 2, 0, 16], I32)
    assert_same_bits(run(full_reduce("or", I32), [a], (), [a.size]), np.bitwise_or.reduce(a))


def test_parallel_int_or_reduction(two_threads):
    a = np.where(np.arange(BIG) < BIG // 2, 4, 2).astype(I32)
    c = full_reduce("or", I32)
    k = build(c, default_schedule(c))
    assert len(chunks(k, [BIG])) == 2
    out = np.empty((), I32)
    k([a, out], np.array([BIG]))
    assert_same_bits(out, np.bitwise_or.reduce(a))


@pytest.mark.parametrize("schedule", [None, Schedule(Reorder(("j", "i")), Parallel("j")),
                                      Schedule(Parallel("i"))], ids=repr)
@pytest.mark.parametrize("axis", [0, 1])
def test_parallel_2d_reduction(two_threads, axis, schedule):
    shape = (300, 500)                                 # 150000 points
    a = RNG.integers(-1000, 1000, shape, dtype=I64)
    c = reduce_2d("add", I64, axis)
    s = default_schedule(c) if schedule is None else schedule
    k = build(c, s)
    assert len(chunks(k, list(shape))) == 2
    out = np.empty(shape[1 - axis], I64)
    k([a, out], np.array(shape))
    assert_same_bits(out, a.sum(axis=axis))


def test_parallel_memory_form_with_parallel_spatial_init(two_threads):
    # out[i, j] = sum_k a[i, k, j]: the reduction axis sits between two spatial axes
    shape = (4, 200, 200)
    idx = (var("i") * param(1) + var("k")) * param(2) + var("j")
    c = Compute("mid", (F64,), F64,
                (Axis("i", param(0)), Axis("k", param(1), reduce=True), Axis("j", param(2))),
                load(0, idx, F64), var("i") * param(2) + var("j"), 3, combiner="add")
    k = build(c, default_schedule(c))
    assert len(chunks(k, list(shape))) == 2
    a = RNG.standard_normal(shape)
    out = np.full((4, 200), np.nan)
    k([a, out], np.array(shape))
    np.testing.assert_allclose(out, a.sum(axis=1), rtol=1e-12, atol=1e-12)


# ---------------------------------------------------------------- SIMD code

def needs_avx2():
    if "+avx2" not in runtime.target().features:
        pytest.skip("host CPU has no AVX2")


PACKED = r"%[yz]mm"      # 256-bit (or 512-bit) registers


def test_contiguous_float64_add_is_vectorized():
    needs_avx2()
    c = elementwise(lambda x, y: binary("add", x, y), [F64, F64], F64)
    asm = runtime.target().assembly(build(c, default_schedule(c)).llvm_ir)
    assert re.search(r"vaddpd\s.*" + PACKED, asm), asm


def test_float32_sum_is_vectorized():
    needs_avx2()
    c = full_reduce("add", F32)
    asm = runtime.target().assembly(build(c, default_schedule(c)).llvm_ir)
    assert re.search(r"vaddps\s.*" + PACKED, asm), asm


def test_int32_elementwise_max_is_vectorized():
    needs_avx2()
    c = elementwise(lambda x, y: binary("max", x, y), [I32, I32], I32)
    asm = runtime.target().assembly(build(c, default_schedule(c)).llvm_ir)
    assert re.search(r"vpmaxsd\s.*" + PACKED, asm), asm


# ---------------------------------------------------------------- kernel object

def test_kernel_explain_and_dump(isolated_runtime, tmp_path):
    isolated_runtime.dump_dir = str(tmp_path / "dump")
    c = full_reduce("add", F64)
    runtime._kernels.clear()
    k = build(c, default_schedule(c))
    text = k.explain()
    assert text.startswith(f"kernel {k.name}\n")
    assert "schedule: Schedule(Split(axis='i', factor=256)" in text
    assert "acc0 = add_reduce(acc0, acc1)" in text
    assert sorted(p.name for p in (tmp_path / "dump").iterdir()) == [k.name + ".ll",
                                                                     k.name + ".txt"]


def test_build_is_memoized():
    c = full_reduce("add", F64)
    k1 = build(c, default_schedule(c))
    hits = runtime.counters.memory_hits
    assert build(c, default_schedule(c)) is k1
    assert runtime.counters.memory_hits == hits + 1


def test_kernel_name_depends_on_schedule_not_compute_name():
    c = full_reduce("add", F64)
    renamed = Compute("other", c.inputs, c.out_dtype, c.axes, c.body, c.out_index, c.n_params,
                      c.combiner)
    assert build(c, Schedule()) is build(renamed, Schedule())
    assert build(c, Schedule()).name != build(c, default_schedule(c)).name


# ---------------------------------------------------------------- register-tiled contractions

def matmul_compute(dtype):
    """out[m, n] = sum_k a[m, k] * b[k, n] (a: p0 x p2, b: p2 x p1)."""
    body = binary("mul", load(0, var("m") * param(2) + var("k"), dtype),
                  load(1, var("k") * param(1) + var("n"), dtype))
    return Compute("mm", (dtype, dtype), dtype,
                   (Axis("m", param(0)), Axis("n", param(1)), Axis("k", param(2), reduce=True)),
                   body, var("m") * param(1) + var("n"), 3, combiner="add")


@pytest.mark.parametrize("m, n, k", [(1, 1, 1), (3, 40, 5), (4, 16, 7), (9, 15, 33), (37, 70, 20),
                                     (5, 17, 0), (260, 70, 3)])
@pytest.mark.parametrize("dtype", [F64, F32, I32])
def test_register_tiled_matmul(m, n, k, dtype):
    """Tiles shifted inwards at the edges, the guarded version below tile size,
    and threads splitting the column panels: every element as NumPy computes it
    (integers exactly; small integers in floats make the float sums exact too)."""
    c = matmul_compute(dtype)
    s = default_schedule(c)
    assert any(isinstance(p, Split) and p.tail == "shift" for p in s)
    a = RNG.integers(-8, 8, (m, k)).astype(dtype)
    b = RNG.integers(-8, 8, (k, n)).astype(dtype)
    np.testing.assert_array_equal(run(c, [a, b], (m, n), [m, n, k]), a @ b, strict=True)


def test_register_tile_is_vectorized():
    asm = runtime.target().assembly(build(matmul_compute(F32), default_schedule(matmul_compute(F32))).llvm_ir)
    assert re.search(r"vmulps\s+%[yz]mm|vfmadd\w*ps\s+%[yz]mm", asm)


def test_staged_softmax_rows_run():
    """Per-row stages (max, then sum of exp(x - max)) before the row is written."""
    f32 = np.dtype("float32")
    row = lambda j: load(0, var("i") * param(1) + j, f32)   # noqa: E731
    shifted = lambda j: unary("exp", binary("sub", row(j), local("m", f32)))   # noqa: E731
    stages = (Stage("m", f32, "max", (Axis("k", param(1), reduce=True),), row(var("k"))),
              Stage("s", f32, "add", (Axis("t", param(1), reduce=True),), shifted(var("t"))))
    c = Compute("softmax", (f32,), f32, (Axis("i", param(0)), Axis("j", param(1))),
                binary("div", shifted(var("j")), local("s", f32)),
                var("i") * param(1) + var("j"), 2, stages=stages, stage_at=1)
    x = np.random.default_rng(1).standard_normal((67, 300)).astype(f32)
    out = np.empty_like(x)
    build(c, default_schedule(c))([x, out], np.array(x.shape))
    e = np.exp(x - x.max(1, keepdims=True))
    np.testing.assert_allclose(out, e / e.sum(1, keepdims=True), rtol=1e-5)


@pytest.mark.skipif(not re.match(r"x86_64|amd64", platform.machine(), re.I), reason="x86 assembly")
def test_register_tile_is_vectorized_for_avx2():
    """The tile for 256-bit registers, compiled for an AVX2 CPU on any x86 host:
    the accumulators are ymm registers updated by FMAs; where the host runs
    AVX2, that code computes the product."""
    from codegen.backends.llvm import LLVMTarget, function_type
    c = matmul_compute(F32)
    kernel = build(c, default_schedule(c, vector_bytes=32))
    haswell = LLVMTarget("haswell", "")
    asm = haswell.assembly(kernel.llvm_ir)
    assert re.search(r"vfmadd\w*ps\s+%ymm", asm) and not re.search(r"%zmm", asm)
    if not {"avx2", "fma"} <= {f for f, on in llvm.get_host_cpu_features().items() if on}:
        return
    run_avx2 = function_type(3)(haswell.load(haswell.compile(kernel.llvm_ir), kernel.name))
    m, n, k = 37, 70, 20
    a, b = (RNG.integers(-8, 8, s).astype(F32) for s in ((m, k), (k, n)))
    out = np.empty((m, n), F32)
    params = np.array([m, n, k], dtype=np.int64)
    run_avx2(*(x.ctypes.data for x in (a, b, out, params)), 0, 1 << 40)
    np.testing.assert_array_equal(out, a @ b)


def gathered_matmul(dtype, b_dtype=None):
    """out[m, n] = sum_k a[m, k] * cast(b[n, k]) (``b`` stored transposed and
    cast: strided and converted loads in the lanes)."""
    b = load(1, var("n") * param(2) + var("k"), b_dtype or dtype)
    body = binary("mul", load(0, var("m") * param(2) + var("k"), dtype), cast(b, dtype))
    return Compute("mmt", (dtype, b_dtype or dtype), dtype,
                   (Axis("m", param(0)), Axis("n", param(1)), Axis("k", param(2), reduce=True)),
                   body, var("m") * param(1) + var("n"), 3, combiner="add")


def tile(rows, cols, width, vector="n"):
    """A register tile of ``rows`` x ``cols``, the ``vector`` axis in SIMD lanes."""
    unrolled = {"m": "n", "n": "m"}[vector]
    extent = {"m": rows, "n": cols}
    return Schedule(Split("m", rows, "shift"), Split("n", cols, "shift"),
                    Reorder(("n.o", "m.o", "k", "m.i", "n.i")),
                    Unroll(f"{unrolled}.i", extent[unrolled]), Vectorize(f"{vector}.i", width),
                    Parallel("n.o"))


@pytest.mark.parametrize("rows, cols, width, vector", [
    (4, 16, 8, "n"), (3, 12, 5, "n"), (2, 8, 0, "n"), (1, 4, 16, "n"), (4, 6, 3, "m")], ids=str)
@pytest.mark.parametrize("dtype", [F32, F64, I32])
def test_register_tile_lanes(rows, cols, width, vector, dtype, two_threads):
    """Tiles in SIMD lanes of any width (0: the whole extent; wider than the
    extent; not dividing it), along the columns or the rows (strided lanes),
    at sizes 1, tile - 1, tile, tile + 1 and larger: every element exact."""
    c, s = matmul_compute(dtype), tile(rows, cols, width, vector)
    kernel = build(c, s)
    for m, n, k in [(1, 1, 1), (rows - 1 or 1, cols - 1, 3), (rows, cols, 4), (rows + 1, cols + 1, 9),
                    (3 * rows + 2, 5 * cols + 3, 17), (rows, cols, 0)]:
        a = RNG.integers(-8, 8, (m, k)).astype(dtype)
        b = RNG.integers(-8, 8, (k, n)).astype(dtype)
        out = np.empty((m, n), dtype)
        kernel([a, b, out], np.array([m, n, k]))
        np.testing.assert_array_equal(out, a @ b, strict=True)


@pytest.mark.parametrize("dtype, b_dtype", [(F64, F64), (F32, np.dtype("int16")),
                                            (F64, F32), (I32, np.dtype("uint8")), (F32, BOOL)])
def test_register_tile_lanes_gather_and_cast(dtype, b_dtype):
    """Lanes that read with a stride (one load per lane) and convert."""
    c = gathered_matmul(dtype, b_dtype)
    m, n, k = 9, 37, 23
    a = RNG.integers(-8, 8, (m, k)).astype(dtype)
    b = RNG.integers(0, 2 if b_dtype == BOOL else 8, (n, k)).astype(b_dtype)
    out = np.empty((m, n), dtype)
    build(c, tile(4, 16, 8))([a, b, out], np.array([m, n, k]))
    np.testing.assert_array_equal(out, a @ b.T.astype(dtype), strict=True)


def test_register_tile_lanes_of_bools():
    """A boolean contraction (or of ands) in lanes: i1 vectors, loaded from and stored as bytes."""
    body = binary("and", load(0, var("m") * param(2) + var("k"), BOOL),
                  load(1, var("k") * param(1) + var("n"), BOOL))
    c = Compute("bmm", (BOOL, BOOL), BOOL,
                (Axis("m", param(0)), Axis("n", param(1)), Axis("k", param(2), reduce=True)),
                body, var("m") * param(1) + var("n"), 3, combiner="or")
    a, b = RNG.random((7, 5)) > 0.7, RNG.random((5, 19)) > 0.7
    out = np.empty((7, 19), BOOL)
    build(c, tile(2, 16, 8))([a, b, out], np.array([7, 19, 5]))
    np.testing.assert_array_equal(out, a @ b, strict=True)


def test_register_tile_fma_rounds_once():
    """-1 + (1 + 2**-12)**2 in float32: the product rounded first gives 2**-11;
    the tile's fma (as BLAS kernels compute) keeps it exact, 2**-11 + 2**-24."""
    c = matmul_compute(F32)
    x = 1 + 2.0 ** -12
    a = np.tile(np.array([[-1.0, x]], F32), (4, 1))
    b = np.tile(np.array([[1.0], [x]], F32), (1, 16))
    out = np.empty((4, 16), F32)
    build(c, tile(4, 16, 8))([a, b, out], np.array([4, 16, 2]))
    assert (out == np.float32(2.0 ** -11 + 2.0 ** -24)).all()


@pytest.mark.parametrize("rows, cols, block, unroll, width", [
    (4, 32, 64, 4, 16), (8, 32, 1, 8, 16), (3, 20, 2, 3, 7), (1, 5, 3, 8, 0), (2, 48, 5, 2, 64),
    (8, 32, 64, 4, 16)], ids=str)
def test_contraction_factors_a_tuner_may_choose(rows, cols, block, unroll, width):
    """The default contraction schedule with its numeric factors replaced, as
    a tuner does: a kernel that computes the same, or ValueError from apply
    (here: rows not all unrolled, so the shifted rows are no register tile)."""
    c = matmul_compute(I32)
    numbers = iter([rows, cols, block, unroll, width])
    s = Schedule(*(replace(p, **{f: next(numbers)}) if f else p for p, f in
                   ((p, {Split: "factor", Unroll: "factor", Vectorize: "width"}.get(type(p)))
                    for p in default_schedule(c, vector_bytes=64))))
    if unroll < rows:
        with pytest.raises(ValueError):
            apply(s, c)
        return
    kernel = build(c, s)
    for m, n, k in [(1, 1, 2), (rows, cols, 3), (4 * rows * block + 1, 3 * cols - 1, 5)]:
        a = RNG.integers(-8, 8, (m, k)).astype(I32)
        b = RNG.integers(-8, 8, (k, n)).astype(I32)
        out = np.empty((m, n), I32)
        kernel([a, b, out], np.array([m, n, k]))
        np.testing.assert_array_equal(out, a @ b)


@pytest.mark.parametrize("dtype", [F32, F64])
def test_register_tile_lanes_with_trig(dtype):
    """sin/cos in a tile's lanes: any lane's out-of-range argument (1e30) sets
    the kernel's flag, so the libm rerun computes it."""
    body = binary("mul", unary("sin", load(0, var("m") * param(2) + var("k"), dtype)),
                  unary("cos", load(1, var("k") * param(1) + var("n"), dtype)))
    c = Compute("mmtrig", (dtype, dtype), dtype,
                (Axis("m", param(0)), Axis("n", param(1)), Axis("k", param(2), reduce=True)),
                body, var("m") * param(1) + var("n"), 3, combiner="add")
    m, n, k = 9, 37, 23
    a, b = RNG.standard_normal((m, k)).astype(dtype), RNG.standard_normal((k, n)).astype(dtype)
    b[3, 5] = 1e30
    out = np.empty((m, n), dtype)
    build(c, default_schedule(c))([a, b, out], np.array([m, n, k]))
    np.testing.assert_allclose(out, np.sin(a) @ np.cos(b), rtol=0, atol=k * 4 * np.finfo(dtype).eps)
