"""The other transcendental ufuncs of float32 and float64 as vectorizable expressions.

Built on the parts of ``codegen.mathfuncs`` (``exp_parts``, ``log_parts``/
``log_plus``, ``sincos_parts_f64``, ``reduce_pio2_f32``) and new polynomials
(arctan on |t| <= 7/16, arcsin on s**2 <= 1/4; for float32 also tanh on
|x| <= 9/16, sinh on |x| <= 1, tan on |r| <= pi/4), in the same style: range
reduction, polynomial, ``select`` for the cases, no libm call, no fused
multiply-add.

Most functions are written once for both dtypes and computed in the
argument's dtype (float32 vectors have twice the lanes); the float32 ones in
``_F32`` were each measured faster that way and within 2 ULP over every
third float32 bit pattern (tools/check_mathfuncs_f32.py).  The others (logaddexp,
logaddexp2: float32's own formula reaches 2.3 and 2.6 ULP of the operands'
scale; arccosh: 2.003 ULP near 1, where the square root of 2t + t*t, t = x - 1,
dominates) convert the argument, use the float64 expression and round once;
hypot squares in float64, where it needs no scaling.  float64 bounds are
<= 4 ULP (tested in tests/codegen/test_mathfuncs_derived.py); the measured
maxima are listed in docs/getting_started.rst.  Special values (NaN, +-inf,
-0.0, subnormals, overflow thresholds) follow NumPy.

tan shares sin/cos's reduction and its limit: ``expand_math`` reruns a
kernel with libm for arguments beyond ``mathfuncs.TRIG_LIMIT``.

The arctan reduction and the arcsin/arccos assembly follow fdlibm (Sun's
freely distributable libm): arctan maps |x| to t in [-7/16, 7/16] by one of
five Moebius maps and adds atan of the map's centre as hi + lo; arcsin and
arccos of |x| >= 1/2 use asin(x) = pi/2 - 2*asin(sqrt((1 - x)/2)) with the
square root's rounding error recovered.
"""
from __future__ import annotations

from typing import Callable

import numpy as np

from .expr import Expr, binary, bitcast, cast, const, select, unary
from .mathfuncs import (EXPANSIONS as _PRIMARY, F32, F64, I32, I64, _add, _high_part, _mul,
                        _poly, _pow2, _sub, exp_f64, exp_parts, log_parts, log_plus, log_special,
                        quadrant_is_odd, reduce_pio2_f32, scale_exp, sincos_parts_f64,
                        split_pow2)
from .mathfuncs_pow import EXPANSIONS as _POW

_h = float.fromhex

# ---------------------------------------------------------------- constants
#: atan(t) = t + t**3 * A(t*t) on |t| <= 7/16 (max relative error 2**-57.5)
_ATAN = tuple(map(_h, (
    "-0x1.5555555555505p-2", "0x1.999999998dd95p-3", "-0x1.2492491fbf540p-3",
    "0x1.c71c6fca75047p-4", "-0x1.745cda152f5ffp-4", "0x1.3b0f08f99bbb9p-4",
    "-0x1.10d51fd031461p-4", "0x1.ddd2b806b3784p-5", "-0x1.977628d650be4p-5",
    "0x1.2abb05d2f0897p-5", "-0x1.09cf6f6a38550p-6")))
#: asin(s) = s + s**3 * S(s*s) on |s| <= 1/2 (2**-59.8)
_ASIN = tuple(map(_h, (
    "0x1.5555555555577p-3", "0x1.333333332e220p-4", "0x1.6db6db7201504p-5",
    "0x1.f1c71a9cb415cp-6", "0x1.6e8bdded6fa3ep-6", "0x1.1c4a0286afb7fp-6",
    "0x1.ca1dc80507ab4p-7", "0x1.75946825fc80fp-7", "0x1.60e7dbd0ce0edp-7",
    "0x1.eb014183ace24p-9", "0x1.6211b6181dc5bp-6", "-0x1.55ce1f2a14cc8p-6",
    "0x1.0a980b9796f87p-5")))
