"""Compute + schedule -> loop-nest IR.

Element-wise computes become one loop nest with a store in the innermost
body.  Reductions take one of two forms, chosen by the loop order:

* register form, when every reduction loop is inside every spatial loop:
  each reduction loop owns an accumulator initialised to the identity and
  folded into the enclosing one when the loop ends (so a split reduction
  loop sums in blocks, which bounds rounding error), and the outermost one
  is stored.  Spatial loops inside the reduction loops are allowed when they
  have constant extents and are unrolled or (one of them) vectorized (a
  register tile, ``schedule.tile_loops``): unrolled ones are expanded here,
  one accumulator per tile point, a vectorized one becomes a ``lanes`` loop
  around the fold (the backend runs it on vectors), so the whole tile stays
  in registers; a float32/float64 sum of products steps as ``fma``;
* memory form, when a spatial loop is inside a reduction loop: the output is
  first filled with the identity, then every domain point combines into its
  output element in place.

A compute's stages run inside the loops of its ``stage_at`` leading axes
(kept outermost by the schedule), each a register-form fold into its local,
storing the value it keeps: one vector loop for an exact fold (max, min,
integers) or a widening float one, else blocked as ``default_schedule``
blocks an innermost reduction.  A scan runs its axis as one serial loop: innermost, a
local carries the running value; with loops inside it, each row combines
the stored row before it.

Shifted splits (``Split(tail="shift")``) need their extents to be at least
the split factor: the nest runs under ``If`` those guards hold, and the same
schedule with guarded splits runs otherwise.

Lowering is a named list of steps, ``PASSES``: the first builds that loop
nest from the compute and schedule, each later one rewrites the statement
before it (``codegen.passes``).  ``lower_steps`` returns the IR after every
step, for dumps and debugging; ``lower`` only the last.
"""
from __future__ import annotations

from dataclasses import replace

from .compute import Compute, Stage, identity
from .expr import (Expr, binary, combine, const, const_value, fma, free_vars, load, local,
                   simplify, substitute, unary, var)
from .ir import Assign, For, If, Local, Seq, Stmt, Store
from .passes import expand_math, partition_loops, split_complex, widen_half
from .schedule import (Loop, LoopNest, Schedule, Vectorize, apply, reduction_blocks, tile_loops,
                       unshifted, widening_lanes)


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
    if compute.scan is not None:
        return _scan_form(compute, nest, body, out_index)
    if compute.combiner is None:
        stmt = _nest(nest.loops, nest.parallel, Store(compute.output, out_index, body))
        return _with_stages(compute, nest, stmt)
    first_reduce = next(i for i, l in enumerate(nest.loops) if l.reduce)
    tile = _register_tile(nest.loops[first_reduce:])
    if tile is not None:
        points, lanes = tile
        reduce_loops = [l for l in nest.loops[first_reduce:] if l.reduce]
        at = [(lambda e, pt=pt: simplify(substitute(e, pt))) for pt in points]
        inner = _fold_loops(compute.combiner, compute.out_dtype, reduce_loops, at, body, "acc",
                            lambda accs: tuple(Store(compute.output, f(out_index), a)
                                               for a, f in zip(accs, at)), nest.parallel,
                            fuse=not any(l.kind == "vector" for l in reduce_loops))
        if lanes is not None:
            inner = For(lanes[0], const(lanes[1]), inner, "lanes", lanes[1])
        return _with_stages(compute, nest, _nest(nest.loops[:first_reduce], nest.parallel, inner))
    if compute.stages:
        raise ValueError("stages need the reduction loops inside the loops they run in")
    return _memory_form(compute, nest, body, out_index)


def _with_stages(compute: Compute, nest: LoopNest, stmt: Stmt) -> Stmt:
    """``stmt`` with the compute's stages run inside the loops of its first
    ``stage_at`` axes, which the schedule must keep outermost."""
    if not compute.stages:
        return stmt
    outer = {v for a in compute.axes[:compute.stage_at]
             for v in free_vars(nest.axis_values[a.name])}
    depth = len(outer)
    if {l.name for l in nest.loops[:depth]} != outer:
        raise ValueError("the loops of the axes that stages run at must be outermost")
    stages = tuple(s for stage in compute.stages for s in _stage(compute, stage))
    return _inside(stmt, depth, stages)


