"""Study ``opm-thermo``: thermodynamics of an optically pumped ⁸⁷Rb vapour (seed 000).

Sousa, Vieira & Florez, "Thermodynamical aspects of optically pumped dense atomic medium"
(arXiv:2604.09219). Every panel of Figs. 2–7 is recomputed from Eq. (1) with the rates of
Appendix A, and every number and checkable statement of the text becomes a claim.

Choices where the paper is silent: time runs to 50 T_SE (T_SE = 1/Γ_SE), long enough for every
curve to settle; the photon spins of Figs. 3, 4, 6 are s ∈ {0.25, 0.5, 0.75, 1} and the pump rates
R_op/Γ_SE ∈ {0, 0.25, 0.5, 1, 2} (the values the text names, completed); Fig. 5 uses
s ∈ {0.25, 0.5, 0.75, 1}. Energies are measured from the ground level of H0 = A_hfs I·S
(PHYSICS_NOTES, section 000). The vapour cell uses the package defaults (``VapourCell``):
Nesmeyanov vapour pressure, Franz & Volk diffusion constants, relative speeds in Eq. (9).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import scipy.linalg
import xarray as xr

from spinthermo.atoms.cell import VapourCell, spin_destruction_rate_vs_radius
from spinthermo.atoms.species import get_species
from spinthermo.models.alkali_pumping import (
    AXES,
    AlkaliAtom,
    AlkaliPumping,
    spin_temperature_state,
    thermodynamics,
)
from spinthermo.studies.contract import Claim, Study, StudyResult, explained
from spinthermo.studies.progress import resolve_progress

SPECIES = "87Rb"
PHOTON_SPINS = (0.25, 0.5, 0.75, 1.0)
PUMP_RATIOS = (0.0, 0.25, 0.5, 1.0, 2.0)
T_MAX_TSE = 50.0
RADII_CM = (0.01, 2.5)
#: Bound on statements of "zero": the integration's relative tolerance (1e-8) bounds the
#: population errors, and so R, QFI and ⟨F⟩ errors, at that order; physical values are ~0.1–1.
NUMERICAL_ZERO = 1e-8
DIAGNOSTICS = ("entropy", "entropy_production", "entropy_production_rate", "energy",
               "ergotropy", "efficiency", "qfi_x", "qfi_y", "qfi_z", "f_x", "f_y", "f_z")
#: CF ``long_name`` and UDUNITS ``units`` of each diagnostic; entropies are in nat (k_B = 1),
#: energies angular frequencies (ħ = 1).
DIAGNOSTIC_ATTRS = {
    "entropy": {"long_name": "von Neumann entropy S (nat)", "units": "1"},
    "entropy_production": {"long_name": "entropy production Σ (nat)", "units": "1"},
    "entropy_production_rate": {"long_name": "entropy production rate dΣ/dt (nat per s)",
                                "units": "s-1"},
    "energy": {"long_name": "mean energy ⟨H⟩ (ħ = 1)", "units": "rad s-1"},
    "ergotropy": {"long_name": "ergotropy (ħ = 1)", "units": "rad s-1"},
    "efficiency": {"long_name": "polarisation efficiency R", "units": "1"},
    **{f"qfi_{a}": {"long_name": f"quantum Fisher information for rotations about {a}",
                    "units": "1"} for a in "xyz"},
    **{f"f_{a}": {"long_name": f"⟨F_{a}⟩", "units": "1"} for a in "xyz"},
}
SOURCE = "000"


def _rotation_to_axis(atom: AlkaliAtom, axis: str) -> np.ndarray:
    """Unitary taking the quantisation axis z onto ``axis`` (for populations along it)."""
    fx, fy, _ = atom.total_spin
    if axis == "z":
        return np.eye(atom.dimension)
    generator = fy if axis == "x" else -fx
    return scipy.linalg.expm(-0.5j * np.pi * generator)


def _populations(atom: AlkaliAtom, rho: np.ndarray, axis: str) -> np.ndarray:
    """Populations of |F, m_F⟩ quantised along ``axis``."""
    u = _rotation_to_axis(atom, axis)
    return np.real(np.einsum("ij,...jk,ki->...i", u.conj().T, rho, u))


def _peak_time(times: np.ndarray, values: np.ndarray) -> float:
    """Time of the maximum, refined by a parabola through the three highest samples."""
    i = int(np.clip(np.argmax(values), 1, values.size - 2))
    y0, y1, y2 = values[i - 1: i + 2]
    curvature = y0 - 2 * y1 + y2
    shift = 0.5 * (y0 - y2) / curvature if curvature != 0 else 0.0
    return float(times[i] + shift * (times[i + 1] - times[i]))


def _linear_r2(x: np.ndarray, y: np.ndarray) -> float:
    design = np.vstack([x, np.ones_like(x)]).T
    _, residual, *_ = np.linalg.lstsq(design, y, rcond=None)
    return float(1 - residual[0] / np.sum((y - y.mean()) ** 2))


class OpmThermoStudy(Study):
    """Seed 000 reproduced: Figs. 2–7 and the numbers of the text and Appendix A."""

    name = "opm-thermo"
    title = "Thermodynamics of an optically pumped dense ⁸⁷Rb vapour"
    seed = "000_76dbaf624e350eba.txt"
    description = "Quantum thermodynamics of optically pumped alkali spins (seed 000)"

    def __init__(self, cell: VapourCell | None = None):
        self.cell = cell or VapourCell(species=SPECIES)

    # ------------------------------------------------------------------ computation
    def _model(self, ratio: float, s: float, axis: str = "z",
               spin_destruction_rate: float | None = None) -> AlkaliPumping:
        g_se = self.cell.spin_exchange_rate
        g_sd = self.cell.spin_destruction_rate if spin_destruction_rate is None else \
            spin_destruction_rate
        return AlkaliPumping.from_species(
            self.cell.species, pumping_rate=ratio * g_se, spin_exchange_rate=g_se,
            spin_destruction_rate=g_sd, photon_spin=s, axis=axis,
        )

    def _trajectory(self, model: AlkaliPumping, times: np.ndarray):
        x = model.evolve_coordinates(times).states
        diagnostics = thermodynamics(model, x)
        rho = model.density_matrix(x)
        ness = model.density_matrix(model.steady_state_coordinates())
        return diagnostics, rho, ness

    def run(self, quick: bool = False, progress=None) -> StudyResult:
        progress = resolve_progress(progress)
        g_se, g_sd = self.cell.spin_exchange_rate, self.cell.spin_destruction_rate
        n_times = 251 if quick else 1001
        tau = np.linspace(0.0, T_MAX_TSE, n_times)
        times = tau / g_se
        atom = self._model(1.0, 0.5).atom
        n_levels = atom.dimension

        cases = [("s", s, 1.0, s) for s in PHOTON_SPINS]
        cases += [("pump", r, r, 0.5) for r in PUMP_RATIOS]
        series: dict[str, dict[str, list]] = {"s": {}, "pump": {}}
        ness_checks = []
        for family, _label, ratio, s in progress.track(cases, "trajectories (Figs. 3, 4, 6)"):
            model = self._model(ratio, s)
            diag, _rho, ness = self._trajectory(model, times)
            ness_diag = thermodynamics(model, model.coordinates(ness))
            for key in DIAGNOSTICS:
                series[family].setdefault(key, []).append(diag[key])
                series[family].setdefault(key + "_ness", []).append(ness_diag[key])
            polarization = 2 * model.expectation(model.coordinates(ness), "S", "z")
            expected = s * ratio * g_se / (ratio * g_se + g_sd)
            spin_temp = spin_temperature_state(model.atom, polarization)
            ness_checks.append((abs(polarization - expected),
                                float(np.abs(ness - spin_temp).max())))

        fig2 = {}
        for axis in progress.track(("z", "x"), "Fig. 2 trajectories"):
            model = self._model(1.0, 0.5, axis)
            diag, rho, ness = self._trajectory(model, times)
            fig2[axis] = {
                "spin": np.stack([diag[f"f_{a}"] for a in AXES]),
                "populations": _populations(atom, rho, axis).T,
                "initial": _populations(atom, rho[0], axis),
                "ness": _populations(atom, ness, axis),
            }

        radii = np.geomspace(0.01, 2.5, 40 if quick else 200)
        gamma_sd_r = spin_destruction_rate_vs_radius(self.cell, radii)
        efficiency_r = []
        for s in progress.track(PHOTON_SPINS, "Fig. 5 radius sweep"):
            model = self._model(0.5, s, spin_destruction_rate=gamma_sd_r)
            ness = model.steady_state_coordinates()
            efficiency_r.append(thermodynamics(model, ness)["efficiency"])

        coords = {
            "time_tse": ("time_tse", tau, {"units": "1", "long_name": "t / T_SE"}),
            "time": ("time_tse", times, {"units": "s", "long_name": "time t = (t / T_SE) / Γ_SE",
                                         "standard_name": "time"}),
            "s": ("s", np.array(PHOTON_SPINS), {"units": "1",
                                                "long_name": "photon spin (R_op = Γ_SE)"}),
            "pump_ratio": ("pump_ratio", np.array(PUMP_RATIOS),
                           {"units": "1", "long_name": "R_op / Γ_SE (s = 0.5)"}),
            "axis": ("axis", np.array(list(AXES)), {"units": "1",
                                                     "long_name": "spin component axis"}),
            "level": ("level", np.arange(n_levels),
                      {"labels": ", ".join(f"F={f:g},m={m:+g}" for f, m in atom.spins.levels),
                       "units": "1", "long_name": "ground-state level index |F, m_F>"}),
            "radius_cm": ("radius_cm", radii, {"units": "cm", "long_name": "cell radius"}),
        }
        variables = {}
        for family, dim in (("s", "s"), ("pump", "pump_ratio")):
            for key in DIAGNOSTICS:
                variables[f"{key}_{family}"] = (
                    (dim, "time_tse"), np.array(series[family][key]), DIAGNOSTIC_ATTRS[key])
                variables[f"{key}_ness_{family}"] = (
                    (dim,), np.array(series[family][key + "_ness"]),
                    {**DIAGNOSTIC_ATTRS[key],
                     "long_name": DIAGNOSTIC_ATTRS[key]["long_name"] + ", steady state"})
        for axis in ("z", "x"):
            variables[f"spin_{axis}_pumping"] = (("axis", "time_tse"), fig2[axis]["spin"],
                                                 {"units": "1", "long_name": "<F_k>"})
            populations = {"units": "1",
                           "long_name": f"level populations along {axis}, pumping along {axis}"}
            variables[f"populations_{axis}_pumping"] = (("level", "time_tse"),
                                                        fig2[axis]["populations"], populations)
            variables[f"initial_populations_{axis}_pumping"] = (
                ("level",), fig2[axis]["initial"],
                {**populations, "long_name": populations["long_name"] + ", initial"})
            variables[f"ness_populations_{axis}_pumping"] = (
                ("level",), fig2[axis]["ness"],
                {**populations, "long_name": populations["long_name"] + ", steady state"})
        variables["gamma_sd_radius"] = (("radius_cm",), gamma_sd_r, {
            "units": "s-1", "long_name": "spin-destruction rate Γ_SD (with wall relaxation)"})
        variables["efficiency_radius"] = (("s", "radius_cm"), np.array(efficiency_r),
                                          {"units": "1", "long_name": "NESS R at R_op = Γ_SE/2"})
        data = xr.Dataset(variables, coords=coords, attrs={
            "gamma_se": g_se, "gamma_sd": g_sd,
            "hyperfine_splitting_hz": get_species(self.cell.species).hyperfine_splitting_hz,
        })
        claims = self._claims(data, ness_checks)
        parameters = {
            "species": self.cell.species, "temperature_c": self.cell.temperature_c,
            "radius_cm": self.cell.radius_cm,
            "buffer_pressures_torr": dict(self.cell.buffer_pressures_torr),
            "vapour_pressure_formula": self.cell.vapour_pressure_formula,
            "diffusion_data": self.cell.diffusion_data,
            "buffer_gas_speed": self.cell.buffer_gas_speed,
            "gamma_se_per_s": g_se, "gamma_sd_per_s": g_sd, "t_max_tse": T_MAX_TSE,
            "n_times": n_times, "n_radii": radii.size,
        }
        return StudyResult(self.name, data, claims, parameters)

    # ------------------------------------------------------------------ claims
    def _claims(self, data: xr.Dataset, ness_checks) -> list[Claim]:
        g_se, g_sd = data.attrs["gamma_se"], data.attrs["gamma_sd"]
        claims = [
            Claim.close("gamma-se", f"{SOURCE} Figs. 2-7, App. A Eq. (7)",
                        "Spin-exchange rate Γ_SE of the 120 °C cell (Hz)", 14e3, g_se,
                        abs=500.0, reason="the paper gives two significant figures"),
        ]
        alternatives = {
            "alkali speed": replace(self.cell, buffer_gas_speed="alkali"),
            "Pouliot D0": replace(self.cell, diffusion_data="pouliot_2026"),
        }

        def alternative_rates(radius_cm: float) -> str:
            return "; ".join(
                f"{label}: {cell.with_radius(radius_cm).spin_destruction_rate:.3g} Hz"
                for label, cell in alternatives.items())

        inputs_missing = (
            "Eq. (9) does not say which speed multiplies n σ for the buffer gases and Eq. (11) "
            "gives no D0: with the relative speed (our default) and Franz & Volk's D0 the paper's "
            "number is not reached. Other readings of the same equations give {alt}."
        )
        claims.append(explained(Claim.close(
            "gamma-sd", f"{SOURCE} Figs. 2-7, App. A Eqs. (8)-(11)",
            "Spin-destruction rate Γ_SD of the 1.5 cm cell (Hz)",
            30.0, g_sd, abs=5.0, reason="'≈ 30 Hz': one significant figure"),
            inputs_missing.format(alt=alternative_rates(self.cell.radius_cm))))
        gamma_r = data["gamma_sd_radius"]
        for radius, paper in zip(RADII_CM, (290e3, 21.0), strict=True):
            ours = float(gamma_r.sel(radius_cm=radius, method="nearest"))
            claims.append(explained(Claim.close(
                f"gamma-sd-r{radius:g}", f"{SOURCE} Fig. 5 caption",
                f"Γ_SD at r = {radius:g} cm (Hz; the caption lists the endpoints in the "
                "reverse order: Γ_SD falls as r grows)", paper, ours,
                rel=0.05, reason="two significant figures"),
                inputs_missing.format(alt=alternative_rates(radius))))
        eff_r = data["efficiency_radius"]
        large = eff_r.sel(radius_cm=slice(0.5, None))
        spread_large = float(((large.max("radius_cm") - large.min("radius_cm"))
                              / large.max("radius_cm")).max())
        drop = float((eff_r.isel(radius_cm=0) / large.max("radius_cm")).max())
        claims.append(Claim.check(
            "fig5-collapse", f"{SOURCE} Fig. 5",
            "R saturates for r ≥ 0.5 cm (relative spread < 5 %) and collapses for small r "
            "(R(0.01 cm) < R_sat / 2); ours: spread, R(0.01)/R_sat",
            "saturation above 0.5 cm, abrupt fall below", f"{spread_large:.3f}, {drop:.3f}",
            spread_large < 0.05 and drop < 0.5, "5 % read as 'saturates'; half as 'collapses'"))

        eff = data["efficiency_ness_s"]
        for s, paper in ((0.75, 0.95), (0.25, 0.45)):
            claims.append(Claim.close(
                f"fig4b-R-s{s}", f"{SOURCE} Fig. 4(b), Sec. IV",
                f"Asymptotic polarisation efficiency R for s = {s}, R_op = Γ_SE", paper,
                float(eff.sel(s=s)), abs=0.02, reason="'approximately' a percentage read off"))
        eff_pump = data["efficiency_ness_pump"]
        for ratio in (1.0, 2.0):
            claims.append(Claim.close(
                f"fig4d-R-pump{ratio:g}", f"{SOURCE} Fig. 4(d), Sec. IV",
                f"Asymptotic R for s = 0.5 at R_op = {ratio:g} Γ_SE (≈ 80 % for R_op ≥ Γ_SE)",
                0.80, float(eff_pump.sel(pump_ratio=ratio)), abs=0.02,
                reason="'approximately 80%' read off"))
        r_off = float(np.abs(data["efficiency_pump"].sel(pump_ratio=0.0)).max())
        claims.append(Claim.close(
            "fig4d-R-off", f"{SOURCE} Fig. 4(d)", "R stays 0 with the pump off (R_op = 0)",
            0.0, r_off, abs=NUMERICAL_ZERO, reason="rounding only"))

        pol_err = max(p for p, _ in ness_checks)
        st_err = max(d for _, d in ness_checks)
        claims.append(Claim.close(
            "ness-spin-temperature", f"{SOURCE} Sec. II, Fig. 2",
            "The NESS is the spin-temperature state e^{βF_z}/Z (max |ρ − ρ_ST| over all cases)",
            0.0, st_err, abs=NUMERICAL_ZERO, reason="rounding only"))
        claims.append(Claim.close(
            "ness-polarization", f"{SOURCE} Sec. II (Appelt et al. 1998)",
            "Electron polarisation ⟨2S_z⟩ = s R_op/(R_op + Γ_SD) at the NESS (max error)",
            0.0, pol_err, abs=NUMERICAL_ZERO, reason="rounding only"))

        entropy_ness = data["entropy_ness_pump"].sel(pump_ratio=[0.5, 1.0, 2.0]).values
        spread = float((entropy_ness.max() - entropy_ness.min()) / entropy_ness.mean())
        claims.append(Claim.check(
            "fig3d-same-entropy", f"{SOURCE} Fig. 3(d,e)",
            "Same asymptotic S(ρ) (and so the same Σ) for R_op ≥ Γ_SE/2 (relative spread)",
            "same", spread, spread < 0.01, "1 % relative spread"))
        production_s = data["entropy_production_ness_s"].values
        rises = bool(np.all(np.diff(production_s) > 0))
        claims.append(Claim.check(
            "fig3b-cost-rises-with-s", f"{SOURCE} Fig. 3(b)",
            "Asymptotic entropy production Σ increases with s", True, rises, rises,
            "strict ordering"))
        entropy_all = np.concatenate([data["entropy_s"].values, data["entropy_pump"].values])
        monotonic = bool(np.all(np.diff(entropy_all, axis=1) <= NUMERICAL_ZERO))
        claims.append(Claim.check(
            "fig3-entropy-decreases", f"{SOURCE} Fig. 3 caption",
            "S(ρ) decreases monotonically in time (every curve)", True, monotonic, monotonic,
            "non-increasing within rounding"))

        tau = data["time_tse"].values
        rate = data["entropy_production_rate_s"].values
        peak_times = np.array([_peak_time(tau, r) for r in rate])
        peak_heights = rate.max(axis=1)
        spread_t = float((peak_times.max() - peak_times.min()) / peak_times.mean())
        claims.append(Claim.check(
            "fig3c-peak-time-independent-of-s", f"{SOURCE} Fig. 3(c), Sec. III",
            "Time of the Σ̇ peak is independent of s (relative spread over s = 0.25…1; ours "
            f"{', '.join(f'{t:.2f}' for t in peak_times)} T_SE)",
            "independent", round(spread_t, 4), spread_t < 0.10,
            "10 %: 'independent' against a 17-fold change of the peak height"))
        higher_earlier = bool(np.all(np.diff(peak_heights) > 0)
                              and np.all(np.diff(peak_times) < 0))
        claims.append(Claim.check(
            "fig3c-peak-higher-earlier", f"{SOURCE} Fig. 3(c), Sec. III",
            "A larger s gives a higher and earlier Σ̇ peak", True, higher_earlier,
            higher_earlier, "strict ordering"))
        rate_p = data["entropy_production_rate_pump"].sel(pump_ratio=[0.25, 0.5, 1.0, 2.0]).values
        p_times = np.array([_peak_time(tau, r) for r in rate_p])
        ordered = bool(np.all(np.diff(rate_p.max(axis=1)) > 0) and np.all(np.diff(p_times) < 0))
        claims.append(Claim.check(
            "fig3f-pump-rate-peak", f"{SOURCE} Fig. 3(f)",
            "A higher pump rate gives a larger and earlier Σ̇ peak", True, ordered, ordered,
            "strict ordering"))

        erg = np.concatenate([data["ergotropy_s"].values, data["ergotropy_pump"].values])
        scale = float(np.abs(erg).max())
        increasing = bool(np.all(np.diff(erg, axis=1) >= -NUMERICAL_ZERO * scale))
        claims.append(Claim.check(
            "fig4a-ergotropy-increases", f"{SOURCE} Fig. 4(a), Sec. IV",
            "Ergotropy increases with time (every curve)", True, increasing, increasing,
            "non-decreasing within rounding"))
        f2 = float(data["ness_populations_z_pumping"].isel(level=slice(0, 5)).sum())
        claims.append(Claim.check(
            "sec3-most-in-f2", f"{SOURCE} Sec. III (end)",
            "At the NESS most atoms are in F = 2 (s = 0.5, R_op = Γ_SE; ours: population)",
            "> 0.5", round(f2, 4), f2 > 0.5, "majority"))

        z_fields = data["spin_z_pumping"].sel(axis=["x", "y"])
        x_fields = data["spin_x_pumping"].sel(axis=["y", "z"])
        transverse = float(max(np.abs(z_fields).max(), np.abs(x_fields).max()))
        claims.append(Claim.check(
            "fig2-orientation-follows-light", f"{SOURCE} Fig. 2(a,b)",
            "z pumping gives only ⟨F_z⟩ ≠ 0 and x pumping only ⟨F_x⟩ ≠ 0 "
            "(ours: largest other component)", 0.0, transverse,
            transverse < NUMERICAL_ZERO and float(data["spin_z_pumping"].sel(axis="z")[-1]) > 0.1
            and float(data["spin_x_pumping"].sel(axis="x")[-1]) > 0.1, "rounding only"))

        qfi_z = float(max(np.abs(data["qfi_z_s"]).max(), np.abs(data["qfi_z_pump"]).max()))
        claims.append(Claim.close(
            "fig6-qfi-z-zero", f"{SOURCE} Fig. 6(c,f), Fig. 7(c,f)",
            "QFI(F_z) = 0 for z pumping in all scenarios (max over all curves)", 0.0, qfi_z,
            abs=NUMERICAL_ZERO, reason="rounding only"))
        qfi_x = data["qfi_x_ness_s"].values
        qfi_xy = bool(np.all(np.diff(qfi_x) > 0)
                      and np.allclose(qfi_x, data["qfi_y_ness_s"].values, rtol=1e-8))
        claims.append(Claim.check(
            "fig6ab-qfi-rises-with-s", f"{SOURCE} Fig. 6(a,b)",
            "Transverse QFI (F_x = F_y) larger for larger s", True, qfi_xy, qfi_xy,
            "strict ordering"))
        qx_pump = data["qfi_x_ness_pump"].sel(pump_ratio=[1.0, 2.0]).values
        same_limit = float(abs(qx_pump[1] - qx_pump[0]) / qx_pump[1])
        claims.append(Claim.check(
            "fig6de-qfi-same-limit", f"{SOURCE} Fig. 6(d,e)",
            "Transverse QFI reaches the same maximum for R_op = Γ_SE and 2Γ_SE (relative diff.)",
            "same", round(same_limit, 6), same_limit < 0.01, "1 % relative difference"))

        qfi_75 = data["qfi_x_s"].sel(s=0.75).values
        sigma_75 = data["entropy_production_s"].sel(s=0.75).values
        r2 = _linear_r2(sigma_75, qfi_75)
        claims.append(Claim.check(
            "fig7de-qfi-linear-in-sigma", f"{SOURCE} Fig. 7(d,e)",
            "QFI(F_x) is strictly linear in Σ along the s = 0.75 trajectory (R² of a line)",
            "linear", round(r2, 6), r2 >= 0.999, "R² ≥ 0.999 read as 'strictly linear'"))
        eff_75 = data["efficiency_s"].sel(s=0.75).values
        mask = eff_75 > 0.05
        ratio_qr = qfi_75[mask] / eff_75[mask]
        superlinear = bool(np.all(np.diff(ratio_qr) >= -NUMERICAL_ZERO))
        claims.append(Claim.check(
            "fig7ab-qfi-superlinear-in-R", f"{SOURCE} Fig. 7(a,b)",
            "QFI(F_x) grows superlinearly with R (QFI/R increases along the trajectory)", True,
            superlinear, superlinear, "monotonic QFI/R within rounding"))
        return claims

    # ------------------------------------------------------------------ figures
    def plot(self, data: xr.Dataset, out_dir: Path) -> list[Path]:
        from spinthermo.studies.opm_thermo_figures import draw_all

        return draw_all(data, out_dir)
