"""Write a study's outputs: ``data.nc``, figures, ``claims.json``, ``report.md``, ``index.html``.

Figures are drawn from the *saved* ``data.nc``, re-opened from disk, never from the in-memory
result, so that every figure can be redrawn from the file alone.
"""

from __future__ import annotations

import html
import json
import math
import platform
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, version
from importlib.util import find_spec
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from spinthermo.studies.contract import Study, StudyResult

if TYPE_CHECKING:
    import xarray
    from matplotlib.figure import Figure

__all__ = [
    "IndexEntry",
    "netcdf_engine",
    "netcdf_safe",
    "package_versions",
    "save_figure",
    "split_complex",
    "write_index",
    "write_study",
]


def netcdf_engine() -> str:
    """The xarray engine used for ``data.nc``: ``"h5netcdf"`` if usable, else ``"scipy"``.

    h5netcdf writes through h5py, so both must be installed; scipy writes netCDF3.
    """
    usable = all(find_spec(m) is not None for m in ("h5netcdf", "h5py"))
    return "h5netcdf" if usable else "scipy"


def package_versions() -> dict[str, str]:
    """Versions of python, numpy, scipy, xarray and spinthermo, for reports."""
    out = {"python": platform.python_version()}
    for pkg in ("numpy", "scipy", "xarray", "spinthermo"):
        try:
            out[pkg] = version(pkg)
        except PackageNotFoundError:
            out[pkg] = "not installed"
    return out


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


def save_figure(fig: Figure, out_dir: Path, stem: str, dpi: int = 150,
                formats: str = "png,pdf") -> list[Path]:
    """Save ``fig`` as ``out_dir/stem.png`` and ``out_dir/stem.pdf``; return the paths.

    ``formats`` is a comma-separated list; studies pass ``data.attrs["figure_formats"]`` and
    ``data.attrs["figure_dpi"]``, which :func:`write_study` sets to ``"png"`` at 80 dpi for
    ``--quick`` runs (drawing dominates a quick run) and ``"png,pdf"`` at 150 dpi otherwise.
    Build figures with ``matplotlib.figure.Figure()`` (no pyplot, no display needed).
    """
    paths = [Path(out_dir) / f"{stem}.{ext.strip()}" for ext in formats.split(",")]
    for path in paths:
        fig.savefig(path, dpi=dpi)
    return paths


def save_study_figure(fig: Figure, data: xarray.Dataset, out_dir: Path, stem: str) -> list[Path]:
    """:func:`save_figure` with the formats and resolution :func:`write_study` recorded in the
    saved ``data`` (PNG only at 80 dpi for ``--quick``)."""
    return save_figure(fig, out_dir, stem, dpi=int(data.attrs.get("figure_dpi", 150)),
                       formats=data.attrs.get("figure_formats", "png,pdf"))


def _cell(value: Any) -> str:
    """A Markdown table cell: pipes escaped, newlines removed."""
    if value is None:
        return "—"
    if isinstance(value, float):
        value = f"{value:.6g}"
    return str(value).replace("|", r"\|").replace("\n", " ")


def _report(study: Study, result: StudyResult, figures: Sequence[Path], out_dir: Path) -> str:
    """The text of ``report.md``."""
    lines = [f"# {study.title}", "", f"- Study: `{study.name}`", f"- Seed: `{study.seed}`",
             f"- {study.description}", ""]
    n = len(result.claims)
    lines += [f"## Claims ({result.n_passed}/{n} passed)", ""]
    if result.claims:
        lines += ["| id | source | description | paper | ours | tolerance | result |",
                  "|---|---|---|---|---|---|---|"]
        for c in result.claims:
            verdict = "PASS" if c.passed else "**FAIL**"
            lines.append("| " + " | ".join(_cell(x) for x in (
                c.id, c.source, c.description, c.paper, c.ours, c.tolerance, verdict)) + " |")
    else:
        lines.append("No claims.")
    lines.append("")
    lines += ["## Failed claims", ""]
    if result.failed:
        for c in result.failed:
            lines.append(f"- **{c.id}** ({c.source}): {c.description} — paper {_cell(c.paper)}, "
                         f"ours {_cell(c.ours)}; tolerance {c.tolerance}"
                         + (f". Why: {c.explanation}" if c.explanation else
                            ". Unexplained: a regression or a wrong model."))
    else:
        lines.append("None.")
    lines += ["", "## Figures", ""]
    for path in figures:
        rel = Path(path).resolve().relative_to(out_dir.resolve()).as_posix()
        if rel.endswith(".png"):
            lines += [f"![{Path(rel).stem}]({rel})", ""]
    others = [Path(p) for p in figures if not str(p).endswith(".png")]
    if others:
        lines.append("Also: " + ", ".join(f"[{p.name}]({p.name})" for p in others))
        lines.append("")
    lines += ["## Parameters", "", "```json",
              json.dumps(_jsonable(result.parameters), indent=2, sort_keys=True), "```", ""]
    lines += ["## Run", "", f"- Runtime: {result.runtime_s:.3f} s",
              f"- Date: {datetime.now(UTC).isoformat(timespec='seconds')}"]
    lines += [f"- {pkg}: {ver}" for pkg, ver in package_versions().items()]
    return "\n".join(lines) + "\n"


