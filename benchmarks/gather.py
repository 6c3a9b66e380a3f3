"""Gathers: ``a[idx]`` with 2**22 random int64 indices into a 2**24 float64
array, and the fused ``(a[idx] * 2 + 1).sum()`` (lazyarray vs NumPy, one run).

``python benchmarks/gather.py [--n 24] [--k 22] [--repeat 7]`` prints the
steady-state medians (kernels compiled before timing), their ratios, whether
the results agree with NumPy, and the kernels lazyarray launched per call.
"""
import argparse

import numpy

import lazyarray
from foundation import median_seconds


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=24, help="log2 of the source size")
    ap.add_argument("--k", type=int, default=22, help="log2 of the number of indices")
    ap.add_argument("--repeat", type=int, default=7)
    args = ap.parse_args()
    rng = numpy.random.default_rng(0)
    a = rng.random(1 << args.n)
    idx = rng.integers(0, 1 << args.n, 1 << args.k, dtype=numpy.int64)
    la_a, la_idx = lazyarray.asarray(a), lazyarray.asarray(idx)
    cases = {
        "a[idx]": (lambda: a[idx], lambda: la_a[la_idx].evaluate()),
        "(a[idx] * 2 + 1).sum()": (lambda: (a[idx] * 2 + 1).sum(),
                                   lambda: float((la_a[la_idx] * 2 + 1).sum())),
    }
    for name, (np_fn, la_fn) in cases.items():
        want, got = np_fn(), la_fn()              # also compiles outside the timing
        same = numpy.allclose(numpy.asarray(got), want, rtol=1e-12)
        t_np = median_seconds(np_fn, args.repeat)
        lazyarray.stats(reset=True)
        t_la = median_seconds(la_fn, args.repeat)
        launches = lazyarray.stats()["kernels_launched"] / args.repeat
        print(f"{name:24s} numpy {t_np * 1e3:8.2f} ms  lazyarray {t_la * 1e3:8.2f} ms  "
              f"speed-up {t_np / t_la:5.2f}x  agrees: {same}  kernels/call: {launches:g}")


if __name__ == "__main__":
    main()
