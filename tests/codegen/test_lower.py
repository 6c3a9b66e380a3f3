"""Tests of codegen.lower (compute + schedule -> loop-nest IR), through codegen.ir.to_str."""
import textwrap

import numpy as np
import pytest

from codegen import Axis, Compute, Stage
from codegen.expr import binary, cast, const, load, local, param, unary, var
from codegen.ir import Assign, For, Local, Seq, Store, to_str
from codegen.lower import lower
from codegen.schedule import (Fuse, Parallel, Reorder, Schedule, Split, Unroll, Vectorize,
                              default_schedule)

F32, F64 = np.dtype("float32"), np.dtype("float64")
I32 = np.dtype("int32")
BOOL = np.dtype("bool")


def ir(text):
    return textwrap.dedent(text).lstrip("\n")


def add_scalar():
    """out[i] = a[i] + s[()] (s a 0-d input)"""
    body = binary("add", load(0, var("i"), F64), load(1, const(0), F64))
    return Compute("adds", (F64, F64), F64, (Axis("i", param(0)),), body, var("i"), 1)


def row_reduce(combiner="add", dtype=F64):
    """out[i] = combiner_j a[i, j]"""
    return Compute("rows", (dtype,), dtype,
                   (Axis("i", param(0)), Axis("j", param(1), reduce=True)),
                   load(0, var("i") * param(1) + var("j"), dtype), var("i"), 2, combiner=combiner)


def full_sum():
    return Compute("sum", (F64,), F64, (Axis("i", param(0), reduce=True),),
                   load(0, var("i"), F64), const(0), 1, combiner="add")


def matvec_like():
    """out[i, j] = sum_k a[k, j] with the reduction axis in the middle of the domain."""
    return Compute("mid", (F64,), F64,
                   (Axis("i", param(0)), Axis("k", param(1), reduce=True), Axis("j", param(2))),
                   load(0, var("k") * param(2) + var("j"), F64), var("i") * param(2) + var("j"),
                   3, combiner="add")


# ---------------------------------------------------------------- element-wise

def test_elementwise_plain():
    assert to_str(lower(add_scalar(), Schedule())) == ir("""
        for i in range(p0):
          b2[i] = (b0[i] + b1[0])
        """)


def test_elementwise_default_schedule():
    assert to_str(lower(add_scalar(), default_schedule(add_scalar()))) == ir("""
        for i in [start, min(end, p0)):  # vector  # parallel
          b2[i] = (b0[i] + b1[0])
        """)


def test_elementwise_split_unroll_vector_parallel():
    s = Schedule(Split("i", 8), Vectorize("i.i"), Unroll("i.o", 2), Parallel("i.o"))
    assert to_str(lower(add_scalar(), s)) == ir("""
        for i.o in [start, min(end, ((p0 + 7) / 8))):  # unroll x2  # parallel
          for i.i in range(min(8, (p0 - (i.o * 8)))):  # vector
            b2[((i.o * 8) + i.i)] = (b0[((i.o * 8) + i.i)] + b1[0])
        """)


def test_elementwise_2d_reordered():
    idx = var("i") * param(1) + var("j")
    c = Compute("e2", (F64,), F64, (Axis("i", param(0)), Axis("j", param(1))),
                unary("neg", load(0, idx, F64)), idx, 2)
    assert to_str(lower(c, Schedule(Reorder(("j", "i"))))) == ir("""
        for j in range(p1):
          for i in range(p0):
            b1[((i * p1) + j)] = neg(b0[((i * p1) + j)])
        """)


def test_0d_compute_is_a_single_store():
    c = Compute("z", (F64,), F64, (), unary("sqrt", load(0, const(0), F64)), const(0), 0)
    stmt = lower(c, Schedule())
    assert stmt == Store(1, const(0), unary("sqrt", load(0, const(0), F64)))
    assert to_str(stmt) == "b1[0] = sqrt(b0[0])\n"


