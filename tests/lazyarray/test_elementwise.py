"""Element-wise functions (``lazyarray/ops/elementwise.py``) against NumPy.

Every test runs under the ``mode`` fixture: compiled kernels
(``eager_threshold=0``) and the default eager path for small inputs.
"""
import numpy as onp
import pytest

import lazyarray as la
from la_testing import (BROADCAST_PAIRS, DTYPES, SHAPES, SUPPORTED, assert_same, assert_ulp, data,
                        known_bug, numpy_or_error)

UNARY = ["negative", "absolute", "sqrt", "exp", "log", "sin", "cos", "logical_not", "invert"]
TRANSCENDENTAL = {"exp", "log", "sin", "cos"}
BINARY = ["add", "subtract", "multiply", "true_divide", "maximum", "minimum", "equal", "not_equal",
          "less", "less_equal", "greater", "greater_equal", "logical_and", "logical_or",
          "logical_xor", "bitwise_and", "bitwise_or", "bitwise_xor"]
LOGICAL = {"logical_and", "logical_or", "logical_xor", "logical_not"}
COMPARISONS = {"equal", "not_equal", "less", "less_equal", "greater", "greater_equal"}

# dtype pairs with mixed promotion (casts inside the kernels).
MIXED_PAIRS = [("int8", "uint8"), ("uint32", "int32"), ("uint64", "int64"), ("int64", "float32"),
               ("int16", "float32"), ("bool", "int8"), ("float32", "float64"), ("uint16", "uint64")]
MIXED_OPS = ["add", "subtract", "multiply", "true_divide", "maximum", "less", "equal", "bitwise_or"]


def _check(actual_fn, expected, exc, name):
    """``actual_fn()`` (a lazyarray call) against NumPy's ``expected`` or exception ``exc``."""
    if exc is not None:
        with pytest.raises(type(exc)):
            onp.asarray(actual_fn())
        return
    if expected.dtype not in SUPPORTED:
        # e.g. numpy.sqrt(int8) is float16, a dtype lazyarray does not support: either
        # NotImplementedError (compiled path) or NumPy's own answer (eager path)
        try:
            actual = actual_fn()
            onp.asarray(actual)
        except NotImplementedError:
            return
    else:
        actual = actual_fn()
    if name in TRANSCENDENTAL:
        assert_ulp(actual, expected)
    else:
        assert_same(actual, expected)


# ---------------------------------------------------------------- unary
@pytest.mark.parametrize("dtype", DTYPES, ids=str)
@pytest.mark.parametrize("name", UNARY)
def test_unary(mode, name, dtype, rng, request):
    x = data(dtype, (4, 8), rng)
    expected, exc = numpy_or_error(getattr(onp, name), x)
    _check(lambda: getattr(la, name)(la.asarray(x)), expected, exc, name)


@pytest.mark.parametrize("dtype", ["float32", "float64"])
@pytest.mark.parametrize("name", sorted(TRANSCENDENTAL) + ["sqrt"])
def test_transcendental_wide_range(mode, name, dtype, rng):
    """Arguments over many binades (and sin/cos over large arguments)."""
    mags = onp.concatenate([rng.uniform(-700, 700, 64), rng.uniform(-1, 1, 64),
                            10.0 ** rng.uniform(-30, 30, 64), rng.uniform(0, 88, 32)])
    x = mags.astype(dtype)
    if name in ("log", "sqrt"):
        x = onp.abs(x)
    expected, _ = numpy_or_error(getattr(onp, name), x)
    actual = getattr(la, name)(la.asarray(x))
    if name == "sqrt":
        assert_same(actual, expected)
    else:
        assert_ulp(actual, expected)


@pytest.mark.parametrize("alias, target", [("divide", "true_divide"), ("abs", "absolute"),
                                           ("bitwise_not", "invert")])
