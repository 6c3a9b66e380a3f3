"""The rest of NumPy's non-transcendental ufuncs: division and remainders,
powers, shifts, gcd/lcm, rounding, floating-point predicates and
manipulation (copysign, nextafter, spacing, ldexp, frexp, modf), and the
ufuncs with two outputs (divmod, frexp, modf).

Each is a ``Ufunc`` of ``lazyarray.ops.elementwise`` whose scalar function
is one of codegen's NumPy-semantics functions (``codegen.expr.UFUNC_UNARY``
/ ``UFUNC_BINARY``), or a ``build`` function composing a few of them.
``UFUNCS`` here is the complete table, aliases included.
"""
from __future__ import annotations

import numpy as np

from ..evaluation import evaluate_nodes
from ..graph import BUFFER, CONST, MAP, REINDEX, Node, cast, const_node, new_node
from .elementwise import UFUNCS as _BASIC, Ufunc


def _map(fn: str, dtype: np.dtype, shape: tuple, *srcs: Node) -> Node:
    return new_node(MAP, dtype, shape, srcs, fn)


def _float_only(fn: str):
    """``fn`` on float loops; the integer and bool loops (NumPy >= 2.1 keeps
    their dtype in floor/ceil/trunc) return the input."""
    def build(uf: Ufunc, srcs: tuple, ins: tuple, outs: tuple, shape: tuple) -> tuple:
        if ins[0].kind != "f":
            return (srcs[0],)
        return (_map(fn, outs[0], shape, *srcs),)
    return build


def _conjugate(uf: Ufunc, srcs: tuple, ins: tuple, outs: tuple, shape: tuple) -> tuple:
    """A real number is its own conjugate."""
    return (_map("conj", outs[0], shape, srcs[0]) if outs[0].kind == "c" else srcs[0],)


def _square(uf: Ufunc, srcs: tuple, ins: tuple, outs: tuple, shape: tuple) -> tuple:
    return (_map("mul", outs[0], shape, srcs[0], srcs[0]),)


def _smallest(node: Node) -> object:
    """The smallest value of a node (evaluated now if pending)."""
    if node.op == CONST:
        return node.arg
    if node.op != BUFFER:
        evaluate_nodes([node])
    return node.buffer.min() if node.buffer.size else 0


def _single_value(node: Node) -> object:
    """The value of a node that is one element read everywhere (a constant, a
    one-element buffer, or a broadcast of one): NumPy's loops see it with a
    zero stride.  None for any other node."""
    if node.op == REINDEX and not any(node.arg[0]) and node.arg[1] is None:
        node = node.srcs[0]
    if node.op == CONST:
        return node.arg
    if node.op == BUFFER and node.buffer.size == 1:
        return node.buffer.item()
    return None


def _power(uf: Ufunc, srcs: tuple, ins: tuple, outs: tuple, shape: tuple) -> tuple:
    """Integers: a negative exponent is NumPy's ValueError (a pending exponent
    is evaluated to check it).  Floats: a zero-stride exponent of -1, 0.5 or 2
    is ``1 / x``, ``sqrt(x)`` or ``x * x``, as in NumPy's loop (sqrt differs
    from pow at -0.0 and -inf)."""
    base, exponent = srcs
    if ins[1].kind == "i" and _smallest(exponent) < 0:
        raise ValueError("Integers to negative integer powers are not allowed.")
    if ins[1].kind == "f":
        value = _single_value(exponent)
        if value == 0.5:
            return (_map("sqrt", outs[0], shape, base),)
        if value == 2.0:
            return (_map("mul", outs[0], shape, base, base),)
        if value == -1.0:
            return (_map("div", outs[0], shape, const_node(1.0, outs[0]), base),)
    return (_map("pow", outs[0], shape, base, exponent),)


def _divmod(uf: Ufunc, srcs: tuple, ins: tuple, outs: tuple, shape: tuple) -> tuple:
    return (_map("floordiv", outs[0], shape, *srcs), _map("remainder", outs[1], shape, *srcs))


