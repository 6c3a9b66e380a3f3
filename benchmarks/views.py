"""Views and mutation: 100 Jacobi iterations of the 5-point stencil, written
with slice assignment, on 2048x2048 float64 (lazyarray vs NumPy, one run).

``python benchmarks/views.py [--n 2048] [--iterations 100]`` prints both
times, the ratio, whether the results are bit-identical, and the kernels
lazyarray launched.
"""
import argparse
import time

import numpy

import lazyarray


def jacobi(u, iterations):
    for _ in range(iterations):
        u[1:-1, 1:-1] = 0.25 * (u[:-2, 1:-1] + u[2:, 1:-1] + u[1:-1, :-2] + u[1:-1, 2:])
    return u


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=2048)
    ap.add_argument("--iterations", type=int, default=100)
    args = ap.parse_args()
    start = numpy.random.default_rng(0).random((args.n, args.n))
    jacobi(lazyarray.asarray(start), 3).evaluate()            # compile outside the timing
    t0 = time.perf_counter()
    expected = jacobi(start.copy(), args.iterations)
    t_np = time.perf_counter() - t0
    lazyarray.stats(reset=True)
    t0 = time.perf_counter()
    got = numpy.asarray(jacobi(lazyarray.asarray(start), args.iterations))
    t_la = time.perf_counter() - t0
    print(f"Jacobi {args.n}x{args.n}, {args.iterations} iterations: numpy {t_np:.2f} s, "
          f"lazyarray {t_la:.2f} s, {t_np / t_la:.2f}x; identical: {numpy.array_equal(got, expected)}; "
          f"kernels launched: {lazyarray.stats()['kernels_launched']}")


if __name__ == "__main__":
    main()
