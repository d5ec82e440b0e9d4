"""Executors: run chunks of grid points serially, in local processes, or on a Dask cluster.

A sweep is cut into chunks of consecutive points (C order); one chunk is one task. Every
executor runs the same :func:`run_chunk` on the same :class:`ChunkTask`, so the numbers do not
depend on the executor: a model function is deterministic and sees the same arguments.

* :class:`AutoExecutor` (the default, ``"auto"``) — in this process, unless the grid is large
  enough to pay for worker processes: it times the first chunks here and starts a
  :class:`ProcessExecutor` for the rest only when that saves more than the workers' start-up
  costs (:meth:`AutoExecutor.worth_workers`). Its :attr:`~AutoExecutor.description` says which
  it chose and why.
* :class:`SerialExecutor` — in this process, one chunk after another.
* :class:`ProcessExecutor` — a ``concurrent.futures.ProcessPoolExecutor`` of *spawned* worker
  processes (no fork of a parent that may run threads: a progress display, a Dask client).
  Workers ignore Ctrl-C (the parent handles it) and exit on their own if the parent dies. A
  worker that dies (killed, out of memory) breaks the pool: the chunks it held are run again
  in a fresh pool, up to :data:`MAX_POOL_RESTARTS` times. Because workers are spawned, a
  *script* must call the sweep under ``if __name__ == "__main__":`` (as for any spawned
  multiprocessing or a Dask ``LocalCluster``); notebooks and the CLI need nothing.
* :class:`DaskExecutor` — ``dask.distributed``: a running scheduler (``address``) or a
  ``LocalCluster`` of single-threaded worker processes started for the sweep. Dask retries a
  task whose worker died; a chunk that still fails (``KilledWorker``) is reported as lost.

Executors yield each :class:`ChunkResult` as soon as its chunk finishes; the runner writes it
to the store at once, so an interruption loses only the chunks in flight. Every executor has a
one-line :attr:`description` of where the chunks run (None until known), which the runner logs
and reports (``SweepProgress.executor``).
"""

from __future__ import annotations

import math
import multiprocessing
import os
import pickle
import signal
import sys
import threading
import time
import uuid
import warnings
from collections.abc import Callable, Iterator, Mapping
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Any

import numpy as np

from spinthermo.sweep.catalogue import resolve_function

__all__ = [
    "EXECUTORS",
    "AutoExecutor",
    "ChunkResult",
    "ChunkTask",
    "DaskExecutor",
    "LostChunk",
    "PointError",
    "ProcessExecutor",
    "SerialExecutor",
    "default_workers",
    "make_executor",
    "run_chunk",
    "unsendable_reason",
]

EXECUTORS = ("auto", "processes", "serial", "dask")
#: How often a process pool whose worker died is replaced before the sweep stops: a model that
#: crashes its process at a given point would otherwise be retried forever.
MAX_POOL_RESTARTS = 3
#: Longest error or warning message kept per point (characters).
MAX_MESSAGE = 400
#: Seconds between a worker's checks that its parent is still alive.
PARENT_POLL_S = 0.5
#: Seconds to wait for a Dask scheduler given by address before the sweep is refused.
DASK_CONNECT_TIMEOUT_S = 15.0
#: Environment variables that cap BLAS/OpenMP threads; set to 1 for worker processes (small
#: matrices run fastest on one thread, and one thread per worker avoids oversubscription).
BLAS_VARIABLES = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")
#: Seconds that worker processes cost before they compute at full speed, the
#: :class:`AutoExecutor`'s estimate: spawning them until each has imported the model (Python,
#: numpy, scipy, the model module; 0.4–0.6 s for 1–2 workers on the 2-core reference machine)
#: plus each worker's first call filling its caches (numba's compiled kernels: up to ~1 s).
WORKER_STARTUP_S = 1.5
#: Fraction of ideal speed-up that W workers reach in the compute phase (a sweep on the 2 vCPUs
#: of the reference machine computes ~1.5× faster on 2 workers than on 1).
PARALLEL_EFFICIENCY = 0.75
#: Seconds a started worker waits for the others to start before the start-up is given up.
STARTUP_TIMEOUT_S = 300.0


class PointError(RuntimeError):
    """A model function raised at a point and the sweep was asked to stop (``on_error="raise"``)."""


