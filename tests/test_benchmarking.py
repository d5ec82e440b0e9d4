"""The benchmark harness: timing, agreement, results file and task discovery."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from spinthermo.benchmarking import (
    BenchmarkFileError,
    BenchTask,
    discover_tasks,
    is_full_record,
    results_destination,
    run_tasks,
    time_call,
    write_results,
)

KEYS = {"task", "ours_s", "peer", "peer_s", "ratio", "agreement", "agreement_limit", "agreed",
        "target", "target_met", "error", "extra"}


def _sleep(seconds, value):
    def fn():
        time.sleep(seconds)
        return value
    return fn


def test_time_call_warms_up_untimed():
    calls = []

    def fn():
        calls.append(1)
        time.sleep(0.05 if len(calls) == 1 else 0.002)  # slow first call, like a JIT compile

    best = time_call(fn, repeat=3, min_time=0.0)
    assert len(calls) == 4 and best < 0.03


def test_run_tasks_ratio_and_agreement():
    tasks = [
        BenchTask("agree", ours=_sleep(0.002, 1.0), peer=_sleep(0.02, 1.0 + 1e-12),
                  peer_name="slow", agreement=lambda a, b: abs(a - b), agreement_limit=1e-9,
                  target="ratio >= 2", target_check=lambda o, p, r: r >= 2),
        BenchTask("disagree", ours=lambda: 1.0, peer=lambda: 2.0, peer_name="other",
                  agreement=lambda a, b: abs(a - b), agreement_limit=1e-9, target="none"),
        BenchTask("alone", ours=lambda: None, peer=None, peer_name="—", agreement=None,
                  agreement_limit=None, target="runs"),
    ]
    agree, disagree, alone = run_tasks(tasks, quick=True)
    assert all(set(r) == KEYS for r in (agree, disagree, alone))
    assert agree["ratio"] == pytest.approx(agree["peer_s"] / agree["ours_s"])
    assert agree["ratio"] > 2 and agree["agreed"] is True and agree["target_met"] is True
    assert agree["agreement"] == pytest.approx(1e-12, rel=0.1)
    assert disagree["agreed"] is False and disagree["agreement"] == 1.0
    assert disagree["target_met"] is None
    assert alone["ratio"] is None and alone["peer_s"] is None and alone["agreed"] is None


def test_a_task_timed_once_without_warm_up_is_called_once_per_side_in_a_full_run():
    calls = {"ours": 0, "peer": 0}

    def side(name, seconds):
        def fn():
            calls[name] += 1
            time.sleep(seconds)
            return calls[name]
        return fn

    task = BenchTask("long", ours=side("ours", 0.03), peer=side("peer", 0.01), peer_name="p",
                     agreement=lambda a, b: abs(a - b), agreement_limit=0.0, target="t",
                     repeat=1, warm_up=False, extra=lambda: {"peak_rss_mb": 12.5})
    row = run_tasks([task], quick=False)[0]
    assert calls == {"ours": 1, "peer": 1}
    assert row["ours_s"] >= 0.03 and row["agreed"] is True  # the timed call's result is kept
    assert row["extra"] == {"peak_rss_mb": 12.5}
    default = run_tasks([BenchTask("short", ours=side("ours", 0.0), peer=None, peer_name="p",
                                   agreement=None, agreement_limit=None, target="t")])[0]
    assert calls["ours"] > 1 + 5 and default["extra"] is None  # warm-up + best of 5


@pytest.mark.parametrize(("field", "value", "error"), [
    ("repeat", 0, ValueError), ("repeat", True, ValueError), ("warm_up", "no", TypeError)])
def test_bench_task_refuses_a_bad_repeat_or_warm_up(field, value, error):
    with pytest.raises(error, match=field):
        BenchTask("t", ours=lambda: None, peer=None, peer_name="p", agreement=None,
                  agreement_limit=None, target="t", **{field: value})


def test_run_tasks_records_errors_and_runs_setup():
    state = {}

    def boom():
        raise RuntimeError("peer missing")

    tasks = [
        BenchTask("broken", ours=boom, peer=None, peer_name="x", agreement=None,
                  agreement_limit=None, target="t"),
        BenchTask("setup", ours=lambda: state["x"], peer=None, peer_name="x", agreement=None,
                  agreement_limit=None, target="t", setup=lambda: state.update(x=3)),
    ]
    broken, setup = run_tasks(tasks, quick=True)
    assert "peer missing" in broken["error"]
    assert setup["error"] is None and setup["ours_s"] >= 0


def test_write_results(tmp_path: Path):
    rows = run_tasks([BenchTask("t", ours=lambda: 1, peer=lambda: 1, peer_name="p",
                                agreement=None, agreement_limit=None, target="t")], quick=True)
    path = write_results(rows, tmp_path / "results.json", quick=True, complete=False)
    doc = json.loads(path.read_text())
    assert {"machine", "date", "results"} <= set(doc)
    assert doc["quick"] is True and doc["complete"] is False
    for key in ("platform", "processor", "cpu_count", "python", "numpy", "scipy", "numba",
                "spinthermo"):
        assert key in doc["machine"]
    assert doc["results"][0]["task"] == "t"


def test_discover_tasks(tmp_path: Path):
    (tmp_path / "_helper.py").write_text("VALUE = 7\n")
    (tmp_path / "bench_x.py").write_text(
        "from _helper import VALUE\n"
        "from spinthermo.benchmarking import BenchTask\n"
        "def tasks(quick):\n"
        "    n = 1 if quick else 2\n"
        "    return [BenchTask(f'x{i}', ours=lambda: VALUE, peer=None, peer_name='-',\n"
        "                      agreement=None, agreement_limit=None, target='t')\n"
        "            for i in range(n)]\n"
    )
    (tmp_path / "not_a_bench.py").write_text("raise SystemExit('must not be imported')\n")
    assert [t.name for t in discover_tasks(tmp_path, quick=True)] == ["x0"]
    tasks = discover_tasks(tmp_path, quick=False)
    assert [t.name for t in tasks] == ["x0", "x1"] and tasks[0].ours() == 7
    with pytest.raises(FileNotFoundError):
        discover_tasks(tmp_path / "missing")


def test_discover_tasks_names_a_broken_file(tmp_path: Path):
    (tmp_path / "bench_broken.py").write_text("import no_such_module_xyz\n")
    with pytest.raises(BenchmarkFileError, match=r"bench_broken\.py raised ModuleNotFoundError"):
        discover_tasks(tmp_path)
    (tmp_path / "bench_broken.py").write_text("def tasks(quick):\n    return [1]\n")
    with pytest.raises(BenchmarkFileError, match="non-BenchTask"):
        discover_tasks(tmp_path)


@pytest.mark.parametrize(("doc", "full"), [
    ({"quick": False, "results": []}, True),  # written before "complete" existed
    ({"quick": False, "complete": True, "results": []}, True),
    ({"quick": False, "complete": False, "results": []}, False),
    ({"quick": True, "complete": True, "results": []}, False),
    ([], False),
])
def test_is_full_record(doc, full):
    assert is_full_record(doc) is full


def test_results_destination_protects_only_full_records(tmp_path: Path):
    bench_dir, out = tmp_path / "benchmarks", tmp_path / "out"
    bench_dir.mkdir()
    out.mkdir()
    record = out / "results.json"
    assert results_destination(out, bench_dir, quick=True, complete=True) == record
    for replaceable in ('{"quick": true, "results": []}', "not json {"):
        record.write_text(replaceable)
        assert results_destination(out, bench_dir, quick=True, complete=False) == record
    record.write_text('{"quick": false, "date": "D", "results": []}')
    with pytest.raises(ValueError, match="holds a full benchmark record"):
        results_destination(out, bench_dir, quick=False, complete=False)
    assert results_destination(out, bench_dir, quick=False, complete=True) == record
    with pytest.raises(ValueError, match="committed record"):
        results_destination(bench_dir, bench_dir, quick=True, complete=True)
    assert results_destination(bench_dir, bench_dir, quick=False,
                               complete=True) == bench_dir / "results.json"
    record.unlink()
    record.mkdir()
    with pytest.raises(ValueError, match="is not a file"):
        results_destination(out, bench_dir, quick=False, complete=True)
