"""Seed 002 Eq. (1): mean-field Bloch equations with SEOP.

Checks: conservation laws of the collision terms (and the paper's inconsistency between its
coherent and incoherent terms), the analytic SEOP steady state against long-time integration and
the engine's Newton solver, and the linearisation about the polarised state against the exact
solution of the two-mode equations (25)/(28) written here with scipy's expm.
"""

import math

import numpy as np
import pytest
import scipy.linalg

from spinthermo.models.noble_gas.mean_field import (
    MeanFieldModel,
    cross_matrix,
    evolve_mean_field,
)
from spinthermo.models.noble_gas.parameters import NobleGasCell, get_preset

#: Integration tolerances and the agreement they buy: rtol 1e-10 on O(1) spins over ~10²
#: rate-times keeps invariants to ~1e-8.
RTOL, ATOL = 1e-10, 1e-13
INVARIANT_TOL = 1e-7


def make_cell(**overrides):
    """A K–³He-like cell with rates of order 1–100 s⁻¹ (fast to integrate)."""
    base = dict(alkali="39K", noble_gas="3He", alkali_density=1e20, noble_gas_density=1e21,
                alkali_polarization=0.8, noble_gas_polarization=0.7, sigma_v_phi=1e-19,
                sigma_v_phi_squared=4e-20, alkali_relaxation_rate=1.0, cell_radius=0.01)
    return NobleGasCell(**{**base, **overrides})


def test_cross_matrix():
    v, u = np.array([0.3, -1.2, 2.0]), np.array([1.1, 0.4, -0.7])
    assert np.allclose(cross_matrix(v) @ u, np.cross(v, u))


def test_rhs_is_eq1_term_by_term():
    cell = make_cell()
    field = np.array([1e-7, -2e-7, 3e-6])
    model = MeanFieldModel(cell, field=field, pumping_rate=3.0, photon_spin=(0.0, 0.6, -0.8))
    f, k = np.array([0.2, -0.5, -1.1]), np.array([0.05, 0.1, -0.3])
    rhs = model.generator.rhs(model.state(f, k).astype(complex)).real
    q, zeta, kse = cell.q, cell.zeta, cell.k_se
    na, nb = cell.alkali_density, cell.noble_gas_density
    s = np.array([0.0, 0.6, -0.8])
    df = (nb * zeta * np.cross(k, f) + nb * kse * q * k - model.gamma_a * f
          + cell.alkali_larmor_coefficient * np.cross(field, f) + 3.0 * (q * s / 2 - f))
    dk = (na * zeta * np.cross(f, k) + na * kse * f / q - model.gamma_b * k
          + cell.noble_gas_larmor_coefficient * np.cross(field, k))
    assert np.allclose(rhs[:3], df, rtol=1e-12)
    assert np.allclose(rhs[3:6], dk, rtol=1e-12)
    assert rhs[6] == 0.0


# -- conservation laws -------------------------------------------------------------------------


def exchange_only(convention, **overrides):
    """γ_A and γ_B equal to the spin-exchange losses alone; no field, no pumping."""
    cell = make_cell(**overrides)
    loss_a = cell.noble_gas_density * cell.k_se / (cell.q if convention == "spin_temperature"
                                                    else 1.0)
    return MeanFieldModel(cell, convention=convention, alkali_relaxation_rate=loss_a,
                          noble_gas_relaxation_rate=cell.alkali_density * cell.k_se)


def run(model, f0, k0, t_end):
    times = np.linspace(0.0, t_end, 30)
    return model.evolve_spins(times, model.state(f0, k0), rtol=RTOL, atol=ATOL)


F0, K0 = np.array([0.4, -0.3, -1.2]), np.array([-0.2, 0.25, -0.1])


def test_precession_alone_conserves_total_angular_momentum_and_lengths():
    model = MeanFieldModel(make_cell(sigma_v_phi_squared=0.0), alkali_relaxation_rate=0.0,
                           noble_gas_relaxation_rate=0.0)
    traj = run(model, F0, K0, 2.0)
    total = (model.cell.alkali_density * traj.alkali_spin
             + model.cell.noble_gas_density * traj.noble_gas_spin)
    assert np.allclose(total, total[0], rtol=0, atol=INVARIANT_TOL * np.abs(total[0]).max())
    assert np.allclose(np.linalg.norm(traj.alkali_spin, axis=1), np.linalg.norm(F0), rtol=1e-8)
    assert np.allclose(np.linalg.norm(traj.noble_gas_spin, axis=1), np.linalg.norm(K0),
                       rtol=1e-8)
    assert np.abs(traj.alkali_spin[-1] - F0).max() > 0.1  # the spins did precess


