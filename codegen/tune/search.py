"""Searching a space for the fastest schedule, within a trial and a time budget.

Strategies are chosen by name (``STRATEGIES``): ``"random"`` measures
points drawn uniformly; ``"beam"`` starts from the default schedule and, each
round, measures the unmeasured one-knob neighbours of the ``BEAM_WIDTH``
fastest schedules so far (plus one random point, to leave a local optimum),
until the budget is spent or no neighbour is left.  Both stop before a trial
once ``trials`` candidates were measured or ``seconds`` have passed.  The
fastest candidate that built and matched the default's output is then timed
again in turn with the default (``Measurer.interleaved``); it is the result
when it is still the faster, else the default is.
"""
from __future__ import annotations

import random
import time
from dataclasses import dataclass, field
from typing import Callable

from .measure import Measurement, Measurer
from .space import Space

#: schedules whose neighbours the beam search expands each round.
BEAM_WIDTH = 3


@dataclass
class TuneResult:
    """The default's measurement, the best one, and every candidate measured."""

    default: Measurement
    best: Measurement
    measured: list[Measurement] = field(default_factory=list)

    @property
    def speedup(self) -> float:
        return self.default.seconds / self.best.seconds


class _Trials:
    """Measures points of a space, each distinct schedule once, within the budget."""

    def __init__(self, space: Space, measurer: Measurer, trials: int, seconds: float):
        self.space, self.measurer = space, measurer
        self.trials, self.deadline = trials, time.perf_counter() + seconds
        self.by_schedule = {measurer.default.to_json(): measurer.baseline}
        self.measured: list[Measurement] = []
        self.ranked: list[tuple[float, tuple]] = [(measurer.baseline.seconds,
                                                   space.default_point())]

    def done(self) -> bool:
        return len(self.measured) >= self.trials or time.perf_counter() >= self.deadline

    def __call__(self, point: tuple) -> bool:
        """Measure ``point`` unless it is invalid or its schedule was measured;
        whether it was."""
        schedule = self.space.schedule(point)
        if schedule is None or schedule.to_json() in self.by_schedule or self.done():
            return False
        m = self.measurer.measure(schedule)
        self.by_schedule[schedule.to_json()] = m
        self.measured.append(m)
        if m.ok:
            self.ranked.append((m.seconds, point))
            self.ranked.sort(key=lambda r: r[0])
        return True


def _random(trial: _Trials, rng: random.Random) -> None:
    attempts = 50 * trial.trials
    while not trial.done() and attempts:
        trial(trial.space.random_point(rng))
        attempts -= 1


def _beam(trial: _Trials, rng: random.Random) -> None:
    space = trial.space
    seen: set[tuple] = {space.default_point()}
    while not trial.done():
        frontier = [point for _, point in trial.ranked[:BEAM_WIDTH]]
        fresh = list(dict.fromkeys(p for f in frontier for p in space.neighbours(f)
                                   if p not in seen))
        rng.shuffle(fresh)
        explore = space.random_point(rng)
        if not fresh and explore in seen:
            return
        best = trial.ranked[0][1]
        for point in fresh + [explore]:
            seen.add(point)
            trial(point)
            if trial.done() or trial.ranked[0][1] != best:
                break       # spent, or a new best: expand around it first


STRATEGIES: dict[str, Callable[[_Trials, random.Random], None]] = {
    "random": _random, "beam": _beam}


def tune(measurer: Measurer, space: Space | None = None, trials: int = 32,
         seconds: float = 30.0, strategy: str = "beam", seed: int = 0) -> TuneResult:
    """Search ``space`` (default: the space around the measurer's default
    schedule) with ``strategy`` for at most ``trials`` candidates and ``seconds``."""
    if strategy not in STRATEGIES:
        raise ValueError(f"unknown search strategy {strategy!r}; known: {sorted(STRATEGIES)}")
    space = space or Space(measurer.workload.compute, measurer.default)
    trial = _Trials(space, measurer, trials, seconds)
    STRATEGIES[strategy](trial, random.Random(seed))
    best = min((m for m in trial.measured if m.ok), key=lambda m: m.seconds,
               default=measurer.baseline)
    if best.seconds >= measurer.baseline.seconds:
        return TuneResult(measurer.baseline, measurer.baseline, trial.measured)
    default, best = measurer.interleaved([measurer.default, best.schedule])
    return TuneResult(default, best if best.seconds < default.seconds else default,
                      trial.measured)
