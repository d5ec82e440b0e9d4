"""Superoperators in the package's single vectorisation convention.

Column stacking: ``vec(X)[i + d j] = X[i, j]``, so that ``vec(A X B) = (B^T ⊗ A) vec(X)``.
This is QuTiP's convention too, which keeps cross-checks one-to-one.
"""

from __future__ import annotations

import numpy as np
import scipy.sparse

from spinthermo.core.checks import require_square_matrices


def vec(rho: np.ndarray) -> np.ndarray:
    """Column-stack a matrix (or a batch ``(..., d, d)``) into ``(..., d²)``.

    ``vec(X)[i + d j] = X[i, j]``, the package's one vectorisation convention.

    Parameters
    ----------
    rho : array_like, shape (..., d, d)
        Matrix or batch of matrices (any dtype).

    Returns
    -------
    numpy.ndarray, shape (..., d*d)
        The columns of each matrix stacked into one vector.

    Examples
    --------
    >>> vec(np.array([[1, 2], [3, 4]]))
    array([1, 3, 2, 4])
    """
    rho = np.asarray(rho)
    return np.swapaxes(rho, -1, -2).reshape(*rho.shape[:-2], -1)


def unvec(vector: np.ndarray) -> np.ndarray:
    """Inverse of :func:`vec`: ``(..., d²)`` back to ``(..., d, d)``.

    Parameters
    ----------
    vector : array_like, shape (..., d*d)
        Column-stacked matrices; the last axis must have a perfect-square length.

    Returns
    -------
    numpy.ndarray, shape (..., d, d)
        The matrices, ``X[i, j] = vector[i + d j]``.
    """
    vector = np.asarray(vector)
    d = round(np.sqrt(vector.shape[-1]))
    if d * d != vector.shape[-1]:
        raise ValueError(f"vector length must be a perfect square; received {vector.shape[-1]}")
    return np.swapaxes(vector.reshape(*vector.shape[:-1], d, d), -1, -2)


def spre(a: np.ndarray) -> np.ndarray:
    """Superoperator of left multiplication, ``X ↦ A X`` = ``1 ⊗ A``.

    Parameters
    ----------
    a : array_like, shape (d, d)
        Left factor A.

    Returns
    -------
    numpy.ndarray, shape (d*d, d*d)
        ``1 ⊗ A``, acting on column-stacked ``vec(X)``.
    """
    a = require_square_matrices("a", a)
    return np.kron(np.eye(a.shape[-1]), a)


def spost(b: np.ndarray) -> np.ndarray:
    """Superoperator of right multiplication, ``X ↦ X B`` = ``B^T ⊗ 1``.

    Parameters
    ----------
    b : array_like, shape (d, d)
        Right factor B.

    Returns
    -------
    numpy.ndarray, shape (d*d, d*d)
        ``B^T ⊗ 1``, acting on column-stacked ``vec(X)``.
    """
    b = require_square_matrices("b", b)
    return np.kron(b.T, np.eye(b.shape[-1]))


