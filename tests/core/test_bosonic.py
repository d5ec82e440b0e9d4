"""core.bosonic: Fock operators, Gaussian moments, passive Langevin systems, lossy Fock channel.

Closed forms first, then the moment equations against direct integration (solve_ivp) and
against QuTiP's mesolve of the equivalent Lindblad equation.
"""

import math

import numpy as np
import pytest
import qutip
import scipy.integrate
import scipy.linalg
import scipy.stats

from spinthermo.core.bosonic import (
    PassiveLinearSystem,
    annihilation_operator,
    coherent_moments,
    commutator_preserving,
    fock_state,
    lossy_fock_probabilities,
    piecewise_moments,
    quadrature_variances,
    squeezed_vacuum_moments,
    squeezing_parameter_from_db,
    thermal_occupation_from_polarization,
    thermal_squeezed_moments,
    two_mode_operators,
)
from spinthermo.core.superop import liouvillian, unvec, vec

#: Closed-form algebra and the eigen route (rounding only, condition numbers ≤ 1e3 here).
EXACT_TOL = 1e-10
#: solve_ivp (DOP853) at rtol 1e-11, atol 1e-13 over a few decay times.
ODE_TOL = 1e-8
#: QuTiP mesolve at atol 1e-10, rtol 1e-10 with Fock cutoffs whose neglected tail is < 1e-12.
QUTIP_TOL = 1e-6

RNG = np.random.default_rng(20220105)


def random_passive(n, thermal=True, rng=RNG):
    """A stable drift G = −iH − K with Hermitian H and PSD K, noise satisfying FDT."""
    h = rng.normal(size=(n, n)) + 1j * rng.normal(size=(n, n))
    h = (h + h.conj().T) / 2
    x = rng.normal(size=(n, n)) + 1j * rng.normal(size=(n, n))
    k = 0.3 * x @ x.conj().T / n + 0.05 * np.eye(n)
    g = -1j * h - k
    if thermal:
        y = rng.normal(size=(n, n)) + 1j * rng.normal(size=(n, n))
        d_minus = 0.2 * y @ y.conj().T / n
    else:
        d_minus = np.zeros((n, n))
    d_plus = d_minus.T + 2 * k
    return g, d_plus, d_minus


def random_moments(n, rng=RNG):
    """Valid initial (mean, N, M): a random Gaussian state from a random symplectic map."""
    z = rng.normal(size=(n, n)) + 1j * rng.normal(size=(n, n))
    n0 = 0.3 * z.conj().T @ z / n
    m0 = 0.1 * (z + z.T) / n
    mean = rng.normal(size=n) + 1j * rng.normal(size=n)
    return mean, n0, m0


def moment_odes(g, d_minus, n0, m0, times):
    """Integrate dN/dt = G* N + N Gᵀ + D⁻ and dM/dt = G M + M Gᵀ with DOP853."""
    n = g.shape[0]

    def rhs(_t, y):
        nn = y[: n * n].reshape(n, n)
        mm = y[n * n:].reshape(n, n)
        return np.concatenate([(g.conj() @ nn + nn @ g.T + d_minus).ravel(),
                               (g @ mm + mm @ g.T).ravel()])

    y0 = np.concatenate([n0.ravel(), m0.ravel()]).astype(complex)
    sol = scipy.integrate.solve_ivp(rhs, (0, times[-1]), y0, t_eval=times, method="DOP853",
                                    rtol=1e-11, atol=1e-13)
    ys = sol.y.T
    return ys[:, : n * n].reshape(-1, n, n), ys[:, n * n:].reshape(-1, n, n)


# ------------------------------------------------------------------ Fock space


def test_truncated_operators_obey_canonical_commutator_below_cutoff():
    a = annihilation_operator(6)
    comm = a @ a.conj().T - a.conj().T @ a
    np.testing.assert_allclose(np.diag(comm)[:-1], 1.0, atol=EXACT_TOL)
    assert np.diag(comm)[-1] == pytest.approx(-6.0)
    np.testing.assert_allclose(a.conj().T @ a, np.diag(np.arange(7)), atol=EXACT_TOL)