#: atan(0.5), atan(1), atan(1.5), atan(inf) = pi/2 as hi + lo
_ATAN_HI = tuple(map(_h, ("0x1.dac670561bb4fp-2", "0x1.921fb54442d18p-1",
                          "0x1.f730bd281f69bp-1", "0x1.921fb54442d18p+0")))
_ATAN_LO = tuple(map(_h, ("0x1.a2b7f222f65e2p-56", "0x1.1a62633145c07p-55",
                          "0x1.007887af0cbbdp-56", "0x1.1a62633145c07p-54")))
_PIO2 = (_h("0x1.921fb54442d18p+0"), _h("0x1.1a62633145c07p-54"))
_PI = (_h("0x1.921fb54442d18p+1"), _h("0x1.1a62633145c07p-53"))
_PIO2_F32 = (_h("0x1.921fb60000000p+0"), _h("-0x1.777a5c0000000p-25"))
_PI_F32 = (_h("0x1.921fb60000000p+1"), _h("-0x1.777a5c0000000p-24"))
_LN2 = _h("0x1.62e42fefa39efp-1")
_LOG2E = _h("0x1.71547652b82fep+0")
#: 1/ln2 and 1/ln10 as a 32-bit hi + lo (hi times a 21-bit number is exact),
#: log10(2) as a 40-bit hi + lo (times an exponent |e| < 2**11 is exact)
_IVLN2 = (_h("0x1.7154765200000p+0"), _h("0x1.705fc2eefa200p-33"))
_IVLN10 = (_h("0x1.bcb7b15200000p-2"), _h("0x1.b9438ca9aadd5p-36"))
_LOG10_2 = (_h("0x1.34413509f8000p-2"), _h("-0x1.80433b83b532ap-44"))
#: float32: 1/ln2 and 1/ln10 with a 12-bit hi, log10(2) with a 15-bit hi (times |e| < 2**8)
_IVLN2_F32 = (_h("0x1.7160000000000p+0"), _h("-0x1.7135a80000000p-13"))
_IVLN10_F32 = (_h("0x1.bcc0000000000p-2"), _h("-0x1.09d5b20000000p-15"))
_LOG10_2_F32 = (_h("0x1.3440000000000p-2"), _h("0x1.3509f80000000p-18"))
#: float32 (tools/fit_mathfuncs.py, float32 coefficients): atan(t) = t + t**3 * A(t*t) on
#: |t| <= 7/16 (2**-29.5); tanh(x) = x + x**3 * T(x*x) on |x| <= 9/16 (2**-29.4);
_ATAN_F32 = tuple(map(_h, (
    "-0x1.5555400000000p-2", "0x1.998d4a0000000p-3", "-0x1.2365520000000p-3",
    "0x1.ad64a20000000p-4", "-0x1.db68d40000000p-5")))
_TANH_F32 = tuple(map(_h, (
    "-0x1.5555480000000p-2", "0x1.110c620000000p-3", "-0x1.b906de0000000p-5",
    "0x1.581dc20000000p-6", "-0x1.94a38a0000000p-8")))
#: sinh(x) = x + x**3 * S(x*x) on |x| <= 1 (2**-31.4)
_SINH_F32 = tuple(map(_h, ("0x1.5555560000000p-3", "0x1.1110ea0000000p-7",
                           "0x1.a01c200000000p-13", "0x1.7677b00000000p-19")))
#: tan(r) = r + r**3 * T(r*r) on |r| <= pi/4 (2**-29.5)
_TAN_F32 = tuple(map(_h, ("0x1.5555600000000p-2", "0x1.110da80000000p-3",
                          "0x1.bad7320000000p-5", "0x1.5cdf620000000p-6",
                          "0x1.6221c00000000p-7", "0x1.0582a60000000p-13",
                          "0x1.1db39e0000000p-8")))
#: asin(s) = s + s**3 * S(s*s) on |s| <= 1/2 (2**-27.6)
_ASIN_F32 = tuple(map(_h, ("0x1.5555c80000000p-3", "0x1.3302420000000p-4",
                           "0x1.7472b80000000p-5", "0x1.8ca67a0000000p-6",
                           "0x1.58fccc0000000p-5")))
#: atan(0.5), atan(1), atan(1.5), pi/2 as float32 hi + lo
_ATAN_HI_F32 = tuple(map(_h, ("0x1.dac6700000000p-2", "0x1.921fb60000000p-1",
                              "0x1.f730be0000000p-1", "0x1.921fb60000000p+0")))
