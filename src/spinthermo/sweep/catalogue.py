"""Sweepable models: a name, the function for one point, its parameters and its outputs.

This module is the registry only: names, parameters with units and ranges, outputs, and
references to the point functions, which live beside their models
(:mod:`spinthermo.models.alkali_pumping_sweep`, :mod:`spinthermo.models.light_shift_sweep`,
:mod:`spinthermo.models.dipolar_sweep`).

A model function takes its parameters as keyword arguments (plain ``float``/``int``, and
``str`` for settings with fixed choices) and returns a mapping ``{output: float}``. It must be
a top-level function, so that worker processes (local or Dask) import it by name, and
deterministic, so that every executor returns the same numbers. A model may also declare a
batch function (``SweepModel.batch_function``) that evaluates a whole chunk at once with the
same results; models without one run point by point.

Registered models (``spinthermo sweep --list``):

* ``alkali-ness`` — seed 000: the non-equilibrium steady state (NESS) of Eq. (1) of an alkali
  vapour cell (Appendix A rates from the cell's temperature, radius and buffer gases) and its
  thermodynamic diagnostics (Eqs. 3–6); a chunk is evaluated as one batch
  (:func:`~spinthermo.models.alkali_pumping_sweep.alkali_ness_batch`);
* ``light-shift`` — seed 004: light shift and linewidth of the Cs Zeeman resonance from the
  effective ground-state equation, Eq. (18), and its linear response, Eqs. (36)–(40);
* ``dipolar-coherence`` — seed 003: long-time l1 coherence of N atoms with identical dipolar
  couplings in a thermal bath of mean photon number n̄ (Sec. IV).

Any other top-level function can be swept by its dotted path ``"package.module:function"``;
its parameters are those of its signature, and it may declare output units in an attribute
``output_units = {"name": "unit"}``.

>>> model = get_model("dipolar-coherence")
>>> [p.name for p in model.parameters]
['n_atoms', 'nbar']
>>> round(model.function(n_atoms=2, nbar=10.0)["l1_coherence"], 6)   # 110/331, Eq. (5)
0.332326
"""

from __future__ import annotations

import hashlib
import importlib
import inspect
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from spinthermo.atoms.cell import MAX_BUFFER_PRESSURE_TORR
from spinthermo.atoms.vapour import FIT_LOW_K
from spinthermo.core.units import ZERO_CELSIUS
from spinthermo.models.alkali_pumping_sweep import (
    ALKALI_SPECIES,
    alkali_ness_batch,
    alkali_ness_point,
)
from spinthermo.models.dipolar_sweep import dipolar_coherence_point
from spinthermo.models.light_shift_presets import RELAXATION_HZ_AT_ZERO
from spinthermo.models.light_shift_sweep import light_shift_batch, light_shift_point
from spinthermo.sweep.grid import Grid, canonical_unit

__all__ = [
    "MODELS",
    "Output",
    "Parameter",
    "SweepModel",
    "function_reference",
    "function_sha256",
    "get_model",
    "list_models",
    "resolve_function",
    "resolve_model",
]