def test_aliases(mode, alias, target, rng):
    assert getattr(la, alias) is getattr(la, target)
    x = data("int16", (7,), rng)
    y = data("int16", (7,), rng, low=1, high=100)
    fn = getattr(la, alias)
    args = (x, y) if fn.nin == 2 else (x,)
    expected, _ = numpy_or_error(getattr(onp, alias), *args)
    assert_same(fn(*[la.asarray(a) for a in args]), expected)


# ---------------------------------------------------------------- binary
@pytest.mark.parametrize("dtype", DTYPES, ids=str)
@pytest.mark.parametrize("name", BINARY)
def test_binary_same_dtype(mode, name, dtype, rng, request):
    x = data(dtype, (4, 8), rng)
    y = data(dtype, (4, 8), rng)
    expected, exc = numpy_or_error(getattr(onp, name), x, y)
    _check(lambda: getattr(la, name)(la.asarray(x), la.asarray(y)), expected, exc, name)


@pytest.mark.parametrize("name", sorted(COMPARISONS))
@pytest.mark.parametrize("dx, dy", [("uint64", "int8"), ("int32", "uint64"), ("uint64", "int64"),
                                    ("uint64", "uint8"), ("uint32", "int64")])
def test_comparisons_uint64_with_signed(mode, name, dx, dy, rng, request):
    x = data(dx, (2, 7), rng)
    y = data(dy, (2, 7), rng)
    y[0, :3] = onp.array([-1, 0, 1]).astype(dy) if onp.dtype(dy).kind == "i" else y[0, :3]
    expected = getattr(onp, name)(x, y)
    assert_same(getattr(la, name)(la.asarray(x), la.asarray(y)), expected)


@pytest.mark.parametrize("dx, dy", MIXED_PAIRS)
@pytest.mark.parametrize("name", MIXED_OPS)
def test_binary_mixed_dtypes(mode, name, dx, dy, rng, request):
    x = data(dx, (3, 5), rng)
    y = data(dy, (3, 5), rng)
    expected, exc = numpy_or_error(getattr(onp, name), x, y)
    _check(lambda: getattr(la, name)(la.asarray(x), la.asarray(y)), expected, exc, name)


def test_integer_wraparound(mode):
    i8 = onp.array([127, -128, 100, -100, 0, 1], onp.int8)
    u8 = onp.array([255, 0, 200, 1, 128, 17], onp.uint8)
    i64 = onp.array([2**63 - 1, -2**63, 3, -1, 2**62, 12345], onp.int64)
    u64 = onp.array([2**64 - 1, 0, 2**63, 1, 5, 7], onp.uint64)
    for a in (i8, u8, i64, u64):
        b = a[::-1].copy()
        with onp.errstate(all="ignore"):
            assert_same(la.asarray(a) + la.asarray(b), a + b)
            assert_same(la.asarray(a) - la.asarray(b), a - b)
            assert_same(la.asarray(a) * la.asarray(b), a * b)
            assert_same(-la.asarray(a), -a)
            assert_same(abs(la.asarray(a)), abs(a))
            assert_same(~la.asarray(a), ~a)


def test_integer_true_divide(mode):
    a = onp.array([7, -7, 0, 0, 5, -2**31], onp.int32)
    b = onp.array([2, 2, 0, -3, 0, -1], onp.int32)
    with onp.errstate(all="ignore"):
        assert_same(la.asarray(a) / la.asarray(b), a / b)
        assert_same(la.true_divide(la.asarray(a.astype(onp.uint64)), 3), a.astype(onp.uint64) / 3)


def test_float_special_values(mode):
    vals = onp.array([onp.nan, onp.inf, -onp.inf, 0.0, -0.0, 1.0, -1.0, 5e-324, 1.7e308])
    x, y = onp.meshgrid(vals, vals)
    for name in ["add", "subtract", "multiply", "true_divide", "maximum", "minimum", "less",
                 "greater_equal", "equal", "not_equal"]:
        expected, _ = numpy_or_error(getattr(onp, name), x, y)
        assert_same(getattr(la, name)(la.asarray(x), la.asarray(y)), expected)
    for name in ["negative", "absolute", "sqrt"]:
        expected, _ = numpy_or_error(getattr(onp, name), vals)
        assert_same(getattr(la, name)(la.asarray(vals)), expected)


