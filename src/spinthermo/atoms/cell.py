"""A spherical alkali vapour cell with buffer gas: the rates of seed 000 Appendix A.

Γ_SE = n_A v_AA σ_SE                                           seed 000 Eq. (7)
Γ_SD = γ_AA + Σ_g γ_A,g + γ_wall                               seed 000 Eq. (8)
γ_A,g = n_g v_A,g σ_SD,g                                        seed 000 Eq. (9)
γ_wall = (π/R)² D,   D = Σ_g D0_g / n_amg,g                     seed 000 Eqs. (10)–(11)

with n_A the saturated alkali density at the cell temperature, v_AA = sqrt(16 k_B T/(π m)),
and the buffer-gas number density in Eq. (9) taken as n_g = n_amg,g × Loschmidt with
n_amg = P/760 torr: the same convention as Eq. (11), i.e. the fill pressure read at 0 °C.

Two conventions matter for the paper's numbers (seed 000 quotes Γ_SD ≈ 30 Hz at R = 1.5 cm and
21 Hz … 290 kHz for R = 2.5 … 0.01 cm):

- ``buffer_gas_speed="relative"`` (default) uses the mean relative speed
  v_A,g = sqrt(8 k_B T/(π μ)), μ the alkali–gas reduced mass: what "v_rel" means.
- ``buffer_gas_speed="alkali"`` uses the alkali's own mean speed sqrt(8 k_B T/(π m_A)) in
  Eq. (9). This is a reconstruction: it is the choice under which the paper's 21 Hz and 30 Hz
  come out, while the relative speed gives about 1.5 times larger collisional terms.

Cross sections and D0 come from the sourced tables of :mod:`spinthermo.atoms.collisions`, or
from the user's measured values (``collision_data``, a
:class:`~spinthermo.atoms.collisions.CollisionData`), which take precedence for the quantities
they give; :meth:`VapourCell.collision_sources` cites every number the rates use.

Validity (checked when a cell is built; nothing is extrapolated silently):

- temperature: the range of the vapour-pressure fit (:mod:`spinthermo.atoms.vapour`), e.g.
  24.85–276.85 °C for Alcock's Rb fit;
- buffer gases: each fill pressure in [0, 7600] torr (10 amagat). Eqs. (7)–(11) treat the gas
  as ideal and dilute: rates n v σ of binary collisions and D ∝ 1/n (Chapman–Enskog). With an
  alkali–gas interaction range b ≈ 0.5 nm, n b³ ≈ 3e-3 per amagat, so three-body and
  dense-gas corrections stay at the per-cent level up to 10 amagat (the high end of
  spin-exchange optical-pumping cells) and grow beyond;
- radius: the wall term (π/R)² D is the lowest diffusion mode, valid only when the alkali
  crosses the cell by diffusion, i.e. the Knudsen number λ/R ≤ 0.1 with the mean free path
  λ = 3D/v̄ (kinetic theory, D = λ v̄/3): at 200 torr He + 75 torr N2 this allows R ≥ 31 µm.
  At most 1 m: larger is not a vapour cell (no uniform saturated vapour at one temperature).
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

import numpy as np

from spinthermo.atoms.collisions import (
    DEFAULT_DIFFUSION_DATA_BY_ELEMENT,
    DIFFUSION_COMBINATIONS,
    SPIN_EXCHANGE_LABEL,
    CollisionData,
    CrossSection,
    DiffusionConstant,
    MissingAtomicDataError,
    buffer_gas_density_amagat,
    cell_collision_inputs,
    collision_rate,
    diffusion_coefficient,
    diffusion_label,
    require_buffer_gas,
    require_diffusion_data,
    spin_destruction_label,
    wall_relaxation_rate,
)
from spinthermo.atoms.species import AlkaliSpecies, get_species
from spinthermo.atoms.vapour import (
    default_vapour_pressure_formula,
    mean_speed,
    number_density,
    relative_speed,
    require_fit_temperature,
    vapour_pressure_model,
)
from spinthermo.core.checks import require_positive, require_range
from spinthermo.core.units import (
    ATOMIC_MASS_UNIT,
    LOSCHMIDT,
    ZERO_CELSIUS,
    celsius_to_kelvin,
    cm_to_m,
)

BUFFER_GAS_SPEEDS = ("relative", "alkali")
WALL_KEY = "wall"
#: Largest buffer-gas fill pressure in torr: 10 amagat, the dilute-gas limit of Eqs. (7)-(11)
#: (module docstring).
MAX_BUFFER_PRESSURE_TORR = 7600.0
#: Largest Knudsen number λ/R for which the diffusion (wall) term of Eqs. (10)-(11) holds.
MAX_KNUDSEN_NUMBER = 0.1
#: Largest cell radius in cm (1 m).
MAX_RADIUS_CM = 100.0


def _normalise_pressures(value) -> tuple[tuple[str, float], ...]:
    items = value.items() if isinstance(value, Mapping) else value
    try:
        pairs = [(str(gas), float(p)) for gas, p in items]
    except (TypeError, ValueError) as exc:
        raise TypeError(
            "buffer_pressures_torr must be a mapping or pairs {gas: pressure_torr}; "
            f"received {value!r}"
        ) from exc
    names = [gas for gas, _ in pairs]
    if len(set(names)) != len(names):
        raise ValueError(f"buffer_pressures_torr names a gas twice: {names}")
    return tuple(sorted(pairs))


@dataclass(frozen=True)
class VapourCell:
    """Spherical vapour cell of an alkali with buffer gases (seed 000 Appendix A).

    Parameters
    ----------
    species : str or AlkaliSpecies
        Alkali isotope name ("87Rb", "Rb87", …) or species, any of
        :data:`~spinthermo.atoms.species.SPECIES`; stored as its name. Building the cell
        raises :class:`~spinthermo.atoms.collisions.MissingAtomicDataError` (a ValueError)
        naming the species, every cross section or D0 it needs that neither ``collision_data``
        nor the stored tables give, and the ``CollisionData(...)`` call that supplies them;
        :func:`~spinthermo.atoms.collisions.cell_data_coverage` lists what is stored (today
        Rb in He, N2, Ar; Cs in Ar; Na and K need ``collision_data``).
    temperature_c : float
        Cell temperature in °C, inside the validity range of the vapour-pressure fit.
    radius_cm : float
        Cell radius in cm (see :meth:`require_diffusive_radius` for the allowed range).
    buffer_pressures_torr : dict
        Fill pressure of each buffer gas in torr, {gas: pressure} or (gas, pressure) pairs,
        each in [0, 7600]; stored as sorted (gas, pressure) pairs so the cell stays immutable
        and hashable.
    vapour_pressure_formula : str or None
        "nesmeyanov", "alcock" or "alcock_precise" (see :mod:`spinthermo.atoms.vapour`);
        None (default) picks :func:`~spinthermo.atoms.vapour.default_vapour_pressure_formula`
        of the species ("nesmeyanov" for Rb, Cs; "alcock" for Na, K) and stores its name.
    diffusion_combination : str
        "paper" (Eq. (11) as written, Σ D0/n) or "blanc" (Blanc's law).
    diffusion_data : str or None
        D0 data set, a key of :data:`~spinthermo.atoms.collisions.DIFFUSION_CONSTANTS`
        ("franz_volk_1976", "pouliot_2026" for Rb, "tornos_amare_1986" for Cs,
        "sodium_1963" for Na); None (default) picks the element's default
        (:data:`~spinthermo.atoms.collisions.DEFAULT_DIFFUSION_DATA_BY_ELEMENT`) and stores it;
        it stays None for K, which has no stored D0 (give it in ``collision_data``).
    buffer_gas_speed : str
        "relative" (default) or "alkali", the speed in Eq. (9) (module docstring).
    collision_data : CollisionData or None
        Measured σ_SE, σ_SD and D0 supplied by the user, each with its source
        (:class:`~spinthermo.atoms.collisions.CollisionData` of the cell's element); they take
        precedence over the stored values for the quantities they give. None (default) uses
        the stored tables alone. :meth:`collision_sources` cites every number the rates use.

    Notes
    -----
    The default is the cell of seed 000: ⁸⁷Rb at 120 °C, R = 1.5 cm, 200 torr He, 75 torr N2.

    A ³⁹K cell, with a D0 that no stored source gives (the number here is a placeholder for a
    measured one)::

        d0 = DiffusionConstant.from_cm2_per_s("K", "He", 0.35, 0.05, source="<citation>")
        VapourCell("39K", 150.0, buffer_pressures_torr={"He": 500.0},
                   collision_data=CollisionData("K", diffusion={"He": d0}))

    Examples
    --------
    >>> cell = VapourCell()
    >>> f"{cell.spin_exchange_rate:.4g} s^-1"
    '1.382e+04 s^-1'
    >>> f"{cell.with_radius(2.5).spin_destruction_rate:.3g} s^-1"
    '37.3 s^-1'
    """

    species: str = "87Rb"
    temperature_c: float = 120.0
    radius_cm: float = 1.5
    buffer_pressures_torr: tuple[tuple[str, float], ...] = field(
        default=(("He", 200.0), ("N2", 75.0))
    )
    vapour_pressure_formula: str | None = None
    diffusion_combination: str = "paper"
    diffusion_data: str | None = None
    buffer_gas_speed: str = "relative"
    collision_data: CollisionData | None = None

    def __post_init__(self):
        atom = get_species(self.species)
        object.__setattr__(self, "species", atom.name)
        if self.vapour_pressure_formula is None:
            object.__setattr__(
                self, "vapour_pressure_formula", default_vapour_pressure_formula(atom)
            )
        vapour_pressure_model(atom, self.vapour_pressure_formula)  # raises on unknown formula
        require_fit_temperature(
            atom, self.temperature_c, self.vapour_pressure_formula,
            name="temperature_c", offset_k=ZERO_CELSIUS, unit="°C",
        )  # fmt: skip
        object.__setattr__(self, "temperature_c", float(self.temperature_c))
        require_positive("radius_cm", self.radius_cm, unit="cm")
        object.__setattr__(self, "radius_cm", float(self.radius_cm))
        pressures = _normalise_pressures(self.buffer_pressures_torr)
        for gas, pressure in pressures:
            require_buffer_gas(gas)
            require_range(
                f"buffer_pressures_torr[{gas!r}]", pressure, 0.0, MAX_BUFFER_PRESSURE_TORR,
                unit="torr", reason="10 amagat: Eqs. (7)-(11) assume a dilute ideal gas",
            )  # fmt: skip
        if not any(p > 0 for _, p in pressures):
            raise ValueError(
                "buffer_pressures_torr must give at least one gas a positive pressure; "
                "the wall term of seed 000 Eqs. (10)-(11) assumes diffusion in a buffer gas"
            )
        object.__setattr__(self, "buffer_pressures_torr", pressures)
        if self.diffusion_combination not in DIFFUSION_COMBINATIONS:
            raise ValueError(
                f"diffusion_combination must be one of {list(DIFFUSION_COMBINATIONS)}; "
                f"received {self.diffusion_combination!r}"
            )
        if self.diffusion_data is not None:
            require_diffusion_data(self.diffusion_data)
        if self.buffer_gas_speed not in BUFFER_GAS_SPEEDS:
            raise ValueError(
                f"buffer_gas_speed must be one of {list(BUFFER_GAS_SPEEDS)}; "
                f"received {self.buffer_gas_speed!r}"
            )
        if self.diffusion_data is None:
            object.__setattr__(
                self, "diffusion_data", DEFAULT_DIFFUSION_DATA_BY_ELEMENT.get(atom.element)
            )
        try:
            inputs = cell_collision_inputs(
                atom.element, [gas for gas, p in pressures if p > 0], self.diffusion_data,
                self.collision_data,
            )  # fmt: skip
        except MissingAtomicDataError as exc:
            raise MissingAtomicDataError(f"VapourCell(species={atom.name!r}): {exc}") from None
        # resolved once, so every rate uses exactly the numbers that were checked and cited;
        # not a dataclass field, hence outside equality and hash (collision_data is in both)
        object.__setattr__(self, "_collision_inputs", inputs)
        self.require_diffusive_radius(self.radius_cm)

    def require_diffusive_radius(self, radius_cm):
        """Raise ``ValueError`` unless every ``radius_cm`` (cm) lies in
        [λ/MAX_KNUDSEN_NUMBER, MAX_RADIUS_CM]: the wall term (π/R)² D needs diffusive transport
        (Knudsen number λ/R ≤ 0.1, λ = :attr:`mean_free_path_m`) and a cell of at most 1 m."""
        smallest_cm = 100.0 * self.mean_free_path_m / MAX_KNUDSEN_NUMBER
        if smallest_cm > MAX_RADIUS_CM:
            raise ValueError(
                f"buffer_pressures_torr {dict(self.buffer_pressures_torr)} give an alkali mean "
                f"free path 3D/v of {100.0 * self.mean_free_path_m:.3g} cm (D from "
                f"diffusion_combination={self.diffusion_combination!r}), so no radius up to "
                f"{MAX_RADIUS_CM:g} cm keeps the transport diffusive (Knudsen number <= "
                f"{MAX_KNUDSEN_NUMBER:g}) as Eqs. (10)-(11) assume; raise the pressures (with "
                "'paper', Eq. (11) adds D0/n, so a trace gas dominates D)"
            )
        return require_range(
            "radius_cm", radius_cm, smallest_cm, MAX_RADIUS_CM, unit="cm",
            reason=f"the wall term of Eqs. (10)-(11) needs R >= {1 / MAX_KNUDSEN_NUMBER:g} x the "
            f"alkali mean free path 3D/v = {100.0 * self.mean_free_path_m:.3g} cm in this buffer "
            f"gas, and a cell of at most {MAX_RADIUS_CM:g} cm",
        )  # fmt: skip

    # ---- data and their sources -------------------------------------------------------------
    def collision_inputs(self) -> dict[str, CrossSection | DiffusionConstant]:
        """Every cross section and D0 the rates of Eqs. (7)-(11) use, with value and source.

        Returns
        -------
        dict
            {label: CrossSection or DiffusionConstant}: "σ_SE", "σ_SD(A–A)", "σ_SD(A–g)" and
            "D0(A–g)" for the alkali element A and each buffer gas g with a positive pressure
            (:func:`~spinthermo.atoms.collisions.cell_collision_inputs`); the user's
            ``collision_data`` where given, the stored tables elsewhere.
        """
        return dict(self._collision_inputs)

    def collision_sources(self) -> dict[str, str]:
        """The source of every measured number the cell's rates use, for a report to cite.

        Returns
        -------
        dict
            {label: source}: the labels of :meth:`collision_inputs`, then "vapour pressure"
            (the fit giving the alkali density n_A of Eqs. (7)-(8)).

        Examples
        --------
        >>> VapourCell().collision_sources()["σ_SE"]
        'Happer, Jau & Walker, Optically Pumped Atoms (Wiley 2010); seed 000 Table 1'
        """
        sources = {label: entry.source for label, entry in self._collision_inputs.items()}
        sources["vapour pressure"] = vapour_pressure_model(
            self.atom, self.vapour_pressure_formula).source
        return sources

    # ---- basic quantities -------------------------------------------------------------------
    @property
    def atom(self) -> AlkaliSpecies:
        """The alkali species of the cell (an ``AlkaliSpecies``)."""
        return get_species(self.species)

    @property
    def temperature_k(self) -> float:
        """Cell temperature in K."""
        return celsius_to_kelvin(self.temperature_c)

    @property
    def radius_m(self) -> float:
        """Cell radius in m."""
        return cm_to_m(self.radius_cm)

    @property
    def buffer_densities_amg(self) -> Mapping[str, float]:
        """Buffer-gas densities n_amg = P/760 torr (seed 000 Eq. (11)), gases with P > 0."""
        return MappingProxyType(
            {g: float(buffer_gas_density_amagat(p)) for g, p in self.buffer_pressures_torr if p > 0}
        )

    @property
    def buffer_number_densities(self) -> Mapping[str, float]:
        """Buffer-gas number densities n_amg × Loschmidt, in m⁻³ (used in Eq. (9))."""
        return MappingProxyType({g: n * LOSCHMIDT for g, n in self.buffer_densities_amg.items()})

    @property
    def alkali_density(self) -> float:
        """Saturated alkali number density at the cell temperature, in m⁻³ (n_Rb of Eq. (7))."""
        return float(number_density(self.atom, self.temperature_k, self.vapour_pressure_formula))

    @property
    def alkali_relative_speed(self) -> float:
        """v_rel = sqrt(16 k_B T/(π m)) of alkali–alkali collisions, in m/s (Eq. (7))."""
        m = self.atom.mass_kg
        return float(relative_speed(m, m, self.temperature_k))

    def buffer_gas_collision_speed(self, gas: str) -> float:
        """Speed used in Eq. (9) for ``gas`` (see ``buffer_gas_speed``), in m/s."""
        if self.buffer_gas_speed == "alkali":
            return float(mean_speed(self.atom.mass_kg, self.temperature_k))
        gas_mass = require_buffer_gas(gas).mass_amu * ATOMIC_MASS_UNIT
        return float(relative_speed(self.atom.mass_kg, gas_mass, self.temperature_k))

    # ---- rates ------------------------------------------------------------------------------
    @property
    def spin_exchange_rate(self) -> float:
        """Γ_SE = n v_rel σ_SE, in s⁻¹ (seed 000 Eq. (7))."""
        sigma = self._collision_inputs[SPIN_EXCHANGE_LABEL].value_m2
        return float(collision_rate(self.alkali_density, self.alkali_relative_speed, sigma))

    @property
    def diffusion_coefficient(self) -> float:
        """Effective alkali diffusion coefficient D(P) in the buffer mixture, in m²/s (Eq. (11))."""
        element = self.atom.element
        densities = self.buffer_densities_amg
        d0 = {g: self._collision_inputs[diffusion_label(element, g)].d0_m2_per_s
              for g in densities}
        return diffusion_coefficient(d0, densities, self.diffusion_combination)

    @property
    def mean_free_path_m(self) -> float:
        """Alkali mean free path in the buffer gas, λ = 3D/v̄ in m (kinetic theory D = λv̄/3,
        v̄ the alkali's mean thermal speed)."""
        return 3.0 * self.diffusion_coefficient / float(
            mean_speed(self.atom.mass_kg, self.temperature_k))

    @property
    def wall_relaxation_rate(self) -> float:
        """γ_wall = (π/R)² D, in s⁻¹ (seed 000 Eq. (10))."""
        return float(wall_relaxation_rate(self.diffusion_coefficient, self.radius_m))

    def collisional_spin_destruction_rates(self) -> dict[str, float]:
        """The radius-independent terms of Eq. (8): alkali–alkali and each buffer gas, in s⁻¹.

        Keys "Rb-Rb", "Rb-He", "Rb-N2", … (element of the alkali, then partner).
        """
        element = self.atom.element
        sigma_aa = self._collision_inputs[spin_destruction_label(element, element)].value_m2
        rates = {
            f"{element}-{element}": float(
                collision_rate(self.alkali_density, self.alkali_relative_speed, sigma_aa)
            )
        }
        for gas, density in self.buffer_number_densities.items():
            sigma = self._collision_inputs[spin_destruction_label(element, gas)].value_m2
            speed = self.buffer_gas_collision_speed(gas)
            rates[f"{element}-{gas}"] = float(collision_rate(density, speed, sigma))
        return rates

    def spin_destruction_rates(self) -> dict[str, float]:
        """All terms of seed 000 Eq. (8), in s⁻¹: alkali–alkali, each buffer gas, and "wall"."""
        rates = self.collisional_spin_destruction_rates()
        rates[WALL_KEY] = self.wall_relaxation_rate
        return rates

    @property
    def spin_destruction_rate(self) -> float:
        """Γ_SD, the sum of the terms of Eq. (8), in s⁻¹."""
        return math.fsum(self.spin_destruction_rates().values())

    def with_radius(self, radius_cm: float) -> VapourCell:
        """The same cell with radius ``radius_cm`` (cm)."""
        return dataclasses.replace(self, radius_cm=radius_cm)

    def with_temperature(self, temperature_c: float) -> VapourCell:
        """The same cell at temperature ``temperature_c`` (°C)."""
        return dataclasses.replace(self, temperature_c=temperature_c)


def spin_destruction_rate_vs_radius(cell: VapourCell, radius_cm) -> np.ndarray:
    """Γ_SD(R) of ``cell`` for every radius in ``radius_cm`` (cm), in s⁻¹, as an array.

    Γ_SD(R) = Σ (collisional terms of Eqs. (8)–(9)) + (π/R)² D (Eq. (10)); the collisional part
    and D are computed once, so the sweep is one numpy expression. Used for seed 000 Fig. 5.
    Every radius must satisfy :meth:`VapourCell.require_diffusive_radius`.
    """
    radius = np.asarray(cell.require_diffusive_radius(radius_cm), dtype=float)
    collisional = math.fsum(cell.collisional_spin_destruction_rates().values())
    return collisional + wall_relaxation_rate(cell.diffusion_coefficient, cm_to_m(radius))
