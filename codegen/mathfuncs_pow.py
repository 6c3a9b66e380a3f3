"""pow(x, y) of float32 and float64 (NumPy's ``power`` and ``float_power``) as a
vectorizable expression: no libm call, no fused multiply-add.

pow(x, y) = exp(y * log|x|), as SLEEF computes it.  For float64 the logarithm
is a double-double (Dekker's exact products, Knuth's exact sums):
|x| = 2**e * m with m in [sqrt(1/2), sqrt(2)), s = (m - 1)/(m + 1) to ~2**-100,
log m = 2s + (2/3)s**3 + s**5 * T(s*s) (the first two terms in double-double,
T a fitted polynomial: relative error 2**-73), so that y * log|x| is right to
~2**-60 relative even for huge y; the exponential takes the product as
hi + lo (``exp`` of ``codegen.mathfuncs`` with the low part added to its
reduced argument).  Measured error: about 1 ULP (bound 4 ULP).  float32
computes exp(y * log|x|) in float64 with the plain float64 log and exp and
rounds once (error 0.5 ULP plus about 2**-20 ULP).

Special values are C99's (and so NumPy's): pow(x, +-0) = 1 and pow(1, y) = 1
even for NaN; pow(-1, +-inf) = 1; NaN for a negative finite x with a finite
non-integer y; +-0 and +-inf bases and +-inf exponents by the sign and parity
of y; a negative base with an odd integer y gives a negative result;
overflow gives inf, underflow subnormals or 0.
"""
from __future__ import annotations

import numpy as np

from .expr import Expr, binary, bitcast, cast, const, select, unary
from .mathfuncs import (F32, F64, I64, _EXP_F64, _LN2_F64, _LOG2E, _add, _mul, _poly, _sub,
                        exp_f64, log_f64, log_parts, scale_exp)

_h = float.fromhex
#: log((1+s)/(1-s)) = 2s + (2/3)s**3 + s**5 * T(s*s) on |s| <= 3 - 2*sqrt(2)
#: (max relative error 2**-73.2; tools/fit_mathfuncs.py)
_LOG_TAIL = tuple(map(_h, (
    "0x1.9999999999995p-2", "0x1.2492492493150p-2", "0x1.c71c71c564425p-3",
    "0x1.745d183def419p-3", "0x1.3b135ffe52cb6p-3", "0x1.112112e5f91e5p-3",
    "0x1.de26150680611p-4", "0x1.eb769c8da05f0p-4")))
#: 2/3 as hi + lo
_TWO_THIRDS = (_h("0x1.5555555555555p-1"), _h("0x1.5555555555555p-55"))
#: |y| from which every pow of a finite |x| != 1 over- or underflows
_Y_LIMIT = 2.0 ** 64

DD = tuple[Expr, Expr]


def _c(value: float) -> Expr:
    return const(value, F64)


# ---------------------------------------------------------------- double-double
def _fast_two_sum(a: Expr, b: Expr) -> DD:
    """(s, e) with s + e = a + b exactly, for |a| >= |b|."""
    s = _add(a, b)
    return s, _sub(b, _sub(s, a))


def _two_sum(a: Expr, b: Expr) -> DD:
    """(s, e) with s + e = a + b exactly (Knuth)."""
    s = _add(a, b)
    bb = _sub(s, a)
    return s, _add(_sub(a, _sub(s, bb)), _sub(b, bb))


def _split(a: Expr) -> DD:
    """a = hi + lo with hi the first 21 significant bits (the low 32 bits of the
    significand cleared: one mask, no multiply) and lo the other 32, exact."""
    hi = bitcast(binary("and", bitcast(a, I64), const(-(1 << 32), I64)), F64)
    return hi, _sub(a, hi)


def _two_prod(a: Expr, b: Expr) -> DD:
    """(p, e) with p + e = a * b (Dekker's product on 21 + 32-bit halves: every
    partial product but lo*lo is exact, so e is right to ~2**-74 |a*b|)."""
    p = _mul(a, b)
    ah, al = _split(a)
    bh, bl = _split(b)
    e = _add(_add(_add(_sub(_mul(ah, bh), p), _mul(ah, bl)), _mul(al, bh)), _mul(al, bl))
    return p, e


def _dd_mul(a: DD, b: DD) -> DD:
    p, e = _two_prod(a[0], b[0])
    return _fast_two_sum(p, _add(e, _add(_mul(a[0], b[1]), _mul(a[1], b[0]))))


def _dd_add(a: DD, b: DD) -> DD:
    s, e = _two_sum(a[0], b[0])
    return _fast_two_sum(s, _add(e, _add(a[1], b[1])))


