"""Element-wise functions: NumPy's ufuncs (as far as implemented) and ``where``.

One ``Ufunc`` record per function says which NumPy ufunc defines it (its
type resolution, NEP 50 weak scalars, errors) and which scalar function of
the graph computes it.  Calling one:

* checks and resolves dtypes and the broadcast shape at once (errors are
  raised here, by the call that caused them);
* if every input is already computed and the result is small
  (``settings.eager_threshold`` elements), runs NumPy's ufunc now;
* otherwise records casts, broadcasts and a ``MAP`` node.
"""
from __future__ import annotations

import numpy as np

from .. import dtypes
from ..array import ndarray, wrap
from ..config import settings
from ..graph import BUFFER, CONST, Node, broadcast_to, buffer_node, cast, const_node, map_node
from ..stats import counters
from .creation import as_node, asarray, astype

_SCALARS = (bool, int, float)
_shapes: dict[tuple, tuple] = {}


def broadcast_shapes(*shapes: tuple) -> tuple:
    """NumPy's broadcast of shapes (cached); ValueError as NumPy's ufuncs raise it."""
    try:
        return _shapes[shapes]
    except KeyError:
        pass
    try:
        out = np.broadcast_shapes(*shapes)
    except ValueError:
        listed = " ".join(str(s) for s in shapes)
        raise ValueError(f"operands could not be broadcast together with shapes {listed} ") from None
    _shapes[shapes] = out
    return out


def _size(shape: tuple) -> int:
    n = 1
    for d in shape:
        n *= d
    return n


def _eager_operand(x: object) -> object:
    """The NumPy value of a computed operand, or None if it is pending."""
    if isinstance(x, ndarray):
        node = x._node
        if node.op == BUFFER:
            return node.buffer
        if node.op == CONST:
            return np.asarray(node.arg, node.dtype)
        return None
    return x


def _to_node(x: object, dtype: np.dtype) -> Node:
    if type(x) in _SCALARS:
        return const_node(x, dtype)
    return cast(as_node(x), dtype)


def _wrap_result(value: object) -> ndarray:
    value = np.asarray(value)
    dtypes.check_kernel_dtype(value.dtype, "result")
    counters.eager_ops += 1
    return ndarray(buffer_node(np.ascontiguousarray(value)))


class Ufunc:
    """A lazyarray ufunc: NumPy's ``ufunc`` semantics, computed by ``scalar``."""

    def __init__(self, name: str, ufunc: np.ufunc, scalar: str, bool_scalar: str | None = None):
        self.__name__ = name
        self.ufunc = ufunc
        self.nin = ufunc.nin
        self.scalar = scalar
        self.bool_scalar = bool_scalar or scalar
        self.__doc__ = f"``numpy.{ufunc.__name__}``, fused and compiled by lazyarray."

    def __repr__(self) -> str:
        return f"<lazyarray ufunc '{self.__name__}'>"

    def __call__(self, *args: object, out: object = None, dtype: object = None,
                 **kwargs: object) -> ndarray:
        if len(args) != self.nin:
            raise TypeError(f"{self.__name__}() takes {self.nin} positional arguments "
                            f"but {len(args)} were given")
        if out is not None or kwargs:
            given = ["out"] * (out is not None) + sorted(kwargs)
            raise NotImplementedError(f"lazyarray.{self.__name__}: argument(s) {given}")
        if dtype is not None:
            args = tuple(a if type(a) in _SCALARS else astype(asarray(a), dtype) for a in args)
        return self.apply(args)

    def apply(self, args: tuple) -> ndarray:
        nodes = [a._node if isinstance(a, ndarray) else None for a in args]
        shapes = tuple(n.shape for n in nodes if n is not None)
        shape = shapes[0] if len(set(shapes)) <= 1 and shapes else None
        eager = [_eager_operand(a) for a in args]
        if all(e is not None for e in eager):
            if shape is None:
                shape = broadcast_shapes(*[np.shape(e) for e in eager])
            if _size(shape) <= settings.eager_threshold:
                return _wrap_result(self.ufunc(*eager))
        keys = tuple(n.dtype if n is not None else dtypes.operand_key(a) if type(a) in _SCALARS
                     else as_node(a).dtype for a, n in zip(args, nodes))
        loop = dtypes.ufunc_loop(self.ufunc, keys)
        out_dtype = loop[-1]
        for dt in loop:
            dtypes.check_kernel_dtype(dt, self.__name__)
        srcs = [_to_node(a, dt) for a, dt in zip(args, loop)]
        if shape is None:
            shape = broadcast_shapes(*[s.shape for s in srcs])
        srcs = tuple(broadcast_to(s, shape) for s in srcs)
        fn = self.bool_scalar if loop[0].kind == "b" else self.scalar
        return wrap(map_node(fn, srcs, out_dtype))


