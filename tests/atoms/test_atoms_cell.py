"""The vapour cell of seed 000 Appendix A: rates against the paper and against closed forms."""

import math
import time

import numpy as np
import pytest

from spinthermo.atoms.cell import VapourCell, spin_destruction_rate_vs_radius
from spinthermo.atoms.collisions import (
    BUFFER_GASES,
    SPIN_DESTRUCTION_CROSS_SECTIONS,
    SPIN_EXCHANGE_CROSS_SECTIONS,
    MissingAtomicDataError,
    cell_data_coverage,
    diffusion_constant,
)
from spinthermo.atoms.species import SPECIES
from spinthermo.atoms.vapour import vapour_pressure_pa
from spinthermo.core.units import ATOMIC_MASS_UNIT, BOLTZMANN, LOSCHMIDT

#: Seed 000 quotes Γ_SE ≈ 14 kHz (two significant figures, i.e. ±0.5 kHz ≈ 3.6 %); 5 % also
#: covers the 1.9 ± 0.1 cross section's rounding, but not the 22 % gap to Alcock's fit.
GAMMA_SE_PAPER_HZ = 14e3
GAMMA_SE_RTOL = 0.05
#: Seed 000 quotes Γ_SD ≈ 30 Hz (R = 1.5 cm) and 21 Hz / 290 kHz at R = 2.5 / 0.01 cm, but not
#: its D0. The measured D0 sets we store differ by 20-25 % from each other; 15 % is the
#: half-spread, the accuracy to which any literature D0 pins the wall term.
GAMMA_SD_RTOL = 0.15
FLOAT_RTOL = 1e-12


@pytest.fixture(scope="module")
def cell():
    return VapourCell()


def test_default_cell_is_the_paper_cell(cell):
    assert cell.species == "87Rb"
    assert cell.temperature_k == pytest.approx(393.15)
    assert cell.radius_m == pytest.approx(0.015)
    assert dict(cell.buffer_pressures_torr) == {"He": 200.0, "N2": 75.0}
    assert hash(cell) == hash(VapourCell(buffer_pressures_torr={"N2": 75.0, "He": 200.0}))


def test_spin_exchange_rate_matches_paper(cell):
    assert cell.spin_exchange_rate == pytest.approx(GAMMA_SE_PAPER_HZ, rel=GAMMA_SE_RTOL)


def test_alcock_gives_larger_spin_exchange_rate(cell):
    alcock = VapourCell(vapour_pressure_formula="alcock").spin_exchange_rate
    assert alcock / cell.spin_exchange_rate == pytest.approx(
        vapour_pressure_pa("87Rb", 393.15, "alcock") / vapour_pressure_pa("87Rb", 393.15),
        rel=FLOAT_RTOL,
    )
    assert alcock > GAMMA_SE_PAPER_HZ * (1 + GAMMA_SE_RTOL)


def test_spin_exchange_rate_closed_form(cell):
    m = cell.atom.mass_kg
    t = cell.temperature_k
    n = vapour_pressure_pa("87Rb", t) / (BOLTZMANN * t)
    expected = n * math.sqrt(16 * BOLTZMANN * t / (math.pi * m)) * 1.9e-18  # seed 000 Eq. (7)
    assert cell.spin_exchange_rate == pytest.approx(expected, rel=1e-12)


def test_buffer_density_convention(cell):
    # Eq. (9) uses n_amg × Loschmidt with n_amg = P/760 (the Eq. (11) convention)
    assert cell.buffer_number_densities["He"] == pytest.approx(200 / 760 * LOSCHMIDT)


def test_buffer_term_closed_form(cell):
    m_rb = cell.atom.mass_kg
    m_he = BUFFER_GASES["He"].mass_amu * ATOMIC_MASS_UNIT
    mu = m_rb * m_he / (m_rb + m_he)
    v = math.sqrt(8 * BOLTZMANN * cell.temperature_k / (math.pi * mu))
    expected = 200 / 760 * LOSCHMIDT * v * 8.7e-28
    assert cell.spin_destruction_rates()["Rb-He"] == pytest.approx(expected, rel=1e-12)


