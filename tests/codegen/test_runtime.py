"""``codegen/runtime.py``'s target: LLVM is loaded on the first need (a
kernel built, the target asked for), once, whatever the threads do; the
fingerprint keeps its form, so disk caches and tuning records stay valid."""
import os
import subprocess
import sys
from pathlib import Path

import llvmlite
import llvmlite.binding as llvm

import codegen.runtime as runtime

_ROOT = Path(__file__).resolve().parents[2]

_BUILD = """
import sys
import numpy as np
from codegen import Axis, Compute, Schedule, build
from codegen.expr import load, param, var
assert "llvmlite.binding" not in sys.modules, "import codegen loaded LLVM"
body = load(0, var("i"), np.dtype(np.float64)) + load(0, var("i"), np.dtype(np.float64))
compute = Compute("double", (np.dtype(np.float64),), np.dtype(np.float64),
                  (Axis("i", param(0)),), body, var("i"), 1)
x, out = np.arange(5.0), np.empty(5)
build(compute, Schedule())([x, out], np.array([5]))
assert (out == 2 * x).all() and "llvmlite.binding" in sys.modules
print("ok")
"""

_RACE = """
import threading
from codegen import runtime
barrier = threading.Barrier(8)
targets = []

def ask():
    barrier.wait()
    targets.append(runtime.target())

threads = [threading.Thread(target=ask) for _ in range(8)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(len({id(t) for t in targets}), len(targets))
"""


def _python(program: str) -> str:
    """What ``program`` prints, run in a fresh process."""
    env = {**os.environ, "PYTHONPATH": str(_ROOT)}
    proc = subprocess.run([sys.executable, "-c", program], cwd=_ROOT,
                          env=env, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout.strip()


def test_llvm_is_loaded_by_the_first_build_not_by_import(tmp_path):
    program = f"import codegen\ncodegen.settings.cache_dir = {str(tmp_path)!r}\n" + _BUILD
    assert _python(program) == "ok"


def test_threads_asking_for_the_first_target_share_one():
    assert _python(_RACE) == "1 8"


def test_fingerprint_names_triple_cpu_features_and_llvmlite():
    tgt = runtime.target()
    assert tgt.fingerprint == (f"llvm:{llvm.get_process_triple()}:{llvm.get_host_cpu_name()}:"
                               f"{llvm.get_host_cpu_features().flatten()}:"
                               f"llvmlite-{llvmlite.__version__}")
