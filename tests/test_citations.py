"""The papers' citations: one source (``spinthermo.studies.citations``) that agrees with
``CITATION.cff`` and ``docs/papers``, shown by ``spinthermo list`` and written at the top of
``report.md``, ``index.html`` and into ``meta.json``."""

from __future__ import annotations

import html
import importlib
import json
import re
from pathlib import Path

import numpy as np
import pytest
import xarray as xr
from typer.testing import CliRunner

from spinthermo.cli import app
from spinthermo.studies import registry
from spinthermo.studies.citations import CITATIONS, Author, citation_for
from spinthermo.studies.contract import Claim, Study, StudyResult

ROOT = Path(__file__).resolve().parents[1]
runner = CliRunner()


def _cff_references() -> list[dict]:
    yaml = pytest.importorskip("yaml")
    return yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))["references"]


def _cff_by_title() -> dict[str, dict]:
    return {" ".join(ref["title"].split()): ref for ref in _cff_references()}


def test_five_papers_one_per_registered_study():
    assert set(CITATIONS) == set(registry.ENTRIES)
    assert sorted(c.seed for c in CITATIONS.values()) == ["000", "001", "002", "003", "004"]


@pytest.mark.parametrize("name", sorted(CITATIONS))
def test_citation_agrees_with_citation_cff(name):
    citation = CITATIONS[name]
    refs = _cff_by_title()
    assert len(refs) == len(CITATIONS)
    ref = refs[citation.title]
    assert [a["family-names"] for a in ref["authors"]] == [a.family for a in citation.authors]
    for stated, ours in zip(ref["authors"], citation.authors, strict=True):
        if "given-names" in stated:
            assert stated["given-names"] == ours.given
    assert ref.get("year") == citation.year
    assert ref.get("journal") == citation.journal
    assert (None if ref.get("volume") is None else str(ref["volume"])) == citation.volume
    assert ref.get("start") == citation.article
    assert ref.get("doi") == citation.doi  # no DOI where the paper states none
    arxiv = [i["value"] for i in ref.get("identifiers", []) if i["value"].startswith("arXiv:")]
    assert arxiv == ([f"arXiv:{citation.arxiv}"] if citation.arxiv else [])


@pytest.mark.parametrize("name", sorted(CITATIONS))
def test_citation_agrees_with_docs_papers(name):
    citation = CITATIONS[name]
    page = (ROOT / "docs" / "papers" / f"seed{citation.seed}.md").read_text(encoding="utf-8")
    header = " ".join(page.split("## ")[0].split())
    authors = ", ".join(str(a) for a in citation.authors[:-1]) + f" and {citation.authors[-1]}"
    assert f"**{authors}**" in header
    assert f"*{citation.title}*" in header
    assert (citation.doi is not None) == ("DOI [" in header)
    if citation.doi:
        assert f"https://doi.org/{citation.doi}" in header
    if citation.arxiv:
        assert f"arXiv:{citation.arxiv}" in header
    if citation.year:
        assert f"({citation.year})" in header


@pytest.mark.parametrize("name", sorted(CITATIONS))
def test_registered_study_seed_names_its_paper(name):
    module, _, cls = registry.ENTRIES[name].target.partition(":")
    seed_file = getattr(importlib.import_module(module), cls).seed
    assert citation_for(seed_file) is CITATIONS[name]
    assert citation_for(seed_file[:3]) is CITATIONS[name]


def test_citation_for_unknown_and_bad_keys():
    assert citation_for("999_fake.txt") is None and citation_for("fake") is None
    with pytest.raises(TypeError, match="key must be a study name or seed"):
        citation_for(2)


def test_initials_and_forms():
    assert Author("Guo", "Yu-Hao").initials == "Y.-H." and str(Author("Sousa", "A. F.")) == (
        "A. F. Sousa")
    noble = CITATIONS["noble-gas"]
    assert noble.short() == "Katz, Shaham & Firstenberg, PRX Quantum 3, 010305 (2022)"
    assert noble.full().endswith("DOI: 10.1103/PRXQuantum.3.010305.")
    assert noble.doi_url == "https://doi.org/10.1103/PRXQuantum.3.010305"
    qubit = CITATIONS["driven-qubit"]
    assert qubit.short() == "Juan-Delgado & Chenu, Phys. Rev. A 104, 022219 (2021)"
    assert "arXiv:2104.10691" in qubit.full() and qubit.doi_url is None
    assert CITATIONS["opm-thermo"].short() == "Sousa, Vieira & Florez, arXiv:2604.09219 (2026)"
    assert "no journal, year" in CITATIONS["light-shift"].full()


def test_list_shows_every_citation_in_80_columns():
    result = runner.invoke(app, ["list"], env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    assert max(len(line) for line in result.output.splitlines()) <= 80
    words = " ".join(result.output.split())
    for citation in CITATIONS.values():
        assert citation.short() in words, citation.short()


class PaperStudy(Study):
    """A two-second stand-in carrying a real study's name and seed, so its outputs name the
    real paper."""

    title = "Stand-in"
    description = "a stand-in for a registered study"

    def run(self, quick=False, progress=None):
        x = np.linspace(0.0, 1.0, 3)
        data = xr.Dataset({"y": ("x", x, {"units": "1"})}, coords={"x": x})
        claims = [Claim.close("one", "000 Fig. 1", "identity", 1.0, 1.0, rel=1e-9,
                              reason="exact")]
        return StudyResult(self.name, data, claims, {"quick": quick})

    def plot(self, data, out_dir):
        return []


STAND_INS = {name: type(f"StandIn{i}", (PaperStudy,),
                        {"name": name, "seed": f"{c.seed}_stand_in.txt"})
             for i, (name, c) in enumerate(sorted(CITATIONS.items()))}
globals().update({cls.__name__: cls for cls in STAND_INS.values()})


@pytest.fixture(scope="module")
def written(tmp_path_factory) -> Path:
    """``reproduce --all`` over stand-ins of the five registered studies."""
    out = tmp_path_factory.mktemp("cited")
    entries = {name: registry.StudyEntry(name, f"{__name__}:{cls.__name__}", "stand-in")
               for name, cls in STAND_INS.items()}
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(registry, "ENTRIES", entries)
        result = runner.invoke(app, ["reproduce", "--all", "--quick", "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out


@pytest.mark.parametrize("name", sorted(CITATIONS))
def test_report_md_names_the_paper_at_the_top(written, name):
    citation = CITATIONS[name]
    report = (written / name / "report.md").read_text(encoding="utf-8")
    top = report.split("## Claims")[0]
    assert f"{citation.authors[0]}" in top and f"“{citation.title}”" in top
    if citation.doi:
        assert f"[{citation.doi}]({citation.doi_url})" in top
    meta = json.loads((written / name / "meta.json").read_text(encoding="utf-8"))
    assert meta["citation"] == citation.to_dict()


@pytest.mark.parametrize("name", sorted(CITATIONS))
def test_index_html_names_the_paper_at_the_top_of_each_study(written, name):
    citation = CITATIONS[name]
    page = (written / "index.html").read_text(encoding="utf-8")
    section = re.search(rf'<section class="study" id="study-{name}".*?</section>', page, re.S)
    assert section, name
    top = section.group(0).split("<h3>")[0]
    assert html.escape(citation.title) in top and citation.authors[0].family in top
    if citation.doi:
        assert f'href="https://doi.org/{citation.doi}"' in top