_ATAN_LO_F32 = tuple(map(_h, ("0x1.586ed40000000p-28", "-0x1.777a5c0000000p-26",
                              "-0x1.afc12c0000000p-26", "-0x1.777a5c0000000p-25")))
#: per dtype: the integer of its bits and that integer's sign bit
_BITS = {F32: (I32, -(1 << 31)), F64: (I64, -(1 << 63))}


# ---------------------------------------------------------------- builders
def _c(value: float, dtype: np.dtype = F64) -> Expr:
    return const(value, dtype)


def _div(a: Expr, b: Expr) -> Expr:
    return binary("div", a, b)


def _lt(a: Expr, b: float | Expr) -> Expr:
    return binary("lt", a, b if isinstance(b, Expr) else _c(b, a.dtype))


def _eq(a: Expr, b: float | Expr) -> Expr:
    return binary("eq", a, b if isinstance(b, Expr) else _c(b, a.dtype))


def _abs(x: Expr) -> Expr:
    return unary("abs", x)


def _sign_bit(x: Expr) -> Expr:
    it, sign = _BITS[x.dtype]
    return binary("and", bitcast(x, it), _c(sign, it))


def _copysign(magnitude: Expr, x: Expr) -> Expr:
    """``magnitude`` (sign bit clear) with the sign of ``x``."""
    it = _BITS[x.dtype][0]
    return bitcast(binary("or", bitcast(magnitude, it), _sign_bit(x)), x.dtype)


def _keep_zero(x: Expr, value: Expr) -> Expr:
    """``value``, but x itself where x is +-0 (keeps the sign of zero)."""
    return select(_eq(x, 0.0), x, value)


def _keep_nan(x: Expr, value: Expr) -> Expr:
    return select(_eq(x, x), value, x)


def _log1p_correction(y: Expr, u: Expr) -> Expr:
    """(y + 1 - u) / u for u = fl(1 + y): log1p(y) = log(u) + this (to first order)."""
    one = _c(1.0, y.dtype)
    err = select(_lt(_abs(y), 1.0), _sub(y, _sub(u, one)), _sub(one, _sub(u, y)))
    return _div(err, u)


def _log1p(y: Expr) -> Expr:
    u = _add(_c(1.0, y.dtype), y)
    return log_plus(u, _log1p_correction(y, u))


# ---------------------------------------------------------------- exp family
def _expm1_from(k: Expr, p: Expr) -> Expr:
    """e**x - 1 from e**x = 2**k * (1 + p): 2**k * p + (2**k - 1), computed as
    2**k2 * (2**k1 * p + (2**k1 - 2**-k2)) so that no factor over- or underflows."""
    k1, k2 = split_pow2(k)
    dt = p.dtype
    a = _pow2(k1, dt)
    return _mul(_add(_mul(a, p), _sub(a, _pow2(_sub(_c(0, k1.dtype), k2), dt))), _pow2(k2, dt))


def _expm1(x: Expr) -> Expr:
    """In x's dtype; below -60 (float64) or -30 (float32) the result is -1."""
    lo, hi = (-60.0, 710.0) if x.dtype == F64 else (-30.0, 89.0)
    k, p = exp_parts(x, lo, hi)
    return _keep_nan(x, _keep_zero(x, _expm1_from(k, p)))


def _exp2(x: Expr) -> Expr:
    """2**x = 2**k * e**(r*ln2), k = rint(x), r = x - k exact.  In x's dtype."""
    dt = x.dtype
    limit = 1100.0 if dt == F64 else 160.0                  # beyond: inf or 0
    xc = select(_lt(x, limit), x, _c(limit, dt))
    xc = select(binary("gt", xc, _c(-limit, dt)), xc, _c(-limit, dt))
    k = unary("rint", xc)
    t = _mul(_sub(xc, k), _c(_LN2, dt))
    kt, p = exp_parts(t, -1.0, 1.0)                          # kt = 0: |t| <= ln2/2
    return _keep_nan(x, scale_exp(_add(_c(1.0, dt), p), _add(k, kt)))