def test_fused_loop_indices_are_recovered():
    idx = var("i") * param(1) + var("j")
    c = Compute("e2", (F64,), F64, (Axis("i", param(0)), Axis("j", param(1))),
                load(0, idx, F64), idx, 2)
    assert to_str(lower(c, Schedule(Fuse("i", "j")))) == ir("""
        for i.j in range((p0 * p1)):
          b1[(((i.j / p1) * p1) + (i.j % p1))] = b0[(((i.j / p1) * p1) + (i.j % p1))]
        """)


# ---------------------------------------------------------------- register form

def test_register_form_reduction():
    assert to_str(lower(row_reduce(), Schedule())) == ir("""
        for i in range(p0):
          acc0: float64 = 0.0
          for j in range(p1):
            acc0 = add_reduce(acc0, b0[((i * p1) + j)])
          b1[i] = acc0
        """)


def test_register_form_split_reduction_accumulates_in_blocks():
    assert to_str(lower(row_reduce(), Schedule(Split("j", 4), Unroll("j.i", 2)))) == ir("""
        for i in range(p0):
          acc0: float64 = 0.0
          for j.o in range(((p1 + 3) / 4)):
            acc1: float64 = 0.0
            for j.i in range(min(4, (p1 - (j.o * 4)))):  # unroll x2
              acc1 = add_reduce(acc1, b0[((i * p1) + ((j.o * 4) + j.i))])
            acc0 = add_reduce(acc0, acc1)
          b1[i] = acc0
        """)


def test_register_form_full_reduction_default_schedule():
    assert to_str(lower(full_sum(), default_schedule(full_sum()))) == ir("""
        acc0: float64 = 0.0
        for i.o.o in [start, min(end, ((((p0 + 255) / 256) + 63) / 64))):  # parallel
          acc1: float64 = 0.0
          for i.o.i in range(min(64, (((p0 + 255) / 256) - (i.o.o * 64)))):
            acc2: float64 = 0.0
            for i.i in range(min(256, (p0 - (((i.o.o * 64) + i.o.i) * 256)))):  # vector
              acc2 = add_reduce(acc2, b0[((((i.o.o * 64) + i.o.i) * 256) + i.i)])
            acc1 = add_reduce(acc1, acc2)
          acc0 = add_reduce(acc0, acc1)
        b1[0] = acc0
        """)


def test_register_form_statement_structure():
    stmt = lower(row_reduce(), Schedule())
    assert isinstance(stmt, For) and stmt.var == "i" and not stmt.parallel
    seq = stmt.body
    assert isinstance(seq, Seq)
    local, loop, store = seq.stmts
    assert local == Local("acc0", F64, const(0.0, F64))
    assert isinstance(loop, For) and loop.var == "j" and isinstance(loop.body, Assign)
    assert isinstance(store, Store) and store.buffer == 1 and store.index == var("i")


@pytest.mark.parametrize("combiner, dtype, init", [
    ("add", F64, "0.0"),
    ("mul", F64, "1.0"),
    ("max", F64, "-inf"),
    ("min", F64, "inf"),
    ("max", I32, "-2147483648"),
    ("min", I32, "2147483647"),
    ("mul", I32, "1"),
    ("and", BOOL, "True"),
    ("or", BOOL, "False"),
    ("max", np.dtype("uint8"), "0"),
    ("min", np.dtype("uint8"), "255"),
])
def test_register_form_identity(combiner, dtype, init):
    assert to_str(lower(row_reduce(combiner, dtype), Schedule())) == ir(f"""
        for i in range(p0):
          acc0: {dtype.name} = {init}
          for j in range(p1):
            acc0 = {combiner}_reduce(acc0, b0[((i * p1) + j)])
          b1[i] = acc0
        """)


# ---------------------------------------------------------------- memory form

def test_memory_form_reduction():
    assert to_str(lower(row_reduce(), Schedule(Reorder(("j", "i"))))) == ir("""
        for i in range(p0):
          b1[i] = 0.0
        for j in range(p1):
          for i in range(p0):
            b1[i] = add_reduce(b1[i], b0[((i * p1) + j)])
        """)


def test_memory_form_parallel_reduce_loop_does_not_split_the_init():
    s = Schedule(Reorder(("j", "i")), Parallel("j"), Vectorize("i"))
    assert to_str(lower(row_reduce("max"), s)) == ir("""
        for i in range(p0):  # vector
          b1[i] = -inf
        for j in [start, min(end, p1)):  # parallel
          for i in range(p0):  # vector
            b1[i] = max_reduce(b1[i], b0[((i * p1) + j)])
        """)


