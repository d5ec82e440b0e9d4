"""Saturated vapour pressure and density of alkali metals, and thermal relative speeds.

Three named vapour-pressure formulas, each with its source:

``"nesmeyanov"`` (default for Rb and Cs)
    A. N. Nesmeyanov, *Vapor Pressure of the Chemical Elements* (Elsevier, 1963), in the form
    printed by Steck's D-line data up to revision 2.1.x (Rb, Cs). Four-term fits
    log10(P/torr) = a + b/T + c T + d log10 T, separately for the solid and the liquid.
    Available for Rb and Cs only.
``"alcock"`` (default for Na and K)
    C. B. Alcock, V. P. Itkin, M. K. Horrigan, Can. Metall. Q. 23, 309 (1984), Table 2
    ("recommended", ±5 %): log10(P/atm) = A + B/T. This is the formula Steck's D-line data
    quote from revision 2.2 on, written there as log10(P/torr) = 2.881 + A + B/T
    (2.881 = log10 760), and the one Tiecke's "Properties of Potassium" (v1.02, Eq. 1) prints
    for K in mbar, log10(P/mbar) = 7.9667 − 4646/T (solid, 298 K < T < T_m) and
    7.4077 − 4453/T (liquid, T_m < T < 600 K). Available for Na, K, Rb, Cs.
``"alcock_precise"``
    Alcock et al. Table 3 ("precisely fitted", ±1 %) for the liquid,
    log10(P/atm) = A + B/T + C log10 T, with Table 2 for the solid: the combination ARC
    (N. Šibalić et al., Comput. Phys. Commun. 220, 319 (2017)) uses in ``getPressure``.

Validity ranges. No fit is extrapolated: :func:`vapour_pressure_pa` (and a
:class:`~spinthermo.atoms.cell.VapourCell`) raise ``ValueError`` outside the range the source
gives for it (``VapourPressureModel.valid_k``):

- Alcock et al. (both tables): solid from 298 K to the melting point, liquid from the melting
  point to 700 K (Na), 600 K (K), 550 K (Rb, Cs): the ranges of Alcock's Table 2 as the CRC
  Handbook reprints them ("298 K to m.p.", "m.p. to 550 K" for Rb), and the cut-offs
  ARC's ``getPressure`` applies (700, 600, 550, 550, there labelled °C). Steck (rev. >= 2.2)
  likewise states the formula's ±5 % over 298–550 K for Rb.
- Nesmeyanov (Steck rev. <= 2.1): Steck prints the fits without a range. We take 298 K as the
  lower end (that of the compilations above; at 298 K the vapour is ~4e-7 torr and nothing
  below it was compared with data) and the normal boiling point as the upper end (Rb 961 K,
  Cs 944 K; ARC's ``getPressureOld`` stops Nesmeyanov's Cs fit at 671 °C = 944 K): above it
  the vapour exceeds 1 atm and is no longer the dilute gas of the rate formulas.

Seed 000 quotes Γ_SE ≈ 14 kHz for ⁸⁷Rb at 120 °C. With Eq. (7) and σ_SE of Table 1,
``"nesmeyanov"`` gives 13.8 kHz (reproducing the paper), ``"alcock"`` 16.9 kHz and
``"alcock_precise"`` 17.2 kHz: at 393 K the two literature fits differ by 22 % in pressure.
Note that the formula often called "Steck's", 2.881 + 4.312 − 4040/T, is Alcock's and gives
the larger value; the 14 kHz comes from the older Nesmeyanov fit that Steck printed before.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from types import MappingProxyType

import numpy as np

from spinthermo.atoms.species import AlkaliSpecies, get_species
from spinthermo.core.checks import require_positive, require_range
from spinthermo.core.units import BOLTZMANN, PASCAL_PER_TORR

LOG10_TORR_PER_ATM = 2.881  # log10(760), rounded as Steck writes it


@dataclass(frozen=True)
class VapourPressureFit:
    """log10(P/torr) = a + b/T + c·T + d·log10(T), T in K, for one phase of one element."""

    a: float
    b: float
    c: float = 0.0
    d: float = 0.0

    def log10_torr(self, temperature_k):
        t = np.asarray(temperature_k, dtype=float)
        return self.a + self.b / t + self.c * t + self.d * np.log10(t)


def _alcock(a_atm: float, b: float, c: float = 0.0) -> VapourPressureFit:
    """Alcock et al.'s log10(P/atm) = A + B/T + C log10 T, converted to torr."""
    return VapourPressureFit(LOG10_TORR_PER_ATM + a_atm, b, 0.0, c)


