"""Scalar and index expressions of the compiler, and their simplifier.

An ``Expr`` is an immutable tree ``(op, args, dtype)``.  Leaves are loop
variables (``var``), run-time integer parameters (``param``: sizes, offsets),
constants and buffer loads; inner nodes are the scalar functions listed in
``UNARY`` / ``BINARY`` plus ``select``, ``cast`` and ``bitcast``.  Index
arithmetic is int64; value arithmetic follows NumPy's semantics for the
expression's dtype (integers wrap, floats are IEEE).
"""
from __future__ import annotations

import numpy as np

INDEX = np.dtype(np.int64)
BOOL = np.dtype(np.bool_)

#: unary scalar functions: name -> short description of the semantics.
UNARY = {
    "neg": "negation (integers wrap)",
    "abs": "absolute value (integers wrap at the minimum)",
    "sqrt": "IEEE square root",
    "exp": "e**x",
    "log": "natural logarithm",
    "sin": "sine",
    "cos": "cosine",
    "tan": "tangent",
    "exp2": "2**x", "expm1": "e**x - 1", "log2": "base-2 logarithm",
    "log10": "base-10 logarithm", "log1p": "log(1 + x)", "arcsin": "inverse sine",
    "arccos": "inverse cosine", "arctan": "inverse tangent", "sinh": "hyperbolic sine",
    "cosh": "hyperbolic cosine", "tanh": "hyperbolic tangent",
    "arcsinh": "inverse hyperbolic sine", "arccosh": "inverse hyperbolic cosine",
    "arctanh": "inverse hyperbolic tangent",
    "deg2rad": "x * (pi/180)", "rad2deg": "x * (180/pi)",
    "floor": "largest integral float not above x",
    "rint": "nearest integral float, ties to even (NumPy rint)",
    "not": "logical not of a bool",
    "invert": "bitwise not",
    "real": "real part of a complex number (x itself for a real one)",
    "imag": "imaginary part of a complex number",
    "conj": "complex conjugate",
}
#: unary functions whose result is the real dtype of a complex operand.
TO_REAL = {"real", "imag", "abs"}
#: NumPy ufunc semantics (codegen/backends/llvm_ufuncs.py); the is*/signbit
#: predicates return bool, the others x's dtype.
UFUNC_UNARY = {
    "ceil": "smallest integral float not below x (integers: x)",
    "trunc": "integral part (integers: x)",
    "isnan": "x is NaN", "isinf": "x is +-inf", "isfinite": "x is neither NaN nor inf",
    "signbit": "the sign bit of a float",
    "sign": "NumPy sign: -1, 0, 1 (NaN stays NaN)",
    "reciprocal": "1 / x (integers: NumPy's conversion of 1.0 / x)",
    "spacing": "distance to the next float away from zero",
    "popcount": "set bits of |x|",
    "frexp_mant": "libm frexp's mantissa", "frexp_exp": "libm frexp's exponent, as a float",
}
UFUNC_BINARY = {
    "floordiv", "remainder", "fmod",     # NumPy floor_divide / remainder / fmod (0 for int / 0)
    "pow",                               # power (integers: wrap-around repeated squaring)
    "lshift", "rshift",                  # NumPy shifts (any count)
    "fmax", "fmin",                      # NaN-ignoring maximum/minimum
    "copysign", "nextafter", "heaviside",
    "ldexp",                             # x * 2**y, y an integral value of x's dtype
    "gcd", "lcm",
}
PREDICATES = {"not", "isnan", "isinf", "isfinite", "signbit"}
#: binary scalar functions; comparisons return bool.
BINARY = {
    "add", "sub", "mul", "div",          # div: float true division / int floor-div on indices
    "mod",                               # int index modulo (non-negative operands)
    "max", "min",                        # NumPy maximum/minimum (NaN-propagating)
    "and", "or", "xor",                  # bitwise (logical on bool)
    "shl", "shr",                        # integer shifts by 0 <= b < bits; shr is arithmetic
                                         # on signed, logical on unsigned integers
    "lt", "le", "gt", "ge", "eq", "ne",
    "hypot", "arctan2", "logaddexp", "logaddexp2",   # float transcendental (NumPy's ufuncs)
}
COMPARISONS = {"lt", "le", "gt", "ge", "eq", "ne"}
UNARY.update(UFUNC_UNARY)
BINARY |= UFUNC_BINARY


