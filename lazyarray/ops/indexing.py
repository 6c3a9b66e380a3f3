"""Indexing: ``x[key]``, ``x[key] = value`` and the in-place operators.

Basic indices (integers, slices, ``...``, ``None``) give views that share the
base's storage; their geometry and errors come from NumPy (``lazyarray.views``).
Assigning through a basic index replaces the base's node by an update of it,
so every view sees the write and values computed before it do not.
Keys with advanced indices (integer or boolean arrays) go to
``lazyarray.ops.advanced_indexing`` (reading gives a copy, as in NumPy).
"""
from __future__ import annotations

import operator
from typing import Callable

import numpy as np

from .. import views
from ..array import ndarray, view
from ..graph import Node, broadcast_to, cast, const_node, reshape
from ..stats import counters
from . import advanced_indexing
from .creation import as_node
from .elementwise import broadcast_shapes

_SCALARS = (bool, int, float)
_BASIC = (int, np.integer, slice, type(None), type(Ellipsis))


def _plain(key: object) -> tuple | None:
    """A key of ints and of slices of ints and None (objects that cannot
    change) as a tuple of basic indices; None for any other key."""
    items = key if type(key) is tuple else (key,)
    for item in items:
        kind = type(item)
        if kind is slice:
            bound = item.start
            if bound is not None and type(bound) is not int:
                return None
            bound = item.stop
            if bound is not None and type(bound) is not int:
                return None
            bound = item.step
            if bound is not None and type(bound) is not int:
                return None
        elif kind is not int:
            return None
    return items + (Ellipsis,)   # keeps a 0-d result an array (a view), not a scalar


def _normalize(key: object) -> tuple | None:
    """The key as a tuple of basic indices, or None if it has advanced ones.
    Index objects (0-d arrays, NumPy integers, in slices too) become ints, so
    the view does not change when they do."""
    out = []
    ellipsis = False
    for item in key if isinstance(key, tuple) else (key,):
        if item is Ellipsis:
            ellipsis = True
        elif isinstance(item, (bool, np.bool_)):
            return None
        elif isinstance(item, ndarray):
            if item.ndim != 0 or item.dtype.kind not in "iu":
                return None
            item = item.__index__()
        elif type(item) is slice:
            item = slice(*[None if f is None else operator.index(f)
                           for f in (item.start, item.stop, item.step)])
        elif isinstance(item, np.integer):
            item = int(item)
        elif not isinstance(item, _BASIC):
            return None
        out.append(item)
    if not ellipsis:
        out.append(Ellipsis)   # keeps a 0-d result an array (a view), not a scalar
    return tuple(out)


def getitem(x: ndarray, key: object) -> ndarray:
    """``x[key]``: a view for basic indices, a copy for advanced ones."""
    basic = _plain(key)
    if basic is not None:
        made = (x, key, basic)
    else:
        basic = _normalize(key)
        if basic is None:
            return advanced_indexing.getitem(x, key)
        made = (x, basic, basic)   # not the key: an index object in it may change
    dummy = x._dummy
    if dummy is None:
        dummy = x._get_dummy()
    base = x._base
    if base is None:
        return view(x, dummy[basic], (basic,), made)
    path = x._path
    return view(base, dummy[basic], None if path is None else path + (basic,), made)


def _value_node(value: object, dtype: np.dtype, target: tuple) -> Node:
    """``value`` as a node of ``dtype`` (unsafe casting, as NumPy's assignment),
    0-d or broadcast to the target shape."""
    if type(value) in _SCALARS:
        return const_node(value, dtype)
    node = cast(as_node(value), dtype)
    given = node.shape
    shape = given
    while len(shape) > len(target) and shape[0] == 1:
        shape = shape[1:]
    node = reshape(node, shape)
    if not shape:
        return node
    try:
        if broadcast_shapes(shape, target) != target:
            raise ValueError
    except ValueError:
        raise ValueError(f"could not broadcast input array from shape {given} "
                         f"into shape {target}") from None
    return broadcast_to(node, target)


