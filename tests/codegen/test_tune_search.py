"""codegen.tune.search: strategies by name, within the trial and time budgets."""
import pytest

from codegen.tune import STRATEGIES, Measurer, Workload, tune

from tune_testing import I32, elementwise

N = 4099


@pytest.fixture(scope="module")
def measurer():
    return Measurer(Workload.random(elementwise(I32), [(N,)], [N], (N,)), repeats=2)


@pytest.mark.parametrize("strategy", sorted(STRATEGIES))
def test_search_stays_in_its_trial_budget(measurer, strategy):
    result = tune(measurer, trials=3, seconds=60, strategy=strategy, seed=1)
    assert 1 <= len(result.measured) <= 3
    schedules = [m.schedule.to_json() for m in result.measured]
    assert len(set(schedules)) == len(schedules)
    assert measurer.default.to_json() not in schedules
    assert result.best.ok and result.best.seconds <= result.default.seconds
    assert result.default.schedule == measurer.default
    assert result.best.schedule in [measurer.default] + [m.schedule for m in result.measured
                                                         if m.ok]
    assert result.speedup >= 1


def test_no_time_means_the_default(measurer):
    result = tune(measurer, trials=10, seconds=0)
    assert result.measured == [] and result.best == result.default == measurer.baseline


def test_unknown_strategy(measurer):
    with pytest.raises(ValueError, match="unknown search strategy"):
        tune(measurer, strategy="annealing")


def test_interleaved_times_each_schedule(measurer):
    other = tune(measurer, trials=1, seconds=60, strategy="random", seed=2).measured[0].schedule
    got = measurer.interleaved([measurer.default, other])
    assert [m.schedule for m in got] == [measurer.default, other]
    assert all(m.ok and m.seconds > 0 for m in got)