def test_two_mode_ordering_matches_qutip_tensor():
    a, b = two_mode_operators(3, 2)
    qa = qutip.tensor(qutip.destroy(4), qutip.qeye(3)).full()
    qb = qutip.tensor(qutip.qeye(4), qutip.destroy(3)).full()
    np.testing.assert_allclose(a, qa, atol=EXACT_TOL)
    np.testing.assert_allclose(b, qb, atol=EXACT_TOL)
    state = np.kron(fock_state(2, 3), fock_state(1, 2))
    assert np.flatnonzero(state)[0] == 2 * 3 + 1
    np.testing.assert_allclose(a @ b - b @ a, 0, atol=EXACT_TOL)


def test_fock_and_cutoff_validation():
    with pytest.raises(ValueError, match="n must lie in"):
        fock_state(4, 3)
    with pytest.raises(ValueError, match="cutoff must be a non-negative integer"):
        annihilation_operator(-1)
    with pytest.raises(ValueError, match="cutoff must be a non-negative integer"):
        annihilation_operator(2.5)


# ------------------------------------------------------------------ Gaussian single-mode states


@pytest.mark.parametrize(("nbar", "r", "theta"), [(0.0, 0.4, 0.0), (0.3, 0.7, 1.1),
                                                  (0.0, 0.0, 0.0), (0.8, 0.2, -2.0)])
def test_thermal_squeezed_moments_match_fock_space_construction(nbar, r, theta):
    cutoff = 150   # the truncated squeezing generator is accurate far below the cutoff
    a = annihilation_operator(cutoff)
    xi = r * np.exp(1j * theta)
    squeeze = scipy.linalg.expm((np.conj(xi) * a @ a - xi * a.conj().T @ a.conj().T) / 2)
    ratio = nbar / (1 + nbar)
    thermal = np.diag((1 - ratio) * ratio ** np.arange(cutoff + 1)).astype(complex)
    rho = squeeze @ thermal @ squeeze.conj().T
    n_val, m_val = thermal_squeezed_moments(nbar, r, theta)
    assert np.trace(rho @ a.conj().T @ a).real == pytest.approx(n_val, abs=1e-9)
    assert np.trace(rho @ a @ a) == pytest.approx(m_val, abs=1e-9)


def test_squeezed_vacuum_variances_and_db_conversion():
    r = squeezing_parameter_from_db(7.0)
    var_x, var_p = quadrature_variances(None, *squeezed_vacuum_moments(r))
    assert var_x == pytest.approx(0.25 * 10 ** (-0.7), rel=EXACT_TOL)
    assert var_p == pytest.approx(0.25 * 10 ** 0.7, rel=EXACT_TOL)
    assert var_x * var_p == pytest.approx(1 / 16, rel=EXACT_TOL)  # minimum uncertainty
    nbar = thermal_occupation_from_polarization(0.95)
    var_x, _ = quadrature_variances(None, *thermal_squeezed_moments(nbar, r))
    assert var_x == pytest.approx(10 ** (-0.7) / (4 * 0.95), rel=EXACT_TOL)


def test_coherent_state_has_vacuum_variances_and_rotated_quadratures():
    alpha = 1.3 - 0.4j
    mean, n_val, m_val = coherent_moments(alpha)
    assert quadrature_variances(mean, n_val, m_val) == pytest.approx((0.25, 0.25), abs=1e-12)
    # matrix form picks the requested mode
    mean_vec = np.array([0.0, mean])
    n_mat = np.diag([0.0, n_val])
    m_mat = np.diag([0.0, m_val])
    assert quadrature_variances(mean_vec, n_mat, m_mat, 1) == pytest.approx((0.25, 0.25))


def test_polarization_occupation_gives_inverse_polarization_variance():
    for p in (1.0, 0.95, 0.75):
        nbar = thermal_occupation_from_polarization(p)
        assert (2 * nbar + 1) / 4 == pytest.approx(1 / (4 * p))
    with pytest.raises(ValueError, match="polarization"):
        thermal_occupation_from_polarization(0.0)


