"""Tests of codegen.schedule: primitives -> LoopNest, JSON/repr round trips, errors,
and the default schedule."""
import json

import numpy as np
import pytest

from codegen import Axis, Compute
from codegen.expr import binary, cast, const, load, param, to_str, var
from codegen.ir import to_str as to_str_ir
from codegen.lower import lower
from codegen.schedule import (LOOP_KINDS, REDUCE_BLOCK, REDUCE_FANOUT,
                              SCHEDULE_VERSION, Fuse, Parallel, Reorder, Schedule, Split, Unroll,
                              Vectorize, apply, default_schedule, host_vector_bytes, unshifted)

F64 = np.dtype("float64")
PRIMS = {"Schedule": Schedule, "Split": Split, "Fuse": Fuse, "Reorder": Reorder,
         "Vectorize": Vectorize, "Unroll": Unroll, "Parallel": Parallel}


def elementwise_1d(extent=None):
    return Compute("e1", (F64,), F64, (Axis("i", param(0) if extent is None else extent),),
                   load(0, var("i"), F64), var("i"), 1)


def elementwise_2d():
    idx = var("i") * param(1) + var("j")
    return Compute("e2", (F64,), F64, (Axis("i", param(0)), Axis("j", param(1))),
                   load(0, idx, F64), idx, 2)


def elementwise_3d():
    idx = (var("i") * param(1) + var("j")) * param(2) + var("k")
    return Compute("e3", (F64,), F64,
                   (Axis("i", param(0)), Axis("j", param(1)), Axis("k", param(2))),
                   load(0, idx, F64), idx, 3)


def row_sum():
    """out[i] = sum_j a[i, j]"""
    return Compute("rows", (F64,), F64, (Axis("i", param(0)), Axis("j", param(1), reduce=True)),
                   load(0, var("i") * param(1) + var("j"), F64), var("i"), 2, combiner="add")


def full_sum():
    return Compute("sum", (F64,), F64, (Axis("i", param(0), reduce=True),),
                   load(0, var("i"), F64), const(0), 1, combiner="add")


def loops(nest):
    """(name, extent, reduce, kind, unroll) of each loop, extents as text."""
    return [(l.name, to_str(l.extent), l.reduce, l.kind, l.unroll) for l in nest.loops]


def values(nest):
    return {k: to_str(v) for k, v in nest.axis_values.items()}


# ---------------------------------------------------------------- structure

def test_empty_schedule_is_the_identity():
    nest = apply(Schedule(), elementwise_2d())
    assert loops(nest) == [("i", "p0", False, "serial", 1), ("j", "p1", False, "serial", 1)]
    assert nest.parallel is None
    assert values(nest) == {"i": "i", "j": "j"}


def test_split():
    nest = apply(Schedule(Split("j", 4)), elementwise_2d())
    assert loops(nest) == [
        ("i", "p0", False, "serial", 1),
        ("j.o", "((p1 + 3) / 4)", False, "serial", 1),
        ("j.i", "min(4, (p1 - (j.o * 4)))", False, "serial", 1),
    ]
    assert values(nest) == {"i": "i", "j": "((j.o * 4) + j.i)"}
    assert nest.parallel is None


def test_split_of_a_constant_extent_folds_the_outer_extent():
    nest = apply(Schedule(Split("i", 4)), elementwise_1d(const(10)))
    assert loops(nest) == [("i.o", "3", False, "serial", 1),
                           ("i.i", "min(4, (10 - (i.o * 4)))", False, "serial", 1)]


def test_split_keeps_the_reduce_flag():
    nest = apply(Schedule(Split("j", 8)), row_sum())
    assert [(l.name, l.reduce) for l in nest.loops] == [("i", False), ("j.o", True), ("j.i", True)]


