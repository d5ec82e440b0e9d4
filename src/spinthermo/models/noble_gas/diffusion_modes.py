"""Spherically symmetric diffusion–relaxation modes of a sphere (seed 002 Secs. IV D, VII B).

The spatial modes of Eq. (27) are the eigenfunctions of D∇² − γ in a sphere of radius R. Only
the l = 0 (spherically symmetric) sector is needed: the uniform initial excitation of Sec. VII B
and the uniform noble-gas mode b₀ live there, and the spin-exchange coupling J a(r) b(r) is
local, so it never leaves that sector.

Alkali spins, fully depolarising walls (Dirichlet, A_m(R) = 0), m = 1, 2, …::

    A_m(r) = sin(k_m r) / (r √(2πR)),   k_m = mπ/R,   γ_Am = γ_A + D_A k_m².

Noble-gas spins, non-relaxing walls (Neumann, ∂_r B_n(R) = 0), n = 0, 1, …::

    B_0 = 1/√V,   V = 4πR³/3,   γ_B0 = γ_B;
    B_n(r) = √((1 + x_n²)/(2πR³)) · sin(k_n r)/(k_n r),   k_n = x_n/R,   tan x_n = x_n,
    γ_Bn = γ_B + D_B k_n².

Both sets are orthonormal on the sphere (∫ 4πr² A_m A_m' dr = δ_mm'). The normalisation of B_n
uses sin(2x_n) = 2x_n/(1 + x_n²), which follows from tan x_n = x_n.

Overlaps c_mn = ∫ A_m B_n d³r (Eq. 27), in closed form (∫₀ᴿ sin(k_m r) sin(k_n r) dr with
sin(mπ ± x) = ±(−1)^m sin x and sin x_n = (−1)^n x_n/√(1 + x_n²))::

    c_mn = v_n (−1)^{m+n+1} mπ / ((mπ)² − x_n²),   v_0 = √6,  v_n = 2 (n ≥ 1),  x_0 = 0,

dimensionless and independent of R. The uniform alkali mode a_u = ∫ a(r)/√V d³r = Σ_m u_m a_m
has u_m = c_m0 = (−1)^{m+1} √6/(mπ); it is *not* an eigenmode (Sec. VII B).

Completeness in the l = 0 sector (each set is a complete basis of radial functions): for fixed n,
Σ_{m ≤ M} c_mn² → 1 with the defect Σ_{m > M} c_mn² ≈ v_n²/(π² M) (= 6/(π²M) for n = 0,
4/(π²M) for n ≥ 1, once M ≫ n), i.e. convergence as 1/M; exactly
Σ_{m ≤ M} u_m² = 1 − 6 ψ₁(M + 1)/π² (ψ₁ the trigamma function).

Indexing: arrays are 0-based. Alkali index i ↔ m = i + 1 (index 0 is the lowest, least-decaying
mode, decay γ_A + D_A π²/R², the γ of Eq. 28); noble index n ↔ B_n (index 0 is the uniform mode).
Units: radius in m, diffusion constants in m²/s, rates in s⁻¹.
"""

from __future__ import annotations

import math

import numpy as np
import scipy.special

from spinthermo.core.checks import (
    require_count,
    require_finite,
    require_nonnegative,
    require_positive,
)

__all__ = [
    "alkali_decay_rates",
    "alkali_mode_profile",
    "alkali_wavenumbers",
    "lowest_alkali_decay_rate",
    "mode_overlaps",
    "neumann_roots",
    "noble_decay_rates",
    "noble_mode_profile",
    "noble_wavenumbers",
    "uniform_alkali_overlaps",
    "uniform_mode_weight",
]

#: Newton iterations polishing the asymptotic roots of tan x = x; the asymptotic start is
#: within 0.02 of the root for n = 1 and the iteration converges quadratically.
_NEWTON_STEPS = 8


def _indices(name: str, value) -> np.ndarray:
    arr = np.atleast_1d(np.asarray(value))
    if arr.ndim != 1 or not (np.issubdtype(arr.dtype, np.integer) or arr.size == 0):
        raise ValueError(f"{name} must be a 1-D sequence of integer mode indices")
    if np.any(arr < 0):
        raise ValueError(f"{name} must be >= 0 (0-based mode indices); received {arr.min()}")
    return arr.astype(np.int64)


