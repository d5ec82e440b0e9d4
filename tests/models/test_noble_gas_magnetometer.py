"""Seed 002 Sec. VI C and App. G: the hybrid magnetometer.

The closed forms (G4)–(G17) are checked against (i) matrix exponentials of Eq. (G1), (ii) the
exact moments of M(T) for the linear Langevin model (``lock_in_statistics``), which is itself
checked against brute-force quadrature and, for the mean, against the lab-frame solution without
any rotating-wave approximation, and (iii) their own short- and long-time limits, Eqs. (42)
and (43). Eq. (43)'s printed prefactor disagrees with G14 + G17; the test records by how much.
"""

import math

import numpy as np
import pytest
import scipy.integrate
import scipy.linalg

from spinthermo.models.noble_gas.magnetometer import (
    HybridMagnetometer,
    dressed_amplitudes,
    dressed_noble_gas_decay_rate,
    dressed_noble_gas_frequency,
    dressed_rates,
    effective_exchange_rate,
    squeezed_variance,
    transfer_functions,
)
from spinthermo.models.noble_gas.parameters import K_HE3_SEC_VIIA

#: Closed forms (G14), (G16), (G17) drop terms of relative order J/Δ, γ_A/Δ and γ̃_B/γ_A; with
#: J/Δ = 0.01 they agree with the exact moments to a few 1e-4.
DETUNED_TOL = 2e-3
#: Brute-force quadrature on ~1e5-point grids (trapezoid error ~ (Δ du)²).
QUADRATURE_TOL = 1e-4


def sensor(detuning=300.0, **overrides):
    """Detuned regime |Δ| ≫ J ≳ γ_A ≫ γ_B, with ϱ = 0.3 (for Δ > 0) to test the (1 + ϱ)."""
    base = dict(coupling=3.0, detuning=detuning, alkali_decay_rate=1.0,
                noble_gas_decay_rate=1e-4, alkali_larmor_coefficient=100.0,
                noble_gas_larmor_coefficient=1.0, q=4.0, alkali_number=0.09 * 0.8e6 / 3.6,
                noble_gas_number=1e6, alkali_polarization=0.9, noble_gas_polarization=0.8)
    return HybridMagnetometer(**{**base, **overrides})


# -- dressed modes, (G4)–(G12) ----------------------------------------------------------------


@pytest.mark.parametrize("omega_a, omega_b", [(350.0, 50.0), (20.0, 80.0), (5.0, 5.0)])
def test_transfer_functions_are_the_propagator_of_g1(omega_a, omega_b):
    coupling, gamma_a, gamma_b = 3.0, 1.3, 0.2
    matrix = np.array([[1j * omega_a - gamma_a, -1j * coupling],
                       [-1j * coupling, 1j * omega_b - gamma_b]])
    for t in (0.0, 0.05, 0.7, 3.0):
        phi_a, phi_b = transfer_functions(t, coupling, omega_a, omega_b, gamma_a, gamma_b)
        propagator = scipy.linalg.expm(matrix * t)
        assert phi_a == pytest.approx(propagator[0, 0], rel=1e-10, abs=1e-12)
        assert phi_b == pytest.approx(propagator[0, 1], rel=1e-10, abs=1e-12)


def test_dressed_rates_are_eigenvalues_and_f1_limit():
    coupling, omega_a, omega_b, gamma_a, gamma_b = 3.0, 40.0, 10.0, 1.3, 0.2
    matrix = np.array([[1j * omega_a - gamma_a, -1j * coupling],
                       [-1j * coupling, 1j * omega_b - gamma_b]])
    rates = np.array(dressed_rates(coupling, omega_a, omega_b, gamma_a, gamma_b))
    eig = np.linalg.eigvals(matrix)
    assert np.allclose(np.sort_complex(rates), np.sort_complex(eig), rtol=1e-12)
    # Eq. (F1): Δ = 0, γ_B = 0 gives J̃ = √(J² − γ²/4).
    assert effective_exchange_rate(3.0, 0.0, 1.3, 0.0) == pytest.approx(math.sqrt(9 - 1.3**2 / 4))


