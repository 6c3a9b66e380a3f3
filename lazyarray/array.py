"""The ``ndarray`` lazy handle: properties, evaluation triggers, NumPy protocols.

A handle points at a graph node; its shape and dtype are known at once, its
values are computed when something needs them: ``np.asarray(x)``, ``repr``,
``float``/``int``/``bool``/``index``, ``item``, ``tolist``, iteration, or
``x.evaluate()``.  Arithmetic operators and reduction methods are attached by
``lazyarray.array_methods``.
"""
from __future__ import annotations

import math

import numpy as np

from .config import settings
from .evaluation import evaluate_nodes
from .graph import BUFFER, CONST, Node, buffer_node, transpose
from .stats import counters


class ndarray:
    """A lazily evaluated N-dimensional array (``lazyarray``'s ``numpy.ndarray``)."""

    __slots__ = ("_node", "__weakref__")
    __array_priority__ = 100.0
    __hash__ = None  # type: ignore[assignment]  # mutable container, as numpy.ndarray

    def __init__(self, node: Node):
        if not isinstance(node, Node):
            raise TypeError("lazyarray.ndarray is not constructed directly; "
                            "use lazyarray.asarray, zeros, empty, ...")
        self._node = node

    # ---- metadata, known without evaluating ----
    @property
    def shape(self) -> tuple[int, ...]:
        return self._node.shape

    @property
    def dtype(self) -> np.dtype:
        return self._node.dtype

    @property
    def ndim(self) -> int:
        return len(self._node.shape)

    @property
    def size(self) -> int:
        return math.prod(self._node.shape)

    @property
    def itemsize(self) -> int:
        return self._node.dtype.itemsize

    @property
    def nbytes(self) -> int:
        return self.size * self._node.dtype.itemsize

    @property
    def T(self) -> "ndarray":
        return wrap(transpose(self._node, tuple(range(self.ndim - 1, -1, -1))))

    def __len__(self) -> int:
        if not self._node.shape:
            raise TypeError("len() of unsized object")
        return self._node.shape[0]

    # ---- evaluation ----
    def _value(self) -> np.ndarray:
        """The computed value (lazyarray's own buffer: never hand it out writable)."""
        node = self._node
        if node.op != BUFFER:
            if node.op == CONST:
                return np.asarray(node.arg, dtype=node.dtype)
            evaluate_nodes([node])
        return node.buffer

    def evaluate(self) -> "ndarray":
        """Compute this array now; returns itself."""
        evaluate_nodes([self._node])
        return self

    def __array__(self, dtype: object = None, copy: bool | None = None) -> np.ndarray:
        value = self._value()
        if dtype is not None and np.dtype(dtype) != value.dtype:
            return value.astype(dtype)
        if copy:
            return value.copy()
        view = value.view()
        view.flags.writeable = False   # lazy values that read this buffer must not see writes
        return view

    def __repr__(self) -> str:
        return np.array_repr(self._value())

    def __str__(self) -> str:
        return str(self._value())

    def __format__(self, spec: str) -> str:
        return format(self._value(), spec)

    def __bool__(self) -> bool:
        return bool(self._value())

    def __float__(self) -> float:
        return float(self._value())

    def __int__(self) -> int:
        return int(self._value())

    def __complex__(self) -> complex:
        return complex(self._value())

    def __index__(self) -> int:
        return self._value().__index__()

    def item(self, *args: int) -> object:
        return self._value().item(*args)

    def tolist(self) -> object:
        return self._value().tolist()

    def __iter__(self):
        if not self._node.shape:
            raise TypeError("iteration over a 0-d array")
        value = self._value()
        return (handle(buffer_node(np.array(row))) for row in value)

    def copy(self) -> "ndarray":
        """A copy (values are immutable until indexing assignment exists: shares the node)."""
        return handle(self._node)

    def __setitem__(self, key: object, value: object) -> None:
        raise NotImplementedError("lazyarray.ndarray.__setitem__ (index assignment) is not implemented yet")


_new = object.__new__


def handle(node: Node) -> ndarray:
    """A new handle for ``node`` (the fast path of every op)."""
    a = _new(ndarray)
    a._node = node
    return a


def wrap(node: Node) -> ndarray:
    """A handle for a new pending node; evaluates it at once past the graph depth bound."""
    if node.depth > settings.max_depth:
        counters.auto_evaluations += 1
        evaluate_nodes([node])
    a = _new(ndarray)
    a._node = node
    return a


def evaluate(*arrays: ndarray) -> None:
    """Compute all the given arrays together (their pending work is fused jointly)."""
    evaluate_nodes([a._node for a in arrays if isinstance(a, ndarray)])
