"""exp, log, sin and cos of float32 and float64 as expressions of vectorizable operations.

Each function here takes a float ``Expr`` and returns an ``Expr`` made only of
arithmetic, comparisons, ``select``, ``rint``/``floor``, integer shifts and
``bitcast``: range reduction followed by a polynomial, so that LLVM's loop
vectorizer can turn a loop calling it into SIMD code (a libm call stays
scalar).  No fused multiply-add is used, so results do not depend on the CPU.

Accuracy against correctly rounded results (see tests/codegen/test_mathfuncs.py):
float64 within 4 ULP (measured: about 1), float32 within 2 ULP (measured:
about 1).  Special values follow NumPy: NaN in -> NaN out; exp(+inf) = inf,
exp(-inf) = 0, overflow -> inf, underflow -> subnormal or 0; log(0) = -inf,
log(x < 0) = NaN, log(inf) = inf, log of subnormals exact to the bound;
sin/cos(+-inf) = NaN, sin(-0.0) = -0.0.

exp and log of float32 are computed in float32.  sin and cos reduce ``x`` by
multiples of pi/2 with Cody-Waite in float64 (float32 arguments too: without
fused multiply-add, float32 arithmetic cannot subtract k*pi/2 exactly enough,
but the float32 reduced argument then goes through float32 polynomials),
float64 with five parts of pi/2 and the reduced argument carried as a
double-double; the bound holds for ``|x| <= TRIG_LIMIT``.  Beyond it the
reduction is not accurate: ``trig_out_of_range`` says which arguments need
another method (the expand-math pass reruns such kernels with libm calls).

``exp_parts``/``scale_exp``, ``log_parts``/``log_plus`` and
``sincos_parts_f64`` expose the reductions and polynomials for the other
functions (``codegen.mathfuncs_derived``: expm1, tanh, log1p, tan, ...).

The polynomial coefficients are near-minimax fits (weighted least squares on
Chebyshev nodes in 200-bit arithmetic, each coefficient rounded to the target
precision before the higher ones are refitted); ``tools/fit_mathfuncs.py``
recomputes them and the split constants.
"""
from __future__ import annotations

import numpy as np

from .expr import Expr, binary, bitcast, cast, const, select, unary

F32, F64 = np.dtype(np.float32), np.dtype(np.float64)
I32, I64 = np.dtype(np.int32), np.dtype(np.int64)

#: |x| up to which sin and cos keep their accuracy bound (the Cody-Waite
#: reduction needs k = rint(x * 2/pi) below 2**30).
TRIG_LIMIT = {F32: 2.0 ** 30, F64: 2.0 ** 30}

_h = float.fromhex

# ---------------------------------------------------------------- constants
#: pi/2 as parts that are multiples of 2**-22, 2**-45, 2**-68, 2**-91 (so k * part
#: is exact for |k| < 2**30) and a rounded rest: together within 2**-147 of pi/2.
_PIO2_F64 = tuple(map(_h, ("0x1.921fb40000000p+0", "0x1.4442d00000000p-24",
                           "0x1.8469900000000p-48", "-0x1.9cceb80000000p-70",
                           "-0x1.1fc8f8cbb5bf7p-93")))
#: three parts (the last rounded): within 2**-103 of pi/2; enough for float32 results.
_PIO2_F32 = tuple(map(_h, ("0x1.921fb40000000p+0", "0x1.4442d00000000p-24",
                           "0x1.8469898cc5170p-48")))
_TWO_OVER_PI = _h("0x1.45f306dc9c883p-1")
#: ln 2 = hi + lo, hi with few bits so that k * hi is exact for the k of exp and log.
_LN2_F64 = (_h("0x1.62e42ff000000p-1"), _h("-0x1.718432a1b0e26p-35"))
_LN2_F32 = (_h("0x1.62e4000000000p-1"), _h("0x1.7f7d1c0000000p-20"))
_LOG2E = _h("0x1.71547652b82fep+0")

