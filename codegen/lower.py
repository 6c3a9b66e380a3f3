"""Compute + schedule -> loop-nest IR.

Element-wise computes become one loop nest with a store in the innermost
body.  Reductions take one of two forms, chosen by the loop order:

* register form, when every reduction loop is inside every spatial loop:
  each reduction loop owns an accumulator initialised to the identity and
  folded into the enclosing one when the loop ends (so a split reduction
  loop sums in blocks, which bounds rounding error), and the outermost one
  is stored;
* memory form, when a spatial loop is inside a reduction loop: the output is
  first filled with the identity, then every domain point combines into its
  output element in place.

Lowering is a named list of steps, ``PASSES``: the first builds that loop
nest from the compute and schedule, each later one rewrites the statement
before it (``codegen.passes``).  ``lower_steps`` returns the IR after every
step, for dumps and debugging; ``lower`` only the last.
"""
from __future__ import annotations

from .compute import Compute
from .expr import Expr, combine, load, local, simplify, substitute
from .ir import Assign, For, Local, Seq, Stmt, Store
from .passes import expand_math, partition_loops
from .schedule import Loop, LoopNest, Schedule, apply


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
    body = simplify(substitute(compute.body, nest.axis_values))
    out_index = simplify(substitute(compute.out_index, nest.axis_values))
    if compute.combiner is None:
        return _nest(nest.loops, nest.parallel, Store(compute.output, out_index, body))
    first_reduce = next(i for i, l in enumerate(nest.loops) if l.reduce)
    if all(l.reduce for l in nest.loops[first_reduce:]):
        return _register_form(compute, nest, first_reduce, body, out_index)
    return _memory_form(compute, nest, body, out_index)


def _loop(loop: Loop, body: Stmt, parallel: str | None) -> For:
    return For(loop.name, loop.extent, body, loop.kind, loop.unroll, loop.name == parallel)


def _nest(loops: tuple[Loop, ...], parallel: str | None, body: Stmt) -> Stmt:
    for loop in reversed(loops):
        body = _loop(loop, body, parallel)
    return body


def _register_form(compute: Compute, nest: LoopNest, first: int, body: Expr,
                   out_index: Expr) -> Stmt:
    dtype, comb, ident = compute.out_dtype, compute.combiner, compute.identity()
    reduce_loops = nest.loops[first:]
    accs = [f"acc{k}" for k in range(len(reduce_loops))]
    inner: Stmt = Assign(accs[-1], combine(comb, local(accs[-1], dtype), body))
    for k in range(len(reduce_loops) - 1, -1, -1):
        loop = _loop(reduce_loops[k], inner, nest.parallel)
        if k == 0:
            done: Stmt = Store(compute.output, out_index, local(accs[0], dtype))
        else:
            parent = accs[k - 1]
            done = Assign(parent, combine(comb, local(parent, dtype), local(accs[k], dtype)))
        inner = Seq((Local(accs[k], dtype, ident), loop, done))
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
    ("expand math", expand_math),
)
