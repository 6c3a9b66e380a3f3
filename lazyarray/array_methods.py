"""Operators and methods of ``ndarray``, attached here so that ``array.py``
does not depend on the op families (as ``jax/_src/numpy/array_methods.py``)."""
from __future__ import annotations

import numpy as np

from . import fallback, library
from .array import ndarray
from .ops import (contractions, creation, diagonals, indexing, manipulation, mutation,
                  reductions, scans, selection, sorting, statistics, tiling, ufunc_functions)
from .ops.elementwise import operator
from .ops.ufunc_table import UFUNCS

_BINARY = {
    "add": "add", "sub": "subtract", "mul": "multiply", "truediv": "true_divide",
    "lt": "less", "le": "less_equal", "gt": "greater", "ge": "greater_equal",
    "eq": "equal", "ne": "not_equal", "and": "bitwise_and", "or": "bitwise_or",
    "xor": "bitwise_xor", "floordiv": "floor_divide", "mod": "remainder", "pow": "power",
    "lshift": "left_shift", "rshift": "right_shift",
}
_REFLECTED = {"add", "sub", "mul", "truediv", "and", "or", "xor", "floordiv", "mod", "pow",
              "lshift", "rshift"}
_UNARY = {"neg": "negative", "pos": "positive", "abs": "absolute", "invert": "invert"}


def _unary(ufunc):
    unary = ufunc.unary

    def method(self):
        return unary(self)
    return method


def _method(fn):
    """``x.name(*args)`` for the function ``name(x, *args)``; NumPy's methods
    take shapes and axes both as one tuple and as separate arguments."""
    def method(self, *args, **kwargs):
        if fn.__name__ in ("reshape", "transpose") and len(args) > 1:
            args = (args,)
        if fn.__name__ == "transpose" and not args:
            args = (None,)
        return fn(self, *args, **kwargs)
    method.__name__ = fn.__name__
    method.__doc__ = fn.__doc__
    return method


def _getattr(self: ndarray, name: str):
    """NumPy ndarray attributes without a native version: the loud fallback."""
    if name.startswith("_") or not hasattr(np.ndarray, name):
        raise AttributeError(f"'lazyarray.ndarray' object has no attribute {name!r}")
    attr = getattr(np.ndarray, name)
    if callable(attr):
        return fallback.method(name).__get__(self)
    fallback.announce(f"ndarray.{name}")
    value = self.__array__()
    return library.to_lazy(getattr(value, name), (value,))


def _array_ufunc(self: ndarray, ufunc: np.ufunc, method: str, *inputs, **kwargs):
    """``numpy.add(lazy, ...)`` and friends run lazily when lazyarray has the ufunc."""
    impl = UFUNCS.get(ufunc.__name__)
    if impl is not None:
        return (impl if method == "__call__" else getattr(impl, method))(*inputs, **kwargs)
    name = ufunc.__name__ if method == "__call__" else f"{ufunc.__name__}.{method}"
    return fallback.wrap_function(name, getattr(ufunc, method) if method != "__call__" else ufunc)(
        *inputs, **kwargs)


def _attach() -> None:
    for short, name in _BINARY.items():
        setattr(ndarray, f"__{short}__", operator(UFUNCS[name]))
        if short in _REFLECTED:
            setattr(ndarray, f"__r{short}__", operator(UFUNCS[name], reflected=True))
        setattr(ndarray, f"__i{short}__", indexing.inplace(UFUNCS[name].binary, UFUNCS[name].ufunc))
    for short, name in _UNARY.items():
        setattr(ndarray, f"__{short}__", _unary(UFUNCS[name]))
    ndarray.__divmod__ = lambda self, other: UFUNCS["divmod"](self, other)
    ndarray.__rdivmod__ = lambda self, other: UFUNCS["divmod"](other, self)
    ndarray.__matmul__ = lambda self, other: contractions.matmul(self, other)
    ndarray.__imatmul__ = indexing.inplace(contractions.matmul, np.matmul)
    ndarray.__rmatmul__ = lambda self, other: contractions.matmul(other, self)
    ndarray.dot = lambda self, other: contractions.dot(self, other)
    ndarray.__getitem__ = indexing.getitem
    ndarray.__setitem__ = indexing.setitem
    ndarray.T = property(lambda self: manipulation.transpose(self))
    ndarray.mT = property(manipulation.matrix_transpose)
    for name in ("reshape", "ravel", "flatten", "transpose", "swapaxes", "squeeze"):
        setattr(ndarray, name, _method(getattr(manipulation, name)))
    ndarray.view = manipulation.view_method
    ndarray.fill = mutation.fill
    ndarray.resize = mutation.resize_inplace
    ndarray.diagonal = _method(manipulation.diagonal)
    ndarray.repeat = _method(tiling.repeat)
    ndarray.trace = _method(diagonals.trace)
    ndarray.__getattr__ = _getattr
    ndarray.__array_ufunc__ = _array_ufunc
    ndarray.astype = creation.astype
    for name in ("sum", "prod", "max", "min", "mean", "any", "all", "argmax", "argmin"):
        setattr(ndarray, name, getattr(reductions, name))
    for name in ("take", "put", "nonzero"):
        setattr(ndarray, name, _method(getattr(selection, name)))
    ndarray.compress = lambda self, condition, axis=None, out=None: \
        selection.compress(condition, self, axis, out)
    ndarray.choose = lambda self, choices, out=None, mode="raise": \
        selection.choose(self, choices, out, mode)
    for name in ("argsort", "argpartition", "searchsorted"):
        setattr(ndarray, name, sorting.method(name))
    for name in ("sort", "partition"):
        setattr(ndarray, name, sorting.inplace_method(name))
    for name in ("var", "std"):
        setattr(ndarray, name, getattr(statistics, name))
    for name in ("cumsum", "cumprod"):
        setattr(ndarray, name, getattr(scans, name))
    for name in ("round", "clip"):
        setattr(ndarray, name, _method(getattr(ufunc_functions, name)))
    ndarray.conj = ndarray.conjugate = _unary(UFUNCS["conjugate"])
    ndarray.real = property(ufunc_functions.real)
    ndarray.imag = property(ufunc_functions.imag)


_attach()
