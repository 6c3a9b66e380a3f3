"""matmul, dot, vdot, inner, outer, tensordot, vecdot, matvec, vecmat, kron,
cross against NumPy (einsum: test_einsum.py).

Float contractions may sum in another order than NumPy's BLAS: each result
element must be within ``K * eps`` of the sum of the absolute values of its
products (the textbook bound on any summation order), ``K`` the number of
products summed."""
import warnings

import numpy as onp
import pytest

import lazyarray as la
from lazyarray.ops import contractions
from la_testing import assert_same, data

FLOAT_CONTRACTION_DTYPES = ["float64", "float32"]
CONTRACTION_DTYPES = FLOAT_CONTRACTION_DTYPES + ["int32", "int8", "uint16", "bool"]


def operands(dtype, shapes, rng):
    if dtype == "bool":
        return [rng.random(s) > 0.5 for s in shapes]
    if dtype.startswith("float"):
        return [rng.standard_normal(s).astype(dtype) for s in shapes]
    return [data(dtype, s, rng, special=False, low=0, high=9) for s in shapes]


def assert_contraction(actual, expected, absolute, k):
    """Integers and bools exact; floats within ``k * eps`` of ``absolute``
    (the same contraction of the operands' absolute values)."""
    expected = onp.asarray(expected)
    if expected.dtype.kind != "f":
        assert_same(actual, expected)
        return
    assert isinstance(actual, la.ndarray)
    assert actual.dtype == expected.dtype and actual.shape == expected.shape
    got = onp.asarray(actual).astype(onp.float64)
    tol = max(k, 1) * onp.finfo(expected.dtype).eps * onp.asarray(absolute, onp.float64) + \
        onp.finfo(expected.dtype).tiny
    assert (onp.abs(got - expected) <= tol).all(), onp.abs(got - expected).max()


def check(fn, arrays, k, **kwargs):
    """``fn`` of lazyarray and of NumPy on ``arrays``, compared."""
    expected = getattr(onp, fn)(*arrays, **kwargs)
    actual = getattr(la, fn)(*(la.asarray(x) for x in arrays), **kwargs)
    absolute = getattr(onp, fn)(*(onp.abs(x.astype(onp.float64)) for x in arrays), **kwargs) \
        if expected.dtype.kind == "f" else None
    assert_contraction(actual, expected, absolute, k)


SHAPES = [((3, 4), (4, 5)), ((4,), (4, 5)), ((3, 4), (4,)), ((4,), (4,)), ((2, 3, 4), (4, 5)),
          ((2, 1, 3, 4), (5, 4, 2)), ((1, 3, 4), (2, 4, 6)), ((0, 4), (4, 3)), ((3, 0), (0, 2)),
          ((1, 1), (1, 1)), ((7, 33), (33, 37)), ((2, 9, 20), (20, 19))]


@pytest.mark.parametrize("sa, sb", SHAPES, ids=str)
@pytest.mark.parametrize("dtype", CONTRACTION_DTYPES)
def test_matmul(mode, sa, sb, dtype, rng):
    check("matmul", operands(dtype, (sa, sb), rng), sa[-1])


@pytest.mark.parametrize("m, k, n", [(4, 16, 16), (5, 17, 19), (64, 100, 48), (3, 50, 40),
                                     (40, 50, 15), (130, 70, 33)])
@pytest.mark.parametrize("dtype", ["float64", "float32", "int16"])
def test_matmul_register_tiles(compiled, m, k, n, dtype, rng):
    """Sizes around the register tile (4 x 2 vectors): shifted last tiles,
    and the guarded version when a side is smaller than the tile."""
    check("matmul", operands(dtype, ((m, k), (k, n)), rng), k)


@pytest.mark.parametrize("n, kernels", [(256, 3), (263, 1)])
@pytest.mark.parametrize("dtype", ["float64", "float32", "int32"])
def test_matmul_packs_large_operands(compiled, n, kernels, dtype, rng):
    """Above ``PACK_MIN_WORK``, when the tile's width divides N, ``b`` is
    first copied into tile-wide column panels, views and producers of ``b``
    fused into that copy (pack, contract, and the panels' rows copied out);
    otherwise one kernel."""
    a, b = operands(dtype, ((70, 300), (300, 2 * n)), rng)
    assert 70 * 300 * 256 >= contractions.PACK_MIN_WORK
    la.stats(reset=True)
    check("matmul", [a, b[:, :n]], 300)
    assert la.stats()["kernels_launched"] == kernels
    expected = a @ (b[::-1, n:] * 2)
    actual = la.asarray(a) @ (la.asarray(b)[::-1, n:] * 2)
    assert_contraction(actual, expected, None if dtype == "int32" else
                       onp.abs(a.astype("float64")) @ onp.abs(b[::-1, n:] * 2), 300)


