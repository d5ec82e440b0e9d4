"""A state validated and diagonalised once, for many diagnostics of the same states.

Every diagnostic of :mod:`spinthermo.thermo` checks its state argument and diagonalises it.
Seed 000's set of diagnostics (entropy, Eq. 3's entropy production, Eq. 4's ergotropy, Eq. 5's
efficiency, Eq. 6's QFI along three axes) would do that seven times per state;
:func:`state_spectrum` does it once, and every diagnostic accepts its result in place of the
state, with the same results.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

__all__ = ["StateSpectrum", "state_spectrum"]


@dataclass(frozen=True)
class StateSpectrum:
    """Density matrices with their validated spectrum (from :func:`state_spectrum`).

    Parameters
    ----------
    rho : numpy.ndarray, shape (..., d, d)
        The density matrices.
    eigenvalues : numpy.ndarray, shape (..., d)
        Ascending eigenvalues, those in ``[-STATE_TOLERANCE, 0)`` clipped to 0.
    eigenvectors : numpy.ndarray, shape (..., d, d)
        ``eigenvectors[..., :, k]`` belongs to ``eigenvalues[..., k]``.
    normalized_eigenvalues : numpy.ndarray, shape (..., d)
        ``eigenvalues`` divided by their sum and clipped to [0, 1]: the spectrum of the
        nearest valid state, which the entropies and the QFI use.
    """

    rho: np.ndarray
    eigenvalues: np.ndarray
    eigenvectors: np.ndarray
    normalized_eigenvalues: np.ndarray


def state_spectrum(rho) -> StateSpectrum:
    """Validate states once and diagonalise them once, for several diagnostics.

    The check is the one every diagnostic runs (Hermitian, unit trace and positive within
    ``STATE_TOLERANCE``, :func:`spinthermo.core.checks.density_matrix_spectrum`); the result
    can be passed as ``rho`` to :func:`~spinthermo.thermo.von_neumann_entropy`,
    :func:`~spinthermo.thermo.entropy_production`, :func:`~spinthermo.thermo.relative_entropy`,
    :func:`~spinthermo.thermo.internal_energy`, :func:`~spinthermo.thermo.ergotropy`,
    :func:`~spinthermo.thermo.polarization_efficiency`,
    :func:`~spinthermo.thermo.quantum_fisher_information` and the other functions of a state,
    which then skip both steps.

    Parameters
    ----------
    rho : array_like or result
        Density matrix ``(d, d)`` or batch ``(..., d, d)``, in any form the diagnostics accept
        (kets, ``qutip.Qobj``, results of the front door).

    Returns
    -------
    StateSpectrum
        The states and their spectra.

    Raises
    ------
    ValueError
        When ``rho`` is not a density matrix within the state tolerance.

    Examples
    --------
    >>> import numpy as np
    >>> from spinthermo.thermo import von_neumann_entropy
    >>> spectrum = state_spectrum(np.diag([0.5, 0.5]))
    >>> round(von_neumann_entropy(spectrum), 6)
    0.693147
    """
    from spinthermo.thermo.spectral import normalized_spectrum, validated_spectrum

    if isinstance(rho, StateSpectrum):
        return rho
    arr, evals, evecs = validated_spectrum("rho", rho)
    return StateSpectrum(arr, evals, evecs, normalized_spectrum(evals))
