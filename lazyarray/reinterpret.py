"""``ndarray.view(dtype)``: a base array's storage read as another dtype of
the same item size, writing through both ways as NumPy's view does.

A ``Reinterpreted`` array is a base array whose node is not its own: reading
``_n`` bit-casts the target base's current node to the view's dtype, and
assigning ``_n`` bit-casts the new node back into the target.  Everything
built on base arrays (views of it, in-place operators, ``out=``) then reads
the target's latest values and writes into the target, as NumPy's views do.
Its dummy is the target's, so geometry and ``shares_memory`` are the target's.
"""
from __future__ import annotations

import numpy as np

from .array import ndarray
from .graph import BUFFER, CONST, MAP, Node, buffer_node, const_node, new_node


def bitcast(node: Node, dtype: np.dtype) -> Node:
    """``node``'s bits read as ``dtype`` (of the same item size)."""
    if node.dtype == dtype:
        return node
    if node.op == BUFFER:
        return buffer_node(node.buffer.view(dtype))
    if node.op == CONST:
        return const_node(np.asarray(node.arg, node.dtype).view(dtype).item(), dtype)
    return new_node(MAP, dtype, node.shape, (node,), "bitcast")


class Reinterpreted(ndarray):
    """A base array's storage as another dtype (see the module docstring)."""

    __slots__ = ("_target", "_as")

    @property
    def _n(self) -> Node:
        return bitcast(self._target._n, self._as)

    @_n.setter
    def _n(self, value: Node) -> None:
        target = self._target
        target._n = bitcast(value, target._n.dtype)

    @property
    def base(self) -> ndarray:
        """The array whose storage this reads (NumPy's ``view.base``)."""
        return self._target


def reinterpret(base: ndarray, dtype: np.dtype) -> ndarray:
    """``base`` (a base array) read as ``dtype``, sharing its storage."""
    if isinstance(base, Reinterpreted):
        base = base._target
        if base.dtype == dtype:
            return base
    r = object.__new__(Reinterpreted)
    r._target, r._as = base, dtype
    r._base = r._geom = r._vcache = r._path = r._made = None
    r._dummy = base._get_dummy()
    return r