class Expr:
    """An immutable expression node; equal trees compare and hash equal."""

    __slots__ = ("op", "args", "dtype", "_hash")

    def __init__(self, op: str, args: tuple, dtype: np.dtype):
        self.op = op
        self.args = args
        self.dtype = dtype
        self._hash = hash((op, args, dtype.str))

    def __hash__(self) -> int:
        return self._hash

    def __eq__(self, other: object) -> bool:
        return (self is other) or (
            isinstance(other, Expr) and self._hash == other._hash
            and self.op == other.op and self.dtype == other.dtype and self.args == other.args)

    def __repr__(self) -> str:
        return to_str(self)

    # index arithmetic sugar (int64 only)
    def __add__(self, other: "Expr | int") -> "Expr":
        return binary("add", self, as_expr(other))

    __radd__ = __add__

    def __mul__(self, other: "Expr | int") -> "Expr":
        return binary("mul", self, as_expr(other))

    __rmul__ = __mul__

    def __sub__(self, other: "Expr | int") -> "Expr":
        return binary("sub", self, as_expr(other))

    def __floordiv__(self, other: "Expr | int") -> "Expr":
        return binary("div", self, as_expr(other))

    def __mod__(self, other: "Expr | int") -> "Expr":
        return binary("mod", self, as_expr(other))


def var(name: str) -> Expr:
    """A loop variable (int64)."""
    return Expr("var", (name,), INDEX)


def param(index: int) -> Expr:
    """The run-time int64 parameter number ``index`` (a size or an offset)."""
    return Expr("param", (index,), INDEX)


def const(value: int | float | bool, dtype: np.dtype = INDEX) -> Expr:
    """A constant of ``dtype``; the value is normalized through NumPy.

    A float constant is stored by its exact bits (``float.hex``; a complex one
    as two), so that -0.0 and 0.0 differ and two NaNs are the same expression.
    """
    dtype = np.dtype(dtype)
    value = dtype.type(value).item()
    if dtype.kind == "c":
        return Expr("const", (value.real.hex(), value.imag.hex()), dtype)
    return Expr("const", (float(value).hex() if dtype.kind == "f" else value,), dtype)


def const_value(e: Expr) -> int | float | bool | complex:
    """The Python value of a constant expression."""
    if e.dtype.kind == "c":
        return complex(float.fromhex(e.args[0]), float.fromhex(e.args[1]))
    return float.fromhex(e.args[0]) if e.dtype.kind == "f" else e.args[0]


def real_dtype(dtype: np.dtype) -> np.dtype:
    """The dtype of a complex dtype's parts (a real dtype itself)."""
    return np.dtype(dtype.char.lower()) if dtype.kind == "c" else dtype


def as_expr(x: "Expr | int") -> Expr:
    return x if isinstance(x, Expr) else const(x)


def load(buffer: int, index: Expr, dtype: np.dtype) -> Expr:
    """Element ``index`` (linear, in elements) of input buffer number ``buffer``."""
    return Expr("load", (buffer, index), np.dtype(dtype))


def local(name: str, dtype: np.dtype) -> Expr:
    """The current value of a scalar local variable (an accumulator)."""
    return Expr("local", (name,), np.dtype(dtype))


def unary(op: str, a: Expr) -> Expr:
    assert op in UNARY, op
    return Expr(op, (a,), BOOL if op in PREDICATES else real_dtype(a.dtype) if op in TO_REAL
                else a.dtype)


def binary(op: str, a: Expr, b: Expr) -> Expr:
    assert op in BINARY, op
    assert a.dtype == b.dtype, (op, a.dtype, b.dtype)
    return Expr(op, (a, b), BOOL if op in COMPARISONS else a.dtype)


def combine(combiner: str, acc: Expr, value: Expr) -> Expr:
    """Reduction step ``acc (+) value``: may be reassociated by the backend;
    float max/min propagate NaN (IEEE 754-2019 maximum/minimum)."""
    assert acc.dtype == value.dtype
    return Expr("combine", (combiner, acc, value), acc.dtype)


def fma(a: Expr, b: Expr, c: Expr) -> Expr:
    """``a * b + c`` rounded once (floats)."""
    assert a.dtype == b.dtype == c.dtype and a.dtype.kind == "f"
    return Expr("fma", (a, b, c), a.dtype)


