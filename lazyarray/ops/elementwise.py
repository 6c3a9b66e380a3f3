"""Element-wise functions: NumPy's ufuncs and ``where``.

One ``Ufunc`` record per function says which NumPy ufunc defines it (its
type resolution, NEP 50 weak scalars, errors) and how the graph computes it:
one scalar function of a ``MAP`` node, or a ``build`` function composing
several (``lazyarray.ops.ufunc_table``).  Calling one:

* checks and resolves dtypes and the broadcast shape at once (errors are
  raised here, by the call that caused them, as NumPy's own exceptions);
* if every input is already computed and the result is small
  (``settings.eager_threshold`` elements), runs NumPy's ufunc now;
* if NumPy's loop has a dtype kernels do not compute (longdouble, or
  complex for a ufunc not in ``dtypes.COMPLEX_UFUNCS``: exp, log, power, ...),
  runs NumPy's ufunc on the evaluated inputs (``library.call``: not fused,
  counted in ``stats()["library_calls"]``);
* otherwise records casts, broadcasts and ``MAP`` nodes.

``out=``, ``where=``, ``casting=``, ``dtype=`` and ``signature=`` follow
NumPy (``where`` without ``out`` leaves the masked-out elements 0, where
NumPy leaves them uninitialized).
"""
from __future__ import annotations

import math
from math import prod as _prod
from typing import Callable

import numpy as np

from .. import dtypes, library
from ..array import handle, ndarray, wrap
from ..config import settings
from ..graph import (BUFFER, MAP, Node, broadcast_to, buffer_node, cast, const_node, map2,
                     new_node)
from ..dtypes import KERNEL_DTYPES as _KERNEL_DTYPES
from ..stats import counters
from .creation import as_node

_SCALARS = (bool, int, float, complex)
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
    if node.dtype is not dtype and node.dtype != dtype:
        node = cast(node, dtype)
    if node.shape != shape and node.shape:
        node = broadcast_to(node, shape)
    return node


def eager_result(value: object) -> ndarray:
    """Wrap the result of a NumPy call made on computed inputs (C-contiguous,
    since lazyarray's buffers are)."""
    if type(value) is not np.ndarray:
        value = np.asarray(value)
    if value.dtype not in _KERNEL_DTYPES:
        dtypes.check_held_dtype(value.dtype, "result")
    counters.eager_ops += 1
    return handle(buffer_node(value))


