"""Fusion and kernel reuse (``lazyarray/fusion.py``, ``kernels.py``, ``evaluation``):
how many kernels run and compile, counted by ``lazyarray.stats()``, and that
fused results still equal NumPy's.  All on the compiled path (``eager_threshold=0``)."""
import math

import numpy as onp
import pytest

import lazyarray as la
from lazyarray import fusion
from la_testing import assert_same, assert_sum_close, assert_ulp, data

N = 1000


@pytest.fixture
def inputs(compiled, rng):
    a = data("float64", (N,), rng, special=False)
    b = data("float64", (N,), rng, special=False)
    c = data("float64", (N,), rng, special=False)
    return a, b, c


def _launches_of(*arrays):
    la.stats(reset=True)
    la.evaluate(*arrays)
    return la.stats()["kernels_launched"]


def test_elementwise_chain_over_statements_is_one_kernel(inputs):
    a, b, c = inputs
    la_a, la_b, la_c = la.asarray(a), la.asarray(b), la.asarray(c)
    la.stats(reset=True)
    t = la_a * la_b                  # 1
    t = t + la_c                     # 2
    t = abs(t)                       # 3
    t = la.sqrt(t)                   # 4
    t = t - 1.0                      # 5
    t = la.maximum(t, la_a)          # 6
    t = la.where(t > 0.5, t, la_c)   # 7, 8
    t = -t * 2.0                     # 9, 10
    t = la.minimum(t, la_b)          # 11
    assert la.stats()["evaluations"] == 0, "nothing runs before a read"
    got = onp.asarray(t)
    s = la.stats()
    assert s["kernels_launched"] == 1
    assert s["evaluations"] == 1
    n = onp.minimum(-onp.where(onp.maximum(onp.sqrt(abs(a * b + c)) - 1.0, a) > 0.5,
                               onp.maximum(onp.sqrt(abs(a * b + c)) - 1.0, a), c) * 2.0, b)
    assert_same(got, n, lazy=False)


def test_transcendental_chain_is_one_kernel(inputs):
    a, b, _ = inputs
    y = la.exp(la.asarray(a) * 0.1) + la.sin(la.asarray(b)) * la.cos(la.asarray(a))
    assert _launches_of(y) == 1
    onp.testing.assert_allclose(onp.asarray(y), onp.exp(a * 0.1) + onp.sin(b) * onp.cos(a),
                                rtol=1e-13, atol=1e-15)


def test_product_sum_is_one_kernel(inputs):
    a, b, _ = inputs
    s = (la.asarray(a) * la.asarray(b)).sum()
    assert _launches_of(s) == 1
    assert_sum_close(s, (a * b).sum(), onp.abs(a * b).sum())


def test_subtract_row_max_is_one_kernel(compiled, rng):
    """The row maximum runs as a stage of the kernel that subtracts it."""
    x = data("float64", (40, 25), rng, special=False)
    lx = la.asarray(x)
    y = lx - lx.max(1, keepdims=True)
    assert _launches_of(y) == 1
    assert_same(y, x - x.max(1, keepdims=True))


def test_few_rows_are_not_staged(compiled, rng):
    """With fewer rows than ``STAGE_MIN_ROWS`` the maximum is a kernel of its own."""
    x = data("float64", (fusion.STAGE_MIN_ROWS - 1, 300), rng, special=False)
    lx = la.asarray(x)
    y = lx - lx.max(1, keepdims=True)
    assert _launches_of(y) == 2
    assert_same(y, x - x.max(1, keepdims=True))


def test_reduction_consumers_fuse(compiled, rng):
    """The element-wise producers of a reduction run inside its kernel."""
    x = data("float32", (30, 40), rng, special=False)
    lx = la.asarray(x)
    m = (la.sqrt(abs(lx)) * 2.0 + lx).max(axis=0)
    assert _launches_of(m) == 1
    assert_same(m, (onp.sqrt(abs(x)) * 2.0 + x).max(axis=0))


def test_views_and_broadcasts_fuse(compiled, rng):
    a = data("float64", (20, 30), rng, special=False)
    b = data("float64", (30, 20), rng, special=False)
    c = data("float64", (20,), rng, special=False)
    y = (la.asarray(a).T + la.asarray(b)) * la.asarray(c) - 1.0
    assert _launches_of(y) == 1
    assert_same(y, (a.T + b) * c - 1.0)


def test_constant_fills_fuse(compiled, rng):
    x = data("float64", (N,), rng, special=False)
    y = la.zeros(N) + la.asarray(x) * la.full(N, 3.0) + la.ones(N, "float32")
    assert _launches_of(y) == 1
    assert_same(y, onp.zeros(N) + x * onp.full(N, 3.0) + onp.ones(N, "float32"))