# exp(r) = 1 + r + r**2 * E(r) on |r| <= ln2/2 (max relative error 2**-63.5 / 2**-27.9)
_EXP_F64 = tuple(map(_h, (
    "0x1.0000000000000p-1", "0x1.555555555555cp-3", "0x1.5555555555540p-5",
    "0x1.111111110e9e6p-7", "0x1.6c16c16c2017ep-10", "0x1.a01a01b4528aep-13",
    "0x1.a01a0174e68d6p-16", "0x1.71ddee44c63dap-19", "0x1.27e544a28f72fp-22",
    "0x1.af6ee108675a0p-26", "0x1.1ed449ccdc352p-29")))
_EXP_F32 = tuple(map(_h, (
    "0x1.0000000000000p-1", "0x1.55548e0000000p-3", "0x1.5555be0000000p-5",
    "0x1.123c100000000p-7", "0x1.6c56080000000p-10")))
# log((1+s)/(1-s)) = 2s + s**3 * L(s**2) on |s| <= 3 - 2*sqrt(2) (2**-59.4 / 2**-30.2)
_LOG_F64 = tuple(map(_h, (
    "0x1.5555555555594p-1", "0x1.999999997f71ap-2", "0x1.249249423e325p-2",
    "0x1.c71c51d335ec5p-3", "0x1.746648d55bd70p-3", "0x1.39a0d0aa96991p-3",
    "0x1.2f0df3023492ep-3")))
_LOG_F32 = tuple(map(_h, ("0x1.55557a0000000p-1", "0x1.995ed80000000p-2",
                          "0x1.31e0440000000p-2")))
# float64: sin(r) = r + r**3 * S(r**2), cos(r) = 1 - r**2/2 + r**4 * C(r**2) on
# |r| <= pi/4 (2**-62.9 and 2**-63.8)
_SIN_F64 = tuple(map(_h, (
    "-0x1.5555555555555p-3", "0x1.111111111108ap-7", "-0x1.a01a01a0069e0p-13",
    "0x1.71de3a3fc9792p-19", "-0x1.ae643cdcb3d6fp-26", "0x1.61146655d960dp-33",
    "-0x1.a53e76e77300fp-41")))
_COS_F64 = tuple(map(_h, (
    "0x1.555555555554ap-5", "-0x1.6c16c16c14e49p-10", "0x1.a01a019c68759p-16",
    "-0x1.27e4f7d8dc0aep-22", "0x1.1ee9ccade9593p-29", "-0x1.8f9f5c401d211p-37")))
# float32: sin(r) = r + r**3 * S(r**2), cos(r) = 1 - r**2/2 + r**4 * C(r**2) on
# |r| <= pi/4 (2**-27.8 and 2**-33.0)
_SIN_F32 = tuple(map(_h, ("-0x1.5555440000000p-3", "0x1.1106e60000000p-7",
                          "-0x1.992cf20000000p-13")))
_COS_F32 = tuple(map(_h, ("0x1.55554a0000000p-5", "-0x1.6c0c2a0000000p-10",
                          "0x1.99e9100000000p-16")))
#: 1.5 * 2**52: adding it to a float64 |v| < 2**51 rounds v to an integer that is the
#: low bits of the sum's significand
_ROUNDER = 1.5 * 2.0 ** 52
#: the same for float32 (|v| < 2**22) and the int32 bits of 1.5 * 2**23
_ROUNDER_F32, _ROUNDER_F32_BITS = 1.5 * 2.0 ** 23, 0x4B400000


# ---------------------------------------------------------------- builders
def _c(value: float | int, dtype: np.dtype) -> Expr:
    return const(value, dtype)


def _add(a: Expr, b: Expr) -> Expr:
    return binary("add", a, b)


def _sub(a: Expr, b: Expr) -> Expr:
    return binary("sub", a, b)


def _mul(a: Expr, b: Expr) -> Expr:
    return binary("mul", a, b)


def _poly(x: Expr, coeffs: tuple[float, ...]) -> Expr:
    """c0 + c1*x + c2*x**2 + ... by Estrin's scheme: pairs c_i + c_{i+1}*x, then pairs
    of those with x**2, x**4, ...  The dependency chain is about log2(n) multiply-adds
    long instead of n (Horner), which lets the CPU overlap more of each loop iteration."""
    terms = [_c(c, x.dtype) for c in coeffs]
    power = x
    while len(terms) > 1:
        paired = [_add(terms[i], _mul(power, terms[i + 1])) for i in range(0, len(terms) - 1, 2)]
        terms = paired + terms[len(terms) - len(terms) % 2:]
        if len(terms) > 1:
            power = _mul(power, power)
    return terms[0]


