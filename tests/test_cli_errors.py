"""The `spinthermo` command under hostile input: exit codes, unwritable destinations, Rich
markup in user text, and the benchmark record that a quick run must not replace."""

from __future__ import annotations

import json
import shutil
import subprocess
from importlib.metadata import entry_points
from pathlib import Path

import pytest
from test_cli_commands import FakeStudy, PassingStudy
from typer.testing import CliRunner

from spinthermo import benchmarking, cli
from spinthermo.cli import app, main
from spinthermo.exit_codes import EXIT_FAILED, EXIT_INTERNAL, EXIT_INTERRUPTED, EXIT_USAGE
from spinthermo.studies import registry
from spinthermo.studies.contract import Claim, StudyResult

runner = CliRunner()

#: Names of the studies whose ``run`` was called (cleared by the ``studies`` fixture).
RUNS: list[str] = []


class RecordingStudy(PassingStudy):
    """Passes; records that it ran."""

    name = "records"

    def run(self, quick=False, progress=None):
        RUNS.append(self.name)
        return super().run(quick, progress)


class RaisingStudy(PassingStudy):
    """A bug in a study: ``run`` raises."""

    name = "raises"

    def run(self, quick=False, progress=None):
        RUNS.append(self.name)
        raise ZeroDivisionError("boom\nsecond line")


class InterruptedStudy(PassingStudy):
    """Ctrl-C while the study runs."""

    name = "interrupted"

    def run(self, quick=False, progress=None):
        raise KeyboardInterrupt


class MarkupStudy(PassingStudy):
    """A claim id, claim value and progress label holding Rich markup and an emoji code."""

    name = "markup"

    def run(self, quick=False, progress=None):
        result = super().run(quick, progress)
        claim = Claim("[red]x", "999 [i]Fig[/i]", "statement", "a", "[b]b", "exact", True, "")
        return StudyResult(self.name, result.data, [claim], result.parameters)


@pytest.fixture
def studies(monkeypatch):
    """Registry of small fake studies; ``RUNS`` starts empty."""
    module = __name__
    entries = {name: registry.StudyEntry(name, f"{module}:{cls}", f"{name} study")
               for name, cls in (("records", "RecordingStudy"), ("raises", "RaisingStudy"),
                                 ("markup", "MarkupStudy"))}
    entries["fake"] = registry.StudyEntry("fake", f"{FakeStudy.__module__}:FakeStudy", "fails")
    monkeypatch.setattr(registry, "ENTRIES", entries)
    RUNS.clear()
    return entries


def _bad_destinations(tmp_path: Path) -> list[Path]:
    """An existing file, a path under a file, and a /proc path (refused even for root)."""
    file = tmp_path / "a-file"
    file.write_text("not a directory\n")
    return [file, file / "out", Path("/proc/spinthermo-x")]


def _one_error_line(output: str) -> str:
    lines = [line for line in output.splitlines() if line.strip()]
    assert len(lines) == 1 and "Traceback" not in output, output
    return lines[0]


# --- 1. reproduce --out is checked before any study runs -------------------------------------

@pytest.mark.parametrize("all_", [False, True], ids=["NAME", "--all"])
def test_reproduce_refuses_unwritable_out_before_running(studies, tmp_path: Path, all_):
    for out in _bad_destinations(tmp_path):
        args = ["reproduce", "--all"] if all_ else ["reproduce", "records"]
        result = runner.invoke(app, [*args, "--quick", "--out", str(out)])
        assert result.exit_code == EXIT_USAGE, (out, result.output)
        line = _one_error_line(result.output)
        assert "--out" in line and str(out) in line
        assert RUNS == [], f"a study ran before --out {out} was refused"


