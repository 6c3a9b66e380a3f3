"""Ufunc methods (``lazyarray/ops/ufunc_methods.py``) against NumPy's:
reduce, accumulate, outer, reduceat and at, compiled and eager.

Float data for the folds that the kernels reassociate (add, multiply) are
small integral values, so that every order of the operations gives NumPy's
bits.  Also: which paths are native (fused ``REDUCE``, no library call) and
NumPy's errors.
"""
import numpy as onp
import pytest

import lazyarray as la
from la_testing import DTYPES, assert_same, data

NATIVE = ["add", "multiply", "maximum", "minimum", "logical_and", "logical_or", "bitwise_and",
          "bitwise_or", "fmax", "fmin"]
LIBRARY = ["subtract", "true_divide", "power", "bitwise_xor", "logical_xor", "arctan2",
           "floor_divide"]


def _values(dtype, shape, rng, special=False):
    """Random values; floats integral in [-3, 3] (exact sums and products in any order)."""
    x = data(dtype, shape, rng, special=special)
    if onp.dtype(dtype).kind == "f":
        x = onp.rint(data(dtype, shape, rng, special=False, low=-3, high=3)) + 0.0
    return x


def _lazy(x):
    """A pending lazy array (the compiled path sees a computation)."""
    a = la.asarray(x)
    return a if a.dtype == bool else a * 1


def _same_or_raises(lazy_call, numpy_call):
    """NumPy's result, or NumPy's exception type raised by lazyarray at the call."""
    try:
        want = numpy_call()
    except Exception as exc:     # noqa: BLE001 - NumPy's exception is the expectation
        with pytest.raises(type(exc)):
            lazy_call()
        return
    assert_same(lazy_call(), want)


def _loops(name, dtype):
    """Whether NumPy's ufunc has a loop for this input dtype (reduce can run)."""
    try:
        getattr(onp, name).reduce(onp.zeros(1, dtype))
    except TypeError:
        return False
    return True


# ---------------------------------------------------------------- reduce
@pytest.mark.parametrize("dtype", DTYPES, ids=str)
@pytest.mark.parametrize("name", NATIVE)
def test_reduce_native_every_dtype(mode, name, dtype, rng):
    x = _values(dtype, (3, 4, 5), rng)
    _same_or_raises(lambda: getattr(la, name).reduce(_lazy(x)),
                    lambda: getattr(onp, name).reduce(x))


@pytest.mark.parametrize("axis", [0, 1, -1, None, (0, 2), ()], ids=str)
@pytest.mark.parametrize("keepdims", [False, True])
@pytest.mark.parametrize("name, dtype", [("add", "float64"), ("maximum", "int16"),
                                         ("multiply", "int32"), ("logical_or", "float32")])
def test_reduce_axes_and_keepdims(mode, name, dtype, axis, keepdims, rng):
    x = _values(dtype, (3, 4, 5), rng)
    assert_same(getattr(la, name).reduce(_lazy(x), axis=axis, keepdims=keepdims),
                getattr(onp, name).reduce(x, axis=axis, keepdims=keepdims))


def test_reduce_specials_and_views(mode, rng):
    x = data("float64", (6, 7), rng)                       # NaN, +-inf, -0.0 mixed in
    for view in (lambda a: a, lambda a: a[::-2, 1::3], lambda a: a.T):
        for name in ("maximum", "minimum", "logical_and", "fmax", "fmin"):
            for axis in (0, 1, None):
                assert_same(getattr(la, name).reduce(view(_lazy(x)), axis=axis),
                            getattr(onp, name).reduce(view(x), axis=axis))


@pytest.mark.parametrize("dtype", ["int8", "uint16", "float32"])
def test_reduce_dtype_argument(mode, dtype, rng):
    x = _values("int8", (4, 6), rng)
    for name in ("add", "multiply", "maximum"):
        assert_same(getattr(la, name).reduce(_lazy(x), axis=1, dtype=dtype),
                    getattr(onp, name).reduce(x, axis=1, dtype=dtype))


