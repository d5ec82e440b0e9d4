"""Cross sections, buffer-gas densities, diffusion and wall relaxation."""

import itertools
import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from spinthermo.atoms.collisions import (
    ALKALI_ELEMENTS,
    BUFFER_GASES,
    DIFFUSION_CONSTANTS,
    SPIN_DESTRUCTION_CROSS_SECTIONS,
    SPIN_EXCHANGE_CROSS_SECTIONS,
    MissingAtomicDataError,
    buffer_gas_density_amagat,
    buffer_gases_with_data,
    cell_data_coverage,
    collision_rate,
    default_diffusion_data,
    diffusion_coefficient,
    diffusion_constant,
    missing_cell_data,
    require_buffer_gas,
    spin_destruction_cross_section,
    spin_exchange_cross_section,
    wall_relaxation_rate,
)

FLOAT_RTOL = 1e-12


def test_table1_values_in_si():
    # seed 000 Table 1, cm² -> m² (factor 1e-4)
    assert SPIN_EXCHANGE_CROSS_SECTIONS["Rb"].value_m2 == pytest.approx(1.9e-18, rel=FLOAT_RTOL)
    assert SPIN_DESTRUCTION_CROSS_SECTIONS[("Rb", "Rb")].value_m2 == pytest.approx(9.0e-22)
    assert SPIN_DESTRUCTION_CROSS_SECTIONS[("Rb", "He")].value_m2 == pytest.approx(8.7e-28)
    assert SPIN_DESTRUCTION_CROSS_SECTIONS[("Rb", "N2")].value_m2 == pytest.approx(1.0e-26)
    table1 = [SPIN_EXCHANGE_CROSS_SECTIONS["Rb"]] + [
        SPIN_DESTRUCTION_CROSS_SECTIONS[("Rb", partner)] for partner in ("Rb", "He", "N2")]
    for xs in table1:
        assert 0 < xs.uncertainty_m2 < xs.value_m2
        assert "Happer" in xs.source


#: The one entry whose published uncertainty exceeds its value: σ(Na–He) = (3 ± 4)e-26 cm².
UNCERTAINTY_ABOVE_VALUE_AS_PUBLISHED = {("Na", "He")}


def test_every_entry_names_its_source_and_a_sane_uncertainty():
    entries = {**SPIN_DESTRUCTION_CROSS_SECTIONS, **SPIN_EXCHANGE_CROSS_SECTIONS}
    for key, xs in entries.items():
        assert xs.source and xs.value_m2 > 0
        # NaN where the source quotes one significant figure and no uncertainty
        if key in UNCERTAINTY_ABOVE_VALUE_AS_PUBLISHED:
            assert xs.uncertainty_m2 > xs.value_m2
        else:
            assert math.isnan(xs.uncertainty_m2) or 0 < xs.uncertainty_m2 < xs.value_m2


#: Every number added for issue 12 item 5, as its source prints it (cm², cm²/s):
#: (kind, key, value, uncertainty or None, a word the stored source string must contain).
NA63 = "Optically Oriented Sodium Vapor"
PUBLISHED_VALUES = [
    # [Na63] abstract: "(1-3)x10^-14 cm^2 is estimated", stored as centre ± half-width
    ("se", "Na", 2e-14, 1e-14, NA63),
    ("sd", ("Na", "He"), 3e-26, 4e-26, NA63),  # [Na63] (3 ± 4)e-26 cm²
    ("sd", ("Na", "Ne"), 1.8e-24, 0.6e-24, NA63),  # [Na63] (1.8 ± 0.6)e-24 cm²
    ("sd", ("Rb", "Ar"), 630e-24, None, "Franz & Volk"),  # [FV76] 630e-24 cm²
    ("d0", ("Na", "He"), 1.0, 0.3, NA63),  # [Na63] 1.0 ± 0.3 cm²/s
    ("d0", ("Na", "Ne"), 0.50, 0.17, NA63),  # [Na63] 0.50 ± 0.17 cm²/s
]


