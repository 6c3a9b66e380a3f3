"""Advanced indexing (``lazyarray/ops/indexing.py``, ``ops/advanced_indexing.py``,
the ``GATHER`` node, ``lazyarray/bounds.py``): ``x[key]`` and ``x[key] = v``
with integer and boolean arrays, differential against NumPy."""
import numpy as onp
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import lazyarray as la
from la_testing import DTYPES, assert_same, data

A = onp.arange(60).reshape(3, 4, 5)

def pending(k: onp.ndarray) -> la.ndarray:
    """``k`` as a lazy array still to be computed (with eager_threshold=0)."""
    return la.asarray(k) | False if k.dtype == bool else la.asarray(k) + onp.array(0, k.dtype)


READ_KEYS = {
    "list": [2, 0, -1],
    "repeated": [1, 1, 0, 1],
    "2d": onp.array([[0, 2], [1, -3]]),
    "empty_list": [],
    "cols": (slice(None), [3, 0, -1]),
    "adjacent": (slice(None), [0, 3], [4, 0]),
    "separated": ([2, 0], slice(None), [1, 4]),
    "int_and_array": (0, slice(None), [1, 2]),
    "int_next_to_array": (1, [0, 2]),
    "broadcast": (onp.array([[0], [2]]), slice(1, 3), onp.array([0, 4, 1])),
    "ellipsis": (Ellipsis, [4, 0]),
    "none": (None, [1], None, slice(None, None, -1), [0, 2]),
    "neg_stride_slice": (slice(None, None, -1), [3, 1]),
    "0d_array": onp.array(2),
    "mask_1d": onp.array([True, False, True]),
    "mask_2d": A[:, :, 0] % 3 == 1,
    "mask_3d": A % 7 == 0,
    "mask_after_slice": (slice(1, None), onp.array([True, False, True, True])),
    "mask_and_array": (onp.array([False, True, True]), slice(None), [0, 4]),
    "true": True,
    "false": False,
    "true_with_array": ([1, 0], True),
    "mask_all_false": onp.zeros(3, bool),
}


@pytest.mark.parametrize("key", READ_KEYS.values(), ids=READ_KEYS.keys())
def test_getitem_matches_numpy(mode, key):
    x = la.asarray(A)
    assert_same(x[key], A[key])


@pytest.mark.parametrize("key", READ_KEYS.values(), ids=READ_KEYS.keys())
def test_getitem_with_lazy_index_arrays(compiled, key):
    x = la.asarray(A) * 1
    lazy = tuple(pending(k) if isinstance(k, onp.ndarray) and k.ndim else k
                 for k in (key if isinstance(key, tuple) else (key,)))
    assert_same(x[lazy], A[key])


@pytest.mark.parametrize("dtype", DTYPES)
def test_gather_dtypes(mode, dtype, rng):
    n = data(dtype, (7, 6), rng)
    idx = rng.integers(-7, 7, size=(3, 4))
    assert_same(la.asarray(n)[idx], n[idx])
    assert_same(la.asarray(n)[:, idx[0] % 6], n[:, idx[0] % 6])


@pytest.mark.parametrize("index_dtype", ["int8", "uint8", "int16", "uint32", "int64", "uint64"])
def test_index_dtypes(mode, index_dtype):
    idx = onp.array([3, 0, 2], index_dtype)
    n = onp.arange(10.0)
    assert_same(la.asarray(n)[idx], n[idx])
    assert_same(la.asarray(n)[la.asarray(idx) + onp.array(1, index_dtype)], n[idx + 1])


def test_gather_of_views_and_of_pending_values(mode):
    n = onp.arange(48.0).reshape(6, 8)
    x = la.asarray(n)
    idx = [2, 0, -1, 2]
    assert_same(x[::-2, 1:][idx], n[::-2, 1:][idx])
    assert_same(x.T[idx], n.T[idx])
    assert_same((x * 2 + 1)[:, idx], (n * 2 + 1)[:, idx])
    assert_same(x[1:, ::2][[0, 4], [3, 1]], n[1:, ::2][[0, 4], [3, 1]])


