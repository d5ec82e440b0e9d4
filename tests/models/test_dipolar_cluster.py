"""Seed 003: geometry, Eqs. (1)-(5), App. A, the Δn = 0 block, the Dicke reduction, QuTiP piqs.

Cheap analytic checks first; full-space propagation and QuTiP's piqs last.
"""

import dataclasses
import math
import time

import numpy as np
import pytest
import qutip
import scipy.linalg
import scipy.special
from hypothesis import given, settings
from hypothesis import strategies as st
from qutip import piqs

import spinthermo
import spinthermo.models.dipolar.couplings as couplings
import spinthermo.models.dipolar.long_time as long_time
from spinthermo.core.checks import require_density_matrix
from spinthermo.core.steady import SteadyStateError, steady_state_sparse
from spinthermo.core.superop import liouvillian, unvec, vec
from spinthermo.models.base import Model
from spinthermo.models.dipolar import (
    DipolarCluster,
    collective_decay,
    conserving_projection,
    dicke_l1_coherence,
    dicke_long_time_log_populations,
    dicke_long_time_populations,
    dicke_rate_matrix,
    dicke_to_computational,
    dipolar_only_two_atom,
    dipolar_shift,
    dipolar_shift_near_field,
    evolve_dicke,
    excitation_numbers,
    far_field_couplings,
    geometric_couplings,
    is_dipolar_invariant_two_atom,
    liouvillian_conserving,
    liouvillian_full,
    long_time_coherence,
    long_time_state_general,
    sigma_plus,
    two_atom_coherence,
    two_atom_long_time_coherence,
)
from spinthermo.thermo.coherence import l1_coherence

#: Exact algebra (sparse builders against each other, closed forms against expm): rounding.
EXACT_TOL = 1e-12
#: Krylov (expm_multiply) propagation against closed forms / other reductions: its default
#: tolerance is double precision; observed differences are ~1e-14, so 1e-8 is the brief's bound.
NUMERICAL_TOL = 1e-8
#: QuTiP's mesolve is run at rtol 1e-10, atol 1e-12; observed agreement ~1e-8 on O(1) values.
QUTIP_TOL = 1e-6
LAMBDA = 780e-9  # m, a Rb D2-like wavelength for the geometric tests

rng = np.random.default_rng(3)


def random_positions(n, spread=1e-7, seed=0):
    return np.random.default_rng(seed).normal(size=(n, 3)) * spread


def random_density_matrix(d, seed=0):
    r = np.random.default_rng(seed)
    a = r.normal(size=(d, d)) + 1j * r.normal(size=(d, d))
    rho = a @ a.conj().T
    return rho / np.trace(rho)


def collective_operators(n):
    jp = sum(sigma_plus(n, i) for i in range(n)).toarray()
    return jp, jp.conj().T, np.diag(excitation_numbers(n) - n / 2).astype(complex)


# --------------------------------------------------------------------------- geometry


def test_couplings_match_spherical_bessel_forms():
    xi = np.linspace(0.01, 20, 400)
    c = np.cos(np.linspace(0, np.pi, 400))
    j0, j1 = scipy.special.spherical_jn(0, xi), scipy.special.spherical_jn(1, xi)
    y0, y1 = scipy.special.spherical_yn(0, xi), scipy.special.spherical_yn(1, xi)
    # γ = (3/2)[(1−c²) j0 − (1−3c²) j1/ξ],  f = (3/4)[(1−c²) y0 − (1−3c²) y1/ξ]
    gamma_ref = 1.5 * ((1 - c**2) * j0 - (1 - 3 * c**2) * j1 / xi)
    f_ref = 0.75 * ((1 - c**2) * y0 - (1 - 3 * c**2) * y1 / xi)
    assert np.allclose(collective_decay(xi, c), gamma_ref, rtol=1e-9, atol=1e-12)
    assert np.allclose(dipolar_shift(xi, c), f_ref, rtol=1e-9, atol=1e-12)


