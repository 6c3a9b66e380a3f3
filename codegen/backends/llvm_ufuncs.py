"""LLVM IR for the scalar functions of NumPy's ufunc surface (``codegen.expr``'s
``UFUNC_UNARY`` / ``UFUNC_BINARY``), bit for bit as NumPy's C loops compute them.

Integer division and remainder follow NumPy: floor semantics, 0 for a zero
divisor, ``MIN // -1`` wraps; shifts by the bit width or more give 0 (or -1
for a negative value shifted right); ``pow`` on integers is repeated squaring
with wrap-around, unrolled over the exponent's bits so loops stay
vectorizable; ``gcd``/``lcm`` run Euclid's loop.  Float floor division and
remainder are ``npy_divmod``; ``nextafter``, ``spacing``, ``ldexp`` and
``frexp`` work on the bits (no libm call, so loops vectorize), bit for bit as
libm's; float ``pow`` is expanded before it gets here
(``codegen.mathfuncs_pow``), the ``llvm.pow`` left here serves kernels built
without that pass.  Each function takes the renderer (``r.b`` its builder,
``r.intrinsic``, ``r.libm``) and operand values of the expression dtype.
"""
from __future__ import annotations

import numpy as np
from llvmlite import ir

I1, I32 = ir.IntType(1), ir.IntType(32)


def _c(x: ir.Value, value: object) -> ir.Constant:
    return ir.Constant(x.type, value)


def _fzero(r, x: ir.Value, sign_of: ir.Value) -> ir.Value:
    return r.intrinsic("llvm.copysign", _c(x, 0.0), sign_of)


def _isnan(b: ir.IRBuilder, x: ir.Value) -> ir.Value:
    return b.fcmp_unordered("uno", x, x)


def _int_min(x: ir.Value) -> ir.Constant:
    return _c(x, 1 << (x.type.width - 1))


def _safe_divisor(r, x: ir.Value, y: ir.Value, signed: bool) -> tuple[ir.Value, ir.Value]:
    """(divisor that cannot trap, y == 0): 1 where y is 0, or where MIN / -1 would overflow."""
    b = r.b
    zero = b.icmp_unsigned("==", y, _c(y, 0))
    bad = zero
    if signed:
        bad = b.or_(zero, b.and_(b.icmp_unsigned("==", x, _int_min(x)),
                                 b.icmp_unsigned("==", y, _c(y, -1))))
    return b.select(bad, _c(y, 1), y), zero


def int_divmod(r, x: ir.Value, y: ir.Value, signed: bool, floor: bool) -> tuple[ir.Value, ir.Value]:
    """NumPy's integer (quotient, remainder): floored (or C-truncated when not
    ``floor``), both 0 for a zero divisor, ``MIN // -1 == MIN``."""
    b = r.b
    d, zero = _safe_divisor(r, x, y, signed)
    q = (b.sdiv if signed else b.udiv)(x, d)
    m = (b.srem if signed else b.urem)(x, d)
    if signed and floor:
        fix = b.and_(b.icmp_unsigned("!=", m, _c(m, 0)),
                     b.icmp_signed("<", b.xor(m, d), _c(m, 0)))
        q = b.sub(q, b.zext(fix, q.type))
        m = b.add(m, b.select(fix, d, _c(m, 0)))
    return b.select(zero, _c(q, 0), q), b.select(zero, _c(m, 0), m)


