"""Random expression graphs (hypothesis): the same tree of implemented ops,
evaluated by NumPy and by lazyarray's compiled kernels (``eager_threshold=0``),
must agree.

A tree is drawn as data (leaves: arrays of random dtype, shape, memory layout;
inner nodes: unary/binary ufuncs, ``where``, reductions over random axes,
``astype``, ops on transposed views) and then interpreted twice in lock step.
Every subtree's shape broadcasts against a base shape, so any two subtrees
combine.  Ops NumPy rejects for the operand dtypes (or whose result dtype
lazyarray does not support, e.g. float16) are replaced by a fallback op, the
same for both libraries.

Comparison: bit-exact (NaNs equal) unless the tree is *approximate*: it uses a
transcendental function (exp, log, sin, cos; implementations differ in the
last ulps) or a float sum/prod/mean (the kernels reassociate).  Approximate
values are then compared with a tolerance, and never feed a discontinuous op
(comparison, ``where`` condition, logical/bitwise op, cast to int or bool,
division by them, sqrt, log), where a last-ulp difference could flip a
result.

Known lazyarray bugs are kept out of the generated graphs (they have their
own xfail tests): logical ops on non-bool operands, uint64-vs-signed
comparisons, Python bool scalars, and the sign of zero in float max/min
reductions (each float max/min reduction gets ``+ 0.0``, which maps -0.0 to
+0.0 in both libraries).
"""
import warnings

import numpy as onp
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import lazyarray as la
from la_testing import FLOAT_SPECIALS, SUPPORTED, assert_same

DTYPES = ["bool", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64",
          "float32", "float64"]
UNARY = ["negative", "absolute", "sqrt", "exp", "log", "sin", "cos", "logical_not", "invert"]
BINARY = ["add", "subtract", "multiply", "true_divide", "maximum", "minimum", "equal",
          "not_equal", "less", "less_equal", "greater", "greater_equal", "logical_and",
          "logical_or", "logical_xor", "bitwise_and", "bitwise_or", "bitwise_xor"]
REDUCTIONS = ["sum", "prod", "max", "min", "mean"]
BASE_SHAPES = [(), (1,), (5,), (3, 4), (2, 1, 3), (2, 3, 4), (4, 1), (0,), (2, 0)]
SCALARS = [0, 1, 2, 3, 0.5, -2.0, 1.5, -0.0]

TRANSCENDENTAL = {"exp", "log", "sin", "cos"}
LOGICAL = {"logical_and", "logical_or", "logical_xor", "logical_not"}
COMPARISONS = {"equal", "not_equal", "less", "less_equal", "greater", "greater_equal"}
#: ops an approximate operand may feed (continuous, well conditioned)
APPROX_OK_UNARY = {"negative", "absolute", "exp", "sin", "cos"}
APPROX_OK_BINARY = {"add", "subtract", "multiply", "maximum", "minimum"}


# ---------------------------------------------------------------- strategies
leaves = st.tuples(st.just("leaf"), st.sampled_from(DTYPES),
                   st.integers(0, 7),                      # which kept dims are 1
                   st.integers(0, 3),                      # leading dims dropped
                   st.sampled_from(["c", "c", "numpy_T", "lazy_T", "strided"]),
                   st.integers(0, 2**32 - 1))              # data seed
scalars = st.sampled_from(SCALARS).map(lambda v: ("scalar", v))


def _extend(children):
    return st.one_of(
        st.tuples(st.just("unary"), st.sampled_from(UNARY), children),
        st.tuples(st.just("binary"), st.sampled_from(BINARY), children,
                  st.one_of(children, scalars), st.booleans()),
        st.tuples(st.just("binary_T"), st.sampled_from(BINARY), children, children),
        st.tuples(st.just("where"), children, children, st.one_of(children, scalars)),
        st.tuples(st.just("reduce"), st.sampled_from(REDUCTIONS), children,
                  st.integers(0, 2**10 - 1), st.booleans()),
        st.tuples(st.just("astype"), st.sampled_from(DTYPES), children),
        # a node with several consumers: f(v, reduce(v, keepdims=True)) and g(v, v)
        st.tuples(st.just("center"), st.sampled_from(["add", "subtract", "maximum", "less"]),
                  st.sampled_from(REDUCTIONS), children, st.integers(0, 2**10 - 1)),
        st.tuples(st.just("self"), st.sampled_from(BINARY), children),
    )