@dataclass(frozen=True)
class VapourPressureModel:
    """Solid and liquid fits of one formula for one element, with the source and the
    temperature range ``valid_k`` = (low, high) in K over which the source gives them."""

    solid: VapourPressureFit
    liquid: VapourPressureFit
    source: str
    valid_k: tuple[float, float]
    validity: str


_NESMEYANOV = "Nesmeyanov (1963) as printed in Steck's D-line data (rev. <= 2.1)"
_ALCOCK2 = "Alcock, Itkin & Horrigan, Can. Metall. Q. 23, 309 (1984), Table 2"
_ALCOCK3 = "Alcock, Itkin & Horrigan (1984), Table 3 liquid / Table 2 solid (as in ARC)"

#: Lower end of every fit: Alcock et al.'s compilations start at 298 K ("298 K to m.p.").
FIT_LOW_K = 298.0
#: Upper end of Alcock's liquid fits (Table 2 "m.p. to ... K", as reprinted by the CRC Handbook
#: and applied by ARC), per element.
_ALCOCK_LIQUID_HIGH_K = {"Na": 700.0, "K": 600.0, "Rb": 550.0, "Cs": 550.0}
_ALCOCK_VALIDITY = "Alcock et al. (1984): solid 298 K to m.p., liquid m.p. to {high:g} K"
#: Normal boiling points (K), the upper end we give Nesmeyanov's liquid fits: Rb 688 °C and
#: Cs 671 °C (Steck's D-line data, Table 2; CRC).
_NESMEYANOV_HIGH_K = {"Rb": 688.0 + 273.15, "Cs": 671.0 + 273.15}
_NESMEYANOV_VALIDITY = (
    "Nesmeyanov's fits as printed by Steck carry no range; taken from 298 K to the boiling "
    "point {high:g} K"
)


def _alcock_validity(element: str) -> dict:
    high = _ALCOCK_LIQUID_HIGH_K[element]
    return {"valid_k": (FIT_LOW_K, high), "validity": _ALCOCK_VALIDITY.format(high=high)}


def _nesmeyanov_validity(element: str) -> dict:
    high = _NESMEYANOV_HIGH_K[element]
    return {"valid_k": (FIT_LOW_K, high), "validity": _NESMEYANOV_VALIDITY.format(high=high)}


_ALCOCK_TABLE2 = {
    # element: (solid A, solid B, liquid A, liquid B); log10(P/atm) = A + B/T, Alcock Table 2
    "Na": (5.298, -5603.0, 4.704, -5377.0),
    "K": (4.961, -4646.0, 4.402, -4453.0),
    "Rb": (4.857, -4215.0, 4.312, -4040.0),
    "Cs": (4.711, -3999.0, 4.165, -3830.0),
}
_ALCOCK_TABLE3_LIQUID = {
    # element: (A, B, C); log10(P/atm) = A + B/T + C log10 T, Alcock Table 3 (as in ARC)
    "Na": (8.400, -5634.0, -1.1748),
    "K": (8.233, -4693.0, -1.2403),
    "Rb": (8.316, -4275.0, -1.3102),
    "Cs": (8.232, -4062.0, -1.3359),
}