def test_spin_destruction_terms_and_sum(cell):
    rates = cell.spin_destruction_rates()
    assert set(rates) == {"Rb-Rb", "Rb-He", "Rb-N2", "wall"}
    assert all(r > 0 for r in rates.values())
    assert cell.spin_destruction_rate == pytest.approx(sum(rates.values()), rel=FLOAT_RTOL)
    # Rb–Rb spin destruction shares n and v with spin exchange: ratio of cross sections
    assert rates["Rb-Rb"] / cell.spin_exchange_rate == pytest.approx(9.0e-22 / 1.9e-18)


def test_wall_term_scales_as_inverse_radius_squared(cell):
    w1 = cell.with_radius(1.0).spin_destruction_rates()["wall"]
    w3 = cell.with_radius(3.0).spin_destruction_rates()["wall"]
    assert w1 / w3 == pytest.approx(9.0, rel=FLOAT_RTOL)
    assert w1 == pytest.approx((math.pi / 0.01) ** 2 * cell.diffusion_coefficient, rel=1e-12)


@pytest.mark.parametrize(
    ("radius_cm", "paper_hz"),
    [(1.5, 30.0), (2.5, 21.0), (0.01, 290e3)],
)
def test_spin_destruction_rate_against_paper_reconstruction(radius_cm, paper_hz):
    # The paper's numbers follow when Eq. (9) uses the alkali's mean speed (our reconstruction);
    # the relative speed (default) gives larger buffer terms, see the next test.
    cell = VapourCell(buffer_gas_speed="alkali", radius_cm=radius_cm)
    assert cell.spin_destruction_rate == pytest.approx(paper_hz, rel=GAMMA_SD_RTOL)


def test_relative_speed_convention_misses_paper_at_large_radius():
    # documented discrepancy: with v_rel(μ) the buffer-gas terms alone exceed the paper's 21 Hz
    cell = VapourCell(radius_cm=2.5)
    collisional = sum(cell.collisional_spin_destruction_rates().values())
    assert collisional > 21.0 * (1 + GAMMA_SD_RTOL)


def test_vectorised_radius_sweep_matches_scalar(cell):
    radii = np.geomspace(0.01, 2.5, 200)
    start = time.perf_counter()
    sweep = spin_destruction_rate_vs_radius(cell, radii)
    elapsed = time.perf_counter() - start
    assert sweep.shape == (200,)
    scalar = [cell.with_radius(r).spin_destruction_rate for r in radii[::20]]
    np.testing.assert_allclose(sweep[::20], scalar, rtol=1e-12)
    assert np.all(np.diff(sweep) < 0)  # Γ_SD decreases monotonically with R
    assert elapsed < 0.05


def test_blanc_reduces_wall_term(cell):
    blanc = VapourCell(diffusion_combination="blanc")
    assert blanc.diffusion_coefficient < cell.diffusion_coefficient
    assert blanc.spin_destruction_rate < cell.spin_destruction_rate


def test_spin_exchange_grows_with_temperature(cell):
    rates = [cell.with_temperature(t).spin_exchange_rate for t in (80.0, 100.0, 120.0, 140.0)]
    assert np.all(np.diff(rates) > 0)


@pytest.mark.parametrize(
    ("kwargs", "parameter"),
    [
        ({"radius_cm": -1.0}, "radius_cm"),
        ({"radius_cm": 0.0}, "radius_cm"),
        ({"temperature_c": -300.0}, "temperature_c"),
        ({"temperature_c": -273.15}, "temperature_c"),
        ({"species": "7Li"}, "species"),
        ({"buffer_pressures_torr": {"H2": 10.0}}, "buffer gas"),
        ({"buffer_pressures_torr": {"He": -5.0}}, "buffer_pressures_torr"),
        ({"buffer_pressures_torr": {"He": 0.0}}, "buffer_pressures_torr"),
        ({"vapour_pressure_formula": "steck"}, "formula"),
        ({"diffusion_combination": "sum"}, "diffusion_combination"),
        ({"diffusion_data": "x"}, "diffusion_data"),
        ({"buffer_gas_speed": "fast"}, "buffer_gas_speed"),
        ({"buffer_pressures_torr": {"Kr": 100.0}}, "Rb–Kr"),
        ({"species": "133Cs"}, r"D0\(Cs–He\)"),
    ],
)
def test_bad_inputs_name_the_parameter(kwargs, parameter):
    with pytest.raises(ValueError, match=parameter):
        VapourCell(**kwargs)


