"""The ``driven-qubit`` study (seed 001): one quick run, its data, claims and written outputs."""

from __future__ import annotations

import json
import re

import numpy as np
import pytest

from spinthermo.studies.contract import CLAIM_KINDS, run_study
from spinthermo.studies.driven_qubit import (
    INITIAL_STATES,
    SCAN_AXES,
    DrivenQubitStudy,
    _initial_state,
    _model,
)
from spinthermo.studies.output import write_study
from spinthermo.studies.registry import get_study
from spinthermo.thermo import bloch_first_law

TIME_VARIABLES = ("bloch", "internal_energy", "internal_energy_rate", "heat_rate", "work_rate",
                  "entropy", "entropy_rate", "inverse_temperature",
                  "irreversible_entropy_rate")
RATE_GRID_VARIABLES = ("entropy_change", "internal_energy_change", "purity_change", "heat",
                       "final_bloch_norm", "steady_bloch_norm", "steady_purity",
                       "steady_entropy", "steady_internal_energy", "steady_polarization")
OTHER_VARIABLES = ("first_law_residual", "totals_first_law_residual", "crosscheck_deviation",
                   "crosscheck_bloch_numeric", "early_inverse_temperature",
                   "early_entropy_rate", "scan_heat_rate_difference",
                   "bath_steady_polarization", "bath_rate_difference_residual")
#: Physical scalars that were global attributes before, now 0-d variables with units.
SCALARS = {"omega0": "rad s-1", "omega_l": "rad s-1", "rabi": "rad s-1",
           "gamma_down": "s-1", "gamma_up": "s-1", "gamma_phi": "s-1",
           "population_decay_rate": "s-1", "coherence_decay_rate": "s-1",
           "hamiltonian_norm": "rad s-1", "thermal_temperature": "K",
           "ground_cos_theta0": "1", "drive_periods_in_window": "1"}
#: Claims that hold by the definitions or by our choice of inputs (issue 14).
CONSISTENCY = {"hb-work-zero", "hb-heat-equals-du", "first-law-closes",
               "mixed-negative-temperature", "fig4-temperature-sign",
               "beta-zero-sigma-equals-sdot", "kappa-bounded", "closed-form-vs-ode"}
NEW_CLAIMS = {"steady-norm-kappa", "steady-grows-with-rate-difference", "steady-corotation",
              "beta-zero-sigma-equals-sdot", "kappa-bounded", "bath-rates-kappa-sign",
              "fig2a-trajectory", "small-kappa-reconciles"}


@pytest.fixture(scope="module")
def result():
    return run_study(DrivenQubitStudy(), quick=True)


def _claim(result, claim_id):
    return next(c for c in result.claims if c.id == claim_id)


def test_registered():
    assert isinstance(get_study("driven-qubit"), DrivenQubitStudy)


def test_dataset_has_every_curve(result):
    data = result.data
    for name in (*TIME_VARIABLES, *RATE_GRID_VARIABLES, *OTHER_VARIABLES):
        assert name in data, name
    assert list(data["initial_state"].values) == list(INITIAL_STATES)
    assert list(data["framework"].values) == ["conventional", "hamiltonian", "entropy"]
    assert data["heat_rate"].dims == ("initial_state", "framework", "time_g1")
    assert data["heat"].dims == ("initial_state", "framework", "gamma_up_ratio",
                                 "gamma_phi_ratio")
    # the time-domain rates are on the grid: Fig. 3(a) and 3(b) are slices of it
    assert {1.0, 2.0, 0.5} <= set(data["gamma_up_ratio"].values)
    assert float(data["gamma_phi"] / data["gamma_down"]) in data["gamma_phi_ratio"].values


def test_one_quantity_per_variable_and_scalars_as_variables(result):
    """Issue 13 item 3: no variable mixes quantities (the old totals_* with a 'quantity'
    dimension), no sweep suffix in a name, physical scalars are 0-d variables with units."""
    data = result.data
    assert "quantity" not in data.dims
    wide = [n for n in data.variables if re.search(r"^totals_gamma|_gamma_(up|phi)$", str(n))]
    assert not wide, wide
    for name, units in SCALARS.items():
        assert data[name].ndim == 0 and data[name].attrs["units"] == units, name
        assert name not in data.attrs
    assert float(data["population_decay_rate"]) == pytest.approx(
        float(data["gamma_down"] + data["gamma_up"]), rel=1e-15)
    for name in (*RATE_GRID_VARIABLES, "scan_first_negative_time", "scan_heat_rate_difference"):
        assert data[name].attrs["units"] and data[name].attrs["long_name"], name


def test_heat_totals_obey_the_first_law_and_hb_heat_is_delta_u(result):
    data = result.data
    hb = data["heat"].sel(framework="hamiltonian")
    np.testing.assert_allclose(hb, data["internal_energy_change"], atol=1e-5)
    assert float(data["totals_first_law_residual"]) < 1e-5


def test_no_nan_except_the_pure_state_at_t0(result):
    data = result.data
    for name in (*TIME_VARIABLES, *RATE_GRID_VARIABLES, *OTHER_VARIABLES):
        values = data[name]
        if "initial_state" in values.dims and "time_g1" in values.dims:
            rest = values.isel(time_g1=slice(1, None))
            assert np.isfinite(rest.values).all(), name
            first = values.isel(time_g1=0)
            for state in ("thermal", "mixed"):
                assert np.isfinite(first.sel(initial_state=state).values).all(), name
        else:
            assert np.isfinite(values.values).all(), name
    # "never negative" is +inf, never NaN
    assert not np.isnan(data["scan_first_negative_time"].values).any()
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