_MODELS: dict[str, dict[str, VapourPressureModel]] = {
    "nesmeyanov": {
        "Rb": VapourPressureModel(
            # Steck 87Rb D-line data rev. 2.1, Eq. (1) solid and Eq. (2) liquid, torr
            solid=VapourPressureFit(-94.04826, -1961.258, -0.03771687, 42.57526),
            liquid=VapourPressureFit(15.88253, -4529.635, 0.00058663, -2.99138),
            source=_NESMEYANOV,
            **_nesmeyanov_validity("Rb"),
        ),
        "Cs": VapourPressureModel(
            # Steck Cs D-line data rev. <= 2.1 (1.6, 2003), solid and liquid, torr
            solid=VapourPressureFit(-219.482, 1088.676, -0.08336185, 94.88752),
            liquid=VapourPressureFit(8.22127, -4006.048, -0.00060194, -0.19623),
            source=_NESMEYANOV,
            **_nesmeyanov_validity("Cs"),
        ),
    },
    "alcock": {
        el: VapourPressureModel(_alcock(sa, sb), _alcock(la, lb), _ALCOCK2, **_alcock_validity(el))
        for el, (sa, sb, la, lb) in _ALCOCK_TABLE2.items()
    },
    "alcock_precise": {
        el: VapourPressureModel(
            _alcock(_ALCOCK_TABLE2[el][0], _ALCOCK_TABLE2[el][1]), _alcock(a, b, c), _ALCOCK3,
            **_alcock_validity(el),
        )
        for el, (a, b, c) in _ALCOCK_TABLE3_LIQUID.items()
    },
}

#: Formula name -> element -> model. Read-only.
VAPOUR_PRESSURE_MODELS = MappingProxyType(
    {name: MappingProxyType(models) for name, models in _MODELS.items()}
)
#: The default formula where it has data (Rb, Cs: seed 000's Γ_SE ≈ 14 kHz comes from it).
DEFAULT_VAPOUR_PRESSURE_FORMULA = "nesmeyanov"
#: The default for the elements Nesmeyanov's printed fits do not cover (Na, K).
FALLBACK_VAPOUR_PRESSURE_FORMULA = "alcock"


def default_vapour_pressure_formula(species: str | AlkaliSpecies) -> str:
    """The formula used when none is named: ``"nesmeyanov"`` for Rb and Cs, ``"alcock"`` for
    Na and K (the only sourced fit stored for them; module docstring)."""
    element = get_species(species).element
    if element in VAPOUR_PRESSURE_MODELS[DEFAULT_VAPOUR_PRESSURE_FORMULA]:
        return DEFAULT_VAPOUR_PRESSURE_FORMULA
    return FALLBACK_VAPOUR_PRESSURE_FORMULA


def vapour_pressure_model(
    species: str | AlkaliSpecies, formula: str | None = None
) -> VapourPressureModel:
    """Return the solid/liquid fits of ``formula`` for the element of ``species``
    (``None``: :func:`default_vapour_pressure_formula`)."""
    atom = get_species(species)
    if formula is None:
        formula = default_vapour_pressure_formula(atom)
    if formula not in VAPOUR_PRESSURE_MODELS:
        hint = (
            " ('steck' is ambiguous: Steck's D-line data printed Nesmeyanov's fit up to rev. 2.1 "
            "and Alcock's from rev. 2.2; use 'nesmeyanov' or 'alcock')"
            if formula == "steck"
            else ""
        )
        raise ValueError(
            f"formula must be one of {sorted(VAPOUR_PRESSURE_MODELS)}; received {formula!r}{hint}"
        )
    models = VAPOUR_PRESSURE_MODELS[formula]
    if atom.element not in models:
        available = sorted(f for f, m in VAPOUR_PRESSURE_MODELS.items() if atom.element in m)
        raise ValueError(
            f"formula {formula!r} has no data for {atom.element}; "
            f"formulas available for {atom.element}: {available}"
        )
    return models[atom.element]