def test_gather_is_a_copy(mode):
    n = onp.arange(10.0)
    x = la.asarray(n)
    y = x[[1, 2]]
    x[:] = -1.0
    assert_same(y, n[[1, 2]])
    assert y.base is None


def test_gather_fuses_with_its_neighbours(compiled, rng):
    n = rng.random(1000)
    idx = rng.integers(0, 1000, 400)
    x, i = la.asarray(n), la.asarray(idx)
    r = (x[i] * 2 + 1).sum()
    la.stats(reset=True)
    got = float(r)
    assert la.stats()["kernels_launched"] == 1
    onp.testing.assert_allclose(got, (n[idx] * 2 + 1).sum(), rtol=1e-12)


def test_pending_index_is_computed_in_its_own_kernel(compiled, rng):
    n = rng.random(1000)
    idx = rng.integers(0, 500, 400)
    r = (la.asarray(n) * 3)[la.asarray(idx) * 2] + 1
    la.stats(reset=True)
    assert_same(r, (n * 3)[idx * 2] + 1)
    assert la.stats()["kernels_launched"] == 2


def test_mask_read_evaluates_only_the_mask(compiled):
    n = onp.arange(20.0)
    x = la.asarray(n) * 2
    y = x[la.asarray(n) > 10]
    assert x._node.pending
    assert_same(y, (n * 2)[n > 10])


# ---- errors: NumPy's types and messages, at the call ----

ERRORS = [
    ((0, 0, 0, [0]), IndexError, "too many indices for array: array is 3-dimensional, but 4"),
    (([0, 1], [0, 1, 2]), IndexError, "shape mismatch: indexing arrays could not be broadcast"),
    (onp.ones(4, bool), IndexError, "boolean index did not match indexed array along axis 0; "
                                    "size of axis is 3 but size of corresponding boolean axis is 4"),
    ((slice(None), onp.ones((4, 4), bool)), IndexError, "along axis 2; size of axis is 5"),
    ([1.0, 2.0], IndexError, "only integers, slices"),
    (onp.array([0.5]), IndexError, "arrays used as indices must be of integer (or boolean) type"),
    ("a", IndexError, "only integers, slices"),
    (([0], Ellipsis, Ellipsis), IndexError, "an index can only have a single ellipsis"),
    ([3], IndexError, "index 3 is out of bounds for axis 0 with size 3"),
    ((slice(None), [-5]), IndexError, "index -5 is out of bounds for axis 1 with size 4"),
    ((None, 0, [7]), IndexError, "index 7 is out of bounds for axis 1 with size 4"),
    ((5, [0]), IndexError, "index 5 is out of bounds for axis 0 with size 3"),
]


@pytest.mark.parametrize("key, exc, message", ERRORS)
def test_errors_match_numpy(mode, key, exc, message):
    with pytest.raises(exc, match=None) as numpy_error:
        A[key]
    assert message in str(numpy_error.value)
    x = la.asarray(A)
    with pytest.raises(exc) as error:
        x[key]
    assert message in str(error.value)
    with pytest.raises(exc) as error:
        x[key] = 0
    assert message in str(error.value)
    assert_same(x, A)


def test_out_of_range_lazy_index_raises_at_evaluation_naming_the_line(compiled):
    x = la.asarray(onp.arange(10.0))
    idx = la.asarray(onp.array([1, 4, 2])) * 5
    y = x[idx] * 2     # the indexing op: its line is in the message
    line = test_out_of_range_lazy_index_raises_at_evaluation_naming_the_line.__code__.co_firstlineno + 3
    with pytest.raises(IndexError, match=rf"index 20 is out of bounds for axis 0 with size 10 "
                                         rf"\(in the indexing op at .*test_indexing.py:{line},"):
        y.evaluate()
    assert_same(x[idx - 15], onp.arange(10.0)[onp.array([1, 4, 2]) * 5 - 15])


