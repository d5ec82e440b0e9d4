"""Thermodynamic and information diagnostics of states and trajectories.

Pure functions of arrays, no model knowledge. Every state argument takes what a user holds: a
density matrix ``(d, d)`` or a batch ``(..., d, d)``, a ket ``(d,)`` or ``(d, 1)`` (as
``|ψ⟩⟨ψ|``), a ``qutip.Qobj`` (operator or ket), a list of any of these (a batch), or a result
of the front door (``SteadyStateResult`` → its state; ``EvolutionResult`` → its states, so
``von_neumann_entropy(st.evolve(...))`` is the entropy along the trajectory). Functions return
a float or an array of the batch shape. Natural logarithms (nats); ħ = 1.

- entropy: von Neumann and relative entropy, seed 000's entropy production Eq. (3) and its
  rate, and Spohn's nonnegative Lindblad entropy production rate.
- ergotropy: internal and passive energy, passive states, ergotropy (seed 000 Eq. 4) and the
  polarization efficiency R = ℰ/E (Eq. 5), energies from the ground level by default.
- fisher: quantum Fisher information (seed 000 Eq. 6) and the quantum Cramér–Rao bound.
- coherence: l1-norm and relative-entropy coherence (Baumgratz et al. 2014).
- first_law: heat/work rates along any trajectory in the conventional, Hamiltonian-based and
  entropy-based frameworks (seed 001 Eqs. 7–11), their integrals with the first law checked,
  the non-equilibrium inverse temperature (Eq. 15), irreversible entropy rates and purity.
- bloch: the qubit on the Bloch sphere (ρ ↔ r, H ↔ ω⃗) and the closed forms of the first law
  and of β there (seed 001).
- heat_current: heat current Tr[H 𝒟(ρ)] of any dissipator, per Lindblad channel, and the power
  Tr[ρ ∂H/∂t] (seed 003 Eqs. 22–23).
- state_spectrum: states checked and diagonalised once, accepted by every function above in
  place of the states (seven diagnostics of one NESS: one eigendecomposition).
"""

from spinthermo.thermo.bloch import (
    BlochFirstLaw,
    bloch_first_law,
    bloch_inverse_temperature,
    bloch_vector,
    density_matrix_from_bloch,
    field_vector,
)
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
from spinthermo.thermo.first_law import (
    FRAMEWORKS,
    EntropyRates,
    FirstLawIntegrals,
    FirstLawRates,
    HeatWorkRates,
    conventional_split,
    entropy_based_split,
    first_law_rates,
    hamiltonian_based_split,
    internal_energy_rate,
    irreversible_entropy_rates,
    nonequilibrium_inverse_temperature,
    purity,
)
from spinthermo.thermo.fisher import cramer_rao_bound, quantum_fisher_information
from spinthermo.thermo.heat_current import heat_current, lindblad_heat_currents, power
from spinthermo.thermo.state_spectrum import StateSpectrum, state_spectrum

__all__ = [
    "FRAMEWORKS",
    "BlochFirstLaw",
    "EntropyRates",
    "FirstLawIntegrals",
    "FirstLawRates",
    "HeatWorkRates",
    "StateSpectrum",
    "bloch_first_law",
    "bloch_inverse_temperature",
    "bloch_vector",
    "conventional_split",
    "cramer_rao_bound",
    "density_matrix_from_bloch",
    "entropy_based_split",
    "entropy_production",
    "entropy_production_rate",
    "ergotropy",
    "field_vector",
    "first_law_rates",
    "hamiltonian_based_split",
    "heat_current",
    "internal_energy",
    "internal_energy_rate",
    "irreversible_entropy_rates",
    "l1_coherence",
    "lindblad_heat_currents",
    "maximally_mixed_state",
    "nonequilibrium_inverse_temperature",
    "passive_energy",
    "passive_state",
    "polarization_efficiency",
    "power",
    "purity",
    "quantum_fisher_information",
    "relative_entropy",
    "relative_entropy_of_coherence",
    "spohn_entropy_production_rate",
    "state_spectrum",
    "von_neumann_entropy",
]
