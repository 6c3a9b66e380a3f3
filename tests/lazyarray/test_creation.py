"""Array creation and conversion (``lazyarray/ops/creation.py``): asarray, array,
zeros/ones/full/empty(_like), arange, linspace, astype."""
import numpy as onp
import pytest

import lazyarray as la
from la_testing import DTYPES, assert_same, data

#: large enough that constant fills are lazy (a broadcast scalar) under the default threshold
BIG = (200, 201)


# ---------------------------------------------------------------- asarray / array
@pytest.mark.parametrize("dtype", DTYPES, ids=str)
def test_asarray_numpy_arrays(mode, dtype, rng):
    for shape in [(), (0,), (1,), (5,), (3, 4), (2, 1, 3)]:
        x = data(dtype, shape, rng)
        assert_same(la.asarray(x), x)
        assert_same(la.array(x), x)


@pytest.mark.parametrize("obj", [
    [1, 2, 3], [1.5, 2, 3], [True, False], [[1, 2], [3, 4]], (1, 2.5), 7, 2.5, True,
    [], [[]], [2**63, 1], [-1, 2**62],
], ids=repr)
def test_asarray_python_objects(mode, obj):
    assert_same(la.asarray(obj), onp.asarray(obj))
    assert_same(la.array(obj), onp.array(obj))


@pytest.mark.parametrize("dtype", ["int8", "uint16", "float32", "bool", onp.float64, int, float,
                                   bool])
def test_asarray_dtype_argument(mode, dtype, rng):
    x = data("int16", (3, 4), rng, low=0, high=100)
    assert_same(la.asarray(x, dtype=dtype), onp.asarray(x, dtype=dtype))
    assert_same(la.array([1, 2, 3], dtype=dtype), onp.array([1, 2, 3], dtype=dtype))
    assert_same(la.asarray(la.asarray(x), dtype=dtype), onp.asarray(x, dtype=dtype))


def test_asarray_non_contiguous(mode, rng):
    base = data("float32", (6, 8), rng)
    for v in (base.T, base[::2, 1::3], base[:, ::-1], onp.broadcast_to(base[0], (3, 8))):
        assert_same(la.asarray(v), v)
        assert_same(la.asarray(v) + 1, v + 1)


def test_asarray_copies_the_source(mode):
    """Later writes to the NumPy source do not change the lazy value."""
    src = onp.arange(6.0)
    x = la.asarray(src)
    y = x * 2.0
    src[:] = -1.0
    assert_same(x, onp.arange(6.0))
    assert_same(y, onp.arange(6.0) * 2.0)


def test_asarray_of_lazy_is_identity(mode, rng):
    x = la.asarray(data("int32", (4,), rng))
    assert la.asarray(x) is x
    assert la.asarray(x, dtype="int32") is x
    y = x + 1
    assert la.asarray(y) is y


def test_array_ndmin(mode):
    assert_same(la.array([1, 2], ndmin=3), onp.array([1, 2], ndmin=3))
    assert_same(la.array(5.0, ndmin=2), onp.array(5.0, ndmin=2))
    x = la.asarray(onp.arange(3))
    assert_same(la.array(x, ndmin=2), onp.array(onp.arange(3), ndmin=2))
    assert_same(la.array(x + 1), onp.arange(3) + 1)


def test_asarray_copy_false_raises(mode):
    with pytest.raises(ValueError):
        la.asarray(onp.arange(3), copy=False)


# ---------------------------------------------------------------- constant fills
@pytest.mark.parametrize("shape", [(), 0, 5, (5,), (3, 4), [2, 1, 3], (1, 1), BIG], ids=str)
def test_zeros_ones_default_dtype(mode, shape):
    assert_same(la.zeros(shape), onp.zeros(shape))
    assert_same(la.ones(shape), onp.ones(shape))
    e = la.empty(shape)
    assert e.shape == onp.empty(shape).shape and e.dtype == onp.empty(shape).dtype


@pytest.mark.parametrize("dtype", DTYPES, ids=str)
def test_fills_with_dtype(mode, dtype):
    for shape in [(3, 4), BIG]:
        assert_same(la.zeros(shape, dtype), onp.zeros(shape, dtype))
        assert_same(la.ones(shape, dtype=dtype), onp.ones(shape, dtype=dtype))
        assert_same(la.full(shape, 1, dtype), onp.full(shape, 1, dtype))
        e = la.empty(shape, dtype)
        assert (e.shape, e.dtype) == (shape, onp.dtype(dtype))
        onp.asarray(e)  # computes (values unspecified)


