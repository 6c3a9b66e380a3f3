"""The loud fallback for NumPy functions lazyarray does not implement natively.

``lazyarray.<name>`` for a NumPy function without a native version evaluates
its lazy inputs, calls NumPy's function, and wraps array results back as
lazyarray arrays (tuples and lists element-wise).  The first call from each
call site warns with ``FallbackWarning`` naming the function and the site;
every call is counted in ``stats()["fallbacks"]``.  With
``LAZYARRAY_FALLBACK=error`` (or ``lazyarray.config(fallback="error")``) the
call raises ``NotImplementedError`` instead.  Names NumPy lacks raise
``AttributeError``.  ndarray methods and operators without a native version
go through the same path.
"""
from __future__ import annotations

import os
import sys
import types
import warnings
from typing import Any, Callable

import numpy as np

from .array import ndarray
from .config import settings
from .library import evaluate_inputs, to_lazy, to_numpy
from .stats import fallback_counts

_PACKAGE_DIR = os.path.dirname(os.path.abspath(__file__))
_warned: set[tuple[str, str, int]] = set()


class FallbackWarning(UserWarning):
    """A NumPy function ran eagerly through NumPy because lazyarray lacks it."""


def _user_site() -> tuple[str, int]:
    frame = sys._getframe(1)
    while frame is not None and os.path.abspath(frame.f_code.co_filename).startswith(_PACKAGE_DIR):
        frame = frame.f_back
    if frame is None:
        return "<unknown>", 0
    return frame.f_code.co_filename, frame.f_lineno


def announce(name: str) -> None:
    if settings.fallback == "error":
        raise NotImplementedError(
            f"lazyarray.{name} is not implemented natively (fallback is set to 'error')")
    fallback_counts[name] += 1
    site = _user_site()
    if (name, *site) not in _warned:
        _warned.add((name, *site))
        warnings.warn_explicit(
            f"lazyarray.{name} is not implemented natively: it ran eagerly through NumPy "
            f"(called from {site[0]}:{site[1]})", FallbackWarning, site[0], site[1])


def wrap_function(name: str, fn: Callable) -> Callable:
    """``fn`` (a NumPy function) behind the loud fallback, reported as ``name``."""
    def call(*args: Any, **kwargs: Any) -> Any:
        announce(name)
        evaluate_inputs(args, kwargs)
        np_args, np_kwargs = to_numpy(args), to_numpy(kwargs)
        return to_lazy(fn(*np_args, **np_kwargs), (*np_args, *np_kwargs.values()))

    call.__name__ = name.rsplit(".", 1)[-1]
    call.__qualname__ = name
    call.__doc__ = f"``numpy.{name}`` through lazyarray's loud fallback (see lazyarray.fallback)."
    return call


class FallbackModule(types.ModuleType):
    """A NumPy submodule (``linalg``, ``fft``, ``random``) whose functions all
    go through the fallback."""

    def __init__(self, name: str, module: types.ModuleType):
        super().__init__(f"lazyarray.{name}")
        self._prefix = name
        self._module = module

    def __getattr__(self, attr: str) -> Any:
        if attr.startswith("__"):   # not NumPy's module's own (__path__, __all__, ...)
            raise AttributeError(f"module 'lazyarray.{self._prefix}' has no attribute {attr!r}")
        value = getattr(self._module, attr)
        if callable(value) and not isinstance(value, type):
            return wrap_function(f"{self._prefix}.{attr}", value)
        if isinstance(value, types.ModuleType):
            return FallbackModule(f"{self._prefix}.{attr}", value)
        return value


def lookup(name: str) -> Any:
    """``lazyarray.<name>`` for a name with no native version."""
    if name.startswith("__"):
        raise AttributeError(f"module 'lazyarray' has no attribute {name!r}")
    try:
        value = getattr(np, name)
    except AttributeError:
        raise AttributeError(f"module 'lazyarray' has no attribute {name!r} "
                             f"(and neither has numpy)") from None
    if isinstance(value, types.ModuleType):
        return FallbackModule(name, value)
    if callable(value) and not isinstance(value, type):
        return wrap_function(name, value)
    return value


def method(name: str) -> Callable:
    """An ndarray method or operator without a native version."""
    def call(self: ndarray, *args: Any, **kwargs: Any) -> Any:
        announce(f"ndarray.{name}")
        evaluate_inputs((self, args), kwargs)
        value = self.__array__()
        return to_lazy(getattr(value, name)(*to_numpy(args), **to_numpy(kwargs)), (value,))

    call.__name__ = name
    return call
