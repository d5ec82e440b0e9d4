"""Benchmark harness: time spinthermo against a peer on the same work, in one process.

A benchmark file ``benchmarks/bench_*.py`` defines ``tasks(quick: bool) -> list[BenchTask]``.
Each task gives a zero-argument callable for spinthermo (``ours``) and for the peer, an
``agreement`` measure between their results and its limit, and the speed target. The harness
times both (best of several repeats after an untimed warm-up that absorbs JIT compilation),
checks agreement, and writes ``results.json`` with the machine, versions and date.

A *full record* is a non-quick run of every task (``"quick": false, "complete": true``);
:func:`results_destination` refuses to let a quick or one-task run replace one, and keeps the
benchmark directory's own ``results.json`` (the committed record) for full runs only.

>>> t = BenchTask("sum", ours=lambda: sum(range(10)), peer=lambda: 45, peer_name="formula",
...               agreement=lambda a, b: abs(a - b), agreement_limit=0.0, target="ratio > 0")
>>> r = run_tasks([t], quick=True)[0]
>>> r["task"], r["agreement"], r["agreed"]
('sum', 0, True)
"""

from __future__ import annotations

import importlib.util
import json
import math
import os
import platform
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from spinthermo.destination import require_writable_directory

__all__ = [
    "RESULTS_FILE",
    "BenchTask",
    "BenchmarkFileError",
    "default_bench_dir",
    "discover_tasks",
    "is_full_record",
    "machine_info",
    "results_destination",
    "run_tasks",
    "time_call",
    "write_results",
]

#: The file name ``spinthermo bench`` writes into its ``--out`` directory.
RESULTS_FILE = "results.json"

#: (repeat, min_time_s) for quick and full runs: quick checks the plumbing, full gives numbers.
QUICK_TIMING = (1, 0.0)
FULL_TIMING = (5, 0.2)


class BenchmarkFileError(RuntimeError):
    """A ``bench_*.py`` file that cannot be imported or whose ``tasks(quick)`` fails."""


@dataclass(frozen=True)
class BenchTask:
    """One benchmark: the same work done by spinthermo (``ours``) and by a peer.

    ``agreement(ours_result, peer_result)`` returns a non-negative discrepancy (e.g. the max
    relative difference), compared with ``agreement_limit``. ``target`` states the speed goal
    in words; ``target_check(ours_s, peer_s, ratio)`` decides it. ``setup`` runs once, untimed,
    before either side (e.g. to build inputs shared by both).

    ``repeat`` overrides the run's number of timed repeats per side (None: the run's, see
    :data:`FULL_TIMING`), and ``warm_up=False`` drops the untimed first call: a task of minutes
    is timed once, its first call, where a spread of a few per cent is small against its size.
    ``extra`` is called after both sides ran; the dict it returns (JSON-ready, e.g. the peak
    memory a side used) is recorded in the task's result as ``extra``.
    """

    name: str
    ours: Callable[[], Any]
    peer: Callable[[], Any] | None
    peer_name: str
    agreement: Callable[[Any, Any], float] | None
    agreement_limit: float | None
    target: str
    target_check: Callable[[float, float | None, float | None], bool] | None = None
    setup: Callable[[], None] | None = None
    repeat: int | None = None
    warm_up: bool = True
    extra: Callable[[], dict[str, Any]] | None = None

    def __post_init__(self) -> None:
        if self.repeat is not None and (isinstance(self.repeat, bool)
                                        or not isinstance(self.repeat, int) or self.repeat < 1):
            raise ValueError(f"BenchTask {self.name!r}: repeat must be None or an integer >= 1; "
                             f"received {self.repeat!r}")
        if not isinstance(self.warm_up, bool):
            raise TypeError(f"BenchTask {self.name!r}: warm_up must be True or False; received "
                            f"{self.warm_up!r}")


def _time(fn: Callable[[], Any], repeat: int, min_time: float,
          warm_up: bool = True) -> tuple[float, Any]:
    """Best per-call wall time of ``fn`` over ``repeat`` repeats, and its first result.

    With ``warm_up`` the first call is untimed and each repeat lasts at least ``min_time``;
    without it every call is timed, one per repeat, and the first call's result is returned.
    """
    if repeat < 1:
        raise ValueError(f"repeat must be >= 1; received {repeat}")
    if not warm_up:
        best, result = math.inf, None
        for k in range(repeat):
            start = time.perf_counter()
            value = fn()
            best = min(best, time.perf_counter() - start)
            if k == 0:
                result = value
        return best, result
    start = time.perf_counter()
    result = fn()  # warm-up, untimed: excludes JIT compilation and caches being filled
    first = time.perf_counter() - start
    # calls per repeat so that one repeat lasts at least min_time (as timeit.autorange)
    number = max(1, math.ceil(min_time / first)) if first > 0 else 1
    number = min(number, 10_000)
    best = math.inf
    for _ in range(repeat):
        start = time.perf_counter()
        for _ in range(number):
            fn()
        best = min(best, (time.perf_counter() - start) / number)
    return best, result


