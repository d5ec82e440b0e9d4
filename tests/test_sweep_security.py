"""Resume trust model: a store is data. Resuming never imports or calls what a store's manifest
names; a user function must be given again and match the recorded name and source SHA-256."""

from __future__ import annotations

import functools
import importlib
import json
import os
import sys

import pytest
import xarray as xr
from test_sweep_faults import _one_line_error, cli
from test_sweep_helpers import counted_point

from spinthermo.exit_codes import EXIT_USAGE
from spinthermo.sweep.catalogue import function_sha256
from spinthermo.sweep.grid import Axis
from spinthermo.sweep.runner import run_sweep
from spinthermo.sweep.store import Manifest, StoreError

MODEL = "test_sweep_helpers:counted_point"
GRID = {"x": [0.0, 1.0, 2.0], "y": [0.0, 1.0]}


def _stop_after_first_chunk(update):
    if update.chunks_done >= 1:
        raise KeyboardInterrupt


def _partial_store(path, model=MODEL, grid=None):
    """A store with one of several chunks done, as left by Ctrl-C."""
    with pytest.raises(KeyboardInterrupt):
        run_sweep(model, grid or GRID, store=path, executor="serial", chunk_size=2,
                  progress=_stop_after_first_chunk)
    return path


def _craft_store(path, marker):
    """A store whose manifest names ``subprocess:run`` with a shell command that would create
    ``marker``; its sweep id recomputed, as anyone can."""
    path.mkdir()
    manifest = Manifest(model="subprocess:run", axes=(Axis("timeout", (30.0,)),),
                        fixed={"args": f"touch {marker}", "shell": True}, chunk_size=1)
    (path / "manifest.json").write_text(json.dumps(manifest.to_json()))
    return path


def test_a_crafted_manifest_never_runs_its_payload(tmp_path):
    marker = tmp_path / "payload-ran"
    store = _craft_store(tmp_path / "evil", marker)
    with pytest.raises(StoreError, match="resuming never imports code that a store names"):
        run_sweep(resume=store, executor="serial")
    result = cli("--resume", str(store), "-e", "serial")
    assert result.exit_code == EXIT_USAGE, result.output
    assert "never imports code that a store names" in _one_line_error(result)
    # a registered name as the model does not unlock it either
    with pytest.raises(StoreError, match="made by model 'subprocess:run'; received 'alkali"):
        run_sweep("alkali-ness", resume=store, executor="serial")
    assert not marker.exists()


def test_a_registered_models_store_is_checked_again_by_the_model(tmp_path):
    store = tmp_path / "crafted"
    store.mkdir()
    manifest = Manifest(model="alkali-ness", axes=(Axis("pumping_rate", (1e3,)),),
                        fixed={"species": "../../etc", "photon_spin": 0.5,
                               "temperature_c": 120.0, "radius_cm": 1.5,
                               "he_pressure_torr": 200.0, "n2_pressure_torr": 75.0},
                        chunk_size=1)
    (store / "manifest.json").write_text(json.dumps(manifest.to_json()))
    with pytest.raises(StoreError, match="fail the model's checks: species must be one of"):
        run_sweep(resume=store, executor="serial")
    assert not (store / "chunks").exists()  # refused before anything was computed


def test_a_store_without_a_source_hash_is_not_resumed(tmp_path):
    store = _partial_store(tmp_path / "s")
    doc = json.loads((store / "manifest.json").read_text())
    old = Manifest(model=doc["model"], axes=tuple(Axis.from_json(a) for a in doc["axes"]),
                   fixed=doc["fixed"], chunk_size=doc["chunk_size"])  # as before the hash
    doc.update(function_sha256="", sweep_id=old.sweep_id)
    (store / "manifest.json").write_text(json.dumps(doc))
    with pytest.raises(StoreError, match=r"records no SHA-256 .* cannot be verified"):
        run_sweep(MODEL, resume=store, executor="serial")


def test_resume_needs_the_function_again(tmp_path):
    store = _partial_store(tmp_path / "s")
    with pytest.raises(StoreError, match=r"name it again.*--resume .* test_sweep_helpers"):
        run_sweep(resume=store, executor="serial")
    with pytest.raises(StoreError, match="made by model 'test_sweep_helpers:counted_point'; "
                                         "received 'test_sweep_helpers:suicidal_point'"):
        run_sweep("test_sweep_helpers:suicidal_point", resume=store, executor="serial")
    # the path or the function object itself: both resolve to the recorded name and source
    done = run_sweep(counted_point, resume=store, executor="serial")
    xr.testing.assert_identical(done, run_sweep(MODEL, GRID, executor="serial", chunk_size=2))
    manifest = json.loads((store / "manifest.json").read_text())
    assert manifest["function_sha256"] == function_sha256(counted_point)


