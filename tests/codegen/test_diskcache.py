"""Tests of codegen.diskcache and of the on-disk kernel cache used by codegen.build."""
import hashlib
import threading
from pathlib import Path

import numpy as np
import pytest

import codegen.runtime as runtime
from codegen import Axis, Compute, Schedule, build, default_schedule
from codegen.diskcache import DiskCache
from codegen.expr import binary, const, load, param, var

F64 = np.dtype("float64")


def entry_files(directory):
    return sorted(p for p in Path(directory).rglob("*") if p.is_file())


# ---------------------------------------------------------------- DiskCache itself

def test_put_get_round_trip(tmp_path):
    cache = DiskCache(tmp_path)
    cache.put("key-a", b"payload A")
    cache.put("key-b", bytes(range(256)) * 10)
    assert cache.get("key-a") == b"payload A"
    assert cache.get("key-b") == bytes(range(256)) * 10
    assert DiskCache(tmp_path).get("key-a") == b"payload A"     # another instance sees it


def test_missing_key_is_none(tmp_path):
    assert DiskCache(tmp_path).get("nope") is None
    assert DiskCache(tmp_path / "does" / "not" / "exist").get("nope") is None


def test_empty_payload_is_not_missing(tmp_path):
    cache = DiskCache(tmp_path)
    cache.put("empty", b"")
    assert cache.get("empty") == b""


def test_put_overwrites(tmp_path):
    cache = DiskCache(tmp_path)
    cache.put("k", b"old")
    cache.put("k", b"new and longer")
    assert cache.get("k") == b"new and longer"
    assert len(entry_files(tmp_path)) == 1


def test_entry_layout(tmp_path):
    cache = DiskCache(tmp_path)
    cache.put("some key", b"abc")
    name = hashlib.sha256(b"some key").hexdigest()
    path = tmp_path / name[:2] / name[2:]
    assert entry_files(tmp_path) == [path]               # no temporary files left behind
    assert path.read_bytes() == hashlib.sha256(b"abc").digest() + b"abc"


def corrupt_flip(path, offset):
    data = bytearray(path.read_bytes())
    data[offset] ^= 0x01
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("damage", [
    lambda p: corrupt_flip(p, -1),                        # last payload byte
    lambda p: corrupt_flip(p, 40),                        # a payload byte
    lambda p: corrupt_flip(p, 0),                         # the checksum itself
    lambda p: p.write_bytes(p.read_bytes()[:-1]),         # truncated payload
    lambda p: p.write_bytes(p.read_bytes()[:32]),         # checksum only
    lambda p: p.write_bytes(p.read_bytes()[:10]),         # shorter than the checksum
    lambda p: p.write_bytes(b""),                         # empty file
    lambda p: p.write_bytes(p.read_bytes() + b"x"),       # trailing garbage
], ids=["flip-last", "flip-middle", "flip-checksum", "truncate-1", "truncate-to-checksum",
        "truncate-short", "empty", "append"])
def test_corrupt_entry_is_missing_and_removed(tmp_path, damage):
    cache = DiskCache(tmp_path)
    cache.put("k", bytes(range(100)))
    (path,) = entry_files(tmp_path)
    damage(path)
    assert cache.get("k") is None
    assert not path.exists()
    cache.put("k", b"rewritten")                          # the caller rebuilds and rewrites
    assert cache.get("k") == b"rewritten"


