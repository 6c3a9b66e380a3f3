"""Contractions and products: matmul (``@``), dot, vdot, inner, outer,
tensordot, vecdot, matvec, vecmat, kron, cross (``einsum`` is in
``ops.einsum``, on the same core).

Every contraction is ``product_sum``: the operands, each dimension labelled,
are viewed (``REINDEX``) over one iteration space (the output's labels, then
the summed ones), multiplied (``MAP``) and summed over the summed labels
(``REDUCE``), so it fuses with the element-wise work that produces its
operands.  A repeated label in one operand reads its diagonal; a dimension of
size 1 broadcasts.  Booleans contract with and/or, as NumPy's do.  The
default schedule recognizes ``out[m, n] += A[m, k] * B[k, n]`` and blocks it
in registers (``codegen.schedule``).
"""
from __future__ import annotations

import math
import warnings
from typing import Hashable, Sequence

import numpy as np
from numpy.lib.array_utils import normalize_axis_index, normalize_axis_tuple

from codegen.schedule import TILE_ROWS, tile_columns

from .. import dtypes
from ..array import ndarray, wrap
from ..config import settings
from ..graph import BUFFER, MAP, Node, buffer_node, cast, new_node, reduce, reindex, reshape
from .creation import as_node
from .elementwise import UFUNCS, broadcast_shapes, eager_result, where
from .indexing import store
from .manipulation import broadcast_to, expand_dims, moveaxis

Labels = Sequence[Hashable]
_F16, _F32 = np.dtype(np.float16), np.dtype(np.float32)


def product_sum(operands: Sequence[tuple[Node, Labels]], out: Labels) -> Node:
    """The sum over the labels not in ``out`` of the product of ``operands``
    (nodes of one dtype, each with one label per dimension; labels of equal
    size or size 1 checked by the caller), as an array labelled ``out``."""
    sizes: dict = {}
    for node, labels in operands:
        for label, n in zip(labels, node.shape):
            if n != 1 or label not in sizes:
                sizes[label] = n
    summed = [l for node, labels in operands for l in labels if l not in out]
    space_labels = list(out) + list(dict.fromkeys(summed))
    axis = {label: k for k, label in enumerate(space_labels)}
    space = tuple(sizes[l] for l in space_labels)
    dtype = operands[0][0].dtype
    boolean = dtype.kind == "b"
    product = None
    for node, labels in operands:
        view = reindex(node, space, tuple(((axis[l], 1),) if n != 1 else ()
                                          for l, n in zip(labels, node.shape)))
        product = view if product is None else \
            new_node(MAP, dtype, space, (product, view), "and" if boolean else "mul")
    if len(space) == len(out):
        return product
    return reduce(product, "or" if boolean else "add", tuple(range(len(out), len(space))))


def _small_buffers(nodes: Sequence[Node], work: int) -> bool:
    """Whether NumPy should run the call at once: computed inputs, little work."""
    return all(n.op == BUFFER for n in nodes) and work <= settings.eager_threshold


def _work_dtype(dtype: np.dtype) -> np.dtype:
    """The dtype a contraction computes in: float16 in float32 (NumPy's float16
    matmul and dot multiply and accumulate in float32, rounding once)."""
    return _F32 if dtype == _F16 else dtype


def _contract(nodes: Sequence[Node], labels: Sequence[Labels], out: Labels, name: str) -> Node:
    """``product_sum`` of ``nodes`` cast to their common dtype."""
    dtype = dtypes.result_type(*(n.dtype for n in nodes))
    dtypes.check_kernel_dtype(dtype, name)
    work = _work_dtype(dtype)
    return cast(product_sum([(cast(n, work), l) for n, l in zip(nodes, labels)], out), dtype)


def _conj(node: Node) -> Node:
    """The complex conjugate of a node (a real node itself)."""
    return node if node.dtype.kind != "c" else new_node(MAP, node.dtype, node.shape, (node,), "conj")


def _store(out: object, result: ndarray, name: str) -> ndarray:
    """``out=`` of a contraction (NumPy's 'same_kind' rule)."""
    if out is None:
        return result

    def refuse() -> None:
        raise TypeError(f"{name}: cannot cast the result ({result.dtype}) to the output "
                        f"array's dtype according to the rule 'same_kind'")

    if isinstance(out, ndarray) and out.shape != result.shape:
        raise ValueError(f"{name}: output array has shape {out.shape}, the result {result.shape}")
    return store(out, result, "same_kind", refuse)