def test_sweep_rejects_bad_radius(cell):
    with pytest.raises(ValueError, match="radius_cm"):
        spin_destruction_rate_vs_radius(cell, [1.0, -0.5])


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        # the hostile-review inputs, which used to give rates up to 1e65 s^-1
        ({"temperature_c": 5000.0}, r"temperature_c must lie in \[24.85, 688\] °C.*nesmeyanov.*"
                                    r"received 5000 °C"),
        ({"temperature_c": 300.0, "vapour_pressure_formula": "alcock"},
         r"temperature_c must lie in \[24.85, 276.85\] °C.*Alcock.*received 300 °C"),
        ({"radius_cm": 1e-30}, r"radius_cm must lie in \[0.00311\d*, 100\] cm.*mean free path.*"
                               r"received 1e-30 cm"),
        ({"radius_cm": 150.0}, r"radius_cm must lie in .*received 150 cm"),
        ({"buffer_pressures_torr": {"He": 1e12}},
         r"buffer_pressures_torr\['He'\] must lie in \[0, 7600\] torr.*dilute.*received 1e\+12"),
    ],
)
def test_out_of_validity_inputs_are_rejected_with_range_and_value(kwargs, message):
    with pytest.raises(ValueError, match=message):
        VapourCell(**kwargs)


def test_smallest_radius_is_ten_mean_free_paths(cell):
    """Knudsen number λ/R ≤ 0.1 with λ = 3D/v̄ (D = λv̄/3), computed here independently."""
    m = cell.atom.mass_kg
    v_mean = math.sqrt(8 * BOLTZMANN * cell.temperature_k / (math.pi * m))
    d_paper = 0.42e-4 / (200 / 760) + 0.16e-4 / (75 / 760)  # Eq. (11), Franz & Volk D0
    smallest_cm = 10 * 3 * d_paper / v_mean * 100
    assert smallest_cm == pytest.approx(0.00312, rel=0.01)
    assert VapourCell(radius_cm=smallest_cm * 1.001).wall_relaxation_rate > 0
    with pytest.raises(ValueError, match="radius_cm"):
        VapourCell(radius_cm=smallest_cm * 0.999)
    with pytest.raises(ValueError, match="radius_cm"):
        spin_destruction_rate_vs_radius(cell, [1.0, smallest_cm * 0.999])


def test_trace_gas_in_paper_sum_is_rejected_but_fine_with_blanc():
    """Eq. (11) as written adds D0/n: 1e-12 torr of N2 makes D ~ 1e13 m²/s, no diffusion."""
    trace = {"He": 200.0, "N2": 1e-12}
    with pytest.raises(ValueError, match=r"buffer_pressures_torr .* no radius .* diffusive"):
        VapourCell(buffer_pressures_torr=trace)
    blanc = VapourCell(buffer_pressures_torr=trace, diffusion_combination="blanc")
    helium_only = VapourCell(buffer_pressures_torr={"He": 200.0}, diffusion_combination="blanc")
    assert blanc.wall_relaxation_rate == pytest.approx(helium_only.wall_relaxation_rate, rel=1e-9)


@pytest.mark.parametrize("temperature_c", [24.85, 276.85])
@pytest.mark.parametrize("radius_cm", [0.1, 100.0])
@pytest.mark.parametrize("pressure_torr", [20.0, 7600.0])
def test_rates_at_the_corners_of_the_validity_box_are_finite_and_physical(
        temperature_c, radius_cm, pressure_torr):
    cell = VapourCell(temperature_c=temperature_c, radius_cm=radius_cm,
                      buffer_pressures_torr={"He": pressure_torr},
                      vapour_pressure_formula="alcock")
    rates = cell.spin_destruction_rates() | {"SE": cell.spin_exchange_rate}
    assert all(math.isfinite(r) and r > 0 for r in rates.values())
    # the largest is Γ_SE at 550 K: Rb vapour at 0.7 torr gives n v σ_SE ≈ 1.2e7 s^-1; the
    # hostile review's extrapolation gave 1e65 s^-1
    assert max(rates.values()) < 2e7


#: A working cell of every species whose data are all sourced, at a typical temperature:
#: the seed 000 Rb cell at 120 °C; Cs at 100 °C in 100 torr Ar (the only gas with a sourced
#: Cs D0, Tornos & Amare 1986).
WORKING_CELLS = {
    "87Rb": {"species": "87Rb"},
    "85Rb": {"species": "85Rb"},
    "133Cs": {"species": "133Cs", "temperature_c": 100.0, "buffer_pressures_torr": {"Ar": 100.0}},
}
#: Species with a missing sourced quantity, and the quantity named by the error.
MISSING_DATA = {
    "23Na": r"spin-destruction cross section σ_SD\(Na–Na\)",
    "39K": r"diffusion constant D0\(K–He\)",
    "41K": r"diffusion constant D0\(K–He\)",
}