def test_console_script_refuses_out_that_is_a_file(tmp_path: Path):
    """The installed command, a real study: refused at once, one line, exit 2."""
    exe = shutil.which("spinthermo")
    if exe is None:
        pytest.skip("the spinthermo console script is not on PATH")
    file = tmp_path / "results"
    file.write_text("")
    done = subprocess.run([exe, "reproduce", "--all", "--quick", "--out", str(file)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == EXIT_USAGE, done.stderr
    assert "--out" in _one_error_line(done.stdout + done.stderr)


# --- 2. exit codes and the internal-error wrapper --------------------------------------------

def test_console_script_enters_through_main():
    (script,) = [e for e in entry_points(group="console_scripts") if e.name == "spinthermo"]
    assert script.load() is main


def test_main_turns_an_unexpected_exception_into_one_line_and_70(studies, tmp_path, capsys,
                                                                 monkeypatch):
    monkeypatch.delenv(cli.DEBUG_VARIABLE, raising=False)
    assert main(["reproduce", "raises", "--out", str(tmp_path)]) == EXIT_INTERNAL
    err = capsys.readouterr().err
    assert "Traceback" not in err
    (line,) = [ln for ln in err.splitlines() if ln.startswith("internal error")]
    assert line == ("internal error: ZeroDivisionError: boom second line — please report; "
                    "SPINTHERMO_DEBUG=1 shows the traceback")


def test_main_shows_the_traceback_with_spinthermo_debug(studies, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv(cli.DEBUG_VARIABLE, "1")
    assert main(["reproduce", "raises", "--out", str(tmp_path)]) == EXIT_INTERNAL
    err = capsys.readouterr().err
    assert "Traceback (most recent call last)" in err and "ZeroDivisionError: boom" in err


@pytest.mark.parametrize(("args", "code"), [
    (["reproduce", "records", "--quick"], 0),
    (["reproduce", "fake", "--quick"], EXIT_FAILED),
    (["reproduce", "no-such-study"], EXIT_USAGE),
    (["reproduce", "--no-such-option"], EXIT_USAGE),
])
def test_main_exit_codes(studies, tmp_path, args, code):
    with pytest.raises(SystemExit) as exited:
        main([*args, "--out", str(tmp_path)])
    assert exited.value.code == code


def test_main_exits_130_on_ctrl_c(studies, tmp_path):
    studies["interrupted"] = registry.StudyEntry("interrupted", f"{__name__}:InterruptedStudy",
                                                 "Ctrl-C")
    with pytest.raises(SystemExit) as exited:
        main(["reproduce", "interrupted", "--out", str(tmp_path)])
    assert exited.value.code == EXIT_INTERRUPTED


def test_reproduce_all_exits_70_when_a_study_raised_and_records_it(studies, tmp_path: Path):
    result = runner.invoke(app, ["reproduce", "--all", "--quick", "--out", str(tmp_path)])
    assert result.exit_code == EXIT_INTERNAL, result.output
    assert "raises raised ZeroDivisionError: boom second line" in result.output
    assert "records" in RUNS and (tmp_path / "records" / "report.md").is_file()
    index = (tmp_path / "index.html").read_text()
    assert "ZeroDivisionError: boom second line" in index


def test_help_documents_the_exit_codes():
    out = runner.invoke(app, ["--help"]).output
    assert "Exit codes" in out
    for code in ("0 success", "1 the work ran", "2 bad usage", "70 internal error",
                 "130 interrupted"):
        assert code in " ".join(out.split()), code


# --- 3. Rich markup in user text is printed literally ----------------------------------------

def test_reproduce_prints_out_path_and_claims_literally(studies, tmp_path: Path):
    out = tmp_path / "st:thumbs_up:re" / "[bold]x[/bold]"
    result = runner.invoke(app, ["reproduce", "markup", "--quick", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert str(out / "markup") in result.output
    for text in ("[red]x", "999 [i]Fig[/i]", "[b]b"):
        assert text in result.output, text


def test_usage_error_prints_the_path_literally(studies, tmp_path: Path):
    file = tmp_path / "[bold]st:thumbs_up:re"
    file.write_text("")
    result = runner.invoke(app, ["reproduce", "records", "--out", str(file)])
    assert result.exit_code == EXIT_USAGE and str(file) in result.output


def test_list_prints_names_literally(monkeypatch):
    name = "[bold]st:thumbs_up:re"
    monkeypatch.setattr(registry, "ENTRIES",
                        {name: registry.StudyEntry(name, "x:Y", "[red]about[/red]")})
    out = runner.invoke(app, ["list"]).output
    assert name in out and "[red]about[/red]" in out


# --- 4. bench writes outside the source tree and never replaces a full record ----------------

BENCH_FILE = '''
from pathlib import Path
from spinthermo.benchmarking import BenchTask

def ours():
    Path(__file__).with_name("ran").write_text("yes")
    return 2

def tasks(quick):
    return [BenchTask("{name}", ours=ours, peer=lambda: 2, peer_name="const",
                      agreement=lambda a, b: abs(a - b), agreement_limit=0.0, target="any")]
'''


@pytest.fixture
def bench_dir(tmp_path: Path) -> Path:
    """A benchmark directory with one task ``add``; ``ran`` appears there once it runs."""
    directory = tmp_path / "benchmarks"
    directory.mkdir()
    (directory / "bench_add.py").write_text(BENCH_FILE.replace("{name}", "add"))
    return directory


def _full_record(directory: Path) -> str:
    """Write a full (non-quick, every task) record into ``directory``; return its text."""
    directory.mkdir(exist_ok=True)
    text = json.dumps({"date": "2026-01-01", "quick": False, "results": [{"task": "add"}]})
    (directory / "results.json").write_text(text)
    return text


def test_bench_writes_to_bench_results_by_default(bench_dir, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["bench", "--quick", "--dir", str(bench_dir)])
    assert result.exit_code == 0, result.output
    assert not (bench_dir / "results.json").exists()
    doc = json.loads((tmp_path / "bench-results" / "results.json").read_text())
    assert doc["quick"] is True and doc["complete"] is True
    assert doc["results"][0]["task"] == "add"


@pytest.mark.parametrize("args", [["--quick"], ["--task", "add"], ["--quick", "--task", "add"]])
def test_bench_does_not_replace_a_full_record_with_a_quick_or_partial_run(bench_dir, tmp_path,
                                                                         args):
    out = tmp_path / "record"
    before = _full_record(out)
    result = runner.invoke(app, ["bench", *args, "--dir", str(bench_dir), "--out", str(out)])
    assert result.exit_code == EXIT_USAGE, result.output
    assert "full benchmark record" in result.output and "2026-01-01" in result.output
    assert (out / "results.json").read_text() == before
    assert not (bench_dir / "ran").exists(), "tasks ran before the refusal"


def test_bench_quick_never_writes_into_the_benchmark_directory(bench_dir):
    result = runner.invoke(app, ["bench", "--quick", "--dir", str(bench_dir),
                                 "--out", str(bench_dir)])
    assert result.exit_code == EXIT_USAGE and "committed record" in result.output
    assert not (bench_dir / "results.json").exists() and not (bench_dir / "ran").exists()


def test_bench_full_run_rewrites_the_committed_record_when_asked(bench_dir, monkeypatch):
    monkeypatch.setattr(benchmarking, "FULL_TIMING", (1, 0.0))
    _full_record(bench_dir)
    result = runner.invoke(app, ["bench", "--dir", str(bench_dir), "--out", str(bench_dir)])
    assert result.exit_code == 0, result.output
    doc = json.loads((bench_dir / "results.json").read_text())
    assert doc["quick"] is False and doc["complete"] is True and doc["date"] != "2026-01-01"


def test_bench_refuses_unwritable_out_before_running(bench_dir, tmp_path):
    for out in _bad_destinations(tmp_path):
        result = runner.invoke(app, ["bench", "--quick", "--dir", str(bench_dir),
                                     "--out", str(out)])
        assert result.exit_code == EXIT_USAGE, (out, result.output)
        assert "--out" in _one_error_line(result.output)
        assert not (bench_dir / "ran").exists()


def test_bench_broken_file_exits_1_naming_it(bench_dir, tmp_path):
    (bench_dir / "bench_broken.py").write_text("1 / 0\n")
    result = runner.invoke(app, ["bench", "--quick", "--dir", str(bench_dir),
                                 "--out", str(tmp_path / "o")])
    assert result.exit_code == EXIT_FAILED and isinstance(result.exception, SystemExit)
    line = _one_error_line(result.output)
    assert "bench_broken.py" in line and "ZeroDivisionError" in line


def test_bench_table_prints_task_names_literally(tmp_path: Path):
    name = "[b]:thumbs_up:"  # short: the table's task column fits it on 80 columns
    (tmp_path / "bench_m.py").write_text(BENCH_FILE.replace("{name}", name))
    result = runner.invoke(app, ["bench", "--quick", "--dir", str(tmp_path),
                                 "--out", str(tmp_path / "o")])
    assert result.exit_code == 0, result.output
    assert f"  {name}: " in result.output  # the progress line
    assert result.output.count(name) >= 2  # and the table
