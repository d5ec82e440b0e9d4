"""One verb set for every model of the papers (as QuTiP's ``Solver`` or scqubits'
``QubitBaseClass``).

Every model class implements :class:`Model`: ``parameters`` (a frozen dataclass),
``hamiltonian()``, ``open_system()`` (the front door's inputs, so any model can be checked
against :func:`spinthermo.steady_state` / :func:`spinthermo.evolve` and against QuTiP),
``steady_state(*, options=None) -> SteadyStateResult`` and ``evolve(times,
initial_state=None, *, options=None) -> EvolutionResult``. The defaults of the two verbs go
through the front door; a model overrides them with its fast path, returning the same result
types. A verb without a meaning for a model (the moments of a bosonic model have no density
matrix, a stochastic collision model has no master equation, a periodically driven system has
no steady state) raises :class:`NotImplementedError` through :func:`not_applicable`, saying why
and what to call instead.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import Any, NamedTuple

import numpy as np

from spinthermo.core.options import EvolveOptions, SteadyStateOptions
from spinthermo.core.results import EvolutionResult, SteadyStateResult


class OpenSystemSpec(NamedTuple):
    """The front door's inputs: ``H`` (rad/s), collapse operators, mean-field terms."""

    hamiltonian: Any
    c_ops: tuple[Any, ...] = ()
    mean_field: tuple[Any, ...] = ()


def not_applicable(model: object, verb: str, reason: str) -> NotImplementedError:
    """The error a model raises for a verb that has no meaning for it (raise the result).

    Parameters
    ----------
    model : object
        The model whose verb is called (its class names the error).
    verb : str
        The method name, e.g. ``"steady_state"``.
    reason : str
        Why the verb has no meaning, and what to call instead.

    Returns
    -------
    NotImplementedError
        The error, with message ``"<Class>.<verb>: <reason>"``.
    """
    return NotImplementedError(f"{type(model).__name__}.{verb}: {reason}")


class Model(ABC):
    """The protocol of every model; see the module docstring."""

    @property
    @abstractmethod
    def parameters(self) -> Any:
        """The physical parameters, a frozen dataclass (SI units, ħ = 1)."""

    @abstractmethod
    def hamiltonian(self) -> np.ndarray:
        """The model's Hamiltonian in the basis its states use.

        Returns
        -------
        numpy.ndarray
            Hermitian, shape (d, d), rad/s.
        """

    @abstractmethod
    def open_system(self) -> OpenSystemSpec:
        """``(H, c_ops, mean_field)`` for :func:`spinthermo.steady_state` and
        :func:`spinthermo.evolve`, equal to the model's own equation.

        Returns
        -------
        OpenSystemSpec
            The Hamiltonian (d, d) in rad/s, collapse operators (d, d) in s^(-1/2) and
            mean-field terms.
        """

    def initial_state(self) -> np.ndarray:
        """The state ``evolve`` starts from by default: maximally mixed.

        Returns
        -------
        numpy.ndarray
            Density matrix ``1/d``, complex, shape (d, d).
        """
        d = np.shape(self.hamiltonian())[-1]
        return np.eye(d, dtype=complex) / d

    def steady_state(self, *, options: SteadyStateOptions | None = None) -> SteadyStateResult:
        """The steady state through the front door (models override with their fast path).

        Parameters
        ----------
        options : SteadyStateOptions or None
            Solver tolerances; None: the defaults.

        Returns
        -------
        SteadyStateResult
            The state (d, d) with its relative residual and solver statistics.
        """
        from spinthermo.solvers import steady_state

        spec = self.open_system()
        return steady_state(spec.hamiltonian, spec.c_ops, mean_field=spec.mean_field,
                            options=options)

    def evolve(self, times, initial_state=None, *,
               options: EvolveOptions | None = None) -> EvolutionResult:
        """ρ(t) through the front door (models override with their fast path).

        Parameters
        ----------
        times : array_like
            Output times, shape (n_t,), s, increasing.
        initial_state : array_like or None
            ρ(times[0]), shape (d, d); None: :meth:`initial_state`.
        options : EvolveOptions or None
            Integrator method and tolerances; None: the defaults.

        Returns
        -------
        EvolutionResult
            The states ρ(t), shape (n_t, d, d), at ``times``.
        """
        from spinthermo.solvers import evolve

        spec = self.open_system()
        rho0 = self.initial_state() if initial_state is None else initial_state
        return evolve(spec.hamiltonian, rho0, times, spec.c_ops, mean_field=spec.mean_field,
                      options=options)
