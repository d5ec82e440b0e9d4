"""The ``driven-qubit`` study (seed 001): one quick run, its data, claims and written outputs."""

from __future__ import annotations

import json

import numpy as np
import pytest

from spinthermo.studies.contract import run_study
from spinthermo.studies.driven_qubit import INITIAL_STATES, DrivenQubitStudy
from spinthermo.studies.output import write_study
from spinthermo.studies.registry import get_study

TIME_VARIABLES = ("bloch", "internal_energy", "internal_energy_rate", "heat_rate", "work_rate",
                  "entropy", "entropy_rate", "inverse_temperature",
                  "irreversible_entropy_rate")
OTHER_VARIABLES = ("totals_gamma_up", "totals_gamma_phi", "steady_norm_gamma_up",
                   "first_law_residual", "totals_residual", "crosscheck_deviation",
                   "crosscheck_bloch_numeric", "early_inverse_temperature",
                   "early_entropy_rate")


@pytest.fixture(scope="module")
def result():
    return run_study(DrivenQubitStudy(), quick=True)


def test_registered():
    assert isinstance(get_study("driven-qubit"), DrivenQubitStudy)


def test_dataset_has_every_curve(result):
    data = result.data
    for name in (*TIME_VARIABLES, *OTHER_VARIABLES):
        assert name in data, name
    assert list(data["initial_state"].values) == list(INITIAL_STATES)
    assert list(data["framework"].values) == ["conventional", "hamiltonian", "entropy"]
    assert data["heat_rate"].dims == ("initial_state", "framework", "time_g1")
    assert data["totals_gamma_up"].dims == ("initial_state", "quantity", "gamma_up_ratio")
    assert 1.0 in data["gamma_up_ratio"].values


def test_no_nan_except_the_pure_state_at_t0(result):
    data = result.data
    for name in (*TIME_VARIABLES, *OTHER_VARIABLES):
        values = data[name]
        if "initial_state" in values.dims and "time_g1" in values.dims:
            rest = values.isel(time_g1=slice(1, None))
            assert np.isfinite(rest.values).all(), name
            first = values.isel(time_g1=0)
            for state in ("thermal", "mixed"):
                assert np.isfinite(first.sel(initial_state=state).values).all(), name
        else:
            assert np.isfinite(values.values).all(), name
    # Ṡ and β diverge at t = 0 for the pure state: stored as NaN there, nowhere else.
    assert np.isnan(data["entropy_rate"].sel(initial_state="ground").values[0])


def test_states_stay_physical_and_first_law_closes(result):
    data = result.data
    norm = np.linalg.norm(data["bloch"].values, axis=-1)
    assert norm.max() <= 1 + 1e-12
    heat, work = data["heat_rate"], data["work_rate"]
    du = data["internal_energy_rate"]
    np.testing.assert_allclose((heat + work - du).values, 0.0, atol=1e-10 * float(abs(du).max()))
    assert float(data["crosscheck_deviation"].max()) < 1e-6


def test_claims_fail_only_with_an_explanation(result):
    assert len(result.claims) >= 10
    assert not result.unexplained_failures, [c.id for c in result.unexplained_failures]
    for claim in result.claims:
        assert claim.source.startswith("001")
        assert claim.tolerance


def test_write_study_produces_the_files(result, tmp_path):
    target = write_study(DrivenQubitStudy(), result, tmp_path)
    for name in ("data.nc", "claims.json", "report.md", "fig2.png", "fig3.png", "fig4.png",
                 "fig5.png", "fig6.png", "fig7.png", "fig8.png", "fig_checks.png"):
        assert (target / name).exists(), name
    claims = json.loads((target / "claims.json").read_text(encoding="utf-8"))
    assert {c["id"] for c in claims} == {c.id for c in result.claims}
