"""The `spinthermo` command, via typer's CliRunner (the registry is patched to fake studies)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import xarray as xr
from matplotlib.figure import Figure
from typer.testing import CliRunner

import spinthermo
from spinthermo.cli import app
from spinthermo.studies import registry
from spinthermo.studies.contract import Claim, Study, StudyResult
from spinthermo.studies.output import save_figure
from spinthermo.studies.progress import resolve_progress

runner = CliRunner()


class FakeStudy(Study):
    """One passing and one failing claim."""

    name = "fake"
    title = "Fake"
    seed = "999_fake.txt"
    description = "fails one claim"
    fail = True
    explanation = ""

    def run(self, quick=False, progress=None):
        x = np.array(list(resolve_progress(progress).track(range(3), "points")), dtype=float)
        data = xr.Dataset({"y": ("x", 2 * x, {"units": "1"})}, coords={"x": x})
        claims = [
            Claim.close("ok", "999 Fig. 1", "slope", 2.0, 2.0, rel=1e-9, reason="exact"),
            Claim("bad", "999 Fig. 1", "statement", True, not self.fail, "exact",
                  not self.fail, self.explanation),
        ]
        return StudyResult(self.name, data, claims, {"quick": quick})

    def plot(self, data, out_dir):
        fig = Figure()
        fig.add_subplot().plot(data["x"], data["y"])
        return save_figure(fig, out_dir, "fig1")


class PassingStudy(FakeStudy):
    name = "fake-pass"
    fail = False


class ExplainedFailureStudy(FakeStudy):
    name = "fake-explained"
    explanation = "the paper does not give the input this needs"


@pytest.fixture
def fake_registry(monkeypatch):
    """Registry holding only the fake studies (failing and passing)."""
    module = __name__
    entries = {
        "fake": registry.StudyEntry("fake", f"{module}:FakeStudy", "one claim fails"),
        "fake-pass": registry.StudyEntry("fake-pass", f"{module}:PassingStudy", "all pass"),
        "fake-explained": registry.StudyEntry("fake-explained",
                                              f"{module}:ExplainedFailureStudy",
                                              "one claim fails, explained"),
    }
    monkeypatch.setattr(registry, "ENTRIES", entries)
    return entries


def test_version():
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and spinthermo.__version__ in result.output


def test_python_m_spinthermo_version():
    out = subprocess.run([sys.executable, "-m", "spinthermo", "--version"],
                         capture_output=True, text=True, check=True)
    assert spinthermo.__version__ in out.stdout


def test_list_shows_registered_studies():
    result = runner.invoke(app, ["list"])
    assert result.exit_code == 0 and "opm-thermo" in result.output


def test_reproduce_unknown_study_names_it():
    result = runner.invoke(app, ["reproduce", "no-such-study"])
    assert result.exit_code == 2
    assert "no-such-study" in result.output and "opm-thermo" in result.output


def test_reproduce_needs_name_or_all():
    assert runner.invoke(app, ["reproduce"]).exit_code == 2
    assert runner.invoke(app, ["reproduce", "x", "--all"]).exit_code == 2


def test_reproduce_failing_claim_exits_1(fake_registry, tmp_path: Path):
    result = runner.invoke(app, ["reproduce", "fake", "--quick", "--out", str(tmp_path)])
    assert result.exit_code == 1, result.output
    assert "FAIL" in result.output and "PASS" in result.output
    claims = json.loads((tmp_path / "fake" / "claims.json").read_text())
    assert [c["passed"] for c in claims] == [True, False]


def test_reproduce_all_passing_exits_0(fake_registry, tmp_path: Path):
    result = runner.invoke(app, ["reproduce", "fake-pass", "--quick", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "fake-pass" / "report.md").is_file()
    assert not (tmp_path / "index.html").exists()


def test_reproduce_explained_failure_exits_0_and_reports_it(fake_registry, tmp_path: Path):
    result = runner.invoke(app, ["reproduce", "fake-explained", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "FAIL (explained)" in result.output
    report = (tmp_path / "fake-explained" / "report.md").read_text()
    assert "the paper does not give the input this needs" in report.split("## Failed claims")[1]
    claims = json.loads((tmp_path / "fake-explained" / "claims.json").read_text())
    assert claims[1]["passed"] is False and claims[1]["explanation"]


def test_reproduce_all_writes_index(fake_registry, tmp_path: Path):
    result = runner.invoke(app, ["reproduce", "--all", "--quick", "--out", str(tmp_path)])
    assert result.exit_code == 1, result.output  # "fake" has a failing claim
    index = (tmp_path / "index.html").read_text()
    assert 'href="fake/report.md"' in index and 'href="fake-pass/report.md"' in index


BENCH_FILE = '''
from spinthermo.benchmarking import BenchTask

def tasks(quick):
    return [BenchTask("add", ours=lambda: 1 + 1, peer=lambda: 2, peer_name="const",
                      agreement=lambda a, b: abs(a - b), agreement_limit=0.0,
                      target="any", target_check=lambda o, p, r: True)]
'''


def test_bench_command(tmp_path: Path):
    (tmp_path / "bench_add.py").write_text(BENCH_FILE)
    out = tmp_path / "out"
    result = runner.invoke(app, ["bench", "--quick", "--dir", str(tmp_path), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "add" in result.output
    doc = json.loads((out / "results.json").read_text())
    assert doc["results"][0]["task"] == "add" and doc["results"][0]["agreed"] is True
    bad = runner.invoke(app, ["bench", "--quick", "--dir", str(tmp_path), "--task", "nope",
                              "--out", str(out)])
    assert bad.exit_code == 2 and "nope" in bad.output


def test_bench_missing_dir(tmp_path: Path):
    result = runner.invoke(app, ["bench", "--dir", str(tmp_path / "missing"),
                                 "--out", str(tmp_path / "out")])
    assert result.exit_code == 2 and "missing" in result.output
