"""Thermodynamic and information diagnostics of states and trajectories.

Pure functions of arrays, no model knowledge. Every function takes a density matrix of shape
``(d, d)`` or a batch ``(..., d, d)`` (or a ``qutip.Qobj``) and returns a float or an array of
the batch shape. Natural logarithms (nats); ħ = 1.

- entropy: von Neumann and relative entropy, seed 000's entropy production Eq. (3) and its
  rate, and Spohn's nonnegative Lindblad entropy production rate.
- ergotropy: internal and passive energy, passive states, ergotropy (seed 000 Eq. 4) and the
  polarization efficiency R = ℰ/E (Eq. 5), energies from the ground level by default.
- fisher: quantum Fisher information (seed 000 Eq. 6) and the quantum Cramér–Rao bound.
- coherence: l1-norm and relative-entropy coherence (Baumgratz et al. 2014).
"""

from spinthermo.thermo.coherence import l1_coherence, relative_entropy_of_coherence
from spinthermo.thermo.entropy import (
    entropy_production,
    entropy_production_rate,
    maximally_mixed_state,
    relative_entropy,
    spohn_entropy_production_rate,
    von_neumann_entropy,
)
from spinthermo.thermo.ergotropy import (
    ergotropy,
    internal_energy,
    passive_energy,
    passive_state,
    polarization_efficiency,
)
from spinthermo.thermo.fisher import cramer_rao_bound, quantum_fisher_information

__all__ = [
    "cramer_rao_bound",
    "entropy_production",
    "entropy_production_rate",
    "ergotropy",
    "internal_energy",
    "l1_coherence",
    "maximally_mixed_state",
    "passive_energy",
    "passive_state",
    "polarization_efficiency",
    "quantum_fisher_information",
    "relative_entropy",
    "relative_entropy_of_coherence",
    "spohn_entropy_production_rate",
    "von_neumann_entropy",
]
