"""The ``ndarray`` handle (``lazyarray/array.py``): metadata without evaluation,
evaluation triggers, and the NumPy / Python protocols."""
import math
import operator

import numpy as onp
import pytest

import lazyarray as la
from la_testing import assert_same, data


def _pending(rng, shape=(3, 4), dtype="float64"):
    """A lazy value (pending in compiled mode) and its NumPy counterpart."""
    x = data(dtype, shape, rng, special=False)
    return la.asarray(x) * 2 + 1, x * 2 + 1


def _evaluations():
    return la.stats()["evaluations"]


# ---------------------------------------------------------------- metadata
def test_metadata_without_evaluation(compiled, rng):
    y, expected = _pending(rng, (2, 3, 4), "int16")
    before = _evaluations()
    assert y.shape == expected.shape
    assert y.dtype == expected.dtype
    assert y.ndim == 3
    assert y.size == 24
    assert y.itemsize == 2
    assert y.nbytes == 48
    assert len(y) == 2
    assert y.T.shape == (4, 3, 2)
    assert isinstance(y.shape, tuple) and isinstance(y.dtype, onp.dtype)
    s = y.sum(axis=1)
    assert (s.shape, s.dtype) == ((2, 4), onp.dtype("int64"))
    assert _evaluations() == before, "metadata must not evaluate"
    assert y._node.pending


def test_len_of_0d_raises(mode):
    with pytest.raises(TypeError):
        len(la.asarray(onp.float64(1.0)))


# ---------------------------------------------------------------- evaluation triggers
TRIGGERS = [
    ("asarray", lambda y: onp.asarray(y)),
    ("array", lambda y: onp.array(y)),
    ("repr", repr), ("str", str),
    ("tolist", lambda y: y.tolist()),
    ("iter", lambda y: list(iter(y))),
    ("evaluate", lambda y: y.evaluate()),
    ("lazyarray.evaluate", lambda y: la.evaluate(y)),
]


@pytest.mark.parametrize("name, trigger", TRIGGERS, ids=[n for n, _ in TRIGGERS])
def test_evaluation_triggers(compiled, name, trigger, rng):
    y, expected = _pending(rng)
    assert y._node.pending
    before = _evaluations()
    trigger(y)
    assert _evaluations() == before + 1
    assert not y._node.pending
    assert_same(y, expected)
    trigger(y)   # already computed: nothing more to run
    assert _evaluations() == before + 1


@pytest.mark.parametrize("name, trigger", [("float", float), ("int", int), ("bool", bool),
                                           ("complex", complex), ("index", operator.index),
                                           ("item", lambda y: y.item()),
                                           ("format", lambda y: format(y, ".3f"))])
def test_scalar_conversions(mode, name, trigger, rng):
    for dtype in ("int32", "float64", "bool", "uint8"):
        x = data(dtype, (), rng, special=False)
        y = la.asarray(x)
        y2 = (la.asarray(x) + x) if dtype != "bool" else la.asarray(x) & la.asarray(x)
        x2 = (x + x) if dtype != "bool" else x & x
        for lazy, ref in ((y, x), (y2, x2)):
            try:
                want = trigger(ref)
            except Exception as exc:  # noqa: BLE001 - NumPy's exception is the expectation
                with pytest.raises(type(exc)):
                    trigger(lazy)
                continue
            got = trigger(lazy)
            same = got == want or (got != got and want != want)   # NaN
            assert type(got) is type(want) and same, (got, want)
    # size-1 arrays of rank > 0: as NumPy (a value, or the same exception type)
    one = onp.array([[7]], onp.int64)
    try:
        want = trigger(one)
    except Exception as exc:  # noqa: BLE001
        with pytest.raises(type(exc)):
            trigger(la.asarray(one) + 0)
    else:
        assert trigger(la.asarray(one) + 0) == want


SCALAR_LIKE = [("round", round), ("round(x, 2)", lambda y: round(y, 2)),
               ("round(x, -1)", lambda y: round(y, -1)), ("math.floor", math.floor),
               ("math.ceil", math.ceil), ("math.trunc", math.trunc), ("f-string", lambda y: f"{y}"),
               ("format .3f", lambda y: format(y, ".3f")), ("== 3", lambda y: bool(y == 3)),
               ("str", str)]


@pytest.mark.parametrize("name, op", SCALAR_LIKE, ids=[n for n, _ in SCALAR_LIKE])
def test_0d_arrays_behave_like_numpy_scalars(mode, name, op, rng):
    """What programs do with a NumPy scalar (e.g. ``a.sum()``) works on a 0-d result."""
    for dtype in ("int8", "int64", "uint16", "float32", "float64", "bool"):
        values = [data(dtype, (), rng, special=False)[()]]
        if dtype.startswith("float"):
            values += [onp.dtype(dtype).type(v) for v in (2.5, -0.5, 3.0, -7.25, 1e10)]
        for x in values:
            lazy = la.asarray(onp.asarray(x))
            lazy = lazy | lazy if dtype == "bool" else lazy + onp.dtype(dtype).type(0)
            try:
                want = op(x)
            except TypeError:   # e.g. round(numpy.bool_), math.trunc(numpy.float32)
                with pytest.raises(TypeError):
                    op(lazy)
                continue
            got = op(lazy)
            assert type(got) is type(want) and got == want, (x, got, want)
    if name.startswith(("round", "math.")):   # as for NumPy arrays of several elements
        with pytest.raises(TypeError):
            op(onp.arange(3.0))
        with pytest.raises(TypeError):
            op(la.asarray(onp.arange(3.0)) * 2)


