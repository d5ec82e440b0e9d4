"""Seed 004 as one sweep point: light shift and linewidth of the Cs Zeeman resonance.

:func:`light_shift_point` is the point function of the registered sweep model ``light-shift``
(:mod:`spinthermo.sweep.catalogue`): the effective ground-state equation of
:mod:`spinthermo.models.light_shift` with Γ_pb and γ from the N₂ pressure
(:func:`~spinthermo.models.light_shift_presets.nitrogen_pressure_rates_hz`). It is a top-level
function so that spawned or Dask workers import it by module path; the model module is imported
when a point runs, so the sweep registry loads without it.
"""

from __future__ import annotations

import numpy as np

from spinthermo.models.light_shift_presets import nitrogen_pressure_rates_hz

__all__ = ["PHYSICAL_TOLERANCE", "light_shift_point"]

#: Smallest eigenvalue accepted in a steady state (as the light-shift study: rounding ~1e-14,
#: unphysical mean-field roots ≤ −0.1).
PHYSICAL_TOLERANCE = 1e-8


def light_shift_point(detuning_hz: float, pressure_torr: float, rabi_hz: float,
                      field_gauss: float, spin_exchange_hz: float = 1.31e3) -> dict[str, float]:
    """Seed 004: light shift and linewidth (Hz) of the Cs Zeeman resonance, and ⟨S_z⟩.

    The effective ground-state equation, Eq. (18) with Eqs. (23)–(29), for σ⁺ light against
    B₀ (the paper's configuration); Γ_pb and γ from the N2 pressure by the paper's two
    parameter sets (:func:`~spinthermo.models.light_shift_presets.nitrogen_pressure_rates_hz`);
    shift and width from the zero crossing and extrema of Re⟨S_x⁺⟩(ω), Eqs. (36)–(40).

    Parameters
    ----------
    detuning_hz : float
        Pump detuning from the D1 line, Hz.
    pressure_torr : float
        N₂ pressure, torr, > 0; sets Γ_pb and γ.
    rabi_hz : float
        Pump Rabi frequency, Hz.
    field_gauss : float
        Static field B₀, gauss.
    spin_exchange_hz : float
        Spin-exchange rate, Hz.

    Returns
    -------
    dict of str to float
        ``"light_shift_hz"`` and ``"linewidth_hz"`` (Hz) and ``"electron_spin_z"`` (⟨S_z⟩).

    Raises
    ------
    ValueError
        If the steady state is not a density matrix or the resonance is not found.
    """
    from spinthermo.models.light_shift import LightShiftParameters, PumpedAtom

    pressure_broadening_hz, relaxation_hz = nitrogen_pressure_rates_hz(pressure_torr)
    params = LightShiftParameters(
        species="133Cs", rabi_hz=rabi_hz, detuning_hz=detuning_hz,
        pressure_broadening_hz=pressure_broadening_hz, relaxation_hz=relaxation_hz,
        spin_exchange_hz=spin_exchange_hz, field_gauss=field_gauss, handedness="left",
        antiparallel=True)
    atom = PumpedAtom(params, "effective")
    rho = atom.density_matrix()
    lowest = float(np.linalg.eigvalsh(0.5 * (rho + rho.conj().T))[0])
    if abs(np.trace(rho) - 1.0) > PHYSICAL_TOLERANCE or lowest < -PHYSICAL_TOLERANCE:
        raise ValueError(f"the steady state is not a density matrix (smallest eigenvalue "
                         f"{lowest:.2e})")
    shift, width = atom.light_shift_and_linewidth()
    return {"light_shift_hz": float(shift), "linewidth_hz": float(width),
            "electron_spin_z": float(atom.electron_spin_z())}