def select(cond: Expr, a: Expr, b: Expr) -> Expr:
    assert cond.dtype == BOOL and a.dtype == b.dtype
    return Expr("select", (cond, a, b), a.dtype)


def cast(a: Expr, dtype: np.dtype) -> Expr:
    dtype = np.dtype(dtype)
    return a if a.dtype == dtype else Expr("cast", (a,), dtype)


def bitcast(a: Expr, dtype: np.dtype) -> Expr:
    """The bits of ``a`` read as ``dtype`` of the same width (float <-> int)."""
    dtype = np.dtype(dtype)
    assert dtype.itemsize == a.dtype.itemsize and "b" not in (dtype.kind, a.dtype.kind), \
        (a.dtype, dtype)
    return a if a.dtype == dtype else Expr("bitcast", (a,), dtype)


def to_str(e: Expr) -> str:
    """Readable infix form, used by ``explain`` and in IR dumps."""
    op, args = e.op, e.args
    if op == "var" or op == "local":
        return args[0]
    if op == "param":
        return f"p{args[0]}"
    if op == "const":
        return repr(const_value(e))
    if op == "load":
        return f"b{args[0]}[{to_str(args[1])}]"
    if op == "cast":
        return f"{e.dtype.name}({to_str(args[0])})"
    if op == "bitcast":
        return f"bitcast_{e.dtype.name}({to_str(args[0])})"
    if op == "combine":
        return f"{args[0]}_reduce({to_str(args[1])}, {to_str(args[2])})"
    if op == "select":
        return f"select({', '.join(to_str(a) for a in args)})"
    infix = {"add": "+", "sub": "-", "mul": "*", "div": "/", "mod": "%", "lt": "<", "le": "<=",
             "gt": ">", "ge": ">=", "eq": "==", "ne": "!=", "and": "&", "or": "|", "xor": "^",
             "shl": "<<", "shr": ">>"}
    if op in infix:
        return f"({to_str(args[0])} {infix[op]} {to_str(args[1])})"
    return f"{op}({', '.join(to_str(a) for a in args)})"


def dump(e: Expr) -> str:
    """Exact, unambiguous text of an expression (dtypes included): a cache key
    part.  Shared subexpressions are written once and referred to by number,
    so the text grows with the expression DAG, not with its unfolded tree."""
    numbers: dict[Expr, int] = {}
    lines: list[str] = []

    def visit(x: Expr) -> int:
        if x in numbers:
            return numbers[x]
        parts = [f"%{visit(a)}" if isinstance(a, Expr) else repr(a) for a in x.args]
        lines.append(f"{x.op}:{x.dtype.str} {' '.join(parts)}")
        numbers[x] = len(lines) - 1
        return numbers[x]

    visit(e)
    return "; ".join(lines)


def evaluate_index(e: Expr, params: "list[int] | np.ndarray", env: dict | None = None) -> int:
    """Value of an int64 index expression given the run-time parameters."""
    op, args = e.op, e.args
    if op == "const":
        return args[0]
    if op == "param":
        return int(params[args[0]])
    if op == "var":
        return (env or {})[args[0]]
    a, b = (evaluate_index(x, params, env) for x in args)
    if op in ("max", "min"):
        return max(a, b) if op == "max" else min(a, b)
    folded = _fold_index(op, a, b)
    if folded is None:
        raise ValueError(f"cannot evaluate {to_str(e)}")
    return folded


def rewrite(e: Expr, leaf) -> Expr:
    """``e`` rebuilt bottom-up with ``leaf(x)`` (or x) for every var/param/
    const/local ``x``; each shared subexpression is rebuilt once."""
    memo: dict[Expr, Expr] = {}

    def visit(x: Expr) -> Expr:
        done = memo.get(x)
        if done is None:
            if x.op in ("var", "param", "const", "local"):
                done = leaf(x)
            else:
                args = tuple(visit(a) if isinstance(a, Expr) else a for a in x.args)
                done = x if all(a is b for a, b in zip(args, x.args)) else Expr(x.op, args, x.dtype)
            memo[x] = done
        return done

    return visit(e)


def substitute(e: Expr, mapping: dict[str, Expr]) -> Expr:
    """Replace loop variables by expressions."""
    return rewrite(e, lambda x: mapping.get(x.args[0], x) if x.op == "var" else x)