class Ufunc:
    """A lazyarray ufunc: NumPy's ``ufunc`` semantics, computed by ``scalar``
    (or by ``build(ufunc, srcs, ins, outs, shape)``, which returns one node per
    output from the sources already cast to the loop's input dtypes).

    ``logical`` ufuncs compute on the truth values of their operands, whatever
    loop NumPy lists for them.
    """

    def __init__(self, name: str, ufunc: np.ufunc, scalar: str | None,
                 bool_scalar: str | None = None, logical: bool = False,
                 build: Callable | None = None):
        self.__name__ = name
        self.ufunc = ufunc
        self.nin, self.nout, self.nargs = ufunc.nin, ufunc.nout, ufunc.nargs
        self.signature = None
        self.scalar = scalar
        self.bool_scalar = bool_scalar or scalar
        self.logical = logical
        self.build = build
        self._loops: dict[tuple, tuple] = {}
        #: (a, b) operand keys -> (in dtype a, in dtype b, out dtype, scalar
        #: function) of the default two-operand loop, when kernels compute it
        self._default_loops: dict[tuple, tuple] = {}
        self.__doc__ = f"``numpy.{ufunc.__name__}``, fused and compiled by lazyarray."

    def __repr__(self) -> str:
        return f"<lazyarray ufunc '{self.__name__}'>"

    @property
    def types(self) -> list[str]:
        return self.ufunc.types

    @property
    def ntypes(self) -> int:
        return self.ufunc.ntypes

    @property
    def identity(self) -> object:
        return self.ufunc.identity

    # NumPy's ufunc methods (lazyarray.ops.ufunc_methods)
    def reduce(self, array: object, axis: object = 0, dtype: object = None, out: object = None,
               keepdims: bool = False, initial: object = np._NoValue,
               where: object = True) -> ndarray:
        """``numpy.ufunc.reduce``: a fused ``REDUCE`` for add, multiply, maximum,
        minimum, fmax, fmin, the logical and bitwise and/or; NumPy's left fold
        otherwise."""
        from .ufunc_methods import reduce
        return reduce(self, array, axis, dtype, out, keepdims, initial, where)

    def accumulate(self, array: object, axis: int = 0, dtype: object = None,
                   out: object = None) -> ndarray:
        """``numpy.ufunc.accumulate`` (add and multiply: ``cumsum``/``cumprod``)."""
        from .ufunc_methods import accumulate
        return accumulate(self, array, axis, dtype, out)

    def outer(self, a: object, b: object, **kwargs: object) -> ndarray | tuple:
        """``numpy.ufunc.outer``: broadcasting, fused."""
        from .ufunc_methods import outer
        return outer(self, a, b, **kwargs)

    def reduceat(self, array: object, indices: object, axis: int = 0, dtype: object = None,
                 out: object = None) -> ndarray:
        """``numpy.ufunc.reduceat`` (an opaque library call)."""
        from .ufunc_methods import reduceat
        return reduceat(self, array, indices, axis, dtype, out)

    def at(self, a: ndarray, indices: object, b: object = None) -> None:
        """``numpy.ufunc.at``: unbuffered in place (repeated indices accumulate)."""
        from .ufunc_methods import at
        at(self, a, indices, b)

    def resolve_dtypes(self, *args: object, **kwargs: object) -> tuple:
        """``numpy.ufunc.resolve_dtypes``."""
        return self.ufunc.resolve_dtypes(*args, **kwargs)

    def __call__(self, *args: object, out: object = None, where: object = True,
                 casting: str = "same_kind", order: str = "K", dtype: object = None,
                 subok: bool = True, signature: object = None) -> ndarray | tuple:
        if len(args) > self.nin and len(args) <= self.nargs:
            if out is not None:
                raise TypeError("cannot specify 'out' as both a positional and keyword argument")
            out = args[self.nin:]
            args = args[:self.nin]
        if len(args) != self.nin:
            raise TypeError(f"{self.__name__}() takes from {self.nin} to {self.nargs} positional "
                            f"arguments but {len(args)} were given")
        sig = _signature(self, dtype, signature)
        if out is None and where is True and casting == "same_kind" and sig is None:
            if self.nout == 1 and self.build is None:
                return self.binary(*args) if self.nin == 2 else self.unary(*args)
            results = self.apply(args)
        else:
            results = self._apply_with(args, _outs(self, out), where, casting, sig)
        return results[0] if self.nout == 1 else results

    def loop(self, keys: tuple, sig: tuple | None = None, casting: str = "same_kind") -> tuple:
        """(input dtypes, output dtypes, computed by kernels?) for operand
        dtypes/types, a signature (NumPy's ``dtype=``/``signature=``) and casting rule."""
        key = (keys, sig, casting)
        try:
            return self._loops[key]
        except KeyError:
            pass
        if sig is None and casting == "same_kind":
            resolved = dtypes.ufunc_loop(self.ufunc, keys)
        else:
            resolved = self.ufunc.resolve_dtypes(keys + (None,) * self.nout, casting=casting,
                                                 **({} if sig is None else {"signature": sig}))
        ins = (_BOOL,) * self.nin if self.logical else resolved[:self.nin]
        outs = resolved[self.nin:]
        operands = tuple(k for k in keys if isinstance(k, np.dtype))
        kernel = all(dt in dtypes.KERNEL_DTYPES for dt in ins + outs + operands) and (
            self.__name__ in dtypes.COMPLEX_UFUNCS
            or not any(dt.kind == "c" for dt in ins + outs + operands))
        entry = self._loops[key] = (ins, outs, kernel)
        return entry

    def nodes(self, srcs: tuple, ins: tuple, outs: tuple, shape: tuple) -> tuple:
        """The output nodes of the loop (``ins`` -> ``outs``) on cast sources."""
        if self.build is not None:
            return self.build(self, srcs, ins, outs, shape)
        fn = self.bool_scalar if ins[0].kind == "b" else self.scalar
        return (new_node(MAP, outs[0], shape, srcs, fn),)

    def apply(self, args: tuple, sig: tuple | None = None,
              casting: str = "same_kind") -> tuple[ndarray, ...]:
        """The results of the ufunc on ``args`` (the general path)."""
        operands = [_operand(a) for a in args]
        shape = broadcast_shapes(*[n.shape for n, _ in operands if n is not None])
        kwargs = {} if casting == "same_kind" else {"casting": casting}
        if sig is not None:
            kwargs["signature"] = sig
        if all(n is None or n.op is BUFFER for n, _ in operands) \
                and math.prod(shape) <= settings.eager_threshold:
            values = self.ufunc(*[a if n is None else n.buffer for a, (n, _) in zip(args, operands)],
                                **kwargs)
            return tuple(eager_result(v) for v in (values if self.nout > 1 else (values,)))
        ins, outs, kernel = self.loop(tuple(k for _, k in operands), sig, casting)
        if not kernel:
            values = library.call(self.__name__, self.ufunc, *args, **kwargs)
            return values if self.nout > 1 else (values,)
        srcs = tuple(_source(n, a, dt, shape) for a, (n, _), dt in zip(args, operands, ins))
        return tuple(wrap(node) for node in self.nodes(srcs, ins, outs, shape))

    def _apply_with(self, args: tuple, outs: tuple, where: object, casting: str,
                    sig: tuple | None) -> tuple[ndarray, ...]:
        """``out=`` / ``where=``: results written into the given arrays."""
        if casting not in _CASTINGS:
            raise ValueError(f"casting must be one of {', '.join(map(repr, _CASTINGS))}")
        from .indexing import store

        mask = None if where is True else as_node(where)
        if any(o is not None and o.dtype not in dtypes.KERNEL_DTYPES for o in outs):
            return self._library_with(args, outs, where, casting, sig)
        results = self.apply(args, sig, casting)
        if any(r.dtype not in dtypes.KERNEL_DTYPES for r in results):
            return self._library_with(args, outs, where, casting, sig)
        for result, o in zip(results, outs):
            if o is not None and result.dtype != o.dtype \
                    and not np.can_cast(result.dtype, o.dtype, casting):
                self._raise_cast_error(args, outs, casting, sig)
        done = []
        for result, o in zip(results, outs):
            node = result._node
            if mask is not None:
                dtype = node.dtype if o is None else o.dtype
                shape = broadcast_shapes(node.shape, mask.shape, *([] if o is None else [o.shape]))
                if o is not None and shape != o.shape:
                    raise ValueError(f"non-broadcastable output operand with shape {o.shape} "
                                     f"doesn't match the broadcast shape {shape}")
                old = const_node(0, dtype) if o is None else o._node
                node = new_node(MAP, dtype, shape, (_source(mask, None, _BOOL, shape),
                                                    _source(node, None, dtype, shape), old), "select")
            done.append(handle(node) if o is None else store(o, handle(node), "unsafe", None))
        return tuple(done)

    def _library_with(self, args: tuple, outs: tuple, where: object, casting: str,
                      sig: tuple | None) -> tuple[ndarray, ...]:
        """``out=``/``where=`` through NumPy (dtypes kernels do not compute yet):
        NumPy writes into copies of the outputs' values, which replace them."""
        values = tuple(None if o is None else np.array(o) for o in outs)
        kwargs = {} if sig is None else {"signature": sig}
        results = library.call(self.__name__, self.ufunc, *args, out=values, where=where,
                               casting=casting, **kwargs)
        results = results if self.nout > 1 else (results,)
        done = []
        for o, v, r in zip(outs, values, results):
            if o is None:
                done.append(r)
            else:
                o._assign(buffer_node(v))
                done.append(o)
        return tuple(done)

    def _raise_cast_error(self, args: tuple, outs: tuple, casting: str, sig: tuple | None) -> None:
        """Raise NumPy's own error for outputs the results may not be cast to."""
        dummies = [a if type(a) in _SCALARS else np.zeros(0, as_node(a).dtype) for a in args]
        self.ufunc(*dummies, out=tuple(None if o is None else np.zeros(0, o.dtype) for o in outs),
                   casting=casting, **({} if sig is None else {"signature": sig}))
        raise AssertionError("NumPy accepted a cast lazyarray refused")

    def unary(self, a: object, dtype: np.dtype | None = None) -> ndarray:
        """``self(a)`` (one output)."""
        return self.apply((a,), _signature(self, dtype, None))[0]

    def binary(self, a: object, b: object, dtype: np.dtype | None = None) -> ndarray:
        """``self(a, b)`` (one output): the hot path of every arithmetic operator,
        operand handling inlined."""
        if dtype is not None or self.build is not None:
            return self.apply((a, b), _signature(self, dtype, None))[0]
        ta = type(a)
        if ta is ndarray:
            na = a._n
            if na is None:
                na = a._node
        elif ta is float or ta is int:
            na, ka = None, ta
        else:
            na, ka = _operand(a)
        tb = type(b)
        if tb is ndarray:
            nb = b._n
            if nb is None:
                nb = b._node
        elif tb is float or tb is int:
            nb, kb = None, tb
        else:
            nb, kb = _operand(b)
        if na is None:
            if nb is None:
                return self.apply((a, b))[0]
            shape = nb.shape
        elif nb is None or na.shape == nb.shape:
            shape = na.shape
        else:
            shape = broadcast_shapes(na.shape, nb.shape)
        if (na is None or na.op is BUFFER) and (nb is None or nb.op is BUFFER) \
                and _prod(shape) <= settings.eager_threshold:
            return eager_result(self.ufunc(a if na is None else na.buffer,
                                           b if nb is None else nb.buffer))
        if na is not None:
            ka = na.dtype
        if nb is not None:
            kb = nb.dtype
        entry = self._default_loops.get((ka, kb))
        if entry is None:
            ins, outs, kernel = self.loop((ka, kb))
            if not kernel:
                return self.apply((a, b))[0]
            entry = self._default_loops[ka, kb] = (
                ins[0], ins[1], outs[0], self.bool_scalar if ins[0].kind == "b" else self.scalar)
        in_a, in_b, out, fn = entry
        node = map2(out, shape, _source(na, a, in_a, shape), _source(nb, b, in_b, shape), fn)
        if node.depth > settings.max_depth:
            return wrap(node)
        return handle(node)


