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

from .. import dtypes, library
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
    """(node, dtype) of an array operand, or (None, key) of a Python scalar:
    its type for the weak int/float (NEP 50), bool's dtype for a bool."""
    if type(x) is ndarray:
        node = x._node
        return node, node.dtype
    if type(x) in _SCALARS:
        return None, _BOOL if type(x) is bool else type(x)
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
    """Wrap the result of a NumPy call made on computed inputs (C-contiguous,
    since lazyarray's buffers are; float16 results are refused as in kernels)."""
    if type(value) is not np.ndarray:
        value = np.asarray(value)
    if value.dtype not in dtypes.KERNEL_DTYPES:
        dtypes.check_kernel_dtype(value.dtype, "result")
    counters.eager_ops += 1
    return handle(buffer_node(value))


class Ufunc:
    """A lazyarray ufunc: NumPy's ``ufunc`` semantics, computed by ``scalar``.

    ``logical`` ufuncs compute on the truth values of their operands, whatever
    loop NumPy lists for them.
    """

    def __init__(self, name: str, ufunc: np.ufunc, scalar: str, bool_scalar: str | None = None,
                 logical: bool = False):
        self.__name__ = name
        self.ufunc = ufunc
        self.nin = ufunc.nin
        self.scalar = scalar
        self.bool_scalar = bool_scalar or scalar
        self.logical = logical
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
        dtype = None if dtype is None else np.dtype(dtype)
        if self.nin == 2:
            return self.binary(args[0], args[1], dtype)
        return self.unary(args[0], dtype)

    def loop(self, keys: tuple, out: np.dtype | None = None) -> tuple:
        """(input dtypes, output dtype, scalar function) for operand dtypes/types
        (and a requested output dtype, NumPy's ``dtype=``)."""
        try:
            return self._loops[keys, out]
        except KeyError:
            pass
        if out is None:
            resolved = dtypes.ufunc_loop(self.ufunc, keys)
        else:
            resolved = self.ufunc.resolve_dtypes(keys + (None,), signature=(None,) * self.nin + (out,),
                                                 casting="same_kind")
        ins = (_BOOL,) * self.nin if self.logical else resolved[:-1]
        for dt in ins + resolved[-1:]:
            dtypes.check_kernel_dtype(dt, self.__name__)
        fn = self.bool_scalar if ins[0].kind == "b" else self.scalar
        entry = self._loops[keys, out] = (ins, resolved[-1], fn)
        return entry

    def unary(self, a: object, dtype: np.dtype | None = None) -> ndarray:
        na, ka = _operand(a)
        if na is None:
            return eager_result(self.ufunc(a, dtype=dtype))
        shape = na.shape
        if na.op is BUFFER and math.prod(shape) <= settings.eager_threshold:
            return eager_result(self.ufunc(na.buffer, dtype=dtype))
        ins, out, fn = self.loop((ka,), dtype)
        return wrap(new_node(MAP, out, shape, (_source(na, None, ins[0], shape),), fn))

    def binary(self, a: object, b: object, dtype: np.dtype | None = None) -> ndarray:
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
                return eager_result(self.ufunc(a, b, dtype=dtype))
            shape = nb.shape
        elif nb is None or na.shape == nb.shape:
            shape = na.shape
        else:
            shape = broadcast_shapes(na.shape, nb.shape)
        if (na is None or na.op is BUFFER) and (nb is None or nb.op is BUFFER) \
                and math.prod(shape) <= settings.eager_threshold:
            return eager_result(self.ufunc(a if na is None else na.buffer,
                                           b if nb is None else nb.buffer, dtype=dtype))
        ins, out, fn = self.loop((ka, kb), dtype)
        srcs = (_source(na, a, ins[0], shape), _source(nb, b, ins[1], shape))
        return wrap(new_node(MAP, out, shape, srcs, fn))


class Comparison(Ufunc):
    """A comparison: also exact where NumPy's loop mixes signed and unsigned
    64-bit integers, and against Python ints outside the array's range."""

    _SWAPPED = {"lt": "gt", "le": "ge", "gt": "lt", "ge": "le", "eq": "eq", "ne": "ne"}

    def binary(self, a: object, b: object, dtype: np.dtype | None = None) -> ndarray:
        for scalar, other, op in ((b, a, self.scalar), (a, b, self._SWAPPED[self.scalar])):
            if type(scalar) is int and isinstance(other, ndarray) and other.dtype.kind in "iu" \
                    and not np.can_cast(np.min_scalar_type(scalar), other.dtype) \
                    and dtype is None and _outside(scalar, other.dtype):
                # `other OP scalar` with the scalar beyond every value of the dtype
                above = scalar > 0
                result = op in ("lt", "le", "ne") if above else op in ("gt", "ge", "ne")
                return broadcast_to_array(result, other.shape)
        na, ka = _operand(a)
        nb, kb = _operand(b)
        if na is not None and nb is not None and dtype is None \
                and {ka.kind, kb.kind} == {"i", "u"} and 8 in (ka.itemsize, kb.itemsize):
            loop = dtypes.ufunc_loop(self.ufunc, (ka, kb))
            if loop[0] != loop[1]:
                return self._mixed_sign(na, nb)
        return super().binary(a, b, dtype)

    def _mixed_sign(self, na: Node, nb: Node) -> ndarray:
        """Signed vs unsigned 64-bit: a negative signed operand decides alone,
        otherwise both compare as uint64."""
        shape = broadcast_shapes(na.shape, nb.shape)
        u64 = np.dtype(np.uint64)
        signed_first = na.dtype.kind == "i"
        signed = na if signed_first else nb
        op = self.scalar if signed_first else self._SWAPPED[self.scalar]
        negative_wins = op in ("lt", "le", "ne")     # signed < 0 <= unsigned
        srcs = (_source(na, None, u64, shape), _source(nb, None, u64, shape))
        compare = new_node(MAP, _BOOL, shape, srcs, self.scalar)
        negative = new_node(MAP, _BOOL, signed.shape,
                            (signed, const_node(0, signed.dtype)), "lt")
        fixed = const_node(negative_wins, _BOOL)
        return wrap(new_node(MAP, _BOOL, shape,
                             (_source(negative, None, _BOOL, shape), fixed, compare), "select"))