@pytest.mark.parametrize(("kind", "key", "value", "uncertainty", "source"), PUBLISHED_VALUES)
def test_new_numbers_are_their_sources_values_in_si(kind, key, value, uncertainty, source):
    if kind == "d0":
        entry = DIFFUSION_CONSTANTS["sodium_1963"][key]
        stored, stored_unc, factor = entry.d0_m2_per_s, entry.uncertainty_m2_per_s, 1e-4
        assert math.isnan(entry.measured_at_k)  # the abstract does not state it
    else:
        entry = (SPIN_EXCHANGE_CROSS_SECTIONS if kind == "se" else SPIN_DESTRUCTION_CROSS_SECTIONS)
        entry = entry[key]
        stored, stored_unc, factor = entry.value_m2, entry.uncertainty_m2, 1e-4
    assert stored == pytest.approx(value * factor, rel=FLOAT_RTOL)  # cm² or cm²/s -> SI
    if uncertainty is None:
        assert math.isnan(stored_unc)
    else:
        assert stored_unc == pytest.approx(uncertainty * factor, rel=FLOAT_RTOL)
    assert source in entry.source


def test_sodium_spin_exchange_spans_the_published_range():
    # [Na63]: σ_SE(Na–Na) between 1e-14 and 3e-14 cm², the same scale as K, Rb, Cs
    xs = spin_exchange_cross_section("Na")
    assert xs.value_m2 - xs.uncertainty_m2 == pytest.approx(1e-18)
    assert xs.value_m2 + xs.uncertainty_m2 == pytest.approx(3e-18)


def test_caesium_values_are_the_published_ones():
    # Tornos & Amare (1986): σ_ex(Cs–Cs) = (1.63 ± 0.13)e-14 cm², σ(Cs–Ar) = (104 ± 5)e-23 cm²,
    # D0(Cs–Ar) = 0.101 ± 0.010 cm²/s; Allred et al. (2002) compilation: σ_SD(Cs–Cs) = 2e-16 cm²
    assert spin_exchange_cross_section("Cs").value_m2 == pytest.approx(1.63e-18, rel=FLOAT_RTOL)
    assert spin_exchange_cross_section("Cs").uncertainty_m2 == pytest.approx(0.13e-18)
    assert spin_destruction_cross_section("Cs", "Ar").value_m2 == pytest.approx(1.04e-25)
    assert spin_destruction_cross_section("Cs", "Cs").value_m2 == pytest.approx(2e-20)
    assert default_diffusion_data("Cs") == "tornos_amare_1986"
    assert diffusion_constant("Cs", "Ar") == pytest.approx(0.101e-4, rel=FLOAT_RTOL)


@pytest.mark.parametrize(
    "element", sorted(e for e in SPIN_EXCHANGE_CROSS_SECTIONS
                      if (e, e) in SPIN_DESTRUCTION_CROSS_SECTIONS))
def test_spin_exchange_dominates_spin_destruction(element):
    # the SERF premise: σ_SE ≫ σ_SD(self) ≫ σ_SD(buffer) for every alkali with data
    se = SPIN_EXCHANGE_CROSS_SECTIONS[element].value_m2
    sd = SPIN_DESTRUCTION_CROSS_SECTIONS
    assert se > 50 * sd[(element, element)].value_m2
    buffers = [xs.value_m2 for (e, g), xs in sd.items() if e == element and g != element]
    assert buffers and max(buffers) < 1e-2 * sd[(element, element)].value_m2
    if element == "Rb":
        assert sd[("Rb", "Rb")].value_m2 > sd[("Rb", "N2")].value_m2 > sd[("Rb", "He")].value_m2


def test_buffer_gas_spin_destruction_grows_with_the_partner_mass():
    # spin-rotation coupling grows with the partner's polarisability: He < Ne (Na, [Na63]),
    # He < N2 < Ar (Rb, [HJW] and [FV76]); Rb–Ar and Cs–Ar (TA86) within a factor 2
    sd = {key: xs.value_m2 for key, xs in SPIN_DESTRUCTION_CROSS_SECTIONS.items()}
    assert sd[("Na", "He")] < sd[("Na", "Ne")]
    assert sd[("Rb", "He")] < sd[("Rb", "N2")] < sd[("Rb", "Ar")]
    assert sd[("Cs", "Ar")] / sd[("Rb", "Ar")] == pytest.approx(1.0, abs=1.0)


def test_spin_exchange_cross_sections_share_the_published_scale():
    # Happer (1972): σ_SE ≈ 2e-14 cm² for K, Rb and Cs alike; each entry within 20 % of it
    for xs in SPIN_EXCHANGE_CROSS_SECTIONS.values():
        assert xs.value_m2 == pytest.approx(2e-18, rel=0.2)


