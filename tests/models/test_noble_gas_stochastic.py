"""Seed 002 Sec. III B–D: the stochastic collision simulation.

Exact algebra first (pair unitary against expm, the kernel against a dense 2^N evolution,
kernel against the NumPy reference, conservation, reproducibility), then ensemble physics
against the mean-Hamiltonian (two-mode) predictions, then bad inputs. Every ensemble
comparison allows STAT_SIGMAS standard errors of the trajectory mean.
"""

import math
from fractions import Fraction

import numpy as np
import pytest
import scipy.linalg
import scipy.optimize

from spinthermo.models.noble_gas import stochastic_kernels as kernels
from spinthermo.models.noble_gas.stochastic import (
    StochasticCollisionModel,
    collective_hamiltonian,
    collective_prediction,
    collision_unitary,
    draw_collisions,
    exchange_operator,
    flip_block,
    initial_state,
    paper_eq5_flip_block,
    simulate,
    simulate_ensemble,
)

#: Exact algebra in double precision (closed forms, a few dozen 32×32 products).
EXACT_TOL = 1e-12
#: Ensemble means are compared within this many standard errors of the trajectory mean.
STAT_SIGMAS = 4.0
#: Worst case of one rounding (1.1e-16) per step accumulating linearly over NORM_STEPS.
NORM_STEPS = 5000
NORM_TOL = NORM_STEPS * np.finfo(float).eps

SZ = np.diag([0.5, -0.5]).astype(complex)  # spin basis (|up>, |down>)
SP = np.array([[0, 1], [0, 0]], dtype=complex)
SX = (SP + SP.T) / 2
SY = (SP - SP.T) / (2j)


# --------------------------------------------------------------------------- pair unitary


@pytest.mark.parametrize("phase", [1e-5, 0.02, 0.7, -1.3, 3.0])
def test_collision_unitary_is_expm_of_exchange(phase):
    exact = scipy.linalg.expm(-1j * phase * exchange_operator())
    u = collision_unitary(phase)
    assert np.max(np.abs(u - exact)) < EXACT_TOL
    assert np.max(np.abs(u.conj().T @ u - np.eye(4))) < EXACT_TOL


@pytest.mark.parametrize("phase,field", [(1e-5, 5e-6), (0.4, 0.2), (-0.9, 1.1)])
def test_flip_block_is_the_exact_pair_and_field_evolution(phase, field):
    # one step for one pair: field exp(−iθ s_az) after exp(−iφ s·k), in (|↑↑>,|↑↓>,|↓↑>,|↓↓>)
    step = scipy.linalg.expm(-1j * field * np.kron(SZ, np.eye(2))) @ scipy.linalg.expm(
        -1j * phase * exchange_operator())
    reference = step[0b11, 0b11]  # |↓↓>: the phase dropped by the simulation
    block = step[1:3, 1:3] / reference
    assert abs(abs(reference) - 1) < EXACT_TOL
    assert np.max(np.abs(flip_block(phase, field) - block)) < EXACT_TOL
    b = flip_block(phase, field)
    assert np.max(np.abs(b.conj().T @ b - np.eye(2))) < EXACT_TOL
    # |↑↑> keeps only the field phase relative to |↓↓>: e^{−iθ}
    assert abs(step[0, 0] / reference - np.exp(-1j * field)) < EXACT_TOL


def test_printed_eq5_is_not_unitary_and_differs_from_exact():
    phase = 0.5
    printed = paper_eq5_flip_block(phase)
    gram = printed.conj().T @ printed
    # the columns overlap by −2 sin²(φ/2): unitary only to first order in φ
    assert gram[0, 1] == pytest.approx(-2 * np.sin(phase / 2) ** 2, abs=1e-15)
    assert np.max(np.abs(gram - np.eye(2))) > 0.1
    # its diagonal is 1 − 2 e^{iφ/2} sin²(φ/4), the exact one e^{iφ/2} cos(φ/2)
    assert abs(printed[0, 0] - (1 - 2 * np.exp(0.5j * phase) * np.sin(phase / 4) ** 2)) < 1e-15
    assert abs(flip_block(phase)[0, 0] - np.exp(0.5j * phase) * np.cos(phase / 2)) < 1e-15
    assert abs(printed[0, 0] - flip_block(phase)[0, 0]) > 1e-2


