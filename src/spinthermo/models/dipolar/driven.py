r"""A laser-driven dipolar cluster: seed 003 Eq. (1) plus a coherent drive on every atom.

The heat-current discussion of seed 003 (Eqs. 17–28: J_i = Tr[ρ 𝒟_i*(H)], P = Tr[ρ ∂_t H],
"no power without a coherent drive") needs a Hamiltonian that does work. This module adds a
laser of frequency ω_L to the cluster of :mod:`~spinthermo.models.dipolar.cluster`, with a Rabi
frequency Ω_i and a detuning Δ_i = ω_L − ω_i per atom. In the frame rotating with the laser
(U = exp(i ω_L N_exc t), N_exc = Σ_i σ⁺_i σ⁻_i) and in the rotating-wave approximation,

.. math:: H = \sum_i \Big(-\Delta_i\,\sigma^+_i\sigma^-_i + \frac{\Omega_i}{2}\sigma^x_i\Big)
          + \sum_{i\neq j} f_{ij}\,\sigma^+_i\sigma^-_j ,

with the thermal dissipators 𝒟₋ + 𝒟₊ of Eqs. (2)–(3) unchanged (each jump changes N_exc by
±1, so U leaves them invariant). The drive does not conserve the excitation number, so the
Δn = 0 block and the Gibbs theorem of the undriven cluster do not apply: the steady state is
the null vector of the full 4^N Liouvillian, found by matrix-free GMRES on the trace-bordered
system, preconditioned by the no-jump evolution of everything but the drive (which conserves
N_exc: blocks of equal excitation number; :func:`spinthermo.core.krylov_steady.steady_state_krylov`
with ``blocks``), with its residual. For n̄ > 0 and γ of full rank the jump operators generate
every operator, so that steady state is unique for any drive (Nigro, J. Stat. Mech. (2019)
043202; Yoshida, Phys. Rev. A 109, 022218 (2024)).

Energetics (seed 003 Eqs. 22–26, ħ = 1): the laboratory Hamiltonian seen in the rotating
frame is H_E = H + ω_L N_exc (Eq. 25); the heat current of each dissipator is
J_± = Tr[H_E 𝒟_±(ρ)] (Eqs. 22, 26) and the power of the laser is P = Tr[ρ ∂_t H_lab] with
U(∂_t H_lab)U† = (ω_L/2) Σ_i Ω_i σ^y_i (Eq. 23; as Eq. 28 with λ̇ = −iω_L λ). At the steady state
the first law gives J₋ + J₊ + P = 0, which the two independent traces check; for Ω = 0 both
vanish. Basis and operators as :mod:`~spinthermo.models.dipolar.basis` (index 0 = ``|e…e⟩``,
σ^x = σ⁺ + σ⁻, σ^y = −i(σ⁺ − σ⁻)).
"""

from __future__ import annotations

import dataclasses
import time
from dataclasses import dataclass

import numpy as np
import scipy.sparse

from spinthermo.core.checks import require_density_matrix, require_positive, require_vector
from spinthermo.core.evolution import evolve_sparse_linear
from spinthermo.core.krylov_steady import steady_state_krylov
from spinthermo.core.options import EvolveOptions, SteadyStateOptions
from spinthermo.core.results import EvolutionResult, SteadyStateResult
from spinthermo.core.steady import SteadyStateError
from spinthermo.core.superop import sparse_liouvillian, unvec, vec
from spinthermo.models.base import Model, OpenSystemSpec
from spinthermo.models.dipolar.basis import (
    MAX_FULL_ATOMS,
    atom_bits,
    excitation_numbers,
    require_atoms,
    sigma_plus,
)
from spinthermo.models.dipolar.cluster import DipolarCluster
from spinthermo.models.dipolar.master_equation import collapse_operators
from spinthermo.models.fast_path import evolve_options, steady_state_options, steady_state_result
from spinthermo.thermo.heat_current import lindblad_heat_currents
from spinthermo.thermo.heat_current import power as _power

