"""Compiled Newton iteration for mean-field steady states, one batch entry at a time.

The same iteration as :func:`spinthermo.core.steady.steady_state` (Newton on
``A x + Σ_k (c_k·x) B_k x = 0`` with one equation replaced by the weighted trace condition),
written as loops that numba compiles, so that a small system (n = d² ≲ 100) costs its
arithmetic — two LAPACK solves and a few passes over the generator — instead of a few hundred
NumPy calls. Every batch entry converges on its own: its iteration count and residual are its
own, and an entry that does not converge does not hold up the others.

This module imports numba (a few hundred milliseconds), so :mod:`spinthermo.core.steady`
imports it only when a mean-field steady state is solved; the kernels are compiled once and
cached on disk.
"""

from __future__ import annotations

import numba
import numpy as np

#: Status codes returned per batch entry by :func:`newton_steady_states`.
CONVERGED, NOT_CONVERGED, NOT_FINITE = 0, 1, 2


def _read_only(ndim: int):
    return numba.types.Array(numba.types.complex128, ndim, "A", readonly=True)


#: One signature for every call (any layout, read-only or not), so that the kernel is compiled
#: once per machine (when this module is first imported; cached on disk afterwards).
_NEWTON_SIGNATURE = (_read_only(3), _read_only(3), _read_only(4), _read_only(1), numba.int64,
                     _read_only(2), numba.float64, numba.int64)


@numba.njit(cache=True)
def _linearise(linear, rows, ops, x, frozen, rate):
    """Fill ``frozen = A + Σ_k (c_k·x) B_k`` and ``rate = frozen x``; return
    ``max|rate| / max|frozen|`` (the relative residual)."""
    n = x.shape[0]
    n_terms = rows.shape[0]
    values = np.zeros(n_terms, dtype=np.complex128)
    for k in range(n_terms):
        acc = 0j
        for j in range(n):
            acc += rows[k, j] * x[j]
        values[k] = acc
    for i in range(n):
        for j in range(n):
            frozen[i, j] = linear[i, j]
    for k in range(n_terms):  # j innermost: contiguous, vectorisable updates
        value = values[k]
        for i in range(n):
            for j in range(n):
                frozen[i, j] += value * ops[k, i, j]
    scale = 0.0  # squared magnitudes: abs() of a complex number is a slow hypot
    largest_rate = 0.0
    for i in range(n):
        acc = 0j
        for j in range(n):
            entry = frozen[i, j]
            acc += entry * x[j]
            scale = max(scale, entry.real * entry.real + entry.imag * entry.imag)
        rate[i] = acc
        largest_rate = max(largest_rate, acc.real * acc.real + acc.imag * acc.imag)
    scale = np.sqrt(scale)
    largest_rate = np.sqrt(largest_rate)
    return largest_rate / (scale if scale > 0.0 else 1.0)

@numba.njit(_NEWTON_SIGNATURE, cache=True)
def _newton(linear, rows, ops, trace, pivot, x0, tol, max_iterations):
    batch, n = x0.shape
    n_terms = rows.shape[1]
    states = np.empty((batch, n), dtype=np.complex128)
    residuals = np.empty(batch)
    iterations = np.zeros(batch, dtype=np.int64)
    status = np.full(batch, NOT_CONVERGED, dtype=np.int64)
    frozen = np.empty((n, n), dtype=np.complex128)
    jacobian = np.empty((n, n), dtype=np.complex128)
    rate = np.empty(n, dtype=np.complex128)
    ops_x = np.empty((n_terms, n), dtype=np.complex128)
    for b in range(batch):
        x = x0[b].copy()
        residual = _linearise(linear[b], rows[b], ops[b], x, frozen, rate)
        for iteration in range(1, max_iterations + 1):
            for k in range(n_terms):
                for i in range(n):
                    acc = 0j
                    for j in range(n):
                        acc += ops[b, k, i, j] * x[j]
                    ops_x[k, i] = acc
            for i in range(n):
                for j in range(n):
                    jacobian[i, j] = frozen[i, j]
            for k in range(n_terms):
                for i in range(n):
                    column = ops_x[k, i]
                    for j in range(n):
                        jacobian[i, j] += column * rows[b, k, j]
            weight = 0.0
            for i in range(n):
                for j in range(n):
                    entry = jacobian[i, j]
                    weight = max(weight, entry.real * entry.real + entry.imag * entry.imag)
            weight = np.sqrt(weight)
            if weight == 0.0:
                weight = 1.0
            traced = 0j
            for j in range(n):
                jacobian[pivot, j] = weight * trace[j]
                traced += trace[j] * x[j]
            rate[pivot] = weight * (traced - 1.0)
            step = np.linalg.solve(jacobian, rate)
            for j in range(n):
                x[j] -= step[j]
            residual = _linearise(linear[b], rows[b], ops[b], x, frozen, rate)
            iterations[b] = iteration
            finite = np.isfinite(residual)
            for j in range(n):
                finite = finite and np.isfinite(x[j].real) and np.isfinite(x[j].imag)
            if not finite:
                status[b] = NOT_FINITE
                break
            if residual <= tol:
                status[b] = CONVERGED
                break
        states[b] = x
        residuals[b] = residual
    return states, residuals, iterations, status



def newton_steady_states(linear: np.ndarray, rows: np.ndarray, ops: np.ndarray,
                         trace: np.ndarray, pivot: int, x0: np.ndarray, tol: float,
                         max_iterations: int):
    """Newton's method on every entry of a batch of mean-field generators.

    Parameters
    ----------
    linear : numpy.ndarray, shape (B, n, n)
        Linear parts ``A`` in s⁻¹.
    rows : numpy.ndarray, shape (B, K, n)
        Rows ``c_k`` giving the expectation values ``c_k·x``.
    ops : numpy.ndarray, shape (B, K, n, n)
        Superoperators ``B_k`` in s⁻¹ per unit of ``c_k·x``.
    trace : numpy.ndarray, shape (n,)
        The trace row ``t`` (``t·x = Tr ρ``).
    pivot : int
        The equation replaced by the weighted trace condition
        (:func:`spinthermo.core.generator.trace_pivot`).
    x0 : numpy.ndarray, shape (B, n)
        Starting coordinates.
    tol : float
        Relative residual ``max|dx/dt| / max|A_eff(x)|`` at which an entry has converged.
    max_iterations : int
        Most Newton steps per entry.

    Returns
    -------
    states : numpy.ndarray, shape (B, n)
        The last iterate of each entry.
    residuals : numpy.ndarray, shape (B,)
        Its relative residual.
    iterations : numpy.ndarray of int, shape (B,)
        Newton steps taken by each entry.
    status : numpy.ndarray of int, shape (B,)
        :data:`CONVERGED`, :data:`NOT_CONVERGED` or :data:`NOT_FINITE` per entry.

    Raises
    ------
    numpy.linalg.LinAlgError
        When a Jacobian is exactly singular (LAPACK's test), for any entry.
    """
    def complex_view(array):  # broadcast (read-only, zero-stride) views are not copied
        return np.asarray(array, dtype=np.complex128)

    return _newton(complex_view(linear), complex_view(rows), complex_view(ops),
                       np.ascontiguousarray(trace, dtype=np.complex128), int(pivot),
                       np.ascontiguousarray(x0, dtype=np.complex128), float(tol),
                       int(max_iterations))
