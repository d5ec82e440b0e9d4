"""Seed 002 Eq. (27), App. E, Fig. 7: diffusion modes of a sphere and the multimode exchange.

Mode functions and overlaps against quadrature; the coupled-mode model against an inline
two-mode solution (scipy expm), against Lindblad evolutions in Fock space (QuTiP), against the
un-eliminated system (reservoir elimination, App. E), plus commutators, conservation laws,
decoupling and convergence in the number of modes.
"""

import math

import numpy as np
import pytest
import qutip
import scipy.linalg
import scipy.optimize

from spinthermo.core.bosonic import PassiveLinearSystem, commutator_preserving
from spinthermo.models.noble_gas.diffusion_modes import (
    alkali_decay_rates,
    alkali_mode_profile,
    lowest_alkali_decay_rate,
    mode_overlaps,
    neumann_roots,
    noble_decay_rates,
    noble_mode_profile,
    uniform_alkali_overlaps,
    uniform_mode_weight,
)
from spinthermo.models.noble_gas.figure7_scenario import (
    figure7,
    figure7_cell,
    figure7_switch_detuning,
    mode_convergence,
)
from spinthermo.models.noble_gas.multimode import (
    CoupledModeEquations,
    spherical_cell_modes,
    two_mode_equations,
)
from spinthermo.models.noble_gas.parameters import total_alkali_decay_rate

#: Exact algebra and closed forms against 400-node Gauss–Legendre quadrature of smooth
#: integrands (quadrature error ~1e-15).
EXACT_TOL = 1e-10
#: Eigen-route propagators (cond(V) ~ 10) against scipy expm / the mode basis.
PROPAGATOR_TOL = 1e-9
#: QuTiP mesolve at atol 1e-10, rtol 1e-9.
QUTIP_TOL = 1e-6
#: Thermal Lindblad check, Fock cutoff 5 per mode: the neglected population above the cutoff
#: is ~ n̄⁴ (a thermal tail beyond 3 background excitations next to the 2 injected) ≈ 1e-6.
THERMAL_QUTIP_TOL = 2e-5

RADIUS = 0.0254
J = 1000.0


def quadrature(radius, nodes=400):
    x, w = np.polynomial.legendre.leggauss(nodes)
    r = 0.5 * radius * (x + 1.0)
    return r, 0.5 * radius * w * 4.0 * np.pi * r**2


# ------------------------------------------------------------------ diffusion modes


def test_neumann_roots_solve_tan_x_equals_x():
    roots = neumann_roots(60)
    for n, x in enumerate(roots, start=1):
        exact = scipy.optimize.brentq(lambda y: y * np.cos(y) - np.sin(y), n * np.pi + 1e-9,
                                      n * np.pi + np.pi / 2 - 1e-9, xtol=1e-15)
        assert abs(x - exact) < 1e-12 * x
    assert np.all(np.diff(roots) > np.pi * 0.99)


def test_modes_orthonormal_and_satisfy_boundary_conditions():
    r, w = quadrature(RADIUS)
    idx = np.arange(10)[:, None]
    a = alkali_mode_profile(idx, r[None, :], RADIUS)
    b = noble_mode_profile(idx, r[None, :], RADIUS)
    np.testing.assert_allclose((a * w) @ a.T, np.eye(10), atol=EXACT_TOL)
    np.testing.assert_allclose((b * w) @ b.T, np.eye(10), atol=EXACT_TOL)
    # Dirichlet (depolarising walls) for the alkali, Neumann (non-relaxing) for the noble gas
    edge = np.array([RADIUS * (1 - 1e-7), RADIUS])
    assert np.max(np.abs(alkali_mode_profile(idx, RADIUS, RADIUS))) < 1e-10
    slope = np.diff(noble_mode_profile(idx, edge[None, :], RADIUS), axis=1)[:, 0] / (1e-7 * RADIUS)
    scale = noble_mode_profile(idx, 0.0, RADIUS).ravel() / RADIUS
    assert np.max(np.abs(slope) / np.abs(scale)) < 1e-5


