"""Input handling common to all thermo diagnostics: validation, batching, QuTiP, speed."""

from __future__ import annotations

import subprocess
import sys
import time

import numpy as np
import pytest
import qutip
from thermo_helpers import random_hermitian, random_state

from spinthermo import thermo
from spinthermo.core.checks import STATE_TOLERANCE

RNG = np.random.default_rng(12345)
D = 4
H = random_hermitian(RNG, D)
RHO_DOT = random_hermitian(RNG, D)
RHO_DOT = RHO_DOT - np.trace(RHO_DOT) / D * np.eye(D)  # traceless
SIGMA = random_state(RNG, D)

#: Every public state diagnostic, as a one-argument function of rho.
DIAGNOSTICS = {
    "von_neumann_entropy": thermo.von_neumann_entropy,
    "relative_entropy": lambda rho: thermo.relative_entropy(rho, SIGMA),
    "relative_entropy_sigma": lambda rho: thermo.relative_entropy(SIGMA, rho),
    "entropy_production": thermo.entropy_production,
    "entropy_production_ref": lambda rho: thermo.entropy_production(rho, SIGMA),
    "entropy_production_rate": lambda rho: thermo.entropy_production_rate(rho, RHO_DOT),
    "spohn": lambda rho: thermo.spohn_entropy_production_rate(rho, RHO_DOT, SIGMA),
    "internal_energy": lambda rho: thermo.internal_energy(rho, H),
    "internal_energy_trace": lambda rho: thermo.internal_energy(rho, H, "trace"),
    "passive_energy": lambda rho: thermo.passive_energy(rho, H),
    "ergotropy": lambda rho: thermo.ergotropy(rho, H),
    "polarization_efficiency": lambda rho: thermo.polarization_efficiency(rho, H),
    "qfi": lambda rho: thermo.quantum_fisher_information(rho, H),
    "l1_coherence": thermo.l1_coherence,
    "relative_entropy_of_coherence": thermo.relative_entropy_of_coherence,
}
#: The argument name each diagnostic reports for a bad state.
STATE_NAME = {"relative_entropy_sigma": "sigma"}


def _batch(shape, rank=None):
    rng = np.random.default_rng(7)
    n = int(np.prod(shape))
    return np.stack([random_state(rng, D, rank=rank) for _ in range(n)]).reshape(*shape, D, D)


@pytest.mark.parametrize("name", DIAGNOSTICS)
def test_batch_equals_loop_and_returns_float(name):
    fn = DIAGNOSTICS[name]
    rhos = _batch((2, 3))
    batch = fn(rhos)
    assert isinstance(batch, np.ndarray)
    assert batch.shape == (2, 3)
    assert batch.dtype == float
    for idx in np.ndindex(2, 3):
        single = fn(rhos[idx])
        assert type(single) is float
        assert batch[idx] == single  # exactly: one eigh per state, batched or not


@pytest.mark.parametrize("name", DIAGNOSTICS)
def test_accepts_qutip_objects(name):
    fn = DIAGNOSTICS[name]
    rho = qutip.rand_dm(D, seed=3)
    single = fn(rho)
    assert type(single) is float and single == fn(rho.full())  # the same number, not close
    as_list = fn([rho, rho])
    assert as_list.shape == (2,)
    np.testing.assert_allclose(as_list, [single, single], rtol=1e-13, atol=1e-15)


# Analytic values. PLUS = |+⟩⟨+| with |+⟩ = (1,1,1,1)/2; MIXED = diag(0.4, 0.3, 0.2, 0.1);
# LEVELS = diag(0, 1, 2, 3); GIBBS ∝ exp(−0.5 LEVELS).
PLUS = np.full((D, D), 1 / D, dtype=complex)
POPULATIONS = np.array([0.4, 0.3, 0.2, 0.1])
MIXED = np.diag(POPULATIONS).astype(complex)
LEVELS = np.diag([0.0, 1.0, 2.0, 3.0]).astype(complex)
_BOLTZMANN = np.exp(-0.5 * np.arange(D)) / np.sum(np.exp(-0.5 * np.arange(D)))
GIBBS = np.diag(_BOLTZMANN).astype(complex)
_S_MIXED = float(-np.sum(POPULATIONS * np.log(POPULATIONS)))
_MIXED_DOT = np.diag([-0.1, 0.0, 0.0, 0.1]).astype(complex)  # population flows 0 → 3

