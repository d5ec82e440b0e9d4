"""The browsable report of a set of studies: ``DIR/index.html``.

:func:`write_index` reads what :func:`~spinthermo.studies.output.write_study` wrote into each
``DIR/NAME/`` (``claims.json``, ``meta.json``, the figures, ``data.nc``, ``report.md``) and
builds one self-contained page: a summary table (claims passed, unexplained failures, run
time), then one section per study with its claims table (paper against ours, tolerance,
PASS / FAIL / FAIL (explained) with the explanation), its figures, run time, versions and
links to its files. The page has inline CSS, relative links only and no JavaScript, so it
renders offline and with scripts off; every text taken from the files is HTML-escaped. A study
that failed to run appears with its error.

>>> import tempfile
>>> with tempfile.TemporaryDirectory() as d:
...     page = write_index(d, [StudyOutcome("broken", error="ValueError: <boom>")])
...     text = page.read_text(encoding="utf-8")
>>> "ValueError: &lt;boom&gt;" in text and 'id="study-broken"' in text
True
"""

from __future__ import annotations

import html
import json
import math
import os
import re
import shlex
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote

from spinthermo.studies.contract import CLAIM_KINDS

__all__ = ["StudyOutcome", "StudyReport", "read_study", "render_index", "write_index"]

#: the files of a study directory linked from its section, in this order
LINKED_FILES = ("data.nc", "claims.json", "report.md", "meta.json")


@dataclass(frozen=True)
class StudyOutcome:
    """A study to list in ``index.html`` by ``name`` (its directory ``DIR/NAME``).

    ``error`` is set when the study did not finish (the page shows it instead of claims);
    ``title`` and ``runtime_s`` are used when the directory holds no ``meta.json``.
    """

    name: str
    title: str = ""
    error: str | None = None
    runtime_s: float | None = None


@dataclass
class StudyReport:
    """What one study's section of ``index.html`` shows, read from its directory."""

    name: str
    href: str
    title: str = ""
    description: str = ""
    seed: str = ""
    claims: list[dict[str, Any]] = field(default_factory=list)
    figures: list[str] = field(default_factory=list)
    missing_figures: list[str] = field(default_factory=list)
    other_figures: dict[str, list[str]] = field(default_factory=dict)
    files: dict[str, bool] = field(default_factory=dict)
    meta: dict[str, Any] = field(default_factory=dict)
    error: str | None = None
    runtime_s: float | None = None

    @property
    def n_passed(self) -> int:
        """Claims that passed."""
        return sum(bool(c.get("passed")) for c in self.claims)

    @property
    def n_explained(self) -> int:
        """Failed claims that carry an explanation."""
        return sum(not c.get("passed") and bool(c.get("explanation")) for c in self.claims)

    @property
    def n_unexplained(self) -> int:
        """Failed claims without an explanation (each makes ``reproduce`` exit 1)."""
        return len(self.claims) - self.n_passed - self.n_explained

    def of_kind(self, kind: str) -> list[dict[str, Any]]:
        """The claims of one kind; a claim written without ``kind`` counts as ``"paper"``."""
        return [c for c in self.claims if c.get("kind", "paper") == kind]

    def kind_counts(self) -> str:
        """Passed/total per claim kind present, e.g. ``"paper 20/23 · consistency 8/8"``."""
        parts = []
        for kind in CLAIM_KINDS:
            claims = self.of_kind(kind)
            if claims:
                parts.append(f"{kind} {sum(bool(c.get('passed')) for c in claims)}/{len(claims)}")
        return " · ".join(parts) or "no claims"

    @property
    def status(self) -> str:
        """``"ERROR"``, ``"FAIL"`` (an unexplained failure), ``"FAIL (explained)"`` or
        ``"PASS"``."""
        if self.error is not None:
            return "ERROR"
        if self.n_unexplained:
            return "FAIL"
        return "FAIL (explained)" if self.n_explained else "PASS"


def _natural_key(text: str) -> list[Any]:
    """Sort key putting ``fig2`` before ``fig10``."""
    return [int(t) if t.isdigit() else t.lower() for t in re.split(r"(\d+)", text)]


def _href(*parts: str) -> str:
    """A relative URL from path parts (each percent-encoded, ``/`` kept)."""
    return "/".join(quote(p, safe="/") for p in parts if p not in ("", "."))


