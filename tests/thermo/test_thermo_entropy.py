"""Entropy, relative entropy and entropy production (seed 000 Sec. III)."""

from __future__ import annotations

import numpy as np
import pytest
import qutip
from hypothesis import given, settings
from scipy.linalg import expm
from thermo_helpers import random_hermitian, random_pure_state, random_state, states

from spinthermo.thermo import (
    entropy_production,
    entropy_production_rate,
    maximally_mixed_state,
    relative_entropy,
    spohn_entropy_production_rate,
    von_neumann_entropy,
)

#: Agreement with QuTiP: both diagonalise the same matrices in double precision.
QUTIP_TOL = 1e-10
#: Central finite differences with step 1e-4 (in units of the inverse decay rate): O(h²).
FINITE_DIFFERENCE_TOL = 1e-6

HYPOTHESIS = settings(max_examples=50, deadline=None)


# --- von Neumann and relative entropy -------------------------------------------------


@pytest.mark.parametrize("d", [2, 3, 5, 8])
@pytest.mark.parametrize("seed", [0, 1])
def test_entropy_matches_qutip(d, seed):
    rho = qutip.rand_dm(d, seed=seed)
    assert von_neumann_entropy(rho) == pytest.approx(
        qutip.entropy_vn(rho, base=np.e), abs=QUTIP_TOL
    )


@pytest.mark.parametrize("d", [2, 4, 8])
@pytest.mark.parametrize("seed", [0, 1])
def test_relative_entropy_matches_qutip(d, seed):
    rho = qutip.rand_dm(d, seed=seed)
    sigma = qutip.rand_dm(d, seed=seed + 100)
    expected = qutip.entropy_relative(rho, sigma, base=np.e)
    assert relative_entropy(rho, sigma) == pytest.approx(expected, abs=QUTIP_TOL)


def test_relative_entropy_outside_support_is_inf_like_qutip():
    rho = qutip.rand_dm(3, seed=4)
    sigma = qutip.rand_dm(3, rank=2, seed=5)
    assert np.isinf(qutip.entropy_relative(rho, sigma, base=np.e))
    assert relative_entropy(rho, sigma) == np.inf
    # The other way round the support condition holds and the value is finite.
    assert np.isfinite(relative_entropy(sigma, rho))
    assert relative_entropy(sigma, rho) == pytest.approx(
        qutip.entropy_relative(sigma, rho, base=np.e), abs=QUTIP_TOL
    )


def test_relative_entropy_of_pure_states():
    rng = np.random.default_rng(3)
    psi = random_pure_state(rng, 4)
    assert relative_entropy(psi, psi) == pytest.approx(0.0, abs=1e-12)
    assert relative_entropy(psi, random_pure_state(rng, 4)) == np.inf


def test_entropy_closed_forms():
    p = 0.3
    assert von_neumann_entropy(np.diag([p, 1 - p])) == pytest.approx(
        -p * np.log(p) - (1 - p) * np.log(1 - p), rel=1e-14
    )
    for d in (1, 2, 7):
        assert von_neumann_entropy(maximally_mixed_state(d)) == pytest.approx(np.log(d), abs=1e-14)
    assert von_neumann_entropy(random_pure_state(np.random.default_rng(0), 5)) == pytest.approx(
        0.0, abs=1e-12
    )


@HYPOTHESIS
@given(states(max_dim=8))
def test_entropy_bounds(sample):
    _, rho = sample
    d = rho.shape[-1]
    s = von_neumann_entropy(rho)
    assert -1e-12 <= s <= np.log(d) + 1e-12
    rank = np.linalg.matrix_rank(rho, tol=1e-10)
    assert s <= np.log(rank) + 1e-9


@HYPOTHESIS
@given(states(max_dim=4), states(max_dim=4))
def test_entropy_additive_on_products(a, b):
    (_, rho), (_, sigma) = a, b
    assert von_neumann_entropy(np.kron(rho, sigma)) == pytest.approx(
        von_neumann_entropy(rho) + von_neumann_entropy(sigma), abs=1e-9
    )


