"""``lazyarray/ops/selection.py``: take, take_along_axis, put, put_along_axis,
place, compress, extract, choose, select, nonzero, argwhere, flatnonzero,
where(cond), ix_ and the ndarray methods, differential against NumPy."""
import numpy as onp
import pytest

import lazyarray as la
from la_testing import DTYPES, assert_same, data

A = onp.arange(24.0).reshape(2, 3, 4) - 7.5


def lazy(n: onp.ndarray) -> la.ndarray:
    """``n`` as a pending lazy array (with eager_threshold=0)."""
    return la.asarray(n) + onp.zeros((), n.dtype)


@pytest.mark.parametrize("axis", [None, 0, 1, 2, -1])
@pytest.mark.parametrize("clip", ["raise", "wrap", "clip"])
def test_take(mode, axis, clip):
    idx = onp.array([[0, 1], [-1, 1]]) if clip == "raise" else onp.array([7, -9, 0, 3])
    want = onp.take(A, idx, axis=axis, mode=clip)
    assert_same(la.take(la.asarray(A), idx, axis=axis, mode=clip), want)
    assert_same(la.take(la.asarray(A), lazy(idx), axis=axis, mode=clip), want)
    assert_same(la.asarray(A).take(list(idx), axis, mode=clip), A.take(list(idx), axis, mode=clip))


@pytest.mark.parametrize("dtype", DTYPES)
def test_take_dtypes_views_and_scalars(mode, dtype, rng):
    n = data(dtype, (5, 6), rng)
    assert_same(la.take(la.asarray(n)[::-1, 1::2], [2, 0], axis=1), onp.take(n[::-1, 1::2], [2, 0], axis=1))
    assert_same(la.take(la.asarray(n), 3), onp.take(n, 3))
    assert_same(la.take(la.asarray(n), [True, False], axis=0), onp.take(n, [True, False], axis=0))
    assert_same(la.take(la.asarray(n), onp.zeros(0, int), axis=1), onp.take(n, onp.zeros(0, int), axis=1))


def test_take_out_and_errors(mode):
    x = la.asarray(A)
    out = la.zeros(2, dtype="int64")
    got = la.take(x, [1, 5], out=out)
    assert got is out
    assert_same(out, onp.take(A, [1, 5], out=onp.zeros(2, "int64"), mode="raise"))
    with pytest.raises(ValueError, match="output array does not match"):
        la.take(x, [1, 5], out=la.zeros(3))
    with pytest.raises(IndexError, match="index 24 is out of bounds for axis 0 with size 24"):
        la.take(x, [24])
    with pytest.raises(ValueError, match="clipmode must be one of"):
        la.take(x, [0], mode="bad")
    with pytest.raises(TypeError, match="Cannot cast array data"):
        la.take(x, onp.array([1.0]))
    with pytest.raises(IndexError, match="cannot do a non-empty take from an empty axes"):
        la.take(la.zeros((0, 3)), [0], axis=0, mode="wrap")
    with pytest.raises(onp.exceptions.AxisError):
        la.take(x, [0], axis=3)


def test_take_lazy_out_of_range_raises_at_evaluation(compiled):
    y = la.take(la.asarray(A), lazy(onp.array([3, 30])), axis=None)
    with pytest.raises(IndexError, match=r"index 30 is out of bounds .*test_selection.py:\d+"):
        y.evaluate()


def test_take_fuses_into_a_reduction(compiled):
    idx = la.asarray(onp.array([5, 0, 23, 7]))
    s = (la.take(la.asarray(A), idx) * 2).sum()
    la.stats(reset=True)
    assert float(s) == (onp.take(A, [5, 0, 23, 7]) * 2).sum()
    assert la.stats()["kernels_launched"] == 1


