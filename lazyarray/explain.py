"""``lazyarray.explain(x)``: what evaluating ``x`` would run, without running it.

For the pending graph behind ``x`` it prints the nodes, the fusion groups,
and for each group its kernel: the structural key, the ``codegen.Compute``,
the schedule and where it came from (the ``default`` heuristic or ``tuned
(db)``, see ``codegen.tune.resolve``), the loop-nest IR and, with
``llvm=True``, the LLVM IR.
"""
from __future__ import annotations

import io

import codegen.tune
from codegen import expr as E
from codegen.backends.llvm import render
from codegen.ir import to_str as ir_str
from codegen.lower import lower_steps

from . import fusion, kernels
from .array import ndarray
from .graph import Node


def _describe(node: Node, names: dict[int, str]) -> str:
    srcs = ", ".join(names.get(id(s), f"<{s.op} {s.dtype} {s.shape}>") for s in node.srcs)
    return f"{node.op}[{node.arg}]({srcs}) -> {node.dtype}{list(node.shape)}"


def explain(x: ndarray, llvm: bool = False, file: io.TextIOBase | None = None) -> str:
    """Print (and return) the graph, fusion groups, IR and schedule of ``x``."""
    out = io.StringIO()
    node = x._node
    if not node.pending:
        out.write(f"computed: {node.op} {node.dtype} {node.shape}; nothing to run\n")
    else:
        order = fusion.pending_order([node])
        names = {id(n): f"%{k}" for k, n in enumerate(order)}
        out.write("graph:\n")
        for n in order:
            out.write(f"  {names[id(n)]} = {_describe(n, names)}\n")
        groups = fusion.partition([node], mark=False)
        out.write(f"{len(groups)} kernel(s)\n")
        for k, group in enumerate(groups):
            p = kernels.plan(group)
            compute = kernels.to_compute(group, p, name=f"kernel{k}")
            chosen = codegen.tune.resolve(compute, build=False)
            steps = lower_steps(compute, chosen.schedule)
            stmt = steps[0][1]     # before math expansion, which is long and unreadable
            members = " ".join(names[id(n)] for n in group.nodes)
            out.write(f"\nkernel {k}: root {names[id(group.root)]}, fuses {members}, "
                      f"{'flat' if p.flat else 'n-d'} domain {list(p.domain)}\n")
            out.write(f"  body: {E.to_str(compute.body)}\n")
            out.write(f"  schedule: {chosen.source}: {chosen.schedule!r}\n")
            out.write(f"  loop nest (then: {', '.join(name for name, _ in steps[1:])}):\n"
                      + ir_str(stmt, 2))
            if llvm:
                out.write(render(compute, steps[-1][1], f"kernel{k}"))
    text = out.getvalue()
    print(text, end="", file=file)
    return text