@HYPOTHESIS
@given(states(min_dim=2, max_dim=6))
def test_relative_entropy_klein_and_unitary_invariance(sample):
    rng, rho = sample
    d = rho.shape[-1]
    sigma = random_state(rng, d)
    value = relative_entropy(rho, sigma)
    assert value >= -1e-10
    assert relative_entropy(rho, rho) == pytest.approx(0.0, abs=1e-9)
    u = np.linalg.qr(rng.normal(size=(d, d)) + 1j * rng.normal(size=(d, d)))[0]
    rotated = relative_entropy(u @ rho @ u.conj().T, u @ sigma @ u.conj().T)
    assert rotated == pytest.approx(value, abs=1e-8)


@HYPOTHESIS
@given(states(min_dim=2, max_dim=6))
def test_relative_entropy_data_processing_under_dephasing(sample):
    """Monotonicity: the dephasing channel can only decrease D."""
    rng, rho = sample
    sigma = random_state(rng, rho.shape[-1])
    dephase = lambda m: np.diag(np.diag(m))  # noqa: E731
    assert relative_entropy(dephase(rho), dephase(sigma)) <= relative_entropy(rho, sigma) + 1e-9


# --- entropy production, seed 000 Eq. (3) -----------------------------------------------


@HYPOTHESIS
@given(states(max_dim=8))
def test_entropy_production_is_ln_d_minus_entropy(sample):
    _, rho = sample
    d = rho.shape[-1]
    sigma_t = entropy_production(rho)
    assert sigma_t == pytest.approx(np.log(d) - von_neumann_entropy(rho), abs=1e-12)
    assert sigma_t == pytest.approx(relative_entropy(rho, maximally_mixed_state(d)), abs=1e-12)
    assert -1e-12 <= sigma_t <= np.log(d) + 1e-12


def test_entropy_production_with_reference():
    rng = np.random.default_rng(8)
    rho, ref = random_state(rng, 3), random_state(rng, 3)
    assert entropy_production(rho, reference=ref) == relative_entropy(rho, ref)


# --- rates ----------------------------------------------------------------------------------


def _lindblad(seed: int, d: int, n_jumps: int = 3):
    """Random Lindblad generator (QuTiP), its steady state, and a column-stacked propagator."""
    rng = np.random.default_rng(seed)
    h = qutip.Qobj(random_hermitian(rng, d))
    jumps = [
        qutip.Qobj(rng.normal(size=(d, d)) + 1j * rng.normal(size=(d, d))) / 2
        for _ in range(n_jumps)
    ]
    liouvillian = qutip.liouvillian(h, jumps)
    steady = qutip.steadystate(h, jumps).full()
    generator = liouvillian.full()

    def rho_dot(rho):
        return (generator @ rho.reshape(-1, order="F")).reshape(d, d, order="F")

    def evolve(rho, t):
        return (expm(generator * t) @ rho.reshape(-1, order="F")).reshape(d, d, order="F")

    return rho_dot, evolve, steady


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_rate_matches_finite_difference_of_entropy_production(seed):
    d = 4
    rho_dot, evolve, steady = _lindblad(seed, d)
    rho0 = random_pure_state(np.random.default_rng(seed + 10), d)
    t, h = 0.3, 1e-4
    rho = evolve(rho0, t)
    numeric = (
        entropy_production(evolve(rho0, t + h)) - entropy_production(evolve(rho0, t - h))
    ) / (2 * h)
    rate = entropy_production_rate(rho, rho_dot(rho))
    assert rate == pytest.approx(numeric, abs=FINITE_DIFFERENCE_TOL)
    # Default reference 1/d: the rate is -dS/dt.
    ds = (von_neumann_entropy(evolve(rho0, t + h)) - von_neumann_entropy(evolve(rho0, t - h))) / (
        2 * h
    )
    assert rate == pytest.approx(-ds, abs=FINITE_DIFFERENCE_TOL)
    # With an explicit reference: d/dt D(rho_t || steady).
    numeric_ref = (
        relative_entropy(evolve(rho0, t + h), steady)
        - relative_entropy(evolve(rho0, t - h), steady)
    ) / (2 * h)
    assert entropy_production_rate(rho, rho_dot(rho), reference=steady) == pytest.approx(
        numeric_ref, abs=FINITE_DIFFERENCE_TOL
    )


