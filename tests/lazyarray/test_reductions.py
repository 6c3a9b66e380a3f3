"""Reductions (``lazyarray/ops/reductions.py``): sum, prod, max/amax, min/amin,
mean with axis (int, tuple, negative, None), keepdims and dtype, against NumPy.

Integer and bool reductions, and float max/min, must be bit-exact; float sums,
products and means are reassociated by the kernels and are compared within
``SUM_RTOL`` of the sum of absolute values.
"""
import numpy as onp
import pytest

import lazyarray as la
import warnings

from la_testing import DTYPES, assert_same, assert_sum_close, data, known_bug, numpy_or_error

FUNCS = ["sum", "prod", "max", "min", "mean"]
#: every axis form, on a few dtypes; the other dtypes get ``AXES_SHORT`` (each distinct
#: pattern of reduced axes is a distinct kernel to compile).
AXES = [None, 1, -1, (0, 2), (-1, -3), 0, (0, 1, 2)]
AXES_SHORT = [None, (2, 0)]
#: prod and mean on fewer dtypes (their integer cases all accumulate in 64 bits)
FEW_DTYPES = [onp.dtype(t) for t in ("bool", "int8", "uint16", "int64", "uint64", "float32",
                                     "float64")]
FUNC_DTYPES = [(name, d) for name in FUNCS
               for d in (FEW_DTYPES if name in ("prod", "mean") else DTYPES)]
FULL_AXES_DTYPES = {onp.dtype(t) for t in ("int16", "float64")}


def _abs_scale(name, x, axis, keepdims, dtype=None):
    """The scale a float reduction's error is measured against."""
    a = onp.abs(x.astype(onp.float64))
    if name == "sum":
        return onp.sum(a, axis=axis, keepdims=keepdims)
    if name == "mean":
        return onp.mean(a, axis=axis, keepdims=keepdims)
    if name == "prod":
        return onp.prod(a, axis=axis, keepdims=keepdims)
    return None


def _check(name, actual, x, axis=None, keepdims=False, **kw):
    expected = getattr(onp, name)(x, axis=axis, keepdims=keepdims, **kw)
    if name in ("max", "min") or onp.asarray(expected).dtype.kind != "f":
        assert_same(actual, expected)
    else:
        assert_sum_close(actual, expected, _abs_scale(name, x, axis, keepdims))


@pytest.mark.parametrize("name, dtype", FUNC_DTYPES, ids=str)
def test_reduction_axes_keepdims(mode, name, dtype, rng):
    if name == "prod" and onp.dtype(dtype).kind == "f":
        x = data(dtype, (3, 4, 5), rng, special=False, low=0.5, high=2.0)  # no overflow
    else:
        x = data(dtype, (3, 4, 5), rng)
    lx = la.asarray(x)
    if onp.dtype(dtype) in FULL_AXES_DTYPES:
        for axis in AXES:
            for keepdims in (False, True):
                _check(name, getattr(la, name)(lx, axis=axis, keepdims=keepdims), x, axis, keepdims)
    else:
        for axis in AXES_SHORT:
            _check(name, getattr(la, name)(lx, axis=axis), x, axis)
        _check(name, getattr(la, name)(lx, axis=(2, 0), keepdims=True), x, (2, 0), True)
    # method form, positional axis
    _check(name, getattr(lx, name)((2, 0)), x, (2, 0))


@pytest.mark.parametrize("shape", [(), (1,), (5,), (1, 1), (2, 1, 3), (7, 1)], ids=str)
def test_reduction_shapes(mode, shape, rng):
    x = data("float64", shape, rng, special=False)
    i = data("int32", shape, rng)
    lx, li = la.asarray(x), la.asarray(i)
    for name in FUNCS:
        _check(name, getattr(la, name)(lx), x)
        _check(name, getattr(la, name)(li), i)
        if shape:
            _check(name, getattr(la, name)(lx, axis=-1, keepdims=True), x, -1, True)
            _check(name, getattr(la, name)(li, axis=0), i, 0)


def test_amax_amin_aliases(mode, rng):
    assert la.amax is la.max and la.amin is la.min
    x = data("int16", (4, 6), rng)
    assert_same(la.amax(la.asarray(x), axis=0), onp.amax(x, axis=0))
    assert_same(la.amin(la.asarray(x), axis=1, keepdims=True), onp.amin(x, axis=1, keepdims=True))