def test_xi_limits():
    c = np.array([0.0, 0.4, 1.0])
    small = 1e-4
    assert np.allclose(collective_decay(small, c, 2.0), 2.0, rtol=1e-7)
    assert np.allclose(dipolar_shift(small, c, 2.0), dipolar_shift_near_field(small, c, 2.0),
                       rtol=1e-7)
    # the series branch joins the closed form continuously
    below, above = np.nextafter(couplings.SMALL_XI, 0), np.nextafter(couplings.SMALL_XI, 1)
    assert abs(collective_decay(below, 0.3) - collective_decay(above, 0.3)) < 1e-13
    # far field: couplings fall off as 1/ξ
    big = 1e6
    assert np.all(np.abs(collective_decay(big, c)) < 2e-6)
    assert np.all(np.abs(dipolar_shift(big, c)) < 2e-6)
    f, g = far_field_couplings(3, 1.5)
    assert np.allclose(f, 0) and np.allclose(g, 1.5 * np.eye(3))


@settings(max_examples=25, deadline=None)
@given(st.integers(2, 6), st.floats(3e-8, 3e-6), st.integers(0, 10_000))
def test_geometric_gamma_is_symmetric_and_positive_semidefinite(n, spread, seed):
    f, g = geometric_couplings(random_positions(n, spread, seed), [0.3, 0.1, 1.0],
                               wavelength=LAMBDA, gamma0=1.0)
    assert np.allclose(np.diag(g), 1.0) and np.allclose(np.diag(f), 0.0)
    assert np.allclose(g, g.T) and np.allclose(f, f.T)
    assert np.min(np.linalg.eigvalsh(g)) > -1e-9


def test_geometry_pair_values_and_k0_equivalence():
    # two atoms along z, dipole along x: α = 90°, cos α = 0
    d = 2e-7
    k0 = 2 * np.pi / LAMBDA
    f, g = geometric_couplings([[0, 0, 0], [0, 0, d]], [1, 0, 0], k0=k0, gamma0=3.0)
    xi = k0 * d
    assert np.isclose(f[0, 1], dipolar_shift(xi, 0.0, 3.0))
    assert np.isclose(g[0, 1], collective_decay(xi, 0.0, 3.0))
    f2, g2 = geometric_couplings([[0, 0, 0], [0, 0, d]], [2, 0, 0], wavelength=LAMBDA,
                                 gamma0=3.0)
    assert np.allclose(f, f2) and np.allclose(g, g2)


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"positions": [[0, 0, 0], [0, 0, 0]]}, "positions must be distinct"),
        ({"positions": [[0, 0], [1, 1]]}, "positions must have shape"),
        ({"positions": [[0, 0, 0], [0, 0, 1e-7]], "dipole": [0, 0, 0]}, "dipole"),
        ({"positions": [[0, 0, 0], [0, 0, 1e-7]], "k0": 1e7}, "exactly one"),
        ({"positions": [[0, 0, 0], [0, 0, 1e-7]], "wavelength": -1.0}, "wavelength"),
        ({"positions": [[0, 0, 0], [0, 0, 1e-7]], "wavelength": math.nan}, "wavelength"),
        ({"positions": [[0, 0, 0], [0, 0, 1e-7]], "k0": math.inf, "wavelength": None}, "k0"),
        ({"positions": [[0, 0, 0], [0, 0, 1e-7]], "gamma0": math.nan}, "gamma0"),
        ({"positions": [[0, 0, 0], [0, 0, math.nan]]}, "positions must be finite"),
        # the hostile review's pair: 1e-25 m apart, couplings of 1e54 before this check
        ({"positions": [[0, 0, 0], [0, 0, 1e-25]]}, r"at least 1e-09 m apart.*1e-25 m apart"),
        ({"positions": [[0, 0, 0], [0, 0, 9.9e-10], [0, 0, 1e-6]]},
         r"atoms 0 and 1 are 9.9e-10 m apart"),
    ],
)
def test_geometry_validation(kwargs, match):
    args = {"dipole": [0, 0, 1], "wavelength": LAMBDA} | kwargs
    with pytest.raises(ValueError, match=match):
        geometric_couplings(**args)