@pytest.mark.parametrize("axis", [0, 1, 2, -1, None])
def test_take_and_put_along_axis(mode, axis):
    if axis is None:
        idx = onp.array([3, -1, 0, 3])
    else:
        shape = list(A.shape)
        shape[axis] = 2
        idx = onp.arange(onp.prod(shape)).reshape(shape) % A.shape[axis]
        idx = idx[..., :1] if axis in (0, 1) else idx   # broadcasts along the last axis
    assert_same(la.take_along_axis(la.asarray(A), idx, axis), onp.take_along_axis(A, idx, axis))
    assert_same(la.take_along_axis(la.asarray(A), la.asarray(idx), axis),
                onp.take_along_axis(A, idx, axis))
    n = A.copy()
    x = la.asarray(n)
    onp.put_along_axis(n, idx, -1.0, axis)
    la.put_along_axis(x, idx, -1.0, axis)
    assert_same(x, n)
    values = onp.arange(idx.size, dtype=float).reshape(idx.shape)
    onp.put_along_axis(n, idx, values, axis)
    la.put_along_axis(x, la.asarray(idx), values, axis)
    assert_same(x, n)


def test_along_axis_errors(mode):
    x = la.asarray(A)
    with pytest.raises(IndexError, match="`indices` must be an integer array"):
        la.take_along_axis(x, onp.zeros((1, 1, 1)), 0)
    with pytest.raises(ValueError, match="same number of dimensions"):
        la.take_along_axis(x, onp.zeros(2, int), 0)
    with pytest.raises(IndexError, match="index 3 is out of bounds for axis 1 with size 3"):
        la.take_along_axis(x, onp.full((1, 1, 1), 3), 1)
    with pytest.raises(IndexError, match="shape mismatch"):
        onp.take_along_axis(A, onp.zeros((3, 1, 1), int), 1)
    with pytest.raises(IndexError, match="shape mismatch"):
        la.take_along_axis(x, onp.zeros((3, 1, 1), int), 1)
    with pytest.raises(TypeError, match="lazyarray.ndarray"):
        la.put_along_axis(A.copy(), onp.zeros((1, 1, 1), int), 0.0, 0)


@pytest.mark.parametrize("clip", ["raise", "wrap", "clip"])
def test_put(mode, clip):
    n = A.copy()
    x = la.asarray(n)
    ind = [0, 5, -1, 5] if clip == "raise" else [30, -31, 2]
    onp.put(n, ind, [1.5, 2.5, 3.5], mode=clip)
    la.put(x, ind, [1.5, 2.5, 3.5], mode=clip)
    assert_same(x, n)
    x.put(la.asarray(onp.array([1, 2])), la.asarray(onp.array([9])), mode=clip)
    n.put([1, 2], [9], mode=clip)
    assert_same(x, n)


def test_put_into_views_and_casting(mode):
    n = onp.arange(12).reshape(3, 4)
    x = la.asarray(n)
    onp.put(n[:, ::-2], [0, 3], [7.9, -1.2])
    la.put(x[:, ::-2], [0, 3], [7.9, -1.2])
    assert_same(x, n)
    s = onp.array(5)
    xs = la.asarray(s)
    onp.put(s, [0], 3)
    la.put(xs, [0], 3)
    assert_same(xs, s)
    with pytest.raises(IndexError, match="index 12 is out of bounds for axis 0 with size 12"):
        la.put(x, [12], 1)
    la.put(x, [1], [])   # nothing to write, as in NumPy
    assert_same(x, n)


def test_place_compress_extract(mode):
    n = A.copy()
    x = la.asarray(n)
    onp.place(n, n > 3, [10.0, 20.0, 30.0])
    la.place(x, x > 3, [10.0, 20.0, 30.0])
    assert_same(x, n)
    with pytest.raises(ValueError, match="mask and data must be the same size"):
        la.place(x, [True], [1.0])
    with pytest.raises(ValueError, match="Cannot insert from an empty array"):
        la.place(x, x > 0, [])
    for cond, axis in (([True, False, True], 1), ([0, 1], 0), ([1, 0, 0, 1, 1], None), ([], 2)):
        assert_same(la.compress(cond, x, axis=axis), onp.compress(cond, n, axis=axis))
        assert_same(x.compress(la.asarray(onp.array(cond, bool)), axis), n.compress(cond, axis))
    with pytest.raises(ValueError, match="condition must be a 1-d array"):
        la.compress([[True]], x)
    with pytest.raises(IndexError, match="out of bounds"):
        la.compress([False, False, True], x, axis=0)
    assert_same(la.extract(x > 0, x * 2), onp.extract(n > 0, n * 2))
    assert_same(la.extract(onp.arange(24) % 5, x), onp.extract(onp.arange(24) % 5, n))


