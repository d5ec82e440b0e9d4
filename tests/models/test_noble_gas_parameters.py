"""Seed 002 parameters: q(I, p) (Eq. 18), rates (Eqs. 2, 3, 26), shifts and the Sec. VII A cell.

q is checked against its physical definition ⟨F_z⟩/⟨S_z⟩ of a spin-temperature density matrix
built with spinthermo.core.spin, against Eq. (18) written literally, and against the closed
forms quoted for I = 3/2 and 5/2 (Savukov & Romalis, PRA 71, 023405 (2005)).
"""

import math

import numpy as np
import pytest
import scipy.linalg

from spinthermo.atoms.gyromagnetic import larmor_coefficient
from spinthermo.core.spin import CoupledSpins
from spinthermo.models.noble_gas.parameters import (
    K_HE3_SEC_VIIA,
    M3_PER_CM3,
    NobleGasCell,
    alkali_larmor_coefficient,
    alkali_relaxation_rate,
    collision_rate_coefficients,
    collisional_shift_detuning,
    collisional_shifts,
    compensation_field,
    coupling_rate,
    detuning,
    exchange_time,
    get_preset,
    mean_field_strength,
    noble_gas_relaxation_rate,
    slowing_down_factor,
    slowing_down_factor_bounds,
    spin_exchange_rate_coefficient,
    thermal_occupation,
    total_alkali_decay_rate,
)

#: Arithmetic identities evaluated in double precision.
EXACT = 1e-12
SPINS = (0.5, 1.0, 1.5, 2.5, 3.5)


def q_eq18_literal(spin, p):
    """Eq. (18) exactly as printed (cancels as p → 0; fine for p ≳ 0.05)."""
    n = 2 * spin + 1
    return n / p * ((1 + p) ** n + (1 - p) ** n) / ((1 + p) ** n - (1 - p) ** n) - 1 / p**2 + 1


def q_from_density_matrix(spin, beta):
    """(p, ⟨F_z⟩/⟨S_z⟩) of ρ ∝ exp(β F_z) on the full I ⊗ S space (core.spin, coupled basis)."""
    atom = CoupledSpins(spin, 0.5)
    f_z, s_z = atom.total[2], atom.second[2]
    rho = scipy.linalg.expm(beta * f_z)
    rho /= np.trace(rho)
    mean_f, mean_s = np.trace(rho @ f_z).real, np.trace(rho @ s_z).real
    return 2 * mean_s, mean_f / mean_s


# -- q(I, p) -----------------------------------------------------------------------------------


def test_q_quoted_values():
    assert slowing_down_factor(1.5, 1.0) == pytest.approx(4.0, abs=EXACT)
    assert slowing_down_factor(1.5, 1e-12) == pytest.approx(6.0, abs=EXACT)
    # Sec. VII A: "q is 4.1" at p_A = 0.95; the exact value is 4.1025 (= 7.805/1.9025).
    assert slowing_down_factor(1.5, 0.95) == pytest.approx(4.10249671, abs=1e-8)


@pytest.mark.parametrize("spin", SPINS)
@pytest.mark.parametrize("beta", [1e-3, 0.3, 1.0, 2.5, 6.0])
def test_q_is_fz_over_sz_of_spin_temperature_state(spin, beta):
    p, ratio = q_from_density_matrix(spin, beta)
    assert slowing_down_factor(spin, p) == pytest.approx(ratio, rel=1e-10)


@pytest.mark.parametrize("spin", SPINS)
def test_q_matches_eq18_as_printed_where_it_is_stable(spin):
    p = np.linspace(0.05, 1.0, 40)
    assert np.allclose(slowing_down_factor(spin, p), q_eq18_literal(spin, p), rtol=1e-11)


def test_q_closed_forms_for_i_3_2_and_5_2():
    p = np.linspace(1e-6, 1.0, 101)
    assert np.allclose(slowing_down_factor(1.5, p), (6 + 2 * p**2) / (1 + p**2), rtol=EXACT)
    assert np.allclose(slowing_down_factor(2.5, p),
                       (38 + 52 * p**2 + 6 * p**4) / (3 + 10 * p**2 + 3 * p**4), rtol=EXACT)