def test_numpy_functions_dispatch_to_methods(mode, rng):
    """``numpy.sum(lazy)`` calls ``lazy.sum``: the result stays lazy."""
    x = data("int32", (4, 6), rng)
    lx = la.asarray(x)
    assert_same(onp.sum(lx, axis=1), onp.sum(x, axis=1))
    assert_same(onp.max(lx), onp.max(x))
    assert_same(onp.min(lx, axis=0, keepdims=True), onp.min(x, axis=0, keepdims=True))
    assert_same(onp.prod(lx, axis=0), onp.prod(x, axis=0))


@pytest.mark.parametrize("name, dtype, acc", [
    ("sum", "int8", "int8"), ("sum", "uint8", "float32"), ("sum", "int32", "int16"),
    ("sum", "float64", "float32"), ("sum", "float32", "float64"), ("sum", "int64", "uint64"),
    ("prod", "int16", "float64"), ("prod", "uint8", "uint8"), ("prod", "bool", "bool"),
    ("mean", "int32", "float32"), ("mean", "float32", "float64"), ("mean", "int8", "float64"),
    ("mean", "uint16", "float32"),
])
def test_reduction_dtype_argument(mode, name, dtype, acc, rng):
    kind = onp.dtype(dtype).kind
    x = data(dtype, (4, 9), rng, special=False) if kind == "f" else data(dtype, (4, 9), rng)
    if name == "prod" and onp.dtype(acc).kind == "f":
        x = data(dtype, (4, 9), rng, low=1, high=3)
    lx = la.asarray(x)
    for axis in (None, 0, 1):
        _check(name, getattr(la, name)(lx, axis=axis, dtype=acc), x, axis, dtype=acc)


def test_sum_bool_with_bool_dtype(mode, request):
    """``numpy.add.reduce`` on bools in bool is a logical or."""
    x = onp.array([[True, True, False], [True, False, False], [False, False, False]])
    assert_same(la.sum(la.asarray(x), axis=1, dtype=bool), onp.sum(x, axis=1, dtype=bool))
    assert_same(la.sum(la.asarray(x), dtype=bool), onp.sum(x, dtype=bool))


def test_bool_reductions(mode, rng):
    x = data("bool", (5, 7), rng)
    lx = la.asarray(x)
    for name in ("sum", "prod", "max", "min", "mean"):
        for axis in (None, 0, 1):
            _check(name, getattr(la, name)(lx, axis=axis), x, axis)


def test_integer_sum_and_prod_wrap(mode, rng):
    big = onp.full((3, 7), 2**62, onp.int64)
    assert_same(la.sum(la.asarray(big)), onp.sum(big))
    assert_same(la.sum(la.asarray(big), axis=0), onp.sum(big, axis=0))
    u = onp.full(9, 2**63 + 5, onp.uint64)
    assert_same(la.sum(la.asarray(u)), onp.sum(u))
    p = onp.arange(1, 40, dtype=onp.int64).reshape(3, 13)
    assert_same(la.prod(la.asarray(p)), onp.prod(p))
    assert_same(la.prod(la.asarray(p), axis=1), onp.prod(p, axis=1))
    i8 = onp.full(300, 100, onp.int8)
    assert_same(la.sum(la.asarray(i8), dtype=onp.int8), onp.sum(i8, dtype=onp.int8))


@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_float_max_min_nan_inf(mode, dtype):
    x = onp.array([[1.0, onp.nan, 3.0, -onp.inf],
                   [onp.inf, 2.0, -1.0, 0.0],
                   [-5.0, -onp.inf, onp.nan, onp.nan]], dtype)
    lx = la.asarray(x)
    for name in ("max", "min"):
        for axis in (None, 0, 1):
            assert_same(getattr(la, name)(lx, axis=axis), getattr(onp, name)(x, axis=axis))
    for name in ("sum", "mean", "prod"):
        for axis in (None, 0, 1):
            expected = getattr(onp, name)(x, axis=axis)
            assert_sum_close(getattr(la, name)(lx, axis=axis), expected, onp.inf)