def test_split_by_one():
    nest = apply(Schedule(Split("i", 1)), elementwise_1d())
    assert loops(nest) == [("i.o", "p0", False, "serial", 1),
                           ("i.i", "min(1, (p0 - i.o))", False, "serial", 1)]
    assert values(nest) == {"i": "(i.o + i.i)"}


def test_fuse():
    nest = apply(Schedule(Fuse("i", "j")), elementwise_2d())
    assert loops(nest) == [("i.j", "(p0 * p1)", False, "serial", 1)]
    assert values(nest) == {"i": "(i.j / p1)", "j": "(i.j % p1)"}


def test_fuse_inner_pair_of_three():
    nest = apply(Schedule(Fuse("j", "k")), elementwise_3d())
    assert loops(nest) == [("i", "p0", False, "serial", 1), ("j.k", "(p1 * p2)", False, "serial", 1)]
    assert values(nest) == {"i": "i", "j": "(j.k / p2)", "k": "(j.k % p2)"}


def test_reorder():
    nest = apply(Schedule(Reorder(("j", "i"))), elementwise_2d())
    assert loops(nest) == [("j", "p1", False, "serial", 1), ("i", "p0", False, "serial", 1)]
    assert values(nest) == {"i": "i", "j": "j"}


def test_reorder_permutes_only_the_named_positions():
    nest = apply(Schedule(Reorder(("k", "i"))), elementwise_3d())
    assert [l.name for l in nest.loops] == ["k", "j", "i"]
    nest = apply(Schedule(Reorder(("k", "j"))), elementwise_3d())
    assert [l.name for l in nest.loops] == ["i", "k", "j"]


def test_reorder_spatial_inside_reduce():
    nest = apply(Schedule(Reorder(("j", "i"))), row_sum())
    assert [(l.name, l.reduce) for l in nest.loops] == [("j", True), ("i", False)]


def test_vectorize():
    nest = apply(Schedule(Vectorize("j")), elementwise_2d())
    assert loops(nest) == [("i", "p0", False, "serial", 1), ("j", "p1", False, "vector", 1)]
    assert values(nest) == {"i": "i", "j": "j"}


@pytest.mark.parametrize("prim, factor", [(Unroll("j", 2), 2), (Unroll("j"), 4)])
def test_unroll(prim, factor):
    nest = apply(Schedule(prim), elementwise_2d())
    assert loops(nest) == [("i", "p0", False, "serial", 1), ("j", "p1", False, "unroll", factor)]
    assert values(nest) == {"i": "i", "j": "j"}


def test_parallel():
    nest = apply(Schedule(Parallel("i")), elementwise_2d())
    assert loops(nest) == [("i", "p0", False, "serial", 1), ("j", "p1", False, "serial", 1)]
    assert nest.parallel == "i"
    assert values(nest) == {"i": "i", "j": "j"}


def test_combined_schedule():
    s = Schedule(Split("j", 8), Reorder(("j.o", "i")), Vectorize("j.i"), Unroll("i", 2),
                 Parallel("j.o"))
    nest = apply(s, elementwise_2d())
    assert loops(nest) == [
        ("j.o", "((p1 + 7) / 8)", False, "serial", 1),
        ("i", "p0", False, "unroll", 2),
        ("j.i", "min(8, (p1 - (j.o * 8)))", False, "vector", 1),
    ]
    assert nest.parallel == "j.o"
    assert values(nest) == {"i": "i", "j": "((j.o * 8) + j.i)"}
    assert {l.kind for l in nest.loops} <= set(LOOP_KINDS)


def test_split_of_a_split_loop():
    nest = apply(Schedule(Split("i", 8), Split("i.o", 2)), elementwise_1d())
    assert [l.name for l in nest.loops] == ["i.o.o", "i.o.i", "i.i"]
    assert values(nest)["i"] == "((((i.o.o * 2) + i.o.i) * 8) + i.i)"