def test_negative_lazy_index_out_of_range_raises(compiled):
    x = la.asarray(onp.arange(12.0).reshape(3, 4))
    with pytest.raises(IndexError, match="index -5 is out of bounds for axis 1 with size 4"):
        onp.asarray(x[:, la.asarray(onp.array([0, -1])) * 5])


def test_out_of_range_lazy_index_raises_even_for_an_empty_result(compiled):
    n = onp.zeros((3, 0))
    with pytest.raises(IndexError, match="index 5 is out of bounds for axis 0 with size 3"):
        n[onp.array([5])]
    with pytest.raises(IndexError, match="index 5 is out of bounds for axis 0 with size 3"):
        la.asarray(n)[pending(onp.array([5]))].evaluate()


# ---- assignment ----

WRITE_KEYS = {k: READ_KEYS[k] for k in (
    "list", "repeated", "2d", "empty_list", "cols", "adjacent", "separated", "int_and_array",
    "broadcast", "none", "neg_stride_slice", "mask_1d", "mask_2d", "mask_3d",
    "mask_after_slice", "mask_and_array", "true", "false", "true_with_array")}


@pytest.mark.parametrize("key", WRITE_KEYS.values(), ids=WRITE_KEYS.keys())
def test_setitem_scalar_and_array_values(mode, key):
    n = A.copy()
    x = la.asarray(n)
    x[key] = -7
    n[key] = -7
    assert_same(x, n)
    shape = n[key].shape
    v = onp.arange(onp.prod(shape)).reshape(shape) * 10 + 1
    x[key] = v
    n[key] = v
    assert_same(x, n)
    if shape:
        last = onp.arange(shape[-1]) + 100    # broadcast along the leading dimensions
        x[key] = last
        n[key] = last
        assert_same(x, n)


@pytest.mark.parametrize("key", WRITE_KEYS.values(), ids=WRITE_KEYS.keys())
def test_inplace_add_with_advanced_index(mode, key):
    n = A.copy()
    x = la.asarray(n)
    x[key] += 5
    n[key] += 5
    assert_same(x, n)


def test_repeated_indices_last_write_wins_and_add_applies_once(mode):
    n = onp.zeros(5)
    x = la.asarray(n)
    idx = [1, 3, 1, 1, 0, 3]
    x[idx] = onp.arange(6.0)
    n[idx] = onp.arange(6.0)
    assert_same(x, n)
    x[idx] += 1
    n[idx] += 1
    assert_same(x, n)
    x[la.asarray(onp.array(idx))] -= la.asarray(onp.arange(6.0))
    n[idx] -= onp.arange(6.0)
    assert_same(x, n)


def test_writes_through_views_with_advanced_index(mode):
    n = onp.arange(48.0).reshape(6, 8)
    x = la.asarray(n)
    v, w = x[1::2, ::-1], n[1::2, ::-1]
    v[[0, 2], [1, 5]] = -1.0
    w[[0, 2], [1, 5]] = -1.0
    assert_same(x, n)
    assert_same(v, w)
    v[v > 30] = 0.0
    w[w > 30] = 0.0
    assert_same(x, n)
    x.T[[3, 4]] *= 2
    n.T[[3, 4]] *= 2
    assert_same(x, n)


def test_lazy_mask_assignment_of_a_scalar_stays_lazy(compiled):
    n = onp.arange(20.0)
    x = la.asarray(n) * 2
    x[x > 10] = 0.5
    assert x._node.pending
    m = n * 2
    m[m > 10] = 0.5
    assert_same(x, m)


def test_assignment_casts_and_checks_value_shape(mode):
    n = onp.arange(6)
    x = la.asarray(n)
    x[[0, 1]] = onp.array([1.9, -2.7])
    n[[0, 1]] = onp.array([1.9, -2.7])
    assert_same(x, n)
    with pytest.raises(ValueError, match="could not broadcast"):
        x[[0, 1, 2]] = onp.ones(2)
    with pytest.raises(ValueError, match="read-only"):
        la.broadcast_to(x, (2, 6))[[0]] = 1


