"""Steady states of linear and mean-field master equations.

Linear: the null vector of ``L`` normalised by the trace, found by replacing one equation of
``L x = 0`` with ``t·x = 1`` (trace preservation makes the rows of ``L`` dependent).
Mean field: Newton's method on the same trace-constrained system with the analytic Jacobian;
quadratic convergence means a handful of stacked ``solve`` calls for a whole batch.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from spinthermo.core.checks import require_range
from spinthermo.core.generator import MeanFieldGenerator, trace_pivot

#: Newton stops when ``max|dx/dt| ≤ tol · max|A + Σ_k (c_k·x) B_k|``: the residual relative to the
#: generator's norm at the state (:meth:`MeanFieldGenerator.scale`), so that the test means the
#: same at Γ = 1 s⁻¹ and Γ = 1e12 s⁻¹; 1e-12 is ~1e4 ε, above the rounding of one evaluation.
DEFAULT_STEADY_TOL = 1e-12
#: Largest generator size n = d² solved by the compiled Newton kernel
#: (:mod:`spinthermo.core.newton_kernel`); above it NumPy's batched calls cost less than
#: their overhead and the loops' arithmetic dominates.
COMPILED_NEWTON_MAX_SIZE = 256
#: Singular-value ratio below which the bordered linear system counts as singular, i.e. the
#: generator has more than one independent steady state (a conserved quantity besides trace).
DEGENERACY_TOL = 1e-12


class SteadyStateError(RuntimeError):
    """No (unique) steady state was found; the message says why and what was reached."""


@dataclass(frozen=True)
class SteadyStateSolution:
    """Steady-state coordinates with the residual and iteration count of the solve.

    Parameters
    ----------
    state : numpy.ndarray, shape (..., n)
        Steady-state coordinates x (``vec(ρ)`` for a Liouvillian), with ``t·x = 1``; ``...`` is
        the generator's batch shape.
    residual : numpy.ndarray, shape (...)
        ``max|dx/dt| / max|A_eff(x)|`` at ``state`` (:func:`relative_residual`), dimensionless.
    iterations : int
        Newton or fixed-point iterations taken (0 for a linear solve).
    """

    state: np.ndarray
    residual: np.ndarray
    iterations: int


def _bordered(matrix: np.ndarray, trace: np.ndarray, row: int) -> tuple[np.ndarray, np.ndarray]:
    """``matrix`` with row ``row`` replaced by ``w·t``, and the weights ``w = max|matrix|``.

    Weighting the trace row by the generator's norm keeps the bordered system's singular
    values on one scale, so the degeneracy test (:data:`DEGENERACY_TOL`) and the solve mean the
    same at Γ = 1 s⁻¹ and Γ = 1e12 s⁻¹; the row's right-hand side is multiplied by ``w`` too.
    """
    out = np.array(matrix, dtype=complex, copy=True)
    weight = np.max(np.abs(out), axis=(-2, -1))
    weight = np.where(weight > 0, weight, 1.0)
    out[..., row, :] = weight[..., None] * trace
    return out, weight


def _trace_constraint(trace: np.ndarray) -> tuple[int, np.ndarray]:
    """The row replaced by ``t·x = 1`` and the right-hand side of the bordered system."""
    row = trace_pivot(trace)
    rhs = np.zeros(trace.size, dtype=complex)
    rhs[row] = 1.0
    return row, rhs


def _solve_bordered(bordered: np.ndarray, rhs: np.ndarray) -> np.ndarray:
    """Solve a (batch of) bordered system(s) for the trace-normalised null vector."""
    return np.linalg.solve(bordered, np.broadcast_to(rhs, bordered.shape[:-1])[..., None])[..., 0]


def starting_state(generator: MeanFieldGenerator, initial_guess=None) -> np.ndarray:
    """Newton's starting coordinates: ``initial_guess`` over the batch, or the maximally mixed
    state (x ∝ t*).

    Parameters
    ----------
    generator : MeanFieldGenerator
        Generator on n coordinates, batch shape ``B``.
    initial_guess : array_like, shape (..., n), optional
        Coordinates broadcasting to ``(*B, n)``; None gives the maximally mixed state.

    Returns
    -------
    numpy.ndarray
        A new complex array of shape ``(*B, n)`` (coordinates of ρ, dimensionless).
    """
    if initial_guess is None:
        initial_guess = generator.trace.conj() / np.vdot(generator.trace, generator.trace).real
    return np.array(np.broadcast_to(initial_guess, (*generator.batch_shape, generator.size)),
                    dtype=complex)


def relative_residual(generator: MeanFieldGenerator, x: np.ndarray) -> np.ndarray:
    """``max|dx/dt| / max|A_eff(x)|`` (see :data:`DEFAULT_STEADY_TOL`).

    Parameters
    ----------
    generator : MeanFieldGenerator
        Generator ``A x + Σ_k (c_k·x) B_k x`` on n coordinates, possibly batched (``batch_shape``).
    x : numpy.ndarray, shape (..., n)
        Coordinates at which to evaluate the residual.

    Returns
    -------
    numpy.ndarray, shape (...)
        The residual relative to the generator's largest entry at ``x``, dimensionless.
    """
    scale = generator.scale(x)
    return np.max(np.abs(generator.rhs(x)), axis=-1) / np.where(scale > 0, scale, 1.0)


def _compiled_newton_entries(generator: MeanFieldGenerator, x: np.ndarray, row: int,
                             tol: float, max_iterations: int, restrict: bool = True
                             ) -> tuple[SteadyStateSolution, np.ndarray]:
    """Newton's method through :mod:`spinthermo.core.newton_kernel`, every batch entry on its
    own: the solution (last iterates) and the per-entry convergence mask, shape ``batch``.
    Raises :class:`SteadyStateError` only for an exactly singular Jacobian, which LAPACK
    reports for the whole batch.

    Newton runs on :meth:`MeanFieldGenerator.invariant_coordinates` of the starting states'
    support (the coordinates outside it stay exactly 0), so a symmetric problem costs the
    arithmetic of its sector: seed 000's z-pumped NESS is 8 populations of 34 coordinates
    (⁸⁷Rb). Its residual's scale ``max|A_eff|`` is then taken over that sector, at most the
    full one, so the test is as strict or stricter."""
    from spinthermo.core.newton_kernel import CONVERGED, newton_steady_states

    batch, n = x.shape[:-1], generator.size
    kept = (generator.invariant_coordinates(np.any(x.reshape(-1, n) != 0, axis=0)) if restrict
            else np.arange(n))
    if kept.size < n and np.any(generator.trace[kept] != 0):
        solution, converged = _compiled_newton_entries(
            generator.restricted(kept), x[..., kept], trace_pivot(generator.trace[kept]), tol,
            max_iterations, restrict=False)
        states = np.zeros((*batch, n), dtype=complex)
        states[..., kept] = solution.state
        return SteadyStateSolution(states, solution.residual, solution.iterations), converged
    k = generator.feedback_rows.shape[-2]

    def flat(array, shape):  # a view over the batch; reshape copies only what is not shared
        return np.broadcast_to(array, (*batch, *shape)).reshape(-1, *shape)

    try:
        states, residuals, iterations, status = newton_steady_states(
            flat(generator.linear, (n, n)), flat(generator.feedback_rows, (k, n)),
            flat(generator.feedback_ops, (k, n, n)), generator.trace, row, x.reshape(-1, n),
            tol, max_iterations)
    except np.linalg.LinAlgError as exc:
        raise SteadyStateError(
            "Newton's Jacobian became singular: the steady state may not be unique or the "
            "initial guess is poor") from exc
    solution = SteadyStateSolution(states.reshape(*batch, n), residuals.reshape(batch),
                                   int(iterations.max()))
    return solution, (status == CONVERGED).reshape(batch)


def _compiled_newton(generator: MeanFieldGenerator, x: np.ndarray, row: int, tol: float,
                     max_iterations: int) -> SteadyStateSolution:
    """:func:`_compiled_newton_entries`, raising :class:`SteadyStateError` as the NumPy loop
    does when any entry has not converged."""
    solution, converged = _compiled_newton_entries(generator, x, row, tol, max_iterations)
    if not np.all(converged):
        residuals = solution.residual
        worst = np.nanmax(np.where(converged, -np.inf, residuals))
        raise SteadyStateError(
            f"Newton's method did not converge in {max_iterations} iterations for "
            f"{int(np.sum(~converged))} of {converged.size} entries: largest relative "
            f"residual {worst:.2e} > tol={tol:g}; try a better initial_guess (e.g. a state "
            "from time evolution)")
    return solution


def _linearised(generator: MeanFieldGenerator, x: np.ndarray):
    """``A_eff(x)``, ``dx/dt = A_eff(x) x`` and :func:`relative_residual` from one evaluation
    of ``A_eff``, which Newton's Jacobian reuses."""
    frozen = generator.effective_liouvillian(x)
    rate = np.matmul(frozen, x[..., None])[..., 0]
    scale = np.max(np.abs(frozen), axis=(-2, -1))
    return frozen, rate, np.max(np.abs(rate), axis=-1) / np.where(scale > 0, scale, 1.0)


