"""copyto, putmask, ndarray.fill, ndarray.resize (``ops/mutation.py``): writes
into arrays and through views, in lockstep with NumPy."""
import numpy as onp
import pytest

import lazyarray as la
from la_testing import assert_same, data

TARGETS = {
    "base": lambda a: a,
    "rows": lambda a: a[1:3],
    "reversed": lambda a: a[::-1, ::2],
    "transposed": lambda a: a.T,
    "flipped": lambda a: onp.flip(a, 1) if isinstance(a, onp.ndarray) else la.flip(a, 1),
}


def _arrays(rng, dtype="float64"):
    n = data(dtype, (4, 6), rng).copy()
    return n, la.asarray(n)


@pytest.mark.parametrize("target", TARGETS)
@pytest.mark.parametrize("src,kw", [
    (3, {}), (2.5, {"casting": "unsafe"}), ("row", {}), ("full", {"where": "mask"}),
    (-1, {"where": "mask"}), ("int8", {}), ("row", {"where": True}),
], ids=str)
def test_copyto(mode, target, src, kw, rng):
    n, x = _arrays(rng)
    nt, lt = TARGETS[target](n), TARGETS[target](x)
    if src == "row":
        src = data("float32", nt.shape[-1:], rng)
    elif src == "full":
        src = data("float64", nt.shape, rng)
    elif src == "int8":
        src = data("int8", nt.shape, rng)
    kw = dict(kw)
    if kw.get("where") == "mask":
        kw["where"] = rng.integers(0, 2, nt.shape[-1:]).astype(bool)
    onp.copyto(nt, src, **kw)
    lsrc = la.asarray(src) if isinstance(src, onp.ndarray) else src
    assert la.copyto(lt, lsrc, **kw) is None
    assert_same(x, n)
    assert_same(lt, nt)


def test_copyto_keeps_values_computed_before(mode, rng):
    n, x = _arrays(rng)
    before_n, before_l = n * 2, x * 2
    onp.copyto(n, 0.5)
    la.copyto(x, 0.5)
    assert_same(before_l, before_n)
    assert_same(x, n)


@pytest.mark.parametrize("dst,src,kw", [
    ("int8", 300, {}), ("int8", 3.5, {}), ("int32", "float64", {}),
    ("float32", "float64", {"casting": "safe"}), ("float64", (3,), {}),
    ("float64", 1.0, {"where": onp.ones(5, bool)}), ("float64", 1.0, {"casting": "bogus"}),
], ids=str)
def test_copyto_errors(dst, src, kw):
    n = onp.zeros((2, 4), dst)
    if isinstance(src, str):
        src = onp.zeros((2, 4), src)
    elif isinstance(src, tuple):
        src = onp.zeros(src)
    with pytest.raises(Exception) as want:
        onp.copyto(n, src, **kw)
    with pytest.raises(type(want.value)):
        la.copyto(la.asarray(n), la.asarray(src) if isinstance(src, onp.ndarray) else src, **kw)
    with pytest.raises(TypeError):
        la.copyto(n, 1)


@pytest.mark.parametrize("target", TARGETS)
@pytest.mark.parametrize("values", [[-1.5], [1, 2, 3], "same", "lazy", []], ids=str)
def test_putmask(mode, target, values, rng):
    n, x = _arrays(rng)
    nt, lt = TARGETS[target](n), TARGETS[target](x)
    mask = rng.integers(0, 2, nt.shape).astype(bool)
    lvalues = values
    if values == "same":
        values = lvalues = data("float64", nt.shape, rng)
    elif values == "lazy":
        values = data("int16", (5,), rng)
        lvalues = la.asarray(values) * 1
    onp.putmask(nt, mask, values)
    assert la.putmask(lt, la.asarray(mask), lvalues) is None
    assert_same(x, n)


def test_putmask_errors():
    n = onp.zeros((2, 3), "int8")
    for args in [(n, onp.ones(5, bool), [1]), (n, onp.ones(6, bool), [300])]:
        with pytest.raises(Exception) as want:
            onp.putmask(*args)
        with pytest.raises(type(want.value)):
            la.putmask(la.asarray(args[0]), *args[1:])
    with pytest.raises(TypeError):
        la.putmask(n, onp.ones(6, bool), [1])


@pytest.mark.parametrize("target", TARGETS)
@pytest.mark.parametrize("value", [7, -0.0, onp.nan, True, 1e300])
@pytest.mark.parametrize("dtype", ["float32", "int64", "bool", "uint8"])
def test_fill(mode, target, value, dtype, rng):
    n, x = _arrays(rng, dtype)
    nt, lt = TARGETS[target](n), TARGETS[target](x)
    try:
        nt.fill(value)
    except Exception as err:                     # noqa: BLE001 - NumPy's error is the oracle
        with pytest.raises(type(err)):
            lt.fill(value)
        return
    assert lt.fill(value) is None
    assert_same(x, n)


@pytest.mark.parametrize("new_shape", [(3, 5), (2,), (30,), (0,), ((2, 12),)], ids=str)
def test_resize_method(mode, new_shape, rng):
    n, x = _arrays(rng)
    n.resize(*new_shape, refcheck=False)
    assert x.resize(*new_shape) is None
    assert_same(x, n)
    assert x.strides == n.strides


def test_resize_method_refuses_views_and_arrays_with_views(mode):
    x = la.ones((2, 3))
    v = x[1:]
    with pytest.raises(ValueError, match="does not own"):
        v.resize(4)
    with pytest.raises(ValueError, match="referenced"):
        x.resize(4)
    with pytest.raises(ValueError):
        la.ones(3).resize(-1)
