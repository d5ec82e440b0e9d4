"""Dipolar cluster of two-level atoms in a thermal photon bath: seed 003 Secs. II–IV, App. A.

Çakmak, Manatuly & Müstecaplıoğlu, "Thermal production, protection, and heat exchange of
quantum coherences", PRA 96, 032117 (2017).

Model (seed 003 Eqs. 1–3, interaction picture of H_s, ħ = 1)::

    dρ/dt = −i[H_d, ρ] + D₋(ρ) + D₊(ρ),        H_d = Σ_{i≠j} f_ij σ⁺_i σ⁻_j,
    D₋(ρ) = Σ_ij γ_ij (n̄+1) (σ⁻_j ρ σ⁺_i − ½{σ⁺_i σ⁻_j, ρ}),
    D₊(ρ) = Σ_ij γ_ij n̄     (σ⁺_j ρ σ⁻_i − ½{σ⁻_i σ⁺_j, ρ}),

with f_ij and γ_ij from the geometry (Sec. II; Lehmberg, PRA 2, 883 (1970); Agarwal 1974),
checked here: γ_ij → γ0 as ξ = k0 r_ij → 0 (so γ_ii = γ0) and the paper's limits
f_ij ≈ 3γ0(1 − 3cos²α)/(4ξ³), γ_ij ≈ γ0 (ξ ≪ 1); f ≈ 0, γ_ij ≈ γ0 δ_ij (ξ ≫ 1).
An optional ``omega0`` adds H_s = (ω0/2) Σ σᶻ_i (laboratory frame); it drops out of every
quantity used here (it commutes with the generator and vanishes on the Δn = 0 block).

Basis (seed 003 Sec. III): the computational basis |s_1 … s_N⟩, atom 1 the most significant
factor (``np.kron`` order), each atom ordered (|e⟩, |g⟩), so index 0 is |e…e⟩ and index
2^N − 1 is |g…g⟩ (the paper's order). σᶻ|e⟩ = +|e⟩, σ⁺ = |e⟩⟨g|.
Dicke basis: |J = N/2, M⟩ with M descending from N/2 (all excited) to −N/2 (ground), i.e.
index q ↔ n = N − q excitations, the same order as the computational basis.

Structure used (and tested)
---------------------------
* **Δn = 0 block.** Every term of the generator changes the excitation numbers of the ket and
  the bra by the same amount, so ℒ commutes with the superoperator [N_exc, ·]: elements
  ⟨s|ρ|s'⟩ with n(s) = n(s') never couple to the others. From a state without coherences
  between different excitation numbers (the ground state, any diagonal state, any Dicke state)
  the dynamics stays in that block, of dimension Σ_k C(N, k)² = C(2N, N) instead of 4^N
  (N = 10: 184 756 against 1 048 576). :func:`conserving_projection` gives the kept entries of
  vec(ρ) (a :class:`~spinthermo.core.projection.BlockProjection` over excitation sectors) and
  :func:`liouvillian_conserving` builds ℒ on them directly, sector by sector; it equals
  ``L_full[kept][:, kept]`` of :func:`liouvillian_full` (tested).
* **Unique steady state.** The product Gibbs state ⊗ diag(n̄, n̄+1)/(2n̄+1) is stationary for
  every f and γ (each collective jump lowers H_s by ω0 and (n̄+1)/n̄ = e^{βω0}; H_d commutes
  with N_exc). When γ is positive definite the jump operators span every σ^±_i, whose commutant
  is trivial, so that state is the unique one (Spohn/Frigerio): the t → ∞ coherence of a
  generic geometry is **zero**. Finite long-time coherence (seed 003 Eq. 5, Fig. 4) needs a
  singular γ, e.g. the ξ → 0 limit γ_ij = γ0, where the null space is degenerate (conserved
  total-spin sectors) and the long-time state depends on the initial state; for small but
  finite ξ the paper's "long-time" coherence is a plateau that decays on the time scale set by
  the smallest eigenvalue of γ. :func:`long_time_state_general` uses the sparse steady state
  when γ is positive definite and otherwise projects the initial state onto the null space
  (dense, small blocks) or evolves it to convergence — never an arbitrary null vector.
* **Dicke reduction.** For f_ij = f0, γ_ij = γ0 (all i, j, diagonal included) every operator
  is collective: H_d = f0 (J₊J₋ − J_z − N/2), D± = γ0 [(n̄+1) D[J₋] + n̄ D[J₊]], and the
  symmetric subspace (N + 1 levels) is invariant. H_d is diagonal there, so a Dicke-diagonal
  state (e.g. the ground state) stays diagonal, independent of f0, and obeys a birth–death
  rate equation. The long-time state from any symmetric state is the Gibbs state restricted
  to the symmetric subspace, p_n ∝ x^n with x = n̄/(n̄+1), so

      C_l1^lt = Σ_n x^n (C(N, n) − 1) / Σ_n x^n,

  which for N = 2 is n̄(n̄+1)/(3n̄(n̄+1)+1) (seed 003 Eq. 5 at t → ∞). It grows like
  ((1+x)^N)/(N+1) — exponentially, not cubically as the fit of seed 003 Fig. 4 (N ≤ 7).

Appendix A (Eq. A1) as printed has two misprints, corrected here and checked against exact
propagation: ρ22(t), ρ33(t) must be real — the term is ∓2 Im ρ23(0) sin(2ft)/2 without the
factor i (and with a minus sign in ρ22 for H_d = f(σ⁺_1σ⁻_2 + σ⁺_2σ⁻_1)) — and ρ23(t) keeps the
full Re ρ23(0), not Re ρ23(0)/2.
"""

from __future__ import annotations

import math
import warnings
from dataclasses import dataclass, field

import numpy as np
import scipy.linalg
import scipy.sparse
import scipy.sparse.linalg
import scipy.special

from spinthermo.core.checks import (
    STATE_TOLERANCE,
    require_density_matrix,
    require_finite,
    require_nonnegative,
    require_positive,
    require_range,
    require_times,
)
from spinthermo.core.evolution import evolve, evolve_sparse_linear
from spinthermo.core.generator import MeanFieldGenerator
from spinthermo.core.projection import BlockProjection
from spinthermo.core.spin import spin_projections
from spinthermo.core.steady import DEFAULT_STEADY_TOL, SteadyStateError, steady_state_sparse
from spinthermo.core.superop import sparse_liouvillian, sparse_sprepost
from spinthermo.thermo.coherence import l1_coherence

#: Below this ξ = k0 r the combination cos ξ/ξ² − sin ξ/ξ³ loses ~eps/ξ³ to cancellation; its
#: Taylor series −1/3 + ξ²/30 − ξ⁴/840 + ξ⁶/45360 is used instead (truncation < 1e-17 there).
SMALL_XI = 0.05
#: Relative separation below which two atoms count as coincident (|r_i − r_j| ≤ this times
#: the largest distance from the centroid, or exactly zero): the couplings diverge there.
COINCIDENT_TOLERANCE = 1e-12
#: Smallest separation (m) of two atoms in :func:`geometric_couplings`, whatever the cluster
#: size: 1 nm. f_ij and γ_ij are the couplings of point dipoles (Lehmberg 1970), valid while the
#: atoms' electron clouds do not overlap. Alkali atoms have van der Waals radii of 0.23–0.34 nm
#: (Bondi 1964), so below ~1 nm exchange and chemical binding, not the 1/r³ dipole coupling,
#: set the interaction (and f ∝ 1/r³ would reach 1e54 γ0 at 1e-25 m).
MIN_DIPOLE_SEPARATION_M = 1e-9
#: Allowed asymmetry and negative eigenvalue of γ (relative to max|γ|): the geometric γ is
#: symmetric and positive semidefinite up to rounding (~1e-16); 1e-10 rejects genuine errors.
MATRIX_TOLERANCE = 1e-10
#: γ counts as positive definite (unique steady state) when λ_min(γ) > this × λ_max(γ). Below
#: it the sparse LU of the bordered system is ill-conditioned and the degenerate path is used.
POSITIVE_DEFINITE_TOLERANCE = 1e-9
#: Largest Liouvillian block handled by dense spectral projection in the degenerate case
#: (N ≤ 6 on the Δn = 0 block: C(12, 6) = 924); larger blocks are evolved to convergence.
DENSE_PROJECTION_LIMIT = 1000
#: Eigenvalues with |λ| ≤ this × max|L| count as zero in the spectral projection.
NULL_TOLERANCE = 1e-9
#: Long-time evolution stops when two states a time-doubling apart differ by ≤ this (max
#: entry); the trace is conserved to rounding, so this bounds the distance to the limit.
CONVERGENCE_TOLERANCE = 1e-10
#: Absolute error assumed per propagated Dicke-basis element (expm / Krylov at double
#: precision on O(1) entries: a few ulp times the number of steps), for ``l1_error``.
POPULATION_ERROR = 1e-14
#: Largest N for which a full 2^N × 2^N operator / 4^N Liouvillian is built (4^7 ≈ 16 000).
MAX_FULL_ATOMS = 7
#: Largest N of the Δn = 0 block machinery (C(24, 12) ≈ 2.7 million coordinates).
MAX_BLOCK_ATOMS = 12
#: Largest block for the sparse-LU steady state: SuperLU fills the bordered Δn = 0 block in
#: to nearly dense (N = 7: 9.0e6 factor entries for 3432² = 1.2e7; N = 8: 1.4e8, ~10 min).
LU_LIMIT = 4000