def _read_json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def read_study(out_dir: str | os.PathLike[str], item: Any) -> StudyReport:
    """Read one study for the page: ``item`` is a study name (directory ``out_dir/NAME``),
    a path to a study directory, or an object with a ``name`` attribute (a
    :class:`StudyOutcome`, an ``IndexEntry``, a ``StudyResult``) whose ``error``, ``title``
    and ``runtime_s`` attributes are used where present.

    Missing or unreadable files do not raise: they become the report's ``error`` or
    ``missing_figures``.
    """
    out_dir = Path(out_dir)
    error = title = None
    runtime = None
    if isinstance(item, os.PathLike):
        study_dir = Path(item)
        name = study_dir.name
    elif isinstance(item, str):
        name, study_dir = item, out_dir / item
    else:
        name = str(item.name)
        study_dir = out_dir / name
        error = getattr(item, "error", None)
        title = getattr(item, "title", None) or None
        runtime = getattr(item, "runtime_s", None)
    try:
        href = Path(os.path.relpath(study_dir, out_dir)).as_posix()
    except ValueError:  # another drive on Windows
        href = study_dir.resolve().as_uri()
    report = StudyReport(name=name, href=href, title=title or name, error=error)
    if isinstance(runtime, int | float) and runtime > 0:
        report.runtime_s = float(runtime)
    report.files = {f: (study_dir / f).is_file() for f in LINKED_FILES}
    if report.files["meta.json"]:
        try:
            meta = _read_json(study_dir / "meta.json")
            report.meta = meta if isinstance(meta, dict) else {}
        except (OSError, ValueError):
            report.meta = {}
    meta = report.meta
    report.title = str(meta.get("title") or report.title)
    report.description = str(meta.get("description") or "")
    report.seed = str(meta.get("seed") or "")
    if isinstance(meta.get("runtime_s"), int | float):
        report.runtime_s = float(meta["runtime_s"])
    if report.error is None:
        report.error = _read_claims(study_dir, report)
    _find_figures(study_dir, report)
    return report


def _read_claims(study_dir: Path, report: StudyReport) -> str | None:
    """Fill ``report.claims`` from ``claims.json``; return an error message or ``None``."""
    path = study_dir / "claims.json"
    if not study_dir.is_dir():
        return f"no output directory {study_dir.name}/ (the study was not run)"
    if not path.is_file():
        return f"{study_dir.name}/claims.json is missing (the study did not finish)"
    try:
        claims = _read_json(path)
    except (OSError, ValueError) as exc:
        return f"{study_dir.name}/claims.json cannot be read: {exc}"
    if not isinstance(claims, list) or not all(isinstance(c, dict) for c in claims):
        return f"{study_dir.name}/claims.json is not a list of claim objects"
    report.claims = claims
    return None


def _find_figures(study_dir: Path, report: StudyReport) -> None:
    """Fill the figure lists: PNGs shown, other formats linked, listed-but-absent noted."""
    listed = report.meta.get("figures")
    if isinstance(listed, list) and listed:
        names = [str(f) for f in listed]
    elif study_dir.is_dir():
        names = [p.name for p in study_dir.iterdir() if p.is_file()
                 and p.suffix.lower() in (".png", ".pdf", ".svg")]
    else:
        names = []
    for rel in sorted(set(names), key=_natural_key):
        stem, suffix = os.path.splitext(rel)
        if not (study_dir / rel).is_file():
            report.missing_figures.append(rel)
        elif suffix.lower() == ".png":
            report.figures.append(rel)
        else:
            report.other_figures.setdefault(stem, []).append(rel)


def _fmt(value: Any) -> str:
    """A claim value as text: floats to 6 significant digits, ``None`` as a dash."""
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return f"{value:.6g}" if math.isfinite(value) else str(value)
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _esc(value: Any) -> str:
    return html.escape(_fmt(value), quote=True)


def _anchor(name: str) -> str:
    return "study-" + re.sub(r"[^A-Za-z0-9_-]", "-", name)


def _plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


def _runtime(seconds: float | None) -> str:
    if seconds is None:
        return "—"
    if seconds < 60:
        return f"{seconds:.1f} s"
    return f"{int(seconds // 60)} min {seconds % 60:02.0f} s"


_STATUS_CLASS = {"PASS": "pass", "FAIL": "fail", "FAIL (explained)": "explained",
                 "ERROR": "fail"}


def _badge(status: str) -> str:
    return f'<span class="badge {_STATUS_CLASS[status]}">{html.escape(status)}</span>'


