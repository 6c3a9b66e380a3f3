"""Index-defined matrices (``lazyarray/ops/matrices.py``): eye, identity, tri,
tril, triu, diagflat."""
import numpy as onp
import pytest

import lazyarray as la
from la_testing import DTYPES, assert_same, data

#: big enough to be lazy under the default eager threshold
BIG = 200


@pytest.mark.parametrize("args", [(3,), (3, 5), (5, 3), (4, 4, 1), (4, 4, -2), (3, 5, 7), (3, 5, -9),
                                  (0,), (0, 3), (1,), (BIG,), (BIG, BIG + 3, 2)], ids=str)
@pytest.mark.parametrize("fn", ["eye", "tri"])
def test_eye_tri_shapes_and_k(mode, fn, args):
    assert_same(getattr(la, fn)(*args), getattr(onp, fn)(*args))


@pytest.mark.parametrize("dtype", DTYPES + [int, float, bool], ids=str)
@pytest.mark.parametrize("fn", ["eye", "tri"])
def test_eye_tri_dtypes(mode, fn, dtype):
    for n in (4, BIG):
        assert_same(getattr(la, fn)(n, n + 1, k=1, dtype=dtype),
                    getattr(onp, fn)(n, n + 1, k=1, dtype=dtype))


def test_eye_keywords_order_identity(mode):
    assert_same(la.eye(3, M=4, k=-1, dtype="int8"), onp.eye(3, M=4, k=-1, dtype="int8"))
    f, nf = la.eye(BIG, 3, order="F"), onp.eye(BIG, 3, order="F")
    assert_same(f, nf)
    assert f.strides == nf.strides and f.flags.f_contiguous
    for n, dtype in [(4, None), (BIG, "int32"), (0, bool)]:
        assert_same(la.identity(n, dtype), onp.identity(n, dtype))
    assert_same(la.eye(onp.int64(3), onp.uint8(2), onp.int16(1)), onp.eye(3, 2, 1))


def test_eye_tri_errors(mode):
    for bad in [lambda m: m.eye(2.5), lambda m: m.eye(3, k=1.5), lambda m: m.eye(3, order="K"),
                lambda m: m.eye(-1), lambda m: m.eye(3, -2)]:
        with pytest.raises(Exception) as np_err:
            bad(onp)
        with pytest.raises(np_err.type):
            bad(la)
    for n in (3, BIG):   # float16 is held (made by NumPy), not computed by kernels
        assert_same(la.eye(n, dtype="float16"), onp.eye(n, dtype="float16"))


@pytest.mark.parametrize("args", [(2.5,), (3, 2.0), (3, 4, 1.5), (-1,), (3, -2), (BIG, 3.5)],
                         ids=str)
def test_tri_accepts_what_numpy_accepts(mode, args):
    assert_same(la.tri(*args), onp.tri(*args))


def test_big_eye_is_lazy_and_fuses(compiled):
    la.stats(reset=True)
    e = la.eye(BIG, dtype="float64")
    assert e._node.pending
    x = onp.arange(BIG * BIG, dtype="float64").reshape(BIG, BIG)
    assert_same((la.asarray(x) * e).sum(axis=1), (x * onp.eye(BIG)).sum(axis=1))
    assert la.stats()["kernels_launched"] == 1


@pytest.mark.parametrize("shape", [(4, 5), (5, 4), (3, 3), (2, 3, 4), (2, 1, 4, 3), (4,), (0, 3),
                                   (3, 0), (BIG, BIG + 1)], ids=str)
@pytest.mark.parametrize("k", [0, 1, -1, 3, -4, 10**6])
def test_tril_triu(mode, shape, k, rng):
    x = data("int32", shape, rng)
    for fn in ("tril", "triu"):
        assert_same(getattr(la, fn)(x, k), getattr(onp, fn)(x, k))
        assert_same(getattr(la, fn)(la.asarray(x) + 1, k=k), getattr(onp, fn)(x + 1, k=k))


@pytest.mark.parametrize("dtype", DTYPES, ids=str)
def test_tril_triu_dtypes_and_views(mode, dtype, rng):
    x = data(dtype, (6, 7), rng)
    for v in (x, x.T, x[::-2, 1::2]):
        assert_same(la.tril(la.asarray(x).T if v is x.T else v), onp.tril(v))
        assert_same(la.triu(v, -1), onp.triu(v, -1))
    assert_same(la.tril([[1.5, 2], [3, 4]]), onp.tril([[1.5, 2], [3, 4]]))


def test_tril_of_0d_raises(mode):
    with pytest.raises(TypeError):
        onp.tril(onp.float64(1))
    with pytest.raises(TypeError):
        la.tril(la.asarray(1.0))


@pytest.mark.parametrize("k", [0, 1, -2, 5])
def test_diagflat(mode, k, rng):
    for dtype, shape in [("float64", (3,)), ("float64", (2, 2)), ("float64", (1,)), ("int8", (0,)),
                         ("int8", ()), ("int8", (2, 3, 2)), ("float64", (BIG,))]:
        v = data(dtype, shape, rng)
        assert_same(la.diagflat(v, k), onp.diagflat(v, k))
        assert_same(la.diagflat(la.asarray(v).T, k=k), onp.diagflat(v.T, k=k))
    assert_same(la.diagflat([1, 2, 3], 1), onp.diagflat([1, 2, 3], 1))


@pytest.mark.parametrize("dtype", DTYPES, ids=str)
def test_diagflat_dtypes(mode, dtype, rng):
    v = data(dtype, (BIG,), rng)
    assert_same(la.diagflat(v, -3), onp.diagflat(v, -3))
