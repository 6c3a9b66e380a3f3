"""``lazyarray/evaluation.kernel_for``: kernels take their schedule from the
tuning database when it has one, else the default; an unusable record falls
back to the default with one warning and the right result."""
from collections import OrderedDict

import numpy as onp
import pytest

import lazyarray as la
from codegen import Schedule, Split, Vectorize, tune
from codegen.runtime import target
from lazyarray import evaluation, replay


@pytest.fixture
def fresh(tmp_path, monkeypatch, compiled):
    """A private database; kernels and plans looked up anew."""
    monkeypatch.setattr(evaluation, "_kernels", {})
    monkeypatch.setattr(replay, "_plans", OrderedDict())
    with la.config(tuning_db=str(tmp_path / "tuning.jsonl")):
        yield tune.database()


def program(x):
    return la.sqrt(la.abs(x) * 3.0) - x


def the_compute(x):
    """The compute of ``program``'s one kernel (recorded from a run)."""
    recorder = tune.Recorder()
    with tune.recording(recorder):
        program(la.asarray(x)).evaluate()
    (workload,) = recorder.workloads.values()
    evaluation._kernels.clear()
    replay._plans.clear()
    return workload.compute


def store(db, compute, schedule):
    key = tune.record_key(compute, target().fingerprint)
    db.add(tune.Record(key, schedule, 1.0, 2.0, (1,)))


X = onp.random.default_rng(5).standard_normal(3001)


def test_a_tuned_schedule_is_used_and_explained(fresh):
    store(fresh, the_compute(X), Schedule(Split("i0", 256), Vectorize("i0.i")))
    la.stats(reset=True)
    y = program(la.asarray(X))
    assert "schedule: tuned (db): Schedule(Split(axis='i0', factor=256)" in la.explain(y, file=None)
    onp.testing.assert_array_equal(onp.asarray(y), onp.sqrt(onp.abs(X) * 3.0) - X)
    assert la.stats()["tuned_kernels"] == 1 and la.stats()["tuning_fallbacks"] == 0


def test_an_unusable_record_falls_back_with_one_warning(fresh):
    store(fresh, the_compute(X), Schedule(Split("i7", 4)))
    la.stats(reset=True)
    with pytest.warns(tune.TuningWarning, match="cannot be used") as caught:
        y = program(la.asarray(X))
        onp.testing.assert_array_equal(onp.asarray(y), onp.sqrt(onp.abs(X) * 3.0) - X)
        evaluation._kernels.clear()
        replay._plans.clear()
        onp.testing.assert_array_equal(onp.asarray(program(la.asarray(X))), onp.asarray(y))
    assert len(caught) == 1
    assert la.stats()["tuning_fallbacks"] == 2 and la.stats()["tuned_kernels"] == 0
    assert "schedule: default: " in la.explain(program(la.asarray(X)), file=None)
