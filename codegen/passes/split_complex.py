"""Lower complex values to pairs of real ones, so that backends see only reals.

A complex64/complex128 buffer is read and written as interleaved float32/
float64 parts: element ``i`` is the real ``2*i`` (real part) and ``2*i + 1``
(imaginary part).  Every complex expression becomes a pair ``(re, im)`` of
real expressions, a complex local ``acc`` the two locals ``acc.re`` and
``acc.im``, and a store of a complex value two stores.

The arithmetic is NumPy's, bit for bit where NumPy's own loops are
deterministic: ``mul`` is ``(fma(ar, br, -(ai*bi)), fma(ar, bi, ai*br))`` (the
SIMD loops NumPy runs on FMA hosts, and its scalar tail), ``div`` Smith's
method as in NumPy's loops, ``reciprocal`` NumPy's scaled form, comparisons,
``max``/``min`` and ``fmax``/``fmin`` lexicographic with NumPy's NaN rules,
``sign`` NumPy 2's ``z / |z|`` with ``|z|`` libm's hypot (glibc's algorithm,
bit for bit), ``abs`` NumPy's SIMD absolute (``larger * sqrt(1 + r*r)``).  Transcendental complex functions
are not lowered here (front ends compute them elsewhere).
"""
from __future__ import annotations

from dataclasses import replace

import numpy as np

from ..expr import (Expr, binary, cast, combine, const, fma, load, local, real_dtype, select,
                    simplify, unary)
from ..ir import Assign, For, If, Local, Seq, Stmt, Store

Pair = tuple[Expr, Expr]


def _or(*xs: Expr) -> Expr:
    out = xs[0]
    for x in xs[1:]:
        out = binary("or", out, x)
    return out


def _and(*xs: Expr) -> Expr:
    out = xs[0]
    for x in xs[1:]:
        out = binary("and", out, x)
    return out


def _nan(x: Expr) -> Expr:
    return unary("isnan", x)


def _c(value: float, like: Expr) -> Expr:
    return const(value, like.dtype)


def _select(cond: Expr, a: Pair, b: Pair) -> Pair:
    return select(cond, a[0], b[0]), select(cond, a[1], b[1])


def _mul(a: Pair, b: Pair) -> Pair:
    (ar, ai), (br, bi) = a, b
    return (fma(ar, br, unary("neg", binary("mul", ai, bi))),
            fma(ar, bi, binary("mul", ai, br)))


def _div(a: Pair, b: Pair) -> Pair:
    """Smith's method, as NumPy's complex division loop."""
    (ar, ai), (br, bi) = a, b
    add, sub, mul, div = (lambda x, y, op=op: binary(op, x, y) for op in ("add", "sub", "mul", "div"))
    abs_r, abs_i = unary("abs", br), unary("abs", bi)
    one = _c(1.0, br)
    rat = div(bi, br)
    scl = div(one, add(br, mul(bi, rat)))
    big_real = (mul(add(ar, mul(ai, rat)), scl), mul(sub(ai, mul(ar, rat)), scl))
    by_zero = (div(ar, abs_r), div(ai, abs_r))
    rat2 = div(br, bi)
    scl2 = div(one, add(bi, mul(br, rat2)))
    big_imag = (mul(add(mul(ar, rat2), ai), scl2), mul(sub(mul(ai, rat2), ar), scl2))
    zero = _and(binary("eq", abs_r, _c(0.0, br)), binary("eq", abs_i, _c(0.0, br)))
    return _select(binary("ge", abs_r, abs_i), _select(zero, by_zero, big_real), big_imag)


def _reciprocal(a: Pair) -> Pair:
    r, i = a
    div, mul, add = (lambda x, y, op=op: binary(op, x, y) for op in ("div", "mul", "add"))
    one = _c(1.0, r)
    q = div(i, r)
    d = add(r, mul(i, q))
    q2 = div(r, i)
    d2 = add(mul(r, q2), i)
    small_imag = (div(one, d), unary("neg", div(q, d)))
    big_imag = (div(q2, d2), unary("neg", div(one, d2)))
    return _select(binary("le", unary("abs", i), unary("abs", r)), small_imag, big_imag)


