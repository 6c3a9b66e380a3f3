"""The evaluation driver: pending graph -> fusion groups -> kernels -> buffers.

For each group, in order: find its kernel by structural key (memory), else
translate it to a ``codegen.Compute``, pick its schedule and build it
(``codegen`` looks in its own memory and disk caches before compiling);
then check the indices it gathers with (``lazyarray.bounds``), allocate the
output, launch, and turn the root into a computed buffer, which cuts the
graph there.
"""
from __future__ import annotations

import numpy as np

import codegen

from . import bounds, fusion, kernels
from .graph import GATHER, Node
from .stats import counters

_kernels: dict[tuple, codegen.Kernel] = {}


def kernel_for(group: fusion.Group, p: kernels.Plan) -> codegen.Kernel:
    """The compiled kernel of a group (by structural key)."""
    kernel = _kernels.get(p.key)
    if kernel is not None:
        counters.kernel_cache_hits += 1
        return kernel
    compute = kernels.to_compute(group, p)
    kernel = codegen.build(compute, codegen.default_schedule(compute),
                           reason=f"new structure ({len(group.nodes)} ops)")
    _kernels[p.key] = kernel
    return kernel


def evaluate_nodes(nodes: list[Node]) -> None:
    """Compute every pending node in ``nodes`` (and what they depend on)."""
    outputs = [n for n in nodes if n.pending]
    if not outputs:
        return
    counters.evaluations += 1
    groups = fusion.partition(outputs)
    groups.reverse()
    while groups:   # popped, so a group's intermediate buffers are freed after their last use
        run_group(groups.pop())


def run_group(group: fusion.Group) -> None:
    root = group.root
    for node in group.nodes:
        if node.op == GATHER:
            bounds.check_gather(node)
    out = np.empty(root.shape, root.dtype)
    if out.size:
        p = kernels.plan(group)
        kernel = kernel_for(group, p)
        kernel([kernels.leaf_array(leaf) for leaf in p.leaves] + [out],
               np.array(p.params, dtype=np.int64))
    root.realize(out)
