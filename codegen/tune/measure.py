"""Measuring a candidate schedule: build it, run it, check it, time it.

A ``Workload`` is what a kernel was launched with (its inputs, parameters and
output shape), recorded from a real run or drawn at random.  A ``Measurer``
runs the compute under its default schedule once for the reference output,
then measures each candidate: build (a failure rejects it), run into an
output buffer pre-filled with a byte pattern other than the reference's (so
an element the candidate never writes shows), compare with the reference
(on the recorded inputs, and on random ones unless the compute gathers),
and time it (the median of up to ``repeats`` runs, stopping early once the
runs took ``max_seconds``).  A candidate that fails to build or to match is
rejected with the reason, never timed.  ``interleaved`` times accepted
schedules in turn, for a final comparison that a change of machine load
does not bias.

What matching means.  Schedules reorder loops, not arithmetic, with one
exception: the order in which a float ``add`` or ``mul`` reduction combines
its terms (the split factors set the blocks of partial sums).  So results are
compared exactly (NaN equal to NaN) for integer and bool outputs, element-wise
computes (their stages fold in a fixed order whatever the schedule) and
min/max/and/or reductions and scans.  For a float sum of ``n`` terms per
output element, each order's rounding error is a sum of at most ``n``
roundings of partial sums bounded by ``S = sum(|term|)``; rounding errors of
blocked sums behave like a random walk, so the two results may differ by
``TOLERANCE_SCALE * sqrt(n) * eps * S`` (``eps`` of the accumulator type;
``S`` computed by the default schedule on ``|term|``).  The bound is below
one term's average share of ``S`` (``S / n``) while ``n ** 1.5 < 1 /
(TOLERANCE_SCALE * eps)`` (about 10,000 float32 terms, any practical number
of float64 ones), so a candidate that drops or repeats a term is rejected,
while a candidate whose blocks differ from the default's passes.  A float
product is compared relatively: ``TOLERANCE_SCALE * sqrt(n) * eps *
|reference|``.  A tolerance too tight only rejects a good
candidate, never accepts a wrong one.
"""
from __future__ import annotations

import contextlib
import math
import statistics
import time
from dataclasses import dataclass, replace
from typing import Iterator

import numpy as np

from .. import runtime
from ..compute import Compute
from ..expr import evaluate_index, real_dtype, subexpressions, unary
from ..schedule import Schedule, default_schedule

#: the factor of the float-sum tolerance (see the module docstring).
TOLERANCE_SCALE = 8
#: byte patterns the output is filled with before the reference and the candidate run.
REFERENCE_FILL, CANDIDATE_FILL = 0xA5, 0x5A


@dataclass
class Workload:
    """A compute with what one launch of it needs: inputs, int64 parameters,
    and the shape of the output buffer."""

    compute: Compute
    inputs: tuple[np.ndarray, ...]
    params: np.ndarray
    out_shape: tuple[int, ...]

    @classmethod
    def random(cls, compute: Compute, input_shapes: list[tuple[int, ...]], params: list[int],
               out_shape: tuple[int, ...], seed: int = 0) -> "Workload":
        """Inputs drawn at random: standard normal floats, integers in [1, 16)
        (no zero divisors), fair bools.  Not for a compute that indexes with
        loaded values (a gather), which needs recorded inputs."""
        if gathers(compute):
            raise ValueError(f"{compute.name} indexes with loaded values: "
                             "measure it on recorded inputs")
        rng = np.random.default_rng(seed)
        inputs = tuple(_random_array(rng, dtype, shape)
                       for dtype, shape in zip(compute.inputs, input_shapes))
        return cls(compute, inputs, np.asarray(params, dtype=np.int64), tuple(out_shape))

    def run(self, kernel: runtime.Kernel, fill: int) -> np.ndarray:
        """The output of one launch of ``kernel``, into a buffer filled with ``fill`` bytes."""
        out = np.empty(self.out_shape, kernel.compute.out_dtype)
        out.reshape(-1).view(np.uint8)[:] = fill
        kernel([*self.inputs, out], self.params)
        return out


def gathers(compute: Compute) -> bool:
    """Whether ``compute`` indexes a buffer, stores or bounds a loop by loaded
    values anywhere (body, output index, extents, stages)."""
    stages = compute.stages
    values = [compute.body, *(s.body for s in stages),
              *(s.keep for s in stages if s.keep is not None)]
    indices = [compute.out_index, *(a.extent for a in compute.axes),
               *(a.extent for s in stages for a in s.axes),
               *(x.args[1] for v in values for x in subexpressions(v) if x.op == "load")]
    return any(y.op == "load" for index in indices for y in subexpressions(index))


def _random_array(rng: np.random.Generator, dtype: np.dtype, shape: tuple[int, ...]) -> np.ndarray:
    if dtype.kind == "b":
        return rng.integers(0, 2, shape).astype(dtype)
    if dtype.kind in "iu":
        return rng.integers(1, 16, shape).astype(dtype)
    values = rng.standard_normal(shape)
    if dtype.kind == "c":
        values = values + 1j * rng.standard_normal(shape)
    return values.astype(dtype)


@dataclass(frozen=True)
class Measurement:
    """A candidate's median time in seconds, or why it was rejected."""

    schedule: Schedule
    seconds: float | None = None
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


