"""Results of the front door: density matrices, the settings used, and QuTiP on the way out.

Every result holds density matrices of shape ``(d, d)`` (or ``(T, d, d)`` for a trajectory),
the options that produced it and the solver's statistics, and converts back to QuTiP with
:meth:`to_qutip` using the ``dims`` of the operators that went in.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from spinthermo.core.operands import as_operand, to_qobj
from spinthermo.core.options import EvolveOptions, SteadyStateOptions


def _expectation(name: str, operator: Any, states: np.ndarray) -> np.ndarray:
    """``Tr(O ρ)`` for states ``(..., d, d)``; real when ``O`` is Hermitian."""
    op = as_operand(name, operator)
    if op.kind != "oper" or op.matrix.shape[0] != states.shape[-1]:
        raise ValueError(f"{name} must be an operator of dimension {states.shape[-1]}; received "
                         f"a {op.kind} of shape {op.matrix.shape}")
    matrix = op.dense()
    values = np.einsum("ij,...ji->...", matrix, states)
    return values.real if np.allclose(matrix, matrix.conj().T) else values


@dataclass(frozen=True)
class Result:
    """What every front-door result shares: QuTiP ``dims`` and solver statistics.

    Parameters
    ----------
    dims : list or None, optional
        QuTiP ``dims`` of the operators that went in (None for plain arrays); keyword-only.
    stats : dict, optional
        Solver statistics (method, wall time in s, generator size, ...); keyword-only.
    """

    dims: Any = field(default=None, kw_only=True)
    stats: dict[str, Any] = field(default_factory=dict, kw_only=True)


@dataclass(frozen=True)
class SteadyStateResult(Result):
    """Steady state of the front door's ``steady_state``, with how it was found.

    Parameters
    ----------
    state : numpy.ndarray, shape (d, d)
        Steady-state density matrix ρ_ss (Hermitian, unit trace).
    residual : float
        ``max|dρ/dt| / max|𝓛|`` at ``state``, dimensionless.
    iterations : int
        Iterations of a nonlinear solve (0 for a linear one).
    unique : bool or None
        True when a linear null space was checked to be one-dimensional; None when not
        decided (a nonlinear equation may have several fixed points).
    options : SteadyStateOptions
        The settings used.
    dims, stats
        As in :class:`Result`.
    """

    state: np.ndarray
    residual: float
    iterations: int
    unique: bool | None
    options: SteadyStateOptions

    @classmethod
    def of_solution(cls, rho: np.ndarray, solution, unique: bool | None,
                    options: SteadyStateOptions, *, dims: Any = None,
                    stats: dict[str, Any]) -> SteadyStateResult:
        """Wrap the engine's ``solution`` with its state as the density matrix ``rho``.

        Parameters
        ----------
        rho : array_like, shape (d, d)
            The steady state as a density matrix; replaced by ``(ρ + ρ†)/2``.
        solution : SteadyStateSolution
            The engine's solution; its largest ``residual`` and its ``iterations`` are kept.
        unique : bool or None
            Whether the steady state is known to be unique.
        options : SteadyStateOptions
            The settings used.
        dims : list or None, optional
            QuTiP ``dims`` of the input.
        stats : dict
            Solver statistics.

        Returns
        -------
        SteadyStateResult
        """
        rho = np.asarray(rho, dtype=complex)
        return cls(0.5 * (rho + rho.conj().T), float(np.max(solution.residual)),
                   int(solution.iterations), unique, options, dims=dims, stats=stats)

    def expect(self, operator: Any) -> float | complex:
        """Expectation value ``Tr(O ρ_ss)`` in the steady state.

        Parameters
        ----------
        operator : array_like or qutip.Qobj, shape (d, d)
            Observable O (dense, sparse or ``Qobj``).

        Returns
        -------
        float or complex
            Real for a Hermitian O, complex otherwise; in the units of O.
        """
        return _expectation("operator", operator, self.state)[()]

    def to_qutip(self):
        """The steady state as a ``qutip.Qobj`` with the input's ``dims``.

        Returns
        -------
        qutip.Qobj
            Density matrix, shape (d, d).
        """
        return to_qobj(self.state, self.dims)


@dataclass(frozen=True)
class EvolutionResult(Result):
    """Trajectory of the front door's ``evolve``: density matrices at the requested times.

    Parameters
    ----------
    times : numpy.ndarray, shape (T,)
        Output times in s.
    states : numpy.ndarray, shape (T, d, d)
        Density matrices ρ(t) at ``times``.
    options : EvolveOptions
        The settings used.
    expect : list or dict, optional
        ``Tr(O_k ρ(t))``, each of shape (T,), for the ``e_ops`` given: a list in their order or
        a dict with their names, as QuTiP's ``Result.expect``.
    dims, stats
        As in :class:`Result`.
    """

    times: np.ndarray
    states: np.ndarray
    options: EvolveOptions
    expect: list[np.ndarray] | dict[str, np.ndarray] = field(default_factory=list)

    @property
    def final_state(self) -> np.ndarray:
        """The last density matrix ρ(t_T), shape (d, d)."""
        return self.states[-1]

    def to_qutip(self) -> list:
        """The states as ``qutip.Qobj`` objects with the input's ``dims``.

        Returns
        -------
        list of qutip.Qobj
            T density matrices, each (d, d).
        """
        return [to_qobj(rho, self.dims) for rho in self.states]


def expectation_values(e_ops: Any, states: np.ndarray) -> list[np.ndarray] | dict:
    """Expectation values ``Tr(O_k ρ)`` of ``e_ops`` on ``states``.

    Parameters
    ----------
    e_ops : None, operator, list or dict
        Observables O_k (arrays, sparse matrices or ``qutip.Qobj``), each (d, d).
    states : numpy.ndarray, shape (..., d, d)
        Density matrices.

    Returns
    -------
    list or dict
        One array of shape (...) per observable, in the form ``e_ops`` was given (``[]`` for
        None); real for a Hermitian observable.
    """
    if e_ops is None:
        return []
    if isinstance(e_ops, dict):
        return {str(k): _expectation(f"e_ops[{k!r}]", v, states) for k, v in e_ops.items()}
    if not isinstance(e_ops, list | tuple):
        e_ops = [e_ops]
    return [_expectation(f"e_ops[{k}]", op, states) for k, op in enumerate(e_ops)]
