"""Operators and states handed in by a user: NumPy arrays, SciPy sparse matrices, QuTiP objects.

Everything that crosses the front door passes through here once: QuTiP objects are recognised
without importing QuTiP (it is imported only to build ``Qobj`` results), kets become density
matrices, and every message names the argument, the expected shape and what was received.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import scipy.sparse

from spinthermo.core.checks import STATE_TOLERANCE, require_density_matrix, require_numeric

#: Hermiticity of a Hamiltonian, relative to its largest entry: far above rounding (1e-16) and
#: far below any physical anti-Hermitian part a user could mean.
HERMITICITY_RTOL = 1e-10
#: A ``Qobj`` with more rows than this is read as a sparse matrix (when QuTiP stores it
#: sparse); smaller ones as dense arrays, which small systems assemble faster.
SPARSE_QOBJ_ABOVE = 1024


def is_qobj(value: Any) -> bool:
    """Whether ``value`` is a ``qutip.Qobj`` (recognised by its module, without importing QuTiP).

    Parameters
    ----------
    value : object
        Anything.

    Returns
    -------
    bool
    """
    return type(value).__name__ == "Qobj" and type(value).__module__.startswith("qutip")


def is_qobjevo(value: Any) -> bool:
    """Whether ``value`` is a ``qutip.QobjEvo`` (a time-dependent QuTiP operator).

    Parameters
    ----------
    value : object
        Anything.

    Returns
    -------
    bool
    """
    return type(value).__name__ == "QobjEvo" and type(value).__module__.startswith("qutip")


@dataclass(frozen=True)
class Operand:
    """A user's operator or state as a matrix, with its QuTiP ``dims`` and its kind.

    Parameters
    ----------
    matrix : numpy.ndarray or scipy.sparse.csr_array
        Complex matrix, shape (d, d) (operator or superoperator) or (d,) (ket).
    dims : list or None
        QuTiP ``dims`` (None for plain arrays).
    kind : str
        ``"oper"``, ``"ket"`` or ``"super"``.
    """

    matrix: Any
    dims: Any
    kind: str

    @property
    def is_sparse(self) -> bool:
        """Whether ``matrix`` is a ``scipy.sparse`` array."""
        return scipy.sparse.issparse(self.matrix)

    def dense(self) -> np.ndarray:
        """The matrix as a dense complex array.

        Returns
        -------
        numpy.ndarray
            Shape (d, d), or (d,) for a ket.
        """
        m = self.matrix
        return np.asarray(m.toarray() if scipy.sparse.issparse(m) else m, dtype=complex)


def result_states(value: Any):
    """The states a result object holds (its ``states``, else its ``state``), or ``None``.

    Recognised by attribute, so that the front door's results, a model's trajectory or a QuTiP
    ``Result`` (a list of ``Qobj``) all qualify without being imported by the caller.

    Parameters
    ----------
    value : object
        A result object, or anything else.

    Returns
    -------
    numpy.ndarray, list, tuple or None
        The non-empty ``states`` (else ``state``) attribute as stored, or None.
    """
    for attribute in ("states", "state"):
        found = getattr(value, attribute, None)
        if isinstance(found, np.ndarray) or (isinstance(found, list | tuple) and found):
            return found
    return None


def as_operand(name: str, value: Any) -> Operand:
    """``value`` (array, sparse matrix or ``Qobj``) as an :class:`Operand`.

    Parameters
    ----------
    name : str
        Parameter name used in error messages.
    value : array_like, scipy.sparse matrix or qutip.Qobj
        Square matrix (d, d), or a ket of shape (d,) or (d, 1); finite.

    Returns
    -------
    Operand
        Complex matrix (a ``Qobj`` with more than :data:`SPARSE_QOBJ_ABOVE` rows stays sparse),
        its ``dims`` and its kind.

    Raises
    ------
    TypeError
        For non-numeric input or a ``Qobj`` that is not an operator, ket or superoperator.
    ValueError
        For any other shape, or non-finite entries.
    """
    if is_qobj(value):
        kind = {"oper": "oper", "ket": "ket", "super": "super"}.get(value.type)
        if kind is None:
            raise TypeError(f"{name} must be an operator, a ket or a superoperator; received a "
                            f"Qobj of type {value.type!r}")
        matrix = None
        if value.shape[0] > SPARSE_QOBJ_ABOVE:
            try:
                matrix = scipy.sparse.csr_array(value.data_as("csr_matrix"), dtype=complex)
            except (TypeError, ValueError, AttributeError):  # a dense Qobj
                matrix = None
        if matrix is None:
            matrix = np.asarray(value.full(), dtype=complex)
        return Operand(matrix, value.dims, kind)
    if scipy.sparse.issparse(value):
        matrix = scipy.sparse.csr_array(value, dtype=complex)
    else:
        matrix = require_numeric(name, value).astype(complex)
    if matrix.ndim == 1 or (matrix.ndim == 2 and matrix.shape[1] == 1 and matrix.shape[0] > 1):
        kind = "ket"
        matrix = np.asarray(matrix.toarray() if scipy.sparse.issparse(matrix) else matrix)
        matrix = matrix.reshape(-1)
    elif matrix.ndim == 2 and matrix.shape[0] == matrix.shape[1]:
        kind = "oper"
    else:
        raise ValueError(f"{name} must be a square matrix (d, d) or a ket (d,); received shape "
                         f"{matrix.shape}")
    data = matrix.data if scipy.sparse.issparse(matrix) else matrix
    if not np.all(np.isfinite(data)):
        raise ValueError(f"{name} must be finite; received a value containing NaN or inf")
    return Operand(matrix, None, kind)


def require_hamiltonian(name: str, operand: Operand) -> Operand:
    """Check that ``operand`` is Hermitian within :data:`HERMITICITY_RTOL` × ``max|H|``.

    Parameters
    ----------
    name : str
        Parameter name used in the error message.
    operand : Operand
        The candidate Hamiltonian (rad/s), shape (d, d).

    Returns
    -------
    Operand
        ``operand`` unchanged.
    """
    if operand.kind != "oper":
        raise ValueError(f"{name} must be an operator (d, d); received a {operand.kind}")
    m = operand.matrix
    diff = m - m.conj().T
    scale = abs(m).max() if m.shape[0] else 0.0
    worst = abs(diff).max() if diff.shape[0] else 0.0
    if worst > HERMITICITY_RTOL * max(scale, 1e-300):
        raise ValueError(f"{name} must be Hermitian (a Hamiltonian); max|H − H†| = {worst:.3g} "
                         f"against max|H| = {scale:.3g}")
    return operand


def as_density_matrix(name: str, value: Any, dimension: int) -> np.ndarray:
    """A ket or density matrix (array or ``Qobj``) as a checked ``(d, d)`` density matrix.

    A ket ψ becomes ``ψ ψ†`` and must have unit norm within :data:`STATE_TOLERANCE`; the
    result is checked by :func:`~spinthermo.core.checks.require_density_matrix` (unit trace,
    Hermitian, eigenvalues ≥ −STATE_TOLERANCE).

    Parameters
    ----------
    name : str
        Parameter name used in error messages.
    value : array_like or qutip.Qobj
        Ket, shape (d,) or (d, 1), or density matrix, shape (d, d).
    dimension : int
        Required Hilbert-space dimension d (the Hamiltonian's).

    Returns
    -------
    numpy.ndarray, shape (d, d)
        The density matrix, complex.
    """
    operand = as_operand(name, value)
    if operand.kind == "ket":
        psi = operand.dense().reshape(-1)
        norm = np.vdot(psi, psi).real
        if abs(norm - 1.0) > STATE_TOLERANCE:
            raise ValueError(f"{name} (a ket) must be normalised; received ⟨ψ|ψ⟩ = {norm:.6g}")
        rho = np.outer(psi, psi.conj())
    elif operand.kind == "oper":
        rho = operand.dense()
    else:
        raise ValueError(f"{name} must be a ket or a density matrix; received a superoperator")
    if rho.shape != (dimension, dimension):
        raise ValueError(f"{name} must have dimension {dimension} like the Hamiltonian; received "
                         f"shape {rho.shape}")
    return require_density_matrix(name, rho)


def to_qobj(matrix: np.ndarray, dims: Any = None):
    """``matrix`` as a ``qutip.Qobj`` with ``dims`` (QuTiP imported here, only when used).

    Parameters
    ----------
    matrix : array_like, shape (d, d)
        Operator or density matrix, or a ket of shape (d,).
    dims : list or None, optional
        QuTiP ``dims`` (default: QuTiP's for the shape).

    Returns
    -------
    qutip.Qobj
    """
    try:
        import qutip
    except ImportError:  # pragma: no cover - depends on the environment
        raise ImportError("to_qutip() needs QuTiP: python -m pip install qutip") from None
    return qutip.Qobj(np.asarray(matrix), dims=dims)