@dataclass(frozen=True)
class Check:
    """Inputs a candidate runs on, the default schedule's output on them, and
    how far from it a candidate may be, per element (None: exactly equal)."""

    workload: Workload
    reference: np.ndarray
    tolerance: np.ndarray | None

    def mismatch(self, out: np.ndarray) -> str | None:
        """Why ``out`` does not match the reference (None: it does)."""
        ref = self.reference
        if self.tolerance is None:
            same = np.array_equal(out, ref, equal_nan=ref.dtype.kind in "fc")
            return None if same else f"{np.count_nonzero(out != ref)} element(s) differ"
        with np.errstate(invalid="ignore", over="ignore"):
            close = (np.abs(out - ref) <= self.tolerance) | (out == ref) | \
                (np.isnan(out) & np.isnan(ref))
        bad = out.size - np.count_nonzero(close)
        return None if not bad else f"{bad} element(s) beyond the summation-order tolerance"


@contextlib.contextmanager
def _without_disk_cache() -> Iterator[None]:
    """Candidates are compiled without writing the on-disk kernel cache (most
    are never used again); the winner is cached when a later run builds it."""
    saved = runtime.settings.cache_dir
    runtime.settings.cache_dir = None
    try:
        yield
    finally:
        runtime.settings.cache_dir = saved


class Measurer:
    """Measures candidate schedules of one workload against ``default``
    (its default schedule unless given), whose measurement is ``baseline``.
    A candidate is checked on the workload's inputs and, unless the compute
    gathers, on random inputs of the same shapes too (recorded inputs may be
    too regular, all zeros say, to tell a wrong kernel from a right one)."""

    def __init__(self, workload: Workload, default: Schedule | None = None, repeats: int = 5,
                 max_seconds: float = 1.0):
        self.workload = workload
        self.repeats = repeats
        self.max_seconds = max_seconds
        compute = workload.compute
        self.default = default_schedule(compute) if default is None else default
        inputs = [workload]
        if not gathers(compute):
            inputs.append(Workload.random(compute, [a.shape for a in workload.inputs],
                                          list(workload.params), workload.out_shape, seed=1))
        kernel = runtime.build(compute, self.default, "tuning reference")
        self.checks = [self._check(w, w.run(kernel, REFERENCE_FILL)) for w in inputs]
        self.baseline = self.measure(self.default)
        if not self.baseline.ok:
            raise ValueError(f"the default schedule of {compute.name} does not reproduce its "
                             f"own output: {self.baseline.error}")

    def _check(self, workload: Workload, reference: np.ndarray) -> Check:
        compute, params = workload.compute, workload.params
        if compute.out_dtype.kind not in "fc" or compute.combiner not in ("add", "mul") \
                or compute.scan is not None:
            return Check(workload, reference, None)
        n = math.prod(evaluate_index(a.extent, params) for a in compute.axes if a.reduce)
        scale = TOLERANCE_SCALE * math.sqrt(n) * np.finfo(compute.out_dtype).eps
        if compute.combiner == "mul":
            return Check(workload, reference, scale * np.abs(reference))
        magnitude = replace(compute, name=f"{compute.name}_abs", body=unary("abs", compute.body),
                            out_dtype=real_dtype(compute.out_dtype))
        kernel = runtime.build(magnitude, default_schedule(magnitude), "tuning tolerance")
        return Check(workload, reference, scale * workload.run(kernel, 0))

    def measure(self, schedule: Schedule) -> Measurement:
        """Build, check and time ``schedule``; any failure to build rejects it."""
        try:
            with _without_disk_cache():
                kernel = runtime.build(self.workload.compute, schedule, "tuning candidate")
        except Exception as exc:     # a candidate's failure, whatever it is, only rejects it
            return Measurement(schedule, error=f"build failed: {type(exc).__name__}: {exc}")
        for check in self.checks:
            out = check.workload.run(kernel, CANDIDATE_FILL)
            problem = check.mismatch(out)
            if problem is not None:
                return Measurement(schedule, error=f"wrong result: {problem}")
        return Measurement(schedule, self._median_seconds([kernel])[0])

    def interleaved(self, schedules: list[Schedule]) -> list[Measurement]:
        """Measurements of already accepted ``schedules`` timed in turn, one
        run of each per round, so that a change of machine load (other
        processes) affects them alike: a fairer comparison than ``measure``."""
        compute = self.workload.compute
        with _without_disk_cache():
            kernels = [runtime.build(compute, s, "tuning candidate") for s in schedules]
        medians = self._median_seconds(kernels)
        return [Measurement(s, t) for s, t in zip(schedules, medians)]

    def _median_seconds(self, kernels: list[runtime.Kernel]) -> list[float]:
        """Median times of ``kernels`` on the workload, run in turn for up to
        ``repeats`` rounds (fewer once the rounds took ``max_seconds``; at least one)."""
        out = np.empty(self.workload.out_shape, self.workload.compute.out_dtype)
        buffers = [*self.workload.inputs, out]
        times: list[list[float]] = [[] for _ in kernels]
        started = time.perf_counter()
        while len(times[0]) < self.repeats and time.perf_counter() - started < self.max_seconds:
            for kernel, own in zip(kernels, times):
                t0 = time.perf_counter()
                kernel(buffers, self.workload.params)
                own.append(time.perf_counter() - t0)
        return [statistics.median(own) for own in times]
