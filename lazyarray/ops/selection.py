"""Selecting and placing elements by index or condition: ``take``,
``take_along_axis``, ``put``, ``put_along_axis``, ``place``, ``compress``,
``extract``, ``choose``, ``select``, ``nonzero``, ``argwhere``,
``flatnonzero``, ``ix_``.

Reads are lazy ``GATHER`` nodes (``advanced_indexing.gather_array``) or
``select`` chains that fuse with their neighbours; writes are advanced-index
assignments (``advanced_indexing.setitem``), whose indices are computed at
the call.  Functions whose result's shape depends on the data (``nonzero``
and its relatives, the indices of ``compress``/``extract``/``place``)
evaluate just that data, through ``library.call``.  ``choose`` evaluates its
index array at the call (NumPy raises ``ValueError`` for a bad entry there).
"""
from __future__ import annotations

import math

import numpy as np
from numpy.lib.array_utils import normalize_axis_index

from .. import bounds, dtypes, library
from ..array import ndarray, wrap
from ..graph import MAP, Node, broadcast_to, cast, const_node, new_node
from . import advanced_indexing, indexing
from .creation import as_node, asarray
from .elementwise import broadcast_shapes
from .manipulation import ravel, reshape

_MODES = ("raise", "wrap", "clip")
_BOOL = np.dtype(bool)
_INTP = np.dtype(np.intp)


def _check_mode(mode: str) -> None:
    if mode not in _MODES:
        raise ValueError(f"clipmode must be one of 'clip', 'raise', or 'wrap' (got {mode!r})")


def _int_indices(indices: object) -> object:
    """Indices as NumPy converts them for ``take``: arrays cast 'same_kind'
    to intp (bool is fine), sequences and scalars converted directly."""
    if isinstance(indices, (ndarray, np.ndarray)):
        if not np.can_cast(indices.dtype, _INTP, "same_kind"):
            raise TypeError(f"Cannot cast array data from {indices.dtype!r} to {_INTP!r} "
                            "according to the rule 'same_kind'")
        if indices.dtype.kind == "b":
            return indices.astype(_INTP)
        return indices
    return np.asarray(indices).astype(_INTP)


def _store(out: object, result: ndarray, name: str) -> ndarray:
    """NumPy's ``out=`` of take-like functions: same shape, any dtype (unsafe cast)."""
    if out is None:
        return result
    if not isinstance(out, ndarray) or out.shape != result.shape:
        raise ValueError(f"output array does not match result of ndarray.{name}")
    return indexing.store(out, result, "unsafe", lambda: None)


def take(a: object, indices: object, axis: int | None = None, out: object = None,
         mode: str = "raise") -> ndarray:
    """``numpy.take``: a lazy gather fused with its consumers; pending indices
    out of range raise IndexError when evaluated (``mode="raise"``)."""
    _check_mode(mode)
    x = asarray(a)
    if axis is None:
        x, axis = ravel(x), 0
    axis = normalize_axis_index(axis, x.ndim)
    idx = _int_indices(indices)
    n = x.shape[axis]
    if n == 0 and math.prod(idx.shape) and mode != "raise":
        raise IndexError("cannot do a non-empty take from an empty axes.")
    lead = axis + len(idx.shape)
    shape = x.shape[:axis] + idx.shape + x.shape[axis + 1:]
    rest = tuple(d for d in range(len(shape)) if not axis <= d < lead)
    result = advanced_indexing.gather_array(x._node, [idx], [axis], [axis], shape, lead, rest, mode)
    return _store(out, result, "take")


def _along_axis(arr: object, indices: object, axis: int | None) -> tuple[ndarray, object, int]:
    x = asarray(arr)
    idx = indices if isinstance(indices, ndarray) else np.asarray(indices)
    if idx.dtype.kind not in "iu":
        raise IndexError("`indices` must be an integer array")
    if axis is None:
        if idx.ndim != 1:
            raise ValueError("when axis=None, `indices` must have a single dimension.")
        return ravel(x), idx, 0
    if idx.ndim != x.ndim:
        raise ValueError("`indices` and `arr` must have the same number of dimensions")
    return x, idx, normalize_axis_index(axis, x.ndim)


