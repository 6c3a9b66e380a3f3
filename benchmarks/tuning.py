"""The autotuner on three workloads, one run: default vs tuned kernel times.

``python benchmarks/tuning.py [--trials 24] [--seconds 60] [--strategy beam]``
runs each workload once through lazyarray while recording its kernels
(``codegen.tune.Recorder``), then tunes the kernel that took longest (a beam
search of at most ``--trials`` candidates and ``--seconds`` seconds per
workload, each candidate checked against the default schedule's output) and
prints NumPy's median time for the whole operation, the kernel's median time
with the default schedule and with the best schedule found, the speed-up, and
NumPy's time over each.  Kernel times leave out lazyarray's front end (graph
building, planning: microseconds per call).  Workloads: a 1024 x 1024 float32
matmul, the sum over axis 0 of a 4096 x 4096 float32 array, and an
element-wise chain on 2**22 float32 values.
"""
import argparse
import time

import numpy

import codegen.tune as tune
import lazyarray
from lazyarray.config import settings
from foundation import median_seconds   # this folder's foundation benchmark script

RNG = numpy.random.default_rng(0)


def chain(xp, x):
    return xp.sqrt(xp.abs(x)) * 0.5 + xp.exp(-x * x) - x


WORKLOADS = {
    "matmul 1024 f32": (lambda xp, a: a @ a, (1024, 1024)),
    "sum axis=0 4096^2 f32": (lambda xp, a: a.sum(axis=0), (4096, 4096)),
    "elementwise chain 2^22": (chain, (1 << 22,)),
}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--trials", type=int, default=24)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--strategy", default="beam", choices=sorted(tune.STRATEGIES))
    parser.add_argument("--repeats", type=int, default=9)
    args = parser.parse_args()
    print(f"{settings.num_threads} threads; budget per workload: "
          f"{args.trials} trials, {args.seconds:.0f} s, {args.strategy} search")
    print(f"{'workload':24} {'numpy ms':>9} {'default ms':>11} {'tuned ms':>9} {'speed-up':>9} "
          f"{'numpy/default':>14} {'numpy/tuned':>12} {'tried':>6} {'search s':>9}")
    for name, (body, shape) in WORKLOADS.items():
        x = RNG.standard_normal(shape).astype(numpy.float32)
        recorder = tune.Recorder()
        with tune.recording(recorder):
            numpy.asarray(body(lazyarray, lazyarray.asarray(x)))
        key = max(recorder.seconds, key=recorder.seconds.get)
        measurer = tune.Measurer(recorder.workloads[key], repeats=args.repeats)
        t0 = time.perf_counter()
        result = tune.tune(measurer, trials=args.trials, seconds=args.seconds,
                           strategy=args.strategy)
        spent = time.perf_counter() - t0
        t_np = median_seconds(lambda: body(numpy, x), args.repeats)
        t_default, t_best = result.default.seconds, result.best.seconds
        print(f"{name:24} {t_np * 1e3:9.2f} {t_default * 1e3:11.2f} {t_best * 1e3:9.2f} "
              f"{result.speedup:8.2f}x {t_np / t_default:13.2f}x {t_np / t_best:11.2f}x "
              f"{len(result.measured):6} {spent:9.1f}")
        print(f"  best: {result.best.schedule!r}")


if __name__ == "__main__":
    main()
