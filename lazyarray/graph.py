"""The lazy graph: meta-op nodes and their shape/dtype rules.

Every array value is a ``Node``:

* ``BUFFER``  a computed value: ``buffer`` holds a C-contiguous NumPy array;
* ``CONST``   a scalar (``arg``) of ``dtype``, shape ``()``;
* ``MAP``     element-wise scalar function ``arg`` of sources of its shape
  or of shape ``()`` (a 0-d source is broadcast implicitly);
* ``REINDEX`` one-to-many: output element ``i`` reads the source element whose
  index along source dimension ``k`` is ``offset_k + sum(step * i[d] for d,
  step in terms_k)``; ``arg = (terms, offsets)`` with one tuple of
  ``(d, step)`` terms per source dimension (empty: the index is just the
  offset, e.g. a broadcast size-1 dimension) and ``offsets`` a tuple of ints,
  or None when all are zero;
* ``RESHAPE`` the source's elements in row-major order, in a new shape;
* ``UPDATE``  the first source (old contents) with the region that
  ``arg = (terms, offsets, region)`` selects replaced by the second source
  (shape ``region``, or ``()`` for one value): the write ``x[view] = value``.
  Every source dimension has at most one term; the region's element ``r``
  lands at source index ``offset_k + step * r[d]``;
* ``REDUCE``  many-to-one: ``arg = (combiner, axes)`` folds the source over
  ``axes``, which the output drops;
* ``SCAN``    a running fold along one axis: ``arg = (combiner, axis)``;
  output element ``k`` along ``axis`` combines the source's elements ``0..k``
  in order (``cumsum``, ``cumprod``);
* ``GATHER``  data-dependent reads (advanced indexing, ``take``): sources
  ``(src, index_0, ..., index_m-1)``, ``arg = (axes, rest, mode, site)``.
  Output element ``i`` reads ``src`` at index ``index_j[i]`` (an integer
  node of the output's rank whose size-1 dimensions broadcast) along source
  dimension ``axes[j]``, and at ``i[rest[k]]`` along the ``k``-th other
  source dimension.  ``mode`` maps an index into range as ``numpy.take``
  does: ``"raise"`` (negative indices count from the end; the values are
  checked before the kernel runs, ``IndexError`` naming ``site``, the user's
  ``(file, line, axis numbers for the message)``, or None when they were
  checked when the op was built),
  ``"wrap"`` or ``"clip"``.  Index sources are always computed before the
  kernel that gathers (they are fusion roots).

Nodes are mutable in one way only: evaluation turns a node into a BUFFER in
place (``realize``) and drops its sources, which cuts the graph there.
"""
from __future__ import annotations

import math

import numpy as np

from codegen.expr import UFUNC_BINARY, UFUNC_UNARY

from .stats import TRACK_MIN_BYTES, track

BUFFER, CONST, MAP, REINDEX, REDUCE = "buffer", "const", "map", "reindex", "reduce"
RESHAPE, UPDATE = "reshape", "update"
GATHER, SCAN = "gather", "scan"

#: scalar functions a MAP may apply (names of codegen expression ops, plus
#: ``cast`` to the node's dtype, ``bitcast`` (the same bits read as the node's
#: dtype, of the same size) and ``select(cond, a, b)``).
MAP_FUNCTIONS = frozenset({
    "add", "sub", "mul", "div", "max", "min", "and", "or", "xor",
    "lt", "le", "gt", "ge", "eq", "ne",
    "neg", "abs", "sqrt", "exp", "log", "sin", "cos", "not", "invert",
    "cast", "bitcast", "select",
    # transcendental (codegen.mathfuncs_derived)
    "tan", "exp2", "expm1", "log2", "log10", "log1p", "arcsin", "arccos", "arctan", "sinh",
    "cosh", "tanh", "arcsinh", "arccosh", "arctanh", "deg2rad", "rad2deg",
    "hypot", "arctan2", "logaddexp", "logaddexp2",
    "floor", "rint",
    "real", "imag", "conj",          # complex parts (codegen.passes.split_complex)
}) | frozenset(UFUNC_UNARY) | frozenset(UFUNC_BINARY)   # NumPy-semantics scalar functions


class Node:
    """A graph node; build it with ``new_node()`` or the constructors below."""

    __slots__ = ("op", "dtype", "shape", "srcs", "arg", "buffer", "depth", "inlined",
                 "__weakref__")

    @property
    def pending(self) -> bool:
        return self.op != BUFFER and self.op != CONST

    def realize(self, buffer: np.ndarray) -> None:
        """Replace this node's definition by its computed value."""
        if buffer.nbytes >= TRACK_MIN_BYTES and buffer.base is None:
            track(buffer)
        self.op, self.buffer, self.srcs, self.arg, self.depth = BUFFER, buffer, (), None, 0

    def __repr__(self) -> str:
        return f"Node({self.op}, {self.dtype}, {self.shape}, arg={self.arg!r})"


_new = object.__new__


def new_node(op: str, dtype: np.dtype, shape: tuple, srcs: tuple, arg: object) -> Node:
    """A pending node (this is on every op's hot path: keep it lean)."""
    n = _new(Node)
    n.op = op
    n.dtype = dtype
    n.shape = shape
    n.srcs = srcs
    n.arg = arg
    n.buffer = None
    n.inlined = False
    depth = 0
    for src in srcs:
        if src.depth >= depth:
            depth = src.depth + 1
    n.depth = depth
    return n


