"""float16 in kernels: the ``widen half`` pass (``codegen/passes/widen_half.py``)
and the LLVM backend's ``half`` loads, stores and casts, run through real
kernels against NumPy on every float16 value.

Structure: after the pass, no operation but load/store/const/cast/bitcast/
select has a float16 operand or result.  Numerics: arithmetic rounds after
each operation exactly as NumPy's float16 loops; nextafter and spacing are
NumPy's own float16 algorithms; casts from float64 round once (round to odd
through float32), from and to integers as NumPy's casts.
"""
import numpy as np
import pytest

from codegen import Axis, Compute, build, default_schedule
from codegen.expr import binary, cast, load, param, subexpressions, unary, var
from codegen.ir import Store
from codegen.passes import widen_half

F16 = np.dtype(np.float16)
HALVES = np.arange(1 << 16, dtype=np.uint16).view(np.float16)
OTHERS = np.random.default_rng(3).permutation(HALVES)


def compute(fn, *dtypes):
    dtypes = [np.dtype(d) for d in dtypes]
    body = fn(*(load(k, var("i"), d) for k, d in enumerate(dtypes)))
    return Compute("h", tuple(dtypes), body.dtype, (Axis("i", param(0)),), body, var("i"), 1)


def run(c, *xs):
    out = np.empty(xs[0].shape, c.out_dtype)
    build(c, default_schedule(c))([*xs, out], np.array([xs[0].size], np.int64))
    return out


def test_only_memory_casts_and_selects_keep_float16():
    c = compute(lambda a, b: unary("exp", binary("add", binary("mul", a, b), a)), F16, F16)
    stmt = widen_half(Store(1, var("i"), c.body))
    kept = {e.op for e in subexpressions(stmt.value)
            if e.dtype == F16 or any(getattr(a, "dtype", None) == F16 for a in e.args)}
    assert kept <= {"load", "cast"}


@pytest.mark.parametrize("op, fn", [("add", np.add), ("sub", np.subtract), ("mul", np.multiply),
                                    ("div", np.divide), ("nextafter", np.nextafter),
                                    ("lt", np.less), ("max", np.maximum), ("pow", np.power),
                                    ("remainder", np.remainder)])
def test_binary_every_value(op, fn):
    with np.errstate(all="ignore"):
        expected = fn(HALVES, OTHERS)
    np.testing.assert_array_equal(run(compute(lambda a, b: binary(op, a, b), F16, F16),
                                      HALVES, OTHERS), expected, strict=True)


@pytest.mark.parametrize("op, fn", [("spacing", np.spacing), ("sqrt", np.sqrt),
                                    ("reciprocal", np.reciprocal), ("rint", np.rint)])
def test_unary_every_value(op, fn):
    with np.errstate(all="ignore"):
        expected = fn(HALVES)
    np.testing.assert_array_equal(run(compute(lambda a: unary(op, a), F16), HALVES), expected,
                                  strict=True)


def _tricky():
    rng = np.random.default_rng(5)
    finite = HALVES[np.isfinite(HALVES)].astype(np.float64)
    mids = (HALVES[:0x7bff].astype(np.float64) + HALVES[1:0x7c00].astype(np.float64)) / 2
    return np.concatenate([rng.standard_normal(5000) * np.exp2(rng.uniform(-30, 17, 5000)),
                           finite, mids, np.nextafter(mids, np.inf), np.nextafter(mids, -np.inf),
                           [65519.99, 65520.0, 1e300, -1e300, 5e-324, 2.0 ** -25, np.nan, -0.0]])


@pytest.mark.parametrize("dtype", ["float64", "float32", "int64", "int8", "uint64", "uint32",
                                   "bool"])
def test_casts_round_once(dtype):
    with np.errstate(all="ignore"):
        x = _tricky().astype(dtype)
        np.testing.assert_array_equal(run(compute(lambda a: cast(a, F16), dtype), x),
                                      x.astype(F16), strict=True)
        np.testing.assert_array_equal(run(compute(lambda a: cast(a, dtype), F16), HALVES),
                                      HALVES.astype(dtype), strict=True)
