"""The ``ndarray`` lazy handle: properties, evaluation triggers, NumPy protocols.

A handle points at a graph node; its shape and dtype are known at once, its
values are computed when something needs them: ``np.asarray(x)``, ``repr``,
``float``/``int``/``bool``/``index``, ``item``, ``tolist``, iteration, or
``x.evaluate()``.  Arithmetic operators and reduction methods are attached by
``lazyarray.array_methods``.
"""
from __future__ import annotations

import math
from sys import getrefcount

import numpy as np

from .config import settings
from .evaluation import evaluate_nodes
from . import views
from .graph import BUFFER, CONST, Node, broadcast_to, buffer_node
from .stats import counters


#: ``sys.getrefcount`` of a base's node and of its buffer inside ``_assign``
#: when the base array is their only holder (the attribute, the local name
#: and the call's own argument).
_SOLE_NODE, _SOLE_BUFFER = 3, 2


class ndarray:
    """A lazily evaluated N-dimensional array (``lazyarray``'s ``numpy.ndarray``).

    A base array holds its current node (``_n``); a view holds its base and a
    dummy that gives its geometry (``lazyarray.views``), and reads the base's
    current node through it, so writes to the base or to any view of it are
    seen by all of them, as in NumPy.  A view made by basic indexing also
    keeps the indices that give it from its base (``_path``) and how it was
    made (``_made``: the array indexed, the key as given and as normalized),
    from which its geometry is computed when first needed.
    """

    __slots__ = ("_n", "_base", "_dummy", "_geom", "_vcache", "_path", "_made", "__weakref__")
    __array_priority__ = 100.0
    __hash__ = None  # type: ignore[assignment]  # mutable container, as numpy.ndarray

    def __init__(self, *args: object, **kwargs: object):
        raise TypeError("lazyarray.ndarray is not constructed directly; "
                        "use lazyarray.asarray, zeros, empty, ...")

    @property
    def _node(self) -> Node:
        """The node of this array's current values."""
        n = self._n
        if n is not None:
            return n
        base_node = self._base._n
        cache = self._vcache
        if cache is not None and cache[0] is base_node:
            return cache[1]
        node = views.read(base_node, self._geometry(), settings.eager_threshold, self._path)
        self._vcache = (base_node, node)
        return node

    def _get_dummy(self) -> np.ndarray:
        if self._dummy is None:
            self._dummy = views.new_dummy(self._n.shape)
        return self._dummy

    def _geometry(self) -> views.View:
        """A view's geometry in its base (computed once: it never changes;
        one made by indexing is found by how it was made, see ``views.geometry``)."""
        geom = self._geom
        if geom is None:
            made, base = self._made, self._base
            key = None
            if made is not None:
                parent, _, basic = made
                key = (base._n.shape, None if parent._base is None else parent._geometry(),
                       views.index_key(basic))
            geom = self._geom = views.geometry(self._dummy, base._get_dummy(), key)
        return geom

    def _region(self, buffer: np.ndarray) -> np.ndarray:
        """This view's elements in ``buffer``, its base's buffer (a NumPy view)."""
        path = self._path
        if path is None:
            return views.strided(buffer, self._geometry())
        for index in path:
            buffer = buffer[index]
        return buffer

    def _held(self) -> np.ndarray | None:
        """The computed values as a NumPy array, not copied (a view's are a
        NumPy view of its base's buffer: only for reading at once), or None
        while they are pending."""
        node = self._n
        if node is not None:
            return node.buffer if node.op is BUFFER else None
        node = self._base._n
        return self._region(node.buffer) if node.op is BUFFER else None

    def _buffer_in_place(self) -> np.ndarray | None:
        """This array's values as a writable NumPy view of its base's buffer,
        when writing there cannot be observed: the base's node is a small
        computed buffer that nothing else refers to (no node, handle or NumPy
        view of it), so nobody holds the old values.  Else None."""
        base = self._base
        self._vcache = None    # a view's cached read must not pin the base's node
        if base is None:
            return None
        node = base._n
        if node.op is BUFFER and node.buffer.base is None \
                and node.buffer.size <= settings.eager_threshold \
                and getrefcount(node) == _SOLE_NODE \
                and getrefcount(node.buffer) == _SOLE_BUFFER \
                and self._dummy.flags.writeable:
            return self._region(node.buffer)
        return None

    def _assign(self, value: Node) -> None:
        """Replace all of this array's values by ``value`` (of its dtype, and of
        its shape or 0-d), writing through to the base of a view."""
        if self._base is None:
            if self._dummy is not None and not self._dummy.flags.writeable:
                raise ValueError("assignment destination is read-only")
            if value.shape != self._n.shape:
                value = broadcast_to(value, self._n.shape)
            self._n = _bounded(value)
            return
        if not value.pending:
            target = self._buffer_in_place()
            if target is not None:   # write in place instead of copying the whole base
                target[...] = value.buffer if value.op is BUFFER else value.arg
                return
        base = self._base
        self._vcache = None    # stale after this write: it must not pin the old node
        base._n = _bounded(views.write(base._n, self._geometry(), value,
                                       settings.eager_threshold, self._path))

    # ---- metadata, known without evaluating ----
    # (a view's shape is its dummy's and its dtype its base's: asking for
    # them never reads the view)
    @property
    def shape(self) -> tuple[int, ...]:
        n = self._n
        return n.shape if n is not None else self._dummy.shape

    @property
    def dtype(self) -> np.dtype:
        n = self._n
        return n.dtype if n is not None else self._base._n.dtype

    @property
    def ndim(self) -> int:
        return len(self.shape)

    @property
    def size(self) -> int:
        return math.prod(self.shape)

    @property
    def itemsize(self) -> int:
        return self.dtype.itemsize

    @property
    def nbytes(self) -> int:
        return self.size * self.dtype.itemsize

    @property
    def base(self) -> "ndarray | None":
        """The array whose storage a view reads (None for an array that owns it)."""
        return self._base

    @property
    def strides(self) -> tuple[int, ...]:
        """The strides NumPy would report for the equivalent array, in bytes."""
        itemsize = self.dtype.itemsize
        return tuple(t * itemsize for t in self._get_dummy().strides)

    @property
    def flags(self) -> "Flags":
        dummy = self._get_dummy()
        return Flags(dummy.flags.c_contiguous, dummy.flags.f_contiguous,
                     dummy.flags.writeable, self._base is None)

    def __len__(self) -> int:
        shape = self.shape
        if not shape:
            raise TypeError("len() of unsized object")
        return shape[0]

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

    def _scalar(self, operation: str) -> np.generic:
        """The value of a 0-d array as a NumPy scalar (other arrays: TypeError,
        as ``numpy.ndarray`` has no such operation)."""
        if self._node.shape:
            raise TypeError(f"{operation}() of a lazyarray array needs a 0-d array, "
                            f"not one of shape {self._node.shape}")
        return self._value()[()]

    def __round__(self, ndigits: int | None = None) -> object:
        """``round(x)`` of a 0-d array: NumPy's scalar rounding (an int
        without ``ndigits``, else a NumPy scalar of the array's dtype)."""
        return round(self._scalar("round"), ndigits)

    def __floor__(self) -> int:
        """``math.floor(x)`` of a 0-d array, as of NumPy's scalar."""
        return math.floor(self._scalar("math.floor"))

    def __ceil__(self) -> int:
        """``math.ceil(x)`` of a 0-d array, as of NumPy's scalar."""
        return math.ceil(self._scalar("math.ceil"))

    def __trunc__(self) -> int:
        """``math.trunc(x)`` of a 0-d array, as of NumPy's scalar (which only
        float64 defines)."""
        return math.trunc(self._scalar("math.trunc"))

    def item(self, *args: int) -> object:
        return self._value().item(*args)

    def tolist(self) -> object:
        return self._value().tolist()

    def __iter__(self):
        if not self._node.shape:
            raise TypeError("iteration over a 0-d array")
        evaluate_nodes([self._node])   # iteration is an evaluation trigger
        return (self[i] for i in range(self._node.shape[0]))   # views, as in NumPy

    def copy(self) -> "ndarray":
        """A copy: a new base array with the same (immutable) node."""
        return handle(self._node)


