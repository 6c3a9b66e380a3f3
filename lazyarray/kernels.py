"""A fusion group as a kernel: its structural key, run-time parameters, and
its ``codegen.Compute``.

The key names what changes the generated code (ops, dtypes, ranks, which
dimensions broadcast, view steps) and nothing else: sizes and view offsets
are run-time parameters, so a loop whose sizes change does not recompile.

Parameter layout (int64): the domain extents, then each leaf's dimensions
(in leaf order, when leaves are indexed by their own shapes), then each
node's own parameters in node order (``_node_params``: view offsets, update
regions, reshape shapes, a gather's source sizes along its indexed axes).

A group is *flat* when every leaf is read at the point being computed in
row-major order (no view other than broadcasting a single element, no
update; reshapes keep the order): its domain then collapses to one loop
(element-wise) or to alternating runs of kept and reduced dimensions
(reductions), and leaves are read at the linear index.
"""
from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass

import numpy as np

import codegen
from codegen import expr as E

from .fusion import COSTLY, Group
from .graph import (BUFFER, CONST, GATHER, MAP, MAP_FUNCTIONS, REDUCE, REINDEX, RESHAPE,
                    SCAN, UPDATE, Node)


@dataclass
class Plan:
    """What a group needs to find, build and launch its kernel."""

    key: tuple
    leaves: list[Node]
    params: list[int]
    domain: tuple[int, ...]           # extents of the kernel's loops
    reduced: tuple[bool, ...]         # which of them are reduction loops
    flat: bool
    leaf_param_base: list[int]        # first parameter of each leaf's dims (-1: none)
    node_param_base: dict[int, int]   # node position -> its first own parameter


def _is_broadcast_of_element(node: Node) -> bool:
    terms, offsets = node.arg
    return offsets is None and not any(terms)


def _flat_compatible(node: Node) -> bool:
    if node.op == REINDEX:
        return _is_broadcast_of_element(node)
    return node.op != UPDATE and node.op != GATHER and node.op != SCAN


def _node_params(node: Node) -> tuple | None:
    """The run-time parameters a node adds (None: none)."""
    if node.op == REINDEX:
        return node.arg[1]
    if node.op == UPDATE:
        return node.arg[1] + node.arg[2]
    if node.op == RESHAPE:
        return node.srcs[0].shape + node.shape
    if node.op == GATHER:
        return tuple(node.srcs[0].shape[a] for a in node.arg[0])
    return None


def _key_arg(node: Node) -> object:
    """The part of a node's argument that changes the generated code."""
    if node.op == REINDEX:
        return (node.arg[0], node.arg[1] is None)
    if node.op == UPDATE:
        return (node.arg[0], len(node.arg[2]))
    if node.op == RESHAPE:
        return (len(node.srcs[0].shape), len(node.shape))
    if node.op == GATHER:
        return node.arg[:3] + (tuple(tuple(n == 1 for n in s.shape) for s in node.srcs[1:]),)
    return node.arg


def _domain(group: Group, flat: bool) -> tuple[tuple[int, ...], tuple[bool, ...]]:
    root = group.root
    if root.op != REDUCE:
        return ((math.prod(root.shape),) if flat else root.shape), (False,) * (1 if flat else len(root.shape))
    src_shape = root.srcs[0].shape
    axes = root.arg[1]
    flags = tuple(k in axes for k in range(len(src_shape)))
    if not flat:
        return src_shape, flags
    extents: list[int] = []
    runs: list[bool] = []
    for n, red in zip(src_shape, flags):
        if runs and runs[-1] == red:
            extents[-1] *= n
        else:
            extents.append(n)
            runs.append(red)
    return tuple(extents), tuple(runs)