def _exp_abs_parts(ax: Expr) -> tuple[Expr, Expr, Expr]:
    """(k, p, t) of e**ax = 2**k * (1 + p) for ax = |x|, clamped below the value
    where e**ax / 2 overflows, and t = expm1(ax)."""
    k, p = exp_parts(ax, 0.0, 711.0 if ax.dtype == F64 else 90.0)
    return k, p, _expm1_from(k, p)


def _sinh(x: Expr) -> Expr:
    """fdlibm's cases on |x|: from t = expm1(|x|) below 22, e**|x| / 2 above.
    In x's dtype; float32 below 1: |x| + |x|**3 * S(x*x) (float32's expm1 is not
    accurate enough there)."""
    dt = x.dtype
    one, half = _c(1.0, dt), _c(0.5, dt)
    ax = _abs(x)
    k, p, t = _exp_abs_parts(ax)
    big = scale_exp(_add(one, p), k, -1)
    if dt == F64:
        small = _mul(half, _sub(_add(t, t), _div(_mul(t, t), _add(t, one))))
    else:
        z = _mul(ax, ax)
        small = _add(ax, _mul(_mul(ax, z), _poly(z, _SINH_F32)))
    mid = _mul(half, _add(t, _div(t, _add(t, one))))
    value = select(_lt(ax, 22.0), select(_lt(ax, 1.0), small, mid), big)
    return _keep_nan(x, _copysign(value, x))


def _cosh(x: Expr) -> Expr:
    """1 + t*t / (2*(1 + t)) with t = expm1(|x|) below ln2/2, (e + 1/e)/2 below 22,
    e**|x| / 2 above.  In x's dtype."""
    dt = x.dtype
    one, half = _c(1.0, dt), _c(0.5, dt)
    ax = _abs(x)
    k, p, t = _exp_abs_parts(ax)
    e = scale_exp(_add(one, p), k)
    w = _add(one, t)
    small = _add(one, _div(_mul(t, t), _add(w, w)))
    mid = _add(_mul(half, e), _div(half, e))
    big = scale_exp(_add(one, p), k, -1)
    value = select(_lt(ax, 22.0), select(_lt(ax, 0.3465), small, mid), big)
    return _keep_nan(x, value)


def _tanh(x: Expr) -> Expr:
    """t / (t + 2) with t = expm1(2|x|); 1 from |x| >= 22."""
    ax = _abs(x)
    a = select(_lt(ax, 22.0), ax, _c(22.0))
    t = _expm1(_add(a, a))
    value = select(_lt(ax, 22.0), _div(t, _add(t, _c(2.0))), _c(1.0))
    return _keep_nan(x, _copysign(value, x))


def _tanh_f32(x: Expr) -> Expr:
    """float32 in float32: |x| + |x|**3 * T(x*x) below 9/16, 1 - 2/(e**(2|x|) + 1) above
    (there the result is >= 1/2, so the error of e**(2|x|) is halved); e**(2|x|) is
    taken of |x| clamped to 10, where tanh is 1 in float32."""
    dt = x.dtype
    ax = _abs(x)
    z = _mul(ax, ax)
    small = _add(ax, _mul(_mul(ax, z), _poly(z, _TANH_F32)))
    k, p = exp_parts(_add(ax, ax), 0.0, 20.0)
    e = scale_exp(_add(_c(1.0, dt), p), k)
    big = _sub(_c(1.0, dt), _div(_c(2.0, dt), _add(e, _c(1.0, dt))))
    return _keep_nan(x, _copysign(select(_lt(ax, 0.5625), small, big), x))


def _logaddexp(x: Expr, y: Expr, base2: bool) -> Expr:
    """NumPy's formula: max + log1p(exp(-|x - y|)) (base 2: log2_1p(exp2(.)));
    x + log(2) (or x + 1) where x == y, infinities included."""
    m = binary("max", x, y)
    d = unary("neg", _abs(_sub(x, y)))
    if base2:
        value = _add(m, _mul(_log1p(_exp2(d)), _c(_LOG2E)))
        return select(_eq(x, y), _add(x, _c(1.0)), value)
    return select(_eq(x, y), _add(x, _c(_LN2)), _add(m, _log1p(exp_f64(d))))


