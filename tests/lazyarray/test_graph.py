"""Graph constructors (``lazyarray/graph.py``): the node each one builds."""
import numpy as onp

import lazyarray as la
from lazyarray.array import wrap
from lazyarray.graph import REINDEX, RESHAPE, reindex, reshape
from la_testing import assert_same


def test_reshape_that_only_adds_or_drops_unit_dimensions_is_an_index_map(compiled):
    def pending():
        return la.asarray(onp.arange(24.0).reshape(2, 3, 4)) * 2.0

    for shape in [(2, 3, 4, 1), (1, 2, 1, 3, 4), (2, 1, 3, 4)]:
        node = reshape(pending()._node, shape)
        assert node.op == REINDEX
        assert_same(wrap(node), (onp.arange(24.0).reshape(2, 3, 4) * 2.0).reshape(shape))
    squeezed = reshape(reshape(pending()._node, (2, 1, 3, 4)), (2, 3, 4))
    assert_same(wrap(squeezed), onp.arange(24.0).reshape(2, 3, 4) * 2.0)
    assert reshape(pending()._node, (6, 4)).op == RESHAPE        # a real re-flattening


def test_window_over_a_pending_update(compiled):
    """A two-term index (``i0 + i1``: a sliding window) of a pending region
    write: the loop bounds of the write depend on both variables."""
    x = la.zeros(10) * 1.0
    x[2:5] = la.asarray(onp.arange(1.0, 4.0)) * 1.0
    window = wrap(reindex(x._node, (8, 3), (((0, 1), (1, 1)),)))
    expected = onp.zeros(10)
    expected[2:5] = [1.0, 2.0, 3.0]
    assert_same(window, onp.lib.stride_tricks.sliding_window_view(expected, 3))