def _inside(stmt: Stmt, depth: int, before: tuple[Stmt, ...]) -> Stmt:
    """``stmt`` with ``before`` run first inside its ``depth``-th loop."""
    if depth == 0:
        return Seq((*before, stmt))
    return replace(stmt, body=_inside(stmt.body, depth - 1, before))


def _stage(compute: Compute, stage: Stage) -> tuple[Stmt, ...]:
    """Declare the stage's local and fold its body into it (storing what it keeps):
    in one vector loop when the fold is exact in any order (max, min, integers) or
    widens into float64 (float32 summed in float64: its rounding stays far below float32's
    for rows up to 2**29, and blocks would cost a horizontal fold each), else in
    blocks as ``default_schedule`` blocks a reduction."""
    sub = Compute(stage.name, (), stage.dtype, stage.axes, stage.body, const(0), 0, stage.combiner)
    width = widening_lanes(stage.body, stage.dtype)
    names = [a.name for a in stage.axes]
    exact = stage.combiner in ("max", "min") or stage.dtype.kind in "biu"
    if exact or (width and stage.dtype.itemsize == 8 and stage.dtype.kind == "f"):
        prims = [Vectorize(names[-1], width)]
    else:
        prims = reduction_blocks(names, width)[0]
    nest = apply(Schedule(*prims), sub)
    at = lambda e: simplify(substitute(e, nest.axis_values))   # noqa: E731
    keep = ()
    if stage.keep is not None:
        own = {a.name: var(s.name) for a, s in zip(compute.axes[compute.stage_at:], stage.axes)}
        keep = (Store(compute.output, at(substitute(compute.out_index, own)), at(stage.keep)),)
    loops = _fold_loops(stage.combiner, stage.dtype, list(nest.loops), [lambda e: e],
                        at(stage.body), f"{stage.name}_acc",
                        lambda accs: (Assign(stage.name, accs[0]),), None, keep)
    return Local(stage.name, stage.dtype, identity(stage.combiner, stage.dtype)), loops


