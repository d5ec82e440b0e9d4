"""Seed 002 two-mode exchange, Eq. (28) and App. F: closed forms vs exact numerics.

Order: closed forms against the exact propagator, first-order formulas by their (γ/J)² scaling,
the two exact routes (Gaussian moments, Fock Lindblad) against each other and against QuTiP.
"""

import math

import numpy as np
import pytest
import qutip
import scipy.linalg
import scipy.sparse
import scipy.sparse.linalg

from spinthermo.core.bosonic import (
    annihilation_operator,
    commutator_preserving,
    fock_state,
    quadrature_variances,
    squeezed_vacuum_moments,
    squeezing_parameter_from_db,
    two_mode_operators,
)
from spinthermo.models.noble_gas.two_mode import (
    TwoModeExchange,
    entanglement_fidelity_eq35,
    entanglement_fidelity_first_order,
    exchanged_variances_f12,
    excitation_basis,
    fock_fidelity_eq34,
    fock_fidelity_exact,
    noise_at_transfer_f6,
    noise_correlation_f5,
    polarization_scaled_coupling,
    strong_coupling_solution_f3,
    transferred_variance_eq38,
    truncation_tail_bound,
    two_mode_solution_f1,
)

#: Exact closed forms against the eigen-route propagator / moments (rounding only).
EXACT_TOL = 1e-10
#: Fock Lindblad via expm_multiply (tolerance ~1e-15 relative per step) against closed forms.
FOCK_TOL = 1e-9
#: QuTiP mesolve at rtol = atol = 1e-10.
QUTIP_TOL = 1e-7
#: Two values of γ/J a factor 2 apart; the log2 ratio of the errors is the scaling exponent.
SMALL_RATIOS = (0.02, 0.01)
#: Accepted range of a measured exponent: the next order changes it by O(γ/J) ≈ 0.02–0.1.
SECOND_ORDER = (1.8, 2.2)
GAMMA = 1.0


