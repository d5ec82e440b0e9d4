"""Generators of linear and mean-field (nonlinear) master equations.

A :class:`MeanFieldGenerator` is the right-hand side

    dx/dt = A x + Σ_k (c_k · x) B_k x,

where ``x`` is the vectorised (possibly block-projected) density matrix, ``A`` a linear
Liouvillian, ``c_k · x = Tr(O_k ρ)`` an expectation value and ``B_k`` a superoperator: the
Liouvillian depends linearly on expectation values of the state itself. With no feedback terms
it is an ordinary linear Liouvillian. Every array may carry leading batch axes, one parameter
set per batch entry, so that many parameter sets are evaluated with stacked linear algebra.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np

#: Relative size below which ``t·A`` and ``t·B_k`` count as zero, i.e. the generator preserves
#: the trace: their entries are sums of ``n`` terms each at most ``max|A|`` (``max|B_k|``), so a
#: trace-preserving generator built in floating point leaves ``~n·ε ≈ 1e-14`` of that; 1e-10
#: keeps four decades of margin while a physical loss rate 1e-10 of the largest rate is absent
#: from every model here.
TRACE_PRESERVATION_RTOL = 1e-10
#: Relative size, against :meth:`MeanFieldGenerator.rounding_scale` (``max|A_eff(x)|·max|x|``),
#: of the parts of ``dx/dt`` that exact arithmetic makes vanish (its trace; for a Hermitian
#: state, its anti-Hermitian part). One evaluation leaves ``~n·ε`` of that scale (ε = 2.2e-16,
#: n ≤ 10⁴ coordinates); 1e-10 accepts that rounding at any rate scale — Γ = 1e12 s⁻¹ leaves a
#: trace of 1e-4 s⁻¹ — and rejects a generator that genuinely fails to preserve the trace.
DERIVATIVE_ROUNDING_RTOL = 1e-10


def trace_pivot(trace: np.ndarray) -> int:
    """The first coordinate with ``t_p ≠ 0``, the one that the trace constraint ``t·x = τ`` fixes.

    It is the row replaced in bordered steady-state systems and the coordinate eliminated in
    stiff evolution.

    Parameters
    ----------
    trace : numpy.ndarray, shape (n,)
        Trace row t.

    Returns
    -------
    int
        Index p of the pivot coordinate.
    """
    return int(np.flatnonzero(np.abs(trace) > 0)[0])


@dataclass(frozen=True)
class MeanFieldGenerator:
    """``dx/dt = A x + Σ_k (c_k·x) B_k x`` with a trace row ``t`` (``t·x = Tr ρ``).

    x is the vectorised (possibly block-projected) density matrix, n coordinates; ``...`` are
    batch axes, one parameter set per entry. Rates are in s⁻¹.

    Parameters
    ----------
    linear : array_like, shape (..., n, n)
        Linear part A (a Liouvillian, column stacking).
    feedback_rows : array_like, shape (..., K, n)
        Rows c_k with ``c_k·x = Tr(O_k ρ)``; ``K = 0`` gives a linear generator.
    feedback_ops : array_like, shape (..., K, n, n)
        Superoperators B_k multiplied by the expectation values.
    trace : array_like, shape (n,)
        Trace row t.

    Examples
    --------
    >>> lin = MeanFieldGenerator.linear_only(np.array([[-1.0, 0.0], [1.0, 0.0]]), np.ones(2))
    >>> lin.rhs(np.array([1.0, 0.0]))
    array([-1.+0.j,  1.+0.j])
    """

    linear: np.ndarray
    feedback_rows: np.ndarray
    feedback_ops: np.ndarray
    trace: np.ndarray

    def __post_init__(self) -> None:
        linear = np.asarray(self.linear, dtype=complex)
        n = linear.shape[-1]
        rows = np.asarray(self.feedback_rows, dtype=complex)
        ops = np.asarray(self.feedback_ops, dtype=complex)
        if linear.shape[-2] != n:
            raise ValueError(f"linear must have shape (..., n, n); received {linear.shape}")
        if rows.shape[-1] != n or ops.shape[-2:] != (n, n) or ops.shape[-3] != rows.shape[-2]:
            raise ValueError(
                "feedback_rows (..., K, n) and feedback_ops (..., K, n, n) must match linear "
                f"(n = {n}); received {rows.shape} and {ops.shape}"
            )
        object.__setattr__(self, "linear", linear)
        object.__setattr__(self, "feedback_rows", rows)
        object.__setattr__(self, "feedback_ops", ops)
        object.__setattr__(self, "trace", np.asarray(self.trace, dtype=complex))

    @classmethod
    def linear_only(cls, liouvillian: np.ndarray, trace: np.ndarray) -> MeanFieldGenerator:
        """A linear generator (no dependence on expectation values).

        Parameters
        ----------
        liouvillian : array_like, shape (..., n, n)
            Liouvillian A in s⁻¹.
        trace : array_like, shape (n,)
            Trace row t.

        Returns
        -------
        MeanFieldGenerator
            With K = 0 feedback terms.
        """
        liouvillian = np.asarray(liouvillian, dtype=complex)
        n = liouvillian.shape[-1]
        batch = liouvillian.shape[:-2]
        return cls(liouvillian, np.zeros((*batch, 0, n)), np.zeros((*batch, 0, n, n)), trace)

    @property
    def size(self) -> int:
        """Number of coordinates n."""
        return self.linear.shape[-1]

    @property
    def batch_shape(self) -> tuple[int, ...]:
        """Common batch shape of the arrays (``()`` for a single parameter set)."""
        return np.broadcast_shapes(
            self.linear.shape[:-2], self.feedback_rows.shape[:-2], self.feedback_ops.shape[:-3]
        )

    @property
    def is_linear(self) -> bool:
        """Whether there are no feedback terms (K = 0)."""
        return self.feedback_rows.shape[-2] == 0

    def broadcast(self) -> MeanFieldGenerator:
        """The same generator with every array expanded to the common batch shape.

        Returns
        -------
        MeanFieldGenerator
            Arrays of shapes ``(*batch_shape, n, n)``, ``(*batch_shape, K, n)`` and
            ``(*batch_shape, K, n, n)`` (read-only broadcast views).
        """
        b = self.batch_shape
        n, k = self.size, self.feedback_rows.shape[-2]
        return MeanFieldGenerator(
            np.broadcast_to(self.linear, (*b, n, n)),
            np.broadcast_to(self.feedback_rows, (*b, k, n)),
            np.broadcast_to(self.feedback_ops, (*b, k, n, n)),
            self.trace,
        )

    def invariant_coordinates(self, seed) -> np.ndarray:
        """The smallest set of coordinates that holds ``seed`` and that A and every B_k map
        into itself (over every batch entry).

        A state supported on this set stays on it: ``dx/dt`` and every Newton step vanish
        outside it (the columns of A, of the B_k whose expectation value ``c_k·x`` can be
        nonzero there, and of the Jacobian ``Σ_k (B_k x) c_kᵀ``, restricted to the set, have no
        entries outside it; a B_k whose row ``c_k`` vanishes on the set contributes nothing).
        A symmetry of the generator shows up this way: pumping and every relaxation along z
        keep a diagonal state diagonal (⟨S_x⟩ = ⟨S_y⟩ = 0 there), so the NESS of seed 000
        Eq. (1) from the unpolarised state lives on the 2(2I+1) populations.

        Parameters
        ----------
        seed : array_like of bool, shape (n,)
            The coordinates that must be in the set (e.g. a state's support).

        Returns
        -------
        numpy.ndarray of int
            Sorted indices of the set, shape (r,), ``r ≤ n``.
        """
        kept = np.array(seed, dtype=bool).reshape(self.size)
        known = self._invariant_sets.get(kept.tobytes())
        if known is not None:
            return known
        couples, op_patterns, row_patterns = self._coupling_patterns
        start = kept
        while True:
            active = couples.copy()
            for k in np.flatnonzero(np.any(row_patterns[:, kept], axis=1)):
                active |= op_patterns[k]
            grown = kept | np.any(active[:, kept], axis=1)
            if np.array_equal(grown, kept):
                break
            kept = grown
        self._invariant_sets[start.tobytes()] = indices = np.flatnonzero(kept)
        return indices

    @cached_property
    def _coupling_patterns(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Where A (n, n), each B_k (K, n, n) and each row c_k (K, n) are nonzero in any batch
        entry (computed once per generator)."""
        def pattern(array: np.ndarray, core: int) -> np.ndarray:
            return np.any(array != 0, axis=tuple(range(array.ndim - core)))

        ops = np.moveaxis(self.feedback_ops, -3, 0)
        op_patterns = np.array([pattern(op, 2) for op in ops], dtype=bool).reshape(
            -1, self.size, self.size)
        return pattern(self.linear, 2), op_patterns, pattern(self.feedback_rows, 2)

    @cached_property
    def _invariant_sets(self) -> dict[bytes, np.ndarray]:
        """:meth:`invariant_coordinates` by seed, for generators solved repeatedly."""
        return {}

    @cached_property
    def _restrictions(self) -> dict[bytes, MeanFieldGenerator]:
        """:meth:`restricted` by coordinate set, for generators solved repeatedly."""
        return {}

    def restricted(self, indices) -> MeanFieldGenerator:
        """The generator on the coordinates ``indices`` only (rows and columns of A and B_k,
        columns of c_k, entries of t).

        Exact for states supported on :meth:`invariant_coordinates`.

        Parameters
        ----------
        indices : array_like of int, shape (r,)
            Kept coordinates.

        Returns
        -------
        MeanFieldGenerator
            On r coordinates, same batch shape and units (s⁻¹).
        """
        keep = np.asarray(indices, dtype=int)
        known = self._restrictions.get(keep.tobytes())
        if known is None:
            block = np.ix_(keep, keep)
            known = MeanFieldGenerator(self.linear[(..., *block)],
                                       self.feedback_rows[..., keep],
                                       self.feedback_ops[(..., *block)], self.trace[keep])
            self._restrictions[keep.tobytes()] = known
        return known

    def __getitem__(self, index) -> MeanFieldGenerator:
        full = self.broadcast()
        return MeanFieldGenerator(
            full.linear[index], full.feedback_rows[index], full.feedback_ops[index], self.trace
        )

    def feedback_values(self, x: np.ndarray) -> np.ndarray:
        """The expectation values ``c_k · x``.

        Parameters
        ----------
        x : numpy.ndarray, shape (..., n)
            Coordinates (``vec(ρ)``); batch axes broadcast against the generator's.

        Returns
        -------
        numpy.ndarray, shape (..., K)
        """
        return np.einsum("...kn,...n->...k", self.feedback_rows, x)

    def effective_liouvillian(self, x: np.ndarray) -> np.ndarray:
        """``A + Σ_k (c_k·x) B_k``, the linear generator frozen at the state ``x``.

        Parameters
        ----------
        x : numpy.ndarray, shape (..., n)
            Coordinates (``vec(ρ)``); batch axes broadcast against the generator's.

        Returns
        -------
        numpy.ndarray, shape (..., n, n)
            The effective Liouvillian in s⁻¹.
        """
        m = self.feedback_values(x)
        ops = self.feedback_ops
        n = ops.shape[-1]
        flat = ops.reshape(*ops.shape[:-2], n * n)  # one matrix product over the K terms
        if flat.ndim == 2:  # operators shared by the batch: one plain 2-D product
            added = m @ flat
        else:
            added = np.matmul(m[..., None, :], flat)[..., 0, :]
        return self.linear + added.reshape(*added.shape[:-1], n, n)

    def rhs(self, x: np.ndarray) -> np.ndarray:
        """``dx/dt = A x + Σ_k (c_k·x) B_k x`` at ``x``.

        Parameters
        ----------
        x : numpy.ndarray, shape (..., n)
            Coordinates (``vec(ρ)``); batch axes broadcast against the generator's.

        Returns
        -------
        numpy.ndarray, shape (..., n)
            The time derivative in s⁻¹, complex.
        """
        x = np.asarray(x, dtype=complex)
        out = np.matmul(self.linear, x[..., None])[..., 0]
        if not self.is_linear:
            bx = np.matmul(self.feedback_ops, x[..., None, :, None])[..., 0]
            out = out + np.einsum("...k,...ki->...i", self.feedback_values(x), bx)
        return out

    @property
    def trace_pivot(self) -> int:
        """Index of the first coordinate with ``t_p ≠ 0``.

        The module-level :func:`trace_pivot` of :attr:`trace`.
        """
        return trace_pivot(self.trace)

    def scale(self, x: np.ndarray) -> np.ndarray:
        """The generator's norm at ``x``, ``max|A + Σ_k (c_k·x) B_k|``.

        Every tolerance on ``dx/dt`` (steady-state residual, trace, Hermiticity) is relative
        to it, so a run at Γ = 1e12 s⁻¹ is judged like one at Γ = 1 s⁻¹.

        Parameters
        ----------
        x : numpy.ndarray, shape (..., n)
            Coordinates (``vec(ρ)``); batch axes broadcast against the generator's.

        Returns
        -------
        numpy.ndarray, shape (...)
            Largest entry modulus of the effective Liouvillian, in s⁻¹.
        """
        return np.max(np.abs(self.effective_liouvillian(np.asarray(x, dtype=complex))),
                      axis=(-2, -1))

    def rounding_scale(self, x: np.ndarray) -> np.ndarray:
        """``scale(x)·max|x|``, the size of the terms summed in ``dx/dt``.

        Their rounding (``~n·ε`` of it) is the floor on every quantity that should vanish exactly.

        Parameters
        ----------
        x : numpy.ndarray, shape (..., n)
            Coordinates (``vec(ρ)``); batch axes broadcast against the generator's.

        Returns
        -------
        numpy.ndarray, shape (...)
            In s⁻¹ times the units of x.
        """
        x = np.asarray(x, dtype=complex)
        return self.scale(x) * np.max(np.abs(x), axis=-1)

    def is_trace_preserving(self) -> bool:
        """Whether ``t·A = 0`` and ``t·B_k = 0``, so that ``t·(dx/dt) = 0`` for every state.

        Each holds within :data:`TRACE_PRESERVATION_RTOL` of the matrix's largest entry, in every
        batch entry.

        Returns
        -------
        bool
        """
        def vanishes(matrices: np.ndarray) -> bool:
            if matrices.size == 0:
                return True
            leak = np.abs(np.einsum("n,...nm->...m", self.trace, matrices))
            largest = np.max(np.abs(matrices), axis=(-2, -1), keepdims=True)[..., 0]
            return bool(np.all(leak <= TRACE_PRESERVATION_RTOL * largest))

        return vanishes(self.linear) and vanishes(self.feedback_ops)

    def traceless_rhs(self, x: np.ndarray, rounding: np.ndarray | None = None) -> np.ndarray:
        """``dx/dt`` at ``x`` with its trace removed (``t·ẋ = 0`` then holds exactly).

        A trace-preserving generator gives ``t·ẋ = 0`` in exact arithmetic; evaluated in
        floating point, ``t·ẋ`` is rounding of ``rounding_scale(x)`` — 3e-4 s⁻¹ at a steady
        state with Γ = 1e12 s⁻¹ — which downstream checks of ``Tr ρ̇ = 0`` would reject.
        Raises ``ValueError`` when ``|t·ẋ|`` exceeds :data:`DERIVATIVE_ROUNDING_RTOL` ×
        ``rounding_scale(x)``: then the trace is not rounding and the generator loses it.

        Parameters
        ----------
        x : numpy.ndarray, shape (..., n)
            Coordinates (``vec(ρ)``); batch axes broadcast against the generator's.
        rounding : numpy.ndarray, shape (...), optional
            :meth:`rounding_scale` at ``x`` when already computed.

        Returns
        -------
        numpy.ndarray, shape (..., n)
            ``ẋ − (t·ẋ) t*/|t|²`` in s⁻¹.
        """
        x = np.asarray(x, dtype=complex)
        rate = self.rhs(x)
        trace_rate = rate @ self.trace
        allowed = DERIVATIVE_ROUNDING_RTOL * (self.rounding_scale(x) if rounding is None
                                              else rounding)
        if np.any(np.abs(trace_rate) > allowed):
            worst = np.argmax(np.abs(trace_rate) - allowed)
            raise ValueError(
                "the generator does not preserve the trace: |Tr(drho/dt)| = "
                f"{np.ravel(np.abs(trace_rate))[worst]:.3g} exceeds the rounding allowance "
                f"{DERIVATIVE_ROUNDING_RTOL:g} x max|L|·max|x| = {np.ravel(allowed)[worst]:.3g}"
            )
        direction = self.trace.conj() / np.vdot(self.trace, self.trace).real
        return rate - trace_rate[..., None] * direction

    def jacobian(self, x: np.ndarray) -> np.ndarray:
        """``∂(dx/dt)/∂x = A + Σ_k [(c_k·x) B_k + (B_k x) c_k^T]`` (complex-analytic).

        Parameters
        ----------
        x : numpy.ndarray, shape (..., n)
            Coordinates (``vec(ρ)``); batch axes broadcast against the generator's.

        Returns
        -------
        numpy.ndarray, shape (..., n, n)
            The Jacobian in s⁻¹.
        """
        return self.effective_liouvillian(x) + self.feedback_jacobian(x)

    def feedback_jacobian(self, x: np.ndarray) -> np.ndarray:
        """``Σ_k (B_k x) c_kᵀ``: the part of :meth:`jacobian` beyond ``A_eff(x)``.

        Parameters
        ----------
        x : numpy.ndarray, shape (..., n)
            Coordinates (``vec(ρ)``); batch axes broadcast against the generator's.

        Returns
        -------
        numpy.ndarray, shape (..., n, n)
            The feedback term of the Jacobian in s⁻¹.
        """
        bx = np.matmul(self.feedback_ops, x[..., None, :, None])[..., 0]      # (..., K, n)
        return np.matmul(np.swapaxes(bx, -1, -2), self.feedback_rows)