def _check_unique(bordered: np.ndarray) -> None:
    singular = np.linalg.svd(bordered, compute_uv=False)
    ratio = singular[..., -1] / singular[..., 0]
    if np.any(ratio < DEGENERACY_TOL):
        raise SteadyStateError(
            "the steady state is not unique: the generator conserves a quantity besides the "
            f"trace (smallest/largest singular value {np.min(ratio):.2e}); choose the initial "
            "state's sector, e.g. by time evolution"
        )


def steady_state(
    generator: MeanFieldGenerator,
    initial_guess: np.ndarray | None = None,
    *,
    tol: float = DEFAULT_STEADY_TOL,
    max_iterations: int = 50,
    check_unique: bool = True,
) -> SteadyStateSolution:
    """Steady state of ``A x + Σ_k (c_k·x) B_k x = 0`` with ``t·x = 1``, for a batch at once.

    Linear generators are solved directly (``check_unique`` tests the bordered system for
    singularity, which signals a degenerate null space). Mean-field generators use Newton's
    method from ``initial_guess`` (default: the maximally mixed state) and raise
    :class:`SteadyStateError` if the residual has not fallen below ``tol`` after
    ``max_iterations``.

    Parameters
    ----------
    generator : MeanFieldGenerator
        Generator ``A x + Σ_k (c_k·x) B_k x`` on n coordinates, possibly batched (``batch_shape``).
    initial_guess : numpy.ndarray, shape (..., n), optional
        Newton's starting coordinates (default the maximally mixed state, x ∝ t*); ignored
        for a linear generator.
    tol : float, optional
        Largest accepted relative residual, in (0, 1] (default :data:`DEFAULT_STEADY_TOL`).
    max_iterations : int, optional
        Newton iterations before giving up (default 50).
    check_unique : bool, optional
        For a linear generator, raise if the null space is more than one-dimensional
        (default True).

    Returns
    -------
    SteadyStateSolution
        Coordinates ``(..., n)`` with ``t·x = 1``, residual and iteration count.

    Raises
    ------
    SteadyStateError
        Degenerate null space, singular Jacobian, or no convergence.

    Examples
    --------
    >>> gen = MeanFieldGenerator.linear_only(np.array([[-2.0, 1.0], [2.0, -1.0]]), np.ones(2))
    >>> steady_state(gen).state.real.round(6)
    array([0.333333, 0.666667])
    """
    require_range("tol", tol, 0.0, 1.0, low_inclusive=False)
    trace = generator.trace
    row, rhs = _trace_constraint(trace)
    if generator.is_linear:
        bordered, weight = _bordered(np.broadcast_to(generator.linear, (*generator.batch_shape,
                                                                         generator.size,
                                                                         generator.size)),
                                     trace, row)
        if check_unique:
            _check_unique(bordered)
        x = _solve_bordered(bordered, weight[..., None] * rhs)
        return SteadyStateSolution(x, relative_residual(generator, x), 0)

    x = starting_state(generator, initial_guess)
    if generator.size <= COMPILED_NEWTON_MAX_SIZE:
        return _compiled_newton(generator, x, row, tol, max_iterations)
    frozen, f, residual = _linearised(generator, x)
    for iteration in range(1, max_iterations + 1):
        jac, weight = _bordered(frozen + generator.feedback_jacobian(x), trace, row)
        f[..., row] = weight * (x @ trace - 1.0)
        try:
            x = x - np.linalg.solve(jac, f[..., None])[..., 0]
        except np.linalg.LinAlgError as exc:
            raise SteadyStateError(
                f"Newton's Jacobian became singular at iteration {iteration}: the steady state "
                "may not be unique or the initial guess is poor"
            ) from exc
        frozen, f, residual = _linearised(generator, x)
        if np.all(residual <= tol) and np.all(np.isfinite(x)):
            return SteadyStateSolution(x, residual, iteration)
    raise SteadyStateError(
        f"Newton's method did not converge in {max_iterations} iterations: largest relative "
        f"residual {np.nanmax(residual):.2e} > tol={tol:g}; try a better initial_guess (e.g. "
        "a state from time evolution)"
    )


