"""What ``import lazyarray`` costs: LLVM (``llvmlite.binding``, some 40 MB)
is not loaded until a kernel is compiled, so a program that only computes on
small arrays (NumPy's eager path) never pays for it."""
import os
import subprocess
import sys
from pathlib import Path

_ROOT = Path(__file__).resolve().parents[2]

_PROGRAM = """
import sys
import numpy
import lazyarray
lazyarray.config(cache_dir=sys.argv[1])
x = lazyarray.ones(10) + 1
assert float(x.sum()) == 20.0
assert "llvmlite.binding" not in sys.modules, "the eager path loaded LLVM"
lazyarray.config(eager_threshold=0)
y = lazyarray.sqrt(lazyarray.asarray(numpy.arange(100.0)) * 2.0)
assert numpy.allclose(numpy.asarray(y), numpy.sqrt(numpy.arange(100.0) * 2.0))
assert lazyarray.stats()["compiles"] >= 1 and "llvmlite.binding" in sys.modules
print("ok")
"""


def test_llvm_is_loaded_by_the_first_compile_not_by_import(tmp_path):
    env = {**os.environ, "PYTHONPATH": str(_ROOT)}
    proc = subprocess.run([sys.executable, "-c", _PROGRAM, str(tmp_path)], cwd=_ROOT, env=env,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "ok"
