"""The dipolar cluster as a model: N two-level atoms in a thermal photon bath (seed 003 Eq. 1).

:class:`DipolarCluster` implements the :class:`~spinthermo.models.base.Model` protocol:
``parameters`` (:class:`DipolarClusterParameters`), ``hamiltonian()`` (sparse),
``open_system()`` (full-space H and the collapse operators of Eqs. 2–3, no mean field),
``steady_state()`` and ``evolve()`` on their fast paths (the Δn = 0 block of
:mod:`~spinthermo.models.dipolar.basis`, the certified Gibbs state of
:mod:`~spinthermo.models.dipolar.long_time`), returning the front door's result types with
density matrices in the full 2^N-dimensional computational basis.

An optional ``omega0`` adds H_s = (ω0/2) Σ σᶻ_i (laboratory frame); it drops out of every
quantity used here (it commutes with the generator and vanishes on the Δn = 0 block).
"""

from __future__ import annotations

import dataclasses
import time
from dataclasses import dataclass, field

import numpy as np
import scipy.sparse

from spinthermo.core.checks import require_finite, require_nonnegative, require_times
from spinthermo.core.evolution import evolve_sparse_linear
from spinthermo.core.operands import as_density_matrix
from spinthermo.core.options import EvolveOptions, SteadyStateOptions
from spinthermo.core.projection import BlockProjection
from spinthermo.core.results import EvolutionResult, SteadyStateResult
from spinthermo.core.steady import SteadyStateError
from spinthermo.models.base import Model, OpenSystemSpec
from spinthermo.models.dipolar.basis import (
    MATRIX_TOLERANCE,
    MAX_BLOCK_ATOMS,
    atom_bits,
    conserving_projection,
    excitation_numbers,
    has_cross_sector_coherence,
    require_atoms,
    require_coupling_matrix,
)
from spinthermo.models.dipolar.couplings import geometric_couplings
from spinthermo.models.dipolar.long_time import (
    POSITIVE_DEFINITE_TOLERANCE,
    long_time_state_general,
)
from spinthermo.models.dipolar.master_equation import (
    collapse_operators,
    liouvillian_conserving,
    liouvillian_full,
)
from spinthermo.models.fast_path import evolve_options, steady_state_options

#: Methods of the options for which ``steady_state`` / ``evolve`` take the model's fast path;
#: any other method runs the front door on :meth:`DipolarCluster.open_system` (full space).
FAST_STEADY_STATE_METHODS = ("auto", "sparse")
FAST_EVOLVE_METHODS = ("auto", "expm")


@dataclass(frozen=True, eq=False)
class DipolarClusterParameters:
    """The inputs of a :class:`DipolarCluster` (seed 003 Eq. 1).

    Parameters
    ----------
    f : ndarray, shape (N, N)
        Dipolar shifts f_ij, rad/s, Hermitian (the diagonal is ignored: H_d excludes i = j).
    gamma : ndarray, shape (N, N)
        Collective decay rates γ_ij, s⁻¹, Hermitian and positive semidefinite.
    nbar : float
        Mean photon number n̄ of the bath at the transition frequency, ≥ 0.
    omega0 : float
        Transition frequency ω0, rad/s (0: the interaction picture of Eq. 1).
    source : dict, optional
        How the couplings were made (geometry or identical couplings), for the record.
    """

    f: np.ndarray
    gamma: np.ndarray
    nbar: float
    omega0: float
    source: dict = field(default_factory=dict)