@dataclass(frozen=True)
class Parameter:
    """A model parameter: unit, allowed interval, default, and whether it takes integers.

    Parameters
    ----------
    name : str
        Keyword of the model function.
    units : str
        Unit of its values (``"1"`` for dimensionless); values are never converted.
    description : str
        One line for ``spinthermo sweep --list``.
    default : object
        Value used when the parameter is neither swept nor set.
    low, high : float, optional
        Bounds of the allowed interval (default unbounded).
    low_inclusive, high_inclusive : bool, optional
        Whether each bound is allowed (default True).
    integer : bool, optional
        Whether the parameter takes integers (a count).
    choices : tuple of str, optional
        Marks a setting (e.g. the species) that takes one of a few names: it can be set
        (``--set species=85Rb``) but not swept.
    """

    name: str
    units: str
    description: str
    default: Any
    low: float = -math.inf
    high: float = math.inf
    low_inclusive: bool = True
    high_inclusive: bool = True
    integer: bool = False
    choices: tuple[str, ...] | None = None

    @property
    def range_text(self) -> str:
        """The allowed values in words, e.g. ``[0, 300] °C`` or ``one of 87Rb, 85Rb``."""
        if self.choices is not None:
            return "one of " + ", ".join(self.choices)
        left = "[" if self.low_inclusive else "("
        right = "]" if self.high_inclusive else ")"
        unit = "" if self.units == "1" else f" {self.units}"
        kind = "integer in " if self.integer else ""
        return f"{kind}{left}{self.low:g}, {self.high:g}{right}{unit}"

    def check_values(self, values, where: str = "", round_to_integers: bool = False) -> tuple:
        """Check numeric values against the interval (and integrality); return them converted.

        Integer parameters take values within 1e-9 of an integer (a linear axis must land on
        integers; a log axis is rounded to the nearest integers, which must stay distinct).
        """
        context = f" ({where})" if where else ""
        if self.choices is not None:
            raise ValueError(
                f"{self.name} is a setting ({self.range_text}), not a numeric parameter: it "
                f"cannot be swept; set one value with --set {self.name}=VALUE{context}")
        arr = np.asarray(values, dtype=float)
        below = arr < self.low if self.low_inclusive else arr <= self.low
        above = arr > self.high if self.high_inclusive else arr >= self.high
        if np.any(below | above):
            bad = float(arr[below | above][0])
            raise ValueError(f"{self.name} must lie in {self.range_text}; received {bad:g}"
                             f"{context}")
        if not self.integer:
            return tuple(float(v) for v in arr)
        rounded = np.rint(arr)
        off = np.abs(arr - rounded) > 1e-9 * np.maximum(1.0, np.abs(arr))
        if np.any(off) and not round_to_integers:
            raise ValueError(
                f"{self.name} takes integers; received {arr.tolist()}{context}: choose START, "
                "STOP and N so that the step (STOP - START)/(N - 1) is an integer")
        return tuple(int(v) for v in rounded)

    def check_fixed(self, value) -> Any:
        """Check one fixed value (``--set NAME=VALUE``); return it converted."""
        if self.choices is not None:
            if str(value) not in self.choices:
                raise ValueError(f"{self.name} must be {self.range_text}; received {value!r}")
            return str(value)
        try:
            number = float(value)
        except (TypeError, ValueError):
            raise ValueError(f"{self.name} must be a number in {self.range_text}; received "
                             f"{value!r}") from None
        if not math.isfinite(number):
            raise ValueError(f"{self.name} must be finite; received {value!r}")
        return self.check_values([number], "--set")[0]


@dataclass(frozen=True)
class Output:
    """A named scalar output of a model function and its unit.

    Parameters
    ----------
    name : str
        Key in the function's returned mapping.
    units : str
        Unit of the value (``"1"`` for dimensionless).
    description : str, optional
        One line for the Dataset's attributes.
    """

    name: str
    units: str
    description: str = ""


