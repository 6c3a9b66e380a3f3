"""Set routines: unique (and the array API's unique_all/counts/inverse/values),
isin, intersect1d, union1d, setdiff1d, setxor1d.

Their output shapes depend on the data, so each is an opaque library call
(``lazyarray.library``): the inputs are evaluated together and NumPy's
function computes the result (NaN handling, ``equal_nan``, ``axis`` and
every ``return_*`` flag as in NumPy).
"""
from __future__ import annotations

import numpy as np

from .. import library

unique = library.function("unique", np.unique)
unique_all = library.function("unique_all", np.unique_all)
unique_counts = library.function("unique_counts", np.unique_counts)
unique_inverse = library.function("unique_inverse", np.unique_inverse)
unique_values = library.function("unique_values", np.unique_values)
isin = library.function("isin", np.isin)
intersect1d = library.function("intersect1d", np.intersect1d)
union1d = library.function("union1d", np.union1d)
setdiff1d = library.function("setdiff1d", np.setdiff1d)
setxor1d = library.function("setxor1d", np.setxor1d)
