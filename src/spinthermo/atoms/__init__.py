"""spinthermo.atoms: atomic data and vapour-cell physics (seed 000 Appendix A)."""

from spinthermo.atoms.cell import VapourCell, spin_destruction_rate_vs_radius
from spinthermo.atoms.collisions import (
    CollisionData,
    CrossSection,
    DiffusionConstant,
    MissingAtomicDataError,
    buffer_gas_density_amagat,
    cell_data_coverage,
    diffusion_coefficient,
    spin_exchange_rate,
    wall_relaxation_rate,
)
from spinthermo.atoms.species import SPECIES, AlkaliSpecies, get_species
from spinthermo.atoms.vapour import number_density, relative_speed, vapour_pressure_pa

__all__ = [
    "SPECIES",
    "AlkaliSpecies",
    "CollisionData",
    "CrossSection",
    "DiffusionConstant",
    "MissingAtomicDataError",
    "VapourCell",
    "buffer_gas_density_amagat",
    "cell_data_coverage",
    "diffusion_coefficient",
    "get_species",
    "number_density",
    "relative_speed",
    "spin_destruction_rate_vs_radius",
    "spin_exchange_rate",
    "vapour_pressure_pa",
    "wall_relaxation_rate",
]