def _bitwise_count(uf: Ufunc, srcs: tuple, ins: tuple, outs: tuple, shape: tuple) -> tuple:
    return (cast(_map("popcount", ins[0], shape, srcs[0]), outs[0]),)


def _ldexp(uf: Ufunc, srcs: tuple, ins: tuple, outs: tuple, shape: tuple) -> tuple:
    """The integer exponent as a float of the result's type (exact where it
    matters: beyond 2**24 every result over- or underflows anyway); float16
    as NumPy's loop: float32 ``ldexp``, rounded."""
    if outs[0] == np.float16:
        f32 = np.dtype(np.float32)
        return (cast(_map("ldexp", f32, shape, cast(srcs[0], f32), cast(srcs[1], f32)), outs[0]),)
    return (_map("ldexp", outs[0], shape, srcs[0], cast(srcs[1], outs[0])),)


def _frexp(uf: Ufunc, srcs: tuple, ins: tuple, outs: tuple, shape: tuple) -> tuple:
    x = srcs[0]
    return (_map("frexp_mant", outs[0], shape, x),
            cast(_map("frexp_exp", ins[0], shape, x), outs[1]))


def _modf(uf: Ufunc, srcs: tuple, ins: tuple, outs: tuple, shape: tuple) -> tuple:
    """libm's modf: (x - trunc(x) with x's sign, 0 for +-inf; trunc(x))."""
    x, dtype = srcs[0], outs[0]
    whole = _map("trunc", dtype, shape, x)
    frac = _map("select", dtype, shape, _map("isinf", np.dtype(bool), shape, x),
                const_node(0.0, dtype), _map("sub", dtype, shape, x, whole))
    return (_map("copysign", dtype, shape, frac, x), whole)


_TABLE = [
    ("floor_divide", np.floor_divide, "floordiv", None),
    ("remainder", np.remainder, "remainder", None),
    ("fmod", np.fmod, "fmod", None),
    ("divmod", np.divmod, None, _divmod),
    ("power", np.power, None, _power),
    ("float_power", np.float_power, "pow", None),
    ("square", np.square, None, _square),
    ("reciprocal", np.reciprocal, "reciprocal", None),
    ("sign", np.sign, "sign", None),
    ("copysign", np.copysign, "copysign", None),
    ("nextafter", np.nextafter, "nextafter", None),
    ("spacing", np.spacing, "spacing", None),
    ("heaviside", np.heaviside, "heaviside", None),
    ("fmax", np.fmax, "fmax", None),
    ("fmin", np.fmin, "fmin", None),
    ("left_shift", np.left_shift, "lshift", None),
    ("right_shift", np.right_shift, "rshift", None),
    ("gcd", np.gcd, "gcd", None),
    ("lcm", np.lcm, "lcm", None),
    ("floor", np.floor, None, _float_only("floor")),
    ("ceil", np.ceil, None, _float_only("ceil")),
    ("trunc", np.trunc, None, _float_only("trunc")),
    ("rint", np.rint, "rint", None),
    ("isnan", np.isnan, "isnan", None),
    ("isinf", np.isinf, "isinf", None),
    ("isfinite", np.isfinite, "isfinite", None),
    ("signbit", np.signbit, "signbit", None),
    ("fabs", np.fabs, "abs", None),
    ("conjugate", np.conjugate, None, _conjugate),
    ("bitwise_count", np.bitwise_count, None, _bitwise_count),
    ("ldexp", np.ldexp, None, _ldexp),
    ("frexp", np.frexp, None, _frexp),
    ("modf", np.modf, None, _modf),
]
#: every lazyarray ufunc by NumPy name, aliases included.
UFUNCS: dict[str, Ufunc] = {**_BASIC, **{name: Ufunc(name, uf, fn, build=build)
                                        for name, uf, fn, build in _TABLE}}
for _alias, _target in {"mod": "remainder", "pow": "power", "conj": "conjugate",
                        "bitwise_invert": "invert", "bitwise_left_shift": "left_shift",
                        "bitwise_right_shift": "right_shift"}.items():
    UFUNCS[_alias] = UFUNCS[_target]