@dataclass(frozen=True)
class ChunkTask:
    """Points ``start ≤ k < stop`` of a grid, to be passed to ``function`` with ``fixed``.

    Parameters
    ----------
    index : int
        Chunk number.
    start, stop : int
        Flat point range (C order over ``axes``), ``start ≤ k < stop``.
    function : str or callable
        A model name, a ``"module:function"`` path or a callable (picklable for processes).
    axes : tuple of tuple
        ``(name, values)`` of each grid axis, in grid order.
    fixed : tuple of tuple, optional
        ``(name, value)`` of the model's other parameters.
    outputs : tuple of str, optional
        Output names each point must return (None: taken from the first point).
    on_error : str, optional
        ``"record"`` (default) or ``"raise"``, as for :func:`run_chunk`.
    batch_function : str or callable, optional
        The model's batch function (``"module:function"`` or a callable): the chunk is then
        evaluated as one batch (:func:`run_chunk`). None (default): point by point.
    """

    index: int
    start: int
    stop: int
    function: str | Callable
    axes: tuple[tuple[str, tuple], ...]
    fixed: tuple[tuple[str, Any], ...] = ()
    outputs: tuple[str, ...] | None = None
    on_error: str = "record"
    batch_function: str | Callable | None = None

    @property
    def size(self) -> int:
        """Number of points in the chunk."""
        return self.stop - self.start


@dataclass
class ChunkResult:
    """The outputs of one chunk.

    Parameters
    ----------
    index : int
        Chunk number.
    start, stop : int
        Flat point range of the chunk.
    outputs : tuple of str
        Output names, in the order of ``values``' rows.
    values : numpy.ndarray, shape (m, n)
        m = len(outputs), n = stop − start; ``values[i, k]`` is output ``outputs[i]`` at point
        ``start + k`` (NaN at a failed point).
    errors : tuple of str
        Per point, ``""`` or the error message of a failed point.
    warnings : tuple of str
        Per point, the warnings it raised (``""`` for none).
    elapsed_s : float, optional
        Wall time of the chunk in s.
    """

    index: int
    start: int
    stop: int
    outputs: tuple[str, ...]
    values: np.ndarray
    errors: tuple[str, ...]
    warnings: tuple[str, ...]
    elapsed_s: float = 0.0

    @property
    def n_failed(self) -> int:
        """Number of failed points in the chunk."""
        return sum(1 for e in self.errors if e)


@dataclass(frozen=True)
class LostChunk:
    """A chunk that could not be computed (its worker died for good); it stays missing.

    Parameters
    ----------
    index : int
        Chunk number.
    reason : str
        Why it was lost.
    """

    index: int
    reason: str


def _message(exc: BaseException) -> str:
    text = f"{type(exc).__name__}: {exc}"
    return text if len(text) <= MAX_MESSAGE else text[:MAX_MESSAGE - 1] + "…"


def _check_result(result, names: list[str] | None) -> dict[str, float]:
    """The point's outputs as floats; raises on a non-mapping, wrong names, arrays or NaN."""
    if not isinstance(result, Mapping):
        raise TypeError(f"the model function must return a mapping {{output: value}}; "
                        f"received {type(result).__name__}")
    if names is not None and set(result) != set(names):
        raise ValueError(f"the model function returned outputs {sorted(result)}; expected "
                         f"{sorted(names)}")
    out = {}
    for key, value in result.items():
        if np.ndim(value) != 0:
            raise TypeError(f"output {key!r} must be a scalar; received shape "
                            f"{np.shape(value)}")
        number = float(np.real_if_close(value))
        if math.isnan(number):
            raise ValueError(f"output {key!r} is NaN")
        out[str(key)] = number
    return out


def run_chunk(task: ChunkTask) -> ChunkResult:
    """Evaluate the model at every point of ``task``; the same code on every executor.

    A point whose function raises is recorded (its error message, NaN outputs) and the chunk
    goes on, unless ``task.on_error == "raise"`` (then :class:`PointError`). Warnings are
    caught and recorded per point rather than printed by every worker.

    Parameters
    ----------
    task : ChunkTask
        The chunk's points, function and fixed parameters.

    Returns
    -------
    ChunkResult

    Notes
    -----
    With ``task.batch_function`` the chunk is one call of it, and each point's row goes
    through the same checks, so the record equals the point-by-point one: the same outputs
    (to 1e-12, the batch function's contract), dtypes and error messages. A batch call that
    raises or warns is discarded and the chunk is run point by point (warnings are per-point
    information that a batch cannot attribute).
    """
    names = list(task.outputs) if task.outputs is not None else None
    start = time.perf_counter()
    evaluated = None
    if task.batch_function is not None:
        evaluated = _evaluate_batch(task, resolve_function(task.batch_function), names)
    if evaluated is None:
        evaluated = _tabulate(*_evaluate_points(task, resolve_function(task.function), names),
                              names)
    names, values, errors, caught_warnings = evaluated
    return ChunkResult(task.index, task.start, task.stop, tuple(names), values, tuple(errors),
                       tuple(caught_warnings), time.perf_counter() - start)


