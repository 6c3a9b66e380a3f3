"""The ``lazyarray-tune`` command: record a script's kernels, tune them, keep the best.

::

    lazyarray-tune script.py [script args] [--trials N] [--seconds S] [--db PATH]
                   [--strategy beam|random]

runs ``script.py`` (with ``script args`` as its ``sys.argv[1:]``) while
recording the first launch of every distinct kernel, then searches each
kernel's schedule space (``codegen.tune``), the costliest first (default
time times launches), with at most ``N`` candidates per kernel and ``S``
seconds of search in all (each kernel gets a share of the time left in
proportion to its cost), and appends the best schedule of each to the tuning database (``--db``, else the
``tuning_db`` setting).  A later run of the script picks those schedules up.
The options are recognised before and after the script; every other argument
is the script's.
"""
from __future__ import annotations

import argparse
import math
import runpy
import sys
import time

import codegen.tune as tune
from codegen.runtime import target
from codegen.expr import evaluate_index

from .config import config

OPTIONS = ("--trials", "--seconds", "--db", "--strategy")


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="lazyarray-tune", description=__doc__.split("\n")[0])
    p.add_argument("script", help="the Python script to run and tune")
    p.add_argument("--trials", type=int, default=32, help="candidates per kernel (32)")
    p.add_argument("--seconds", type=float, default=60.0,
                   help="time for the search, all kernels together (60)")
    p.add_argument("--db", help="tuning database file (default: the tuning_db setting)")
    p.add_argument("--strategy", choices=sorted(tune.STRATEGIES), default="beam")
    return p


def parse_args(argv: list[str]) -> tuple[argparse.Namespace, list[str]]:
    """The command's options and the script's own arguments."""
    ours: list[str] = []
    script_args: list[str] = []
    script_seen = False
    k = 0
    while k < len(argv):
        arg = argv[k]
        if arg.split("=", 1)[0] in OPTIONS:
            take = 1 if "=" in arg else 2
            ours.extend(argv[k:k + take])
            k += take
            continue
        if script_seen or arg.startswith("-"):
            script_args.append(arg)
        else:
            ours.append(arg)
            script_seen = True
        k += 1
    return _parser().parse_args(ours), script_args


def _describe(workload: tune.Workload) -> str:
    compute = workload.compute
    extents = [evaluate_index(a.extent, workload.params) for a in compute.axes]
    what = f"{compute.combiner} reduction" if compute.combiner and compute.scan is None else (
        f"{compute.combiner} scan" if compute.scan else "element-wise")
    return f"{what} over {extents} -> {compute.out_dtype}"


def main(argv: list[str] | None = None) -> int:
    """Run the command; the exit status."""
    args, script_args = parse_args(sys.argv[1:] if argv is None else argv)
    with config(**({"tuning_db": args.db} if args.db else {})):
        return _tune_script(args, script_args)


def _tune_script(args: argparse.Namespace, script_args: list[str]) -> int:
    """Record the script's kernels, tune each and store the best; the exit status."""
    db = tune.database()
    if db is None:
        print("lazyarray-tune: no tuning database (give --db or set LAZYARRAY_TUNING_DB)",
              file=sys.stderr)
        return 2
    recorder = tune.Recorder()
    saved_argv = sys.argv
    sys.argv = [args.script, *script_args]
    try:
        with tune.recording(recorder):
            runpy.run_path(args.script, run_name="__main__")
    except SystemExit as exc:
        if exc.code not in (None, 0):
            print(f"lazyarray-tune: {args.script} exited with {exc.code}", file=sys.stderr)
            return exc.code if isinstance(exc.code, int) else 1
    finally:
        sys.argv = saved_argv
    print(f"lazyarray-tune: {len(recorder.workloads)} kernel(s) recorded; database {db.path}")
    measurers: list[tuple[float, str, tune.Measurer]] = []
    for key, workload in recorder.workloads.items():
        try:
            measurer = tune.Measurer(workload)
        except ValueError as exc:
            print(f"\nskipped {_describe(workload)}: {exc}")
            continue
        measurers.append((measurer.baseline.seconds * recorder.launches[key], key, measurer))
    measurers.sort(key=lambda m: -m[0])
    deadline = time.perf_counter() + args.seconds
    fingerprint = target().fingerprint
    for k, (weight, key, measurer) in enumerate(measurers):
        left = max(0.0, deadline - time.perf_counter())
        share = left * weight / sum(m[0] for m in measurers[k:])
        workload = measurer.workload
        print(f"\nkernel {k}: {_describe(workload)}, launched {recorder.launches[key]}x")
        result = tune.tune(measurer, trials=args.trials, seconds=share, strategy=args.strategy)
        best, default = result.best, result.default
        rejected = sum(not m.ok for m in result.measured)
        db.add(tune.Record(tune.record_key(workload.compute, fingerprint), best.schedule,
                           best.seconds, default.seconds, tuple(int(p) for p in workload.params),
                           _describe(workload), fingerprint))
        print(f"  default {_ms(default.seconds)}, best {_ms(best.seconds)}, "
              f"speed-up {result.speedup:.2f}x ({len(result.measured)} tried, {rejected} rejected)")
        print(f"  schedule: {best.schedule!r}")
    return 0


def _ms(seconds: float) -> str:
    return f"{seconds * 1e3:.3f} ms" if math.isfinite(seconds) else "-"


if __name__ == "__main__":
    sys.exit(main())
