"""codegen.tune.measure: candidates are built, checked against the default
schedule's output and timed; a wrong or broken candidate is rejected."""
from dataclasses import replace

import numpy as np
import pytest

import codegen.runtime as runtime
from codegen import Axis, Compute, Schedule, Split, Vectorize
from codegen.expr import binary, const, load, param, select, var
from codegen.tune import Measurer, Workload
from codegen.tune.measure import TOLERANCE_SCALE

from tune_testing import F32, F64, I32, column_sums, elementwise, matmul, row_sums

N = 5003


def ew_workload(dtype=F32) -> Workload:
    return Workload.random(elementwise(np.dtype(dtype)), [(N,)], [N], (N,), seed=1)


def test_a_good_candidate_is_timed():
    m = Measurer(ew_workload(), repeats=3)
    assert m.baseline.ok and m.baseline.seconds > 0
    got = m.measure(Schedule(Split("i", 64), Vectorize("i.i", 8)))
    assert got.ok and got.seconds > 0 and got.error is None
    expected = np.exp(-m.workload.inputs[0]) * m.workload.inputs[0] + np.float32(1)
    np.testing.assert_allclose(m.checks[0].reference, expected, rtol=1e-5, atol=1e-5)


def with_compute(monkeypatch, other):
    """Make every build of a candidate build ``other`` instead."""
    real = runtime.build
    monkeypatch.setattr(runtime, "build",
                        lambda compute, schedule, reason="": real(other, schedule, reason))


def test_a_candidate_computing_something_else_is_rejected(monkeypatch):
    m = Measurer(ew_workload(I32))
    wrong = elementwise(I32)
    wrong = replace(wrong, body=binary("add", wrong.body, const(1, I32)))
    with_compute(monkeypatch, wrong)
    got = m.measure(m.default)
    assert not got.ok and got.seconds is None and "wrong result" in got.error


def test_random_inputs_catch_what_regular_recorded_ones_hide(monkeypatch):
    zeros = Workload(elementwise(I32), (np.zeros(N, I32),), np.array([N]), (N,))
    m = Measurer(zeros)
    wrong = elementwise(I32)          # a * a * 2 + 1: right wherever a == 0
    wrong = replace(wrong, body=binary("add", binary("mul", wrong.body, const(2, I32)),
                                       const(-1, I32)))
    with_compute(monkeypatch, wrong)
    assert m.checks[0].mismatch(m.workload.run(runtime.build(m.workload.compute, m.default),
                                               0)) is None
    got = m.measure(m.default)
    assert not got.ok and "wrong result" in got.error


def test_an_element_left_unwritten_is_rejected(monkeypatch):
    m = Measurer(ew_workload())
    half = elementwise()
    half = replace(half, axes=(replace(half.axes[0], extent=param(0) // 2),))
    with_compute(monkeypatch, half)
    got = m.measure(m.default)
    assert not got.ok and "differ" in got.error


def test_a_schedule_that_does_not_build_is_rejected():
    m = Measurer(ew_workload())
    got = m.measure(Schedule(Split("no_such_loop", 4)))
    assert not got.ok and got.error.startswith("build failed: ValueError")


def test_integer_sums_are_compared_exactly():
    w = Workload.random(row_sums(I32), [(64, 301)], [64, 301], (64,))
    assert [c.tolerance for c in Measurer(w).checks] == [None, None]


def test_float_sums_pass_with_other_blocks_and_fail_without_a_term(monkeypatch):
    n = 4096
    w = Workload.random(column_sums(F32), [(n, 64)], [n, 64], (64,), seed=2)
    m = Measurer(w)
    scale = TOLERANCE_SCALE * np.sqrt(n) * np.finfo(F32).eps
    np.testing.assert_allclose(m.checks[0].tolerance, scale * np.abs(w.inputs[0]).sum(0),
                               rtol=1e-5)
    other = Schedule(Split("i", 64), Vectorize("j"))
    assert m.measure(other).ok
    dropped = column_sums(F32)     # row 7 left out of every sum
    dropped = replace(dropped, body=select(binary("eq", var("i"), const(7)), const(0.0, F32),
                                           dropped.body))
    with_compute(monkeypatch, dropped)
    got = m.measure(other)
    assert not got.ok and "tolerance" in got.error


def test_recorded_matmul_reference_matches_numpy():
    a = np.random.default_rng(0).standard_normal((37, 19)).astype(F64)
    b = np.random.default_rng(1).standard_normal((19, 41)).astype(F64)
    w = Workload(matmul(F64), (a, b), np.array([37, 41, 19]), (37, 41))
    m = Measurer(w)
    np.testing.assert_allclose(m.checks[0].reference, a @ b, rtol=1e-12)
    assert len(m.checks) == 2 and m.checks[1].workload.inputs[0].shape == (37, 19)


def test_random_inputs_refuse_a_gather():
    idx = load(1, var("i"), np.dtype("int64"))
    c = Compute("gather", (F32, np.dtype("int64")), F32, (Axis("i", param(0)),),
                load(0, idx, F32), var("i"), 1)
    with pytest.raises(ValueError, match="recorded inputs"):
        Workload.random(c, [(10,), (10,)], [10], (10,))
