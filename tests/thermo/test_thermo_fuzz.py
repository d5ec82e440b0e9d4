"""Property-based fuzz of every public function of :mod:`spinthermo.thermo` (issue 11).

Random valid inputs — density matrices of dimension 2–6 (full rank, rank-deficient, near-pure,
with eigenvalues just inside the −1e-6 tolerance, diagonal with tiny populations), batches,
Hamiltonians spanning twelve decades, smooth trajectories — must give finite, law-abiding
results. Random invalid inputs must give ValueError/TypeError naming the argument, never
another exception. Kept to a few seconds per test (``max_examples`` modest, one core).
"""

from __future__ import annotations

import dataclasses
import inspect
from collections.abc import Mapping

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from scipy.linalg import expm
from thermo_helpers import random_hermitian, random_state, random_unitary

from spinthermo import thermo
from spinthermo.core.checks import STATE_TOLERANCE
from spinthermo.core.superop import lindblad_dissipator

FUZZ = settings(max_examples=60, deadline=None)
#: Sums of d² products of O(1) numbers, relative to the operator scale involved.
ROUNDING = 1e-12
STATE_KINDS = ("full", "rank_deficient", "near_pure", "boundary", "diagonal")


def _state(rng: np.random.Generator, d: int, kind: str) -> np.ndarray:
    if kind == "full":
        return random_state(rng, d)
    if kind == "rank_deficient":
        return random_state(rng, d, rank=int(rng.integers(1, d)))
    if kind == "near_pure":
        eps = rng.choice([0.0, 1e-15, 1e-13, 1e-10, 1e-7])
        return (1 - eps) * random_state(rng, d, rank=1) + eps * random_state(rng, d)
    u = random_unitary(rng, d)
    if kind == "boundary":  # one eigenvalue in [-5e-7, 0]: valid within the tolerance
        low = -5e-7 * rng.random()
        rest = rng.dirichlet(np.ones(d - 1)) * (1 - low)
        return u @ np.diag(np.concatenate([[low], rest])) @ u.conj().T
    populations = 10.0 ** rng.uniform(-14, 0, size=d)  # "diagonal": commuting, tiny entries
    return np.diag(populations / populations.sum()).astype(complex)


@st.composite
def samples(draw, min_dim: int = 2, max_dim: int = 6, batch: bool = True):
    """``(rng, rho)`` with rho of shape (d, d) or (n, d, d), every state of a random kind."""
    d = draw(st.integers(min_dim, max_dim))
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    n = draw(st.integers(0, 3)) if batch else 0
    kinds = [draw(st.sampled_from(STATE_KINDS)) for _ in range(max(n, 1))]
    rhos = [_state(rng, d, kind) for kind in kinds]
    return rng, (np.stack(rhos) if n else rhos[0])


def _hamiltonian(rng: np.random.Generator, d: int) -> np.ndarray:
    return random_hermitian(rng, d, scale=10.0 ** rng.uniform(-3, 9))


def _finite(value) -> np.ndarray:
    arr = np.asarray(value, dtype=float)
    assert np.all(np.isfinite(arr)), arr
    return arr


# --- valid inputs: laws ------------------------------------------------------------------------


@FUZZ
@given(samples(), samples(batch=False))
def test_entropies_are_bounded_and_nonnegative(sample, other):
    (_, rho), (_, sigma) = sample, other
    d = rho.shape[-1]
    entropy = _finite(thermo.von_neumann_entropy(rho))
    assert np.all((entropy >= 0) & (entropy <= np.log(d)))
    production = _finite(thermo.entropy_production(rho))
    assert np.all((production >= 0) & (production <= np.log(d)))
    np.testing.assert_allclose(production, np.log(d) - entropy, atol=ROUNDING)
    purity = _finite(thermo.purity(rho))
    assert np.all((purity >= 1 / d) & (purity <= 1))
    assert np.all(thermo.relative_entropy(rho, rho) <= 1e-10)
    if sigma.shape[-1] == d:
        divergence = np.asarray(thermo.relative_entropy(rho, sigma))
        assert not np.any(np.isnan(divergence)) and np.all(divergence >= 0)
        assert np.all(thermo.entropy_production(rho, sigma) == divergence)