@pytest.mark.parametrize("fill", [3, 2.5, True, -0.0, onp.nan, onp.inf, onp.int8(-3),
                                  onp.float32(1.25), 2**63, -2**63])
def test_full_fill_value_dtype(mode, fill):
    for shape in [(2, 3), BIG]:
        assert_same(la.full(shape, fill), onp.full(shape, fill))


@pytest.mark.parametrize("fill, dtype", [(300, "int16"), (-1.5, "int32"), (2.7, "uint8"),
                                         (1e40, "float32"), (5, "bool"), (0, "bool"),
                                         (-0.0, "float32"), (255, "uint8")])
def test_full_with_dtype_conversion(mode, fill, dtype):
    for shape in [(4,), BIG]:
        assert_same(la.full(shape, fill, dtype), onp.full(shape, fill, dtype))


def test_full_with_array_fill_value(mode):
    assert_same(la.full((2, 3), [1, 2, 3]), onp.full((2, 3), [1, 2, 3]))
    assert_same(la.full((2, 3), la.asarray(onp.float32(4))), onp.full((2, 3), onp.float32(4)))


def test_big_fills_are_lazy_and_fuse(mode):
    """A big constant fill is a broadcast scalar: consumers fuse it."""
    z = la.zeros(BIG, "float32")
    o = la.ones(BIG, "int64")
    r = z + o * 3
    assert_same(r, onp.zeros(BIG, "float32") + onp.ones(BIG, "int64") * 3)
    assert_same(la.full(BIG, 2.0).sum(), onp.full(BIG, 2.0).sum())


@pytest.mark.parametrize("fn", ["zeros_like", "ones_like", "empty_like", "full_like"])
def test_like_functions(mode, fn, rng):
    src = data("int16", (3, 4), rng)
    args = (7,) if fn == "full_like" else ()
    for a in (src, la.asarray(src), la.asarray(src) + 1):
        for kw in ({}, {"dtype": "float32"}, {"shape": (2, 5)}, {"dtype": bool, "shape": 3}):
            actual = getattr(la, fn)(a, *args, **kw)
            expected = getattr(onp, fn)(src, *args, **kw)
            if fn == "empty_like":
                assert (actual.shape, actual.dtype) == (expected.shape, expected.dtype)
                onp.asarray(actual)
            else:
                assert_same(actual, expected)


def test_full_like_fill_conversion(mode):
    src = onp.zeros((2, 3), onp.uint8)
    assert_same(la.full_like(src, 2.9), onp.full_like(src, 2.9))
    assert_same(la.full_like(src, 300, dtype="int32"), onp.full_like(src, 300, dtype="int32"))


@pytest.mark.parametrize("shape", [-1, (2, -3)])
def test_negative_dimensions_raise(mode, shape):
    with pytest.raises(ValueError):
        onp.zeros(shape)
    with pytest.raises(ValueError):
        la.zeros(shape)
    with pytest.raises(ValueError):
        la.full(shape, 1.0)


# ---------------------------------------------------------------- arange / linspace
@pytest.mark.parametrize("args, kwargs", [
    ((5,), {}), ((2, 9), {}), ((2, 9, 3), {}), ((10, 0, -2), {}), ((0.5, 3.0, 0.25), {}),
    ((5,), {"dtype": "float32"}), ((1, 4), {"dtype": "uint8"}), ((0,), {}), ((3, 3), {}),
    ((-3, 3), {"dtype": "int8"}), ((0, 1, 0.1), {}),
], ids=str)
def test_arange(mode, args, kwargs):
    assert_same(la.arange(*args, **kwargs), onp.arange(*args, **kwargs))
    assert_same(la.arange(*args, **kwargs) * 2, onp.arange(*args, **kwargs) * 2)