# ---------------------------------------------------------------- log family
def _log_base(x: Expr, inv: tuple[float, float], e_hi: float, e_lo: float) -> Expr:
    """fdlibm's log2/log10: log(1 + f) = hi + lo with hi of 21 bits (float32: 12),
    multiplied by 1/ln(base) in two parts; e*log_base(2) added exactly (e_hi*e exact).
    In x's dtype."""
    dt = x.dtype
    ef, f, hfsq, r = log_parts(x)
    hi = _high_part(_sub(f, hfsq))
    lo = _add(_sub(_sub(f, hi), hfsq), r)
    val_hi = _mul(hi, _c(inv[0], dt))
    val_lo = _add(_mul(_add(lo, hi), _c(inv[1], dt)), _mul(lo, _c(inv[0], dt)))
    y = _mul(ef, _c(e_hi, dt))
    if e_lo:
        val_lo = _add(_mul(ef, _c(e_lo, dt)), val_lo)
    w = _add(y, val_hi)
    val_lo = _add(val_lo, _add(_sub(y, w), val_hi))
    return log_special(x, _add(val_lo, w))


def _log2(x: Expr) -> Expr:
    return _log_base(x, _IVLN2 if x.dtype == F64 else _IVLN2_F32, 1.0, 0.0)


def _log10(x: Expr) -> Expr:
    if x.dtype == F64:
        return _log_base(x, _IVLN10, *_LOG10_2)
    return _log_base(x, _IVLN10_F32, *_LOG10_2_F32)


def _log1p_fn(x: Expr) -> Expr:
    """log(u) + (x - (u - 1))/u with u = fl(1 + x); NumPy's log1p(-1) = -inf."""
    return _keep_zero(x, _log1p(x))


def _arcsinh(x: Expr) -> Expr:
    """One logarithm, of |x| + sqrt(x*x + 1) written to avoid cancellation:
    log1p(|x| + x*x / (1 + sqrt(1 + x*x))) up to 2, log(2|x| + 1/(sqrt(x*x + 1) + |x|))
    up to 2**28, log(|x|) + ln2 above.  In x's dtype."""
    ax = _abs(x)
    one = _c(1.0, x.dtype)
    sq = unary("sqrt", _add(_mul(ax, ax), one))
    y = _add(ax, _div(_mul(ax, ax), _add(one, sq)))
    u_small = _add(one, y)
    u_mid = _add(_add(ax, ax), _div(one, _add(sq, ax)))
    value = _arc_log(ax, 2.0, y, u_small, u_mid)
    return _copysign(value, x)


def _arccosh(x: Expr) -> Expr:
    """log1p(t + sqrt(2t + t*t)), t = x - 1, up to 2; log(2x - 1/(x + sqrt(x*x - 1)))
    up to 2**28; log(x) + ln2 above; NaN below 1."""
    t = _sub(x, _c(1.0))
    y = _add(t, unary("sqrt", _add(_add(t, t), _mul(t, t))))
    u_small = _add(_c(1.0), y)
    u_mid = _sub(_add(x, x), _div(_c(1.0), _add(x, unary("sqrt", _sub(_mul(x, x), _c(1.0))))))
    value = _arc_log(x, 2.0, y, u_small, u_mid)
    return select(binary("ge", x, _c(1.0)), value, _c(np.nan))


def _arc_log(ax: Expr, small_limit: float, y: Expr, u_small: Expr, u_mid: Expr) -> Expr:
    """log1p(y) (with u_small = fl(1 + y)) for ax <= small_limit, log(u_mid) up to
    2**28, log(2*ax) = log(ax) + ln2 above (its exponent raised by one, exactly):
    one logarithm for the three."""
    dt = ax.dtype
    small, big = binary("le", ax, _c(small_limit, dt)), binary("gt", ax, _c(2.0 ** 28, dt))
    u = select(small, u_small, select(big, ax, u_mid))
    correction = select(small, _log1p_correction(y, u_small), _c(0.0, dt))
    return log_plus(u, correction, select(big, _c(1.0, dt), _c(0.0, dt)))


