"""``lazyarray.random`` (``lazyarray/random.py``): NumPy's numbers for the same
seed, as lazyarray arrays; in-place shuffles; the legacy global state."""
import warnings

import numpy as onp
import pytest

import lazyarray as la
from la_testing import assert_same, data

SEED = 1234


def _same(got, want):
    """A draw: arrays bit-exact (as lazyarray arrays), Python scalars equal and of one type."""
    if isinstance(want, (onp.ndarray, onp.generic)):
        assert_same(got, onp.asarray(want))
    else:
        assert type(got) is type(want) and got == want


GENERATOR_CALLS = [
    ("random", (), {}), ("random", ((3, 4),), {}), ("random", (5,), {"dtype": "float32"}),
    ("standard_normal", (), {}), ("standard_normal", ((2, 3),), {"dtype": onp.float32}),
    ("normal", (), {}), ("normal", (1.5, 2.0, (4,)), {}), ("normal", ([0.0, 10.0], 1.0), {}),
    ("uniform", (-1, 1, 6), {}), ("uniform", (), {"low": 2, "high": [3.0, 4.0, 5.0]}),
    ("integers", (10,), {}), ("integers", (-5, 5, (3, 3)), {}),
    ("integers", (0, 255), {"size": 7, "dtype": "uint8", "endpoint": True}),
    ("choice", (10,), {}), ("choice", (10, 4), {"replace": False}),
    ("choice", ([1.5, 2.5, 3.5],), {"size": 5, "p": [0.2, 0.3, 0.5]}),
    ("choice", (onp.arange(12).reshape(4, 3), 2), {"axis": 1}),
    ("permutation", (10,), {}), ("permutation", (onp.arange(12).reshape(3, 4),), {}),
    ("exponential", (2.0, 5), {}), ("poisson", (3.0, (2, 2)), {}), ("binomial", (10, 0.3, 4), {}),
    ("beta", (0.5, 0.5, 3), {}), ("gamma", (2.0, 1.0, 3), {}),
    ("multivariate_normal", ([0, 1], [[1, 0.5], [0.5, 2]], 3), {}),
    ("permuted", (onp.arange(12).reshape(3, 4),), {"axis": 1}), ("bytes", (5,), {}),
    ("standard_exponential", (4,), {"method": "inv"}), ("dirichlet", ([1, 2, 3], 2), {}),
]


@pytest.mark.parametrize("name, args, kwargs", GENERATOR_CALLS, ids=lambda v: repr(v)[:40])
def test_generator_draws_numpys_numbers(mode, name, args, kwargs):
    rng, nrng = la.random.default_rng(SEED), onp.random.default_rng(SEED)
    for _ in range(2):   # the state advances as NumPy's does
        _same(getattr(rng, name)(*args, **kwargs), getattr(nrng, name)(*args, **kwargs))


def test_draws_are_library_calls(mode):
    la.stats(reset=True)
    rng = la.random.default_rng(SEED)
    x = rng.normal(size=3)
    assert isinstance(x, la.ndarray)
    la.random.seed(1)
    la.random.rand(2)
    calls = la.stats()["library_calls"]
    assert calls["random.Generator.normal"] == 1 and calls["random.rand"] == 1


def test_lazy_arguments_are_evaluated(mode, rng):
    loc = la.asarray(data("float64", (3, 4), rng, special=False)) * 10
    pop = la.asarray(onp.arange(20)) * 3
    p = la.full(20, 1 / 20)
    r, n = la.random.default_rng(SEED), onp.random.default_rng(SEED)
    _same(r.normal(loc, la.asarray(2.0)), n.normal(onp.asarray(loc), 2.0))
    _same(r.choice(pop, 5, p=p), n.choice(onp.asarray(pop), 5, p=onp.full(20, 1 / 20)))
    _same(r.permutation(pop), n.permutation(onp.asarray(pop)))
    _same(r.integers(la.asarray(3), la.asarray([5, 10, 20])), n.integers(3, [5, 10, 20]))
    assert_same(pop, onp.arange(20) * 3)   # permutation copies


