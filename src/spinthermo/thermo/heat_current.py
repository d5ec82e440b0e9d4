r"""Heat current of a dissipator and power of a time-dependent Hamiltonian (seed 003 Eqs. 22–23).

For a Lindblad master equation ``ρ̇ = −i[H, ρ] + Σ_i 𝒟_i(ρ)`` the energy ``U = Tr(ρH)``
changes at ``U̇ = Σ_i J_i + P`` (Alicki 1979; seed 003 Ref. [50]) with

.. math:: J_i = \mathrm{Tr}[\rho\,\mathcal D_i^*(H)] = \mathrm{Tr}[H\,\mathcal D_i(\rho)],
          \qquad P = \mathrm{Tr}[\rho\,\partial_t H]

(seed 003 Eqs. 22–23; 𝒟* is the Heisenberg-picture adjoint, ħ = 1, energies in rad/s so that
currents are in rad/s²). The unitary part drops out of ``Tr(Hρ̇)`` because
``Tr(H[H, ρ]) = 0``, hence ``U̇ = J + P`` holds to rounding. Both traces are frame-independent:
evaluated in an interaction picture with the transformed H, 𝒟 and ρ they give the lab-frame
values (seed 003 Eqs. 24–26).

Three doors:

* :func:`heat_current` — any dissipator given as a superoperator matrix ``(d², d²)`` in the
  package's column-stacking convention (``vec(AXB) = (Bᵀ ⊗ A) vec X``, see
  :mod:`spinthermo.core.superop`); it need not be a sum of ``LρL†`` terms (e.g. the squeezing
  terms ``σ+ρσ+`` of seed 003 Eq. 13).
* :func:`lindblad_heat_currents` — one current per jump operator,
  ``J_k = γ_k Tr[ρ (L_k† H L_k − ½{L_k†L_k, H})]``.
* :func:`power` — ``Tr[ρ Ḣ]``.

All accept batches ``(..., d, d)`` that broadcast, and ``qutip.Qobj`` inputs; they return a
float for a single state and an array of the batch shape otherwise.
"""

from __future__ import annotations

import numpy as np

from spinthermo.core.checks import STATE_TOLERANCE, require_finite, require_square_matrices
from spinthermo.thermo.spectral import (
    hermitian_operator,
    numeric_array,
    operator_scale,
    require_dimension,
    scalar_or_array,
    validated_state,
)

#: A Hermiticity-preserving dissipator maps a Hermitian ρ to a Hermitian 𝒟(ρ), so
#: ``Tr[H 𝒟(ρ)]`` is real up to rounding, ~d²·1e-16 of ``max|H|·max|𝒟|``. An imaginary part
#: above this fraction of that scale (the state tolerance of the package) means the dissipator
#: does not preserve Hermiticity, and the "current" is not an energy flow: we raise.
HERMITICITY_RTOL = STATE_TOLERANCE


def _real_current(value: np.ndarray, scale: float, name: str) -> np.ndarray:
    imag = np.max(np.abs(value.imag), initial=0.0)
    if imag > HERMITICITY_RTOL * scale:
        raise ValueError(
            f"{name} must preserve Hermiticity: Tr[H {name}(rho)] has imaginary part {imag:.3g} "
            f"> {HERMITICITY_RTOL:g} x scale {scale:.3g}; pass the Hermiticity-preserving "
            "dissipative part of the generator"
        )
    return value.real


def heat_current(rho, hamiltonian, dissipator) -> float | np.ndarray:
    r"""Heat current :math:`J = \mathrm{Tr}[H\,\mathcal D(\rho)]` of a dissipator (seed 003 Eq. 22).

    Parameters
    ----------
    rho : array_like, shape (..., d, d)
        Density matrix or batch.
    hamiltonian : array_like, shape (..., d, d)
        Hermitian H whose energy is counted (ħ = 1, rad/s), broadcasting against ``rho``.
    dissipator : array_like, shape (..., d², d²)
        Superoperator of 𝒟 in the column-stacking convention of :mod:`spinthermo.core.superop`
        (e.g. :func:`~spinthermo.core.superop.lindblad_dissipator`); must preserve Hermiticity.

    Returns
    -------
    float or ndarray
        J in energy per time (rad/s²); positive when energy flows into the system.

    Examples
    --------
    Spontaneous emission at rate γ from the excited state of ``H = ω σz/2`` carries energy out
    at ``J = −γ ω``:

    >>> import numpy as np
    >>> from spinthermo.core.spin import SIGMA_MINUS, SIGMA_Z  # basis (|e⟩, |g⟩)
    >>> from spinthermo.core.superop import lindblad_dissipator
    >>> H = 0.5 * 2.0 * SIGMA_Z                  # ω = 2
    >>> heat_current(np.diag([1.0, 0.0]), H, lindblad_dissipator(SIGMA_MINUS, 3.0))
    -6.0
    """
    rho = validated_state("rho", rho)
    h = hermitian_operator("hamiltonian", hamiltonian)
    require_dimension("rho", rho, "hamiltonian", h)
    sup = require_square_matrices("dissipator", numeric_array("dissipator", dissipator))
    d = rho.shape[-1]
    if sup.shape[-1] != d * d:
        raise ValueError(
            f"dissipator must have shape (..., d², d²) = (..., {d * d}, {d * d}) for d = {d}; "
            f"received shape {sup.shape}"
        )
    try:
        np.broadcast_shapes(rho.shape[:-2], h.shape[:-2], sup.shape[:-2])
    except ValueError:
        raise ValueError(
            f"batch shapes of rho {rho.shape[:-2]}, hamiltonian {h.shape[:-2]} and dissipator "
            f"{sup.shape[:-2]} do not broadcast"
        ) from None
    vec_rho = np.swapaxes(rho, -1, -2).reshape(*rho.shape[:-2], d * d)
    out = np.matmul(sup, vec_rho[..., None])[..., 0]
    d_rho = np.swapaxes(out.reshape(*out.shape[:-1], d, d), -1, -2)
    value = np.einsum("...ij,...ji->...", h, d_rho)
    scale = operator_scale(h) * operator_scale(sup) * d
    return scalar_or_array(_real_current(value, scale, "dissipator"))


