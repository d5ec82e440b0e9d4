"""Write a study's outputs: ``data.nc``, figures, ``claims.json``, ``report.md``, ``meta.json``,
and the ``index.html`` of a set of studies (see :mod:`spinthermo.studies.html_report`).

Figures are drawn from the *saved* ``data.nc``, re-opened from disk, never from the in-memory
result, so that every figure can be redrawn from the file alone.
"""

from __future__ import annotations

import functools
import json
import logging
import math
import platform
import re
import shlex
import subprocess
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, version
from importlib.util import find_spec
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from spinthermo.studies.citations import Citation, citation_for
from spinthermo.studies.contract import CLAIM_KINDS, Claim, Study, StudyResult

if TYPE_CHECKING:
    import xarray
    from matplotlib.figure import Figure

__all__ = [
    "COMPUTING_LIBRARIES",
    "IndexEntry",
    "figure_captions",
    "git_commit",
    "label_panels",
    "load_study_data",
    "netcdf_engine",
    "netcdf_safe",
    "package_versions",
    "panel_axes",
    "provenance",
    "redraw_study",
    "save_figure",
    "split_complex",
    "study_citation",
    "study_metadata",
    "write_index",
    "write_panel_label",
    "write_study",
]


def netcdf_engine() -> str:
    """The xarray engine used for ``data.nc``: ``"h5netcdf"`` if usable, else ``"scipy"``.

    h5netcdf writes through h5py, so both must be installed; scipy writes netCDF3.
    """
    usable = all(find_spec(m) is not None for m in ("h5netcdf", "h5py"))
    return "h5netcdf" if usable else "scipy"


log = logging.getLogger(__name__)

#: Libraries that compute a study's numbers and figures; those marked optional are listed
#: only when importable.
COMPUTING_LIBRARIES = ("numpy", "scipy", "numba", "xarray", "matplotlib", "spinthermo")
OPTIONAL_LIBRARIES = ("qutip", "dask")

#: Seconds ``git rev-parse`` may take before the commit is recorded as ``"unknown"``.
GIT_TIMEOUT_S = 5.0


def package_versions() -> dict[str, str]:
    """Versions of python and of every library that computes (:data:`COMPUTING_LIBRARIES`,
    plus :data:`OPTIONAL_LIBRARIES` when importable), for reports."""
    out = {"python": platform.python_version()}
    optional = [p for p in OPTIONAL_LIBRARIES if find_spec(p) is not None]
    for pkg in (*COMPUTING_LIBRARIES, *optional):
        try:
            out[pkg] = version(pkg)
        except PackageNotFoundError:
            out[pkg] = "not installed"
    return out


@functools.cache
def git_commit() -> str:
    """The commit (``git rev-parse HEAD``) of the spinthermo checkout that is running, or
    ``"unknown"`` when spinthermo is not run from a git checkout, git is missing or slower
    than :data:`GIT_TIMEOUT_S`. Never raises."""
    package_dir = Path(__file__).resolve().parents[1]
    try:
        done = subprocess.run(["git", "rev-parse", "--show-toplevel", "HEAD"], cwd=package_dir,
                              capture_output=True, text=True, timeout=GIT_TIMEOUT_S,
                              check=False)
    except (OSError, subprocess.SubprocessError) as exc:
        log.debug("git commit unknown: %s", exc)
        return "unknown"
    lines = done.stdout.split()
    if done.returncode != 0 or len(lines) != 2:
        log.debug("git commit unknown: %s", done.stderr.strip() or done.stdout.strip())
        return "unknown"
    top, commit = lines
    try:
        inside = package_dir.relative_to(Path(top).resolve()).parts
    except ValueError:
        return "unknown"
    if "site-packages" in inside:  # an installed copy inside someone else's repository
        return "unknown"
    return commit if re.fullmatch(r"[0-9a-f]{40,64}", commit) else "unknown"


def provenance() -> dict[str, Any]:
    """Where and how the outputs were made: ``git_commit`` (:func:`git_commit`), ``command``
    (``sys.argv``), ``platform`` (``platform.platform()``), ``python`` (version) and
    ``versions`` (:func:`package_versions`)."""
    return {"git_commit": git_commit(), "command": list(sys.argv),
            "platform": platform.platform(), "python": platform.python_version(),
            "versions": package_versions()}