def test_every_species_is_either_a_working_cell_or_a_named_gap():
    assert set(WORKING_CELLS) | set(MISSING_DATA) == set(SPECIES)


@pytest.mark.parametrize("name", sorted(WORKING_CELLS))
def test_typical_cell_of_each_species_has_physical_rates(name):
    cell = VapourCell(**WORKING_CELLS[name])
    rates = cell.spin_destruction_rates()
    element = cell.atom.element
    assert all(math.isfinite(r) and r > 0 for r in [cell.spin_exchange_rate, *rates.values()])
    # fast spin exchange: Γ_SE exceeds the alkali–alkali spin destruction (same n and v) by
    # σ_SE/σ_SD, about 2000 for Rb and 80 for Cs, and Γ_SD as a whole
    assert cell.spin_exchange_rate > 50 * rates[f"{element}-{element}"]
    assert cell.spin_exchange_rate > 10 * cell.spin_destruction_rate


@pytest.mark.parametrize("name", sorted(MISSING_DATA))
def test_species_without_sourced_data_raise_a_named_error(name):
    with pytest.raises(MissingAtomicDataError,
                       match=rf"VapourCell\(species='{name}'\): .*no sourced value .*"
                             rf"{MISSING_DATA[name]}"):
        VapourCell(species=name, temperature_c=150.0, buffer_pressures_torr={"He": 500.0})


def test_caesium_rates_by_hand():
    """Eqs. (7), (9), (10)-(11) for Cs at 100 °C in 100 torr Ar, from the table numbers."""
    cell = VapourCell(**WORKING_CELLS["133Cs"])
    t = 373.15
    m_cs = 132.905451931 * ATOMIC_MASS_UNIT
    # Nesmeyanov's liquid Cs fit as printed by Steck (Cs melts at 28.44 °C), torr
    log10_torr = 8.22127 - 4006.048 / t - 0.00060194 * t - 0.19623 * math.log10(t)
    n_cs = 10**log10_torr * 133.322368 / (BOLTZMANN * t)
    v_cs_cs = math.sqrt(16 * BOLTZMANN * t / (math.pi * m_cs))
    assert cell.spin_exchange_rate == pytest.approx(n_cs * v_cs_cs * 1.63e-18, rel=1e-6)
    assert cell.spin_destruction_rates()["Cs-Cs"] == pytest.approx(n_cs * v_cs_cs * 2e-20,
                                                                   rel=1e-6)
    m_ar = 39.948 * ATOMIC_MASS_UNIT
    v_cs_ar = math.sqrt(8 * BOLTZMANN * t * (m_cs + m_ar) / (math.pi * m_cs * m_ar))
    n_ar = 100 / 760 * LOSCHMIDT
    assert cell.spin_destruction_rates()["Cs-Ar"] == pytest.approx(n_ar * v_cs_ar * 1.04e-25,
                                                                   rel=1e-12)
    d = 0.101e-4 / (100 / 760)
    assert cell.wall_relaxation_rate == pytest.approx((math.pi / 0.015) ** 2 * d, rel=1e-12)


def test_caesium_exchanges_spin_faster_than_rubidium_at_the_same_temperature():
    # Cs is the more volatile metal (about 3x Rb's vapour density at 100 °C): that outweighs
    # its smaller σ_SE (1.63 vs 1.9e-14 cm²) and slower atoms; its σ_SD(self) is 20x Rb's
    rb = VapourCell(temperature_c=100.0)
    cs = VapourCell(**WORKING_CELLS["133Cs"])
    assert cs.alkali_density > 2 * rb.alkali_density
    assert cs.spin_exchange_rate > rb.spin_exchange_rate
    assert cs.spin_destruction_rates()["Cs-Cs"] > 10 * rb.spin_destruction_rates()["Rb-Rb"]


def test_default_vapour_formula_and_diffusion_data_follow_the_element():
    cs = VapourCell(**WORKING_CELLS["133Cs"])
    assert (cs.vapour_pressure_formula, cs.diffusion_data) == ("nesmeyanov", "tornos_amare_1986")
    rb = VapourCell()
    assert (rb.vapour_pressure_formula, rb.diffusion_data) == ("nesmeyanov", "franz_volk_1976")
    assert rb == VapourCell(vapour_pressure_formula="nesmeyanov", diffusion_data="franz_volk_1976")


