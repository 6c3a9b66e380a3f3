"""Settings: evaluation policy, graph bounds, kernel cache, tuning database, dumps, threads.

Each setting starts from an environment variable and can be changed at run
time with ``lazyarray.config(name=value, ...)``, which applies at once and,
used as a context manager, restores the previous values on exit.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, fields

import codegen
import codegen.tune


def _env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value else default


@dataclass
class Settings:
    #: an op whose inputs are all computed and whose output has at most this
    #: many elements runs at once through NumPy instead of being recorded
    #: (kernel launch and fusion cost more than they save on small arrays).
    eager_threshold: int = _env_int("LAZYARRAY_EAGER_THRESHOLD", 1 << 15)
    #: a pending node deeper than this is evaluated when it is created,
    #: which bounds graph memory and kernel size in long loops.
    max_depth: int = _env_int("LAZYARRAY_MAX_DEPTH", 64)
    #: on-disk kernel cache ("" disables it).
    cache_dir: str = os.environ.get("LAZYARRAY_CACHE_DIR",
                                    os.path.join(os.path.expanduser("~"), ".cache", "lazyarray"))
    #: tuning database: the best schedules ``lazyarray-tune`` found ("" disables it).
    tuning_db: str = os.environ.get("LAZYARRAY_TUNING_DB", os.path.join(
        os.path.expanduser("~"), ".cache", "lazyarray", "tuning.jsonl"))
    #: directory where every compiled kernel's loop IR and LLVM IR is written.
    dump_dir: str = os.environ.get("LAZYARRAY_DUMP", "")
    #: what a NumPy function without a native version does: "warn" (run it
    #: through NumPy, warn once per call site) or "error" (NotImplementedError).
    fallback: str = os.environ.get("LAZYARRAY_FALLBACK", "warn")
    #: threads used by one kernel launch.
    num_threads: int = _env_int("LAZYARRAY_NUM_THREADS", os.cpu_count() or 1)


settings = Settings()


def _apply_to_codegen() -> None:
    codegen.settings.cache_dir = settings.cache_dir or None
    codegen.settings.tuning_db = settings.tuning_db or None
    codegen.settings.dump_dir = settings.dump_dir or None
    codegen.settings.num_threads = max(1, settings.num_threads)


class config:
    """``lazyarray.config(eager_threshold=0)`` changes settings now; as a
    context manager it restores the previous values when the block ends."""

    def __init__(self, **changes: object):
        names = {f.name for f in fields(Settings)}
        for name in changes:
            if name not in names:
                raise TypeError(f"unknown lazyarray setting {name!r}; known: {sorted(names)}")
        self._saved = {name: getattr(settings, name) for name in changes}
        if changes.get("fallback", "warn") not in ("warn", "error"):
            raise ValueError(f"fallback must be 'warn' or 'error', not {changes['fallback']!r}")
        for name, value in changes.items():
            setattr(settings, name, value)
        _apply_to_codegen()

    def __enter__(self) -> Settings:
        return settings

    def __exit__(self, *_exc_info: object) -> None:
        for name, value in self._saved.items():
            setattr(settings, name, value)
        _apply_to_codegen()


_apply_to_codegen()