@pytest.mark.parametrize("spin", SPINS)
def test_q_limits_bounds_and_monotonicity(spin):
    low, high = slowing_down_factor_bounds(spin)
    assert low == 2 * spin + 1 and high == pytest.approx(4 * spin**2 / 3 + 4 * spin / 3 + 1)
    assert slowing_down_factor(spin, 1.0) == pytest.approx(low, abs=EXACT)
    for p_small in (1e-300, 1e-12, 1e-6):
        assert slowing_down_factor(spin, p_small) == pytest.approx(high, rel=1e-10)
    p = np.linspace(1e-4, 1.0, 500)
    q = slowing_down_factor(spin, p)
    assert np.all(q >= low - EXACT) and np.all(q <= high + EXACT)
    if spin == 0.5:
        assert np.allclose(q, 2.0, rtol=EXACT)  # both bounds are 2: q(1/2, p) = 2
    else:
        assert np.all(np.diff(q) < 0)  # strictly decreasing in p


def test_q_for_spinless_alkali_is_one():
    assert np.allclose(slowing_down_factor(0.0, np.array([1e-8, 0.3, 0.99, 1.0])), 1.0)


@pytest.mark.parametrize("p", [0.0, -0.1, 1.0 + 1e-9, math.nan])
def test_q_rejects_polarization_outside_open_closed_interval(p):
    with pytest.raises(ValueError, match="polarization"):
        slowing_down_factor(1.5, p)


def test_q_rejects_nuclear_spin_not_half_integer():
    with pytest.raises(ValueError, match="multiple of 1/2"):
        slowing_down_factor(1.2, 0.5)
    with pytest.raises(ValueError, match="nuclear_spin"):
        slowing_down_factor(-0.5, 0.5)


def test_thermal_occupation_matches_thermal_quadrature_variance():
    p = np.array([0.5, 0.75, 0.95, 1.0])
    n = thermal_occupation(p)
    assert np.allclose((2 * n + 1) / 4, 1 / (4 * p), rtol=EXACT)  # Sec. VI B: ⟨ΔX²⟩ = 1/4p
    assert thermal_occupation(0.75) == pytest.approx(1 / 6)  # Sec. VII B: "0.17"


# -- rate coefficients and rates --------------------------------------------------------------


def test_collision_rate_coefficients_zeta_and_k_se():
    svp, svp2 = collision_rate_coefficients(2e-19, 1e3, 1e-5, 2e-10)
    assert svp == pytest.approx(2e-21) and svp2 == pytest.approx(4e-26)
    assert mean_field_strength(svp, 4.0) == pytest.approx(5e-22)
    assert spin_exchange_rate_coefficient(svp2) == pytest.approx(1e-26)
    with pytest.raises(ValueError, match="mean_phase_squared must be >="):
        collision_rate_coefficients(2e-19, 1e3, 1e-5, 0.5e-10)


def test_alkali_relaxation_rate_eq2():
    # n_B (k_SE + σ_SR v) + n_A σ_SD v_A / 2 by hand.
    rate = alkali_relaxation_rate(2e26, 3e20, 7e-26, 1e-23, 1e3, 1e-22, 5e2)
    assert rate == pytest.approx(2e26 * (7e-26 + 1e-20) + 3e20 * 1e-22 * 5e2 / 2)
    with pytest.raises(ValueError, match="spin_rotation_cross_section"):
        alkali_relaxation_rate(1.0, 1.0, 1.0, -1.0, 1.0, 1.0, 1.0)


def test_noble_gas_relaxation_rate_eq3():
    assert noble_gas_relaxation_rate(3e20, 7e-26, 3600.0) == pytest.approx(2.1e-5 + 1 / 3600)
    assert noble_gas_relaxation_rate(3e20, 7e-26) == pytest.approx(2.1e-5)  # T_B = ∞
    with pytest.raises(ValueError, match="coherence_time"):
        noble_gas_relaxation_rate(1.0, 1.0, 0.0)


