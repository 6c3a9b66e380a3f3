"""pow(x, y) of float32 and float64 (NumPy's ``power`` and ``float_power``) as a
vectorizable expression: no libm call, no fused multiply-add.

pow(x, y) = 2**(y * log2|x|).  For float64, log2|x| is a double-double
t1 + t2 computed as fdlibm's e_pow.c does (|x| = 2**e * m, s = (m-1)/(m+1)
split into high and low parts, products of 21-bit high parts exact, so
that no Dekker product is needed; ``log2_dd``), with a fitted polynomial
(relative error 2**-73) for log((1+s)/(1-s)) past its first two terms;
y * log2|x| is formed exactly enough (y split the same way) for any y, turned
into a natural exponent u + v and exponentiated by ``exp_dd`` (``exp`` of
``codegen.mathfuncs`` with the low part added to its reduced argument).
Measured error: 0.87 ULP (bound 4 ULP).  float32 computes exp(y * log|x|)
in float64 with the plain float64 log and exp and rounds once (0.50 ULP
measured); its special cases are selected in float32 (twice the SIMD width).

Special values are C99's (and so NumPy's): pow(x, +-0) = 1 and pow(1, y) = 1
even for NaN; pow(-1, +-inf) = 1; NaN for a negative finite x with a finite
non-integer y; +-0 and +-inf bases and +-inf exponents by the sign and parity
of y; a negative base with an odd integer y gives a negative result;
overflow gives inf, underflow subnormals or 0.
"""
from __future__ import annotations

import numpy as np

from .expr import Expr, binary, bitcast, cast, const, select, unary
from .mathfuncs import (F32, F64, I32, I64, _EXP_F64, _LN2_F64, _LOG2E, _add, _high_part, _mul,
                        _poly, _sub, exp_f64, log_f64, log_parts, scale_exp)

_h = float.fromhex
#: log((1+s)/(1-s)) = 2s + (2/3)s**3 + s**5 * T(s*s) on |s| <= 3 - 2*sqrt(2)
#: (max relative error 2**-73.2; tools/fit_mathfuncs.py)
_LOG_TAIL = tuple(map(_h, (
    "0x1.9999999999995p-2", "0x1.2492492493150p-2", "0x1.c71c71c564425p-3",
    "0x1.745d183def419p-3", "0x1.3b135ffe52cb6p-3", "0x1.112112e5f91e5p-3",
    "0x1.de26150680611p-4", "0x1.eb769c8da05f0p-4")))
#: 3/2 * T, the polynomial of (3/2) log((1+s)/(1-s)) = 3s + s**3 + s**5 * (3/2)T(s*s)
_LOG_TAIL_3_2 = tuple(1.5 * c for c in _LOG_TAIL)
#: 2/(3 ln 2) and ln 2 as hi + lo, hi with 21 significant bits
_CP = (_h("0x1.ec70900000000p-1"), _h("0x1.b87407fae93f8p-22"))
_LG2 = (_h("0x1.62e4200000000p-1"), _h("0x1.fdf473de6af28p-22"))
#: |y| from which every pow of a finite |x| != 1 over- or underflows
_Y_LIMIT = 2.0 ** 64


def _c(value: float) -> Expr:
    return const(value, F64)


# ---------------------------------------------------------------- log2, exp
def log2_dd(x: Expr) -> tuple[Expr, Expr]:
    """log2(x) = t1 + t2 (t1 with 21 significant bits, relative error ~2**-62) for
    finite float64 x > 0, by fdlibm's e_pow.c: x = 2**e * m, s = (m-1)/(m+1) =
    s_h + s_l, (3/2) log m = s * (3 + s*s + r) with s_h and the high part of
    (3 + s*s + r) multiplied exactly, then times 2/(3 ln 2) = cp_h + cp_l."""
    e, f = log_parts(x)[:2]                                   # m = 1 + f, f exact
    m = _add(_c(1.0), f)
    v = binary("div", _c(1.0), _add(m, _c(1.0)))
    ss = _mul(f, v)
    s_h = _high_part(ss)
    t_h = _high_part(_add(m, _c(1.0)))
    t_l = _sub(m, _sub(t_h, _c(1.0)))                         # m + 1 = t_h + t_l exactly
    s_l = _mul(v, _sub(_sub(f, _mul(s_h, t_h)), _mul(s_h, t_l)))
    s2 = _mul(ss, ss)
    r = _add(_mul(_mul(s2, s2), _poly(s2, _LOG_TAIL_3_2)), _mul(s_l, _add(s_h, ss)))
    s2 = _mul(s_h, s_h)
    t_h = _high_part(_add(_add(_c(3.0), s2), r))
    t_l = _sub(r, _sub(_sub(t_h, _c(3.0)), s2))
    u = _mul(s_h, t_h)                                        # exact
    v = _add(_mul(s_l, t_h), _mul(t_l, ss))
    p_h = _high_part(_add(u, v))
    p_l = _sub(v, _sub(p_h, u))
    z_h = _mul(_c(_CP[0]), p_h)                               # exact
    z_l = _add(_mul(_c(_CP[1]), p_h), _mul(p_l, _c(_CP[0] + _CP[1])))
    t1 = _high_part(_add(_add(z_h, z_l), e))
    return t1, _sub(z_l, _sub(_sub(t1, e), z_h))