def _arctanh(x: Expr) -> Expr:
    """0.5 * log1p(2|x| + 2|x|*|x| / (1 - |x|)) below 1/2, 0.5 * log1p(2|x| / (1 - |x|))
    from there.  In x's dtype."""
    ax = _abs(x)
    a2 = _add(ax, ax)
    one_minus = _sub(_c(1.0, x.dtype), ax)
    y = select(_lt(ax, 0.5), _add(a2, _div(_mul(a2, ax), one_minus)), _div(a2, one_minus))
    value = _mul(_c(0.5, x.dtype), _log1p(y))
    return _copysign(value, x)


# ---------------------------------------------------------------- trig family
def _tan(x: Expr) -> Expr:
    """sin(r)/cos(r), or -cos(r)/sin(r) for odd quadrants (sin/cos's reduction)."""
    sin_r, cos_r, q = sincos_parts_f64(x)
    odd = binary("or", _eq(q, 1.0), _eq(q, 3.0))
    value = select(odd, unary("neg", _div(cos_r, sin_r)), _div(sin_r, cos_r))
    return _keep_zero(x, value)


def _tan_f32(x: Expr) -> Expr:
    """float32: x = r + k*pi/2 (``mathfuncs.reduce_pio2_f32``), r = r32 + r_lo in
    float32; tan r = r32 + r32**3 * T(r32**2) + r_lo*(1 + r32**2), and -1/tan r for
    odd k."""
    r, r32, q = reduce_pio2_f32(x)
    r_lo = cast(_sub(r, cast(r32, F64)), F32)
    z = _mul(r32, r32)
    tail = _add(_mul(_mul(r32, z), _poly(z, _TAN_F32)), _add(r_lo, _mul(r_lo, z)))
    tan_r = _add(r32, tail)
    value = select(quadrant_is_odd(q), _div(_c(-1.0, F32), tan_r), tan_r)
    return _keep_zero(x, value)


def _atan_nonneg(ax: Expr) -> Expr:
    """atan of ax >= 0 (or NaN) by fdlibm's reduction: t = (a*ax + b)/(c*ax + d) in
    [-7/16, 7/16] and atan(ax) = atan(centre) + atan(t).  In ax's dtype."""
    dt = ax.dtype
    atan_hi, atan_lo, coeffs = ((_ATAN_HI, _ATAN_LO, _ATAN) if dt == F64 else
                                (_ATAN_HI_F32, _ATAN_LO_F32, _ATAN_F32))

    def c(value: float) -> Expr:
        return _c(value, dt)
    cases = [(_lt(ax, 7 / 16), ax, c(1.0), None),
             (_lt(ax, 11 / 16), _sub(_add(ax, ax), c(1.0)), _add(c(2.0), ax), 0),
             (_lt(ax, 19 / 16), _sub(ax, c(1.0)), _add(ax, c(1.0)), 1),
             (_lt(ax, 39 / 16), _sub(ax, c(1.5)), _add(c(1.0), _mul(c(1.5), ax)), 2)]
    num, den, hi, lo = c(-1.0), ax, c(atan_hi[3]), c(atan_lo[3])
    for cond, n, d, i in reversed(cases):
        num, den = select(cond, n, num), select(cond, d, den)
        hi = select(cond, c(0.0) if i is None else c(atan_hi[i]), hi)
        lo = select(cond, c(0.0) if i is None else c(atan_lo[i]), lo)
    t = _div(num, den)
    z = _mul(t, t)
    return _add(hi, _add(_add(_mul(_mul(t, z), _poly(z, coeffs)), lo), t))


def _arctan(x: Expr) -> Expr:
    return _copysign(_atan_nonneg(_abs(x)), x)