def setitem(x: ndarray, key: object, value: object) -> None:
    """``x[key] = value``."""
    if type(value) is ndarray:
        made = value._made
        if made is not None and made[0] is x and made[1] is key:
            return   # x[key] assigned to itself (the last step of `x[key] += y`)
    basic = _plain(key) or _normalize(key)
    if basic is None:
        advanced_indexing.setitem(x, key, value, lambda shape: _value_node(value, x.dtype, shape))
        return
    target = getitem(x, key)
    kind = type(value)
    if kind not in _SCALARS and len(basic) == x.ndim + 1 and \
            all(isinstance(k, (int, np.integer)) for k in basic[:-1]) and np.ndim(value) > 0:
        raise ValueError("setting an array element with a sequence.")
    if kind is ndarray or kind in _SCALARS:
        region = target._buffer_in_place()
        if region is not None:
            given = value if kind is not ndarray else value._held()
            if given is not None:   # NumPy's own assignment, in lazyarray's buffer
                region[...] = given
                counters.eager_ops += 1
                return
    if isinstance(value, ndarray) and value._base is (x if x._base is None else x._base) \
            and value._geometry() == target._geometry():
        return   # a view assigned to itself
    target._assign(_value_node(value, x.dtype, target.shape))


def _raise_cast_error(ufunc: np.ufunc, x: ndarray, other: object) -> None:
    """Raise NumPy's own error for an in-place result that cannot be cast back."""
    other = other if type(other) in _SCALARS else np.zeros(0, as_node(other).dtype)
    ufunc(np.zeros(0, x.dtype), other, out=np.zeros(0, x.dtype))


def store(out: object, result: ndarray, casting: str, cast_error: Callable[[], None]) -> ndarray:
    """NumPy's ``out=``: write ``result`` into ``out`` (and through it into its
    base and views) and return ``out``.  ``result`` is cast to ``out``'s dtype
    under ``casting`` (``cast_error()`` raises NumPy's own error when it may
    not be) and broadcast to ``out``'s shape; a result larger than ``out``
    is a ValueError, as in NumPy."""
    if isinstance(out, tuple):
        if len(out) != 1:
            raise ValueError("The 'out' tuple must have exactly one entry")
        out = out[0]
    if not isinstance(out, ndarray):
        raise TypeError("return arrays must be of ArrayType (a lazyarray.ndarray)")
    node = result._node
    if node.dtype != out.dtype:
        if not np.can_cast(node.dtype, out.dtype, casting):
            cast_error()
        node = cast(node, out.dtype)
    if node.shape != out.shape:
        try:
            if broadcast_shapes(node.shape, out.shape) != out.shape:
                raise ValueError
        except ValueError:
            raise ValueError(f"non-broadcastable output operand with shape {out.shape} "
                             f"doesn't match the broadcast shape {node.shape}") from None
    out._assign(node)
    return out


def inplace(compute: Callable, ufunc: np.ufunc) -> Callable:
    """``x op= y``: NumPy's ``ufunc(x, y, out=x)`` (casting rule 'same_kind'),
    with the result computed by ``compute(x, y)`` and written into ``x`` (by
    NumPy itself, in place, where ``x`` is a view of a small computed buffer
    that nothing else can observe)."""

    elementwise = isinstance(ufunc, np.ufunc) and ufunc.signature is None

    def method(self: ndarray, other: object) -> ndarray:
        if elementwise:
            kind = type(other)
            if kind is ndarray or kind in _SCALARS:
                target = self._buffer_in_place()
                if target is not None:
                    value = other if kind is not ndarray else other._held()
                    if value is not None:   # NumPy's own in-place loop on lazyarray's buffer
                        ufunc(target, value, out=target)   # (casting: 'same_kind')
                        counters.eager_ops += 1
                        return self
        return store(self, compute(self, other), "same_kind",
                     lambda: _raise_cast_error(ufunc, self, other))

    return method
