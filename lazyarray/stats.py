"""Counters a user needs to trust a lazy library: ``lazyarray.stats()``."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import codegen


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


counters = _Counters()


def stats(reset: bool = False) -> dict:
    """A dict of counters since start or since the last ``stats(reset=True)``.

    ``compiles``/``compile_seconds``/``compile_reasons``: kernels compiled to
    machine code; ``cache_hits``: kernels found in memory by graph structure
    (``memory``), by an equal compute from another graph (``compute``) and on
    disk; ``evaluations``; ``kernels_launched``; ``eager_ops``;
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
        "kernels_launched": cg.launches,
        "eager_ops": counters.eager_ops,
        "fallbacks": dict(fallback_counts),
        "library_calls": dict(library_counts),
    }
    if reset:
        counters.__init__()
        fallback_counts.clear()
        library_counts.clear()
        cg.reset()
    return out
