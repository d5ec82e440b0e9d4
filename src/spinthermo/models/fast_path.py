"""The result types of :mod:`spinthermo.models.base` from a model's own generator (its fast
path): the engine's coordinates in, :class:`SteadyStateResult` / :class:`EvolutionResult` out,
with the options and statistics the front door records, so that a model's verbs and the front
door's answers can be compared entry by entry.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import numpy as np

from spinthermo.core import evolution as engine_evolution
from spinthermo.core import steady as engine_steady
from spinthermo.core.generator import MeanFieldGenerator
from spinthermo.core.options import EvolveOptions, SteadyStateOptions
from spinthermo.core.results import EvolutionResult, SteadyStateResult
from spinthermo.core.steady import relative_residual
from spinthermo.core.superop import unvec


def _options(name: str, value, kind: type):
    if value is None:
        return kind()
    if not isinstance(value, kind):
        raise TypeError(f"{name} must be a spinthermo.{kind.__name__}; received "
                        f"{type(value).__name__}")
    return value


def steady_state_options(options) -> SteadyStateOptions:
    """``options`` checked to be :class:`SteadyStateOptions` (None: the defaults).

    Parameters
    ----------
    options : SteadyStateOptions or None
        The caller's options.

    Returns
    -------
    SteadyStateOptions
        ``options``, or the defaults for None; any other type raises :class:`TypeError`.
    """
    return _options("options", options, SteadyStateOptions)


def evolve_options(options) -> EvolveOptions:
    """``options`` checked to be :class:`EvolveOptions` (None: the defaults).

    Parameters
    ----------
    options : EvolveOptions or None
        The caller's options.

    Returns
    -------
    EvolveOptions
        ``options``, or the defaults for None; any other type raises :class:`TypeError`.
    """
    return _options("options", options, EvolveOptions)


def linear_steady_state(generator: MeanFieldGenerator, options: SteadyStateOptions | None,
                        embed: Callable[[np.ndarray], np.ndarray] = unvec,
                        ) -> SteadyStateResult:
    """The null vector of a linear generator with ``t·x = 1`` (the engine's bordered solve),
    as a density matrix ``embed(x)`` with its relative residual ``max|dx/dt|/max|𝓛|``.

    Parameters
    ----------
    generator : MeanFieldGenerator
        A linear generator ``dx/dt = A x`` in the engine's coordinates, A in s^-1.
    options : SteadyStateOptions or None
        Tolerance and uniqueness check; None: the defaults.
    embed : callable
        Maps the coordinates (n,) to the state; default :func:`~spinthermo.core.superop.unvec`.

    Returns
    -------
    SteadyStateResult
        ``embed(x)`` (usually (d, d)), residual and statistics.
    """
    options = steady_state_options(options)
    started = time.perf_counter()
    solution = engine_steady.steady_state(generator, tol=options.tol,
                                          check_unique=options.check_unique)
    return steady_state_result(solution, options, embed, started, method="direct",
                               unique=True if options.check_unique else None)


def steady_state_at(generator: MeanFieldGenerator, coordinates: np.ndarray,
                    options: SteadyStateOptions, started: float, *, method: str,
                    embed: Callable[[np.ndarray], np.ndarray] = unvec) -> SteadyStateResult:
    """A steady state the model found itself (``coordinates``), with the engine's relative
    residual ``max|dx/dt|/max|A_eff(x)|`` of ``generator`` there.

    Parameters
    ----------
    generator : MeanFieldGenerator
        The model's generator, rates in s^-1.
    coordinates : numpy.ndarray
        The steady state in the engine's coordinates, shape (n,).
    options : SteadyStateOptions
        The options recorded with the result.
    started : float
        :func:`time.perf_counter` when the model's solve began, s.
    method : str
        The name of the model's method, recorded in the statistics.
    embed : callable
        As for :func:`linear_steady_state`.

    Returns
    -------
    SteadyStateResult
        As for :func:`linear_steady_state`.
    """
    x = np.asarray(coordinates, dtype=complex)
    solution = engine_steady.SteadyStateSolution(x, relative_residual(generator, x), 0)
    return steady_state_result(solution, options, embed, started, method=method)


def steady_state_result(solution, options: SteadyStateOptions,
                        embed: Callable[[np.ndarray], np.ndarray], started: float, *,
                        method: str, unique: bool | None = None) -> SteadyStateResult:
    """Wrap the engine's steady-state ``solution`` (coordinates, residual, iterations).

    Parameters
    ----------
    solution : SteadyStateSolution
        The engine's solution: coordinates (n,), relative residual, iterations.
    options : SteadyStateOptions
        The options recorded with the result.
    embed : callable
        As for :func:`linear_steady_state`.
    started : float
        :func:`time.perf_counter` when the solve began, s.
    method : str
        The solver's name, recorded in the statistics.
    unique : bool or None
        Whether the null space was checked to be one-dimensional (None: not checked).

    Returns
    -------
    SteadyStateResult
        As for :func:`linear_steady_state`.
    """
    stats = {"method": method, "solve_time_s": time.perf_counter() - started,
             "liouvillian_size": int(np.size(solution.state))}
    return SteadyStateResult.of_solution(embed(solution.state), solution, unique, options,
                                         stats=stats)


def evolve_generator(generator: MeanFieldGenerator, x0: np.ndarray, times,
                     options: EvolveOptions | None,
                     embed: Callable[[np.ndarray], np.ndarray] = unvec) -> EvolutionResult:
    """Integrate ``dx/dt = A x + Σ_k (c_k·x) B_k x`` with the engine (``options.method``
    ``"auto"``: exact propagators for a linear generator, the compiled Dormand–Prince
    integrator otherwise) and return the states ``embed(x(t))``.

    Parameters
    ----------
    generator : MeanFieldGenerator
        ``A`` (s^-1) and the mean-field terms ``c_k``, ``B_k``.
    x0 : numpy.ndarray
        Initial coordinates, shape (n,).
    times : array_like
        Output times, shape (n_t,), s.
    options : EvolveOptions or None
        Method and tolerances; None: the defaults.
    embed : callable
        As for :func:`linear_steady_state`, applied to the stacked states (n_t, n).

    Returns
    -------
    EvolutionResult
        The states ``embed(x(t))``, usually (n_t, d, d), at ``times``.
    """
    options = evolve_options(options)
    method = options.method
    if method == "auto":
        method = "expm" if generator.is_linear else "dopri5"
    started = time.perf_counter()
    solution = engine_evolution.evolve(generator, x0, times, rtol=options.rtol,
                                       atol=options.atol, method=method,
                                       max_steps=options.max_steps)
    stats = {"method": method, "solve_time_s": time.perf_counter() - started,
             "steps": solution.steps, "liouvillian_size": generator.size}
    return EvolutionResult(solution.times, np.asarray(embed(solution.states)), options,
                           stats=stats)
