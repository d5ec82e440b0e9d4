"""Parameter grids: named axes with units, and the ``NAME=START:STOP:N[:log]`` syntax.

A :class:`Grid` is the outer product of its axes, in the order given (the first axis varies
slowest; points are numbered in C order). An axis holds its values exactly as they will be
passed to the model function, and the unit its values are in. Units are *checked*, never
converted: a parameter carries its unit in its name (``temperature_c``, ``radius_cm``), so a
unit written on the command line only guards against a mistake.

Text syntax (``parse_axis``)::

    NAME=START:STOP:N          N points, linearly spaced, START and STOP included
    NAME=START:STOP:N:log      N points, geometrically spaced (START, STOP > 0)
    NAME=V1,V2,V3              explicit values
    NAME[UNIT]=...             any of the above, with the unit checked against the model's

Size cap: an axis or a grid may hold at most :func:`max_grid_points` points (default
``DEFAULT_MAX_GRID_POINTS`` = 10⁷, settable with the environment variable
``SPINTHERMO_MAX_GRID_POINTS`` or the ``max_points`` keyword). Larger requests are refused when
they are parsed or constructed, before any value is allocated, with the size and the memory the
sweep would need.

>>> axis = parse_axis("pressure_torr[torr]=100:700:4")
>>> axis.name, axis.units, axis.values
('pressure_torr', 'torr', (100.0, 300.0, 500.0, 700.0))
>>> parse_axis("pumping_rate=1e2:1e4:3:log").values
(100.0, 1000.0, 10000.0)
>>> Grid([axis, parse_axis("photon_spin=0.5,1")]).shape
(4, 2)
"""

from __future__ import annotations

import math
import os
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

__all__ = [
    "DEFAULT_MAX_GRID_POINTS",
    "MAX_GRID_POINTS_ENV",
    "Axis",
    "Grid",
    "as_grid",
    "canonical_unit",
    "max_grid_points",
    "parse_axis",
]

#: Default cap on the points of one axis and of a whole grid. A 10⁶-point sweep (the largest
#: the studies need) fits ten times over; 10⁷ points hold ~1 GB of float64 values and outputs
#: and take ~3 h at 1 ms per point on one core, the most a single sweep should ask for without
#: raising the cap deliberately.
DEFAULT_MAX_GRID_POINTS = 10_000_000

#: Environment variable that overrides :data:`DEFAULT_MAX_GRID_POINTS` (a positive integer).
MAX_GRID_POINTS_ENV = "SPINTHERMO_MAX_GRID_POINTS"

#: Float64 outputs per point assumed in the memory estimate of a refused grid (the registered
#: models return 3 to 12 outputs).
_OUTPUTS_PER_POINT_ESTIMATE = 10


def max_grid_points(max_points: int | None = None) -> int:
    """The cap on the points of an axis or a grid.

    Parameters
    ----------
    max_points : int, optional
        The cap to use; when None, the environment variable ``SPINTHERMO_MAX_GRID_POINTS``,
        else ``DEFAULT_MAX_GRID_POINTS`` (10⁷).

    Returns
    -------
    int
        The cap, ≥ 1.

    Examples
    --------
    >>> max_grid_points(), max_grid_points(100)
    (10000000, 100)
    """
    source = "max_points"
    if max_points is None:
        text = os.environ.get(MAX_GRID_POINTS_ENV, "").strip()
        if not text:
            return DEFAULT_MAX_GRID_POINTS
        source = f"environment variable {MAX_GRID_POINTS_ENV}"
        try:
            max_points = int(text)
        except ValueError:
            raise ValueError(f"{source} must be a positive integer number of grid points; "
                             f"received {text!r}") from None
    if isinstance(max_points, bool) or not isinstance(max_points, (int, np.integer)):
        raise TypeError(f"{source} must be a positive integer number of grid points; "
                        f"received {max_points!r}")
    if max_points < 1:
        raise ValueError(f"{source} must be a positive integer number of grid points (>= 1); "
                         f"received {max_points}")
    return int(max_points)


def _memory_text(n_bytes: float) -> str:
    for unit, size in (("EB", 1e18), ("PB", 1e15), ("TB", 1e12), ("GB", 1e9), ("MB", 1e6)):
        if n_bytes >= size:
            return f"{n_bytes / size:.3g} {unit}"
    return f"{n_bytes / 1e3:.3g} kB"


