"""The compiled Newton kernel (core.newton_kernel) against the NumPy Newton loop of
core.steady: same equation, same stopping rule, every batch entry on its own."""

from __future__ import annotations

import numpy as np
import pytest

from spinthermo.core import steady
from spinthermo.core.generator import MeanFieldGenerator
from spinthermo.core.spin import spin_operators
from spinthermo.core.superop import spost, sprepost, trace_row


def _spin_exchange_generator(rates: np.ndarray) -> MeanFieldGenerator:
    """Seed 000 Eq. (1) for I = 1/2 in |m_I⟩⊗|m_S⟩, one batch entry per row of ``rates``
    (R_op, Γ_SE, Γ_SD in s⁻¹), hyperfine A = 1e4 rad/s; spin exchange as K = 3 feedback terms."""
    i_ops = [np.kron(op, np.eye(2)) for op in spin_operators(0.5)]
    s_ops = [np.kron(np.eye(2), op) for op in spin_operators(0.5)]
    eye = np.eye(16)
    phi = 0.25 * eye + sum(sprepost(s, s) for s in s_ops)
    h = 1e4 * sum(i @ s for i, s in zip(i_ops, s_ops, strict=True))
    commutator = -1j * (np.kron(eye[:4, :4], h) - np.kron(h.T, eye[:4, :4]))
    linear = np.array([commutator + (r + se + sd) * (phi - eye) + r * spost(s_ops[2]) @ phi
                       for r, se, sd in rates])
    rows = np.array([[s.T.reshape(-1, order="F") for s in s_ops]] * len(rates))
    ops = np.array([[4 * se * spost(s) @ phi for s in s_ops] for _, se, _ in rates])
    return MeanFieldGenerator(linear, rows, ops, trace_row(4))


@pytest.fixture
def numpy_newton(monkeypatch):
    """Run steady.steady_state with the compiled kernel switched off."""
    def solve(generator, **kwargs):
        with monkeypatch.context() as patch:
            patch.setattr(steady, "COMPILED_NEWTON_MAX_SIZE", 0)
            return steady.steady_state(generator, **kwargs)
    return solve


def test_compiled_newton_equals_the_numpy_loop_on_a_batch(numpy_newton):
    rng = np.random.default_rng(7)
    rates = np.column_stack([rng.uniform(1e2, 1e5, 12), rng.uniform(1e2, 1e5, 12),
                             rng.uniform(1.0, 1e3, 12)])
    generator = _spin_exchange_generator(rates)
    compiled = steady.steady_state(generator)
    reference = numpy_newton(generator)
    assert compiled.state.shape == (12, 16)
    np.testing.assert_allclose(compiled.state, reference.state, rtol=0, atol=1e-12)
    assert np.all(compiled.residual <= steady.DEFAULT_STEADY_TOL)
    np.testing.assert_allclose(compiled.residual,
                               steady.relative_residual(generator, compiled.state), rtol=1e-6,
                               atol=1e-15)
    np.testing.assert_allclose(compiled.state @ generator.trace, 1.0, atol=1e-14)


def test_each_batch_entry_converges_on_its_own():
    """A batch entry that needs more Newton steps does not add steps to the others: the
    compiled result of a batch equals each entry solved alone, bit for bit."""
    rates = np.array([[1e2, 1e2, 1.0], [1e5, 1e5, 1e3], [3e4, 1e3, 10.0]])
    together = steady.steady_state(_spin_exchange_generator(rates))
    for k in range(len(rates)):
        alone = steady.steady_state(_spin_exchange_generator(rates[k:k + 1]))
        np.testing.assert_array_equal(together.state[k], alone.state[0])


def test_no_convergence_is_an_error_naming_the_entries():
    generator = _spin_exchange_generator(np.array([[1e4, 1e4, 30.0], [1e5, 1e5, 1.0]]))
    with pytest.raises(steady.SteadyStateError, match=r"2 of 2 entries"):
        steady.steady_state(generator, max_iterations=1)


def test_invariant_coordinates_follow_the_couplings_that_can_act():
    """A coordinate joins when A couples a member to it, or when some B_k does and its
    expectation value c_k·x can be nonzero on the set (c_k has an entry there)."""
    linear = np.zeros((4, 4))
    linear[1, 0] = 1.0   # 0 → 1 by A
    ops = np.zeros((2, 4, 4))
    ops[0, 2, 1] = 1.0   # 1 → 2 by B_0, whose row reads coordinate 1
    ops[1, 3, 0] = 1.0   # 0 → 3 by B_1, whose row reads coordinate 3 only
    rows = np.zeros((2, 4))
    rows[0, 1], rows[1, 3] = 1.0, 1.0
    generator = MeanFieldGenerator(linear, rows, ops, np.ones(4))
    np.testing.assert_array_equal(generator.invariant_coordinates([1, 0, 0, 0]), [0, 1, 2])
    np.testing.assert_array_equal(generator.invariant_coordinates([0, 0, 0, 1]), [3])
    rows[1, 0] = 1.0     # now B_1 acts on states supported on coordinate 0
    generator = MeanFieldGenerator(linear, rows, ops, np.ones(4))
    np.testing.assert_array_equal(generator.invariant_coordinates([1, 0, 0, 0]), [0, 1, 2, 3])


@pytest.mark.parametrize("axis", ["z", "x"])
def test_newton_on_the_invariant_sector_equals_newton_on_every_coordinate(axis, numpy_newton):
    """Seed 000 Eq. (1), 87Rb: pumping along z keeps the unpolarised start on the 8
    populations, along x it does not; either way the NESS equals the NumPy loop's on all 34
    coordinates, and the coordinates outside the sector are exactly 0."""
    from spinthermo.models.alkali_pumping import AlkaliPumping

    model = AlkaliPumping.batch("87Rb", [1e3, 3e4, 2e2], [1e4, 2e3, 5e4], [10.0, 50.0, 1.0],
                                [0.5, 1.0, 0.2], axis=axis)
    generator = model.generator
    start = steady.starting_state(generator, None)
    kept = generator.invariant_coordinates(np.any(start != 0, axis=0))
    assert kept.size == (8 if axis == "z" else generator.size)
    compiled = steady.steady_state(generator)
    reference = numpy_newton(generator)
    np.testing.assert_allclose(compiled.state, reference.state, rtol=0, atol=1e-12)
    outside = np.setdiff1d(np.arange(generator.size), kept)
    assert np.all(compiled.state[:, outside] == 0.0)
    assert np.all(steady.relative_residual(generator, compiled.state) <= compiled.residual
                  + 1e-15)