def test_assignment_from_a_view_of_itself(mode):
    n = onp.arange(10.0)
    x = la.asarray(n)
    x[[0, 1, 2]] = x[::-1][:3]
    n[[0, 1, 2]] = n[::-1][:3]
    assert_same(x, n)


# ---- random keys (hypothesis) ----

@st.composite
def keys(draw):
    shape = tuple(draw(st.lists(st.integers(1, 4), min_size=1, max_size=4)))
    items, dim = [], 0
    bshape = tuple(draw(st.lists(st.integers(1, 3), min_size=0, max_size=2)))
    while dim < len(shape):
        kind = draw(st.sampled_from(["slice", "array", "array", "int", "none", "mask"]))
        n = shape[dim]
        if kind == "slice":
            start, stop = draw(st.integers(-n, n)), draw(st.integers(-n, n))
            items.append(slice(start, stop, draw(st.sampled_from([1, 2, -1]))))
        elif kind == "array":
            sub = bshape[draw(st.integers(0, len(bshape))):]
            items.append(onp.array(draw(st.lists(st.integers(-n, n - 1), min_size=int(onp.prod(sub)),
                                                 max_size=int(onp.prod(sub))))).reshape(sub))
        elif kind == "int":
            items.append(draw(st.integers(-n, n - 1)))
        elif kind == "none":
            items.append(None)
            continue
        else:
            k = draw(st.integers(1, len(shape) - dim))
            mshape = shape[dim:dim + k]
            bits = draw(st.lists(st.booleans(), min_size=int(onp.prod(mshape)),
                                 max_size=int(onp.prod(mshape))))
            items.append(onp.array(bits).reshape(mshape))
            dim += k
            continue
        dim += 1
    cut = draw(st.integers(0, len(items)))
    if draw(st.booleans()) and cut < len(items):
        items = items[:cut] + [Ellipsis] + items[cut + 1:]
    return shape, tuple(items)


@settings(max_examples=40, deadline=None, derandomize=True, database=None)
@given(case=keys(), lazy=st.booleans())
def test_random_keys_match_numpy(case, lazy):
    check_key(*case, lazy)


@pytest.mark.slow
@settings(max_examples=600, deadline=None, database=None)
@given(case=keys(), lazy=st.booleans())
def test_many_random_keys_match_numpy(case, lazy):
    check_key(*case, lazy)


def check_key(shape: tuple, key: tuple, lazy: bool) -> None:
    """Read, assign a scalar, assign an array and add in place with ``key``, as NumPy."""
    n = onp.arange(int(onp.prod(shape)), dtype=onp.float64).reshape(shape)
    try:
        want = n[key]
    except IndexError as e:
        with pytest.raises(IndexError, match=str(e)[:20]):
            la.asarray(n)[key]
        return
    with la.config(eager_threshold=0):
        x = la.asarray(n)
        lazy_key = tuple(pending(k) if lazy and isinstance(k, onp.ndarray) and k.ndim else k
                         for k in key)
        assert_same(x[lazy_key], want)
        m = n.copy()
        m[key] = -1.0
        x[lazy_key] = -1.0
        assert_same(x, m)
        values = onp.arange(want.size, dtype=onp.float64).reshape(want.shape) + 0.5
        m[key] = values
        x[key] = values
        assert_same(x, m)
        m[key] += 2.0
        x[lazy_key] += 2.0
        assert_same(x, m)


def test_range_of_an_owned_index_buffer_is_remembered_but_not_trusted_across_buffers(compiled):
    x = la.asarray(onp.arange(10.0))
    idx = la.asarray(onp.array([9, 0, 3]))
    assert_same(x[idx], onp.arange(10.0)[[9, 0, 3]])
    assert_same(x[idx], onp.arange(10.0)[[9, 0, 3]])
    n = onp.array([9, 0, 3])
    x[n]
    n[0] = 10        # a NumPy index array may change between calls: checked again
    with pytest.raises(IndexError, match="index 10 is out of bounds"):
        x[n]
    with pytest.raises(IndexError, match="index 10 is out of bounds"):
        x[la.asarray(n)]