def _claims_tables(report: StudyReport) -> str:
    """One table per claim kind (:data:`CLAIM_KINDS`) under its heading."""
    if not report.claims:
        return '<p class="note">This study states no claims.</p>'
    parts = []
    for kind, heading in CLAIM_KINDS.items():
        claims = report.of_kind(kind)
        if claims:
            passed = sum(bool(c.get("passed")) for c in claims)
            parts.append(f"<h4>{html.escape(heading)} ({passed}/{len(claims)} passed)</h4>")
            parts.append(_claims_table(claims))
    return "\n".join(parts)


def _claims_table(claims: Sequence[dict[str, Any]]) -> str:
    rows = []
    for c in claims:
        passed = bool(c.get("passed"))
        why = str(c.get("explanation") or "") if not passed else ""
        status = "PASS" if passed else ("FAIL (explained)" if why else "FAIL")
        cells = "".join(f'<td class="{cls}">{_esc(c.get(key))}</td>' for key, cls in (
            ("id", "id"), ("source", "src"), ("description", "desc"), ("paper", "num"),
            ("ours", "num"), ("tolerance", "tol")))
        rows.append(f'<tr class="claim {_STATUS_CLASS[status]}">{cells}'
                    f"<td>{_badge(status)}</td></tr>")
        if not passed:
            text = (f"<strong>Why:</strong> {html.escape(why)}" if why else
                    "<strong>Unexplained:</strong> a regression or a wrong model.")
            rows.append(f'<tr class="why {_STATUS_CLASS[status]}"><td></td>'
                        f'<td colspan="6">{text}</td></tr>')
    cols = "".join(f'<col style="width:{w}%">' for w in (14, 10, 27, 11, 11, 14, 13))
    return ('<div class="scroll"><table class="claims"><colgroup>' + cols + "</colgroup>"
            "<thead><tr><th>id</th><th>source</th><th>description</th><th>paper</th>"
            "<th>ours</th><th>tolerance</th><th>status</th></tr></thead>\n<tbody>\n"
            + "\n".join(rows) + "\n</tbody></table></div>")


def _figures(report: StudyReport) -> str:
    if report.error is not None:  # what is there may be partial or from an earlier run
        found = report.figures + [o for files in report.other_figures.values() for o in files]
        if not found:
            return '<p class="note">No figures.</p>'
        return ('<p class="note">Not shown, since the study did not finish (partial or from an '
                "earlier run): " + ", ".join(
                    f'<a href="{html.escape(_href(report.href, f))}">{html.escape(f)}</a>'
                    for f in found) + "</p>")
    parts = []
    captions = report.meta.get("captions")
    captions = captions if isinstance(captions, dict) else {}
    for rel in report.figures:
        stem = os.path.splitext(rel)[0]
        src = html.escape(_href(report.href, rel))
        extra = "".join(
            f' · <a href="{html.escape(_href(report.href, o))}">'
            f"{html.escape(os.path.splitext(o)[1].lstrip('.').upper())}</a>"
            for o in report.other_figures.get(stem, []))
        caption = captions.get(os.path.basename(stem), "")
        text = (f"<strong>{html.escape(stem)}.</strong> {html.escape(caption)}" if caption
                else html.escape(stem))
        parts.append(f'<figure><a href="{src}"><img src="{src}" alt="{html.escape(stem)}" '
                     f'loading="eager"></a><figcaption>{text}{extra}'
                     "</figcaption></figure>")
    shown = {os.path.splitext(r)[0] for r in report.figures}
    only_other = [o for stem, files in report.other_figures.items() if stem not in shown
                  for o in files]
    out = []
    if parts:
        out.append('<div class="figures">' + "\n".join(parts) + "</div>")
    else:
        out.append('<p class="note">No PNG figures.</p>')
    if only_other:
        out.append('<p class="note">Also: ' + ", ".join(
            f'<a href="{html.escape(_href(report.href, o))}">{html.escape(o)}</a>'
            for o in only_other) + "</p>")
    if report.missing_figures:
        out.append('<p class="warn">Missing figure files: ' + ", ".join(
            f"<code>{html.escape(m)}</code>" for m in report.missing_figures) + "</p>")
    return "\n".join(out)


def _versions(versions: Mapping[str, Any]) -> str:
    return ", ".join(f"{html.escape(str(k))} {html.escape(str(v))}"
                     for k, v in versions.items())


def _link(url: str, text: str) -> str:
    return f'<a href="{html.escape(url, quote=True)}">{html.escape(text)}</a>'


