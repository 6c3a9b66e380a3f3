"""Metadata questions (``lazyarray/ops/introspection.py``): isscalar, ndim, shape,
size; none of them computes a lazy array."""
import numpy as onp
import pytest

import lazyarray as la
from la_testing import data


@pytest.mark.parametrize("obj", [3, 2.5, True, 1j, "s", b"b", onp.float32(1), onp.int64(2),
                                 onp.array(3), [1], (1,), None, onp.ones(2)], ids=repr)
def test_isscalar(mode, obj):
    assert la.isscalar(obj) is onp.isscalar(obj)


def test_lazy_arrays_are_not_scalars(mode):
    assert la.isscalar(la.asarray(3.0)) is False
    assert la.isscalar(la.asarray([1, 2]).sum()) is False


@pytest.mark.parametrize("shape", [(), (0,), (3,), (2, 3, 4), (1, 0, 2)], ids=str)
def test_ndim_shape_size_without_evaluation(compiled, shape, rng):
    x = data("int16", shape, rng)
    lazy = la.asarray(x) * 3
    before = la.stats()["evaluations"]
    assert la.ndim(lazy) == onp.ndim(x)
    assert la.shape(lazy) == onp.shape(x)
    assert la.size(lazy) == onp.size(x)
    for axis in range(-len(shape), len(shape)):
        assert la.size(lazy, axis) == onp.size(x, axis)
    if len(shape) > 1:
        assert la.size(lazy, (0, -1)) == onp.size(x, (0, -1))
    assert la.stats()["evaluations"] == before
    assert lazy._node.pending or not x.size


@pytest.mark.parametrize("obj", [[1, 2, 3], [[1], [2]], 5, (), [[]], onp.zeros((2, 5))], ids=repr)
def test_ndim_shape_size_of_other_objects(mode, obj):
    assert la.ndim(obj) == onp.ndim(obj)
    assert la.shape(obj) == onp.shape(obj)
    assert la.size(obj) == onp.size(obj)


def test_size_bad_axis(mode):
    x = la.zeros((2, 3))
    for axis in (2, -3):
        with pytest.raises(onp.exceptions.AxisError):
            onp.size(onp.zeros((2, 3)), axis)
        with pytest.raises(onp.exceptions.AxisError):
            la.size(x, axis)