def test_coupling_rate_eq26_and_its_eq8_limit():
    zeta, q, pa, pb, na, nb = 3e-21, 4.1, 0.9, 0.7, 2e20, 5e25
    assert coupling_rate(zeta, q, pa, pb, na, nb) == pytest.approx(
        zeta * math.sqrt(q * pa * pb * na * nb) / 2)
    # Eq. (8): J = ⟨φ⟩ √(N_A/N_B) / (2τ), τ = 1/(n_B σv), for I = 0 and full polarisation.
    sigma_v, phi = 1e-15, 1e-5
    tau = 1 / (nb * sigma_v)
    assert coupling_rate(sigma_v * phi, 1.0, 1.0, 1.0, na, nb) == pytest.approx(
        phi * math.sqrt(na / nb) / (2 * tau))


def test_collisional_shifts_and_detuning_sec_iv_d_and_v():
    args = (3e-21, 4.1, 0.9, 0.7, 2e20, 5e25)
    shift_a, shift_b = collisional_shifts(*args)
    assert shift_a == pytest.approx(-3e-21 * 0.7 * 5e25 / 2)
    assert shift_b == pytest.approx(-3e-21 * 0.9 * 2e20 * 4.1 / 2)
    delta_c = collisional_shift_detuning(*args)
    assert delta_c == pytest.approx(3e-21 * (0.9 * 2e20 * 4.1 - 0.7 * 5e25) / 2)
    # Δ(B) = (g_A − g_B)B + Δ_c equals ω_A − ω_B with ω = gB + shift, for any B.
    g_a, g_b = alkali_larmor_coefficient(4.1), larmor_coefficient("3He")
    for field in (-1e-5, 0.0, 3e-6):
        omega_a, omega_b = g_a * field + shift_a, g_b * field + shift_b
        assert detuning(field, g_a, g_b, delta_c) == pytest.approx(omega_a - omega_b, rel=1e-12,
                                                                    abs=1e-9)
    b_c = compensation_field(g_a, g_b, delta_c)
    assert detuning(b_c, g_a, g_b, delta_c) == pytest.approx(0.0, abs=1e-9 * abs(delta_c))
    with pytest.raises(ValueError, match="must differ"):
        compensation_field(g_b, g_b, delta_c)


def test_alkali_larmor_coefficient_is_slowed_electron_rate():
    assert alkali_larmor_coefficient(4.0) == pytest.approx(larmor_coefficient("electron") / 4)


def test_total_alkali_decay_and_exchange_time():
    assert total_alkali_decay_rate(17.5, 5.4e-6, 0.0254) == pytest.approx(
        17.5 + 5.4e-6 * math.pi**2 / 0.0254**2)
    assert exchange_time(1000.0) == pytest.approx(math.pi / 2000)
    with pytest.raises(ValueError, match="cell_radius"):
        total_alkali_decay_rate(1.0, 1.0, 0.0)


def test_eq2_with_the_papers_k_he_numbers_needs_the_slowing_down_factor():
    """App. C: η = k_SE/(σ_SR v) = 0.34 for K–He; App. D: k_SE = 5.5e-20 cm³/s. Eq. (2) as
    printed then gives ≥ 43 s⁻¹ from ³He alone, above Sec. VII A's γ = 17.5 s⁻¹; divided by
    q(3/2, 0.95) = 4.10 it leaves room for K–K spin destruction."""
    k_se = 5.5e-20 * M3_PER_CM3
    sigma_sr_v = k_se / 0.34
    electron_rate = alkali_relaxation_rate(2e26, 3e20, k_se, sigma_sr_v, 1.0, 0.0, 0.0)
    assert electron_rate == pytest.approx(43.4, rel=1e-2)
    assert electron_rate > 17.5 > electron_rate / slowing_down_factor(1.5, 0.95)