def test_multi_element_truth_value_raises(mode):
    x = la.asarray(onp.arange(3)) + 1
    with pytest.raises(ValueError):
        bool(x)
    with pytest.raises(TypeError):
        float(la.asarray(onp.arange(3)) * 1.0)
    with pytest.raises(TypeError):
        operator.index(la.asarray(onp.arange(3)))


def test_item_with_index(mode, rng):
    x = data("int16", (3, 4), rng)
    y = la.asarray(x) + 1
    assert y.item(5) == (x + 1).item(5)
    assert y.item(2, 3) == (x + 1).item(2, 3)
    assert type(y.item(0)) is int


def test_tolist_repr_str(mode, rng):
    for dtype, shape in (("float32", (2, 3)), ("int8", (4,)), ("bool", ()), ("uint64", (0,)),
                         ("float64", (1, 1, 2))):
        x = data(dtype, shape, rng)
        y = la.asarray(x) if dtype == "bool" else la.maximum(la.asarray(x), la.asarray(x))
        assert str(y.tolist()) == str(x.tolist())   # (str: NaN == NaN)
        assert repr(y) == onp.array_repr(x)
        assert str(y) == str(x)


def test_iteration_yields_lazy_rows(mode, rng):
    x = data("int32", (3, 2, 2), rng)
    rows = list(la.asarray(x) + 1)
    assert len(rows) == 3
    for row, ref in zip(rows, x + 1):
        assert_same(row, ref)
    assert [r.item() for r in la.asarray(onp.arange(4))] == [0, 1, 2, 3]
    with pytest.raises(TypeError):
        iter(la.asarray(onp.float32(1)))


def test_evaluate_returns_self(mode, rng):
    y, expected = _pending(rng)
    assert y.evaluate() is y
    assert_same(y, expected)


def test_evaluate_many_together(compiled, rng):
    """``lazyarray.evaluate(a, b)``: one evaluation computes both (sharing their inputs)."""
    x = data("float64", (50, 40), rng, special=False)
    lx = la.asarray(x)
    t = lx * 3.0
    a = t + 1.0
    b = t.sum(axis=0)
    before = _evaluations()
    la.evaluate(a, b, 5, None)  # non-arrays are ignored
    assert _evaluations() == before + 1
    assert not a._node.pending and not b._node.pending
    assert_same(a, x * 3.0 + 1.0)
    onp.testing.assert_allclose(onp.asarray(b), (x * 3.0).sum(axis=0), rtol=1e-12)
    la.evaluate()  # nothing to do


# ---------------------------------------------------------------- NumPy protocol
def test_array_protocol_read_only_view(mode, rng):
    y, expected = _pending(rng)
    v = onp.asarray(y)
    assert type(v) is onp.ndarray
    assert not v.flags.writeable
    with pytest.raises(ValueError):
        v[0, 0] = 5
    c = onp.array(y)  # a copy is writable
    assert c.flags.writeable
    c[0, 0] = -99.0
    assert_same(y, expected)


def test_array_protocol_dtype_and_copy(mode, rng):
    y, expected = _pending(rng)
    assert_same(onp.asarray(y, dtype="float32"), expected.astype("float32"), lazy=False)
    assert_same(onp.array(y, dtype=int), expected.astype(int), lazy=False)
    c = y.__array__(copy=True)
    c[...] = 0
    assert_same(y, expected)


def test_numpy_functions_convert_lazy_arrays(mode, rng):
    y, expected = _pending(rng, (2, 3))
    assert_same(onp.concatenate([y, y]), onp.concatenate([expected, expected]), lazy=False)
    onp.testing.assert_array_equal(onp.sort(y, axis=None), onp.sort(expected, axis=None))
    assert onp.allclose(y, expected)


def test_transpose_property(mode, rng):
    for shape in [(), (4,), (3, 4), (2, 3, 4), (1, 5)]:
        x = data("float32", shape, rng)
        assert_same(la.asarray(x).T, x.T)
        assert_same(la.asarray(x).T.T, x)
        assert_same((la.asarray(x) + 1).T, (x + 1).T)


def test_copy_and_positive(mode, rng):
    y, expected = _pending(rng)
    assert_same(y.copy(), expected)
    assert_same(+y, +expected)


def test_unhashable_and_not_constructible(mode):
    x = la.asarray(onp.arange(3))
    with pytest.raises(TypeError):
        hash(x)
    with pytest.raises(TypeError):
        la.ndarray(onp.arange(3))


