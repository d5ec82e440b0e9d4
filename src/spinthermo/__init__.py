"""spinthermo: open quantum systems of atomic spins and their quantum thermodynamics.

The front door for your own system::

    import spinthermo as st
    ness = st.steady_state(H, c_ops, mean_field=[st.MeanField(O, G)])
    traj = st.evolve(H, rho0, times, c_ops, e_ops=[O])
    st.thermo.von_neumann_entropy(ness.state)

Submodules are imported on first use, so ``import spinthermo`` stays fast.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spinthermo import thermo
    from spinthermo.core.open_system import Liouvillian, MeanField
    from spinthermo.core.options import EvolveOptions, SteadyStateOptions
    from spinthermo.core.results import EvolutionResult, SteadyStateResult
    from spinthermo.solvers.evolve import evolve
    from spinthermo.solvers.steady_state import steady_state

_EXPORTS = {
    "steady_state": "spinthermo.solvers.steady_state",
    "evolve": "spinthermo.solvers.evolve",
    "MeanField": "spinthermo.core.open_system",
    "Liouvillian": "spinthermo.core.open_system",
    "EvolveOptions": "spinthermo.core.options",
    "SteadyStateOptions": "spinthermo.core.options",
    "EvolutionResult": "spinthermo.core.results",
    "SteadyStateResult": "spinthermo.core.results",
}

__all__ = ["EvolutionResult", "EvolveOptions", "Liouvillian", "MeanField",
           "SteadyStateOptions", "SteadyStateResult", "__version__", "evolve", "steady_state",
           "thermo"]


def _installed_version() -> str:
    """The installed distribution's version (importlib.metadata, read on first use: it costs
    ~30 ms of start-up that ``spinthermo --help`` does not need)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("spinthermo")
    except PackageNotFoundError:  # running from a source tree without installation
        return "0.0.0+unknown"


def __getattr__(name: str) -> Any:
    if name == "__version__":
        global __version__
        __version__ = _installed_version()
        return __version__
    if name == "thermo":
        return importlib.import_module("spinthermo.thermo")
    if name in _EXPORTS:
        return getattr(importlib.import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'spinthermo' has no attribute {name!r}")