def _register_tile(loops: tuple[Loop, ...]) -> tuple[list[dict[str, Expr]], tuple | None] | None:
    """The register tile of the loops from the first reduction loop on (see
    ``schedule.tile_loops``; None: they make none): its points, each a map
    from loop name to value (``[{}]``: no spatial loops), and the loop of
    SIMD lanes ``(name, width)`` (None: none).  A vectorized loop of extent ``E`` and width
    ``w`` (0: ``E``) is ``ceil(E / w)`` vectors of ``w`` lanes, the last
    shifted inwards to end at ``E``."""
    inner = tile_loops(loops)
    if inner is None:
        return None
    points: list[dict[str, Expr]] = [{}]
    lanes = None
    for l in inner:
        extent = const_value(l.extent)
        if l.kind == "vector" and extent > 0:
            width = min(l.unroll, extent) if l.unroll > 1 else extent
            lanes = l.name, width
            starts = [min(g * width, extent - width) for g in range(-(-extent // width))]
            points = [{**p, l.name: const(s) + var(l.name)} for p in points for s in starts]
        else:
            points = [{**p, l.name: const(v)} for p in points for v in range(extent)]
    return points, lanes


def _loop(loop: Loop, body: Stmt, parallel: str | None) -> For:
    return For(loop.name, loop.extent, body, loop.kind, loop.unroll, loop.name == parallel)


def _nest(loops: tuple[Loop, ...], parallel: str | None, body: Stmt) -> Stmt:
    for loop in reversed(loops):
        body = _loop(loop, body, parallel)
    return body


def _fold_loops(comb: str, dtype: object, reduce_loops: list[Loop], at: list, body: Expr,
                prefix: str, finish, parallel: str | None, also: tuple[Stmt, ...] = (),
                fuse: bool = False) -> Stmt:
    """Register form: each reduction loop owns one accumulator per tile point
    (``at``: expression -> its value at that point), folded into the enclosing
    loop's when it ends; ``finish(outermost accumulators)`` ends the fold;
    the innermost loop runs ``also`` too.  With ``fuse``, a float32/float64
    sum of products steps as ``fma(x, y, acc)`` (see ``_step``); the caller
    leaves it off where a reduction loop is vectorized: there the loop
    vectorizer splits ``mul`` then ``add`` into SIMD lanes, but leaves an
    ``fma`` chain serial."""
    ident = identity(comb, dtype)
    suffixes = [""] if len(at) == 1 else [f"_{j}" for j in range(len(at))]
    accs = [[f"{prefix}{k}{s}" for s in suffixes] for k in range(len(reduce_loops))]

    def fold(into: list[str], values: list[Expr], step=combine) -> tuple[Stmt, ...]:
        return tuple(Assign(a, step(comb, local(a, dtype), v)) for a, v in zip(into, values))

    updates = fold(accs[-1], [f(body) for f in at], _step if fuse else combine) + also
    inner: Stmt = updates[0] if len(updates) == 1 else Seq(updates)
    for k in range(len(reduce_loops) - 1, -1, -1):
        loop = _loop(reduce_loops[k], inner, parallel)
        if k == 0:
            done = finish([local(a, dtype) for a in accs[0]])
        else:
            done = fold(accs[k - 1], [local(a, dtype) for a in accs[k]])
        inner = Seq((*(Local(a, dtype, ident) for a in accs[k]), loop, *done))
    return inner


def _step(comb: str, acc: Expr, value: Expr) -> Expr:
    """One step of a register tile's fold: ``acc + x * y`` of float32/float64
    rounded once (``fma``, as BLAS kernels do: its error is at most that of
    the product rounded before the sum, so every bound on a sum of rounded
    products holds); any other step is ``combine``."""
    if comb == "add" and value.op == "mul" and value.dtype.kind == "f" and \
            value.dtype.itemsize >= 4:
        return fma(value.args[0], value.args[1], acc)
    return combine(comb, acc, value)


def _scan_form(compute: Compute, nest: LoopNest, body: Expr, out_index: Expr) -> Stmt:
    """A scan: innermost, a local carries the running value (starting from
    the combiner's identity, ``-0.0`` for float sums, so the first value is
    exact); otherwise each point combines the stored value before it, the
    loops inside the scan loop running over whole rows."""
    names = [l.name for l in nest.loops]
    if compute.scan not in names or nest.loops[names.index(compute.scan)].kind != "serial" or \
            nest.parallel == compute.scan:
        raise ValueError("a scan axis must stay one serial loop")
    k = names.index(compute.scan)
    scan, inner = nest.loops[k], nest.loops[k + 1:]
    comb, dtype, out = compute.combiner, compute.out_dtype, compute.output
    step = lambda acc: binary(comb, acc, body)   # noqa: E731  (in order: no reassociation)
    if not inner:
        start = const(-0.0, dtype) if comb == "add" and dtype.kind == "f" else compute.identity()
        acc = local("scan", dtype)
        run = Seq((Assign("scan", step(acc)), Store(out, out_index, acc)))
        stmt = Seq((Local("scan", dtype, start), _loop(scan, run, nest.parallel)))
    else:
        s = var(scan.name)
        before = simplify(substitute(out_index, {scan.name: s - 1}))
        first = Store(out, out_index, body)
        rest = Store(out, out_index, step(load(out, before, dtype)))
        first, rest = (If(binary(op, s, const(0)), _nest(inner, nest.parallel, store))
                       for op, store in (("eq", first), ("ne", rest)))
        stmt = _loop(scan, Seq((first, rest)), nest.parallel)
    return _nest(nest.loops[:k], nest.parallel, stmt)


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