def take_along_axis(arr: object, indices: object, axis: int | None = -1) -> ndarray:
    """``numpy.take_along_axis``: one lazy gather along ``axis``."""
    x, idx, axis = _along_axis(arr, indices, axis)
    try:
        other = broadcast_shapes(x.shape[:axis] + (1,) + x.shape[axis + 1:],
                                 idx.shape[:axis] + (1,) + idx.shape[axis + 1:])
    except ValueError:
        raise IndexError(f"shape mismatch: indexing arrays could not be broadcast together "
                         f"with shapes {x.shape} {idx.shape} (along the other axes)") from None
    shape = other[:axis] + (idx.shape[axis],) + other[axis + 1:]
    src = broadcast_to(x._node, other[:axis] + (x.shape[axis],) + other[axis + 1:])
    rest = tuple(d for d in range(x.ndim) if d != axis)
    return advanced_indexing.gather_array(src, [idx], [axis], [axis], shape, len(shape), rest)


def _fancy_along_axis(shape: tuple, idx: np.ndarray, axis: int) -> tuple:
    """NumPy's index tuple of ``put_along_axis``: ``idx`` at ``axis``, ranges elsewhere."""
    key = []
    for d, n in enumerate(shape):
        if d == axis:
            key.append(idx)
        else:
            key.append(np.arange(n).reshape((1,) * d + (n,) + (1,) * (len(shape) - d - 1)))
    return tuple(key)


def _flat_key(a: ndarray, idx: np.ndarray, mode: str = "raise") -> tuple[ndarray, tuple]:
    """``a``, or a 1-d view of a 0-d ``a``, and the advanced key of
    ``a.flat[idx]`` in it (indices checked or brought into range by ``mode``)."""
    if mode == "raise":
        bounds.check(idx, a.size, 0)
    idx = np.clip(idx, 0, a.size - 1) if mode == "clip" else idx % max(a.size, 1)
    return (a, np.unravel_index(idx, a.shape)) if a.ndim else (reshape(a, (1,)), (idx,))


def _target(a: object, name: str) -> ndarray:
    if not isinstance(a, ndarray):
        raise TypeError(f"lazyarray.{name} writes into its argument: it must be a "
                        f"lazyarray.ndarray, not {type(a).__name__}")
    return a


def put_along_axis(arr: ndarray, indices: object, values: object, axis: int | None) -> None:
    """``numpy.put_along_axis``: writes into ``arr`` (a lazyarray array); the
    indices are computed at the call."""
    x, idx, axis = _along_axis(_target(arr, "put_along_axis"), indices, axis)
    idx = np.asarray(idx.__array__() if isinstance(idx, ndarray) else idx)
    target, key = _flat_key(arr, idx) if x is not arr else \
        (arr, _fancy_along_axis(arr.shape, idx, axis))
    indexing.setitem(target, key, values)


def put(a: ndarray, ind: object, v: object, mode: str = "raise") -> None:
    """``numpy.put``: ``a.flat[ind] = v`` (``v`` repeated to the length of
    ``ind``); the indices are computed at the call."""
    _check_mode(mode)
    a = _target(a, "put")
    idx = np.ravel(np.asarray(ind.__array__() if isinstance(ind, ndarray) else ind)).astype(_INTP)
    if mode != "raise" and idx.size and not a.size:
        raise IndexError("cannot do a non-empty put to an empty array.")
    target, key = _flat_key(a, idx, mode)
    values = ravel(asarray(v))
    if not values.size or not idx.size:
        return
    if values.size != idx.size:
        values = take(values, np.arange(idx.size) % values.size)
    indexing.setitem(target, key, values.astype(a.dtype))


def place(arr: ndarray, mask: object, vals: object) -> None:
    """``numpy.place``: the elements of ``arr`` where ``mask`` is true become
    ``vals``, repeated as needed."""
    arr = _target(arr, "place")
    m = asarray(mask)
    if m.size != arr.size:
        raise ValueError("place: mask and data must be the same size")
    where = flatnonzero(m)
    if where.size and not asarray(vals).size:
        raise ValueError("Cannot insert from an empty array!")
    put(arr, where, vals)


def compress(condition: object, a: object, axis: int | None = None, out: object = None) -> ndarray:
    """``numpy.compress``: the condition is evaluated (it decides the shape),
    the selection is a lazy gather."""
    cond = asarray(condition)
    if cond.ndim != 1:
        raise ValueError("condition must be a 1-d array")
    return take(a, flatnonzero(cond), axis, out)


def extract(condition: object, arr: object) -> ndarray:
    """``numpy.extract``: ``ravel(arr)`` where ``ravel(condition)`` is true."""
    return take(ravel(asarray(arr)), flatnonzero(condition))