@pytest.mark.parametrize("detuning", [100.0, 1000.0])
def test_detuned_limits_g9_to_g12(detuning):
    coupling, gamma_a, gamma_b, omega_b = 3.0, 1.0, 1e-3, 17.0
    omega_a = omega_b + detuning
    pi_plus, pi_minus = dressed_rates(coupling, omega_a, omega_b, gamma_a, gamma_b)
    lam_plus, lam_minus = dressed_amplitudes(coupling, detuning, gamma_a, gamma_b)
    ratio2 = coupling**2 / detuning**2
    # Next orders: J⁴/Δ³ in the frequencies, J²γ_A²/Δ³ in the amplitudes.
    bound = 5 * coupling**4 / detuning**3
    g9 = 1j * (omega_a + coupling**2 / detuning) - gamma_a * (1 - ratio2)
    g10 = (1j * dressed_noble_gas_frequency(coupling, detuning, omega_b)
           - dressed_noble_gas_decay_rate(coupling, detuning, gamma_a, gamma_b))
    assert abs(pi_plus - g9) < bound and abs(pi_minus - g10) < bound
    # Decay: G10 drops J²γ_B/Δ² (exact second order is γ_B + J²(γ_A − γ_B)/Δ²).
    assert abs(pi_minus.real - g10.real) < (5 * coupling**4 * gamma_a / detuning**4
                                            + 2 * ratio2 * gamma_b)
    assert abs(lam_plus - (1j * detuning + gamma_b - gamma_a)) < 2 * coupling**2 / detuning
    assert abs(lam_minus - (1j * coupling**2 / detuning + ratio2 * gamma_a)) < bound


def test_transfer_functions_reject_the_exceptional_point():
    with pytest.raises(ValueError, match="exceptional point"):
        transfer_functions(1.0, 0.5, 0.0, 0.0, 1.0, 0.0)


# -- exact moments of M(T): independent checks of lock_in_statistics -------------------------


def lab_frame_lock_in_mean(m, integration_time, omega_b, samples):
    """⟨M⟩ = (1/T)∫ sin(ωt) Re⟨a(t)⟩ dt in the lab frame of Eq. (G1) with the real drive
    B cos ωt (no RWA anywhere), a(t) in closed form by eigendecomposition."""
    omega_a = omega_b + m.detuning
    omega = omega_b + m.dressed_resonance()
    matrix = np.array([[1j * omega_a - m.alkali_decay_rate, -1j * m.coupling],
                       [-1j * m.coupling, 1j * omega_b - m.noble_gas_decay_rate]])
    lam, vec = np.linalg.eig(matrix)
    source = 0.5j * np.array([
        m.alkali_larmor_coefficient * math.sqrt(m.q * m.alkali_number * m.alkali_polarization),
        m.noble_gas_larmor_coefficient * math.sqrt(m.noble_gas_number
                                                   * m.noble_gas_polarization)])
    # h(t) = source cos ωt = source (e^{iωt} + e^{−iωt})/2; a(0) = 0.
    coefficients = np.linalg.solve(vec, source) / 2
    t = np.linspace(0.0, integration_time, samples)
    a = np.zeros_like(t, dtype=complex)
    for sign in (1.0, -1.0):
        nu = sign * 1j * omega
        modes = coefficients[:, None] * (np.exp(nu * t)[None, :] - np.exp(lam[:, None] * t)) / (
            nu - lam)[:, None]
        a += (vec @ modes)[0]
    return scipy.integrate.simpson(np.sin(omega * t) * a.real, x=t) / integration_time


