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
PAPER_INCONSISTENT = ("compensation-field", "noble-larmor", "eq35-entanglement", "eq35-phase",
                      "fig4b-caption-db", "eq43-prefactor", "fig7-alkali-occupation",
                      "fig2e-bunching-time")
#: Claims that test our own physics and must pass.
CORE = ("q-preset", "q-bounds", "zeta", "coupling-rate", "mean-field-linearisation",
        "fig2c-rate", "fig2d-localised", "fig2e-hom-bunching", "eq9-leakage-derived",
        "eq34-fock-transfer", "eq38-squeezing", "fig5-always-squeezed", "fig6-init-slope",
        "fig6-relaxation-slope", "fig7a-multimode-fock")


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
    for panel in ONE_EXCITATION_PANELS:
        assert f"fig{panel}_fidelity_10" in data and f"fig{panel}_fidelity_01" in data
    for name in ("fig2e_fidelity_20", "fig2e_fidelity_02", "fig2e_fidelity_11",
                 "fig3c_noble_excitations_stored", "fig4a_fock_fidelity_stored",
                 "fig4b_var_p_noble_partial", "fig5_transferred_db_exact",
                 "fig5_transferred_db_eq38", "fig6_init_squeezed", "fig6_total_vacuum",
                 "fig7a_fock_multimode", "fig7b_var_p_noble_two_mode"):
        assert name in data, name
    # quick parameters are recorded
    assert int(data.attrs["quick"]) == 1
    assert float(data.attrs["fig2c_mean_phase_rad"]) == data.attrs["config_weak_phase"]


def test_stochastic_fidelities_are_probabilities(result):
    data = result.data
    for panel in ONE_EXCITATION_PANELS:
        suffixes = ("", "_single") if f"fig{panel}_fidelity_10_single" in data else ("",)
        for s in suffixes:
            f10 = data[f"fig{panel}_fidelity_10{s}"].values
            f01 = data[f"fig{panel}_fidelity_01{s}"].values
            assert f10.min() >= 0 and f01.min() >= 0
            assert np.all(f10 + f01 <= 1 + 1e-12), panel  # Dicke states are orthonormal
            assert data[f"fig{panel}_leakage{s}"].values.min() >= -1e-12
    for name in ("fig2c_norm", "fig2d_norm", "fig2e_norm"):
        np.testing.assert_allclose(data[name].values, 1.0, atol=1e-10)  # unitary steps
    total = sum(data[f"fig2e_fidelity_{k}"].values for k in ("20", "02", "11"))
    assert total.max() <= 1 + 1e-12


def test_two_mode_and_magnetometer_physics(result):
    data = result.data
    # Vacuum noise, Δ = 0: total excitations only decay, d/dt = −2γ⟨a†a⟩ ≤ 0.
    for panel in ("3b", "3c"):
        total = (data[f"fig{panel}_alkali_excitations"] + data[f"fig{panel}_noble_excitations"])
        assert np.all(np.diff(total.values) <= 1e-9 * total.values[0]), panel
    # After the switch the stored Fock fidelity stays (residual exchange ~ (J/Δ_off)² = 1e-6).
    gt = data["gt_4"].values
    stored = data["fig4a_fock_fidelity_stored"].values[gt >= float(data["fig4b_t_pi_full"])]
    assert np.ptp(stored) < 1e-4
    for name in ("fig4b_var_x_alkali_full", "fig4b_var_p_noble_partial",
                 "fig7b_var_p_noble_multimode"):
        assert data[name].values.min() > 0
    # A lossy exchange cannot squeeze P_B beyond the input squeezing of X_A.
    exact = data["fig5_transferred_db_exact"].values
    assert np.all(exact <= data["input_squeezing_db"].values[None, :] + 1e-9)
    # δB_tot = √(δB_init² + δB_F²) (Eq. 41).
    np.testing.assert_allclose(
        data["fig6_total_vacuum"].values,
        np.hypot(data["fig6_init_vacuum"].values, data["fig6_relaxation"].values), rtol=1e-12)
    for name in ("fig7a_fock_multimode", "fig7a_fock_two_mode", "fig4a_fock_fidelity"):
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
