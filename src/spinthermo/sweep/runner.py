"""``run_sweep``: a model over a parameter grid, on any executor, streamed to a resumable store.

>>> ds = run_sweep("dipolar-coherence", ["n_atoms=2:4:3", "nbar=0.5,10"], executor="serial")
>>> ds["l1_coherence"].dims, ds["l1_coherence"].attrs["units"]
(('n_atoms', 'nbar'), '1')
>>> round(float(ds["l1_coherence"].sel(n_atoms=2, nbar=10.0)), 6)   # 110/331, seed 003 Eq. (5)
0.332326

Failed points. A point whose model function raises does not stop the sweep: its outputs are
NaN, its message is in the string variable ``error`` (``""`` where the point succeeded), the
Dataset's ``n_failed`` attribute counts them, and a :class:`SweepFailuresWarning` reports them
at the end. Warnings raised by the model are kept per point in ``warning``. Pass
``on_error="raise"`` to stop at the first failure instead (finished chunks stay saved).

Batches. A model that declares a batch function (``SweepModel.batch_function``, e.g.
``alkali-ness``) has each chunk evaluated as one batch, with the same records as point by point:
a point that fails inside a batch is recorded as failed, its neighbours are not affected.

Resume trust model. A store is data and never names code to run: resuming imports nothing
that only the store names. A registered model resumes from the registry by its name (the
store's fixed parameters and grid are checked again by the model). A user function must be
given again by the caller (``run_sweep(function_or_"module:function", resume=STORE)``,
``spinthermo sweep --resume STORE module:function``), and must match both the name and the
SHA-256 of the source that the store recorded (:func:`~spinthermo.sweep.catalogue.function_sha256`;
bytecode where there is no source; builtins cannot be verified and cannot be stored), else
:class:`~spinthermo.sweep.store.StoreError`. The sweep id is a label against mixing sweeps, not
a signature.

Executor choice. The default, ``executor="auto"``, runs the first chunks in this process, timed,
and starts local worker processes for the rest only when the time they save exceeds their
start-up (:class:`~spinthermo.sweep.executors.AutoExecutor`): a grid of cheap points does not
wait for workers (~0.5 s to spawn, more to fill their caches) that would compute for less.
Which executor ran and why is one line, logged (logger ``spinthermo.sweep.runner``, level INFO)
and reported to ``progress`` (``SweepProgress.executor``), beside the time spent starting
workers (``startup_s``), and appended to the store's run log (runs.jsonl, one line per run:
:meth:`~spinthermo.sweep.store.SweepStore.log_run`). ``executor="processes"`` always uses
worker processes.

Identical results. Every executor runs the same chunks through the same function with the same
arguments, so the Dataset is the same bit for bit (for deterministic model functions and the
same numerical libraries; the attributes hold nothing that depends on the executor or timing).
"""

from __future__ import annotations

import logging
import math
import time
import warnings
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
import xarray as xr

from spinthermo.sweep.catalogue import (
    MODELS,
    SweepModel,
    function_reference,
    function_sha256,
    resolve_model,
)
from spinthermo.sweep.executors import (
    ChunkResult,
    ChunkTask,
    LostChunk,
    make_executor,
    unsendable_reason,
)
from spinthermo.sweep.grid import as_grid
from spinthermo.sweep.store import MANIFEST, Manifest, StoreError, SweepStore

__all__ = [
    "SweepFailuresWarning",
    "SweepIncompleteError",
    "SweepInterrupted",
    "SweepProgress",
    "SweepStoreWarning",
    "default_chunk_size",
    "load_sweep",
    "plan_resume",
    "plan_sweep",
    "run_sweep",
]

