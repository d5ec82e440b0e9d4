"""User-supplied collision data (CollisionData): cells of every species, each number cited."""

import math
import pickle

import pytest

from spinthermo.atoms.cell import VapourCell
from spinthermo.atoms.collisions import (
    CollisionData,
    CrossSection,
    DiffusionConstant,
    MissingAtomicDataError,
)
from spinthermo.atoms.species import SPECIES
from spinthermo.atoms.vapour import vapour_pressure_pa
from spinthermo.core.units import ATOMIC_MASS_UNIT, BOLTZMANN, LOSCHMIDT

FLOAT_RTOL = 1e-12
#: Every number below marked TEST is a placeholder chosen for the test, not a measurement: the
#: package stores no sourced D0 of K nor σ_SD(Na–Na) (spinthermo.atoms.collisions).
TEST = "TEST VALUE, not a measurement (tests/atoms/test_atoms_collision_data.py)"
TEST_D0_K_HE_CM2_S = 0.35  # TEST
TEST_SIGMA_SD_NA_NA_CM2 = 5e-18  # TEST


def potassium_in_helium(species="39K", d0_cm2_s=TEST_D0_K_HE_CM2_S, uncertainty=0.05):
    d0 = DiffusionConstant.from_cm2_per_s("K", "He", d0_cm2_s, uncertainty, source=TEST)
    return VapourCell(species=species, temperature_c=150.0, radius_cm=1.5,
                      buffer_pressures_torr={"He": 500.0},
                      collision_data=CollisionData("K", diffusion={"He": d0}))


@pytest.mark.parametrize("species", ["39K", "41K"])
def test_potassium_cell_is_eqs_8_to_11_of_the_user_d0(species):
    """Γ_SD = n_K v_KK σ_KK + n_He v_K,He σ_K,He + (π/R)² D0/n_amg, by hand from the inputs:
    σ_SD(K–K) = 1e-18 cm² and σ_SD(K–He) = 8e-25 cm² (Allred et al. 2002 compilation),
    D0(K–He) the TEST value."""
    cell = potassium_in_helium(species)
    t = 150.0 + 273.15
    m_k = SPECIES[species].mass_amu * ATOMIC_MASS_UNIT
    m_he = 4.002602 * ATOMIC_MASS_UNIT
    n_k = vapour_pressure_pa(species, t, "alcock") / (BOLTZMANN * t)
    v_kk = math.sqrt(16 * BOLTZMANN * t / (math.pi * m_k))  # Eq. (7)-(8) relative speed
    v_khe = math.sqrt(8 * BOLTZMANN * t * (m_k + m_he) / (math.pi * m_k * m_he))  # Eq. (9)
    n_amg = 500.0 / 760.0
    gamma_kk = n_k * v_kk * 1e-22
    gamma_khe = n_amg * LOSCHMIDT * v_khe * 8e-29
    gamma_wall = (math.pi / 0.015) ** 2 * TEST_D0_K_HE_CM2_S * 1e-4 / n_amg  # Eqs. (10)-(11)
    assert cell.spin_destruction_rates() == pytest.approx(
        {"K-K": gamma_kk, "K-He": gamma_khe, "wall": gamma_wall}, rel=FLOAT_RTOL)
    assert cell.spin_destruction_rate == pytest.approx(gamma_kk + gamma_khe + gamma_wall,
                                                       rel=FLOAT_RTOL)
    assert cell.spin_exchange_rate == pytest.approx(n_k * v_kk * 2e-18, rel=FLOAT_RTOL)
    # the wall term is linear in the user's D0 and nothing else moves
    doubled = potassium_in_helium(species, d0_cm2_s=2 * TEST_D0_K_HE_CM2_S)
    assert doubled.wall_relaxation_rate == pytest.approx(2 * gamma_wall, rel=FLOAT_RTOL)
    assert doubled.spin_exchange_rate == cell.spin_exchange_rate