def _hypot(x: Expr, y: Expr) -> Expr:
    """libm's hypot, as NumPy's scalar loops call it: float32 through float64
    (glibc's hypotf), float64 glibc's (2.35+) algorithm: scaled, a sqrt
    corrected by its residual (Borges), bit for bit glibc's."""
    inf = _or(unary("isinf", x), unary("isinf", y))
    if x.dtype == np.float32:
        x, y = cast(x, np.float64), cast(y, np.float64)
        h = cast(unary("sqrt", binary("add", binary("mul", x, x), binary("mul", y, y))), np.float32)
        return select(inf, const(np.inf, np.float32), h)
    add, sub, mul, div = (lambda p, q, op=op: binary(op, p, q) for op in ("add", "sub", "mul", "div"))

    def c(v: float) -> Expr:
        return const(v, x.dtype)

    ax, ay = unary("abs", x), unary("abs", y)
    swap = binary("lt", ax, ay)
    ax, ay = select(swap, ay, ax), select(swap, ax, ay)
    large, tiny = binary("gt", ax, c(2.0 ** 511)), binary("lt", ay, c(2.0 ** -459))
    scale = select(large, c(2.0 ** -600), select(tiny, c(2.0 ** 600), c(1.0)))
    sx, sy = mul(ax, scale), mul(ay, scale)
    h = unary("sqrt", add(mul(sx, sx), mul(sy, sy)))
    d1, d2 = sub(h, sy), sub(h, sx)
    near = binary("le", h, mul(c(2.0), sy))
    t1 = select(near, mul(sx, sub(mul(c(2.0), d1), sx)), mul(mul(c(2.0), d2), sub(sx, mul(c(2.0), sy))))
    t2 = select(near, mul(sub(d1, mul(c(2.0), sub(sx, sy))), d1),
                add(mul(sub(mul(c(4.0), d2), sy), sy), mul(d2, d2)))
    kernel = div(sub(h, div(add(t1, t2), mul(c(2.0), h))), scale)
    negligible = select(tiny, binary("ge", ax, mul(ay, c(2.0 ** 54))),
                        binary("le", ay, mul(ax, c(2.0 ** -54))))
    return select(inf, c(np.inf), select(negligible, add(ax, ay), kernel))


def _abs(a: Pair) -> Expr:
    """NumPy's SIMD complex absolute: ``larger * sqrt(fma(r, r, 1))`` with
    ``r = smaller / larger`` (0 where that is 0/0 or inf/inf); an infinite
    part gives inf, else a NaN part NaN."""
    r, i = unary("abs", a[0]), unary("abs", a[1])
    inf, nan, zero = _c(np.inf, r), _c(np.nan, r), _c(0.0, r)
    inf_r, inf_i = binary("eq", r, inf), binary("eq", i, inf)
    r, i = select(inf_i, inf, r), select(inf_r, inf, i)
    nan_r, nan_i = _nan(r), _nan(i)
    r, i = select(nan_i, nan, r), select(nan_r, nan, i)
    larger, smaller = binary("max", r, i), binary("min", i, r)
    ok = unary("not", _or(binary("eq", larger, zero), binary("eq", smaller, inf)))
    ratio = select(ok, binary("div", smaller, larger), zero)
    return binary("mul", unary("sqrt", fma(ratio, ratio, _c(1.0, r))), larger)


def _order(op: str, a: Pair, b: Pair) -> Expr:
    """NumPy's lexicographic comparisons of complex numbers (CGT, CGE, ...)."""
    (ar, ai), (br, bi) = a, b
    first = _and(binary(op[0] + "t", ar, br), unary("not", _or(_nan(ai), _nan(bi))))
    return _or(first, _and(binary("eq", ar, br), binary(op, ai, bi)))


def _sign(a: Pair) -> Pair:
    """NumPy 2: z / |z|; 0 for 0; for an infinite |z| the unit toward the
    infinite part (NaN when both are infinite); NaN for NaN."""
    r, i = a
    h = _hypot(r, i)
    zero, one, nan = _c(0.0, r), _c(1.0, r), _c(np.nan, r)

    def unit(x: Expr) -> Expr:
        return select(binary("gt", x, zero), one, unary("neg", one))

    inf_r, inf_i = unary("isinf", r), unary("isinf", i)
    at_inf = _select(inf_r, _select(inf_i, (nan, nan), (unit(r), zero)), (zero, unit(i)))
    finite = _select(binary("eq", h, zero), (zero, zero), (binary("div", r, h), binary("div", i, h)))
    return _select(_nan(h), (nan, nan), _select(unary("isinf", h), at_inf, finite))