@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_maximum_minimum_signed_zeros_and_nan(mode, dtype):
    x = onp.array([-0.0, 0.0, -0.0, 0.0, onp.nan, 1.0, onp.nan, -onp.inf], dtype)
    y = onp.array([0.0, -0.0, -0.0, 0.0, 1.0, onp.nan, onp.nan, onp.inf], dtype)
    for name in ("maximum", "minimum"):
        expected = getattr(onp, name)(x, y)
        actual = onp.asarray(getattr(la, name)(la.asarray(x), la.asarray(y)))
        onp.testing.assert_array_equal(onp.signbit(actual), onp.signbit(expected))
        assert_same(actual, expected, lazy=False)


# ---------------------------------------------------------------- shapes
@pytest.mark.parametrize("shape", SHAPES, ids=str)
def test_shapes(mode, shape, rng):
    x = data("float64", shape, rng)
    y = data("float64", shape, rng)
    i = data("int32", shape, rng)
    assert_same(la.add(la.asarray(x), la.asarray(y)), onp.add(x, y))
    assert_same(la.less(la.asarray(x), la.asarray(y)), onp.less(x, y))
    assert_same(la.negative(la.asarray(i)), onp.negative(i))
    with onp.errstate(all="ignore"):
        assert_same(la.sqrt(la.asarray(x)), onp.sqrt(x))
        assert_same(la.asarray(i) * 3 + la.asarray(x), i * 3 + x)


@pytest.mark.parametrize("sx, sy", BROADCAST_PAIRS, ids=str)
def test_broadcasting(mode, sx, sy, rng):
    x = data("float64", sx, rng)
    y = data("float64", sy, rng)
    for name in ("add", "less", "maximum"):
        assert_same(getattr(la, name)(la.asarray(x), la.asarray(y)), getattr(onp, name)(x, y))
        assert_same(getattr(la, name)(la.asarray(y), la.asarray(x)), getattr(onp, name)(y, x))
    assert_same(la.where(la.asarray(x) > la.asarray(y), la.asarray(x), la.asarray(y)),
                onp.where(x > y, x, y))
    i = data("int32", sx, rng)
    j = data("int32", sy, rng)
    assert_same(la.asarray(i) * la.asarray(j), i * j)


def test_broadcast_three_ways(mode, rng):
    a = data("float32", (4, 1, 1), rng)
    b = data("float32", (1, 3, 1), rng)
    c = data("float32", (2,), rng)
    assert_same((la.asarray(a) + la.asarray(b)) * la.asarray(c), (a + b) * c)


def test_non_contiguous_numpy_inputs(mode, rng):
    base = data("float64", (6, 8), rng)
    ibase = data("int16", (6, 8), rng)
    views = [base[::2], base.T, base[:, ::-1], base[1::2, ::3], base[::-1].T]
    for v in views:
        assert not v.flags.c_contiguous
        assert_same(la.asarray(v) * 2.0 + 1.0, v * 2.0 + 1.0)
        assert_same(la.maximum(la.asarray(v), la.asarray(v[::-1])), onp.maximum(v, v[::-1]))
    iv = ibase.T[::2]
    assert_same(la.asarray(iv) - la.asarray(iv[:, ::-1]), iv - iv[:, ::-1])


def test_lazy_transpose_views(mode, rng):
    """``.T`` is a lazy view (REINDEX); transposed reads of computed and pending values."""
    a = data("float64", (3, 4), rng)
    b = data("float64", (4, 3), rng)
    c = data("int32", (2, 3, 4), rng)
    la_a, la_b = la.asarray(a), la.asarray(b)
    assert_same(la_a.T + la_b, a.T + b)
    assert_same((la_a * 2.0).T - la_b, (a * 2.0).T - b)
    assert_same((la_a.T + la_b).T, (a.T + b).T)
    assert_same(la_a.T.T * la_a, a * a)
    assert_same(la.asarray(c).T * 3, c.T * 3)
    assert_same(la.asarray(c).T + la.asarray(c[:, :, 0].T), c.T + c[:, :, 0].T)
    assert_same(la.asarray(a[0]).T, a[0].T)
    assert_same(la.asarray(onp.float64(2.5)).T + 1.0, onp.float64(2.5) + 1.0)


