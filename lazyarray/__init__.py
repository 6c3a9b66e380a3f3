"""lazyarray: NumPy, lazily evaluated, fused and JIT-compiled.

``import lazyarray as np`` and run NumPy code: every operation returns a lazy
``ndarray`` whose values are computed, by fused kernels compiled through
LLVM, when something needs them.  This module only re-exports.
``lazyarray.random`` is imported on first use, as ``numpy.random`` is:
NumPy's bit generators and the OpenSSL they load cost some 6 MB resident.
"""
import importlib

from numpy import (bool_, int8, int16, int32, int64, uint8, uint16, uint32, uint64,  # noqa: F401
                   float16, float32, float64, complex64, complex128, dtype, e, euler_gamma,
                   finfo, iinfo, inf, nan, newaxis, pi)
from numpy import bool_ as bool  # noqa: F401,A004
# NumPy's floating-point error handling: it governs what NumPy computes
# (small eager ops, library calls); compiled kernels report nothing (docs/api.rst)
from numpy import errstate, geterr, geterrcall, seterr, seterrcall  # noqa: F401

from . import array_methods as _array_methods  # noqa: F401  (attaches operators)
from .array import evaluate, ndarray  # noqa: F401
from .config import config  # noqa: F401
from . import fallback as _fallback
from .fallback import FallbackWarning  # noqa: F401
from .explain import explain  # noqa: F401
from .ops.contractions import (cross, dot, inner, kron, matmul, matvec, outer,  # noqa: F401
                               tensordot, vdot, vecdot, vecmat)
from .ops.einsum import einsum  # noqa: F401
from .ops.creation import (arange, array, asarray, empty, empty_like, full,  # noqa: F401
                           full_like, linspace, ones, ones_like, zeros, zeros_like)
from .ops.creation import (asanyarray, ascontiguousarray, asfortranarray, copy,  # noqa: F401
                           frombuffer, fromiter, geomspace, logspace)
from .ops.closeness import allclose, array_equal, array_equiv, isclose  # noqa: F401
from .ops.grids import fromfunction, indices, meshgrid  # noqa: F401
from .ops.introspection import isscalar, ndim, shape, size  # noqa: F401
from .ops.matrices import diagflat, eye, identity, tri, tril, triu  # noqa: F401
from .ops.dtype_functions import (can_cast, common_type, min_scalar_type,  # noqa: F401
                                  promote_types, result_type)
from .ops.elementwise import where  # noqa: F401
from .ops.ufunc_table import UFUNCS as _UFUNCS
from .ops.ufunc_functions import (angle, around, clip, fix, imag, nan_to_num,  # noqa: F401
                                  real, round)  # noqa: A004
from .ops.joining import column_stack, concatenate, dstack, hstack, stack, vstack  # noqa: F401
from .ops.joining import block  # noqa: F401
from .ops.manipulation import (broadcast_to, expand_dims, matrix_transpose,  # noqa: F401
                               may_share_memory, moveaxis, permute_dims, ravel, reshape,
                               shares_memory, squeeze, swapaxes, transpose)
from .ops.selection import (argwhere, choose, compress, extract, flatnonzero,  # noqa: F401
                            ix_, nonzero, place, put, put_along_axis, select, take,
                            take_along_axis)
from .ops.histograms import (bincount, digitize, histogram, histogram2d,  # noqa: F401
                             histogram_bin_edges, histogramdd)
from .ops.sets import (intersect1d, isin, setdiff1d, setxor1d, union1d, unique,  # noqa: F401
                       unique_all, unique_counts, unique_inverse, unique_values)
from .ops.sorting import (argpartition, argsort, lexsort, partition, searchsorted,  # noqa: F401
                          sort, sort_complex)
from . import fft, linalg  # noqa: F401
from .ops.nanfunctions import (nanargmax, nanargmin, nanmax, nanmean, nanmedian,  # noqa: F401
                               nanmin, nanpercentile, nanprod, nanquantile, nanstd, nansum,
                               nanvar)
from .ops.reductions import (all, amax, amin, any, argmax, argmin,  # noqa: F401,A004
                             count_nonzero, max, mean, min, prod, ptp, sum)
from .ops.scans import (convolve, correlate, cumprod, cumsum, diff, ediff1d,  # noqa: F401
                        gradient, interp, nancumprod, nancumsum, trapezoid)
from .ops.scans import cumulative_prod, cumulative_sum  # noqa: F401
from .ops.statistics import average, median, percentile, quantile, std, var  # noqa: F401
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
from .stats import stats  # noqa: F401

__version__ = "0.1.0"

globals().update(_UFUNCS)


def __getattr__(name: str):
    """``random`` on first use; NumPy names without a native version: the
    loud fallback (lazyarray.fallback)."""
    if name == "random":
        return importlib.import_module(".random", __name__)
    return _fallback.lookup(name)
