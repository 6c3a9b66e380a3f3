"""The tuning database: the best schedule found per kernel and target.

One JSON object per line, appended, never edited in place.  A record's key
is the SHA-256 of the compute's exact text (``runtime.compute_key``), the
target fingerprint and the codegen version; it holds the schedule (as
``Schedule.to_json``), its median time, the default schedule's time and the
parameters it was tuned at.  A later line for the same key replaces the
earlier one.

Reading skips, with one warning per file state, lines that do not parse
(a truncated write, an edit by hand) and lines of another codegen version
(stale); a file with such lines is rewritten without them on the next write.
Writers hold an exclusive ``flock`` on a ``.lock`` file next to the database
while they append one whole line (or rewrite into a temporary file renamed
into place), and readers a shared one, so concurrent processes never lose or
tear each other's lines.
"""
from __future__ import annotations

import fcntl
import hashlib
import json
import os
import tempfile
import warnings
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from .. import __version__
from ..compute import Compute
from ..runtime import compute_key
from ..schedule import Schedule


class TuningWarning(UserWarning):
    """A tuning record was skipped or could not be used; a default schedule runs instead."""


def record_key(compute: Compute, target: str, version: str = __version__) -> str:
    """The database key of ``compute`` on ``target`` (a fingerprint) at ``version``."""
    text = f"{compute_key(compute)}|{target}|{version}"
    return hashlib.sha256(text.encode()).hexdigest()


@dataclass(frozen=True)
class Record:
    """The best schedule found for one kernel on one target."""

    key: str
    schedule: Schedule
    seconds: float
    default_seconds: float
    params: tuple[int, ...]
    kernel: str = ""              # what the kernel computes, for people reading the file
    target: str = ""
    version: str = __version__

    def to_line(self) -> str:
        return json.dumps({
            "key": self.key, "version": self.version, "target": self.target,
            "kernel": self.kernel, "schedule": json.loads(self.schedule.to_json()),
            "seconds": self.seconds, "default_seconds": self.default_seconds,
            "params": list(self.params)}) + "\n"

    @classmethod
    def from_line(cls, line: str) -> "Record":
        """Parse a line; ValueError, KeyError or TypeError when it is malformed."""
        d = json.loads(line)
        return cls(str(d["key"]), Schedule.from_json(json.dumps(d["schedule"])),
                   float(d["seconds"]), float(d["default_seconds"]),
                   tuple(int(p) for p in d["params"]), str(d["kernel"]), str(d["target"]),
                   str(d["version"]))


class Database:
    """The records of one database file, re-read when the file changes."""

    def __init__(self, path: str | os.PathLike):
        self.path = Path(path)
        self._stamp: tuple[int, int] | None = None
        self._records: dict[str, Record] = {}
        self._skipped = 0

    def get(self, key: str) -> Record | None:
        self._refresh()
        return self._records.get(key)

    def records(self) -> dict[str, Record]:
        """Every current record by key (the last line of each key wins)."""
        self._refresh()
        return dict(self._records)

    def add(self, record: Record) -> None:
        """Append ``record`` (rewriting the file first when it holds bad lines)."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self._locked(fcntl.LOCK_EX):
            records, skipped = _parse(self._read())
            if skipped:
                records[record.key] = record
                fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".tmp-")
                try:
                    with os.fdopen(fd, "w") as f:
                        f.writelines(r.to_line() for r in records.values())
                    os.replace(tmp, self.path)
                except BaseException:
                    Path(tmp).unlink(missing_ok=True)
                    raise
            else:
                with open(self.path, "a") as f:
                    f.write(record.to_line())
        self._stamp = None

    def _refresh(self) -> None:
        try:
            st = self.path.stat()
        except OSError:       # no file (yet): no records, and no lock file made
            self._stamp, self._records = None, {}
            return
        stamp = (st.st_mtime_ns, st.st_size)
        if stamp == self._stamp:
            return
        self._stamp = stamp
        with self._locked(fcntl.LOCK_SH):
            self._records, self._skipped = _parse(self._read())
        if self._skipped:
            warnings.warn(f"tuning database {self.path}: skipped {self._skipped} unparsable or "
                          f"stale line(s) (rewritten without them on the next write)",
                          TuningWarning, stacklevel=3)

    def _read(self) -> str:
        try:
            return self.path.read_bytes().decode("utf-8", errors="replace")
        except OSError:
            return ""

    @contextmanager
    def _locked(self, mode: int) -> Iterator[None]:
        lock = self.path.with_name(self.path.name + ".lock")
        try:
            fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError:       # a read-only directory: nobody can write, so no lock is needed
            yield
            return
        try:
            fcntl.flock(fd, mode)
            yield
        finally:
            os.close(fd)


def _parse(text: str) -> tuple[dict[str, Record], int]:
    """Records by key, and how many non-blank lines were unparsable or stale."""
    records: dict[str, Record] = {}
    skipped = 0
    for line in text.splitlines():
        if not line.strip():
            continue
        try:
            record = Record.from_line(line)
        except (ValueError, KeyError, TypeError, AttributeError):
            skipped += 1
            continue
        if record.version != __version__:
            skipped += 1
            continue
        records[record.key] = record
    return records, skipped
