"""Seed 000 as one sweep point: the NESS of an alkali vapour cell and its diagnostics.

Sousa, Vieira & Florez (arXiv:2604.09219): Eq. (1) with the rates of Appendix A (Eqs. 7–11)
computed from the cell's temperature, radius and buffer gases, and the diagnostics of
Eqs. (3)–(6) at the non-equilibrium steady state. :func:`alkali_ness_point` is the point
function of the registered sweep model ``alkali-ness`` (:mod:`spinthermo.sweep.catalogue`).
:func:`alkali_ness_batch` evaluates many points at once (issue 15): the same outputs through
the batched engine, declared as the model's batch function. Both are top-level functions so
that spawned or Dask workers import them by module path; the model modules are imported when
a point runs, so the sweep registry loads without them.
"""

from __future__ import annotations

import functools

import numpy as np

__all__ = ["ALKALI_SPECIES", "BATCH_SIZE", "alkali_ness_batch", "alkali_ness_point"]

#: Species whose cell data the atoms layer holds in full: spin-exchange and spin-destruction
#: cross sections and buffer-gas diffusion constants exist for Rb only (spinthermo.atoms).
ALKALI_SPECIES = ("87Rb", "85Rb")
#: NESS solved together by :func:`alkali_ness_batch`: the batched generator holds (B, n, n)
#: complex numbers (n = 34 block coordinates for 87Rb, 66 for 85Rb; the feedback operators are
#: shared by the batch), 36 MB at B = 512 for 85Rb; larger batches gain nothing once the
#: per-call overhead is amortised.
BATCH_SIZE = 512


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
    diagnostics = thermodynamics(model, result.state, steady=True)
    out = {"polarization": float(2.0 * model.expectation(result.state, "S", "z")),
           "spin_exchange_rate": g_se, "spin_destruction_rate": g_sd}
    out.update({k: float(v) for k, v in diagnostics.items()})
    out["residual"] = float(result.residual)
    return out


def alkali_ness_batch(pumping_rate, photon_spin, temperature_c, radius_cm,
                      he_pressure_torr=200.0, n2_pressure_torr=75.0, species="87Rb"
                      ) -> tuple[dict[str, np.ndarray], list[Exception | None]]:
    """Seed 000: :func:`alkali_ness_point` at many points at once, each failing on its own.

    The NESS of Eq. (1) and the diagnostics of Eqs. (3)–(6), with Γ_SE and Γ_SD from
    Appendix A (Eqs. 7–11) computed once per distinct cell. The points of each species are
    solved together in batches of :data:`BATCH_SIZE` (:meth:`AlkaliPumping.batch
    <spinthermo.models.alkali_pumping.AlkaliPumping.batch>`, Newton per entry by
    :func:`~spinthermo.core.steady.steady_states`), so every output equals the point
    function's to rounding (1e-12 relative).

    Parameters
    ----------
    pumping_rate : array_like
        Optical pumping rate R_op in s⁻¹ (≥ 0), along z: a column of shape ``(m,)`` with one
        value per point, or a scalar shared by every point (as every parameter here).
    photon_spin : array_like
        Photon spin s of the pump light, in [-1, 1].
    temperature_c : array_like
        Cell temperature in °C (inside the species' vapour-pressure fit).
    radius_cm : array_like
        Cell radius in cm (diffusive transport).
    he_pressure_torr : array_like, optional
        He fill pressure in torr (0 to 7600; default 200).
    n2_pressure_torr : array_like, optional
        N2 fill pressure in torr (0 to 7600; default 75).
    species : str or list, optional
        Alkali isotope, one of :data:`ALKALI_SPECIES`: one name for every point, or a list of
        ``m`` names (default ``"87Rb"``).

    Returns
    -------
    outputs : dict of str to numpy.ndarray
        The outputs of :func:`alkali_ness_point`, in its order and units, each of shape
        ``(m,)``; NaN at a failed point (an empty dict when every point failed).
    errors : list of Exception or None
        Per point, None or the exception :func:`alkali_ness_point` raises there.

    Raises
    ------
    ValueError
        When the parameters do not broadcast to one 1-D shape ``(m,)``.
    TypeError
        When a numeric parameter is not numeric.

    Notes
    -----
    A point whose parameters are invalid (rates, photon spin, or a cell outside the data's
    range), whose Newton iteration does not converge, or whose diagnostics fail, is evaluated
    again by :func:`alkali_ness_point`: its exception (with the point function's message) is
    recorded, or its outputs if it succeeds alone; its neighbours are not affected.
    """
    from spinthermo.core.checks import require_columns

    columns = require_columns("alkali_ness_batch", {
        "pumping_rate": pumping_rate, "photon_spin": photon_spin,
        "temperature_c": temperature_c, "radius_cm": radius_cm,
        "he_pressure_torr": he_pressure_torr, "n2_pressure_torr": n2_pressure_torr})
    species_column = np.atleast_1d(np.asarray(species, dtype=object))
    m = next(iter(columns.values())).shape[0]
    if species_column.ndim != 1 or (species_column.shape[0] != m
                                    and 1 not in (species_column.shape[0], m)):
        raise ValueError(f"species of alkali_ness_batch must be one name or a list of {m} "
                         f"names (one per point); received shape {species_column.shape}")
    m = max(m, species_column.shape[0])
    species_column = np.broadcast_to(species_column, (m,))
    columns = {name: np.broadcast_to(column, (m,)) for name, column in columns.items()}
    outputs: dict[str, np.ndarray] = {}
    errors: list[Exception | None] = [None] * m
    solved = np.zeros(m, dtype=bool)
    rates = _cell_rate_columns(species_column, columns)
    candidates = (np.isfinite(rates).all(axis=0) & np.isfinite(columns["pumping_rate"])
                  & (columns["pumping_rate"] >= 0.0) & (np.abs(columns["photon_spin"]) <= 1.0))
    for name in dict.fromkeys(species_column[candidates]):
        indices = np.flatnonzero(candidates & (species_column == name))
        for start in range(0, indices.size, BATCH_SIZE):
            part = indices[start:start + BATCH_SIZE]
            values, converged = _solve_batch(name, columns["pumping_rate"][part],
                                             columns["photon_spin"][part], rates[:, part])
            for key, value in values.items():
                outputs.setdefault(key, np.full(m, np.nan))[part[converged]] = value
            solved[part[converged]] = True
    for k in np.flatnonzero(~solved):
        try:
            row = alkali_ness_point(**{name: float(column[k]) for name, column in
                                       columns.items()}, species=species_column[k])
        except Exception as exc:
            errors[k] = exc
            continue
        for key, value in row.items():
            outputs.setdefault(key, np.full(m, np.nan))[k] = value
    return outputs, errors


