"""Compute + schedule -> loop-nest IR.

Element-wise computes become one loop nest with a store in the innermost
body.  Reductions take one of two forms, chosen by the loop order:

* register form, when every reduction loop is inside every spatial loop:
  each reduction loop owns an accumulator initialised to the identity and
  folded into the enclosing one when the loop ends (so a split reduction
  loop sums in blocks, which bounds rounding error), and the outermost one
  is stored.  Spatial loops inside the reduction loops are allowed when they
  are unrolled with constant extents (a register tile): they are expanded
  here, one accumulator per tile point, so the whole tile stays in registers;
* memory form, when a spatial loop is inside a reduction loop: the output is
  first filled with the identity, then every domain point combines into its
  output element in place.

Shifted splits (``Split(tail="shift")``) need their extents to be at least
the split factor: the nest runs under ``If`` those guards hold, and the same
schedule with guarded splits runs otherwise.

Lowering is a named list of steps, ``PASSES``: the first builds that loop
nest from the compute and schedule, each later one rewrites the statement
before it (``codegen.passes``).  ``lower_steps`` returns the IR after every
step, for dumps and debugging; ``lower`` only the last.
"""
from __future__ import annotations

from .compute import Compute
from .expr import (Expr, binary, combine, const, const_value, load, local, simplify, substitute,
                   unary)
from .ir import Assign, For, If, Local, Seq, Stmt, Store
from .passes import expand_math, partition_loops, split_complex, widen_half
from .schedule import Loop, LoopNest, Schedule, apply, unshifted


def lower(compute: Compute, schedule: Schedule) -> Stmt:
    """The loop-nest IR of ``compute`` run as ``schedule`` says, after all passes."""
    return lower_steps(compute, schedule)[-1][1]


def lower_steps(compute: Compute, schedule: Schedule) -> list[tuple[str, Stmt]]:
    """``(name, IR after that step)`` for every step of ``PASSES``, in order."""
    (name, build), *passes = PASSES
    steps = [(name, build(compute, schedule))]
    for name, run in passes:
        steps.append((name, run(steps[-1][1])))
    return steps


def loop_nest(compute: Compute, schedule: Schedule) -> Stmt:
    """The loop nest with the compute's expressions as written (first step)."""
    nest = apply(schedule, compute)
    if not nest.guards:
        return _build(compute, nest)
    holds = nest.guards[0]
    for guard in nest.guards[1:]:
        holds = binary("and", holds, guard)
    fallback = _build(compute, apply(unshifted(schedule), compute))
    return Seq((If(holds, _build(compute, nest)), If(unary("not", holds), fallback)))


def _build(compute: Compute, nest: LoopNest) -> Stmt:
    body = simplify(substitute(compute.body, nest.axis_values))
    out_index = simplify(substitute(compute.out_index, nest.axis_values))
    if compute.combiner is None:
        return _nest(nest.loops, nest.parallel, Store(compute.output, out_index, body))
    first_reduce = next(i for i, l in enumerate(nest.loops) if l.reduce)
    tile = _register_tile(nest.loops[first_reduce:])
    if tile is not None:
        return _register_form(compute, nest, first_reduce, tile, body, out_index)
    if nest.guards:
        raise ValueError("a shifted split needs each output point stored once: its loop must be "
                         "outside the reduction loops or an unrolled tile inside them")
    return _memory_form(compute, nest, body, out_index)


def _register_tile(loops: tuple[Loop, ...]) -> list[dict[str, Expr]] | None:
    """The points of the register tile of the loops from the first reduction
    loop on (``[{}]``: none), or None when they do not form one: reduction
    loops, then spatial loops unrolled at least their constant extents."""
    inner = [l for l in loops if not l.reduce]
    if any(l.reduce for l in loops[len(loops) - len(inner):]):
        return None
    points: list[dict[str, Expr]] = [{}]
    for l in inner:
        if l.kind != "unroll" or l.extent.op != "const" or const_value(l.extent) > l.unroll:
            return None
        points = [{**p, l.name: const(v)} for p in points for v in range(const_value(l.extent))]
    return points


def _loop(loop: Loop, body: Stmt, parallel: str | None) -> For:
    return For(loop.name, loop.extent, body, loop.kind, loop.unroll, loop.name == parallel)


def _nest(loops: tuple[Loop, ...], parallel: str | None, body: Stmt) -> Stmt:
    for loop in reversed(loops):
        body = _loop(loop, body, parallel)
    return body


def _register_form(compute: Compute, nest: LoopNest, first: int, points: list[dict[str, Expr]],
                   body: Expr, out_index: Expr) -> Stmt:
    dtype, comb, ident = compute.out_dtype, compute.combiner, compute.identity()
    reduce_loops = [l for l in nest.loops[first:] if l.reduce]
    suffixes = [""] if len(points) == 1 else [f"_{j}" for j in range(len(points))]
    accs = [[f"acc{k}{s}" for s in suffixes] for k in range(len(reduce_loops))]
    at = [(lambda e, pt=pt: simplify(substitute(e, pt))) for pt in points]

    def fold(into: list[str], values: list[Expr]) -> tuple[Stmt, ...]:
        return tuple(Assign(a, combine(comb, local(a, dtype), v)) for a, v in zip(into, values))

    updates = fold(accs[-1], [f(body) for f in at])
    inner: Stmt = updates[0] if len(updates) == 1 else Seq(updates)
    for k in range(len(reduce_loops) - 1, -1, -1):
        loop = _loop(reduce_loops[k], inner, nest.parallel)
        if k == 0:
            done = tuple(Store(compute.output, f(out_index), local(a, dtype))
                         for a, f in zip(accs[0], at))
        else:
            done = fold(accs[k - 1], [local(a, dtype) for a in accs[k]])
        inner = Seq((*(Local(a, dtype, ident) for a in accs[k]), loop, *done))
    return _nest(nest.loops[:first], nest.parallel, inner)


def _memory_form(compute: Compute, nest: LoopNest, body: Expr, out_index: Expr) -> Stmt:
    out = compute.output
    spatial = tuple(l for l in nest.loops if not l.reduce)
    init_parallel = nest.parallel if spatial and spatial[0].name == nest.parallel else None
    init = _nest(spatial, init_parallel, Store(out, out_index, compute.identity()))
    current = load(out, out_index, compute.out_dtype)
    update = Store(out, out_index, combine(compute.combiner, current, body))
    return Seq((init, _nest(nest.loops, nest.parallel, update)))


#: the lowering steps, in order: ``loop nest`` takes (compute, schedule), every
#: later step is a ``Stmt -> Stmt`` pass.
PASSES = (
    ("loop nest", loop_nest),
    ("partition loops", partition_loops),
    ("split complex", split_complex),
    ("widen half", widen_half),
    ("expand math", expand_math),
)
