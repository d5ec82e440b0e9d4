"""Executors: serial, local processes and Dask give identical Datasets; failing points are
recorded, not fatal; a worker process that dies is replaced and its chunks are rerun.

Identical means bit for bit (``xr.testing.assert_identical``): every executor calls the same
deterministic function with the same arguments in processes with one BLAS thread each
(tests/conftest.py sets it for this process; worker processes inherit it).
"""

from __future__ import annotations

import os

import numpy as np
import pytest
import typer
import xarray as xr
from test_sweep_helpers import COUNTER_ENV, KILL_ENV, counted_calls
from typer.testing import CliRunner

from spinthermo.sweep import executors
from spinthermo.sweep.command import sweep_command
from spinthermo.sweep.executors import PointError
from spinthermo.sweep.runner import SweepFailuresWarning, run_sweep

#: 16 NESS points of seed 000 over all four swept cell/pump parameters; 3 points per chunk,
#: so the last chunk is short.
ALKALI_GRID = ["pumping_rate=1e3:1e5:2:log", "photon_spin=0.5,1", "temperature_c=100:130:2",
               "radius_cm=0.5,1.5"]


def test_serial_processes_and_dask_give_identical_datasets():
    pytest.importorskip("distributed")
    kwargs = {"chunk_size": 3}
    serial = run_sweep("alkali-ness", ALKALI_GRID, executor="serial", **kwargs)
    processes = run_sweep("alkali-ness", ALKALI_GRID, executor="processes", workers=2, **kwargs)
    dask = run_sweep("alkali-ness", ALKALI_GRID, executor="dask", workers=2, **kwargs)
    xr.testing.assert_identical(processes, serial)
    xr.testing.assert_identical(dask, serial)
    assert serial.attrs["n_failed"] == 0 and (serial["error"] == "").all()
    assert serial["polarization"].dims == ("pumping_rate", "photon_spin", "temperature_c",
                                           "radius_cm")
    assert serial["temperature_c"].attrs["units"] == "°C"
    assert serial["ergotropy"].attrs["units"] == "rad/s"
    # physics through the whole pipeline: <2S_z> = s R/(R + Γ_SD) at every point
    s, rate = serial["photon_spin"], serial["pumping_rate"]
    expected = s * rate / (rate + serial["spin_destruction_rate"])
    assert float(np.abs(serial["polarization"] - expected).max()) < 1e-9


def test_failing_points_are_recorded_not_fatal(tmp_path):
    grid = {"x": [-1.0, 0.0, 1.0], "y": [0.0, 2.0]}
    with pytest.warns(SweepFailuresWarning, match="2 of 6 points failed.*x must be >= 0"):
        ds = run_sweep("test_sweep_helpers:counted_point", grid, executor="serial",
                       store=tmp_path / "s", chunk_size=4)
    assert ds.attrs["n_failed"] == 2
    failed = ds["error"] != ""
    assert failed.sel(x=-1.0).all() and not failed.sel(x=[0.0, 1.0]).any()
    assert str(ds["error"].sel(x=-1.0, y=2.0).item()) == "ValueError: x must be >= 0; " \
                                                         "received -1.0"
    assert ds["sum"].sel(x=-1.0).isnull().all()  # NaN only where the error says why
    assert not ds["sum"].sel(x=[0.0, 1.0]).isnull().any()
    with pytest.raises(PointError, match=r"at \{'x': -1.0, 'y': 0.0\}: ValueError"):
        run_sweep("test_sweep_helpers:counted_point", grid, executor="serial",
                  on_error="raise")


def test_a_killed_worker_is_replaced_and_only_its_chunks_rerun(tmp_path, monkeypatch):
    counter = tmp_path / "calls"
    counter.mkdir()
    monkeypatch.setenv(COUNTER_ENV, str(counter))
    monkeypatch.setenv(KILL_ENV, str(tmp_path / "killed-once"))
    grid = {"x": [float(i) for i in range(8)], "y": [0.0, 1.0]}
    # the first call at x = 5, y = 0 (chunk 5 of 8) SIGKILLs its worker process
    ds = run_sweep("test_sweep_helpers:suicidal_point", grid, executor="processes", workers=2,
                   chunk_size=2)
    assert (tmp_path / "killed-once").exists()
    monkeypatch.delenv(KILL_ENV)
    reference = run_sweep("test_sweep_helpers:suicidal_point", grid, executor="serial",
                          chunk_size=2)
    xr.testing.assert_identical(ds, reference)
    calls = counted_calls(counter)
    # the serial reference called each of the 16 points once; the pool run called each at
    # least once, and again only the chunks in flight or queued when the worker died: the
    # chunks finished before (typically 0-4) were kept, not rerun
    points = {(x, y) for x in grid["x"] for y in grid["y"]}
    assert all(calls.count(p) >= 2 for p in points)
    assert 16 <= len(calls) - 16 < 32


