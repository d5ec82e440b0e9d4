"""Study ``opm-thermo``: thermodynamics of an optically pumped ⁸⁷Rb vapour (seed 000).

Sousa, Vieira & Florez, "Thermodynamical aspects of optically pumped dense atomic medium"
(arXiv:2604.09219). Every panel of Figs. 2–7 is recomputed from Eq. (1) with the rates of
Appendix A, and every number and checkable statement of the text becomes a claim, marked
``kind="paper"`` (the paper's number or statement), ``"consistency"`` (an identity or symmetry
of our model, which cannot fail) or ``"beyond"`` (a finding the paper does not make).

Choices where the paper is silent: time runs to 50 T_SE (T_SE = 1/Γ_SE), long enough for every
curve to settle. The scenarios of Figs. 3, 4, 6 form two families of five members: photon
spins s ∈ {0, 0.25, 0.5, 0.75, 1} at R_op = Γ_SE and pump rates R_op/Γ_SE ∈ {0, 0.25, 0.5, 1, 2}
at s = 0.5 (the values the text names, completed; s = 0, linear light, is the counterpart of the
pump turned off). Fig. 5 uses s ∈ {0.25, 0.5, 0.75, 1}. Energies are measured from the ground
level of H0 = A_hfs I·S (PHYSICS_NOTES, section 000).

The vapour cell is the package's ``VapourCell`` with ``buffer_gas_speed="alkali"``: the alkali's
own mean speed in Eq. (9). It is the reading under which the paper's Γ_SD values come out; the
physical relative-speed reading (the library default) gives 46 Hz at r = 1.5 cm, and its
collision terms alone (32.2 Hz) exceed the 21 Hz the paper states at r = 2.5 cm, so no
diffusion constant can fit it. Both readings are in the dataset. The diffusion constants D0 of
Eq. (11), which the paper does not give, are Franz & Volk's.
"""

from __future__ import annotations

import math
from dataclasses import replace
from pathlib import Path

import numpy as np
import scipy.linalg
import xarray as xr

from spinthermo.atoms.cell import VapourCell, spin_destruction_rate_vs_radius
from spinthermo.atoms.collisions import (
    diffusion_coefficient,
    diffusion_constant,
    spin_destruction_label,
    spin_exchange_cross_section,
    wall_relaxation_rate,
)
from spinthermo.atoms.species import get_species
from spinthermo.core.units import cm_to_m
from spinthermo.models.alkali_pumping import (
    AXES,
    AlkaliAtom,
    AlkaliPumping,
    spin_temperature_state,
    thermodynamics,
)
from spinthermo.studies.contract import Claim, Study, StudyResult, explained
from spinthermo.studies.progress import resolve_progress

SPECIES = "87Rb"
#: The two scenario families of Figs. 3, 4, 6: the parameter each varies and its values; the
#: other parameter is fixed at R_op = Γ_SE (photon_spin family) or s = 0.5 (pump_rate family).
FAMILIES = ("photon_spin", "pump_rate")
PHOTON_SPINS = (0.0, 0.25, 0.5, 0.75, 1.0)
PUMP_RATIOS = (0.0, 0.25, 0.5, 1.0, 2.0)
FIXED_PUMP_RATIO = 1.0
FIXED_PHOTON_SPIN = 0.5
#: Photon spins of the Fig. 5 radius sweep (s = 0 would be R = 0 at every radius).
FIG5_PHOTON_SPINS = (0.25, 0.5, 0.75, 1.0)
FIG5_PUMP_RATIO = 0.5
PUMP_AXES = ("z", "x")
STAGES = ("initial", "ness")
BUFFER_GAS_SPEEDS = ("alkali", "relative")
STUDY_BUFFER_GAS_SPEED = "alkali"
T_MAX_TSE = 50.0
#: Bound on statements of "zero": the integration's relative tolerance (1e-8) bounds the
#: population errors, and so R, QFI and ⟨F⟩ errors, at that order; physical values are ~0.1–1.
NUMERICAL_ZERO = 1e-8
#: Relative fall of R below its plateau that marks the Fig. 5 knee: the same 5 % that reads
#: "saturates" in the claim ``fig5-collapse``.
KNEE_DROP = 0.05
#: The paper's Γ_SD values: radius (cm), rate (Hz), half the last quoted digit (Hz), where it
#: is stated, and why that is the tolerance.
PAPER_GAMMA_SD = (
    (0.01, 2.9e5, 0.05e5, "Fig. 5 caption", "two significant figures: half the last digit"),
    (1.5, 30.0, 5.0, "Figs. 2-7 captions", "'≈ 30 Hz': one significant figure, half of it"),
    (2.5, 21.0, 0.5, "Fig. 5 caption", "two significant figures: half the last digit"),
)
#: D0 data sets compared for Eq. (11): a name of spinthermo.atoms.collisions, or a mixture
#: {gas: data set}. The mixture is the one that reproduces the paper's 0.01 cm endpoint.
DIFFUSION_DATA = {
    "franz_volk_1976": {"He": "franz_volk_1976", "N2": "franz_volk_1976"},
    "pouliot_2026": {"He": "pouliot_2026", "N2": "pouliot_2026"},
    "franz_volk_he_pouliot_n2": {"He": "franz_volk_1976", "N2": "pouliot_2026"},
}
SCALAR_DIAGNOSTICS = ("entropy", "entropy_production", "entropy_production_rate", "energy",
                      "ergotropy", "efficiency")
VECTOR_DIAGNOSTICS = ("qfi", "mean_total_spin")
#: CF ``long_name`` and UDUNITS ``units`` of each diagnostic; entropies are in nat (k_B = 1),
#: energies angular frequencies (ħ = 1).
DIAGNOSTIC_ATTRS = {
    "entropy": {"long_name": "von Neumann entropy S (nat)", "units": "1"},
    "entropy_production": {"long_name": "entropy production Σ (nat)", "units": "1"},
    "entropy_production_rate": {"long_name": "entropy production rate dΣ/dt (nat per s)",
                                "units": "s-1"},
    "energy": {"long_name": "mean energy ⟨H⟩ above the ground level (ħ = 1)",
               "units": "rad s-1"},
    "ergotropy": {"long_name": "ergotropy (ħ = 1)", "units": "rad s-1"},
    "efficiency": {"long_name": "polarisation efficiency R", "units": "1"},
    "qfi": {"long_name": "quantum Fisher information F_Q(ρ, F_k) for rotations about k",
            "units": "1"},
    "mean_total_spin": {"long_name": "mean total spin ⟨F_k⟩", "units": "1"},
}
RATE = {"units": "s-1"}
DIFFUSION = {"units": "m2 s-1"}
SOURCE = "000"