SIGMA_PLUS = np.array([[0, 1], [0, 0]], dtype=complex)  # |e⟩⟨g| in (|e⟩, |g⟩)
SIGMA_MINUS = SIGMA_PLUS.T.copy()  # |g⟩⟨e|


# --------------------------------------------------------------------------- validation


def _check_atoms(n_atoms, limit: int | None = None, name: str = "n_atoms") -> int:
    if isinstance(n_atoms, bool) or not isinstance(n_atoms, int | np.integer):
        raise TypeError(f"{name} must be an integer; received {type(n_atoms).__name__}")
    high = math.inf if limit is None else limit
    if not 1 <= n_atoms <= high:
        raise ValueError(f"{name} must lie in [1, {high:g}]; received {n_atoms}")
    return int(n_atoms)


def _check_coupling_matrix(name: str, value, n_atoms: int | None = None) -> np.ndarray:
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


# --------------------------------------------------------------------------- geometry


def _minus_j1_over_xi(xi: np.ndarray) -> np.ndarray:
    """cos ξ/ξ² − sin ξ/ξ³ = −j1(ξ)/ξ, with its Taylor series for ξ < SMALL_XI."""
    xi = np.asarray(xi, dtype=float)
    small = xi < SMALL_XI
    safe = np.where(small, 1.0, xi)
    exact = np.cos(safe) / safe**2 - np.sin(safe) / safe**3
    x2 = xi * xi
    series = -1.0 / 3.0 + x2 / 30.0 - x2 * x2 / 840.0 + x2**3 / 45360.0
    return np.where(small, series, exact)


def _check_xi(xi, cos_alpha):
    xi = np.asarray(require_positive("xi", xi), dtype=float)
    cos_alpha = np.asarray(require_range("cos_alpha", cos_alpha, -1.0, 1.0), dtype=float)
    return xi, cos_alpha


def dipolar_shift(xi, cos_alpha, gamma0: float = 1.0):
    r"""Dipole–dipole shift f(ξ, α) (seed 003 Sec. II, first formula below Eq. 3).

    .. math:: f = \tfrac{3\gamma_0}{4}\Big[(1-3\cos^2\alpha)\Big(\frac{\sin\xi}{\xi^2}
              + \frac{\cos\xi}{\xi^3}\Big) - (1-\cos^2\alpha)\frac{\cos\xi}{\xi}\Big]

    ξ = k0 r_ij > 0, α the angle between r_ij and the dipole. Same units as ``gamma0``.

    >>> round(float(dipolar_shift(1e-2, 0.0) * 1e-6), 4)   # near field: 3/(4ξ³) → 0.75e6
    0.75
    """
    xi, c = _check_xi(xi, cos_alpha)
    require_nonnegative("gamma0", gamma0)
    c2 = c * c
    return 0.75 * gamma0 * ((1 - 3 * c2) * (np.sin(xi) / xi**2 + np.cos(xi) / xi**3)
                            - (1 - c2) * np.cos(xi) / xi)


def collective_decay(xi, cos_alpha, gamma0: float = 1.0):
    r"""Collective decay rate γ(ξ, α) (seed 003 Sec. II, second formula below Eq. 3).

    .. math:: \gamma = \tfrac{3\gamma_0}{2}\Big[(1-3\cos^2\alpha)\Big(\frac{\cos\xi}{\xi^2}
              - \frac{\sin\xi}{\xi^3}\Big) + (1-\cos^2\alpha)\frac{\sin\xi}{\xi}\Big]

    Evaluated without cancellation for small ξ; γ → γ0 as ξ → 0 for every α.

    >>> round(float(collective_decay(1e-6, 0.3)), 12)
    1.0
    """
    xi, c = _check_xi(xi, cos_alpha)
    require_nonnegative("gamma0", gamma0)
    c2 = c * c
    return 1.5 * gamma0 * ((1 - 3 * c2) * _minus_j1_over_xi(xi) + (1 - c2) * np.sin(xi) / xi)


def dipolar_shift_near_field(xi, cos_alpha, gamma0: float = 1.0):
    """ξ ≪ 1 limit f ≈ 3γ0(1 − 3cos²α)/(4ξ³) (seed 003 Sec. II); there γ_ij ≈ γ0."""
    xi, c = _check_xi(xi, cos_alpha)
    require_nonnegative("gamma0", gamma0)
    return 0.75 * gamma0 * (1 - 3 * c * c) / xi**3


def collective_decay_near_field(xi, cos_alpha, gamma0: float = 1.0):
    """ξ ≪ 1 limit γ_ij ≈ γ0 for all i, j (seed 003 Sec. II)."""
    xi, c = _check_xi(xi, cos_alpha)
    require_nonnegative("gamma0", gamma0)
    return np.full(np.broadcast_shapes(xi.shape, c.shape), float(gamma0))


def far_field_couplings(n_atoms: int, gamma0: float = 1.0) -> tuple[np.ndarray, np.ndarray]:
    """ξ ≫ 1 limit (seed 003 Sec. II): f ≈ 0 and γ_ij ≈ γ0 δ_ij — independent atoms."""
    n_atoms = _check_atoms(n_atoms)
    require_nonnegative("gamma0", gamma0)
    return np.zeros((n_atoms, n_atoms)), gamma0 * np.eye(n_atoms)