#: The default chunk size aims at this many chunks or more (load balance and progress steps),
#: capped by the model's ``chunk_hint`` (points per task that amortise the task overhead).
MIN_CHUNKS = 32
#: Points per chunk that a batch function needs to amortise its per-call cost (the
#: ``alkali-ness`` batch spends ~15 % more per point in chunks of 128 than of 512).
MIN_BATCH_CHUNK = 512
#: Largest default chunk of a batch model: a chunk is the unit that an interruption loses and
#: that a worker holds in memory (4096 points of ``alkali-ness``: ~1 s of one core, 0.7 MB).
MAX_BATCH_CHUNK = 4096
#: A batch model's grid is cut into at least this many chunks (4 per worker on 2 cores): load
#: balance at the end of the sweep and resume points.
MIN_BATCH_CHUNKS = 8

log = logging.getLogger(__name__)


class SweepInterrupted(KeyboardInterrupt):
    """Ctrl-C stopped the sweep; the finished chunks are saved and the message says how to
    resume."""


class SweepIncompleteError(RuntimeError):
    """Some chunks could not be computed (their workers died); the rest are saved."""


class SweepStoreWarning(UserWarning):
    """Corrupt chunk files were found in a store; they are set aside and recomputed."""


class SweepFailuresWarning(UserWarning):
    """Some points failed; their errors are in the Dataset's ``error`` variable."""


@dataclass(frozen=True)
class SweepProgress:
    """Where a sweep stands, as passed to ``run_sweep(progress=...)``.

    Parameters
    ----------
    done : int
        Points finished, ``computed + reused``.
    total : int
        Points of the grid.
    computed : int
        Points computed in this run.
    reused : int
        Points found in the store.
    failed : int
        Failed points so far.
    chunks_done, chunks_total : int
        Chunks finished and in all.
    elapsed_s : float
        Wall time of this run so far, in s.
    eta_s : float or None
        Estimated time left in s (None until a chunk has finished in this run).
    executor : str or None, optional
        Where the chunks run and why, in one line (None until known: ``executor="auto"``
        decides after timing the first chunks).
    startup_s : float, optional
        Seconds of this run spent starting worker processes so far (0 without workers).
    """

    done: int
    total: int
    computed: int
    reused: int
    failed: int
    chunks_done: int
    chunks_total: int
    elapsed_s: float
    eta_s: float | None
    executor: str | None = None
    startup_s: float = 0.0

    @property
    def fraction(self) -> float:
        """Fraction of points done, in [0, 1] (1 for an empty grid)."""
        return self.done / self.total if self.total else 1.0


def default_chunk_size(n_points: int, hint: int = 16, batch: bool = False) -> int:
    """Points per chunk: for point-by-point models at most ``hint`` and small enough for about
    :data:`MIN_CHUNKS` chunks; for batch models large enough to amortise a batch call.

    Parameters
    ----------
    n_points : int
        Points of the grid.
    hint : int, optional
        The model's preferred chunk size (default 16).
    batch : bool, optional
        Whether the model has a batch function (each chunk is one call of it; default False).

    Returns
    -------
    int
        Point by point: ``max(1, min(hint, ceil(n_points / MIN_CHUNKS)))``. Batch:
        ``ceil(n_points / MIN_CHUNKS)`` raised to :data:`MIN_BATCH_CHUNK` (and ``hint``) but
        not beyond ``ceil(n_points / MIN_BATCH_CHUNKS)``, then capped at
        :data:`MAX_BATCH_CHUNK`.

    Notes
    -----
    The chunk size depends on the grid and the model only, never on the number of workers:
    it is part of the sweep's identity (its store resumes anywhere, on any executor). A batch
    model on 2 cores thus gets 10 000 points in 20 chunks of 512 (10 per worker), 2 000 in 8
    of 250, 10⁶ in 245 of 4096.

    Examples
    --------
    >>> default_chunk_size(10_000, 256), default_chunk_size(100, 256), default_chunk_size(5)
    (256, 4, 1)
    >>> default_chunk_size(10_000, 128, batch=True), default_chunk_size(2_000, 128, batch=True)
    (512, 250)
    """
    spread = math.ceil(n_points / MIN_CHUNKS)
    if not batch:
        return max(1, min(int(hint), spread))
    amortised = max(spread, MIN_BATCH_CHUNK, int(hint))
    return max(1, min(amortised, math.ceil(n_points / MIN_BATCH_CHUNKS), MAX_BATCH_CHUNK))


