"""The ``dipolar-coherence`` study (seed 003): one quick run, its data, claims and outputs."""

from __future__ import annotations

import json

import numpy as np
import pytest

from spinthermo.models.dipolar import (
    DipolarCluster,
    long_time_coherence,
    two_atom_coherence,
    two_atom_long_time_coherence,
)
from spinthermo.studies.contract import run_study
from spinthermo.studies.dipolar_coherence import (
    FIG3_STATES,
    DipolarCoherenceStudy,
    _propagate,
    _pure,
)
from spinthermo.studies.output import write_study
from spinthermo.studies.registry import get_study
from spinthermo.thermo.coherence import off_diagonal_l1_norm


@pytest.fixture(scope="module")
def result():
    return run_study(DipolarCoherenceStudy(), quick=True)


def test_registered():
    assert isinstance(get_study("dipolar-coherence"), DipolarCoherenceStudy)


def test_data_finite_and_physical(result):
    data = result.data
    for name, var in data.data_vars.items():
        assert np.isfinite(var.values).all(), name
    # Eq. (5) long-time value reached by the numerics at the end of Fig. 2, at every f0
    end = data["coherence_fig2"].isel(time_fig2=-1)
    for nbar in data["nbar_fig2"].values:
        assert end.sel(nbar_fig2=nbar).values == pytest.approx(
            [two_atom_long_time_coherence(nbar)] * 2, abs=1e-3)
    assert data["long_time_fig4"].values == pytest.approx(
        [long_time_coherence(n, 10.0) for n in range(2, 8)], rel=1e-12)


@pytest.mark.parametrize("nbar", [0.1, 1.0, 10.0])
def test_propagation_follows_eq5_on_a_non_uniform_grid(nbar):
    """The study's N = 2 propagation (the engine's exact propagators) reproduces Eq. (5) from
    |gg⟩ at every requested time, also when the time steps differ (a single-step propagator
    reused for every step would put the later samples at the wrong times)."""
    times = np.array([0.0, 0.05, 0.1, 0.4, 0.45, 1.3, 3.0])
    cluster = DipolarCluster.identical(2, nbar, f0=1.0)
    states = _propagate(cluster, _pure(FIG3_STATES["ground"]), times)
    assert off_diagonal_l1_norm(states) == pytest.approx(two_atom_coherence(times, nbar), abs=1e-12)
    assert np.trace(states, axis1=1, axis2=2) == pytest.approx(np.ones(times.size), abs=1e-13)


def test_claims(result):
    ids = {c.id for c in result.claims}
    assert {"fig2-nbar0-zero", "eq5-matches-numerics", "eq5-high-nbar-third",
            "long-time-independent-f0-gamma0", "fig3-dipolar-short-times", "fig4-cubic-fit",
            "harvest-eq30", "harvest-temperature-sign"} <= ids
    assert not result.unexplained_failures


def test_claim_kinds(result):
    """Issue 14: every claim says what it is; the exponential growth beyond the fitted N is a
    finding beyond the paper, not a failed paper claim; our own identities are consistency."""
    kinds = {c.id: c.kind for c in result.claims}
    assert set(kinds.values()) == {"paper", "consistency", "beyond"}
    assert "fig4-cubic-scaling" not in kinds
    assert kinds["fig4-cubic-fit"] == "paper"
    for beyond in ("fig4-cubic-is-not-a-scaling-law", "long-time-exponential-in-n",
                   "harvest-bath-temperature"):
        assert kinds[beyond] == "beyond"
    for own in ("fig4-general-equals-closed-form", "eq22-first-law-steady-state",
                "harvest-temperature-a23-gibbs"):
        assert kinds[own] == "consistency"
    failed = {c.id for c in result.failed}
    assert failed == {"harvest-temperature-vs-a23", "appc-bloch-coherent-pair"}
    assert all(c.kind == "paper" for c in result.failed)


def test_no_wide_scenario_names_and_scalars_are_variables(result):
    """Issue 13 item 3: Fig. 2's f0 runs are a dimension, not variables ``*_f100``; fitted and
    physical scalars are 0-d variables with units, not global attributes."""
    data = result.data
    names = list(data.data_vars)
    assert not [n for n in names if n.endswith(("_f100", "_eq5", "_general"))], names
    assert data["coherence_fig2"].dims == ("f0_ratio_fig2", "nbar_fig2", "time_fig2")
    assert list(data["f0_ratio_fig2"].values) == [1.0, 100.0]
    for scalar in ("cubic_r2", "harvest_atom_target", "omega0", "krylov_check_fig2"):
        assert data[scalar].ndim == 0 and "units" in data[scalar].attrs, scalar
    assert data["omega0"].attrs["units"] == "rad s-1"
    assert not {"cubic_coefficients", "cubic_r2", "large_n_log_slopes", "harvest_atom_target",
                "omega0_rad_s"} & set(data.attrs)


def test_effective_temperature_against_a23(result):
    """Sec. III C: T_eff of the harvested atom rises with a23 (Table I: r_e and r_d both grow
    by 2a23, so r_e/r_d → 1), and the long-time pair of the n̄ = 1 bath (a23 = a22) gives the
    bath temperature ħω0/(k_B ln 2) exactly; the printed formula falls instead."""
    from spinthermo.core.units import BOLTZMANN, HBAR

    t = result.data["harvest_temperature_vs_a23"]
    steady, gibbs, printed = (t.isel(temperature_route=k).values for k in range(3))
    assert np.all(np.diff(steady) > 0) and np.all(np.diff(printed) < 0)
    np.testing.assert_allclose(gibbs, steady, rtol=1e-12)
    bath = HBAR * float(result.data["omega0"]) / (BOLTZMANN * np.log(2.0))
    assert steady[-1] == pytest.approx(bath, rel=1e-12)


def test_driven_cluster_energetics(result):
    """Eqs. (22)-(28) on the laser-driven cluster: no drive, no power or net heat; with a drive
    the laser's power leaves as heat into the bath (J = −P < 0), growing with Ω."""
    data = result.data
    power = data["driven_power"].values
    heat = data["driven_heat_current"].sum("bath_process").values
    assert power[0] == 0.0 and abs(heat[0]) < 1e-12 * float(data["omega0"])
    assert np.all(np.diff(power) > 0)
    np.testing.assert_allclose(heat, -power, atol=1e-12 * float(data["omega0"]))
    assert np.all(data["driven_residual"].values < 1e-12)


def test_write_study(result, tmp_path):
    target = write_study(DipolarCoherenceStudy(), result, tmp_path)
    for name in ("data.nc", "claims.json", "report.md", "fig2.png", "fig3.png", "fig4.png",
                 "fig5.png", "fig6.png", "fig7.png"):
        assert (target / name).exists(), name
    claims = json.loads((target / "claims.json").read_text(encoding="utf-8"))
    assert {c["id"] for c in claims} == {c.id for c in result.claims}