def test_shared_cheap_node_is_recomputed(inputs):
    """A cheap element-wise node on computed data needed by two outputs is
    recomputed inside both kernels (no round trip through memory)."""
    a, b, c = inputs
    t = la.asarray(a) + la.asarray(b)
    u = t * la.asarray(c)
    v = (t - la.asarray(c)).sum()
    assert _launches_of(u, v) == 2
    assert_same(u, (a + b) * c)
    assert_sum_close(v, (a + b - c).sum(), onp.abs(a + b - c).sum())


def test_shared_costly_node_is_computed_once(inputs):
    """A costly node (a transcendental) needed by two outputs gets its own kernel."""
    a, b, c = inputs
    t = la.exp(la.asarray(a) * 0.5)
    u = t * la.asarray(b)
    v = t + la.asarray(c)
    assert _launches_of(u, v) == 3
    exp = onp.array([math.exp(x) for x in a * 0.5])   # libm: NumPy's own exp varies by host
    assert_ulp(u, exp * b, maxulp=8)
    assert_ulp(v, exp + c, maxulp=8)


def test_two_reductions_of_one_input(compiled, rng):
    x = data("int32", (30, 20), rng)
    lx = la.asarray(x) * 3
    r0, r1 = lx.sum(axis=0), lx.max(axis=1)
    assert _launches_of(r0, r1) == 2
    assert_same(r0, (x * 3).sum(axis=0))
    assert_same(r1, (x * 3).max(axis=1))


def test_computed_values_are_not_recomputed(inputs):
    a, b, _ = inputs
    t = la.asarray(a) * la.asarray(b)
    assert _launches_of(t) == 1
    assert _launches_of(t) == 0
    u = t + 1.0   # reads t's buffer
    assert _launches_of(u) == 1
    assert_same(u, a * b + 1.0)


def test_same_structure_does_not_recompile(compiled, rng):
    """Sizes and constants are run-time parameters of a kernel."""
    def chain(x, k):
        return (x * k + 1.5) / (abs(x) + 2.0)

    x1 = data("float64", (N,), rng, special=False)
    x2 = data("float64", (N + 357,), rng, special=False)
    onp.asarray(chain(la.asarray(x1), 0.5))
    la.stats(reset=True)
    y = chain(la.asarray(x2), 0.25)
    got = onp.asarray(y)
    s = la.stats()
    assert s["compiles"] == 0 and s["kernels_launched"] == 1
    assert s["cache_hits"]["memory"] >= 1
    assert_same(got, chain(x2, 0.25), lazy=False)
    # a 2-d shape of the same element-wise structure is the same flat kernel
    x3 = data("float64", (13, 17), rng, special=False)
    la.stats(reset=True)
    assert_same(chain(la.asarray(x3), 3.0), chain(x3, 3.0))
    assert la.stats()["compiles"] == 0


def test_loop_compiles_a_bounded_number_of_kernels(compiled):
    """``x = x * 0.5 + 1`` a hundred times: the graph depth bound cuts the graph
    into equal pieces whose kernel is compiled once."""
    def run():
        x = la.asarray(onp.linspace(-100.0, 100.0, N))
        for _ in range(100):
            x = x * 0.5 + 1
        return onp.asarray(x)

    expected = onp.linspace(-100.0, 100.0, N)
    for _ in range(100):
        expected = expected * 0.5 + 1
    with la.config(max_depth=64):
        la.stats(reset=True)
        got = run()
        first = la.stats(reset=True)
        assert_same(got, expected, lazy=False)   # no FMA contraction, no reassociation
        assert first["compiles"] <= 3, first["compile_reasons"]
        assert first["auto_evaluations"] >= 1
        again = run()
        second = la.stats(reset=True)
        assert_same(again, expected, lazy=False)
        assert second["compiles"] == 0
        assert second["auto_evaluations"] == first["auto_evaluations"]
        assert second["kernels_launched"] == second["auto_evaluations"] + 1


@pytest.mark.parametrize("max_depth", [4, 10, 31])
def test_depth_bound_triggers_auto_evaluations(compiled, max_depth):
    x0 = onp.linspace(0.0, 1.0, N)
    with la.config(max_depth=max_depth):
        x = la.asarray(x0)
        la.stats(reset=True)
        for _ in range(50):
            x = x * 0.5 + 1
            assert x._node.depth <= max_depth
        s = la.stats()
        # 100 nodes; one evaluation each time a node would be deeper than the bound
        assert 100 // (max_depth + 1) - 1 <= s["auto_evaluations"] <= 100 // max_depth
        assert s["compiles"] <= 3
    expected = x0
    for _ in range(50):
        expected = expected * 0.5 + 1
    assert_same(x, expected)


