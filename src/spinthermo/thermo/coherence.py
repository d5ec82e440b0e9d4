"""Coherence quantifiers (Baumgratz, Cramer & Plenio, PRL 113, 140401 (2014)).

Coherence is defined relative to a basis: the computational basis by default, or the columns
of a unitary ``basis`` (for instance the energy eigenbasis, ``np.linalg.eigh(H)[1]``; seed 003
uses the computational basis of the atoms).
"""

from __future__ import annotations

import numpy as np

from spinthermo.core.checks import require_square_matrices
from spinthermo.thermo.spectral import (
    in_basis,
    numeric_array,
    require_dimension,
    scalar_or_array,
    spectral_divergence,
    validated_spectrum,
    validated_state,
)

#: Allowed ‖B†B − 1‖_max for a ``basis`` argument. Bases built from ``eigh`` or Gram–Schmidt
#: are unitary to ~1e-15; 1e-8 accepts them (and bases typed with ~9 significant digits)
#: while rejecting a non-orthonormal set, for which "coherence" would not be defined.
BASIS_UNITARITY_TOLERANCE = 1e-8


def _validated_basis(basis, rho_arr: np.ndarray) -> np.ndarray | None:
    """The unitary ``basis`` as an array (``None`` for the computational basis)."""
    if basis is None:
        return None
    b_arr = require_square_matrices("basis", numeric_array("basis", basis))
    require_dimension("rho", rho_arr, "basis", b_arr)
    d = b_arr.shape[-1]
    gram = np.conj(np.swapaxes(b_arr, -1, -2)) @ b_arr
    dev = float(np.max(np.abs(gram - np.eye(d)), initial=0.0))
    if dev > BASIS_UNITARITY_TOLERANCE:
        raise ValueError(
            f"basis must be unitary (orthonormal basis vectors as columns) within "
            f"{BASIS_UNITARITY_TOLERANCE:g}; largest |B^dagger B - 1| entry is {dev:.3g}"
        )
    return b_arr


def l1_coherence(rho, basis=None) -> float | np.ndarray:
    r"""l1-norm of coherence :math:`C_{l_1}(\rho) = \sum_{i\ne j} |\langle b_i|\rho|b_j\rangle|`.

    Baumgratz et al. (2014); the coherence measure of seed 003 (its Eq. 5 is the
    two-atom closed form). Ranges over ``[0, d − 1]``.

    Parameters
    ----------
    rho : array_like, Qobj or result
        Density matrix (d, d) or batch (..., d, d), or any form of
        :func:`~spinthermo.thermo.spectral.state_array` (ket, ``Qobj``, list, result).
    basis : array_like, shape (..., d, d), optional
        Unitary whose columns are the incoherent basis vectors ``|b_i⟩``; default computational.

    Returns
    -------
    float or numpy.ndarray
        C_l1 in [0, d − 1] (dimensionless); shape (...) for a batch.

    Examples
    --------
    >>> import numpy as np
    >>> plus = np.full((2, 2), 0.5)
    >>> round(l1_coherence(plus), 6)
    1.0
    >>> hadamard = np.array([[1, 1], [1, -1]]) / np.sqrt(2)
    >>> round(l1_coherence(plus, basis=hadamard), 6)  # |+> is a basis vector there
    0.0
    """
    rho_arr = validated_state("rho", rho)
    b_arr = _validated_basis(basis, rho_arr)
    return off_diagonal_l1_norm(rho_arr if b_arr is None else in_basis(rho_arr, b_arr))


def off_diagonal_l1_norm(matrix) -> float | np.ndarray:
    r""":math:`\sum_{i\ne j} |A_{ij}|` over the trailing two axes of ``matrix`` ``(..., d, d)``.

    The l1-norm of coherence of :func:`l1_coherence` (Baumgratz et al. 2014) without the
    physical-state check, for callers whose states are already known to be density matrices
    and too large to diagonalise for a check (seed 003's 2^N-dimensional clusters). Only
    checked to be finite square matrices.

    Parameters
    ----------
    matrix : array_like, shape (..., d, d)
        Any matrix or batch (no state check).

    Returns
    -------
    float or numpy.ndarray
        The norm, shape (...) for a batch.

    Examples
    --------
    >>> off_diagonal_l1_norm(np.array([[0.5, -0.5j], [0.5j, 0.5]]))
    1.0
    """
    arr = require_square_matrices("matrix", numeric_array("matrix", matrix))
    magnitudes = np.abs(arr)
    np.einsum("...ii->...i", magnitudes)[...] = 0.0  # a view: zeroes the diagonal in place
    return scalar_or_array(np.sum(magnitudes, axis=(-2, -1)))


def relative_entropy_of_coherence(rho, basis=None) -> float | np.ndarray:
    r"""Relative entropy of coherence :math:`C_r(\rho) = S(\Delta[\rho]) - S(\rho)`.

    Baumgratz et al. (2014): Δ[ρ] is ρ dephased in the basis (its diagonal part), S
    the von Neumann entropy in nats. Equals ``min_δ D(ρ‖δ) = D(ρ‖Δ[ρ])`` over incoherent
    states δ, hence ``0 ≤ C_r ≤ ln d``; evaluated as that relative entropy, in the
    cancellation-free form of :func:`~spinthermo.thermo.relative_entropy` (ρ's spectrum
    clipped and renormalised, populations ``q_k = Σ_i |⟨b_k|r_i⟩|² p_i`` from it), so that it
    is never negative.

    Parameters
    ----------
    rho : array_like, shape (..., d, d)
        Density matrix or batch.
    basis : array_like, shape (..., d, d), optional
        Unitary whose columns are the incoherent basis vectors; default computational.

    Returns
    -------
    float or numpy.ndarray
        C_r in nats, in [0, ln d]; shape (...) for a batch.

    Examples
    --------
    >>> import numpy as np
    >>> round(relative_entropy_of_coherence(np.full((2, 2), 0.5)), 6)  # ln 2
    0.693147
    """
    rho_arr, evals, evecs = validated_spectrum("rho", rho, normalize=True)
    b_arr = _validated_basis(basis, rho_arr)
    if b_arr is not None:
        evecs = np.conj(np.swapaxes(b_arr, -1, -2)) @ evecs
    overlap = np.swapaxes(np.abs(evecs) ** 2, -1, -2)  # O_ik = |⟨b_k|r_i⟩|²
    populations = (evals[..., None, :] @ overlap)[..., 0, :]
    value, _ = spectral_divergence(evals, overlap, populations)  # ρ lies in supp Δ[ρ]
    return scalar_or_array(np.minimum(value, np.log(rho_arr.shape[-1])))


__all__ = [
    "BASIS_UNITARITY_TOLERANCE",
    "l1_coherence",
    "off_diagonal_l1_norm",
    "relative_entropy_of_coherence",
]
