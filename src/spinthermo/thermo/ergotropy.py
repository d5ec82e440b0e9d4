"""Internal energy, passive states, ergotropy and polarization efficiency (seed 000 Sec. IV).

Energies are measured from the ground level of the Hamiltonian by default
(``energy_zero="ground"``): seed 000's H0 = A I·S is traceless, and with the raw ``Tr ρH`` its
efficiency R = ℰ/E of Eq. (5) exceeds 1 whenever E > 0 (PHYSICS_NOTES, seed 000). With the
ground-level zero, ``0 ≤ ℰ ≤ E`` and R ∈ [0, 1]; this convention reproduces the paper's Fig. 4
values. ``energy_zero="trace"`` gives the raw ``Tr ρH``. Ergotropy itself does not depend on
the zero.

The Hamiltonian may be a single ``(d, d)`` operator or a batch whose leading axes broadcast
against those of ρ. Energies are in the units of the Hamiltonian (rad/s with ħ = 1).
"""

from __future__ import annotations

import numpy as np

from spinthermo.thermo.spectral import (
    diagonal_in_basis,
    hermitian_eigh,
    hermitian_operator,
    operator_scale,
    require_dimension,
    scalar_or_array,
    validated_spectrum,
)

#: Allowed values of ``energy_zero``: "ground" (from the lowest level of H) or "trace" (Tr ρH).
ENERGY_ZEROS = ("ground", "trace")

#: Internal energies with ``|E|`` at or below this fraction of the spectral width of H are treated
#: as zero by :func:`polarization_efficiency`. ℰ and E carry absolute rounding errors of order
#: 1e-16 × width (from ``eigh``), so above this threshold R = ℰ/E is accurate to ~1e-6; below
#: it the ratio would be rounding noise (and 0/0 in the ground state).
POLARIZATION_ENERGY_TOLERANCE = 1e-10


def _check_energy_zero(energy_zero: str) -> None:
    if not isinstance(energy_zero, str) or energy_zero not in ENERGY_ZEROS:
        raise ValueError(
            f"energy_zero must be one of {ENERGY_ZEROS}: 'ground' measures energies from the "
            f"lowest eigenvalue of the Hamiltonian, 'trace' is the raw Tr(rho H); "
            f"received {energy_zero!r}"
        )


def _state_and_hamiltonian(rho, hamiltonian):
    """Validate both; return ρ's clipped spectrum, H and the ascending levels of H."""
    rho_arr, evals, evecs = validated_spectrum("rho", rho)
    h_arr = hermitian_operator("hamiltonian", hamiltonian)
    require_dimension("rho", rho_arr, "hamiltonian", h_arr)
    levels = np.linalg.eigvalsh(h_arr)
    return evals, evecs, h_arr, levels


def _shifted_energies(evals, evecs, h_arr, levels):
    """``(E − e0 Tr ρ, E_p − e0 Tr ρ, e0 Tr ρ)`` from ρ's spectrum and the levels of H.

    Both energies are computed from the same clipped spectrum, so ``E ≥ E_p ≥ 0`` holds up to
    rounding (von Neumann's trace inequality), independently of an offset in H.
    """
    ground = levels[..., :1]
    expectation = diagonal_in_basis(h_arr, evecs)  # ⟨ψ_k|H|ψ_k⟩, ψ_k eigenvectors of ρ
    energy = np.sum(evals * (expectation - ground), axis=-1)
    # Passive state: largest population in the lowest level (evals are ascending).
    passive = np.sum(evals[..., ::-1] * (levels - ground), axis=-1)
    offset = ground[..., 0] * np.sum(evals, axis=-1)
    return energy, passive, offset


