"""``spinthermo sweep``: run a model over a parameter grid into a resumable store.

Registered in :mod:`spinthermo.cli` with one line, ``app.command("sweep")(sweep_command)``.
Only typer and the standard library are imported here; the sweep machinery is imported when
the command runs, so the CLI starts fast.

Examples::

    spinthermo sweep --list
    spinthermo sweep alkali-ness --param pumping_rate=1e2:1e5:10:log \\
        --param photon_spin=0.1:1:10 --param "temperature_c[°C]=80:160:10" \\
        --param radius_cm=0.1:2.5:10 --out ness.sweep
    spinthermo sweep --resume ness.sweep
    spinthermo sweep light-shift --param detuning_hz=-5e9:15e9:201 --out ls.sweep --dask local
    spinthermo sweep mypackage.models:point --param x=0:1:11 --set y=2 --out my.sweep
    spinthermo sweep --resume my.sweep mypackage.models:point

Resume trust model: a store is data, and ``--resume`` never imports code that the store names.
A registered model resumes by its name from the registry (``--resume STORE``). A function
``module:function`` must be named again on the command line (``--resume STORE
module:function``) and must be the one that made the store: same name and same SHA-256 of its
source, recorded in the manifest; otherwise the resume is refused (exit 2). The current
directory is searched for modules only when a ``module:function`` is given on the command line.

Exit codes (:mod:`spinthermo.exit_codes`): 0 done; 1 some points failed (recorded in the store)
or chunks were lost; 2 bad usage (unknown model or parameter, empty range, wrong unit,
unwritable --out, store of another sweep, damaged store, refused resume); 130 interrupted
(Ctrl-C; finished chunks are kept, the message says how to resume). Everything the user typed
is printed literally (Rich markup and ``:emoji:`` codes are not interpreted).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from spinthermo.exit_codes import EXIT_FAILED, EXIT_INTERRUPTED, EXIT_USAGE

__all__ = ["EXIT_FAILED", "EXIT_INTERRUPTED", "EXIT_USAGE", "sweep_command"]
#: Distinct error messages listed at the end of a sweep with failed points.
SHOWN_ERRORS = 5


def _console(stderr: bool = False):
    """A Rich console that prints ``:name:`` literally (user text such as ``a:b:3`` or a store
    ``st:thumbs_up:re`` would otherwise become emoji); markup is escaped by :func:`_escape`."""
    from rich.console import Console

    return Console(stderr=stderr, emoji=False)


def _escape(text: Any) -> str:
    from rich.markup import escape

    return escape(str(text))


def _usage(message: str) -> typer.Exit:
    _console(stderr=True).print(f"[bold red]Error:[/] {_escape(message)}", highlight=False)
    return typer.Exit(code=EXIT_USAGE)


def _literal(text: str) -> Any:
    """``"3"`` → 3, ``"1e4"`` → 10000.0, anything else stays a string."""
    for kind in (int, float):
        try:
            return kind(text)
        except ValueError:
            pass
    return text


def _parse_set(items: list[str]) -> dict[str, Any]:
    fixed = {}
    for item in items:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise ValueError(f"--set takes NAME=VALUE; received {item!r}")
        fixed[name.strip()] = _literal(value.strip())
    return fixed


def _is_function_path(model: str | None) -> bool:
    return model is not None and ":" in model


def _search_current_directory() -> None:
    """Let 'module:function' name a module in the current directory, as ``python -m`` does
    (a console script does not search it); spawned workers inherit ``sys.path``. Called only
    when the user gave a 'module:function' on the command line."""
    import os
    import sys

    here = os.getcwd()
    if "" not in sys.path and here not in sys.path:
        sys.path.append(here)


def _format_seconds(seconds: float | None) -> str:
    if seconds is None:
        return "–"
    seconds = round(seconds)
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def _models_table(console, name: str | None) -> None:
    from rich.table import Table

    from spinthermo.sweep.catalogue import MODELS, get_model

    models = [get_model(name)] if name else list(MODELS.values())
    for model in models:
        table = Table(title=f"[bold]{model.name}[/] — {_escape(model.description)} "
                            f"({_escape(model.source)})",
                      title_justify="left")
        table.add_column("parameter", style="cyan", no_wrap=True)
        table.add_column("unit")
        table.add_column("allowed")
        table.add_column("default")
        table.add_column("description")
        for p in model.parameters or ():
            table.add_row(p.name, _escape(p.units), _escape(p.range_text), str(p.default),
                          _escape(p.description))
        console.print(table)
        outputs = ", ".join(f"{o.name} [{o.units}]" for o in model.outputs or ())
        console.print(f"  outputs: {_escape(outputs)}\n", highlight=False)


def _failure_summary(console, dataset) -> None:
    import collections

    import numpy as np

    errors = dataset["error"].values
    failed = np.argwhere(errors != "")
    counts = collections.Counter(str(errors[tuple(i)]) for i in failed)
    console.print(f"[bold yellow]{len(failed)} of {errors.size} points failed[/] (outputs NaN; "
                  "messages in the dataset's 'error' variable):", highlight=False)
    for message, count in counts.most_common(SHOWN_ERRORS):
        where = next(tuple(i) for i in failed if errors[tuple(i)] == message)
        dims = dataset["error"].dims
        point = ", ".join(f"{d}={dataset[d].values[k]:g}" for d, k in zip(dims, where,
                                                                            strict=True))
        console.print(f"  {count} × {_escape(message)}  (e.g. at {point})", highlight=False)
    if len(counts) > SHOWN_ERRORS:
        console.print(f"  … and {len(counts) - SHOWN_ERRORS} other messages", highlight=False)


def sweep_command(
    model: Annotated[str | None, typer.Argument(
        help="The model: a registered name (see --list) or a function "
        "'package.module:function' (the current directory is searched too). With --resume, "
        "name the store's 'module:function' again, since a store never names code to import."
    )] = None,
    param: Annotated[list[str] | None, typer.Option(
        "--param", "-p", metavar="NAME=RANGE", help="A swept parameter, given as "
        "NAME=START:STOP:N[:log] or NAME=V1,V2,...; NAME[UNIT]=... also checks the unit. "
        "Repeat it for each axis.")] = None,
    set_: Annotated[list[str] | None, typer.Option(
        "--set", metavar="NAME=VALUE", help="Fix a parameter that is not swept; repeat it "
        "for each such parameter.")] = None,
    out: Annotated[Path | None, typer.Option(
        "--out", "-o", help="The store directory: results stream there, and rerunning the "
        "same command resumes it.")] = None,
    resume: Annotated[Path | None, typer.Option(
        "--resume", help="Resume the sweep in this store, with the grid and settings of its "
        "manifest. A registered model resumes by name; a 'module:function' must be given "
        "again as MODEL and match the store's record of its source.")
    ] = None,
    executor: Annotated[str, typer.Option(
        "--executor", "-e", metavar="NAME", help="Where points run: auto (this process, or "
        "local worker processes when the grid is large enough to pay for their start-up; "
        "the first chunks are timed to decide, and the choice is printed), processes "
        "(always local worker processes), serial or dask.")] = "auto",
    dask: Annotated[str | None, typer.Option(
        "--dask", metavar="ADDRESS", help="Run on the Dask scheduler at ADDRESS (e.g. "
        "tcp://host:8786), or start a LocalCluster of --workers processes with 'local'.")]
    = None,
    workers: Annotated[int | None, typer.Option(
        "--workers", "-w", min=1, metavar="N", help="The number of worker processes, at "
        "least 1 (with auto: the most it starts); the default is all cores.")] = None,
    chunk_size: Annotated[int | None, typer.Option(
        "--chunk-size", min=1, metavar="N", help="The number of points per task, at least 1; "
        "the default follows from the model and the grid size.")] = None,
    list_: Annotated[bool, typer.Option(
        "--list", help="List the sweepable models with their parameters and outputs.")] = False,
) -> None:
    """Sweep a model over a parameter grid; results stream to a resumable store (--out).

    Example: spinthermo sweep light-shift -p detuning_hz=-5e9:15e9:21 -o ls.sweep

    Interrupt at any time (Ctrl-C, a killed process, a lost worker): finished chunks stay in
    the store and `spinthermo sweep --resume STORE` computes only what is missing; a sweep of
    a function resumes with `spinthermo sweep --resume STORE module:function`, which must be
    the function (same source) that made the store. Exits 1 when points failed (their errors
    are stored) or chunks were lost, 2 on bad usage or a refused store, 130 when interrupted.
    """
    console = _console()
    if list_:
        try:
            _models_table(console, model)
        except ValueError as exc:
            raise _usage(str(exc)) from None
        return
    if resume is not None and (param or set_ or chunk_size or (
            model is not None and not _is_function_path(model))):
        raise _usage("--resume takes the model, grid, --set values and chunking from the "
                     "store; give only --resume STORE (and optionally --executor, --dask, "
                     "--workers), plus the store's function as MODEL if it is a "
                     "'module:function'")
    if resume is None:
        if model is None:
            raise _usage("give a MODEL and --param NAME=START:STOP:N ... --out STORE, or "
                         "--resume STORE (see `spinthermo sweep --list`)")
        if not param:
            raise _usage(f"give at least one --param NAME=START:STOP:N[:log] for {model!r} "
                         f"(parameters: `spinthermo sweep {model} --list`)")
        if out is None:
            raise _usage("give --out STORE: the directory the results stream to")
    if dask is not None:
        executor = "dask"
    dask_address = None if dask in (None, "local") else dask
    if _is_function_path(model):
        _search_current_directory()

    import warnings

    from rich import progress as rp

    from spinthermo.destination import require_writable_directory
    from spinthermo.sweep.executors import default_workers, make_executor
    from spinthermo.sweep.grid import Grid
    from spinthermo.sweep.runner import (
        SweepIncompleteError,
        SweepInterrupted,
        plan_resume,
        plan_sweep,
        run_sweep,
    )
    from spinthermo.sweep.store import StoreError

    try:
        make_executor(executor, workers, dask_address)  # a bad executor creates no store
        if resume is not None:
            manifest = plan_resume(resume, model)  # the trust check, before any output
            store_path = resume
            verb = "Resuming"
            kwargs: dict[str, Any] = {"resume": resume, "model": model}
        else:
            require_writable_directory(out, "--out")
            grid = Grid.parse(param)
            fixed = _parse_set(set_ or [])
            manifest = plan_sweep(model, grid, fixed, chunk_size)  # checks before any output
            store_path = out
            verb = "Sweeping"
            kwargs = {"model": model, "grid": grid, "store": out, "fixed": fixed,
                      "chunk_size": chunk_size}
    except (ValueError, TypeError, ImportError) as exc:
        raise _usage(str(exc)) from None
    axes = " × ".join(f"{a.name}[{a.size}]" for a in manifest.axes)
    header = (f"{verb} [bold]{_escape(manifest.model)}[/] over {manifest.n_points} points "
              f"({_escape(axes)}, {manifest.n_chunks} chunks)")

    where = dask_address or {"dask": "a local Dask cluster", "serial": "this process",
                             "processes": "local processes",
                             "auto": "this process or local processes"}[executor]
    n_workers = None if executor == "serial" else workers or (None if dask_address else
                                                              default_workers())
    worker_text = f", {'up to ' if executor == 'auto' else ''}{n_workers} worker(s)" \
        if n_workers else ""
    console.print(f"{header} on {_escape(where)}{worker_text}; store "
                  f"[bold]{_escape(store_path)}[/]",
                  highlight=False)

    bars = rp.Progress(
        rp.TextColumn("[progress.description]{task.description}"), rp.BarColumn(),
        rp.TextColumn("{task.completed}/{task.total} points"), rp.TextColumn("elapsed"),
        rp.TimeElapsedColumn(), rp.TextColumn("ETA {task.fields[eta]}"),
        rp.TextColumn("{task.fields[failed]}"), console=console)
    task_id = None
    state: dict[str, Any] = {}

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        shown = 0

        def show_warnings() -> None:
            nonlocal shown
            from spinthermo.sweep.runner import SweepFailuresWarning

            for w in caught[shown:]:
                if not issubclass(w.category, SweepFailuresWarning):  # summarised at the end
                    bars.console.print(f"[yellow]Warning:[/] {_escape(w.message)}",
                                       highlight=False)
            shown = len(caught)

        def on_progress(update) -> None:
            nonlocal task_id
            state["last"] = update
            if update.executor is not None and "executor" not in state:
                state["executor"] = update.executor
                bars.console.print(f"Executor: {_escape(update.executor)}", highlight=False)
            failed = f"[yellow]{update.failed} failed[/]" if update.failed else ""
            if task_id is None:
                task_id = bars.add_task("sweep", total=update.total, completed=update.done,
                                        eta=_format_seconds(update.eta_s), failed=failed)
                if update.reused:
                    bars.console.print(f"{update.reused} points found in the store (verified); "
                                       f"{update.total - update.done} to compute",
                                       highlight=False)
            else:
                bars.update(task_id, completed=update.done, eta=_format_seconds(update.eta_s),
                            failed=failed)
            show_warnings()

        try:
            with bars:
                dataset = run_sweep(executor=executor, dask_address=dask_address,
                                    workers=workers, progress=on_progress, **kwargs)
        except SweepInterrupted as exc:
            console.print(f"[bold yellow]Interrupted.[/] {_escape(exc)}", highlight=False)
            raise typer.Exit(code=EXIT_INTERRUPTED) from None
        except SweepIncompleteError as exc:
            _console(stderr=True).print(f"[bold red]Incomplete:[/] {_escape(exc)}",
                                        highlight=False)
            raise typer.Exit(code=EXIT_FAILED) from None
        except (ValueError, TypeError, StoreError, ImportError, ConnectionError) as exc:
            raise _usage(str(exc)) from None
        show_warnings()

    last = state.get("last")
    if last is not None:
        rate = last.computed / last.elapsed_s if last.elapsed_s > 0 else 0.0
        startup = f" incl. {last.startup_s:.1f} s worker start-up" if last.startup_s else ""
        console.print(f"Done: {last.total} points ({last.computed} computed in "
                      f"{last.elapsed_s:.1f} s{startup}, {rate:.1f} points/s; {last.reused} "
                      "reused). "
                      f"Dataset: [bold]{_escape(Path(store_path) / 'dataset.nc')}[/]",
                      highlight=False)
    warned = int((dataset["warning"] != "").sum())
    if warned:
        example = next(str(w) for w in dataset["warning"].values.ravel() if w)
        console.print(f"[yellow]{warned} point(s) raised warnings[/] (kept in the dataset's "
                      f"'warning' variable), e.g. {_escape(example)}", highlight=False)
    if int(dataset.attrs.get("n_failed", 0)):
        _failure_summary(console, dataset)
        raise typer.Exit(code=EXIT_FAILED)