def map2(dtype: np.dtype, shape: tuple, a: Node, b: Node, fn: str) -> Node:
    """``new_node(MAP, dtype, shape, (a, b), fn)``, unrolled for the
    operators' hot path."""
    n = _new(Node)
    n.op = MAP
    n.dtype = dtype
    n.shape = shape
    n.srcs = (a, b)
    n.arg = fn
    n.buffer = None
    n.inlined = False
    da, db = a.depth, b.depth
    n.depth = (da if da > db else db) + 1
    return n


def buffer_node(array: np.ndarray) -> Node:
    """A node for a C-contiguous array that nothing writes to: lazyarray's
    own, or a NumPy view of a buffer lazyarray owns (whose ``base`` is set)."""
    if array.nbytes >= TRACK_MIN_BYTES and array.base is None:
        track(array)
    n = _new(Node)
    n.op = BUFFER
    n.dtype = array.dtype
    n.shape = array.shape
    n.srcs = ()
    n.arg = None
    n.buffer = array
    n.depth = 0
    n.inlined = False
    return n


_consts: dict[tuple, Node] = {}


def const_node(value: object, dtype: np.dtype) -> Node:
    """A scalar constant; ``value`` is converted as NumPy converts it
    (an out-of-range Python int raises OverflowError).  Constants are shared."""
    if type(value) is complex:          # signs of zero parts count
        key = (complex, value.real.hex(), value.imag.hex(), dtype)
    else:
        key = (value, dtype) if value else \
            (type(value), value, dtype, math.copysign(1.0, value) if type(value) is float else 0)
    node = _consts.get(key)
    if node is None:
        if len(_consts) > 4096:
            _consts.clear()
        node = _consts[key] = new_node(CONST, dtype, (), (), np.asarray(value, dtype=dtype).item())
    return node


def cast(src: Node, dtype: np.dtype) -> Node:
    """``src`` converted to ``dtype`` (itself when already of that dtype)."""
    if src.dtype == dtype:
        return src
    if src.op == CONST:
        return new_node(CONST, dtype, (), (), np.asarray(src.arg, src.dtype).astype(dtype).item())
    return new_node(MAP, dtype, src.shape, (src,), "cast")


def reindex(src: Node, shape: tuple, terms: tuple, offsets: tuple | None = None) -> Node:
    return new_node(REINDEX, src.dtype, shape, (src,), (terms, offsets))


def reshape(src: Node, shape: tuple) -> Node:
    """``src``'s elements in row-major order, as ``shape`` (same size)."""
    if src.shape == shape:
        return src
    if src.op == BUFFER:
        return buffer_node(src.buffer.reshape(shape))
    kept = [k for k, n in enumerate(src.shape) if n != 1]
    placed = [d for d, n in enumerate(shape) if n != 1]
    if [src.shape[k] for k in kept] == [shape[d] for d in placed]:
        # only size-1 dimensions come or go: an index map, not a flat
        # re-indexing (which costs a division per dimension and element)
        terms = [()] * len(src.shape)
        for k, d in zip(kept, placed):
            terms[k] = ((d, 1),)
        return reindex(src, shape, tuple(terms))
    return new_node(RESHAPE, src.dtype, shape, (src,), None)


def update(old: Node, value: Node, terms: tuple, offsets: tuple, region: tuple) -> Node:
    """``old`` with the region (``terms``, ``offsets``, shape ``region``) set to ``value``."""
    return new_node(UPDATE, old.dtype, old.shape, (old, value), (terms, offsets, region))


def broadcast_to(src: Node, shape: tuple) -> Node:
    """``src`` broadcast to ``shape`` (shapes already checked compatible)."""
    if src.shape == shape:
        return src
    lead = len(shape) - len(src.shape)
    terms = tuple(((lead + k, 1),) if n == shape[lead + k] else ()
                  for k, n in enumerate(src.shape))
    return reindex(src, shape, terms)


def transpose(src: Node, axes: tuple[int, ...]) -> Node:
    """Output dimension ``j`` is source dimension ``axes[j]``."""
    terms = [()] * len(axes)
    for j, k in enumerate(axes):
        terms[k] = ((j, 1),)
    return reindex(src, tuple(src.shape[k] for k in axes), tuple(terms))


def expand_dims(src: Node, axes: tuple[int, ...]) -> Node:
    """Insert size-1 dimensions at the (normalized, sorted) output positions ``axes``."""
    ndim = len(src.shape) + len(axes)
    kept = [j for j in range(ndim) if j not in axes]
    shape = [1] * ndim
    for k, j in enumerate(kept):
        shape[j] = src.shape[k]
    return reindex(src, tuple(shape), tuple(((j, 1),) for j in kept))


def reduce(src: Node, combiner: str, axes: tuple[int, ...]) -> Node:
    shape = tuple(n for k, n in enumerate(src.shape) if k not in axes)
    return new_node(REDUCE, src.dtype, shape, (src,), (combiner, axes))


def scan(src: Node, combiner: str, axis: int) -> Node:
    """``src`` folded cumulatively along ``axis`` by ``combiner`` (``add``, ``mul``)."""
    return new_node(SCAN, src.dtype, src.shape, (src,), (combiner, axis))


def gather(src: Node, indices: tuple, axes: tuple[int, ...], rest: tuple[int, ...], shape: tuple,
           mode: str = "raise", site: tuple | None = None) -> Node:
    """``src`` read at data-dependent ``indices`` along ``axes`` (see GATHER)."""
    return new_node(GATHER, src.dtype, shape, (src, *indices), (axes, rest, mode, site))