# ------------------------------------------------------------------ passive linear systems


def test_moments_match_direct_integration_of_moment_odes():
    g, d_plus, d_minus = random_passive(3)
    system = PassiveLinearSystem(g, d_plus, d_minus)
    assert system.diagonalisable
    _, n0, m0 = random_moments(3)
    times = np.linspace(0.0, 4.0, 9)
    n_t, m_t = system.moments(n0, m0, times)
    n_ref, m_ref = moment_odes(g, d_minus, n0, m0, times)
    np.testing.assert_allclose(n_t, n_ref, atol=ODE_TOL)
    np.testing.assert_allclose(m_t, m_ref, atol=ODE_TOL)


def test_means_and_propagator_are_the_matrix_exponential():
    g, d_plus, d_minus = random_passive(4)
    system = PassiveLinearSystem(g, d_plus, d_minus)
    mean0, _, _ = random_moments(4)
    np.testing.assert_allclose(system.propagator(1.7), scipy.linalg.expm(1.7 * g),
                               atol=EXACT_TOL)
    np.testing.assert_allclose(system.means(mean0, [0.0, 0.9])[1],
                               scipy.linalg.expm(0.9 * g) @ mean0, atol=EXACT_TOL)
    np.testing.assert_allclose(system.means_rows([2], mean0, [0.9])[0, 0],
                               (scipy.linalg.expm(0.9 * g) @ mean0)[2], atol=EXACT_TOL)


def test_rows_and_contributions_agree_with_full_moments():
    g, d_plus, d_minus = random_passive(5)
    d_plus = np.diag(np.diag(d_plus).real + 0.1)   # diagonal noise for the split
    d_minus = np.diag(np.diag(d_minus).real)
    system = PassiveLinearSystem(g, d_plus, d_minus)
    _, n0, m0 = random_moments(5)
    times = [0.0, 0.3, 2.0]
    n_full, m_full = system.moments(n0, m0, times)
    n_rows, m_rows = system.moments_rows([1, 3], n0, m0, times)
    np.testing.assert_allclose(n_rows, n_full[:, [1, 3]][:, :, [1, 3]], atol=EXACT_TOL)
    np.testing.assert_allclose(m_rows, m_full[:, [1, 3]][:, :, [1, 3]], atol=EXACT_TOL)
    normal, anti = system.noise_moments(times)
    part_normal, part_anti = system.noise_contributions(3, times)
    np.testing.assert_allclose(part_normal.sum(axis=1), normal[:, 3, 3].real, atol=EXACT_TOL)
    np.testing.assert_allclose(part_anti.sum(axis=1), anti[:, 3, 3].real, atol=EXACT_TOL)
    assert np.all(part_normal >= -EXACT_TOL) and np.all(part_anti >= -EXACT_TOL)
    # a per-source term is D_kk ∫|U_3k|²: check one by quadrature
    quad = scipy.integrate.quad(lambda s: abs(scipy.linalg.expm(g * s)[3, 0]) ** 2, 0, 2.0,
                                epsabs=1e-13)[0]
    assert part_anti[2, 0] == pytest.approx(d_plus[0, 0].real * quad, rel=1e-9)


def test_fluctuation_dissipation_preserves_commutators():
    g, d_plus, d_minus = random_passive(3)
    assert commutator_preserving(g, d_plus, d_minus)
    system = PassiveLinearSystem(g, d_plus, d_minus)
    times = [0.0, 0.5, 3.0, 20.0]
    np.testing.assert_allclose(system.commutators(times), np.broadcast_to(np.eye(3), (4, 3, 3)),
                               atol=EXACT_TOL)
    # independent route: ⟨a a†⟩ from D⁺ equals 1 + Nᵀ with N from D⁻
    _, n0, _ = random_moments(3)
    n_t, _ = system.moments(n0, None, times)
    anti = system.antinormal_moments(n0, times)
    np.testing.assert_allclose(anti, np.eye(3) + np.swapaxes(n_t, 1, 2), atol=EXACT_TOL)