def _citation(citation: Any) -> str:
    """The paper of a study (``meta.json``'s ``citation``) as a paragraph: the full citation,
    its DOI (else its arXiv identifier) a link; empty when the study names no paper."""
    if not isinstance(citation, dict) or not citation.get("full"):
        return ""
    text = html.escape(str(citation["full"]))
    doi, arxiv = citation.get("doi"), citation.get("arxiv")
    if doi:
        text = text.replace(html.escape(f"DOI: {doi}"),
                            "DOI: " + _link(f"https://doi.org/{doi}", str(doi)))
    elif arxiv:
        text = text.replace(html.escape(f"arXiv:{arxiv}"),
                            _link(f"https://arxiv.org/abs/{arxiv}", f"arXiv:{arxiv}"), 1)
    return f'<p class="paper"><strong>Paper:</strong> {text}</p>'


def _known(name: str) -> dict[str, Any] | None:
    """The citation of a registered study whose directory holds no ``meta.json``."""
    from spinthermo.studies.citations import citation_for

    citation = citation_for(name)
    return None if citation is None else citation.to_dict()


def _provenance(meta: Mapping[str, Any]) -> list[str]:
    """``<dt>/<dd>`` pairs of the run's git commit, command line and platform."""
    facts = []
    if meta.get("git_commit"):
        facts.append(f"<dt>git commit</dt><dd><code>{_esc(meta['git_commit'])}</code></dd>")
    if isinstance(meta.get("command"), list):
        command = shlex.join(str(a) for a in meta["command"])
        facts.append(f"<dt>command</dt><dd><code>{html.escape(command)}</code></dd>")
    if meta.get("platform"):
        python = f", Python {meta['python']}" if meta.get("python") else ""
        facts.append(f"<dt>platform</dt><dd>{_esc(str(meta['platform']) + python)}</dd>")
    return facts


def _section(report: StudyReport) -> str:
    meta = report.meta
    anchor = _anchor(report.name)
    head = [f'<section class="study" id="{anchor}" data-study="{html.escape(report.name)}">',
            f'<h2><a class="self" href="#{anchor}">{html.escape(report.title)}</a> '
            f"{_badge(report.status)}</h2>", _citation(meta.get("citation") or _known(report.name))]
    facts = [f"<dt>study</dt><dd><code>{html.escape(report.name)}</code></dd>"]
    if report.seed:
        facts.append(f"<dt>seed</dt><dd><code>{html.escape(report.seed)}</code></dd>")
    if report.description and report.description != report.title:
        facts.append(f"<dt>about</dt><dd>{html.escape(report.description)}</dd>")
    run = _runtime(report.runtime_s)
    if "quick" in meta:
        run += " (--quick: small grids)" if meta.get("quick") else " (full run)"
    facts.append(f"<dt>run time</dt><dd>{html.escape(run)}</dd>")
    if meta.get("timestamp"):
        facts.append(f"<dt>date</dt><dd>{html.escape(str(meta['timestamp']))}</dd>")
    facts += _provenance(meta)
    if isinstance(meta.get("versions"), dict):
        facts.append(f"<dt>versions</dt><dd>{_versions(meta['versions'])}</dd>")
    links = [f'<a href="{html.escape(_href(report.href, f))}">{f}</a>' if present
             else f'<span class="absent">{f} (missing)</span>'
             for f, present in report.files.items() if present or f != "meta.json"]
    facts.append("<dt>files</dt><dd>" + " · ".join(links) + "</dd>")
    head.append('<dl class="facts">' + "".join(facts) + "</dl>")
    body = []
    if report.error is not None:
        body.append('<div class="error"><strong>This study did not finish.</strong>'
                    f"<pre>{html.escape(report.error)}</pre></div>")
    else:
        n = len(report.claims)
        body.append(f"<h3>Claims: {report.n_passed}/{n} passed"
                    + (f", {report.n_explained} failed with an explanation"
                       if report.n_explained else "")
                    + (f", {report.n_unexplained} failed without one"
                       if report.n_unexplained else "") + "</h3>")
        body.append(_claims_tables(report))
    body.append("<h3>Figures</h3>")
    body.append(_figures(report))
    body.append('<p class="top"><a href="#top">↑ summary</a></p>')
    return "\n".join([*head, *body, "</section>"])


