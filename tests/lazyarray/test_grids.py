"""Coordinate grids (``lazyarray/ops/grids.py``): meshgrid, indices, fromfunction."""
import numpy as onp
import pytest

import lazyarray as la
from la_testing import assert_same, data


def _same_tuple(got, want):
    assert type(got) is tuple and len(got) == len(want)
    for g, w in zip(got, want):
        assert_same(g, w)


@pytest.mark.parametrize("sizes", [(3,), (3, 4), (2, 3, 4), (), (0, 3), (1, 1, 2, 3)], ids=str)
@pytest.mark.parametrize("kw", [{}, {"indexing": "ij"}, {"sparse": True},
                                {"sparse": True, "indexing": "ij"}, {"copy": False}], ids=str)
def test_meshgrid(mode, sizes, kw, rng):
    xs = [data("float32", (n,), rng) for n in sizes]
    _same_tuple(la.meshgrid(*xs, **kw), onp.meshgrid(*xs, **kw))
    _same_tuple(la.meshgrid(*[la.asarray(x) * 2 for x in xs], **kw),
                onp.meshgrid(*[x * 2 for x in xs], **kw))


def test_meshgrid_inputs_flattened_and_mixed(mode, rng):
    a, b = data("int8", (2, 2), rng), [1.5, 2.5, 3.5]
    _same_tuple(la.meshgrid(a, b), onp.meshgrid(a, b))
    _same_tuple(la.meshgrid(la.asarray(a).T, 7, indexing="ij"), onp.meshgrid(a.T, 7, indexing="ij"))


def test_meshgrid_copies_and_views(mode, rng):
    x, y = data("int32", (3,), rng), data("int32", (4,), rng)
    X, Y = la.meshgrid(x, y)
    X[0, 0] = 100   # copies: independent writeable arrays
    nX, nY = onp.meshgrid(x, y)
    nX[0, 0] = 100
    assert_same(X, nX)
    assert_same(Y, nY)
    lx = la.asarray(x)
    Xv, _ = la.meshgrid(lx, y, copy=False, sparse=True)
    Xv[0, 1] = -7   # a sparse view writes through to its input, as in NumPy
    x[1] = -7
    assert_same(lx, x)
    dense, _ = la.meshgrid(lx, y, copy=False)
    with pytest.raises(ValueError):   # broadcast views are read-only (NumPy: writeable with a warning)
        dense[0, 0] = 1


def test_meshgrid_bad_indexing(mode):
    with pytest.raises(ValueError):
        onp.meshgrid([1], indexing="xx")
    with pytest.raises(ValueError):
        la.meshgrid([1], indexing="xx")


@pytest.mark.parametrize("dims", [(2, 3), (4,), (), (2, 0, 3), (3, 1, 2), [5, 6], (200, 300)], ids=str)
@pytest.mark.parametrize("kw", [{}, {"sparse": True}, {"dtype": float}, {"dtype": "uint8"},
                                {"dtype": "int16", "sparse": True}], ids=str)
def test_indices(mode, dims, kw):
    got, want = la.indices(dims, **kw), onp.indices(dims, **kw)
    if isinstance(want, tuple):
        _same_tuple(got, want)
    else:
        assert_same(got, want)


def test_indices_errors(mode):
    for bad in [lambda m: m.indices((2, -1)), lambda m: m.indices(3), lambda m: m.indices((2.5,))]:
        with pytest.raises(Exception) as np_err:
            bad(onp)
        with pytest.raises(np_err.type):
            bad(la)


def test_fromfunction(mode):
    def f(i, j):
        return i * 10 + j

    assert_same(la.fromfunction(f, (3, 4), dtype=int), onp.fromfunction(f, (3, 4), dtype=int))
    assert_same(la.fromfunction(f, (3, 4)), onp.fromfunction(f, (3, 4)))
    assert_same(la.fromfunction(lambda i, j, k, s: (i + j) * k + s, (2, 3, 4), dtype="int32", s=3),
                onp.fromfunction(lambda i, j, k, s: (i + j) * k + s, (2, 3, 4), dtype="int32", s=3))
    assert la.fromfunction(lambda i: 5, (3,)) == 5   # whatever the function returns


def test_big_fromfunction_stays_lazy(compiled):
    r = la.fromfunction(lambda i, j: la.sqrt(i * i + j), (300, 200))
    assert r._node.pending
    want = onp.fromfunction(lambda i, j: onp.sqrt(i * i + j), (300, 200))
    onp.testing.assert_array_max_ulp(onp.asarray(r), want, maxulp=1)