def float_divmod(r, x: ir.Value, y: ir.Value) -> tuple[ir.Value, ir.Value]:
    """``npy_floor_divide`` and ``npy_remainder`` (NumPy's ``npy_divmod``)."""
    b = r.b
    mod = b.frem(x, y)
    quotient = b.fdiv(x, y)
    div = b.fdiv(b.fsub(x, mod), y)
    nonzero_mod = b.fcmp_unordered("!=", mod, _c(mod, 0.0))
    adjust = b.and_(nonzero_mod, b.xor(b.fcmp_ordered("<", y, _c(y, 0.0)),
                                       b.fcmp_ordered("<", mod, _c(mod, 0.0))))
    mod = b.select(adjust, b.fadd(mod, y), b.select(nonzero_mod, mod, _fzero(r, mod, y)))
    div = b.select(adjust, b.fsub(div, _c(div, 1.0)), div)
    floored = r.intrinsic("llvm.floor", div)
    floored = b.select(b.fcmp_ordered(">", b.fsub(div, floored), _c(div, 0.5)),
                       b.fadd(floored, _c(div, 1.0)), floored)
    floored = b.select(b.fcmp_unordered("!=", div, _c(div, 0.0)), floored,
                       _fzero(r, div, quotient))
    by_zero = b.fcmp_ordered("==", y, _c(y, 0.0))
    return b.select(by_zero, quotient, floored), b.select(by_zero, b.frem(x, y), mod)


def int_pow(r, x: ir.Value, y: ir.Value, bits: int) -> ir.Value:
    """``x ** y`` by repeated squaring over ``bits`` exponent bits (wraps around)."""
    b = r.b
    result, base = _c(x, 1), x
    for k in range(bits):
        bit = b.icmp_unsigned("!=", b.and_(y, _c(y, 1 << k)), _c(y, 0))
        result = b.select(bit, b.mul(result, base), result)
        if k + 1 < bits:
            base = b.mul(base, base)
    return result


def shift(r, x: ir.Value, y: ir.Value, left: bool, signed: bool) -> ir.Value:
    """NumPy's shifts: a shift count outside [0, bits) (as unsigned) gives 0,
    or -1 for a negative value shifted right."""
    b = r.b
    width = x.type.width
    inside = b.icmp_unsigned("<", y, _c(y, width))
    count = b.select(inside, y, _c(y, 0))
    if left:
        return b.select(inside, b.shl(x, count), _c(x, 0))
    out = (b.ashr if signed else b.lshr)(x, count)
    beyond = b.select(b.icmp_signed("<", x, _c(x, 0)), _c(x, -1), _c(x, 0)) if signed else _c(x, 0)
    return b.select(inside, out, beyond)


def _unsigned_abs(b: ir.IRBuilder, x: ir.Value, signed: bool) -> ir.Value:
    if not signed:
        return x
    return b.select(b.icmp_signed("<", x, _c(x, 0)), b.neg(x), x)


def gcd(r, x: ir.Value, y: ir.Value, signed: bool) -> ir.Value:
    """Euclid on the absolute values (as unsigned: |MIN| wraps as in NumPy)."""
    b = r.b
    a0, b0 = _unsigned_abs(b, x, signed), _unsigned_abs(b, y, signed)
    pre = b.block
    head = r.fn.append_basic_block("gcd.head")
    body = r.fn.append_basic_block("gcd.body")
    done = r.fn.append_basic_block("gcd.done")
    b.branch(head)
    b.position_at_end(head)
    pa, pb = b.phi(x.type), b.phi(x.type)
    pa.add_incoming(a0, pre)
    pb.add_incoming(b0, pre)
    b.cbranch(b.icmp_unsigned("!=", pb, _c(pb, 0)), body, done)
    b.position_at_end(body)
    rem = b.urem(pa, pb)
    pa.add_incoming(pb, body)
    pb.add_incoming(rem, body)
    b.branch(head)
    b.position_at_end(done)
    return pa


def lcm(r, x: ir.Value, y: ir.Value, signed: bool) -> ir.Value:
    b = r.b
    g = gcd(r, x, y, signed)
    zero = b.icmp_unsigned("==", g, _c(g, 0))
    a, c = _unsigned_abs(b, x, signed), _unsigned_abs(b, y, signed)
    return b.select(zero, _c(g, 0), b.mul(b.udiv(a, b.select(zero, _c(g, 1), g)), c))


