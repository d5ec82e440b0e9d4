"""Study ``noble-gas``: quantum interface between alkali and noble-gas spins (seed 002).

Katz, Shaham & Firstenberg, "Quantum Interface for Noble-Gas Spins Based on Spin-Exchange
Collisions", PRX Quantum 3, 010305 (2022). Figs. 2–7 are recomputed from the models of
:mod:`spinthermo.models.noble_gas` and every number or checkable statement of Secs. II, III C,
V, VI and VII becomes a claim:

* Fig. 2 — the stochastic collision simulation (:mod:`.stochastic`, Sec. III B): (a) symmetric
  |1⟩_A|0⟩_B and (b) localised excitation at ⟨φ⟩ = 2e-2, averaged over trajectories with one
  single trajectory shown thin; (c), (d) the same at weak collisions (one trajectory each);
  (e) |1⟩_A|1⟩_B with N_A = 30, N_B = 300 (F_20, F_02, F_11). N_A = 100, N_B = 10⁴ in (a)–(d),
  δφ = ⟨φ⟩ and the synchronising field g_A B_z τ = ⟨φ⟩/2 (the paper's choices). Time axis Jt
  with J τ = ½⟨φ⟩√(N_A/N_B) (Eq. 8); (a)–(d) span three exchange periods, Jt ∈ [0, 3π],
  (e) spans Jt ∈ [0, π].
* Fig. 3 — two-mode coherent states with ⟨a†a⟩(0) = 1000 (Eq. 28, :mod:`.two_mode`), time in
  1/γ: (a) Δ = 10J = 600γ, (b) Δ = 0 with γ = 10J, (c) J = 57γ, Δ = 0, switched to Δ = 1000 J
  at T_π = π/2J ("stored", dashed).
* Fig. 4 — (a) |2⟩_A|0⟩_B at J = 55γ: P(|0⟩_A|2⟩_B) with and without the switch at T_π (exact
  Lindblad evolution on the Fock states); (b) 7 dB squeezing of X_A: ⟨ΔX_A²⟩ and ⟨ΔP_B²⟩ for
  p = 1 (J = 55γ) and p_A = 0.95, p_B = 0.75 (J = 55γ√(p_A p_B), thermal noise n̄ = (1 − p)/2p).
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

Quick run (``--quick``; fixed here and recorded in ``parameters`` and the Dataset attributes):
Figs. 2(c), (d) use ⟨φ⟩ = 3e-4 instead of 1e-5 (same N_A, N_B: 30× fewer steps), Fig. 2(e)
⟨φ⟩ = 2e-3 instead of 1e-5, Figs. 2(a), (b) average 40 instead of 200 trajectories; Fig. 7 keeps
50 stable diffusion modes instead of the paper's 200; the time and input grids are coarser.
Claims evaluated on the quick data compare with the same analytic predictions (scaled with
⟨φ⟩ where they depend on it); the numbers in the claims table say which ⟨φ⟩ was used.

Choices where the paper is silent (all in ``parameters["notes"]``): the time windows of
Figs. 2–4 and 7, the J/γ set of Fig. 5, the Δ and squeezing of Fig. 6 (Fig. 6's text names no
numbers), the random seeds.
"""

from __future__ import annotations

import dataclasses
import math
from pathlib import Path

import numpy as np
import scipy.optimize
import xarray as xr

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
    polarization_scaled_coupling,
    transferred_variance_eq38,
)
from spinthermo.studies.contract import Study, StudyResult, describe
from spinthermo.studies.noble_gas_claims import claims
from spinthermo.studies.noble_gas_settings import (
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
    Q_NUCLEAR_SPINS,
    SEEDS,
    SQUEEZING_DB,
    STOCH_N_ALKALI,
    STOCH_N_NOBLE,
    STRONG_PHASE,
    WEAK_PHASE,
    WEAK_PHASE_QUICK,
    WINDOW_JT,
)
from spinthermo.studies.progress import resolve_progress


