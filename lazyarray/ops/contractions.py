"""Contractions: matmul (``@``), dot, vdot, inner, outer.

``a @ b`` is built from the three meta-ops: both operands are viewed
(``REINDEX``) over the iteration space ``(*batch, M, N, K)``, multiplied
(``MAP``) and summed over ``K`` (``REDUCE``), so it fuses with the
element-wise work that produces its operands.  Booleans contract with
and/or, as NumPy's bool matmul does.  The loop order and vectorization come
from the default schedule (the axis with the most contiguous accesses runs
innermost); tiled, register-blocked schedules belong to the autotuner.
"""
from __future__ import annotations

import math

import numpy as np

from .. import dtypes
from ..array import ndarray, wrap
from ..config import settings
from ..graph import BUFFER, MAP, Node, cast, new_node, reduce, reindex, reshape
from .creation import as_node
from .elementwise import UFUNCS, broadcast_shapes, eager_result
from .manipulation import transpose


def _contract(a: Node, b: Node) -> Node:
    """``a @ b`` for operands of one dtype: ``a`` is ``(..., M, K)`` or ``(K,)``,
    ``b`` is ``(..., K, N)`` or ``(K,)`` (a vector operand adds no M or N axis)."""
    a_vec, b_vec = len(a.shape) == 1, len(b.shape) == 1
    batch = broadcast_shapes(a.shape[:-2], b.shape[:-2])
    nb = len(batch)
    rows = () if a_vec else (a.shape[-2],)
    cols = () if b_vec else (b.shape[-1],)
    space = batch + rows + cols + (a.shape[-1],)
    m_axis, n_axis, k_axis = nb, nb + len(rows), len(space) - 1

    def batch_terms(node: Node) -> tuple:
        lead = nb - (len(node.shape) - 2)
        return tuple(((lead + d, 1),) if size == batch[lead + d] and size != 1 else ()
                     for d, size in enumerate(node.shape[:-2]))

    a_terms = (((k_axis, 1),),) if a_vec else \
        batch_terms(a) + (((m_axis, 1),), ((k_axis, 1),))
    b_terms = (((k_axis, 1),),) if b_vec else \
        batch_terms(b) + (((k_axis, 1),), ((n_axis, 1),))
    boolean = a.dtype.kind == "b"
    product = new_node(MAP, a.dtype, space, (reindex(a, space, a_terms), reindex(b, space, b_terms)),
                       "and" if boolean else "mul")
    return reduce(product, "or" if boolean else "add", (k_axis,))


def matmul(x1: object, x2: object) -> ndarray:
    """``numpy.matmul``: batched, broadcasting, with NumPy's 1-D promotion."""
    a, b = as_node(x1), as_node(x2)
    if not a.shape or not b.shape:
        raise ValueError("matmul: Input operand does not have enough dimensions "
                         "(has 0, gufunc core with signature (n?,k),(k,m?)->(n?,m?) requires 1)")
    dtype = dtypes.result_type(a.dtype, b.dtype)
    dtypes.check_kernel_dtype(dtype, "matmul")
    k_b = b.shape[0] if len(b.shape) == 1 else b.shape[-2]
    if a.shape[-1] != k_b:
        raise ValueError(f"matmul: Input operand 1 has a mismatch in its core dimension 0, with "
                         f"gufunc signature (n?,k),(k,m?)->(n?,m?) (size {k_b} is "
                         f"different from {a.shape[-1]})")
    if a.op == BUFFER and b.op == BUFFER and \
            math.prod(a.shape) * (b.shape[-1] if len(b.shape) > 1 else 1) <= settings.eager_threshold:
        return eager_result(np.matmul(a.buffer, b.buffer))
    return wrap(_contract(cast(a, dtype), cast(b, dtype)))


def dot(a: object, b: object) -> ndarray:
    """``numpy.dot`` for operands of at most two dimensions (scalars multiply)."""
    na, nb = as_node(a), as_node(b)
    if not na.shape or not nb.shape:
        return UFUNCS["multiply"](a, b)
    if len(na.shape) > 2 or len(nb.shape) > 2:
        raise NotImplementedError("lazyarray.dot of arrays with more than two dimensions")
    if na.shape[-1] != nb.shape[0]:
        raise ValueError(f"shapes {na.shape} and {nb.shape} not aligned: "
                         f"{na.shape[-1]} (dim {len(na.shape) - 1}) != {nb.shape[0]} (dim 0)")
    return matmul(a, b)


def vdot(a: object, b: object) -> ndarray:
    """``numpy.vdot`` for real arrays: the dot product of the flattened inputs."""
    na, nb = as_node(a), as_node(b)
    if np.prod(na.shape) != np.prod(nb.shape):
        raise ValueError("cannot reshape array: vdot operands differ in size")
    return matmul(wrap(reshape(na, (int(np.prod(na.shape)),))),
                  wrap(reshape(nb, (int(np.prod(nb.shape)),))))


def inner(a: object, b: object) -> ndarray:
    """``numpy.inner`` for operands of at most two dimensions."""
    na, nb = as_node(a), as_node(b)
    if not na.shape or not nb.shape:
        return UFUNCS["multiply"](a, b)
    if len(nb.shape) > 2 or len(na.shape) > 2:
        raise NotImplementedError("lazyarray.inner of arrays with more than two dimensions")
    if na.shape[-1] != nb.shape[-1]:
        raise ValueError("shapes not aligned for inner: last dimensions differ "
                         f"({na.shape[-1]} != {nb.shape[-1]})")
    return matmul(wrap(na), wrap(nb) if len(nb.shape) == 1 else transpose(wrap(nb)))


def outer(a: object, b: object) -> ndarray:
    """``numpy.outer``: the flattened inputs' products, shape (a.size, b.size)."""
    na, nb = as_node(a), as_node(b)
    m, n = int(np.prod(na.shape)), int(np.prod(nb.shape))
    col = wrap(reshape(na, (m, 1)))
    row = wrap(reshape(nb, (1, n)))
    return UFUNCS["multiply"](col, row)
