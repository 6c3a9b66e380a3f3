"""``lazyarray.linalg`` (``lazyarray/linalg.py``) against ``numpy.linalg``.

LAPACK-backed functions are library calls: bit-exact, on stacks of matrices,
with ``LinAlgError`` raised at the call for singular input.  The fused ones
(norms, vecdot, matrix_power, multi_dot, trace, ...) are bit-exact where
NumPy's arithmetic is exact (integers, max/min, products) and compared within
``SUM_RTOL`` of a scale where sums are reassociated.
"""
import numpy as onp
import pytest

import lazyarray as la
from la_testing import assert_same, assert_sum_close, assert_ulp, data

LA = la.linalg
NLA = onp.linalg
INF = onp.inf


def _same_results(got, want):
    if isinstance(want, tuple):
        assert len(got) == len(want)
        if hasattr(want, "_fields"):
            assert type(got) is type(want)
        for g, w in zip(got, want):
            _same_results(g, w)
    else:
        assert_same(got, want)


def _matrices(rng, shape, dtype="float64"):
    return data(dtype, shape, rng, special=False, low=-3, high=3)


def _spd(rng, shape):
    a = _matrices(rng, shape)
    return a @ onp.swapaxes(a, -1, -2) + shape[-1] * onp.eye(shape[-1])


def test_linalg_error_is_numpys_class():
    assert LA.LinAlgError is onp.linalg.LinAlgError


# ---- LAPACK-backed: library calls, bit-exact ----

SQUARE = [(3, 3), (2, 4, 4), (1, 2, 2)]
CASES = [
    ("det", lambda a: (a,), {}), ("slogdet", lambda a: (a,), {}), ("inv", lambda a: (a,), {}),
    ("pinv", lambda a: (a,), {}), ("pinv", lambda a: (a,), {"rtol": 1e-3}),
    ("eig", lambda a: (a,), {}), ("eigvals", lambda a: (a,), {}),
    ("svd", lambda a: (a,), {}), ("svd", lambda a: (a,), {"full_matrices": False}),
    ("svd", lambda a: (a,), {"compute_uv": False}), ("svdvals", lambda a: (a,), {}),
    ("qr", lambda a: (a,), {}), ("qr", lambda a: (a,), {"mode": "r"}),
    ("qr", lambda a: (a,), {"mode": "complete"}), ("matrix_rank", lambda a: (a,), {}),
    ("cond", lambda a: (a,), {}), ("cond", lambda a: (a,), {"p": "fro"}),
    ("cond", lambda a: (a,), {"p": -INF}),
    ("solve", lambda a: (a, a[..., :1] * 2.0), {}),
]


@pytest.mark.parametrize("name, args, kwargs", CASES, ids=lambda c: str(c) if isinstance(c, str)
                         else None)
@pytest.mark.parametrize("shape", SQUARE, ids=str)
@pytest.mark.parametrize("dtype", ["float64", "float32", "int64"])
def test_lapack_functions(name, args, kwargs, shape, dtype, rng):
    a = _matrices(rng, shape, dtype)
    lazy = la.asarray(a)
    want = getattr(NLA, name)(*args(a), **kwargs)
    _same_results(getattr(LA, name)(*args(lazy), **kwargs), want)


@pytest.mark.parametrize("name", ["eigh", "eigvalsh", "cholesky"])
@pytest.mark.parametrize("shape", SQUARE, ids=str)
def test_symmetric_functions(mode, name, shape, rng):
    a = _spd(rng, shape)
    lazy = la.asarray(a) * 1.0                     # pending work as the input
    _same_results(getattr(LA, name)(lazy), getattr(NLA, name)(a))
    if name == "cholesky":
        _same_results(LA.cholesky(lazy, upper=True), NLA.cholesky(a, upper=True))
    else:
        _same_results(getattr(LA, name)(lazy, UPLO="U"), getattr(NLA, name)(a, UPLO="U"))
    _same_results(LA.svd(lazy, hermitian=True), NLA.svd(a, hermitian=True))


