"""Adiabatic elimination of a fast subspace from a Liouvillian (second order in the coupling).

With projectors 𝒫 (slow, kept) and 𝒬 = 1 − 𝒫 on the vectorised density matrix, a generator
``L0 + L1`` where ``L1`` couples 𝒫 and 𝒬 weakly, ``𝒬 L0 𝒫 = 0`` and ``𝒬 L0 𝒬`` decays fast
gives, after the Born–Markov step and to second order in ``L1`` (G = (−𝒬 L0 𝒬)⁻¹ on 𝒬),

    L_eff = 𝒫 L0 𝒫 + 𝒫 L1 G 𝒬 L1 𝒫 + 𝒫 L0 𝒬 G 𝒬 L1 𝒬 G 𝒬 L1 𝒫

(Gardiner & Zoller, *Quantum Noise*, Ch. 5; seed 004 Eqs. (14)–(17)). For optical pumping the
second term is the complex light shift and depopulation, the third the repopulation of the
ground levels by decay of the excited ones (𝒫 L0 𝒬). A first-order term 𝒫 L0 𝒬 G 𝒬 L1 𝒫 is
kept as well; it vanishes when L1 only creates coherences that L0 does not return to 𝒫.
"""

from __future__ import annotations

import numpy as np
import scipy.linalg


def level_projection(dimension: int, levels) -> np.ndarray:
    """Indices into ``vec(ρ)`` (column stacking) of the block ``ρ[levels][:, levels]``.

    Parameters
    ----------
    dimension : int
        Hilbert-space dimension d.
    levels : sequence of int
        Basis indices of the levels whose populations and coherences are kept.

    Returns
    -------
    numpy.ndarray of int, shape (len(levels)**2,)
        Positions ``i + d j`` for i, j in ``levels``, ascending (the ``kept`` of
        :func:`adiabatic_elimination`).
    """
    levels = np.asarray(levels, dtype=int)
    rows, cols = np.meshgrid(levels, levels, indexing="ij")
    return np.sort((rows + dimension * cols).ravel())


def adiabatic_elimination(l0: np.ndarray, l1: np.ndarray, kept: np.ndarray) -> np.ndarray:
    """The second-order effective generator L_eff of the module docstring on ``kept``.

    ``l0`` must not couple 𝒫 to 𝒬 at first order in the sense 𝒬 L0 𝒫 = 0 (checked), and
    ``𝒬 L0 𝒬`` must be invertible (the eliminated subspace decays); ``ValueError`` otherwise.

    Parameters
    ----------
    l0 : array_like, shape (n, n)
        Unperturbed generator L0 in s⁻¹ on ``vec(ρ)`` (n = d*d, column stacking).
    l1 : array_like, shape (n, n)
        Weak coupling L1 in s⁻¹ (e.g. the pump light's Hamiltonian part).
    kept : array_like of int, shape (m,)
        Indices of the slow coordinates (the range of 𝒫), e.g. from :func:`level_projection`.

    Returns
    -------
    numpy.ndarray, shape (m, m)
        L_eff in s⁻¹, on the kept coordinates in the order given.
    """
    l0 = np.asarray(l0, dtype=complex)
    l1 = np.asarray(l1, dtype=complex)
    n = l0.shape[-1]
    kept = np.asarray(kept, dtype=int)
    fast = np.setdiff1d(np.arange(n), kept)
    leak = np.max(np.abs(l0[np.ix_(fast, kept)]), initial=0.0)
    if leak > 1e-9 * max(np.max(np.abs(l0)), 1.0):
        raise ValueError(
            f"l0 must not map the kept subspace into the eliminated one (|Q L0 P| = {leak:.2e}); "
            "put every coupling between them into l1"
        )
    try:
        lu = scipy.linalg.lu_factor(-l0[np.ix_(fast, fast)])
    except (np.linalg.LinAlgError, ValueError) as exc:
        raise ValueError("Q L0 Q could not be factorised") from exc
    if np.min(np.abs(np.diag(lu[0]))) == 0:
        raise ValueError(
            "Q L0 Q is singular: the eliminated subspace has a non-decaying mode, so adiabatic "
            "elimination does not apply"
        )
    first = scipy.linalg.lu_solve(lu, l1[np.ix_(fast, kept)])  # G 𝒬 L1 𝒫
    second = scipy.linalg.lu_solve(lu, l1[np.ix_(fast, fast)] @ first)  # G 𝒬 L1 𝒬 G 𝒬 L1 𝒫
    back = l0[np.ix_(kept, fast)]
    return (l0[np.ix_(kept, kept)] + back @ first + l1[np.ix_(kept, fast)] @ first
            + back @ second)