def write_study(study: Study, result: StudyResult, out_dir: Path) -> Path:
    """Write ``result`` of ``study`` into ``out_dir/NAME/`` and return that directory.

    Writes ``data.nc``, re-opens it and calls ``study.plot`` on the saved data, then writes
    ``claims.json`` and ``report.md``.
    """
    import xarray as xr

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
        "figure_dpi": 80 if result.parameters.get("quick") else 150,
    })
    engine = netcdf_engine()
    data_path = target / "data.nc"
    data.to_netcdf(data_path, engine=engine)
    with xr.open_dataset(data_path, engine=engine) as saved:
        saved = saved.load()
    figures = [Path(p) for p in study.plot(saved, target)]
    missing = [str(p) for p in figures if not p.exists()]
    if missing:
        raise FileNotFoundError(f"{type(study).__name__}.plot returned paths it did not write: "
                                f"{missing}")
    claims = [c.to_dict() for c in result.claims]
    (target / "claims.json").write_text(json.dumps(claims, indent=2, ensure_ascii=False) + "\n",
                                       encoding="utf-8")
    (target / "report.md").write_text(_report(study, result, figures, target), encoding="utf-8")
    return target


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
    """Write ``out_dir/index.html`` linking each study's report and figures; return its path."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    esc = html.escape
    rows = []
    for e in entries:
        study_dir = out_dir / e.name
        figs = sorted(study_dir.glob("*.png")) if study_dir.is_dir() else []
        fig_links = " ".join(
            f'<a href="{esc(e.name)}/{esc(p.name)}">{esc(p.stem)}</a>' for p in figs)
        if e.error is not None:
            status = f'<span class="fail">ERROR: {esc(e.error)}</span>'
        elif e.n_passed == e.n_claims:
            status = f'<span class="pass">{e.n_passed}/{e.n_claims} passed</span>'
        else:
            status = (f'<span class="fail">{e.n_passed}/{e.n_claims} passed, '
                      f"{e.n_claims - e.n_passed} failed</span>")
        report = (f'<a href="{esc(e.name)}/report.md">report</a>'
                  if (study_dir / "report.md").exists() else "—")
        rows.append(f"<tr><td>{esc(e.name)}</td><td>{esc(e.title)}</td><td>{status}</td>"
                    f"<td>{e.runtime_s:.1f} s</td><td>{report}</td><td>{fig_links}</td></tr>")
    versions = ", ".join(f"{k} {v}" for k, v in package_versions().items())
    date = datetime.now(UTC).isoformat(timespec="seconds")
    page = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>spinthermo reproductions</title>
<style>body{{font-family:sans-serif;margin:2em}}td,th{{padding:4px 10px;text-align:left}}
.pass{{color:#17803d}}.fail{{color:#c0262d;font-weight:bold}}</style></head>
<body><h1>spinthermo reproductions</h1>
<table><tr><th>study</th><th>title</th><th>claims</th><th>runtime</th><th>report</th>
<th>figures</th></tr>
{chr(10).join(rows)}
</table>
<p>{esc(date)} — {esc(versions)}</p>
</body></html>
"""
    path = out_dir / "index.html"
    path.write_text(page, encoding="utf-8")
    return path
