"""The Dicke reduction of seed 003 Eqs. (1)–(3) for identical couplings (Secs. III–IV).

For f_ij = f0, γ_ij = γ0 (all i, j, diagonal included) every operator is collective:
H_d = f0 (J₊J₋ − J_z − N/2), D± = γ0 [(n̄+1) D[J₋] + n̄ D[J₊]], and the symmetric subspace
(N + 1 levels) is invariant. H_d is diagonal there, so a Dicke-diagonal state (e.g. the ground
state) stays diagonal, independent of f0, and obeys a birth–death rate equation. The long-time
state from any symmetric state is the Gibbs state restricted to the symmetric subspace,
p_n ∝ x^n with x = n̄/(n̄+1), so

    C_l1^lt = Σ_n x^n (C(N, n) − 1) / Σ_n x^n,

which for N = 2 is n̄(n̄+1)/(3n̄(n̄+1)+1) (seed 003 Eq. 5 at t → ∞). It grows like
((1+x)^N)/(N+1) — exponentially, not cubically as the fit of seed 003 Fig. 4 (N ≤ 7).

Dicke basis: ``|J = N/2, M⟩`` with M descending from N/2 (all excited) to −N/2 (ground), i.e.
index q ↔ n = N − q excitations, the same order as the computational basis of
:mod:`spinthermo.models.dipolar.basis`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import scipy.sparse
import scipy.special

from spinthermo.core.checks import (
    require_density_matrix,
    require_finite,
    require_nonnegative,
    require_positive,
    require_times,
)
from spinthermo.core.evolution import evolve, evolve_sparse_linear
from spinthermo.core.generator import MeanFieldGenerator
from spinthermo.core.projection import BlockProjection
from spinthermo.core.spin import spin_projections
from spinthermo.core.superop import sparse_liouvillian
from spinthermo.models.dipolar.basis import MAX_BLOCK_ATOMS, excitation_numbers, require_atoms

#: Absolute error assumed per propagated Dicke-basis element (expm / Krylov at double
#: precision on O(1) entries: a few ulp times the number of steps), for ``l1_error``.
POPULATION_ERROR = 1e-14


def _log_binomial(n_atoms: int, n: np.ndarray) -> np.ndarray:
    return (scipy.special.gammaln(n_atoms + 1) - scipy.special.gammaln(n + 1)
            - scipy.special.gammaln(n_atoms - n + 1))


def dicke_excitations(n_atoms: int) -> np.ndarray:
    """Excitation number n = N/2 + M of each Dicke level, M descending: [N, N−1, …, 0].

    Parameters
    ----------
    n_atoms : int
        Number of atoms N ≥ 1.

    Returns
    -------
    ndarray of int, shape (N + 1,)
        n of each level ``|N/2, M⟩`` in the order of :func:`dicke_operators`.
    """
    n_atoms = require_atoms(n_atoms)
    return np.arange(n_atoms, -1, -1)


def dicke_operators(n_atoms: int) -> tuple[scipy.sparse.csr_array, ...]:
    """Sparse (J₊, J₋, J_z) on ``|N/2, M⟩``, M descending (core.spin convention), N + 1 levels.

    ``J₊|M⟩ = sqrt(J(J+1) − M(M+1)) |M+1⟩``, J = N/2; J± = Σ_i σ±_i restricted to the symmetric
    subspace.

    Parameters
    ----------
    n_atoms : int
        Number of atoms N ≥ 1.

    Returns
    -------
    tuple of scipy.sparse.csr_array, each of shape (N + 1, N + 1)
        (J₊, J₋, J_z), dimensionless.
    """
    n_atoms = require_atoms(n_atoms)
    m = spin_projections(n_atoms / 2) if n_atoms <= 2000 else n_atoms / 2 - np.arange(
        n_atoms + 1)
    j = n_atoms / 2
    raising = scipy.sparse.diags_array(np.sqrt(j * (j + 1) - m[1:] * (m[1:] + 1)), offsets=1,
                                       dtype=complex)
    jz = scipy.sparse.diags_array(m.astype(complex))
    return (scipy.sparse.csr_array(raising), scipy.sparse.csr_array(raising.T),
            scipy.sparse.csr_array(jz))


def dicke_liouvillian(n_atoms: int, nbar: float, f0: float = 1.0,
                      gamma0: float = 1.0) -> scipy.sparse.csr_array:
    """ℒ of seed 003 Eqs. (1)–(3) with f_ij = f0, γ_ij = γ0 on the symmetric subspace (sparse).

    H_d = f0 (J₊J₋ − J_z − N/2), dissipator γ0 [(n̄+1) D[J₋] + n̄ D[J₊]], D[A]X = AXA† −
    ½{A†A, X}.

    Parameters
    ----------
    n_atoms : int
        Number of atoms N ≥ 1.
    nbar : float
        Mean thermal photon number n̄ ≥ 0.
    f0 : float, optional
        Dipolar shift in rad/s (default 1).
    gamma0 : float, optional
        Decay rate γ0 ≥ 0 in s⁻¹ (default 1).

    Returns
    -------
    scipy.sparse.csr_array, shape ((N+1)², (N+1)²)
        ℒ in s⁻¹, acting on the column-stacked Dicke-basis ρ.
    """
    n_atoms = require_atoms(n_atoms)
    require_nonnegative("nbar", nbar)
    require_finite("f0", f0)
    require_nonnegative("gamma0", gamma0)
    jp, jm, jz = dicke_operators(n_atoms)
    eye = scipy.sparse.identity(n_atoms + 1, dtype=complex, format="csr")
    h = f0 * (jp @ jm - jz - 0.5 * n_atoms * eye)
    return sparse_liouvillian(h, [jm, jp], [gamma0 * (nbar + 1), gamma0 * nbar])


def dicke_rate_matrix(n_atoms: int, nbar: float, gamma0: float = 1.0) -> np.ndarray:
    """Birth–death generator W of the Dicke populations, dp/dt = W p (seed 003 Eqs. 1–3).

    Exactly ℒ of :func:`dicke_liouvillian` restricted to the diagonal (Δm = 0 for the
    populations; H_d is diagonal and drops out): down from M at γ0(n̄+1)(J+M)(J−M+1), up at
    γ0 n̄ (J−M)(J+M+1).

    Parameters
    ----------
    n_atoms : int
        Number of atoms N ≥ 1.
    nbar : float
        Mean thermal photon number n̄ ≥ 0.
    gamma0 : float, optional
        Decay rate γ0 ≥ 0 in s⁻¹ (default 1).

    Returns
    -------
    scipy.sparse.csr_array, shape (N + 1, N + 1)
        W in s⁻¹, tridiagonal, levels M descending; its columns sum to 0.
    """
    n_atoms = require_atoms(n_atoms)
    require_nonnegative("nbar", nbar)
    require_nonnegative("gamma0", gamma0)
    j = n_atoms / 2
    m = j - np.arange(n_atoms + 1)
    down = gamma0 * (nbar + 1) * (j + m) * (j - m + 1)  # from level q to q+1
    up = gamma0 * nbar * (j - m) * (j + m + 1)  # from level q to q−1
    return scipy.sparse.csr_array(scipy.sparse.diags_array(
        [down[:-1], -(down + up), up[1:]], offsets=[-1, 0, 1]))


def dicke_l1_coherence(rho) -> float | np.ndarray:
    r"""Computational-basis l1 coherence of a symmetric-subspace state given in the Dicke basis.

    ``|D_n⟩ = C(N,n)^{-1/2} Σ_{|s|=n} |s⟩``, so ρ_{ss'} = ρ_{nn'}/sqrt(C(N,n)C(N,n')) and

    .. math::

        C_{l_1} = \sum_{n\ne n'} |\rho_{nn'}| \sqrt{C(N,n)C(N,n')}
                  + \sum_n |\rho_{nn}| (C(N,n) - 1)

    (seed 003 Eq. 4 evaluated exactly; log-binomials keep N ≥ 1000 finite while the result is).

    Parameters
    ----------
    rho : array_like, shape (..., N + 1, N + 1)
        Dicke-basis density matrix or batch, M descending.

    Returns
    -------
    float or ndarray, shape (...)
        The l1 coherence in the computational basis (dimensionless).

    Examples
    --------
    >>> round(float(dicke_l1_coherence(np.diag([0.0, 1.0, 0.0]))), 12)   # |D_1> of 2 atoms
    1.0
    """
    rho = np.asarray(require_finite("rho", rho))
    if rho.ndim < 2 or rho.shape[-1] != rho.shape[-2] or rho.shape[-1] < 2:
        raise ValueError(f"rho must have shape (..., N+1, N+1); received shape {rho.shape}")
    n_atoms = rho.shape[-1] - 1
    logc = _log_binomial(n_atoms, dicke_excitations(n_atoms).astype(float))
    absr = np.abs(rho)
    weight = np.exp(0.5 * (logc[:, None] + logc[None, :]))
    diag = np.diagonal(absr, axis1=-2, axis2=-1)
    off = np.sum(absr * weight, axis=(-2, -1)) - np.sum(diag * np.exp(logc), axis=-1)
    value = off + np.sum(diag * np.expm1(logc), axis=-1)
    return float(value) if np.ndim(value) == 0 else value


def dicke_to_computational(rho) -> np.ndarray:
    """Embed a Dicke-basis state (N+1 levels) into the 2^N computational basis (N ≤ 12).

    ``|D_n⟩ = C(N,n)^{-1/2} Σ_{|s|=n} |s⟩``: the symmetric state with n excitations.

    Parameters
    ----------
    rho : array_like, shape (..., N + 1, N + 1)
        Dicke-basis density matrix (or batch), M descending; 1 ≤ N ≤ MAX_BLOCK_ATOMS.

    Returns
    -------
    ndarray, shape (..., 2^N, 2^N)
        The same state in the computational basis of :mod:`spinthermo.models.dipolar.basis`.
    """
    rho = np.asarray(require_finite("rho", rho))
    n_atoms = require_atoms(rho.shape[-1] - 1, MAX_BLOCK_ATOMS, "number of atoms (rho)")
    nexc = excitation_numbers(n_atoms)
    basis = np.zeros((2**n_atoms, n_atoms + 1))
    for q, n in enumerate(dicke_excitations(n_atoms)):
        sel = nexc == n
        basis[sel, q] = 1.0 / math.sqrt(sel.sum())
    return basis @ rho @ basis.T


@dataclass(frozen=True)
class DickeTrajectory:
    """Dicke-basis states or populations along a trajectory, with their l1 coherence.

    Parameters
    ----------
    times : ndarray, shape (T,)
        The times, s.
    states : ndarray
        Dicke-basis states, shape (T, N + 1, N + 1), or populations, shape (T, N + 1), when
        ``diagonal``.
    l1 : ndarray, shape (T,)
        The computational-basis l1 coherence of each state (seed 003 Eq. 4).
    diagonal : bool
        Whether ``states`` holds populations only (a diagonal ρ(0) stays diagonal).
    parameters : dict
        ``n_atoms``, ``nbar``, ``f0`` (rad/s) and ``gamma0`` (s⁻¹) of the run.

    Notes
    -----
    ``l1_error`` bounds the error of ``l1`` from an absolute error POPULATION_ERROR per
    Dicke element: POPULATION_ERROR Σ_{n,n'} sqrt(C(N,n) C(N,n')) ≤ POPULATION_ERROR 2^N (N+1).
    The binomial weights amplify absolute errors, so ``l1`` of a *propagated* state is
    meaningful only while ``l1_error`` ≪ ``l1`` (N ≲ 30); the long-time value for any N is
    exact via :func:`long_time_coherence`.
    """

    times: np.ndarray
    states: np.ndarray
    l1: np.ndarray
    diagonal: bool
    parameters: dict

    @property
    def l1_error(self) -> float:
        """Upper bound on the absolute error of ``l1`` (see the class notes)."""
        n_atoms = self.states.shape[-1] - 1
        log_bound = n_atoms * math.log(2) + math.log(n_atoms + 1) + math.log(POPULATION_ERROR)
        return math.exp(min(log_bound, 709.0))


def evolve_dicke(n_atoms: int, nbar: float, times, *, f0: float = 1.0, gamma0: float = 1.0,
                 initial_state=None) -> DickeTrajectory:
    """Symmetric-subspace dynamics of seed 003 Eq. (1) with f_ij = f0, γ_ij = γ0.

    A diagonal ρ(0) evolves with the (N+1)-level rate matrix (engine ``evolve``, exact ``expm``
    propagators; ``states`` are then populations); otherwise the (N+1)² Liouvillian is
    propagated with sparse Krylov ``expm_multiply``.

    Parameters
    ----------
    n_atoms : int
        Number of atoms N ≥ 1.
    nbar : float
        Mean thermal photon number n̄ ≥ 0.
    times : array_like, shape (T,)
        Increasing times in s, ρ(times[0]) = ``initial_state``.
    f0 : float, optional
        Dipolar shift in rad/s (default 1).
    gamma0 : float, optional
        Decay rate γ0 ≥ 0 in s⁻¹ (default 1).
    initial_state : array_like, shape (N + 1, N + 1), optional
        Dicke-basis density matrix; default the ground state ``|M = −N/2⟩``.

    Returns
    -------
    DickeTrajectory
        States (T, N + 1, N + 1), or populations (T, N + 1) for a diagonal ρ(0).
    """
    n_atoms = require_atoms(n_atoms)
    times = require_times(times)
    require_nonnegative("nbar", nbar)
    require_finite("f0", f0)
    require_nonnegative("gamma0", gamma0)
    params = {"n_atoms": n_atoms, "nbar": nbar, "f0": f0, "gamma0": gamma0}
    if initial_state is None:
        rho0 = np.zeros((n_atoms + 1, n_atoms + 1), dtype=complex)
        rho0[-1, -1] = 1.0
    else:
        rho0 = require_density_matrix("initial_state", initial_state)
        if rho0.shape != (n_atoms + 1, n_atoms + 1):
            raise ValueError(f"initial_state must have shape ({n_atoms + 1}, {n_atoms + 1}); "
                             f"received {rho0.shape}")
    if np.max(np.abs(rho0 - np.diag(np.diagonal(rho0))), initial=0.0) == 0:
        rate = dicke_rate_matrix(n_atoms, nbar, gamma0).toarray()
        gen = MeanFieldGenerator.linear_only(rate, np.ones(n_atoms + 1))
        grid = np.concatenate([[0.0], times]) if times[0] > 0 else times
        pops = evolve(gen, np.diagonal(rho0), grid, method="expm").states.real
        pops = pops[-times.size:]
        logc = _log_binomial(n_atoms, dicke_excitations(n_atoms).astype(float))
        l1 = np.abs(pops) @ np.expm1(logc)
        return DickeTrajectory(times, pops, l1, True, params)
    lv = dicke_liouvillian(n_atoms, nbar, f0, gamma0)
    proj = BlockProjection.identity(n_atoms + 1)
    states = proj.embed(evolve_sparse_linear(lv, proj.restrict(rho0), times, t0=0.0))
    return DickeTrajectory(times, states, np.atleast_1d(dicke_l1_coherence(states)), False,
                           params)


def dicke_long_time_log_populations(n_atoms: int, nbar: float,
                                    gamma0: float = 1.0) -> np.ndarray:
    """ln p_q of the long-time Dicke populations from any symmetric state (seed 003 Sec. IV).

    The birth–death chain of :func:`dicke_rate_matrix` obeys detailed balance, so its unique
    stationary vector (γ0 > 0) is p_{q+1}/p_q = W[q+1, q]/W[q, q+1], accumulated in log space:
    every p_q carries relative (not absolute) rounding error. That matters because the l1
    coherence weights p_n by C(N, n) (up to ~1e299 at N = 1000): an absolute error ~1e-16 from
    a linear solve would dominate it. Equals ln[(n̄/(n̄+1))^n / Σ] (tested).

    Parameters
    ----------
    n_atoms : int
        Number of atoms N ≥ 1.
    nbar : float
        Mean thermal photon number n̄ ≥ 0.
    gamma0 : float, optional
        Decay rate γ0 > 0 in s⁻¹ (default 1).

    Returns
    -------
    ndarray of float, shape (N + 1,)
        ln p_q, levels M descending, normalised (Σ p_q = 1); for n̄ = 0 the ground state
        (0 in the last entry, −inf elsewhere).
    """
    n_atoms = require_atoms(n_atoms)
    require_nonnegative("nbar", nbar)
    require_positive("gamma0", gamma0)
    rate = dicke_rate_matrix(n_atoms, nbar, gamma0)
    down = rate.diagonal(-1)  # level q → q + 1 (one excitation fewer)
    up = rate.diagonal(1)  # level q + 1 → q
    with np.errstate(divide="ignore"):
        steps = np.log(down) - np.log(up)  # ln p_{q+1} − ln p_q
    logp = np.concatenate([[0.0], np.cumsum(steps)])
    if not np.all(np.isfinite(logp)):  # n̄ = 0: all weight in the ground state
        out = np.full(n_atoms + 1, -np.inf)
        out[-1] = 0.0
        return out
    return logp - scipy.special.logsumexp(logp)


def dicke_long_time_populations(n_atoms: int, nbar: float, gamma0: float = 1.0) -> np.ndarray:
    """Long-time Dicke populations p_q (levels M descending), seed 003 Sec. IV.

    The exponential of :func:`dicke_long_time_log_populations` (tiny ones underflow to 0).

    Parameters
    ----------
    n_atoms : int
        Number of atoms N ≥ 1.
    nbar : float
        Mean thermal photon number n̄ ≥ 0.
    gamma0 : float, optional
        Decay rate γ0 > 0 in s⁻¹ (default 1).

    Returns
    -------
    ndarray of float, shape (N + 1,)
        p_q, summing to 1.

    Examples
    --------
    >>> dicke_long_time_populations(2, 1.0).round(6).tolist()     # x = 1/2: (1/4, 1/2, 1)/(7/4)
    [0.142857, 0.285714, 0.571429]
    """
    return np.exp(dicke_long_time_log_populations(n_atoms, nbar, gamma0))


def long_time_coherence(n_atoms: int, nbar: float, f0: float = 1.0, gamma0: float = 1.0, *,
                        log: bool = False) -> float:
    r"""Long-time l1 coherence from the ground state, identical couplings (seed 003 Sec. IV).

    .. math:: C_{l_1}^{lt} = \frac{\sum_n x^n (C(N,n) - 1)}{\sum_n x^n},\quad x = \frac{\bar n}
              {\bar n + 1}

    (the Gibbs state restricted to the symmetric subspace; independent of f0 and γ0 > 0, as
    the paper observes). Evaluated with log-binomials.

    Parameters
    ----------
    n_atoms : int
        Number of atoms N ≥ 1.
    nbar : float
        Mean thermal photon number n̄ ≥ 0.
    f0 : float, optional
        Dipolar shift in rad/s (default 1; checked finite, it drops out).
    gamma0 : float, optional
        Decay rate γ0 > 0 in s⁻¹ (default 1; it drops out).
    log : bool, optional
        Return ln C_l1 instead, finite where C_l1 overflows a float (N ≳ 1100 at n̄ = 10).

    Returns
    -------
    float
        C_l1^lt (dimensionless), or its natural log with ``log=True`` (−inf for C_l1 = 0).

    Raises
    ------
    OverflowError
        C_l1 exceeds the float range and ``log`` is False.

    Examples
    --------
    >>> round(long_time_coherence(2, 10.0), 10) == round(110 / 331, 10)   # Eq. (5), t → ∞
    True
    """
    n_atoms = require_atoms(n_atoms)
    require_nonnegative("nbar", nbar)
    require_finite("f0", f0)
    require_positive("gamma0", gamma0)
    if nbar == 0:
        return -math.inf if log else 0.0
    n = np.arange(n_atoms + 1, dtype=float)
    logx = math.log(nbar) - math.log1p(nbar)
    logw = n * logx
    logc = _log_binomial(n_atoms, n)
    # C_l1 = Σ w (C − 1) / Σ w; subtract in log space stably: Σ w (C − 1) = Σ w expm1(log C)
    pos = logc > 0
    if not np.any(pos):
        return -math.inf if log else 0.0
    terms = logw[pos] + logc[pos] + np.log(-np.expm1(-logc[pos]))
    log_value = float(scipy.special.logsumexp(terms) - scipy.special.logsumexp(logw))
    if log:
        return log_value
    if log_value > 709.0:
        raise OverflowError(
            f"the coherence for N = {n_atoms}, nbar = {nbar} is e^{log_value:.1f}, beyond float "
            "range; call with log=True"
        )
    return math.exp(log_value)


__all__ = [
    "DickeTrajectory",
    "dicke_excitations",
    "dicke_l1_coherence",
    "dicke_liouvillian",
    "dicke_long_time_log_populations",
    "dicke_long_time_populations",
    "dicke_operators",
    "dicke_rate_matrix",
    "dicke_to_computational",
    "evolve_dicke",
    "long_time_coherence",
]
