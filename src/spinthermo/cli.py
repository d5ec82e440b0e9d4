"""The ``spinthermo`` command: a thin layer over the study registry and the benchmark harness.

Heavy modules (xarray, matplotlib, the physics) are imported inside the commands, so that
``spinthermo --version`` and ``spinthermo list`` start fast.
"""

from __future__ import annotations

import os

# The engine's matrices are small (≤ 1024²): one BLAS thread runs them fastest, and several
# threads on a 2-core machine slow them 10–20× as soon as another process competes. Set before
# numpy is imported; a setting already in the environment wins.
for _variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_variable, "1")

from pathlib import Path  # noqa: E402
from typing import TYPE_CHECKING, Annotated, Any  # noqa: E402

import typer  # noqa: E402
from rich.console import Console  # noqa: E402
from rich.table import Table  # noqa: E402

if TYPE_CHECKING:
    from spinthermo.studies.contract import StudyResult

app = typer.Typer(
    name="spinthermo",
    help="Open quantum systems of atomic spins and their quantum thermodynamics.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
console = Console()
err_console = Console(stderr=True)

#: exit codes: 1 = a claim failed / benchmarks disagree, 2 = bad usage (unknown name, ...)
EXIT_FAILED, EXIT_USAGE = 1, 2


def _version_callback(value: bool) -> None:
    if value:
        import spinthermo

        console.print(f"spinthermo {spinthermo.__version__}", highlight=False)
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version_callback, is_eager=True,
                     help="Print the version and exit."),
    ] = False,
) -> None:
    """Open quantum systems of atomic spins and their quantum thermodynamics."""


def _usage_error(message: str) -> typer.Exit:
    err_console.print(f"[bold red]Error:[/] {message}", highlight=False)
    return typer.Exit(code=EXIT_USAGE)


@app.command("list")
def list_cmd() -> None:
    """List the studies that `reproduce` can run."""
    from spinthermo.studies.registry import list_studies

    table = Table(title="spinthermo studies")
    table.add_column("name", style="bold cyan", no_wrap=True)
    table.add_column("description")
    for name, description in list_studies():
        table.add_row(name, description)
    console.print(table)


def _claims_table(result: StudyResult) -> Table:
    table = Table(title=f"{result.name}: {result.n_passed}/{len(result.claims)} claims passed")
    for col in ("id", "source", "paper", "ours", "result"):
        table.add_column(col, no_wrap=True, overflow="ellipsis", min_width=6,
                         max_width=24 if col in ("source", "paper", "ours") else None)
    for c in result.claims:
        if c.passed:
            verdict = "[bold green]PASS[/]"
        else:
            verdict = "[yellow]FAIL (explained)[/]" if c.explanation else "[bold red]FAIL[/]"
        table.add_row(*(_fmt(x) for x in (c.id, c.source, c.paper, c.ours)), verdict)
    table.caption = "descriptions, tolerances and explanations: report.md"
    return table


def _fmt(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:.6g}"
    return str(value)


@app.command()
def reproduce(
    name: Annotated[str | None, typer.Argument(help="Study to run (`spinthermo list`).")] = None,
    all_: Annotated[bool, typer.Option("--all", help="Run every registered study.")] = False,
    quick: Annotated[bool, typer.Option("--quick", help="Small grids: seconds, not the "
                                        "real reproduction.")] = False,
    out: Annotated[Path, typer.Option("--out", help="Output directory.")] = Path("results"),
) -> None:
    """Run a study, write DIR/NAME/{data.nc, fig*, claims.json, report.md}, print its claims.

    Exits 1 when a claim fails without an explanation (a claim that cannot pass with the
    paper's stated model carries one and is reported as failed), 2 on an unknown study name.
    """
    from spinthermo.studies.registry import ENTRIES, get_study, list_studies

    if all_ == (name is not None):
        raise _usage_error("give a study NAME or --all (not both); see `spinthermo list`")
    names = [n for n, _ in list_studies()] if all_ else [name]
    for n in names:
        if n not in ENTRIES:
            try:
                get_study(n)
            except ValueError as exc:
                raise _usage_error(str(exc)) from None

    import matplotlib

    matplotlib.use("Agg")
    from spinthermo.studies.contract import run_study
    from spinthermo.studies.output import IndexEntry, write_index, write_study
    from spinthermo.studies.progress import RichProgress

    entries, any_failed = [], False
    for n in names:
        console.rule(f"[bold]{n}[/] — {ENTRIES[n].description}")
        try:
            study = get_study(n)
            with RichProgress(console=console) as progress:
                result = run_study(study, quick=quick, progress=progress)
            study_dir = write_study(study, result, out)
        except Exception as exc:
            if not all_:
                raise
            err_console.print(f"[bold red]{n} raised[/] {type(exc).__name__}: {exc}")
            error = f"{type(exc).__name__}: {exc}"
            entries.append(IndexEntry(n, ENTRIES[n].description, error=error))
            any_failed = True
            continue
        console.print(_claims_table(result))
        console.print(f"{n}: {result.runtime_s:.1f} s; files in [bold]{study_dir}[/]")
        any_failed |= bool(result.unexplained_failures)
        entries.append(IndexEntry.from_result(study, result))
    if all_:
        index = write_index(out, entries)
        console.print(f"index: [bold]{index}[/]")
    if any_failed:
        err_console.print("[bold red]Some claims failed without explanation[/] or a study "
                          "raised (see the reports).")
        raise typer.Exit(code=EXIT_FAILED)


