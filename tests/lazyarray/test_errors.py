"""Errors: raised by the call that causes them (not at evaluation), with NumPy's
exception types; what is not implemented says so (``NotImplementedError``)."""
import numpy as onp
import pytest
from numpy.exceptions import AxisError

import lazyarray as la
from la_testing import assert_same, known_bug


@pytest.fixture
def x(mode):
    return la.asarray(onp.arange(12.0).reshape(3, 4))


def _no_evaluation(fn):
    """Run ``fn`` (expected to raise) and check that it evaluated nothing."""
    before = la.stats()["evaluations"]
    try:
        fn()
    finally:
        assert la.stats()["evaluations"] == before


# ---------------------------------------------------------------- shapes
@pytest.mark.parametrize("sa, sb", [((3,), (4,)), ((3, 4), (4, 3)), ((2, 3), (3, 3, 1)),
                                    ((0,), (2,)), ((5, 1), (1, 4, 2))])
def test_mismatched_shapes_raise_at_the_operation(mode, sa, sb):
    a = la.asarray(onp.ones(sa)) * 2.0   # pending in compiled mode
    b = la.asarray(onp.ones(sb))
    with pytest.raises(ValueError):
        onp.add(onp.ones(sa), onp.ones(sb))
    for op in (lambda: a + b, lambda: la.maximum(a, b), lambda: a < b,
               lambda: la.where(a > 0, a, b), lambda: la.where(b > 0, 1.0, a)):
        with pytest.raises(ValueError):
            _no_evaluation(op)


# ---------------------------------------------------------------- dtypes
@pytest.mark.parametrize("bad", ["float33", "not_a_dtype", "intx"])
def test_unknown_dtype_string_raises_type_error(mode, bad, x):
    with pytest.raises(TypeError):
        onp.dtype(bad)
    with pytest.raises(TypeError):
        la.zeros(3, dtype=bad)
    with pytest.raises(TypeError):
        la.asarray([1, 2], dtype=bad)
    with pytest.raises(TypeError):
        x.astype(bad)
    with pytest.raises(TypeError):
        la.full((2,), 1, dtype=bad)
    with pytest.raises(TypeError):
        la.sum(x, dtype=bad)


@pytest.mark.parametrize("name", ["subtract", "negative"])
def test_bool_subtract_and_negative_raise_type_error(mode, name):
    b = la.asarray(onp.array([True, False, True]))
    pending = b & b
    args = (b, pending) if name == "subtract" else (pending,)
    with pytest.raises(TypeError):
        getattr(onp, name)(*[onp.array([True, False, True])] * len(args))
    with pytest.raises(TypeError):
        _no_evaluation(lambda: getattr(la, name)(*args))
    with pytest.raises(TypeError):
        _no_evaluation(lambda: (b - pending) if name == "subtract" else -pending)


@pytest.mark.parametrize("name, dtype", [("bitwise_and", "float64"), ("invert", "float32"),
                                         ("bitwise_xor", "float32"), ("bitwise_or", "float64")])
def test_bitwise_on_floats_raises_type_error(mode, name, dtype):
    f = la.asarray(onp.ones(4, dtype)) * 2
    n = getattr(onp, name).nin
    with pytest.raises(TypeError):
        _no_evaluation(lambda: getattr(la, name)(*[f] * n))


def test_ufunc_argument_count_raises_type_error(mode, x):
    with pytest.raises(TypeError):
        la.add(x)
    with pytest.raises(TypeError):
        la.sqrt(x, x, x)    # (one input, one output: `sqrt(x, x)` writes into x, as in NumPy)


# ---------------------------------------------------------------- axes
@pytest.mark.parametrize("name", ["sum", "prod", "max", "min", "mean"])
@pytest.mark.parametrize("axis", [2, -3, (0, 2), 5])
def test_axis_out_of_range_raises_axis_error(mode, name, axis, x):
    pending = x * 2.0
    with pytest.raises(AxisError):
        getattr(onp, name)(onp.ones((3, 4)), axis=axis)
    with pytest.raises(AxisError):
        _no_evaluation(lambda: getattr(la, name)(pending, axis=axis))
    with pytest.raises(AxisError):
        _no_evaluation(lambda: getattr(pending, name)(axis=axis, keepdims=True))
    assert issubclass(AxisError, ValueError) and issubclass(AxisError, IndexError)


def test_axis_of_0d_array_raises_axis_error(mode):
    s = la.asarray(onp.float64(3.0)) * 2.0
    with pytest.raises(AxisError):
        la.sum(s, axis=0)


@pytest.mark.parametrize("name", ["sum", "max", "mean"])
def test_repeated_axis_raises_value_error(mode, name, x):
    with pytest.raises(ValueError):
        getattr(onp, name)(onp.ones((3, 4)), axis=(0, 0))
    with pytest.raises(ValueError):
        getattr(la, name)(x * 1.0, axis=(0, 0))


