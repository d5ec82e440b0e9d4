"""The electron gyromagnetic ratio in Hz per gauss has one source: atoms/gyromagnetic.py."""

from __future__ import annotations

import math

import pytest

from spinthermo.atoms.gyromagnetic import (
    BOHR_MAGNETON,
    ELECTRON_G_FACTOR,
    ELECTRON_GYROMAGNETIC_HZ_PER_GAUSS,
    TESLA_PER_GAUSS,
)
from spinthermo.core.units import HBAR


def test_equals_the_g_factor_route_codata_2018():
    """|g_e| μ_B / h per gauss: 2.802 495 14 MHz/G (CODATA 2018 γ_e/2π = 28 024.951 4242 MHz/T)."""
    from_g_factor = abs(ELECTRON_G_FACTOR) * BOHR_MAGNETON / (2 * math.pi * HBAR) * TESLA_PER_GAUSS
    assert ELECTRON_GYROMAGNETIC_HZ_PER_GAUSS == pytest.approx(from_g_factor, rel=1e-9)
    assert ELECTRON_GYROMAGNETIC_HZ_PER_GAUSS == pytest.approx(2.80249514242e6, rel=1e-11)


def test_light_shift_model_uses_the_same_value():
    """seed 004's model quotes 2.8024951 MHz/G: the same number to its 8 digits."""
    from spinthermo.models import light_shift

    assert light_shift.ELECTRON_GYROMAGNETIC_HZ_PER_GAUSS == pytest.approx(
        ELECTRON_GYROMAGNETIC_HZ_PER_GAUSS, rel=5e-8)
