"""Study ``noble-gas``: quantum interface between alkali and noble-gas spins (seed 002).

Katz, Shaham & Firstenberg, "Quantum Interface for Noble-Gas Spins Based on Spin-Exchange
Collisions", PRX Quantum 3, 010305 (2022). Figs. 2–7 are recomputed from the models of
:mod:`spinthermo.models.noble_gas` and every number or checkable statement of Secs. II, III C,
V, VI and VII becomes a claim:

* Fig. 2 — the stochastic collision simulation (:mod:`.stochastic`, Sec. III B): (a) symmetric
  ``|1⟩_A|0⟩_B`` and (b) localised excitation at ⟨φ⟩ = 2e-2, averaged over trajectories with one
  single trajectory shown thin; (c), (d) the same at weak collisions (one trajectory each);
  (e) ``|1⟩_A|1⟩_B`` with N_A = 30, N_B = 300 (F_20, F_02, F_11). N_A = 100, N_B = 10⁴ in (a)–(d),
  δφ = ⟨φ⟩ and the synchronising field g_A B_z τ = ⟨φ⟩/2 (the paper's choices). Time axis Jt
  with J τ = ½⟨φ⟩√(N_A/N_B) (Eq. 8); (a)–(d) span three exchange periods, Jt ∈ [0, 3π],
  (e) spans Jt ∈ [0, π].
* Fig. 3 — two-mode coherent states with ⟨a†a⟩(0) = 1000 (Eq. 28, :mod:`.two_mode`), time in
  1/γ: (a) Δ = 10J = 600γ, (b) Δ = 0 with γ = 10J, (c) J = 57γ, Δ = 0, switched to Δ = 1000 J
  at T_π = π/2J ("stored", dashed).
* Fig. 4 — (a) ``|2⟩_A|0⟩_B`` at J = 55γ: ``P(|0⟩_A|2⟩_B)`` with and without the switch at
  T_π (exact Lindblad evolution on the Fock states); (b) 7 dB squeezing of X_A: ⟨ΔX_A²⟩ and
  ⟨ΔP_B²⟩ for p = 1 (J = 55γ) and p_A = 0.95, p_B = 0.75 (J = 55γ√(p_A p_B), thermal noise
  n̄ = (1 − p)/2p).
* Fig. 5 — squeezing transferred to P_B at T_π (dB) against the initial squeezing of X_A (dB)
  for J/γ ∈ {10, 30, 55, 100, 300}: Eq. (38) and the exact Gaussian dynamics.
* Fig. 6 — the hybrid magnetometer (App. G, :mod:`.magnetometer`) built on the K–³He preset
  (Sec. VII A) with Δ = 100 J: δB_init without and with 7 dB of noble-gas squeezing, δB_F and
  δB_tot (G14, G16, G17, Eq. 41) against T, in normalised units (γ̃_B T and
  δB g_B √(N_B p_B)/γ̃_B), with the exact lock-in statistics as markers and Eqs. (42), (43) as
  printed.
* Fig. 7 — the multimode model (Eq. 27, App. E, :mod:`.multimode`) for the K–³He preset:
  (a) P(n_b₀ = 2) of the uniform noble-gas mode, (b) ⟨ΔX_A²⟩, ⟨ΔP_B²⟩ for 7 dB, each against the
  two-mode model with the same J and γ, with and without the switch to B = 180 mG at T_π.
* ``fig_checks`` (not in the paper): q(I, p) and its bounds, the mean-field linearisation, the
  leakage ε² of Eqs. (7)–(9) and the fits of the decay constant α.

Layout: this module runs the models and builds the dataset; the fixed settings are in
:mod:`.noble_gas_settings`, the claims in :mod:`.noble_gas_claims`, the figures in
:mod:`.noble_gas_figures`; the fits of Fig. 2 are in :mod:`spinthermo.models.noble_gas.fits` and
the Fig. 7 scenario in :mod:`spinthermo.models.noble_gas.figure7_scenario`.

Quick run (``--quick``; fixed here and recorded in ``parameters`` and the dataset):
Figs. 2(c), (d) use ⟨φ⟩ = 3e-4 instead of 1e-5 (same N_A, N_B: 30× fewer steps; 1e-5 needs
~2e7 collision steps per panel, ~100 s each), Fig. 2(e) ⟨φ⟩ = 2e-3 instead of 1e-5, Figs. 2(a),
(b) average 40 instead of 200 trajectories; Fig. 7 keeps 50 stable diffusion modes instead of the
paper's 200; the time and input grids are coarser. Every claim that depends on ⟨φ⟩ names the
value it used ("quick grid").

Dataset (CF layout, one quantity per variable): scenarios are dimensions — ``panel_2`` (Fig. 2
(a)–(d), 2-D ``jt_2``), ``averaged_panel_2``, ``state_2e``, ``scenario_3``, ``stage`` (exchange or
stored at T_π, Figs. 4, 7), ``polarization_4b``, ``noble_squeezing_6``, ``model_7``, ``bound``
(intervals propagated from the printed precision of the paper's inputs), ``species``; physical
scalars and the stochastic settings are variables with units.

Claims (:mod:`.noble_gas_claims`) are of kind "paper", "consistency" (identities of our own
model) or "beyond"; squeezing in dB is −10 log₁₀(4⟨ΔX²⟩), positive when squeezed, throughout.

Choices where the paper is silent (all in ``parameters["notes"]``): the time windows of
Figs. 2–4 and 7, the J/γ set of Fig. 5, the Δ and squeezing of Fig. 6 (Fig. 6's text names no
numbers), the random seeds.
"""

from __future__ import annotations

import dataclasses
import itertools
import math
from pathlib import Path

import numpy as np
import scipy.optimize
import xarray as xr

from spinthermo.atoms.gyromagnetic import BOHR_MAGNETON, larmor_coefficient
from spinthermo.atoms.species import get_species
from spinthermo.atoms.vapour import reduced_mass, relative_speed
from spinthermo.core.bosonic import squeezing_parameter_from_db
from spinthermo.core.units import ATOMIC_MASS_UNIT, BOLTZMANN, HBAR, celsius_to_kelvin
from spinthermo.models.noble_gas.diffusion_modes import alkali_decay_rates, noble_decay_rates
from spinthermo.models.noble_gas.figure7_scenario import figure7, figure7_switch_detuning
from spinthermo.models.noble_gas.fits import (
    decay_alpha_amplitudes,
    fit_decay_alpha,
    fit_leakage_rate,
    fit_oscillation_rate,
)
from spinthermo.models.noble_gas.magnetometer import HybridMagnetometer
from spinthermo.models.noble_gas.mean_field import MeanFieldModel
from spinthermo.models.noble_gas.parameters import (
    get_preset,
    slowing_down_factor,
    slowing_down_factor_bounds,
    spin_exchange_noise_factors,
    thermal_occupation,
)
from spinthermo.models.noble_gas.stochastic import (
    StochasticCollisionModel,
    collective_prediction,
    simulate,
    simulate_ensemble,
)
from spinthermo.models.noble_gas.two_mode import (
    TwoModeExchange,
    entanglement_fidelity_eq35,
    entanglement_fidelity_first_order,
    fock_fidelity_eq34,
    noise_at_transfer_f6,
    noise_correlation_f5,
    polarization_scaled_coupling,
    transferred_variance_eq38,
)
from spinthermo.studies.contract import Study, StudyResult, describe
from spinthermo.studies.noble_gas_claims import claims
from spinthermo.studies.noble_gas_settings import (
    APP_D_ANGULAR_MOMENTUM,
    APP_D_CROSS_SECTION_CM2,
    APP_D_ELECTRON_G_FACTOR,
    APP_D_K_SE_CM3_PER_S,
    APP_D_MEAN_SQUARE_PHASE,
    APP_D_Q,
    APP_D_TEMPERATURE_C,
    APP_D_ZETA_CM3_PER_S,
    FIG3,
    FIG3_EXCITATIONS,
    FIG4_COUPLING,
    FIG4_WINDOW_T_PI,
    FIG5_LARGE_DB,
    FIG5_MAX_DB,
    FIG5_RATIOS,
    FIG6_DETUNING_RATIO,
    FIG6_X_RANGE,
    FIG7_SPAN_T_PI,
    HELIUM3_MASS_AMU,
    HOM_N_ALKALI,
    HOM_N_NOBLE,
    HOM_PHASE_QUICK,
    HOM_WINDOW_JT,
    N_BATCHES,
    N_BATCHES_QUICK,
    N_MODES,
    N_MODES_QUICK,
    N_RECORDS,
    N_RECORDS_QUICK,
    N_TRAJECTORIES,
    N_TRAJECTORIES_QUICK,
    P_ALKALI,
    P_NOBLE,
    PANELS_1EXC,
    PRESET,
    PRINTED_PRECISION,
    Q_NUCLEAR_SPINS,
    SEEDS,
    SQUEEZING_DB,
    STABLE_MODE_SEARCH,
    STOCH_N_ALKALI,
    STOCH_N_NOBLE,
    STRONG_PHASE,
    VACUUM_PERMEABILITY,
    WEAK_PHASE,
    WEAK_PHASE_QUICK,
    WINDOW_JT,
)
from spinthermo.studies.progress import resolve_progress


