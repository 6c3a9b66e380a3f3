"""``lazyarray.stats()`` (``lazyarray/stats.py``): peak memory and library-call counters."""
import gc

import numpy as onp

import lazyarray as la

MIB = 1 << 20


def test_peak_bytes_counts_live_buffers(compiled):
    gc.collect()
    la.stats(reset=True)
    base = la.stats()["peak_bytes"]
    a = la.asarray(onp.ones(MIB // 8))           # 1 MiB converted input
    b = (a * 2.0).evaluate()                    # 1 MiB computed value
    assert la.stats()["peak_bytes"] - base == 2 * MIB
    del a, b
    gc.collect()
    la.stats(reset=True)
    assert la.stats()["peak_bytes"] == base     # freed buffers are no longer counted


def test_peak_bytes_small_buffers_untracked(compiled):
    la.stats(reset=True)
    before = la.stats()["peak_bytes"]
    x = (la.asarray(onp.ones(100)) + 1.0).evaluate()
    assert la.stats()["peak_bytes"] == before and x.size == 100


def test_memory_loop_stays_bounded(compiled):
    """``a = a*0.5 + b; a[1:] = a[:-1]`` never read: a few arrays' worth at the peak
    (NumPy itself holds a, b and two temporaries), however long it runs."""
    n = MIB // 8
    a, b = la.ones(n), la.ones(n)
    gc.collect()
    la.stats(reset=True)
    for _ in range(300):
        a = a * 0.5 + b
        a[1:] = a[:-1]
    a.evaluate()
    assert la.stats()["peak_bytes"] <= 4 * MIB
    expected_a, expected_b = onp.ones(n), onp.ones(n)
    for _ in range(300):
        expected_a = expected_a * 0.5 + expected_b
        expected_a[1:] = expected_a[:-1].copy()
    onp.testing.assert_array_equal(onp.asarray(a), expected_a)


def test_library_calls_counted():
    la.stats(reset=True)
    x = la.asarray(onp.array([3.0, 1.0, 2.0]))
    result = la.library.call("sort", onp.sort, x * 2.0)
    onp.testing.assert_array_equal(onp.asarray(result), [2.0, 4.0, 6.0])
    assert isinstance(result, la.ndarray)
    assert la.stats(reset=True)["library_calls"] == {"sort": 1}
    assert la.stats()["library_calls"] == {}