def test_missing_noise_breaks_commutators():
    g, d_plus, d_minus = random_passive(2)
    assert not commutator_preserving(g, 0.5 * d_plus, d_minus)
    system = PassiveLinearSystem(g, 0.5 * d_plus, d_minus)
    comm = system.commutators([5.0])[0]
    assert np.max(np.abs(comm - np.eye(2))) > 0.1


def test_vacuum_noise_keeps_vacuum_empty():
    g, d_plus, _ = random_passive(3, thermal=False)
    system = PassiveLinearSystem(g, d_plus, np.zeros(3))
    n_t, m_t = system.moments(None, None, [0.5, 5.0])
    np.testing.assert_allclose(n_t, 0, atol=EXACT_TOL)
    np.testing.assert_allclose(m_t, 0, atol=EXACT_TOL)


def test_single_damped_mode_relaxes_to_bath_occupation():
    gamma, nbar = 1.7, 0.4
    system = PassiveLinearSystem([[-gamma]], [2 * gamma * (nbar + 1)], [2 * gamma * nbar])
    times = np.array([0.0, 0.2, 1.0, 30.0])
    n0 = 3.0
    n_t, _ = system.moments([[n0]], None, times)
    expected = n0 * np.exp(-2 * gamma * times) + nbar * (1 - np.exp(-2 * gamma * times))
    np.testing.assert_allclose(n_t[:, 0, 0].real, expected, rtol=EXACT_TOL)


def test_critically_damped_defective_drift_uses_van_loan_and_matches_odes():
    j = 1.0
    gamma = 2.0 * j   # G = [[-γ, -iJ], [-iJ, 0]] has a double eigenvalue -γ/2 at γ = 2J
    g = np.array([[-gamma, -1j * j], [-1j * j, 0.0]])
    nbar = 0.25
    system = PassiveLinearSystem(g, [2 * gamma * (nbar + 1), 0.0], [2 * gamma * nbar, 0.0])
    assert not system.diagonalisable
    _, n0, m0 = random_moments(2)
    times = np.array([0.0, 0.7, 2.5])
    n_t, m_t = system.moments(n0, m0, times)
    n_ref, m_ref = moment_odes(g, np.diag([2 * gamma * nbar, 0.0]), n0, m0, times)
    np.testing.assert_allclose(n_t, n_ref, atol=ODE_TOL)
    np.testing.assert_allclose(m_t, m_ref, atol=ODE_TOL)
    np.testing.assert_allclose(system.commutators(times), np.broadcast_to(np.eye(2), (3, 2, 2)),
                               atol=1e-9)


def test_piecewise_moments_equal_sequential_evolution():
    g1, dp1, dm1 = random_passive(2)
    g2, dp2, dm2 = random_passive(2)
    s1, s2 = PassiveLinearSystem(g1, dp1, dm1), PassiveLinearSystem(g2, dp2, dm2)
    mean0, n0, m0 = random_moments(2)
    times = np.array([0.0, 0.4, 1.0, 1.6])
    means, n_t, m_t = piecewise_moments([(0.0, s1), (1.0, s2)], mean0, n0, m0, times)
    n_sw, m_sw = s1.moments(n0, m0, [1.0])
    mean_sw = s1.means(mean0, [1.0])[0]
    n_ref, m_ref = s2.moments(n_sw[0], m_sw[0], [0.0, 0.6])
    np.testing.assert_allclose(n_t[2:], n_ref, atol=EXACT_TOL)
    np.testing.assert_allclose(m_t[2:], m_ref, atol=EXACT_TOL)
    np.testing.assert_allclose(means[3], s2.means(mean_sw, [0.6])[0], atol=EXACT_TOL)
    np.testing.assert_allclose(n_t[1], s1.moments(n0, m0, [0.4])[0][0], atol=EXACT_TOL)


