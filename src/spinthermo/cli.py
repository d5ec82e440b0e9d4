"""The ``spinthermo`` command: a thin layer over the study registry and the benchmark harness.

The console script enters through :func:`main`, which turns every outcome of every subcommand
into one of the exit codes of :mod:`spinthermo.exit_codes`. Every string printed
through Rich that comes from the user or from data is escaped (:func:`_text`), and the consoles
do not replace ``:emoji:`` codes, so names and paths print as given.

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

import inspect  # noqa: E402
import logging  # noqa: E402
import sys  # noqa: E402
import traceback  # noqa: E402
from collections.abc import Sequence  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import TYPE_CHECKING, Annotated, Any  # noqa: E402

import typer  # noqa: E402
from rich import box  # noqa: E402
from rich.console import Console  # noqa: E402
from rich.markup import escape  # noqa: E402
from rich.table import Table  # noqa: E402
from typer.core import TyperCommand, TyperGroup  # noqa: E402

from spinthermo.exit_codes import (  # noqa: E402
    EXIT_FAILED,
    EXIT_INTERNAL,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_USAGE,
)

if TYPE_CHECKING:
    from spinthermo.studies.contract import StudyResult

#: Environment variable that makes an internal error show its traceback.
DEBUG_VARIABLE = "SPINTHERMO_DEBUG"

EXIT_CODES_HELP = (
    f"Exit codes (every command): {EXIT_OK} success; {EXIT_FAILED} the work ran but something "
    "failed (a claim without an explanation, sweep points or chunks, a benchmark that raised or "
    f"disagreed); {EXIT_USAGE} bad usage (unknown name, bad option, unwritable --out), nothing "
    f"computed; {EXIT_INTERNAL} internal error in spinthermo (one line; {DEBUG_VARIABLE}=1 shows "
    f"the traceback; please report it); {EXIT_INTERRUPTED} interrupted (Ctrl-C)."
)

#: ``-v`` count → level of the ``spinthermo`` loggers (more ``-v`` than listed: the last).
VERBOSITY_LEVELS = (logging.WARNING, logging.INFO, logging.DEBUG)

log = logging.getLogger(__name__)


class _UntypedFlags:
    """Help that shows no ``<bool>`` placeholder for on/off flags (``--help`` included):
    typer's Rich help prints each option's type, which a flag does not take."""

    def get_params(self, ctx: Any) -> list[Any]:
        params = super().get_params(ctx)  # type: ignore[misc]
        for param in params:
            if getattr(param, "is_flag", False) and param.metavar is None:
                param.metavar = ""
        return params


class _Command(_UntypedFlags, TyperCommand):
    """A subcommand whose help shows no type for flags."""


class _Group(_UntypedFlags, TyperGroup):
    """The ``spinthermo`` group, whose help shows no type for flags."""


app = typer.Typer(
    name="spinthermo",
    cls=_Group,
    help="Open quantum systems of atomic spins and their quantum thermodynamics.\n\n"
    "Example: spinthermo list, then spinthermo reproduce driven-qubit --quick.",
    epilog=EXIT_CODES_HELP,
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
console = Console(emoji=False)
err_console = Console(stderr=True, emoji=False)


def main(args: Sequence[str] | None = None) -> int:
    """Run the ``spinthermo`` command (the console script's entry point).

    Exits through :class:`SystemExit` with the command's code; an unexpected exception (a bug)
    prints one line, ``internal error: Type: message — please report; ...``, and returns
    ``EXIT_INTERNAL`` (70) instead of a traceback, which ``SPINTHERMO_DEBUG=1`` prints first.
    """
    try:
        app(args=args, prog_name="spinthermo")
    except Exception as exc:
        if _debug():
            traceback.print_exc()
        print(f"internal error: {_one_line(exc)} — please report; {DEBUG_VARIABLE}=1 shows the "
              "traceback", file=sys.stderr)
        return EXIT_INTERNAL
    return EXIT_OK


def _debug() -> bool:
    """Whether ``SPINTHERMO_DEBUG`` asks for tracebacks (set, and not ``0``)."""
    return os.environ.get(DEBUG_VARIABLE, "") not in ("", "0")


def _one_line(exc: BaseException) -> str:
    """``Type: message`` of ``exc`` on one line."""
    return " ".join(f"{type(exc).__name__}: {exc}".split())


def _reflowed(command: Any) -> Any:
    """``command`` with each paragraph of its docstring on one line, so ``--help`` (Rich
    mode keeps line breaks) wraps it to the terminal instead of at the source's breaks."""
    paragraphs = inspect.cleandoc(command.__doc__ or "").split("\n\n")
    command.__doc__ = "\n\n".join(" ".join(p.split()) for p in paragraphs)
    return command


def _text(value: Any) -> str:
    """``value`` formatted (:func:`_fmt`) and escaped, so Rich prints it literally."""
    return escape(_fmt(value))


def _version_callback(value: bool) -> None:
    if value:
        import spinthermo

        console.print(f"spinthermo {spinthermo.__version__}", highlight=False)
        raise typer.Exit()


_log_handler: logging.Handler | None = None


def set_verbosity(count: int) -> int:
    """Set the level of the ``spinthermo`` loggers from the number of ``-v`` given
    (:data:`VERBOSITY_LEVELS`: warnings only, ``-v`` info, ``-vv`` debug); log records go to
    standard error. Returns the level set."""
    global _log_handler
    if not isinstance(count, int) or count < 0:
        raise ValueError(f"verbosity must be a count ≥ 0; received {count!r}")
    level = VERBOSITY_LEVELS[min(count, len(VERBOSITY_LEVELS) - 1)]
    logger = logging.getLogger("spinthermo")
    if _log_handler is None:
        from rich.logging import RichHandler

        _log_handler = RichHandler(console=Console(stderr=True, emoji=False), show_path=False,
                                   markup=False)
        logger.addHandler(_log_handler)
    logger.setLevel(level)
    return level


@app.callback()
def _options(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version_callback, is_eager=True,
                     help="Print the version and exit."),
    ] = False,
    verbose: Annotated[
        int,
        typer.Option("--verbose", "-v", count=True, metavar="", show_default=False,
                     help="Log more detail to standard error: -v for each step and file "
                     "written, -vv for debugging."),
    ] = 0,
) -> None:
    """Open quantum systems of atomic spins and their quantum thermodynamics."""
    set_verbosity(verbose)