@FUZZ
@given(samples(), st.floats(0.01, 100.0))
def test_entropy_rates_second_law_and_rate_identity(sample, gamma):
    """Replacement dynamics ρ̇ = −i[K, ρ] + γ(ρ_ss − ρ) with [K, ρ_ss] = 0 has fixed point ρ_ss,
    so Spohn's rate is ≥ 0; −Ṡ equals the seed-000 rate against 1/d."""
    rng, rho = sample
    d = rho.shape[-1]
    rho = 0.9 * rho + 0.1 * random_state(rng, d)  # full rank: the rates are finite
    rho_ss = random_state(rng, d)
    k = thermo.passive_state(rho_ss, rho_ss)  # a function of ρ_ss: commutes with it
    rho_dot = -1j * (k @ rho - rho @ k) + gamma * (rho_ss - rho)
    spohn = _finite(thermo.spohn_entropy_production_rate(rho, rho_dot, rho_ss))
    assert np.all(spohn >= -ROUNDING * gamma)
    rate = _finite(thermo.entropy_production_rate(rho, rho_dot))
    h = 1e-6 / gamma
    minus_ds = (thermo.von_neumann_entropy(rho - h * rho_dot)
                - thermo.von_neumann_entropy(rho + h * rho_dot)) / (2 * h)
    np.testing.assert_allclose(rate, minus_ds, atol=1e-6 * gamma, rtol=1e-4)


@FUZZ
@given(samples())
def test_ergotropy_and_polarization_efficiency_bounds(sample):
    rng, rho = sample
    d = rho.shape[-1]
    h = _hamiltonian(rng, d)
    scale = ROUNDING * np.max(np.abs(h)) * d
    energy = _finite(thermo.internal_energy(rho, h))  # from the ground level
    passive = _finite(thermo.passive_energy(rho, h))
    work = _finite(thermo.ergotropy(rho, h))
    assert np.all((work >= 0) & (work <= energy + scale))
    assert np.all((passive >= -scale) & (passive <= energy + scale))
    np.testing.assert_allclose(work, np.maximum(energy - passive, 0), atol=scale)
    efficiency = _finite(thermo.polarization_efficiency(rho, h))
    assert np.all((efficiency >= 0) & (efficiency <= 1))
    passive_state = thermo.passive_state(rho, h)
    np.testing.assert_allclose(np.trace(passive_state, axis1=-2, axis2=-1), 1, atol=1e-6)
    np.testing.assert_allclose(passive_state @ h, h @ passive_state, atol=scale)
    np.testing.assert_allclose(thermo.internal_energy(passive_state, h), passive, atol=scale)


@FUZZ
@given(samples(), st.integers(1, 10**6))
def test_fisher_information_between_zero_and_four_variances(sample, repetitions):
    rng, rho = sample
    g = _hamiltonian(rng, rho.shape[-1])
    fisher = _finite(thermo.quantum_fisher_information(rho, g))
    mean = np.real(np.trace(rho @ g, axis1=-2, axis2=-1))
    variance = np.real(np.trace(rho @ g @ g, axis1=-2, axis2=-1)) - mean**2
    # Boundary states are valid only within the state tolerance (eigenvalues down to -5e-7):
    # the QFI of the clipped state and the variance of the given matrix differ by that much.
    slack = 16 * STATE_TOLERANCE * np.max(np.abs(np.linalg.eigvalsh(g))) ** 2
    assert np.all((fisher >= 0) & (fisher <= 4 * variance + slack))
    bound = np.asarray(thermo.cramer_rao_bound(fisher, repetitions))
    positive = fisher > 0
    np.testing.assert_allclose(bound[positive], 1 / np.sqrt(repetitions * fisher[positive]))
    assert np.all(np.isinf(bound[~positive]))


@FUZZ
@given(samples(), st.booleans())
def test_coherences_bounded_and_relative_entropy_form(sample, rotate):
    rng, rho = sample
    d = rho.shape[-1]
    basis = random_unitary(rng, d) if rotate else None
    l1 = _finite(thermo.l1_coherence(rho, basis))
    assert np.all((l1 >= 0) & (l1 <= d - 1 + 1e-9))
    c_r = _finite(thermo.relative_entropy_of_coherence(rho, basis))
    assert np.all((c_r >= 0) & (c_r <= np.log(d)))
    b = np.eye(d) if basis is None else basis
    in_basis = b.conj().T @ rho @ b
    dephased = b @ (np.eye(d) * in_basis) @ b.conj().T
    np.testing.assert_allclose(c_r, thermo.relative_entropy(rho, dephased), atol=1e-9)