@dataclass(frozen=True)
class SweepModel:
    """A sweepable model: the point function, its parameters and outputs.

    ``parameters`` is ``None`` for a user function given by dotted path: its parameters are
    those of its signature, with no unit or range check. ``outputs`` is ``None`` when the
    function does not declare them (they are taken from its first result). ``chunk_hint`` is
    the default number of points per task (larger for cheap points, to amortise overhead); for
    a model with a ``batch_function`` it is a lower bound
    (:func:`~spinthermo.sweep.runner.default_chunk_size`).

    Parameters
    ----------
    name : str
        Registered name or the function's name.
    function : callable
        The point function, keyword arguments in, ``{output: float}`` out.
    description, source : str, optional
        One line each: what it computes, and the seed and equations it implements
        (e.g. ``"003 Sec. IV, Eq. (5)"``).
    parameters : tuple of Parameter, optional
        Declared parameters (None for a user function).
    outputs : tuple of Output, optional
        Declared outputs (None: taken from the first result).
    chunk_hint : int, optional
        Default points per task (default 16); the least points per task of a batch model.
    reference : str or callable, optional
        How a store names the function (``"module:function"``), or the function itself.
    batch_function : callable, optional
        Evaluates many points at once (issue 15): the same keywords as ``function``, each a
        1-D column ``(m,)`` of the points' values or a scalar shared by all, returning
        ``(outputs, errors)``: ``{output: array (m,)}`` (NaN at failed points) and, per
        point, None or the exception ``function`` raises there. It must equal ``function``
        to 1e-12 at every point; a chunk uses it when given (None: point by point).
    """

    name: str
    function: Callable[..., Mapping[str, float]]
    description: str = ""
    source: str = ""
    parameters: tuple[Parameter, ...] | None = None
    outputs: tuple[Output, ...] | None = None
    chunk_hint: int = 16
    reference: str | Callable = field(default="", repr=False)
    batch_function: Callable[..., tuple[Mapping[str, np.ndarray], list]] | None = field(
        default=None, repr=False)

    @property
    def store_name(self) -> str:
        """The name a sweep store records.

        The registered name or ``"module:function"`` path, else the function's name.
        """
        return self.reference if isinstance(self.reference, str) and self.reference \
            else self.name

    @property
    def registered(self) -> bool:
        """Whether this is a model of the registry MODELS.

        Then a store resumes it from the registry (:data:`MODELS`), by name.
        """
        return MODELS.get(self.name) is self

    def parameter(self, name: str) -> Parameter:
        """The parameter ``name``; ``ValueError`` listing the allowed names otherwise."""
        for p in self.parameters or ():
            if p.name == name:
                return p
        raise ValueError(f"unknown parameter {name!r} for model {self.name!r}; allowed: "
                         f"{', '.join(self.parameter_names())}")

    def parameter_names(self) -> tuple[str, ...]:
        """Names of the declared parameters, or of the function's keyword arguments."""
        if self.parameters is not None:
            return tuple(p.name for p in self.parameters)
        return tuple(_signature_names(self.function)[0])

    def check_grid(self, grid: Grid) -> Grid:
        """Validate names, units, ranges and integrality; return the grid with units set."""
        if self.parameters is None:
            names, _required, var_kw = _signature_names(self.function)
            for axis in grid:
                if axis.name not in names and not var_kw:
                    raise ValueError(f"unknown parameter {axis.name!r} for {self.name}; its "
                                     f"signature takes: {', '.join(names) or '(nothing)'}")
            return grid
        axes = []
        for axis in grid:
            p = self.parameter(axis.name)
            if axis.units is not None and canonical_unit(axis.units) != p.units:
                raise ValueError(
                    f"{axis.name} is in {p.units} (allowed {p.range_text}); received unit "
                    f"{axis.units!r}. Parameters are not converted: give values in {p.units}")
            values = p.check_values(axis.values, f"--param {axis.name}",
                                    round_to_integers=axis.spacing == "log")
            if len(set(values)) != len(values):
                raise ValueError(f"{axis.name} takes integers and the axis rounds to repeated "
                                 f"values {list(values)}; use fewer points")
            axes.append(axis.with_values(values, p.units))
        return Grid(axes)

    def check_fixed(self, fixed: Mapping[str, Any] | None, grid: Grid) -> dict[str, Any]:
        """The non-swept arguments: defaults updated with ``fixed``, each checked.

        A name both swept and fixed is an error. For user functions ``fixed`` is passed as
        given (values must be JSON-serialisable, they are recorded in the store).
        """
        fixed = dict(fixed or {})
        clash = sorted(set(fixed) & set(grid.names))
        if clash:
            raise ValueError(f"parameter(s) {clash} are both swept (--param) and fixed (--set)")
        if self.parameters is None:
            names, required, var_kw = _signature_names(self.function)
            for name in fixed:
                if name not in names and not var_kw:
                    raise ValueError(f"unknown parameter {name!r} for {self.name}; its "
                                     f"signature takes: {', '.join(names) or '(nothing)'}")
            missing = [n for n in required if n not in fixed and n not in grid.names]
            if missing:
                raise ValueError(f"{self.name} needs a value for {missing}: sweep them with "
                                 "--param or set them with --set")
            return fixed
        out = {}
        for p in self.parameters:
            if p.name in grid.names:
                continue
            out[p.name] = p.check_fixed(fixed.pop(p.name)) if p.name in fixed else p.default
        if fixed:
            self.parameter(next(iter(fixed)))  # raises, naming the allowed parameters
        return out

    def output_units(self) -> dict[str, str]:
        """``{output: unit}`` as far as declared."""
        if self.outputs is not None:
            return {o.name: o.units for o in self.outputs}
        return dict(getattr(self.function, "output_units", {}) or {})


