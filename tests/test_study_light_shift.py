"""The ``light-shift`` study (seed 004): one quick run, its data, claims and written outputs."""

from __future__ import annotations

import json

import numpy as np
import pytest

from spinthermo.studies.contract import run_study
from spinthermo.studies.light_shift import (
    LightShiftStudy,
    local_maxima,
    local_minima,
    mean_abs_slope,
    sign_changes,
)
from spinthermo.studies.output import write_study
from spinthermo.studies.registry import get_study

GRID_VARIABLES = ("electron_spin_z", "light_shift_hz", "linewidth_hz", "signal_zero_crossings",
                  "estimate_light_shift_hz", "estimate_linewidth_hz")
LINE_VARIABLES = ("line_light_shift_hz", "line_linewidth_hz", "line_weight")
OTHER_VARIABLES = ("point_electron_spin_z", "point_populations", "fig5_light_shift_hz",
                   "fig5_linewidth_hz", "limit_light_shift_hz", "limit_linewidth_hz",
                   "no_light_linewidth_hz", "compare_electron_spin_z", "compare_wall_time",
                   "st_populations", "st_line_light_shift_hz")
#: Physical scalars of the study: 0-d variables with units, not global attributes.
SCALARS = ("delta_s_ghz", "delta_p_ghz", "larmor_hz", "fig5_rabi_hz",
           "fig5_pressure_broadening_hz", "st_pressure_broadening_hz", "st_rabi_hz")


@pytest.fixture(scope="module")
def result():
    return run_study(LightShiftStudy(), quick=True)


def test_registered():
    assert isinstance(get_study("light-shift"), LightShiftStudy)


def test_dataset_has_every_curve_with_units(result):
    data = result.data
    for name in GRID_VARIABLES:
        assert data[name].dims == ("pressure_torr", "detuning_ghz")
    for name in LINE_VARIABLES:
        assert data[name].dims == ("pressure_torr", "detuning_ghz", "line")
    assert list(data["line"].values) == ["F=a", "F=b"]
    for name in OTHER_VARIABLES:
        assert name in data
    assert list(data["pressure_torr"].values) == [100, 700]
    assert list(data["point"].values) == ["a", "b", "c", "d"]
    for name in ("light_shift_hz", "linewidth_hz", "fig5_light_shift_hz"):
        assert data[name].attrs["units"] == "Hz"
    assert data["detuning_ghz"].attrs["units"] == "GHz"


def test_scenarios_are_dimensions_and_scalars_are_variables(result):
    """Issue 13 item 3: no wide per-treatment names, no ambiguous ``polarization``, physical
    scalars as 0-d variables with units."""
    data = result.data
    names = [str(n) for n in data.variables]
    assert not [n for n in names if "polarization" in n or n.startswith(("compare_full",
                                                                         "compare_effective"))]
    assert list(data["treatment"].values) == ["effective", "full"]
    for name in ("compare_electron_spin_z", "compare_light_shift_hz", "compare_linewidth_hz",
                 "compare_wall_time"):
        assert data[name].dims == ("treatment", "compare"), name
    assert list(data["st_treatment"].values) == ["effective", "spin-temperature"]
    for name in SCALARS:
        assert data[name].dims == () and data[name].attrs["units"] in ("GHz", "Hz"), name
        assert name not in data.attrs, name
    assert float(data["delta_s_ghz"]) == pytest.approx(9.192631770, rel=1e-6)


def test_every_claim_has_a_kind_and_model_identities_are_consistency(result):
    kinds = {c.id: c.kind for c in result.claims}
    assert set(kinds.values()) == {"paper", "consistency", "beyond"}
    for claim_id in ("full-vs-effective-electron-spin-z", "full-vs-effective-light-shift",
                     "full-vs-effective-line-width", "sec4-linewidth-pump-off",
                     "st-limit-electron-spin-z", "st-light-shift-reconstructed"):
        assert kinds[claim_id] == "consistency", claim_id
    assert kinds["fig4b-line-continuous-near-aa"] == "beyond"
    for claim_id in ("eq41-slope-at-aa", "eq44-slope-at-0", "eq42-linewidth-at-aa",
                     "st-limit-spin-temperature", "st-light-shift-eq32-as-printed",
                     "fig3-f3-smaller-gamma-at-0", "fig3-f3-larger-gamma-at-aa",
                     "fig4b-light-narrowing-700torr"):
        assert kinds[claim_id] == "paper", claim_id


