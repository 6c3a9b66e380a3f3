"""Recording kernel launches as workloads to tune.

Inside ``recording(recorder)``, ``wrap(kernel)`` returns a kernel that tells
the recorder of each launch: the first launch of each distinct compute is
kept as a ``Workload`` (copies of its inputs, its parameters, its output
shape); every launch is counted and timed.  Outside, ``wrap`` returns the
kernel itself, so a front end can call it on every kernel it builds at no cost.
"""
from __future__ import annotations

import contextlib
import time
from collections import Counter
from typing import Iterator

import numpy as np

from ..runtime import Kernel, compute_key
from .measure import Workload


class Recorder:
    """The workloads of the kernels launched while it records, in first-launch order."""

    def __init__(self) -> None:
        self.workloads: dict[str, Workload] = {}
        self.launches: Counter = Counter()
        self.seconds: Counter = Counter()

    def launch(self, kernel: Kernel, key: str, buffers: list[np.ndarray],
               params: np.ndarray) -> None:
        """Run ``kernel`` (whose compute's key is ``key``) on ``buffers`` and
        ``params``, recording the launch."""
        if key not in self.workloads:
            self.workloads[key] = Workload(kernel.compute, tuple(b.copy() for b in buffers[:-1]),
                                           np.array(params, dtype=np.int64),
                                           buffers[-1].shape)
        t0 = time.perf_counter()
        kernel(buffers, params)
        self.seconds[key] += time.perf_counter() - t0
        self.launches[key] += 1


class RecordedKernel:
    """A kernel whose launches go through a recorder while it records."""

    def __init__(self, kernel: Kernel, recorder: Recorder):
        self.kernel = kernel
        self.recorder = recorder
        self.key = compute_key(kernel.compute)

    def __call__(self, buffers: list[np.ndarray], params: np.ndarray) -> None:
        if _active is self.recorder:
            self.recorder.launch(self.kernel, self.key, buffers, params)
        else:
            self.kernel(buffers, params)


_active: Recorder | None = None


@contextlib.contextmanager
def recording(recorder: Recorder) -> Iterator[Recorder]:
    """Record the launches of kernels passed through ``wrap`` in this block."""
    global _active
    saved, _active = _active, recorder
    try:
        yield recorder
    finally:
        _active = saved


def wrap(kernel: Kernel) -> Kernel | RecordedKernel:
    """``kernel``, recorded when a recorder is active."""
    return kernel if _active is None else RecordedKernel(kernel, _active)