def _tabulate(rows: list, errors: list[str], caught_warnings: list[str],
              names: list[str] | None):
    """``(names, values, errors, warnings)`` from per-point rows (None at a failed point):
    ``values[i, k]`` is output ``names[i]`` at point k, NaN where the point failed."""
    if names is None:
        names = next((list(row) for row in rows if row is not None), [])
    values = np.full((len(names), len(rows)), np.nan)
    for k, row in enumerate(rows):
        if row is not None:
            values[:, k] = [row[name] for name in names]
    return names, values, errors, caught_warnings


def _point_arguments(task: ChunkTask, flat: int) -> dict[str, Any]:
    """The keyword arguments of point ``flat`` (C order over the axes), fixed ones last."""
    shape = tuple(len(values) for _, values in task.axes)
    multi = np.unravel_index(flat, shape)
    kwargs = {name: values[int(i)] for (name, values), i in zip(task.axes, multi, strict=True)}
    kwargs.update(dict(task.fixed))
    return kwargs


def _row(result, names: list[str] | None, error: BaseException | None, task: ChunkTask,
         flat: int) -> tuple[dict[str, float] | None, str]:
    """A point's checked row and error message (``""``); :class:`PointError` under
    ``on_error="raise"``."""
    try:
        if error is not None:
            raise error
        return _check_result(result, names), ""
    except Exception as exc:
        if task.on_error == "raise":
            raise PointError(f"at {_point_arguments(task, flat)}: {_message(exc)}") from exc
        return None, _message(exc)


def _evaluate_points(task: ChunkTask, function: Callable, names: list[str] | None):
    """Rows, error messages and warnings of the chunk, one call of ``function`` per point."""
    rows: list[dict[str, float] | None] = []
    errors, caught_warnings = [], []
    for flat in range(task.start, task.stop):
        kwargs = _point_arguments(task, flat)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                result, failure = function(**kwargs), None
            except Exception as exc:
                result, failure = None, exc
            row, error = _row(result, names, failure, task, flat)
        text = "; ".join(dict.fromkeys(f"{w.category.__name__}: {w.message}" for w in caught))
        caught_warnings.append(text[:MAX_MESSAGE])
        if row is not None and names is None:
            names = list(row)
        rows.append(row)
        errors.append(error)
    return rows, errors, caught_warnings


def _evaluate_batch(task: ChunkTask, batch_function: Callable, names: list[str] | None):
    """As :func:`_tabulate` of :func:`_evaluate_points`, from one call of the model's batch
    function; None when that call raises or warns (the chunk is then run point by point).

    Outputs of a real dtype with the expected names are checked as whole arrays: only the
    points that failed or hold a NaN go through the per-point checks (:func:`_row`), which
    give them the point path's messages. Anything else (complex or object outputs, other
    names) is checked point by point.
    """
    shape = tuple(len(values) for _, values in task.axes)
    multi = np.unravel_index(np.arange(task.start, task.stop), shape)
    columns = {name: [values[int(i)] for i in index]
               for (name, values), index in zip(task.axes, multi, strict=True)}
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            outputs, failures = batch_function(**columns, **dict(task.fixed))
        except Exception:
            return None
    if caught:
        return None
    size = task.size
    if len(failures) != size or any(np.shape(v) != (size,) for v in outputs.values()):
        raise TypeError(f"the batch function {batch_function!r} must return outputs of shape "
                        f"({size},) and {size} errors for a chunk of {size} points; received "
                        f"shapes {[np.shape(v) for v in outputs.values()]} and "
                        f"{len(failures)} errors")
    arrays = {str(name): np.asarray(value) for name, value in outputs.items()}
    if not arrays or any(a.dtype.kind not in "biuf" for a in arrays.values()) or (
            names is not None and set(arrays) != set(names)):
        return _tabulate(*_batch_rows(task, outputs, failures, names), names)
    names = list(arrays) if names is None else names
    values = np.stack([arrays[name].astype(float, copy=False) for name in names])
    errors = [""] * size
    suspect = np.isnan(values).any(axis=0)
    suspect[[k for k, failure in enumerate(failures) if failure is not None]] = True
    for k in np.flatnonzero(suspect):
        failure = failures[k]
        result = None if failure is not None else {name: a[k] for name, a in arrays.items()}
        row, errors[k] = _row(result, names, failure, task, task.start + int(k))
        values[:, k] = np.nan if row is None else [row[name] for name in names]
    return names, values, errors, [""] * size