@pytest.mark.parametrize("args, kwargs", [
    ((0, 1), {}), ((0, 1, 5), {}), ((0, 1, 5), {"endpoint": False}), ((-2.5, 7, 11), {}),
    ((0, 10, 1), {}), ((0, 10, 0), {}), ((1, 2, 4), {"dtype": "float32"}),
    ((0, 100, 7), {"dtype": int}), (([0, 1], [2, 5], 3), {}), (([0, 1], [2, 5], 3), {"axis": 1}),
], ids=str)
def test_linspace(mode, args, kwargs):
    assert_same(la.linspace(*args, **kwargs), onp.linspace(*args, **kwargs))


def test_linspace_retstep(mode):
    a, step = la.linspace(0, 1, 9, retstep=True)
    b, nstep = onp.linspace(0, 1, 9, retstep=True)
    assert_same(a, b)
    assert step == nstep


# ---------------------------------------------------------------- astype
def _cast_source(src, dst, rng):
    """Values that convert without undefined behaviour (floats in range of dst)."""
    src, dst = onp.dtype(src), onp.dtype(dst)
    if src.kind == "f" and dst.kind in "iu":
        info = onp.iinfo(dst)
        lo, hi = max(info.min, -100), min(info.max, 100)
        x = rng.uniform(lo, hi, size=(4, 6)).astype(src)
        x[0, :3] = [lo, hi, 0.0]
        x[0, 3:] = onp.array([-0.0, 0.75, hi - 0.5]).clip(lo, hi)
        return x
    return data(src, (4, 6), rng)


@pytest.mark.parametrize("dst", DTYPES, ids=str)
@pytest.mark.parametrize("src", DTYPES, ids=str)
def test_astype_all_pairs(mode, src, dst, rng):
    x = _cast_source(src, dst, rng)
    assert_same(la.asarray(x).astype(dst), x.astype(dst))


def test_astype_of_pending_and_views(mode, rng):
    x = data("float64", (3, 5), rng, special=False)
    assert_same((la.asarray(x) * 10).astype("int32"), (x * 10).astype("int32"))
    assert_same(la.asarray(x).T.astype("float32"), x.T.astype("float32"))
    assert_same((la.asarray(x) > 0).astype("uint8").sum(), (x > 0).astype("uint8").sum())
    i = data("int64", (3, 5), rng)
    assert_same((la.asarray(i) + 1).astype("int8"), (i + 1).astype("int8"))
    small = data("int64", (3, 5), rng, low=-1000, high=1000)
    assert_same(la.asarray(small).astype(float).astype("int16"),
                small.astype(float).astype("int16"))


def test_astype_same_dtype_and_float_specials(mode):
    x = onp.array([onp.nan, onp.inf, -onp.inf, -0.0, 0.0, 1e300, -1e-300, 3.4e38, 3.5e38])
    assert_same(la.asarray(x).astype("float32"), x.astype("float32"))
    assert_same(la.asarray(x).astype(bool), x.astype(bool))
    assert_same(la.asarray(x).astype("float64"), x)
    x32 = x.astype("float32")
    assert_same(la.asarray(x32).astype("float64"), x32.astype("float64"))


def test_asarray_of_a_list_of_lazy_arrays(mode):
    a = la.asarray(onp.arange(3.0)) * 2.0
    b = la.asarray(onp.ones(3))
    assert_same(la.asarray([a, b]), onp.array([onp.arange(3.0) * 2.0, onp.ones(3)]))
    assert_same(la.array((b, b), dtype="int8"), onp.ones((2, 3), "int8"))


# ---------------------------------------------------------------- array(copy=, order=, ndmin=)
def _layout(a):
    return a.shape, a.strides, a.flags.c_contiguous, a.flags.f_contiguous


@pytest.mark.parametrize("order", ["C", "F", "A", "K", None])
@pytest.mark.parametrize("source", ["c", "f", "strided", "1d"])
def test_array_order_layout_matches_numpy(mode, order, source, rng):
    base = data("int32", (4, 6), rng)
    x = {"c": base, "f": onp.asfortranarray(base), "strided": base[::2, ::-3],
         "1d": base[0]}[source]
    for fn in (la.array, la.asarray):
        if fn is la.array and order is None:
            continue
        got, want = fn(x, order=order), onp.array(x, order=order)
        assert_same(got, want)
        if source != "strided" or order in ("C", "F"):
            assert _layout(got) == _layout(want)
        lazy = la.asarray(x)
        got = fn(lazy, order=order)
        assert_same(got, want)
        if source != "strided" or order in ("C", "F"):
            assert _layout(got) == _layout(want)


