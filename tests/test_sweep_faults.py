"""Store faults: racing creators, bad destinations, refused executors, damaged stores, a lost
manifest, an edited dataset, CLI exit codes and literal output, and a Dask run killed at a
random moment. Every case ends in a clear one-line refusal or in the uninterrupted result."""

from __future__ import annotations

import contextlib
import json
import os
import random
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import typer
import xarray as xr
from test_sweep_helpers import SLEEP_ENV
from typer.testing import CliRunner

from spinthermo.exit_codes import EXIT_INTERRUPTED, EXIT_USAGE
from spinthermo.sweep import executors, runner
from spinthermo.sweep.command import sweep_command
from spinthermo.sweep.runner import SweepStoreWarning, load_sweep, run_sweep
from spinthermo.sweep.store import StoreError, SweepStore

MODEL = "test_sweep_helpers:counted_point"
GRID = {"x": [0.0, 1.0, 2.0, 3.0], "y": [0.0, 1.0]}
CHUNK = 2  # 8 points in 4 chunks

app = typer.Typer()


@app.callback()
def _main() -> None:
    """A group, like spinthermo's app, so that `sweep` is a subcommand."""


app.command("sweep")(sweep_command)


def cli(*args: str):
    """``spinthermo sweep ARGS`` in this process, on a console wide enough for one line."""
    return CliRunner().invoke(app, ["sweep", *args], env={"COLUMNS": "2000"})


def _one_line_error(result, alone: bool = True) -> str:
    """The one line ``Error: ...`` of a refused command (``alone``: nothing else printed)."""
    lines = [line for line in result.output.splitlines() if line.strip()]
    errors = [line for line in lines if line.startswith("Error: ")]
    assert len(errors) == 1 and (len(lines) == 1 or not alone), result.output
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), \
        result.exception
    return errors[0]


def _sweep(store, **kwargs):
    return run_sweep(MODEL, GRID, store=store, executor="serial", chunk_size=CHUNK, **kwargs)


# ---------------------------------------------------------------------------- racing creators
def test_two_sweeps_racing_into_one_new_directory_one_proceeds(tmp_path, monkeypatch):
    """B runs in full at the moment A makes the directory (before A has looked at its
    manifest): exactly one of them may finish, and the store holds only its results."""
    store = tmp_path / "race"
    real_mkdir = Path.mkdir
    outcome = {}

    def mkdir_then_let_b_run(self, *args, **kwargs):
        monkeypatch.setattr(Path, "mkdir", real_mkdir)
        outcome["b"] = run_sweep(MODEL, GRID, store=store, executor="serial", chunk_size=CHUNK,
                                 fixed={"offset": 10.0})
        return real_mkdir(self, *args, **kwargs)

    monkeypatch.setattr(Path, "mkdir", mkdir_then_let_b_run)
    with pytest.raises(StoreError, match="holds a different sweep"):
        _sweep(store)
    xr.testing.assert_identical(load_sweep(store), outcome["b"])
    assert float(load_sweep(store)["sum"].sel(x=0.0, y=0.0)) == 10.0


def test_the_lock_is_taken_before_the_manifest_exists(tmp_path, monkeypatch):
    store = tmp_path / "race"
    from spinthermo.sweep import store as store_module

    real_write = store_module.atomic_write_bytes
    refused = []

    def b_tries_while_a_writes_its_manifest(path, data, tmp=None):
        if Path(path).name == "manifest.json" and not refused:
            with pytest.raises(StoreError, match="is in use by process") as info:
                run_sweep(MODEL, GRID, store=store, executor="serial", chunk_size=CHUNK,
                          fixed={"offset": 10.0})
            refused.append(info.value)
        return real_write(path, data, tmp)

    monkeypatch.setattr(store_module, "atomic_write_bytes", b_tries_while_a_writes_its_manifest)
    done = _sweep(store)
    assert refused and float(done["sum"].sel(x=0.0, y=0.0)) == 0.0
    with pytest.raises(StoreError, match="is in use by process"):  # a held lock refuses
        with SweepStore.open(store):
            SweepStore.create(store, SweepStore.read_manifest(store))


# ---------------------------------------------------------------------------- destinations
def test_out_that_cannot_be_a_store_exits_2_in_one_line(tmp_path):
    a_file = tmp_path / "file.txt"
    a_file.write_text("not a directory")
    for out, message in ((a_file, "is a file"), (a_file / "store", "lies under"),
                         (Path("/proc/spinthermo-store"), "cannot be written")):
        result = cli("dipolar-coherence", "-p", "n_atoms=2,3", "--out", str(out), "-e",
                     "serial")
        assert result.exit_code == EXIT_USAGE, result.output
        line = _one_line_error(result)
        assert "--out" in line and message in line, line
    with pytest.raises(StoreError, match="lies under"):
        _sweep(a_file / "store")


