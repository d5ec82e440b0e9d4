"""Superoperators and block projections against QuTiP and identities."""

import numpy as np
import pytest
import qutip

from spinthermo.core.projection import BlockProjection
from spinthermo.core.superop import (
    expectation_row,
    lindblad_dissipator,
    liouvillian,
    sparse_liouvillian,
    spost,
    spre,
    sprepost,
    trace_row,
    unvec,
    vec,
)

rng = np.random.default_rng(7)


def random_matrix(d):
    return rng.normal(size=(d, d)) + 1j * rng.normal(size=(d, d))


def test_vectorisation_identity():
    a, x, b = random_matrix(4), random_matrix(4), random_matrix(4)
    np.testing.assert_allclose(sprepost(a, b) @ vec(x), vec(a @ x @ b))
    np.testing.assert_allclose(spre(a) @ vec(x), vec(a @ x))
    np.testing.assert_allclose(spost(b) @ vec(x), vec(x @ b))
    np.testing.assert_allclose(unvec(vec(x)), x)


def test_matches_qutip_convention():
    a = random_matrix(3)
    np.testing.assert_allclose(spre(a), qutip.spre(qutip.Qobj(a)).full())
    np.testing.assert_allclose(spost(a), qutip.spost(qutip.Qobj(a)).full())
    np.testing.assert_allclose(
        lindblad_dissipator(a, 0.7), 0.7 * qutip.lindblad_dissipator(qutip.Qobj(a)).full()
    )
    h = a + a.conj().T
    np.testing.assert_allclose(
        liouvillian(h, [a], [0.7]),
        qutip.liouvillian(qutip.Qobj(h), [np.sqrt(0.7) * qutip.Qobj(a)]).full(),
        atol=1e-12,
    )


def test_liouvillian_preserves_trace_and_gives_expectations():
    h = random_matrix(5)
    h = h + h.conj().T
    lv = liouvillian(h, [random_matrix(5), random_matrix(5)], [0.3, 1.2])
    np.testing.assert_allclose(trace_row(5) @ lv, 0, atol=1e-12)
    x = random_matrix(5)
    assert expectation_row(h) @ vec(x) == pytest.approx(np.trace(h @ x))


def test_negative_rate_is_rejected():
    with pytest.raises(ValueError, match="rate"):
        liouvillian(None, [np.eye(2)], [-1.0])


def test_block_projection_is_p_l_p():
    p = BlockProjection(5, ([0, 1, 2], [3, 4]))
    lv = random_matrix(25)
    x = random_matrix(5)
    mask = np.zeros((5, 5))
    mask[:3, :3] = 1
    mask[3:, 3:] = 1
    projected = unvec(lv @ vec(x * mask)) * mask
    np.testing.assert_allclose(p.embed(p.superoperator(lv) @ p.restrict(x)), projected)
    np.testing.assert_allclose(p.embed(p.restrict(x)), x * mask)
    assert p.size == 13


def test_block_projection_rejects_overlapping_blocks():
    with pytest.raises(ValueError, match="partition"):
        BlockProjection(3, ([0, 1], [1, 2]))


def test_sparse_liouvillian_equals_dense():
    """The sparse builder is the dense one entry by entry (random H, non-Hermitian jumps)."""
    rng = np.random.default_rng(7)
    d = 5
    h = rng.normal(size=(d, d)) + 1j * rng.normal(size=(d, d))
    h = h + h.conj().T
    jumps = [rng.normal(size=(d, d)) + 1j * rng.normal(size=(d, d)) for _ in range(3)]
    rates = [0.3, 0.0, 1.1]
    np.testing.assert_allclose(sparse_liouvillian(h, jumps, rates).toarray(),
                               liouvillian(h, jumps, rates), atol=1e-12)
    with pytest.raises(ValueError, match="rates"):
        sparse_liouvillian(h, jumps, [1.0])
