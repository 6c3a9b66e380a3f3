"""``lazyarray-tune`` (``lazyarray/tune_cli.py``): a script's kernels are
recorded, tuned within the budget and stored; the next run of the script
uses the stored schedules."""
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path


from lazyarray.tune_cli import parse_args

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = textwrap.dedent("""
    import sys
    import numpy
    import lazyarray as np
    n = int(sys.argv[1])
    x = numpy.random.default_rng(0).standard_normal((n, 64))
    y = (np.sqrt(np.abs(np.asarray(x))) * 2.0).sum(axis=1)
    numpy.testing.assert_allclose(numpy.asarray(y), (numpy.sqrt(numpy.abs(x)) * 2.0).sum(axis=1),
                                  rtol=1e-12)
    print("tuned kernels:", np.stats()["tuned_kernels"])
""")


def test_options_are_found_before_and_after_the_script():
    args, rest = parse_args(["--trials", "3", "s.py", "-v", "7", "--db=x.jsonl", "--other"])
    assert (args.script, args.trials, args.db, args.seconds) == ("s.py", 3, "x.jsonl", 60.0)
    assert rest == ["-v", "7", "--other"]


def run(argv, tmp_path, db=None):
    env = {**os.environ, "PYTHONPATH": str(ROOT), "LAZYARRAY_CACHE_DIR": str(tmp_path / "cache"),
           "LAZYARRAY_TUNING_DB": "" if db is None else str(db)}
    done = subprocess.run([sys.executable, *argv], capture_output=True, text=True, env=env,
                          timeout=300, cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def test_tune_a_script_then_run_it_tuned(tmp_path):
    script = tmp_path / "script.py"
    script.write_text(SCRIPT)
    db = tmp_path / "db" / "tuning.jsonl"
    out = run(["-m", "lazyarray.tune_cli", str(script), "1000", "--trials", "2", "--seconds",
               "20", "--db", str(db)], tmp_path)
    assert "tuned kernels: 0" in out and "1 kernel(s) recorded" in out
    assert "add reduction over [1000, 64] -> float64, launched 1x" in out
    assert "speed-up" in out and "schedule: Schedule(" in out
    (line,) = db.read_text().splitlines()
    record = json.loads(line)
    assert record["params"] == [1000, 64] and record["seconds"] <= record["default_seconds"]
    assert "tuned kernels: 1" in run([str(script), "1000"], tmp_path, db)
    assert "tuned kernels: 1" in run([str(script), "3000"], tmp_path, db)   # other sizes too


def test_a_failing_script_fails_the_command(tmp_path):
    script = tmp_path / "bad.py"
    script.write_text("import sys\nsys.exit(3)\n")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-m", "lazyarray.tune_cli", str(script), "--db",
                           str(tmp_path / "db.jsonl")], capture_output=True, text=True, env=env)
    assert done.returncode == 3 and "exited with 3" in done.stderr
    assert not (tmp_path / "db.jsonl").exists()
