"""The study contract: claims, results, the registry and write_study end to end."""

from __future__ import annotations

import dataclasses
import io
import json
import math
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import numpy as np
import pytest
import xarray as xr
from matplotlib.figure import Figure

from spinthermo.studies import registry
from spinthermo.studies.contract import Claim, Study, StudyResult, run_study
from spinthermo.studies.output import (
    IndexEntry,
    netcdf_safe,
    save_figure,
    split_complex,
    write_index,
    write_study,
)
from spinthermo.studies.progress import NullProgress, RichProgress, resolve_progress

CLAIM_KEYS = {"id", "kind", "source", "description", "paper", "ours", "tolerance", "passed",
              "explanation"}


class FakeStudy(Study):
    """A tiny study: one curve, one passing and one failing claim."""

    name = "fake"
    title = "A fake study"
    seed = "999_fake.txt"
    description = "Exercises the study plumbing"
    fail = True

    def run(self, quick=False, progress=None):
        progress = resolve_progress(progress)
        x = np.linspace(0.0, 1.0, 5 if quick else 11)
        y = [xi**2 for xi in progress.track(x, "squares")]
        data = xr.Dataset(
            {"y": ("x", np.asarray(y), {"units": "1", "long_name": "x squared"})},
            coords={"x": ("x", x, {"units": "s"})},
            attrs={"normalised": True, "options": {"a": 1}, "nothing": None},
        )
        claims = [
            Claim.close("y-end", "999 Fig. 1", "y at x = 1", 1.0, float(y[-1]), rel=0.01,
                        reason="exact"),
            Claim.check("mono", "999 Fig. 1", "y rises with x", True, not self.fail,
                        not self.fail, "exact (a statement)"),
        ]
        return StudyResult(self.name, data, claims, {"n": len(x), "quick": quick})

    def plot(self, data, out_dir):
        fig = Figure()
        ax = fig.add_subplot()
        ax.plot(data["x"], data["y"])
        return save_figure(fig, out_dir, "fig1")


def test_claim_close_pass_fail_and_tolerance_text():
    c = Claim.close("a", "000 Fig. 4(b)", "peak", 2.0, 2.1, rel=0.1, reason="digitised")
    assert c.passed and c.tolerance == "±10 % (digitised)"
    c = Claim.close("a", "000 Eq. (3)", "limit", 2.0, 2.3, abs=0.2, reason="rounding")
    assert not c.passed and c.tolerance == "±0.2 (rounding)"
    c = Claim.close("a", "s", "d", 1.0, 1.15, rel=0.1, abs=0.1, reason="r")
    assert c.passed and c.tolerance.startswith("±(10 % + 0.1)")


def test_claim_close_nonfinite_ours_fails_and_is_json_safe():
    c = Claim.close("a", "s", "d", 1.0, np.float64("nan"), rel=0.1, reason="r")
    assert not c.passed
    d = c.to_dict()
    assert set(d) == CLAIM_KEYS and d["ours"] == "nan"
    json.dumps(d, allow_nan=False)
    assert Claim.close("a", "s", "d", 1.0, None, rel=0.1, reason="r").passed is False


def test_claim_converts_numpy_scalars():
    c = Claim.check("a", "s", "d", np.float32(1.5), np.int64(3), np.bool_(True), "exact")
    assert type(c.paper) is float and type(c.ours) is int and c.passed is True
    assert json.loads(json.dumps(c.to_dict()))["ours"] == 3


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [({"rel": 0.1}, "reason"), ({"reason": "r"}, "rel="), ({"rel": -1, "reason": "r"}, "rel")],
)
def test_claim_close_rejects_bad_tolerances(kwargs, match):
    with pytest.raises(ValueError, match=match):
        Claim.close("a", "s", "d", 1.0, 1.0, **kwargs)


def test_claim_rejects_arrays():
    with pytest.raises(TypeError, match="ours"):
        Claim.check("a", "s", "d", 1.0, np.ones(3), True, "t")


def test_claim_kind_is_checked_and_counted_per_kind(tmp_path: Path):
    with pytest.raises(ValueError, match="kind must be one of"):
        Claim.check("a", "s", "d", 1, 1, True, "exact", kind="identity")
    claims = [Claim.close("p", "s", "paper number", 1.0, 1.05, rel=0.1, reason="r"),
              Claim.check("c", "s", "an identity", 0, 1e-3, False, "1e-12", kind="consistency"),
              Claim.check("b", "s", "a finding", True, True, True, "exact", kind="beyond")]
    result = dataclasses.replace(run_study(FakeStudy(), quick=True), claims=claims)
    assert result.counts_by_kind() == {
        "paper": {"total": 1, "passed": 1, "explained": 0, "unexplained": 0},
        "consistency": {"total": 1, "passed": 0, "explained": 0, "unexplained": 1},
        "beyond": {"total": 1, "passed": 1, "explained": 0, "unexplained": 0}}
    assert [c.id for c in result.unexplained_failures] == ["c"]
    out = write_study(FakeStudy(), result, tmp_path)
    report = (out / "report.md").read_text()
    sections = report.split("## ")
    paper = next(s for s in sections if s.startswith("Claims of the paper (1/1 passed)"))
    consistency = next(s for s in sections if s.startswith("Consistency checks of our model "
                                                          "(0/1 passed)"))
    beyond = next(s for s in sections if s.startswith("Beyond the paper (1/1 passed)"))
    assert "| p |" in paper and "| c |" in consistency and "| b |" in beyond
    assert "| c |" not in paper
    meta = json.loads((out / "meta.json").read_text())
    assert meta["claims"]["by_kind"]["consistency"]["unexplained"] == 1
    page = write_index(tmp_path, [IndexEntry.from_result(FakeStudy(), result)]).read_text()
    assert "paper 1/1 · consistency 0/1 · beyond 1/1" in page
    assert "Beyond the paper (1/1 passed)" in page


