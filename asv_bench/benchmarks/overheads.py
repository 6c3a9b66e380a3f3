"""The lazy-tax workloads in asv: per-op recording, the 1000-op chain on a
tiny array and the 64x64 conjugate-gradient solver, each against NumPy, and
``peak_bytes`` of the never-read update loop.  The one-run comparison script
is ``python benchmarks/lazy_tax.py`` at the repository root (it also covers
shape churn and the ``while`` loop); the workloads themselves live there.
"""
import os
import sys

import numpy

import lazyarray

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "benchmarks"))
import lazy_tax  # noqa: E402  (the workload definitions)


class RecordOneOp:
    def setup(self):
        self.x = lazyarray.asarray(numpy.ones(1 << 20))

    def time_record_add(self):
        self.x + 1.0


class TinyChain:
    params = ["numpy", "lazyarray"]
    param_names = ["module"]

    def setup(self, module):
        self.xp = numpy if module == "numpy" else lazyarray
        self.x = self.xp.asarray(numpy.ones(10))

    def time_chain_1000_ops(self, module):
        lazy_tax.chain(self.xp, self.x)


class ConjugateGradient:
    params = ["numpy", "lazyarray"]
    param_names = ["module"]
    timeout = 300

    def setup(self, module):
        self.xp = numpy if module == "numpy" else lazyarray
        lazy_tax.cg_poisson(self.xp, 64, 3)

    def time_cg_64x64_200_iterations(self, module):
        lazy_tax.cg_poisson(self.xp, 64, 200)


def track_update_loop_peak_bytes():
    """peak_bytes of 1000 iterations of ``a = a*0.5 + b; a[1:] = a[:-1]`` on 2^20 float64."""
    a, b = lazyarray.ones(1 << 20), lazyarray.ones(1 << 20)
    lazyarray.stats(reset=True)
    for _ in range(1000):
        a = a * 0.5 + b
        a[1:] = a[:-1]
    a.evaluate()
    return lazyarray.stats()["peak_bytes"]


track_update_loop_peak_bytes.unit = "bytes"
