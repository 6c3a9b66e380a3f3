"""The foundation workloads (issue: lazy handles -> fused kernels -> LLVM).

Each workload is timed in NumPy and in lazyarray (steady state: kernels
already compiled), and lazyarray's first call in a fresh process with an
empty kernel cache is tracked separately (it includes compilation).
Run: ``cd asv_bench && asv run --python=same --quick`` or the one-run
comparison script ``python benchmarks/foundation.py`` at the repository root.
"""
import os
import subprocess
import sys
import tempfile

import numpy

import lazyarray

N = 1 << 24


def _inputs(dtype, shape=(N,), count=4):
    rng = numpy.random.default_rng(0)
    return [rng.standard_normal(shape).astype(dtype) for _ in range(count)]


WORKLOADS = {
    "axpy_f64": (lambda xp, a, b, c, d: 2 * a + b * c - d, numpy.float64, (N,), 4),
    "transc_f32": (lambda xp, a, b, c: xp.exp(-a * a) * xp.sin(b) + xp.sqrt(xp.abs(c)),
                   numpy.float32, (N,), 3),
    "dot_f64": (lambda xp, a, b: (a * b).sum(), numpy.float64, (N,), 2),
    "rowmax_f32": (lambda xp, x: x - x.max(1, keepdims=True), numpy.float32, (4096, 4096), 1),
}


class Foundation:
    params = list(WORKLOADS)
    param_names = ["workload"]
    timeout = 300

    def setup(self, name):
        body, dtype, shape, count = WORKLOADS[name]
        self.body = body
        self.np_inputs = _inputs(dtype, shape, count)
        self.la_inputs = [lazyarray.asarray(x) for x in self.np_inputs]
        numpy.asarray(body(lazyarray, *self.la_inputs))   # compile outside the timing

    def time_numpy(self, name):
        numpy.asarray(self.body(numpy, *self.np_inputs))

    def time_lazyarray(self, name):
        numpy.asarray(self.body(lazyarray, *self.la_inputs))


_FIRST_CALL = """
import time, numpy, lazyarray
from benchmarks.foundation import WORKLOADS, _inputs
body, dtype, shape, count = WORKLOADS[{name!r}]
xs = [lazyarray.asarray(x) for x in _inputs(dtype, shape, count)]
t = time.perf_counter(); numpy.asarray(body(lazyarray, *xs)); print(time.perf_counter() - t)
"""


def first_call_seconds(name):
    """lazyarray's first call in a fresh process with an empty kernel cache."""
    with tempfile.TemporaryDirectory() as cache:
        env = dict(os.environ, LAZYARRAY_CACHE_DIR=cache)
        here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
        out = subprocess.run([sys.executable, "-c", _FIRST_CALL.format(name=name)], env=env,
                             cwd=here, capture_output=True, text=True, check=True)
        return float(out.stdout.strip().splitlines()[-1])


class FirstCall:
    params = list(WORKLOADS)
    param_names = ["workload"]
    unit = "seconds"
    timeout = 300

    def track_first_call(self, name):
        return first_call_seconds(name)


class OpRecording:
    """Cost of recording one lazy element-wise op (no evaluation)."""

    def setup(self):
        self.x = lazyarray.asarray(numpy.ones(1 << 20))

    def time_record_op(self):
        self.x + 1.0
