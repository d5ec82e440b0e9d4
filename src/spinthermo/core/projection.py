"""Projection onto a block structure: the secular (hyperfine-resolved) approximation.

When a Hamiltonian splits the space into blocks separated by energies much larger than every
rate (the ground hyperfine manifolds F = I ± 1/2 of an alkali atom: A_hfs ≈ 2π·3.4 GHz against
rates ~10⁴ s⁻¹), coherences between blocks oscillate fast and average out. The secular
approximation keeps only the elements ρ_ij with i and j in the same block and projects the
generator onto them, ``P L P`` (Happer, RMP 44, 169 (1972); Appelt et al., PRA 58, 1412 (1998)).
The projected coordinates are the kept entries of ``vec(ρ)``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np


@dataclass(frozen=True)
class BlockProjection:
    """Keep the entries of a ``(d, d)`` matrix whose row and column lie in the same block.

    Parameters
    ----------
    dimension : int
        Hilbert-space dimension d.
    blocks : sequence of array_like of int
        Index arrays partitioning ``range(d)`` (e.g. the F manifolds of
        :attr:`~spinthermo.core.spin.CoupledSpins.f_blocks`).

    Examples
    --------
    >>> p = BlockProjection(4, ([0, 1], [2, 3]))
    >>> p.size
    8
    >>> rho = np.arange(16.0).reshape(4, 4)
    >>> p.embed(p.restrict(rho)).real[[0, 1], [2, 0]]
    array([0., 4.])
    """

    dimension: int
    blocks: tuple

    def __post_init__(self) -> None:
        blocks = tuple(np.asarray(b, dtype=int).ravel() for b in self.blocks)
        joined = np.sort(np.concatenate(blocks)) if blocks else np.array([], int)
        if not np.array_equal(joined, np.arange(self.dimension)):
            raise ValueError(
                f"blocks must partition range({self.dimension}) exactly; received {self.blocks}"
            )
        object.__setattr__(self, "blocks", blocks)

    @classmethod
    def identity(cls, dimension: int) -> BlockProjection:
        """The trivial projection that keeps every entry (one block).

        Parameters
        ----------
        dimension : int
            Hilbert-space dimension d.

        Returns
        -------
        BlockProjection
            With n = d*d kept coordinates.
        """
        return cls(dimension, (np.arange(dimension),))

    @cached_property
    def kept(self) -> np.ndarray:
        """Indices into ``vec(ρ)`` (column stacking) of the kept entries, ascending."""
        label = np.empty(self.dimension, dtype=int)
        for k, block in enumerate(self.blocks):
            label[block] = k
        rows, cols = np.meshgrid(np.arange(self.dimension), np.arange(self.dimension),
                                 indexing="ij")
        same = label[rows] == label[cols]
        flat = rows + self.dimension * cols  # column-stacked position of (row, col)
        return np.sort(flat[same])

    @property
    def size(self) -> int:
        """Number n of kept coordinates."""
        return int(self.kept.size)

    def restrict(self, rho: np.ndarray) -> np.ndarray:
        """Kept coordinates of a matrix or batch.

        Parameters
        ----------
        rho : array_like, shape (..., d, d)
            Density matrix (or any operator).

        Returns
        -------
        numpy.ndarray, shape (..., n)
            ``vec(ρ)[kept]``.
        """
        rho = np.asarray(rho)
        return np.swapaxes(rho, -1, -2).reshape(*rho.shape[:-2], -1)[..., self.kept]

    def embed(self, coordinates: np.ndarray) -> np.ndarray:
        """The matrix with the given kept coordinates and zeros elsewhere (inverse of restrict).

        Parameters
        ----------
        coordinates : array_like, shape (..., n)
            Kept coordinates.

        Returns
        -------
        numpy.ndarray, shape (..., d, d)
            Complex matrix, zero between different blocks.
        """
        coordinates = np.asarray(coordinates)
        d = self.dimension
        full = np.zeros((*coordinates.shape[:-1], d * d), dtype=np.result_type(coordinates, 1j))
        full[..., self.kept] = coordinates
        return np.swapaxes(full.reshape(*coordinates.shape[:-1], d, d), -1, -2)

    def superoperator(self, superop: np.ndarray) -> np.ndarray:
        """``P L P`` restricted to the kept coordinates.

        Parameters
        ----------
        superop : array_like, shape (..., d*d, d*d)
            Superoperator on ``vec(ρ)`` (column stacking), e.g. a Liouvillian in s⁻¹.

        Returns
        -------
        numpy.ndarray, shape (..., n, n)
        """
        superop = np.asarray(superop)
        return superop[..., self.kept[:, None], self.kept[None, :]]

    def row(self, row: np.ndarray) -> np.ndarray:
        """A row vector acting on ``vec(ρ)`` (trace, expectation value) restricted to P.

        Parameters
        ----------
        row : array_like, shape (..., d*d)
            Row such as :func:`~spinthermo.core.superop.trace_row` or
            :func:`~spinthermo.core.superop.expectation_row`.

        Returns
        -------
        numpy.ndarray, shape (..., n)
        """
        return np.asarray(row)[..., self.kept]
