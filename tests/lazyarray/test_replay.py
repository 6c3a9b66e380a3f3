"""Replayed evaluation plans (lazyarray.replay): a graph evaluated again with
the same structure reruns the recorded kernels on the new data, and gives
the values a fresh evaluation would."""
import numpy as onp
import pytest

import lazyarray as la

from la_testing import assert_same


def _step(xp, x, y, scale):
    z = xp.abs(x) * scale + y[::-1]
    return z - z.sum()


def _ints(rng, n):
    """Small whole numbers as floats: every sum is exact in any order."""
    return rng.integers(-50, 50, n).astype(onp.float64)


def test_same_structure_replays_with_new_data_and_constants(compiled, rng):
    first = [_ints(rng, 50) for _ in range(2)]
    again = [_ints(rng, 50) for _ in range(2)]
    assert_same(_step(la, *map(la.asarray, first), 2.0), _step(onp, *first, 2.0))
    la.stats(reset=True)
    got = _step(la, *map(la.asarray, again), 3.0)   # other data, another constant
    assert_same(got, _step(onp, *again, 3.0))
    s = la.stats()
    assert s["plan_replays"] == 1 and s["evaluations"] == 1
    assert s["kernels_launched"] >= 2 and s["compiles"] == 0


def test_new_sizes_are_planned_anew_without_compiling(compiled, rng):
    a, b = _ints(rng, 40), _ints(rng, 40)
    _step(la, la.asarray(a), la.asarray(b), 2.0).evaluate()
    la.stats(reset=True)
    c, d = _ints(rng, 70), _ints(rng, 70)
    assert_same(_step(la, la.asarray(c), la.asarray(d), 2.0), _step(onp, c, d, 2.0))
    s = la.stats()
    assert s["plan_replays"] == 0 and s["compiles"] == 0


def test_replayed_gather_still_checks_its_indices(compiled):
    x = la.asarray(onp.arange(10.0))
    for index in ([1, 2, 3], [4, 5, 6]):
        assert_same((x * 2.0)[la.asarray(onp.array(index)) + 0], onp.arange(10.0)[index] * 2)
    with pytest.raises(IndexError):
        ((x * 2.0)[la.asarray(onp.array([1, 2, 30])) + 0]).evaluate()


def test_a_loop_replays_each_iteration_after_the_first(compiled, rng):
    """The Jacobi-style loop: values equal NumPy's, and after the first
    iterations every evaluation is a replay with the same kernels."""
    start = _ints(rng, (12, 12))
    results, launches = [], []
    for xp in (onp, la):
        u = xp.asarray(start.copy())
        la.stats(reset=True)
        for _ in range(6):
            new = u.copy()
            new[1:-1, 1:-1] = 0.5 * (u[:-2, 1:-1] + u[2:, 1:-1] + u[1:-1, :-2] + u[1:-1, 2:])
            u = new
            float(u.sum())   # one read per iteration
            launches.append(la.stats()["kernels_launched"])
        results.append(u)
    assert_same(results[1], results[0])
    s = la.stats()
    assert s["plan_replays"] >= 4
    per_iteration = onp.diff(launches[6:])
    assert len(set(per_iteration[1:].tolist())) == 1