@pytest.mark.parametrize("name", ["max", "min"])
def test_float_max_min_signed_zero(mode, name, request):
    """NumPy's max/min of equal values returns the later one: max([0.0, -0.0]) is -0.0."""
    rows = onp.array([[0.0, -0.0], [-0.0, 0.0], [-0.0, -0.0], [0.0, 0.0]])
    expected = getattr(onp, name)(rows, axis=1)
    known_bug(request, f"{name} reduction over signed zeros: kernels use IEEE "
                       "llvm.maximum/minimum (-0.0 < +0.0), so max([0.0, -0.0]) is +0.0 and "
                       "min([-0.0, 0.0]) is -0.0; NumPy returns -0.0 and +0.0",
              when=mode == "compiled", raises=AssertionError)
    actual = onp.asarray(getattr(la, name)(la.asarray(rows), axis=1))
    onp.testing.assert_array_equal(onp.signbit(actual), onp.signbit(expected))


def test_reduction_of_fused_expressions(mode, rng):
    a = data("float64", (6, 10), rng, special=False)
    b = data("float64", (6, 10), rng, special=False)
    la_a, la_b = la.asarray(a), la.asarray(b)
    assert_sum_close((la_a * la_b).sum(), (a * b).sum(), onp.abs(a * b).sum())
    assert_sum_close((la_a * la_b + 1.0).sum(axis=1), (a * b + 1.0).sum(axis=1),
                     onp.abs(a * b + 1.0).sum(axis=1))
    assert_same((la_a - la_b).max(axis=0), (a - b).max(axis=0))
    assert_same(la.maximum(la_a, la_b).min(axis=1, keepdims=True),
                onp.maximum(a, b).min(axis=1, keepdims=True))
    assert_same(la_a - la_a.max(1, keepdims=True), a - a.max(1, keepdims=True))
    # softmax: reductions feeding element-wise ops feeding reductions
    e = la.exp(la_a - la_a.max(axis=1, keepdims=True))
    s = e / e.sum(axis=1, keepdims=True)
    ne = onp.exp(a - a.max(axis=1, keepdims=True))
    ns = ne / ne.sum(axis=1, keepdims=True)
    onp.testing.assert_allclose(onp.asarray(s), ns, rtol=1e-12)
    assert s.dtype == ns.dtype and s.shape == ns.shape
    # a reduction of a reduction
    assert_same(la_a.max(axis=1).min(), a.max(axis=1).min())
    i = data("int32", (6, 10), rng)
    assert_same((la.asarray(i) * 3).sum(axis=0).max(), (i * 3).sum(axis=0).max())


def test_reduction_of_views(mode, rng):
    """Reductions over lazy transposes and broadcasts (non-flat kernels)."""
    a = data("int64", (4, 5), rng, low=-1000, high=1000)
    col = data("int64", (4, 1), rng, low=-1000, high=1000)
    row = data("int64", (5,), rng, low=-1000, high=1000)
    la_a = la.asarray(a)
    assert_same(la_a.T.sum(axis=0), a.T.sum(axis=0))
    assert_same(la_a.T.max(axis=1, keepdims=True), a.T.max(axis=1, keepdims=True))
    assert_same((la_a.T * 2).prod(axis=(0, 1)), (a.T * 2).prod(axis=(0, 1)))
    assert_same((la.asarray(col) + la.asarray(row)).sum(axis=0), (col + row).sum(axis=0))
    assert_same((la.asarray(col) - la.asarray(row)).min(axis=1), (col - row).min(axis=1))
    assert_same((la.asarray(row) * la.asarray(col)).T.sum(axis=1), (row * col).T.sum(axis=1))
    c = data("float64", (2, 3, 4), rng, special=False)
    assert_sum_close(la.asarray(c).T.mean(axis=(0, 2)), c.T.mean(axis=(0, 2)),
                     onp.abs(c).T.mean(axis=(0, 2)))


@pytest.mark.parametrize("dtype", ["float32", "float64", "int64", "uint8"])
def test_large_reductions_threaded(compiled, dtype, rng):
    """Big enough to split across threads (a private output per thread)."""
    if onp.dtype(dtype).kind == "f":
        x = data(dtype, (300, 500), rng, special=False)
        x[17, 33] = onp.nan if dtype == "float64" else x[17, 33]
    else:
        x = data(dtype, (300, 500), rng)
    lx = la.asarray(x)
    for name in ("sum", "max", "min", "mean"):
        for axis in (None, 0, 1):
            _check(name, getattr(la, name)(lx, axis=axis), x, axis)
    flat = data(dtype, (200_003,), rng, special=False)
    _check("sum", la.sum(la.asarray(flat)), flat)
    _check("max", la.max(la.asarray(flat)), flat)