_TABLE = [
    ("add", np.add, "add", "or"),
    ("subtract", np.subtract, "sub", None),
    ("multiply", np.multiply, "mul", "and"),
    ("true_divide", np.true_divide, "div", None),
    ("negative", np.negative, "neg", None),
    ("absolute", np.absolute, "abs", None),
    ("sqrt", np.sqrt, "sqrt", None),
    ("exp", np.exp, "exp", None),
    ("log", np.log, "log", None),
    ("sin", np.sin, "sin", None),
    ("cos", np.cos, "cos", None),
    ("maximum", np.maximum, "max", None),
    ("minimum", np.minimum, "min", None),
    ("equal", np.equal, "eq", None),
    ("not_equal", np.not_equal, "ne", None),
    ("less", np.less, "lt", None),
    ("less_equal", np.less_equal, "le", None),
    ("greater", np.greater, "gt", None),
    ("greater_equal", np.greater_equal, "ge", None),
    ("logical_and", np.logical_and, "and", None),
    ("logical_or", np.logical_or, "or", None),
    ("logical_xor", np.logical_xor, "xor", None),
    ("logical_not", np.logical_not, "not", None),
    ("bitwise_and", np.bitwise_and, "and", None),
    ("bitwise_or", np.bitwise_or, "or", None),
    ("bitwise_xor", np.bitwise_xor, "xor", None),
    ("invert", np.invert, "invert", None),
]
UFUNCS: dict[str, Ufunc] = {name: Ufunc(name, uf, fn, bfn) for name, uf, fn, bfn in _TABLE}
#: NumPy's other names for the same functions.
ALIASES = {"divide": "true_divide", "abs": "absolute", "bitwise_not": "invert"}
for _alias, _target in ALIASES.items():
    UFUNCS[_alias] = UFUNCS[_target]


def where(condition: object, x: object = None, y: object = None) -> ndarray:
    """``numpy.where(condition, x, y)``; the one-argument form is not implemented yet."""
    if x is None or y is None:
        if x is None and y is None:
            raise NotImplementedError("lazyarray.where(condition) (one-argument form)")
        raise ValueError("either both or neither of x and y should be given")
    args = (condition, x, y)
    eager = [_eager_operand(a) for a in args]
    if all(e is not None for e in eager):
        shape = broadcast_shapes(*[np.shape(e) for e in eager])
        if _size(shape) <= settings.eager_threshold:
            return _wrap_result(np.where(*eager))
    keys = tuple(dtypes.operand_key(a) if type(a) in _SCALARS else as_node(a).dtype for a in (x, y))
    dtype = dtypes.result_type(*keys)
    dtypes.check_kernel_dtype(dtype, "where")
    srcs = [_to_node(condition, np.dtype(bool)), _to_node(x, dtype), _to_node(y, dtype)]
    shape = broadcast_shapes(*[s.shape for s in srcs])
    return wrap(map_node("select", tuple(broadcast_to(s, shape) for s in srcs), dtype))
