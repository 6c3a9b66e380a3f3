"""lazyarray: NumPy, lazily evaluated, fused and JIT-compiled.

``import lazyarray as np`` and run NumPy code: every operation returns a lazy
``ndarray`` whose values are computed, by fused kernels compiled through
LLVM, when something needs them.  This module only re-exports.
"""
from numpy import (bool_, int8, int16, int32, int64, uint8, uint16, uint32, uint64,  # noqa: F401
                   float16, float32, float64, complex64, complex128, dtype, e, euler_gamma,
                   finfo, iinfo, inf, nan, newaxis, pi)
from numpy import bool_ as bool  # noqa: F401,A004

from . import array_methods as _array_methods  # noqa: F401  (attaches operators)
from .array import evaluate, ndarray  # noqa: F401
from .config import config  # noqa: F401
from . import fallback as _fallback
from .fallback import FallbackWarning  # noqa: F401
from .explain import explain  # noqa: F401
from .ops.contractions import dot, inner, matmul, outer, vdot  # noqa: F401
from .ops.creation import (arange, array, asarray, empty, empty_like, full,  # noqa: F401
                           full_like, linspace, ones, ones_like, zeros, zeros_like)
from .ops.elementwise import UFUNCS as _UFUNCS, where  # noqa: F401
from .ops.joining import column_stack, concatenate, dstack, hstack, stack, vstack  # noqa: F401
from .ops.joining import block  # noqa: F401
from .ops.manipulation import (broadcast_to, expand_dims, matrix_transpose,  # noqa: F401
                               may_share_memory, moveaxis, permute_dims, ravel, reshape,
                               shares_memory, squeeze, swapaxes, transpose)
from .ops.manipulation import (atleast_1d, atleast_2d, atleast_3d,  # noqa: F401
                               broadcast_arrays, broadcast_shapes, diagonal, flip, fliplr,
                               flipud, rot90)
from .ops.splitting import array_split, dsplit, hsplit, split, unstack, vsplit  # noqa: F401
from .ops.tiling import repeat, resize, roll, tile  # noqa: F401
from .ops.padding import pad  # noqa: F401
from .ops.diagonals import (diag, diag_indices, diag_indices_from, trace,  # noqa: F401
                            tril_indices, tril_indices_from, triu_indices, triu_indices_from)
from .ops.editing import append, delete, insert  # noqa: F401
from .ops.mutation import copyto, putmask  # noqa: F401
from .ops.reductions import amax, amin, max, mean, min, prod, sum  # noqa: F401,A004
from .stats import stats  # noqa: F401

__version__ = "0.1.0"

globals().update(_UFUNCS)


def __getattr__(name: str):
    """NumPy names without a native version: the loud fallback (lazyarray.fallback)."""
    return _fallback.lookup(name)