def internal_energy(rho, hamiltonian, energy_zero: str = "ground") -> float | np.ndarray:
    r"""Internal energy :math:`E = \mathrm{Tr}[\rho H]`, by default from the ground level of H.

    Seed 000, below Eq. (4). ``energy_zero="ground"`` returns ``Tr[ρ (H − e_0)]`` with e_0 the
    lowest eigenvalue of H (the convention under which Eq. (5) gives R ∈ [0, 1]);
    ``energy_zero="trace"`` returns the raw ``Tr ρH``.

    Parameters
    ----------
    rho : array_like, shape (..., d, d)
        Density matrix or batch.
    hamiltonian : array_like, shape (..., d, d)
        Hermitian H, broadcasting against ``rho``.
    energy_zero : {"ground", "trace"}
        Zero of energy.

    Returns
    -------
    float or numpy.ndarray
        E in the units of H (rad/s); shape (...) for a batch.

    Examples
    --------
    >>> import numpy as np
    >>> H = np.diag([-1.0, 1.0])
    >>> rho = np.diag([0.25, 0.75])
    >>> round(internal_energy(rho, H), 6), round(internal_energy(rho, H, "trace"), 6)
    (1.5, 0.5)
    """
    _check_energy_zero(energy_zero)
    evals, evecs, h_arr, levels = _state_and_hamiltonian(rho, hamiltonian)
    energy, _, offset = _shifted_energies(evals, evecs, h_arr, levels)
    return scalar_or_array(energy if energy_zero == "ground" else energy + offset)


def passive_state(rho, hamiltonian) -> np.ndarray:
    r"""Passive state :math:`\rho_p = \sum_i r_i |e_i\rangle\langle e_i|`.

    Seed 000 Eq. (4): the eigenvalues r_i of ρ in descending order placed on the eigenvectors
    ``|e_i⟩`` of H in ascending order of energy. It has the spectrum of ρ, commutes with H, and has
    the least energy among all unitary images of ρ. Within degenerate levels of H the choice
    of eigenvectors is arbitrary (the energy is not).

    Returns
    -------
    ndarray, shape (..., d, d)
        Complex density matrix (batch shape broadcast from ``rho`` and ``hamiltonian``).

    Parameters
    ----------
    rho : array_like, shape (..., d, d)
        Density matrix or batch.
    hamiltonian : array_like, shape (..., d, d)
        Hermitian H, broadcasting against ``rho``.

    Examples
    --------
    >>> import numpy as np
    >>> H = np.diag([0.0, 1.0])
    >>> (passive_state(np.diag([0.2, 0.8]), H).real.round(6) + 0.0).tolist()
    [[0.8, 0.0], [0.0, 0.2]]
    """
    rho_arr, evals, _ = validated_spectrum("rho", rho, vectors=False)
    h_arr = hermitian_operator("hamiltonian", hamiltonian)
    require_dimension("rho", rho_arr, "hamiltonian", h_arr)
    _, h_vecs = hermitian_eigh(h_arr)
    populations = evals[..., ::-1]
    return (h_vecs * populations[..., None, :]) @ np.conj(np.swapaxes(h_vecs, -1, -2))


def passive_energy(rho, hamiltonian, energy_zero: str = "ground") -> float | np.ndarray:
    r"""Passive energy :math:`E_p = \min_U \mathrm{Tr}[H U\rho U^\dagger] = \sum_i r_i e_i`.

    Seed 000 Eq. (4), second term (r_i descending, e_i ascending). ``energy_zero`` as in
    :func:`internal_energy`.

    Parameters
    ----------
    rho : array_like, shape (..., d, d)
        Density matrix or batch.
    hamiltonian : array_like, shape (..., d, d)
        Hermitian H, broadcasting against ``rho``.
    energy_zero : {"ground", "trace"}
        Zero of energy (default ``"ground"``).

    Returns
    -------
    float or numpy.ndarray
        E_p in the units of H (rad/s); shape (...) for a batch.

    Examples
    --------
    >>> import numpy as np
    >>> round(passive_energy(np.diag([0.2, 0.8]), np.diag([0.0, 1.0])), 6)
    0.2
    """
    _check_energy_zero(energy_zero)
    evals, evecs, h_arr, levels = _state_and_hamiltonian(rho, hamiltonian)
    _, passive, offset = _shifted_energies(evals, evecs, h_arr, levels)
    return scalar_or_array(passive if energy_zero == "ground" else passive + offset)


