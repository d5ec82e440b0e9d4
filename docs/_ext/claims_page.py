"""The claims table of a study, for the paper pages (executed MyST-NB cells).

A page calls ``claims_table("opm-thermo")``. The claims come from
``$SPINTHERMO_REPORT_DIR/NAME/claims.json`` when that variable is set (CI writes the directory
with ``spinthermo reproduce --all --quick --out DIR`` before building the docs, so the studies
run once), and otherwise from running the study's quick version here
(:func:`spinthermo.studies.contract.run_study` with ``quick=True``; all five take ~40 s on
two cores). A variable that is set but names a directory without the study's claims is an
error, not a reason to fall back.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

#: Environment variable naming a ``reproduce --all --quick --out`` directory.
REPORT_DIR_VARIABLE = "SPINTHERMO_REPORT_DIR"

_MARKDOWN_PUNCTUATION = re.compile(r"([\\`*_{}\[\]<>()#+!|$~])")


def load_claims(name: str) -> tuple[list[dict], str]:
    """The claims of study ``name`` as ``claims.json`` dicts, and where they came from."""
    report_dir = os.environ.get(REPORT_DIR_VARIABLE)
    if report_dir:
        path = Path(report_dir) / name / "claims.json"
        if not path.is_file():
            raise FileNotFoundError(
                f"{REPORT_DIR_VARIABLE}={report_dir} has no {name}/claims.json; run "
                f"`spinthermo reproduce --all --quick --out {report_dir}` or unset the variable")
        return json.loads(path.read_text(encoding="utf-8")), f"`{name}/claims.json` of the " \
            "quick reproduction (`spinthermo reproduce --all --quick`)"
    from spinthermo.studies.contract import run_study
    from spinthermo.studies.registry import get_study

    result = run_study(get_study(name), quick=True)
    return [claim.to_dict() for claim in result.claims], \
        "the quick study, run while this page was built"


def _cell(value) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        value = f"{value:.4g}"
    return _MARKDOWN_PUNCTUATION.sub(r"\\\1", str(value)).replace("\n", " ")


def _status(claim: dict) -> str:
    if claim["passed"]:
        return "pass"
    return "**fail (explained)**" if claim.get("explanation") else "**FAIL, unexplained**"


#: Section heading of each claim kind (the keys of ``spinthermo.studies.contract.CLAIM_KINDS``).
_KIND_HEADINGS = {"paper": "Claims of the paper", "consistency": "Consistency checks of our model",
                  "beyond": "Beyond the paper"}


def claims_markdown(claims: list[dict], origin: str) -> str:
    """A summary line, one table per claim kind (paper, consistency, beyond), and the
    explanation of every failed claim."""
    failed = [c for c in claims if not c["passed"]]
    lines = [f"{len(claims) - len(failed)} of {len(claims)} claims pass, {len(failed)} fail "
             f"(from {origin}).", ""]
    for kind, heading in _KIND_HEADINGS.items():
        of_kind = [c for c in claims if c.get("kind", "paper") == kind]
        if not of_kind:
            continue
        passed = sum(bool(c["passed"]) for c in of_kind)
        lines += [f"**{heading}** ({passed} of {len(of_kind)} pass)", "",
                  "| id | source | what is compared | paper | ours | tolerance | status |",
                  "| --- | --- | --- | --- | --- | --- | --- |"]
        lines += [f"| {_cell(c['id'])} | {_cell(c['source'])} | {_cell(c['description'])} | "
                  f"{_cell(c['paper'])} | {_cell(c['ours'])} | {_cell(c['tolerance'])} | "
                  f"{_status(c)} |" for c in of_kind]
        lines.append("")
    if failed:
        lines += ["Why the failed claims fail:", ""]
        lines += [f"- **{_cell(c['id'])}** ({_cell(c['source'])}): "
                  f"{_cell(c.get('explanation') or 'no explanation given')}" for c in failed]
    return "\n".join(lines)


def claims_table(name: str):
    """The claims of study ``name`` as an ``IPython.display.Markdown`` object, which MyST-NB
    renders (see :func:`claims_markdown`). IPython comes with the docs extra only."""
    from IPython.display import Markdown

    return Markdown(claims_markdown(*load_claims(name)))
