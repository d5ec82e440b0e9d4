"""Seed 004's Cs cell parameters as a function of the N₂ pressure.

The paper (Sec. III) gives two parameter sets: Γ_pb = 0.6 GHz, γ = 1.53 kHz at 100 torr and
Γ_pb = 4.2 GHz, γ = 1.65 kHz at 700 torr (:data:`PAPER_SETS`). Between them the pressure
broadening is proportional to the pressure (both sets give 6.0 MHz/torr) and γ is the straight
line through the two sets: an interpolation between what the paper gives, not a measured law
beyond it.

>>> [round(x, 6) for x in nitrogen_pressure_rates_hz(700.0)]
[4200000000.0, 1650.0]
"""

from __future__ import annotations

from spinthermo.core.checks import require_positive

__all__ = [
    "PAPER_SETS",
    "PRESSURE_BROADENING_HZ_PER_TORR",
    "RELAXATION_HZ_AT_ZERO",
    "RELAXATION_HZ_PER_TORR",
    "nitrogen_pressure_rates_hz",
]

#: The paper's two sets: N₂ pressure (torr) → (pressure broadening Γ_pb, ground-state
#: relaxation γ), both in Hz (seed 004 Sec. III).
PAPER_SETS = {100.0: (0.6e9, 1.53e3), 700.0: (4.2e9, 1.65e3)}
#: Pressure broadening of the Cs D1 line per torr of N2 (Hz/torr): the paper's two sets,
#: Γ = 0.6 GHz at 100 torr and 4.2 GHz at 700 torr (seed 004 Sec. III), both give 6.0 MHz/torr.
PRESSURE_BROADENING_HZ_PER_TORR = 6.0e6
#: γ (Hz) = RELAXATION_HZ_AT_ZERO + RELAXATION_HZ_PER_TORR × P: the straight line through the
#: paper's γ = 1.53 kHz (100 torr) and 1.65 kHz (700 torr).
RELAXATION_HZ_AT_ZERO = 1.51e3
RELAXATION_HZ_PER_TORR = 0.2


def nitrogen_pressure_rates_hz(pressure_torr: float) -> tuple[float, float]:
    """(Γ_pb, γ) in Hz at N₂ pressure ``pressure_torr``: Γ_pb = 6.0 MHz/torr × P and
    γ = 1.51 kHz + 0.2 Hz/torr × P, the lines through the paper's 100 and 700 torr sets.

    Parameters
    ----------
    pressure_torr : float
        N₂ buffer-gas pressure, torr, > 0 and finite (else :class:`ValueError`).

    Returns
    -------
    tuple of float
        ``(pressure_broadening_hz, relaxation_hz)``: Γ_pb and γ, both in Hz.
    """
    require_positive("pressure_torr", pressure_torr, "torr")
    return (PRESSURE_BROADENING_HZ_PER_TORR * pressure_torr,
            RELAXATION_HZ_AT_ZERO + RELAXATION_HZ_PER_TORR * pressure_torr)