class _Assembler:
    """Collects chunk results into flat arrays as they arrive."""

    def __init__(self, manifest: Manifest, outputs: tuple[str, ...] | None):
        self.manifest = manifest
        n = manifest.n_points
        self.outputs = outputs
        self.values: np.ndarray | None = None
        if outputs is not None:
            self.values = np.full((len(outputs), n), np.nan)
        self.errors = np.full(n, "", dtype=object)
        self.warnings = np.full(n, "", dtype=object)
        self.done = np.zeros(n, dtype=bool)
        self.failed = 0

    def add(self, result: ChunkResult) -> None:
        if result.outputs:
            if self.outputs is None:
                self.outputs = result.outputs
                self.values = np.full((len(result.outputs), self.manifest.n_points), np.nan)
            if set(result.outputs) != set(self.outputs):
                raise ValueError(
                    f"chunk {result.index} has outputs {sorted(result.outputs)}, others "
                    f"{sorted(self.outputs)}: the model function must return the same names "
                    "at every point")
            order = [result.outputs.index(name) for name in self.outputs]
            self.values[:, result.start:result.stop] = result.values[order]
        sl = slice(result.start, result.stop)
        self.errors[sl] = result.errors
        self.warnings[sl] = result.warnings
        self.done[sl] = True
        self.failed += result.n_failed

    def dataset(self, partial: bool = False) -> xr.Dataset:
        m = self.manifest
        grid = m.grid
        dims = grid.names
        coords = {}
        for axis in grid:
            attrs = {"units": axis.units or "", "spacing": axis.spacing}
            if axis.name in m.parameter_descriptions:
                attrs["long_name"] = m.parameter_descriptions[axis.name]
            coords[axis.name] = (axis.name, axis.array, attrs)
        units = dict(m.outputs or ())
        data_vars = {}
        for i, name in enumerate(self.outputs or ()):
            attrs = {"units": units.get(name, "")}
            if name in m.output_descriptions:
                attrs["long_name"] = m.output_descriptions[name]
            data_vars[name] = (dims, self.values[i].reshape(grid.shape), attrs)
        data_vars["error"] = (dims, self.errors.astype(str).reshape(grid.shape),
                              {"long_name": "error of a failed point ('' if it succeeded)"})
        data_vars["warning"] = (dims, self.warnings.astype(str).reshape(grid.shape),
                                {"long_name": "warnings raised at the point"})
        if partial:
            data_vars["computed"] = (dims, self.done.reshape(grid.shape),
                                     {"long_name": "point computed (False: not yet)"})
        attrs = {
            "model": m.model, "description": m.description, "source": m.source,
            "fixed_parameters": _json(m.fixed), "chunk_size": m.chunk_size,
            "n_points": m.n_points, "n_failed": int(self.failed), "sweep_id": m.sweep_id,
            "spinthermo_version": m.spinthermo_version,
        }
        return xr.Dataset(data_vars, coords=coords, attrs=attrs)


def _json(value: Any) -> str:
    import json

    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def _version() -> str:
    import spinthermo

    return spinthermo.__version__