def sprepost(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Superoperator ``X ↦ A X B`` = ``B^T ⊗ A``.

    Parameters
    ----------
    a : array_like, shape (d, d)
        Left factor A.
    b : array_like, shape (d, d)
        Right factor B.

    Returns
    -------
    numpy.ndarray, shape (d*d, d*d)
        ``B^T ⊗ A``, acting on column-stacked ``vec(X)``.
    """
    a = require_square_matrices("a", a)
    b = require_square_matrices("b", b)
    return np.kron(b.T, a)


def commutator_superoperator(h: np.ndarray) -> np.ndarray:
    """Unitary part of a Liouvillian, ``X ↦ −i[H, X]`` (ħ = 1).

    Parameters
    ----------
    h : array_like, shape (d, d)
        Hamiltonian H in rad/s.

    Returns
    -------
    numpy.ndarray, shape (d*d, d*d)
        ``−i (1 ⊗ H − H^T ⊗ 1)`` in s⁻¹, column stacking.
    """
    return -1j * (spre(h) - spost(h))


def lindblad_dissipator(jump: np.ndarray, rate: float = 1.0) -> np.ndarray:
    """``D[L] X = γ (L X L† − ½{L†L, X})`` as a matrix (Lindblad 1976).

    Parameters
    ----------
    jump : array_like, shape (d, d)
        Jump operator L (dimensionless).
    rate : float, optional
        Rate γ in s⁻¹ (default 1, for a jump operator that carries its rate as √γ).

    Returns
    -------
    numpy.ndarray, shape (d*d, d*d)
        The dissipator γ D[L] in s⁻¹, column stacking.
    """
    jump = require_square_matrices("jump", jump)
    jdj = jump.conj().T @ jump
    return rate * (sprepost(jump, jump.conj().T) - 0.5 * spre(jdj) - 0.5 * spost(jdj))


def liouvillian(hamiltonian: np.ndarray | None, jumps=(), rates=None) -> np.ndarray:
    """Lindblad generator ``L = −i[H, ·] + Σ_k γ_k D[L_k]`` as a dense matrix.

    Parameters
    ----------
    hamiltonian : array_like or None, shape (d, d)
        Hamiltonian H in rad/s; None for a purely dissipative generator.
    jumps : sequence of array_like, shape (d, d)
        Jump operators L_k; at least one is needed when ``hamiltonian`` is None.
    rates : sequence of float, optional
        Rates γ_k ≥ 0 in s⁻¹, one per jump operator (default 1 for every one).

    Returns
    -------
    numpy.ndarray, shape (d*d, d*d)
        The Liouvillian in s⁻¹, column stacking (``d vec(ρ)/dt = L vec(ρ)``).

    Examples
    --------
    >>> import numpy as np
    >>> sm = np.array([[0, 0], [1, 0]], dtype=complex)   # |1⟩⟨0| with |0⟩ = excited
    >>> lv = liouvillian(None, [sm], [2.0])
    >>> rho = np.array([[1, 0], [0, 0]], dtype=complex)  # excited state
    >>> unvec(lv @ vec(rho)).real                         # population decays at rate 2
    array([[-2.,  0.],
           [ 0.,  2.]])
    """
    jumps = list(jumps)
    if hamiltonian is None and not jumps:
        raise ValueError("liouvillian needs a hamiltonian or at least one jump operator")
    d = np.asarray(hamiltonian if hamiltonian is not None else jumps[0]).shape[-1]
    out = np.zeros((d * d, d * d), dtype=complex)
    if hamiltonian is not None:
        out += commutator_superoperator(hamiltonian)
    rates = [1.0] * len(jumps) if rates is None else list(rates)
    if len(rates) != len(jumps):
        raise ValueError(
            f"rates must have one entry per jump operator; received {len(rates)} rates "
            f"for {len(jumps)} jump operators"
        )
    for jump, rate in zip(jumps, rates, strict=True):
        if rate < 0:
            raise ValueError(f"every rate must be >= 0; received {rate}")
        out += lindblad_dissipator(jump, rate)
    return out


def sparse_sprepost(left, right) -> scipy.sparse.csr_array:
    """``X ↦ A X B`` as a sparse matrix, ``Bᵀ ⊗ A`` (column stacking, as :func:`sprepost`).

    Parameters
    ----------
    left : array_like or scipy.sparse array, shape (d, d)
        Left factor A.
    right : array_like or scipy.sparse array, shape (d, d)
        Right factor B.

    Returns
    -------
    scipy.sparse.csr_array, shape (d*d, d*d)
        ``Bᵀ ⊗ A``.
    """
    left, right = scipy.sparse.csr_array(left), scipy.sparse.csr_array(right)
    return scipy.sparse.csr_array(scipy.sparse.kron(right.T, left, format="csr"))


def sparse_liouvillian(hamiltonian, jumps=(), rates=None) -> scipy.sparse.csr_array:
    """:func:`liouvillian` as a sparse matrix, for dimensions where d⁴ dense entries do not fit.

    ``L = −i[H, ·] + Σ_k γ_k D[L_k]``, ``D[L]X = L X L† − ½{L†L, X}``; zero rates are skipped.

    Parameters
    ----------
    hamiltonian : array_like or None, shape (d, d)
        Hamiltonian H in rad/s, dense or sparse; None for a purely dissipative generator.
    jumps : sequence of array_like, shape (d, d)
        Jump operators L_k, dense or sparse; at least one is needed when ``hamiltonian`` is
        None.
    rates : sequence of float, optional
        Rates γ_k ≥ 0 in s⁻¹, one per jump operator (default 1 for every one).

    Returns
    -------
    scipy.sparse.csr_array, shape (d*d, d*d)
        The Liouvillian in s⁻¹, column stacking.

    Examples
    --------
    >>> import numpy as np
    >>> sm = np.array([[0, 0], [1, 0]], dtype=complex)
    >>> np.allclose(sparse_liouvillian(None, [sm], [2.0]).toarray(), liouvillian(None, [sm], [2.0]))
    True
    """
    jumps = [scipy.sparse.csr_array(j) for j in jumps]
    if hamiltonian is None and not jumps:
        raise ValueError("sparse_liouvillian needs a hamiltonian or at least one jump operator")
    rates = [1.0] * len(jumps) if rates is None else list(rates)
    if len(rates) != len(jumps):
        raise ValueError(
            f"rates must have one entry per jump operator; received {len(rates)} rates "
            f"for {len(jumps)} jump operators"
        )
    d = (jumps[0] if hamiltonian is None else scipy.sparse.csr_array(hamiltonian)).shape[0]
    eye = scipy.sparse.identity(d, dtype=complex, format="csr")
    out = scipy.sparse.csr_array((d * d, d * d), dtype=complex)
    if hamiltonian is not None:
        h = scipy.sparse.csr_array(hamiltonian)
        out = out - 1j * (sparse_sprepost(h, eye) - sparse_sprepost(eye, h))
    for op, rate in zip(jumps, rates, strict=True):
        if rate < 0:
            raise ValueError(f"every rate must be >= 0; received {rate}")
        if rate == 0:
            continue
        opd = op.conj().T.tocsr()
        jdj = (opd @ op).tocsr()
        out = out + rate * (sparse_sprepost(op, opd) - 0.5 * sparse_sprepost(jdj, eye)
                            - 0.5 * sparse_sprepost(eye, jdj))
    return scipy.sparse.csr_array(out)


def trace_row(d: int) -> np.ndarray:
    """Row vector ``t`` with ``t · vec(X) = Tr X``.

    Parameters
    ----------
    d : int
        Hilbert-space dimension.

    Returns
    -------
    numpy.ndarray, shape (d*d,)
        ``vec(1)``, complex.
    """
    return vec(np.eye(d, dtype=complex))


def expectation_row(operator: np.ndarray) -> np.ndarray:
    """Row vector ``c`` with ``c · vec(ρ) = Tr(O ρ)`` (no complex conjugation).

    Parameters
    ----------
    operator : array_like, shape (d, d)
        Observable O.

    Returns
    -------
    numpy.ndarray, shape (d*d,)
        ``vec(Oᵀ)``.
    """
    return vec(np.asarray(operator).T)