def test_lstsq_and_rectangular(rng):
    a = _matrices(rng, (5, 3))
    b = _matrices(rng, (5, 2))
    _same_results(LA.lstsq(la.asarray(a), la.asarray(b)), NLA.lstsq(a, b))
    _same_results(LA.lstsq(a, b[:, 0], rcond=None), NLA.lstsq(a, b[:, 0], rcond=None))
    _same_results(LA.svd(la.asarray(a).T), NLA.svd(a.T))
    _same_results(LA.qr(la.asarray(a), mode="raw"), NLA.qr(a, mode="raw"))
    _same_results(LA.pinv(a), NLA.pinv(a))
    _same_results(LA.matrix_rank(la.asarray(a)[:, ::-1], tol=0.5),
                  NLA.matrix_rank(a[:, ::-1], tol=0.5))


def test_tensorinv_and_tensorsolve(rng):
    a = onp.eye(24).reshape(4, 6, 8, 3) + 0.1 * _matrices(rng, (4, 6, 8, 3))
    _same_results(LA.tensorinv(la.asarray(a), ind=2), NLA.tensorinv(a, ind=2))
    b = _matrices(rng, (4, 6))
    _same_results(LA.tensorsolve(la.asarray(a), la.asarray(b)), NLA.tensorsolve(a, b))


def test_complex_inputs_go_to_numpy(rng):
    z = _matrices(rng, (3, 3)) + 1j * _matrices(rng, (3, 3))
    _same_results(LA.inv(z), NLA.inv(z))
    _same_results(LA.eig(z), NLA.eig(z))
    _same_results(LA.inv(LA.inv(z)), NLA.inv(NLA.inv(z)))   # a complex lazy array as input
    for ord in (None, 1, INF, "nuc", 2):
        assert_same(LA.norm(z, ord), NLA.norm(z, ord))
    assert_same(LA.vector_norm(z[0], ord=3), NLA.vector_norm(z[0], ord=3))
    assert_same(LA.vecdot(z, z), NLA.vecdot(z, z))
    assert_same(LA.trace(z), NLA.trace(z))
    assert_same(LA.outer(z[0], z[1]), NLA.outer(z[0], z[1]))
    assert_same(LA.cross(z, z[::-1]), NLA.cross(z, z[::-1]))
    assert_same(LA.matrix_power(z, 3), NLA.matrix_power(z, 3))
    assert_same(LA.diagonal(z, offset=1), NLA.diagonal(z, offset=1))
    assert_same(LA.multi_dot([z, z, z[0]]), NLA.multi_dot([z, z, z[0]]))
    out = LA.inv(z)
    assert LA.multi_dot([z, LA.inv(z)], out=out) is out
    assert_same(out, NLA.multi_dot([z, NLA.inv(z)]))


@pytest.mark.parametrize("name, args", [
    ("inv", lambda s: (s,)), ("solve", lambda s: (s, onp.ones(s.shape[:-1] + (1,)))),
    ("cholesky", lambda s: (s,)), ("tensorinv", lambda s: (s[0],)),
    ("matrix_power", lambda s: (s, -2))])
def test_singular_matrices_raise_linalg_error_at_the_call(mode, name, args):
    singular = onp.stack([onp.eye(3), onp.ones((3, 3))])
    lazy = la.asarray(singular) + 0.0
    with pytest.raises(LA.LinAlgError):
        getattr(LA, name)(*args(lazy))
    with pytest.raises(onp.linalg.LinAlgError):
        getattr(LA, name)(*args(singular))


def test_det_of_singular_is_zero_and_cond_inf(rng):
    s = onp.ones((3, 3))
    assert_same(LA.det(s), NLA.det(s))
    assert_same(LA.cond(s), NLA.cond(s))
    assert_same(LA.slogdet(la.asarray(s)).sign, NLA.slogdet(s).sign)


@pytest.mark.parametrize("name", ["det", "inv", "eig", "cholesky", "slogdet", "eigvalsh",
                                  "matrix_power"])
def test_non_square_or_1d_raises_linalg_error(name):
    args = (2,) if name == "matrix_power" else ()
    for bad in (onp.ones((2, 3)), onp.ones(3)):
        with pytest.raises(LA.LinAlgError):
            getattr(LA, name)(la.asarray(bad), *args)


def test_lapack_calls_are_counted_as_library_calls(rng):
    la.stats(reset=True)
    LA.det(la.asarray(_matrices(rng, (3, 3))))
    LA.svd(_matrices(rng, (3, 3)))
    counts = la.stats()
    assert counts["library_calls"] == {"linalg.det": 1, "linalg.svd": 1}
    assert counts["fallbacks"] == {}


