"""Species table: hyperfine splittings, masses, name parsing."""

import math

import pytest

from spinthermo.atoms.species import SPECIES, AlkaliSpecies, d1_frequency_consistency, get_species

# Ground-state hyperfine splittings ΔE/h in Hz, as tabulated by the sources (independent of
# the A constants stored in the table): Steck 87Rb 6.834 682 610 904 290 GHz, Steck 85Rb
# 3.035 732 439 0 GHz, Steck Cs 9.192 631 770 GHz (SI second, exact), Steck Na
# 1.771 626 128 8 GHz, Tiecke 39K 461.719 720 2 MHz.
TABULATED_SPLITTINGS_HZ = {
    "87Rb": 6.834682610904290e9,
    "85Rb": 3.0357324390e9,
    "133Cs": 9.192631770e9,
    "23Na": 1.7716261288e9,
    "39K": 461.7197202e6,
}
#: The tabulated splittings carry 10-16 significant digits; 1e-9 relative allows the last
#: rounded digit of the shortest entry and nothing more.
SPLITTING_RTOL = 1e-9
#: Tabulated D1 wavelengths and frequencies agree to their ~10 printed digits.
D1_RTOL = 1e-9


def test_table_has_every_stable_alkali_isotope_from_na_to_cs():
    assert set(SPECIES) == {"23Na", "39K", "41K", "85Rb", "87Rb", "133Cs"}


def test_potassium_41():
    k41 = get_species("K41")
    assert k41.nuclear_spin == 1.5 and k41.dimension == 8
    # Arimondo, Inguscio & Violino (1977): A(4S1/2) = 127.006 935 2 MHz, so ΔE/h = 2A
    assert k41.hyperfine_splitting_hz == pytest.approx(2 * 127.0069352e6, rel=1e-12)
    # the stable isotopes with 40K's 0.0117(1) % (Tiecke Table 1) make up all of potassium
    total = k41.natural_abundance + SPECIES["39K"].natural_abundance + 0.000117
    assert total == pytest.approx(1.0, abs=1e-6)


@pytest.mark.parametrize("name", sorted(TABULATED_SPLITTINGS_HZ))
def test_hyperfine_splitting_matches_tabulated(name):
    atom = SPECIES[name]
    assert math.isclose(
        atom.hyperfine_splitting_hz, TABULATED_SPLITTINGS_HZ[name], rel_tol=SPLITTING_RTOL
    )


def test_caesium_clock_frequency_is_exact():
    assert SPECIES["133Cs"].hyperfine_splitting_hz == pytest.approx(9_192_631_770.0, abs=1e-3)


def test_angular_units():
    rb = SPECIES["87Rb"]
    assert rb.a_hfs == pytest.approx(2 * math.pi * 3.417341305452145e9, rel=1e-15)
    assert rb.hyperfine_splitting == pytest.approx(2 * math.pi * rb.hyperfine_splitting_hz)
    assert rb.mass_kg == pytest.approx(86.909180520 * 1.66053906660e-27, rel=1e-12)
    assert rb.dimension == 8


@pytest.mark.parametrize("name", sorted(SPECIES))
def test_d1_wavelength_and_frequency_agree(name):
    assert d1_frequency_consistency(name) < D1_RTOL


@pytest.mark.parametrize("name", sorted(SPECIES))
def test_physical_ranges(name):
    atom = SPECIES[name]
    assert atom.nuclear_spin * 2 == int(atom.nuclear_spin * 2)
    assert 0 < atom.natural_abundance <= 1
    assert 290 < atom.melting_point_k < 380
    # P1/2 hyperfine constant is an order of magnitude below the S1/2 one for every alkali
    assert 0 < atom.a_p12_hz < atom.a_hfs_hz / 5
    # mass number in the name matches the atomic mass
    assert round(atom.mass_amu) == int(name[: -len(atom.element)])


def test_rubidium_abundances_sum_to_one():
    total = SPECIES["85Rb"].natural_abundance + SPECIES["87Rb"].natural_abundance
    assert total == pytest.approx(1.0, abs=1e-9)


@pytest.mark.parametrize("text", ["87Rb", "Rb87", "rb87", "RB87", "Rb-87", " 87rb "])
def test_get_species_accepts_spellings(text):
    assert get_species(text) is SPECIES["87Rb"]


def test_get_species_passes_through_instances():
    atom = SPECIES["133Cs"]
    assert get_species(atom) is atom
    assert isinstance(atom, AlkaliSpecies)


@pytest.mark.parametrize("text", ["86Rb", "Li7", "rubidium", "", "87"])
def test_get_species_unknown_lists_allowed(text):
    with pytest.raises(ValueError, match=r"species must be one of .*87Rb"):
        get_species(text)


def test_get_species_wrong_type():
    with pytest.raises(TypeError, match="species"):
        get_species(87)
