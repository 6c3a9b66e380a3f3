"""Test-wide settings: a private kernel cache and tuning database per session."""
import pytest

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
