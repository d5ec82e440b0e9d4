"""``spinthermo.steady_state``: the steady state of a user's open system.

Reads top-down: convert the arguments, check them, choose the method, solve, wrap.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from typing import Any

import numpy as np

from spinthermo.core import steady as engine
from spinthermo.core.checks import STATE_TOLERANCE
from spinthermo.core.open_system import DENSE_LIMIT, MeanField, build_open_system
from spinthermo.core.operands import as_density_matrix
from spinthermo.core.options import SteadyStateOptions
from spinthermo.core.results import SteadyStateResult
from spinthermo.core.superop import unvec, vec

#: Change between self-consistent iterates at which ``method="auto"`` hands over to Newton:
#: close enough for quadratic convergence, loose enough to take only a few linear solves.
HANDOVER_TOL = 1e-6
#: Most self-consistent iterations before the hand-over (they converge linearly).
HANDOVER_MAX_ITERATIONS = 200


def _is_physical(x: np.ndarray) -> bool:
    """Whether a Newton root is a state (``method="auto"`` takes the self-consistent path
    when it is not: an unphysical root lies far outside the state tolerance)."""
    rho = unvec(x)
    return bool(np.linalg.eigvalsh(0.5 * (rho + rho.conj().T))[0] >= -STATE_TOLERANCE)


def _method(options: SteadyStateOptions, system) -> str:
    if options.method != "auto":
        return options.method
    if not system.is_linear:
        return "newton, else self-consistent+newton"
    return "sparse" if system.size > DENSE_LIMIT else "direct"


def _nonlinear(generator, guess, method: str, options: SteadyStateOptions):
    """Newton, the self-consistent iteration, or both, on a mean-field generator."""
    if method in ("newton", "newton, else self-consistent+newton"):
        try:
            solution = engine.steady_state(generator, guess, tol=options.tol,
                                           max_iterations=options.max_iterations)
            if method == "newton" or _is_physical(solution.state):
                return solution, "newton"
        except engine.SteadyStateError:
            if method == "newton":
                raise
        method = "self-consistent+newton"
    if method == "self-consistent":
        return engine.self_consistent_steady_state(
            generator, guess, tol=options.tol, max_iterations=options.max_iterations), method
    start = engine.self_consistent_steady_state(generator, guess, tol=max(options.tol,
                                                                          HANDOVER_TOL),
                                                max_iterations=HANDOVER_MAX_ITERATIONS)
    solution = engine.steady_state(generator, start.state, tol=options.tol,
                                   max_iterations=options.max_iterations)
    return engine.SteadyStateSolution(solution.state, solution.residual,
                                     start.iterations + solution.iterations), method


def _require_linear(system, method: str) -> None:
    if not system.is_linear:
        raise ValueError(f"method={method!r} solves linear Liouvillians; mean_field terms need "
                         "'newton' or 'self-consistent'")


def _krylov(system, options: SteadyStateOptions):
    """Matrix-free GMRES on the operators of a linear system (no Liouvillian is formed)."""
    from spinthermo.core.krylov_steady import steady_state_krylov

    _require_linear(system, "krylov")
    if system.operator_form is None:
        raise ValueError("method='krylov' needs H and c_ops as operators (d, d), never forming "
                         "the Liouvillian; received a superoperator term (use 'sparse')")
    hamiltonian, jumps = system.operator_form
    if not jumps:
        raise ValueError("method='krylov' needs at least one collapse operator in c_ops")
    if hamiltonian is None:
        hamiltonian = np.zeros((system.dimension, system.dimension))
    return steady_state_krylov(hamiltonian, list(jumps), tol=options.tol,
                               check_unique=options.check_unique)


def steady_state(H: Any, c_ops: Sequence[Any] = (), *,
                 mean_field: Sequence[MeanField] | MeanField = (),
                 options: SteadyStateOptions | None = None) -> SteadyStateResult:
    r"""Steady state of :math:`\dot\rho = \mathcal{L}\rho + \sum_k \mathrm{Tr}(O_k\rho)\,
    \mathcal{G}_k[\rho] = 0` with :math:`\mathrm{Tr}\,\rho = 1`.

    Parameters
    ----------
    H : array_like, Qobj, Liouvillian or None
        Hamiltonian in rad/s (ħ = 1), shape (d, d): a NumPy array, a SciPy sparse matrix, a
        ``qutip.Qobj``, or a Liouvillian (d², d²) (super ``Qobj`` or
        :class:`spinthermo.Liouvillian`, column stacking as in QuTiP); ``None`` for
        dissipation only.
    c_ops : sequence of array_like or qutip.Qobj, optional
        Collapse operators ``L_k`` (d, d) in s^-1/2 (the dissipator is ``D[L_k]``; scale by
        √γ as in QuTiP), or dissipators (d², d²) as super ``Qobj``.
    mean_field : MeanField or sequence of MeanField, optional
        State-dependent terms ``Tr(O_k ρ) 𝒢_k[ρ]`` (what ``qutip.steadystate`` cannot do).
    options : SteadyStateOptions, optional
        Method, tol, max_iterations, initial_guess, check_unique (default
        ``SteadyStateOptions()``).

    Returns
    -------
    SteadyStateResult
        ``state`` (d, d), ``residual``, ``iterations``, ``unique``, ``options``, ``stats``;
        ``to_qutip()`` gives a ``Qobj`` with the input's ``dims``.

    Examples
    --------
    A qubit decaying at γ = 2 s⁻¹ while driven at Ω = 1 rad/s:

    >>> import numpy as np, spinthermo as st
    >>> sx = np.array([[0, 1], [1, 0]]); sm = np.array([[0, 0], [1, 0]])  # |0⟩ excited
    >>> ness = st.steady_state(0.5 * sx, [np.sqrt(2.0) * sm])
    >>> round(float(ness.state[0, 0].real), 6)  # excited population Ω²/4 / (γ²/4 + Ω²/2)
    0.166667
    """
    options = SteadyStateOptions() if options is None else options
    if not isinstance(options, SteadyStateOptions):
        raise TypeError(f"options must be a spinthermo.SteadyStateOptions; received "
                        f"{type(options).__name__}")
    system = build_open_system(H, c_ops, mean_field)
    if system.is_time_dependent:
        raise ValueError("steady_state needs a time-independent H and c_ops; received "
                         "time-dependent terms (evolve the system instead, or average them)")
    method = _method(options, system)
    if method in ("newton", "self-consistent", "self-consistent+newton") and system.size \
            > DENSE_LIMIT:
        raise ValueError(f"method {options.method!r} needs a dense generator (d ≤ "
                         f"{round(np.sqrt(DENSE_LIMIT))}); use method='sparse'")
    guess = None
    if options.initial_guess is not None:
        guess = vec(as_density_matrix("options.initial_guess", options.initial_guess,
                                      system.dimension))

    started = time.perf_counter()
    unique: bool | None = None
    if method == "krylov":
        solution = _krylov(system, options)
        unique = True if options.check_unique else None
    elif method == "sparse":
        _require_linear(system, "sparse")
        solution = engine.steady_state_sparse(system.liouvillian, system.trace, tol=options.tol)
    elif method == "direct" or system.is_linear:
        method = "direct"
        solution = engine.steady_state(system.generator(), tol=options.tol,
                                       check_unique=options.check_unique)
        unique = True if options.check_unique else None
    else:
        solution, method = _nonlinear(system.generator(), guess, method, options)
    elapsed = time.perf_counter() - started
    stats = {"method": method, "solve_time_s": elapsed, "liouvillian_size": system.size,
             "sparse": system.is_sparse, "mean_field_terms": int(system.feedback_rows.shape[0])}
    return SteadyStateResult.of_solution(unvec(solution.state), solution, unique, options,
                                         dims=system.dims, stats=stats)