def _float_bits(x: ir.Value) -> ir.IntType:
    return ir.IntType(64 if isinstance(x.type, ir.DoubleType) else 32)


def frexp(r, x: ir.Value, want_exponent: bool) -> ir.Value:
    """libm's frexp: mantissa in [0.5, 1) with x's sign, exponent as a float of
    x's type; (x, 0) for zero, inf and NaN; subnormals are scaled up first."""
    b = r.b
    ity = _float_bits(x)
    mbits = 52 if ity.width == 64 else 23
    ebias_half = (1 << (ity.width - mbits - 2)) - 2          # 1022 or 126
    subnormal = b.fcmp_ordered("<", r.intrinsic("llvm.fabs", x),
                               _c(x, float(np.finfo(np.float64 if ity.width == 64 else np.float32).tiny)))
    scaled = b.select(subnormal, b.fmul(x, _c(x, 2.0 ** 64)), x)
    bits = b.bitcast(scaled, ity)
    emask = ((1 << (ity.width - mbits - 1)) - 1) << mbits
    raw_exp = b.lshr(b.and_(bits, ir.Constant(ity, emask)), ir.Constant(ity, mbits))
    special = b.or_(b.fcmp_unordered("==", x, _c(x, 0.0)),
                    b.fcmp_unordered("==", r.intrinsic("llvm.fabs", x), _c(x, float("inf"))))
    if want_exponent:
        e = b.sub(raw_exp, b.select(subnormal, ir.Constant(ity, ebias_half + 64),
                                    ir.Constant(ity, ebias_half)))
        return b.select(special, _c(x, 0.0), b.sitofp(e, x.type))
    mant = b.or_(b.and_(bits, ir.Constant(ity, ~emask & ((1 << ity.width) - 1))),
                 ir.Constant(ity, ebias_half << mbits))
    return b.select(special, x, b.bitcast(mant, x.type))


def nextafter(r, x: ir.Value, y: ir.Value) -> ir.Value:
    """C's nextafter by the bits: x's bit pattern plus or minus one (away from
    zero when y is beyond x in x's direction), the smallest subnormal with y's
    sign from +-0, y when x == y, NaN when either is NaN."""
    b = r.b
    ity = _float_bits(x)
    bits = b.bitcast(x, ity)
    away = b.icmp_unsigned("==", b.fcmp_ordered(">", y, x), b.fcmp_ordered(">", x, _c(x, 0.0)))
    one = ir.Constant(ity, 1)
    step = b.bitcast(b.select(away, b.add(bits, one), b.sub(bits, one)), x.type)
    sign = b.and_(b.bitcast(y, ity), ir.Constant(ity, 1 << (ity.width - 1)))
    tiny = b.bitcast(b.or_(sign, one), x.type)
    out = b.select(b.fcmp_ordered("==", x, _c(x, 0.0)), tiny, step)
    out = b.select(b.fcmp_ordered("==", x, y), y, out)
    return b.select(b.fcmp_unordered("uno", x, y), b.fadd(x, y), out)


def _pow2(b: ir.IRBuilder, n: ir.Value) -> ir.Value:
    """2.0**n as a double, for an i64 n in [-1022, 1023]."""
    i64 = ir.IntType(64)
    return b.bitcast(b.shl(b.add(n, ir.Constant(i64, 1023)), ir.Constant(i64, 52)), ir.DoubleType())