def test_modes_are_eigenfunctions_of_the_radial_laplacian():
    """∇²f = (1/r) d²(r f)/dr²: finite differences give −k² f with k² = (γ − γ_bulk)/D."""
    r = np.linspace(0.2, 0.9, 15) * RADIUS
    h = 1e-4 * RADIUS
    k2_a = (alkali_decay_rates(5, RADIUS, 1.0, 0.0))
    k2_b = (noble_decay_rates(5, RADIUS, 1.0, 0.0))
    for profile, k2 in ((alkali_mode_profile, k2_a), (noble_mode_profile, k2_b)):
        for i in range(5):
            rf = [(r + s * h) * profile(i, r + s * h, RADIUS) for s in (-1, 0, 1)]
            lap = (rf[0] - 2 * rf[1] + rf[2]) / h**2 / r
            np.testing.assert_allclose(lap, -k2[i] * profile(i, r, RADIUS),
                                       atol=1e-5 * k2[max(i, 1)] * np.max(np.abs(rf[1] / r)))


def test_overlaps_closed_form_match_quadrature():
    r, w = quadrature(RADIUS)
    idx = np.arange(12)[:, None]
    a = alkali_mode_profile(idx, r[None, :], RADIUS)
    b = noble_mode_profile(idx, r[None, :], RADIUS)
    np.testing.assert_allclose(mode_overlaps(np.arange(12), np.arange(12)), (a * w) @ b.T,
                               atol=EXACT_TOL)
    uniform = np.full_like(r, 1.0 / math.sqrt(4 * np.pi * RADIUS**3 / 3))
    np.testing.assert_allclose(uniform_alkali_overlaps(12), (a * w) @ uniform, atol=EXACT_TOL)


def test_completeness_of_overlaps_converges_as_one_over_m():
    """Σ_{m≤M} c_mn² → 1 with defect v_n²/(π² M) (v₀² = 6, v_n² = 4); rows orthogonal."""
    for count in (500, 2000, 8000):
        c = mode_overlaps(np.arange(count), np.arange(4))
        gram = c.T @ c
        defect = 1.0 - np.diag(gram)
        expected = np.array([6.0, 4.0, 4.0, 4.0]) / (np.pi**2 * count)
        np.testing.assert_allclose(defect, expected, rtol=3.0 / count + 2e-3)
        off = gram - np.diag(np.diag(gram))
        assert np.max(np.abs(off)) < 2.0 / count
    weights = [uniform_mode_weight(m) for m in (10, 100, 1000)]
    np.testing.assert_allclose(weights[1], np.sum(uniform_alkali_overlaps(100) ** 2),
                               rtol=1e-14)
    np.testing.assert_allclose(1.0 - np.array(weights),
                               6.0 / (np.pi**2 * np.array([10.5, 100.5, 1000.5])), rtol=2e-3)


def test_lowest_alkali_decay_is_the_gamma_of_eq28():
    gamma_a, d_a = 17.5, 0.054e-4
    expected = gamma_a + d_a * np.pi**2 / RADIUS**2
    assert lowest_alkali_decay_rate(gamma_a, d_a, RADIUS) == pytest.approx(expected, rel=1e-15)
    assert lowest_alkali_decay_rate(gamma_a, d_a, RADIUS) == pytest.approx(
        float(total_alkali_decay_rate(gamma_a, d_a, RADIUS)), rel=1e-14)
    assert noble_decay_rates(3, RADIUS, 0.023e-4, 0.0)[0] == 0.0  # uniform noble mode


# ------------------------------------------------------------------ two-mode reduction


def two_mode_fock_liouvillian(coupling, gamma, detuning, cutoff=2):
    """Inline Eq. (28) Lindblad generator on |n_a, n_b⟩ (column stacking), vacuum noise."""
    a1 = np.diag(np.sqrt(np.arange(1, cutoff + 1)), 1)
    eye = np.eye(cutoff + 1)
    a, b = np.kron(a1, eye), np.kron(eye, a1)
    h = coupling * (a.T @ b + b.T @ a) - detuning * a.T @ a
    d = h.shape[0]
    one = np.eye(d)
    jump = math.sqrt(2 * gamma) * a
    jj = jump.T @ jump
    return (-1j * (np.kron(one, h) - np.kron(h.T, one)) + np.kron(jump.conj(), jump)
            - 0.5 * np.kron(one, jj) - 0.5 * np.kron(jj.T, one))