def operator(uf: Ufunc, reflected: bool = False) -> Callable:
    """The method ``ndarray.__op__`` of ``uf`` (``__rop__`` if ``reflected``).

    One flat function, as it is the hot path of small computed arrays: a
    computed array and a Python int/float or a computed array of its shape
    (or 0-d) run NumPy's ufunc at once when the result is small, as
    ``uf.binary`` would; everything else goes to ``uf.binary``."""
    call, binary = uf.ufunc, uf.binary

    def method(self: ndarray, other: object) -> ndarray:
        node = self._n
        if node is not None and node.op is BUFFER:
            kind = type(other)
            value = node.buffer
            size = _UNSIZED
            if kind is float or kind is int:
                given, size = other, value.size
            elif kind is ndarray:
                on = other._n
                if on is not None and on.op is BUFFER:
                    given, shape = on.buffer, on.shape
                    if shape == node.shape or not shape:
                        size = value.size
                    elif not node.shape:
                        size = given.size
            if size <= settings.eager_threshold:
                return eager_result(call(given, value) if reflected else call(value, given))
        return binary(other, self) if reflected else binary(self, other)

    return method


#: ``operator``'s size for operands it leaves to ``Ufunc.binary``.
_UNSIZED = float("inf")


_CASTINGS = ("no", "equiv", "safe", "same_kind", "unsafe")