def steady_states(
    generator: MeanFieldGenerator,
    initial_guess: np.ndarray | None = None,
    *,
    tol: float = DEFAULT_STEADY_TOL,
    max_iterations: int = 50,
) -> tuple[SteadyStateSolution, np.ndarray]:
    """:func:`steady_state` of a batch that reports, rather than raises, entries that fail.

    The same Newton iteration on ``A x + Σ_k (c_k·x) B_k x = 0`` with ``t·x = 1``; each
    entry of a mean-field batch with ``n ≤`` :data:`COMPILED_NEWTON_MAX_SIZE` converges on
    its own (:mod:`spinthermo.core.newton_kernel`), so its state, residual and iterations are
    those :func:`steady_state` gives for that entry alone, and an entry that does not
    converge (or leaves the finite numbers) is marked in the mask instead of failing its
    neighbours.

    Parameters
    ----------
    generator : MeanFieldGenerator
        Generator on n coordinates, batch shape ``B`` (``batch_shape``).
    initial_guess : numpy.ndarray, shape (..., n), optional
        Newton's starting coordinates (default the maximally mixed state, x ∝ t*).
    tol : float, optional
        Largest accepted relative residual, in (0, 1] (default :data:`DEFAULT_STEADY_TOL`).
    max_iterations : int, optional
        Newton iterations per entry before it counts as not converged (default 50).

    Returns
    -------
    solution : SteadyStateSolution
        Coordinates ``(*B, n)`` (the last iterate where an entry failed), residuals ``B``
        and the largest iteration count.
    converged : numpy.ndarray of bool, shape B
        Whether each entry reached ``residual ≤ tol`` with finite coordinates.

    Raises
    ------
    SteadyStateError
        For the whole batch: an exactly singular Jacobian (LAPACK does not say which entry),
        or, where the per-entry kernel does not apply (a linear generator, or n above
        :data:`COMPILED_NEWTON_MAX_SIZE`), whatever :func:`steady_state` raises.

    Notes
    -----
    A linear generator, or a mean-field one larger than the kernel's limit, is solved by
    :func:`steady_state` as one batch; when that returns, the mask marks the entries whose
    residual is finite and at most ``tol``.
    """
    require_range("tol", tol, 0.0, 1.0, low_inclusive=False)
    if generator.is_linear or generator.size > COMPILED_NEWTON_MAX_SIZE:
        solution = steady_state(generator, initial_guess, tol=tol,
                                max_iterations=max_iterations)
        residual = np.asarray(solution.residual)
        return solution, np.isfinite(residual) & (residual <= tol)
    row, _rhs = _trace_constraint(generator.trace)
    return _compiled_newton_entries(generator, starting_state(generator, initial_guess), row,
                                    tol, max_iterations)


