"""Figures 2–7 of seed 002 (and one figure of checks), drawn from the saved ``noble-gas``
dataset only (see :mod:`spinthermo.studies.noble_gas`)."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import xarray as xr
from matplotlib.figure import Figure

from spinthermo.studies.output import save_study_figure

#: Colours: alkali blue, noble gas red, the |1,1⟩ state green, references black.
ALKALI, NOBLE, BOTH, REF = "C0", "C3", "C2", "k"


def _letter(ax, letter: str) -> None:
    ax.text(0.02, 0.96, f"({letter})", transform=ax.transAxes, va="top", fontweight="bold")


def _phase_note(data: xr.Dataset, panel: str) -> str:
    a = data.attrs
    return (f"⟨φ⟩ = {float(a[f'fig{panel}_mean_phase_rad']):g}, "
            f"N_A = {int(a[f'fig{panel}_n_alkali'])}, N_B = {int(a[f'fig{panel}_n_noble'])}, Jτ = "
            f"{float(a[f'fig{panel}_coupling_rad_per_step']):.3g}")


def _pi_ticks(ax, max_jt: float, step: float = math.pi / 2) -> None:
    ticks = np.arange(0.0, max_jt + 1e-9, step)
    ax.set_xticks(ticks)
    ax.set_xticklabels([_pi_label(t) for t in ticks])


def _pi_label(x: float) -> str:
    k = round(4 * x / math.pi)
    if k == 0:
        return "0"
    num, den = (k, 4) if k % 2 else ((k // 2, 2) if k % 4 else (k // 4, 1))
    top = "π" if num == 1 else f"{num}π"
    return top if den == 1 else f"{top}/{den}"


def _ensemble_panel(ax, data: xr.Dataset, panel: str, letter: str, title: str) -> None:
    jt = data[f"jt_{panel}"].values
    for name, color, label in (("fidelity_10", ALKALI, "F_10"), ("fidelity_01", NOBLE, "F_01")):
        mean = data[f"fig{panel}_{name}"].values
        se = data[f"fig{panel}_{name}_se"].values
        ax.plot(jt, mean, color=color, lw=1.4, label=f"{label}, mean")
        ax.fill_between(jt, mean - 2 * se, mean + 2 * se, color=color, alpha=0.25, lw=0)
        ax.plot(jt, data[f"fig{panel}_{name}_single"].values, color=color, lw=0.5, alpha=0.7,
                label=f"{label}, one trajectory")
    if panel == "2a":
        for name in ("fidelity_10", "fidelity_01"):
            ax.plot(jt, data[f"fig2a_{name}_fit"].values, color=REF, ls="--", lw=0.8)
        ax.plot([], [], color=REF, ls="--", lw=0.8,
                label=f"fit α = {float(data['fig2a_alpha_fidelity']):.3f}")
    else:
        ax.plot(jt, data["fig2b_population_noble"].values, color="0.5", lw=1.2,
                label="noble-gas population")
    _finish_fig2(ax, data, panel, letter, title)


def _single_panel(ax, data: xr.Dataset, panel: str, letter: str, title: str) -> None:
    jt = data[f"jt_{panel}"].values
    for name, color, label in (("fidelity_10", ALKALI, "F_10"), ("fidelity_01", NOBLE, "F_01")):
        ax.plot(jt, data[f"fig{panel}_{name}"].values, color=color, lw=1.2, label=label)
        ax.plot(jt, data[f"fig{panel}_{name}_collective"].values, color=REF, ls=":", lw=0.8)
    ax.plot([], [], color=REF, ls=":", lw=0.8, label="mean Hamiltonian")
    if panel == "2d":
        ax.plot(jt, data["fig2d_population_noble"].values, color="0.5", lw=1.0,
                label="noble-gas population")
        n_a = int(data.attrs["fig2d_n_alkali"])
        inset = ax.inset_axes([0.52, 0.42, 0.45, 0.33])
        inset.plot(jt, n_a * data["fig2d_fidelity_10"].values, color=ALKALI, lw=0.8)
        inset.plot(jt, n_a * data["fig2d_fidelity_01"].values, color=NOBLE, lw=0.8)
        inset.set_ylabel("N_A × F", fontsize=6)
        inset.tick_params(labelsize=6)
        _pi_ticks(inset, jt[-1], math.pi)
    _finish_fig2(ax, data, panel, letter, title)


def _finish_fig2(ax, data, panel, letter, title) -> None:
    jt = data[f"jt_{panel}"].values
    ax.set_xlim(0, jt[-1])
    ax.set_ylim(-0.02, 1.05)
    _pi_ticks(ax, jt[-1])
    ax.set_xlabel("J t   (t/τ = Jt / Jτ)")
    ax.set_ylabel("fidelity")
    ax.set_title(f"{title}\n{_phase_note(data, panel)}", fontsize=7)
    ax.legend(fontsize=6, loc="lower left")
    _letter(ax, letter)


def fig2(data: xr.Dataset, out_dir: Path) -> list[Path]:
    """Seed 002 Fig. 2(a)–(e): the stochastic collision simulation (Sec. III C)."""
    fig = Figure(figsize=(14, 8))
    axes = fig.subplots(2, 3)
    fig.subplots_adjust(left=0.05, right=0.98, bottom=0.07, top=0.9, wspace=0.22, hspace=0.42)
    _ensemble_panel(axes[0, 0], data, "2a", "a", "symmetric |1⟩_A|0⟩_B, averaged")
    _ensemble_panel(axes[0, 1], data, "2b", "b", "localised excitation, averaged")
    _single_panel(axes[0, 2], data, "2c", "c", "symmetric |1⟩_A|0⟩_B, one trajectory")
    _single_panel(axes[1, 0], data, "2d", "d", "localised excitation, one trajectory")
    ax = axes[1, 1]
    jt = data["jt_2e"].values
    for name, color, label in (("20", ALKALI, "F_20"), ("02", NOBLE, "F_02"),
                               ("11", BOTH, "F_11")):
        ax.plot(jt, data[f"fig2e_fidelity_{name}"].values, color=color, lw=1.2, label=label)
        ax.plot(jt, data[f"fig2e_fidelity_{name}_collective"].values, color=REF, ls=":", lw=0.8)
    for x in (math.pi / 4, 3 * math.pi / 4):
        ax.axvline(x, color="0.6", lw=0.6)
    ax.axvline(math.pi / 2, color="0.6", lw=0.6, ls="--")
    ax.text(math.pi / 2, 0.55, " paper: πm/2J", fontsize=6, color="0.4")
    ax.set_xlim(0, jt[-1])
    ax.set_ylim(-0.02, 1.05)
    _pi_ticks(ax, jt[-1], math.pi / 4)
    ax.set_xlabel("J t")
    ax.set_ylabel("fidelity")
    ax.set_title(f"|1⟩_A|1⟩_B: Hong–Ou–Mandel bunching\n{_phase_note(data, '2e')}", fontsize=7)
    ax.legend(fontsize=6, loc="upper right")
    _letter(ax, "e")
    axes[1, 2].set_axis_off()
    quick = bool(int(data.attrs.get("quick", 0)))
    fig.suptitle("Fig. 2: stochastic collision simulation (δφ = ⟨φ⟩, g_A B τ = ⟨φ⟩/2)"
                 + (" — quick run: larger ⟨φ⟩ in (c)–(e)" if quick else ""))
    return save_study_figure(fig, data, out_dir, "fig2")


def fig3(data: xr.Dataset, out_dir: Path) -> list[Path]:
    """Seed 002 Fig. 3(a)–(c): coherent states in the three coupling regimes (Sec. V)."""
    fig = Figure(figsize=(14, 4.4))
    axes = fig.subplots(1, 3)
    fig.subplots_adjust(left=0.05, right=0.98, bottom=0.13, top=0.84, wspace=0.25)
    titles = {"3a": "decoupled: Δ = 10J = 600γ", "3b": "overdamped: Δ = 0, γ = 10J",
              "3c": "strong coupling: J = 57γ, Δ = 0"}
    for ax, panel, letter in zip(axes, ("3a", "3b", "3c"), "abc", strict=True):
        gt = data[f"gt_{panel}"].values
        ax.plot(gt, data[f"fig{panel}_alkali_excitations"].values, color=ALKALI, lw=1.2,
                label="⟨a†a⟩ alkali")
        ax.plot(gt, data[f"fig{panel}_noble_excitations"].values, color=NOBLE, lw=1.2,
                label="⟨b†b⟩ noble gas")
        if panel == "3c":
            ax.plot(gt, data["fig3c_noble_excitations_stored"].values, color=NOBLE, ls="--",
                    lw=1.2, label="⟨b†b⟩ stored (switch at π/2J)")
            ax.plot(gt, data["fig3c_alkali_excitations_stored"].values, color=ALKALI, ls="--",
                    lw=1.0, label="⟨a†a⟩ after switch")
            ax.axvline(math.pi / (2 * float(data["fig3c_coupling_over_gamma"])), color="0.6",
                       lw=0.6)
        else:
            inset = ax.inset_axes([0.5, 0.45, 0.45, 0.35])
            inset.plot(gt, data[f"fig{panel}_noble_excitations"].values, color=NOBLE, lw=0.8)
            inset.set_title("⟨b†b⟩", fontsize=6)
            inset.tick_params(labelsize=6)
        ax.set_xlim(0, gt[-1])
        ax.set_xlabel("γ t")
        ax.set_ylabel("spin excitations")
        ax.set_title(titles[panel], fontsize=8)
        if panel == "3c":
            ax.legend(fontsize=6, loc="center right")
        else:
            ax.legend(fontsize=6, loc="upper left", bbox_to_anchor=(0.08, 1.0))
        _letter(ax, letter)
    fig.suptitle("Fig. 3: coherent states, ⟨a†a⟩(0) = 1000, ⟨b†b⟩(0) = 0 (two-mode Eq. 28)")
    return save_study_figure(fig, data, out_dir, "fig3")


def fig4(data: xr.Dataset, out_dir: Path) -> list[Path]:
    """Seed 002 Fig. 4: (a) Fock-state and (b) squeezing exchange, two-mode (Sec. VI)."""
    fig = Figure(figsize=(12, 4.6))
    axes = fig.subplots(1, 2)
    fig.subplots_adjust(left=0.07, right=0.98, bottom=0.13, top=0.86, wspace=0.25)
    gt = data["gt_4"].values
    t_pi = float(data["fig4b_t_pi_full"])
    ax = axes[0]
    ax.plot(gt / t_pi, data["fig4a_fock_fidelity"].values, color=NOBLE, lw=1.3,
            label="no switch")
    ax.plot(gt / t_pi, data["fig4a_fock_fidelity_stored"].values, color=REF, ls=":", lw=1.3,
            label="switched at T_π")
    ax.axhline(float(data["fig4a_fock_fidelity_eq34"]), color="0.6", lw=0.6, ls="--",
               label="Eq. (34): 1 − mπγ/2J")
    ax.set_xlabel("t / T_π   (T_π = π/2J)")
    ax.set_ylabel("|⟨0_A 2_B|ψ⟩|²")
    ax.set_title("m = 2 Fock state, J = 55γ, p_A = p_B = 1", fontsize=8)
    ax.legend(fontsize=7, loc="center right")
    _letter(ax, "a")
    ax = axes[1]
    for case, color, label in (("full", BOTH, "p = 1, J = 55γ"),
                               ("partial", NOBLE, "p_A = 0.95, p_B = 0.75, J = 55γ√(p_A p_B)")):
        ax.plot(gt / t_pi, data[f"fig4b_var_p_noble_{case}"].values, color=color, lw=1.3,
                label=f"⟨ΔP_B²⟩, {label}")
        ax.plot(gt / t_pi, data[f"fig4b_var_x_alkali_{case}"].values, color=color, lw=0.8,
                ls="-.", label=f"⟨ΔX_A²⟩, {label}")
        ax.plot(gt / t_pi, data[f"fig4b_var_p_noble_{case}_stored"].values, color=REF, ls=":",
                lw=1.0)
    ax.plot([], [], color=REF, ls=":", lw=1.0, label="⟨ΔP_B²⟩ switched at T_π")
    ax.axhline(0.25, color="0.6", lw=0.6, ls="--", label="vacuum 1/4")
    ax.set_xlabel("t / T_π (p = 1)")
    ax.set_ylabel("quadrature variance")
    ax.set_ylim(0, 0.4)
    ax.set_title("7 dB squeezing of X_A exchanged with P_B", fontsize=8)
    ax.legend(fontsize=6, loc="upper right")
    _letter(ax, "b")
    fig.suptitle("Fig. 4: exchange of nonclassical states, two-mode approximation")
    return save_study_figure(fig, data, out_dir, "fig4")


def fig5(data: xr.Dataset, out_dir: Path) -> list[Path]:
    """Seed 002 Fig. 5: transferred against initial squeezing, Eq. (38) and exact."""
    fig = Figure(figsize=(6.4, 4.8))
    ax = fig.add_subplot()
    fig.subplots_adjust(left=0.12, right=0.97, bottom=0.12, top=0.9)
    x = data["input_squeezing_db"].values
    ax.plot(x, x, color="0.6", lw=0.8, ls="--", label="ideal transfer")
    for i, ratio in enumerate(data["coupling_over_gamma"].values):
        color = f"C{i}"
        ax.plot(x, data["fig5_transferred_db_exact"].values[i], color=color, lw=1.3,
                label=f"J/γ = {ratio:g}, exact")
        ax.plot(x, data["fig5_transferred_db_eq38"].values[i], color=color, lw=1.0, ls=":")
    ax.plot([], [], color=REF, ls=":", label="Eq. (38)")
    ax.set_xlabel("initial squeezing of X_A [dB]")
    ax.set_ylabel("squeezing of P_B at T_π [dB]")
    ax.set_xlim(0, x[-1])
    ax.set_ylim(0, x[-1])
    ax.legend(fontsize=7)
    fig.suptitle("Fig. 5: efficiency of spin-squeezing transfer")
    return save_study_figure(fig, data, out_dir, "fig5")


def fig6(data: xr.Dataset, out_dir: Path) -> list[Path]:
    """Seed 002 Fig. 6: magnetometer sensitivities, Eqs. (41)–(43) and App. G."""
    fig = Figure(figsize=(7, 5))
    ax = fig.add_subplot()
    fig.subplots_adjust(left=0.12, right=0.97, bottom=0.12, top=0.9)
    x = data["gamma_t"].values
    ax.fill_between(x, data["fig6_total_squeezed"].values, data["fig6_total_vacuum"].values,
                    color="lightblue", alpha=0.6, lw=0, label="gain from 7 dB squeezing")
    ax.loglog(x, data["fig6_init_vacuum"].values, color=ALKALI, lw=1.2, label="δB_init")
    ax.loglog(x, data["fig6_init_squeezed"].values, color=ALKALI, lw=1.0, ls="--",
              label="δB_init, noble gas squeezed 7 dB")
    ax.loglog(x, data["fig6_relaxation"].values, color=NOBLE, lw=1.2, label="δB_F")
    ax.loglog(x, data["fig6_total_vacuum"].values, color=REF, lw=1.4, label="δB_tot")
    ax.loglog(x, data["fig6_eq43"].values, color=NOBLE, lw=0.8, ls=":",
              label="Eq. (43) as printed")
    xe = data["gamma_t_exact"].values
    ax.loglog(xe, data["fig6_init_vacuum_exact"].values, "o", color=ALKALI, ms=3,
              label="exact lock-in moments")
    ax.loglog(xe, data["fig6_relaxation_exact"].values, "s", color=NOBLE, ms=3)
    ax.axvline(float(data["fig6_crossover_vacuum"]), color="0.6", lw=0.6)
    ax.set_xlabel("integration time γ̃_B T")
    ax.set_ylabel("sensitivity δB g_B √(N_B p_B) / γ̃_B")
    ax.legend(fontsize=7, loc="lower left")
    fig.suptitle("Fig. 6: hybrid magnetometer, K–³He cell, Δ = 100 J")
    return save_study_figure(fig, data, out_dir, "fig6")


def fig7(data: xr.Dataset, out_dir: Path) -> list[Path]:
    """Seed 002 Fig. 7: multimode exchange (Eq. 27, App. E) against the two-mode model."""
    fig = Figure(figsize=(12, 4.6))
    axes = fig.subplots(1, 2)
    fig.subplots_adjust(left=0.07, right=0.98, bottom=0.13, top=0.86, wspace=0.25)
    jt = data["jt_7"].values
    ax = axes[0]
    for model, color, ls in (("multimode", NOBLE, "-"), ("two_mode", BOTH, "--")):
        ax.plot(jt, data[f"fig7a_fock_{model}"].values, color=color, ls=ls, lw=1.3,
                label=model.replace("_", "-"))
        ax.plot(jt, data[f"fig7a_fock_{model}_stored"].values, color=REF, ls=":", lw=1.0)
    ax.plot([], [], color=REF, ls=":", label="switched to 180 mG at T_π")
    ax.set_ylabel("P(2 excitations in the uniform noble-gas mode)")
    ax.set_title("two excitations in the uniform alkali mode", fontsize=8)
    _letter(ax, "a")
    ax = axes[1]
    for model, color, ls in (("multimode", NOBLE, "-"), ("two_mode", BOTH, "--")):
        ax.plot(jt, data[f"fig7b_var_p_noble_{model}"].values, color=color, ls=ls, lw=1.3,
                label=f"⟨ΔP_B²⟩ {model.replace('_', '-')}")
        ax.plot(jt, data[f"fig7b_var_x_alkali_{model}"].values, color=color, ls=ls, lw=0.7,
                alpha=0.7, label=f"⟨ΔX_A²⟩ {model.replace('_', '-')}")
        ax.plot(jt, data[f"fig7b_var_p_noble_{model}_stored"].values, color=REF, ls=":", lw=1.0)
    ax.axhline(0.25, color="0.6", lw=0.6, ls="--")
    ax.set_ylabel("quadrature variance")
    ax.set_ylim(0, 0.45)
    ax.set_title("7 dB squeezing in the uniform alkali mode", fontsize=8)
    _letter(ax, "b")
    for ax in axes:
        ax.set_xlim(0, jt[-1])
        _pi_ticks(ax, jt[-1])
        ax.set_xlabel("J t")
        ax.legend(fontsize=6, loc="lower right" if ax is axes[0] else "upper right")
    fig.suptitle(f"Fig. 7: multimode exchange ({int(data.attrs['fig7_n_modes'])} diffusion "
                 "modes), p_A = 0.95, p_B = 0.75, K–³He cell")
    return save_study_figure(fig, data, out_dir, "fig7")


def fig_checks(data: xr.Dataset, out_dir: Path) -> list[Path]:
    """Not in the paper: q(I, p) with its bounds, Eq. (1) against Eq. (26), leakage ε²."""
    fig = Figure(figsize=(14, 4.4))
    axes = fig.subplots(1, 3)
    fig.subplots_adjust(left=0.05, right=0.98, bottom=0.13, top=0.84, wspace=0.25)
    ax = axes[0]
    p = data["polarization_q"].values
    for i, spin in enumerate(data["nuclear_spin"].values):
        ax.plot(p, data["q_curve"].values[i], color=f"C{i}", label=f"I = {spin:g}")
        for bound in ("q_lower_bound", "q_upper_bound"):
            ax.axhline(float(data[bound].values[i]), color=f"C{i}", lw=0.5, ls="--")
    ax.plot([0.95], [float(data["q_preset"])], "ko", ms=4, label="³⁹K, p_A = 0.95")
    ax.set_xlabel("electron polarisation p")
    ax.set_ylabel("q(I, p), Eq. (18); bounds dashed")
    ax.legend(fontsize=6)
    _letter(ax, "a")
    ax = axes[1]
    jt = data["jt_mf"].values
    ax.plot(jt, data["mean_field_noble_share"].values, color=NOBLE, lw=1.5,
            label="Eq. (1), tilt 1e-3")
    ax.plot(jt, np.sin(jt) ** 2, color=REF, ls=":", label="sin²(Jt), J of Eq. (26)")
    ax.set_xlabel("J t")
    ax.set_ylabel("|b|² / (|a|² + |b|²)")
    ax.set_title(f"fitted J = {float(data['mean_field_coupling_fit']):.2f} s⁻¹ vs "
                 f"{float(data['coupling_rate']):.2f} s⁻¹", fontsize=8)
    ax.legend(fontsize=7)
    _letter(ax, "b")
    ax = axes[2]
    steps = data["step_2c"].values
    a = data.attrs
    phi2 = float(a["fig2c_mean_phase_rad"]) ** 2 + float(a["fig2c_phase_spread_rad"]) ** 2
    ratio = int(a["fig2c_n_alkali"]) / int(a["fig2c_n_noble"])
    weight = data["fig2c_fidelity_10"].values + ratio * data["fig2c_fidelity_01"].values
    exposure = np.concatenate([[0.0], np.cumsum(0.5 * (weight[1:] + weight[:-1])
                                                * np.diff(steps))])
    ax.plot(steps, data["fig2c_leakage"].values, color=NOBLE, lw=1.3,
            label="ε² (one trajectory, Fig. 2c)")
    ax.plot(steps, phi2 * steps / 2, color=REF, ls=":", label="Eq. (9): ⟨φ²⟩t/2τ")
    ax.plot(steps, float(a["fig2c_leakage_rate_per_step"]) * exposure, color=ALKALI, ls="--",
            label="Γ∫(F_10 + (N_A/N_B)F_01)dt, first order")
    ax.set_xlabel("t / τ")
    ax.set_ylabel("weight on non-symmetric states ε²")
    ax.set_title(f"⟨φ⟩ = δφ = {float(a['fig2c_mean_phase_rad']):g}", fontsize=8)
    ax.legend(fontsize=7)
    _letter(ax, "c")
    fig.suptitle("Checks (not in the paper)")
    return save_study_figure(fig, data, out_dir, "fig_checks")


def draw_all(data: xr.Dataset, out_dir: Path) -> list[Path]:
    """Every figure of the study; returns the paths written."""
    paths: list[Path] = []
    for draw in (fig2, fig3, fig4, fig5, fig6, fig7, fig_checks):
        paths += draw(data, out_dir)
    return paths