def squeezed_vacuum_amplitudes(xi, cutoff):
    """⟨n|S(ξ)|0⟩ for real ξ: (cosh ξ)^{-1/2} (−tanh ξ)^k √((2k)!)/(2^k k!) at n = 2k."""
    out = np.zeros(cutoff + 1, dtype=complex)
    for k in range(cutoff // 2 + 1):
        out[2 * k] = ((-math.tanh(xi)) ** k * math.sqrt(math.factorial(2 * k))
                      / (2**k * math.factorial(k)))
    return out / math.sqrt(math.cosh(xi))


def exponent(errors):
    return math.log(abs(errors[0]) / abs(errors[1])) / math.log(SMALL_RATIOS[0] / SMALL_RATIOS[1])


def model(ratio, **kwargs):
    """Model with J = γ/ratio."""
    return TwoModeExchange(GAMMA / ratio, GAMMA, **kwargs)


# ------------------------------------------------------------------ exact closed forms


@pytest.mark.parametrize("j_over_gamma", [57.0, 1.3, 0.1])
def test_f1_solution_is_the_exact_propagator(j_over_gamma):
    """Strong, underdamped and overdamped (γ = 10J, Fig. 3b) regimes; J̃ imaginary in the last."""
    system = TwoModeExchange(j_over_gamma, GAMMA).linear_system()
    for t in (0.0, 0.3, 2.0):
        np.testing.assert_allclose(two_mode_solution_f1(j_over_gamma, GAMMA, t),
                                   system.propagator(t), atol=EXACT_TOL)


def test_fock_fidelity_closed_form_matches_lindblad():
    m = TwoModeExchange(5.0, GAMMA)           # J = 5γ: far from the strong-coupling limit
    times = np.linspace(0, 2 * m.transfer_time, 9)
    ours = m.fock_fidelity(3, times)
    np.testing.assert_allclose(ours, fock_fidelity_exact(3, 5.0, GAMMA, times), atol=FOCK_TOL)


def test_coherent_state_excitations_follow_f1_in_all_regimes():
    """Fig. 3: |α|² = 1000, vacuum noise: ⟨b†b⟩ = 1000 |U_ba|², ⟨a†a⟩ = 1000 |U_aa|²."""
    alpha = math.sqrt(1000.0)
    times = np.linspace(0, 1.0, 11)
    for j in (0.1, 57.0):
        traj = TwoModeExchange(j, GAMMA).coherent_dynamics(alpha, times)
        u = two_mode_solution_f1(j, GAMMA, times)
        np.testing.assert_allclose(traj.excitations()[:, 1], 1000 * np.abs(u[:, 1, 0]) ** 2,
                                   rtol=1e-9, atol=1e-9)
        np.testing.assert_allclose(traj.excitations()[:, 0], 1000 * np.abs(u[:, 0, 0]) ** 2,
                                   rtol=1e-9, atol=1e-9)


# ------------------------------------------------------------------ first order in γ/J


def test_f3_is_first_order_accurate():
    errors = []
    for ratio in SMALL_RATIOS:
        j = GAMMA / ratio
        t = np.linspace(0, 2 * math.pi / (2 * j), 17)
        errors.append(np.max(np.abs(strong_coupling_solution_f3(j, GAMMA, t)
                                    - two_mode_solution_f1(j, GAMMA, t))))
    assert 0.9 < exponent(errors) < 1.1   # F3 drops the (γ/2J̃) sin J̃t term


def test_f5_noise_matches_exact_noise_to_second_order():
    errors = []
    for ratio in SMALL_RATIOS:
        m = model(ratio)
        t = np.linspace(0, 2 * m.transfer_time, 33)
        exact = m.noise_entering_noble_gas(t)
        errors.append(np.max(np.abs(exact - noise_correlation_f5(m.coupling, GAMMA, t))))
    assert SECOND_ORDER[0] < exponent(errors) < SECOND_ORDER[1]


def test_f6_noise_at_transfer_time_to_second_order():
    errors = []
    for ratio in SMALL_RATIOS:
        m = model(ratio)
        exact = m.noise_entering_noble_gas([m.transfer_time])[0]
        errors.append(exact - noise_at_transfer_f6(m.coupling, GAMMA))
    assert SECOND_ORDER[0] < exponent(errors) < SECOND_ORDER[1]


def test_thermal_noise_scales_f5_by_one_plus_nbar():
    m = TwoModeExchange(55.0, GAMMA, polarization_a=0.8)
    t = np.linspace(0, 2 * m.transfer_time, 9)
    vacuum = TwoModeExchange(55.0, GAMMA).noise_entering_noble_gas(t)
    np.testing.assert_allclose(m.noise_entering_noble_gas(t), (1 + m.nbar_a) * vacuum,
                               rtol=EXACT_TOL, atol=EXACT_TOL)


@pytest.mark.parametrize("excitations", [1, 2, 3])
def test_eq34_fock_transfer_fidelity_is_first_order(excitations):
    errors = []
    for ratio in SMALL_RATIOS:
        m = model(ratio)
        exact = m.fock_fidelity(excitations, [m.transfer_time])[0]
        errors.append(exact - fock_fidelity_eq34(excitations, m.coupling, GAMMA))
    assert SECOND_ORDER[0] < exponent(errors) < SECOND_ORDER[1]


def test_eq35_as_printed_misses_a_first_order_term_and_the_corrected_form_does_not():
    corrected, printed = [], []
    for ratio in SMALL_RATIOS:
        m = model(ratio)
        exact = m.entanglement_fidelity([m.transfer_time / 2])[0]
        corrected.append(exact - entanglement_fidelity_first_order(m.coupling, GAMMA))
        printed.append(entanglement_fidelity_eq35(m.coupling, GAMMA) - exact)
    assert SECOND_ORDER[0] < exponent(corrected) < SECOND_ORDER[1]
    assert 0.9 < exponent(printed) < 1.1
    # the missing term is γ/2J: its coefficient tends to 1/2 (next order shifts it by ~γ/J)
    assert printed[1] / SMALL_RATIOS[1] == pytest.approx(0.5, abs=0.05)


def test_eq38_variance_transfer_is_first_order():
    r = squeezing_parameter_from_db(7.0)
    errors = []
    for ratio in SMALL_RATIOS:
        m = model(ratio)
        traj = m.squeezed_dynamics(7.0, [m.transfer_time])
        _, var_p_b = traj.variances(1)
        errors.append(var_p_b[0] - transferred_variance_eq38(r, m.coupling, GAMMA))
    assert SECOND_ORDER[0] < exponent(errors) < SECOND_ORDER[1]


def test_f12_first_order_at_transfer_time_and_its_missing_term_between():
    """F12 is first-order exact at T_π; at T_π/2 it misses (γ/2J) e^{−γt} sin 2Jt ⟨P_B²(0)⟩."""
    pol_a, pol_b = 0.95, 0.75
    errors, ratios_missing = [], []
    for ratio in SMALL_RATIOS:
        m = model(ratio, polarization_a=pol_a, polarization_b=pol_b)
        mean, n0, m0 = m.squeezed_moments(7.0)
        vxa, vpa = quadrature_variances(mean, n0, m0, 0)
        vxb, vpb = quadrature_variances(mean, n0, m0, 1)
        times = [m.transfer_time / 2, m.transfer_time]
        traj = m.gaussian_dynamics(mean, n0, m0, times)
        exact_x, exact_p = traj.variances(1)
        f12_x, f12_p = exchanged_variances_f12(np.array(times), m.coupling, GAMMA, vxa, vpa,
                                               vxb, vpb, nbar_a=m.nbar_a)
        errors.append(max(abs(exact_p[1] - f12_p[1]), abs(exact_x[1] - f12_x[1])))
        t = times[0]
        missing = ratio / 2 * math.exp(-GAMMA * t) * math.sin(2 * m.coupling * t) * vpb
        ratios_missing.append((exact_p[0] - f12_p[0]) / missing)
    assert SECOND_ORDER[0] < exponent(errors) < SECOND_ORDER[1]
    assert ratios_missing[1] == pytest.approx(1.0, abs=0.05)


# ------------------------------------------------------------------ unitary limit γ = 0


def test_lossless_squeezing_transfer_to_p_b():
    """Eq. (37): at T_π the X_A squeezing sits in P_B; the alkali is left in vacuum."""
    r = squeezing_parameter_from_db(7.0)
    m = TwoModeExchange(55.0, 0.0)
    traj = m.squeezed_dynamics(7.0, [m.transfer_time])
    var_x_b, var_p_b = traj.variances(1)
    var_x_a, var_p_a = traj.variances(0)
    assert var_p_b[0] == pytest.approx(math.exp(-2 * r) / 4, rel=EXACT_TOL)
    assert var_x_b[0] == pytest.approx(math.exp(2 * r) / 4, rel=EXACT_TOL)
    assert var_x_a[0] == pytest.approx(0.25, rel=EXACT_TOL)
    assert var_p_a[0] == pytest.approx(0.25, rel=EXACT_TOL)


def test_lossless_fock_space_state_transfer_eq37():
    """|ξ⟩_A|0⟩_B → |0⟩_A|−ξ⟩_B as a state vector (beam splitter keeps n_a + n_b ≤ cutoff)."""
    cutoff, r, j = 30, 0.5, 3.0
    a, b = two_mode_operators(cutoff)
    h = scipy.sparse.csr_array(j * (a.conj().T @ b + b.conj().T @ a))
    single = squeezed_vacuum_amplitudes(r, cutoff)
    # the closed-form amplitudes are S(ξ)|0⟩ (checked on a larger single-mode space)
    big = annihilation_operator(80)
    s_big = scipy.linalg.expm((r * big @ big - r * big.conj().T @ big.conj().T) / 2)
    np.testing.assert_allclose(s_big[: cutoff + 1, 0], single, atol=1e-12)
    psi0 = np.kron(single, fock_state(0, cutoff))
    psi_t = scipy.sparse.linalg.expm_multiply(-1j * h * (math.pi / (2 * j)), psi0)
    target = np.kron(fock_state(0, cutoff), squeezed_vacuum_amplitudes(-r, cutoff))
    assert abs(np.vdot(target, psi_t)) ** 2 == pytest.approx(1.0, abs=1e-9)


@pytest.mark.parametrize("excitations", [1, 2, 4])
def test_lossless_fock_transfer(excitations):
    m = TwoModeExchange(2.0, 0.0)
    traj = m.fock_dynamics(excitations, 0, [m.transfer_time])
    assert traj.population(0, excitations)[0] == pytest.approx(1.0, abs=FOCK_TOL)
    assert traj.max_excitations == excitations


def test_entangled_state_phase_at_half_transfer():
    """γ = 0: ρ(T_π/2) = |ψ⟩⟨ψ|, ψ = (|1,0⟩ − i|0,1⟩)/√2; the printed +i state is orthogonal."""
    m = TwoModeExchange(2.0, 0.0)
    t = [m.transfer_time / 2]
    assert m.entanglement_fidelity(t)[0] == pytest.approx(1.0, abs=FOCK_TOL)
    assert m.entanglement_fidelity(t, paper_phase=True)[0] == pytest.approx(0.0, abs=FOCK_TOL)


# ------------------------------------------------------------------ consistency of the routes


def test_fock_lindblad_matches_gaussian_moments_with_switching():
    m = TwoModeExchange(20.0, GAMMA).with_storage()
    times = np.linspace(0, 3 * m.transfer_time, 13)
    fock = m.fock_dynamics(2, 0, times)
    n0 = np.diag([2.0, 0.0])
    gauss = m.gaussian_dynamics(None, n0, None, times)
    np.testing.assert_allclose(fock.excitations(), gauss.excitations(), atol=FOCK_TOL)


def test_thermal_fock_lindblad_matches_gaussian_moments():
    m = TwoModeExchange(8.0, GAMMA, noble_decay=0.3, polarization_a=0.8, polarization_b=0.7,
                        detuning=2.0)
    times = np.linspace(0, 0.3, 7)
    fock = m.fock_dynamics(1, 1, times, tail_tolerance=1e-9)
    assert fock.max_excitations > 2 and np.all(fock.tail_bound <= 1e-9)
    gauss = m.gaussian_dynamics(None, np.diag([1.0, 1.0]), None, times)
    np.testing.assert_allclose(fock.excitations(), gauss.excitations(), atol=1e-8)
    np.testing.assert_allclose(np.einsum("tii->t", fock.states).real, 1.0, atol=FOCK_TOL)


def test_truncation_error_is_within_the_tail_bound():
    m = TwoModeExchange(3.0, GAMMA, polarization_a=0.5)     # n̄_A = 0.5: strong thermal noise
    times = [0.5, 1.5]
    small = m.fock_dynamics(1, 0, times, max_excitations=3)
    large = m.fock_dynamics(1, 0, times, max_excitations=9)
    embed = [excitation_basis(9).index(state) for state in excitation_basis(3)]
    for k in range(len(times)):
        diff = large.states[k].copy()
        diff[np.ix_(embed, embed)] -= small.states[k]
        distance = 0.5 * np.sum(np.abs(np.linalg.eigvalsh(diff)))
        assert distance <= small.tail_bound[k] + large.tail_bound[k]
        assert small.tail_bound[k] > 1e-4                  # the bound is not vacuous here


def test_vacuum_noise_fock_cutoff_is_exact_and_thermal_cutoff_grows():
    m = TwoModeExchange(10.0, GAMMA)
    assert m.up_rate == 0.0
    assert m.fock_cutoff(2, 100.0) == 2
    assert np.all(truncation_tail_bound(2, 2, 0.0, [1.0, 100.0]) == 0.0)
    thermal = TwoModeExchange(10.0, GAMMA, polarization_a=0.9)
    assert thermal.fock_cutoff(2, 1.0) > thermal.fock_cutoff(2, 0.01) > 2


def test_commutators_preserved_and_vacuum_noise_for_full_polarization():
    for pa, pb, gb in [(1.0, 1.0, 0.0), (0.95, 0.75, 0.2)]:
        m = TwoModeExchange(55.0, GAMMA, noble_decay=gb, polarization_a=pa, polarization_b=pb)
        system = m.linear_system()
        assert commutator_preserving(system.drift, system.noise_annihilation,
                                     system.noise_creation)
        comm = system.commutators([0.0, m.transfer_time, 5.0])
        np.testing.assert_allclose(comm, np.broadcast_to(np.eye(2), comm.shape), atol=EXACT_TOL)
    vacuum = TwoModeExchange(55.0, GAMMA).linear_system()
    np.testing.assert_allclose(vacuum.noise_creation, 0.0)
    n_t, _ = vacuum.moments(None, None, [1.0, 10.0])
    np.testing.assert_allclose(n_t, 0.0, atol=EXACT_TOL)


def test_large_detuning_decouples_and_freezes_the_noble_gas():
    j, delta = 10.0, 1000.0
    m = TwoModeExchange(j, GAMMA, detuning=delta)
    lam = np.linalg.eigvals(m.drift())
    slow = lam[np.argmin(np.abs(lam))]
    # induced noble-gas relaxation γJ²/(Δ² + γ²) (Sec. VI A), up to relative O(J²/Δ²)
    expected = GAMMA * j**2 / (delta**2 + GAMMA**2)
    assert -slow.real == pytest.approx(expected, rel=3 * (j / delta) ** 2)
    times = np.linspace(0, 20 * m.transfer_time, 7)
    traj = m.gaussian_dynamics([0.0, 5.0], np.diag([0.0, 25.0]), None, times)
    stored = traj.excitations()[:, 1]
    assert np.max(np.abs(stored - 25.0)) / 25.0 < 2 * (j / delta) ** 2 + 2 * expected * times[-1]


def test_storage_after_transfer_keeps_the_fidelity():
    m = TwoModeExchange(55.0, GAMMA).with_storage()
    times = np.array([m.transfer_time, 2 * m.transfer_time, 4 * m.transfer_time])
    fid = m.fock_fidelity(2, times)
    # after the switch, per excitation: exchanged population ≤ 4(J/Δ_off)², induced
    # population decay 2γJ²/Δ_off² over the stored time
    ratio = 1.0 / 1000.0
    bound = 2 * (4 * ratio**2 + 2 * GAMMA * ratio**2 * (times[-1] - times[0]))
    assert np.max(np.abs(fid - fid[0])) < bound
    free = TwoModeExchange(55.0, GAMMA).fock_fidelity(2, times)
    assert free[1] < 1e-3        # without the switch the excitations swap back to the alkali


def test_initial_variances_of_fig4b():
    perfect = TwoModeExchange(55.0, GAMMA)
    mean, n0, m0 = perfect.squeezed_moments(7.0)
    assert quadrature_variances(mean, n0, m0, 0)[0] == pytest.approx(0.05, abs=5e-4)
    assert quadrature_variances(mean, n0, m0, 1)[1] == pytest.approx(0.25, abs=EXACT_TOL)
    partial = TwoModeExchange(polarization_scaled_coupling(55.0, 0.95, 0.75), GAMMA,
                              polarization_a=0.95, polarization_b=0.75)
    mean, n0, m0 = partial.squeezed_moments(7.0)
    var_x_a, var_p_a = quadrature_variances(mean, n0, m0, 0)
    var_p_b = quadrature_variances(mean, n0, m0, 1)[1]
    assert round(var_x_a, 3) == 0.053
    assert var_p_b == pytest.approx(1 / 3, rel=EXACT_TOL)
    assert var_x_a * var_p_a == pytest.approx(1 / (16 * 0.95**2), rel=EXACT_TOL)
    # the noble-gas variance lies 1.25 dB above vacuum (the Fig. 4b caption prints −1.25 dB)
    assert 10 * math.log10(var_p_b / 0.25) == pytest.approx(1.25, abs=5e-3)
    assert partial.coupling == pytest.approx(55.0 * math.sqrt(0.95 * 0.75))


def test_squeezed_vacuum_moments_used_for_p1_state():
    r = squeezing_parameter_from_db(7.0)
    _, n0, m0 = TwoModeExchange(55.0, GAMMA).squeezed_moments(7.0)
    n_ref, m_ref = squeezed_vacuum_moments(r)
    assert n0[0, 0] == pytest.approx(n_ref) and m0[0, 0] == pytest.approx(m_ref)


def test_fock_fidelity_curve_matches_qutip_mesolve():
    j, delta = 12.0, 1.5
    cutoff = 2
    m = TwoModeExchange(j, GAMMA, detuning=delta)
    times = np.linspace(0, 2 * m.transfer_time, 6)
    qa = qutip.tensor(qutip.destroy(cutoff + 1), qutip.qeye(cutoff + 1))
    qb = qutip.tensor(qutip.qeye(cutoff + 1), qutip.destroy(cutoff + 1))
    h = j * (qa.dag() * qb + qb.dag() * qa) - delta * qa.dag() * qa
    target = qutip.tensor(qutip.basis(cutoff + 1, 0), qutip.basis(cutoff + 1, 2))
    psi0 = qutip.tensor(qutip.basis(cutoff + 1, 2), qutip.basis(cutoff + 1, 0))
    result = qutip.mesolve(h, psi0, times, [np.sqrt(2 * GAMMA) * qa],
                           e_ops=[target * target.dag()], options={"atol": 1e-10, "rtol": 1e-10})
    np.testing.assert_allclose(m.fock_fidelity(2, times), result.expect[0], atol=QUTIP_TOL)


def test_thermal_fock_populations_match_qutip_mesolve():
    pa, pb = 0.8, 0.7
    m = TwoModeExchange(6.0, GAMMA, noble_decay=0.2, polarization_a=pa, polarization_b=pb)
    times = np.linspace(0, 0.2, 5)
    cutoff = 8   # QuTiP: n_a, n_b ≤ 8; ours: n_a + n_b ≤ 8; both exact below N = 8
    ours = m.fock_dynamics(1, 1, times, max_excitations=cutoff)
    tolerance = QUTIP_TOL + 2 * ours.tail_bound[-1]
    assert ours.tail_bound[-1] < 1e-6
    qa = qutip.tensor(qutip.destroy(cutoff + 1), qutip.qeye(cutoff + 1))
    qb = qutip.tensor(qutip.qeye(cutoff + 1), qutip.destroy(cutoff + 1))
    h = 6.0 * (qa.dag() * qb + qb.dag() * qa)
    c_ops = [np.sqrt(2 * GAMMA * (m.nbar_a + 1)) * qa, np.sqrt(2 * GAMMA * m.nbar_a) * qa.dag(),
             np.sqrt(0.4 * (m.nbar_b + 1)) * qb, np.sqrt(0.4 * m.nbar_b) * qb.dag()]
    psi0 = qutip.tensor(qutip.basis(cutoff + 1, 1), qutip.basis(cutoff + 1, 1))
    projectors = {s: qutip.tensor(qutip.fock_dm(cutoff + 1, s[0]), qutip.fock_dm(cutoff + 1, s[1]))
                  for s in [(0, 2), (1, 1), (2, 0), (0, 0), (1, 2)]}
    result = qutip.mesolve(h, psi0, times, c_ops, e_ops=list(projectors.values()),
                           options={"atol": 1e-10, "rtol": 1e-10})
    for state, expect in zip(projectors, result.expect, strict=True):
        np.testing.assert_allclose(ours.population(*state), expect, atol=tolerance)


def test_excitation_basis_and_bad_inputs():
    assert excitation_basis(2) == [(0, 0), (0, 1), (0, 2), (1, 0), (1, 1), (2, 0)]
    with pytest.raises(ValueError, match="coupling"):
        TwoModeExchange(0.0, GAMMA)
    with pytest.raises(ValueError, match="polarization_b"):
        TwoModeExchange(1.0, GAMMA, polarization_b=1.5)
    with pytest.raises(ValueError, match="switch_time"):
        TwoModeExchange(1.0, GAMMA, switch_time=-1.0)
    with pytest.raises(ValueError, match="singular at critical damping"):
        two_mode_solution_f1(1.0, 2.0, 0.5)


def test_fidelities_accept_a_scalar_time_like_their_closed_forms():
    model = TwoModeExchange(coupling=55.0, alkali_decay=1.0)
    t_pi = np.pi / (2 * 55.0)
    scalar = model.fock_fidelity(2, t_pi)
    assert np.ndim(scalar) == 0
    assert scalar == pytest.approx(float(fock_fidelity_exact(2, 55.0, 1.0, t_pi)), abs=1e-9)
    grid = model.fock_fidelity(2, [0.5 * t_pi, t_pi])
    assert grid.shape == (2,) and grid[1] == pytest.approx(scalar, abs=1e-12)
    assert np.ndim(model.entanglement_fidelity(0.5 * t_pi)) == 0


def test_model_verbs_follow_the_fock_route():
    # vacuum noise (p = 1): the steady state is |0, 0⟩ and evolve equals fock_dynamics
    model = TwoModeExchange(coupling=3.0, alkali_decay=1.0, detuning=0.4)
    basis = excitation_basis(2)
    steady = model.steady_state()
    vacuum = basis.index((0, 0))
    assert steady.state[vacuum, vacuum].real == pytest.approx(1.0, abs=1e-12)
    times = np.linspace(0.0, 1.5, 7)
    ours = model.evolve(times).states
    reference = model.fock_dynamics(1, 0, times, max_excitations=2).states
    np.testing.assert_allclose(ours, reference, atol=1e-9)


def test_model_verbs_are_not_applicable_to_a_switched_detuning():
    stored = TwoModeExchange(coupling=3.0, alkali_decay=1.0).with_storage()
    for verb in (stored.open_system, stored.steady_state, lambda: stored.evolve([0.0, 1.0])):
        with pytest.raises(NotImplementedError, match=r"switch_time.*fock_dynamics"):
            verb()