def test_matmul_views_and_fusion(compiled, rng):
    a = rng.standard_normal((40, 70))
    b = rng.standard_normal((50, 90))
    la_a, la_b = la.asarray(a), la.asarray(b)
    check_views = [(a[::2, ::-1], b[::-1, 5:75].T), (a.T[::-1], b[:40, ::3])]
    for x, y in check_views:
        expected = onp.matmul(x, y)
        assert_contraction(la.matmul(la.asarray(x), la.asarray(y)), expected,
                           onp.abs(x) @ onp.abs(y), x.shape[-1])
    expected = (2 * a[:, :50] + 1) @ onp.exp(b[:, :30]) - 1
    actual = (2 * la_a[:, :50] + 1) @ la.exp(la_b[:, :30]) - 1
    assert_contraction(actual, expected, onp.abs(2 * a[:, :50] + 1) @ onp.exp(b[:, :30]) + 1, 50)


def test_matmul_mixed_dtypes(mode, rng):
    a = rng.standard_normal((6, 7)).astype("float32")
    b = rng.integers(-3, 3, (7, 5)).astype("int16")
    expected = a @ b
    actual = la.asarray(a) @ la.asarray(b)
    assert_contraction(actual, expected, onp.abs(a) @ onp.abs(b).astype("float32"), 7)


def test_matmul_out(mode, rng):
    a, b = rng.standard_normal((6, 7)), rng.standard_normal((7, 5))
    out = la.zeros((6, 5))
    assert la.matmul(la.asarray(a), la.asarray(b), out=out) is out
    onp.testing.assert_allclose(onp.asarray(out), a @ b, rtol=1e-12)
    with pytest.raises(TypeError):
        la.matmul(la.asarray(a), la.asarray(b), out=la.zeros((6, 5), "int32"))
    with pytest.raises(ValueError):
        la.matmul(la.asarray(a), la.asarray(b), out=la.zeros((5, 6)))


def test_matmul_errors_at_the_call():
    with pytest.raises(ValueError):
        la.asarray(onp.ones((3, 4))) @ la.asarray(onp.ones((5, 2)))
    with pytest.raises(ValueError):
        la.matmul(la.asarray(onp.ones(3)), la.asarray(2.0))
    with pytest.raises(ValueError):
        la.matmul(la.asarray(onp.ones((2, 3, 4))), la.asarray(onp.ones((3, 4, 5))))


def test_matmul_large_is_one_kernel(compiled, rng):
    a, b = rng.standard_normal((100, 200)), rng.standard_normal((200, 150))
    assert 100 * 200 * 150 < contractions.PACK_MIN_WORK
    la.stats(reset=True)
    actual = la.asarray(a) @ la.asarray(b)
    assert_contraction(actual, a @ b, onp.abs(a) @ onp.abs(b), 200)
    assert la.stats()["kernels_launched"] == 1


@pytest.mark.parametrize("sa, sb", [((3, 4), (4, 2)), ((4,), (4,)), ((2, 3, 4), (5, 4, 2)),
                                    ((3, 4), (4,)), ((2, 3, 4), (4,)), ((4,), (2, 4, 3))], ids=str)
@pytest.mark.parametrize("dtype", ["float64", "int32", "bool"])
def test_dot(mode, sa, sb, dtype, rng):
    check("dot", operands(dtype, (sa, sb), rng), sa[-1])


def test_dot_scalars_and_errors(mode, rng):
    u = rng.standard_normal(4)
    assert_same(la.dot(la.asarray(u), 2.0), onp.dot(u, 2.0))
    with pytest.raises(ValueError):
        la.dot(la.asarray(onp.ones((3, 4))), la.asarray(onp.ones((3, 4))))


@pytest.mark.parametrize("sa, sb", [((3, 4), (5, 4)), ((4,), (4,)), ((2, 3, 4), (5, 4)),
                                    ((4,), (2, 3, 4))], ids=str)
def test_inner(mode, sa, sb, rng):
    check("inner", operands("float64", (sa, sb), rng), sa[-1])
    check("inner", operands("int8", (sa, sb), rng), sa[-1])


def test_outer_vdot(mode, rng):
    a, u = rng.standard_normal((3, 4)), rng.standard_normal(4)
    assert_same(la.outer(la.asarray(u), la.asarray(a)), onp.outer(u, a))
    check("vdot", [a, a], a.size)
    with pytest.raises(ValueError):
        la.vdot(la.asarray(a), la.asarray(u))


@pytest.mark.parametrize("sa, sb, axes", [
    ((3, 4, 5), (4, 5, 6), 2), ((3, 4), (4, 5), 1), ((3, 4), (5, 6), 0), ((2, 3, 4), (3, 2, 5), ([1, 0], [0, 1])),
    ((3, 4, 5), (5, 4), ((1, 2), (1, 0))), ((4, 3), (4,), (0, 0)), ((0, 3), (3, 2), 1), ((2, 3), (2, 3), 2)],
    ids=str)
@pytest.mark.parametrize("dtype", ["float32", "int16", "bool"])
def test_tensordot(mode, sa, sb, axes, dtype, rng):
    arrays = operands(dtype, (sa, sb), rng)
    k = int(onp.prod([sa[i] for i in (range(len(sa) - axes, len(sa)) if isinstance(axes, int)
                                      else onp.atleast_1d(axes[0]))]))
    check("tensordot", arrays, k, axes=axes)