#: (diagnostic of rho, state, value known in closed form).
KNOWN_VALUES = [
    (thermo.von_neumann_entropy, PLUS, 0.0),
    (thermo.von_neumann_entropy, MIXED, _S_MIXED),
    (thermo.entropy_production, MIXED, np.log(D) - _S_MIXED),
    (lambda rho: thermo.relative_entropy(rho, GIBBS), MIXED,
     float(np.sum(POPULATIONS * np.log(POPULATIONS / _BOLTZMANN)))),
    (lambda rho: thermo.relative_entropy(rho, np.eye(D) / D), PLUS, np.log(D)),
    # −dS/dt = Σ ṗ_k ln p_k = 0.1 ln(0.1/0.4)
    (lambda rho: thermo.entropy_production_rate(rho, _MIXED_DOT), MIXED, 0.1 * np.log(0.25)),
    # Spohn against the Gibbs state: −Σ ṗ_k ln(p_k/g_k)
    (lambda rho: thermo.spohn_entropy_production_rate(rho, _MIXED_DOT, GIBBS), MIXED,
     -0.1 * (np.log(0.1 / _BOLTZMANN[3]) - np.log(0.4 / _BOLTZMANN[0]))),
    (lambda rho: thermo.internal_energy(rho, LEVELS), PLUS, 1.5),
    (lambda rho: thermo.internal_energy(rho, LEVELS), MIXED, 1.0),
    (lambda rho: thermo.passive_energy(rho, LEVELS), PLUS, 0.0),
    (lambda rho: thermo.ergotropy(rho, LEVELS), PLUS, 1.5),  # pure: all of E above e0
    (lambda rho: thermo.ergotropy(rho, LEVELS), MIXED, 0.0),  # passive already
    (lambda rho: thermo.ergotropy(rho, -LEVELS), MIXED, 1.0),  # inverted: E − E_p = 2 − 1
    (lambda rho: thermo.polarization_efficiency(rho, LEVELS), PLUS, 1.0),
    (lambda rho: thermo.quantum_fisher_information(rho, LEVELS), PLUS, 5.0),  # 4 Var = 4·5/4
    (lambda rho: thermo.quantum_fisher_information(rho, LEVELS), MIXED, 0.0),  # commutes
    (thermo.l1_coherence, PLUS, D - 1.0),
    (thermo.l1_coherence, MIXED, 0.0),
    (thermo.relative_entropy_of_coherence, PLUS, np.log(D)),
    (thermo.purity, MIXED, 0.3),
    (lambda rho: thermo.nonequilibrium_inverse_temperature(rho, LEVELS), GIBBS, 0.5),
]


@pytest.mark.parametrize(("fn", "state", "expected"), KNOWN_VALUES)
def test_known_states_give_known_values_single_batched_and_as_qobj(fn, state, expected):
    single = fn(state)
    assert single == pytest.approx(expected, rel=1e-12, abs=1e-14)
    batch = fn(np.stack([state, MIXED, state]))
    assert batch.shape == (3,)
    assert batch[0] == batch[2] == single  # a batch gives exactly the per-state values
    assert fn(qutip.Qobj(state)) == single


def test_qutip_operators_accepted_everywhere():
    rho, h = qutip.rand_dm(3, seed=1), qutip.rand_herm(3, seed=2)
    assert thermo.ergotropy(rho, h) == thermo.ergotropy(rho.full(), h.full())
    assert thermo.quantum_fisher_information(rho, h) == thermo.quantum_fisher_information(
        rho.full(), h.full())
    passive = thermo.passive_state(rho, h)
    np.testing.assert_array_equal(passive, thermo.passive_state(rho.full(), h.full()))
    # The passive state has ρ's spectrum, with the largest population in the ground level.
    np.testing.assert_allclose(np.linalg.eigvalsh(passive), np.linalg.eigvalsh(rho.full()),
                               atol=1e-14)
    ground = np.linalg.eigh(h.full())[1][:, 0]
    assert np.real(ground.conj() @ passive @ ground) == pytest.approx(
        np.max(np.linalg.eigvalsh(rho.full())), rel=1e-12)


@pytest.mark.parametrize("name", DIAGNOSTICS)
@pytest.mark.parametrize(
    ("bad", "match"),
    [
        (np.array([[0.5, 0.3], [0.0, 0.5]]), "must be Hermitian"),
        (np.diag([0.7, 0.7]), "must have unit trace"),
        (np.diag([1.2, -0.2]), "must be positive semidefinite"),
        (np.ones((2, 3)), r"must have shape \(\.\.\., d, d\)"),
        (np.ones(3), r"given as a ket \(shape \(3,\)\) must be normalised"),
        (np.array([[np.nan, 0], [0, 0.5]]), "must be finite"),
    ],
)
def test_rejects_unphysical_states_naming_the_argument(name, bad, match):
    fn = DIAGNOSTICS[name]
    if bad.ndim == 2:
        bad = np.pad(bad, ((0, D - 2), (0, D - 2)))
    with pytest.raises(ValueError, match=f"{STATE_NAME.get(name, 'rho')} {match}"):
        fn(bad)


SINGLE_ARGUMENT = (
    "von_neumann_entropy",
    "entropy_production",
    "l1_coherence",
    "relative_entropy_of_coherence",
)


@pytest.mark.parametrize("name", [n for n in DIAGNOSTICS if n not in SINGLE_ARGUMENT])
def test_dimension_mismatch(name):
    with pytest.raises(ValueError, match="must act on the same space"):
        DIAGNOSTICS[name](np.eye(3) / 3)


def test_batch_shapes_must_broadcast():
    with pytest.raises(ValueError, match="do not broadcast"):
        thermo.ergotropy(_batch((3,)), np.stack([H, H]))


