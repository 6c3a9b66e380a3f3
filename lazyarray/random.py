"""``lazyarray.random``: NumPy's random numbers, as lazyarray arrays.

The bits come from NumPy: ``default_rng(seed)`` gives a ``Generator`` that
wraps ``numpy.random.default_rng(seed)``, ``RandomState`` wraps NumPy's
``RandomState``, and the module-level legacy functions (``seed``, ``rand``,
``normal``, ...) use NumPy's global ``RandomState``, so a program draws
exactly NumPy's numbers for the same seed and call sequence.  Each draw is
an opaque library call (``lazyarray.library``: lazy arguments such as
``loc=`` arrays or ``choice``'s population are evaluated first; counted in
``stats()["library_calls"]``).  ``shuffle`` shuffles a lazyarray array in
place (through views into their base, as in NumPy), and ``out=`` arrays are
written in place.  Names of ``numpy.random`` not defined here go through
the loud fallback (``lazyarray.fallback``); NumPy's bit generator classes
(``PCG64``, ``SeedSequence``, ...) are NumPy's own.
"""
from __future__ import annotations

from typing import Any, Callable

import numpy as np

from . import fallback, library
from .array import ndarray
from .stats import library_counts

_GENERATOR_DRAWS = (
    "beta", "binomial", "bytes", "chisquare", "choice", "dirichlet", "exponential", "f", "gamma",
    "geometric", "gumbel", "hypergeometric", "integers", "laplace", "logistic", "lognormal",
    "logseries", "multinomial", "multivariate_hypergeometric", "multivariate_normal",
    "negative_binomial", "noncentral_chisquare", "noncentral_f", "normal", "pareto",
    "permutation", "permuted", "poisson", "power", "random", "rayleigh", "standard_cauchy",
    "standard_exponential", "standard_gamma", "standard_normal", "standard_t", "triangular",
    "uniform", "vonmises", "wald", "weibull", "zipf")
_LEGACY_DRAWS = tuple(n for n in _GENERATOR_DRAWS if n not in (
    "integers", "multivariate_hypergeometric", "permuted", "random")) + (
    "rand", "randint", "randn", "random_integers", "random_sample", "tomaxint")
#: drawing functions of the module only (the legacy API's aliases of random_sample).
_MODULE_ONLY = ("random", "ranf", "sample")
_STATE = ("seed", "get_state", "set_state")


def _draw(label: str, fn: Callable, args: tuple, kwargs: dict) -> Any:
    """``fn(*args, **kwargs)`` as a library call; a lazyarray ``out=`` array is
    filled in place (NumPy writes into a copy of its values) and returned."""
    out = kwargs.get("out")
    if not isinstance(out, ndarray):
        return library.call(label, fn, *args, **kwargs)
    result = library.call(label, fn, *args, **{**kwargs, "out": out.__array__(copy=True)})
    out._assign(result._node)
    return out


def _shuffled(shuffle: Callable, value: np.ndarray, **kwargs: Any) -> np.ndarray:
    copy = value.copy()
    shuffle(copy, **kwargs)
    return copy


def _shuffle(label: str, shuffle: Callable, x: object, **kwargs: Any) -> None:
    """NumPy's in-place ``shuffle``; a lazyarray array gets the shuffled values
    (written through to its base if it is a view)."""
    if not isinstance(x, ndarray):   # a NumPy array or a list: shuffled itself
        library_counts[label] += 1
        shuffle(x, **kwargs)
        return
    x._assign(library.call(label, _shuffled, shuffle, x, **kwargs)._node)


def _plain(fn: Callable, args: tuple, kwargs: dict) -> Any:
    """A call that sets or reads generator state (no arrays drawn)."""
    library.evaluate_inputs(args, kwargs)
    return fn(*library.to_numpy(args), **library.to_numpy(kwargs))