# ---------------------------------------------------------------- Python scalars (NEP 50)
SCALAR_CASES = [
    ("int8", "add", 1), ("int8", "add", 1.5), ("float32", "multiply", 2.0),
    ("uint8", "multiply", 2),
    ("int16", "subtract", 7), ("uint8", "add", 255), ("bool", "add", 1), ("bool", "add", 1.5),
    ("float32", "add", 1), ("int32", "true_divide", 2), ("float32", "true_divide", 3),
    ("int8", "maximum", 5), ("uint16", "minimum", 3.5), ("int64", "less", 3),
    ("float32", "equal", 0.1),
    ("uint8", "bitwise_and", 15), ("int8", "bitwise_xor", -1), ("float32", "add", 1e300),
    ("int8", "less", 100), ("uint64", "add", 2**64 - 1), ("int64", "multiply", -(2**63)),
]


@pytest.mark.parametrize("dtype, name, scalar", SCALAR_CASES, ids=str)
def test_python_scalar_operands(mode, dtype, name, scalar, rng):
    x = data(dtype, (6,), rng)
    for args, la_args in (((x, scalar), (la.asarray(x), scalar)),
                          ((scalar, x), (scalar, la.asarray(x)))):
        expected, exc = numpy_or_error(getattr(onp, name), *args)
        _check(lambda: getattr(la, name)(*la_args), expected, exc, name)


@pytest.mark.parametrize("dtype, scalar", [("int8", 300), ("uint8", -1), ("int16", 2**20),
                                           ("uint64", -1), ("int64", 2**64)])
def test_out_of_range_python_int_raises_overflow(mode, dtype, scalar):
    x = la.asarray(onp.ones(4, dtype))
    with pytest.raises(OverflowError):
        x + scalar
    with pytest.raises(OverflowError):
        scalar * x


@pytest.mark.parametrize("dtype, name, scalar", [
    ("int8", "less", 1000), ("int8", "equal", 300), ("uint8", "less", -1),
    ("uint8", "not_equal", -5), ("int16", "greater_equal", 2**40), ("uint64", "less", -1)])
def test_comparison_with_out_of_range_python_int(mode, dtype, name, scalar, rng, request):
    """NumPy 2 compares integer arrays with any Python int (no OverflowError)."""
    x = data(dtype, (6,), rng)
    expected = getattr(onp, name)(x, scalar)
    assert_same(getattr(la, name)(la.asarray(x), scalar), expected)


@pytest.mark.parametrize("dtype", ["bool", "int8", "uint16", "float32"])
def test_python_bool_scalar_operand(mode, dtype, rng, request):
    x = data(dtype, (6,), rng)
    assert_same(la.asarray(x) + True, x + True)
    assert_same(la.multiply(False, la.asarray(x)), onp.multiply(False, x))


def test_scalars_only(mode):
    assert_same(la.add(2, 3), onp.asarray(onp.add(2, 3)))
    assert_same(la.multiply(2, 1.5), onp.asarray(onp.multiply(2, 1.5)))
    assert_same(la.sqrt(4.0), onp.asarray(onp.sqrt(4.0)))
    assert_same(la.less(1, 2.5), onp.asarray(onp.less(1, 2.5)))


