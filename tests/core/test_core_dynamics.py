"""Time evolution and steady states against analytic solutions and independent solvers."""

import numpy as np
import pytest
import scipy.linalg

from spinthermo.core.evolution import IntegrationError, evolve
from spinthermo.core.generator import MeanFieldGenerator
from spinthermo.core.steady import SteadyStateError, steady_state, steady_state_sparse
from spinthermo.core.superop import liouvillian, trace_row, vec

SIGMA_MINUS = np.array([[0, 0], [1, 0]], dtype=complex)  # |g⟩⟨e| with |e⟩ = index 0
SIGMA_X = np.array([[0, 1], [1, 0]], dtype=complex)
SIGMA_Z = np.diag([1.0, -1.0]).astype(complex)


def driven_qubit(rabi=2.0, decay=0.5, dephasing=0.2):
    lv = liouvillian(0.5 * rabi * SIGMA_X, [SIGMA_MINUS, SIGMA_Z], [decay, dephasing])
    return MeanFieldGenerator.linear_only(lv, trace_row(2))


def test_decay_matches_exponential():
    gen = MeanFieldGenerator.linear_only(liouvillian(None, [SIGMA_MINUS], [1.3]), trace_row(2))
    times = np.linspace(0, 3, 31)
    result = evolve(gen, vec(np.diag([1.0, 0.0])), times)
    np.testing.assert_allclose(result.states[:, 0].real, np.exp(-1.3 * times), atol=1e-8)


@pytest.mark.parametrize("method", ["dopri5", "DOP853", "BDF"])
def test_driven_qubit_matches_matrix_exponential(method):
    gen = driven_qubit()
    times = np.linspace(0, 5, 41)
    x0 = vec(np.diag([0.0, 1.0]).astype(complex))
    exact = np.array([scipy.linalg.expm(gen.linear * t) @ x0 for t in times])
    result = evolve(gen, x0, times, method=method, rtol=1e-9, atol=1e-11)
    np.testing.assert_allclose(result.states, exact, atol=2e-6 if method == "BDF" else 1e-8)
    np.testing.assert_allclose(evolve(gen, x0, times, method="expm").states, exact, atol=1e-12)


def quadratic_toy(batch=()):
    """dp/dt = −p², dq/dt = p²: p(t) = p0/(1 + p0 t), trace p + q conserved."""
    rows = np.broadcast_to(np.array([[1.0, 0.0]]), (*batch, 1, 2))
    ops = np.broadcast_to(np.array([[[-1.0, 0.0], [1.0, 0.0]]]), (*batch, 1, 2, 2))
    return MeanFieldGenerator(np.zeros((*batch, 2, 2)), rows, ops, np.ones(2))


def test_mean_field_integration_matches_closed_form():
    times = np.linspace(0, 10, 101)
    result = evolve(quadratic_toy(), np.array([0.8, 0.2]), times)
    np.testing.assert_allclose(result.states[:, 0].real, 0.8 / (1 + 0.8 * times), rtol=1e-7)
    np.testing.assert_allclose(result.states.sum(axis=1).real, 1.0, atol=1e-12)


def test_batched_evolution_equals_single_runs():
    gen = quadratic_toy((3,))
    x0 = np.array([[0.8, 0.2], [0.5, 0.5], [0.1, 0.9]])
    times = np.linspace(0, 2, 5)
    batch = evolve(gen, x0, times).states
    for i in range(3):
        np.testing.assert_allclose(batch[i], evolve(gen[i], x0[i], times).states)


def test_linear_steady_state_of_driven_qubit_is_the_textbook_one():
    rabi, decay = 2.0, 0.5
    gen = driven_qubit(rabi, decay, 0.0)
    x = steady_state(gen).state
    s = rabi**2 / (decay**2 / 2)  # saturation parameter Ω²/(Γ²/2) on resonance
    assert x[0].real == pytest.approx(0.5 * s / (1 + s), rel=1e-12)
    dense = steady_state_sparse(gen.linear, gen.trace).state
    np.testing.assert_allclose(dense, x, atol=1e-12)


def test_degenerate_null_space_is_detected():
    gen = MeanFieldGenerator.linear_only(np.zeros((4, 4)), trace_row(2))
    with pytest.raises(SteadyStateError, match="not unique"):
        steady_state(gen)


def test_newton_on_mean_field_generator():
    # dp/dt = −p² + (1 − p)·k: steady p solves p² + k p − k = 0.
    k = 0.3
    rows = np.array([[1.0, 0.0]])
    ops = np.array([[[-1.0, 0.0], [1.0, 0.0]]])
    linear = np.array([[0.0, k], [0.0, -k]])
    gen = MeanFieldGenerator(linear, rows, ops, np.ones(2))
    result = steady_state(gen)
    expected = (-k + np.sqrt(k * k + 4 * k)) / 2
    assert result.state[0].real == pytest.approx(expected, rel=1e-12)
    assert result.residual <= 1e-12


def test_bad_inputs():
    gen = driven_qubit()
    with pytest.raises(ValueError, match="times"):
        evolve(gen, vec(np.eye(2) / 2), [1.0, 0.0])
    with pytest.raises(ValueError, match="method"):
        evolve(gen, vec(np.eye(2) / 2), [0.0, 1.0], method="euler")
    with pytest.raises(ValueError, match="initial_state"):
        evolve(gen, np.ones(3), [0.0, 1.0])
    with pytest.raises(IntegrationError, match="max_steps"):
        evolve(gen, vec(np.eye(2) / 2), [0.0, 1e3], max_steps=3)


def test_derivative_rounding_is_judged_against_the_generator_norm():
    """At 1e12 s⁻¹ the steady state's ẋ is rounding of order 1e-4 s⁻¹; its trace is removed
    exactly, while a generator that loses population is refused, not silently 'fixed'."""
    gen = MeanFieldGenerator.linear_only(1e12 * driven_qubit().linear, trace_row(2))
    x = steady_state(gen).state
    rate = gen.traceless_rhs(x)
    assert abs(rate @ gen.trace) <= 1e-16 * np.abs(gen.rhs(x)).max()
    np.testing.assert_allclose(rate, gen.rhs(x), atol=1e-10 * gen.rounding_scale(x))
    assert gen.is_trace_preserving()
    leaky = MeanFieldGenerator.linear_only(-np.diag([1.0, 0.0, 0.0, 2.0]), trace_row(2))
    assert not leaky.is_trace_preserving()
    with pytest.raises(ValueError, match="does not preserve the trace"):
        leaky.traceless_rhs(vec(np.eye(2) / 2))