def ldexp(r, x: ir.Value, y: ir.Value) -> ir.Value:
    """x * 2**y (y an integral value of x's type), rounded once as libm's ldexp:
    float32 scaled exactly in float64, then rounded; float64 as musl's scalbn
    (at most two pre-scalings by 2**1023 or 2**-969, then one rounding)."""
    b = r.b
    i64 = ir.IntType(64)
    single = not isinstance(x.type, ir.DoubleType)
    limit = 400.0 if single else 2200.0
    clamped = b.select(b.fcmp_ordered(">", y, _c(y, limit)), _c(y, limit),
                       b.select(b.fcmp_ordered("<", y, _c(y, -limit)), _c(y, -limit), y))
    n = b.fptosi(clamped, i64)
    if single:            # |n| <= 400: x * 2**n is exact in float64
        return b.fptrunc(b.fmul(b.fpext(x, ir.DoubleType()), _pow2(b, n)), x.type)
    top, bottom = ir.Constant(i64, 1023), ir.Constant(i64, -1022)
    for _ in range(2):
        big, small = b.icmp_signed(">", n, top), b.icmp_signed("<", n, bottom)
        scale = b.select(big, _c(x, 2.0 ** 1023), b.select(small, _c(x, 2.0 ** -969), _c(x, 1.0)))
        x = b.fmul(x, scale)
        n = b.sub(n, b.select(big, top, b.select(small, ir.Constant(i64, -969), ir.Constant(i64, 0))))
    n = b.select(b.icmp_signed(">", n, top), top, b.select(b.icmp_signed("<", n, bottom), bottom, n))
    return b.fmul(x, _pow2(b, n))


def unary(r, op: str, x: ir.Value, dtype: np.dtype) -> ir.Value:
    b, kind = r.b, dtype.kind
    if op in ("ceil", "trunc"):
        return r.intrinsic(f"llvm.{op}", x) if kind == "f" else x
    if op in ("isnan", "isinf", "isfinite"):
        if kind != "f":
            return ir.Constant(I1, op == "isfinite")
        if op == "isnan":
            return _isnan(b, x)
        inf = _c(x, float("inf"))
        return b.fcmp_ordered("==" if op == "isinf" else "<", r.intrinsic("llvm.fabs", x), inf)
    if op == "signbit":
        return b.icmp_signed("<", b.bitcast(x, _float_bits(x)), ir.Constant(_float_bits(x), 0))
    if op == "sign":
        if kind == "f":   # NumPy: x > 0 ? 1 : x < 0 ? -1 : x == 0 ? 0 : x
            return b.select(b.fcmp_ordered(">", x, _c(x, 0.0)), _c(x, 1.0),
                            b.select(b.fcmp_ordered("<", x, _c(x, 0.0)), _c(x, -1.0),
                                     b.select(b.fcmp_ordered("==", x, _c(x, 0.0)), _c(x, 0.0), x)))
        pos = b.zext(b.icmp_signed(">", x, _c(x, 0)) if kind == "i" else
                     b.icmp_unsigned("!=", x, _c(x, 0)), x.type)
        return b.sub(pos, b.zext(b.icmp_signed("<", x, _c(x, 0)), x.type)) if kind == "i" else pos
    if op == "reciprocal":
        if kind == "f":
            return b.fdiv(_c(x, 1.0), x)
        # NumPy computes 1.0 / x and converts: 1, -1 or 0; x == 0 gives what the
        # x86 conversion of inf gives (MIN for 32- and 64-bit signed, else 0)
        one = b.icmp_unsigned("==", x, _c(x, 1))
        out = b.select(one, _c(x, 1), _c(x, 0))
        if kind == "i":
            out = b.select(b.icmp_unsigned("==", x, _c(x, -1)), _c(x, -1), out)
            if dtype.itemsize >= 4:
                out = b.select(b.icmp_unsigned("==", x, _c(x, 0)), _int_min(x), out)
        return out
    if op == "spacing":   # NumPy: nextafter(x, copysign(inf, x)) - x (+inf for 0); NaN for inf
        toward = b.select(b.fcmp_ordered("==", x, _c(x, 0.0)), _c(x, float("inf")),
                          r.intrinsic("llvm.copysign", _c(x, float("inf")), x))
        gap = b.fsub(nextafter(r, x, toward), x)
        is_inf = b.fcmp_ordered("==", r.intrinsic("llvm.fabs", x), _c(x, float("inf")))
        return b.select(is_inf, _c(x, float("nan")), gap)
    if op == "popcount":
        return r.intrinsic("llvm.ctpop", _unsigned_abs(b, x, kind == "i"))
    if op in ("frexp_mant", "frexp_exp"):
        return frexp(r, x, op == "frexp_exp")
    raise NotImplementedError(op)