def _summary(reports: Sequence[StudyReport]) -> str:
    rows = []
    for r in reports:
        claims = "—" if r.error is not None else r.kind_counts()
        unexplained = "—" if r.error is not None else str(r.n_unexplained)
        explained = "—" if r.error is not None else str(r.n_explained)
        status = _badge(r.status)
        if r.error is not None:
            first = r.error.strip().splitlines()[0] if r.error.strip() else "error"
            status = f'<span class="errline">ERROR: {html.escape(first)}</span>'
        rows.append(
            f'<tr><td class="nw"><a href="#{_anchor(r.name)}"><code>{html.escape(r.name)}'
            f"</code></a></td><td>{html.escape(r.title)}</td>"
            f'<td class="n">{claims}</td><td class="n">{explained}</td>'
            f'<td class="n{" fail" if unexplained not in ("0", "—") else ""}">{unexplained}</td>'
            f'<td class="n">{_runtime(r.runtime_s)}</td><td>{status}</td></tr>')
    ok = [r for r in reports if r.error is None]
    total = sum(len(r.claims) for r in ok)
    passed = sum(r.n_passed for r in ok)
    runtime = sum(r.runtime_s or 0.0 for r in reports)
    kinds = " · ".join(
        f"{kind} {sum(bool(c.get('passed')) for r in ok for c in r.of_kind(kind))}/"
        f"{sum(len(r.of_kind(kind)) for r in ok)}" for kind in CLAIM_KINDS
        if any(r.of_kind(kind) for r in ok))
    foot = (f"<tfoot><tr><td>all</td><td>{len(reports)} studies"
            f"{f', {len(reports) - len(ok)} did not finish' if len(ok) < len(reports) else ''}"
            f'</td><td class="n">{passed}/{total} passed ({kinds})</td>'
            f'<td class="n">{sum(r.n_explained for r in ok)}</td>'
            f'<td class="n">{sum(r.n_unexplained for r in ok)}</td>'
            f'<td class="n">{_runtime(runtime)}</td><td></td></tr></tfoot>')
    return ('<table class="summary"><thead><tr><th>study</th><th>title</th>'
            "<th>claims passed, per kind</th>"
            "<th>explained failures</th><th>unexplained failures</th><th>run time</th>"
            "<th>status</th></tr></thead>\n<tbody>\n" + "\n".join(rows) + "\n</tbody>"
            + foot + "</table>")


_CSS = """
:root{--fg:#1d2330;--muted:#5b6475;--line:#d9dde5;--bg:#fff;--soft:#f5f7fa;
--pass:#17803d;--passbg:#e3f4e8;--fail:#b42318;--failbg:#fde8e6;--expl:#9a5b00;
--explbg:#fff3d6}
*{box-sizing:border-box}
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;
color:var(--fg);background:var(--bg);margin:0}
main{max-width:1280px;margin:0 auto;padding:24px 28px 60px}
h1{font-size:26px;margin:0 0 4px}h2{font-size:21px;margin:0 0 10px}
h3{font-size:16px;margin:22px 0 8px}
a{color:#1f5fbf}a.self{color:inherit;text-decoration:none}
code{font:13px/1.3 ui-monospace,"DejaVu Sans Mono",monospace}
.sub{color:var(--muted);margin:0 0 18px}
.banner{background:var(--explbg);border:1px solid #f0d48a;border-radius:6px;padding:8px 12px;
margin:0 0 18px}
table{border-collapse:collapse;width:100%;font-size:14px}
th,td{border-bottom:1px solid var(--line);padding:6px 8px;text-align:left;vertical-align:top}
thead th{background:var(--soft);font-weight:600}
.scroll{overflow-x:auto}
tfoot td{font-weight:600;border-top:2px solid var(--line)}
td.fail{color:var(--fail);font-weight:700}
.badge{display:inline-block;padding:1px 8px;border-radius:10px;font-size:12px;font-weight:700;
white-space:nowrap;vertical-align:middle}
.badge.pass{background:var(--passbg);color:var(--pass)}
.badge.fail{background:var(--failbg);color:var(--fail)}
.badge.explained{background:var(--explbg);color:var(--expl)}
.errline{color:var(--fail);font-size:13px;font-weight:700}
section.study{border:1px solid var(--line);border-radius:8px;padding:18px 20px;margin:28px 0}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:2px 14px;margin:0;
font-size:14px}
dl.facts dt{color:var(--muted)}dl.facts dd{margin:0}
table.claims{table-layout:fixed;min-width:900px}
table.claims td{overflow-wrap:anywhere}
table.claims .badge{white-space:normal;text-align:center}
table.claims td.id{font-family:ui-monospace,"DejaVu Sans Mono",monospace;font-size:12.5px}
table.claims td.num{font-variant-numeric:tabular-nums}
table.claims td.tol{color:var(--muted);font-size:13px}
table.summary td.n,table.summary td.nw{white-space:nowrap}
tr.claim.fail td{background:var(--failbg)}tr.claim.explained td{background:#fffaf0}
tr.why td{border-top:0;font-size:13px;padding-top:0}
tr.why.fail td{background:var(--failbg);color:var(--fail)}
tr.why.explained td{background:#fffaf0;color:#5a4a20}
tr.claim:has(+ tr.why) td{border-bottom:0}
.figures{display:flex;flex-wrap:wrap;gap:16px;align-items:flex-start}
figure{margin:0;border:1px solid var(--line);border-radius:6px;padding:8px;background:#fff;
max-width:100%}
figure img{display:block;max-width:100%;height:auto}
figcaption{text-align:left;color:var(--muted);font-size:13px;margin-top:4px}
.error{background:var(--failbg);border:1px solid #f3b8b2;border-radius:6px;padding:10px 12px;
color:var(--fail)}
.error pre{white-space:pre-wrap;margin:8px 0 0;color:var(--fg);font-size:13px}
.note{color:var(--muted)}.warn{color:var(--fail)}.absent{color:var(--muted)}
p.paper{margin:0 0 10px}
.top{text-align:right;margin:10px 0 0;font-size:13px}
footer{color:var(--muted);font-size:13px;margin-top:30px}
"""


