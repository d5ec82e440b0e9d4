"""Dipolar couplings f_ij, γ_ij of point dipoles from geometry (seed 003 Sec. II).

Lehmberg, PRA 2, 883 (1970); Agarwal (1974). Checked here: γ_ij → γ0 as ξ = k0 r_ij → 0 (so
γ_ii = γ0) and the paper's limits f_ij ≈ 3γ0(1 − 3cos²α)/(4ξ³), γ_ij ≈ γ0 (ξ ≪ 1, the
near-field functions); f ≈ 0, γ_ij ≈ γ0 δ_ij (ξ ≫ 1, :func:`far_field_couplings`).
"""

from __future__ import annotations

import math

import numpy as np

from spinthermo.core.checks import (
    require_finite,
    require_nonnegative,
    require_positive,
    require_range,
)
from spinthermo.models.dipolar.basis import require_atoms

#: Below this ξ = k0 r the combination cos ξ/ξ² − sin ξ/ξ³ loses ~eps/ξ³ to cancellation; its
#: Taylor series −1/3 + ξ²/30 − ξ⁴/840 + ξ⁶/45360 is used instead (truncation < 1e-17 there).
SMALL_XI = 0.05
#: Relative separation below which two atoms count as coincident (``|r_i − r_j|`` ≤ this times
#: the largest distance from the centroid, or exactly zero): the couplings diverge there.
COINCIDENT_TOLERANCE = 1e-12
#: Smallest separation (m) of two atoms in :func:`geometric_couplings`, whatever the cluster
#: size: 1 nm. f_ij and γ_ij are the couplings of point dipoles (Lehmberg 1970), valid while the
#: atoms' electron clouds do not overlap. Alkali atoms have van der Waals radii of 0.23–0.34 nm
#: (Bondi 1964), so below ~1 nm exchange and chemical binding, not the 1/r³ dipole coupling,
#: set the interaction (and f ∝ 1/r³ would reach 1e54 γ0 at 1e-25 m).
MIN_DIPOLE_SEPARATION_M = 1e-9


def _minus_j1_over_xi(xi: np.ndarray) -> np.ndarray:
    """cos ξ/ξ² − sin ξ/ξ³ = −j1(ξ)/ξ, with its Taylor series for ξ < SMALL_XI."""
    xi = np.asarray(xi, dtype=float)
    small = xi < SMALL_XI
    safe = np.where(small, 1.0, xi)
    exact = np.cos(safe) / safe**2 - np.sin(safe) / safe**3
    x2 = xi * xi
    series = -1.0 / 3.0 + x2 / 30.0 - x2 * x2 / 840.0 + x2**3 / 45360.0
    return np.where(small, series, exact)


def _check_xi(xi, cos_alpha):
    xi = np.asarray(require_positive("xi", xi), dtype=float)
    cos_alpha = np.asarray(require_range("cos_alpha", cos_alpha, -1.0, 1.0), dtype=float)
    return xi, cos_alpha


def dipolar_shift(xi, cos_alpha, gamma0: float = 1.0):
    r"""Dipole–dipole shift f(ξ, α) (seed 003 Sec. II, first formula below Eq. 3).

    .. math:: f = \tfrac{3\gamma_0}{4}\Big[(1-3\cos^2\alpha)\Big(\frac{\sin\xi}{\xi^2}
              + \frac{\cos\xi}{\xi^3}\Big) - (1-\cos^2\alpha)\frac{\cos\xi}{\xi}\Big]

    Parameters
    ----------
    xi : float or array_like
        Dimensionless separation ξ = k0 r_ij of the two atoms, > 0.
    cos_alpha : float or array_like
        cos α, α the angle between r_ij and the dipole, in [−1, 1]; broadcast with ``xi``.
    gamma0 : float, optional
        Single-atom decay rate γ0, s⁻¹, ≥ 0 (default 1).

    Returns
    -------
    float or ndarray
        f in rad/s (the units of ``gamma0``), shape of ``xi`` and ``cos_alpha`` broadcast.

    Examples
    --------
    >>> round(float(dipolar_shift(1e-2, 0.0) * 1e-6), 4)   # near field: 3/(4ξ³) → 0.75e6
    0.75
    """
    xi, c = _check_xi(xi, cos_alpha)
    require_nonnegative("gamma0", gamma0)
    c2 = c * c
    return 0.75 * gamma0 * ((1 - 3 * c2) * (np.sin(xi) / xi**2 + np.cos(xi) / xi**3)
                            - (1 - c2) * np.cos(xi) / xi)


