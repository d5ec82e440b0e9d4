"""Spin operators and angular-momentum coupling against QuTiP and closed forms."""

import numpy as np
import pytest
import qutip

from spinthermo.core.spin import CoupledSpins, coupling_transform, spin_operators

SPINS = [0.5, 1.0, 1.5, 2.5, 3.5]


@pytest.mark.parametrize("j", SPINS)
def test_spin_operators_match_qutip_and_algebra(j):
    jx, jy, jz = spin_operators(j)
    for ours, axis in zip((jx, jy, jz), "xyz", strict=True):
        np.testing.assert_allclose(ours, qutip.jmat(j, axis).full(), atol=1e-14)
    np.testing.assert_allclose(jx @ jy - jy @ jx, 1j * jz, atol=1e-13)
    casimir = jx @ jx + jy @ jy + jz @ jz
    np.testing.assert_allclose(casimir, j * (j + 1) * np.eye(jz.shape[0]), atol=1e-12)


@pytest.mark.parametrize(("j1", "j2"), [(1.5, 0.5), (2.5, 0.5), (3.5, 0.5), (1.0, 1.0)])
def test_clebsch_gordan_matches_qutip(j1, j2):
    u = coupling_transform(j1, j2)
    atom = CoupledSpins(j1, j2)
    m1s = j1 - np.arange(int(2 * j1 + 1))
    m2s = j2 - np.arange(int(2 * j2 + 1))
    for col, (f, mf) in enumerate(atom.levels):
        for a, m1 in enumerate(m1s):
            for b, m2 in enumerate(m2s):
                expected = qutip.clebsch(j1, j2, f, m1, m2, mf) if m1 + m2 == mf else 0.0
                assert u[a * m2s.size + b, col] == pytest.approx(expected, abs=1e-12)
    np.testing.assert_allclose(u.T @ u, np.eye(u.shape[0]), atol=1e-12)


@pytest.mark.parametrize("nuclear_spin", [0.0, 1.5, 2.5, 3.5])
def test_coupled_basis_is_the_eigenbasis_of_f_squared_and_fz(nuclear_spin):
    atom = CoupledSpins(nuclear_spin, 0.5)
    f_ops = atom.total
    f2 = sum(f @ f for f in f_ops)
    labels = np.array(atom.levels)
    np.testing.assert_allclose(f2, np.diag(labels[:, 0] * (labels[:, 0] + 1)), atol=1e-12)
    np.testing.assert_allclose(f_ops[2], np.diag(labels[:, 1]), atol=1e-12)
    # I·S = [F(F+1) − I(I+1) − 3/4]/2 on each manifold
    expected = (labels[:, 0] * (labels[:, 0] + 1) - nuclear_spin * (nuclear_spin + 1) - 0.75) / 2
    np.testing.assert_allclose(atom.scalar_coupling(), np.diag(expected), atol=1e-12)


def test_round_trip_between_bases():
    atom = CoupledSpins(1.5, 0.5)
    rng = np.random.default_rng(1)
    op = rng.normal(size=(8, 8)) + 1j * rng.normal(size=(8, 8))
    np.testing.assert_allclose(atom.coupled_to_product(atom.product_to_coupled(op)), op)


@pytest.mark.parametrize("bad", [-0.5, 0.3, np.nan])
def test_bad_spin_is_rejected(bad):
    with pytest.raises(ValueError, match="j"):
        spin_operators(bad)