def _db(variance_ratio):
    """Squeezing in dB of a variance relative to the vacuum 1/4: −10 log₁₀(4 v)."""
    return -10.0 * np.log10(4.0 * np.asarray(variance_ratio))


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


#: CF ``long_name`` of the variables and coordinates the stages leave undescribed.
_CF_ATTRIBUTES = {
    "nuclear_spin": {"long_name": "nuclear spin I of the alkali atom"},
    **{f"fig{panel}_{key}_over_gamma": {"long_name": f"{symbol}/γ, Fig. {panel[0]}({panel[1]})"}
       for panel in ("3a", "3b", "3c") for key, symbol in (("coupling", "J"),
                                                           ("detuning", "Δ"))},
    "fig4b_coupling_partial_over_gamma": {"long_name": "J/γ at partial polarisation, "
                                                       "Fig. 4(b)"},
    "fig6_crossover_vacuum": {"long_name": "γ̃_B T where δB_init = δB_F, vacuum"},
    "fig6_crossover_squeezed": {"long_name": "γ̃_B T where δB_init = δB_F, 7 dB squeezed"},
    "fig6_relative_alkali_response": {"long_name": "relative alkali response ϱ, Eq. (G15)"},
    "fig6_dressed_decay_rate": {"long_name": "dressed noble-gas decay rate γ̃_B"},
    "fig6_short_time_with_rho": {"long_name": "short-time δB_init with ρ, at the first T, in "
                                              "units of γ̃_B / (g_B √(N_B p_B))"},
    "fig7_nbar_alkali": {"long_name": "thermal occupation of the alkali modes"},
    "fig7_nbar_noble": {"long_name": "thermal occupation of the noble-gas modes"},
    "fig7_coupling_over_gamma": {"long_name": "J/γ, Fig. 7"},
}


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
                "[0, 3π] for (a)-(d) and [0, π] for (e) are our choice. Quick runs use "
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
        return xr.Dataset(variables, coords=coords)

    # ------------------------------------------------------------------ Fig. 2
    def _fig2(self, cfg) -> xr.Dataset:
        variables, coords, attrs = {}, {}, {}
        n_rec = cfg["n_records"]
        for panel, (kind, strength) in PANELS_1EXC.items():
            phase = cfg["strong_phase"] if strength == "strong" else cfg["weak_phase"]
            model = StochasticCollisionModel(STOCH_N_ALKALI, STOCH_N_NOBLE, phase)
            n_steps = _window_steps(model, WINDOW_JT)
            every = _records(n_steps, n_rec)
            dim = f"jt_{panel}"
            if strength == "strong":
                ens = simulate_ensemble(model, n_steps, kind, n_trajectories=cfg["n_trajectories"],
                                        seed=SEEDS[panel], record_every=every)
                steps = ens.steps
                mean, se, single = ens.mean, ens.standard_error, {
                    k: v[0] for k, v in ens.samples.items()}
                for name in ("fidelity_10", "fidelity_01", "leakage", "population_noble"):
                    variables[f"fig{panel}_{name}"] = (dim, mean[name], {
                        "units": "1", "long_name": f"{name}, mean over trajectories"})
                    variables[f"fig{panel}_{name}_se"] = (dim, se[name], {
                        "units": "1", "long_name": f"{name}, standard error of the mean"})
                    variables[f"fig{panel}_{name}_single"] = (dim, single[name], {
                        "units": "1", "long_name": f"{name}, one trajectory"})
                if panel == "2a":
                    for name in ("amplitude_10", "amplitude_01"):
                        variables[f"fig2a_{name}_mean_real"] = (dim, mean[name].real, {
                            "units": "1", "long_name": f"Re {name}, mean over trajectories"})
                        variables[f"fig2a_{name}_mean_imag"] = (dim, mean[name].imag, {
                            "units": "1", "long_name": f"Im {name}, mean over trajectories"})
                    self._fit_fig2a(model, ens, cfg, variables)
            else:
                run = simulate(model, n_steps, kind, seed=SEEDS[panel], record_every=every)
                steps = run.steps
                for name in ("fidelity_10", "fidelity_01", "leakage", "population_noble",
                             "norm"):
                    variables[f"fig{panel}_{name}"] = (dim, run.observables[name], {
                        "units": "1", "long_name": f"{name}, one trajectory"})
                if panel == "2c":
                    obs = run.observables
                    jt = model.coupling * steps
                    omega = fit_oscillation_rate(jt, obs["fidelity_10"])
                    gamma = fit_leakage_rate(steps, obs["leakage"], obs["fidelity_10"],
                                             obs["fidelity_01"],
                                             model.n_alkali / model.n_noble)
                    i_pi = int(np.argmin(np.abs(jt - math.pi / 2)))
                    variables["fig2c_oscillation_rate_fit"] = ((), omega * model.coupling, {
                        "units": "rad",
                        "long_name": "fitted angular frequency of F_10 per collision step τ"})
                    variables["fig2c_leakage_rate_fit"] = ((), gamma, {
                        "units": "1",
                        "long_name": "Γ from ε² = Γ∫(F_10 + pF_01)dt, per collision step τ"})
                    variables["fig2c_leakage_at_t_pi"] = ((), obs["leakage"][i_pi], {
                        "units": "1", "long_name": "ε² at Jt = π/2"})
            pred = collective_prediction(model, steps.astype(float), kind, damped=True)
            for name in ("fidelity_10", "fidelity_01"):
                variables[f"fig{panel}_{name}_collective"] = (dim, pred[name], {
                    "units": "1", "long_name": f"{name}: mean Hamiltonian + leakage decay"})
            coords[dim] = (dim, model.coupling * steps, {"units": "rad", "long_name": "J t"})
            coords[f"step_{panel}"] = (dim, steps, {"units": "1",
                                                    "long_name": "t/τ (collision steps)"})
            attrs.update(self._stochastic_attrs(panel, model, n_steps, kind))
        # (e): two excitations, |1>_A|1>_B
        model = StochasticCollisionModel(HOM_N_ALKALI, HOM_N_NOBLE, cfg["hom_phase"])
        n_steps = _window_steps(model, HOM_WINDOW_JT)
        run = simulate(model, n_steps, "1A1B", seed=SEEDS["2e"],
                       record_every=_records(n_steps, n_rec))
        pred = collective_prediction(model, run.steps.astype(float), "1A1B", damped=False)
        for name in ("fidelity_20", "fidelity_02", "fidelity_11", "norm"):
            variables[f"fig2e_{name}"] = ("jt_2e", run.observables[name], {
                "units": "1", "long_name": f"{name}, one trajectory"})
            if name != "norm":
                variables[f"fig2e_{name}_collective"] = ("jt_2e", pred[name], {
                    "units": "1", "long_name": f"{name}, mean Hamiltonian"})
        coords["jt_2e"] = ("jt_2e", model.coupling * run.steps, {"units": "rad",
                                                                 "long_name": "J t"})
        coords["step_2e"] = ("jt_2e", run.steps, {"units": "1",
                                                  "long_name": "t/τ (collision steps)"})
        attrs.update(self._stochastic_attrs("2e", model, n_steps, "1A1B"))
        return xr.Dataset(variables, coords=coords, attrs=attrs)

    @staticmethod
    def _stochastic_attrs(panel, model, n_steps, kind) -> dict:
        return {f"fig{panel}_n_alkali": model.n_alkali, f"fig{panel}_n_noble": model.n_noble,
                f"fig{panel}_mean_phase_rad": model.mean_phase,
                f"fig{panel}_phase_spread_rad": model.phase_spread,
                f"fig{panel}_field_phase_per_step_rad": model.field_phase_per_step,
                f"fig{panel}_coupling_rad_per_step": model.coupling,
                f"fig{panel}_leakage_rate_per_step": model.leakage_rate,
                f"fig{panel}_n_steps": n_steps, f"fig{panel}_initial_state": kind,
                f"fig{panel}_seed": SEEDS[panel]}

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
        variables["fig2a_fidelity_10_fit"] = ("jt_2a", np.abs(amp[:, 0]) ** 2, {
            "units": "1", "long_name": "F_10 of the fitted α (fidelities)"})
        variables["fig2a_fidelity_01_fit"] = ("jt_2a", np.abs(amp[:, 1]) ** 2, {
            "units": "1", "long_name": "F_01 of the fitted α (fidelities)"})

    # ------------------------------------------------------------------ Fig. 3
    def _fig3(self, cfg) -> xr.Dataset:
        variables, coords = {}, {}
        alpha = math.sqrt(FIG3_EXCITATIONS)
        n = cfg["fig34_samples"]
        for panel, p in FIG3.items():
            t = np.linspace(0.0, p["t_max"], n)
            model = TwoModeExchange(coupling=p["coupling"], alkali_decay=p["alkali_decay"],
                                    detuning=p["detuning"])
            if panel == "3c":
                t = np.unique(np.concatenate([t, [model.transfer_time]]))
            exc = model.coherent_dynamics(alpha, t).excitations()
            dim = f"gt_{panel}"
            coords[dim] = (dim, t * p["alkali_decay"], {"units": "1", "long_name": "γ t"})
            coords[f"time_{panel}"] = (dim, t, {
                "units": "s", "long_name": f"time t at γ = {p['alkali_decay']:g} s-1"})
            variables[f"fig{panel}_alkali_excitations"] = (dim, exc[:, 0], {
                "units": "1", "long_name": "⟨a†a⟩"})
            variables[f"fig{panel}_noble_excitations"] = (dim, exc[:, 1], {
                "units": "1", "long_name": "⟨b†b⟩"})
            if panel == "3c":
                stored = model.with_storage().coherent_dynamics(alpha, t).excitations()
                variables["fig3c_alkali_excitations_stored"] = (dim, stored[:, 0], {
                    "units": "1", "long_name": "⟨a†a⟩, switched at T_π"})
                variables["fig3c_noble_excitations_stored"] = (dim, stored[:, 1], {
                    "units": "1", "long_name": "⟨b†b⟩, switched at T_π (stored)"})
            for key in ("coupling", "detuning"):
                variables[f"fig{panel}_{key}_over_gamma"] = ((), p[key] / p["alkali_decay"],
                                                             {"units": "1"})
        return xr.Dataset(variables, coords=coords)

    # ------------------------------------------------------------------ Fig. 4
    def _fig4(self, cfg) -> xr.Dataset:
        variables = {}
        gamma = 1.0
        full = TwoModeExchange(coupling=FIG4_COUPLING, alkali_decay=gamma)
        t_pi = full.transfer_time
        t = np.linspace(0.0, FIG4_WINDOW_T_PI * t_pi, cfg["fig34_samples"])
        t = np.unique(np.concatenate([t, [t_pi / 2, t_pi]]))
        coords = {"gt_4": ("gt_4", t * gamma, {"units": "1", "long_name": "γ t"}),
                  "time_4": ("gt_4", t, {"units": "s",
                                         "long_name": f"time t at γ = {gamma:g} s-1"})}
        variables["fig4a_fock_fidelity"] = ("gt_4", full.fock_fidelity(2, t), {
            "units": "1", "long_name": "|⟨0_A 2_B|ψ⟩|², no switch"})
        variables["fig4a_fock_fidelity_stored"] = ("gt_4",
                                                   full.with_storage().fock_fidelity(2, t), {
            "units": "1", "long_name": "|⟨0_A 2_B|ψ⟩|², switched at T_π"})
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
        for case, model in cases.items():
            for suffix, m in (("", model), ("_stored", model.with_storage())):
                traj = m.squeezed_dynamics(SQUEEZING_DB, t)
                var_x_a, _ = traj.variances(0)
                _, var_p_b = traj.variances(1)
                variables[f"fig4b_var_x_alkali_{case}{suffix}"] = ("gt_4", var_x_a, {
                    "units": "1", "long_name": "⟨ΔX_A²⟩ (vacuum 1/4)"})
                variables[f"fig4b_var_p_noble_{case}{suffix}"] = ("gt_4", var_p_b, {
                    "units": "1", "long_name": "⟨ΔP_B²⟩ (vacuum 1/4)"})
            end = model.squeezed_dynamics(SQUEEZING_DB, np.array([0.0, model.transfer_time]))
            scalars[f"fig4b_initial_var_x_alkali_{case}"] = (end.variances(0)[0][0],
                                                            "⟨ΔX_A²⟩(0)")
            scalars[f"fig4b_initial_var_p_noble_{case}"] = (end.variances(1)[1][0],
                                                           "⟨ΔP_B²⟩(0)")
            scalars[f"fig4b_var_p_noble_t_pi_{case}"] = (end.variances(1)[1][1],
                                                        "⟨ΔP_B²⟩ at this case's T_π")
            scalars[f"fig4b_t_pi_{case}"] = (model.transfer_time, "T_π γ")
        r = math.log(10.0) * SQUEEZING_DB / 20.0
        scalars["fig4b_var_p_noble_eq38"] = (transferred_variance_eq38(r, FIG4_COUPLING, gamma),
                                             "Eq. (38) at 7 dB, J = 55γ")
        for key, (value, desc) in scalars.items():
            variables[key] = ((), value, {"units": "1", "long_name": desc})
        variables["fig4b_coupling_partial_over_gamma"] = ((), partial_j, {"units": "1"})
        return xr.Dataset(variables, coords=coords)

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
                eq38[i, j] = _db(transferred_variance_eq38(math.log(10) * db / 20, ratio, 1.0))
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
        cell = get_preset(PRESET)
        sensor = HybridMagnetometer.from_cell(cell, FIG6_DETUNING_RATIO * cell.coupling_rate)
        g = sensor.dressed_decay_rate
        x = np.logspace(*FIG6_X_RANGE, cfg["fig6_points"])
        t = x / g
        unit = g / (abs(sensor.noble_gas_larmor_coefficient)
                    * math.sqrt(sensor.noble_gas_number * sensor.noble_gas_polarization))
        curves = {
            "init_vacuum": sensor.sensitivity_initial(t),
            "init_squeezed": sensor.sensitivity_initial(t, noble_gas_squeezing_db=SQUEEZING_DB),
            "relaxation": sensor.sensitivity_relaxation(t),
            "total_vacuum": sensor.sensitivity_total(t),
            "total_squeezed": sensor.sensitivity_total(t, noble_gas_squeezing_db=SQUEEZING_DB),
            "eq42_vacuum": sensor.sensitivity_initial_short_time_paper(t),
            "eq43": sensor.sensitivity_relaxation_long_time_paper(t),
            "relaxation_long_time": sensor.sensitivity_relaxation_long_time(t),
        }
        desc = {"init_vacuum": "δB_init, G14 + G16", "init_squeezed": "δB_init, 7 dB squeezed",
                "relaxation": "δB_F, G14 + G17", "total_vacuum": "δB_tot, Eq. (41)",
                "total_squeezed": "δB_tot, 7 dB squeezed", "eq42_vacuum": "Eq. (42) as printed",
                "eq43": "Eq. (43) as printed",
                "relaxation_long_time": "γ̃T ≫ 1 limit of G14 + G17"}
        in_units = ", in units of γ̃_B / (g_B √(N_B p_B))"
        variables = {f"fig6_{k}": ("gamma_t", v / unit, {"units": "1",
                                                         "long_name": desc[k] + in_units})
                     for k, v in curves.items()}
        x_exact = np.logspace(FIG6_X_RANGE[0] + 1, FIG6_X_RANGE[1], cfg["fig6_exact_points"])
        init, relax = [], []
        for xe in x_exact:
            stats = sensor.lock_in_statistics(xe / g)
            init.append(stats.sensitivity_initial / unit)
            relax.append(stats.sensitivity_relaxation / unit)
        variables["fig6_init_vacuum_exact"] = ("gamma_t_exact", np.array(init), {
            "units": "1", "long_name": "δB_init, exact lock-in" + in_units})
        variables["fig6_relaxation_exact"] = ("gamma_t_exact", np.array(relax), {
            "units": "1", "long_name": "δB_F, exact lock-in" + in_units})
        scalars = {
            "fig6_crossover_vacuum": sensor.crossover_time() * g,
            "fig6_crossover_squeezed": sensor.crossover_time(
                noble_gas_squeezing_db=SQUEEZING_DB) * g,
            "fig6_relative_alkali_response": sensor.relative_alkali_response,
            "fig6_dressed_decay_rate": g,
            "fig6_short_time_with_rho": float(
                sensor.sensitivity_initial_short_time(t[0])) / unit,
        }
        for k, v in scalars.items():
            variables[k] = ((), v, {"units": "s-1" if k.endswith("rate") else "1"})
        integration_time = {"units": "s", "long_name": "integration time T"}
        coords = {"gamma_t": ("gamma_t", x, {"units": "1", "long_name": "γ̃_B T"}),
                  "integration_time": ("gamma_t", t, integration_time),
                  "gamma_t_exact": ("gamma_t_exact", x_exact, {"units": "1",
                                                               "long_name": "γ̃_B T"}),
                  "integration_time_exact": ("gamma_t_exact", x_exact / g, integration_time)}
        return xr.Dataset(variables, coords=coords)

    # ------------------------------------------------------------------ Fig. 7
    def _fig7(self, cfg) -> xr.Dataset:
        n_modes = cfg["n_modes"]
        runs = {"": figure7(n_modes, FIG7_SPAN_T_PI, cfg["fig7_samples_per_t_pi"], switch=False),
                "_stored": figure7(n_modes, FIG7_SPAN_T_PI, cfg["fig7_samples_per_t_pi"],
                                   switch=True)}
        fig = runs[""]
        t = fig.multimode.times
        coords = {"jt_7": ("jt_7", t * fig.coupling, {"units": "rad", "long_name": "J t"}),
                  "time_7": ("jt_7", t, {"units": "s", "long_name": "time t"})}
        variables = {}
        for suffix, f in runs.items():
            for model, res in (("multimode", f.multimode), ("two_mode", f.two_mode)):
                variables[f"fig7a_fock_{model}{suffix}"] = ("jt_7", res.fock_probability, {
                    "units": "1", "long_name": "P(n_b0 = 2)"})
                variables[f"fig7b_var_x_alkali_{model}{suffix}"] = ("jt_7", res.var_x_alkali, {
                    "units": "1", "long_name": "⟨ΔX²⟩ of the uniform alkali mode"})
                variables[f"fig7b_var_p_noble_{model}{suffix}"] = ("jt_7", res.var_p_noble, {
                    "units": "1", "long_name": "⟨ΔP²⟩ of the uniform noble-gas mode"})
        cell = get_preset(PRESET)
        variables["fig7_nbar_alkali"] = ((), cell.alkali_thermal_occupation, {"units": "1"})
        variables["fig7_nbar_noble"] = ((), cell.noble_gas_thermal_occupation, {"units": "1"})
        variables["fig7_coupling_over_gamma"] = ((), fig.coupling / fig.gamma, {"units": "1"})
        return xr.Dataset(variables, coords=coords, attrs={"fig7_n_modes": n_modes})

    # ------------------------------------------------------------------ Eq. (26) from Eq. (1)
    def _mean_field(self, cfg) -> xr.Dataset:
        """Small-tilt evolution of Eq. (1) at the compensation field, no relaxation and no
        incoherent exchange (k_SE = 0): the noble-gas share |b|²/(|a|² + |b|²) = sin²(Jt)."""
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