def _signature_names(function) -> tuple[list[str], list[str], bool]:
    """(all keyword-passable names, names without default, accepts **kwargs)."""
    sig = inspect.signature(function)
    names, required, var_kw = [], [], False
    for p in sig.parameters.values():
        if p.kind is p.VAR_KEYWORD:
            var_kw = True
        elif p.kind in (p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY):
            names.append(p.name)
            if p.default is p.empty:
                required.append(p.name)
    return names, required, var_kw


# ----------------------------------------------------------------------------------------------
# seed 000: alkali NESS diagnostics

_ALKALI_OUTPUTS = (
    Output("polarization", "1", "electron polarisation ⟨2S_z⟩ of the NESS"),
    Output("spin_exchange_rate", "1/s", "Γ_SE of the cell (Eq. 7)"),
    Output("spin_destruction_rate", "1/s", "Γ_SD of the cell (Eqs. 8-11)"),
    Output("entropy", "nat", "von Neumann entropy S(ρ)"),
    Output("entropy_production", "nat", "Σ = D(ρ‖1/d) (Eq. 3)"),
    Output("entropy_production_rate", "1/s", "dΣ/dt (zero at the NESS up to rounding)"),
    Output("energy", "rad/s", "energy above the ground level of H0 = A_hfs I·S"),
    Output("ergotropy", "rad/s", "ergotropy (Eq. 4)"),
    Output("efficiency", "1", "polarisation efficiency R = ergotropy/energy (Eq. 5)"),
    Output("qfi_x", "1", "quantum Fisher information F_Q(ρ, F_x) (Eq. 6)"),
    Output("qfi_y", "1", "F_Q(ρ, F_y)"),
    Output("qfi_z", "1", "F_Q(ρ, F_z)"),
    Output("f_x", "1", "⟨F_x⟩"),
    Output("f_y", "1", "⟨F_y⟩"),
    Output("f_z", "1", "⟨F_z⟩"),
    Output("residual", "1", "max|dx/dt|/max|A| of the NESS (Newton's residual)"),
)

ALKALI_NESS = SweepModel(
    name="alkali-ness",
    function=alkali_ness_point,
    description="Seed 000: NESS of an optically pumped alkali vapour cell and its "
                "thermodynamics",
    source="000 Eqs. (1), (3)-(11)",
    parameters=(
        Parameter("pumping_rate", "1/s", "optical pumping rate R_op", 1.0e4, 0.0, 1e10),
        Parameter("photon_spin", "1", "photon spin s of the pump along z", 0.5, -1.0, 1.0),
        Parameter("temperature_c", "°C", "cell temperature (sets the alkali density; each "
                  "species' vapour-pressure fit narrows the range further)", 120.0,
                  FIT_LOW_K - ZERO_CELSIUS, 300.0),
        Parameter("radius_cm", "cm", "cell radius (wall relaxation)", 1.5, 0.0, 100.0,
                  low_inclusive=False),
        Parameter("he_pressure_torr", "torr", "He buffer-gas fill pressure", 200.0, 0.0,
                  MAX_BUFFER_PRESSURE_TORR),
        Parameter("n2_pressure_torr", "torr", "N2 buffer-gas fill pressure", 75.0, 0.0,
                  MAX_BUFFER_PRESSURE_TORR),
        Parameter("species", "", "alkali isotope", "87Rb", choices=ALKALI_SPECIES),
    ),
    outputs=_ALKALI_OUTPUTS,
    chunk_hint=128,
    reference="alkali-ness",
    batch_function=alkali_ness_batch,
)