def test_model_validation():
    with pytest.raises(ValueError, match="nbar"):
        DipolarCluster.identical(2, nbar=-0.1)
    with pytest.raises(ValueError, match="gamma0"):
        DipolarCluster.identical(2, nbar=1.0, gamma0=-1.0)
    with pytest.raises(ValueError, match="n_atoms"):
        DipolarCluster.identical(0, nbar=1.0)
    with pytest.raises(ValueError, match="positive semidefinite"):
        DipolarCluster(np.zeros((2, 2)), np.array([[1.0, 2.0], [2.0, 1.0]]), 1.0)
    with pytest.raises(ValueError, match="Hermitian"):
        DipolarCluster(np.array([[0, 1.0], [0, 0]]), np.eye(2), 1.0)
    with pytest.raises(ValueError, match=r"f must have shape \(2, 2\)"):
        DipolarCluster(np.zeros((3, 3)), np.eye(2), 1.0)
    with pytest.raises(ValueError, match="square"):
        DipolarCluster(np.zeros((2, 2)), np.ones(3), 1.0)
    with pytest.raises(ValueError, match="positions must be distinct"):
        DipolarCluster.from_positions([[0, 0, 0], [1e-7, 0, 0], [1e-7, 0, 0]], [0, 0, 1], 1.0,
                                      wavelength=LAMBDA)
    with pytest.raises(ValueError, match="nbar"):
        long_time_coherence(3, -1.0)
    with pytest.raises(ValueError, match="n_atoms"):
        long_time_coherence(0, 1.0)
    with pytest.raises(ValueError, match="initial_state"):
        DipolarCluster.identical(2, 1.0).evolve([0, 1], np.eye(4))


# --------------------------------------------------------------------------- Liouvillian


@pytest.mark.parametrize("n", [1, 2, 3, 4])
def test_conserving_block_is_invariant_and_matches_full(n):
    cluster = DipolarCluster.from_positions(random_positions(n, 1e-7, n), [0, 0.2, 1], 0.7,
                                            wavelength=LAMBDA, omega0=5.0)
    full = liouvillian_full(cluster)
    proj = conserving_projection(n)
    assert proj.size == math.comb(2 * n, n)
    other = np.setdiff1d(np.arange(4**n), proj.kept)
    assert full[other][:, proj.kept].count_nonzero() == 0
    assert full[proj.kept][:, other].count_nonzero() == 0
    block = liouvillian_conserving(cluster, proj)
    assert abs(block - full[proj.kept][:, proj.kept]).max() < EXACT_TOL
    trace = np.eye(2**n).T.reshape(-1)
    assert abs(trace @ full).max() < EXACT_TOL


def test_full_liouvillian_matches_engine_dense_lindblad_form():
    """Eqs. (2)-(3) = Σ_m λ_m [(n̄+1) D[L_m] + n̄ D[L_m†]], L_m = Σ_j u_jm σ⁻_j, γ = U Λ U^T."""
    n, nbar = 3, 1.7
    cluster = DipolarCluster.from_positions(random_positions(n, 1.5e-7, 9), [1, 0, 1], nbar,
                                            wavelength=LAMBDA, gamma0=0.6)
    lam, u = np.linalg.eigh(cluster.gamma)
    minus = [sigma_plus(n, j).T.toarray() for j in range(n)]
    jumps, rates = [], []
    for m in range(n):
        op = sum(u[j, m] * minus[j] for j in range(n))
        jumps += [op, op.conj().T]
        rates += [max(lam[m], 0) * (nbar + 1), max(lam[m], 0) * nbar]
    ref = liouvillian(cluster.hamiltonian().toarray(), jumps, rates)
    assert np.max(np.abs(liouvillian_full(cluster).toarray() - ref)) < EXACT_TOL


def test_gibbs_state_is_stationary_for_any_geometry():
    cluster = DipolarCluster.from_positions(random_positions(4, 8e-8, 2), [0, 1, 1], 2.5,
                                            wavelength=LAMBDA)
    x = vec(cluster.gibbs_state())
    assert np.max(np.abs(liouvillian_full(cluster) @ x)) < EXACT_TOL


# --------------------------------------------------------------------------- two atoms