def split_complex(data: xarray.Dataset) -> xarray.Dataset:
    """Replace every complex variable ``v`` by ``v_real`` and ``v_imag`` (same attributes).

    netCDF has no complex type; a study storing complex curves calls this before returning.
    """
    out = data.copy()
    for name in list(out.data_vars):
        var = out[name]
        if np.iscomplexobj(var.values):
            out = out.drop_vars(name)
            out[f"{name}_real"] = var.real.assign_attrs(var.attrs, complex_part="real")
            out[f"{name}_imag"] = var.imag.assign_attrs(var.attrs, complex_part="imag")
    return out


def _attr_value(value: Any) -> Any:
    """One attribute value made netCDF-safe (numbers, strings, numeric arrays)."""
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, bool) or value is None:
        return str(value)
    if isinstance(value, int | float | str):
        return value
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, np.ndarray) and value.dtype.kind in "iuf":
        return value
    if isinstance(value, list | tuple) and value and all(
        isinstance(v, int | float | np.integer | np.floating) and not isinstance(v, bool | np.bool_)
        for v in value
    ):
        return np.asarray(value)
    return json.dumps(_jsonable(value), sort_keys=True)


def _jsonable(value: Any) -> Any:
    """Nested structures converted to JSON-serialisable Python values."""
    if isinstance(value, Mapping):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, np.ndarray):
        return _jsonable(value.tolist())
    if isinstance(value, list | tuple | set | frozenset):
        return [_jsonable(v) for v in value]
    if isinstance(value, np.generic):
        return _jsonable(value.item())
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    if isinstance(value, complex):
        return {"real": value.real, "imag": value.imag}
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)


def netcdf_safe(data: xarray.Dataset) -> xarray.Dataset:
    """A copy of ``data`` that netCDF can store; complex variables raise ``TypeError``."""
    complex_vars = [str(n) for n, v in data.variables.items() if np.iscomplexobj(v.values)]
    if complex_vars:
        raise TypeError(
            f"netCDF cannot store complex variables {complex_vars}; store real and imaginary "
            "parts separately (spinthermo.studies.output.split_complex(data) does this)"
        )
    out = data.copy()
    out.attrs = {str(k): _attr_value(v) for k, v in data.attrs.items()}
    for name, var in out.variables.items():
        out[name].attrs = {str(k): _attr_value(v) for k, v in var.attrs.items()}
    return out


#: Resolution of ``--quick`` PNGs (legible in a browser at 100 % zoom) and of full runs.
QUICK_DPI = 120
FULL_DPI = 150
#: Smallest font size (points, at the saved size) any figure text may have.
MIN_FONT_PT = 8.0
#: A panel label: ``(a)``, ``(b)``, ... alone in a text of the panel.
PANEL_LABEL = re.compile(r"^\([a-z]\)$")


def panel_axes(fig: Figure) -> list:
    """The panels of ``fig``: its axes except insets, twins (same box as an earlier axes) and
    colorbars, in the order they were added."""
    panels, boxes = [], []
    for ax in fig.axes:
        box = tuple(np.round(ax.get_position().bounds, 6))
        if ax.get_axes_locator() is not None or hasattr(ax, "_colorbar") or box in boxes:
            continue
        boxes.append(box)
        panels.append(ax)
    return panels


def panel_label(ax) -> str | None:
    """The panel label ``(x)`` written in ``ax``, or ``None``."""
    from matplotlib.text import Annotation

    for text in ax.texts:  # annotations mark points in the data, not panels
        if not isinstance(text, Annotation) and PANEL_LABEL.match(text.get_text()):
            return text.get_text()
    return None


def label_panels(fig: Figure) -> None:
    """Write ``(a)``, ``(b)``, ... in the top-left corner of each panel (:func:`panel_axes`)
    that has no label yet, using the letters not already taken, in panel order."""
    panels = panel_axes(fig)
    taken = {panel_label(ax) for ax in panels}
    free = (f"({c})" for c in "abcdefghijklmnopqrstuvwxyz" if f"({c})" not in taken)
    for ax in panels:
        if panel_label(ax) is None:
            write_panel_label(ax, next(free))


