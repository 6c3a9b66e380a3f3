"""Split loops where a ``select`` condition changes value (after Halide's
``PartitionLoops``).

A written region (``x[1:-1, 1:-1] = f(...)``) reaches the compiler as
``select(lo <= i and i < hi and ..., new, old)`` at every point, with the
``new`` side read at clamped indices so that lanes outside the region stay in
bounds.  That costs a blend per element and, worse, makes the clamped loads
non-contiguous, so the loop does not vectorize.  ``partition_loops(stmt)``
finds, for each loop, conjunction terms of such conditions that bound the
loop variable (``v + c >= 0``, ``v + c < n``, ``v + c == 0``, and the same
with ``c - v``), and splits the loop into the part before the bounds, the
part inside and the part after.  In each part the terms are known true or
false, so the selects fold to one side, and inside, clamps whose argument is
known to be in range (``min(max(q, 0), n - 1)`` with ``q >= 0`` and
``q < n``) fold to ``q``: the inner loop reads contiguously again.
"""
from __future__ import annotations

from dataclasses import replace

from ..expr import BOOL, Expr, binary, const, free_vars, simplify, subexpressions
from ..ir import Assign, For, If, Local, Seq, Stmt, Store

_TRUE, _FALSE = const(True, BOOL), const(False, BOOL)


def partition_loops(stmt: Stmt) -> Stmt:
    """The statement with loops split at the range conditions of selects."""
    return _visit(stmt, {}, frozenset())


def _visit(stmt: Stmt, facts: dict[Expr, bool], lanes: frozenset[str]) -> Stmt:
    """Apply ``facts`` to ``stmt``, partitioning its loops, outermost first
    (``lanes``: the variables of the ``lanes`` loops around it)."""
    return _rebuild(stmt, facts, lambda loop: _partition(loop, facts, lanes))


def _apply(stmt: Stmt, facts: dict[Expr, bool]) -> Stmt:
    """``stmt`` with ``facts`` folded into every expression (no partitioning)."""
    if not facts:
        return stmt
    return _rebuild(stmt, facts, lambda loop: replace(loop, body=_apply(loop.body, facts)))


def _rebuild(stmt: Stmt, facts: dict[Expr, bool], on_loop) -> Stmt:
    """``stmt`` with ``facts`` folded into its expressions; loops go to ``on_loop``."""
    if isinstance(stmt, For):
        return on_loop(stmt)
    if isinstance(stmt, Seq):
        return Seq(tuple(_rebuild(s, facts, on_loop) for s in stmt.stmts))
    fold = _Folder(facts)
    if isinstance(stmt, If):
        return replace(stmt, cond=fold(stmt.cond), body=_rebuild(stmt.body, facts, on_loop))
    if isinstance(stmt, Store):
        return replace(stmt, index=fold(stmt.index), value=fold(stmt.value))
    if isinstance(stmt, Assign):
        return replace(stmt, value=fold(stmt.value))
    if isinstance(stmt, Local):
        return replace(stmt, init=fold(stmt.init))
    raise TypeError(f"not a statement: {stmt!r}")


#: how many nested times one loop may be split (pieces grow as 3**depth, and
#: most are empty at run time): selects beyond the first keep their blends.
MAX_SPLITS = 1


def _has_loop(stmt: Stmt) -> bool:
    if isinstance(stmt, For):
        return True
    if isinstance(stmt, Seq):
        return any(_has_loop(s) for s in stmt.stmts)
    return isinstance(stmt, If) and _has_loop(stmt.body)


def _partition(loop: For, facts: dict[Expr, bool], lanes: frozenset[str], depth: int = 0) -> Stmt:
    """Split ``loop`` if it is an innermost loop.  Only innermost loops are
    split: there the blend and the clamped loads cost per element; a
    condition on an outer variable is invariant in the inner loop (its
    clamped loads stay contiguous), and splitting outer loops too would
    multiply the code by 3 per nesting level (a 4-d region write compiled
    81 copies of the inner loop).  Bounds that differ between the lanes of
    an enclosing ``lanes`` loop (which runs its body once) do not split."""
    body = _apply(loop.body, facts)
    bounds = _bounds(body, loop.var) if depth < MAX_SPLITS and not _has_loop(body) else None
    if bounds is not None and free_vars(binary("add", bounds[2], bounds[3])) & lanes:
        bounds = None
    if bounds is None:
        inside = lanes | {loop.var} if loop.kind == "lanes" else lanes
        return replace(loop, body=_visit(body, {}, inside))
    cond, terms, low, high = bounds
    begin = const(0) if loop.begin is None else loop.begin
    lo = simplify(binary("max", begin, binary("min", low, loop.extent)))
    hi = simplify(binary("max", lo, binary("min", high, loop.extent)))
    # all the found terms hold exactly on [low, high); outside it one of them
    # fails, so the whole condition does; each piece may be split again
    outside = {cond: False}
    inside = {t: True for t in terms}
    return Seq((
        _partition(replace(loop, extent=lo, body=body), outside, lanes, depth + 1),
        _partition(replace(loop, begin=lo, extent=hi, body=body), inside, lanes, depth + 1),
        _partition(replace(loop, begin=hi, body=body), outside, lanes, depth + 1),
    ))


