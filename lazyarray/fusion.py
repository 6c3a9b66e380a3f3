"""Partition a pending graph into fusion groups, one kernel each.

A group is a *root* node and the pending nodes it computes inline; its
*leaves* are computed values (buffers, scalars) or the roots of groups that
run before it.  Roots are:

* the requested outputs;
* every reduction (a kernel ends where values are folded; its element-wise
  producers are fused into it, its consumers read its small result), except
  a *staged* one: a reduction over the innermost axes whose result only one
  kernel reads, broadcast back over the points it was folded from (the
  maximum and sum in softmax, the mean in ``x - x.mean(-1, keepdims=True)``).
  That kernel computes it per row as a stage (``codegen.Stage``) before its
  own body, re-reading the row from cache: softmax and layernorm are one
  pass over memory.  Rows must be short enough to stay in cache
  (``STAGE_MAX_ROW`` elements) and many enough to share among threads
  (``STAGE_MIN_ROWS``);
* every scan (its element-wise producers fuse into it);
* the index sources of a ``GATHER`` (their values are range-checked before
  the gathering kernel runs; the gathered source itself fuses);
* a pending node that an earlier evaluation already computed inline and
  that new work reads (it is still wanted, e.g. held by a variable across
  loop iterations: it is stored this time, so no value is recomputed more
  than twice).  The earlier inline members behind it are computed in its
  kernel, not as kernels of their own;
* a pending node that kernels of two different roots need, or that one
  kernel reads at several different indices (through a view, a reshape or
  as an update's value, next to another use: a stencil of a pending array),
  unless recomputing it is cheaper than a round trip through memory.
  Recomputing is chosen when the node is a view of computed data (a
  ``REINDEX`` of a leaf) or a single cheap element-wise op (no
  transcendental function) on such data: one extra arithmetic op per element
  costs less than writing and reading back a whole array.  (Inlining a node
  read at k indices would compute it k times per element, and a chain of
  such steps k**depth times.)

Within a group, a node used several times is computed once per element
(the code generator shares equal subexpressions).
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field

from .graph import GATHER, MAP, REDUCE, REINDEX, RESHAPE, SCAN, UPDATE, Node

COSTLY = frozenset({
    "sqrt", "exp", "log", "sin", "cos", "div",
    "tan", "exp2", "expm1", "log2", "log10", "log1p", "arcsin", "arccos", "arctan", "sinh",
    "cosh", "tanh", "arcsinh", "arccosh", "arctanh", "hypot", "arctan2", "logaddexp",
    "logaddexp2",
    "floordiv", "remainder", "fmod", "pow", "gcd", "lcm", "nextafter", "spacing", "ldexp"})


#: longest row (elements of a staged reduction's folded axes) re-read from cache
STAGE_MAX_ROW = 1 << 16
#: fewest rows for which a reduction is staged (fewer: threads would idle)
STAGE_MIN_ROWS = 8


@dataclass
class Group:
    root: Node
    nodes: list[Node] = field(default_factory=list)   # members, sources first, root last
    leaves: list[Node] = field(default_factory=list)  # inputs, in first-use order


def pending_order(outputs: list[Node]) -> list[Node]:
    """Pending nodes reachable from ``outputs``, every node after its sources."""
    order: list[Node] = []
    seen: set[int] = set()
    for out in outputs:
        if not out.pending or id(out) in seen:
            continue
        stack = [(out, False)]
        while stack:
            node, expanded = stack.pop()
            if expanded:
                order.append(node)
                continue
            if id(node) in seen:
                continue
            seen.add(id(node))
            stack.append((node, True))
            for src in node.srcs:
                if src.pending and id(src) not in seen:
                    stack.append((src, False))
    return order


def _is_view_of_leaf(node: Node) -> bool:
    return not node.pending or (node.op == REINDEX and not node.srcs[0].pending)


def _cheap_to_recompute(node: Node) -> bool:
    if node.op == REINDEX:
        return not node.srcs[0].pending
    return node.op == MAP and node.arg not in COSTLY and all(_is_view_of_leaf(s) for s in node.srcs)


def _reads_elsewhere(consumer: Node, src: Node) -> bool:
    """Whether ``consumer`` reads ``src`` at indices other than its own point."""
    if consumer.op == REINDEX:
        terms, offsets = consumer.arg
        return offsets is not None or any(terms)
    return consumer.op == RESHAPE or consumer.op == GATHER or \
        (consumer.op == UPDATE and consumer.srcs[1] is src)


def partition(outputs: list[Node], mark: bool = True,
              order: list[Node] | None = None) -> list[Group]:
    """Fusion groups for the pending work behind ``outputs``, in run order
    (``mark``: record their members as computed inline, for the next one;
    ``order``: ``pending_order(outputs)`` when the caller has it)."""
    if order is None:
        order = pending_order(outputs)
    consumers: dict[int, list[Node]] = {}
    for node in order:
        for src in node.srcs:
            consumers.setdefault(id(src), []).append(node)
    roots = {id(n) for n in outputs if n.pending}
    roots.update(id(n) for n in order if n.op == SCAN)
    roots.update(id(n) for n in order if n.inlined and any(
        not c.inlined for c in consumers.get(id(n), ())))
    roots.update(id(s) for n in order if n.op == GATHER for s in n.srcs[1:] if s.pending)
    owners: dict[int, frozenset] = {}
    staged: dict[int, tuple] = {}    # root id -> the axes its stages fold
    for node in reversed(order):
        if id(node) in roots:
            owners[id(node)] = frozenset((id(node),))
            continue
        users = consumers.get(id(node), ())
        owned = frozenset().union(*(owners[id(c)] for c in users))
        if node.op == REDUCE:
            root = _by_id(order, owned) if len(owned) == 1 else None
            if root is None or not _stageable(node, root, owners, staged):
                roots.add(id(node))
                owned = frozenset((id(node),))
            owners[id(node)] = owned
            continue
        shared = len(owned) > 1 or (len(users) > 1 and any(_reads_elsewhere(c, node) for c in users))
        if shared and not _cheap_to_recompute(node):
            roots.add(id(node))
            owned = frozenset((id(node),))
        owners[id(node)] = owned
    groups = [_collect(node, roots) for node in order if id(node) in roots]
    if mark:
        for group in groups:
            for node in group.nodes:
                node.inlined = True
    return groups


def _by_id(order: list[Node], owned: frozenset) -> Node:
    (wanted,) = owned
    return next(n for n in reversed(order) if id(n) == wanted)   # roots come late


def _domain(root: Node) -> tuple[tuple, tuple]:
    """The loop extents of a root's kernel and the axes it folds."""
    return (root.srcs[0].shape, root.arg[1]) if root.op == REDUCE else (root.shape, ())


