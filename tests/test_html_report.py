"""The browsable report ``index.html``: unit tests on a synthetic output directory, and the
page driven in a real headless browser (Debian's chromium through Selenium).

The browser test reads the report in ``$SPINTHERMO_REPORT_DIR`` when set (CI writes it with
``spinthermo reproduce --all --quick --out DIR``), else runs that command once into a temporary
directory. Without selenium, chromium or chromedriver it is skipped, unless
``SPINTHERMO_REQUIRE_BROWSER=1`` (CI), which makes it fail instead.
"""

from __future__ import annotations

import base64
import html
import importlib.metadata
import importlib.util
import json
import os
import platform
import re
import shlex
import shutil
import struct
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import numpy as np
import pytest
import xarray as xr
from matplotlib.figure import Figure

from spinthermo.studies import output, registry
from spinthermo.studies.contract import Claim, Study, StudyResult, run_study
from spinthermo.studies.html_report import StudyOutcome, read_study, write_index
from spinthermo.studies.output import IndexEntry, save_figure, write_study

EXPLANATION = "the paper omits the <diffusion> constant & the speed"


class SyntheticStudy(Study):
    """Three claims (pass, unexplained failure, explained failure), two figures; the texts
    carry HTML special characters."""

    name = "synthetic"
    title = "A <b>synthetic</b> study & friends"
    seed = "999_synthetic.txt"
    description = "made up for the report tests"

    def run(self, quick=False, progress=None):
        x = np.linspace(0.0, 1.0, 5)
        data = xr.Dataset({"y": ("x", x**2, {"units": "1"})}, coords={"x": x})
        claims = [
            Claim.close("peak", "999 Fig. 1", "peak <script>alert(1)</script>", 2.0, 2.0,
                        rel=0.01, reason="read off the figure"),
            Claim.check("mono", "999 Fig. 2", "y rises & stays < 1", True, False, False,
                        "exact"),
            Claim.close("rate", "999 Eq. (9)", "a rate", 30.0, 46.0, rel=0.1,
                        reason="digitised").explain(EXPLANATION),
        ]
        return StudyResult(self.name, data, claims, {"quick": quick})

    def plot(self, data, out_dir):
        paths = []
        for stem in ("fig1", "fig2"):
            fig = Figure(figsize=(2, 1.5))
            fig.add_subplot().plot(data["x"], data["y"])
            paths += save_figure(fig, out_dir, stem, dpi=40, formats="png")
        return paths


class CleanStudy(SyntheticStudy):
    """Every claim passes."""

    name = "clean"
    title = "Clean"

    def run(self, quick=False, progress=None):
        result = super().run(quick, progress)
        result.claims = result.claims[:1]
        return result


@pytest.fixture(scope="module")
def out_dir(tmp_path_factory) -> Path:
    """An output directory with the studies ``synthetic`` and ``clean`` written."""
    out = tmp_path_factory.mktemp("out")
    for study in (SyntheticStudy(), CleanStudy()):
        write_study(study, run_study(study, quick=True), out)
    return out


@pytest.fixture(scope="module")
def page(out_dir: Path) -> str:
    """index.html for the two studies and one that raised."""
    path = write_index(out_dir, ["synthetic", "clean",
                                 StudyOutcome("broken", "Broken <study>",
                                              error="RuntimeError: solver <diverged>")])
    assert path == out_dir / "index.html"
    return path.read_text(encoding="utf-8")


