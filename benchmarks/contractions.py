"""Contractions: float32/float64 matmul at 1024 and 2048 and einsum
'ij,jk,kl->il' on 512-sized operands, lazyarray vs NumPy (one run each).

``python benchmarks/contractions.py [--repeat 3]`` prints, per case, the best
time of each, the ratio (NumPy time / lazyarray time: above 1 is faster than
NumPy) and the largest difference from NumPy's result relative to the result's
scale.
"""
import argparse
import time

import numpy

import lazyarray


def best(fn, repeat: int) -> tuple[float, object]:
    times, out = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t0)
    return min(times), out


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
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    for name, inputs, body in cases():
        lazy = [lazyarray.asarray(x) for x in inputs]
        numpy.asarray(body(lazyarray, *lazy))                 # compile outside the timing
        t_np, expected = best(lambda: body(numpy, *inputs), args.repeat)
        t_la, got = best(lambda: numpy.asarray(body(lazyarray, *lazy)), args.repeat)
        err = numpy.abs(got - expected).max() / numpy.abs(expected).max()
        print(f"{name:34s} numpy {t_np * 1e3:8.1f} ms  lazyarray {t_la * 1e3:8.1f} ms  "
              f"ratio {t_np / t_la:5.2f}  rel. err {err:.1e}")


if __name__ == "__main__":
    main()
