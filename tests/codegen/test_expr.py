"""Tests of codegen.expr: the simplifier, dump, substitute, free_vars, evaluate_index."""
import numpy as np
import pytest

from codegen.expr import (BOOL, INDEX, Expr, binary, cast, combine, const, const_value, dump, evaluate_index,
                          fma, free_vars, load, local, param, select, simplify, substitute, to_str,
                          unary, var)

F32 = np.dtype("float32")
F64 = np.dtype("float64")
I32 = np.dtype("int32")

x, y = var("x"), var("y")


# ---------------------------------------------------------------- constructors

def test_const_normalizes_value_through_numpy():
    assert const(255, np.uint8).args == (255,)
    assert const(-1, np.int8).args == (-1,)
    assert type(const(np.int32(5)).args[0]) is int      # plain Python scalars
    assert const_value(const(0.1, F32)) == float(np.float32(0.1))
    assert const(-0.0, F64) != const(0.0, F64)               # exact bits: signed zeros differ
    assert const(np.nan, F64) == const(float("nan"), F64)
    assert const(1, BOOL).args == (True,)
    assert const(3).dtype == INDEX


def test_complex_constants_keep_the_bits_of_both_parts():
    c64 = np.dtype("complex64")
    assert const_value(const(1.5 - 2j, c64)) == 1.5 - 2j
    assert const(complex(0.0, -0.0), c64) != const(0j, c64)
    assert const(complex(np.nan, 1), c64) == const(complex(np.nan, 1), c64)


def test_complex_parts_and_fma_dtypes():
    z = load(0, x, np.dtype("complex128"))
    assert unary("real", z).dtype == unary("abs", z).dtype == F64
    assert unary("conj", z).dtype == z.dtype and unary("abs", load(0, x, F32)).dtype == F32
    a = load(0, x, F32)
    assert fma(a, a, a).dtype == F32 and to_str(fma(a, a, a)) == "fma(b0[x], b0[x], b0[x])"


def test_structural_equality_and_hash():
    assert binary("add", x, const(1)) == binary("add", var("x"), const(1))
    assert hash(binary("add", x, const(1))) == hash(binary("add", var("x"), const(1)))
    assert const(1, I32) != const(1)                     # dtype is part of identity
    assert const(1.0, F64) != const(1.0, F32)
    assert load(0, x, F64) != load(1, x, F64)


def test_signed_zero_constants_are_distinct_exprs():
    assert const(0.0, F64) != const(-0.0, F64)


def test_equal_nan_constants_are_equal_exprs():
    a, b = const(np.nan, F64), const(np.nan, F64)
    assert dump(a) == dump(b)
    assert a == b and hash(a) == hash(b)


def test_binary_result_dtypes():
    a, b = load(0, x, F32), load(1, x, F32)
    assert binary("add", a, b).dtype == F32
    assert binary("lt", a, b).dtype == BOOL
    assert unary("not", binary("lt", a, b)).dtype == BOOL
    assert unary("neg", a).dtype == F32
    assert cast(a, F64).dtype == F64
    assert cast(a, F32) is a                              # a no-op cast is elided
    assert select(binary("lt", a, b), a, b).dtype == F32