def _arctan2(y: Expr, x: Expr) -> Expr:
    """a = atan(min/max of |y|, |x|), reflected to a, pi/2 - a (|y| > |x|), pi - a (x with
    its sign bit set) or pi/2 + a (both), then given y's sign.  0/0 counts as 0 and
    inf/inf as 1; NaN if either is NaN.  In x's dtype."""
    dt = x.dtype
    pio2, pi = (_PIO2, _PI) if dt == F64 else (_PIO2_F32, _PI_F32)
    ax, ay = _abs(x), _abs(y)
    swap = binary("gt", ay, ax)
    num, den = select(swap, ax, ay), select(swap, ay, ax)
    t = _div(num, den)
    t = select(_eq(den, 0.0), _c(0.0, dt), t)
    t = select(binary("and", _eq(num, np.inf), _eq(den, np.inf)), _c(1.0, dt), t)
    a = _atan_nonneg(t)
    negative_x = binary("ne", _sign_bit(x), _c(0, _BITS[dt][0]))
    # one rounding each: a, pi/2 - a, pi - a, pi/2 + a
    left = select(swap, _add(_c(pio2[0], dt), _add(_c(pio2[1], dt), a)),
                  _add(_c(pi[0], dt), _sub(_c(pi[1], dt), a)))
    right = select(swap, _add(_c(pio2[0], dt), _sub(_c(pio2[1], dt), a)), a)
    value = _copysign(select(negative_x, left, right), y)
    return select(binary("or", binary("ne", x, x), binary("ne", y, y)), _add(x, y), value)


def _asin_parts(x: Expr) -> tuple[Expr, Expr, Expr, Expr]:
    """(ax, t, s, g) with g = s*t*S(t): asin(s) = s + g for s = |x| (t = x*x) below 1/2,
    s = sqrt(t), t = (1 - |x|)/2 from 1/2 on (where asin|x| = pi/2 - 2*asin(s))."""
    dt = x.dtype
    ax = _abs(x)
    small = _lt(ax, 0.5)
    t = select(small, _mul(x, x), _mul(_sub(_c(1.0, dt), ax), _c(0.5, dt)))
    s = select(small, ax, unary("sqrt", t))
    return ax, t, s, _mul(_mul(s, t), _poly(t, _ASIN if dt == F64 else _ASIN_F32))


def _sqrt_rest(t: Expr, s: Expr) -> tuple[Expr, Expr]:
    """(w, c): w = s with 21 (float32: 12) significant bits and w + c = sqrt(t) to
    about twice the precision of the dtype."""
    w = _high_part(s)
    return w, select(_eq(s, 0.0), s, _div(_sub(t, _mul(w, w)), _add(s, w)))


def _arc_constants(dt: np.dtype) -> tuple[Callable[[float], Expr], tuple[float, float],
                                          tuple[float, float]]:
    """A constant maker for ``dt`` and pi/2, pi as hi + lo in ``dt``."""
    pio2, pi = (_PIO2, _PI) if dt == F64 else (_PIO2_F32, _PI_F32)
    return (lambda value: _c(value, dt)), pio2, pi


def _arcsin(x: Expr) -> Expr:
    """In x's dtype."""
    c, pio2, _ = _arc_constants(x.dtype)
    ax, t, s, g = _asin_parts(x)
    w, rest = _sqrt_rest(t, s)
    pio4_hi = c(pio2[0] / 2)
    near_one = _sub(c(pio2[0]), _sub(_mul(c(2.0), _add(s, g)), c(pio2[1])))
    p = _sub(_mul(c(2.0), g), _sub(c(pio2[1]), _mul(c(2.0), rest)))
    q = _sub(pio4_hi, _mul(c(2.0), w))
    middle = _sub(pio4_hi, _sub(p, q))
    value = select(_lt(ax, 0.5), _add(s, g), select(_lt(ax, 0.975), middle, near_one))
    value = select(binary("le", ax, c(1.0)), value, c(np.nan))
    return _keep_zero(x, _copysign(value, x))


def _arccos(x: Expr) -> Expr:
    """In x's dtype."""
    c, pio2, pi = _arc_constants(x.dtype)
    ax, t, s, g = _asin_parts(x)
    w, rest = _sqrt_rest(t, s)
    small = _sub(c(pio2[0]), _sub(x, _sub(c(pio2[1]), _copysign(g, x))))
    negative = _sub(c(pi[0]), _mul(c(2.0), _add(s, _sub(g, c(pio2[1])))))
    positive = _mul(c(2.0), _add(w, _add(g, rest)))
    value = select(_lt(ax, 0.5), small, select(_lt(x, 0.0), negative, positive))
    return select(binary("le", ax, c(1.0)), value, c(np.nan))