def geometric_couplings(positions, dipole, *, k0: float | None = None,
                        wavelength: float | None = None, gamma0: float = 1.0,
                        ) -> tuple[np.ndarray, np.ndarray]:
    """Coupling matrices ``(f, γ)`` of point dipoles at ``positions`` (seed 003 Sec. II).

    ``positions`` (N, 3) in metres, ``dipole`` the common dipole direction (normalised here),
    and exactly one of ``k0`` (rad/m) or ``wavelength`` (m, k0 = 2π/λ). ξ_ij = k0 |r_i − r_j|,
    cos α_ij = r̂_ij · d̂. f_ii = 0 (H_d excludes i = j), γ_ii = γ0. Atoms closer than
    ``MIN_DIPOLE_SEPARATION_M`` (1 nm, where the point-dipole picture fails) or coincident
    relative to the cluster size (``COINCIDENT_TOLERANCE``) raise ``ValueError``.

    >>> f, g = geometric_couplings([[0, 0, 0], [0, 0, 1e-9]], [1, 0, 0], wavelength=780e-9)
    >>> bool(abs(g[0, 1] - 1) < 1e-4), bool(f[0, 1] > 1e5)
    (True, True)
    """
    pos = np.asarray(require_finite("positions", positions), dtype=float)
    if pos.ndim != 2 or pos.shape[1] != 3 or pos.shape[0] < 1:
        raise ValueError(f"positions must have shape (N, 3), N ≥ 1; received shape {pos.shape}")
    d = np.asarray(require_finite("dipole", dipole), dtype=float)
    if d.shape != (3,) or not np.linalg.norm(d) > 0:
        raise ValueError(f"dipole must be a non-zero 3-vector; received {d!r}")
    d = d / np.linalg.norm(d)
    if (k0 is None) == (wavelength is None):
        raise ValueError("give exactly one of k0 (rad/m) or wavelength (m)")
    if k0 is None:
        k0 = 2 * math.pi / require_positive("wavelength", wavelength, unit="m")
    require_positive("k0", k0, unit="rad/m")
    require_nonnegative("gamma0", gamma0)
    n = pos.shape[0]
    sep = pos[:, None, :] - pos[None, :, :]
    r = np.linalg.norm(sep, axis=-1)
    scale = max(float(np.max(np.linalg.norm(pos - pos.mean(0), axis=1))), 1e-300)
    off = ~np.eye(n, dtype=bool)
    close = off & (r <= COINCIDENT_TOLERANCE * scale)
    if np.any(close):
        i, j = np.argwhere(close)[0]
        raise ValueError(
            f"positions must be distinct: atoms {i} and {j} coincide (|r_i - r_j| = "
            f"{r[i, j]:.3g} m); the dipolar couplings diverge there"
        )
    too_close = off & (r < MIN_DIPOLE_SEPARATION_M)
    if np.any(too_close):
        i, j = np.argwhere(too_close)[0]
        raise ValueError(
            f"positions must be at least {MIN_DIPOLE_SEPARATION_M:g} m apart (point dipoles: "
            f"closer, the atoms' electron clouds overlap); atoms {i} and {j} are "
            f"{r[i, j]:.3g} m apart"
        )
    f = np.zeros((n, n))
    g = gamma0 * np.eye(n)
    if n > 1:
        xi = k0 * r[off]
        cos_alpha = np.clip((sep[off] @ d) / r[off], -1.0, 1.0)
        f[off] = dipolar_shift(xi, cos_alpha, gamma0)
        g[off] = collective_decay(xi, cos_alpha, gamma0)
    return f, g


# --------------------------------------------------------------------------- the model


@dataclass(frozen=True)
class DipolarCluster:
    """N two-level atoms with couplings f_ij, γ_ij in a bath with n̄ photons (seed 003 Eq. 1).

    ``f`` and ``gamma`` are Hermitian (N, N) matrices (rad/s and s⁻¹; the diagonal of ``f`` is
    ignored, ``gamma`` must be positive semidefinite), ``nbar`` ≥ 0, ``omega0`` the transition
    frequency (0: interaction picture, as Eq. 1). Build with :meth:`from_positions`,
    :meth:`identical` or directly from matrices.

    >>> DipolarCluster.identical(3, nbar=1.0, f0=2.0).gamma.tolist()
    [[1.0, 1.0, 1.0], [1.0, 1.0, 1.0], [1.0, 1.0, 1.0]]
    """

    f: np.ndarray
    gamma: np.ndarray
    nbar: float
    omega0: float = 0.0
    source: dict = field(default_factory=dict, compare=False)

    def __post_init__(self) -> None:
        gamma = _check_coupling_matrix("gamma", self.gamma)
        n = _check_atoms(gamma.shape[0], name="number of atoms (gamma.shape[0])")
        f = _check_coupling_matrix("f", self.f, n)
        f = f.copy()
        np.fill_diagonal(f, 0.0)
        scale = max(float(np.max(np.abs(gamma))), 1e-300)
        lowest = float(np.min(np.linalg.eigvalsh(gamma)))
        if lowest < -MATRIX_TOLERANCE * scale:
            raise ValueError(
                "gamma must be positive semidefinite (otherwise Eqs. 2-3 are not of Lindblad "
                f"form); received smallest eigenvalue {lowest:.3g}"
            )
        require_nonnegative("nbar", self.nbar)
        require_finite("omega0", self.omega0)
        object.__setattr__(self, "f", f)
        object.__setattr__(self, "gamma", gamma)
        object.__setattr__(self, "nbar", float(self.nbar))
        object.__setattr__(self, "omega0", float(self.omega0))

    @classmethod
    def from_positions(cls, positions, dipole, nbar: float, *, k0: float | None = None,
                       wavelength: float | None = None, gamma0: float = 1.0,
                       omega0: float = 0.0) -> DipolarCluster:
        """Couplings from geometry (seed 003 Sec. II); see :func:`geometric_couplings`."""
        f, g = geometric_couplings(positions, dipole, k0=k0, wavelength=wavelength,
                                   gamma0=gamma0)
        source = {"positions": np.asarray(positions, float).tolist(),
                  "dipole": np.asarray(dipole, float).tolist(), "k0": k0,
                  "wavelength": wavelength, "gamma0": gamma0}
        return cls(f, g, nbar, omega0, source)

    @classmethod
    def identical(cls, n_atoms: int, nbar: float, f0: float = 1.0, gamma0: float = 1.0,
                  gamma_self: float | None = None, omega0: float = 0.0) -> DipolarCluster:
        """f_ij = f0, γ_ij = γ0 (i ≠ j), γ_ii = ``gamma_self`` (default γ0): seed 003 Sec. III.

        ``gamma_self`` ≥ γ0 keeps γ positive semidefinite (γ_ii − γ0 is then a local rate).
        """
        n_atoms = _check_atoms(n_atoms)
        require_finite("f0", f0)
        require_nonnegative("gamma0", gamma0)
        gs = gamma0 if gamma_self is None else gamma_self
        require_nonnegative("gamma_self", gs)
        f = np.full((n_atoms, n_atoms), float(f0))
        g = np.full((n_atoms, n_atoms), float(gamma0))
        np.fill_diagonal(g, gs)
        source = {"f0": f0, "gamma0": gamma0, "gamma_self": gs}
        return cls(f, g, nbar, omega0, source)

    @property
    def n_atoms(self) -> int:
        return self.gamma.shape[0]

    @property
    def dimension(self) -> int:
        return 2**self.n_atoms

    def is_collective(self, rtol: float = MATRIX_TOLERANCE) -> bool:
        """Whether f_ij = f0 (i ≠ j) and γ_ij = γ0 for all i, j: the exact Dicke case."""
        g0 = self.gamma.flat[0]
        off = ~np.eye(self.n_atoms, dtype=bool)
        f_off = self.f[off]
        f_scale = max(float(np.max(np.abs(f_off), initial=0.0)), 1e-300)
        f_same = f_off.size == 0 or float(np.max(np.abs(f_off - f_off[0]))) <= rtol * f_scale
        gamma_same = float(np.max(np.abs(self.gamma - g0))) <= rtol * max(abs(g0), 1e-300)
        return bool(gamma_same and f_same)

    def gamma_is_positive_definite(self) -> bool:
        """λ_min(γ) > POSITIVE_DEFINITE_TOLERANCE λ_max(γ): the steady state is then unique."""
        ev = np.linalg.eigvalsh(self.gamma)
        return bool(ev[-1] > 0 and ev[0] > POSITIVE_DEFINITE_TOLERANCE * ev[-1])

    def dipolar_hamiltonian(self) -> scipy.sparse.csr_array:
        """H_d = Σ_{i≠j} f_ij σ⁺_i σ⁻_j in the computational basis (seed 003 Eq. 1), sparse."""
        _check_atoms(self.n_atoms, MAX_BLOCK_ATOMS, "number of atoms")
        plus = [sigma_plus(self.n_atoms, i) for i in range(self.n_atoms)]
        minus = [p.T for p in plus]
        h = scipy.sparse.csr_array((self.dimension, self.dimension), dtype=complex)
        for i in range(self.n_atoms):
            for j in range(self.n_atoms):
                if i != j and self.f[i, j] != 0:
                    h = h + self.f[i, j] * (plus[i] @ minus[j])
        return scipy.sparse.csr_array(h)

    def hamiltonian(self) -> scipy.sparse.csr_array:
        """(ω0/2) Σ σᶻ_i + H_d (seed 003 Sec. II and Eq. 1); ω0 = 0 is Eq. 1's frame."""
        h = self.dipolar_hamiltonian()
        if self.omega0:
            nexc = excitation_numbers(self.n_atoms)
            h = h + scipy.sparse.diags_array(self.omega0 * (nexc - self.n_atoms / 2.0))
        return scipy.sparse.csr_array(h)

    def ground_state(self) -> np.ndarray:
        """|g…g⟩⟨g…g| (the last computational basis state)."""
        rho = np.zeros((self.dimension, self.dimension), dtype=complex)
        rho[-1, -1] = 1.0
        return rho

    def gibbs_state(self) -> np.ndarray:
        """⊗_i diag(n̄, n̄+1)/(2n̄+1): the thermal state, stationary for every f and γ."""
        p_e = self.nbar / (2 * self.nbar + 1)
        single = np.array([p_e, 1 - p_e])
        diag = np.ones(1)
        for _ in range(self.n_atoms):
            diag = np.kron(diag, single)
        return np.diag(diag).astype(complex)

    def commutes_with_dipolar(self, rho, atol: float = 1e-10) -> bool:
        """Whether ρ is left unchanged by the dipolar-only evolution: ‖[H_d, ρ]‖_max ≤ atol.

        Seed 003 Sec. III B / App. A: for N = 2 this is the paper's set — ρ supported on
        {ρ11, ρ14, ρ41, ρ44} and/or ρ22 = ρ33 with ρ23 real (and ρ12 = ρ13 = ρ24 = ρ34 = 0).
        """
        rho = np.asarray(require_finite("rho", rho), dtype=complex)
        if rho.shape != (self.dimension, self.dimension):
            raise ValueError(
                f"rho must have shape ({self.dimension}, {self.dimension}); received {rho.shape}"
            )
        h = self.dipolar_hamiltonian()
        comm = h @ rho - (h.T @ rho.T).T
        return bool(np.max(np.abs(comm), initial=0.0) <= atol)