# ---- norms (fused) ----

def _norm_close(actual, expected):
    """Norms of the lazy orders are sums of non-negative terms: relative to the result."""
    want = onp.asarray(expected)
    assert_sum_close(actual, expected, onp.abs(want))


VECTOR_ORDS = [None, 2, 1, 0, INF, -INF, 2.0]
MATRIX_ORDS = [None, "fro", "f", 1, -1, INF, -INF, 2, -2, "nuc"]
#: every order on float64; a few on the other dtypes (each case compiles kernels)
OTHER_DTYPES = ["float32", "int32", "bool"]
VECTOR_CASES = [(o, "float64") for o in VECTOR_ORDS] + \
    [(o, d) for o in (None, -INF) for d in OTHER_DTYPES]
MATRIX_CASES = [(o, "float64") for o in MATRIX_ORDS] + \
    [(o, d) for o in ("fro", 1, 2) for d in OTHER_DTYPES]


@pytest.mark.parametrize("ord, dtype", VECTOR_CASES, ids=str)
def test_vector_norms(mode, ord, dtype, rng):
    x = data(dtype, (3, 7), rng, special=dtype != "float32")   # NaN and inf propagate
    lx = la.asarray(x)
    for axis, keepdims in ((None, False), (1, False), (0, True)):
        if axis is None:
            got, want = LA.norm(lx[1], ord), NLA.norm(x[1], ord)
        else:
            got, want = LA.norm(lx, ord, axis, keepdims), NLA.norm(x, ord, axis, keepdims)
        _norm_close(got, want)


@pytest.mark.parametrize("ord, dtype", MATRIX_CASES, ids=str)
def test_matrix_norms(mode, ord, dtype, rng):
    x = data(dtype, (2, 3, 4), rng, special=False)
    lx = la.asarray(x)
    for axis, keepdims in (((1, 2), False), ((2, 0), True), ((-1, -2), False)):
        _norm_close(LA.norm(lx, ord, axis, keepdims), NLA.norm(x, ord, axis, keepdims))
    _norm_close(LA.norm(lx[0], ord), NLA.norm(x[0], ord))
    _norm_close(LA.matrix_norm(lx, ord="fro" if ord is None else ord, keepdims=True),
                NLA.matrix_norm(x, ord="fro" if ord is None else ord, keepdims=True))


def test_norm_default_of_nd_array_and_0d(mode, rng):
    x = data("float64", (2, 3, 4), rng, special=False)
    _norm_close(LA.norm(la.asarray(x)), NLA.norm(x))
    _norm_close(LA.norm(la.asarray(x), keepdims=True), NLA.norm(x, keepdims=True))
    _norm_close(LA.norm(la.asarray(-2.5)), NLA.norm(onp.float64(-2.5)))


@pytest.mark.parametrize("ord", [3, 0.5, -1, -2, 1.5, -0.5])
@pytest.mark.parametrize("dtype", ["float64", "float32", "int16"])
def test_p_norms_are_native(compiled, ord, dtype, rng):
    """``sum(abs(x) ** p) ** (1 / p)`` in NumPy's dtypes (zeros, NaN and inf
    included: a zero under a negative order gives 0, as in NumPy)."""
    x = data(dtype, (4, 9), rng, special=dtype != "float32")
    x[0, 0] = 0
    lx = la.asarray(x)
    la.stats(reset=True)
    with onp.errstate(all="ignore"):
        got, want = LA.norm(lx, ord, axis=1), NLA.norm(x, ord, axis=1)
        assert_ulp(got, want, maxulp=64)
        got = LA.vector_norm(lx, ord=ord, axis=(0, 1), keepdims=True)
        assert_ulp(got, NLA.vector_norm(x, ord=ord, axis=(0, 1), keepdims=True), maxulp=64)
    assert la.stats()["library_calls"] == {}


@pytest.mark.parametrize("ord", [2, 1, 0, -INF])
@pytest.mark.parametrize("axis", [None, -1, (0, 2), (2, 0, 1)], ids=str)
def test_vector_norm_axes(mode, ord, axis, rng):
    x = data("float32", (2, 3, 4), rng, special=False)
    for keepdims in (False, True):
        _norm_close(LA.vector_norm(la.asarray(x), axis=axis, keepdims=keepdims, ord=ord),
                    NLA.vector_norm(x, axis=axis, keepdims=keepdims, ord=ord))


