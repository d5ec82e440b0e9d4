"""Figures 2–8 of seed 001, a figure of checks and one of the parameter scan, drawn from the
saved ``driven-qubit`` dataset only."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import xarray as xr
from matplotlib.figure import Figure

from spinthermo.studies.output import save_study_figure, write_panel_label

PANEL_LETTERS = "abcd"
#: The paper's colours and line styles: U̇ purple, conventional dashed blue, EB dotted red,
#: HB dot-dashed green, entropy orange, β pink, population inversion cyan.
STYLE = {"conventional": ("C0", "--"), "entropy": ("C3", ":"), "hamiltonian": ("C2", "-.")}
TIME_LABEL = r"$\Gamma_1 t$"
DELTA_S = r"$\Delta S$ [$k_B$]"
DELTA_U = r"$\Delta U = Q_\mathrm{HB}$ [$\hbar\omega_0$]"
CHANGE_LABEL = r"change, $t = 0 \to 10/\min(\Gamma_1, \Gamma_2)$"
LABEL = {"conventional": "conventional", "entropy": "EB", "hamiltonian": "HB"}
#: Figure stem → caption (report.md, index.html).
CAPTIONS = {
    "fig2": "Driven qubit from the thermal initial state: (a) Bloch-vector trajectory inside "
            "the unit sphere, (b) heat rates in the conventional and entropy-based (EB) "
            "frameworks with dU/dt, which equals the Hamiltonian-based (HB) heat rate.",
    "fig3": "Changes of entropy, internal energy and heat from t = 0 to 10/min(Γ1, Γ2), "
            "starting from the thermal state, against (a) γ↑/γ↓ and (b) γφ/γ↓.",
    "fig4": "Entropy rate dS/dt and irreversible entropy production rates of the three "
            "frameworks from the thermal initial state; inset: inverse temperature βħω0 and "
            "population inversion r_z.",
    "fig5": "As Fig. 2 from the maximally mixed initial state: (a) Bloch-vector trajectory, "
            "(b) heat rates, which coincide in all three frameworks.",
    "fig6": "Maximally mixed initial state: (a) total changes against γ↑/γ↓, (b) entropy and "
            "irreversible entropy production rates (inset: βħω0 and r_z).",
    "fig7": "As Fig. 2 from the pure ground state: (a) Bloch-vector trajectory, (b) heat rates.",
    "fig8": "Pure ground initial state: (a) total changes against γ↑/γ↓, (b) entropy and "
            "irreversible entropy production rates (inset: βħω0 and r_z).",
    "fig_checks": "Checks not in the paper: (a) closed-form Bloch components against the "
                  "lab-frame ODE (DOP853); (b) logarithmic divergence of |β| and dS/dt as "
                  "t → 0 from a pure state.",
    "fig_scan": "Parameter scan (not in the paper) of the statements of Figs. 2(b), 4 and 7(b) "
                "over Ω/ω0, Γ1/Ω, γ↑/γ↓ and γφ/Γ1: (a) first Γ1 t at which each irreversible "
                "entropy rate from the thermal state dips below zero; (b) rms difference of "
                "the EB and conventional heat rates relative to the conventional one; (c), (d) "
                "the same against γ↑/γ↓ just above 1 with the time series' other rates.",
}
STATE_TITLE = {"thermal": "thermal initial state", "mixed": "maximally mixed initial state",
               "ground": "pure ground initial state"}


def _letter(ax, index: int) -> None:
    write_panel_label(ax, f"({PANEL_LETTERS[index]})")


def _bloch(fig: Figure, rect, data: xr.Dataset, state: str):
    ax = fig.add_subplot(rect, projection="3d")
    r = data["bloch"].sel(initial_state=state)
    x, y, z = (r.sel(component=c).values for c in "xyz")
    phi = np.linspace(0, 2 * np.pi, 121)
    circle, zero = (np.cos(phi), np.sin(phi)), np.zeros_like(phi)
    for outline in ((*circle, zero), (circle[0], zero, circle[1]), (zero, *circle)):
        ax.plot(*outline, color="0.55", lw=0.6)  # the unit sphere: equator and two meridians
    ax.plot(x, y, z, lw=0.5, color="C4")
    ax.scatter([x[0]], [y[0]], [z[0]], color="k", s=14, label="$t = 0$", depthshade=False)
    ax.scatter([x[-1]], [y[-1]], [z[-1]], color="C3", s=14, label="end", depthshade=False)
    # r_y = -1 would print on top of r_x = 1 at the shared front corner: leave it out
    for set_lim, set_ticks, ticks in ((ax.set_xlim, ax.set_xticks, [-1, 0, 1]),
                                      (ax.set_ylim, ax.set_yticks, [0, 1]),
                                      (ax.set_zlim, ax.set_zticks, [-1, 0, 1])):
        set_lim(-1, 1)
        set_ticks(ticks)
    ax.set_box_aspect((1, 1, 1))
    ax.tick_params(labelsize=8, pad=1)
    for set_label, name in ((ax.set_xlabel, "$r_x$"), (ax.set_ylabel, "$r_y$"),
                            (ax.set_zlabel, "$r_z$")):
        set_label(name, labelpad=4)
    ax.legend(loc="upper right", fontsize=8)
    _letter(ax, 0)
    return ax


def _heat(ax, data: xr.Dataset, state: str) -> None:
    t = data["time_g1"]
    ax.plot(t, data["internal_energy_rate"].sel(initial_state=state), color="C4", lw=1.2,
            label=r"$dU/dt = \dot Q_\mathrm{HB}$")
    for x in ("conventional", "entropy"):
        color, ls = STYLE[x]
        ax.plot(t, data["heat_rate"].sel(initial_state=state, framework=x), color=color,
                ls=ls, lw=1.2, label=rf"$\dot Q$ {LABEL[x]}")
    ax.axhline(0, color="0.6", lw=0.5)
    ax.set_xlabel(TIME_LABEL)
    ax.set_ylabel(r"heat rate [$\hbar\omega_0\Gamma_1$]")
    ax.set_xlim(0, 4)
    ax.legend(fontsize=8, loc="upper right")
    _letter(ax, 1)


def _bloch_and_heat(data: xr.Dataset, state: str, title: str) -> Figure:
    fig = Figure(figsize=(11, 4.6))
    grid = fig.add_gridspec(1, 2, left=0.02, right=0.98, bottom=0.13, top=0.88, wspace=0.18,
                            width_ratios=[1, 1.5])
    _bloch(fig, grid[0, 0], data, state)
    _heat(fig.add_subplot(grid[0, 1]), data, state)
    fig.suptitle(title)
    return fig


def _time_domain_rates(data: xr.Dataset) -> dict[str, float]:
    """The grid slice of the time-domain rates: γ↑/γ↓ (Fig. 3(b)) and γ_φ/γ↓ (Figs. 3(a),
    6(a), 8(a))."""
    return {"gamma_up_ratio": float(data["gamma_up"] / data["gamma_down"]),
            "gamma_phi_ratio": float(data["gamma_phi"] / data["gamma_down"])}


def _plot_totals(plot, x, data: xr.Dataset, state: str, where: dict) -> None:
    """ΔS, ΔU and the conventional and EB heat totals from ``state`` at the rate-grid slice
    ``where``, drawn with ``plot`` (``ax.plot`` or ``ax.semilogx``)."""
    def cut(name):
        return data[name].sel(initial_state=state).sel(where, method="nearest")

    heat = cut("heat")
    plot(x, cut("entropy_change"), color="C1", label=DELTA_S)
    plot(x, cut("internal_energy_change"), color="C4", label=DELTA_U)
    plot(x, heat.sel(framework="conventional"), color="C0", ls="--", label="$Q$ conventional")
    plot(x, heat.sel(framework="entropy"), color="C3", ls=":", lw=1.6, label="$Q$ EB")


def _totals(ax, data: xr.Dataset, state: str, index: int = 0) -> None:
    where = {"gamma_phi_ratio": _time_domain_rates(data)["gamma_phi_ratio"]}
    _plot_totals(ax.semilogx, data["gamma_up_ratio"], data, state, where)
    ax.axvline(1.0, color="k", lw=0.7)
    ax.axhline(0, color="0.6", lw=0.5)
    ax.set_xlabel(r"$\gamma_\uparrow / \gamma_\downarrow$")
    ax.set_ylabel(CHANGE_LABEL)
    ax.legend(fontsize=8, loc="best")
    _letter(ax, index)


def _entropy(ax, data: xr.Dataset, state: str, index: int = 1) -> None:
    t = data["time_g1"]
    ax.plot(t, data["entropy_rate"].sel(initial_state=state), color="C1", lw=1.2,
            label="$dS/dt$")
    for x in ("conventional", "entropy", "hamiltonian"):
        color, ls = STYLE[x]
        ax.plot(t, data["irreversible_entropy_rate"].sel(initial_state=state, framework=x),
                color=color, ls=ls, lw=1.1, label=rf"$\dot\Sigma$ {LABEL[x]}")
    ax.axhline(0, color="0.6", lw=0.5)
    ax.set_xlim(0, 4)
    values = np.vstack([data["irreversible_entropy_rate"].sel(initial_state=state).values,
                        data["entropy_rate"].sel(initial_state=state).values[None]])
    finite = values[:, np.isfinite(values).all(0)]
    low, high = (float(finite.min()), float(finite.max())) if finite.size else (-1.0, 1.0)
    span = high - low if high > low else 1.0
    ax.set_ylim(low - 0.6 * span, high + 0.1 * span)  # room for the inset below
    ax.set_xlabel(TIME_LABEL)
    ax.set_ylabel(r"entropy rates [$\Gamma_1$]")
    ax.legend(fontsize=8, loc="upper right")
    _letter(ax, index)
    inset = ax.inset_axes([0.5, 0.06, 0.45, 0.3])
    inset.plot(t, data["inverse_temperature"].sel(initial_state=state), color="C6", lw=0.9,
               label=r"$\beta\hbar\omega_0$")
    inset.plot(t, data["bloch"].sel(initial_state=state, component="z"), color="C9", lw=0.9,
               label="$r_z$")
    inset.axhline(0, color="0.6", lw=0.5)
    inset.set_xlim(0, 4)
    inset.set_ylim(-1.5, 1.5)
    inset.tick_params(labelsize=8)
    inset.legend(fontsize=8, loc="lower right", bbox_to_anchor=(-0.12, 0.0))  # beside inset


def fig2(data: xr.Dataset, out_dir: Path) -> list[Path]:
    fig = _bloch_and_heat(data, "thermal", "Fig. 2: thermal initial state — (a) Bloch vector, "
                          "(b) heat rates")
    return save_study_figure(fig, data, out_dir, "fig2")


def fig3(data: xr.Dataset, out_dir: Path) -> list[Path]:
    fig = Figure(figsize=(11, 4.4))
    axes = fig.subplots(1, 2)
    fig.subplots_adjust(left=0.07, right=0.98, bottom=0.13, top=0.88, wspace=0.25)
    _totals(axes[0], data, "thermal")
    ax = axes[1]
    where = {"gamma_up_ratio": _time_domain_rates(data)["gamma_up_ratio"]}
    _plot_totals(ax.plot, data["gamma_phi_ratio"], data, "thermal", where)
    ax.set_xlabel(r"$\gamma_\phi / \gamma_\downarrow$")
    ax.set_ylabel(CHANGE_LABEL)
    ax.legend(fontsize=8, loc="best")
    _letter(ax, 1)
    fig.suptitle(r"Fig. 3: totals from the thermal state against (a) $\gamma_\uparrow$ and "
                 r"(b) $\gamma_\phi$")
    return save_study_figure(fig, data, out_dir, "fig3")


def fig4(data: xr.Dataset, out_dir: Path) -> list[Path]:
    fig = Figure(figsize=(7, 4.8))
    fig.subplots_adjust(left=0.12, right=0.97, bottom=0.12, top=0.9)
    _entropy(fig.add_subplot(), data, "thermal", 0)
    fig.suptitle("Fig. 4: entropy and irreversible entropy rates, thermal initial state")
    return save_study_figure(fig, data, out_dir, "fig4")


def _totals_and_entropy(data: xr.Dataset, state: str, title: str) -> Figure:
    fig = Figure(figsize=(11, 4.4))
    axes = fig.subplots(1, 2)
    fig.subplots_adjust(left=0.07, right=0.98, bottom=0.13, top=0.88, wspace=0.25)
    _totals(axes[0], data, state)
    _entropy(axes[1], data, state)
    fig.suptitle(title)
    return fig


def fig5(data: xr.Dataset, out_dir: Path) -> list[Path]:
    fig = _bloch_and_heat(data, "mixed", "Fig. 5: maximally mixed initial state — (a) Bloch "
                          "vector, (b) heat rates (all three coincide)")
    return save_study_figure(fig, data, out_dir, "fig5")


def fig6(data: xr.Dataset, out_dir: Path) -> list[Path]:
    fig = _totals_and_entropy(data, "mixed", "Fig. 6: maximally mixed initial state — (a) "
                              "totals against γ↑, (b) entropy rates")
    return save_study_figure(fig, data, out_dir, "fig6")


def fig7(data: xr.Dataset, out_dir: Path) -> list[Path]:
    fig = _bloch_and_heat(data, "ground", "Fig. 7: pure ground initial state — (a) Bloch "
                          "vector, (b) heat rates")
    return save_study_figure(fig, data, out_dir, "fig7")


def fig8(data: xr.Dataset, out_dir: Path) -> list[Path]:
    fig = _totals_and_entropy(data, "ground", "Fig. 8: pure ground initial state — (a) totals "
                              "against γ↑, (b) entropy rates")
    return save_study_figure(fig, data, out_dir, "fig8")


def fig_checks(data: xr.Dataset, out_dir: Path) -> list[Path]:
    """Not in the paper: closed form against the lab-frame ODE, and the t → 0 divergence."""
    fig = Figure(figsize=(11, 4.2))
    axes = fig.subplots(1, 2)
    fig.subplots_adjust(left=0.07, right=0.98, bottom=0.14, top=0.86, wspace=0.28)
    ax = axes[0]
    tc = data["check_time_g1"]
    for i, c in enumerate("xyz"):
        ax.plot(data["time_g1"], data["bloch"].sel(initial_state="ground", component=c),
                color=f"C{i}", lw=0.3)
        ax.plot(tc, data["crosscheck_bloch_numeric"].sel(component=c), "o", color=f"C{i}",
                ms=2, label=f"$r_{c}$ lab-frame ODE")
    ax.set_xlim(0, float(tc[-1]))
    ax.set_xlabel(TIME_LABEL)
    ax.set_ylabel("Bloch components (ground initial state)")
    dev = data["crosscheck_deviation"].values
    ax.set_title(f"closed form (lines) vs DOP853 (dots); max deviation {dev.max():.1e}",
                 fontsize=8)
    ax.legend(fontsize=8, loc="lower right")
    _letter(ax, 0)
    ax = axes[1]
    te = data["early_time_g1"]
    ax.semilogx(te, np.abs(data["early_inverse_temperature"]), "o-", color="C6", ms=3,
                label=r"$|\beta|\hbar\omega_0$")
    ax.semilogx(te, data["early_entropy_rate"], "s-", color="C1", ms=3,
                label=r"$dS/dt$ [$\Gamma_1$]")
    ax.set_xlabel(TIME_LABEL)
    ax.set_title(r"pure initial state: logarithmic divergence at $t \to 0$", fontsize=9)
    ax.legend(fontsize=8)
    _letter(ax, 1)
    fig.suptitle("Checks (not in the paper)")
    return save_study_figure(fig, data, out_dir, "fig_checks")


def fig_scan(data: xr.Dataset, out_dir: Path) -> list[Path]:
    """Not in the paper: the parameter scan of the Figs. 2(b), 4, 7(b) statements, one point
    per parameter set, sets grouped by γ↑/γ↓."""
    order = ("scan_asymmetry", "scan_dephasing", "scan_rabi", "scan_rate")
    first = data["scan_first_negative_time"].transpose("framework", *order)
    difference = data["scan_heat_rate_difference"].transpose("scan_initial_state", "framework",
                                                             *order)
    n_sets = int(np.prod([data.sizes[a] for a in order]))
    index = np.arange(n_sets)
    per_group = n_sets // data.sizes["scan_asymmetry"]
    fig = Figure(figsize=(11, 8.2))
    grid = fig.subplots(2, 2)
    fig.subplots_adjust(left=0.07, right=0.98, bottom=0.07, top=0.92, wspace=0.25, hspace=0.38)
    axes = grid[0]
    ax = axes[0]
    never = 1.1 * float(np.nanmax(np.where(np.isfinite(first), first, np.nan)))
    # "never negative" (inf) is drawn on one row per framework above the finite values
    for row, (x, marker) in enumerate((("conventional", "o"), ("entropy", "s"),
                                       ("hamiltonian", "^"))):
        values = first.sel(framework=x).values.ravel()
        color = STYLE[x][0]
        ax.plot(index, np.where(np.isfinite(values), values, never * (1 + 0.04 * row)), marker,
                color=color, ms=4, ls="none", label=rf"$\dot\Sigma$ {LABEL[x]}")
    ax.axhline(1.0, color="k", lw=0.7)
    ax.axhline(0.98 * never, color="0.6", lw=0.5, ls=":")
    ax.text(0, 0.98 * never, "never negative above this line", fontsize=8, va="top")
    ax.set_ylabel(r"first $\Gamma_1 t$ with $\dot\Sigma < 0$ (thermal start)")
    ax.legend(fontsize=8, loc="upper right")
    ax = axes[1]
    for state, marker in (("thermal", "o"), ("ground", "s")):
        ax.plot(index, difference.sel(scan_initial_state=state, framework="entropy").values
                .ravel(), marker, ms=4, ls="none", label=f"{state} start")
    ax.axhline(0.25, color="k", lw=0.7)
    ax.set_ylim(bottom=0)
    ax.set_ylabel(r"rms$(\dot Q_\mathrm{EB} - \dot Q_\mathrm{conv})$ / "
                  r"rms$(\dot Q_\mathrm{conv})$")
    ax.legend(fontsize=8, loc="lower left")
    for ax in axes:
        for k, value in enumerate(data["scan_asymmetry"].values):
            ax.axvline(k * per_group - 0.5, color="0.8", lw=0.5)
            ax.text((k + 0.5) * per_group - 0.5, 1.0, rf"$\gamma_\uparrow/\gamma_\downarrow$ = "
                    f"{value:g}", transform=ax.get_xaxis_transform(), ha="center",
                    va="bottom", fontsize=8)
        ax.set_xlabel("parameter set (within a group: γφ/Γ1, then Ω/ω0, then Γ1/Ω)")
    _near_balance(grid[1], data)
    fig.suptitle(f"Parameter scan ({n_sets} sets, not in the paper): Fig. 4 and Figs. 2(b), "
                 "7(b) readings; (c), (d) near γ↑ = γ↓", y=0.985)
    return save_study_figure(fig, data, out_dir, "fig_scan")


def _near_balance(axes, data: xr.Dataset) -> None:
    """The same readings against γ↑/γ↓ just above 1, other rates as the time series."""
    ratio = data["near_balance_ratio"]
    first = data["near_balance_first_negative_time"]
    finite = first.values[np.isfinite(first.values)]
    never = 1.1 * max(float(finite.max()) if finite.size else 1.0, 1.0)
    ax = axes[0]
    for row, (x, marker) in enumerate((("conventional", "o-"), ("entropy", "s-"))):
        values = first.sel(framework=x).values
        ax.plot(ratio, np.where(np.isfinite(values), values, never * (1 + 0.04 * row)), marker,
                color=STYLE[x][0], ms=4, label=rf"$\dot\Sigma$ {LABEL[x]}")
    ax.axhline(1.0, color="k", lw=0.7)
    ax.axhline(0.98 * never, color="0.6", lw=0.5, ls=":")
    ax.text(float(ratio[-1]), 0.98 * never, "never negative above this line", fontsize=8,
            va="top", ha="right")
    ax.set_ylabel(r"first $\Gamma_1 t$ with $\dot\Sigma < 0$ (thermal start)")
    ax.legend(fontsize=8, loc="center", bbox_to_anchor=(0.35, 0.7))  # between the curves
    ax = axes[1]
    difference = data["near_balance_heat_rate_difference"].sel(framework="entropy")
    for state, marker in (("thermal", "o-"), ("ground", "s-")):
        ax.plot(ratio, difference.sel(scan_initial_state=state), marker, ms=4,
                label=f"{state} start")
    ax.axhline(0.25, color="k", lw=0.7)
    ax.set_ylim(bottom=0)
    ax.set_ylabel(r"rms$(\dot Q_\mathrm{EB} - \dot Q_\mathrm{conv})$ / "
                  r"rms$(\dot Q_\mathrm{conv})$")
    ax.legend(fontsize=8, loc="upper left")
    for ax in axes:
        ax.set_xlabel(r"$\gamma_\uparrow / \gamma_\downarrow$ (time-series $\Omega$, "
                      r"$\gamma_\downarrow$, $\gamma_\phi$)")


def draw_all(data: xr.Dataset, out_dir: Path) -> list[Path]:
    """Every figure of the study; returns the paths written."""
    paths: list[Path] = []
    for draw in (fig2, fig3, fig4, fig5, fig6, fig7, fig8, fig_checks, fig_scan):
        paths += draw(data, out_dir)
    return paths