def _batch_rows(task: ChunkTask, outputs: Mapping, failures: list, names: list[str] | None):
    """Per-point rows, errors and warnings of a batch's outputs, each point checked alone."""
    rows, errors = [], []
    for k, failure in enumerate(failures):
        result = None if failure is not None else {name: value[k]
                                                   for name, value in outputs.items()}
        row, error = _row(result, names, failure, task, task.start + k)
        if row is not None and names is None:
            names = list(row)
        rows.append(row)
        errors.append(error)
    return rows, errors, [""] * task.size


def default_workers() -> int:
    """All cores this process may use (``os.process_cpu_count`` / affinity / ``cpu_count``).

    Returns
    -------
    int
        At least 1.
    """
    counter = getattr(os, "process_cpu_count", None)
    if counter is not None:
        return max(1, counter() or 1)
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


def _check_workers(workers) -> int:
    if workers is None:
        return default_workers()
    if isinstance(workers, bool) or not isinstance(workers, int | np.integer) or workers < 1:
        raise ValueError(f"workers must be an integer >= 1; received {workers!r}")
    return int(workers)


class SerialExecutor:
    """Run chunks one after another in this process."""

    name = "serial"
    #: One line saying where the chunks run.
    description = "in this process (executor 'serial')"

    def __init__(self) -> None:
        self.workers = 1
        self.startup_s = 0.0

    def __enter__(self) -> SerialExecutor:
        return self

    def __exit__(self, *exc) -> None:
        pass

    def run(self, tasks: list[ChunkTask]) -> Iterator[ChunkResult | LostChunk]:
        """Yield each chunk's result in order.

        Parameters
        ----------
        tasks : list of ChunkTask
            The chunks to compute.

        Yields
        ------
        ChunkResult
        """
        for task in tasks:
            yield run_chunk(task)

    def abort(self) -> None:
        """Nothing runs in the background."""


def _watch_parent(parent_pid: int) -> None:
    while True:
        time.sleep(PARENT_POLL_S)
        if os.getppid() != parent_pid:
            os._exit(1)  # the parent died: do not compute chunks nobody will save


_startup_barrier = None


def _init_worker(parent_pid: int, barrier=None) -> None:
    """Worker start-up: leave Ctrl-C to the parent, and exit if the parent dies."""
    global _startup_barrier
    _startup_barrier = barrier
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_watch_parent, args=(parent_pid,), daemon=True,
                     name="spinthermo-parent-watch").start()


def _warm_up(functions: tuple) -> int:
    """Import the chunks' functions in this worker, then wait until every worker has: one call
    per worker, so the pool's start-up ends when all workers are ready to compute."""
    try:
        for function in functions:
            resolve_function(function)
    except BaseException:
        _startup_barrier.abort()  # the other workers stop waiting for this one
        raise
    _startup_barrier.wait(STARTUP_TIMEOUT_S)
    return os.getpid()


def limit_blas_threads() -> None:
    """Set the BLAS/OpenMP thread variables to 1 where unset, for processes started later."""
    for variable in BLAS_VARIABLES:
        os.environ.setdefault(variable, "1")


def unsendable_reason(function) -> str | None:
    """Why ``function`` cannot be sent to spawned worker processes, or None if it can.

    Parameters
    ----------
    function : str or callable
        A model name, a ``"module:function"`` path (always sendable) or a callable.

    Returns
    -------
    str or None
        A sentence naming the function and what to do instead, or None.
    """
    if not callable(function):
        return None
    main = sys.modules.get("__main__")
    if getattr(function, "__module__", None) == "__main__" and not getattr(main, "__file__",
                                                                           None):
        return (f"{function!r} is defined in an interactive session (a notebook), which worker "
                "processes cannot import: put it in a module (and pass it or "
                "'module:function'), or use executor='serial' or 'dask'")
    try:
        pickle.dumps(function)
    except Exception:
        return (f"{function!r} cannot be sent to worker processes: give a top-level function "
                "of an importable module (or its path 'module:function'), or use "
                "executor='serial' or 'dask'")
    return None