def inline_two_mode_moments(coupling, gamma, detuning, nbar_a, t, n0, m0):
    """Inline vec-form moment equations dN/dt = G*N + NGᵀ + D⁻, dM/dt = GM + MGᵀ via expm."""
    g = np.array([[1j * detuning - gamma, -1j * coupling], [-1j * coupling, 0.0]])
    d_minus = np.diag([2 * gamma * nbar_a, 0.0])
    eye = np.eye(2)
    gen_n = np.kron(eye, g.conj()) + np.kron(g, eye)
    aug = np.zeros((5, 5), dtype=complex)
    aug[:4, :4] = gen_n
    aug[:4, 4] = d_minus.ravel(order="F")
    vec_n = (scipy.linalg.expm(aug * t) @ np.r_[n0.ravel(order="F"), 1.0])[:4]
    u = scipy.linalg.expm(g * t)
    return vec_n.reshape(2, 2, order="F"), u @ m0 @ u.T


def test_one_mode_per_species_is_exactly_the_two_mode_model():
    gamma, delta_after, t_s = 20.0, 30 * J, math.pi / (2 * J)
    times = np.linspace(0.0, 2.5 * t_s, 26)
    # vacuum noise: P(n_b = 2) from the Fock-space Lindblad equation
    model = two_mode_equations(J, gamma)
    res = model.exchange(times, switch_time=t_s, detuning_after=delta_after)
    rho0 = np.zeros((9, 9))
    rho0[6, 6] = 1.0  # |2, 0⟩
    gen0 = two_mode_fock_liouvillian(J, gamma, 0.0)
    gen1 = two_mode_fock_liouvillian(J, gamma, delta_after)
    rho_s = scipy.linalg.expm(gen0 * t_s) @ rho0.ravel(order="F")
    for t, p in zip(times, res.fock_probability, strict=True):
        vec = (scipy.linalg.expm(gen0 * t) @ rho0.ravel(order="F") if t < t_s
               else scipy.linalg.expm(gen1 * (t - t_s)) @ rho_s)
        rho = vec.reshape(9, 9, order="F")
        assert p == pytest.approx(sum(rho[3 * k + 2, 3 * k + 2].real for k in range(3)),
                                  abs=PROPAGATOR_TOL)
    # thermal noise and squeezing: the Gaussian moments
    nbar_a, sq_db = 0.08, 7.0
    model = two_mode_equations(J, gamma, nbar_alkali=nbar_a)
    res = model.exchange(times, switch_time=t_s, detuning_after=delta_after,
                         squeezing_db=sq_db)
    r = sq_db * math.log(10) / 20
    n0 = np.diag([nbar_a * math.cosh(2 * r) + math.sinh(r) ** 2, 0.0]).astype(complex)
    m0 = np.diag([-(2 * nbar_a + 1) * math.sinh(r) * math.cosh(r), 0.0]).astype(complex)
    n_s, m_s = inline_two_mode_moments(J, gamma, 0.0, nbar_a, t_s, n0, m0)
    for i, t in enumerate(times):
        n_t, m_t = (inline_two_mode_moments(J, gamma, 0.0, nbar_a, t, n0, m0) if t < t_s else
                    inline_two_mode_moments(J, gamma, delta_after, nbar_a, t - t_s, n_s, m_s))
        var_x = (2 * n_t[0, 0].real + 1 + 2 * m_t[0, 0].real) / 4
        var_p = (2 * n_t[1, 1].real + 1 - 2 * m_t[1, 1].real) / 4
        assert res.var_x_alkali[i] == pytest.approx(var_x, abs=PROPAGATOR_TOL)
        assert res.var_p_noble[i] == pytest.approx(var_p, abs=PROPAGATOR_TOL)
    assert res.var_x_alkali[0] == pytest.approx((2 * nbar_a + 1) * 10**-0.7 / 4, rel=1e-12)


# ------------------------------------------------------------------ Fock fidelity is exact