def self_consistent_steady_state(
    generator: MeanFieldGenerator,
    initial_guess: np.ndarray | None = None,
    *,
    tol: float = 1e-8,
    max_iterations: int = 200,
) -> SteadyStateSolution:
    """Steady state by self-consistent iteration of the frozen mean-field generator.

    Freeze the expectation values at the current state, take the steady state of that linear
    generator, repeat. Each iterate is the steady state of a fixed Liouvillian, hence a
    physical state when that Liouvillian is of Lindblad form; the iteration converges
    linearly to the physical solution where Newton's method, started far away, can land on an
    unphysical root of the nonlinear equations. Use it to start Newton.

    Parameters
    ----------
    generator : MeanFieldGenerator
        Generator ``A x + Σ_k (c_k·x) B_k x`` on n coordinates, possibly batched (``batch_shape``).
    initial_guess : numpy.ndarray, shape (..., n), optional
        Starting coordinates (default the maximally mixed state).
    tol : float, optional
        Stop when ``max|x_(k+1) − x_k| ≤ tol`` (default 1e-8).
    max_iterations : int, optional
        Iterations before giving up (default 200).

    Returns
    -------
    SteadyStateSolution
        Coordinates ``(..., n)``, relative residual and iteration count (a linear generator is
        solved directly by :func:`steady_state`).

    Raises
    ------
    SteadyStateError
        When the iteration has not converged after ``max_iterations``.
    """
    if generator.is_linear:
        return steady_state(generator)
    x = starting_state(generator, initial_guess)
    trace = generator.trace
    row, rhs = _trace_constraint(trace)
    for iteration in range(1, max_iterations + 1):
        bordered, weight = _bordered(generator.effective_liouvillian(x), trace, row)
        new = _solve_bordered(bordered, weight[..., None] * rhs)
        change = np.max(np.abs(new - x))
        x = new
        if change <= tol:
            return SteadyStateSolution(x, relative_residual(generator, x), iteration)
    raise SteadyStateError(
        f"self-consistent iteration did not converge in {max_iterations} iterations (last "
        f"change {change:.2e} > tol={tol:g})"
    )