def _dd_div(n: Expr, d: DD) -> DD:
    """n / (d_hi + d_lo) as a double-double (one division: q from the reciprocal,
    its error corrected in the low part)."""
    inverse = binary("div", _c(1.0), d[0])
    q = _mul(n, inverse)
    p, pe = _two_prod(q, d[0])
    rest = _sub(_sub(_sub(n, p), pe), _mul(q, d[1]))       # n - p exact (Sterbenz)
    return _fast_two_sum(q, _mul(rest, inverse))


# ---------------------------------------------------------------- log, exp
def log_dd(x: Expr) -> DD:
    """log(x) as hi + lo (relative error ~2**-70) for finite float64 x > 0."""
    e, f = log_parts(x)[:2]                                   # x = 2**e * (1 + f), f exact
    s = _dd_div(f, _fast_two_sum(_c(2.0), f))                 # f / (2 + f)
    s2 = _dd_mul(s, s)
    s3 = _dd_mul(s2, s)
    tail = _mul(_mul(s3[0], s2[0]), _poly(s2[0], _LOG_TAIL))
    total = _dd_add((_mul(e, _c(_LN2_F64[0])), _mul(e, _c(_LN2_F64[1]))),   # e*ln2_hi exact
                    (_add(s[0], s[0]), _add(s[1], s[1])))
    total = _dd_add(total, _dd_mul(s3, (_c(_TWO_THIRDS[0]), _c(_TWO_THIRDS[1]))))
    return _dd_add(total, (tail, _c(0.0)))


def exp_dd(z: DD) -> Expr:
    """e**(hi + lo) for float64 (lo well below ulp(hi)): overflow inf, underflow 0."""
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
    """|x|**y for finite |x| > 0 and |y| < _Y_LIMIT."""
    lh, ll = log_dd(ax)
    p, e = _two_prod(lh, y)
    return exp_dd(_fast_two_sum(p, _add(e, _mul(ll, y))))


def _pow_core_f32(ax: Expr, y: Expr) -> Expr:
    """|x|**y in plain float64, for float32 arguments (exact in float64)."""
    return exp_f64(_mul(y, log_f64(ax)))


# ---------------------------------------------------------------- special values
def _pow(x: Expr, y: Expr, core) -> Expr:
    """C99's pow of float64 x, y with ``core`` for finite x != 0, +-1 and finite y != 0."""
    inf = _c(np.inf)
    ax, ay = unary("abs", x), unary("abs", y)
    y_int = binary("eq", unary("floor", y), y)                 # (+-inf too)
    half = _mul(y, _c(0.5))
    y_odd = binary("and", y_int, binary("ne", unary("floor", half), half))
    regular = binary("and", binary("and", binary("gt", ax, _c(0.0)), binary("lt", ax, inf)),
                     binary("and", binary("and", binary("ne", ax, _c(1.0)), binary("ne", y, _c(0.0))),
                                binary("lt", ay, _c(_Y_LIMIT))))
    value = core(select(regular, ax, _c(2.0)), select(regular, y, _c(1.0)))
    # |x| = 0, |x| = inf, |y| >= _Y_LIMIT: 0 or inf by the sign of y (and |x| > 1)
    y_pos = binary("gt", y, _c(0.0))
    infinite = select(binary("eq", ax, _c(0.0)), unary("not", y_pos),
                      select(binary("eq", ax, inf), y_pos,
                             binary("eq", binary("gt", ax, _c(1.0)), y_pos)))
    value = select(regular, value, select(infinite, inf, _c(0.0)))
    value = select(binary("eq", ax, _c(1.0)), _c(1.0), value)
    negative = binary("lt", bitcast(x, I64), const(0, I64))                 # sign bit set
    value = select(binary("and", negative, y_odd), unary("neg", value), value)
    nan = binary("or", binary("ne", x, x), binary("ne", y, y))
    non_integer = binary("and", binary("and", binary("lt", x, _c(0.0)), binary("gt", x, _c(-np.inf))),
                         unary("not", y_int))
    value = select(binary("or", nan, non_integer), _c(np.nan), value)
    return select(binary("or", binary("eq", x, _c(1.0)), binary("eq", y, _c(0.0))), _c(1.0), value)


def pow_f64(x: Expr, y: Expr) -> Expr:
    """x**y for float64 (NumPy ``power``/``float_power``), within 4 ULP."""
    return _pow(x, y, _pow_core_f64)


def pow_f32(x: Expr, y: Expr) -> Expr:
    """x**y for float32 (NumPy ``power``), computed in float64 and rounded once."""
    return cast(_pow(cast(x, F64), cast(y, F64), _pow_core_f32), F32)


EXPANSIONS = {("pow", F32): pow_f32, ("pow", F64): pow_f64}

__all__ = ["pow_f32", "pow_f64", "log_dd", "exp_dd", "EXPANSIONS"]
