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

GRID_VARIABLES = ("polarization", "light_shift_hz", "linewidth_hz", "signal_zero_crossings",
                  "estimate_light_shift_hz", "estimate_linewidth_hz")
OTHER_VARIABLES = ("point_polarization", "point_populations", "fig5_light_shift_hz",
                   "fig5_linewidth_hz", "limit_light_shift_hz", "limit_linewidth_hz",
                   "no_light_linewidth_hz", "compare_full_polarization",
                   "compare_effective_polarization", "compare_full_seconds")


@pytest.fixture(scope="module")
def result():
    return run_study(LightShiftStudy(), quick=True)


def test_registered():
    assert isinstance(get_study("light-shift"), LightShiftStudy)


def test_dataset_has_every_curve_with_units(result):
    data = result.data
    for name in GRID_VARIABLES:
        assert data[name].dims == ("pressure_torr", "detuning_ghz")
    for name in OTHER_VARIABLES:
        assert name in data
    assert list(data["pressure_torr"].values) == [100, 700]
    assert list(data["point"].values) == ["a", "b", "c", "d"]
    for name in ("light_shift_hz", "linewidth_hz", "fig5_light_shift_hz"):
        assert data[name].attrs["units"] == "Hz"
    assert data["detuning_ghz"].attrs["units"] == "GHz"


def test_polarization_is_physical_and_complete(result):
    data = result.data
    for name in ("polarization", "fig5_polarization", "point_polarization"):
        values = data[name].values
        assert not np.any(np.isnan(values)), name
        assert np.all(np.abs(values) <= 0.5 + 1e-12), name
    pops = data["point_populations"].values
    np.testing.assert_allclose(pops.sum(axis=1), 1.0, atol=1e-10)
    assert pops.min() > -1e-10


def test_full_and_effective_agree_in_weak_driving(result):
    data = result.data
    diff = data["compare_full_polarization"] - data["compare_effective_polarization"]
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