@pytest.mark.parametrize("convention", ["paper", "spin_temperature"])
def test_incoherent_exchange_conserves_its_total_spin(convention):
    """Parallel spins (no cross products): the paper's terms keep N_A⟨f⟩/q + N_B⟨k⟩
    = N_A⟨s⟩ + N_B⟨k⟩; the spin-temperature terms keep N_A⟨f⟩ + N_B⟨k⟩."""
    model = exchange_only(convention)
    direction = np.array([0.3, -0.4, -0.866])
    f0 = 1.1 * direction
    traj = run(model, f0, 0.0 * direction, 12.0 / model.gamma_b)
    conserved = model.conserved_spin(traj.alkali_spin, traj.noble_gas_spin)
    assert np.allclose(conserved, conserved[0], atol=INVARIANT_TOL * np.abs(conserved[0]).max())
    # Equilibrium ⟨s⟩ = ⟨f⟩/q = ⟨k⟩ with the conserved total: k (n_A q/c + n_B) = n_A f0/c.
    c = model.cell.q if convention == "paper" else 1.0
    n_a, n_b, q = model.cell.alkali_density, model.cell.noble_gas_density, model.cell.q
    k_eq = n_a * f0 / c / (n_a * q / c + n_b)
    assert np.allclose(traj.noble_gas_spin[-1], k_eq, atol=1e-9)
    assert np.allclose(traj.alkali_spin[-1], q * k_eq, atol=1e-8)


def test_spin_temperature_convention_conserves_angular_momentum_with_all_terms():
    model = exchange_only("spin_temperature")
    traj = run(model, F0, K0, 3.0 / model.gamma_b)
    total = model.conserved_spin(traj.alkali_spin, traj.noble_gas_spin)
    assert np.allclose(total, total[0], atol=INVARIANT_TOL * np.abs(total[0]).max())


def test_eq1_as_printed_conserves_neither_total_when_q_exceeds_one():
    """The paper's coherent terms keep N_A f + N_B k, its incoherent ones N_A f/q + N_B k:
    together (q = 4.44 here) neither is conserved; with I = 0 (q = 1) both coincide."""
    model = exchange_only("paper")
    traj = run(model, F0, K0, 3.0 / model.gamma_b)
    n_a, n_b, q = model.cell.alkali_density, model.cell.noble_gas_density, model.cell.q
    angular = n_a * traj.alkali_spin + n_b * traj.noble_gas_spin
    electron = n_a * traj.alkali_spin / q + n_b * traj.noble_gas_spin
    scale = np.abs(angular[0]).max()
    assert np.abs(angular[-1] - angular[0]).max() > 1e-3 * scale
    assert np.abs(electron[-1] - electron[0]).max() > 1e-3 * scale


def test_conventions_differ_only_in_the_alkali_exchange_source():
    """Same γ_A, no pumping: the f←k exchange block differs by exactly q, nothing else (so the
    two coincide for I = 0, q = 1)."""
    cell = make_cell()
    paper = MeanFieldModel(cell, convention="paper").generator
    temperature = MeanFieldModel(cell, convention="spin_temperature").generator
    assert np.allclose(paper.linear[0:3, 3:6], cell.q * temperature.linear[0:3, 3:6])
    diff = paper.linear - temperature.linear
    diff[0:3, 3:6] = 0.0
    assert np.allclose(diff, 0.0)
    assert np.array_equal(paper.feedback_ops, temperature.feedback_ops)


# -- SEOP steady state ---------------------------------------------------------------------------


@pytest.mark.parametrize("convention", ["paper", "spin_temperature"])
def test_seop_steady_state_is_analytic(convention):
    cell = make_cell(noble_gas_coherence_time=2.0)
    model = MeanFieldModel(cell, field=2e-9, pumping_rate=20.0, convention=convention)
    x = model.seop_steady_state()
    # Standard SEOP: P_B = γ_SE P_A/(γ_SE + 1/T_B), P_A = 2|f|/q.
    gamma_se = cell.k_se * cell.alkali_density
    p_a = 2 * np.linalg.norm(x[0:3]) / cell.q
    assert model.seop_noble_gas_polarization() == pytest.approx(
        gamma_se * p_a / (gamma_se + 1 / 2.0), rel=1e-12)
    assert np.allclose(model.generator.rhs(x.astype(complex)).real, 0.0, atol=1e-12)
    # Both polarisations point along the photon spin, −z.
    assert x[2] < 0 and x[5] < 0 and np.allclose(x[[0, 1, 3, 4]], 0.0)
    # Long integration from an unpolarised, tilted start reaches it.
    times = np.array([0.0, 30.0 / model.gamma_b])
    traj = model.evolve_spins(times, model.state((0.1, 0.0, 0.0), (0.0, 0.01, 0.0)), rtol=RTOL,
                              atol=ATOL)
    assert np.allclose(traj.alkali_spin[-1], x[0:3], atol=1e-8)
    assert np.allclose(traj.noble_gas_spin[-1], x[3:6], atol=1e-8)
    # The engine's Newton solver from a different guess agrees.
    newton = model.steady_spins(initial_guess=model.state((0, 0, -0.1), (0, 0, -0.01)))
    assert np.allclose(newton, x, atol=1e-12)


