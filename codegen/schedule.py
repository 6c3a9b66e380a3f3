"""Schedules: how a compute's loops run, as data (after Halide).

A ``Schedule`` is a tuple of frozen primitive records.  Applying it to a
``Compute`` gives a ``LoopNest``: the ordered loops, the kind of each, which
loop is split across threads, and how every original axis is recovered from
the new loop variables.  Applying a schedule never changes what is computed.
Schedules print as the Python that builds them and round-trip through JSON.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, fields, replace

import numpy as np

from .backends.llvm import host_vector_bytes
from .compute import Compute
from .expr import (Expr, binary, coefficient, const, free_vars, simplify, subexpressions,
                   substitute, var)

SCHEDULE_VERSION = 1
LOOP_KINDS = ("serial", "vector", "unroll")


@dataclass(frozen=True)
class Split:
    """``for axis in range(n)`` -> ``for axis.o in range(ceil(n/factor))``,
    ``for axis.i in range(min(factor, n - axis.o*factor))``.

    With ``tail="shift"`` (Halide's ShiftInwards) the inner loop always runs
    ``factor`` times and the last block is shifted inwards to end at ``n``
    (``axis = min(axis.o*factor, n - factor) + axis.i``), so it overlaps the
    block before it: constant extents let a block be unrolled into registers.
    Only a spatial loop whose points are each stored once may be shifted;
    where ``n < factor`` at run time the kernel runs the ``"guard"`` version.
    """

    axis: str
    factor: int
    tail: str = "guard"

    def __repr__(self) -> str:
        tail = "" if self.tail == "guard" else f", tail={self.tail!r}"
        return f"Split(axis={self.axis!r}, factor={self.factor}{tail})"


@dataclass(frozen=True)
class Fuse:
    """Two adjacent loops ``outer, inner`` -> one loop ``outer.inner`` over
    their product; the inner extent must not depend on the outer loop."""

    outer: str
    inner: str


@dataclass(frozen=True)
class Reorder:
    """Permute the named loops among the positions they occupy, outermost first."""

    order: tuple[str, ...]


@dataclass(frozen=True)
class Vectorize:
    """Mark a loop for SIMD execution (the backend vectorizes it, tail included)
    ``width`` lanes at a time (0: as the backend's cost model chooses, which
    for a loop mixing float32 loads and float64 sums picks the float64 width)."""

    axis: str
    width: int = 0

    def __repr__(self) -> str:
        width = f", width={self.width}" if self.width else ""
        return f"Vectorize(axis={self.axis!r}{width})"


@dataclass(frozen=True)
class Unroll:
    """Mark a loop to be unrolled ``factor`` times."""

    axis: str
    factor: int = 4


@dataclass(frozen=True)
class Parallel:
    """Split the iterations of the outermost loop across threads."""

    axis: str


PRIMITIVES = {cls.__name__: cls for cls in (Split, Fuse, Reorder, Vectorize, Unroll, Parallel)}


@dataclass(frozen=True)
class Loop:
    name: str
    extent: Expr
    reduce: bool
    kind: str = "serial"
    unroll: int = 1      # the unroll count; of a vector loop, its width (1: the backend's choice)


@dataclass(frozen=True)
class LoopNest:
    """The loops outermost first, the thread-split loop, axis -> expression,
    and the run-time conditions (``n >= factor``) that shifted splits need."""

    loops: tuple[Loop, ...]
    parallel: str | None
    axis_values: dict
    guards: tuple[Expr, ...] = ()


class Schedule(tuple):
    """An ordered tuple of primitives."""

    def __new__(cls, *prims: object) -> "Schedule":
        for p in prims:
            if type(p).__name__ not in PRIMITIVES:
                raise TypeError(f"not a schedule primitive: {p!r}")
        return super().__new__(cls, prims)

    def __repr__(self) -> str:
        return f"Schedule({', '.join(repr(p) for p in self)})"

    def to_json(self) -> str:
        return json.dumps({"version": SCHEDULE_VERSION, "primitives": [
            {"kind": type(p).__name__, **{f.name: getattr(p, f.name) for f in fields(p)}}
            for p in self]})

    @classmethod
    def from_json(cls, text: str) -> "Schedule":
        data = json.loads(text)
        if data.get("version") != SCHEDULE_VERSION:
            raise ValueError(f"schedule version {data.get('version')} is not {SCHEDULE_VERSION}")
        prims = []
        for rec in data["primitives"]:
            kind = PRIMITIVES[rec.pop("kind")]
            if kind is Reorder:
                rec["order"] = tuple(rec["order"])
            prims.append(kind(**rec))
        return cls(*prims)


def _index_of(loops: list[Loop], name: str) -> int:
    for i, loop in enumerate(loops):
        if loop.name == name:
            return i
    raise ValueError(f"no loop named {name!r} (loops: {[l.name for l in loops]})")


def apply(schedule: Schedule, compute: Compute) -> LoopNest:
    """The loop nest that ``schedule`` makes of ``compute``."""
    loops = [Loop(a.name, a.extent, a.reduce) for a in compute.axes]
    values: dict[str, Expr] = {a.name: var(a.name) for a in compute.axes}
    parallel = None
    guards: list[Expr] = []

    def rewrite(name: str, expr: Expr) -> None:
        """Loop ``name`` is replaced: express every axis and extent without it."""
        for k, v in values.items():
            values[k] = simplify(substitute(v, {name: expr}))
        for i, loop in enumerate(loops):
            loops[i] = replace(loop, extent=simplify(substitute(loop.extent, {name: expr})))

    for prim in schedule:
        if isinstance(prim, Split):
            i = _index_of(loops, prim.axis)
            loop = loops[i]
            if prim.factor < 1:
                raise ValueError(f"split factor must be positive, got {prim.factor}")
            if prim.tail not in ("guard", "shift"):
                raise ValueError(f"split tail must be 'guard' or 'shift', got {prim.tail!r}")
            f = const(prim.factor)
            outer, inner = f"{loop.name}.o", f"{loop.name}.i"
            o_ext = simplify((loop.extent + (prim.factor - 1)) // f)
            if prim.tail == "shift":
                if loop.reduce or free_vars(loop.extent):
                    raise ValueError(f"cannot shift the split of {loop.name}: only a spatial loop "
                                     "with an extent fixed at launch can be shifted")
                guards.append(binary("ge", loop.extent, f))
                start, i_ext = simplify(binary("min", var(outer) * f, loop.extent - f)), f
            else:
                start = var(outer) * f
                i_ext = simplify(binary("min", f, loop.extent - var(outer) * f))
            loops[i:i + 1] = [Loop(outer, o_ext, loop.reduce), Loop(inner, i_ext, loop.reduce)]
            rewrite(loop.name, start + var(inner))
        elif isinstance(prim, Fuse):
            i, j = _index_of(loops, prim.outer), _index_of(loops, prim.inner)
            a, b = loops[i], loops[j]
            if j != i + 1 or a.reduce != b.reduce or a.name in free_vars(b.extent):
                raise ValueError(f"cannot fuse {a.name} and {b.name}")
            name = f"{a.name}.{b.name}"
            loops[i:j + 1] = [Loop(name, simplify(a.extent * b.extent), a.reduce)]
            rewrite(a.name, var(name) // b.extent)
            rewrite(b.name, var(name) % b.extent)
        elif isinstance(prim, Reorder):
            positions = sorted(_index_of(loops, n) for n in prim.order)
            chosen = [loops[_index_of(loops, n)] for n in prim.order]
            for pos, loop in zip(positions, chosen):
                loops[pos] = loop
        elif isinstance(prim, Vectorize):
            if prim.width < 0:
                raise ValueError(f"vector width must not be negative, got {prim.width}")
            i = _index_of(loops, prim.axis)
            loops[i] = replace(loops[i], kind="vector", unroll=max(prim.width, 1))
        elif isinstance(prim, Unroll):
            if prim.factor < 1:
                raise ValueError(f"unroll factor must be positive, got {prim.factor}")
            i = _index_of(loops, prim.axis)
            loops[i] = replace(loops[i], kind="unroll", unroll=prim.factor)
        elif isinstance(prim, Parallel):
            _index_of(loops, prim.axis)
            parallel = prim.axis
    if parallel is not None and loops[0].name != parallel:
        raise ValueError(f"parallel loop {parallel!r} must be outermost")
    seen: set[str] = set()
    for loop in loops:
        if free_vars(loop.extent) - seen:
            raise ValueError(f"extent of {loop.name} depends on a loop inside it")
        seen.add(loop.name)
    first_reduce = next((i for i, l in enumerate(loops) if l.reduce), None)
    if guards and first_reduce is not None and tile_loops(loops[first_reduce:]) is None:
        raise ValueError("a shifted split needs each output point stored once: its loop must be "
                         "outside the reduction loops or in a register tile inside them")
    return LoopNest(tuple(loops), parallel, values, tuple(guards))


#: most points of a register tile (8 x 4 AVX-512 registers of float32: 512).
MAX_TILE_POINTS = 512


def tile_loops(loops: list[Loop] | tuple[Loop, ...]) -> list[Loop] | None:
    """The spatial loops of a register tile made of ``loops`` (the loops from
    the first reduction loop on), or None when they do not make one.  A tile
    is the reduction loops, then spatial loops of constant extents inside
    them (at most ``MAX_TILE_POINTS`` points), each unrolled at least its
    extent or (at most one) vectorized: the tile's points are accumulated in
    registers over the reduction loops."""
    inner = [l for l in loops if not l.reduce]
    if any(l.reduce for l in loops[len(loops) - len(inner):]):
        return None
    if any(l.extent.op != "const" or not (l.kind == "vector" or l.kind == "unroll" and
                                          l.extent.args[0] <= l.unroll) for l in inner):
        return None
    if sum(l.kind == "vector" for l in inner) > 1 or \
            np.prod([l.extent.args[0] for l in inner]) > MAX_TILE_POINTS:
        return None
    return inner


def unshifted(schedule: Schedule) -> Schedule:
    """``schedule`` with every shifted split guarded instead (same loops)."""
    return Schedule(*(replace(p, tail="guard") if isinstance(p, Split) else p for p in schedule))


#: reduction blocks: each block is summed into a fresh accumulator first,
#: which bounds float rounding error growth (see docs/architecture).
REDUCE_BLOCK = 256
#: ... and every ``REDUCE_FANOUT`` block sums go through one more accumulator.
REDUCE_FANOUT = 64


def _loads(e: Expr) -> list[Expr]:
    return [x.args[1] for x in subexpressions(e) if x.op == "load"]


def _unit_stride_uses(compute: Compute, axis: str) -> int:
    """How many loads and stores step through memory by one element along
    ``axis``.  In a reduction, loads that do not move with a reduction axis
    (a reduced value broadcast back, as in ``x - x.mean(1)``) are left out:
    they are as small as the output and stay in cache whatever the order."""
    reduce_axes = {a.name for a in compute.axes if a.reduce}
    loads = [i for i in _loads(compute.body) if not reduce_axes or free_vars(i) & reduce_axes]
    return sum(coefficient(index, axis) == const(1) for index in loads + [compute.out_index])


#: register tile of a contraction: rows of the output, by SIMD vectors of columns.
TILE_ROWS, TILE_VECTORS = 4, 2
#: row tiles per block of a contraction (the block's rows of A stay in cache).
ROW_BLOCK = 64


def vector_lanes(dtype: object, vector_bytes: int | None = None) -> int:
    """Elements of ``dtype`` in one SIMD register of ``vector_bytes`` (default the host's)."""
    return max((vector_bytes or host_vector_bytes()) // np.dtype(dtype).itemsize, 1)


def tile_columns(dtype: object, vector_bytes: int | None = None) -> int:
    """Columns of a contraction's register tile for ``dtype``: ``TILE_VECTORS``
    SIMD registers of ``vector_bytes`` (default the host's)."""
    return TILE_VECTORS * vector_lanes(dtype, vector_bytes)


def _contraction_axes(compute: Compute) -> tuple[str, str, str] | None:
    """``(m, n, k)`` when ``compute`` sums products over one reduction axis ``k``
    into an output contiguous along its last spatial axis ``n``, reading one
    operand that does not move with ``n`` (``A[m, k]``) and one that runs
    contiguously along ``n`` and does not move with ``m`` (``B[k, n]``); ``m``
    is the last other spatial axis for which both exist."""
    spatial = [a.name for a in compute.axes if not a.reduce]
    reduce = [a.name for a in compute.axes if a.reduce]
    if compute.combiner != "add" or len(reduce) != 1 or len(spatial) < 2:
        return None
    n, k = spatial[-1], reduce[0]
    if coefficient(compute.out_index, n) != const(1):
        return None
    zero, one = const(0), const(1)
    for m in reversed(spatial[:-1]):
        steps = [{v: coefficient(i, v) for v in (m, n, k)} for i in _loads(compute.body)]
        if any(c[n] == zero and _moves(c[m]) and _moves(c[k]) for c in steps) and \
                any(c[m] == zero and c[n] == one and _moves(c[k]) for c in steps):
            return m, n, k
    return None


def _moves(step: Expr | None) -> bool:
    """Whether an index with this coefficient changes along the axis."""
    return step is not None and step != const(0)


def _contraction_schedule(compute: Compute, m: str, n: str, k: str, vector_bytes: int) -> Schedule:
    """Register-blocked: a ``TILE_ROWS`` x ``TILE_VECTORS``-registers tile of the
    output is accumulated in registers over the whole of ``k`` (shifted splits
    keep the tile's extents constant; the rows unrolled, the columns SIMD
    lanes).  Row tiles are grouped in blocks of ``ROW_BLOCK``; each block runs
    over every column panel, so the block's rows of ``A`` stay in cache while
    the panels of ``B`` stream past.  Threads split the (block, panel) pairs."""
    lanes = vector_lanes(compute.out_dtype, vector_bytes)
    batch = [a.name for a in compute.axes if not a.reduce and a.name not in (m, n)]
    order = (f"{m}.o.o", *batch, f"{n}.o", f"{m}.o.i", k, f"{m}.i", f"{n}.i")
    return Schedule(Split(m, TILE_ROWS, "shift"), Split(n, TILE_VECTORS * lanes, "shift"),
                    Split(f"{m}.o", ROW_BLOCK), Reorder(order), Fuse(order[0], order[1]),
                    Unroll(f"{m}.i", TILE_ROWS), Vectorize(f"{n}.i", lanes),
                    Parallel(f"{order[0]}.{order[1]}"))


def default_schedule(compute: Compute, vector_bytes: int | None = None) -> Schedule:
    """The heuristic schedule used when no tuned one exists.

    A contraction (``out[m, n] += A[m, k] * B[k, n]``, see
    ``_contraction_axes``) gets a register-blocked schedule for SIMD registers
    of ``vector_bytes`` (default: the host's).  Otherwise the innermost loop is
    the axis along which most loads and stores are
    contiguous (the last axis on ties), and it is vectorized; an innermost
    reduction loop is split into blocks of ``REDUCE_BLOCK``, and those into
    groups of ``REDUCE_FANOUT`` (three levels of accumulators bound the
    rounding error, as pairwise summation does); the outermost loop is split
    across threads.
    """
    if not compute.axes:
        return Schedule()
    if compute.scan is not None:
        return _scan_schedule(compute)
    contraction = None if compute.stages else _contraction_axes(compute)
    if contraction is not None:
        return _contraction_schedule(compute, *contraction, vector_bytes or host_vector_bytes())
    prims: list = []
    axes = list(compute.axes)
    first = compute.stage_at if compute.stages else 0   # stages run inside the leading loops
    best = max(range(first, len(axes)),
               key=lambda k: (_unit_stride_uses(compute, axes[k].name), k))
    if best != len(axes) - 1:
        axes.append(axes.pop(best))
        prims.append(Reorder(tuple(a.name for a in axes)))
    names = [a.name for a in axes]
    if axes[-1].reduce:
        blocks, names = reduction_blocks(names, widening_lanes(compute.body, compute.out_dtype))
        prims.extend(blocks)
    else:
        prims.append(Vectorize(names[-1]))
    prims.append(Parallel(names[0]))
    return Schedule(*prims)


#: columns per block of a scan along an outer axis (the blocks are shared by threads)
SCAN_COLUMNS = 1024


def _scan_schedule(compute: Compute) -> Schedule:
    """A scan keeps its axes in order: along the innermost axis it runs serially
    with threads over the outermost; along another axis the innermost is
    vectorized and, when the scan axis is outermost, split into column blocks
    that the threads share (each block swept down the scan axis)."""
    names = [a.name for a in compute.axes]
    scan = compute.scan
    if names[-1] == scan:
        return Schedule(Parallel(names[0])) if names[0] != scan else Schedule()
    if names[0] != scan:
        return Schedule(Vectorize(names[-1]), Parallel(names[0]))
    last = names[-1]
    return Schedule(Split(last, SCAN_COLUMNS), Reorder((f"{last}.o", *names[:-1], f"{last}.i")),
                    Vectorize(f"{last}.i"), Parallel(f"{last}.o"))


def widening_lanes(body: Expr, acc: np.dtype) -> int:
    """SIMD lanes of the narrowest value ``body`` loads when it is narrower than
    the accumulator ``acc`` (0 otherwise), at most two registers of ``acc``: a
    float32 sum accumulated in float64 runs as many lanes as float32 registers
    hold, not half as many."""
    sizes = [x.dtype.itemsize for x in subexpressions(body) if x.op == "load"]
    narrow = min(sizes, default=acc.itemsize)
    vector = host_vector_bytes()
    return min(vector // narrow, 2 * vector // acc.itemsize) if narrow < acc.itemsize else 0


def reduction_blocks(names: list[str], width: int = 0) -> tuple[list, list[str]]:
    """Primitives that split the innermost loop of ``names``, a reduction, into
    blocks of ``REDUCE_BLOCK`` grouped by ``REDUCE_FANOUT`` and vectorize the
    blocks (``width``: see ``Vectorize``); and the loop names after them."""
    inner = names[-1]
    prims = [Split(inner, REDUCE_BLOCK), Split(f"{inner}.o", REDUCE_FANOUT),
             Vectorize(f"{inner}.i", width)]
    return prims, names[:-1] + [f"{inner}.o.o", f"{inner}.o.i", f"{inner}.i"]