class ProcessExecutor:
    """Run chunks in ``workers`` spawned local processes (default: all cores).

    Worker processes get one BLAS thread each (the variables of :data:`BLAS_VARIABLES` are set
    to 1 in this process's environment where unset, which new processes inherit). Use as a
    context manager around :meth:`run`; the workers live until the outermost ``with`` block
    ends, so an executor entered by the caller keeps its warm workers across several
    :meth:`run` calls (and several ``run_sweep(executor=...)`` calls).

    A run has two phases, timed apart: start-up (spawning the workers until every one has
    imported the chunks' function; :attr:`startup_s`) and compute (from then until the last
    chunk is back; :attr:`compute_s`). No chunk starts before every worker is ready.

    Parameters
    ----------
    workers : int, optional
        Number of worker processes, ≥ 1 (default :func:`default_workers`); fewer are started
        when there are fewer chunks.
    """

    name = "processes"

    def __init__(self, workers: int | None = None) -> None:
        self.workers = _check_workers(workers)
        self._pool: ProcessPoolExecutor | None = None
        self._depth = 0
        self.restarts = 0
        #: Seconds spent starting worker processes (every pool, restarts included).
        self.startup_s = 0.0
        #: Seconds of the compute phases (all workers ready until the last chunk is back).
        self.compute_s = 0.0

    @property
    def description(self) -> str:
        """Where the chunks run, in one line."""
        return f"{self.workers} worker process{'es' if self.workers > 1 else ''} (executor " \
               "'processes')"

    def __enter__(self) -> ProcessExecutor:
        limit_blas_threads()
        self._depth += 1
        return self

    def __exit__(self, *exc) -> None:
        self._depth = max(0, self._depth - 1)
        if exc[0] is not None or self._depth == 0:
            self._close(terminate=exc[0] is not None)

    def start(self, functions: tuple = (), n_workers: int | None = None) -> float:
        """Start the workers now (otherwise :meth:`run` starts them) and wait until each has
        imported ``functions``.

        Parameters
        ----------
        functions : tuple, optional
            Model names, ``"module:function"`` paths or picklable callables (str or callable)
            to import in every worker.
        n_workers : int, optional
            How many to start, 1 to :attr:`workers` (default :attr:`workers`).

        Returns
        -------
        float
            The start-up time in s (also added to :attr:`startup_s`).

        Raises
        ------
        concurrent.futures.process.BrokenProcessPool
            When a worker died while starting.
        """
        n_workers = self.workers if n_workers is None else n_workers
        if not 1 <= n_workers <= self.workers:
            raise ValueError(f"n_workers must be between 1 and workers={self.workers}; "
                             f"received {n_workers!r}")
        if self._pool is not None:
            self._close(terminate=False)
        started = time.perf_counter()
        self._pool = self._new_pool(n_workers)
        try:
            futures = [self._pool.submit(_warm_up, functions) for _ in range(n_workers)]
            errors = [e for f in futures if (e := f.exception()) is not None]
            if errors:  # the cause, not the other workers' BrokenBarrierError
                raise next((e for e in errors if not isinstance(e, threading.BrokenBarrierError)),
                           errors[0])
        finally:
            elapsed = time.perf_counter() - started
            self.startup_s += elapsed
        return elapsed

    def _new_pool(self, n_workers: int) -> ProcessPoolExecutor:
        context = multiprocessing.get_context("spawn")
        return ProcessPoolExecutor(max_workers=n_workers, mp_context=context,
                                   initializer=_init_worker,
                                   initargs=(os.getpid(), context.Barrier(n_workers)))

    def _close(self, terminate: bool) -> None:
        """Shut the pool down. Normally the idle workers exit in the background (no wait for
        their interpreters to finalise); ``terminate`` stops busy workers and waits."""
        pool, self._pool = self._pool, None
        if pool is None:
            return
        if terminate:
            # concurrent.futures has no public way to stop running tasks before Python 3.14
            for process in list((getattr(pool, "_processes", None) or {}).values()):
                if process.is_alive():
                    process.terminate()
        pool.shutdown(wait=terminate, cancel_futures=True)

    def run(self, tasks: list[ChunkTask]) -> Iterator[ChunkResult | LostChunk]:
        """Yield chunk results as they finish; replace the pool if a worker dies.

        After :data:`MAX_POOL_RESTARTS` replacements the chunks still pending are given up.

        Parameters
        ----------
        tasks : list of ChunkTask
            The chunks to compute.

        Yields
        ------
        ChunkResult or LostChunk
            In completion order, not chunk order.
        """
        pending = {task.index: task for task in tasks}
        functions = tuple(dict.fromkeys(f for task in tasks[:1]
                                        for f in (task.function, task.batch_function)
                                        if f is not None))
        finished_any = False
        while pending:
            broken = None
            try:
                if self._pool is None:
                    self.start(functions, min(self.workers, len(pending)))
                computing = time.perf_counter()
                futures = {self._pool.submit(run_chunk, task): index
                           for index, task in pending.items()}
            except BrokenProcessPool as exc:
                broken, futures = exc, {}
            try:
                not_done = set(futures)
                while not_done:
                    done, not_done = wait(not_done, return_when=FIRST_COMPLETED)
                    for future in done:
                        try:
                            result = future.result()
                        except BrokenProcessPool as exc:
                            broken = exc
                            continue
                        del pending[futures[future]]
                        finished_any = True
                        yield result
            finally:
                if futures:
                    self.compute_s += time.perf_counter() - computing
            if broken is not None:
                self._close(terminate=True)
            if broken is not None and pending:
                if not finished_any:
                    raise RuntimeError(
                        "the worker processes died before finishing any chunk. In a script, "
                        "run the sweep under `if __name__ == '__main__':` (workers are spawned "
                        "and import the main module); otherwise a worker crashed (killed, out "
                        f"of memory) on the first chunks: {broken}")
                self.restarts += 1
                if self.restarts > MAX_POOL_RESTARTS:
                    reason = (f"worker processes died {self.restarts} times "
                              f"(last: {broken}); giving up on this chunk")
                    for index in sorted(pending):
                        yield LostChunk(index, reason)
                    return

    def abort(self) -> None:
        """Stop now: cancel queued chunks and terminate the workers (in-flight chunks lost)."""
        self._close(terminate=True)


