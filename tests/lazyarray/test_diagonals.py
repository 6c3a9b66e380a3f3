"""diag, trace and the triangle/diagonal index functions (``ops/diagonals.py``)."""
import numpy as onp
import pytest

import lazyarray as la
from la_testing import assert_same, check_call, check_raises, data


@pytest.mark.parametrize("k", [0, 1, 3, -2, 7])
@pytest.mark.parametrize("shape", [(0,), (1,), (4,), (3, 4), (4, 3), (0, 2)], ids=str)
def test_diag(mode, shape, k, rng):
    n = data("float64", shape, rng)
    check_call(lambda m, a: m.diag(a, k), n)
    check_call(lambda m, a: m.diag(a[::-1], k), n)


def test_diag_of_a_matrix_is_a_read_only_view_of_it(mode, rng):
    n = data("int32", (3, 4), rng)
    x = la.asarray(n)
    d = la.diag(x, 1)
    assert d.base is x and not d.flags.writeable and d.strides == onp.diag(n, 1).strides
    x[0, 1] = 100
    n[0, 1] = 100
    assert_same(d, onp.diag(n, 1))


@pytest.mark.parametrize("args", [(), (1,), (-1,), (0, 1, 2), (1, -1, 0), (5,)], ids=str)
@pytest.mark.parametrize("dtype", ["int8", "bool", "uint32", "float64"])
def test_trace(mode, args, dtype, rng):
    n = data(dtype, (3, 4, 3) if len(args) == 3 else (4, 3), rng, special=False)
    check_call(lambda m, a: m.trace(a, *args), n)
    check_call(lambda m, a: a.trace(*args), n)
    if dtype != "bool":
        check_call(lambda m, a: m.trace(a, *args, dtype="int64"), n)


def test_trace_out(mode, rng):
    n = data("int32", (4, 4), rng)
    out = la.zeros((), "float64")
    assert la.trace(la.asarray(n), out=out) is out
    assert_same(out, onp.trace(n, dtype="float64"))
    out = la.zeros((), "int32")
    la.trace(la.asarray(n * 0.5), out=out)        # unsafe, as NumPy
    assert_same(out, onp.trace(n * 0.5, out=onp.zeros((), "int32")))


@pytest.mark.parametrize("fn,args", [
    ("tril_indices", (4,)), ("tril_indices", (4, 1)), ("tril_indices", (3, -1, 5)),
    ("triu_indices", (4,)), ("triu_indices", (2, 2, 6)), ("diag_indices", (3,)),
    ("diag_indices", (2, 4)),
], ids=str)
def test_index_functions(fn, args):
    check_call(lambda m: getattr(m, fn)(*args))


@pytest.mark.parametrize("fn,shape,args", [
    ("tril_indices_from", (3, 5), ()), ("tril_indices_from", (4, 4), (-1,)),
    ("triu_indices_from", (5, 3), (1,)), ("diag_indices_from", (3, 3), ()),
    ("diag_indices_from", (2, 2, 2), ()),
], ids=str)
def test_index_functions_from_arrays(mode, fn, shape, args):
    check_call(lambda m, a: getattr(m, fn)(a, *args), onp.zeros(shape))


@pytest.mark.parametrize("call", [
    lambda m, a: m.diag(a[None]), lambda m, a: m.diag(a[0, 0]),
    lambda m, a: m.trace(a[0, 0]), lambda m, a: m.trace(a, 0, 0, 0),
    lambda m, a: m.tril_indices_from(a[0, 0]), lambda m, a: m.diag_indices_from(a),
    lambda m, a: m.diag_indices_from(a[0]),
], ids=range(7))
def test_errors_at_the_call(call):
    check_raises(call, onp.zeros((3, 4)))
