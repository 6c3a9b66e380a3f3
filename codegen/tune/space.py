"""The search space of a compute: knobs read off its default schedule.

Every numeric factor in the default schedule is a knob (a ``Split`` factor,
an ``Unroll`` factor, a ``Vectorize`` width), with choices of powers of two
and small multiples around the default value; an ``Unroll`` of the inner
loop of a split by exactly the split factor (a register tile) follows that
factor instead of being a knob of its own.  Two more knobs: the final loop
order (every permutation of the loops when there are at most
``MAX_PERMUTED_LOOPS``, else the default order and each swap of two adjacent
loops) and whether the outermost loop runs across threads.

A *point* is a tuple with one value per knob; ``Space.schedule(point)`` is
the default's primitives with those values, then a ``Reorder`` to the
chosen order and the ``Parallel``.  Only schedules that apply and form a
loop nest (``codegen.schedule.apply``, then the lowering's first step, which
rejects what the loop forms cannot run) are returned; a point that does not
is invalid (``None``).  Nothing here knows a kernel kind: whatever
primitives the default heuristic emits are what the space varies.
"""
from __future__ import annotations

import itertools
import random
from dataclasses import dataclass, replace

from ..compute import Compute
from ..expr import subexpressions
from ..lower import loop_nest
from ..schedule import (Parallel, Reorder, Schedule, Split, Unroll, Vectorize, apply,
                        default_schedule, host_vector_bytes)

#: loop nests up to this depth have every loop order in the space.
MAX_PERMUTED_LOOPS = 4
#: a schedule whose unrolled loops multiply to more than this is left out
#: (compile time and register pressure grow with the unrolled points).
MAX_UNROLLED_POINTS = 256


@dataclass(frozen=True)
class Knob:
    """One choice of the space: ``choices[0]`` is the default's value.
    ``at`` is the position of the primitive it sets in the default schedule
    (``None``: the loop order or the parallel flag)."""

    name: str
    choices: tuple
    at: int | None = None


def _around(value: int, multiples: tuple[float, ...]) -> tuple[int, ...]:
    """``value`` first, then the distinct positive ``value * m`` in order."""
    out = [value]
    for m in multiples:
        v = int(value * m)
        if v >= 1 and v == value * m and v not in out:
            out.append(v)
    return tuple(out)


#: factors tried around a default split factor (a reduction split keeps at most
#: twice its default block, which bounds the rounding error the blocks allow).
SPATIAL_MULTIPLES = (0.25, 0.5, 0.75, 1.5, 2, 4)
REDUCE_MULTIPLES = (0.25, 0.5, 2)