def test_fuse_with_a_split_outer_loop():
    nest = apply(Schedule(Split("j", 4), Fuse("i", "j.o")), elementwise_2d())
    assert [l.name for l in nest.loops] == ["i.j.o", "j.i"]


# ---------------------------------------------------------------- errors

def test_parallel_on_a_non_outermost_loop_raises():
    with pytest.raises(ValueError, match="outermost"):
        apply(Schedule(Parallel("j")), elementwise_2d())


def test_parallel_on_a_loop_moved_inward_raises():
    with pytest.raises(ValueError, match="outermost"):
        apply(Schedule(Parallel("i"), Reorder(("j", "i"))), elementwise_2d())


@pytest.mark.parametrize("prim", [
    Split("x", 4), Fuse("i", "x"), Fuse("x", "j"), Reorder(("x", "i")), Vectorize("x"),
    Unroll("x", 2), Parallel("x"),
])
def test_unknown_loop_name_raises(prim):
    with pytest.raises(ValueError, match="no loop named 'x'"):
        apply(Schedule(prim), elementwise_2d())


def test_split_name_no_longer_exists_after_split():
    with pytest.raises(ValueError, match="no loop named 'j'"):
        apply(Schedule(Split("j", 4), Vectorize("j")), elementwise_2d())


@pytest.mark.parametrize("factor", [0, -3])
def test_non_positive_split_factor_raises(factor):
    with pytest.raises(ValueError, match="positive"):
        apply(Schedule(Split("i", factor)), elementwise_1d())


@pytest.mark.parametrize("prim", [
    Fuse("j", "i"),        # not in outer, inner order
    Fuse("i", "k"),        # not adjacent
])
def test_fuse_non_adjacent_raises(prim):
    with pytest.raises(ValueError, match="cannot fuse"):
        apply(Schedule(prim), elementwise_3d())


def test_fuse_spatial_with_reduce_raises():
    with pytest.raises(ValueError, match="cannot fuse"):
        apply(Schedule(Fuse("i", "j")), row_sum())


def test_fuse_dependent_inner_extent_raises():
    with pytest.raises(ValueError, match="cannot fuse"):
        apply(Schedule(Split("i", 4), Fuse("i.o", "i.i")), elementwise_1d())


def test_moving_a_split_inner_loop_outside_its_outer_raises():
    with pytest.raises(ValueError, match="depends on a loop inside it"):
        apply(Schedule(Split("i", 4), Reorder(("i.i", "i.o"))), elementwise_1d())


def test_schedule_rejects_non_primitives():
    with pytest.raises(TypeError):
        Schedule(("Split", "i", 4))


# ---------------------------------------------------------------- round trips

ROUND_TRIP = [
    Schedule(),
    Schedule(Split("i", 4)),
    Schedule(Fuse("i", "j")),
    Schedule(Reorder(("j", "i"))),
    Schedule(Vectorize("j")),
    Schedule(Unroll("j", 8)),
    Schedule(Unroll("j")),
    Schedule(Parallel("i")),
    Schedule(Split("j", 4096), Reorder(("j.o", "i")), Vectorize("j.i"), Unroll("i", 2),
             Parallel("j.o")),
]


@pytest.mark.parametrize("s", ROUND_TRIP, ids=repr)
def test_json_round_trip(s):
    text = s.to_json()
    back = Schedule.from_json(text)
    assert back == s
    assert isinstance(back, Schedule)
    assert [type(p) for p in back] == [type(p) for p in s]
    assert json.loads(text)["version"] == SCHEDULE_VERSION
    assert back.to_json() == text


def test_json_round_trip_keeps_reorder_order_a_tuple():
    back = Schedule.from_json(Schedule(Reorder(("b", "a", "c"))).to_json())
    assert back[0].order == ("b", "a", "c")
    assert isinstance(back[0].order, tuple)
    hash(back)                                            # still hashable


@pytest.mark.parametrize("s", ROUND_TRIP, ids=repr)
def test_repr_evaluates_back(s):
    assert eval(repr(s), dict(PRIMS)) == s


