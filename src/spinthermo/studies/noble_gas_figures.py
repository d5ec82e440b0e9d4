"""Figures 2–7 of seed 002 (and one figure of checks), drawn from the saved ``noble-gas``
dataset only (see :mod:`spinthermo.studies.noble_gas`)."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import xarray as xr
from matplotlib.figure import Figure

from spinthermo.studies.output import save_study_figure, write_panel_label

ONE_ZERO = r"$|1\rangle_A|0\rangle_B$"

#: Figure stem → caption (report.md, index.html).
CAPTIONS = {
    "fig2": "Stochastic collision simulation of one alkali and one noble-gas excitation: "
            "fidelities F_10 (alkali) and F_01 (noble gas) against Jt, (a, b) averaged over "
            "trajectories (bands: ±2 standard errors) and (c, d) one trajectory, from the "
            "symmetric and a localised initial state, against the mean Hamiltonian (dotted); "
            "(e) Hong–Ou–Mandel bunching from |1⟩_A|1⟩_B.",
    "fig3": "Coherent-state exchange between the alkali and noble-gas spins, ⟨a†a⟩ and ⟨b†b⟩ "
            "against γt, in the (a) decoupled, (b) overdamped and (c) strong-coupling regimes "
            "of the two-mode model, Eq. (28).",
    "fig4": "Exchange of nonclassical states: (a) transfer of the m = 2 Fock state to the "
            "noble gas, with and without switching off the coupling at T_π, against Eq. (34); "
            "(b) 7 dB squeezing of X_A transferred to P_B for full and partial polarisation.",
    "fig5": "Squeezing of the noble-gas quadrature P_B at T_π against the initial alkali "
            "squeezing for several J/γ: exact two-mode result and Eq. (38).",
    "fig6": "Sensitivity of the hybrid K–³He magnetometer against integration time: "
            "initialisation and relaxation terms and their total, Eqs. (41)–(43) as printed "
            "and from exact lock-in moments; shaded: the gain from 7 dB noble-gas squeezing.",
    "fig7": "Multimode exchange (diffusion modes, Eq. (27), App. E) against the two-mode model: "
            "(a) two excitations reaching the uniform noble-gas mode, (b) transfer of 7 dB "
            "squeezing.",
    "fig_checks": "Checks not in the paper: (a) q(I, p) of Eq. (18) with its bounds; (b) the "
                  "mean-field Eq. (1) against sin²(Jt) of Eq. (26); (c) leakage ε² to "
                  "non-symmetric states against Eq. (9) and first-order perturbation theory; "
                  "(d) the noise entering the noble gas against Eqs. (F5), (F6).",
}

#: Colours: alkali blue, noble gas red, the ``|1,1⟩`` state green, references black.
ALKALI, NOBLE, BOTH, REF = "C0", "C3", "C2", "k"
#: Fidelity variables of Fig. 2: (name, colour, label).
FIDELITIES = (("fidelity_10", ALKALI, "$F_{10}$"), ("fidelity_01", NOBLE, "$F_{01}$"))


def _letter(ax, letter: str) -> None:
    write_panel_label(ax, f"({letter})")


def _panel(data: xr.Dataset, name: str, panel: str) -> np.ndarray:
    """A Fig. 2 variable of one panel (over ``panel_2`` or ``averaged_panel_2``)."""
    var = data[name]
    dim = "panel_2" if "panel_2" in var.dims else "averaged_panel_2"
    return var.sel({dim: panel}).values


def _setting(data: xr.Dataset, key: str, panel: str) -> float:
    """A per-panel setting of Fig. 2 (``fig2_<key>`` over panel_2, ``fig2e_<key>`` for e)."""
    if panel == "2e":
        return float(data[f"fig2e_{key}"])
    return float(_panel(data, f"fig2_{key}", panel))


def _phase_note(data: xr.Dataset, panel: str) -> str:
    return (f"⟨φ⟩ = {_setting(data, 'mean_phase', panel):g}, "
            f"$N_A = {int(_setting(data, 'n_alkali', panel))}$, "
            f"$N_B = {int(_setting(data, 'n_noble', panel))}$, "
            f"Jτ = {_setting(data, 'coupling_per_step', panel):.3g}")


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
    jt = _panel(data, "jt_2", panel)
    for name, color, label in FIDELITIES:
        mean = _panel(data, f"fig2_{name}", panel)
        se = _panel(data, f"fig2_{name}_se", panel)
        ax.plot(jt, mean, color=color, lw=1.4, label=f"{label}, mean")
        ax.fill_between(jt, mean - 2 * se, mean + 2 * se, color=color, alpha=0.25, lw=0)
        ax.plot(jt, _panel(data, f"fig2_{name}_single", panel), color=color, lw=0.5,
                alpha=0.7, label=f"{label}, one trajectory")
    if panel == "2a":
        for name in ("fidelity_10", "fidelity_01"):
            ax.plot(jt, data[f"fig2a_{name}_fit"].values, color=REF, ls="--", lw=0.8)
        ax.plot([], [], color=REF, ls="--", lw=0.8,
                label=f"fit α = {float(data['fig2a_alpha_fidelity']):.3f}")
    else:
        ax.plot(jt, _panel(data, "fig2_population_noble", "2b"), color="0.5", lw=1.2,
                label="noble-gas population")
    _finish_fig2(ax, data, panel, letter, title)


def _single_panel(ax, data: xr.Dataset, panel: str, letter: str, title: str) -> None:
    jt = _panel(data, "jt_2", panel)
    for name, color, label in FIDELITIES:
        ax.plot(jt, _panel(data, f"fig2_{name}", panel), color=color, lw=1.2, label=label)
        ax.plot(jt, _panel(data, f"fig2_{name}_collective", panel), color=REF, ls=":", lw=0.8)
    ax.plot([], [], color=REF, ls=":", lw=0.8, label="mean Hamiltonian")
    if panel == "2d":
        ax.plot(jt, _panel(data, "fig2_population_noble", "2d"), color="0.5", lw=1.0,
                label="noble-gas population")
        n_a = int(_setting(data, "n_alkali", "2d"))
        inset = ax.inset_axes([0.52, 0.42, 0.45, 0.33])
        inset.plot(jt, n_a * _panel(data, "fig2_fidelity_10", "2d"), color=ALKALI, lw=0.8)
        inset.plot(jt, n_a * _panel(data, "fig2_fidelity_01", "2d"), color=NOBLE, lw=0.8)
        inset.set_ylabel(r"$N_A \times F$", fontsize=8)
        inset.tick_params(labelsize=8)
        _pi_ticks(inset, jt[-1], math.pi)
    _finish_fig2(ax, data, panel, letter, title)


def _finish_fig2(ax, data, panel, letter, title) -> None:
    jt = _panel(data, "jt_2", panel)
    ax.set_xlim(0, jt[-1])
    _pi_ticks(ax, jt[-1])
    ax.set_xlabel("J t   (t/τ = Jt / Jτ)")
    ax.set_ylabel("fidelity")
    ax.set_title(f"{title}\n{_phase_note(data, panel)}", fontsize=8)
    _legend_above_fidelities(ax)
    _letter(ax, letter)


def _legend_above_fidelities(ax) -> None:
    """Fidelities fill [0, 1]: extend the axis upwards and put the legend in that room."""
    ax.set_ylim(-0.02, 1.5)
    ax.set_yticks(np.linspace(0, 1, 6))
    ax.legend(fontsize=8, loc="upper center", ncol=2)


def fig2(data: xr.Dataset, out_dir: Path) -> list[Path]:
    """Seed 002 Fig. 2(a)–(e): the stochastic collision simulation (Sec. III C)."""
    fig = Figure(figsize=(14, 8))
    axes = fig.subplots(2, 3)
    fig.subplots_adjust(left=0.05, right=0.98, bottom=0.07, top=0.9, wspace=0.22, hspace=0.42)
    _ensemble_panel(axes[0, 0], data, "2a", "a", f"symmetric {ONE_ZERO}, averaged")
    _ensemble_panel(axes[0, 1], data, "2b", "b", "localised excitation, averaged")
    _single_panel(axes[0, 2], data, "2c", "c", f"symmetric {ONE_ZERO}, one trajectory")
    _single_panel(axes[1, 0], data, "2d", "d", "localised excitation, one trajectory")
    ax = axes[1, 1]
    jt = data["jt_2e"].values
    for name, color, label in (("20", ALKALI, "$F_{20}$"), ("02", NOBLE, "$F_{02}$"),
                               ("11", BOTH, "$F_{11}$")):
        ax.plot(jt, data["fig2e_fidelity"].sel(state_2e=name).values, color=color, lw=1.2,
                label=label)
        ax.plot(jt, data["fig2e_fidelity_collective"].sel(state_2e=name).values, color=REF,
                ls=":", lw=0.8)
    for x in (math.pi / 4, 3 * math.pi / 4):
        ax.axvline(x, color="0.6", lw=0.6)
    ax.axvline(math.pi / 2, color="0.6", lw=0.6, ls="--")
    ax.text(math.pi / 2, 0.55, " paper: πm/2J", fontsize=8, color="0.4")
    ax.set_xlim(0, jt[-1])
    _pi_ticks(ax, jt[-1], math.pi / 4)
    ax.set_xlabel("J t")
    ax.set_ylabel("fidelity")
    ax.set_title(r"$|1\rangle_A|1\rangle_B$: Hong–Ou–Mandel bunching" + "\n"
                 + _phase_note(data, "2e"), fontsize=8)
    _legend_above_fidelities(ax)
    _letter(ax, "e")
    fig.delaxes(axes[1, 2])
    quick = bool(int(data.attrs.get("quick", 0)))
    fig.suptitle(r"Fig. 2: stochastic collision simulation (δφ = ⟨φ⟩, $g_A B \tau$ = ⟨φ⟩/2)"
                 + (" — quick run: larger ⟨φ⟩ in (c)–(e)" if quick else ""))
    return save_study_figure(fig, data, out_dir, "fig2")


def fig3(data: xr.Dataset, out_dir: Path) -> list[Path]:
    """Seed 002 Fig. 3(a)–(c): coherent states in the three coupling regimes (Sec. V)."""
    fig = Figure(figsize=(14, 4.4))
    axes = fig.subplots(1, 3)
    fig.subplots_adjust(left=0.05, right=0.98, bottom=0.13, top=0.84, wspace=0.25)
    titles = {"3a": "decoupled: Δ = 10J = 600γ", "3b": "overdamped: Δ = 0, γ = 10J",
              "3c": "strong coupling: J = 57γ, Δ = 0"}
    scenarios = {"3a": "decoupled", "3b": "overdamped", "3c": "strong"}
    for ax, panel, letter in zip(axes, ("3a", "3b", "3c"), "abc", strict=True):
        case = data.sel(scenario_3=scenarios[panel])
        gt = case["gt_3"].values
        ax.plot(gt, case["fig3_alkali_excitations"].values, color=ALKALI, lw=1.2,
                label="⟨a†a⟩ alkali")
        ax.plot(gt, case["fig3_noble_excitations"].values, color=NOBLE, lw=1.2,
                label="⟨b†b⟩ noble gas")
        if panel == "3c":
            stored = data.sel(scenario_3="strong_stored")
            ax.plot(stored["gt_3"].values, stored["fig3_noble_excitations"].values, color=NOBLE,
                    ls="--", lw=1.2, label="⟨b†b⟩ stored (switch at π/2J)")
            ax.plot(stored["gt_3"].values, stored["fig3_alkali_excitations"].values,
                    color=ALKALI, ls="--", lw=1.0, label="⟨a†a⟩ after switch")
            ax.axvline(math.pi / (2 * float(case["fig3_coupling_over_gamma"])), color="0.6",
                       lw=0.6)
        else:
            inset = ax.inset_axes([0.5, 0.45, 0.45, 0.35])
            inset.plot(gt, case["fig3_noble_excitations"].values, color=NOBLE, lw=0.8)
            inset.set_title("⟨b†b⟩", fontsize=8)
            inset.tick_params(labelsize=8)
        ax.set_xlim(0, gt[-1])
        ax.set_xlabel("γ t")
        ax.set_ylabel("spin excitations")
        ax.set_title(titles[panel], fontsize=8)
        if panel == "3c":  # the curves fill the panel: the legend goes in room above
            bottom, top = ax.get_ylim()
            ticks = ax.get_yticks()
            ax.set_yticks(ticks[(ticks >= bottom) & (ticks <= top)])
            ax.set_ylim(bottom, top + 0.45 * (top - bottom))
            ax.legend(fontsize=8, loc="upper center", ncol=2)
        else:
            ax.legend(fontsize=8, loc="upper left", bbox_to_anchor=(0.08, 1.0))
        _letter(ax, letter)
    fig.suptitle("Fig. 3: coherent states, ⟨a†a⟩(0) = 1000, ⟨b†b⟩(0) = 0 (two-mode Eq. 28)")
    return save_study_figure(fig, data, out_dir, "fig3")


def fig4(data: xr.Dataset, out_dir: Path) -> list[Path]:
    """Seed 002 Fig. 4: (a) Fock-state and (b) squeezing exchange, two-mode (Sec. VI)."""
    fig = Figure(figsize=(12, 4.6))
    axes = fig.subplots(1, 2)
    fig.subplots_adjust(left=0.07, right=0.98, bottom=0.13, top=0.86, wspace=0.25)
    gt = data["gt_4"].values
    t_pi = float(data["fig4b_t_pi"].sel(polarization_4b="full"))
    ax = axes[0]
    ax.plot(gt / t_pi, data["fig4a_fock_fidelity"].sel(stage="exchange").values, color=NOBLE,
            lw=1.3, label="no switch")
    ax.plot(gt / t_pi, data["fig4a_fock_fidelity"].sel(stage="stored").values, color=REF,
            ls=":", lw=1.3, label=r"switched at $T_\pi$")
    ax.axhline(float(data["fig4a_fock_fidelity_eq34"]), color="0.6", lw=0.6, ls="--",
               label="Eq. (34): 1 − mπγ/2J")
    ax.set_xlabel(r"$t / T_\pi$   ($T_\pi = \pi/2J$)")
    ax.set_ylabel(r"$|\langle 0_A 2_B|\psi\rangle|^2$")
    ax.set_title(r"$m = 2$ Fock state, $J = 55\gamma$, $p_A = p_B = 1$", fontsize=8)
    ax.legend(fontsize=8, loc="center right")
    _letter(ax, "a")
    ax = axes[1]
    for case, color, label in (("full", BOTH, "p = 1, J = 55γ"),
                               ("partial", NOBLE,
                                r"$p_A = 0.95$, $p_B = 0.75$, $J = 55\gamma\sqrt{p_A p_B}$")):
        curves = data[["fig4b_var_p_noble", "fig4b_var_x_alkali"]].sel(polarization_4b=case)
        ax.plot(gt / t_pi, curves["fig4b_var_p_noble"].sel(stage="exchange").values,
                color=color, lw=1.3, label=rf"$\langle\Delta P_B^2\rangle$, {label}")
        ax.plot(gt / t_pi, curves["fig4b_var_x_alkali"].sel(stage="exchange").values,
                color=color, lw=0.8, ls="-.", label=rf"$\langle\Delta X_A^2\rangle$, {label}")
        ax.plot(gt / t_pi, curves["fig4b_var_p_noble"].sel(stage="stored").values, color=REF,
                ls=":", lw=1.0)
    ax.plot([], [], color=REF, ls=":", lw=1.0,
            label=r"$\langle\Delta P_B^2\rangle$ switched at $T_\pi$")
    ax.axhline(0.25, color="0.6", lw=0.6, ls="--", label="vacuum 1/4")
    ax.set_xlabel(r"$t / T_\pi$ ($p = 1$)")
    ax.set_ylabel("quadrature variance")
    ax.set_ylim(0, 0.4)
    ax.set_title(r"7 dB squeezing of $X_A$ exchanged with $P_B$", fontsize=8)
    ax.legend(fontsize=8, loc="upper right")
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
    ax.set_xlabel(r"initial squeezing of $X_A$ [dB]")
    ax.set_ylabel(r"squeezing of $P_B$ at $T_\pi$ [dB]")
    ax.set_xlim(0, x[-1])
    ax.set_ylim(0, x[-1])
    ax.legend(fontsize=8)
    fig.suptitle("Fig. 5: efficiency of spin-squeezing transfer")
    return save_study_figure(fig, data, out_dir, "fig5")


def fig6(data: xr.Dataset, out_dir: Path) -> list[Path]:
    """Seed 002 Fig. 6: magnetometer sensitivities, Eqs. (41)–(43) and App. G."""
    fig = Figure(figsize=(7, 5))
    ax = fig.add_subplot()
    fig.subplots_adjust(left=0.12, right=0.97, bottom=0.12, top=0.9)
    x = data["gamma_t"].values
    vacuum, squeezed = (data[["fig6_init", "fig6_total", "fig6_crossover"]].isel(
        noble_squeezing_6=i) for i in (0, -1))
    db = float(squeezed["noble_squeezing_6"])
    ax.fill_between(x, squeezed["fig6_total"].values, vacuum["fig6_total"].values,
                    color="lightblue", alpha=0.6, lw=0, label=f"gain from {db:g} dB squeezing")
    ax.loglog(x, vacuum["fig6_init"].values, color=ALKALI, lw=1.2,
              label=r"$\delta B_\mathrm{init}$")
    ax.loglog(x, squeezed["fig6_init"].values, color=ALKALI, lw=1.0, ls="--",
              label=rf"$\delta B_\mathrm{{init}}$, noble gas squeezed {db:g} dB")
    ax.loglog(x, data["fig6_relaxation"].values, color=NOBLE, lw=1.2, label=r"$\delta B_F$")
    ax.loglog(x, vacuum["fig6_total"].values, color=REF, lw=1.4,
              label=r"$\delta B_\mathrm{tot}$")
    ax.loglog(x, data["fig6_eq43"].values, color=NOBLE, lw=0.8, ls=":",
              label="Eq. (43) as printed")
    xe = data["gamma_t_exact"].values
    ax.loglog(xe, data["fig6_init_exact"].values, "o", color=ALKALI, ms=3,
              label="exact lock-in moments")
    ax.loglog(xe, data["fig6_relaxation_exact"].values, "s", color=NOBLE, ms=3)
    ax.axvline(float(vacuum["fig6_crossover"]), color="0.6", lw=0.6)
    ax.set_xlabel(r"integration time $\tilde\gamma_B T$")
    ax.set_ylabel(r"sensitivity $\delta B\, g_B \sqrt{N_B p_B} / \tilde\gamma_B$")
    ax.legend(fontsize=8, loc="lower left")
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
        fock = data["fig7a_fock"].sel(model_7=model)
        ax.plot(jt, fock.sel(stage="exchange").values, color=color, ls=ls, lw=1.3,
                label=model.replace("_", "-"))
        ax.plot(jt, fock.sel(stage="stored").values, color=REF, ls=":", lw=1.0)
    ax.plot([], [], color=REF, ls=":", label=r"switched to 180 mG at $T_\pi$")
    ax.set_ylabel("P(2 excitations in the uniform noble-gas mode)")
    ax.set_title("two excitations in the uniform alkali mode", fontsize=8)
    _letter(ax, "a")
    ax = axes[1]
    for model, color, ls in (("multimode", NOBLE, "-"), ("two_mode", BOTH, "--")):
        curves = data[["fig7b_var_p_noble", "fig7b_var_x_alkali"]].sel(model_7=model)
        ax.plot(jt, curves["fig7b_var_p_noble"].sel(stage="exchange").values, color=color,
                ls=ls, lw=1.3, label=rf"$\langle\Delta P_B^2\rangle$ {model.replace('_', '-')}")
        ax.plot(jt, curves["fig7b_var_x_alkali"].sel(stage="exchange").values, color=color,
                ls=ls, lw=0.7, alpha=0.7,
                label=rf"$\langle\Delta X_A^2\rangle$ {model.replace('_', '-')}")
        ax.plot(jt, curves["fig7b_var_p_noble"].sel(stage="stored").values, color=REF, ls=":",
                lw=1.0)
    ax.axhline(0.25, color="0.6", lw=0.6, ls="--")
    ax.set_ylabel("quadrature variance")
    ax.set_ylim(0, 0.45)
    ax.set_title("7 dB squeezing in the uniform alkali mode", fontsize=8)
    _letter(ax, "b")
    for ax in axes:
        ax.set_xlim(0, jt[-1])
        _pi_ticks(ax, jt[-1])
        ax.set_xlabel("J t")
        ax.legend(fontsize=8, loc="lower right" if ax is axes[0] else "upper right")
    fig.suptitle(f"Fig. 7: multimode exchange ({int(data['fig7_n_modes'])} diffusion "
                 r"modes), $p_A = 0.95$, $p_B = 0.75$, K–³He cell")
    return save_study_figure(fig, data, out_dir, "fig7")


def fig_checks(data: xr.Dataset, out_dir: Path) -> list[Path]:
    """Not in the paper: q(I, p) with its bounds, Eq. (1) against Eq. (26), leakage ε²."""
    fig = Figure(figsize=(18, 4.4))
    axes = fig.subplots(1, 4)
    fig.subplots_adjust(left=0.04, right=0.99, bottom=0.13, top=0.84, wspace=0.27)
    ax = axes[0]
    p = data["polarization_q"].values
    for i, spin in enumerate(data["nuclear_spin"].values):
        ax.plot(p, data["q_curve"].values[i], color=f"C{i}", label=f"I = {spin:g}")
        for bound in ("q_lower_bound", "q_upper_bound"):
            ax.axhline(float(data[bound].values[i]), color=f"C{i}", lw=0.5, ls="--")
    ax.plot([0.95], [float(data["q_preset"])], "ko", ms=4, label=r"³⁹K, $p_A = 0.95$")
    ax.set_xlabel("electron polarisation p")
    ax.set_ylabel("q(I, p), Eq. (18); bounds dashed")
    ax.legend(fontsize=8)
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
    ax.legend(fontsize=8)
    _letter(ax, "b")
    ax = axes[2]
    steps = _panel(data, "step_2", "2c")
    phase = _setting(data, "mean_phase", "2c")
    phi2 = phase ** 2 + _setting(data, "phase_spread", "2c") ** 2
    ratio = _setting(data, "n_alkali", "2c") / _setting(data, "n_noble", "2c")
    weight = (_panel(data, "fig2_fidelity_10", "2c")
              + ratio * _panel(data, "fig2_fidelity_01", "2c"))
    exposure = np.concatenate([[0.0], np.cumsum(0.5 * (weight[1:] + weight[:-1])
                                                * np.diff(steps))])
    ax.plot(steps, _panel(data, "fig2_leakage", "2c"), color=NOBLE, lw=1.3,
            label="ε² (one trajectory, Fig. 2c)")
    ax.plot(steps, phi2 * steps / 2, color=REF, ls=":", label="Eq. (9): ⟨φ²⟩t/2τ")
    ax.plot(steps, _setting(data, "leakage_rate_per_step", "2c") * exposure, color=ALKALI,
            ls="--",
            label=r"$\Gamma\int(F_{10} + (N_A/N_B)F_{01})\,dt$, first order")
    ax.set_xlabel("t / τ")
    ax.ticklabel_format(axis="x", style="sci", scilimits=(0, 0))
    ax.set_ylabel("weight on non-symmetric states ε²")
    ax.set_title(f"⟨φ⟩ = δφ = {phase:g}", fontsize=8)
    ax.legend(fontsize=8)
    _letter(ax, "c")
    ax = axes[3]
    t_pi = float(data["fig4b_t_pi"].sel(polarization_4b="full"))
    x = data["gt_4"].values / t_pi
    ax.plot(x, data["noise_noble_exact"].values, color=NOBLE, lw=1.5, label="exact, Eq. (28)")
    ax.plot(x, data["noise_noble_f5"].values, color=REF, ls=":", lw=1.2, label="Eq. (F5)")
    ax.plot([1.0], [float(data["noise_noble_t_pi_f6"])], "ko", ms=4, label="Eq. (F6): γπ/2J")
    ax.set_xlabel(r"$t / T_\pi$")
    ax.set_ylabel(r"noise entering the noble gas $\langle w_B w_B^\dagger\rangle$")
    ax.set_title(r"vacuum noise, $J = 55\gamma$", fontsize=8)
    ax.legend(fontsize=8, loc="lower right")
    _letter(ax, "d")
    fig.suptitle("Checks (not in the paper)")
    return save_study_figure(fig, data, out_dir, "fig_checks")


def draw_all(data: xr.Dataset, out_dir: Path) -> list[Path]:
    """Every figure of the study; returns the paths written."""
    paths: list[Path] = []
    for draw in (fig2, fig3, fig4, fig5, fig6, fig7, fig_checks):
        paths += draw(data, out_dir)
    return paths