def test_a_refused_executor_leaves_no_store(tmp_path, monkeypatch):
    out = tmp_path / "new" / "store"
    result = cli("dipolar-coherence", "-p", "n_atoms=2,3", "--out", str(out), "-e", "threads")
    assert result.exit_code == EXIT_USAGE and "executor must be one of" in result.output
    with pytest.raises(ValueError, match="executor must be one of"):
        _sweep_with(out, executor="threads")
    assert not (tmp_path / "new").exists()
    pytest.importorskip("distributed")
    monkeypatch.setattr(executors, "DASK_CONNECT_TIMEOUT_S", 1.0, raising=False)
    with socket.socket() as closed:  # bound, never listening: connections are refused
        closed.bind(("127.0.0.1", 0))
        address = f"tcp://127.0.0.1:{closed.getsockname()[1]}"
        result = cli("dipolar-coherence", "-p", "n_atoms=2,3", "--out", str(out), "--dask",
                     address)
        assert result.exit_code == EXIT_USAGE, result.output
        assert "cannot reach the Dask scheduler" in _one_line_error(result, alone=False)
        assert not (tmp_path / "new").exists()
        with pytest.raises(ConnectionError):
            run_sweep("dipolar-coherence", {"n_atoms": [2, 3]}, store=out,
                      dask_address=address)
    assert not (tmp_path / "new").exists()


def _sweep_with(store, **kwargs):
    return run_sweep(MODEL, GRID, store=store, chunk_size=CHUNK, **kwargs)


# ---------------------------------------------------------------------------- damaged stores
def _edit_manifest(store: Path, **fields):
    doc = json.loads((store / "manifest.json").read_text())
    doc.update(fields)
    (store / "manifest.json").write_text(json.dumps(doc))


def _make_manifest_a_list(store):
    (store / "manifest.json").write_text("[1, 2, 3]")


def _make_lock_a_directory(store):
    (store / "lock").mkdir()


def _make_chunks_a_file(store):
    for chunk in (store / "chunks").iterdir():
        chunk.unlink()
    (store / "chunks").rmdir()
    (store / "chunks").write_text("not a directory")


DAMAGE = {
    "manifest is a list": (_make_manifest_a_list, "a JSON object was expected; found list"),
    "lock is a directory": (_make_lock_a_directory, "lock is a directory, not a file"),
    "chunks is a file": (_make_chunks_a_file, "chunks is a file, not a directory"),
    "chunk_size overflows": (lambda s: (s / "manifest.json").write_text(
        (s / "manifest.json").read_text().replace('"chunk_size": 2', '"chunk_size": 1e400')),
        "field 'chunk_size' must be int; found float"),
    "chunk_size a string": (lambda s: _edit_manifest(s, chunk_size="2"),
                            "field 'chunk_size' must be int; found str"),
    "model a list": (lambda s: _edit_manifest(s, model=["x"]), "field 'model' must be str"),
    "fixed a list": (lambda s: _edit_manifest(s, fixed=[1]), "field 'fixed' must be dict"),
    "axis units a number": (lambda s: _edit_manifest(s, axes=[
        {"name": "x", "values": [0.0], "units": 5}]), "field 'units' must be str or null"),
}


@pytest.mark.parametrize("case", sorted(DAMAGE))
def test_damaged_stores_are_refused_with_one_line(tmp_path, case):
    store = tmp_path / "s"
    _sweep(store)
    damage, message = DAMAGE[case]
    damage(store)
    with pytest.raises(StoreError, match=message):
        run_sweep(MODEL, resume=store, executor="serial")
    result = cli("--resume", str(store), MODEL, "-e", "serial")
    assert result.exit_code == EXIT_USAGE, result.output
    assert message in _one_line_error(result)
    with pytest.raises(StoreError, match=message):
        load_sweep(store)


# ---------------------------------------------------------------------------- lost manifest
def test_a_lost_manifest_is_rebuilt_from_the_chunks(tmp_path):
    reference = run_sweep(MODEL, GRID, executor="serial", chunk_size=CHUNK)
    store = tmp_path / "s"

    def stop_after_two_chunks(update):
        if update.chunks_done >= 2:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        _sweep(store, progress=stop_after_two_chunks)
    original = (store / "manifest.json").read_bytes()
    (store / "manifest.json").unlink()
    with pytest.warns(SweepStoreWarning, match="no manifest.json; read with the copy"):
        partial = load_sweep(store, allow_partial=True)
    assert int(partial["computed"].sum()) == 4
    xr.testing.assert_identical(partial["sum"].where(partial["computed"], drop=True),
                                reference["sum"].sel(x=[0.0, 1.0]))
    assert partial["sum"].attrs["units"] == "m" and partial.attrs["model"] == MODEL
    with pytest.warns(SweepStoreWarning, match="it was rebuilt from the copy its chunks carry"):
        done = run_sweep(MODEL, resume=store, executor="serial")
    xr.testing.assert_identical(done, reference)
    assert json.loads((store / "manifest.json").read_bytes()) == json.loads(original)
    (store / "manifest.json").unlink()
    result = cli("--resume", str(store), MODEL, "-e", "serial")  # the CLI recovers it too
    assert result.exit_code == 0 and "8 points found in the store" in result.output, \
        result.output


