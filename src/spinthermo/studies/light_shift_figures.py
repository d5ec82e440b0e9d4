"""Figures 2–5 of seed 004 (and one check figure), drawn from the saved ``light-shift`` data."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import xarray as xr
from matplotlib.figure import Figure
from matplotlib.ticker import NullFormatter

from spinthermo.studies.output import save_study_figure, write_panel_label

COLORS = {100: "C0", 700: "C3"}
DETUNING = r"$\Delta$ [GHz]"
SPIN_Z = r"$\langle S_z\rangle$"

#: The F = b line is drawn where its dispersive peak (share of the residues / width) is at
#: least this fraction of the F = a line's: a smaller one is lost in the F = a line's wing.
VISIBLE_PEAK_RATIO = 0.1

#: Figure stem → caption (report.md, index.html).
CAPTIONS = {
    "fig2": "Electron spin ⟨S_z⟩ of optically pumped ¹³³Cs against the pump detuning Δ "
            "at 100 and 700 torr N₂ (effective ground-state equation); circles mark the "
            "points (a)–(d) of Fig. 3, dotted lines the optical resonances.",
    "fig3": "Ground-state populations of the |F, m⟩ levels (log scale) at the points (a)–(d) "
            "of Fig. 2.",
    "fig4": "(a) Light shift ω₀ − ω_L and (b) magnetic-resonance line width against the pump "
            "detuning from the effective equation, Eq. (18), read line by line (each from the "
            "response of its own hyperfine multiplet's modes): the F = a line (solid), the F = b "
            "line (dotted) where its peak in Re⟨S_x⁺⟩ is at least a tenth of the F = a line's; "
            "thin grey: the whole-response reading (global extrema of Re⟨S_x⁺⟩), which jumps "
            "where the two lines trade places; dashed: the estimates of Eqs. (41)–(42); "
            "dash-dotted: line width with the pump off.",
    "fig5": "Light shift (black, left axis) and line width (red, right axis) against the pump "
            "detuning for the pressure broadening and Rabi frequency of the paper's Fig. 5; "
            "dotted lines mark the four optical resonances.",
    "fig_checks": "Checks not in the paper: (a–c) the effective equation against the full "
                  "32-level equation for ⟨S_z⟩, light shift and line width; (d) the light "
                  "shift at large detuning, approaching the pump-off value (Sec. IV).",
}


def _resonances(data: xr.Dataset) -> dict[str, float]:
    """Δ (GHz) where Δ_FF′ = 0: b→a′, b→b′, a→a′, a→b′."""
    d_s, d_p = float(data["delta_s_ghz"]), float(data["delta_p_ghz"])
    return {RESONANCE.format("ba"): 0.0, RESONANCE.format("bb"): d_p,
            RESONANCE.format("aa"): d_s, RESONANCE.format("ab"): d_s + d_p}


#: Label of the optical resonance Δ_FF′ = 0 (``.format("ba")``).
RESONANCE = r"$\Delta_{{{}}} = 0$"


#: The resonances marked by default: b→a′ and a→a′.
MARKED = (RESONANCE.format("ba"), RESONANCE.format("aa"))


def _mark(ax, data: xr.Dataset, which=MARKED, label: bool = False) -> None:
    for name, x in _resonances(data).items():
        if name in which:
            ax.axvline(x, color="0.6", lw=0.8, ls=":")
            if label:
                ax.text(x, 1.0, name, transform=ax.get_xaxis_transform(), rotation=90,
                        va="top", ha="right", fontsize=8, color="0.35")


def fig2(data: xr.Dataset, out_dir: Path) -> list[Path]:
    fig = Figure(figsize=(6.5, 4.2))
    fig.subplots_adjust(left=0.12, right=0.97, bottom=0.13, top=0.9)
    ax = fig.add_subplot()
    for p in data["pressure_torr"].values:
        ax.plot(data["detuning_ghz"], data["electron_spin_z"].sel(pressure_torr=p),
                color=COLORS[int(p)], label=f"{int(p)} torr N₂")
    for k, point in enumerate(data["point"].values):
        p = int(data["point_pressure_torr"][k])
        x, y = float(data["point_detuning_ghz"][k]), float(data["point_electron_spin_z"][k])
        ax.plot(x, y, "o", mfc="none", mec=COLORS[p], ms=9)
        ax.annotate(f"({point})", (x, y), textcoords="offset points", xytext=(6, 6), fontsize=9)
    _mark(ax, data)
    ax.set_xlabel(DETUNING)
    ax.set_ylabel(SPIN_Z + r" (along the light; $B_0$ antiparallel)")
    ax.legend(loc="lower left")
    fig.suptitle(r"Fig. 2: electron spin $\langle S_z\rangle$ against the pump detuning "
                 "(effective eq.)")
    return save_study_figure(fig, data, out_dir, "fig2")


def fig3(data: xr.Dataset, out_dir: Path) -> list[Path]:
    fig = Figure(figsize=(9, 6))
    axes = fig.subplots(2, 2, sharey=True)
    fig.subplots_adjust(left=0.08, right=0.98, bottom=0.09, top=0.9, wspace=0.08, hspace=0.4)
    f_lev, m_lev = data["level_f"].values, data["level_m"].values
    f_a, f_b = f_lev.max(), f_lev.min()
    ms = np.arange(-f_a, f_a + 1)
    for k, point in enumerate(data["point"].values):
        ax = axes.flat[k]
        pops = data["point_populations"].isel(point=k).values
        for f, shift, color in ((f_a, -0.2, "C0"), (f_b, 0.2, "C1")):
            values = [pops[(f_lev == f) & (m_lev == m)][0] if np.any((f_lev == f) & (m_lev == m))
                      else np.nan for m in ms]
            ax.bar(ms + shift, np.clip(values, 1e-7, None), width=0.4, color=color,
                   label=rf"$|{f:g}, m\rangle$")
        ax.set_yscale("log")
        ax.set_ylim(1e-6, 1.5)
        ax.set_xticks(ms)
        p = int(data["point_pressure_torr"][k])
        d = float(data["point_detuning_ghz"][k])
        where = r"$\Delta = 0$" if abs(d) < 1e-9 else RESONANCE.format("aa")
        ax.set_title(f"{p} torr, {where}", fontsize=10)
        write_panel_label(ax, f"({point})")
        ax.set_xlabel("$m$")
        if k % 2 == 0:
            ax.set_ylabel("population")
    axes.flat[0].legend(fontsize=8, loc="upper left")
    fig.suptitle("Fig. 3: ground-state populations at the points (a)–(d) of Fig. 2")
    return save_study_figure(fig, data, out_dir, "fig3")


def fig4(data: xr.Dataset, out_dir: Path) -> list[Path]:
    """Fig. 4: light shift and line width of each Zeeman line (F = a, and F = b where it is
    visible), the whole-response reading, and Eqs. (41)–(42)."""
    fig = Figure(figsize=(7.5, 8))
    axes = fig.subplots(2, 1, sharex=True)
    fig.subplots_adjust(left=0.13, right=0.97, bottom=0.08, top=0.93, hspace=0.12)
    x = data["detuning_ghz"].values
    for p in data["pressure_torr"].values:
        c = COLORS[int(p)]
        s = data.sel(pressure_torr=p)
        peak = s["line_weight"] / s["line_linewidth_hz"]  # dispersive peak ∝ residue / width
        visible = (peak.sel(line="F=b") >= VISIBLE_PEAK_RATIO * peak.sel(line="F=a")).values
        for ax, whole, line, estimate in (
                (axes[0], "light_shift_hz", "line_light_shift_hz", "estimate_light_shift_hz"),
                (axes[1], "linewidth_hz", "line_linewidth_hz", "estimate_linewidth_hz")):
            ax.plot(x, s[whole], color="0.6", lw=0.6)
            ax.plot(x, s[line].sel(line="F=a"), color=c, label=f"{int(p)} torr, F = a line")
            b_line = np.where(visible, s[line].sel(line="F=b").values, np.nan)
            if np.any(np.isfinite(b_line)):
                ax.plot(x, b_line, color=c, ls=":", lw=1.2,
                        label=f"{int(p)} torr, F = b line")
            ax.plot(x, s[estimate], color=c, ls="--", lw=0.8,
                    label=f"{int(p)} torr, Eq. ({41 if ax is axes[0] else 42})")
    axes[0].plot([], [], color="0.6", lw=0.6, label="whole response (global extrema)")
    axes[0].axhline(0.0, color="k", lw=0.6)
    axes[1].axhline(float(data["no_light_linewidth_hz"]), color="0.4", lw=0.8, ls="-.",
                    label=r"pump off ($\Omega = 0$)")
    for ax in axes:
        _mark(ax, data, label=ax is axes[0])
    axes[0].set_ylabel(r"light shift $\omega_0 - \omega_L$ [Hz]")
    axes[1].set_ylabel("line width $w$ [Hz]")
    axes[1].set_xlabel(DETUNING)
    axes[1].set_yscale("log")
    axes[0].legend(fontsize=8, loc="lower left", ncol=2)
    axes[1].legend(fontsize=8, loc="upper left")
    fig.suptitle("Fig. 4: light shift and line width of each Zeeman line (Eq. 18; dashed: "
                 "Eqs. 41–42)")
    return save_study_figure(fig, data, out_dir, "fig4")


def fig5(data: xr.Dataset, out_dir: Path) -> list[Path]:
    fig = Figure(figsize=(7, 4.5))
    fig.subplots_adjust(left=0.12, right=0.88, bottom=0.12, top=0.88)
    ax = fig.add_subplot()
    ax.plot(data["detuning5_ghz"], data["fig5_light_shift_hz"], color="k")
    ax.axhline(0.0, color="k", lw=0.5)
    ax.set_xlabel(DETUNING)
    ax.set_ylabel("light shift [Hz] (black)")
    twin = ax.twinx()
    twin.plot(data["detuning5_ghz"], data["fig5_linewidth_hz"], color="C3")
    twin.set_ylabel("line width [Hz] (red)", color="C3")
    _mark(ax, data, which=tuple(_resonances(data)), label=True)
    gamma_ghz = float(data["fig5_pressure_broadening_hz"]) / 1e9
    rabi_mhz = float(data["fig5_rabi_hz"]) / 1e6
    fig.suptitle(rf"Fig. 5: $\Gamma = {gamma_ghz:g}$ GHz, $\Omega = {rabi_mhz:g}$ MHz "
                 "(others as 100 torr)")
    return save_study_figure(fig, data, out_dir, "fig5")


def fig_checks(data: xr.Dataset, out_dir: Path) -> list[Path]:
    """Full against effective equation, and the large-detuning limit (not in the paper)."""
    fig = Figure(figsize=(10, 7))
    axes = fig.subplots(2, 2)
    fig.subplots_adjust(left=0.09, right=0.98, bottom=0.08, top=0.9, wspace=0.3, hspace=0.35)
    names = (("electron_spin_z", SPIN_Z), ("light_shift_hz", "light shift [Hz]"),
             ("linewidth_hz", "line width [Hz]"))
    full = data.sel(treatment="full")
    for ax, (key, label) in zip(axes.flat[:3], names, strict=True):
        for p in data["pressure_torr"].values:
            c = COLORS[int(p)]
            ax.plot(data["detuning_ghz"], data[key].sel(pressure_torr=p), color=c, lw=0.8,
                    label=f"effective, {int(p)} torr")
            sel = data["compare_pressure_torr"] == p
            ax.plot(data["compare_detuning_ghz"][sel], full[f"compare_{key}"][sel], "o",
                    mfc="none", mec=c, label=f"full (32 levels), {int(p)} torr")
        ax.set_xlabel(DETUNING)
        ax.set_ylabel(label)
    axes.flat[1].set_yscale("symlog", linthresh=100.0)
    axes.flat[2].set_yscale("log")
    axes.flat[0].legend(fontsize=8)
    ax = axes.flat[3]
    det = data["limit_detuning_ghz"].values
    for i in data["limit_case"].values:
        rabi = float(data["limit_rabi_hz"][i]) / 1e6
        gamma = float(data["limit_pressure_broadening_hz"][i]) / 1e9
        ax.plot(np.abs(det), np.abs(data["limit_light_shift_hz"].isel(limit_case=i)), "o",
                label=rf"|LS|, $\Omega = {rabi:g}$ MHz, $\Gamma = {gamma:g}$ GHz")
    ax.axhline(abs(float(data["no_light_light_shift_hz"])), color="0.4", ls="-.", lw=0.8,
               label=r"|zero crossing $- |\omega_L||$, pump off")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xticks(np.unique(np.abs(det)), [f"{v:g}" for v in np.unique(np.abs(det))])
    ax.xaxis.set_minor_formatter(NullFormatter())
    ax.set_xlim(0.7 * np.abs(det).min(), 1.4 * np.abs(det).max())
    ax.set_xlabel(r"$|\Delta|$ [GHz]")
    ax.set_ylabel("|light shift| [Hz]")
    widths = data["limit_linewidth_hz"].values
    ax.set_title(f"line widths {np.nanmin(widths):.2f}–{np.nanmax(widths):.2f} Hz; "
                 f"pump off {float(data['no_light_linewidth_hz']):.2f} Hz", fontsize=8)
    ax.legend(fontsize=8)
    fig.suptitle("Checks: full vs effective equation; the large-detuning limit (Sec. IV)")
    return save_study_figure(fig, data, out_dir, "fig_checks")


def draw_all(data: xr.Dataset, out_dir: Path) -> list[Path]:
    """Every figure of the study; returns the paths written."""
    paths: list[Path] = []
    for draw in (fig2, fig3, fig4, fig5, fig_checks):
        paths += draw(data, out_dir)
    return paths