def _common(values: list) -> tuple[list[Node], np.dtype]:
    """``values`` as nodes, and their common dtype (Python scalars weak, NEP 50)."""
    nodes = [as_node(v) for v in values]
    keys = [type(v) if type(v) in (bool, int, float) else n.dtype for v, n in zip(values, nodes)]
    return nodes, dtypes.result_type(*keys)


def _select_chain(conds: list[Node], values: list[Node], default: Node, dtype: np.dtype,
                  shape: tuple) -> ndarray:
    """``values[0] if conds[0] else values[1] if conds[1] else ... default``, lazily."""
    def operand(node: Node, dt: np.dtype) -> Node:
        node = cast(node, dt)
        return broadcast_to(node, shape) if node.shape else node

    result = operand(default, dtype)
    for cond, value in zip(reversed(conds), reversed(values)):
        result = new_node(MAP, dtype, shape, (operand(cond, _BOOL), operand(value, dtype), result),
                          "select")
    return wrap(result)


def choose(a: object, choices: object, out: object = None, mode: str = "raise") -> ndarray:
    """``numpy.choose``: a lazy select chain over the choices; the index
    array is computed at the call (an entry out of range is NumPy's ValueError)."""
    _check_mode(mode)
    idx = np.asarray(a.__array__() if isinstance(a, ndarray) else a)
    if not np.can_cast(idx.dtype, _INTP, "safe"):
        raise TypeError(f"Cannot cast array data from {idx.dtype!r} to {_INTP!r} "
                        "according to the rule 'safe'")
    if isinstance(choices, (ndarray, np.ndarray)):
        choices = [choices[k] for k in range(len(choices))]
    nodes, dtype = _common(list(choices))
    n = len(nodes)
    idx = idx.astype(_INTP)
    if mode == "raise" and idx.size and (idx.min() < 0 or idx.max() >= n):
        raise ValueError("invalid entry in choice array")
    idx = np.mod(idx, n) if mode == "wrap" else np.clip(idx, 0, n - 1)
    shape = broadcast_shapes(idx.shape, *[node.shape for node in nodes])
    index = as_node(idx)
    conds = [new_node(MAP, _BOOL, index.shape, (index, const_node(k, index.dtype)), "eq")
             for k in range(n - 1)]
    result = _select_chain(conds, nodes[:-1], nodes[-1], dtype, shape)
    return _store(out, result, "choose")


def select(condlist: list, choicelist: list, default: object = 0) -> ndarray:
    """``numpy.select``: the first choice whose condition holds, else ``default``
    (a lazy select chain)."""
    if len(condlist) != len(choicelist):
        raise ValueError("list of cases must be same length as list of conditions")
    if not condlist:
        raise ValueError("select with an empty condition list is not possible")
    conds = [as_node(c) for c in condlist]
    try:
        values, dtype = _common([*choicelist, default])
    except TypeError as e:
        raise TypeError(f"Choicelist and default value do not have a common dtype: {e}") from None
    *values, fill = values
    shape = broadcast_shapes(*[c.shape for c in conds], *[v.shape for v in values], fill.shape)
    for k, cond in enumerate(conds):
        if cond.dtype != _BOOL:
            raise TypeError(f"invalid entry {k} in condlist: should be boolean ndarray")
    return _select_chain(conds, values, fill, dtype, shape)


def nonzero(a: object) -> tuple[ndarray, ...]:
    """``numpy.nonzero``: evaluates ``a`` (the result's length depends on it)."""
    return library.call("nonzero", np.nonzero, a)


def argwhere(a: object) -> ndarray:
    """``numpy.argwhere``: evaluates ``a`` (the result's length depends on it)."""
    return library.call("argwhere", np.argwhere, a)


def flatnonzero(a: object) -> ndarray:
    """``numpy.flatnonzero``: evaluates ``a`` (the result's length depends on it)."""
    return library.call("flatnonzero", np.flatnonzero, a)


def ix_(*args: object) -> tuple[ndarray, ...]:
    """``numpy.ix_``: open-mesh index arrays (lazy reshapes; a boolean
    sequence is evaluated and replaced by its ``nonzero`` indices)."""
    out = []
    nd = len(args)
    for k, arg in enumerate(args):
        x = arg if isinstance(arg, ndarray) else np.asarray(arg)
        if not x.size:
            x = x.astype(_INTP)
        if x.ndim != 1:
            raise ValueError("Cross index must be 1 dimensional")
        if x.dtype.kind == "b":
            x, = nonzero(x)
        out.append(reshape(asarray(x), (1,) * k + (x.size,) + (1,) * (nd - k - 1)))
    return tuple(out)