# ----------------------------------------------------------------------------------------------
# seed 004: light shift and linewidth

LIGHT_SHIFT = SweepModel(
    name="light-shift",
    function=light_shift_point,
    description="Seed 004: light shift and linewidth of the Cs Zeeman resonance (effective "
                "equation)",
    source="004 Eqs. (18), (23)-(29), (36)-(40)",
    parameters=(
        Parameter("detuning_hz", "Hz", "pump detuning Δ from the F = 3 → F' = 4 line", 0.0,
                  -1e12, 1e12),
        Parameter("pressure_torr", "torr", "N2 pressure (sets Γ_pb and γ)", 100.0, 0.0, 1e4,
                  low_inclusive=False),
        Parameter("rabi_hz", "Hz", "pump Rabi frequency Ω (intensity ∝ Ω²)", 4.1e6, 0.0, 1e9,
                  low_inclusive=False),
        Parameter("field_gauss", "G", "static field B₀", 0.1, 0.0, 100.0, low_inclusive=False),
        Parameter("spin_exchange_hz", "Hz", "spin-exchange rate γ_se (≤ γ)", 1.31e3, 0.0,
                  RELAXATION_HZ_AT_ZERO),
    ),
    outputs=(
        Output("light_shift_hz", "Hz", "light shift ω₀ − ω_L of the Zeeman resonance"),
        Output("linewidth_hz", "Hz", "half width of the resonance (half the extrema distance)"),
        Output("electron_spin_z", "1", "electron spin ⟨S_z⟩ ∈ [−½, ½] of the steady state"),
    ),
    chunk_hint=8,
    reference="light-shift",
    batch_function=light_shift_batch,
)


# ----------------------------------------------------------------------------------------------
# seed 003: long-time coherence of the dipolar cluster

DIPOLAR_COHERENCE = SweepModel(
    name="dipolar-coherence",
    function=dipolar_coherence_point,
    description="Seed 003: long-time l1 coherence of N atoms with identical dipolar couplings",
    source="003 Sec. IV, Eq. (5)",
    parameters=(
        Parameter("n_atoms", "1", "number of atoms N", 2, 1, 1e6, integer=True),
        Parameter("nbar", "1", "mean thermal photon number n̄", 1.0, 0.0, 1e6),
    ),
    outputs=(
        Output("l1_coherence", "1", "long-time l1 coherence C_l1 (computational basis)"),
        Output("ln_l1_coherence", "1", "ln C_l1"),
        Output("l1_coherence_fraction", "1", "C_l1/(2^N − 1)"),
    ),
    chunk_hint=256,
    reference="dipolar-coherence",
)

#: The registry: model name → :class:`SweepModel`.
MODELS: dict[str, SweepModel] = {m.name: m for m in (ALKALI_NESS, LIGHT_SHIFT,
                                                      DIPOLAR_COHERENCE)}


def list_models() -> list[tuple[str, str]]:
    """(name, description) of every registered model.

    Returns
    -------
    list of tuple of str
    """
    return [(m.name, m.description) for m in MODELS.values()]


def get_model(name: str) -> SweepModel:
    """The registered model ``name``; ``ValueError`` listing the registered names.

    Parameters
    ----------
    name : str
        A key of :data:`MODELS`.

    Returns
    -------
    SweepModel
    """
    if name not in MODELS:
        raise ValueError(f"unknown model {name!r}; registered: {', '.join(MODELS)}, or a "
                         "function given as 'package.module:function'")
    return MODELS[name]


def _import_path(path: str):
    module_name, _, qualname = path.partition(":")
    if not module_name or not qualname:
        raise ValueError(f"a function path must read 'package.module:function'; received "
                         f"{path!r}")
    try:
        obj = importlib.import_module(module_name)
    except ImportError as exc:
        raise ValueError(f"cannot import module {module_name!r} of {path!r}: {exc}") from None
    for part in qualname.split("."):
        try:
            obj = getattr(obj, part)
        except AttributeError:
            raise ValueError(f"module {module_name!r} has no attribute {qualname!r}") from None
    if not callable(obj):
        raise TypeError(f"{path!r} is not callable")
    return obj