def test_steady_state_from_the_solver_has_norm_kappa_and_no_dephasing_dependence(result):
    data = result.data
    kappa = data["steady_polarization"]
    np.testing.assert_allclose(data["steady_bloch_norm"], np.abs(kappa) + 0 * data[
        "steady_bloch_norm"], atol=1e-12)
    # purity (1 + κ²)/2 and U_ss = −κΩ/2 at resonance (the Floquet axis is ⊥ ẑ)
    np.testing.assert_allclose(data["steady_purity"].isel(gamma_phi_ratio=0),
                               (1 + kappa ** 2) / 2, atol=1e-12)
    np.testing.assert_allclose(data["steady_internal_energy"].isel(gamma_phi_ratio=-1),
                               -kappa * float(data["rabi"] / data["omega0"]) / 2, atol=1e-12)


def test_claims_fail_only_with_an_explanation(result):
    assert len(result.claims) >= 10
    assert not result.unexplained_failures, [c.id for c in result.unexplained_failures]
    for claim in result.claims:
        assert claim.source.startswith("001")
        assert claim.tolerance
    assert len({c.id for c in result.claims}) == len(result.claims)


def test_claim_kinds(result):
    """Issue 14: identities and input-chosen statements are 'consistency', one finding is
    'beyond', the rest 'paper'."""
    kinds = {c.id: c.kind for c in result.claims}
    assert set(kinds.values()) <= set(CLAIM_KINDS)
    for claim_id in CONSISTENCY:
        assert kinds[claim_id] == "consistency", claim_id
    assert kinds["bath-rates-kappa-sign"] == kinds["small-kappa-reconciles"] == "beyond"
    assert kinds["fig4-conv-nonnegative"] == kinds["fig2b-conv-eb-similar"] == "paper"


def test_new_claims_pass(result):
    by_id = {c.id: c for c in result.claims}
    assert NEW_CLAIMS <= set(by_id)
    failed = [i for i in NEW_CLAIMS if not by_id[i].passed]
    assert not failed, failed


def test_scan_backs_the_explanations(result):
    """Issue 14: the Fig. 4 and Fig. 2(b)/7(b) failures are explained with the scan's data."""
    data = result.data
    n_sets = int(np.prod([data.sizes[a] for a in SCAN_AXES]))
    assert n_sets == 2 ** len(SCAN_AXES)  # quick grid
    first = data["scan_first_negative_time"].sel(framework="conventional").values
    n_early = int(np.sum(first < 1.0))
    conv = _claim(result, "fig4-conv-nonnegative")
    assert not conv.passed
    assert f"in {n_early} of the {n_sets} sets" in conv.explanation
    assert "γ↑/γ↓ = 2 (κ = -0.33)" in conv.explanation
    assert _claim(result, "fig4-eb-nonnegative").passed
    for state, claim_id in (("thermal", "fig2b-conv-eb-similar"),
                            ("ground", "fig7b-conv-eb-similar")):
        diff = data["scan_heat_rate_difference"].sel(scan_initial_state=state,
                                                     framework="entropy").values
        text = _claim(result, claim_id).explanation
        assert f"{diff.min():.2f}–{diff.max():.2f}" in text, text


@pytest.mark.parametrize("state", ["thermal", "ground"])
@pytest.mark.parametrize("gamma_up_factor", [0.3, 2.0])
def test_dissipative_work_closed_form(state, gamma_up_factor):
    """The explanation's formula: at resonance Q̇_conv − Q̇_EB =
    [(Γ2 − Γ1)s_z − Γ1κ](ω0 s_x s_z + Ω|s⊥|²)/(2|s|²), s the Floquet-frame Bloch vector."""
    model = _model(gamma_up=gamma_up_factor * _model().gamma_down)
    rho0 = _initial_state(model, state)
    t = np.linspace(1e-3, 5.0, 801) / model.population_decay_rate
    r, r_dot = model.bloch_vector(t, rho0)
    s, _ = model.floquet_bloch(t, rho0)
    law = bloch_first_law(r, r_dot, model.hamiltonian_vector(t), model.hamiltonian_vector_dot(t))
    g1, g2, kappa = (model.population_decay_rate, model.coherence_decay_rate,
                     model.steady_polarization)
    perp2 = s[:, 0] ** 2 + s[:, 1] ** 2
    expected = (((g2 - g1) * s[:, 2] - g1 * kappa)
                * (model.omega0 * s[:, 0] * s[:, 2] + model.rabi * perp2)
                / (2 * np.sum(s ** 2, axis=1)))
    difference = law.heat_rate["conventional"] - law.heat_rate["entropy"]
    np.testing.assert_allclose(difference, expected, atol=1e-12 * np.abs(difference).max())


def test_write_study_produces_the_files(result, tmp_path):
    target = write_study(DrivenQubitStudy(), result, tmp_path)
    for name in ("data.nc", "claims.json", "report.md", "fig2.png", "fig3.png", "fig4.png",
                 "fig5.png", "fig6.png", "fig7.png", "fig8.png", "fig_checks.png",
                 "fig_scan.png"):
        assert (target / name).exists(), name
    claims = json.loads((target / "claims.json").read_text(encoding="utf-8"))
    assert {c["id"] for c in claims} == {c.id for c in result.claims}
    assert {c["id"]: c["kind"] for c in claims}["hb-work-zero"] == "consistency"