def test_memory_form_with_split_reduce_loop_around_a_spatial_loop():
    s = Schedule(Split("j", 4), Reorder(("j.o", "i")))
    assert to_str(lower(row_reduce(), s)) == ir("""
        for i in range(p0):
          b1[i] = 0.0
        for j.o in range(((p1 + 3) / 4)):
          for i in range(p0):
            for j.i in range(min(4, (p1 - (j.o * 4)))):
              b1[i] = add_reduce(b1[i], b0[((i * p1) + ((j.o * 4) + j.i))])
        """)


def test_memory_form_reduce_axis_in_the_middle_parallel_spatial_init():
    c = matvec_like()
    assert to_str(lower(c, default_schedule(c))) == ir("""
        for i in [start, min(end, p0)):  # parallel
          for j in range(p2):  # vector
            b1[((i * p2) + j)] = 0.0
        for i in [start, min(end, p0)):  # parallel
          for k in range(p1):
            for j in range(p2):  # vector
              b1[((i * p2) + j)] = add_reduce(b1[((i * p2) + j)], b0[((k * p2) + j)])
        """)


def test_memory_form_statement_structure():
    stmt = lower(row_reduce(), Schedule(Reorder(("j", "i"))))
    assert isinstance(stmt, Seq) and len(stmt.stmts) == 2
    init, update = stmt.stmts
    assert init == For("i", param(0), Store(1, var("i"), const(0.0, F64)))
    assert isinstance(update, For) and update.var == "j"


def test_ir_to_str_rejects_non_statements():
    with pytest.raises(TypeError):
        to_str("not a statement")


# ---------------------------------------------------------------- register tiles, shifted splits

def tiny_matmul():
    """out[m, n] = sum_k a[m, k] * b[k, n] (a: p0 x p2, b: p2 x p1)."""
    body = binary("mul", load(0, var("m") * param(2) + var("k"), F64),
                  load(1, var("k") * param(1) + var("n"), F64))
    return Compute("mm", (F64, F64), F64,
                   (Axis("m", param(0)), Axis("n", param(1)), Axis("k", param(2), reduce=True)),
                   body, var("m") * param(1) + var("n"), 3, combiner="add")


def test_register_tile_with_shifted_splits():
    s = Schedule(Split("m", 2, "shift"), Split("n", 2, "shift"),
                 Reorder(("m.o", "n.o", "k", "m.i", "n.i")), Unroll("m.i", 2), Unroll("n.i", 2))
    text = to_str(lower(tiny_matmul(), s))
    main, fallback = text.split("if not(")
    assert main.startswith("if ((p0 >= 2) & (p1 >= 2)):\n")
    assert main.count("acc0_") == 4 * 4 and "acc0_4" not in main    # 4 points: init, update, store
    assert "acc0_3 = fma(b0[(((min((m.o * 2), (p0 - 2)) + 1) * p2) + k)], " \
           "b1[((k * p1) + (min((n.o * 2), (p1 - 2)) + 1))], acc0_3)" in main
    assert "b2[((min((m.o * 2), (p0 - 2)) * p1) + min((n.o * 2), (p1 - 2)))] = acc0_0" in main
    # otherwise: the same loops with guarded splits, which the memory form runs
    assert "min(2, (p0 - (m.o * 2)))" in fallback and "acc" not in fallback


def test_register_tile_with_blocked_reduction():
    s = Schedule(Split("k", 8), Reorder(("m", "k.o", "k.i", "n")), Unroll("n", 3))
    c = tiny_matmul()
    c = Compute(c.name, c.inputs, c.out_dtype, (c.axes[0], Axis("n", const(3)), c.axes[2]),
                c.body, c.out_index, 3, "add")
    text = to_str(lower(c, s))
    assert "acc0_2 = add_reduce(acc0_2, acc1_2)" in text and "acc1_0 = fma(" in text


