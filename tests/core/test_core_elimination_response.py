"""Adiabatic elimination, linear response and the self-consistent steady state."""

import numpy as np
import pytest
import scipy.linalg

from spinthermo.core.elimination import adiabatic_elimination, level_projection
from spinthermo.core.generator import MeanFieldGenerator
from spinthermo.core.response import LinearResponse
from spinthermo.core.steady import self_consistent_steady_state, steady_state
from spinthermo.core.superop import commutator_superoperator, lindblad_dissipator, trace_row


def ket(i, d=3):
    v = np.zeros((d, 1))
    v[i] = 1
    return v


def test_elimination_gives_the_optical_pumping_rate_of_a_lambda_system():
    """|g1⟩ —Ω, Δ— |e⟩ → |g2⟩ at Γ: the effective g1 → g2 rate is Ω²Γ/(Δ² + Γ²/4)."""
    omega, delta, gamma = 0.02, 0.7, 1.5
    g1, g2, e = ket(0), ket(1), ket(2)
    h0 = delta * (e @ e.T)
    l0 = commutator_superoperator(h0) + lindblad_dissipator(g2 @ e.T, gamma)
    l1 = commutator_superoperator(omega * (e @ g1.T + g1 @ e.T))
    kept = level_projection(3, [0, 1])
    eff = adiabatic_elimination(l0, l1, kept)
    rate = omega**2 * gamma / (delta**2 + gamma**2 / 4)
    # kept coordinates in column-stacked order: ρ11, ρ21, ρ12, ρ22
    assert eff[3, 0].real == pytest.approx(rate, rel=1e-12)
    assert eff[0, 0].real == pytest.approx(-rate, rel=1e-12)
    np.testing.assert_allclose(trace_row(2) @ eff, 0, atol=1e-15)


def test_elimination_rejects_a_leaky_zeroth_order_generator():
    l0 = np.eye(9)
    l0[8, 0] = 1.0  # Q L0 P ≠ 0
    with pytest.raises(ValueError, match="kept subspace"):
        adiabatic_elimination(l0, np.zeros((9, 9)), level_projection(3, [0, 1]))


def test_linear_response_matches_direct_solves():
    rng = np.random.default_rng(2)
    h = rng.normal(size=(3, 3))
    h = h + h.T
    lv = commutator_superoperator(h) + lindblad_dissipator(ket(1) @ ket(0).T, 0.4) \
        + lindblad_dissipator(ket(2) @ ket(1).T, 0.3)
    gen = MeanFieldGenerator.linear_only(lv, trace_row(3))
    x0 = steady_state(gen).state
    drive = commutator_superoperator(ket(0) @ ket(2).T + ket(2) @ ket(0).T) @ x0
    response = LinearResponse.from_generator(gen, x0, drive)
    for omega in (0.1, 1.3, -2.0):
        direct = -scipy.linalg.solve(lv - 1j * omega * np.eye(9), drive)
        np.testing.assert_allclose(response.amplitude(omega), direct, atol=1e-12)


def test_self_consistent_iteration_reaches_the_newton_solution():
    k = 0.3
    gen = MeanFieldGenerator(np.array([[0.0, k], [0.0, -k]]), np.array([[1.0, 0.0]]),
                             np.array([[[-1.0, 0.0], [1.0, 0.0]]]), np.ones(2))
    sc = self_consistent_steady_state(gen, tol=1e-12)
    newton = steady_state(gen)
    np.testing.assert_allclose(sc.state, newton.state, atol=1e-10)
