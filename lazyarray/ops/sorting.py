"""Sorting and searching: sort, argsort, lexsort, partition, argpartition,
searchsorted, sort_complex, and the ndarray methods of the same names.

Sorting is not a loop that fuses: each function is an opaque library call
(``lazyarray.library``) that evaluates its inputs together and runs NumPy's
function, so results (NaN placement, stability of ``kind='stable'``, errors)
are NumPy's own.  The in-place methods ``x.sort()`` and ``x.partition()``
assign the sorted values to ``x``, writing through to its base and to every
view of it, as NumPy does.
"""
from __future__ import annotations

from typing import Any, Callable

import numpy as np

from .. import library
from ..array import ndarray

sort = library.function("sort", np.sort)
argsort = library.function("argsort", np.argsort)
lexsort = library.function("lexsort", np.lexsort)
partition = library.function("partition", np.partition)
argpartition = library.function("argpartition", np.argpartition)
searchsorted = library.function("searchsorted", np.searchsorted)
sort_complex = library.function("sort_complex", np.sort_complex)


def method(name: str) -> Callable:
    """``x.name(...)`` by NumPy's ndarray method (argsort, argpartition, searchsorted)."""
    fn = getattr(np.ndarray, name)

    def run(self: ndarray, *args: Any, **kwargs: Any) -> Any:
        return library.call(f"ndarray.{name}", fn, self, *args, **kwargs)

    run.__name__ = name
    run.__doc__ = f"``numpy.ndarray.{name}`` (an opaque library call, see lazyarray.library)."
    return run


def inplace_method(name: str) -> Callable:
    """``x.name(...)`` that reorders ``x`` in place (sort, partition)."""
    fn = getattr(np.ndarray, name)

    def reordered(value: np.ndarray, *args: Any, **kwargs: Any) -> np.ndarray:
        value = value.copy()
        fn(value, *args, **kwargs)
        return value

    def run(self: ndarray, *args: Any, **kwargs: Any) -> None:
        if not self.flags.writeable:
            raise ValueError(f"{name} array is read-only")
        self._assign(library.call(f"ndarray.{name}", reordered, self, *args, **kwargs)._node)

    run.__name__ = name
    run.__doc__ = (f"``numpy.ndarray.{name}``: reorders the array in place (through to its "
                   "base and views); NumPy computes the order (an opaque library call).")
    return run
