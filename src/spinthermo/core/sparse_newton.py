"""Mean-field steady states of large sparse generators: Newton's method on sparse LU.

The same iteration as :func:`spinthermo.core.steady.steady_state` — Newton on
``A x + Σ_k (c_k·x) B_k x = 0`` with the pivot equation replaced by the weighted trace
condition ``w t·x = w`` — for a generator whose linear part ``A`` and superoperators ``B_k``
are ``scipy.sparse`` matrices. The Jacobian is ::

    J(x) = A + Σ_k (c_k·x) B_k + Σ_k (B_k x) c_kᵀ = A_eff(x) + U Vᵀ

is sparse (``A_eff``, with the sparsity of A and the B_k) plus a rank-K update (U has the
columns ``B_k x``, V the rows ``c_k``). With ``A_p`` for ``A_eff(x)`` whose pivot row is
``w t`` (and ``U_p`` for U with that row zeroed), each step solves the bordered system ::

    [ A_p   U_p ] [ δx ]   [ f ]
    [ Vᵀ    −1  ] [ z  ] = [ 0 ]

by one sparse LU of n + K unknowns; eliminating z gives ``(A_p + U_p Vᵀ) δx = f``, the
Sherman–Morrison–Woodbury step, without needing ``A_p`` itself to be invertible. The pattern
of the bordered matrix (A ∪ B_k ∪ trace row ∪ the K dense columns and sparse rows) is built
once per generator; each iteration refills its values, so no sparse additions or index merges
are repeated. SuperLU orders the columns (COLAMD) at each factorisation: for the 32-level Cs
Liouvillian (n = 1024, 2·10⁴ non-zeros) one factorisation costs ~2 ms, where the dense
engine's ``solve`` costs ~100 ms.

The stopping rule and the residual are the dense engine's (:data:`DEFAULT_STEADY_TOL`,
:func:`spinthermo.core.steady.relative_residual`): ``max|A_eff(x) x| / max|A_eff(x)|``.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from functools import cached_property

import numpy as np
import scipy.sparse
import scipy.sparse.linalg

from spinthermo.core.checks import require_finite, require_range
from spinthermo.core.generator import MeanFieldGenerator, trace_pivot
from spinthermo.core.steady import (
    DEFAULT_STEADY_TOL,
    SteadyStateError,
    SteadyStateSolution,
    starting_state,
)

#: Change ``max|x_(k+1) − x_k|`` at which the self-consistent start hands over to Newton, as in
#: :func:`spinthermo.core.steady.self_consistent_steady_state`'s default.
SELF_CONSISTENT_TOL = 1e-8
#: Differences kept by the Anderson mixing of :func:`sparse_mean_field_steady_state`'s start:
#: one (a secant step on the K mean fields) takes the 133Cs full equation from 12–63 plain
#: iterations (Δ = 0 … −6 GHz) to 6–8; more differences gave no fewer.
MIXING_DEPTH = 1


@dataclass(frozen=True)
class SparseMeanFieldGenerator:
    """``dx/dt = A x + Σ_k (c_k·x) B_k x`` with sparse ``A`` and ``B_k`` and trace row ``t``.

    The sparse counterpart of :class:`~spinthermo.core.generator.MeanFieldGenerator` for one
    parameter set (no batch axes); rates in s⁻¹.

    Parameters
    ----------
    linear : scipy.sparse array or array_like, shape (n, n)
        Linear part A (a Liouvillian, column stacking), s⁻¹.
    feedback_rows : array_like, shape (K, n)
        Rows c_k with ``c_k·x = Tr(O_k ρ)``.
    feedback_ops : sequence of scipy.sparse array, shape (K, n, n)
        Superoperators B_k, s⁻¹ per unit of ``c_k·x``, one per row (dense arrays are
        converted).
    trace : array_like, shape (n,)
        Trace row t (``t·x = Tr ρ``).

    Examples
    --------
    >>> gen = SparseMeanFieldGenerator(np.array([[-2.0, 1.0], [2.0, -1.0]]), np.zeros((0, 2)),
    ...                                (), np.ones(2))
    >>> sparse_steady_state(gen).state.real.round(6)
    array([0.333333, 0.666667])
    """

    linear: scipy.sparse.csc_array
    feedback_rows: np.ndarray
    feedback_ops: tuple
    trace: np.ndarray

    def __post_init__(self) -> None:
        linear = _as_sparse("linear", self.linear)
        n = linear.shape[0]
        rows = require_finite("feedback_rows", self.feedback_rows).astype(complex)
        if rows.ndim == 1 and rows.size == 0:
            rows = rows.reshape(0, n)
        ops = tuple(_as_sparse(f"feedback_ops[{k}]", op) for k, op in
                    enumerate(self.feedback_ops))
        if linear.shape != (n, n):
            raise ValueError(f"linear must have shape (n, n); received {linear.shape}")
        if rows.shape != (len(ops), n) or any(op.shape != (n, n) for op in ops):
            raise ValueError(
                f"feedback_rows (K, n) and K feedback_ops (n, n) must match linear (n = {n}); "
                f"received rows {rows.shape} and {len(ops)} ops of shapes "
                f"{sorted({op.shape for op in ops})}")
        trace = require_finite("trace", self.trace).astype(complex)
        if trace.shape != (n,) or not np.any(trace):
            raise ValueError(f"trace must be a non-zero row of shape ({n},); received shape "
                             f"{trace.shape}")
        object.__setattr__(self, "linear", linear)
        object.__setattr__(self, "feedback_rows", rows)
        object.__setattr__(self, "feedback_ops", ops)
        object.__setattr__(self, "trace", trace)

    @classmethod
    def from_dense(cls, generator: MeanFieldGenerator) -> SparseMeanFieldGenerator:
        """The sparse copy of an unbatched dense generator.

        Parameters
        ----------
        generator : MeanFieldGenerator
            Generator with ``batch_shape == ()``.

        Returns
        -------
        SparseMeanFieldGenerator
            The same A, c_k, B_k and t, with A and B_k in compressed sparse columns.
        """
        if not isinstance(generator, MeanFieldGenerator):
            raise TypeError("generator must be a MeanFieldGenerator; received "
                            f"{type(generator).__name__}")
        if generator.batch_shape != ():
            raise ValueError("generator must be unbatched (batch_shape ()); received batch "
                             f"shape {generator.batch_shape}: convert one entry at a time")
        return cls(generator.linear, generator.feedback_rows, tuple(generator.feedback_ops),
                   generator.trace)

    @property
    def size(self) -> int:
        """Number of coordinates n."""
        return self.linear.shape[0]

    @property
    def batch_shape(self) -> tuple[int, ...]:
        """Always ``()``, one parameter set."""
        return ()

    @property
    def is_linear(self) -> bool:
        """Whether there are no feedback terms (K = 0)."""
        return not self.feedback_ops

    @cached_property
    def _bordered_pattern(self) -> _BorderedPattern:
        return _BorderedPattern(self)

    def effective_liouvillian(self, x: np.ndarray) -> scipy.sparse.csc_array:
        """``A + Σ_k (c_k·x) B_k``, the linear generator frozen at ``x``.

        Parameters
        ----------
        x : numpy.ndarray, shape (n,)
            Coordinates (``vec(ρ)``).

        Returns
        -------
        scipy.sparse.csc_array, shape (n, n)
            The effective Liouvillian in s⁻¹.
        """
        return self._bordered_pattern.effective(np.asarray(x, dtype=complex))

    def rhs(self, x: np.ndarray) -> np.ndarray:
        """``dx/dt = A x + Σ_k (c_k·x) B_k x`` at ``x``.

        Parameters
        ----------
        x : numpy.ndarray, shape (n,)
            Coordinates (``vec(ρ)``).

        Returns
        -------
        numpy.ndarray, shape (n,)
            The time derivative in s⁻¹, complex.
        """
        x = np.asarray(x, dtype=complex)
        return self.effective_liouvillian(x) @ x

    def relative_residual(self, x: np.ndarray) -> float:
        """``max|dx/dt| / max|A_eff(x)|``, as :func:`spinthermo.core.steady.relative_residual`.

        Parameters
        ----------
        x : numpy.ndarray, shape (n,)
            Coordinates (``vec(ρ)``).

        Returns
        -------
        float
            Dimensionless.
        """
        frozen = self.effective_liouvillian(np.asarray(x, dtype=complex))
        return _relative(frozen, frozen @ np.asarray(x, dtype=complex))


def _as_sparse(name: str, matrix) -> scipy.sparse.csc_array:
    """``matrix`` as a canonical complex CSC array, checked finite."""
    if scipy.sparse.issparse(matrix):
        out = scipy.sparse.csc_array(matrix, dtype=complex)
        require_finite(name, out.data)
    else:
        array = require_finite(name, matrix)
        if array.ndim != 2:
            raise ValueError(f"{name} must be a matrix of shape (n, n); received shape "
                             f"{array.shape}")
        out = scipy.sparse.csc_array(array, dtype=complex)
    out.sum_duplicates()
    out.sort_indices()
    return out


def _relative(frozen: scipy.sparse.csc_array, rate: np.ndarray) -> float:
    """``max|rate| / max|frozen|`` (1 in the denominator for a zero generator)."""
    scale = float(np.max(np.abs(frozen.data), initial=0.0))
    return float(np.max(np.abs(rate))) / (scale if scale > 0 else 1.0)


class _BorderedPattern:
    """The fixed pattern of the bordered Newton matrix and the generator's values on it.

    Coordinates 0..n−1 are x, n..n+K−1 the auxiliary z. Each part (A, every B_k, the trace
    row, the rows c_k, the dense columns B_k x, the −1 diagonal) has its values laid out on the
    one CSC pattern, so that a Newton matrix is a weighted sum of value arrays.
    """

    def __init__(self, generator: SparseMeanFieldGenerator):
        n, k_terms = generator.size, len(generator.feedback_ops)
        size = n + k_terms
        self.n, self.pivot = n, trace_pivot(generator.trace)
        self.rows = generator.feedback_rows
        self.generator_ops = generator.feedback_ops
        parts = [generator.linear.tocoo(), *(op.tocoo() for op in generator.feedback_ops)]
        trace_cols = np.flatnonzero(generator.trace)
        row_k, row_j = np.nonzero(generator.feedback_rows)
        column_i = np.repeat(np.arange(n), k_terms)
        column_k = np.tile(np.arange(k_terms), n)
        aux = np.arange(n, size)
        all_i = np.concatenate([*(p.row for p in parts), np.full(trace_cols.size, self.pivot),
                                n + row_k, column_i, aux])
        all_j = np.concatenate([*(p.col for p in parts), trace_cols, row_j, n + column_k, aux])
        keys = np.unique(all_j.astype(np.int64) * size + all_i)
        self.indices = (keys % size).astype(np.int32)
        self.indptr = np.searchsorted(keys // size, np.arange(size + 1)).astype(np.int32)
        self.shape = (size, size)

        def place(i, j, values):
            out = np.zeros(keys.size, dtype=complex)
            np.add.at(out, np.searchsorted(keys, j.astype(np.int64) * size + i), values)
            return out

        self.linear, *ops = (place(p.row, p.col, p.data) for p in parts)
        self.ops = np.array(ops).reshape(k_terms, keys.size)
        self.pivot_row = self.indices == self.pivot
        self.trace = place(np.full(trace_cols.size, self.pivot), trace_cols,
                           generator.trace[trace_cols])
        self.feedback = place(n + row_k, row_j, generator.feedback_rows[row_k, row_j])
        self.minus_one = place(aux, aux, -np.ones(k_terms))
        # where the columns B_k x go: column n + k, every row (the pivot row's is set to 0)
        self.column_slots = np.searchsorted(keys, (n + column_k).astype(np.int64) * size
                                            + column_i).reshape(n, k_terms)
        self.square = (keys // size < n) & (self.indices < n)  # entries of the n × n block

    def effective_values(self, x: np.ndarray) -> np.ndarray:
        """Values of ``A + Σ_k (c_k·x) B_k`` on the pattern (zero outside the n × n block)."""
        return self.values_at(self.rows @ x)

    def values_at(self, mean_field: np.ndarray) -> np.ndarray:
        """Values of ``A + Σ_k m_k B_k`` on the pattern for the mean field ``m``, shape (K,)."""
        out = self.linear.copy()
        for value, op in zip(mean_field, self.ops, strict=True):  # BLAS gemv here is 100x
            out += value * op                                     # slower (threading)
        return out

    def effective(self, x: np.ndarray) -> scipy.sparse.csc_array:
        """``A_eff(x)`` as an n × n CSC array."""
        n = self.n
        return self.matrix(self.effective_values(x))[:n, :n]

    def matrix(self, values: np.ndarray) -> scipy.sparse.csc_array:
        """The (n + K)-square CSC array with ``values`` on the pattern, zeros dropped.

        SuperLU slows down ~100-fold on explicit zeros (terms with ``c_k·x = 0``, cancelled
        entries), so they are removed; the pattern only saves assembling the values.
        """
        out = scipy.sparse.csc_array((values, self.indices, self.indptr), shape=self.shape,
                                     copy=True)
        out.eliminate_zeros()  # in place: on a copy, so that the pattern stays
        return out

    def bordered(self, effective_values: np.ndarray, weight: float,
                 x: np.ndarray | None) -> scipy.sparse.csc_array:
        """``A_eff`` with the pivot row ``weight·t``, bordered by ``B_k x`` and ``c_k``.

        With ``x`` None the border is left out (the identity −1 block keeps the matrix regular):
        the frozen-generator system of the self-consistent iteration.
        """
        values = np.where(self.pivot_row & self.square, 0.0, effective_values)
        values += weight * self.trace + self.minus_one
        if x is not None and self.generator_ops:
            columns = np.stack([op @ x for op in self.generator_ops], axis=1)
            columns[self.pivot] = 0.0
            values[self.column_slots] = columns
            values += self.feedback
        return self.matrix(values)


def _factorised_solve(matrix: scipy.sparse.csc_array, rhs: np.ndarray, what: str) -> np.ndarray:
    """``matrix⁻¹ rhs`` by SuperLU, raising :class:`SteadyStateError` for a singular factor."""
    try:
        out = scipy.sparse.linalg.splu(matrix).solve(rhs)
    except RuntimeError as exc:  # SuperLU reports an exactly singular factor this way
        raise SteadyStateError(f"{what} is singular: the steady state may not be unique or "
                               f"the initial guess is poor ({exc})") from exc
    if not np.all(np.isfinite(out)):
        raise SteadyStateError(f"{what} is singular (non-finite solution): the steady state "
                               "may not be unique")
    return out


def _require_sparse_generator(generator) -> SparseMeanFieldGenerator:
    if isinstance(generator, MeanFieldGenerator):
        return SparseMeanFieldGenerator.from_dense(generator)
    if not isinstance(generator, SparseMeanFieldGenerator):
        raise TypeError("generator must be a SparseMeanFieldGenerator (or an unbatched "
                        f"MeanFieldGenerator); received {type(generator).__name__}")
    return generator


def _start(generator: SparseMeanFieldGenerator, initial_guess) -> np.ndarray:
    if initial_guess is not None:
        initial_guess = require_finite("initial_guess", initial_guess)
        if initial_guess.shape != (generator.size,):
            raise ValueError(f"initial_guess must have shape ({generator.size},); received "
                             f"{initial_guess.shape}")
    return starting_state(generator, initial_guess)


def _require_iterations(max_iterations) -> int:
    if isinstance(max_iterations, bool) or not isinstance(max_iterations, (int, np.integer)):
        raise TypeError("max_iterations must be an int; received "
                        f"{type(max_iterations).__name__}")
    require_range("max_iterations", int(max_iterations), 1)
    return int(max_iterations)


def sparse_steady_state(
    generator: SparseMeanFieldGenerator | MeanFieldGenerator,
    initial_guess: np.ndarray | None = None,
    *,
    tol: float = DEFAULT_STEADY_TOL,
    max_iterations: int = 50,
) -> SteadyStateSolution:
    """Steady state of ``A x + Σ_k (c_k·x) B_k x = 0`` with ``t·x = 1`` by sparse Newton.

    The step solves ``J(x) δx = f`` with ``J = A_eff(x) + Σ_k (B_k x) c_kᵀ`` (the pivot row
    replaced by ``w t``, ``w = max|A_eff(x)|``, and ``f`` the rate with ``w(t·x − 1)`` in that
    row) through the bordered sparse system of the module docstring; the iteration stops when
    ``max|A_eff(x) x| / max|A_eff(x)| ≤ tol``, checked after each step as in
    :func:`spinthermo.core.steady.steady_state`, whose iterates it reproduces to rounding (the
    dense engine weights the row by ``max|J|``; the weight cancels from the step).

    Parameters
    ----------
    generator : SparseMeanFieldGenerator or MeanFieldGenerator
        The generator on n coordinates (a dense one, unbatched, is converted).
    initial_guess : numpy.ndarray, shape (n,), optional
        Newton's starting coordinates (default the maximally mixed state, x ∝ t*).
    tol : float, optional
        Largest accepted relative residual, in (0, 1] (default :data:`DEFAULT_STEADY_TOL`).
    max_iterations : int, optional
        Newton steps before giving up, ≥ 1 (default 50).

    Returns
    -------
    SteadyStateSolution
        Coordinates ``(n,)`` with ``t·x = 1``, the 0-d relative residual, Newton steps taken.

    Raises
    ------
    SteadyStateError
        A singular bordered matrix, non-finite iterates, or no convergence.
    """
    generator = _require_sparse_generator(generator)
    require_range("tol", tol, 0.0, 1.0, low_inclusive=False)
    max_iterations = _require_iterations(max_iterations)
    x = _start(generator, initial_guess)
    pattern, n = generator._bordered_pattern, generator.size
    rhs = np.zeros(n + len(generator.feedback_ops), dtype=complex)
    values = pattern.effective_values(x)
    frozen = pattern.matrix(values)[:n, :n]
    for iteration in range(1, max_iterations + 1):
        weight = float(np.max(np.abs(values), initial=0.0)) or 1.0
        rhs[:n] = frozen @ x
        rhs[pattern.pivot] = weight * (generator.trace @ x - 1.0)
        step = _factorised_solve(pattern.bordered(values, weight, x), rhs,
                                 f"Newton's bordered Jacobian (iteration {iteration})")
        x = x - step[:n]
        values = pattern.effective_values(x)
        frozen = pattern.matrix(values)[:n, :n]
        residual = _relative(frozen, frozen @ x)
        if not np.isfinite(residual) or not np.all(np.isfinite(x)):
            raise SteadyStateError(f"Newton's iterate left the finite numbers at iteration "
                                   f"{iteration}; try a better initial_guess")
        if residual <= tol:
            return SteadyStateSolution(x, np.asarray(residual), iteration)
    raise SteadyStateError(
        f"sparse Newton did not converge in {max_iterations} iterations: relative residual "
        f"{residual:.2e} > tol={tol:g}; try a better initial_guess (e.g. "
        "sparse_self_consistent_steady_state)")


def sparse_self_consistent_steady_state(
    generator: SparseMeanFieldGenerator | MeanFieldGenerator,
    initial_guess: np.ndarray | None = None,
    *,
    tol: float = SELF_CONSISTENT_TOL,
    max_iterations: int = 200,
    mixing_depth: int = 0,
) -> SteadyStateSolution:
    """Steady state by self-consistent iteration of the frozen generator, on sparse LU.

    :func:`spinthermo.core.steady.self_consistent_steady_state` with each linear solve
    ``A_p x_(k+1) = w e_p`` (``A_eff(x_k)`` with the pivot row ``w t``) done by SuperLU: every
    iterate is the steady state of a fixed Liouvillian, hence physical when that Liouvillian is
    of Lindblad form; use it to start :func:`sparse_steady_state`. With ``mixing_depth`` > 0
    the mean fields ``m = (c_k·x)`` that freeze the generator are Anderson-mixed over the last
    iterations (:func:`_anderson_step`): ``A + Σ_k m_k B_k`` is then frozen at an
    extrapolated m, which converges in a few iterations where the plain map contracts slowly;
    its iterates are physical when that generator is of Lindblad form (m near the fixed point).

    Parameters
    ----------
    generator : SparseMeanFieldGenerator or MeanFieldGenerator
        The generator on n coordinates (a dense one, unbatched, is converted).
    initial_guess : numpy.ndarray, shape (n,), optional
        Starting coordinates (default the maximally mixed state, x ∝ t*).
    tol : float, optional
        Stop when ``max|x_(k+1) − x_k| ≤ tol``, in (0, 1] (default :data:`SELF_CONSISTENT_TOL`).
    max_iterations : int, optional
        Iterations before giving up, ≥ 1 (default 200).
    mixing_depth : int, optional
        Differences of past mean fields in the Anderson mixing, ≥ 0 (default 0: the plain
        iteration ``x_(k+1) = steady state of A_eff(x_k)``).

    Returns
    -------
    SteadyStateSolution
        Coordinates ``(n,)`` with ``t·x = 1``, the relative residual, iterations taken.

    Raises
    ------
    SteadyStateError
        A singular frozen generator, or no convergence.
    """
    generator = _require_sparse_generator(generator)
    require_range("tol", tol, 0.0, 1.0, low_inclusive=False)
    max_iterations = _require_iterations(max_iterations)
    if isinstance(mixing_depth, bool) or not isinstance(mixing_depth, (int, np.integer)):
        raise TypeError(f"mixing_depth must be an int; received {type(mixing_depth).__name__}")
    depth = int(require_range("mixing_depth", int(mixing_depth), 0))
    x = _start(generator, initial_guess)
    pattern, n = generator._bordered_pattern, generator.size
    rhs = np.zeros(n + len(generator.feedback_ops), dtype=complex)
    mean_field = generator.feedback_rows @ x
    history: list[tuple[np.ndarray, np.ndarray]] = []  # (m_j, G(m_j) − m_j), newest last
    for iteration in range(1, max_iterations + 1):
        values = pattern.values_at(mean_field)
        weight = float(np.max(np.abs(values), initial=0.0)) or 1.0
        rhs[pattern.pivot] = weight
        new = _factorised_solve(pattern.bordered(values, weight, None), rhs,
                                f"the frozen generator (iteration {iteration})")[:n]
        change = float(np.max(np.abs(new - x)))
        x = new
        if change <= tol:
            return SteadyStateSolution(x, np.asarray(generator.relative_residual(x)), iteration)
        history = [*history[len(history) - depth:],
                   (mean_field, generator.feedback_rows @ x - mean_field)]
        mean_field = _anderson_step(history)
    raise SteadyStateError(
        f"self-consistent iteration did not converge in {max_iterations} iterations (last "
        f"change {change:.2e} > tol={tol:g})")


def _anderson_step(history: list[tuple[np.ndarray, np.ndarray]]) -> np.ndarray:
    """Anderson's mixing of the mean fields (Walker & Ni, SIAM J. Numer. Anal. 49, 1715 (2011)).

    ``m' = m_k + f_k − Σ_j γ_j (Δm_j + Δf_j)`` with γ minimising ``|f_k − Σ_j γ_j Δf_j|``, the
    differences over the stored ``(m_j, f_j = G(m_j) − m_j)``. γ is real (least squares on the
    real and imaginary parts), so that the combination keeps every real-linear relation of the
    m_j, e.g. ``⟨S₋⟩ = ⟨S₊⟩*``, and the frozen generator its Hermiticity. With one entry it
    is the plain iteration ``m' = G(m_k)``.
    """
    m_k, f_k = history[-1]
    if len(history) == 1:
        return m_k + f_k
    d_m = np.stack([b[0] - a[0] for a, b in itertools.pairwise(history)], axis=1)
    d_f = np.stack([b[1] - a[1] for a, b in itertools.pairwise(history)], axis=1)
    real = np.concatenate([d_f.real, d_f.imag])
    gamma = np.linalg.lstsq(real, np.concatenate([f_k.real, f_k.imag]), rcond=None)[0]
    return m_k + f_k - (d_m + d_f) @ gamma


def sparse_mean_field_steady_state(
    generator: SparseMeanFieldGenerator | MeanFieldGenerator,
    initial_guess: np.ndarray | None = None,
    *,
    tol: float = DEFAULT_STEADY_TOL,
    max_iterations: int = 50,
) -> SteadyStateSolution:
    """:func:`sparse_self_consistent_steady_state` (Anderson-mixed, :data:`MIXING_DEPTH`) to
    :data:`SELF_CONSISTENT_TOL`, polished by :func:`sparse_steady_state` to ``tol``.

    The start is the self-consistent state, as in the dense path of the models (self-consistent
    iteration, then :func:`spinthermo.core.steady.steady_state`), so that Newton lands on the
    physical root; its tolerance 1e-8 on ``max|Δx|`` leaves Newton one quadratic step, whose
    result agrees with the dense path's to rounding (1e-15 on the 133Cs full equation).

    Parameters
    ----------
    generator : SparseMeanFieldGenerator or MeanFieldGenerator
        The generator on n coordinates (a dense one, unbatched, is converted).
    initial_guess : numpy.ndarray, shape (n,), optional
        Where the self-consistent iteration starts (default the maximally mixed state).
    tol : float, optional
        Newton's largest accepted relative residual, in (0, 1] (default
        :data:`DEFAULT_STEADY_TOL`).
    max_iterations : int, optional
        Newton steps before giving up, ≥ 1 (default 50).

    Returns
    -------
    SteadyStateSolution
        Coordinates ``(n,)``, relative residual and Newton steps (the self-consistent
        iterations are not counted).

    Raises
    ------
    SteadyStateError
        As either stage.
    """
    generator = _require_sparse_generator(generator)
    start = sparse_self_consistent_steady_state(generator, initial_guess,
                                                mixing_depth=MIXING_DEPTH).state
    return sparse_steady_state(generator, start, tol=tol, max_iterations=max_iterations)