def test_default_field_cancels_the_alkali_collisional_phase():
    # the alkali-up amplitude (partner down) gains e^{iφ/2}cos(φ/2) per collision: with
    # θ = ⟨φ⟩/2 (the paper's field, our sign) the mean phase per step vanishes
    model = StochasticCollisionModel(3, 30, 0.01)
    assert model.field_phase_per_step == pytest.approx(0.005)
    assert np.angle(flip_block(model.mean_phase, model.field_phase_per_step)[0, 0]) == (
        pytest.approx(0.0, abs=1e-15))
    assert model.alkali_shift == 0.0


@pytest.mark.parametrize("phase", [0.0, 1e-12, 1e-5, -3e-3, 0.0299, -0.0299, 0.031, 1.0])
def test_kernel_cos_sin_are_exact_to_rounding(phase):
    cos, sin = kernels._unit_phase(phase)
    assert abs(cos - math.cos(phase)) <= math.ulp(1.0)
    assert abs(sin - math.sin(phase)) <= 2 * math.ulp(max(abs(math.sin(phase)), 1e-300))


@pytest.mark.parametrize("theta", [0.0, 5e-6, 5e-4, 0.3, -1.2, 2.5, 1e-9])
def test_field_factor_is_unit_to_rounding(theta):
    w = kernels.field_factor(theta)
    small = min(abs(w.real), abs(w.imag))
    excess = Fraction(w.real) ** 2 + Fraction(w.imag) ** 2 - 1
    if abs(theta) > 1e-8:
        # one correct rounding of the smaller component: |excess| ≤ |small|·ulp(small),
        # far below the ~1e-16 of rounding cos θ and sin θ separately
        assert abs(float(excess)) <= small * math.ulp(small)
        assert abs(np.angle(w) + theta) <= kernels.FIELD_PHASE_RTOL * abs(math.sin(theta))
    else:  # no unit vector of doubles at that angle: the plain rounding of e^{−iθ}
        assert w == complex(math.cos(theta), -math.sin(theta))


# --------------------------------------------------------------------------- exact dynamics


def _site(op, i, n):
    """``op`` on spin i of n (spin 0 the leftmost tensor factor)."""
    out = np.array([[1.0 + 0j]])
    for k in range(n):
        out = np.kron(out, op if k == i else np.eye(2))
    return out


def _basis_index(up_spins, n):
    """Index of the product state with ``up_spins`` up (bit 0 = up, spin 0 most significant)."""
    return (2**n - 1) - sum(2 ** (n - 1 - i) for i in up_spins)


def _embed(state, n):
    psi = np.zeros(2**n, dtype=complex)
    if state.ndim == 1:
        for i in range(n):
            psi[_basis_index([i], n)] = state[i]
    else:
        for i in range(n):
            for k in range(i + 1, n):
                psi[_basis_index([i, k], n)] = math.sqrt(2) * state[i, k]
    return psi


def _random_states(n, rng):
    c = rng.normal(size=n) + 1j * rng.normal(size=n)
    m = rng.normal(size=(n, n)) + 1j * rng.normal(size=(n, n))
    m = m + m.T
    np.fill_diagonal(m, 0)
    return c / np.linalg.norm(c), m / np.linalg.norm(m)