@pytest.mark.parametrize("nbar", [0.0, 0.3, 1.0, 4.0, 10.0])
@pytest.mark.parametrize("f0", [0.0, 1.0, 100.0])
def test_eq5_two_atom_coherence_against_propagation(nbar, f0):
    times = np.linspace(0, 3, 13)
    cluster = DipolarCluster.identical(2, nbar, f0=f0, gamma0=0.9)
    traj = cluster.evolve(times)
    assert traj.stats["block"] == "conserving"
    l1 = l1_coherence(traj.states)
    assert np.max(np.abs(l1 - two_atom_coherence(times, nbar, 0.9))) < NUMERICAL_TOL
    for k in (1, 6, 12):
        require_density_matrix("rho", traj.states[k], atol=1e-10)


def test_eq5_long_time_value():
    for nbar in (0.0, 0.5, 3.0, 40.0):
        assert np.isclose(two_atom_coherence(1e4, nbar), two_atom_long_time_coherence(nbar))
        assert np.isclose(long_time_coherence(2, nbar), two_atom_long_time_coherence(nbar))
    assert abs(two_atom_long_time_coherence(1e6) - 1 / 3) < 1e-12


def test_appendix_a1_against_exact_unitary():
    f = 1.3
    cluster = DipolarCluster.identical(2, 0.0, f0=f)
    h = cluster.dipolar_hamiltonian().toarray()
    rho0 = random_density_matrix(4, 5)
    times = np.linspace(0, 4, 9)
    closed = dipolar_only_two_atom(rho0, f, times)
    for t, rho_t in zip(times, closed, strict=True):
        u = scipy.linalg.expm(-1j * h * t)
        assert np.max(np.abs(u @ rho0 @ u.conj().T - rho_t)) < EXACT_TOL


def test_appendix_a_invariant_states():
    cluster = DipolarCluster.identical(2, 0.0, f0=2.0)
    # the paper's set: ρ11, ρ14, ρ44 block plus ρ22 = ρ33 with real ρ23
    inv = np.zeros((4, 4), dtype=complex)
    inv[0, 0], inv[3, 3], inv[0, 3], inv[3, 0] = 0.3, 0.2, 0.1 - 0.05j, 0.1 + 0.05j
    inv[1, 1] = inv[2, 2] = 0.25
    inv[1, 2] = inv[2, 1] = -0.1
    assert is_dipolar_invariant_two_atom(inv) and cluster.commutes_with_dipolar(inv)
    traj = dipolar_only_two_atom(inv, 2.0, np.linspace(0, 3, 7))
    assert np.max(np.abs(traj - inv)) < EXACT_TOL
    for bad_entry in ((0, 1), (1, 3)):
        state = inv.copy()
        state[bad_entry] += 0.05
        state[bad_entry[::-1]] += 0.05
        assert not is_dipolar_invariant_two_atom(state)
        assert not cluster.commutes_with_dipolar(state)
    # Fig. 3 states are affected
    for psi in (np.array([0, 1j, 1, 0]) / np.sqrt(2), np.array([0, 1, np.sqrt(3), 0]) / 2):
        rho = np.outer(psi, psi.conj())
        assert not is_dipolar_invariant_two_atom(rho) and not cluster.commutes_with_dipolar(rho)
    # equivalence on random states projected to commute with H_d
    h = cluster.dipolar_hamiltonian().toarray()
    w, v = np.linalg.eigh(h)
    rho = random_density_matrix(4, 2)
    rho_b = v @ (np.where(np.isclose(w[:, None], w[None, :]), v.conj().T @ rho @ v, 0)) @ v.T.conj()
    assert is_dipolar_invariant_two_atom(rho_b, 1e-12) and cluster.commutes_with_dipolar(rho_b)


# --------------------------------------------------------------------------- Dicke


@pytest.mark.parametrize("n", [2, 3, 4, 5, 6])
def test_dicke_ground_state_trajectory_matches_full_space(n):
    nbar, f0, g0 = 1.3, 2.0, 0.8
    times = np.linspace(0, 2.0, 6)
    full = DipolarCluster.identical(n, nbar, f0=f0, gamma0=g0).evolve(times)
    dicke = evolve_dicke(n, nbar, times, f0=f0, gamma0=g0)
    assert dicke.diagonal
    assert np.max(np.abs(l1_coherence(full.states) - dicke.l1)) < NUMERICAL_TOL
    pops = np.array([dicke_to_computational(np.diag(p)) for p in dicke.states])
    assert np.max(np.abs(pops - full.states)) < NUMERICAL_TOL