def _manifest_for(model: SweepModel, grid, fixed, chunk_size: int | None) -> Manifest:
    grid = model.check_grid(as_grid(grid))
    fixed = model.check_fixed(fixed, grid)
    if chunk_size is None:
        chunk_size = default_chunk_size(grid.size, model.chunk_hint,
                                        batch=model.batch_function is not None)
    if isinstance(chunk_size, bool) or not isinstance(chunk_size, int | np.integer) \
            or chunk_size < 1:
        raise ValueError(f"chunk_size must be an integer >= 1; received {chunk_size!r}")
    units = model.output_units()
    outputs = None
    if model.outputs is not None:
        outputs = tuple((o.name, o.units) for o in model.outputs)
    elif units:
        outputs = tuple(units.items())
    digest = "" if model.registered else function_sha256(model.function) or ""
    return Manifest(
        model=model.store_name, function_sha256=digest, axes=grid.axes, fixed=fixed,
        chunk_size=int(chunk_size),
        outputs=outputs, resumable=isinstance(model.reference, str) and bool(model.reference),
        description=model.description, source=model.source,
        parameter_descriptions={p.name: p.description for p in model.parameters or ()},
        output_descriptions={o.name: o.description for o in model.outputs or ()
                             if o.description},
        spinthermo_version=_version(),
        created=datetime.now(UTC).isoformat(timespec="seconds"))


def plan_sweep(model: str | Callable | SweepModel, grid, fixed: Mapping[str, Any] | None = None,
               chunk_size: int | None = None) -> Manifest:
    """Check a sweep without running it.

    Parameters
    ----------
    model : str, callable or SweepModel
        As for :func:`run_sweep`.
    grid : Grid, list or dict
        As for :func:`run_sweep`.
    fixed : mapping, optional
        As for :func:`run_sweep`.
    chunk_size : int, optional
        As for :func:`run_sweep`.

    Returns
    -------
    Manifest
        The :class:`~spinthermo.sweep.store.Manifest` that :func:`run_sweep` would write (grid
        with units, fixed values, chunking, sweep id).

    Examples
    --------
    >>> plan = plan_sweep("alkali-ness", ["temperature_c=80:160:5", "photon_spin=0.5,1"])
    >>> plan.n_points, plan.chunk_size, plan.fixed["species"], plan.axes[0].units
    (10, 2, '87Rb', '°C')
    """
    return _manifest_for(resolve_model(model), grid, fixed, chunk_size)


def _declared_outputs(model: SweepModel, manifest: Manifest) -> tuple[str, ...] | None:
    if model.outputs is not None:
        return tuple(o.name for o in model.outputs)
    return None


def _resume_hint(store: Path | None) -> str:
    if store is None:
        return "no store was given, so nothing was kept (pass store=PATH to make it resumable)"
    return (f"finished chunks are saved in {str(store)!r}; resume with "
            f"`spinthermo sweep --resume {store}` or run_sweep(resume={str(store)!r})")