def _usage_error(message: str) -> typer.Exit:
    err_console.print(f"[bold red]Error:[/] {escape(message)}", highlight=False,
                      soft_wrap=True)
    return typer.Exit(code=EXIT_USAGE)


@app.command("list", cls=_Command)
@_reflowed
def list_cmd() -> None:
    """List the studies that `reproduce` can run, each with the paper it reproduces.

    Example: spinthermo list
    """
    from spinthermo.studies.citations import citation_for
    from spinthermo.studies.registry import list_studies

    table = Table(title="spinthermo studies", box=box.SIMPLE_HEAD)
    table.add_column("name", style="bold cyan", no_wrap=True)
    table.add_column("description and paper")
    for name, description in list_studies():
        citation = citation_for(name)
        paper = "" if citation is None else f"\n[dim]{escape(citation.short())}[/]"
        table.add_row(escape(name), escape(description) + paper)
    console.print(table)


def _claims_tables(result: StudyResult) -> list[Table]:
    """One table per claim kind (paper, consistency, beyond), every value whole: long ids,
    sources and values wrap inside their column (80 columns and up), numbers keep room for 6
    significant digits."""
    from spinthermo.studies.contract import CLAIM_KINDS

    tables = []
    for kind, n in result.counts_by_kind().items():
        table = Table(title=f"{escape(result.name)}: {CLAIM_KINDS[kind].lower()}, "
                      f"{n['passed']}/{n['total']} passed", box=box.SIMPLE_HEAD)
        table.add_column("id", overflow="fold", min_width=8)
        table.add_column("source", overflow="fold", min_width=10)
        for col in ("paper", "ours"):
            table.add_column(col, overflow="fold", min_width=len("-1.23456e-15"))
        table.add_column("result", no_wrap=True)
        for c in result.of_kind(kind):
            if c.passed:
                verdict = "[bold green]PASS[/]"
            else:
                verdict = "[yellow]FAIL (explained)[/]" if c.explanation else "[bold red]FAIL[/]"
            table.add_row(*(_text(x) for x in (c.id, c.source, c.paper, c.ours)), verdict)
        tables.append(table)
    if tables:
        tables[-1].caption = "descriptions, tolerances and explanations: report.md"
    return tables


def _fmt(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:.6g}"
    return str(value)


