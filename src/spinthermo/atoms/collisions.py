"""Collision data and rates of an alkali vapour in buffer gas (seed 000 Appendix A).

Cross sections are stored in SI (m²) with their uncertainties (NaN where the source states
none); diffusion constants in m²/s. Every entry names its source; a pair with no sourced value
is absent, and asking for it raises :class:`MissingAtomicDataError`. Sources:

- [HJW] W. Happer, Y.-Y. Jau, T. Walker, *Optically Pumped Atoms* (Wiley, 2010): the
  cross sections of seed 000 Table 1 (its Ref. [21]).
- [H72] W. Happer, "Optical pumping", Rev. Mod. Phys. 44, 169 (1972): σ_SE ≈ 2 × 10⁻¹⁴ cm²
  "for alkali metals such as K, Rb and Cs" (one value for the three, one significant figure;
  as quoted by the Wikipedia article "Spin-exchange interaction").
- [TA86] J. Tornos, J. C. Amare, "Hyperfine relaxation of an optically pumped cesium vapor",
  Appl. Spectrosc. 40, 596 (1986), abstract: Cs–Cs spin exchange σ_ex = (1.63 ± 0.13)e-14 cm²;
  Cs–Ar relaxation σ_c = (104 ± 5)e-23 cm²; D0(Cs–Ar) = 0.101 ± 0.010 cm²/s at 0 °C, 760 torr.
  σ_c is the relaxation cross section of the hyperfine orientation ⟨I·S⟩; a collision that
  randomises the electron spin (S-damping) relaxes ⟨I·S⟩ at the spin-destruction rate, so it is
  stored as σ_SD(Cs–Ar).
- [A02] The table of spin-destruction cross sections compiled from J. C. Allred, R. N. Lyman,
  T. W. Kornack, M. V. Romalis, Phys. Rev. Lett. 89, 130801 (2002), as reproduced with its
  references by the Wikipedia/HandWiki article "Spin-destruction collision" (one significant
  figure, no uncertainties): K–K 1e-18 (Vliegen et al., Nucl. Instrum. Meth. A 460, 444
  (2001)); K–He 8e-25 (Ben-Amar Baranga et al., Phys. Rev. Lett. 80, 2801 (1998));
  Cs–Cs 2e-16, Cs–He 3e-23, Cs–N2 6e-22 cm² (that table's refs. 6-7, not checked here).
- [FV76] F. A. Franz and C. Volk, "Spin relaxation of rubidium atoms in sudden and
  quasi-molecular collisions with light-noble-gas atoms", Phys. Rev. A 14, 1711 (1976)
  (OSTI 7350745): D0(Rb–He) = 0.42, D0(Rb–Ne) = 0.235, D0(Rb–Ar) = 0.16,
  D0(Rb–N2) = 0.16 cm²/s, quoted "at 305 K".
- [P26] A. Pouliot et al., "Measurements of diffusion coefficients for rubidium–inert gas
  mixtures using coherent scattering from optically pumped population gratings",
  arXiv:2602.12319 (2026): weighted averages at 24.0 °C and 101 325 Pa, Rb in He 0.33(5),
  Ne 0.214(14), N2 0.132(7), Ar 0.123(9), Kr 0.093(9), Xe 0.073(4) cm²/s.
- [Na63] "Study of the Spin-Relaxation Times and the Effects of Spin-Exchange Collisions in an
  Optically Oriented Sodium Vapor", Phys. Rev. (1963), abstract (as listed by Concepedia,
  OpenAlex W1993635985; that page shows no authors): sodium diffusing in He or Ne, analysed by
  Franzen's method. D0(Na–He) = 1.0 ± 0.3 and D0(Na–Ne) = 0.50 ± 0.17 cm²/s; disorientation
  cross sections Na–He (3 ± 4)e-26 and Na–Ne (1.8 ± 0.6)e-24 cm² (stored as σ_SD, as for
  [TA86]; the Na–He uncertainty exceeds the value, as published); Na–Na spin exchange
  "(1-3)e-14 cm² is estimated", stored as (2 ± 1)e-14 cm², the centre and half-width of that
  range. The abstract names neither the temperature nor the pressure D0 is referred to.
- [FV76] (above) also gives σ_SD of binary ("sudden") collisions: Rb–Ar 630e-24 cm², stored.
  Its Rb–He 3.1e-24 and Rb–N2 83e-24 cm² are not stored ([HJW]'s values are those of seed 000);
  its Rb–Ne 19e-24 cm² is not stored either: in the light gases He and Ne the same paper finds
  an additional relaxation in van der Waals molecules, so the binary σ alone understates Γ_SD.
- [IUPAC] standard atomic weights (IUPAC 2021), for buffer-gas masses.

Not found with a source, hence absent: σ_SD(Na–Na); σ_SD(K–N2); σ_SD of Rb in Ne, Kr, Xe;
D0 of K in any gas; D0 of Cs in He or N2. A cell needs σ_SE, σ_SD(A–A), and σ_SD and D0 for
every buffer gas it contains; what is there (:func:`cell_data_coverage`):

======= ============================== ====================
element buffer gases with σ_SD and D0  missing for any cell
======= ============================== ====================
Na      He, Ne                         σ_SD(Na–Na)
K       none                           D0
Rb      Ar, He, N2                     none
Cs      Ar                             none
======= ============================== ====================

From the stored tables alone, a sodium or potassium cell therefore cannot be built; a rubidium
cell takes any mixture of He, N2 and Ar; a caesium cell needs Ar. No number is estimated to
fill these gaps. A user who has measured values passes them, each with its citation, as
:class:`CollisionData` (built with :meth:`CrossSection.from_cm2` and
:meth:`DiffusionConstant.from_cm2_per_s`) to :class:`~spinthermo.atoms.cell.VapourCell`; they
take precedence over the stored values for the quantities they give, so a cell of any species
of :data:`~spinthermo.atoms.species.SPECIES` in any buffer gas of :data:`BUFFER_GASES` can be
built, and :meth:`~spinthermo.atoms.cell.VapourCell.collision_sources` cites every number its
rates use. The :class:`MissingAtomicDataError` of a cell names each missing quantity and the
``CollisionData(...)`` call that supplies it.

Seed 000 does not state its D0 values. Both Rb sets are measured values used as published in
Eq. (11), without a temperature correction (Eq. (11) has none); neither was measured at
273.15 K, the reference temperature the paper names.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

import numpy as np

from spinthermo.atoms.species import SPECIES
from spinthermo.core.checks import require_nonnegative, require_numeric, require_positive
from spinthermo.core.units import cm2_per_s_to_m2_per_s, cm2_to_m2

TORR_PER_ATM = 760.0  # exact


#: The alkali elements of :data:`~spinthermo.atoms.species.SPECIES`, lightest first.
ALKALI_ELEMENTS = tuple(
    dict.fromkeys(s.element for s in sorted(SPECIES.values(), key=lambda s: s.mass_amu))
)


def _require_element(element: str, name: str = "element") -> str:
    if element not in ALKALI_ELEMENTS:
        raise ValueError(f"{name} must be one of {list(ALKALI_ELEMENTS)}; received {element!r}")
    return element


def _require_source(source) -> str:
    if not isinstance(source, str) or not source.strip():
        raise ValueError(
            "source must be a non-empty citation of where the number was measured (authors, "
            f"journal, volume, page, year); received {source!r}"
        )
    return source


def _require_number(name: str, value) -> float:
    arr = require_numeric(name, value)
    if arr.ndim != 0 or np.iscomplexobj(arr):
        raise TypeError(f"{name} must be one real number; received {value!r}")
    return float(arr)


def _require_measured(name: str, value, unit: str) -> float:
    """``value`` as a float, finite and > 0."""
    return float(require_positive(name, _require_number(name, value), unit=unit))


def _require_uncertainty(name: str, value, unit: str) -> float:
    """``value`` as a float that is ≥ 0 or NaN (not stated)."""
    value = _require_number(name, value)
    if not math.isnan(value):
        require_nonnegative(name, value, unit=unit)
    return value


class _NotStatedEqualsNotStated:
    """Equality and hash of a frozen dataclass whose NaN fields mean "not stated": two NaN
    compare equal (float NaN does not), so equal data give equal, equally hashed cells, also
    after pickling."""

    def _comparison_key(self) -> tuple:
        values = (getattr(self, f.name) for f in dataclasses.fields(self))
        return tuple(None if isinstance(v, float) and math.isnan(v) else v for v in values)

    def __eq__(self, other):
        if type(other) is not type(self):
            return NotImplemented
        return self._comparison_key() == other._comparison_key()

    def __hash__(self):
        return hash(self._comparison_key())


@dataclass(frozen=True, eq=False)
class CrossSection(_NotStatedEqualsNotStated):
    """A collision cross section in m² with its one-standard-deviation uncertainty.

    Attributes
    ----------
    value_m2 : float
        Cross section in m², finite and > 0.
    uncertainty_m2 : float
        One-standard-deviation uncertainty in m², ≥ 0; NaN where the source states none.
    source : str
        Where the number comes from (a citation), non-empty.
    """

    value_m2: float
    uncertainty_m2: float
    source: str

    def __post_init__(self):
        object.__setattr__(self, "value_m2", _require_measured("value_m2", self.value_m2, "m^2"))
        object.__setattr__(
            self, "uncertainty_m2", _require_uncertainty("uncertainty_m2", self.uncertainty_m2,
                                                         unit="m^2"))  # fmt: skip
        _require_source(self.source)

    @classmethod
    def from_cm2(cls, value_cm2: float, uncertainty_cm2: float = math.nan, *,
                 source: str) -> CrossSection:
        """A cross section given in cm², the unit of the literature tables.

        Parameters
        ----------
        value_cm2 : float
            Cross section in cm², finite and > 0.
        uncertainty_cm2 : float
            One-standard-deviation uncertainty in cm², ≥ 0; NaN (default) where the source
            states none.
        source : str
            Citation of the measurement, non-empty (keyword only).

        Returns
        -------
        CrossSection
            The same cross section in m² (1 cm² = 1e-4 m²).

        Examples
        --------
        >>> xs = CrossSection.from_cm2(1.9e-14, 0.1e-14, source="Happer, Jau & Walker (2010)")
        >>> f"({xs.value_m2:.2g} ± {xs.uncertainty_m2:.1g}) m^2"
        '(1.9e-18 ± 1e-19) m^2'
        """
        value = _require_measured("value_cm2", value_cm2, unit="cm^2")
        uncertainty = _require_uncertainty("uncertainty_cm2", uncertainty_cm2, unit="cm^2")
        return cls(cm2_to_m2(value), cm2_to_m2(uncertainty), _require_source(source))


@dataclass(frozen=True)
class BufferGas:
    """A buffer gas: name and molecular mass (amu)."""

    name: str
    mass_amu: float
    source: str = "IUPAC 2021 standard atomic weights"


#: Buffer gases with their masses (IUPAC 2021 standard atomic weights; N2 = 2 × 14.0067).
BUFFER_GASES: Mapping[str, BufferGas] = MappingProxyType(
    {
        "He": BufferGas("He", 4.002602),
        "N2": BufferGas("N2", 28.0134),
        "Ne": BufferGas("Ne", 20.1797),
        "Ar": BufferGas("Ar", 39.948),
        "Kr": BufferGas("Kr", 83.798),
        "Xe": BufferGas("Xe", 131.293),
    }
)


def require_buffer_gas(name: str, parameter: str = "buffer gas") -> BufferGas:
    """Return the :class:`BufferGas` called ``name``; a ValueError lists the known ones.

    Parameters
    ----------
    name : str
        Gas name, a key of :data:`BUFFER_GASES`.
    parameter : str
        What ``name`` is, for the error message.

    Returns
    -------
    BufferGas
        The gas with its mass.
    """
    if name not in BUFFER_GASES:
        raise ValueError(f"{parameter} must be one of {sorted(BUFFER_GASES)}; received {name!r}")
    return BUFFER_GASES[name]


@dataclass(frozen=True, eq=False)
class DiffusionConstant(_NotStatedEqualsNotStated):
    """Diffusion constant D0 of an alkali in a buffer gas at 1 amagat-equivalent pressure.

    Attributes
    ----------
    alkali : str
        Chemical symbol of the alkali ("Rb"), one of :data:`ALKALI_ELEMENTS`.
    gas : str
        Buffer-gas name ("He"), a key of :data:`BUFFER_GASES`.
    d0_m2_per_s : float
        D0 in m²/s, finite and > 0.
    uncertainty_m2_per_s : float
        One-standard-deviation uncertainty in m²/s, ≥ 0; NaN where the source states none.
    measured_at_k : float
        Temperature of the measurement in K, > 0; NaN where the source does not state it.
    source : str
        Where the number comes from (a citation), non-empty.
    """

    alkali: str
    gas: str
    d0_m2_per_s: float
    uncertainty_m2_per_s: float
    measured_at_k: float
    source: str

    def __post_init__(self):
        _require_element(self.alkali, "alkali")
        require_buffer_gas(self.gas, "gas")
        object.__setattr__(
            self, "d0_m2_per_s", _require_measured("d0_m2_per_s", self.d0_m2_per_s, "m^2/s"))
        object.__setattr__(self, "uncertainty_m2_per_s", _require_uncertainty(
            "uncertainty_m2_per_s", self.uncertainty_m2_per_s, unit="m^2/s"))
        temperature = _require_number("measured_at_k", self.measured_at_k)
        if not math.isnan(temperature):
            require_positive("measured_at_k", temperature, unit="K")
        object.__setattr__(self, "measured_at_k", temperature)
        _require_source(self.source)

    @classmethod
    def from_cm2_per_s(cls, alkali: str, gas: str, d0_cm2_per_s: float,
                       uncertainty_cm2_per_s: float = math.nan, *, source: str,
                       measured_at_k: float = math.nan) -> DiffusionConstant:
        """A diffusion constant given in cm²/s, the unit of the literature.

        Parameters
        ----------
        alkali : str
            Chemical symbol of the alkali ("K"), one of :data:`ALKALI_ELEMENTS`.
        gas : str
            Buffer-gas name ("He"), a key of :data:`BUFFER_GASES`.
        d0_cm2_per_s : float
            D0 at 1 amagat (seed 000 Eq. (11)) in cm²/s, finite and > 0.
        uncertainty_cm2_per_s : float
            One-standard-deviation uncertainty in cm²/s, ≥ 0; NaN (default) where the source
            states none.
        source : str
            Citation of the measurement, non-empty (keyword only).
        measured_at_k : float
            Temperature of the measurement in K, > 0; NaN (default) where not stated.

        Returns
        -------
        DiffusionConstant
            The same constant in m²/s (1 cm²/s = 1e-4 m²/s).
        """
        value = _require_measured("d0_cm2_per_s", d0_cm2_per_s, unit="cm^2/s")
        uncertainty = _require_uncertainty("uncertainty_cm2_per_s", uncertainty_cm2_per_s,
                                           unit="cm^2/s")
        return cls(alkali, gas, cm2_per_s_to_m2_per_s(value),
                   cm2_per_s_to_m2_per_s(uncertainty), measured_at_k, _require_source(source))


class MissingAtomicDataError(ValueError):
    """No sourced value of a collision quantity is stored for the species asked for."""


_HJW = "Happer, Jau & Walker, Optically Pumped Atoms (Wiley 2010); seed 000 Table 1"
_H72 = "Happer, Rev. Mod. Phys. 44, 169 (1972): ~2e-14 cm^2 for K, Rb and Cs alike"
_TA86 = "Tornos & Amare, Appl. Spectrosc. 40, 596 (1986)"
_A02 = "Allred et al., PRL 89, 130801 (2002) compilation (Wikipedia 'Spin-destruction collision')"
_NA63 = (
    "'Study of the Spin-Relaxation Times and the Effects of Spin-Exchange Collisions in an "
    "Optically Oriented Sodium Vapor', Phys. Rev. (1963), abstract"
)
_FV76_SD = "Franz & Volk, Phys. Rev. A 14, 1711 (1976), binary ('sudden') collisions"
_NOT_STATED = math.nan  # the source gives one significant figure and no uncertainty


def _xs(value_cm2: float, uncertainty_cm2: float, source: str) -> CrossSection:
    return CrossSection.from_cm2(value_cm2, uncertainty_cm2, source=source)


#: Alkali–alkali spin-exchange cross section σ_SE, keyed by element.
SPIN_EXCHANGE_CROSS_SECTIONS: Mapping[str, CrossSection] = MappingProxyType(
    {
        "Na": _xs(2e-14, 1e-14, _NA63 + ": (1-3)e-14 cm^2 estimated"),  # [Na63] range (1-3)e-14
        "K": _xs(2e-14, _NOT_STATED, _H72),  # [H72] ≈ 2e-14 cm², not K-specific
        "Rb": _xs(1.9e-14, 0.1e-14, _HJW),  # [HJW] (1.9 ± 0.1)e-14 cm²
        "Cs": _xs(1.63e-14, 0.13e-14, _TA86),  # [TA86] (1.63 ± 0.13)e-14 cm²
    }
)

#: Spin-destruction cross sections σ_SD, keyed by (alkali element, partner).
SPIN_DESTRUCTION_CROSS_SECTIONS: Mapping[tuple[str, str], CrossSection] = MappingProxyType(
    {
        ("Na", "He"): _xs(3e-26, 4e-26, _NA63),  # [Na63] (3 ± 4)e-26 cm², as published
        ("Na", "Ne"): _xs(1.8e-24, 0.6e-24, _NA63),  # [Na63] (1.8 ± 0.6)e-24 cm²
        ("K", "K"): _xs(1e-18, _NOT_STATED, _A02 + "; Vliegen et al. 2001"),  # [A02] 1e-18 cm²
        ("K", "He"): _xs(8e-25, _NOT_STATED, _A02 + "; Baranga et al. 1998"),  # [A02] 8e-25 cm²
        ("Rb", "Rb"): _xs(9.0e-18, 0.5e-18, _HJW),  # [HJW] (9.0 ± 0.5)e-18 cm²
        ("Rb", "He"): _xs(8.7e-24, 0.5e-24, _HJW),  # [HJW] (8.7 ± 0.5)e-24 cm²
        ("Rb", "N2"): _xs(1.0e-22, 0.1e-22, _HJW),  # [HJW] (1.0 ± 0.1)e-22 cm²
        ("Rb", "Ar"): _xs(630e-24, _NOT_STATED, _FV76_SD),  # [FV76] 630e-24 cm²
        ("Cs", "Cs"): _xs(2e-16, _NOT_STATED, _A02),  # [A02] 2e-16 cm²
        ("Cs", "He"): _xs(3e-23, _NOT_STATED, _A02),  # [A02] 3e-23 cm²
        ("Cs", "N2"): _xs(6e-22, _NOT_STATED, _A02),  # [A02] 6e-22 cm²
        ("Cs", "Ar"): _xs(104e-23, 5e-23, _TA86),  # [TA86] (104 ± 5)e-23 cm², ⟨I·S⟩ relaxation
    }
)

_FV76 = "Franz & Volk, Phys. Rev. A 14, 1711 (1976), measured at 305 K"
_P26 = "Pouliot et al., arXiv:2602.12319 (2026), 297.15 K and 101325 Pa, weighted averages"
_TA86_D0 = _TA86 + ", normalised to 0 °C and 760 torr"
_NA63_D0 = _NA63 + "; reference temperature and pressure not stated there"
#: Temperature of a D0 measurement whose source does not state it.
_TEMPERATURE_NOT_STATED = math.nan


def _d0(alkali, gas, value_cm2_s, unc_cm2_s, temperature_k, source) -> DiffusionConstant:
    return DiffusionConstant.from_cm2_per_s(alkali, gas, value_cm2_s, unc_cm2_s, source=source,
                                            measured_at_k=temperature_k)


#: Diffusion-constant data sets: name -> (alkali element, gas) -> DiffusionConstant.
#: Uncertainties of [FV76] are not given in its abstract, nor the temperature of [Na63]; both
#: are stored as NaN.
DIFFUSION_CONSTANTS: Mapping[str, Mapping[tuple[str, str], DiffusionConstant]] = MappingProxyType(
    {
        "franz_volk_1976": MappingProxyType(
            {
                ("Rb", "He"): _d0("Rb", "He", 0.42, math.nan, 305.0, _FV76),
                ("Rb", "Ne"): _d0("Rb", "Ne", 0.235, math.nan, 305.0, _FV76),
                ("Rb", "Ar"): _d0("Rb", "Ar", 0.16, math.nan, 305.0, _FV76),
                ("Rb", "N2"): _d0("Rb", "N2", 0.16, math.nan, 305.0, _FV76),
            }
        ),
        "pouliot_2026": MappingProxyType(
            {
                ("Rb", "He"): _d0("Rb", "He", 0.33, 0.05, 297.15, _P26),
                ("Rb", "Ne"): _d0("Rb", "Ne", 0.214, 0.014, 297.15, _P26),
                ("Rb", "N2"): _d0("Rb", "N2", 0.132, 0.007, 297.15, _P26),
                ("Rb", "Ar"): _d0("Rb", "Ar", 0.123, 0.009, 297.15, _P26),
                ("Rb", "Kr"): _d0("Rb", "Kr", 0.093, 0.009, 297.15, _P26),
                ("Rb", "Xe"): _d0("Rb", "Xe", 0.073, 0.004, 297.15, _P26),
            }
        ),
        "tornos_amare_1986": MappingProxyType(
            {
                ("Cs", "Ar"): _d0("Cs", "Ar", 0.101, 0.010, 273.15, _TA86_D0),  # [TA86]
            }
        ),
        "sodium_1963": MappingProxyType(
            {
                ("Na", "He"): _d0("Na", "He", 1.0, 0.3, _TEMPERATURE_NOT_STATED, _NA63_D0),
                ("Na", "Ne"): _d0("Na", "Ne", 0.50, 0.17, _TEMPERATURE_NOT_STATED, _NA63_D0),
            }
        ),
    }
)
#: The D0 data set a cell of each element uses unless told otherwise.
DEFAULT_DIFFUSION_DATA_BY_ELEMENT: Mapping[str, str] = MappingProxyType(
    {"Na": "sodium_1963", "Rb": "franz_volk_1976", "Cs": "tornos_amare_1986"}
)
DEFAULT_DIFFUSION_DATA = DEFAULT_DIFFUSION_DATA_BY_ELEMENT["Rb"]
DIFFUSION_COMBINATIONS = ("paper", "blanc")


def _missing(quantity: str, subject: str, available) -> MissingAtomicDataError:
    return MissingAtomicDataError(
        f"no sourced value is available for the {quantity} of {subject}; "
        f"sourced values exist for: {sorted(set(available))} (spinthermo.atoms.collisions)"
    )


def spin_exchange_cross_section(element: str) -> CrossSection:
    """σ_SE of alkali–alkali collisions of ``element`` (module docstring for sources)."""
    if element not in SPIN_EXCHANGE_CROSS_SECTIONS:
        raise _missing("spin-exchange cross section σ_SE", element, SPIN_EXCHANGE_CROSS_SECTIONS)
    return SPIN_EXCHANGE_CROSS_SECTIONS[element]


def spin_destruction_cross_section(element: str, partner: str) -> CrossSection:
    """σ_SD of alkali ``element`` colliding with ``partner`` (module docstring for sources)."""
    key = (element, partner)
    if key not in SPIN_DESTRUCTION_CROSS_SECTIONS:
        raise _missing(
            "spin-destruction cross section σ_SD",
            f"{element}–{partner}",
            (f"{a}–{b}" for a, b in SPIN_DESTRUCTION_CROSS_SECTIONS),
        )
    return SPIN_DESTRUCTION_CROSS_SECTIONS[key]


def default_diffusion_data(element: str) -> str:
    """The D0 data set used for ``element`` when none is named."""
    if element not in DEFAULT_DIFFUSION_DATA_BY_ELEMENT:
        sourced = {e for table in DIFFUSION_CONSTANTS.values() for e, _ in table}
        raise _missing("buffer-gas diffusion constant D0", element, sourced)
    return DEFAULT_DIFFUSION_DATA_BY_ELEMENT[element]


def require_diffusion_data(data: str) -> str:
    """Return ``data`` if it names a D0 data set; a ValueError lists the known ones."""
    if data not in DIFFUSION_CONSTANTS:
        raise ValueError(
            f"diffusion_data must be one of {sorted(DIFFUSION_CONSTANTS)}; received {data!r}"
        )
    return data


def diffusion_constant_record(element: str, gas: str, data: str | None = None
                              ) -> DiffusionConstant:
    """The stored D0 of alkali ``element`` in ``gas``, with its uncertainty and source.

    Parameters
    ----------
    element : str
        Chemical symbol of the alkali ("Rb").
    gas : str
        Buffer-gas name ("He").
    data : str or None
        D0 data set, a key of :data:`DIFFUSION_CONSTANTS`; ``None`` takes
        :func:`default_diffusion_data` of the element.

    Returns
    -------
    DiffusionConstant
        The entry of the data set.

    Raises
    ------
    MissingAtomicDataError
        When no data set holds a D0 of ``element`` in ``gas`` (or ``data`` is None and the
        element has no default data set).
    ValueError
        When ``data`` lacks the pair but another data set has it, naming those data sets.
    """
    if data is None:
        data = DEFAULT_DIFFUSION_DATA_BY_ELEMENT.get(element)
    if data is None:
        raise _missing(
            "buffer-gas diffusion constant D0", f"{element} in {gas}",
            (f"{e} in {g}" for t in DIFFUSION_CONSTANTS.values() for e, g in t),
        )  # fmt: skip
    name = require_diffusion_data(data)
    table = DIFFUSION_CONSTANTS[name]
    if (element, gas) not in table:
        anywhere = [name for name, t in DIFFUSION_CONSTANTS.items() if (element, gas) in t]
        if not anywhere:
            raise _missing(
                "buffer-gas diffusion constant D0", f"{element} in {gas}",
                (f"{e} in {g}" for t in DIFFUSION_CONSTANTS.values() for e, g in t),
            )  # fmt: skip
        raise ValueError(
            f"diffusion_data {name!r} has no D0 for {element} in {gas}; "
            f"data sets that have it: {anywhere}"
        )
    return table[(element, gas)]


def diffusion_constant(element: str, gas: str, data: str | None = None) -> float:
    """D0 of alkali ``element`` in ``gas`` from data set ``data``, in m²/s.

    Parameters
    ----------
    element : str
        Chemical symbol of the alkali ("Rb").
    gas : str
        Buffer-gas name ("He").
    data : str or None
        D0 data set, a key of :data:`DIFFUSION_CONSTANTS`; ``None`` takes
        :func:`default_diffusion_data` of the element.

    Returns
    -------
    float
        D0 at 1 amagat in m²/s (:func:`diffusion_constant_record` for its source).
    """
    return diffusion_constant_record(element, gas, data).d0_m2_per_s


#: Label of σ_SE (seed 000 Eq. (7)) in :func:`cell_collision_inputs` and
#: :func:`missing_cell_data`.
SPIN_EXCHANGE_LABEL = "σ_SE"


def spin_destruction_label(element: str, partner: str) -> str:
    """Label of σ_SD of ``element`` with ``partner`` (Eqs. (8)-(9)), e.g. "σ_SD(K–He)"."""
    return f"σ_SD({element}–{partner})"


def diffusion_label(element: str, gas: str) -> str:
    """Label of D0 of ``element`` in ``gas`` (Eq. (11)), e.g. "D0(K–He)"."""
    return f"D0({element}–{gas})"


def _normalise_entries(parameter: str, value, entry_type: type, require_key
                       ) -> tuple[tuple[str, object], ...]:
    items = value.items() if isinstance(value, Mapping) else value
    try:
        pairs = [(key, entry) for key, entry in items]
    except (TypeError, ValueError) as exc:
        raise TypeError(f"{parameter} must be a mapping {{name: {entry_type.__name__}}}; "
                        f"received {value!r}") from exc
    for key, entry in pairs:
        require_key(key)
        if not isinstance(entry, entry_type):
            raise TypeError(f"{parameter}[{key!r}] must be a {entry_type.__name__} (it carries "
                            f"the source of the number); received {entry!r}")
    names = [key for key, _ in pairs]
    if len(set(names)) != len(names):
        raise ValueError(f"{parameter} names an entry twice: {names}")
    return tuple(sorted(pairs, key=lambda pair: pair[0]))


@dataclass(frozen=True)
class CollisionData:
    """Measured collision data of one alkali supplied by the user, each number with its source.

    Given to :class:`~spinthermo.atoms.cell.VapourCell` as ``collision_data``: its entries take
    precedence over the stored tables of this module for the quantities they give, the rest
    come from those tables. The mappings are stored as name-sorted tuples of pairs, so the
    object is immutable and hashable and a cell built from it computes reproducible rates.

    Parameters
    ----------
    element : str
        Chemical symbol of the alkali the data belong to, one of :data:`ALKALI_ELEMENTS`.
    spin_exchange : CrossSection or None
        σ_SE of Eq. (7); None (default) keeps the stored value.
    spin_destruction : dict
        {partner: CrossSection}, σ_SD of Eqs. (8)-(9); partner is ``element`` itself (the
        alkali–alkali term) or a gas of :data:`BUFFER_GASES`.
    diffusion : dict
        {gas: DiffusionConstant}, D0 of Eq. (11); each entry's ``alkali`` must be ``element``
        and its ``gas`` the key.

    Examples
    --------
    With a placeholder where a measured D0 and its citation belong:

    >>> data = CollisionData("K", diffusion={"He": DiffusionConstant.from_cm2_per_s(
    ...     "K", "He", 0.35, 0.05, source="placeholder, not a measurement")})
    >>> data.diffusion[0][1].d0_m2_per_s
    3.5e-05
    """

    element: str
    spin_exchange: CrossSection | None = None
    spin_destruction: tuple[tuple[str, CrossSection], ...] = ()
    diffusion: tuple[tuple[str, DiffusionConstant], ...] = ()

    def __post_init__(self):
        element = _require_element(self.element)
        if self.spin_exchange is not None and not isinstance(self.spin_exchange, CrossSection):
            raise TypeError("spin_exchange must be a CrossSection (e.g. CrossSection.from_cm2("
                            f"value, uncertainty, source=...)) or None; "
                            f"received {self.spin_exchange!r}")

        def require_partner(partner):
            if partner != element and partner not in BUFFER_GASES:
                raise ValueError(
                    f"spin_destruction partner must be the alkali {element!r} itself or a "
                    f"buffer gas of {sorted(BUFFER_GASES)}; received {partner!r}"
                )

        object.__setattr__(self, "spin_destruction", _normalise_entries(
            "spin_destruction", self.spin_destruction, CrossSection, require_partner))
        object.__setattr__(self, "diffusion", _normalise_entries(
            "diffusion", self.diffusion, DiffusionConstant,
            lambda gas: require_buffer_gas(gas, "diffusion gas")))
        for gas, entry in self.diffusion:
            if (entry.alkali, entry.gas) != (element, gas):
                raise ValueError(
                    f"diffusion[{gas!r}] must be a D0 of {element} in {gas}; received the D0 of "
                    f"{entry.alkali} in {entry.gas} ({entry.source})"
                )


#: Per CollisionData argument: what its quantities are, and the constructor call supplying one.
_SUPPLY = {
    "spin_exchange": ("spin-exchange cross section",
                      "CrossSection.from_cm2(sigma_cm2, uncertainty_cm2, source=...)"),
    "spin_destruction": ("spin-destruction cross section",
                         "CrossSection.from_cm2(sigma_cm2, uncertainty_cm2, source=...)"),
    "diffusion": ("buffer-gas diffusion constant",
                  "DiffusionConstant.from_cm2_per_s({element!r}, {key!r}, d0_cm2_per_s, "
                  "uncertainty_cm2_per_s, source=...)"),
}


def _missing_collision_data(element: str, missing) -> MissingAtomicDataError:
    """One error naming every (argument, key, label) of ``missing`` and the CollisionData call
    that supplies them all."""
    named = ", ".join(f"the {_SUPPLY[argument][0]} {label}" for argument, _, label in missing)
    arguments = [repr(element)]
    if any(argument == "spin_exchange" for argument, _, _ in missing):
        arguments.append("spin_exchange=" + _SUPPLY["spin_exchange"][1])
    for argument in ("spin_destruction", "diffusion"):
        entries = [f"{key!r}: " + _SUPPLY[argument][1].format(element=element, key=key)
                   for given, key, _ in missing if given == argument]
        if entries:
            arguments.append(f"{argument}={{" + ", ".join(entries) + "}")
    return MissingAtomicDataError(
        f"the stored tables give no sourced value for {named} (spinthermo.atoms.collisions."
        "cell_data_coverage() lists what they give); pass the measured values, each with its "
        f"source, as collision_data=CollisionData({', '.join(arguments)})"
    )


def cell_collision_inputs(element: str, gases, diffusion_data: str | None = None,
                          collision_data: CollisionData | None = None
                          ) -> dict[str, CrossSection | DiffusionConstant]:
    """Every cross section and D0 that seed 000 Eqs. (7)-(11) need for one cell.

    The user's ``collision_data`` take precedence; every other quantity comes from the stored
    tables (:data:`SPIN_EXCHANGE_CROSS_SECTIONS`, :data:`SPIN_DESTRUCTION_CROSS_SECTIONS`, and
    data set ``diffusion_data`` of :data:`DIFFUSION_CONSTANTS`).

    Parameters
    ----------
    element : str
        Chemical symbol of the alkali, one of :data:`ALKALI_ELEMENTS`.
    gases : iterable of str
        The buffer gases of the cell (those with a positive pressure).
    diffusion_data : str or None
        Stored D0 data set; None (default) takes the element's default data set, if any.
    collision_data : CollisionData or None
        The user's values for ``element``; None (default) uses the stored tables alone.

    Returns
    -------
    dict
        {label: CrossSection or DiffusionConstant}: :data:`SPIN_EXCHANGE_LABEL`, then
        :func:`spin_destruction_label` of the alkali itself and of each gas, then
        :func:`diffusion_label` of each gas.

    Raises
    ------
    MissingAtomicDataError
        Naming every quantity that neither ``collision_data`` nor the tables give, and the
        ``CollisionData(...)`` call that supplies them.
    """
    _require_element(element)
    if collision_data is None:
        collision_data = CollisionData(element)
    elif not isinstance(collision_data, CollisionData):
        raise TypeError(f"collision_data must be a CollisionData or None; "
                        f"received {collision_data!r}")
    elif collision_data.element != element:
        raise ValueError(f"collision_data must hold data of {element}; received "
                         f"CollisionData for {collision_data.element}")
    given_sd = dict(collision_data.spin_destruction)
    given_d0 = dict(collision_data.diffusion)
    gases = tuple(gases)
    needed = [(SPIN_EXCHANGE_LABEL, "spin_exchange", None, collision_data.spin_exchange,
               lambda: spin_exchange_cross_section(element))]
    needed += [(spin_destruction_label(element, partner), "spin_destruction", partner,
                given_sd.get(partner),
                lambda partner=partner: spin_destruction_cross_section(element, partner))
               for partner in (element, *gases)]
    needed += [(diffusion_label(element, gas), "diffusion", gas, given_d0.get(gas),
                lambda gas=gas: diffusion_constant_record(element, gas, diffusion_data))
               for gas in gases]
    inputs, missing = {}, []
    for label, argument, key, given, stored in needed:
        if given is not None:
            inputs[label] = given
            continue
        try:
            inputs[label] = stored()
        except MissingAtomicDataError:
            missing.append((argument, key, label))
        except ValueError as exc:  # another D0 data set has it (diffusion_constant_record)
            missing.append((argument, key, f"{label} ({exc})"))
    if missing:
        raise _missing_collision_data(element, missing)
    return inputs


#: Label, in :func:`missing_cell_data`, of an element with no D0 in any buffer gas.
MISSING_D0 = "D0"


def buffer_gases_with_data(element: str, data: str | None = None) -> tuple[str, ...]:
    """Buffer gases in which both σ_SD(element–gas) and D0 have a sourced value.

    These are the gases of seed 000 Eqs. (9)-(11) that a :class:`~spinthermo.atoms.cell.VapourCell`
    of ``element`` may contain (it also needs :func:`missing_cell_data` to be empty).

    Parameters
    ----------
    element : str
        Chemical symbol of the alkali, one of :data:`ALKALI_ELEMENTS`.
    data : str or None
        D0 data set, a key of :data:`DIFFUSION_CONSTANTS`; ``None`` takes the element's
        default (:data:`DEFAULT_DIFFUSION_DATA_BY_ELEMENT`), and no gas when it has none.

    Returns
    -------
    tuple of str
        Gas names in alphabetical order; empty when no gas has both quantities.
    """
    _require_element(element)
    if data is None:
        data = DEFAULT_DIFFUSION_DATA_BY_ELEMENT.get(element)
    d0_table = DIFFUSION_CONSTANTS[require_diffusion_data(data)] if data is not None else {}
    return tuple(sorted(
        gas for el, gas in SPIN_DESTRUCTION_CROSS_SECTIONS
        if el == element and gas in BUFFER_GASES and (element, gas) in d0_table
    ))  # fmt: skip


def missing_cell_data(element: str) -> tuple[str, ...]:
    """The quantities every cell of ``element`` needs that have no sourced value.

    Parameters
    ----------
    element : str
        Chemical symbol of the alkali, one of :data:`ALKALI_ELEMENTS`.

    Returns
    -------
    tuple of str
        Among "σ_SE" (Eq. (7)), "σ_SD(A–A)" (the alkali–alkali term of Eq. (8), A the element)
        and :data:`MISSING_D0` (no D0 in any gas, Eq. (11)); empty when none is missing.
    """
    _require_element(element)
    missing = []
    if element not in SPIN_EXCHANGE_CROSS_SECTIONS:
        missing.append(SPIN_EXCHANGE_LABEL)
    if (element, element) not in SPIN_DESTRUCTION_CROSS_SECTIONS:
        missing.append(spin_destruction_label(element, element))
    if element not in DEFAULT_DIFFUSION_DATA_BY_ELEMENT:
        missing.append(MISSING_D0)
    return tuple(missing)


def cell_data_coverage() -> Mapping[str, tuple[tuple[str, ...], tuple[str, ...]]]:
    """Which vapour cells the stored data allow, per element (the module docstring's table).

    Returns
    -------
    Mapping
        element -> (:func:`buffer_gases_with_data`, :func:`missing_cell_data`), for every
        element of :data:`ALKALI_ELEMENTS` in that order. A cell of the element can be built
        when the second entry is empty, with any mixture of the gases of the first.

    Examples
    --------
    >>> cell_data_coverage()["Cs"]
    (('Ar',), ())
    """
    return MappingProxyType(
        {e: (buffer_gases_with_data(e), missing_cell_data(e)) for e in ALKALI_ELEMENTS}
    )


def buffer_gas_density_amagat(pressure_torr):
    """Buffer-gas density in amagat from the fill pressure: n_amg = P / 760 torr.

    Seed 000 Eq. (11): "n_amg represents the gas density in Amagat units, referenced to 1 atm at
    273.15 K", i.e. the cell's fill pressure read as if at 0 °C. The number density used with
    it is n_amg × Loschmidt constant.
    """
    require_nonnegative("pressure_torr", pressure_torr, unit="torr")
    return np.asarray(pressure_torr, dtype=float) / TORR_PER_ATM


def diffusion_coefficient(
    d0_per_gas: Mapping[str, float],
    densities_amg: Mapping[str, float],
    combination: str = "paper",
) -> float:
    """Effective diffusion coefficient of the alkali in a buffer-gas mixture, in m²/s.

    ``combination="paper"`` follows seed 000 Eq. (11) as written, which ADDS the terms:
    D = Σ_g D0_g / n_amg,g. ``combination="blanc"`` is Blanc's law, the usual rule for a trace
    species in a mixture, which adds the inverses: 1/D = Σ_g n_amg,g / D0_g. Blanc's law gives
    the smaller D (slower diffusion, weaker wall relaxation). Gases with zero density are left
    out; at least one gas must have a positive density.

    ``d0_per_gas`` in m²/s at 1 amagat; ``densities_amg`` in amagat; keys are gas names.
    """
    if combination not in DIFFUSION_COMBINATIONS:
        raise ValueError(
            f"combination must be one of {list(DIFFUSION_COMBINATIONS)}; received {combination!r}"
        )
    missing = sorted(set(densities_amg) - set(d0_per_gas))
    if missing:
        raise ValueError(f"d0_per_gas has no entry for gases {missing}")
    present = {}
    for gas, density in densities_amg.items():
        require_nonnegative(f"densities_amg[{gas!r}]", density, unit="amagat")
        require_positive(f"d0_per_gas[{gas!r}]", d0_per_gas[gas], unit="m^2/s")
        if density > 0:
            present[gas] = float(density)
    if not present:
        raise ValueError(
            "densities_amg must contain at least one gas with positive density; the diffusion "
            "model of Eqs. (10)-(11) needs a buffer gas"
        )
    if combination == "paper":
        return sum(d0_per_gas[g] / n for g, n in present.items())
    return 1.0 / sum(n / d0_per_gas[g] for g, n in present.items())


def wall_relaxation_rate(diffusion_m2_per_s, radius_m):
    """Wall relaxation rate of the lowest diffusion mode of a sphere, γ_wall = (π/R)² D, in s⁻¹.

    Seed 000 Eq. (10) (strongly depolarising walls, k_1 = π/R). Vectorised over both arguments.
    """
    require_positive("diffusion_m2_per_s", diffusion_m2_per_s, unit="m^2/s")
    require_positive("radius_m", radius_m, unit="m")
    radius = np.asarray(radius_m, dtype=float)
    return (math.pi / radius) ** 2 * np.asarray(diffusion_m2_per_s, dtype=float)


def collision_rate(density_m3, relative_speed_m_per_s, cross_section_m2):
    """Binary collision rate γ = n v σ, in s⁻¹.

    The common form of seed 000 Eq. (7) (Γ_SE = n_Rb v_rel σ_SE), of the alkali–alkali term of
    Eq. (8) and of the buffer-gas terms of Eq. (9) (γ_SD,buffer = n_buffer v_rel σ_SD,buffer).
    """
    require_nonnegative("density_m3", density_m3, unit="m^-3")
    require_nonnegative("relative_speed_m_per_s", relative_speed_m_per_s, unit="m/s")
    require_nonnegative("cross_section_m2", cross_section_m2, unit="m^2")
    return (
        np.asarray(density_m3, dtype=float)
        * np.asarray(relative_speed_m_per_s, dtype=float)
        * np.asarray(cross_section_m2, dtype=float)
    )


def spin_exchange_rate(alkali_density_m3, relative_speed_m_per_s, cross_section_m2):
    """Spin-exchange rate Γ_SE = n v_rel σ_SE, in s⁻¹ (seed 000 Eq. (7))."""
    return collision_rate(alkali_density_m3, relative_speed_m_per_s, cross_section_m2)


def spin_destruction_collision_rate(density_m3, relative_speed_m_per_s, cross_section_m2):
    """One spin-destruction term γ_SD = n v_rel σ_SD, in s⁻¹ (seed 000 Eqs. (8)–(9))."""
    return collision_rate(density_m3, relative_speed_m_per_s, cross_section_m2)
