"""Compute float16 in float32, rounding each result to float16 as NumPy does.

NumPy's float16 loops convert their operands to float32, compute there and
round the result to float16 (round to nearest even) after every operation;
``widen_half(stmt)`` rewrites every float16 operation of a statement tree
that way: ``op(a, b)`` becomes ``float16(op(float32(a), float32(b)))``, a
comparison or predicate compares the float32 values.  Loads, stores,
constants, casts, bitcasts and ``select`` keep float16 (backends convert at
casts).  Two functions are NumPy's own bitwise float16 algorithms instead:
``nextafter`` (``npy_half_nextafter``: ``x`` itself when ``x == y``) and
``spacing`` (``npy_half_spacing``: the distance to the next float16 toward
+inf, NaN for +-inf).  Transcendental functions become float32 ones, which
``expand_math`` (run after this pass) expands: the result is the float32 one
rounded once.
"""
from __future__ import annotations

import numpy as np

from ..expr import Expr, binary, bitcast, cast, const, select, unary
from ..ir import Stmt, map_exprs

F16, F32, I16 = np.dtype(np.float16), np.dtype(np.float32), np.dtype(np.int16)
_KEEP = {"var", "param", "const", "local", "load", "cast", "bitcast", "select"}


def _f32(x: Expr) -> Expr:
    return cast(x, F32) if x.dtype == F16 else x


def _nextafter(x: Expr, y: Expr) -> Expr:
    """``npy_half_nextafter``: NaN for a NaN operand, ``x`` when ``x == y``, the
    smallest subnormal with ``y``'s sign from zero, else one step toward ``y``."""
    xf, yf = _f32(x), _f32(y)
    zero = const(0.0, F32)
    xb = bitcast(x, I16)
    tiny = bitcast(binary("or", binary("and", bitcast(y, I16), const(-0x8000, I16)),
                          const(1, I16)), F16)
    up = binary("ne", binary("lt", xf, yf), binary("lt", xf, zero))   # magnitude grows
    stepped = bitcast(binary("add", xb, select(up, const(1, I16), const(-1, I16))), F16)
    nan = binary("or", unary("isnan", xf), unary("isnan", yf))
    return select(nan, const(np.nan, F16),
                  select(binary("eq", xf, yf), x,
                         select(binary("eq", xf, zero), tiny, stepped)))


def _spacing(x: Expr) -> Expr:
    """``npy_half_spacing``: ``nextafter(x, +inf) - x`` for finite ``x``, else NaN."""
    up = _nextafter(x, const(np.inf, F16))
    gap = cast(binary("sub", _f32(up), _f32(x)), F16)
    return select(unary("isfinite", _f32(x)), gap, const(np.nan, F16))


class _Widener:
    def __init__(self) -> None:
        self.memo: dict[Expr, Expr] = {}

    def __call__(self, e: Expr) -> Expr:
        done = self.memo.get(e)
        if done is None:
            done = self.memo[e] = self._widen(e)
        return done

    def _widen(self, e: Expr) -> Expr:
        args = tuple(self(a) if isinstance(a, Expr) else a for a in e.args)
        half = e.dtype == F16 or any(isinstance(a, Expr) and a.dtype == F16 for a in args)
        if e.op in _KEEP or not half:
            return e if all(a is b for a, b in zip(args, e.args)) else Expr(e.op, args, e.dtype)
        if e.op == "nextafter":
            return _nextafter(*args)
        if e.op == "spacing":
            return _spacing(args[0])
        wide = Expr(e.op, tuple(_f32(a) if isinstance(a, Expr) else a for a in args),
                    F32 if e.dtype == F16 else e.dtype)
        return cast(wide, F16) if e.dtype == F16 else wide


def widen_half(stmt: Stmt) -> Stmt:
    """``stmt`` with every float16 operation computed in float32 and rounded."""
    return map_exprs(stmt, _Widener())