def test_bad_inputs_are_rejected():
    with pytest.raises(ValueError, match="noise_annihilation must be positive semidefinite"):
        PassiveLinearSystem([[-1.0]], [-1.0], [0.0])
    with pytest.raises(ValueError, match="noise_creation must have shape"):
        PassiveLinearSystem([[-1.0]], [2.0], [0.0, 0.0])
    with pytest.raises(ValueError, match="drift must have shape"):
        PassiveLinearSystem([-1.0], [2.0], [0.0])
    system = PassiveLinearSystem([[-1.0]], [2.0], [0.0])
    with pytest.raises(ValueError, match="times must be >= 0"):
        system.moments(None, None, [-1.0])
    with pytest.raises(ValueError, match="rows must lie"):
        system.moments_rows([2], None, None, [1.0])


def test_two_mode_moments_match_qutip_mesolve():
    """Beam splitter + detuning + thermal damping of A and weak vacuum damping of B."""
    j, delta, gamma, gamma_b, nbar = 1.0, 0.3, 0.25, 0.05, 0.2
    cutoff = 14
    g = np.array([[1j * delta - gamma, -1j * j], [-1j * j, -gamma_b]])
    system = PassiveLinearSystem(g, [2 * gamma * (nbar + 1), 2 * gamma_b],
                                 [2 * gamma * nbar, 0.0])
    qa = qutip.tensor(qutip.destroy(cutoff + 1), qutip.qeye(cutoff + 1))
    qb = qutip.tensor(qutip.qeye(cutoff + 1), qutip.destroy(cutoff + 1))
    h = j * (qa.dag() * qb + qb.dag() * qa) - delta * qa.dag() * qa
    c_ops = [np.sqrt(2 * gamma * (nbar + 1)) * qa, np.sqrt(2 * gamma * nbar) * qa.dag(),
             np.sqrt(2 * gamma_b) * qb]
    alpha, r = 0.6 + 0.3j, 0.35
    psi_a = qutip.displace(cutoff + 1, alpha) * qutip.squeeze(cutoff + 1, r) * qutip.basis(
        cutoff + 1, 0)
    psi0 = qutip.tensor(psi_a, qutip.basis(cutoff + 1, 0))
    times = np.linspace(0, 3.0, 7)
    e_ops = [qa, qa.dag() * qa, qb.dag() * qb, qa.dag() * qb, qa * qa, qb * qb, qa * qb]
    result = qutip.mesolve(h, psi0, times, c_ops, e_ops=e_ops,
                           options={"atol": 1e-10, "rtol": 1e-10})
    ex = [np.asarray(v) for v in result.expect]
    # initial moments read off the truncated initial state itself (exact for the Fock problem)
    rho0 = psi0 * psi0.dag()
    mean0 = np.array([qutip.expect(qa, rho0), 0.0])
    n0 = np.diag([qutip.expect(qa.dag() * qa, rho0), 0.0])
    m0 = np.diag([qutip.expect(qa * qa, rho0), 0.0])
    # qutip.displace/squeeze are truncated at the cutoff: ~1e-6 off the ideal moments
    assert n0[0, 0] == pytest.approx(squeezed_vacuum_moments(r)[0] + abs(alpha) ** 2, abs=1e-4)
    means = system.means(mean0, times)
    n_t, m_t = system.moments(n0, m0, times)
    np.testing.assert_allclose(means[:, 0], ex[0], atol=QUTIP_TOL)
    np.testing.assert_allclose(n_t[:, 0, 0].real, ex[1], atol=QUTIP_TOL)
    np.testing.assert_allclose(n_t[:, 1, 1].real, ex[2], atol=QUTIP_TOL)
    np.testing.assert_allclose(n_t[:, 0, 1], ex[3], atol=QUTIP_TOL)
    np.testing.assert_allclose(m_t[:, 0, 0], ex[4], atol=QUTIP_TOL)
    np.testing.assert_allclose(m_t[:, 1, 1], ex[5], atol=QUTIP_TOL)
    np.testing.assert_allclose(m_t[:, 0, 1], ex[6], atol=QUTIP_TOL)


# ------------------------------------------------------------------ lossy Fock channel