def subexpressions(e: Expr) -> list[Expr]:
    """Every distinct subexpression of ``e``, each once, sources first."""
    seen: set[Expr] = set()
    order: list[Expr] = []
    stack = [(e, False)]
    while stack:
        x, expanded = stack.pop()
        if expanded:
            order.append(x)
            continue
        if x in seen:
            continue
        seen.add(x)
        stack.append((x, True))
        stack.extend((a, False) for a in x.args if isinstance(a, Expr) and a not in seen)
    return order


def free_vars(e: Expr) -> set[str]:
    """Names of the loop variables an expression reads."""
    return {x.args[0] for x in subexpressions(e) if x.op == "var"}


def coefficient(e: Expr, v: str) -> Expr | None:
    """The coefficient of loop variable ``v`` in an affine index expression
    (simplified), or None where ``e`` is not affine in ``v``."""
    if v not in free_vars(e):
        return const(0)
    if e.op == "var":
        return const(1)
    if e.op in ("add", "sub"):
        a, b = coefficient(e.args[0], v), coefficient(e.args[1], v)
        if a is None or b is None:
            return None
        return simplify(binary(e.op, a, b))
    if e.op == "mul":
        left, right = e.args
        if v not in free_vars(right):
            c = coefficient(left, v)
            return None if c is None else simplify(binary("mul", c, right))
        if v not in free_vars(left):
            c = coefficient(right, v)
            return None if c is None else simplify(binary("mul", left, c))
    return None


def _is_const(e: Expr, value: int | None = None) -> bool:
    return e.op == "const" and (value is None or e.args[0] == value)


def _fold_index(op: str, a: int, b: int) -> int | None:
    """Integer arithmetic as the generated code does it: ``div`` truncates
    toward zero and ``mod`` takes the dividend's sign (C, LLVM sdiv/srem)."""
    if op == "add":
        return a + b
    if op == "sub":
        return a - b
    if op == "mul":
        return a * b
    if op in ("div", "mod") and b != 0:
        q = abs(a) // abs(b)
        q = q if (a >= 0) == (b > 0) else -q
        return q if op == "div" else a - q * b
    return None


def simplify(e: Expr) -> Expr:
    """Constant folding and algebraic identities on int64 index arithmetic.

    Value arithmetic is left as written: float identities such as ``x*0 == 0``
    do not hold under IEEE rules (NaN, -0.0).  Shared subexpressions are
    simplified once.
    """
    memo: dict[Expr, Expr] = {}

    def visit(x: Expr) -> Expr:
        done = memo.get(x)
        if done is None:
            done = memo[x] = _simplify_node(x, visit)
        return done

    return visit(e)


def _simplify_node(e: Expr, simplify) -> Expr:
    """One node of ``simplify``, its arguments simplified by ``simplify``."""
    if e.op in ("var", "param", "const", "local"):
        return e
    if e.op == "load":
        return Expr("load", (e.args[0], simplify(e.args[1])), e.dtype)
    args = tuple(simplify(a) if isinstance(a, Expr) else a for a in e.args)
    if e.dtype != INDEX or e.op not in ("add", "sub", "mul", "div", "mod", "max", "min"):
        return Expr(e.op, args, e.dtype)
    a, b = args
    if _is_const(a) and _is_const(b):
        if e.op == "max":
            return const(max(a.args[0], b.args[0]))
        if e.op == "min":
            return const(min(a.args[0], b.args[0]))
        folded = _fold_index(e.op, a.args[0], b.args[0])
        if folded is not None:
            return const(folded)
    if e.op == "add":
        if _is_const(a, 0):
            return b
        if _is_const(b, 0):
            return a
        if _is_const(a):
            a, b = b, a
        if _is_const(b) and a.op == "add" and _is_const(a.args[1]):
            return simplify(binary("add", a.args[0], const(a.args[1].args[0] + b.args[0])))
    elif e.op == "sub":
        if _is_const(b, 0):
            return a
        if a == b:
            return const(0)
    elif e.op == "mul":
        if _is_const(a):
            a, b = b, a
        if _is_const(b, 1):
            return a
        if _is_const(b, 0):
            return const(0)
    elif e.op in ("div", "mod"):
        if _is_const(b, 1):
            return a if e.op == "div" else const(0)
    return binary(e.op, a, b)