def collective_decay(xi, cos_alpha, gamma0: float = 1.0):
    r"""Collective decay rate γ(ξ, α) (seed 003 Sec. II, second formula below Eq. 3).

    .. math:: \gamma = \tfrac{3\gamma_0}{2}\Big[(1-3\cos^2\alpha)\Big(\frac{\cos\xi}{\xi^2}
              - \frac{\sin\xi}{\xi^3}\Big) + (1-\cos^2\alpha)\frac{\sin\xi}{\xi}\Big]

    Parameters
    ----------
    xi : float or array_like
        Dimensionless separation ξ = k0 r_ij of the two atoms, > 0.
    cos_alpha : float or array_like
        cos α, α the angle between r_ij and the dipole, in [−1, 1]; broadcast with ``xi``.
    gamma0 : float, optional
        Single-atom decay rate γ0, s⁻¹, ≥ 0 (default 1).

    Returns
    -------
    float or ndarray
        γ in s⁻¹, shape of ``xi`` and ``cos_alpha`` broadcast.

    Notes
    -----
    Evaluated without cancellation for small ξ (Taylor series of −j1(ξ)/ξ below ``SMALL_XI``);
    γ → γ0 as ξ → 0 for every α.

    Examples
    --------
    >>> round(float(collective_decay(1e-6, 0.3)), 12)
    1.0
    """
    xi, c = _check_xi(xi, cos_alpha)
    require_nonnegative("gamma0", gamma0)
    c2 = c * c
    return 1.5 * gamma0 * ((1 - 3 * c2) * _minus_j1_over_xi(xi) + (1 - c2) * np.sin(xi) / xi)


def dipolar_shift_near_field(xi, cos_alpha, gamma0: float = 1.0):
    """ξ ≪ 1 limit f ≈ 3γ0(1 − 3cos²α)/(4ξ³) (seed 003 Sec. II); there γ_ij ≈ γ0.

    Parameters
    ----------
    xi : float or array_like
        Dimensionless separation ξ = k0 r_ij of the two atoms, > 0.
    cos_alpha : float or array_like
        cos α, α the angle between r_ij and the dipole, in [−1, 1]; broadcast with ``xi``.
    gamma0 : float, optional
        Single-atom decay rate γ0, s⁻¹, ≥ 0 (default 1).

    Returns
    -------
    float or ndarray
        f in rad/s (the units of ``gamma0``), shape of ``xi`` and ``cos_alpha`` broadcast.
    """
    xi, c = _check_xi(xi, cos_alpha)
    require_nonnegative("gamma0", gamma0)
    return 0.75 * gamma0 * (1 - 3 * c * c) / xi**3


def collective_decay_near_field(xi, cos_alpha, gamma0: float = 1.0):
    """ξ ≪ 1 limit γ_ij ≈ γ0 for all i, j (seed 003 Sec. II).

    Parameters
    ----------
    xi : float or array_like
        Dimensionless separation ξ = k0 r_ij of the two atoms, > 0.
    cos_alpha : float or array_like
        cos α, α the angle between r_ij and the dipole, in [−1, 1]; broadcast with ``xi``.
    gamma0 : float, optional
        Single-atom decay rate γ0, s⁻¹, ≥ 0 (default 1).

    Returns
    -------
    ndarray of float
        γ0 in s⁻¹ everywhere, shape of ``xi`` and ``cos_alpha`` broadcast.
    """
    xi, c = _check_xi(xi, cos_alpha)
    require_nonnegative("gamma0", gamma0)
    return np.full(np.broadcast_shapes(xi.shape, c.shape), float(gamma0))


def far_field_couplings(n_atoms: int, gamma0: float = 1.0) -> tuple[np.ndarray, np.ndarray]:
    """ξ ≫ 1 limit (seed 003 Sec. II): f ≈ 0 and γ_ij ≈ γ0 δ_ij — independent atoms.

    Parameters
    ----------
    n_atoms : int
        Number of atoms N, ≥ 1.
    gamma0 : float, optional
        Single-atom decay rate γ0, s⁻¹, ≥ 0 (default 1).

    Returns
    -------
    f : ndarray, shape (N, N)
        Dipolar shifts, all 0 (rad/s).
    gamma : ndarray, shape (N, N)
        Collective decay rates γ0 δ_ij, s⁻¹.
    """
    n_atoms = require_atoms(n_atoms)
    require_nonnegative("gamma0", gamma0)
    return np.zeros((n_atoms, n_atoms)), gamma0 * np.eye(n_atoms)


