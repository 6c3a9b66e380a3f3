"""Which schedule a kernel runs: the one resolution order, in ``resolve``.

An explicit schedule, else the tuning database's record for the compute on
this target (when a database is set), else the default heuristic.  A record
whose schedule does not apply, lower or compile is not trusted: the default
runs instead, with one ``TuningWarning`` per record and process, counted in
``runtime.counters.tuning_fallbacks``.
"""
from __future__ import annotations

import warnings
from dataclasses import dataclass

from .. import runtime
from ..compute import Compute
from ..lower import loop_nest
from ..schedule import Schedule, default_schedule
from .database import Database, Record, TuningWarning, record_key

_databases: dict[str, Database] = {}
_warned: set[tuple[str, str]] = set()   # (key, schedule) of records warned about

#: the names ``Resolution.source`` takes.
EXPLICIT, TUNED, DEFAULT = "explicit", "tuned (db)", "default"


def database(path: str | None = None) -> Database | None:
    """The database at ``path`` (default: ``runtime.settings.tuning_db``; None when unset)."""
    path = path or runtime.settings.tuning_db
    if not path:
        return None
    if path not in _databases:
        _databases[path] = Database(path)
    return _databases[path]


@dataclass(frozen=True)
class Resolution:
    """The schedule chosen, where it came from (``EXPLICIT``, ``TUNED`` or
    ``DEFAULT``) and the kernel built with it (None when not built)."""

    schedule: Schedule
    source: str
    kernel: runtime.Kernel | None


def resolve(compute: Compute, schedule: Schedule | None = None, build: bool = True,
            reason: str = "new kernel") -> Resolution:
    """The schedule ``compute`` runs with, and with ``build`` its kernel.
    Without ``build`` a database record is checked by forming its loop nest."""
    if schedule is not None:
        return Resolution(schedule, EXPLICIT,
                          runtime.build(compute, schedule, reason) if build else None)
    db = database()
    record = db.get(record_key(compute, runtime.target().fingerprint)) if db else None
    if record is not None:
        try:
            if build:
                kernel = runtime.build(compute, record.schedule, f"{reason}, tuned schedule")
                runtime.counters.tuned_kernels += 1
                return Resolution(record.schedule, TUNED, kernel)
            loop_nest(compute, record.schedule)
            return Resolution(record.schedule, TUNED, None)
        except Exception as exc:     # an untrusted record: whatever fails, the default runs
            _fall_back(record, exc, count=build)
    default = default_schedule(compute)
    return Resolution(default, DEFAULT, runtime.build(compute, default, reason) if build else None)


def _fall_back(record: Record, exc: Exception, count: bool) -> None:
    if count:
        runtime.counters.tuning_fallbacks += 1
    seen = (record.key, record.schedule.to_json())
    if seen not in _warned:
        _warned.add(seen)
        warnings.warn(f"tuned schedule {record.schedule!r} of kernel {record.kernel or record.key}"
                      f" cannot be used ({type(exc).__name__}: {exc}); running the default "
                      "schedule", TuningWarning, stacklevel=3)