def qutip_fock_probability(model, times, t_switch, delta_after, cutoff, nbar_a, nbar_b):
    """P(n_b0 = 2) from mesolve: |2⟩ in the input mode, the orthogonal alkali mode thermal."""
    sa, sb = model.n_alkali, model.n_noble
    n_modes = sa + sb
    ops = [qutip.tensor([qutip.destroy(cutoff + 1) if k == j else qutip.qeye(cutoff + 1)
                         for k in range(n_modes)]) for j in range(n_modes)]
    a, b = ops[:sa], ops[sa:]
    c_ops = []
    for op, rate, nbar in [*zip(a, model.alkali_rates, [nbar_a] * sa, strict=True),
                           *zip(b, model.noble_rates, [nbar_b] * sb, strict=True)]:
        if rate > 0:
            c_ops.append(math.sqrt(2 * rate * (nbar + 1)) * op)
            if nbar > 0:
                c_ops.append(math.sqrt(2 * rate * nbar) * op.dag())
    h_x = sum(J * model.overlaps[m, n] * (a[m].dag() * b[n] + b[n].dag() * a[m])
              for m in range(sa) for n in range(sb))
    number_a = sum(op.dag() * op for op in a)
    u = model.input_alkali
    up = sum(u[m] * a[m].dag() for m in range(sa))
    # orthogonal complement of the input mode (sa = 2): thermal
    perp = -u[1] * a[0].dag() + u[0] * a[1].dag() if sa == 2 else None
    vac = qutip.tensor([qutip.basis(cutoff + 1, 0)] * n_modes)
    rho0 = 0
    weights_b = [(1 - x) * x**k for x in [nbar_b / (1 + nbar_b)] for k in range(4)]
    p_a = nbar_a / (1 + nbar_a)
    for k in range(4 if perp is not None and nbar_a > 0 else 1):
        psi = up * up * (perp**k if k else 1) * vac
        psi = psi / psi.norm()
        rho0 = rho0 + (1 - p_a) * p_a**k * psi * psi.dag()
    for n in range(sb):  # thermal noble modes: apply the product thermal distribution
        if nbar_b > 0:
            proj = [(b[n].dag() ** k * rho0 * b[n] ** k) / math.factorial(k) for k in range(4)]
            rho0 = sum(w * p for w, p in zip(weights_b, proj, strict=True))
    rho0 = rho0 / rho0.tr()
    proj2 = qutip.tensor([qutip.fock_dm(cutoff + 1, 2) if k == sa else qutip.qeye(cutoff + 1)
                          for k in range(n_modes)])
    opts = {"atol": 1e-10, "rtol": 1e-9}
    early = times[times < t_switch]
    out = list(qutip.mesolve(h_x, rho0, np.r_[early, t_switch], c_ops, e_ops=[proj2],
                             options=opts).expect[0][:early.size])
    state = qutip.mesolve(h_x, rho0, [0, t_switch], c_ops, options=opts).final_state
    late = times[times >= t_switch] - t_switch
    out += list(qutip.mesolve(h_x - delta_after * number_a, state, late, c_ops, e_ops=[proj2],
                              options=opts).expect[0])
    return np.array(out)


def small_model(nbar_a=0.0, nbar_b=0.0, sb=2):
    """Two alkali modes (input 0.8 a_0 − 0.6 a_1, not an eigenmode) and ``sb`` noble modes."""
    overlaps = np.array([[0.9, 0.35], [-0.3, 0.8]])[:, :sb]
    return CoupledModeEquations(J, [30.0, 400.0], [0.0, 150.0][:sb], overlaps,
                                nbar_alkali=nbar_a, nbar_noble=nbar_b,
                                input_alkali=[0.8, -0.6])


def test_fock_fidelity_channel_matches_lindblad_vacuum():
    """2 alkali + 2 noble modes, non-eigenmode input, vacuum noise: cutoff 2 is exact."""
    model = small_model()
    t_s, delta = math.pi / (2 * J), 20 * J
    times = np.linspace(0.0, 2 * t_s, 9)
    ours = model.exchange(times, switch_time=t_s, detuning_after=delta).fock_probability
    ref = qutip_fock_probability(model, times, t_s, delta, 2, 0.0, 0.0)
    np.testing.assert_allclose(ours, ref, atol=QUTIP_TOL)
    assert ours[4] > 0.5  # a real exchange happened