def test_lock_in_mean_agrees_with_lab_frame_without_rwa():
    m = sensor(detuning=30.0, noble_gas_decay_rate=0.01)  # γ̃ = 0.02: a short lab-frame run
    integration_time = 100.0
    lab = lab_frame_lock_in_mean(m, integration_time, omega_b=20.0, samples=200_001)
    rwa = m.lock_in_statistics(integration_time).mean
    # Dropped terms are of relative order 1/(ωT) and γ̃/ω: 5e-4 here.
    assert lab == pytest.approx(rwa, rel=5e-3)


def quadrature_moments(m, integration_time, drive_detuning, variances, samples=200_001):
    """⟨δM_init²⟩ and ⟨δM_F²⟩ with E(u) = ∫₀ᵘ e^{M_r t} dt by cumulative trapezoid."""
    matrix = m.rotating_frame_matrix(drive_detuning)
    lam, vec = np.linalg.eig(matrix)
    u = np.linspace(0.0, integration_time, samples)
    # Row a of e^{M_r u}: Σ_k V_ak e^{λ_k u} (V⁻¹)_kχ.
    inv = np.linalg.inv(vec)
    row = np.einsum("k,ku,kc->uc", vec[0], np.exp(lam[:, None] * u[None, :]), inv)
    e_u = scipy.integrate.cumulative_trapezoid(row, u, axis=0, initial=0.0)
    final = e_u[-1]
    initial = (final.imag**2 * variances[0::2] + final.real**2 * variances[1::2]).sum() / (
        4 * integration_time**2)
    weights = 2 * np.array([m.alkali_decay_rate, m.noble_gas_decay_rate])
    noise = scipy.integrate.trapezoid((np.abs(e_u) ** 2 * weights).sum(axis=1), u) / (
        16 * integration_time**2)
    return initial, noise


@pytest.mark.parametrize("detuning", [30.0, -30.0])
def test_lock_in_variances_agree_with_quadrature(detuning):
    m = sensor(detuning=detuning, noble_gas_decay_rate=0.01)
    variances = np.array([0.3, 0.27, 0.2, 0.33])
    stats = m.lock_in_statistics(100.0, initial_variances=variances)
    initial, noise = quadrature_moments(m, 100.0, stats.drive_detuning, variances)
    assert stats.initial_variance == pytest.approx(initial, rel=QUADRATURE_TOL)
    assert stats.noise_variance == pytest.approx(noise, rel=QUADRATURE_TOL)


# -- closed forms (G14), (G16), (G17) against the exact moments -------------------------------


@pytest.mark.parametrize("detuning", [300.0, -300.0])
@pytest.mark.parametrize("scaled_time", [0.5, 2.0, 10.0, 50.0])
def test_g14_g16_g17_agree_with_exact_moments_in_detuned_regime(detuning, scaled_time):
    m = sensor(detuning=detuning)
    integration_time = scaled_time / m.dressed_decay_rate
    stats = m.lock_in_statistics(integration_time)
    assert abs(m.relative_alkali_response) == pytest.approx(0.3, rel=1e-12)
    assert abs(stats.mean) == pytest.approx(float(m.signal(integration_time)), rel=DETUNED_TOL)
    assert math.sqrt(stats.initial_variance) == pytest.approx(
        float(m.initial_noise(integration_time)), rel=DETUNED_TOL)
    assert math.sqrt(stats.noise_variance) == pytest.approx(
        float(m.relaxation_noise(integration_time)), rel=DETUNED_TOL)
    assert stats.sensitivity_initial == pytest.approx(
        float(m.sensitivity_initial(integration_time)), rel=2 * DETUNED_TOL)


def test_g14_needs_the_signed_relative_response():
    """ϱ flips sign with Δ: the alkali's direct response adds for Δ > 0, subtracts for Δ < 0."""
    t = 2.0 / sensor().dressed_decay_rate
    plus, minus = sensor(300.0), sensor(-300.0)
    ratio = plus.lock_in_statistics(t).mean / minus.lock_in_statistics(t).mean
    assert abs(ratio) == pytest.approx(1.3 / 0.7, rel=DETUNED_TOL)


