"""Contractions: float32/float64 matmul at 1024 and 2048 and einsum
'ij,jk,kl->il' on 512-sized operands, lazyarray vs NumPy (one run each).

``python benchmarks/contractions.py [--repeat 5] [--rounds 3]`` prints, per
case, the median time of each, the ratio of the medians (NumPy time /
lazyarray time: above 1 is faster than NumPy) and the largest difference
from NumPy's result relative to the result's scale.  Each library runs in
blocks of ``--repeat`` calls, the blocks alternating ``--rounds`` times with a
pause between them: OpenBLAS's worker threads keep spinning for a while
after each call, so a lazyarray call made right after NumPy's finds its
second core taken (1024 float32: 20-24 ms right after, 11.7 ms after a
0.3 s pause), as no program using only one of the two libraries would.
"""
import argparse
import statistics
import time

import numpy

import lazyarray


#: seconds between blocks: OpenBLAS's threads stop spinning well within it.
PAUSE = 0.3


def block(fn, repeat: int) -> tuple[list[float], object]:
    """The times of ``repeat`` calls of ``fn`` after a pause, and its last result."""
    time.sleep(PAUSE)
    times, out = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t0)
    return times, out


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
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    for name, inputs, body in cases():
        lazy = [lazyarray.asarray(x) for x in inputs]
        numpy.asarray(body(lazyarray, *lazy))                 # compile outside the timing
        t_np, t_la = [], []
        for _ in range(args.rounds):
            times, expected = block(lambda: body(numpy, *inputs), args.repeat)
            t_np += times
            times, got = block(lambda: numpy.asarray(body(lazyarray, *lazy)), args.repeat)
            t_la += times
        m_np, m_la = statistics.median(t_np), statistics.median(t_la)
        err = numpy.abs(got - expected).max() / numpy.abs(expected).max()
        print(f"{name:34s} numpy {m_np * 1e3:8.1f} ms  lazyarray {m_la * 1e3:8.1f} ms  "
              f"ratio {m_np / m_la:5.2f}  rel. err {err:.1e}")


if __name__ == "__main__":
    main()
