"""Seed 003 Eqs. (1)–(3): the master equation of the dipolar cluster as a Liouvillian.

Interaction picture of H_s, ħ = 1::

    dρ/dt = −i[H_d, ρ] + D₋(ρ) + D₊(ρ),        H_d = Σ_{i≠j} f_ij σ⁺_i σ⁻_j,
    D₋(ρ) = Σ_ij γ_ij (n̄+1) (σ⁻_j ρ σ⁺_i − ½{σ⁺_i σ⁻_j, ρ}),
    D₊(ρ) = Σ_ij γ_ij n̄     (σ⁺_j ρ σ⁻_i − ½{σ⁻_i σ⁺_j, ρ}).

Three equal forms, tested against each other: :func:`liouvillian_full` (the full 4^N space,
term by term), :func:`liouvillian_conserving` (the Δn = 0 block of
:func:`~spinthermo.models.dipolar.basis.conserving_projection`, built sector by sector; it
equals ``L_full[kept][:, kept]``) and :func:`collapse_operators` (the diagonal Lindblad form
for the front door and QuTiP). Column stacking throughout (``vec(AXB) = (B^T ⊗ A) vec(X)``).
The functions take a :class:`~spinthermo.models.dipolar.cluster.DipolarCluster`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import scipy.sparse

from spinthermo.core.projection import BlockProjection
from spinthermo.core.superop import sparse_sprepost
from spinthermo.models.dipolar.basis import (
    MATRIX_TOLERANCE,
    MAX_BLOCK_ATOMS,
    MAX_FULL_ATOMS,
    atom_bits,
    conserving_projection,
    excitation_numbers,
    require_atoms,
    sigma_plus,
)

if TYPE_CHECKING:
    from spinthermo.models.dipolar.cluster import DipolarCluster


def liouvillian_full(cluster: DipolarCluster) -> scipy.sparse.csr_array:
    """ℒ of seed 003 Eqs. (1)–(3) on the full 4^N space, sparse, literally term by term.

    Column stacking (``vec(AXB) = (B^T ⊗ A) vec(X)``, as :mod:`spinthermo.core.superop`).
    Independent of :func:`liouvillian_conserving`, which it validates.

    Parameters
    ----------
    cluster : DipolarCluster
        The couplings f (rad/s), γ (s⁻¹), n̄ and ω0 (rad/s); N ≤ MAX_FULL_ATOMS.

    Returns
    -------
    scipy.sparse.csr_array, shape (4^N, 4^N)
        ℒ in s⁻¹; its −i[H, ·] uses the cluster's full Hamiltonian (ω0 term included).
    """
    n = require_atoms(cluster.n_atoms, MAX_FULL_ATOMS, "number of atoms")
    d = cluster.dimension
    eye = scipy.sparse.identity(d, dtype=complex, format="csr")
    h = cluster.hamiltonian()
    lv = -1j * (sparse_sprepost(h, eye) - sparse_sprepost(eye, h))
    plus = [sigma_plus(n, i) for i in range(n)]
    minus = [p.T.tocsr() for p in plus]
    nb = cluster.nbar
    for i in range(n):
        for j in range(n):
            g = cluster.gamma[i, j]
            if g == 0:
                continue
            down = plus[i] @ minus[j]
            up = minus[i] @ plus[j]
            lv = lv + g * (nb + 1) * (sparse_sprepost(minus[j], plus[i])
                                      - 0.5 * sparse_sprepost(down, eye)
                                      - 0.5 * sparse_sprepost(eye, down))
            if nb:
                lv = lv + g * nb * (sparse_sprepost(plus[j], minus[i])
                                    - 0.5 * sparse_sprepost(up, eye)
                                    - 0.5 * sparse_sprepost(eye, up))
    return scipy.sparse.csr_array(lv)


def liouvillian_conserving(cluster: DipolarCluster,
                           projection: BlockProjection | None = None,
                           ) -> scipy.sparse.csr_array:
    """ℒ of seed 003 Eqs. (1)–(3) on the Δn = 0 block, built directly (sparse).

    Coordinates: ``conserving_projection(N).kept`` (vec indices, column stacking). Per
    excitation sector k (C(N,k) states): the no-jump part X ↦ −(K X + X K†) with
    K = i H_d + ½ Σ_ij γ_ij [(n̄+1) σ⁺_iσ⁻_j + n̄ σ⁻_iσ⁺_j]; the decay jumps feed sector k from
    k + 1 with (n̄+1) γ_ij X[a+e_j, b+e_i], the pumping jumps from k − 1 with n̄ γ_ij
    X[a−e_j, b−e_i]. About (N² + 2) C(2N, N) non-zeros (N = 10: ~1.9e7).

    Parameters
    ----------
    cluster : DipolarCluster
        The couplings f (rad/s), γ (s⁻¹) and n̄ (ω0 drops out on the block);
        N ≤ MAX_BLOCK_ATOMS.
    projection : BlockProjection or None, optional
        ``conserving_projection(N)``, if already built; None: built here.

    Returns
    -------
    scipy.sparse.csr_array, shape (C(2N, N), C(2N, N))
        ℒ in s⁻¹ on the kept coordinates, equal to ``liouvillian_full(cluster)[kept][:, kept]``.
    """
    n = require_atoms(cluster.n_atoms, MAX_BLOCK_ATOMS, "number of atoms")
    d = cluster.dimension
    proj = conserving_projection(n) if projection is None else projection
    position = np.full(d * d, -1, dtype=np.int64)
    position[proj.kept] = np.arange(proj.size)
    nexc = excitation_numbers(n)
    weight = 1 << (n - 1 - np.arange(n))  # index change of flipping atom i
    idx = np.arange(d)
    excited = ((idx[:, None] & weight[None, :]) == 0)  # (d, N)
    f, g, nb = cluster.f, cluster.gamma, cluster.nbar
    hop_coeff = 1j * f + 0.5 * ((nb + 1) * g + nb * g.T)  # coefficient of σ⁺_i σ⁻_j in K
    diag_k = 0.5 * (np.where(excited, (nb + 1) * np.diag(g).real, nb * np.diag(g).real)
                    ).sum(axis=1)
    rows_all, cols_all, vals_all = [], [], []

    def emit(rows, cols, vals):
        rows_all.append(position[rows.ravel()])
        cols_all.append(position[cols.ravel()])
        vals_all.append(np.broadcast_to(vals, rows.shape).ravel().astype(complex))

    for k in range(n + 1):
        states = np.flatnonzero(nexc == k)
        # K in this sector (COO over global state indices): diagonal + hops j → i
        kr, kc, kv = [states], [states], [diag_k[states].astype(complex)]
        if 0 < k < n:
            occ = excited[states]
            s_idx, j_site = np.nonzero(occ)  # j excited
            for i in range(n):
                mask = ~excited[states[s_idx], i]  # i not excited (so i ≠ j)
                src = states[s_idx[mask]]
                js = j_site[mask]
                kr.append(src + weight[js] - weight[i])
                kc.append(src)
                kv.append(hop_coeff[i, js])
        kr, kc, kv = np.concatenate(kr), np.concatenate(kc), np.concatenate(kv)
        # −K X: (a', b) ← (a, b);  −X K†: (a, b') ← (a, b) with conj(K[b', b])
        emit(kr[:, None] + d * states[None, :], kc[:, None] + d * states[None, :], -kv[:, None])
        emit(states[:, None] + d * kr[None, :], states[:, None] + d * kc[None, :],
             -np.conj(kv)[None, :])
        occ = excited[states]
        if k < n:  # decay: X'[a, b] += (n̄+1) γ_ij X[a + e_j, b + e_i], j ∉ a, i ∉ b
            s_i, site = np.nonzero(~occ)
            m = n - k
            up_state = (states[s_i] - weight[site]).reshape(states.size, m)
            up_site = site.reshape(states.size, m)
            rows = (states[:, None, None, None] + d * states[None, None, :, None])
            rows = np.broadcast_to(rows, (states.size, m, states.size, m))
            cols = up_state[:, :, None, None] + d * up_state[None, None, :, :]
            vals = (nb + 1) * g[up_site[None, None, :, :], up_site[:, :, None, None]]
            emit(rows, cols, vals)
        if k > 0 and nb:  # pumping: X'[a, b] += n̄ γ_ij X[a − e_j, b − e_i], j ∈ a, i ∈ b
            s_i, site = np.nonzero(occ)
            down_state = (states[s_i] + weight[site]).reshape(states.size, k)
            down_site = site.reshape(states.size, k)
            rows = (states[:, None, None, None] + d * states[None, None, :, None])
            rows = np.broadcast_to(rows, (states.size, k, states.size, k))
            cols = down_state[:, :, None, None] + d * down_state[None, None, :, :]
            vals = nb * g[down_site[None, None, :, :], down_site[:, :, None, None]]
            emit(rows, cols, vals)
    rows, cols = np.concatenate(rows_all), np.concatenate(cols_all)
    vals = np.concatenate(vals_all)
    keep = vals != 0
    return scipy.sparse.csr_array(
        scipy.sparse.coo_array((vals[keep], (rows[keep], cols[keep])),
                               shape=(proj.size, proj.size)))


def collapse_operators(cluster: DipolarCluster) -> list[scipy.sparse.csr_array]:
    r"""Jump operators of Eqs. (2)–(3) in diagonal Lindblad form, sparse, computational basis.

    With γ = U Λ U† (Hermitian, positive semidefinite):
    :math:`\sum_{ij}\gamma_{ij}\sigma^-_j\rho\sigma^+_i = \sum_m \lambda_m L_m\rho L_m^\dagger`
    for :math:`L_m = \sum_j U^*_{jm}\sigma^-_j`, so D₋ + D₊ = Σ_m D[√(λ_m(n̄+1)) L_m]
    + D[√(λ_m n̄) L_m'] with L_m' = Σ_j U*_jm σ⁺_j (D[A]ρ = AρA† − ½{A†A, ρ}; rate 1, as the
    front door and QuTiP take them). Eigenvalues within MATRIX_TOLERANCE·λ_max of zero are the
    rounding of a singular γ (e.g. identical couplings, rank 1) and give no operator; the
    pumping operators are omitted for n̄ = 0.

    Parameters
    ----------
    cluster : DipolarCluster
        Its decay rates γ (s⁻¹) and n̄; N ≤ MAX_BLOCK_ATOMS.

    Returns
    -------
    list of scipy.sparse.csr_array, each of shape (2^N, 2^N)
        The jump operators in s^(-1/2): for each mode m, √(λ_m(n̄+1)) L_m, then (n̄ > 0)
        √(λ_m n̄) L_m'.
    """
    n = require_atoms(cluster.n_atoms, MAX_BLOCK_ATOMS, "number of atoms")
    rates, modes = np.linalg.eigh(cluster.gamma)
    dimension = 2**n
    weight, ground = atom_bits(n)
    # σ⁻_j|s⟩ = |s + w_j⟩ for atom j excited in s: one entry per (s, j)
    excited_state, atom = np.nonzero(~ground)
    lowered = excited_state + weight[atom]
    nb = cluster.nbar
    jumps = []
    for m in np.flatnonzero(rates > MATRIX_TOLERANCE * max(float(rates[-1]), 1e-300)):
        weights = np.conj(modes[atom, m]).astype(complex)
        jumps.append(scipy.sparse.csr_array(
            (np.sqrt(rates[m] * (nb + 1)) * weights, (lowered, excited_state)),
            shape=(dimension, dimension)))
        if nb:  # Σ_j w_j σ⁺_j: the transposed pattern
            jumps.append(scipy.sparse.csr_array(
                (np.sqrt(rates[m] * nb) * weights, (excited_state, lowered)),
                shape=(dimension, dimension)))
    return jumps


__all__ = ["collapse_operators", "liouvillian_conserving", "liouvillian_full"]
