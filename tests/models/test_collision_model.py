"""Seed 003 Sec. III C and Appendices B, C: harvesting pair coherences by repeated collisions.

Order: operators and U(τ) (Appendix B); Table I against the direct partial trace; the master
equation, Bloch equations and steady states (Eqs. 10–21, C1–C2, 30); temperature, heat and power
(Eqs. 22–28); QuTiP cross-checks; the direct stochastic simulation; input validation.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
import qutip
from hypothesis import given
from hypothesis import strategies as st

from spinthermo.core.spin import SIGMA_MINUS, SIGMA_PLUS, SIGMA_X, SIGMA_Y, SIGMA_Z
from spinthermo.core.steady import SteadyStateError
from spinthermo.core.superop import liouvillian, unvec, vec
from spinthermo.core.units import BOLTZMANN, HBAR
from spinthermo.models.collision_model import (
    PAIR_EXCITATIONS,
    CollisionModel,
    coefficients_from_partial_trace,
    collective_lowering,
    collective_raising,
    collision_channel,
    collision_unitary,
    diagonal_steady_state,
    effective_temperature,
    exchange_operator,
    expanded_partial_trace_maps,
    interaction_hamiltonian,
    lindblad_coefficients,
    paper_bloch_steady_state,
    simulate_collisions,
)

#: Exact algebra on 2×2 to 8×8 matrices of O(1) entries: rounding ~1e-15.
EXACT_TOL = 1e-12
#: Statistical tolerance of the direct simulation: 5 standard errors (a 5σ deviation has
#: probability ~6e-7 per entry; runs are seeded, so the outcome is reproducible anyway) ...
N_SIGMA = 5.0
#: ... plus a floor for entries whose spread vanishes (t = 0, or all trajectories relaxed):
#: there the mean and the master equation agree to propagator rounding (~1e-13) and the
#: residual transient e^{-κ p t} (< 1e-9 at the late times used).
STAT_FLOOR = 1e-9
PAULIS = (SIGMA_X, SIGMA_Y, SIGMA_Z)
OMEGA0 = 2 * math.pi * 1.0e9  # rad/s, a 1 GHz transition (only T and the lab phases use it)


def thermal_pair(nbar: float) -> np.ndarray:
    """Long-time state of the collectively damped pair started in |gg⟩ (seed 003 Sec. III A).

    A thermal ladder over the triplet |ee⟩, (|eg⟩ + |ge⟩)/√2, |gg⟩ with weights n², n(n+1),
    (n+1)²: a22 = a33 = a23 = a32 = n(n+1)/2Z, Z = 3n(n+1) + 1, so that C_l1 = 2a23 is the
    long-time value of seed 003 Eq. (5).
    """
    z = 3 * nbar * (nbar + 1) + 1
    a = np.zeros((4, 4), dtype=complex)
    a[0, 0], a[3, 3] = nbar**2 / z, (nbar + 1) ** 2 / z
    a[1, 1] = a[2, 2] = a[1, 2] = a[2, 1] = nbar * (nbar + 1) / (2 * z)
    return a


def random_state(rng, d=4) -> np.ndarray:
    a = rng.normal(size=(d, d)) + 1j * rng.normal(size=(d, d))
    rho = a @ a.conj().T
    return rho / np.trace(rho).real


def without_drive(a: np.ndarray) -> np.ndarray:
    """Remove the odd-parity coherences a12, a13, a24, a34 (λ = 0); a pinching, so still a state."""
    out = a.copy()
    for i, j in ((0, 1), (0, 2), (1, 3), (2, 3)):
        out[i, j] = out[j, i] = 0
    return out


def bloch(rho) -> np.ndarray:
    return np.array([np.trace(p @ rho).real for p in PAULIS])


pair_states = st.integers(0, 2**32 - 1).map(lambda s: random_state(np.random.default_rng(s)))


# --------------------------------------------------------------------------- Appendix B


def test_collective_operators_and_exchange_operator_match_eqs_b3_b4():
    np.testing.assert_array_equal(
        collective_raising().real, [[0, 1, 1, 0], [0, 0, 0, 1], [0, 0, 0, 1], [0, 0, 0, 0]]
    )
    np.testing.assert_array_equal(collective_lowering(), collective_raising().T)
    s = exchange_operator().reshape(4, 2, 4, 2).transpose(0, 2, 1, 3)  # blocks s[i, j] (2×2)
    expected = [[0, SIGMA_MINUS, SIGMA_MINUS, 0], [SIGMA_PLUS, 0, 0, SIGMA_MINUS],
                [SIGMA_PLUS, 0, 0, SIGMA_MINUS], [0, SIGMA_PLUS, SIGMA_PLUS, 0]]
    for i in range(4):
        for j in range(4):
            np.testing.assert_array_equal(s[i, j], np.broadcast_to(expected[i][j], (2, 2)))


def test_interaction_conserves_excitations():
    h_int = interaction_hamiltonian(1.7)
    h0 = np.kron(np.diag(PAIR_EXCITATIONS - 1.0), np.eye(2)) + np.kron(np.eye(4), SIGMA_Z / 2)
    assert np.max(np.abs(h_int @ h0 - h0 @ h_int)) < EXACT_TOL
    np.testing.assert_allclose(h_int, h_int.conj().T)


def test_second_order_unitary_is_eq_b5_blockwise():
    th = 0.37
    u = collision_unitary(1.0, th, order=2).reshape(4, 2, 4, 2).transpose(0, 2, 1, 3)
    one, sm, sp = np.eye(2), SIGMA_MINUS, SIGMA_PLUS
    b5 = [
        [one - th**2 * sm @ sp, -1j * th * sm, -1j * th * sm, 0 * one],
        [-1j * th * sp, (1 - th**2 / 2) * one, -(th**2) / 2 * one, -1j * th * sm],
        [-1j * th * sp, -(th**2) / 2 * one, (1 - th**2 / 2) * one, -1j * th * sm],
        [0 * one, -1j * th * sp, -1j * th * sp, one - th**2 * sp @ sm],
    ]
    for i in range(4):
        for j in range(4):
            np.testing.assert_allclose(u[i, j], b5[i][j], atol=EXACT_TOL)


def test_expansion_error_is_third_order():
    thetas = np.geomspace(1e-3, 1e-1, 9)
    errors = [np.max(np.abs(collision_unitary(2.0, t / 2, order=2) - collision_unitary(2.0, t / 2)))
              for t in thetas]
    slope = np.polyfit(np.log(thetas), np.log(errors), 1)[0]
    assert slope == pytest.approx(3.0, abs=0.05)
    # leading term −i θ³ S³/6
    s = exchange_operator()
    th = 1e-3
    diff = collision_unitary(1.0, th) - collision_unitary(1.0, th, order=2)
    np.testing.assert_allclose(diff, 1j * th**3 * s @ s @ s / 6, atol=th**4)


# --------------------------------------------------------------------------- Table I


@pytest.mark.parametrize(
    ("state", "expected"),
    [
        (np.diag([1.0, 0, 0, 0]), (2.0, 0.0)),  # |ee⟩ can only excite
        (np.diag([0, 0, 0, 1.0]), (0.0, 2.0)),  # |gg⟩ can only de-excite
        (0.5 * np.outer([0, 1, 1, 0], [0, 1, 1, 0]), (2.0, 2.0)),  # Dicke |D1⟩: superradiant
        (0.5 * np.outer([0, 1, -1, 0], [0, 1, -1, 0]), (0.0, 0.0)),  # singlet: dark
        (np.diag([0, 0.5, 0.5, 0]), (1.0, 1.0)),  # the same populations, no coherence
    ],
)
def test_table_one_special_states(state, expected):
    c = lindblad_coefficients(state)
    assert (c.r_e, c.r_d) == pytest.approx(expected)
    assert c.lam == 0 and c.eps == 0


@given(pair_states)
def test_table_one_equals_direct_partial_trace(pair):
    table = lindblad_coefficients(pair)
    fit = coefficients_from_partial_trace(pair)
    assert fit.residual < EXACT_TOL
    got = fit.coefficients
    assert got.r_e == pytest.approx(table.r_e, abs=EXACT_TOL)
    assert got.r_d == pytest.approx(table.r_d, abs=EXACT_TOL)
    assert abs(got.lam - table.lam) < EXACT_TOL
    assert abs(got.eps - table.eps) < EXACT_TOL
    # the moments behind Table I: r_e = ⟨J+J−⟩, r_d = ⟨J−J+⟩, λ = ⟨J−⟩, ε = ⟨J−²⟩/2
    jp, jm = collective_raising(), collective_lowering()
    assert table.r_e == pytest.approx(np.trace(jp @ jm @ pair).real, abs=EXACT_TOL)
    assert table.r_d == pytest.approx(np.trace(jm @ jp @ pair).real, abs=EXACT_TOL)
    assert abs(table.lam - np.trace(jm @ pair)) < EXACT_TOL
    assert abs(table.eps - np.trace(jm @ jm @ pair) / 2) < EXACT_TOL
    # the Kossakowski matrix is positive: r_e r_d >= 4|ε|²
    assert table.r_e * table.r_d >= 4 * abs(table.eps) ** 2 - EXACT_TOL


@given(pair_states, st.floats(0.01, 0.3), st.floats(0.1, 10.0))
def test_master_equation_from_table_one_is_the_expanded_collision(pair, theta, rate):
    """Eq. (11) with Table I = p(θ M1 + θ² M2), the expanded Eq. (10), for any pair state."""
    model = CollisionModel(pair, theta, 1.0, rate, OMEGA0)
    m1, m2 = expanded_partial_trace_maps(pair)
    direct = rate * (theta * m1 + theta**2 * m2)
    np.testing.assert_allclose(model.liouvillian(2), direct, atol=EXACT_TOL * rate)
    np.testing.assert_allclose(collision_channel(pair, theta, 1.0, order=2),
                               np.eye(4) + direct / rate, atol=EXACT_TOL)


def test_exact_channel_agrees_with_qutip_and_expansion_error_is_third_order():
    rng = np.random.default_rng(4)
    pair = random_state(rng)
    rho = random_state(rng, 2)
    theta = 0.4
    u = qutip.Qobj(collision_unitary(1.0, theta), dims=[[4, 2], [4, 2]])
    joint = qutip.tensor(qutip.Qobj(pair), qutip.Qobj(rho))
    reference = (u * joint * u.dag()).ptrace(1).full()
    ours = unvec(collision_channel(pair, 1.0, theta) @ vec(rho))
    np.testing.assert_allclose(ours, reference, atol=EXACT_TOL)
    thetas = np.geomspace(1e-3, 3e-2, 6)
    errors = [np.max(np.abs(collision_channel(pair, 1.0, t) - collision_channel(pair, 1.0, t, 2)))
              for t in thetas]
    assert np.polyfit(np.log(thetas), np.log(errors), 1)[0] == pytest.approx(3.0, abs=0.1)


# --------------------------------------------------------------------------- master equation


@pytest.fixture(scope="module")
def general_model():
    """A pair with every Table I coefficient nonzero and r_d > r_e, p = 10⁴/s, gτ = 0.05."""
    return CollisionModel(random_state(np.random.default_rng(20)), 5.0e5, 1.0e-7, 1.0e4, OMEGA0)


def test_bloch_equations_are_the_master_equation(general_model):
    a, b = general_model.bloch_equations()
    lv = general_model.liouvillian()
    rng = np.random.default_rng(2)
    for _ in range(5):
        rho = random_state(rng, 2)
        np.testing.assert_allclose(bloch(unvec(lv @ vec(rho))), a @ bloch(rho) + b,
                                   atol=EXACT_TOL * general_model.mu * 10)


def test_bloch_steady_state_equals_core_and_qutip_steady_states(general_model):
    rho_ss = general_model.steady_state().state
    np.testing.assert_allclose(bloch(rho_ss), general_model.bloch_steady_state(), atol=1e-10)
    assert np.min(np.linalg.eigvalsh(rho_ss)) > -1e-12
    lv = qutip.Qobj(general_model.liouvillian(), dims=[[[2], [2]], [[2], [2]]],
                    superrep="super")
    np.testing.assert_allclose(qutip.steadystate(lv).full(), rho_ss, atol=1e-9)


def test_squeezed_bath_form_reproduces_the_dissipator(general_model):
    c = general_model.coefficients()
    assert c.r_d > c.r_e
    bath = general_model.squeezed_bath()
    two_d = liouvillian(general_model.effective_hamiltonian(), list(bath.jumps), [2.0, 2.0])
    np.testing.assert_allclose(two_d, general_model.liouvillian(), atol=EXACT_TOL * 1e4)
    assert bath.gamma == pytest.approx(general_model.mu * (c.r_d - c.r_e))
    assert bath.n == pytest.approx(c.r_e / (c.r_d - c.r_e))
    assert bath.n_th >= 0 and bath.squeezing > 0
    assert abs(bath.n * (bath.n + 1)) >= abs(bath.m) ** 2  # squeezed-bath positivity


def _paper_eq19_residual(gamma, n, m, drive, r):
    """Seed 003 Eq. (19) as printed (transverse components in the paper's normalisation)."""
    x, y, z = r
    a = 2 * n + m + np.conj(m) + 1
    dm = m - np.conj(m)
    dx = -gamma / 2 * a * x - 1j * gamma / 2 * dm * y + 0.5j * (drive - np.conj(drive)) * z
    dy = -gamma / 2 * a * y - 1j * gamma / 2 * dm * x - 0.5 * (drive + np.conj(drive)) * z
    dz = -gamma * ((2 * n + 1) * z + 1) - 2j * ((drive - np.conj(drive)) * x
                                                + 1j * (drive + np.conj(drive)) * y)
    return np.array([dx, dy, dz])


def _paper_parameters(model):
    c, mu = model.coefficients(), model.mu
    gamma = mu * (c.r_d - c.r_e)
    return gamma, c.r_e / (c.r_d - c.r_e), -2 * c.eps * mu / gamma, model.drive * c.lam


def test_paper_c1_c2_solve_eq19_as_printed(general_model):
    params = _paper_parameters(general_model)
    r = paper_bloch_steady_state(*params)
    scale = general_model.mu
    assert np.max(np.abs(_paper_eq19_residual(*params, r))) < EXACT_TOL * scale * 1e3


def test_paper_c1_c2_agree_with_the_master_equation_when_re_eps_vanishes():
    """With Re ε = 0 the ⟨σ̇y⟩ misprint of Eq. (19) is harmless; transverse parts are halved."""
    rng = np.random.default_rng(8)
    pair = random_state(rng)
    pair[0, 3] = 1j * abs(pair[0, 3])  # purely imaginary ε, same modulus: still a state
    pair[3, 0] = np.conj(pair[0, 3])
    model = CollisionModel(pair, 5.0e5, 1.0e-7, 1.0e4, OMEGA0)
    ours = model.bloch_steady_state()
    paper = paper_bloch_steady_state(*_paper_parameters(model))
    np.testing.assert_allclose(paper, ours * [0.5, 0.5, 1.0], atol=1e-10)


def test_paper_c1_c2_differ_when_re_eps_is_nonzero(general_model):
    """Documents the misprint: Eq. (19) needs (2N − M − M* + 1) in the ⟨σ̇y⟩ damping; as printed
    the steady ⟨σy⟩ is off by tens of per cent when Re ε ≠ 0."""
    assert general_model.coefficients().eps.real != 0
    paper = paper_bloch_steady_state(*_paper_parameters(general_model))
    ours = general_model.bloch_steady_state() * [0.5, 0.5, 1.0]
    assert np.max(np.abs(paper - ours)) > 0.1 * np.max(np.abs(ours))


def test_steady_state_expansion_error_is_first_order_when_lambda_is_nonzero():
    """The O(gτ) drive competes with O((gτ)²) damping, so the dropped O((gτ)³) terms shift the
    steady state at relative order gτ: Eq. (11) is accurate to O(gτ) only when λ ≠ 0."""
    pair = random_state(np.random.default_rng(21))
    thetas = np.geomspace(0.01, 0.08, 4)
    errors = []
    for t in thetas:
        model = CollisionModel(pair, t, 1.0, 1.0, OMEGA0)
        exact, second = (model.steady_state(order=o).state for o in ("exact", 2))
        errors.append(np.max(np.abs(exact - second)))
    assert np.polyfit(np.log(thetas), np.log(errors), 1)[0] == pytest.approx(1.0, abs=0.1)


# --------------------------------------------------------------------------- Eq. (30), temperature


@pytest.mark.parametrize("nbar", [0.2, 1.0, 5.0])
def test_ground_state_generated_pair_thermalises_the_atom_at_the_bath_temperature(nbar):
    pair = thermal_pair(nbar)
    c = lindblad_coefficients(pair)
    assert c.lam == 0 and c.eps == 0
    assert 2 * pair[1, 2].real == pytest.approx(nbar * (nbar + 1) / (3 * nbar * (nbar + 1) + 1))
    rho30 = diagonal_steady_state(pair)
    np.testing.assert_allclose(rho30, np.diag([c.r_e, c.r_d]) / (c.r_e + c.r_d))
    assert c.r_e / c.r_d == pytest.approx(nbar / (nbar + 1))
    model = CollisionModel(pair, 0.05, 1.0, 1.0, OMEGA0)
    np.testing.assert_allclose(model.steady_state().state, rho30, atol=EXACT_TOL)
    t_bath = HBAR * OMEGA0 / (BOLTZMANN * math.log((nbar + 1) / nbar))
    assert model.effective_temperature() == pytest.approx(t_bath, rel=1e-12)
    # the same populations without the heat-exchange coherences leave the atom colder
    incoherent = pair.copy()
    incoherent[1, 2] = incoherent[2, 1] = 0
    t_cold = CollisionModel(incoherent, 0.05, 1.0, 1.0, OMEGA0).effective_temperature()
    assert 0 < t_cold < t_bath


@given(pair_states, st.floats(0.05, 3.0))
def test_eq30_holds_for_every_lambda_free_pair_to_all_orders(pair, theta):
    """λ = 0 ⇒ Eq. (30), for the second-order equation and even for the exact collision
    (any gτ, not only gτ ≪ 1); ε ≠ 0 damps only the transverse components."""
    pair = without_drive(pair)
    model = CollisionModel(pair, theta, 1.0, 1.0, OMEGA0)
    rho30 = diagonal_steady_state(pair)
    np.testing.assert_allclose(model.steady_state(order=2).state, rho30, atol=1e-10)
    np.testing.assert_allclose(model.steady_state(order="exact").state, rho30, atol=1e-9)
    assert model.power(rho30) == 0.0
    assert model.heat_current(rho30) == pytest.approx(0.0, abs=1e-12 * OMEGA0 * model.mu)


def test_effective_temperature_sign_follows_r_e_versus_r_d():
    w = 1.0e10
    assert effective_temperature(1.0, 2.0, w) > 0
    assert effective_temperature(2.0, 1.0, w) < 0
    assert effective_temperature(1.0, 1.0, w) == math.inf
    assert effective_temperature(0.0, 1.0, w) == 0.0
    assert effective_temperature(1.0, 2.0, w) == pytest.approx(-effective_temperature(2.0, 1.0, w))
    # Gibbs ratio of the Eq. (30) populations
    t = effective_temperature(0.3, 0.9, w)
    assert math.exp(-HBAR * w / (BOLTZMANN * t)) == pytest.approx(0.3 / 0.9)
    np.testing.assert_allclose(effective_temperature([1.0, 2.0], [2.0, 1.0], w),
                               [effective_temperature(1.0, 2.0, w),
                                effective_temperature(2.0, 1.0, w)])
    # population inversion: a pair mostly in |ee⟩ gives a negative temperature
    inverted = CollisionModel(np.diag([0.7, 0.1, 0.1, 0.1]), 0.1, 1.0, 1.0, w)
    assert inverted.effective_temperature() < 0
    assert inverted.steady_state().state[0, 0].real > 0.5


# --------------------------------------------------------------------------- heat and power


def test_heat_current_closed_form_first_law_and_steady_balance(general_model):
    rng = np.random.default_rng(3)
    h_tot = general_model.total_hamiltonian()
    lv = general_model.liouvillian()
    scale = general_model.omega0 * general_model.mu
    for _ in range(4):
        rho = random_state(rng, 2)
        j = general_model.heat_current(rho)
        assert general_model.heat_current_closed_form(rho) == pytest.approx(j, abs=1e-12 * scale)
        # first law in the interaction picture: d⟨H_tot⟩/dt = J + P (Eqs. 22–28)
        energy_rate = np.trace(h_tot @ unvec(lv @ vec(rho))).real
        assert j + general_model.power(rho) == pytest.approx(energy_rate, abs=1e-12 * scale)
    rho_ss = general_model.steady_state().state
    j_ss, p_ss = general_model.heat_current(rho_ss), general_model.power(rho_ss)
    assert abs(p_ss) > 1e-6 * scale  # λ ≠ 0: the pairs drive the atom coherently
    assert j_ss == pytest.approx(-p_ss, abs=1e-9 * scale)


def test_heat_flows_into_a_cold_atom_from_coherent_pairs():
    model = CollisionModel(thermal_pair(1.0), 0.05, 1.0, 1.0, OMEGA0)
    ground = np.diag([0.0, 1.0])
    assert model.power(ground) == 0.0
    assert model.heat_current(ground) > 0
    times = np.linspace(0, 2000, 5)
    currents = [model.heat_current(r) for r in model.evolve(times, ground).states]
    assert all(np.diff(currents) < 0) and currents[-1] == pytest.approx(0, abs=1e-3 * currents[0])


# --------------------------------------------------------------------------- direct simulation


def test_simulation_follows_the_collision_master_equation_within_five_standard_errors():
    pair = random_state(np.random.default_rng(9))  # λ, ε ≠ 0: the lab-frame phases matter
    model = CollisionModel(pair, 0.3, 1.0, 1.0, 5.0)
    times = np.linspace(0.0, 40.0, 21)
    run = simulate_collisions(model, times, n_trajectories=4000)
    reference = model.evolve(times, np.diag([1.0, 0.0]), order="exact").states
    for part in ("real", "imag"):
        dev = np.abs(getattr(run.states - reference, part))
        bound = N_SIGMA * getattr(run.standard_error, part) + STAT_FLOOR
        assert np.all(dev <= bound), f"{part}: worst {np.max(dev / bound):.2f} of the bound"
    assert np.max(run.standard_error.real) > 1e-4  # the test is not vacuous
    assert run.mean_collisions == pytest.approx(40.0, rel=0.02)
    # lab frame: coherences rotate at ω0
    phase = np.exp(-1j * model.omega0 * times)
    np.testing.assert_allclose(run.lab_states[:, 0, 1], run.states[:, 0, 1] * phase, atol=1e-12)


def test_simulation_converges_to_the_eq30_steady_state():
    model = CollisionModel(thermal_pair(1.0), 0.3, 1.0, 1.0, 5.0)
    times = np.array([0.0, 10.0, 100.0, 120.0])
    run = model.simulate(times, n_trajectories=2000)
    target = diagonal_steady_state(model.pair_state)
    for k in (2, 3):  # after ~23 relaxation times
        dev = np.abs(run.states[k] - target)
        assert np.all(dev <= N_SIGMA * np.abs(run.standard_error[k]) + STAT_FLOOR)
    assert np.abs(run.states[1] - target).max() > 1e-3  # still relaxing at t = 10/p


def test_simulation_is_reproducible_with_a_seed():
    model = CollisionModel(random_state(np.random.default_rng(1)), 0.3, 1.0, 2.0, 3.0)
    times = np.linspace(0, 5, 6)
    a = simulate_collisions(model, times, n_trajectories=100, seed=17)
    b = simulate_collisions(model, times, n_trajectories=100, seed=17)
    c = simulate_collisions(model, times, n_trajectories=100, seed=np.random.default_rng(17))
    d = simulate_collisions(model, times, n_trajectories=100, seed=18)
    np.testing.assert_array_equal(a.states, b.states)
    np.testing.assert_array_equal(a.states, c.states)
    assert a.seed == 17 and c.seed is None
    assert not np.array_equal(a.states, d.states)
    np.testing.assert_allclose(np.trace(a.states, axis1=1, axis2=2), 1.0, atol=1e-12)


# --------------------------------------------------------------------------- validation


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"collision_rate": -1.0}, "collision_rate must lie in"),
        ({"interaction_time": -1e-7}, "interaction_time must lie in"),
        ({"omega0": 0.0}, "omega0 must lie in"),
        ({"coupling": math.nan}, "coupling must be finite"),
        ({"pair_state": np.diag([0.5, 0.5, 0.5, 0.5])}, "pair_state must have unit trace"),
        ({"pair_state": np.diag([1.2, 0.0, 0.0, -0.2])}, "pair_state must be positive"),
        ({"pair_state": np.triu(np.ones((4, 4))) / 4}, "pair_state must be Hermitian"),
        ({"pair_state": np.eye(2) / 2}, "pair_state must be a 4x4 density matrix"),
    ],
)
def test_model_rejects_bad_parameters(kwargs, match):
    params = {"pair_state": thermal_pair(1.0), "coupling": 1.0, "interaction_time": 0.1,
              "collision_rate": 1.0, "omega0": 1.0} | kwargs
    with pytest.raises(ValueError, match=match):
        CollisionModel(**params)


