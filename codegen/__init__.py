"""codegen: a small loop-nest compiler, usable on its own.

Give it a ``Compute`` (what to compute) and a ``Schedule`` (how the loops
run); ``build`` returns a callable kernel compiled for the host CPU through
LLVM; ``codegen.tune`` searches for faster schedules and keeps them in a
tuning database.  It never imports the ``lazyarray`` front end.
"""
__version__ = "0.2.0"

from .compute import Axis, Compute, Stage  # noqa: E402
from .schedule import (Fuse, Parallel, Reorder, Schedule, Split, Unroll,  # noqa: E402
                       Vectorize, default_schedule)
from .runtime import Kernel, build, counters, settings  # noqa: E402
from . import tune  # noqa: E402

__all__ = ["Axis", "Compute", "Stage", "Schedule", "Split", "Fuse", "Reorder", "Vectorize",
           "Unroll", "Parallel", "default_schedule", "build", "Kernel", "counters", "settings",
           "tune"]