@pytest.mark.parametrize("clip", ["raise", "wrap", "clip"])
def test_choose(mode, clip):
    a = onp.array([[0, 1, 2, 1]]) if clip == "raise" else onp.array([[5, -1, 2, 1]])
    choices = [onp.arange(4), onp.arange(12).reshape(3, 4) * 1.5, onp.int8(-3)]
    want = onp.choose(a, choices, mode=clip)
    assert_same(la.choose(a, choices, mode=clip), want)
    assert_same(la.asarray(a).choose([la.asarray(c) for c in choices], mode=clip), want)
    assert_same(la.choose([1, 0], onp.array([[1, 2], [3, 4]])), onp.choose([1, 0], [[1, 2], [3, 4]]))
    assert_same(la.choose(onp.array([0, 1]), [onp.int8(1), 2]), onp.choose([0, 1], [onp.int8(1), 2]))


def test_choose_out_and_errors(mode):
    out = la.zeros(3, dtype="int64")
    la.choose([0, 1, 0], [onp.arange(3), onp.arange(3) * 2.5], out=out)
    assert_same(out, onp.choose([0, 1, 0], [onp.arange(3), onp.arange(3) * 2.5],
                                out=onp.zeros(3, "int64")))
    with pytest.raises(ValueError, match="invalid entry in choice array"):
        la.choose([0, 2], [onp.arange(2), onp.arange(2)])
    with pytest.raises(TypeError, match="Cannot cast"):
        la.choose(onp.array([0.0]), [onp.arange(1)])


def test_select(mode):
    x = la.asarray(A)
    conds, choices = [A > 3, A < -2], [A, A * 2]
    assert_same(la.select([x > 3, x < -2], [x, x * 2]), onp.select(conds, choices))
    assert_same(la.select([x > 3, x < -2], [x, x * 2], default=-1.5), onp.select(conds, choices, -1.5))
    ints = onp.arange(6, dtype=onp.int8)
    assert_same(la.select([ints > 2], [la.asarray(ints)], 5), onp.select([ints > 2], [ints], 5))
    assert_same(la.select([ints > 2, ints < 1], [la.asarray(ints), 7]),
                onp.select([ints > 2, ints < 1], [ints, 7]))
    assert_same(la.select([True], [onp.arange(3)]), onp.select([True], [onp.arange(3)]))
    with pytest.raises(ValueError, match="same length"):
        la.select([x > 0], [x, x])
    with pytest.raises(ValueError, match="empty condition list"):
        la.select([], [])
    with pytest.raises(TypeError, match="invalid entry 0 in condlist"):
        la.select([x], [x])


def test_nonzero_family(mode):
    for n in (A > 0, A.astype(int) % 3, onp.zeros((2, 0)), onp.array([0.0, -0.0, onp.nan])):
        x = la.asarray(n) * 1 if n.dtype != bool else la.asarray(n)
        for got, want in zip(la.nonzero(x), onp.nonzero(n)):
            assert_same(got, want)
        for got, want in zip(x.nonzero(), n.nonzero()):
            assert_same(got, want)
        for got, want in zip(la.where(x), onp.where(n)):
            assert_same(got, want)
        assert_same(la.argwhere(x), onp.argwhere(n))
        assert_same(la.flatnonzero(x), onp.flatnonzero(n))
    assert la.stats()["library_calls"]["nonzero"] >= 1
    with pytest.raises(ValueError):
        la.nonzero(la.asarray(onp.float64(1.0)))


def test_ix(mode):
    n = onp.arange(60.0).reshape(3, 4, 5)
    args = ([2, 0], onp.array([True, False, False, True]), la.asarray(onp.array([4, 1, 1])))
    got = la.ix_(*args)
    want = onp.ix_(*[onp.asarray(a) for a in args])
    for g, w in zip(got, want):
        assert_same(g, w)
    assert_same(la.asarray(n)[got], n[want])
    assert_same(la.ix_([])[0], onp.ix_([])[0])
    with pytest.raises(ValueError, match="Cross index must be 1 dimensional"):
        la.ix_([[1]])
