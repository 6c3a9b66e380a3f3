"""The kernel caches across processes: a second process compiles nothing."""
import json
import os
import subprocess
import sys

_PROGRAM = """
import json, numpy, lazyarray
lazyarray.config(eager_threshold=0)
a = lazyarray.asarray(numpy.arange(1000.0))
b = lazyarray.asarray(numpy.ones(1000, numpy.float32))
y = lazyarray.sqrt(a * 2.0 + b) - (a * b).sum()
value = numpy.asarray(y)
s = lazyarray.stats()
print(json.dumps({"compiles": s["compiles"], "disk": s["cache_hits"]["disk"],
                  "first": float(value[0]), "last": float(value[-1])}))
"""


def _run(cache_dir):
    env = dict(os.environ, LAZYARRAY_CACHE_DIR=str(cache_dir))
    out = subprocess.run([sys.executable, "-c", _PROGRAM], env=env, capture_output=True,
                         text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_second_process_loads_kernels_from_disk(tmp_path):
    first = _run(tmp_path)
    second = _run(tmp_path)
    assert first["compiles"] >= 2 and first["disk"] == 0
    assert second["compiles"] == 0 and second["disk"] == first["compiles"]
    assert (second["first"], second["last"]) == (first["first"], first["last"])


def test_corrupt_disk_entries_are_rebuilt(tmp_path):
    first = _run(tmp_path)
    entries = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert len(entries) == first["compiles"]
    for path in entries:
        data = bytearray(path.read_bytes())
        data[len(data) // 2] ^= 0xFF
        path.write_bytes(bytes(data))
    again = _run(tmp_path)
    assert again["compiles"] == first["compiles"] and again["disk"] == 0
    assert (again["first"], again["last"]) == (first["first"], first["last"])
    third = _run(tmp_path)
    assert third["compiles"] == 0
