"""codegen.tune.database: append-only JSON lines; bad or stale lines are
skipped with one warning and dropped on the next write; concurrent writers
keep each other's lines."""
import json
import os
import subprocess
import sys
import textwrap
import warnings
from dataclasses import replace
from pathlib import Path

import pytest

from codegen import Parallel, Schedule, Split, Vectorize
from codegen.tune import Database, Record, TuningWarning, record_key

from tune_testing import elementwise, row_sums

ROOT = Path(__file__).resolve().parents[2]


def record(key: str, factor: int = 8, seconds: float = 1e-3) -> Record:
    return Record(key, Schedule(Split("i", factor), Vectorize("i.i"), Parallel("i.o")), seconds,
                  2e-3, (100, 7), "element-wise", "llvm:test")


def test_round_trip_and_the_last_line_wins(tmp_path):
    path = tmp_path / "sub" / "tuning.jsonl"
    db = Database(path)
    assert db.records() == {}
    db.add(record("a", 8))
    db.add(record("b", 16))
    db.add(record("a", 32))
    fresh = Database(path).records()
    assert set(fresh) == {"a", "b"}
    assert fresh["a"] == record("a", 32) and fresh["b"] == record("b", 16)
    assert len(path.read_text().splitlines()) == 3
    assert json.loads(path.read_text().splitlines()[0])["schedule"]["primitives"][0] == \
        {"kind": "Split", "axis": "i", "factor": 8, "tail": "guard"}


def test_bad_lines_warn_once_and_are_dropped_on_the_next_write(tmp_path):
    path = tmp_path / "tuning.jsonl"
    stale = json.loads(record("old").to_line())
    stale["version"] = "0.0.1"
    path.write_bytes(record("a").to_line().encode() + b'{"key": "trunc\n\xff\xfe garbage\n'
                     + json.dumps(stale).encode() + b"\n" + record("b").to_line().encode()
                     + b'{"key": "c", "schedule": {"version": 99, "primitives": []}}\n')
    db = Database(path)
    with pytest.warns(TuningWarning, match="skipped 4 unparsable or stale") as caught:
        assert set(db.records()) == {"a", "b"}
        db.get("a")
    assert len(caught) == 1
    db.add(record("d"))
    lines = path.read_text().splitlines()
    assert [json.loads(line)["key"] for line in lines] == ["a", "b", "d"]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert set(Database(path).records()) == {"a", "b", "d"}


def test_a_missing_or_empty_file_has_no_records(tmp_path):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert Database(tmp_path / "none.jsonl").get("a") is None
        (tmp_path / "empty.jsonl").write_text("\n")
        assert Database(tmp_path / "empty.jsonl").records() == {}


def test_keys_name_the_compute_target_and_version():
    c = elementwise()
    assert record_key(c, "t1") == record_key(replace(c, name="other"), "t1")
    assert len({record_key(c, "t1"), record_key(c, "t2"), record_key(c, "t1", "9.9"),
                record_key(row_sums(), "t1")}) == 4


WRITER = textwrap.dedent("""
    import sys
    from codegen import Schedule, Split
    from codegen.tune import Database, Record
    db = Database(sys.argv[1])
    for k in range(40):
        db.add(Record(f"{sys.argv[2]}{k}", Schedule(Split("i", 4)), 1.0, 2.0, (k,)))
""")


def test_concurrent_writers_keep_each_others_lines(tmp_path):
    path = tmp_path / "tuning.jsonl"
    path.write_text("not json\n")     # the first writer rewrites the file while the other appends
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    procs = [subprocess.Popen([sys.executable, "-c", WRITER, str(path), tag], env=env)
             for tag in ("p", "q")]
    assert all(p.wait(timeout=120) == 0 for p in procs)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        keys = set(Database(path).records())
    assert keys == {f"{t}{k}" for t in "pq" for k in range(40)}