@pytest.mark.parametrize("subspace", [1, 2])
def test_kernel_equals_dense_evolution_in_full_hilbert_space(subspace):
    model = StochasticCollisionModel(2, 3, 0.4, phase_spread=0.3)
    n, na, n_steps, seed = model.n_spins, model.n_alkali, 25, 11
    spin = [[_site(op, i, n) for op in (SX, SY, SZ)] for i in range(n)]
    field = scipy.linalg.expm(-1j * model.field_phase_per_step * sum(spin[a][2]
                                                                      for a in range(na)))
    state0 = _random_states(n, np.random.default_rng(5))[subspace - 1]
    psi = _embed(state0, n)
    rng = np.random.Generator(np.random.PCG64(seed))
    dropped_phase = 0.0
    for _ in range(n_steps):
        partners, phases = draw_collisions(model, rng)
        for a, (b, phi) in enumerate(zip(partners, phases, strict=True)):
            s_dot_k = sum(spin[a][x] @ spin[na + b][x] for x in range(3))
            psi = scipy.linalg.expm(-1j * phi * s_dot_k) @ psi
            dropped_phase += -phi / 4 + model.field_phase_per_step / 2
        psi = field @ psi
    mask = _embed(np.ones((n, n)) - np.eye(n) if subspace == 2 else np.ones(n), n) != 0
    assert np.linalg.norm(psi[~mask]) < EXACT_TOL  # the subspace is invariant
    for method in ("numba", "numpy"):
        run = simulate(model, n_steps, state0, seed=seed, method=method, record_every=n_steps)
        expected = np.exp(1j * dropped_phase) * _embed(run.final_state, n)
        assert np.max(np.abs(psi - expected)) < EXACT_TOL, method


def test_pairing_of_kernel_equals_numpy_draws():
    for n_alkali, n_noble in [(7, 7), (5, 9), (40, 60)]:
        rng_kernel = np.random.Generator(np.random.PCG64(3))
        rng_numpy = np.random.Generator(np.random.PCG64(3))
        model = StochasticCollisionModel(n_alkali, n_noble, 0.1)
        taken = np.zeros(n_noble, dtype=np.int64)
        work = np.empty(n_alkali, dtype=np.int64)
        partner = np.empty(n_alkali, dtype=np.int64)
        for step in range(50):
            kernels.draw_partners(rng_kernel, n_noble, taken, step + 1, work, partner)
            z = rng_kernel.standard_normal(n_alkali)  # the phases, drawn next by the kernel
            expected, phases = draw_collisions(model, rng_numpy)
            assert np.array_equal(partner, expected)
            assert len(set(partner.tolist())) == n_alkali
            assert np.array_equal(0.1 + 0.1 * z, phases)


@pytest.mark.parametrize("kind,n_alkali,n_noble", [("1A0B", 8, 30), ("localized", 6, 6),
                                                   ("1A1B", 6, 20), ("2A0B", 5, 5)])
def test_numpy_reference_equals_kernel(kind, n_alkali, n_noble):
    model = StochasticCollisionModel(n_alkali, n_noble, 0.05)
    ours = simulate(model, 2000, kind, seed=9, record_every=500)
    ref = simulate(model, 2000, kind, seed=9, record_every=500, method="numpy")
    assert np.max(np.abs(ours.final_state - ref.final_state)) < EXACT_TOL
    for name, values in ours.observables.items():
        assert np.max(np.abs(values - ref.observables[name])) < EXACT_TOL, name


