"""Time evolution of linear and mean-field master equations."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import scipy.linalg

from spinthermo.core.checks import require_finite, require_range, require_times
from spinthermo.core.generator import MeanFieldGenerator, trace_pivot

#: Default tolerances: relative 1e-8 and absolute 1e-10 on the entries of the density matrix
#: keep populations and expectation values accurate to ~1e-8, well inside every tolerance the
#: papers' numbers need, while keeping a trajectory to a few hundred steps.
DEFAULT_RTOL = 1e-8
DEFAULT_ATOL = 1e-10

SCIPY_METHODS = ("RK45", "DOP853", "Radau", "BDF", "LSODA")


class IntegrationError(RuntimeError):
    """The integrator stopped before the last requested time."""


@dataclass(frozen=True)
class EvolutionSolution:
    """States of an integration at ``times``, with the settings used.

    Parameters
    ----------
    times : numpy.ndarray, shape (T,)
        Output times in s.
    states : numpy.ndarray, shape (..., T, n)
        Coordinates x(t) (``vec(ρ(t))`` for a Liouvillian); ``...`` is a generator's batch shape
        (none for a single parameter set).
    method : str
        Integrator used.
    rtol, atol : float
        Tolerances used.
    steps : int
        Steps taken (summed over a batch; the number of propagator products for ``"expm"``).
    """

    times: np.ndarray
    states: np.ndarray
    method: str
    rtol: float
    atol: float
    steps: int


#: Default step caps: the compiled dopri5 loop takes ~3e4 steps/s for n = 34 coordinates, so
#: 1e6 steps is half a minute; a SciPy step costs Python overhead and, for the implicit
#: methods, an LU factorisation (~1 ms for n = 64), so 2e4 steps bounds their run to ~30 s.
DEFAULT_MAX_STEPS = {"dopri5": 1_000_000, "scipy": 20_000}


@dataclass(frozen=True)
class Dynamics:
    """``dx/dt = rate(t, x)``: what SciPy's methods integrate.

    For a constant generator (:meth:`of_generator`) or a time-dependent one (the front door's
    lists).

    Parameters
    ----------
    rate : callable
        ``rate(t, x)`` with t in s and x of shape (n,), returning dx/dt, shape (n,), in s⁻¹.
    jacobian : callable
        ``jacobian(t, x)``, the complex Jacobian ∂rate/∂x, dense, shape (n, n), in s⁻¹.
    trace : numpy.ndarray, shape (n,)
        Trace row t, ``t·x = Tr ρ``.
    trace_preserving : bool
        Whether ``t·rate(t, x) = 0`` for every t and x.
    """

    rate: Callable[[float, np.ndarray], np.ndarray]
    jacobian: Callable[[float, np.ndarray], np.ndarray]
    trace: np.ndarray
    trace_preserving: bool

    @classmethod
    def of_generator(cls, generator: MeanFieldGenerator) -> Dynamics:
        """The time-independent dynamics ``dx/dt = A x + Σ_k (c_k·x) B_k x`` of ``generator``.

        Parameters
        ----------
        generator : MeanFieldGenerator
            Unbatched generator on n coordinates.

        Returns
        -------
        Dynamics
        """
        return cls(lambda _t, x: generator.rhs(x), lambda _t, x: generator.jacobian(x),
                   generator.trace, generator.is_trace_preserving())

    @property
    def size(self) -> int:
        """Number of coordinates n."""
        return self.trace.size


@dataclass(frozen=True)
class _RealTraceReduced:
    """``dx/dt = f(t, x)`` as a real system in ``y = (Re z, Im z)``, ``z`` = ``x`` without the
    pivot coordinate ``p`` of the trace, which is restored from ``t·x = τ0`` (the initial
    trace).

    SciPy's Radau and LSODA integrate only real systems, and ``f`` is complex-analytic, so the
    real Jacobian is ``[[Re J, −Im J], [Im J, Re J]]``. Eliminating the trace matters for
    stiff mean-field runs: ``t·x`` is a neutral direction (eigenvalue 0) of the Jacobian, so
    each implicit step's rounding (``~ε·h·‖J‖``) accumulates in it, and the feedback
    ``(c_k·x) B_k`` turns a trace error ε into a rate error ~ε·Γ_SE — at Γ_SE = 1e8 s⁻¹ a
    trace drift of 1e-7 moved the alkali NESS polarisation by 1.6 % and collapsed BDF's
    steps. Non-trace-preserving dynamics keep every coordinate (``pivot`` is None).
    """

    dynamics: Dynamics
    pivot: int | None
    kept: np.ndarray
    trace_value: complex

    @classmethod
    def build(cls, dynamics: Dynamics, x0: np.ndarray) -> _RealTraceReduced:
        n = dynamics.size
        if not dynamics.trace_preserving:
            return cls(dynamics, None, np.arange(n), 0j)
        pivot = trace_pivot(dynamics.trace)
        return cls(dynamics, pivot, np.delete(np.arange(n), pivot),
                   complex(x0 @ dynamics.trace))

    def to_real(self, x: np.ndarray) -> np.ndarray:
        z = x[self.kept]
        return np.concatenate([z.real, z.imag])

    def to_complex(self, y: np.ndarray) -> np.ndarray:
        """Full coordinates ``(..., n)`` from real ones ``(..., 2m)``."""
        m = self.kept.size
        z = y[..., :m] + 1j * y[..., m:]
        x = np.empty((*y.shape[:-1], self.dynamics.size), dtype=complex)
        x[..., self.kept] = z
        if self.pivot is not None:
            t = self.dynamics.trace
            x[..., self.pivot] = (self.trace_value - z @ t[self.kept]) / t[self.pivot]
        return x

    def rhs(self, t: float, y: np.ndarray) -> np.ndarray:
        rate = self.dynamics.rate(t, self.to_complex(y))[self.kept]
        return np.concatenate([rate.real, rate.imag])

    def jacobian(self, t: float, y: np.ndarray) -> np.ndarray:
        full = np.asarray(self.dynamics.jacobian(t, self.to_complex(y)))
        jac = full[np.ix_(self.kept, self.kept)]
        if self.pivot is not None:  # chain rule through x_p = (τ0 − t_kept·z)/t_p
            tr = self.dynamics.trace
            jac = jac - np.outer(full[self.kept, self.pivot], tr[self.kept] / tr[self.pivot])
        return np.block([[jac.real, -jac.imag], [jac.imag, jac.real]])


#: h·ρ(J) above which an explicit Runge–Kutta step counts as limited by stability rather than
#: accuracy: an accuracy-limited step at rtol ≤ 1e-3 has ``h·|λ| ≈ rtol^(1/p) < 0.3`` (order
#: p ≥ 5 error estimate), while RK45/DOP853 are stable up to ``h·|λ| ≈ 3.3/6``.
EXPLICIT_STABILITY_H_RHO = 1.0
#: Explicit SciPy runs test for stiffness every this many steps (one eigenvalue solve of the
#: Jacobian, ~1 % of the cost of the steps between tests).
STIFFNESS_TEST_INTERVAL = 100
#: Largest real system whose Jacobian spectrum is computed (~0.1 s at 512); beyond it the
#: explicit stiffness test is skipped and the first step uses the bound ρ(J) ≤ ‖J‖_∞.
SPECTRUM_MAX_SIZE = 512


def _spectral_radius(jacobian: np.ndarray, *, bound_if_large: bool) -> float | None:
    """ρ(J) for systems up to :data:`SPECTRUM_MAX_SIZE`; beyond, ‖J‖_∞ (an upper bound) when
    ``bound_if_large`` and ``None`` otherwise."""
    if jacobian.shape[0] <= SPECTRUM_MAX_SIZE:
        return float(np.max(np.abs(np.linalg.eigvals(jacobian)), initial=0.0))
    return float(np.max(np.sum(np.abs(jacobian), axis=1))) if bound_if_large else None


#: After this many steps any initial transient is resolved (a step grows up to tenfold per
#: step), so a SciPy run whose current step would need more than
#: HOPELESS_PROJECTION × max_steps steps stops at once (e.g. BDF, whose orders 3-5 are unstable
#: near the imaginary axis, on the hyperfine oscillation of the exact alkali equation).
TRANSIENT_STEPS = 1000
HOPELESS_PROJECTION = 100


def _check_projected_steps(system, solver, method, explicit, steps, t_end, max_steps) -> None:
    """Raise :class:`IntegrationError` at once when the run cannot finish within
    ``max_steps``: an explicit method held at its stability limit (h·ρ(J) above
    :data:`EXPLICIT_STABILITY_H_RHO`), or any method whose current step, after
    :data:`TRANSIENT_STEPS`, would need :data:`HOPELESS_PROJECTION` × ``max_steps``."""
    h = solver.t - solver.t_old
    needed = steps + (t_end - solver.t) / h
    if needed <= max_steps:
        return
    advice = "use method='Radau'" if method != "Radau" else "raise max_steps or loosen rtol"
    if explicit:
        rho = _spectral_radius(system.jacobian(solver.t, solver.y), bound_if_large=False)
        if rho is not None and h * rho > EXPLICIT_STABILITY_H_RHO:
            raise IntegrationError(
                f"{method} integration failed: the problem is stiff (step h = {h:.3g} s held "
                f"at the stability limit of the Jacobian's spectral radius {rho:.3g} s^-1) and "
                f"reaching t = {t_end:.6g} s needs about {needed:.3g} steps, more than "
                f"max_steps={max_steps}; use method='BDF' or 'Radau'"
            )
    if steps >= TRANSIENT_STEPS and needed > HOPELESS_PROJECTION * max_steps:
        raise IntegrationError(
            f"{method} integration failed: after {steps} steps the step is h = {h:.3g} s and "
            f"reaching t = {t_end:.6g} s needs about {needed:.3g} steps, far more than "
            f"max_steps={max_steps}; {advice}"
        )


def _evolve_scipy(dynamics: Dynamics, x0, times, rtol, atol, method, max_steps):
    """Step a SciPy ``OdeSolver`` on the real, trace-reduced system; states at ``times`` from
    its dense output. Returns ``(states, steps)``; raises :class:`IntegrationError` when the
    solver fails or needs more than ``max_steps`` steps."""
    system = _RealTraceReduced.build(dynamics, x0)
    y0 = system.to_real(x0)
    out = np.empty((times.size, y0.size))
    done = int(np.searchsorted(times, times[0], side="right"))
    out[:done] = y0
    if done == times.size:
        return system.to_complex(out), 0
    explicit = method in ("RK45", "DOP853")
    jac = {} if explicit else {"jac": system.jacobian}
    # SciPy's first-step guess sees only f(y0), which can be slow while the Jacobian is
    # stiff (an unpolarised alkali state under Γ_SE = 1e6 s⁻¹): a first explicit step of
    # 1/ρ(J) stays stable, and implicit methods grow any first step within a few steps.
    rho = _spectral_radius(system.jacobian(times[0], y0), bound_if_large=True)
    first = {"first_step": min(1.0 / rho, times[-1] - times[0])} if rho > 0 else {}
    import scipy.integrate  # 0.2 s: imported when a SciPy method is asked for

    solver = getattr(scipy.integrate, method)(system.rhs, times[0], y0, times[-1], rtol=rtol,
                                              atol=atol, **jac, **first)
    steps = 0
    while done < times.size:
        if steps >= max_steps:
            raise IntegrationError(
                f"{method} integration failed: more than max_steps={max_steps} steps were "
                f"needed (reached t = {solver.t:.6g} s of {times[-1]:.6g} s); raise max_steps "
                "or, for a stiff problem, use method='BDF' or 'Radau'"
            )
        message = solver.step()
        steps += 1
        if solver.status == "failed":
            raise IntegrationError(f"{method} integration failed at t = {solver.t:.6g} s: "
                                   f"{message}")
        if steps % STIFFNESS_TEST_INTERVAL == 0:
            _check_projected_steps(system, solver, method, explicit, steps, times[-1], max_steps)
        reached = int(np.searchsorted(times, solver.t, side="right"))
        if reached > done:
            out[done:reached] = solver.dense_output()(times[done:reached]).T
            done = reached
    return system.to_complex(out), steps


def _evolve_single(gen, x0, times, rtol, atol, method, max_steps):
    if method == "dopri5":
        # the compiled integrator (numba) is imported when first used: a steady-state sweep
        # worker never loads it
        from spinthermo.core.dopri import (
            STATUS_MAX_STEPS,
            STATUS_NONFINITE,
            STATUS_OK,
            STATUS_STIFF,
            integrate_dopri5,
        )

        states, steps, status, needed = integrate_dopri5(
            np.ascontiguousarray(gen.linear), np.ascontiguousarray(gen.feedback_rows),
            np.ascontiguousarray(gen.feedback_ops), np.ascontiguousarray(x0, dtype=complex),
            float(times[0]), times, rtol, atol, max_steps,
        )
        if status != STATUS_OK:
            reason = {
                STATUS_MAX_STEPS: f"more than max_steps={max_steps} steps were needed "
                "(the problem may be stiff: try method='BDF' or 'Radau')",
                STATUS_STIFF: f"the problem is stiff: the step is held at the stability limit "
                f"and reaching t = {times[-1]:.6g} s needs about {needed:.3g} steps, more than "
                f"max_steps={max_steps}; use method='BDF' or 'Radau'",
                STATUS_NONFINITE: "the state became non-finite",
            }.get(status, "the step size fell below the resolution of the time axis")
            raise IntegrationError(f"dopri5 integration failed: {reason}")
        return states, int(steps)
    if method == "expm":
        # zero feedback (e.g. Γ_SE = 0: rows or operators zero) leaves it linear
        if np.any(np.abs(gen.feedback_rows).sum(-1) * np.abs(gen.feedback_ops).sum((-2, -1))):
            raise ValueError("method='expm' needs a linear generator (no feedback terms)")
        states = np.empty((times.size, x0.size), dtype=complex)
        states[0] = x0
        propagators: dict[float, np.ndarray] = {}
        for i, dt in enumerate(np.diff(times)):
            key = float(dt)
            if key not in propagators:
                propagators[key] = scipy.linalg.expm(gen.linear * dt)
            states[i + 1] = propagators[key] @ states[i]
        return states, times.size - 1
    return _evolve_scipy(Dynamics.of_generator(gen), x0, times, rtol, atol, method, max_steps)


def evolve_sparse_linear(liouvillian, initial_state: np.ndarray, times,
                         t0: float | None = None) -> np.ndarray:
    """States ``(T, n)`` of ``dx/dt = L x`` for a sparse (or dense) constant ``L`` at ``times``,
    ``initial_state`` given at ``t0`` (default: the first time, which must not precede it).

    Uses ``scipy.sparse.linalg.expm_multiply`` (Al-Mohy & Higham 2011) between successive
    output times: exact up to its truncation tolerance, for generators too large for ``expm``.

    Parameters
    ----------
    liouvillian : scipy.sparse array or array_like, shape (n, n)
        Constant generator L in s⁻¹ (n = d*d for ``vec(ρ)``, column stacking).
    initial_state : array_like, shape (n,)
        Coordinates x(t0).
    times : array_like, shape (T,)
        Non-decreasing output times in s, none before ``t0``.
    t0 : float, optional
        Time of ``initial_state`` in s (default ``times[0]``).

    Returns
    -------
    numpy.ndarray, shape (T, n)
        ``x(t) = exp(L (t − t0)) x(t0)`` at ``times``, complex.
    """
    import scipy.sparse.linalg

    times = require_times(times, nonnegative=False)
    x = np.asarray(require_finite("initial_state", initial_state), dtype=complex)
    out = np.empty((times.size, x.size), dtype=complex)
    t_prev = times[0] if t0 is None else float(t0)
    if times[0] < t_prev:
        raise ValueError(f"times must not precede t0={t_prev:g}; received {times[0]:g}")
    for k, t in enumerate(times):
        if t > t_prev:
            x = scipy.sparse.linalg.expm_multiply(liouvillian * (t - t_prev), x)
            t_prev = t
        out[k] = x
    return out


def _check_settings(times, rtol, atol, method, max_steps, methods):
    """The checked ``times`` and ``max_steps`` (its default for ``method``) of an evolution."""
    times = require_times(times, nonnegative=False)
    require_range("rtol", rtol, 1e-14, 1.0)
    require_range("atol", atol, 0.0, 1.0, low_inclusive=False)
    if method not in methods:
        raise ValueError(f"method must be one of {', '.join(map(repr, methods))}; received "
                         f"{method!r}")
    if max_steps is None:
        max_steps = DEFAULT_MAX_STEPS["dopri5" if method == "dopri5" else "scipy"]
    if isinstance(max_steps, bool) or not isinstance(max_steps, (int, np.integer)):
        raise TypeError(f"max_steps must be a positive integer or None; received "
                        f"{type(max_steps).__name__} {max_steps!r}")
    require_range("max_steps", max_steps, 1, np.inf)
    return times, int(max_steps)


def evolve_dynamics(
    dynamics: Dynamics,
    initial_state: np.ndarray,
    times,
    *,
    rtol: float = DEFAULT_RTOL,
    atol: float = DEFAULT_ATOL,
    method: str = "RK45",
    max_steps: int | None = None,
) -> EvolutionSolution:
    """Integrate ``dx/dt = rate(t, x)`` (a time-dependent :class:`Dynamics`) with a SciPy method.

    Exactly as :func:`evolve` integrates a constant generator with one: real coordinates, the
    trace eliminated when the dynamics preserve it, ``max_steps`` a step cap and the same early
    stops on stiffness.

    Parameters
    ----------
    dynamics : Dynamics
        Right-hand side, Jacobian and trace row on n coordinates.
    initial_state : array_like, shape (n,)
        Coordinates x at ``times[0]``.
    times : array_like, shape (T,)
        Non-decreasing output times in s.
    rtol : float, optional
        Relative tolerance per coordinate, in [1e-14, 1] (default :data:`DEFAULT_RTOL`).
    atol : float, optional
        Absolute tolerance per coordinate, in (0, 1] (default :data:`DEFAULT_ATOL`).
    method : str, optional
        SciPy method: ``"RK45"`` (default), ``"DOP853"``, ``"Radau"``, ``"BDF"`` or ``"LSODA"``.
    max_steps : int, optional
        Step cap (default 2e4).

    Returns
    -------
    EvolutionSolution
        States of shape (T, n).

    Raises
    ------
    IntegrationError
        When the solver fails, or needs (or is projected to need) more than ``max_steps``.
    """
    times, max_steps = _check_settings(times, rtol, atol, method, max_steps, SCIPY_METHODS)
    x0 = np.asarray(require_finite("initial_state", initial_state), dtype=complex)
    if x0.shape != (dynamics.size,):
        raise ValueError(f"initial_state must have shape ({dynamics.size},); received "
                         f"{x0.shape}")
    states, steps = _evolve_scipy(dynamics, x0, times, rtol, atol, method, max_steps)
    return EvolutionSolution(times, states, method, rtol, atol, steps)


def evolve(
    generator: MeanFieldGenerator,
    initial_state: np.ndarray,
    times,
    *,
    rtol: float = DEFAULT_RTOL,
    atol: float = DEFAULT_ATOL,
    method: str = "dopri5",
    max_steps: int | None = None,
) -> EvolutionSolution:
    """Integrate ``dx/dt = A x + Σ_k (c_k·x) B_k x`` and return the states at ``times``.

    Parameters
    ----------
    generator : MeanFieldGenerator
        Generator on n coordinates (``vec(ρ)``, column stacking), possibly batched.
    initial_state : array_like, shape (..., n)
        Coordinates at ``times[0]``; broadcasts against the generator's batch shape.
    times : array_like, shape (T,)
        Non-decreasing output times in s.
    rtol : float, optional
        Relative tolerance per coordinate, in [1e-14, 1] (default :data:`DEFAULT_RTOL`).
    atol : float, optional
        Absolute tolerance per coordinate, in (0, 1] (default :data:`DEFAULT_ATOL`).
    method : str, optional
        Integrator (default ``"dopri5"``; see Notes).
    max_steps : int, optional
        Step cap (default 1e6 for ``"dopri5"``, 2e4 for SciPy methods).

    Returns
    -------
    EvolutionSolution
        States of shape (T, n), or (..., T, n) for a batch.

    Raises
    ------
    IntegrationError
        When the integrator fails or cannot finish within ``max_steps``.

    Notes
    -----
    ``method``: ``"dopri5"`` (compiled adaptive Dormand–Prince 5(4), the default), ``"expm"``
    (exact propagators, linear generators only) or a SciPy ``solve_ivp`` method name:
    ``"RK45"``, ``"DOP853"`` (explicit), ``"Radau"``, ``"BDF"``, ``"LSODA"`` (implicit, with
    the analytic Jacobian, for stiff problems such as Γ_SE ≫ R + Γ_SD). Where the stiff
    eigenvalues are oscillatory — the exact (non-secular) alkali equation, whose hyperfine
    coherences turn at A_hfs ≫ every rate — use ``"Radau"`` (L-stable); BDF's orders 3-5 are
    unstable near the imaginary axis and crawl there. SciPy methods integrate the real and
    imaginary parts with the trace coordinate eliminated (``t·x`` stays exactly ``t·x0``),
    which keeps stiff mean-field runs on the steady state to their tolerance. ``rtol`` and
    ``atol`` bound each step's local error per coordinate, ``atol + rtol·|x_i|`` (real and
    imaginary parts separately for SciPy methods).

    ``max_steps`` caps the steps of every step-based method (default 1e6 for ``"dopri5"``,
    2e4 for SciPy methods); exceeding it raises :class:`IntegrationError` naming it. Explicit
    methods detect stiffness (dopri5: Hairer & Wanner's test ``h·|λ| > 3.25`` on 15 accepted
    steps; RK45/DOP853: ``h·ρ(J) > 1``) and raise at once when the steps needed at the
    stability limit exceed ``max_steps``; any SciPy method stops once its projected steps
    exceed 100 × ``max_steps`` after 1000 steps. A batched generator evolves each parameter
    set in turn; ``initial_state`` then broadcasts against the batch, and ``steps`` is the
    total.
    """
    times, max_steps = _check_settings(times, rtol, atol, method, max_steps,
                                       ("dopri5", "expm", *SCIPY_METHODS))
    x0 = np.asarray(require_finite("initial_state", initial_state), dtype=complex)
    if x0.shape[-1] != generator.size:
        raise ValueError(
            f"initial_state must have {generator.size} coordinates; received {x0.shape[-1]}"
        )
    batch = np.broadcast_shapes(generator.batch_shape, x0.shape[:-1])
    if not batch:
        states, steps = _evolve_single(generator, x0, times, rtol, atol, method, max_steps)
        return EvolutionSolution(times, states, method, rtol, atol, steps)
    full = generator.broadcast()
    gens = MeanFieldGenerator(
        np.broadcast_to(full.linear, (*batch, *full.linear.shape[-2:])),
        np.broadcast_to(full.feedback_rows, (*batch, *full.feedback_rows.shape[-2:])),
        np.broadcast_to(full.feedback_ops, (*batch, *full.feedback_ops.shape[-3:])),
        generator.trace,
    )
    x0s = np.broadcast_to(x0, (*batch, generator.size))
    states = np.empty((*batch, times.size, generator.size), dtype=complex)
    total = 0
    for index in np.ndindex(*batch):
        states[index], steps = _evolve_single(
            gens[index], x0s[index], times, rtol, atol, method, max_steps
        )
        total += steps
    return EvolutionSolution(times, states, method, rtol, atol, total)