def _high_part(x: Expr) -> Expr:
    """x with the low bits of its significand cleared, 32 of float64 (21 significant
    bits left) and 12 of float32 (12 left): the product of two such numbers is exact."""
    it, low = (I64, 32) if x.dtype == F64 else (I32, 12)
    return bitcast(binary("and", bitcast(x, it), _c(-(1 << low), it)), x.dtype)


def _pow2(n: Expr, dtype: np.dtype) -> Expr:
    """2.0**n for an int32 ``n`` in the normal exponent range of ``dtype``."""
    if dtype == F32:
        return bitcast(binary("shl", _add(n, _c(127, I32)), _c(23, I32)), F32)
    n64 = cast(n, I64)
    return bitcast(binary("shl", _add(n64, _c(1023, I64)), _c(52, I64)), F64)


# ---------------------------------------------------------------- exp
def _rint_int(v: Expr) -> tuple[Expr, Expr]:
    """(k, ki): ``v`` rounded to an integer (ties to even, as ``rint``), as a float and as
    an int32, for |v| < 2**21: v + 1.5 * 2**(significand bits) has k in the low bits of
    its significand.  Cheaper than ``rint`` and a range-checked cast."""
    if v.dtype == F64:
        t = _add(v, _c(_ROUNDER, F64))
        return _sub(t, _c(_ROUNDER, F64)), cast(bitcast(t, I64), I32)
    t = _add(v, _c(_ROUNDER_F32, F32))
    return _sub(t, _c(_ROUNDER_F32, F32)), _sub(bitcast(t, I32), _c(_ROUNDER_F32_BITS, I32))


def _exp_reduce(x: Expr, lo: float, hi: float, ln2: tuple[float, float] | None = None,
                coeffs: tuple | None = None) -> tuple[Expr, Expr, Expr]:
    """(k, ki, p) of ``exp_parts``, with k also as an int32 ``ki``."""
    dt = x.dtype
    ln2 = ln2 or (_LN2_F64 if dt == F64 else _LN2_F32)
    coeffs = coeffs or (_EXP_F64 if dt == F64 else _EXP_F32)
    xc = select(binary("lt", x, _c(hi, dt)), x, _c(hi, dt))        # NaN -> hi, fixed by callers
    xc = select(binary("gt", xc, _c(lo, dt)), xc, _c(lo, dt))
    k, ki = _rint_int(_mul(xc, _c(_LOG2E, dt)))
    r_hi = _sub(xc, _mul(k, _c(ln2[0], dt)))                         # exact
    r_lo = _mul(k, _c(ln2[1], dt))
    r = _sub(r_hi, r_lo)
    return k, ki, _add(r_hi, _sub(_mul(_mul(r, r), _poly(r, coeffs)), r_lo))


def exp_parts(x: Expr, lo: float, hi: float, ln2: tuple[float, float] | None = None,
              coeffs: tuple | None = None) -> tuple[Expr, Expr]:
    """(k, p) with e**x = 2**k * (1 + p), x clamped to [lo, hi] (NaN -> hi; |lo|, |hi|
    below 2**20): k = rint(x / ln2) (a float), p = e**r - 1 with r = x - k*ln2 (hi part
    exact), summed so that the rounding of r does not count."""
    k, _, p = _exp_reduce(x, lo, hi, ln2, coeffs)
    return k, p


def _halves(ki: Expr) -> tuple[Expr, Expr]:
    """int32 (k1, k2) with k1 + k2 = ki, each about half of it."""
    k1 = binary("shr", ki, _c(1, I32))
    return k1, _sub(ki, k1)


def split_pow2(k: Expr, shift: int = 0) -> tuple[Expr, Expr]:
    """int32 (k1, k2) with k1 + k2 = k + shift for a float ``k``, each half of it, so that
    neither 2**k1 nor 2**k2 over- or underflows."""
    ki = cast(k, I32)
    if shift:
        ki = _add(ki, _c(shift, I32))
    return _halves(ki)


