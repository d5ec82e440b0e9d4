"""Executors: serial, local processes and Dask give identical Datasets; failing points are
recorded, not fatal; a worker process that dies is replaced and its chunks are rerun.

Identical means bit for bit (``xr.testing.assert_identical``): every executor calls the same
deterministic function with the same arguments in processes with one BLAS thread each
(tests/conftest.py sets it for this process; worker processes inherit it).
"""

from __future__ import annotations

import numpy as np
import pytest
import xarray as xr
from test_sweep_helpers import COUNTER_ENV, KILL_ENV, counted_calls

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