def test_register_tile_of_simd_lanes():
    """A vectorized tile loop of extent 6 and width 4: one ``lanes`` loop
    around the fold, two vectors per row (the second shifted to end at 6)."""
    s = Schedule(Split("m", 2, "shift"), Split("n", 6, "shift"),
                 Reorder(("m.o", "n.o", "k", "m.i", "n.i")), Unroll("m.i", 2), Vectorize("n.i", 4))
    main = to_str(lower(tiny_matmul(), s)).split("if not(")[0]
    n = "min((n.o * 6), (p1 - 6))"
    assert main.startswith(ir(f"""
        if ((p0 >= 2) & (p1 >= 6)):
          for m.o in range(((p0 + 1) / 2)):
            for n.o in range(((p1 + 5) / 6)):
              for n.i in range(4):  # lanes x4
                acc0_0: float64 = 0.0
        """))
    assert main.count("acc0_") == 4 * 4 and "acc0_4" not in main
    assert f"acc0_3 = fma(b0[(((min((m.o * 2), (p0 - 2)) + 1) * p2) + k)], " \
           f"b1[((k * p1) + ({n} + (n.i + 2)))], acc0_3)" in main
    assert f"b2[((min((m.o * 2), (p0 - 2)) * p1) + ({n} + n.i))] = acc0_0" in main


@pytest.mark.parametrize("width, lanes, starts", [(0, 6, [0]), (6, 6, [0]), (9, 6, [0]),
                                                   (2, 2, [0, 2, 4]), (5, 5, [0, 1])])
def test_lanes_width_covers_the_extent(width, lanes, starts):
    s = Schedule(Split("n", 6, "shift"), Reorder(("m", "n.o", "k", "n.i")), Vectorize("n.i", width))
    main = to_str(lower(tiny_matmul(), s)).split("if not(")[0]
    assert f"for n.i in range({lanes}):  # lanes x{lanes}" in main
    n = "min((n.o * 6), (p1 - 6))"
    assert main.count("= fma(") == len(starts)
    for start in starts:
        assert (f"({n} + (n.i + {start}))" if start else f"({n} + n.i)") in main


def test_sum_of_integer_products_is_not_fused():
    c = tiny_matmul()
    c = Compute(c.name, c.inputs, I32, c.axes, binary("mul", *(load(k, x.args[1], I32) for k, x in
                                                              enumerate(c.body.args))),
                c.out_index, 3, "add")
    s = Schedule(Split("n", 4, "shift"), Reorder(("m", "n.o", "k", "n.i")), Vectorize("n.i"))
    text = to_str(lower(c, s))
    assert "fma" not in text and "acc0 = add_reduce(acc0, (b0[" in text


def test_shifted_split_needs_points_stored_once():
    s = Schedule(Split("n", 2, "shift"), Reorder(("m", "k", "n.o", "n.i")))
    with pytest.raises(ValueError):
        lower(tiny_matmul(), s)


# ---------------------------------------------------------------- stages

def centered_rows():
    """out[i, j] = a[i, j] - max_k a[i, k] (the row maximum a stage)."""
    row = Stage("m", F64, "max", (Axis("k", param(1), reduce=True),),
                load(0, var("i") * param(1) + var("k"), F64))
    body = binary("sub", load(0, var("i") * param(1) + var("j"), F64), local("m", F64))
    return Compute("centered", (F64,), F64, (Axis("i", param(0)), Axis("j", param(1))), body,
                   var("i") * param(1) + var("j"), 2, stages=(row,), stage_at=1)


def test_stage_runs_inside_the_row_loop():
    assert to_str(lower(centered_rows(), Schedule(Vectorize("j"), Parallel("i")))) == ir("""
        for i in [start, min(end, p0)):  # parallel
          m: float64 = -inf
          m_acc0: float64 = -inf
          for k in range(p1):  # vector
            m_acc0 = max_reduce(m_acc0, b0[((i * p1) + k)])
          m = m_acc0
          for j in range(p1):  # vector
            b1[((i * p1) + j)] = (b0[((i * p1) + j)] - m)
        """)


