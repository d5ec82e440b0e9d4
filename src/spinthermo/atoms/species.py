"""Alkali species: one table of atomic data, every number with its source.

Sources (cited by key in the comments of the table):

- [Steck87] D. A. Steck, "Rubidium 87 D Line Data", rev. 2.x, http://steck.us/alkalidata
- [Steck85] D. A. Steck, "Rubidium 85 D Line Data", rev. 2.x
- [SteckCs] D. A. Steck, "Cesium D Line Data", rev. 2.x
- [SteckNa] D. A. Steck, "Sodium D Line Data", rev. 2.x
- [Tiecke] T. G. Tiecke, "Properties of Potassium" (2010, v1.02 2011; rev. 2019)
- [AIV77] E. Arimondo, M. Inguscio, P. Violino, Rev. Mod. Phys. 49, 31 (1977)
- [CRC] CRC Handbook of Chemistry and Physics (melting points of the elements)

Frequencies are stored in Hz (names end in ``_hz``); the properties without suffix are in the
package's internal units (rad/s, kg). The ground-state hyperfine splitting of an S_1/2 state
with magnetic-dipole constant A is ΔE = A (I + 1/2) (seed 000: H0 = A_hfs I·S).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from types import MappingProxyType

from spinthermo.core.units import ATOMIC_MASS_UNIT, hz_to_angular

SPEED_OF_LIGHT = 299_792_458.0  # m/s, exact (SI)


@dataclass(frozen=True)
class AlkaliSpecies:
    """Atomic data of one alkali isotope.

    Attributes
    ----------
    name : str
        Canonical name, mass number first ("87Rb").
    element : str
        Chemical symbol ("Rb").
    mass_amu : float
        Atomic mass in unified atomic mass units.
    nuclear_spin : float
        Nuclear spin I (e.g. 1.5 for ⁸⁷Rb).
    a_hfs_hz : float
        Ground-state (n S_1/2) magnetic-dipole hyperfine constant A, in Hz.
    a_p12_hz : float
        First excited (n P_1/2) magnetic-dipole hyperfine constant, in Hz.
    d1_wavelength_m : float
        Vacuum wavelength of the D1 line (n S_1/2 → n P_1/2), in m.
    d1_frequency_hz : float
        Frequency of the D1 line, in Hz.
    melting_point_k : float
        Melting point of the metal, in K.
    natural_abundance : float
        Fraction of the isotope in the natural element.
    """

    name: str
    element: str
    mass_amu: float
    nuclear_spin: float
    a_hfs_hz: float
    a_p12_hz: float
    d1_wavelength_m: float
    d1_frequency_hz: float
    melting_point_k: float
    natural_abundance: float

    @property
    def a_hfs(self) -> float:
        """Ground-state hyperfine constant A_hfs = 2π a_hfs_hz in rad/s (seed 000 Eq. (1))."""
        return hz_to_angular(self.a_hfs_hz)

    @property
    def mass_kg(self) -> float:
        """Atomic mass in kg."""
        return self.mass_amu * ATOMIC_MASS_UNIT

    @property
    def hyperfine_splitting_hz(self) -> float:
        """Ground-state splitting between F = I + 1/2 and F = I − 1/2, ΔE/h = A (I + 1/2), in Hz."""
        return self.a_hfs_hz * (self.nuclear_spin + 0.5)

    @property
    def hyperfine_splitting(self) -> float:
        """Ground-state hyperfine splitting in rad/s."""
        return hz_to_angular(self.hyperfine_splitting_hz)

    @property
    def dimension(self) -> int:
        """Dimension (2I + 1)(2S + 1) of the ground-state space, S = 1/2."""
        return round(2 * self.nuclear_spin + 1) * 2


_TABLE = (
    AlkaliSpecies(
        name="23Na",
        element="Na",
        mass_amu=22.9897692807,  # [SteckNa] Table 1
        nuclear_spin=1.5,  # [SteckNa]
        a_hfs_hz=885.8130644e6,  # [SteckNa] 3S1/2 A = 885.813 064 4(5) MHz [AIV77]
        a_p12_hz=94.44e6,  # [SteckNa] 3P1/2 A = 94.44(13) MHz
        d1_wavelength_m=589.7558147e-9,  # [SteckNa] D1 vacuum wavelength
        d1_frequency_hz=508.3331958e12,  # [SteckNa] D1 frequency 508.333 195 8(13) THz
        melting_point_k=97.80 + 273.15,  # [SteckNa] 97.80 °C
        natural_abundance=1.0,  # [SteckNa] only stable isotope
    ),
    AlkaliSpecies(
        name="39K",
        element="K",
        mass_amu=38.96370668,  # [Tiecke] Table 2
        nuclear_spin=1.5,  # [Tiecke]
        a_hfs_hz=230.8598601e6,  # [Tiecke] 4S1/2 A = 230.859 860 1(3) MHz [AIV77]
        a_p12_hz=27.775e6,  # [Tiecke] 4P1/2 A = 27.775(42) MHz
        d1_wavelength_m=770.108385049e-9,  # [Tiecke] D1 vacuum wavelength
        d1_frequency_hz=389.286058716e12,  # [Tiecke] D1 frequency
        melting_point_k=63.5 + 273.15,  # [CRC] 63.5 °C ([Tiecke] Table 2 prints 63.65 °C)
        natural_abundance=0.932581,  # [Tiecke] Table 1, 93.2581(44) %
    ),
    AlkaliSpecies(
        name="41K",
        element="K",
        mass_amu=40.96182576,  # [Tiecke] Table 1, 40.961 825 76(21) u
        nuclear_spin=1.5,  # [Tiecke] Table 1
        a_hfs_hz=127.0069352e6,  # [AIV77] 4S1/2 A = 127.006 935 2(6) MHz, as quoted by [Tiecke]
        a_p12_hz=15.245e6,  # [AIV77] 4P1/2 A = 15.245(42) MHz, as quoted by [Tiecke]
        d1_wavelength_m=770.107919192e-9,  # [Tiecke] 41K D1 vacuum wavelength
        d1_frequency_hz=389.286294205e12,  # [Tiecke] 41K D1 frequency
        melting_point_k=63.5 + 273.15,  # [CRC] 63.5 °C (the element's, as for 39K)
        natural_abundance=0.067302,  # [Tiecke] Table 1, 6.7302(44) %
    ),
    AlkaliSpecies(
        name="85Rb",
        element="Rb",
        mass_amu=84.911789732,  # [Steck85] Table 2
        nuclear_spin=2.5,  # [Steck85]
        a_hfs_hz=1.0119108130e9,  # [Steck85] 5S1/2 A = 1.011 910 813 0(20) GHz
        a_p12_hz=120.527e6,  # [Steck85] 5P1/2 A = 120.527(56) MHz
        d1_wavelength_m=794.979014933e-9,  # [Steck85] D1 vacuum wavelength
        d1_frequency_hz=377.107385690e12,  # [Steck85] D1 frequency
        melting_point_k=39.30 + 273.15,  # [Steck85] 39.30 °C
        natural_abundance=0.7217,  # [Steck85] 72.17(2) %
    ),
    AlkaliSpecies(
        name="87Rb",
        element="Rb",
        mass_amu=86.909180520,  # [Steck87] Table 2
        nuclear_spin=1.5,  # [Steck87]
        a_hfs_hz=3.417341305452145e9,  # [Steck87] 5S1/2 A = 3.417 341 305 452 145(45) GHz
        a_p12_hz=408.328e6,  # [Steck87] 5P1/2 A = 408.328(15) MHz
        d1_wavelength_m=794.978851156e-9,  # [Steck87] D1 vacuum wavelength
        d1_frequency_hz=377.107463380e12,  # [Steck87] D1 frequency
        melting_point_k=39.30 + 273.15,  # [Steck87] 39.30 °C
        natural_abundance=0.2783,  # [Steck87] 27.83(2) %
    ),
    AlkaliSpecies(
        name="133Cs",
        element="Cs",
        mass_amu=132.905451931,  # [SteckCs] Table 1
        nuclear_spin=3.5,  # [SteckCs]
        a_hfs_hz=2.2981579425e9,  # [SteckCs] 6S1/2 A = 2.298 157 942 5 GHz (exact, SI second)
        a_p12_hz=291.9201e6,  # [SteckCs] 6P1/2 A = 291.9201(15) MHz
        d1_wavelength_m=894.59295986e-9,  # [SteckCs] D1 vacuum wavelength
        d1_frequency_hz=335.116048807e12,  # [SteckCs] D1 frequency
        melting_point_k=28.44 + 273.15,  # [SteckCs] 28.44 °C
        natural_abundance=1.0,  # [SteckCs] only stable isotope
    ),
)

#: The species table, keyed by canonical name ("87Rb").
SPECIES: MappingProxyType[str, AlkaliSpecies] = MappingProxyType({s.name: s for s in _TABLE})

_NAME_PATTERN = re.compile(r"^\s*(?:(\d+)\s*-?\s*([A-Za-z]{1,2})|([A-Za-z]{1,2})\s*-?\s*(\d+))\s*$")


def _canonical_name(text: str) -> str | None:
    match = _NAME_PATTERN.match(text)
    if match is None:
        return None
    mass = match.group(1) or match.group(4)
    symbol = match.group(2) or match.group(3)
    return f"{int(mass)}{symbol.capitalize()}"


def get_species(species: str | AlkaliSpecies) -> AlkaliSpecies:
    """Return the :class:`AlkaliSpecies` named by ``species``.

    Accepts an ``AlkaliSpecies`` (returned unchanged) or a name with the mass number before or
    after the symbol, in any case: "87Rb", "Rb87", "rb87", "Rb-87".

    >>> f"{get_species('rb87').hyperfine_splitting_hz:.3f} Hz"
    '6834682610.904 Hz'
    """
    if isinstance(species, AlkaliSpecies):
        return species
    if not isinstance(species, str):
        raise TypeError(
            f"species must be a name such as '87Rb' or an AlkaliSpecies; "
            f"received {type(species).__name__}"
        )
    name = _canonical_name(species)
    if name is None or name not in SPECIES:
        raise ValueError(
            f"species must be one of {sorted(SPECIES)} (also written 'Rb87', 'rb87'); "
            f"received {species!r}"
        )
    return SPECIES[name]


def d1_frequency_consistency(species: str | AlkaliSpecies) -> float:
    """Relative mismatch ``abs(c/λ − ν)/ν`` of the tabulated D1 wavelength and frequency.

    A check on the table itself (both numbers are copied from the same source).
    """
    atom = get_species(species)
    return math.fabs(SPEED_OF_LIGHT / atom.d1_wavelength_m - atom.d1_frequency_hz) / (
        atom.d1_frequency_hz
    )
