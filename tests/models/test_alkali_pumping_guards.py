"""Seed 000 guards (issue 11): extreme rates, the hyperfine constant the energies need, and
rotational covariance of pumping along x, y and z."""

import numpy as np
import pytest
import scipy.linalg

from spinthermo.core.checks import require_density_matrix
from spinthermo.core.steady import DEFAULT_STEADY_TOL, steady_state
from spinthermo.models.alkali_pumping import AlkaliPumping, thermodynamics

RATES = {"pumping_rate": 1.4e4, "spin_exchange_rate": 1.4e4, "spin_destruction_rate": 30.0}
A_RB87 = 2 * np.pi * 3.417341305452145e9  # rad/s


@pytest.mark.parametrize(("pump", "exchange", "destruction"),
                         [(1e12, 1e12, 30.0), (1e12, 1e12, 3e11), (1e3, 1e5, 3e11)])
def test_extreme_rates_give_a_valid_ness_and_its_diagnostics(pump, exchange, destruction):
    """Rates up to 1e12 s⁻¹: the NESS is sR/(R + Γ_SD) with a residual relative to the
    generator's norm, and the diagnostics accept its ρ̇ (rounding ~1e-4 s⁻¹ at this scale)."""
    s = 0.5
    model = AlkaliPumping.from_species("87Rb", pumping_rate=pump, spin_exchange_rate=exchange,
                                       spin_destruction_rate=destruction, photon_spin=s)
    result = steady_state(model.generator)
    diagnostics = thermodynamics(model, result.state)
    norm = np.abs(model.generator.effective_liouvillian(result.state)).max()
    assert norm >= min(pump, exchange)
    assert np.abs(model.generator.rhs(result.state)).max() <= DEFAULT_STEADY_TOL * norm
    assert result.residual <= DEFAULT_STEADY_TOL
    require_density_matrix("rho", model.density_matrix(result.state), atol=1e-12)
    p = 2 * model.expectation(result.state, "S", "z")
    assert p == pytest.approx(s * pump / (pump + destruction), rel=1e-10)
    assert all(np.all(np.isfinite(v)) for v in diagnostics.values())
    assert diagnostics["entropy_production_rate"] == 0.0  # ρ̇ = 0 at the NESS
    assert 0.0 < diagnostics["efficiency"] <= 1.0


def test_state_derivative_off_the_ness_keeps_its_physics_at_extreme_rates():
    """Off the NESS at 1e12 s⁻¹, ρ̇ is kept (Hermitian, traceless) and dΣ/dt matches the
    finite difference of Σ along a short trajectory."""
    model = AlkaliPumping.from_species("87Rb", pumping_rate=1e12, spin_exchange_rate=1e12,
                                       spin_destruction_rate=3e11, photon_spin=0.5)
    times = np.array([1e-12, 1e-12 + 1e-17, 1e-12 + 2e-17])
    grid = np.concatenate([[0.0], times])
    states = model.evolve_coordinates(grid, rtol=1e-12, atol=1e-14).states[1:]
    diagnostics = thermodynamics(model, states)
    sigma = diagnostics["entropy_production"]
    slope = (sigma[2] - sigma[0]) / (times[2] - times[0])
    assert diagnostics["entropy_production_rate"][1] == pytest.approx(slope, rel=1e-4)


def test_energies_without_a_hfs_raise_instead_of_returning_zero():
    model = AlkaliPumping(nuclear_spin=1.5, photon_spin=0.5, **RATES)
    with pytest.raises(ValueError, match="a_hfs"):
        thermodynamics(model, model.steady_state_coordinates())
    with pytest.raises(ValueError, match="a_hfs"):
        model.hamiltonian()
    with pytest.raises(ValueError, match=r"secular=False .* a_hfs"):
        AlkaliPumping(nuclear_spin=1.5, secular=False, photon_spin=0.5, **RATES)


def test_energies_scale_with_the_hyperfine_constant():
    """H0 = A_hfs I·S: energy and ergotropy ∝ A_hfs, efficiency independent of it, and
    from_species supplies ⁸⁷Rb's A_hfs."""
    ness = AlkaliPumping(nuclear_spin=1.5, photon_spin=0.5, **RATES).steady_state_coordinates()
    one = thermodynamics(AlkaliPumping(nuclear_spin=1.5, photon_spin=0.5, a_hfs=A_RB87,
                                       **RATES), ness)
    two = thermodynamics(AlkaliPumping(nuclear_spin=1.5, photon_spin=0.5, a_hfs=2 * A_RB87,
                                       **RATES), ness)
    species = AlkaliPumping.from_species("87Rb", photon_spin=0.5, **RATES)
    assert one["energy"] > 0 and one["ergotropy"] > 0
    assert two["energy"] == pytest.approx(2 * one["energy"], rel=1e-12)
    assert two["ergotropy"] == pytest.approx(2 * one["ergotropy"], rel=1e-12)
    assert two["efficiency"] == pytest.approx(one["efficiency"], rel=1e-12)
    assert thermodynamics(species, ness)["energy"] == pytest.approx(one["energy"], rel=1e-12)


def rotation_to(model, axis):
    """U = exp(−iθ F_n) taking F_z to F_axis: θ = π/2 about y (→ x), −π/2 about x (→ y)."""
    fx, fy, fz = model.atom.total_spin
    generator, angle = {"x": (fy, np.pi / 2), "y": (fx, -np.pi / 2)}[axis]
    u = scipy.linalg.expm(-1j * angle * generator)
    np.testing.assert_allclose(u @ fz @ u.conj().T, {"x": fx, "y": fy}[axis], atol=1e-12)
    return u


@pytest.mark.parametrize("secular", [True, False])
@pytest.mark.parametrize("axis", ["x", "y"])
def test_pumping_along_x_or_y_is_the_rotated_z_solution(axis, secular):
    """ρ_k = U ρ_z U† for the NESS and a short trajectory (mean-field Γ_SE term included):
    a vectorisation slip that flips ⟨S_y⟩ breaks y-pumping alone."""
    extra = {} if secular else {"secular": False, "a_hfs": 20 * RATES["pumping_rate"]}
    z_model = AlkaliPumping(nuclear_spin=1.5, photon_spin=0.6, axis="z", **RATES, **extra)
    k_model = AlkaliPumping(nuclear_spin=1.5, photon_spin=0.6, axis=axis, **RATES, **extra)
    u = rotation_to(z_model, axis)
    rotated = u @ z_model.density_matrix(z_model.steady_state_coordinates()) @ u.conj().T
    np.testing.assert_allclose(k_model.density_matrix(k_model.steady_state_coordinates()), rotated,
                               atol=1e-12)
    times = np.linspace(0.0, 3.0 / RATES["pumping_rate"], 4)
    tilted = np.diag(np.linspace(0.4, 0.1, z_model.dimension)).astype(complex)
    tilted /= np.trace(tilted)  # polarised along z, so the rotation matters from t = 0
    rho_z = z_model.density_matrix(z_model.evolve(times, tilted))
    rho_k = k_model.density_matrix(k_model.evolve(times, u @ tilted @ u.conj().T))
    np.testing.assert_allclose(rho_k, u @ rho_z @ u.conj().T, atol=1e-9)