def test_vector_norm_of_0d_and_ints(mode):
    _norm_close(LA.vector_norm(la.asarray(-3.0)), NLA.vector_norm(onp.float64(-3.0)))
    x = onp.arange(-4, 8, dtype=onp.int16).reshape(3, 4)
    _norm_close(LA.vector_norm(la.asarray(x), axis=0, ord=1),
                NLA.vector_norm(x, axis=0, ord=1))


def test_norm_of_empty_arrays():
    for shape, ord, axis in (((0,), None, None), ((0, 3), 1, None), ((3, 0), INF, 1),
                             ((0, 2), "fro", None)):
        x = onp.zeros(shape)
        assert_same(LA.norm(la.asarray(x), ord, axis), NLA.norm(x, ord, axis))
    with pytest.raises(ValueError):
        LA.norm(la.asarray(onp.zeros((0,))), -INF)


def test_norm_fuses_with_its_producer(compiled, rng):
    x = data("float64", (100,), rng, special=False)
    lx = la.asarray(x)
    la.stats(reset=True)
    result = LA.norm(lx * 2.0 + 1.0)
    assert la.stats()["evaluations"] == 0                 # recorded, not run
    _norm_close(result, NLA.norm(x * 2.0 + 1.0))
    counts = la.stats()
    assert counts["library_calls"] == {} and counts["evaluations"] == 1


def test_norm_errors():
    x = la.asarray(onp.ones((2, 3)))
    with pytest.raises(ValueError, match="Invalid norm order 'fro' for vectors"):
        LA.norm(x, "fro", axis=1)
    with pytest.raises(ValueError, match="Invalid norm order for matrices"):
        LA.norm(x, 3)
    with pytest.raises(ValueError, match="Invalid norm order for matrices"):
        LA.norm(x, "bogus", axis=(0, 1))
    with pytest.raises(ValueError, match="Duplicate axes"):
        LA.norm(x, axis=(1, -1))
    with pytest.raises(ValueError, match="Improper number of dimensions"):
        LA.norm(la.asarray(onp.ones((2, 2, 2))), axis=(0, 1, 2))
    with pytest.raises(TypeError, match="'axis' must be None"):
        LA.norm(x, axis="a")
    with pytest.raises(onp.exceptions.AxisError):
        LA.norm(x, axis=2)
    with pytest.raises(onp.exceptions.AxisError):
        LA.matrix_norm(la.asarray(onp.ones(3)))
    with pytest.raises(ValueError):
        LA.vector_norm(x, ord="nuc")
    with pytest.raises(ValueError):
        LA.vector_norm(x, axis=(0, 0))


# ---- vecdot, trace, diagonal, outer, cross, transpose ----

@pytest.mark.parametrize("dtype", ["int8", "uint16", "int64", "bool", "float32", "float64"])
def test_vecdot(mode, dtype, rng):
    a = data(dtype, (3, 4), rng)
    b = data(dtype, (4,), rng)
    la_a, la_b = la.asarray(a), la.asarray(b)
    got, want = LA.vecdot(la_a, la_b), NLA.vecdot(a, b)
    if want.dtype.kind == "f":
        assert_sum_close(got, want, onp.sum(onp.abs(a.astype(float) * b), axis=-1))
    else:
        assert_same(got, want)
    c = data(dtype, (3, 4), rng, special=False)
    got, want = LA.vecdot(la.asarray(c), la_b[:3, None], axis=0), NLA.vecdot(c, b[:3, None], axis=0)
    if want.dtype.kind == "f":
        assert_sum_close(got, want, onp.sum(onp.abs(c.astype(float) * b[:3, None]), axis=0))
    else:
        assert_same(got, want)


def test_vecdot_mixed_dtypes_and_errors(mode, rng):
    a = data("int8", (2, 5), rng)
    b = data("uint8", (5,), rng)
    assert_same(LA.vecdot(la.asarray(a), la.asarray(b)), NLA.vecdot(a, b))
    with pytest.raises(ValueError, match="mismatch in its core dimension"):
        LA.vecdot(la.asarray(a), la.asarray(b[:4]))
    with pytest.raises(ValueError, match="does not have enough dimensions"):
        LA.vecdot(la.asarray(2.0), la.asarray(b))
    with pytest.raises(ValueError):
        LA.vecdot(la.asarray(onp.ones((2, 3))), la.asarray(onp.ones((4, 3))))