def _method(owner: str, name: str, kind: Callable) -> Callable:
    """``owner.name`` calling the same method of the wrapped NumPy object."""
    def method(self, *args: Any, **kwargs: Any) -> Any:
        return kind(f"random.{owner}.{name}", getattr(self._np, name), args, kwargs)
    method.__name__ = name
    method.__qualname__ = f"{owner}.{name}"
    method.__doc__ = f"``numpy.random.{owner}.{name}``: NumPy's numbers, as lazyarray arrays."
    return method


def _function(name: str, kind: Callable) -> Callable:
    """The module-level ``name``, calling ``numpy.random.name`` (the global RandomState)."""
    def function(*args: Any, **kwargs: Any) -> Any:
        return kind(f"random.{name}", getattr(np.random, name), args, kwargs)
    function.__name__ = function.__qualname__ = name
    function.__doc__ = f"``numpy.random.{name}`` (NumPy's global RandomState)."
    return function


def _state(label: str, fn: Callable, args: tuple, kwargs: dict) -> Any:
    return _plain(fn, args, kwargs)


class _Wrapper:
    """A NumPy generator object (``_np``) whose draws return lazyarray arrays."""

    _np: Any

    @classmethod
    def _of(cls, generator: Any) -> Any:
        self = object.__new__(cls)
        self._np = generator
        return self

    def shuffle(self, x: object, axis: int = 0) -> None:
        """NumPy's ``shuffle`` (in place; a lazyarray array and its views see it)."""
        _shuffle(f"random.{type(self).__name__}.shuffle", self._np.shuffle, x,
                 **({"axis": axis} if axis else {}))

    def __repr__(self) -> str:
        return f"lazyarray.random.{self._np!r}"


class Generator(_Wrapper):
    """``numpy.random.Generator``: the same bit stream, draws as lazyarray arrays.
    ``Generator(numpy.random.PCG64(seed))`` or ``default_rng(seed)``."""

    def __init__(self, bit_generator: Any):
        self._np = np.random.Generator(bit_generator)

    @property
    def bit_generator(self) -> Any:
        """The NumPy bit generator that supplies the bits."""
        return self._np.bit_generator

    def spawn(self, n_children: int) -> list["Generator"]:
        """``numpy.random.Generator.spawn``: independent child generators."""
        return [Generator._of(g) for g in self._np.spawn(n_children)]


class RandomState(_Wrapper):
    """``numpy.random.RandomState`` (the legacy API): the same numbers as NumPy's
    for the same seed, draws as lazyarray arrays."""

    def __init__(self, seed: object = None):
        self._np = np.random.RandomState(library.to_numpy(seed) if isinstance(seed, ndarray)
                                         else seed)


for _name in _GENERATOR_DRAWS:
    setattr(Generator, _name, _method("Generator", _name, _draw))
for _name in _LEGACY_DRAWS:
    setattr(RandomState, _name, _method("RandomState", _name, _draw))
for _name in _STATE:
    setattr(RandomState, _name, _method("RandomState", _name, _state))


def default_rng(seed: object = None) -> Generator:
    """``numpy.random.default_rng``: a ``Generator`` seeded as NumPy seeds it (a
    lazyarray ``Generator`` is returned as is, a NumPy one is wrapped, sharing its state)."""
    if isinstance(seed, Generator):
        return seed
    if isinstance(seed, ndarray):
        seed = library.to_numpy(seed)
    return Generator._of(np.random.default_rng(seed))


def shuffle(x: object) -> None:
    """``numpy.random.shuffle`` (NumPy's global RandomState; in place, see ``Generator.shuffle``)."""
    _shuffle("random.shuffle", np.random.shuffle, x)


for _name in _LEGACY_DRAWS + _MODULE_ONLY:
    if _name != "tomaxint":
        globals()[_name] = _function(_name, _draw)
for _name in _STATE + ("get_bit_generator", "set_bit_generator"):
    globals()[_name] = _function(_name, _state)
del _name

_rest = fallback.FallbackModule("random", np.random)


def __getattr__(name: str) -> Any:
    """Other ``numpy.random`` names: NumPy's classes as they are, functions
    through the loud fallback."""
    return getattr(_rest, name)
