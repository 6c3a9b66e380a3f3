"""codegen.tune: the autotuner, in small pieces chosen by name.

``space`` (the knobs of a compute, read off its default schedule),
``measure`` (build, verify against the default's output, time),
``search`` (random or beam search within a budget), ``database`` (the
append-only JSON-lines file of best schedules), ``record`` (launches kept as
workloads to tune) and ``resolve`` (which schedule a kernel runs: explicit,
else a database record, else the default heuristic).
"""
from .database import Database, Record, TuningWarning, record_key
from .measure import Measurement, Measurer, Workload
from .record import Recorder, recording, wrap
from .resolve import DEFAULT, EXPLICIT, TUNED, Resolution, database, resolve
from .search import STRATEGIES, TuneResult, tune
from .space import Knob, Space

__all__ = ["Database", "Record", "TuningWarning", "record_key", "Measurement", "Measurer",
           "Workload", "Recorder", "recording", "wrap", "DEFAULT", "EXPLICIT", "TUNED",
           "Resolution", "database", "resolve", "STRATEGIES",
           "TuneResult", "tune", "Knob", "Space"]
