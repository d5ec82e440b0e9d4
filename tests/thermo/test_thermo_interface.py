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
        assert batch[idx] == pytest.approx(single, rel=1e-12, abs=1e-13)


@pytest.mark.parametrize("name", DIAGNOSTICS)
def test_accepts_qutip_objects(name):
    fn = DIAGNOSTICS[name]
    rho = qutip.rand_dm(D, seed=3)
    assert fn(rho) == pytest.approx(fn(rho.full()), rel=1e-14, abs=1e-15)
    as_list = fn([rho, rho])
    assert as_list.shape == (2,)


def test_qutip_operators_accepted_everywhere():
    rho, h = qutip.rand_dm(3, seed=1), qutip.rand_herm(3, seed=2)
    assert thermo.ergotropy(rho, h) == pytest.approx(thermo.ergotropy(rho.full(), h.full()))
    assert thermo.quantum_fisher_information(rho, h) == pytest.approx(
        thermo.quantum_fisher_information(rho.full(), h.full())
    )
    assert thermo.passive_state(rho, h).shape == (3, 3)


@pytest.mark.parametrize("name", DIAGNOSTICS)
@pytest.mark.parametrize(
    ("bad", "match"),
    [
        (np.array([[0.5, 0.3], [0.0, 0.5]]), "must be Hermitian"),
        (np.diag([0.7, 0.7]), "must have unit trace"),
        (np.diag([1.2, -0.2]), "must be positive semidefinite"),
        (np.ones(3), r"must have shape \(\.\.\., d, d\)"),
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