# ---------------------------------------------------------------- empty and degenerate
@pytest.mark.parametrize("dtype", ["float64", "int32", "bool", "uint8"])
def test_empty_reductions(mode, dtype):
    x = onp.zeros((0, 3), dtype)
    lx = la.asarray(x)
    assert_same(la.sum(lx), onp.sum(x))
    assert_same(la.sum(lx, axis=0), onp.sum(x, axis=0))
    assert_same(la.prod(lx), onp.prod(x))
    assert_same(la.sum(lx, axis=1), onp.sum(x, axis=1))
    assert_same(la.max(lx, axis=1), onp.max(x, axis=1))
    assert_same(la.min(lx, axis=1, keepdims=True), onp.min(x, axis=1, keepdims=True))
    assert_same(la.mean(lx, axis=1), onp.mean(x, axis=1))
    with pytest.warns(RuntimeWarning):
        expected = onp.mean(x)
    with pytest.warns(RuntimeWarning):  # NumPy's "Mean of empty slice", as NumPy warns
        assert_same(la.mean(lx), expected)
    for name in ("max", "min"):
        with pytest.raises(ValueError):
            getattr(la, name)(lx)
        with pytest.raises(ValueError):
            getattr(la, name)(lx, axis=0)


def test_empty_pending_input(mode):
    """A pending (not yet computed) empty input reduces like a computed one."""
    x = la.asarray(onp.zeros((4, 0))) * 2.0 + 1.0
    assert_same(la.sum(x), onp.float64(0.0))
    assert_same(la.sum(x, axis=0), onp.zeros(0))
    assert_same(la.prod(x, axis=1), onp.ones(4))
    with pytest.raises(ValueError):
        la.max(x)


def test_empty_tuple_axis(mode, rng):
    x = data("int8", (3, 4), rng)
    lx = la.asarray(x)
    assert_same(la.sum(lx, axis=()), onp.sum(x, axis=()))
    assert_same(la.max(lx, axis=()), onp.max(x, axis=()))
    assert_sum_close(la.mean(lx, axis=()), onp.mean(x, axis=()), onp.abs(x))


def test_reductions_of_python_objects(mode):
    assert_same(la.sum([1, 2, 3]), onp.asarray(onp.sum([1, 2, 3])))
    assert_same(la.max(3.5), onp.asarray(onp.max(3.5)))
    assert_same(la.mean([[1, 2], [3, 5]], axis=0), onp.mean([[1, 2], [3, 5]], axis=0))
    assert_same(la.prod((True, False)), onp.asarray(onp.prod((True, False))))


def test_thread_count_does_not_change_exact_results(compiled, rng):
    x = data("int64", (300, 500), rng)
    f = data("float64", (300, 500), rng, special=False)
    results = []
    for threads in (1, 2, 3):
        with la.config(num_threads=threads):
            lx, lf = la.asarray(x), la.asarray(f)
            results.append([onp.asarray(r) for r in (
                lx.sum(), lx.sum(axis=0), lx.prod(axis=1), lx.max(axis=0), lf.max(), lf.min(axis=1),
                lx * 3 - 1)])
    expected = [x.sum(), x.sum(axis=0), x.prod(axis=1), x.max(axis=0), f.max(), f.min(axis=1),
                x * 3 - 1]
    for got in results:
        for g, e in zip(got, expected):
            assert_same(g, e, lazy=False)