def test_the_f_a_line_is_continuous_where_the_global_extrema_jump(result):
    """Issue 14: near Δ_aa = 0 at 100 torr the whole-response width jumps by kHz where two
    resolved lines trade places; the F = a line read on its own modes changes by less than
    Eq. (42)'s steepest slope (+25 %) allows over each step, and matches Eq. (42) at Δ_aa = 0."""
    data = result.data.sel(pressure_torr=100)
    x = data["detuning_ghz"].values
    d_s = float(result.data["delta_s_ghz"])
    near = np.abs(x - d_s) <= 1.0
    line = data["line_linewidth_hz"].sel(line="F=a").values[near]
    whole = data["linewidth_hz"].values[near]
    assert np.nanmax(np.abs(np.diff(whole))) > 1000.0  # the jump the issue reports
    # steepest slope of Eq. (42)'s pumping term, Hz per Hz of Δ, with its 25 % reading margin
    steepest = 1.25 * (4.1e6**2 / 8) * 3 * np.sqrt(3) / (8 * 0.6e9**2)
    assert np.all(np.abs(np.diff(line)) <= steepest * np.diff(x[near]) * 1e9)
    at_aa = int(np.argmin(np.abs(x - d_s)))
    assert data["line_linewidth_hz"].sel(line="F=a").values[at_aa] == pytest.approx(
        float(data["estimate_linewidth_hz"][at_aa]), rel=0.1)
    resolved = data["signal_zero_crossings"].values > 1
    assert resolved.any() and np.all(np.isfinite(
        data["line_linewidth_hz"].sel(line="F=b").values[resolved]))


def test_spin_temperature_limit_equalises_the_multiplets(result):
    """Eq. (30): at Γ ≫ Δ_S, Δ_P the populations of |a, m⟩ and |b, m⟩ are equal."""
    data = result.data
    pops = data["st_populations"].sel(st_treatment="effective").values
    f, m = data["level_f"].values, data["level_m"].values
    for m_b in m[f == 3]:
        np.testing.assert_allclose(pops[:, (f == 4) & (m == m_b)][:, 0],
                                   pops[:, (f == 3) & (m == m_b)][:, 0], atol=1e-3)


def test_electron_spin_is_physical_and_complete(result):
    data = result.data
    for name in ("electron_spin_z", "fig5_electron_spin_z", "point_electron_spin_z"):
        values = data[name].values
        assert not np.any(np.isnan(values)), name
        assert np.all(np.abs(values) <= 0.5 + 1e-12), name
    pops = data["point_populations"].values
    np.testing.assert_allclose(pops.sum(axis=1), 1.0, atol=1e-10)
    assert pops.min() > -1e-10


def test_full_and_effective_agree_in_weak_driving(result):
    data = result.data
    s_z = data["compare_electron_spin_z"]
    diff = s_z.sel(treatment="full") - s_z.sel(treatment="effective")
    assert float(np.abs(diff).max()) < 1e-3


def test_claims_fail_only_with_an_explanation(result):
    assert len(result.claims) >= 10
    assert not result.unexplained_failures, [c.id for c in result.unexplained_failures]
    for claim in result.claims:
        assert claim.source.startswith("004")
        assert claim.tolerance


def test_write_study_produces_the_files(result, tmp_path):
    target = write_study(LightShiftStudy(), result, tmp_path)
    for name in ("data.nc", "claims.json", "report.md", "fig2.png", "fig3.png", "fig4.png",
                 "fig5.png", "fig_checks.png"):
        assert (target / name).exists(), name
    claims = json.loads((target / "claims.json").read_text(encoding="utf-8"))
    assert {c["id"] for c in claims} == {c.id for c in result.claims}
    report = (target / "report.md").read_text(encoding="utf-8")
    assert "full_vs_effective" in report
    assert "experimental points" in report


def test_feature_helpers():
    x = np.linspace(-1.0, 1.0, 201)
    y = np.sin(3 * np.pi * x)
    np.testing.assert_allclose(local_maxima(x, y), [-0.5, 1 / 6, 5 / 6], atol=0.011)
    assert local_minima(x, y).size == 3
    assert sign_changes(x, y, -0.9, 0.9).size == 5
    y_nan = y.copy()
    y_nan[100] = np.nan
    assert sign_changes(x, y_nan, -0.9, 0.9).size == 5
    assert mean_abs_slope(x, 2 * x, 0.0, 0.5) == pytest.approx(2.0)
