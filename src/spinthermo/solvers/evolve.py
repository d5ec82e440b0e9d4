"""``spinthermo.evolve``: the trajectory of a user's open system.

Reads top-down: convert the arguments, check them, choose the method, integrate, wrap.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from typing import Any

import numpy as np

from spinthermo.core import evolution as engine
from spinthermo.core.checks import require_times
from spinthermo.core.open_system import MeanField, OpenSystem, build_open_system
from spinthermo.core.operands import as_density_matrix
from spinthermo.core.options import EvolveOptions
from spinthermo.core.results import EvolutionResult, expectation_values
from spinthermo.core.superop import unvec, vec


def _method(options: EvolveOptions, system: OpenSystem) -> str:
    if options.method != "auto":
        return options.method
    if system.is_time_dependent:
        return "RK45"
    if system.is_sparse:
        return "expm"
    return "dopri5"


def _dynamics(system: OpenSystem) -> engine.Dynamics:
    """The time-dependent equation for the engine's SciPy path (dense Jacobian)."""
    def jacobian(t: float, x: np.ndarray) -> np.ndarray:
        jac = system.jacobian(t, x)
        return jac.toarray() if hasattr(jac, "toarray") else np.asarray(jac)

    return engine.Dynamics(system.rhs, jacobian, system.trace, system.is_trace_preserving())


def evolve(H: Any, rho0: Any, times: Any, c_ops: Sequence[Any] = (), *,
           mean_field: Sequence[MeanField] | MeanField = (), e_ops: Any = None,
           options: EvolveOptions | None = None) -> EvolutionResult:
    r"""Integrate :math:`\dot\rho = \mathcal{L}(t)\rho + \sum_k \mathrm{Tr}(O_k\rho)\,
    \mathcal{G}_k[\rho]` from ``rho0`` at ``times[0]`` and return ρ at every time.

    Parameters
    ----------
    H : array_like, Qobj, list or QobjEvo
        Hamiltonian in rad/s (ħ = 1), shape (d, d), dense or sparse, as for
        :func:`spinthermo.steady_state`; or time-dependent: QuTiP's list form
        ``[H0, [H1, f]]`` with ``f(t)`` (or ``f(t, args)``) a Python function, or a ``QobjEvo``.
    rho0 : array_like or Qobj
        Initial density matrix (d, d) or ket (d,).
    times : array_like, shape (T,)
        Non-decreasing times in s; the first is the initial time.
    c_ops : sequence, optional
        Collapse operators (d, d) (rates folded in as √γ), or ``[L, f]`` pairs whose
        dissipator is scaled by ``|f(t)|²``.
    mean_field : MeanField or sequence, optional
        :class:`spinthermo.MeanField` terms ``Tr(O_k ρ) 𝒢_k[ρ]``.
    e_ops : operator, list or dict, optional
        Operators whose expectation values to record: one, a list (``expect`` is a list of (T,)
        arrays) or a dict (``expect`` is a dict).
    options : EvolveOptions, optional
        :class:`spinthermo.EvolveOptions` (method, rtol, atol, max_steps; default
        ``EvolveOptions()``).

    Returns
    -------
    EvolutionResult
        ``times`` (T,), ``states`` (T, d, d), ``expect``, ``options``, ``stats``;
        ``to_qutip()`` gives a list of ``Qobj``.

    Examples
    --------
    Spontaneous decay at γ = 2 s⁻¹: the excited population is e^{−γt}.

    >>> import numpy as np, spinthermo as st
    >>> sm = np.array([[0, 0], [1, 0]])                  # |0⟩ excited
    >>> out = st.evolve(np.zeros((2, 2)), [1, 0], [0.0, 0.5], [np.sqrt(2.0) * sm],
    ...                 e_ops=[np.diag([1.0, 0.0])])
    >>> round(float(out.expect[0][-1]), 8), round(float(np.exp(-1.0)), 8)
    (0.36787944, 0.36787944)
    """
    options = EvolveOptions() if options is None else options
    if not isinstance(options, EvolveOptions):
        raise TypeError(f"options must be a spinthermo.EvolveOptions; received "
                        f"{type(options).__name__}")
    system = build_open_system(H, c_ops, mean_field)
    times = require_times(times, nonnegative=False)
    x0 = vec(as_density_matrix("rho0", rho0, system.dimension))
    method = _method(options, system)
    if system.is_time_dependent and method in ("dopri5", "expm"):
        raise ValueError(f"method {method!r} needs a time-independent generator; use 'RK45', "
                         "'DOP853', 'BDF', 'Radau' or 'LSODA' (or 'auto')")
    if system.is_sparse and method != "expm" and not system.is_time_dependent:
        raise ValueError(f"the system is large (d = {system.dimension}) and held sparse; "
                         f"method {method!r} needs a dense generator: use 'expm' (or 'auto')")

    started = time.perf_counter()
    if system.is_time_dependent:
        solution = engine.evolve_dynamics(_dynamics(system), x0, times, rtol=options.rtol,
                                          atol=options.atol, method=method,
                                          max_steps=options.max_steps)
        states, steps = solution.states, solution.steps
    elif system.is_sparse:
        if not system.is_linear:
            raise ValueError("mean_field terms need a dense generator")
        states, steps = engine.evolve_sparse_linear(system.liouvillian, x0, times), len(times)
    else:
        solution = engine.evolve(system.generator(), x0, times, rtol=options.rtol,
                                 atol=options.atol, method=method,
                                 max_steps=options.max_steps)
        states, steps = solution.states, solution.steps
    elapsed = time.perf_counter() - started
    rhos = unvec(states)
    stats = {"method": method, "solve_time_s": elapsed, "steps": steps,
             "liouvillian_size": system.size, "sparse": system.is_sparse,
             "mean_field_terms": int(system.feedback_rows.shape[0])}
    return EvolutionResult(times, rhos, options, expectation_values(e_ops, rhos),
                           dims=system.dims, stats=stats)
