"""The loop-nest IR: statements that backends translate to machine code.

Statements are frozen records: ``For`` (a counted loop with a kind),
``Store`` (to a buffer element), ``Seq``, ``Local`` (a scalar variable
declared with an initial value, visible to the statements after it in the
same ``Seq``), ``Assign`` (to a local) and ``If`` (a statement run only when
a bool expression holds).  Values are ``codegen.expr``
expressions.  ``to_str`` prints the nest as indented pseudo-code.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Callable

import numpy as np

from .expr import Expr, to_str as expr_str


@dataclass(frozen=True)
class For:
    """``for var in range(begin, extent)`` (``begin`` None: 0; ``unroll``: the
    unroll count, of a vector loop its width, 1 left to the backend); a ``parallel``
    loop runs only the part of that range inside the sub-range
    ``[start, end)`` that the kernel's caller passes in.

    Kinds: ``serial``, ``unroll``, ``vector`` (the backend vectorizes the
    loop, tail included) and ``lanes``: a loop of constant extent ``unroll``
    whose body the backend runs once on SIMD vectors of that many lanes, lane
    ``i`` doing iteration ``i`` (Halide's vectorized loop).  The body may hold
    loops and locals (a local declared there is one vector); run as a plain
    loop it computes the same, so passes may treat it as one."""

    var: str
    extent: Expr
    body: "Stmt"
    kind: str = "serial"
    unroll: int = 1
    parallel: bool = False
    begin: Expr | None = None


@dataclass(frozen=True)
class Store:
    buffer: int
    index: Expr
    value: Expr


@dataclass(frozen=True)
class Seq:
    stmts: tuple["Stmt", ...]


@dataclass(frozen=True)
class Local:
    name: str
    dtype: np.dtype
    init: Expr


@dataclass(frozen=True)
class Assign:
    name: str
    value: Expr


@dataclass(frozen=True)
class If:
    """``if cond: body`` (``cond`` a bool expression, evaluated once)."""

    cond: Expr
    body: "Stmt"


Stmt = For | Store | Seq | Local | Assign | If


def map_exprs(stmt: Stmt, fn: Callable[[Expr], Expr]) -> Stmt:
    """``stmt`` with ``fn(e)`` for each of its expressions (same structure)."""
    if isinstance(stmt, Seq):
        return Seq(tuple(map_exprs(s, fn) for s in stmt.stmts))
    if isinstance(stmt, For):
        return replace(stmt, extent=fn(stmt.extent), body=map_exprs(stmt.body, fn),
                       begin=None if stmt.begin is None else fn(stmt.begin))
    if isinstance(stmt, If):
        return If(fn(stmt.cond), map_exprs(stmt.body, fn))
    if isinstance(stmt, Store):
        return Store(stmt.buffer, fn(stmt.index), fn(stmt.value))
    if isinstance(stmt, Local):
        return Local(stmt.name, stmt.dtype, fn(stmt.init))
    if isinstance(stmt, Assign):
        return Assign(stmt.name, fn(stmt.value))
    raise TypeError(f"not a statement: {stmt!r}")


def to_str(stmt: Stmt, indent: int = 0) -> str:
    """Readable pseudo-code of a statement tree."""
    pad = "  " * indent
    if isinstance(stmt, For):
        stop = expr_str(stmt.extent)
        if stmt.parallel:
            low = "start" if stmt.begin is None else f"max(start, {expr_str(stmt.begin)})"
            rng = f"[{low}, min(end, {stop}))"
        else:
            rng = f"range({stop})" if stmt.begin is None else \
                f"range({expr_str(stmt.begin)}, {stop})"
        tag = "" if stmt.kind == "serial" else f"  # {stmt.kind}" + (
            f" x{stmt.unroll}" if stmt.unroll > 1 else "")
        if stmt.parallel:
            tag += "  # parallel"
        return f"{pad}for {stmt.var} in {rng}:{tag}\n" + to_str(stmt.body, indent + 1)
    if isinstance(stmt, Store):
        return f"{pad}b{stmt.buffer}[{expr_str(stmt.index)}] = {expr_str(stmt.value)}\n"
    if isinstance(stmt, Seq):
        return "".join(to_str(s, indent) for s in stmt.stmts)
    if isinstance(stmt, Local):
        return f"{pad}{stmt.name}: {stmt.dtype.name} = {expr_str(stmt.init)}\n"
    if isinstance(stmt, Assign):
        return f"{pad}{stmt.name} = {expr_str(stmt.value)}\n"
    if isinstance(stmt, If):
        return f"{pad}if {expr_str(stmt.cond)}:\n" + to_str(stmt.body, indent + 1)
    raise TypeError(f"not a statement: {stmt!r}")