# ---------------------------------------------------------------- empty reductions
@pytest.mark.parametrize("name", ["max", "min", "amax", "amin"])
def test_max_of_empty_raises_value_error(mode, name):
    e = la.asarray(onp.zeros((0,)))
    with pytest.raises(ValueError):
        getattr(la, name)(e)
    with pytest.raises(ValueError):
        getattr(la, name)(e + 1.0)
    with pytest.raises(ValueError):
        getattr(la, name)(la.asarray(onp.zeros((3, 0), onp.int8)), axis=1)


def test_sum_of_empty_is_zero(mode):
    assert_same(la.sum(la.asarray(onp.zeros((0,)))), onp.sum(onp.zeros((0,))))
    assert_same(la.sum(la.asarray(onp.zeros((0,), onp.int8))), onp.sum(onp.zeros((0,), onp.int8)))
    assert_same(la.prod(la.asarray(onp.zeros((2, 0)))), onp.float64(1.0))
    assert float(la.sum(la.asarray(onp.zeros((0, 5))))) == 0.0


# ---------------------------------------------------------------- scalars out of range
def test_python_int_out_of_range_raises_overflow_error(mode):
    i8 = la.asarray(onp.array([1, 2, 3], onp.int8))
    with pytest.raises(OverflowError):
        onp.array([1, 2, 3], onp.int8) + 300
    with pytest.raises(OverflowError):
        i8 + 300
    with pytest.raises(OverflowError):
        _no_evaluation(lambda: (i8 * 1) - 129)
    with pytest.raises(OverflowError):
        la.maximum(la.asarray(onp.array([1], onp.uint8)), -1)


# ---------------------------------------------------------------- not implemented
NOT_IMPLEMENTED = [
    ("numpy.matvec", lambda x, y: onp.matvec(x, y[:, 0])),   # a gufunc lazyarray lacks
]


@pytest.mark.parametrize("what, fn", NOT_IMPLEMENTED, ids=[w for w, _ in NOT_IMPLEMENTED])
def test_not_implemented(mode, what, fn, x):
    y = la.asarray(onp.ones((4, 3)))
    with pytest.raises(NotImplementedError):
        fn(x, y)


def test_names_numpy_lacks_raise_attribute_error():
    with pytest.raises(AttributeError):
        la.not_a_numpy_function  # noqa: B018
    with pytest.raises(AttributeError):
        la.asarray(onp.ones(2)).no_such_method  # noqa: B018


def test_where_with_only_x_raises_value_error(mode, x):
    with pytest.raises(ValueError):
        la.where(x > 1, x)


@pytest.mark.parametrize("dtype", ["datetime64[s]", "timedelta64[s]", "U3"])
def test_unsupported_dtypes_raise_not_implemented(mode, dtype):
    with pytest.raises(NotImplementedError):
        la.asarray(onp.zeros(3, dtype))
    with pytest.raises(NotImplementedError):
        la.asarray([1, 2], dtype=dtype)


@pytest.mark.parametrize("fn", ["zeros", "ones", "empty", "full"])
@pytest.mark.parametrize("dtype", ["datetime64[s]", "timedelta64[s]"])
def test_fill_with_unsupported_dtype_raises_at_the_call(mode, fn, dtype, request):
    args = (1,) if fn == "full" else ()
    with pytest.raises(NotImplementedError):
        getattr(la, fn)(3, *args, dtype=dtype)


# ---------------------------------------------------------------- where the error points
def _assert_raised_by(info: pytest.ExceptionInfo, statement: str) -> None:
    """The innermost frame of this file is ``statement``, and every frame
    below it is library code (lazyarray or NumPy), not a later evaluation."""
    entries = list(info.traceback)
    ours = [k for k, e in enumerate(entries) if str(e.path) == __file__]
    assert ours, "no frame of the test file in the traceback"
    assert str(entries[ours[-1]].statement).strip() == statement
    for entry in entries[ours[-1] + 1:]:
        assert "lazyarray" in str(entry.path) or "numpy" in str(entry.path), entry.path


def test_errors_point_at_the_causing_line(compiled):
    a = la.asarray(onp.ones((3, 4))) * 2.0     # pending
    b = la.asarray(onp.ones(5))
    with pytest.raises(ValueError) as info:
        c = a + b
    _assert_raised_by(info, "c = a + b")
    with pytest.raises(AxisError) as info:
        s = a.sum(axis=2)
    _assert_raised_by(info, "s = a.sum(axis=2)")
    with pytest.raises(IndexError) as info:
        v = a[0, 0, 0]
    _assert_raised_by(info, "v = a[0, 0, 0]")
    with pytest.raises(TypeError) as info:
        w = a & a
    _assert_raised_by(info, "w = a & a")
    with pytest.raises(ValueError) as info:
        a[:, 1:] = b
    _assert_raised_by(info, "a[:, 1:] = b")