def row_sums(dtype):
    """out[i, j] = a[i, j] - sum_k a[i, k] for an ``a`` of ``dtype``, summed in float64."""
    row = Stage("s", F64, "add", (Axis("k", param(1), reduce=True),),
                cast(load(0, var("i") * param(1) + var("k"), dtype), F64))
    body = binary("sub", cast(load(0, var("i") * param(1) + var("j"), dtype), F64), local("s", F64))
    return Compute("minus_sum", (dtype,), F64, (Axis("i", param(0)), Axis("j", param(1))), body,
                   var("i") * param(1) + var("j"), 2, stages=(row,), stage_at=1)


def test_float_sum_stage_is_blocked():
    """A float64 sum of float64 values goes in blocks (bounded rounding error)."""
    text = to_str(lower(row_sums(F64), Schedule(Vectorize("j"), Parallel("i"))))
    assert "for k.o.o in" in text and "s_acc1 = add_reduce(s_acc1, s_acc2)" in text


def test_widening_sum_stage_is_one_loop():
    """A float64 sum of float32 values needs no blocks (its float64 rounding stays
    far below float32's for rows up to 2**29): one vector loop, float64 lanes."""
    text = to_str(lower(row_sums(F32), Schedule(Vectorize("j"), Parallel("i"))))
    assert "k.o" not in text and "for k in range(p1):  # vector x" in text


def test_default_schedule_keeps_stage_loops_outermost():
    c = centered_rows()
    assert default_schedule(c) == Schedule(Vectorize("j"), Parallel("i"))


def test_stage_loops_must_be_outermost():
    with pytest.raises(ValueError, match="outermost"):
        lower(centered_rows(), Schedule(Reorder(("j", "i"))))


def test_stage_reading_an_axis_it_is_not_inside_is_rejected():
    row = Stage("m", F64, "max", (Axis("k", param(1), reduce=True),), load(0, var("j"), F64))
    with pytest.raises(ValueError, match="reads axes"):
        Compute("bad", (F64,), F64, (Axis("i", param(0)), Axis("j", param(1))), local("m", F64),
                var("i"), 2, stages=(row,), stage_at=1)


# ---------------------------------------------------------------- scans

def row_scan(axis):
    """out[i, j] = running sum of a along ``axis`` ("i" or "j")."""
    index = var("i") * param(1) + var("j")
    return Compute("cumsum", (F64,), F64, (Axis("i", param(0)), Axis("j", param(1))),
                   load(0, index, F64), index, 2, combiner="add", scan=axis)


def test_scan_along_the_innermost_axis_carries_a_local():
    assert to_str(lower(row_scan("j"), default_schedule(row_scan("j")))) == ir("""
        for i in [start, min(end, p0)):  # parallel
          scan: float64 = -0.0
          for j in range(p1):
            scan = (scan + b0[((i * p1) + j)])
            b1[((i * p1) + j)] = scan
        """)


def test_scan_along_an_outer_axis_reads_the_row_before():
    assert to_str(lower(row_scan("i"), Schedule(Vectorize("j")))) == ir("""
        for i in range(p0):
          if (i == 0):
            for j in range(p1):  # vector
              b1[((i * p1) + j)] = b0[((i * p1) + j)]
          if (i != 0):
            for j in range(p1):  # vector
              b1[((i * p1) + j)] = (b1[(((i - 1) * p1) + j)] + b0[((i * p1) + j)])
        """)


@pytest.mark.parametrize("schedule", [Schedule(Split("i", 4)), Schedule(Vectorize("i")),
                                      Schedule(Parallel("i"))])
def test_scan_axis_must_stay_one_serial_loop(schedule):
    with pytest.raises(ValueError, match="serial loop"):
        lower(row_scan("i"), schedule)


def test_vectorized_sum_of_float_products_is_not_fused():
    """A dot product whose reduction loop is vectorized steps as mul then add:
    the loop vectorizer splits that into SIMD lanes, an fma chain it leaves serial."""
    c = Compute("dot", (F64, F64), F64, (Axis("i", param(0), reduce=True),),
                binary("mul", load(0, var("i"), F64), load(1, var("i"), F64)), const(0), 1,
                combiner="add")
    text = to_str(lower(c, default_schedule(c)))
    assert "fma" not in text and "add_reduce(acc2, (b0[" in text