def test_fock_fidelity_channel_matches_lindblad_thermal():
    """Thermal noise and a thermal orthogonal alkali mode: the thermal-loss channel is exact."""
    nbar_a, nbar_b = 0.03, 0.05
    model = small_model(nbar_a, nbar_b, sb=1)
    t_s, delta = math.pi / (2 * J), 20 * J
    times = np.linspace(0.0, 1.5 * t_s, 4)
    ours = model.exchange(times, switch_time=t_s, detuning_after=delta).fock_probability
    ref = qutip_fock_probability(model, times, t_s, delta, 5, nbar_a, nbar_b)
    np.testing.assert_allclose(ours, ref, atol=THERMAL_QUTIP_TOL)
    assert ours[0] == pytest.approx(nbar_b**2 / (1 + nbar_b) ** 3, rel=1e-12)


# ------------------------------------------------------------------ reservoir elimination


def reservoir_pair(nbar_a=0.1, nbar_b=0.2):
    """A 5 + 5 mode system with a random orthogonal overlap matrix; modes 2–4 decay at ~100 J."""
    rng = np.random.default_rng(7)
    c, _ = np.linalg.qr(rng.normal(size=(5, 5)))
    rates_a = np.array([0.3, 0.6, 80.0, 120.0, 150.0]) * J
    rates_b = np.array([0.0, 0.2, 100.0, 90.0, 140.0]) * J
    full = CoupledModeEquations(J, rates_a, rates_b, c, nbar_a, nbar_b)
    eliminated = CoupledModeEquations(
        J, rates_a[:2], rates_b[:2], c[:2, :2], nbar_a, nbar_b,
        alkali_reservoir_rates=rates_a[2:], alkali_reservoir_overlaps=c[2:, :2],
        noble_reservoir_rates=rates_b[2:], noble_reservoir_overlaps=c[:2, 2:])
    truncated = CoupledModeEquations(J, rates_a[:2], rates_b[:2], c[:2, :2], nbar_a, nbar_b)
    return full, eliminated, truncated


def test_reservoir_elimination_matches_full_system_with_thermal_noise():
    """Eq. (E2) as derived here (ε and the added noise) against the un-eliminated modes."""
    full, elim, trunc = reservoir_pair()
    stable = [0, 1, 5, 6]
    times = np.linspace(0.0, 40.0 / J, 9)
    n0 = np.diag([1.5, 0.1, 0.1, 0.1, 0.1, 0.2, 0.2, 0.2, 0.2, 0.2]).astype(complex)
    n_full, _ = full.linear_system(0.0).moments(n0, None, times)
    n_full = n_full[:, stable][:, :, stable]
    small0 = n0[np.ix_(stable, stable)]
    n_elim, _ = elim.linear_system(0.0).moments(small0, None, times)
    n_trunc, _ = trunc.linear_system(0.0).moments(small0, None, times)
    err_elim = np.max(np.abs(n_elim - n_full))
    err_trunc = np.max(np.abs(n_trunc - n_full))
    # the neglected terms are O(J/γ_r) = 1 % of the reservoir effect
    assert err_elim < 0.05 * err_trunc
    # thermal start with unequal occupations: the alkali modes are heated by the noble-gas
    # reservoir at n̄_B and vice versa; swapping the occupations of the added noise fails
    thermal0 = np.diag([0.1, 0.1, 0.2, 0.2]).astype(complex)
    full0 = np.diag([0.1] * 5 + [0.2] * 5).astype(complex)
    n_full, _ = full.linear_system(0.0).moments(full0, None, times)
    n_full = n_full[:, stable][:, :, stable]
    n_elim, _ = elim.linear_system(0.0).moments(thermal0, None, times)
    n_trunc, _ = trunc.linear_system(0.0).moments(thermal0, None, times)
    eps_a, eps_b = elim.reservoir_couplings(0.0)
    plus, minus = elim.noise_matrices(0.0)
    swap = np.zeros_like(plus)
    swap[:2, :2] = -0.1 * J * (eps_a + eps_a.conj().T)
    swap[2:, 2:] = 0.1 * J * (eps_b + eps_b.conj().T)
    n_swap, _ = PassiveLinearSystem(elim.drift(0.0), plus + swap, minus + swap).moments(
        thermal0, None, times)
    err_elim = np.max(np.abs(n_elim - n_full))
    assert err_elim < 0.05 * np.max(np.abs(n_trunc - n_full))
    assert err_elim < 0.05 * np.max(np.abs(n_swap - n_full))
    # equal occupations everywhere: the thermal state is stationary, exactly
    _, equal, _ = reservoir_pair(0.15, 0.15)
    n_eq, _ = equal.linear_system(0.0).moments(0.15 * np.eye(4), None, times)
    np.testing.assert_allclose(n_eq, np.broadcast_to(0.15 * np.eye(4), n_eq.shape), atol=1e-12)


