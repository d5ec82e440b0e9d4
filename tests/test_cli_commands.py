"""The `spinthermo` command, via typer's CliRunner (the registry is patched to fake studies)."""

from __future__ import annotations

import json
import logging
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import xarray as xr
from matplotlib.figure import Figure
from typer.testing import CliRunner

import spinthermo
from spinthermo.cli import app, set_verbosity
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


LONG_PAPER = "peak near 3.2 kHz for every pump rate between one and four, monotone alpha"
LONG_OURS = "peak near 3.19 kHz for every pump rate in the grid, monotone too, omega"


class LongValueStudy(PassingStudy):
    """Claims whose values and source are far wider than an 80-column table allows."""

    name = "fake-long"

    def run(self, quick=False, progress=None):
        result = super().run(quick, progress)
        result.claims = [Claim("long-values-of-a-statement", "999 Fig. 12(c) and Eq. (41) of "
                               "Appendix B", "statement", LONG_PAPER, LONG_OURS, "exact", True)]
        return result


def _lines_fit(output: str, width: int = 80) -> bool:
    return max(len(line) for line in output.splitlines()) <= width


def test_claims_table_wraps_long_values_in_80_columns(monkeypatch, tmp_path: Path):
    monkeypatch.setitem(registry.ENTRIES, "fake-long", registry.StudyEntry(
        "fake-long", f"{__name__}:LongValueStudy", "long claim values"))
    result = runner.invoke(app, ["reproduce", "fake-long", "--quick", "--out", str(tmp_path)],
                           env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    table = result.output.split("claims of the paper")[1].split("\nfake-long: ")[0]
    assert "…" not in table and _lines_fit(table)
    for word in ("alpha", "omega", "Appendix", "statement"):
        assert word in table, word


@pytest.mark.parametrize("command", [[], ["list"], ["reproduce"], ["bench"], ["sweep"]])
def test_help_in_80_columns_has_no_bool_placeholder_and_an_example(command):
    result = runner.invoke(app, [*command, "--help"], env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    assert "<bool>" not in result.output
    assert "Example" in result.output
    assert "--help" in result.output and _lines_fit(result.output)


LONG_BENCH_FILE = '''
from spinthermo.benchmarking import BenchTask

def tasks(quick):
    return [BenchTask("a-task-with-a-long-name", ours=lambda: 1 + 1, peer=lambda: 2,
                      peer_name="a constant, written as a skilled user of constants would",
                      agreement=lambda a, b: abs(a - b), agreement_limit=0.0,
                      target="ratio above zero, on any machine, whatever the load",
                      target_check=lambda o, p, r: True)]
'''


def test_bench_table_shows_its_numbers_in_80_columns(tmp_path: Path):
    (tmp_path / "bench_long.py").write_text(LONG_BENCH_FILE)
    result = runner.invoke(app, ["bench", "--quick", "--dir", str(tmp_path), "--out",
                                 str(tmp_path / "out")], env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    table = result.output.split("spinthermo benchmarks")[1].split("\nresults: ")[0]
    assert "…" not in table and _lines_fit(table)
    row = json.loads((tmp_path / "out" / "results.json").read_text())["results"][0]
    numbers = re.findall(r"\d+(?:\.\d+)? (?:ns|µs|ms|s)\b", table)
    assert len(numbers) == 2  # ours and the peer's time
    ratio = float(re.search(r"(\d+(?:\.\d+)?)×", table).group(1))
    assert ratio == pytest.approx(row["ratio"], rel=0.01)
    assert "0.0e+00" in table and "✓" in table  # agreement and target met
    for word in ("a-task-with-a-long-name", "skilled", "whatever"):
        assert word in " ".join(table.split()), word


@pytest.fixture
def quiet_afterwards():
    """Leave the spinthermo loggers at their default level after the test."""
    yield
    set_verbosity(0)


def test_verbose_logs_the_steps_and_quiet_does_not(fake_registry, tmp_path, quiet_afterwards):
    args = ["reproduce", "fake-pass", "--quick", "--out", str(tmp_path)]
    quiet = runner.invoke(app, args)
    assert quiet.exit_code == 0 and "running fake-pass" not in quiet.output
    loud = runner.invoke(app, ["-v", *args])
    assert loud.exit_code == 0, loud.output
    assert "running fake-pass" in loud.output and "wrote data.nc" in loud.output
    assert logging.getLogger("spinthermo").level == logging.INFO
    assert runner.invoke(app, ["-vv", "list"]).exit_code == 0
    assert logging.getLogger("spinthermo").level == logging.DEBUG


def test_set_verbosity_rejects_a_negative_count():
    with pytest.raises(ValueError, match="verbosity must be a count ≥ 0; received -1"):
        set_verbosity(-1)
