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
    """What every front-door result shares: ``dims`` (QuTiP's, or None), ``options`` and
    ``stats`` (solver statistics: method, wall time, generator size, ...)."""

    dims: Any = field(default=None, kw_only=True)
    stats: dict[str, Any] = field(default_factory=dict, kw_only=True)


@dataclass(frozen=True)
class SteadyStateResult(Result):
    """The steady state ``state`` (d, d), its ``residual`` max|dρ/dt| / max|𝓛|, the
    ``iterations`` of a nonlinear solve (0 for a linear one) and whether the steady state is
    ``unique`` (True when a linear null space was checked to be one-dimensional, None when
    not decided: a nonlinear equation may have several fixed points)."""

    state: np.ndarray
    residual: float
    iterations: int
    unique: bool | None
    options: SteadyStateOptions

    @classmethod
    def of_solution(cls, rho: np.ndarray, solution, unique: bool | None,
                    options: SteadyStateOptions, *, dims: Any = None,
                    stats: dict[str, Any]) -> SteadyStateResult:
        """Wrap the engine's ``solution`` (residual, iterations) with its state as the
        density matrix ``rho`` (made exactly Hermitian)."""
        rho = np.asarray(rho, dtype=complex)
        return cls(0.5 * (rho + rho.conj().T), float(np.max(solution.residual)),
                   int(solution.iterations), unique, options, dims=dims, stats=stats)

    def expect(self, operator: Any) -> float | complex:
        """``Tr(O ρ_ss)`` (real for a Hermitian ``O``)."""
        return _expectation("operator", operator, self.state)[()]

    def to_qutip(self):
        """The steady state as a ``qutip.Qobj`` with the input's ``dims``."""
        return to_qobj(self.state, self.dims)


@dataclass(frozen=True)
class EvolutionResult(Result):
    """States ``states`` (T, d, d) at ``times`` (T,) s; ``expect`` holds ``Tr(O_k ρ(t))`` for
    the ``e_ops`` given (a list of (T,) arrays in their order, or a dict with their names),
    as QuTiP's ``Result.expect`` does."""

    times: np.ndarray
    states: np.ndarray
    options: EvolveOptions
    expect: list[np.ndarray] | dict[str, np.ndarray] = field(default_factory=list)

    @property
    def final_state(self) -> np.ndarray:
        return self.states[-1]

    def to_qutip(self) -> list:
        """The states as a list of ``qutip.Qobj`` with the input's ``dims``."""
        return [to_qobj(rho, self.dims) for rho in self.states]


def expectation_values(e_ops: Any, states: np.ndarray) -> list[np.ndarray] | dict:
    """``e_ops`` (None, one operator, a list or a dict of them) evaluated on ``states``."""
    if e_ops is None:
        return []
    if isinstance(e_ops, dict):
        return {str(k): _expectation(f"e_ops[{k!r}]", v, states) for k, v in e_ops.items()}
    if not isinstance(e_ops, list | tuple):
        e_ops = [e_ops]
    return [_expectation(f"e_ops[{k}]", op, states) for k, op in enumerate(e_ops)]