def time_call(fn: Callable[[], Any], repeat: int = 5, min_time: float = 0.2) -> float:
    """Best-of-``repeat`` wall time per call of ``fn`` in seconds.

    ``fn`` is called once first, untimed (warm-up). Each repeat calls ``fn`` enough times to
    last at least ``min_time`` seconds and reports the mean per call; the best repeat wins.
    """
    return _time(fn, repeat, min_time)[0]


def _finite(x: Any) -> float | None:
    """``x`` as a float, or ``None`` when it is not a finite number."""
    try:
        x = float(x)
    except (TypeError, ValueError):
        return None
    return x if math.isfinite(x) else None


def _run_one(task: BenchTask, repeat: int, min_time: float) -> dict[str, Any]:
    """Time, compare and judge one task."""
    row: dict[str, Any] = {
        "task": task.name, "ours_s": None, "peer": task.peer_name, "peer_s": None,
        "ratio": None, "agreement": None, "agreement_limit": task.agreement_limit,
        "agreed": None, "target": task.target, "target_met": None, "error": None,
        "extra": None,
    }
    if task.repeat is not None:
        repeat = task.repeat
    try:
        if task.setup is not None:
            task.setup()
        ours_s, ours_result = _time(task.ours, repeat, min_time, task.warm_up)
        row["ours_s"] = ours_s
        if task.peer is not None:
            peer_s, peer_result = _time(task.peer, repeat, min_time, task.warm_up)
            row["peer_s"] = peer_s
            row["ratio"] = peer_s / ours_s if ours_s > 0 else None
            if task.agreement is not None:
                value = task.agreement(ours_result, peer_result)
                row["agreement"] = value.item() if hasattr(value, "item") else value
                if task.agreement_limit is not None:
                    v = _finite(value)
                    row["agreed"] = v is not None and v <= task.agreement_limit
        if task.extra is not None:
            row["extra"] = task.extra()
        if task.target_check is not None:
            row["target_met"] = bool(task.target_check(row["ours_s"], row["peer_s"],
                                                       row["ratio"]))
    except Exception as exc:  # one broken task must not hide the others
        row["error"] = f"{type(exc).__name__}: {exc}"
    return row


def run_tasks(tasks: Iterable[BenchTask], quick: bool = False,
              on_result: Callable[[dict[str, Any]], None] | None = None) -> list[dict[str, Any]]:
    """Run every task and return one result dict per task.

    Keys: ``task, ours_s, peer, peer_s, ratio (peer_s / ours_s), agreement, agreement_limit,
    agreed, target, target_met, error, extra`` (``None`` where not applicable). ``quick`` times
    one call per side; the full run takes the best of several (a task's own ``repeat`` and
    ``warm_up`` take precedence). ``on_result`` is called after each
    task (the CLI prints progress with it).
    """
    repeat, min_time = QUICK_TIMING if quick else FULL_TIMING
    results = []
    for task in tasks:
        row = _run_one(task, repeat, min_time)
        results.append(row)
        if on_result is not None:
            on_result(row)
    return results


def _pkg_version(name: str) -> str | None:
    try:
        return version(name)
    except PackageNotFoundError:
        return None


def _cpu_model() -> str:
    """The CPU model name (``/proc/cpuinfo`` on Linux, else ``platform.processor()``)."""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor()


def machine_info() -> dict[str, Any]:
    """Platform, processor, CPU count and package versions, recorded beside every result."""
    info: dict[str, Any] = {
        "platform": platform.platform(),
        "processor": _cpu_model(),
        "cpu_count": os.cpu_count(),
        "python": platform.python_version(),
        "blas_threads": os.environ.get("OPENBLAS_NUM_THREADS", "default"),
    }
    for pkg in ("numpy", "scipy", "qutip", "numba", "spinthermo"):
        v = _pkg_version(pkg)
        if v is not None or pkg != "qutip":
            info[pkg] = v
    return info