def _check_size(what: str, points: int, n_axes: int, max_points: int | None) -> None:
    """Refuse ``points`` above the cap, with the memory the values and outputs would need."""
    cap = max_grid_points(max_points)
    if points > cap:
        memory = 8.0 * points * (n_axes + _OUTPUTS_PER_POINT_ESTIMATE)
        raise ValueError(
            f"{what} has {points:,} points, above the cap of {cap:,} points; it would need "
            f"~{_memory_text(memory)} of memory (float64 values of {n_axes} parameter(s) and "
            f"~{_OUTPUTS_PER_POINT_ESTIMATE} outputs per point). Use fewer points, or raise "
            f"the cap with {MAX_GRID_POINTS_ENV} or max_points= if you mean it"
        )

#: Spellings accepted for each canonical unit (compared after stripping blanks).
UNIT_ALIASES: dict[str, tuple[str, ...]] = {
    "1": ("1", "", "-", "dimensionless", "none"),
    "1/s": ("1/s", "s^-1", "s-1", "s⁻¹", "/s", "per_s"),
    "°C": ("°C", "degC", "deg_C", "C", "celsius", "Celsius"),
    "K": ("K", "kelvin"),
    "cm": ("cm",),
    "torr": ("torr", "Torr"),
    "Hz": ("Hz", "hz"),
    "rad/s": ("rad/s", "rad s^-1"),
    "G": ("G", "gauss", "Gauss"),
    "nat": ("nat", "nats"),
}
_CANONICAL = {alias.replace(" ", ""): unit for unit, aliases in UNIT_ALIASES.items()
              for alias in aliases}

_SPEC = re.compile(r"^\s*(?P<name>[A-Za-z_][A-Za-z0-9_]*)\s*(?:\[(?P<unit>[^\]]*)\])?\s*="
                   r"\s*(?P<body>.*?)\s*$")
_FORMAT = "NAME=START:STOP:N[:log], NAME[UNIT]=START:STOP:N[:log] or NAME=V1,V2,..."


def canonical_unit(unit: str) -> str:
    """The canonical spelling of ``unit`` (``"degC"`` → ``"°C"``); unknown units unchanged.

    Parameters
    ----------
    unit : str
        A unit as written by a user.

    Returns
    -------
    str

    Examples
    --------
    >>> canonical_unit("s^-1"), canonical_unit("gauss"), canonical_unit("furlong")
    ('1/s', 'G', 'furlong')
    """
    text = str(unit).strip()
    return _CANONICAL.get(text.replace(" ", ""), text)


def _shown(text: str, limit: int = 60) -> str:
    """``repr(text)``, shortened to ``limit`` characters for error messages."""
    shown = repr(text)
    return shown if len(shown) <= limit else f"{shown[:limit - 1]}… ({len(text)} characters)"