def _outside(value: int, dtype: np.dtype) -> bool:
    info = np.iinfo(dtype)
    return value > info.max or value < info.min


def broadcast_to_array(value: bool, shape: tuple) -> ndarray:
    """A bool array of ``shape`` filled with ``value`` (lazy, no data)."""
    node = const_node(value, _BOOL)
    return wrap(broadcast_to(node, shape)) if shape else handle(buffer_node(np.asarray(value)))


_TABLE = [
    ("add", np.add, "add", "or"),
    ("subtract", np.subtract, "sub", None),
    ("multiply", np.multiply, "mul", "and"),
    ("true_divide", np.true_divide, "div", None),
    ("negative", np.negative, "neg", None),
    ("positive", np.positive, "cast", None),
    ("absolute", np.absolute, "abs", None),
    ("sqrt", np.sqrt, "sqrt", None),
    ("exp", np.exp, "exp", None),
    ("log", np.log, "log", None),
    ("sin", np.sin, "sin", None),
    ("cos", np.cos, "cos", None),
    ("tan", np.tan, "tan", None),
    ("exp2", np.exp2, "exp2", None),
    ("expm1", np.expm1, "expm1", None),
    ("log2", np.log2, "log2", None),
    ("log10", np.log10, "log10", None),
    ("log1p", np.log1p, "log1p", None),
    ("arcsin", np.arcsin, "arcsin", None),
    ("arccos", np.arccos, "arccos", None),
    ("arctan", np.arctan, "arctan", None),
    ("sinh", np.sinh, "sinh", None),
    ("cosh", np.cosh, "cosh", None),
    ("tanh", np.tanh, "tanh", None),
    ("arcsinh", np.arcsinh, "arcsinh", None),
    ("arccosh", np.arccosh, "arccosh", None),
    ("arctanh", np.arctanh, "arctanh", None),
    ("deg2rad", np.deg2rad, "deg2rad", None),
    ("rad2deg", np.rad2deg, "rad2deg", None),
    ("hypot", np.hypot, "hypot", None),
    ("arctan2", np.arctan2, "arctan2", None),
    ("logaddexp", np.logaddexp, "logaddexp", None),
    ("logaddexp2", np.logaddexp2, "logaddexp2", None),
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
_COMPARISONS = {"equal", "not_equal", "less", "less_equal", "greater", "greater_equal"}
_LOGICAL = {"logical_and", "logical_or", "logical_xor", "logical_not"}
UFUNCS: dict[str, Ufunc] = {
    name: (Comparison if name in _COMPARISONS else Ufunc)(name, uf, fn, bfn, logical=name in _LOGICAL)
    for name, uf, fn, bfn in _TABLE}
#: NumPy's other names for the same functions.
ALIASES = {"divide": "true_divide", "abs": "absolute", "bitwise_not": "invert",
           "radians": "deg2rad", "degrees": "rad2deg"}
for _alias, _target in ALIASES.items():
    UFUNCS[_alias] = UFUNCS[_target]


def where(condition: object, x: object = None, y: object = None) -> ndarray:
    """``numpy.where(condition, x, y)``; ``where(condition)`` is ``nonzero(condition)``
    (it evaluates the condition: the result's length depends on it)."""
    if x is None or y is None:
        if x is None and y is None:
            return library.call("nonzero", np.nonzero, condition)
        raise ValueError("either both or neither of x and y should be given")
    operands = [_operand(v) for v in (condition, x, y)]
    shape = broadcast_shapes(*[n.shape if n is not None else () for n, _ in operands])
    if all(n is None or n.op is BUFFER for n, _ in operands) \
            and math.prod(shape) <= settings.eager_threshold:
        return eager_result(np.where(*[v if n is None else n.buffer
                                        for v, (n, _) in zip((condition, x, y), operands)]))
    dtype = dtypes.result_type(operands[1][1], operands[2][1])
    dtypes.check_kernel_dtype(dtype, "where")
    # a Python scalar becomes the result dtype as NumPy's where converts it
    # (integers wrap around), not as a ufunc operand would (OverflowError)
    values = [np.asarray(v).astype(dt).item() if n is None else v
              for v, (n, _), dt in zip((condition, x, y), operands, (_BOOL, dtype, dtype))]
    srcs = tuple(_source(n, v, dt, shape) for v, (n, _), dt in
                 zip(values, operands, (_BOOL, dtype, dtype)))
    return wrap(new_node(MAP, dtype, shape, srcs, "select"))
