"""Complex values as real pairs: the ``split complex`` pass
(``codegen/passes/split_complex.py``), run through real kernels against NumPy.

Structure: after the pass no expression, local or store is complex; a
complex accumulator's new parts are both computed from its old ones.
Numerics: every scalar function the pass lowers, on every pair of parts
drawn from NaN, +-inf, +-0.0, subnormals and ordinary values, bit for bit
NumPy's; a complex sum and product reduce as complex numbers.
"""
import warnings

import numpy as np
import pytest

from codegen import Axis, Compute, build, default_schedule
from codegen.expr import (binary, cast, combine, const, load, local, param, subexpressions,
                          unary, var)
from codegen.ir import Assign, Local, Seq, Store
from codegen.passes import split_complex

C64, C128 = np.dtype(np.complex64), np.dtype(np.complex128)
PARTS = [0.0, -0.0, 1.0, -1.0, 0.5, -2.5, np.inf, -np.inf, np.nan, 1e30, 1e-300, 5e-324, 1e-40]


def values(dtype):
    with np.errstate(all="ignore"):
        grid = np.array([complex(r, i) for r in PARTS for i in PARTS])
        rng = np.random.default_rng(2)
        return np.concatenate([grid, rng.standard_normal(300) + 1j * rng.standard_normal(300)]
                              ).astype(dtype)


def compute(fn, *dtypes, axes=None, combiner=None):
    dtypes = [np.dtype(d) for d in dtypes]
    body = fn(*(load(k, var("i"), d) for k, d in enumerate(dtypes)))
    axes = axes or (Axis("i", param(0)),)
    out_index = const(0) if combiner else var("i")
    return Compute("c", tuple(dtypes), body.dtype, axes, body, out_index, 1, combiner)


def run(c, *xs, out_shape=None):
    out = np.empty(xs[0].shape if out_shape is None else out_shape, c.out_dtype)
    build(c, default_schedule(c))([*xs, out], np.array([xs[0].size], np.int64))
    return out


def _walk(stmt):
    if isinstance(stmt, Seq):
        for s in stmt.stmts:
            yield from _walk(s)
    else:
        yield stmt


def test_no_complex_value_is_left():
    acc = local("acc", C64)
    stmt = Seq((Local("acc", C64, const(1, C64)),
                Assign("acc", combine("mul", acc, load(0, var("i"), C64))),
                Store(1, var("i"), binary("div", acc, load(0, var("i"), C64)))))
    out = list(_walk(split_complex(stmt)))
    for s in out:
        value = s.init if isinstance(s, Local) else s.value
        assert all(e.dtype.kind != "c" for e in subexpressions(value))
    stores = [s for s in out if isinstance(s, Store)]
    assert [s.index for s in stores] == [var("i") * 2, var("i") * 2 + 1]
    # the new real part goes through a temporary: the imaginary part reads the old one
    assigns = [s for s in out if isinstance(s, (Assign, Local))]
    assert [s.name for s in assigns] == ["acc.re", "acc.im", "acc.re_next", "acc.im", "acc.re"]


@pytest.mark.parametrize("dtype", [C64, C128], ids=str)
@pytest.mark.parametrize("op, fn", [("add", np.add), ("sub", np.subtract), ("mul", np.multiply),
                                    ("div", np.divide), ("eq", np.equal), ("ne", np.not_equal),
                                    ("lt", np.less), ("ge", np.greater_equal),
                                    ("max", np.maximum), ("min", np.minimum), ("fmax", np.fmax),
                                    ("fmin", np.fmin)])
def test_binary_every_pair(dtype, op, fn):
    x = values(dtype)
    n = len(PARTS) ** 2
    a, b = np.repeat(x[:n], n), np.tile(x[:n], n)
    with np.errstate(all="ignore"):
        expected = fn(a, b)
    np.testing.assert_array_equal(run(compute(lambda p, q: binary(op, p, q), dtype, dtype), a, b),
                                  expected, strict=True)


@pytest.mark.parametrize("dtype", [C64, C128], ids=str)
@pytest.mark.parametrize("op, fn", [("neg", np.negative), ("conj", np.conjugate), ("real", np.real),
                                    ("imag", np.imag), ("abs", np.absolute), ("isnan", np.isnan),
                                    ("isinf", np.isinf), ("isfinite", np.isfinite),
                                    ("reciprocal", np.reciprocal), ("sign", np.sign)])
def test_unary(dtype, op, fn):
    x = values(dtype)
    with np.errstate(all="ignore"):
        expected = fn(x)
    np.testing.assert_array_equal(run(compute(lambda p: unary(op, p), dtype), x), expected,
                                  strict=True)


@pytest.mark.parametrize("target", ["float16", "float32", "float64", "int32", "uint64", "bool",
                                    "complex64", "complex128"])
def test_casts(target):
    x = values(C128)
    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore", np.exceptions.ComplexWarning)
        expected = x.astype(target)
        np.testing.assert_array_equal(run(compute(lambda p: cast(p, target), C128), x), expected,
                                      strict=True)
        real = x.real.astype(target)
        np.testing.assert_array_equal(run(compute(lambda p: cast(p, C64), target), real),
                                      real.astype(C64), strict=True)


@pytest.mark.parametrize("combiner", ["add", "mul"])
def test_reductions(combiner):
    x = (np.arange(1, 41) * (1 - 0.5j) / 20).astype(C128)
    c = compute(lambda p: p, C128, axes=(Axis("i", param(0), True),), combiner=combiner)
    got = run(c, x, out_shape=())
    want = x.sum() if combiner == "add" else x.prod()
    np.testing.assert_allclose(got, want, rtol=1e-13)