def test_operator_sugar_builds_index_arithmetic():
    e = x * 4 + 1
    assert e == binary("add", binary("mul", x, const(4)), const(1))
    assert (2 + x) == binary("add", x, const(2))            # __radd__
    assert (x - 1).op == "sub" and (x // 2).op == "div" and (x % 3).op == "mod"


def test_to_str():
    assert to_str(x * 4 + param(0)) == "((x * 4) + p0)"
    assert to_str(load(1, x, F64)) == "b1[x]"
    assert to_str(cast(load(0, x, I32), F64)) == "float64(b0[x])"
    assert to_str(binary("min", const(4), x)) == "min(4, x)"
    assert to_str(combine("add", local("acc", F64), load(0, x, F64))) == "add_reduce(acc, b0[x])"


# ---------------------------------------------------------------- simplifier

@pytest.mark.parametrize("expr, expected", [
    (binary("add", const(2), const(3)), const(5)),
    (binary("sub", const(2), const(5)), const(-3)),
    (binary("mul", const(6), const(7)), const(42)),
    (binary("div", const(7), const(2)), const(3)),
    (binary("div", const(-7), const(2)), const(-3)),       # truncation, as LLVM sdiv
    (binary("mod", const(-7), const(2)), const(-1)),       # dividend's sign, as LLVM srem
    (binary("mod", const(7), const(3)), const(1)),
    (binary("max", const(2), const(9)), const(9)),
    (binary("min", const(2), const(9)), const(2)),
    (binary("add", binary("mul", const(2), const(3)), const(4)), const(10)),
], ids=lambda v: to_str(v) if isinstance(v, Expr) else None)
def test_constant_folding(expr, expected):
    assert simplify(expr) == expected


@pytest.mark.parametrize("expr", [
    binary("div", const(7), const(0)),
    binary("mod", const(7), const(0)),
])
def test_no_folding_by_zero_divisor(expr):
    assert simplify(expr) == expr


@pytest.mark.parametrize("expr, expected", [
    (x + 0, x),
    (binary("add", const(0), x), x),
    (x * 1, x),
    (binary("mul", const(1), x), x),
    (x * 0, const(0)),
    (binary("mul", const(0), x), const(0)),
    (x - 0, x),
    (x - x, const(0)),
    (x // 1, x),
    (x % 1, const(0)),
    ((x + 3) + 4, x + 7),
    (binary("add", const(4), x + 3), x + 7),
    (((x + 1) + 2) + 3, x + 6),
    ((x + 3) + -3, x),
    (binary("add", const(3), x), x + 3),                    # constants go right
    (binary("mul", const(3), x), x * 3),
    ((x * 1 + 0) * (y + 0), x * y),                         # rules apply bottom-up
    (load(0, x + 0, F64), load(0, x, F64)),                 # inside load indices
])
def test_index_identities(expr, expected):
    assert simplify(expr) == expected


def test_identities_hold_for_int64_values_too():
    v = load(0, x, INDEX)
    assert simplify(v + 0) == v
    assert simplify(v * 1) == v
    assert simplify(v * 0) == const(0)


@pytest.mark.parametrize("dtype", [F32, F64])
@pytest.mark.parametrize("make", [
    lambda v, z, o: binary("add", v, z),
    lambda v, z, o: binary("add", z, v),
    lambda v, z, o: binary("mul", v, o),
    lambda v, z, o: binary("mul", v, z),
    lambda v, z, o: binary("mul", z, v),
    lambda v, z, o: binary("sub", v, z),
    lambda v, z, o: binary("sub", v, v),
    lambda v, z, o: binary("div", v, o),
], ids=["x+0", "0+x", "x*1", "x*0", "0*x", "x-0", "x-x", "x/1"])
def test_float_values_are_not_simplified(dtype, make):
    # -0.0 + 0.0 is 0.0, nan*0 is nan, inf-inf is nan: none of these identities hold
    v = load(0, x, dtype)
    e = make(v, const(0, dtype), const(1, dtype))
    assert simplify(e) == e


def test_float_constants_are_not_folded():
    e = binary("add", const(1.0, F64), const(2.0, F64))
    assert simplify(e) == e


def test_narrow_int_values_are_not_simplified():
    v = load(0, x, I32)
    e = binary("add", v, const(0, I32))
    assert simplify(e) == e


def test_simplify_recurses_into_non_index_nodes():
    v = load(0, x * 1, F64)
    e = select(binary("lt", v, const(0.0, F64)), unary("neg", v), cast(load(1, x + 0, I32), F64))
    out = simplify(e)
    w = load(0, x, F64)
    assert out == select(binary("lt", w, const(0.0, F64)), unary("neg", w), cast(load(1, x, I32), F64))


# ---------------------------------------------------------------- dump

def test_dump_distinguishes_dtypes():
    assert dump(const(1, I32)) != dump(const(1))
    assert dump(const(1, F64)) != dump(const(1))
    assert dump(const(1.0, F32)) != dump(const(1.0, F64))
    assert dump(const(True, BOOL)) != dump(const(1))
    assert dump(load(0, x, F32)) != dump(load(0, x, F64))
    assert dump(cast(load(0, x, I32), F32)) != dump(cast(load(0, x, I32), F64))


def test_dump_distinguishes_structure():
    assert dump(x + y) != dump(y + x)
    assert dump(binary("sub", x, y)) != dump(binary("add", x, y))
    assert dump(load(0, x, F64)) != dump(load(1, x, F64))
    assert dump(var("p0")) != dump(param(0))
    assert dump(const(0.0, F64)) != dump(const(-0.0, F64))
    assert dump(combine("max", local("a", F64), local("b", F64))) != \
        dump(combine("min", local("a", F64), local("b", F64)))


def test_dump_is_deterministic_and_exact():
    e = binary("add", load(0, x * 4 + param(1), F32), const(0.5, F32))
    assert dump(e) == dump(binary("add", load(0, x * 4 + param(1), F32), const(0.5, F32)))
    assert dump(const(1, I32)) == "const:<i4 1"
    assert dump(x) == "var:<i8 'x'"
    shared = x * 4
    assert dump(binary("add", shared, shared)) == "var:<i8 'x'; const:<i8 4; mul:<i8 %0 %1; add:<i8 %2 %2"


# ---------------------------------------------------------------- substitute / free_vars

def test_substitute_replaces_vars_everywhere():
    e = binary("add", load(0, x * param(0) + y, F64), cast(load(1, x, I32), F64))
    out = substitute(e, {"x": var("a") + 1})
    assert out == binary("add", load(0, (var("a") + 1) * param(0) + y, F64),
                         cast(load(1, var("a") + 1, I32), F64))


def test_substitute_leaves_params_consts_locals_and_other_vars():
    e = combine("add", local("x", F64), load(0, param(0) + y + 3, F64))
    assert substitute(e, {"x": const(0), "p0": const(1)}) == e


def test_substitute_is_simultaneous_not_sequential():
    assert substitute(x + y, {"x": y, "y": x}) == y + x


def test_free_vars():
    assert free_vars(const(1)) == set()
    assert free_vars(param(0)) == set()
    assert free_vars(local("acc", F64)) == set()
    assert free_vars(x * param(0) + y) == {"x", "y"}
    assert free_vars(load(0, var("i") * 4 + var("j"), F64)) == {"i", "j"}
    e = combine("add", local("acc", F64),
                select(binary("lt", load(0, var("k"), F64), const(0.0, F64)),
                       load(1, var("m"), F64), const(1.0, F64)))
    assert free_vars(e) == {"k", "m"}


# ---------------------------------------------------------------- evaluate_index

def test_evaluate_index():
    params = [10, 3]
    assert evaluate_index(const(7), params) == 7
    assert evaluate_index(param(1), params) == 3
    assert evaluate_index((param(0) + 3) // param(1), params) == 4
    assert evaluate_index(param(0) % param(1), params) == 1
    assert evaluate_index(binary("max", param(0), const(12)), params) == 12
    assert evaluate_index(binary("min", param(0), const(12)), params) == 10
    assert evaluate_index(param(0) - param(1) * 4, params) == -2
    assert evaluate_index(x * param(0) + y, params, {"x": 2, "y": 5}) == 25
    assert evaluate_index(binary("div", const(-7), const(2)), params) == -3


def test_evaluate_index_accepts_numpy_params():
    assert evaluate_index(param(0) * 2, np.array([21], dtype=np.int64)) == 42
    assert type(evaluate_index(param(0) * 2, np.array([21], dtype=np.int64))) is int


def test_evaluate_index_errors():
    with pytest.raises(ValueError):
        evaluate_index(binary("div", param(0), const(0)), [1])
    with pytest.raises(KeyError):
        evaluate_index(x + 1, [1])          # unbound loop variable


@pytest.mark.parametrize("e", [
    (x + 3) + 4, x * 1 + 0, binary("add", const(2), x * 0 + y), (x // 1) * (y % 1 + 2),
    binary("min", const(4), param(0) - x * 4), (param(0) + 3) // 4,
])
def test_simplify_preserves_value(e):
    for xv in range(0, 6):
        env = {"x": xv, "y": 7}
        assert evaluate_index(simplify(e), [9], env) == evaluate_index(e, [9], env)
