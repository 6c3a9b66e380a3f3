"""Small computes shared by the tuner's tests: one of each loop form."""
import numpy as np

from codegen import Axis, Compute
from codegen.expr import binary, const, load, param, unary, var

F32, F64, I32 = np.dtype("float32"), np.dtype("float64"), np.dtype("int32")


def elementwise(dtype=F32) -> Compute:
    """out[i] = exp(-a[i]) * a[i] + 1 over p0 points."""
    a = load(0, var("i"), dtype)
    body = binary("add", binary("mul", unary("exp", unary("neg", a)), a), const(1, dtype)) \
        if dtype.kind == "f" else binary("add", binary("mul", a, a), const(1, dtype))
    return Compute("ew", (dtype,), dtype, (Axis("i", param(0)),), body, var("i"), 1)


def row_sums(dtype=F32, combiner="add") -> Compute:
    """out[i] = combiner over j of a[i, j], a of shape (p0, p1)."""
    body = load(0, var("i") * param(1) + var("j"), dtype)
    return Compute("rows", (dtype,), dtype, (Axis("i", param(0)), Axis("j", param(1), True)),
                   body, var("i"), 2, combiner)


def column_sums(dtype=F32) -> Compute:
    """out[j] = sum over i of a[i, j], a of shape (p0, p1)."""
    body = load(0, var("i") * param(1) + var("j"), dtype)
    return Compute("cols", (dtype,), dtype, (Axis("i", param(0), True), Axis("j", param(1))),
                   body, var("j"), 2, "add")


def matmul(dtype=F32) -> Compute:
    """out[i, j] = sum over k of a[i, k] * b[k, j]; sizes (p0, p2) @ (p2, p1)."""
    i, j, k = var("i"), var("j"), var("k")
    body = binary("mul", load(0, i * param(2) + k, dtype), load(1, k * param(1) + j, dtype))
    return Compute("mm", (dtype, dtype), dtype,
                   (Axis("i", param(0)), Axis("j", param(1)), Axis("k", param(2), True)),
                   body, i * param(1) + j, 3, "add")


def cumsum_rows(dtype=F64) -> Compute:
    """A scan along the last axis of a (p0, p1) array."""
    index = var("i") * param(1) + var("j")
    return Compute("scan", (dtype,), dtype, (Axis("i", param(0)), Axis("j", param(1))),
                   load(0, index, dtype), index, 2, "add", scan="j")