def test_user_spin_exchange_cross_section_scales_the_rate_by_its_ratio():
    stored = VapourCell()
    user = CrossSection.from_cm2(2.5e-14, 0.2e-14, source=TEST)
    cell = VapourCell(collision_data=CollisionData("Rb", spin_exchange=user))
    assert cell.spin_exchange_rate / stored.spin_exchange_rate == pytest.approx(
        2.5 / 1.9, rel=FLOAT_RTOL)
    assert cell.spin_destruction_rates() == stored.spin_destruction_rates()
    assert cell.collision_sources()["σ_SE"] == TEST
    assert cell.collision_sources()["σ_SD(Rb–Rb)"] == stored.collision_sources()["σ_SD(Rb–Rb)"]


def test_user_values_replace_only_the_quantities_they_give():
    """User σ_SD(Rb–He) and D0(Rb–He); Rb–Rb, Rb–N2 and D0(Rb–N2) stay the stored ones."""
    stored = VapourCell()
    data = CollisionData(
        "Rb",
        spin_destruction={"He": CrossSection.from_cm2(2 * 8.7e-24, source=TEST)},
        diffusion={"He": DiffusionConstant.from_cm2_per_s("Rb", "He", 0.30, source=TEST)},
    )
    cell = VapourCell(collision_data=data)
    rates, before = cell.spin_destruction_rates(), stored.spin_destruction_rates()
    assert rates["Rb-He"] == pytest.approx(2 * before["Rb-He"], rel=FLOAT_RTOL)
    assert (rates["Rb-Rb"], rates["Rb-N2"]) == (before["Rb-Rb"], before["Rb-N2"])
    d_eq11 = 0.30e-4 / (200 / 760) + 0.16e-4 / (75 / 760)  # user He, Franz & Volk N2
    assert cell.diffusion_coefficient == pytest.approx(d_eq11, rel=FLOAT_RTOL)
    sources = cell.collision_sources()
    assert sources["σ_SD(Rb–He)"] == sources["D0(Rb–He)"] == TEST
    assert "Happer" in sources["σ_SD(Rb–N2)"] and "Franz & Volk" in sources["D0(Rb–N2)"]


def test_collision_sources_cite_every_number_the_rates_use():
    cell = potassium_in_helium()
    inputs = cell.collision_inputs()
    assert set(inputs) == {"σ_SE", "σ_SD(K–K)", "σ_SD(K–He)", "D0(K–He)"}
    assert set(cell.collision_sources()) == set(inputs) | {"vapour pressure"}
    assert cell.collision_sources()["D0(K–He)"] == TEST
    assert "Alcock" in cell.collision_sources()["vapour pressure"]
    # the rates are n v σ and (π/R)² D0/n of exactly these entries, nothing else
    n, v = cell.alkali_density, cell.alkali_relative_speed
    assert cell.spin_exchange_rate == pytest.approx(n * v * inputs["σ_SE"].value_m2,
                                                    rel=FLOAT_RTOL)
    n_he = cell.buffer_number_densities["He"]
    assert cell.spin_destruction_rates()["K-He"] == pytest.approx(
        n_he * cell.buffer_gas_collision_speed("He") * inputs["σ_SD(K–He)"].value_m2,
        rel=FLOAT_RTOL)
    assert cell.diffusion_coefficient == pytest.approx(
        inputs["D0(K–He)"].d0_m2_per_s / (500 / 760), rel=FLOAT_RTOL)


def test_entries_for_gases_the_cell_lacks_are_neither_used_nor_cited():
    neon = DiffusionConstant.from_cm2_per_s("Rb", "Ne", 0.2, source=TEST)
    cell = VapourCell(collision_data=CollisionData("Rb", diffusion={"Ne": neon}))
    assert cell.spin_destruction_rates() == VapourCell().spin_destruction_rates()
    assert TEST not in cell.collision_sources().values()


def test_sodium_cell_without_data_names_the_missing_cross_section_and_the_call():
    with pytest.raises(MissingAtomicDataError) as info:
        VapourCell(species="23Na", temperature_c=150.0, buffer_pressures_torr={"He": 500.0})
    message = str(info.value)
    assert "VapourCell(species='23Na')" in message
    assert "spin-destruction cross section σ_SD(Na–Na)" in message
    assert ("collision_data=CollisionData('Na', spin_destruction={'Na': "
            "CrossSection.from_cm2(") in message
    assert "σ_SE" not in message and "D0" not in message  # those are stored ([Na63])