def neumann_roots(count: int) -> np.ndarray:
    """The first ``count`` positive roots x_n of tan x = x (n = 1 … count), seed 002 Sec. VII B.

    These fix the Neumann (non-relaxing wall) modes B_n ∝ j₀(x_n r/R) of the noble gas:
    j₀'(x) = 0 ⇔ tan x = x. x_n lies in (nπ, nπ + π/2); start from the asymptotic series
    q − 1/q − 2/(3q³) − 13/(15q⁵), q = (n + ½)π, and polish with Newton on x cos x − sin x.

    Parameters
    ----------
    count : int
        Number of roots, ≥ 0.

    Returns
    -------
    numpy.ndarray
        x_n, shape (count,), dimensionless, increasing.

    Examples
    --------
    >>> neumann_roots(2).round(6)
    array([4.493409, 7.725252])
    """
    count = require_count("count", count)
    q = (np.arange(1, count + 1) + 0.5) * np.pi
    x = q - 1.0 / q - 2.0 / (3.0 * q**3) - 13.0 / (15.0 * q**5)
    for _ in range(_NEWTON_STEPS):
        x = x - (x * np.cos(x) - np.sin(x)) / (-x * np.sin(x))
    return x


def alkali_wavenumbers(count: int, radius: float) -> np.ndarray:
    """k_m = mπ/R (m = 1 … count) of the Dirichlet alkali modes A_m (Sec. IV D).

    Parameters
    ----------
    count : int
        Number of modes, ≥ 0.
    radius : float
        Cell radius R, m, > 0.

    Returns
    -------
    numpy.ndarray
        k_m, shape (count,), m⁻¹.
    """
    count = require_count("count", count)
    require_positive("radius", radius, "m")
    return np.arange(1, count + 1) * np.pi / radius


def noble_wavenumbers(count: int, radius: float) -> np.ndarray:
    """k_n = x_n/R (n = 0 … count − 1, k_0 = 0) of the Neumann noble-gas modes B_n.

    Parameters
    ----------
    count : int
        Number of modes, ≥ 0.
    radius : float
        Cell radius R, m, > 0.

    Returns
    -------
    numpy.ndarray
        k_n, shape (count,), m⁻¹.
    """
    count = require_count("count", count)
    require_positive("radius", radius, "m")
    return np.concatenate([[0.0], neumann_roots(max(count - 1, 0))])[:count] / radius


def alkali_decay_rates(count: int, radius: float, diffusion: float,
                       bulk_rate: float) -> np.ndarray:
    """γ_Am = γ_A + D_A (mπ/R)², m = 1 … count: the eigenvalues of −(D_A∇² − γ_A), Eq. (27).

    Parameters
    ----------
    count : int
        Number of modes, ≥ 0.
    radius : float
        Cell radius R, m, > 0.
    diffusion : float
        Diffusion constant, m²/s, ≥ 0.
    bulk_rate : float
        Volume relaxation rate, s⁻¹, ≥ 0.

    Returns
    -------
    numpy.ndarray
        γ_Am, shape (count,), s⁻¹.
    """
    require_nonnegative("diffusion", diffusion, "m^2/s")
    require_nonnegative("bulk_rate", bulk_rate, "1/s")
    return bulk_rate + diffusion * alkali_wavenumbers(count, radius) ** 2


def noble_decay_rates(count: int, radius: float, diffusion: float,
                      bulk_rate: float) -> np.ndarray:
    """γ_Bn = γ_B + D_B (x_n/R)², n = 0 … count − 1 (γ_B0 = γ_B: no wall relaxation), Eq. (27).

    Parameters
    ----------
    count : int
        Number of modes, ≥ 0.
    radius : float
        Cell radius R, m, > 0.
    diffusion : float
        Diffusion constant, m²/s, ≥ 0.
    bulk_rate : float
        Volume relaxation rate γ_B, s⁻¹, ≥ 0.

    Returns
    -------
    numpy.ndarray
        γ_Bn, shape (count,), s⁻¹.
    """
    require_nonnegative("diffusion", diffusion, "m^2/s")
    require_nonnegative("bulk_rate", bulk_rate, "1/s")
    return bulk_rate + diffusion * noble_wavenumbers(count, radius) ** 2


def lowest_alkali_decay_rate(bulk_rate: float, diffusion: float, radius: float) -> float:
    """γ = γ_A + D_A π²/R²: the decay of the least-decaying alkali mode, seed 002 Eq. (28).

    Parameters
    ----------
    bulk_rate : float
        γ_A, s⁻¹, ≥ 0.
    diffusion : float
        D_A, m²/s, ≥ 0.
    radius : float
        R, m, > 0.

    Returns
    -------
    float
        γ, s⁻¹.

    Examples
    --------
    >>> round(lowest_alkali_decay_rate(17.0, 0.054e-4, 0.0254), 4)   # K–³He cell of Sec. VII A
    17.0826
    """
    return float(alkali_decay_rates(1, radius, diffusion, bulk_rate)[0])


