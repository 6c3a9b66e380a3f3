"""Whole-array comparisons (``lazyarray/ops/closeness.py``): isclose, allclose,
array_equal, array_equiv."""
import numpy as onp
import pytest
from hypothesis import given, settings, strategies as st

import lazyarray as la
from la_testing import BROADCAST_PAIRS, DTYPES, FLOAT_DTYPES, assert_same, data

BIG = (200, 201)


def _near(x, rng):
    """``x`` nudged by relative amounts around isclose's default tolerances."""
    if x.dtype.kind != "f":
        return x
    scale = rng.choice([0.0, 1e-9, 1e-6, 1e-5, 2e-5, 1e-3], size=x.shape)
    return (x * (1 + scale)).astype(x.dtype)


@pytest.mark.parametrize("dtype, equal_nan", [(d, False) for d in DTYPES] +
                         [(d, True) for d in FLOAT_DTYPES], ids=str)
def test_isclose_dtypes(mode, dtype, equal_nan, rng):
    for shape in [(), (0,), (3, 4), BIG]:
        a = data(dtype, shape, rng)
        b = _near(a, rng)
        for x, y in [(a, b), (b, a)]:
            want = onp.isclose(x, y, equal_nan=equal_nan)
            assert_same(la.isclose(x, y, equal_nan=equal_nan), want)
            assert la.allclose(x, y, equal_nan=equal_nan) is onp.allclose(x, y, equal_nan=equal_nan)
        assert_same(la.isclose(la.asarray(a) + 0, la.asarray(a), equal_nan=equal_nan),
                    onp.isclose(a + 0, a, equal_nan=equal_nan))


@pytest.mark.parametrize("a_dtype, b_dtype", [("int8", "int64"), ("uint64", "float32"),
                                              ("float32", "float64"), ("bool", "uint8"),
                                              ("float64", "int16"), ("uint64", "int64")], ids=str)
def test_isclose_mixed_dtypes_and_tolerances(mode, a_dtype, b_dtype, rng):
    a = data(a_dtype, (5, 6), rng, special=False)
    b = data(b_dtype, (5, 6), rng, special=False)
    b[::2] = a[::2].astype(b_dtype) if a_dtype != "bool" else b[::2]
    for kw in ({}, {"rtol": 0.5, "atol": 3}, {"rtol": onp.float32(0.1)}, {"atol": onp.arange(6.0)}):
        assert_same(la.isclose(a, b, **kw), onp.isclose(a, b, **kw))
        assert la.allclose(a, b, **kw) is onp.allclose(a, b, **kw)


@pytest.mark.parametrize("shapes", BROADCAST_PAIRS, ids=str)
def test_isclose_broadcasting(mode, shapes, rng):
    a, b = data("float64", shapes[0], rng), data("float64", shapes[1], rng)
    assert_same(la.isclose(a, b), onp.isclose(a, b))
    assert la.allclose(a, b) is onp.allclose(a, b)


@pytest.mark.parametrize("a, b", [(1, 1.000001), (1.0, 2), (onp.inf, onp.inf), (onp.nan, onp.nan),
                                  (3, 3), (True, 1), (onp.float32(1), 1.0000001), (0.0, -0.0)],
                         ids=str)
def test_isclose_scalars(mode, a, b):
    for en in (False, True):
        assert_same(la.isclose(a, b, equal_nan=en), onp.asarray(onp.isclose(a, b, equal_nan=en)))
        assert la.allclose(a, b, equal_nan=en) is onp.allclose(a, b, equal_nan=en)


def test_isclose_errors(mode):
    with pytest.raises(ValueError):
        la.isclose(onp.ones(3), onp.ones(4))
    with pytest.raises(ValueError):
        la.allclose(onp.ones(3), onp.ones(4))


@settings(max_examples=40, deadline=None, derandomize=True, database=None)
@given(st.lists(st.sampled_from([0.0, -0.0, 1.0, 1.00001, 1.000001, onp.nan, onp.inf, -onp.inf,
                                 1e-8, 2e-8, -1e-300, 1e300]), min_size=2, max_size=12),
       st.booleans())
def test_isclose_hypothesis(values, equal_nan):
    x = onp.array(values)
    y = x[::-1].copy()
    with la.config(eager_threshold=0):
        assert_same(la.isclose(x, y, equal_nan=equal_nan), onp.isclose(x, y, equal_nan=equal_nan))


@pytest.mark.parametrize("dtype", DTYPES, ids=str)
def test_array_equal(mode, dtype, rng):
    for shape in [(), (0,), (5,), (3, 4), BIG]:
        a = data(dtype, shape, rng)
        b = a.copy()
        c = a.copy()
        flat = c.reshape(-1)
        flat[-1:] = ~flat[-1:] if dtype.kind == "b" else flat[-1:] + 1   # one element differs
        for x, y in [(a, b), (a, c), (a, a[None]), (la.asarray(a), b)]:
            for en in (False, True):
                assert la.array_equal(x, y, equal_nan=en) is onp.array_equal(
                    onp.asarray(x), y, equal_nan=en)


@pytest.mark.parametrize("dtype", FLOAT_DTYPES, ids=str)
def test_array_equal_nan(mode, dtype):
    a = onp.array([1.0, onp.nan, 3.0], dtype)
    for b in (onp.array([1.0, onp.nan, 3.0], dtype), onp.array([onp.nan, 1.0, 3.0], dtype),
              onp.array([1.0, 2.0, 3.0]), [1, 2, 3]):
        for en in (False, True):
            assert la.array_equal(a, b, equal_nan=en) is onp.array_equal(a, b, equal_nan=en)
            assert la.array_equal(la.asarray(a) * 1, b, equal_nan=en) is onp.array_equal(a, b, equal_nan=en)


def test_array_equal_odd_inputs(mode):
    assert la.array_equal([1, 2], [1, 2]) is True
    assert la.array_equal([1, 2], [1, 2, 3]) is False
    assert la.array_equal(3, 3.0) is True
    assert la.array_equal([[1, 2], [3]], [1, 2]) is onp.array_equal([[1, 2], [3]], [1, 2])


@pytest.mark.parametrize("a, b", [([1, 2], [[1, 2], [1, 2]]), ([1, 2], [[1, 2], [1, 3]]),
                                  ([1, 2], [1, 2, 3]), (3, [3, 3]), ([], [[]]), ([1.0], 1),
                                  (onp.nan, onp.nan)], ids=str)
def test_array_equiv(mode, a, b):
    assert la.array_equiv(a, b) is onp.array_equiv(a, b)
    assert la.array_equiv(la.asarray(onp.asarray(a)), b) is onp.array_equiv(a, b)


def test_allclose_fuses_into_one_kernel(compiled, rng):
    a = data("float64", BIG, rng, special=False)
    la.stats(reset=True)
    assert la.allclose(la.asarray(a) * 2, a + a) is True
    assert la.stats()["kernels_launched"] == 1