# --------------------------------------------------------------------------- operators


def excitation_numbers(n_atoms: int) -> np.ndarray:
    """Number of excited atoms of each computational basis state (index 0 = |e…e⟩ → N).

    >>> excitation_numbers(2).tolist()
    [2, 1, 1, 0]
    """
    n_atoms = _check_atoms(n_atoms, MAX_BLOCK_ATOMS)
    idx = np.arange(2**n_atoms)
    ground_bits = (idx[:, None] >> (n_atoms - 1 - np.arange(n_atoms))[None, :]) & 1
    return n_atoms - ground_bits.sum(axis=1)


def sigma_plus(n_atoms: int, site: int) -> scipy.sparse.csr_array:
    """σ⁺ = |e⟩⟨g| of atom ``site`` (0-based) on N atoms, sparse, computational basis."""
    n_atoms = _check_atoms(n_atoms, MAX_BLOCK_ATOMS)
    if not 0 <= site < n_atoms:
        raise ValueError(f"site must lie in [0, {n_atoms - 1}]; received {site}")
    left = scipy.sparse.identity(2**site, format="csr")
    right = scipy.sparse.identity(2 ** (n_atoms - 1 - site), format="csr")
    return scipy.sparse.csr_array(scipy.sparse.kron(
        scipy.sparse.kron(left, scipy.sparse.csr_array(SIGMA_PLUS)), right, format="csr"))


def liouvillian_full(cluster: DipolarCluster) -> scipy.sparse.csr_array:
    """ℒ of seed 003 Eqs. (1)–(3) on the full 4^N space, sparse, literally term by term.

    Column stacking (``vec(AXB) = (B^T ⊗ A) vec(X)``, as :mod:`spinthermo.core.superop`).
    Independent of :func:`liouvillian_conserving`, which it validates. N ≤ MAX_FULL_ATOMS.
    """
    n = _check_atoms(cluster.n_atoms, MAX_FULL_ATOMS, "number of atoms")
    d = cluster.dimension
    eye = scipy.sparse.identity(d, dtype=complex, format="csr")
    h = cluster.hamiltonian()
    lv = -1j * (sparse_sprepost(h, eye) - sparse_sprepost(eye, h))
    plus = [sigma_plus(n, i) for i in range(n)]
    minus = [p.T.tocsr() for p in plus]
    nb = cluster.nbar
    for i in range(n):
        for j in range(n):
            g = cluster.gamma[i, j]
            if g == 0:
                continue
            down = plus[i] @ minus[j]
            up = minus[i] @ plus[j]
            lv = lv + g * (nb + 1) * (sparse_sprepost(minus[j], plus[i])
                                      - 0.5 * sparse_sprepost(down, eye)
                                      - 0.5 * sparse_sprepost(eye, down))
            if nb:
                lv = lv + g * nb * (sparse_sprepost(plus[j], minus[i])
                                    - 0.5 * sparse_sprepost(up, eye)
                                    - 0.5 * sparse_sprepost(eye, up))
    return scipy.sparse.csr_array(lv)


def conserving_projection(n_atoms: int) -> BlockProjection:
    """The Δn = 0 block: entries ⟨s|ρ|s'⟩ with n(s) = n(s'), as a core BlockProjection.

    Its ``kept`` are the column-stacked vec(ρ) indices, ascending; size C(2N, N).

    >>> conserving_projection(3).size
    20
    """
    n_atoms = _check_atoms(n_atoms, MAX_BLOCK_ATOMS)
    nexc = excitation_numbers(n_atoms)
    blocks = tuple(np.flatnonzero(nexc == k) for k in range(n_atoms, -1, -1))
    return BlockProjection(2**n_atoms, blocks)


def liouvillian_conserving(cluster: DipolarCluster,
                           projection: BlockProjection | None = None,
                           ) -> scipy.sparse.csr_array:
    """ℒ of seed 003 Eqs. (1)–(3) on the Δn = 0 block, built directly (sparse).

    Coordinates: ``conserving_projection(N).kept`` (vec indices, column stacking). Per
    excitation sector k (C(N,k) states): the no-jump part X ↦ −(K X + X K†) with
    K = i H_d + ½ Σ_ij γ_ij [(n̄+1) σ⁺_iσ⁻_j + n̄ σ⁻_iσ⁺_j]; the decay jumps feed sector k from
    k + 1 with (n̄+1) γ_ij X[a+e_j, b+e_i], the pumping jumps from k − 1 with n̄ γ_ij
    X[a−e_j, b−e_i]. About (N² + 2) C(2N, N) non-zeros (N = 10: ~1.9e7).
    """
    n = _check_atoms(cluster.n_atoms, MAX_BLOCK_ATOMS, "number of atoms")
    d = cluster.dimension
    proj = conserving_projection(n) if projection is None else projection
    position = np.full(d * d, -1, dtype=np.int64)
    position[proj.kept] = np.arange(proj.size)
    nexc = excitation_numbers(n)
    weight = 1 << (n - 1 - np.arange(n))  # index change of flipping atom i
    idx = np.arange(d)
    excited = ((idx[:, None] & weight[None, :]) == 0)  # (d, N)
    f, g, nb = cluster.f, cluster.gamma, cluster.nbar
    hop_coeff = 1j * f + 0.5 * ((nb + 1) * g + nb * g.T)  # coefficient of σ⁺_i σ⁻_j in K
    diag_k = 0.5 * (np.where(excited, (nb + 1) * np.diag(g).real, nb * np.diag(g).real)
                    ).sum(axis=1)
    rows_all, cols_all, vals_all = [], [], []

    def emit(rows, cols, vals):
        rows_all.append(position[rows.ravel()])
        cols_all.append(position[cols.ravel()])
        vals_all.append(np.broadcast_to(vals, rows.shape).ravel().astype(complex))

    for k in range(n + 1):
        states = np.flatnonzero(nexc == k)
        # K in this sector (COO over global state indices): diagonal + hops j → i
        kr, kc, kv = [states], [states], [diag_k[states].astype(complex)]
        if 0 < k < n:
            occ = excited[states]
            s_idx, j_site = np.nonzero(occ)  # j excited
            for i in range(n):
                mask = ~excited[states[s_idx], i]  # i not excited (so i ≠ j)
                src = states[s_idx[mask]]
                js = j_site[mask]
                kr.append(src + weight[js] - weight[i])
                kc.append(src)
                kv.append(hop_coeff[i, js])
        kr, kc, kv = np.concatenate(kr), np.concatenate(kc), np.concatenate(kv)
        # −K X: (a', b) ← (a, b);  −X K†: (a, b') ← (a, b) with conj(K[b', b])
        emit(kr[:, None] + d * states[None, :], kc[:, None] + d * states[None, :], -kv[:, None])
        emit(states[:, None] + d * kr[None, :], states[:, None] + d * kc[None, :],
             -np.conj(kv)[None, :])
        occ = excited[states]
        if k < n:  # decay: X'[a, b] += (n̄+1) γ_ij X[a + e_j, b + e_i], j ∉ a, i ∉ b
            s_i, site = np.nonzero(~occ)
            m = n - k
            up_state = (states[s_i] - weight[site]).reshape(states.size, m)
            up_site = site.reshape(states.size, m)
            rows = (states[:, None, None, None] + d * states[None, None, :, None])
            rows = np.broadcast_to(rows, (states.size, m, states.size, m))
            cols = up_state[:, :, None, None] + d * up_state[None, None, :, :]
            vals = (nb + 1) * g[up_site[None, None, :, :], up_site[:, :, None, None]]
            emit(rows, cols, vals)
        if k > 0 and nb:  # pumping: X'[a, b] += n̄ γ_ij X[a − e_j, b − e_i], j ∈ a, i ∈ b
            s_i, site = np.nonzero(occ)
            down_state = (states[s_i] + weight[site]).reshape(states.size, k)
            down_site = site.reshape(states.size, k)
            rows = (states[:, None, None, None] + d * states[None, None, :, None])
            rows = np.broadcast_to(rows, (states.size, k, states.size, k))
            cols = down_state[:, :, None, None] + d * down_state[None, None, :, :]
            vals = nb * g[down_site[None, None, :, :], down_site[:, :, None, None]]
            emit(rows, cols, vals)
    rows, cols = np.concatenate(rows_all), np.concatenate(cols_all)
    vals = np.concatenate(vals_all)
    keep = vals != 0
    return scipy.sparse.csr_array(
        scipy.sparse.coo_array((vals[keep], (rows[keep], cols[keep])),
                               shape=(proj.size, proj.size)))


