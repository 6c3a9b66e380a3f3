"""Opaque library calls (``lazyarray/library.py``): ``call``, ``function``,
``computable`` and the wrapping of NumPy's results."""
import inspect

import numpy as onp
import pytest

import lazyarray as la
from lazyarray import library
from la_testing import assert_same


def test_call_evaluates_inputs_and_counts(mode):
    la.stats(reset=True)
    x = la.asarray(onp.arange(5.0)) * 2.0
    assert_same(library.call("cumsum", onp.cumsum, x), onp.cumsum(onp.arange(5.0) * 2.0))
    assert la.stats()["library_calls"] == {"cumsum": 1}


def test_scalar_results_are_0d_arrays():
    got = library.call("det", onp.linalg.det, onp.eye(2) * 3.0)
    assert isinstance(got, la.ndarray) and got.shape == () and got.ndim == 0
    assert_same(got, onp.linalg.det(onp.eye(2) * 3.0))


def test_results_that_alias_a_numpy_input_are_copied():
    bins = onp.array([0.0, 1.0, 2.0])
    edges = library.call("histogram_bin_edges", onp.histogram_bin_edges, onp.arange(3.0), bins)
    bins[0] = 7.0
    assert_same(edges, onp.array([0.0, 1.0, 2.0]))
    same = library.call("identity", lambda a: a, bins)
    bins[1] = 8.0
    assert_same(same, onp.array([7.0, 1.0, 2.0]))


def test_function_has_numpys_signature_and_a_docstring():
    fn = library.function("sort", onp.sort)
    assert inspect.signature(fn) == inspect.signature(onp.sort)
    assert fn.__name__ == "sort" and "numpy.sort" in fn.__doc__
    assert_same(fn(la.asarray([3, 1, 2])), onp.array([1, 2, 3]))


def test_function_out_writes_into_a_lazy_array_and_its_base():
    fn = library.function("fft.fft", onp.fft.fft)
    base = fn(la.asarray(onp.zeros((2, 4))))
    row = base[1]
    assert fn(onp.ones(4), out=row) is row
    assert_same(base, onp.array([[0j] * 4, [4, 0, 0, 0]], complex))
    positional = fn(la.asarray(onp.zeros(4)))
    assert fn(onp.arange(4.0), None, -1, None, positional) is positional
    assert_same(positional, onp.fft.fft(onp.arange(4.0)))


def test_function_out_errors():
    fn = library.function("fft.fft", onp.fft.fft)
    with pytest.raises(TypeError, match="lazyarray.ndarray"):
        fn(onp.ones(4), out=onp.zeros(4, complex))
    read_only = la.broadcast_to(fn(la.asarray(onp.zeros(4))), (2, 4))
    with pytest.raises(ValueError, match="read-only"):
        fn(onp.ones((2, 4)), out=read_only)


@pytest.mark.parametrize("value, expected", [
    (onp.zeros(3), True), ([1, 2], True), (2.5, True), (onp.zeros(2, complex), True),
    (onp.zeros(2, onp.float16), True), (onp.zeros(2, onp.longdouble), False)])
def test_computable(value, expected):
    assert library.computable(value) is expected
    assert library.computable(la.asarray(onp.ones(2)), value) is expected
