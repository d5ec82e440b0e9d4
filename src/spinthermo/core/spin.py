"""Angular-momentum operators and the coupling of two spins.

Bases are ordered explicitly:

* a single spin ``j``: ``|j, m⟩`` with ``m = j, j−1, …, −j`` (descending m, as QuTiP's ``jmat``);
* the product basis of two spins: ``|m1⟩ ⊗ |m2⟩``, both descending (``np.kron`` order);
* the coupled basis: ``|F, m_F⟩`` with F descending from ``j1 + j2`` to ``|j1 − j2|`` and,
  inside each F, m_F descending.

Clebsch–Gordan coefficients come from Racah's formula in exact rational arithmetic
(Condon–Shortley phases).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction
from functools import cached_property, lru_cache

import numpy as np

from spinthermo.core.checks import require_range


def _read_only(matrix: np.ndarray) -> np.ndarray:
    matrix.setflags(write=False)
    return matrix


#: Pauli matrices σ_k = 2 S_k of a spin 1/2 in the ``|m⟩`` basis, m = +1/2, −1/2 (descending,
#: as :func:`spin_operators`); for a two-level atom in the basis ``(|e⟩, |g⟩)``. The package's one
#: copy: import these rather than writing them out. Read-only (complex, shape (2, 2)).
SIGMA_X = _read_only(np.array([[0, 1], [1, 0]], dtype=complex))
SIGMA_Y = _read_only(np.array([[0, -1j], [1j, 0]], dtype=complex))
SIGMA_Z = _read_only(np.array([[1, 0], [0, -1]], dtype=complex))
#: σ₊ = ``|↑⟩⟨↓|`` (``|e⟩⟨g|``) and σ₋ = σ₊† = ``|↓⟩⟨↑|`` (``|g⟩⟨e|``) in the same basis.
SIGMA_PLUS = _read_only(np.array([[0, 1], [0, 0]], dtype=complex))
SIGMA_MINUS = _read_only(np.array([[0, 0], [1, 0]], dtype=complex))
#: ``(σ_x, σ_y, σ_z)`` stacked, shape (3, 2, 2): ``r·σ = einsum("...k,kij->...ij", r, ...)``.
PAULI_MATRICES = _read_only(np.stack([SIGMA_X, SIGMA_Y, SIGMA_Z]))


def _check_spin(name: str, j: float) -> float:
    require_range(name, j, 0.0, 1e3)
    if abs(2 * j - round(2 * j)) > 1e-12:
        raise ValueError(f"{name} must be a non-negative multiple of 1/2; received {j!r}")
    return round(2 * j) / 2


def spin_projections(j: float) -> np.ndarray:
    """Magnetic quantum numbers ``m = j, j−1, …, −j`` (descending).

    Parameters
    ----------
    j : float
        Spin quantum number, a non-negative multiple of 1/2 (at most 1000).

    Returns
    -------
    numpy.ndarray, shape (2j+1,)
        The projections m as floats, descending.
    """
    j = _check_spin("j", j)
    return j - np.arange(round(2 * j) + 1)


def spin_operators(j: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Spin matrices ``(J_x, J_y, J_z)`` for spin ``j`` in the ``|j, m⟩`` basis, m descending.

    ``J_z|m⟩ = m|m⟩`` and ``J_+|m⟩ = sqrt(j(j+1) − m(m+1)) |m+1⟩`` (ħ = 1).

    Parameters
    ----------
    j : float
        Spin quantum number, a non-negative multiple of 1/2 (at most 1000).

    Returns
    -------
    tuple of numpy.ndarray, each shape (2j+1, 2j+1)
        ``(J_x, J_y, J_z)``, complex, dimensionless (units of ħ).

    Examples
    --------
    >>> jx, jy, jz = spin_operators(0.5)
    >>> np.allclose(jx @ jy - jy @ jx, 1j * jz)
    True
    """
    m = spin_projections(j)
    j = float(m[0]) if m.size else 0.0
    jz = np.diag(m).astype(complex)
    # ⟨m+1|J_+|m⟩ sits one row above the diagonal in descending order.
    raising = np.diag(np.sqrt(j * (j + 1) - m[1:] * (m[1:] + 1)), k=1).astype(complex)
    jx = 0.5 * (raising + raising.conj().T)
    jy = -0.5j * (raising - raising.conj().T)
    return jx, jy, jz


