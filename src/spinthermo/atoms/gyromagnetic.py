"""Gyromagnetic ratios of the free electron and of noble-gas nuclei, each with its source.

Sign convention. A spin ``J`` with magnetic moment ``μ = γ J`` (ħ = 1) in a field ``B`` has
``H = −μ·B = −γ B·J``; ``γ`` is *signed* (negative for the electron, ³He and ¹²⁹Xe, whose moments
are antiparallel to their spins). Seed 002 instead writes ``H = ω̃ J_z`` with ``ω̃ = g B``
(Eq. (10), Sec. V) and positive ``g_A``, ``g_B`` for K–³He. :func:`larmor_coefficient` returns
that ``g = −γ``: with it ``dJ/dt = g B × J`` and ``J⁻ = J_x − i J_y`` evolves as ``e^{−i g B t}``
(seed 002 Eq. (25)). For the three species tabulated here ``g > 0``: the electron and both
noble gases precess in the same sense.

Sources:

- [CODATA2018] E. Tiesinga et al., "CODATA recommended values of the fundamental physical
  constants: 2018", Rev. Mod. Phys. 93, 025010 (2021); NIST SP 961 (2019).
- [NMR] R. K. Harris et al., "NMR nomenclature: nuclear spin properties and conventions for
  chemical shifts" (IUPAC 2001), Pure Appl. Chem. 73, 1795, and the standard NMR tables, which
  quote γ/2π = −11.777 MHz/T for the ¹²⁹Xe atom (consistent with the measured ratio
  γ(³He)/γ(¹²⁹Xe) = 2.754 08 of Gemmel et al., Eur. Phys. J. D 57, 303 (2010)).

>>> round(ELECTRON_GYROMAGNETIC_HZ_PER_GAUSS, 2)  # |γ_e|/2π in Hz/G [CODATA2018]
2802495.14
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from types import MappingProxyType

from spinthermo.core.units import HBAR, TWO_PI

#: Tesla per gauss (exact, CGS–SI); fields in gauss carry ``_gauss`` in their names.
TESLA_PER_GAUSS = 1e-4
#: Bohr magneton μ_B in J/T [CODATA2018].
BOHR_MAGNETON = 9.2740100783e-24
#: Electron g factor g_e (negative: the moment is antiparallel to the spin) [CODATA2018].
ELECTRON_G_FACTOR = -2.00231930436256


@dataclass(frozen=True)
class GyromagneticRatio:
    """One species: ``gamma`` is the signed γ in rad s⁻¹ T⁻¹ (μ = γ J), ``spin`` its spin."""

    name: str
    gamma: float
    spin: float
    source: str

    @property
    def gamma_hz_per_tesla(self) -> float:
        """γ/2π in Hz/T (signed)."""
        return self.gamma / TWO_PI

    @property
    def larmor_coefficient(self) -> float:
        """The precession rate per tesla ``g = −γ`` in seed 002's ``H = g B J_z`` convention."""
        return -self.gamma


_TABLE = (
    GyromagneticRatio(
        name="electron",
        # γ_e = g_e μ_B/ħ = −1.760 859 630 23(53)e11 s⁻¹ T⁻¹; CODATA tabulates the magnitude
        # 2|μ_e|/ħ and γ_e/2π = 28 024.951 4242 MHz/T [CODATA2018].
        gamma=-1.76085963023e11,
        spin=0.5,
        source="CODATA 2018: gamma_e = 1.760 859 630 23e11 s^-1 T^-1 (magnitude), g_e < 0",
    ),
    GyromagneticRatio(
        name="3He",
        # Shielded helion (the ³He atom, nucleus screened by its two electrons):
        # γ'_h/2π = 32.434 099 42(38) MHz/T, μ'_h = −1.074 553 090e-26 J/T < 0 [CODATA2018].
        gamma=-TWO_PI * 32.43409942e6,
        spin=0.5,
        source="CODATA 2018 shielded helion: gamma'_h/2pi = -32.434 099 42 MHz/T",
    ),
    GyromagneticRatio(
        name="129Xe",
        # Atomic ¹²⁹Xe (diamagnetically shielded): γ/2π = −11.777 MHz/T [NMR].
        gamma=-TWO_PI * 11.777e6,
        spin=0.5,
        source="NMR tables (IUPAC 2001): gamma/2pi = -11.777 MHz/T for the 129Xe atom",
    ),
)