def test_cli_resume_names_the_function_again(tmp_path):
    store = _partial_store(tmp_path / "s")
    refused = cli("--resume", str(store), "-e", "serial")
    assert refused.exit_code == EXIT_USAGE, refused.output
    assert f"--resume {store} {MODEL}" in refused.output
    resumed = cli("--resume", str(store), MODEL, "-e", "serial")
    assert resumed.exit_code == 0, resumed.output
    assert "2 points found in the store (verified); 4 to compute" in resumed.output
    registered = cli("--resume", str(store), "dipolar-coherence")
    assert registered.exit_code == EXIT_USAGE and "--resume takes the model" in \
        registered.output


def test_an_edited_function_of_the_same_name_is_refused(tmp_path, monkeypatch):
    module = tmp_path / "edited_point_module.py"
    module.write_text("def point(x):\n    return {'y': x}\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    store = _partial_store(tmp_path / "s", "edited_point_module:point", {"x": [1.0, 2.0, 3.0]})
    module.write_text("def point(x):\n    return {'y': 2.0 * x}  # edited\n")
    sys.modules.pop("edited_point_module", None)
    importlib.invalidate_caches()
    with pytest.raises(StoreError, match=r"is not the function that made .* the SHA-256 of "
                                         r"its source"):
        run_sweep("edited_point_module:point", resume=store, executor="serial")
    assert len(list((store / "chunks").glob("chunk-*.npz"))) == 1  # nothing mixed in


def test_another_lambda_is_refused_and_the_same_one_resumes(tmp_path):
    second = functools.partial(counted_point, y=0.0)
    # two lambdas on one source line: told apart by their bytecode
    assert function_sha256(lambda x: {"y": x}) != function_sha256(lambda x: {"y": -x})
    square = lambda x: {"y": x * x}  # noqa: E731
    store = _partial_store(tmp_path / "s", square, {"x": [1.0, 2.0, 3.0]})
    with pytest.raises(StoreError, match="<lambda>' is not the function that made"):
        run_sweep(lambda x: {"y": -x}, resume=store, executor="serial")
    done = run_sweep(square, resume=store, executor="serial")
    assert done["y"].values.tolist() == [1.0, 4.0, 9.0]
    # no source and no bytecode (a functools.partial): sweeps, but never into a store
    assert function_sha256(second) is None
    assert run_sweep(second, {"x": [1.0]}, executor="serial")["sum"].item() == 1.0
    with pytest.raises(TypeError, match="neither source nor bytecode"):
        run_sweep(second, {"x": [1.0]}, executor="serial", store=tmp_path / "p")
    assert not (tmp_path / "p").exists()


def test_bytecode_fallback_tells_functions_without_source_apart():
    namespace: dict = {}
    exec("def f(x):\n    return {'y': x}\ndef g(x):\n    return {'y': x + 1}\n"
         "def h(x):\n    return {'y': x}\n", namespace)
    f, g, h = namespace["f"], namespace["g"], namespace["h"]
    assert function_sha256(f) == function_sha256(h) != function_sha256(g)


def test_cli_puts_the_current_directory_on_sys_path_only_for_a_function(tmp_path,
                                                                        monkeypatch):
    monkeypatch.chdir(tmp_path)
    here = os.getcwd()
    monkeypatch.setattr(sys, "path", [p for p in sys.path if p not in ("", here)])
    result = cli("dipolar-coherence", "-p", "n_atoms=2,3", "--out", str(tmp_path / "d"),
                 "-e", "serial")
    assert result.exit_code == 0, result.output
    assert cli("--resume", str(tmp_path / "d"), "-e", "serial").exit_code == 0
    assert here not in sys.path and "" not in sys.path
    (tmp_path / "local_point_module.py").write_text("def point(x):\n    return {'y': x}\n")
    result = cli("local_point_module:point", "-p", "x=1,2", "--out", str(tmp_path / "l"),
                 "-e", "serial")
    assert result.exit_code == 0, result.output
    assert here in sys.path


@pytest.fixture(autouse=True)
def _forget_test_modules():
    yield
    for name in ("edited_point_module", "local_point_module"):
        sys.modules.pop(name, None)