def test_depth_bound_not_reached_means_no_auto_evaluation(compiled):
    with la.config(max_depth=64):
        x = la.asarray(onp.arange(float(N)))
        la.stats(reset=True)
        for _ in range(10):
            x = x + 1.0
        assert la.stats()["auto_evaluations"] == 0
        assert x._node.pending
        assert_same(x, onp.arange(float(N)) + 10.0)


def test_eager_small_inputs_launch_no_kernel(rng):
    with la.config(eager_threshold=1 << 15):
        x = la.asarray(data("float64", (N,), rng, special=False))
        la.stats(reset=True)
        y = (x * 2.0 + 1.0).sum()
        onp.asarray(y)
        s = la.stats()
        assert s["kernels_launched"] == 0 and s["eager_ops"] == 3


def test_value_held_across_while_iterations_is_one_kernel(compiled):
    """``while delta > eps: new = f(x); delta = max(|new - x|); x = new``:
    ``x`` was computed inline in the previous evaluation; now it is stored by
    one kernel (its inline members with it, not as kernels of their own), and
    nothing new compiles after the second iteration."""
    x = la.asarray(onp.linspace(0.0, 1.0, N))
    delta = la.asarray(1.0)
    launches, compiles = [], []
    while delta > 1e-6:
        new = 0.5 * (x + la.cos(x + 0.25))
        delta = la.max(la.abs(new - x))
        x = new
        la.stats(reset=True)
        delta.evaluate()
        s = la.stats()
        launches.append(s["kernels_launched"])
        compiles.append(s["compiles"])
    assert len(launches) > 4
    assert max(launches[1:]) <= 3        # x's kernel, the fused reduction (and its combine)
    assert sum(compiles[2:]) == 0
    expected, d = onp.linspace(0.0, 1.0, N), 1.0
    while d > 1e-6:
        new = 0.5 * (expected + onp.cos(expected + 0.25))
        d = onp.max(onp.abs(new - expected))
        expected = new
    assert_ulp(x, expected)


# ---- reductions broadcast back: per-row stages (fusion.STAGE_*) ----