# -- NobleGasCell ------------------------------------------------------------------------------

BASE = dict(alkali="39K", noble_gas="3He", alkali_density=3e20, noble_gas_density=2e26,
            alkali_polarization=0.95, noble_gas_polarization=0.75, sigma_v_phi=2e-20,
            sigma_v_phi_squared=2.8e-30, alkali_relaxation_rate=17.5, cell_radius=0.0254)


@pytest.mark.parametrize("field, value, match", [
    ("alkali_density", -1.0, "alkali_density"),
    ("noble_gas_density", -1e20, "noble_gas_density"),
    ("alkali_polarization", 0.0, "alkali_polarization"),
    ("noble_gas_polarization", 1.5, "noble_gas_polarization"),
    ("sigma_v_phi", 0.0, "sigma_v_phi"),
    ("sigma_v_phi_squared", -1.0, "sigma_v_phi_squared"),
    ("alkali_relaxation_rate", -1.0, "alkali_relaxation_rate"),
    ("noble_gas_coherence_time", -5.0, "coherence_time"),
    ("cell_radius", 0.0, "cell_radius"),
    ("alkali", "40K", "species"),
    ("noble_gas", "Ne", "name must be one of"),
])
def test_cell_rejects_bad_input(field, value, match):
    with pytest.raises(ValueError, match=match):
        NobleGasCell(**{**BASE, field: value})


def test_cell_properties_match_functions():
    cell = NobleGasCell(**BASE, noble_gas_coherence_time=3600.0)
    q = slowing_down_factor(1.5, 0.95)
    assert cell.q == q
    assert cell.zeta == pytest.approx(2e-20 / q)
    assert cell.k_se == pytest.approx(0.7e-30)
    assert cell.coupling_rate == pytest.approx(
        2e-20 / q * math.sqrt(q * 0.95 * 0.75 * 3e20 * 2e26) / 2)
    assert cell.noble_gas_relaxation_rate == pytest.approx(0.7e-30 * 3e20 + 1 / 3600)
    assert cell.exchange_time == pytest.approx(math.pi / (2 * cell.coupling_rate))
    assert cell.detuning(cell.compensation_field) == pytest.approx(
        0.0, abs=1e-9 * abs(cell.collisional_shift_detuning))
    omega_a, omega_b = cell.larmor_frequencies(cell.compensation_field)
    assert omega_a == pytest.approx(omega_b, rel=1e-12)
    assert cell.noble_gas_atom_number == pytest.approx(2e26 * 4 * math.pi * 0.0254**3 / 3)


def test_from_cgs_converts_units():
    cell = NobleGasCell.from_cgs(
        alkali="39K", noble_gas="3He", alkali_density_cm3=3e14, noble_gas_density_cm3=2e20,
        alkali_polarization=0.95, noble_gas_polarization=0.75, sigma_v_phi_cm3_per_s=2e-14,
        sigma_v_phi_squared_cm3_per_s=2.8e-24, alkali_relaxation_rate=17.5,
        alkali_diffusion_cm2_per_s=0.054, cell_radius_cm=2.54)
    assert cell.alkali_density == pytest.approx(3e20)
    assert cell.sigma_v_phi == pytest.approx(2e-20)
    assert cell.alkali_diffusion == pytest.approx(5.4e-6)
    assert cell.cell_radius == pytest.approx(0.0254)
    assert M3_PER_CM3 == 1e-6


# -- the Sec. VII A preset ---------------------------------------------------------------------


def test_preset_registry():
    assert get_preset("K-3He") is K_HE3_SEC_VIIA
    with pytest.raises(ValueError, match="name must be one of"):
        get_preset("rb-xe")


