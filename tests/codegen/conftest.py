"""Shared fixtures of the codegen tests.

Every test gets its own on-disk kernel cache under ``tmp_path`` so the suite
never reads or writes the user's real cache, and the process-wide runtime
settings are restored afterwards.
"""
import pytest

import codegen.runtime as runtime


@pytest.fixture(autouse=True)
def isolated_runtime(tmp_path):
    saved = (runtime.settings.cache_dir, runtime.settings.num_threads, runtime.settings.dump_dir)
    runtime.settings.cache_dir = str(tmp_path / "kernel-cache")
    runtime.settings.dump_dir = None
    yield runtime.settings
    (runtime.settings.cache_dir, runtime.settings.num_threads,
     runtime.settings.dump_dir) = saved