def run_sweep(
    model: str | Callable | SweepModel | None = None,
    grid=None,
    *,
    store: str | Path | None = None,
    resume: str | Path | None = None,
    executor: str | object = "auto",
    dask_address: str | None = None,
    workers: int | None = None,
    chunk_size: int | None = None,
    progress: Callable[[SweepProgress], None] | None = None,
    fixed: Mapping[str, Any] | None = None,
    on_error: str = "record",
) -> xr.Dataset:
    """Evaluate ``model`` at every point of ``grid``; return the results as an xarray Dataset.

    Parameters
    ----------
    model : str, callable or SweepModel
        A registered name (``"alkali-ness"``, ``"light-shift"``, ``"dipolar-coherence"``;
        see :func:`spinthermo.sweep.catalogue.list_models`), a ``"module:function"`` path, or a
        top-level function returning ``{output: float}``. Optional with ``resume``.
    grid : Grid, list or dict
        The axes: a :class:`~spinthermo.sweep.grid.Grid`, a list of
        ``"NAME=START:STOP:N[:log]"`` strings or :class:`~spinthermo.sweep.grid.Axis`, or
        ``{name: values}``. Checked against the model: known names, units, allowed ranges,
        integers where required. Optional with ``resume``.
    store : str or pathlib.Path, optional
        Directory to stream results to (created; an existing store of the *same* sweep is
        resumed, one of another sweep is refused). None keeps results in memory only.
    resume : str or pathlib.Path, optional
        An existing store: its manifest gives grid, fixed parameters and chunking; only
        missing (or corrupt) chunks are computed. A finished store computes nothing (a
        dataset.nc that fails its checksum is rebuilt from the chunks; a lost manifest.json
        is rebuilt from the copy each chunk carries). A registered model resumes by name; a
        user function must be passed again as ``model`` and match the store's record (name
        and source SHA-256; see the module docstring), else ``StoreError``.
    executor : str or executor object, optional
        ``"auto"`` (default: this process, or local worker processes when the grid is large
        enough to pay for their start-up; see the module docstring), ``"processes"`` (local
        worker processes), ``"serial"`` or ``"dask"``; or an executor object from
        :mod:`spinthermo.sweep.executors` (a :class:`~spinthermo.sweep.executors.ProcessExecutor`
        entered by the caller keeps its workers between sweeps).
    dask_address : str, optional
        A Dask scheduler address (implies ``executor="dask"``); without it, ``"dask"``
        starts a ``LocalCluster`` of ``workers`` processes.
    workers : int, optional
        Number of worker processes (default: all cores); with ``"auto"``, the most it starts.
    chunk_size : int, optional
        Points per task (default :func:`default_chunk_size`); part of the store's identity,
        so a resumed sweep keeps its chunking.
    progress : callable, optional
        Called with a :class:`SweepProgress` at the start and after every chunk.
    fixed : mapping, optional
        Values of the model's other parameters (defaults otherwise), in the model's units.
    on_error : str, optional
        ``"record"`` (default: a failing point is recorded, see the module docstring) or
        ``"raise"``.

    Returns
    -------
    xarray.Dataset
        One dimension per grid axis (its values as coordinates), one variable per model
        output with its ``units`` attribute (NaN at failed points), the per-point strings
        ``error`` and ``warning``, and the attribute ``n_failed``.

    Raises
    ------
    SweepInterrupted
        On Ctrl-C, after stopping the workers; chunks already finished are kept in the store.
    SweepIncompleteError
        At the end, when chunks were lost with their workers (the rest is saved; resume to
        complete).
    """
    if on_error not in ("record", "raise"):
        raise ValueError(f"on_error must be 'record' or 'raise'; received {on_error!r}")
    executor_obj = make_executor(executor, workers, dask_address)  # before any store is made
    if resume is not None:
        if store is not None and Path(store) != Path(resume):
            raise ValueError("give either store= (a new or identical sweep) or resume=, not "
                             "both with different paths")
        store_obj, sweep_model = _open_for_resume(resume, model)
        manifest = store_obj.manifest
        if grid is not None or fixed is not None or chunk_size is not None:
            requested = _manifest_for(sweep_model, grid if grid is not None else manifest.grid,
                                      fixed if fixed is not None else manifest.fixed,
                                      chunk_size or manifest.chunk_size)
            if requested.sweep_id != manifest.sweep_id:
                raise StoreError(f"{str(resume)!r} holds a different sweep than the grid, fixed "
                                 "parameters or chunk size given; resume without them")
        store_obj.acquire()
        try:
            if store_obj.recovered and not (store_obj.path / MANIFEST).exists():
                warnings.warn(f"{str(resume)!r} had no manifest.json; it was rebuilt from the "
                              "copy its chunks carry", SweepStoreWarning, stacklevel=2)
                store_obj.write_manifest()
            return _run(sweep_model, manifest, store_obj, executor_obj, progress, on_error)
        finally:
            store_obj.release()
    if model is None or grid is None:
        raise ValueError("give a model and a grid, or resume=STORE")
    sweep_model = resolve_model(model)
    manifest = _manifest_for(sweep_model, grid, fixed, chunk_size)
    if store is None:
        return _run(sweep_model, manifest, None, executor_obj, progress, on_error)
    if not sweep_model.registered and not manifest.function_sha256:
        raise TypeError(f"{sweep_model.name!r} has neither source nor bytecode to record, so a "
                        "store of it could not be resumed safely: wrap it in a function "
                        "(def), or run without store=")
    store_obj = SweepStore.create(Path(store), manifest)  # returned locked
    try:
        return _run(sweep_model, store_obj.manifest, store_obj, executor_obj, progress,
                    on_error)
    except Exception:
        store_obj.discard_if_empty()  # refused before its first chunk: leave nothing behind
        raise
    finally:
        store_obj.release()