def test_repr_is_python():
    assert repr(Schedule(Split("i", 4), Vectorize("i.i"))) == \
        "Schedule(Split(axis='i', factor=4), Vectorize(axis='i.i'))"


@pytest.mark.parametrize("version", [0, 2, None, "1"])
def test_wrong_json_version_raises(version):
    text = json.dumps({"version": version, "primitives": []})
    with pytest.raises(ValueError, match="version"):
        Schedule.from_json(text)


def test_missing_json_version_raises():
    with pytest.raises(ValueError, match="version"):
        Schedule.from_json(json.dumps({"primitives": []}))


def test_schedules_are_values():
    assert Schedule(Split("i", 4)) == Schedule(Split("i", 4))
    assert hash(Schedule(Split("i", 4))) == hash(Schedule(Split("i", 4)))
    assert Schedule(Split("i", 4)) != Schedule(Split("i", 8))
    with pytest.raises(Exception):
        Split("i", 4).factor = 8                        # frozen


# ---------------------------------------------------------------- default schedule

def test_default_schedule_elementwise_1d():
    c = elementwise_1d()
    s = default_schedule(c)
    assert s == Schedule(Vectorize("i"), Parallel("i"))
    nest = apply(s, c)
    assert loops(nest) == [("i", "p0", False, "vector", 1)]
    assert nest.parallel == "i"


def test_default_schedule_elementwise_2d():
    c = elementwise_2d()
    s = default_schedule(c)
    assert s == Schedule(Vectorize("j"), Parallel("i"))
    nest = apply(s, c)
    assert loops(nest) == [("i", "p0", False, "serial", 1), ("j", "p1", False, "vector", 1)]
    assert nest.parallel == "i"


def test_default_schedule_row_reduction():
    c = row_sum()
    s = default_schedule(c)
    assert s == Schedule(Split("j", REDUCE_BLOCK), Split("j.o", REDUCE_FANOUT),
                         Vectorize("j.i"), Parallel("i"))
    nest = apply(s, c)
    blocks = f"((p1 + {REDUCE_BLOCK - 1}) / {REDUCE_BLOCK})"
    assert loops(nest) == [
        ("i", "p0", False, "serial", 1),
        ("j.o.o", f"(({blocks} + {REDUCE_FANOUT - 1}) / {REDUCE_FANOUT})", True, "serial", 1),
        ("j.o.i", f"min({REDUCE_FANOUT}, ({blocks} - (j.o.o * {REDUCE_FANOUT})))", True,
         "serial", 1),
        ("j.i", f"min({REDUCE_BLOCK}, (p1 - ((((j.o.o * {REDUCE_FANOUT}) + j.o.i)) * "
                f"{REDUCE_BLOCK})))".replace("((((", "(((").replace("j.o.i)) *", "j.o.i) *"),
         True, "vector", 1),
    ]
    assert nest.parallel == "i"


def test_default_schedule_full_reduction():
    c = full_sum()
    s = default_schedule(c)
    assert s == Schedule(Split("i", REDUCE_BLOCK), Split("i.o", REDUCE_FANOUT),
                         Vectorize("i.i"), Parallel("i.o.o"))
    nest = apply(s, c)
    assert [l.name for l in nest.loops] == ["i.o.o", "i.o.i", "i.i"]
    assert all(l.reduce for l in nest.loops)
    assert nest.parallel == "i.o.o"


def test_default_schedule_reduce_axis_outermost():
    # out[j] = sum_i a[i, j]: the reduction axis comes first in the domain
    c = Compute("cols", (F64,), F64, (Axis("i", param(0), reduce=True), Axis("j", param(1))),
                load(0, var("i") * param(1) + var("j"), F64), var("j"), 2, combiner="add")
    s = default_schedule(c)
    assert s == Schedule(Vectorize("j"), Parallel("i"))
    assert loops(apply(s, c)) == [("i", "p0", True, "serial", 1), ("j", "p1", False, "vector", 1)]


