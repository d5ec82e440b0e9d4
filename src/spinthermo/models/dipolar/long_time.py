"""The t → ∞ state of the dipolar cluster, unique or not (seed 003 Secs. III–IV).

**Unique steady state.** The product Gibbs state ⊗ diag(n̄, n̄+1)/(2n̄+1) is stationary for
every f and γ (each collective jump lowers H_s by ω0 and (n̄+1)/n̄ = e^{βω0}; H_d commutes with
N_exc). When γ is positive definite the jump operators span every σ^±_i, whose commutant is
trivial, so that state is the unique one (Spohn/Frigerio): the t → ∞ coherence of a generic
geometry is **zero**. Finite long-time coherence (seed 003 Eq. 5, Fig. 4) needs a singular γ,
e.g. the ξ → 0 limit γ_ij = γ0, where the null space is degenerate (conserved total-spin
sectors) and the long-time state depends on the initial state; for small but finite ξ the
paper's "long-time" coherence is a plateau that decays on the time scale set by the smallest
eigenvalue of γ. :func:`long_time_state_general` uses the certified Gibbs state or the sparse
steady state when γ is positive definite and otherwise projects the initial state onto the null
space (dense, small blocks) or evolves it to convergence — never an arbitrary null vector.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import scipy.linalg
import scipy.sparse
import scipy.sparse.linalg

from spinthermo.core.checks import require_positive, require_range
from spinthermo.core.projection import BlockProjection
from spinthermo.core.steady import DEFAULT_STEADY_TOL, SteadyStateError, steady_state_sparse
from spinthermo.models.dipolar.basis import (
    MAX_FULL_ATOMS,
    conserving_projection,
    has_cross_sector_coherence,
    require_atoms,
)
from spinthermo.models.dipolar.master_equation import liouvillian_conserving, liouvillian_full
from spinthermo.thermo.coherence import l1_coherence

if TYPE_CHECKING:
    from spinthermo.models.dipolar.cluster import DipolarCluster

#: γ counts as positive definite (unique steady state) when λ_min(γ) > this × λ_max(γ). Below
#: it the sparse LU of the bordered system is ill-conditioned and the degenerate path is used.
POSITIVE_DEFINITE_TOLERANCE = 1e-9
#: Largest Liouvillian block handled by dense spectral projection in the degenerate case
#: (N ≤ 6 on the Δn = 0 block: C(12, 6) = 924); larger blocks are evolved to convergence.
DENSE_PROJECTION_LIMIT = 1000
#: Eigenvalues with ``|λ|`` ≤ this × ``max|L|`` count as zero in the spectral projection.
NULL_TOLERANCE = 1e-9
#: Long-time evolution stops when two states a time-doubling apart differ by ≤ this (max
#: entry); the trace is conserved to rounding, so this bounds the distance to the limit.
CONVERGENCE_TOLERANCE = 1e-10
#: Largest block for the sparse-LU steady state: SuperLU fills the bordered Δn = 0 block in
#: to nearly dense (N = 7: 9.0e6 factor entries for 3432² = 1.2e7; N = 8: 1.4e8, ~10 min).
LU_LIMIT = 4000


@dataclass(frozen=True)
class LongTimeState:
    """The t → ∞ state of :func:`long_time_state_general` and how it was obtained.

    Parameters
    ----------
    state : ndarray of complex, shape (2^N, 2^N)
        lim ρ(t), computational basis.
    method : str
        ``"gibbs-certified"`` (unique steady state = product Gibbs state, certified by its
        residual), ``"sparse-lu"`` (unique steady state, sparse LU of the bordered block),
        ``"projection"`` (spectral projection of ρ(0) onto the null space; equals the time
        average if undamped oscillations remain, flagged by ``oscillating``) or
        ``"evolution"`` (Krylov propagation until two states a time-doubling apart agree to
        CONVERGENCE_TOLERANCE).
    unique : bool
        Whether the steady state is unique (γ positive definite).
    residual : float
        ``max|ℒx|/max|ℒ|`` of the state on the block it was found in (dimensionless).
    oscillating : bool
        Whether undamped oscillations remain (purely imaginary eigenvalues of ℒ).
    block : str
        ``"conserving"`` (the Δn = 0 block) or ``"full"`` (the 4^N space).
    parameters : DipolarClusterParameters
        The cluster's inputs.
    """

    state: np.ndarray
    method: str
    unique: bool
    residual: float
    oscillating: bool
    block: str
    parameters: Any

    @property
    def l1(self) -> float:
        """l1 coherence in the computational basis (seed 003 Eq. 4)."""
        return float(l1_coherence(self.state))


def _null_projection(lv: np.ndarray, x0: np.ndarray) -> tuple[np.ndarray, bool]:
    evals, left, right = scipy.linalg.eig(lv, left=True, right=True)
    scale = max(float(np.max(np.abs(lv))), 1e-300)
    null = np.abs(evals) <= NULL_TOLERANCE * scale
    if not np.any(null):
        raise SteadyStateError("the Liouvillian has no zero eigenvalue (check the couplings)")
    oscillating = bool(np.any(~null & (np.abs(evals.real) <= NULL_TOLERANCE * scale)))
    r, lt = right[:, null], left[:, null]
    coeff = np.linalg.solve(lt.conj().T @ r, lt.conj().T @ x0)
    return r @ coeff, oscillating


def _evolve_to_convergence(lv, x0: np.ndarray, t_start: float, t_max: float) -> np.ndarray:
    x_prev = scipy.sparse.linalg.expm_multiply(lv * t_start, x0)
    t = t_start
    while t < t_max:
        x = scipy.sparse.linalg.expm_multiply(lv * t, x_prev)
        t *= 2
        if np.max(np.abs(x - x_prev)) <= CONVERGENCE_TOLERANCE:
            return x
        x_prev = x
    raise SteadyStateError(
        f"the state did not converge by t = {t_max:.3g} s (change {np.max(np.abs(x - x_prev)):.2e}"
        f" > {CONVERGENCE_TOLERANCE:g}); the null space may be degenerate with slow relaxation"
    )


def long_time_state_general(cluster: DipolarCluster, initial_state=None, *,
                            method: str = "auto", t_max: float | None = None,
                            tol: float = DEFAULT_STEADY_TOL) -> LongTimeState:
    """lim_{t→∞} ρ(t) of seed 003 Eq. (1) for any couplings (Sec. IV for general geometry).

    Parameters
    ----------
    cluster : DipolarCluster
        The couplings and n̄.
    initial_state : array_like or Qobj, optional
        ρ(0), a (2^N, 2^N) density matrix or a ket; default the ground state.
    method : {"auto", "sparse-lu"}, optional
        How a unique steady state is found (see the notes).
    t_max : float, optional
        Longest propagation in s for a singular γ (default 1e6/(γ_max (2n̄+1))).
    tol : float, optional
        Largest accepted residual ``max|ℒx|/max|ℒ|`` (default DEFAULT_STEADY_TOL).

    Returns
    -------
    LongTimeState
        ``state`` (2^N, 2^N), computational basis, with how it was found and its residual.

    Notes
    -----
    Works on the Δn = 0 block unless ρ(0) (default: ground state) has coherences between
    different excitation numbers (then the full space, N ≤ MAX_FULL_ATOMS).

    * γ positive definite: the steady state is unique (module docstring). ``method="auto"``
      takes the product Gibbs state, which is stationary for every f and γ, and certifies it
      by the residual ``max|ℒx|/max|ℒ|`` ≤ ``tol`` (default DEFAULT_STEADY_TOL; one sparse
      product; N = 10 in seconds) — uniqueness plus a vanishing residual make it *the* steady state.
      ``method="sparse-lu"`` solves the bordered system with the engine's
      :func:`~spinthermo.core.steady.steady_state_sparse` instead (an independent check; the
      LU fills in to nearly dense, so blocks ≤ LU_LIMIT, N ≤ 7).
    * γ singular (e.g. identical couplings): the null space is degenerate and the engine
      would rightly refuse; the state is the projection of ρ(0) onto the null space (dense
      spectral projection, blocks ≤ DENSE_PROJECTION_LIMIT) or ρ(0) propagated until
      converged (``t_max`` default 1e6/(γ_max (2n̄+1))). Never an arbitrary null vector.
    """
    if method not in ("auto", "sparse-lu"):
        raise ValueError(f"method must be 'auto' or 'sparse-lu'; received {method!r}")
    require_range("tol", tol, 0.0, 1.0, low_inclusive=False)
    rho0 = cluster.resolve_initial_state(initial_state)
    n = cluster.n_atoms
    if has_cross_sector_coherence(rho0, n):
        require_atoms(n, MAX_FULL_ATOMS, "number of atoms (full space)")
        proj, lv, block = (BlockProjection.identity(cluster.dimension),
                           liouvillian_full(cluster), "full")
    else:
        proj = conserving_projection(n)
        lv, block = liouvillian_conserving(cluster, proj), "conserving"
    params = cluster.parameters
    scale = max(float(abs(lv).max()), 1e-300)
    x0 = proj.restrict(rho0)
    if cluster.gamma_is_positive_definite():
        if method == "auto":
            x = proj.restrict(cluster.gibbs_state())
            residual = float(np.max(np.abs(lv @ x)) / scale)
            if residual <= tol:
                return LongTimeState(cluster.gibbs_state(), "gibbs-certified", True, residual,
                                     False, block, params)
        if proj.size > LU_LIMIT:
            raise SteadyStateError(
                f"the sparse LU of a {proj.size}-dimensional block fills in to nearly dense; "
                f"method='sparse-lu' is limited to {LU_LIMIT} coordinates (N ≤ 7)"
            )
        trace = proj.row(np.eye(cluster.dimension, dtype=complex).T.reshape(-1))
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", scipy.sparse.linalg.MatrixRankWarning)
                result = steady_state_sparse(lv, trace, tol=tol)
            state = _hermitian(proj.embed(result.state))
            return LongTimeState(state, "sparse-lu", True, float(result.residual), False,
                                 block, params)
        except SteadyStateError:  # numerically singular after all: treat as degenerate
            pass
    if proj.size <= DENSE_PROJECTION_LIMIT:
        x, oscillating = _null_projection(lv.toarray(), x0)
        how = "projection"
    else:
        rate = max(float(np.max(np.abs(np.diag(cluster.gamma)))), 1e-300) * (
            2 * cluster.nbar + 1)
        limit = 1e6 / rate if t_max is None else require_positive("t_max", t_max, unit="s")
        x = _evolve_to_convergence(lv, x0, 1.0 / rate, limit)
        oscillating, how = False, "evolution"
    residual = float(np.max(np.abs(lv @ x)) / scale)
    return LongTimeState(_hermitian(proj.embed(x)), how, False, residual, oscillating,
                         block, params)


def _hermitian(rho: np.ndarray) -> np.ndarray:
    return 0.5 * (rho + rho.conj().T)


__all__ = ["LongTimeState", "long_time_state_general"]
