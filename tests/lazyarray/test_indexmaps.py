"""Index maps as affine runs (``ops/indexmaps.py``)."""
import numpy as onp
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import lazyarray as la
from la_testing import assert_same
from lazyarray.array import handle
from lazyarray.ops import indexmaps


def _expand(parts):
    return [first + step * k for first, step, length in parts for k in range(length)]


@settings(max_examples=200, deadline=None, derandomize=True, database=None)
@given(st.lists(st.integers(-5, 20), max_size=40))
def test_runs_cover_the_index_exactly(index):
    parts = indexmaps.runs(onp.array(index, dtype=onp.int64), limit=1000)
    assert _expand(parts) == index
    for (_, s1, n1), (_, s2, n2) in zip(parts, parts[1:]):
        assert n1 >= 1 and n2 >= 1


@pytest.mark.parametrize("index,expected", [
    ([], []), ([4], [(4, 0, 1)]), ([0, 1, 2, 3], [(0, 1, 4)]), ([3, 2, 1, 0], [(3, -1, 4)]),
    ([0, 0, 0, 1, 2], [(0, 0, 3), (1, 1, 2)]), ([2, 1, 0, 1, 2], [(2, -1, 3), (1, 1, 2)]),
])
def test_runs_are_maximal(index, expected):
    assert indexmaps.runs(onp.array(index, dtype=onp.int64)) == expected


def test_too_many_runs_is_none():
    index = onp.arange(200) ** 2 % 7
    assert indexmaps.runs(index, limit=8) is None


@pytest.mark.parametrize("index", [[0, 1, 2], [2, 2, 0, 1], [1, 0, 2, 2, 2, 1], []], ids=str)
def test_take_runs_is_take(compiled, index):
    n = onp.arange(12.0).reshape(3, 4)
    x = la.asarray(n)
    node = indexmaps.take_runs(x._node, onp.array(index, dtype=onp.int64), 0)
    assert_same(handle(node), onp.take(n, index, axis=0))