class _Splitter:
    """Rewrites expressions: a complex one to a pair, a real one to an Expr."""

    def __init__(self) -> None:
        self.memo: dict[Expr, Expr | Pair] = {}

    def __call__(self, e: Expr) -> Expr | Pair:
        done = self.memo.get(e)
        if done is None:
            done = self.memo[e] = self._split(e)
        return done

    def pair(self, e: Expr) -> Pair:
        """Parts of ``e`` as a complex number (a real one has imaginary part 0)."""
        v = self(e)
        if isinstance(v, tuple):
            return v
        return v, const(0.0, v.dtype)

    def _split(self, e: Expr) -> Expr | Pair:
        op, dtype = e.op, e.dtype
        complex_args = any(isinstance(a, Expr) and a.dtype.kind == "c" for a in e.args)
        if dtype.kind != "c" and not complex_args:
            if op in ("var", "param", "const", "local"):
                return e
            args = tuple(self(a) if isinstance(a, Expr) else a for a in e.args)
            if op == "real":
                return args[0]
            if op == "imag":
                return const(0, dtype)
            if op == "conj":
                return args[0]
            return e if all(a is b for a, b in zip(args, e.args)) else Expr(op, args, dtype)
        part = real_dtype(dtype)
        if op == "const":
            value = complex(float.fromhex(e.args[0]), float.fromhex(e.args[1]))
            return const(value.real, part), const(value.imag, part)
        if op == "local":
            return local(e.args[0] + ".re", part), local(e.args[0] + ".im", part)
        if op == "load":
            buffer, index = e.args
            base = simplify(index * 2)
            return load(buffer, base, part), load(buffer, simplify(base + 1), part)
        if op == "cast":
            src = e.args[0]
            if dtype.kind == "c":
                re, im = self.pair(src)
                return cast(re, part), cast(im, part)
            re, im = self(src)
            if dtype.kind == "b":
                zero = const(0.0, re.dtype)
                return _or(binary("ne", re, zero), binary("ne", im, zero))
            return cast(re, dtype)
        if op == "select":
            return _select(self(e.args[0]), self.pair(e.args[1]), self.pair(e.args[2]))
        if op == "combine":
            comb, acc, x = e.args
            (ar, ai), (xr, xi) = self(acc), self(x)
            if comb == "add":
                return combine("add", ar, xr), combine("add", ai, xi)
            if comb == "mul":
                return _mul((ar, ai), (xr, xi))
            raise NotImplementedError(f"complex {comb} reduction")
        if len(e.args) == 1:
            return self._unary(op, self(e.args[0]))
        return self._binary(op, self.pair(e.args[0]), self.pair(e.args[1]))

    def _unary(self, op: str, a: Pair) -> Expr | Pair:
        r, i = a
        if op == "neg":
            return unary("neg", r), unary("neg", i)
        if op == "conj":
            return r, unary("neg", i)
        if op == "real":
            return r
        if op == "imag":
            return i
        if op == "abs":
            return _abs(a)
        if op == "isnan":
            return _or(_nan(r), _nan(i))
        if op == "isinf":
            return _or(unary("isinf", r), unary("isinf", i))
        if op == "isfinite":
            return _and(unary("isfinite", r), unary("isfinite", i))
        if op == "reciprocal":
            return _reciprocal(a)
        if op == "sign":
            return _sign(a)
        raise NotImplementedError(f"complex {op} in a kernel")

    def _binary(self, op: str, a: Pair, b: Pair) -> Expr | Pair:
        (ar, ai), (br, bi) = a, b
        if op in ("add", "sub"):
            return binary(op, ar, br), binary(op, ai, bi)
        if op == "mul":
            return _mul(a, b)
        if op == "div":
            return _div(a, b)
        if op == "eq":
            return _and(binary("eq", ar, br), binary("eq", ai, bi))
        if op == "ne":
            return _or(binary("ne", ar, br), binary("ne", ai, bi))
        if op in ("lt", "le", "gt", "ge"):
            return _order(op, a, b)
        if op in ("max", "min"):     # a unless b wins; a NaN in a wins
            keep = _or(_nan(ar), _nan(ai), _order("ge" if op == "max" else "le", a, b))
            return _select(keep, a, b)
        if op in ("fmax", "fmin"):   # b unless a wins; a NaN in b loses
            keep = _or(_nan(br), _nan(bi), _order("ge" if op == "fmax" else "le", a, b))
            return _select(keep, a, b)
        raise NotImplementedError(f"complex {op} in a kernel")


def _real(v: Expr | Pair) -> Expr:
    assert not isinstance(v, tuple), "a complex value where a real one is needed"
    return v


def _rewrite(stmt: Stmt, sp: _Splitter) -> Stmt:
    if isinstance(stmt, Seq):
        return Seq(tuple(_rewrite(s, sp) for s in stmt.stmts))
    if isinstance(stmt, For):
        return replace(stmt, extent=_real(sp(stmt.extent)), body=_rewrite(stmt.body, sp),
                       begin=None if stmt.begin is None else _real(sp(stmt.begin)))
    if isinstance(stmt, If):
        return If(_real(sp(stmt.cond)), _rewrite(stmt.body, sp))
    if isinstance(stmt, Store):
        index = _real(sp(stmt.index))
        if stmt.value.dtype.kind != "c":
            return Store(stmt.buffer, index, _real(sp(stmt.value)))
        re, im = sp(stmt.value)
        base = simplify(index * 2)
        return Seq((Store(stmt.buffer, base, re), Store(stmt.buffer, simplify(base + 1), im)))
    if isinstance(stmt, Local):
        if stmt.dtype.kind != "c":
            return Local(stmt.name, stmt.dtype, _real(sp(stmt.init)))
        re, im = sp.pair(stmt.init)
        return Seq((Local(stmt.name + ".re", re.dtype, re), Local(stmt.name + ".im", im.dtype, im)))
    if isinstance(stmt, Assign):
        value = sp(stmt.value)
        if not isinstance(value, tuple):
            return Assign(stmt.name, value)
        # both parts are computed from the old values before either is assigned
        re, im = value
        nxt = stmt.name + ".re_next"
        return Seq((Local(nxt, re.dtype, re), Assign(stmt.name + ".im", im),
                    Assign(stmt.name + ".re", local(nxt, re.dtype))))
    raise TypeError(f"not a statement: {stmt!r}")


def split_complex(stmt: Stmt) -> Stmt:
    """``stmt`` with every complex value, local and store made of real parts."""
    return _rewrite(stmt, _Splitter())

