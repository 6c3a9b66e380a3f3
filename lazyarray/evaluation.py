"""The evaluation driver: pending graph -> fusion groups -> kernels -> buffers.

The pending work's signature (``lazyarray.replay``) names a recorded plan
when a graph of the same structure was evaluated before.  Otherwise the
graph is partitioned into fusion groups and each group's kernel found by
structural key (memory), else translated to a ``codegen.Compute``, given its
schedule and built (``codegen`` looks in its own memory and disk caches
before compiling); the plan is recorded.  Then the plan runs: for each
group, check the indices it gathers with (``lazyarray.bounds``), allocate
the output, launch, and turn the root into a computed buffer, which cuts
the graph there.
"""
from __future__ import annotations

import math

import numpy as np

import codegen
from codegen import tune

from . import fusion, kernels, replay
from .graph import Node
from .stats import counters

_kernels: dict[tuple, codegen.Kernel] = {}


def kernel_for(group: fusion.Group, p: kernels.Plan) -> codegen.Kernel | tune.RecordedKernel:
    """The compiled kernel of a group (by structural key), with the schedule
    ``codegen.tune.resolve`` picks (tuning database, else default heuristic),
    its launches recorded while ``lazyarray-tune`` records."""
    kernel = _kernels.get(p.key)
    if kernel is not None:
        counters.kernel_cache_hits += 1
        return kernel
    compute = kernels.to_compute(group, p)
    resolved = tune.resolve(compute, reason=f"new structure ({len(group.nodes)} ops)")
    kernel = _kernels[p.key] = tune.wrap(resolved.kernel)
    return kernel


def evaluate_nodes(nodes: list[Node]) -> None:
    """Compute every pending node in ``nodes`` (and what they depend on)."""
    outputs = [n for n in nodes if n.pending]
    if not outputs:
        return
    counters.evaluations += 1
    sig = replay.signature(outputs)
    steps = replay.lookup(sig)
    if steps is None:
        steps = replay.record(sig, [_launch(g) for g in fusion.partition(outputs, order=sig.order)])
    else:
        counters.plan_replays += 1
    replay.run(steps, sig)


def _launch(group: fusion.Group) -> tuple:
    """What running a group takes: (kernel, root, leaves, parameters, members);
    no kernel for an empty result."""
    if not math.prod(group.root.shape):
        return None, group.root, (), None, group.nodes
    p = kernels.plan(group)
    return kernel_for(group, p), group.root, p.leaves, np.array(p.params, dtype=np.int64), \
        group.nodes