def write_panel_label(ax, label: str) -> None:
    """Write the panel label ``label`` (``"(a)"``) in bold just above the top-left corner of
    ``ax``, outside the data; inside the corner for 3-D axes, whose box has empty margins."""
    if hasattr(ax, "text2D"):
        ax.text2D(0.02, 0.97, label, transform=ax.transAxes, va="top", fontweight="bold",
                  fontsize=10)
    else:
        from matplotlib.transforms import ScaledTranslation

        # 6 pt above the top edge: clear of the topmost y tick label
        above = ax.transAxes + ScaledTranslation(0, 6 / 72, ax.figure.dpi_scale_trans)
        ax.text(-0.01, 1.0, label, transform=above, ha="right", va="bottom",
                fontweight="bold", fontsize=10)


def save_figure(fig: Figure, out_dir: Path, stem: str, dpi: int = FULL_DPI,
                formats: str = "png,pdf") -> list[Path]:
    """Save ``fig`` as ``out_dir/stem.png`` and ``out_dir/stem.pdf``; return the paths.

    ``formats`` is a comma-separated list; studies pass ``data.attrs["figure_formats"]`` and
    ``data.attrs["figure_dpi"]``, which :func:`write_study` sets to ``"png"`` at
    :data:`QUICK_DPI` for ``--quick`` runs (drawing dominates a quick run) and ``"png,pdf"``
    at :data:`FULL_DPI` otherwise.
    Build figures with ``matplotlib.figure.Figure()`` (no pyplot, no display needed).
    """
    paths = [Path(out_dir) / f"{stem}.{ext.strip()}" for ext in formats.split(",")]
    for path in paths:
        fig.savefig(path, dpi=dpi)
    return paths


def save_study_figure(fig: Figure, data: xarray.Dataset, out_dir: Path, stem: str) -> list[Path]:
    """:func:`save_figure` with the formats and resolution :func:`write_study` recorded in the
    saved ``data`` (PNG only at :data:`QUICK_DPI` for ``--quick``).

    Panels without a panel label get the next free letter (:func:`label_panels`) first."""
    label_panels(fig)
    return save_figure(fig, out_dir, stem, dpi=int(data.attrs.get("figure_dpi", FULL_DPI)),
                       formats=data.attrs.get("figure_formats", "png,pdf"))


def _cell(value: Any) -> str:
    """A Markdown table cell: pipes escaped, newlines removed."""
    if value is None:
        return "—"
    if isinstance(value, float):
        value = f"{value:.6g}"
    return str(value).replace("|", r"\|").replace("\n", " ")


def study_citation(study: Study) -> Citation | None:
    """The paper ``study`` reproduces (:func:`~spinthermo.studies.citations.citation_for` by
    name, then by seed); ``None`` for a study of no listed paper."""
    return citation_for(study.name) or citation_for(study.seed)


def _markdown_citation(citation: Citation) -> str:
    """The full citation with its DOI (else arXiv) as a link."""
    text = citation.full()
    if citation.doi:
        return text.replace(f"DOI: {citation.doi}", f"DOI: [{citation.doi}]({citation.doi_url})")
    if citation.arxiv:
        return text.replace(f"arXiv:{citation.arxiv}",
                            f"[arXiv:{citation.arxiv}]({citation.arxiv_url})", 1)
    return text


def _claims_table(claims: Sequence[Claim]) -> list[str]:
    lines = ["| id | source | description | paper | ours | tolerance | result |",
             "|---|---|---|---|---|---|---|"]
    for c in claims:
        verdict = "PASS" if c.passed else "**FAIL**"
        lines.append("| " + " | ".join(_cell(x) for x in (
            c.id, c.source, c.description, c.paper, c.ours, c.tolerance, verdict)) + " |")
    return lines


def _claims_sections(result: StudyResult) -> list[str]:
    """One section per claim kind (:data:`CLAIM_KINDS`) with its count, then the failures."""
    lines: list[str] = []
    counts = result.counts_by_kind()
    if not counts:
        lines += ["## Claims", "", "No claims.", ""]
    for kind, heading in CLAIM_KINDS.items():
        if kind in counts:
            lines += [f"## {heading} ({counts[kind]['passed']}/{counts[kind]['total']} passed)",
                      ""]
            lines += [*_claims_table(result.of_kind(kind)), ""]
    lines += ["## Failed claims", ""]
    if result.failed:
        for c in result.failed:
            lines.append(f"- **{c.id}** ({c.kind}, {c.source}): {c.description} — paper "
                         f"{_cell(c.paper)}, ours {_cell(c.ours)}; tolerance {c.tolerance}"
                         + (f". Why: {c.explanation}" if c.explanation else
                            ". Unexplained: a regression or a wrong model."))
    else:
        lines.append("None.")
    return lines