def _scale(poly: Expr, k1: Expr, k2: Expr) -> Expr:
    """poly * 2**k1 * 2**k2 for int32 k1, k2 in the normal exponent range."""
    return _mul(_mul(poly, _pow2(k1, poly.dtype)), _pow2(k2, poly.dtype))


def scale_exp(poly: Expr, k: Expr, shift: int = 0) -> Expr:
    """poly * 2**(k + shift), applied in two factors."""
    return _scale(poly, *split_pow2(k, shift))


def _exp(x: Expr, lo: float, hi: float, ln2: tuple[float, float], coeffs: tuple) -> Expr:
    """e**x = 2**k * e**r with k = rint(x / ln2), r = x - k*ln2 (hi part exact);
    2**k is applied in two factors so that no factor over- or underflows."""
    _, ki, p = _exp_reduce(x, lo, hi, ln2, coeffs)
    result = _scale(_add(_c(1.0, x.dtype), p), *_halves(ki))
    return select(binary("eq", x, x), result, x)


def exp_f64(x: Expr) -> Expr:
    """e**x for float64 (NumPy ``exp``): exp(x > 709.78) = inf, exp(x < -745.13) = 0."""
    return _exp(x, -746.0, 710.0, _LN2_F64, _EXP_F64)


def exp_f32(x: Expr) -> Expr:
    """e**x for float32 (NumPy ``exp``): exp(x > 88.72) = inf, exp(x < -103.97) = 0."""
    return _exp(x, -104.0, 89.0, _LN2_F32, _EXP_F32)


# ---------------------------------------------------------------- log
def log_parts(x: Expr, coeffs: tuple | None = None) -> tuple[Expr, Expr, Expr, Expr]:
    """(e, f, hfsq, r) with x = 2**e * (1 + f), 1 + f in [sqrt(1/2), sqrt(2)), hfsq = f*f/2
    and log(1 + f) = f - hfsq + r (r = s*(hfsq + s*s*L(s*s)), s = f / (2 + f));
    e is a float, subnormal ``x`` are scaled to normal first.  For x > 0 only."""
    dt = x.dtype
    coeffs = coeffs or (_LOG_F64 if dt == F64 else _LOG_F32)
    it, bits, scale = (I64, 52, 54) if dt == F64 else (I32, 23, 25)
    half_bits = 0x3FE6A09E667F3BCD if dt == F64 else 0x3F3504F3      # bits of ~sqrt(1/2)
    tiny = binary("lt", x, _c(np.finfo(dt).tiny, dt))
    xs = select(tiny, _mul(x, _c(2.0 ** scale, dt)), x)              # subnormals made normal
    ix = _sub(bitcast(xs, it), _c(half_bits, it))
    e = binary("shr", ix, _c(bits, it))
    m = bitcast(_add(binary("and", ix, _c((1 << bits) - 1, it)), _c(half_bits, it)), dt)
    f = _sub(m, _c(1.0, dt))                                           # exact
    ef = _add(cast(cast(e, I32), dt), select(tiny, _c(-scale, dt), _c(0.0, dt)))
    s = binary("div", f, _add(_c(2.0, dt), f))
    z = _mul(s, s)
    hfsq = _mul(_c(0.5, dt), _mul(f, f))
    return ef, f, hfsq, _mul(s, _add(hfsq, _mul(z, _poly(z, coeffs))))


def log_special(x: Expr, result: Expr) -> Expr:
    """``result`` (computed for finite x > 0) with NumPy's log of the other x:
    log(inf) = inf, log(+-0) = -inf, log(x < 0) = log(nan) = nan."""
    dt = x.dtype
    positive = select(binary("lt", x, _c(np.inf, dt)), result, x)
    other = select(binary("eq", x, _c(0.0, dt)), _c(-np.inf, dt), _c(np.nan, dt))
    return select(binary("gt", x, _c(0.0, dt)), positive, other)


def log_plus(x: Expr, correction: Expr | None = None, extra_e: Expr | None = None) -> Expr:
    """log(x) + extra_e*ln2 + correction (a small term, added in with the low-order
    parts), with NumPy's special values of log(x).  x = 2**e * (1 + f):
    log x = e*ln2 + f - f*f/2 + s*(f*f/2 + s*s*L(s*s)), s = f / (2 + f)."""
    dt = x.dtype
    ln2 = _LN2_F64 if dt == F64 else _LN2_F32
    ef, f, hfsq, r = log_parts(x)
    if extra_e is not None:
        ef = _add(ef, extra_e)
    tail = _add(r, _mul(ef, _c(ln2[1], dt)))
    if correction is not None:
        tail = _add(tail, correction)
    return log_special(x, _sub(_mul(ef, _c(ln2[0], dt)), _sub(_sub(hfsq, tail), f)))


