"""Random states and operators shared by the thermo tests (plain numpy, seeded)."""

from __future__ import annotations

import numpy as np
from hypothesis import strategies as st

from spinthermo.core.spin import PAULI_MATRICES as PAULIS
from spinthermo.core.spin import SIGMA_X, SIGMA_Y, SIGMA_Z  # noqa: F401 (re-exported to tests)


def random_state(rng: np.random.Generator, d: int, rank: int | None = None) -> np.ndarray:
    """Ginibre-random density matrix of dimension d and the given rank (full by default)."""
    rank = d if rank is None else rank
    a = rng.normal(size=(d, rank)) + 1j * rng.normal(size=(d, rank))
    rho = a @ a.conj().T
    return rho / np.trace(rho).real


def random_pure_state(rng: np.random.Generator, d: int) -> np.ndarray:
    psi = rng.normal(size=d) + 1j * rng.normal(size=d)
    psi /= np.linalg.norm(psi)
    return np.outer(psi, psi.conj())


def random_hermitian(rng: np.random.Generator, d: int, scale: float = 1.0) -> np.ndarray:
    a = rng.normal(size=(d, d)) + 1j * rng.normal(size=(d, d))
    return scale * (a + a.conj().T) / 2


def random_unitary(rng: np.random.Generator, d: int) -> np.ndarray:
    q, r = np.linalg.qr(rng.normal(size=(d, d)) + 1j * rng.normal(size=(d, d)))
    return q * (np.diag(r) / np.abs(np.diag(r)))


def bloch_state(r) -> np.ndarray:
    """Qubit state (1 + r·σ)/2."""
    return (np.eye(2) + np.einsum("k,kij->ij", np.asarray(r, dtype=float), PAULIS)) / 2


def variance(rho: np.ndarray, op: np.ndarray) -> float:
    mean = np.trace(rho @ op).real
    return float(np.trace(rho @ op @ op).real - mean**2)


@st.composite
def states(draw, min_dim: int = 1, max_dim: int = 6, full_rank: bool = False):
    """Hypothesis strategy: (rng, rho) with random dimension and rank."""
    d = draw(st.integers(min_dim, max_dim))
    rank = d if full_rank else draw(st.integers(1, d))
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    return rng, random_state(rng, d, rank)
