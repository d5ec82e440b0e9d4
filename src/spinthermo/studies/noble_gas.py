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

from spinthermo.models.noble_gas.magnetometer import HybridMagnetometer
from spinthermo.models.noble_gas.mean_field import MeanFieldModel
from spinthermo.models.noble_gas.multimode import figure7, figure7_switch_detuning
from spinthermo.models.noble_gas.parameters import (
    get_preset,
    slowing_down_factor,
    slowing_down_factor_bounds,
)
from spinthermo.models.noble_gas.stochastic import (
    StochasticCollisionModel,
    collective_hamiltonian,
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
from spinthermo.studies.contract import Claim, Study, StudyResult, explained
from spinthermo.studies.progress import resolve_progress

SOURCE = "002"
PRESET = "k-3he"

# ----------------------------------------------------------------------------- Fig. 2
#: Fig. 2(a)–(d): N_A alkali and N_B noble-gas spins (Sec. III B).
STOCH_N_ALKALI, STOCH_N_NOBLE = 100, 10_000
#: Fig. 2(e): two excitations.
HOM_N_ALKALI, HOM_N_NOBLE = 30, 300
#: ⟨φ⟩ of Figs. 2(a), (b) ("more moderate" collisions), full and quick.
STRONG_PHASE = 2e-2
#: ⟨φ⟩ of Figs. 2(c)–(e) ("very weak", ³He–K): the paper's 1e-5; quick runs use larger values.
WEAK_PHASE = 1e-5
WEAK_PHASE_QUICK = 3e-4
HOM_PHASE_QUICK = 2e-3
#: Trajectories averaged in Figs. 2(a), (b).
N_TRAJECTORIES, N_TRAJECTORIES_QUICK = 200, 40
#: Batches of trajectories for the statistical errors of the fits.
N_BATCHES, N_BATCHES_QUICK = 10, 8
#: Windows: three exchange periods (population period π/J) and, for (e), Jt ∈ [0, π].
WINDOW_JT = 3 * math.pi
HOM_WINDOW_JT = math.pi
#: Records per run (about).
N_RECORDS, N_RECORDS_QUICK = 600, 300
SEEDS = {"2a": 2001, "2b": 2002, "2c": 2003, "2d": 2004, "2e": 2005}
PANELS_1EXC = {"2a": ("1A0B", "strong"), "2b": ("localized", "strong"),
               "2c": ("1A0B", "weak"), "2d": ("localized", "weak")}

# ----------------------------------------------------------------------------- Figs. 3–5
#: Fig. 3: ⟨a†a⟩(0) = 1000; rates in units of γ (time in 1/γ).
FIG3_EXCITATIONS = 1000.0
FIG3 = {"3a": {"coupling": 60.0, "alkali_decay": 1.0, "detuning": 600.0, "t_max": 3.0},
        "3b": {"coupling": 0.1, "alkali_decay": 1.0, "detuning": 0.0, "t_max": 100.0},
        "3c": {"coupling": 57.0, "alkali_decay": 1.0, "detuning": 0.0, "t_max": 0.2}}
#: Fig. 4: J = 55γ (p = 1); 7 dB of X_A squeezing; Fig. 4(b)'s partial polarisations.
FIG4_COUPLING = 55.0
SQUEEZING_DB = 7.0
P_ALKALI, P_NOBLE = 0.95, 0.75
FIG4_WINDOW_T_PI = 4.0
#: Fig. 5: J/γ of the curves, the input grid (dB) and the "large squeezing" input.
FIG5_RATIOS = (10.0, 30.0, 55.0, 100.0, 300.0)
FIG5_MAX_DB = 30.0
FIG5_LARGE_DB = 50.0

# ----------------------------------------------------------------------------- Figs. 6–7
#: Fig. 6: detuned operation Δ = 100 J (|Δ| ≫ J ≳ γ_A ≫ γ_B), γ̃_B T from 1e-3 to 1e3.
FIG6_DETUNING_RATIO = 100.0
FIG6_X_RANGE = (-3.0, 3.0)
#: Fig. 7: stable diffusion modes (the paper's 200) and the time span in T_π.
N_MODES, N_MODES_QUICK = 200, 50
FIG7_SPAN_T_PI = 3.0

#: Nuclear spins of the q-bounds claim: those of the alkali isotopes (⁶Li 1; ⁷Li, ²³Na, ³⁹K,
#: ⁸⁷Rb 3/2; ⁸⁵Rb 5/2; ¹³³Cs 7/2; ⁴⁰K 4). For I = 1/2 both bounds equal 2 and q ≡ 2.
Q_NUCLEAR_SPINS = (1.0, 1.5, 2.5, 3.5, 4.0)

# ----------------------------------------------------------------------------- claims
#: "≫" read as an order of magnitude.
MUCH_LARGER = 10.0


def _db(variance_ratio):
    """Squeezing in dB of a variance relative to the vacuum 1/4: −10 log₁₀(4 v)."""
    return -10.0 * np.log10(4.0 * np.asarray(variance_ratio))


def _records(n_steps: int, n_records: int) -> int:
    return max(1, n_steps // n_records)


def _window_steps(model: StochasticCollisionModel, window_jt: float) -> int:
    return math.ceil(window_jt / model.coupling)


def _two_level_amplitudes(h: np.ndarray, gamma_a: float, gamma_b: float,
                          steps: np.ndarray) -> np.ndarray:
    """Amplitudes (T, 2) on |1_A0_B⟩, |0_A1_B⟩ from |1_A0_B⟩ under −iH̄ − diag(γ_A, γ_B).

    The collective-mode form of the stochastic dynamics (seed 002 Secs. III C–D): H̄ is the
    mean Hamiltonian per step (:func:`collective_hamiltonian`), γ_A, γ_B amplitude decay rates
    per step.
    """
    generator = -1j * h - np.diag([gamma_a, gamma_b])
    evals, evecs = np.linalg.eig(generator)
    coeffs = np.linalg.solve(evecs, np.array([1.0, 0.0], dtype=complex))
    return (evecs[None] * (np.exp(np.multiply.outer(steps, evals)) * coeffs)[:, None, :]).sum(-1)


def fit_decay_alpha(model: StochasticCollisionModel, steps: np.ndarray, f10: np.ndarray,
                    f01: np.ndarray, amplitudes: bool = False) -> float:
    """α of γ_A = α⟨φ²⟩/4τ (seed 002 Sec. III C) fitted to trajectory-averaged data.

    The symmetric amplitudes evolve under the mean Hamiltonian H̄ (Eq. 8 with the residual
    detuning) with amplitude decay γ_A on the alkali and (N_A/N_B)γ_A on the noble gas (each
    noble-gas spin collides N_A/N_B times as often). With ``amplitudes=False`` ``f10``, ``f01``
    are the averaged fidelities F_10, F_01, compared with |amplitude|²; with ``amplitudes=True``
    they are the averaged complex amplitudes (the mean field ⟨a⟩, ⟨b⟩ of a coherent
    superposition). One-parameter least squares over the whole record.
    """
    _, h = collective_hamiltonian(model, 1)
    ratio = model.n_alkali / model.n_noble
    scale = model.mean_square_phase / 4.0

    def cost(alpha: float) -> float:
        amp = _two_level_amplitudes(h, alpha * scale, ratio * alpha * scale, steps)
        if amplitudes:
            return float(np.sum(np.abs(amp[:, 0] - f10) ** 2 + np.abs(amp[:, 1] - f01) ** 2))
        return float(np.sum((np.abs(amp[:, 0]) ** 2 - f10) ** 2
                            + (np.abs(amp[:, 1]) ** 2 - f01) ** 2))

    res = scipy.optimize.minimize_scalar(cost, bounds=(0.0, 4.0), method="bounded",
                                         options={"xatol": 1e-6})
    return float(res.x)


def fit_leakage_rate(steps: np.ndarray, leakage: np.ndarray, f10: np.ndarray,
                     f01: np.ndarray, ratio: float, max_leakage: float = 0.1) -> float:
    """Γ of ε² = Γ ∫₀ᵗ (F_10 + (N_A/N_B) F_01) dt' (seed 002 Eqs. 7–9, App. A; per step).

    The weight on non-symmetric states grows at Γ per unit symmetric alkali weight and at
    (N_A/N_B)Γ per unit noble-gas weight (:attr:`StochasticCollisionModel.leakage_rate`); the
    integral makes the estimate valid beyond Jt ≪ 1. Least squares through the origin on the
    records with leakage ≤ ``max_leakage`` (first order: the return flux is neglected).
    """
    weight = f10 + ratio * f01
    exposure = np.concatenate([[0.0], np.cumsum(0.5 * (weight[1:] + weight[:-1])
                                                * np.diff(steps))])
    use = leakage <= max_leakage
    use[0] = False
    x, y = exposure[use], leakage[use]
    return float(np.dot(x, y) / np.dot(x, x))


def fit_oscillation_rate(jt: np.ndarray, fidelity: np.ndarray) -> float:
    """Angular frequency (in units of the J of ``jt``) of the oscillation of ``fidelity``.

    Guess from the zero-padded spectrum, then least squares on c₀ + c₁e^{−κt}cos(ωt + ψ).
    Independent of Eq. (8): only the recorded curve enters.
    """
    y = fidelity - fidelity.mean()
    n = 16 * y.size
    spectrum = np.abs(np.fft.rfft(y, n))
    freqs = 2 * np.pi * np.fft.rfftfreq(n, d=jt[1] - jt[0])
    guess = freqs[1 + int(np.argmax(spectrum[1:]))]

    def model(t, c0, c1, omega, psi, kappa):
        return c0 + c1 * np.exp(-kappa * t) * np.cos(omega * t + psi)

    popt, _ = scipy.optimize.curve_fit(model, jt, fidelity,
                                       p0=[fidelity.mean(), 0.5, guess, 0.0, 0.0])
    return float(abs(popt[2]))


def _batch_statistic(samples: dict, n_batches: int, statistic) -> tuple[float, float, list]:
    """``statistic`` of the full ensemble mean and its standard error from batch means."""
    n = next(iter(samples.values())).shape[0]
    full = statistic({k: v.mean(axis=0) for k, v in samples.items()})
    values = []
    for idx in np.array_split(np.arange(n), n_batches):
        values.append(statistic({k: v[idx].mean(axis=0) for k, v in samples.items()}))
    return full, float(np.std(values, ddof=1) / math.sqrt(n_batches)), values


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
        data = xr.merge(parts, combine_attrs="no_conflicts")
        data.attrs.update({f"config_{k}": v for k, v in cfg.items()})
        data.attrs["quick"] = int(quick)
        claims = self._claims(data)
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
        return StudyResult(self.name, data, claims, parameters)

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
            "zeta_cm3_per_s": (cell.zeta * 1e6, "cm^3/s", "ζ = ⟨σvφ⟩/q"),
            "coupling_rate": (cell.coupling_rate, "s^-1", "J, Eq. (26)"),
            "alkali_decay_rate": (cell.alkali_decay_rate, "s^-1", "γ = γ_A + D_A π²/R²"),
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
                        variables[f"fig2a_{name}_mean_real"] = (dim, mean[name].real,
                                                               {"units": "1"})
                        variables[f"fig2a_{name}_mean_imag"] = (dim, mean[name].imag,
                                                               {"units": "1"})
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
                        "units": "rad/step", "long_name": "fitted angular frequency of F_10"})
                    variables["fig2c_leakage_rate_fit"] = ((), gamma, {
                        "units": "1/step", "long_name": "Γ from ε² = Γ∫(F_10 + pF_01)dt"})
                    variables["fig2c_leakage_at_t_pi"] = ((), obs["leakage"][i_pi], {
                        "units": "1", "long_name": "ε² at Jt = π/2"})
            pred = collective_prediction(model, steps.astype(float), kind, damped=True)
            for name in ("fidelity_10", "fidelity_01"):
                variables[f"fig{panel}_{name}_collective"] = (dim, pred[name], {
                    "units": "1", "long_name": f"{name}: mean Hamiltonian + leakage decay"})
            coords[dim] = (dim, model.coupling * steps, {"units": "rad", "long_name": "J t"})
            coords[f"step_{panel}"] = (dim, steps, {"units": "tau",
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
        coords["step_2e"] = ("jt_2e", run.steps, {"units": "tau", "long_name": "t/τ"})
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
            variables[f"fig2a_{name}"] = ((), value, {"units": "1" if "alpha" in name
                                                      else "1/step", "long_name": desc})
            variables[f"fig2a_{name}_se"] = ((), err, {"units": "1" if "alpha" in name
                                                       else "1/step",
                                                       "long_name": desc + ", standard error"})
        amp = _two_level_amplitudes(collective_hamiltonian(model, 1)[1],
                                    alpha_f * model.mean_square_phase / 4,
                                    ratio * alpha_f * model.mean_square_phase / 4, steps)
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
        coords = {"gt_4": ("gt_4", t * gamma, {"units": "1", "long_name": "γ t"})}
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
        variables = {f"fig6_{k}": ("gamma_t", v / unit, {"units": "g_B^-1 gamma_B~ /sqrt(N_B p_B)",
                                                         "long_name": desc[k]})
                     for k, v in curves.items()}
        x_exact = np.logspace(FIG6_X_RANGE[0] + 1, FIG6_X_RANGE[1], cfg["fig6_exact_points"])
        init, relax = [], []
        for xe in x_exact:
            stats = sensor.lock_in_statistics(xe / g)
            init.append(stats.sensitivity_initial / unit)
            relax.append(stats.sensitivity_relaxation / unit)
        variables["fig6_init_vacuum_exact"] = ("gamma_t_exact", np.array(init), {
            "units": "g_B^-1 gamma_B~ /sqrt(N_B p_B)", "long_name": "δB_init, exact lock-in"})
        variables["fig6_relaxation_exact"] = ("gamma_t_exact", np.array(relax), {
            "units": "g_B^-1 gamma_B~ /sqrt(N_B p_B)", "long_name": "δB_F, exact lock-in"})
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
            variables[k] = ((), v, {"units": "s^-1" if k.endswith("rate") else "1"})
        coords = {"gamma_t": ("gamma_t", x, {"units": "1", "long_name": "γ̃_B T"}),
                  "gamma_t_exact": ("gamma_t_exact", x_exact, {"units": "1",
                                                               "long_name": "γ̃_B T"})}
        return xr.Dataset(variables, coords=coords)

    # ------------------------------------------------------------------ Fig. 7
    def _fig7(self, cfg) -> xr.Dataset:
        n_modes = cfg["n_modes"]
        runs = {"": figure7(n_modes, FIG7_SPAN_T_PI, cfg["fig7_samples_per_t_pi"], switch=False),
                "_stored": figure7(n_modes, FIG7_SPAN_T_PI, cfg["fig7_samples_per_t_pi"],
                                   switch=True)}
        fig = runs[""]
        t = fig.multimode.times
        coords = {"jt_7": ("jt_7", t * fig.coupling, {"units": "rad", "long_name": "J t"})}
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
        traj = model.evolve(model.polarized_state(tilt=1e-3), t, rtol=1e-11, atol=1e-14)
        a, b = traj.bosonic_amplitudes()
        share = np.abs(b) ** 2 / (np.abs(a) ** 2 + np.abs(b) ** 2)
        guess = math.pi / (2 * t[int(np.argmax(share[: t.size // 3]))])
        (j_fit,), _ = scipy.optimize.curve_fit(lambda s, jj: np.sin(jj * s) ** 2, t, share,
                                               p0=[guess])
        coords = {"jt_mf": ("jt_mf", t * j, {"units": "rad", "long_name": "J t (Eq. 26)"})}
        return xr.Dataset({
            "mean_field_noble_share": ("jt_mf", share, {
                "units": "1", "long_name": "|b|²/(|a|² + |b|²) from Eq. (1), tilt 1e-3"}),
            "mean_field_coupling_fit": ((), abs(j_fit), {"units": "s^-1",
                                                         "long_name": "J fitted to Eq. (1)"}),
        }, coords=coords)

    # ================================================================== claims
    def _claims(self, data: xr.Dataset) -> list[Claim]:
        claims: list[Claim] = []
        claims += self._claims_parameters(data)
        claims += self._claims_fig2(data)
        claims += self._claims_two_mode(data)
        claims += self._claims_fig6(data)
        claims += self._claims_fig7(data)
        return claims

    @staticmethod
    def _claims_parameters(data) -> list[Claim]:
        s = SOURCE
        v = {k: float(data[k]) for k in ("q_preset", "zeta_cm3_per_s", "coupling_rate",
                                         "alkali_decay_rate", "compensation_field_mg",
                                         "noble_larmor_hz", "mean_phase_preset",
                                         "strong_coupling_phase_bound",
                                         "switch_detuning_over_j", "mean_field_coupling_fit")}
        out = []
        out.append(Claim.close(
            "q-preset", f"{s} Sec. VII A, Eq. (18)", "Slowing-down factor q(I = 3/2, p_A = 0.95)",
            4.1, v["q_preset"], abs=0.05, reason="the paper prints two significant digits"))
        q = data["q_curve"].values
        low, high = data["q_lower_bound"].values[:, None], data["q_upper_bound"].values[:, None]
        inside = bool(np.all((q > low) & (q < high)))
        margin = float(min((q - low).min(), (high - q).min()))
        out.append(Claim.check(
            "q-bounds", f"{s} Sec. II, Eq. (18)",
            "2I + 1 < q(I, p) < 4I²/3 + 4I/3 + 1 for p ∈ (0, 1) (I = 1, 3/2, 5/2, 7/2, 4, the "
            f"alkali nuclear spins; {q.shape[1]} polarisations; ours: smallest distance to a "
            "bound; for I = 1/2 the bounds coincide and q ≡ 2)", True,
            f"{inside}; {margin:.3g}", inside, "strict inequalities on the whole grid"))
        out.append(Claim.close(
            "zeta", f"{s} App. D, Sec. VII A", "ζ = ⟨σvφ⟩/q for vσ⟨φ⟩ = 2e-14 cm³/s, q = 4.1 "
            "(cm³/s, in units of 1e-15)", 4.9, v["zeta_cm3_per_s"] * 1e15, abs=0.05,
            reason="the paper prints two significant digits"))
        out.append(Claim.close(
            "coupling-rate", f"{s} Sec. VII A, Eq. (26)",
            "J = ζ√(q p_A p_B n_A n_B)/2 for the K-³He cell (s⁻¹)", 1000.0, v["coupling_rate"],
            rel=0.05, reason="J quoted as a round number from inputs with 1-2 significant "
            "digits"))
        ratio = v["coupling_rate"] / v["alkali_decay_rate"]
        out.append(Claim.check(
            "strong-coupling", f"{s} Sec. VII A", "Strong coupling J > 55γ (ours: J/γ with "
            "γ = γ_A + D_A π²/R² = 17.58 s⁻¹)", "> 55", round(ratio, 3), ratio > 55.0,
            "strict inequality"))
        phase_ratio = v["strong_coupling_phase_bound"] / v["mean_phase_preset"]
        out.append(Claim.check(
            "weak-collisions", f"{s} Sec. V",
            "Strong coupling needs ⟨φ⟩ ≪ √(q p_A p_B n_A/n_B) < 1 (ours: bound/⟨φ⟩, bound)",
            "≫ 1", f"{phase_ratio:.4g}; {v['strong_coupling_phase_bound']:.3g}",
            phase_ratio >= MUCH_LARGER and v["strong_coupling_phase_bound"] < 1.0,
            "'≫' read as ≥ 10"))
        out.append(explained(Claim.close(
            "compensation-field", f"{s} Sec. VII A",
            "Field of the compensation point Δ(B) = 0 (mG)", 94.0, v["compensation_field_mg"],
            abs=0.5, reason="the paper prints the integer 94"),
            f"Δ(B) = (g_A − g_B)B + ζ(p_A n_A q − p_B n_B)/2 = 0 with the paper's inputs gives "
            f"{v['compensation_field_mg']:.1f} mG; q cancels between ζ = vσ⟨φ⟩/q and "
            "g_A = γ_e/q, so no choice of q convention changes it. 94 mG would need "
            "ζ p_B n_B 9.8 % larger than the stated vσ⟨φ⟩ = 2e-14 cm³/s, n_B = 2e20 cm⁻³, "
            "p_B = 0.75 give."))
        out.append(explained(Claim.close(
            "noble-larmor", f"{s} Sec. VII A",
            "Noble-gas Larmor frequency g_B B at the compensation field (Hz)", 300.0,
            v["noble_larmor_hz"], rel=0.05,
            reason="the paper's 300 Hz is its 94 mG × 3.243 kHz/G = 305 Hz rounded: "
            "about 2 % precision, allowed 5 %"),
            f"Follows from the compensation field: {v['compensation_field_mg']:.1f} mG × "
            f"3.243 kHz/G = {v['noble_larmor_hz']:.1f} Hz. The paper's two numbers are "
            "consistent with each other (94 mG gives 305 Hz), but its 94 mG does not follow "
            "from its inputs (claim compensation-field)."))
        out.append(Claim.check(
            "switch-decouples", f"{s} Fig. 7 caption, Sec. V",
            "Detuning to B = 180 mG decouples the gases, |Δ| ≫ J (ours: |Δ(180 mG)|/J)",
            "≫ 1", round(abs(v["switch_detuning_over_j"]), 1),
            abs(v["switch_detuning_over_j"]) >= 10 * MUCH_LARGER,
            "'≫' read as ≥ 100 (residual exchange J/Δ ≤ 1 %)"))
        out.append(Claim.close(
            "mean-field-linearisation", f"{s} Eqs. (1), (25), (26)",
            "J fitted to the small-tilt evolution of the mean-field Eq. (1) at the "
            "compensation field, against J of Eq. (26) (s⁻¹)", v["coupling_rate"],
            v["mean_field_coupling_fit"], rel=1e-4,
            reason="ODE rtol 1e-11; tilt 1e-3 gives O(ε²) = 1e-6 nonlinearity"))
        return out

    @staticmethod
    def _claims_fig2(data) -> list[Claim]:
        s, a = SOURCE, data.attrs
        quick = bool(int(a.get("quick", 0)))
        tag = " [quick: ⟨φ⟩ = {:g}]"
        out = []
        # 8: collective oscillation rate from the weak-collision single trajectory.
        phase_c = float(a["fig2c_mean_phase_rad"])
        na, nb = int(a["fig2c_n_alkali"]), int(a["fig2c_n_noble"])
        two_j = math.sqrt(na / nb) * phase_c
        omega = float(data["fig2c_oscillation_rate_fit"])
        out.append(Claim.close(
            "fig2c-rate", f"{s} Sec. III C, Eq. (8), Fig. 2(c)",
            "Rate of the collective oscillation of F_10 (fit) against 2J = √(N_A/N_B)⟨φ⟩/τ, "
            f"⟨φ⟩ = {phase_c:g} (ratio)" + (" [quick run]" if quick else ""),
            1.0, omega / two_j, rel=0.02,
            reason="the paper's field g_A B τ = ⟨φ⟩/2 leaves a detuning √(N_A/N_B)J, which "
            "raises the rate by 0.13 %; 2 % allows the fit over three periods"))
        f10c, f01c = data["fig2c_fidelity_10"].values, data["fig2c_fidelity_01"].values
        jt_c = data["jt_2c"].values
        first = jt_c <= math.pi
        contrast = float(min(f01c[first].max(), f10c[jt_c >= 2 * math.pi].max()))
        out.append(Claim.check(
            "fig2c-contrast", f"{s} Sec. III C, Fig. 2(c)",
            "Weak collisions: high-contrast oscillations with nearly no decay (ours: min of "
            "max F_01 in the first period and max F_10 in the third)" +
            (tag.format(phase_c) if quick else ""), "≈ 1", round(contrast, 5),
            contrast >= 0.95, "'high contrast, nearly no decay' read as ≥ 0.95"))
        # 9: localised excitation.
        f01d = data["fig2d_fidelity_01"].values
        n_a_d = int(a["fig2d_n_alkali"])
        out.append(Claim.close(
            "fig2d-localised", f"{s} Sec. III C, Fig. 2(d)",
            "Localised excitation: the oscillation of F_01 scales with the overlap "
            "|⟨1|↑↓…↓⟩|² = 1/N_A (ours: N_A max_t F_01)", 1.0, float(n_a_d * f01d.max()),
            rel=0.2, reason="only the symmetric component (weight 1/N_A) is exchanged; the "
            "detuning and the leakage change it by < 1 %, 20 % for 'scales with'"))
        pop_b = data["fig2b_population_noble"].values
        f01b = data["fig2b_fidelity_01"].values
        ok = pop_b[-1] >= 0.5 and f01b.max() <= 2.0 / int(a["fig2b_n_alkali"])
        out.append(Claim.check(
            "fig2b-incoherent", f"{s} Fig. 2(b)",
            "⟨φ⟩ = 2e-2, localised excitation: incoherently transferred to the noble gas (ours: "
            "noble-gas population at the end, N_A max F_01)", "transferred, F_01 ~ 1/N_A",
            f"{pop_b[-1]:.3f}; {int(a['fig2b_n_alkali']) * f01b.max():.2f}", bool(ok),
            "population ≥ 0.5 at Jt = 3π while max F_01 ≤ 2/N_A"))
        # 10: decay constant α at ⟨φ⟩ = 2e-2.
        alpha_f, se_f = float(data["fig2a_alpha_fidelity"]), float(data["fig2a_alpha_fidelity_se"])
        alpha_a, se_a = float(data["fig2a_alpha_amplitude"]), float(
            data["fig2a_alpha_amplitude_se"])
        ok = 0.0 < alpha_f and alpha_f - 2 * se_f <= 1.0
        derived = 2 * float(a["fig2a_leakage_rate_per_step"]) / (
            float(a["fig2a_mean_phase_rad"]) ** 2 + float(a["fig2a_phase_spread_rad"]) ** 2)
        out.append(Claim.check(
            "fig2a-decay-alpha", f"{s} Sec. III C, Fig. 2(a)",
            "⟨φ⟩ = 2e-2: F_10, F_01 decay at γ_A = α⟨φ²⟩/4τ with α ≤ 1 (ours: α fitted to the "
            "trajectory-averaged fidelities ± standard error; first-order prediction "
            "2Γ/⟨φ²⟩ for δφ = ⟨φ⟩)", "α ≤ 1",
            f"{alpha_f:.3f} ± {se_f:.3f} (predicted {derived:.3f})", bool(ok),
            "0 < α and α − 2σ ≤ 1"))
        phi_a, dphi_a = float(a["fig2a_mean_phase_rad"]), float(a["fig2a_phase_spread_rad"])
        alpha_mean = (phi_a ** 2 / 2 + dphi_a ** 2) / (phi_a ** 2 + dphi_a ** 2)
        out.append(explained(Claim.close(
            "fig2a-mean-field-rate", f"{s} Sec. III C, Eq. (1)",
            "⟨φ⟩ = 2e-2: 'the observed decay rate fully agrees with the mean-field relaxation "
            "rate n_B k_SE = ⟨φ²⟩/4τ', i.e. α = 1 (ours: α fitted to the trajectory-averaged "
            "amplitudes ⟨a⟩, ⟨b⟩, the mean field)", 1.0, alpha_a, abs=3 * se_a + 0.05,
            reason=f"3σ (σ = {se_a:.3f}) + 0.05 for the incoherent back-transfer "
            "√(N_A/N_B)⟨φ²⟩/4 ≈ 0.1γ_A that the fit model omits"),
            "One collision multiplies the alkali amplitude (partner down) by "
            "e^{iφ/2}cos(φ/2) = (1 + e^{iφ})/2, whose average has modulus "
            "|1 + e^{i⟨φ⟩ − δφ²/2}|/2 ≈ 1 − ⟨φ⟩²/8 − δφ²/4: the mean field decays at "
            "α⟨φ²⟩/4τ with α = (⟨φ⟩²/2 + δφ²)/⟨φ²⟩, which is 1 (n_B k_SE) only for "
            f"δφ ≫ ⟨φ⟩. With the paper's δφ = ⟨φ⟩, α = {alpha_mean:.3f}; we fit "
            f"{alpha_a:.3f} ± {se_a:.3f}, the same as from the fidelities (claim "
            "fig2a-decay-alpha). The paper's own 'α ≤ 1, α = 1 when δφ ≫ ⟨φ⟩' agrees with this; "
            "'fully agrees with n_B k_SE' does not for δφ = ⟨φ⟩."))
        f01a_max = float(data["fig2a_fidelity_01"].values.max())
        out.append(Claim.check(
            "fig2a-fidelity-reduced", f"{s} Sec. III C, Figs. 2(a), (c)",
            "Stronger collisions reduce the exchange fidelity (ours: max F_01, averaged at "
            f"⟨φ⟩ = 2e-2, single trajectory at ⟨φ⟩ = {phase_c:g})", "(a) < (c)",
            f"{f01a_max:.3f} < {f01c.max():.4f}", f01a_max < float(f01c.max()), "strict"))
        # 11: Eqs. (7)-(9), leakage ε².
        eps2 = float(data["fig2c_leakage_at_t_pi"])
        jt_over_eps = (math.pi / 2) / math.sqrt(eps2)
        out.append(Claim.check(
            "eq9-deterministic-dominates", f"{s} Sec. III D, Eqs. (7)-(9)",
            f"Jt ≫ ε: deterministic transfer dominates the stochastic amplitude (ours: Jt/ε at "
            f"Jt = π/2, ⟨φ⟩ = {phase_c:g}, ε² = weight on non-symmetric states)", "≫ 1",
            round(jt_over_eps, 2), jt_over_eps >= MUCH_LARGER, "'≫' read as ≥ 10"))
        phi2_c = phase_c ** 2 + float(a["fig2c_phase_spread_rad"]) ** 2
        gamma_c = float(data["fig2c_leakage_rate_fit"])
        out.append(explained(Claim.close(
            "eq9-leakage-rate", f"{s} Eq. (9), App. A",
            f"ε² → ⟨φ²⟩t/2τ: fitted leakage rate Γ over ⟨φ²⟩/2 (⟨φ⟩ = δφ = {phase_c:g}, one "
            "trajectory)", 1.0, gamma_c / (phi2_c / 2), rel=0.1,
            reason="first-order regime (ε² ≪ 1); self-averaging sum over N_B spins"),
            "Eq. (9) assumes all collisions uncorrelated (App. A), i.e. δφ ≫ ⟨φ⟩. With the "
            "paper's δφ = ⟨φ⟩ the pairing of the fixed alkali spin with random partners "
            "correlates successive collisions of one atom: to first order "
            "Γ = ¼[⟨φ²⟩ + δφ²(1 − 1/N_A − 1/N_B) − (N_A/N_B)⟨φ⟩²] = "
            f"{float(a['fig2c_leakage_rate_per_step']) / (phi2_c / 2):.3f} × ⟨φ²⟩/2, which the "
            "simulation reproduces (claim eq9-leakage-derived); Eq. (9) is its δφ ≫ ⟨φ⟩ "
            "limit, the α = 1 of Sec. III C."))
        out.append(Claim.close(
            "eq9-leakage-derived", f"{s} App. A (δφ = ⟨φ⟩)",
            "Fitted leakage rate Γ against the first-order Γ = ¼[⟨φ²⟩ + δφ²(1 − 1/N_A − 1/N_B)"
            f" − (N_A/N_B)⟨φ⟩²] (ratio; ⟨φ⟩ = {phase_c:g})", 1.0,
            gamma_c / float(a["fig2c_leakage_rate_per_step"]), rel=0.1,
            reason="first-order regime; self-averaging sum over N_B spins"))
        gamma_a, se_g = float(data["fig2a_leakage_rate_fit"]), float(
            data["fig2a_leakage_rate_fit_se"])
        out.append(Claim.close(
            "fig2a-leakage-derived", f"{s} App. A (δφ = ⟨φ⟩), Fig. 2(a)",
            "⟨φ⟩ = 2e-2, averaged: fitted leakage rate (window ε² ≤ 0.1) against the "
            "first-order Γ (ratio)", 1.0, gamma_a / float(a["fig2a_leakage_rate_per_step"]),
            rel=0.1 + 3 * se_g / float(a["fig2a_leakage_rate_per_step"]),
            reason="10 % for the second-order return flux at ε² ≤ 0.1, plus 3σ statistics"))
        # 12: Hong-Ou-Mandel bunching.
        jt_e = data["jt_2e"].values
        f11, f20, f02 = (data[f"fig2e_fidelity_{k}"].values for k in ("11", "20", "02"))
        half = jt_e <= math.pi / 2
        i_min = int(np.argmin(np.where(half, f11, np.inf)))
        phase_e = float(a["fig2e_mean_phase_rad"])
        ok = (abs(jt_e[i_min] / (math.pi / 4) - 1) <= 0.05 and f11[i_min] <= 0.05
              and abs(f20[i_min] - 0.5) <= 0.05 and abs(f02[i_min] - 0.5) <= 0.05)
        out.append(Claim.check(
            "fig2e-hom-bunching", f"{s} Sec. III C, Fig. 2(e)",
            "|1⟩_A|1⟩_B bunches into (|2,0⟩ + |0,2⟩)/√2: F_11 → 0, F_20 ≈ F_02 ≈ ½ at "
            "Jt = π/4 for H = J(a†b + b†a) (ours: Jt of the first F_11 minimum, F_11, F_20, "
            f"F_02 there; N_A = 30, N_B = 300, ⟨φ⟩ = {phase_e:g})", "π/4 = 0.785; 0; ½; ½",
            f"{jt_e[i_min]:.3f}; {f11[i_min]:.4f}; {f20[i_min]:.3f}; {f02[i_min]:.3f}",
            bool(ok), "Jt within 5 % (finite-N matrix elements √(29/30), detuning), "
            "fidelities within 0.05 (leakage, fluctuations)"))
        i_pi2 = int(np.argmin(np.abs(jt_e - math.pi / 2)))
        out.append(explained(Claim.close(
            "fig2e-bunching-time", f"{s} Sec. III C",
            "'At t = πm/2J for any integer m the two excitations are bunched': F_11 at "
            "Jt = π/2 (m = 1)", 0.0, float(f11[i_pi2]), abs=0.05,
            reason="same as fig2e-hom-bunching"),
            "With J of Eq. (8) (2J = √(N_A/N_B)⟨φ⟩/τ, the paper's own definition) a 50:50 "
            "beam splitter needs Jt = π/4: the amplitude of |1,1⟩ is cos 2Jt, so bunching "
            "happens at Jt = π/4 + mπ/2, and at Jt = mπ/2 the state is back to |1,1⟩ "
            f"(F_11 = {f11[i_pi2]:.3f} in the simulation). The statement holds with πm/2J "
            "replaced by π(2m + 1)/4J."))
        return out

    @staticmethod
    def _claims_two_mode(data) -> list[Claim]:
        s = SOURCE
        out = []
        # Fig. 3
        exc_a = data["fig3a_alkali_excitations"].values
        gt_a = data["gt_3a"].values
        rate = -np.polyfit(gt_a, np.log(exc_a), 1)[0] / 2
        nb_a = float(data["fig3a_noble_excitations"].max()) / FIG3_EXCITATIONS
        out.append(Claim.close(
            "fig3a-decay", f"{s} Fig. 3(a)",
            "Decoupled (Δ = 10J = 600γ): the alkali excitations decay at rate γ (ours: half "
            "the log-slope of ⟨a†a⟩, in γ)", 1.0, float(rate), rel=0.05,
            reason="the residual exchange modulates ⟨a†a⟩ by ≤ 4J²/(Δ² + 4J²) ≈ 4 %"))
        out.append(Claim.check(
            "fig3a-negligible-exchange", f"{s} Fig. 3(a)",
            "Decoupled: negligible exchange with the noble gas (ours: max ⟨b†b⟩/⟨a†a⟩(0))",
            "negligible", round(nb_a, 5), nb_a <= 0.05, "'negligible' read as ≤ 5 %"))
        nb_b = data["fig3b_noble_excitations"].values / FIG3_EXCITATIONS
        ok = 0.0 < nb_b.max() < 0.5 and nb_b[-1] < nb_b.max()
        out.append(Claim.check(
            "fig3b-partial", f"{s} Fig. 3(b)",
            "Overdamped (γ = 10J): partial transfer, the noble gas thermalises before the "
            "transfer completes (ours: max ⟨b†b⟩/⟨a†a⟩(0), value at γt = 100)", "partial",
            f"{nb_b.max():.4f}; {nb_b[-1]:.4f}", bool(ok),
            "0 < max < 50 %, and decaying by the end"))
        gt_c = data["gt_3c"].values
        t_pi = math.pi / (2 * float(data["fig3c_coupling_over_gamma"]))
        i_pi = int(np.argmin(np.abs(gt_c - t_pi)))
        stored = data["fig3c_noble_excitations_stored"].values / FIG3_EXCITATIONS
        drift = float(np.abs(stored[i_pi:] - stored[i_pi]).max() / stored[i_pi])
        ok = stored[i_pi] >= 0.95 and drift <= 1e-3
        out.append(Claim.check(
            "fig3c-transfer-and-store", f"{s} Fig. 3(c)",
            "Strong coupling (J = 57γ): coherent transfer at T_π and storage after the switch "
            "(ours: ⟨b†b⟩(T_π)/⟨a†a⟩(0), largest relative change of the stored ⟨b†b⟩ after T_π)",
            "≈ 1; constant", f"{stored[i_pi]:.4f}; {drift:.1e}", bool(ok),
            "transfer ≥ 0.95 (first order 1 − πγ/4J = 0.986); stored change ≤ 1e-3"))
        # Fig. 4(a), Eqs. (34), (35)
        gamma_over_j = 1.0 / FIG4_COUPLING
        x = 2 * math.pi * gamma_over_j / 2
        out.append(Claim.close(
            "eq34-fock-transfer", f"{s} Eq. (34), Fig. 4(a)",
            "Fock-state transfer fidelity |α(T_π)|² for m = 2, J = 55γ: 1 − mπγ/2J against the "
            "exact Lindblad evolution", float(data["fig4a_fock_fidelity_eq34"]),
            float(data["fig4a_fock_fidelity_t_pi"]), abs=x ** 2,
            reason="Eq. (34) is first order; the neglected (γ/J)² term is "
            "(mπγ/2J)²/2 + mγ²/4J², allowed (mπγ/2J)² = 3.3e-3"))
        ent, eq35 = float(data["entanglement_fidelity_exact"]), float(
            data["entanglement_fidelity_eq35"])
        corrected = float(data["entanglement_fidelity_first_order"])
        out.append(explained(Claim.close(
            "eq35-entanglement", f"{s} Eq. (35)",
            "Entanglement fidelity |α(T_π/2)|² = 1 − πγ/4J (m = 1, J = 55γ) against the exact "
            "evolution", eq35, ent, abs=(math.pi * gamma_over_j / 4) ** 2,
            reason="first-order formula: the second order (πγ/4J)² = 2e-4"),
            f"The strong-coupling solution (F3) drops −(γ/2J̃) sin(J̃t) a of (F1), first order "
            f"in γ/J; it vanishes at T_π but not at T_π/2. The exact no-jump amplitude gives "
            f"e^{{−πγ/4J}}(1 − γ/4J)² = 1 − (π + 2)γ/4J = {corrected:.5f} to first order, "
            f"within {abs(ent - corrected):.1e} of the exact {ent:.5f}."))
        ent_p = float(data["entanglement_fidelity_paper_phase"])
        out.append(explained(Claim.close(
            "eq35-phase", f"{s} Eqs. (32), (35)",
            "Overlap of the state at T_π/2 with the printed (|1,0⟩ + i|0,1⟩)/√2", eq35, ent_p,
            abs=(math.pi * gamma_over_j / 4) ** 2, reason="as eq35-entanglement"),
            "Eq. (28) (H = J(a†b + b†a)) evolves |1,0⟩ into cos(Jt)|1,0⟩ − i sin(Jt)|0,1⟩; "
            "the printed +i state is orthogonal to it at T_π/2 (overlap "
            f"{ent_p:.1e}); with −i the overlap is {ent:.5f}. Eqs. (32), (35), (F7) carry the "
            "sign of the Heisenberg solution a(t), not of the state."))
        # Fig. 4(b), Eq. (38)
        out.append(Claim.close(
            "eq38-squeezing", f"{s} Eq. (38), Fig. 4(b)",
            "⟨ΔP_B²(T_π)⟩ after transferring 7 dB (p = 1, J = 55γ): Eq. (38) against the exact "
            "Gaussian dynamics", float(data["fig4b_var_p_noble_eq38"]),
            float(data["fig4b_var_p_noble_t_pi_full"]), abs=(math.pi * gamma_over_j / 2) ** 2 / 4,
            reason="Eq. (38) is first order in γ/J: second order (πγ/2J)² on a variance of "
            "scale 1/4"))
        for cid, key, paper, desc in (
                ("fig4b-initial-xa-full", "fig4b_initial_var_x_alkali_full", 0.05,
                 "⟨ΔX_A²⟩(0) squeezed by 7 dB, p_A = 1"),
                ("fig4b-initial-xa-partial", "fig4b_initial_var_x_alkali_partial", 0.053,
                 "⟨ΔX_A²⟩(0) squeezed by 7 dB from 1/4p_A, p_A = 0.95"),
                ("fig4b-initial-pb-partial", "fig4b_initial_var_p_noble_partial", 1 / 3,
                 "⟨ΔP_B²⟩(0) = 1/4p_B, p_B = 0.75")):
            out.append(Claim.close(
                cid, f"{s} Sec. VI B, Fig. 4(b)", desc, paper, float(data[key]),
                abs=0.0005 if paper != 1 / 3 else 1e-12,
                reason="half a unit of the last printed digit" if paper != 1 / 3 else
                "exact: 1/(4 p_B)"))
        db0 = 10 * math.log10(float(data["fig4b_initial_var_p_noble_partial"]) / 0.25)
        out.append(explained(Claim.close(
            "fig4b-caption-db", f"{s} Fig. 4(b) caption",
            "Initial noble-gas variance of the partially polarised case relative to vacuum "
            "(dB)", -1.25, db0, abs=0.005, reason="half a unit of the last printed digit"),
            f"1/(4p_B) = 1/3 is above the vacuum 1/4: 10 log₁₀(4/3) = +{db0:.3f} dB, an "
            "anti-squeezed (noisier) variance; the caption's sign is wrong, the text's 1/3 is "
            "right (claim fig4b-initial-pb-partial)."))
        full_end = float(data["fig4b_var_p_noble_t_pi_full"])
        part_end = float(data["fig4b_var_p_noble_t_pi_partial"])
        ok = full_end < 0.25 and part_end < 0.25
        out.append(Claim.check(
            "fig4b-squeezed-both", f"{s} Fig. 4(b), Sec. VI B",
            "In both cases the noble gas is squeezed by the end of the exchange (ours: "
            "⟨ΔP_B²(T_π)⟩, p = 1 and p_A = 0.95, p_B = 0.75; vacuum 0.25)", "< 0.25",
            f"{full_end:.4f}; {part_end:.4f}", bool(ok), "strict"))
        # Fig. 5
        exact = data["fig5_transferred_db_exact"]
        db_in = data["input_squeezing_db"].values
        positive = exact.values[:, db_in > 0]
        ok = bool(np.all(positive > 0))
        out.append(Claim.check(
            "fig5-always-squeezed", f"{s} Sec. VI B, Fig. 5",
            "Any initial squeezing ⟨ΔX_A²⟩ < 1/4 leaves P_B squeezed below the vacuum at T_π "
            "(ours: smallest transferred dB over inputs > 0 dB and all J/γ)", "> 0 dB",
            round(float(positive.min()), 4), ok, "strict, on the whole grid"))
        ordered = bool(np.all(np.diff(positive, axis=0) > 0))
        out.append(Claim.check(
            "fig5-range-grows-with-j", f"{s} Fig. 5 caption",
            "The transfer extends to higher squeezing as J/γ grows (ours: transferred dB "
            "strictly increasing in J/γ at every input > 0 dB)", True, ordered, ordered,
            "strict ordering on the grid"))
        ratios = data["coupling_over_gamma"].values
        i55 = int(np.argmin(np.abs(ratios - FIG4_COUPLING)))
        limit = -10 * math.log10(math.pi / (2 * ratios[i55]))
        out.append(Claim.close(
            "fig5-large-squeezing-limit", f"{s} Sec. VI B after Eq. (38)",
            "Large initial squeezing: the variance is limited to a fraction πγ/2J of the "
            f"vacuum noise (J = 55γ; ours: exact transfer of {FIG5_LARGE_DB:g} dB, in dB)",
            limit, float(data["fig5_transferred_db_large_input"].values[i55]),
            abs=10 * math.log10(1 + math.pi / (2 * ratios[i55])),
            reason="first-order limit: relative (πγ/2J) correction to the variance"))
        return out

    @staticmethod
    def _claims_fig6(data) -> list[Claim]:
        s = SOURCE
        x = data["gamma_t"].values
        out = []
        short = (x >= 1e-3) & (x <= 1e-2)
        long = (x >= 1e2) & (x <= 1e3)
        slope_init = np.polyfit(np.log(x[short]), np.log(data["fig6_init_vacuum"].values[short]),
                                1)[0]
        slope_f = np.polyfit(np.log(x[long]), np.log(data["fig6_relaxation"].values[long]), 1)[0]
        out.append(Claim.close(
            "fig6-init-slope", f"{s} Eq. (42), Fig. 6",
            "δB_init ∝ 1/T at T ≪ 1/γ̃_B (ours: log-log slope for γ̃_B T ∈ [1e-3, 1e-2])",
            -1.0, float(slope_init), abs=0.05,
            reason="corrections O(γ̃_B T) ≤ 1e-2 over the fitted decade"))
        out.append(Claim.close(
            "fig6-relaxation-slope", f"{s} Eq. (43), Fig. 6",
            "δB_F ∝ 1/√T at T ≫ 1/γ̃_B (ours: log-log slope for γ̃_B T ∈ [1e2, 1e3])",
            -0.5, float(slope_f), abs=0.05,
            reason="corrections O(1/γ̃_B T) ≤ 1e-2 over the fitted decade"))
        tc_v, tc_s = float(data["fig6_crossover_vacuum"]), float(data["fig6_crossover_squeezed"])
        ok = 0.1 <= tc_v <= 10 and 0.1 <= tc_s <= 10 and tc_s < tc_v
        out.append(Claim.check(
            "fig6-crossover", f"{s} Sec. VI C, Fig. 6",
            "The threshold between the two regimes is set by 1/γ̃_B; squeezing moves it "
            "earlier (ours: γ̃_B T where δB_init = δB_F, vacuum and 7 dB)", "~1",
            f"{tc_v:.3f}; {tc_s:.3f}", bool(ok),
            "γ̃_B T_c ∈ [0.1, 10] for both, squeezed < vacuum"))
        gain = float(data["fig6_init_squeezed"].values[0] / data["fig6_init_vacuum"].values[0])
        rho = float(data["fig6_relative_alkali_response"])
        out.append(Claim.close(
            "fig6-squeezing-gain", f"{s} Eq. (42), Fig. 6 (shaded)",
            "Initial noble-gas squeezing (7 dB) lowers δB_init at T ≪ 1/γ̃_B by "
            "√(10^(−0.7)) (ratio squeezed/vacuum)", math.sqrt(10 ** (-SQUEEZING_DB / 10)), gain,
            rel=1e-3, reason="the unsqueezed alkali term J²⟨ΔP_A²⟩/Δ² = 1e-4 of ⟨ΔP_B²⟩"))
        eq42 = float(data["fig6_eq42_vacuum"].values[0])
        ours42 = float(data["fig6_init_vacuum"].values[0])
        out.append(Claim.close(
            "eq42-short-time", f"{s} Eq. (42), App. G",
            "δB_init from G14 + G16 at γ̃_B T = 1e-3 against Eq. (42) as printed (normalised)",
            eq42, ours42, rel=abs(rho) + 2 * x[0],
            reason=f"Eq. (42) drops ϱ = {rho:.4f} of (G15) and O(γ̃_B T)"))
        eq43 = float(data["fig6_eq43"].values[-1])
        ours43 = float(data["fig6_relaxation"].values[-1])
        out.append(explained(Claim.close(
            "eq43-prefactor", f"{s} Eq. (43), App. G",
            "δB_F from G14 + G17 at γ̃_B T = 1e3 against Eq. (43) as printed (normalised)",
            eq43, ours43, rel=abs(rho) + 0.05,
            reason=f"ϱ = {rho:.4f} plus O(1/√(γ̃_B T)) corrections"),
            f"The γ̃T ≫ 1 limit of (G14) and (G17) is (2√2/g_B)√(γ̃_B/(T N_B p_B)); Eq. (43) "
            f"prints 1/(8g_B), 16√2 ≈ 22.6 times smaller (ours/paper = {ours43 / eq43:.2f}). "
            "The exact lock-in statistics of the same Langevin model agree with G14 + G17 "
            "(markers in Fig. 6), so the printed prefactor is the error."))
        exact_f = data["fig6_relaxation_exact"]
        closed_f = np.interp(np.log(data["gamma_t_exact"].values), np.log(x),
                             data["fig6_relaxation"].values)
        exact_i = data["fig6_init_vacuum_exact"]
        closed_i = np.interp(np.log(data["gamma_t_exact"].values), np.log(x),
                             data["fig6_init_vacuum"].values)
        xs = data["gamma_t_exact"].values
        use = xs >= 1.0
        dev = float(max(np.abs(exact_f.values[use] / closed_f[use] - 1).max(),
                        np.abs(exact_i.values[use] / closed_i[use] - 1).max()))
        out.append(Claim.close(
            "fig6-closed-vs-exact", f"{s} App. G, Eqs. (G14)-(G17)",
            "Closed forms (detuned expansion) against the exact lock-in moments of the "
            "Langevin model (G1), largest relative deviation at γ̃_B T ≥ 1", 0.0, dev,
            abs=0.05, reason="detuned expansion to O(J/Δ) = 1e-2 and ϱ; log interpolation"))
        return out

    @staticmethod
    def _claims_fig7(data) -> list[Claim]:
        s = SOURCE
        out = []
        jt = data["jt_7"].values
        i_pi = int(np.argmin(np.abs(jt - math.pi / 2)))
        n_modes = int(data.attrs["fig7_n_modes"])
        fm, f2 = data["fig7a_fock_multimode"].values, data["fig7a_fock_two_mode"].values
        i_max = int(np.argmax(fm))
        ok = (fm[i_pi] < f2[i_pi] and abs(jt[i_max] / (math.pi / 2) - 1) <= 0.1
              and fm.max() >= 0.5 * f2.max())
        out.append(Claim.check(
            "fig7a-multimode-fock", f"{s} Sec. VII B, Fig. 7(a)",
            "Multimode Fock exchange decays faster than the two-mode one but is qualitatively "
            f"similar ({n_modes} modes; ours: P(2) at T_π multimode vs two-mode, Jt of the "
            "multimode maximum, max ratio)", "lower; max at T_π; similar",
            f"{fm[i_pi]:.4f} vs {f2[i_pi]:.4f}; {jt[i_max]:.3f}; {fm.max() / f2.max():.3f}",
            bool(ok), "lower at T_π, maximum within ±10 % of T_π, ≥ 50 % of the two-mode "
            "maximum (fixed in advance)"))
        vm, v2 = data["fig7b_var_p_noble_multimode"].values, data[
            "fig7b_var_p_noble_two_mode"].values
        i_min = int(np.argmin(vm))
        ok = (v2[i_pi] < vm[i_pi] < 0.25 and abs(jt[i_min] / (math.pi / 2) - 1) <= 0.1)
        out.append(Claim.check(
            "fig7b-multimode-squeezing", f"{s} Sec. VII B, Fig. 7(b)",
            "Multimode squeezing transfer is worse than the two-mode one but still squeezes "
            "the uniform noble-gas mode (ours: ⟨ΔP_B²⟩(T_π) multimode vs two-mode, Jt of the "
            "multimode minimum)", "worse; < 0.25; min at T_π",
            f"{vm[i_pi]:.4f} vs {v2[i_pi]:.4f}; {jt[i_min]:.3f}", bool(ok),
            "two-mode < multimode < 1/4 at T_π, minimum within ±10 % of T_π"))
        na, nb = float(data["fig7_nbar_alkali"]), float(data["fig7_nbar_noble"])
        out.append(explained(Claim.close(
            "fig7-alkali-occupation", f"{s} Sec. VII B",
            "Initial incoherent alkali excitations per mode for p_A = 0.95 (ours: "
            "n̄ = (1 − p)/(2p), Sec. VIII)", 0.05, na, abs=0.005,
            reason="half a unit of the last printed digit"),
            f"n̄_A = (1 − p_A)/(2p_A) = {na:.4f} (Sec. VIII; δp/2 to first order in "
            "Eqs. C8-C9); the paper's 0.05 is 1 − p_A = δp, without the 1/2. The noble-gas "
            "value 0.17 does follow (1 − p_B)/(2p_B) (claim fig7-noble-occupation). We use "
            "(1 − p)/(2p) for both."))
        out.append(Claim.close(
            "fig7-noble-occupation", f"{s} Sec. VII B",
            "Initial incoherent noble-gas excitations per mode for p_B = 0.75", 0.17, nb,
            abs=0.005, reason="half a unit of the last printed digit"))
        return out

    # ================================================================== figures
    def plot(self, data: xr.Dataset, out_dir: Path) -> list[Path]:
        from spinthermo.studies.noble_gas_figures import draw_all

        return draw_all(data, out_dir)


__all__ = ["NobleGasStudy", "fit_decay_alpha", "fit_leakage_rate", "fit_oscillation_rate"]