def test_sodium_cell_with_a_user_self_cross_section_uses_it_and_the_stored_rest():
    xs = CrossSection.from_cm2(TEST_SIGMA_SD_NA_NA_CM2, source=TEST)
    cell = VapourCell(species="23Na", temperature_c=150.0, buffer_pressures_torr={"He": 500.0},
                      collision_data=CollisionData("Na", spin_destruction={"Na": xs}))
    rates = cell.spin_destruction_rates()
    assert rates["Na-Na"] / cell.spin_exchange_rate == pytest.approx(
        TEST_SIGMA_SD_NA_NA_CM2 / 2e-14, rel=FLOAT_RTOL)  # same n and v as Eq. (7)
    assert cell.diffusion_coefficient == pytest.approx(1.0e-4 / (500 / 760), rel=FLOAT_RTOL)
    assert "Sodium Vapor" in cell.collision_sources()["σ_SD(Na–He)"]
    assert all(math.isfinite(r) and r > 0 for r in rates.values())


def test_the_suggested_collision_data_call_builds_the_cell():
    """The error's CollisionData(...) is a working call once the placeholders are numbers."""
    kwargs = {"species": "39K", "temperature_c": 150.0,
              "buffer_pressures_torr": {"He": 500.0, "N2": 50.0}}
    with pytest.raises(MissingAtomicDataError,
                       match=r"σ_SD\(K–N2\), .*D0\(K–He\), .*D0\(K–N2\)") as info:
        VapourCell(**kwargs)
    call = str(info.value).split("collision_data=", 1)[1].replace("source=...", f"source={TEST!r}")
    namespace = {"CollisionData": CollisionData, "CrossSection": CrossSection,
                 "DiffusionConstant": DiffusionConstant, "sigma_cm2": 1e-22,  # TEST
                 "uncertainty_cm2": math.nan, "d0_cm2_per_s": 0.3,  # TEST
                 "uncertainty_cm2_per_s": math.nan}
    data = eval(call, namespace)  # the package's own message, placeholders filled
    cell = VapourCell(**kwargs, collision_data=data)
    assert set(cell.collision_sources()) == {"σ_SE", "σ_SD(K–K)", "σ_SD(K–He)", "σ_SD(K–N2)",
                                             "D0(K–He)", "D0(K–N2)", "vapour pressure"}


def test_cells_with_equal_collision_data_are_equal_and_hash_alike():
    def build():  # NaN uncertainty ("not stated") on purpose: NaN != NaN must not leak
        d0 = DiffusionConstant.from_cm2_per_s("K", "He", TEST_D0_K_HE_CM2_S, source=TEST)
        return VapourCell(species="39K", temperature_c=150.0,
                          buffer_pressures_torr={"He": 500.0},
                          collision_data=CollisionData("K", diffusion=[("He", d0)]))

    a, b = build(), build()
    assert a == b and hash(a) == hash(b) and len({a, b}) == 1
    shipped = pickle.loads(pickle.dumps(a))  # as a sweep sends it to a worker process
    assert shipped == a and hash(shipped) == hash(a)
    assert shipped.spin_destruction_rates() == a.spin_destruction_rates()
    assert a.with_radius(2.0).collision_data == a.collision_data
    assert a.with_radius(2.0).wall_relaxation_rate == pytest.approx(
        a.wall_relaxation_rate * (1.5 / 2.0) ** 2, rel=FLOAT_RTOL)
    assert potassium_in_helium(d0_cm2_s=0.36) != potassium_in_helium(d0_cm2_s=0.35)


XS = CrossSection.from_cm2(1e-14, source=TEST)
D0_K_HE = DiffusionConstant.from_cm2_per_s("K", "He", 0.3, source=TEST)


