"""NumPy functions made of ufuncs: round/around, fix, clip, nan_to_num,
real, imag, angle.

Each follows NumPy's own composition (the same ufunc calls, in the same
dtypes, with the same ``out=`` handling), so results and errors are NumPy's.
Complex inputs of round and nan_to_num run through NumPy (``library.call``),
not fused; ``real``/``imag`` of a complex array are copies (NumPy: views that
write through).
"""
from __future__ import annotations

import math

import numpy as np

from .. import library
from ..array import handle, ndarray
from ..dtypes import KERNEL_DTYPES
from ..graph import MAP, new_node
from .creation import asarray, zeros
from .elementwise import Ufunc, where
from .ufunc_table import UFUNCS



def _clip_nodes(uf: Ufunc, srcs: tuple, ins: tuple, outs: tuple, shape: tuple) -> tuple:
    """NumPy's clip loop: ``minimum(maximum(x, lo), hi)``."""
    low = new_node(MAP, outs[0], shape, srcs[:2], "max")
    return (new_node(MAP, outs[0], shape, (low, srcs[2]), "min"),)


_CLIP = Ufunc("clip", np._core.umath.clip, None, build=_clip_nodes)


def _power_of_ten(n: int) -> float:
    """10**n as NumPy's ``round`` computes it (exact table, then repeated * 10)."""
    if n < 9:
        return float(10 ** n)
    value = 1e9
    for _ in range(n - 9):
        value *= 10.0
    return value


def round(a: object, decimals: int = 0, out: ndarray | None = None) -> ndarray:  # noqa: A001
    """``numpy.round``: NumPy's algorithm (scale, ``rint``, unscale in the
    array's float dtype; integers with negative ``decimals`` in float64)."""
    a = asarray(a)
    kind = a.dtype.kind
    if kind == "c" or a.dtype not in KERNEL_DTYPES:
        result = library.call("round", np.round, a, decimals)
        return result if out is None else UFUNCS["positive"](result, out=out)
    if decimals >= 0 and kind in "iu":
        return handle(a._node) if out is None else UFUNCS["positive"](a, out=out)
    if decimals == 0:
        return UFUNCS["rint"](a, out=out)
    scale, unscale = ((UFUNCS["multiply"], UFUNCS["true_divide"]) if decimals >= 0 else
                      (UFUNCS["true_divide"], UFUNCS["multiply"]))
    factor = _power_of_ten(abs(decimals))
    work = out if out is not None else zeros(a.shape, np.float64 if kind in "iu" else a.dtype)
    scale(a, factor, out=work)
    UFUNCS["rint"](work, out=work)
    unscale(work, factor, out=work)
    return work.astype(a.dtype) if out is None and kind in "iu" else work


around = round


def fix(x: object, out: ndarray | None = None) -> ndarray:
    """``numpy.fix``: round toward zero (``ceil`` below 0, ``floor`` above,
    which is ``trunc``, signed zeros included)."""
    return UFUNCS["trunc"](x, out=out)


def clip(a: object, a_min: object = np._NoValue, a_max: object = np._NoValue,  # type: ignore[attr-defined]
         out: ndarray | None = None, *, min: object = np._NoValue,  # noqa: A002
         max: object = np._NoValue, **kwargs: object) -> ndarray:  # noqa: A002
    """``numpy.clip``: NumPy's ``clip`` ufunc (``minimum(maximum(a, lo), hi)``,
    NaN-propagating), or ``minimum``/``maximum`` when one bound is None."""
    if a_min is not np._NoValue and min is not np._NoValue or \
            a_max is not np._NoValue and max is not np._NoValue:
        raise TypeError("Same keyword given both as positional and keyword argument")
    lo = a_min if a_min is not np._NoValue else (None if min is np._NoValue else min)
    hi = a_max if a_max is not np._NoValue else (None if max is np._NoValue else max)
    a = asarray(a)
    if a.dtype.kind in "iu":   # NumPy drops Python int bounds beyond the dtype's range
        info = np.iinfo(a.dtype)
        lo = None if type(lo) is int and lo <= info.min else lo
        hi = None if type(hi) is int and hi >= info.max else hi
    if lo is None and hi is None:
        return UFUNCS["positive"](a, out=out, **kwargs)
    if lo is None:
        return UFUNCS["minimum"](a, hi, out=out, **kwargs)
    if hi is None:
        return UFUNCS["maximum"](a, lo, out=out, **kwargs)
    return _CLIP(a, lo, hi, out=out, **kwargs)


def nan_to_num(x: object, copy: bool = True, nan: float = 0.0, posinf: float | None = None,
               neginf: float | None = None) -> ndarray:
    """``numpy.nan_to_num``: NaN, +inf and -inf of float arrays replaced (by 0
    and the dtype's largest finite values unless given); other dtypes unchanged.
    ``copy=False`` writes into ``x`` (and its base and views), as NumPy does."""
    x = asarray(x)
    if x.dtype.kind == "c" or x.dtype not in KERNEL_DTYPES:
        result = library.call("nan_to_num", np.nan_to_num, x, nan=nan, posinf=posinf,
                              neginf=neginf)
    elif x.dtype.kind != "f":
        result = x
    else:
        info = np.finfo(x.dtype)
        big = info.max if posinf is None else posinf
        small = info.min if neginf is None else neginf
        with np.errstate(over="ignore"):
            values = [np.asarray(v).astype(x.dtype) for v in (nan, big, small)]
        result = where(UFUNCS["isnan"](x), values[0],
                       where(UFUNCS["isinf"](x), where(x > 0, values[1], values[2]), x))
    if copy:
        return handle(result._node)
    x._assign(result._node)
    return x


def _part(val: ndarray, fn: str) -> ndarray:
    """The real or imaginary part of a complex array (a copy)."""
    return handle(new_node(MAP, np.dtype(val.dtype.char.lower()), val.shape, (val._node,), fn))


def real(val: object) -> ndarray:
    """``numpy.real``: of a real array, the array's data (a view, as NumPy);
    of a complex one the real parts (a copy: writing to it leaves ``val`` as it is)."""
    val = asarray(val)
    if val.dtype.kind == "c":
        return _part(val, "real")
    return val[...]


def imag(val: object) -> ndarray:
    """``numpy.imag``: zeros for a real array."""
    val = asarray(val)
    if val.dtype.kind == "c":
        return _part(val, "imag")
    return zeros(val.shape, val.dtype)


def angle(z: object, deg: bool = False) -> ndarray:
    """``numpy.angle`` (``arctan2(imag, real)``): of a real array 0 or pi by the
    sign bit (NaN stays NaN), in arctan2's dtype for ``(0, z)``."""
    z = asarray(z)
    dtype = np.angle(np.zeros(0, z.dtype)).dtype
    if z.dtype.kind == "c":
        result = UFUNCS["arctan2"](imag(z), real(z))
        return result * (180 / math.pi) if deg else result
    if dtype not in KERNEL_DTYPES:
        return library.call("angle", np.angle, z, deg)
    x = z.astype(dtype) if z.dtype != dtype else z
    pi, zero = np.asarray(math.pi, dtype), np.asarray(0.0, dtype)
    result = where(UFUNCS["isnan"](x), x, where(UFUNCS["signbit"](x), pi, zero))
    return result * (180 / math.pi) if deg else result
