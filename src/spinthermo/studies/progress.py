"""Progress reporting for studies: a one-method protocol and two implementations.

A study wraps its loops in ``progress.track(...)``; the library default prints nothing
(:class:`NullProgress`), the CLI shows Rich progress bars (:class:`RichProgress`).

>>> p = NullProgress()
>>> [x * x for x in p.track(range(3), "squares")]
[0, 1, 4]
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any, Protocol, TypeVar, runtime_checkable

if TYPE_CHECKING:
    from rich.console import Console

T = TypeVar("T")

__all__ = ["NullProgress", "Progress", "RichProgress", "resolve_progress"]


@runtime_checkable
class Progress(Protocol):
    """Anything with ``track(iterable, description, total=None)`` yielding the items."""

    def track(
        self, iterable: Iterable[T], description: str, total: int | None = None
    ) -> Iterator[T]:
        """Yield the items of ``iterable`` while reporting progress under ``description``."""
        ...


class NullProgress:
    """Progress that reports nothing (the library default)."""

    def track(
        self, iterable: Iterable[T], description: str, total: int | None = None
    ) -> Iterator[T]:
        """Yield the items of ``iterable`` unchanged."""
        return iter(iterable)


def resolve_progress(progress: Progress | None) -> Progress:
    """Return ``progress``, or a :class:`NullProgress` when it is ``None``."""
    return NullProgress() if progress is None else progress


class RichProgress:
    """Rich progress bars, one per tracked loop, with counts and elapsed time.

    Use as a context manager (the CLI does); ``track`` also starts the display on first
    use. Bars of nested loops are removed when their loop finishes, so only the outer
    loops stay on screen.
    """

    def __init__(self, console: Console | None = None, transient: bool = False) -> None:
        from rich import progress as rp

        self._bars = rp.Progress(
            rp.TextColumn("[progress.description]{task.description}"),
            rp.BarColumn(),
            rp.MofNCompleteColumn(),
            rp.TextColumn("elapsed"),
            rp.TimeElapsedColumn(),
            rp.TextColumn("left"),
            rp.TimeRemainingColumn(),
            console=console,
            transient=transient,
        )
        self._depth = 0
        self._started = False

    def __enter__(self) -> RichProgress:
        self.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.stop()

    def start(self) -> None:
        """Start the live display (idempotent)."""
        if not self._started:
            self._bars.start()
            self._started = True

    def stop(self) -> None:
        """Stop the live display (idempotent)."""
        if self._started:
            self._bars.stop()
            self._started = False

    def track(
        self, iterable: Iterable[T], description: str, total: int | None = None
    ) -> Iterator[T]:
        """Yield the items of ``iterable``, advancing a bar labelled ``description``.

        ``description`` is shown literally (Rich markup in it is escaped).
        """
        from rich.markup import escape

        if total is None and hasattr(iterable, "__len__"):
            total = len(iterable)  # type: ignore[arg-type]
        self.start()
        nested = self._depth > 0
        indent = "  " * self._depth
        task = self._bars.add_task(indent + escape(description), total=total)
        self._depth += 1
        try:
            for item in iterable:
                yield item
                self._bars.advance(task)
        finally:
            self._depth -= 1
            if nested:
                self._bars.remove_task(task)
            elif total is None:  # an unsized loop that finished shows a full bar
                done = next(t.completed for t in self._bars.tasks if t.id == task)
                self._bars.update(task, total=done)
