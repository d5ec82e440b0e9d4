"""Two-mode alkali–noble-gas exchange: seed 002 Eq. (28), Secs. V–VI B and Appendix F.

Katz, Shaham & Firstenberg, PRX Quantum 3, 010305 (2022). The collective alkali spin
a = ``F⁻/√(2|F_z|)`` and noble-gas spin b = ``K⁻/√(2|K_z|)`` (Holstein–Primakoff, Eq. 24)
obey, in the rotating frame of the noble gas,

    ∂t a = −iJ b + (iΔ − γ) a + F_A,      ∂t b = −iJ a − γ_B b + F_B          (Eq. 28)

with ⟨F_A(t) F_A†(t')⟩ = 2γ(1 + n̄_A) δ(t − t'), ⟨F_A†(t) F_A(t')⟩ = 2γ n̄_A δ(t − t') and
likewise for F_B with γ_B (γ_B = 0 in the paper), n̄ = (1 − p)/(2p) the incoherent excitations
of a spin ensemble with polarization p (Sec. VIII; Eqs. C8–C9 are its first order δp/2). The
equivalent Lindblad equation has H = J(a†b + b†a) − Δ a†a and the jumps √(2γ(n̄_A + 1)) a,
√(2γ n̄_A) a†, √(2γ_B(n̄_B + 1)) b, √(2γ_B n̄_B) b†.

The detuning is piecewise constant: Δ = ``detuning`` for t < ``switch_time`` and
Δ = ``detuning_off`` (default 1000 J, "storage": a residual exchange amplitude J/Δ = 10⁻³ and
an induced noble-gas decay γJ²/Δ² = 10⁻⁶ γ) afterwards (Figs. 3c, 4).

Two independent routes:

* Gaussian moments from :class:`spinthermo.core.bosonic.PassiveLinearSystem` — means,
  ⟨a†a⟩, ⟨b†b⟩, quadrature variances; exact for any initial state (the moment equations of a
  passive linear system close).
* A Lindblad master equation on the Fock states ``|n_a, n_b⟩`` with n_a + n_b ≤ K, built in
  core.superop's convention (:func:`spinthermo.core.superop.sparse_liouvillian`), propagated
  with :func:`spinthermo.core.evolution.evolve_sparse_linear` — Fock fidelities and overlaps.
  H and the no-jump evolution conserve n_a + n_b; jumps a, b lower it and only the thermal
  jumps a†, b† raise it. With vacuum noise (p_A = p_B = 1) K = n_a(0) + n_b(0) is therefore
  exact. With thermal noise an up-jump happens at rate ≤ λ(n + 1), λ = 2γ n̄_A + 2γ_B n̄_B,
  so on every quantum trajectory n_a + n_b is dominated by a Yule process started at
  n(0); truncation alters only trajectories that exceed K, and the trace distance to the exact
  state is at most 2 P(Yule(t) > K) = 2 · NegBin(n(0) + 1, e^{−λt}) tail, which
  :func:`truncation_tail_bound` evaluates and the cutoff is chosen from.

Conventions and corrections to the seed
---------------------------------------
* Phase of the exchange: with H = J(a†b + b†a), i.e. Eq. (28), the Heisenberg solution is
  a(t) = cos(Jt) a − i sin(Jt) b (Eq. F3), but a state evolves with a(−t):
  e^{−iHt} a† e^{iHt} = cos(Jt) a† − i sin(Jt) b†. Eqs. (32), (35) and (F7) carry the opposite
  sign (+i). The entangled state at T_π/2 is ``(|1,0⟩ − i|0,1⟩)/√2``, orthogonal to the printed
  ``(|1,0⟩ + i|0,1⟩)/√2``; :meth:`TwoModeExchange.entanglement_fidelity` uses the correct one (and
  the printed one on request). Fidelities ``|α|²`` and the squeezing transfer (Eq. 37, with ξ²)
  do not depend on this sign.
* Eq. (F2): the noise kernel of ŵ_B is (J/J̃) sin(J̃s), printed as sin(Js).
* Eq. (35) to first order: the strong-coupling solution (F3) drops the term
  −(γ/2J̃) sin(J̃t) a of Eq. (F1)'s solution, which is first order in γ/J. It is harmless at
  T_π (it multiplies a vanishing amplitude) but not at T_π/2: the exact no-jump amplitude gives
  ``|α(T_π/2)|²`` = e^{−πγ/4J}(1 − γ/4J)² = 1 − (π + 2)γ/4J + O(γ²/J²), not 1 − πγ/4J.
  :func:`entanglement_fidelity_first_order` is the corrected form.
* Eq. (F12) uses the same strong-coupling solution: at time t it misses the first-order term
  e^{−γt}(γ/2J) sin(2Jt)⟨ΔP_B²(0)⟩ (a,b-coefficient cross term); it is exact to first order at
  T_π (sin 2JT_π = 0), where it yields Eq. (38).

Polarization: J scales with √(p_A p_B) (Sec. VI B). The paper quotes J = 55γ for p = 1 only;
for the partially polarized curve of Fig. 4(b) we take J = 55γ √(p_A p_B)
(:func:`polarization_scaled_coupling`).
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass

import numpy as np
import scipy.sparse
import scipy.stats

from spinthermo.core.bosonic import (
    PassiveLinearSystem,
    piecewise_moments,
    quadrature_variances,
    squeezing_parameter_from_db,
    thermal_occupation_from_polarization,
    thermal_squeezed_moments,
)
from spinthermo.core.checks import (
    require_nonnegative,
    require_positive,
    require_range,
    require_times,
)
from spinthermo.core.evolution import evolve_sparse_linear
from spinthermo.core.generator import MeanFieldGenerator
from spinthermo.core.options import EvolveOptions, SteadyStateOptions
from spinthermo.core.results import EvolutionResult, SteadyStateResult
from spinthermo.core.superop import sparse_liouvillian, trace_row, unvec, vec
from spinthermo.models.base import Model, OpenSystemSpec, not_applicable
from spinthermo.models.fast_path import evolve_generator, linear_steady_state

#: Δ_off/J after the switch: residual exchange amplitude ~J/Δ_off = 1e-3, induced noble-gas
#: amplitude decay γJ²/Δ_off² = 1e-6 γ — negligible on every time scale of Figs. 3–4.
DEFAULT_DECOUPLING_RATIO = 1000.0
#: Default bound on the trace distance of the truncated Fock dynamics (thermal noise).
DEFAULT_TAIL_TOLERANCE = 1e-10
#: Excitation cutoff K of the Model verbs (``hamiltonian()``, ``open_system()``, ...); ``|2⟩`` is
#: the largest Fock state the paper transfers (Fig. 4a, Eq. 34); exact for vacuum noise
#: (p_A = p_B = 1), where no jump raises the excitation number.
DEFAULT_MAX_EXCITATIONS = 2


# --------------------------------------------------------------------------- closed forms


def polarization_scaled_coupling(coupling_full: float, polarization_a: float,
                                 polarization_b: float) -> float:
    """J(p_A, p_B) = J(1, 1) √(p_A p_B): seed 002 Eq. (26) and Sec. VI B.

    Our reading for Fig. 4(b) (red): 55γ √(0.95 · 0.75) ≈ 46.4γ.

    Parameters
    ----------
    coupling_full : float
        J(1, 1), s⁻¹, > 0.
    polarization_a, polarization_b : float
        p_A, p_B in (0, 1].

    Returns
    -------
    float
        J(p_A, p_B), s⁻¹.
    """
    require_positive("coupling_full", coupling_full)
    require_range("polarization_a", polarization_a, 0.0, 1.0, low_inclusive=False)
    require_range("polarization_b", polarization_b, 0.0, 1.0, low_inclusive=False)
    return coupling_full * math.sqrt(polarization_a * polarization_b)


def effective_exchange_rate_f1(coupling: float, alkali_decay: float) -> complex:
    """J̃ = √(J² − γ²/4), seed 002 Eq. (F1); imaginary in the overdamped regime γ > 2J.

    Parameters
    ----------
    coupling : float
        J, s⁻¹.
    alkali_decay : float
        γ, s⁻¹.

    Returns
    -------
    complex
        J̃, s⁻¹.
    """
    require_nonnegative("coupling", coupling)
    require_nonnegative("alkali_decay", alkali_decay)
    return complex(np.emath.sqrt(coupling**2 - alkali_decay**2 / 4.0))


def two_mode_solution_f1(coupling: float, alkali_decay: float, t) -> np.ndarray:
    """Coefficient matrix U(t) with (a(t), b(t)) = U (a, b) + (ŵ_A, ŵ_B), Δ = 0 — exact.

    Seed 002 App. F, the solution above Eq. (F1): U = e^{−γt/2}[[cos J̃t − (γ/2J̃) sin J̃t,
    −i(J/J̃) sin J̃t], [−i(J/J̃) sin J̃t, cos J̃t + (γ/2J̃) sin J̃t]]; shape (..., 2, 2) for an
    array ``t``. Valid for every γ ≠ 2J (J̃ imaginary when overdamped).

    Parameters
    ----------
    coupling : float
        J, s⁻¹.
    alkali_decay : float
        γ, s⁻¹.
    t : float or array_like
        Times, s.

    Returns
    -------
    numpy.ndarray
        U, complex, shape ``(..., 2, 2)``.
    """
    jt = effective_exchange_rate_f1(coupling, alkali_decay)
    if jt == 0:
        raise ValueError("two_mode_solution_f1 is singular at critical damping alkali_decay = "
                         "2 coupling; use TwoModeExchange.linear_system().propagator")
    t = np.asarray(t, dtype=float)
    decay = np.exp(-alkali_decay * t / 2.0)
    cos, sin = np.cos(jt * t), np.sin(jt * t)
    g = alkali_decay / (2.0 * jt)
    out = np.empty((*t.shape, 2, 2), dtype=complex)
    out[..., 0, 0] = decay * (cos - g * sin)
    out[..., 0, 1] = out[..., 1, 0] = -1j * decay * coupling / jt * sin
    out[..., 1, 1] = decay * (cos + g * sin)
    return out


def strong_coupling_solution_f3(coupling: float, alkali_decay: float, t) -> np.ndarray:
    """Seed 002 Eq. (F3): U(t) ≈ e^{−γt/2}[[cos Jt, −i sin Jt], [−i sin Jt, cos Jt]] (J ≫ γ).

    Parameters
    ----------
    coupling : float
        J, s⁻¹.
    alkali_decay : float
        γ, s⁻¹.
    t : float or array_like
        Times, s.

    Returns
    -------
    numpy.ndarray
        U, complex, shape ``(..., 2, 2)``.
    """
    t = np.asarray(t, dtype=float)
    decay = np.exp(-alkali_decay * t / 2.0)
    out = np.empty((*t.shape, 2, 2), dtype=complex)
    out[..., 0, 0] = out[..., 1, 1] = decay * np.cos(coupling * t)
    out[..., 0, 1] = out[..., 1, 0] = -1j * decay * np.sin(coupling * t)
    return out


def noise_correlation_f5(coupling: float, alkali_decay: float, t, nbar_a: float = 0.0):
    """⟨ŵ_B(t) ŵ_B†(t)⟩ = (1 + n̄_A)[1 − e^{−γt}(1 + (γ/2J) sin 2Jt)], seed 002 Eq. (F5).

    First order in γ/J; the paper's vacuum form is n̄_A = 0 (thermal noise scales D⁺ by 1 + n̄_A).

    Parameters
    ----------
    coupling : float
        J, s⁻¹.
    alkali_decay : float
        γ, s⁻¹.
    t : float or array_like
        Times, s.
    nbar_a : float
        n̄_A.

    Returns
    -------
    numpy.ndarray
        The correlation, dimensionless, the shape of ``t``.
    """
    require_positive("coupling", coupling)
    t = np.asarray(t, dtype=float)
    shape = 1.0 - np.exp(-alkali_decay * t) * (
        1.0 + alkali_decay / (2.0 * coupling) * np.sin(2.0 * coupling * t))
    return (1.0 + nbar_a) * shape


def noise_at_transfer_f6(coupling: float, alkali_decay: float) -> float:
    """⟨ŵ_B(T_π) ŵ_B†(T_π)⟩ = πγ/2J, seed 002 Eq. (F6) (first order, vacuum noise).

    Parameters
    ----------
    coupling : float
        J, s⁻¹.
    alkali_decay : float
        γ, s⁻¹.

    Returns
    -------
    float
        The correlation, dimensionless.
    """
    require_positive("coupling", coupling)
    return math.pi * alkali_decay / (2.0 * coupling)


def fock_fidelity_eq34(excitations: int, coupling: float, alkali_decay: float) -> float:
    """``|α(T_π)|²`` = 1 − mπγ/2J, seed 002 Eq. (34) (first order in γ/J).

    Parameters
    ----------
    excitations : int
        m, the Fock number transferred.
    coupling : float
        J, s⁻¹.
    alkali_decay : float
        γ, s⁻¹.

    Returns
    -------
    float
        The fidelity.
    """
    require_positive("coupling", coupling)
    return 1.0 - excitations * math.pi * alkali_decay / (2.0 * coupling)


def entanglement_fidelity_eq35(coupling: float, alkali_decay: float) -> float:
    """``|α(T_π/2)|²`` = 1 − πγ/4J as printed in seed 002 Eq. (35) (misses a first-order term).

    Parameters
    ----------
    coupling : float
        J, s⁻¹.
    alkali_decay : float
        γ, s⁻¹.

    Returns
    -------
    float
        The fidelity.
    """
    require_positive("coupling", coupling)
    return 1.0 - math.pi * alkali_decay / (4.0 * coupling)


def entanglement_fidelity_first_order(coupling: float, alkali_decay: float) -> float:
    """``|α(T_π/2)|²`` = 1 − (π + 2)γ/4J: Eq. (35) corrected to first order (module docstring).

    Parameters
    ----------
    coupling : float
        J, s⁻¹.
    alkali_decay : float
        γ, s⁻¹.

    Returns
    -------
    float
        The fidelity.
    """
    require_positive("coupling", coupling)
    return 1.0 - (math.pi + 2.0) * alkali_decay / (4.0 * coupling)


def _shaped_like(times, values: np.ndarray):
    """``values`` at 1-D times, returned as a scalar when ``times`` was one."""
    return values[0] if np.ndim(times) == 0 else values


def fock_fidelity_exact(excitations: int, coupling: float, alkali_decay: float, t):
    """``⟨0, m|ρ(t)|0, m⟩`` for ``|m, 0⟩`` at Δ = 0 and vacuum noise, exact: ``|U_ba(t)|^{2m}``.

    Vacuum noise only removes excitations, so the output of b is a pure-loss channel of
    transmissivity ``|U_ba|²`` (Eq. F1 solution) fed with ``|m⟩``, and n_a = 0 once n_b = m.

    Parameters
    ----------
    excitations : int
        m.
    coupling : float
        J, s⁻¹.
    alkali_decay : float
        γ, s⁻¹.
    t : float or array_like
        Times, s.

    Returns
    -------
    numpy.ndarray
        The fidelity, the shape of ``t``.
    """
    u = two_mode_solution_f1(coupling, alkali_decay, t)
    return np.abs(u[..., 1, 0]) ** (2 * excitations)


def transferred_variance_eq38(squeezing_r: float, coupling: float, alkali_decay: float) -> float:
    """⟨ΔP_B²(T_π)⟩ = e^{−2ξ}/4 + (πγ/8J)(1 − e^{−2ξ}), seed 002 Eq. (38) (first order).

    Parameters
    ----------
    squeezing_r : float
        ξ, the squeezing parameter of the input.
    coupling : float
        J, s⁻¹.
    alkali_decay : float
        γ, s⁻¹.

    Returns
    -------
    float
        The variance, dimensionless.
    """
    require_positive("coupling", coupling)
    squeeze = math.exp(-2.0 * squeezing_r)
    return squeeze / 4.0 + math.pi * alkali_decay / (8.0 * coupling) * (1.0 - squeeze)


def exchanged_variances_f12(t, coupling: float, alkali_decay: float, var_x_a: float,
                            var_p_a: float, var_x_b: float, var_p_b: float,
                            nbar_a: float = 0.0):
    """(⟨ΔX_B²⟩(t), ⟨ΔP_B²⟩(t)), seed 002 Eq. (F12) with noise ⟨ŵ_XB²⟩ = ⟨ŵ_PB²⟩ from (F5)/(F9).

    e^{−γt}[cos²(Jt) ⟨X_B²⟩ + sin²(Jt) ⟨P_A²⟩] + ⟨ŵ_XB²⟩ and the same with (P_B, X_A), for an
    initial state without A–B correlations. Thermal noise: ⟨ŵ_PB²⟩ = (2n̄_A + 1) F5(n̄=0)/4.
    Strong-coupling approximation: first-order exact at T_π only (module docstring).

    Parameters
    ----------
    t : float or array_like
        Times, s.
    coupling : float
        J, s⁻¹.
    alkali_decay : float
        γ, s⁻¹.
    var_x_a, var_p_a, var_x_b, var_p_b : float
        Initial quadrature variances.
    nbar_a : float
        n̄_A.

    Returns
    -------
    tuple of numpy.ndarray
        ``(⟨ΔX_B²⟩, ⟨ΔP_B²⟩)``, each the shape of ``t``.
    """
    t = np.asarray(t, dtype=float)
    decay = np.exp(-alkali_decay * t)
    cos2, sin2 = np.cos(coupling * t) ** 2, np.sin(coupling * t) ** 2
    noise = (2.0 * nbar_a + 1.0) * noise_correlation_f5(coupling, alkali_decay, t) / 4.0
    return (decay * (cos2 * var_x_b + sin2 * var_p_a) + noise,
            decay * (cos2 * var_p_b + sin2 * var_x_a) + noise)


# --------------------------------------------------------------------------- Fock space


def excitation_basis(max_excitations: int) -> list[tuple[int, int]]:
    """The Fock states (n_a, n_b) with n_a + n_b ≤ K, ordered by n_a then n_b.

    Parameters
    ----------
    max_excitations : int
        K, ≥ 0.

    Returns
    -------
    list of tuple of int
        The (K + 1)(K + 2)/2 labels.
    """
    if max_excitations < 0:
        raise ValueError(f"max_excitations must be >= 0; received {max_excitations}")
    return [(na, nb) for na in range(max_excitations + 1)
            for nb in range(max_excitations + 1 - na)]


def excitation_operators(max_excitations: int) -> tuple[np.ndarray, np.ndarray]:
    """(a, b) on :func:`excitation_basis`: exact lowering; raising past K is projected out.

    Parameters
    ----------
    max_excitations : int
        K, ≥ 0.

    Returns
    -------
    tuple of numpy.ndarray
        ``(a, b)``, each of shape (d, d), d = (K + 1)(K + 2)/2.
    """
    basis = excitation_basis(max_excitations)
    index = {state: i for i, state in enumerate(basis)}
    d = len(basis)
    a = np.zeros((d, d), dtype=complex)
    b = np.zeros((d, d), dtype=complex)
    for (na, nb), i in index.items():
        if na > 0:
            a[index[(na - 1, nb)], i] = math.sqrt(na)
        if nb > 0:
            b[index[(na, nb - 1)], i] = math.sqrt(nb)
    return a, b


def truncation_tail_bound(initial_excitations: int, max_excitations: int, up_rate: float,
                          t) -> np.ndarray:
    """Bound on the trace distance between truncated and exact Fock dynamics at times ``t``.

    2 P(Y(t) > K) for the Yule process Y with birth rate λ(Y + 1) from Y(0) = n(0):
    Y(t) − n(0) ~ NegBin(n(0) + 1, e^{−λt}) (module docstring). Zero for λ = 0 (vacuum
    noise, K ≥ n(0)).

    Parameters
    ----------
    initial_excitations : int
        n(0).
    max_excitations : int
        K.
    up_rate : float
        λ, s⁻¹.
    t : float or array_like
        Times, s.

    Returns
    -------
    numpy.ndarray
        The bound, in [0, 2], shape (T,).
    """
    t = np.atleast_1d(np.asarray(t, dtype=float))
    excess = max_excitations - initial_excitations
    if excess < 0:
        return np.full(t.shape, 2.0)
    if up_rate == 0:
        return np.zeros(t.shape)
    tail = scipy.stats.nbinom.sf(excess, initial_excitations + 1, np.exp(-up_rate * t))
    return 2.0 * np.minimum(tail, 1.0)


@dataclass(frozen=True)
class FockTrajectory:
    """Density matrices on :func:`excitation_basis` (K = ``max_excitations``) at ``times``.

    Parameters
    ----------
    times : numpy.ndarray
        Shape (T,), s.
    states : numpy.ndarray
        Density matrices, shape (T, d, d).
    max_excitations : int
        K.
    tail_bound : numpy.ndarray
        Bound on the trace distance of each state from the untruncated dynamics, shape (T,).
    """

    times: np.ndarray
    states: np.ndarray
    max_excitations: int
    tail_bound: np.ndarray

    def index(self, n_a: int, n_b: int) -> int:
        """Position of ``|n_a, n_b⟩`` in the basis.

        Parameters
        ----------
        n_a, n_b : int
            The occupations.

        Returns
        -------
        int
            The index.
        """
        return excitation_basis(self.max_excitations).index((n_a, n_b))

    def population(self, n_a: int, n_b: int) -> np.ndarray:
        """``⟨n_a, n_b|ρ(t)|n_a, n_b⟩`` at every time.

        Parameters
        ----------
        n_a, n_b : int
            The occupations.

        Returns
        -------
        numpy.ndarray
            Shape (T,).
        """
        i = self.index(n_a, n_b)
        return self.states[:, i, i].real

    def overlap(self, amplitudes: dict) -> np.ndarray:
        """``⟨ψ|ρ(t)|ψ⟩`` for ``|ψ⟩`` = Σ c_(n_a,n_b) ``|n_a, n_b⟩``.

        Parameters
        ----------
        amplitudes : dict
            ``{(n_a, n_b): c}``.

        Returns
        -------
        numpy.ndarray
            Shape (T,).
        """
        psi = np.zeros(self.states.shape[-1], dtype=complex)
        for state, amplitude in amplitudes.items():
            psi[self.index(*state)] = amplitude
        return np.einsum("i,tij,j->t", psi.conj(), self.states, psi).real

    def excitations(self) -> np.ndarray:
        """(⟨a†a⟩, ⟨b†b⟩) at every time.

        Returns
        -------
        numpy.ndarray
            Shape (T, 2).
        """
        basis = np.array(excitation_basis(self.max_excitations), dtype=float)
        pops = np.einsum("tii->ti", self.states).real
        return pops @ basis


# --------------------------------------------------------------------------- Gaussian results


@dataclass(frozen=True)
class GaussianTrajectory:
    """Gaussian moments at ``times``, mode 0 = a, 1 = b.

    Parameters
    ----------
    times : numpy.ndarray
        Shape (T,), s.
    means : numpy.ndarray
        ⟨a_i⟩, shape (T, 2).
    normal, anomalous : numpy.ndarray
        N_ij = ⟨a_i†a_j⟩ and M_ij = ⟨a_i a_j⟩, shape (T, 2, 2).
    """

    times: np.ndarray
    means: np.ndarray
    normal: np.ndarray
    anomalous: np.ndarray

    def excitations(self) -> np.ndarray:
        """(⟨a†a⟩, ⟨b†b⟩) at every time.

        Returns
        -------
        numpy.ndarray
            Shape (T, 2).
        """
        return np.stack([self.normal[:, 0, 0].real, self.normal[:, 1, 1].real], axis=1)

    def variances(self, mode: int) -> tuple[np.ndarray, np.ndarray]:
        """(⟨ΔX²⟩, ⟨ΔP²⟩) of mode 0 (alkali) or 1 (noble gas), X = (a + a†)/2.

        Parameters
        ----------
        mode : int
            0 or 1.

        Returns
        -------
        tuple of numpy.ndarray
            Each of shape (T,).
        """
        return quadrature_variances(self.means, self.normal, self.anomalous, mode)


# --------------------------------------------------------------------------- the model


@dataclass(frozen=True)
class TwoModeExchange(Model):
    """Seed 002 Eq. (28): exchange between the collective alkali (a) and noble-gas (b) spins.

    The :class:`~spinthermo.models.base.Model` verbs use the Fock route: the Lindblad equation
    of :meth:`fock_liouvillian` on :func:`excitation_basis` with n_a + n_b ≤
    ``max_excitations`` (keyword of every verb, default :data:`DEFAULT_MAX_EXCITATIONS`). With
    a switched detuning (``switch_time``) the generator is piecewise constant: ``open_system``,
    ``steady_state`` and ``evolve`` are then not applicable (use :meth:`fock_dynamics`).

    Rates in s⁻¹ (any consistent unit works: only ratios and products with time enter).

    Parameters
    ----------
    coupling : float
        J, s⁻¹, > 0, taken as given (use :func:`polarization_scaled_coupling` to scale it).
    alkali_decay : float
        γ, s⁻¹, ≥ 0.
    detuning : float
        Δ for t < ``switch_time``, rad/s.
    switch_time : float or None
        When Δ switches to ``detuning_off``, s; None: never.
    detuning_off : float or None
        Δ after the switch, rad/s; None: ``DEFAULT_DECOUPLING_RATIO`` · J.
    noble_decay : float
        γ_B, s⁻¹, ≥ 0 (zero in the paper).
    polarization_a, polarization_b : float
        p_A, p_B in (0, 1]; they set the thermal noise n̄ = (1 − p)/(2p).

    Examples
    --------
    >>> model = TwoModeExchange(coupling=55.0, alkali_decay=1.0)   # Fig. 4(a), J = 55γ
    >>> round(float(model.fock_fidelity(2, [model.transfer_time])[0]), 4)
    0.9446
    """

    coupling: float
    alkali_decay: float
    detuning: float = 0.0
    switch_time: float | None = None
    detuning_off: float | None = None
    noble_decay: float = 0.0
    polarization_a: float = 1.0
    polarization_b: float = 1.0

    def __post_init__(self):
        require_positive("coupling", self.coupling)
        require_nonnegative("alkali_decay", self.alkali_decay)
        require_range("detuning", self.detuning)
        require_nonnegative("noble_decay", self.noble_decay)
        require_range("polarization_a", self.polarization_a, 0.0, 1.0, low_inclusive=False)
        require_range("polarization_b", self.polarization_b, 0.0, 1.0, low_inclusive=False)
        if self.switch_time is not None:
            require_positive("switch_time", self.switch_time)
        if self.detuning_off is None:
            object.__setattr__(self, "detuning_off", DEFAULT_DECOUPLING_RATIO * self.coupling)
        require_range("detuning_off", self.detuning_off)

    # ------------------------------------------------------------------ the Model protocol
    @property
    def parameters(self) -> TwoModeExchange:
        """The parameters, which this frozen dataclass holds exactly (rates in s⁻¹)."""
        return self

    def hamiltonian(self, *, max_excitations: int = DEFAULT_MAX_EXCITATIONS) -> np.ndarray:
        """H = J(a†b + b†a) − Δ a†a (Eq. 28, Δ before any switch) on
        :func:`excitation_basis`.

        Parameters
        ----------
        max_excitations : int
            K, the excitation cutoff of :func:`excitation_basis`.

        Returns
        -------
        numpy.ndarray
            Shape (d, d), rad/s.
        """
        return self._fock_terms(max_excitations, self.detuning)[0]

    def _fock_terms(self, max_excitations: int, detuning: float):
        """(H, [(jump, rate)]) of :meth:`fock_liouvillian`; zero rates dropped."""
        a, b = excitation_operators(max_excitations)
        ad, bd = a.conj().T, b.conj().T
        hamiltonian = self.coupling * (ad @ b + bd @ a) - detuning * (ad @ a)
        ga, gb = self.alkali_decay, self.noble_decay
        na, nb = self.nbar_a, self.nbar_b
        candidates = [(a, 2 * ga * (na + 1)), (ad, 2 * ga * na), (b, 2 * gb * (nb + 1)),
                      (bd, 2 * gb * nb)]
        return hamiltonian, [(op, rate) for op, rate in candidates if rate > 0]

    def _constant_generator(self, verb: str) -> None:
        if self.switch_time is not None:
            raise not_applicable(
                self, verb, f"the detuning switches at switch_time = {self.switch_time:g} s, "
                "so the generator is piecewise constant; use fock_dynamics (or the model "
                "without switch_time)")

    def open_system(self, *, max_excitations: int = DEFAULT_MAX_EXCITATIONS) -> OpenSystemSpec:
        """The Fock-route equation: H and √(2γ(n̄_A+1)) a, √(2γn̄_A) a†, √(2γ_B(n̄_B+1)) b,
        √(2γ_B n̄_B) b† (zero rates dropped); no mean-field terms.

        Parameters
        ----------
        max_excitations : int
            K, the excitation cutoff of :func:`excitation_basis`.

        Returns
        -------
        OpenSystemSpec
            H (d, d) in rad/s and the collapse operators (d, d) in s^(-1/2).
        """
        self._constant_generator("open_system")
        hamiltonian, jumps = self._fock_terms(max_excitations, self.detuning)
        return OpenSystemSpec(hamiltonian, tuple(math.sqrt(rate) * op for op, rate in jumps))

    def _dense_generator(self, max_excitations: int) -> MeanFieldGenerator:
        liouvillian = self.fock_liouvillian(max_excitations).toarray()
        return MeanFieldGenerator.linear_only(liouvillian,
                                              trace_row(len(excitation_basis(max_excitations))))

    def initial_state(self, *, max_excitations: int = DEFAULT_MAX_EXCITATIONS) -> np.ndarray:
        """``|1⟩_A|0⟩_B``, one alkali excitation to exchange (the start of Eqs. 29, 35).

        Parameters
        ----------
        max_excitations : int
            K, the excitation cutoff of :func:`excitation_basis`.

        Returns
        -------
        numpy.ndarray
            Density matrix, shape (d, d).
        """
        basis = excitation_basis(max_excitations)
        rho = np.zeros((len(basis),) * 2, dtype=complex)
        rho[basis.index((1, 0)), basis.index((1, 0))] = 1.0
        return rho

    def steady_state(self, *, max_excitations: int = DEFAULT_MAX_EXCITATIONS,
                     options: SteadyStateOptions | None = None) -> SteadyStateResult:
        """Steady state of the Fock-route equation (vacuum for p_A = p_B = 1) by the engine's
        null-space solve, with its residual.

        Parameters
        ----------
        max_excitations : int
            K, the excitation cutoff of :func:`excitation_basis`.
        options : SteadyStateOptions or None
            Tolerances; None: the defaults.

        Returns
        -------
        SteadyStateResult
            Density matrix (d, d) with its residual.
        """
        self._constant_generator("steady_state")
        return linear_steady_state(self._dense_generator(max_excitations), options)

    def evolve(self, times, initial_state=None, *,
               max_excitations: int = DEFAULT_MAX_EXCITATIONS,
               options: EvolveOptions | None = None) -> EvolutionResult:
        """ρ(t) on :func:`excitation_basis` at ``times`` (s) from ρ(times[0]) =
        ``initial_state`` (default :meth:`initial_state`), by exact propagators.

        Parameters
        ----------
        times : array_like
            Output times, shape (T,), s.
        initial_state : array_like or None
            ρ(times[0]), shape (d, d); None: :meth:`initial_state`.
        max_excitations : int
            K, the excitation cutoff of :func:`excitation_basis`.
        options : EvolveOptions or None
            Method and tolerances; None: the defaults.

        Returns
        -------
        EvolutionResult
            Density matrices, shape (T, d, d).
        """
        self._constant_generator("evolve")
        rho0 = self.initial_state(max_excitations=max_excitations) if initial_state is None \
            else np.asarray(initial_state, dtype=complex)
        return evolve_generator(self._dense_generator(max_excitations), vec(rho0), times,
                                options)

    # ------------------------------------------------------------------ parameters
    @property
    def transfer_time(self) -> float:
        """T_π = π/(2J), the duration of a complete exchange (Sec. VI A)."""
        return math.pi / (2.0 * self.coupling)

    @property
    def nbar_a(self) -> float:
        """Thermal occupation of the alkali noise, (1 − p_A)/(2p_A) (Sec. VIII)."""
        return thermal_occupation_from_polarization(self.polarization_a)

    @property
    def nbar_b(self) -> float:
        """Thermal occupation of the noble-gas noise and initial state, (1 − p_B)/(2p_B)."""
        return thermal_occupation_from_polarization(self.polarization_b)

    def with_storage(self) -> TwoModeExchange:
        """The same model switched off resonance at T_π ("storage", Figs. 3c, 4).

        Returns
        -------
        TwoModeExchange
            A copy with ``switch_time`` = T_π.
        """
        return dataclasses.replace(self, switch_time=self.transfer_time)

    def _segments(self) -> list[tuple[float, float]]:
        """[(t_start, Δ)] of the piecewise-constant detuning."""
        if self.switch_time is None:
            return [(0.0, self.detuning)]
        return [(0.0, self.detuning), (self.switch_time, self.detuning_off)]

    # ------------------------------------------------------------------ Langevin route
    def drift(self, detuning: float | None = None) -> np.ndarray:
        """G of Eq. (28): [[iΔ − γ, −iJ], [−iJ, −γ_B]].

        Parameters
        ----------
        detuning : float or None
            Δ, rad/s; None: the model's.

        Returns
        -------
        numpy.ndarray
            Shape (2, 2), complex, s⁻¹.
        """
        delta = self.detuning if detuning is None else detuning
        return np.array([[1j * delta - self.alkali_decay, -1j * self.coupling],
                         [-1j * self.coupling, -self.noble_decay]])

    def linear_system(self, detuning: float | None = None) -> PassiveLinearSystem:
        """Eq. (28) as a :class:`PassiveLinearSystem` with thermal noise of D± (module doc).

        Parameters
        ----------
        detuning : float or None
            As for :meth:`drift`.

        Returns
        -------
        PassiveLinearSystem
            Drift (2, 2) and noise rates (2,), s⁻¹.
        """
        ga, gb = self.alkali_decay, self.noble_decay
        na, nb = self.nbar_a, self.nbar_b
        return PassiveLinearSystem(
            self.drift(detuning),
            [2.0 * ga * (na + 1.0), 2.0 * gb * (nb + 1.0)],
            [2.0 * ga * na, 2.0 * gb * nb],
        )

    def gaussian_dynamics(self, mean0, N0, M0, times) -> GaussianTrajectory:
        """Exact moments from initial Gaussian moments, Δ switched at ``switch_time``.

        Parameters
        ----------
        mean0 : array_like
            ⟨a⟩, ⟨b⟩ at t = 0, shape (2,).
        N0, M0 : array_like
            Normal and anomalous moments at t = 0, shape (2, 2).
        times : array_like
            Times, shape (T,), s.

        Returns
        -------
        GaussianTrajectory
            Means (T, 2) and moments (T, 2, 2) at ``times``.
        """
        segments = [(start, self.linear_system(delta)) for start, delta in self._segments()]
        times = np.asarray(times, dtype=float)
        means, normal, anomalous = piecewise_moments(segments, mean0, N0, M0, times)
        return GaussianTrajectory(times, means, normal, anomalous)

    def thermal_moments(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(mean, N, M) of both ensembles in their incoherent states: N = diag(n̄_A, n̄_B).

        Returns
        -------
        tuple of numpy.ndarray
            ``(mean, N, M)``: shapes (2,), (2, 2), (2, 2).
        """
        return (np.zeros(2, dtype=complex), np.diag([self.nbar_a, self.nbar_b]).astype(complex),
                np.zeros((2, 2), dtype=complex))

    def coherent_dynamics(self, alpha: complex, times) -> GaussianTrajectory:
        """Alkali displaced by α on its incoherent background, noble gas incoherent (Fig. 3).

        For p = 1 these are the coherent spin states of Fig. 3, ⟨a†a⟩(0) = ``|α|²``.

        Parameters
        ----------
        alpha : complex
            The displacement α.
        times : array_like
            Times, shape (T,), s.

        Returns
        -------
        GaussianTrajectory
            Means (T, 2) and moments (T, 2, 2) at ``times``.
        """
        mean, n0, m0 = self.thermal_moments()
        mean[0] = alpha
        n0[0, 0] += abs(alpha) ** 2
        m0[0, 0] += alpha**2
        return self.gaussian_dynamics(mean, n0, m0, times)

    def squeezed_moments(self, squeezing_db: float, theta: float = 0.0):
        """(mean, N, M) at t = 0: X_A squeezed by ``squeezing_db`` on the thermal n̄_A state.

        ⟨ΔX_A²⟩ = 10^{−dB/10}/(4p_A), ⟨ΔP_B²⟩ = 1/(4p_B) (Sec. VI B, Eq. 36 for p = 1).

        Parameters
        ----------
        squeezing_db : float
            Squeezing of X_A, dB.
        theta : float
            Squeezing angle, rad.

        Returns
        -------
        tuple of numpy.ndarray
            ``(mean, N, M)``: shapes (2,), (2, 2), (2, 2).
        """
        r = squeezing_parameter_from_db(squeezing_db)
        n_a, m_a = thermal_squeezed_moments(self.nbar_a, r, theta)
        mean, n0, m0 = self.thermal_moments()
        n0[0, 0] = n_a
        m0[0, 0] = m_a
        return mean, n0, m0

    def squeezed_dynamics(self, squeezing_db: float, times, theta: float = 0.0):
        """Exchange of a squeezed alkali state, Fig. 4(b).

        Parameters
        ----------
        squeezing_db, theta
            As for :meth:`squeezed_moments`.
        times : array_like
            Times, shape (T,), s.

        Returns
        -------
        GaussianTrajectory
            Means (T, 2) and moments (T, 2, 2) at ``times``.
        """
        return self.gaussian_dynamics(*self.squeezed_moments(squeezing_db, theta), times)

    def noise_entering_noble_gas(self, times) -> np.ndarray:
        """Exact ⟨ŵ_B ŵ_B†⟩(t) at the resonant Δ (compare Eq. F5, F6 at T_π).

        Parameters
        ----------
        times : array_like
            Times, shape (T,), s.

        Returns
        -------
        numpy.ndarray
            Shape (T,), dimensionless.
        """
        _, anti = self.linear_system().noise_moments_rows([1], times)
        return anti[:, 0, 0].real

    # ------------------------------------------------------------------ Fock route
    @property
    def up_rate(self) -> float:
        """Largest rate per (n + 1) of a thermal up-jump, λ = 2γ n̄_A + 2γ_B n̄_B (s⁻¹)."""
        return 2.0 * self.alkali_decay * self.nbar_a + 2.0 * self.noble_decay * self.nbar_b

    def fock_liouvillian(self, max_excitations: int, detuning: float | None = None):
        """Lindblad generator on :func:`excitation_basis` (column-stacking vec convention).

        H = J(a†b + b†a) − Δ a†a; jumps √(2γ(n̄_A+1)) a, √(2γn̄_A) a†, √(2γ_B(n̄_B+1)) b,
        √(2γ_B n̄_B) b† (zero rates dropped).

        Parameters
        ----------
        max_excitations : int
            K, the excitation cutoff of :func:`excitation_basis`.
        detuning : float or None
            Δ, rad/s; None: the model's.

        Returns
        -------
        scipy.sparse matrix
            Shape (d², d²), s⁻¹ (:func:`sparse_liouvillian`).
        """
        delta = self.detuning if detuning is None else detuning
        hamiltonian, jumps = self._fock_terms(max_excitations, delta)
        return sparse_liouvillian(hamiltonian, [op for op, _ in jumps],
                                  [rate for _, rate in jumps])

    def fock_cutoff(self, initial_excitations: int, t_max: float,
                    tail_tolerance: float = DEFAULT_TAIL_TOLERANCE) -> int:
        """Smallest K with :func:`truncation_tail_bound` ≤ ``tail_tolerance`` up to ``t_max``.

        K = n(0) exactly for vacuum noise (p_A = p_B = 1, or γ n̄ = 0).

        Parameters
        ----------
        initial_excitations : int
            n(0).
        t_max : float
            Last time, s.
        tail_tolerance : float
            Largest bound accepted, in (0, 1].

        Returns
        -------
        int
            K.
        """
        require_range("tail_tolerance", tail_tolerance, 0.0, 1.0, low_inclusive=False)
        k = initial_excitations
        while truncation_tail_bound(initial_excitations, k, self.up_rate, t_max)[0] \
                > tail_tolerance:
            k += 1
        return k

    def fock_dynamics(self, n_a: int, n_b: int, times,
                      tail_tolerance: float = DEFAULT_TAIL_TOLERANCE,
                      max_excitations: int | None = None) -> FockTrajectory:
        """Lindblad evolution of ``|n_a⟩_A`` ``|n_b⟩_B`` (Eq. 29; ``|1⟩|1⟩`` etc.) with Δ switched.

        The cutoff K is :meth:`fock_cutoff` unless given; the trajectory carries its bound.

        Parameters
        ----------
        n_a, n_b : int
            Initial occupations.
        times : array_like
            Times, shape (T,), s, ≥ 0.
        tail_tolerance : float
            As for :meth:`fock_cutoff`.
        max_excitations : int or None
            K; None: :meth:`fock_cutoff`.

        Returns
        -------
        FockTrajectory
            Density matrices (T, d, d) with the truncation bound.
        """
        times = require_times(times)
        n0 = n_a + n_b
        if max_excitations is None:
            max_excitations = self.fock_cutoff(n0, float(times[-1]), tail_tolerance)
        basis = excitation_basis(max_excitations)
        rho0 = np.zeros((len(basis), len(basis)), dtype=complex)
        i0 = basis.index((n_a, n_b))
        rho0[i0, i0] = 1.0
        x = vec(rho0)
        t_prev = 0.0
        out = np.empty((times.size, len(basis), len(basis)), dtype=complex)
        segments = self._segments()
        bounds = [s for s, _ in segments[1:]] + [math.inf]
        for (start, delta), stop in zip(segments, bounds, strict=True):
            lv = self.fock_liouvillian(max_excitations, delta)
            inside = (times >= start) & (times < stop)
            if np.any(inside):
                states = evolve_sparse_linear(lv, x, times[inside], t0=t_prev)
                out[inside] = unvec(states)
                x, t_prev = states[-1], float(times[inside][-1])
            if math.isfinite(stop) and times[-1] >= stop:
                x = evolve_sparse_linear(lv, x, [stop], t0=t_prev)[0]
                t_prev = stop
        bound = truncation_tail_bound(n0, max_excitations, self.up_rate, times)
        return FockTrajectory(times, out, max_excitations, bound)

    def fock_fidelity(self, excitations: int, times, **options) -> np.ndarray:
        """``|α(t)|² = ⟨0_A m_B|ρ(t)|0_A m_B⟩`` from ``|m⟩_A|0⟩_B`` (Eqs. 29–34, Fig. 4a); a
        scalar time gives a scalar, like :func:`fock_fidelity_exact`.

        Parameters
        ----------
        excitations : int
            m.
        times : float or array_like
            Times, s.
        **options
            Keywords of :meth:`fock_dynamics`.

        Returns
        -------
        numpy.ndarray or float
            ``|α(t)|²``, the shape of ``times``.
        """
        trajectory = self.fock_dynamics(excitations, 0, times, **options)
        return _shaped_like(times, trajectory.population(0, excitations))

    def entanglement_fidelity(self, times, paper_phase: bool = False, **options) -> np.ndarray:
        """``⟨ψ|ρ(t)|ψ⟩`` from ``|1, 0⟩``, ψ = ``(|1,0⟩ − i|0,1⟩)/√2`` (Eq. 35, corrected phase).

        ``paper_phase=True`` uses the printed ``(|1,0⟩ + i|0,1⟩)/√2``, which the evolution of
        Eq. (28) never reaches (module docstring).

        Parameters
        ----------
        times : float or array_like
            Times, s.
        paper_phase : bool
            Use the printed phase.
        **options
            Keywords of :meth:`fock_dynamics`.

        Returns
        -------
        numpy.ndarray or float
            The fidelity, the shape of ``times``.
        """
        sign = 1.0 if paper_phase else -1.0
        trajectory = self.fock_dynamics(1, 0, times, **options)
        return _shaped_like(times, trajectory.overlap({(1, 0): 1 / math.sqrt(2),
                                                       (0, 1): sign * 1j / math.sqrt(2)}))