@pytest.mark.parametrize("convention, expected", [
    ("paper", lambda r, g, q: r / (r + g)),
    ("spin_temperature", lambda r, g, q: r / (r + q * g)),
])
def test_pumped_alkali_polarization_without_noble_gas_exchange(convention, expected):
    cell = make_cell(sigma_v_phi_squared=0.0, noble_gas_coherence_time=1.0)
    model = MeanFieldModel(cell, pumping_rate=7.0, convention=convention)
    x = model.seop_steady_state()
    p_a = 2 * np.linalg.norm(x[0:3]) / cell.q
    assert p_a == pytest.approx(expected(7.0, cell.alkali_relaxation_rate, cell.q), rel=1e-12)
    assert np.allclose(x[3:6], 0.0)


def test_transverse_field_steady_state_by_newton_matches_integration():
    """A field tilted from the pumping axis: a nonlinear steady state with no closed form."""
    cell = make_cell(noble_gas_coherence_time=2.0)
    model = MeanFieldModel(cell, field=(3e-10, 0.0, 1e-9), pumping_rate=20.0,
                           photon_spin=(0.0, 0.0, -0.9))
    with pytest.raises(ValueError, match="parallel"):
        model.seop_steady_state()
    x_newton = model.steady_spins(initial_guess=model.state((0, 0, -1), (0, 0, -0.1)))
    traj = model.evolve_spins([0.0, 40.0 / model.gamma_b], model.state((0, 0, 0), (0, 0, 0)),
                              rtol=RTOL, atol=ATOL)
    assert np.allclose(traj.alkali_spin[-1], x_newton[0:3], atol=1e-8)
    assert np.allclose(traj.noble_gas_spin[-1], x_newton[3:6], atol=1e-8)


# -- linearisation: the two-mode equations (25)/(28) -----------------------------------------


def two_mode_solution(v0, times, coupling, omega_a, omega_b, decay):
    """∂t(a, b) = [[−iω_A − γ, −iJ], [−iJ, −iω_B]] (a, b): Eq. (25) for one mode each, lab
    frame; in the frame rotating at ω_B it is Eq. (28) with detuning ω_A − ω_B."""
    matrix = np.array([[-1j * omega_a - decay, -1j * coupling], [-1j * coupling, -1j * omega_b]])
    return np.array([scipy.linalg.expm(matrix * t) @ v0 for t in times])


def linearisation_error(model, tilt, times, coupling, omega_a, omega_b, decay):
    traj = model.evolve_spins(times, model.polarized_state(tilt=tilt), rtol=1e-11, atol=1e-14)
    a, b = traj.bosonic_amplitudes()
    exact = two_mode_solution(np.array([a[0], b[0]]), times, coupling, omega_a, omega_b, decay)
    return (np.abs(exact[:, 0] - a) + np.abs(exact[:, 1] - b)).max() / abs(a[0])