class Flags:
    """The subset of ``numpy.ndarray.flags`` lazyarray reports (read-only)."""

    __slots__ = ("c_contiguous", "f_contiguous", "writeable", "owndata")

    def __init__(self, c_contiguous: bool, f_contiguous: bool, writeable: bool, owndata: bool):
        self.c_contiguous = c_contiguous
        self.f_contiguous = f_contiguous
        self.writeable = writeable
        self.owndata = owndata

    def __getitem__(self, name: str) -> bool:
        key = {"C": "c_contiguous", "F": "f_contiguous", "W": "writeable", "O": "owndata",
               "CONTIGUOUS": "c_contiguous"}.get(name.upper(), name.lower())
        return getattr(self, key)

    def __repr__(self) -> str:
        return "\n".join(f"  {name.upper()} : {getattr(self, name)}" for name in self.__slots__)


_new = object.__new__


def handle(node: Node) -> ndarray:
    """A new base array for ``node`` (the fast path of every op: kept flat)."""
    a = _new(ndarray)
    a._n = node
    a._base = a._dummy = a._geom = a._vcache = a._path = a._made = None
    return a


def view(base: ndarray, dummy: np.ndarray, path: tuple | None = None,
         made: tuple | None = None) -> ndarray:
    """A view of ``base`` (itself a base array) with the geometry of ``dummy``;
    for a view made by basic indexing, ``path`` (the basic indices that give
    it from the base, when all its makers were indexing) and ``made``: see
    ``ndarray``."""
    a = _new(ndarray)
    a._n = a._geom = a._vcache = None
    a._base = base
    a._dummy = dummy
    a._path = path
    a._made = made
    return a


def _bounded(node: Node) -> Node:
    """``node``, evaluated at once if it is past the graph depth bound."""
    if node.depth > settings.max_depth:
        counters.auto_evaluations += 1
        evaluate_nodes([node])
    return node


def wrap(node: Node) -> ndarray:
    """A base array for a new pending node (evaluated past the graph depth bound)."""
    if node.depth > settings.max_depth:
        _bounded(node)
    return handle(node)


def evaluate(*arrays: ndarray) -> None:
    """Compute all the given arrays together (their pending work is fused jointly)."""
    evaluate_nodes([a._node for a in arrays if isinstance(a, ndarray)])