@lru_cache(maxsize=65536)
def clebsch_gordan(j1: float, m1: float, j2: float, m2: float, j: float, m: float) -> float:
    """Clebsch–Gordan coefficient ``⟨j1 m1; j2 m2 | j m⟩`` by Racah's formula.

    Racah, Phys. Rev. 62, 438 (1942), Eq. (16'); Condon–Shortley phases. The square of the
    coefficient is computed exactly as a fraction; only the final square root is rounded.

    Parameters
    ----------
    j1, m1 : float
        First spin and its projection (multiples of 1/2).
    j2, m2 : float
        Second spin and its projection.
    j, m : float
        Total spin and its projection.

    Returns
    -------
    float
        The coefficient; 0 when the selection rules (m1 + m2 = m, triangle rule, ``|m| ≤ j``)
        forbid it.

    Examples
    --------
    >>> round(clebsch_gordan(0.5, 0.5, 0.5, -0.5, 1, 0) ** 2, 12)
    0.5
    """
    twice = [round(2 * v) for v in (j1, m1, j2, m2, j, m)]
    tj1, tm1, tj2, tm2, tj, tm = twice
    if tm1 + tm2 != tm or not abs(tj1 - tj2) <= tj <= tj1 + tj2 or (tj1 + tj2 + tj) % 2:
        return 0.0
    if abs(tm1) > tj1 or abs(tm2) > tj2 or abs(tm) > tj:
        return 0.0

    def fact(twice_value: int) -> int:
        return math.factorial(twice_value // 2)

    prefactor = Fraction(
        (tj + 1) * fact(tj + tj1 - tj2) * fact(tj - tj1 + tj2) * fact(tj1 + tj2 - tj),
        fact(tj1 + tj2 + tj + 2),
    ) * (fact(tj + tm) * fact(tj - tm) * fact(tj1 - tm1) * fact(tj1 + tm1)
         * fact(tj2 - tm2) * fact(tj2 + tm2))
    total = Fraction(0)
    for k in range(0, (tj1 + tj2 - tj) // 2 + 1):
        terms = (tj1 + tj2 - tj - 2 * k, tj1 - tm1 - 2 * k, tj2 + tm2 - 2 * k,
                 tj - tj2 + tm1 + 2 * k, tj - tj1 - tm2 + 2 * k)
        if min(terms) < 0:
            continue
        denominator = math.factorial(k) * math.prod(fact(t) for t in terms)
        total += Fraction((-1) ** k, denominator)
    return math.copysign(math.sqrt(prefactor * total * total), total)


@lru_cache(maxsize=64)
def _clebsch_gordan_table(j1: float, j2: float) -> np.ndarray:
    m1s, m2s = spin_projections(j1), spin_projections(j2)
    levels = coupled_levels(j1, j2)
    table = np.zeros((m1s.size * m2s.size, len(levels)))
    for col, (f, mf) in enumerate(levels):
        for a, m1 in enumerate(m1s):
            for b, m2 in enumerate(m2s):
                table[a * m2s.size + b, col] = clebsch_gordan(j1, m1, j2, m2, f, mf)
    table.setflags(write=False)
    return table


def coupled_levels(j1: float, j2: float) -> list[tuple[float, float]]:
    """The ``(F, m_F)`` labels of the coupled basis, in the package's order.

    Parameters
    ----------
    j1, j2 : float
        Spin quantum numbers of the two spins, non-negative multiples of 1/2.

    Returns
    -------
    list of tuple of float
        ``(F, m_F)`` for F descending from ``j1 + j2`` to ``|j1 − j2|``, m_F descending inside
        each F; length ``(2 j1 + 1)(2 j2 + 1)``.
    """
    j1, j2 = _check_spin("j1", j1), _check_spin("j2", j2)
    levels = []
    f = j1 + j2
    while f >= abs(j1 - j2) - 1e-12:
        levels.extend((f, float(m)) for m in spin_projections(f))
        f -= 1
    return levels


def coupling_transform(j1: float, j2: float) -> np.ndarray:
    """Unitary ``U`` with ``|F, m_F⟩ = Σ U[k, c] |k⟩``, k the product-basis index.

    An operator ``O`` in the product basis is ``U^T O U`` in the coupled basis (U is real).
    Entries are Clebsch–Gordan coefficients ``⟨j1 m1; j2 m2 | F m_F⟩``.

    Parameters
    ----------
    j1, j2 : float
        Spin quantum numbers of the two spins, non-negative multiples of 1/2.

    Returns
    -------
    numpy.ndarray, shape (d, d)
        Real orthogonal U, d = (2 j1 + 1)(2 j2 + 1); rows in the product basis
        ``|m1⟩ ⊗ |m2⟩``, columns in the order of :func:`coupled_levels`. Read-only.

    Examples
    --------
    >>> u = coupling_transform(0.5, 0.5)
    >>> np.allclose(u.T @ u, np.eye(4))
    True
    """
    return _clebsch_gordan_table(_check_spin("j1", j1), _check_spin("j2", j2))


@dataclass(frozen=True)
class CoupledSpins:
    """Two spins ``j1`` (e.g. the nucleus I) and ``j2`` (e.g. the electron S) and their sum F.

    Operators are given in the coupled ``|F, m_F⟩`` basis (F descending, m_F descending);
    ``product_to_coupled`` converts any operator from the ``|m1⟩ ⊗ |m2⟩`` basis.

    Parameters
    ----------
    j1 : float
        First spin (e.g. the nuclear spin I), a non-negative multiple of 1/2.
    j2 : float
        Second spin (e.g. the electron spin S), a non-negative multiple of 1/2.

    Examples
    --------
    >>> atom = CoupledSpins(1.5, 0.5)
    >>> atom.f_values
    (2.0, 1.0)
    >>> np.allclose(atom.total_z, np.diag([2, 1, 0, -1, -2, 1, 0, -1]))
    True
    """

    j1: float
    j2: float

    def __post_init__(self) -> None:
        object.__setattr__(self, "j1", _check_spin("j1", self.j1))
        object.__setattr__(self, "j2", _check_spin("j2", self.j2))

    @property
    def dimension(self) -> int:
        """Dimension d = (2 j1 + 1)(2 j2 + 1) of the two-spin space."""
        return round((2 * self.j1 + 1) * (2 * self.j2 + 1))

    @property
    def levels(self) -> list[tuple[float, float]]:
        """The ``(F, m_F)`` labels of the coupled basis.

        Same as :func:`coupled_levels` for ``(j1, j2)``.
        """
        return coupled_levels(self.j1, self.j2)

    @property
    def f_values(self) -> tuple[float, ...]:
        """The total spins F present, descending."""
        return tuple(dict.fromkeys(f for f, _ in self.levels))

    @property
    def f_blocks(self) -> tuple[np.ndarray, ...]:
        """Index arrays of the F manifolds in the coupled basis."""
        labels = np.array([f for f, _ in self.levels])
        return tuple(np.flatnonzero(labels == f) for f in self.f_values)

    def product_to_coupled(self, operator: np.ndarray) -> np.ndarray:
        """Express a product-basis operator (or batch) in the coupled basis, ``Uᵀ O U``.

        Parameters
        ----------
        operator : array_like, shape (..., d, d)
            Operator in the product basis ``|m1⟩ ⊗ |m2⟩``.

        Returns
        -------
        numpy.ndarray, shape (..., d, d)
            The operator in the coupled basis ``|F, m_F⟩``.
        """
        u = coupling_transform(self.j1, self.j2)
        return u.T @ np.asarray(operator) @ u

    def coupled_to_product(self, operator: np.ndarray) -> np.ndarray:
        """Express a coupled-basis operator (or batch) in the product basis, ``U O Uᵀ``.

        Parameters
        ----------
        operator : array_like, shape (..., d, d)
            Operator in the coupled basis ``|F, m_F⟩``.

        Returns
        -------
        numpy.ndarray, shape (..., d, d)
            The operator in the product basis ``|m1⟩ ⊗ |m2⟩``.
        """
        u = coupling_transform(self.j1, self.j2)
        return u @ np.asarray(operator) @ u.T

    def _vector(self, first: bool) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        ops = spin_operators(self.j1 if first else self.j2)
        other = np.eye(round(2 * (self.j2 if first else self.j1) + 1))
        return tuple(
            self.product_to_coupled(np.kron(op, other) if first else np.kron(other, op))
            for op in ops
        )

    @cached_property
    def first(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Components of spin ``j1`` (e.g. I) in the coupled basis."""
        return self._vector(first=True)

    @cached_property
    def second(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Components of spin ``j2`` (e.g. S) in the coupled basis."""
        return self._vector(first=False)

    @cached_property
    def total(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Components of F = j1 + j2 in the coupled basis."""
        return tuple(a + b for a, b in zip(self.first, self.second, strict=True))

    @property
    def total_z(self) -> np.ndarray:
        """F_z in the coupled basis, shape (d, d)."""
        return self.total[2]

    def scalar_coupling(self) -> np.ndarray:
        """The operator ``j1·j2`` (e.g. I·S), diagonal in the coupled basis.

        Returns
        -------
        numpy.ndarray, shape (d, d)
            ``Σ_k j1_k j2_k`` = [F(F+1) − j1(j1+1) − j2(j2+1)]/2 on each F manifold.
        """
        return sum(a @ b for a, b in zip(self.first, self.second, strict=True))
