"""Dtype queries (``lazyarray/ops/dtype_functions.py``) and ``astype(casting=)``
against NumPy, on every pair of held dtypes and on Python scalars."""
import numpy as onp
import pytest

import lazyarray as la
from la_testing import assert_same

ALL_DTYPES = [onp.dtype(c) for c in "?bBhHiIlLqQefdFD"]


def test_result_type_pairs_and_python_scalars():
    for d1 in ALL_DTYPES:
        a = la.asarray(onp.zeros(2, d1))
        for d2 in ALL_DTYPES:
            assert la.result_type(a, d2) == onp.result_type(d1, d2)
            assert la.result_type(a, la.asarray(onp.zeros((), d2))) == \
                onp.result_type(onp.zeros(2, d1), onp.zeros((), d2))
            assert la.can_cast(a, d2, "same_kind") == onp.can_cast(d1, d2, "same_kind")
            assert la.promote_types(d1, d2) == onp.promote_types(d1, d2)
        for scalar in (True, 1, -1, 1.5, 1j):
            assert la.result_type(a, scalar) == onp.result_type(onp.zeros(2, d1), scalar)
        assert la.min_scalar_type(a) == onp.min_scalar_type(onp.zeros(2, d1))
        if d1.kind in "fciu":
            assert la.common_type(a) is onp.common_type(onp.zeros(2, d1))
    assert la.min_scalar_type(la.asarray(300)) == onp.min_scalar_type(300)


def test_astype_casting():
    x = la.asarray(onp.arange(4.0))
    with pytest.raises(TypeError, match="according to the rule 'safe'"):
        x.astype(onp.int32, casting="safe")
    assert_same(x.astype(onp.float32, casting="same_kind"), onp.arange(4.0).astype(onp.float32))
    assert x.astype(onp.float64, copy=False) is x