def plan(group: Group) -> Plan:
    """Key and launch parameters of a group (cheap: runs at every evaluation)."""
    pos = {id(n): k for k, n in enumerate(group.leaves)}
    base = len(group.leaves)
    for k, n in enumerate(group.nodes):
        pos[id(n)] = base + k
    flat = all(_flat_compatible(n) for n in group.nodes) and \
        not any(n.op == REDUCE for n in group.nodes[:-1])   # stages need rows
    domain, reduced = _domain(group, flat)
    params = list(domain)
    leaf_param_base = []
    entries: list[tuple] = [("flat" if flat else "nd", reduced)]
    for leaf in group.leaves:
        entries.append(("L", leaf.op == CONST, leaf.dtype.str, len(leaf.shape)))
        if flat or not leaf.shape:
            leaf_param_base.append(-1)
        else:
            leaf_param_base.append(len(params))
            params.extend(leaf.shape)
    node_param_base: dict[int, int] = {}
    for k, node in enumerate(group.nodes):
        entries.append((node.op, _key_arg(node), node.dtype.str,
                        tuple(pos[id(s)] for s in node.srcs)))
        own = _node_params(node)
        if own is not None:
            node_param_base[base + k] = len(params)
            params.extend(own)
    return Plan(tuple(entries), list(group.leaves), params, domain, reduced, flat,
                leaf_param_base, node_param_base)


def _row_major(idx: list[E.Expr], extents: list[E.Expr]) -> E.Expr:
    linear: E.Expr = E.const(0)
    for i, n in zip(idx, extents):
        linear = linear * n + i
    return E.simplify(linear)


