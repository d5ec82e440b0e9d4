"""The documentation site: its build helpers, and the built site driven in a headless browser.

The browser test reads the site in ``$SPINTHERMO_DOCS_DIR`` (CI builds it with
``sphinx-build -W --keep-going -b html docs docs/_build/html``), or ``docs/_build/html`` when
``SPINTHERMO_REQUIRE_DOCS=1``; it is skipped when neither is set. It follows every internal
link from ``index.html`` (each target file exists and loads) and checks that every image of
every page loaded. A missing browser is a skip, unless ``SPINTHERMO_REQUIRE_DOCS=1`` or
``SPINTHERMO_REQUIRE_BROWSER=1`` (CI) make it a failure. The browser set-up is the one of
``tests/test_html_report.py``.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from urllib.parse import unquote, urldefrag, urlparse

import pytest
import test_html_report

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "docs" / "_ext"))

from claims_page import claims_markdown, load_claims  # noqa: E402

REQUIRE_DOCS = os.environ.get("SPINTHERMO_REQUIRE_DOCS") == "1"

browser = test_html_report.browser  # the headless-Chromium fixture (session scope)


# ---------------------------------------------------------------------------------------------
# Claims tables of the paper pages
# ---------------------------------------------------------------------------------------------

CLAIMS = [
    {"id": "rate", "source": "000 Eq. (9)", "description": "Γ_SD | wall *and* gas",
     "paper": 30.0, "ours": 46.4, "tolerance": "±10 %", "passed": False,
     "explanation": "the paper omits D0 & the speed"},
    {"id": "peak", "source": "000 Fig. 4", "description": "R at s = 0.75", "paper": 0.95,
     "ours": 0.9587379, "tolerance": "±0.02", "passed": True, "explanation": ""},
    {"id": "mono", "source": "000 Fig. 2", "description": "monotonic", "paper": True,
     "ours": None, "tolerance": "exact", "passed": False, "explanation": ""},
    {"id": "trace", "kind": "consistency", "source": "000 Eq. (1)", "description": "Tr ρ = 1",
     "paper": 1.0, "ours": 1.0, "tolerance": "±1e-12", "passed": True, "explanation": ""},
]


def test_claims_markdown_has_one_row_per_claim_and_every_failure_explained_or_flagged():
    text = claims_markdown(CLAIMS, "a test")
    rows = [line for line in text.splitlines() if line.startswith("| ") and "---" not in line]
    assert len(rows) == 2 + len(CLAIMS)  # a header per kind: paper and consistency
    assert text.startswith("2 of 4 claims pass, 2 fail (from a test).")
    paper, consistency = text.split("**Consistency checks of our model** (1 of 1 pass)")
    assert "**Claims of the paper** (1 of 3 pass)" in paper and "| trace |" in consistency
    assert "| trace |" not in paper and "Beyond the paper" not in text
    assert "Γ\\_SD \\| wall \\*and\\* gas" in rows[1]  # escaped: no extra column, no emphasis
    assert rows[1].count(" | ") == rows[0].count(" | ")
    assert "| 30 | 46.4 |" in rows[1] and "0.9587" in rows[2] and "| yes | — |" in rows[3]
    assert "**fail (explained)**" in rows[1] and "**FAIL, unexplained**" in rows[3]
    assert "- **rate** (000 Eq. \\(9\\)): the paper omits D0 & the speed" in text
    assert "- **mono** (000 Fig. 2): no explanation given" in text


def test_claims_come_from_the_report_dir_and_a_missing_study_is_an_error(tmp_path, monkeypatch):
    (tmp_path / "opm-thermo").mkdir()
    (tmp_path / "opm-thermo" / "claims.json").write_text(
        __import__("json").dumps(CLAIMS), encoding="utf-8")
    monkeypatch.setenv("SPINTHERMO_REPORT_DIR", str(tmp_path))
    claims, origin = load_claims("opm-thermo")
    assert claims == CLAIMS and "claims.json" in origin
    with pytest.raises(FileNotFoundError, match=r"no light-shift/claims\.json"):
        load_claims("light-shift")


# ---------------------------------------------------------------------------------------------
# The built site in a real browser
# ---------------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def docs_dir() -> Path:
    given = os.environ.get("SPINTHERMO_DOCS_DIR")
    if not given and not REQUIRE_DOCS:
        pytest.skip("set SPINTHERMO_DOCS_DIR to a built site (sphinx-build -b html docs DIR) "
                    "or SPINTHERMO_REQUIRE_DOCS=1 for docs/_build/html")
    site = Path(given) if given else ROOT / "docs" / "_build" / "html"
    assert (site / "index.html").is_file(), f"{site} has no index.html: build the docs first"
    return site.resolve()


@pytest.fixture(scope="session")
def docs_browser(docs_dir, request):
    """The browser of test_html_report, and a failure instead of a skip where docs are
    required."""
    try:
        return request.getfixturevalue("browser")
    except pytest.skip.Exception as exc:
        if REQUIRE_DOCS:
            pytest.fail(f"SPINTHERMO_REQUIRE_DOCS=1 but {exc}")
        raise


_PAGE_STATE = """
const done = arguments[arguments.length - 1];
const images = Array.from(document.images);
images.forEach(i => { i.loading = 'eager'; });
Promise.all(images.map(i => i.complete ? null
    : new Promise(r => { i.addEventListener('load', r); i.addEventListener('error', r);
                         setTimeout(r, 10000); })))
  .then(() => done({
    links: Array.from(document.querySelectorAll('a[href]')).map(a => a.href),
    assets: Array.from(document.querySelectorAll('link[href], script[src]'))
              .map(e => e.href || e.src),
    images: images.map(i => [i.getAttribute('src'), i.complete, i.naturalWidth]),
    ids: Array.from(document.querySelectorAll('[id]')).map(e => e.id),
    scripts: Array.from(document.querySelectorAll('script[src]')).map(e => e.src),
    maths: document.querySelectorAll('mjx-container').length,
    title: document.title, text: document.body ? document.body.innerText.length : 0}));