def ergotropy(rho, hamiltonian) -> float | np.ndarray:
    r"""Ergotropy :math:`\mathcal{E} = \mathrm{Tr}[\rho H] - \min_U \mathrm{Tr}[H U\rho U^\dagger]`.

    Seed 000 Eq. (4) (Allahverdyan, Balian & Nieuwenhuizen 2004): the most energy a cyclic
    unitary can extract, ``E − E_p``. Independent of the zero of energy; ``0 ≤ ℰ ≤ E − e_0``.
    Mathematically nonnegative, so rounding-level negative values (~1e-16 × ‖H‖) are returned
    as 0.

    Parameters
    ----------
    rho : array_like, shape (..., d, d)
        Density matrix or batch.
    hamiltonian : array_like, shape (..., d, d)
        Hermitian H, broadcasting against ``rho``.

    Returns
    -------
    float or numpy.ndarray
        ℰ ≥ 0 in the units of H (rad/s); shape (...) for a batch.

    Examples
    --------
    >>> import numpy as np
    >>> H = np.diag([0.0, 1.0])
    >>> round(ergotropy(np.diag([0.2, 0.8]), H), 6)  # population inversion: 0.8 - 0.2
    0.6
    >>> round(ergotropy(np.full((2, 2), 0.5), H), 6)  # |+>: pure, all of E above e0
    0.5
    """
    evals, evecs, h_arr, levels = _state_and_hamiltonian(rho, hamiltonian)
    energy, passive, _ = _shifted_energies(evals, evecs, h_arr, levels)
    return scalar_or_array(np.maximum(energy - passive, 0.0))


def polarization_efficiency(rho, hamiltonian, energy_zero: str = "ground") -> float | np.ndarray:
    r"""Polarization efficiency :math:`\mathcal{R} = \mathcal{E}(\rho)/E`.

    Seed 000 Eq. (5). With ``energy_zero="ground"`` (default) E is measured from the ground
    level of H, so ``0 ≤ ℰ ≤ E`` and R ∈ [0, 1] (R = 1 for a pure state with E > 0, 0 for any
    passive state). ``energy_zero="trace"`` uses the raw ``Tr ρH``, for which R is not bounded
    (for seed 000's traceless H0 it exceeds 1) — offered only to reproduce that pitfall.

    At E = 0 the ratio is undefined. Where
    ``|E| ≤ POLARIZATION_ENERGY_TOLERANCE × (e_max − e_min)``: if the ergotropy is also below
    that threshold (always the case for "ground", where ℰ ≤ E: the state sits in the ground
    level) R = 0.0 is returned; otherwise (only possible for "trace") a ``ValueError`` is raised.

    Parameters
    ----------
    rho : array_like, shape (..., d, d)
        Density matrix or batch.
    hamiltonian : array_like, shape (..., d, d)
        Hermitian H, broadcasting against ``rho``.
    energy_zero : {"ground", "trace"}
        Zero of energy (default ``"ground"``).

    Returns
    -------
    float or numpy.ndarray
        R (dimensionless; in [0, 1] for ``"ground"``); shape (...) for a batch.

    Examples
    --------
    >>> import numpy as np
    >>> H = np.diag([0.0, 1.0])
    >>> round(polarization_efficiency(np.diag([0.2, 0.8]), H), 6)  # 0.6 / 0.8
    0.75
    >>> polarization_efficiency(np.diag([1.0, 0.0]), H)  # ground state: E = 0, defined as 0
    0.0
    """
    _check_energy_zero(energy_zero)
    evals, evecs, h_arr, levels = _state_and_hamiltonian(rho, hamiltonian)
    energy, passive, offset = _shifted_energies(evals, evecs, h_arr, levels)
    work = np.maximum(energy - passive, 0.0)
    if energy_zero == "trace":
        energy = energy + offset
    width = levels[..., -1] - levels[..., 0]
    scale = np.where(width > 0.0, width, operator_scale(h_arr))
    threshold = POLARIZATION_ENERGY_TOLERANCE * scale
    vanishing = np.abs(energy) <= threshold
    if np.any(vanishing & (work > threshold)):
        raise ValueError(
            "polarization_efficiency is undefined: internal energy is zero (with "
            f"energy_zero={energy_zero!r}) while the ergotropy is not; use "
            "energy_zero='ground', for which 0 <= ergotropy <= E"
        )
    ratio = work / np.where(vanishing, 1.0, energy)
    return scalar_or_array(np.where(vanishing, 0.0, ratio))


__all__ = [
    "ENERGY_ZEROS",
    "POLARIZATION_ENERGY_TOLERANCE",
    "ergotropy",
    "internal_energy",
    "passive_energy",
    "passive_state",
    "polarization_efficiency",
]