def _batched(nodes: Sequence[Node], cores: Sequence[Labels], out_core: Labels,
             name: str, signature: str) -> Node:
    """A gufunc contraction: each operand's trailing dimensions carry the
    labels ``cores``, its leading (loop) dimensions broadcast together."""
    loops = [n.shape[:len(n.shape) - len(c)] for n, c in zip(nodes, cores)]
    for n, c in zip(nodes, cores):
        if len(n.shape) < len(c):
            raise ValueError(f"{name}: Input operand does not have enough dimensions (has "
                             f"{len(n.shape)}, gufunc core with signature {signature} requires "
                             f"{len(c)})")
    sizes: dict = {}
    for k, (n, c) in enumerate(zip(nodes, cores)):
        for d, (label, size) in enumerate(zip(c, n.shape[len(n.shape) - len(c):])):
            if sizes.setdefault(label, size) != size:
                raise ValueError(f"{name}: Input operand {k} has a mismatch in its core "
                                 f"dimension {d}, with gufunc signature {signature} (size "
                                 f"{size} is different from {sizes[label]})")
    batch = broadcast_shapes(*loops)
    labels = [tuple(("loop", len(batch) - len(s) + d) for d in range(len(s))) + tuple(c)
              for s, c in zip(loops, cores)]
    out = tuple(("loop", d) for d in range(len(batch))) + tuple(out_core)
    return _contract(nodes, labels, out, name)


#: fewest multiply-adds for which ``a @ b`` packs ``b`` first.
PACK_MIN_WORK = 1 << 22


