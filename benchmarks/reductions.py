"""Reductions, lazyarray vs NumPy, one run: steady-state medians.

``python benchmarks/reductions.py [--n 4096]`` prints, for a float32 n x n
array: the sum over each axis, softmax along rows and layer normalization
along rows (with NumPy's own formulas in both libraries), NumPy's median
time, lazyarray's (kernels already compiled) and the ratio NumPy/lazyarray;
then the bytes each workload must move at least (its input read once, its
output written once), lazyarray's rate over them and that rate as a share of
this machine's memory bandwidth, measured as NumPy's ``copyto`` of 256 MiB
(read plus write, the best of the repeats).  It also prints what a fresh
n x n float32 output costs before anything is written to it: the kernel
zeroing its pages on first touch, which both libraries pay on every call
(one core's time; the threads of a kernel share it).
"""
import argparse
import time

import numpy

import lazyarray
from foundation import median_seconds   # this folder's foundation benchmark script


def softmax(xp, x):
    e = xp.exp(x - x.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def layernorm(xp, x):
    mu = x.mean(axis=1, keepdims=True)
    var = x.var(axis=1, keepdims=True)
    return (x - mu) / xp.sqrt(var + 1e-5)


WORKLOADS = {
    "sum axis=0": lambda xp, x: x.sum(axis=0),
    "sum axis=1": lambda xp, x: x.sum(axis=1),
    "sum": lambda xp, x: x.sum(),
    "softmax": softmax,
    "layernorm": layernorm,
}


def copy_bandwidth(repeats: int) -> float:
    """Bytes per second that ``numpy.copyto`` reads plus writes (256 MiB each)."""
    src = numpy.ones(1 << 26, numpy.float32)
    dst = numpy.empty_like(src)
    best = float("inf")
    for _ in range(repeats):
        t0 = time.perf_counter()
        numpy.copyto(dst, src)
        best = min(best, time.perf_counter() - t0)
    return 2 * src.nbytes / best


def fresh_output_seconds(n: int, repeats: int) -> float:
    """Median time to allocate an n x n float32 array and touch each of its pages."""
    def touch() -> None:
        out = numpy.empty(n * n, numpy.float32)
        out[::1024] = 0.0
    return median_seconds(touch, repeats)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=4096)
    parser.add_argument("--repeats", type=int, default=11)
    args = parser.parse_args()
    x = numpy.random.default_rng(0).standard_normal((args.n, args.n)).astype(numpy.float32)
    lx = lazyarray.asarray(x)
    print(f"float32 {args.n}x{args.n}, {lazyarray.config().__enter__().num_threads} threads")
    bandwidth = copy_bandwidth(args.repeats)
    print(f"memory bandwidth (copyto, read + write): {bandwidth / 1e9:.1f} GB/s")
    print(f"page faults of a fresh output: {fresh_output_seconds(args.n, args.repeats) * 1e3:.2f} ms "
          f"(one core)")
    print(f"{'workload':12} {'numpy ms':>9} {'lazy ms':>9} {'numpy/lazy':>11} {'lazy GB/s':>10} "
          f"{'% bandwidth':>12}")
    for name, body in WORKLOADS.items():
        result = numpy.asarray(body(lazyarray, lx))   # compile
        t_np = median_seconds(lambda: numpy.asarray(body(numpy, x)), args.repeats)
        t_la = median_seconds(lambda: numpy.asarray(body(lazyarray, lx)), args.repeats)
        rate = (x.nbytes + result.nbytes) / t_la
        print(f"{name:12} {t_np * 1e3:9.2f} {t_la * 1e3:9.2f} {t_np / t_la:10.2f}x "
              f"{rate / 1e9:10.1f} {100 * rate / bandwidth:11.0f}%")


if __name__ == "__main__":
    main()
