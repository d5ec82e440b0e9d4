"""The physics-agnostic open-system engine.

Operators and superoperators in one vectorisation convention (column stacking, as QuTiP),
Lindblad Liouvillians, mean-field generators ``dx/dt = A x + Σ_k (c_k·x) B_k x``, their steady
states and time evolution, and the front door's building blocks (user operands, options,
results). Most users need only the top level (``spinthermo.steady_state``,
``spinthermo.evolve``); the names below are the engine's public surface.
"""

import importlib
from typing import Any

#: Public names and the submodule each lives in; imported on first use, so that importing one
#: submodule (``spinthermo.core.checks``) does not import the integrators.
_EXPORTS = {
    "MeanFieldGenerator": "generator",
    "Liouvillian": "open_system", "MeanField": "open_system", "OpenSystem": "open_system",
    "build_open_system": "open_system",
    "EvolveOptions": "options", "SteadyStateOptions": "options",
    "EvolutionResult": "results", "SteadyStateResult": "results",
    "CoupledSpins": "spin", "clebsch_gordan": "spin", "spin_operators": "spin",
    **dict.fromkeys(("commutator_superoperator", "expectation_row", "lindblad_dissipator",
                     "liouvillian", "sparse_liouvillian", "spost", "spre", "sprepost",
                     "trace_row", "unvec", "vec"), "superop"),
}


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(importlib.import_module(f"spinthermo.core.{_EXPORTS[name]}"), name)
    raise AttributeError(f"module 'spinthermo.core' has no attribute {name!r}")


__all__ = [
    "CoupledSpins",
    "EvolutionResult",
    "EvolveOptions",
    "Liouvillian",
    "MeanField",
    "MeanFieldGenerator",
    "OpenSystem",
    "SteadyStateOptions",
    "SteadyStateResult",
    "build_open_system",
    "clebsch_gordan",
    "commutator_superoperator",
    "expectation_row",
    "lindblad_dissipator",
    "liouvillian",
    "sparse_liouvillian",
    "spin_operators",
    "spost",
    "spre",
    "sprepost",
    "trace_row",
    "unvec",
    "vec",
]