def test_reduce_initial_and_where(mode, rng):
    x = _values("int32", (4, 6), rng)
    m = rng.integers(0, 2, (4, 6)).astype(bool)
    cases = [("add", {"initial": 5}), ("add", {"where": m}), ("multiply", {"where": m[0]}),
             ("maximum", {"initial": -7, "where": m}), ("minimum", {"initial": 3}),
             ("bitwise_and", {"where": m}), ("bitwise_or", {"where": m, "initial": 64}),
             ("logical_and", {"where": m})]
    for name, kwargs in cases:
        for axis in (0, 1, None):
            assert_same(getattr(la, name).reduce(_lazy(x), axis=axis, **kwargs),
                        getattr(onp, name).reduce(x, axis=axis, **kwargs))
    assert_same(la.add.reduce(_lazy(x), axis=1, where=la.asarray(m) | False),
                onp.add.reduce(x, axis=1, where=m))
    with pytest.raises(ValueError, match="identity"):
        la.maximum.reduce(_lazy(x), where=m)


def test_reduce_fmax_fmin_ignore_nan(mode, rng):
    x = data("float32", (5, 6), rng)
    x[1] = onp.nan                                          # an all-NaN row
    m = rng.integers(0, 2, (5, 6)).astype(bool)
    for name in ("fmax", "fmin"):
        for kwargs in ({}, {"initial": 0.5}, {"initial": onp.nan}, {"initial": -2.0, "where": m},
                       {"keepdims": True}, {"dtype": "float64"}):
            for axis in (0, 1, None):
                assert_same(getattr(la, name).reduce(_lazy(x), axis=axis, **kwargs),
                            getattr(onp, name).reduce(x, axis=axis, **kwargs))
    with pytest.raises(ValueError):
        la.fmax.reduce(_lazy(x), where=m)


def test_reduce_empty_and_identity(mode):
    assert_same(la.add.reduce(la.asarray(onp.zeros(0))), onp.add.reduce(onp.zeros(0)))
    e = onp.zeros((0, 3), onp.int16)
    assert_same(la.multiply.reduce(la.asarray(e)), onp.multiply.reduce(e))
    assert_same(la.maximum.reduce(la.asarray(e), initial=4), onp.maximum.reduce(e, initial=4))
    assert_same(la.maximum.reduce(la.asarray(e), axis=1), onp.maximum.reduce(e, axis=1))
    for call in (lambda m: m.maximum.reduce([]), lambda m: m.minimum.reduce(m.zeros((0, 3))),
                 lambda m: m.add.reduce(m.zeros(0), initial=None),
                 lambda m: m.subtract.reduce(m.zeros(0))):
        with pytest.raises(ValueError):
            call(onp)
        with pytest.raises(ValueError):
            call(la)


def test_reduce_zero_d_and_size_one(mode):
    for value in (onp.array(3.5), onp.array([3.5]), onp.array([[7]], onp.uint8)):
        for name in ("add", "maximum", "subtract"):
            assert_same(getattr(la, name).reduce(la.asarray(value)),
                        getattr(onp, name).reduce(value))
    with pytest.raises(onp.exceptions.AxisError):
        la.add.reduce(la.asarray(onp.array(3.0)), axis=1)


def test_reduce_out(mode, rng):
    x = _values("int16", (3, 5), rng)
    for name in ("add", "subtract"):
        for out_dtype in ("int16", "float64", "int8"):
            want = onp.zeros(5, out_dtype)
            got = la.zeros(5, out_dtype)
            r = getattr(la, name).reduce(_lazy(x), out=got)
            getattr(onp, name).reduce(x, out=want)
            assert r is got
            assert_same(got, want)
    got = la.zeros((1, 5))
    la.add.reduce(_lazy(x), axis=0, keepdims=True, out=(got,))
    assert_same(got, onp.add.reduce(x, axis=0, keepdims=True, out=onp.zeros((1, 5))))
    with pytest.raises(ValueError):
        la.add.reduce(_lazy(x), out=la.zeros(4))


@pytest.mark.parametrize("name", LIBRARY)
def test_reduce_left_fold_through_library(mode, name, rng):
    for dtype in ("int64", "float64", "bool", "uint8"):
        if not _loops(name, dtype):
            continue
        x = data(dtype, (4, 5), rng, low=1 if dtype[0] != "b" else None,
                 high=3 if dtype[0] != "b" else None)
        for axis in (0, 1, None):
            _same_or_raises(lambda: getattr(la, name).reduce(_lazy(x), axis=axis),
                            lambda: getattr(onp, name).reduce(x, axis=axis))
    x = data("float64", (4, 5), rng)
    assert_same(la.subtract.reduce(_lazy(x), axis=1, keepdims=True, initial=2.5,
                                   where=x > 0),
                onp.subtract.reduce(x, axis=1, keepdims=True, initial=2.5, where=x > 0))


