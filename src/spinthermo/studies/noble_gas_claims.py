"""Claims of the ``noble-gas`` study (seed 002): the paper's numbers against the dataset.

Every claim is computed from the study's :class:`xarray.Dataset` alone (what
:class:`~spinthermo.studies.noble_gas.NobleGasStudy` computed, see its docstring for the
figures) and the study's fixed settings (:mod:`spinthermo.studies.noble_gas_settings`): the
parameters of Sec. VII A and Eq. (18), the stochastic simulation of Fig. 2 (Sec. III C, Eqs.
7–9, App. A), the two-mode results of Figs. 3–5 (Eqs. 34, 35, 38), the magnetometer of Fig. 6
(Eqs. 42, 43, App. G) and the multimode exchange of Fig. 7 (Sec. VII B). Each tolerance says
why; a claim the paper's model cannot reach fails with an explanation.
"""

from __future__ import annotations

import math

import numpy as np
import xarray as xr

from spinthermo.studies.contract import Claim, explained
from spinthermo.studies.noble_gas_settings import (
    FIG3_EXCITATIONS,
    FIG4_COUPLING,
    FIG5_LARGE_DB,
    SOURCE,
    SQUEEZING_DB,
)

__all__ = ["MUCH_LARGER", "claims"]

#: "≫" read as an order of magnitude.
MUCH_LARGER = 10.0


def claims(data: xr.Dataset) -> list[Claim]:
    """All claims of seed 002, in the order of the paper's sections, from the study's data."""
    return (_parameters(data) + _fig2(data) + _two_mode(data) + _fig6(data)
            + _fig7(data))


def _parameters(data: xr.Dataset) -> list[Claim]:
    """Seed 002 Secs. II, V, VII A, Eqs. (1), (18), (26): q, ζ, J, γ, fields of the cell."""
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


def _fig2(data: xr.Dataset) -> list[Claim]:
    """Seed 002 Sec. III C–D, Eqs. (7)–(9), App. A, Fig. 2: the stochastic simulation."""
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


def _two_mode(data: xr.Dataset) -> list[Claim]:
    """Seed 002 Sec. VI, Eqs. (34), (35), (38), Figs. 3–5: the two-mode exchange."""
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


def _fig6(data: xr.Dataset) -> list[Claim]:
    """Seed 002 Sec. VI C, Eqs. (41)–(43), App. G, Fig. 6: the hybrid magnetometer."""
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


def _fig7(data: xr.Dataset) -> list[Claim]:
    """Seed 002 Sec. VII B, Fig. 7: the multimode exchange against the two-mode model."""
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