@FUZZ
@given(st.integers(2, 6), st.integers(0, 2**32 - 1), st.floats(-3.0, 3.0))
def test_gibbs_state_temperature_and_detailed_balance_heat_currents(d, seed, beta_omega):
    """A Gibbs state returns its β, and carries no heat current under detailed balance."""
    rng = np.random.default_rng(seed)
    omega = 10.0 ** rng.uniform(-3, 9)
    levels = np.sort(rng.uniform(-1, 1, size=d)) * omega
    u = random_unitary(rng, d)
    h = u @ np.diag(levels) @ u.conj().T
    beta = beta_omega / omega
    gibbs = u @ np.diag(np.exp(-beta * levels) / np.sum(np.exp(-beta * levels))) @ u.conj().T
    temperature = thermo.nonequilibrium_inverse_temperature(gibbs, h)
    assert temperature == pytest.approx(beta, rel=1e-6, abs=1e-9 / omega)
    jumps, rates = [], []
    for j in range(d):
        for k in range(d):
            if j != k:  # |e_j⟩⟨e_k| at rate e^{−β(E_j − E_k)/2}: Gibbs is the fixed point
                jumps.append(np.outer(u[:, j], u[:, k].conj()))
                rates.append(np.exp(-beta * (levels[j] - levels[k]) / 2))
    currents = thermo.lindblad_heat_currents(gibbs, h, jumps, rates)
    total = sum(lindblad_dissipator(jump, rate) for jump, rate in zip(jumps, rates, strict=True))
    scale = omega * max(rates) * d
    assert thermo.heat_current(gibbs, h, total) == pytest.approx(0.0, abs=1e-10 * scale)
    assert np.sum(currents) == pytest.approx(0.0, abs=1e-10 * scale)
    power = thermo.power(gibbs, h)
    assert power == pytest.approx(np.real(np.trace(gibbs @ h)), abs=ROUNDING * omega)


def _trajectory(rng: np.random.Generator, d: int, n: int = 201):
    """ρ(t) = V(t)[(1 − t)ρ_a + tρ_b]V(t)†, V = e^{−iGt}, H(t) = H₀ + tH₁ on t ∈ [0, 1], with
    their exact derivatives."""
    t = np.linspace(0.0, 1.0, n)
    a, b = random_state(rng, d), random_state(rng, d, rank=int(rng.integers(1, d + 1)))
    g = random_hermitian(rng, d, scale=rng.uniform(0, 2))
    h0, h1 = random_hermitian(rng, d), random_hermitian(rng, d, scale=rng.uniform(0, 2))
    vs = np.stack([expm(-1j * g * s) for s in t])
    mix = (1 - t)[:, None, None] * a + t[:, None, None] * b
    rho = vs @ mix @ np.conj(np.swapaxes(vs, -1, -2))
    rho_dot = -1j * (g @ rho - rho @ g) + vs @ (b - a) @ np.conj(np.swapaxes(vs, -1, -2))
    h = h0 + t[:, None, None] * h1
    return t, rho, h, rho_dot, np.broadcast_to(h1, h.shape)


@settings(max_examples=25, deadline=None)
@given(st.integers(2, 5), st.integers(0, 2**32 - 1))
def test_first_law_closes_on_random_trajectories(d, seed):
    rng = np.random.default_rng(seed)
    t, rho, h, rho_dot, h_dot = _trajectory(rng, d)
    rates = thermo.first_law_rates(t, rho, h, rho_dot, h_dot)
    du = _finite(thermo.internal_energy_rate(t, rho, h, rho_dot, h_dot))
    scale = ROUNDING * rates.energy_scale * max(1.0, np.max(np.abs(rho_dot)))
    splits = {"conventional": thermo.conventional_split, "hamiltonian":
              thermo.hamiltonian_based_split, "entropy": thermo.entropy_based_split}
    for framework in thermo.FRAMEWORKS:
        split = splits[framework](t, rho, h, rho_dot, h_dot)
        np.testing.assert_allclose(_finite(split.heat_rate) + _finite(split.work_rate), du,
                                   atol=scale)
        np.testing.assert_array_equal(split.heat_rate, rates.split(framework).heat_rate)
    integrals = rates.integrate("simpson", rtol=1e-6)  # raises if ΔU ≠ Q + W
    assert set(integrals.residual) == set(thermo.FRAMEWORKS)
    u = np.real(np.trace(rho @ h, axis1=-2, axis2=-1))
    np.testing.assert_allclose(integrals.internal_energy_change, u - u[0], atol=scale)
    full_rank = 0.5 * rho + 0.5 * np.eye(d) / d  # Ṡ and β finite
    entropy = thermo.irreversible_entropy_rates(t, full_rank, h, 0.5 * rho_dot, h_dot)
    _finite(entropy.entropy_rate)
    _finite(entropy.inverse_temperature)
    for framework in thermo.FRAMEWORKS:
        _finite(entropy.irreversible_entropy_rate[framework])


