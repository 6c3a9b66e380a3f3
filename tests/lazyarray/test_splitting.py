"""split, array_split, hsplit, vsplit, dsplit, unstack (``ops/splitting.py``):
views of the array, with NumPy's geometry and errors."""
import numpy as onp
import pytest

import lazyarray as la
from la_testing import assert_same, assert_view_meta, check_raises, data

CASES = [
    (lambda m, a: m.split(a, 2), (4, 3)),
    (lambda m, a: m.split(a, [1, 3], axis=1), (2, 5)),
    (lambda m, a: m.split(a, [3, 1, 10], axis=-1), (2, 5)),
    (lambda m, a: m.split(a, 1), (0, 2)),
    (lambda m, a: m.array_split(a, 3), (7,)),
    (lambda m, a: m.array_split(a, 4, axis=1), (2, 5, 1)),
    (lambda m, a: m.array_split(a[::-1], [2]), (5, 2)),
    (lambda m, a: m.hsplit(a, 2), (4,)),
    (lambda m, a: m.hsplit(a.T, [1]), (3, 2)),
    (lambda m, a: m.vsplit(a, [1, 2]), (3, 2)),
    (lambda m, a: m.dsplit(a, 2), (1, 2, 4)),
    (lambda m, a: m.unstack(a), (3, 2)),
    (lambda m, a: m.unstack(a[:, ::-1], axis=-1), (2, 3, 2)),
]


@pytest.mark.parametrize("call,shape", CASES, ids=range(len(CASES)))
def test_splits_are_views(mode, call, shape, rng):
    n = data("float64", shape, rng).copy()
    x = la.asarray(n)
    want, got = call(onp, n), call(la, x)
    assert type(got) is type(want) and len(got) == len(want)
    for g, w in zip(got, want):
        assert_same(g, w)
        assert_view_meta(g, w, x, n)
    for k, (g, w) in enumerate(zip(got, want)):   # write through every part
        if w.size:
            w[...] = -k - 1.5
            g[...] = -k - 1.5
    assert_same(x, n)


@pytest.mark.parametrize("call", [
    lambda m, a: m.split(a, 4), lambda m, a: m.split(a, 2, axis=3),
    lambda m, a: m.array_split(a, 0), lambda m, a: m.vsplit(a[0, 0], 2),
    lambda m, a: m.dsplit(a[0], 2), lambda m, a: m.hsplit(a[0, 0, 0], 1),
    lambda m, a: m.unstack(a, axis=5), lambda m, a: m.unstack(a[0, 0, 0]),
], ids=range(8))
def test_split_errors_at_the_call(call):
    check_raises(call, onp.zeros((6, 2, 2)))
