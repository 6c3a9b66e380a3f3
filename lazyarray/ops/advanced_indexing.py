"""Advanced indexing: ``x[key]`` and ``x[key] = value`` with integer or boolean arrays.

``parse`` splits a key as NumPy does: its basic part (slices, ``None``,
``...``; every advanced entry replaced by a full slice) is a view of ``x``
with NumPy's view rules, and its advanced entries are integer index arrays
at dimensions of that view (lists, NumPy or lazy arrays; integers next to
arrays count as 0-d index arrays).  A boolean mask is evaluated and becomes
its ``nonzero`` index arrays (its count decides the result's shape; nothing
else is evaluated); a 0-d boolean adds a dimension indexed by ``[0]`` or
``[]``.  The index arrays broadcast together to the shape ``B``, which
replaces the indexed dimensions where they are adjacent, else leads.

Reading is one ``GATHER`` node of the view, fused with its neighbours.
Computed indices are range-checked at once; pending ones before the kernel
runs, the error naming the line that indexed (``lazyarray.bounds``).

Writing (``scatter``) evaluates the index arrays and lets NumPy build the
*writer map* of the indexed dimensions: for each element, the position in
``B`` of the last write to it, or -1 (``numpy``'s own assignment, so repeated
indices resolve as in NumPy: the last write wins, and ``x[i] += v`` adds once
per distinct index).  The new contents of the view are then
``select(writer >= 0, value gathered at writer, old)``, written through to
the base.  ``x[mask] = scalar`` needs no writer map: it is a ``select`` on
the (lazy) mask.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from .. import bounds, fallback
from ..array import evaluate, ndarray, view, wrap
from ..config import settings
from ..graph import (BUFFER, MAP, Node, broadcast_to, buffer_node, const_node, gather, new_node,
                     reshape)
from .elementwise import eager_result

_VALID = ("only integers, slices (`:`), ellipsis (`...`), numpy.newaxis (`None`) and "
          "integer or boolean arrays are valid indices")
_BOOL = np.dtype(bool)


@dataclass
class Key:
    """A parsed advanced key: ``target`` is the view of the basic part,
    ``indices[j]`` (a NumPy array or a lazy array) indexes its dimension
    ``dims[j]`` (``axes[j]`` of the indexed array, for messages)."""

    target: ndarray
    dims: list[int]
    axes: list[int]
    indices: list
    shape: tuple[int, ...]   # the result's shape
    at: int                  # where the broadcast index shape B starts in it
    nb: int                  # len(B)


def _entry(item: object) -> tuple[str, object]:
    """(kind, value) of one key item."""
    if item is None:
        return "none", None
    if item is Ellipsis:
        return "ellipsis", None
    if isinstance(item, slice):
        return "slice", item
    if isinstance(item, (bool, np.bool_)):
        return "bool0", bool(item)
    if isinstance(item, (int, np.integer)):
        return "array", np.asarray(item, np.intp)
    array = item if isinstance(item, ndarray) else np.asarray(item)
    if array.dtype.kind not in "biu":
        if not isinstance(item, (ndarray, np.ndarray)):
            if array.size:
                raise IndexError(_VALID)
            array = array.astype(np.intp)   # NumPy reads [] as an empty index
        else:
            raise IndexError("arrays used as indices must be of integer (or boolean) type")
    if array.dtype.kind == "b":
        return ("bool0", bool(array)) if array.ndim == 0 else ("mask", array)
    return "array", array


def _is_pending(index: object) -> bool:
    return isinstance(index, ndarray) and index._node.pending


def _values(index: object) -> np.ndarray:
    return index.__array__() if isinstance(index, ndarray) else index


def parse(x: ndarray, key: object, compute: bool = False) -> Key:
    """NumPy's reading of an advanced ``key`` of ``x`` (errors as NumPy's);
    ``compute``: evaluate lazy index arrays (writes need their values)."""
    entries = [_entry(item) for item in (key if isinstance(key, tuple) else (key,))]
    if sum(kind == "ellipsis" for kind, _ in entries) > 1:
        raise IndexError("an index can only have a single ellipsis ('...')")
    consumed = sum(v.ndim if kind == "mask" else kind in ("slice", "array")
                   for kind, v in entries)
    if consumed > x.ndim:
        raise IndexError(f"too many indices for array: array is {x.ndim}-dimensional, "
                         f"but {consumed} were indexed")
    if compute:
        evaluate(*[v for kind, v in entries if _is_pending(v)])
    basic: list = []
    dims, axes, indices = [], [], []
    vdim = axis = 0

    def advanced(index: object) -> None:
        dims.append(vdim)
        axes.append(axis)
        indices.append(index)

    for kind, v in entries:
        if kind == "ellipsis":
            basic.append(Ellipsis)
            vdim += x.ndim - consumed
            axis += x.ndim - consumed
        elif kind in ("none", "bool0"):
            basic.append(None)
            if kind == "bool0":
                advanced(np.zeros(int(v), np.intp))
            vdim += 1
        elif kind == "slice":
            basic.append(v)
            vdim += 1
            axis += 1
        else:
            if kind == "mask":
                _check_mask(x.shape, v.shape, axis)
                parts = np.nonzero(_values(v))
            else:
                parts = (v,)
            for part in parts:
                basic.append(slice(None))
                advanced(part)
                vdim += 1
                axis += 1
    if Ellipsis not in basic:
        basic.append(Ellipsis)
    target = view(x if x._base is None else x._base, x._get_dummy()[tuple(basic)])
    try:
        b = np.broadcast_shapes(*[i.shape for i in indices])
    except ValueError:
        listed = " ".join(str(i.shape) for i in indices)
        raise IndexError("shape mismatch: indexing arrays could not be broadcast together "
                         f"with shapes {listed} ") from None
    adjacent = dims == list(range(dims[0], dims[0] + len(dims)))
    at = dims[0] if adjacent else 0
    rest = [n for d, n in enumerate(target.shape) if d not in dims]
    return Key(target, dims, axes, indices, tuple(rest[:at]) + b + tuple(rest[at:]), at, len(b))


def _check_mask(shape: tuple, mask_shape: tuple, axis: int) -> None:
    for k, n in enumerate(mask_shape):
        if shape[axis + k] != n:
            raise IndexError(f"boolean index did not match indexed array along axis {axis + k}; "
                             f"size of axis is {shape[axis + k]} but size of corresponding "
                             f"boolean axis is {n}")


def _index_node(index: object, rank: int, lead: int) -> Node:
    """An index array as a node of ``rank`` dimensions, its own dimensions
    ending at dimension ``lead`` (size-1 dimensions elsewhere, which broadcast)."""
    if isinstance(index, ndarray):
        node = index._node
    else:
        node = buffer_node(np.array(index, order="C"))   # a copy: later writes to it don't matter
    shape = (1,) * (lead - len(node.shape)) + node.shape
    return reshape(node, shape + (1,) * (rank - lead))


def _numpy_key(key: object) -> object:
    if isinstance(key, tuple):
        return tuple(_values(item) for item in key)
    return _values(key)


def gather_array(src: Node, indices: list, dims: list[int], labels: list[int], shape: tuple,
                 lead: int, rest: tuple[int, ...], mode: str = "raise") -> ndarray:
    """A lazy ``GATHER`` of ``src`` (see ``lazyarray.graph``): ``indices[j]``
    (NumPy or lazy integer arrays, broadcasting within the result's
    dimensions that end at ``lead``) along ``src`` dimension ``dims[j]``
    (axis ``labels[j]`` in messages).  In ``"raise"`` mode computed indices
    are checked now, pending ones before the kernel runs."""
    pending = False
    for d, label, index in zip(dims, labels, indices):
        if _is_pending(index):
            pending = True
        elif mode == "raise" and isinstance(index, ndarray) and index._node.op == BUFFER:
            bounds.check(index._node.buffer, src.shape[d], label, owned=True)
        elif mode == "raise":
            bounds.check(_values(index), src.shape[d], label)
    nodes = tuple(_index_node(i, len(shape), lead) for i in indices)
    site = (*fallback._user_site(), tuple(labels)) if pending and mode == "raise" else None
    return wrap(gather(src, nodes, tuple(dims), rest, shape, mode, site))


def getitem(x: ndarray, key: object) -> ndarray:
    """``x[key]`` for a key with advanced indices: a copy (lazy ``GATHER``)."""
    k = parse(x, key)
    if x._node.op == BUFFER and not any(_is_pending(i) for i in k.indices) \
            and math.prod(k.shape) <= settings.eager_threshold:
        return eager_result(np.ascontiguousarray(x.__array__()[_numpy_key(key)]))
    lead = k.at + k.nb
    rest = tuple(d for d in range(len(k.shape)) if not k.at <= d < lead)
    return gather_array(k.target._node, k.indices, k.dims, k.axes, k.shape, lead, rest)


def _single_mask(x: ndarray, key: object) -> Node | None:
    """The node of ``key`` when it is one boolean mask of ``x``'s leading
    dimensions (lazy or not), else None."""
    if isinstance(key, ndarray):
        node = key._node
    elif isinstance(key, np.ndarray):
        node = buffer_node(key.copy())
    else:
        return None
    if node.dtype != _BOOL or not node.shape or node.shape != x.shape[:len(node.shape)]:
        return None
    return node


def setitem(x: ndarray, key: object, value: object, value_node) -> None:
    """``x[key] = value`` for a key with advanced indices; ``value_node(shape)``
    gives the value as a node of ``x``'s dtype broadcast to ``shape`` (or 0-d)."""
    mask = _single_mask(x, key) if np.ndim(value) == 0 else None
    if mask is not None:
        old = x._node
        cond = broadcast_to(reshape(mask, mask.shape + (1,) * (len(old.shape) - len(mask.shape))),
                            old.shape)
        x._assign(new_node(MAP, old.dtype, old.shape, (cond, value_node(()), old), "select"))
        return
    k = parse(x, key, compute=True)
    new = value_node(k.shape)
    old = k.target._node
    sub = tuple(old.shape[d] for d in k.dims)
    for n, a, index in zip(sub, k.axes, k.indices):
        bounds.check(_values(index), n, a)
    if not math.prod(k.shape) or not math.prod(old.shape):
        return
    writer = np.full(sub, -1, np.int64)
    b = k.shape[k.at:k.at + k.nb]
    writer[tuple(_values(i) for i in k.indices)] = np.arange(math.prod(b)).reshape(b)
    w = buffer_node(writer.reshape(tuple(n if d in k.dims else 1 for d, n in enumerate(old.shape))))
    written = new_node(MAP, _BOOL, old.shape, (broadcast_to(w, old.shape), const_node(0, w.dtype)),
                       "ge")
    if new.shape:
        flat = reshape(new, k.shape[:k.at] + (math.prod(b),) + k.shape[k.at + k.nb:])
        rest = tuple(d for d in range(len(old.shape)) if d not in k.dims)
        new = gather(flat, (w,), (k.at,), rest, old.shape)
    k.target._assign(new_node(MAP, old.dtype, old.shape, (written, new, old), "select"))
