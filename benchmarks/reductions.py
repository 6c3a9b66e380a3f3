"""Reductions, lazyarray vs NumPy, one run: steady-state medians.

``python benchmarks/reductions.py [--n 4096]`` prints, for a float32 n x n
array: the sum over each axis, softmax along rows and layer normalization
along rows (with NumPy's own formulas in both libraries), NumPy's median
time, lazyarray's (kernels already compiled) and the ratio NumPy/lazyarray.
"""
import argparse

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


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=4096)
    parser.add_argument("--repeats", type=int, default=11)
    args = parser.parse_args()
    x = numpy.random.default_rng(0).standard_normal((args.n, args.n)).astype(numpy.float32)
    lx = lazyarray.asarray(x)
    print(f"float32 {args.n}x{args.n}, {lazyarray.config().__enter__().num_threads} threads")
    print(f"{'workload':12} {'numpy ms':>9} {'lazy ms':>9} {'numpy/lazy':>11}")
    for name, body in WORKLOADS.items():
        numpy.asarray(body(lazyarray, lx))   # compile
        t_np = median_seconds(lambda: numpy.asarray(body(numpy, x)), args.repeats)
        t_la = median_seconds(lambda: numpy.asarray(body(lazyarray, lx)), args.repeats)
        print(f"{name:12} {t_np * 1e3:9.2f} {t_la * 1e3:9.2f} {t_np / t_la:10.2f}x")


if __name__ == "__main__":
    main()