@FUZZ
@given(samples(min_dim=2, max_dim=2), st.integers(0, 2**32 - 1))
def test_bloch_forms_agree_with_the_matrix_forms(sample, seed):
    _, rho = sample
    rng = np.random.default_rng(seed)
    h, h_dot = _hamiltonian(rng, 2), _hamiltonian(rng, 2)
    r, omega = thermo.bloch_vector(rho), thermo.field_vector(h)
    assert np.all(np.linalg.norm(r, axis=-1) <= 1 + 1e-6)
    law = thermo.bloch_first_law(r, rng.normal(size=3), omega, thermo.field_vector(h_dot))
    for framework in thermo.FRAMEWORKS:
        total = law.split(framework).heat_rate + law.split(framework).work_rate
        np.testing.assert_allclose(total, law.internal_energy_rate,
                                   atol=ROUNDING * np.max(np.abs(h_dot)) * 10)
    np.testing.assert_allclose(law.internal_energy, np.real(np.trace(rho @ h, axis1=-2,
                                                                     axis2=-1))
                               - np.real(np.trace(h)) / 2, atol=ROUNDING * np.max(np.abs(h)))
    beta = np.asarray(thermo.bloch_inverse_temperature(r, omega))
    assert not np.any(np.isnan(beta))
    assert not np.any(np.isnan(thermo.nonequilibrium_inverse_temperature(rho, h)))


@given(st.integers(1, 64))
def test_maximally_mixed_state_has_maximal_entropy(d):
    state = thermo.maximally_mixed_state(d)
    assert thermo.von_neumann_entropy(state) == pytest.approx(np.log(d), abs=1e-13)
    assert thermo.entropy_production(state) == pytest.approx(0.0, abs=1e-13)


# --- invalid inputs: ValueError/TypeError naming the argument ------------------------------

RNG = np.random.default_rng(2024)
D = 3
RHO = random_state(RNG, D)
SIGMA = random_state(RNG, D)
H = random_hermitian(RNG, D)
RHO_DOT = random_hermitian(RNG, D)
RHO_DOT -= np.trace(RHO_DOT) / D * np.eye(D)
TIMES, TRAJ, H_TRAJ, TRAJ_DOT, H_TRAJ_DOT = _trajectory(RNG, D, n=7)
R_VEC, OMEGA = np.array([0.1, 0.2, 0.3]), np.array([0.0, 0.5, 1.0])

