"""One-run comparison of the foundation workloads: lazyarray vs NumPy.

``python benchmarks/foundation.py`` prints, per workload, NumPy's median time,
lazyarray's first call in a fresh process (compilation included, empty kernel
cache), lazyarray's steady-state median, and the ratios, all measured in
this one run; then the cost of recording one lazy op and the compile time of
a small fused kernel.  For bandwidth figures run the anchor benchmark:
``python ../shared/bench/anchors_cpu.py --frameworks numpy --module lazyarray --only axpy,transc,dot``.
"""
import os
import statistics
import sys
import tempfile
import time
import timeit

import numpy

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "asv_bench"))

import lazyarray  # noqa: E402
from benchmarks.foundation import WORKLOADS, _inputs, first_call_seconds  # noqa: E402


def median_seconds(fn, repeats=9):
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main():
    print(f"{'workload':12} {'numpy ms':>9} {'first ms':>9} {'steady ms':>10} {'numpy/steady':>13}")
    for name, (body, dtype, shape, count) in WORKLOADS.items():
        np_in = _inputs(dtype, shape, count)
        la_in = [lazyarray.asarray(x) for x in np_in]
        numpy.asarray(body(lazyarray, *la_in))
        t_np = median_seconds(lambda: numpy.asarray(body(numpy, *np_in)))
        t_la = median_seconds(lambda: numpy.asarray(body(lazyarray, *la_in)))
        first = first_call_seconds(name)
        print(f"{name:12} {t_np * 1e3:9.1f} {first * 1e3:9.1f} {t_la * 1e3:10.1f} {t_np / t_la:12.2f}x")
    x = lazyarray.asarray(numpy.ones(1 << 20))
    n = 100000
    per_op = timeit.timeit(lambda: x + 1.0, number=n) / n
    print(f"recording one lazy op: {per_op * 1e6:.2f} us")
    with tempfile.TemporaryDirectory() as cache, lazyarray.config(cache_dir=cache):
        lazyarray.stats(reset=True)
        y = lazyarray.asarray(numpy.ones(1 << 20, numpy.float32))
        numpy.asarray(lazyarray.sqrt(y * 3.0 + 1.5) - y)
        s = lazyarray.stats()
        print(f"compile of a small fused kernel: {s['compile_seconds'] * 1e3:.1f} ms "
              f"({s['compiles']} kernel)")


if __name__ == "__main__":
    main()
