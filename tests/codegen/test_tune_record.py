"""codegen.tune.record: the first launch of each compute is kept as a workload
(copies of its inputs), every launch counted, only while recording."""
import numpy as np

from codegen import build, default_schedule
from codegen.tune import Recorder, recording, wrap

from tune_testing import I32, elementwise

N = 300


def test_launches_are_recorded_while_recording():
    compute = elementwise(I32)
    kernel = build(compute, default_schedule(compute))
    assert wrap(kernel) is kernel
    a, out = np.arange(N, dtype=I32), np.empty(N, I32)
    recorder = Recorder()
    with recording(recorder):
        recorded = wrap(kernel)
        recorded([a, out], np.array([N]))
        a[:] = 7
        recorded([a, out], np.array([N]))
    (workload,) = recorder.workloads.values()
    assert recorder.launches[recorded.key] == 2 and recorder.seconds[recorded.key] > 0
    np.testing.assert_array_equal(workload.inputs[0], np.arange(N))
    assert workload.compute == compute and list(workload.params) == [N]
    assert workload.out_shape == (N,)
    np.testing.assert_array_equal(out, 7 * 7 + 1)
    recorded([a, out], np.array([N]))          # after the block: runs, not recorded
    assert recorder.launches[recorded.key] == 2
