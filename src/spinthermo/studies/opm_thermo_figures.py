"""Figures 2–7 of seed 000, drawn from the saved ``opm-thermo`` dataset only."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import xarray as xr
from matplotlib.figure import Figure

from spinthermo.studies.output import save_study_figure, write_panel_label

PANEL_LETTERS = "abcdefgh"
#: |F_Q| below this is rounding error, not signal: such a panel shows zero and says so.
#: QFIs here are O(1) (F_Q(ρ, F_i) ≤ 4 F² for F = 2), so 1e-10 is far above double rounding.
QFI_NUMERICAL_ZERO = 1e-10
TIME_LABEL = r"$t\,/\,T_\mathrm{SE}$"

#: Figure stem → caption (report.md, index.html).
CAPTIONS = {
    "fig2": "Optical pumping of the ⁸⁷Rb ground state (s = 0.5, R_op = Γ_SE) along z (top) and "
            "x (bottom): populations before pumping and in the NESS (bars), and the spin "
            "components ⟨F_i⟩ with the level populations (inset) against time.",
    "fig3": "Von Neumann entropy S(ρ), entropy production ⟨Σ_t⟩ and its rate against time, "
            "for several spin-destruction ratios s (top) and pump rates R_op (bottom).",
    "fig4": "Ergotropy ℰ and polarisation efficiency R = ℰ/E against time, for several s "
            "(top) and pump rates R_op (bottom).",
    "fig5": "NESS polarisation efficiency against the cell radius for several s at "
            "R_op = Γ_SE/2 (solid, left axis), and the spin-destruction rate Γ_SD of the cell "
            "(dashed, right axis).",
    "fig6": "Quantum Fisher information F_Q(ρ, F_i) for generators F_x, F_y, F_z against time, "
            "for several s (a–c) and pump rates (d–f); for F_z it is zero to rounding error.",
    "fig7": "Quantum Fisher information at s = 0.75, R_op = Γ_SE against the polarisation "
            "efficiency R (a–c) and the entropy production Σ (d–f).",
}


def _letter(ax, index: int) -> None:
    write_panel_label(ax, f"({PANEL_LETTERS[index]})")


def _is_numerical_zero(ax, curves) -> bool:
    """If every curve is below :data:`QFI_NUMERICAL_ZERO`, draw zero and say so in ``ax``."""
    if max(float(np.nanmax(np.abs(c))) for c in curves) >= QFI_NUMERICAL_ZERO:
        return False
    ax.set_ylim(-1, 1)
    ax.text(0.5, 0.6, f"identically 0 ($|F_Q| < 10^{{{np.log10(QFI_NUMERICAL_ZERO):.0f}}}$)",
            transform=ax.transAxes, ha="center", va="center")
    return True


def _family_curves(ax, data: xr.Dataset, key: str, family: str, scale: float = 1.0) -> None:
    dim = "s" if family == "s" else "pump_ratio"
    for value in data[dim].values:
        curve = data[f"{key}_{family}"].sel({dim: value}) * scale
        label = f"$s = {value:g}$" if family == "s" else \
            rf"$R_\mathrm{{op}} = {value:g}\,\Gamma_\mathrm{{SE}}$"
        ax.plot(data["time_tse"], curve, label=label)


def fig2(data: xr.Dataset, out_dir: Path) -> list[Path]:
    fig = Figure(figsize=(10, 7.5))
    grid = fig.add_gridspec(2, 3, width_ratios=[1, 1, 2.4], left=0.06, right=0.98, bottom=0.14,
                            top=0.92, wspace=0.3, hspace=0.6)
    labels = data["level"].attrs.get("labels", "").split(", ")
    for row, axis in enumerate(("z", "x")):
        for col, which in enumerate(("initial", "ness")):
            ax = fig.add_subplot(grid[row, col])
            pops = data[f"{which}_populations_{axis}_pumping"].values
            ax.bar(np.arange(pops.size), pops, color=["C0"] * 5 + ["C3"] * (pops.size - 5))
            ax.set_xticks(np.arange(pops.size), labels, rotation=90, fontsize=8)
            ax.set_title(f"{'unpolarised' if which == 'initial' else 'NESS'} ({axis} pumping)",
                         fontsize=9)
            ax.set_ylim(0, 1)
            ax.set_ylabel("population")
        ax = fig.add_subplot(grid[row, 2])
        for comp in ("x", "y", "z"):
            ax.plot(data["time_tse"], data[f"spin_{axis}_pumping"].sel(axis=comp),
                    label=rf"$\langle F_{comp}\rangle$")
        ax.set_xlabel(TIME_LABEL)
        ax.set_ylabel(r"$\langle F_i\rangle$")
        ax.legend(loc="center right", fontsize=9)
        inset = ax.inset_axes([0.45, 0.15, 0.3, 0.35])
        for level in data["level"].values:
            inset.plot(data["time_tse"], data[f"populations_{axis}_pumping"].sel(level=level),
                       lw=0.8)
        inset.set_title("populations", fontsize=8)
        inset.tick_params(labelsize=8)
    fig.suptitle(r"Fig. 2: polarisation dynamics, $s = 0.5$, "
                 r"$R_\mathrm{op} = \Gamma_\mathrm{SE}$")
    return save_study_figure(fig, data, out_dir, "fig2")


def _two_family_figure(data: xr.Dataset, keys, ylabels, title: str, scales=None) -> Figure:
    fig = Figure(figsize=(4 * len(keys) + 1.5, 6.5))
    axes = fig.subplots(2, len(keys), squeeze=False)
    scales = scales or [1.0] * len(keys)
    for row, family in enumerate(("s", "pump")):
        for col, (key, label) in enumerate(zip(keys, ylabels, strict=True)):
            ax = axes[row, col]
            _family_curves(ax, data, key, family, scales[col])
            ax.set_xlabel(TIME_LABEL)
            ax.set_ylabel(label)
            _letter(ax, row * len(keys) + col)
        axes[row, -1].legend(fontsize=8, loc="center left", bbox_to_anchor=(1.02, 0.5))
    fig.suptitle(title)
    fig.subplots_adjust(left=0.08, right=0.83, bottom=0.08, top=0.92, wspace=0.35, hspace=0.35)
    return fig


def fig3(data: xr.Dataset, out_dir: Path) -> list[Path]:
    g_se = data.attrs["gamma_se"]
    fig = _two_family_figure(
        data, ("entropy", "entropy_production", "entropy_production_rate"),
        (r"$S(\rho)$ [nat]", r"$\langle\Sigma_t\rangle$ [nat]",
         r"$\langle\dot\Sigma_t\rangle\,/\,\Gamma_\mathrm{SE}$"),
        "Fig. 3: entropy, entropy production and its rate", [1.0, 1.0, 1.0 / g_se])
    return save_study_figure(fig, data, out_dir, "fig3")


def fig4(data: xr.Dataset, out_dir: Path) -> list[Path]:
    to_ghz = 1.0 / (2 * np.pi * 1e9)
    fig = _two_family_figure(data, ("ergotropy", "efficiency"), (r"$\mathcal{E}/h$ [GHz]",
                                                          r"$R = \mathcal{E}/E$"),
                             "Fig. 4: ergotropy and polarisation efficiency", [to_ghz, 1.0])
    return save_study_figure(fig, data, out_dir, "fig4")


def fig5(data: xr.Dataset, out_dir: Path) -> list[Path]:
    fig = Figure(figsize=(6, 4.5))
    fig.subplots_adjust(left=0.12, right=0.86, bottom=0.12, top=0.9)
    ax = fig.add_subplot()
    for s in data["s"].values:
        ax.semilogx(data["radius_cm"], data["efficiency_radius"].sel(s=s), label=f"s = {s:g}")
    ax.set_xlabel("cell radius $r$ [cm]")
    ax.set_ylabel(r"NESS $R$ ($R_\mathrm{op} = \Gamma_\mathrm{SE}/2$)")
    ax.legend(loc="best")
    twin = ax.twinx()
    twin.loglog(data["radius_cm"], data["gamma_sd_radius"], "k--", lw=1)
    twin.set_ylabel(r"$\Gamma_\mathrm{SD}$ [s$^{-1}$] (dashed)")
    fig.suptitle("Fig. 5: polarisation efficiency against cell radius")
    return save_study_figure(fig, data, out_dir, "fig5")


def fig6(data: xr.Dataset, out_dir: Path) -> list[Path]:
    fig = Figure(figsize=(10, 9))
    axes = fig.subplots(3, 2)
    for col, family in enumerate(("s", "pump")):
        for row, comp in enumerate("xyz"):
            ax = axes[row, col]
            if _is_numerical_zero(ax, [data[f"qfi_{comp}_{family}"].values]):
                ax.plot(data["time_tse"], np.zeros(data["time_tse"].size), color="k")
            else:
                _family_curves(ax, data, f"qfi_{comp}", family)
            ax.set_xlabel(TIME_LABEL)
            ax.set_ylabel(rf"$F_Q(\rho, F_{comp})$")
            _letter(ax, col * 3 + row)
        axes[0, col].legend(fontsize=8, loc="lower left", bbox_to_anchor=(0.0, 1.01), ncol=3,
                            frameon=False)  # above the panel, off the curves
    fig.suptitle("Fig. 6: quantum Fisher information")
    fig.subplots_adjust(left=0.08, right=0.97, bottom=0.07, top=0.87, wspace=0.35, hspace=0.35)
    return save_study_figure(fig, data, out_dir, "fig6")


def fig7(data: xr.Dataset, out_dir: Path) -> list[Path]:
    fig = Figure(figsize=(10, 9))
    axes = fig.subplots(3, 2)
    eff = data["efficiency_s"].sel(s=0.75)
    sigma = data["entropy_production_s"].sel(s=0.75)
    for row, comp in enumerate("xyz"):
        qfi = data[f"qfi_{comp}_s"].sel(s=0.75)
        for col, x in enumerate((eff, sigma)):
            zero = _is_numerical_zero(axes[row, col], [qfi.values])
            axes[row, col].plot(x, np.zeros(qfi.size) if zero else qfi)
        axes[row, 0].set_xlabel("$R$")
        axes[row, 1].set_xlabel(r"$\Sigma$ [nat]")
        for col in range(2):
            axes[row, col].set_ylabel(rf"$F_Q(\rho, F_{comp})$")
            _letter(axes[row, col], col * 3 + row)
    fig.suptitle(r"Fig. 7: QFI against efficiency and relative entropy ($s = 0.75$, "
                 r"$R_\mathrm{op} = \Gamma_\mathrm{SE}$)")
    fig.subplots_adjust(left=0.08, right=0.97, bottom=0.08, top=0.92, wspace=0.35, hspace=0.35)
    return save_study_figure(fig, data, out_dir, "fig7")


def draw_all(data: xr.Dataset, out_dir: Path) -> list[Path]:
    """Every figure of the study; returns the paths written."""
    paths: list[Path] = []
    for draw in (fig2, fig3, fig4, fig5, fig6, fig7):
        paths += draw(data, out_dir)
    return paths