def test_spin_destruction_grows_with_the_alkali_mass_as_published():
    # spin-rotation coupling grows with the alkali's spin-orbit splitting: K < Rb < Cs for
    # self-collisions and He, Rb < Cs for N2 (Allred et al. 2002 compilation; seed 000 Table 1)
    sd = {key: xs.value_m2 for key, xs in SPIN_DESTRUCTION_CROSS_SECTIONS.items()}
    assert sd[("K", "K")] < sd[("Rb", "Rb")] < sd[("Cs", "Cs")]
    assert sd[("K", "He")] < sd[("Rb", "He")] < sd[("Cs", "He")]
    assert sd[("Rb", "N2")] < sd[("Cs", "N2")]


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: spin_destruction_cross_section("Na", "Na"), "σ_SD of Na–Na"),
        (lambda: spin_destruction_cross_section("Rb", "Ne"), "σ_SD of Rb–Ne"),
        (lambda: spin_destruction_cross_section("Rb", "Kr"), "σ_SD of Rb–Kr"),
        (lambda: spin_destruction_cross_section("K", "N2"), "σ_SD of K–N2"),
        (lambda: diffusion_constant("K", "He"), "diffusion constant D0 of K"),
        (lambda: diffusion_constant("Cs", "He"), "diffusion constant D0 of Cs in He"),
        (lambda: diffusion_constant("Cs", "N2"), "diffusion constant D0 of Cs in N2"),
        (lambda: diffusion_constant("Na", "N2"), "diffusion constant D0 of Na in N2"),
    ],
)
def test_missing_entries_raise_a_named_error(call, message):
    with pytest.raises(MissingAtomicDataError, match=rf"no sourced value .*{message}"):
        call()


def test_d0_asked_of_the_wrong_data_set_points_to_the_right_one():
    with pytest.raises(ValueError, match=r"'franz_volk_1976' has no D0 for Cs in Ar.*tornos"):
        diffusion_constant("Cs", "Ar", "franz_volk_1976")


def test_buffer_gas_masses():
    assert BUFFER_GASES["N2"].mass_amu == pytest.approx(2 * 14.0067)
    masses = [BUFFER_GASES[g].mass_amu for g in ("He", "Ne", "N2", "Ar", "Kr", "Xe")]
    assert masses == sorted(masses)


def test_diffusion_constants_are_ordered_by_partner_mass():
    # lighter partners diffuse Rb faster (both data sets)
    for data in DIFFUSION_CONSTANTS.values():
        ordered = sorted(data.values(), key=lambda d: BUFFER_GASES[d.gas].mass_amu)
        d0 = [d.d0_m2_per_s for d in ordered]
        assert all(a >= b for a, b in itertools.pairwise(d0))
        for d in data.values():
            assert 1e-6 < d.d0_m2_per_s <= 1e-4  # 0.01 ... 1 cm²/s (Na–He: 1.0)


def test_lighter_alkali_diffuses_faster_in_the_same_gas():
    # D0 ∝ 1/sqrt(μ) at fixed collision size: Na (23 u) faster than Rb (85 u) in He and Ne
    for gas in ("He", "Ne"):
        assert diffusion_constant("Na", gas) > diffusion_constant("Rb", gas, "franz_volk_1976")


#: Which cells the stored data allow: element -> (gases with σ_SD and D0, missing quantities).
EXPECTED_COVERAGE = {
    "Na": (("He", "Ne"), ("σ_SD(Na–Na)",)),
    "K": ((), ("D0",)),
    "Rb": (("Ar", "He", "N2"), ()),
    "Cs": (("Ar",), ()),
}


def test_cell_data_coverage_is_the_documented_table():
    import spinthermo.atoms.collisions as collisions

    assert dict(cell_data_coverage()) == EXPECTED_COVERAGE
    assert list(cell_data_coverage()) == list(ALKALI_ELEMENTS) == ["Na", "K", "Rb", "Cs"]
    rows = {line.split()[0]: line for line in collisions.__doc__.splitlines()
            if line.split() and line.split()[0] in ALKALI_ELEMENTS}
    for element, (gases, missing) in EXPECTED_COVERAGE.items():
        words = rows[element].replace(",", " ").split()
        assert words[1:] == [*(gases or ["none"]), *(missing or ["none"])], rows[element]


def test_pouliot_data_set_adds_no_gas_without_a_cross_section():
    # Kr and Xe have a D0 (Pouliot 2026) but no sourced σ_SD(Rb–Kr/Xe)
    assert buffer_gases_with_data("Rb", "pouliot_2026") == ("Ar", "He", "N2")
    assert buffer_gases_with_data("K") == ()