def test_seeds_and_wrapping(mode):
    n = onp.random.default_rng(7)
    g = la.random.default_rng(n)   # a NumPy Generator is wrapped, sharing its state
    first = float(g.random())
    assert first == onp.random.default_rng(7).random()
    assert float(n.random()) == onp.random.default_rng(7).random(2)[1]
    assert la.random.default_rng(g) is g
    assert_same(la.random.default_rng(la.asarray([1, 2])).random(3),
                onp.random.default_rng([1, 2]).random(3))
    assert_same(la.random.Generator(la.random.PCG64(5)).random(2),
                onp.random.Generator(onp.random.PCG64(5)).random(2))
    assert isinstance(la.random.default_rng(1).bit_generator, onp.random.PCG64)
    kids, nkids = la.random.default_rng(3).spawn(2), onp.random.default_rng(3).spawn(2)
    for k, nk in zip(kids, nkids):
        assert isinstance(k, la.random.Generator)
        assert_same(k.random(3), nk.random(3))
    assert "Generator" in repr(la.random.default_rng(0))
    with pytest.raises(TypeError):
        la.random.default_rng("seed")
    with pytest.raises(ValueError):
        la.random.default_rng(-1)


def test_generator_argument_errors(mode):
    r = la.random.default_rng(0)
    for bad in [lambda g: g.integers(5, 2), lambda g: g.choice(3, 5, replace=False),
                lambda g: g.normal(0, -1), lambda g: g.random(dtype="int32"),
                lambda g: g.choice([], 1)]:
        with pytest.raises(Exception) as np_err:
            bad(onp.random.default_rng(0))
        with pytest.raises(np_err.type):
            bad(r)


@pytest.mark.parametrize("shape, axis", [((10,), 0), ((4, 5), 0), ((4, 5), 1), ((3, 4, 2), -1)],
                         ids=str)
def test_shuffle_in_place(mode, shape, axis, rng):
    src = data("int32", shape, rng)
    x = la.asarray(src) + 0
    r, n = la.random.default_rng(SEED), onp.random.default_rng(SEED)
    want = src.copy()
    assert r.shuffle(x, axis=axis) is None
    n.shuffle(want, axis=axis)
    assert_same(x, want)


def test_shuffle_writes_through_views(mode, rng):
    src = data("float64", (6, 8), rng)
    x = la.asarray(src)
    v = x[1:5, ::2]
    before = v.copy()
    r, n = la.random.default_rng(SEED), onp.random.default_rng(SEED)
    r.shuffle(v)
    want = src.copy()
    n.shuffle(want[1:5, ::2])
    assert_same(x, want)
    assert_same(before, src[1:5, ::2])   # a copy taken before does not change
    r.shuffle(x.T)
    n.shuffle(want.T)
    assert_same(x, want)


def test_shuffle_numpy_arrays_and_lists(mode):
    a, b = onp.arange(10), onp.arange(10)
    la.random.default_rng(SEED).shuffle(a)
    onp.random.default_rng(SEED).shuffle(b)
    assert (a == b).all()
    lst, nlst = list(range(8)), list(range(8))
    la.random.default_rng(SEED).shuffle(lst)
    onp.random.default_rng(SEED).shuffle(nlst)
    assert lst == nlst


def test_shuffle_errors(mode):
    with pytest.raises(ValueError):
        la.random.default_rng(0).shuffle(la.broadcast_to(la.arange(3), (2, 3)))   # read-only
    with pytest.raises(TypeError):
        onp.random.default_rng(0).shuffle(onp.asarray(1.0))
    with pytest.raises(TypeError):
        la.random.default_rng(0).shuffle(la.asarray(1.0))