@app.command(cls=_Command)
@_reflowed
def reproduce(
    name: Annotated[str | None, typer.Argument(
        help="The study to run; `spinthermo list` names them.")] = None,
    all_: Annotated[bool, typer.Option("--all", help="Run every registered study and write "
                                       "OUT/index.html linking them.")] = False,
    quick: Annotated[bool, typer.Option("--quick", help="Use small grids, which run in "
                                        "seconds; this is not the real reproduction.")]
    = False,
    out: Annotated[Path, typer.Option("--out", help="The output directory; it is checked "
                                      "before any work starts.")] = Path("results"),
) -> None:
    """Run a study, write DIR/NAME/{data.nc, fig*, claims.json, report.md, meta.json} and
    print its claims.

    Example: spinthermo reproduce driven-qubit --quick --out results

    Exits 0 when every claim passed or failed with an explanation (a claim that cannot pass
    with the paper's stated model carries one), 1 when a claim failed without one, 2 on an
    unknown study name or an --out that is a file, lies under a file or cannot be written
    (nothing is run), 70 when a study raised (with --all the other studies still run and
    index.html records the error), 130 on Ctrl-C.
    """
    from spinthermo.destination import require_writable_directory
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
    try:
        require_writable_directory(out, "--out")
    except ValueError as exc:
        raise _usage_error(str(exc)) from None

    import matplotlib

    matplotlib.use("Agg")
    from spinthermo.studies.contract import run_study
    from spinthermo.studies.output import IndexEntry, write_index, write_study
    from spinthermo.studies.progress import RichProgress

    entries, raised, any_failed = [], [], False
    for n in names:
        console.rule(f"[bold]{escape(n)}[/] — {escape(ENTRIES[n].description)}")
        log.info("running %s (%s)", n, "--quick" if quick else "full run")
        try:
            study = get_study(n)
            with RichProgress(console=console) as progress:
                result = run_study(study, quick=quick, progress=progress)
            study_dir = write_study(study, result, out)
        except Exception as exc:
            if not all_:
                raise  # main() reports it as an internal error
            if _debug():
                traceback.print_exc()
            err_console.print(f"[bold red]{escape(n)} raised[/] {escape(_one_line(exc))}",
                              highlight=False, soft_wrap=True)
            entries.append(IndexEntry(n, ENTRIES[n].description, error=_one_line(exc)))
            raised.append(n)
            continue
        for table in _claims_tables(result):
            console.print(table)
        console.print(f"{escape(n)}: {result.runtime_s:.1f} s; files in "
                      f"[bold]{escape(str(study_dir))}[/]", highlight=False, soft_wrap=True)
        any_failed |= bool(result.unexplained_failures)
        entries.append(IndexEntry.from_result(study, result))
    if all_:
        index = write_index(out, entries)
        console.print(f"index: [bold]{escape(str(index))}[/]", highlight=False, soft_wrap=True)
    if raised:
        err_console.print(f"[bold red]internal error:[/] {len(raised)} stud"
                          f"{'y' if len(raised) == 1 else 'ies'} raised ("
                          f"{escape(', '.join(raised))}; see index.html) — please report; "
                          f"{DEBUG_VARIABLE}=1 shows the traceback", highlight=False,
                          soft_wrap=True)
        raise typer.Exit(code=EXIT_INTERNAL)
    if any_failed:
        err_console.print("[bold red]Some claims failed without explanation[/] (see the "
                          "reports).")
        raise typer.Exit(code=EXIT_FAILED)


@app.command(cls=_Command)
@_reflowed
def plot(
    name: Annotated[str, typer.Argument(help="The study whose figures to redraw; `spinthermo "
                                        "list` names them.")],
    directory: Annotated[Path, typer.Argument(
        help="The --out directory of `reproduce` (figures go to DIR/NAME/), or the study "
        "directory DIR/NAME itself.")] = Path("results"),
) -> None:
    """Redraw a study's figures from its saved data.nc, without recomputing anything.

    Example: spinthermo plot driven-qubit results (reads results/driven-qubit/data.nc and
    writes the figures next to it; spinthermo plot driven-qubit results/driven-qubit does the
    same).

    DIR is taken as the study directory when it holds a data.nc, otherwise DIR/NAME is used.
    Exits 0 when the figures were written, 2 on an unknown study name or when data.nc is
    missing, unreadable or belongs to another study (nothing is drawn), 70 when drawing raised.
    """
    from spinthermo.studies.registry import get_study

    try:
        study = get_study(name)
    except ValueError as exc:
        raise _usage_error(str(exc)) from None
    study_dir = directory if (directory / "data.nc").is_file() else directory / name
    import matplotlib

    matplotlib.use("Agg")
    from spinthermo.studies.output import load_study_data

    try:
        data = load_study_data(study, study_dir)
    except (FileNotFoundError, ValueError) as exc:
        raise _usage_error(str(exc)) from None
    paths = study.plot(data, study_dir)
    console.print(f"{escape(name)}: redrew {len(paths)} figure files in "
                  f"[bold]{escape(str(study_dir))}[/]", highlight=False, soft_wrap=True)


def _seconds(value: float | None) -> str:
    """A duration in seconds shown with 3 significant digits in ns, µs, ms or s; a dash for
    ``None``."""
    if value is None:
        return "—"
    for scale, unit in ((1e-6, "ns"), (1e-3, "µs"), (1.0, "ms")):
        if value < scale:
            return f"{value / scale * 1e3:.3g} {unit}"
    return f"{value:.3g} s"