trees = st.recursive(leaves, _extend, max_leaves=7)


# ---------------------------------------------------------------- interpreter
class Value:
    """A subtree evaluated both ways: NumPy value, lazyarray value, approximate?"""

    __slots__ = ("np", "la", "approx")

    def __init__(self, np_value, la_value, approx):
        self.np = onp.asarray(np_value)
        self.la = la_value
        self.approx = approx


class Interpreter:
    def __init__(self, base):
        self.base = base
        self.scale = 1.0          # largest finite magnitude seen (tolerance scale)
        self.float32 = False      # whether float32 values took part
        self.values = []          # every intermediate, in creation order

    def _seen(self, v):
        self.values.append(v)
        a = v.np
        if a.dtype.kind == "f" and a.size:
            finite = onp.abs(a[onp.isfinite(a)])
            if finite.size:
                self.scale = max(self.scale, float(finite.max()))
        if a.dtype == onp.float32:
            self.float32 = True
        return v

    def leaf(self, dtype, ones_mask, drop, layout, seed):
        rng = onp.random.default_rng(seed)
        kept = self.base[min(drop, len(self.base)):]
        shape = tuple(1 if (ones_mask >> k) & 1 else n for k, n in enumerate(kept))
        dtype = onp.dtype(dtype)
        size = int(onp.prod(shape, dtype=onp.int64))
        if dtype.kind == "b":
            flat = rng.integers(0, 2, size).astype(bool)
        elif dtype.kind in "iu":
            info = onp.iinfo(dtype)
            lo, hi = (info.min, info.max) if rng.random() < 0.5 else (max(info.min, -20), 20)
            flat = rng.integers(lo, hi, size, dtype=dtype, endpoint=True)
        else:
            flat = rng.uniform(-10, 10, size)
            specials = rng.random(size) < 0.2
            flat[specials] = rng.choice(FLOAT_SPECIALS, size=int(specials.sum()))
            flat = flat.astype(dtype)
        value = flat.reshape(shape)
        if layout == "numpy_T" or layout == "lazy_T":
            stored = onp.ascontiguousarray(value.T)        # reversed shape in memory
            if layout == "numpy_T":
                return self._seen(Value(stored.T, la.asarray(stored.T), False))
            return self._seen(Value(stored.T, la.asarray(stored).T, False))
        if layout == "strided":
            big = onp.repeat(value[..., None], 2, axis=-1) if shape else value
            view = big[..., 0] if shape else big
            return self._seen(Value(view, la.asarray(view), False))
        return self._seen(Value(value, la.asarray(value), False))

    def run(self, node):
        kind = node[0]
        if kind == "leaf":
            return self.leaf(*node[1:])
        if kind == "unary":
            return self.unary(node[1], self.run(node[2]))
        if kind == "binary":
            a = self.run(node[2])
            b = node[3][1] if node[3][0] == "scalar" else self.run(node[3])
            return self.binary(node[1], b, a) if node[4] else self.binary(node[1], a, b)
        if kind == "binary_T":
            a, b = self.run(node[2]), self.run(node[3])
            if a.np.ndim != b.np.ndim:
                return self.binary(node[1], a, b)
            ta = Value(a.np.T, a.la.T, a.approx)
            tb = Value(b.np.T, b.la.T, b.approx)
            r = self.binary(node[1], ta, tb)
            return Value(r.np.T, r.la.T, r.approx)
        if kind == "where":
            c, x = self.run(node[1]), self.run(node[2])
            y = node[3][1] if node[3][0] == "scalar" else self.run(node[3])
            return self.where(c, x, y)
        if kind == "reduce":
            return self.reduce(node[1], self.run(node[2]), node[3], node[4])
        if kind == "astype":
            return self.astype(node[1], self.run(node[2]))
        if kind == "center":
            v = self.run(node[3])
            return self.binary(node[1], v, self.reduce(node[2], v, node[4], True))
        if kind == "self":
            v = self.run(node[2])
            return self.binary(node[1], v, v)
        raise AssertionError(node)

    # ---- ops (with the fallbacks described in the module docstring)
    def unary(self, name, a):
        if name in LOGICAL and a.np.dtype.kind != "b":
            name = "absolute"
        if a.approx and name not in APPROX_OK_UNARY:
            name = "absolute"
        r = _numpy(getattr(onp, name), a.np)
        if r is None:
            name, r = "absolute", onp.absolute(a.np)
        approx = a.approx or name in TRANSCENDENTAL
        return self._seen(Value(r, getattr(la, name)(a.la), approx))

    def binary(self, name, a, b):
        ops = [x for x in (a, b) if isinstance(x, Value)]
        dts = {x.np.dtype for x in ops}
        approx = any(x.approx for x in ops)
        if name in LOGICAL and any(d.kind != "b" for d in dts) or any(
                type(x) is not Value and name in LOGICAL for x in (a, b)):
            name = "maximum"
        if name in COMPARISONS and onp.dtype("uint64") in dts and any(d.kind == "i" for d in dts):
            name = "maximum"
        if approx and name not in APPROX_OK_BINARY:
            name = "maximum"
        np_args = [x.np if isinstance(x, Value) else x for x in (a, b)]
        la_args = [x.la if isinstance(x, Value) else x for x in (a, b)]
        r = _numpy(getattr(onp, name), *np_args)
        if r is None:
            name = "maximum"
            r = onp.maximum(*np_args)
        return self._seen(Value(r, getattr(la, name)(*la_args), approx))

    def where(self, c, x, y):
        if c.approx:
            return self.binary("maximum", x, y)
        yn = y.np if isinstance(y, Value) else y
        yl = y.la if isinstance(y, Value) else y
        approx = x.approx or (isinstance(y, Value) and y.approx)
        r = _numpy(onp.where, c.np, x.np, yn)
        if r is None:
            return self.binary("maximum", x, y)
        return self._seen(Value(r, la.where(c.la, x.la, yl), approx))

    def reduce(self, name, a, sel, keepdims):
        n = a.np.ndim
        axes = tuple(k for k in range(n) if (sel >> k) & 1)
        if not axes or (sel >> 5) & 1:
            axis = None
        else:
            prefix = axes == tuple(range(len(axes)))
            if not prefix:
                keepdims = True      # keep the result broadcastable against the base shape
            if (sel >> 6) & 1:
                axes = tuple(k - n for k in axes)
            axis = axes[0] if len(axes) == 1 and (sel >> 7) & 1 else axes
        if name == "prod" and a.np.dtype.kind == "f" and not _product_in_range(a.np, axis):
            name = "sum"     # partial products could overflow in one order, underflow in another
        r = _numpy(getattr(onp, name), a.np, axis=axis, keepdims=keepdims)
        if r is None:        # e.g. max of an empty array (both raise ValueError)
            with pytest.raises(ValueError):
                getattr(la, name)(a.la, axis=axis, keepdims=keepdims)
            name = "sum"
            r = onp.sum(a.np, axis=axis, keepdims=keepdims)
        lr = getattr(la, name)(a.la, axis=axis, keepdims=keepdims)
        approx = a.approx or (name in ("sum", "prod", "mean") and r.dtype.kind == "f")
        if approx and a.np.dtype.kind in "biuf" and a.np.size:
            # a reassociated float reduction errs relative to the sum of magnitudes
            mags = onp.abs(a.np.astype(onp.float64))
            self.scale = max(self.scale, float(mags[onp.isfinite(mags)].sum()))
        if name in ("max", "min") and r.dtype.kind == "f":
            r, lr = r + 0.0, lr + 0.0      # the sign of a zero max is a known bug
        return self._seen(Value(r, lr, approx))

    def astype(self, dtype, a):
        dtype = onp.dtype(dtype)
        if a.np.dtype.kind == "f" and dtype.kind in "iu":
            dtype = onp.dtype("float64")   # out-of-range float -> int is undefined
        if a.approx and dtype.kind not in "f":
            dtype = onp.dtype("float64")
        return self._seen(Value(a.np.astype(dtype), a.la.astype(dtype), a.approx))


