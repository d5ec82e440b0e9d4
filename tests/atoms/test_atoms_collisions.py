"""Cross sections, buffer-gas densities, diffusion and wall relaxation."""

import itertools
import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from spinthermo.atoms.collisions import (
    BUFFER_GASES,
    DIFFUSION_CONSTANTS,
    SPIN_DESTRUCTION_CROSS_SECTIONS,
    SPIN_EXCHANGE_CROSS_SECTIONS,
    buffer_gas_density_amagat,
    collision_rate,
    diffusion_coefficient,
    diffusion_constant,
    require_buffer_gas,
    wall_relaxation_rate,
)

FLOAT_RTOL = 1e-12


def test_table1_values_in_si():
    # seed 000 Table 1, cm² -> m² (factor 1e-4)
    assert SPIN_EXCHANGE_CROSS_SECTIONS["Rb"].value_m2 == pytest.approx(1.9e-18, rel=FLOAT_RTOL)
    assert SPIN_DESTRUCTION_CROSS_SECTIONS[("Rb", "Rb")].value_m2 == pytest.approx(9.0e-22)
    assert SPIN_DESTRUCTION_CROSS_SECTIONS[("Rb", "He")].value_m2 == pytest.approx(8.7e-28)
    assert SPIN_DESTRUCTION_CROSS_SECTIONS[("Rb", "N2")].value_m2 == pytest.approx(1.0e-26)
    for xs in [*SPIN_DESTRUCTION_CROSS_SECTIONS.values(), *SPIN_EXCHANGE_CROSS_SECTIONS.values()]:
        assert 0 < xs.uncertainty_m2 < xs.value_m2
        assert "Happer" in xs.source


def test_spin_exchange_dominates_spin_destruction():
    # the SERF premise of seed 000: σ_SE ≫ σ_SD(Rb–Rb) ≫ σ_SD(buffer)
    se = SPIN_EXCHANGE_CROSS_SECTIONS["Rb"].value_m2
    sd = SPIN_DESTRUCTION_CROSS_SECTIONS
    assert se > 1e3 * sd[("Rb", "Rb")].value_m2
    assert sd[("Rb", "Rb")].value_m2 > sd[("Rb", "N2")].value_m2 > sd[("Rb", "He")].value_m2


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
            assert 1e-6 < d.d0_m2_per_s < 1e-4  # 0.01 ... 1 cm²/s


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