#: Every public function with a valid call; keyword names are the arguments a message names.
CALLS = {
    "von_neumann_entropy": (thermo.von_neumann_entropy, {"rho": RHO}),
    "state_spectrum": (thermo.state_spectrum, {"rho": RHO}),
    "relative_entropy": (thermo.relative_entropy, {"rho": RHO, "sigma": SIGMA}),
    "entropy_production": (thermo.entropy_production, {"rho": RHO, "reference": SIGMA}),
    "entropy_production_rate": (thermo.entropy_production_rate,
                                {"rho": RHO, "rho_dot": RHO_DOT, "reference": SIGMA}),
    "spohn_entropy_production_rate": (thermo.spohn_entropy_production_rate,
                                      {"rho": RHO, "rho_dot": RHO_DOT, "steady_state": SIGMA}),
    "maximally_mixed_state": (thermo.maximally_mixed_state, {"d": 3}),
    "internal_energy": (thermo.internal_energy,
                        {"rho": RHO, "hamiltonian": H, "energy_zero": "ground"}),
    "passive_energy": (thermo.passive_energy,
                       {"rho": RHO, "hamiltonian": H, "energy_zero": "trace"}),
    "passive_state": (thermo.passive_state, {"rho": RHO, "hamiltonian": H}),
    "ergotropy": (thermo.ergotropy, {"rho": RHO, "hamiltonian": H}),
    "polarization_efficiency": (thermo.polarization_efficiency,
                                {"rho": RHO, "hamiltonian": H, "energy_zero": "ground"}),
    "quantum_fisher_information": (thermo.quantum_fisher_information,
                                   {"rho": RHO, "generator": H}),
    "cramer_rao_bound": (thermo.cramer_rao_bound, {"qfi": 2.0, "repetitions": 10}),
    "l1_coherence": (thermo.l1_coherence, {"rho": RHO, "basis": random_unitary(RNG, D)}),
    "relative_entropy_of_coherence": (thermo.relative_entropy_of_coherence,
                                      {"rho": RHO, "basis": random_unitary(RNG, D)}),
    "nonequilibrium_inverse_temperature": (thermo.nonequilibrium_inverse_temperature,
                                           {"rho": RHO, "hamiltonian": H}),
    "purity": (thermo.purity, {"rho": RHO}),
    "bloch_vector": (thermo.bloch_vector, {"rho": np.diag([0.75, 0.25])}),
    "density_matrix_from_bloch": (thermo.density_matrix_from_bloch, {"r_vec": R_VEC}),
    "field_vector": (thermo.field_vector, {"hamiltonian": np.diag([1.0, -1.0])}),
    "bloch_first_law": (thermo.bloch_first_law, {"r_vec": R_VEC, "r_dot": R_VEC,
                                                 "omega_vec": OMEGA, "omega_dot": OMEGA}),
    "bloch_inverse_temperature": (thermo.bloch_inverse_temperature,
                                  {"r_vec": R_VEC, "omega_vec": OMEGA}),
    "heat_current": (thermo.heat_current, {"rho": RHO, "hamiltonian": H,
                                           "dissipator": lindblad_dissipator(RHO_DOT, 1.0)}),
    "lindblad_heat_currents": (thermo.lindblad_heat_currents,
                               {"rho": RHO, "hamiltonian": H, "jumps": [RHO_DOT, H],
                                "rates": [1.0, 2.0]}),
    "power": (thermo.power, {"rho": RHO, "hamiltonian_dot": H}),
}
TRAJECTORY = {"times": TIMES, "rho": TRAJ, "hamiltonian": H_TRAJ, "rho_dot": TRAJ_DOT,
              "hamiltonian_dot": H_TRAJ_DOT, "derivative": "spline"}
for _name in ("first_law_rates", "internal_energy_rate", "conventional_split",
              "hamiltonian_based_split", "entropy_based_split", "irreversible_entropy_rates"):
    CALLS[_name] = (getattr(thermo, _name), dict(TRAJECTORY))
CALLS["FirstLawRates.split"] = (
    lambda framework: thermo.first_law_rates(TIMES, TRAJ, H_TRAJ).split(framework),
    {"framework": "entropy"})
CALLS["FirstLawRates.integrate"] = (
    lambda method, rtol: thermo.first_law_rates(TIMES, TRAJ, H_TRAJ).integrate(method,
                                                                               rtol=rtol),
    {"method": "simpson", "rtol": 1e-3})
CALLS["BlochFirstLaw.split"] = (
    lambda framework: thermo.bloch_first_law(R_VEC, R_VEC, OMEGA, OMEGA).split(framework),
    {"framework": "conventional"})

MATRIX_ARGUMENTS = {"rho", "sigma", "reference", "rho_dot", "steady_state", "hamiltonian",
                    "generator", "basis", "dissipator", "hamiltonian_dot", "jumps"}
CHOICE_ARGUMENTS = {"energy_zero", "derivative", "framework", "method"}


#: Arguments for which None is valid (the default).
OPTIONAL_ARGUMENTS = {"reference", "basis", "rates", "rho_dot", "hamiltonian_dot"}