def test_tensordot_errors():
    a, b = la.asarray(onp.ones((3, 4))), la.asarray(onp.ones((5, 6)))
    for axes in (1, ([0], [1]), ([0, 1], [0])):
        with pytest.raises(ValueError):
            la.tensordot(a, b, axes)
    with pytest.raises(Exception) as info:
        la.tensordot(a, b, ([3], [0]))
    assert isinstance(info.value, onp.exceptions.AxisError)


@pytest.mark.parametrize("sa, sb, axis", [((3, 4), (3, 4), -1), ((3, 4), (4,), -1), ((2, 1, 4), (3, 4), -1),
                                          ((4, 3), (4, 3), 0), ((5,), (5,), 0), ((0, 4), (1, 4), -1)], ids=str)
@pytest.mark.parametrize("dtype", ["float64", "int32", "bool"])
def test_vecdot(mode, sa, sb, axis, dtype, rng):
    check("vecdot", operands(dtype, (sa, sb), rng), sa[axis], axis=axis)


@pytest.mark.parametrize("sa, sb", [((3, 4), (4,)), ((2, 3, 4), (4,)), ((3, 4), (2, 4)), ((1, 3, 4), (5, 1, 4))],
                         ids=str)
@pytest.mark.parametrize("dtype", ["float64", "int8"])
def test_matvec_vecmat(mode, sa, sb, dtype, rng):
    check("matvec", operands(dtype, (sa, sb), rng), sa[-1])
    check("vecmat", operands(dtype, (sb, tuple(sa[:-2]) + (sa[-1], sa[-2])), rng), sa[-1])


def test_gufunc_errors_at_the_call():
    with pytest.raises(ValueError):
        la.vecdot(la.asarray(onp.ones((3, 4))), la.asarray(onp.ones((3, 5))))
    with pytest.raises(ValueError):
        la.matvec(la.asarray(onp.ones((3, 4))), la.asarray(onp.ones(3)))
    with pytest.raises(ValueError):
        la.vecmat(la.asarray(onp.ones(3)), la.asarray(onp.ones(3)))
    with pytest.raises(ValueError):
        la.vecdot(la.asarray(onp.ones((2, 4))), la.asarray(onp.ones((3, 4))))


@pytest.mark.parametrize("sa, sb", [((2, 3), (4, 5)), ((3,), (2, 2)), ((2, 1, 3), (3,)), ((), (3,)), ((), ()),
                                    ((0, 2), (2, 3)), ((2, 2), (1, 1))], ids=str)
@pytest.mark.parametrize("dtype", ["float64", "int16", "bool"])
def test_kron(mode, sa, sb, dtype, rng):
    a, b = operands(dtype, (sa, sb), rng)
    assert_same(la.kron(la.asarray(a), la.asarray(b)), onp.kron(a, b))


def test_kron_mixed_dtypes(mode, rng):
    a, b = rng.standard_normal((2, 3)).astype("float32"), rng.integers(0, 5, (3, 2))
    assert_same(la.kron(la.asarray(a), la.asarray(b)), onp.kron(a, b))


@pytest.mark.parametrize("sa, sb, kwargs", [
    ((3,), (3,), {}), ((5, 3), (5, 3), {}), ((5, 3), (3,), {}), ((3, 4), (4, 3), dict(axisa=0)),
    ((3, 4), (3, 4), dict(axis=0)), ((2, 5, 3), (5, 3), dict(axisc=1)), ((4, 3), (3, 4), dict(axisb=0, axisc=0)),
    ((2,), (2,), {}), ((4, 2), (4, 2), {}), ((4, 2), (4, 3), {}), ((4, 3), (2,), {}), ((3, 2), (2, 3), dict(axisa=0))],
    ids=str)
@pytest.mark.parametrize("dtype", ["float64", "float32", "int32", "uint8"])
def test_cross(mode, sa, sb, kwargs, dtype, rng):
    a, b = (data(dtype, s, rng, special=dtype.startswith("float")) for s in (sa, sb))
    two = 2 in (sa[kwargs.get("axisa", kwargs.get("axis", -1))],
                sb[kwargs.get("axisb", kwargs.get("axis", -1))])
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        actual = la.cross(la.asarray(a), la.asarray(b), **kwargs)
        expected = onp.cross(a, b, **kwargs)
    deprecations = [w for w in caught if w.category is DeprecationWarning]
    assert len(deprecations) == (2 if two else 0)      # ours and NumPy's
    assert_same(actual, expected)


def test_cross_errors():
    with pytest.raises(ValueError):
        la.cross(la.asarray(onp.ones(4)), la.asarray(onp.ones(3)))
    with pytest.raises(ValueError):
        la.cross(la.asarray(onp.ones(3)), la.asarray(1.0))
    with pytest.raises(ValueError):
        la.cross(la.asarray(onp.ones((2, 3))), la.asarray(onp.ones((4, 3))))
    with pytest.raises(TypeError):
        la.cross(la.asarray(onp.ones(3, bool)), la.asarray(onp.ones(3, bool)))
