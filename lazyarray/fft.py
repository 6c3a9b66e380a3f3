"""``lazyarray.fft``: NumPy's discrete Fourier transforms.

The transforms (``fft``, ``ifft``, ``rfft``, ``hfft``, their 2-D and N-D
forms and inverses) are opaque library calls to NumPy's pocketfft
(``lazyarray.library``): the input is evaluated, NumPy transforms it, and the
result is a lazyarray array holding NumPy's complex (or real) values.
``out=`` is accepted as NumPy accepts it.

``fftshift`` and ``ifftshift`` are rolls built of index maps (views and a
reshape), so they fuse with their producer and consumers (complex arrays
included); arrays of dtypes the kernels lack are shifted by NumPy instead.  ``fftfreq`` and ``rfftfreq`` scale integer frequencies
lazily, as NumPy computes them (``ints * (1 / (n * d))``).
"""
from __future__ import annotations

from typing import Any, Callable

import numpy as np
from numpy.lib.array_utils import normalize_axis_index

from . import fallback, library
from .array import ndarray
from .ops import creation, tiling
from .ops.elementwise import UFUNCS

__all__ = ["fft", "fft2", "fftfreq", "fftn", "fftshift", "hfft", "ifft", "ifft2", "ifftn",
           "ifftshift", "ihfft", "irfft", "irfft2", "irfftn", "rfft", "rfft2", "rfftfreq",
           "rfftn"]


def _transform(name: str) -> Any:
    return library.function(f"fft.{name}", getattr(np.fft, name))


fft = _transform("fft")
ifft = _transform("ifft")
fft2 = _transform("fft2")
ifft2 = _transform("ifft2")
fftn = _transform("fftn")
ifftn = _transform("ifftn")
rfft = _transform("rfft")
irfft = _transform("irfft")
rfft2 = _transform("rfft2")
irfft2 = _transform("irfft2")
rfftn = _transform("rfftn")
irfftn = _transform("irfftn")
hfft = _transform("hfft")
ihfft = _transform("ihfft")

__getattr__ = fallback.FallbackModule("fft", np.fft).__getattr__


def _shift(name: str, x: object, axes: object, amount: Callable[[int], int]) -> ndarray:
    if not library.computable(x):
        return library.call(f"fft.{name}", getattr(np.fft, name), x, axes)
    x = creation.asarray(x)
    if axes is None:
        axes = range(x.ndim)
    elif isinstance(axes, (int, np.integer)):
        axes = (axes,)
    shifts: dict[int, int] = {}
    for ax in axes:
        shift = amount(x.shape[ax])
        ax = normalize_axis_index(ax, x.ndim)
        shifts[ax] = shifts.get(ax, 0) + shift
    if not x.ndim:
        raise ValueError(f"{name} needs an array with at least one dimension")
    return tiling.roll(x, tuple(shifts.values()), tuple(shifts))


def fftshift(x: object, axes: object = None) -> ndarray:
    """``numpy.fft.fftshift``: the zero frequency moved to the centre (a lazy roll)."""
    return _shift("fftshift", x, axes, lambda n: n // 2)


def ifftshift(x: object, axes: object = None) -> ndarray:
    """``numpy.fft.ifftshift``: the inverse of ``fftshift`` (a lazy roll)."""
    return _shift("ifftshift", x, axes, lambda n: -(n // 2))


def _frequencies(n: object, d: object, ints: Callable[[int], np.ndarray]) -> ndarray:
    if not isinstance(n, (int, np.integer)):
        raise ValueError("n should be an integer")
    val = 1.0 / (n * d)
    return UFUNCS["multiply"](creation.asarray(ints(n)), val)


def fftfreq(n: int, d: object = 1.0, device: object = None) -> ndarray:
    """``numpy.fft.fftfreq``: ``[0, 1, ..., -2, -1] / (d * n)``."""
    return _frequencies(n, d, lambda n: (np.arange(n, device=device) + n // 2) % n - n // 2)


def rfftfreq(n: int, d: object = 1.0, device: object = None) -> ndarray:
    """``numpy.fft.rfftfreq``: ``[0, 1, ..., n // 2] / (d * n)``."""
    return _frequencies(n, d, lambda n: np.arange(n // 2 + 1, device=device))