#: The table, keyed by canonical name ("electron", "3He", "129Xe").
GYROMAGNETIC_RATIOS: MappingProxyType[str, GyromagneticRatio] = MappingProxyType(
    {entry.name: entry for entry in _TABLE}
)

#: ``|γ_e|/2π`` of the free electron in Hz per gauss (2.802 495 14 MHz/G), from the table entry
#: [CODATA2018] and TESLA_PER_GAUSS: the package's one value for fields given in gauss. Its
#: magnitude (the Larmor frequency per gauss; the sign convention is in the module docstring).
ELECTRON_GYROMAGNETIC_HZ_PER_GAUSS = (
    abs(GYROMAGNETIC_RATIOS["electron"].gamma_hz_per_tesla) * TESLA_PER_GAUSS
)

_ALIASES = {"e": "electron", "e-": "electron", "electron": "electron", "free electron": "electron",
            "helium-3": "3He", "helium3": "3He", "xenon-129": "129Xe", "xenon129": "129Xe"}
_ISOTOPE = re.compile(r"^\s*(?:(\d+)\s*-?\s*([A-Za-z]{1,2})|([A-Za-z]{1,2})\s*-?\s*(\d+))\s*$")


def _canonical(name: str) -> str | None:
    key = name.strip().lower()
    if key in _ALIASES:
        return _ALIASES[key]
    match = _ISOTOPE.match(name)
    if match is None:
        return None
    mass = match.group(1) or match.group(4)
    symbol = match.group(2) or match.group(3)
    return f"{int(mass)}{symbol.capitalize()}"


def get_gyromagnetic(name: str | GyromagneticRatio) -> GyromagneticRatio:
    """The table entry for ``name``: "electron" (or "e"), "3He" ("He3", "helium-3"), "129Xe".

    >>> round(get_gyromagnetic("He3").gamma_hz_per_tesla / 1e6, 8)
    -32.43409942
    """
    if isinstance(name, GyromagneticRatio):
        return name
    if not isinstance(name, str):
        raise TypeError(
            f"name must be a species name such as '3He' or a GyromagneticRatio; "
            f"received {type(name).__name__}"
        )
    key = _canonical(name)
    if key is None or key not in GYROMAGNETIC_RATIOS:
        raise ValueError(
            f"name must be one of {sorted(GYROMAGNETIC_RATIOS)} (also 'e', 'He3', 'helium-3', "
            f"'Xe129'); received {name!r}"
        )
    return GYROMAGNETIC_RATIOS[key]


def gyromagnetic_ratio(name: str) -> float:
    """Signed γ of ``name`` in rad s⁻¹ T⁻¹ (μ = γ J; negative for e⁻, ³He, ¹²⁹Xe)."""
    return get_gyromagnetic(name).gamma


def gyromagnetic_ratio_hz_per_tesla(name: str) -> float:
    """Signed γ/2π of ``name`` in Hz/T."""
    return get_gyromagnetic(name).gamma_hz_per_tesla


def larmor_coefficient(name: str) -> float:
    """``g = −γ`` of ``name`` in rad s⁻¹ T⁻¹: the bare Larmor frequency is ``ω̃ = g B`` in the
    ``H = ω̃ J_z`` convention of seed 002 Eq. (10) (positive for e⁻, ³He and ¹²⁹Xe).

    >>> round(larmor_coefficient("electron") / (2 * math.pi) * TESLA_PER_GAUSS)  # Hz per gauss
    2802495
    """
    return get_gyromagnetic(name).larmor_coefficient


def electron_gyromagnetic_from_g_factor() -> float:
    """The electron's γ rebuilt from its g factor [CODATA2018].

    Returns
    -------
    float
        ``abs(g_e) μ_B/ħ`` in rad s⁻¹ T⁻¹.
    """
    return math.fabs(ELECTRON_G_FACTOR) * BOHR_MAGNETON / HBAR
