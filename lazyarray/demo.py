"""The demo program: a NumPy-style computation run through lazyarray.

``python -m lazyarray.demo`` computes a Gaussian-weighted signal statistic on
2**22 points with NumPy and with lazyarray (the same function body, only the
namespace differs), checks that they agree, and prints the result, the
kernels lazyarray compiled and both timings.
"""
from __future__ import annotations

import time

import numpy

import lazyarray


def workload(np, a, b):
    """Plain NumPy code; ``np`` is numpy or lazyarray."""
    weight = np.exp(-a * a) * np.sin(b) + np.sqrt(np.abs(a))
    centered = weight - weight.mean()
    return (centered * centered).sum() / a.size, np.maximum(weight, 0.5).max()


def _timed(fn) -> tuple[object, float]:
    t0 = time.perf_counter()
    result = fn()
    return result, time.perf_counter() - t0


def main() -> None:
    rng = numpy.random.default_rng(0)
    a_np = rng.standard_normal(1 << 22).astype(numpy.float32)
    b_np = rng.standard_normal(1 << 22).astype(numpy.float32)
    a, b = lazyarray.asarray(a_np), lazyarray.asarray(b_np)
    lazyarray.stats(reset=True)

    def run_lazy():
        var, peak = workload(lazyarray, a, b)
        return float(var), float(peak)

    (var, peak), first = _timed(run_lazy)
    compiled = lazyarray.stats()
    (var, peak), steady = _timed(run_lazy)
    (var_np, peak_np), t_np = _timed(lambda: tuple(float(v) for v in workload(numpy, a_np, b_np)))
    assert numpy.isclose(var, var_np, rtol=1e-4) and peak == peak_np, (var, var_np, peak, peak_np)
    print(f"variance of the weighted signal: {var:.6f}   maximum: {peak:.6f}")
    print(f"kernels compiled: {compiled['compiles']} "
          f"(+{compiled['cache_hits']['disk']} loaded from the disk cache), "
          f"kernels launched per run: {compiled['kernels_launched']}")
    print(f"time: numpy {t_np * 1e3:.1f} ms, lazyarray first call {first * 1e3:.1f} ms, "
          f"steady state {steady * 1e3:.1f} ms ({t_np / steady:.2f}x numpy)")


if __name__ == "__main__":
    main()
