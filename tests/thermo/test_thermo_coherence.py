"""l1-norm and relative-entropy coherence (Baumgratz, Cramer & Plenio 2014)."""

from __future__ import annotations

import numpy as np
import pytest
import qutip
from hypothesis import given, settings
from thermo_helpers import random_state, random_unitary, states

from spinthermo.thermo import (
    l1_coherence,
    relative_entropy,
    relative_entropy_of_coherence,
    von_neumann_entropy,
)

HYPOTHESIS = settings(max_examples=50, deadline=None)


def test_plus_state():
    plus = np.full((2, 2), 0.5)
    assert l1_coherence(plus) == pytest.approx(1.0, abs=1e-15)
    assert relative_entropy_of_coherence(plus) == pytest.approx(np.log(2), abs=1e-14)
    hadamard = np.array([[1, 1], [1, -1]]) / np.sqrt(2)
    assert l1_coherence(plus, basis=hadamard) == pytest.approx(0.0, abs=1e-15)
    assert relative_entropy_of_coherence(plus, basis=hadamard) == pytest.approx(0.0, abs=1e-14)


@pytest.mark.parametrize("d", [2, 3, 8])
def test_maximally_coherent_state(d):
    psi = np.full((d, d), 1.0 / d)
    assert l1_coherence(psi) == pytest.approx(d - 1, abs=1e-12)
    assert relative_entropy_of_coherence(psi) == pytest.approx(np.log(d), abs=1e-12)


def test_qubit_closed_form():
    """ρ = (1 + r·σ)/2 has C_l1 = |r_x + i r_y| = sqrt(r_x² + r_y²)."""
    r = np.array([0.3, -0.4, 0.5])
    rho = qutip.Qobj(
        (
            qutip.qeye(2) + r[0] * qutip.sigmax() + r[1] * qutip.sigmay() + r[2] * qutip.sigmaz()
        ).full()
        / 2
    )
    assert l1_coherence(rho) == pytest.approx(0.5, abs=1e-14)


def test_incoherent_states_have_no_coherence():
    rng = np.random.default_rng(0)
    diag = np.diag(rng.dirichlet(np.ones(5)))
    assert l1_coherence(diag) == 0.0
    assert relative_entropy_of_coherence(diag) == pytest.approx(0.0, abs=1e-14)
    rho = random_state(rng, 5)
    eigenbasis = np.linalg.eigh(rho)[1]
    assert l1_coherence(rho, basis=eigenbasis) == pytest.approx(0.0, abs=1e-12)
    assert relative_entropy_of_coherence(rho, basis=eigenbasis) == pytest.approx(0.0, abs=1e-12)


@HYPOTHESIS
@given(states(max_dim=6))
def test_coherence_bounds_and_relative_entropy_identity(sample):
    rng, rho = sample
    d = rho.shape[-1]
    c_l1, c_r = l1_coherence(rho), relative_entropy_of_coherence(rho)
    assert 0.0 <= c_l1 <= d - 1 + 1e-12
    assert -1e-12 <= c_r <= np.log(d) + 1e-12
    # C_r = D(ρ‖Δ[ρ]) = min over incoherent states (Baumgratz et al. 2014).
    dephased = np.diag(np.diag(rho))
    if np.all(np.diag(rho).real > 1e-9):
        assert c_r == pytest.approx(relative_entropy(rho, dephased), abs=1e-8)
    assert c_r == pytest.approx(von_neumann_entropy(dephased) - von_neumann_entropy(rho), abs=1e-10)
    # Any other incoherent state is farther away.
    delta = np.diag(rng.dirichlet(np.ones(d)))
    assert c_r <= relative_entropy(rho, delta) + 1e-9


@HYPOTHESIS
@given(states(min_dim=2, max_dim=6))
def test_coherence_covariant_under_basis_change(sample):
    rng, rho = sample
    u = random_unitary(rng, rho.shape[-1])
    rotated = u @ rho @ u.conj().T
    assert l1_coherence(rotated, basis=u) == pytest.approx(l1_coherence(rho), abs=1e-10)
    assert relative_entropy_of_coherence(rotated, basis=u) == pytest.approx(
        relative_entropy_of_coherence(rho), abs=1e-10
    )


def test_basis_must_be_unitary():
    with pytest.raises(ValueError, match="basis must be unitary"):
        l1_coherence(np.eye(2) / 2, basis=np.array([[1.0, 1.0], [0.0, 1.0]]))
    with pytest.raises(ValueError, match="rho and basis must act on the same space"):
        relative_entropy_of_coherence(np.eye(2) / 2, basis=np.eye(3))


def test_batched_bases():
    rng = np.random.default_rng(4)
    rhos = np.stack([random_state(rng, 3) for _ in range(5)])
    bases = np.stack([random_unitary(rng, 3) for _ in range(5)])
    batch = l1_coherence(rhos, basis=bases)
    assert batch.shape == (5,)
    expected = [l1_coherence(r, basis=b) for r, b in zip(rhos, bases, strict=True)]
    assert np.allclose(batch, expected, rtol=1e-12)


def test_off_diagonal_l1_norm_is_the_l1_coherence_without_the_state_check():
    """One l1 norm: seed 003's 2^N-dimensional clusters use the kernel without diagonalising.

    Seed 003 Eq. (5): the two-atom long-time state has C_l1 = 2|ρ_{01,10}|; any Hermitian
    batch gives the same number through both doors, and a non-state only through the kernel.
    """
    from spinthermo.thermo.coherence import off_diagonal_l1_norm

    rng = np.random.default_rng(3)
    rhos = np.stack([random_state(rng, 4) for _ in range(5)])
    np.testing.assert_array_equal(off_diagonal_l1_norm(rhos), l1_coherence(rhos))
    dimer = np.diag([0.1, 0.4, 0.4, 0.1]).astype(complex)
    dimer[1, 2] = dimer[2, 1] = 0.25
    assert off_diagonal_l1_norm(dimer) == 0.5 == l1_coherence(dimer)
    assert off_diagonal_l1_norm(np.diag([0.3, 0.7])) == 0.0  # exactly: no cancellation
    assert off_diagonal_l1_norm(2 * dimer) == 1.0
    with pytest.raises(ValueError, match="rho must have unit trace"):
        l1_coherence(2 * dimer)
    with pytest.raises(ValueError, match=r"matrix must have shape \(\.\.\., d, d\)"):
        off_diagonal_l1_norm(np.ones(3))