def test_functions_reject_bad_input():
    with pytest.raises(ValueError, match="interaction_time must lie in"):
        collision_unitary(1.0, -0.1)
    with pytest.raises(ValueError, match="order must be 'exact' or 2"):
        collision_unitary(1.0, 0.1, order=3)
    with pytest.raises(ValueError, match="pair_state must be positive"):
        lindblad_coefficients(np.diag([1.5, -0.5, 0, 0]))
    with pytest.raises(ValueError, match="r_e must lie in"):
        effective_temperature(-1.0, 1.0, 1.0)
    with pytest.raises(ValueError, match="r_d must lie in"):
        effective_temperature(1.0, -1.0, 1.0)
    with pytest.raises(ValueError, match="must not both vanish"):
        effective_temperature(0.0, 0.0, 1.0)
    with pytest.raises(ValueError, match="pair_state must have λ"):
        diagonal_steady_state(random_state(np.random.default_rng(0)))
    singlet = 0.5 * np.outer([0, 1, -1, 0], [0, 1, -1, 0])
    with pytest.raises(ValueError, match="dark"):
        diagonal_steady_state(singlet)
    with pytest.raises(SteadyStateError, match="not unique"):
        CollisionModel(singlet, 0.1, 1.0, 1.0, 1.0).steady_state()
    with pytest.raises(ValueError, match="r_d > r_e"):
        CollisionModel(np.diag([0.7, 0.1, 0.1, 0.1]), 0.1, 1.0, 1.0, 1.0).squeezed_bath()
    model = CollisionModel(thermal_pair(1.0), 0.1, 1.0, 1.0, 1.0)
    with pytest.raises(ValueError, match="n_trajectories must be an integer >= 2"):
        model.simulate([0.0, 1.0], n_trajectories=1)
    with pytest.raises(ValueError, match="times must be"):
        model.simulate([-1.0, 1.0])
    with pytest.raises(ValueError, match="initial_state must have unit trace"):
        model.simulate([0.0, 1.0], initial_state=np.eye(2))
    with pytest.raises(ValueError, match="collision_rate must be > 0"):
        CollisionModel(thermal_pair(1.0), 0.1, 1.0, 0.0, 1.0).simulate([0.0, 1.0])


def test_collapse_operators_diagonalise_the_kossakowski_matrix_of_the_dissipator():
    # Σ_k D[L_k] from the eigenvectors of μ[[r_e, 2ε], [2ε*, r_d]] is Eqs. (13)-(16) exactly,
    # squeezing term included (λ, ε ≠ 0 for a random pair)
    model = CollisionModel(random_state(np.random.default_rng(4)), 0.3, 1.0, 1.0, 5.0)
    assert abs(model.coefficients().eps) > 1e-3
    from_jumps = liouvillian(None, model.collapse_operators())
    np.testing.assert_allclose(from_jumps, model.dissipator(), atol=1e-14)
    spec = model.open_system()
    np.testing.assert_allclose(spec.hamiltonian, model.effective_hamiltonian())
    assert spec.mean_field == ()
