"""The front door for a user's own open system: one public function per module.

:func:`~spinthermo.solvers.steady_state.steady_state` and
:func:`~spinthermo.solvers.evolve.evolve` take QuTiP-shaped inputs (see
:mod:`spinthermo.core.open_system`) and return results holding density matrices
(:mod:`spinthermo.core.results`). Both are exported at the top level as
``spinthermo.steady_state`` and ``spinthermo.evolve``.
"""

from spinthermo.solvers.evolve import evolve
from spinthermo.solvers.steady_state import steady_state

__all__ = ["evolve", "steady_state"]
