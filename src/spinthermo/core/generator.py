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

import numpy as np


@dataclass(frozen=True)
class MeanFieldGenerator:
    """``dx/dt = A x + Σ_k (c_k·x) B_k x`` with a trace row ``t`` (``t·x = Tr ρ``).

    Shapes: ``linear`` ``(..., n, n)``, ``feedback_rows`` ``(..., K, n)``,
    ``feedback_ops`` ``(..., K, n, n)``, ``trace`` ``(n,)``. ``K = 0`` gives a linear generator.

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
        """A linear generator (no dependence on expectation values)."""
        liouvillian = np.asarray(liouvillian, dtype=complex)
        n = liouvillian.shape[-1]
        batch = liouvillian.shape[:-2]
        return cls(liouvillian, np.zeros((*batch, 0, n)), np.zeros((*batch, 0, n, n)), trace)

    @property
    def size(self) -> int:
        return self.linear.shape[-1]

    @property
    def batch_shape(self) -> tuple[int, ...]:
        return np.broadcast_shapes(
            self.linear.shape[:-2], self.feedback_rows.shape[:-2], self.feedback_ops.shape[:-3]
        )

    @property
    def is_linear(self) -> bool:
        return self.feedback_rows.shape[-2] == 0

    def broadcast(self) -> MeanFieldGenerator:
        """The same generator with every array expanded to the common batch shape."""
        b = self.batch_shape
        n, k = self.size, self.feedback_rows.shape[-2]
        return MeanFieldGenerator(
            np.broadcast_to(self.linear, (*b, n, n)),
            np.broadcast_to(self.feedback_rows, (*b, k, n)),
            np.broadcast_to(self.feedback_ops, (*b, k, n, n)),
            self.trace,
        )

    def __getitem__(self, index) -> MeanFieldGenerator:
        full = self.broadcast()
        return MeanFieldGenerator(
            full.linear[index], full.feedback_rows[index], full.feedback_ops[index], self.trace
        )

    def feedback_values(self, x: np.ndarray) -> np.ndarray:
        """The expectation values ``c_k · x``, shape ``(..., K)``."""
        return np.einsum("...kn,...n->...k", self.feedback_rows, x)

    def effective_liouvillian(self, x: np.ndarray) -> np.ndarray:
        """``A + Σ_k (c_k·x) B_k``: the linear generator frozen at the state ``x``."""
        m = self.feedback_values(x)
        return self.linear + np.einsum("...k,...kij->...ij", m, self.feedback_ops)

    def rhs(self, x: np.ndarray) -> np.ndarray:
        """``dx/dt`` at ``x`` (batch axes broadcast)."""
        x = np.asarray(x, dtype=complex)
        out = np.matmul(self.linear, x[..., None])[..., 0]
        if not self.is_linear:
            bx = np.matmul(self.feedback_ops, x[..., None, :, None])[..., 0]
            out = out + np.einsum("...k,...ki->...i", self.feedback_values(x), bx)
        return out

    def jacobian(self, x: np.ndarray) -> np.ndarray:
        """``∂(dx/dt)/∂x = A + Σ_k [(c_k·x) B_k + (B_k x) c_k^T]`` (complex-analytic)."""
        bx = np.einsum("...kij,...j->...ki", self.feedback_ops, x)
        outer = np.einsum("...ki,...kj->...ij", bx, self.feedback_rows)
        return self.effective_liouvillian(x) + outer