def _stageable(red: Node, root: Node, owners: dict, staged: dict) -> bool:
    """Whether reduction ``red`` can run as a stage of ``root``'s kernel: it
    folds the innermost axes of a source shaped as the kernel's domain, every
    other stage of that kernel (and a reducing root) folds the same axes, the
    sizes suit (see the module) and ``root`` reads it only broadcast back,
    through element-wise ops and index maps, at the point's own row."""
    shape, root_axes = _domain(root)
    axes = red.arg[1]
    n = len(shape)
    if red.srcs[0].shape != shape or axes != tuple(range(n - len(axes), n)) or \
            staged.get(id(root), root_axes or axes) != axes:
        return False
    rows = math.prod(shape[:n - len(axes)])
    if n == len(axes) or rows < STAGE_MIN_ROWS or math.prod(shape) > rows * STAGE_MAX_ROW:
        return False
    if not _read_at_row(root, red, n - len(axes), owners):
        return False
    staged[id(root)] = axes
    return True


def _read_at_row(root: Node, red: Node, outer: int, owners: dict) -> bool:
    """Whether every read of ``red`` in ``root``'s kernel is at the point's row:
    index maps are composed from the root down; an index is a tuple, per
    dimension, of ``(domain axis, step)`` terms, or None once it is offset."""
    group = owners[id(root)]
    ident = tuple(((d, 1),) for d in range(len(_domain(root)[0])))
    stack: list[tuple[Node, tuple | None]] = [(root.srcs[0] if root.op == REDUCE else root, ident)]
    seen: set = set()
    while stack:
        node, index = stack.pop()
        if node is red:
            if index != ident[:outer]:
                return False
            continue
        if (id(node), index) in seen or node is not root and owners.get(id(node)) != group:
            continue   # a leaf, another kernel's root, or behind ``red`` in the order
        seen.add((id(node), index))
        if node.op == MAP:
            stack.extend((s, index if s.shape else ()) for s in node.srcs)
        elif node.op == REINDEX:
            terms, offsets = node.arg
            moved = None if index is None or offsets is not None else tuple(
                tuple(_compose(index, dim_terms)) for dim_terms in terms)
            stack.append((node.srcs[0], moved))
        elif node.op == REDUCE and node is not root:
            stack.append((node.srcs[0], None if index is None else
                          index + ident[len(index):len(index) + len(node.arg[1])]))
        elif _reaches(node, red):
            return False
    return True


def _compose(index: tuple, dim_terms: tuple) -> list:
    """The terms of ``sum(step * index[d])`` (steps of equal axes added)."""
    steps: dict[int, int] = {}
    for d, step in dim_terms:
        for axis, inner in index[d]:
            steps[axis] = steps.get(axis, 0) + step * inner
    return sorted((axis, step) for axis, step in steps.items() if step)


def _reaches(node: Node, target: Node) -> bool:
    stack, seen = [node], set()
    while stack:
        n = stack.pop()
        if n is target:
            return True
        if id(n) not in seen:
            seen.add(id(n))
            stack.extend(s for s in n.srcs if s.pending)
    return False


def _collect(root: Node, roots: set[int]) -> Group:
    """The members (sources first) and leaves of the group headed by ``root``."""
    group = Group(root)
    visited: set[int] = set()
    leaf_ids: set[int] = set()
    stack = [(root, False)]
    while stack:
        node, expanded = stack.pop()
        if expanded:
            group.nodes.append(node)
            continue
        if id(node) in visited:
            continue
        visited.add(id(node))
        stack.append((node, True))
        for src in node.srcs:
            if src.pending and id(src) not in roots:
                if id(src) not in visited:
                    stack.append((src, False))
            elif id(src) not in leaf_ids:
                leaf_ids.add(id(src))
                group.leaves.append(src)
    return group