def _cell_rate_columns(species: np.ndarray, columns: dict[str, np.ndarray]) -> np.ndarray:
    """(Γ_SE, Γ_SD) in s⁻¹ per point, shape (2, m), computed once per distinct cell; NaN
    where the cell is invalid (the point function then gives the point its error)."""
    rates = np.full((2, species.shape[0]), np.nan)
    numbers = np.stack([columns[name] for name in ("temperature_c", "radius_cm",
                                                   "he_pressure_torr", "n2_pressure_torr")],
                       axis=1)
    for name in dict.fromkeys(species):
        points = np.flatnonzero(species == name)
        cells, which = np.unique(numbers[points], axis=0, return_inverse=True)
        per_cell = np.full((2, len(cells)), np.nan)
        for index, cell in enumerate(cells):
            try:
                per_cell[:, index] = _cell_rates(str(name), *(float(v) for v in cell))
            except Exception:
                continue  # NaN: the point function gives these points their error
        rates[:, points] = per_cell[:, which.reshape(-1)]
    return rates


def _solve_batch(species: str, pumping_rate: np.ndarray, photon_spin: np.ndarray,
                 rates: np.ndarray) -> tuple[dict[str, np.ndarray], np.ndarray]:
    """The outputs of :func:`alkali_ness_point` at the converged entries of one batch of a
    species, in its order, and the mask of those entries (all False when the batch as a
    whole fails: its points then go to the point function)."""
    from spinthermo.core.steady import SteadyStateError, steady_states
    from spinthermo.models.alkali_pumping import AlkaliPumping, thermodynamics

    failed = np.zeros(pumping_rate.shape, dtype=bool)
    try:
        model = AlkaliPumping.batch(species, pumping_rate, rates[0], rates[1], photon_spin)
        solution, converged = steady_states(model.generator)
        if not np.all(converged):
            model = AlkaliPumping.batch(species, pumping_rate[converged], rates[0, converged],
                                        rates[1, converged], photon_spin[converged])
        states = solution.state[converged]
        diagnostics = thermodynamics(model, states, steady=True)
        polarization = 2.0 * model.expectation(states, "S", "z")
    except (ValueError, SteadyStateError):
        return {}, failed
    out = {"polarization": polarization, "spin_exchange_rate": rates[0, converged],
           "spin_destruction_rate": rates[1, converged]}
    out.update({k: np.asarray(v, dtype=float) for k, v in diagnostics.items()})
    out["residual"] = np.asarray(solution.residual, dtype=float)[converged]
    return out, converged