def _product_in_range(a, axis):
    """Whether every partial product of a float prod stays finite and normal in any
    order (the kernels reassociate products: inf * 0 would otherwise depend on order)."""
    with onp.errstate(all="ignore"):
        mags = onp.abs(a.astype(onp.float64))
        logs = onp.where(mags > 0, onp.abs(onp.log(mags)), 0.0)
        spread = onp.sum(logs, axis=axis)
    return bool(onp.all(spread < 0.5 * onp.log(onp.finfo(a.dtype).max)))


def _numpy(fn, *args, **kwargs):
    """NumPy's result, or None when NumPy rejects the op or lazyarray can't hold it."""
    try:
        r = onp.asarray(fn(*args, **kwargs))
    except (TypeError, ValueError):
        return None
    return r if r.dtype in SUPPORTED else None


def _compare(interp, result):
    got = onp.asarray(result.la)
    want = result.np
    assert isinstance(result.la, la.ndarray)
    assert got.dtype == want.dtype and got.shape == want.shape, (got.dtype, got.shape, want.dtype,
                                                                 want.shape)
    if not result.approx:
        assert_same(got, want, lazy=False)
        return
    rtol = 1e-3 if interp.float32 else 1e-8
    onp.testing.assert_allclose(got, want, rtol=rtol, atol=rtol * interp.scale, equal_nan=True)


