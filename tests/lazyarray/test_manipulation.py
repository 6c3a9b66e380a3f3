"""View-returning shape functions of ``ops/manipulation.py`` against NumPy:
values, view geometry (strides, flags, base), writes through the views,
errors raised at the call."""
import warnings

import numpy as onp
import pytest

import lazyarray as la
from la_testing import assert_same, assert_view_meta, data

SHAPES = [(), (0,), (1,), (5,), (3, 4), (2, 3, 4), (1, 1)]
#: ways to get an input: the base itself or a (negative-stride) view of it
SOURCES = {
    "base": lambda a: a,
    "reversed": lambda a: a[::-1] if a.ndim else a,
    "strided": lambda a: a[..., ::2] if a.ndim else a,
    "transposed": lambda a: a.T,
}


def _pair(shape, rng, dtype="float64", source="base"):
    n = data(dtype, shape, rng).copy()      # owns its data: NumPy's views have base n
    x = la.asarray(n)
    return n, x, SOURCES[source](n), SOURCES[source](x)


VIEW_FUNCTIONS = {
    "flip": (lambda m, a: m.flip(a), 0),
    "flip0": (lambda m, a: m.flip(a, 0), 1),
    "flip_axes": (lambda m, a: m.flip(a, (0, -1)), 2),
    "fliplr": (lambda m, a: m.fliplr(a), 2),
    "flipud": (lambda m, a: m.flipud(a), 1),
    "rot90": (lambda m, a: m.rot90(a), 2),
    "rot90_k2": (lambda m, a: m.rot90(a, 2), 2),
    "rot90_k-1_axes": (lambda m, a: m.rot90(a, -1, (1, 0)), 2),
    "rot90_k3": (lambda m, a: m.rot90(a, 3, (0, -1)), 2),
    "diagonal": (lambda m, a: m.diagonal(a), 2),
    "diagonal_offset": (lambda m, a: m.diagonal(a, 1), 2),
    "diagonal_neg_axes": (lambda m, a: m.diagonal(a, -1, -1, 0), 2),
    "atleast_1d": (lambda m, a: m.atleast_1d(a), 0),
    "atleast_2d": (lambda m, a: m.atleast_2d(a), 0),
    "atleast_3d": (lambda m, a: m.atleast_3d(a), 0),
    "view": (lambda m, a: a.view(), 0),
    "diag_of_matrix": (lambda m, a: m.diag(a, -1) if a.ndim == 2 else m.diag(a[0]), 2),
    "ravel": (lambda m, a: m.ravel(a), 0),
    "ravel_F": (lambda m, a: m.ravel(a, "F"), 0),
    "ravel_A": (lambda m, a: m.ravel(a, "A"), 0),
    "ravel_K": (lambda m, a: m.ravel(a, "K"), 0),
    "reshape_F": (lambda m, a: m.reshape(a, (-1, 1), order="F"), 0),
    "broadcast_to": (lambda m, a: m.broadcast_to(a, (2,) + a.shape), 0),
}


#: the cases the default run checks; the rest of SHAPES x SOURCES is a slow test
FAST = [((), "base"), ((0,), "base"), ((5,), "reversed"), ((3, 4), "transposed"),
        ((2, 3, 4), "reversed"), ((2, 3, 4), "strided")]


@pytest.mark.parametrize("shape,source", FAST, ids=str)
@pytest.mark.parametrize("name", VIEW_FUNCTIONS)
def test_view_functions(mode, name, shape, source, rng):
    _check_view_function(name, shape, source, rng)


@pytest.mark.slow
@pytest.mark.parametrize("shape,source", [(s, src) for s in SHAPES for src in SOURCES
                                          if (s, src) not in FAST], ids=str)
@pytest.mark.parametrize("name", VIEW_FUNCTIONS)
def test_view_functions_all_shapes(mode, name, shape, source, rng):
    _check_view_function(name, shape, source, rng)


