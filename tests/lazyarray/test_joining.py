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


@pytest.mark.parametrize("layout", [
    lambda a, b, c: [[a, b], [c]], lambda a, b, c: [a[0], a[1]], lambda a, b, c: a,
    lambda a, b, c: [[[a]], [[a]]], lambda a, b, c: [1, 2, 3], lambda a, b, c: [[1, 2], [3, 4]],
    lambda a, b, c: [[a, a[:, ::-1]], [b[:, :2], b[:, 1:].T[:2].T]],
], ids=range(7))
def test_block(mode, layout, rng):
    a, b = data("float64", (2, 2), rng), data("int32", (2, 3), rng)
    c = data("float32", (1, 5), rng)
    got = la.block(layout(la.asarray(a), la.asarray(b), la.asarray(c)))
    assert_same(got, onp.block(layout(a, b, c)))


@pytest.mark.parametrize("arrays", [
    [[1, 2], [3]], [[onp.ones(2)], onp.ones(2)], ([1],), [[]], [], [(1, 2)],
], ids=range(6))
def test_block_errors_at_the_call(arrays):
    with pytest.raises(Exception) as want:
        onp.block(arrays)
    with pytest.raises(type(want.value), match=str(want.value)[:20].replace("(", r"\(")
                       .replace("[", r"\[")):
        la.block(arrays)