#: Methods of the options for which ``steady_state`` / ``evolve`` take the model's own path
#: (matrix-free GMRES; sparse propagation); any other method runs the front door on
#: :meth:`DrivenDipolarCluster.open_system`.
FAST_STEADY_STATE_METHODS = ("auto", "sparse")
FAST_EVOLVE_METHODS = ("auto", "expm")


@dataclass(frozen=True, eq=False)
class DrivenDipolarClusterParameters:
    """The inputs of a :class:`DrivenDipolarCluster`.

    Parameters
    ----------
    f : ndarray, shape (N, N)
        Dipolar shifts f_ij (rad/s), Hermitian, zero diagonal.
    gamma : ndarray, shape (N, N)
        Collective decay rates γ_ij (s⁻¹), Hermitian positive semidefinite.
    nbar : float
        Mean thermal photon number n̄ of the bath.
    rabi : ndarray, shape (N,)
        Rabi frequencies Ω_i (rad/s).
    detuning : ndarray, shape (N,)
        Detunings Δ_i = ω_L − ω_i (rad/s).
    laser_frequency : float
        ω_L (rad/s), the frequency of the rotating frame.
    """

    f: np.ndarray
    gamma: np.ndarray
    nbar: float
    rabi: np.ndarray
    detuning: np.ndarray
    laser_frequency: float