def _number(text: str, what: str, spec: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise ValueError(f"{what} of {_shown(spec)} must be a number; received {_shown(text)} "
                         f"(format {_FORMAT})") from None
    if not math.isfinite(value):
        raise ValueError(f"{what} of {_shown(spec)} must be finite; received {_shown(text)}")
    return value


@dataclass(frozen=True)
class Axis:
    """One named axis of a grid: its values (in sweep order) and their unit.

    Build with :meth:`linear`, :meth:`log`, :func:`parse_axis`, or directly from values.

    Parameters
    ----------
    name : str
        Parameter name, a Python identifier.
    values : sequence of float or int
        At least one value, finite and distinct, in the axis's unit.
    units : str, optional
        Unit of the values; None when the caller did not state one (the model's unit is then
        taken).
    spacing : str, optional
        ``"linear"``, ``"log"`` or ``"explicit"`` (default; for the record only).
    """

    name: str
    values: tuple
    units: str | None = None
    spacing: str = "explicit"

    def __post_init__(self) -> None:
        if not isinstance(self.name, str) or not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*",
                                                              self.name):
            raise ValueError(f"axis name must be an identifier; received {self.name!r}")
        arr = np.asarray(self.values)
        if arr.ndim == 0:
            arr = arr.reshape(1)
        if arr.ndim != 1:
            raise ValueError(f"axis {self.name!r} needs a 1-D list of values; received shape "
                             f"{arr.shape}")
        if arr.size == 0:
            raise ValueError(f"axis {self.name!r} is empty: give at least one value")
        if arr.dtype.kind not in "iuf":
            raise TypeError(f"axis {self.name!r} values must be real numbers; received dtype "
                            f"{arr.dtype}")
        if not np.all(np.isfinite(arr)):
            raise ValueError(f"axis {self.name!r} values must be finite; received {arr!r}")
        if np.unique(arr).size != arr.size:
            raise ValueError(f"axis {self.name!r} repeats a value ({arr.tolist()}): each grid "
                             "point must be distinct")
        kind = int if arr.dtype.kind in "iu" else float
        object.__setattr__(self, "values", tuple(kind(v) for v in arr.tolist()))
        if self.units is not None:
            object.__setattr__(self, "units", canonical_unit(self.units))
        if self.spacing not in ("linear", "log", "explicit"):
            raise ValueError(f"axis spacing must be 'linear', 'log' or 'explicit'; received "
                             f"{self.spacing!r}")

    @classmethod
    def linear(cls, name: str, start: float, stop: float, n: int,
               units: str | None = None, *, max_points: int | None = None) -> Axis:
        """``n`` linearly spaced values from ``start`` to ``stop`` inclusive.

        Parameters
        ----------
        name : str
            Parameter name.
        start, stop : float
            End values, ``start ≤ stop`` (equal only when n = 1), in ``units``.
        n : int
            Number of values, ≥ 1.
        units : str, optional
            Unit of the values.
        max_points : int, optional
            Cap on the number of points (default :func:`max_grid_points`), checked before
            allocating.

        Returns
        -------
        Axis
        """
        _check_range(name, start, stop, n, log=False, max_points=max_points)
        values = np.linspace(start, stop, n) if n > 1 else np.array([float(start)])
        return cls(name, tuple(values), units, "linear")

    @classmethod
    def log(cls, name: str, start: float, stop: float, n: int, units: str | None = None, *,
            max_points: int | None = None) -> Axis:
        """``n`` geometrically spaced values from ``start`` to ``stop`` (both > 0) inclusive.

        Parameters
        ----------
        name : str
            Parameter name.
        start, stop : float
            End values, ``0 < start ≤ stop`` (equal only when n = 1), kept exactly.
        n : int
            Number of values, ≥ 1.
        units : str, optional
            Unit of the values.
        max_points : int, optional
            Cap on the number of points (default :func:`max_grid_points`), checked before
            allocating.

        Returns
        -------
        Axis
        """
        _check_range(name, start, stop, n, log=True, max_points=max_points)
        values = np.geomspace(start, stop, n) if n > 1 else np.array([float(start)])
        if n > 1:  # geomspace rounds its end points; keep them exactly as given
            values[0], values[-1] = start, stop
        return cls(name, tuple(values), units, "log")

    @property
    def array(self) -> np.ndarray:
        """The values as a numpy array (int64 for integer axes, float64 otherwise)."""
        return np.asarray(self.values)

    @property
    def size(self) -> int:
        """Number of values."""
        return len(self.values)

    def with_values(self, values, units: str | None) -> Axis:
        """The same axis with other values (e.g. rounded to integers) and a unit.

        Parameters
        ----------
        values : sequence of float or int
            The new values.
        units : str or None
            Their unit.

        Returns
        -------
        Axis
        """
        return Axis(self.name, tuple(values), units, self.spacing)

    def to_json(self) -> dict:
        """JSON-ready form (floats survive the round trip exactly: ``repr`` is exact).

        Returns
        -------
        dict
            Keys ``name``, ``units``, ``spacing``, ``values``.
        """
        return {"name": self.name, "units": self.units, "spacing": self.spacing,
                "values": list(self.values)}

    @classmethod
    def from_json(cls, doc: Mapping) -> Axis:
        """The axis written by :meth:`to_json`.

        Parameters
        ----------
        doc : mapping
            With keys ``name`` and ``values`` (``units`` and ``spacing`` optional).

        Returns
        -------
        Axis
        """
        return cls(doc["name"], tuple(doc["values"]), doc.get("units"),
                   doc.get("spacing", "explicit"))