def _items(out_dir: Path, studies: Iterable[Any] | None) -> list[Any]:
    if studies is not None:
        return list(studies)
    if not out_dir.is_dir():
        return []
    return sorted((p for p in out_dir.iterdir() if p.is_dir()
                   and ((p / "claims.json").is_file() or (p / "meta.json").is_file())),
                  key=lambda p: p.name)


def render_index(out_dir: str | os.PathLike[str], studies: Iterable[Any] | None = None, *,
                 title: str = "spinthermo reproductions") -> str:
    """The HTML text of ``index.html`` for ``studies`` under ``out_dir`` (see
    :func:`write_index`)."""
    from spinthermo.studies.output import provenance

    out_dir = Path(out_dir)
    reports = [read_study(out_dir, item) for item in _items(out_dir, studies)]
    quick = [r.name for r in reports if r.meta.get("quick")]
    banner = ""
    if quick:
        banner = ('<p class="banner"><strong>Quick run</strong> (<code>--quick</code>: small '
                  "grids, for tests) — not the real reproduction: "
                  + ", ".join(html.escape(n) for n in quick) + ".</p>")
    n_unexplained = sum(r.n_unexplained for r in reports if r.error is None)
    n_errors = sum(r.error is not None for r in reports)
    if n_unexplained or n_errors:
        verdict = (f"{_plural(n_unexplained, 'unexplained failure')}, "
                   f"{_plural(n_errors, 'study', 'studies')} did not finish")
    else:
        verdict = "every claim passed or its failure is explained"
    date = datetime.now(UTC).isoformat(timespec="seconds")
    sections = "\n".join(_section(r) for r in reports) or "<p>No studies.</p>"
    run = provenance()
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(title)}</title>
<style>{_CSS}</style>
</head>
<body>
<main id="top">
<h1>{html.escape(title)}</h1>
<p class="sub">{len(reports)} studies — {html.escape(verdict)}. Generated {html.escape(date)}.</p>
{banner}
{_summary(reports)}
{sections}
<footer>Built by <code>{html.escape(shlex.join(run["command"]))}</code> at git commit
<code>{html.escape(run["git_commit"])}</code> on {html.escape(run["platform"])} with
{_versions(run["versions"])}. Each study's files are in its own directory;
<code>report.md</code> also lists the parameters.
</footer>
</main>
</body>
</html>
"""


def write_index(out_dir: str | os.PathLike[str], studies: Iterable[Any] | None = None, *,
                title: str = "spinthermo reproductions") -> Path:
    """Write ``out_dir/index.html`` for ``studies`` and return its path.

    Each item of ``studies`` is a study name (its outputs in ``out_dir/NAME/``), a path to a
    study directory, or an object with a ``name`` and optionally ``error``, ``title`` and
    ``runtime_s`` (a :class:`StudyOutcome`, an ``IndexEntry`` or a ``StudyResult``); a study
    with an ``error`` is shown as not finished, with the error. ``None`` lists every
    subdirectory of ``out_dir`` holding a ``claims.json`` or ``meta.json``.
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / "index.html"
    path.write_text(render_index(out_dir, studies, title=title), encoding="utf-8")
    return path
