"""The qubit on the Bloch sphere (spinthermo.thermo.bloch) and the package's Pauli matrices.

The first-law and temperature closed forms are checked against the general d-level functions
in test_thermo_first_law.py; here: ρ ↔ r, the Pauli algebra they rest on, and the module's
place in the package.
"""

from __future__ import annotations

import numpy as np
import pytest
import qutip
from thermo_helpers import random_state

from spinthermo import thermo
from spinthermo.core.spin import (
    PAULI_MATRICES,
    SIGMA_MINUS,
    SIGMA_PLUS,
    SIGMA_X,
    SIGMA_Y,
    SIGMA_Z,
    spin_operators,
)
from spinthermo.thermo import bloch

RNG = np.random.default_rng(99)


def test_pauli_matrices_obey_their_algebra_and_are_twice_the_spin_half_operators():
    levi_civita = np.zeros((3, 3, 3))
    for i, j, k in ((0, 1, 2), (1, 2, 0), (2, 0, 1)):
        levi_civita[i, j, k], levi_civita[j, i, k] = 1.0, -1.0
    products = np.einsum("iab,jbc->ijac", PAULI_MATRICES, PAULI_MATRICES)
    expected = (np.eye(3)[:, :, None, None] * np.eye(2)
                + 1j * np.einsum("ijk,kac->ijac", levi_civita, PAULI_MATRICES))
    np.testing.assert_array_equal(products, expected)  # σ_i σ_j = δ_ij + i ε_ijk σ_k
    np.testing.assert_array_equal(PAULI_MATRICES, 2 * np.array(spin_operators(0.5)))
    np.testing.assert_array_equal(PAULI_MATRICES, [SIGMA_X, SIGMA_Y, SIGMA_Z])
    np.testing.assert_array_equal(SIGMA_PLUS, (SIGMA_X + 1j * SIGMA_Y) / 2)
    np.testing.assert_array_equal(SIGMA_MINUS, SIGMA_PLUS.conj().T)
    with pytest.raises(ValueError, match="read-only"):
        SIGMA_X[0, 0] = 1.0  # one shared copy: nobody may change it under the others


def test_density_matrix_from_bloch_inverts_bloch_vector():
    rhos = np.stack([random_state(RNG, 2) for _ in range(6)]).reshape(2, 3, 2, 2)
    r = thermo.bloch_vector(rhos)
    assert r.shape == (2, 3, 3)
    np.testing.assert_allclose(thermo.density_matrix_from_bloch(r), rhos, atol=1e-15)
    np.testing.assert_allclose(thermo.bloch_vector(thermo.density_matrix_from_bloch(r)), r,
                               atol=1e-15)


@pytest.mark.parametrize(
    ("r_vec", "rho"),
    [
        ([0.0, 0.0, 1.0], [[1, 0], [0, 0]]),  # |e⟩ = |m = +1/2⟩ is the first basis state
        ([0.0, 0.0, -1.0], [[0, 0], [0, 1]]),
        ([1.0, 0.0, 0.0], [[0.5, 0.5], [0.5, 0.5]]),
        ([0.0, 1.0, 0.0], [[0.5, -0.5j], [0.5j, 0.5]]),
        ([0.0, 0.0, 0.0], [[0.5, 0], [0, 0.5]]),
    ],
)
def test_density_matrix_from_bloch_known_states(r_vec, rho):
    np.testing.assert_array_equal(thermo.density_matrix_from_bloch(r_vec), rho)
    np.testing.assert_array_equal(thermo.bloch_vector(np.asarray(rho)), r_vec)


def test_bloch_vector_of_kets_and_qobjs_agrees_with_qutip():
    ket = qutip.rand_ket(2, seed=5)
    expected = [qutip.expect(op, ket) for op in (qutip.sigmax(), qutip.sigmay(), qutip.sigmaz())]
    for form in (ket, ket.full(), ket.full()[:, 0], ket.proj()):
        np.testing.assert_allclose(thermo.bloch_vector(form), expected, atol=1e-15)
    assert np.linalg.norm(thermo.bloch_vector(ket)) == pytest.approx(1.0, abs=1e-15)  # pure


def test_density_matrix_from_bloch_rejects_points_outside_the_ball():
    with pytest.raises(ValueError, match=r"r_vec must lie in the Bloch ball.*1\.5"):
        thermo.density_matrix_from_bloch([0.0, 0.0, 1.5])
    with pytest.raises(ValueError, match=r"r_vec must have shape \(\.\.\., 3\)"):
        thermo.density_matrix_from_bloch([0.0, 1.0])


def test_bloch_forms_live_in_their_own_module_with_the_same_exports():
    for name in bloch.__all__:
        assert getattr(thermo, name) is getattr(bloch, name)