"""


def _local_file(url: str, site: Path) -> Path | None:
    """The file a ``file://`` URL inside the site points to, else None (external)."""
    parsed = urlparse(url)
    if parsed.scheme != "file":
        return None
    path = Path(unquote(parsed.path))
    return path if path.resolve().is_relative_to(site) else None


def test_every_internal_link_and_image_of_the_site_loads(docs_browser, docs_dir: Path):
    docs_browser.set_script_timeout(60)
    start = (docs_dir / "index.html").as_uri()
    queue, seen, missing, broken_images, bad_anchors = [start], {start}, [], [], []
    pages: dict[str, int] = {}
    remote_scripts, maths = [], {}
    while queue:
        url = queue.pop()
        docs_browser.get(url)
        state = docs_browser.execute_async_script(_PAGE_STATE)
        page = _local_file(url, docs_dir).relative_to(docs_dir).as_posix()
        assert state["text"] > 0, f"{page} is empty"
        pages[page] = len(state["images"])
        maths[page] = state["maths"]
        remote_scripts += [f"{page}: {src}" for src in state["scripts"]
                           if not src.startswith("file:")]
        broken_images += [f"{page}: {src}" for src, complete, width in state["images"]
                          if not (complete and width > 0)]
        missing += [f"{page}: {asset}" for asset in state["assets"]
                    if (f := _local_file(asset, docs_dir)) is not None and not f.is_file()]
        for link in state["links"]:
            target, fragment = urldefrag(link)
            path = _local_file(target, docs_dir)
            if path is None:
                continue
            if not path.is_file():
                missing.append(f"{page} -> {path.relative_to(docs_dir)}")
                continue
            if fragment and target == url and fragment not in state["ids"]:
                bad_anchors.append(f"{page}#{fragment}")
            if path.suffix == ".html" and target not in seen:
                seen.add(target)
                queue.append(target)
    assert not missing, f"links or assets to files that do not exist: {missing[:20]}"
    assert not broken_images, f"images that did not load: {broken_images[:20]}"
    assert not bad_anchors, f"links to anchors that do not exist: {bad_anchors[:20]}"
    assert not remote_scripts, f"scripts from the network (the site must work offline): " \
                               f"{remote_scripts[:5]}"
    assert maths["conventions.html"] > 0, "MathJax rendered no maths on conventions.html"
    for required in ("tutorials/open_system.html", "tutorials/vapour_cell.html",
                     "tutorials/first_law.html", "tutorials/sweep.html", "conventions.html",
                     *(f"papers/seed00{n}.html" for n in range(5)),
                     *(f"api/{p}.html" for p in ("core", "thermo", "atoms", "models", "studies",
                                                 "sweep", "solvers", "cli"))):
        assert required in pages, f"{required} is not reachable from index.html"
    for figure_page in ("tutorials/open_system.html", "tutorials/vapour_cell.html",
                        "tutorials/first_law.html"):
        assert pages[figure_page] >= 1, f"{figure_page} shows no figure"