def _db(variance_ratio):
    """Squeezing in dB of a variance relative to the vacuum 1/4: −10 log₁₀(4 v)."""
    return -10.0 * np.log10(4.0 * np.asarray(variance_ratio))


def _printed_interval(cell, quantity, inputs) -> tuple[float, float]:
    """(min, max) of ``quantity(cell)`` over the corners of the box in which each input named in
    ``inputs`` is varied by ± half a unit of its last printed digit (:data:`PRINTED_PRECISION`);
    the quantities used here are monotone in each input, so the corners bound them."""
    values = [quantity(dataclasses.replace(cell, **{
        name: getattr(cell, name) * (1.0 + sign * PRINTED_PRECISION[name])
        for name, sign in zip(inputs, signs, strict=True)}))
        for signs in itertools.product((-1.0, 1.0), repeat=len(inputs))]
    return min(values), max(values)


def _records(n_steps: int, n_records: int) -> int:
    return max(1, n_steps // n_records)


def _window_steps(model: StochasticCollisionModel, window_jt: float) -> int:
    return math.ceil(window_jt / model.coupling)


def _batch_statistic(samples: dict, n_batches: int, statistic) -> tuple[float, float, list]:
    """``statistic`` of the full ensemble mean and its standard error from batch means."""
    n = next(iter(samples.values())).shape[0]
    full = statistic({k: v.mean(axis=0) for k, v in samples.items()})
    values = []
    for idx in np.array_split(np.arange(n), n_batches):
        values.append(statistic({k: v[idx].mean(axis=0) for k, v in samples.items()}))
    return full, float(np.std(values, ddof=1) / math.sqrt(n_batches)), values


#: Observables of the one-excitation panels of Fig. 2, their long names.
_FIG2_CURVES = ("fidelity_10", "fidelity_01", "leakage", "population_noble", "norm")
_FIG2_LONG_NAMES = {
    "fidelity_10": "F_10 = |⟨1_A 0_B|ψ⟩|², mean over trajectories in (a), (b), one trajectory "
                   "in (c), (d)",
    "fidelity_01": "F_01 = |⟨0_A 1_B|ψ⟩|², mean over trajectories in (a), (b), one trajectory "
                   "in (c), (d)",
    "leakage": "ε², weight on non-symmetric states (as F_10)",
    "population_noble": "noble-gas spin-up population (as F_10)",
    "norm": "norm of the state (as F_10)",
    "fidelity_10_collective": "F_10 of the mean Hamiltonian with the leakage decay",
    "fidelity_01_collective": "F_01 of the mean Hamiltonian with the leakage decay",
}
#: Settings of a stochastic panel: units and long name.
_FIG2_SETTINGS = {
    "n_alkali": ("1", "number of alkali spins N_A"),
    "n_noble": ("1", "number of noble-gas spins N_B"),
    "mean_phase": ("rad", "mean collision phase ⟨φ⟩"),
    "phase_spread": ("rad", "spread of the collision phase δφ"),
    "field_phase_per_step": ("rad", "synchronising field phase g_A B_z τ per step"),
    "coupling_per_step": ("rad", "J τ = ⟨φ⟩√(N_A/N_B)/2, Eq. (8)"),
    "leakage_rate_per_step": ("1", "first-order leakage rate Γ per step (App. A, δφ = ⟨φ⟩)"),
    "n_steps": ("1", "collision steps simulated"),
    "n_trajectories": ("1", "trajectories averaged"),
    "seed": ("1", "seed of the PCG64 generator"),
}

#: The ``stage`` coordinate of Figs. 4 and 7: exchange only, or switched off resonance at T_π.
_STAGE_COORD = {"stage": ("stage", ["exchange", "stored"], {
    "units": "1", "long_name": "exchange at Δ = 0, or switched off resonance at T_π (stored)"})}
#: Per-case scalars of Fig. 4(b): units and long name.
_FIG4B_SCALARS = {
    "initial_var_x_alkali": ("1", "⟨ΔX_A²⟩(0)"),
    "initial_var_p_noble": ("1", "⟨ΔP_B²⟩(0)"),
    "initial_noble_squeezing_db": ("dB", "squeezing of P_B at t = 0, −10 log₁₀(4⟨ΔP_B²⟩) "
                                         "(positive: squeezed)"),
    "var_p_noble_t_pi": ("1", "⟨ΔP_B²⟩ at this case's T_π"),
    "t_pi": ("1", "γ T_π"),
    "coupling_over_gamma": ("1", "J/γ"),
    "alkali_polarization": ("1", "alkali polarisation p_A"),
    "noble_polarization": ("1", "noble-gas polarisation p_B"),
}

#: CF ``long_name`` of the variables and coordinates the stages leave undescribed.
_CF_ATTRIBUTES = {"nuclear_spin": {"long_name": "nuclear spin I of the alkali atom"}}


class NobleGasStudy(Study):
    """Seed 002 reproduced: Figs. 2–7 and the numbers of Secs. II–VII (Fig. 1 is a schematic)."""

    name = "noble-gas"
    title = "Quantum interface for noble-gas spins based on spin-exchange collisions"
    seed = "002_30691f1605cdbdaa.txt"
    description = ("Quantum interface between alkali and noble-gas spins by spin-exchange "
                   "collisions (seed 002)")

    # ================================================================== computation
    def run(self, quick: bool = False, progress=None) -> StudyResult:
        progress = resolve_progress(progress)
        cfg = {
            "weak_phase": WEAK_PHASE_QUICK if quick else WEAK_PHASE,
            "hom_phase": HOM_PHASE_QUICK if quick else WEAK_PHASE,
            "strong_phase": STRONG_PHASE,
            "n_trajectories": N_TRAJECTORIES_QUICK if quick else N_TRAJECTORIES,
            "n_batches": N_BATCHES_QUICK if quick else N_BATCHES,
            "n_records": N_RECORDS_QUICK if quick else N_RECORDS,
            "n_modes": N_MODES_QUICK if quick else N_MODES,
            "fig34_samples": 201 if quick else 801,
            "fig5_points": 16 if quick else 61,
            "fig6_points": 61 if quick else 241,
            "fig6_exact_points": 7 if quick else 13,
            "fig7_samples_per_t_pi": 20 if quick else 60,
            "q_grid": 41 if quick else 201,
        }
        stages = [
            ("parameters (Sec. VII A, Eq. 18)", self._parameters),
            ("stochastic simulation (Fig. 2)", self._fig2),
            ("two-mode coherent states (Fig. 3)", self._fig3),
            ("Fock and squeezed exchange (Fig. 4)", self._fig4),
            ("squeezing transfer (Fig. 5)", self._fig5),
            ("magnetometer (Fig. 6)", self._fig6),
            ("multimode exchange (Fig. 7)", self._fig7),
            ("mean-field linearisation (Eq. 26)", self._mean_field),
        ]
        parts = [stage(cfg) for _, stage in progress.track(stages, "noble-gas study")]
        data = describe(xr.merge(parts, combine_attrs="no_conflicts"), _CF_ATTRIBUTES)
        data.attrs.update({f"config_{k}": v for k, v in cfg.items()})
        data.attrs["quick"] = int(quick)
        cell = get_preset(PRESET)
        parameters = {
            "quick": quick,
            **cfg,
            "stochastic_n_alkali": STOCH_N_ALKALI, "stochastic_n_noble": STOCH_N_NOBLE,
            "hom_n_alkali": HOM_N_ALKALI, "hom_n_noble": HOM_N_NOBLE,
            "phase_spread": "δφ = ⟨φ⟩", "field_phase_per_step": "⟨φ⟩/2", "seeds": SEEDS,
            "preset": cell.name, "coupling_rate_per_s": cell.coupling_rate,
            "alkali_decay_rate_per_s": cell.alkali_decay_rate,
            "fig3": FIG3, "fig4_coupling_over_gamma": FIG4_COUPLING,
            "squeezing_db": SQUEEZING_DB, "partial_polarizations": [P_ALKALI, P_NOBLE],
            "fig5_coupling_over_gamma": list(FIG5_RATIOS),
            "fig6_detuning_over_coupling": FIG6_DETUNING_RATIO,
            "notes": [
                "Fig. 2: δφ = ⟨φ⟩ and g_A B_z τ = ⟨φ⟩/2 as in Sec. III B; time windows Jt ∈ "
                "[0, 3π] for (a)-(d) (rounded up to a whole number of records) and [0, π] for (e) "
                "are our choice. Quick runs use "
                f"⟨φ⟩ = {WEAK_PHASE_QUICK:g} for (c), (d) and {HOM_PHASE_QUICK:g} for (e) "
                f"instead of {WEAK_PHASE:g}, and {N_TRAJECTORIES_QUICK} trajectories instead "
                f"of {N_TRAJECTORIES} for (a), (b).",
                "Fig. 3: time windows (γt ≤ 3, 100, 0.2) are our choice; the switch of (c) "
                "sets Δ = 1000 J at T_π (two_mode.DEFAULT_DECOUPLING_RATIO).",
                "Fig. 4(b): the partially polarised curve uses J = 55γ√(p_A p_B) (Eq. 26) and "
                "thermal noise n̄ = (1 − p)/(2p) (Sec. VIII).",
                "Fig. 5: J/γ ∈ {10, 30, 55, 100, 300} (the paper's values are not given).",
                "Fig. 6: the K-3He preset with Δ = 100 J, 7 dB of noble-gas squeezing; "
                "normalised units γ̃_B T and δB g_B √(N_B p_B)/γ̃_B.",
                "Fig. 7: occupations n̄ = (1 − p)/(2p) = 0.026 (alkali), 0.167 (noble gas); "
                "the paper's 0.05 for the alkali is 1 − p_A (see the claim).",
            ],
        }
        return StudyResult(self.name, data, claims(data), parameters)

    # ------------------------------------------------------------------ Sec. VII A, Eq. (18)
    def _parameters(self, cfg) -> xr.Dataset:
        cell = get_preset(PRESET)
        p = np.linspace(1e-3, 1.0, cfg["q_grid"])
        p = p[p < 1.0]
        spins = np.array(Q_NUCLEAR_SPINS)
        q = np.array([slowing_down_factor(i, p) for i in spins])
        lower = np.array([slowing_down_factor_bounds(i)[0] for i in spins])
        upper = np.array([slowing_down_factor_bounds(i)[1] for i in spins])
        larmor_hz = cell.noble_gas_larmor_frequency_at_compensation_hz
        switch_detuning = figure7_switch_detuning(cell)
        scalars = {
            "q_preset": (cell.q, "1", "q(3/2, p_A = 0.95), Eq. (18)"),
            "zeta_cm3_per_s": (cell.zeta * 1e6, "cm3 s-1", "ζ = ⟨σvφ⟩/q"),
            "coupling_rate": (cell.coupling_rate, "s-1", "J, Eq. (26)"),
            "alkali_decay_rate": (cell.alkali_decay_rate, "s-1", "γ = γ_A + D_A π²/R²"),
            "compensation_field_mg": (abs(cell.compensation_field_gauss) * 1e3, "mG",
                                      "|B| with Δ(B) = 0, Sec. V"),
            "noble_larmor_hz": (abs(larmor_hz), "Hz", "|g_B B| at the compensation field"),
            "mean_phase_preset": (cell.sigma_v_phi_squared / cell.sigma_v_phi, "rad",
                                  "⟨φ⟩ = ⟨σvφ²⟩/⟨σvφ⟩ of the preset (φ sharp)"),
            "strong_coupling_phase_bound": (
                math.sqrt(cell.q * cell.alkali_polarization * cell.noble_gas_polarization
                          * cell.alkali_density / cell.noble_gas_density), "rad",
                "√(q p_A p_B n_A/n_B), Sec. V"),
            "switch_detuning_over_j": (switch_detuning / cell.coupling_rate, "1",
                                       "Δ(180 mG)/J, Fig. 7 caption"),
        }
        variables = {k: ((), v, {"units": u, "long_name": d}) for k, (v, u, d) in scalars.items()}
        variables["q_curve"] = (("nuclear_spin", "polarization_q"), q,
                                {"units": "1", "long_name": "q(I, p), Eq. (18)"})
        variables["q_lower_bound"] = (("nuclear_spin",), lower, {"units": "1",
                                                                 "long_name": "2I + 1"})
        variables["q_upper_bound"] = (("nuclear_spin",), upper,
                                      {"units": "1", "long_name": "4I²/3 + 4I/3 + 1"})
        coords = {"nuclear_spin": ("nuclear_spin", spins, {"units": "1"}),
                  "polarization_q": ("polarization_q", p, {"units": "1",
                                                           "long_name": "electron polarisation"})}
        variables.update(self._printed_precision(cell))
        variables.update(self._appendix_d())
        variables.update(self._noise_moments(p))
        variables.update(self._stable_modes(cell))
        coords["bound"] = ("bound", ["lower", "upper"], {
            "units": "1", "long_name": "end of the interval propagated from the printed inputs"})
        coords["species"] = ("species", ["alkali", "noble_gas"], {
            "units": "1", "long_name": "spin species"})
        return xr.Dataset(variables, coords=coords)

    @staticmethod
    def _printed_precision(cell) -> dict:
        """J, the compensation field and g_B B over the box of Sec. VII A's printed inputs, each
        ± half a unit of its last printed digit (:data:`PRINTED_PRECISION`)."""
        inputs = ("alkali_density", "noble_gas_density", "sigma_v_phi", "alkali_polarization",
                  "noble_gas_polarization")
        quantities = {
            "coupling_rate_bounds": (lambda c: c.coupling_rate, "s-1", "J, Eq. (26)"),
            "compensation_field_bounds": (lambda c: abs(c.compensation_field_gauss) * 1e3, "mG",
                                          "|B| with Δ(B) = 0, Sec. V"),
            "noble_larmor_hz_bounds": (
                lambda c: abs(c.noble_gas_larmor_frequency_at_compensation_hz), "Hz",
                "|g_B B| at the compensation field"),
        }
        return {key: ("bound", np.array(_printed_interval(cell, f, inputs)), {
            "units": units, "long_name": f"{desc}, over the printed inputs' precision"})
            for key, (f, units, desc) in quantities.items()}

    @staticmethod
    def _appendix_d() -> dict:
        """App. D: ⟨φ⟩ ≈ ζq/σv and ⟨φ²⟩ ≈ 4k_SE/σv with v the mean relative K–³He speed at
        220 °C, σ = π(Lħ/μv)² for the centrifugal barrier L = 40ħ, and the κ₀ that
        ζ = 8πκ₀g_e g_n μ_B μ_n/3qħ (Gaussian units; 2μ₀κ₀ g_e μ_B ``|γ_He|``/3q in SI) implies."""
        mass_a = get_species("39K").mass_kg
        mass_b = HELIUM3_MASS_AMU * ATOMIC_MASS_UNIT
        temperature = celsius_to_kelvin(APP_D_TEMPERATURE_C)
        speed = float(relative_speed(mass_a, mass_b, temperature))
        mu = float(reduced_mass(mass_a, mass_b))
        most_probable = math.sqrt(2 * BOLTZMANN * temperature / mu)
        zeta, k_se = APP_D_ZETA_CM3_PER_S * 1e-6, APP_D_K_SE_CM3_PER_S * 1e-6
        sigma = APP_D_CROSS_SECTION_CM2 * 1e-4
        rel = PRINTED_PRECISION
        phase = (zeta * APP_D_Q / (sigma * speed)
                 * np.array([(1 - rel["zeta"]) * (1 - rel["q"]) / (1 + rel["cross_section"]),
                             (1 + rel["zeta"]) * (1 + rel["q"]) / (1 - rel["cross_section"])]))
        phase2 = (4 * k_se / (sigma * speed)
                  * np.array([(1 - rel["k_se"]) / (1 + rel["cross_section"]),
                              (1 + rel["k_se"]) / (1 - rel["cross_section"])]))
        barrier = APP_D_ANGULAR_MOMENTUM * HBAR / mu
        kappa0 = 3 * APP_D_Q * zeta / (2 * VACUUM_PERMEABILITY * APP_D_ELECTRON_G_FACTOR
                                       * BOHR_MAGNETON * abs(larmor_coefficient("3He")))
        values = {
            "app_d_relative_speed": (speed, "m s-1", "mean relative K–³He speed √(8kT/πμ), "
                                                     "220 °C"),
            "app_d_most_probable_speed": (most_probable, "m s-1",
                                          "most probable relative speed √(2kT/μ), 220 °C"),
            "app_d_mean_phase": (zeta * APP_D_Q / (sigma * speed), "rad", "⟨φ⟩ = ζq/σv"),
            "app_d_mean_square_phase": (4 * k_se / (sigma * speed), "rad2", "⟨φ²⟩ = 4k_SE/σv"),
            "app_d_speed_from_mean_square_phase": (
                4 * k_se / (sigma * APP_D_MEAN_SQUARE_PHASE), "m s-1",
                "v that gives the printed ⟨φ²⟩ = 1.6e-10 rad²: 4k_SE/σ⟨φ²⟩"),
            "app_d_cross_section_mean_speed": (math.pi * (barrier / speed) ** 2 * 1e4, "cm2",
                                               "σ = π(40ħ/μv)², mean relative speed"),
            "app_d_cross_section_most_probable_speed": (
                math.pi * (barrier / most_probable) ** 2 * 1e4, "cm2",
                "σ = π(40ħ/μv)², most probable relative speed"),
            "app_d_kappa0": (kappa0, "1", "κ₀ implied by ζ = 4.9e-15 cm³/s, q = 4.1"),
        }
        out = {k: ((), v, {"units": u, "long_name": d}) for k, (v, u, d) in values.items()}
        out["app_d_mean_phase_bounds"] = ("bound", phase, {
            "units": "rad", "long_name": "⟨φ⟩ = ζq/σv over the printed precision of ζ, q, σ"})
        out["app_d_mean_square_phase_bounds"] = ("bound", phase2, {
            "units": "rad2", "long_name": "⟨φ²⟩ = 4k_SE/σv over the printed precision of "
                                          "k_SE, σ"})
        return out

    @staticmethod
    def _noise_moments(polarizations) -> dict:
        """App. C: the noise factors after Eq. (C5) at the paper's p_A, p_B, and for
        p_A = p_B = p the thermal occupation they imply against (1 − p)/(2p) of Eqs. (C8), (C9)."""
        anti, normal = spin_exchange_noise_factors(P_ALKALI, P_NOBLE)
        anti_p, normal_p = spin_exchange_noise_factors(polarizations, polarizations)
        vac_anti, vac_normal = spin_exchange_noise_factors(1.0, 1.0)
        return {
            "c5_antinormal_factor": ((), anti, {
                "units": "1", "long_name": "(2 + p_A + p_B)/4p_A, p_A = 0.95, p_B = 0.75"}),
            "c5_normal_factor": ((), normal, {
                "units": "1", "long_name": "(2 − p_A − p_B)/4p_A, p_A = 0.95, p_B = 0.75"}),
            "c5_vacuum_factors": (("ordering",), np.array([vac_anti, vac_normal]), {
                "units": "1", "long_name": "the two factors at p_A = p_B = 1"}),
            "c5_thermal_occupation": (("polarization_q",), normal_p / (anti_p - normal_p), {
                "units": "1", "long_name": "⟨F†F⟩/[F, F†] of the App. C factors, p_A = p_B = p"}),
            "c8_thermal_occupation": (("polarization_q",), thermal_occupation(polarizations), {
                "units": "1", "long_name": "n̄ = (1 − p)/2p of Eqs. (C8), (C9) and of our "
                                           "models"}),
            "ordering": ("ordering", ["antinormal", "normal"], {
                "units": "1", "long_name": "operator order of the noise moment (F F†, F† F)"}),
        }

    @staticmethod
    def _stable_modes(cell) -> dict:
        """Sec. VII B, App. E: diffusion modes well inside (γ_r ≤ J/10) and outside App. E's
        reservoir set (γ_r < 10 J), per species, for the K–³He cell."""
        j = cell.coupling_rate
        rates = (alkali_decay_rates(STABLE_MODE_SEARCH, cell.cell_radius, cell.alkali_diffusion,
                                    cell.alkali_relaxation_rate),
                 noble_decay_rates(STABLE_MODE_SEARCH, cell.cell_radius,
                                   cell.noble_gas_diffusion, cell.noble_gas_relaxation_rate))
        return {
            "coherent_modes": ("species", np.array([np.sum(r <= j / 10) for r in rates]), {
                "units": "1", "long_name": "diffusion modes with γ_r ≤ J/10"}),
            "nonreservoir_modes": ("species", np.array([np.sum(r < 10 * j) for r in rates]), {
                "units": "1", "long_name": "diffusion modes with γ_r < 10 J (not App. E's "
                                           "reservoir)"}),
        }

    # ------------------------------------------------------------------ Fig. 2
    def _fig2(self, cfg) -> xr.Dataset:
        """Fig. 2: panels (a)–(d) on one ``panel_2`` dimension (each with its own J t axis, the
        same number of records), the averaged panels' statistics on ``averaged_panel_2``,
        panel (e) on ``state_2e``; per-panel settings as variables over ``panel_2``."""
        n_rec = cfg["n_records"]
        curves = {name: [] for name in (*_FIG2_CURVES, "fidelity_10_collective",
                                        "fidelity_01_collective")}
        spread = {f"{name}_{stat}": [] for name in _FIG2_CURVES for stat in ("se", "single")}
        settings, steps_all, variables = [], [], {}
        for panel, (kind, strength) in PANELS_1EXC.items():
            phase = cfg["strong_phase"] if strength == "strong" else cfg["weak_phase"]
            model = StochasticCollisionModel(STOCH_N_ALKALI, STOCH_N_NOBLE, phase)
            every = math.ceil(_window_steps(model, WINDOW_JT) / n_rec)
            n_steps = every * n_rec
            if strength == "strong":
                ens = simulate_ensemble(model, n_steps, kind, n_trajectories=cfg["n_trajectories"],
                                        seed=SEEDS[panel], record_every=every)
                steps, observed = ens.steps, ens.mean
                for name in _FIG2_CURVES:
                    spread[f"{name}_se"].append(ens.standard_error[name])
                    spread[f"{name}_single"].append(ens.samples[name][0])
                if panel == "2a":
                    for name in ("amplitude_10", "amplitude_01"):
                        variables[f"fig2a_{name}_mean_real"] = ("record_2", observed[name].real, {
                            "units": "1", "long_name": f"Re {name}, mean over trajectories, (a)"})
                        variables[f"fig2a_{name}_mean_imag"] = ("record_2", observed[name].imag, {
                            "units": "1", "long_name": f"Im {name}, mean over trajectories, (a)"})
                    self._fit_fig2a(model, ens, cfg, variables)
                n_traj = cfg["n_trajectories"]
            else:
                run = simulate(model, n_steps, kind, seed=SEEDS[panel], record_every=every)
                steps, observed, n_traj = run.steps, run.observables, 1
                if panel == "2c":
                    self._fit_fig2c(model, run, variables)
            pred = collective_prediction(model, steps.astype(float), kind, damped=True)
            for name in _FIG2_CURVES:
                curves[name].append(observed[name])
            for name in ("fidelity_10", "fidelity_01"):
                curves[f"{name}_collective"].append(pred[name])
            steps_all.append(steps)
            settings.append(self._stochastic_settings(panel, model, n_steps, n_traj))
        dims = ("panel_2", "record_2")
        for name, values in curves.items():
            variables[f"fig2_{name}"] = (dims, np.array(values), {
                "units": "1", "long_name": _FIG2_LONG_NAMES[name]})
        averaged = ("averaged_panel_2", "record_2")
        for name, values in spread.items():
            base, stat = name.rsplit("_", 1)
            variables[f"fig2_{name}"] = (averaged, np.array(values), {
                "units": "1", "long_name": _FIG2_LONG_NAMES[base] + (
                    ", standard error of the mean" if stat == "se" else ", one trajectory")})
        for key, (units, long_name) in _FIG2_SETTINGS.items():
            variables[f"fig2_{key}"] = ("panel_2", np.array([s[key] for s in settings]),
                                        {"units": units, "long_name": long_name})
        coupling = np.array([s["coupling_per_step"] for s in settings])
        steps_all = np.array(steps_all)
        coords = {
            "panel_2": ("panel_2", list(PANELS_1EXC), {"units": "1",
                                                       "long_name": "panel of Fig. 2"}),
            "averaged_panel_2": ("averaged_panel_2", [p for p, (_, s) in PANELS_1EXC.items()
                                                      if s == "strong"],
                                 {"units": "1", "long_name": "panel of Fig. 2 averaged over "
                                                             "trajectories"}),
            "initial_state_2": ("panel_2", [k for k, _ in PANELS_1EXC.values()], {
                "units": "1", "long_name": "initial state (1A0B symmetric, localized)"}),
            "jt_2": (dims, coupling[:, None] * steps_all, {"units": "rad", "long_name": "J t"}),
            "step_2": (dims, steps_all, {"units": "1", "long_name": "t/τ (collision steps)"}),
        }
        variables.update(self._fig2e(cfg))
        coords.update(variables.pop("_coords_2e"))
        return xr.Dataset(variables, coords=coords)

    def _fig2e(self, cfg) -> dict:
        """Fig. 2(e), ``|1⟩_A|1⟩_B``: the three fidelities on ``state_2e``."""
        model = StochasticCollisionModel(HOM_N_ALKALI, HOM_N_NOBLE, cfg["hom_phase"])
        n_steps = _window_steps(model, HOM_WINDOW_JT)
        run = simulate(model, n_steps, "1A1B", seed=SEEDS["2e"],
                       record_every=_records(n_steps, cfg["n_records"]))
        pred = collective_prediction(model, run.steps.astype(float), "1A1B", damped=False)
        states = ("20", "02", "11")
        dims = ("state_2e", "jt_2e")
        variables = {
            "fig2e_fidelity": (dims, np.array([run.observables[f"fidelity_{k}"] for k in states]),
                               {"units": "1", "long_name": "F_nAnB = |⟨n_A n_B|ψ⟩|², one "
                                                           "trajectory, (e)"}),
            "fig2e_fidelity_collective": (dims, np.array([pred[f"fidelity_{k}"]
                                                          for k in states]),
                                          {"units": "1", "long_name": "F_nAnB of the mean "
                                                                      "Hamiltonian, (e)"}),
            "fig2e_norm": ("jt_2e", run.observables["norm"], {
                "units": "1", "long_name": "norm of the state, one trajectory, (e)"}),
        }
        for key, value in self._stochastic_settings("2e", model, n_steps, 1).items():
            units, long_name = _FIG2_SETTINGS[key]
            variables[f"fig2e_{key}"] = ((), value, {"units": units,
                                                     "long_name": long_name + ", (e)"})
        variables["_coords_2e"] = {
            "state_2e": ("state_2e", list(states), {
                "units": "1", "long_name": "Fock state n_A n_B of the two-excitation fidelity"}),
            "jt_2e": ("jt_2e", model.coupling * run.steps, {"units": "rad", "long_name": "J t"}),
            "step_2e": ("jt_2e", run.steps, {"units": "1",
                                             "long_name": "t/τ (collision steps)"}),
        }
        return variables

    @staticmethod
    def _stochastic_settings(panel, model, n_steps, n_trajectories) -> dict:
        return {"n_alkali": model.n_alkali, "n_noble": model.n_noble,
                "mean_phase": model.mean_phase, "phase_spread": model.phase_spread,
                "field_phase_per_step": model.field_phase_per_step,
                "coupling_per_step": model.coupling, "leakage_rate_per_step": model.leakage_rate,
                "n_steps": n_steps, "n_trajectories": n_trajectories, "seed": SEEDS[panel]}

    @staticmethod
    def _fit_fig2c(model, run, variables) -> None:
        """Oscillation rate and leakage rate Γ of the weak-collision trajectory (Eqs. 8, 9)."""
        obs, steps = run.observables, run.steps
        jt = model.coupling * steps
        omega = fit_oscillation_rate(jt, obs["fidelity_10"])
        gamma = fit_leakage_rate(steps, obs["leakage"], obs["fidelity_10"], obs["fidelity_01"],
                                 model.n_alkali / model.n_noble)
        i_pi = int(np.argmin(np.abs(jt - math.pi / 2)))
        variables["fig2c_oscillation_rate_fit"] = ((), omega * model.coupling, {
            "units": "rad", "long_name": "fitted angular frequency of F_10 per collision step τ"})
        variables["fig2c_leakage_rate_fit"] = ((), gamma, {
            "units": "1", "long_name": "Γ from ε² = Γ∫(F_10 + pF_01)dt, per collision step τ"})
        variables["fig2c_leakage_at_t_pi"] = ((), obs["leakage"][i_pi], {
            "units": "1", "long_name": "ε² at Jt = π/2"})

    @staticmethod
    def _fit_fig2a(model, ens, cfg, variables) -> None:
        """α from the averaged fidelities and from the averaged amplitudes, with batch errors;
        the leakage rate Γ in the first-order window (Sec. III C, Eqs. 7–9)."""
        steps = ens.steps.astype(float)
        ratio = model.n_alkali / model.n_noble
        samples = ens.samples
        alpha_f, se_f, _ = _batch_statistic(
            {"f10": samples["fidelity_10"], "f01": samples["fidelity_01"]}, cfg["n_batches"],
            lambda m: fit_decay_alpha(model, steps, m["f10"], m["f01"]))
        alpha_a, se_a, _ = _batch_statistic(
            {"a10": samples["amplitude_10"], "a01": samples["amplitude_01"]}, cfg["n_batches"],
            lambda m: fit_decay_alpha(model, steps, m["a10"], m["a01"], amplitudes=True))
        gamma, se_g, _ = _batch_statistic(
            {"lk": samples["leakage"], "f10": samples["fidelity_10"],
             "f01": samples["fidelity_01"]}, cfg["n_batches"],
            lambda m: fit_leakage_rate(steps, m["lk"], m["f10"], m["f01"], ratio))
        for name, value, err, desc in (
                ("alpha_fidelity", alpha_f, se_f, "α from the averaged F_10, F_01"),
                ("alpha_amplitude", alpha_a, se_a, "α from the averaged amplitudes ⟨a⟩, ⟨b⟩"),
                ("leakage_rate_fit", gamma, se_g, "Γ of ε² (first-order window)")):
            if "alpha" not in name:
                desc += ", per collision step τ"
            variables[f"fig2a_{name}"] = ((), value, {"units": "1", "long_name": desc})
            variables[f"fig2a_{name}_se"] = ((), err, {"units": "1",
                                                       "long_name": desc + ", standard error"})
        amp = decay_alpha_amplitudes(model, steps, alpha_f)
        variables["fig2a_fidelity_10_fit"] = ("record_2", np.abs(amp[:, 0]) ** 2, {
            "units": "1", "long_name": "F_10 of the fitted α (fidelities)"})
        variables["fig2a_fidelity_01_fit"] = ("record_2", np.abs(amp[:, 1]) ** 2, {
            "units": "1", "long_name": "F_01 of the fitted α (fidelities)"})

    # ------------------------------------------------------------------ Fig. 3
    def _fig3(self, cfg) -> xr.Dataset:
        """Fig. 3 on a ``scenario_3`` dimension: the three panels and the stored curve of (c);
        every time grid holds its own T_π, so all have the same length."""
        alpha = math.sqrt(FIG3_EXCITATIONS)
        n = cfg["fig34_samples"]
        scenarios = {"decoupled": ("3a", False), "overdamped": ("3b", False),
                     "strong": ("3c", False), "strong_stored": ("3c", True)}
        gt, t_all, exc, coupling, detuning = [], [], [], [], []
        for panel, stored in scenarios.values():
            p = FIG3[panel]
            model = TwoModeExchange(coupling=p["coupling"], alkali_decay=p["alkali_decay"],
                                    detuning=p["detuning"])
            t = np.sort(np.append(np.linspace(0.0, p["t_max"], n), model.transfer_time))
            if stored:
                model = model.with_storage()
            exc.append(model.coherent_dynamics(alpha, t).excitations())
            gt.append(t * p["alkali_decay"])
            t_all.append(t)
            coupling.append(p["coupling"] / p["alkali_decay"])
            detuning.append(p["detuning"] / p["alkali_decay"])
        exc = np.array(exc)
        dims = ("scenario_3", "sample_3")
        coords = {
            "scenario_3": ("scenario_3", list(scenarios), {
                "units": "1", "long_name": "coupling regime of Fig. 3 (strong_stored: switched "
                                           "to Δ = 1000 J at T_π)"}),
            "panel_3": ("scenario_3", [panel for panel, _ in scenarios.values()], {
                "units": "1", "long_name": "panel of Fig. 3"}),
            "gt_3": (dims, np.array(gt), {"units": "1", "long_name": "γ t"}),
            "time_3": (dims, np.array(t_all), {"units": "s", "long_name": "time t at γ = 1 s-1"}),
        }
        variables = {
            "fig3_alkali_excitations": (dims, exc[..., 0], {"units": "1", "long_name": "⟨a†a⟩"}),
            "fig3_noble_excitations": (dims, exc[..., 1], {"units": "1", "long_name": "⟨b†b⟩"}),
            "fig3_coupling_over_gamma": ("scenario_3", np.array(coupling), {
                "units": "1", "long_name": "J/γ, Fig. 3"}),
            "fig3_detuning_over_gamma": ("scenario_3", np.array(detuning), {
                "units": "1", "long_name": "Δ/γ at t = 0, Fig. 3"}),
        }
        return xr.Dataset(variables, coords=coords)

    # ------------------------------------------------------------------ Fig. 4
    def _fig4(self, cfg) -> xr.Dataset:
        """Fig. 4 with ``stage`` (exchange, stored at T_π) and ``polarization_4b`` dimensions."""
        gamma = 1.0
        full = TwoModeExchange(coupling=FIG4_COUPLING, alkali_decay=gamma)
        t_pi = full.transfer_time
        t = np.linspace(0.0, FIG4_WINDOW_T_PI * t_pi, cfg["fig34_samples"])
        t = np.unique(np.concatenate([t, [t_pi / 2, t_pi]]))
        coords = {"gt_4": ("gt_4", t * gamma, {"units": "1", "long_name": "γ t"}),
                  "time_4": ("gt_4", t, {"units": "s",
                                         "long_name": f"time t at γ = {gamma:g} s-1"}),
                  **_STAGE_COORD}
        variables = {"fig4a_fock_fidelity": (("stage", "gt_4"), np.array(
            [full.fock_fidelity(2, t), full.with_storage().fock_fidelity(2, t)]), {
            "units": "1", "long_name": "|⟨0_A 2_B|ψ⟩|², Fig. 4(a)"})}
        ent = full.entanglement_fidelity(np.array([t_pi / 2]))[0]
        ent_paper = full.entanglement_fidelity(np.array([t_pi / 2]), paper_phase=True)[0]
        fock_tpi = full.fock_fidelity(2, np.array([t_pi]))[0]
        scalars = {
            "fig4a_fock_fidelity_t_pi": (fock_tpi, "|⟨0_A 2_B|ρ(T_π)|0_A 2_B⟩|, exact"),
            "fig4a_fock_fidelity_eq34": (fock_fidelity_eq34(2, FIG4_COUPLING, gamma),
                                         "1 − mπγ/2J, Eq. (34)"),
            "entanglement_fidelity_exact": (ent, "⟨ψ|ρ(T_π/2)|ψ⟩, ψ = (|10⟩ − i|01⟩)/√2"),
            "entanglement_fidelity_paper_phase": (ent_paper,
                                                  "same with the printed (|10⟩ + i|01⟩)/√2"),
            "entanglement_fidelity_eq35": (entanglement_fidelity_eq35(FIG4_COUPLING, gamma),
                                           "1 − πγ/4J, Eq. (35)"),
            "entanglement_fidelity_first_order": (
                entanglement_fidelity_first_order(FIG4_COUPLING, gamma),
                "1 − (π + 2)γ/4J, corrected first order"),
        }
        # (b): squeezing exchange, p = 1 and p_A = 0.95, p_B = 0.75.
        partial_j = polarization_scaled_coupling(FIG4_COUPLING, P_ALKALI, P_NOBLE)
        cases = {"full": TwoModeExchange(coupling=FIG4_COUPLING, alkali_decay=gamma),
                 "partial": TwoModeExchange(coupling=partial_j, alkali_decay=gamma,
                                            polarization_a=P_ALKALI, polarization_b=P_NOBLE)}
        var_x, var_p, per_case = [], [], {k: [] for k in _FIG4B_SCALARS}
        for model in cases.values():
            curves = [m.squeezed_dynamics(SQUEEZING_DB, t) for m in (model, model.with_storage())]
            var_x.append([c.variances(0)[0] for c in curves])
            var_p.append([c.variances(1)[1] for c in curves])
            end = model.squeezed_dynamics(SQUEEZING_DB, np.array([0.0, model.transfer_time]))
            per_case["initial_var_x_alkali"].append(end.variances(0)[0][0])
            per_case["initial_var_p_noble"].append(end.variances(1)[1][0])
            per_case["initial_noble_squeezing_db"].append(_db(end.variances(1)[1][0]))
            per_case["var_p_noble_t_pi"].append(end.variances(1)[1][1])
            per_case["t_pi"].append(model.transfer_time * gamma)
            per_case["coupling_over_gamma"].append(model.coupling / gamma)
            per_case["alkali_polarization"].append(model.polarization_a)
            per_case["noble_polarization"].append(model.polarization_b)
        dims = ("polarization_4b", "stage", "gt_4")
        variables["fig4b_var_x_alkali"] = (dims, np.array(var_x), {
            "units": "1", "long_name": "⟨ΔX_A²⟩ (vacuum 1/4), Fig. 4(b)"})
        variables["fig4b_var_p_noble"] = (dims, np.array(var_p), {
            "units": "1", "long_name": "⟨ΔP_B²⟩ (vacuum 1/4), Fig. 4(b)"})
        for key, (units, long_name) in _FIG4B_SCALARS.items():
            variables[f"fig4b_{key}"] = ("polarization_4b", np.array(per_case[key]),
                                         {"units": units, "long_name": long_name})
        coords["polarization_4b"] = ("polarization_4b", list(cases), {
            "units": "1", "long_name": "polarisations of Fig. 4(b): full (p = 1) or partial "
                                       "(p_A = 0.95, p_B = 0.75)"})
        r = squeezing_parameter_from_db(SQUEEZING_DB)
        scalars["fig4b_var_p_noble_eq38"] = (transferred_variance_eq38(r, FIG4_COUPLING, gamma),
                                             "Eq. (38) at 7 dB, J = 55γ")
        for key, (value, desc) in scalars.items():
            variables[key] = ((), value, {"units": "1", "long_name": desc})
        variables.update(self._noise_f5(full, t))
        return xr.Dataset(variables, coords=coords)

    @staticmethod
    def _noise_f5(model: TwoModeExchange, t) -> dict:
        """App. F: the exact noise ⟨ŵ_B ŵ_B†⟩(t) entering the noble gas (vacuum, J = 55γ)
        against Eq. (F5) and, at T_π, Eq. (F6)."""
        t_pi = model.transfer_time
        j, g = model.coupling, model.alkali_decay
        return {
            "noise_noble_exact": ("gt_4", model.noise_entering_noble_gas(t), {
                "units": "1", "long_name": "⟨ŵ_B ŵ_B†⟩(t), exact, J = 55γ, vacuum"}),
            "noise_noble_f5": ("gt_4", noise_correlation_f5(j, g, t), {
                "units": "1", "long_name": "⟨ŵ_B ŵ_B†⟩(t), Eq. (F5)"}),
            "noise_noble_t_pi_exact": ((), float(model.noise_entering_noble_gas(
                np.array([t_pi]))[0]), {"units": "1", "long_name": "⟨ŵ_B ŵ_B†⟩(T_π), exact"}),
            "noise_noble_t_pi_f6": ((), noise_at_transfer_f6(j, g), {
                "units": "1", "long_name": "⟨ŵ_B ŵ_B†⟩(T_π) = γπ/2J, Eq. (F6)"}),
        }

    # ------------------------------------------------------------------ Fig. 5
    def _fig5(self, cfg) -> xr.Dataset:
        db_in = np.linspace(0.0, FIG5_MAX_DB, cfg["fig5_points"])
        ratios = np.array(FIG5_RATIOS)
        exact = np.empty((ratios.size, db_in.size))
        eq38 = np.empty_like(exact)
        large = np.empty(ratios.size)
        for i, ratio in enumerate(ratios):
            model = TwoModeExchange(coupling=ratio, alkali_decay=1.0)
            times = np.array([model.transfer_time])
            for j, db in enumerate(db_in):
                _, var_p = model.squeezed_dynamics(db, times).variances(1)
                exact[i, j] = _db(var_p[0])
                eq38[i, j] = _db(transferred_variance_eq38(squeezing_parameter_from_db(db),
                                                           ratio, 1.0))
            _, var_p = model.squeezed_dynamics(FIG5_LARGE_DB, times).variances(1)
            large[i] = _db(var_p[0])
        coords = {"coupling_over_gamma": ("coupling_over_gamma", ratios, {"units": "1",
                                                                          "long_name": "J/γ"}),
                  "input_squeezing_db": ("input_squeezing_db", db_in, {
                      "units": "dB", "long_name": "initial squeezing of X_A"})}
        dims = ("coupling_over_gamma", "input_squeezing_db")
        variables = {
            "fig5_transferred_db_exact": (dims, exact, {
                "units": "dB", "long_name": "−10 log₁₀ 4⟨ΔP_B²(T_π)⟩, exact Gaussian"}),
            "fig5_transferred_db_eq38": (dims, eq38, {
                "units": "dB", "long_name": "−10 log₁₀ 4⟨ΔP_B²(T_π)⟩, Eq. (38)"}),
            "fig5_transferred_db_large_input": (("coupling_over_gamma",), large, {
                "units": "dB", "long_name": f"exact transfer of {FIG5_LARGE_DB:g} dB"}),
        }
        return xr.Dataset(variables, coords=coords)

    # ------------------------------------------------------------------ Fig. 6
    def _fig6(self, cfg) -> xr.Dataset:
        """Fig. 6; the unsqueezed and 7 dB-squeezed curves on a ``noble_squeezing_6`` dimension."""
        cell = get_preset(PRESET)
        sensor = HybridMagnetometer.from_cell(cell, FIG6_DETUNING_RATIO * cell.coupling_rate)
        g = sensor.dressed_decay_rate
        x = np.logspace(*FIG6_X_RANGE, cfg["fig6_points"])
        t = x / g
        unit = g / (abs(sensor.noble_gas_larmor_coefficient)
                    * math.sqrt(sensor.noble_gas_number * sensor.noble_gas_polarization))
        squeezing = (0.0, SQUEEZING_DB)
        in_units = ", in units of γ̃_B / (g_B √(N_B p_B))"
        dims = ("noble_squeezing_6", "gamma_t")
        variables = {
            "fig6_init": (dims, np.array([sensor.sensitivity_initial(
                t, noble_gas_squeezing_db=db) for db in squeezing]) / unit, {
                "units": "1", "long_name": "δB_init, G14 + G16" + in_units}),
            "fig6_total": (dims, np.array([sensor.sensitivity_total(
                t, noble_gas_squeezing_db=db) for db in squeezing]) / unit, {
                "units": "1", "long_name": "δB_tot, Eq. (41)" + in_units}),
            "fig6_crossover": ("noble_squeezing_6", np.array([sensor.crossover_time(
                noble_gas_squeezing_db=db) * g for db in squeezing]), {
                "units": "1", "long_name": "γ̃_B T where δB_init = δB_F"}),
        }
        curves = {
            "relaxation": (sensor.sensitivity_relaxation(t), "δB_F, G14 + G17"),
            "eq42": (sensor.sensitivity_initial_short_time_paper(t),
                     "δB_init, Eq. (42) as printed, no squeezing"),
            "eq43": (sensor.sensitivity_relaxation_long_time_paper(t), "Eq. (43) as printed"),
            "relaxation_long_time": (sensor.sensitivity_relaxation_long_time(t),
                                     "γ̃T ≫ 1 limit of G14 + G17"),
        }
        for key, (values, desc) in curves.items():
            variables[f"fig6_{key}"] = ("gamma_t", values / unit, {"units": "1",
                                                                   "long_name": desc + in_units})
        x_exact = np.logspace(FIG6_X_RANGE[0] + 1, FIG6_X_RANGE[1], cfg["fig6_exact_points"])
        init, relax = [], []
        for xe in x_exact:
            stats = sensor.lock_in_statistics(xe / g)
            init.append(stats.sensitivity_initial / unit)
            relax.append(stats.sensitivity_relaxation / unit)
        variables["fig6_init_exact"] = ("gamma_t_exact", np.array(init), {
            "units": "1", "long_name": "δB_init, exact lock-in, no squeezing" + in_units})
        variables["fig6_relaxation_exact"] = ("gamma_t_exact", np.array(relax), {
            "units": "1", "long_name": "δB_F, exact lock-in" + in_units})
        scalars = {
            "fig6_relative_alkali_response": (sensor.relative_alkali_response, "1",
                                              "relative alkali response ϱ, Eq. (G15)"),
            "fig6_dressed_decay_rate": (g, "s-1", "dressed noble-gas decay rate γ̃_B"),
            "fig6_short_time_with_rho": (
                float(sensor.sensitivity_initial_short_time(t[0])) / unit, "1",
                "short-time δB_init with ρ, at the first T" + in_units),
        }
        for key, (value, units, desc) in scalars.items():
            variables[key] = ((), value, {"units": units, "long_name": desc})
        integration_time = {"units": "s", "long_name": "integration time T"}
        coords = {"gamma_t": ("gamma_t", x, {"units": "1", "long_name": "γ̃_B T"}),
                  "integration_time": ("gamma_t", t, integration_time),
                  "gamma_t_exact": ("gamma_t_exact", x_exact, {"units": "1",
                                                               "long_name": "γ̃_B T"}),
                  "integration_time_exact": ("gamma_t_exact", x_exact / g, integration_time),
                  "noble_squeezing_6": ("noble_squeezing_6", np.array(squeezing), {
                      "units": "dB", "long_name": "initial squeezing of the noble gas"})}
        return xr.Dataset(variables, coords=coords)

    # ------------------------------------------------------------------ Fig. 7
    def _fig7(self, cfg) -> xr.Dataset:
        """Fig. 7 on ``model_7`` (multimode, two-mode) and ``stage`` (exchange, stored)."""
        n_modes = cfg["n_modes"]
        runs = [figure7(n_modes, FIG7_SPAN_T_PI, cfg["fig7_samples_per_t_pi"], switch=switch)
                for switch in (False, True)]
        fig = runs[0]
        t = fig.multimode.times
        models = ("multimode", "two_mode")
        coords = {"jt_7": ("jt_7", t * fig.coupling, {"units": "rad", "long_name": "J t"}),
                  "time_7": ("jt_7", t, {"units": "s", "long_name": "time t"}),
                  "model_7": ("model_7", list(models), {
                      "units": "1",
                      "long_name": "multimode (Eq. 27, App. E) or two-mode (Eq. 28)"}),
                  **_STAGE_COORD}
        dims = ("model_7", "stage", "jt_7")
        variables = {}
        for key, attr, long_name in (
                ("fig7a_fock", "fock_probability", "P(n_b0 = 2)"),
                ("fig7b_var_x_alkali", "var_x_alkali", "⟨ΔX²⟩ of the uniform alkali mode"),
                ("fig7b_var_p_noble", "var_p_noble", "⟨ΔP²⟩ of the uniform noble-gas mode")):
            values = [[getattr(getattr(run, model), attr) for run in runs] for model in models]
            variables[key] = (dims, np.array(values), {"units": "1", "long_name": long_name})
        cell = get_preset(PRESET)
        for key, value, long_name in (
                ("fig7_nbar_alkali", cell.alkali_thermal_occupation,
                 "thermal occupation of the alkali modes"),
                ("fig7_nbar_noble", cell.noble_gas_thermal_occupation,
                 "thermal occupation of the noble-gas modes"),
                ("fig7_coupling_over_gamma", fig.coupling / fig.gamma, "J/γ, Fig. 7"),
                ("fig7_n_modes", n_modes, "stable diffusion modes per species")):
            variables[key] = ((), value, {"units": "1", "long_name": long_name})
        return xr.Dataset(variables, coords=coords)

    # ------------------------------------------------------------------ Eq. (26) from Eq. (1)
    def _mean_field(self, cfg) -> xr.Dataset:
        """Small-tilt evolution of Eq. (1) at the compensation field, no relaxation and no
        incoherent exchange (k_SE = 0): the noble-gas share ``|b|²/(|a|² + |b|²)`` = sin²(Jt)."""
        cell = dataclasses.replace(get_preset(PRESET), sigma_v_phi_squared=0.0,
                                   alkali_relaxation_rate=0.0,
                                   noble_gas_coherence_time=math.inf)
        model = MeanFieldModel(cell, field=cell.compensation_field, noble_gas_relaxation_rate=0.0)
        j = cell.coupling_rate
        t = np.linspace(0.0, 3 * math.pi / j, 301 if cfg["n_records"] < N_RECORDS else 601)
        traj = model.evolve_spins(t, model.polarized_state(tilt=1e-3), rtol=1e-11, atol=1e-14)
        a, b = traj.bosonic_amplitudes()
        share = np.abs(b) ** 2 / (np.abs(a) ** 2 + np.abs(b) ** 2)
        guess = math.pi / (2 * t[int(np.argmax(share[: t.size // 3]))])
        (j_fit,), _ = scipy.optimize.curve_fit(lambda s, jj: np.sin(jj * s) ** 2, t, share,
                                               p0=[guess])
        coords = {"jt_mf": ("jt_mf", t * j, {"units": "rad", "long_name": "J t (Eq. 26)"}),
                  "time_mf": ("jt_mf", t, {"units": "s", "long_name": "time t"})}
        return xr.Dataset({
            "mean_field_noble_share": ("jt_mf", share, {
                "units": "1", "long_name": "|b|²/(|a|² + |b|²) from Eq. (1), tilt 1e-3"}),
            "mean_field_coupling_fit": ((), abs(j_fit), {"units": "s-1",
                                                         "long_name": "J fitted to Eq. (1)"}),
        }, coords=coords)

    # ================================================================== figures
    def plot(self, data: xr.Dataset, out_dir: Path) -> list[Path]:
        from spinthermo.studies.noble_gas_figures import draw_all

        return draw_all(data, out_dir)


__all__ = ["NobleGasStudy"]
