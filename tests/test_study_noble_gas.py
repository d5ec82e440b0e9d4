"""The ``noble-gas`` study (seed 002): one quick run, its data, claims and written outputs."""

from __future__ import annotations

import json

import numpy as np
import pytest

from spinthermo.studies.contract import run_study
from spinthermo.studies.noble_gas import NobleGasStudy
from spinthermo.studies.registry import get_study, list_studies

ONE_EXCITATION_PANELS = ("2a", "2b", "2c", "2d")
FIGURES = ("fig2", "fig3", "fig4", "fig5", "fig6", "fig7", "fig_checks")
#: Claims that cannot pass with the paper's stated model (each must carry an explanation).
PAPER_INCONSISTENT = ("eq35-entanglement", "eq35-phase", "eq43-prefactor",
                      "fig7-alkali-occupation", "fig2e-bunching-time", "app-d-mean-square-phase")
#: Claims that test our own physics and must pass.
CORE = ("q-preset", "q-bounds", "zeta", "coupling-rate", "mean-field-linearisation",
        "fig2c-rate", "fig2d-localised", "fig2e-hom-bunching", "eq9-leakage-derived",
        "eq34-fock-transfer", "eq38-squeezing", "fig5-always-squeezed", "fig6-init-slope",
        "fig6-relaxation-slope", "fig7a-multimode-fock", "compensation-field", "noble-larmor",
        "fig4b-caption-db", "app-d-mean-phase", "c5-thermal-occupation", "f5-noise",
        "f6-noise-t-pi", "tens-of-stable-modes")
#: Claims that check our own model or arithmetic, not the paper (issue 14).
CONSISTENCY = ("mean-field-linearisation", "fig4b-initial-xa-full", "fig4b-initial-xa-partial",
               "fig4b-initial-pb-partial", "eq9-leakage-derived", "fig2a-leakage-derived",
               "fig6-closed-vs-exact", "c5-vacuum-limit", "c5-thermal-occupation")
#: Suffixes of the wide scenario names folded into dimensions (issue 13 item 3).
FOLDED_SUFFIXES = ("_full", "_partial", "_stored", "_multimode", "_two_mode", "_vacuum",
                   "_squeezed")


@pytest.fixture(scope="module")
def result():
    return run_study(NobleGasStudy(), quick=True)


def test_registered():
    assert isinstance(get_study("noble-gas"), NobleGasStudy)
    assert "noble-gas" in dict(list_studies())


def test_every_variable_has_units(result):
    data = result.data
    for name, var in data.variables.items():
        assert "units" in var.attrs, name
    assert list(data["panel_2"].values) == list(ONE_EXCITATION_PANELS)
    for name in ("fig2_fidelity_10", "fig2_fidelity_01", "fig2e_fidelity",
                 "fig3_noble_excitations", "fig4a_fock_fidelity", "fig4b_var_p_noble",
                 "fig5_transferred_db_exact", "fig5_transferred_db_eq38", "fig6_init",
                 "fig6_total", "fig7a_fock", "fig7b_var_p_noble"):
        assert name in data, name
    # quick parameters are recorded, as variables
    assert int(data.attrs["quick"]) == 1
    assert float(data["fig2_mean_phase"].sel(panel_2="2c")) == data.attrs["config_weak_phase"]


def test_scenarios_are_dimensions_and_scalars_are_variables(result):
    """Issue 13 item 3: no wide scenario names, no per-panel axes, no physics in attributes."""
    data = result.data
    names = list(data.variables)
    assert not [n for n in names if n.endswith(FOLDED_SUFFIXES)], names
    per_panel = [f"fig{panel}_{name}" for panel in ONE_EXCITATION_PANELS
                 for name in ("fidelity_10", "fidelity_01", "leakage", "population_noble")]
    assert not set(per_panel) & set(names)
    assert not [n for n in names if n.startswith(("fig2b_", "fig2d_", "fig3a_", "fig3b_",
                                                  "fig3c_"))]
    assert not [n for n in names if n.startswith("jt_2") and n != "jt_2e" and n != "jt_2"]
    assert data["fig7a_fock"].dims == ("model_7", "stage", "jt_7")
    assert data["fig4b_var_p_noble"].dims == ("polarization_4b", "stage", "gt_4")
    assert data["fig3_noble_excitations"].dims == ("scenario_3", "sample_3")
    assert not [k for k in data.attrs if k.startswith("fig")], list(data.attrs)
    for name in ("fig2_mean_phase", "fig2e_mean_phase", "fig7_n_modes"):
        assert data[name].attrs["units"] in ("rad", "1"), name
    # the stored scenario of Fig. 3 keeps what was exchanged by T_π (storage, not decay)
    stored = data.sel(scenario_3="strong_stored")
    t_pi = np.pi / (2 * float(stored["fig3_coupling_over_gamma"]))
    after = stored["gt_3"].values >= t_pi
    exc = stored["fig3_noble_excitations"].values[after]
    assert np.ptp(exc) < 1e-3 * exc[0]


def test_stochastic_fidelities_are_probabilities(result):
    data = result.data
    for s in ("", "_single"):
        f10 = data[f"fig2_fidelity_10{s}"].values
        f01 = data[f"fig2_fidelity_01{s}"].values
        assert f10.min() >= 0 and f01.min() >= 0
        assert np.all(f10 + f01 <= 1 + 1e-12)  # Dicke states are orthonormal
        assert data[f"fig2_leakage{s}"].values.min() >= -1e-12
    for name in ("fig2_norm", "fig2e_norm"):
        np.testing.assert_allclose(data[name].values, 1.0, atol=1e-10)  # unitary steps
    assert data["fig2e_fidelity"].sum("state_2e").values.max() <= 1 + 1e-12