def test_pure_loss_is_binomial():
    probs = lossy_fock_probabilities(5, 0.37, 0.0, 7)
    np.testing.assert_allclose(probs[:6], scipy.stats.binom.pmf(np.arange(6), 5, 0.37),
                               atol=EXACT_TOL)
    np.testing.assert_allclose(probs[6:], 0.0, atol=EXACT_TOL)


def test_unit_transmission_is_identity():
    np.testing.assert_allclose(lossy_fock_probabilities(3, 1.0, 0.0, 5), [0, 0, 0, 1, 0, 0],
                               atol=EXACT_TOL)


def test_vacuum_input_gives_thermal_distribution():
    nu = 0.7
    k = np.arange(12)
    np.testing.assert_allclose(lossy_fock_probabilities(0, 0.4, nu, 11),
                               nu**k / (1 + nu) ** (k + 1), atol=EXACT_TOL)


@pytest.mark.parametrize(("n_in", "eta", "nu"), [(2, 0.8, 0.3), (4, 0.5, 1.2), (1, 0.0, 0.1)])
def test_normalisation_mean_and_generating_function(n_in, eta, nu):
    probs = lossy_fock_probabilities(n_in, eta, nu, 400)
    k = np.arange(probs.size)
    assert probs.sum() == pytest.approx(1.0, abs=1e-12)
    assert probs @ k == pytest.approx(eta * n_in + nu, rel=1e-10)
    for z in (0.0, 0.3, -0.5):
        s = 1 - z
        gf = (1 + s * nu - s * eta) ** n_in / (1 + s * nu) ** (n_in + 1)
        assert probs @ z**k == pytest.approx(gf, abs=1e-12)


def test_lossy_channel_matches_qutip_beam_splitter():
    n_in, eta, nu = 2, 0.6, 0.15
    n_env = nu / (1 - eta)
    cut = 30
    theta = np.arccos(np.sqrt(eta))
    a = qutip.tensor(qutip.destroy(cut), qutip.qeye(cut))
    e = qutip.tensor(qutip.qeye(cut), qutip.destroy(cut))
    unitary = (theta * (a.dag() * e - e.dag() * a)).expm()  # a → cos θ a + sin θ e
    rho_in = qutip.tensor(qutip.fock_dm(cut, n_in), qutip.thermal_dm(cut, n_env))
    rho_out = (unitary * rho_in * unitary.dag()).ptrace(0)
    ours = lossy_fock_probabilities(n_in, eta, nu, 8)
    np.testing.assert_allclose(ours, np.real(rho_out.diag()[:9]), atol=1e-9)


def test_fock_channel_of_damped_mode_matches_lindblad_fock_dynamics():
    """|2⟩ in a thermally damped mode: Lindblad P(k, t) vs the channel (η, ν) of the system."""
    gamma, nbar, cutoff = 0.8, 0.3, 25
    a = annihilation_operator(cutoff)
    lv = liouvillian(None, [a, a.conj().T], [2 * gamma * (nbar + 1), 2 * gamma * nbar])
    rho0 = np.outer(fock_state(2, cutoff), fock_state(2, cutoff))
    system = PassiveLinearSystem([[-gamma]], [2 * gamma * (nbar + 1)], [2 * gamma * nbar])
    times = [0.3, 1.1]
    eta, nu = system.fock_channel(0, 0, times)
    for t, e_t, n_t in zip(times, eta, nu, strict=True):
        rho = unvec(scipy.linalg.expm(lv * t) @ vec(rho0))
        ours = lossy_fock_probabilities(2, e_t, n_t, 6)
        np.testing.assert_allclose(ours, np.diag(rho).real[:7], atol=1e-9)
        assert e_t == pytest.approx(math.exp(-2 * gamma * t))


def test_channel_input_validation():
    with pytest.raises(ValueError, match="transmissivity"):
        lossy_fock_probabilities(1, 1.2, 0.0, 3)
    with pytest.raises(ValueError, match="added_occupation"):
        lossy_fock_probabilities(1, 0.5, -0.1, 3)
