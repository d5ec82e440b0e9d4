"""Linear response of a (mean-field) master equation to a weak periodic drive.

Around a stationary state ``x0`` of ``dx/dt = f(x)``, a drive ``(d e^{iωt} + c.c.)`` gives in
the long-time limit ``x = x0 + x₊ e^{iωt} + x₋ e^{−iωt}`` with

    (J − iω) x₊ = −d,     J = ∂f/∂x at x0,

J the Jacobian (for a mean-field generator it contains the linearised feedback, seed 004
Eqs. (37)–(39): ``L̄0 + L̄0⁽⁺⁾``). Only the coordinates reachable from the drive through J
can respond (for a state diagonal in M they are the Δm = ±1 coherences); J is restricted to
them exactly, and one eigendecomposition of that block serves every frequency.
:func:`brent_root` finds roots of many response functions at once (a line's zero crossing,
its extrema as roots of the slope).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.linalg
import scipy.sparse
import scipy.sparse.csgraph

from spinthermo.core.generator import MeanFieldGenerator


def reachable_coordinates(matrix: np.ndarray, start: np.ndarray) -> np.ndarray:
    """Indices reachable from the nonzero entries of ``start`` along nonzero entries of ``matrix``.

    x_j feeds x_i when ``matrix[i, j] ≠ 0`` (breadth-first search on that directed graph).

    Parameters
    ----------
    matrix : numpy.ndarray, shape (n, n)
        Generator or Jacobian; only its sparsity pattern is used.
    start : numpy.ndarray, shape (n,)
        Drive vector; its nonzero entries are the seeds.

    Returns
    -------
    numpy.ndarray of int
        Reached indices (seeds included), ascending; empty for a zero ``start``.
    """
    graph = scipy.sparse.csr_array((np.abs(matrix) > 0).T.astype(np.int8))
    seeds = np.flatnonzero(np.abs(start) > 0)
    if seeds.size == 0:
        return seeds
    reached = np.zeros(matrix.shape[0], dtype=bool)
    for seed in seeds:
        if not reached[seed]:
            order = scipy.sparse.csgraph.breadth_first_order(graph, seed, directed=True,
                                                             return_predecessors=False)
            reached[order] = True
    return np.flatnonzero(reached)


@dataclass(frozen=True)
class LinearResponse:
    """``x₊(ω) = −(J − iω)⁻¹ d`` through the eigendecomposition ``J = V Λ V⁻¹`` (module docstring).

    Only the block of J on the coordinates ``support`` reachable from the drive is decomposed
    (x₊ vanishes elsewhere). Build it with :meth:`from_generator` or :meth:`from_jacobian`.

    Parameters
    ----------
    eigenvalues : numpy.ndarray, shape (m,)
        Eigenvalues Λ of J on ``support``, in s⁻¹.
    modes : numpy.ndarray, shape (m, m)
        Right eigenvectors V (columns).
    drive_in_modes : numpy.ndarray, shape (m,)
        ``V⁻¹ d`` on ``support``.
    support : numpy.ndarray of int, shape (m,)
        Coordinates reachable from the drive.
    size : int
        Number n of coordinates of the full system.
    """

    eigenvalues: np.ndarray
    modes: np.ndarray
    drive_in_modes: np.ndarray
    support: np.ndarray
    size: int

    @classmethod
    def from_generator(cls, generator: MeanFieldGenerator, stationary: np.ndarray,
                       drive: np.ndarray) -> LinearResponse:
        """Linearise ``generator`` at ``stationary`` and prepare the response to ``drive``.

        Parameters
        ----------
        generator : MeanFieldGenerator
            Unbatched generator on n coordinates; its Jacobian includes the linearised feedback.
        stationary : array_like, shape (n,)
            Stationary state x0 (e.g. ``steady_state(generator).state``).
        drive : array_like, shape (n,)
            Drive amplitude d in s⁻¹ (``L1 x0`` for a perturbation ``L1 e^{iωt}``).

        Returns
        -------
        LinearResponse
        """
        jac = generator.jacobian(np.asarray(stationary, dtype=complex))
        return cls.from_jacobian(jac, drive)

    @classmethod
    def from_jacobian(cls, jacobian: np.ndarray, drive: np.ndarray) -> LinearResponse:
        """Prepare the response to ``drive`` of the linear system with Jacobian ``jacobian``.

        Parameters
        ----------
        jacobian : array_like, shape (n, n)
            J = ∂f/∂x at the stationary state, in s⁻¹.
        drive : array_like, shape (n,)
            Drive amplitude d in s⁻¹.

        Returns
        -------
        LinearResponse
        """
        jacobian = np.asarray(jacobian, dtype=complex)
        drive = np.asarray(drive, dtype=complex)
        support = reachable_coordinates(jacobian, drive)
        eigenvalues, modes = scipy.linalg.eig(jacobian[np.ix_(support, support)])
        coefficients = scipy.linalg.solve(modes, drive[support])
        return cls(eigenvalues, modes, coefficients, support, jacobian.shape[0])

    def amplitude(self, omega) -> np.ndarray:
        """Response amplitude ``x₊(ω) = −(J − iω)⁻¹ d``.

        Parameters
        ----------
        omega : float or array_like, shape (...)
            Drive angular frequencies ω in rad/s.

        Returns
        -------
        numpy.ndarray, shape (..., n)
            x₊ on every coordinate (zero off ``support``), complex.
        """
        omega = np.asarray(omega, dtype=float)
        out = np.zeros((*omega.shape, self.size), dtype=complex)
        out[..., self.support] = -(self.modes @ (
            self.drive_in_modes / (self.eigenvalues - 1j * omega[..., None]))[..., None])[..., 0]
        return out

    def observable(self, row: np.ndarray, omega) -> np.ndarray:
        """``row · x₊(ω)``, e.g. ``Tr(O ρ₊)`` for ``row = expectation_row(O)``.

        Parameters
        ----------
        row : array_like, shape (n,)
            Row vector on the coordinates.
        omega : float or array_like, shape (...)
            Drive angular frequencies ω in rad/s.

        Returns
        -------
        numpy.ndarray, shape (...)
            Complex response, in the units of ``row`` times those of x.
        """
        weights = (np.asarray(row)[self.support] @ self.modes) * self.drive_in_modes
        omega = np.asarray(omega, dtype=float)[..., None]
        return -np.sum(weights / (self.eigenvalues - 1j * omega), axis=-1)


def brent_root(function, low: np.ndarray, high: np.ndarray, xtol: float,
               f_low: np.ndarray | None = None, f_high: np.ndarray | None = None,
               max_iterations: int = 100) -> tuple[np.ndarray, np.ndarray]:
    """Root of ``function(x, entries)`` in ``[low, high]`` per entry: Brent's method as
    ``scipy.optimize.brentq`` (rtol = 4ε) steps through it, each entry stopping on its own.

    Parameters
    ----------
    function : callable
        ``function(x, entries)``: the functions of the entries ``entries`` (int array) at
        ``x`` (same shape), float.
    low : numpy.ndarray
        Lower end of each bracket, shape (B,).
    high : numpy.ndarray
        Upper end of each bracket, shape (B,).
    xtol : float
        Absolute tolerance on the root, in the units of ``x``.
    f_low : numpy.ndarray or None
        ``function`` at ``low`` if known (NaN excludes an entry), shape (B,).
    f_high : numpy.ndarray or None
        ``function`` at ``high`` if known, shape (B,).
    max_iterations : int
        Most iterations per entry (brentq's ``maxiter``).

    Returns
    -------
    roots : numpy.ndarray
        The roots, shape (B,); NaN where not found.
    found : numpy.ndarray
        Mask of the entries that converged, bool, shape (B,); a bracket without a sign
        change (or with a non-finite end) is not.
    """
    rtol = 4 * np.finfo(float).eps
    everyone = np.arange(low.size)
    xpre, xcur = np.array(low, dtype=float), np.array(high, dtype=float)
    fpre = function(xpre, everyone) if f_low is None else np.array(f_low, dtype=float)
    fcur = function(xcur, everyone) if f_high is None else np.array(f_high, dtype=float)
    root = np.where(fpre == 0, xpre, np.where(fcur == 0, xcur, np.nan))
    found = (fpre == 0) | (fcur == 0)
    xblk, fblk = np.zeros_like(xpre), np.zeros_like(xpre)
    spre, scur = np.zeros_like(xpre), np.zeros_like(xpre)
    i = np.flatnonzero(~found & (np.signbit(fpre) != np.signbit(fcur)) & np.isfinite(fpre)
                       & np.isfinite(fcur))
    for _ in range(max_iterations):
        if i.size == 0:
            break
        XP, XC, FP, FC = xpre[i], xcur[i], fpre[i], fcur[i]
        bracket = (FP != 0) & (FC != 0) & (np.signbit(FP) != np.signbit(FC))
        XB, FB = np.where(bracket, XP, xblk[i]), np.where(bracket, FP, fblk[i])
        SP = np.where(bracket, XC - XP, spre[i])
        SC = np.where(bracket, XC - XP, scur[i])
        swap = np.abs(FB) < np.abs(FC)
        XP, XC, XB = np.where(swap, XC, XP), np.where(swap, XB, XC), np.where(swap, XC, XB)
        FP, FC, FB = np.where(swap, FC, FP), np.where(swap, FB, FC), np.where(swap, FC, FB)
        delta = (xtol + rtol * np.abs(XC)) / 2
        sbis = (XB - XC) / 2
        done = (FC == 0) | (np.abs(sbis) < delta)
        root[i[done]], found[i[done]] = XC[done], True
        with np.errstate(divide="ignore", invalid="ignore"):
            dpre = (FP - FC) / (XP - XC)
            dblk = (FB - FC) / (XB - XC)
            stry = np.where(XP == XB, -FC * (XC - XP) / (FC - FP),
                            -FC * (FB * dblk - FP * dpre) / (dblk * dpre * (FB - FP)))
        good = ((np.abs(SP) > delta) & (np.abs(FC) < np.abs(FP))
                & (2 * np.abs(stry) < np.minimum(np.abs(SP), 3 * np.abs(sbis) - delta)))
        SP, SC = np.where(good, SC, sbis), np.where(good, stry, sbis)
        xblk[i], fblk[i], spre[i], scur[i] = XB, FB, SP, SC
        xpre[i], fpre[i] = XC, FC
        xcur[i] = XC + np.where(np.abs(SC) > delta, SC, np.where(sbis > 0, delta, -delta))
        i = i[~done]
        fcur[i] = function(xcur[i], i)
    return root, found
