"""``codegen/runtime.py``'s target: LLVM is loaded on the first need (a
kernel built, the target asked for), once, whatever the threads do; the
fingerprint keeps its form, so disk caches and tuning records stay valid."""
import os
import subprocess
import sys
from pathlib import Path

import llvmlite
import llvmlite.binding as llvm
import numpy as np

import codegen.runtime as runtime
from codegen import Axis, Compute, build, default_schedule
from codegen.expr import load, param, unary, var

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


def _unary_kernel(op: str | None) -> runtime.Kernel:
    f64 = np.dtype(np.float64)
    x = load(0, var("i"), f64)
    c = Compute(op or "copy", (f64,), f64, (Axis("i", param(0)),),
                unary(op, x) if op else x + x, var("i"), 1)
    return build(c, default_schedule(c))


def test_launches_split_by_work_per_thread(isolated_runtime):
    """Threads get chunks of at least ``min_thread_work`` operation-points: an
    expanded exp (tens of operations a point) splits at sizes where an
    addition runs whole."""
    add, exp = _unary_kernel(None), _unary_kernel("exp")
    assert add._ops_per_point <= 2 < 20 < exp._ops_per_point
    isolated_runtime.num_threads = 2
    isolated_runtime.min_thread_work = 1 << 20
    n = (1 << 21) // exp._ops_per_point * 2
    assert len(add._chunks(np.array([n]))) == 1
    assert len(exp._chunks(np.array([n]))) == 2
    isolated_runtime.num_threads = 1
    assert len(exp._chunks(np.array([n]))) == 1          # the thread count is part of the key
    x = np.linspace(-3, 3, n)
    out = np.empty(n)
    isolated_runtime.num_threads = 2
    exp([x, out], np.array([n]))
    np.testing.assert_array_max_ulp(out, np.exp(x), maxulp=4)


def test_measured_thread_work_is_positive(isolated_runtime):
    isolated_runtime.min_thread_work = None
    assert runtime._min_thread_work() == runtime._handoff_work() > 0
