"""Linear response of a (mean-field) master equation to a weak periodic drive.

Around a stationary state ``x0`` of ``dx/dt = f(x)``, a drive ``(d e^{iωt} + c.c.)`` gives in
the long-time limit ``x = x0 + x₊ e^{iωt} + x₋ e^{−iωt}`` with

    (J − iω) x₊ = −d,     J = ∂f/∂x at x0,

J the Jacobian (for a mean-field generator it contains the linearised feedback, seed 004
Eqs. (37)–(39): ``L̄0 + L̄0⁽⁺⁾``). Only the coordinates reachable from the drive through J
can respond (for a state diagonal in M they are the Δm = ±1 coherences); J is restricted to
them exactly, and one eigendecomposition of that block serves every frequency.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.linalg
import scipy.optimize
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


def zero_crossing(function, low: float, high: float, xtol: float = 1e-9) -> float:
    """A sign change of ``function`` in ``[low, high]`` by Brent's method.

    Parameters
    ----------
    function : callable
        Real function of one real variable (e.g. a response's real part against ω).
    low, high : float
        Bracket, in the units of the variable; ``function`` must change sign across it
        (``ValueError`` otherwise).
    xtol : float, optional
        Absolute tolerance on the root (default 1e-9).

    Returns
    -------
    float
        The root.
    """
    f_low, f_high = function(low), function(high)
    if np.sign(f_low) == np.sign(f_high):
        raise ValueError(f"no sign change of the response between {low:g} and {high:g}")
    return float(scipy.optimize.brentq(function, low, high, xtol=xtol))


def extremum(function, low: float, high: float, maximum: bool, xtol: float = 1e-9) -> float:
    """Location of the maximum (or minimum) of ``function`` in ``[low, high]`` (bounded Brent).

    Parameters
    ----------
    function : callable
        Real function of one real variable.
    low, high : float
        Search interval, in the units of the variable.
    maximum : bool
        True for the maximum, False for the minimum.
    xtol : float, optional
        Absolute tolerance on the location (default 1e-9).

    Returns
    -------
    float
        The location (a local extremum when there are several).
    """
    sign = -1.0 if maximum else 1.0
    result = scipy.optimize.minimize_scalar(lambda x: sign * function(x), bounds=(low, high),
                                            method="bounded", options={"xatol": xtol})
    return float(result.x)
