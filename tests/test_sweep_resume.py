"""A sweep whose parent process is killed midway (SIGKILL: no clean-up at all) resumes from its
store, computes exactly the missing chunks, and gives the Dataset of an uninterrupted run."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import xarray as xr
from test_sweep_helpers import COUNTER_ENV, SLEEP_ENV, counted_calls

from spinthermo.sweep.runner import run_sweep

MODEL = "test_sweep_helpers:counted_point"
GRID = {"x": [float(i) for i in range(20)], "y": [0.0, 1.0]}
CHUNK = 2  # 40 points in 20 chunks
#: Seconds per point in the killed run: 20 chunks × 2 points × 0.1 s over 2 workers ≈ 2 s.
SLEEP_S = 0.1
#: Generous limits for a loaded machine: worker start-up, then at least MIN_CHUNKS chunks.
START_TIMEOUT_S = 120.0
MIN_CHUNKS = 3

SCRIPT = f"""
import sys
from spinthermo.sweep import run_sweep
run_sweep({MODEL!r}, {GRID!r}, store=sys.argv[1], executor="processes", workers=2,
          chunk_size={CHUNK})
"""


def _chunk_indices(store: Path) -> set[int]:
    return {int(p.name[6:12]) for p in (store / "chunks").glob("chunk-*.npz")}


def test_resume_after_the_parent_is_killed(tmp_path, monkeypatch):
    store = tmp_path / "store"
    first_calls, resume_calls = tmp_path / "calls-1", tmp_path / "calls-2"
    first_calls.mkdir()
    resume_calls.mkdir()
    tests_dir = str(Path(__file__).parent)
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(
        [tests_dir, *filter(None, [os.environ.get("PYTHONPATH")])]),
        **{COUNTER_ENV: str(first_calls), SLEEP_ENV: str(SLEEP_S)})
    log = tmp_path / "sweep.log"
    with open(log, "wb") as output:
        proc = subprocess.Popen([sys.executable, "-c", SCRIPT, str(store)], env=env,
                                start_new_session=True, stdout=output, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + START_TIMEOUT_S
        while len(_chunk_indices(store)) < MIN_CHUNKS:
            assert proc.poll() is None, log.read_text()
            assert time.monotonic() < deadline, "the sweep did not start in time"
            time.sleep(0.02)
        proc.kill()  # SIGKILL the parent: no handler, no clean-up
        proc.wait()
    finally:
        with contextlib.suppress(ProcessLookupError):  # its orphaned workers, if still there
            os.killpg(proc.pid, signal.SIGKILL)
    saved = _chunk_indices(store)
    assert MIN_CHUNKS <= len(saved) < 20, "kill the sweep midway"
    assert (store / "lock").exists() and not (store / "dataset.nc").exists()

    monkeypatch.setenv(COUNTER_ENV, str(resume_calls))
    monkeypatch.delenv(SLEEP_ENV, raising=False)
    resumed = run_sweep(MODEL, resume=store, executor="serial")
    points = [(x, y) for x in GRID["x"] for y in GRID["y"]]
    missing = [p for k, p in enumerate(points) if k // CHUNK not in saved]
    assert sorted(counted_calls(resume_calls)) == sorted(missing)  # each missing point once
    assert _chunk_indices(store) == set(range(20))

    monkeypatch.setenv(COUNTER_ENV, str(tmp_path))  # the reference's calls are not counted
    reference = run_sweep(MODEL, GRID, executor="serial", chunk_size=CHUNK)
    xr.testing.assert_identical(resumed, reference)
    xr.testing.assert_identical(xr.open_dataset(store / "dataset.nc", engine="scipy").load(),
                                reference)


def test_resume_needs_nothing_but_the_store(tmp_path):
    store = tmp_path / "s"
    with pytest.raises(KeyboardInterrupt):
        run_sweep("dipolar-coherence", {"n_atoms": [2, 3], "nbar": [1.0, 2.0]}, store=store,
                  executor="serial", progress=_stop_after_first_chunk, chunk_size=1)
    ds = run_sweep(resume=store, executor="serial")
    assert ds.attrs["model"] == "dipolar-coherence"
    assert dict(ds.sizes) == {"n_atoms": 2, "nbar": 2}
    assert not ds["l1_coherence"].isnull().any()
    with pytest.raises(ValueError, match="give a model and a grid, or resume=STORE"):
        run_sweep("dipolar-coherence")


def _stop_after_first_chunk(update):
    if update.chunks_done >= 1:
        raise KeyboardInterrupt
