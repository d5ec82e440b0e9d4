"""Physical constants and the unit conversions of the package, in one place.

SI with ħ = 1: energies are angular frequencies (rad/s). CODATA 2018 exact or recommended
values (NIST SP 961, 2019).
"""

from __future__ import annotations

import math

BOLTZMANN = 1.380649e-23  # J/K, exact (SI 2019)
HBAR = 1.054571817e-34  # J s, exact (SI 2019)
ATOMIC_MASS_UNIT = 1.66053906660e-27  # kg, CODATA 2018
PASCAL_PER_TORR = 101325.0 / 760.0  # exact by definition of the torr
PASCAL_PER_ATM = 101325.0  # exact
ZERO_CELSIUS = 273.15  # K, exact
#: Loschmidt constant: number density of an ideal gas at 273.15 K and 1 atm, i.e. 1 amagat.
LOSCHMIDT = PASCAL_PER_ATM / (BOLTZMANN * ZERO_CELSIUS)  # m^-3 (2.6867811e25)
TWO_PI = 2.0 * math.pi


def celsius_to_kelvin(temperature_c):
    """Temperature in kelvin from degrees Celsius, T = t_C + 273.15.

    Parameters
    ----------
    temperature_c : float or numpy.ndarray
        Temperature in °C (any shape).

    Returns
    -------
    float or numpy.ndarray
        Temperature in K, same shape.
    """
    return temperature_c + ZERO_CELSIUS


def torr_to_pascal(pressure_torr):
    """Pressure in pascal from torr, 1 Torr = 101325/760 Pa.

    Parameters
    ----------
    pressure_torr : float or numpy.ndarray
        Pressure in Torr (any shape).

    Returns
    -------
    float or numpy.ndarray
        Pressure in Pa, same shape.
    """
    return pressure_torr * PASCAL_PER_TORR


def hz_to_angular(frequency_hz):
    """Angular frequency (rad/s, the package's energy unit with ħ = 1) from a frequency in Hz.

    Parameters
    ----------
    frequency_hz : float or numpy.ndarray
        Frequency ν in Hz (any shape).

    Returns
    -------
    float or numpy.ndarray
        ω = 2πν in rad/s, same shape.
    """
    return frequency_hz * TWO_PI


def angular_to_hz(angular_frequency):
    """Frequency in Hz from an angular frequency in rad/s.

    Parameters
    ----------
    angular_frequency : float or numpy.ndarray
        ω in rad/s (any shape).

    Returns
    -------
    float or numpy.ndarray
        ν = ω/2π in Hz, same shape.
    """
    return angular_frequency / TWO_PI


def cm_to_m(length_cm):
    """Length in metres from centimetres.

    Parameters
    ----------
    length_cm : float or numpy.ndarray
        Length in cm (any shape).

    Returns
    -------
    float or numpy.ndarray
        Length in m, same shape.
    """
    return length_cm * 1e-2


def cm2_to_m2(area_cm2):
    """Area in m² from cm² (cross sections are tabulated in cm²).

    Parameters
    ----------
    area_cm2 : float or numpy.ndarray
        Area in cm² (any shape).

    Returns
    -------
    float or numpy.ndarray
        Area in m², same shape.
    """
    return area_cm2 * 1e-4


def cm2_per_s_to_m2_per_s(diffusion_cm2_per_s):
    """Diffusion constant in m²/s from cm²/s.

    Parameters
    ----------
    diffusion_cm2_per_s : float or numpy.ndarray
        Diffusion constant in cm²/s (any shape).

    Returns
    -------
    float or numpy.ndarray
        Diffusion constant in m²/s, same shape.
    """
    return diffusion_cm2_per_s * 1e-4


def amagat_to_number_density(density_amagat):
    """Number density in m⁻³ from a density in amagat (1 amagat = :data:`LOSCHMIDT`).

    Parameters
    ----------
    density_amagat : float or numpy.ndarray
        Density in amagat (any shape).

    Returns
    -------
    float or numpy.ndarray
        Number density in m⁻³, same shape.
    """
    return density_amagat * LOSCHMIDT