@pytest.mark.parametrize("kind", ["1A0B", "localized", "1A1B", "2A0B", "0A2B"])
def test_norm_is_conserved(kind):
    model = StochasticCollisionModel(6, 40, 1e-2)
    run = simulate(model, NORM_STEPS, kind, seed=1, record_every=NORM_STEPS // 10)
    assert np.max(np.abs(run.observables["norm"] - 1.0)) < NORM_TOL
    assert abs(np.linalg.norm(run.final_state) - 1.0) < NORM_TOL
    if kind in ("1A0B", "localized"):
        total = run.observables["population_alkali"] + run.observables["population_noble"]
        assert np.max(np.abs(total - 1.0)) < NORM_TOL
    else:
        exc = run.observables["excitations_alkali"] + run.observables["excitations_noble"]
        assert np.max(np.abs(exc - 2.0)) < 2 * NORM_TOL


def test_named_initial_states_are_the_dicke_states():
    model = StochasticCollisionModel(5, 7, 0.01)
    cases = {"1A0B": "fidelity_10", "0A1B": "fidelity_01", "1A1B": "fidelity_11",
             "2A0B": "fidelity_20", "0A2B": "fidelity_02"}
    for kind, name in cases.items():
        run = simulate(model, 0, kind)
        assert run.observables[name][0] == pytest.approx(1.0, abs=EXACT_TOL)
        assert run.observables["norm"][0] == pytest.approx(1.0, abs=EXACT_TOL)
    loc = simulate(model, 0, "localized").observables
    assert loc["fidelity_10"][0] == pytest.approx(1 / 5)
    assert loc["leakage"][0] == pytest.approx(4 / 5)
    m = initial_state("1A1B", 5, 7)
    assert np.allclose(m, m.T) and np.all(np.diag(m) == 0)


def test_reproducible_seeds_and_workers():
    model = StochasticCollisionModel(4, 30, 0.02)
    a = simulate(model, 300, seed=4, record_every=100)
    b = simulate(model, 300, seed=4, record_every=100)
    c = simulate(model, 300, seed=5, record_every=100)
    assert np.array_equal(a.final_state, b.final_state)
    assert np.max(np.abs(a.final_state - c.final_state)) > 1e-6
    ens1 = simulate_ensemble(model, 300, n_trajectories=4, seed=7, record_every=100)
    ens2 = simulate_ensemble(model, 300, n_trajectories=4, seed=7, record_every=100, workers=2)
    for name in ens1.samples:
        assert np.array_equal(ens1.samples[name], ens2.samples[name])
    third = simulate(model, 300, seed=np.random.SeedSequence(7).spawn(4)[2], record_every=100)
    assert np.array_equal(ens1.samples["amplitude_10"][2], third.observables["amplitude_10"])


# --------------------------------------------------------------------------- ensemble physics


@pytest.fixture(scope="module")
def exchange_ensemble():
    """|1_A0_B> with N_A = 10, N_B = 1000, ⟨φ⟩ = δφ = 1e-3 over 1.5 population periods."""
    model = StochasticCollisionModel(10, 1000, 1e-3)
    n_steps = int(1.5 * model.population_period)
    return model, simulate_ensemble(model, n_steps, "1A0B", n_trajectories=16,
                                    record_every=n_steps // 300)


def _damped_cosine(t, offset, c, s, omega, decay, drift):
    return offset + drift * t + np.exp(-decay * t) * (c * np.cos(omega * t) + s * np.sin(omega * t))


def test_population_oscillation_rate_is_2J(exchange_ensemble):
    model, ens = exchange_ensemble
    t = ens.steps
    two_j = 2 * model.coupling
    assert two_j == pytest.approx(math.sqrt(10 / 1000) * 1e-3)  # Eq. (8)
    # the residual detuning (N_A/N_B)⟨φ⟩/2 raises the rate to √(4J² + Δ²)
    levels = np.linalg.eigvalsh(collective_hamiltonian(model, 1)[1])
    expected = levels[1] - levels[0]
    p0 = [0.5, 0.5, 0.0, two_j, 0.0, 0.0]
    rates = np.array([scipy.optimize.curve_fit(_damped_cosine, t, f, p0=p0)[0][3]
                      for f in ens.samples["fidelity_10"]])
    mean, se = rates.mean(), rates.std(ddof=1) / math.sqrt(rates.size)
    # the fit itself is unbiased: it recovers the rate of the damped prediction
    fit_pred = scipy.optimize.curve_fit(
        _damped_cosine, t, collective_prediction(model, t)["fidelity_10"], p0=p0)[0][3]
    assert abs(fit_pred - expected) < 0.1 * se
    assert abs(mean - expected) < STAT_SIGMAS * se
    assert abs(mean - two_j) < STAT_SIGMAS * se + (expected - two_j)


def test_full_transfer_at_exchange_time(exchange_ensemble):
    model, ens = exchange_ensemble
    k = int(np.argmin(np.abs(ens.steps - model.exchange_time)))
    pred = collective_prediction(model, ens.steps[k])
    f01, se = ens.mean["fidelity_01"][k], ens.standard_error["fidelity_01"][k]
    # neglected by the first-order damped prediction: O((Γ T_π)²)
    model_tol = (model.leakage_rate * model.exchange_time) ** 2
    assert abs(f01 - pred["fidelity_01"]) < STAT_SIGMAS * se + model_tol
    assert f01 > 0.98  # near 1: leakage Γ T_π/2 ≈ 0.012, detuning (Δ/2J)² = 0.0025
    leak, se_leak = ens.mean["leakage"][k], ens.standard_error["leakage"][k]
    assert abs(leak - pred["leakage"]) < STAT_SIGMAS * se_leak + model_tol


def test_alkali_amplitude_has_no_mean_phase_drift_with_the_default_field():
    # N_A/N_B small so that Jt ≪ 1 while ⟨φ⟩t/2 reaches 1 rad
    for field, drift in [(None, 0.0), (0.0, 0.5e-2), (-0.5e-2, 1e-2)]:
        model = StochasticCollisionModel(2, 2000, 1e-2, field_phase_per_step=field)
        ens = simulate_ensemble(model, 200, n_trajectories=16, record_every=50)
        amp = ens.mean["amplitude_10"]
        se = abs(ens.standard_error["amplitude_10"])
        pred = collective_prediction(model, ens.steps)["amplitude_10"]
        assert np.all(np.abs(amp - pred) < STAT_SIGMAS * se + 1e-12)
        assert np.angle(pred[-1]) == pytest.approx(drift * 200, abs=1e-3)


@pytest.mark.parametrize("mean_phase,spread", [(1e-3, None), (1e-4, 1e-3)])
def test_short_time_leakage_rate(mean_phase, spread):
    model = StochasticCollisionModel(100, 10_000, mean_phase, phase_spread=spread)
    n_steps = 2000
    ens = simulate_ensemble(model, n_steps, n_trajectories=24, record_every=n_steps // 4)
    leak, se = ens.mean["leakage"][-1], ens.standard_error["leakage"][-1]
    assert model.coupling * n_steps <= 0.1  # short time: Jt ≪ 1
    pred = collective_prediction(model, n_steps)["leakage"]
    assert abs(leak - pred) < STAT_SIGMAS * se
    eq9 = model.eq9_leakage_rate * n_steps  # ε² = ⟨φ²⟩t/2 of Eq. (9)
    if spread is not None:  # δφ ≫ ⟨φ⟩: uncorrelated collisions, Eq. (9) holds
        assert abs(leak - eq9) < STAT_SIGMAS * se + abs(eq9 - model.leakage_rate * n_steps)
    else:  # δφ = ⟨φ⟩: Γ = (3/8)⟨φ²⟩, Eq. (9) overestimates by 4/3
        assert model.leakage_rate / model.eq9_leakage_rate == pytest.approx(0.75, rel=0.02)
        assert abs(leak - eq9) > STAT_SIGMAS * se


def test_localized_excitation_oscillates_with_amplitude_one_over_na():
    model = StochasticCollisionModel(10, 1000, 1e-3)
    n_steps = round(model.exchange_time)
    ens = simulate_ensemble(model, n_steps, "localized", n_trajectories=10,
                            record_every=n_steps // 20)
    pred = collective_prediction(model, ens.steps, "localized")["fidelity_01"]
    f01, se = ens.mean["fidelity_01"], ens.standard_error["fidelity_01"]
    model_tol = (model.leakage_rate * model.exchange_time) ** 2
    assert np.all(np.abs(f01 - pred) < STAT_SIGMAS * se + model_tol)
    assert f01.max() == pytest.approx(1 / model.n_alkali, rel=0.05)


def test_hong_ou_mandel_bunching():
    model = StochasticCollisionModel(10, 100, 2e-3)
    n_steps = round(math.pi / (4 * model.coupling))  # Jt = π/4
    ens = simulate_ensemble(model, n_steps, "1A1B", n_trajectories=16, record_every=n_steps)
    pred = collective_prediction(model, n_steps, "1A1B")
    for name in ("fidelity_11", "fidelity_20", "fidelity_02"):
        assert abs(ens.mean[name][-1] - pred[name]) < STAT_SIGMAS * ens.standard_error[name][-1]
    # bunched: |1>|1> emptied, the two excitations together in either gas
    assert ens.mean["fidelity_11"][-1] < 0.01
    assert ens.mean["fidelity_20"][-1] + ens.mean["fidelity_02"][-1] > 0.98
    # finite N_A splits F_20 and F_02 (√(1 − 1/N_A) in ⟨2_A0_B|H|1_A1_B⟩); the bosonic limit
    # of the same prediction is the beam splitter's ½, 0, ½
    big = StochasticCollisionModel(10**5, 10**7, 1e-3, field_phase_per_step=0.495e-3)
    limit = collective_prediction(big, math.pi / (4 * big.coupling), "1A1B", damped=False)
    assert limit["fidelity_20"] == pytest.approx(0.5, abs=1e-4)
    assert limit["fidelity_02"] == pytest.approx(0.5, abs=1e-4)
    assert limit["fidelity_11"] == pytest.approx(0.0, abs=1e-8)


# --------------------------------------------------------------------------- bad inputs


def test_bad_inputs():
    with pytest.raises(ValueError, match="n_noble"):
        StochasticCollisionModel(10, 5, 1e-3)
    for bad in (math.nan, math.inf):
        with pytest.raises(ValueError, match="mean_phase"):
            StochasticCollisionModel(2, 5, bad)
    with pytest.raises(ValueError, match="phase_spread"):
        StochasticCollisionModel(2, 5, 1e-3, phase_spread=-1e-3)
    with pytest.raises(ValueError, match="field_phase_per_step"):
        StochasticCollisionModel(2, 5, 1e-3, field_phase_per_step=math.nan)
    with pytest.raises(ValueError, match="n_alkali"):
        StochasticCollisionModel(0, 5, 1e-3)
    model = StochasticCollisionModel(2, 5, 1e-3)
    with pytest.raises(ValueError, match="normalised"):
        simulate(model, 10, 2 * initial_state("1A0B", 2, 5))
    with pytest.raises(ValueError, match="symmetric"):
        simulate(model, 10, np.triu(initial_state("1A1B", 2, 5)) * math.sqrt(2))
    with pytest.raises(ValueError, match="shape"):
        simulate(model, 10, np.ones(3) / math.sqrt(3))
    with pytest.raises(ValueError, match="initial_state"):
        simulate(model, 10, "1A2B")
    with pytest.raises(ValueError, match="record_every"):
        simulate(model, 10, record_every=0)
    with pytest.raises(ValueError, match="n_steps"):
        simulate(model, -1)
    with pytest.raises(ValueError, match="method"):
        simulate(model, 10, method="fortran")
    with pytest.raises(ValueError, match="seed"):
        simulate(model, 10, seed=-3)
    with pytest.raises(ValueError, match="n_trajectories"):
        simulate_ensemble(model, 10, n_trajectories=1)
    with pytest.raises(ValueError, match="workers"):
        simulate_ensemble(model, 10, n_trajectories=2, workers=0)
    with pytest.raises(TypeError, match="rng"):
        draw_collisions(model, 3)


def test_master_equation_verbs_are_not_applicable():
    model = StochasticCollisionModel(3, 30, 0.01)
    for verb in (model.hamiltonian, model.open_system, model.steady_state,
                 lambda: model.evolve([0.0, 1.0])):
        with pytest.raises(NotImplementedError, match="no master equation; use"):
            verb()
