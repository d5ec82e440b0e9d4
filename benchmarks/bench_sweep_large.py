"""A sweep of a million points (issue 15): time, peak memory and the Dask twin.

The grid: 100 pump rates (1e2–1e5 s⁻¹, log) × 10 photon spins (0.1–1) × 10 cell temperatures
(80–170 °C) × 100 cell radii (0.1–2.5 cm, log), the axes of ``FULL_GRID`` in bench_sweep.py,
model ``alkali-ness`` (NESS of seed 000's Eq. (1) and every diagnostic of Eqs. (3)–(6), 22
outputs per point). Every call is a complete sweep as a user runs it: workers started, every
chunk streamed to a fresh resumable store on disk, dataset.nc written.

* ``sweep-local-1m`` — local processes on all cores. Target: < 2 min, and a peak memory
  (resident set) below 2 GB: the main process's peak plus every worker's own peak (a bound on
  what they held at once). Both peaks are in the result's ``extra``. No peer.
* ``sweep-dask-1m`` — the same sweep on a Dask ``LocalCluster`` of 2 single-threaded worker
  processes started for the call; peer: local processes with 2 workers. ratio = local_s /
  dask_s, target ≥ 1/1.2 (Dask within 1.2×); agreement: the largest difference over every
  output, 0 (bit-identical results).

Each side runs once in a full run (``BenchTask.repeat = 1``, no warm-up call): a task of
minutes whose run-to-run spread (a few per cent) is small against its size, and which the
usual warm-up and best of 5 would make a half-hour task. ``--quick`` shrinks the grid to 2 560
points (the plumbing and the memory probe in seconds; targets not judged).

Peak memory is read from Linux's ``/proc`` (``VmHWM``, the peak resident set of a process):
the main process's peak is reset (``/proc/self/clear_refs``) before the sweep, and the
sweep's descendant processes are polled every :data:`POLL_S` s while it runs; elsewhere the
``extra`` holds None.
"""

from __future__ import annotations

import threading
from pathlib import Path

from bench_sweep import _max_difference, _sweep

from spinthermo.benchmarking import BenchTask

FULL_GRID = ["pumping_rate=1e2:1e5:100:log", "photon_spin=0.1:1:10", "temperature_c=80:170:10",
             "radius_cm=0.1:2.5:100:log"]
QUICK_GRID = ["pumping_rate=1e2:1e5:16:log", "photon_spin=0.1:1:4", "temperature_c=80:170:4",
              "radius_cm=0.1:2.5:10:log"]
#: Most seconds for 10⁶ points, start-up and disk included (issue 15).
LIMIT_S = 120.0
#: Most peak memory in MB, main process plus workers (issue 15).
LIMIT_MB = 2000.0
#: Dask may take at most this multiple of the local-process time on 10⁶ points.
DASK_OVERHEAD_1M = 1.2
#: Seconds between two readings of the workers' peak memory.
POLL_S = 0.5


def _peak_kb(pid: int | str) -> int | None:
    """``VmHWM`` of a process in kB (its peak resident set), or None where unreadable."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        return None
    return None


def _descendants(pid: int) -> list[int]:
    """Every live descendant of ``pid`` (Linux ``/proc/PID/task/TID/children``)."""
    found, stack = [], [pid]
    while stack:
        parent = stack.pop()
        for tasks in Path(f"/proc/{parent}/task").glob("*/children"):
            try:
                children = [int(c) for c in tasks.read_text().split()]
            except (OSError, ValueError):
                continue
            found.extend(children)
            stack.extend(children)
    return found


class PeakMemory:
    """Peak resident memory of this process and of its descendants while ``with`` runs.

    :attr:`last` holds ``{"main_peak_mb", "workers_peak_mb", "total_peak_mb", "workers"}`` of
    the last run (MB = 10⁶ bytes; ``workers_peak_mb`` sums each descendant's own peak), or
    None values where ``/proc`` cannot be read.
    """

    def __init__(self) -> None:
        self.last: dict[str, float | int | None] = {}
        self._peaks: dict[int, int] = {}
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def _poll(self) -> None:
        import os

        me = os.getpid()
        while True:
            for pid in _descendants(me):
                kb = _peak_kb(pid)
                if kb is not None:
                    self._peaks[pid] = max(kb, self._peaks.get(pid, 0))
            if self._stop.wait(POLL_S):
                return

    def __enter__(self) -> PeakMemory:
        try:
            Path("/proc/self/clear_refs").write_text("5")  # resets VmHWM to the current RSS
        except OSError:
            pass
        self._peaks, self._stop = {}, threading.Event()
        self._thread = threading.Thread(target=self._poll, daemon=True,
                                        name="spinthermo-bench-memory")
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()
        main = _peak_kb("self")
        workers = sum(self._peaks.values()) if self._peaks else None
        self.last = {
            "main_peak_mb": None if main is None else round(main * 1024 / 1e6, 1),
            "workers_peak_mb": None if workers is None else round(workers * 1024 / 1e6, 1),
            "total_peak_mb": None if main is None or workers is None
            else round((main + workers) * 1024 / 1e6, 1),
            "workers": len(self._peaks),
        }


def _measured(run, memory: PeakMemory):
    def measured():
        with memory:
            return run()

    return measured


def _within_limits(memory: PeakMemory, limit_s: float):
    def check(ours_s, _peer_s, _ratio) -> bool:
        total = memory.last.get("total_peak_mb")
        return ours_s < limit_s and total is not None and total < LIMIT_MB

    return check


def tasks(quick: bool) -> list[BenchTask]:
    grid = QUICK_GRID if quick else FULL_GRID
    local, dask, peer = PeakMemory(), PeakMemory(), PeakMemory()
    note = " [quick: 2 560 points, not 10⁶; targets not judged]" if quick else ""
    n = "2 560" if quick else "10⁶"
    return [
        BenchTask(
            "sweep-local-1m", ours=_measured(_sweep(grid, "processes"), local), peer=None,
            peer_name="none", agreement=None, agreement_limit=None,
            target=f"{n} NESS points (4 parameters, 22 outputs), local processes on all cores, "
                   f"resumable store on disk, < {LIMIT_S:g} s and peak memory (main + workers) "
                   f"< {LIMIT_MB:g} MB{note}",
            target_check=None if quick else _within_limits(local, LIMIT_S),
            repeat=1, warm_up=False, extra=lambda: {"ours_memory": local.last}),
        BenchTask(
            "sweep-dask-1m", ours=_measured(_sweep(grid, "dask", 2), dask),
            peer=_measured(_sweep(grid, "processes", 2), peer),
            peer_name="spinthermo local processes (2 workers)",
            agreement=_max_difference, agreement_limit=0.0,
            target=f"{n} points on a Dask LocalCluster (2 workers) within {DASK_OVERHEAD_1M}x of "
                   f"local processes (ratio >= {1 / DASK_OVERHEAD_1M:.2f}), identical results"
                   f"{note}",
            target_check=None if quick else
            (lambda _ours, _peer, ratio: ratio >= 1 / DASK_OVERHEAD_1M),
            repeat=1, warm_up=False,
            extra=lambda: {"ours_memory": dask.last, "peer_memory": peer.last}),
    ]