class _Translator:
    """Builds the expression of each group node at an index (a class, not
    closures: recursive closures form reference cycles that keep arrays alive)."""

    def __init__(self, group: Group, p: Plan, axis_vars: list, extents: list):
        self.p = p
        self.axis_vars, self.extents = axis_vars, extents
        self.stages: list[codegen.Stage] = []
        self.kept: Node | None = None       # the costly node the last stage stores
        self.out_index: E.Expr | None = None
        self.leaf_index = {id(n): k for k, n in enumerate(p.leaves)}
        self.node_pos = {id(n): len(p.leaves) + k for k, n in enumerate(group.nodes)}
        self.memo: dict[tuple, E.Expr] = {}

    def value(self, node: Node, idx: tuple) -> E.Expr:
        key = (id(node), idx)
        if key not in self.memo:
            if node is self.kept and idx == tuple(self.axis_vars):
                return E.load(len(self.p.leaves), self.out_index, node.dtype)
            self.memo[key] = self._value(node, idx)
        return self.memo[key]

    def keep(self, root: Node, members: set) -> None:
        """Let the last stage store, for the element-wise ``root``, the first
        costly node of its dtype that both that stage and the body compute at
        the same point (softmax's ``exp(x - max)``): the body reads it back
        from the output row in cache instead of computing it again."""
        last = self.stages[-1]
        at = tuple(self.axis_vars[:len(self.axis_vars) - len(last.axes)]) + \
            tuple(E.var(a.name) for a in last.axes)
        stack, seen = [root], set()
        while stack:
            node = stack.pop()
            if id(node) in seen or id(node) not in members:
                continue
            seen.add(id(node))
            expr = self.memo.get((id(node), at))
            if expr is not None and node.op == MAP and node.arg in COSTLY and \
                    node.dtype == root.dtype and node is not root:
                self.kept = node
                self.out_index = _row_major(self.axis_vars, self.extents)
                self.stages[-1] = dataclasses.replace(last, keep=expr)
                return
            if node.op == MAP:
                stack.extend(node.srcs)

    def _value(self, node: Node, idx: tuple) -> E.Expr:
        p = self.p
        if id(node) in self.leaf_index:
            k = self.leaf_index[id(node)]
            if not node.shape:
                return E.load(k, E.const(0), node.dtype)
            if idx[0] == "linear":
                return E.load(k, idx[1], node.dtype)
            b = p.leaf_param_base[k]
            dims = [E.param(b + j) for j in range(len(node.shape))]
            return E.load(k, _row_major(list(idx), dims), node.dtype)
        if node.op == MAP:
            if node.arg not in MAP_FUNCTIONS:
                raise AssertionError(f"unknown scalar function {node.arg!r}")
            srcs = [self.value(s, idx) for s in node.srcs]
            if node.arg == "cast":
                return E.cast(srcs[0], node.dtype)
            if node.arg == "bitcast":
                return E.bitcast(srcs[0], node.dtype)
            if node.arg == "select":
                return E.select(*srcs)
            if len(srcs) == 1:
                return E.unary(node.arg, srcs[0])
            return E.binary(node.arg, srcs[0], srcs[1])
        if node.op == REINDEX:
            terms, offsets = node.arg
            base = p.node_param_base.get(self.node_pos[id(node)])
            src_idx = []
            for k, dim_terms in enumerate(terms):
                term: E.Expr = E.const(0)
                for d, step in dim_terms:
                    term = term + idx[d] * step
                if base is not None:
                    term = term + E.param(base + k)
                src_idx.append(E.simplify(term))
            return self.value(node.srcs[0], tuple(src_idx))
        if node.op == RESHAPE:
            return self._reshape(node, idx)
        if node.op == UPDATE:
            return self._update(node, idx)
        if node.op == GATHER:
            return self._gather(node, idx)
        if node.op == REDUCE:
            return self._stage(node, idx)
        raise AssertionError(f"unexpected node in a group body: {node}")

    def _reshape(self, node: Node, idx: tuple) -> E.Expr:
        src = node.srcs[0]
        if idx[0] == "linear" or id(src) in self.leaf_index:
            # row-major order is unchanged: read the source at the same linear index
            if idx[0] != "linear":
                base = self.p.node_param_base[self.node_pos[id(node)]] + len(src.shape)
                out_dims = [E.param(base + j) for j in range(len(node.shape))]
                idx = ("linear", _row_major(list(idx), out_dims))
            return self.value(src, idx)
        base = self.p.node_param_base[self.node_pos[id(node)]]
        src_dims = [E.param(base + j) for j in range(len(src.shape))]
        out_dims = [E.param(base + len(src.shape) + j) for j in range(len(node.shape))]
        linear = _row_major(list(idx), out_dims)
        src_idx = []
        for k in range(len(src_dims)):
            inner: E.Expr = E.const(1)
            for n in src_dims[k + 1:]:
                inner = inner * n
            src_idx.append(E.simplify((linear // inner) % src_dims[k]))
        return self.value(src, tuple(src_idx))

    def _update(self, node: Node, idx: tuple) -> E.Expr:
        """``select(idx in region, value[region index], old[idx])``; the value is
        read at a clamped index, so lanes outside the region stay in bounds."""
        old, value = node.srcs
        terms, _, region = node.arg
        base = self.p.node_param_base[self.node_pos[id(node)]]
        offsets = [E.param(base + k) for k in range(len(terms))]
        extents = [E.param(base + len(terms) + d) for d in range(len(region))]
        conds: list[E.Expr] = []
        ridx: list[E.Expr | None] = [None] * len(region)
        for k, dim_terms in enumerate(terms):
            t = E.simplify(idx[k] - offsets[k])
            if not dim_terms:
                conds.append(E.binary("eq", t, E.const(0)))
                continue
            (d, step), = dim_terms
            if step == 1:
                q = t
            elif step == -1:
                q = E.simplify(E.const(0) - t)
            else:
                conds.append(E.binary("eq", t % E.const(step), E.const(0)))
                q = E.simplify(t // E.const(step))
            conds.append(E.binary("ge", q, E.const(0)))
            conds.append(E.binary("lt", q, extents[d]))
            if ridx[d] is not None:
                conds.append(E.binary("eq", ridx[d], q))
            ridx[d] = q
        inside = conds[0] if conds else E.const(True, E.BOOL)   # a 0-d base: all of it
        for c in conds[1:]:
            inside = E.binary("and", inside, c)
        clamped = tuple(E.const(0) if q is None else
                        E.binary("min", E.binary("max", q, E.const(0)), extents[d] - 1)
                        for d, q in enumerate(ridx))
        new = self.value(value, clamped) if value.shape else self.value(value, ())
        return E.select(inside, new, self.value(old, idx))


    def _stage(self, node: Node, idx: tuple) -> E.Expr:
        """A reduction member: a stage folding the innermost axes per row
        (``fusion`` checked that it is read at the row's own index)."""
        outer = len(node.shape)
        if idx != tuple(self.axis_vars[:outer]):
            raise AssertionError(f"a staged reduction read at {idx}")
        name = f"st{len(self.stages)}"
        names = [f"{name}_i{k}" for k in range(outer, len(self.axis_vars))]
        body = self.value(node.srcs[0], idx + tuple(E.var(v) for v in names))
        axes = tuple(codegen.Axis(v, n, True) for v, n in zip(names, self.extents[outer:]))
        self.stages.append(codegen.Stage(name, node.dtype, node.arg[0], axes, body))
        return E.local(name, node.dtype)

    def _gather(self, node: Node, idx: tuple) -> E.Expr:
        """The source at the loaded indices, brought into range by the node's
        mode (``raise``: indices were checked before launch, negatives wrap)."""
        src, *indices = node.srcs
        axes, rest, mode, _ = node.arg
        base = self.p.node_param_base[self.node_pos[id(node)]]
        src_idx: list = [None] * len(src.shape)
        for k, d in zip((k for k in range(len(src.shape)) if k not in axes), rest):
            src_idx[k] = idx[d]
        zero = E.const(0)
        for j, (axis, index) in enumerate(zip(axes, indices)):
            at = tuple(zero if n == 1 else idx[d] for d, n in enumerate(index.shape))
            v = E.cast(self.value(index, at), E.INDEX)
            n = E.param(base + j)
            negative = E.binary("lt", v, zero)
            if mode == "clip":
                v = E.binary("min", E.binary("max", v, zero), n - 1)
            elif mode == "wrap":
                v = E.select(negative, n - 1 - (E.const(-1) - v) % n, v % n)
            else:
                v = E.select(negative, v + n, v)
            src_idx[axis] = v
        return self.value(src, tuple(src_idx))


def to_compute(group: Group, p: Plan, name: str = "fused") -> codegen.Compute:
    """The group's algorithm as a ``codegen.Compute`` (built on a cache miss)."""
    ndom = len(p.domain)
    axis_vars = [E.var(f"i{k}") for k in range(ndom)]
    extents = [E.param(k) for k in range(ndom)]
    axes = tuple(codegen.Axis(f"i{k}", extents[k], p.reduced[k]) for k in range(ndom))
    root = group.root
    body_node = root.srcs[0] if root.op in (REDUCE, SCAN) else root
    index: tuple = ("linear", _row_major(axis_vars, extents)) if p.flat else tuple(axis_vars)
    translator = _Translator(group, p, axis_vars, extents)
    members = {id(n) for n in group.nodes}
    for node in group.nodes[:-1]:
        if node.op == REDUCE:    # stages first, in order
            translator.value(node, tuple(axis_vars[:len(node.shape)]))
    if translator.stages and root.op != REDUCE:
        translator.keep(root, members)
    body = translator.value(body_node, index)
    stages = tuple(translator.stages)
    kept = [k for k in range(ndom) if not p.reduced[k]]
    out_index = _row_major([axis_vars[k] for k in kept], [extents[k] for k in kept])
    return codegen.Compute(
        name, tuple(leaf.dtype for leaf in p.leaves), root.dtype, axes, body, out_index,
        len(p.params), root.arg[0] if root.op in (REDUCE, SCAN) else None, stages,
        ndom - len(stages[0].axes) if stages else 0,
        f"i{root.arg[1]}" if root.op == SCAN else None)


def leaf_array(node: Node) -> np.ndarray:
    """The array a leaf passes to the kernel."""
    if node.op == BUFFER:
        return node.buffer
    return np.asarray(node.arg, dtype=node.dtype)