def test_default_schedule_widening_row_sum_uses_narrow_lanes():
    f32 = np.dtype("float32")
    c = Compute("rows", (f32,), F64, (Axis("i", param(0)), Axis("j", param(1), reduce=True)),
                cast(load(0, var("i") * param(1) + var("j"), f32), F64), var("i"), 2,
                combiner="add")
    vec = [p for p in default_schedule(c) if isinstance(p, Vectorize)]
    assert vec == [Vectorize("j.i", host_vector_bytes() // 4)]
    assert Schedule.from_json(default_schedule(c).to_json()) == default_schedule(c)
    assert "x" + str(host_vector_bytes() // 4) in to_str_ir(lower(c, default_schedule(c)))


def test_default_schedule_of_a_0d_compute_is_empty():
    c = Compute("scalar", (F64,), F64, (), load(0, const(0), F64), const(0), 0)
    assert default_schedule(c) == Schedule()
    nest = apply(Schedule(), c)
    assert nest.loops == () and nest.parallel is None


@pytest.mark.parametrize("make", [elementwise_1d, elementwise_2d, elementwise_3d, row_sum, full_sum])
def test_default_schedule_round_trips(make):
    s = default_schedule(make())
    assert Schedule.from_json(s.to_json()) == s
    assert eval(repr(s), dict(PRIMS)) == s


# ---------------------------------------------------------------- shifted splits, contractions

def matmul(a_index=None, b_index=None, dtype=F64):
    """out[m, n] = sum_k a[m, k] * b[k, n] (a: p0 x p2, b: p2 x p1)."""
    a_index = var("m") * param(2) + var("k") if a_index is None else a_index
    b_index = var("k") * param(1) + var("n") if b_index is None else b_index
    body = binary("mul", load(0, a_index, dtype), load(1, b_index, dtype))
    return Compute("mm", (dtype, dtype), dtype,
                   (Axis("m", param(0)), Axis("n", param(1)), Axis("k", param(2), reduce=True)),
                   body, var("m") * param(1) + var("n"), 3, combiner="add")


def test_shifted_split():
    nest = apply(Schedule(Split("j", 4, "shift")), elementwise_2d())
    assert loops(nest) == [
        ("i", "p0", False, "serial", 1),
        ("j.o", "((p1 + 3) / 4)", False, "serial", 1),
        ("j.i", "4", False, "serial", 1),
    ]
    assert values(nest)["j"] == "(min((j.o * 4), (p1 - 4)) + j.i)"
    assert [to_str(g) for g in nest.guards] == ["(p1 >= 4)"]


@pytest.mark.parametrize("compute, schedule", [
    (row_sum, Schedule(Split("j", 4, "shift"))),                      # a reduction loop
    (elementwise_2d, Schedule(Split("j", 4), Split("j.i", 2, "shift"))),  # extent set by j.o
    (elementwise_2d, Schedule(Split("j", 0, "shift"))),
    (elementwise_2d, Schedule(Split("j", 4, "sideways")))], ids=str)
def test_invalid_shifted_splits_raise(compute, schedule):
    with pytest.raises(ValueError):
        apply(schedule, compute())


def test_unshifted_and_repr():
    s = Schedule(Split("i", 4, "shift"), Split("j", 2))
    assert repr(s) == "Schedule(Split(axis='i', factor=4, tail='shift'), Split(axis='j', factor=2))"
    assert unshifted(s) == Schedule(Split("i", 4), Split("j", 2))
    assert Schedule.from_json(s.to_json()) == s


def test_contraction_gets_a_register_tile():
    """4 rows unrolled by 2 registers of SIMD lanes, whatever the register
    width; blocks of 64 row tiles outermost, with the column panels across threads."""
    s = default_schedule(matmul(), vector_bytes=32)
    assert s == Schedule(Split("m", 4, "shift"), Split("n", 8, "shift"), Split("m.o", 64),
                         Reorder(("m.o.o", "n.o", "m.o.i", "k", "m.i", "n.i")),
                         Fuse("m.o.o", "n.o"), Unroll("m.i", 4), Vectorize("n.i", 4),
                         Parallel("m.o.o.n.o"))
    assert Schedule.from_json(s.to_json()) == s
    f32 = matmul(dtype=np.dtype("float32"))
    assert default_schedule(f32, vector_bytes=32)[1::5] == (Split("n", 16, "shift"),
                                                            Vectorize("n.i", 8))
    assert default_schedule(f32, vector_bytes=64)[1::5] == (Split("n", 32, "shift"),
                                                            Vectorize("n.i", 16))


@pytest.mark.parametrize("schedule", [
    Schedule(Split("m", 4, "shift"), Reorder(("n", "m.o", "k", "m.i")), Unroll("m.i", 2)),
    Schedule(Split("m", 4, "shift"), Split("n", 8), Reorder(("m.o", "n.o", "k", "m.i", "n.i")),
             Unroll("m.i", 4), Vectorize("n.i")),                     # n.i's extent varies
    Schedule(Split("m", 2, "shift"), Split("n", 2, "shift"),
             Reorder(("m.o", "n.o", "k", "m.i", "n.i")), Vectorize("m.i"), Vectorize("n.i")),
    Schedule(Split("m", 64, "shift"), Split("n", 16, "shift"),
             Reorder(("m.o", "n.o", "k", "m.i", "n.i")), Unroll("m.i", 64), Vectorize("n.i")),
    Schedule(Unroll("m", 0)), Schedule(Vectorize("n", -1))], ids=str)
def test_register_tile_factors_that_cannot_work_raise(schedule):
    """What a tuner may vary: factors that give no register tile for a shifted
    split, or no loop at all, are rejected by ``apply``."""
    with pytest.raises(ValueError):
        apply(schedule, matmul())


@pytest.mark.parametrize("a_index, b_index, tiled", [
    (var("k") * param(0) + var("m"), None, True),               # a^T: still free of n
    (None, var("n") * param(2) + var("k"), False),              # b^T: not contiguous along n
    (var("m") * param(2) + var("n"), None, False),              # no operand free of n with k
], ids=["a.T", "b.T", "no-A"])
def test_contraction_detection(a_index, b_index, tiled):
    s = default_schedule(matmul(a_index, b_index), vector_bytes=32)
    assert any(isinstance(p, Split) and p.tail == "shift" for p in s) == tiled


def test_non_contractions_keep_the_plain_schedule():
    for compute in (row_sum(), full_sum(), elementwise_2d()):
        assert not any(isinstance(p, Split) and p.tail == "shift"
                       for p in default_schedule(compute, vector_bytes=32))


def test_contraction_rows_need_not_be_next_to_columns():
    """``out[m, p, j] = sum_k a[m, k] * bp[p, k, j]`` (b packed in panels): the
    rows are ``m``, ``p`` is a batch axis."""
    a = load(0, var("m") * param(3) + var("k"), F64)
    bp = load(1, (var("p") * param(3) + var("k")) * param(2) + var("j"), F64)
    c = Compute("packed", (F64, F64), F64,
                (Axis("m", param(0)), Axis("p", param(1)), Axis("j", param(2)),
                 Axis("k", param(3), reduce=True)),
                binary("mul", a, bp), (var("m") * param(1) + var("p")) * param(2) + var("j"), 4,
                combiner="add")
    s = default_schedule(c, vector_bytes=32)
    assert s[3:5] == (Reorder(("m.o.o", "p", "j.o", "m.o.i", "k", "m.i", "j.i")),
                      Fuse("m.o.o", "p")) and s[-1] == Parallel("m.o.o.p")
