"""Compiled kernels of :mod:`spinthermo.core.krylov_steady`: the jump superoperator from the Gram
matrix of the jump operators' entries, and the block sweep of the lowering preconditioner.

Superoperators here act on ρ flattened row by row (C order): entry (a, b) of ρ is coordinate
a·d + b, and ρ ↦ Σ_k L_k ρ L_k† is the matrix Σ_k L_k ⊗ conj(L_k).

**Gram assembly.** With L_k = Σ_p c_kp E_p over the stored positions p = (r_p, c_p) of the
union of the operators' patterns, Σ_k L_k ⊗ conj(L_k) = Σ_pq (c†c)_pq E_q ⊗ conj(E_p): entry
(p, q) sits at row r_q·d + r_p and column c_q·d + c_p, distinct for distinct (p, q). With the
positions sorted by row, then column, the rows of the superoperator come out in order and each
row's columns sorted, so the CSR arrays are written in one pass, without a sort.

**Lowering sweep.** Solves (𝒫_σ + 𝒥_↓) X = Y for Hermitian Y, where 𝒫_σ X = −i(K X − X K†)
with K block-diagonal (blocks labelled, e.g. by excitation number) and 𝒥_↓ X = Σ_k L_k X L_k†
over jump operators that map every block into a lower one. Block (a, b) of 𝒥_↓X reads blocks
(i, j) of X with i > a and j > b only, so the blocks are solved level by level in a + b from
the top:

.. math:: X_{ab} = S_a\\,[(S_a^{-1}(Y_{ab} - (\\mathcal{J}_\\downarrow X)_{ab})S_b^{-\\dagger})
          \\circ R_{ab}]\\,S_b^\\dagger ,

with K_a = S_a Λ_a S_a⁻¹ and R_ab = 1/(−i(λ_a − λ_b*)). X is Hermitian, so only the blocks
with a ≤ b are solved and X_ba = X_ab†. One call is four small matrix products per block
(BLAS) and one pass over half the stored entries of 𝒥_↓.

This module imports numba (a few hundred milliseconds); :mod:`spinthermo.core.krylov_steady`
imports it when it first assembles a jump superoperator, and the kernels are compiled once and
cached on disk.
"""

from __future__ import annotations

import numba
import numpy as np


@numba.njit(cache=True)
def gram_superoperator(row_starts, columns, gram, d):
    """CSR arrays of Σ_pq (c†c)_pq E_q ⊗ conj(E_p) (module docstring), zero entries left out.

    Parameters
    ----------
    row_starts : int array (d + 1,)
        Positions of pattern row r are ``row_starts[r]:row_starts[r + 1]``.
    columns : int array (P,)
        Column of each position (increasing within a row).
    gram : complex array (P, P)
        (c†c)_pq = Σ_k conj(c_kp) c_kq.
    d : int
        Matrix dimension.

    Returns
    -------
    indptr : int array (d² + 1,)
    indices : int array (P²,)
        Only the first ``indptr[-1]`` entries are used.
    data : complex array (P²,)
        Likewise.
    """
    n = columns.shape[0]
    indptr = np.zeros(d * d + 1, dtype=np.int64)
    indices = np.empty(n * n, dtype=np.int64)
    data = np.empty(n * n, dtype=np.complex128)
    stored = 0
    for a in range(d):
        for b in range(d):
            for q in range(row_starts[a], row_starts[a + 1]):
                column = columns[q] * d
                for p in range(row_starts[b], row_starts[b + 1]):
                    value = gram[p, q]
                    if value != 0:
                        indices[stored] = column + columns[p]
                        data[stored] = value
                        stored += 1
            indptr[a * d + b + 1] = stored
    return indptr, indices, data


@numba.njit(cache=True)
def lowering_sweep(y, starts, blocks_a, blocks_b, indptr, indices, data, inverses,
                   inverses_dagger, vectors, vectors_dagger, square_offsets, reciprocal, out):
    """Write X (module docstring) into ``out``.

    Parameters
    ----------
    y : float array (d, d)
        The right-hand side Y, Hermitian, given by its coordinates (Re Y on and above the
        diagonal, Im Y below it: :class:`~spinthermo.core.krylov_steady.HermitianCoordinates`).
    starts : int array (n_blocks + 1,)
        Block boundaries in the (label-sorted) basis.
    blocks_a, blocks_b : int arrays
        The blocks (a, b) with a ≤ b in solving order (a + b descending).
    indptr, indices, data : int, int and complex arrays
        CSR arrays of 𝒥_↓ (row-major flattening, module docstring).
    inverses, inverses_dagger, vectors, vectors_dagger : complex arrays (Σ_b n_b²,)
        S_b⁻¹, S_b⁻†, S_b, S_b† of every block, C order, at ``square_offsets[b]``.
    square_offsets : int array (n_blocks,)
        Where each block's matrices start in the arrays above.
    reciprocal : complex array (d, d)
        R = 1/(−i(λ_a − λ_b*)) over the whole basis.
    out : complex array (d, d), C order
        Overwritten with X.

    Returns
    -------
    None
        The result is ``out``.
    """
    d = y.shape[0]
    out[:, :] = 0.0
    flat = out.reshape(d * d)  # flat[i·d + j] = X[i, j]
    for q in range(blocks_a.shape[0]):
        a = blocks_a[q]
        b = blocks_b[q]
        a0 = starts[a]
        b0 = starts[b]
        na = starts[a + 1] - a0
        nb = starts[b + 1] - b0
        z = np.empty((na, nb), dtype=np.complex128)
        for i in range(na):
            r = a0 + i
            for j in range(nb):
                c = b0 + j
                if r < c:  # Y_rc from its coordinates
                    value = y[r, c] - 1j * y[c, r]
                elif r > c:
                    value = y[c, r] + 1j * y[r, c]
                else:
                    value = y[r, r] + 0j
                row = r * d + c
                for p in range(indptr[row], indptr[row + 1]):
                    value -= data[p] * flat[indices[p]]
                z[i, j] = value
        oa = square_offsets[a]
        ob = square_offsets[b]
        t = np.dot(np.dot(inverses[oa:oa + na * na].reshape((na, na)), z),
                   inverses_dagger[ob:ob + nb * nb].reshape((nb, nb)))
        for i in range(na):
            for j in range(nb):
                t[i, j] *= reciprocal[a0 + i, b0 + j]
        x = np.dot(np.dot(vectors[oa:oa + na * na].reshape((na, na)), t),
                   vectors_dagger[ob:ob + nb * nb].reshape((nb, nb)))
        for i in range(na):
            for j in range(nb):
                out[a0 + i, b0 + j] = x[i, j]
                out[b0 + j, a0 + i] = np.conj(x[i, j])
