"""concatenate, stack, hstack, vstack, dstack, column_stack against NumPy."""
import numpy as onp
import pytest

import lazyarray as la
from la_testing import assert_same, data

CASES = [
    ([(2, 3), (4, 3)], 0), ([(2, 3), (2, 1), (2, 5)], 1), ([(2, 3), (2, 3)], -1),
    ([(5,), (0,), (3,)], 0), ([(2, 3, 4), (2, 1, 4)], 1), ([(2, 3), (3, 2)], None),
    ([(1, 4)] * 7, 0),
]


@pytest.mark.parametrize("shapes, axis", CASES, ids=str)
@pytest.mark.parametrize("dtype", ["float64", "int16", "bool"])
def test_concatenate(mode, shapes, axis, dtype, rng):
    xs = [data(dtype, s, rng) for s in shapes]
    assert_same(la.concatenate([la.asarray(x) for x in xs], axis=axis),
                onp.concatenate(xs, axis=axis))


def test_concatenate_promotes_and_fuses(compiled, rng):
    a = rng.standard_normal((300, 40)).astype("float32")
    b = rng.integers(0, 9, (200, 40)).astype("int32")
    la.stats(reset=True)
    got = la.concatenate([la.asarray(a) * 2, la.asarray(b) + 1]) - 0.5
    assert_same(got, onp.concatenate([a * 2, b + 1]) - 0.5)
    assert la.stats()["kernels_launched"] == 1


@pytest.mark.parametrize("axis", [0, 1, -1])
def test_stack(mode, axis, rng):
    xs = [data("int32", (3, 4), rng) for _ in range(3)]
    assert_same(la.stack([la.asarray(x) for x in xs], axis=axis), onp.stack(xs, axis=axis))


@pytest.mark.parametrize("fn", ["hstack", "vstack", "dstack", "column_stack"])
@pytest.mark.parametrize("shape", [(4,), (2, 4), (2, 4, 3)], ids=str)
def test_stacking_helpers(mode, fn, shape, rng):
    if fn == "column_stack" and len(shape) == 3:
        shape = (2, 4)
    xs = [data("float64", shape, rng) for _ in range(2)]
    assert_same(getattr(la, fn)([la.asarray(x) for x in xs]), getattr(onp, fn)(xs))


def test_joining_errors_at_the_call():
    a, b = la.asarray(onp.ones((2, 3))), la.asarray(onp.ones((3, 2)))
    with pytest.raises(ValueError):
        la.concatenate([a, b])
    with pytest.raises(ValueError):
        la.concatenate([a, la.asarray(onp.ones(3))])
    with pytest.raises(onp.exceptions.AxisError):
        la.concatenate([a, a], axis=2)
    with pytest.raises(ValueError):
        la.stack([a, b])
    with pytest.raises(ValueError):
        la.concatenate([])
