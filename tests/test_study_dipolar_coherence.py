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
    # Eq. (5) long-time value reached by the numerics at the end of Fig. 2
    end = data["coherence_fig2"].isel(time_fig2=-1)
    for nbar in data["nbar_fig2"].values:
        assert end.sel(nbar_fig2=nbar) == pytest.approx(two_atom_long_time_coherence(nbar),
                                                        abs=1e-3)
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
    cubic = next(c for c in result.claims if c.id == "fig4-cubic-scaling")
    assert not cubic.passed and "exponentially" in cubic.explanation


def test_write_study(result, tmp_path):
    target = write_study(DipolarCoherenceStudy(), result, tmp_path)
    for name in ("data.nc", "claims.json", "report.md", "fig2.png", "fig3.png", "fig4.png",
                 "fig5.png", "fig6.png"):
        assert (target / name).exists(), name
    claims = json.loads((target / "claims.json").read_text(encoding="utf-8"))
    assert {c["id"] for c in claims} == {c.id for c in result.claims}
