"""Collision data and rates of an alkali vapour in buffer gas (seed 000 Appendix A).

Cross sections are stored in SI (m²) with their uncertainties; diffusion constants in m²/s.
Sources:

- [HJW] W. Happer, Y.-Y. Jau, T. Walker, *Optically Pumped Atoms* (Wiley, 2010): the
  cross sections of seed 000 Table 1 (its Ref. [21]).
- [FV76] F. A. Franz and C. Volk, "Spin relaxation of rubidium atoms in sudden and
  quasi-molecular collisions with light-noble-gas atoms", Phys. Rev. A 14, 1711 (1976)
  (OSTI 7350745): D0(Rb–He) = 0.42, D0(Rb–Ne) = 0.235, D0(Rb–Ar) = 0.16,
  D0(Rb–N2) = 0.16 cm²/s, quoted "at 305 K".
- [P26] A. Pouliot et al., "Measurements of diffusion coefficients for rubidium–inert gas
  mixtures using coherent scattering from optically pumped population gratings",
  arXiv:2602.12319 (2026): weighted averages at 24.0 °C and 101 325 Pa, Rb in He 0.33(5),
  Ne 0.214(14), N2 0.132(7), Ar 0.123(9), Kr 0.093(9), Xe 0.073(4) cm²/s.
- [IUPAC] standard atomic weights (IUPAC 2021), for buffer-gas masses.

Seed 000 does not state its D0 values. Both sets are measured values used as published in
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


_HJW = "Happer, Jau & Walker, Optically Pumped Atoms (Wiley 2010); seed 000 Table 1"

#: Spin-exchange cross section σ_SE, keyed by element (seed 000 Table 1).
SPIN_EXCHANGE_CROSS_SECTIONS: Mapping[str, CrossSection] = MappingProxyType(
    {
        "Rb": CrossSection(cm2_to_m2(1.9e-14), cm2_to_m2(0.1e-14), _HJW),  # (1.9 ± 0.1)e-14 cm²
    }
)

#: Spin-destruction cross sections σ_SD, keyed by (alkali element, partner) (seed 000 Table 1).
SPIN_DESTRUCTION_CROSS_SECTIONS: Mapping[tuple[str, str], CrossSection] = MappingProxyType(
    {
        ("Rb", "Rb"): CrossSection(cm2_to_m2(9.0e-18), cm2_to_m2(0.5e-18), _HJW),  # (9.0±0.5)e-18
        ("Rb", "He"): CrossSection(cm2_to_m2(8.7e-24), cm2_to_m2(0.5e-24), _HJW),  # (8.7±0.5)e-24
        ("Rb", "N2"): CrossSection(cm2_to_m2(1.0e-22), cm2_to_m2(0.1e-22), _HJW),  # (1.0±0.1)e-22
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
    }
)
DEFAULT_DIFFUSION_DATA = "franz_volk_1976"
DIFFUSION_COMBINATIONS = ("paper", "blanc")


def require_buffer_gas(name: str) -> BufferGas:
    """Return the :class:`BufferGas` called ``name``; a ValueError lists the known ones."""
    if name not in BUFFER_GASES:
        raise ValueError(f"buffer gas must be one of {sorted(BUFFER_GASES)}; received {name!r}")
    return BUFFER_GASES[name]


def spin_exchange_cross_section(element: str) -> CrossSection:
    """σ_SE for alkali ``element`` (seed 000 Table 1)."""
    if element not in SPIN_EXCHANGE_CROSS_SECTIONS:
        raise ValueError(
            f"no spin-exchange cross section for element {element!r}; "
            f"available: {sorted(SPIN_EXCHANGE_CROSS_SECTIONS)}"
        )
    return SPIN_EXCHANGE_CROSS_SECTIONS[element]


def spin_destruction_cross_section(element: str, partner: str) -> CrossSection:
    """σ_SD for alkali ``element`` colliding with ``partner`` (seed 000 Table 1)."""
    key = (element, partner)
    if key not in SPIN_DESTRUCTION_CROSS_SECTIONS:
        raise ValueError(
            f"no spin-destruction cross section for {element}–{partner}; "
            f"available pairs: {sorted(SPIN_DESTRUCTION_CROSS_SECTIONS)}"
        )
    return SPIN_DESTRUCTION_CROSS_SECTIONS[key]


def diffusion_constant(element: str, gas: str, data: str = DEFAULT_DIFFUSION_DATA) -> float:
    """D0 of alkali ``element`` in ``gas`` from data set ``data``, in m²/s."""
    if data not in DIFFUSION_CONSTANTS:
        raise ValueError(
            f"diffusion_data must be one of {sorted(DIFFUSION_CONSTANTS)}; received {data!r}"
        )
    table = DIFFUSION_CONSTANTS[data]
    if (element, gas) not in table:
        raise ValueError(
            f"diffusion_data {data!r} has no D0 for {element} in {gas}; "
            f"available: {sorted(g for e, g in table if e == element)}"
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