def test_reservoir_elimination_detuned_and_the_misprinted_conjugate():
    """Δ ~ γ_r: ε^(B) ∝ 1/(γ_Ar − iΔ) as derived; the printed ε^(B)* is first-order wrong."""
    full, elim, _ = reservoir_pair()
    delta = 100.0 * J
    times = np.linspace(0.0, 40.0 / J, 9)
    mean0 = np.zeros(10, dtype=complex)
    mean0[5] = 1.0  # coherent amplitude in the noble mode b_0
    ref = full.linear_system(delta).means(mean0, times)[:, [0, 1, 5, 6]]
    ours = elim.linear_system(delta).means(mean0[[0, 1, 5, 6]], times)
    g = elim.drift(delta)
    _, eps_b = elim.reservoir_couplings(delta)
    g[2:, 2:] += J * (eps_b - eps_b.conj())  # E2 as printed: ε^(B)* in place of ε^(B)
    plus, minus = elim.noise_matrices(delta)
    misprint = PassiveLinearSystem(g, plus, minus).means(mean0[[0, 1, 5, 6]], times)
    err = np.max(np.abs(ours - ref))
    err_misprint = np.max(np.abs(misprint - ref))
    assert err < 0.1 * err_misprint
    assert np.max(np.abs(ours[-1] - mean0[[0, 1, 5, 6]])) > 10 * err  # the effect is resolved


def test_commutators_preserved_with_reservoir_noise():
    for nbar in (0.0, 0.2):
        model = spherical_cell_modes(J, 20.0, 0.0, 0.054e-4, 0.023e-4, RADIUS, n_modes=12,
                                     nbar_alkali=nbar, nbar_noble=1.5 * nbar)
        for delta in (0.0, 3e5):
            g = model.drift(delta)
            plus, minus = model.noise_matrices(delta)
            assert commutator_preserving(g, plus, minus)
            if nbar == 0.0:
                assert np.max(np.abs(minus)) == 0.0  # p = 1: vacuum noise
            comm = model.linear_system(delta).commutators([0.0, 1e-3, 5e-3])
            np.testing.assert_allclose(comm, np.broadcast_to(np.eye(model.size), comm.shape),
                                       atol=1e-9)


def test_reservoir_couplings_sum_explicit_modes_and_tail():
    """ε from 3·S explicit modes plus the quadrature tail equals ε from 2000·S explicit modes.

    At large Δ the real part of each term is ≈ J c² γ_r/Δ², flat in r until γ_r ~ Δ (r ~ 2200
    here): the explicit reference must reach well beyond that."""
    args = (J, 17.5, 0.0, 0.054e-4, 0.023e-4, RADIUS)
    short = spherical_cell_modes(*args, n_modes=10)
    long = spherical_cell_modes(*args, n_modes=10, reservoir_modes=20000, reservoir_tail=False)
    none = spherical_cell_modes(*args, n_modes=10, reservoir_modes=30, reservoir_tail=False)
    for delta in (0.0, 4e5):
        for e_short, e_long, e_none in zip(short.reservoir_couplings(delta),
                                           long.reservoir_couplings(delta),
                                           none.reservoir_couplings(delta), strict=True):
            tail = np.max(np.abs(e_long - e_none))
            assert tail > 0
            # quadrature tail: relative error O(1/r₁²) of the tail beyond r₁ = 40
            assert np.max(np.abs(e_short - e_long)) < 0.01 * tail