def test_unwritable_directory_is_not_fatal(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    cache = DiskCache(blocker)
    cache.put("k", b"data")                               # must not raise
    assert cache.get("k") is None


def test_concurrent_writers_and_readers_see_whole_entries(tmp_path):
    cache = DiskCache(tmp_path)
    payloads = [bytes([k]) * (50_000 + k) for k in range(8)]
    seen = []

    def writer(k):
        for _ in range(10):
            cache.put("shared", payloads[k])

    def reader():
        for _ in range(50):
            got = cache.get("shared")
            if got is not None:
                seen.append(got)

    threads = [threading.Thread(target=writer, args=(k,)) for k in range(4)]
    threads += [threading.Thread(target=reader) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(s in payloads for s in seen)
    assert cache.get("shared") in payloads[:4]


# ---------------------------------------------------------------- build() and the disk cache

def add_compute():
    body = binary("add", load(0, var("i"), F64), load(1, var("i"), F64))
    return Compute("add", (F64, F64), F64, (Axis("i", param(0)),), body, var("i"), 1)


def check_runs(kernel):
    a, b = np.arange(100.0), np.linspace(0, 1, 100)
    out = np.empty(100)
    kernel([a, b, out], np.array([100]))
    np.testing.assert_array_equal(out, a + b)


@pytest.fixture
def fresh(isolated_runtime):
    """An empty in-memory kernel cache and zeroed counters, the tmp disk cache."""
    runtime._kernels.clear()
    runtime.counters.reset()
    return isolated_runtime


def test_first_build_compiles_and_writes_the_disk_cache(fresh):
    c = add_compute()
    check_runs(build(c, default_schedule(c)))
    assert (runtime.counters.compiles, runtime.counters.disk_hits) == (1, 0)
    assert len(entry_files(fresh.cache_dir)) == 1
    assert "disk-cache miss" in runtime.counters.compile_reasons[-1]


def test_second_build_in_a_fresh_memory_cache_hits_the_disk(fresh):
    c = add_compute()
    first = build(c, default_schedule(c))
    runtime._kernels.clear()
    second = build(c, default_schedule(c))
    assert second is not first
    assert runtime.counters.compiles == 1
    assert runtime.counters.disk_hits == 1
    assert runtime.counters.memory_hits == 0
    check_runs(second)
    assert second.llvm_ir == first.llvm_ir and second.name == first.name


def test_memory_cache_is_checked_before_the_disk(fresh):
    c = add_compute()
    build(c, default_schedule(c))
    build(c, default_schedule(c))
    assert (runtime.counters.compiles, runtime.counters.disk_hits,
            runtime.counters.memory_hits) == (1, 0, 1)


def test_another_schedule_is_another_disk_entry(fresh):
    c = add_compute()
    build(c, default_schedule(c))
    build(c, Schedule())
    assert runtime.counters.compiles == 2
    assert len(entry_files(fresh.cache_dir)) == 2


@pytest.mark.parametrize("damage", [
    lambda p: corrupt_flip(p, -1),
    lambda p: corrupt_flip(p, 100),
    lambda p: p.write_bytes(p.read_bytes()[: len(p.read_bytes()) // 2]),
    lambda p: p.write_bytes(b""),
], ids=["flip-last", "flip-middle", "truncate-half", "empty"])
def test_corrupt_disk_entry_causes_a_recompile(fresh, damage):
    c = add_compute()
    build(c, default_schedule(c))
    (path,) = entry_files(fresh.cache_dir)
    good = path.read_bytes()
    damage(path)
    runtime._kernels.clear()
    kernel = build(c, default_schedule(c))                # no crash
    assert runtime.counters.compiles == 2
    assert runtime.counters.disk_hits == 0
    check_runs(kernel)
    assert path.read_bytes() == good                      # rewritten, valid again
    runtime._kernels.clear()
    build(c, default_schedule(c))
    assert runtime.counters.disk_hits == 1 and runtime.counters.compiles == 2


def test_no_disk_cache(fresh):
    fresh.cache_dir = None
    c = add_compute()
    check_runs(build(c, default_schedule(c)))
    runtime._kernels.clear()
    build(c, default_schedule(c))
    assert (runtime.counters.compiles, runtime.counters.disk_hits) == (2, 0)
    assert "no disk cache" in runtime.counters.compile_reasons[-1]


def test_unusable_cache_dir_still_builds(fresh, tmp_path):
    blocker = tmp_path / "blocker"
    blocker.write_text("a file, not a directory")
    fresh.cache_dir = str(blocker)
    c = add_compute()
    check_runs(build(c, default_schedule(c)))
    assert runtime.counters.compiles == 1


def test_reduction_kernel_from_disk_runs(fresh):
    c = Compute("sum", (F64,), F64, (Axis("i", param(0), reduce=True),),
                load(0, var("i"), F64), const(0), 1, combiner="add")
    build(c, default_schedule(c))
    runtime._kernels.clear()
    k = build(c, default_schedule(c))
    assert runtime.counters.disk_hits == 1
    a = np.arange(10_000.0)
    out = np.empty(())
    k([a, out], np.array([a.size]))
    assert out == a.sum()


def test_failed_write_leaves_no_temporary_file(tmp_path, monkeypatch):
    import codegen.diskcache as diskcache

    def failing_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(diskcache.os, "replace", failing_replace)
    cache = DiskCache(tmp_path)
    cache.put("k", b"data")                               # not fatal
    monkeypatch.undo()
    assert cache.get("k") is None
    assert entry_files(tmp_path) == []