@pytest.mark.parametrize("n", [2, 3, 4])
def test_dicke_coherent_state_matches_full_space(n):
    """A symmetric state with Dicke coherences (f0 matters) evolves identically in both."""
    nbar, f0, g0 = 0.6, 3.0, 1.1
    rho_d = random_density_matrix(n + 1, n)
    times = np.linspace(0, 1.5, 4)
    dicke = evolve_dicke(n, nbar, times, f0=f0, gamma0=g0, initial_state=rho_d)
    full = DipolarCluster.identical(n, nbar, f0=f0, gamma0=g0).evolve(
        times, dicke_to_computational(rho_d))
    assert full.stats["block"] == "full" and not dicke.diagonal
    embedded = np.array([dicke_to_computational(r) for r in dicke.states])
    assert np.max(np.abs(embedded - full.states)) < NUMERICAL_TOL
    assert np.max(np.abs(dicke.l1 - l1_coherence(full.states))) < NUMERICAL_TOL


@pytest.mark.parametrize("n", [1, 2, 5, 7])
def test_dicke_l1_formula_matches_computational_basis(n):
    rho_d = random_density_matrix(n + 1, 11 * n)
    assert np.isclose(dicke_l1_coherence(rho_d), l1_coherence(dicke_to_computational(rho_d)),
                      rtol=1e-12)


@pytest.mark.parametrize("n", [2, 3, 4, 5])
def test_long_time_coherence_equals_general_long_time_state(n):
    """Identical couplings: degenerate null space, the projection of |g…g⟩ (not a null vector)."""
    nbar = 1.7
    result = long_time_state_general(DipolarCluster.identical(n, nbar, f0=0.5, gamma0=1.3))
    assert not result.unique and result.method == "projection"
    require_density_matrix("state", result.state, atol=1e-9)
    assert result.residual < 1e-12
    assert abs(result.l1 - long_time_coherence(n, nbar)) < NUMERICAL_TOL


def test_degenerate_steady_state_is_refused_by_engine_and_handled():
    cluster = DipolarCluster.identical(3, 1.0)
    assert not cluster.gamma_is_positive_definite()
    # the Gibbs state is stationary but the Dicke ground-state sector relaxes elsewhere
    result = long_time_state_general(cluster)
    assert result.l1 > 0.1 and abs(l1_coherence(cluster.gibbs_state())) < EXACT_TOL


def test_degenerate_evolution_path_agrees_with_projection(monkeypatch):
    cluster = DipolarCluster.identical(3, 0.8, f0=1.5)
    psi = np.zeros(8, dtype=complex)
    psi[[1, 2, 4]] = [1, 1j, -1]  # a non-symmetric one-excitation state
    psi /= np.linalg.norm(psi)
    rho0 = 0.5 * np.outer(psi, psi.conj()) + 0.5 * cluster.ground_state()
    projected = long_time_state_general(cluster, rho0)
    monkeypatch.setattr(long_time, "DENSE_PROJECTION_LIMIT", 0)
    evolved = long_time_state_general(cluster, rho0)
    assert evolved.method == "evolution"
    assert np.max(np.abs(projected.state - evolved.state)) < 1e-8


