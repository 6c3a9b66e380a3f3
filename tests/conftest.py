"""Test-wide settings: a private kernel cache and tuning database per session,
and launches split across threads from small sizes on."""
import pytest

import codegen.runtime
import lazyarray


@pytest.fixture(autouse=True, scope="session")
def _private_kernel_cache(tmp_path_factory):
    with lazyarray.config(cache_dir=str(tmp_path_factory.mktemp("kernel-cache")),
                          tuning_db=str(tmp_path_factory.mktemp("tuning") / "tuning.jsonl")):
        yield


@pytest.fixture(autouse=True, scope="session")
def _fallback_is_an_error():
    """Every function an issue names must be native: the fallback raises in tests."""
    with lazyarray.config(fallback="error"):
        yield


@pytest.fixture(autouse=True, scope="session")
def _threads_from_small_sizes():
    """Launches of 2**15 operation-points per thread already split, as the
    thread-count tests need on any machine (the measured default is larger)."""
    saved = codegen.runtime.settings.min_thread_work
    codegen.runtime.settings.min_thread_work = 1 << 15
    yield
    codegen.runtime.settings.min_thread_work = saved
