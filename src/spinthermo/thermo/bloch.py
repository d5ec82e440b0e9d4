r"""The qubit on the Bloch sphere: states and Hamiltonians as vectors, and the first law.

``ρ = (1 + r·σ)/2`` with the Bloch vector ``r = Tr(ρσ)`` (seed 001 Eq. 1) and
``H = c + ½ ω⃗·σ`` with the field vector ``ω⃗ = ω n̂ = Tr(Hσ)`` (seed 001 Eq. 5); σ are the Pauli
matrices of :mod:`spinthermo.core.spin` (basis ``|m = +1/2⟩, |m = −1/2⟩``, i.e. ``(|e⟩, |g⟩)``). In
these variables the heat/work rates of the three frameworks of
:mod:`spinthermo.thermo.first_law` and its non-equilibrium inverse temperature have closed forms
(seed 001 Eqs. 7–16 as reconstructed in PHYSICS_NOTES; the extraction lost their numbering,
which we cite as read); they agree with the general d-level functions there.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

import numpy as np

from spinthermo.core.checks import STATE_TOLERANCE, require_finite
from spinthermo.core.spin import PAULI_MATRICES
from spinthermo.thermo.first_law import (
    FRAMEWORKS,
    KERNEL_ENERGY_TOLERANCE,
    LEVEL_DEGENERACY_RTOL,
    STATE_DEGENERACY_TOLERANCE,
    HeatWorkRates,
    check_framework,
)
from spinthermo.thermo.spectral import (
    ZERO_EIGENVALUE_TOLERANCE,
    hermitian_operator,
    numeric_array,
    scalar_or_array,
    validated_state,
)


@dataclass(frozen=True)
class BlochFirstLaw:
    """Qubit energetics from Bloch vectors; arrays of the broadcast batch shape.

    Same fields and framework keys as :class:`~spinthermo.thermo.first_law.FirstLawRates`
    (no times).

    Parameters
    ----------
    internal_energy : numpy.ndarray, shape (...)
        U = ½ r·ω⃗ in rad/s.
    internal_energy_rate : numpy.ndarray, shape (...)
        U̇ in rad/s².
    heat_rate, work_rate : mapping of str to numpy.ndarray
        Q̇_x and Ẇ_x (rad/s², each of shape (...)), keyed by framework name.
    """

    internal_energy: np.ndarray
    internal_energy_rate: np.ndarray
    heat_rate: Mapping[str, np.ndarray]
    work_rate: Mapping[str, np.ndarray]

    def split(self, framework: str) -> HeatWorkRates:
        """The heat and work rates of one framework.

        Parameters
        ----------
        framework : str
            One of :data:`FRAMEWORKS`.

        Returns
        -------
        HeatWorkRates
        """
        check_framework(framework)
        return HeatWorkRates(self.heat_rate[framework], self.work_rate[framework])


def bloch_vector(rho) -> np.ndarray:
    """Bloch vector ``r = Tr(ρσ)`` of a qubit state (seed 001 Eq. 1), shape ``(..., 3)``.

    Parameters
    ----------
    rho : array_like, shape (..., 2, 2)
        Qubit density matrix or batch, basis ``(|e⟩, |g⟩)``.

    Returns
    -------
    numpy.ndarray, shape (..., 3)
        r, real, ``|r| ≤ 1``.

    Examples
    --------
    >>> import numpy as np
    >>> bloch_vector(np.diag([0.75, 0.25])).tolist()
    [0.0, 0.0, 0.5]
    """
    arr = validated_state("rho", rho)
    if arr.shape[-1] != 2:
        raise ValueError(f"rho must be a qubit state, shape (..., 2, 2); received {arr.shape}")
    return np.real(np.einsum("...ij,kji->...k", arr, PAULI_MATRICES))


def density_matrix_from_bloch(r_vec) -> np.ndarray:
    """Qubit state ``ρ = (1 + r·σ)/2`` from its Bloch vector (seed 001 Eq. 1), the inverse of
    :func:`bloch_vector`; complex, shape ``(..., 2, 2)`` for ``r_vec`` of shape ``(..., 3)``.

    ``|r| ≤ 1`` is required within ``STATE_TOLERANCE`` (the Bloch ball: positivity of ρ).

    Parameters
    ----------
    r_vec : array_like, shape (..., 3)
        Bloch vector.

    Returns
    -------
    numpy.ndarray, shape (..., 2, 2)
        ρ, complex.

    Examples
    --------
    >>> density_matrix_from_bloch([0, 0, -1]).real.tolist()  # |g⟩ in the basis (|e⟩, |g⟩)
    [[0.0, 0.0], [0.0, 1.0]]
    """
    r, _ = _bloch_vector_input(r_vec)
    return 0.5 * (np.eye(2) + np.einsum("...k,kij->...ij", r, PAULI_MATRICES))


def field_vector(hamiltonian) -> np.ndarray:
    """Field vector ``ω⃗ = ω n̂ = Tr(Hσ)`` of a qubit Hamiltonian ``H = c + ½ ω⃗·σ`` (Eq. 5).

    Also converts ``Ḣ`` to ``dω⃗/dt``. Shape ``(..., 3)``.

    Parameters
    ----------
    hamiltonian : array_like, shape (..., 2, 2)
        Hermitian qubit Hamiltonian in rad/s (or its time derivative).

    Returns
    -------
    numpy.ndarray, shape (..., 3)
        ω⃗ in rad/s (or dω⃗/dt in rad/s²), real.

    Examples
    --------
    >>> import numpy as np
    >>> field_vector(np.diag([1.5, -0.5])).tolist()  # c = 0.5, omega = 2 along z
    [0.0, 0.0, 2.0]
    """
    arr = hermitian_operator("hamiltonian", hamiltonian)
    if arr.shape[-1] != 2:
        raise ValueError(
            f"hamiltonian must be a qubit operator, shape (..., 2, 2); received {arr.shape}"
        )
    return np.real(np.einsum("...ij,kji->...k", arr, PAULI_MATRICES))


def _vector(name: str, value) -> np.ndarray:
    arr = require_finite(name, numeric_array(name, value))
    if np.iscomplexobj(arr):
        raise TypeError(f"{name} must be a real 3-vector; received a complex array")
    if arr.ndim < 1 or arr.shape[-1] != 3:
        raise ValueError(f"{name} must have shape (..., 3); received shape {arr.shape}")
    return arr.astype(float)


def _bloch_vector_input(r_vec) -> tuple[np.ndarray, np.ndarray]:
    r = _vector("r_vec", r_vec)
    norm = np.linalg.norm(r, axis=-1)
    if np.any(norm > 1 + STATE_TOLERANCE):
        raise ValueError(
            f"r_vec must lie in the Bloch ball, |r| <= 1 within {STATE_TOLERANCE:g}; "
            f"received |r| = {float(np.max(norm)):.6g}"
        )
    return r, np.minimum(norm, 1.0)


def _direction(vec: np.ndarray, norm: np.ndarray, fallback: np.ndarray, tol) -> np.ndarray:
    """Unit vector along ``vec``; along ``fallback`` (or 0) where ``|vec| ≤ tol``."""
    small = norm <= tol
    unit = vec / np.where(small, 1.0, norm)[..., None]
    fb_norm = np.linalg.norm(fallback, axis=-1)
    fb_unit = fallback / np.where(fb_norm > 0, fb_norm, 1.0)[..., None]
    return np.where(small[..., None], fb_unit, unit)


def bloch_first_law(r_vec, r_dot, omega_vec, omega_dot) -> BlochFirstLaw:
    r"""First law of a qubit on the Bloch sphere in all three frameworks (seed 001 Eqs. 7–11 ff.).

    With ``ρ = (1 + r·σ)/2``, ``H = ½ ω⃗·σ`` (``ω⃗ = ω n̂``), ``U = ½ r·ω⃗ = (ω/2) r cos θ``:

    * conventional (Eq. 10): ``Ẇ = ½ r·dω⃗/dt``, ``Q̇ = ½ ω⃗·dr/dt``;
    * Hamiltonian-based (Eq. 11): ``Ẇ = ½ r cos θ ω̇``, ``Q̇ = (ω/2) d(r cos θ)/dt``;
    * entropy-based: ``Q̇ = (ω/2) cos θ ṙ``, ``Ẇ = ½ r d(ω cos θ)/dt``.

    Here ``ω̇ = n̂·dω⃗/dt`` and ``ṙ = r̂·dr/dt``. Where a direction is undefined the smooth limit
    of the general (pinching) rule is used: at ω⃗ = 0 (``|ω⃗|`` ≤ ``LEVEL_DEGENERACY_RTOL`` of
    the largest ``|ω⃗|`` in the input) n̂ is taken along dω⃗/dt, and at r = 0
    (``r ≤ STATE_DEGENERACY_TOLERANCE``) r̂ along dr/dt. Matches
    :func:`~spinthermo.thermo.first_law.first_law_rates` for the same qubit trajectory (a
    constant term in H changes neither rate).

    Parameters
    ----------
    r_vec, r_dot : array_like, shape (..., 3)
        Bloch vector (``|r| ≤ 1``) and its time derivative.
    omega_vec, omega_dot : array_like, shape (..., 3)
        Field vector ``ω n̂`` (rad/s) and its time derivative. Batch shapes broadcast.

    Returns
    -------
    BlochFirstLaw
        U (rad/s), U̇ and the heat and work rates of every framework (rad/s²).

    Examples
    --------
    Rotating r at fixed length in a fixed field is heat conventionally and in HB, work in EB:

    >>> law = bloch_first_law([0.3, 0, -0.4], [0.04, 0, 0.03], [0, 0, 2.0], [0, 0, 0])
    >>> {x: round(float(law.heat_rate[x]), 12) + 0.0 for x in FRAMEWORKS}
    {'conventional': 0.03, 'hamiltonian': 0.03, 'entropy': 0.0}
    >>> round(float(law.work_rate["entropy"]), 12)
    0.03
    """
    r, r_norm = _bloch_vector_input(r_vec)
    r_dot_arr = _vector("r_dot", r_dot)
    w = _vector("omega_vec", omega_vec)
    w_dot = _vector("omega_dot", omega_dot)
    shape = np.broadcast_shapes(r.shape, r_dot_arr.shape, w.shape, w_dot.shape)
    r, r_dot_arr, w, w_dot = (np.broadcast_to(a, shape) for a in (r, r_dot_arr, w, w_dot))
    r_norm = np.broadcast_to(r_norm, shape[:-1])
    w_norm = np.linalg.norm(w, axis=-1)
    w_tol = LEVEL_DEGENERACY_RTOL * float(np.max(w_norm, initial=0.0))

    r_hat = _direction(r, r_norm, r_dot_arr, STATE_DEGENERACY_TOLERANCE)
    n_hat = _direction(w, w_norm, w_dot, w_tol)

    u = 0.5 * np.sum(r * w, axis=-1)
    q_conv = 0.5 * np.sum(w * r_dot_arr, axis=-1)
    w_conv = 0.5 * np.sum(r * w_dot, axis=-1)
    du = q_conv + w_conv
    # HB: ½ (r·n̂)(n̂·dω⃗) = ½ r cosθ ω̇.
    w_hb = 0.5 * np.sum(r * n_hat, axis=-1) * np.sum(n_hat * w_dot, axis=-1)
    # EB: ½ (ω⃗·r̂)(r̂·dr) = (ω/2) cosθ ṙ.
    q_eb = 0.5 * np.sum(w * r_hat, axis=-1) * np.sum(r_hat * r_dot_arr, axis=-1)
    heat = {"conventional": q_conv, "hamiltonian": du - w_hb, "entropy": q_eb}
    work = {"conventional": w_conv, "hamiltonian": w_hb, "entropy": du - q_eb}
    return BlochFirstLaw(
        internal_energy=scalar_or_array(u),
        internal_energy_rate=scalar_or_array(du),
        heat_rate=MappingProxyType({x: scalar_or_array(heat[x]) for x in FRAMEWORKS}),
        work_rate=MappingProxyType({x: scalar_or_array(work[x]) for x in FRAMEWORKS}),
    )


def bloch_inverse_temperature(r_vec, omega_vec) -> float | np.ndarray:
    r"""Qubit inverse temperature :math:`\beta = -2\,\mathrm{artanh}(r)\cos\theta/\omega`.

    Seed 001 Eq. (15) on the Bloch sphere. Same rules as
    :func:`~spinthermo.thermo.first_law.nonequilibrium_inverse_temperature`: for a pure state
    (``1 − r`` ≤ ``ZERO_EIGENVALUE_TOLERANCE``) β = ∓inf with the sign of −cos θ, or 0 where
    ``|cos θ| ≤ KERNEL_ENERGY_TOLERANCE``; ``ω⃗ = 0`` raises ``ValueError``.

    Parameters
    ----------
    r_vec : array_like, shape (..., 3)
        Bloch vector.
    omega_vec : array_like, shape (..., 3)
        Field vector ω⃗ in rad/s, nonzero.

    Returns
    -------
    float or numpy.ndarray
        β in s (inverse rad/s); shape (...) for a batch.

    Examples
    --------
    >>> import numpy as np
    >>> beta, omega = 0.8, 2.0  # Gibbs state: r = -tanh(beta omega / 2) n
    >>> round(bloch_inverse_temperature([0, 0, -np.tanh(beta * omega / 2)], [0, 0, omega]), 12)
    0.8
    """
    r, r_norm = _bloch_vector_input(r_vec)
    w = _vector("omega_vec", omega_vec)
    w_norm = np.linalg.norm(w, axis=-1)
    if np.any(w_norm == 0):
        raise ValueError(
            "omega_vec must be nonzero: beta is undefined for an isotropic Hamiltonian; "
            "received omega_vec = 0"
        )
    shape = np.broadcast_shapes(r.shape, w.shape)[:-1]
    r_norm = np.broadcast_to(r_norm, shape)
    cos_r = np.sum(r * w, axis=-1) / w_norm  # r cosθ, no division by r
    # λ− = (1 − r)/2 is the kernel eigenvalue of a pure state.
    pure = (1 - r_norm) / 2 <= ZERO_EIGENVALUE_TOLERANCE
    safe_r = np.where(pure | (r_norm == 0), 0.5, r_norm)
    finite = np.where(r_norm == 0, 0.0, -2 * np.arctanh(safe_r) * cos_r / safe_r / w_norm)
    # Kernel energy of a pure state: ⟨−r̂|H̃|−r̂⟩ = −(ω/2) cosθ; relative to ‖H̃‖_F = ω/√2.
    cos_theta = np.where(pure, cos_r / np.where(r_norm > 0, r_norm, 1.0), 0.0)
    infinite = pure & (np.abs(cos_theta) / np.sqrt(2) > KERNEL_ENERGY_TOLERANCE)
    beta = np.where(pure, 0.0, finite)
    beta = np.where(infinite, np.where(cos_theta < 0, np.inf, -np.inf), beta)
    return scalar_or_array(beta)


__all__ = [
    "BlochFirstLaw",
    "bloch_first_law",
    "bloch_inverse_temperature",
    "bloch_vector",
    "density_matrix_from_bloch",
    "field_vector",
]
