"""Time evolution of linear and mean-field master equations."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.integrate
import scipy.linalg

from spinthermo.core.checks import require_finite, require_range, require_times
from spinthermo.core.dopri import (
    STATUS_MAX_STEPS,
    STATUS_NONFINITE,
    STATUS_OK,
    integrate_dopri5,
)
from spinthermo.core.generator import MeanFieldGenerator

#: Default tolerances: relative 1e-8 and absolute 1e-10 on the entries of the density matrix
#: keep populations and expectation values accurate to ~1e-8, well inside every tolerance the
#: papers' numbers need, while keeping a trajectory to a few hundred steps.
DEFAULT_RTOL = 1e-8
DEFAULT_ATOL = 1e-10

SCIPY_METHODS = ("RK45", "DOP853", "Radau", "BDF", "LSODA")


class IntegrationError(RuntimeError):
    """The integrator stopped before the last requested time."""


@dataclass(frozen=True)
class EvolutionResult:
    """States ``(T, n)`` (or ``(..., T, n)`` for a batch) at ``times``, with the settings used."""

    times: np.ndarray
    states: np.ndarray
    method: str
    rtol: float
    atol: float
    steps: int


def _evolve_single(gen, x0, times, rtol, atol, method, max_steps):
    if method == "dopri5":
        states, steps, status = integrate_dopri5(
            np.ascontiguousarray(gen.linear), np.ascontiguousarray(gen.feedback_rows),
            np.ascontiguousarray(gen.feedback_ops), np.ascontiguousarray(x0, dtype=complex),
            float(times[0]), times, rtol, atol, max_steps,
        )
        if status != STATUS_OK:
            reason = {
                STATUS_MAX_STEPS: f"more than max_steps={max_steps} steps were needed "
                "(the problem may be stiff: try method='BDF')",
                STATUS_NONFINITE: "the state became non-finite",
            }.get(status, "the step size fell below the resolution of the time axis")
            raise IntegrationError(f"dopri5 integration failed: {reason}")
        return states, int(steps)
    if method == "expm":
        if not gen.is_linear:
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
    implicit = {} if method in ("RK45", "DOP853") else {"jac": lambda _t, x: gen.jacobian(x)}
    solution = scipy.integrate.solve_ivp(
        lambda _t, x: gen.rhs(x), (times[0], times[-1]), np.asarray(x0, dtype=complex),
        method=method, t_eval=times, rtol=rtol, atol=atol, **implicit,
    )
    if not solution.success:
        raise IntegrationError(f"{method} integration failed: {solution.message}")
    return solution.y.T, int(solution.nfev)


def evolve_sparse_linear(liouvillian, initial_state: np.ndarray, times,
                         t0: float | None = None) -> np.ndarray:
    """States ``(T, n)`` of ``dx/dt = L x`` for a sparse (or dense) constant ``L`` at ``times``,
    ``initial_state`` given at ``t0`` (default: the first time, which must not precede it).

    Uses ``scipy.sparse.linalg.expm_multiply`` (Al-Mohy & Higham 2011) between successive
    output times: exact up to its truncation tolerance, for generators too large for ``expm``.
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


def evolve(
    generator: MeanFieldGenerator,
    initial_state: np.ndarray,
    times,
    *,
    rtol: float = DEFAULT_RTOL,
    atol: float = DEFAULT_ATOL,
    method: str = "dopri5",
    max_steps: int = 1_000_000,
) -> EvolutionResult:
    """Integrate ``dx/dt = A x + Σ_k (c_k·x) B_k x`` and return the states at ``times``.

    ``method``: ``"dopri5"`` (compiled adaptive Dormand–Prince 5(4), the default), ``"expm"``
    (exact propagators, linear generators only) or a SciPy ``solve_ivp`` method name —
    ``"BDF"``/``"Radau"`` use the analytic Jacobian and suit stiff problems such as the exact
    (non-secular) alkali equation. A batched generator evolves each parameter set in turn;
    ``initial_state`` then broadcasts against the batch.
    """
    times = require_times(times, nonnegative=False)
    require_range("rtol", rtol, 1e-14, 1.0)
    require_range("atol", atol, 0.0, 1.0, low_inclusive=False)
    if method not in ("dopri5", "expm", *SCIPY_METHODS):
        raise ValueError(
            f"method must be one of 'dopri5', 'expm', {', '.join(map(repr, SCIPY_METHODS))}; "
            f"received {method!r}"
        )
    x0 = np.asarray(require_finite("initial_state", initial_state), dtype=complex)
    if x0.shape[-1] != generator.size:
        raise ValueError(
            f"initial_state must have {generator.size} coordinates; received {x0.shape[-1]}"
        )
    batch = np.broadcast_shapes(generator.batch_shape, x0.shape[:-1])
    if not batch:
        states, steps = _evolve_single(generator, x0, times, rtol, atol, method, max_steps)
        return EvolutionResult(times, states, method, rtol, atol, steps)
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
    return EvolutionResult(times, states, method, rtol, atol, total)