class Space:
    """The knobs of ``compute`` around ``default`` (its default schedule unless given)."""

    def __init__(self, compute: Compute, default: Schedule | None = None):
        self.compute = compute
        self.default = default_schedule(compute) if default is None else default
        self._valid: dict[tuple, Schedule | None] = {}
        self._parallel = any(isinstance(p, Parallel) for p in self.default)
        self.knobs = self._derive()

    def _derive(self) -> tuple[Knob, ...]:
        splits: dict[str, int] = {}     # inner loop name -> position of the split making it
        self._tied: dict[int, int] = {}  # position of a tile's unroll -> of its split
        knobs: list[Knob] = []
        for at, prim in enumerate(self.default):
            if isinstance(prim, Split):
                before = apply(Schedule(*self.default[:at]), self.compute).loops
                reduce = next(loop.reduce for loop in before if loop.name == prim.axis)
                multiples = REDUCE_MULTIPLES if reduce else SPATIAL_MULTIPLES
                knobs.append(Knob(f"split {prim.axis}", _around(prim.factor, multiples), at))
                splits[f"{prim.axis}.i"] = at
            elif isinstance(prim, Unroll):
                split = splits.get(prim.axis)
                if split is not None and self.default[split].factor == prim.factor:
                    self._tied[at] = split
                else:
                    knobs.append(Knob(f"unroll {prim.axis}", _around(prim.factor, (0.5, 2)), at))
            elif isinstance(prim, Vectorize):
                knobs.append(Knob(f"vectorize {prim.axis}", self._widths(prim.width), at))
        order = tuple(loop.name for loop in apply(self.default, self.compute).loops)
        if len(order) > 1:
            knobs.append(Knob("order", _orders(order)))
        if order:
            knobs.append(Knob("parallel", (self._parallel, not self._parallel)))
        return tuple(knobs)

    def _widths(self, width: int) -> tuple[int, ...]:
        """``width`` first, then the backend's choice (0) and half, one and two
        host SIMD registers of the narrowest type the compute reads or writes."""
        sizes = [x.dtype.itemsize for x in subexpressions(self.compute.body) if x.op == "load"]
        lanes = host_vector_bytes() // min(sizes + [self.compute.out_dtype.itemsize])
        return tuple(dict.fromkeys((width, 0, max(lanes // 2, 2), lanes, 2 * lanes)))

    @property
    def size(self) -> int:
        """Points in the space, valid or not."""
        n = 1
        for knob in self.knobs:
            n *= len(knob.choices)
        return n

    def default_point(self) -> tuple:
        return tuple(knob.choices[0] for knob in self.knobs)

    def random_point(self, rng: random.Random) -> tuple:
        return tuple(rng.choice(knob.choices) for knob in self.knobs)

    def neighbours(self, point: tuple) -> list[tuple]:
        """The points that differ from ``point`` in one knob."""
        return [point[:k] + (v,) + point[k + 1:]
                for k, knob in enumerate(self.knobs) for v in knob.choices if v != point[k]]

    def schedule(self, point: tuple) -> Schedule | None:
        """The schedule at ``point``, or None when it does not form a loop nest."""
        if point not in self._valid:
            try:
                self._valid[point] = self._checked(self._build(point))
            except ValueError:          # apply rejects the factors (say, too large a tile)
                self._valid[point] = None
        return self._valid[point]

    def _build(self, point: tuple) -> Schedule:
        values = {knob.at: v for knob, v in zip(self.knobs, point) if knob.at is not None}
        named = {knob.name: v for knob, v in zip(self.knobs, point)}
        prims = []
        for at, prim in enumerate(self.default):
            if isinstance(prim, Parallel):
                continue
            if isinstance(prim, Split):
                prim = replace(prim, factor=values[at])
            elif isinstance(prim, Unroll):
                prim = replace(prim, factor=values[self._tied.get(at, at)])
            elif isinstance(prim, Vectorize):
                prim = replace(prim, width=values[at])
            prims.append(prim)
        current = tuple(loop.name for loop in apply(Schedule(*prims), self.compute).loops)
        order = named.get("order", current)
        if order != current:
            prims.append(Reorder(order))
        if named.get("parallel", self._parallel):
            prims.append(Parallel(order[0]))
        return Schedule(*prims)

    def _checked(self, schedule: Schedule) -> Schedule | None:
        try:
            nest = apply(schedule, self.compute)
            loop_nest(self.compute, schedule)
        except (ValueError, NotImplementedError):
            return None
        unrolled = 1
        for loop in nest.loops:
            if loop.kind == "unroll":
                unrolled *= loop.unroll
        if unrolled > MAX_UNROLLED_POINTS and schedule != self.default:
            return None
        return schedule

    def schedules(self, limit: int | None = None,
                  rng: random.Random | None = None) -> list[Schedule]:
        """Distinct valid schedules of the space, the default first: all of
        them in knob order, or ``limit`` of them drawn at random by ``rng``."""
        if limit is None:
            points = itertools.product(*(knob.choices for knob in self.knobs))
        else:
            rng = rng or random.Random(0)
            points = itertools.chain([self.default_point()],
                                     (self.random_point(rng) for _ in range(20 * limit)))
        out: dict[str, Schedule] = {}
        for point in points:
            s = self.schedule(point)
            if s is not None:
                out.setdefault(s.to_json(), s)
                if limit is not None and len(out) >= limit:
                    break
        return list(out.values())


def _orders(order: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
    """``order`` first, then every permutation of it (short nests) or each
    swap of two adjacent loops."""
    if len(order) <= MAX_PERMUTED_LOOPS:
        return tuple(dict.fromkeys([order, *itertools.permutations(order)]))
    swaps = [order[:k] + (order[k + 1], order[k]) + order[k + 2:] for k in range(len(order) - 1)]
    return (order, *swaps)