def _has_cross_sector_coherence(rho: np.ndarray, n_atoms: int) -> bool:
    nexc = excitation_numbers(n_atoms)
    cross = nexc[:, None] != nexc[None, :]
    return bool(np.max(np.abs(rho[cross]), initial=0.0) > STATE_TOLERANCE * 1e-3)


# --------------------------------------------------------------------------- evolution


@dataclass(frozen=True)
class Trajectory:
    """States ``(T, d, d)`` at ``times`` with their l1 coherence (computational basis)."""

    times: np.ndarray
    states: np.ndarray
    l1: np.ndarray
    block: str
    parameters: dict


def _check_initial(cluster: DipolarCluster, initial_state) -> np.ndarray:
    if initial_state is None:
        return cluster.ground_state()
    rho = require_density_matrix("initial_state", initial_state)
    if rho.shape != (cluster.dimension, cluster.dimension):
        raise ValueError(
            f"initial_state must have shape ({cluster.dimension}, {cluster.dimension}) for "
            f"N = {cluster.n_atoms}; received {rho.shape}"
        )
    return np.asarray(rho, dtype=complex)


def evolve_cluster(cluster: DipolarCluster, times, initial_state=None) -> Trajectory:
    """ρ(t) of seed 003 Eq. (1) at ``times`` (s, from ρ(0) at t = 0), sparse Krylov propagation.

    Uses the Δn = 0 block (:func:`liouvillian_conserving`) when ρ(0) has no coherence between
    different excitation numbers (default ρ(0): the ground state), else the full 4^N space.
    """
    times = require_times(times)
    rho0 = _check_initial(cluster, initial_state)
    n = cluster.n_atoms
    if _has_cross_sector_coherence(rho0, n):
        proj = BlockProjection.identity(cluster.dimension)
        lv, block = liouvillian_full(cluster), "full"
    else:
        proj = conserving_projection(n)
        lv, block = liouvillian_conserving(cluster, proj), "conserving"
    states = proj.embed(evolve_sparse_linear(lv, proj.restrict(rho0), times, t0=0.0))
    states = 0.5 * (states + np.conj(np.swapaxes(states, -1, -2)))
    l1 = np.array([_l1(s) for s in states])
    return Trajectory(times, states, l1, block, _parameters(cluster))


def _l1(rho: np.ndarray) -> float:
    return float(np.sum(np.abs(rho)) - np.sum(np.abs(np.diagonal(rho))))


def _parameters(cluster: DipolarCluster) -> dict:
    return {"f": cluster.f.tolist(), "gamma": cluster.gamma.tolist(), "nbar": cluster.nbar,
            "omega0": cluster.omega0, **cluster.source}


# --------------------------------------------------------------------------- long time


@dataclass(frozen=True)
class LongTimeState:
    """The t → ∞ state (d × d, computational basis) and how it was obtained.

    ``method``: ``"gibbs-certified"`` (unique steady state = product Gibbs state, certified by
    its residual), ``"sparse-lu"`` (unique steady state, sparse LU of the bordered block),
    ``"projection"`` (spectral projection of ρ(0) onto the null space; equals the time average
    if undamped oscillations remain, flagged by ``oscillating``) or ``"evolution"`` (Krylov
    propagation until two states a time-doubling apart agree to CONVERGENCE_TOLERANCE).
    """

    state: np.ndarray
    method: str
    unique: bool
    residual: float
    oscillating: bool
    block: str
    parameters: dict

    @property
    def l1(self) -> float:
        """l1 coherence in the computational basis (seed 003 Eq. 4)."""
        return float(l1_coherence(self.state))


def _null_projection(lv: np.ndarray, x0: np.ndarray) -> tuple[np.ndarray, bool]:
    evals, left, right = scipy.linalg.eig(lv, left=True, right=True)
    scale = max(float(np.max(np.abs(lv))), 1e-300)
    null = np.abs(evals) <= NULL_TOLERANCE * scale
    if not np.any(null):
        raise SteadyStateError("the Liouvillian has no zero eigenvalue (check the couplings)")
    oscillating = bool(np.any(~null & (np.abs(evals.real) <= NULL_TOLERANCE * scale)))
    r, lt = right[:, null], left[:, null]
    coeff = np.linalg.solve(lt.conj().T @ r, lt.conj().T @ x0)
    return r @ coeff, oscillating


def _evolve_to_convergence(lv, x0: np.ndarray, t_start: float, t_max: float) -> np.ndarray:
    x_prev = scipy.sparse.linalg.expm_multiply(lv * t_start, x0)
    t = t_start
    while t < t_max:
        x = scipy.sparse.linalg.expm_multiply(lv * t, x_prev)
        t *= 2
        if np.max(np.abs(x - x_prev)) <= CONVERGENCE_TOLERANCE:
            return x
        x_prev = x
    raise SteadyStateError(
        f"the state did not converge by t = {t_max:.3g} s (change {np.max(np.abs(x - x_prev)):.2e}"
        f" > {CONVERGENCE_TOLERANCE:g}); the null space may be degenerate with slow relaxation"
    )


