"""tile, repeat, roll, resize (``ops/tiling.py``) against NumPy."""
import numpy as onp
import pytest

import lazyarray as la
from la_testing import assert_same, check_call, check_raises, data

@pytest.mark.parametrize("reps", [2, 0, (1, 3, 2), (2, 2, 1, 1)], ids=str)
@pytest.mark.parametrize("shape", [(), (0,), (5,), (2, 1, 3)], ids=str)
def test_tile(mode, shape, reps, rng):
    check_call(lambda m, a: m.tile(a, reps), data("int16", shape, rng))


def test_tile_of_a_reversed_view_is_a_copy(mode, rng):
    n = data("float32", (3, 4), rng)
    x = la.asarray(n)
    got = la.tile(x[::-1, 1:], (2, 3))
    assert_same(got, onp.tile(n[::-1, 1:], (2, 3)))
    assert got.base is None


@pytest.mark.parametrize("repeats,axis", [(3, None), (2, 0), (0, 1), (1, -1), ([2], 0),
                                           ([1, 0, 3], 0), ([2, 2, 2, 2], 1),
                                           (onp.arange(12) % 3, None)], ids=str)
@pytest.mark.parametrize("dtype", ["float64", "bool"])
def test_repeat(mode, repeats, axis, dtype, rng):
    n = data(dtype, (3, 4), rng)
    check_call(lambda m, a: m.repeat(a, repeats, axis), n)
    check_call(lambda m, a: m.repeat(a[:, ::-1], repeats, axis), n)
    assert_same(la.asarray(n).repeat(repeats, axis), n.repeat(repeats, axis))


def test_irregular_repeat_counts_are_a_library_call(compiled, rng):
    n = data("int32", (100,), rng)
    counts = rng.integers(0, 4, 100)
    la.stats(reset=True)
    check_call(lambda m, a: m.repeat(a * 2, counts), n)
    assert la.stats()["library_calls"] == {"repeat": 1}
    assert la.stats()["fallbacks"] == {}


@pytest.mark.parametrize("shift,axis", [(1, None), (-7, None), (2, 0), (5, 1), (-1, -1),
                                         ((1, 2), (0, 1)), ((1, 1), (1, 1)), (3, (0, 1)),
                                         (0, 0), (12, None)], ids=str)
def test_roll(mode, shift, axis, rng):
    n = data("float64", (3, 4), rng)
    check_call(lambda m, a: m.roll(a, shift, axis), n)
    check_call(lambda m, a: m.roll(a.T[::-1], shift, axis), n)


@pytest.mark.parametrize("shape", [(), (0,), (4,)], ids=str)
def test_roll_edge_shapes(mode, shape, rng):
    check_call(lambda m, a: m.roll(a, 3), data("int8", shape, rng))


@pytest.mark.parametrize("new_shape", [7, (2, 5), (3, 4), (1,), (0,), (2, 0), (5, 9)], ids=str)
@pytest.mark.parametrize("shape", [(3, 4), (0,), (5,)], ids=str)
def test_resize_function(mode, shape, new_shape, rng):
    check_call(lambda m, a: m.resize(a, new_shape), data("int64", shape, rng))


@pytest.mark.parametrize("call", [
    lambda m, a: m.tile(a, -1), lambda m, a: m.tile(a, 1.5),
    lambda m, a: m.repeat(a, -1), lambda m, a: m.repeat(a, [1, 2], axis=0),
    lambda m, a: m.repeat(a, [1, -1, 1], axis=0), lambda m, a: m.repeat(a, 2, axis=2),
    lambda m, a: m.roll(a, 1, 2), lambda m, a: m.roll(a, (1, 2, 3), (0, 1)),
    lambda m, a: m.roll(a, [[1]], [[0]]), lambda m, a: m.resize(a, (-1, 2)),
], ids=range(10))
def test_errors_at_the_call(call):
    check_raises(call, onp.zeros((3, 4)))
