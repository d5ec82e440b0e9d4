"""The computational basis of N two-level atoms, its excitation sectors and the Δn = 0 block.

Basis (seed 003 Sec. III): ``|s_1 … s_N⟩``, atom 1 the most significant factor (``np.kron``
order), each atom ordered (``|e⟩``, ``|g⟩``), so index 0 is ``|e…e⟩`` and index 2^N − 1 is
``|g…g⟩`` (the paper's order). ``σᶻ|e⟩ = +|e⟩``, ``σ⁺ = |e⟩⟨g|``.

**Δn = 0 block.** Every term of seed 003 Eqs. (1)–(3) changes the excitation numbers of the ket
and the bra by the same amount, so ℒ commutes with the superoperator [N_exc, ·]: elements
``⟨s|ρ|s'⟩`` with n(s) = n(s') never couple to the others. From a state without coherences between
different excitation numbers (the ground state, any diagonal state, any Dicke state) the
dynamics stays in that block, of dimension Σ_k C(N, k)² = C(2N, N) instead of 4^N (N = 10:
184 756 against 1 048 576): :func:`conserving_projection`.
"""

from __future__ import annotations

import math

import numpy as np
import scipy.sparse

from spinthermo.core.checks import STATE_TOLERANCE, require_finite
from spinthermo.core.projection import BlockProjection
from spinthermo.core.spin import SIGMA_MINUS, SIGMA_PLUS  # |e⟩⟨g|, |g⟩⟨e| in (|e⟩, |g⟩)

#: Allowed asymmetry and negative eigenvalue of γ (relative to max|γ|): the geometric γ is
#: symmetric and positive semidefinite up to rounding (~1e-16); 1e-10 rejects genuine errors.
MATRIX_TOLERANCE = 1e-10
#: Largest N for which a full 2^N × 2^N operator / 4^N Liouvillian is built (4^7 ≈ 16 000).
MAX_FULL_ATOMS = 7
#: Largest N of the Δn = 0 block machinery (C(24, 12) ≈ 2.7 million coordinates).
MAX_BLOCK_ATOMS = 12



def require_atoms(n_atoms, limit: int | None = None, name: str = "n_atoms") -> int:
    """``n_atoms`` as an ``int`` in [1, ``limit``] (``TypeError`` for a non-integer).

    Parameters
    ----------
    n_atoms : int
        The number of atoms to check (``bool`` is rejected).
    limit : int or None, optional
        Largest allowed value; None: no upper bound.
    name : str, optional
        The parameter's name in the error message (default ``"n_atoms"``).

    Returns
    -------
    int
        ``n_atoms`` as a Python ``int``.

    Raises
    ------
    TypeError
        ``n_atoms`` is not an integer.
    ValueError
        ``n_atoms`` lies outside [1, ``limit``].
    """
    if isinstance(n_atoms, bool) or not isinstance(n_atoms, int | np.integer):
        raise TypeError(f"{name} must be an integer; received {type(n_atoms).__name__}")
    high = math.inf if limit is None else limit
    if not 1 <= n_atoms <= high:
        raise ValueError(f"{name} must lie in [1, {high:g}]; received {n_atoms}")
    return int(n_atoms)


def require_coupling_matrix(name: str, value, n_atoms: int | None = None) -> np.ndarray:
    """A Hermitian (N, N) coupling matrix (f or γ of seed 003 Eqs. 1–3), symmetrised.

    Parameters
    ----------
    name : str
        The parameter's name in the error messages (``"f"`` or ``"gamma"``).
    value : array_like, shape (N, N)
        The matrix, finite, Hermitian to ``MATRIX_TOLERANCE`` relative to its largest entry;
        rad/s for f, s⁻¹ for γ.
    n_atoms : int or None, optional
        The required N; None: any N ≥ 1.

    Returns
    -------
    ndarray, shape (N, N)
        (value + value†)/2, real (float) if its imaginary part is exactly 0, else complex.

    Raises
    ------
    ValueError
        Not finite, not square, the wrong N, or not Hermitian.
    """
    arr = np.asarray(require_finite(name, value))
    if arr.ndim != 2 or arr.shape[0] != arr.shape[1] or arr.shape[0] < 1:
        raise ValueError(f"{name} must be a square (N, N) matrix; received shape {arr.shape}")
    if n_atoms is not None and arr.shape[0] != n_atoms:
        raise ValueError(
            f"{name} must have shape ({n_atoms}, {n_atoms}); received shape {arr.shape}"
        )
    scale = max(float(np.max(np.abs(arr))), 1e-300)
    asym = float(np.max(np.abs(arr - arr.conj().T)))
    if asym > MATRIX_TOLERANCE * scale:
        raise ValueError(
            f"{name} must be Hermitian (f_ij = f_ji*, γ_ij = γ_ji*); largest asymmetry "
            f"{asym:.3g} relative to max entry {scale:.3g}"
        )
    arr = 0.5 * (arr + arr.conj().T)
    return arr.real.copy() if np.all(arr.imag == 0) else arr.astype(complex)