def _packed_matmul(a: Node, b: Node) -> Node | None:
    """``a @ b`` of 2-D operands of one dtype with ``b`` first copied into
    panels as wide as the register tile (``bp[p, k, j] = b[k, p*w + j]``) in
    its own kernel (a reduction over a size-1 axis, which ends a fusion
    group), so the contraction streams each panel contiguously instead of
    striding over rows of ``b``; the panels' results side by side are the
    rows of ``a @ b``, read in place.  None where that does not pay: little
    work, or a width N that ``w`` does not divide (rows of ``b`` then do not
    map to the same cache sets, and the unpacked contraction runs faster than
    a packed one with a shifted edge panel and its layout copies: 1000 x 1000
    float32 on one thread took 22 ms unpacked, 30 ms packed that way)."""
    (m, k), n = a.shape, b.shape[-1]
    w = tile_columns(a.dtype)
    if len(b.shape) != 2 or n % w or m < TILE_ROWS or m * n * k < PACK_MIN_WORK \
            or a.dtype.kind not in "iuf":
        return None
    panels = reindex(b, (n // w, k, w, 1), (((1, 1),), ((0, w), (2, 1))))
    c = product_sum([(a, ("m", "k")), (reduce(panels, "max", (3,)), ("p", "k", "j"))],
                    ("m", "p", "j"))
    return reshape(c, (m, n))


def pair_product_sum(chosen: Sequence[tuple[Node, Labels]], out: Labels) -> Node:
    """``product_sum(chosen, out)``; a 2-D matrix product (``ik,kj->ij``, in
    either operand order) goes through ``_packed_matmul`` where that pays."""
    if len(chosen) == 2 and len(out) == 2:
        for (a, la_), (b, lb) in (chosen, chosen[::-1]):
            if len(la_) == len(lb) == 2 and la_[1] == lb[0] and (la_[0], lb[1]) == tuple(out) \
                    and len({*la_, *lb}) == 3 and a.shape[1] == b.shape[0]:
                packed = _packed_matmul(a, b)
                if packed is not None:
                    return packed
    return product_sum(chosen, out)


def matmul(x1: object, x2: object, /, out: object = None) -> ndarray:
    """``numpy.matmul``: batched, broadcasting, with NumPy's 1-D promotion."""
    a, b = as_node(x1), as_node(x2)
    if not a.shape or not b.shape:
        raise ValueError("matmul: Input operand does not have enough dimensions "
                         "(has 0, gufunc core with signature (n?,k),(k,m?)->(n?,m?) requires 1)")
    a_core = "k" if len(a.shape) == 1 else "mk"
    b_core = "k" if len(b.shape) == 1 else "kn"
    out_core = a_core[:-1] + b_core[1:]
    work = math.prod(a.shape) * (b.shape[-1] if len(b.shape) > 1 else 1)
    if _small_buffers((a, b), work):
        return _store(out, eager_result(np.matmul(a.buffer, b.buffer)), "matmul")
    dtype = dtypes.result_type(a.dtype, b.dtype)
    packed = None
    if len(a.shape) == 2 and len(b.shape) == 2 and a.shape[1] == b.shape[0]:
        dtypes.check_kernel_dtype(dtype, "matmul")
        packed = _packed_matmul(cast(a, _work_dtype(dtype)), cast(b, _work_dtype(dtype)))
        packed = None if packed is None else cast(packed, dtype)
    result = packed if packed is not None else \
        _batched((a, b), (a_core, b_core), out_core, "matmul", "(n?,k),(k,m?)->(n?,m?)")
    return _store(out, wrap(result), "matmul")


def vecdot(x1: object, x2: object, /, *, axis: int = -1, out: object = None) -> ndarray:
    """``numpy.vecdot``: ``sum(conj(x1) * x2, axis)``, broadcasting."""
    a, b = as_node(x1), as_node(x2)
    if not a.shape or not b.shape:
        raise ValueError("vecdot: Input operand does not have enough dimensions (has 0, "
                         "gufunc core with signature (n),(n)->() requires 1)")
    a = _conj(moveaxis(wrap(a), normalize_axis_index(axis, len(a.shape)), -1)._node)
    b = moveaxis(wrap(b), normalize_axis_index(axis, len(b.shape)), -1)._node
    return _store(out, wrap(_batched((a, b), ("k", "k"), "", "vecdot", "(n),(n)->()")),
                  "vecdot")


def matvec(x1: object, x2: object, /, *, out: object = None) -> ndarray:
    """``numpy.matvec``: matrix-vector products, broadcasting."""
    return _store(out, wrap(_batched((as_node(x1), as_node(x2)), ("mk", "k"), "m", "matvec",
                                     "(m,n),(n)->(m)")), "matvec")


def vecmat(x1: object, x2: object, /, *, out: object = None) -> ndarray:
    """``numpy.vecmat``: products of the conjugated vectors and the matrices, broadcasting."""
    return _store(out, wrap(_batched((_conj(as_node(x1)), as_node(x2)), ("k", "kn"), "n", "vecmat",
                                     "(n),(n,m)->(m)")), "vecmat")


def dot(a: object, b: object, out: object = None) -> ndarray:
    """``numpy.dot``: scalars multiply, otherwise the sum over the last axis of
    ``a`` and the second-to-last of ``b`` (the last, when ``b`` is 1-D)."""
    na, nb = as_node(a), as_node(b)
    if not na.shape or not nb.shape:
        return _store(out, UFUNCS["multiply"](a, b), "dot")
    k_b = 0 if len(nb.shape) == 1 else len(nb.shape) - 2
    if na.shape[-1] != nb.shape[k_b]:
        raise ValueError(f"shapes {na.shape} and {nb.shape} not aligned: "
                         f"{na.shape[-1]} (dim {len(na.shape) - 1}) != {nb.shape[k_b]} "
                         f"(dim {k_b})")
    if len(nb.shape) <= 2:
        return matmul(a, b, out=out)
    return tensordot(a, b, ([-1], [k_b]), out=out)


def tensordot(a: object, b: object, axes: object = 2, out: object = None) -> ndarray:
    """``numpy.tensordot``: ``axes`` an int N (the last N axes of ``a`` with the
    first N of ``b``) or a pair of axis sequences."""
    na, nb = as_node(a), as_node(b)
    if isinstance(axes, (int, np.integer)):
        if axes < 0:
            raise ValueError("tensordot: axes must be a non-negative integer")
        nd = len(na.shape)
        axes_a, axes_b = list(range(nd - int(axes), nd)), list(range(int(axes)))
    else:
        axes_a, axes_b = ([x] if isinstance(x, (int, np.integer)) else list(x) for x in axes)
    if len(axes_a) != len(axes_b):
        raise ValueError("shape-mismatch for sum")
    axes_a = normalize_axis_tuple(axes_a, len(na.shape), "axes") if axes_a else ()
    axes_b = normalize_axis_tuple(axes_b, len(nb.shape), "axes") if axes_b else ()
    if any(na.shape[i] != nb.shape[j] for i, j in zip(axes_a, axes_b)):
        raise ValueError("shape-mismatch for sum")
    la_ = [("a", d) for d in range(len(na.shape))]
    lb = [("b", d) for d in range(len(nb.shape))]
    for i, j in zip(axes_a, axes_b):
        lb[j] = la_[i]
    result_labels = [l for d, l in enumerate(la_) if d not in axes_a] + \
        [l for d, l in enumerate(lb) if d not in axes_b]
    return _store(out, wrap(_contract((na, nb), (la_, lb), result_labels, "tensordot")),
                  "tensordot")


def vdot(a: object, b: object) -> ndarray:
    """``numpy.vdot``: the dot product of the flattened inputs, the first conjugated."""
    na, nb = _conj(as_node(a)), as_node(b)
    if math.prod(na.shape) != math.prod(nb.shape):
        raise ValueError("cannot reshape array: vdot operands differ in size")
    size = math.prod(na.shape)
    return matmul(wrap(reshape(na, (size,))), wrap(reshape(nb, (size,))))


def inner(a: object, b: object) -> ndarray:
    """``numpy.inner``: the sum over the last axes of ``a`` and ``b``."""
    na, nb = as_node(a), as_node(b)
    if not na.shape or not nb.shape:
        return UFUNCS["multiply"](a, b)
    if na.shape[-1] != nb.shape[-1]:
        raise ValueError("shapes not aligned for inner: last dimensions differ "
                         f"({na.shape[-1]} != {nb.shape[-1]})")
    return tensordot(a, b, ([-1], [-1]))


def outer(a: object, b: object, out: object = None) -> ndarray:
    """``numpy.outer``: the flattened inputs' products, shape (a.size, b.size)."""
    na, nb = as_node(a), as_node(b)
    m, n = math.prod(na.shape), math.prod(nb.shape)
    return _store(out, UFUNCS["multiply"](wrap(reshape(na, (m, 1))), wrap(reshape(nb, (1, n)))),
                  "outer")


def kron(a: object, b: object) -> ndarray:
    """``numpy.kron``: blocks ``a[i] * b``, dimension by dimension."""
    na, nb = as_node(a), as_node(b)
    nd = max(len(na.shape), len(nb.shape))
    sa = (1,) * (nd - len(na.shape)) + na.shape
    sb = (1,) * (nd - len(nb.shape)) + nb.shape
    space = tuple(n for pair in zip(sa, sb) for n in pair)
    va = reindex(reshape(na, sa), space, tuple(((2 * d, 1),) for d in range(nd)))
    vb = reindex(reshape(nb, sb), space, tuple(((2 * d + 1, 1),) for d in range(nd)))
    product = UFUNCS["multiply"](wrap(va), wrap(vb))
    return wrap(reshape(product._node, tuple(x * y for x, y in zip(sa, sb))))


def cross(a: object, b: object, axisa: int = -1, axisb: int = -1, axisc: int = -1,
          axis: int | None = None) -> ndarray:
    """``numpy.cross`` of 2- and 3-vectors along ``axisa``/``axisb`` (``axis``
    sets all three), the result's vectors along ``axisc``."""
    if axis is not None:
        axisa = axisb = axisc = axis
    x, y = wrap(as_node(a)), wrap(as_node(b))
    if not x.shape or not y.shape:
        raise ValueError("At least one array has zero dimension")
    x = moveaxis(x, normalize_axis_index(axisa, x.ndim, "axisa"), -1)
    y = moveaxis(y, normalize_axis_index(axisb, y.ndim, "axisb"), -1)
    if x.shape[-1] not in (2, 3) or y.shape[-1] not in (2, 3):
        raise ValueError("incompatible dimensions for cross product\n(dimension must be 2 or 3)")
    if x.shape[-1] == 2 or y.shape[-1] == 2:
        warnings.warn("Arrays of 2-dimensional vectors are deprecated. Use arrays of "
                      "3-dimensional vectors instead. (deprecated in NumPy 2.0)",
                      DeprecationWarning, stacklevel=2)
    shape = broadcast_shapes(x.shape[:-1], y.shape[:-1])
    if x.shape[-1] == 3 or y.shape[-1] == 3:
        axisc = normalize_axis_index(axisc, len(shape) + 1, "axisc")
    dtype = np.promote_types(x.dtype, y.dtype)
    x, y = x.astype(dtype), y.astype(dtype)
    mul, sub, neg = UFUNCS["multiply"], UFUNCS["subtract"], UFUNCS["negative"]
    a0, a1, b0, b1 = x[..., 0], x[..., 1], y[..., 0], y[..., 1]
    last = sub(mul(a0, b1), mul(a1, b0))
    if x.shape[-1] == 2 and y.shape[-1] == 2:
        return last
    if x.shape[-1] == 2:
        parts = [mul(a1, y[..., 2]), neg(mul(a0, y[..., 2]))]
    elif y.shape[-1] == 2:
        parts = [neg(mul(x[..., 2], b1)), mul(x[..., 2], b0)]
    else:
        a2, b2 = x[..., 2], y[..., 2]
        parts = [sub(mul(a1, b2), mul(a2, b1)), sub(mul(a2, b0), mul(a0, b2))]
    # the components side by side: selects compile far faster than a stack's updates
    component = wrap(buffer_node(np.arange(3)))
    c0, c1, c2 = (expand_dims(broadcast_to(p, shape), -1) for p in parts + [last])
    return moveaxis(where(component == 0, c0, where(component == 1, c1, c2)), -1, axisc)
