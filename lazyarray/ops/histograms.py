"""Counting and binning: bincount, histogram, histogram2d, histogramdd,
histogram_bin_edges, digitize.

Each is an opaque library call (``lazyarray.library``): the inputs are
evaluated together and NumPy's function computes the counts and edges, so
bin placement at edges and the float arithmetic of edges are NumPy's own.
"""
from __future__ import annotations

import numpy as np

from .. import library

bincount = library.function("bincount", np.bincount)
histogram = library.function("histogram", np.histogram)
histogram2d = library.function("histogram2d", np.histogram2d)
histogramdd = library.function("histogramdd", np.histogramdd)
histogram_bin_edges = library.function("histogram_bin_edges", np.histogram_bin_edges)
digitize = library.function("digitize", np.digitize)
