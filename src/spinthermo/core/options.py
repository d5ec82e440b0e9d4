"""Options of the front door's solvers: frozen dataclasses, recorded in every result.

``EvolveOptions`` configures :func:`spinthermo.evolve`, ``SteadyStateOptions``
:func:`spinthermo.steady_state`. Both check their fields on construction, so a bad option is
refused before any work starts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from spinthermo.core.checks import require_count, require_range
from spinthermo.core.evolution import DEFAULT_ATOL, DEFAULT_RTOL, SCIPY_METHODS
from spinthermo.core.steady import DEFAULT_STEADY_TOL

#: Integration methods of :class:`EvolveOptions`.
EVOLVE_METHODS = ("auto", "dopri5", "expm", *SCIPY_METHODS)
#: Steady-state methods of :class:`SteadyStateOptions`.
STEADY_STATE_METHODS = ("auto", "direct", "sparse", "krylov", "newton", "self-consistent")


def _require_choice(name: str, value, choices: tuple[str, ...]) -> str:
    if value not in choices:
        raise ValueError(f"{name} must be one of {', '.join(map(repr, choices))}; "
                         f"received {value!r}")
    return value


@dataclass(frozen=True)
class EvolveOptions:
    """How :func:`spinthermo.evolve` integrates.

    Parameters
    ----------
    method : str, optional
        ``"auto"`` (default: the compiled Dormand–Prince ``"dopri5"`` for dense
        time-independent generators, ``"expm"`` — ``expm_multiply`` — for large sparse linear
        ones, SciPy's ``"RK45"`` for time-dependent ones), ``"dopri5"``, ``"expm"`` (exact
        propagators; linear, time-independent only) or a SciPy ``solve_ivp`` method
        (``"RK45"``, ``"DOP853"``, ``"Radau"``, ``"BDF"``, ``"LSODA"``; the implicit ones get
        the analytic Jacobian and suit stiff problems).
    rtol : float, optional
        Relative tolerance on the entries of ρ, in [1e-14, 1] (default 1e-8).
    atol : float, optional
        Absolute tolerance on the entries of ρ (dimensionless), in (0, 1] (default 1e-10).
    max_steps : int or None, optional
        Most integration steps before :class:`~spinthermo.core.evolution.IntegrationError`
        (None: the engine's default, 1e6 for ``"dopri5"`` and 2e4 for SciPy's methods;
        explicit methods on a stiff problem stop at once when the steps they would need
        exceed it).
    """

    method: str = "auto"
    rtol: float = DEFAULT_RTOL
    atol: float = DEFAULT_ATOL
    max_steps: int | None = None

    def __post_init__(self) -> None:
        _require_choice("method", self.method, EVOLVE_METHODS)
        require_range("rtol", self.rtol, 1e-14, 1.0)
        require_range("atol", self.atol, 0.0, 1.0, low_inclusive=False)
        if self.max_steps is not None:
            require_count("max_steps", self.max_steps, 1)


@dataclass(frozen=True)
class SteadyStateOptions:
    """How :func:`spinthermo.steady_state` solves ``𝓛ρ + Σ_k Tr(O_k ρ) 𝒢_k[ρ] = 0``.

    Parameters
    ----------
    method : str, optional
        ``"auto"`` (default: ``"direct"`` for a small linear Liouvillian, ``"sparse"``
        for a large one, ``"self-consistent"`` followed by ``"newton"`` with mean-field
        terms), ``"direct"`` (dense bordered solve), ``"sparse"`` (sparse LU of the bordered
        system), ``"krylov"`` (matrix-free GMRES from H and the collapse operators, never
        forming the Liouvillian, for large systems given as operators whose sparse LU fills
        in: :func:`~spinthermo.core.krylov_steady.steady_state_krylov`; its residual is
        relative to ``max|diag 𝓛|`` ≤ ``max|𝓛|``, so ``tol`` is met with room), ``"newton"`` (Newton
        on the trace-constrained nonlinear system from ``initial_guess``) or
        ``"self-consistent"`` (freeze the expectation values, solve, repeat; every iterate is
        a physical state).
    tol : float, optional
        Residual ``max|dρ/dt|`` relative to ``max|𝓛|`` at which the solve is accepted, in
        (0, 1] (default 1e-12).
    max_iterations : int, optional
        Most Newton or self-consistent iterations, ≥ 1 (default 50).
    initial_guess : array_like or qutip.Qobj, optional
        Density matrix (d, d) or ket (d,) to start the nonlinear iterations from (default:
        the maximally mixed state).
    check_unique : bool, optional
        Test a linear Liouvillian for a degenerate null space (a second conserved quantity)
        and refuse it rather than return one arbitrary steady state (default True).
    """

    method: str = "auto"
    tol: float = DEFAULT_STEADY_TOL
    max_iterations: int = 50
    initial_guess: Any = field(default=None, compare=False, repr=False)
    check_unique: bool = True

    def __post_init__(self) -> None:
        _require_choice("method", self.method, STEADY_STATE_METHODS)
        require_range("tol", self.tol, 0.0, 1.0, low_inclusive=False)
        require_count("max_iterations", self.max_iterations, 1)
        if not isinstance(self.check_unique, bool):
            raise TypeError(f"check_unique must be True or False; received "
                            f"{self.check_unique!r}")
