"""The lazy graph: meta-op nodes and their shape/dtype rules.

Every array value is a ``Node``:

* ``BUFFER``  a computed value: ``buffer`` holds a C-contiguous NumPy array;
* ``CONST``   a scalar (``arg``) of ``dtype``, shape ``()``;
* ``MAP``     element-wise scalar function ``arg`` of same-shape sources;
* ``REINDEX`` one-to-many: output element ``i`` reads source element
  ``(i[d_k] * step_k + offset_k)_k``; ``arg = (dims, offsets)`` with one
  ``(d_k, step_k)`` per source dimension (``d_k = -1``: the index is just
  the offset, e.g. a broadcast size-1 dimension) and ``offsets`` a tuple of
  ints or None when all are zero;
* ``REDUCE``  many-to-one: ``arg = (combiner, axes)`` folds the source over
  ``axes``, which the output drops.

Nodes are mutable in one way only: evaluation turns a node into a BUFFER in
place (``realize``) and drops its sources, which cuts the graph there.
"""
from __future__ import annotations

import numpy as np

BUFFER, CONST, MAP, REINDEX, REDUCE = "buffer", "const", "map", "reindex", "reduce"

#: scalar functions a MAP may apply (names of codegen expression ops, plus
#: ``cast`` to the node's dtype and ``select(cond, a, b)``).
MAP_FUNCTIONS = frozenset({
    "add", "sub", "mul", "div", "max", "min", "and", "or", "xor",
    "lt", "le", "gt", "ge", "eq", "ne",
    "neg", "abs", "sqrt", "exp", "log", "sin", "cos", "not", "invert",
    "cast", "select",
})
COMBINERS = frozenset({"add", "mul", "max", "min", "and", "or"})


class Node:
    __slots__ = ("op", "dtype", "shape", "srcs", "arg", "buffer", "depth", "__weakref__")

    def __init__(self, op: str, dtype: np.dtype, shape: tuple, srcs: tuple = (),
                 arg: object = None, buffer: np.ndarray | None = None):
        self.op = op
        self.dtype = dtype
        self.shape = shape
        self.srcs = srcs
        self.arg = arg
        self.buffer = buffer
        self.depth = 1 + max([s.depth for s in srcs]) if srcs else 0

    @property
    def pending(self) -> bool:
        return self.op != BUFFER and self.op != CONST

    def realize(self, buffer: np.ndarray) -> None:
        """Replace this node's definition by its computed value."""
        self.op, self.buffer, self.srcs, self.arg, self.depth = BUFFER, buffer, (), None, 0

    def __repr__(self) -> str:
        return f"Node({self.op}, {self.dtype}, {self.shape}, arg={self.arg!r})"


def buffer_node(array: np.ndarray) -> Node:
    """A node for a C-contiguous array that lazyarray owns."""
    return Node(BUFFER, array.dtype, array.shape, buffer=array)


def const_node(value: object, dtype: np.dtype) -> Node:
    """A scalar constant; ``value`` is converted as NumPy converts it
    (an out-of-range Python int raises OverflowError)."""
    return Node(CONST, dtype, (), arg=np.asarray(value, dtype=dtype).item())


def map_node(fn: str, srcs: tuple[Node, ...], dtype: np.dtype) -> Node:
    return Node(MAP, dtype, srcs[0].shape, srcs, fn)


def cast(node: Node, dtype: np.dtype) -> Node:
    """``node`` converted to ``dtype`` (itself when already of that dtype)."""
    if node.dtype == dtype:
        return node
    if node.op == CONST:
        return Node(CONST, dtype, (), arg=np.asarray(node.arg, node.dtype).astype(dtype).item())
    return Node(MAP, dtype, node.shape, (node,), "cast")


def reindex(node: Node, shape: tuple, dims: tuple, offsets: tuple | None = None) -> Node:
    return Node(REINDEX, node.dtype, shape, (node,), (dims, offsets))


def broadcast_to(node: Node, shape: tuple) -> Node:
    """``node`` broadcast to ``shape`` (shapes already checked compatible)."""
    if node.shape == shape:
        return node
    lead = len(shape) - len(node.shape)
    dims = tuple((lead + k, 1) if n == shape[lead + k] else (-1, 0)
                 for k, n in enumerate(node.shape))
    return reindex(node, shape, dims)


def transpose(node: Node, axes: tuple[int, ...]) -> Node:
    """Output dimension ``j`` is source dimension ``axes[j]``."""
    dims = [None] * len(axes)
    for j, k in enumerate(axes):
        dims[k] = (j, 1)
    return reindex(node, tuple(node.shape[k] for k in axes), tuple(dims))


def expand_dims(node: Node, axes: tuple[int, ...]) -> Node:
    """Insert size-1 dimensions at the (normalized, sorted) output positions ``axes``."""
    ndim = len(node.shape) + len(axes)
    kept = [j for j in range(ndim) if j not in axes]
    shape = [1] * ndim
    for k, j in enumerate(kept):
        shape[j] = node.shape[k]
    return reindex(node, tuple(shape), tuple((j, 1) for j in kept))


def reduce(node: Node, combiner: str, axes: tuple[int, ...]) -> Node:
    shape = tuple(n for k, n in enumerate(node.shape) if k not in axes)
    return Node(REDUCE, node.dtype, shape, (node,), (combiner, axes))
