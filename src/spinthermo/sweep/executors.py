"""Executors: run chunks of grid points serially, in local processes, or on a Dask cluster.

A sweep is cut into chunks of consecutive points (C order); one chunk is one task. Every
executor runs the same :func:`run_chunk` on the same :class:`ChunkTask`, so the numbers do not
depend on the executor: a model function is deterministic and sees the same arguments.

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
to the store at once, so an interruption loses only the chunks in flight.
"""

from __future__ import annotations

import math
import multiprocessing
import os
import signal
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
]

EXECUTORS = ("processes", "serial", "dask")
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
        evaluated = _evaluate_points(task, resolve_function(task.function), names)
    rows, errors, caught_warnings = evaluated
    if names is None:
        names = next((list(row) for row in rows if row is not None), [])
    values = np.full((len(names), len(rows)), np.nan)
    for k, row in enumerate(rows):
        if row is not None:
            values[:, k] = [row[name] for name in names]
    return ChunkResult(task.index, task.start, task.stop, tuple(names), values, tuple(errors),
                       tuple(caught_warnings), time.perf_counter() - start)


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
    """As :func:`_evaluate_points` from one call of the model's batch function, or None
    when that call raises or warns (the chunk is then run point by point)."""
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
    rows, errors = [], []
    for k, failure in enumerate(failures):
        result = None if failure is not None else {name: value[k]
                                                   for name, value in outputs.items()}
        row, error = _row(result, names, failure, task, task.start + k)
        if row is not None and names is None:
            names = list(row)
        rows.append(row)
        errors.append(error)
    return rows, errors, [""] * size


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

    def __init__(self) -> None:
        self.workers = 1

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


def _init_worker(parent_pid: int) -> None:
    """Worker start-up: leave Ctrl-C to the parent, and exit if the parent dies."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_watch_parent, args=(parent_pid,), daemon=True,
                     name="spinthermo-parent-watch").start()


def limit_blas_threads() -> None:
    """Set the BLAS/OpenMP thread variables to 1 where unset, for processes started later."""
    for variable in BLAS_VARIABLES:
        os.environ.setdefault(variable, "1")


class ProcessExecutor:
    """Run chunks in ``workers`` spawned local processes (default: all cores).

    Worker processes get one BLAS thread each (the variables of :data:`BLAS_VARIABLES` are set
    to 1 in this process's environment where unset, which new processes inherit). Use as a
    context manager around :meth:`run`.

    Parameters
    ----------
    workers : int, optional
        Number of worker processes, ≥ 1 (default :func:`default_workers`).
    """

    name = "processes"

    def __init__(self, workers: int | None = None) -> None:
        self.workers = _check_workers(workers)
        self._pool: ProcessPoolExecutor | None = None
        self.restarts = 0

    def __enter__(self) -> ProcessExecutor:
        limit_blas_threads()
        return self

    def __exit__(self, *exc) -> None:
        self._close(terminate=exc[0] is not None)

    def _new_pool(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(max_workers=self.workers,
                                   mp_context=multiprocessing.get_context("spawn"),
                                   initializer=_init_worker, initargs=(os.getpid(),))

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
        finished_any = False
        while pending:
            self._pool = self._new_pool()
            futures = {self._pool.submit(run_chunk, task): index
                       for index, task in pending.items()}
            broken = None
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
            self._close(terminate=False)
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
            # a few per cent of the CPU for a sweep of pure-Python model calls, and unused here
            with dask.config.set({"distributed.worker.profile.enabled": False}):
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


def make_executor(executor: str = "processes", workers: int | None = None,
                  dask_address: str | None = None):
    """An executor by name: ``"processes"`` (default), ``"serial"`` or ``"dask"``.

    Parameters
    ----------
    executor : str, optional
        ``"processes"`` (default), ``"serial"`` or ``"dask"``.
    workers : int, optional
        Worker processes (default all cores; the serial executor accepts only 1).
    dask_address : str, optional
        A Dask scheduler address; implies ``"dask"``, which without it starts a
        ``LocalCluster`` of ``workers`` processes.

    Returns
    -------
    SerialExecutor, ProcessExecutor or DaskExecutor
        Not yet entered: use it as a context manager.
    """
    if dask_address is not None:
        if executor not in ("dask", "processes"):
            raise ValueError(f"dask_address needs executor='dask'; received executor="
                             f"{executor!r}")
        return DaskExecutor(dask_address, workers)
    if executor == "processes":
        return ProcessExecutor(workers)
    if executor == "serial":
        if workers not in (None, 1):
            raise ValueError(f"the serial executor runs one worker; received workers={workers}")
        return SerialExecutor()
    if executor == "dask":
        return DaskExecutor(None, workers)
    raise ValueError(f"executor must be one of {EXECUTORS}; received {executor!r}")