def test_unpicklable_functions_are_refused_for_processes():
    with pytest.raises(TypeError, match="cannot be sent to worker processes"):
        run_sweep(lambda x: {"y": x}, {"x": [1.0, 2.0]}, executor="processes", workers=1)
    ds = run_sweep(lambda x: {"y": 2 * x}, {"x": [1.0, 2.0]}, executor="serial")
    assert ds["y"].values.tolist() == [2.0, 4.0]


def test_bad_executor_arguments():
    with pytest.raises(ValueError, match="executor must be one of"):
        run_sweep("dipolar-coherence", {"n_atoms": [2]}, executor="threads")
    with pytest.raises(ValueError, match="workers must be an integer >= 1"):
        run_sweep("dipolar-coherence", {"n_atoms": [2]}, workers=0)
    with pytest.raises(ValueError, match="the serial executor runs one worker"):
        run_sweep("dipolar-coherence", {"n_atoms": [2]}, executor="serial", workers=2)


def test_dask_scheduler_address_and_a_lost_dask_worker(tmp_path, monkeypatch):
    distributed = pytest.importorskip("distributed")
    monkeypatch.setenv(COUNTER_ENV, str(tmp_path))
    monkeypatch.setenv(KILL_ENV, str(tmp_path / "killed-once"))
    grid = {"x": [float(i) for i in range(8)], "y": [0.0, 1.0]}
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster:
        # the first call at (5, 0) SIGKILLs its Dask worker; the nanny restarts it and the
        # scheduler reruns the chunk
        ds = run_sweep("test_sweep_helpers:suicidal_point", grid,
                       dask_address=cluster.scheduler_address, chunk_size=2)
    assert (tmp_path / "killed-once").exists()
    monkeypatch.delenv(KILL_ENV)
    reference = run_sweep("test_sweep_helpers:suicidal_point", grid, executor="serial",
                          chunk_size=2)
    xr.testing.assert_identical(ds, reference)


def _pids(counter) -> dict[tuple[float, float], int]:
    """The process id that computed each point, from the files of ``counted_point``."""
    pids = {}
    for file in counter.iterdir():
        x, y, pid, _ = file.name.split("_")
        pids[float(x), float(y)] = int(pid)
    return pids


def test_auto_runs_a_grid_of_cheap_points_in_this_process(tmp_path, monkeypatch):
    monkeypatch.setenv(COUNTER_ENV, str(tmp_path))
    grid = {"x": [float(i) for i in range(8)], "y": [0.0, 1.0]}
    updates = []
    ds = run_sweep("test_sweep_helpers:counted_point", grid, workers=2, chunk_size=2,
                   progress=updates.append)  # the default executor, "auto"
    assert set(_pids(tmp_path).values()) == {os.getpid()}  # no worker process computed
    assert updates[-1].executor.startswith("in this process (executor 'auto'): the remaining "
                                           "14 points take")
    assert updates[-1].startup_s == 0.0
    reference = run_sweep("test_sweep_helpers:counted_point", grid, executor="serial",
                          chunk_size=2)
    xr.testing.assert_identical(ds, reference)


def test_auto_starts_workers_when_they_pay_for_their_start_up(tmp_path, monkeypatch):
    monkeypatch.setenv(COUNTER_ENV, str(tmp_path))
    monkeypatch.setattr(executors, "WORKER_STARTUP_S", 0.0)  # any work then pays for workers
    grid = {"x": [float(i) for i in range(8)], "y": [0.0, 1.0]}
    updates = []
    ds = run_sweep("test_sweep_helpers:counted_point", grid, workers=2, chunk_size=2,
                   progress=updates.append)
    pids = _pids(tmp_path)
    # chunks 0 and 1 (x = 0, 1) are timed here; the other six go to the two workers
    assert {pids[x, y] for x in (0.0, 1.0) for y in (0.0, 1.0)} == {os.getpid()}
    workers = {pid for (x, _), pid in pids.items() if x >= 2}
    assert os.getpid() not in workers and 1 <= len(workers) <= 2
    assert updates[-1].executor.startswith("2 worker processes (executor 'auto'): the "
                                           "remaining 12 points take")
    assert updates[-1].startup_s > 0
    reference = run_sweep("test_sweep_helpers:counted_point", grid, executor="serial",
                          chunk_size=2)
    xr.testing.assert_identical(ds, reference)


