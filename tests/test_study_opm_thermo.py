"""The ``opm-thermo`` study (seed 000): dataset layout, Γ_SD readings, claim kinds, helpers."""

from __future__ import annotations

import math
import re

import numpy as np
import pytest

from spinthermo.atoms.cell import VapourCell
from spinthermo.studies.contract import run_study
from spinthermo.studies.opm_thermo import (
    OpmThermoStudy,
    collisional_rate_uncertainty,
    family_view,
    ness_approach_time,
)

#: Seed 000 Table 1: σ_SD (value, 1σ) in cm² of Rb with Rb, He, N2.
TABLE_1_SD = {"Rb": (9.0e-18, 0.5e-18), "He": (8.7e-24, 0.5e-24), "N2": (1.0e-22, 0.1e-22)}
#: Eq. (11) densities of the paper's fill (200 torr He, 75 torr N2) in amagat.
N_AMG = {"He": 200 / 760, "N2": 75 / 760}


@pytest.fixture(scope="module")
def result():
    return run_study(OpmThermoStudy(), quick=True)


def test_scenarios_are_dimensions_not_wide_names(result):
    data = result.data
    names = [str(n) for n in data.variables]
    folded = r"(_s|_pump|_pumping)$|_ness_|^(ness|initial)_populations"  # the old wide names
    wide = [n for n in names if re.search(folded, n)]
    assert not wide, f"wide scenario names left: {wide}"
    assert data["entropy"].dims == ("family", "member", "time_tse")
    assert data["qfi"].dims == ("family", "member", "axis", "time_tse")
    assert data["efficiency_at_stage"].dims == ("stage", "family", "member")
    assert data["level_population"].dims == ("pump_axis", "level", "time_tse")
    assert list(data["stage"].values) == ["initial", "ness"]
    assert list(data["pump_axis"].values) == ["z", "x"]
    # the unpolarised start: every population 1/8, R = 0 for every scenario
    start = data["level_population_at_stage"].sel(stage="initial")
    np.testing.assert_allclose(start, 1 / 8, atol=1e-15)
    np.testing.assert_allclose(data["efficiency_at_stage"].sel(stage="initial"), 0, atol=1e-8)


def test_physical_scalars_are_variables_with_units(result):
    data = result.data
    assert not {"gamma_se", "gamma_sd", "hyperfine_splitting_hz"} & set(data.attrs)
    for name, units in (("spin_exchange_rate", "s-1"), ("spin_destruction_rate", "s-1"),
                        ("hyperfine_splitting", "Hz")):
        assert data[name].ndim == 0 and data[name].attrs["units"] == units
        assert data[name].attrs["long_name"]
    assert data["hyperfine_splitting"] == pytest.approx(6.8347e9, rel=1e-4)  # ⁸⁷Rb


def test_family_view_indexes_by_the_varied_parameter(result):
    eff = family_view(result.data, "efficiency", "pump_rate")
    assert eff.dims == ("pump_ratio", "time_tse")
    np.testing.assert_allclose(eff.sel(pump_ratio=0.0), 0.0, atol=1e-7)  # pump off: R = 0
    with pytest.raises(ValueError, match=r"family must be one of .*received 'spin'"):
        family_view(result.data, "efficiency", "spin")


def test_study_uses_the_alkali_speed_and_shows_the_relative_reading(result):
    data = result.data
    assert data["spin_destruction_rate"] == pytest.approx(30.8, abs=0.1)  # issue 14: 30.8 Hz
    at = data["spin_destruction_rate_at_paper_radius"]
    assert float(at.sel(buffer_gas_speed="relative", paper_radius_cm=1.5)) == pytest.approx(
        46.4, abs=0.1)
    assert float(at.sel(buffer_gas_speed="alkali", paper_radius_cm=2.5)) == pytest.approx(
        21.7, abs=0.1)
    # the relative reading's collision terms alone exceed the paper's 21 Hz at 2.5 cm
    assert float(data["collisional_spin_destruction_rate"].sel(
        buffer_gas_speed="relative")) == pytest.approx(32.2, abs=0.1)


def test_table_1_uncertainties_propagate_to_gamma_sd():
    cell = VapourCell(buffer_gas_speed="alkali")
    rates = cell.collisional_spin_destruction_rates()
    expected = math.sqrt(sum((rates[f"Rb-{p}"] * d / v) ** 2 for p, (v, d) in TABLE_1_SD.items()))
    assert collisional_rate_uncertainty(cell) == pytest.approx(expected, rel=1e-12)
    assert 0.8 < expected < 1.0  # Hz: N2's ±10 % on 8.2 Hz dominates