def geometric_couplings(positions, dipole, *, k0: float | None = None,
                        wavelength: float | None = None, gamma0: float = 1.0,
                        ) -> tuple[np.ndarray, np.ndarray]:
    """Coupling matrices ``(f, γ)`` of point dipoles at ``positions`` (seed 003 Sec. II).

    ξ_ij = k0 ``|r_i − r_j|``, cos α_ij = r̂_ij · d̂; f_ii = 0 (H_d excludes i = j), γ_ii = γ0.

    Parameters
    ----------
    positions : array_like, shape (N, 3)
        Atom positions in m.
    dipole : array_like, shape (3,)
        The common dipole direction (normalised here; any non-zero length).
    k0 : float, optional
        Wave number in rad/m; give exactly one of ``k0`` and ``wavelength``.
    wavelength : float, optional
        Wavelength in m (k0 = 2π/λ).
    gamma0 : float, optional
        Single-atom decay rate γ0 in s⁻¹ (default 1).

    Returns
    -------
    f : ndarray, shape (N, N)
        Dipolar shifts f_ij in rad/s (units of ``gamma0``).
    gamma : ndarray, shape (N, N)
        Collective decay rates γ_ij in s⁻¹.

    Raises
    ------
    ValueError
        Atoms closer than ``MIN_DIPOLE_SEPARATION_M`` (1 nm, where the point-dipole picture
        fails) or coincident relative to the cluster size (``COINCIDENT_TOLERANCE``).

    Examples
    --------
    >>> f, g = geometric_couplings([[0, 0, 0], [0, 0, 1e-9]], [1, 0, 0], wavelength=780e-9)
    >>> bool(abs(g[0, 1] - 1) < 1e-4), bool(f[0, 1] > 1e5)
    (True, True)
    """
    pos = np.asarray(require_finite("positions", positions), dtype=float)
    if pos.ndim != 2 or pos.shape[1] != 3 or pos.shape[0] < 1:
        raise ValueError(f"positions must have shape (N, 3), N ≥ 1; received shape {pos.shape}")
    d = np.asarray(require_finite("dipole", dipole), dtype=float)
    if d.shape != (3,) or not np.linalg.norm(d) > 0:
        raise ValueError(f"dipole must be a non-zero 3-vector; received {d!r}")
    d = d / np.linalg.norm(d)
    if (k0 is None) == (wavelength is None):
        raise ValueError("give exactly one of k0 (rad/m) or wavelength (m)")
    if k0 is None:
        k0 = 2 * math.pi / require_positive("wavelength", wavelength, unit="m")
    require_positive("k0", k0, unit="rad/m")
    require_nonnegative("gamma0", gamma0)
    n = pos.shape[0]
    sep = pos[:, None, :] - pos[None, :, :]
    r = np.linalg.norm(sep, axis=-1)
    scale = max(float(np.max(np.linalg.norm(pos - pos.mean(0), axis=1))), 1e-300)
    off = ~np.eye(n, dtype=bool)
    close = off & (r <= COINCIDENT_TOLERANCE * scale)
    if np.any(close):
        i, j = np.argwhere(close)[0]
        raise ValueError(
            f"positions must be distinct: atoms {i} and {j} coincide (|r_i - r_j| = "
            f"{r[i, j]:.3g} m); the dipolar couplings diverge there"
        )
    too_close = off & (r < MIN_DIPOLE_SEPARATION_M)
    if np.any(too_close):
        i, j = np.argwhere(too_close)[0]
        raise ValueError(
            f"positions must be at least {MIN_DIPOLE_SEPARATION_M:g} m apart (point dipoles: "
            f"closer, the atoms' electron clouds overlap); atoms {i} and {j} are "
            f"{r[i, j]:.3g} m apart"
        )
    f = np.zeros((n, n))
    g = gamma0 * np.eye(n)
    if n > 1:
        xi = k0 * r[off]
        cos_alpha = np.clip((sep[off] @ d) / r[off], -1.0, 1.0)
        f[off] = dipolar_shift(xi, cos_alpha, gamma0)
        g[off] = collective_decay(xi, cos_alpha, gamma0)
    return f, g


__all__ = [
    "collective_decay",
    "collective_decay_near_field",
    "dipolar_shift",
    "dipolar_shift_near_field",
    "far_field_couplings",
    "geometric_couplings",
]
