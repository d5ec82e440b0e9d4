"""Heat, work and the first law in three frameworks (seed 001 Sec. I).

Trajectories are built analytically in a rotating frame, X(t) = U(t) X0(t) U(t)† with
U = e^{-iKt} W0, so that every derivative is exact: Ẋ = -i[K, X] + U Ẋ0 U†. The body X0 is a
dephasing diagonal (populations mixing between two points of the simplex), a diagonal of
oscillating energy levels, or a qubit Bloch vector of oscillating length along a fixed axis.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.linalg import expm
from thermo_helpers import PAULIS, bloch_state, random_hermitian, random_state, random_unitary

from spinthermo.thermo import (
    FRAMEWORKS,
    bloch_first_law,
    bloch_inverse_temperature,
    bloch_vector,
    conventional_split,
    entropy_based_split,
    field_vector,
    first_law_rates,
    hamiltonian_based_split,
    internal_energy_rate,
    irreversible_entropy_rates,
    nonequilibrium_inverse_temperature,
    purity,
)

#: Quantities computed two ways from the same exact matrices in double precision (sums of
#: d² products of O(1) entries, one eigendecomposition): rounding is ~1e-14.
EXACT_TOL = 1e-10
#: Cubic-spline derivatives on 201 samples over t ∈ [0, 2] with frequencies ≤ 3 rad/s
#: (ωh ≤ 0.03): interior error O((ωh)³) ~ 1e-5, the not-a-knot ends somewhat worse.
SPLINE_TOL = 1e-3
#: numpy.gradient on the same grid: O((ωh)²)/6 ~ 2e-4 interior, ~2x at the one-sided ends.
GRADIENT_TOL = 3e-3
#: Five-point difference of a callable H, step 1e-2 × spacing: O(h⁴) truncation, ~1e-13
#: rounding amplification; 1e-8 is a wide margin.
CALLABLE_TOL = 1e-8

HYPOTHESIS = settings(max_examples=30, deadline=None)
TIMES = np.linspace(0.0, 2.0, 21)


# --- analytic trajectories --------------------------------------------------------------------


def _dagger(x):
    return np.conj(np.swapaxes(x, -1, -2))


def _frame(k, w0, times):
    """U(t) = e^{-iKt} W0 for every t, shape (T, d, d)."""
    vals, vecs = np.linalg.eigh(k)
    phases = np.exp(-1j * np.outer(times, vals))
    return np.einsum("ij,tj,kj->tik", vecs, phases, vecs.conj()) @ w0


def _in_frame(k, w0, times, body, body_dot):
    """X = U X0 U† and Ẋ = -i[K, X] + U Ẋ0 U†."""
    u = _frame(k, w0, times)
    x = u @ body @ _dagger(u)
    return x, -1j * (k @ x - x @ k) + u @ body_dot @ _dagger(u), u


def _diag(v):
    return np.einsum("...i,ij->...ij", v, np.eye(v.shape[-1])).astype(complex)


def _dephasing_body(rng, d, times):
    """Populations p(t) = (1 - x) p_a + x p_b with x = (1 + sin(νt + φ))/2."""
    pa, pb = rng.dirichlet(np.ones(d), size=2)
    nu, phi = rng.uniform(0.5, 3.0), rng.uniform(0, 2 * np.pi)
    x = (1 + np.sin(nu * times + phi)) / 2
    xd = nu * np.cos(nu * times + phi) / 2
    p = (1 - x)[:, None] * pa + x[:, None] * pb
    return _diag(p), _diag(xd[:, None] * (pb - pa)), p, xd[:, None] * (pb - pa)


def _levels_body(rng, d, times):
    """Levels E(t) = E0 + E1 cos(μt + ψ)."""
    e0, e1 = rng.normal(size=d) * 2, rng.normal(size=d)
    mu, psi = rng.uniform(0.5, 3.0), rng.uniform(0, 2 * np.pi)
    e = e0 + np.cos(mu * times + psi)[:, None] * e1
    ed = -mu * np.sin(mu * times + psi)[:, None] * e1
    return _diag(e), _diag(ed), e, ed


def _random_trajectory(seed, d, times=TIMES):
    """Unitary-plus-dephasing ρ(t) and H(t) = V diag(E) V†, with independent frames."""
    rng = np.random.default_rng(seed)
    k, g = random_hermitian(rng, d), random_hermitian(rng, d)
    w0, v0 = random_unitary(rng, d), random_unitary(rng, d)
    dbody, dbody_dot, p, pd = _dephasing_body(rng, d, times)
    ebody, ebody_dot, e, ed = _levels_body(rng, d, times)
    rho, rho_dot, u = _in_frame(k, w0, times, dbody, dbody_dot)
    h, h_dot, v = _in_frame(g, v0, times, ebody, ebody_dot)
    return dict(rho=rho, rho_dot=rho_dot, h=h, h_dot=h_dot, u=u, v=v, g=g, p=p, pd=pd, e=e, ed=ed)


def _bloch_body(rng, times, axis):
    """ρ0 = (1 + r(t) a·σ)/2 with r(t) = r0 + r1 sin(νt + φ) ∈ (0, 1)."""
    r0 = rng.uniform(0.3, 0.7)
    r1 = rng.uniform(0.1, 0.9) * min(r0, 1 - r0)
    nu, phi = rng.uniform(0.5, 3.0), rng.uniform(0, 2 * np.pi)
    r = r0 + r1 * np.sin(nu * times + phi)
    rd = r1 * nu * np.cos(nu * times + phi)
    a_sigma = np.einsum("k,kij->ij", axis, PAULIS)
    return (np.eye(2) + r[:, None, None] * a_sigma) / 2, rd[:, None, None] * a_sigma / 2


def _field_body(rng, times, axis, offset=0.0):
    """H0 = (ω(t)/2) b·σ + c with ω(t) = ω0 + ω1 cos(μt + ψ) > 0."""
    w0 = rng.uniform(1.0, 3.0)
    w1 = rng.uniform(0.0, 0.9) * w0
    mu, psi = rng.uniform(0.5, 3.0), rng.uniform(0, 2 * np.pi)
    w = w0 + w1 * np.cos(mu * times + psi)
    wd = -w1 * mu * np.sin(mu * times + psi)
    b_sigma = np.einsum("k,kij->ij", axis, PAULIS)
    return w[:, None, None] * b_sigma / 2 + offset * np.eye(2), wd[:, None, None] * b_sigma / 2


def _unit(rng):
    v = rng.normal(size=3)
    return v / np.linalg.norm(v)


def _qubit_trajectory(seed, *, rotate_state=True, rotate_field=True, same_frame=False, offset=0.0):
    rng = np.random.default_rng(seed)
    k = random_hermitian(rng, 2) if rotate_state else np.zeros((2, 2), complex)
    g = random_hermitian(rng, 2) if rotate_field else np.zeros((2, 2), complex)
    w0, v0 = random_unitary(rng, 2), random_unitary(rng, 2)
    if same_frame:
        g, v0 = k, w0
    rho, rho_dot, _ = _in_frame(k, w0, TIMES, *_bloch_body(rng, TIMES, _unit(rng)))
    h, h_dot, _ = _in_frame(g, v0, TIMES, *_field_body(rng, TIMES, _unit(rng), offset))
    return rho, rho_dot, h, h_dot


def _vec(op):
    """Pauli components Tr(Xσ) of a (batch of) 2x2 operators."""
    return np.real(np.einsum("...ij,kji->...k", op, PAULIS))


def _exact_rates(rho, rho_dot, h, h_dot):
    return first_law_rates(TIMES, rho, h, rho_dot, h_dot)


# --- the first law and the definitions, on random smooth trajectories ------------------------


@HYPOTHESIS
@given(seed=st.integers(0, 2**32 - 1), d=st.sampled_from([2, 3]))
def test_first_law_and_each_split_match_independent_formulas(seed, d):
    tr = _random_trajectory(seed, d)
    rates = first_law_rates(TIMES, tr["rho"], tr["h"], tr["rho_dot"], tr["h_dot"])
    u = np.real(np.einsum("tij,tji->t", tr["rho"], tr["h"]))
    scale = 1 + np.max(np.abs(tr["e"]))
    assert rates.internal_energy == pytest.approx(u, abs=EXACT_TOL * scale)
    du = rates.internal_energy_rate
    for x in FRAMEWORKS:
        assert rates.heat_rate[x] + rates.work_rate[x] == pytest.approx(du, abs=EXACT_TOL * scale)

    # Conventional: Tr(H ρ̇) and Tr(ρ Ḣ).
    q_conv = np.real(np.einsum("tij,tji->t", tr["h"], tr["rho_dot"]))
    w_conv = np.real(np.einsum("tij,tji->t", tr["rho"], tr["h_dot"]))
    assert rates.heat_rate["conventional"] == pytest.approx(q_conv, abs=EXACT_TOL * scale)
    assert rates.work_rate["conventional"] == pytest.approx(w_conv, abs=EXACT_TOL * scale)

    # Hamiltonian-based, in the analytic (smooth) energy eigenbasis V(t):
    # p_k = (V†ρV)_kk, ṗ_k = (V†(ρ̇ + i[G, ρ])V)_kk, Ė_k known.
    v, g, rho = tr["v"], tr["g"], tr["rho"]
    p_h = np.real(np.einsum("tkk->tk", _dagger(v) @ rho @ v))
    pdot_h = np.real(
        np.einsum("tkk->tk", _dagger(v) @ (tr["rho_dot"] + 1j * (g @ rho - rho @ g)) @ v)
    )
    assert rates.work_rate["hamiltonian"] == pytest.approx(
        np.sum(p_h * tr["ed"], axis=1), abs=EXACT_TOL * scale
    )
    assert rates.heat_rate["hamiltonian"] == pytest.approx(
        np.sum(tr["e"] * pdot_h, axis=1), abs=EXACT_TOL * scale
    )

    # Entropy-based, in the analytic eigenbasis U(t) of ρ: Σ_k λ̇_k ⟨r_k|H|r_k⟩.
    h_in_state_basis = np.real(np.einsum("tkk->tk", _dagger(tr["u"]) @ tr["h"] @ tr["u"]))
    assert rates.heat_rate["entropy"] == pytest.approx(
        np.sum(tr["pd"] * h_in_state_basis, axis=1), abs=EXACT_TOL * scale
    )


@pytest.mark.parametrize("d", [2, 3])
def test_single_split_functions_agree_with_first_law_rates(d):
    tr = _random_trajectory(11, d)
    args = (TIMES, tr["rho"], tr["h"], tr["rho_dot"], tr["h_dot"])
    rates = first_law_rates(*args)
    for x, fn in [
        ("conventional", conventional_split),
        ("hamiltonian", hamiltonian_based_split),
        ("entropy", entropy_based_split),
    ]:
        split = fn(*args)
        np.testing.assert_allclose(split.heat_rate, rates.heat_rate[x], atol=EXACT_TOL)
        np.testing.assert_allclose(split.work_rate, rates.work_rate[x], atol=EXACT_TOL)
        assert rates.split(x) == rates.split(x)
    np.testing.assert_allclose(internal_energy_rate(*args), rates.internal_energy_rate)
    # The frameworks really differ on a generic trajectory.
    assert np.max(np.abs(rates.heat_rate["hamiltonian"] - rates.heat_rate["entropy"])) > 1e-3


@pytest.mark.parametrize(("scheme", "tol"), [("spline", SPLINE_TOL), ("gradient", GRADIENT_TOL)])
@pytest.mark.parametrize("d", [2, 3])
def test_numerical_derivatives_converge_to_exact(scheme, tol, d):
    times = np.linspace(0.0, 2.0, 201)
    tr = _random_trajectory(5, d, times)
    exact = first_law_rates(times, tr["rho"], tr["h"], tr["rho_dot"], tr["h_dot"])
    approx = first_law_rates(times, tr["rho"], tr["h"], derivative=scheme)
    assert (approx.rho_derivative, approx.hamiltonian_derivative) == (scheme, scheme)
    scale = np.max(np.abs(exact.internal_energy_rate))
    for x in FRAMEWORKS:
        np.testing.assert_allclose(approx.heat_rate[x], exact.heat_rate[x], atol=tol * scale)
        np.testing.assert_allclose(approx.work_rate[x], exact.work_rate[x], atol=tol * scale)


@pytest.mark.parametrize(("scheme", "order"), [("spline", 3), ("gradient", 2)])
def test_derivative_schemes_have_their_stated_order(scheme, order):
    errors = []
    for n in (51, 101, 201):
        times = np.linspace(0.0, 2.0, n)
        tr = _random_trajectory(8, 3, times)
        exact = first_law_rates(times, tr["rho"], tr["h"], tr["rho_dot"], tr["h_dot"])
        approx = first_law_rates(times, tr["rho"], tr["h"], derivative=scheme)
        errors.append(
            max(np.max(np.abs(approx.heat_rate[x] - exact.heat_rate[x])) for x in FRAMEWORKS)
        )
    # Halving the spacing divides an O(h^p) error by 2^p (measured 8.1 and 3.9).
    ratios = np.array(errors[:-1]) / np.array(errors[1:])
    assert np.all(ratios > 0.75 * 2**order)
    assert np.all(ratios < 1.5 * 2**order)


@pytest.mark.parametrize("method", ["trapezoid", "simpson"])
def test_integrated_first_law_closes(method):
    times = np.linspace(0.0, 2.0, 401)
    tr = _random_trajectory(21, 3, times)
    rates = first_law_rates(times, tr["rho"], tr["h"], tr["rho_dot"], tr["h_dot"])
    integrals = rates.integrate(method)
    bound = {"trapezoid": 1e-4, "simpson": 1e-8}[method] * rates.energy_scale
    for x in FRAMEWORKS:
        assert integrals.heat[x][0] == 0.0 and integrals.work[x][0] == 0.0
        assert np.max(np.abs(integrals.residual[x])) < bound
    change = integrals.internal_energy_change
    assert change[-1] != pytest.approx(0.0, abs=1e-3)  # a nontrivial test
    np.testing.assert_allclose(change, rates.internal_energy - rates.internal_energy[0])
    # Heat is path dependent: the frameworks' totals differ.
    assert abs(integrals.heat["hamiltonian"][-1] - integrals.heat["entropy"][-1]) > 1e-3


def test_integrate_flags_an_under_resolved_grid():
    times = np.linspace(0.0, 2.0, 6)
    tr = _random_trajectory(21, 3, times)
    rates = first_law_rates(times, tr["rho"], tr["h"])
    with pytest.raises(ValueError, match="first law does not close"):
        rates.integrate(rtol=1e-6)
    loose = rates.integrate(check=False)
    assert loose.tolerance > 0
    with pytest.raises(ValueError, match="method"):
        rates.integrate("euler")


def test_results_are_read_only():
    tr = _random_trajectory(1, 2)
    rates = _exact_rates(tr["rho"], tr["rho_dot"], tr["h"], tr["h_dot"])
    with pytest.raises(TypeError):
        rates.heat_rate["conventional"] = np.zeros(3)
    with pytest.raises(ValueError):
        rates.heat_rate["conventional"][0] = 1.0


# --- the equivalences stated in seed 001 ----------------------------------------------------


@HYPOTHESIS
@given(seed=st.integers(0, 2**32 - 1))
def test_constant_angle_makes_hamiltonian_and_entropy_based_agree(seed):
    # Same rotating frame for r and n: θ is constant while r, ω and the frame all vary.
    rho, rho_dot, h, h_dot = _qubit_trajectory(seed, same_frame=True)
    rates = _exact_rates(rho, rho_dot, h, h_dot)
    np.testing.assert_allclose(
        rates.heat_rate["hamiltonian"], rates.heat_rate["entropy"], atol=EXACT_TOL
    )
    np.testing.assert_allclose(
        rates.work_rate["hamiltonian"], rates.work_rate["entropy"], atol=EXACT_TOL
    )


def test_constant_angle_d_dimensional_co_rotating_eigenbases():
    rng = np.random.default_rng(3)
    k, w0 = random_hermitian(rng, 4), random_unitary(rng, 4)
    dbody, dbody_dot, *_ = _dephasing_body(rng, 4, TIMES)
    ebody, ebody_dot, *_ = _levels_body(rng, 4, TIMES)
    rho, rho_dot, _ = _in_frame(k, w0, TIMES, dbody, dbody_dot)
    h, h_dot, _ = _in_frame(k, w0, TIMES, ebody, ebody_dot)
    rates = _exact_rates(rho, rho_dot, h, h_dot)
    np.testing.assert_allclose(
        rates.heat_rate["hamiltonian"], rates.heat_rate["entropy"], atol=EXACT_TOL
    )


@HYPOTHESIS
@given(seed=st.integers(0, 2**32 - 1))
def test_no_rotation_makes_all_three_agree(seed):
    rho, rho_dot, h, h_dot = _qubit_trajectory(seed, rotate_state=False, rotate_field=False)
    rates = _exact_rates(rho, rho_dot, h, h_dot)
    for x in ("hamiltonian", "entropy"):
        np.testing.assert_allclose(
            rates.heat_rate[x], rates.heat_rate["conventional"], atol=EXACT_TOL
        )
        np.testing.assert_allclose(
            rates.work_rate[x], rates.work_rate["conventional"], atol=EXACT_TOL
        )


@HYPOTHESIS
@given(seed=st.integers(0, 2**32 - 1))
def test_hb_minus_eb_heat_is_omega_r_dcos_theta(seed):
    rho, rho_dot, h, h_dot = _qubit_trajectory(seed)
    rates = _exact_rates(rho, rho_dot, h, h_dot)
    r, rd, w, wd = _vec(rho), _vec(rho_dot), _vec(h), _vec(h_dot)
    rn, wn = np.linalg.norm(r, axis=1), np.linalg.norm(w, axis=1)
    dot = np.sum(r * w, axis=1)
    # d/dt [r·ω / (|r||ω|)] by the quotient rule.
    d_dot = np.sum(rd * w + r * wd, axis=1)
    d_rn = np.sum(r * rd, axis=1) / rn
    d_wn = np.sum(w * wd, axis=1) / wn
    d_cos = d_dot / (rn * wn) - dot * (d_rn / rn + d_wn / wn) / (rn * wn)
    expected = wn / 2 * rn * d_cos
    difference = rates.heat_rate["hamiltonian"] - rates.heat_rate["entropy"]
    np.testing.assert_allclose(difference, expected, atol=EXACT_TOL)


@pytest.mark.parametrize("d", [2, 3, 5])
@pytest.mark.parametrize("derivative", ["exact", "spline"])
@pytest.mark.parametrize("rank", [1, None])
def test_unitary_evolution_in_fixed_field_has_no_heat(d, derivative, rank):
    rng = np.random.default_rng(d)
    h = random_hermitian(rng, d)
    rho0 = random_state(rng, d, rank=rank)
    times = np.linspace(0.0, 1.0, 201)
    u = _frame(h, np.eye(d), times)
    rho = u @ rho0 @ _dagger(u)
    rho_dot = -1j * (h @ rho - rho @ h) if derivative == "exact" else None
    rates = first_law_rates(times, rho, h, rho_dot)
    assert rates.hamiltonian_derivative == "constant"
    # Spline ρ̇ is exact for the linear functional Tr(Hρ) (a constant), so conventional and HB
    # heat vanish to rounding; the EB heat sees the spectrum of ρ, whose spline derivative
    # errs by O((ωh)³) with ω ~ the spectral width of H (heat rates scale as width²).
    width = np.ptp(np.linalg.eigvalsh(h))
    tol = {"exact": EXACT_TOL, "spline": 1e-4 * width**2}[derivative]
    for x in FRAMEWORKS:
        np.testing.assert_allclose(rates.heat_rate[x], 0.0, atol=tol)
        np.testing.assert_allclose(rates.work_rate[x], 0.0, atol=tol)
    if derivative == "exact":
        # Pure states have β = ±inf; the zero heat makes Σ̇ = Ṡ = 0, never NaN. (A spline ρ̇
        # of a pure state leaks O(h³) weight onto the kernel, where Ṡ diverges: that raises.)
        entropy = irreversible_entropy_rates(times, rho, h, rho_dot)
        if rank == 1:
            assert np.all(np.isinf(entropy.inverse_temperature))
        for x in FRAMEWORKS:
            np.testing.assert_allclose(entropy.irreversible_entropy_rate[x], 0.0, atol=tol)


# --- degenerate levels, level crossings, the maximally mixed state ----------------------------


def test_level_crossing_sampled_exactly_uses_the_smooth_eigenbasis():
    rng = np.random.default_rng(4)
    v = random_unitary(rng, 3)
    times = np.linspace(-1.0, 1.0, 21)  # contains t = 0, where E1 = E2 = 0
    e = np.stack([times, -times, np.full_like(times, 2.0)], axis=1)
    ed = np.tile([1.0, -1.0, 0.0], (times.size, 1))
    h = v @ _diag(e) @ v.conj().T
    h_dot = v @ _diag(ed) @ v.conj().T
    k, w0 = random_hermitian(rng, 3), random_unitary(rng, 3)
    dbody, dbody_dot, *_ = _dephasing_body(rng, 3, times)
    rho, rho_dot, _ = _in_frame(k, w0, times, dbody, dbody_dot)
    rates = first_law_rates(times, rho, h, rho_dot, h_dot)
    p = np.real(np.einsum("tkk->tk", v.conj().T @ rho @ v))
    np.testing.assert_allclose(rates.work_rate["hamiltonian"], np.sum(p * ed, axis=1), atol=1e-12)
    # The naive eigh-basis sum is wrong at the crossing: the test above can fail.
    levels, vecs = np.linalg.eigh(h[10])
    naive = np.real(np.einsum("ik,ij,jk->k", vecs.conj(), rho[10], vecs)) @ np.real(
        np.einsum("ik,ij,jk->k", vecs.conj(), h_dot[10], vecs)
    )
    assert abs(levels[0] - levels[1]) < 1e-12 or levels[1] == pytest.approx(levels[0])
    assert abs(naive - rates.work_rate["hamiltonian"][10]) > 1e-3


def test_entropy_based_heat_at_the_maximally_mixed_state_is_the_conventional_one():
    times = np.array([-0.1, 0.0, 0.1])
    r_dir = np.array([0.6, 0.0, 0.8])
    rho = np.stack([bloch_state(t * r_dir) for t in np.abs(times)])  # passes through r = 0
    rho_dot = np.stack([_vec_to_op(np.sign(t) * r_dir / 2) for t in times])
    rho_dot[1] = _vec_to_op(r_dir / 2)  # one-sided choice at the kink
    h = np.diag([1.0, -1.0]).astype(complex)
    rates = first_law_rates(times, rho, h, rho_dot)
    assert rates.heat_rate["entropy"][1] == pytest.approx(rates.heat_rate["conventional"][1])
    assert rates.heat_rate["conventional"][1] == pytest.approx(0.8)


def _vec_to_op(v):
    return np.einsum("k,kij->ij", v, PAULIS)


# --- non-equilibrium temperature, purity, irreversible entropy --------------------------------


@pytest.mark.parametrize("d", [2, 3, 4, 6])
@pytest.mark.parametrize("beta", [-1.3, 0.2, 2.0])
def test_gibbs_state_has_its_inverse_temperature(d, beta):
    rng = np.random.default_rng(d)
    h = random_hermitian(rng, d) + 3.0 * np.eye(d)  # an offset must not matter
    gibbs = expm(-beta * h)
    gibbs /= np.trace(gibbs)
    assert nonequilibrium_inverse_temperature(gibbs, h) == pytest.approx(beta, rel=1e-10)


def test_inverse_temperature_limits_and_rules():
    h = np.diag([0.5, 0.0, -0.5])
    assert nonequilibrium_inverse_temperature(np.eye(3) / 3, h) == 0.0
    assert nonequilibrium_inverse_temperature(np.diag([0.0, 0.0, 1.0]), h) == np.inf  # ground
    assert nonequilibrium_inverse_temperature(np.diag([1.0, 0.0, 0.0]), h) == -np.inf
    # Qubit pure state perpendicular to the field: no kernel energy, β = 0 (never NaN).
    assert nonequilibrium_inverse_temperature(bloch_state([1.0, 0, 0]), PAULIS[2] / 2) == 0.0
    assert bloch_inverse_temperature([1.0, 0, 0], [0, 0, 1.0]) == 0.0
    assert bloch_inverse_temperature([0, 0, -1.0], [0, 0, 1.0]) == np.inf
    assert bloch_inverse_temperature([0, 0, 1.0], [0, 0, 1.0]) == -np.inf
    batch = nonequilibrium_inverse_temperature(np.stack([np.eye(3) / 3] * 4).reshape(2, 2, 3, 3), h)
    assert batch.shape == (2, 2)
    with pytest.raises(ValueError, match="hamiltonian"):
        nonequilibrium_inverse_temperature(np.eye(2) / 2, 3 * np.eye(2))
    with pytest.raises(ValueError, match="omega_vec"):
        bloch_inverse_temperature([0.1, 0, 0], [0, 0, 0])


@HYPOTHESIS
@given(seed=st.integers(0, 2**32 - 1))
def test_bloch_inverse_temperature_matches_general(seed):
    rng = np.random.default_rng(seed)
    r = _unit(rng) * rng.uniform(0, 0.999)
    w = _unit(rng) * rng.uniform(0.1, 5.0)
    rho, h = bloch_state(r), _vec_to_op(w) / 2 + rng.normal() * np.eye(2)
    general = nonequilibrium_inverse_temperature(rho, h)
    assert bloch_inverse_temperature(r, w) == pytest.approx(general, rel=1e-9, abs=1e-12)
    cos_theta = r @ w / (np.linalg.norm(r) * np.linalg.norm(w))
    closed = -2 * np.arctanh(np.linalg.norm(r)) * cos_theta / np.linalg.norm(w)
    assert general == pytest.approx(closed, rel=1e-9, abs=1e-12)


def test_purity():
    assert purity(np.eye(4) / 4) == pytest.approx(0.25)
    assert purity(bloch_state([0.0, 0.6, 0.0])) == pytest.approx((1 + 0.36) / 2)
    rng = np.random.default_rng(0)
    rho = random_state(rng, 5)
    assert purity(rho) == pytest.approx(np.trace(rho @ rho).real)
    assert purity(np.stack([rho, rho])).shape == (2,)


@HYPOTHESIS
@given(seed=st.integers(0, 2**32 - 1))
def test_qubit_entropy_based_irreversible_entropy_closed_form(seed):
    rho, rho_dot, h, h_dot = _qubit_trajectory(seed)
    ent = irreversible_entropy_rates(TIMES, rho, h, rho_dot, h_dot)
    r, rd, w = _vec(rho), _vec(rho_dot), _vec(h)
    rn = np.linalg.norm(r, axis=1)
    r_speed = np.sum(r * rd, axis=1) / rn
    cos_theta = np.sum(r * w, axis=1) / (rn * np.linalg.norm(w, axis=1))
    np.testing.assert_allclose(ent.entropy_rate, -r_speed * np.arctanh(rn), atol=EXACT_TOL)
    np.testing.assert_allclose(
        ent.irreversible_entropy_rate["entropy"],
        -r_speed * np.arctanh(rn) * (1 - cos_theta**2),
        atol=EXACT_TOL,
    )
    rates = _exact_rates(rho, rho_dot, h, h_dot)
    for x in FRAMEWORKS:
        np.testing.assert_allclose(
            ent.irreversible_entropy_rate[x],
            ent.entropy_rate - ent.inverse_temperature * rates.heat_rate[x],
            atol=EXACT_TOL,
        )


@pytest.mark.parametrize("d", [2, 3, 5])
def test_instantaneous_gibbs_state_produces_no_entropy_conventionally_or_eb(d):
    rng = np.random.default_rng(d)
    h = random_hermitian(rng, d)
    gibbs = expm(-0.9 * h)
    gibbs /= np.trace(gibbs)
    rho_dot = random_hermitian(rng, d)
    rho_dot -= np.trace(rho_dot) / d * np.eye(d)
    ent = irreversible_entropy_rates([0.0], gibbs[None], h, rho_dot[None])
    assert ent.inverse_temperature[0] == pytest.approx(0.9)
    assert abs(ent.entropy_rate[0]) > 1e-3
    for x in ("conventional", "entropy"):
        assert ent.irreversible_entropy_rate[x][0] == pytest.approx(0.0, abs=1e-10)


# --- Bloch-sphere forms = general forms -----------------------------------------------------


@HYPOTHESIS
@given(seed=st.integers(0, 2**32 - 1), offset=st.floats(-3, 3))
def test_bloch_forms_equal_general_forms(seed, offset):
    rho, rho_dot, h, h_dot = _qubit_trajectory(seed, offset=offset)
    rates = _exact_rates(rho, rho_dot, h, h_dot)
    r, w = bloch_vector(rho), field_vector(h)
    bloch = bloch_first_law(r, _vec(rho_dot), w, field_vector(h_dot))
    np.testing.assert_allclose(bloch.internal_energy + offset, rates.internal_energy, atol=1e-10)
    np.testing.assert_allclose(bloch.internal_energy_rate, rates.internal_energy_rate, atol=1e-10)
    for x in FRAMEWORKS:
        np.testing.assert_allclose(bloch.heat_rate[x], rates.heat_rate[x], atol=EXACT_TOL)
        np.testing.assert_allclose(bloch.work_rate[x], rates.work_rate[x], atol=EXACT_TOL)
        assert bloch.split(x).heat_rate is bloch.heat_rate[x]


def test_bloch_forms_equal_paper_expressions():
    rng = np.random.default_rng(2)
    r, rd = _unit(rng) * 0.6, rng.normal(size=3)
    w, wd = _unit(rng) * 2.0, rng.normal(size=3)
    law = bloch_first_law(r, rd, w, wd)
    rn, om = np.linalg.norm(r), np.linalg.norm(w)
    cos_t = r @ w / (rn * om)
    r_speed, om_speed = r @ rd / rn, w @ wd / om
    d_cos = (rd @ w + r @ wd) / (rn * om) - cos_t * (r_speed / rn + om_speed / om)
    assert law.internal_energy == pytest.approx(om / 2 * rn * cos_t)
    assert law.work_rate["hamiltonian"] == pytest.approx(rn * cos_t * om_speed / 2)
    assert law.heat_rate["hamiltonian"] == pytest.approx(om / 2 * (r_speed * cos_t + rn * d_cos))
    assert law.heat_rate["entropy"] == pytest.approx(om / 2 * cos_t * r_speed)
    assert law.work_rate["entropy"] == pytest.approx(rn / 2 * (om_speed * cos_t + om * d_cos))


def test_bloch_degenerate_points_match_general():
    # r = 0 and ω = 0 at the same instant: directions taken along the derivatives.
    rd, wd = np.array([0.1, -0.2, 0.3]), np.array([0.5, 0.4, -0.1])
    r, w = np.array([0.3, 0.1, -0.2]), np.array([0.0, 0.0, 0.0])
    law = bloch_first_law([[0, 0, 0], r], rd, [[1.0, 0.2, 0], w], wd)
    times = np.array([0.0])
    for i, (ri, wi) in enumerate([([0, 0, 0], [1.0, 0.2, 0]), (r, w)]):
        general = first_law_rates(
            times,
            bloch_state(ri)[None],
            (_vec_to_op(np.asarray(wi, float)) / 2)[None],
            (_vec_to_op(rd) / 2)[None],
            (_vec_to_op(wd) / 2)[None],
        )
        for x in FRAMEWORKS:
            assert law.heat_rate[x][i] == pytest.approx(general.heat_rate[x][0], abs=1e-12)
            assert law.work_rate[x][i] == pytest.approx(general.work_rate[x][0], abs=1e-12)


# --- callables and input validation --------------------------------------------------------------


def test_callable_hamiltonian_matches_sampled_exact_derivative():
    rng = np.random.default_rng(9)
    g, v0 = random_hermitian(rng, 3), random_unitary(rng, 3)
    e0, e1 = rng.normal(size=3), rng.normal(size=3)

    def hamiltonian(t):
        v = expm(-1j * g * t) @ v0
        return v @ np.diag(e0 + e1 * np.sin(t)) @ v.conj().T

    tr = _random_trajectory(9, 3)
    h = np.stack([hamiltonian(t) for t in TIMES])
    h_dot = np.stack(
        [
            -1j * (g @ hamiltonian(t) - hamiltonian(t) @ g)
            + expm(-1j * g * t) @ v0 @ np.diag(e1 * np.cos(t)) @ (expm(-1j * g * t) @ v0).conj().T
            for t in TIMES
        ]
    )
    from_callable = first_law_rates(TIMES, tr["rho"], hamiltonian, tr["rho_dot"])
    from_arrays = first_law_rates(TIMES, tr["rho"], h, tr["rho_dot"], h_dot)
    assert from_callable.hamiltonian_derivative == "five-point"
    for x in FRAMEWORKS:
        np.testing.assert_allclose(
            from_callable.work_rate[x], from_arrays.work_rate[x], atol=CALLABLE_TOL
        )


def _valid():
    tr = _random_trajectory(0, 2)
    return TIMES, tr["rho"], tr["h"]


@pytest.mark.parametrize(
    ("mutate", "name"),
    [
        (lambda t, r, h: (t[:-1], r, h), "rho"),
        (lambda t, r, h: (t, r, h[:-1]), "hamiltonian"),
        (lambda t, r, h: (t[::-1], r, h), "times"),
        (lambda t, r, h: (np.where(t == t[3], t[2], t), r, h), "times"),
        (lambda t, r, h: (t.reshape(-1, 1), r, h), "times"),
        (lambda t, r, h: (t, r, h + 0.1j * np.triu(np.ones((2, 2)), 1)), "hamiltonian"),
        (lambda t, r, h: (t, 2 * r, h), "rho"),
        (lambda t, r, h: (t, r - 0.6 * np.eye(2), h), "rho"),
        (lambda t, r, h: (t, r[..., :1, :1], h), "rho"),
        (lambda t, r, h: (t, r, np.zeros((t.size, 3, 3))), "rho"),
    ],
)
def test_bad_inputs_raise_naming_the_argument(mutate, name):
    times, rho, h = mutate(*_valid())
    with pytest.raises(ValueError, match=name):
        first_law_rates(times, rho, h)


def test_bad_options_and_derivatives_raise():
    times, rho, h = _valid()
    with pytest.raises(ValueError, match="derivative"):
        first_law_rates(times, rho, h, derivative="euler")
    with pytest.raises(ValueError, match="rho_dot"):
        first_law_rates(times, rho, h, rho_dot=rho[:-1])
    with pytest.raises(ValueError, match="rho_dot"):  # not traceless
        first_law_rates(times, rho, h, rho_dot=rho)
    with pytest.raises(ValueError, match="hamiltonian_dot"):
        first_law_rates(times, rho, h, hamiltonian_dot=h + 1j * np.triu(np.ones((2, 2)), 1))
    with pytest.raises(ValueError, match="at least 3 samples"):
        first_law_rates(times[:2], rho[:2], h[:2])
    with pytest.raises(ValueError, match="hamiltonian"):
        first_law_rates(times, rho, lambda t: np.eye(2) if t < 1 else np.eye(3))
    with pytest.raises(TypeError, match="times"):
        first_law_rates(times + 0j, rho, h)
    with pytest.raises(ValueError, match="framework"):
        first_law_rates(times, rho, h).split("classical")
    with pytest.raises(ValueError, match="r_vec"):
        bloch_first_law([0.0, 0.0, 1.5], [0, 0, 0], [0, 0, 1], [0, 0, 0])
    with pytest.raises(ValueError, match="omega_dot"):
        bloch_first_law([0.0, 0.0, 0.5], [0, 0, 0], [0, 0, 1], [0, 0])
    with pytest.raises(ValueError, match="rho"):
        bloch_vector(np.eye(3) / 3)