def _resolve_string(reference: str):
    # not cached: after an edit and a reload, the function that runs must be the one whose
    # source a store's resume check hashed (a lookup in sys.modules costs microseconds)
    if reference in MODELS:
        return MODELS[reference].function
    if ":" in reference:
        return _import_path(reference)
    return get_model(reference).function  # raises with the list of names


def resolve_function(reference: str | Callable) -> Callable[..., Mapping[str, float]]:
    """The point function of a model name, a ``"module:function"`` path, or a callable."""
    if callable(reference):
        return reference
    return _resolve_string(str(reference))


def function_reference(function: Callable) -> str | None:
    """``"module:qualname"`` if importing that path gives ``function`` back, else ``None``
    (a lambda, a closure, a function defined in ``__main__`` of a notebook)."""
    module = getattr(function, "__module__", None)
    qualname = getattr(function, "__qualname__", None)
    if not module or not qualname or "<" in qualname or module == "__main__":
        return None
    path = f"{module}:{qualname}"
    try:
        return path if _import_path(path) is function else None
    except (ValueError, TypeError):
        return None


def _code_digest(code, digest) -> None:
    digest.update(code.co_code)
    digest.update(repr(code.co_names).encode())
    for const in code.co_consts:
        if inspect.iscode(const):  # a nested function or comprehension: its own code
            _code_digest(const, digest)
        else:
            digest.update(repr(const).encode())


def function_sha256(function: Callable) -> str | None:
    """SHA-256 (hex) of a function's code, recorded in a sweep store so that a store is resumed
    only with the function that made it (not another one of the same name, or an edited one).

    The hash is of ``inspect.getsource(function)`` (its text, UTF-8). Where no source can be
    retrieved (a lambda typed at a REPL, a function made by ``exec``) it is of the code object:
    bytecode, names and constants (nested code objects recursively). A lambda's source is its
    whole line, so its bytecode is hashed as well (two lambdas on one line differ).
    ``None`` for objects with neither (builtins, C functions, ``functools.partial``): such a
    function cannot be verified, so it cannot be swept into a store.
    """
    code = getattr(function, "__code__", None)
    try:
        digest = hashlib.sha256(b"source:" + inspect.getsource(function).encode())
    except (OSError, TypeError):
        if code is None:
            return None
        digest = hashlib.sha256(b"code:")
        _code_digest(code, digest)
        return digest.hexdigest()
    if code is not None and getattr(function, "__name__", "") == "<lambda>":
        _code_digest(code, digest)
    return digest.hexdigest()


def resolve_model(model: str | Callable | SweepModel) -> SweepModel:
    """A :class:`SweepModel` for a registered name, a dotted path or a function.

    Parameters
    ----------
    model : str, callable or SweepModel
        A registered name, a ``"module:function"`` path, a function, or a model (returned as
        is).

    Returns
    -------
    SweepModel
        The registered model, or one built from the function's signature.
    """
    if isinstance(model, SweepModel):
        return model
    if isinstance(model, str):
        if model in MODELS:
            return MODELS[model]
        if ":" not in model:
            get_model(model)  # raises with the list of names
        function = _import_path(model)
        return _user_model(function, model)
    if callable(model):
        for registered in MODELS.values():
            if registered.function is model:
                return registered
        return _user_model(model, function_reference(model) or model)
    raise TypeError(f"model must be a registered name, a 'module:function' path or a "
                    f"function; received {type(model).__name__}")


def _user_model(function: Callable, reference: str | Callable) -> SweepModel:
    declared = getattr(function, "output_units", None)
    outputs = None
    if isinstance(declared, Mapping):
        outputs = tuple(Output(str(k), str(v)) for k, v in declared.items())
    name = reference if isinstance(reference, str) else getattr(function, "__qualname__",
                                                                repr(function))
    doc = inspect.getdoc(function) or ""
    return SweepModel(name=name, function=function, description=doc.split("\n")[0],
                      outputs=outputs, reference=reference)