def test_array_bad_order_raises(mode):
    with pytest.raises(ValueError):
        onp.array([1], order="X")
    with pytest.raises(ValueError):
        la.array([1], order="X")
    with pytest.raises(ValueError):
        la.asarray(la.asarray([1, 2]), order="X")


def test_array_copy_argument_of_lazy_input(mode, rng):
    src = data("float64", (3, 4), rng, special=False)
    x = la.asarray(src)
    assert la.array(x, copy=None) is x and la.array(x, copy=False) is x
    assert la.asarray(x, copy=False) is x
    c = la.array(x)
    assert c is not x and c.base is None
    c[0, 0] = 99.0
    assert_same(x, src)
    with pytest.raises(ValueError):
        la.array(x, dtype="float32", copy=False)
    with pytest.raises(ValueError):
        la.asarray(x.T, order="C", copy=False)
    assert_same(la.array(x, dtype="int16", copy=None), src.astype("int16"))


def test_array_ndmin_of_lazy_is_a_view_without_copy(mode, rng):
    src = data("int16", (3,), rng)
    x = la.asarray(src)
    v = la.array(x, copy=None, ndmin=3)
    assert_same(v, onp.array(src, ndmin=3))
    v[0, 0, 1] = 7
    src[1] = 7
    assert_same(x, src)
    c = la.array(x, ndmin=2)
    c[0, 0] = -5
    assert_same(x, src)
    assert_same(la.array(x * 2, ndmin=4, dtype=float), onp.array(src * 2, ndmin=4, dtype=float))


@pytest.mark.parametrize("fn", ["ascontiguousarray", "asfortranarray"])
def test_contiguous_and_fortran(mode, fn, rng):
    base = data("float32", (4, 5), rng)
    for x in (base, base.T, base[:, ::2], base[1], onp.float32(3.5), 2, [[1, 2], [3, 4]]):
        want = getattr(onp, fn)(x)
        for arg in (x, la.asarray(x)):
            got = getattr(la, fn)(arg)
            assert_same(got, want)
            assert _layout(got) == _layout(want)
        assert_same(getattr(la, fn)(x, dtype="int8"), getattr(onp, fn)(x, dtype="int8"))
    lazy_t = la.asarray(base).T
    assert la.asfortranarray(lazy_t) is lazy_t
    assert la.ascontiguousarray(lazy_t) is not lazy_t


def test_fortran_array_writes_and_reads(mode, rng):
    src = data("int64", (3, 4), rng)
    f = la.asfortranarray(src)
    f[1, :] = 0
    want = onp.asfortranarray(src)
    want[1, :] = 0
    assert_same(f, want)
    assert_same(f.sum(axis=0), want.sum(axis=0))


def test_asanyarray_and_copy(mode, rng):
    src = data("uint8", (2, 3), rng)
    x = la.asarray(src)
    assert la.asanyarray(x) is x
    assert_same(la.asanyarray(src, dtype="float32"), onp.asanyarray(src, dtype="float32"))
    c = la.copy(x)
    assert c is not x
    assert_same(c, onp.copy(src))
    c[0, 0] = 1 + int(src[0, 0]) % 200
    assert_same(x, src)
    assert _layout(la.copy(onp.asfortranarray(src))) == _layout(onp.copy(onp.asfortranarray(src)))
    assert _layout(la.copy(x.T, order="C")) == _layout(onp.copy(src.T, order="C"))


def test_frombuffer_fromiter(mode):
    raw = onp.arange(10, dtype="int16").tobytes()
    for kw in ({}, {"count": 3}, {"offset": 4}, {"count": 2, "offset": 2}):
        assert_same(la.frombuffer(raw, "int16", **kw), onp.frombuffer(raw, "int16", **kw))
    assert_same(la.frombuffer(raw[:16]), onp.frombuffer(raw[:16]))
    with pytest.raises(ValueError):
        la.frombuffer(b"abc", "int16")
    assert_same(la.fromiter((i * i for i in range(5)), int), onp.fromiter((i * i for i in range(5)), int))
    assert_same(la.fromiter(range(10), "float32", count=4), onp.fromiter(range(10), "float32", count=4))


