"""Contractions: float32/float64 matmul at 1024 and 2048 and einsum
'ij,jk,kl->il' on 512-sized operands, lazyarray vs NumPy (one run each).

``python benchmarks/contractions.py [--repeat 5]`` prints, per case, the best
time of each, the ratio of the best times (NumPy time / lazyarray time: above
1 is faster than NumPy), the median of the ratios of runs made back to back
(NumPy then lazyarray, so both see the same load on a shared machine) and the
largest difference from NumPy's result relative to the result's scale.
"""
import argparse
import statistics
import time

import numpy

import lazyarray


def timed(fn) -> tuple[float, object]:
    t0 = time.perf_counter()
    out = fn()
    return time.perf_counter() - t0, out


def cases():
    rng = numpy.random.default_rng(0)
    for dtype in ("float32", "float64"):
        for n in (1024, 2048):
            a, b = (rng.standard_normal((n, n)).astype(dtype) for _ in range(2))
            yield f"matmul {n} {dtype}", (a, b), lambda xp, a, b: xp.matmul(a, b)
    ops = [rng.standard_normal((512, 512)) for _ in range(3)]
    yield "einsum ij,jk,kl->il 512 float64", ops, \
        lambda xp, *xs: xp.einsum("ij,jk,kl->il", *xs, optimize=True)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    for name, inputs, body in cases():
        lazy = [lazyarray.asarray(x) for x in inputs]
        numpy.asarray(body(lazyarray, *lazy))                 # compile outside the timing
        t_np, t_la = [], []
        for _ in range(args.repeat):
            t, expected = timed(lambda: body(numpy, *inputs))
            t_np.append(t)
            t, got = timed(lambda: numpy.asarray(body(lazyarray, *lazy)))
            t_la.append(t)
        ratio = statistics.median(a / b for a, b in zip(t_np, t_la))
        err = numpy.abs(got - expected).max() / numpy.abs(expected).max()
        print(f"{name:34s} numpy {min(t_np) * 1e3:8.1f} ms  lazyarray {min(t_la) * 1e3:8.1f} ms  "
              f"ratio {min(t_np) / min(t_la):5.2f}  median ratio {ratio:5.2f}  rel. err {err:.1e}")


if __name__ == "__main__":
    main()