@pytest.mark.parametrize("detuning_in_j", [0.0, 1.3])
def test_small_tilt_reproduces_two_mode_exchange_with_j_and_collisional_detuning(detuning_in_j):
    """Both gases along −z, the alkali tilted by ε: the transverse amplitudes
    a = √(n_A/(q p_A)) f⁻ and b = √(n_B/p_B) k⁻ follow the linear two-mode equations with
    J = ζ√(q p_A p_B n_A n_B)/2 and Δ = (g_A − g_B)B + ζ(p_A n_A q − p_B n_B)/2, up to O(ε²).

    Optical pumping at R_op = γ_A p_A/(1 − p_A) holds ⟨f_z⟩ at −p_A q/2, and damps the
    transverse alkali spin at γ_A + R_op; k_SE = 0 and γ_B = 0 keep ⟨k_z⟩ fixed.
    """
    cell = make_cell(sigma_v_phi_squared=0.0)
    q, zeta = cell.q, cell.zeta
    p_a, p_b, n_a, n_b = 0.8, 0.7, 1e20, 1e21
    coupling = zeta * math.sqrt(q * p_a * p_b * n_a * n_b) / 2  # Eq. (26), by hand
    assert coupling == pytest.approx(cell.coupling_rate, rel=1e-14)
    g_a, g_b = cell.alkali_larmor_coefficient, cell.noble_gas_larmor_coefficient
    shift_detuning = zeta * (p_a * n_a * q - p_b * n_b) / 2  # Sec. V, by hand
    field = (detuning_in_j * coupling - shift_detuning) / (g_a - g_b)
    omega_a = g_a * field - zeta * p_b * n_b / 2  # Sec. IV D
    omega_b = g_b * field - zeta * p_a * n_a * q / 2
    assert omega_a - omega_b == pytest.approx(detuning_in_j * coupling, abs=1e-9 * coupling)
    pumping = cell.alkali_relaxation_rate * p_a / (1 - p_a)
    model = MeanFieldModel(cell, field=field, pumping_rate=pumping, noble_gas_relaxation_rate=0.0)
    decay = cell.alkali_relaxation_rate + pumping
    times = np.linspace(0.0, 3 * math.pi / coupling, 120)
    errors = [linearisation_error(model, eps * np.exp(0.3j), times, coupling, omega_a, omega_b,
                                  decay) for eps in (1e-2, 1e-3)]
    assert errors[1] < 2e-6
    assert errors[0] / errors[1] == pytest.approx(100.0, rel=0.05)  # O(ε²): nonlinearity only
    # The exchange is J: with the coupling off by 1 % the linear solution misses.
    assert linearisation_error(model, 1e-3, times, 1.01 * coupling, omega_a, omega_b,
                               decay) > 1e-3
    # Eq. (28a)'s (iΔ − γ) needs Δ = ω_B − ω_A in Eq. (25)'s convention: the opposite sign of
    # Sec. V's Δ = (g_A − g_B)B + Δ_c misses unless Δ = 0.
    flipped = linearisation_error(model, 1e-3, times, coupling, 2 * omega_b - omega_a, omega_b,
                                  decay)
    assert (flipped > 1e-2) == (detuning_in_j != 0.0)


def test_bosonic_amplitude_normalisation_counts_excitations():
    """|a|² per unit volume for a tilt ε of the collective alkali spin: N_A q p_A ε²/4 / V."""
    cell = make_cell()
    model = MeanFieldModel(cell)
    eps = 1e-3
    traj = model.evolve_spins([0.0], model.polarized_state(tilt=eps))
    a, b = traj.bosonic_amplitudes()
    expected = cell.alkali_density * cell.q * cell.alkali_polarization * eps**2 / 4
    assert abs(a[0]) ** 2 == pytest.approx(expected, rel=1e-12)
    assert abs(b[0]) == 0.0


# -- inputs ------------------------------------------------------------------------------------


def test_bad_inputs_are_rejected():
    cell = make_cell()
    with pytest.raises(ValueError, match="convention"):
        MeanFieldModel(cell, convention="happer")
    with pytest.raises(ValueError, match="photon_spin"):
        MeanFieldModel(cell, photon_spin=(0.0, 0.0, -1.5))
    with pytest.raises(ValueError, match="pumping_rate"):
        MeanFieldModel(cell, pumping_rate=-1.0)
    with pytest.raises(ValueError, match="field"):
        MeanFieldModel(cell, field=(1.0, 2.0))
    with pytest.raises(ValueError, match="initial_state"):
        MeanFieldModel(cell).evolve_spins([0.0, 1.0], np.zeros(6))
    with pytest.raises(ValueError, match="noble_gas_relaxation_rate must be > 0"):
        MeanFieldModel(cell, noble_gas_relaxation_rate=0.0).seop_steady_state()


def test_evolve_mean_field_function_matches_model():
    cell = make_cell(noble_gas_coherence_time=2.0)
    times = np.linspace(0.0, 0.5, 5)
    traj = evolve_mean_field(cell, F0, K0, times, field=1e-9, pumping_rate=5.0)
    model = MeanFieldModel(cell, field=1e-9, pumping_rate=5.0)
    ref = model.evolve_spins(times, model.state(F0, K0))
    assert np.allclose(traj.alkali_spin, ref.alkali_spin)
    assert np.allclose(traj.noble_gas_spin, ref.noble_gas_spin)


def test_density_matrix_verbs_are_not_applicable_to_the_mean_spins():
    model = MeanFieldModel(get_preset("k-3he"), pumping_rate=400.0)
    for verb, remedy in ((model.steady_state, "steady_spins"),
                         (lambda: model.evolve([0.0, 1.0]), "evolve_spins"),
                         (model.open_system, "generator"), (model.hamiltonian, "generator")):
        with pytest.raises(NotImplementedError, match=f"mean spins.*{remedy}"):
            verb()
    # the default start of evolve_spins is the polarised state
    traj = model.evolve_spins([0.0])
    np.testing.assert_allclose(traj.alkali_spin[0], model.polarized_state()[0:3])