def test_out_arguments_fill_lazy_arrays(mode):
    r, n = la.random.default_rng(SEED), onp.random.default_rng(SEED)
    out, nout = la.zeros((3, 4)), onp.zeros((3, 4))
    assert r.random(out=out) is out
    n.random(out=nout)
    assert_same(out, nout)
    x = onp.arange(12).reshape(3, 4)
    out, nout = la.zeros((3, 4), "int64"), onp.zeros((3, 4), "int64")
    assert r.permuted(x, axis=0, out=out) is out
    n.permuted(x, axis=0, out=nout)
    assert_same(out, nout)
    base = la.zeros((2, 6))
    r.standard_normal(out=base[1])   # a view: written through to its base
    want = onp.zeros((2, 6))
    n.standard_normal(out=want[1])
    assert_same(base, want)


LEGACY_CALLS = [
    ("rand", (), {}), ("rand", (2, 3), {}), ("randn", (4,), {}), ("randint", (5,), {}),
    ("randint", (2, 9, (3, 2)), {}), ("random", ((2, 2),), {}), ("random_sample", (3,), {}),
    ("ranf", (2,), {}), ("sample", (2,), {}), ("normal", (1.0, 2.0, 3), {}),
    ("uniform", (0, 5, (2, 2)), {}), ("choice", (5, 3), {}), ("choice", ([1, 2, 3],), {"p": [0.5, 0.25, 0.25]}),
    ("permutation", (6,), {}), ("exponential", (1.0, 3), {}), ("poisson", (2.0, 4), {}),
    ("binomial", (5, 0.5, 3), {}), ("random_integers", (1, 6, 4), {}), ("standard_t", (3, 2), {}),
]


@pytest.mark.parametrize("name, args, kwargs", LEGACY_CALLS, ids=lambda v: repr(v)[:40])
def test_legacy_module_functions(mode, name, args, kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)   # random_integers
        la.random.seed(SEED)
        got = [getattr(la.random, name)(*args, **kwargs) for _ in range(2)]
        onp.random.seed(SEED)
        want = [getattr(onp.random, name)(*args, **kwargs) for _ in range(2)]
    for g, w in zip(got, want):
        _same(g, w)


def test_legacy_state_and_shuffle(mode):
    la.random.seed(SEED)
    state = la.random.get_state()
    a = la.random.rand(3)
    la.random.set_state(state)
    assert_same(la.random.rand(3), onp.asarray(a))
    onp.random.seed(SEED)
    assert_same(a, onp.random.rand(3))   # one global state with NumPy
    x = la.arange(10) * 2
    la.random.seed(5)
    la.random.shuffle(x)
    want = onp.arange(10) * 2
    onp.random.seed(5)
    onp.random.shuffle(want)
    assert_same(x, want)
    assert isinstance(la.random.get_bit_generator(), onp.random.MT19937)


def test_random_state_class(mode):
    r, n = la.random.RandomState(SEED), onp.random.RandomState(SEED)
    for name, args in [("rand", (2, 2)), ("randn", (3,)), ("randint", (0, 10, 4)), ("normal", (0, 1, 2)),
                       ("uniform", ()), ("choice", (4, 2)), ("tomaxint", (2,))]:
        _same(getattr(r, name)(*args), getattr(n, name)(*args))
    x, want = la.arange(6), onp.arange(6)
    r.shuffle(x)
    n.shuffle(want)
    assert_same(x, want)
    r.seed(3)
    n.seed(3)
    _same(r.random_sample(2), n.random_sample(2))
    state = r.get_state()
    first = r.rand(2)
    r.set_state(state)
    assert_same(r.rand(2), onp.asarray(first))
    assert_same(la.random.RandomState(la.asarray(4)).rand(2), onp.random.RandomState(4).rand(2))


def test_other_names_go_through_the_fallback():
    assert la.random.SeedSequence is onp.random.SeedSequence
    with la.config(fallback="error"), pytest.raises(NotImplementedError, match="random.test"):
        la.random.test()
    with pytest.raises(AttributeError):
        la.random.no_such_function