def test_hamiltonian_validation_is_relative_to_its_scale():
    big = 2 * np.pi * 3.4e9 * H
    nudged = big + 1e-3 * np.triu(np.ones((D, D)), 1)  # 1e-3 rad/s on 2e10: rounding level
    assert thermo.ergotropy(SIGMA, nudged) == pytest.approx(thermo.ergotropy(SIGMA, big), rel=1e-9)
    with pytest.raises(ValueError, match="hamiltonian must be Hermitian"):
        thermo.internal_energy(SIGMA, big + 1e6 * np.triu(np.ones((D, D)), 1))


def test_states_within_tolerance_are_clipped_not_rejected():
    """Solver output with tiny negative eigenvalues gives finite results, never NaN."""
    rho = np.diag([0.5, 0.5 + 0.5 * STATE_TOLERANCE, -0.5 * STATE_TOLERANCE, 0.0])
    # Clipped and renormalised: two populations 0.5 ± 2.5e-7, so S = ln 2 − 1.25e-13 ≤ ln 2.
    entropy = thermo.von_neumann_entropy(rho)
    assert entropy <= np.log(2)
    assert entropy == pytest.approx(np.log(2), abs=1e-12)
    assert thermo.entropy_production(rho) == pytest.approx(np.log(2), abs=1e-12)
    for name, fn in DIAGNOSTICS.items():
        if name == "relative_entropy_sigma":
            assert fn(rho) == np.inf  # SIGMA is full rank, rho is not: supp SIGMA ⊄ supp rho
            continue
        if name in ("entropy_production_rate", "spohn"):
            continue  # RHO_DOT populates the kernel of this rank-2 state: raises, by design
        assert np.isfinite(fn(rho)), name


def test_pure_and_extreme_states_are_finite():
    pure = np.zeros((D, D))
    pure[0, 0] = 1.0
    for name, fn in DIAGNOSTICS.items():
        if name in ("relative_entropy_sigma", "entropy_production_rate", "spohn"):
            continue
        assert np.isfinite(fn(pure)), name
    assert np.isfinite(thermo.von_neumann_entropy(np.array([[1.0]])))


def test_large_batch_is_fast():
    """(400, 8, 8) trajectories: one batched eigh per call, no Python loop over the batch."""
    rng = np.random.default_rng(0)
    a = rng.normal(size=(400, 8, 8)) + 1j * rng.normal(size=(400, 8, 8))
    rhos = a @ np.conj(np.swapaxes(a, -1, -2))
    rhos /= np.trace(rhos, axis1=-2, axis2=-1).real[:, None, None]
    h, g = random_hermitian(rng, 8), random_hermitian(rng, 8)
    dots = rhos[::-1] - rhos
    start = time.perf_counter()
    for _ in range(3):
        thermo.von_neumann_entropy(rhos)
        thermo.entropy_production(rhos)
        thermo.entropy_production_rate(rhos, dots)
        thermo.ergotropy(rhos, h)
        thermo.polarization_efficiency(rhos, h)
        thermo.quantum_fisher_information(rhos, g)
        thermo.l1_coherence(rhos)
    elapsed = (time.perf_counter() - start) / 3
    assert elapsed < 1.0  # ~20 ms on a laptop; a per-state Python loop costs ~10x more


def test_qutip_is_not_a_runtime_dependency():
    code = "import sys, spinthermo.thermo; assert 'qutip' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True)


def test_qubit_closed_form_eigh_matches_lapack():
    from spinthermo.thermo.spectral import hermitian_eigh

    rng = np.random.default_rng(11)
    a = rng.normal(size=(500, 2, 2)) + 1j * rng.normal(size=(500, 2, 2))
    h = a + np.conj(np.swapaxes(a, -1, -2))
    h[:5] = np.diag([0.3, 0.3])  # degenerate
    h[5:10] = np.diag([0.7, -0.2])  # diagonal, both orders
    h[10:15] = np.diag([-0.2, 0.7])
    vals, vecs = hermitian_eigh(h)
    np.testing.assert_allclose(vals, np.linalg.eigvalsh(h), atol=1e-12)
    np.testing.assert_allclose(np.conj(np.swapaxes(vecs, -1, -2)) @ vecs,
                               np.broadcast_to(np.eye(2), h.shape), atol=1e-12)
    np.testing.assert_allclose(vecs @ (vals[..., None] * np.conj(np.swapaxes(vecs, -1, -2))),
                               h, atol=1e-12)


def test_qubit_closed_form_keeps_small_eigenvalues_to_full_relative_precision():
    """m − r cancels for a population of 1e-13; LAPACK keeps it (the review's D < 0 case)."""
    from spinthermo.thermo.spectral import hermitian_eigh

    for small in (1e-13, 3e-17, 1e-300):
        vals, _ = hermitian_eigh(np.diag([1 - small, small]))
        np.testing.assert_allclose(vals, [small, 1 - small], rtol=1e-14, atol=0)
    huge = np.array([[1e200, 3e199], [3e199, -2e200]])  # no overflow in det H
    np.testing.assert_allclose(hermitian_eigh(huge)[0], np.linalg.eigvalsh(huge), rtol=1e-14)