def require_fit_temperature(
    species: str | AlkaliSpecies,
    temperature,
    formula: str | None = None,
    *,
    name: str = "temperature_k",
    offset_k: float = 0.0,
    unit: str = "K",
):
    """Raise ``ValueError`` unless every ``temperature`` lies in the validity range of
    ``formula``'s fit for the element of ``species`` (module docstring).

    ``temperature + offset_k`` is the temperature in K: pass ``offset_k=273.15`` with
    ``name="temperature_c"`` and ``unit="°C"`` to check a temperature in °C in its own unit.
    ``formula=None`` is :func:`default_vapour_pressure_formula`.
    """
    if formula is None:
        formula = default_vapour_pressure_formula(species)
    model = vapour_pressure_model(species, formula)
    low, high = model.valid_k
    slack = 1e-9 * high  # the printed bounds, converted to °C and typed back, must pass
    require_range(
        name, temperature, low - offset_k - slack, high - offset_k + slack, unit=unit,
        reason=f"validity range of the {formula!r} vapour-pressure fit of "
        f"{get_species(species).element}: {model.validity}",
    )  # fmt: skip
    return temperature


def vapour_pressure_pa(species: str | AlkaliSpecies, temperature_k, formula: str | None = None):
    """Saturated vapour pressure P(T) of the alkali metal, in Pa.

    log10(P/torr) = a + b/T + c T + d log10 T with the solid fit below the melting point and the
    liquid fit at and above it (see the module docstring for the formulas and sources).
    Vectorised over ``temperature_k``; a temperature outside the fit's validity range
    (:func:`require_fit_temperature`) raises ``ValueError`` instead of being extrapolated.
    ``formula=None`` is :func:`default_vapour_pressure_formula` of the species.

    >>> round(vapour_pressure_pa("87Rb", 393.15) / 133.322, 7)  # torr at 120 °C
    0.0006768
    """
    atom = get_species(species)
    require_positive("temperature_k", temperature_k, unit="K")
    model = vapour_pressure_model(atom, formula)
    require_fit_temperature(atom, temperature_k, formula)
    t = np.asarray(temperature_k, dtype=float)
    log10_torr = np.where(
        t < atom.melting_point_k, model.solid.log10_torr(t), model.liquid.log10_torr(t)
    )
    pressure = 10.0**log10_torr * PASCAL_PER_TORR
    return float(pressure) if pressure.ndim == 0 else pressure


def number_density(species: str | AlkaliSpecies, temperature_k, formula: str | None = None):
    """Saturated alkali number density n = P(T)/(k_B T) (ideal gas), in m⁻³.

    This is n_Rb of seed 000 Eq. (7).
    """
    pressure = vapour_pressure_pa(species, temperature_k, formula)
    return pressure / (BOLTZMANN * np.asarray(temperature_k, dtype=float))


def reduced_mass(mass_a_kg, mass_b_kg):
    """μ = m_a m_b / (m_a + m_b), in kg."""
    require_positive("mass_a_kg", mass_a_kg, unit="kg")
    require_positive("mass_b_kg", mass_b_kg, unit="kg")
    return mass_a_kg * mass_b_kg / (mass_a_kg + mass_b_kg)


def relative_speed(mass_a_kg, mass_b_kg, temperature_k):
    """Mean relative thermal speed of two species, v_rel = sqrt(8 k_B T / (π μ)), in m/s.

    Maxwell–Boltzmann average of ``abs(v_a − v_b)``. For identical atoms μ = m/2, so
    v_rel = sqrt(16 k_B T / (π m)), the form of seed 000 Eq. (7).
    """
    require_positive("mass_a_kg", mass_a_kg, unit="kg")
    require_positive("mass_b_kg", mass_b_kg, unit="kg")
    require_positive("temperature_k", temperature_k, unit="K")
    mu = reduced_mass(mass_a_kg, mass_b_kg)
    return np.sqrt(8.0 * BOLTZMANN * np.asarray(temperature_k, dtype=float) / (math.pi * mu))


def mean_speed(mass_kg, temperature_k):
    """Mean thermal speed of one species, sqrt(8 k_B T / (π m)), in m/s."""
    require_positive("mass_kg", mass_kg, unit="kg")
    require_positive("temperature_k", temperature_k, unit="K")
    return np.sqrt(8.0 * BOLTZMANN * np.asarray(temperature_k, dtype=float) / (math.pi * mass_kg))