def _report(study: Study, result: StudyResult, figures: Sequence[Path], out_dir: Path) -> str:
    """The text of ``report.md``: the paper, claims, failures, figures, parameters and the
    run's provenance (:func:`provenance`)."""
    lines = [f"# {study.title}", ""]
    citation = study_citation(study)
    if citation is not None:
        lines += [f"**Paper:** {_markdown_citation(citation)}", ""]
    lines += [f"- Study: `{study.name}`", f"- Seed: `{study.seed}`", f"- {study.description}",
              ""]
    lines += _claims_sections(result)
    lines += ["", "## Figures", ""]
    captions = figure_captions(study)
    for path in figures:
        rel = Path(path).resolve().relative_to(out_dir.resolve()).as_posix()
        if rel.endswith(".png"):
            stem = Path(rel).stem
            caption = captions.get(stem, "")
            lines += [f"![{stem}]({rel})", ""]
            if caption:
                lines += [f"*{_figure_name(stem)}.* {caption}", ""]
    others = [Path(p) for p in figures if not str(p).endswith(".png")]
    if others:
        lines.append("Also: " + ", ".join(f"[{p.name}]({p.name})" for p in others))
        lines.append("")
    lines += ["## Parameters", "", "```json",
              json.dumps(_jsonable(result.parameters), indent=2, sort_keys=True), "```", ""]
    run = provenance()
    lines += ["## Run", "", f"- Runtime: {result.runtime_s:.3f} s",
              f"- Date: {datetime.now(UTC).isoformat(timespec='seconds')}",
              f"- Git commit: `{run['git_commit']}`",
              f"- Command: `{shlex.join(run['command'])}`",
              f"- Platform: {run['platform']}"]
    lines += [f"- {pkg}: {ver}" for pkg, ver in run["versions"].items()]
    return "\n".join(lines) + "\n"


def write_study(study: Study, result: StudyResult, out_dir: Path) -> Path:
    """Write ``result`` of ``study`` into ``out_dir/NAME/`` and return that directory.

    Writes ``data.nc``, re-opens it and calls ``study.plot`` on the saved data, then writes
    ``claims.json``, ``report.md`` and ``meta.json`` (:func:`study_metadata`).
    """
    target = Path(out_dir) / study.name
    target.mkdir(parents=True, exist_ok=True)
    data = netcdf_safe(result.data)
    data.attrs.update({
        "study": study.name,
        "title": study.title,
        "seed": study.seed,
        "parameters": json.dumps(_jsonable(result.parameters), sort_keys=True),
        "spinthermo_version": package_versions()["spinthermo"],
        "figure_formats": "png" if result.parameters.get("quick") else "png,pdf",
        "figure_dpi": QUICK_DPI if result.parameters.get("quick") else FULL_DPI,
    })
    data.to_netcdf(target / "data.nc", engine=netcdf_engine())
    figures = redraw_study(study, target)
    claims = [c.to_dict() for c in result.claims]
    (target / "claims.json").write_text(json.dumps(claims, indent=2, ensure_ascii=False) + "\n",
                                       encoding="utf-8")
    (target / "report.md").write_text(_report(study, result, figures, target), encoding="utf-8")
    meta = study_metadata(study, result, [p.resolve().relative_to(target.resolve()).as_posix()
                                          for p in figures])
    (target / "meta.json").write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n",
                                     encoding="utf-8")
    log.info("%s: wrote data.nc, %d figure files, claims.json, report.md, meta.json in %s",
             study.name, len(figures), target)
    return target


def load_study_data(study: Study, study_dir: Path) -> xarray.Dataset:
    """The dataset ``study_dir/data.nc`` that :func:`write_study` saved for ``study``, loaded.

    Raises ``FileNotFoundError`` when the file is missing and ``ValueError`` when it cannot be
    read or was written by another study (its ``study`` attribute names another)."""
    import xarray as xr

    path = Path(study_dir) / "data.nc"
    if not path.is_file():
        raise FileNotFoundError(f"no data.nc in {study_dir}: run `spinthermo reproduce "
                                f"{study.name} --out DIR` first")
    try:
        with xr.open_dataset(path, engine=netcdf_engine()) as saved:
            saved = saved.load()
    except Exception as exc:  # netCDF readers raise many types on a damaged file
        raise ValueError(f"{path} is not a readable netCDF file ({type(exc).__name__}: "
                         f"{exc})") from exc
    written_by = saved.attrs.get("study")
    if written_by != study.name:
        raise ValueError(f"{path} holds the data of study {written_by!r}, not {study.name!r}")
    return saved


