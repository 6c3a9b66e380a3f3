"""einsum against NumPy: subscripts in every form NumPy accepts, dtypes,
contraction orders, ``out=``/``dtype=``, errors at the call."""
import numpy as onp
import pytest

import lazyarray as la
from lazyarray.ops import contractions
from test_contractions import assert_contraction, operands

CASES = [
    ("ij,jk->ik", [(3, 4), (4, 5)]), ("ij,jk", [(3, 4), (4, 5)]), ("ij,jk,kl->il", [(3, 4), (4, 5), (5, 2)]),
    ("ii->i", [(4, 4)]), ("ii", [(4, 4)]), ("iij->ij", [(3, 3, 2)]), ("ij->", [(3, 4)]), ("ij->j", [(3, 4)]),
    ("ji", [(3, 4)]), ("ij->ji", [(3, 4)]), ("i,i", [(5,), (5,)]), ("i,j->ij", [(3,), (4,)]), ("i,i->i", [(5,), (5,)]),
    ("...j,j...", [(2, 3, 4), (4, 2, 3)]), ("...ij,...jk->...ik", [(2, 1, 3, 4), (5, 4, 2)]),
    ("i...->...", [(3, 2, 2)]), ("...,...", [(2, 3), (3,)]), ("ijk,jil->kl", [(3, 4, 5), (4, 3, 2)]),
    ("bij,bjk->bik", [(2, 3, 4), (2, 4, 5)]), ("ij,ij->i", [(3, 4), (3, 4)]), ("ab,cd,bd->ac", [(2, 3), (4, 5), (3, 5)]),
    ("i,jk,k->ij", [(3,), (4, 5), (5,)]), ("ij,ji->", [(3, 4), (4, 3)]), ("", [()]), (",i->i", [(), (4,)]),
    ("ij,jk->ik", [(0, 3), (3, 2)]), ("ij,jk->ik", [(3, 0), (0, 2)]), ("Ab,bC->AC", [(3, 4), (4, 2)]),
    ("i j , j k -> i k", [(3, 4), (4, 5)]),
]


def summed_size(subscripts, shapes):
    """How many products each output element sums (the tolerance's K)."""
    sizes = {}
    for term, shape in zip(subscripts.replace(" ", "").split("->")[0].split(","), shapes):
        for c, n in zip(term.replace("...", ""), shape[len(shape) - len(term.replace("...", "")):]):
            sizes[c] = n
    return int(onp.prod(list(sizes.values())))


@pytest.mark.parametrize("subscripts, shapes", CASES, ids=lambda x: str(x))
@pytest.mark.parametrize("dtype", ["float64", "int16", "bool"])
def test_einsum(mode, subscripts, shapes, dtype, rng):
    arrays = operands(dtype, shapes, rng)
    expected = onp.einsum(subscripts, *arrays)
    absolute = onp.einsum(subscripts, *(onp.abs(x.astype("float64")) for x in arrays))
    actual = la.einsum(subscripts, *(la.asarray(x) for x in arrays))
    assert_contraction(actual, expected, absolute, summed_size(subscripts, shapes))


@pytest.mark.parametrize("optimize", [False, True, "greedy", "optimal"])
def test_einsum_optimize_and_views(compiled, optimize, rng):
    a, b, c = (rng.standard_normal((20, 30)) for _ in range(3))
    expected = onp.einsum("ij,kj,kl->il", a[:, ::-1], b, c[:, 3:] * 2)
    actual = la.einsum("ij,kj,kl->il", la.asarray(a)[:, ::-1], la.asarray(b),
                       la.asarray(c)[:, 3:] * 2, optimize=optimize)
    absolute = onp.einsum("ij,kj,kl->il", onp.abs(a), onp.abs(b), onp.abs(c[:, 3:] * 2))
    assert_contraction(actual, expected, absolute, 600)


def test_einsum_sublist_form(mode, rng):
    a, b = rng.standard_normal((3, 4)), rng.standard_normal((4, 5))
    expected = onp.einsum(a, [0, 1], b, [1, 2], [0, 2])
    actual = la.einsum(la.asarray(a), [0, 1], la.asarray(b), [1, 2], [0, 2])
    assert_contraction(actual, expected, onp.abs(a) @ onp.abs(b), 4)
    x = rng.standard_normal((2, 3, 3))
    expected = onp.einsum(x, [Ellipsis, 0, 0])
    assert_contraction(la.einsum(la.asarray(x), [Ellipsis, 0, 0]), expected,
                       onp.einsum(onp.abs(x), [Ellipsis, 0, 0]), 3)


def test_einsum_dtype_out_and_mixed(mode, rng):
    a, b = rng.integers(0, 9, (3, 4)).astype("int8"), rng.standard_normal((4, 5)).astype("float32")
    expected = onp.einsum("ij,jk", a, b)
    assert_contraction(la.einsum("ij,jk", la.asarray(a), la.asarray(b)), expected,
                       onp.abs(a.astype("float32")) @ onp.abs(b), 4)
    expected = onp.einsum("ij->i", a, dtype="int64")
    actual = la.einsum("ij->i", la.asarray(a), dtype="int64")
    assert_contraction(actual, expected, None, 4)
    out = la.zeros(5, "float64")
    assert la.einsum("ij,jk->k", la.asarray(a), la.asarray(b), out=out) is out
    onp.testing.assert_allclose(onp.asarray(out), onp.einsum("ij,jk->k", a, b), rtol=1e-5)
    with pytest.raises(TypeError):
        la.einsum("ij->i", la.asarray(b), dtype="int32")


@pytest.mark.parametrize("args", [("ij,jk", (3, 4), (5, 6)), ("ij,jk->ik", (3, 4)), ("ij->k", (3, 4)),
                                  ("i->ii", (3,)), ("ij", (3,)), ("i,i", (3,), (4,))], ids=str)
def test_einsum_errors_like_numpy(args):
    subscripts, *shapes = args
    with pytest.raises(ValueError):
        onp.einsum(subscripts, *(onp.ones(s) for s in shapes))
    with pytest.raises(ValueError):
        la.einsum(subscripts, *(la.asarray(onp.ones(s)) for s in shapes))


def test_einsum_chain_is_pairwise_and_fused(compiled, rng):
    a, b, c = (rng.standard_normal((64, 64)) for _ in range(3))
    la.stats(reset=True)
    actual = la.einsum("ij,jk,kl->il", la.asarray(a), la.asarray(b), la.asarray(c) + 1, optimize=True)
    expected = onp.einsum("ij,jk,kl->il", a, b, c + 1)
    assert_contraction(actual, expected, onp.abs(a) @ onp.abs(b) @ onp.abs(c + 1), 64 * 64)
    assert la.stats()["kernels_launched"] == 2     # two pairwise contractions, the +1 fused


@pytest.mark.parametrize("subscripts", ["ij,jk->ik", "jk,ij->ik"])
def test_einsum_matrix_product_is_packed(compiled, subscripts, rng):
    """A 2-D product step large enough goes through matmul's packed panels,
    whichever operand comes first: pack, contract, the rows copied out."""
    x, y = rng.standard_normal((96, 256)), rng.standard_normal((256, 256))
    ops = (x, y) if subscripts.startswith("ij") else (y, x)
    assert 96 * 256 * 256 >= contractions.PACK_MIN_WORK
    la.stats(reset=True)
    actual = la.einsum(subscripts, *(la.asarray(o) for o in ops))
    assert_contraction(actual, x @ y, onp.abs(x) @ onp.abs(y), 256)
    assert la.stats()["kernels_launched"] == 3