def _check_range(name: str, start: float, stop: float, n, log: bool,
                 max_points: int | None) -> None:
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)):
        raise TypeError(f"{name}: the number of points N must be an integer; received {n!r}")
    if n < 1:
        raise ValueError(f"{name}: empty range, N = {n}; N must be >= 1")
    _check_size(f"axis {name!r} (N = {n})", int(n), 1, max_points)
    for label, value in (("START", start), ("STOP", stop)):
        if not math.isfinite(value):
            raise ValueError(f"{name}: {label} must be finite; received {value}")
    if start > stop:
        raise ValueError(f"{name}: empty range, START = {start:g} > STOP = {stop:g}; write the "
                         "smaller value first")
    if n == 1 and start != stop:
        raise ValueError(f"{name}: N = 1 needs START == STOP (received {start:g}:{stop:g}); "
                         "give N >= 2 or a single value")
    if n > 1 and start == stop:
        raise ValueError(f"{name}: START == STOP = {start:g} with N = {n} gives repeated "
                         "points; use N = 1")
    if log and (start <= 0 or stop <= 0):
        raise ValueError(f"{name}: a log axis needs START > 0 and STOP > 0; received "
                         f"{start:g}:{stop:g}")


def parse_axis(spec: str, *, max_points: int | None = None) -> Axis:
    """Parse ``NAME[UNIT]=START:STOP:N[:log]`` or ``NAME[UNIT]=V1,V2,...`` into an :class:`Axis`.

    Raises ``ValueError`` naming the problem (format, empty range, non-positive log bounds,
    more points than the cap, checked before allocating).

    Parameters
    ----------
    spec : str
        E.g. ``"nbar=0.5:10:20"``, ``"B[uT]=1:100:5:log"`` or ``"n_atoms=2,3,4"``.
    max_points : int, optional
        Cap on the number of points (default :func:`max_grid_points`), checked before
        allocating.

    Returns
    -------
    Axis
    """
    match = _SPEC.match(spec) if isinstance(spec, str) else None
    if match is None:
        raise ValueError(f"cannot parse parameter {_shown(spec)}; expected {_FORMAT}")
    name, unit, body = match["name"], match["unit"], match["body"]
    if not body:
        raise ValueError(f"parameter {name!r} has no values; expected {_FORMAT}")
    if ":" in body:
        parts = [p.strip() for p in body.split(":")]
        spacing = "linear"
        if len(parts) == 4:
            if parts[3].lower() not in ("log", "lin", "linear"):
                raise ValueError(f"the fourth field of {_shown(spec)} must be 'log' (or 'lin'); "
                                 f"received {_shown(parts[3])}")
            spacing = "log" if parts[3].lower() == "log" else "linear"
            parts = parts[:3]
        if len(parts) != 3:
            raise ValueError(f"cannot parse range {_shown(body)} of {name!r}; expected "
                             "START:STOP:N or START:STOP:N:log")
        start = _number(parts[0], "START", spec)
        stop = _number(parts[1], "STOP", spec)
        try:
            n = int(parts[2])
        except ValueError:
            digits = parts[2].lstrip("+")
            if digits.isdigit():  # beyond int()'s 4300-digit limit
                raise ValueError(f"axis {name!r}: N has {len(digits)} digits, far above the cap "
                                 f"of {max_grid_points(max_points):,} points") from None
            raise ValueError(f"N of {_shown(spec)} must be an integer number of points; "
                             f"received {_shown(parts[2])}") from None
        build = Axis.log if spacing == "log" else Axis.linear
        return build(name, start, stop, n, unit, max_points=max_points)
    _check_size(f"axis {name!r}", body.count(",") + 1, 1, max_points)
    values = [_number(v.strip(), "a value", spec) for v in body.split(",") if v.strip()]
    return Axis(name, tuple(values), unit, "explicit")


