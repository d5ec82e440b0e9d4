"""The chunk store: atomic verified chunks; corrupt, partial and foreign chunks are detected,
reported and recomputed; a finished sweep re-run computes nothing."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import warnings

import numpy as np
import pytest
import xarray as xr
from test_sweep_helpers import COUNTER_ENV, counted_calls

from spinthermo.sweep import executors
from spinthermo.sweep.runner import (
    SweepInterrupted,
    SweepStoreWarning,
    load_sweep,
    run_sweep,
)
from spinthermo.sweep.store import CorruptChunkError, StoreError, SweepStore

MODEL = "test_sweep_helpers:counted_point"
GRID = {"x": [0.0, 1.0, 2.0, 3.0, 4.0], "y": [0.0, 1.0]}
CHUNK = 3  # 10 points → chunks of 3, 3, 3, 1 (the last one short)


@pytest.fixture
def counter(tmp_path, monkeypatch):
    directory = tmp_path / "calls"
    directory.mkdir()
    monkeypatch.setenv(COUNTER_ENV, str(directory))
    return directory


def _sweep(store=None, **kwargs):
    return run_sweep(MODEL, GRID, store=store, executor="serial", chunk_size=CHUNK, **kwargs)


def _reference():
    return _sweep()


def _reset(counter):
    for file in counter.iterdir():
        file.unlink()


def test_store_layout_and_identical_dataset(tmp_path, counter):
    store = tmp_path / "s"
    ds = _sweep(store)
    xr.testing.assert_identical(ds, _reference())
    assert sorted(p.name for p in store.iterdir()) == ["chunks", "dataset.nc",
                                                       "dataset.nc.sha256", "manifest.json",
                                                       "runs.jsonl"]
    assert sorted(p.name for p in (store / "chunks").iterdir()) == [
        f"chunk-{i:06d}.npz" for i in range(4)]
    manifest = json.loads((store / "manifest.json").read_text())
    assert manifest["model"] == MODEL and manifest["chunk_size"] == CHUNK
    assert manifest["axes"][0]["values"] == GRID["x"] and manifest["n_chunks"] == 4
    assert [o["name"] for o in manifest["outputs"]] == ["sum", "product", "hypot"]
    assert ds["product"].attrs["units"] == "m^2"
    xr.testing.assert_identical(xr.open_dataset(store / "dataset.nc", engine="scipy").load(), ds)
    xr.testing.assert_identical(load_sweep(store), ds)


def test_finished_sweep_rerun_computes_nothing(tmp_path, counter, monkeypatch):
    store = tmp_path / "s"
    first = _sweep(store)
    assert len(counted_calls(counter)) == 10
    _reset(counter)
    stamps = {p.name: p.stat().st_mtime_ns for p in (store / "chunks").iterdir()}
    nc_stamp = (store / "dataset.nc").stat().st_mtime_ns

    def no_pool(self):
        raise AssertionError("a finished sweep must not start workers")

    monkeypatch.setattr(executors.ProcessExecutor, "_new_pool", no_pool)
    again = run_sweep(MODEL, GRID, store=store, chunk_size=CHUNK)  # default executor
    resumed = run_sweep(MODEL, resume=store)
    assert counted_calls(counter) == []
    xr.testing.assert_identical(again, first)
    xr.testing.assert_identical(resumed, first)
    assert stamps == {p.name: p.stat().st_mtime_ns for p in (store / "chunks").iterdir()}
    assert (store / "dataset.nc").stat().st_mtime_ns == nc_stamp


def test_corrupt_partial_and_leftover_chunks_are_detected_and_recomputed(tmp_path, counter):
    store = tmp_path / "s"
    reference = _sweep(store)
    chunks = store / "chunks"
    # chunk 1: truncated (a write cut short by a crash on a file system without atomic rename)
    data = (chunks / "chunk-000001.npz").read_bytes()
    (chunks / "chunk-000001.npz").write_bytes(data[: len(data) // 2])
    # chunk 2: one flipped bit in the stored values (caught by the zip member's CRC-32)
    raw = bytearray((chunks / "chunk-000002.npz").read_bytes())
    with np.load(chunks / "chunk-000002.npz") as archive:
        position = bytes(raw).index(archive["values"].tobytes())
    raw[position + 5] ^= 0x01
    (chunks / "chunk-000002.npz").write_bytes(bytes(raw))
    # chunk 3: a valid zip whose values were changed after writing: only the SHA-256 sees it
    with np.load(chunks / "chunk-000003.npz") as archive:
        values, meta = archive["values"] + 1.0, archive["meta"]
    with open(chunks / "chunk-000003.npz", "wb") as handle:
        np.savez(handle, values=values, meta=meta)
    # a temporary file left by a killed writer
    (chunks / ".chunk-000000.npz.tmp-99999-deadbeef").write_bytes(b"half a chunk")
    reader = SweepStore.open(store)
    for index, message in ((1, "unreadable"), (2, "unreadable.*CRC"),
                           (3, "checksum mismatch")):
        with pytest.raises(CorruptChunkError, match=message):
            reader.read_chunk(index)
    with pytest.warns(SweepStoreWarning, match="3 corrupt chunk file.*are ignored"):
        partial = load_sweep(store, allow_partial=True)  # read-only: reports, repairs nothing
    assert int(partial["computed"].sum()) == 3
    assert np.isnan(partial["sum"].values.ravel()[3:]).all()
    with pytest.raises(ValueError, match="unfinished: 3 of 4 chunks missing"):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", SweepStoreWarning)
            load_sweep(store)

    _reset(counter)
    with pytest.warns(SweepStoreWarning, match="3 corrupt chunk file"):
        repaired = run_sweep(MODEL, resume=store, executor="serial")
    xr.testing.assert_identical(repaired, reference)
    # exactly the points of chunks 1, 2 and 3 (3 + 3 + 1) were computed, once each
    calls = counted_calls(counter)
    flat = [(x, y) for x in GRID["x"] for y in GRID["y"]]
    assert sorted(calls) == sorted(flat[3:])
    names = sorted(p.name for p in chunks.iterdir())
    assert names == ["chunk-000000.npz", "chunk-000001.npz", "chunk-000001.npz.corrupt",
                     "chunk-000002.npz", "chunk-000002.npz.corrupt", "chunk-000003.npz",
                     "chunk-000003.npz.corrupt"]  # evidence kept; the temporary file removed


def test_chunk_of_another_sweep_is_rejected(tmp_path, counter):
    a, b = tmp_path / "a", tmp_path / "b"
    _sweep(a)
    run_sweep(MODEL, GRID, store=b, executor="serial", chunk_size=CHUNK, fixed={"offset": 1.0})
    os.replace(b / "chunks" / "chunk-000000.npz", a / "chunks" / "chunk-000000.npz")
    with pytest.raises(CorruptChunkError, match="belongs to another sweep"):
        SweepStore.open(a).read_chunk(0)


def test_store_of_a_different_sweep_is_refused(tmp_path, counter):
    store = tmp_path / "s"
    _sweep(store)
    with pytest.raises(StoreError, match=r"holds a different sweep \(differs in: axes\)"):
        run_sweep(MODEL, {"x": [0.0, 1.0], "y": [0.0]}, store=store, executor="serial",
                  chunk_size=CHUNK)
    with pytest.raises(StoreError, match="differs in: chunk_size"):
        run_sweep(MODEL, GRID, store=store, executor="serial", chunk_size=2)
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "notes.txt").write_text("mine")
    with pytest.raises(StoreError, match="exists and is not a sweep store"):
        _sweep(tmp_path / "other")
    with pytest.raises(StoreError, match="is not a sweep store"):
        run_sweep(resume=tmp_path / "other")


def test_lock_refuses_a_live_writer_and_takes_over_a_dead_ones(tmp_path, counter):
    store = tmp_path / "s"
    _sweep(store)
    lock = store / "lock"
    lock.write_text(json.dumps({"pid": os.getpid(), "host": socket.gethostname(),
                                "started": "now"}))
    with pytest.raises(StoreError, match=f"in use by process {os.getpid()}"):
        run_sweep(MODEL, resume=store, executor="serial")
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)
    lock.write_text(json.dumps({"pid": int(dead.stdout), "host": socket.gethostname()}))
    run_sweep(MODEL, resume=store, executor="serial")
    assert not lock.exists()


def test_ctrl_c_keeps_finished_chunks_and_says_how_to_resume(tmp_path, counter):
    store = tmp_path / "s"

    def interrupt_after_two_chunks(update):
        if update.chunks_done >= 2:
            raise KeyboardInterrupt

    with pytest.raises(SweepInterrupted, match=r"6 of 10 points done.*--resume"):
        _sweep(store, progress=interrupt_after_two_chunks)
    assert len(list((store / "chunks").glob("chunk-*.npz"))) == 2
    assert not (store / "lock").exists() and not (store / "dataset.nc").exists()
    _reset(counter)
    done = run_sweep(MODEL, resume=store, executor="serial")
    assert len(counted_calls(counter)) == 4
    xr.testing.assert_identical(done, _reference())


def test_renamed_chunks_are_made_durable_once_a_second_and_when_the_sweep_ends(tmp_path,
                                                                               monkeypatch):
    from spinthermo.sweep import store as store_module

    events = []
    real_replace = os.replace
    monkeypatch.setattr(store_module, "_fsync_dir", lambda path: events.append(("sync", path)))
    monkeypatch.setattr(store_module.os, "replace",
                        lambda a, b: (events.append(("rename", b)), real_replace(a, b))[1])
    store = tmp_path / "store"
    run_sweep(MODEL, {"x": np.arange(40.0), "y": [0.0]}, store=store, executor="serial",
              chunk_size=1)
    chunk_events = [(kind, path) for kind, path in events
                    if path == store / "chunks" or path.parent == store / "chunks"]
    renames = [p for kind, p in chunk_events if kind == "rename"]
    syncs = [i for i, (kind, _) in enumerate(chunk_events) if kind == "sync"]
    assert len(renames) == 40 and 1 <= len(syncs) < 40  # fast chunks share a directory fsync
    assert syncs[-1] > max(i for i, (kind, _) in enumerate(chunk_events) if kind == "rename")


def test_writing_the_dataset_does_not_import_dask_distributed(tmp_path):
    code = ("import sys; from spinthermo.sweep.runner import run_sweep; "
            f"run_sweep({MODEL!r}, {GRID!r}, store={str(tmp_path / 's')!r}, executor='serial'); "
            "print('distributed' in sys.modules)")
    completed = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                               env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
                               timeout=120, check=True)
    assert completed.stdout.strip() == "False"
    assert xr.open_dataset(tmp_path / "s" / "dataset.nc", engine="scipy").identical(
        load_sweep(tmp_path / "s"))


def test_error_messages_round_trip_through_dataset_nc_in_any_script(tmp_path):
    """The text variable ``error`` is written as UTF-8 bytes by NumPy (xarray encodes text one
    element at a time in Python); read back it is the same strings, non-ASCII included."""
    from spinthermo.sweep.store import _utf8_strings

    errors = np.array(["", "Γ_SE must be ≥ 0 s⁻¹; received −1", ""])
    ds = xr.Dataset({"y": (("p",), [1.0, np.nan, 3.0]),
                     "error": (("p",), errors, {"long_name": "error of a failed point"})})
    path = tmp_path / "d.nc"
    path.write_bytes(_utf8_strings(ds).to_netcdf(engine="scipy"))
    back = xr.open_dataset(path, engine="scipy").load()
    assert back["error"].values.tolist() == errors.tolist()
    assert back["error"].attrs["long_name"] == "error of a failed point"
    assert ds["error"].dtype.kind == "U"  # the Dataset handed to the user is unchanged


def test_each_run_appends_where_its_chunks_ran_to_the_run_log_and_the_manifest_stays(
        tmp_path, counter):
    store = tmp_path / "s"
    with pytest.raises(SweepInterrupted):
        _sweep(store, progress=_interrupt_after(2))
    manifest = (store / "manifest.json").read_bytes()
    _sweep(store)                                     # resume: computes the 2 missing chunks
    _sweep(store)                                     # finished: computes nothing
    runs = [json.loads(line) for line in (store / "runs.jsonl").read_text().splitlines()]
    assert [r["outcome"] for r in runs] == ["interrupted", "finished", "finished"]
    assert [r["computed_points"] for r in runs] == [6, 4, 0]
    assert [r["reused_points"] for r in runs] == [0, 6, 10]
    assert runs[1]["executor"] == "in this process (executor 'serial')"
    assert all(r["pid"] == os.getpid() and r["spinthermo_version"] for r in runs)
    assert (store / "manifest.json").read_bytes() == manifest
    auto = tmp_path / "auto"
    run_sweep(MODEL, GRID, store=auto, executor="auto", chunk_size=CHUNK)
    run = json.loads((auto / "runs.jsonl").read_text())
    assert run["executor"].startswith("in this process (executor 'auto'): ")  # choice and why


def _interrupt_after(chunks: int):
    def progress(p):
        if p.chunks_done - (p.reused // CHUNK) >= chunks:
            raise KeyboardInterrupt

    return progress