@pytest.mark.parametrize("seed", range(6))
def test_spohn_rate_is_nonnegative_and_minus_rate_to_steady_state(seed):
    d = 3 + seed % 3
    rho_dot, _, steady = _lindblad(seed, d)
    rng = np.random.default_rng(seed + 50)
    rhos = np.stack([random_state(rng, d, rank=d) for _ in range(20)])
    dots = np.stack([rho_dot(r) for r in rhos])
    spohn = spohn_entropy_production_rate(rhos, dots, steady)
    assert spohn.shape == (20,)
    assert np.all(spohn >= -1e-10)
    assert np.allclose(spohn, -entropy_production_rate(rhos, dots, reference=steady), atol=0)
    # At the steady state itself, both productions vanish.
    assert spohn_entropy_production_rate(steady, rho_dot(steady), steady) == pytest.approx(
        0.0, abs=1e-9
    )


def test_spohn_clausius_form_for_thermal_qubit():
    """For a Gibbs steady state, σ = dS/dt − β dE/dt (heat flux Q̇ = dE/dt, no drive)."""
    omega, beta = 1.3, 0.7
    h = qutip.Qobj(np.diag([omega / 2, -omega / 2]))
    n_th = 1 / np.expm1(beta * omega)
    jumps = [np.sqrt(0.4 * (n_th + 1)) * qutip.destroy(2), np.sqrt(0.4 * n_th) * qutip.create(2)]
    gibbs = np.diag(np.exp(-beta * np.diag(h.full()).real))
    gibbs = gibbs / np.trace(gibbs)
    generator = qutip.liouvillian(h, jumps).full()
    rho = random_state(np.random.default_rng(0), 2)
    rho_dot = (generator @ rho.reshape(-1, order="F")).reshape(2, 2, order="F")
    ds_dt = -entropy_production_rate(rho, rho_dot)
    heat_flux = np.trace(rho_dot @ h.full()).real
    assert spohn_entropy_production_rate(rho, rho_dot, gibbs) == pytest.approx(
        ds_dt - beta * heat_flux, abs=1e-12
    )
    assert ds_dt - beta * heat_flux > 0


def test_seed000_rate_has_no_fixed_sign_but_spohn_does():
    """Depolarisation of a polarized qubit towards 1/2: S grows so seed 000's rate is < 0."""
    rho = np.diag([0.9, 0.1]).astype(complex)
    mixed = maximally_mixed_state(2)
    rho_dot = mixed - rho  # depolarising channel at unit rate, steady state 1/2
    assert entropy_production_rate(rho, rho_dot) < 0
    assert spohn_entropy_production_rate(rho, rho_dot, mixed) > 0
    assert spohn_entropy_production_rate(rho, rho_dot, mixed) == pytest.approx(
        -entropy_production_rate(rho, rho_dot), rel=1e-12
    )


def test_rate_of_rank_deficient_state():
    rng = np.random.default_rng(2)
    psi = random_pure_state(rng, 3)
    h = random_hermitian(rng, 3)
    unitary_dot = -1j * (h @ psi - psi @ h)
    assert entropy_production_rate(psi, unitary_dot) == pytest.approx(0.0, abs=1e-12)
    # Rank-2 state whose population leaks into the kernel: dS/dt = +inf, rejected.
    rho = np.diag([0.5, 0.5, 0.0]).astype(complex)
    leak = np.diag([-0.1, 0.0, 0.1]).astype(complex)
    with pytest.raises(ValueError, match="kernel of rho"):
        entropy_production_rate(rho, leak)
    # Flow inside the support is fine and finite: -dS/dt = Tr[rho_dot ln rho] = 0 here.
    inside = np.diag([-0.1, 0.1, 0.0]).astype(complex)
    assert entropy_production_rate(rho, inside) == pytest.approx(0.0, abs=1e-14)


