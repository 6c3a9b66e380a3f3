"""Replay: the evaluation plans of graphs that come back with the same structure.

Loops evaluate the same graph again and again on new data (an iteration of a
solver, a time step).  Partitioning it into fusion groups and planning each
kernel gives the same outcome every time, so the outcome is kept under the
graph's *signature*: each pending node's op, argument, dtype, shape and
``inlined`` mark with its sources by position, each computed leaf's kind,
dtype and shape, and which nodes are the outputs.  Everything partitioning
and planning read is in it, so equal signatures get equal plans.  A graph
whose signature is known runs the recorded steps at once: each launches one
kernel on the leaves it names with the parameters it recorded, and realizes
its root.  Sizes are part of the signature (the parameters depend on them);
a graph with new sizes is planned anew and finds its kernels by structure,
without compiling.  Constant values are not: kernels read them at run time.
"""
from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass

import numpy as np

import codegen

from . import bounds, buffers
from .fusion import pending_order
from .graph import GATHER, Node
from .kernels import leaf_array
from .stats import counters

#: plans kept (least recently used ones are dropped first).
MAX_PLANS = 256


@dataclass(frozen=True)
class Step:
    """One kernel launch of a recorded evaluation.  Nodes are named by
    position: ``k >= 0`` is the ``k``-th pending node of the signature's
    order, ``-1 - i`` its ``i``-th leaf."""

    kernel: codegen.Kernel | None   # None: an empty result
    root: int
    sources: tuple[int, ...]
    params: np.ndarray
    members: tuple[int, ...]        # computed inline (marked so, as fusion does)
    gathers: tuple[int, ...]        # whose indices are checked before the launch
    releases: tuple[int, ...]       # not used by later steps


@dataclass
class Signature:
    key: tuple | None               # None: an argument is not hashable (never replayed)
    order: list                     # the pending nodes, sources first
    leaves: list[Node]
    positions: dict[int, int]       # id(node) -> position


_plans: OrderedDict[tuple, tuple[Step, ...]] = OrderedDict()


def signature(outputs: list[Node]) -> Signature:
    """The structure of the pending work behind ``outputs``."""
    order = pending_order(outputs)
    positions = {id(n): k for k, n in enumerate(order)}
    leaves: list[Node] = []
    entries = []
    for node in order:
        refs = []
        for src in node.srcs:
            ref = positions.get(id(src))
            if ref is None:
                ref = positions[id(src)] = -1 - len(leaves)
                leaves.append(src)
            refs.append(ref)
        entries.append((node.op, node.arg, node.dtype, node.shape, node.inlined, tuple(refs)))
    key = (tuple(entries), tuple((n.op, n.dtype, n.shape) for n in leaves),
           tuple(positions[id(n)] for n in outputs))
    try:
        hash(key)
    except TypeError:
        key = None
    return Signature(key, order, leaves, positions)


def lookup(sig: Signature) -> tuple[Step, ...] | None:
    if sig.key is None:
        return None
    steps = _plans.get(sig.key)
    if steps is not None:
        _plans.move_to_end(sig.key)
    return steps


def record(sig: Signature, launches: list[tuple]) -> tuple[Step, ...]:
    """The plan of an evaluation, kept under its signature: ``launches``
    lists, in run order, each group's (kernel, root, leaves, parameters,
    members)."""
    pos = sig.positions
    named = [(kernel, pos[id(root)], tuple(pos[id(n)] for n in leaves), params,
              tuple(pos[id(n)] for n in members),
              tuple(pos[id(n)] for n in members if n.op == GATHER))
             for kernel, root, leaves, params, members in launches]
    last: dict[int, int] = {}
    for k, (_, root, sources, _, members, _) in enumerate(named):
        for p in (root, *sources, *members):
            if p >= 0:
                last[p] = k
    steps = tuple(Step(kernel, root, sources, params, members, gathers,
                       tuple(p for p, k_last in last.items() if k_last == k))
                  for k, (kernel, root, sources, params, members, gathers) in enumerate(named))
    if sig.key is not None:
        _plans[sig.key] = steps
        if len(_plans) > MAX_PLANS:
            _plans.popitem(last=False)
    return steps


def run(steps: tuple[Step, ...], sig: Signature) -> None:
    """Evaluate the pending work of ``sig`` by its plan ``steps``."""
    order, leaves = sig.order, sig.leaves
    for step in steps:
        for g in step.gathers:
            bounds.check_gather(order[g])
        root = order[step.root]
        out = buffers.empty(root.shape, root.dtype)
        if step.kernel is not None:
            counters.kernel_cache_hits += 1
            step.kernel([leaf_array(order[r] if r >= 0 else leaves[-1 - r])
                         for r in step.sources] + [out], step.params)
        root.realize(out)
        for m in step.members:
            order[m].inlined = True
        for r in step.releases:   # so intermediate buffers are freed after their last use
            order[r] = None
