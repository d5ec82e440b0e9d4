"""The sparse mean-field Newton (core.sparse_newton) against the dense engine (core.steady) and
against an analytic self-consistent steady state too large for the dense engine."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.optimize
import scipy.sparse

from spinthermo.core import steady
from spinthermo.core.generator import MeanFieldGenerator
from spinthermo.core.sparse_newton import (
    SparseMeanFieldGenerator,
    sparse_mean_field_steady_state,
    sparse_self_consistent_steady_state,
    sparse_steady_state,
)
from spinthermo.core.superop import (
    commutator_superoperator,
    expectation_row,
    lindblad_dissipator,
    sparse_liouvillian,
    trace_row,
)


def _random_hermitian(rng, d):
    a = rng.normal(size=(d, d)) + 1j * rng.normal(size=(d, d))
    return 0.5 * (a + a.conj().T)


def _mean_field_lindblad(seed: int, d: int = 4, k_terms: int = 3) -> MeanFieldGenerator:
    """A random d-level Lindblad generator (rates ~1 s⁻¹, H ~1 rad/s) whose Hamiltonian gains
    Σ_k ⟨O_k⟩ H_k, with O_k and H_k random Hermitian: a mean-field equation with K terms whose
    frozen generator is of Lindblad form for every real ⟨O_k⟩."""
    rng = np.random.default_rng(seed)
    jumps = [rng.normal(size=(d, d)) + 1j * rng.normal(size=(d, d)) for _ in range(3)]
    linear = commutator_superoperator(_random_hermitian(rng, d)) + sum(
        lindblad_dissipator(j, 0.5) for j in jumps)
    rows = np.array([expectation_row(_random_hermitian(rng, d)) for _ in range(k_terms)])
    ops = np.array([commutator_superoperator(0.3 * _random_hermitian(rng, d))
                    for _ in range(k_terms)])
    return MeanFieldGenerator(linear, rows, ops, trace_row(d))


@pytest.mark.parametrize("seed", range(6))
def test_sparse_newton_equals_the_dense_engine_on_a_batch_of_mean_field_systems(seed):
    """Same equation, same start, same stopping rule: the same state to 1e-10, Newton step by
    Newton step (the iteration counts agree too)."""
    dense = _mean_field_lindblad(seed)
    start = 0.5 * dense.trace.conj() / 4 + 0.5 * steady.steady_state(
        MeanFieldGenerator.linear_only(dense.linear, dense.trace)).state
    reference = steady.steady_state(dense, start)
    ours = sparse_steady_state(SparseMeanFieldGenerator.from_dense(dense), start)
    np.testing.assert_allclose(ours.state, reference.state, rtol=0, atol=1e-10)
    assert ours.iterations == reference.iterations
    assert ours.residual <= steady.DEFAULT_STEADY_TOL
    np.testing.assert_allclose(ours.residual, steady.relative_residual(dense, ours.state),
                               rtol=1e-6, atol=1e-15)  # both at rounding, ~n·ε
    assert abs(ours.state @ dense.trace - 1.0) < 1e-14
    rho = ours.state.reshape(4, 4, order="F")
    np.testing.assert_allclose(rho, rho.conj().T, atol=1e-12)
    assert np.min(np.linalg.eigvalsh(rho)) > -1e-12


def test_plain_self_consistent_iteration_repeats_the_dense_iterates():
    dense = _mean_field_lindblad(11)
    reference = steady.self_consistent_steady_state(dense, tol=1e-11)
    ours = sparse_self_consistent_steady_state(dense, tol=1e-11)
    assert ours.iterations == reference.iterations
    np.testing.assert_allclose(ours.state, reference.state, rtol=0, atol=1e-12)


def test_anderson_mixed_start_reaches_the_dense_root_in_fewer_iterations():
    """A mean field strong enough that the plain iteration contracts slowly."""
    dense = _mean_field_lindblad(3)
    dense = MeanFieldGenerator(dense.linear, dense.feedback_rows, 4 * dense.feedback_ops,
                               dense.trace)
    start = steady.self_consistent_steady_state(dense)
    reference = steady.steady_state(dense, start.state)
    mixed = sparse_self_consistent_steady_state(dense, mixing_depth=1)
    assert mixed.iterations < start.iterations
    full = sparse_mean_field_steady_state(dense)
    np.testing.assert_allclose(full.state, reference.state, rtol=0, atol=1e-10)


def _pumped_ladder(d: int, pump: float, decay: float, feedback: float):
    """A d-level ladder: |k⟩ → |k+1⟩ at r(1 + μ⟨P_0⟩), |k+1⟩ → |k⟩ at γ, level energies k rad/s
    and dephasing; P_0 = |0⟩⟨0|. Sparse, n = d² coordinates."""
    raising = scipy.sparse.diags_array(np.ones(d - 1), offsets=-1, shape=(d, d))
    energies = scipy.sparse.diags_array(np.arange(d, dtype=float))
    linear = sparse_liouvillian(energies, [raising, raising.T, energies],
                                [pump, decay, 1.0])
    ground = np.zeros((d, d))
    ground[0, 0] = 1.0
    return SparseMeanFieldGenerator(linear, expectation_row(ground)[None, :],
                                    (sparse_liouvillian(None, [raising], [feedback * pump]),),
                                    trace_row(d))


def test_large_ladder_reaches_the_analytic_self_consistent_distribution():
    """n = 4096 coordinates (a dense Jacobian would be 268 MB): detailed balance gives
    p_k ∝ q^k with q = r(1 + μ p_0)/γ and p_0 = (1 − q)/(1 − q^d), solved here as a scalar."""
    d, pump, decay, feedback = 64, 0.4, 1.0, 1.5
    generator = _pumped_ladder(d, pump, decay, feedback)

    def ratio_gap(q):
        p0 = (1 - q) / (1 - q**d)
        return pump * (1 + feedback * p0) / decay - q

    q = scipy.optimize.brentq(ratio_gap, 0.4, 0.99, xtol=1e-15)
    expected = q ** np.arange(d) * (1 - q) / (1 - q**d)
    solution = sparse_mean_field_steady_state(generator)
    rho = solution.state.reshape(d, d, order="F")
    np.testing.assert_allclose(np.diag(rho).real, expected, rtol=1e-9, atol=1e-14)
    assert np.max(np.abs(rho - np.diag(np.diag(rho)))) < 1e-12
    assert solution.residual <= steady.DEFAULT_STEADY_TOL


def test_linear_generator_gives_the_linear_sparse_steady_state():
    linear = scipy.sparse.csc_array(_mean_field_lindblad(5).linear)
    ours = sparse_steady_state(SparseMeanFieldGenerator(linear, np.zeros((0, 16)), (),
                                                        trace_row(4)))
    assert ours.iterations == 1
    np.testing.assert_allclose(ours.state, steady.steady_state_sparse(linear, trace_row(4)).state,
                               rtol=0, atol=1e-12)


def test_degenerate_generator_raises():
    """Two uncoupled decaying two-level blocks: two steady states, a singular bordered matrix."""
    decay = np.zeros((4, 4))
    decay[0, 1] = 1.0
    decay[2, 3] = 1.0
    linear = lindblad_dissipator(decay)
    generator = SparseMeanFieldGenerator(linear, np.zeros((0, 16)), (), trace_row(4))
    with pytest.raises(steady.SteadyStateError, match="singular"):
        sparse_steady_state(generator)


@pytest.mark.parametrize(("kwargs", "error", "message"), [
    ({"tol": 0.0}, ValueError, r"tol must lie in \(0, 1\]; received 0"),
    ({"tol": 2.0}, ValueError, r"tol must lie in \(0, 1\]; received 2"),
    ({"max_iterations": 0}, ValueError, r"max_iterations must lie in \[1, inf\); received 0"),
    ({"max_iterations": 2.5}, TypeError, "max_iterations must be an int; received float"),
    ({"initial_guess": np.ones(3)}, ValueError,
     r"initial_guess must have shape \(16,\); received \(3,\)"),
    ({"initial_guess": np.full(16, np.nan)}, ValueError, "initial_guess must be finite"),
])
def test_bad_arguments_are_rejected_before_solving(kwargs, error, message):
    with pytest.raises(error, match=message):
        sparse_steady_state(_mean_field_lindblad(0), **kwargs)


def test_bad_generators_are_rejected():
    dense = _mean_field_lindblad(0)
    with pytest.raises(TypeError, match="generator must be a SparseMeanFieldGenerator"):
        sparse_steady_state(dense.linear)
    batched = MeanFieldGenerator(np.stack([dense.linear] * 2), dense.feedback_rows,
                                 dense.feedback_ops, dense.trace)
    with pytest.raises(ValueError, match=r"unbatched .*received batch shape \(2,\)"):
        SparseMeanFieldGenerator.from_dense(batched)
    with pytest.raises(ValueError, match=r"feedback_rows .* must match linear"):
        SparseMeanFieldGenerator(dense.linear, dense.feedback_rows[:2],
                                 tuple(dense.feedback_ops), dense.trace)
    with pytest.raises(ValueError, match="mixing_depth must lie in"):
        sparse_self_consistent_steady_state(dense, mixing_depth=-1)