def test_long_time_coherence_from_dicke_steady_state_and_large_n():
    for n, nbar in ((3, 0.5), (12, 2.0), (60, 10.0)):
        p = dicke_long_time_populations(n, nbar)
        x = nbar / (nbar + 1)
        ref = x ** np.arange(n, -1, -1.0)
        assert np.allclose(p, ref / ref.sum(), rtol=1e-12, atol=0)
        assert np.isclose(dicke_l1_coherence(np.diag(p)), long_time_coherence(n, nbar),
                          rtol=1e-9)
        # the engine's sparse steady state agrees in absolute terms (LU: ~1e-16 absolute)
        rate = dicke_rate_matrix(n, nbar)
        engine = steady_state_sparse(rate / abs(rate).max(), np.ones(n + 1)).state.real
        assert np.max(np.abs(engine - p)) < 1e-12
    start = time.perf_counter()
    logp = dicke_long_time_log_populations(1000, 10.0)
    value = long_time_coherence(1000, 10.0)
    assert time.perf_counter() - start < 2.0
    assert np.isclose(math.log(dicke_l1_coherence(np.diag(np.exp(logp)))), math.log(value),
                      rtol=1e-12)
    # closed form: Σ_n x^n C(N,n) = (1+x)^N, minus Σ x^n, over Σ x^n
    x = 10 / 11
    geo = (1 - x**1001) / (1 - x)
    assert np.isclose(math.log(value + 1), 1000 * math.log1p(x) - math.log(geo), rtol=1e-12)
    assert long_time_coherence(1000, 10.0, f0=50.0, gamma0=3.0) == value
    assert np.isfinite(long_time_coherence(3000, 10.0, log=True))
    with pytest.raises(OverflowError, match="log=True"):
        long_time_coherence(3000, 10.0)


def test_dicke_ground_state_evolution_large_n_is_fast():
    start = time.perf_counter()
    traj = evolve_dicke(400, 10.0, np.linspace(0, 0.01, 3))
    assert time.perf_counter() - start < 10.0
    assert np.allclose(traj.states.sum(axis=1), 1.0)
    assert np.all(traj.states > -1e-12)
    assert traj.l1_error > 1e100  # propagated l1 at N = 400 is not meaningful: flagged
    small = evolve_dicke(8, 10.0, np.linspace(0, 0.5, 3))
    assert small.l1_error < 1e-9 and np.all(np.diff(small.l1) > 0)


# --------------------------------------------------------------------------- general geometry


@pytest.mark.parametrize("n", [2, 3, 4])
def test_general_geometry_long_time_state_is_unique_gibbs(n):
    cluster = DipolarCluster.from_positions(random_positions(n, 6e-8, 20 + n), [0, 0, 1], 2.0,
                                            wavelength=LAMBDA)
    assert cluster.gamma_is_positive_definite()
    certified = long_time_state_general(cluster)
    lu = long_time_state_general(cluster, method="sparse-lu")
    assert certified.method == "gibbs-certified" and lu.method == "sparse-lu"
    assert certified.unique and lu.unique
    assert np.max(np.abs(certified.state - lu.state)) < 1e-10
    assert abs(lu.l1) < 1e-10
    # a late point of the trajectory approaches it
    late = cluster.evolve([0.0, 60.0]).final_state
    assert np.max(np.abs(late - certified.state)) < 1e-6


def test_trajectory_states_are_physical():
    cluster = DipolarCluster.from_positions(random_positions(3, 5e-8, 4), [1, 1, 0], 3.0,
                                            wavelength=LAMBDA)
    rho0 = random_density_matrix(8, 1)
    traj = cluster.evolve(np.linspace(0, 1, 5), rho0)
    assert traj.stats["block"] == "full"
    for rho in traj.states:
        require_density_matrix("rho", rho, atol=1e-10)


# --------------------------------------------------------------------------- QuTiP piqs


def _piqs_system(n, nbar, f0, g0, gamma_self):
    jp, jm, jz = piqs.jspin(n, "+"), piqs.jspin(n, "-"), piqs.jspin(n, "z")
    h = f0 * (jp * jm - jz - 0.5 * n * qutip.qeye(jz.dims[0]))
    # piqs rates multiply D[A] = AρA† − ½{A†A, ρ} (checked: ⟨J_z⟩ agrees to 1e-8)
    system = piqs.Dicke(n, hamiltonian=h, collective_emission=g0 * (nbar + 1),
                        collective_pumping=g0 * nbar, emission=(gamma_self - g0) * (nbar + 1),
                        pumping=(gamma_self - g0) * nbar)
    return system.liouvillian(), jz, jp * jm