def test_study_is_abstract():
    with pytest.raises(TypeError):
        Study()


def test_run_study_times_and_records_quick():
    result = run_study(FakeStudy(), quick=True)
    assert result.runtime_s > 0 and result.parameters["quick"] is True
    assert result.n_passed == 1 and [c.id for c in result.failed] == ["mono"]


def test_progress_track_yields_items():
    assert list(NullProgress().track(iter([1, 2]), "x")) == [1, 2]
    from rich.console import Console

    console = Console(file=io.StringIO(), force_terminal=False)
    with RichProgress(console=console) as p:
        out = [(a, b) for a in p.track(range(2), "outer") for b in p.track(iter("ab"), "inner")]
    assert out == [(0, "a"), (0, "b"), (1, "a"), (1, "b")]


def test_write_study_end_to_end(tmp_path: Path):
    study = FakeStudy()
    result = run_study(study, quick=True)
    out = write_study(study, result, tmp_path)
    assert out == tmp_path / "fake"
    for name in ("data.nc", "claims.json", "report.md", "fig1.png", "fig1.pdf"):
        assert (out / name).is_file(), name

    claims = json.loads((out / "claims.json").read_text())
    assert [set(c) for c in claims] == [CLAIM_KEYS, CLAIM_KEYS]
    assert [c["passed"] for c in claims] == [True, False]

    report = (out / "report.md").read_text()
    assert "# A fake study" in report and "999_fake.txt" in report
    assert "| y-end |" in report and "PASS" in report and "FAIL" in report
    failed_section = report.split("## Failed claims")[1].split("##")[0]
    assert "y rises with x" in failed_section and "exact (a statement)" in failed_section
    assert "y at x = 1" not in failed_section
    assert "![fig1](fig1.png)" in report
    for word in ("numpy", "scipy", "spinthermo", "python", "Runtime"):
        assert word in report

    with xr.open_dataset(out / "data.nc") as saved:
        saved = saved.load()
    np.testing.assert_array_equal(saved["y"].values, result.data["y"].values)
    assert saved["y"].attrs["units"] == "1" and saved["x"].attrs["units"] == "s"
    assert saved.attrs["normalised"] == "True" and json.loads(saved.attrs["options"]) == {"a": 1}
    assert saved.attrs["study"] == "fake" and json.loads(saved.attrs["parameters"])["n"] == 5


def test_write_study_rejects_complex(tmp_path: Path):
    data = xr.Dataset({"chi": ("w", np.array([1 + 1j, 2.0]))})
    with pytest.raises(TypeError, match="chi"):
        netcdf_safe(data)
    split = split_complex(data)
    assert set(split.data_vars) == {"chi_real", "chi_imag"}
    netcdf_safe(split)


def test_write_index(tmp_path: Path):
    study = FakeStudy()
    result = run_study(study, quick=True)
    write_study(study, result, tmp_path)
    page = write_index(tmp_path, [IndexEntry.from_result(study, result),
                                  IndexEntry("broken", "Broken <study>", error="boom")])
    text = page.read_text()
    assert 'href="fake/report.md"' in text and 'href="fake/fig1.png"' in text
    assert "1/2 passed" in text and "ERROR: boom" in text and "&lt;study&gt;" in text


def test_registry_unknown_name_lists_known():
    with pytest.raises(ValueError, match=r"unknown study 'nope'.*opm-thermo"):
        registry.get_study("nope")


def test_registry_lists_without_importing(monkeypatch):
    import sys

    monkeypatch.delitem(sys.modules, "spinthermo.studies.opm_thermo", raising=False)
    names = dict(registry.list_studies())
    assert names.get("opm-thermo")
    assert "spinthermo.studies.opm_thermo" not in sys.modules
    assert registry.STUDIES["opm-thermo"] == "spinthermo.studies.opm_thermo:OpmThermoStudy"


def test_registry_get_study_imports_lazily(monkeypatch):
    monkeypatch.setitem(registry.ENTRIES, "fake", registry.StudyEntry(
        "fake", f"{__name__}:FakeStudy", "fake"))
    monkeypatch.setitem(registry.ENTRIES, "not-a-study", registry.StudyEntry(
        "not-a-study", f"{__name__}:CLAIM_KEYS", "bad"))
    assert isinstance(registry.get_study("fake"), FakeStudy)
    assert "fake" in registry.STUDIES
    with pytest.raises(TypeError, match="not a Study"):
        registry.get_study("not-a-study")
    with pytest.raises(ValueError, match="module:ClassName"):
        registry.register("x", "no_colon", "d")


def test_nan_paper_in_json():
    c = Claim.check("a", "s", "d", math.inf, 1.0, False, "t")
    assert c.to_dict()["paper"] == "inf"