def long_time_state_general(cluster: DipolarCluster, initial_state=None, *,
                            method: str = "auto", t_max: float | None = None) -> LongTimeState:
    """lim_{t→∞} ρ(t) of seed 003 Eq. (1) for any couplings (Sec. IV for general geometry).

    Works on the Δn = 0 block unless ρ(0) (default: ground state) has coherences between
    different excitation numbers (then the full space, N ≤ MAX_FULL_ATOMS).

    * γ positive definite: the steady state is unique (module docstring). ``method="auto"``
      takes the product Gibbs state, which is stationary for every f and γ, and certifies it
      by the residual max|ℒx|/max|ℒ| ≤ DEFAULT_STEADY_TOL (one sparse product; N = 10 in
      seconds) — uniqueness plus a vanishing residual make it *the* steady state.
      ``method="sparse-lu"`` solves the bordered system with the engine's
      :func:`~spinthermo.core.steady.steady_state_sparse` instead (an independent check; the
      LU fills in to nearly dense, so blocks ≤ LU_LIMIT, N ≤ 7).
    * γ singular (e.g. identical couplings): the null space is degenerate and the engine
      would rightly refuse; the state is the projection of ρ(0) onto the null space (dense
      spectral projection, blocks ≤ DENSE_PROJECTION_LIMIT) or ρ(0) propagated until
      converged (``t_max`` default 1e6/(γ_max (2n̄+1))). Never an arbitrary null vector.
    """
    if method not in ("auto", "sparse-lu"):
        raise ValueError(f"method must be 'auto' or 'sparse-lu'; received {method!r}")
    rho0 = _check_initial(cluster, initial_state)
    n = cluster.n_atoms
    if _has_cross_sector_coherence(rho0, n):
        _check_atoms(n, MAX_FULL_ATOMS, "number of atoms (full space)")
        proj, lv, block = (BlockProjection.identity(cluster.dimension),
                           liouvillian_full(cluster), "full")
    else:
        proj = conserving_projection(n)
        lv, block = liouvillian_conserving(cluster, proj), "conserving"
    params = _parameters(cluster)
    scale = max(float(abs(lv).max()), 1e-300)
    x0 = proj.restrict(rho0)
    if cluster.gamma_is_positive_definite():
        if method == "auto":
            x = proj.restrict(cluster.gibbs_state())
            residual = float(np.max(np.abs(lv @ x)) / scale)
            if residual <= DEFAULT_STEADY_TOL:
                return LongTimeState(cluster.gibbs_state(), "gibbs-certified", True, residual,
                                     False, block, params)
        if proj.size > LU_LIMIT:
            raise SteadyStateError(
                f"the sparse LU of a {proj.size}-dimensional block fills in to nearly dense; "
                f"method='sparse-lu' is limited to {LU_LIMIT} coordinates (N ≤ 7)"
            )
        trace = proj.row(np.eye(cluster.dimension, dtype=complex).T.reshape(-1))
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", scipy.sparse.linalg.MatrixRankWarning)
                result = steady_state_sparse(lv, trace)
            state = _hermitian(proj.embed(result.state))
            return LongTimeState(state, "sparse-lu", True, float(result.residual), False,
                                 block, params)
        except SteadyStateError:  # numerically singular after all: treat as degenerate
            pass
    if proj.size <= DENSE_PROJECTION_LIMIT:
        x, oscillating = _null_projection(lv.toarray(), x0)
        how = "projection"
    else:
        rate = max(float(np.max(np.abs(np.diag(cluster.gamma)))), 1e-300) * (
            2 * cluster.nbar + 1)
        limit = 1e6 / rate if t_max is None else require_positive("t_max", t_max, unit="s")
        x = _evolve_to_convergence(lv, x0, 1.0 / rate, limit)
        oscillating, how = False, "evolution"
    residual = float(np.max(np.abs(lv @ x)) / scale)
    return LongTimeState(_hermitian(proj.embed(x)), how, False, residual, oscillating,
                         block, params)


def _hermitian(rho: np.ndarray) -> np.ndarray:
    return 0.5 * (rho + rho.conj().T)


# --------------------------------------------------------------------------- Dicke


def _log_binomial(n_atoms: int, n: np.ndarray) -> np.ndarray:
    return (scipy.special.gammaln(n_atoms + 1) - scipy.special.gammaln(n + 1)
            - scipy.special.gammaln(n_atoms - n + 1))


def dicke_excitations(n_atoms: int) -> np.ndarray:
    """Excitation number n = N/2 + M of each Dicke level, M descending: [N, N−1, …, 0]."""
    n_atoms = _check_atoms(n_atoms)
    return np.arange(n_atoms, -1, -1)


def dicke_operators(n_atoms: int) -> tuple[scipy.sparse.csr_array, ...]:
    """Sparse (J₊, J₋, J_z) on |N/2, M⟩, M descending (core.spin convention), N + 1 levels.

    J₊|M⟩ = sqrt(J(J+1) − M(M+1)) |M+1⟩, J = N/2; J± = Σ_i σ±_i restricted to the symmetric
    subspace.
    """
    n_atoms = _check_atoms(n_atoms)
    m = spin_projections(n_atoms / 2) if n_atoms <= 2000 else n_atoms / 2 - np.arange(
        n_atoms + 1)
    j = n_atoms / 2
    raising = scipy.sparse.diags_array(np.sqrt(j * (j + 1) - m[1:] * (m[1:] + 1)), offsets=1,
                                       dtype=complex)
    jz = scipy.sparse.diags_array(m.astype(complex))
    return (scipy.sparse.csr_array(raising), scipy.sparse.csr_array(raising.T),
            scipy.sparse.csr_array(jz))


def dicke_liouvillian(n_atoms: int, nbar: float, f0: float = 1.0,
                      gamma0: float = 1.0) -> scipy.sparse.csr_array:
    """ℒ of seed 003 Eqs. (1)–(3) with f_ij = f0, γ_ij = γ0 on the symmetric subspace (sparse).

    H_d = f0 (J₊J₋ − J_z − N/2), dissipator γ0 [(n̄+1) D[J₋] + n̄ D[J₊]], D[A]X = AXA† −
    ½{A†A, X}; dimension (N+1)², column stacking.
    """
    n_atoms = _check_atoms(n_atoms)
    require_nonnegative("nbar", nbar)
    require_finite("f0", f0)
    require_nonnegative("gamma0", gamma0)
    jp, jm, jz = dicke_operators(n_atoms)
    eye = scipy.sparse.identity(n_atoms + 1, dtype=complex, format="csr")
    h = f0 * (jp @ jm - jz - 0.5 * n_atoms * eye)
    return sparse_liouvillian(h, [jm, jp], [gamma0 * (nbar + 1), gamma0 * nbar])


def dicke_rate_matrix(n_atoms: int, nbar: float, gamma0: float = 1.0) -> np.ndarray:
    """Birth–death generator W of the Dicke populations, dp/dt = W p (seed 003 Eqs. 1–3).

    Exactly ℒ of :func:`dicke_liouvillian` restricted to the diagonal (Δm = 0 for the
    populations; H_d is diagonal and drops out): down from M at γ0(n̄+1)(J+M)(J−M+1), up at
    γ0 n̄ (J−M)(J+M+1). Returned as a sparse tridiagonal array.
    """
    n_atoms = _check_atoms(n_atoms)
    require_nonnegative("nbar", nbar)
    require_nonnegative("gamma0", gamma0)
    j = n_atoms / 2
    m = j - np.arange(n_atoms + 1)
    down = gamma0 * (nbar + 1) * (j + m) * (j - m + 1)  # from level q to q+1
    up = gamma0 * nbar * (j - m) * (j + m + 1)  # from level q to q−1
    return scipy.sparse.csr_array(scipy.sparse.diags_array(
        [down[:-1], -(down + up), up[1:]], offsets=[-1, 0, 1]))


def dicke_l1_coherence(rho) -> float | np.ndarray:
    r"""Computational-basis l1 coherence of a symmetric-subspace state given in the Dicke basis.

    |D_n⟩ = C(N,n)^{-1/2} Σ_{|s|=n} |s⟩, so ρ_{ss'} = ρ_{nn'}/sqrt(C(N,n)C(N,n')) and

    .. math:: C_{l_1} = \sum_{n\ne n'} |\rho_{nn'}| \sqrt{C(N,n)C(N,n')}
              + \sum_n |\rho_{nn}| (C(N,n) - 1)

    (seed 003 Eq. 4 evaluated exactly; log-binomials keep N ≥ 1000 finite while the result is).

    >>> round(float(dicke_l1_coherence(np.diag([0.0, 1.0, 0.0]))), 12)   # |D_1> of 2 atoms
    1.0
    """
    rho = np.asarray(require_finite("rho", rho))
    if rho.ndim < 2 or rho.shape[-1] != rho.shape[-2] or rho.shape[-1] < 2:
        raise ValueError(f"rho must have shape (..., N+1, N+1); received shape {rho.shape}")
    n_atoms = rho.shape[-1] - 1
    logc = _log_binomial(n_atoms, dicke_excitations(n_atoms).astype(float))
    absr = np.abs(rho)
    weight = np.exp(0.5 * (logc[:, None] + logc[None, :]))
    diag = np.diagonal(absr, axis1=-2, axis2=-1)
    off = np.sum(absr * weight, axis=(-2, -1)) - np.sum(diag * np.exp(logc), axis=-1)
    value = off + np.sum(diag * np.expm1(logc), axis=-1)
    return float(value) if np.ndim(value) == 0 else value