def test_propagation_refuses_a_cross_section_without_uncertainty():
    cell = VapourCell(species="133Cs", buffer_pressures_torr={"Ar": 100.0})
    with pytest.raises(ValueError, match=r"Cs-Cs.*no uncertainty"):
        collisional_rate_uncertainty(cell)


def test_implied_diffusion_constant_and_the_d0_that_reproduce_the_endpoint(result):
    data = result.data
    d_cm2 = data["diffusion_coefficient"] * 1e4
    fv = 0.42 / N_AMG["He"] + 0.16 / N_AMG["N2"]  # Franz & Volk, Eq. (11)
    mixed = 0.42 / N_AMG["He"] + 0.132 / N_AMG["N2"]  # Franz & Volk He, Pouliot N2
    assert float(d_cm2.sel(diffusion_data="franz_volk_1976")) == pytest.approx(fv, rel=1e-6)
    assert float(d_cm2.sel(diffusion_data="franz_volk_he_pouliot_n2")) == pytest.approx(
        mixed, rel=1e-6)
    low, high = (data["implied_diffusion_coefficient"].sel(paper_radius_cm=0.01) * 1e4).values
    mode = (math.pi / 1e-4) ** 2 / 1e4  # (π/r)² in m⁻² (r = 1e-4 m) over 1e4 cm² per m²
    assert low == pytest.approx((2.85e5 - 17.5) / mode, rel=1e-3)
    assert high == pytest.approx((2.95e5 - 15.8) / mode, rel=1e-3)
    assert low <= mixed <= high < fv  # Franz & Volk alone overshoots by 9.5 %
    assert fv / mixed - 1 == pytest.approx(0.097, abs=0.005)


def test_claim_kinds_and_the_explained_failures(result):
    claims = {c.id: c for c in result.claims}
    for cid in ("fig4d-R-off", "fig6-qfi-z-zero", "fig2-orientation-follows-light",
                "ness-spin-temperature", "ness-polarization", "ness-x-pumping",
                "fig6ab-qfi-x-equals-y"):
        assert claims[cid].kind == "consistency", cid
    for cid in ("gamma-sd-relative-speed-ruled-out", "gamma-sd-one-diffusion-constant"):
        assert claims[cid].kind == "beyond" and claims[cid].passed, cid
    for cid in ("gamma-sd", "gamma-se", "fig4b-R-s0.75", "fig5-plateau-s0.75",
                "fig3f-higher-pump-reaches-ness-faster", "fig2-populations-reach-ness"):
        assert claims[cid].kind == "paper" and claims[cid].passed, cid
    endpoint = claims["gamma-sd-r0.01"]
    assert not endpoint.passed and "D0" in endpoint.explanation
    assert "pouliot" in endpoint.explanation.lower()  # names the D0 that reproduce it
    assert not result.unexplained_failures, [c.id for c in result.unexplained_failures]


def test_x_pumping_ness_is_the_rotated_z_ness(result):
    ness = result.data["level_population_at_stage"].sel(stage="ness")
    np.testing.assert_allclose(ness.sel(pump_axis="x"), ness.sel(pump_axis="z"), atol=1e-10)
    assert float(ness.sel(pump_axis="z").isel(level=0)) > 0.4  # |2, +2> holds the most


def test_higher_pump_rate_approaches_the_ness_faster(result):
    times = family_view(result.data, "ness_approach_time", "pump_rate")
    assert float(times.sel(pump_ratio=0.0)) == 0.0  # pump off: already at the NESS
    pumped = times.sel(pump_ratio=[0.25, 0.5, 1.0, 2.0]).values
    assert np.all(np.diff(pumped) < 0)


def test_ness_approach_time_of_an_exponential():
    times = np.linspace(0.0, 10.0, 2001)
    tau = 1.7
    entropy = 0.3 + 1.5 * np.exp(-times / tau)
    assert ness_approach_time(times, entropy, 0.3) == pytest.approx(tau, rel=1e-5)
    assert ness_approach_time(times, np.full_like(times, 0.3), 0.3) == 0.0
    with pytest.raises(ValueError, match="extend the time grid"):
        ness_approach_time(times[:50], entropy[:50], 0.3)


def test_peak_width_is_the_fwhm_of_a_gaussian_and_nan_for_an_open_peak():
    from spinthermo.studies.opm_thermo import _peak_width

    t = np.linspace(0.0, 10.0, 1001)
    sigma = 0.7
    assert _peak_width(t, np.exp(-(t - 4.0) ** 2 / (2 * sigma**2))) == pytest.approx(
        2 * np.sqrt(2 * np.log(2)) * sigma, rel=1e-4)
    assert np.isnan(_peak_width(t, np.exp(-t)))  # maximum at the edge: no left crossing