# ------------------------------------------------------------------ protocol and physics


def test_mode_basis_and_nonuniform_grid_agree_with_exchange():
    """Householder input basis and the grid stepping against plain moments in the mode basis."""
    model = spherical_cell_modes(J, 20.0, 0.0, 0.054e-4, 0.023e-4, RADIUS, n_modes=8,
                                 nbar_alkali=0.03, nbar_noble=0.17)
    times = np.linspace(0.0, 2e-3, 11)
    res = model.exchange(times, squeezing_db=7.0)
    w, u, na = model.input_weight, model.input_alkali, model.nbar_alkali
    r = 7.0 * math.log(10) / 20
    n_in = w * (na * math.cosh(2 * r) + math.sinh(r) ** 2) + (1 - w) * na
    m_in = -w * (2 * na + 1) * math.sinh(r) * math.cosh(r)
    n0 = np.diag(np.r_[np.full(8, na), np.full(8, 0.17)]).astype(complex)
    n0[:8, :8] += (n_in - na) * np.outer(u, u)
    m0 = np.zeros((16, 16), dtype=complex)
    m0[:8, :8] = m_in * np.outer(u, u)
    n_t, m_t = model.linear_system(0.0).moments(n0, m0, times)
    var_p = (2 * n_t[:, 8, 8].real + 1 - 2 * m_t[:, 8, 8].real) / 4
    np.testing.assert_allclose(res.var_p_noble, var_p, atol=PROPAGATOR_TOL)
    n_u = np.einsum("i,tij,j->t", u, n_t[:, :8, :8], u).real
    m_u = np.einsum("i,tij,j->t", u, m_t[:, :8, :8], u).real
    np.testing.assert_allclose(res.var_x_alkali, (2 * n_u + 1 + 2 * m_u) / 4,
                               atol=PROPAGATOR_TOL)
    irregular = np.r_[times[:3], 0.37e-3, times[3:]]
    res2 = model.exchange(irregular, squeezing_db=7.0)
    np.testing.assert_allclose(np.delete(res2.fock_probability, 3), res.fock_probability,
                               atol=PROPAGATOR_TOL)


def test_large_detuning_decouples_the_noble_gas_after_the_switch():
    """After the switch b₀ feels the alkali only through δb ~ (J/Δ) a: ⟨b₀†b₀⟩ moves by at most
    ~4(J/Δ)|⟨a†b₀⟩| ≤ 4(J/Δ)√(n_a n_b) (< J/Δ here, n_a ≲ 0.1 left, n_b ≈ 1.8)."""
    cell = figure7_cell(30)
    j = cell.coupling
    t_pi = math.pi / (2 * j)
    rng = np.random.default_rng(1)  # off-grid samples: no aliasing of the e^{iΔt} ripple
    after = np.sort(t_pi * (1 + 2 * rng.random(40)))
    times = np.r_[np.linspace(0.0, t_pi, 11), after]
    moved = []
    for delta in (25 * j, 100 * j, 400 * j, figure7_switch_detuning()):  # the last: 180 mG
        res = cell.exchange(times, switch_time=t_pi, detuning_after=delta)
        moved.append(np.ptp(res.noble_occupation[times >= t_pi]))
        assert moved[-1] < j / delta
        assert np.ptp(res.fock_probability[times >= t_pi]) < j / delta
    assert moved[1] < moved[0] / 4 and moved[2] < moved[1] / 4
    res = cell.exchange(times)  # no switch: the exchange continues
    assert np.ptp(res.noble_occupation[times >= t_pi]) > 0.5


def test_total_excitation_number_conserved_without_loss():
    model = spherical_cell_modes(J, 0.0, 0.0, 0.0, 0.0, RADIUS, n_modes=15, reservoir_modes=0,
                                 reservoir_tail=False)
    rng = np.random.default_rng(3)
    x = rng.normal(size=(30, 30)) + 1j * rng.normal(size=(30, 30))
    n0 = x.conj().T @ x / 30
    for delta in (0.0, 5 * J):
        n_t, _ = model.linear_system(delta).moments(n0, None, np.linspace(0, 5e-3, 6))
        np.testing.assert_allclose(np.trace(n_t, axis1=1, axis2=2).real, np.trace(n0).real,
                                   rtol=1e-10)
    res = model.exchange(np.linspace(0.0, 3e-3, 7))
    np.testing.assert_allclose(res.added_occupation, 0.0, atol=1e-12)  # vacuum, no noise