class AutoExecutor:
    """Chunks in this process, or in worker processes when the grid pays for their start-up.

    The first chunk runs here and is timed (it also absorbs imports and JIT compilation); when
    its rate already says that workers would not pay, the rest runs here too; otherwise a second
    chunk is timed warm, and its rate decides (:meth:`worth_workers`) whether a
    :class:`ProcessExecutor` of ``workers`` processes computes the rest. A function that cannot
    be sent to worker processes (a lambda, a notebook function) always runs here. The results
    are the same as on any executor (:func:`run_chunk` on the same tasks).

    Parameters
    ----------
    workers : int, optional
        The most worker processes to start, ≥ 1 (default :func:`default_workers`); with 1,
        every chunk runs in this process.
    """

    name = "auto"

    def __init__(self, workers: int | None = None) -> None:
        self.workers = _check_workers(workers)
        self._processes: ProcessExecutor | None = None
        self._closed_startup_s = 0.0
        #: Which executor was chosen and why, in one line; None until the first chunks ran.
        self.description: str | None = None
        #: ``"serial"`` or ``"processes"`` once chosen, else None.
        self.chosen: str | None = None

    @property
    def startup_s(self) -> float:
        """Seconds spent starting worker processes (0 when every chunk ran here)."""
        running = 0.0 if self._processes is None else self._processes.startup_s
        return self._closed_startup_s + running

    @staticmethod
    def worth_workers(remaining_s: float, workers: int,
                      startup_s: float = WORKER_STARTUP_S,
                      efficiency: float = PARALLEL_EFFICIENCY) -> bool:
        """Whether ``workers`` processes finish ``remaining_s`` of serial work sooner than this
        process: ``startup_s + remaining_s / (efficiency · workers) < remaining_s``.

        Parameters
        ----------
        remaining_s : float
            Estimated time in s to compute the remaining points in this process, ≥ 0.
        workers : int
            Worker processes that would be started, ≥ 1.
        startup_s : float, optional
            Their start-up time in s (default :data:`WORKER_STARTUP_S`).
        efficiency : float, optional
            Fraction of the ideal speed-up reached, in (0, 1] (default
            :data:`PARALLEL_EFFICIENCY`).

        Returns
        -------
        bool
            False whenever ``efficiency · workers ≤ 1`` (one worker never pays).
        """
        speedup = efficiency * workers
        return speedup > 1 and startup_s + remaining_s / speedup < remaining_s

    def __enter__(self) -> AutoExecutor:
        return self

    def __exit__(self, *exc) -> None:
        processes, self._processes = self._processes, None
        if processes is not None:
            self._closed_startup_s += processes.startup_s
            processes.__exit__(*exc)

    def _choose(self, chosen: str, reason: str) -> None:
        self.chosen = chosen
        where = "in this process" if chosen == "serial" else \
            f"{self.workers} worker process{'es' if self.workers > 1 else ''}"
        self.description = f"{where} (executor 'auto'): {reason}"

    def _decide(self, probes: list[ChunkResult], rest: list[ChunkTask]) -> None:
        """Choose from the rate of the last of ``probes``, or leave :attr:`chosen` None to
        time one more chunk (the first, cold chunk said that workers would pay)."""
        if not rest:
            self._choose("serial", "every chunk ran while the first were timed")
            return
        probe = probes[-1]
        per_point = probe.elapsed_s / max(probe.stop - probe.start, 1)
        remaining = sum(task.size for task in rest)
        remaining_s = per_point * remaining
        worth = self.worth_workers(remaining_s, self.workers, WORKER_STARTUP_S,
                                   PARALLEL_EFFICIENCY)
        if not worth or len(probes) >= 2:
            speedup = PARALLEL_EFFICIENCY * self.workers
            parallel = (f"~{WORKER_STARTUP_S + remaining_s / speedup:.2g} s ("
                        f"{WORKER_STARTUP_S:g} s start-up + {remaining_s:.2g} s / {speedup:g})"
                        if speedup > 1 else "no less")
            self._choose("processes" if worth else "serial",
                         f"the remaining {remaining} points take ~{remaining_s:.2g} s here "
                         f"({per_point * 1e3:.2g} ms each, timed on chunk {probe.index}); "
                         f"{self.workers} workers would take {parallel}")

    def run(self, tasks: list[ChunkTask]) -> Iterator[ChunkResult | LostChunk]:
        """Yield chunk results: the timed first chunks from this process, then the rest from
        wherever :meth:`worth_workers` chose.

        Parameters
        ----------
        tasks : list of ChunkTask
            The chunks to compute.

        Yields
        ------
        ChunkResult or LostChunk
            The chunks run here in order; the rest in completion order.
        """
        rest = list(tasks)
        self.chosen = self.description = None
        if self.workers == 1 or len(rest) <= 1:
            self._choose("serial", "workers=1, and one worker process is never faster than "
                         "this one" if self.workers == 1 else "the grid is a single chunk")
        else:
            unsendable = [f for f in (rest[0].function, rest[0].batch_function)
                          if unsendable_reason(f) is not None]
            if unsendable:
                self._choose("serial", f"{unsendable[0]!r} cannot be sent to worker processes "
                                       "(not picklable, or defined in a notebook)")
        probes: list[ChunkResult] = []
        while rest and self.chosen is None:
            probes.append(run_chunk(rest.pop(0)))
            self._decide(probes, rest)
            yield probes[-1]
        if self.chosen == "processes":
            if self._processes is None:
                self._processes = ProcessExecutor(self.workers).__enter__()
            yield from self._processes.run(rest)
        else:
            for task in rest:
                yield run_chunk(task)

    def abort(self) -> None:
        """Terminate the worker processes, if any were started."""
        if self._processes is not None:
            self._processes.abort()