def _signature(uf: Ufunc, dtype: object, signature: object) -> tuple | None:
    """NumPy's ``dtype=`` / ``signature=`` as a signature tuple (None: neither)."""
    if signature is not None:
        if dtype is not None:
            raise TypeError("cannot specify both 'signature' and 'dtype'")
        if isinstance(signature, str):
            signature = tuple(signature.replace("->", ""))
        if not isinstance(signature, tuple):
            signature = (signature,) * uf.nargs
        if len(signature) != uf.nargs:
            raise ValueError(f"a type-tuple must be specified of length {uf.nargs} for ufunc "
                             f"'{uf.__name__}'")
        return tuple(None if t is None else np.dtype(t) for t in signature)
    if dtype is None:
        return None
    return (None,) * uf.nin + (np.dtype(dtype),) * uf.nout


def _outs(uf: Ufunc, out: object) -> tuple:
    """``out=`` as one entry (an array or None) per output."""
    outs = out if isinstance(out, tuple) else (out,)
    if len(outs) != uf.nout:
        raise ValueError(f"The 'out' tuple must have exactly {uf.nout} entries: one per ufunc output")
    for o in outs:
        if o is not None and not isinstance(o, ndarray):
            raise TypeError("return arrays must be of ArrayType (a lazyarray.ndarray)")
    return outs


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
