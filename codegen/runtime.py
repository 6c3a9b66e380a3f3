"""Building and running kernels: caches, the thread pool, launches, counters.

``build(compute, schedule)`` returns a callable ``Kernel``, looking in the
in-memory cache, then the on-disk cache of object code, then compiling.
A ``Kernel`` runs on NumPy buffers and an int64 parameter vector; when the
domain is large enough it splits its parallel loop across a pool of native
threads (ctypes releases the GIL during each call).  A parallel *reduction*
loop gives each thread a private output, combined afterwards.
"""
from __future__ import annotations

import ctypes
import functools
import hashlib
import os
import threading
import time
from collections import deque
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from . import __version__
from .backends.llvm import LLVMTarget, function_type, render
from .compute import Axis, Compute
from .diskcache import DiskCache
from .expr import Expr, dump, evaluate_index, load, param, var
from .ir import Assign, For, If, Seq, Stmt, Store, to_str
from .lower import lower
from .schedule import Schedule, apply

def _data_offset() -> int | None:
    """Where NumPy's array object keeps its data pointer (right after the
    object header, ``PyArrayObject_fields.data``), if a probe confirms it."""
    probe = np.empty(3)
    offset = 2 * ctypes.sizeof(ctypes.c_void_p)
    found = ctypes.c_void_p.from_address(id(probe) + offset).value
    return offset if found == probe.ctypes.data else None


_DATA_OFFSET = _data_offset()
_pointer_at = ctypes.c_void_p.from_address


def data_pointer(array: np.ndarray) -> int:
    """The address of ``array``'s data (``array.ctypes.data``, five times
    faster: launches of small kernels pay it for every buffer)."""
    if _DATA_OFFSET is None:
        return array.ctypes.data
    return _pointer_at(id(array) + _DATA_OFFSET).value or 0


#: operations per second one core runs in vectorized kernel loops, the unit of
#: a launch's work estimate (measured on a znver4 core: a float64 sum 4e10,
#: an expanded float64 exp chain 3e10 operation-points per second).
OPS_PER_SECOND = 3e10
#: a thread is handed a chunk only when the chunk takes this many hand-offs.
HANDOFF_FACTOR = 2


@dataclass
class Settings:
    """Process-wide runtime settings (the front end fills these from its config)."""

    cache_dir: str | None = os.path.join(os.path.expanduser("~"), ".cache", "lazyarray")
    num_threads: int = os.cpu_count() or 1
    dump_dir: str | None = None      # write each compiled kernel's IR and LLVM IR here
    #: least work (domain points x operations per point) per thread of a split
    #: launch; None: measured, from how long handing a chunk to a thread takes
    min_thread_work: int | None = None
    #: the tuning database file ``codegen.tune`` reads and writes (None: none)
    tuning_db: str | None = os.path.join(os.path.expanduser("~"), ".cache", "lazyarray",
                                         "tuning.jsonl")


@dataclass
class Counters:
    compiles: int = 0
    compile_seconds: float = 0.0
    memory_hits: int = 0
    disk_hits: int = 0
    launches: int = 0
    tuned_kernels: int = 0       # kernels built with a schedule from the tuning database
    tuning_fallbacks: int = 0    # tuning records that failed, so the default schedule ran
    compile_reasons: deque = field(default_factory=lambda: deque(maxlen=16))

    def reset(self) -> None:
        self.__init__()


settings = Settings()
counters = Counters()
_target: LLVMTarget | None = None
_target_lock = threading.Lock()
_kernels: dict[str, "Kernel"] = {}
_pool: ThreadPoolExecutor | None = None


def target() -> LLVMTarget:
    """The host CPU, made on first use, which loads LLVM (once, even when
    threads ask at the same time: kernels live in its execution engine)."""
    global _target
    if _target is None:
        with _target_lock:
            if _target is None:
                _target = LLVMTarget()
    return _target