def _linear(e: Expr, v: str) -> tuple[int, Expr] | None:
    """``(coef, rest)`` with ``e == coef * v + rest`` and coef in {1, -1}, or None."""
    if e.op == "var" and e.args[0] == v:
        return 1, const(0)
    if v not in free_vars(e):
        return 0, e
    if e.op in ("add", "sub"):
        a, b = _linear(e.args[0], v), _linear(e.args[1], v)
        if a is None or b is None:
            return None
        sign = 1 if e.op == "add" else -1
        coef = a[0] + sign * b[0]
        if coef not in (1, -1, 0):
            return None
        return coef, simplify(binary(e.op, a[1], b[1]))
    return None


def _range_of(term: Expr, v: str) -> tuple[Expr, Expr] | None:
    """The half-open range ``[low, high)`` of ``v`` where ``term`` holds."""
    if term.op not in ("ge", "lt", "eq") or term.args[0].dtype.kind != "i":
        return None
    lin = _linear(term.args[0], v)
    if lin is None or lin[0] == 0 or v in free_vars(term.args[1]):
        return None
    coef, rest = lin
    bound = term.args[1]
    # coef*v + rest OP bound  <=>  v OP' (bound - rest)*coef
    pivot = simplify(binary("sub", bound, rest)) if coef == 1 else simplify(binary("sub", rest, bound))
    big = const(1 << 62)
    if term.op == "eq":
        return pivot, simplify(pivot + 1)
    if coef == 1:
        # v + rest >= bound: v >= pivot;  v + rest < bound: v < pivot
        return (pivot, big) if term.op == "ge" else (const(-(1 << 62)), pivot)
    # rest - v >= bound: v <= pivot;  rest - v < bound: v > pivot
    return (const(-(1 << 62)), simplify(pivot + 1)) if term.op == "ge" else \
        (simplify(pivot + 1), big)


def _conjuncts(e: Expr) -> list[Expr]:
    if e.op == "and" and e.dtype == BOOL:
        return _conjuncts(e.args[0]) + _conjuncts(e.args[1])
    return [e]


def _bounds(stmt: Stmt, v: str) -> tuple[Expr, list[Expr], Expr, Expr] | None:
    """The first select condition in ``stmt`` with terms that bound ``v``: the
    condition, those terms, and the range of ``v`` where all of them hold."""
    for cond in _select_conditions(stmt):
        found = []
        for term in _conjuncts(cond):
            rng = _range_of(term, v)
            if rng is not None:
                found.append((term, rng))
        if found:
            low = found[0][1][0]
            high = found[0][1][1]
            for _, (lo, hi) in found[1:]:
                low, high = binary("max", low, lo), binary("min", high, hi)
            return cond, [t for t, _ in found], simplify(low), simplify(high)
    return None


def _select_conditions(stmt: Stmt) -> list[Expr]:
    exprs: list[Expr] = []
    if isinstance(stmt, Seq):
        for s in stmt.stmts:
            exprs += _select_conditions(s)
    elif isinstance(stmt, (For, If)):
        exprs += _select_conditions(stmt.body)
    elif isinstance(stmt, Store):
        exprs += _selects(stmt.value)
    elif isinstance(stmt, Assign):
        exprs += _selects(stmt.value)
    return exprs


def _selects(e: Expr) -> list[Expr]:
    """The conditions of the selects in ``e``, outermost first."""
    return [x.args[0] for x in reversed(subexpressions(e)) if x.op == "select"]


class _Folder:
    """Replaces known conditions in expressions and folds what they decide."""


    def __init__(self, facts: dict[Expr, bool]):
        self.facts = facts
        self.memo: dict[Expr, Expr] = {}

    def __call__(self, e: Expr) -> Expr:
        done = self.memo.get(e)
        if done is None:
            done = self.memo[e] = self._fold(e)
        return done

    def _fold(self, e: Expr) -> Expr:
        if e in self.facts:
            return _TRUE if self.facts[e] else _FALSE
        if e.op in ("var", "param", "const", "local"):
            return e
        args = tuple(self(a) if isinstance(a, Expr) else a for a in e.args)
        if e.op == "and" and e.dtype == BOOL:
            a, b = args
            if _FALSE in (a, b):
                return _FALSE
            if a == _TRUE:
                return b
            if b == _TRUE:
                return a
        if e.op == "select" and args[0] in (_TRUE, _FALSE):
            return args[1] if args[0] == _TRUE else args[2]
        if e.op == "max" and args[1] == const(0) and self.facts.get(binary("ge", args[0], const(0))):
            return args[0]
        if e.op == "min" and args[1].op == "sub" and args[1].args[1] == const(1) \
                and self.facts.get(binary("lt", args[0], args[1].args[0])):
            return args[0]
        if all(a is b for a, b in zip(args, e.args)):
            return e
        return Expr(e.op, args, e.dtype)
