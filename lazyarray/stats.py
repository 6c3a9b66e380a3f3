"""Counters a user needs to trust a lazy library: ``lazyarray.stats()``."""
from __future__ import annotations

import weakref
from collections import Counter
from dataclasses import dataclass

import numpy as np

import codegen
import codegen.tune


#: calls that went through the loud fallback, per function name.
fallback_counts: Counter = Counter()
#: opaque library calls (lazyarray.library: sort, LAPACK, FFT, ...), per function name.
library_counts: Counter = Counter()


@dataclass
class _Counters:
    evaluations: int = 0      # times pending work was materialized
    eager_ops: int = 0        # ops run at once through NumPy (small, computed inputs)
    kernel_cache_hits: int = 0  # fused groups whose kernel was found by structure
    auto_evaluations: int = 0   # evaluations forced by the graph depth bound
    plan_replays: int = 0       # evaluations that replayed a recorded plan


counters = _Counters()

#: buffers smaller than this are not tracked by ``peak_bytes`` (tracking costs
#: a weak reference per buffer; small ones do not decide peak memory).
TRACK_MIN_BYTES = 1 << 16


class _Memory:
    """Bytes of tracked buffers alive now, and the peak since the last reset."""
    live = 0
    peak = 0


_tracked: dict[int, weakref.ref] = {}


def track(array: np.ndarray) -> None:
    """Count ``array`` (a buffer lazyarray allocated) until it is freed."""
    nbytes = array.nbytes
    _Memory.live += nbytes
    if _Memory.live > _Memory.peak:
        _Memory.peak = _Memory.live

    def freed(ref: weakref.ref) -> None:
        _Memory.live -= nbytes
        del _tracked[id(ref)]

    ref = weakref.ref(array, freed)
    _tracked[id(ref)] = ref


def stats(reset: bool = False) -> dict:
    """A dict of counters since start or since the last ``stats(reset=True)``.

    ``compiles``/``compile_seconds``/``compile_reasons``: kernels compiled to
    machine code; ``cache_hits``: kernels found in memory by graph structure
    (``memory``), by an equal compute from another graph (``compute``) and on
    disk; ``evaluations`` (``auto_evaluations``: forced by the graph depth
    bound; ``plan_replays``: those that reran the recorded plan of a graph of
    the same structure, lazyarray.replay); ``kernels_launched``;
    ``tuned_kernels``: kernels built with a schedule from the tuning database
    (``lazyarray-tune``), ``tuning_fallbacks``: database records that could
    not be used, so the default schedule ran; ``eager_ops``;
    ``peak_bytes``: the most bytes of array buffers lazyarray held at once
    (buffers of at least ``TRACK_MIN_BYTES`` that it allocated: computed
    values, converted inputs; not the NumPy arrays a user holds);
    ``fallbacks``: calls per function that ran through NumPy because
    lazyarray lacks them (lazyarray.fallback); ``library_calls``: calls per
    function whose native implementation is an opaque NumPy call
    (lazyarray.library: sorting, LAPACK, FFT, random bits).
    """
    cg = codegen.counters
    out = {
        "compiles": cg.compiles,
        "compile_seconds": cg.compile_seconds,
        "compile_reasons": list(cg.compile_reasons),
        "cache_hits": {"memory": counters.kernel_cache_hits, "compute": cg.memory_hits,
                       "disk": cg.disk_hits},
        "evaluations": counters.evaluations,
        "auto_evaluations": counters.auto_evaluations,
        "plan_replays": counters.plan_replays,
        "kernels_launched": cg.launches,
        "tuned_kernels": cg.tuned_kernels,
        "tuning_fallbacks": cg.tuning_fallbacks,
        "eager_ops": counters.eager_ops,
        "fallbacks": dict(fallback_counts),
        "library_calls": dict(library_counts),
        "peak_bytes": _Memory.peak,
    }
    if reset:
        counters.__init__()
        fallback_counts.clear()
        library_counts.clear()
        _Memory.peak = _Memory.live
        cg.reset()
    return out