def _bench_table(results: list[dict[str, Any]]) -> Table:
    table = Table(title="spinthermo benchmarks (ratio = peer_s / ours_s)")
    for col in ("task", "ours_s", "peer", "peer_s", "ratio", "agreement", "target", "met?"):
        table.add_column(col, no_wrap=col != "target")
    for r in results:
        if r.get("error"):
            table.add_row(r["task"], "[red]error[/]", r["peer"], "", "", "",
                          r.get("error", ""), "[red]✗[/]")
            continue
        agreement = _fmt(r["agreement"])
        if r["agreed"] is not None:
            agreement = f"[{'green' if r['agreed'] else 'red'}]{agreement}[/]"
        met = {True: "[green]✓[/]", False: "[red]✗[/]", None: "—"}[r["target_met"]]
        ratio = "—" if r["ratio"] is None else f"{r['ratio']:.3g}×"
        table.add_row(r["task"], _fmt(r["ours_s"]), r["peer"], _fmt(r["peer_s"]), ratio,
                      agreement, r["target"], met)
    return table


@app.command()
def bench(
    quick: Annotated[bool, typer.Option("--quick", help="One timed call per side.")] = False,
    dir_: Annotated[Path | None, typer.Option("--dir", help="Benchmark directory holding "
                                              "bench_*.py (default ./benchmarks).")] = None,
    task: Annotated[str | None, typer.Option("--task", help="Run only this task.")] = None,
) -> None:
    """Time spinthermo against its peers on the same work; write DIR/results.json.

    Exits 1 when a task raised or disagreed with its peer beyond the limit.
    """
    from spinthermo.benchmarking import default_bench_dir, discover_tasks, run_tasks, write_results

    try:
        bench_dir = dir_ if dir_ is not None else default_bench_dir()
        tasks = discover_tasks(bench_dir, quick=quick)
    except FileNotFoundError as exc:
        raise _usage_error(str(exc)) from None
    if task is not None:
        names = [t.name for t in tasks]
        tasks = [t for t in tasks if t.name == task]
        if not tasks:
            known = ", ".join(names) or "(none)"
            raise _usage_error(f"unknown task {task!r}; known tasks: {known}")
    if not tasks:
        raise _usage_error(f"no benchmark tasks found in {bench_dir} (files bench_*.py)")

    def report(row: dict[str, Any]) -> None:
        state = "[red]error[/]" if row["error"] else f"{_fmt(row['ours_s'])} s"
        console.print(f"  {row['task']}: {state}")

    console.print(f"Running {len(tasks)} benchmark task(s) from {bench_dir}")
    results = run_tasks(tasks, quick=quick, on_result=report)
    console.print(_bench_table(results))
    path = write_results(results, Path(bench_dir) / "results.json", quick=quick)
    console.print(f"results: [bold]{path}[/]")
    if any(r["error"] or r["agreed"] is False for r in results):
        raise typer.Exit(code=EXIT_FAILED)


from spinthermo.sweep.command import sweep_command  # noqa: E402  (imports typer only)

app.command("sweep")(sweep_command)
