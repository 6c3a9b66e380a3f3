"""Algorithm definitions: what a kernel computes, independent of loop order.

A ``Compute`` has an iteration domain (named axes with symbolic extents,
some of them reduction axes), a ``body`` giving the value at each domain
point, and the linear index of the output element that point belongs to.
Without reduction axes it is a pure element-wise definition; with them each
output element is ``combiner``-reduced over the reduction axes, starting from
the combiner's identity.  A *scan* (``scan`` names one of its spatial axes)
stores at each point the combiner folded, in order, over the body at the
points before it along that axis and itself (``cumsum``: ``out[k] =
out[k - 1] + x[k]``, NumPy's order, not reassociated).  How the loops run is
a ``Schedule``'s business.

A compute may also have *stages* (Halide's ``compute_at``): reductions run
once per point of its leading ``stage_at`` axes, before the body there (say
per row: the row's maximum, then the row's sum of ``exp(x - max)``, then the
row written).  Each stage folds its own reduction axes into a scalar that the
body and later stages read as ``local(name, dtype)``; the stages' axes are
their own loops, so a row is re-read from cache, not stored in between.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .expr import Expr, const, free_vars

#: reduction combiners and the scalar function that combines two partials.
COMBINERS = {"add": "add", "mul": "mul", "max": "max", "min": "min", "and": "and", "or": "or"}


@dataclass(frozen=True)
class Axis:
    """One loop of the iteration domain: ``for name in range(extent)``."""

    name: str
    extent: Expr
    reduce: bool = False


@dataclass(frozen=True)
class Stage:
    """A scalar ``name`` = ``combiner`` folded over ``axes`` (its own reduction
    axes) of ``body``, computed before the compute's body (see the module).

    ``keep`` (an element-wise compute only): a value of the output's dtype that
    the stage stores at each of its points, the output element whose trailing
    axes are the stage's axes, for the body to read back (as ``load(output,
    out_index)``) instead of computing it again: the row stays in cache."""

    name: str
    dtype: np.dtype
    combiner: str
    axes: tuple[Axis, ...]
    body: Expr
    keep: Expr | None = None


@dataclass(frozen=True)
class Compute:
    """A kernel's algorithm.

    Buffers are numbered: inputs ``0 .. len(inputs)-1`` then the output.
    ``n_params`` int64 run-time parameters (sizes, offsets) are read by
    ``param`` expressions in extents, indices and the body.
    """

    name: str
    inputs: tuple[np.dtype, ...]
    out_dtype: np.dtype
    axes: tuple[Axis, ...]
    body: Expr
    out_index: Expr
    n_params: int
    combiner: str | None = None
    stages: tuple[Stage, ...] = ()
    stage_at: int = 0
    scan: str | None = None

    def __post_init__(self) -> None:
        names = [a.name for a in self.axes] + [a.name for s in self.stages for a in s.axes]
        if len(set(names)) != len(names):
            raise ValueError(f"duplicate axis names in {names}")
        if self.body.dtype != self.out_dtype:
            raise TypeError(f"body is {self.body.dtype}, output is {self.out_dtype}")
        if self.scan is not None:
            if self.combiner is None or self.scan not in names or \
                    any(a.reduce for a in self.axes) or self.stages:
                raise ValueError("a scan needs a combiner and a spatial axis to run along")
        elif (self.combiner is None) == any(a.reduce for a in self.axes):
            raise ValueError("a combiner is needed exactly when there are reduction axes")
        if self.combiner is not None and self.combiner not in COMBINERS:
            raise ValueError(f"unknown combiner {self.combiner!r}")
        reduce_names = {a.name for a in self.axes if a.reduce}
        if free_vars(self.out_index) & reduce_names:
            raise ValueError("the output index must not depend on reduction axes")
        outer = {a.name for a in self.axes[:self.stage_at]}
        if any(a.reduce for a in self.axes[:self.stage_at]):
            raise ValueError("stages run per point of spatial axes only")
        for stage in self.stages:
            if stage.combiner not in COMBINERS or stage.body.dtype != stage.dtype:
                raise ValueError(f"bad stage {stage.name!r}")
            if free_vars(stage.body) - outer - {a.name for a in stage.axes}:
                raise ValueError(f"stage {stage.name!r} reads axes it does not run inside")
            if stage.keep is not None and (self.combiner is not None or stage.keep.dtype !=
                                           self.out_dtype or len(stage.axes) != len(self.axes)
                                           - self.stage_at):
                raise ValueError(f"stage {stage.name!r} cannot keep its values in the output")

    @property
    def output(self) -> int:
        """The buffer number of the output."""
        return len(self.inputs)

    def identity(self) -> Expr:
        """The combiner's neutral element in the output dtype."""
        return identity(self.combiner, self.out_dtype)


def identity(combiner: str, dtype: np.dtype) -> Expr:
    """Neutral element of ``combiner`` for ``dtype`` (max of floats: -inf)."""
    dtype = np.dtype(dtype)
    if combiner in ("add", "or"):
        return const(0, dtype)
    if combiner == "mul" or (combiner == "and" and dtype.kind == "b"):
        return const(1, dtype)
    if combiner == "and":
        return const(-1 if dtype.kind == "i" else np.iinfo(dtype).max, dtype)
    if dtype.kind == "f":
        return const(-np.inf if combiner == "max" else np.inf, dtype)
    if dtype.kind == "b":
        return const(combiner == "min", dtype)
    info = np.iinfo(dtype)
    return const(info.min if combiner == "max" else info.max, dtype)