def log_f64(x: Expr) -> Expr:
    """Natural logarithm for float64 (NumPy ``log``)."""
    return log_plus(x)


def log_f32(x: Expr) -> Expr:
    """Natural logarithm for float32 (NumPy ``log``)."""
    return log_plus(x)


# ---------------------------------------------------------------- sin, cos
def _two_diff(a: Expr, b: Expr) -> tuple[Expr, Expr]:
    """(s, e) with s = fl(a - b) and s + e = a - b exactly (Knuth's TwoSum)."""
    s = _sub(a, b)
    bb = _sub(s, a)                 # ~ -b
    aa = _sub(s, bb)                # ~ a
    return s, _sub(_sub(a, aa), _add(b, bb))


def sincos_parts_f64(x: Expr) -> tuple[Expr, Expr, Expr]:
    """k = rint(x * 2/pi), r = x - k*pi/2 by Cody-Waite (each k*part is exact, and
    so are the first two differences), then sin or cos of r on [-pi/4, pi/4] by
    the quadrant k mod 4.  r is kept as r + r_lo, r_lo being the exact rounding
    errors of the later differences, so that r is right to ~2**-114 even when x
    is close to a multiple of pi/2 (|r| >= 2**-60.5 for |x| < 2**30).
    Returns (sin r, cos r, k mod 4)."""
    dt = F64
    k = unary("rint", _mul(x, _c(_TWO_OVER_PI, dt)))
    products = [_mul(k, _c(part, dt)) for part in _PIO2_F64]
    r = _sub(_sub(x, products[0]), products[1])                     # exact
    errors = []
    for p in products[2:]:
        r, e = _two_diff(r, p)
        errors.append(e)
    r_lo = _add(_add(errors[0], errors[1]), errors[2])
    z = _mul(r, r)
    hz = _mul(_c(0.5, dt), z)
    # sin(r + r_lo) ~ r + r**3 * S(z) + r_lo*(1 - z/2)
    sin_tail = _add(_mul(_mul(r, z), _poly(z, _SIN_F64)), _sub(r_lo, _mul(hz, r_lo)))
    # cos(r + r_lo) ~ 1 - z/2 + z**2 * C(z) - r*r_lo
    cos_tail = _sub(_mul(_mul(z, z), _poly(z, _COS_F64)), _mul(r, r_lo))
    sin_r = _add(r, sin_tail)
    w = _sub(_c(1.0, dt), hz)
    # 1 - z/2 + z*z*C(z), with the rounding error of w = 1 - z/2 added back
    cos_r = _add(w, _add(_sub(_sub(_c(1.0, dt), w), hz), cos_tail))
    return sin_r, cos_r, _sub(k, _mul(_c(4.0, dt), unary("floor", _mul(k, _c(0.25, dt)))))


def _sincos_f64(x: Expr, is_cos: bool) -> Expr:
    """sin or cos of x = r + k*pi/2 by the quadrant k mod 4."""
    sin_r, cos_r, q = sincos_parts_f64(x)
    dt = F64
    q_is = [binary("eq", q, _c(float(v), dt)) for v in range(4)]
    odd = binary("or", q_is[1], q_is[3])
    if is_cos:       # cos(r + q*pi/2): cos r, -sin r, -cos r, sin r
        value, negate = select(odd, sin_r, cos_r), binary("or", q_is[1], q_is[2])
    else:            # sin(r + q*pi/2): sin r, cos r, -sin r, -cos r
        value, negate = select(odd, cos_r, sin_r), binary("ge", q, _c(2.0, dt))
    return select(negate, unary("neg", value), value)


def sin_f64(x: Expr) -> Expr:
    """Sine for float64 (NumPy ``sin``), within the bound for |x| <= TRIG_LIMIT."""
    value = _sincos_f64(x, False)
    return select(binary("eq", x, _c(0.0, F64)), x, value)          # sin(-0.0) = -0.0