def _adversarial(rng, dtype, n):
    yield rng.random(n).astype(dtype)                                   # all positive
    x = (rng.random(n) * 1e6).astype(dtype)
    x[::2] *= -1                                                        # cancelling
    yield x
    yield (rng.standard_normal(n) * onp.exp(rng.uniform(-20, 20, n))).astype(dtype)  # spread
    yield onp.concatenate([onp.full(n // 2, 1e8), onp.ones(n - n // 2)]).astype(dtype)


@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_float_sums_as_accurate_as_numpy(compiled, dtype, rng):
    """Against math.fsum: blocked accumulation (three levels of accumulators)
    stays within a small factor of NumPy's pairwise error, far from a serial
    sum's; float32 sums accumulate in float64 and round once."""
    import math
    for x in _adversarial(rng, dtype, 1 << 18):
        exact = math.fsum(x.astype(onp.float64))
        spacing = float(onp.spacing(onp.asarray(abs(exact), dtype)))
        numpy_err = abs(float(onp.sum(x)) - exact)
        ours = la.asarray(x).sum()
        assert ours.dtype == onp.dtype(dtype)
        bound = spacing if dtype == "float32" else max(4 * numpy_err, 4 * spacing)
        assert abs(float(ours) - exact) <= bound, (float(ours), exact, numpy_err)


# ---------------------------------------------------------------- where, initial, out
@pytest.mark.parametrize("name, dtype", [("sum", "int16"), ("sum", "float64"), ("prod", "int32"),
                                         ("max", "float32"), ("min", "uint8"), ("sum", "bool")])
def test_where_and_initial(mode, name, dtype, rng):
    x = data(dtype, (4, 5), rng, special=False) if name == "prod" else data(dtype, (4, 5), rng)
    if name == "prod":
        x = data(dtype, (4, 5), rng, low=-3, high=3)
    lx = la.asarray(x)
    mask = rng.integers(0, 2, (4, 5)).astype(bool)
    row = onp.array([True, False, True, True, False])
    for axis in (None, 0, 1, (0, 1)):
        for kw in ({"initial": 3}, {"where": mask, "initial": 2}, {"where": row, "initial": 1}):
            _check(name, getattr(la, name)(lx, axis=axis, **kw), x, axis, **kw)
        if name in ("sum", "prod"):
            _check(name, getattr(la, name)(lx, axis=axis, where=mask), x, axis, where=mask)
    # a lazy mask, keepdims
    lazy_mask = la.asarray(x) > x.flat[3]
    _check(name, getattr(la, name)(lx, axis=1, keepdims=True, where=lazy_mask, initial=0), x, 1,
           True, where=x > x.flat[3], initial=0)


def test_where_without_initial_on_max_raises(mode, rng):
    lx = la.asarray(data("float64", (3, 4), rng))
    for name in ("max", "min"):
        with pytest.raises(ValueError, match="identity"):
            getattr(la, name)(lx, where=onp.ones((3, 4), bool))
    with pytest.raises(ValueError):
        la.sum(lx, where=onp.ones((2, 4), bool))   # not broadcastable


def test_empty_with_initial_and_where(mode):
    x = onp.zeros((0, 3))
    lx = la.asarray(x)
    assert_same(la.max(lx, initial=-1.0), onp.max(x, initial=-1.0))
    assert_same(la.min(lx, axis=0, initial=5.0), onp.min(x, axis=0, initial=5.0))
    y = onp.arange(6.0).reshape(2, 3)
    assert_same(la.max(la.asarray(y), axis=1, where=onp.zeros((2, 3), bool), initial=7.0),
                onp.max(y, axis=1, where=onp.zeros((2, 3), bool), initial=7.0))


@pytest.mark.parametrize("name", ["sum", "prod", "max", "min", "mean", "any", "all", "argmax",
                                  "argmin", "ptp"])
def test_out(mode, name, rng):
    x = data("int32", (4, 6), rng, low=-50, high=50)
    lx = la.asarray(x)
    want = getattr(onp, name)(x, axis=0)
    dtype = "float32" if name != "argmax" and name != "argmin" else "int64"
    out = la.zeros(6, dtype)
    got = getattr(la, name)(lx, axis=0, out=out)
    assert got is out
    assert_same(out, onp.asarray(want).astype(dtype))
    # out as a view: writes through to its base
    base = la.zeros((2, 6), dtype)
    getattr(la, name)(lx, axis=0, out=base[1])
    expected = onp.zeros((2, 6), dtype)
    expected[1] = want
    assert_same(base, expected)
    with pytest.raises(ValueError):
        getattr(la, name)(lx, axis=0, out=la.zeros((1, 6), dtype))


def test_out_keepdims_and_tuple(mode, rng):
    x = data("float64", (3, 5), rng, special=False)
    out = la.zeros((3, 1))
    assert la.sum(la.asarray(x), axis=1, keepdims=True, out=(out,)) is out
    assert_sum_close(out, onp.sum(x, axis=1, keepdims=True), onp.abs(x).sum(1, keepdims=True))
    with pytest.raises(TypeError):
        la.sum(la.asarray(x), out=onp.zeros(()))


# ---------------------------------------------------------------- any, all, count_nonzero, ptp
@pytest.mark.parametrize("dtype", ["bool", "uint64", "float64"])
def test_any_all_count_nonzero(mode, dtype, rng):
    x = data(dtype, (4, 5, 3), rng)
    x.reshape(-1)[::4] = 0
    if dtype == "float64":
        x[0, 0, 0] = onp.nan     # NaN is true
    lx = la.asarray(x)
    for axis in (None, (0, 2), -1):
        for name in ("any", "all"):
            assert_same(getattr(la, name)(lx, axis=axis), getattr(onp, name)(x, axis=axis))
            assert_same(getattr(lx, name)(axis, keepdims=True),
                        getattr(onp, name)(x, axis=axis, keepdims=True))
        assert_same(la.count_nonzero(lx, axis=axis), onp.asarray(onp.count_nonzero(x, axis=axis)))
    assert_same(la.count_nonzero(lx, axis=1, keepdims=True),
                onp.count_nonzero(x, axis=1, keepdims=True))
    mask = onp.zeros((4, 5, 3), bool)
    mask[1] = True
    assert_same(la.all(lx, axis=0, where=mask), onp.all(x, axis=0, where=mask))
    assert_same(la.any(lx, axis=2, where=mask), onp.any(x, axis=2, where=mask))


def test_any_all_empty(mode):
    x = onp.zeros((0, 2), "int32")
    for name in ("any", "all"):
        assert_same(getattr(la, name)(la.asarray(x)), onp.asarray(getattr(onp, name)(x)))
        assert_same(getattr(la, name)(la.asarray(x), axis=0), getattr(onp, name)(x, axis=0))


@pytest.mark.parametrize("dtype", ["int8", "uint16", "float32"])
def test_ptp(mode, dtype, rng):
    x = data(dtype, (5, 4), rng)
    lx = la.asarray(x)
    for axis in (None, 0, 1):
        assert_same(la.ptp(lx, axis=axis), onp.ptp(x, axis=axis))   # integers wrap, as NumPy
    assert_same(la.ptp(lx, axis=1, keepdims=True), onp.ptp(x, axis=1, keepdims=True))
    with pytest.raises(TypeError):
        la.ptp(la.asarray(onp.array([True, False])))
    with pytest.raises(ValueError):
        la.ptp(la.asarray(onp.zeros(0, dtype)))


# ---------------------------------------------------------------- argmax, argmin
@pytest.mark.parametrize("dtype", ["bool", "int8", "int64", "uint32", "float32", "float64"])
def test_argmax_argmin(mode, dtype, rng):
    x = data(dtype, (4, 7, 3), rng, low=0, high=3) if dtype != "bool" else data(dtype, (4, 7, 3), rng)
    lx = la.asarray(x)                                     # few values: many ties
    for name in ("argmax", "argmin"):
        for axis in (None, 0, 1, -1):
            for keepdims in (False, True):
                assert_same(getattr(la, name)(lx, axis=axis, keepdims=keepdims),
                            onp.asarray(getattr(onp, name)(x, axis=axis, keepdims=keepdims)))
        assert_same(getattr(lx, name)(1), getattr(x, name)(1))


@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_argmax_nan_and_specials(mode, dtype):
    x = onp.array([[1.0, onp.nan, 3.0, onp.nan],
                   [onp.inf, 2.0, onp.inf, -onp.inf],
                   [-0.0, 0.0, -onp.inf, -onp.inf],
                   [0.0, -0.0, 5.0, onp.nan]], dtype)
    lx = la.asarray(x)
    for name in ("argmax", "argmin"):
        for axis in (None, 0, 1):
            assert_same(getattr(la, name)(lx, axis=axis),
                        onp.asarray(getattr(onp, name)(x, axis=axis)))


def test_argmax_errors_and_views(mode, rng):
    with pytest.raises(ValueError):
        la.argmax(la.asarray(onp.zeros((0, 3))))
    with pytest.raises(ValueError):
        la.argmin(la.asarray(onp.zeros((3, 0))), axis=1)
    assert_same(la.argmax(la.asarray(onp.zeros((3, 0))), axis=0), onp.zeros(0, onp.intp))
    with pytest.raises(onp.exceptions.AxisError):
        la.argmax(la.asarray(onp.zeros((3, 2))), axis=2)
    x = data("int16", (6, 8), rng)
    lx = la.asarray(x)
    assert_same(la.argmax(lx[::-2, 1:].T, axis=1), onp.argmax(x[::-2, 1:].T, axis=1))
    assert_same(la.argmin(lx * 2 - 1, axis=0), onp.argmin(x * 2 - 1, axis=0))
    assert_same(la.argmax(la.asarray(onp.float64(3.0))), onp.asarray(onp.argmax(3.0)))


# ---------------------------------------------------------------- random cases (hypothesis)
from hypothesis import given, settings, strategies as st  # noqa: E402

_HYP_DTYPES = ["bool", "int8", "int32", "uint16", "int64", "float32", "float64"]


@st.composite
def _reduction_case(draw):
    ndim = draw(st.integers(0, 3))
    shape = tuple(draw(st.lists(st.integers(0, 4), min_size=ndim, max_size=ndim)))
    axes = draw(st.one_of(st.none(), st.lists(st.integers(-ndim, ndim - 1), unique_by=lambda k: k % max(ndim, 1), max_size=ndim).map(tuple))) if ndim else None
    return (shape, axes, draw(st.sampled_from(_HYP_DTYPES)), draw(st.booleans()),
            draw(st.sampled_from(["sum", "prod", "max", "min", "any", "all", "mean"])),
            draw(st.integers(0, 2**31)))


@settings(max_examples=60, deadline=None, derandomize=True, database=None)
@given(_reduction_case())
def test_reductions_random(case):
    shape, axis, dtype, keepdims, name, seed = case
    rng = onp.random.default_rng(seed)
    x = data(dtype, shape, rng)
    if name == "prod" and dtype.startswith("float"):
        x = data(dtype, shape, rng, special=False, low=0.5, high=2)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        expected, error = numpy_or_error(getattr(onp, name), x, axis=axis, keepdims=keepdims)
    with la.config(eager_threshold=0):
        if error is not None:
            with pytest.raises(type(error)):
                getattr(la, name)(la.asarray(x), axis=axis, keepdims=keepdims)
            return
        with onp.errstate(all="ignore"), warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            got = getattr(la, name)(la.asarray(x), axis=axis, keepdims=keepdims)
        if expected.dtype.kind == "f":
            scale = onp.abs(x.astype(onp.float64))
            scale = (onp.sum if name != "mean" else onp.mean)(scale, axis=axis, keepdims=keepdims) \
                if name in ("sum", "mean") else onp.inf
            if name in ("max", "min"):
                assert_same(got, expected)
            else:
                assert_sum_close(got, expected, scale)
        else:
            assert_same(got, expected)


@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_axis_and_masked_sums_as_accurate_as_numpy(compiled, dtype, rng):
    """The fsum bound holds on every path: along the last axis, along the
    first (float32 accumulates in float64 there too) and with ``where=``."""
    import math
    for x in _adversarial(rng, dtype, 1 << 15):
        rows = x.reshape(4, -1)
        mask = rng.random(rows.shape) < 0.7
        cols = onp.ascontiguousarray(rows.T)
        for got, data_, axis, where in ((la.sum(la.asarray(rows), axis=1), rows, 1, None),
                                        (la.sum(la.asarray(rows), axis=1, where=mask), rows, 1, mask),
                                        (la.sum(la.asarray(cols), axis=0), cols, 0, None)):
            got = onp.asarray(got)
            picked = data_ if where is None else onp.where(where, data_, 0)
            numpy_sum = onp.sum(data_, axis=axis, where=True if where is None else where)
            ours = theirs = spacings = 0.0     # summed over the lanes: one lane's luck is noise
            for k in range(got.shape[0]):
                lane = picked[k] if axis == 1 else picked[:, k]
                exact = math.fsum(lane.astype(onp.float64))
                spacing = float(onp.spacing(onp.asarray(abs(exact), dtype)))
                if dtype == "float32":   # accumulated in float64: correctly rounded
                    assert abs(float(got[k]) - exact) <= spacing, (axis, k, float(got[k]), exact)
                ours += abs(float(got[k]) - exact)
                theirs += abs(float(numpy_sum[k]) - exact)
                spacings += spacing
            assert ours <= max(4 * theirs, 4 * spacings), (axis, ours, theirs)
