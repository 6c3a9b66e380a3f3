"""Expand transcendental functions into vectorizable expressions.

``expand_math(stmt)`` rewrites every float32/float64 ``exp``, ``log``, ``sin``,
``cos`` (``codegen.mathfuncs``) and every other function of
``codegen.mathfuncs_derived.EXPANSIONS`` (tan, tanh, arctan2, ...) of a
statement tree into range reduction plus polynomial, so that the loops around
them vectorize.  sin, cos and tan are accurate only for
``|x| <= mathfuncs.TRIG_LIMIT``; when a statement computes one of them, the
kernel becomes::

    trig_fallback: bool = False
    <the nest, expanded; after each statement computing sin/cos:>
      trig_fallback = (trig_fallback | <some argument is finite and beyond the limit>)
    if trig_fallback:
      <the nest again, with sin, cos and tan left to libm (the others expanded)>

so the kernel is rerun from the start, with exact-to-libm sin and cos, only
when some argument needs it.  Rerunning is safe: a kernel writes only its
output buffer, which no input aliases, and every nest initializes its output
and accumulators itself.  Other dtypes (and other functions) are left as they are.
"""
from __future__ import annotations

from dataclasses import replace

from .. import mathfuncs
from ..mathfuncs_derived import EXPANSIONS
from ..expr import BOOL, Expr, binary, const, local
from ..ir import Assign, For, If, Local, Seq, Stmt, Store

#: the local that records whether the fast nest met an out-of-range sin/cos argument.
FLAG = "trig_fallback"
_TRIG = ("sin", "cos", "tan")
_ALL = frozenset(name for name, _ in EXPANSIONS)


class _Expander:
    """Rewrites expressions bottom-up, sharing equal subtrees (memoized per run);
    for each expression also gives the (expanded) arguments of the sin/cos in it."""

    def __init__(self, ops: frozenset[str]):
        self.ops = ops
        self.memo: dict[Expr, tuple[Expr, tuple[Expr, ...]]] = {}

    def __call__(self, e: Expr) -> tuple[Expr, tuple[Expr, ...]]:
        done = self.memo.get(e)
        if done is None:
            done = self.memo[e] = self._rewrite(e)
        return done

    def _rewrite(self, e: Expr) -> tuple[Expr, tuple[Expr, ...]]:
        parts = [self(a) if isinstance(a, Expr) else (a, ()) for a in e.args]
        args = tuple(new for new, _ in parts)
        trig = tuple(dict.fromkeys(t for _, ts in parts for t in ts))
        if (e.op, e.dtype) in EXPANSIONS:
            if e.op in _TRIG and args[0] not in trig:
                trig += (args[0],)
            if e.op in self.ops:
                return EXPANSIONS[e.op, e.dtype](*args), trig
        if all(a is b for a, b in zip(args, e.args)):
            return e, trig
        return Expr(e.op, args, e.dtype), trig

    def statement(self, *exprs: Expr) -> tuple[list[Expr], list[Expr]]:
        """The expanded expressions of one statement, and its sin/cos arguments."""
        done = [self(e) for e in exprs]
        return [new for new, _ in done], list(dict.fromkeys(t for _, ts in done for t in ts))


def _rewrite(stmt: Stmt, ex: _Expander, flag: bool) -> tuple[Stmt, bool]:
    """The statement with its expressions expanded; with ``flag``, each statement
    computing sin/cos is followed by an update of FLAG.  Also: whether any did."""
    if isinstance(stmt, Seq):
        parts = [_rewrite(s, ex, flag) for s in stmt.stmts]
        return Seq(tuple(p for p, _ in parts)), any(t for _, t in parts)
    if isinstance(stmt, For):
        (extent,), args = ex.statement(stmt.extent)
        body, trig = _rewrite(stmt.body, ex, flag)
        assert not args, "sin/cos in a loop extent"
        return replace(stmt, extent=extent, body=body), trig
    if isinstance(stmt, If):
        (cond,), args = ex.statement(stmt.cond)
        body, trig = _rewrite(stmt.body, ex, flag)
        return _flagged(If(cond, body), args, flag), trig or bool(args)
    if isinstance(stmt, Store):
        (index, value), args = ex.statement(stmt.index, stmt.value)
        return _flagged(Store(stmt.buffer, index, value), args, flag), bool(args)
    if isinstance(stmt, Local):
        (init,), args = ex.statement(stmt.init)
        return _flagged(Local(stmt.name, stmt.dtype, init), args, flag), bool(args)
    if isinstance(stmt, Assign):
        (value,), args = ex.statement(stmt.value)
        return _flagged(Assign(stmt.name, value), args, flag), bool(args)
    raise TypeError(f"not a statement: {stmt!r}")


def _flagged(stmt: Stmt, trig_args: list[Expr], flag: bool) -> Stmt:
    if not (flag and trig_args):
        return stmt
    out_of_range = mathfuncs.trig_out_of_range(trig_args[0])
    for a in trig_args[1:]:
        out_of_range = binary("or", out_of_range, mathfuncs.trig_out_of_range(a))
    return Seq((stmt, Assign(FLAG, binary("or", local(FLAG, BOOL), out_of_range))))


def expand_math(stmt: Stmt) -> Stmt:
    """``stmt`` with the transcendental functions of float32 and float64 made of
    vectorizable operations (and a libm rerun for out-of-range sin/cos/tan
    arguments, see above)."""
    fast, has_trig = _rewrite(stmt, _Expander(_ALL), True)
    if not has_trig:
        return fast
    slow, _ = _rewrite(stmt, _Expander(_ALL - frozenset(_TRIG)), False)
    return Seq((Local(FLAG, BOOL, const(False, BOOL)), fast, If(local(FLAG, BOOL), slow)))