def alkali_mode_profile(index, r, radius: float) -> np.ndarray:
    """A_m(r) = sin(mπr/R)/(r√(2πR)), m = index + 1, normalised on the sphere (m^{-3/2}).

    Parameters
    ----------
    index : int or array_like
        0-based mode index, broadcasting against ``r``.
    r : float or array_like
        Radii in [0, R], m.
    radius : float
        R, m, > 0.

    Returns
    -------
    numpy.ndarray
        A_m(r), m^{-3/2}, of the broadcast shape.
    """
    require_positive("radius", radius, "m")
    m = np.asarray(index) + 1
    k = m * np.pi / radius
    r = np.asarray(require_finite("r", r), dtype=float)
    return k * np.sinc(k * r / np.pi) / math.sqrt(2.0 * np.pi * radius)


def noble_mode_profile(index, r, radius: float) -> np.ndarray:
    """B_n(r) (n = index): 1/√V for n = 0, √((1 + x_n²)/(2πR³)) j₀(x_n r/R) for n ≥ 1 (m^{-3/2}).

    Parameters
    ----------
    index, r, radius
        As for :func:`alkali_mode_profile`.

    Returns
    -------
    numpy.ndarray
        B_n(r), m^{-3/2}, of the broadcast shape.
    """
    require_positive("radius", radius, "m")
    n = np.asarray(index)
    x = np.concatenate([[0.0], neumann_roots(int(np.max(n, initial=0)))])[n]
    norm = np.where(n == 0, math.sqrt(3.0 / (4.0 * np.pi)),
                    np.sqrt((1.0 + x**2) / (2.0 * np.pi))) / radius**1.5
    r = np.asarray(require_finite("r", r), dtype=float)
    return norm * np.sinc(x * r / (radius * np.pi))


def mode_overlaps(alkali_indices, noble_indices) -> np.ndarray:
    """c_mn = ∫ A_m B_n d³r for the given 0-based indices, shape (len(alkali), len(noble)).

    Seed 002 Eq. (27), closed form (module docstring): c_mn = v_n (−1)^{m+n+1} mπ/((mπ)² − x_n²)
    with m = alkali index + 1, x_0 = 0, v_0 = √6, v_n≥1 = 2. Real and independent of R; the full
    (infinite) matrix is orthogonal.

    Parameters
    ----------
    alkali_indices, noble_indices : array_like of int
        0-based mode indices, 1-D.

    Returns
    -------
    numpy.ndarray
        c_mn, shape (len(alkali_indices), len(noble_indices)), dimensionless.

    Examples
    --------
    >>> mode_overlaps([0, 1], [0]).round(6)        # u_1, u_2 = √6/π, −√6/(2π)
    array([[ 0.779697],
           [-0.389848]])
    """
    alkali = _indices("alkali_indices", alkali_indices)
    noble = _indices("noble_indices", noble_indices)
    alpha = (alkali + 1) * np.pi
    roots = np.concatenate([[0.0], neumann_roots(int(np.max(noble, initial=0)))])
    x = roots[noble]
    weight = np.where(noble == 0, math.sqrt(6.0), 2.0)
    sign = np.where((alkali[:, None] + 1 + noble[None, :]) % 2 == 0, -1.0, 1.0)
    return sign * weight[None, :] * alpha[:, None] / (alpha[:, None] ** 2 - x[None, :] ** 2)


def uniform_alkali_overlaps(count: int) -> np.ndarray:
    """u_m = ∫ A_m /√V d³r = (−1)^{m+1} √6/(mπ), m = 1 … count (Sec. VII B).

    The uniform alkali mode a_u = Σ_m u_m a_m; Σ_m u_m² = 1 (:func:`uniform_mode_weight`).

    Parameters
    ----------
    count : int
        Number of modes, ≥ 0.

    Returns
    -------
    numpy.ndarray
        u_m, shape (count,), dimensionless.
    """
    count = require_count("count", count)
    m = np.arange(1, count + 1)
    return np.where(m % 2 == 1, 1.0, -1.0) * math.sqrt(6.0) / (m * np.pi)


def uniform_mode_weight(count: int) -> float:
    """Σ_{m ≤ count} u_m² = 1 − 6ψ₁(count + 1)/π² ≈ 1 − 6/(π² count): the part of the uniform
    alkali mode carried by the first ``count`` Dirichlet modes (completeness, Sec. VII B).

    Parameters
    ----------
    count : int
        Number of modes, ≥ 0.

    Returns
    -------
    float
        The weight, in [0, 1].

    Examples
    --------
    >>> round(uniform_mode_weight(200), 5)
    0.99697
    """
    count = require_count("count", count)
    return 1.0 - 6.0 * float(scipy.special.polygamma(1, count + 1)) / np.pi**2
