"""The lazy-tax figures: what laziness costs where NumPy pays nothing.

``python benchmarks/lazy_tax.py [--quick]`` measures, in one run:
per-op recording cost; a 1000-op chain on 10 elements (lazyarray / NumPy);
a conjugate-gradient Poisson solver on 64x64 written in plain NumPy style
(lazyarray / NumPy); the shape-churn loop ``y = sin(x)*2 + x.sum()`` with
random sizes (compiles, compile share of wall time); peak memory of the
loop ``a = a*0.5 + b; a[1:] = a[:-1]`` on 4096 elements, after 10^5 and
10^6 iterations, against NumPy's (lazyarray with its default evaluation
rule, and with ``eager_threshold=0``: recorded graphs, compiled
kernels); and compiles after the second iteration of a ``while delta > eps``
loop.  Pass ``--quick`` for reduced iteration counts (a smoke test).
"""
import argparse
import subprocess
import sys
import tempfile
import time
import timeit

import numpy

import lazyarray


def per_op_us() -> float:
    x = lazyarray.asarray(numpy.ones(1 << 20))
    n = 200000
    return timeit.timeit(lambda: x + 1.0, number=n) / n * 1e6


def chain(xp, x):
    for _ in range(500):
        x = x * 0.999
        x = x + 0.001
    return numpy.asarray(x)


def cg_poisson(xp, n, iters):
    """Conjugate gradients on the 5-point Laplacian, NumPy style."""
    b = xp.ones((n, n))
    x = xp.zeros((n, n))

    def apply_a(p):
        ap = 4.0 * p
        ap[1:, :] -= p[:-1, :]
        ap[:-1, :] -= p[1:, :]
        ap[:, 1:] -= p[:, :-1]
        ap[:, :-1] -= p[:, 1:]
        return ap

    r = b - apply_a(x)
    p = r.copy()
    rr = (r * r).sum()
    for _ in range(iters):
        ap = apply_a(p)
        alpha = rr / (p * ap).sum()
        x = x + alpha * p
        r = r - alpha * ap
        rr_new = (r * r).sum()
        p = r + (rr_new / rr) * p
        rr = rr_new
    return float(numpy.asarray(x).sum())


def best_of(fn, repeats=5):
    return min(timeit.repeat(fn, number=1, repeat=repeats))


def shape_churn(iterations: int) -> dict:
    rng = numpy.random.default_rng(0)
    sizes = rng.integers(1, 10**6, iterations)
    lazyarray.stats(reset=True)
    t0 = time.perf_counter()
    for n in sizes:
        x = lazyarray.asarray(numpy.ones(int(n)))
        y = lazyarray.sin(x) * 2 + x.sum()
        y.evaluate()
    wall = time.perf_counter() - t0
    s = lazyarray.stats()
    return {"compiles": s["compiles"], "compile_share": s["compile_seconds"] / wall, "wall": wall}


_MEMORY = """
import sys, numpy


def peak():
    # the process's own high-water RSS (KiB): ru_maxrss would include the
    # parent's, from which the process was spawned
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmHWM"))


xp = __import__(sys.argv[1])
if sys.argv[2] != "default":
    xp.config(eager_threshold=int(sys.argv[2]))
n, checkpoints = int(sys.argv[3]), [int(k) for k in sys.argv[4:]]
a = xp.asarray(numpy.ones(n)); b = xp.asarray(numpy.ones(n))
a = a * 0.5 + b
a[1:] = a[:-1]
numpy.asarray(a)
print(peak())
done = 1
for k in checkpoints:
    for _ in range(k - done):
        a = a * 0.5 + b
        a[1:] = a[:-1]
    done = k
    print(peak())
numpy.asarray(a)
print(peak())
"""


def memory_loop(module: str, threshold: str, n: int, checkpoints: list[int]) -> list[int]:
    """Peak RSS (KiB, the process's VmHWM) of the loop ``a = a*0.5 + b; a[1:] = a[:-1]`` (never
    reading ``a``) on ``n`` elements, in a fresh process: after one
    iteration (imports, setup, first compiles), after each checkpoint's
    iteration count, and after the final read.  ``threshold``: lazyarray's
    ``eager_threshold`` (``"default"``, or ``"0"`` for the recorded, compiled
    path)."""
    out = subprocess.run([sys.executable, "-c", _MEMORY, module, threshold, str(n),
                          *map(str, checkpoints)], capture_output=True, text=True, check=True)
    return [int(line) for line in out.stdout.split()]


def while_loop_compiles() -> list[int]:
    """Compiles so far, listed at the top of each iteration (fresh kernel
    caches): entry ``k`` counts the compiles of evaluating iterations
    ``0 .. k-1`` (each iteration's ``delta`` is evaluated by the next
    ``while`` test)."""
    with tempfile.TemporaryDirectory() as cache, lazyarray.config(cache_dir=cache):
        x = lazyarray.asarray(numpy.linspace(0.0, 1.0, 1 << 16))
        lazyarray.stats(reset=True)
        compiles, delta, eps = [], lazyarray.asarray(1.0), 1e-6
        while delta > eps:
            new = 0.5 * (x + lazyarray.cos(x + 0.25))
            delta = lazyarray.max(lazyarray.abs(new - x))
            x = new
            compiles.append(lazyarray.stats()["compiles"])
        return compiles


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true")
    args = ap.parse_args()
    cg_iters = 200 if args.quick else 2000
    churn = 500 if args.quick else 10**4
    print(f"recording one lazy op: {per_op_us():.2f} us")
    small = numpy.ones(10)
    lsmall = lazyarray.asarray(small)
    chain(lazyarray, lsmall)
    t_np, t_la = best_of(lambda: chain(numpy, small)), best_of(lambda: chain(lazyarray, lsmall))
    print(f"1000-op chain on 10 elements: numpy {t_np * 1e3:.2f} ms, lazyarray {t_la * 1e3:.2f} ms, "
          f"ratio {t_la / t_np:.2f}")
    cg_poisson(lazyarray, 64, 3)
    t_np = best_of(lambda: cg_poisson(numpy, 64, cg_iters), 3)
    t_la = best_of(lambda: cg_poisson(lazyarray, 64, cg_iters), 3)
    print(f"CG 64x64, {cg_iters} iterations: numpy {t_np:.3f} s, lazyarray {t_la:.3f} s, "
          f"ratio {t_la / t_np:.2f}")
    c = shape_churn(churn)
    print(f"shape churn, {churn} iterations: {c['compiles']} compiles, "
          f"compile share {100 * c['compile_share']:.1f}% of {c['wall']:.1f} s")
    n = 4096
    checkpoints = [10**3, 10**4] if args.quick else [10**5, 10**6]
    for module, threshold in (("numpy", "default"), ("lazyarray", "default"), ("lazyarray", "0")):
        t0 = time.perf_counter()
        peaks = [kib / 1024 for kib in memory_loop(module, threshold, n, checkpoints)]
        label = module if module == "numpy" else f"{module} (eager_threshold {threshold})"
        marks = ", ".join(f"{p:.1f} MiB at {k}" for p, k in zip(peaks[1:], checkpoints))
        print(f"memory loop n={n}, {label}: peak RSS {peaks[0]:.1f} MiB after setup, {marks}, "
              f"{peaks[-1]:.1f} MiB after the read ({time.perf_counter() - t0:.0f} s)")
    compiles = while_loop_compiles()
    print(f"while loop: {len(compiles)} iterations, compiles after each: {compiles[:6]}..., "
          f"new after iteration 2: {compiles[-1] - compiles[2]}")


if __name__ == "__main__":
    main()