def binary(r, op: str, x: ir.Value, y: ir.Value, dtype: np.dtype) -> ir.Value:
    b, kind = r.b, dtype.kind
    signed = kind == "i"
    if op in ("floordiv", "remainder", "fmod"):
        if kind == "f":
            if op == "fmod":
                return b.frem(x, y)
            return float_divmod(r, x, y)[op == "remainder"]
        return int_divmod(r, x, y, signed, op != "fmod")[op != "floordiv"]
    if op == "pow":
        if kind == "f":
            return r.intrinsic("llvm.pow", x, y)
        return int_pow(r, x, y, x.type.width - signed)
    if op in ("lshift", "rshift"):
        return shift(r, x, y, op == "lshift", signed)
    if op in ("fmax", "fmin"):
        if kind != "f":
            return r.binary("max" if op == "fmax" else "min", x, y, dtype)
        # NumPy: (x > y || isnan(y)) ? x : y  (and < for fmin)
        pick_x = b.or_(b.fcmp_ordered(">" if op == "fmax" else "<", x, y), _isnan(b, y))
        return b.select(pick_x, x, y)
    if op == "copysign":
        return r.intrinsic("llvm.copysign", x, y)
    if op == "nextafter":
        return nextafter(r, x, y)
    if op == "heaviside":   # NumPy: isnan(x) ? x : x == 0 ? y : x < 0 ? 0 : 1
        return b.select(_isnan(b, x), x,
                        b.select(b.fcmp_ordered("==", x, _c(x, 0.0)), y,
                                 b.select(b.fcmp_ordered("<", x, _c(x, 0.0)), _c(x, 0.0),
                                          _c(x, 1.0))))
    if op == "ldexp":       # y: the exponent, an integral value of x's type
        return ldexp(r, x, y)
    if op in ("gcd", "lcm"):
        return (gcd if op == "gcd" else lcm)(r, x, y, signed)
    raise NotImplementedError(op)


def _x86_convert(b: ir.IRBuilder, x: ir.Value, bits: int) -> ir.Value:
    """cvttsd2si: truncation to a signed ``bits``-bit integer, MIN when out of range or NaN."""
    ty = ir.IntType(bits)
    limit = _c(x, float(2 ** (bits - 1)))
    inside = b.and_(b.fcmp_ordered(">=", x, b.fneg(limit)), b.fcmp_ordered("<", x, limit))
    return b.select(inside, b.fptosi(x, ty), ir.Constant(ty, 1 << (bits - 1)))


def float_to_int(r, x: ir.Value, dst: np.dtype) -> ir.Value:
    """A float converted to an integer dtype as NumPy's casts do on x86-64,
    out-of-range values and NaN included: through a signed 32-bit conversion
    for 1- to 4-byte types (then truncated), 64-bit for 8-byte ones; unsigned
    32/64-bit values from 2**(bits-1) up are converted less that and flipped."""
    b = r.b
    bits = 64 if dst.itemsize == 8 else 32
    if dst.kind == "u" and dst.itemsize >= 4:
        half = _c(x, float(2 ** (bits - 1)))
        high = b.xor(_x86_convert(b, b.fsub(x, half), bits), ir.Constant(ir.IntType(bits), 1 << (bits - 1)))
        out = b.select(b.fcmp_ordered(">=", x, half), high, _x86_convert(b, x, bits))
    else:
        out = _x86_convert(b, x, bits)
    return b.trunc(out, ir.IntType(dst.itemsize * 8)) if dst.itemsize * 8 < bits else out
