"""insert, delete, append (``ops/editing.py``) against NumPy."""
import numpy as onp
import pytest

import lazyarray as la
from la_testing import check_call, check_raises, data

def check_outcome(call, n):
    """The same result as NumPy, or the same exception type."""
    try:
        call(onp, n)
    except (ValueError, IndexError):
        check_raises(call, n)
    else:
        check_call(call, n)


OBJS = [-1, slice(None, None, 2), slice(3, 0, -1), [2, 0, 2], onp.array([1]),
        onp.array([True, False, True, False]), []]


@pytest.mark.parametrize("axis", [None, 0, -1])
@pytest.mark.parametrize("obj", OBJS, ids=repr)
def test_delete(mode, obj, axis, rng):
    n = data("float64", (4, 4), rng)
    check_outcome(lambda m, a: m.delete(a, obj, axis), n)
    check_outcome(lambda m, a: m.delete(a[::-1, 1:], obj, axis) if axis is not None else
                  m.delete(a[::-1], obj), n)


@pytest.mark.parametrize("axis", [None, 1])
@pytest.mark.parametrize("values", [7, [1.5, -2.5, 3.5, 4.5], [[1], [2], [3], [4]]], ids=str)
@pytest.mark.parametrize("obj", [1, 4, [1], slice(0, 2), [0, 3, 3]], ids=repr)
def test_insert(mode, obj, values, axis, rng):
    check_outcome(lambda m, a: m.insert(a, obj, values, axis), data("int32", (4, 4), rng))


def test_insert_lazy_values_and_scattered_indices(mode, rng):
    n, v = data("float32", (50, 3), rng), data("float64", (3,), rng)
    check_call(lambda m, a, b: m.insert(a, 7, b * 2, axis=0), n, v)
    where = onp.arange(0, 50, 3)        # scattered: more runs than a kernel takes
    check_call(lambda m, a, b: m.insert(a, where, b[0], axis=0), n, v)
    check_call(lambda m, a: m.delete(a, where, axis=0), n)


@pytest.mark.parametrize("shapes,axis", [(((2, 3), (3,)), None), (((2, 3), (1, 3)), 0),
                                         (((2, 3), (2, 2)), 1), (((0,), ()), None)], ids=str)
def test_append(mode, shapes, axis, rng):
    a, b = (data("int64", s, rng) for s in shapes)
    check_call(lambda m, x, y: m.append(x, y, axis), a, b)


@pytest.mark.parametrize("call", [
    lambda m, a: m.delete(a, 16), lambda m, a: m.delete(a, 4, axis=1),
    lambda m, a: m.delete(a, 0, axis=2), lambda m, a: m.delete(a, onp.array([True]), axis=0),
    lambda m, a: m.delete(a, 1.5), lambda m, a: m.insert(a, 5, 1, axis=0),
    lambda m, a: m.insert(a, [[1]], 1, axis=0), lambda m, a: m.insert(a, 1, [1, 2], axis=0),
    lambda m, a: m.append(a, [1, 2], axis=0),
], ids=range(9))
def test_errors_at_the_call(call):
    check_raises(call, onp.zeros((4, 4)))