def test_initial_values_of_the_fig7_observables():
    cell = figure7_cell(20)
    res = cell.exchange([0.0], squeezing_db=7.0)
    nb, na, w = cell.nbar_noble, cell.nbar_alkali, cell.input_weight
    assert res.var_p_noble[0] == pytest.approx(1 / (4 * 0.75), rel=1e-12)  # 1/(4 p_B)
    assert res.var_x_alkali[0] == pytest.approx(
        (w * 10**-0.7 + 1 - w) * (2 * na + 1) / 4, rel=1e-12)
    assert res.fock_probability[0] == pytest.approx(nb**2 / (1 + nb) ** 3, rel=1e-12)


def test_convergence_in_the_number_of_modes():
    conv = mode_convergence((10, 20, 40, 80), time_span=2.0, samples_per_t_pi=8)
    assert np.all(np.diff(conv.fock_change) < 0)
    assert np.all(np.diff(conv.var_p_change) < 0)
    assert np.all(np.diff(conv.fock_at_t_pi) > 0)  # the elimination over-estimates the loss


def test_multimode_decays_faster_than_two_mode_but_similar():
    fig = figure7(100, time_span=1.0, samples_per_t_pi=8)
    mm, tm = fig.at_t_pi()["multimode"], fig.at_t_pi()["two_mode"]
    assert mm["fock_probability"] < tm["fock_probability"]
    assert mm["transmissivity"] < tm["transmissivity"]
    assert mm["var_p_noble"] > tm["var_p_noble"]
    assert mm["fock_probability"] > 0.8  # qualitatively similar: still a faithful transfer
    assert mm["var_p_noble"] < 0.25 / 0.75 * 10**-0.5  # still > 5 dB below 1/(4 p_B)


def test_bad_inputs_raise_clear_errors():
    args = dict(coupling=J, gamma_alkali=17.5, gamma_noble=0.0, diffusion_alkali=0.054e-4,
                diffusion_noble=0.023e-4, radius=RADIUS)
    with pytest.raises(ValueError, match="diffusion_alkali"):
        spherical_cell_modes(**{**args, "diffusion_alkali": -1e-6})
    with pytest.raises(ValueError, match="n_modes"):
        spherical_cell_modes(**args, n_modes=0)
    with pytest.raises(ValueError, match="radius"):
        spherical_cell_modes(**{**args, "radius": 0.0})
    with pytest.raises(ValueError, match="radius"):
        alkali_decay_rates(3, -1.0, 0.1, 0.0)
    with pytest.raises(ValueError, match="reservoir_rates"):  # D = 0: nothing to eliminate
        spherical_cell_modes(**{**args, "gamma_noble": 0.0, "diffusion_noble": 0.0,
                                "gamma_alkali": 0.0, "diffusion_alkali": 0.0})
    with pytest.raises(ValueError, match="reservoir_modes"):
        spherical_cell_modes(**args, n_modes=10, reservoir_modes=5)
    with pytest.raises(ValueError, match="input_alkali"):
        CoupledModeEquations(J, [1.0, 1.0], [0.0], [[1.0], [0.0]], input_alkali=[1.0, 1.0])
    with pytest.raises(ValueError, match="overlaps"):
        CoupledModeEquations(J, [1.0, 1.0], [0.0], [[1.0, 0.0]])
    with pytest.raises(ValueError, match="detuning_after"):
        two_mode_equations(J, 10.0).exchange([0.0, 1e-3], switch_time=5e-4)
    with pytest.raises(ValueError, match="times"):
        two_mode_equations(J, 10.0).exchange([-1e-3, 0.0])
    with pytest.raises(ValueError, match="nbar_alkali"):
        two_mode_equations(J, 10.0, nbar_alkali=-0.1)