def _check_view_function(name, shape, source, rng):
    fn, min_ndim = VIEW_FUNCTIONS[name]
    if len(shape) < min_ndim:
        return
    n, x, nv, lv = _pair(shape, rng, source=source)
    want, got = fn(onp, nv), fn(la, lv)
    assert_same(got, want)
    if want.base is not n:                 # NumPy copied: so must lazyarray
        assert got.base is None
        return
    if got is lv:                          # NumPy returned the array itself
        assert want is nv
        return
    assert got.strides == want.strides and got.flags.writeable == want.flags.writeable
    assert got.flags.c_contiguous == want.flags.c_contiguous
    assert got.flags.f_contiguous == want.flags.f_contiguous
    assert got.base is x
    if want.flags.writeable and want.size:   # a write through the view reaches the base
        value = data("float64", want.shape, rng)
        want[...] = value
        got[...] = la.asarray(value)
        assert_same(x, n)
        assert_same(lv, nv)


@pytest.mark.parametrize("name", ["diagonal", "diagonal_offset", "diag_of_matrix",
                                  "broadcast_to"])
def test_read_only_views_refuse_writes(mode, name, rng):
    n, x, _, _ = _pair((3, 4), rng)
    got = VIEW_FUNCTIONS[name][0](la, x)
    assert not got.flags.writeable
    with pytest.raises(ValueError, match="read-only"):
        got[...] = 1
    with pytest.raises(ValueError, match="read-only"):
        got += 1


def test_writes_through_views_of_views(mode, rng):
    n, x, _, _ = _pair((4, 5), rng)
    nv = onp.rot90(onp.flip(n[1:, ::-2], 0))
    lv = la.rot90(la.flip(x[1:, ::-2], 0))
    assert_view_meta(lv, nv, x, n)
    nv[0] = -1.5
    lv[0] = -1.5
    other_n, other_l = la.flipud(x), onp.flipud(n)
    assert_same(x, n)
    assert_same(other_n, other_l)
    nv += 2
    lv += 2
    assert_same(x, n)