def dicke_to_computational(rho) -> np.ndarray:
    """Embed a Dicke-basis state (N+1 levels) into the 2^N computational basis (N ≤ 12)."""
    rho = np.asarray(require_finite("rho", rho))
    n_atoms = _check_atoms(rho.shape[-1] - 1, MAX_BLOCK_ATOMS, "number of atoms (rho)")
    nexc = excitation_numbers(n_atoms)
    basis = np.zeros((2**n_atoms, n_atoms + 1))
    for q, n in enumerate(dicke_excitations(n_atoms)):
        sel = nexc == n
        basis[sel, q] = 1.0 / math.sqrt(sel.sum())
    return basis @ rho @ basis.T


@dataclass(frozen=True)
class DickeTrajectory:
    """Dicke-basis states ``(T, N+1, N+1)`` (or populations ``(T, N+1)`` when ``diagonal``)
    and their computational-basis l1 coherence.

    ``l1_error`` bounds the error of ``l1`` from an absolute error POPULATION_ERROR per
    Dicke element: POPULATION_ERROR Σ_{n,n'} sqrt(C(N,n) C(N,n')) ≤ POPULATION_ERROR 2^N (N+1).
    The binomial weights amplify absolute errors, so ``l1`` of a *propagated* state is
    meaningful only while ``l1_error`` ≪ ``l1`` (N ≲ 30); the long-time value for any N is
    exact via :func:`long_time_coherence`.
    """

    times: np.ndarray
    states: np.ndarray
    l1: np.ndarray
    diagonal: bool
    parameters: dict

    @property
    def l1_error(self) -> float:
        n_atoms = self.states.shape[-1] - 1
        log_bound = n_atoms * math.log(2) + math.log(n_atoms + 1) + math.log(POPULATION_ERROR)
        return math.exp(min(log_bound, 709.0))


def evolve_dicke(n_atoms: int, nbar: float, times, *, f0: float = 1.0, gamma0: float = 1.0,
                 initial_state=None) -> DickeTrajectory:
    """Symmetric-subspace dynamics of seed 003 Eq. (1) with f_ij = f0, γ_ij = γ0.

    ``initial_state`` ((N+1) × (N+1), Dicke basis, default the ground state |M = −N/2⟩). A
    diagonal ρ(0) evolves with the (N+1)-level rate matrix (engine ``evolve``, exact ``expm``
    propagators; ``states`` are then populations); otherwise the (N+1)² Liouvillian is
    propagated with sparse Krylov ``expm_multiply``.
    """
    n_atoms = _check_atoms(n_atoms)
    times = require_times(times)
    require_nonnegative("nbar", nbar)
    require_finite("f0", f0)
    require_nonnegative("gamma0", gamma0)
    params = {"n_atoms": n_atoms, "nbar": nbar, "f0": f0, "gamma0": gamma0}
    if initial_state is None:
        rho0 = np.zeros((n_atoms + 1, n_atoms + 1), dtype=complex)
        rho0[-1, -1] = 1.0
    else:
        rho0 = require_density_matrix("initial_state", initial_state)
        if rho0.shape != (n_atoms + 1, n_atoms + 1):
            raise ValueError(f"initial_state must have shape ({n_atoms + 1}, {n_atoms + 1}); "
                             f"received {rho0.shape}")
    if np.max(np.abs(rho0 - np.diag(np.diagonal(rho0))), initial=0.0) == 0:
        rate = dicke_rate_matrix(n_atoms, nbar, gamma0).toarray()
        gen = MeanFieldGenerator.linear_only(rate, np.ones(n_atoms + 1))
        grid = np.concatenate([[0.0], times]) if times[0] > 0 else times
        pops = evolve(gen, np.diagonal(rho0), grid, method="expm").states.real
        pops = pops[-times.size:]
        logc = _log_binomial(n_atoms, dicke_excitations(n_atoms).astype(float))
        l1 = np.abs(pops) @ np.expm1(logc)
        return DickeTrajectory(times, pops, l1, True, params)
    lv = dicke_liouvillian(n_atoms, nbar, f0, gamma0)
    proj = BlockProjection.identity(n_atoms + 1)
    states = proj.embed(evolve_sparse_linear(lv, proj.restrict(rho0), times, t0=0.0))
    return DickeTrajectory(times, states, np.atleast_1d(dicke_l1_coherence(states)), False,
                           params)


def dicke_long_time_log_populations(n_atoms: int, nbar: float,
                                    gamma0: float = 1.0) -> np.ndarray:
    """ln p_q of the long-time Dicke populations from any symmetric state (seed 003 Sec. IV).

    The birth–death chain of :func:`dicke_rate_matrix` obeys detailed balance, so its unique
    stationary vector (γ0 > 0) is p_{q+1}/p_q = W[q+1, q]/W[q, q+1], accumulated in log space:
    every p_q carries relative (not absolute) rounding error. That matters because the l1
    coherence weights p_n by C(N, n) (up to ~1e299 at N = 1000): an absolute error ~1e-16 from
    a linear solve would dominate it. Equals ln[(n̄/(n̄+1))^n / Σ] (tested); ground state for
    n̄ = 0 (−inf elsewhere).
    """
    n_atoms = _check_atoms(n_atoms)
    require_nonnegative("nbar", nbar)
    require_positive("gamma0", gamma0)
    rate = dicke_rate_matrix(n_atoms, nbar, gamma0)
    down = rate.diagonal(-1)  # level q → q + 1 (one excitation fewer)
    up = rate.diagonal(1)  # level q + 1 → q
    with np.errstate(divide="ignore"):
        steps = np.log(down) - np.log(up)  # ln p_{q+1} − ln p_q
    logp = np.concatenate([[0.0], np.cumsum(steps)])
    if not np.all(np.isfinite(logp)):  # n̄ = 0: all weight in the ground state
        out = np.full(n_atoms + 1, -np.inf)
        out[-1] = 0.0
        return out
    return logp - scipy.special.logsumexp(logp)


def dicke_long_time_populations(n_atoms: int, nbar: float, gamma0: float = 1.0) -> np.ndarray:
    """Long-time Dicke populations p_q (levels M descending); see
    :func:`dicke_long_time_log_populations` (this is its exponential; tiny ones underflow).

    >>> dicke_long_time_populations(2, 1.0).round(6).tolist()     # x = 1/2: (1/4, 1/2, 1)/(7/4)
    [0.142857, 0.285714, 0.571429]
    """
    return np.exp(dicke_long_time_log_populations(n_atoms, nbar, gamma0))


