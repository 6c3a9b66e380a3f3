"""matmul, dot, vdot, inner, outer against NumPy."""
import numpy as onp
import pytest

import lazyarray as la
from la_testing import assert_same, data

SHAPES = [((3, 4), (4, 5)), ((4,), (4, 5)), ((3, 4), (4,)), ((4,), (4,)), ((2, 3, 4), (4, 5)),
          ((2, 1, 3, 4), (5, 4, 2)), ((1, 3, 4), (2, 4, 6)), ((0, 4), (4, 3)), ((3, 0), (0, 2))]


@pytest.mark.parametrize("sa, sb", SHAPES, ids=str)
@pytest.mark.parametrize("dtype", ["float64", "float32", "int32", "int8", "uint16", "bool"])
def test_matmul(mode, sa, sb, dtype, rng):
    if dtype == "bool":
        a, b = rng.random(sa) > 0.5, rng.random(sb) > 0.6
    elif dtype.startswith("float"):
        a, b = rng.standard_normal(sa).astype(dtype), rng.standard_normal(sb).astype(dtype)
    else:
        a, b = data(dtype, sa, rng, special=False, low=0, high=9), data(dtype, sb, rng, special=False, low=0, high=9)
    expected = a @ b
    actual = la.asarray(a) @ la.asarray(b)
    if dtype.startswith("float"):
        assert actual.shape == expected.shape and actual.dtype == expected.dtype
        onp.testing.assert_allclose(onp.asarray(actual), expected, rtol=1e-5, atol=1e-5)
    else:
        assert_same(actual, expected)


def test_matmul_mixed_dtypes_and_fusion(mode, rng):
    a = rng.standard_normal((6, 7)).astype("float32")
    b = rng.integers(-3, 3, (7, 5)).astype("int16")
    la_a, la_b = la.asarray(a), la.asarray(b)
    expected = (2 * a + 1) @ (b * 3) - 1
    actual = (2 * la_a + 1) @ (la_b * 3) - 1
    assert actual.dtype == expected.dtype
    onp.testing.assert_allclose(onp.asarray(actual), expected, rtol=1e-5)


def test_matmul_errors_at_the_call():
    with pytest.raises(ValueError):
        la.asarray(onp.ones((3, 4))) @ la.asarray(onp.ones((5, 2)))
    with pytest.raises(ValueError):
        la.matmul(la.asarray(onp.ones(3)), la.asarray(2.0))


def test_matmul_large_uses_compiled_kernel(compiled, rng):
    a, b = rng.standard_normal((200, 300)), rng.standard_normal((300, 100))
    la.stats(reset=True)
    actual = onp.asarray(la.asarray(a) @ la.asarray(b))
    onp.testing.assert_allclose(actual, a @ b, rtol=1e-10)
    assert la.stats()["kernels_launched"] == 1


def test_dot_inner_outer_vdot(mode, rng):
    a, b = rng.standard_normal((3, 4)), rng.standard_normal((4, 2))
    u, v = rng.standard_normal(4), rng.standard_normal(4)
    c = rng.standard_normal((5, 4))
    onp.testing.assert_allclose(onp.asarray(la.dot(la.asarray(a), la.asarray(b))), onp.dot(a, b))
    onp.testing.assert_allclose(onp.asarray(la.asarray(a).dot(la.asarray(b))), a.dot(b))
    onp.testing.assert_allclose(onp.asarray(la.dot(la.asarray(u), la.asarray(v))), onp.dot(u, v))
    assert_same(la.dot(la.asarray(u), 2.0), onp.dot(u, 2.0))
    onp.testing.assert_allclose(onp.asarray(la.inner(la.asarray(a), la.asarray(c))), onp.inner(a, c))
    onp.testing.assert_allclose(onp.asarray(la.inner(la.asarray(u), la.asarray(v))), onp.inner(u, v))
    assert_same(la.outer(la.asarray(u), la.asarray(a)), onp.outer(u, a))
    onp.testing.assert_allclose(onp.asarray(la.vdot(la.asarray(a), la.asarray(a))), onp.vdot(a, a))
    with pytest.raises(ValueError):
        la.dot(la.asarray(a), la.asarray(a))