# ---------------------------------------------------------------- fills: order, lazy fill values
@pytest.mark.parametrize("fn", ["zeros", "ones", "empty"])
def test_fill_order(mode, fn):
    for shape in [(3, 4), BIG, (5,), (1, 7), (2, 1, 3), (0, 3)]:
        got, want = getattr(la, fn)(shape, order="F"), getattr(onp, fn)(shape, order="F")
        if fn != "empty":
            assert_same(got, want)
        assert _layout(got) == _layout(want)
    for order in ("A", "K", "X"):
        with pytest.raises(ValueError):
            getattr(la, fn)((2, 2), order=order)


def test_like_functions_keep_fortran_layout(mode, rng):
    f = onp.asfortranarray(data("float64", (3, 4), rng))
    for a in (f, la.asarray(f)):
        for order in ("K", "A", "C", "F"):
            assert _layout(la.zeros_like(a, order=order)) == _layout(onp.zeros_like(f, order=order))
            assert_same(la.full_like(a, 2.5, order=order), onp.full_like(f, 2.5, order=order))


def test_full_with_lazy_fill_value(mode, rng):
    row = data("int32", (4,), rng)
    lazy = la.asarray(row) + 1
    assert_same(la.full((3, 4), lazy), onp.full((3, 4), row + 1))
    assert_same(la.full(BIG[:1] + (4,), lazy, dtype="float32"),
                onp.full(BIG[:1] + (4,), row + 1, dtype="float32"))
    with pytest.raises(ValueError):
        la.full((3,), lazy)


# ---------------------------------------------------------------- arange / linspace / logspace / geomspace
def test_arange_keyword_and_errors(mode):
    assert_same(la.arange(start=2, stop=7), onp.arange(start=2, stop=7))
    assert_same(la.arange(stop=4), onp.arange(stop=4))
    assert_same(la.arange(1, 2, 0.3, dtype="float32"), onp.arange(1, 2, 0.3, dtype="float32"))
    assert_same(la.arange(la.asarray(onp.int8(5))), onp.arange(onp.int8(5)))
    for args in [(1, 5, 0), (onp.inf,)]:
        with pytest.raises((ZeroDivisionError, ValueError)) as np_err:
            onp.arange(*args)
        with pytest.raises(np_err.type):
            la.arange(*args)
    with pytest.raises(TypeError):
        la.arange()


def test_linspace_lazy_endpoints_axis_retstep(mode, rng):
    start, stop = data("float64", (2, 3), rng, special=False), data("float64", (3,), rng, special=False)
    for axis in (0, 1, -1, 2):
        assert_same(la.linspace(la.asarray(start), la.asarray(stop) * 2, 5, axis=axis),
                    onp.linspace(start, stop * 2, 5, axis=axis))
    got, step = la.linspace(la.asarray(start), stop, 4, endpoint=False, retstep=True)
    want, nstep = onp.linspace(start, stop, 4, endpoint=False, retstep=True)
    assert_same(got, want)
    assert_same(step, nstep)
    with pytest.raises(ValueError):
        la.linspace(0, 1, -1)


@pytest.mark.parametrize("args, kwargs", [
    ((0, 3), {}), ((0, 3, 4), {}), ((1, -2, 7), {"base": 2.0}), ((0, 2, 5), {"endpoint": False}),
    ((0, 3, 4), {"dtype": "float32"}), ((0, 3, 4), {"dtype": int}), (([0, 1], [2, 3], 3), {"axis": 1}),
    ((0, 2, 3), {"base": [2.0, 10.0], "axis": 1}),
], ids=str)
def test_logspace(mode, args, kwargs):
    assert_same(la.logspace(*args, **kwargs), onp.logspace(*args, **kwargs))


@pytest.mark.parametrize("args, kwargs", [
    ((1, 1000, 4), {}), ((1, 256, 9), {"endpoint": False}), ((-1, -1000, 4), {}),
    ((2, 50, 5), {"dtype": "float32"}), ((1, 100, 3), {"dtype": int}),
    (([1, 10], [100, 1000], 3), {"axis": 1}),
], ids=str)
def test_geomspace(mode, args, kwargs):
    assert_same(la.geomspace(*args, **kwargs), onp.geomspace(*args, **kwargs))


def test_geomspace_zero_raises(mode):
    with pytest.raises(ValueError):
        onp.geomspace(0, 10)
    with pytest.raises(ValueError):
        la.geomspace(0, 10)
