"""Fixtures of the lazyarray differential tests.

``mode`` runs a test twice: once with ``eager_threshold=0`` ("compiled": every
op is recorded and computed by fused LLVM kernels, the path that matters) and
once with the default threshold ("eager": small computed inputs run at once
through NumPy).
"""
import numpy
import pytest

import lazyarray

DEFAULT_EAGER_THRESHOLD = 1 << 15


@pytest.fixture(params=["compiled", "eager"])
def mode(request):
    threshold = 0 if request.param == "compiled" else DEFAULT_EAGER_THRESHOLD
    with lazyarray.config(eager_threshold=threshold, max_depth=64):
        yield request.param


@pytest.fixture
def compiled():
    """Only the compiled path (eager_threshold=0)."""
    with lazyarray.config(eager_threshold=0, max_depth=64):
        yield "compiled"


@pytest.fixture(autouse=True)
def _quiet_numpy():
    """NumPy's floating-point warnings (overflow, invalid, divide) are expected
    on the special values these tests feed to both libraries."""
    with numpy.errstate(all="ignore"):
        yield


@pytest.fixture
def rng():
    return numpy.random.default_rng(20240607)


@pytest.fixture
def native():
    """Fails the test if it made an opaque NumPy call (``stats()["library_calls"]``):
    what it computed ran in kernels."""
    lazyarray.stats(reset=True)
    yield
    assert lazyarray.stats()["library_calls"] == {}