def test_rate_rejects_state_outside_reference_support():
    rho = maximally_mixed_state(2)
    ref = np.diag([1.0, 0.0])
    with pytest.raises(ValueError, match="support of reference"):
        entropy_production_rate(rho, np.zeros((2, 2)), reference=ref)
    with pytest.raises(ValueError, match="support of steady_state"):
        spohn_entropy_production_rate(rho, np.zeros((2, 2)), ref)


def test_rate_validates_rho_dot():
    rho = np.diag([0.6, 0.4])
    with pytest.raises(ValueError, match="rho_dot must be traceless"):
        entropy_production_rate(rho, np.diag([1.0, 0.0]))
    with pytest.raises(ValueError, match="rho_dot must be Hermitian"):
        entropy_production_rate(rho, np.array([[0, 1], [0, 0]]))
    with pytest.raises(ValueError, match="same space"):
        entropy_production_rate(rho, np.zeros((3, 3)))


def test_rate_tolerances_scale_with_rho_dot():
    """A derivative in s^-1 with large entries and relative rounding is accepted."""
    rho = np.diag([0.6, 0.4])
    rho_dot = 1e4 * np.diag([1.0, -1.0 + 1e-12])
    expected = 1e4 * np.log(0.6 / 0.4)
    assert entropy_production_rate(rho, rho_dot) == pytest.approx(expected, rel=1e-10)


def test_maximally_mixed_state_validation():
    assert np.allclose(maximally_mixed_state(3), np.eye(3) / 3)
    assert maximally_mixed_state(np.int64(2)).shape == (2, 2)
    with pytest.raises(ValueError, match="d must be a positive integer"):
        maximally_mixed_state(0)
    with pytest.raises(TypeError, match="d must be a positive integer"):
        maximally_mixed_state(2.0)
    with pytest.raises(TypeError, match="d must be a positive integer"):
        maximally_mixed_state(True)


# --- accuracy at the boundary of state space (issue 11) ---------------------------------------

mpmath = pytest.importorskip("mpmath")


def _mp_relative_entropy(rho: np.ndarray, sigma: np.ndarray, digits: int = 40) -> float:
    """Tr ρ(ln ρ − ln σ) with mpmath matrix logarithms at ``digits`` significant digits."""
    with mpmath.workdps(digits):
        r, s = mpmath.matrix(rho.tolist()), mpmath.matrix(sigma.tolist())
        product = r * (mpmath.logm(r) - mpmath.logm(s))
        return float(mpmath.re(sum(product[i, i] for i in range(rho.shape[0]))))


def _mp_commuting(p, q) -> float:
    """Σ p ln(p/q) at 40 digits for diagonal states, p and q normalised (1 − 1e-9 + 1e-9 is
    not exactly 1 in binary; the difference would enter D at ~1e-17)."""
    with mpmath.workdps(40):
        p = [mpmath.mpf(a) / mpmath.fsum(map(mpmath.mpf, p)) for a in p]
        q = [mpmath.mpf(b) / mpmath.fsum(map(mpmath.mpf, q)) for b in q]
        return float(sum(a * mpmath.log(a / b) for a, b in zip(p, q, strict=True) if a > 0))


@pytest.mark.parametrize(("p", "q"), [
    ((1 - 5e-7, 5e-7), (1 - 1e-13, 1e-13)),  # the review's case: old code gave -7.75e-6
    ((1 - 1e-9, 1e-9), (1 - 1e-14, 1e-14)),
    ((0.5 + 1e-9, 0.5 - 1e-9), (0.5, 0.5)),  # D = 2e-18: no cancellation against ln 2
    ((0.3, 0.3 + 1e-8, 0.4 - 1e-8), (0.3 - 1e-8, 0.3, 0.4 + 1e-8)),
    ((1.0, 0.0, 0.0), (1 - 2e-13, 1e-13, 1e-13)),
])
def test_relative_entropy_of_commuting_states_matches_exact_sum(p, q):
    value = relative_entropy(np.diag(p), np.diag(q))
    assert value == pytest.approx(_mp_commuting(p, q), rel=1e-9, abs=0.0)
    assert value > 0.0


