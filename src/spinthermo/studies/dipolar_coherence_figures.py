"""Figures of seed 003 (Figs. 2–4), the N → 1000 extension and harvesting, drawn from the
saved ``dipolar-coherence`` dataset only."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import xarray as xr
from matplotlib.figure import Figure

from spinthermo.studies.output import save_study_figure

TIME_LABEL = r"$\gamma_0 t$"
COHERENCE = r"$C_{l_1}$"
LONG_TIME = r"$C_{l_1}^\mathrm{lt}$"

#: Figure stem → caption (report.md, index.html).
CAPTIONS = {
    "fig2": "l1-norm coherence C_l1 of two dipole-coupled atoms starting in |gg⟩ against time "
            "for several thermal photon numbers n̄: the full master equation, Eq. (1), at "
            "f0 = γ0 (lines) and f0 = 100 γ0 (black dashed, on top of them), against the closed "
            "form, Eq. (5) (dots); dotted: 1/3.",
    "fig3": "Coherence of two atoms at n̄ = 10 from (a) (|ge⟩ + i|eg⟩)/√2 and "
            "(b) (√3|ge⟩ + |eg⟩)/2 for several dipolar couplings f0/γ0, and (c) its long-time "
            "value against n̄ for all initial states, couplings and γ0 (they overlap).",
    "fig4": "Long-time coherence of N atoms all starting in |g⟩ (n̄ = 10, f0/γ0 = 1): closed "
            "form, numerics in the full 2^N-dimensional space, and the paper's cubic fit.",
    "fig5": "Beyond the paper: (a) the long-time coherence from the closed form up to "
            "N = 1000 for several n̄ with its asymptote (1 − x)(1 + x)^N, x = n̄/(n̄ + 1) "
            "(dotted); (b) the cubic fit of N = 2–7 extrapolated against the exact values.",
    "fig6": "Harvesting: (a) a pair prepared in |ee⟩ (n̄ = 1), populations r_e, r_d and Eq. (30) "
            "with the effective temperature (dotted, right axis), which changes sign; (b) the "
            "excited population of one atom approaching Eq. (30).",
    "fig7": "Energetics of Sec. III C: (a) effective temperature of the harvested atom against "
            "the pair coherence a23 (populations of the n̄ = 1 long-time pair): its steady state "
            "(exact collisions), the Gibbs form −ħω0/(k_B ln(r_e/r_d)) and the formula as "
            "printed; (b) a laser-driven three-atom cluster (n̄ = 1): the laser's power P and the "
            "heat current −J into the bath at the steady state against the Rabi frequency "
            "(first law: they coincide; both vanish without drive).",
}


def fig2(data: xr.Dataset, out_dir: Path) -> list[Path]:
    fig = Figure(figsize=(6, 4.2))
    ax = fig.subplots()
    t = data["time_fig2"].values
    numerics = data["coherence_fig2"]
    for i, nbar in enumerate(data["nbar_fig2"].values):
        ax.plot(t, numerics.sel(nbar_fig2=nbar, f0_ratio_fig2=1.0), color=f"C{i}",
                label=rf"$\bar n = {nbar:g}$")
        ax.plot(t, numerics.sel(nbar_fig2=nbar, f0_ratio_fig2=100.0), "--", color="k", lw=0.6)
        ax.plot(t[::15], data["coherence_closed_form_fig2"].sel(nbar_fig2=nbar)[::15], "o",
                color=f"C{i}", ms=3)
    ax.axhline(1 / 3, color="k", ls=":", lw=0.8)
    ax.set_xlabel(TIME_LABEL)
    ax.set_ylabel(COHERENCE)
    ax.legend(loc="best", title=r"Eq. (1): $f_0 = \gamma_0$ (lines), $100\gamma_0$ (dashed); "
              "Eq. (5): dots", fontsize=8, title_fontsize=8)
    ax.set_title(r"Fig. 2: $N = 2$ from $|gg\rangle$")
    fig.subplots_adjust(left=0.13, right=0.97, bottom=0.13, top=0.9)
    return save_study_figure(fig, data, out_dir, "fig2")


def fig3(data: xr.Dataset, out_dir: Path) -> list[Path]:
    fig = Figure(figsize=(11, 3.8))
    axes = fig.subplots(1, 3)
    t = data["time_fig3"].values
    styles = {0.0: ":", 1.0: "--", 100.0: "-"}
    titles = {"a": r"$(|ge\rangle + i|eg\rangle)/\sqrt{2}$",
              "b": r"$(\sqrt{3}|ge\rangle + |eg\rangle)/2$"}
    for ax, state in zip(axes[:2], ("a", "b"), strict=True):
        for f0 in data["f0_ratio"].values:
            ax.plot(t, data["coherence_fig3"].sel(state_fig3=state, f0_ratio=f0),
                    ls=styles.get(float(f0), "-"), lw=0.9, label=rf"$f_0/\gamma_0 = {f0:g}$")
        ax.set_xlabel(TIME_LABEL)
        ax.set_ylabel(COHERENCE)
        ax.set_title(titles[state] + r", $\bar n = 10$", fontsize=9)
        ax.legend(fontsize=8)
    ax = axes[2]
    lt = data["long_time_n2"]
    for state, marker in zip(data["state"].values, "os^", strict=True):
        for f0 in data["f0_ratio"].values:
            for g0 in data["gamma0"].values:
                ax.semilogx(data["nbar_lt"].values[1:],
                            lt.sel(state=state, f0_ratio=f0, gamma0=g0).values[1:], marker,
                            mfc="none", ms=4, color="C0" if state == "ground" else
                            ("C1" if state == "a" else "C2"))
        ax.plot([], [], marker, mfc="none", color="k", label=str(state))
    ax.set_xlabel(r"$\bar n$")
    ax.set_ylabel(r"$C_{l_1}(t \to \infty)$")
    ax.set_title(r"long time: all $f_0/\gamma_0$, $\gamma_0$ overlap", fontsize=9)
    ax.legend(fontsize=8)
    fig.subplots_adjust(left=0.06, right=0.98, bottom=0.14, top=0.9, wspace=0.3)
    return save_study_figure(fig, data, out_dir, "fig3")


def fig4(data: xr.Dataset, out_dir: Path) -> list[Path]:
    fig = Figure(figsize=(6, 4.2))
    ax = fig.subplots()
    ax.plot(data["n_atoms"], data["long_time_fig4"], "o", label="closed form")
    ax.plot(data["n_general"], data["long_time_full_space"], "x", color="k",
            label="$2^N$-space numerics")
    fine = data["n_fine"].values
    keep = fine <= 7
    ax.plot(fine[keep], data["cubic_fit_fig4"].values[keep], "-", color="C1", label="cubic fit")
    ax.set_xlabel("$N$")
    ax.set_ylabel(LONG_TIME)
    ax.set_title(r"Fig. 4: $\bar n = 10$, $f_0/\gamma_0 = 1$, all atoms in $|g\rangle$")
    ax.legend(fontsize=8)
    fig.subplots_adjust(left=0.12, right=0.97, bottom=0.13, top=0.9)
    return save_study_figure(fig, data, out_dir, "fig4")


def fig5(data: xr.Dataset, out_dir: Path) -> list[Path]:
    fig = Figure(figsize=(10, 4.2))
    ax, ax2 = fig.subplots(1, 2)
    n = data["n_large"].values
    for i, nbar in enumerate(data["nbar_large"].values):
        log_c = data["log_long_time_large"].sel(nbar_large=nbar).values
        ax.plot(n, log_c / np.log(10), color=f"C{i}", label=rf"$\bar n = {nbar:g}$")
        x = nbar / (nbar + 1)
        ax.plot(n, (n * np.log1p(x) + np.log1p(-x)) / np.log(10), ":", color=f"C{i}")
    ax.plot(data["n_general"], np.log10(data["long_time_full_space"]), "kx",
            label=r"$2^N$-space numerics ($\bar n = 10$)")
    fine = data["n_fine"].values
    ax.plot(fine, np.log10(np.clip(data["cubic_fit_fig4"].values, 1e-300, None)), "--",
            color="gray", label="cubic of Fig. 4")
    ax.set_xscale("log")
    ax.set_xlabel("$N$")
    ax.set_ylabel(r"$\log_{10} C_{l_1}^\mathrm{lt}$")
    ax.set_title(r"closed form to $N = 1000$; dotted: $(1-x)(1+x)^N$",
                 fontsize=9)
    ax.legend(fontsize=8)
    ax2.plot(data["n_out"], data["long_time_extrapolated"], "o", label="exact")
    ax2.plot(fine, data["cubic_fit_fig4"], "--", color="gray", label="cubic of N = 2..7")
    ax2.plot(data["n_atoms"], data["long_time_fig4"], "o", color="C0")
    ax2.set_xlabel("$N$")
    ax2.set_ylabel(LONG_TIME + r" ($\bar n = 10$)")
    ax2.set_title("cubic fit extrapolated", fontsize=9)
    ax2.legend(fontsize=8)
    fig.subplots_adjust(left=0.07, right=0.98, bottom=0.13, top=0.9, wspace=0.25)
    return save_study_figure(fig, data, out_dir, "fig5")


def fig6(data: xr.Dataset, out_dir: Path) -> list[Path]:
    fig = Figure(figsize=(10, 4.4))
    ax, ax2 = fig.subplots(1, 2)
    t = data["time_harvest"].values
    ax.plot(t, data["harvest_r_e"], label="$r_e$")
    ax.plot(t, data["harvest_r_d"], label="$r_d$")
    ax.plot(t, data["harvest_excited"], label=r"Eq. (30) $\rho_{ee}$")
    ax.set_xlabel(TIME_LABEL + r" (pair from $|ee\rangle$, $\bar n = 1$)")
    ax.set_ylabel("population")
    axt = ax.twinx()
    temp = data["harvest_temperature"].values
    axt.plot(t, np.sign(temp) * np.log10(1 + np.abs(temp)), "k:", lw=0.8,
             label="effective temperature (right axis)")
    axt.set_ylabel(r"$\mathrm{sign}(T)\,\log_{10}(1 + |T|/\mathrm{K})$")
    handles = ax.get_legend_handles_labels()
    twin_handles = axt.get_legend_handles_labels()
    ax.legend(handles[0] + twin_handles[0], handles[1] + twin_handles[1], fontsize=8,
              loc="lower left", bbox_to_anchor=(0, 1.02), ncol=2, frameon=False)
    ta = data["time_atom"].values
    ax2.plot(ta * 1e3, data["atom_excited"], label=r"atom $\rho_{ee}(t)$")
    ax2.axhline(float(data["harvest_atom_target"]), color="k", ls=":", label="Eq. (30)")
    ax2.set_xlabel("$t$ [ms]")
    ax2.set_ylabel(r"excited population $\rho_{ee}$")
    ax2.legend(fontsize=8, loc="best")
    fig.suptitle("Harvesting: the effective temperature changes sign")
    fig.subplots_adjust(left=0.07, right=0.98, bottom=0.13, top=0.78, wspace=0.4)
    return save_study_figure(fig, data, out_dir, "fig6")


def fig7(data: xr.Dataset, out_dir: Path) -> list[Path]:
    fig = Figure(figsize=(10, 4.2))
    ax, ax2 = fig.subplots(1, 2)
    temperature = data["harvest_temperature_vs_a23"]
    a23 = data["a23"].values
    labels = ("steady state (exact collisions)",
              r"Gibbs form $-\hbar\omega_0/(k_B \ln(r_e/r_d))$",
              r"as printed $-(\hbar\omega_0/k_B) \ln(r_e/r_d)$")
    for k, (label, style) in enumerate(zip(labels, ("-", "o", "--"), strict=True)):
        ax.plot(a23, temperature.isel(temperature_route=k) * 1e3, style, ms=4, label=label)
    ax.set_xlabel(r"pair coherence $a_{23}$")
    ax.set_ylabel(r"$T_\mathrm{eff}$ [mK]")
    ax.set_title(r"harvested atom, $\omega_0/2\pi = $" f"{float(data['omega0']) / 6.283e9:.3g}"
                 " GHz", fontsize=9)
    ax.legend(fontsize=8)
    rabi = data["rabi_driven"].values
    heat = data["driven_heat_current"].sum("bath_process").values
    scale = float(data["omega0"])
    ax2.plot(rabi, data["driven_power"].values / scale, "o-", label=r"$P/\omega_L$")
    ax2.plot(rabi, -heat / scale, "x--", color="k", label=r"$-J/\omega_L$ (into the bath)")
    ax2.set_xlabel(r"Rabi frequency $\Omega$ [rad s$^{-1}$] ($\gamma_0 = 1$ s$^{-1}$)")
    ax2.set_ylabel(r"energy flow / $\omega_L$ [s$^{-1}$]")
    ax2.set_title("driven three-atom cluster, steady state", fontsize=9)
    ax2.legend(fontsize=8)
    fig.subplots_adjust(left=0.08, right=0.98, bottom=0.14, top=0.9, wspace=0.3)
    return save_study_figure(fig, data, out_dir, "fig7")


def draw_all(data: xr.Dataset, out_dir: Path) -> list[Path]:
    paths: list[Path] = []
    for draw in (fig2, fig3, fig4, fig5, fig6, fig7):
        paths += draw(data, out_dir)
    return paths