def family_view(data: xr.Dataset, name: str, family: str) -> xr.DataArray:
    """Variable ``name`` of one scenario family, indexed by the parameter that family varies.

    Parameters
    ----------
    data : xarray.Dataset
        The study's dataset, with dimensions ``family`` and ``member``.
    name : str
        A variable over ``(family, member, ...)``, e.g. ``"efficiency"``.
    family : str
        ``"photon_spin"`` (indexed by ``s``) or ``"pump_rate"`` (indexed by ``pump_ratio``).

    Returns
    -------
    xarray.DataArray
        The variable with ``member`` replaced by ``s`` or ``pump_ratio``.
    """
    if family not in FAMILIES:
        raise ValueError(f"family must be one of {list(FAMILIES)}; received {family!r}")
    index = "s" if family == "photon_spin" else "pump_ratio"
    return data[name].sel(family=family).swap_dims(member=index)


def _rotation_to_axis(atom: AlkaliAtom, axis: str) -> np.ndarray:
    """Unitary taking the quantisation axis z onto ``axis`` (for populations along it)."""
    fx, fy, _ = atom.total_spin
    if axis == "z":
        return np.eye(atom.dimension)
    generator = fy if axis == "x" else -fx
    return scipy.linalg.expm(-0.5j * np.pi * generator)


def _populations(atom: AlkaliAtom, rho: np.ndarray, axis: str) -> np.ndarray:
    """Populations of the levels ``|F, m_F>`` quantised along ``axis``."""
    u = _rotation_to_axis(atom, axis)
    return np.real(np.einsum("ij,...jk,ki->...i", u.conj().T, rho, u))


#: "Independent of s" (Fig. 3(c)): the Σ̇ peak moves by less than this fraction of its full
#: width at half maximum, the shift a reader cannot resolve against the peak's own width.
PEAK_TIME_WIDTH_FRACTION = 0.25


def _peak_time(times: np.ndarray, values: np.ndarray) -> float:
    """Time of the maximum, refined by a parabola through the three highest samples."""
    i = int(np.clip(np.argmax(values), 1, values.size - 2))
    y0, y1, y2 = values[i - 1: i + 2]
    curvature = y0 - 2 * y1 + y2
    shift = 0.5 * (y0 - y2) / curvature if curvature != 0 else 0.0
    return float(times[i] + shift * (times[i + 1] - times[i]))


def _peak_width(times: np.ndarray, values: np.ndarray) -> float:
    """Full width at half maximum of a single peak, half-maximum crossings by linear
    interpolation between samples (NaN when the peak is not closed on the grid)."""
    i, half = int(np.argmax(values)), 0.5 * float(np.max(values))
    below_left = np.nonzero(values[:i] < half)[0]
    below_right = np.nonzero(values[i:] < half)[0]
    if below_left.size == 0 or below_right.size == 0:
        return math.nan
    a, b = below_left[-1], i + below_right[0]
    left = times[a] + (half - values[a]) / (values[a + 1] - values[a]) * (times[a + 1] - times[a])
    right = times[b - 1] + (values[b - 1] - half) / (values[b - 1] - values[b]) * (
        times[b] - times[b - 1])
    return float(right - left)


def _linear_r2(x: np.ndarray, y: np.ndarray) -> float:
    design = np.vstack([x, np.ones_like(x)]).T
    _, residual, *_ = np.linalg.lstsq(design, y, rcond=None)
    return float(1 - residual[0] / np.sum((y - y.mean()) ** 2))


def ness_approach_time(times: np.ndarray, entropy: np.ndarray, entropy_ness: float) -> float:
    """e-folding time of the approach to the NESS: ``|S(t) − S_NESS|`` falls to 1/e of its start.

    Parameters
    ----------
    times : numpy.ndarray
        Times, shape ``(T,)``, increasing (any unit; the result has the same).
    entropy : numpy.ndarray
        S(t) on ``times``, shape ``(T,)``, in nat.
    entropy_ness : float
        S of the NESS, in nat.

    Returns
    -------
    float
        The first time with ``|S(t) − S_NESS| ≤ max(|S(0) − S_NESS| / e, 1e-8)``
        (:data:`NUMERICAL_ZERO`), linearly interpolated between grid times: 0 for a state
        that starts at the NESS. ``ValueError`` if the curve does not get there on ``times``.
    """
    distance = np.abs(np.asarray(entropy) - entropy_ness)
    threshold = max(distance[0] / math.e, NUMERICAL_ZERO)
    inside = np.flatnonzero(distance <= threshold)
    if inside.size == 0:
        raise ValueError(
            f"entropy does not approach the NESS to 1/e of its initial distance by "
            f"t = {times[-1]:g}; extend the time grid")
    i = int(inside[0])
    if i == 0:
        return float(times[0])
    fraction = (distance[i - 1] - threshold) / (distance[i - 1] - distance[i])
    return float(times[i - 1] + fraction * (times[i] - times[i - 1]))


def collisional_rate_uncertainty(cell: VapourCell) -> float:
    """1σ of the radius-independent part of Γ_SD from the cross-section uncertainties.

    δΓ = sqrt(Σ_i (γ_i δσ_i / σ_i)²) over the alkali–alkali and buffer-gas terms of seed 000
    Eqs. (8)–(9), each γ_i = n v σ_i linear in its cross section (Table 1: ±5 % for Rb–Rb and
    Rb–He, ±10 % for Rb–N2), the measurements taken as independent.

    Parameters
    ----------
    cell : VapourCell
        The cell; every cross section it uses must state an uncertainty.

    Returns
    -------
    float
        δΓ in s⁻¹.
    """
    element = cell.atom.element
    inputs = cell.collision_inputs()  # the user's collision_data where given, else stored
    variance = 0.0
    for key, rate in cell.collisional_spin_destruction_rates().items():
        cross_section = inputs[spin_destruction_label(element, key.split("-", 1)[1])]
        relative = cross_section.uncertainty_m2 / cross_section.value_m2
        if not math.isfinite(relative):
            raise ValueError(f"cell: the cross section σ_SD({key}) states no uncertainty "
                             f"({cross_section.source}); Γ_SD's cannot be propagated")
        variance += (rate * relative) ** 2
    return math.sqrt(variance)


def _diffusion_coefficients(cell: VapourCell) -> dict[str, float]:
    """D of Eq. (11), m²/s, for each D0 data set of :data:`DIFFUSION_DATA`."""
    element = cell.atom.element
    densities = cell.buffer_densities_amg
    return {name: diffusion_coefficient(
        {gas: diffusion_constant(element, gas, sets[gas]) for gas in densities},
        densities, cell.diffusion_combination) for name, sets in DIFFUSION_DATA.items()}