def test_two_mode_and_magnetometer_physics(result):
    data = result.data
    # Vacuum noise, Δ = 0: total excitations only decay, d/dt = −2γ⟨a†a⟩ ≤ 0.
    for scenario in ("overdamped", "strong"):
        case = data.sel(scenario_3=scenario)
        total = (case["fig3_alkali_excitations"] + case["fig3_noble_excitations"]).values
        assert np.all(np.diff(total) <= 1e-9 * total[0]), scenario
    # After the switch the stored Fock fidelity stays (residual exchange ~ (J/Δ_off)² = 1e-6).
    gt = data["gt_4"].values
    t_pi = float(data["fig4b_t_pi"].sel(polarization_4b="full"))
    stored = data["fig4a_fock_fidelity"].sel(stage="stored").values[gt >= t_pi]
    assert np.ptp(stored) < 1e-4
    for name in ("fig4b_var_x_alkali", "fig4b_var_p_noble", "fig7b_var_p_noble"):
        assert data[name].values.min() > 0
    # A lossy exchange cannot squeeze P_B beyond the input squeezing of X_A.
    exact = data["fig5_transferred_db_exact"].values
    assert np.all(exact <= data["input_squeezing_db"].values[None, :] + 1e-9)
    # δB_tot = √(δB_init² + δB_F²) (Eq. 41).
    np.testing.assert_allclose(
        data["fig6_total"].values,
        np.hypot(data["fig6_init"].values, data["fig6_relaxation"].values[None, :]), rtol=1e-12)
    for name in ("fig7a_fock", "fig4a_fock_fidelity"):
        values = data[name].values
        assert values.min() >= -1e-12 and values.max() <= 1 + 1e-12, name


def test_claims_fail_only_with_an_explanation(result):
    ids = [c.id for c in result.claims]
    assert len(ids) >= 30 and len(set(ids)) == len(ids)
    assert not result.unexplained_failures, [c.id for c in result.unexplained_failures]
    for claim in result.claims:
        assert claim.source.startswith("002")
        assert claim.tolerance
    by_id = {c.id: c for c in result.claims}
    for cid in PAPER_INCONSISTENT:
        assert not by_id[cid].passed and by_id[cid].explanation, cid
    for cid in CORE:
        assert by_id[cid].passed, (cid, by_id[cid].ours)


def test_claim_kinds_and_one_db_convention(result):
    """Issue 14: our own identities are "consistency" claims; squeezing in positive dB
    throughout (the caption's −1.25 dB for ⟨ΔP_B²⟩ = 1/3, 0 dB for the vacuum)."""
    by_id = {c.id: c for c in result.claims}
    for cid in CONSISTENCY:
        assert by_id[cid].kind == "consistency", cid
    assert {c.kind for c in result.claims} <= {"paper", "consistency", "beyond"}
    assert sum(c.kind == "paper" for c in result.claims) >= 30
    db = result.data["fig4b_initial_noble_squeezing_db"]
    assert abs(float(db.sel(polarization_4b="full"))) < 1e-12
    np.testing.assert_allclose(float(db.sel(polarization_4b="partial")),
                               -10 * np.log10(4 / 3), rtol=1e-12)
    # the same convention as Fig. 5: transferred squeezing is positive
    assert result.data["fig5_transferred_db_exact"].values[:, 1:].min() > 0


def test_printed_precision_intervals_and_quick_grid_named(result):
    """Issue 14: tolerances from the printed inputs' precision, and quick claims name ⟨φ⟩."""
    data = result.data
    for name, nominal in (("compensation_field_bounds", "compensation_field_mg"),
                          ("noble_larmor_hz_bounds", "noble_larmor_hz"),
                          ("coupling_rate_bounds", "coupling_rate")):
        low, high = data[name].values
        assert low < float(data[nominal]) < high, name
    # B ≈ vσ⟨φ⟩ p_B n_B/2γ_e: ±25 % on vσ⟨φ⟩ and n_B alone span (0.75² … 1.25²) of the nominal
    low, high = data["compensation_field_bounds"].values / float(data["compensation_field_mg"])
    assert low < 0.75 ** 2 * 1.01 and high > 1.25 ** 2 * 0.99
    by_id = {c.id: c for c in result.claims}
    assert by_id["compensation-field"].passed and by_id["noble-larmor"].passed
    for cid in ("fig2c-rate", "fig2c-contrast", "fig2d-localised", "fig2e-hom-bunching",
                "eq9-deterministic-dominates"):
        assert "quick grid" in by_id[cid].description, cid
    # F5 vanishes at t = 0 and the exact noise stays a probability-like weight in [0, 1]
    exact = data["noise_noble_exact"].values
    assert abs(exact[0]) < 1e-12 and exact.min() >= -1e-12 and exact.max() <= 1


def test_cli_reproduce_quick_exits_zero_and_writes_the_files(result, tmp_path, monkeypatch):
    """``spinthermo reproduce noble-gas --quick`` on the fixture's result (run patched so the
    study is not computed twice): exit 0 (every failure explained) and the contract's files."""
    from typer.testing import CliRunner

    from spinthermo.cli import app

    monkeypatch.setattr(NobleGasStudy, "run", lambda self, quick=False, progress=None: result)
    outcome = CliRunner().invoke(app, ["reproduce", "noble-gas", "--quick", "--out",
                                       str(tmp_path)])
    assert outcome.exit_code == 0, outcome.output
    target = tmp_path / "noble-gas"
    for name in ("data.nc", "claims.json", "report.md", *(f"{f}.png" for f in FIGURES)):
        assert (target / name).exists(), name
    claims = json.loads((target / "claims.json").read_text(encoding="utf-8"))
    assert {c["id"] for c in claims} == {c.id for c in result.claims}