def long_time_coherence(n_atoms: int, nbar: float, f0: float = 1.0, gamma0: float = 1.0, *,
                        log: bool = False) -> float:
    r"""Long-time l1 coherence from the ground state, identical couplings (seed 003 Sec. IV).

    .. math:: C_{l_1}^{lt} = \frac{\sum_n x^n (C(N,n) - 1)}{\sum_n x^n},\quad x = \frac{\bar n}
              {\bar n + 1}

    (the Gibbs state restricted to the symmetric subspace; independent of f0 and γ0 > 0, as
    the paper observes). Evaluated with log-binomials; ``log=True`` returns ln C_l1, which
    stays finite where C_l1 overflows a float (N ≳ 1100 at n̄ = 10).

    >>> round(long_time_coherence(2, 10.0), 10) == round(110 / 331, 10)   # Eq. (5), t → ∞
    True
    """
    n_atoms = _check_atoms(n_atoms)
    require_nonnegative("nbar", nbar)
    require_finite("f0", f0)
    require_positive("gamma0", gamma0)
    if nbar == 0:
        return -math.inf if log else 0.0
    n = np.arange(n_atoms + 1, dtype=float)
    logx = math.log(nbar) - math.log1p(nbar)
    logw = n * logx
    logc = _log_binomial(n_atoms, n)
    # C_l1 = Σ w (C − 1) / Σ w; subtract in log space stably: Σ w (C − 1) = Σ w expm1(log C)
    pos = logc > 0
    if not np.any(pos):
        return -math.inf if log else 0.0
    terms = logw[pos] + logc[pos] + np.log(-np.expm1(-logc[pos]))
    log_value = float(scipy.special.logsumexp(terms) - scipy.special.logsumexp(logw))
    if log:
        return log_value
    if log_value > 709.0:
        raise OverflowError(
            f"the coherence for N = {n_atoms}, nbar = {nbar} is e^{log_value:.1f}, beyond float "
            "range; call with log=True"
        )
    return math.exp(log_value)


# --------------------------------------------------------------------------- two atoms


def two_atom_coherence(t, nbar: float, gamma0: float = 1.0):
    r"""Seed 003 Eq. (5): l1 coherence of two atoms from |gg⟩ with γ_ij = γ0 (any f0).

    .. math:: C(t) = \frac{\bar n(\bar n+1)}{3\bar n(\bar n+1)+1} - \frac{\bar n e^{-at}
              [(\bar n+1)\sqrt{\bar n(\bar n+1)}\cosh bt - \bar n^2 \sinh bt]}
              {[3\bar n(\bar n+1)+1]\sqrt{\bar n(\bar n+1)}}

    a = 2γ0(2n̄+1), b = 2γ0 sqrt(n̄(n̄+1)); written with e^{−(a∓b)t} so large t never
    overflows.

    >>> abs(two_atom_coherence(0.0, 3.0)) < 1e-15
    True
    """
    t = np.asarray(require_nonnegative("t", t), dtype=float)
    require_nonnegative("nbar", nbar)
    require_nonnegative("gamma0", gamma0)
    if nbar == 0:
        return np.zeros_like(t) if t.ndim else 0.0
    q = nbar * (nbar + 1)
    s = math.sqrt(q)
    a, b = 2 * gamma0 * (2 * nbar + 1), 2 * gamma0 * s
    em, ep = np.exp(-(a - b) * t), np.exp(-(a + b) * t)
    cosh_part, sinh_part = 0.5 * (em + ep), 0.5 * (em - ep)
    value = q / (3 * q + 1) - nbar * ((nbar + 1) * s * cosh_part - nbar**2 * sinh_part) / (
        (3 * q + 1) * s)
    return value if t.ndim else float(value)


def two_atom_long_time_coherence(nbar: float) -> float:
    """t → ∞ of seed 003 Eq. (5): n̄(n̄+1)/(3n̄(n̄+1)+1), → 1/3 as n̄ → ∞."""
    require_nonnegative("nbar", nbar)
    q = nbar * (nbar + 1)
    return q / (3 * q + 1)


def dipolar_only_two_atom(rho0, f: float, t) -> np.ndarray:
    """Seed 003 Eq. (A1) (corrected): two atoms under H_d = f(σ⁺_1σ⁻_2 + σ⁺_2σ⁻_1) only (γ0 = 0).

    Basis (|ee⟩, |eg⟩, |ge⟩, |gg⟩) = indices 1–4 of the paper. With u = ρ22 − ρ33 and
    v = Im ρ23 at t = 0::

        ρ11, ρ14, ρ44 constant;  ρ12 = ρ12 cos ft + i ρ13 sin ft  (and 1 ↔ 2 → 1 ↔ 3);
        ρ24 = ρ24 cos ft − i ρ34 sin ft  (and 2 ↔ 3);
        ρ22 = [(ρ22 + ρ33) + u cos 2ft − 2 v sin 2ft]/2,  ρ33 = ρ22 + ρ33 − ρ22(t);
        ρ23 = Re ρ23 + i [v cos 2ft + (u/2) sin 2ft].

    The printed A1 has i·2 Im ρ23 sin 2ft in ρ22 (not real) and Re ρ23/2 in ρ23; these are
    misprints (checked against exp(−iH_d t)). Returns ρ(t) with shape ``(*t.shape, 4, 4)``.
    """
    rho0 = require_density_matrix("rho0", rho0)
    if rho0.shape != (4, 4):
        raise ValueError(f"rho0 must be a 4 x 4 two-atom density matrix; received {rho0.shape}")
    require_finite("f", f)
    t = np.asarray(require_finite("t", t), dtype=float)
    c, s = np.cos(f * t)[..., None, None], np.sin(f * t)[..., None, None]
    c2, s2 = np.cos(2 * f * t), np.sin(2 * f * t)
    r = np.asarray(rho0, dtype=complex)
    out = np.broadcast_to(r, (*t.shape, 4, 4)).copy()
    out[..., 0, 1] = (r[0, 1] * c + 1j * r[0, 2] * s)[..., 0, 0]
    out[..., 0, 2] = (r[0, 2] * c + 1j * r[0, 1] * s)[..., 0, 0]
    out[..., 1, 3] = (r[1, 3] * c - 1j * r[2, 3] * s)[..., 0, 0]
    out[..., 2, 3] = (r[2, 3] * c - 1j * r[1, 3] * s)[..., 0, 0]
    u, v, total = (r[1, 1] - r[2, 2]).real, r[1, 2].imag, (r[1, 1] + r[2, 2]).real
    out[..., 1, 1] = 0.5 * (total + u * c2 - 2 * v * s2)
    out[..., 2, 2] = total - out[..., 1, 1]
    out[..., 1, 2] = r[1, 2].real + 1j * (v * c2 + 0.5 * u * s2)
    for i, j in ((0, 1), (0, 2), (1, 3), (2, 3), (1, 2)):
        out[..., j, i] = np.conj(out[..., i, j])
    return out


def is_dipolar_invariant_two_atom(rho, atol: float = 1e-12) -> bool:
    """The paper's characterisation (seed 003 Sec. III B, App. A) of states H_d leaves unchanged.

    ρ12 = ρ13 = ρ24 = ρ34 = 0 (no coherence between the one-excitation states and |ee⟩, |gg⟩),
    ρ22 = ρ33 and ρ23 real; ρ11, ρ14, ρ44 are free. Equivalent to [H_d, ρ] = 0 for f ≠ 0.
    """
    r = np.asarray(require_finite("rho", rho), dtype=complex)
    if r.shape != (4, 4):
        raise ValueError(f"rho must be a 4 x 4 two-atom density matrix; received {r.shape}")
    ok = max(abs(r[0, 1]), abs(r[0, 2]), abs(r[1, 3]), abs(r[2, 3]),
             abs(r[1, 1] - r[2, 2]), abs(r[1, 2].imag)) <= atol
    return bool(ok)


__all__ = [
    "DickeTrajectory",
    "DipolarCluster",
    "LongTimeState",
    "Trajectory",
    "collective_decay",
    "collective_decay_near_field",
    "conserving_projection",
    "dicke_excitations",
    "dicke_l1_coherence",
    "dicke_liouvillian",
    "dicke_long_time_log_populations",
    "dicke_long_time_populations",
    "dicke_operators",
    "dicke_rate_matrix",
    "dicke_to_computational",
    "dipolar_only_two_atom",
    "dipolar_shift",
    "dipolar_shift_near_field",
    "evolve_cluster",
    "evolve_dicke",
    "excitation_numbers",
    "far_field_couplings",
    "geometric_couplings",
    "is_dipolar_invariant_two_atom",
    "liouvillian_conserving",
    "liouvillian_full",
    "long_time_coherence",
    "long_time_state_general",
    "sigma_plus",
    "two_atom_coherence",
    "two_atom_long_time_coherence",
]