def test_piqs_collective_plus_local_rates_match_full_space():
    """γ_ij = γ0 + (γ_self − γ0) δ_ij maps exactly onto piqs: collective γ0(n̄+1), γ0 n̄;
    local (γ_self − γ0)(n̄+1), (γ_self − γ0) n̄ (needs γ_self ≥ γ0). Compared: ⟨J_z⟩, ⟨J₊J₋⟩."""
    n, nbar, f0, g0, gs = 3, 1.3, 2.0, 0.8, 1.4
    lv, jz, jpjm = _piqs_system(n, nbar, f0, g0, gs)
    times = np.linspace(0, 2, 5)
    res = qutip.mesolve(lv, piqs.dicke(n, n / 2, -n / 2), times, e_ops=[jz, jpjm],
                        options={"atol": 1e-12, "rtol": 1e-10})
    ours = DipolarCluster.identical(n, nbar, f0=f0, gamma0=g0, gamma_self=gs).evolve(times)
    jp, jm, jz_ours = collective_operators(n)
    assert np.allclose(np.einsum("ij,tji->t", jz_ours, ours.states).real, res.expect[0],
                       atol=QUTIP_TOL)
    assert np.allclose(np.einsum("ij,tji->t", jp @ jm, ours.states).real, res.expect[1],
                       atol=QUTIP_TOL)


def test_piqs_symmetric_block_matches_dicke_reduction():
    n, nbar, f0, g0 = 4, 0.9, 2.5, 1.0
    lv, _, _ = _piqs_system(n, nbar, f0, g0, g0)
    rho_d = random_density_matrix(n + 1, 7)
    dim = piqs.num_dicke_states(n)
    full0 = np.zeros((dim, dim), dtype=complex)
    full0[: n + 1, : n + 1] = rho_d  # piqs orders j = N/2 first, m descending
    times = np.linspace(0, 1.0, 3)
    res = qutip.mesolve(lv, qutip.Qobj(full0), times, options={"atol": 1e-12, "rtol": 1e-10})
    ours = evolve_dicke(n, nbar, times, f0=f0, gamma0=g0, initial_state=rho_d)
    for state, theirs in zip(ours.states, res.states, strict=True):
        assert np.max(np.abs(theirs.full()[: n + 1, : n + 1] - state)) < QUTIP_TOL


def test_unvec_roundtrip_sanity():
    # the block embedding uses the engine's column stacking
    proj = conserving_projection(2)
    rho = random_density_matrix(4, 8)
    rho[excitation_numbers(2)[:, None] != excitation_numbers(2)[None, :]] = 0
    assert np.allclose(proj.embed(proj.restrict(rho)), rho)
    assert np.allclose(unvec(vec(rho)), rho)


# --------------------------------------------------------------------------- Model protocol


def _general_cluster(nbar=1.3, omega0=4.0, seed=31):
    """N = 3 atoms at generic positions: γ positive definite, all f_ij different."""
    return DipolarCluster.from_positions(random_positions(3, 7e-8, seed), [0.2, 0.5, 1.0], nbar,
                                         wavelength=LAMBDA, gamma0=0.8, omega0=omega0)


def test_cluster_implements_the_model_protocol():
    cluster = _general_cluster()
    assert isinstance(cluster, Model)
    params = cluster.parameters
    assert dataclasses.is_dataclass(params)
    with pytest.raises(dataclasses.FrozenInstanceError):
        params.nbar = 2.0
    assert np.array_equal(params.f, cluster.f) and np.array_equal(params.gamma, cluster.gamma)
    assert (params.nbar, params.omega0) == (1.3, 4.0) and "positions" in params.source
    spec = cluster.open_system()
    assert spec.hamiltonian.shape == (8, 8) and spec.mean_field == ()
    assert len(spec.c_ops) == 6  # γ of rank 3, decay and pumping (n̄ > 0)
    with pytest.raises(TypeError, match="EvolveOptions"):
        cluster.evolve([0.0, 1.0], options=spinthermo.SteadyStateOptions())
    with pytest.raises(TypeError, match="SteadyStateOptions"):
        cluster.steady_state(options=spinthermo.EvolveOptions())