@pytest.mark.parametrize("offset", [0, 1, -2, 5])
@pytest.mark.parametrize("dtype", ["int8", "bool", "float64"])
def test_trace_and_diagonal(mode, offset, dtype, rng):
    x = data(dtype, (2, 4, 5), rng, special=False)
    lx = la.asarray(x)
    d = LA.diagonal(lx, offset=offset)
    assert_same(d, NLA.diagonal(x, offset=offset))
    assert not d.flags.writeable and d.base is lx    # a read-only view, as in NumPy
    want = NLA.trace(x, offset=offset)
    if want.dtype.kind == "f":
        assert_sum_close(LA.trace(lx, offset=offset), want,
                         NLA.trace(onp.abs(x), offset=offset))
    else:
        assert_same(LA.trace(lx, offset=offset), want)
    assert_same(LA.trace(lx, offset=offset, dtype=onp.int16),
                NLA.trace(x, offset=offset, dtype=onp.int16))
    with pytest.raises(ValueError):
        LA.trace(la.asarray(onp.ones(3)))


@pytest.mark.parametrize("dtypes", [("int8", "int8"), ("float32", "int16"), ("bool", "bool")])
def test_outer(mode, dtypes, rng):
    a, b = data(dtypes[0], (4,), rng), data(dtypes[1], (3,), rng)
    assert_same(LA.outer(la.asarray(a), la.asarray(b)[::-1]), NLA.outer(a, b[::-1]))
    with pytest.raises(ValueError, match="one-dimensional"):
        LA.outer(la.asarray(onp.ones((2, 2))), la.asarray(b))


@pytest.mark.parametrize("shapes, axis", [(((3,), (3,)), -1), (((4, 3), (3,)), -1),
                                          (((3, 2), (3, 1)), 0), (((2, 3, 4), (1, 3, 4)), 1),
                                          (((5, 3), (2, 1, 3)), -1)], ids=str)
@pytest.mark.parametrize("dtype", ["int8", "float32", "float64"])
def test_cross(mode, shapes, axis, dtype, rng):
    a, b = data(dtype, shapes[0], rng), data(dtype, shapes[1], rng)
    assert_same(LA.cross(la.asarray(a), la.asarray(b), axis=axis), NLA.cross(a, b, axis=axis))


def test_cross_errors():
    with pytest.raises(ValueError, match="3-dimensional vectors"):
        LA.cross(la.asarray(onp.ones(2)), la.asarray(onp.ones(3)))
    with pytest.raises(TypeError):
        LA.cross(la.asarray(onp.ones(3, bool)), la.asarray(onp.ones(3, bool)))
    with pytest.raises(ValueError):
        LA.cross(la.asarray(onp.ones((2, 3))), la.asarray(onp.ones((4, 3))))


def test_matrix_transpose_and_matmul(mode, rng):
    x = data("int32", (2, 3, 4), rng)
    y = data("int32", (4, 5), rng)
    assert_same(LA.matrix_transpose(la.asarray(x)), NLA.matrix_transpose(x))
    assert_same(LA.matmul(la.asarray(x), la.asarray(y)), NLA.matmul(x, y))
    with pytest.raises(ValueError):
        LA.matrix_transpose(la.asarray(onp.ones(3)))


# ---- matrix_power, multi_dot ----

@pytest.mark.parametrize("n", [0, 1, 2, 3, 5, 12])
@pytest.mark.parametrize("dtype", ["int8", "uint16", "bool", "float32", "float64"])
def test_matrix_power(mode, n, dtype, rng):
    a = data(dtype, (2, 3, 3), rng, special=False, low=-1, high=1) if dtype[0] == "f" \
        else data(dtype, (2, 3, 3), rng)
    got, want = LA.matrix_power(la.asarray(a), n), NLA.matrix_power(a, n)
    if want.dtype.kind == "f":
        assert_sum_close(got, want, NLA.matrix_power(onp.abs(a).astype(onp.float64), n))
    else:
        assert_same(got, want)