def plan_resume(resume: str | Path, model: str | Callable | SweepModel | None = None
                ) -> Manifest:
    """Check that ``resume`` can be resumed with ``model``, without running or locking anything.

    The resume trust model of the module docstring applies.

    Parameters
    ----------
    resume : str or pathlib.Path
        An existing store.
    model : str, callable or SweepModel, optional
        Required for a store made by a user function, as for :func:`run_sweep`.

    Returns
    -------
    Manifest
        The store's manifest.
    """
    return _open_for_resume(resume, model)[0].manifest


def _open_for_resume(resume: str | Path, model) -> tuple[SweepStore, SweepModel]:
    store = SweepStore.open(Path(resume), recover=True)
    return store, _model_for_resume(store.manifest, model, Path(resume))


def _model_for_resume(manifest: Manifest, model, store: Path) -> SweepModel:
    """The model that resumes ``manifest``, under the trust model of the module docstring."""
    if model is None:
        if manifest.model not in MODELS:
            raise StoreError(
                f"{str(store)!r} was made by the function {manifest.model!r}; resuming never "
                "imports code that a store names. If you wrote or trust that function, name it "
                f"again: `spinthermo sweep --resume {store} {manifest.model}` or "
                f"run_sweep({manifest.model!r}, resume={str(store)!r})")
        sweep_model = MODELS[manifest.model]
    else:
        sweep_model = resolve_model(model)
    if sweep_model.store_name != manifest.model:
        raise StoreError(f"the store was made by model {manifest.model!r}; received "
                         f"{sweep_model.store_name!r}")
    digest = "" if sweep_model.registered else function_sha256(sweep_model.function)
    if digest is None:
        raise StoreError(f"{manifest.model!r} has neither source nor bytecode, so it cannot be "
                         f"verified against {str(store)!r}: resuming is refused")
    if digest and not manifest.function_sha256:
        raise StoreError(
            f"{str(store)!r} records no SHA-256 of {manifest.model!r} (made by an older "
            "spinthermo), so the function cannot be verified and resuming is refused; read its "
            "chunks with load_sweep(STORE, allow_partial=True) and sweep into a new store")
    if digest != manifest.function_sha256:
        recorded = manifest.function_sha256[:12] or "none"
        raise StoreError(
            f"{manifest.model!r} is not the function that made {str(store)!r}: the SHA-256 of "
            f"its source is {digest[:12] or 'none'}…, the store recorded {recorded}…; resuming "
            "would mix results of two functions: sweep into a new store")
    try:
        planned = _manifest_for(sweep_model, manifest.grid, manifest.fixed, manifest.chunk_size)
    except (TypeError, ValueError) as exc:
        raise StoreError(f"{str(store)!r} is damaged: its grid or fixed parameters fail the "
                         f"model's checks: {exc}") from None
    if planned.sweep_id != manifest.sweep_id:
        raise StoreError(f"{str(store)!r} is damaged: its grid or fixed parameters are not "
                         f"those {manifest.model!r} accepts (checked: sweep id "
                         f"{planned.sweep_id}, recorded {manifest.sweep_id})")
    return sweep_model


