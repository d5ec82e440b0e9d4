"""Start-up: what a user waits for before any work (issue 15 item 5).

* ``cli-startup`` — ``spinthermo --version`` in a fresh process (the console script, or
  ``python -m spinthermo`` where it is not on ``PATH``): the interpreter, typer and rich, and
  nothing heavy (numpy, scipy, xarray, matplotlib, numba, dask are imported only by the commands
  that compute; tests/test_startup.py checks that they are not imported). Target: < 0.5 s.
  No peer.
* ``sweep-worker-startup`` — starting spawned sweep workers until each has imported the
  ``alkali-ness`` point and batch functions
  (:meth:`~spinthermo.sweep.executors.ProcessExecutor.start`): the start-up that
  ``sweep-scaling-1v2`` (bench_sweep.py) times apart from its compute phase. Ours: 2 workers;
  peer: 1 worker (ratio < 1: two interpreters start on two cores). Target: below
  :data:`~spinthermo.sweep.executors.WORKER_STARTUP_S`, the start-up cost that the ``auto``
  executor assumes when it decides whether workers pay for a grid (that estimate also covers
  each worker's first call filling numba's caches, which this task does not time).

``--quick`` times one call per side; the tasks are the same.
"""

from __future__ import annotations

import shutil
import subprocess
import sys

from spinthermo.benchmarking import BenchTask
from spinthermo.sweep.executors import WORKER_STARTUP_S, ProcessExecutor

CLI_LIMIT_S = 0.5
#: The functions a worker of an ``alkali-ness`` sweep imports (point and batch function).
ALKALI_FUNCTIONS = ("alkali-ness", "spinthermo.models.alkali_pumping_sweep:alkali_ness_batch")


def _version_command() -> list[str]:
    script = shutil.which("spinthermo")
    return [script] if script else [sys.executable, "-m", "spinthermo"]


def _cli_version():
    command = _version_command()

    def run() -> str:
        completed = subprocess.run([*command, "--version"], capture_output=True, text=True,
                                   timeout=60, check=False)
        if completed.returncode != 0 or not completed.stdout.startswith("spinthermo "):
            raise RuntimeError(f"{' '.join(command)} --version exited "
                               f"{completed.returncode}: {completed.stderr.strip()[-300:]}")
        return completed.stdout.strip()

    return run


def _worker_startup(workers: int):
    def run() -> float:
        with ProcessExecutor(workers) as executor:
            return executor.start(ALKALI_FUNCTIONS)

    return run


def tasks(quick: bool) -> list[BenchTask]:
    return [
        BenchTask(
            "cli-startup", ours=_cli_version(), peer=None, peer_name="none",
            agreement=None, agreement_limit=None,
            target=f"`spinthermo --version` in a fresh process < {CLI_LIMIT_S:g} s",
            target_check=lambda ours, _peer, _ratio: ours < CLI_LIMIT_S),
        BenchTask(
            "sweep-worker-startup", ours=_worker_startup(2), peer=_worker_startup(1),
            peer_name="spinthermo, 1 worker process", agreement=None, agreement_limit=None,
            target=f"2 spawned sweep workers ready (alkali-ness imported) < "
                   f"{WORKER_STARTUP_S:g} s, the auto executor's start-up estimate",
            target_check=lambda ours, _peer, _ratio: ours < WORKER_STARTUP_S),
    ]