def test_relative_entropy_near_boundary_non_commuting_matches_mpmath():
    theta = 3e-4  # rotates weight ~1e-7 of rho onto the 1e-13 eigenvector of sigma
    c, s = np.cos(theta), np.sin(theta)
    u = np.array([[c, -s], [s, c]])
    rho = u @ np.diag([1 - 5e-7, 5e-7]) @ u.T
    sigma = np.diag([1 - 1e-13, 1e-13])
    assert relative_entropy(rho, sigma) == pytest.approx(_mp_relative_entropy(rho, sigma),
                                                         rel=1e-9)


@pytest.mark.parametrize("seed", range(4))
def test_relative_entropy_of_random_states_matches_mpmath(seed):
    rng = np.random.default_rng(seed)
    d = 2 + seed
    rho, sigma = random_state(rng, d), random_state(rng, d)
    # Mixing in a nearly equal σ: D ~ 1e-10, where Tr ρ ln ρ − Tr ρ ln σ loses digits.
    close = 0.99999 * rho + 1e-5 * sigma
    for a, b in ((rho, sigma), (rho, close)):
        assert relative_entropy(a, b) == pytest.approx(_mp_relative_entropy(a, b),
                                                       rel=1e-6, abs=1e-15)


def test_eigenvalues_inside_the_tolerance_give_nonnegative_entropies():
    boundary = np.diag([1 + 5e-7, -5e-7])  # trace 1, eigenvalue -5e-7 within the tolerance
    assert von_neumann_entropy(boundary) == 0.0  # old code: -5e-7
    assert relative_entropy(boundary, boundary) == 0.0
    assert relative_entropy(np.diag([1.0, 0.0]), boundary) == 0.0
    assert entropy_production(boundary) == pytest.approx(np.log(2), rel=1e-15)
    trace_high = np.diag([0.5 + 4e-7, 0.5 + 4e-7])  # trace 1 + 8e-7: S must not exceed ln 2
    assert von_neumann_entropy(trace_high) == pytest.approx(np.log(2), rel=1e-15)
    assert von_neumann_entropy(trace_high) <= np.log(2)
    assert relative_entropy(trace_high, np.eye(2) / 2) >= 0.0


def test_entropy_rate_keeps_resolved_small_eigenvalues():
    """An eigenvalue 1e-13 is a real population: ρ̇ feeding it contributes ρ̇ ln 1e-13."""
    rho = np.diag([1 - 1e-13, 1e-13])
    rho_dot = np.diag([-1e-7, 1e-7])
    expected = -1e-7 * np.log1p(-1e-13) + 1e-7 * np.log(1e-13)  # Tr ρ̇ ln ρ, -3.0e-6
    assert entropy_production_rate(rho, rho_dot) == pytest.approx(expected, rel=1e-12)


def test_spohn_rate_near_the_boundary_is_positive_and_exact():
    """Replacement dynamics ρ̇ = γ(ρ_ss − ρ) between states with populations ~1e-13."""
    gamma = 2.0
    rho_ss, rho = np.diag([1 - 1e-13, 1e-13]), np.diag([1 - 3e-13, 3e-13])
    rate = spohn_entropy_production_rate(rho, gamma * (rho_ss - rho), rho_ss)
    # −Tr ρ̇ (ln ρ − ln ρ_ss) = γ·2e-13·[ln 3 + ln((1 − 1e-13)/(1 − 3e-13))]
    assert rate == pytest.approx(gamma * 2e-13 * np.log(3.0), rel=1e-9, abs=0.0)
    assert rate > 0.0