def test_auto_runs_what_workers_cannot_import_in_this_process(monkeypatch):
    monkeypatch.setattr(executors, "WORKER_STARTUP_S", 0.0)
    updates = []
    ds = run_sweep(lambda x: {"y": 2 * x}, {"x": [1.0, 2.0, 3.0]}, workers=2, chunk_size=1,
                   progress=updates.append)
    assert ds["y"].values.tolist() == [2.0, 4.0, 6.0]
    assert "cannot be sent to worker processes" in updates[-1].executor


def test_workers_pay_only_beyond_the_break_even_work():
    # t_s + T / (η W) < T  ⇔  T > t_s / (1 − 1/(η W)): 4.5 s for t_s = 1.5 s, η = 0.75, W = 2
    worth = executors.AutoExecutor.worth_workers
    assert worth(4.6, 2, 1.5, 0.75) and not worth(4.4, 2, 1.5, 0.75)
    assert worth(1.7, 16, 1.5, 0.75) and not worth(1.6, 16, 1.5, 0.75)
    assert not worth(1e6, 1, 1.5, 0.75)  # one worker process never beats this process


def test_a_caller_entered_process_executor_keeps_its_workers_between_sweeps():
    grid = {"x": [float(i) for i in range(6)], "y": [0.0, 1.0]}
    reference = run_sweep("test_sweep_helpers:counted_point", grid, executor="serial")
    with executors.ProcessExecutor(2) as warm:
        first, second = [], []
        ds1 = run_sweep("test_sweep_helpers:counted_point", grid, executor=warm,
                        progress=first.append)
        ds2 = run_sweep("test_sweep_helpers:counted_point", grid, executor=warm,
                        progress=second.append)
        assert warm._pool is not None  # still warm after both sweeps
    assert warm._pool is None
    assert first[-1].startup_s > 0 and second[-1].startup_s == 0.0
    assert warm.startup_s == first[-1].startup_s and warm.compute_s > 0
    xr.testing.assert_identical(ds1, reference)
    xr.testing.assert_identical(ds2, reference)


def test_the_command_prints_the_executor_it_chose_and_why(tmp_path):
    app = typer.Typer()
    app.callback()(lambda: None)  # a group, as spinthermo's app, so `sweep` is a subcommand
    app.command("sweep")(sweep_command)
    result = CliRunner().invoke(app, ["sweep", "dipolar-coherence", "-p", "n_atoms=2:3:2", "-p",
                                      "nbar=1,10", "--out", str(tmp_path / "s"), "-w", "2"],
                                env={"COLUMNS": "2000"})
    assert result.exit_code == 0, result.output
    assert "on this process or local processes, up to 2 worker(s)" in result.output
    line = next(x for x in result.output.splitlines() if x.startswith("Executor: "))
    assert line.startswith("Executor: in this process (executor 'auto'): the remaining ")
    assert "Done: 4 points (4 computed in" in result.output
    assert "worker start-up" not in result.output


def test_dask_workers_started_here_keep_glibc_malloc_defaults_and_leave_our_environment(
        monkeypatch):
    # Dask's nannies set MALLOC_TRIM_THRESHOLD_=65536 in their workers and in this process;
    # glibc then unmaps and re-faults every NumPy temporary above 128 kB, halving the speed
    # of a batch model (executors.DaskExecutor.__enter__)
    pytest.importorskip("distributed")
    monkeypatch.delenv("MALLOC_TRIM_THRESHOLD_", raising=False)  # a cluster of another test
    with executors.DaskExecutor(None, 1) as executor:
        in_workers = executor._client.run(os.environ.get, "MALLOC_TRIM_THRESHOLD_")
        assert list(in_workers.values()) == [None]
    assert "MALLOC_TRIM_THRESHOLD_" not in os.environ  # worker processes started later