def cos_f64(x: Expr) -> Expr:
    """Cosine for float64 (NumPy ``cos``), within the bound for |x| <= TRIG_LIMIT."""
    return _sincos_f64(x, True)


def reduce_pio2_f32(x: Expr) -> tuple[Expr, Expr, Expr]:
    """(r, r32, q) for float32 x = r + k*pi/2, k = rint(x * 2/pi): r in float64 by
    Cody-Waite (three parts of pi/2 leave it right to ~2**-70), r32 = r rounded to
    float32 (|r32| <= pi/4), q an int32 whose low two bits are k mod 4, read from the
    low bits of x*2/pi + 1.5*2**52."""
    dt = F64
    xd = cast(x, dt)
    t = _add(_mul(xd, _c(_TWO_OVER_PI, dt)), _c(_ROUNDER, dt))
    k = _sub(t, _c(_ROUNDER, dt))
    r = xd
    for part in _PIO2_F32:
        r = _sub(r, _mul(k, _c(part, dt)))
    return r, cast(r, F32), cast(bitcast(t, I64), I32)


def _sincos_parts_f32(x: Expr) -> tuple[Expr, Expr, Expr]:
    """(sin r, cos r, q) of ``reduce_pio2_f32``, by float32 polynomials in r32 (twice
    the SIMD lanes of float64).  Rounding r costs up to 1 ULP where sin r and r lie in
    different binades (1.56 ULP measured over every third float32; carrying r's
    rounding error too gave 0.98 ULP, 15% slower)."""
    _, r, q = reduce_pio2_f32(x)
    z = _mul(r, r)
    sin_r = _add(r, _mul(_mul(r, z), _poly(z, _SIN_F32)))
    cos_r = _sub(_c(1.0, F32), _sub(_mul(_c(0.5, F32), z), _mul(_mul(z, z), _poly(z, _COS_F32))))
    return sin_r, cos_r, q


def quadrant_is_odd(q: Expr) -> Expr:
    """Whether the int32 quadrant ``q`` is odd."""
    return binary("ne", binary("and", q, _c(1, I32)), _c(0, I32))


def _sincos_f32(x: Expr, is_cos: bool) -> Expr:
    """sin(r + q*pi/2) is sin r, cos r, -sin r, -cos r for q = k mod 4; cos x is
    sin(x + pi/2), so it uses q + 1.  The sign is flipped by q's bit 1."""
    sin_r, cos_r, q = _sincos_parts_f32(x)
    if is_cos:
        q = _add(q, _c(1, I32))
    value = select(quadrant_is_odd(q), cos_r, sin_r)
    sign = binary("shl", binary("and", q, _c(2, I32)), _c(30, I32))
    return bitcast(binary("xor", bitcast(value, I32), sign), F32)


def sin_f32(x: Expr) -> Expr:
    """Sine for float32 (NumPy ``sin``), within the bound for |x| <= TRIG_LIMIT."""
    return select(binary("eq", x, _c(0.0, F32)), x, _sincos_f32(x, False))


def cos_f32(x: Expr) -> Expr:
    """Cosine for float32 (NumPy ``cos``), within the bound for |x| <= TRIG_LIMIT."""
    return _sincos_f32(x, True)


def trig_out_of_range(x: Expr) -> Expr:
    """True where sin(x)/cos(x) above are not within their bound: finite |x| > TRIG_LIMIT."""
    ax = unary("abs", x)
    return binary("and", binary("gt", ax, _c(TRIG_LIMIT[x.dtype], x.dtype)),
                  binary("lt", ax, _c(np.inf, x.dtype)))


#: (function, dtype) -> expansion
EXPANSIONS = {
    ("exp", F32): exp_f32, ("exp", F64): exp_f64,
    ("log", F32): log_f32, ("log", F64): log_f64,
    ("sin", F32): sin_f32, ("sin", F64): sin_f64,
    ("cos", F32): cos_f32, ("cos", F64): cos_f64,
}

__all__ = ["exp_f32", "exp_f64", "log_f32", "log_f64", "sin_f32", "sin_f64", "cos_f32",
           "cos_f64", "trig_out_of_range", "EXPANSIONS", "TRIG_LIMIT"]