def exp_dd(z: tuple[Expr, Expr]) -> Expr:
    """e**(hi + lo) for float64 (|lo| <= 2**-20 |hi|): overflow inf, underflow 0."""
    hi, lo = z
    clamped = select(binary("lt", hi, _c(710.0)), hi, _c(710.0))
    clamped = select(binary("gt", clamped, _c(-746.0)), clamped, _c(-746.0))
    lo = select(binary("eq", clamped, hi), lo, _c(0.0))
    k = unary("rint", _mul(clamped, _c(_LOG2E)))
    r_hi = _sub(clamped, _mul(k, _c(_LN2_F64[0])))           # exact
    r_lo = _sub(lo, _mul(k, _c(_LN2_F64[1])))
    r = _add(r_hi, r_lo)
    p = _add(r_hi, _add(r_lo, _mul(_mul(r, r), _poly(r, _EXP_F64))))
    return scale_exp(_add(_c(1.0), p), k)


def _pow_core_f64(ax: Expr, y: Expr) -> Expr:
    """|x|**y for finite |x| > 0 and |y| < _Y_LIMIT: y * log2|x| = p_h + p_l with
    y = y1 + (y - y1) split so that y1 * t1 is exact, then (p_h + p_l) * ln 2 as
    u + v (u exact) for the exponential."""
    t1, t2 = log2_dd(ax)
    y1 = _high_part(y)
    p_l = _add(_mul(_sub(y, y1), t1), _mul(y, t2))
    p_h = _mul(y1, t1)                                        # exact
    t = _high_part(_add(p_h, p_l))
    u = _mul(t, _c(_LG2[0]))                                  # exact
    v = _add(_mul(_sub(p_l, _sub(t, p_h)), _c(_LG2[0] + _LG2[1])), _mul(t, _c(_LG2[1])))
    return exp_dd((u, v))


def _pow_core_f32(ax: Expr, y: Expr) -> Expr:
    """|x|**y of float32 arguments in plain float64 (exact conversions), rounded once."""
    return cast(exp_f64(_mul(cast(y, F64), log_f64(cast(ax, F64)))), F32)


# ---------------------------------------------------------------- special values
def _pow(x: Expr, y: Expr, core) -> Expr:
    """C99's pow of x, y (float32 or float64) with ``core`` for finite |x| != 0, 1
    and y != 0 with |y| < _Y_LIMIT."""
    dt = x.dtype
    bits = I64 if dt == F64 else I32

    def c(value: float) -> Expr:
        return const(value, dt)

    inf = c(np.inf)
    ax, ay = unary("abs", x), unary("abs", y)
    y_int = binary("eq", unary("floor", y), y)                 # (+-inf too)
    half = _mul(y, c(0.5))
    y_odd = binary("and", y_int, binary("ne", unary("floor", half), half))
    regular = binary("and", binary("and", binary("gt", ax, c(0.0)), binary("lt", ax, inf)),
                     binary("and", binary("and", binary("ne", ax, c(1.0)), binary("ne", y, c(0.0))),
                                binary("lt", ay, c(_Y_LIMIT))))
    value = core(select(regular, ax, c(2.0)), select(regular, y, c(1.0)))
    # |x| = 0, |x| = inf, |y| >= _Y_LIMIT: 0 or inf by the sign of y (and |x| > 1)
    y_pos = binary("gt", y, c(0.0))
    infinite = select(binary("eq", ax, c(0.0)), unary("not", y_pos),
                      select(binary("eq", ax, inf), y_pos,
                             binary("eq", binary("gt", ax, c(1.0)), y_pos)))
    value = select(regular, value, select(infinite, inf, c(0.0)))
    value = select(binary("eq", ax, c(1.0)), c(1.0), value)
    negative = binary("lt", bitcast(x, bits), const(0, bits))              # sign bit set
    value = select(binary("and", negative, y_odd), unary("neg", value), value)
    nan = binary("or", binary("ne", x, x), binary("ne", y, y))
    non_integer = binary("and", binary("and", binary("lt", x, c(0.0)), binary("gt", x, c(-np.inf))),
                         unary("not", y_int))
    value = select(binary("or", nan, non_integer), c(np.nan), value)
    return select(binary("or", binary("eq", x, c(1.0)), binary("eq", y, c(0.0))), c(1.0), value)


def pow_f64(x: Expr, y: Expr) -> Expr:
    """x**y for float64 (NumPy ``power``/``float_power``), within 4 ULP."""
    return _pow(x, y, _pow_core_f64)


def pow_f32(x: Expr, y: Expr) -> Expr:
    """x**y for float32 (NumPy ``power``): special cases in float32, the rest
    computed in float64 and rounded once."""
    return _pow(x, y, _pow_core_f32)


EXPANSIONS = {("pow", F32): pow_f32, ("pow", F64): pow_f64}

__all__ = ["pow_f32", "pow_f64", "log2_dd", "exp_dd", "EXPANSIONS"]
