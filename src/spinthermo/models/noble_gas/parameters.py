"""Physical parameters of the alkali–noble-gas interface (seed 002 Secs. II, IV C–D, V, VII A).

Katz, Shaham & Firstenberg, PRX Quantum 3, 010305 (2022). Every rate is in s⁻¹ (angular),
densities in m⁻³, rate coefficients ⟨σvφ⟩, ⟨σvφ²⟩, ζ, k_SE in m³/s, fields in tesla unless a
name says ``_gauss``; :meth:`NobleGasCell.from_cgs` takes the paper's cm-based units.

Conventions (see also :mod:`spinthermo.atoms.gyromagnetic`):

* Both gases are polarised along −z (Sec. III A): per-atom ``⟨f_z⟩ = −p_A q/2`` and
  ``⟨k_z⟩ = −p_B/2``; ``p_A``, ``p_B`` ∈ (0, 1] are the degrees of polarisation.
* ``H₀ = ω̃_A F_z + ω̃_B K_z`` with ``ω̃ = g B`` for a field ``B ẑ`` (Eq. (10)). ``g_B`` is the
  noble gas's −γ (positive for ³He) and ``g_A = g_e/q`` with ``g_e = −γ_e > 0``: in spin-temperature
  equilibrium the alkali spin ``f = q s`` precesses at the electron rate slowed by q.
* ``ζ = ⟨σvφ⟩/q`` is taken positive, as the paper states (φ > 0 for the isotropic Fermi-contact
  interaction, Sec. II). The collisional shifts are then negative for spins along −z
  (Sec. IV D) and the compensation field of Sec. V points along +z. The magnitudes
  ``|Δ_c|`` and ``|B_c|`` do not depend on this sign choice.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from types import MappingProxyType

import numpy as np

from spinthermo.atoms.gyromagnetic import TESLA_PER_GAUSS, larmor_coefficient
from spinthermo.atoms.species import get_species
from spinthermo.core.checks import (
    require_nonnegative,
    require_positive,
    require_range,
)
from spinthermo.core.units import angular_to_hz, cm2_per_s_to_m2_per_s, cm_to_m

#: Cubic metres per cubic centimetre: densities in cm⁻³ times 1e6 give m⁻³, and rate
#: coefficients in cm³/s times 1e-6 give m³/s. (Not in core.units; see the report.)
M3_PER_CM3 = 1e-6


def _nuclear_spin(value) -> float:
    require_range("nuclear_spin", value, 0.0, 100.0)
    if abs(2 * float(value) - round(2 * float(value))) > 1e-12:
        raise ValueError(f"nuclear_spin must be a non-negative multiple of 1/2; received {value!r}")
    return round(2 * float(value)) / 2


def _out(value):
    """A float for a 0-d result, the array otherwise."""
    arr = np.asarray(value)
    return float(arr) if arr.ndim == 0 else arr


def _polarization(name: str, value) -> np.ndarray:
    require_range(name, value, 0.0, 1.0, low_inclusive=False)
    return np.asarray(value, dtype=float)


# --------------------------------------------------------------------------------------------
# Slowing-down factor, Eq. (18)
# --------------------------------------------------------------------------------------------


def slowing_down_factor(nuclear_spin: float, polarization):
    r"""The Larmor slowing-down factor ``q(I, p)`` of seed 002 Eq. (18) (vectorised in p).

    .. math::
        q = \frac{2I+1}{p}\,\frac{(1+p)^{2I+1} + (1-p)^{2I+1}}{(1+p)^{2I+1} - (1-p)^{2I+1}}
            - \frac{1}{p^2} + 1,

    the ratio ``⟨F_z⟩/⟨S_z⟩`` of a spin-temperature state ``ρ ∝ exp(β F_z)`` with electron
    polarisation ``p = 2⟨S_z⟩ = tanh(β/2)``. Eq. (18) cancels catastrophically as p → 0, so it
    is evaluated in the equivalent form ``q = 1 + 2⟨I_z⟩/p`` (ρ factorises into
    ``e^{β I_z} e^{β S_z}``), with ``x = e^{−β} = (1 − p)/(1 + p)`` and

        ⟨I_z⟩ = Σ_{m>0} m x^{I−m} (1 − x^{2m}) / Σ_m x^{I−m},

    where ``1 − x^{2m} = −expm1(2m ln x)`` and ``ln x = log1p(−2p/(1+p))``: no cancellation for
    any p ∈ (0, 1]. Limits: ``q(I, 1) = 2I + 1`` and ``q(I, p → 0) = 1 + 4I(I + 1)/3``;
    ``2I + 1 ≤ q ≤ 1 + 4I(I + 1)/3``. ``I = 0`` gives ``q = 1``.

    Parameters
    ----------
    nuclear_spin : float
        I, a non-negative multiple of 1/2.
    polarization : float or array_like
        Electron polarisation p in (0, 1].

    Returns
    -------
    float or numpy.ndarray
        q, dimensionless, the shape of ``polarization``.

    Examples
    --------
    >>> float(slowing_down_factor(1.5, 1.0)), round(float(slowing_down_factor(1.5, 0.95)), 4)
    (4.0, 4.1025)
    """
    spin = _nuclear_spin(nuclear_spin)
    p = _polarization("polarization", polarization)
    m_positive = spin - np.arange(math.ceil(spin))  # I, I−1, …, > 0
    m_all = spin - np.arange(round(2 * spin) + 1)
    with np.errstate(divide="ignore"):
        x = (1.0 - p) / (1.0 + p)
        log_x = np.log1p(-2.0 * p / (1.0 + p))  # −inf at p = 1, handled by expm1
    x = x[..., None]
    log_x = log_x[..., None]
    one_minus_x2m = -np.expm1(2.0 * m_positive * log_x)
    numerator = np.sum(m_positive * np.power(x, spin - m_positive) * one_minus_x2m, axis=-1)
    denominator = np.sum(np.power(x, spin - m_all), axis=-1)
    return _out(1.0 + 2.0 * (numerator / denominator) / p)


def slowing_down_factor_bounds(nuclear_spin: float) -> tuple[float, float]:
    """``(2I + 1, 1 + 4I(I + 1)/3)``: q at full polarisation and at p → 0 (seed 002 Sec. II).

    Parameters
    ----------
    nuclear_spin : float
        I.

    Returns
    -------
    tuple of float
        The lower and upper bounds of q.
    """
    spin = _nuclear_spin(nuclear_spin)
    return 2 * spin + 1, 1 + 4 * spin * (spin + 1) / 3


def thermal_occupation(polarization):
    """Incoherent excitations per mode ``n̄ = (1 − p)/(2p)`` (seed 002 Sec. VIII).

    Parameters
    ----------
    polarization : float or array_like
        p in (0, 1].

    Returns
    -------
    float or numpy.ndarray
        n̄ ≥ 0, the shape of ``polarization``.
    """
    p = _polarization("polarization", polarization)
    return _out((1.0 - p) / (2.0 * p))


def spin_exchange_noise_factors(alkali_polarization, noble_gas_polarization):
    """Moments of the alkali's spin-exchange noise for partial polarisations, seed 002 App. C.

    The unnumbered pair of equations after Eq. (C5):
    ``⟨F_A F_A†⟩ = (2 + p_A + p_B)/(4 p_A) · 2γ_ex δ(t − t′)`` and
    ``⟨F_A† F_A⟩ = (2 − p_A − p_B)/(4 p_A) · 2γ_ex δ(t − t′)``.

    Parameters
    ----------
    alkali_polarization : float or array_like
        p_A in (0, 1].
    noble_gas_polarization : float or array_like
        p_B in (0, 1]; broadcasts against ``alkali_polarization``.

    Returns
    -------
    antinormal, normal : float or numpy.ndarray
        The factors multiplying 2γ_ex in ⟨F_A F_A†⟩ and ⟨F_A† F_A⟩ (dimensionless). At
        p_A = p_B = 1 they are 1 and 0 (vacuum noise, Eq. C5); at p_A = p_B = p their ratio
        normal/(antinormal − normal) is the thermal occupation (1 − p)/(2p) of Eqs. (C8), (C9).
    """
    p_a = _polarization("alkali_polarization", alkali_polarization)
    p_b = _polarization("noble_gas_polarization", noble_gas_polarization)
    return _out((2.0 + p_a + p_b) / (4.0 * p_a)), _out((2.0 - p_a - p_b) / (4.0 * p_a))


# --------------------------------------------------------------------------------------------
# Collision rate coefficients, Sec. II and Eq. (21)
# --------------------------------------------------------------------------------------------


def collision_rate_coefficients(cross_section, relative_velocity, mean_phase,
                                mean_phase_squared):
    """``(⟨σvφ⟩, ⟨σvφ²⟩)`` in m³/s from σ (m²), v (m/s), ⟨φ⟩ (rad) and ⟨φ²⟩ (rad²).

    Assumes φ uncorrelated with σv (seed 002 App. D's estimate ⟨φ⟩ ≈ ζq/σv): ⟨σvφ⟩ = σv⟨φ⟩.
    ⟨φ²⟩ ≥ ⟨φ⟩² is required (a variance cannot be negative).

    Parameters
    ----------
    cross_section : float or array_like
        σ, m², > 0.
    relative_velocity : float or array_like
        v, m/s, > 0.
    mean_phase : float or array_like
        ⟨φ⟩, rad, ≥ 0.
    mean_phase_squared : float or array_like
        ⟨φ²⟩, rad², ≥ ⟨φ⟩².

    Returns
    -------
    tuple of float or numpy.ndarray
        ``(⟨σvφ⟩, ⟨σvφ²⟩)``, m³/s.
    """
    require_positive("cross_section", cross_section, unit="m^2")
    require_positive("relative_velocity", relative_velocity, unit="m/s")
    require_nonnegative("mean_phase", mean_phase, unit="rad")
    require_nonnegative("mean_phase_squared", mean_phase_squared, unit="rad^2")
    mean_phase = np.asarray(mean_phase, dtype=float)
    if np.any(np.asarray(mean_phase_squared) < mean_phase**2 * (1 - 1e-12)):
        raise ValueError(
            "mean_phase_squared must be >= mean_phase**2 (var φ >= 0); received "
            f"<φ²> = {np.ravel(mean_phase_squared)[0]:g} < <φ>² = {np.ravel(mean_phase**2)[0]:g}"
        )
    sigma_v = np.asarray(cross_section) * np.asarray(relative_velocity)
    return _out(sigma_v * mean_phase), _out(sigma_v * np.asarray(mean_phase_squared))


def mean_field_strength(sigma_v_phi, q):
    """``ζ = ⟨σvφ⟩/q`` (seed 002 Eq. (1) and Eq. (21)).

    Parameters
    ----------
    sigma_v_phi : float or array_like
        ⟨σvφ⟩, m³/s, > 0.
    q : float or array_like
        Slowing-down factor, ≥ 1.

    Returns
    -------
    float or numpy.ndarray
        ζ, m³/s.
    """
    require_positive("sigma_v_phi", sigma_v_phi, unit="m^3/s")
    require_range("q", q, 1.0, math.inf)
    return _out(np.asarray(sigma_v_phi) / np.asarray(q))


def spin_exchange_rate_coefficient(sigma_v_phi_squared):
    """``k_SE = ⟨vσφ²⟩/4`` (seed 002 Eq. (1)).

    Parameters
    ----------
    sigma_v_phi_squared : float or array_like
        ⟨σvφ²⟩, m³/s, ≥ 0.

    Returns
    -------
    float or numpy.ndarray
        k_SE, m³/s.
    """
    require_nonnegative("sigma_v_phi_squared", sigma_v_phi_squared, unit="m^3/s")
    return _out(np.asarray(sigma_v_phi_squared) / 4.0)


# --------------------------------------------------------------------------------------------
# Relaxation, coupling, shifts: Eqs. (2), (3), (26), Secs. IV D and V
# --------------------------------------------------------------------------------------------


def alkali_relaxation_rate(noble_gas_density, alkali_density, k_se, spin_rotation_cross_section,
                           relative_velocity, spin_destruction_cross_section, alkali_velocity):
    """``γ_A = n_B (k_SE + σ_SR v) + n_A σ_SD v_A / 2`` in s⁻¹ (seed 002 Eq. (2), as printed).

    These are electron-spin rates. In the spin-temperature regime the alkali spin ``f = q s``
    relaxes q times slower; seed 002 App. C itself uses ``γ_ex = n_B k_SE/q`` for the
    spin-exchange part, and Sec. VII A's γ = 17.5 s⁻¹ is only reached with that 1/q
    (see :class:`NobleGasCell`). Divide by q where the relaxation of ⟨f⟩ is meant.

    Parameters
    ----------
    noble_gas_density, alkali_density : float or array_like
        n_B, n_A, m⁻³, ≥ 0.
    k_se : float or array_like
        k_SE, m³/s, ≥ 0.
    spin_rotation_cross_section : float or array_like
        σ_SR, m², ≥ 0.
    relative_velocity : float or array_like
        v, alkali–noble-gas relative velocity, m/s, ≥ 0.
    spin_destruction_cross_section : float or array_like
        σ_SD, alkali–alkali, m², ≥ 0.
    alkali_velocity : float or array_like
        v_A, m/s, ≥ 0.

    Returns
    -------
    float or numpy.ndarray
        γ_A, s⁻¹.
    """
    for name, value, unit in (
        ("noble_gas_density", noble_gas_density, "m^-3"),
        ("alkali_density", alkali_density, "m^-3"),
        ("k_se", k_se, "m^3/s"),
        ("spin_rotation_cross_section", spin_rotation_cross_section, "m^2"),
        ("relative_velocity", relative_velocity, "m/s"),
        ("spin_destruction_cross_section", spin_destruction_cross_section, "m^2"),
        ("alkali_velocity", alkali_velocity, "m/s"),
    ):
        require_nonnegative(name, value, unit=unit)
    return _out(np.asarray(noble_gas_density) * (np.asarray(k_se) + np.asarray(
        spin_rotation_cross_section) * np.asarray(relative_velocity))
        + np.asarray(alkali_density) * np.asarray(spin_destruction_cross_section)
        * np.asarray(alkali_velocity) / 2.0)


def noble_gas_relaxation_rate(alkali_density, k_se, coherence_time=math.inf):
    """``γ_B = k_SE n_A + 1/T_B`` (seed 002 Eq. (3)).

    Parameters
    ----------
    alkali_density : float or array_like
        n_A, m⁻³, ≥ 0.
    k_se : float or array_like
        k_SE, m³/s, ≥ 0.
    coherence_time : float or array_like
        T_B, s, > 0 (``math.inf``: no relaxation besides spin exchange).

    Returns
    -------
    float or numpy.ndarray
        γ_B, s⁻¹.
    """
    require_nonnegative("alkali_density", alkali_density, unit="m^-3")
    require_nonnegative("k_se", k_se, unit="m^3/s")
    t_b = np.asarray(coherence_time, dtype=float)
    if np.any(np.isnan(t_b)) or np.any(t_b <= 0):
        raise ValueError(f"coherence_time must be > 0 s (math.inf allowed); received {t_b!r}")
    return _out(np.asarray(k_se) * np.asarray(alkali_density) + 1.0 / t_b)


def _densities_and_polarizations(alkali_polarization, noble_gas_polarization, alkali_density,
                                 noble_gas_density):
    p_a = _polarization("alkali_polarization", alkali_polarization)
    p_b = _polarization("noble_gas_polarization", noble_gas_polarization)
    require_nonnegative("alkali_density", alkali_density, unit="m^-3")
    require_nonnegative("noble_gas_density", noble_gas_density, unit="m^-3")
    return p_a, p_b, np.asarray(alkali_density, float), np.asarray(noble_gas_density, float)


def coupling_rate(zeta, q, alkali_polarization, noble_gas_polarization, alkali_density,
                  noble_gas_density):
    """Coherent spin-exchange rate ``J = ζ √(q p_A p_B n_A n_B) / 2`` in s⁻¹ (seed 002
    Eq. (26)).

    Parameters
    ----------
    zeta : float or array_like
        ζ, m³/s, > 0.
    q : float or array_like
        Slowing-down factor, ≥ 1.
    alkali_polarization, noble_gas_polarization : float or array_like
        p_A, p_B in (0, 1].
    alkali_density, noble_gas_density : float or array_like
        n_A, n_B, m⁻³, ≥ 0.

    Returns
    -------
    float or numpy.ndarray
        J, s⁻¹.

    Examples
    --------
    >>> round(float(coupling_rate(1.0, 1.0, 1.0, 1.0, 4.0, 1.0)), 12)  # Eq. (8) limit ζ√(n_A n_B)/2
    1.0
    """
    require_positive("zeta", zeta, unit="m^3/s")
    require_range("q", q, 1.0, math.inf)
    p_a, p_b, n_a, n_b = _densities_and_polarizations(
        alkali_polarization, noble_gas_polarization, alkali_density, noble_gas_density)
    return _out(np.asarray(zeta) * np.sqrt(np.asarray(q) * p_a * p_b * n_a * n_b) / 2.0)


def collisional_shifts(zeta, q, alkali_polarization, noble_gas_polarization, alkali_density,
                       noble_gas_density):
    """``(δω_A, δω_B) = (−ζ p_B n_B/2, −ζ p_A n_A q/2)`` in rad/s (seed 002 Sec. IV D).

    The shift of each species' Larmor frequency by the mean field of the other, both gases
    polarised along −z: ``ω_A = ω̃_A + δω_A`` and ``ω_B = ω̃_B + δω_B``.

    Parameters
    ----------
    zeta, q, alkali_polarization, noble_gas_polarization, alkali_density, noble_gas_density
        As for :func:`coupling_rate`.

    Returns
    -------
    tuple of float or numpy.ndarray
        ``(δω_A, δω_B)``, rad/s.
    """
    require_positive("zeta", zeta, unit="m^3/s")
    require_range("q", q, 1.0, math.inf)
    p_a, p_b, n_a, n_b = _densities_and_polarizations(
        alkali_polarization, noble_gas_polarization, alkali_density, noble_gas_density)
    zeta = np.asarray(zeta)
    return _out(-zeta * p_b * n_b / 2.0), _out(-zeta * p_a * n_a * np.asarray(q) / 2.0)


def collisional_shift_detuning(zeta, q, alkali_polarization, noble_gas_polarization,
                               alkali_density, noble_gas_density):
    """Mean collisional-shift detuning ``Δ_c = ζ (p_A n_A q − p_B n_B)/2`` in rad/s (seed 002
    Sec. V): ``δω_A − δω_B`` of :func:`collisional_shifts`.

    Parameters
    ----------
    zeta, q, alkali_polarization, noble_gas_polarization, alkali_density, noble_gas_density
        As for :func:`coupling_rate`.

    Returns
    -------
    float or numpy.ndarray
        Δ_c, rad/s.
    """
    shift_a, shift_b = collisional_shifts(zeta, q, alkali_polarization, noble_gas_polarization,
                                          alkali_density, noble_gas_density)
    return shift_a - shift_b


def alkali_larmor_coefficient(q, electron: str = "electron"):
    """``g_A = g_e/q`` in rad s⁻¹ T⁻¹: the slowed-down alkali precession rate per tesla
    (seed 002 Secs. II, V), ``g_e = −γ_e`` (CODATA).

    Parameters
    ----------
    q : float or array_like
        Slowing-down factor, ≥ 1.
    electron : str
        The name of the electron's gyromagnetic ratio in the Larmor table.

    Returns
    -------
    float or numpy.ndarray
        g_A, rad s⁻¹ T⁻¹.
    """
    require_range("q", q, 1.0, math.inf)
    return _out(larmor_coefficient(electron) / np.asarray(q))


def detuning(field, alkali_larmor_coefficient, noble_gas_larmor_coefficient, shift_detuning):
    """``Δ(B) = (g_A − g_B) B + Δ_c`` in rad/s for a field ``B`` (T) along z (seed 002 Sec. V).

    Equal to ``ω_A − ω_B`` with the altered Larmor frequencies of Sec. IV D.

    Parameters
    ----------
    field : float or array_like
        B along z, T.
    alkali_larmor_coefficient, noble_gas_larmor_coefficient : float or array_like
        g_A, g_B, rad s⁻¹ T⁻¹.
    shift_detuning : float or array_like
        Δ_c, rad/s.

    Returns
    -------
    float or numpy.ndarray
        Δ, rad/s.
    """
    require_range("field", field)
    return _out((np.asarray(alkali_larmor_coefficient) - np.asarray(noble_gas_larmor_coefficient))
                * np.asarray(field) + np.asarray(shift_detuning))


def compensation_field(alkali_larmor_coefficient, noble_gas_larmor_coefficient, shift_detuning):
    """The field ``B = −Δ_c/(g_A − g_B)`` that solves ``Δ(B) = 0`` (seed 002 Sec. V).

    Parameters
    ----------
    alkali_larmor_coefficient, noble_gas_larmor_coefficient, shift_detuning
        As for :func:`detuning`; g_A ≠ g_B.

    Returns
    -------
    float or numpy.ndarray
        B, T.
    """
    difference = np.asarray(alkali_larmor_coefficient) - np.asarray(noble_gas_larmor_coefficient)
    if np.any(difference == 0):
        raise ValueError(
            "alkali_larmor_coefficient must differ from noble_gas_larmor_coefficient: with "
            "g_A = g_B the detuning does not depend on the field"
        )
    return _out(-np.asarray(shift_detuning) / difference)


def total_alkali_decay_rate(alkali_relaxation_rate, alkali_diffusion, cell_radius):
    """``γ = γ_A + D_A π²/R²`` in s⁻¹ (seed 002 Sec. V): relaxation plus the decay of the
    lowest diffusion mode of a sphere with depolarising walls.

    Parameters
    ----------
    alkali_relaxation_rate : float or array_like
        γ_A, s⁻¹, ≥ 0.
    alkali_diffusion : float or array_like
        D_A, m²/s, ≥ 0.
    cell_radius : float or array_like
        R, m, > 0.

    Returns
    -------
    float or numpy.ndarray
        γ, s⁻¹.
    """
    require_nonnegative("alkali_relaxation_rate", alkali_relaxation_rate, unit="s^-1")
    require_nonnegative("alkali_diffusion", alkali_diffusion, unit="m^2/s")
    require_positive("cell_radius", cell_radius, unit="m")
    return _out(np.asarray(alkali_relaxation_rate)
                + np.asarray(alkali_diffusion) * math.pi**2 / np.asarray(cell_radius) ** 2)


def exchange_time(coupling):
    """``T_π = π/(2J)``: the duration of a complete state swap (seed 002 Sec. VI A).

    Parameters
    ----------
    coupling : float or array_like
        J, s⁻¹, > 0.

    Returns
    -------
    float or numpy.ndarray
        T_π, s.
    """
    require_positive("coupling", coupling, unit="s^-1")
    return _out(math.pi / (2.0 * np.asarray(coupling)))


# --------------------------------------------------------------------------------------------
# The cell
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class NobleGasCell:
    """A spherical alkali–noble-gas cell with both gases polarised along −z (seed 002).

    q is ``q(I, p_A)`` of Eq. (18) at the cell's p_A (held fixed, as in the paper).

    Parameters
    ----------
    alkali : str
        Alkali species name, e.g. ``"39K"``.
    noble_gas : str
        Noble gas, e.g. ``"3He"``.
    alkali_density, noble_gas_density : float
        n_A, n_B, m⁻³.
    alkali_polarization, noble_gas_polarization : float
        p_A, p_B in (0, 1].
    sigma_v_phi, sigma_v_phi_squared : float
        ⟨σvφ⟩ and ⟨σvφ²⟩, m³/s.
    alkali_relaxation_rate : float
        γ_A, s⁻¹: the decay of ⟨f⟩ as used in Eqs. (1) and (25).
    cell_radius : float
        R, m.
    noble_gas_coherence_time : float
        T_B, s, Eq. (3) (``math.inf`` for none).
    alkali_diffusion, noble_gas_diffusion : float
        D_A, D_B, m²/s.
    name : str
        A label.

    Examples
    --------
    >>> cell = get_preset("k-3he")
    >>> round(cell.q, 4), round(cell.coupling_rate), round(cell.compensation_field_gauss * 1e3, 1)
    (4.1025, 1021, 85.6)
    """

    alkali: str
    noble_gas: str
    alkali_density: float
    noble_gas_density: float
    alkali_polarization: float
    noble_gas_polarization: float
    sigma_v_phi: float
    sigma_v_phi_squared: float
    alkali_relaxation_rate: float
    cell_radius: float
    noble_gas_coherence_time: float = math.inf
    alkali_diffusion: float = 0.0
    noble_gas_diffusion: float = 0.0
    name: str = ""

    def __post_init__(self) -> None:
        get_species(self.alkali)
        larmor_coefficient(self.noble_gas)
        require_nonnegative("alkali_density", self.alkali_density, unit="m^-3")
        require_nonnegative("noble_gas_density", self.noble_gas_density, unit="m^-3")
        _polarization("alkali_polarization", self.alkali_polarization)
        _polarization("noble_gas_polarization", self.noble_gas_polarization)
        require_positive("sigma_v_phi", self.sigma_v_phi, unit="m^3/s")
        require_nonnegative("sigma_v_phi_squared", self.sigma_v_phi_squared, unit="m^3/s")
        require_nonnegative("alkali_relaxation_rate", self.alkali_relaxation_rate, unit="s^-1")
        noble_gas_relaxation_rate(0.0, 0.0, self.noble_gas_coherence_time)
        require_nonnegative("alkali_diffusion", self.alkali_diffusion, unit="m^2/s")
        require_nonnegative("noble_gas_diffusion", self.noble_gas_diffusion, unit="m^2/s")
        require_positive("cell_radius", self.cell_radius, unit="m")

    @classmethod
    def from_cgs(cls, *, alkali: str, noble_gas: str, alkali_density_cm3: float,
                 noble_gas_density_cm3: float, alkali_polarization: float,
                 noble_gas_polarization: float, sigma_v_phi_cm3_per_s: float,
                 sigma_v_phi_squared_cm3_per_s: float, alkali_relaxation_rate: float,
                 cell_radius_cm: float, noble_gas_coherence_time: float = math.inf,
                 alkali_diffusion_cm2_per_s: float = 0.0,
                 noble_gas_diffusion_cm2_per_s: float = 0.0, name: str = "") -> NobleGasCell:
        """The cell from the paper's units (cm-based; rates in s⁻¹, T_B in s).

        Parameters
        ----------
        alkali_density_cm3, noble_gas_density_cm3 : float
            n_A, n_B, cm⁻³.
        sigma_v_phi_cm3_per_s, sigma_v_phi_squared_cm3_per_s : float
            ⟨σvφ⟩ and ⟨σvφ²⟩, cm³/s.
        cell_radius_cm : float
            R, cm.
        alkali_diffusion_cm2_per_s, noble_gas_diffusion_cm2_per_s : float
            D_A, D_B, cm²/s.
        alkali, noble_gas, alkali_polarization, noble_gas_polarization : str or float
            As for :class:`NobleGasCell`.
        alkali_relaxation_rate, noble_gas_coherence_time, name : float or str
            As for :class:`NobleGasCell`.

        Returns
        -------
        NobleGasCell
            The cell in SI units.
        """
        return cls(
            alkali=alkali, noble_gas=noble_gas,
            alkali_density=alkali_density_cm3 / M3_PER_CM3,
            noble_gas_density=noble_gas_density_cm3 / M3_PER_CM3,
            alkali_polarization=alkali_polarization,
            noble_gas_polarization=noble_gas_polarization,
            sigma_v_phi=sigma_v_phi_cm3_per_s * M3_PER_CM3,
            sigma_v_phi_squared=sigma_v_phi_squared_cm3_per_s * M3_PER_CM3,
            alkali_relaxation_rate=alkali_relaxation_rate,
            noble_gas_coherence_time=noble_gas_coherence_time,
            alkali_diffusion=cm2_per_s_to_m2_per_s(alkali_diffusion_cm2_per_s),
            noble_gas_diffusion=cm2_per_s_to_m2_per_s(noble_gas_diffusion_cm2_per_s),
            cell_radius=cm_to_m(cell_radius_cm), name=name,
        )

    # -- derived rates --------------------------------------------------------------------

    @property
    def alkali_nuclear_spin(self) -> float:
        """Nuclear spin I of the alkali species."""
        return get_species(self.alkali).nuclear_spin

    @property
    def q(self) -> float:
        """Slowing-down factor q(I, p_A), Eq. (18)."""
        return slowing_down_factor(self.alkali_nuclear_spin, self.alkali_polarization)

    @property
    def zeta(self) -> float:
        """ζ = ⟨σvφ⟩/q (m³/s)."""
        return mean_field_strength(self.sigma_v_phi, self.q)

    @property
    def k_se(self) -> float:
        """k_SE = ⟨vσφ²⟩/4 (m³/s)."""
        return spin_exchange_rate_coefficient(self.sigma_v_phi_squared)

    def _shift_arguments(self) -> tuple:
        return (self.zeta, self.q, self.alkali_polarization, self.noble_gas_polarization,
                self.alkali_density, self.noble_gas_density)

    @property
    def coupling_rate(self) -> float:
        """J of Eq. (26) (s⁻¹)."""
        return float(coupling_rate(*self._shift_arguments()))

    @property
    def exchange_time(self) -> float:
        """T_π = π/(2J) (s)."""
        return float(exchange_time(self.coupling_rate))

    @property
    def noble_gas_relaxation_rate(self) -> float:
        """γ_B = k_SE n_A + 1/T_B (s⁻¹), Eq. (3)."""
        return float(noble_gas_relaxation_rate(self.alkali_density, self.k_se,
                                               self.noble_gas_coherence_time))

    @property
    def alkali_decay_rate(self) -> float:
        """γ = γ_A + D_A π²/R² (s⁻¹), the two-mode alkali decay of Sec. V."""
        return float(total_alkali_decay_rate(self.alkali_relaxation_rate, self.alkali_diffusion,
                                             self.cell_radius))

    @property
    def collisional_shifts(self) -> tuple[float, float]:
        """(δω_A, δω_B) = (−ζ p_B n_B/2, −ζ p_A n_A q/2) (rad/s), Sec. IV D."""
        a, b = collisional_shifts(*self._shift_arguments())
        return float(a), float(b)

    @property
    def collisional_shift_detuning(self) -> float:
        """Δ_c = ζ(p_A n_A q − p_B n_B)/2 (rad/s), Sec. V."""
        return float(collisional_shift_detuning(*self._shift_arguments()))

    @property
    def alkali_larmor_coefficient(self) -> float:
        """g_A = g_e/q (rad s⁻¹ T⁻¹)."""
        return alkali_larmor_coefficient(self.q)

    @property
    def noble_gas_larmor_coefficient(self) -> float:
        """g_B = −γ of the noble gas (rad s⁻¹ T⁻¹)."""
        return larmor_coefficient(self.noble_gas)

    def larmor_frequencies(self, field) -> tuple[float, float]:
        """Altered Larmor frequencies (ω_A, ω_B) = (g_A B + δω_A, g_B B + δω_B) (rad/s) for a
        field B along z (Sec. IV D).

        Parameters
        ----------
        field : float
            B, T.

        Returns
        -------
        tuple of float
            ``(ω_A, ω_B)``, rad/s.
        """
        require_range("field", field)
        shift_a, shift_b = self.collisional_shifts
        return (self.alkali_larmor_coefficient * field + shift_a,
                self.noble_gas_larmor_coefficient * field + shift_b)

    def detuning(self, field) -> float:
        """Δ(B) = (g_A − g_B)B + Δ_c = ω_A − ω_B, Sec. V.

        Parameters
        ----------
        field : float
            B along z, T.

        Returns
        -------
        float
            Δ, rad/s.
        """
        return detuning(field, self.alkali_larmor_coefficient, self.noble_gas_larmor_coefficient,
                        self.collisional_shift_detuning)

    @property
    def compensation_field(self) -> float:
        """The field (T, along z) where Δ(B) = 0."""
        return float(compensation_field(self.alkali_larmor_coefficient,
                                        self.noble_gas_larmor_coefficient,
                                        self.collisional_shift_detuning))

    @property
    def compensation_field_gauss(self) -> float:
        """The compensation field in gauss."""
        return self.compensation_field / TESLA_PER_GAUSS

    @property
    def noble_gas_larmor_frequency_at_compensation(self) -> float:
        """Bare g_B B at the compensation field (rad/s); the paper's "g_B B = g_A B + Δ_c"."""
        return self.noble_gas_larmor_coefficient * self.compensation_field

    @property
    def noble_gas_larmor_frequency_at_compensation_hz(self) -> float:
        """Bare g_B B at the compensation field in Hz (cycles per second)."""
        return angular_to_hz(self.noble_gas_larmor_frequency_at_compensation)

    @property
    def alkali_thermal_occupation(self) -> float:
        """n̄_A = (1 − p_A)/(2p_A)."""
        return thermal_occupation(self.alkali_polarization)

    @property
    def noble_gas_thermal_occupation(self) -> float:
        """n̄_B = (1 − p_B)/(2p_B)."""
        return thermal_occupation(self.noble_gas_polarization)

    @property
    def volume(self) -> float:
        """4πR³/3 (m³)."""
        return 4.0 * math.pi * self.cell_radius**3 / 3.0

    @property
    def alkali_atom_number(self) -> float:
        """N_A = n_A V."""
        return self.alkali_density * self.volume

    @property
    def noble_gas_atom_number(self) -> float:
        """N_B = n_B V."""
        return self.noble_gas_density * self.volume


# Sec. VII A: ⟨φ⟩² ≈ ⟨φ²⟩ ≈ 2e-10 rad², i.e. φ taken as sharp, ⟨φ⟩ = √(2e-10) = 1.414e-5 rad
# (Sec. IV C quotes 1.4e-5 rad). Then σv = v σ⟨φ⟩/⟨φ⟩ = 1.414e-9 cm³/s and
# ⟨σvφ²⟩ = σv⟨φ²⟩ = v σ⟨φ⟩ · ⟨φ⟩ = 2.83e-24 cm³/s, k_SE = 7.07e-20 cm³/s (App. D quotes
# 5.5e-20 cm³/s at 220 °C with ⟨φ²⟩ = 1.6e-10 rad²).
_K_HE3_MEAN_PHASE = math.sqrt(2e-10)
_K_HE3_SIGMA_V_PHI_CM3 = 2e-14
K_HE3_SEC_VIIA = NobleGasCell.from_cgs(
    alkali="39K",
    noble_gas="3He",
    alkali_density_cm3=3e14,  # vapour at 215 °C
    noble_gas_density_cm3=2e20,  # 7.5 atm
    alkali_polarization=0.95,
    noble_gas_polarization=0.75,
    sigma_v_phi_cm3_per_s=_K_HE3_SIGMA_V_PHI_CM3,
    sigma_v_phi_squared_cm3_per_s=_K_HE3_SIGMA_V_PHI_CM3 * _K_HE3_MEAN_PHASE,
    alkali_relaxation_rate=17.5,  # "γ = 17.5 s⁻¹"
    noble_gas_coherence_time=100 * 3600.0,  # "can endure for 100 h"
    alkali_diffusion_cm2_per_s=0.054,
    noble_gas_diffusion_cm2_per_s=0.023,
    cell_radius_cm=2.54,  # 2-inch-diameter sphere
    name="39K-3He, seed 002 Sec. VII A",
)

#: Named parameter sets.
PRESETS: MappingProxyType[str, NobleGasCell] = MappingProxyType({"k-3he": K_HE3_SEC_VIIA})


def get_preset(name: str) -> NobleGasCell:
    """A named :class:`NobleGasCell`: ``"k-3he"`` is seed 002 Sec. VII A (³⁹K–³He, 2-inch
    sphere, n_A = 3e14 cm⁻³, n_B = 2e20 cm⁻³, p_A = 0.95, p_B = 0.75, vσ⟨φ⟩ = 2e-14 cm³/s,
    γ = 17.5 s⁻¹, D_A = 0.054, D_B = 0.023 cm²/s).

    Parameters
    ----------
    name : str
        A key of ``PRESETS`` (case-insensitive).

    Returns
    -------
    NobleGasCell
        The parameter set.
    """
    key = name.strip().lower() if isinstance(name, str) else name
    if key not in PRESETS:
        raise ValueError(f"name must be one of {sorted(PRESETS)}; received {name!r}")
    return PRESETS[key]
