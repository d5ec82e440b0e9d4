r"""Steady states of large Lindblad generators by preconditioned GMRES, without the d²×d² matrix.

The generator (hbar = 1, rates in s⁻¹) is split as

.. math:: \mathcal{L}\rho = \mathcal{P}\rho + \mathcal{J}\rho, \quad
          \mathcal{P}\rho = -i(H_{\rm eff}\rho - \rho H_{\rm eff}^\dagger), \quad
          \mathcal{J}\rho = \sum_k L_k\rho L_k^\dagger, \quad
          H_{\rm eff} = H - \tfrac{i}{2}\sum_k L_k^\dagger L_k .

𝒥 acts on ρ flattened row by row (C order) through the sparse superoperator
Σ_k L_k ⊗ conj(L_k) or, when that is too large, through sparse products L_k ρ L_k†; 𝒫 is never
applied (below). The superoperator is assembled from the Gram matrix of the jump operators'
entries on the union of their patterns: with L_k = Σ_p c_kp E_p (E_p one matrix unit per stored
position p), Σ_k L_k ⊗ conj(L_k) = Σ_pq (c†c)_pq E_q ⊗ conj(E_p), one entry per non-zero
(c†c)_pq and no duplicates to merge (seed 003's collective jumps share one pattern: 4·10⁵
entries at N = 7), written in CSR order by a compiled kernel
(:func:`~spinthermo.core.krylov_kernels.gram_superoperator`).
𝒫 is a Sylvester operator, inverted exactly in O(d³) in the eigenbasis of H_eff
(H_eff = S Λ S⁻¹ gives (𝒫ρ)' = −i(λ_a − λ_b*) ρ'_ab with ρ = S ρ' S†) or, when S is
ill-conditioned, by the Bartels–Stewart solve of the Schur form (LAPACK ``ztrsyl``). 𝒫⁻¹ is
the right preconditioner: ℒ𝒫⁻¹ = 1 + 𝒥𝒫⁻¹, the identity plus the jump map of the no-jump
evolution, so one GMRES step costs one 𝒫⁻¹ (four d×d products) and one 𝒥; the driven thermal
clusters of seed 003 (N ≤ 8, any geometry and drive tried) converge in 20–200 steps.

With ``blocks`` (a label per basis state, e.g. the excitation number) 𝒫 is taken from the
block-diagonal part K of H_eff only and inverted block by block (Σ_b n_b² d operations per
transform instead of d³); the coupling C = H_eff − K joins 𝒥 in the Krylov operator. The jump
operators that strictly lower the label (every entry maps a block into a lower one: emission
when the label is the excitation number) join the preconditioner as 𝒥_↓: 𝒫_K + 𝒥_↓ is block
triangular in the pairs of labels, so it is inverted exactly, block by block from the top
(:func:`~spinthermo.core.krylov_kernels.lowering_sweep`, the arithmetic of one 𝒫_K⁻¹ and one
𝒥_↓), and the Krylov operator is 1 + (𝒥_↑ − i(C· − ·C†))(𝒫_K + 𝒥_↓)⁻¹ with 𝒥_↑ the other
jumps. For seed 003's driven cluster at n̄ = 1 this halves the GMRES steps (N = 7: 49, not 93,
the emission being twice the absorption), and the two halves of 𝒥 cost what 𝒥 cost.

ℒ, 𝒫⁻¹ and the bordered system below map Hermitian matrices to Hermitian matrices, and the
kernel of ℒ is closed under ρ ↦ ρ† (it has a Hermitian basis), so GMRES runs in real
arithmetic on the d² real coordinates of a Hermitian matrix (:class:`HermitianCoordinates`:
Re ρ on and above the diagonal, Im ρ below it): half the memory of complex vec(ρ) and a quarter
of the Gram–Schmidt arithmetic, with the same steady state and the same uniqueness test.

The trace-preserving ℒ is singular; the steady state solves the bordered system
``A x = ℒx + s u (t·x) = s u`` with t = vec(1) (``t·x = Tr ρ``), u = vec(1)/d and s the
scale of ℒ below: a steady state with Tr ρ = 1 solves it, and A is nonsingular exactly when
that steady state is unique (a second, traceless null vector y of ℒ gives A y = 0). Uniqueness
is checked by solving A z = b for a random b (seeded, :data:`UNIQUENESS_SEED`): a singular A
leaves a fraction ~n^(−1/2) of b outside its range, so GMRES cannot reach
:data:`UNIQUENESS_RTOL`.

The residual reported is ``max|ℒx| / max|diag ℒ|`` with ``t·x = 1``; as
``max|diag ℒ| ≤ max|ℒ|`` it bounds from above the ``max|ℒx| / max|ℒ|`` of
:func:`~spinthermo.core.steady.steady_state_sparse`. GMRES stops at a relative 2-norm residual
(in the real coordinates) that guarantees it: the bordered residual r = s u(1 − t·x) − ℒx
splits orthogonally into the trace part and the traceless ℒx, and an entry of a Hermitian matrix
is at most √2 times the largest real coordinate, so
max|ℒx|/s ≤ √2‖r‖/(s‖u‖) = √(2/d)·‖r‖/‖b‖ for b = s u; the solve asks ‖r‖/‖b‖ ≤
GMRES_TOL_FRACTION·tol·√(d/2), and stops earlier when the residual vector of its iterate,
formed from the Krylov basis, already gives max|ℒx| ≤ ACCEPT_FRACTION·tol·s; either way the
residual reported is then computed from ℒ, not assumed.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import scipy.linalg
import scipy.sparse

from spinthermo.core.checks import require_count, require_hermitian, require_range
from spinthermo.core.steady import DEFAULT_STEADY_TOL, SteadyStateError, SteadyStateSolution
from spinthermo.core.superop import vec

#: Krylov vectors kept between GMRES restarts: the thermal dipolar clusters of seed 003 converge
#: in ~100–200 preconditioned iterations, so one cycle usually suffices; memory is
#: 16·RESTART·d² bytes (d = 256: 0.2 GB).
DEFAULT_RESTART = 200
#: Most GMRES iterations (matrix-vector products) per solve before SteadyStateError.
DEFAULT_MAX_ITERATIONS = 2000
#: Largest condition number of the eigenvectors S of H_eff for the eigenbasis inverse of 𝒫;
#: above it (near-defective H_eff) the backward-stable Schur solve is used. The preconditioner
#: only steers GMRES, so 1e8 costs accuracy in no result, only iterations.
EIGENBASIS_MAX_CONDITION = 1e8
#: Relative shift σ/s of the preconditioner, 𝒫 − σ (σx is added back in the Krylov operator,
#: which stays exact): bounds ‖𝒫_σ⁻¹‖ by 1/σ when H_eff has a dark state (a real eigenvalue,
#: λ_a − λ_a* = 0). 1e-3 changes no step count of the driven clusters (N = 3…7); with 1e-10 a Λ
#: system's dark state made the bordered operator so ill-conditioned that its uniqueness solve
#: stalled at 3.5e-8 after 2000 steps (5 steps with 1e-3).
PRECONDITIONER_SHIFT = 1e-3
#: Largest stored entries (bound Σ_k nnz(L_k)²) of the sparse jump superoperator
#: Σ_k L_k ⊗ conj(L_k), ~20 bytes each (0.4 GB); seed 003's N = 8 cluster needs 2.1e6. Above it
#: 𝒥ρ is formed by sparse products with ρ (slower per product, no d²×d² storage).
JUMP_SUPEROPERATOR_MAX_NNZ = 20_000_000
#: Largest Gram matrix c†c (P² entries for P stored positions in the union of the jump
#: operators' patterns, 16 bytes each: 0.13 GB) from which the superoperator is assembled;
#: seed 003's N = 8 cluster needs 4.2e6. Above it the superoperator is summed operator by operator.
GRAM_MAX_ENTRIES = 8_000_000
#: Relative 2-norm residual that the uniqueness solve A z = b must reach: a singular A leaves
#: ~n^(−1/2) ≥ 1e-3 of a random b (n ≤ 10⁶) out of range, five orders above this bar.
UNIQUENESS_RTOL = 1e-8
#: Seed of the random right-hand side of the uniqueness solve (reproducible runs).
UNIQUENESS_SEED = 20260
#: GMRES is asked for this fraction of the 2-norm residual that guarantees ``tol`` in the
#: accepted measure (module docstring), so that rounding between the GMRES estimate and the
#: computed residual leaves a margin; a solve whose computed residual still misses ``tol`` is
#: repeated once asking 100 times less.
GMRES_TOL_FRACTION = 0.1
#: GMRES stops early once the residual vector of its iterate (formed from the basis) meets
#: this fraction of ``tol``; the state's residual is then computed from ℒ. The recurrence and the
#: computed residual differ by rounding (~1e-16 of the scale), far inside the 20 % margin.
ACCEPT_FRACTION = 0.8
#: Selective re-orthogonalisation: a second classical Gram–Schmidt pass is made only when the
#: first one leaves less than this fraction of the new vector's norm (Rutishauser's factor-10
#: rule; "twice is enough", Giraud, Langou & Rozložník 2005). One pass loses at most ~ε/0.1 of
#: orthogonality per step. The DGKS bound 1/√2 asked for a second pass on nearly every step of
#: the driven clusters (the norm drops to ~0.45) and changed no state by more than 1e-15.
REORTHOGONALIZE_BELOW = 0.1


class HermitianCoordinates:
    """The d² real coordinates of a Hermitian d×d matrix: Re ρ_ab for a ≤ b, Im ρ_ab for a > b.

    A linear isometry up to the weight of the off-diagonal entries (each stored once, not
    twice), so that Euclidean geometry on the coordinates is equivalent to the Frobenius one
    within a factor √2; every entry has abs(ρ_ab) ≤ √2 · (largest coordinate).

    Parameters
    ----------
    d : int
        Matrix dimension, ≥ 1.

    Examples
    --------
    >>> coordinates = HermitianCoordinates(2)
    >>> rho = np.array([[0.7, 0.1 - 0.2j], [0.1 + 0.2j, 0.3]])
    >>> coordinates.pack(rho)
    array([0.7, 0.1, 0.2, 0.3])
    >>> bool(np.all(coordinates.unpack(coordinates.pack(rho)) == rho))
    True
    """

    def __init__(self, d: int):
        self.d = require_count("d", d, 1)
        self._upper = np.triu(np.ones((self.d, self.d), dtype=bool))
        self._strictly_lower = ~self._upper

    def pack(self, rho: np.ndarray) -> np.ndarray:
        """The coordinates of ``rho`` (only its upper real and lower imaginary parts are read:
        for a matrix that is not exactly Hermitian, those of one Hermitian neighbour).

        Parameters
        ----------
        rho : numpy.ndarray, shape (d, d)
            Hermitian (up to rounding), complex.

        Returns
        -------
        numpy.ndarray of float, shape (d*d,)
        """
        return np.where(self._upper, rho.real, rho.imag).reshape(-1)

    def unpack(self, coordinates: np.ndarray) -> np.ndarray:
        """The Hermitian matrix with these coordinates.

        Parameters
        ----------
        coordinates : numpy.ndarray of float, shape (d*d,)

        Returns
        -------
        numpy.ndarray of complex, shape (d, d)
        """
        r = coordinates.reshape(self.d, self.d)
        lower = np.where(self._strictly_lower, r, 0.0)
        out = np.empty((self.d, self.d), dtype=complex)
        out.real = np.where(self._upper, r, r.T)
        out.imag = lower - lower.T
        return out


class _SchurSylvesterInverse:
    """Y ↦ 𝒫_σ⁻¹Y for 𝒫_σY = −i(H Y − Y H†) (H = H_eff − iσ/2, so 𝒫_σ = 𝒫 − σ) by the
    backward-stable Bartels–Stewart solve of the complex Schur form (LAPACK ``ztrsyl``): the
    fallback when an eigenbasis is ill-conditioned."""

    def __init__(self, h: np.ndarray):
        self._schur = scipy.linalg.schur(h, output="complex")

    def __call__(self, y: np.ndarray) -> np.ndarray:
        t, q = self._schur
        # −i(T Z − Z T†) = Q† y Q  ⇔  T Z − Z T† = i Q† y Q
        z, scale, _ = scipy.linalg.lapack.ztrsyl(t, t, 1j * (q.conj().T @ y @ q),
                                                 trana="N", tranb="C", isgn=-1)
        return q @ (z / scale) @ q.conj().T


class _EigenbasisSylvesterInverse:
    """Y ↦ 𝒫_σ⁻¹Y for a block-diagonal H (contiguous diagonal blocks ``slices``; one block: any
    H), in the eigenbasis H = S Λ S⁻¹ of each block, where 𝒫_σ is diagonal, −i(λ_a − λ_b*):
    𝒫_σ⁻¹Y = S [(S⁻¹ Y S⁻†) / (−i(λ_a − λ_b*))] S†, each product by a block-diagonal factor
    taken block row by block row (left) or block column by block column (right): Σ_b n_b²·d
    operations instead of d³, and no transposed copy. Raises ValueError when a block's
    eigenvectors are ill-conditioned (:class:`_SchurSylvesterInverse` then serves)."""

    def __init__(self, h: np.ndarray, slices: list[slice]):
        eigenvalues = np.empty(h.shape[0], dtype=complex)
        self._slices, self._vectors, self._inverses = slices, [], []
        for block in slices:
            values, vectors = np.linalg.eig(h[block, block])
            if np.linalg.cond(vectors) > EIGENBASIS_MAX_CONDITION:
                raise ValueError("ill-conditioned eigenvectors in a block")
            eigenvalues[block] = values
            self._vectors.append(vectors)
            self._inverses.append(np.linalg.inv(vectors))
        self._vectors_dagger = [v.conj().T.copy() for v in self._vectors]
        self._inverses_dagger = [v.conj().T.copy() for v in self._inverses]
        self._reciprocal = 1.0 / (-1j * (eigenvalues[:, None] - np.conj(eigenvalues)[None, :]))

    def _sandwich(self, left: list[np.ndarray], x: np.ndarray,
                  right: list[np.ndarray]) -> np.ndarray:
        """B x C for block-diagonal B and C given by their diagonal blocks."""
        if len(left) == 1:
            return left[0] @ x @ right[0]
        rows = np.empty_like(x)
        for block, matrix in zip(self._slices, left, strict=True):
            rows[block] = matrix @ x[block]
        out = np.empty_like(x)
        for block, matrix in zip(self._slices, right, strict=True):
            out[:, block] = rows[:, block] @ matrix
        return out

    def __call__(self, y: np.ndarray) -> np.ndarray:
        z = self._sandwich(self._inverses, y, self._inverses_dagger) * self._reciprocal
        return self._sandwich(self._vectors, z, self._vectors_dagger)


class _LoweringTriangularInverse:
    """Hermitian Y (as its :class:`HermitianCoordinates`) ↦ (𝒫_σ + 𝒥_↓)⁻¹Y, where
    𝒥_↓ρ = Σ_k L_k ρ L_k† over the jump operators that strictly lower the block label (L_k maps
    block j into blocks i < j): block (a, b) of 𝒥_↓ρ depends on blocks (i, j) of ρ with i > a,
    j > b only, so the blocks are solved level by level in a + b, from the top, each by the
    block inverse of 𝒫_σ (exact for this block-triangular operator;
    :func:`~spinthermo.core.krylov_kernels.lowering_sweep`)."""

    def __init__(self, inverse: _EigenbasisSylvesterInverse,
                 lowering: scipy.sparse.csr_array):
        slices = inverse._slices
        n_blocks = len(slices)
        order = [(a, level - a) for level in range(2 * n_blocks - 2, -1, -1)
                 for a in range(n_blocks) if a <= level - a < n_blocks]
        sizes = np.array([block.stop - block.start for block in slices])

        def flat(matrices: list[np.ndarray]) -> np.ndarray:
            return np.concatenate([np.ascontiguousarray(m).reshape(-1) for m in matrices])

        self._d = slices[-1].stop
        self._arguments = (
            np.array([block.start for block in slices] + [self._d], dtype=np.int64),
            np.array([a for a, _ in order], dtype=np.int64),
            np.array([b for _, b in order], dtype=np.int64),
            lowering.indptr.astype(np.int64), lowering.indices.astype(np.int64),
            lowering.data.astype(complex),
            flat(inverse._inverses), flat(inverse._inverses_dagger), flat(inverse._vectors),
            flat(inverse._vectors_dagger),
            np.concatenate([[0], np.cumsum(sizes**2)[:-1]]).astype(np.int64),
            np.ascontiguousarray(inverse._reciprocal))

    def __call__(self, coordinates: np.ndarray) -> np.ndarray:
        """(𝒫_σ + 𝒥_↓)⁻¹Y for the Hermitian Y with these coordinates, shape (d*d,)."""
        from spinthermo.core.krylov_kernels import lowering_sweep

        out = np.empty((self._d, self._d), dtype=complex)
        lowering_sweep(coordinates.reshape(self._d, self._d), *self._arguments, out)
        return out


def _gmres(operator, rhs: np.ndarray, rtol: float, restart: int, max_iterations: int,
           accept=None, accept_below: float = 0.0) -> tuple[np.ndarray, int, float]:
    """Restarted GMRES(restart) for ``operator(y) = rhs`` from y = 0 (Saad & Schultz 1986),
    real or complex: classical Gram–Schmidt (one BLAS-2 product per pass), repeated when the
    DGKS criterion :data:`REORTHOGONALIZE_BELOW` says the first pass lost orthogonality,
    Givens rotations; stops when ‖rhs − operator(y)‖₂ ≤ rtol‖rhs‖₂ or after
    ``max_iterations`` products, or earlier when ``accept(r)`` is true for the residual vector
    r of the current iterate (formed from the basis and the rotations, Saad 2003 Prop. 6.9, once
    its norm is at most ``accept_below``‖rhs‖₂). Returns y, the products taken and the relative
    residual (GMRES' estimate when accepted early)."""
    norm_rhs = float(np.linalg.norm(rhs))
    y = np.zeros_like(rhs)
    residual = rhs.copy()
    taken = 0
    lartg = scipy.linalg.get_lapack_funcs("lartg", dtype=rhs.dtype)
    while True:
        beta = float(np.linalg.norm(residual))
        if beta <= rtol * norm_rhs or taken >= max_iterations:
            return y, taken, beta / norm_rhs
        m = min(restart, max_iterations - taken, rhs.size)
        basis = np.empty((m + 1, rhs.size), dtype=rhs.dtype)
        hessenberg = np.zeros((m + 1, m), dtype=rhs.dtype)
        rotations = []  # (c, s) as Python scalars: the loops below run in the interpreter
        g = np.zeros(m + 1, dtype=rhs.dtype)
        g[0] = beta
        basis[0] = residual / beta
        k = 0
        while k < m:
            w = operator(basis[k])
            norm_before = float(np.linalg.norm(w))
            for _ in range(2):
                coefficients = np.conj(basis[:k + 1] @ np.conj(w))  # no copy of the basis
                w -= coefficients @ basis[:k + 1]
                hessenberg[:k + 1, k] += coefficients
                h_next = float(np.linalg.norm(w))
                if h_next >= REORTHOGONALIZE_BELOW * norm_before:
                    break
                norm_before = h_next
            column = hessenberg[:k + 2, k].tolist()
            column[k + 1] = h_next
            for i, (c, s) in enumerate(rotations):
                column[i], column[i + 1] = (c * column[i] + s * column[i + 1],
                                            -s.conjugate() * column[i] + c * column[i + 1])
            c, s, r = lartg(column[k], column[k + 1])  # Python scalars
            rotations.append((c, s))
            column[k], column[k + 1] = r, 0.0
            hessenberg[:k + 2, k] = column
            g[k], g[k + 1] = c * g[k], -s.conjugate() * g[k]
            k += 1
            taken += 1
            if abs(g[k]) <= rtol * norm_rhs or h_next == 0.0:
                break
            basis[k] = w / h_next
            if accept is not None and abs(g[k]) <= accept_below * norm_rhs:
                # r = V_{k+1} Ω^H (g_k e_k): the rotations undone in reverse order
                q = [0.0] * k + [g[k].item()]
                for i in range(k - 1, -1, -1):
                    c, s = rotations[i]
                    q[i], q[i + 1] = c * q[i] - s * q[i + 1], s.conjugate() * q[i] + c * q[i + 1]
                if accept(np.asarray(q, dtype=rhs.dtype) @ basis[:k + 1]):
                    z = scipy.linalg.solve_triangular(hessenberg[:k, :k], g[:k])
                    return y + z @ basis[:k], taken, abs(g[k]) / norm_rhs
        z = scipy.linalg.solve_triangular(hessenberg[:k, :k], g[:k])
        y = y + z @ basis[:k]
        residual = rhs - operator(y)


def _jump_superoperator_from_gram(
        ops: list[scipy.sparse.csr_array]) -> scipy.sparse.csr_array | None:
    """Σ_k L_k ⊗ conj(L_k), the map ρ ↦ Σ_k L_k ρ L_k† on ρ flattened row by row (C order),
    from the Gram matrix c†c of the operators' entries on the union of their patterns
    (:func:`~spinthermo.core.krylov_kernels.gram_superoperator`). None when the Gram matrix
    would exceed :data:`GRAM_MAX_ENTRIES`."""
    from spinthermo.core.krylov_kernels import gram_superoperator

    d = ops[0].shape[0]
    coos = [op.tocoo() for op in ops]
    keys = np.concatenate([coo.row.astype(np.int64) * d + coo.col for coo in coos])
    pattern, position = np.unique(keys, return_inverse=True)  # sorted by row, then column
    if pattern.size**2 > GRAM_MAX_ENTRIES:
        return None
    coefficients = np.zeros((len(ops), pattern.size), dtype=complex)
    start = 0
    for k, coo in enumerate(coos):
        coefficients[k, position[start:start + coo.nnz]] = coo.data
        start += coo.nnz
    rows, columns = np.divmod(pattern, d)
    indptr, indices, data = gram_superoperator(
        np.searchsorted(rows, np.arange(d + 1)), columns, coefficients.conj().T @ coefficients, d)
    stored = int(indptr[-1])
    return scipy.sparse.csr_array((data[:stored], indices[:stored], indptr),
                                  shape=(d * d, d * d))


def _jump_superoperator(ops: list[scipy.sparse.csr_array]) -> scipy.sparse.csr_array | None:
    """Σ_k L_k ⊗ conj(L_k) (row-major flattening, as above) when its entries fit
    :data:`JUMP_SUPEROPERATOR_MAX_NNZ` (from the Gram matrix of the entries when that fits
    :data:`GRAM_MAX_ENTRIES`), otherwise None."""
    superoperator = _jump_superoperator_from_gram(ops)
    if superoperator is None and sum(op.nnz**2 for op in ops) <= JUMP_SUPEROPERATOR_MAX_NNZ:
        superoperator = scipy.sparse.csr_array(
            sum(scipy.sparse.kron(op, op.conj()) for op in ops))
    if superoperator is not None and superoperator.nnz <= JUMP_SUPEROPERATOR_MAX_NNZ:
        return superoperator
    return None


def _jump_action(ops: list[scipy.sparse.csr_array]):
    """ρ ↦ Σ_k L_k ρ L_k† on (d, d) arrays: by the sparse superoperator when it fits
    (:func:`_jump_superoperator`), otherwise by sparse products with ρ."""
    superoperator = _jump_superoperator(ops)
    if superoperator is not None:
        return _superoperator_action(superoperator)
    d = ops[0].shape[0]
    stacked = scipy.sparse.vstack(ops, format="csr")  # (K d, d): rows of every L_k
    side_by_side = scipy.sparse.hstack(ops, format="csr")  # (d, K d)

    def products(rho: np.ndarray) -> np.ndarray:
        jumped = (stacked @ rho).reshape(len(ops), d, d)  # L_k ρ
        # Σ_k L_k (L_k ρ)† = (Σ_k (L_k ρ) L_k†)†
        return (side_by_side @ jumped.conj().transpose(0, 2, 1).reshape(-1, d)).conj().T
    return products


def _superoperator_action(superoperator: scipy.sparse.csr_array):
    """ρ ↦ Sρ on (d, d) arrays for a superoperator S on ρ flattened row by row."""
    d = round(np.sqrt(superoperator.shape[0]))
    return lambda rho: (superoperator @ rho.reshape(-1)).reshape(d, d)


def _split_lowering(ops: list[scipy.sparse.csr_array], slices: list[slice]):
    """The jump operators that strictly lower the block label (every entry maps a block into
    a lower one), and the rest; none when there is one block."""
    if len(slices) == 1:
        return [], ops
    d = slices[-1].stop
    label = np.empty(d, dtype=int)
    for k, block in enumerate(slices):
        label[block] = k
    lowering, rest = [], []
    for op in ops:
        coo = op.tocoo()
        strictly = coo.nnz > 0 and bool(np.all(label[coo.row] < label[coo.col]))
        (lowering if strictly else rest).append(op)
    return lowering, rest


def _operators(hamiltonian, jumps) -> tuple[np.ndarray, list[scipy.sparse.csr_array]]:
    """H dense and Hermitian, the jump operators sparse, all (d, d), checked."""
    if scipy.sparse.issparse(hamiltonian):
        hamiltonian = hamiltonian.toarray()
    h = require_hermitian("hamiltonian", hamiltonian, atol=1e-12 * max(
        1.0, float(np.max(np.abs(np.asarray(hamiltonian)), initial=0.0))))
    if h.ndim != 2:
        raise ValueError(f"hamiltonian must have shape (d, d); received shape {h.shape}")
    if isinstance(jumps, np.ndarray | str) or not isinstance(jumps, Sequence) or not jumps:
        raise TypeError("jumps must be a non-empty sequence of (d, d) jump operators; received "
                        f"{type(jumps).__name__}")
    out = []
    for k, op in enumerate(jumps):
        sparse = scipy.sparse.csr_array(op, dtype=complex)
        if sparse.shape != h.shape:
            raise ValueError(f"jumps[{k}] must have shape {h.shape} (the hamiltonian's); "
                             f"received shape {sparse.shape}")
        if not np.all(np.isfinite(sparse.data)):
            raise ValueError(f"jumps[{k}] must be finite; received a value containing NaN or inf")
        out.append(sparse)
    return h.astype(complex), out


def liouvillian_diagonal(hamiltonian, jumps) -> np.ndarray:
    """The diagonal of ℒ = −i[H, ·] + Σ_k D[L_k] as a (d, d) array.

    ℒ_{(ab),(ab)} = −i(H_eff,aa − H_eff,bb*) + Σ_k L_k,aa L_k,bb*, the coefficient of ρ_ab in
    (ℒρ)_ab, with H_eff = H − (i/2) Σ_k L_k† L_k.

    Parameters
    ----------
    hamiltonian : array_like, shape (d, d)
        Hamiltonian H in rad/s (hbar = 1), Hermitian, dense or ``scipy.sparse``.
    jumps : sequence of array_like, shape (d, d)
        Jump operators L_k in s^(-1/2), rate 1 each, dense or ``scipy.sparse``.

    Returns
    -------
    numpy.ndarray, shape (d, d)
        Entry (a, b) is the diagonal element of ℒ at ``vec`` index a + d·b, in s⁻¹.
    """
    h, ops = _operators(hamiltonian, jumps)
    return _diagonal(_effective_hamiltonian(h, ops), ops)


def _effective_hamiltonian(h: np.ndarray, ops: list[scipy.sparse.csr_array]) -> np.ndarray:
    stacked = scipy.sparse.vstack(ops, format="csr")  # Σ_k L_k†L_k = (stacked)† stacked
    return h - 0.5j * (stacked.conj().T @ stacked).toarray()


def _diagonal(h_eff: np.ndarray, ops: list[scipy.sparse.csr_array]) -> np.ndarray:
    h_diag = np.diag(h_eff)
    out = -1j * (h_diag[:, None] - np.conj(h_diag)[None, :])
    for op in ops:
        l_diag = op.diagonal()
        out += l_diag[:, None] * np.conj(l_diag)[None, :]
    return out


def steady_state_krylov(hamiltonian, jumps, *, tol: float = DEFAULT_STEADY_TOL,
                        check_unique: bool = True,
                        max_iterations: int = DEFAULT_MAX_ITERATIONS,
                        restart: int = DEFAULT_RESTART, blocks=None) -> SteadyStateSolution:
    """Steady state of dρ/dt = −i[H, ρ] + Σ_k D[L_k]ρ by right-preconditioned GMRES (module
    docstring: bordered system, preconditioner 𝒫⁻¹, matrix-free ℒ).

    Parameters
    ----------
    hamiltonian : array_like, shape (d, d)
        Hamiltonian H in rad/s (hbar = 1), Hermitian, dense or ``scipy.sparse``.
    jumps : sequence of array_like, shape (d, d)
        Jump operators L_k in s^(-1/2) (D[L]ρ = LρL† − ½{L†L, ρ}, rate 1), dense or
        ``scipy.sparse``, at least one.
    tol : float, optional
        Largest accepted ``max|ℒx| / max|diag ℒ|``, in (0, 1] (default 1e-12).
    check_unique : bool, optional
        Refuse a degenerate null space (a second conserved quantity) by the uniqueness solve of
        the module docstring (default True; it costs up to one more solve).
    max_iterations : int, optional
        Most GMRES iterations per solve, ≥ 1 (default 2000).
    restart : int, optional
        Krylov vectors kept between restarts, ≥ 1 (default 200).
    blocks : array_like, shape (d,), optional
        An integer label per basis state (e.g. the excitation number). The preconditioner is the
        no-jump evolution of the block-diagonal part K of H_eff (entries between equal labels),
        inverted block by block, plus the jump operators that strictly lower the label
        (module docstring), and H_eff − K (a drive coupling the blocks) is applied in the
        Krylov operator as −i((H_eff − K)ρ − ρ(H_eff − K)†) (seed 003's driven cluster,
        labelled by excitation number: blocks of at most C(N, N/2), half the GMRES steps of
        one block). The labels change the path, never the state. None (default): one block,
        all of H_eff, every jump in the Krylov operator.

    Returns
    -------
    SteadyStateSolution
        ``state``: vec(ρ) (column stacking), shape (d*d,), with ``t·x = 1``; ``residual``:
        0-d ``max|ℒx| / max|diag ℒ|``; ``iterations``: GMRES iterations of the steady-state
        solve.

    Raises
    ------
    SteadyStateError
        GMRES did not reach ``tol`` within ``max_iterations``, or (``check_unique``) the
        bordered system is singular: the steady state is not unique.
    """
    require_range("tol", tol, 0.0, 1.0, low_inclusive=False)
    if not isinstance(check_unique, bool):
        raise TypeError(f"check_unique must be True or False; received {check_unique!r}")
    max_iterations = require_count("max_iterations", max_iterations, 1)
    restart = require_count("restart", restart, 1)
    h, ops = _operators(hamiltonian, jumps)
    d = h.shape[0]
    order, slices = _block_order(blocks, d)
    if order is not None:  # work in the basis sorted by label: blocks are contiguous
        h = h[np.ix_(order, order)]
        position = np.argsort(order)  # basis state order[i] moves to i, and back at the end
        ops = [scipy.sparse.csr_array((coo.data, (position[coo.row], position[coo.col])),
                                      shape=coo.shape) for coo in (op.tocoo() for op in ops)]
    h_eff = _effective_hamiltonian(h, ops)
    scale = float(np.max(np.abs(_diagonal(h_eff, ops))))
    if scale == 0.0:
        raise ValueError("jumps must contain a non-zero operator: without dissipation the "
                         "steady state is not unique")
    h_eff_dag = h_eff.conj().T
    coordinates = HermitianCoordinates(d)
    identity = np.eye(d)
    shift = PRECONDITIONER_SHIFT * scale
    precondition, coupling = _no_jump_inverse(h_eff - 0.5j * shift * identity, slices)
    lowering, rest = _split_lowering(ops, slices) \
        if isinstance(precondition, _EigenbasisSylvesterInverse) else ([], ops)
    lowering_superoperator = _jump_superoperator(lowering) if lowering else None
    if lowering_superoperator is None:
        lowering, rest = [], ops
    jumps_in = _jump_action(rest) if rest else None
    lowering_in = _superoperator_action(lowering_superoperator) if lowering else None
    if lowering:
        precondition_coordinates = _LoweringTriangularInverse(precondition,
                                                              lowering_superoperator)
    else:
        def precondition_coordinates(y: np.ndarray, inverse=precondition) -> np.ndarray:
            return inverse(coordinates.unpack(y))

    def lindblad(rho: np.ndarray) -> np.ndarray:
        out = -1j * (h_eff @ rho - rho @ h_eff_dag)
        for jumped in (jumps_in, lowering_in):
            if jumped is not None:
                out += jumped(rho)
        return out

    basis = np.arange(d)

    def operator(y: np.ndarray) -> np.ndarray:
        """A M⁻¹ Y = Y + (σ + 𝒥_↑) ρ − i(Cρ − ρC†) + (s/d) Tr ρ with ρ = M⁻¹ Y, where
        M = 𝒫_σ + 𝒥_↓ is the no-jump evolution of the block-diagonal part of H_eff plus the
        lowering jumps (none without labels), 𝒥_↑ the other jumps and C the rest of H_eff
        (ρC† = (Cρ)† for Hermitian ρ), all in the coordinates of Y: no product with H_eff."""
        rho = precondition_coordinates(y)
        out = shift * rho
        if jumps_in is not None:
            out += jumps_in(rho)
        if coupling is not None:
            driven = coupling @ rho
            out += -1j * (driven - driven.conj().T)
        out[basis, basis] += (scale / d) * np.trace(rho).real
        return y + coordinates.pack(out)

    def solve(rhs: np.ndarray, rtol: float, accept=None,
              accept_below: float = 0.0) -> tuple[np.ndarray, int, float]:
        """ρ = M⁻¹Y for the GMRES solution Y of AM⁻¹Y = rhs (Hermitian), its iterations and
        its relative 2-norm residual in the real coordinates."""
        y, count, miss = _gmres(operator, rhs, rtol, restart, max_iterations, accept,
                                accept_below)
        rho = precondition_coordinates(y)
        return 0.5 * (rho + rho.conj().T), count, miss

    diagonal = np.flatnonzero(np.eye(d, dtype=bool).reshape(-1))  # coordinates of ρ_aa

    def meets_tol(r: np.ndarray) -> bool:
        """Whether a bordered residual r leaves max|ℒx| ≤ ACCEPT_FRACTION·tol·s: its traceless
        part is −ℒx (module docstring)."""
        traceless = r.copy()
        traceless[diagonal] -= np.mean(r[diagonal])
        largest = float(np.max(np.abs(coordinates.unpack(traceless))))
        return largest <= ACCEPT_FRACTION * tol * scale

    border = coordinates.pack(scale / d * identity.astype(complex))  # b = s u
    rtol = GMRES_TOL_FRACTION * tol * np.sqrt(d / 2)
    # a test can pass only once the traceless residual has ‖·‖₂ ≤ d·max|ℒx| ≲ d·tol·s, i.e.
    # ‖r‖₂/‖b‖₂ ≲ tol·d^(3/2): tests begin at 1/√2 of that
    accept_below = tol * np.sqrt(d**3 / 2)
    iterations = 0
    for accept in (meets_tol, None):
        rho, count, _ = solve(border, rtol, accept, accept_below)
        iterations += count
        rho = rho / np.trace(rho).real
        residual = float(np.max(np.abs(lindblad(rho)))) / scale
        if residual <= tol or count >= max_iterations:  # met, or GMRES itself stopped short
            break
        rtol *= 0.01  # met in GMRES' estimate, not in the computed residual: once more
    if not np.isfinite(residual) or residual > tol:
        raise SteadyStateError(
            f"GMRES steady state residual {residual:.2e} exceeds tol={tol:g} after {iterations} "
            f"iterations (max_iterations={max_iterations}); the null space may be degenerate "
            "or the preconditioner too weak for this generator")
    if check_unique:
        rng = np.random.default_rng(UNIQUENESS_SEED)
        probe = rng.standard_normal(d * d)  # the coordinates of a random Hermitian matrix
        z, probe_iterations, _ = solve(probe, 0.1 * UNIQUENESS_RTOL)
        bordered = lindblad(z) + (scale / d) * np.trace(z).real * identity
        miss = float(np.linalg.norm(probe - coordinates.pack(bordered)) / np.linalg.norm(probe))
        singular_floor = 0.1 / d  # ~n^(−1/2) of a random b lies outside a singular range
        if not miss <= UNIQUENESS_RTOL:
            if miss >= singular_floor:
                raise SteadyStateError(
                    f"the bordered system is singular (a random right-hand side is left with "
                    f"relative residual {miss:.2e} > {UNIQUENESS_RTOL:g} after "
                    f"{probe_iterations} GMRES iterations): the steady state is not unique (a "
                    "conserved quantity besides the trace)")
            raise SteadyStateError(
                f"uniqueness not established: the uniqueness solve stalled at relative residual "
                f"{miss:.2e} > {UNIQUENESS_RTOL:g} after {probe_iterations} GMRES iterations, "
                f"below the ~{singular_floor:.0e} a singular system leaves; raise "
                "max_iterations, or solve with the sparse LU")
    if order is not None:
        rho = rho[np.ix_(position, position)]
    return SteadyStateSolution(vec(rho), np.asarray(residual), iterations)


def _block_order(blocks, d: int) -> tuple[np.ndarray | None, list[slice]]:
    """The basis order that makes the labelled blocks contiguous (None: one block, the given
    order) and the blocks' slices in that order."""
    if blocks is None:
        return None, [slice(0, d)]
    labels = np.asarray(blocks)
    if labels.shape != (d,) or not np.issubdtype(labels.dtype, np.integer):
        raise ValueError(f"blocks must be {d} integer labels, one per basis state; received "
                         f"an array of shape {labels.shape} and dtype {labels.dtype}")
    order = np.argsort(labels, kind="stable")
    edges = np.flatnonzero(np.diff(labels[order])) + 1
    starts, stops = np.r_[0, edges], np.r_[edges, d]
    return order, [slice(int(a), int(b)) for a, b in zip(starts, stops, strict=True)]


def _no_jump_inverse(h: np.ndarray, slices: list[slice]):
    """𝒫_σ⁻¹ for the block-diagonal part K of ``h`` (blocks ``slices``) and the coupling h − K
    as a sparse matrix (None when there is none, e.g. for one block)."""
    within = np.zeros(h.shape, dtype=bool)
    for block in slices:
        within[block, block] = True
    diagonal_part = np.where(within, h, 0.0)
    coupling = scipy.sparse.csr_array(np.where(within, 0.0, h))
    try:
        inverse = _EigenbasisSylvesterInverse(diagonal_part, slices)
    except ValueError:  # an ill-conditioned block: the Schur solve of the whole part
        inverse = _SchurSylvesterInverse(diagonal_part)
    return inverse, (coupling if coupling.nnz else None)


__all__ = [
    "DEFAULT_MAX_ITERATIONS",
    "DEFAULT_RESTART",
    "HermitianCoordinates",
    "liouvillian_diagonal",
    "steady_state_krylov",
]
