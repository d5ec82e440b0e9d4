"""Quantum Fisher information (seed 000 Eq. 6) and the quantum Cramér–Rao bound."""

from __future__ import annotations

import numpy as np
import pytest
import qutip
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.linalg import expm, solve_sylvester
from thermo_helpers import (
    PAULIS,
    bloch_state,
    random_hermitian,
    random_pure_state,
    random_state,
    random_unitary,
    states,
    variance,
)

from spinthermo.thermo import cramer_rao_bound, quantum_fisher_information

HYPOTHESIS = settings(max_examples=50, deadline=None)
TOL = 1e-9


def _qfi_sld(rho, g):
    """Independent route: symmetric logarithmic derivative, ρL + Lρ = 2 ∂ρ, F = Tr ρL²."""
    drho = -1j * (g @ rho - rho @ g)
    sld = solve_sylvester(rho, rho, 2 * drho)
    return float(np.trace(rho @ sld @ sld).real)


def _qfi_support_form(rho, g, cut=1e-10):
    """Rank-deficient form summing over the support only (Liu et al., J. Phys. A 53, 023001):

    F = Σ_i 4 λ_i ⟨ψ_i|G²|ψ_i⟩ − Σ_{i,j} 8 λ_i λ_j/(λ_i + λ_j) |⟨ψ_i|G|ψ_j⟩|²,  λ_i, λ_j > 0.
    """
    lam, vecs = np.linalg.eigh(rho)
    keep = lam > cut
    lam, vecs = lam[keep], vecs[:, keep]
    g_sub = vecs.conj().T @ g @ vecs
    g2 = np.real(np.diag(vecs.conj().T @ g @ g @ vecs))
    pair = 8 * np.outer(lam, lam) / (lam[:, None] + lam[None, :])
    return float(4 * np.sum(lam * g2) - np.sum(pair * np.abs(g_sub) ** 2))


@pytest.mark.parametrize("seed", range(4))
def test_pure_state_qfi_is_four_variances(seed):
    rng = np.random.default_rng(seed)
    d = 2 + 2 * seed
    psi, g = random_pure_state(rng, d), random_hermitian(rng, d)
    assert quantum_fisher_information(psi, g) == pytest.approx(4 * variance(psi, g), rel=1e-9)


def test_qubit_closed_form():
    """ρ = (1 + r·σ)/2, G = n·σ/2: F_Q = |n × r|² (the rotated Bloch vector, ∂r = n × r)."""
    rng = np.random.default_rng(0)
    for _ in range(10):
        r = rng.normal(size=3)
        r *= rng.uniform(0, 1) / np.linalg.norm(r)
        n = rng.normal(size=3)
        n /= np.linalg.norm(n)
        g = np.einsum("k,kij->ij", n, PAULIS) / 2
        expected = np.linalg.norm(np.cross(n, r)) ** 2
        assert quantum_fisher_information(bloch_state(r), g) == pytest.approx(expected, abs=1e-12)
        assert expected == pytest.approx(r @ r - (r @ n) ** 2, abs=1e-12)


def test_thermal_state_commuting_with_generator_has_zero_qfi():
    rng = np.random.default_rng(1)
    h = random_hermitian(rng, 6)
    gibbs = expm(-h)
    gibbs /= np.trace(gibbs)
    assert quantum_fisher_information(gibbs, h) == pytest.approx(0.0, abs=1e-12)
    assert quantum_fisher_information(gibbs, h @ h - 2 * h) == pytest.approx(0.0, abs=1e-10)
    # Seed 000 Fig. 6(c): a state diagonal in the F_z basis has zero QFI for F_z.
    fz = np.diag([2.0, 1.0, 0.0, -1.0, -2.0])
    assert quantum_fisher_information(np.diag([0.5, 0.2, 0.1, 0.1, 0.1]), fz) == 0.0


@pytest.mark.parametrize("seed", range(4))
def test_full_rank_against_symmetric_logarithmic_derivative(seed):
    rng = np.random.default_rng(seed)
    d = 3 + seed
    rho, g = random_state(rng, d), random_hermitian(rng, d)
    assert quantum_fisher_information(rho, g) == pytest.approx(_qfi_sld(rho, g), rel=1e-8)


@pytest.mark.parametrize("seed", range(4))
def test_rank_deficient_against_support_form(seed):
    rng = np.random.default_rng(seed)
    d = 5
    rho, g = random_state(rng, d, rank=1 + seed), random_hermitian(rng, d)
    assert quantum_fisher_information(rho, g) == pytest.approx(
        _qfi_support_form(rho, g), rel=1e-8, abs=1e-10
    )