class Grid:
    """The outer product of named axes; point ``k`` is the C-order multi-index of ``shape``.

    Parameters
    ----------
    axes : iterable of Axis
        At least one axis, distinct names; the first varies slowest.
    max_points : int, optional
        Cap on the number of points (default :func:`max_grid_points`), checked before
        allocating.

    Examples
    --------
    >>> g = Grid([Axis("a", (1.0, 2.0)), Axis("b", (10, 20, 30))])
    >>> g.size, g.names, g.point(4)
    (6, ('a', 'b'), {'a': 2.0, 'b': 20})
    """

    def __init__(self, axes: Iterable[Axis], *, max_points: int | None = None):
        axes = tuple(axes)
        if not axes:
            raise ValueError("a grid needs at least one axis (--param NAME=START:STOP:N)")
        for a in axes:
            if not isinstance(a, Axis):
                raise TypeError(f"grid axes must be Axis objects; received {a!r}")
        names = [a.name for a in axes]
        repeated = sorted({n for n in names if names.count(n) > 1})
        if repeated:
            raise ValueError(f"parameter(s) {repeated} given more than once")
        shape = " x ".join(f"{a.name}[{a.size}]" for a in axes)
        _check_size(f"grid {shape}", math.prod(a.size for a in axes), len(axes), max_points)
        self.axes = axes

    @property
    def names(self) -> tuple[str, ...]:
        """Axis names, in order."""
        return tuple(a.name for a in self.axes)

    @property
    def shape(self) -> tuple[int, ...]:
        """Number of values of each axis, in order."""
        return tuple(a.size for a in self.axes)

    @property
    def size(self) -> int:
        """Number of grid points."""
        return math.prod(self.shape)

    def point(self, index: int) -> dict:
        """The parameter values of flat point ``index`` (C order).

        Parameters
        ----------
        index : int
            Flat point index, in [0, size).

        Returns
        -------
        dict
            ``{axis name: value}``.
        """
        multi = np.unravel_index(index, self.shape)
        return {a.name: a.values[int(i)] for a, i in zip(self.axes, multi, strict=True)}

    def __iter__(self):
        return iter(self.axes)

    def __len__(self) -> int:
        return len(self.axes)

    def __eq__(self, other) -> bool:
        return isinstance(other, Grid) and self.axes == other.axes

    def __hash__(self) -> int:
        return hash(self.axes)

    def __repr__(self) -> str:
        inner = ", ".join(f"{a.name}[{a.size}]" for a in self.axes)
        return f"Grid({inner}; {self.size} points)"

    @classmethod
    def parse(cls, specs: Sequence[str], *, max_points: int | None = None) -> Grid:
        """A grid from ``NAME=START:STOP:N[:log]`` strings (see :func:`parse_axis`).

        Parameters
        ----------
        specs : sequence of str
            One axis specification per axis.
        max_points : int, optional
            Cap on the number of points (default :func:`max_grid_points`), checked before
            allocating.

        Returns
        -------
        Grid
        """
        return cls((parse_axis(s, max_points=max_points) for s in specs), max_points=max_points)


def as_grid(grid, *, max_points: int | None = None) -> Grid:
    """Any of the grid forms that :func:`~spinthermo.sweep.runner.run_sweep` accepts, as a Grid.

    Parameters
    ----------
    grid : Grid, Axis, list or mapping
        A :class:`Grid`, one :class:`Axis` or spec string, a list of axes or spec strings, or
        a mapping ``{name: values}`` whose values are arrays, :class:`Axis` objects or
        ``"START:STOP:N[:log]"`` strings (a notebook's ``{"nbar": np.linspace(...)}``).
    max_points : int, optional
        Cap on the number of points (default :func:`max_grid_points`), checked before
        allocating.

    Returns
    -------
    Grid
    """
    if isinstance(grid, Grid):
        _check_size(repr(grid), grid.size, len(grid), max_points)
        return grid
    if isinstance(grid, Axis):
        return Grid([grid], max_points=max_points)
    if isinstance(grid, str):
        return Grid([parse_axis(grid, max_points=max_points)], max_points=max_points)
    if isinstance(grid, Mapping):
        axes = []
        for name, values in grid.items():
            if isinstance(values, Axis):
                axes.append(values)
            elif isinstance(values, str):
                axes.append(parse_axis(f"{name}={values}", max_points=max_points))
            else:
                axes.append(Axis(str(name), tuple(np.atleast_1d(np.asarray(values)).tolist())))
        return Grid(axes, max_points=max_points)
    if isinstance(grid, Iterable):
        return Grid((a if isinstance(a, Axis) else parse_axis(a, max_points=max_points)
                     for a in grid), max_points=max_points)
    raise TypeError(f"grid must be a Grid, Axis, list of 'NAME=START:STOP:N' strings or a "
                    f"mapping {{name: values}}; received {type(grid).__name__}")
