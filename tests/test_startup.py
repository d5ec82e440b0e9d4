"""Start-up: ``spinthermo --version``, ``--help`` and ``list`` import typer and rich only.

Each command runs in a fresh interpreter (a subprocess), which then reports the heavy modules it
finds in ``sys.modules``. A behaviour test, not a timing: the time those modules cost (~1 s
together) is what the ``cli-startup`` benchmark measures.
"""

from __future__ import annotations

import json
import subprocess
import sys
from importlib.metadata import version

import pytest

#: Modules that the commands below must not import (each costs 0.05–0.5 s to import).
HEAVY = ("numpy", "scipy", "xarray", "matplotlib", "numba", "dask", "distributed", "pandas",
         "qutip", "netCDF4", "h5py")

PROBE = """
import json, sys
from spinthermo.cli import main
try:
    code = main(json.loads(sys.argv[1]))
except SystemExit as exc:
    code = exc.code
heavy = [name for name in json.loads(sys.argv[2]) if name in sys.modules]
print("\\nPROBE " + json.dumps({"code": code, "heavy": heavy}))
"""


def _run(args: list[str]) -> tuple[dict, str]:
    completed = subprocess.run([sys.executable, "-c", PROBE, json.dumps(args), json.dumps(HEAVY)],
                               capture_output=True, text=True, timeout=120, check=False)
    assert completed.returncode == 0, completed.stderr
    head, _, report = completed.stdout.rpartition("\nPROBE ")
    return json.loads(report), head


@pytest.mark.parametrize("args", [["--version"], ["--help"], ["list"], ["sweep", "--help"],
                                  ["reproduce", "--help"], ["bench", "--help"]],
                         ids=" ".join)
def test_light_commands_import_no_heavy_module(args):
    report, _ = _run(args)
    assert report["code"] in (0, None)
    assert report["heavy"] == []


def test_version_is_the_installed_distributions():
    _, output = _run(["--version"])
    assert output.strip() == f"spinthermo {version('spinthermo')}"