def test_matrix_power_negative_and_errors(mode, rng):
    a = onp.eye(3) * 2.0 + 0.25 * _matrices(rng, (3, 3))
    for n in (-1, -2, -5):
        want = NLA.matrix_power(a, n)
        assert_sum_close(LA.matrix_power(la.asarray(a), n), want,
                         NLA.matrix_power(onp.abs(NLA.inv(a)), -n))
    with pytest.raises(TypeError, match="exponent must be an integer"):
        LA.matrix_power(la.asarray(a), 2.0)
    with pytest.raises(LA.LinAlgError):
        LA.matrix_power(la.asarray(onp.ones((2, 3))), 2)
    n0 = LA.matrix_power(la.asarray(a), 0)
    n0[0, 0] = 5.0                                   # a new, writable array
    assert_same(n0, onp.diag([5.0, 1.0, 1.0]))


CHAINS = [[(4,), (4, 3)], [(2, 3), (3, 5), (5, 4)], [(10, 30), (30, 5), (5, 60)],
          [(3,), (3, 8), (8, 2), (2,)], [(6, 2), (2, 7), (7, 3), (3, 9), (9,)],
          [(3,), (3, 4), (4, 2), (2, 5), (5, 3)]]


@pytest.mark.parametrize("shapes", CHAINS, ids=str)
@pytest.mark.parametrize("dtype", ["int64", "float64", "float32"])
def test_multi_dot(mode, shapes, dtype, rng):
    arrays = [data(dtype, s, rng, special=False, low=-2, high=2) for s in shapes]
    got = LA.multi_dot([la.asarray(a) for a in arrays])
    want = NLA.multi_dot(arrays)
    if want.dtype.kind == "f":
        assert_sum_close(got, want, NLA.multi_dot([onp.abs(a) for a in arrays]))
    else:
        assert_same(got, want)


def test_multi_dot_order_is_numpys(compiled, rng):
    a, b, c = (rng.integers(-3, 3, size=s) for s in [(10, 30), (30, 5), (5, 60)])
    got = LA.multi_dot([la.asarray(a), la.asarray(b), la.asarray(c)])
    # (ab)c is the cheaper order: the first matmul contracts the length-30 axis
    assert_same(got, NLA.multi_dot([a, b, c]))
    split = la.linalg._chain_order([(10, 30), (30, 5), (5, 60)])
    assert split[0][2] == 1


def test_multi_dot_out_and_errors(mode, rng):
    arrays = [data("float64", s, rng, special=False) for s in [(2, 3), (3, 4), (4, 2)]]
    out = la.zeros((2, 2))
    view = out[:]
    result = LA.multi_dot([la.asarray(a) for a in arrays], out=out)
    assert result is out
    assert_sum_close(view, NLA.multi_dot(arrays), NLA.multi_dot([onp.abs(a) for a in arrays]))
    with pytest.raises(ValueError, match="not acceptable"):
        LA.multi_dot(arrays, out=la.zeros((2, 2), dtype=onp.float32))
    with pytest.raises(ValueError, match="at least two arrays"):
        LA.multi_dot([la.asarray(arrays[0])])
    with pytest.raises(LA.LinAlgError):
        LA.multi_dot([arrays[0], onp.ones((3, 4, 1)), arrays[2]])
    with pytest.raises(ValueError):
        LA.multi_dot([arrays[0], arrays[0], arrays[2]])


@pytest.mark.parametrize("axes", [2, 1, ([1, 0], [0, 1])])
def test_tensordot(axes):
    a = onp.arange(24.0).reshape(2, 3, 4) if axes == 1 else onp.arange(6.0).reshape(2, 3)
    b = onp.arange(12.0).reshape(4, 3) if axes == 1 else onp.arange(6.0).reshape(3, 2)
    if axes == 2:
        b = b.T
    want = onp.linalg.tensordot(a, b, axes=axes)
    got = LA.tensordot(la.asarray(a), la.asarray(b), axes=axes)
    assert_same(got, want)


# ---- names numpy.linalg lacks ----

def test_names_numpy_lacks_raise_attribute_error():
    with pytest.raises(AttributeError):
        LA.no_such_function
    with pytest.raises(AttributeError):
        LA.__path__
    assert set(LA.__all__) <= set(dir(NLA))