def excitation_numbers(n_atoms: int) -> np.ndarray:
    """Number of excited atoms of each computational basis state (index 0 = ``|e…e⟩`` → N).

    Parameters
    ----------
    n_atoms : int
        Number of atoms N, 1 ≤ N ≤ MAX_BLOCK_ATOMS.

    Returns
    -------
    ndarray of int, shape (2^N,)
        The excitation number of each basis state, computational order.

    Examples
    --------
    >>> excitation_numbers(2).tolist()
    [2, 1, 1, 0]
    """
    n_atoms = require_atoms(n_atoms, MAX_BLOCK_ATOMS)
    return n_atoms - atom_bits(n_atoms)[1].sum(axis=1)


def atom_bits(n_atoms: int) -> tuple[np.ndarray, np.ndarray]:
    """Where each atom sits in a basis-state index: its bit, set for ``|g⟩``.

    Atom i (0-based, atom 1 the most significant factor) is bit w_i = 2^(N−1−i) of the index
    of ``|s_1 … s_N⟩``, set when it is in ``|g⟩``; σ⁺_i maps index s to s − w_i, σ⁻_i maps s to
    s + w_i.

    Parameters
    ----------
    n_atoms : int
        Number of atoms N, 1 ≤ N ≤ MAX_BLOCK_ATOMS.

    Returns
    -------
    weights : ndarray of int, shape (N,)
        w_i.
    ground : ndarray of bool, shape (2^N, N)
        ``ground[s, i]``: atom i is in ``|g⟩`` in basis state s.

    Examples
    --------
    >>> weights, ground = atom_bits(2)
    >>> weights.tolist(), ground.astype(int).tolist()
    ([2, 1], [[0, 0], [0, 1], [1, 0], [1, 1]])
    """
    n_atoms = require_atoms(n_atoms, MAX_BLOCK_ATOMS)
    weights = 1 << (n_atoms - 1 - np.arange(n_atoms))
    return weights, (np.arange(2**n_atoms)[:, None] & weights[None, :]) != 0


def sigma_plus(n_atoms: int, site: int) -> scipy.sparse.csr_array:
    """``σ⁺ = |e⟩⟨g|`` of atom ``site`` on N atoms, sparse, computational basis.

    Parameters
    ----------
    n_atoms : int
        Number of atoms N, 1 ≤ N ≤ MAX_BLOCK_ATOMS.
    site : int
        The atom, 0-based, in [0, N − 1].

    Returns
    -------
    scipy.sparse.csr_array, shape (2^N, 2^N)
        The dimensionless raising operator of that atom.
    """
    n_atoms = require_atoms(n_atoms, MAX_BLOCK_ATOMS)
    if not 0 <= site < n_atoms:
        raise ValueError(f"site must lie in [0, {n_atoms - 1}]; received {site}")
    weights, ground = atom_bits(n_atoms)
    states = np.flatnonzero(ground[:, site])
    return scipy.sparse.csr_array(
        (np.ones(states.size, dtype=complex), (states - weights[site], states)),
        shape=(2**n_atoms, 2**n_atoms))


def conserving_projection(n_atoms: int) -> BlockProjection:
    """The Δn = 0 block: entries ``⟨s|ρ|s'⟩`` with n(s) = n(s'), as a core BlockProjection.

    Parameters
    ----------
    n_atoms : int
        Number of atoms N, 1 ≤ N ≤ MAX_BLOCK_ATOMS.

    Returns
    -------
    BlockProjection
        Its ``kept`` are the column-stacked vec(ρ) indices, ascending; size C(2N, N).

    Examples
    --------
    >>> conserving_projection(3).size
    20
    """
    n_atoms = require_atoms(n_atoms, MAX_BLOCK_ATOMS)
    nexc = excitation_numbers(n_atoms)
    blocks = tuple(np.flatnonzero(nexc == k) for k in range(n_atoms, -1, -1))
    return BlockProjection(2**n_atoms, blocks)


def has_cross_sector_coherence(rho: np.ndarray, n_atoms: int) -> bool:
    """Whether ρ has coherences between different excitation numbers (it leaves the block).

    Parameters
    ----------
    rho : ndarray, shape (2^N, 2^N)
        Density matrix in the computational basis.
    n_atoms : int
        Number of atoms N, 1 ≤ N ≤ MAX_BLOCK_ATOMS.

    Returns
    -------
    bool
        True if some ``⟨s|ρ|s'⟩`` with n(s) ≠ n(s') exceeds ``STATE_TOLERANCE`` × 1e-3 in modulus.
    """
    nexc = excitation_numbers(n_atoms)
    cross = nexc[:, None] != nexc[None, :]
    return bool(np.max(np.abs(rho[cross]), initial=0.0) > STATE_TOLERANCE * 1e-3)


__all__ = [
    "MATRIX_TOLERANCE",
    "MAX_BLOCK_ATOMS",
    "MAX_FULL_ATOMS",
    "SIGMA_MINUS",
    "SIGMA_PLUS",
    "atom_bits",
    "conserving_projection",
    "excitation_numbers",
    "has_cross_sector_coherence",
    "require_atoms",
    "require_coupling_matrix",
    "sigma_plus",
]