@pytest.mark.parametrize(
    ("build", "error", "message"),
    [
        (lambda: CrossSection.from_cm2(2e-14, 0.1e-14, source=""), ValueError,
         r"source must be a non-empty citation .*received ''"),
        (lambda: CrossSection.from_cm2(2e-14, 0.1e-14, source=None), ValueError,
         r"source must be a non-empty citation .*received None"),
        (lambda: CrossSection.from_cm2(2e-14), TypeError, "source"),
        (lambda: CrossSection.from_cm2(-2e-14, source=TEST), ValueError,
         r"value_cm2 must lie in \(0, inf\) cm\^2; received -2e-14"),
        (lambda: CrossSection.from_cm2(math.nan, source=TEST), ValueError,
         r"value_cm2 must be finite"),
        (lambda: CrossSection.from_cm2(2e-14, -1e-15, source=TEST), ValueError,
         r"uncertainty_cm2 must lie in \[0, inf\) cm\^2; received -1e-15"),
        (lambda: CrossSection.from_cm2(2e-14, math.inf, source=TEST), ValueError,
         r"uncertainty_cm2 must be finite"),
        (lambda: CrossSection.from_cm2([1e-14, 2e-14], source=TEST), TypeError,
         r"value_cm2 must be one real number"),
        (lambda: CrossSection(-1e-18, 0.0, TEST), ValueError, r"value_m2 must lie in \(0, inf\)"),
        (lambda: DiffusionConstant.from_cm2_per_s("K", "He", 0.0, source=TEST), ValueError,
         r"d0_cm2_per_s must lie in \(0, inf\) cm\^2/s; received 0"),
        (lambda: DiffusionConstant.from_cm2_per_s("K", "H2", 0.3, source=TEST), ValueError,
         r"gas must be one of \['Ar', 'He', 'Kr', 'N2', 'Ne', 'Xe'\]; received 'H2'"),
        (lambda: DiffusionConstant.from_cm2_per_s("Li", "He", 0.3, source=TEST), ValueError,
         r"alkali must be one of \['Na', 'K', 'Rb', 'Cs'\]; received 'Li'"),
        (lambda: DiffusionConstant.from_cm2_per_s("K", "He", 0.3, source=TEST,
                                                  measured_at_k=-1.0), ValueError,
         r"measured_at_k must lie in \(0, inf\) K"),
        (lambda: CollisionData("Li"), ValueError, r"element must be one of .*received 'Li'"),
        (lambda: CollisionData("K", spin_destruction={"Xx": XS}), ValueError,
         r"spin_destruction partner must be the alkali 'K' itself or a buffer gas .*'Xx'"),
        (lambda: CollisionData("K", spin_destruction={"Rb": XS}), ValueError,
         r"spin_destruction partner .*received 'Rb'"),
        (lambda: CollisionData("K", spin_destruction={"He": 8e-25}), TypeError,
         r"spin_destruction\['He'\] must be a CrossSection"),
        (lambda: CollisionData("K", spin_exchange=2e-14), TypeError,
         r"spin_exchange must be a CrossSection"),
        (lambda: CollisionData("K", diffusion={"Ne": D0_K_HE}), ValueError,
         r"diffusion\['Ne'\] must be a D0 of K in Ne; received the D0 of K in He"),
        (lambda: CollisionData("Rb", diffusion={"He": D0_K_HE}), ValueError,
         r"diffusion\['He'\] must be a D0 of Rb in He; received the D0 of K in He"),
        (lambda: CollisionData("K", diffusion={"H2": D0_K_HE}), ValueError,
         r"diffusion gas must be one of .*received 'H2'"),
        (lambda: VapourCell(collision_data=CollisionData("K", diffusion={"He": D0_K_HE})),
         ValueError, r"collision_data must hold data of Rb; received CollisionData for K"),
        (lambda: VapourCell(collision_data={"He": D0_K_HE}), TypeError,
         r"collision_data must be a CollisionData or None"),
    ],
)
def test_bad_collision_data_is_rejected_with_parameter_range_and_value(build, error, message):
    with pytest.raises(error, match=message):
        build()