#: Typical cells of every species with data: (cell keywords, Γ_SE range in s⁻¹). The ranges are
#: the orders of magnitude of the literature cells: ~1e4 s⁻¹ for Rb at 120 °C (seed 000: 14 kHz),
#: ~1e3-1e4 s⁻¹ for Cs at 100 °C; the Rb cell in Ar uses Franz & Volk's σ_SD(Rb–Ar).
TYPICAL_CELLS = {
    "87Rb seed 000": ({"species": "87Rb"}, (5e3, 5e4)),
    "85Rb in Ar": ({"species": "85Rb", "temperature_c": 100.0,
                    "buffer_pressures_torr": {"Ar": 100.0}}, (5e2, 1e4)),
    "133Cs in Ar": (WORKING_CELLS["133Cs"], (1e3, 5e4)),
}


@pytest.mark.parametrize("label", sorted(TYPICAL_CELLS))
def test_rates_of_each_species_are_n_v_sigma_of_the_stored_inputs(label):
    """Γ_SE = n v σ_SE (Eq. (7)) and γ_A,g = n_g v_A,g σ_SD (Eq. (9)) rebuilt from the tables."""
    kwargs, (low, high) = TYPICAL_CELLS[label]
    cell = VapourCell(**kwargs)
    element, t = cell.atom.element, cell.temperature_k
    m = SPECIES[cell.species].mass_amu * ATOMIC_MASS_UNIT
    n = vapour_pressure_pa(cell.species, t, cell.vapour_pressure_formula) / (BOLTZMANN * t)
    v_aa = math.sqrt(16 * BOLTZMANN * t / (math.pi * m))
    sigma_se = SPIN_EXCHANGE_CROSS_SECTIONS[element].value_m2
    assert cell.spin_exchange_rate == pytest.approx(n * v_aa * sigma_se, rel=1e-12)
    assert low < cell.spin_exchange_rate < high
    rates = cell.spin_destruction_rates()
    for gas, pressure in cell.buffer_pressures_torr:
        m_g = BUFFER_GASES[gas].mass_amu * ATOMIC_MASS_UNIT
        v = math.sqrt(8 * BOLTZMANN * t * (m + m_g) / (math.pi * m * m_g))
        sigma = SPIN_DESTRUCTION_CROSS_SECTIONS[(element, gas)].value_m2
        assert rates[f"{element}-{gas}"] == pytest.approx(pressure / 760 * LOSCHMIDT * v * sigma,
                                                          rel=1e-12)
    # SERF premise for every species with data: spin exchange outruns all spin destruction
    assert cell.spin_exchange_rate > 10 * cell.spin_destruction_rate


def test_rubidium_cell_in_argon_uses_the_argon_data():
    cell = VapourCell(species="87Rb", buffer_pressures_torr={"Ar": 100.0})
    d0_ar = diffusion_constant("Rb", "Ar", "franz_volk_1976")  # 0.16 cm²/s
    assert cell.diffusion_coefficient == pytest.approx(d0_ar / (100 / 760), rel=1e-12)
    # argon relaxes Rb ~70x more per collision than helium (630e-24 vs 8.7e-24 cm²)
    helium = VapourCell(species="87Rb", buffer_pressures_torr={"He": 100.0})
    assert cell.spin_destruction_rates()["Rb-Ar"] > 20 * helium.spin_destruction_rates()["Rb-He"]


@pytest.mark.parametrize("species", ["23Na", "39K", "87Rb", "133Cs"])
@pytest.mark.parametrize("gas", sorted(BUFFER_GASES))
def test_a_cell_builds_exactly_where_the_coverage_table_says(species, gas):
    gases, missing = cell_data_coverage()[SPECIES[species].element]
    kwargs = {"species": species, "temperature_c": 100.0, "buffer_pressures_torr": {gas: 100.0}}
    if gas in gases and not missing:
        cell = VapourCell(**kwargs)
        assert math.isfinite(cell.spin_destruction_rate) and cell.spin_destruction_rate > 0
    else:
        with pytest.raises(MissingAtomicDataError, match=rf"VapourCell\(species='{species}'\)"):
            VapourCell(**kwargs)