def steady_state_sparse(
    liouvillian, trace: np.ndarray, *, tol: float = DEFAULT_STEADY_TOL
) -> SteadyStateSolution:
    """Steady state of a large sparse linear Liouvillian (any ``scipy.sparse`` matrix).

    Solves the bordered system with a sparse LU (SuperLU) and reports the relative residual;
    raises :class:`SteadyStateError` when the factorisation is singular (degenerate null space)
    or the residual exceeds ``tol``.

    Parameters
    ----------
    liouvillian : scipy.sparse array or array_like, shape (n, n)
        Linear generator L in s⁻¹ (n = d*d for ``vec(ρ)``, column stacking).
    trace : numpy.ndarray, shape (n,)
        Trace row t, ``t·x = Tr ρ`` (:func:`~spinthermo.core.superop.trace_row`).
    tol : float, optional
        Largest accepted ``max|L x| / max|L|`` (default :data:`DEFAULT_STEADY_TOL`).

    Returns
    -------
    SteadyStateSolution
        Coordinates ``(n,)`` with ``t·x = 1``, a 0-d residual and 0 iterations.
    """
    import scipy.sparse  # imported by the sparse path only (0.15 s)
    import scipy.sparse.linalg

    matrix = scipy.sparse.csr_array(liouvillian, dtype=complex).tolil()
    trace = np.asarray(trace, dtype=complex)
    row, rhs = _trace_constraint(trace)
    matrix[row, :] = trace
    try:
        x = scipy.sparse.linalg.spsolve(matrix.tocsc(), rhs)
    except RuntimeError as exc:  # SuperLU reports an exactly singular factor this way
        raise SteadyStateError(f"the sparse bordered system is singular: {exc}") from exc
    if not np.all(np.isfinite(x)):
        raise SteadyStateError("the sparse bordered system is singular (non-finite solution)")
    lv = scipy.sparse.csr_array(liouvillian, dtype=complex)
    scale = abs(lv).max()
    residual = np.max(np.abs(lv @ x)) / (scale if scale > 0 else 1.0)
    if residual > tol:
        raise SteadyStateError(
            f"sparse steady state residual {residual:.2e} exceeds tol={tol:g}; the null space "
            "may be degenerate"
        )
    return SteadyStateSolution(x, np.asarray(residual), 0)