def compute_key(compute: Compute) -> str:
    """Exact text of a compute, independent of its name."""
    axes = ";".join(f"{a.name}:{dump(a.extent)}:{int(a.reduce)}" for a in compute.axes)
    inputs = ",".join(d.str for d in compute.inputs)
    stages = "".join(f" stage {s.name}:{s.dtype.str}:{s.combiner}:"
                     f"{';'.join(f'{a.name}:{dump(a.extent)}' for a in s.axes)}:{dump(s.body)}"
                     f":{None if s.keep is None else dump(s.keep)}"
                     for s in compute.stages)
    return (f"in={inputs} out={compute.out_dtype.str} axes={axes} body={dump(compute.body)} "
            f"store={dump(compute.out_index)} params={compute.n_params} comb={compute.combiner}"
            f" at={compute.stage_at}{stages} scan={compute.scan}")


@dataclass
class Kernel:
    """A compiled kernel and what is needed to launch it."""

    name: str
    compute: Compute
    schedule: Schedule
    stmt: Stmt
    llvm_ir: str
    address: int

    def __post_init__(self) -> None:
        self._cfunc = function_type(len(self.compute.inputs) + 1)(self.address)
        self._chunk_cache: dict[tuple, list[tuple[int, int]]] = {}
        nest = apply(self.schedule, self.compute)
        self._parallel = nest.loops[0] if nest.parallel else None
        self._ops_per_point = _operations(self.stmt)

    def __call__(self, buffers: list[np.ndarray], params: np.ndarray) -> None:
        """Run on ``buffers`` (inputs, then the C-contiguous output) and ``params``."""
        counters.launches += 1
        params = np.ascontiguousarray(params, dtype=np.int64)
        chunks = self._chunks(params)
        ptrs = [data_pointer(b) for b in buffers]
        pptr = data_pointer(params)
        if len(chunks) == 1:
            self._cfunc(*ptrs, pptr, chunks[0][0], chunks[0][1])
            return
        out = buffers[-1]
        partial = self._parallel.reduce
        outs = [np.empty_like(out) for _ in chunks] if partial else [out] * len(chunks)

        def run(k: int) -> None:
            self._cfunc(*ptrs[:-1], outs[k].ctypes.data, pptr, chunks[k][0], chunks[k][1])

        futures = [_thread_pool().submit(run, k) for k in range(1, len(chunks))]
        run(0)
        for f in futures:
            f.result()
        if partial:
            combine = _combine_kernel(self.compute.combiner, out.dtype)
            combine([np.stack(outs), out], np.array([len(outs), out.size], dtype=np.int64))

    def _chunks(self, params: np.ndarray) -> list[tuple[int, int]]:
        if self._parallel is None:
            return [(0, 0)]
        key = (settings.num_threads, settings.min_thread_work, params.tobytes())
        chunks = self._chunk_cache.get(key)
        if chunks is None:
            if len(self._chunk_cache) > 64:
                self._chunk_cache.clear()
            chunks = self._chunk_cache[key] = self._split(params)
        return chunks

    def _split(self, params: np.ndarray) -> list[tuple[int, int]]:
        """The parallel loop's ranges, one per thread, for ``params``: as many
        threads as have ``min_thread_work`` each (estimated as domain points
        times the kernel's operations per point)."""
        extent = evaluate_index(self._parallel.extent, params)
        n = min(settings.num_threads, extent)
        if n > 1:
            points = 1
            for axis in self.compute.axes:
                points *= evaluate_index(axis.extent, params)
            n = min(n, points * self._ops_per_point // _min_thread_work())
        if n <= 1:
            return [(0, extent)]
        bounds = [extent * k // n for k in range(n + 1)]
        return [(bounds[k], bounds[k + 1]) for k in range(n)]

    def explain(self) -> str:
        return (f"kernel {self.name}\nschedule: {self.schedule!r}\nloop nest:\n"
                f"{to_str(self.stmt, 1)}")


@functools.cache
def _combine_kernel(combiner: str, dtype: np.dtype) -> "Kernel":
    """Folds per-thread partial outputs ``(chunks, size)`` with the kernel's own
    combiner, so the result does not depend on the number of threads (kept:
    forming its key costs more than a small parallel reduction)."""
    chunks, size = param(0), param(1)
    body = load(0, var("c") * size + var("i"), dtype)
    compute = Compute(f"combine_{combiner}", (dtype,), dtype,
                      (Axis("i", size), Axis("c", chunks, reduce=True)), body, var("i"), 2,
                      combiner)
    return build(compute, Schedule(), reason="combine partial reductions")


def _operations(stmt: Stmt) -> int:
    """The distinct operations ``stmt`` computes per innermost iteration
    (stored and accumulated values; load indices and loop bounds left out)."""
    seen: set[Expr] = set()

    def visit(e: Expr) -> None:
        if not isinstance(e, Expr) or e in seen or not e.args or \
                e.op in ("const", "var", "param", "local"):
            return
        seen.add(e)
        if e.op != "load":
            for a in e.args:
                visit(a)

    for s in _stores_and_assigns(stmt):
        visit(s.value)
    return max(1, len(seen))


def _stores_and_assigns(stmt: Stmt) -> list[Store | Assign]:
    if isinstance(stmt, (Store, Assign)):
        return [stmt]
    if isinstance(stmt, Seq):
        return [x for sub in stmt.stmts for x in _stores_and_assigns(sub)]
    if isinstance(stmt, (For, If)):
        return _stores_and_assigns(stmt.body)
    return []


def _min_thread_work() -> int:
    """``settings.min_thread_work``, else the measured hand-off's worth of work."""
    if settings.min_thread_work is not None:
        return settings.min_thread_work
    return _handoff_work()


@functools.cache
def _handoff_work() -> int:
    """``HANDOFF_FACTOR`` times the work one core does while a chunk is handed
    to a pool thread and its end is awaited (the median of a few empty hand-offs:
    about 90 us on a virtual 2-core machine, tens of us on bare metal)."""
    pool = _thread_pool()
    pool.submit(int).result()
    times = []
    for _ in range(5):
        t0 = time.perf_counter()
        pool.submit(int).result()
        times.append(time.perf_counter() - t0)
    return int(sorted(times)[2] * OPS_PER_SECOND * HANDOFF_FACTOR)


def _thread_pool() -> ThreadPoolExecutor:
    global _pool
    if _pool is None:
        _pool = ThreadPoolExecutor(max_workers=max(1, settings.num_threads - 1),
                                   thread_name_prefix="lazyarray-kernel")
    return _pool


@functools.cache
def _source_digest() -> str:
    """A digest of the compiler's source: on-disk kernels of an edited compiler
    (say new math expansions under the same version number) are not reused.
    Read at the first build, not at import."""
    return hashlib.sha256(b"".join(
        p.read_bytes() for p in sorted(Path(__file__).parent.rglob("*.py")))).hexdigest()[:16]


def build(compute: Compute, schedule: Schedule, reason: str = "new kernel") -> Kernel:
    """A runnable kernel for ``compute`` under ``schedule`` (cached in memory and on disk)."""
    tgt = target()
    key = f"{__version__}|{_source_digest()}|{tgt.fingerprint}|{compute_key(compute)}|{schedule.to_json()}"
    kernel = _kernels.get(key)
    if kernel is not None:
        counters.memory_hits += 1
        return kernel
    name = "k_" + hashlib.sha256(key.encode()).hexdigest()[:24]
    stmt = lower(compute, schedule)
    text = render(compute, stmt, name)
    disk = DiskCache(settings.cache_dir) if settings.cache_dir else None
    # on disk, the object code is found by the LLVM text it was compiled from, so
    # a backend that renders a kernel differently never reuses stale code
    disk_key = f"{key}|{hashlib.sha256(text.encode()).hexdigest()}"
    obj = disk.get(disk_key) if disk else None
    if obj is None:
        t0 = time.perf_counter()
        obj = tgt.compile(text)
        counters.compiles += 1
        counters.compile_seconds += time.perf_counter() - t0
        counters.compile_reasons.append(f"{reason} ({'disk-cache miss' if disk else 'no disk cache'})")
        if disk:
            disk.put(disk_key, obj)
    else:
        counters.disk_hits += 1
    if settings.dump_dir:
        _dump(name, compute, schedule, stmt, text)
    kernel = Kernel(name, compute, schedule, stmt, text, tgt.load(obj, name))
    _kernels[key] = kernel
    return kernel


def _dump(name: str, compute: Compute, schedule: Schedule, stmt: Stmt, text: str) -> None:
    os.makedirs(settings.dump_dir, exist_ok=True)
    with open(os.path.join(settings.dump_dir, name + ".txt"), "w") as f:
        f.write(f"# {compute_key(compute)}\n# {schedule!r}\n{to_str(stmt)}")
    with open(os.path.join(settings.dump_dir, name + ".ll"), "w") as f:
        f.write(text)