def test_g17_omits_the_alkali_direct_noise_at_short_times():
    """At γ̃T = 0.01 the exact ⟨δM_F²⟩ exceeds G17² by the alkali's own off-resonant noise,
    γ_A/(8Δ²T) (vacuum)."""
    m = sensor()
    t = 0.01 / m.dressed_decay_rate
    exact = m.lock_in_statistics(t).noise_variance
    g17 = float(m.relaxation_noise(t)) ** 2
    assert exact / g17 > 1.2
    assert exact - g17 == pytest.approx(m.alkali_decay_rate / (8 * m.detuning**2 * t), rel=0.02)


# -- limits: Eqs. (42) and (43) ----------------------------------------------------------------


def test_eq42_is_the_short_time_limit_of_g14_and_g16():
    m = sensor()
    t = 1e-6 / m.dressed_decay_rate
    assert float(m.sensitivity_initial(t)) == pytest.approx(
        float(m.sensitivity_initial_short_time(t)), rel=1e-5)
    # Eq. (42) as printed omits ϱ: it is the same limit for ϱ → 0.
    assert float(m.sensitivity_initial_short_time_paper(t)) == pytest.approx(
        float(m.sensitivity_initial_short_time(t)) * (1 + m.relative_alkali_response))


def test_eq43_prefactor_is_inconsistent_with_g14_and_g17():
    m = sensor()
    t = 1e4 / m.dressed_decay_rate
    assert float(m.sensitivity_relaxation(t)) == pytest.approx(
        float(m.sensitivity_relaxation_long_time(t)), rel=1e-3)
    derived = float(m.sensitivity_relaxation_long_time(t)) * (1 + m.relative_alkali_response)
    printed = float(m.sensitivity_relaxation_long_time_paper(t))
    assert derived / printed == pytest.approx(16 * math.sqrt(2), rel=1e-12)  # 22.6
    # The exact moments side with the derived form, not with Eq. (43).
    stats = m.lock_in_statistics(t)
    assert stats.sensitivity_relaxation == pytest.approx(
        float(m.sensitivity_relaxation_long_time(t)), rel=DETUNED_TOL)


def log_slope(function, t):
    return (math.log(float(function(1.001 * t))) - math.log(float(function(t / 1.001)))) / (
        2 * math.log(1.001))


def test_scaling_laws():
    m = sensor()
    g = m.dressed_decay_rate
    assert log_slope(m.sensitivity_initial, 1e-4 / g) == pytest.approx(-1.0, abs=1e-3)
    assert log_slope(m.sensitivity_relaxation, 1e4 / g) == pytest.approx(-0.5, abs=1e-3)
    assert log_slope(m.sensitivity_total, 1e-4 / g) == pytest.approx(-1.0, abs=1e-2)
    assert log_slope(m.sensitivity_total, 1e4 / g) == pytest.approx(-0.5, abs=1e-2)


def test_relaxation_noise_short_time_form_and_series_switch():
    """G17 at γ̃T ≪ 1: the root's argument is (2/3)(γ̃T)³, so δB_F = 4√(2/3) √(γ̃/T)/(g_B
    √(N_B p_B)|1 + ϱ|), also ∝ 1/√T; the series used below γ̃T = 1e-2 joins the direct form."""
    m = sensor()
    g = m.dressed_decay_rate
    t = 1e-6 / g
    short = 4 * math.sqrt(2 / 3) * math.sqrt(g / t) / (
        m.noble_gas_larmor_coefficient * math.sqrt(m.noble_gas_number * m.noble_gas_polarization)
        * (1 + m.relative_alkali_response))
    assert float(m.sensitivity_relaxation(t)) == pytest.approx(short, rel=1e-5)
    below, above = m.relaxation_noise(np.array([0.999999e-2, 1.000001e-2]) / g)
    assert below == pytest.approx(above, rel=1e-6)