def _run(model: SweepModel, manifest: Manifest, store: SweepStore | None, executor,
         progress, on_error: str) -> xr.Dataset:
    """Compute the missing chunks, assemble the Dataset and, with a store, append how the run
    went (outcome, executor and why, points computed and reused) to its run log."""
    started = time.perf_counter()
    startup_before = getattr(executor, "startup_s", 0.0)
    counts: dict[str, int] = {}
    outcome = "stopped"
    try:
        dataset = _compute(model, manifest, store, executor, progress, on_error, counts)
        outcome = "finished"
        return dataset
    except SweepInterrupted:
        outcome = "interrupted"
        raise
    except SweepIncompleteError:
        outcome = "incomplete"
        raise
    except BaseException as exc:
        outcome = f"stopped by {type(exc).__name__}"
        raise
    finally:
        if store is not None:
            store.log_run({
                "outcome": outcome, "executor": getattr(executor, "description", None),
                "startup_s": round(getattr(executor, "startup_s", 0.0) - startup_before, 3),
                "elapsed_s": round(time.perf_counter() - started, 3), **counts})


def _compute(model: SweepModel, manifest: Manifest, store: SweepStore | None, executor,
             progress, on_error: str, counts: dict[str, int]) -> xr.Dataset:
    """The body of :func:`_run`; keeps ``counts`` (points computed, reused and failed, chunks
    lost) current after every chunk."""
    started = time.perf_counter()
    declared = _declared_outputs(model, manifest)
    assembler = _Assembler(manifest, declared)
    missing = list(range(manifest.n_chunks))
    if store is not None:
        report = store.scan(repair=True)
        if report.corrupt:
            details = "; ".join(reason for _, reason in report.corrupt[:5])
            more = f" (and {len(report.corrupt) - 5} more)" if len(report.corrupt) > 5 else ""
            warnings.warn(f"{len(report.corrupt)} corrupt chunk file(s) in {str(store.path)!r} "
                          f"were set aside (*.corrupt) and will be recomputed: {details}{more}",
                          SweepStoreWarning, stacklevel=3)
        for result in report.valid.values():
            assembler.add(result)
        missing = report.missing(manifest.n_chunks)
    reused = int(assembler.done.sum())
    computed = 0
    lost: list[LostChunk] = []

    def notify(compute_start: float | None) -> None:
        counts.update(computed_points=computed, reused_points=reused,
                      failed_points=int(assembler.failed), lost_chunks=len(lost))
        description = getattr(executor, "description", None)
        if description is not None and not reported:
            reported.append(description)
            log.info("sweep of %s: %s", manifest.model, description)
        if progress is None:
            return
        now = time.perf_counter()
        done = reused + computed
        eta = None
        if computed and compute_start is not None:
            eta = (manifest.n_points - done) * (now - compute_start) / computed
        progress(SweepProgress(done, manifest.n_points, computed, reused, assembler.failed,
                               manifest.n_chunks - len(missing) + chunks_now,
                               manifest.n_chunks, now - started, eta, description,
                               getattr(executor, "startup_s", 0.0) - startup_before))

    chunks_now = 0
    startup_before = getattr(executor, "startup_s", 0.0)
    reported: list[str] = []
    notify(None)
    if missing:
        function = model.reference if isinstance(model.reference, str) and model.reference \
            else model.function
        batch = model.batch_function
        if batch is not None:
            batch = function_reference(batch) or batch  # workers import it by path
        for sent in (function, batch):
            if executor.name == "processes" and callable(sent):
                _check_picklable(sent)
        axes = tuple((a.name, a.values) for a in manifest.axes)
        fixed = tuple(manifest.fixed.items())
        tasks = [ChunkTask(i, *manifest.chunk_bounds(i), function, axes, fixed, declared,
                           on_error, batch) for i in missing]
        compute_start = time.perf_counter()
        try:
            with executor:
                try:
                    for item in executor.run(tasks):
                        if isinstance(item, LostChunk):
                            lost.append(item)
                            counts["lost_chunks"] = len(lost)
                            continue
                        if store is not None:
                            store.write_chunk(item)
                        assembler.add(item)
                        computed += item.stop - item.start
                        chunks_now += 1
                        notify(compute_start)
                except BaseException:
                    executor.abort()  # stop the workers now; finished chunks are saved
                    raise
                finally:
                    if store is not None:
                        store.sync()
        except KeyboardInterrupt:
            done = reused + computed
            raise SweepInterrupted(
                f"sweep interrupted: {done} of {manifest.n_points} points done; "
                f"{_resume_hint(store.path if store else None)}") from None
    if lost:
        raise SweepIncompleteError(
            f"{len(lost)} chunk(s) could not be computed ({lost[0].reason}); "
            f"{_resume_hint(store.path if store else None)}")
    dataset = assembler.dataset()
    if store is not None and (computed or not store.dataset_verified()):
        if not computed and store.dataset_path.exists():
            warnings.warn(f"{store.dataset_path} does not match the SHA-256 recorded when it "
                          "was written (truncated or edited); rebuilt from the verified chunks",
                          SweepStoreWarning, stacklevel=3)
        store.write_dataset(dataset)
    if assembler.failed:
        first = next(e for e in assembler.errors if e)
        warnings.warn(f"{assembler.failed} of {manifest.n_points} points failed (outputs NaN, "
                      f"messages in the 'error' variable); first: {first}",
                      SweepFailuresWarning, stacklevel=2)
    return dataset