def test_reduce_fuses_and_library_counts(compiled, rng):
    x = rng.uniform(-1, 1, (64, 100))
    la.stats(reset=True)
    total = la.add.reduce(la.asarray(x) * 2.0 + 1.0, axis=1)
    onp.testing.assert_allclose(onp.asarray(total), onp.add.reduce(x * 2.0 + 1.0, axis=1),
                                rtol=1e-12)
    stats = la.stats()
    assert not stats["library_calls"] and stats["kernels_launched"] == 1
    la.fmax.reduce(la.asarray(x) * 2, axis=0).__array__()
    assert not la.stats()["library_calls"]
    la.subtract.reduce(la.asarray(x), axis=1)
    assert la.stats()["library_calls"] == {"subtract.reduce": 1}


def test_reduce_errors(mode):
    x = la.asarray(onp.ones((3, 4)))
    with pytest.raises(ValueError, match="binary"):
        la.sin.reduce(x)
    with pytest.raises(ValueError, match="single value"):
        la.divmod.reduce(x)
    with pytest.raises(ValueError, match="reorderable"):
        la.subtract.reduce(x, axis=(0, 1))
    with pytest.raises(onp.exceptions.AxisError):
        la.add.reduce(x, axis=2)
    with pytest.raises(TypeError):
        la.bitwise_or.reduce(x)


def test_numpy_methods_dispatch_to_lazyarray(compiled, rng):
    x = rng.uniform(-1, 1, (8, 9))
    a = la.asarray(x) * 1
    r = onp.maximum.reduce(a, axis=1)
    assert isinstance(r, la.ndarray)
    assert_same(r, onp.maximum.reduce(x, axis=1))
    assert_same(onp.add.accumulate(a, axis=0), onp.add.accumulate(x, axis=0))
    assert_same(onp.multiply.outer(a[0], a[1]), onp.multiply.outer(x[0], x[1]))
    out = la.zeros(9)
    assert onp.add.reduce(a * 0 + 1, out=out) is out
    assert_same(out, onp.full(9, 8.0))


# ---------------------------------------------------------------- accumulate
@pytest.mark.parametrize("dtype", DTYPES, ids=str)
def test_accumulate_add_multiply(mode, dtype, rng):
    x = _values(dtype, (4, 5), rng)
    for name in ("add", "multiply"):
        for axis in (0, 1, -1):
            for kwargs in ({}, {"dtype": "float64"}):
                assert_same(getattr(la, name).accumulate(_lazy(x), axis=axis, **kwargs),
                            getattr(onp, name).accumulate(x, axis=axis, **kwargs))


def test_accumulate_others_and_out(mode, rng):
    x = data("float64", (4, 5), rng)
    for name in ("subtract", "maximum", "fmin", "logical_or", "true_divide"):
        assert_same(getattr(la, name).accumulate(_lazy(x), axis=1),
                    getattr(onp, name).accumulate(x, axis=1))
    i = _values("int8", (6,), rng)
    for name in ("add", "subtract"):
        got, want = la.zeros(6, "int8"), onp.zeros(6, "int8")
        assert getattr(la, name).accumulate(_lazy(i), out=got) is got
        getattr(onp, name).accumulate(i, out=want)
        assert_same(got, want)
    e = onp.zeros((0, 3))
    assert_same(la.add.accumulate(la.asarray(e)), onp.add.accumulate(e))


def test_accumulate_errors(mode):
    with pytest.raises(TypeError):
        la.add.accumulate(la.asarray(onp.float64(3)))
    with pytest.raises(ValueError):
        la.add.accumulate(la.asarray(onp.ones((2, 3))), axis=None)
    with pytest.raises(ValueError, match="binary"):
        la.exp.accumulate(la.asarray(onp.ones(3)))
    with pytest.raises(onp.exceptions.AxisError):
        la.add.accumulate(la.asarray(onp.ones(3)), axis=1)


# ---------------------------------------------------------------- outer
@pytest.mark.parametrize("shapes", [((3,), (4,)), ((2, 3), (4,)), ((), (3,)), ((0,), (2, 2)),
                                    ((1,), (1, 1))], ids=str)
def test_outer_shapes(mode, shapes, rng):
    x, y = _values("float64", shapes[0], rng), _values("int32", shapes[1], rng)
    for name in ("add", "subtract", "greater", "arctan2", "maximum"):
        assert_same(getattr(la, name).outer(_lazy(x), _lazy(y)), getattr(onp, name).outer(x, y))


