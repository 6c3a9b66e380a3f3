"""Measure the float32 expansions of codegen over every float32 input (or every
``stride``-th bit pattern): the largest ULP error against NumPy's float64 result
and that every non-finite or zero result equals NumPy's float64 result rounded
to float32 bit for bit.

    python tools/check_mathfuncs_f32.py [--stride N] [function ...]

prints, per unary function, the maximum error, the input that gives it and the
number of inputs checked; exit status 1 if an error exceeds 2 ULP or a special
value differs.  ``--stride 3`` took about 2 minutes per function on the shared
2-core machine (load 3), most of it NumPy's reference; stride 1 takes three times
as long.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from codegen import Axis, Compute, build, default_schedule  # noqa: E402
from codegen.expr import load, param, unary, var  # noqa: E402

F32 = np.dtype(np.float32)
BOUND = 2.0
CHUNK = 1 << 24
FUNCTIONS = ("exp", "log", "sin", "cos", "tan", "exp2", "expm1", "log2", "log10", "log1p",
             "sinh", "cosh", "tanh", "arcsinh", "arccosh", "arctanh", "arctan", "arcsin",
             "arccos")


def kernel(op: str):
    """The compiled float32 loop out[i] = op(in[i]) and a function calling it."""
    body = unary(op, load(0, var("i"), F32))
    c = Compute("ew", (F32,), F32, (Axis("i", param(0)),), body, var("i"), 1)
    k = build(c, default_schedule(c))

    def run(x: np.ndarray) -> np.ndarray:
        out = np.empty_like(x)
        k([x, out], np.array([x.size], dtype=np.int64))
        return out
    return run


def ulp_errors(got: np.ndarray, ref: np.ndarray) -> np.ndarray:
    """|got - ref| in float32 ULP of ref (ref in float64, finite)."""
    _, e = np.frexp(ref)
    return np.abs(got.astype(np.float64) - ref) / np.ldexp(1.0, np.maximum(e - 24, -149))


def check(op: str, stride: int) -> tuple[float, float, int, int]:
    """(max error, its input, inputs checked, special values that differ)."""
    run, fn = kernel(op), getattr(np, op)
    worst, worst_x, checked, bad = 0.0, 0.0, 0, 0
    for start in range(0, 1 << 32, CHUNK * stride):
        bits = np.arange(start, min(start + CHUNK * stride, 1 << 32), stride, dtype=np.uint64)
        x = bits.astype(np.uint32).view(F32)
        x = x[~np.isnan(x)]
        got = run(x)
        with np.errstate(all="ignore"):
            ref = fn(x.astype(np.float64))
            rounded = ref.astype(F32)
        special = ~np.isfinite(rounded) | (rounded == 0) | ~np.isfinite(got)
        same = (got[special].view(np.uint32) == rounded[special].view(np.uint32))
        same |= np.isnan(got[special]) & np.isnan(rounded[special])
        bad += int(np.count_nonzero(~same))
        err = ulp_errors(got[~special], ref[~special])
        if err.size and err.max() > worst:
            worst, worst_x = float(err.max()), float(x[~special][np.argmax(err)])
        checked += x.size
    return worst, worst_x, checked, bad


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stride", type=int, default=1, help="check every N-th bit pattern")
    parser.add_argument("functions", nargs="*", default=FUNCTIONS)
    args = parser.parse_args()
    failed = False
    for op in args.functions:
        worst, x, checked, bad = check(op, args.stride)
        failed |= worst > BOUND or bad > 0
        print(f"{op:8} max {worst:.3f} ULP at x = {x!r} ({float.hex(x)}); "
              f"{checked} inputs, {bad} special values differ", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