class DaskExecutor:
    """Run chunks on Dask: the scheduler at ``address``, or a new ``LocalCluster``.

    Use as a context manager around :meth:`run`; a cluster it started is closed again at
    the end.

    Parameters
    ----------
    address : str, optional
        Address of a running Dask scheduler (e.g. ``"tcp://host:8786"``); None starts a
        ``LocalCluster`` of ``workers`` single-threaded worker processes.
    workers : int, optional
        Local worker processes, ≥ 1 (default :func:`default_workers`); ignored with
        ``address``.
    """

    name = "dask"

    @property
    def description(self) -> str:
        """Where the chunks run, in one line."""
        if self.address is not None:
            return f"the Dask scheduler at {self.address} (executor 'dask')"
        return f"a local Dask cluster of {self.workers} worker processes (executor 'dask')"

    def __init__(self, address: str | None = None, workers: int | None = None) -> None:
        try:
            import distributed  # noqa: F401
        except ImportError:
            raise ImportError(
                "the Dask executor needs dask.distributed; install it with "
                "`pip install 'spinthermo[dask]'` (or `pip install 'dask[distributed]'`)"
            ) from None
        self.address = address
        self.workers = _check_workers(workers) if address is None else workers
        self._client = None
        self._cluster = None
        self._futures: set = set()

    def __enter__(self) -> DaskExecutor:
        from distributed import Client, LocalCluster

        limit_blas_threads()
        if self.address is not None:
            try:
                self._client = Client(self.address, timeout=f"{DASK_CONNECT_TIMEOUT_S}s")
            except (OSError, TimeoutError) as exc:
                raise ConnectionError(f"cannot reach the Dask scheduler at {self.address!r}: "
                                      f"{exc}") from None
            self.workers = len(self._client.scheduler_info().get("workers", {})) or None
        else:
            import dask

            # the workers' statistical profiler samples the running task's stack every 10 ms:
            # a few per cent of the CPU for a sweep of pure-Python model calls, and unused here.
            # Nannies give their workers MALLOC_TRIM_THRESHOLD_=65536 (and leave it in this
            # process's environment, for the worker processes started later): glibc then
            # returns every freed array above 128 kB to the system and takes it back zeroed
            # on the next allocation, which makes a batch model's NumPy arithmetic ~2x slower
            # (the alkali-ness batch: 0.09 s -> 0.17 s per 2048 points); None drops it.
            with dask.config.set({"distributed.worker.profile.enabled": False,
                                  "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_":
                                  None}):
                self._cluster = LocalCluster(n_workers=self.workers, threads_per_worker=1,
                                             processes=True, dashboard_address=None)
            self._client = Client(self._cluster)
        return self

    def __exit__(self, *exc) -> None:
        if exc[0] is not None:
            self.abort()
        if self._client is not None:
            self._client.close()
        if self._cluster is not None:
            self._cluster.close()
        self._client = self._cluster = None

    def run(self, tasks: list[ChunkTask]) -> Iterator[ChunkResult | LostChunk]:
        """Submit every chunk; yield results as they complete.

        Parameters
        ----------
        tasks : list of ChunkTask
            The chunks to compute.

        Yields
        ------
        ChunkResult or LostChunk
            In completion order; a chunk whose worker died is a :class:`LostChunk`.
        """
        from distributed import as_completed
        from distributed.scheduler import KilledWorker

        token = uuid.uuid4().hex[:8]
        index_of = {}
        for task in tasks:
            future = self._client.submit(run_chunk, task, pure=False,
                                         key=f"spinthermo-chunk-{task.index}-{token}")
            index_of[future.key] = task.index
            self._futures.add(future)
        for future in as_completed(list(self._futures)):
            self._futures.discard(future)
            try:
                result = future.result()
            except KilledWorker as exc:
                yield LostChunk(index_of[future.key], f"Dask worker died running it: {exc}")
                continue
            finally:
                future.release()  # the worker may drop the chunk's data now
            yield result

    def abort(self) -> None:
        """Cancel every chunk not yet finished."""
        if self._client is not None and self._futures:
            try:
                self._client.cancel(list(self._futures))
            except Exception:  # the scheduler may already be gone
                pass


