"""Seed 002 Sec. III C–D, Eqs. 7–9, Fig. 2: the fits to the stochastic collision simulation.

Each fit recovers a known parameter from curves generated with it, and the curve that
``fit_decay_alpha`` fits agrees with the independent collective-mode prediction.
"""

import math

import numpy as np
import pytest

from spinthermo.models.noble_gas.fits import (
    decay_alpha_amplitudes,
    fit_decay_alpha,
    fit_leakage_rate,
    fit_oscillation_rate,
)
from spinthermo.models.noble_gas.stochastic import (
    StochasticCollisionModel,
    collective_prediction,
)

#: The bounded scalar minimiser stops at xatol = 1e-6 in α.
ALPHA_TOL = 1e-5


@pytest.fixture(scope="module")
def strong():
    """Fig. 2(a): N_A = 100, N_B = 10⁴, ⟨φ⟩ = δφ = 2e-2, over three exchange periods."""
    model = StochasticCollisionModel(100, 10_000, 2e-2)
    steps = np.linspace(0.0, 3 * math.pi / model.coupling, 301)
    return model, steps


def test_decay_curve_is_the_damped_collective_prediction(strong):
    """α = 2Γ/⟨φ²⟩ makes γ_A = Γ/2 and γ_B = (N_A/N_B)γ_A, the damped mean-Hamiltonian model
    of :func:`collective_prediction` (expm there, eigen-decomposition here)."""
    model, steps = strong
    alpha = 2.0 * model.leakage_rate / model.mean_square_phase
    amp = decay_alpha_amplitudes(model, steps, alpha)
    pred = collective_prediction(model, steps, damped=True)
    assert amp[:, 0] == pytest.approx(pred["amplitude_10"], abs=1e-12)
    assert amp[:, 1] == pytest.approx(pred["amplitude_01"], abs=1e-12)


@pytest.mark.parametrize("alpha", [0.3, 0.75, 1.0])
def test_decay_alpha_fit_recovers_alpha(strong, alpha):
    model, steps = strong
    amp = decay_alpha_amplitudes(model, steps, alpha)
    fidelities = np.abs(amp) ** 2
    assert fit_decay_alpha(model, steps, fidelities[:, 0], fidelities[:, 1]) == pytest.approx(
        alpha, abs=ALPHA_TOL)
    assert fit_decay_alpha(model, steps, amp[:, 0], amp[:, 1], amplitudes=True) == pytest.approx(
        alpha, abs=ALPHA_TOL)


def test_leakage_fit_recovers_a_known_rate():
    steps = np.linspace(0.0, 1000.0, 201)
    f10 = np.cos(1e-3 * steps) ** 2
    f01 = 1 - f10
    ratio = 0.01
    exposure = np.concatenate([[0.0], np.cumsum(0.5 * ((f10 + ratio * f01)[1:]
                                                       + (f10 + ratio * f01)[:-1])
                                                * np.diff(steps))])
    assert fit_leakage_rate(steps, 3e-5 * exposure, f10, f01, ratio) == pytest.approx(3e-5)


def test_oscillation_fit_recovers_the_exchange_frequency():
    """F_10 = cos²(Jt) = (1 + cos 2Jt)/2 oscillates at 2J (Eq. 8); a damped, phase-shifted
    oscillation about an offset (the fit's model) gives back its frequency, in units of J."""
    jt = np.linspace(0.0, 3 * math.pi, 400)
    assert fit_oscillation_rate(jt, np.cos(jt) ** 2) == pytest.approx(2.0, rel=1e-9)
    damped = 0.45 + 0.5 * np.exp(-0.05 * jt) * np.cos(2.003 * jt + 0.3)
    assert fit_oscillation_rate(jt, damped) == pytest.approx(2.003, rel=1e-9)