def _check_picklable(function) -> None:
    reason = unsendable_reason(function)
    if reason is not None:
        raise TypeError(reason)


def load_sweep(store: str | Path, allow_partial: bool = False) -> xr.Dataset:
    """The Dataset of a store, assembled from its verified chunks (the store is not modified).

    An unfinished store raises ``ValueError`` unless ``allow_partial``; then missing points
    are NaN and a boolean ``computed`` variable marks the points that exist. Corrupt chunks
    count as missing and are reported with a :class:`SweepStoreWarning`; so are a missing
    manifest.json (the chunks' copy is used) and a dataset.nc that fails its checksum (resume
    the store to rebuild it). Nothing is imported or run.

    Parameters
    ----------
    store : str or pathlib.Path
        A sweep store directory.
    allow_partial : bool, optional
        Return an unfinished store's points instead of raising (default False).

    Returns
    -------
    xarray.Dataset
        As :func:`run_sweep` returns it (plus ``computed`` when partial).
    """
    sweep_store = SweepStore.open(Path(store), recover=True)
    manifest = sweep_store.manifest
    if sweep_store.recovered:
        warnings.warn(f"{str(store)!r} has no manifest.json; read with the copy its chunks "
                      "carry (resume the store to write it back)", SweepStoreWarning,
                      stacklevel=2)
    elif sweep_store.dataset_path.exists() and not sweep_store.dataset_verified():
        warnings.warn(f"{sweep_store.dataset_path} does not match its recorded SHA-256 "
                      "(truncated or edited); resume the store to rebuild it from the chunks",
                      SweepStoreWarning, stacklevel=2)
    outputs = None if manifest.outputs is None else tuple(n for n, _ in manifest.outputs)
    assembler = _Assembler(manifest, outputs)
    report = sweep_store.scan(repair=False)
    if report.corrupt:
        warnings.warn(f"{len(report.corrupt)} corrupt chunk file(s) in {str(store)!r} are "
                      f"ignored: {report.corrupt[0][1]}", SweepStoreWarning, stacklevel=2)
    for result in report.valid.values():
        assembler.add(result)
    missing = report.missing(manifest.n_chunks)
    if missing and not allow_partial:
        raise ValueError(f"{str(store)!r} is unfinished: {len(missing)} of {manifest.n_chunks} "
                         f"chunks missing; {_resume_hint(Path(store))}, or load with "
                         "allow_partial=True")
    return assembler.dataset(partial=allow_partial)