def test_against_bures_distance_with_qutip():
    """F_Q = 8 (1 − √F(ρ, ρ_dθ)) / dθ² + O(dθ²), with QuTiP's root fidelity."""
    rho = qutip.rand_dm(4, seed=7)
    g = qutip.rand_herm(4, seed=8)
    dtheta = 1e-3
    u = (-1j * dtheta * g).expm()
    fid = qutip.fidelity(rho, u * rho * u.dag())
    finite = 8 * (1 - fid) / dtheta**2
    assert quantum_fisher_information(rho, g) == pytest.approx(finite, rel=1e-4)


@HYPOTHESIS
@given(states(max_dim=6))
def test_qfi_bounded_by_four_variances(sample):
    rng, rho = sample
    g = random_hermitian(rng, rho.shape[-1])
    f = quantum_fisher_information(rho, g)
    assert 0.0 <= f <= 4 * variance(rho, g) + TOL


@HYPOTHESIS
@given(states(min_dim=2, max_dim=6), st.floats(0.0, 1.0))
def test_qfi_is_convex(sample, p):
    rng, rho = sample
    d = rho.shape[-1]
    sigma, g = random_state(rng, d, rank=int(rng.integers(1, d + 1))), random_hermitian(rng, d)
    mix = p * rho + (1 - p) * sigma
    f_mix = quantum_fisher_information(mix, g)
    f_sep = p * quantum_fisher_information(rho, g) + (1 - p) * quantum_fisher_information(sigma, g)
    assert f_mix <= f_sep + TOL


@HYPOTHESIS
@given(states(min_dim=2, max_dim=6), st.floats(-3, 3), st.floats(0.1, 4))
def test_qfi_invariances(sample, shift, scale):
    rng, rho = sample
    d = rho.shape[-1]
    g, u = random_hermitian(rng, d), random_unitary(rng, d)
    f = quantum_fisher_information(rho, g)
    assert quantum_fisher_information(rho, g + shift * np.eye(d)) == pytest.approx(f, abs=1e-8)
    assert quantum_fisher_information(rho, scale * g) == pytest.approx(scale**2 * f, abs=1e-8)
    rotated = quantum_fisher_information(u @ rho @ u.conj().T, u @ g @ u.conj().T)
    assert rotated == pytest.approx(f, abs=1e-8)


def test_batch_and_broadcast_generators():
    rng = np.random.default_rng(3)
    rhos = np.stack([random_state(rng, 4, rank=1 + k % 4) for k in range(6)])
    gens = np.stack([random_hermitian(rng, 4) for _ in range(3)])
    table = quantum_fisher_information(rhos[:, None], gens[None, :])
    assert table.shape == (6, 3)
    for i in range(6):
        for k in range(3):
            assert table[i, k] == pytest.approx(quantum_fisher_information(rhos[i], gens[k]))


def test_cramer_rao_bound():
    assert cramer_rao_bound(4.0) == pytest.approx(0.5)
    assert cramer_rao_bound(4.0, repetitions=25) == pytest.approx(0.1)
    assert cramer_rao_bound(0.0) == np.inf
    assert cramer_rao_bound(-1e-13) == np.inf  # rounding of a vanishing QFI
    bounds = cramer_rao_bound(np.array([0.0, 1.0, 16.0]), repetitions=np.array([1, 4, 1]))
    assert np.array_equal(bounds, [np.inf, 0.5, 0.25])
    rho = np.diag([1.0, 0.0])
    sx = PAULIS[0] / 2
    assert cramer_rao_bound(quantum_fisher_information(rho, sx)) == pytest.approx(1.0)


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"qfi": -0.1}, ValueError, "qfi must be nonnegative"),
        ({"qfi": np.nan}, ValueError, "qfi must not be NaN"),
        ({"qfi": 1.0 + 1j}, TypeError, "qfi must be real"),
        ({"qfi": 1.0, "repetitions": 0}, ValueError, "repetitions must be finite and >= 1"),
        ({"qfi": 1.0, "repetitions": np.inf}, ValueError, "repetitions must be finite"),
        ({"qfi": 1.0, "repetitions": True}, TypeError, "repetitions must be a real number"),
    ],
)
def test_cramer_rao_bound_rejects_bad_input(kwargs, error, match):
    with pytest.raises(error, match=match):
        cramer_rao_bound(**kwargs)


def test_generator_must_be_hermitian():
    with pytest.raises(ValueError, match="generator must be Hermitian"):
        quantum_fisher_information(np.eye(2) / 2, np.array([[0, 1], [0, 0]]))
    with pytest.raises(ValueError, match="rho and generator must act on the same space"):
        quantum_fisher_information(np.eye(2) / 2, np.eye(3))
