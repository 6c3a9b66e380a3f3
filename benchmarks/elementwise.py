"""One-run comparison of integer element-wise arithmetic: lazyarray vs NumPy.

``python benchmarks/elementwise.py`` prints, for ``(a * 3 + b) % 7`` on two
int32 arrays of 2**24 elements, NumPy's median time, lazyarray's steady-state
median (kernel compiled and cached; each run builds the graph and computes
it into a new array), and the ratio, all measured in this one run.
"""
import numpy

import lazyarray
from foundation import median_seconds   # (this script's folder is on sys.path)


def body(xp, a, b):
    return (a * 3 + b) % 7


def main():
    rng = numpy.random.default_rng(0)
    n = 1 << 24
    a, b = (rng.integers(-2**31, 2**31, n, dtype=numpy.int32) for _ in range(2))
    la_a, la_b = lazyarray.asarray(a), lazyarray.asarray(b)
    assert numpy.array_equal(numpy.asarray(body(lazyarray, la_a, la_b)), body(numpy, a, b))
    t_np = median_seconds(lambda: body(numpy, a, b))
    t_la = median_seconds(lambda: body(lazyarray, la_a, la_b).evaluate())
    print(f"(a * 3 + b) % 7, int32, 2**24 elements: numpy {t_np * 1e3:.1f} ms, "
          f"lazyarray {t_la * 1e3:.1f} ms, numpy/lazyarray {t_np / t_la:.2f}x")


if __name__ == "__main__":
    main()
