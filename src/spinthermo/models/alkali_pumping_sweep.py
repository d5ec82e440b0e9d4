"""Seed 000 as one sweep point: the NESS of an alkali vapour cell and its diagnostics.

Sousa, Vieira & Florez (arXiv:2604.09219): Eq. (1) with the rates of Appendix A (Eqs. 7–11)
computed from the cell's temperature, radius and buffer gases, and the diagnostics of
Eqs. (3)–(6) at the non-equilibrium steady state. :func:`alkali_ness_point` is the point
function of the registered sweep model ``alkali-ness`` (:mod:`spinthermo.sweep.catalogue`).
It is a top-level function so that spawned or Dask workers import it by module path; the
model modules are imported when a point runs, so the sweep registry loads without them.
"""

from __future__ import annotations

import functools

__all__ = ["ALKALI_SPECIES", "alkali_ness_point"]

#: Species whose cell data the atoms layer holds in full: spin-exchange and spin-destruction
#: cross sections and buffer-gas diffusion constants exist for Rb only (spinthermo.atoms).
ALKALI_SPECIES = ("87Rb", "85Rb")


@functools.lru_cache(maxsize=4096)
def _cell_rates(species: str, temperature_c: float, radius_cm: float, he_pressure_torr: float,
                n2_pressure_torr: float) -> tuple[float, float]:
    """(Γ_SE, Γ_SD) in s⁻¹ of a cell (seed 000 Eqs. 7–11), cached: a product grid repeats
    each cell for every pump rate and photon spin."""
    from spinthermo.atoms.cell import VapourCell

    cell = VapourCell(species=species, temperature_c=temperature_c, radius_cm=radius_cm,
                      buffer_pressures_torr={"He": he_pressure_torr, "N2": n2_pressure_torr})
    return cell.spin_exchange_rate, cell.spin_destruction_rate


def alkali_ness_point(pumping_rate: float, photon_spin: float, temperature_c: float,
                      radius_cm: float, he_pressure_torr: float = 200.0,
                      n2_pressure_torr: float = 75.0, species: str = "87Rb") -> dict[str, float]:
    """Seed 000: the NESS of Eq. (1) for a vapour cell and pump, and its diagnostics.

    Parameters
    ----------
    pumping_rate : float
        Optical pumping rate R_op in s⁻¹ (≥ 0), along z.
    photon_spin : float
        Photon spin s of the pump light, in [0, 1].
    temperature_c : float
        Cell temperature in °C (inside the vapour-pressure fit's range).
    radius_cm : float
        Cell radius in cm (diffusive transport, see ``VapourCell.require_diffusive_radius``).
    he_pressure_torr, n2_pressure_torr : float
        Buffer-gas fill pressures in torr (0 to 7600).
    species : str
        Alkali isotope, one of :data:`ALKALI_SPECIES`.

    Returns
    -------
    dict of str to float
        ``polarization`` ⟨2S_z⟩; ``spin_exchange_rate`` and ``spin_destruction_rate``
        (s⁻¹); every diagnostic of :func:`~spinthermo.models.alkali_pumping.thermodynamics`
        at the NESS; ``residual``, the NESS's relative residual.

    Notes
    -----
    Γ_SE and Γ_SD come from :class:`~spinthermo.atoms.cell.VapourCell` (Appendix A,
    Eqs. 7–11) with the library defaults, i.e. the mean relative speed in Eq. (9); the
    ``opm-thermo`` study uses the alkali's own speed instead, the reading under which the
    paper's Γ_SD values come out (46 Hz against 30.8 Hz at the paper's cell). The hyperfine
    constant comes from the species.
    """
    from spinthermo.core.steady import steady_state
    from spinthermo.models.alkali_pumping import AlkaliPumping, thermodynamics

    g_se, g_sd = _cell_rates(species, temperature_c, radius_cm, he_pressure_torr,
                             n2_pressure_torr)
    model = AlkaliPumping.from_species(species, pumping_rate=pumping_rate,
                                       spin_exchange_rate=g_se, spin_destruction_rate=g_sd,
                                       photon_spin=photon_spin)
    result = steady_state(model.generator)
    diagnostics = thermodynamics(model, result.state)
    out = {"polarization": float(2.0 * model.expectation(result.state, "S", "z")),
           "spin_exchange_rate": g_se, "spin_destruction_rate": g_sd}
    out.update({k: float(v) for k, v in diagnostics.items()})
    out["residual"] = float(result.residual)
    return out