def test_isinstance_and_operator_results_are_lazy(mode, rng):
    x = la.asarray(data("int32", (3,), rng))
    for r in (x + 1, 1 + x, x < 2, -x, abs(x), x.sum(), x.T, x.astype("float32"),
              la.where(x > 0, x, 0), onp.add(x, 1)):
        assert isinstance(r, la.ndarray), type(r)


# ---------------------------------------------------------------- explain and stats
def test_explain_pending_graph(compiled, rng, capsys):
    x = data("float64", (8, 9), rng, special=False)
    y = la.exp(la.asarray(x) * 2.0).sum(axis=1)
    before = _evaluations()
    text = la.explain(y)
    assert capsys.readouterr().out == text
    assert "graph:" in text and "kernel(s)" in text and "loop nest" in text
    assert _evaluations() == before, "explain must not evaluate"
    assert y._node.pending
    onp.testing.assert_allclose(onp.asarray(y), onp.exp(x * 2.0).sum(axis=1), rtol=1e-12)
    done = la.explain(y)
    assert "nothing to run" in done
    llvm = la.explain(la.asarray(x) + 1.0, llvm=True)
    assert "define" in llvm


def test_stats_counters(compiled, rng):
    x = la.asarray(data("float64", (16, 16), rng, special=False))
    la.stats(reset=True)
    s = la.stats()
    for key in ("compiles", "compile_seconds", "compile_reasons", "cache_hits", "evaluations",
                "auto_evaluations", "kernels_launched", "eager_ops"):
        assert key in s
    assert s["evaluations"] == 0 and s["kernels_launched"] == 0
    onp.asarray(x * 2.0 + 1.0)
    s = la.stats(reset=True)
    assert s["evaluations"] == 1 and s["kernels_launched"] == 1
    assert la.stats()["kernels_launched"] == 0


def test_eager_mode_counts_eager_ops(rng):
    with la.config(eager_threshold=1 << 15):
        x = la.asarray(data("float64", (16, 16), rng, special=False))
        la.stats(reset=True)
        y = x * 2.0 + 1.0
        assert not y._node.pending
        s = la.stats(reset=True)
        assert s["eager_ops"] == 2 and s["kernels_launched"] == 0


def test_config_restores_settings():
    before = la.config().__enter__().eager_threshold
    with la.config(eager_threshold=7, max_depth=3) as s:
        assert s.eager_threshold == 7 and s.max_depth == 3
    with la.config() as s:
        assert s.eager_threshold == before
    with pytest.raises(TypeError):
        la.config(no_such_setting=1)


def test_result_values_immutable_after_numpy_write(compiled, rng):
    """Writing into a copy of one result never changes another lazy value."""
    x = la.asarray(onp.arange(10.0))
    y = x + 1.0
    z = y * 2.0
    onp.array(y)[:] = 0
    assert_same(z, (onp.arange(10.0) + 1.0) * 2.0)
    assert math.isclose(float(z.sum()), float(((onp.arange(10.0) + 1.0) * 2.0).sum()))


def test_in_place_write_of_sole_owner_is_invisible_elsewhere(mode):
    """A small base written through a view is updated in place only when
    nothing else can see its buffer: copies, earlier lazy values, other
    views and NumPy arrays obtained from it keep their values."""
    a = la.asarray(onp.zeros((8, 8)))
    copy = a.copy()
    earlier = a * 1.0
    other_view = a[2:]
    exported = onp.asarray(a)
    a[1:, :] += 5.0
    a[:, 1:] -= 1.0
    expected = onp.zeros((8, 8))
    expected[1:, :] += 5.0
    expected[:, 1:] -= 1.0
    assert_same(a, expected)
    assert_same(copy, onp.zeros((8, 8)))
    assert_same(earlier, onp.zeros((8, 8)))
    assert_same(other_view, expected[2:])
    assert not exported.any()


@pytest.mark.parametrize("statement", [
    "a[1:, :] -= a[:-1, :]",            # the operand overlaps the target
    "a[::-1][2:5] *= b[1:4]",           # a view of a view, negative step
    "a[1:-1, 1:-1] += a[1:-1, 1:-1]",   # the operand is the target
    "a[3] //= 2",
    "a[:, ::2] **= 2",
    "v = a[2:]; w = a[2:4]; v -= 1.5; c.append(w + 0)",   # a view read before the write
])
def test_in_place_operators_on_views_as_numpy(mode, statement, rng):
    """In-place operators through views (written in place by NumPy when the
    base is a small sole-owned buffer) give NumPy's values, and values read
    before the write keep theirs."""
    start, other = rng.standard_normal((6, 6)), rng.standard_normal((6, 6))
    results = []
    for xp in (onp, la):
        a, b, c = xp.asarray(start.copy()), xp.asarray(other), []
        before = a[2:4] + 0
        exec(statement, {}, {"a": a, "b": b, "c": c})
        results.append((a, before, c))
    (want, want_before, want_c), (got, got_before, got_c) = results
    assert_same(got, want)
    assert_same(got_before, want_before)
    for g, w in zip(got_c, want_c):
        assert_same(g, w)
