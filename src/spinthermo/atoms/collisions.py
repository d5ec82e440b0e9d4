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
- [IUPAC] standard atomic weights (IUPAC 2021), for buffer-gas masses.

Not found with a source, hence absent: σ_SE and every σ_SD of Na; σ_SD(K–N2); D0 of K in any
gas; D0 of Cs in He or N2. A potassium or sodium cell therefore cannot be built yet, and a
caesium cell needs Ar as its buffer gas.

Seed 000 does not state its D0 values. Both Rb sets are measured values used as published in
Eq. (11), without a temperature correction (Eq. (11) has none); neither was measured at
273.15 K, the reference temperature the paper names.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

import numpy as np

from spinthermo.core.checks import require_nonnegative, require_positive
from spinthermo.core.units import cm2_per_s_to_m2_per_s, cm2_to_m2

TORR_PER_ATM = 760.0  # exact


@dataclass(frozen=True)
class CrossSection:
    """A collision cross section in m² with its one-standard-deviation uncertainty."""

    value_m2: float
    uncertainty_m2: float
    source: str


@dataclass(frozen=True)
class BufferGas:
    """A buffer gas: name and molecular mass (amu)."""

    name: str
    mass_amu: float
    source: str = "IUPAC 2021 standard atomic weights"


@dataclass(frozen=True)
class DiffusionConstant:
    """Diffusion constant D0 of an alkali in a buffer gas at 1 amagat-equivalent pressure."""

    alkali: str
    gas: str
    d0_m2_per_s: float
    uncertainty_m2_per_s: float
    measured_at_k: float
    source: str


class MissingAtomicDataError(ValueError):
    """No sourced value of a collision quantity is stored for the species asked for."""


_HJW = "Happer, Jau & Walker, Optically Pumped Atoms (Wiley 2010); seed 000 Table 1"
_H72 = "Happer, Rev. Mod. Phys. 44, 169 (1972): ~2e-14 cm^2 for K, Rb and Cs alike"
_TA86 = "Tornos & Amare, Appl. Spectrosc. 40, 596 (1986)"
_A02 = "Allred et al., PRL 89, 130801 (2002) compilation (Wikipedia 'Spin-destruction collision')"
_NOT_STATED = math.nan  # the source gives one significant figure and no uncertainty


def _xs(value_cm2: float, uncertainty_cm2: float, source: str) -> CrossSection:
    return CrossSection(cm2_to_m2(value_cm2), cm2_to_m2(uncertainty_cm2), source)


#: Alkali–alkali spin-exchange cross section σ_SE, keyed by element.
SPIN_EXCHANGE_CROSS_SECTIONS: Mapping[str, CrossSection] = MappingProxyType(
    {
        "K": _xs(2e-14, _NOT_STATED, _H72),  # [H72] ≈ 2e-14 cm², not K-specific
        "Rb": _xs(1.9e-14, 0.1e-14, _HJW),  # [HJW] (1.9 ± 0.1)e-14 cm²
        "Cs": _xs(1.63e-14, 0.13e-14, _TA86),  # [TA86] (1.63 ± 0.13)e-14 cm²
    }
)

#: Spin-destruction cross sections σ_SD, keyed by (alkali element, partner).
SPIN_DESTRUCTION_CROSS_SECTIONS: Mapping[tuple[str, str], CrossSection] = MappingProxyType(
    {
        ("K", "K"): _xs(1e-18, _NOT_STATED, _A02 + "; Vliegen et al. 2001"),  # [A02] 1e-18 cm²
        ("K", "He"): _xs(8e-25, _NOT_STATED, _A02 + "; Baranga et al. 1998"),  # [A02] 8e-25 cm²
        ("Rb", "Rb"): _xs(9.0e-18, 0.5e-18, _HJW),  # [HJW] (9.0 ± 0.5)e-18 cm²
        ("Rb", "He"): _xs(8.7e-24, 0.5e-24, _HJW),  # [HJW] (8.7 ± 0.5)e-24 cm²
        ("Rb", "N2"): _xs(1.0e-22, 0.1e-22, _HJW),  # [HJW] (1.0 ± 0.1)e-22 cm²
        ("Cs", "Cs"): _xs(2e-16, _NOT_STATED, _A02),  # [A02] 2e-16 cm²
        ("Cs", "He"): _xs(3e-23, _NOT_STATED, _A02),  # [A02] 3e-23 cm²
        ("Cs", "N2"): _xs(6e-22, _NOT_STATED, _A02),  # [A02] 6e-22 cm²
        ("Cs", "Ar"): _xs(104e-23, 5e-23, _TA86),  # [TA86] (104 ± 5)e-23 cm², ⟨I·S⟩ relaxation
    }
)

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

_FV76 = "Franz & Volk, Phys. Rev. A 14, 1711 (1976), measured at 305 K"
_P26 = "Pouliot et al., arXiv:2602.12319 (2026), 297.15 K and 101325 Pa, weighted averages"
_TA86_D0 = _TA86 + ", normalised to 0 °C and 760 torr"


def _d0(alkali, gas, value_cm2_s, unc_cm2_s, temperature_k, source) -> DiffusionConstant:
    return DiffusionConstant(
        alkali,
        gas,
        cm2_per_s_to_m2_per_s(value_cm2_s),
        cm2_per_s_to_m2_per_s(unc_cm2_s),
        temperature_k,
        source,
    )


#: Diffusion-constant data sets: name -> (alkali element, gas) -> DiffusionConstant.
#: Uncertainties of [FV76] are not given in its abstract; stored as NaN.
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
    }
)
#: The D0 data set a cell of each element uses unless told otherwise.
DEFAULT_DIFFUSION_DATA_BY_ELEMENT: Mapping[str, str] = MappingProxyType(
    {"Rb": "franz_volk_1976", "Cs": "tornos_amare_1986"}
)
DEFAULT_DIFFUSION_DATA = DEFAULT_DIFFUSION_DATA_BY_ELEMENT["Rb"]
DIFFUSION_COMBINATIONS = ("paper", "blanc")


def require_buffer_gas(name: str) -> BufferGas:
    """Return the :class:`BufferGas` called ``name``; a ValueError lists the known ones."""
    if name not in BUFFER_GASES:
        raise ValueError(f"buffer gas must be one of {sorted(BUFFER_GASES)}; received {name!r}")
    return BUFFER_GASES[name]


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


def diffusion_constant(element: str, gas: str, data: str | None = None) -> float:
    """D0 of alkali ``element`` in ``gas`` from data set ``data``, in m²/s
    (``None``: :func:`default_diffusion_data` of the element)."""
    name = require_diffusion_data(data if data is not None else default_diffusion_data(element))
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
    return table[(element, gas)].d0_m2_per_s


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
