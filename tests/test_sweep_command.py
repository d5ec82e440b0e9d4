"""``spinthermo sweep``, registered as cli.py does: ``app.command("sweep")(sweep_command)``."""

from __future__ import annotations

import pytest
import typer
import xarray as xr
from typer.testing import CliRunner

from spinthermo.models.dipolar import two_atom_long_time_coherence
from spinthermo.sweep.command import EXIT_FAILED, EXIT_USAGE, sweep_command

app = typer.Typer()


@app.callback()
def _main() -> None:
    """A group, like spinthermo's app, so that `sweep` is a subcommand."""


app.command("sweep")(sweep_command)
runner = CliRunner()


def _run(*args: str):
    return runner.invoke(app, ["sweep", *args])


def test_list_shows_models_parameters_units_and_outputs():
    result = _run("--list")
    assert result.exit_code == 0, result.output
    for text in ("alkali-ness", "light-shift", "dipolar-coherence", "temperature_c", "°C",
                 "pumping_rate", "ergotropy [rad/s]", "linewidth_hz [Hz]", "l1_coherence"):
        assert text in result.output
    one = _run("dipolar-coherence", "--list")
    assert "n_atoms" in one.output and "alkali-ness" not in one.output


def test_sweep_then_resume(tmp_path):
    store = tmp_path / "dip"
    result = _run("dipolar-coherence", "--param", "n_atoms=2:4:3", "-p", "nbar=1,10",
                  "--out", str(store), "--executor", "serial")
    assert result.exit_code == 0, result.output
    assert "Sweeping dipolar-coherence over 6 points" in result.output
    assert "6/6 points" in result.output and "Done: 6 points" in result.output
    ds = xr.open_dataset(store / "dataset.nc", engine="scipy").load()
    assert float(ds["l1_coherence"].sel(n_atoms=2, nbar=10.0)) == pytest.approx(
        two_atom_long_time_coherence(10.0), rel=1e-12)  # seed 003 Eq. (5), t → ∞
    again = _run("--resume", str(store), "-e", "serial")
    assert again.exit_code == 0, again.output
    assert "6 points found in the store (verified); 0 to compute" in again.output


def test_failed_points_exit_1_and_are_summarised(tmp_path):
    result = _run("test_sweep_helpers:counted_point", "-p", "x=-2,-1,1", "-p", "y=0,1",
                  "--set", "offset=0.5", "--out", str(tmp_path / "s"), "-e", "serial")
    assert result.exit_code == EXIT_FAILED, result.output
    assert "4 of 6 points failed" in result.output
    assert "ValueError: x must be >= 0" in result.output
    ds = xr.open_dataset(tmp_path / "s" / "dataset.nc", engine="scipy").load()
    assert float(ds["sum"].sel(x=1.0, y=1.0)) == 2.5


def test_usage_errors_exit_2_with_clear_messages(tmp_path):
    out = str(tmp_path / "s")
    cases = [
        (["alkali-ness", "-p", "temp=1:2:3", "--out", out], "unknown parameter 'temp'"),
        (["alkali-ness", "-p", "temperature_c[K]=300:400:2", "--out", out],
         "temperature_c is in °C"),
        (["alkali-ness", "-p", "temperature_c=100:80:3", "--out", out], "empty range"),
        (["alkali-ness", "-p", "pumping_rate=0:1e4:3:log", "--out", out], "log axis"),
        (["alkali-ness", "-p", "photon_spin=0.5,1"], "give --out STORE"),
        (["alkali-ness", "--out", out], "give at least one --param"),
        (["nope", "-p", "x=1,2", "--out", out], "unknown model 'nope'"),
        (["--resume", out], "is not a sweep store"),
        (["dipolar-coherence", "--resume", out], "--resume takes the model"),
        ([], "give a MODEL"),
    ]
    for args, message in cases:
        result = _run(*args)
        assert result.exit_code == EXIT_USAGE, (args, result.output)
        assert message in " ".join(result.output.split()), (args, result.output)
    assert not (tmp_path / "s").exists()