def _softmax(xp, x):
    e = xp.exp(x - x.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def _layernorm(xp, x):
    mu = x.mean(axis=-1, keepdims=True)
    return (x - mu) / xp.sqrt(x.var(axis=-1, keepdims=True) + 1e-5)


def _unstaged(monkeypatch, fn, x):
    """``fn`` of ``x`` with every reduction a kernel of its own."""
    with monkeypatch.context() as m:
        m.setattr(fusion, "STAGE_MIN_ROWS", 1 << 62)
        return onp.asarray(fn(la, la.asarray(x)))


@pytest.mark.parametrize("fn", [_softmax, _layernorm], ids=["softmax", "layernorm"])
@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_softmax_layernorm_are_one_kernel(compiled, rng, monkeypatch, fn, dtype):
    """Stages change the loops, not the values (but a float sum's vector width, so
    the rounding of float64 sums may differ in the last bit)."""
    x = data(dtype, (33, 70), rng, special=False)
    y = fn(la, la.asarray(x))
    assert _launches_of(y) == 1
    staged = onp.asarray(y)
    onp.testing.assert_allclose(staged, _unstaged(monkeypatch, fn, x), rtol=1e-14, atol=1e-15)
    assert staged.dtype == dtype
    onp.testing.assert_allclose(staged, fn(onp, x), rtol=1e-5 if dtype == "float32" else 1e-12,
                                atol=1e-6 if dtype == "float32" else 1e-13)


@pytest.mark.filterwarnings("ignore:Mean of empty slice:RuntimeWarning")
@pytest.mark.parametrize("shape,axis", [((4, 5, 30), -1), ((10, 5, 30), (1, 2)),
                                        ((9, 1), 1), ((10, 0), 1)])
def test_centering_over_inner_axes_is_one_kernel(compiled, rng, monkeypatch, shape, axis):
    x = data("float64", shape, rng, special=False)
    fn = lambda xp, v: v - v.mean(axis, keepdims=True)   # noqa: E731
    y = fn(la, la.asarray(x))
    assert _launches_of(y) == (1 if x.size else 0)
    onp.testing.assert_allclose(onp.asarray(y), _unstaged(monkeypatch, fn, x), atol=1e-14)
    onp.testing.assert_allclose(onp.asarray(y), fn(onp, x), atol=1e-12)


def test_centering_over_outer_axis_stores_one_intermediate(compiled, rng):
    x = data("float64", (40, 30), rng, special=False)
    y = la.asarray(x) - la.asarray(x).mean(0, keepdims=True)
    assert _launches_of(y) == 2
    onp.testing.assert_allclose(onp.asarray(y), x - x.mean(0, keepdims=True), atol=1e-12)


@pytest.mark.parametrize("dtype", ["float32", "int16", "uint8", "bool"])
def test_argmax_along_rows_is_one_kernel(compiled, rng, dtype):
    x = data(dtype, (30, 17), rng)
    y = la.argmax(la.asarray(x), axis=1)
    assert _launches_of(y) == 1
    assert_same(y, onp.argmax(x, axis=1))


def test_staged_rows_with_nan_and_inf(compiled, rng):
    x = data("float32", (16, 40), rng, special=True)
    x[3] = onp.nan
    x[4] = onp.inf
    lx = la.asarray(x)
    assert_same(lx - lx.max(1, keepdims=True), x - x.max(1, keepdims=True))
    with onp.errstate(all="ignore"):
        assert_ulp(_softmax(la, lx), _softmax(onp, x), maxulp=8)


def test_reversed_broadcast_is_not_staged(compiled, rng):
    """A reduction read at another row (a reversed view) is a kernel of its own."""
    x = data("float64", (20, 30), rng, special=False)
    lx = la.asarray(x)
    y = lx - lx.max(1, keepdims=True)[::-1]
    assert _launches_of(y) == 2
    assert_same(y, x - x.max(1, keepdims=True)[::-1])


def test_reduction_also_wanted_is_stored(compiled, rng):
    x = data("float64", (20, 30), rng, special=False)
    lx = la.asarray(x)
    m = lx.max(1)
    y = lx * 2.0 - m[:, None]
    assert _launches_of(m, y) == 2
    assert_same(y, x * 2.0 - x.max(1, keepdims=True))
    assert_same(m, x.max(1))


def test_staged_view_of_strided_input(compiled, rng):
    x = data("int32", (24, 50), rng)
    v = la.asarray(x)[::-2, 3::2]
    y = v - v.min(1, keepdims=True) + v.sum(1, keepdims=True)
    assert _launches_of(y) == 1
    n = x[::-2, 3::2]
    assert_same(y, n - n.min(1, keepdims=True) + n.sum(1, keepdims=True))


_ROW_OPS = {
    "max initial": lambda xp, v: v - xp.max(v, -1, keepdims=True, initial=0.5),
    "sum where": lambda xp, v: v * xp.sum(v, -1, keepdims=True, where=v > 0),
    "std": lambda xp, v: v / (xp.std(v, -1, keepdims=True) + 1.0),
    "any": lambda xp, v: xp.where(xp.any(v > 8, -1, keepdims=True), v, -v),
    "ptp": lambda xp, v: v - xp.ptp(v, -1, keepdims=True),
    "nested": lambda xp, v: v - xp.mean(v - xp.min(v, -1, keepdims=True), -1, keepdims=True),
}


@pytest.mark.parametrize("name", list(_ROW_OPS))
@pytest.mark.parametrize("dtype", ["float64", "int32"])
def test_row_reductions_with_options_are_staged(compiled, rng, monkeypatch, name, dtype):
    x = data(dtype, (12, 3, 21), rng, special=False, low=-10, high=10)
    fn = _ROW_OPS[name]
    y = fn(la, la.asarray(x))
    assert _launches_of(y) == 1
    want = fn(onp, x)
    onp.testing.assert_allclose(onp.asarray(y), want, rtol=1e-12, atol=1e-12)
    onp.testing.assert_allclose(onp.asarray(y), _unstaged(monkeypatch, fn, x), rtol=1e-14,
                                atol=1e-14)
    assert onp.asarray(y).dtype == want.dtype


def test_shifted_self_update_stores_each_step(compiled):
    """``a = a*0.5 + b; a[1:] = a[:-1]``: the new ``a`` is read at two points
    per element (its own, and shifted through the update), so each step is
    stored once, never inlined into the next (which would double the work
    with every step)."""
    a, b = la.ones(100), la.ones(100)
    for _ in range(10):
        a = a * 0.5 + b
        a[1:] = a[:-1]
    groups = fusion.partition([a._node], mark=False)
    assert len(groups) == 11 and max(len(g.nodes) for g in groups) <= 5