@pytest.mark.parametrize("order", ["C", "F", "A"])
@pytest.mark.parametrize("source", ["base", "reversed", "transposed"])
@pytest.mark.parametrize("new_shape", [(6, 4), (-1,), (2, -1, 3)], ids=str)
def test_reshape_orders(mode, order, source, new_shape, rng):
    n, x, nv, lv = _pair((4, 6), rng, "int32", source)
    if source == "strided":
        new_shape = tuple(k // 2 if k == 6 or k == 24 else k for k in new_shape)
    want = onp.reshape(nv, new_shape, order=order)
    got = la.reshape(lv, new_shape, order=order)
    assert_same(got, want)
    assert (got.base is x) == (want.base is n)
    if want.base is n:                     # copies are C-ordered in lazyarray
        assert got.strides == want.strides


@pytest.mark.parametrize("order", ["C", "F", "A", "K"])
@pytest.mark.parametrize("make", [lambda a: a, lambda a: a.T, lambda a: a[:, ::-1],
                                  lambda a: a.transpose(1, 2, 0)[::-1, :, ::2],
                                  lambda a: a[::2].swapaxes(0, 2), lambda a: a[:, :1]],
                         ids=["base", "T", "reversed", "mixed", "swapped", "narrow"])
def test_ravel_and_flatten_orders(mode, order, make, rng):
    n = data("int16", (4, 3, 2), rng).copy()
    x = la.asarray(n)
    nv, lv = make(n), make(x)
    want, got = onp.ravel(nv, order), la.ravel(lv, order)
    assert_same(got, want)
    assert (got.base is x) == (want.base is n)
    assert_same(lv.flatten(order), nv.flatten(order))
    assert lv.flatten(order).base is None


def test_broadcast_arrays_and_shapes(mode, rng):
    a, b, c = data("int8", (3, 1), rng), data("float32", (4,), rng), data("int64", (), rng)
    got = la.broadcast_arrays(la.asarray(a), la.asarray(b), c)
    want = onp.broadcast_arrays(a, b, c)
    assert isinstance(got, tuple) and len(got) == 3
    for g, w in zip(got, want):
        assert_same(g, w)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")   # NumPy warns when its flag is read
            assert g.strides == w.strides and g.flags.writeable == w.flags.writeable
    same = la.asarray(a)
    assert la.broadcast_arrays(same, same)[0] is same
    assert la.broadcast_shapes((3, 1), (4,), ()) == onp.broadcast_shapes((3, 1), (4,), ())
    with pytest.raises(ValueError):
        la.broadcast_arrays(la.asarray(a), la.zeros((2, 1)))
    with pytest.raises(ValueError):
        la.broadcast_shapes((2,), (3,))


@pytest.mark.parametrize("value", [4.0, "array"])
def test_write_through_broadcast_arrays_result(mode, value, rng):
    """Several view elements are one base element: the last write wins, as in NumPy."""
    n = data("float64", (3,), rng)
    x = la.asarray(n) * 1
    n = n * 1
    if value == "array":
        value = data("float64", (4, 2, 3), rng)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        nb = onp.broadcast_arrays(n, onp.zeros((4, 2, 1)))[0]
        nb[...] = value
    lb = la.broadcast_arrays(x, la.zeros((4, 2, 1)))[0]
    lb[...] = la.asarray(value) * 1 if isinstance(value, onp.ndarray) else value
    assert_same(x, n)


def test_atleast_forms(mode):
    got = la.atleast_2d(1.0, [1, 2], la.ones((2, 2)))
    want = onp.atleast_2d(1.0, [1, 2], onp.ones((2, 2)))
    assert isinstance(got, tuple) and len(got) == 3
    for g, w in zip(got, want):
        assert_same(g, w)
    x = la.ones((2, 2))
    assert la.atleast_1d(x) is x and la.atleast_2d(x) is x


@pytest.mark.parametrize("pending", [False, True])
def test_view_as_same_dtype_is_a_view(mode, pending, rng):
    n = data("float64", (3, 5), rng)
    x = la.asarray(n)
    nv, lv = (n[:, 1:] * 3, x[:, 1:] * 3) if pending else (n, x)
    got = lv.view("float64")
    assert_same(got, nv.view("float64"))
    assert got.base is (x if not pending else lv) and got.flags.writeable


def test_view_limits_are_loud():
    x = la.ones((2, 4))
    with pytest.raises(NotImplementedError, match="view"):
        x.view("int32")
    with pytest.raises(NotImplementedError, match="view"):
        x.view("bool")
    with pytest.raises(NotImplementedError, match="view"):
        x.view(type=onp.ndarray)


@pytest.mark.parametrize("call", [
    lambda m, a: m.reshape(a, (5, 5)),
    lambda m, a: m.reshape(a, (2, 12), order="K"),
    lambda m, a: m.reshape(a, (2, 12), order="X"),
    lambda m, a: m.reshape(a.T, (24,), copy=False),
    lambda m, a: m.ravel(a, "Z"),
    lambda m, a: m.flip(a, 3),
    lambda m, a: m.rot90(a, 1, (0, 0)),
    lambda m, a: m.rot90(a, 1, (0, 5)),
    lambda m, a: m.diagonal(a, 0, 0, 0),
    lambda m, a: m.diagonal(a[0, 0]),
    lambda m, a: m.broadcast_to(a, (3,)),
    lambda m, a: m.fliplr(a[0, 0]),
], ids=["size", "order K", "bad order", "copy False", "ravel order", "flip axis", "rot90 same",
        "rot90 axis", "diagonal same", "diagonal 1-d", "broadcast", "fliplr 1-d"])
def test_errors_at_the_call(call):
    n = onp.zeros((2, 3, 4))
    with pytest.raises(Exception) as want:
        call(onp, n)
    with pytest.raises(type(want.value)):
        call(la, la.asarray(n))