# ---------------------------------------------------------------- operators and protocols
OPERATORS = [
    ("+", lambda a, b: a + b), ("-", lambda a, b: a - b), ("*", lambda a, b: a * b),
    ("/", lambda a, b: a / b), ("<", lambda a, b: a < b), ("<=", lambda a, b: a <= b),
    (">", lambda a, b: a > b), (">=", lambda a, b: a >= b), ("==", lambda a, b: a == b),
    ("!=", lambda a, b: a != b), ("&", lambda a, b: a & b), ("|", lambda a, b: a | b),
    ("^", lambda a, b: a ^ b), ("//", lambda a, b: a // b), ("%", lambda a, b: a % b),
    ("**", lambda a, b: a ** b), ("<<", lambda a, b: a << b), (">>", lambda a, b: a >> b),
]


@pytest.mark.parametrize("dtype", ["bool", "int32", "uint8", "float64"])
@pytest.mark.parametrize("sym, op", OPERATORS, ids=[s for s, _ in OPERATORS])
def test_binary_operators(mode, sym, op, dtype, rng):
    x = data(dtype, (3, 4), rng)
    y = data(dtype, (3, 4), rng)   # same-shape: the kernels of test_binary_same_dtype
    expected, exc = numpy_or_error(op, x, y)
    if exc is not None:
        with pytest.raises(type(exc)):
            onp.asarray(op(la.asarray(x), la.asarray(y)))
        return
    assert_same(op(la.asarray(x), la.asarray(y)), expected)
    # mixed with NumPy arrays on either side: the result is lazy (``__array_ufunc__``)
    assert_same(op(la.asarray(x), y), expected)
    assert_same(op(x, la.asarray(y)), expected)


@pytest.mark.parametrize("sym, op", [("+", lambda a, b: a + b), ("-", lambda a, b: a - b),
                                     ("*", lambda a, b: a * b), ("/", lambda a, b: a / b),
                                     ("&", lambda a, b: a & b), ("|", lambda a, b: a | b),
                                     ("^", lambda a, b: a ^ b), ("<", lambda a, b: a < b),
                                     ("//", lambda a, b: a // b), ("%", lambda a, b: a % b),
                                     ("**", lambda a, b: a ** b), ("<<", lambda a, b: a << b),
                                     (">>", lambda a, b: a >> b)],
                         ids=lambda v: v if isinstance(v, str) else "")
def test_reflected_operators_with_scalars(mode, sym, op, rng):
    x = data("int16", (5,), rng, low=-50, high=50)
    for scalar in (3, 2.5) if sym not in ("&", "|", "^", "<<", ">>") else (3,):
        if sym == "**" and scalar == 3:
            x = onp.abs(x)
        with onp.errstate(all="ignore"):
            assert_same(op(scalar, la.asarray(x)), op(scalar, x))
            assert_same(op(la.asarray(x), scalar), op(x, scalar))


@pytest.mark.parametrize("dtype", ["int8", "uint16", "int64", "float32", "float64"])
def test_divmod_and_in_place_operators(mode, dtype, rng):
    dtype = onp.dtype(dtype)
    x = data(dtype, (3, 4), rng)
    y = data(dtype, (4,), rng)
    for got, want in zip(divmod(la.asarray(x), la.asarray(y)), divmod(x, y)):
        assert_same(got, want)
    for got, want in zip(divmod(7, la.asarray(y)), divmod(7, y)):
        assert_same(got, want)
    ops = [lambda a, b: a.__ifloordiv__(b), lambda a, b: a.__imod__(b)]
    if dtype.kind in "iu":
        ops += [lambda a, b: a.__ilshift__(b), lambda a, b: a.__irshift__(b)]
    for op in ops:
        base, lbase = x.copy(), la.asarray(x)
        view, lview = base[1:], lbase[1:]
        op(view, 3)
        assert op(lview, 3) is lview
        assert_same(lbase, base)
    base = onp.abs(x[:, :2]) if dtype.kind == "i" else x[:, :2].copy()
    lbase = la.asarray(base)
    lbase **= 2
    base **= 2
    assert_same(lbase, base)


@pytest.mark.parametrize("dtype", ["bool", "int8", "uint32", "float32"])
def test_unary_operators(mode, dtype, rng):
    x = data(dtype, (2, 5), rng)
    for op in (lambda a: -a, lambda a: +a, lambda a: ~a, lambda a: abs(a)):
        expected, exc = numpy_or_error(op, x)
        if exc is not None:
            with pytest.raises(type(exc)):
                onp.asarray(op(la.asarray(x)))
        else:
            assert_same(op(la.asarray(x)), expected)



def test_numpy_ufunc_on_lazy_arrays(mode, rng):
    """``numpy.add(lazy, ...)`` dispatches to lazyarray (``__array_ufunc__``)."""
    x = data("float64", (3, 4), rng)
    y = data("float64", (4,), rng)
    lx = la.asarray(x)
    assert_same(onp.add(lx, y), onp.add(x, y))
    assert_same(onp.multiply(x, lx), x * x)
    assert_same(onp.maximum(lx, 0.5), onp.maximum(x, 0.5))
    assert_same(onp.sqrt(abs(lx)), onp.sqrt(abs(x)))
    assert_same(onp.less(lx, lx.T.T), onp.less(x, x))


def test_ufunc_dtype_argument(mode, rng):
    x = data("int8", (8,), rng)
    y = data("int8", (8,), rng)
    assert_same(la.add(la.asarray(x), la.asarray(y), dtype="float32"),
                onp.add(x, y, dtype="float32"))
    assert_same(la.multiply(la.asarray(x), la.asarray(y), dtype=onp.int64),
                onp.multiply(x, y, dtype=onp.int64))
    assert_same(la.negative(la.asarray(x), dtype="int32"), onp.negative(x, dtype="int32"))


@pytest.mark.parametrize("case", ["add-bool", "less-float64", "add-int8"])
def test_ufunc_dtype_argument_casting_errors(mode, case):
    i8 = onp.array([1, -2, 3], onp.int8)
    f32 = onp.array([0.5, 1.5, -2.0], onp.float32)
    name, dtype = case.split("-")
    args = (i8, i8) if case != "add-int8" else (f32, 1.7)
    with pytest.raises(TypeError):
        getattr(onp, name)(*args, dtype=dtype)
    la_args = [la.asarray(a) if isinstance(a, onp.ndarray) else a for a in args]
    with pytest.raises(TypeError):
        onp.asarray(getattr(la, name)(*la_args, dtype=dtype))


# ---------------------------------------------------------------- where
@pytest.mark.parametrize("cdtype", ["bool", "int32", "float64"])
def test_where_condition_dtypes(mode, cdtype, rng):
    c = data(cdtype, (3, 4), rng)
    x = data("float32", (3, 4), rng)
    y = data("float32", (3, 4), rng)
    assert_same(la.where(la.asarray(c), la.asarray(x), la.asarray(y)), onp.where(c, x, y))


@pytest.mark.parametrize("dx, dy", [("int8", "uint8"), ("int32", "float32"), ("bool", "int16"),
                                    ("uint64", "int64"), ("float32", "float64"), ("bool", "bool")])
def test_where_promotion(mode, dx, dy, rng):
    c = data("bool", (2, 3), rng)
    x = data(dx, (2, 3), rng)
    y = data(dy, (3,), rng)
    assert_same(la.where(la.asarray(c), la.asarray(x), la.asarray(y)), onp.where(c, x, y))


def test_where_scalars_and_broadcasting(mode, rng):
    c = data("bool", (3, 1), rng)
    x = data("int8", (1, 4), rng)
    f = data("float32", (4,), rng)
    lc, lx, lf = la.asarray(c), la.asarray(x), la.asarray(f)
    assert_same(la.where(lc, lx, 0), onp.where(c, x, 0))
    assert_same(la.where(lc, 1, lx), onp.where(c, 1, x))
    assert_same(la.where(lc, lx, 2.5), onp.where(c, x, 2.5))
    assert_same(la.where(lc, lf, 2.5), onp.where(c, f, 2.5))
    assert_same(la.where(lc, 1, 2), onp.where(c, 1, 2))
    assert_same(la.where(lc, 1, 2.5), onp.where(c, 1, 2.5))
    assert_same(la.where(True, lf, 0.0), onp.where(True, f, 0.0))
    assert_same(la.where(c, x, f), onp.where(c, x, f))


@pytest.mark.parametrize("dtype, scalar", [("int8", 300), ("uint8", -1)])
def test_where_python_int_out_of_dtype_range(mode, dtype, scalar, request):
    """``numpy.where(c, int8_array, 300)`` is int8, 300 converted with wrap-around (44)."""
    c = onp.array([True, False, True, False])
    x = onp.array([1, 2, 3, 4], dtype)
    expected = onp.where(c, x, scalar)
    assert_same(la.where(la.asarray(c), la.asarray(x), scalar), expected)


def test_python_sequences_as_operands(mode):
    assert_same(la.add([1, 2], [3, 4]), onp.add([1, 2], [3, 4]))
    assert_same(la.multiply([[1.5], [2.0]], (1, 2, 3)), onp.multiply([[1.5], [2.0]], (1, 2, 3)))
    assert_same(la.less([1, 5], 3), onp.less([1, 5], 3))
    assert_same(la.where([True, False], [1, 2], [3.5, 4]), onp.where([True, False], [1, 2], [3.5, 4]))
    assert_same(la.asarray([1, 2]) + [10, 20], onp.array([11, 22]))


# ------------------------------------------- operators on small computed arrays
OPERATOR_CASES = [
    ("x + 3", "int8"), ("x * 2.5", "int16"), ("x - 1.5", "float32"), ("x / 3", "uint8"),
    ("2 - x", "uint16"), ("0.5 * x", "float32"), ("7 // x", "int32"), ("x < 2", "float64"),
    ("x * y", "float32"), ("x + z", "float32"), ("z * x", "int8"), ("z / z", "float64"),
    ("x ** 2", "int64"), ("x & 6", "uint8"), ("x + x", "bool"), ("x * 1.5", "bool"),
]


@pytest.mark.parametrize("expression, dtype", OPERATOR_CASES)
def test_operators_on_small_computed_arrays_run_numpy_at_once(mode, expression, dtype, rng):
    """Operators between a small computed array and a Python scalar, an array
    of its shape or a 0-d array give NumPy's dtype (NEP 50: Python scalars
    weak, 0-d arrays not) and values; in the eager mode each runs at once."""
    x = data(dtype, (4, 5), rng, special=False)
    y = data(dtype, (4, 5), rng, special=False)
    z = onp.asarray(3, dtype="float64" if dtype == "int8" else dtype)
    if dtype not in ("bool", "uint8", "uint16", "float32", "float64"):
        x = onp.where(x == 0, 1, x).astype(dtype)   # no division by zero
    expected = eval(expression, {"x": x, "y": y, "z": z})
    names = {"x": la.asarray(x), "y": la.asarray(y), "z": la.asarray(z)}
    la.stats(reset=True)
    got = eval(expression, names)
    if mode == "eager":
        s = la.stats()
        assert not got._node.pending and s["eager_ops"] == 1 and s["kernels_launched"] == 0
    assert_same(got, expected)


def test_operators_on_views_and_broadcasts_take_the_general_path(mode, rng):
    """A view operand (read through its base) and shapes that broadcast to a
    larger result are not the operators' fast path, and still give NumPy's results."""
    x, y = data("float64", (4, 5), rng, special=False), data("float64", (5,), rng, special=False)
    lx, ly = la.asarray(x), la.asarray(y)
    assert_same(lx[1:, ::2] * 2.0, x[1:, ::2] * 2.0)
    assert_same(lx * ly, x * y)
    assert_same(lx[:, :, None] + ly, x[:, :, None] + y)
    assert_same(2.0 - lx[::-1], 2.0 - x[::-1])


def test_operator_errors_are_numpys(mode):
    x = la.asarray(onp.arange(3, dtype=onp.uint8))
    with pytest.raises(OverflowError):
        x + 300
    with pytest.raises(ValueError):
        la.asarray(onp.ones(3)) * la.asarray(onp.ones(4))
