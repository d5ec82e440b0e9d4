"""Internal energy, passive states, ergotropy and polarization efficiency (seed 000 Sec. IV)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.linalg import expm
from thermo_helpers import (
    SIGMA_Z,
    bloch_state,
    random_hermitian,
    random_pure_state,
    random_state,
    random_unitary,
    states,
)

from spinthermo.thermo import (
    ergotropy,
    internal_energy,
    maximally_mixed_state,
    passive_energy,
    passive_state,
    polarization_efficiency,
)

HYPOTHESIS = settings(max_examples=50, deadline=None)
#: Rounding in eigh of O(1) matrices of dimension ≤ 8.
TOL = 1e-10


def _spin_matrices(j: float):
    """(Jx, Jy, Jz) for spin j in the basis |j, m>, m descending."""
    m = np.arange(j, -j - 1, -1)
    jp = np.diag(np.sqrt(j * (j + 1) - m[1:] * (m[1:] + 1)), 1)
    return (jp + jp.T) / 2, (jp - jp.T) / 2j, np.diag(m)


def _hyperfine(i_spin: float, a_hfs: float = 1.0):
    """H0 = A I·S on |m_I> ⊗ |m_S> (traceless, as in seed 000) and F_z."""
    ii, ss = _spin_matrices(i_spin), _spin_matrices(0.5)
    di = int(2 * i_spin + 1)
    h0 = a_hfs * sum(np.kron(ii[k], ss[k]) for k in range(3))
    fz = np.kron(ii[2], np.eye(2)) + np.kron(np.eye(di), ss[2])
    return h0, fz


# --- closed forms -----------------------------------------------------------------------


@pytest.mark.parametrize("p", [0.0, 0.1, 0.3, 0.5, 0.7, 1.0])
@pytest.mark.parametrize("omega", [1.0, 2.5e9])
def test_qubit_diagonal_ergotropy(p, omega):
    rho = np.diag([p, 1 - p])
    h = np.diag([0.0, omega])
    assert ergotropy(rho, h) == pytest.approx(omega * max(0.0, 1 - 2 * p), abs=TOL * omega)
    assert internal_energy(rho, h) == pytest.approx(omega * (1 - p), abs=TOL * omega)
    assert passive_energy(rho, h) == pytest.approx(omega * min(p, 1 - p), abs=TOL * omega)


@pytest.mark.parametrize("seed", range(5))
def test_qubit_bloch_ergotropy(seed):
    """H = (ω/2)σz, ρ = (1 + r·σ)/2: ℰ = (ω/2)(r_z + |r|), E_p = −(ω/2)|r| (raw zero)."""
    rng = np.random.default_rng(seed)
    r = rng.normal(size=3)
    r *= rng.uniform(0, 1) / np.linalg.norm(r)
    omega = 1.7
    h = omega / 2 * SIGMA_Z
    rho = bloch_state(r)
    norm = np.linalg.norm(r)
    assert ergotropy(rho, h) == pytest.approx(omega / 2 * (r[2] + norm), abs=TOL)
    assert passive_energy(rho, h, energy_zero="trace") == pytest.approx(-omega / 2 * norm, abs=TOL)
    assert internal_energy(rho, h, energy_zero="trace") == pytest.approx(omega / 2 * r[2], abs=TOL)
    assert internal_energy(rho, h) == pytest.approx(omega / 2 * (r[2] + 1), abs=TOL)
    assert polarization_efficiency(rho, h) == pytest.approx((r[2] + norm) / (r[2] + 1), abs=TOL)


@pytest.mark.parametrize("seed", range(4))
def test_pure_states_have_all_energy_extractable(seed):
    rng = np.random.default_rng(seed)
    d = 2 + seed
    psi, h = random_pure_state(rng, d), random_hermitian(rng, d)
    assert ergotropy(psi, h) == pytest.approx(internal_energy(psi, h), abs=TOL)
    assert polarization_efficiency(psi, h) == pytest.approx(1.0, abs=1e-9)


def test_thermal_and_ground_states_are_passive():
    rng = np.random.default_rng(1)
    h = random_hermitian(rng, 5)
    gibbs = expm(-0.8 * h)
    gibbs /= np.trace(gibbs)
    assert ergotropy(gibbs, h) == pytest.approx(0.0, abs=TOL)
    assert polarization_efficiency(gibbs, h) == pytest.approx(0.0, abs=TOL)
    ground = np.linalg.eigh(h)[1][:, :1]
    ground = ground @ ground.conj().T
    assert internal_energy(ground, h) == pytest.approx(0.0, abs=TOL)
    assert polarization_efficiency(ground, h) == 0.0  # E = 0: defined as 0, no NaN


def test_energy_zero_conventions():
    rng = np.random.default_rng(2)
    rho, h = random_state(rng, 4), random_hermitian(rng, 4)
    e0 = np.linalg.eigvalsh(h)[0]
    raw = np.trace(rho @ h).real
    assert internal_energy(rho, h, energy_zero="trace") == pytest.approx(raw, abs=TOL)
    assert internal_energy(rho, h) == pytest.approx(raw - e0, abs=TOL)
    assert passive_energy(rho, h, "trace") - passive_energy(rho, h) == pytest.approx(e0, abs=TOL)
    # Ergotropy does not depend on an energy offset.
    assert ergotropy(rho, h + 123.0 * np.eye(4)) == pytest.approx(ergotropy(rho, h), abs=1e-9)
    with pytest.raises(ValueError, match="energy_zero must be one of"):
        internal_energy(rho, h, energy_zero="mean")
    with pytest.raises(ValueError, match="energy_zero must be one of"):
        polarization_efficiency(rho, h, energy_zero="Ground")


def test_trace_convention_breaks_bound_for_traceless_hamiltonian():
    """PHYSICS_NOTES 000: with the traceless H0 = A I·S and the raw Tr ρH, R > 1 when E > 0."""
    h0, fz = _hyperfine(1.5)
    assert abs(np.trace(h0)) < 1e-12
    rho = expm(1.2 * fz)
    rho /= np.trace(rho)  # spin-temperature state, seed 000 Sec. II
    assert internal_energy(rho, h0, "trace") > 0
    assert polarization_efficiency(rho, h0, "trace") > 1
    assert 0 < polarization_efficiency(rho, h0) < 1


def test_spin_temperature_limits_seed000():
    """R = 0 for the unpolarized 1/d and → 1 towards the stretched (pure) state."""
    h0, fz = _hyperfine(1.5, a_hfs=2 * np.pi * 3.4e9)
    assert polarization_efficiency(maximally_mixed_state(8), h0) == pytest.approx(0.0, abs=1e-12)
    betas = np.array([0.5, 1.0, 2.0, 4.0, 30.0])
    rhos = np.stack([expm(b * fz) / np.trace(expm(b * fz)) for b in betas])
    efficiency = polarization_efficiency(rhos, h0)
    assert efficiency.shape == (5,)
    assert np.all(np.diff(efficiency) > 0)
    assert efficiency[-1] == pytest.approx(1.0, abs=1e-9)


def test_trace_convention_raises_when_energy_vanishes_but_ergotropy_does_not():
    h = np.diag([-1.0, 1.0])
    plus = np.full((2, 2), 0.5)
    assert internal_energy(plus, h, "trace") == pytest.approx(0.0, abs=1e-15)
    with pytest.raises(ValueError, match="polarization_efficiency is undefined"):
        polarization_efficiency(plus, h, energy_zero="trace")
    assert polarization_efficiency(plus, h) == pytest.approx(1.0)


# --- properties -------------------------------------------------------------------------


@HYPOTHESIS
@given(states(max_dim=8), st.floats(-3, 3))
def test_ergotropy_bounds_and_efficiency_range(sample, offset):
    rng, rho = sample
    d = rho.shape[-1]
    h = random_hermitian(rng, d) + offset * np.eye(d)
    work = ergotropy(rho, h)
    energy = internal_energy(rho, h)
    assert work >= 0.0
    assert work <= energy + TOL
    efficiency = polarization_efficiency(rho, h)
    assert 0.0 <= efficiency <= 1.0
    assert work == pytest.approx(energy - passive_energy(rho, h), abs=TOL)


@HYPOTHESIS
@given(states(max_dim=6))
def test_passive_state_properties(sample):
    rng, rho = sample
    d = rho.shape[-1]
    h = random_hermitian(rng, d)
    p = passive_state(rho, h)
    assert np.allclose(p, p.conj().T, atol=1e-12)
    assert np.allclose(np.linalg.eigvalsh(p), np.linalg.eigvalsh(rho), atol=1e-10)
    assert np.allclose(p @ h, h @ p, atol=1e-9)  # diagonal in H's eigenbasis
    vecs = np.linalg.eigh(h)[1]
    populations = np.real(np.diag(vecs.conj().T @ p @ vecs))
    assert np.all(np.diff(populations) <= 1e-10)  # most populated = lowest level
    assert np.trace(p @ h).real == pytest.approx(passive_energy(rho, h, "trace"), abs=TOL)
    assert ergotropy(p, h) == pytest.approx(0.0, abs=TOL)


@HYPOTHESIS
@given(states(min_dim=2, max_dim=6))
def test_passive_energy_is_minimum_over_unitary_orbit(sample):
    rng, rho = sample
    d = rho.shape[-1]
    h = random_hermitian(rng, d)
    floor = passive_energy(rho, h, "trace")
    for _ in range(5):
        u = random_unitary(rng, d)
        assert np.trace(u @ rho @ u.conj().T @ h).real >= floor - TOL


@HYPOTHESIS
@given(states(min_dim=2, max_dim=6))
def test_ergotropy_is_basis_independent(sample):
    rng, rho = sample
    d = rho.shape[-1]
    h, u = random_hermitian(rng, d), random_unitary(rng, d)
    rotated = ergotropy(u @ rho @ u.conj().T, u @ h @ u.conj().T)
    assert rotated == pytest.approx(ergotropy(rho, h), abs=1e-9)


def test_batched_hamiltonians_broadcast():
    rng = np.random.default_rng(5)
    rhos = np.stack([random_state(rng, 3) for _ in range(4)])
    hs = np.stack([random_hermitian(rng, 3) for _ in range(4)])
    batch = ergotropy(rhos, hs)
    assert batch.shape == (4,)
    assert np.allclose(batch, [ergotropy(r, h) for r, h in zip(rhos, hs, strict=True)], atol=0)
    # One state, many Hamiltonians; many states, one Hamiltonian.
    assert ergotropy(rhos[0], hs).shape == (4,)
    assert polarization_efficiency(rhos[:, None], hs[None, :]).shape == (4, 4)
    assert passive_state(rhos, hs[0]).shape == (4, 3, 3)
