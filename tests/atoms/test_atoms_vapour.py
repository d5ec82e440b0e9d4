"""Vapour pressure, density and thermal speeds."""

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from spinthermo.atoms.species import SPECIES
from spinthermo.atoms.vapour import (
    VAPOUR_PRESSURE_MODELS,
    default_vapour_pressure_formula,
    mean_speed,
    number_density,
    relative_speed,
    vapour_pressure_pa,
)
from spinthermo.core.units import BOLTZMANN, PASCAL_PER_TORR

#: Steck's Rb D-line data quote P(25 °C) = 3.92(20)e-7 torr; their own quoted uncertainty
#: (5 %) is the tolerance.
STECK_RB_25C_TORR = 3.92e-7
STECK_RB_25C_RTOL = 0.05
#: Alcock et al. state ±5 % for their Table 2 fits; solid and liquid fits must meet within
#: that at the melting point.
MELTING_CONTINUITY_RTOL = 0.05
#: Pure floating-point identities.
FLOAT_RTOL = 1e-12


def test_rb_25c_alcock_matches_steck_table():
    p_torr = vapour_pressure_pa("87Rb", 298.15, formula="alcock") / PASCAL_PER_TORR
    assert p_torr == pytest.approx(STECK_RB_25C_TORR, rel=STECK_RB_25C_RTOL)


def test_alcock_is_the_2881_form():
    # log10(P/torr) = 2.881 + 4.312 - 4040/T for liquid Rb, as written in Steck rev >= 2.2
    t = 393.15
    expected = 10 ** (2.881 + 4.312 - 4040 / t) * PASCAL_PER_TORR
    assert vapour_pressure_pa("Rb87", t, "alcock") == pytest.approx(expected, rel=FLOAT_RTOL)


def test_nesmeyanov_rb_120c():
    # Nesmeyanov liquid fit, independent evaluation
    t = 393.15
    log10_torr = 15.88253 - 4529.635 / t + 0.00058663 * t - 2.99138 * math.log10(t)
    assert vapour_pressure_pa("87Rb", t) == pytest.approx(
        10**log10_torr * PASCAL_PER_TORR, rel=FLOAT_RTOL
    )


def test_alcock_exceeds_nesmeyanov_at_120c():
    t = 393.15
    ratio = vapour_pressure_pa("87Rb", t, "alcock") / vapour_pressure_pa("87Rb", t, "nesmeyanov")
    assert 1.15 < ratio < 1.30  # the two fits differ by 22 % at 393 K


@pytest.mark.parametrize("formula", sorted(VAPOUR_PRESSURE_MODELS))
def test_solid_liquid_continuity(formula):
    for element, _ in VAPOUR_PRESSURE_MODELS[formula].items():
        atom = next(s for s in SPECIES.values() if s.element == element)
        tm = atom.melting_point_k
        below = vapour_pressure_pa(atom, tm - 1e-6, formula)
        above = vapour_pressure_pa(atom, tm, formula)
        assert above == pytest.approx(below, rel=MELTING_CONTINUITY_RTOL)


@pytest.mark.parametrize("formula", sorted(VAPOUR_PRESSURE_MODELS))
def test_pressure_increases_with_temperature(formula):
    for element, model in VAPOUR_PRESSURE_MODELS[formula].items():
        atom = next(s for s in SPECIES.values() if s.element == element)
        temps = np.linspace(*model.valid_k, 200)
        p = vapour_pressure_pa(atom, temps, formula)
        assert p.shape == temps.shape
        assert np.all(np.diff(p) > 0)


def test_heavier_alkalis_are_more_volatile():
    t = 373.15
    p = {
        el: vapour_pressure_pa(name, t, "alcock")
        for el, name in [("Na", "23Na"), ("K", "39K"), ("Rb", "87Rb"), ("Cs", "133Cs")]
    }
    assert p["Na"] < p["K"] < p["Rb"] < p["Cs"]


def test_isotopes_share_the_element_pressure():
    assert vapour_pressure_pa("85Rb", 350.0) == vapour_pressure_pa("87Rb", 350.0)


@given(st.floats(min_value=298.0, max_value=961.15))
def test_ideal_gas_density(temperature_k):
    n = number_density("87Rb", temperature_k)
    p = vapour_pressure_pa("87Rb", temperature_k)
    assert n * BOLTZMANN * temperature_k == pytest.approx(p, rel=FLOAT_RTOL)


def test_relative_speed_identical_atoms_is_eq7_form():
    m = SPECIES["87Rb"].mass_kg
    t = 393.15
    eq7 = math.sqrt(16 * BOLTZMANN * t / (math.pi * m))  # seed 000 Eq. (7)
    assert relative_speed(m, m, t) == pytest.approx(eq7, rel=FLOAT_RTOL)
    assert relative_speed(m, m, t) == pytest.approx(math.sqrt(2) * mean_speed(m, t), rel=FLOAT_RTOL)