def test_coverage_functions_reject_an_unknown_element():
    with pytest.raises(ValueError, match=r"element must be one of \['Na', 'K', 'Rb', 'Cs'\]; "
                                         r"received 'Li'"):
        missing_cell_data("Li")
    with pytest.raises(ValueError, match="diffusion_data must be one of"):
        buffer_gases_with_data("Rb", "made_up")


def test_stated_d0_values():
    assert diffusion_constant("Rb", "He", "franz_volk_1976") == pytest.approx(0.42e-4)
    assert diffusion_constant("Rb", "N2", "franz_volk_1976") == pytest.approx(0.16e-4)
    assert diffusion_constant("Rb", "He", "pouliot_2026") == pytest.approx(0.33e-4)
    assert diffusion_constant("Rb", "N2", "pouliot_2026") == pytest.approx(0.132e-4)


def test_amagat_is_pressure_over_760():
    assert buffer_gas_density_amagat(760.0) == pytest.approx(1.0, rel=FLOAT_RTOL)
    np.testing.assert_allclose(buffer_gas_density_amagat([200.0, 75.0]), [200 / 760, 75 / 760])


def test_paper_combination_adds_terms():
    d0 = {"He": 0.35e-4, "N2": 0.16e-4}
    n = {"He": 200 / 760, "N2": 75 / 760}
    expected = 0.35e-4 / (200 / 760) + 0.16e-4 / (75 / 760)  # seed 000 Eq. (11)
    assert diffusion_coefficient(d0, n) == pytest.approx(expected, rel=FLOAT_RTOL)


def test_blanc_law_adds_inverses_and_is_smaller():
    d0 = {"He": 0.42e-4, "N2": 0.16e-4}
    n = {"He": 0.3, "N2": 0.1}
    blanc = diffusion_coefficient(d0, n, combination="blanc")
    assert 1 / blanc == pytest.approx(0.3 / 0.42e-4 + 0.1 / 0.16e-4, rel=FLOAT_RTOL)
    assert blanc < diffusion_coefficient(d0, n, combination="paper")


@given(st.floats(0.01, 10.0), st.floats(1e-6, 1e-4))
def test_single_gas_combinations_agree_and_scale_inversely(n_amg, d0):
    paper = diffusion_coefficient({"He": d0}, {"He": n_amg}, "paper")
    blanc = diffusion_coefficient({"He": d0}, {"He": n_amg}, "blanc")
    assert paper == pytest.approx(blanc, rel=1e-12)
    assert paper == pytest.approx(d0 / n_amg, rel=1e-12)


def test_zero_density_gas_is_left_out():
    d0 = {"He": 0.42e-4, "N2": 0.16e-4}
    assert diffusion_coefficient(d0, {"He": 0.5, "N2": 0.0}) == pytest.approx(0.42e-4 / 0.5)


def test_wall_rate_scales_as_inverse_radius_squared():
    d = 3e-4
    radii = np.array([1e-4, 1e-3, 1.5e-2, 2.5e-2])
    rates = wall_relaxation_rate(d, radii)
    np.testing.assert_allclose(rates * radii**2, math.pi**2 * d, rtol=FLOAT_RTOL)
    assert wall_relaxation_rate(d, 0.01) / wall_relaxation_rate(d, 0.02) == pytest.approx(4.0)


def test_collision_rate_is_product():
    assert collision_rate(1e19, 400.0, 1.9e-18) == pytest.approx(1e19 * 400 * 1.9e-18)


def test_bad_inputs():
    with pytest.raises(ValueError, match="radius_m"):
        wall_relaxation_rate(1e-4, -0.01)
    with pytest.raises(ValueError, match="diffusion_m2_per_s"):
        wall_relaxation_rate(0.0, 0.01)
    with pytest.raises(ValueError, match="pressure_torr"):
        buffer_gas_density_amagat(-1.0)
    with pytest.raises(ValueError, match="buffer gas must be one of"):
        require_buffer_gas("H2")
    with pytest.raises(ValueError, match="combination"):
        diffusion_coefficient({"He": 1e-5}, {"He": 1.0}, combination="sum")
    with pytest.raises(ValueError, match="at least one gas"):
        diffusion_coefficient({"He": 1e-5}, {"He": 0.0})
    with pytest.raises(ValueError, match="d0_per_gas"):
        diffusion_coefficient({"He": 1e-5}, {"N2": 1.0})
    with pytest.raises(ValueError, match="diffusion_data"):
        diffusion_constant("Rb", "He", "made_up")
    with pytest.raises(ValueError, match="density_m3"):
        collision_rate(-1.0, 1.0, 1.0)