def write_results(results: list[dict[str, Any]], path: Path, quick: bool | None = None,
                  complete: bool | None = None) -> Path:
    """Write ``{"machine", "date", "quick", "complete", "results"}`` as JSON to ``path``.

    ``complete`` says whether every discovered task ran (``False`` for ``--task NAME``).
    Returns ``path``.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    doc = {
        "machine": machine_info(),
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "quick": quick,
        "complete": complete,
        "results": results,
    }
    path.write_text(json.dumps(doc, indent=2, default=str) + "\n")
    return path


def is_full_record(doc: Any) -> bool:
    """Whether a parsed ``results.json`` holds a full run: not quick, every task.

    Records written before ``complete`` existed count as full when not quick (the committed
    record was a full run).
    """
    return (isinstance(doc, dict) and doc.get("quick") is False
            and doc.get("complete", True) is not False)


def results_destination(out_dir: str | os.PathLike, bench_dir: str | os.PathLike, *,
                        quick: bool, complete: bool) -> Path:
    """The ``results.json`` path in ``out_dir`` a run may write, checked before it starts.

    Raises :class:`ValueError` (naming ``--out``) when ``out_dir`` cannot be written
    (:func:`spinthermo.destination.require_writable_directory`), when ``results.json`` there
    is not a file, or when a quick or incomplete run (``quick`` or not ``complete``) would
    replace a full record (:func:`is_full_record`) or write into ``bench_dir``, whose
    ``results.json`` is the committed record of a full run.
    """
    out = require_writable_directory(out_dir, "--out")
    path = out / RESULTS_FILE
    if path.exists() and not path.is_file():
        raise ValueError(f"--out {str(out)!r}: {str(path)!r} is not a file; choose another "
                         "directory")
    if not quick and complete:
        return path
    kind = "quick" if quick else "partial (--task)"
    if out.resolve() == Path(bench_dir).resolve():
        raise ValueError(f"--out {str(out)!r} is the benchmark directory, whose {RESULTS_FILE} "
                         f"is the committed record of a full run; a {kind} run does not replace "
                         "it: choose another --out")
    try:
        existing = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else None
    except (OSError, UnicodeDecodeError, ValueError):
        existing = None  # unreadable: no record to protect
    if is_full_record(existing):
        raise ValueError(f"--out {str(out)!r} holds a full benchmark record ({RESULTS_FILE} of "
                         f"{existing.get('date', 'unknown date')}); a {kind} run does not "
                         "replace it: choose another --out")
    return path


def discover_tasks(bench_dir: Path, quick: bool = False) -> list[BenchTask]:
    """Import every ``bench_*.py`` in ``bench_dir`` and collect ``tasks(quick)`` from each.

    ``bench_dir`` is put on ``sys.path`` while importing, so benchmark files may share helpers.
    A file that fails to import, lacks ``tasks`` or whose ``tasks`` raises or returns other
    objects raises :class:`BenchmarkFileError` naming the file.
    """
    bench_dir = Path(bench_dir)
    if not bench_dir.is_dir():
        raise FileNotFoundError(f"benchmark directory {str(bench_dir)!r} does not exist")
    tasks: list[BenchTask] = []
    sys.path.insert(0, str(bench_dir))
    try:
        for file in sorted(bench_dir.glob("bench_*.py")):
            tasks.extend(_file_tasks(file, quick))
    finally:
        sys.path.remove(str(bench_dir))
    return tasks


def _file_tasks(file: Path, quick: bool) -> list[BenchTask]:
    """``tasks(quick)`` of one benchmark file; :class:`BenchmarkFileError` if it is broken."""
    spec = importlib.util.spec_from_file_location(f"_spinthermo_bench.{file.stem}", file)
    if spec is None or spec.loader is None:
        raise BenchmarkFileError(f"cannot import benchmark file {file}")
    module = importlib.util.module_from_spec(spec)
    try:
        spec.loader.exec_module(module)
        if not callable(getattr(module, "tasks", None)):
            raise BenchmarkFileError(f"{file} must define tasks(quick: bool) -> list[BenchTask]")
        found = list(module.tasks(quick))
    except BenchmarkFileError:
        raise
    except Exception as exc:
        raise BenchmarkFileError(f"benchmark file {file} raised {type(exc).__name__}: "
                                 f"{exc}") from exc
    bad = [t for t in found if not isinstance(t, BenchTask)]
    if bad:
        raise BenchmarkFileError(f"{file}: tasks() returned non-BenchTask items {bad!r}")
    return found


def default_bench_dir() -> Path:
    """``./benchmarks`` if it exists, else ``benchmarks/`` of the source tree of spinthermo."""
    import spinthermo

    for candidate in (Path.cwd() / "benchmarks",
                      Path(spinthermo.__file__).resolve().parents[2] / "benchmarks"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(
        "no benchmarks directory: run from the repository root or pass --dir DIR"
    )