def _bench_table(results: list[dict[str, Any]]) -> Table:
    """The benchmark results, readable in 80 columns: numbers in fixed columns that never
    wrap, the task's peer and speed target as dim lines under its name."""
    table = Table(title="spinthermo benchmarks (ratio = peer time / our time)",
                  box=box.SIMPLE_HEAD, caption="every field: results.json")
    table.add_column("task (peer; target)", overflow="fold", ratio=1)
    for col in ("ours", "peer", "ratio", "agreement", "met"):
        table.add_column(col, no_wrap=True, justify="right")
    for r in results:
        detail = f"{_text(r['task'])}\n[dim]{_text(r['peer'])}; {_text(r['target'])}[/]"
        if r.get("error"):
            table.add_row(f"{detail}\n[red]{_text(r['error'])}[/]", "[red]error[/]", "", "",
                          "", "[red]✗[/]")
            continue
        agreement = "—" if r["agreement"] is None else f"{r['agreement']:.1e}"
        if r["agreed"] is not None:
            agreement = f"[{'green' if r['agreed'] else 'red'}]{agreement}[/]"
        met = {True: "[green]✓[/]", False: "[red]✗[/]", None: "—"}[r["target_met"]]
        ratio = r["ratio"]
        ratio = "—" if ratio is None else f"{ratio:.0f}×" if ratio >= 100 else f"{ratio:.3g}×"
        table.add_row(detail, _seconds(r["ours_s"]), _seconds(r["peer_s"]), ratio, agreement,
                      met)
    return table


@app.command(cls=_Command)
@_reflowed
def bench(
    quick: Annotated[bool, typer.Option("--quick", help="Time one call per side instead of "
                                        "the best of several.")] = False,
    dir_: Annotated[Path | None, typer.Option("--dir", help="The benchmark directory holding "
                                              "bench_*.py; the default is ./benchmarks.")]
    = None,
    task: Annotated[str | None, typer.Option("--task", help="Run only the task of this "
                                             "name.")] = None,
    out: Annotated[Path, typer.Option("--out", help="The directory for results.json, checked "
                                      "before any task runs. Only a full run of every task "
                                      "may write into the benchmark directory (--out "
                                      "benchmarks) or over another full record.")]
    = Path("bench-results"),
) -> None:
    """Time spinthermo against its peers on the same work and write OUT/results.json.

    Example: spinthermo bench --quick --task alkali-ness

    Results go to ./bench-results/results.json unless --out says otherwise. The committed
    record, benchmarks/results.json, is rewritten only when asked (--out benchmarks) and only
    by a full run of every task: a --quick or --task run refuses to replace a full record.

    Exits 0 when every task ran and agreed with its peer, 1 when a task raised or disagreed
    beyond its limit or a benchmark file failed to load, 2 on an unknown task, a missing
    benchmark directory or an --out that cannot or must not be written (nothing is run).
    """
    from spinthermo.benchmarking import (
        BenchmarkFileError,
        default_bench_dir,
        discover_tasks,
        results_destination,
        run_tasks,
        write_results,
    )

    try:
        bench_dir = dir_ if dir_ is not None else default_bench_dir()
        path = results_destination(out, bench_dir, quick=quick, complete=task is None)
        tasks = discover_tasks(bench_dir, quick=quick)
    except (FileNotFoundError, ValueError) as exc:
        raise _usage_error(str(exc)) from None
    except BenchmarkFileError as exc:
        err_console.print(f"[bold red]Error:[/] {escape(str(exc))}", highlight=False,
                          soft_wrap=True)
        raise typer.Exit(code=EXIT_FAILED) from None
    if task is not None:
        names = [t.name for t in tasks]
        tasks = [t for t in tasks if t.name == task]
        if not tasks:
            known = ", ".join(names) or "(none)"
            raise _usage_error(f"unknown task {task!r}; known tasks: {known}")
    if not tasks:
        raise _usage_error(f"no benchmark tasks found in {bench_dir} (files bench_*.py)")

    def report(row: dict[str, Any]) -> None:
        state = "[red]error[/]" if row["error"] else _seconds(row["ours_s"])
        console.print(f"  {_text(row['task'])}: {state}", highlight=False, soft_wrap=True)

    console.print(f"Running {len(tasks)} benchmark task(s) from {escape(str(bench_dir))}",
                  highlight=False, soft_wrap=True)
    log.info("benchmark tasks: %s", ", ".join(t.name for t in tasks))
    results = run_tasks(tasks, quick=quick, on_result=report)
    console.print(_bench_table(results))
    write_results(results, path, quick=quick, complete=task is None)
    console.print(f"results: [bold]{escape(str(path.absolute()))}[/]", highlight=False,
                  soft_wrap=True)
    if any(r["error"] or r["agreed"] is False for r in results):
        raise typer.Exit(code=EXIT_FAILED)


from spinthermo.sweep.command import sweep_command  # noqa: E402  (imports typer only)

app.command("sweep", cls=_Command)(_reflowed(sweep_command))