# ---------------------------------------------------------------- two arguments
def _hypot(x: Expr, y: Expr) -> Expr:
    """big * sqrt(1 + (small/big)**2); inf if either is inf, else NaN if either is."""
    ax, ay = _abs(x), _abs(y)
    swap = binary("gt", ay, ax)
    big, small = select(swap, ay, ax), select(swap, ax, ay)
    r = _div(small, big)
    value = _mul(big, unary("sqrt", _add(_c(1.0), _mul(r, r))))
    value = select(_eq(big, 0.0), _c(0.0), value)
    nan = binary("or", binary("ne", x, x), binary("ne", y, y))
    value = select(nan, _add(x, y), value)
    return select(binary("or", _eq(ax, np.inf), _eq(ay, np.inf)), _c(np.inf), value)


def _hypot_f32(x: Expr, y: Expr) -> Expr:
    """sqrt(x*x + y*y) in float64: exact squares, no overflow, one rounding each."""
    xd, yd = cast(x, F64), cast(y, F64)
    value = unary("sqrt", _add(_mul(xd, xd), _mul(yd, yd)))
    inf = binary("or", _eq(_abs(xd), np.inf), _eq(_abs(yd), np.inf))
    return cast(select(inf, _c(np.inf), value), F32)


# ---------------------------------------------------------------- tables
_F64_UNARY: dict[str, Callable[[Expr], Expr]] = {
    "expm1": _expm1, "exp2": _exp2, "log2": _log2, "log10": _log10, "log1p": _log1p_fn,
    "sinh": _sinh, "cosh": _cosh, "tanh": _tanh, "arcsinh": _arcsinh, "arccosh": _arccosh,
    "arctanh": _arctanh, "tan": _tan, "arctan": _arctan, "arcsin": _arcsin, "arccos": _arccos,
}
_F64_BINARY: dict[str, Callable[[Expr, Expr], Expr]] = {
    "arctan2": _arctan2, "hypot": _hypot,
    "logaddexp": lambda x, y: _logaddexp(x, y, False),
    "logaddexp2": lambda x, y: _logaddexp(x, y, True),
}


def _in_float64(fn: Callable) -> Callable:
    """The float32 version of a float64 expansion: convert, compute, round once."""
    def f32(*args: Expr) -> Expr:
        return cast(fn(*(cast(a, F64) for a in args)), F32)
    f32.__name__ = f"{fn.__name__}_f32"
    return f32


def _times(numerator: float, denominator: float) -> Callable[[Expr], Expr]:
    """x * (numerator / denominator), the quotient rounded in x's dtype as NumPy's
    deg2rad and rad2deg compute it (bit for bit)."""
    def times(x: Expr) -> Expr:
        dt = x.dtype.type
        return _mul(x, const(dt(numerator) / dt(denominator), x.dtype))
    return times


#: float32 expansions computed in float32 (faster than ``_in_float64`` of the float64
#: one, measured by benchmarks/transcendental.py; within 2 ULP)
_F32: dict[str, Callable] = {
    "expm1": _expm1, "log1p": _log1p_fn, "tanh": _tanh_f32, "arcsinh": _arcsinh,
    "arctan": _arctan, "hypot": _hypot_f32, "exp2": _exp2, "sinh": _sinh, "cosh": _cosh,
    "arctanh": _arctanh, "arctan2": _arctan2, "log2": _log2,
    "log10": _log10, "arcsin": _arcsin, "arccos": _arccos, "tan": _tan_f32,
}

#: (function, dtype) -> expansion, for every function here, in ``mathfuncs``
#: and in ``mathfuncs_pow``
EXPANSIONS: dict[tuple[str, np.dtype], Callable] = {**_PRIMARY, **_POW}
for _name, _fn in {**_F64_UNARY, **_F64_BINARY}.items():
    EXPANSIONS[_name, F64] = _fn
    EXPANSIONS[_name, F32] = _F32.get(_name) or _in_float64(_fn)
for _name, _fraction in (("deg2rad", (np.pi, 180.0)), ("rad2deg", (180.0, np.pi))):
    EXPANSIONS[_name, F32] = EXPANSIONS[_name, F64] = _times(*_fraction)

__all__ = ["EXPANSIONS"]
