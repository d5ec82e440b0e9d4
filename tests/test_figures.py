"""Every study's saved figures are fit for a paper: legible text, mathtext labels, panel
labels, captions, no rounding noise drawn as a curve, and `spinthermo plot` redraws them from
data.nc alone. One quick run per study, shared by the whole module."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import matplotlib
import numpy as np
import pytest
from matplotlib.figure import Figure
from matplotlib.text import Annotation, Text
from typer.testing import CliRunner

from spinthermo.cli import app
from spinthermo.exit_codes import EXIT_OK, EXIT_USAGE
from spinthermo.studies.contract import run_study
from spinthermo.studies.output import (
    MIN_FONT_PT,
    IndexEntry,
    figure_captions,
    panel_axes,
    write_index,
    write_study,
)
from spinthermo.studies.registry import get_study, list_studies

matplotlib.use("Agg")

STUDIES = [name for name, _ in list_studies()]
#: Largest |y| of a drawn curve that is rounding error rather than a value (the QFI(F_z) of
#: ``opm-thermo`` is ~1e-34 today).
ROUNDING_NOISE = 1e-12


@pytest.fixture(scope="module")
def reproduced(tmp_path_factory):
    """study name → (study directory, {figure stem: the Figure saved}) of a quick run."""
    out = tmp_path_factory.mktemp("figures")
    saved: dict[str, dict[str, Figure]] = {}
    original = Figure.savefig

    def recording_savefig(fig, path, *args, **kwargs):
        saved.setdefault(current[0], {})[Path(path).stem] = fig
        return original(fig, path, *args, **kwargs)

    current = [""]
    entries = []
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(Figure, "savefig", recording_savefig)
        for name in STUDIES:
            current[0] = name
            study = get_study(name)
            result = run_study(study, quick=True)
            write_study(study, result, out)
            entries.append(IndexEntry.from_result(study, result))
    write_index(out, entries)
    return out, saved


def _texts(fig: Figure) -> list[Text]:
    return [t for t in fig.findobj(Text) if t.get_visible() and t.get_text().strip()]


def _outside_math(text: str) -> str:
    """``text`` with every ``$...$`` span removed."""
    return re.sub(r"\$[^$]*\$", "", text)


@pytest.mark.parametrize("name", STUDIES)
def test_no_text_below_minimum_size(reproduced, name):
    _, saved = reproduced
    small = [(stem, t.get_text(), t.get_fontsize()) for stem, fig in saved[name].items()
             for t in _texts(fig) if t.get_fontsize() < MIN_FONT_PT]
    assert not small, f"text under {MIN_FONT_PT} pt at the saved size: {small[:10]}"


@pytest.mark.parametrize("name", STUDIES)
def test_no_bare_underscore_in_text(reproduced, name):
    _, saved = reproduced
    bare = [(stem, t.get_text()) for stem, fig in saved[name].items() for t in _texts(fig)
            if "_" in _outside_math(t.get_text())]
    assert not bare, f"literal underscores (write mathtext $x_y$): {bare[:10]}"


@pytest.mark.parametrize("name", STUDIES)
def test_every_panel_has_a_distinct_label(reproduced, name):
    _, saved = reproduced
    for stem, fig in saved[name].items():
        labels = []
        for ax in panel_axes(fig):
            found = [t.get_text() for t in ax.texts if not isinstance(t, Annotation)
                     and re.fullmatch(r"\([a-z]\)", t.get_text())]
            assert len(found) == 1, f"{name} {stem}: a panel has labels {found}"
            labels += found
        assert len(set(labels)) == len(labels), f"{name} {stem}: repeated labels {labels}"


@pytest.mark.parametrize("name", STUDIES)
def test_no_rounding_noise_drawn_as_a_curve(reproduced, name):
    """A panel whose largest curve is rounding error shows noise blown up to full scale."""
    _, saved = reproduced
    for stem, fig in saved[name].items():
        for ax in fig.axes:
            tops = [np.abs(y[np.isfinite(y)]).max(initial=0.0) for y in
                    (np.asarray(line.get_ydata(), dtype=float) for line in ax.lines)
                    if y.size > 1]
            if tops:
                assert max(tops) == 0 or max(tops) > ROUNDING_NOISE, (
                    f"{name} {stem}: panel {ax.get_ylabel()!r} plots rounding noise "
                    f"(max |y| = {max(tops):.1e}) as a curve")


@pytest.mark.parametrize("name", STUDIES)
def test_quick_pngs_are_legible_in_a_browser(reproduced, name):
    out, saved = reproduced
    for stem, fig in saved[name].items():
        png = out / name / f"{stem}.png"
        width_px = fig.get_figwidth() * 110
        from PIL import Image

        with Image.open(png) as image:
            assert image.width >= width_px, f"{png}: {image.width} px wide, under 110 dpi"


@pytest.mark.parametrize("name", STUDIES)
def test_every_figure_has_a_caption_in_report_and_index(reproduced, name):
    out, saved = reproduced
    captions = figure_captions(get_study(name))
    report = (out / name / "report.md").read_text(encoding="utf-8")
    index = (out / "index.html").read_text(encoding="utf-8")
    meta = json.loads((out / name / "meta.json").read_text(encoding="utf-8"))
    for stem in saved[name]:
        caption = captions.get(stem, "")
        assert len(caption.split()) >= 8, f"{name} {stem}: no caption saying what it shows"
        assert caption in report
        assert html.escape(caption) in index
        assert meta["captions"][stem] == caption


@pytest.mark.parametrize("name", STUDIES)
def test_plot_command_redraws_the_figures_from_data_nc(reproduced, name):
    out, _ = reproduced
    study_dir = out / name
    figures = sorted(p.name for p in study_dir.glob("fig*"))
    for path in study_dir.glob("fig*"):
        path.unlink()
    result = CliRunner().invoke(app, ["plot", name, str(out)])
    assert result.exit_code == EXIT_OK, result.output
    assert sorted(p.name for p in study_dir.glob("fig*")) == figures


def test_plot_command_takes_the_study_directory_itself(reproduced):
    out, _ = reproduced
    name = "dipolar-coherence"
    (out / name / "fig2.png").unlink()
    result = CliRunner().invoke(app, ["plot", name, str(out / name)])
    assert result.exit_code == EXIT_OK, result.output
    assert (out / name / "fig2.png").is_file()


def test_plot_command_refuses_missing_or_foreign_data(reproduced, tmp_path):
    out, _ = reproduced
    result = CliRunner().invoke(app, ["plot", "driven-qubit", str(tmp_path)])
    assert result.exit_code == EXIT_USAGE
    assert "data.nc" in result.output and len(result.output.strip().splitlines()) == 1
    result = CliRunner().invoke(app, ["plot", "driven-qubit", str(out / "opm-thermo")])
    assert result.exit_code == EXIT_USAGE
    assert "opm-thermo" in result.output and "driven-qubit" in result.output
    assert not list(tmp_path.iterdir())