def redraw_study(study: Study, study_dir: Path) -> list[Path]:
    """Draw ``study``'s figures into ``study_dir`` from ``study_dir/data.nc`` alone
    (:func:`load_study_data`, then ``study.plot``); return the paths written."""
    figures = [Path(p) for p in study.plot(load_study_data(study, study_dir), Path(study_dir))]
    missing = [str(p) for p in figures if not p.exists()]
    if missing:
        raise FileNotFoundError(f"{type(study).__name__}.plot returned paths it did not write: "
                                f"{missing}")
    return figures


def figure_captions(study: Study) -> dict[str, str]:
    """Figure stem → caption of ``study``: the ``CAPTIONS`` dict of the study's figures module
    (``<study module>_figures``), or ``{}`` when it has none."""
    import importlib

    try:
        module = importlib.import_module(f"{type(study).__module__}_figures")
    except ModuleNotFoundError:
        return {}
    return dict(getattr(module, "CAPTIONS", {}))


def _figure_name(stem: str) -> str:
    """``fig2`` → ``Fig. 2``; other stems (``fig_checks``) unchanged."""
    match = re.fullmatch(r"fig(\d+)", stem)
    return f"Fig. {match.group(1)}" if match else stem


def study_metadata(study: Study, result: StudyResult,
                   figures: Sequence[str] = ()) -> dict[str, Any]:
    """The content of ``meta.json``: what ``index.html`` shows besides claims and figures.

    Keys: ``study``, ``title``, ``seed``, ``description``, ``citation`` (the paper,
    :meth:`Citation.to_dict`, or ``None``), ``quick``, ``runtime_s``, ``timestamp`` (UTC, ISO
    8601), ``git_commit``, ``command``, ``platform``, ``python`` and ``versions``
    (:func:`provenance`), ``claims`` (``total``, ``passed``, ``failed``, ``explained``,
    ``unexplained``, and ``by_kind``: the same counts per claim kind), ``figures`` (paths
    relative to the study directory), ``captions`` (figure stem → caption,
    :func:`figure_captions`) and ``parameters``.
    """
    n_failed = len(result.failed)
    n_unexplained = len(result.unexplained_failures)
    citation = study_citation(study)
    return {
        "study": study.name,
        "title": study.title,
        "seed": study.seed,
        "description": study.description,
        "citation": None if citation is None else citation.to_dict(),
        "quick": bool(result.parameters.get("quick", False)),
        "runtime_s": float(result.runtime_s),
        "timestamp": datetime.now(UTC).isoformat(timespec="seconds"),
        **provenance(),
        "claims": {"total": len(result.claims), "passed": result.n_passed, "failed": n_failed,
                   "explained": n_failed - n_unexplained, "unexplained": n_unexplained,
                   "by_kind": result.counts_by_kind()},
        "figures": list(figures),
        "captions": figure_captions(study),
        "parameters": _jsonable(result.parameters),
    }


@dataclass(frozen=True)
class IndexEntry:
    """One study's line in ``index.html``; ``error`` is set when the study did not finish."""

    name: str
    title: str
    n_claims: int = 0
    n_passed: int = 0
    runtime_s: float = 0.0
    error: str | None = None

    @classmethod
    def from_result(cls, study: Study, result: StudyResult) -> IndexEntry:
        """The entry of a finished study."""
        return cls(study.name, study.title, len(result.claims), result.n_passed,
                   result.runtime_s)


def write_index(out_dir: Path, entries: Sequence[IndexEntry]) -> Path:
    """Write ``out_dir/index.html`` for the studies of ``entries``; return its path.

    The page (summary, per-study claims tables, figures, run time, versions, links) is built by
    :func:`spinthermo.studies.html_report.write_index` from what each study wrote.
    """
    from spinthermo.studies.html_report import write_index as write_html_index

    return write_html_index(out_dir, entries)
