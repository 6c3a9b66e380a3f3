"""codegen.tune.space: knobs read off the default schedule; every schedule it
yields applies and forms a loop nest.  Nothing here compiles."""
import random

import numpy as np
import pytest

from codegen import Compute, Parallel, Reorder, Schedule, Split, Unroll, Vectorize, default_schedule
from codegen.expr import const, load
from codegen.lower import loop_nest
from codegen.schedule import apply
from codegen.tune import Space

from tune_testing import column_sums, cumsum_rows, elementwise, matmul, row_sums

COMPUTES = [elementwise, row_sums, column_sums, matmul, cumsum_rows]


@pytest.mark.parametrize("make", COMPUTES, ids=lambda f: f.__name__)
def test_every_schedule_of_the_space_applies(make):
    compute = make()
    space = Space(compute)
    schedules = space.schedules(limit=40, rng=random.Random(3))
    assert len(schedules) > 1
    for s in schedules:
        apply(s, compute)
        loop_nest(compute, s)
    assert len({s.to_json() for s in schedules}) == len(schedules)


@pytest.mark.parametrize("make", COMPUTES, ids=lambda f: f.__name__)
def test_the_default_point_is_the_default_schedule(make):
    compute = make()
    space = Space(compute)
    chosen = space.schedule(space.default_point())
    assert apply(chosen, compute) == apply(default_schedule(compute), compute)


def test_knobs_follow_the_primitives_of_the_default():
    compute = elementwise()
    default = Schedule(Split("i", 64), Split("i.i", 8), Unroll("i.i.i", 8), Vectorize("i.o", 4),
                       Unroll("i.i.o", 2), Parallel("i.o"))
    space = Space(compute, default)
    names = {k.name: k.choices for k in space.knobs}
    assert names["split i"][0] == 64 and {16, 32, 128, 256} <= set(names["split i"])
    assert names["split i.i"][0] == 8
    assert "unroll i.i.i" not in names          # a register tile: follows its split
    assert names["unroll i.i.o"][0] == 2
    assert names["vectorize i.o"][0] == 4 and 0 in names["vectorize i.o"]
    assert names["parallel"] == (True, False)
    point = dict(zip([k.name for k in space.knobs], space.default_point()))
    point["split i.i"] = 4
    s = space.schedule(tuple(point.values()))
    assert Split("i.i", 4) in s and Unroll("i.i.i", 4) in s


def test_a_reduction_block_grows_at_most_twice():
    space = Space(row_sums())
    splits = [k for k in space.knobs if k.name.startswith("split")]
    assert splits
    for knob in splits:
        assert max(knob.choices) <= 2 * knob.choices[0]


def test_invalid_points_are_none():
    compute = elementwise()
    space = Space(compute, Schedule(Split("i", 8), Vectorize("i.i")))
    names = [k.name for k in space.knobs]
    point = list(space.default_point())
    point[names.index("order")] = ("i.i", "i.o")       # the inner extent depends on i.o
    assert space.schedule(tuple(point)) is None
    point[names.index("order")] = ("i.o", "i.i")
    assert space.schedule(tuple(point)) is not None


def test_neighbours_change_one_knob():
    space = Space(matmul())
    origin = space.default_point()
    neighbours = space.neighbours(origin)
    assert len(neighbours) == sum(len(k.choices) - 1 for k in space.knobs)
    for p in neighbours:
        assert sum(a != b for a, b in zip(p, origin)) == 1


def test_a_compute_without_loops_has_no_knobs():
    c = Compute("scalar", (np.dtype("float32"),), np.dtype("float32"), (),
                load(0, const(0), np.dtype("float32")), const(0), 0)
    space = Space(c)
    assert space.knobs == () and space.schedules() == [Schedule()]


def test_orders_of_a_short_nest_are_all_permutations():
    space = Space(column_sums())
    order = next(k for k in space.knobs if k.name == "order")
    assert len(order.choices) == 2
    reorders = [s for s in space.schedules() if any(isinstance(p, Reorder) for p in s)]
    assert reorders