@dataclass(frozen=True)
class DrivenDipolarCluster(Model):
    """A dipolar cluster (seed 003 Eq. 1) driven by a laser: the module docstring's H.

    Parameters
    ----------
    cluster : DipolarCluster
        The couplings f, γ and the bath n̄ (its ``omega0`` must be 0: the transition
        frequencies are ω_i = ω_L − Δ_i). N ≤ MAX_FULL_ATOMS (7).
    rabi : float or array_like, shape (N,)
        Rabi frequency Ω_i of each atom (rad/s, real; a scalar drives every atom alike).
    detuning : float or array_like, shape (N,)
        Detuning Δ_i = ω_L − ω_i of each atom (rad/s, real; a scalar applies to every atom).
    laser_frequency : float
        ω_L > 0 (rad/s); enters only the energetics (:meth:`energy_operator`,
        :meth:`hamiltonian_dot`).

    Examples
    --------
    >>> cl = DipolarCluster.identical(2, nbar=0.5, f0=1.0, gamma_self=2.0)
    >>> model = DrivenDipolarCluster(cl, rabi=0.0, detuning=0.3, laser_frequency=10.0)
    >>> abs(model.power(model.steady_state().state)) < 1e-12
    True
    """

    cluster: DipolarCluster
    rabi: np.ndarray
    detuning: np.ndarray
    laser_frequency: float

    def __post_init__(self) -> None:
        if not isinstance(self.cluster, DipolarCluster):
            raise TypeError("cluster must be a DipolarCluster; received "
                            f"{type(self.cluster).__name__}")
        n = require_atoms(self.cluster.n_atoms, MAX_FULL_ATOMS, "number of atoms")
        if self.cluster.omega0 != 0:
            raise ValueError(
                "cluster.omega0 must be 0 (the driven cluster is written in the laser's rotating "
                f"frame, ω_i = laser_frequency − detuning_i); received {self.cluster.omega0:g}")
        for name in ("rabi", "detuning"):
            value = getattr(self, name)
            per_atom = np.full(n, value) if np.ndim(value) == 0 else value
            object.__setattr__(self, name, require_vector(name, per_atom, n).copy())
        require_positive("laser_frequency", self.laser_frequency, "rad/s")
        object.__setattr__(self, "laser_frequency", float(self.laser_frequency))

    # ------------------------------------------------------------------ parameters
    @property
    def parameters(self) -> DrivenDipolarClusterParameters:
        """The inputs f, γ, n̄, Ω_i, Δ_i and ω_L."""
        c = self.cluster
        return DrivenDipolarClusterParameters(c.f, c.gamma, c.nbar, self.rabi.copy(),
                                              self.detuning.copy(), self.laser_frequency)

    @property
    def n_atoms(self) -> int:
        """Number of atoms N."""
        return self.cluster.n_atoms

    @property
    def dimension(self) -> int:
        """Hilbert-space dimension 2^N."""
        return self.cluster.dimension

    @property
    def _dims(self) -> list[list[int]]:
        return [[2] * self.n_atoms, [2] * self.n_atoms]

    # ------------------------------------------------------------------ operators
    def _sigma_plus(self) -> list[scipy.sparse.csr_array]:
        return [sigma_plus(self.n_atoms, i) for i in range(self.n_atoms)]

    def drive_hamiltonian(self) -> scipy.sparse.csr_array:
        """The drive Σ_i (Ω_i/2) σ^x_i.

        Returns
        -------
        scipy.sparse.csr_array, shape (2^N, 2^N)
            In rad/s, computational basis.
        """
        weight, ground_mask = atom_bits(self.n_atoms)
        ground, atom = np.nonzero(ground_mask)
        excited = ground - weight[atom]  # σ⁺_i |ground⟩
        half_rabi = 0.5 * np.asarray(self.rabi, dtype=complex)[atom]
        return scipy.sparse.csr_array(
            (np.concatenate([half_rabi, half_rabi]),
             (np.concatenate([excited, ground]), np.concatenate([ground, excited]))),
            shape=(self.dimension, self.dimension))

    def hamiltonian(self) -> scipy.sparse.csr_array:
        """H of the module docstring in the laser's rotating frame.

        Returns
        -------
        scipy.sparse.csr_array, shape (2^N, 2^N)
            −Σ_i Δ_i σ⁺_iσ⁻_i + Σ_i (Ω_i/2) σ^x_i + Σ_{i≠j} f_ij σ⁺_iσ⁻_j in rad/s,
            computational basis.
        """
        excited = ~atom_bits(self.n_atoms)[1]  # (2^N, N)
        detuning_term = scipy.sparse.diags_array(-(excited @ self.detuning).astype(complex))
        return scipy.sparse.csr_array(detuning_term + self.drive_hamiltonian()
                                      + self.cluster.dipolar_hamiltonian())

    def energy_operator(self) -> np.ndarray:
        """H_E = H + ω_L N_exc: the laboratory Hamiltonian in the rotating frame (seed 003
        Eq. 25), whose energy the heat currents count.

        Returns
        -------
        ndarray, shape (2^N, 2^N)
            Dense, rad/s.
        """
        nexc = excitation_numbers(self.n_atoms)
        return self.hamiltonian().toarray() + np.diag(self.laser_frequency * nexc)

    def hamiltonian_dot(self) -> np.ndarray:
        """U (∂_t H_lab) U† = (ω_L/2) Σ_i Ω_i σ^y_i (seed 003 Eq. 23 in the rotating frame).

        Returns
        -------
        ndarray, shape (2^N, 2^N)
            Dense, Hermitian, rad/s².
        """
        plus = self._sigma_plus()
        sy = sum(om * (-1j) * (p - p.T) for om, p in zip(self.rabi, plus, strict=True))
        out = 0.5 * self.laser_frequency * scipy.sparse.csr_array(sy, dtype=complex)
        return out.toarray() if hasattr(out, "toarray") else np.asarray(out)

    def _jumps(self) -> tuple[list[np.ndarray], list[np.ndarray]]:
        """The jump operators of Eqs. (2)–(3), split into emission (𝒟₋) and absorption (𝒟₊)."""
        nexc = excitation_numbers(self.n_atoms)
        emission, absorption = [], []
        for op in collapse_operators(self.cluster):
            coo = op.tocoo()
            lowers = np.all(nexc[coo.row] == nexc[coo.col] - 1)
            (emission if lowers else absorption).append(op.toarray())
        return emission, absorption

    def open_system(self) -> OpenSystemSpec:
        """The rotating-frame H and the jump operators of seed 003 Eqs. (2)–(3), sparse.

        Returns
        -------
        OpenSystemSpec
            H of :meth:`hamiltonian` (rad/s) and the jump operators of
            :func:`~spinthermo.models.dipolar.master_equation.collapse_operators` (s^(-1/2)),
            all (2^N, 2^N); no mean-field terms.
        """
        return OpenSystemSpec(self.hamiltonian(), tuple(collapse_operators(self.cluster)), ())

    def liouvillian(self) -> scipy.sparse.csr_array:
        """ℒ = −i[H, ·] + 𝒟₋ + 𝒟₊ on the full 4^N space, column stacking.

        Returns
        -------
        scipy.sparse.csr_array, shape (4^N, 4^N)
            s⁻¹.
        """
        spec = self.open_system()
        return sparse_liouvillian(spec.hamiltonian, spec.c_ops)

    def initial_state(self) -> np.ndarray:
        """The state ``evolve`` starts from by default: the ground state.

        Returns
        -------
        ndarray of complex, shape (2^N, 2^N)
            ``|g…g⟩⟨g…g|``.
        """
        return self.cluster.ground_state()

    # ------------------------------------------------------------------ verbs
    def steady_state(self, *, options: SteadyStateOptions | None = None) -> SteadyStateResult:
        """The steady state of ℒ in the rotating frame, with its residual.

        Parameters
        ----------
        options : SteadyStateOptions, optional
            ``method`` ``"auto"`` or ``"sparse"``: matrix-free GMRES on the trace-bordered
            system, preconditioned by the no-jump evolution
            (:func:`~spinthermo.core.krylov_steady.steady_state_krylov`); any other method: the
            front door on :meth:`open_system`. ``tol`` bounds the residual
            ``max|ℒρ|/max|diag ℒ|``; ``check_unique`` refuses a degenerate null space: by the
            theorem that jump operators generating every operator admit one steady state
            (n̄ > 0 and γ of full rank: the σ^±_j are sums of the jumps), otherwise by the
            solver's uniqueness solve.

        Returns
        -------
        SteadyStateResult
            ``state`` (2^N, 2^N) in the computational basis, ``residual``.

        Raises
        ------
        SteadyStateError
            The solve did not give a density matrix (a degenerate null space, e.g. identical
            couplings with a uniform drive conserve the total spin).
        """
        options = steady_state_options(options)
        if options.method not in FAST_STEADY_STATE_METHODS:
            return dataclasses.replace(super().steady_state(options=options), dims=self._dims)
        started = time.perf_counter()
        spec = self.open_system()
        unique = self._jumps_generate_every_operator(spec)
        # without the drive, H_eff conserves the excitation number: the preconditioner's blocks
        solution = steady_state_krylov(spec.hamiltonian, spec.c_ops, tol=options.tol,
                                       check_unique=options.check_unique and not unique,
                                       blocks=excitation_numbers(self.n_atoms))
        result = steady_state_result(solution, options, unvec, started, method="krylov-gmres")
        try:
            require_density_matrix("steady state", result.state)
        except ValueError as error:
            raise SteadyStateError(
                f"the GMRES solve did not return a density matrix ({error}); the steady state "
                "is probably not unique (a conserved quantity such as the total spin)") from None
        return dataclasses.replace(result, dims=self._dims,
                                   unique=True if options.check_unique or unique else None)

    def _jumps_generate_every_operator(self, spec: OpenSystemSpec) -> bool:
        """Whether the jump operators generate, by products and sums, every operator on the
        2^N-dimensional space, so that the steady state is unique whatever H (Nigro, J. Stat.
        Mech. (2019) 043202; Yoshida, Phys. Rev. A 109, 022218 (2024)).

        True for n̄ > 0 and γ of full rank (every mode kept by
        :func:`~spinthermo.models.dipolar.master_equation.collapse_operators`, 2N operators):
        the jumps are then √(λ_m(n̄+1)) Σ_j U*_jm σ⁻_j and √(λ_m n̄) Σ_j U*_jm σ⁺_j with U
        unitary, so every σ⁻_j and σ⁺_j is a sum of them, and products of the σ^±_j give every
        matrix unit |s⟩⟨s'| of N two-level atoms. Otherwise (n̄ = 0: only lowering operators;
        a singular γ) the solver's uniqueness solve decides.
        """
        return self.cluster.nbar > 0 and len(spec.c_ops) == 2 * self.n_atoms

    def evolve(self, times, initial_state=None, *,
               options: EvolveOptions | None = None) -> EvolutionResult:
        """ρ(t) at ``times`` (s) from ``initial_state`` (default the ground state) at ``times[0]``.

        Parameters
        ----------
        times : array_like, shape (T,)
            Increasing times in s.
        initial_state : array_like or Qobj, optional
            ρ(times[0]), a (2^N, 2^N) density matrix or a ket.
        options : EvolveOptions, optional
            ``"auto"``/``"expm"``: Krylov propagation (``expm_multiply``) of the sparse ℒ;
            any other method: the front door on :meth:`open_system`.

        Returns
        -------
        EvolutionResult
            ``states`` (T, 2^N, 2^N), rotating frame.
        """
        options = evolve_options(options)
        if options.method not in FAST_EVOLVE_METHODS:
            return dataclasses.replace(super().evolve(times, initial_state, options=options),
                                       dims=self._dims)
        rho0 = self.cluster.resolve_initial_state(initial_state)
        started = time.perf_counter()
        x = evolve_sparse_linear(self.liouvillian(), vec(rho0), times)
        states = np.swapaxes(x.reshape(-1, self.dimension, self.dimension), -1, -2)
        states = 0.5 * (states + np.conj(np.swapaxes(states, -1, -2)))
        stats = {"method": "expm", "liouvillian_size": self.dimension**2, "sparse": True,
                 "solve_time_s": time.perf_counter() - started, "steps": len(states),
                 "mean_field_terms": 0}
        return EvolutionResult(np.asarray(times, dtype=float), states, options,
                               dims=self._dims, stats=stats)

    # ------------------------------------------------------------------ energetics
    def heat_currents(self, rho) -> np.ndarray:
        """J₋ = Tr[H_E 𝒟₋(ρ)] and J₊ = Tr[H_E 𝒟₊(ρ)] (seed 003 Eqs. 22, 26).

        Parameters
        ----------
        rho : array_like, shape (2^N, 2^N)
            Density matrix in the rotating frame.

        Returns
        -------
        ndarray, shape (2,)
            (emission, absorption) currents in rad/s²; positive into the atoms.
        """
        h = self.energy_operator()
        out = []
        for jumps in self._jumps():
            out.append(float(np.sum(lindblad_heat_currents(rho, h, np.array(jumps))))
                       if jumps else 0.0)
        return np.array(out)

    def heat_current(self, rho) -> float:
        """J = J₋ + J₊, the total heat current from the bath (seed 003 Eq. 22).

        Parameters
        ----------
        rho : array_like, shape (2^N, 2^N)
            Density matrix in the rotating frame.

        Returns
        -------
        float
            J in rad/s²; positive into the atoms.
        """
        return float(np.sum(self.heat_currents(rho)))

    def power(self, rho) -> float:
        """P = Tr[ρ ∂_t H] = (ω_L/2) Σ_i Ω_i ⟨σ^y_i⟩, the laser's power into the atoms (seed 003
        Eqs. 23, 28); zero for Ω = 0.

        Parameters
        ----------
        rho : array_like, shape (2^N, 2^N)
            Density matrix in the rotating frame.

        Returns
        -------
        float
            P in rad/s².
        """
        return float(_power(rho, self.hamiltonian_dot()))


__all__ = ["DrivenDipolarCluster", "DrivenDipolarClusterParameters"]