class OpmThermoStudy(Study):
    """Seed 000 reproduced: Figs. 2–7 and the numbers of the text and Appendix A.

    Parameters
    ----------
    cell : VapourCell or None
        The vapour cell; default the paper's (⁸⁷Rb, 120 °C, r = 1.5 cm, 200 torr He,
        75 torr N2) with the alkali's own speed in Eq. (9) (module docstring).
    """

    name = "opm-thermo"
    title = "Thermodynamics of an optically pumped dense ⁸⁷Rb vapour"
    seed = "000_76dbaf624e350eba.txt"
    description = "Quantum thermodynamics of optically pumped alkali spins (seed 000)"

    def __init__(self, cell: VapourCell | None = None):
        self.cell = cell or VapourCell(species=SPECIES, buffer_gas_speed=STUDY_BUFFER_GAS_SPEED)

    # ------------------------------------------------------------------ computation
    def _model(self, ratio: float, s: float, axis: str = "z",
               spin_destruction_rate: float | None = None) -> AlkaliPumping:
        g_se = self.cell.spin_exchange_rate
        g_sd = self.cell.spin_destruction_rate if spin_destruction_rate is None else \
            spin_destruction_rate
        return AlkaliPumping.from_species(
            self.cell.species, pumping_rate=ratio * g_se, spin_exchange_rate=g_se,
            spin_destruction_rate=g_sd, photon_spin=s, axis=axis,
        )

    def _trajectory(self, model: AlkaliPumping, times: np.ndarray):
        x = model.evolve_coordinates(times).states
        diagnostics = thermodynamics(model, x)
        rho = model.density_matrix(x)
        ness = model.density_matrix(model.steady_state_coordinates())
        return diagnostics, rho, ness

    @staticmethod
    def _stack(diag: dict) -> dict[str, np.ndarray]:
        """Diagnostics of :func:`thermodynamics` with the x, y, z components stacked last."""
        out = {key: np.asarray(diag[key]) for key in SCALAR_DIAGNOSTICS}
        out["qfi"] = np.stack([diag[f"qfi_{a}"] for a in AXES], axis=-1)
        out["mean_total_spin"] = np.stack([diag[f"f_{a}"] for a in AXES], axis=-1)
        return out

    def run(self, quick: bool = False, progress=None) -> StudyResult:
        progress = resolve_progress(progress)
        g_se, g_sd = self.cell.spin_exchange_rate, self.cell.spin_destruction_rate
        n_times = 251 if quick else 1001
        tau = np.linspace(0.0, T_MAX_TSE, n_times)
        times = tau / g_se
        atom = self._model(1.0, 0.5).atom

        members = {"photon_spin": [(s, FIXED_PUMP_RATIO) for s in PHOTON_SPINS],
                   "pump_rate": [(FIXED_PHOTON_SPIN, r) for r in PUMP_RATIOS]}
        cases = [(f, s, r) for f in FAMILIES for s, r in members[f]]
        curves = {key: [] for key in (*SCALAR_DIAGNOSTICS, *VECTOR_DIAGNOSTICS)}
        at_stage = {key: [] for key in curves}
        ness_checks, reached = [], []
        for _family, s, ratio in progress.track(cases, "trajectories (Figs. 3, 4, 6)"):
            model = self._model(ratio, s)
            diag, _rho, ness = self._trajectory(model, times)
            diag = self._stack(diag)
            ness_diag = self._stack(thermodynamics(model, model.coordinates(ness)))
            for key in curves:
                curves[key].append(np.moveaxis(diag[key], 0, -1))  # time last
                at_stage[key].append(np.stack([diag[key][0], ness_diag[key]]))
            reached.append(ness_approach_time(times, diag["entropy"], float(ness_diag["entropy"])))
            polarization = 2 * model.expectation(model.coordinates(ness), "S", "z")
            expected = s * ratio * g_se / (ratio * g_se + g_sd)
            spin_temp = spin_temperature_state(model.atom, polarization)
            ness_checks.append((abs(polarization - expected),
                                float(np.abs(ness - spin_temp).max())))

        fig2 = {}
        for axis in progress.track(PUMP_AXES, "Fig. 2 trajectories"):
            model = self._model(FIXED_PUMP_RATIO, FIXED_PHOTON_SPIN, axis)
            diag, rho, ness = self._trajectory(model, times)
            polarization = 2 * model.expectation(model.coordinates(ness), "S", axis)
            fig2[axis] = {
                "spin": np.stack([diag[f"f_{a}"] for a in AXES]),
                "populations": _populations(atom, rho, axis).T,
                "at_stage": np.stack([_populations(atom, rho[0], axis),
                                      _populations(atom, ness, axis)]),
                "spin_temperature_error": float(np.abs(
                    ness - spin_temperature_state(atom, polarization, axis)).max()),
            }

        radii = np.geomspace(0.01, 2.5, 40 if quick else 200)
        readings = {v: replace(self.cell, buffer_gas_speed=v) for v in BUFFER_GAS_SPEEDS}
        gamma_sd_r = spin_destruction_rate_vs_radius(self.cell, radii)
        efficiency_r = []
        for s in progress.track(FIG5_PHOTON_SPINS, "Fig. 5 radius sweep"):
            model = self._model(FIG5_PUMP_RATIO, s, spin_destruction_rate=gamma_sd_r)
            efficiency_r.append(thermodynamics(model, model.steady_state_coordinates())
                                ["efficiency"])

        shape = (len(FAMILIES), len(PHOTON_SPINS))
        s_grid = np.array([[s for s, _ in members[f]] for f in FAMILIES])
        r_grid = np.array([[r for _, r in members[f]] for f in FAMILIES])
        paper_r = np.array([row[0] for row in PAPER_GAMMA_SD])
        diffusion = _diffusion_coefficients(self.cell)
        coords = {
            "time_tse": ("time_tse", tau, {"units": "1", "long_name": "t / T_SE"}),
            "time": ("time_tse", times, {"units": "s", "long_name": "time t = (t / T_SE) / Γ_SE",
                                         "standard_name": "time"}),
            "family": ("family", np.array(FAMILIES), {
                "units": "1", "long_name": "scenario family: photon spin s varied at "
                "R_op = Γ_SE, or pump rate R_op varied at s = 0.5"}),
            "member": ("member", np.arange(shape[1]), {
                "units": "1", "long_name": "scenario index within its family"}),
            "s": (("family", "member"), s_grid, {"units": "1", "long_name": "photon spin s"}),
            "pump_ratio": (("family", "member"), r_grid,
                           {"units": "1", "long_name": "pump rate R_op / Γ_SE"}),
            "stage": ("stage", np.array(STAGES), {
                "units": "1", "long_name": "state: unpolarised initial state (t = 0) or NESS "
                "(Newton's method on Eq. (1))"}),
            "axis": ("axis", np.array(list(AXES)), {"units": "1",
                                                     "long_name": "spin component axis k"}),
            "pump_axis": ("pump_axis", np.array(PUMP_AXES), {
                "units": "1", "long_name": "pump direction (photon spin along it, s = 0.5, "
                "R_op = Γ_SE)"}),
            "level": ("level", np.arange(atom.dimension),
                      {"labels": ", ".join(f"F={f:g},m={m:+g}" for f, m in atom.spins.levels),
                       "units": "1", "long_name": "ground-state level index |F, m_F>"}),
            "radius_cm": ("radius_cm", radii, {"units": "cm", "long_name": "cell radius"}),
            "photon_spin": ("photon_spin", np.array(FIG5_PHOTON_SPINS), {
                "units": "1", "long_name": "photon spin s (Fig. 5, R_op = Γ_SE / 2)"}),
            "buffer_gas_speed": ("buffer_gas_speed", np.array(BUFFER_GAS_SPEEDS), {
                "units": "1", "long_name": "speed in Eq. (9): the alkali's own mean speed "
                "(the study's reading) or the alkali-gas mean relative speed"}),
            "diffusion_data": ("diffusion_data", np.array(list(DIFFUSION_DATA)), {
                "units": "1", "long_name": "D0 data set of Eq. (11) (He and N2 values)"}),
            "paper_radius_cm": ("paper_radius_cm", paper_r, {
                "units": "cm", "long_name": "cell radius of a Γ_SD value the paper states"}),
            "bound": ("bound", np.array(["low", "high"]),
                      {"units": "1", "long_name": "interval bound"}),
        }
        dims = ("family", "member")
        variables = {}
        for key in curves:
            vector = key in VECTOR_DIAGNOSTICS
            variables[key] = ((*dims, "axis", "time_tse") if vector else (*dims, "time_tse"),
                              np.array(curves[key]).reshape(*shape, *curves[key][0].shape),
                              DIAGNOSTIC_ATTRS[key])
            variables[f"{key}_at_stage"] = (
                ("stage", *dims, "axis") if vector else ("stage", *dims),
                np.moveaxis(np.array(at_stage[key]), 1, 0).reshape(
                    len(STAGES), *shape, *at_stage[key][0].shape[1:]),
                {**DIAGNOSTIC_ATTRS[key],
                 "long_name": DIAGNOSTIC_ATTRS[key]["long_name"] + " at each stage"})
        variables["ness_approach_time"] = (dims, np.array(reached).reshape(shape), {
            "units": "s", "long_name": "e-folding time of the approach to the NESS: "
            "|S(t) − S_NESS| falls to 1/e of its initial value"})
        variables["mean_total_spin_by_pump_axis"] = (
            ("pump_axis", "axis", "time_tse"), np.stack([fig2[a]["spin"] for a in PUMP_AXES]),
            {"units": "1", "long_name": "mean total spin ⟨F_k⟩ (Fig. 2)"})
        variables["level_population"] = (
            ("pump_axis", "level", "time_tse"),
            np.stack([fig2[a]["populations"] for a in PUMP_AXES]),
            {"units": "1", "long_name": "population of |F, m_F> quantised along the pump axis"})
        variables["level_population_at_stage"] = (
            ("pump_axis", "stage", "level"), np.stack([fig2[a]["at_stage"] for a in PUMP_AXES]),
            {"units": "1", "long_name": "population of |F, m_F> quantised along the pump "
             "axis, at each stage"})
        variables["spin_temperature_deviation"] = (
            ("pump_axis",), np.array([fig2[a]["spin_temperature_error"] for a in PUMP_AXES]),
            {"units": "1", "long_name": "max |ρ_NESS − e^{βF_k}/Z|, k the pump axis, β from "
             "the NESS polarisation"})
        variables["efficiency_vs_radius"] = (("photon_spin", "radius_cm"),
                                             np.array(efficiency_r), {
            "units": "1", "long_name": "NESS polarisation efficiency R at R_op = Γ_SE / 2"})
        variables["spin_destruction_rate_vs_radius"] = (
            ("buffer_gas_speed", "radius_cm"),
            np.stack([spin_destruction_rate_vs_radius(readings[v], radii)
                      for v in BUFFER_GAS_SPEEDS]),
            {**RATE, "long_name": "spin-destruction rate Γ_SD (Eq. (8), wall term included)"})
        variables["spin_destruction_rate_at_paper_radius"] = (
            ("buffer_gas_speed", "paper_radius_cm"),
            np.stack([spin_destruction_rate_vs_radius(readings[v], paper_r)
                      for v in BUFFER_GAS_SPEEDS]),
            {**RATE, "long_name": "spin-destruction rate Γ_SD at the radii the paper states "
             "it for"})
        variables["collisional_spin_destruction_rate"] = (
            ("buffer_gas_speed",),
            np.array([math.fsum(readings[v].collisional_spin_destruction_rates().values())
                      for v in BUFFER_GAS_SPEEDS]),
            {**RATE, "long_name": "radius-independent part of Γ_SD (collision terms of "
             "Eqs. (8)-(9))"})
        variables["collisional_spin_destruction_rate_uncertainty"] = (
            ("buffer_gas_speed",),
            np.array([collisional_rate_uncertainty(readings[v]) for v in BUFFER_GAS_SPEEDS]),
            {**RATE, "long_name": "1 sigma of the collision terms of Γ_SD from the "
             "cross-section uncertainties of Table 1"})
        sigma_se = spin_exchange_cross_section(self.cell.atom.element)
        scalars = {
            "spin_exchange_rate": (g_se, {**RATE, "long_name": "spin-exchange rate Γ_SE "
                                          "(Eq. (7))"}),
            "spin_exchange_rate_uncertainty": (
                g_se * sigma_se.uncertainty_m2 / sigma_se.value_m2,
                {**RATE, "long_name": "1 sigma of Γ_SE from the σ_SE uncertainty of Table 1"}),
            "spin_destruction_rate": (g_sd, {**RATE, "long_name": "spin-destruction rate Γ_SD "
                                             f"of the r = {self.cell.radius_cm:g} cm cell "
                                             "(Eqs. (8)-(11))"}),
            "hyperfine_splitting": (get_species(self.cell.species).hyperfine_splitting_hz,
                                    {"units": "Hz", "long_name": "ground-state hyperfine "
                                     "splitting"}),
        }
        for name, (value, attrs) in scalars.items():
            variables[name] = ((), float(value), attrs)
        variables["diffusion_coefficient"] = (
            ("diffusion_data",), np.array([diffusion[k] for k in DIFFUSION_DATA]),
            {**DIFFUSION, "long_name": "Rb diffusion coefficient D in the buffer gas "
             "(Eq. (11), D0/n_amg summed)"})
        variables["paper_spin_destruction_rate"] = (
            ("paper_radius_cm",), np.array([row[1] for row in PAPER_GAMMA_SD]),
            {**RATE, "long_name": "Γ_SD the paper states"})
        variables["implied_diffusion_coefficient"] = (
            ("paper_radius_cm", "bound"), self._implied_diffusion(readings["alkali"]),
            {**DIFFUSION, "long_name": "D that reproduces the paper's Γ_SD (alkali-speed "
             "reading): interval from the paper's rounding and the 1 sigma of the collision "
             "terms"})
        data = xr.Dataset(variables, coords=coords)
        claims = self._claims(data, ness_checks, quick)
        parameters = {
            "species": self.cell.species, "temperature_c": self.cell.temperature_c,
            "radius_cm": self.cell.radius_cm,
            "buffer_pressures_torr": dict(self.cell.buffer_pressures_torr),
            "vapour_pressure_formula": self.cell.vapour_pressure_formula,
            "diffusion_data": self.cell.diffusion_data,
            "buffer_gas_speed": self.cell.buffer_gas_speed,
            "gamma_se_per_s": g_se, "gamma_sd_per_s": g_sd, "t_max_tse": T_MAX_TSE,
            "n_times": n_times, "n_radii": radii.size,
        }
        return StudyResult(self.name, data, claims, parameters)

    @staticmethod
    def _implied_diffusion(cell: VapourCell) -> np.ndarray:
        """D (m²/s) in [low, high] that gives each paper Γ_SD: (Γ − collisional)/(π/r)²."""
        collisional = math.fsum(cell.collisional_spin_destruction_rates().values())
        sigma = collisional_rate_uncertainty(cell)
        rows = []
        for radius_cm, rate, rounding, *_ in PAPER_GAMMA_SD:
            mode = float(wall_relaxation_rate(1.0, cm_to_m(radius_cm)))  # (π/r)² in m⁻²
            rows.append([(rate - rounding - collisional - sigma) / mode,
                         (rate + rounding - collisional + sigma) / mode])
        return np.array(rows)

    # ------------------------------------------------------------------ claims
    def _rate_claims(self, data: xr.Dataset) -> list[Claim]:
        """Γ_SE and Γ_SD (Appendix A): the paper's numbers, and what its readings imply."""
        g_se = float(data["spin_exchange_rate"])
        claims = [Claim.close(
            "gamma-se", f"{SOURCE} Figs. 2-7, App. A Eq. (7)",
            "Spin-exchange rate Γ_SE of the 120 °C cell (Hz; Table 1's σ_SE gives 1σ = "
            f"{float(data['spin_exchange_rate_uncertainty']):.3g} Hz)", 14e3, g_se, abs=500.0,
            reason="the paper gives two significant figures: half a unit of the last digit")]
        gamma_r = data["spin_destruction_rate_at_paper_radius"]
        sigma = data["collisional_spin_destruction_rate_uncertainty"]
        sigma_alkali = float(sigma.sel(buffer_gas_speed="alkali"))
        diffusion_cm2 = data["diffusion_coefficient"] * 1e4
        implied_cm2 = data["implied_diffusion_coefficient"] * 1e4
        relative_1p5 = float(gamma_r.sel(buffer_gas_speed="relative", paper_radius_cm=1.5))
        def mixed_rate(radius_cm: float) -> float:
            return float(data["collisional_spin_destruction_rate"].sel(buffer_gas_speed="alkali")
                         + wall_relaxation_rate(float(data["diffusion_coefficient"].sel(
                             diffusion_data="franz_volk_he_pouliot_n2")), cm_to_m(radius_cm)))

        endpoint = {k: float(data["collisional_spin_destruction_rate"].sel(
            buffer_gas_speed="alkali") + wall_relaxation_rate(
            float(data["diffusion_coefficient"].sel(diffusion_data=k)), cm_to_m(0.01)))
            for k in DIFFUSION_DATA}
        d0_open = (
            "Eq. (11) gives no D0. Franz & Volk's D0 (He 0.42, N2 0.16 cm²/s, our default) "
            f"give D = {float(diffusion_cm2.sel(diffusion_data='franz_volk_1976')):.3g} cm²/s; "
            "the paper's Γ_SD(0.01 cm), where the wall term is all of Γ_SD, needs D in "
            f"[{float(implied_cm2.isel(paper_radius_cm=0, bound=0)):.3g}, "
            f"{float(implied_cm2.isel(paper_radius_cm=0, bound=1)):.3g}] cm²/s "
            "(data.nc: implied_diffusion_coefficient). Franz & Volk's D0(He) with Pouliot "
            "et al.'s D0(N2) = 0.132 cm²/s gives D = "
            f"{float(diffusion_cm2.sel(diffusion_data='franz_volk_he_pouliot_n2')):.3g} cm²/s "
            f"and Γ_SD(0.01 cm) = {endpoint['franz_volk_he_pouliot_n2']:.3g} Hz; Pouliot's "
            f"set alone gives {endpoint['pouliot_2026']:.3g} Hz. With that D, Γ_SD = "
            f"{mixed_rate(1.5):.3g} Hz at 1.5 cm and {mixed_rate(2.5):.3g} Hz at 2.5 cm. The "
            "D0 the paper used is the quantity it leaves open."
        )
        for radius_cm, paper, rounding, where, reason in PAPER_GAMMA_SD:
            ours = float(gamma_r.sel(buffer_gas_speed="alkali", paper_radius_cm=radius_cm))
            in_caption = radius_cm != self.cell.radius_cm
            claims.append(explained(Claim.close(
                f"gamma-sd-r{radius_cm:g}" if in_caption else "gamma-sd",
                f"{SOURCE} {where}, App. A Eqs. (8)-(11)",
                f"Γ_SD at r = {radius_cm:g} cm (Hz), alkali speed in Eq. (9), Franz & Volk D0; "
                f"Table 1's cross sections give 1σ = {sigma_alkali:.2g} Hz"
                + (" (the caption lists the endpoints in reverse order: Γ_SD falls as r grows)"
                   if in_caption else ""),
                paper, ours, abs=rounding, reason=reason), d0_open))
        collisional_rel = float(data["collisional_spin_destruction_rate"].sel(
            buffer_gas_speed="relative"))
        sigma_rel = float(sigma.sel(buffer_gas_speed="relative"))
        _, paper_25, rounding_25, *_ = PAPER_GAMMA_SD[2]
        claims.append(Claim.check(
            "gamma-sd-relative-speed-ruled-out", f"{SOURCE} App. A Eq. (9), Fig. 5 caption",
            "With the mean relative speed in Eq. (9) (the physical reading, the library "
            f"default) Γ_SD(1.5 cm) = {relative_1p5:.3g} Hz, and the collision terms alone "
            f"({collisional_rel:.3g} ± {sigma_rel:.2g} Hz) exceed the paper's 21 Hz at "
            "r = 2.5 cm, so no D fits: ours is the collision part (Hz)",
            f"Γ_SD(2.5 cm) = {paper_25:g} Hz", round(collisional_rel, 2),
            collisional_rel - sigma_rel > paper_25 + rounding_25,
            "collision part minus its 1σ (Table 1) above the paper's value plus its rounding",
            kind="beyond"))
        low = float(implied_cm2.sel(bound="low").max())
        high = float(implied_cm2.sel(bound="high").min())
        claims.append(Claim.check(
            "gamma-sd-one-diffusion-constant", f"{SOURCE} App. A Eqs. (8)-(11), Figs. 2, 5",
            "With the alkali's speed in Eq. (9) the paper's three Γ_SD values (0.01, 1.5, "
            "2.5 cm) admit one D: their D intervals (rounding and Table 1's 1σ) intersect; "
            f"ours: the intersection in cm²/s (Franz & Volk: "
            f"{float(diffusion_cm2.sel(diffusion_data='franz_volk_1976')):.3g} cm²/s)",
            "one D", f"[{low:.3g}, {high:.3g}]", low <= high,
            "non-empty intersection of the three intervals", kind="beyond"))
        return claims

    def _fig5_claims(self, data: xr.Dataset) -> list[Claim]:
        eff_r = data["efficiency_vs_radius"]
        radii = data["radius_cm"].values
        grid = f"{radii.size} radii, log-spaced 0.01-2.5 cm"
        large = eff_r.sel(radius_cm=slice(0.5, None))
        plateau = large.max("radius_cm")
        spread_large = float(((plateau - large.min("radius_cm")) / plateau).max())
        drop = float((eff_r.isel(radius_cm=0) / plateau).max())
        claims = [Claim.check(
            "fig5-collapse", f"{SOURCE} Fig. 5",
            "R saturates for r ≥ 0.5 cm (relative spread < 5 %) and collapses for small r "
            f"(R(0.01 cm) < R_sat / 2); ours: spread, R(0.01)/R_sat ({grid})",
            "saturation above 0.5 cm, abrupt fall below", f"{spread_large:.3f}, {drop:.3f}",
            spread_large < 0.05 and drop < 0.5, "5 % read as 'saturates'; half as 'collapses'")]
        knees = []
        for s in eff_r["photon_spin"].values:
            curve = eff_r.sel(photon_spin=s).values
            target = (1 - KNEE_DROP) * curve.max()
            below = np.flatnonzero(curve < target)
            if below.size == 0:  # no fall on the grid: the knee is below its smallest radius
                knees.append(float(radii[0]))
                continue
            i = below[-1]  # last grid radius below the threshold; the knee lies after it
            knees.append(float(np.exp(np.interp(target, curve[i:i + 2],
                                                np.log(radii[i:i + 2])))))
        d_cm2 = {k: 1e4 * float(data["diffusion_coefficient"].sel(diffusion_data=k))
                 for k in DIFFUSION_DATA}
        knee_shift = math.sqrt(d_cm2["franz_volk_he_pouliot_n2"] / d_cm2["franz_volk_1976"]) - 1
        # 0.5 on a 1-2-5 log axis: nearer 0.5 than 0.2 or 1, i.e. between geometric midpoints
        low, high = math.sqrt(0.2 * 0.5), math.sqrt(0.5 * 1.0)
        claims.append(explained(Claim.check(
            "fig5-knee", f"{SOURCE} Fig. 5, Sec. IV",
            f"R falls abruptly below r ≈ 0.5 cm: radius where R is {KNEE_DROP:.0%} below its "
            f"plateau, for s = {', '.join(f'{s:g}' for s in eff_r['photon_spin'].values)} "
            f"(cm, log-interpolated on {grid})", 0.5,
            ", ".join(f"{k:.3g}" for k in knees), all(low <= k <= high for k in knees),
            f"[{low:.2f}, {high:.2f}] cm: '0.5' read on a 1-2-5 log axis (geometric midpoints "
            "to the neighbouring ticks 0.2 and 1)"),
            "'Typically r < 0.5 cm' names the region where R falls rather than a knee "
            f"position: R at r ≥ 0.5 cm stays within {spread_large:.1%} of its plateau for every "
            "s (fig5-collapse) and the 5 % fall comes at smaller r, the smaller the larger s "
            "(data.nc: efficiency_vs_radius; fig5). The knee radius scales as the square root "
            "of D (wall rate (π/r)² D against R_op), so the D0 the paper leaves open moves it "
            f"by {abs(knee_shift):.0%} only (D = {d_cm2['franz_volk_he_pouliot_n2']:.3g} instead "
            f"of {d_cm2['franz_volk_1976']:.3g} cm²/s)."))
        for s, paper in ((0.75, 0.95), (0.25, 0.45)):
            claims.append(Claim.close(
                f"fig5-plateau-s{s}", f"{SOURCE} Fig. 5, Fig. 4(b), Sec. IV",
                f"Plateau R at r = 2.5 cm for s = {s}: the paper calls it the maximum "
                "polarisation for a given s, the value Fig. 4(b) quotes (NESS R no longer "
                "depends on R_op ≥ Γ_SE/2, Fig. 3(d))", paper,
                float(eff_r.sel(photon_spin=s).isel(radius_cm=-1)), abs=0.02,
                reason="'approximately' a percentage read off, as in fig4b"))
        return claims

    def _claims(self, data: xr.Dataset, ness_checks, quick: bool) -> list[Claim]:
        claims = self._rate_claims(data) + self._fig5_claims(data)
        tau = data["time_tse"].values
        grid = f"{tau.size} times, step {tau[1] - tau[0]:.2g} T_SE"
        ness = data.sel(stage="ness")

        eff = family_view(ness, "efficiency_at_stage", "photon_spin")
        for s, paper in ((0.75, 0.95), (0.25, 0.45)):
            claims.append(Claim.close(
                f"fig4b-R-s{s}", f"{SOURCE} Fig. 4(b), Sec. IV",
                f"Asymptotic polarisation efficiency R for s = {s}, R_op = Γ_SE", paper,
                float(eff.sel(s=s)), abs=0.02, reason="'approximately' a percentage read off"))
        eff_pump = family_view(ness, "efficiency_at_stage", "pump_rate")
        for ratio in (1.0, 2.0):
            claims.append(Claim.close(
                f"fig4d-R-pump{ratio:g}", f"{SOURCE} Fig. 4(d), Sec. IV",
                f"Asymptotic R for s = 0.5 at R_op = {ratio:g} Γ_SE (≈ 80 % for R_op ≥ Γ_SE)",
                0.80, float(eff_pump.sel(pump_ratio=ratio)), abs=0.02,
                reason="'approximately 80%' read off"))
        r_off = float(max(np.abs(family_view(data, "efficiency", "pump_rate")
                                 .sel(pump_ratio=0.0)).max(),
                          np.abs(family_view(data, "efficiency", "photon_spin").sel(s=0.0)).max()))
        levels = data["level"].size
        unpolarised_energy = float(data["energy_at_stage"].sel(stage="initial").max())
        splitting = 2 * np.pi * float(data["hyperfine_splitting"])
        r_zero = levels * NUMERICAL_ZERO * splitting / unpolarised_energy
        claims.append(Claim.close(
            "fig4d-R-off", f"{SOURCE} Fig. 4(d)",
            "R stays 0 with the pump off (R_op = 0) or unpolarised light (s = 0): the "
            "maximally mixed state is the NESS of Eq. (1) then", 0.0, r_off,
            abs=float(f"{r_zero:.2g}"), kind="consistency",
            reason=f"integration error only: populations within {NUMERICAL_ZERO:g} on "
            f"{levels} levels give ℰ ≤ {levels} × {NUMERICAL_ZERO:g} × ΔE_hfs, and "
            f"E = {unpolarised_energy / splitting:.3g} ΔE_hfs unpolarised"))

        pol_err = max(p for p, _ in ness_checks)
        st_err = max(d for _, d in ness_checks)
        claims.append(Claim.close(
            "ness-spin-temperature", f"{SOURCE} Sec. II, Fig. 2",
            "The NESS is the spin-temperature state e^{βF_z}/Z (max |ρ − ρ_ST| over all cases)",
            0.0, st_err, abs=NUMERICAL_ZERO, reason="rounding only", kind="consistency"))
        claims.append(Claim.close(
            "ness-polarization", f"{SOURCE} Sec. II (Appelt et al. 1998)",
            "Electron polarisation ⟨2S_z⟩ = s R_op/(R_op + Γ_SD) at the NESS (max error)",
            0.0, pol_err, abs=NUMERICAL_ZERO, reason="rounding only", kind="consistency"))
        x_pumped = data["level_population_at_stage"].sel(stage="ness")
        rotated = float(np.abs(x_pumped.sel(pump_axis="x") - x_pumped.sel(pump_axis="z")).max())
        x_spin_temp = float(data["spin_temperature_deviation"].sel(pump_axis="x"))
        claims.append(Claim.close(
            "ness-x-pumping", f"{SOURCE} Sec. II, Fig. 2(b)",
            "Under x pumping the NESS is e^{βF_x}/Z, with the populations along x of z pumping "
            "along z (max of the two deviations)", 0.0, max(rotated, x_spin_temp),
            abs=NUMERICAL_ZERO, reason="rounding only: Eq. (1) is invariant under rotations",
            kind="consistency"))
        trajectory_end = data["level_population"].isel(time_tse=-1)
        settle = float(np.abs(trajectory_end - x_pumped).max())
        claims.append(Claim.close(
            "fig2-populations-reach-ness", f"{SOURCE} Fig. 2 insets, Sec. II",
            "The inset populations settle at the NESS bars (max |p(50 T_SE) − p_NESS| over "
            "levels and both pump axes)", 0.0, settle, abs=0.005,
            reason="half a per cent of the inset's 0-1 population axis, below a line width"))

        entropy_ness = family_view(ness, "entropy_at_stage", "pump_rate").sel(
            pump_ratio=[0.5, 1.0, 2.0]).values
        spread = float((entropy_ness.max() - entropy_ness.min()) / entropy_ness.mean())
        claims.append(Claim.check(
            "fig3d-same-entropy", f"{SOURCE} Fig. 3(d,e)",
            "Same asymptotic S(ρ) (and so the same Σ) for R_op ≥ Γ_SE/2 (relative spread)",
            "same", spread, spread < 0.01, "1 % relative spread"))
        production_s = family_view(ness, "entropy_production_at_stage", "photon_spin").values
        rises = bool(np.all(np.diff(production_s) > 0))
        claims.append(Claim.check(
            "fig3b-cost-rises-with-s", f"{SOURCE} Fig. 3(b)",
            "Asymptotic entropy production Σ increases with s", True, rises, rises,
            "strict ordering"))
        entropy_all = data["entropy"].values.reshape(-1, tau.size)
        monotonic = bool(np.all(np.diff(entropy_all, axis=1) <= NUMERICAL_ZERO))
        claims.append(Claim.check(
            "fig3-entropy-decreases", f"{SOURCE} Fig. 3 caption",
            "S(ρ) decreases monotonically in time (every curve)", True, monotonic, monotonic,
            "non-increasing within rounding"))

        polarised = [s for s in PHOTON_SPINS if s > 0]
        rate = family_view(data, "entropy_production_rate", "photon_spin").sel(s=polarised).values
        peak_times = np.array([_peak_time(tau, r) for r in rate])
        peak_heights = rate.max(axis=1)
        widths = np.array([_peak_width(tau, r) for r in rate])
        shift = float(peak_times.max() - peak_times.min())
        allowed = PEAK_TIME_WIDTH_FRACTION * float(np.min(widths))
        claims.append(Claim.check(
            "fig3c-peak-time-independent-of-s", f"{SOURCE} Fig. 3(c), Sec. III",
            "Time of the Σ̇ peak is independent of s: the peak moves over s = 0.25…1 by less "
            f"than {PEAK_TIME_WIDTH_FRACTION:g} of the narrowest peak's full width at half "
            "maximum (ours: shift, allowed; peak times "
            f"{', '.join(f'{t:.2f}' for t in peak_times)} T_SE, parabola through the three "
            f"highest samples of {grid})",
            "independent", f"{shift:.3g} T_SE; {allowed:.3g} T_SE",
            bool(np.isfinite(allowed) and shift < allowed),
            "one paragraph, two readings: a larger s gives an 'earlier' peak "
            "(fig3c-peak-higher-earlier) whose time is nevertheless 'independent' of s, i.e. "
            "moves by less than the eye resolves against the peak's own width on the figure; "
            f"{PEAK_TIME_WIDTH_FRACTION:g} of the FWHM fixed by that reading"))
        higher_earlier = bool(np.all(np.diff(peak_heights) > 0)
                              and np.all(np.diff(peak_times) < 0))
        claims.append(Claim.check(
            "fig3c-peak-higher-earlier", f"{SOURCE} Fig. 3(c), Sec. III",
            f"A larger s gives a higher and earlier Σ̇ peak ({grid})", True, higher_earlier,
            higher_earlier, "strict ordering"))
        pumped = [r for r in PUMP_RATIOS if r > 0]
        rate_p = family_view(data, "entropy_production_rate", "pump_rate").sel(
            pump_ratio=pumped).values
        p_times = np.array([_peak_time(tau, r) for r in rate_p])
        ordered = bool(np.all(np.diff(rate_p.max(axis=1)) > 0) and np.all(np.diff(p_times) < 0))
        claims.append(Claim.check(
            "fig3f-pump-rate-peak", f"{SOURCE} Fig. 3(f)",
            f"A higher pump rate gives a larger and earlier Σ̇ peak ({grid})", True, ordered,
            ordered, "strict ordering"))
        reached = family_view(data, "ness_approach_time", "pump_rate").sel(pump_ratio=pumped)
        reached_tse = reached.values * float(data["spin_exchange_rate"])
        faster = bool(np.all(np.diff(reached_tse) < 0))
        claims.append(Claim.check(
            "fig3f-higher-pump-reaches-ness-faster", f"{SOURCE} Sec. III, Fig. 4(c,d)",
            "A higher R_op reaches the NESS faster: e-folding time of |S(t) − S_NESS| for "
            f"R_op/Γ_SE = {', '.join(f'{r:g}' for r in pumped)} (T_SE, interpolated on {grid})",
            True, ", ".join(f"{t:.3g}" for t in reached_tse), faster, "strict ordering"))

        erg = data["ergotropy"].values.reshape(-1, tau.size)
        scale = float(np.abs(erg).max())
        increasing = bool(np.all(np.diff(erg, axis=1) >= -NUMERICAL_ZERO * scale))
        claims.append(Claim.check(
            "fig4a-ergotropy-increases", f"{SOURCE} Fig. 4(a), Sec. IV",
            "Ergotropy increases with time (every curve)", True, increasing, increasing,
            "non-decreasing within rounding"))
        f2 = float(data["level_population_at_stage"].sel(pump_axis="z", stage="ness")
                   .isel(level=slice(0, 5)).sum())
        claims.append(Claim.check(
            "sec3-most-in-f2", f"{SOURCE} Sec. III (end)",
            "At the NESS most atoms are in F = 2 (s = 0.5, R_op = Γ_SE; ours: population)",
            "> 0.5", round(f2, 4), f2 > 0.5, "majority"))

        spin = data["mean_total_spin_by_pump_axis"]
        transverse = float(max(np.abs(spin.sel(pump_axis="z", axis=["x", "y"])).max(),
                               np.abs(spin.sel(pump_axis="x", axis=["y", "z"])).max()))
        claims.append(Claim.check(
            "fig2-orientation-follows-light", f"{SOURCE} Fig. 2(a,b)",
            "z pumping gives only ⟨F_z⟩ ≠ 0 and x pumping only ⟨F_x⟩ ≠ 0 "
            "(ours: largest other component): the rotation symmetry of Eq. (1)", 0.0,
            transverse, transverse < NUMERICAL_ZERO
            and float(spin.sel(pump_axis="z", axis="z")[-1]) > 0.1
            and float(spin.sel(pump_axis="x", axis="x")[-1]) > 0.1, "rounding only",
            kind="consistency"))

        qfi = data["qfi"]
        qfi_z = float(np.abs(qfi.sel(axis="z")).max())
        claims.append(Claim.close(
            "fig6-qfi-z-zero", f"{SOURCE} Fig. 6(c,f), Fig. 7(c,f)",
            "QFI(F_z) = 0 for z pumping in all scenarios (max over all curves): ρ commutes "
            "with F_z by the symmetry of Eq. (1)", 0.0, qfi_z,
            abs=NUMERICAL_ZERO, reason="rounding only", kind="consistency"))
        qfi_ness = family_view(ness, "qfi_at_stage", "photon_spin")
        qfi_x = qfi_ness.sel(axis="x").values
        rises_s = bool(np.all(np.diff(qfi_x) > 0))
        claims.append(Claim.check(
            "fig6ab-qfi-rises-with-s", f"{SOURCE} Fig. 6(a,b)",
            "Transverse NESS QFI larger for larger s", True, rises_s, rises_s,
            "strict ordering"))
        xy = float(np.abs(qfi.sel(axis="x") - qfi.sel(axis="y")).max()
                   / np.abs(qfi.sel(axis="x")).max())
        claims.append(Claim.close(
            "fig6ab-qfi-x-equals-y", f"{SOURCE} Fig. 6(a,b,d,e)",
            "QFI(F_x) = QFI(F_y) on every curve (max relative difference): rotation symmetry "
            "about the pump axis", 0.0, xy, abs=NUMERICAL_ZERO, reason="rounding only",
            kind="consistency"))
        qx_pump = family_view(ness, "qfi_at_stage", "pump_rate").sel(
            axis="x", pump_ratio=[1.0, 2.0]).values
        same_limit = float(abs(qx_pump[1] - qx_pump[0]) / qx_pump[1])
        claims.append(Claim.check(
            "fig6de-qfi-same-limit", f"{SOURCE} Fig. 6(d,e)",
            "Transverse QFI reaches the same maximum for R_op = Γ_SE and 2Γ_SE (relative diff.)",
            "same", round(same_limit, 6), same_limit < 0.01, "1 % relative difference"))

        qfi_75 = family_view(data, "qfi", "photon_spin").sel(s=0.75, axis="x").values
        sigma_75 = family_view(data, "entropy_production", "photon_spin").sel(s=0.75).values
        r2 = _linear_r2(sigma_75, qfi_75)
        claims.append(Claim.check(
            "fig7de-qfi-linear-in-sigma", f"{SOURCE} Fig. 7(d,e)",
            "QFI(F_x) is strictly linear in Σ along the s = 0.75 trajectory (R² of a line)",
            "linear", round(r2, 6), r2 >= 0.999, "R² ≥ 0.999 read as 'strictly linear'"))
        eff_75 = family_view(data, "efficiency", "photon_spin").sel(s=0.75).values
        mask = eff_75 > 0.05
        ratio_qr = qfi_75[mask] / eff_75[mask]
        superlinear = bool(np.all(np.diff(ratio_qr) >= -NUMERICAL_ZERO))
        claims.append(Claim.check(
            "fig7ab-qfi-superlinear-in-R", f"{SOURCE} Fig. 7(a,b)",
            "QFI(F_x) grows superlinearly with R (QFI/R increases along the trajectory)", True,
            superlinear, superlinear, "monotonic QFI/R within rounding"))
        return claims

    # ------------------------------------------------------------------ figures
    def plot(self, data: xr.Dataset, out_dir: Path) -> list[Path]:
        """Figs. 2–7 from the saved dataset (see :mod:`spinthermo.studies.opm_thermo_figures`).

        Parameters
        ----------
        data : xarray.Dataset
            The dataset as saved in ``data.nc``.
        out_dir : pathlib.Path
            Folder the figures are written to.

        Returns
        -------
        list of pathlib.Path
            The files written.
        """
        from spinthermo.studies.opm_thermo_figures import draw_all

        return draw_all(data, out_dir)
