"""``numpy.pad`` (``ops/padding.py``) against NumPy, every mode lazyarray computes."""
import numpy as onp
import pytest

import lazyarray as la
from la_testing import assert_same, check_call, check_raises, data

SLOW = pytest.mark.slow   # many kernel structures to compile
WIDTHS = [0, (2, 3), ((1, 0), (0, 2)), ((3,), (1,)),
          pytest.param(((6, 7), (2, 9)), marks=SLOW, id="((6, 7), (2, 9))")]
MODES = [("constant", {}), ("constant", {"constant_values": ((1, 2), (3, 4))}),
         ("constant", {"constant_values": 1.7}), ("edge", {}), ("wrap", {}),
         ("reflect", {"reflect_type": "even"}), ("symmetric", {})]


@pytest.mark.parametrize("mode_kw", MODES, ids=str)
@pytest.mark.parametrize("width", WIDTHS, ids=str)
def test_pad_2d(mode, width, mode_kw, rng):
    name, kw = mode_kw
    check_call(lambda m, a: m.pad(a, width, name, **kw), data("int32", (3, 4), rng))


@pytest.mark.parametrize("name", ["constant", "edge", "wrap", "reflect", "symmetric"])
@pytest.mark.parametrize("shape", [(), (1,), pytest.param((2, 1, 3), marks=SLOW, id="(2, 1, 3)"),
                                   (3, 2)], ids=str)
def test_pad_shapes_and_views(mode, shape, name, rng):
    n = data("float64", shape, rng)
    check_call(lambda m, a: m.pad(a, 2, name), n)
    if len(shape) > 1:
        check_call(lambda m, a: m.pad(a.T[::-1], ((1, 2), (0, 1), (3, 0))[:a.ndim], name), n)


def test_pad_empty_axes(mode):
    n = onp.zeros((0, 3))
    check_call(lambda m, a: m.pad(a, 1), n)
    check_call(lambda m, a: m.pad(a, ((0, 0), (1, 2)), "edge"), n)


def test_pad_mode_empty_keeps_the_array(mode, rng):
    n = data("float64", (3, 4), rng)
    got = la.pad(la.asarray(n), (1, 2), "empty")
    assert got.shape == (6, 7) and got.dtype == n.dtype
    assert_same(got[1:-2, 1:-2], n)


def test_wide_pads_fuse_or_go_through_the_library(compiled, rng):
    n = data("float64", (3, 4), rng)
    la.stats(reset=True)
    check_call(lambda m, a: m.pad(a * 2, 40, "reflect"), n)     # many runs: one library call
    check_call(lambda m, a: m.pad(a * 2, 3, "symmetric") + 1, n)
    stats = la.stats()
    assert stats["library_calls"] == {"pad": 1} and stats["fallbacks"] == {}


def test_pad_fuses_with_producer_and_consumer(compiled, rng):
    """Constant pads fuse whole; index-map pads take one kernel per padded axis
    (each axis reads the one before at several indices)."""
    n = rng.standard_normal((300, 200))
    la.stats(reset=True)
    check_call(lambda m, a: m.pad(a * 2, 1) - 1, n)
    assert la.stats()["kernels_launched"] == 1
    la.stats(reset=True)
    check_call(lambda m, a: m.pad(a * 2, ((0, 0), (2, 1)), "reflect") - 1, n)
    assert la.stats()["kernels_launched"] == 1
    la.stats(reset=True)
    check_call(lambda m, a: m.pad(a * 2, 1, "edge") - 1, n)
    assert la.stats()["kernels_launched"] == 2


@pytest.mark.parametrize("name", ["linear_ramp", "maximum", "mean", "median", "minimum"])
def test_unimplemented_modes_are_loud(name):
    with pytest.raises(NotImplementedError, match=name):
        la.pad(la.ones(4), 1, name)
    with pytest.raises(NotImplementedError, match="odd"):
        la.pad(la.ones(4), 1, "reflect", reflect_type="odd")
    with pytest.raises(NotImplementedError, match="callable"):
        la.pad(la.ones(4), 1, lambda *a: None)


@pytest.mark.parametrize("call", [
    lambda m, a: m.pad(a, -1), lambda m, a: m.pad(a, 1.5), lambda m, a: m.pad(a, (1, 2, 3)),
    lambda m, a: m.pad(a, ((1, 2), (3, 4), (5, 6))), lambda m, a: m.pad(a, 1, "nope"),
    lambda m, a: m.pad(a, 1, "edge", constant_values=3),
    lambda m, a: m.pad(a[:0], 1, "wrap"), lambda m, a: m.pad(a, 1, "constant", stat_length=2),
], ids=range(8))
def test_errors_at_the_call(call):
    check_raises(call, onp.zeros((3, 4)))