def test_outer_scalars_kwargs_and_two_outputs(mode, rng):
    x, y = _values("int8", (3,), rng), _values("int16", (4,), rng)
    assert_same(la.add.outer(2, 3), onp.asarray(onp.add.outer(2, 3)))
    assert_same(la.add.outer(_lazy(x), 1000), onp.add.outer(x, 1000))
    assert_same(la.multiply.outer(_lazy(x), _lazy(y), dtype="float32"),
                onp.multiply.outer(x, y, dtype="float32"))
    got, want = la.zeros((3, 4)), onp.zeros((3, 4))
    la.add.outer(_lazy(x), _lazy(y), out=got)
    onp.add.outer(x, y, out=want)
    assert_same(got, want)
    q, r = la.divmod.outer(_lazy(x), _lazy(y) + 1000)
    wq, wr = onp.divmod.outer(x, y + 1000)
    assert_same(q, wq)
    assert_same(r, wr)
    with pytest.raises(ValueError, match="binary"):
        la.sqrt.outer(_lazy(x), _lazy(y))


def test_outer_is_fused(compiled, rng):
    x, y = rng.uniform(-1, 1, 300), rng.uniform(-1, 1, 200)
    la.stats(reset=True)
    r = la.add.reduce(la.multiply.outer(la.asarray(x) + 1, la.asarray(y)), axis=1)
    onp.testing.assert_allclose(onp.asarray(r), onp.multiply.outer(x + 1, y).sum(1), rtol=1e-12)
    stats = la.stats()
    assert not stats["library_calls"] and stats["kernels_launched"] == 1


# ---------------------------------------------------------------- reduceat
def test_reduceat(mode, rng):
    x = _values("int32", (5, 8), rng)
    for name, indices, axis in (("add", [0, 4, 1, 5], 1), ("maximum", [0, 2], 0),
                                ("multiply", onp.array([3, 3, 7]), -1)):
        assert_same(getattr(la, name).reduceat(_lazy(x), indices, axis=axis),
                    getattr(onp, name).reduceat(x, indices, axis=axis))
    assert_same(la.add.reduceat(_lazy(x), la.asarray(onp.array([1, 2])), dtype="float32"),
                onp.add.reduceat(x, [1, 2], dtype="float32"))
    with pytest.raises(IndexError):
        la.add.reduceat(_lazy(x), [9])
    with pytest.raises(ValueError, match="binary"):
        la.negative.reduceat(_lazy(x), [0])


# ---------------------------------------------------------------- at
def test_at_repeated_indices_accumulate(mode, rng):
    x = _values("float64", (10,), rng)
    idx = onp.array([0, 3, 3, 3, 9, 0])
    for name, b in (("add", 1.5), ("multiply", onp.arange(6.0)), ("maximum", 2.0),
                    ("subtract", la.asarray(onp.arange(6.0)))):
        want, got = x.copy(), la.asarray(x)
        getattr(onp, name).at(want, idx, onp.asarray(b))
        assert getattr(la, name).at(got, idx, b) is None
        assert_same(got, want)
    want, got = x.copy(), la.asarray(x)
    onp.negative.at(want, [1, 2])
    la.negative.at(got, la.asarray(onp.array([1, 2])))
    assert_same(got, want)


def test_at_writes_through_views(mode, rng):
    x = _values("int32", (4, 6), rng)
    base = la.asarray(x)
    view = base[1:, ::2]
    before = base * 1
    la.add.at(view, (onp.array([0, 0, 2]), onp.array([1, 1, 0])), 10)
    want = x.copy()
    onp.add.at(want[1:, ::2], (onp.array([0, 0, 2]), onp.array([1, 1, 0])), 10)
    assert_same(base, want)
    assert_same(view, want[1:, ::2])
    assert_same(before, x)                  # values computed before keep the old contents
    onp.add.at(base, [0, 0], 1)             # NumPy's ufunc.at on a lazy array dispatches here
    want[0] += 2
    assert_same(base, want)


def test_at_errors(mode):
    a = la.asarray(onp.zeros(4))
    with pytest.raises(IndexError):
        la.add.at(a, [7], 1)
    with pytest.raises(TypeError):
        la.add.at(onp.zeros(4), [0], 1)
    with pytest.raises(ValueError):
        la.add.at(la.broadcast_to(a, (2, 4)), [0], 1)
    assert_same(a, onp.zeros(4))
    i, want = la.asarray(onp.zeros(4, onp.int8)), onp.zeros(4, onp.int8)
    la.add.at(i, [0, 0], 1.5)               # NumPy casts b to a's dtype (unsafe)
    onp.add.at(want, [0, 0], 1.5)
    assert_same(i, want)
