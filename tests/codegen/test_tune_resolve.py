"""codegen.tune.resolve: explicit schedule, else a database record, else the
default; a record that cannot be used falls back with one warning."""
import warnings

import numpy as np
import pytest

from codegen import Schedule, Split, Vectorize, default_schedule
from codegen.runtime import target
from codegen.runtime import counters, settings
from codegen.tune import (DEFAULT, EXPLICIT, TUNED, Record, TuningWarning, database, record_key,
                          resolve)

from tune_testing import I32, elementwise

N = 1001


@pytest.fixture
def db(tmp_path, monkeypatch):
    monkeypatch.setattr(settings, "tuning_db", str(tmp_path / "tuning.jsonl"))
    counters.reset()
    return database()


def add(db, compute, schedule):
    db.add(Record(record_key(compute, target().fingerprint), schedule, 1.0, 2.0, (N,)))


def run(kernel):
    a = np.arange(N, dtype=I32)
    out = np.empty(N, I32)
    kernel([a, out], np.array([N]))
    np.testing.assert_array_equal(out, a * a + 1)


def test_without_a_record_the_default_runs(db):
    c = elementwise(I32)
    got = resolve(c)
    assert got.source == DEFAULT and got.schedule == default_schedule(c)
    run(got.kernel)
    assert counters.tuned_kernels == 0


def test_a_record_wins_over_the_default_and_an_explicit_schedule_over_both(db):
    c = elementwise(I32)
    tuned = Schedule(Split("i", 32), Vectorize("i.i"))
    add(db, c, tuned)
    got = resolve(c)
    assert (got.source, got.schedule) == (TUNED, tuned)
    run(got.kernel)
    assert counters.tuned_kernels == 1
    assert resolve(c, build=False) == type(got)(tuned, TUNED, None)
    explicit = Schedule(Vectorize("i"))
    assert resolve(c, explicit).source == EXPLICIT


def test_an_unusable_record_falls_back_once_with_a_warning(db):
    c = elementwise(I32)
    add(db, c, Schedule(Split("no_such_loop", 4)))
    with pytest.warns(TuningWarning, match="cannot be used") as caught:
        first = resolve(c)
        second = resolve(c)
    assert len(caught) == 1
    assert first.source == second.source == DEFAULT
    run(first.kernel)
    assert counters.tuning_fallbacks == 2 and counters.tuned_kernels == 0


def test_no_database_means_no_lookup(monkeypatch):
    monkeypatch.setattr(settings, "tuning_db", None)
    assert database() is None
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert resolve(elementwise(I32), build=False).source == DEFAULT
