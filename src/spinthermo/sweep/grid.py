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
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

__all__ = [
    "Axis",
    "Grid",
    "as_grid",
    "canonical_unit",
    "parse_axis",
]

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

    >>> canonical_unit("s^-1"), canonical_unit("gauss"), canonical_unit("furlong")
    ('1/s', 'G', 'furlong')
    """
    text = str(unit).strip()
    return _CANONICAL.get(text.replace(" ", ""), text)


def _number(text: str, what: str, spec: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise ValueError(f"{what} of {spec!r} must be a number; received {text!r} "
                         f"(format {_FORMAT})") from None
    if not math.isfinite(value):
        raise ValueError(f"{what} of {spec!r} must be finite; received {text!r}")
    return value


@dataclass(frozen=True)
class Axis:
    """One named axis of a grid: its values (in sweep order) and their unit.

    ``units`` is ``None`` when the caller did not state a unit (the model's unit is then
    taken); ``spacing`` is ``"linear"``, ``"log"`` or ``"explicit"`` (for the record only).
    Values must be finite, distinct and at least one. Build with :meth:`linear`, :meth:`log`,
    :func:`parse_axis`, or directly from values.
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
               units: str | None = None) -> Axis:
        """``n`` linearly spaced values from ``start`` to ``stop`` inclusive."""
        _check_range(name, start, stop, n, log=False)
        values = np.linspace(start, stop, n) if n > 1 else np.array([float(start)])
        return cls(name, tuple(values), units, "linear")

    @classmethod
    def log(cls, name: str, start: float, stop: float, n: int, units: str | None = None) -> Axis:
        """``n`` geometrically spaced values from ``start`` to ``stop`` (both > 0) inclusive."""
        _check_range(name, start, stop, n, log=True)
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
        return len(self.values)

    def with_values(self, values, units: str | None) -> Axis:
        """The same axis with other values (e.g. rounded to integers) and a unit."""
        return Axis(self.name, tuple(values), units, self.spacing)

    def to_json(self) -> dict:
        """JSON-ready form (floats survive the round trip exactly: ``repr`` is exact)."""
        return {"name": self.name, "units": self.units, "spacing": self.spacing,
                "values": list(self.values)}

    @classmethod
    def from_json(cls, doc: Mapping) -> Axis:
        return cls(doc["name"], tuple(doc["values"]), doc.get("units"),
                   doc.get("spacing", "explicit"))


def _check_range(name: str, start: float, stop: float, n, log: bool) -> None:
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)):
        raise TypeError(f"{name}: the number of points N must be an integer; received {n!r}")
    if n < 1:
        raise ValueError(f"{name}: empty range, N = {n}; N must be >= 1")
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


def parse_axis(spec: str) -> Axis:
    """Parse ``NAME[UNIT]=START:STOP:N[:log]`` or ``NAME[UNIT]=V1,V2,...`` into an :class:`Axis`.

    Raises ``ValueError`` naming the problem (format, empty range, non-positive log bounds).
    """
    match = _SPEC.match(spec) if isinstance(spec, str) else None
    if match is None:
        raise ValueError(f"cannot parse parameter {spec!r}; expected {_FORMAT}")
    name, unit, body = match["name"], match["unit"], match["body"]
    if not body:
        raise ValueError(f"parameter {name!r} has no values; expected {_FORMAT}")
    if ":" in body:
        parts = [p.strip() for p in body.split(":")]
        spacing = "linear"
        if len(parts) == 4:
            if parts[3].lower() not in ("log", "lin", "linear"):
                raise ValueError(f"the fourth field of {spec!r} must be 'log' (or 'lin'); "
                                 f"received {parts[3]!r}")
            spacing = "log" if parts[3].lower() == "log" else "linear"
            parts = parts[:3]
        if len(parts) != 3:
            raise ValueError(f"cannot parse range {body!r} of {name!r}; expected "
                             "START:STOP:N or START:STOP:N:log")
        start = _number(parts[0], "START", spec)
        stop = _number(parts[1], "STOP", spec)
        try:
            n = int(parts[2])
        except ValueError:
            raise ValueError(f"N of {spec!r} must be an integer number of points; received "
                             f"{parts[2]!r}") from None
        build = Axis.log if spacing == "log" else Axis.linear
        return build(name, start, stop, n, unit)
    values = [_number(v.strip(), "a value", spec) for v in body.split(",") if v.strip()]
    return Axis(name, tuple(values), unit, "explicit")


class Grid:
    """The outer product of named axes; point ``k`` is the C-order multi-index of ``shape``.

    >>> g = Grid([Axis("a", (1.0, 2.0)), Axis("b", (10, 20, 30))])
    >>> g.size, g.names, g.point(4)
    (6, ('a', 'b'), {'a': 2.0, 'b': 20})
    """

    def __init__(self, axes: Iterable[Axis]):
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
        self.axes = axes

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(a.name for a in self.axes)

    @property
    def shape(self) -> tuple[int, ...]:
        return tuple(a.size for a in self.axes)

    @property
    def size(self) -> int:
        return math.prod(self.shape)

    def point(self, index: int) -> dict:
        """The parameter values of flat point ``index`` (C order)."""
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
    def parse(cls, specs: Sequence[str]) -> Grid:
        """A grid from ``NAME=START:STOP:N[:log]`` strings (see :func:`parse_axis`)."""
        return cls(parse_axis(s) for s in specs)


def as_grid(grid) -> Grid:
    """Accept a :class:`Grid`, one :class:`Axis`, a list of axes or spec strings, or a mapping
    ``{name: values | "START:STOP:N[:log]"}`` (a notebook's ``{"nbar": np.linspace(...)}``)."""
    if isinstance(grid, Grid):
        return grid
    if isinstance(grid, Axis):
        return Grid([grid])
    if isinstance(grid, str):
        return Grid([parse_axis(grid)])
    if isinstance(grid, Mapping):
        axes = []
        for name, values in grid.items():
            if isinstance(values, Axis):
                axes.append(values)
            elif isinstance(values, str):
                axes.append(parse_axis(f"{name}={values}"))
            else:
                axes.append(Axis(str(name), tuple(np.atleast_1d(np.asarray(values)).tolist())))
        return Grid(axes)
    if isinstance(grid, Iterable):
        return Grid(a if isinstance(a, Axis) else parse_axis(a) for a in grid)
    raise TypeError(f"grid must be a Grid, Axis, list of 'NAME=START:STOP:N' strings or a "
                    f"mapping {{name: values}}; received {type(grid).__name__}")