def make_executor(executor: str | object = "auto", workers: int | None = None,
                  dask_address: str | None = None):
    """An executor by name: ``"auto"`` (default), ``"processes"``, ``"serial"`` or ``"dask"``.

    Parameters
    ----------
    executor : str or executor object, optional
        ``"auto"`` (default; this process, or local worker processes when the grid pays for
        their start-up, :class:`AutoExecutor`), ``"processes"`` (always local worker
        processes), ``"serial"`` or ``"dask"``; or an executor object (e.g. a
        :class:`ProcessExecutor` the caller keeps entered, to reuse its warm workers), returned
        as it is.
    workers : int, optional
        Worker processes (default all cores; the serial executor accepts only 1).
    dask_address : str, optional
        A Dask scheduler address; implies ``"dask"``, which without it starts a
        ``LocalCluster`` of ``workers`` processes.

    Returns
    -------
    AutoExecutor, SerialExecutor, ProcessExecutor or DaskExecutor
        Not yet entered: use it as a context manager.
    """
    if not isinstance(executor, str) and callable(getattr(executor, "run", None)):
        if workers is not None or dask_address is not None:
            raise ValueError("workers and dask_address belong to the executor object given; "
                             f"received workers={workers!r}, dask_address={dask_address!r}")
        return executor
    if dask_address is not None:
        if executor not in ("dask", "processes", "auto"):
            raise ValueError(f"dask_address needs executor='dask'; received executor="
                             f"{executor!r}")
        return DaskExecutor(dask_address, workers)
    if executor == "auto":
        return AutoExecutor(workers)
    if executor == "processes":
        return ProcessExecutor(workers)
    if executor == "serial":
        if workers not in (None, 1):
            raise ValueError(f"the serial executor runs one worker; received workers={workers}")
        return SerialExecutor()
    if executor == "dask":
        return DaskExecutor(None, workers)
    raise ValueError(f"executor must be one of {EXECUTORS} or an executor object; received "
                     f"{executor!r}")