# ---------------------------------------------------------------------------- dataset.nc
@pytest.mark.parametrize("damage", ["truncated", "edited"])
def test_a_damaged_dataset_nc_is_rebuilt_from_the_chunks(tmp_path, damage):
    store = tmp_path / "s"
    reference = _sweep(store)
    nc = store / "dataset.nc"
    good = nc.read_bytes()
    if damage == "truncated":
        nc.write_bytes(good[: len(good) // 2])
    else:  # same size, one value changed: only the checksum sees it
        raw = bytearray(good)
        raw[-9] ^= 0x40
        nc.write_bytes(bytes(raw))
    with pytest.warns(SweepStoreWarning, match="does not match its recorded SHA-256"):
        load_sweep(store)
    result = cli("--resume", str(store), MODEL, "-e", "serial")
    assert result.exit_code == 0 and "Done: 8 points (0 computed" in result.output, \
        result.output
    assert "rebuilt from the verified chunks" in result.output
    assert nc.read_bytes() == good
    xr.testing.assert_identical(xr.open_dataset(nc, engine="scipy").load(), reference)


# ---------------------------------------------------------------------------- CLI output
def test_user_text_is_printed_literally(tmp_path):
    result = cli("alkali-ness", "-p", "pumping_rate=a:b:3", "--out", str(tmp_path / "s"))
    assert result.exit_code == EXIT_USAGE
    assert "'pumping_rate=a:b:3'" in _one_line_error(result)
    store = tmp_path / "st:thumbs_up:re"
    result = cli("dipolar-coherence", "-p", "n_atoms=2,3", "-p", "nbar=[1]", "--out",
                 str(store), "-e", "serial")
    assert result.exit_code == EXIT_USAGE and "nbar=[1]" in result.output, result.output
    result = cli("dipolar-coherence", "-p", "n_atoms=2,3", "--out", str(store), "-e", "serial")
    assert result.exit_code == 0, result.output
    assert f"store {store}" in result.output and str(store / "dataset.nc") in result.output


def test_interrupted_sweep_exits_130(tmp_path, monkeypatch):
    def interrupted(**kwargs):
        raise runner.SweepInterrupted("sweep interrupted: 0 of 2 points done")

    monkeypatch.setattr(runner, "run_sweep", interrupted)
    result = cli("dipolar-coherence", "-p", "n_atoms=2,3", "--out", str(tmp_path / "s"))
    assert result.exit_code == EXIT_INTERRUPTED, result.output
    assert "Interrupted. sweep interrupted: 0 of 2 points done" in result.output


# ---------------------------------------------------------------------------- killed Dask run
#: The kill comes this long (seconds, drawn by a seeded RNG) after the first chunk is saved;
#: 12 chunks of 2 points at SLEEP_S each on 2 workers take ~1.2 s after that.
KILL_DELAY_S = (0.0, 0.8)
SLEEP_S = 0.1
START_TIMEOUT_S = 120.0


def test_a_dask_run_killed_at_a_random_moment_resumes_to_the_serial_result(tmp_path):
    pytest.importorskip("distributed")
    delay = random.Random(20261206).uniform(*KILL_DELAY_S)
    params = ["-p", "x=0:11:12", "-p", "y=0,1", "--chunk-size", "2"]
    store, reference = tmp_path / "killed", tmp_path / "reference"
    tests_dir = str(Path(__file__).parent)
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(
        [tests_dir, *filter(None, [os.environ.get("PYTHONPATH")])]), **{SLEEP_ENV: str(SLEEP_S)})
    with open(tmp_path / "sweep.log", "wb") as log:
        proc = subprocess.Popen(
            [sys.executable, "-m", "spinthermo", "sweep", MODEL, *params, "--out", str(store),
             "--dask", "local", "--workers", "2"], env=env, start_new_session=True,
            stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + START_TIMEOUT_S
        while not any((store / "chunks").glob("chunk-*.npz")) and proc.poll() is None:
            assert time.monotonic() < deadline, "the sweep did not start in time"
            time.sleep(0.02)
        time.sleep(delay)
    finally:
        with contextlib.suppress(ProcessLookupError):  # the CLI and its Dask processes
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    saved = len(list((store / "chunks").glob("chunk-*.npz")))
    assert 1 <= saved < 12 and not (store / "dataset.nc").exists(), \
        (saved, (tmp_path / "sweep.log").read_text())  # killed midway
    resumed = cli("--resume", str(store), MODEL, "-e", "serial")
    assert resumed.exit_code == 0, resumed.output
    serial = cli(MODEL, *params, "--out", str(reference), "-e", "serial")
    assert serial.exit_code == 0, serial.output
    assert (store / "dataset.nc").read_bytes() == (reference / "dataset.nc").read_bytes()
