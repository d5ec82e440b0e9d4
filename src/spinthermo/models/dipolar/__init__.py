"""Dipole-coupled two-level atoms in a thermal photon bath (seed 003).

Çakmak, Manatuly & Müstecaplıoğlu, "Thermal production, protection, and heat exchange of
quantum coherences", PRA 96, 032117 (2017). One submodule per part of the paper:

* :mod:`.couplings` — f_ij, γ_ij from geometry, with their near- and far-field limits (Sec. II);
* :mod:`.basis` — the computational basis, excitation numbers, σ⁺_i, the Δn = 0 block;
* :mod:`.master_equation` — Eqs. (1)–(3) as a Liouvillian (full space, Δn = 0 block) and as
  collapse operators;
* :mod:`.cluster` — :class:`DipolarCluster`, the model (Model protocol of
  :mod:`spinthermo.models.base`);
* :mod:`.driven` — :class:`DrivenDipolarCluster`, the cluster under a laser (Rabi frequency and
  detuning per atom), its steady state and the heat current and power of Eqs. (22)–(28);
* :mod:`.long_time` — the t → ∞ state, unique (Gibbs) or not (projection of ρ(0));
* :mod:`.dicke` — the symmetric-subspace reduction for identical couplings (Secs. III–IV);
* :mod:`.two_atoms` — the closed forms of Eq. (5) and Appendix A (Eq. A1, corrected).

Every public name is re-exported here: ``from spinthermo.models.dipolar import DipolarCluster``.
"""

from spinthermo.models.dipolar.basis import (
    conserving_projection,
    excitation_numbers,
    sigma_plus,
)
from spinthermo.models.dipolar.cluster import DipolarCluster, DipolarClusterParameters
from spinthermo.models.dipolar.couplings import (
    collective_decay,
    collective_decay_near_field,
    dipolar_shift,
    dipolar_shift_near_field,
    far_field_couplings,
    geometric_couplings,
)
from spinthermo.models.dipolar.dicke import (
    DickeTrajectory,
    dicke_excitations,
    dicke_l1_coherence,
    dicke_liouvillian,
    dicke_long_time_log_populations,
    dicke_long_time_populations,
    dicke_operators,
    dicke_rate_matrix,
    dicke_to_computational,
    evolve_dicke,
    long_time_coherence,
)
from spinthermo.models.dipolar.driven import (
    DrivenDipolarCluster,
    DrivenDipolarClusterParameters,
)
from spinthermo.models.dipolar.long_time import LongTimeState, long_time_state_general
from spinthermo.models.dipolar.master_equation import (
    collapse_operators,
    liouvillian_conserving,
    liouvillian_full,
)
from spinthermo.models.dipolar.two_atoms import (
    dipolar_only_two_atom,
    is_dipolar_invariant_two_atom,
    two_atom_coherence,
    two_atom_long_time_coherence,
)

__all__ = [
    "DickeTrajectory",
    "DipolarCluster",
    "DipolarClusterParameters",
    "DrivenDipolarCluster",
    "DrivenDipolarClusterParameters",
    "LongTimeState",
    "collapse_operators",
    "collective_decay",
    "collective_decay_near_field",
    "conserving_projection",
    "dicke_excitations",
    "dicke_l1_coherence",
    "dicke_liouvillian",
    "dicke_long_time_log_populations",
    "dicke_long_time_populations",
    "dicke_operators",
    "dicke_rate_matrix",
    "dicke_to_computational",
    "dipolar_only_two_atom",
    "dipolar_shift",
    "dipolar_shift_near_field",
    "evolve_dicke",
    "excitation_numbers",
    "far_field_couplings",
    "geometric_couplings",
    "is_dipolar_invariant_two_atom",
    "liouvillian_conserving",
    "liouvillian_full",
    "long_time_coherence",
    "long_time_state_general",
    "sigma_plus",
    "two_atom_coherence",
    "two_atom_long_time_coherence",
]
