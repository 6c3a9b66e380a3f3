"""A directory of compiled artifacts keyed by hash, safe for concurrent processes.

Each entry is one file: a 32-byte SHA-256 of the payload, then the payload.
Writes go to a temporary file in the same directory and are renamed into
place, so a reader sees a whole entry or none.  An entry whose checksum does
not match (truncated, corrupted) is treated as absent and removed, so the
caller rebuilds and rewrites it.
"""
from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

_DIGEST = 32


class DiskCache:
    def __init__(self, directory: str | os.PathLike):
        self.directory = Path(directory)

    def _path(self, key: str) -> Path:
        name = hashlib.sha256(key.encode()).hexdigest()
        return self.directory / name[:2] / name[2:]

    def get(self, key: str) -> bytes | None:
        """The payload stored under ``key``, or None (missing or corrupt)."""
        path = self._path(key)
        try:
            data = path.read_bytes()
        except OSError:
            return None
        payload = data[_DIGEST:]
        if len(data) < _DIGEST or hashlib.sha256(payload).digest() != data[:_DIGEST]:
            path.unlink(missing_ok=True)
            return None
        return payload

    def put(self, key: str, payload: bytes) -> None:
        """Store ``payload`` atomically; failures to write are not fatal."""
        path = self._path(key)
        tmp = None
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
            with os.fdopen(fd, "wb") as f:
                f.write(hashlib.sha256(payload).digest() + payload)
            os.replace(tmp, path)
        except OSError:
            if tmp is not None:
                Path(tmp).unlink(missing_ok=True)
