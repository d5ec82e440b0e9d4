"""Model functions for the sweep tests, importable by worker processes as
``"test_sweep_helpers:counted_point"`` (pytest puts ``tests/`` on ``sys.path``; spawned workers
and the subprocesses of the tests inherit it).

Every call can leave a file in the directory named by ``$SPINTHERMO_SWEEP_TEST_COUNTER`` (one
file per call, whatever the process), so a test counts exactly which points were computed.
``$SPINTHERMO_SWEEP_TEST_SLEEP`` (seconds) slows each point down, so that a sweep can be
interrupted midway. This file holds no tests.
"""

from __future__ import annotations

import math
import os
import signal
import time
import uuid
from pathlib import Path

COUNTER_ENV = "SPINTHERMO_SWEEP_TEST_COUNTER"
SLEEP_ENV = "SPINTHERMO_SWEEP_TEST_SLEEP"
KILL_ENV = "SPINTHERMO_SWEEP_TEST_KILL_MARKER"


def _record_call(x: float, y: float) -> None:
    directory = os.environ.get(COUNTER_ENV)
    if directory:
        Path(directory, f"{x!r}_{y!r}_{os.getpid()}_{uuid.uuid4().hex[:8]}").touch()


def counted_calls(directory: Path) -> list[tuple[float, float]]:
    """The (x, y) of every recorded call, one entry per call."""
    out = []
    for file in Path(directory).iterdir():
        x, y, *_ = file.name.split("_")
        out.append((float(x), float(y)))
    return out


def counted_point(x: float, y: float, offset: float = 0.0) -> dict[str, float]:
    """A deterministic point function; raises for x < 0 (a failing point)."""
    _record_call(x, y)
    delay = float(os.environ.get(SLEEP_ENV, "0") or 0)
    if delay:
        time.sleep(delay)
    if x < 0:
        raise ValueError(f"x must be >= 0; received {x}")
    return {"sum": x + y + offset, "product": x * y, "hypot": math.hypot(x, y)}


counted_point.output_units = {"sum": "m", "product": "m^2", "hypot": "m"}


def suicidal_point(x: float, y: float) -> dict[str, float]:
    """``counted_point``, but the first call at (x, y) = (5, 0) kills its own process
    (SIGKILL: a lost worker), once per marker file ``$SPINTHERMO_SWEEP_TEST_KILL_MARKER``."""
    marker = os.environ.get(KILL_ENV)
    if marker and x == 5.0 and y == 0.0 and not os.path.exists(marker):
        Path(marker).touch()
        os.kill(os.getpid(), signal.SIGKILL)
    return counted_point(x, y)