@pytest.mark.parametrize("singular", [False, True])
def test_collapse_operators_give_the_liouvillian_of_eqs_2_3_for_complex_gamma(singular):
    """Σ_m D[L_m] of open_system() equals Eqs. (1)-(3) term by term, also for a complex
    Hermitian γ (the jump weights are conj(U)) and a singular one (zero modes dropped)."""
    r = np.random.default_rng(8)
    a = r.normal(size=(3, 2 if singular else 3)) + 1j * r.normal(size=(3, 2 if singular else 3))
    gamma = a @ a.conj().T
    f = r.normal(size=(3, 3)) + 1j * r.normal(size=(3, 3))
    cluster = DipolarCluster(f + f.conj().T, gamma, 0.7, omega0=2.0)
    spec = cluster.open_system()
    assert len(spec.c_ops) == (4 if singular else 6)
    ours = liouvillian(spec.hamiltonian.toarray(), [c.toarray() for c in spec.c_ops])
    assert np.max(np.abs(ours - liouvillian_full(cluster).toarray())) < EXACT_TOL


@pytest.mark.parametrize("method", ["auto", "sparse", "direct"])
def test_front_door_steady_state_of_open_system_equals_model_and_qutip(method):
    cluster = _general_cluster()
    options = spinthermo.SteadyStateOptions(method=method)
    ours = cluster.steady_state(options=options)
    spec = cluster.open_system()
    front = spinthermo.steady_state(spec.hamiltonian, spec.c_ops, mean_field=spec.mean_field)
    peer = qutip.steadystate(qutip.Qobj(spec.hamiltonian.toarray()),
                             [qutip.Qobj(c.toarray()) for c in spec.c_ops]).full()
    assert ours.state.shape == (8, 8) and ours.unique and ours.options is options
    assert ours.residual < 1e-12
    assert np.max(np.abs(ours.state - front.state)) < 1e-10
    assert np.max(np.abs(ours.state - peer)) < 1e-10
    # the unique steady state of a generic geometry is the product Gibbs state (no coherence)
    assert np.max(np.abs(ours.state - cluster.gibbs_state())) < 1e-10
    assert ours.to_qutip().dims == [[2, 2, 2], [2, 2, 2]]


@pytest.mark.parametrize("initial", ["ground", "random"])
def test_front_door_evolution_of_open_system_equals_model_evolve(initial):
    cluster = _general_cluster(nbar=0.6)
    rho0 = None if initial == "ground" else random_density_matrix(8, 12)
    times = np.linspace(0.0, 1.5, 7)
    ours = cluster.evolve(times, rho0)
    assert ours.stats["block"] == ("conserving" if initial == "ground" else "full")
    spec = cluster.open_system()
    start = cluster.ground_state() if rho0 is None else rho0
    front = spinthermo.evolve(spec.hamiltonian, start, times, spec.c_ops,
                      options=spinthermo.EvolveOptions(rtol=1e-10, atol=1e-12))
    assert np.max(np.abs(ours.states - front.states)) < 1e-8
    # a method other than the Krylov fast path runs the front door on open_system()
    dopri = spinthermo.EvolveOptions(method="dopri5", rtol=1e-10, atol=1e-12)
    general = cluster.evolve(times, rho0, options=dopri)
    assert np.max(np.abs(general.states - front.states)) < 1e-12
    np.testing.assert_array_equal(ours.times, times)


def test_steady_state_of_identical_couplings_is_not_unique():
    """γ_ij = γ0 is singular: refused like the front door refuses it, or (check_unique=False)
    the long-time state from the ground state, whose coherence is the closed form."""
    cluster = DipolarCluster.identical(3, 1.0, f0=0.5)
    with pytest.raises(SteadyStateError, match="not unique"):
        cluster.steady_state()
    spec = cluster.open_system()
    assert len(spec.c_ops) == 2  # one collective mode: J₋ and J₊
    with pytest.raises(SteadyStateError, match="not unique"):
        spinthermo.steady_state(spec.hamiltonian, spec.c_ops)
    result = cluster.steady_state(options=spinthermo.SteadyStateOptions(check_unique=False))
    assert result.unique is False and result.residual < 1e-12
    assert abs(l1_coherence(result.state) - long_time_coherence(3, 1.0)) < NUMERICAL_TOL
