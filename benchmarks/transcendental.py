"""One-run comparison of transcendental workloads: lazyarray vs NumPy.

``python benchmarks/transcendental.py`` prints, per workload, NumPy's median
time, lazyarray's steady-state median (kernels compiled and cached, inputs
computed) and the ratio, all measured in this one run on this machine's
cores (``LAZYARRAY_NUM_THREADS``), then each function of the chain alone,
then the other functions with a float32 computation path (float32 only),
then ``power`` (positive bases: NumPy's libm returns early for the NaN of a
negative base with a fractional exponent) by an array and by scalars.

Measured for ``chain10 f32`` (one thread, CPU time, best of 7, load average
2.5, so that other processes on the shared 2-core machine count less):
NumPy (SVML float32 loops on this AVX-512 host) 330 ms, lazyarray 125 ms
(2.6x) with the float32 functions computed in float32, 225 ms (1.5x) when
they were computed in float64.

Measured for ``power`` (x**y, 2**21 elements, one thread, CPU time per
element, best of 30, on the shared 2-core machine at load average 6):
float64 15.3 ns (vectorized expansion) vs NumPy's libm loop 14.9 ns,
float32 6.8 ns vs 6.3 ns: per core on par with glibc's pow, so the gain is
the second core and fusion (``x**0.5``, ``x**2``, ``x**-1`` are sqrt,
multiply, divide, as in NumPy).
"""
import os

import numpy

import lazyarray
from foundation import median_seconds


def chain(np, a, b):
    """Ten transcendental functions (and sqrt), mixed with arithmetic."""
    t = np.tanh(a) * 0.5 + np.exp(b * 0.25)
    u = np.log1p(np.abs(t)) + np.sin(a) * np.arctan(b)
    v = np.sqrt(np.abs(u) + 1.0) - np.cos(b) * np.expm1(a * 0.1)
    return np.arcsinh(v) + np.log(np.abs(t) + 1.0) * np.hypot(a, v)


def where_sqrt_exp(np, a, b):
    return np.where(a > 0, np.sqrt(a), np.exp(a))


def _inputs(dtype, n, low=-3.0, high=3.0):
    rng = numpy.random.default_rng(0)
    return [rng.uniform(low, high, n).astype(dtype) for _ in range(2)]


WORKLOADS = {
    "chain10 f32": (chain, numpy.float32, 1 << 24),
    "where f64": (where_sqrt_exp, numpy.float64, 1 << 24),
}
POWER = {
    "x**y": lambda np, a, b: np.power(a, b),
    "x**2.5": lambda np, a, b: a ** 2.5,
    "x**3": lambda np, a, b: a ** 3,
    "x**0.5": lambda np, a, b: a ** 0.5,
    "float_power": lambda np, a, b: np.float_power(a, b),
}
SINGLE = ["tanh", "exp", "log1p", "sin", "arctan", "expm1", "arcsinh", "cos", "log", "hypot"]
#: the other functions with a float32 computation path, and their argument ranges
FLOAT32 = {"tan": (-3, 3), "exp2": (-3, 3), "log2": (0, 3), "log10": (0, 3), "sinh": (-3, 3),
           "cosh": (-3, 3), "arccosh": (1, 4), "arctanh": (-1, 1), "arcsin": (-1, 1),
           "arccos": (-1, 1), "arctan2": (-3, 3)}


def _one(fn):
    """fn of the first input (and of the second, for a two-argument function)."""
    def one(np, a, b):
        f = getattr(np, fn)
        return f(a, b) if fn in ("hypot", "arctan2") else f(a)
    return one


def compare(name, body, dtype, n, low=-3.0, high=3.0):
    np_in = _inputs(dtype, n, low, high)
    la_in = [lazyarray.asarray(x) for x in np_in]
    numpy.asarray(body(lazyarray, *la_in))                  # compile
    t_np = median_seconds(lambda: body(numpy, *np_in), repeats=7)
    t_la = median_seconds(lambda: numpy.asarray(body(lazyarray, *la_in)), repeats=7)
    print(f"{name:16} {t_np * 1e3:9.1f} {t_la * 1e3:10.1f} {t_np / t_la:12.2f}x", flush=True)


def main():
    threads = os.environ.get("LAZYARRAY_NUM_THREADS", os.cpu_count())
    print(f"threads: {threads}")
    print(f"{'workload':16} {'numpy ms':>9} {'steady ms':>10} {'numpy/steady':>13}")
    for name, (body, dtype, n) in WORKLOADS.items():
        compare(name, body, dtype, n)
    for fn in SINGLE:
        for dtype in (numpy.float32, numpy.float64):
            compare(f"{fn} {numpy.dtype(dtype).name}", _one(fn), dtype, 1 << 22)
    for fn, (low, high) in FLOAT32.items():
        compare(f"{fn} float32", _one(fn), numpy.float32, 1 << 22, low, high)
    for name, body in POWER.items():
        for dtype in (numpy.float64, numpy.float32):
            compare(f"{name} {numpy.dtype(dtype).name}", body, dtype, 1 << 24, low=0.0)


if __name__ == "__main__":
    main()