def test_preset_coupling_and_strong_coupling_claims():
    cell = K_HE3_SEC_VIIA
    # J by hand in cgs: vσ⟨φ⟩ √(p_A p_B n_A n_B / q)/2 with q = q(3/2, 0.95).
    q = (6 + 2 * 0.95**2) / (1 + 0.95**2)
    j_hand = 2e-14 * math.sqrt(0.95 * 0.75 * 3e14 * 2e20 / q) / 2
    assert cell.coupling_rate == pytest.approx(j_hand, rel=1e-12)
    assert cell.coupling_rate == pytest.approx(1000.0, rel=0.03)  # "J = 1000 s⁻¹"
    assert cell.coupling_rate > 55 * cell.alkali_decay_rate  # "J > 55γ"
    # γ = γ_A + D_A π²/R²: diffusion adds 0.083 s⁻¹ to 17.5 s⁻¹.
    assert cell.alkali_decay_rate == pytest.approx(17.5 + 0.054 * math.pi**2 / 2.54**2)
    # App. D: ζ = 4.9e-15 cm³/s for K–³He; ours from vσ⟨φ⟩/q.
    assert cell.zeta / M3_PER_CM3 == pytest.approx(4.9e-15, rel=0.01)
    # ⟨φ²⟩ = ⟨φ⟩² = 2e-10 rad² → k_SE = vσ⟨φ⟩ ⟨φ⟩ / 4.
    assert cell.k_se / M3_PER_CM3 == pytest.approx(2e-14 * math.sqrt(2e-10) / 4)
    assert cell.noble_gas_thermal_occupation == pytest.approx(1 / 6)


def test_preset_compensation_field_is_independent_of_q():
    """B_c = −Δ_c/(g_A − g_B) ≈ vσ⟨φ⟩ p_B n_B/(2 g_e): q cancels between ζ and g_A."""
    cell = K_HE3_SEC_VIIA
    g_e = larmor_coefficient("electron")
    leading = cell.sigma_v_phi * 0.75 * cell.noble_gas_density / (2 * g_e)
    assert cell.compensation_field == pytest.approx(leading, rel=0.01)
    other_q = NobleGasCell(**{**cell.__dict__, "alkali_polarization": 0.5})
    assert other_q.q == pytest.approx(5.2)
    assert other_q.compensation_field == pytest.approx(cell.compensation_field, rel=0.01)
    # Our value: 85.6 mG and g_B B = 2π × 277.6 Hz. The paper states 94 mG and 2π × 300 Hz,
    # which no convention in Secs. IV–VII reproduces (see the module report); the study
    # carries that claim as failed.
    assert cell.compensation_field_gauss == pytest.approx(0.08559, rel=1e-3)
    assert cell.compensation_field > 0  # along +z, opposite to both polarisations (ζ > 0)
    assert cell.noble_gas_larmor_frequency_at_compensation_hz == pytest.approx(277.6, rel=1e-3)
    assert abs(cell.compensation_field_gauss - 0.094) / 0.094 > 0.08


def test_spin_exchange_noise_factors_app_c():
    """App. C after Eq. (C5): vacuum noise at full polarisation; for p_A = p_B = p thermal noise
    with n̄ = (1 − p)/2p (Eqs. C8, C9); the commutator (p_A + p_B)/2p_A; bad input rejected."""
    from spinthermo.models.noble_gas.parameters import (
        spin_exchange_noise_factors,
        thermal_occupation,
    )

    assert spin_exchange_noise_factors(1.0, 1.0) == (1.0, 0.0)
    p = np.linspace(0.05, 1.0, 20)
    anti, normal = spin_exchange_noise_factors(p, p)
    np.testing.assert_allclose(anti - normal, 1.0, rtol=1e-14)
    np.testing.assert_allclose(normal / (anti - normal), thermal_occupation(p), rtol=1e-12)
    anti, normal = spin_exchange_noise_factors(0.95, 0.75)
    assert anti - normal == pytest.approx((0.95 + 0.75) / (2 * 0.95), rel=1e-14)
    with pytest.raises(ValueError, match="noble_gas_polarization"):
        spin_exchange_noise_factors(0.9, 1.5)
