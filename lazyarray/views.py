"""Views of a base array's storage, with NumPy's own view rules.

A base array owns its contents (its current graph node).  A view is the
base's C-ordered element storage seen through NumPy's ``(shape, strides,
offset)``, counted in elements.  View geometry is computed by NumPy itself:
every base has a *dummy*, a ``uint8`` array of the base's shape over
untouched memory (one byte per element, never read or written); indexing,
reshaping or transposing the dummy gives the view's shape, strides, offset,
writeability and NumPy's errors, and ``numpy.shares_memory`` on dummies
answers aliasing questions exactly.

To read a view, its geometry is decomposed into per-dimension index terms
of the base (``decompose``) and becomes a ``REINDEX`` of the base's node; a
geometry that does not decompose (a reshape that merges dimensions of a
view) reads the base flattened.  Writes become ``UPDATE`` nodes.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from .dtypes import KERNEL_DTYPES
from .graph import BUFFER, Node, broadcast_to, buffer_node, reindex, reshape, update


@dataclass(frozen=True)
class View:
    shape: tuple[int, ...]
    strides: tuple[int, ...]   # in elements of the base
    offset: int                # in elements of the base
    writeable: bool


def new_dummy(shape: tuple[int, ...]) -> np.ndarray:
    """A stand-in with ``shape`` whose memory is never touched."""
    return np.empty(shape, np.uint8)   # allocated as NumPy allocates (zero-size: zero strides)


_geometries: dict[tuple, View] = {}


def geometry(dummy: np.ndarray, base_dummy: np.ndarray, cache_key: tuple | None = None) -> View:
    """The geometry of ``dummy`` in ``base_dummy``.  Reading the offset costs
    microseconds (``__array_interface__``), so a view made the same way again
    (``cache_key``: the base's shape, the parent view's geometry and the
    index, see ``index_key``) takes it from a cache."""
    if cache_key is not None:
        known = _geometries.get(cache_key)
        if known is not None:
            return known
    offset = dummy.__array_interface__["data"][0] - base_dummy.__array_interface__["data"][0]
    view = View(dummy.shape, dummy.strides, offset, dummy.flags.writeable)
    if cache_key is not None:
        if len(_geometries) > 4096:
            _geometries.clear()
        _geometries[cache_key] = view
    return view


def known_geometry(cache_key: tuple) -> View | None:
    """The geometry ``geometry`` gave for ``cache_key`` before, if cached."""
    return _geometries.get(cache_key)


def index_key(index: tuple) -> tuple:
    """A basic index (ints, slices, None, Ellipsis) as a hashable tuple."""
    return tuple([(k.start, k.stop, k.step) if type(k) is slice else k for k in index])


def c_strides(shape: tuple[int, ...]) -> tuple[int, ...]:
    strides, step = [], 1
    for n in reversed(shape):
        strides.append(step)
        step *= n
    return tuple(reversed(strides))


def strided(buf: np.ndarray, view: View, path: tuple | None = None) -> np.ndarray:
    """``view`` of a real C-contiguous buffer (a NumPy view: no copy);
    ``path``, the basic indices that made the view, gives it fastest."""
    if path is not None:
        for index in path:
            buf = buf[index]
        return buf
    if not math.prod(view.shape):   # its offset may lie past the end of a zero-size buffer
        return np.empty(view.shape, buf.dtype)
    return np.ndarray(view.shape, buf.dtype, buffer=buf, offset=view.offset * buf.itemsize,
                      strides=tuple(t * buf.itemsize for t in view.strides))


_decompositions: dict[tuple, tuple[tuple, tuple] | None] = {}


def decompose(view: View, base_shape: tuple[int, ...]) -> tuple[tuple, tuple] | None:
    """(terms, offsets) of a REINDEX of the base giving ``view``, or None when
    the view's elements are not an affine box in the base's dimensions
    (cached: loops read the same views again)."""
    key = (view, base_shape)
    try:
        return _decompositions[key]
    except KeyError:
        pass
    if len(_decompositions) > 4096:
        _decompositions.clear()
    parts = _decompositions[key] = _decompose(view, base_shape)
    return parts


def _decompose(view: View, base_shape: tuple[int, ...]) -> tuple[tuple, tuple] | None:
    base_strides = c_strides(base_shape)
    offsets = []
    rest = view.offset
    for stride in base_strides:
        offsets.append(rest // stride)
        rest %= stride
    terms: list[list] = [[] for _ in base_shape]
    for d, (n, t) in enumerate(zip(view.shape, view.strides)):
        if n == 1 or t == 0:
            continue
        for k, (size, stride) in enumerate(zip(base_shape, base_strides)):
            if size > 1 and t % stride == 0 and abs(t // stride) < size:
                terms[k].append((d, t // stride))
                break
        else:
            return None
    for k, size in enumerate(base_shape):
        low = offsets[k] + sum(min(0, s * (view.shape[d] - 1)) for d, s in terms[k])
        high = offsets[k] + sum(max(0, s * (view.shape[d] - 1)) for d, s in terms[k])
        if low < 0 or high > size - 1:
            return None
    return tuple(tuple(t) for t in terms), tuple(offsets)


def read(base: Node, view: View, eager_limit: int, path: tuple | None = None) -> Node:
    """The node of ``view``'s values, given the base's current node
    (``path``: see ``strided``)."""
    if not math.prod(view.shape):   # (its offset may lie past the base's end)
        return buffer_node(np.empty(view.shape, base.dtype))
    if base.op == BUFFER and (math.prod(view.shape) <= eager_limit
                              or base.dtype not in KERNEL_DTYPES):   # (longdouble...: by NumPy)
        # a contiguous region is not copied: the node holds a NumPy view of
        # the base's buffer, which keeps writes from going there in place
        region = strided(base.buffer, view, path)
        return buffer_node(region if region.flags.c_contiguous else region.copy())
    parts = decompose(view, base.shape)
    if parts is not None:
        terms, offsets = parts
        return reindex(base, view.shape, terms, offsets if any(offsets) else None)
    flat = reshape(base, (math.prod(base.shape),))
    terms = (tuple((d, t) for d, (n, t) in enumerate(zip(view.shape, view.strides))
                   if n > 1 and t != 0),)
    return reindex(flat, view.shape, terms, (view.offset,))


def store(buffer: np.ndarray, view: View, value: Node, path: tuple | None = None) -> None:
    """Write the computed ``value`` into ``view`` of a real buffer, in place
    (``path``: see ``strided``)."""
    strided(buffer, view, path)[...] = value.buffer if value.op == BUFFER else value.arg


def write(base: Node, view: View, value: Node, eager_limit: int,
          path: tuple | None = None) -> Node:
    """The base's new node after ``base[view] = value`` (value already of the
    base's dtype and of the view's shape, or 0-d; ``path``: see ``strided``)."""
    if not view.writeable:
        raise ValueError("assignment destination is read-only")
    if not math.prod(view.shape):
        return base     # an empty region: nothing to write
    if view.offset == 0 and math.prod(view.shape) == math.prod(base.shape) and all(
            t == c for n, t, c in zip(view.shape, view.strides, c_strides(view.shape)) if n > 1):
        # the whole base in its own order (a reshape view of it, or itself)
        return reshape(value, base.shape) if value.shape else broadcast_to(value, base.shape)
    if base.op == BUFFER and not value.pending and (math.prod(base.shape) <= eager_limit
                                                    or base.dtype not in KERNEL_DTYPES):
        out = base.buffer.copy()
        store(out, view, value, path)
        return buffer_node(out)
    repeated = [d for d, (n, t) in enumerate(zip(view.shape, view.strides)) if n > 1 and not t]
    if repeated and value.shape:
        # elements along a broadcast dimension are one base element: the last write wins
        value = reindex(value, view.shape,
                        tuple(() if d in repeated else ((d, 1),) for d in range(len(view.shape))),
                        tuple(view.shape[d] - 1 if d in repeated else 0
                              for d in range(len(view.shape))))
    parts = decompose(view, base.shape)
    if parts is None or any(len(t) > 1 for t in parts[0]):
        raise NotImplementedError("lazyarray: assignment through a view that reshapes "
                                  "its base is not implemented yet")
    terms, offsets = parts
    return update(base, value, terms, offsets, view.shape)