def lindblad_heat_currents(rho, hamiltonian, jumps, rates=None) -> np.ndarray:
    r"""One heat current per jump operator (seed 003 Eq. 22 for ``𝒟_k = γ_k D[L_k]``).

    .. math:: J_k = \gamma_k\,\mathrm{Tr}\big[\rho\,(L_k^\dagger H L_k
              - \tfrac12\{L_k^\dagger L_k, H\})\big],

    the adjoint form of ``Tr[H γ_k(L_k ρ L_k† − ½{L_k†L_k, ρ})]``. ``jumps`` has shape
    ``(K, d, d)`` (or ``(..., K, d, d)``), ``rates`` shape ``(K,)`` (default all 1, each ≥ 0).
    Returns an array ``(..., K)``; their sum is :func:`heat_current` of the summed dissipator.

    Parameters
    ----------
    rho : array_like, shape (..., d, d)
        Density matrix or batch.
    hamiltonian : array_like, shape (..., d, d)
        Hermitian H in rad/s.
    jumps : array_like, shape (..., K, d, d)
        Jump operators L_k.
    rates : array_like, shape (K,), optional
        Rates γ_k ≥ 0 in s⁻¹ (default all 1).

    Returns
    -------
    numpy.ndarray, shape (..., K)
        Heat currents J_k in rad/s², energy (rad/s) per unit time.

    Examples
    --------
    >>> import numpy as np
    >>> from spinthermo.core.spin import SIGMA_MINUS, SIGMA_PLUS, SIGMA_Z
    >>> rho = np.diag([0.25, 0.75])
    >>> lindblad_heat_currents(rho, SIGMA_Z, [SIGMA_MINUS, SIGMA_PLUS], [2.0, 1.0])
    array([-1. ,  1.5])
    """
    rho = validated_state("rho", rho)
    h = hermitian_operator("hamiltonian", hamiltonian)
    require_dimension("rho", rho, "hamiltonian", h)
    ops = require_square_matrices("jumps", numeric_array("jumps", jumps))
    if ops.ndim < 3:
        ops = ops[None]
    require_dimension("rho", rho, "jumps", ops[..., 0, :, :])
    n_jumps = ops.shape[-3]
    if rates is None:
        rates = np.ones(n_jumps)
    rates = require_finite("rates", numeric_array("rates", rates))
    if np.iscomplexobj(rates):
        raise TypeError("rates must be real, one per jump operator; received a complex array")
    rates = rates.astype(float)
    if rates.shape != (n_jumps,):
        raise ValueError(
            f"rates must have shape ({n_jumps},), one per jump operator; received {rates.shape}"
        )
    if np.any(rates < 0):
        raise ValueError(f"every entry of rates must be >= 0; received {rates.min():g}")
    dag = np.conj(np.swapaxes(ops, -1, -2))
    hk = h[..., None, :, :]
    ldl = dag @ ops
    adjoint = dag @ hk @ ops - 0.5 * (ldl @ hk + hk @ ldl)
    value = np.einsum("...ij,...kji->...k", rho, adjoint) * rates
    scale = operator_scale(h) * operator_scale(ops) ** 2 * max(1.0, float(rates.max(initial=0)))
    return _real_current(value, scale * rho.shape[-1], "jumps")


def power(rho, hamiltonian_dot) -> float | np.ndarray:
    r"""Power :math:`P = \mathrm{Tr}[\rho\,\partial_t H]` delivered by a time-dependent
    Hamiltonian (seed 003 Eq. 23).

    ``hamiltonian_dot`` (Hermitian, ``(..., d, d)``, rad/s²) is ∂H/∂t at the instant of ``rho``;
    in an interaction picture pass the transformed ``U (∂_t H) U†`` (seed 003 Eq. 28).

    Parameters
    ----------
    rho : array_like, shape (..., d, d)
        Density matrix or batch.
    hamiltonian_dot : array_like, shape (..., d, d)
        ∂H/∂t in rad/s², Hermitian.

    Returns
    -------
    float or numpy.ndarray
        P in rad/s² (energy per unit time, ħ = 1); shape (...) for a batch.

    Examples
    --------
    >>> import numpy as np
    >>> power(np.diag([0.75, 0.25]), np.diag([0.5, -0.5]))
    0.25
    """
    rho = validated_state("rho", rho)
    hdot = hermitian_operator("hamiltonian_dot", hamiltonian_dot)
    require_dimension("rho", rho, "hamiltonian_dot", hdot)
    return scalar_or_array(np.einsum("...ij,...ji->...", rho, hdot).real)


__all__ = ["HERMITICITY_RTOL", "heat_current", "lindblad_heat_currents", "power"]