@given(st.floats(1e-27, 1e-24), st.floats(1e-27, 1e-24), st.floats(1.0, 2000.0))
def test_relative_speed_symmetric_and_bounded(ma, mb, t):
    v = relative_speed(ma, mb, t)
    assert v == pytest.approx(relative_speed(mb, ma, t), rel=FLOAT_RTOL)
    # v_rel² = v_a² + v_b² (mean speeds add in quadrature for Maxwellians)
    assert v**2 == pytest.approx(mean_speed(ma, t) ** 2 + mean_speed(mb, t) ** 2, rel=1e-10)


def test_bad_inputs():
    with pytest.raises(ValueError, match="temperature_k"):
        vapour_pressure_pa("87Rb", -5.0)
    with pytest.raises(ValueError, match="temperature_k"):
        vapour_pressure_pa("87Rb", 0.0)
    with pytest.raises(ValueError, match="formula"):
        vapour_pressure_pa("87Rb", 300.0, formula="antoine")
    with pytest.raises(ValueError, match="ambiguous"):
        vapour_pressure_pa("87Rb", 300.0, formula="steck")
    with pytest.raises(ValueError, match="no data for K"):
        vapour_pressure_pa("39K", 300.0, formula="nesmeyanov")
    with pytest.raises(ValueError, match="species"):
        vapour_pressure_pa("7Li", 300.0)
    with pytest.raises(ValueError, match="mass_a_kg"):
        relative_speed(-1.0, 1e-25, 300.0)
    with pytest.raises(ValueError, match="temperature_k"):
        relative_speed(1e-25, 1e-25, -1.0)


@pytest.mark.parametrize("formula", sorted(VAPOUR_PRESSURE_MODELS))
def test_no_fit_is_extrapolated(formula):
    """Each fit is used only over the range its source gives (Alcock: 298 K to 550–700 K)."""
    for element, model in VAPOUR_PRESSURE_MODELS[formula].items():
        atom = next(s for s in SPECIES.values() if s.element == element)
        low, high = model.valid_k
        assert vapour_pressure_pa(atom, [low, high], formula).shape == (2,)
        for outside in (low - 1.0, high + 1.0, 5273.15):
            with pytest.raises(ValueError, match=rf"temperature_k must lie in \[{low:g}, "
                               rf"{high:g}\] K.*{formula}.*received {outside:g} K"):
                vapour_pressure_pa(atom, outside, formula)


def test_alcock_ranges_are_the_published_ones():
    # Alcock et al. (1984) Table 2 liquid ranges: m.p. to 700 K (Na), 600 K (K), 550 K (Rb, Cs)
    highs = {el: m.valid_k[1] for el, m in VAPOUR_PRESSURE_MODELS["alcock"].items()}
    assert highs == {"Na": 700.0, "K": 600.0, "Rb": 550.0, "Cs": 550.0}
    assert all(m.valid_k[0] == 298.0 for m in VAPOUR_PRESSURE_MODELS["alcock"].values())


def test_number_density_rejects_out_of_range_array():
    with pytest.raises(ValueError, match=r"temperature_k.*received 5000 K"):
        number_density("87Rb", np.array([400.0, 5000.0]))


@pytest.mark.parametrize(
    ("name", "formula"),
    [("23Na", "alcock"), ("39K", "alcock"), ("41K", "alcock"), ("85Rb", "nesmeyanov"),
     ("87Rb", "nesmeyanov"), ("133Cs", "nesmeyanov")],
)
def test_every_species_has_a_default_fit(name, formula):
    assert default_vapour_pressure_formula(name) == formula
    t = 400.0
    assert vapour_pressure_pa(name, t) == vapour_pressure_pa(name, t, formula)
    assert number_density(name, t) * BOLTZMANN * t == pytest.approx(
        vapour_pressure_pa(name, t), rel=FLOAT_RTOL)


def test_potassium_matches_tiecke_mbar_form():
    # Tiecke, Properties of Potassium, Eq. (1): log10(P/mbar) = 7.9667 − 4646/T (solid,
    # 298 K < T < T_m) and 7.4077 − 4453/T (liquid, T_m < T < 600 K)
    # (Alcock's A + 3.0057 = A + log10 1013.25). We add Steck's rounded 2.881 for log10 760 to
    # get torr: the two roundings differ by 1.9e-4 in log10, 4.4e-4 in P, hence rel=1e-3.
    mbar = 100.0  # Pa
    assert vapour_pressure_pa("39K", 320.0) == pytest.approx(
        10 ** (7.9667 - 4646 / 320.0) * mbar, rel=1e-3)
    assert vapour_pressure_pa("41K", 450.0) == pytest.approx(
        10 ** (7.4077 - 4453 / 450.0) * mbar, rel=1e-3)
    low, high = VAPOUR_PRESSURE_MODELS["alcock"]["K"].valid_k
    assert (low, high) == (298.0, 600.0)
    with pytest.raises(ValueError, match=r"temperature_k must lie in \[298, 600\] K"):
        vapour_pressure_pa("39K", 601.0)