@settings(max_examples=60, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(base=st.sampled_from(BASE_SHAPES), tree=trees, also=st.integers(0, 2**16))
def test_random_graphs_match_numpy(compiled, base, tree, also):
    """The tree's value, and one intermediate evaluated jointly with it (a shared
    node that must become a kernel output while its consumers still fuse)."""
    interp = Interpreter(base)
    with onp.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)   # "Mean of empty slice"
        result = interp.run(tree)
        inter = interp.values[also % len(interp.values)]
        if also % 3:
            la.evaluate(result.la, inter.la)
        _compare(interp, result)
        _compare(interp, inter)


@settings(max_examples=12, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(base=st.sampled_from([(260, 300), (70001,), (3, 130, 200)]), tree=trees)
def test_random_graphs_large_shapes(compiled, base, tree):
    """Shapes big enough for kernels to split their loops across threads."""
    interp = Interpreter(base)
    with onp.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        _compare(interp, interp.run(tree))


@pytest.mark.parametrize("base, tree", [
    # a few fixed graphs (regressions for the interpreter itself)
    ((3, 4), ("binary", "add", ("leaf", "int8", 0, 0, "c", 1),
              ("leaf", "float32", 1, 1, "lazy_T", 2), False)),
    ((2, 3, 4), ("reduce", "sum", ("unary", "exp", ("leaf", "float64", 0, 0, "numpy_T", 3)),
                 0b101, False)),
    ((2, 1, 3), ("where", ("leaf", "bool", 2, 0, "c", 4),
                 ("leaf", "uint16", 0, 1, "strided", 5), ("scalar", 3))),
    ((5,), ("astype", "int8", ("binary_T", "multiply", ("leaf", "int64", 0, 0, "c", 6),
                                ("leaf", "int64", 0, 0, "c", 7)))),
    ((0,), ("reduce", "max", ("leaf", "float32", 0, 0, "c", 8), 1, False)),
    ((3, 4), ("center", "subtract", "max", ("leaf", "float64", 0, 0, "c", 9), 0b10)),
    ((2, 3, 4), ("self", "multiply", ("unary", "sin", ("leaf", "float32", 0, 0, "lazy_T", 10)))),
])
def test_fixed_graphs(compiled, base, tree):
    interp = Interpreter(base)
    with onp.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        _compare(interp, interp.run(tree))