def _corruptions(name: str, value, paired: bool) -> list:
    """Invalid replacements for argument ``name`` whose valid value is ``value``; ``paired``:
    the call has another matrix argument whose dimension this one must match."""
    common = ["junk", "[bold]", np.array([[1, None], [None, 1]], dtype=object),
              [[1.0, 0.0], [0.0]], {"a": 1}] + ([] if name in OPTIONAL_ARGUMENTS else [None])
    if name in CHOICE_ARGUMENTS:
        return ["", "heat", "ground ", 3, None, "Ground", "\u2603"]
    if name == "d":
        return [0, -2, 2.5, "3", True, None, np.nan, 10**0 * 1.0]
    if name in ("qfi", "rtol"):
        return ["junk", None, np.nan, -1.0, 1j, [[None]]]
    if name in ("repetitions", "rates"):
        return ["junk", np.nan, -1.0, [[None]]] + ([0, None] if name != "rates" else [[1.0]])
    arr = np.array(value, dtype=float if name in ("times", "r_vec", "r_dot", "omega_vec",
                                                  "omega_dot") else complex)
    nan, inf = arr.copy(), arr.copy()
    nan.flat[0], inf.flat[-1] = np.nan, np.inf
    shapes = [arr[..., :-1], arr.reshape(-1)[:5], arr[..., None]]
    if name == "times":
        return [*common, nan, inf, arr[::-1], arr[None], arr[:-1], np.zeros_like(arr)]
    if name in ("r_vec", "r_dot", "omega_vec", "omega_dot"):
        return common + [nan, inf, arr[:2], arr + 1j] + ([arr * 10] if name == "r_vec" else [])
    bad = [*common, nan, inf, *shapes]
    if name in MATRIX_ARGUMENTS - {"dissipator", "jumps"}:
        skew = arr.copy()
        skew[..., 0, 1] += 0.3
        bigger = np.zeros((*arr.shape[:-2], arr.shape[-1] + 1, arr.shape[-1] + 1), complex)
        bigger[..., :-1, :-1] = arr
        bad += [skew]
        if paired:
            bad += [bigger]
    if name in ("rho", "sigma", "reference", "steady_state"):
        bad += [2 * arr, arr - 0.5 * np.eye(arr.shape[-1])]  # trace ≠ 1, negative eigenvalues
    if name == "rho_dot":
        bad += [arr + np.eye(arr.shape[-1])]  # not traceless
    if name == "basis":
        bad += [2 * arr]  # not unitary
    return bad


def _call_corruptions(call: str, arg: str) -> list:
    kwargs = CALLS[call][1]
    paired = bool(MATRIX_ARGUMENTS & (set(kwargs) - {arg})) and call != "field_vector"
    return _corruptions(arg, kwargs[arg], paired)


CASES = [(call, arg, k) for call, (_, kwargs) in CALLS.items() for arg in kwargs
         for k in range(len(_call_corruptions(call, arg)))]


@pytest.mark.parametrize(("call", "arg", "k"), CASES)
def test_invalid_arguments_raise_value_or_type_error_naming_them(call, arg, k):
    func, kwargs = CALLS[call]
    bad = _call_corruptions(call, arg)[k]
    with pytest.raises((ValueError, TypeError)) as info:
        func(**{**kwargs, arg: bad})
    assert arg in str(info.value), (call, arg, repr(bad)[:80], str(info.value))


def test_every_public_function_is_fuzzed():
    public = {name for name in thermo.__all__
              if inspect.isfunction(getattr(thermo, name))}
    assert public <= set(CALLS), public - set(CALLS)
    for _call, (func, kwargs) in CALLS.items():  # and every valid call works
        func(**kwargs)


_RANDOM_JUNK = st.one_of(
    hnp.arrays(st.sampled_from([np.float64, np.complex128]),
               hnp.array_shapes(min_dims=0, max_dims=4, max_side=4),
               elements=st.one_of(st.just(np.nan), st.just(np.inf), st.integers(-3, 3))),
    hnp.arrays(st.sampled_from([np.int64, np.bool_]),
               hnp.array_shapes(min_dims=0, max_dims=4, max_side=4)),
    hnp.arrays(np.dtype("U12"), hnp.array_shapes(max_dims=3, max_side=3),
               elements=st.sampled_from(["a", "[bold]", ":thumbs_up:"])),
    st.lists(st.sampled_from(["a", None, 1.0, 1j]), min_size=1, max_size=4).map(
        lambda v: np.array([v, v], dtype=object)),
    st.text(max_size=10), st.none(), st.lists(st.lists(st.floats(), max_size=3), max_size=3),
)


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(sorted(CALLS)), st.data())
def test_random_junk_gives_a_result_or_an_error_naming_the_argument(call, data):
    func, kwargs = CALLS[call]
    arg = data.draw(st.sampled_from(sorted(kwargs)))
    junk = data.draw(_RANDOM_JUNK)
    try:
        result = func(**{**kwargs, arg: junk})
    except (ValueError, TypeError) as err:
        assert arg in str(err), (call, arg, str(err))
        return
    _assert_no_nan(result)


def _assert_no_nan(result) -> None:
    """No NaN anywhere in a result (array, float, or a dataclass of arrays and mappings)."""
    if dataclasses.is_dataclass(result):
        for field in dataclasses.fields(result):
            _assert_no_nan(getattr(result, field.name))
    elif isinstance(result, Mapping):
        for value in result.values():
            _assert_no_nan(value)
    elif not isinstance(result, str):
        assert not np.any(np.isnan(np.asarray(result, dtype=complex)))
