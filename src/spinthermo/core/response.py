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
    """Indices reachable from the nonzero entries of ``start`` along nonzero entries of
    ``matrix`` (x_j feeds x_i when matrix[i, j] ≠ 0), sorted."""
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
    """``x₊(ω) = −(J − iω)⁻¹ d`` through the eigendecomposition ``J = V Λ V⁻¹`` of the block
    of J on the coordinates ``support`` reachable from the drive (x₊ vanishes elsewhere)."""

    eigenvalues: np.ndarray
    modes: np.ndarray
    drive_in_modes: np.ndarray
    support: np.ndarray
    size: int

    @classmethod
    def from_generator(cls, generator: MeanFieldGenerator, stationary: np.ndarray,
                       drive: np.ndarray) -> LinearResponse:
        """Linearise ``generator`` at ``stationary`` and prepare the response to ``drive``."""
        jac = generator.jacobian(np.asarray(stationary, dtype=complex))
        return cls.from_jacobian(jac, drive)

    @classmethod
    def from_jacobian(cls, jacobian: np.ndarray, drive: np.ndarray) -> LinearResponse:
        jacobian = np.asarray(jacobian, dtype=complex)
        drive = np.asarray(drive, dtype=complex)
        support = reachable_coordinates(jacobian, drive)
        eigenvalues, modes = scipy.linalg.eig(jacobian[np.ix_(support, support)])
        coefficients = scipy.linalg.solve(modes, drive[support])
        return cls(eigenvalues, modes, coefficients, support, jacobian.shape[0])

    def amplitude(self, omega) -> np.ndarray:
        """``x₊`` at the angular frequencies ``omega`` (shape ``(..., n)``)."""
        omega = np.asarray(omega, dtype=float)
        out = np.zeros((*omega.shape, self.size), dtype=complex)
        out[..., self.support] = -(self.modes @ (
            self.drive_in_modes / (self.eigenvalues - 1j * omega[..., None]))[..., None])[..., 0]
        return out

    def observable(self, row: np.ndarray, omega) -> np.ndarray:
        """``row · x₊(ω)``, e.g. ``Tr(O ρ₊)`` for ``row = expectation_row(O)``."""
        weights = (np.asarray(row)[self.support] @ self.modes) * self.drive_in_modes
        omega = np.asarray(omega, dtype=float)[..., None]
        return -np.sum(weights / (self.eigenvalues - 1j * omega), axis=-1)


def zero_crossing(function, low: float, high: float, xtol: float = 1e-9) -> float:
    """A sign change of ``function`` in ``[low, high]`` by Brent's method (ValueError if none)."""
    f_low, f_high = function(low), function(high)
    if np.sign(f_low) == np.sign(f_high):
        raise ValueError(f"no sign change of the response between {low:g} and {high:g}")
    return float(scipy.optimize.brentq(function, low, high, xtol=xtol))


def extremum(function, low: float, high: float, maximum: bool, xtol: float = 1e-9) -> float:
    """Location of the maximum (or minimum) of ``function`` in ``[low, high]`` (bounded Brent)."""
    sign = -1.0 if maximum else 1.0
    result = scipy.optimize.minimize_scalar(lambda x: sign * function(x), bounds=(low, high),
                                            method="bounded", options={"xatol": xtol})
    return float(result.x)