@dataclass(frozen=True)
class DipolarCluster(Model):
    """N two-level atoms with couplings f_ij, γ_ij in a bath with n̄ photons (seed 003 Eq. 1).

    A :class:`~spinthermo.models.base.Model` (module docstring). Build with
    :meth:`from_positions`, :meth:`identical` or directly from matrices.

    Parameters
    ----------
    f : array_like, shape (N, N)
        Dipolar shifts f_ij, rad/s, Hermitian (the diagonal is ignored: H_d excludes i = j).
    gamma : array_like, shape (N, N)
        Collective decay rates γ_ij, s⁻¹, Hermitian and positive semidefinite.
    nbar : float
        Mean photon number n̄ of the bath at the transition frequency, ≥ 0.
    omega0 : float, optional
        Transition frequency ω0, rad/s (default 0: Eq. 1's interaction picture).
    source : dict, optional
        How the couplings were made (geometry or identical couplings), for the record.

    Examples
    --------
    >>> DipolarCluster.identical(3, nbar=1.0, f0=2.0).gamma.tolist()
    [[1.0, 1.0, 1.0], [1.0, 1.0, 1.0], [1.0, 1.0, 1.0]]
    """

    f: np.ndarray
    gamma: np.ndarray
    nbar: float
    omega0: float = 0.0
    source: dict = field(default_factory=dict, compare=False)

    def __post_init__(self) -> None:
        gamma = require_coupling_matrix("gamma", self.gamma)
        n = require_atoms(gamma.shape[0], name="number of atoms (gamma.shape[0])")
        f = require_coupling_matrix("f", self.f, n)
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
        """Couplings from geometry (seed 003 Sec. II); see :func:`geometric_couplings`.

        Parameters
        ----------
        positions : array_like, shape (N, 3)
            Atom positions in m, at least ``MIN_DIPOLE_SEPARATION_M`` (1 nm) apart.
        dipole : array_like, shape (3,)
            The common dipole direction (any non-zero length).
        nbar : float
            Mean photon number n̄ of the bath, ≥ 0.
        k0 : float or None, optional
            Wave number in rad/m; give exactly one of ``k0`` and ``wavelength``.
        wavelength : float or None, optional
            Wavelength in m (k0 = 2π/λ).
        gamma0 : float, optional
            Single-atom decay rate γ0 in s⁻¹, ≥ 0 (default 1).
        omega0 : float, optional
            Transition frequency ω0, rad/s (default 0: the interaction picture).

        Returns
        -------
        DipolarCluster
            The cluster, with the geometry in ``source``.
        """
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

        Parameters
        ----------
        n_atoms : int
            Number of atoms N, ≥ 1.
        nbar : float
            Mean photon number n̄ of the bath, ≥ 0.
        f0 : float, optional
            The common dipolar shift, rad/s (default 1).
        gamma0 : float, optional
            The common collective decay rate, s⁻¹, ≥ 0 (default 1).
        gamma_self : float or None, optional
            Single-atom decay rate γ_ii, s⁻¹, ≥ 0; None: γ0. ``gamma_self`` ≥ γ0 keeps γ
            positive semidefinite (γ_ii − γ0 is then a local rate).
        omega0 : float, optional
            Transition frequency ω0, rad/s (default 0: the interaction picture).

        Returns
        -------
        DipolarCluster
            The cluster, with ``f0``, ``gamma0`` and ``gamma_self`` in ``source``.
        """
        n_atoms = require_atoms(n_atoms)
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
    def parameters(self) -> DipolarClusterParameters:
        """The inputs ``f``, ``gamma``, ``nbar``, ``omega0`` and their ``source``."""
        return DipolarClusterParameters(self.f, self.gamma, self.nbar, self.omega0,
                                        dict(self.source))

    @property
    def n_atoms(self) -> int:
        """Number of atoms N."""
        return self.gamma.shape[0]

    @property
    def dimension(self) -> int:
        """Hilbert-space dimension 2^N of the computational basis."""
        return 2**self.n_atoms

    def is_collective(self, rtol: float = MATRIX_TOLERANCE) -> bool:
        """Whether f_ij = f0 (i ≠ j) and γ_ij = γ0 for all i, j: the exact Dicke case.

        Parameters
        ----------
        rtol : float, optional
            Allowed spread of the off-diagonal f and of all γ, relative to their largest
            modulus (default ``MATRIX_TOLERANCE``).

        Returns
        -------
        bool
            True when the couplings are identical within ``rtol``.
        """
        g0 = self.gamma.flat[0]
        off = ~np.eye(self.n_atoms, dtype=bool)
        f_off = self.f[off]
        f_scale = max(float(np.max(np.abs(f_off), initial=0.0)), 1e-300)
        f_same = f_off.size == 0 or float(np.max(np.abs(f_off - f_off[0]))) <= rtol * f_scale
        gamma_same = float(np.max(np.abs(self.gamma - g0))) <= rtol * max(abs(g0), 1e-300)
        return bool(gamma_same and f_same)

    def gamma_is_positive_definite(self) -> bool:
        """λ_min(γ) > POSITIVE_DEFINITE_TOLERANCE λ_max(γ): the steady state is then unique.

        Returns
        -------
        bool
            True when γ is positive definite to that tolerance.
        """
        ev = np.linalg.eigvalsh(self.gamma)
        return bool(ev[-1] > 0 and ev[0] > POSITIVE_DEFINITE_TOLERANCE * ev[-1])

    def dipolar_hamiltonian(self) -> scipy.sparse.csr_array:
        """H_d = Σ_{i≠j} f_ij σ⁺_i σ⁻_j in the computational basis (seed 003 Eq. 1), sparse.

        Returns
        -------
        scipy.sparse.csr_array, shape (2^N, 2^N)
            H_d in rad/s; N ≤ MAX_BLOCK_ATOMS.
        """
        weight, ground = atom_bits(require_atoms(self.n_atoms, MAX_BLOCK_ATOMS,
                                                 "number of atoms"))
        # σ⁺_iσ⁻_j|s⟩ ≠ 0 for j excited, i ground (i ≠ j): |s⟩ → |s + w_j − w_i⟩
        hops = ground[:, :, None] & ~ground[:, None, :] & (self.f != 0)[None, :, :]
        state, i, j = np.nonzero(hops)
        return scipy.sparse.csr_array(
            (self.f[i, j].astype(complex), (state + weight[j] - weight[i], state)),
            shape=(self.dimension, self.dimension))

    def hamiltonian(self) -> scipy.sparse.csr_array:
        """H = (ω0/2) Σ σᶻ_i + H_d (seed 003 Sec. II and Eq. 1); ω0 = 0 is Eq. 1's frame.

        Returns
        -------
        scipy.sparse.csr_array, shape (2^N, 2^N)
            H in rad/s, computational basis.
        """
        h = self.dipolar_hamiltonian()
        if self.omega0:
            nexc = excitation_numbers(self.n_atoms)
            h = h + scipy.sparse.diags_array(self.omega0 * (nexc - self.n_atoms / 2.0))
        return scipy.sparse.csr_array(h)

    def ground_state(self) -> np.ndarray:
        """``|g…g⟩⟨g…g|`` (the last computational basis state).

        Returns
        -------
        ndarray of complex, shape (2^N, 2^N)
            The ground-state density matrix.
        """
        rho = np.zeros((self.dimension, self.dimension), dtype=complex)
        rho[-1, -1] = 1.0
        return rho

    def initial_state(self) -> np.ndarray:
        """The state ``evolve`` starts from by default: the ground state (seed 003 Fig. 2).

        Returns
        -------
        ndarray of complex, shape (2^N, 2^N)
            ``|g…g⟩⟨g…g|``.
        """
        return self.ground_state()

    def resolve_initial_state(self, initial_state=None) -> np.ndarray:
        """``initial_state`` checked, or :meth:`initial_state` for None.

        Parameters
        ----------
        initial_state : array_like, Qobj or None, optional
            A (2^N, 2^N) density matrix or a ket of length 2^N, computational basis.

        Returns
        -------
        ndarray of complex, shape (2^N, 2^N)
            The density matrix.
        """
        if initial_state is None:
            return self.initial_state()
        return as_density_matrix("initial_state", initial_state, self.dimension)

    def gibbs_state(self) -> np.ndarray:
        """⊗_i diag(n̄, n̄+1)/(2n̄+1): the thermal state, stationary for every f and γ.

        Returns
        -------
        ndarray of complex, shape (2^N, 2^N)
            The Gibbs state in the computational basis (each atom ordered ``|e⟩``, ``|g⟩``).
        """
        p_e = self.nbar / (2 * self.nbar + 1)
        single = np.array([p_e, 1 - p_e])
        diag = np.ones(1)
        for _ in range(self.n_atoms):
            diag = np.kron(diag, single)
        return np.diag(diag).astype(complex)

    def commutes_with_dipolar(self, rho, atol: float = 1e-10) -> bool:
        """Whether ρ is left unchanged by the dipolar-only evolution: ‖[H_d, ρ]‖_max ≤ atol.

        Parameters
        ----------
        rho : array_like, shape (2^N, 2^N)
            Density matrix in the computational basis.
        atol : float, optional
            Largest allowed entry of the commutator, rad/s (default 1e-10).

        Returns
        -------
        bool
            True when ρ is invariant under H_d.

        Notes
        -----
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

    # ------------------------------------------------------------------ Model protocol
    @property
    def _dims(self) -> list[list[int]]:
        """QuTiP dims of the computational basis: N qubits."""
        return [[2] * self.n_atoms, [2] * self.n_atoms]

    def open_system(self) -> OpenSystemSpec:
        """Seed 003 Eqs. (1)–(3) as the front door's inputs, full 2^N space, sparse.

        Returns
        -------
        OpenSystemSpec
            H of :meth:`hamiltonian` (rad/s) and the jump operators of
            :func:`~spinthermo.models.dipolar.master_equation.collapse_operators` (s^(-1/2)),
            all (2^N, 2^N); no mean-field terms. N ≤ MAX_BLOCK_ATOMS.
        """
        require_atoms(self.n_atoms, MAX_BLOCK_ATOMS, "number of atoms")
        return OpenSystemSpec(self.hamiltonian(), tuple(collapse_operators(self)), ())

    def steady_state(self, *, options: SteadyStateOptions | None = None) -> SteadyStateResult:
        """The steady state of Eq. (1).

        Parameters
        ----------
        options : SteadyStateOptions, optional
            How to solve; see the notes. Default: ``SteadyStateOptions()``.

        Returns
        -------
        SteadyStateResult
            ``state`` (2^N, 2^N) in the computational basis, with its residual.

        Raises
        ------
        SteadyStateError
            γ is singular and ``options.check_unique`` is set (see the notes).

        Notes
        -----
        ``options.method`` ``"auto"``: the product Gibbs state certified by its residual on
        the Δn = 0 block (:func:`~spinthermo.models.dipolar.long_time.long_time_state_general`,
        ``method="auto"``); ``"sparse"``: the sparse LU of that block (N ≤ 7); any other
        method: the front door on :meth:`open_system`. ``options.tol`` bounds the residual
        ``max|ℒρ|/max|ℒ|``, which the result keeps. A singular γ (e.g. identical couplings, the
        paper's ξ → 0 limit) conserves total-spin sectors, so the steady state is not unique:
        with ``options.check_unique`` (default) that raises
        :class:`~spinthermo.core.steady.SteadyStateError`; without it the result is the
        long-time state reached from the ground state, with ``unique=False``.
        """
        options = steady_state_options(options)
        if options.method not in FAST_STEADY_STATE_METHODS:
            return dataclasses.replace(super().steady_state(options=options), dims=self._dims)
        if options.check_unique and not self.gamma_is_positive_definite():
            raise SteadyStateError(_NOT_UNIQUE.format(ratio=_gamma_condition(self.gamma)))
        started = time.perf_counter()
        found = long_time_state_general(
            self, method="auto" if options.method == "auto" else "sparse-lu", tol=options.tol)
        if options.check_unique and not found.unique:
            raise SteadyStateError(_NOT_UNIQUE.format(ratio=_gamma_condition(self.gamma)))
        stats = {"method": found.method, "block": found.block, "oscillating": found.oscillating,
                 "solve_time_s": time.perf_counter() - started, "sparse": True,
                 "mean_field_terms": 0}
        return SteadyStateResult(found.state, found.residual, 0, found.unique, options,
                                 dims=self._dims, stats=stats)

    def evolve(self, times, initial_state=None, *,
               options: EvolveOptions | None = None) -> EvolutionResult:
        """ρ(t) of seed 003 Eq. (1) at ``times``, from ρ(``times[0]``) = ``initial_state``.

        Parameters
        ----------
        times : array_like, shape (T,)
            Output times, s, non-decreasing.
        initial_state : array_like, Qobj or None, optional
            ρ at ``times[0]``, a (2^N, 2^N) density matrix or a ket; None: the ground state.
        options : EvolveOptions or None, optional
            Method and tolerances (see the notes); None: the defaults.

        Returns
        -------
        EvolutionResult
            States (T, 2^N, 2^N) in the computational basis.

        Notes
        -----
        ``options.method`` ``"auto"`` or ``"expm"``: sparse
        Krylov propagation (``expm_multiply``, exact to double precision, so ``rtol`` and
        ``atol`` are not used) on the Δn = 0 block
        (:func:`~spinthermo.models.dipolar.master_equation.liouvillian_conserving`) when ρ(0)
        has no coherence between different excitation numbers, else on the full 4^N space
        (N ≤ 7); ``stats["block"]`` says which. Any other method: the front door on
        :meth:`open_system`.
        """
        options = evolve_options(options)
        if options.method not in FAST_EVOLVE_METHODS:
            return dataclasses.replace(super().evolve(times, initial_state, options=options),
                                       dims=self._dims)
        times = require_times(times, nonnegative=False)
        rho0 = self.resolve_initial_state(initial_state)
        if has_cross_sector_coherence(rho0, self.n_atoms):
            proj = BlockProjection.identity(self.dimension)
            lv, block = liouvillian_full(self), "full"
        else:
            proj = conserving_projection(self.n_atoms)
            lv, block = liouvillian_conserving(self, proj), "conserving"
        started = time.perf_counter()
        states = proj.embed(evolve_sparse_linear(lv, proj.restrict(rho0), times))
        states = 0.5 * (states + np.conj(np.swapaxes(states, -1, -2)))
        stats = {"method": "expm", "block": block, "liouvillian_size": proj.size,
                 "solve_time_s": time.perf_counter() - started, "steps": times.size,
                 "sparse": True, "mean_field_terms": 0}
        return EvolutionResult(times, states, options, dims=self._dims, stats=stats)


_NOT_UNIQUE = (
    "the steady state is not unique: γ is singular (λ_min/λ_max = {ratio:.2e} ≤ "
    f"{POSITIVE_DEFINITE_TOLERANCE:g}), so total-spin sectors are conserved and the long-time "
    "state depends on ρ(0); call long_time_state_general(cluster, initial_state), or "
    "steady_state(options=SteadyStateOptions(check_unique=False)) for the state reached from "
    "the ground state"
)


def _gamma_condition(gamma: np.ndarray) -> float:
    """λ_min(γ)/λ_max(γ) (0 for γ = 0)."""
    ev = np.linalg.eigvalsh(gamma)
    return float(ev[0] / ev[-1]) if ev[-1] > 0 else 0.0


__all__ = ["DipolarCluster", "DipolarClusterParameters"]
