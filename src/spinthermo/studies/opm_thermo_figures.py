"""Figures 2–7 of seed 000, drawn from the saved ``opm-thermo`` dataset only."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import xarray as xr
from matplotlib.figure import Figure

from spinthermo.studies.opm_thermo import family_view
from spinthermo.studies.output import save_study_figure, write_panel_label

PANEL_LETTERS = "abcdefgh"
#: ``|F_Q|`` below this is rounding error, not signal: such a panel shows zero and says so.
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
            "(right axis) with the alkali's speed in Eq. (9) (dashed, used) and the relative "
            "speed (dotted); crosses: the Γ_SD values the paper states.",
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


def _family_curves(ax, data: xr.Dataset, name: str, family: str, scale: float = 1.0,
                   axis: str | None = None) -> None:
    """One curve per member of ``family`` (:data:`~spinthermo.studies.opm_thermo.FAMILIES`)
    of variable ``name`` (component ``axis`` of a vector) against t/T_SE."""
    curves = family_view(data, name, family)
    if axis is not None:
        curves = curves.sel(axis=axis)
    index = "s" if family == "photon_spin" else "pump_ratio"
    for value in curves[index].values:
        label = f"$s = {value:g}$" if family == "photon_spin" else \
            rf"$R_\mathrm{{op}} = {value:g}\,\Gamma_\mathrm{{SE}}$"
        ax.plot(data["time_tse"], curves.sel({index: value}) * scale, label=label)


def fig2(data: xr.Dataset, out_dir: Path) -> list[Path]:
    """Fig. 2: populations (initial, NESS) and ⟨F_k⟩(t) with population insets, z and x pumping.

    Parameters
    ----------
    data : xarray.Dataset
        The saved ``opm-thermo`` dataset.
    out_dir : pathlib.Path
        Folder the figure is written to.

    Returns
    -------
    list of pathlib.Path
        The files written.
    """
    fig = Figure(figsize=(10, 7.5))
    grid = fig.add_gridspec(2, 3, width_ratios=[1, 1, 2.4], left=0.06, right=0.98, bottom=0.14,
                            top=0.92, wspace=0.3, hspace=0.6)
    labels = data["level"].attrs.get("labels", "").split(", ")
    for row, axis in enumerate(data["pump_axis"].values):
        for col, stage in enumerate(data["stage"].values):
            ax = fig.add_subplot(grid[row, col])
            pops = data["level_population_at_stage"].sel(pump_axis=axis, stage=stage).values
            ax.bar(np.arange(pops.size), pops, color=["C0"] * 5 + ["C3"] * (pops.size - 5))
            ax.set_xticks(np.arange(pops.size), labels, rotation=90, fontsize=8)
            ax.set_title(f"{'unpolarised' if stage == 'initial' else 'NESS'} ({axis} pumping)",
                         fontsize=9)
            ax.set_ylim(0, 1)
            ax.set_ylabel("population")
        ax = fig.add_subplot(grid[row, 2])
        spin = data["mean_total_spin_by_pump_axis"].sel(pump_axis=axis)
        for comp in data["axis"].values:
            ax.plot(data["time_tse"], spin.sel(axis=comp), label=rf"$\langle F_{comp}\rangle$")
        ax.set_xlabel(TIME_LABEL)
        ax.set_ylabel(r"$\langle F_i\rangle$")
        ax.legend(loc="center right", fontsize=9)
        inset = ax.inset_axes([0.45, 0.15, 0.3, 0.35])
        populations = data["level_population"].sel(pump_axis=axis)
        for level in data["level"].values:
            inset.plot(data["time_tse"], populations.sel(level=level), lw=0.8)
        inset.set_title("populations", fontsize=8)
        inset.tick_params(labelsize=8)
    fig.suptitle(r"Fig. 2: polarisation dynamics, $s = 0.5$, "
                 r"$R_\mathrm{op} = \Gamma_\mathrm{SE}$")
    return save_study_figure(fig, data, out_dir, "fig2")


def _two_family_figure(data: xr.Dataset, keys, ylabels, title: str, scales=None) -> Figure:
    fig = Figure(figsize=(4 * len(keys) + 1.5, 6.5))
    axes = fig.subplots(2, len(keys), squeeze=False)
    scales = scales or [1.0] * len(keys)
    for row, family in enumerate(data["family"].values):
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
    """Fig. 3: S(ρ), Σ and dΣ/dt against t/T_SE for both scenario families (arguments and
    return as :func:`fig2`)."""
    g_se = float(data["spin_exchange_rate"])
    fig = _two_family_figure(
        data, ("entropy", "entropy_production", "entropy_production_rate"),
        (r"$S(\rho)$ [nat]", r"$\langle\Sigma_t\rangle$ [nat]",
         r"$\langle\dot\Sigma_t\rangle\,/\,\Gamma_\mathrm{SE}$"),
        "Fig. 3: entropy, entropy production and its rate", [1.0, 1.0, 1.0 / g_se])
    return save_study_figure(fig, data, out_dir, "fig3")


def fig4(data: xr.Dataset, out_dir: Path) -> list[Path]:
    """Fig. 4: ergotropy and efficiency R against t/T_SE for both families (arguments and
    return as :func:`fig2`)."""
    to_ghz = 1.0 / (2 * np.pi * 1e9)
    fig = _two_family_figure(data, ("ergotropy", "efficiency"), (r"$\mathcal{E}/h$ [GHz]",
                                                          r"$R = \mathcal{E}/E$"),
                             "Fig. 4: ergotropy and polarisation efficiency", [to_ghz, 1.0])
    return save_study_figure(fig, data, out_dir, "fig4")


def fig5(data: xr.Dataset, out_dir: Path) -> list[Path]:
    """Fig. 5: NESS efficiency R against the cell radius, with Γ_SD of both Eq. (9) readings.

    Parameters
    ----------
    data : xarray.Dataset
        The saved ``opm-thermo`` dataset.
    out_dir : pathlib.Path
        Folder the figure is written to.

    Returns
    -------
    list of pathlib.Path
        The files written.
    """
    fig = Figure(figsize=(6, 4.5))
    fig.subplots_adjust(left=0.12, right=0.86, bottom=0.12, top=0.9)
    ax = fig.add_subplot()
    for s in data["photon_spin"].values:
        ax.semilogx(data["radius_cm"], data["efficiency_vs_radius"].sel(photon_spin=s),
                    label=f"s = {s:g}")
    ax.set_xlabel("cell radius $r$ [cm]")
    ax.set_ylabel(r"NESS $R$ ($R_\mathrm{op} = \Gamma_\mathrm{SE}/2$)")
    ax.legend(loc="best")
    twin = ax.twinx()
    rates = data["spin_destruction_rate_vs_radius"]
    for speed, style in zip(rates["buffer_gas_speed"].values, ("k--", "k:"), strict=True):
        twin.loglog(data["radius_cm"], rates.sel(buffer_gas_speed=speed), style, lw=1)
    twin.loglog(data["paper_radius_cm"], data["paper_spin_destruction_rate"], "kx", ms=7)
    twin.set_ylabel(r"$\Gamma_\mathrm{SD}$ [s$^{-1}$] (dashed, dotted; $\times$ paper)")
    fig.suptitle("Fig. 5: polarisation efficiency against cell radius")
    return save_study_figure(fig, data, out_dir, "fig5")


def fig6(data: xr.Dataset, out_dir: Path) -> list[Path]:
    """Fig. 6: QFI for F_x, F_y, F_z against t/T_SE for both families (arguments and return
    as :func:`fig2`)."""
    fig = Figure(figsize=(10, 9))
    axes = fig.subplots(3, 2)
    for col, family in enumerate(data["family"].values):
        for row, comp in enumerate("xyz"):
            ax = axes[row, col]
            curves = data["qfi"].sel(family=family, axis=comp).values
            if _is_numerical_zero(ax, [curves]):
                ax.plot(data["time_tse"], np.zeros(data["time_tse"].size), color="k")
            else:
                _family_curves(ax, data, "qfi", family, axis=comp)
            ax.set_xlabel(TIME_LABEL)
            ax.set_ylabel(rf"$F_Q(\rho, F_{comp})$")
            _letter(ax, col * 3 + row)
        axes[0, col].legend(fontsize=8, loc="lower left", bbox_to_anchor=(0.0, 1.01), ncol=3,
                            frameon=False)  # above the panel, off the curves
    fig.suptitle("Fig. 6: quantum Fisher information")
    fig.subplots_adjust(left=0.08, right=0.97, bottom=0.07, top=0.87, wspace=0.35, hspace=0.35)
    return save_study_figure(fig, data, out_dir, "fig6")


def fig7(data: xr.Dataset, out_dir: Path) -> list[Path]:
    """Fig. 7: QFI against R and against Σ along s = 0.75, R_op = Γ_SE (arguments and return
    as :func:`fig2`)."""
    fig = Figure(figsize=(10, 9))
    axes = fig.subplots(3, 2)
    eff = family_view(data, "efficiency", "photon_spin").sel(s=0.75)
    sigma = family_view(data, "entropy_production", "photon_spin").sel(s=0.75)
    for row, comp in enumerate("xyz"):
        qfi = family_view(data, "qfi", "photon_spin").sel(s=0.75, axis=comp)
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
