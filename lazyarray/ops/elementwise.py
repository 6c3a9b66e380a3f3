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

import math

import numpy as np

from .. import dtypes
from ..array import handle, ndarray, wrap
from ..config import settings
from ..graph import BUFFER, MAP, Node, broadcast_to, buffer_node, cast, const_node, new_node
from ..stats import counters
from .creation import as_node, asarray, astype

_SCALARS = (bool, int, float)
_BOOL = np.dtype(bool)
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
    if len(_shapes) > 4096:
        _shapes.clear()
    _shapes[shapes] = out
    return out


def _operand(x: object) -> tuple[Node | None, object]:
    """(node, dtype) of an array operand, or (None, Python type) of a weak scalar."""
    if type(x) is ndarray:
        node = x._node
        return node, node.dtype
    if type(x) in _SCALARS:
        return None, type(x)
    node = as_node(x)
    return node, node.dtype


def _source(node: Node | None, scalar: object, dtype: np.dtype, shape: tuple) -> Node:
    """An operand as a MAP source of ``dtype``: cast, and broadcast unless 0-d."""
    if node is None:
        return const_node(scalar, dtype)
    if node.dtype != dtype:
        node = cast(node, dtype)
    if node.shape != shape and node.shape:
        node = broadcast_to(node, shape)
    return node


def eager_result(value: object) -> ndarray:
    """Wrap the result of a NumPy call made on computed inputs (C-contiguous
    and of a kernel dtype, since lazyarray's buffers are)."""
    if type(value) is not np.ndarray:
        value = np.asarray(value)
    counters.eager_ops += 1
    return handle(buffer_node(value))


class Ufunc:
    """A lazyarray ufunc: NumPy's ``ufunc`` semantics, computed by ``scalar``."""

    def __init__(self, name: str, ufunc: np.ufunc, scalar: str, bool_scalar: str | None = None):
        self.__name__ = name
        self.ufunc = ufunc
        self.nin = ufunc.nin
        self.scalar = scalar
        self.bool_scalar = bool_scalar or scalar
        self._loops: dict[tuple, tuple] = {}
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
        if self.nin == 2:
            return self.binary(args[0], args[1])
        return self.unary(args[0])

    def loop(self, keys: tuple) -> tuple:
        """(input dtypes, output dtype, scalar function) for operand dtypes/types."""
        try:
            return self._loops[keys]
        except KeyError:
            pass
        resolved = dtypes.ufunc_loop(self.ufunc, keys)
        for dt in resolved:
            dtypes.check_kernel_dtype(dt, self.__name__)
        fn = self.bool_scalar if resolved[0].kind == "b" else self.scalar
        entry = self._loops[keys] = (resolved[:-1], resolved[-1], fn)
        return entry

    def unary(self, a: object) -> ndarray:
        na, ka = _operand(a)
        if na is None:
            return eager_result(self.ufunc(a))
        shape = na.shape
        if na.op is BUFFER and math.prod(shape) <= settings.eager_threshold:
            return eager_result(self.ufunc(na.buffer))
        ins, out, fn = self.loop((ka,))
        return wrap(new_node(MAP, out, shape, (_source(na, None, ins[0], shape),), fn))

    def binary(self, a: object, b: object) -> ndarray:
        # the hot path of every arithmetic operator: operand handling inlined
        if type(a) is ndarray:
            na = a._node
            ka = na.dtype
        else:
            na, ka = _operand(a)
        if type(b) is ndarray:
            nb = b._node
            kb = nb.dtype
        else:
            nb, kb = _operand(b)
        if na is None:
            if nb is None:
                return eager_result(self.ufunc(a, b))
            shape = nb.shape
        elif nb is None or na.shape == nb.shape:
            shape = na.shape
        else:
            shape = broadcast_shapes(na.shape, nb.shape)
        if (na is None or na.op is BUFFER) and (nb is None or nb.op is BUFFER) \
                and math.prod(shape) <= settings.eager_threshold:
            value = self.ufunc(a if na is None else na.buffer, b if nb is None else nb.buffer)
            if type(value) is not np.ndarray:
                value = np.asarray(value)
            counters.eager_ops += 1
            return handle(buffer_node(value))
        ins, out, fn = self.loop((ka, kb))
        srcs = (_source(na, a, ins[0], shape), _source(nb, b, ins[1], shape))
        return wrap(new_node(MAP, out, shape, srcs, fn))


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
    operands = [_operand(v) for v in (condition, x, y)]
    shape = broadcast_shapes(*[n.shape if n is not None else () for n, _ in operands])
    if all(n is None or n.op is BUFFER for n, _ in operands) \
            and math.prod(shape) <= settings.eager_threshold:
        return eager_result(np.where(*[v if n is None else n.buffer
                                        for v, (n, _) in zip((condition, x, y), operands)]))
    dtype = dtypes.result_type(operands[1][1], operands[2][1])
    dtypes.check_kernel_dtype(dtype, "where")
    srcs = tuple(_source(n, v, dt, shape) for v, (n, _), dt in
                 zip((condition, x, y), operands, (_BOOL, dtype, dtype)))
    return wrap(new_node(MAP, dtype, shape, srcs, "select"))
