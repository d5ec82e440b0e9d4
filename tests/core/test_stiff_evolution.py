"""Stiff evolution (issue 11): every documented method reaches the NESS or the exact solution,
the trace is exact, and a run that cannot finish stops at once, naming max_steps."""

import time

import numpy as np
import pytest
import scipy.linalg

from spinthermo.core.evolution import IntegrationError, evolve
from spinthermo.core.generator import MeanFieldGenerator
from spinthermo.models.alkali_pumping import AlkaliPumping

#: ⁸⁷Rb, seed 000 Eq. (1): NESS polarisation sR/(R + Γ_SD) = 1/62, whatever Γ_SE.
PUMP, DESTRUCTION, PHOTON_SPIN = 1e3, 6.1e4, 1.0
P_NESS = PHOTON_SPIN * PUMP / (PUMP + DESTRUCTION)


def rubidium(spin_exchange_rate, **kwargs):
    return AlkaliPumping.from_species("87Rb", pumping_rate=PUMP,
                                      spin_exchange_rate=spin_exchange_rate,
                                      spin_destruction_rate=DESTRUCTION,
                                      photon_spin=PHOTON_SPIN, **kwargs)


@pytest.mark.parametrize("method", ["BDF", "Radau", "LSODA"])
def test_stiff_spin_exchange_run_ends_on_the_ness_to_its_tolerance(method):
    """Γ_SE = 1e8 s⁻¹ ≫ R + Γ_SD: the state after 0.1 s (1e3 slow lifetimes) is the NESS
    to the run's rtol = 1e-8; the old complex BDF drifted in trace and ended 3e-7 off."""
    model = rubidium(1e8)
    ness = model.steady_state_coordinates()
    result = model.evolve_coordinates([0.0, 1e-3, 0.1], method=method)
    final = result.states[-1]
    assert 2 * model.expectation(final, "S", "z") == pytest.approx(P_NESS, rel=1e-8)
    np.testing.assert_allclose(final, ness, atol=1e-9)
    np.testing.assert_allclose(result.states @ model.generator.trace, 1.0, atol=1e-13)
    assert result.steps < 1000


def test_exact_alkali_equation_by_radau_ends_on_the_ness():
    """Non-secular ⁸⁷Rb (hyperfine coherences turning at A_hfs = 2π·3.4 GHz): Radau works on
    the real system and lands on the Newton NESS."""
    model = rubidium(1e6, secular=False)
    final = model.evolve_coordinates([0.0, 0.05], method="Radau").states[-1]
    assert 2 * model.expectation(final, "S", "z") == pytest.approx(P_NESS, rel=1e-8)
    rho = model.density_matrix(final)
    ness = model.density_matrix(model.steady_state_coordinates())
    np.testing.assert_allclose(rho, ness, atol=1e-9)


@pytest.mark.parametrize("method", ["dopri5", "RK45", "DOP853", "BDF", "Radau", "LSODA"])
def test_every_step_method_reaches_the_ness_of_a_moderately_stiff_run(method):
    """Γ_SE / (R + Γ_SD) ≈ 16: explicit methods still finish; all end on sR/(R + Γ_SD)."""
    model = rubidium(1e6)
    final = model.evolve_coordinates([0.0, 5e-3], method=method).states[-1]
    assert 2 * model.expectation(final, "S", "z") == pytest.approx(P_NESS, rel=1e-7)


@pytest.mark.parametrize("method", ["expm", "BDF", "Radau", "LSODA"])
def test_linear_stiff_pumping_matches_the_exact_propagator(method):
    """Γ_SE = 0 (linear) with R = 1e8 s⁻¹ ≫ Γ_SD: exp(L t) x0 and the NESS sR/(R + Γ_SD)."""
    model = AlkaliPumping.from_species("87Rb", pumping_rate=1e8, spin_destruction_rate=30.0,
                                       photon_spin=0.5)
    times = np.array([0.0, 1e-8, 1e-7, 1.0])
    x0 = model.coordinates(model.initial_state())
    exact = np.array([scipy.linalg.expm(model.generator.linear * t) @ x0 for t in times])
    states = model.evolve_coordinates(times, method=method).states
    np.testing.assert_allclose(states, exact, atol=1e-8)
    assert 2 * model.expectation(states[-1], "S", "z") == pytest.approx(0.5 * 1e8 / (1e8 + 30))


@pytest.mark.parametrize("method", ["Radau", "LSODA", "BDF"])
def test_implicit_methods_integrate_a_generator_that_loses_trace(method):
    """No trace to eliminate (population leaves): x(t) = x0 e^{−γ t} per coordinate."""
    rates = np.array([1e6, 1.0])
    gen = MeanFieldGenerator.linear_only(-np.diag(rates).astype(complex), np.ones(2))
    times = np.array([0.0, 1e-6, 1.0])
    states = evolve(gen, np.array([1.0, 1.0j]), times, method=method).states
    exact = np.exp(-rates[None, :] * times[:, None]) * np.array([1.0, 1.0j])
    np.testing.assert_allclose(states, exact, atol=1e-8)


@pytest.mark.parametrize("method", ["dopri5", "RK45", "DOP853"])
def test_explicit_methods_stop_at_once_on_a_stiff_run(method):
    """Γ_SE = 1e8 s⁻¹ to 3 ms needs ~1e5 explicit steps at the stability limit: with
    max_steps=10_000 the error names max_steps after ~100 steps, not after the cap."""
    model = rubidium(1e8)
    started = time.perf_counter()
    with pytest.raises(IntegrationError, match=r"stiff.*needs about .* max_steps=10000"):
        model.evolve_coordinates([0.0, 3e-3], method=method, max_steps=10_000)
    assert time.perf_counter() - started < 10.0


def test_bdf_on_oscillatory_stiffness_stops_at_once_and_points_to_radau():
    """BDF's orders 3-5 are unstable on the hyperfine oscillation: the run stops after 1000
    steps with an error naming max_steps and Radau, instead of crawling for minutes."""
    model = rubidium(1e6, secular=False)
    with pytest.raises(IntegrationError, match=r"max_steps=20000; use method='Radau'"):
        model.evolve_coordinates([0.0, 0.1], method="BDF")


def test_max_steps_is_checked_and_caps_scipy_methods():
    model = rubidium(1e4)
    with pytest.raises(ValueError, match=r"max_steps must lie in .*1.*received 0"):
        model.evolve_coordinates([0.0, 1e-3], max_steps=0)
    with pytest.raises(TypeError, match="max_steps must be a positive integer"):
        model.evolve_coordinates([0.0, 1e-3], max_steps=2.5)
    with pytest.raises(IntegrationError, match="more than max_steps=5 steps"):
        model.evolve_coordinates([0.0, 1e-3], method="BDF", max_steps=5)


def test_repeated_initial_times_return_the_initial_state():
    model = rubidium(1e4)
    result = model.evolve_coordinates([0.0, 0.0, 1e-3], method="Radau")
    x0 = model.coordinates(model.initial_state())
    np.testing.assert_array_equal(result.states[:2], np.stack([x0] * 2))