class _Links(HTMLParser):
    """Collects every src/href, the <img> sources and the tags seen."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.images: list[str] = []
        self.tags: set[str] = set()

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        for key, value in attrs:
            if key in ("src", "href") and value is not None:
                self.urls.append(value)
                if tag == "img" and key == "src":
                    self.images.append(value)


def _parse(text: str) -> _Links:
    parser = _Links()
    parser.feed(text)
    return parser


def _section(text: str, name: str) -> str:
    match = re.search(rf'<section class="study" id="study-{name}".*?</section>', text, re.S)
    assert match, f"no section for {name}"
    return match.group(0)


def test_write_study_writes_meta_json(out_dir: Path):
    meta = json.loads((out_dir / "synthetic" / "meta.json").read_text(encoding="utf-8"))
    assert meta["study"] == "synthetic" and meta["quick"] is True and meta["runtime_s"] >= 0
    assert meta["claims"] == {"total": 3, "passed": 1, "failed": 2, "explained": 1,
                              "unexplained": 1, "by_kind": {"paper": {
                                  "total": 3, "passed": 1, "explained": 1, "unexplained": 1}}}
    assert meta["figures"] == ["fig1.png", "fig2.png"]
    assert {"python", "numpy", "scipy", "spinthermo"} <= set(meta["versions"])
    assert meta["timestamp"].endswith("+00:00")


def _checkout_commit() -> str | None:
    """``git rev-parse HEAD`` of the checkout holding these tests, or ``None``."""
    try:
        done = subprocess.run(["git", "rev-parse", "HEAD"], cwd=Path(__file__).parent,
                              capture_output=True, text=True, timeout=10, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout.strip() if done.returncode == 0 else None


def test_meta_json_records_provenance(out_dir: Path):
    meta = json.loads((out_dir / "synthetic" / "meta.json").read_text(encoding="utf-8"))
    commit = _checkout_commit()
    assert meta["git_commit"] == (commit if commit is not None else "unknown")
    assert meta["command"] == sys.argv
    assert meta["platform"] == platform.platform()
    assert meta["python"] == platform.python_version() == meta["versions"]["python"]
    computing = ["numpy", "scipy", "numba", "xarray", "matplotlib", "spinthermo"]
    computing += [p for p in ("qutip", "dask") if importlib.util.find_spec(p) is not None]
    for pkg in computing:
        assert meta["versions"][pkg] == importlib.metadata.version(pkg), pkg


def test_report_md_records_provenance(out_dir: Path):
    run = (out_dir / "synthetic" / "report.md").read_text(encoding="utf-8").split("## Run")[1]
    meta = json.loads((out_dir / "synthetic" / "meta.json").read_text(encoding="utf-8"))
    assert f"`{meta['git_commit']}`" in run and meta["platform"] in run
    assert f"- numba: {meta['versions']['numba']}" in run


def test_index_html_records_provenance(out_dir: Path, page: str):
    meta = json.loads((out_dir / "synthetic" / "meta.json").read_text(encoding="utf-8"))
    facts = _section(page, "synthetic").split("<h3>")[0]
    assert meta["git_commit"] in facts and html.escape(meta["platform"]) in facts
    assert html.escape(shlex.join(meta["command"])) in facts
    assert f"numba {meta['versions']['numba']}" in facts
    footer = page.split("<footer>")[1]
    assert meta["git_commit"] in footer and html.escape(platform.platform()) in footer


@pytest.mark.parametrize("outcome", [
    FileNotFoundError("git"),
    subprocess.TimeoutExpired(["git"], 5.0),
    subprocess.CompletedProcess(["git"], 128, "", "fatal: not a git repository"),
])
def test_git_commit_is_unknown_without_a_checkout_and_never_raises(monkeypatch, outcome):
    def run(*args, **kwargs):
        assert kwargs.get("timeout") is not None  # a hung git must not hang the report
        if isinstance(outcome, BaseException):
            raise outcome
        return outcome

    output.git_commit.cache_clear()
    monkeypatch.setattr(output.subprocess, "run", run)
    try:
        assert output.git_commit() == "unknown"
        assert output.provenance()["git_commit"] == "unknown"
    finally:
        output.git_commit.cache_clear()


def test_text_is_escaped(page: str):
    assert "<script>alert(1)</script>" not in page
    assert "peak &lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "A &lt;b&gt;synthetic&lt;/b&gt; study &amp; friends" in page
    assert "RuntimeError: solver &lt;diverged&gt;" in page
    assert "<b>synthetic</b>" not in page


def test_no_javascript_and_no_remote_assets(page: str):
    links = _parse(page)
    assert "script" not in links.tags and "<script" not in page.lower()
    assert "http" not in page.lower()
    assert not re.search(r"\son\w+=", page)  # no inline event handlers
    assert "@import" not in page and "url(" not in page


def test_links_are_relative_and_exist(out_dir: Path, page: str):
    links = _parse(page)
    assert links.urls
    for url in links.urls:
        assert "://" not in url and not url.startswith(("/", "//")), url
        if url.startswith("#"):
            assert f'id="{url[1:]}"' in page, url
        else:
            assert (out_dir / url).is_file(), url
    for name in ("data.nc", "claims.json", "report.md"):
        assert f'href="synthetic/{name}"' in page


def test_figures_are_relative_images(page: str):
    images = _parse(page).images
    assert sorted(images) == ["clean/fig1.png", "clean/fig2.png", "synthetic/fig1.png",
                              "synthetic/fig2.png"]


def test_claims_table_statuses(page: str):
    section = _section(page, "synthetic")
    assert "<th>paper</th><th>ours</th><th>tolerance</th><th>status</th>" in section
    rows = re.findall(r'<tr class="claim (\w+)">(.*?)</tr>', section, re.S)
    assert [cls for cls, _ in rows] == ["pass", "fail", "explained"]
    assert ">PASS<" in rows[0][1] and ">FAIL<" in rows[1][1]
    assert ">FAIL (explained)<" in rows[2][1]
    assert "±10 % (digitised)" in rows[2][1] and ">46<" in rows[2][1] and ">30<" in rows[2][1]


def test_failures_show_explanation_or_say_unexplained(page: str):
    section = _section(page, "synthetic")
    why = re.findall(r'<tr class="why (\w+)">(.*?)</tr>', section, re.S)
    assert [cls for cls, _ in why] == ["fail", "explained"]
    assert "Unexplained" in why[0][1]
    assert "the paper omits the &lt;diffusion&gt; constant &amp; the speed" in why[1][1]
    assert "1/3 passed, 1 failed with an explanation, 1 failed without one" in section


def test_summary_table(page: str):
    summary = page[page.index('<table class="summary">'):]
    summary = summary[:summary.index("</table>")]
    rows = re.findall(r"<tr>(.*?)</tr>", summary.split("<tbody>")[1].split("</tbody>")[0],
                      re.S)
    assert len(rows) == 3
    assert '<a href="#study-synthetic">' in rows[0] and "paper 1/3" in rows[0]
    assert '<td class="n fail">1</td>' in rows[0] and ">FAIL<" in rows[0]
    assert "paper 1/1" in rows[1] and ">PASS<" in rows[1]
    assert "ERROR: RuntimeError: solver &lt;diverged&gt;" in rows[2]
    assert "2/4 passed" in summary.split("<tfoot>")[1]


def test_study_that_raised_shows_its_error(page: str):
    section = _section(page, "broken")
    assert "This study did not finish." in section
    assert "<pre>RuntimeError: solver &lt;diverged&gt;</pre>" in section
    assert "Broken &lt;study&gt;" in section and 'class="claims"' not in section


def test_missing_figure_and_claims_are_reported(tmp_path: Path, out_dir: Path):
    shutil.copytree(out_dir / "synthetic", tmp_path / "synthetic")
    (tmp_path / "synthetic" / "fig2.png").unlink()
    shutil.copytree(out_dir / "clean", tmp_path / "clean")
    (tmp_path / "clean" / "claims.json").unlink()
    text = write_index(tmp_path, ["synthetic", "clean", "never-run"]).read_text()
    assert _parse(text).images == ["synthetic/fig1.png"]
    assert "Missing figure files: <code>fig2.png</code>" in _section(text, "synthetic")
    clean = _section(text, "clean")
    assert "clean/claims.json is missing" in clean and "did not finish" in clean
    assert 'Not shown, since the study did not finish' in clean
    assert '<a href="clean/fig1.png">fig1.png</a>' in clean
    assert "no output directory never-run/" in _section(text, "never-run")


def test_default_lists_study_directories(out_dir: Path, tmp_path: Path):
    for name in ("synthetic", "clean"):
        shutil.copytree(out_dir / name, tmp_path / name)
    (tmp_path / "not-a-study").mkdir()
    text = write_index(tmp_path).read_text()
    assert re.findall(r'data-study="([^"]+)"', text) == ["clean", "synthetic"]


def test_items_by_path_entry_and_result(out_dir: Path, tmp_path: Path):
    study = CleanStudy()
    result = run_study(study, quick=True)
    report = read_study(tmp_path, out_dir / "clean")
    assert report.href == os.path.relpath(out_dir / "clean", tmp_path).replace(os.sep, "/")
    assert report.status == "PASS" and report.figures == ["fig1.png", "fig2.png"]
    assert read_study(out_dir, result).status == "PASS"
    entry = read_study(out_dir, IndexEntry.from_result(study, result))
    assert entry.title == "Clean" and entry.runtime_s is not None
    failed = read_study(out_dir, IndexEntry("synthetic", "x", error="boom"))
    assert failed.status == "ERROR" and failed.error == "boom" and not failed.claims
    assert read_study(out_dir, "synthetic").status == "FAIL"


# ---------------------------------------------------------------------------------------------
# The page in a real browser
# ---------------------------------------------------------------------------------------------

REQUIRE_BROWSER = os.environ.get("SPINTHERMO_REQUIRE_BROWSER") == "1"


def _unavailable(reason: str):
    """Skip (a developer machine without a browser) or fail (CI, which requires one)."""
    if REQUIRE_BROWSER:
        pytest.fail(f"SPINTHERMO_REQUIRE_BROWSER=1 but {reason}")
    pytest.skip(reason)


def _find(names: tuple[str, ...]) -> str | None:
    for name in names:
        path = shutil.which(name) or (f"/usr/bin/{name}" if Path(f"/usr/bin/{name}").is_file()
                                      else None)
        if path:
            return path
    return None


@pytest.fixture(scope="session")
def browser():
    """A headless chromium driven through chromedriver (Debian's packages)."""
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        _unavailable("selenium is not installed (pip install selenium)")
    chromium = _find(("chromium", "chromium-browser"))
    driver_path = _find(("chromedriver",))
    if chromium is None or driver_path is None:
        _unavailable("chromium and chromedriver are not installed "
                     "(Debian: apt-get install chromium chromium-driver)")
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1300,900", "--allow-file-access-from-files"):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    try:
        driver = webdriver.Chrome(service=Service(driver_path), options=options)
    except Exception as exc:  # a browser that cannot start on this machine
        _unavailable(f"chromium did not start: {type(exc).__name__}: {exc}")
    driver.set_page_load_timeout(120)
    yield driver
    driver.quit()


@pytest.fixture(scope="session")
def report_dir(browser, tmp_path_factory) -> Path:
    """The ``reproduce --all --quick`` report: ``$SPINTHERMO_REPORT_DIR`` or built here."""
    given = os.environ.get("SPINTHERMO_REPORT_DIR")
    if given:
        out = Path(given)
        assert (out / "index.html").is_file(), f"SPINTHERMO_REPORT_DIR={given} has no index.html"
        return out
    out = tmp_path_factory.mktemp("report")
    proc = subprocess.run(
        [sys.executable, "-m", "spinthermo", "reproduce", "--all", "--quick", "--out", str(out)],
        capture_output=True, text=True, timeout=1800)
    # exit 1 (a claim failed without explanation) still writes the page; other tests judge it
    assert proc.returncode in (0, 1) and (out / "index.html").is_file(), proc.stdout + proc.stderr
    return out


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR", path
    return struct.unpack(">II", data[16:24])


def _full_page_screenshot(driver, path: Path) -> None:
    """A PNG of the whole page (Chrome DevTools), else of the window."""
    try:
        size = driver.execute_cdp_cmd("Page.getLayoutMetrics", {})["cssContentSize"]
        shot = driver.execute_cdp_cmd("Page.captureScreenshot", {
            "format": "png", "captureBeyondViewport": True,
            "clip": {"x": 0, "y": 0, "width": size["width"], "height": size["height"],
                     "scale": 1}})
        path.write_bytes(base64.b64decode(shot["data"]))
    except Exception:
        assert driver.save_screenshot(str(path))


def test_report_in_headless_browser(browser, report_dir: Path, tmp_path: Path):
    index = report_dir / "index.html"
    browser.get(index.resolve().as_uri())
    assert browser.execute_script("return document.readyState") == "complete"
    assert browser.title.startswith("spinthermo")

    images = browser.execute_script(
        "return Array.from(document.images).map(i => "
        "[i.getAttribute('src'), i.complete, i.naturalWidth, i.naturalHeight]);")
    assert images, "the page shows no figures"
    broken = [src for src, complete, w, h in images if not (complete and w > 0 and h > 0)]
    assert not broken, f"figures that did not load: {broken}"

    sections = browser.execute_script(
        "return Array.from(document.querySelectorAll('section.study')).map(s => ["
        "s.dataset.study, s.querySelectorAll('table.claims tbody tr.claim').length, "
        "s.querySelectorAll('img').length, s.querySelectorAll('.error').length]);")
    assert len(sections) == len(registry.ENTRIES)
    assert sorted(s[0] for s in sections) == sorted(registry.ENTRIES)
    for name, n_claims, n_images, n_errors in sections:
        assert n_errors == 0, f"{name} did not finish"
        assert n_claims >= 1, f"{name} has no claims table"
        assert n_images >= 1, f"{name} shows no figure"
    summary_rows = browser.execute_script(
        "return document.querySelectorAll('table.summary tbody tr').length")
    assert summary_rows == len(registry.ENTRIES)

    failed_loads = [e["message"] for e in browser.get_log("browser")
                    if e.get("level") == "SEVERE"]
    assert not failed_loads, failed_loads

    shot = report_dir / "index-screenshot.png"
    try:
        _full_page_screenshot(browser, shot)
    except OSError:  # a read-only report directory
        shot = tmp_path / "index-screenshot.png"
        _full_page_screenshot(browser, shot)
    width, height = _png_size(shot)
    assert width > 0 and height > 0 and shot.stat().st_size > 10_000