def test_crossover_time_scales_with_dressed_decay_rate():
    fast, slow = sensor(), sensor(noble_gas_decay_rate=1e-6, detuning=900.0)
    assert slow.dressed_decay_rate < fast.dressed_decay_rate / 5
    crossings = []
    for m in (fast, slow):
        t_c = m.crossover_time()
        assert float(m.sensitivity_initial(t_c)) == pytest.approx(
            float(m.sensitivity_relaxation(t_c)), rel=1e-6)
        crossings.append(t_c * m.dressed_decay_rate)
    # δB_init/δB_F depends on γ̃T and the variances alone (J²/Δ² ⟨P_A²⟩ ≪ ⟨P_B²⟩ here).
    assert crossings[0] == pytest.approx(crossings[1], rel=1e-3)
    assert 0.3 < crossings[0] < 3.0
    assert fast.crossover_time(noble_gas_squeezing_db=7.0) < fast.crossover_time()


# -- squeezing ---------------------------------------------------------------------------------


def test_squeezing_lowers_initial_noise_by_the_variance_ratio_only():
    m = sensor()
    t = 0.3 / m.dressed_decay_rate
    v_b, v_a = 1 / (4 * 0.8), 1 / (4 * 0.9)
    squeezed = squeezed_variance(v_b, 7.0)
    assert squeezed == pytest.approx(v_b * 10 ** (-0.7))
    ratio2 = (m.coupling / m.detuning) ** 2
    expected = (squeezed + ratio2 * v_a) / (v_b + ratio2 * v_a)
    assert (float(m.sensitivity_initial(t, noble_gas_squeezing_db=7.0))
            / float(m.sensitivity_initial(t))) ** 2 == pytest.approx(expected, rel=1e-12)
    assert expected == pytest.approx(10 ** (-0.7), rel=1e-3)
    # Exact moments: squeezing P_B changes ⟨δM_init²⟩ by the same ratio and ⟨δM_F²⟩ not at all.
    plain = m.lock_in_statistics(t)
    sq = m.lock_in_statistics(t, initial_variances=(v_a, v_a, v_b / 10 ** (-0.7), squeezed))
    assert sq.noise_variance == plain.noise_variance
    assert sq.initial_variance / plain.initial_variance == pytest.approx(expected, rel=DETUNED_TOL)


# -- the Sec. VII A cell and inputs ------------------------------------------------------------


def test_sensor_from_preset_cell():
    cell = K_HE3_SEC_VIIA
    m = HybridMagnetometer.from_cell(cell, detuning=10 * cell.coupling_rate)
    assert m.coupling == cell.coupling_rate
    assert m.dressed_decay_rate == pytest.approx(
        cell.noble_gas_relaxation_rate + cell.alkali_decay_rate / 100)
    assert 0 < m.relative_alkali_response < 0.1  # ϱ ≪ 1, as App. G assumes
    assert m.noble_gas_number == pytest.approx(cell.noble_gas_atom_number)


@pytest.mark.parametrize("field, value, match", [
    ("detuning", 0.0, "detuning must be nonzero"),
    ("coupling", 0.0, "coupling"),
    ("alkali_decay_rate", 0.0, "alkali_decay_rate"),
    ("noble_gas_decay_rate", -1.0, "noble_gas_decay_rate"),
    ("noble_gas_larmor_coefficient", 0.0, "noble_gas_larmor_coefficient must be nonzero"),
    ("noble_gas_polarization", 1.2, "noble_gas_polarization"),
    ("q", 0.5, "q must lie"),
])
def test_bad_inputs_are_rejected(field, value, match):
    with pytest.raises(ValueError, match=match):
        sensor(**{field: value})


def test_bad_call_arguments_are_rejected():
    m = sensor()
    with pytest.raises(ValueError, match="integration_time"):
        m.signal(0.0)
    with pytest.raises(ValueError, match="squeezing_db"):
        m.sensitivity_initial(1.0, noble_gas_squeezing_db=-3.0)
    with pytest.raises(ValueError, match="initial_variances"):
        m.lock_in_statistics(1.0, initial_variances=(0.25, 0.25))
