r"""Stochastic many-body collision simulation of the alkali–noble-gas interface: seed 002
Secs. III B–D, Eqs. (4)–(9), Fig. 2 and Appendix A.

Katz, Shaham & Firstenberg, PRX Quantum 3, 010305 (2022). N_A alkali spins (I = 0, so
f = s, spin ½) and N_B ≥ N_A noble-gas spins (spin ½), all nearly pointing down (−z). Time is
counted in steps of the mean time τ between collisions of one alkali atom (τ = 1): every
quantity below that is a time is a number of steps, every rate a phase per step.

One step (Eqs. 4–6)
-------------------
Each alkali spin a collides with one noble-gas spin b, all partners distinct in a step (the
constraint κ_ab κ_cb = 0 of Eq. 5), with a phase φ_a ~ N(⟨φ⟩, δφ) (default δφ = ⟨φ⟩), and the
pair evolves by the exact ``exp(−iφ s_a·k_b)`` (Eq. 4 with V τ = φ s·k). Since
s·k = ¼ on the triplet and −¾ on the singlet, ``exp(−iφ s·k) = e^{−iφ/4}[P_T + e^{iφ}P_S]``.
Dropping the global e^{−iφ/4} (the phase of ``|↓↓⟩`` and ``|↑↑⟩``), the flipped subspace
(``|↑_a↓_b⟩``, ``|↓_a↑_b⟩``) evolves by

    e^{iφ/2} [[cos(φ/2), −i sin(φ/2)], [−i sin(φ/2), cos(φ/2)]]            (Eq. 5, corrected)

i.e. 1 + i e^{iφ/2} sin(φ/2) (1 − X) with X the swap. Eq. (5) as printed (as extracted),
1 + e^{iφ/2}[i sin(φ/2) X − 2 sin²(φ/4) 1] on that subspace, is not unitary: its diagonal is
1 − 2e^{iφ/2} sin²(φ/4) instead of e^{iφ/2} cos(φ/2) (it lacks the first-order collisional
phase iφ/2 that the paper's own synchronising field cancels), the swap term has the opposite
sign, and its two columns overlap by −2 sin²(φ/2). :func:`paper_eq5_flip_block` evaluates it
verbatim; :func:`flip_block` is the exact form used here (the tests check it against
``scipy.linalg.expm`` of the 4×4 ``φ s·k``).

The alkali spins also precess in the synchronising axial field, ``exp(−iθ s_az)`` per step with
θ = g_A B_z τ = ``field_phase_per_step`` (default ⟨φ⟩/2, the paper's choice). Its sign cancels
the alkali's mean collisional phase: a collision multiplies the amplitude of ``|↑_a⟩`` (partner
down) by e^{iφ/2}cos(φ/2), the field (global e^{iθ/2} dropped) by e^{−iθ}. The field acts after
the collisions of the step (it does not commute with s_a·k_b; the difference is O(θφ) per step).
With the paper's θ = ⟨φ⟩/2 a residual detuning remains: each noble-gas spin collides with
probability N_A/N_B per step and gains ⟨φ⟩/2 each time, so the collective noble-gas mode
precesses at (N_A/N_B)⟨φ⟩/2 per step; θ = (1 − N_A/N_B)⟨φ⟩/2 synchronises exactly (Sec. V).

Subspaces (the step conserves the number of up spins)
------------------------------------------------------
* One excitation: amplitudes ``c`` of length N = N_A + N_B, index a (alkali) then N_A + b.
* Two excitations: a complex symmetric N × N matrix ``M`` with zero diagonal and
  ``M_ij = c_ij/√2`` for ``|↑_i↑_j⟩``, so that ``‖M‖_F = 1``. A collision (a, b) acts on the
  entries with one excitation in the pair and one elsewhere exactly as on one excitation
  (rows a and N_A + b rotated by the flip block, and the columns likewise); the entry
  ``M[a, N_A + b]`` (both up: a triplet) only takes the field phase e^{−iθ}.

Observables (recorded every ``record_every`` steps)
---------------------------------------------------
With the Dicke states ``|1⟩_A`` = N_A^{−½} Σ_a ``|↑_a⟩``, ``|1⟩_B`` likewise, ``|2⟩_A`` = Σ_{a<a'}
``|↑_a↑_a'⟩``/√C(N_A, 2) and ``|1⟩_A|1⟩_B`` = Σ_{a,b} ``|↑_a↑_b⟩``/√(N_A N_B):
one excitation — ``amplitude_10 = ⟨1_A0_B|ψ⟩``, ``amplitude_01``, ``fidelity_10 = |…|²``,
``fidelity_01``, ``population_alkali = Σ_a |c_a|²``, ``population_noble``, ``norm`` and
``leakage = norm − F_10 − F_01`` (the weight on non-symmetric states, ε² of Eqs. 7–9);
two excitations — ``amplitude_20/02/11``, ``fidelity_20/02/11``, ``norm``,
``excitations_alkali`` (⟨n_A⟩ ∈ [0, 2]) and ``excitations_noble``.

Randomness
----------
A trajectory draws from ``numpy.random.Generator(numpy.random.PCG64(seed))`` in the order
documented in :mod:`.stochastic_kernels` (per step: the pairing by rounds of rejection, then
N_A standard normals). The compiled kernel and the NumPy reference (``method="numpy"``)
consume identical streams, so a seed fixes a trajectory whichever is used. An ensemble of
``n_trajectories`` uses ``numpy.random.SeedSequence(seed).spawn(n_trajectories)``; trajectory k
equals ``simulate(..., seed=children[k])``, whatever the number of ``workers``.

Mean Hamiltonian and the two-mode limit (Sec. III C–D, Appendix A)
-------------------------------------------------------------------
Averaged over one step, the collisions act as H̄τ = (⟨φ⟩/N_B) F·K + θ F_z, which couples only
the symmetric (Dicke) states: ``⟨0_A1_B|H̄τ|1_A0_B⟩`` = J τ = ½⟨φ⟩√(N_A/N_B) (Eq. 8), so
F_10 = cos²(Jt) oscillates at 2J. :func:`collective_hamiltonian` builds H̄ on the Dicke states
of n excitations (with the exact finite-N matrix elements), :func:`collective_prediction`
evolves a state's symmetric part under it, optionally with the stochastic decay below.

Leakage (derived here, to first order in φ and for Jt ≪ 1): from ``|1_A0_B⟩`` the weight on
non-symmetric states grows as ε² = Γt with

    Γ = ¼ [⟨φ²⟩ + δφ² (1 − 1/N_A − 1/N_B) − (N_A/N_B) ⟨φ⟩²],   ⟨φ²⟩ = ⟨φ⟩² + δφ²,

(alkali phase noise ¼δφ²(1 − 1/N_A) plus the incoherent transfer to non-symmetric noble-gas
states); from ``|0_A1_B⟩`` it grows at (N_A/N_B)Γ. Eq. (9), ε² = ⟨φ²⟩t/2, is the limit δφ ≫ ⟨φ⟩
(collisions uncorrelated, the assumption of Appendix A); for δφ = ⟨φ⟩ Γ = ⅜⟨φ²⟩, and for
δφ ≪ ⟨φ⟩ Γ = ¼⟨φ²⟩ — the α = ½ … 1 of Sec. III C.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from types import MappingProxyType

import numpy as np
import scipy.linalg

from spinthermo.core.checks import (
    require_count,
    require_finite,
    require_nonnegative,
    require_range,
)
from spinthermo.models.base import Model, not_applicable
from spinthermo.models.noble_gas import stochastic_kernels as kernels

__all__ = [
    "INITIAL_STATES",
    "NORM_TOLERANCE",
    "StochasticCollisionModel",
    "StochasticEnsemble",
    "StochasticTrajectory",
    "collective_hamiltonian",
    "collective_prediction",
    "collision_unitary",
    "draw_collisions",
    "exchange_operator",
    "flip_block",
    "initial_state",
    "paper_eq5_flip_block",
    "simulate",
    "simulate_ensemble",
]

#: Tolerance on the norm (and, for two excitations, on symmetry and on the zero diagonal) of
#: a user-supplied initial state: amplitudes typed or computed in double precision are
#: normalised far better than this, while any genuinely unnormalised input is rejected.
NORM_TOLERANCE = 1e-10

#: Named initial states: (number of excitations, description).
INITIAL_STATES = MappingProxyType({
    "1A0B": (1, "|1>_A|0>_B, the symmetric alkali excitation"),
    "0A1B": (1, "|0>_A|1>_B, the symmetric noble-gas excitation"),
    "localized": (1, "|up_1, down...>_A|0>_B, alkali spin 1 up"),
    "1A1B": (2, "|1>_A|1>_B, one symmetric excitation in each gas"),
    "2A0B": (2, "|2>_A|0>_B, two symmetric alkali excitations"),
    "0A2B": (2, "|0>_A|2>_B, two symmetric noble-gas excitations"),
})

#: Number of records of a run when ``record_every`` is not given.
DEFAULT_RECORDS = 1000



# --------------------------------------------------------------------------- pair unitary


def exchange_operator() -> np.ndarray:
    """s·k for two spins ½ in the basis (``|↑↑⟩``, ``|↑↓⟩``, ``|↓↑⟩``, ``|↓↓⟩``), alkali spin first.

    s·k = s_z k_z + (s⁺k⁻ + s⁻k⁺)/2, the operator of seed 002 Eq. (4).

    Returns
    -------
    numpy.ndarray
        Shape (4, 4), complex, dimensionless (ħ = 1).
    """
    return np.array([[0.25, 0, 0, 0],
                     [0, -0.25, 0.5, 0],
                     [0, 0.5, -0.25, 0],
                     [0, 0, 0, 0.25]], dtype=complex)


def collision_unitary(phase: float) -> np.ndarray:
    """Exact collision propagator exp(−iφ s·k) (seed 002 Eq. 4 integrated over a collision).

    Closed form e^{−iφ/4}[P_T + e^{iφ} P_S] with the triplet and singlet projectors, in the
    basis of :func:`exchange_operator`.

    Parameters
    ----------
    phase : float
        φ, the collision phase, rad.

    Returns
    -------
    numpy.ndarray
        Unitary, shape (4, 4).

    Examples
    --------
    >>> u = collision_unitary(0.3)
    >>> bool(np.allclose(u.conj().T @ u, np.eye(4)))
    True
    """
    phase = float(require_finite("phase", phase))
    singlet = np.array([0, 1, -1, 0]) / math.sqrt(2.0)
    p_s = np.outer(singlet, singlet).astype(complex)
    return np.exp(-0.25j * phase) * (np.eye(4) + (np.exp(1j * phase) - 1.0) * p_s)


def flip_block(phase: float, field_phase: float = 0.0) -> np.ndarray:
    """The flipped-pair block of one collision and the step's field (seed 002 Eq. 5, corrected).

    In the basis (``|↑_a↓_b⟩``, ``|↓_a↑_b⟩``), relative to ``|↓_a↓_b⟩`` (global e^{−iφ/4} and
    the field's e^{iθ/2} dropped): diag(e^{−iθ}, 1) · e^{iφ/2}[[cos(φ/2), −i sin(φ/2)],
    [−i sin(φ/2), cos(φ/2)]], θ = ``field_phase``. Unitary for every φ.

    Parameters
    ----------
    phase : float
        φ, rad.
    field_phase : float
        θ, the field's phase per step, rad.

    Returns
    -------
    numpy.ndarray
        Unitary, shape (2, 2).

    Examples
    --------
    >>> b = flip_block(0.2, 0.1)
    >>> bool(np.allclose(b.conj().T @ b, np.eye(2)))
    True
    """
    phase = float(require_finite("phase", phase))
    field_phase = float(require_finite("field_phase", field_phase))
    half = 0.5 * phase
    block = np.exp(1j * half) * np.array([[math.cos(half), -1j * math.sin(half)],
                                          [-1j * math.sin(half), math.cos(half)]])
    return np.diag([np.exp(-1j * field_phase), 1.0]) @ block


def paper_eq5_flip_block(phase: float) -> np.ndarray:
    """Seed 002 Eq. (5) as printed, on (``|↑_a↓_b⟩``, ``|↓_a↑_b⟩``) for a colliding pair (κ_ab = 1).

    1 + e^{iφ/2}[i sin(φ/2) X − 2 sin²(φ/4) 1]. Kept for comparison only: it is not unitary
    (see the module notes); the simulation uses :func:`flip_block`.

    Parameters
    ----------
    phase : float
        φ, rad.

    Returns
    -------
    numpy.ndarray
        Shape (2, 2), not unitary.
    """
    phase = float(require_finite("phase", phase))
    swap = np.array([[0, 1], [1, 0]], dtype=complex)
    return np.eye(2) + np.exp(0.5j * phase) * (
        1j * math.sin(0.5 * phase) * swap - 2.0 * math.sin(0.25 * phase) ** 2 * np.eye(2))


# --------------------------------------------------------------------------- model


@dataclass(frozen=True)
class StochasticCollisionModel(Model):
    """Parameters of the stochastic collision simulation (seed 002 Sec. III B).

    A stochastic sequence of collisions with random phases, simulated trajectory by
    trajectory: it has no master equation, so the :class:`~spinthermo.models.base.Model`
    verbs raise :func:`~spinthermo.models.base.not_applicable` (use :func:`simulate`,
    :func:`simulate_ensemble`, :func:`collective_hamiltonian`, :func:`collective_prediction`).

    Times are in steps τ.

    Parameters
    ----------
    n_alkali : int
        N_A ≥ 1.
    n_noble : int
        N_B ≥ N_A.
    mean_phase : float
        ⟨φ⟩, rad, ``|⟨φ⟩|`` ≤ π.
    phase_spread : float or None
        δφ ≥ 0, rad; None: ``|⟨φ⟩|`` (the paper's δφ = ⟨φ⟩).
    field_phase_per_step : float or None
        θ = g_A B_z τ, rad; None: ⟨φ⟩/2 (the paper's synchronising field).

    Examples
    --------
    >>> m = StochasticCollisionModel(100, 10_000, 1e-5)
    >>> round(m.coupling / 1e-5, 12), round(m.population_period / 1e6, 4)
    (0.05, 6.2832)
    """

    n_alkali: int
    n_noble: int
    mean_phase: float
    phase_spread: float | None = None
    field_phase_per_step: float | None = None

    def __post_init__(self):
        n_alkali = require_count("n_alkali", self.n_alkali, 1)
        n_noble = require_count("n_noble", self.n_noble, 1)
        if n_noble < n_alkali:
            raise ValueError(
                f"n_noble (N_B) must be >= n_alkali (N_A) = {n_alkali}: every alkali spin "
                f"meets a distinct noble-gas spin in each step; received n_noble = {n_noble}")
        mean_phase = float(require_range("mean_phase", self.mean_phase, -math.pi, math.pi))
        spread = abs(mean_phase) if self.phase_spread is None else self.phase_spread
        spread = float(require_nonnegative("phase_spread", spread))
        field_phase = (0.5 * mean_phase if self.field_phase_per_step is None
                       else float(require_finite("field_phase_per_step",
                                                 self.field_phase_per_step)))
        for name, value in (("n_alkali", n_alkali), ("n_noble", n_noble),
                            ("mean_phase", mean_phase), ("phase_spread", spread),
                            ("field_phase_per_step", float(field_phase))):
            object.__setattr__(self, name, value)

    @property
    def parameters(self) -> StochasticCollisionModel:
        """The parameters, which this frozen dataclass holds exactly."""
        return self

    def _no_master_equation(self, verb: str, remedy: str) -> NotImplementedError:
        return not_applicable(self, verb, "the collisions are random unitaries drawn step by "
                              f"step (Eqs. 4-6), with no master equation; use {remedy}")

    def hamiltonian(self):
        raise self._no_master_equation(
            "hamiltonian", "collective_hamiltonian(model, n_excitations), the mean Hamiltonian")

    def open_system(self):
        raise self._no_master_equation("open_system", "simulate_ensemble")

    def steady_state(self, *, options=None):
        raise self._no_master_equation("steady_state", "simulate_ensemble at long times")

    def evolve(self, times, initial_state=None, *, options=None):
        raise self._no_master_equation("evolve", "simulate or simulate_ensemble (times in steps)")

    @property
    def n_spins(self) -> int:
        """N = N_A + N_B."""
        return self.n_alkali + self.n_noble

    @property
    def mean_square_phase(self) -> float:
        """⟨φ²⟩ = ⟨φ⟩² + δφ² (rad²)."""
        return self.mean_phase**2 + self.phase_spread**2

    @property
    def coupling(self) -> float:
        """J τ = ½⟨φ⟩√(N_A/N_B), phase per step (seed 002 Eq. 8)."""
        return 0.5 * self.mean_phase * math.sqrt(self.n_alkali / self.n_noble)

    @property
    def exchange_time(self) -> float:
        """Time of full transfer ``|1_A0_B⟩`` → ``|0_A1_B⟩``, T_π = ``π/(2|J|)``, in steps."""
        return math.pi / (2.0 * abs(self.coupling)) if self.coupling else math.inf

    @property
    def population_period(self) -> float:
        """Period ``π/|J|`` of F_10(t) = cos²(Jt) (angular frequency 2J), in steps."""
        return 2.0 * self.exchange_time

    @property
    def alkali_shift(self) -> float:
        """Residual precession of the symmetric alkali mode, ⟨φ⟩/2 − θ per step."""
        return 0.5 * self.mean_phase - self.field_phase_per_step

    @property
    def noble_shift(self) -> float:
        """Precession of the symmetric noble-gas mode, (N_A/N_B)⟨φ⟩/2 per step."""
        return 0.5 * self.mean_phase * self.n_alkali / self.n_noble

    @property
    def leakage_rate(self) -> float:
        """Short-time growth rate Γ of the non-symmetric weight from ``|1_A0_B⟩``, per step.

        Γ = ¼[⟨φ²⟩ + δφ²(1 − 1/N_A − 1/N_B) − (N_A/N_B)⟨φ⟩²] (derived in the module notes;
        the alkali mode's population decays at 2γ_A = Γ).
        """
        na, nb = self.n_alkali, self.n_noble
        return 0.25 * (self.mean_square_phase
                       + self.phase_spread**2 * (1.0 - 1.0 / na - 1.0 / nb)
                       - na / nb * self.mean_phase**2)

    @property
    def eq9_leakage_rate(self) -> float:
        """Leakage rate ⟨φ²⟩/2 of seed 002 Eq. (9), ε² = ⟨φ²⟩t/2τ (the δφ ≫ ⟨φ⟩ limit)."""
        return 0.5 * self.mean_square_phase


# --------------------------------------------------------------------------- states


def initial_state(kind: str, n_alkali: int, n_noble: int) -> np.ndarray:
    """A named initial state of seed 002 Sec. III C / Fig. 2 (see ``INITIAL_STATES``).

    Parameters
    ----------
    kind : str
        A key of ``INITIAL_STATES`` (``"1A0B"``, ``"0A1B"``, ``"localized"``, ``"1A1B"``,
        ``"2A0B"``, ``"0A2B"``).
    n_alkali, n_noble : int
        N_A and N_B, ≥ 1.

    Returns
    -------
    numpy.ndarray
        One excitation: amplitudes, shape (N_A + N_B,); two: the symmetric matrix M
        (M_ij = c_ij/√2), shape (N_A + N_B, N_A + N_B).

    Examples
    --------
    >>> initial_state("1A0B", 4, 6)[:5].real
    array([0.5, 0.5, 0.5, 0.5, 0. ])
    """
    if kind not in INITIAL_STATES:
        raise ValueError(f"initial_state must be one of {sorted(INITIAL_STATES)} or an array; "
                         f"received {kind!r}")
    na, nb = require_count("n_alkali", n_alkali, 1), require_count("n_noble", n_noble, 1)
    n = na + nb
    if INITIAL_STATES[kind][0] == 1:
        c = np.zeros(n, dtype=complex)
        if kind == "1A0B":
            c[:na] = 1.0 / math.sqrt(na)
        elif kind == "0A1B":
            c[na:] = 1.0 / math.sqrt(nb)
        else:
            c[0] = 1.0
        return c
    m = np.zeros((n, n), dtype=complex)
    if kind == "1A1B":
        m[:na, na:] = 1.0 / math.sqrt(2.0 * na * nb)
    else:
        block = slice(0, na) if kind == "2A0B" else slice(na, n)
        size = na if kind == "2A0B" else nb
        if size < 2:
            raise ValueError(f"initial_state {kind!r} needs at least two spins of that gas; "
                             f"received {size}")
        m[block, block] = 1.0 / math.sqrt(size * (size - 1.0))
    m = m + m.T if kind == "1A1B" else m
    np.fill_diagonal(m, 0.0)
    return m


def _state(model: StochasticCollisionModel, state) -> np.ndarray:
    """The initial state as an array, validated."""
    if isinstance(state, str):
        return initial_state(state, model.n_alkali, model.n_noble)
    arr = np.array(require_finite("initial_state", state), dtype=complex)
    n = model.n_spins
    if arr.shape == (n,):
        norm = float(np.vdot(arr, arr).real)
    elif arr.shape == (n, n):
        asym = float(np.max(np.abs(arr - arr.T)))
        diag = float(np.max(np.abs(np.diag(arr))))
        if asym > NORM_TOLERANCE or diag > NORM_TOLERANCE:
            raise ValueError(
                "a two-excitation initial_state must be symmetric with zero diagonal "
                f"(M_ij = c_ij/sqrt(2)) within {NORM_TOLERANCE:g}; largest |M - M^T| entry "
                f"{asym:.3g}, largest |M_ii| {diag:.3g}")
        norm = float(np.vdot(arr, arr).real)
    else:
        raise ValueError(
            f"initial_state must be a name in {sorted(INITIAL_STATES)}, a vector of shape "
            f"({n},) or a matrix of shape ({n}, {n}) (N_A + N_B = {n}); received shape "
            f"{arr.shape}")
    if abs(norm - 1.0) > NORM_TOLERANCE:
        raise ValueError(f"initial_state must be normalised (sum |c|^2 = 1 within "
                         f"{NORM_TOLERANCE:g}); received squared norm {norm:.12g}")
    return arr


# --------------------------------------------------------------------------- randomness


def draw_collisions(model: StochasticCollisionModel, rng: np.random.Generator):
    """One step's collisions drawn from ``rng``: ``(partners, phases)`` (seed 002 Eq. 5's κ, φ).

    ``partners[a]`` ∈ {0 … N_B − 1} is the noble-gas partner of alkali spin a (all distinct),
    ``phases[a] = ⟨φ⟩ + δφ z_a``. The draws are exactly those of one step of :func:`simulate`
    (see :mod:`.stochastic_kernels`), so calling this once per step on a generator seeded as
    a trajectory replays that trajectory's collisions.

    Parameters
    ----------
    model : StochasticCollisionModel
        N_A, N_B and the phases.
    rng : numpy.random.Generator
        The random stream.

    Returns
    -------
    tuple of numpy.ndarray
        ``(partners, phases)``, shape (N_A,) each; phases in rad.

    Examples
    --------
    >>> p, phi = draw_collisions(StochasticCollisionModel(3, 5, 0.1), np.random.default_rng(1))
    >>> len(set(p.tolist())), phi.shape
    (3, (3,))
    """
    if not isinstance(rng, np.random.Generator):
        raise TypeError(f"rng must be a numpy.random.Generator; received {type(rng).__name__}")
    return kernels.reference_draw_collisions(rng, model.n_alkali, model.n_noble,
                                             model.mean_phase, model.phase_spread)


def _generator(seed) -> np.random.Generator:
    if isinstance(seed, np.random.SeedSequence):
        return np.random.Generator(np.random.PCG64(seed))
    if isinstance(seed, bool) or not isinstance(seed, int | np.integer) or seed < 0:
        raise ValueError(f"seed must be a non-negative integer or a numpy.random.SeedSequence; "
                         f"received {seed!r}")
    return np.random.Generator(np.random.PCG64(int(seed)))


# --------------------------------------------------------------------------- simulation


@dataclass(frozen=True, eq=False)
class StochasticTrajectory:
    """One trajectory of :func:`simulate`.

    Parameters
    ----------
    model : StochasticCollisionModel
        The model simulated.
    n_steps : int
        Steps simulated.
    record_every : int
        Steps between records, r.
    steps : numpy.ndarray
        The recorded step numbers (0, r, 2r, …), shape (n_records,).
    observables : Mapping
        Name → array over ``steps`` (see the module notes).
    final_state : numpy.ndarray
        The amplitudes after ``n_steps``: a vector (N,) for one excitation, the symmetric
        matrix M (N, N) for two.
    subspace : int
        1 or 2 excitations.
    seed : int or numpy.random.SeedSequence
        The seed of the trajectory's generator.
    method : str
        ``"numba"`` or ``"numpy"``.
    """

    model: StochasticCollisionModel
    n_steps: int
    record_every: int
    steps: np.ndarray
    observables: Mapping[str, np.ndarray]
    final_state: np.ndarray
    subspace: int
    seed: int | np.random.SeedSequence
    method: str


def _recordrequire_count(n_steps: int, record_every: int) -> int:
    return n_steps // record_every + 1


def _observables(real: np.ndarray, cplx: np.ndarray, subspace: int) -> dict[str, np.ndarray]:
    """Named observables from the kernel's record columns."""
    if subspace == 1:
        pop_a, pop_b = real[..., 0], real[..., 1]
        amp10, amp01 = cplx[..., 0], cplx[..., 1]
        f10, f01 = np.abs(amp10) ** 2, np.abs(amp01) ** 2
        norm = pop_a + pop_b
        return {"fidelity_10": f10, "fidelity_01": f01, "population_alkali": pop_a,
                "population_noble": pop_b, "leakage": norm - f10 - f01, "norm": norm,
                "amplitude_10": amp10, "amplitude_01": amp01}
    norm, exc_a = real[..., 0], real[..., 1]
    amp20, amp02, amp11 = cplx[..., 0], cplx[..., 1], cplx[..., 2]
    return {"fidelity_20": np.abs(amp20) ** 2, "fidelity_02": np.abs(amp02) ** 2,
            "fidelity_11": np.abs(amp11) ** 2, "norm": norm, "excitations_alkali": exc_a,
            "excitations_noble": 2.0 * norm - exc_a, "amplitude_20": amp20,
            "amplitude_02": amp02, "amplitude_11": amp11}


def _numpy_records_one(c: np.ndarray, na: int) -> tuple[np.ndarray, np.ndarray]:
    ca, cb = c[:na], c[na:]
    real = np.array([np.vdot(ca, ca).real, np.vdot(cb, cb).real])
    cplx = np.array([ca.sum() / math.sqrt(na), cb.sum() / math.sqrt(cb.size)])
    return real, cplx


def _numpy_records_two(m: np.ndarray, na: int) -> tuple[np.ndarray, np.ndarray]:
    nb = m.shape[0] - na
    rows_a = m[:na]
    norm = np.vdot(m, m).real
    real = np.array([norm, 2.0 * np.vdot(rows_a, rows_a).real])
    amp20 = m[:na, :na].sum() / math.sqrt(na * (na - 1.0)) if na > 1 else 0.0
    amp02 = m[na:, na:].sum() / math.sqrt(nb * (nb - 1.0)) if nb > 1 else 0.0
    amp11 = math.sqrt(2.0) * m[:na, na:].sum() / math.sqrt(na * nb)
    return real, np.array([amp20, amp02, amp11])


def _run(model: StochasticCollisionModel, n_steps: int, state: np.ndarray, seed,
         record_every: int, method: str):
    """Evolve ``state`` (a copy is made); return (final state, real records, complex records)."""
    rng = _generator(seed)
    na = model.n_alkali
    field = kernels.field_factor(model.field_phase_per_step)
    subspace = 1 if state.ndim == 1 else 2
    n_rec = _recordrequire_count(n_steps, record_every)
    if method == "numba":
        if subspace == 1:
            c = np.ascontiguousarray(state, dtype=complex).copy()
            real = np.zeros((n_rec, len(kernels.ONE_EXC_REAL)))
            cplx = np.zeros((n_rec, len(kernels.ONE_EXC_COMPLEX)), dtype=complex)
            kernels.evolve_one_excitation(c, na, n_steps, record_every, model.mean_phase,
                                          model.phase_spread, field.real, field.imag, rng,
                                          real, cplx)
            return c, real, cplx
        upper = np.triu(state, 1)
        mr, mi = np.ascontiguousarray(upper.real), np.ascontiguousarray(upper.imag)
        real = np.zeros((n_rec, len(kernels.TWO_EXC_REAL)))
        cplx = np.zeros((n_rec, len(kernels.TWO_EXC_COMPLEX)), dtype=complex)
        kernels.evolve_two_excitations(mr, mi, na, n_steps, record_every, model.mean_phase,
                                       model.phase_spread, field.real, field.imag, rng, real,
                                       cplx)
        m = np.triu(mr + 1j * mi, 1)
        return m + m.T, real, cplx
    # NumPy reference: the same draws and the same pair updates, one step at a time
    psi = state.astype(complex, copy=True)
    step_fn = (kernels.reference_step_one_excitation if subspace == 1
               else kernels.reference_step_two_excitations)
    record_fn = _numpy_records_one if subspace == 1 else _numpy_records_two
    first_real, first_cplx = record_fn(psi, na)
    real = np.zeros((n_rec, first_real.size))
    cplx = np.zeros((n_rec, first_cplx.size), dtype=complex)
    real[0], cplx[0] = first_real, first_cplx
    for step in range(1, n_steps + 1):
        partners, phases = draw_collisions(model, rng)
        step_fn(psi, na, partners, phases, field)
        if step % record_every == 0:
            real[step // record_every], cplx[step // record_every] = record_fn(psi, na)
    return psi, real, cplx


def _check_run(model, n_steps, record_every, method):
    if not isinstance(model, StochasticCollisionModel):
        raise TypeError(f"model must be a StochasticCollisionModel; received "
                        f"{type(model).__name__}")
    n_steps = require_count("n_steps", n_steps, 0)
    if record_every is None:
        record_every = max(1, n_steps // DEFAULT_RECORDS)
    record_every = require_count("record_every", record_every, 1)
    if method not in ("numba", "numpy"):
        raise ValueError(f"method must be 'numba' or 'numpy'; received {method!r}")
    return n_steps, record_every


def simulate(model: StochasticCollisionModel, n_steps: int, initial_state="1A0B", *,
             seed=0, record_every: int | None = None,
             method: str = "numba") -> StochasticTrajectory:
    """One stochastic trajectory of seed 002 Eqs. (4)–(6) in the one- or two-excitation subspace.

    ``initial_state``: a name from ``INITIAL_STATES`` or amplitudes (a vector of length
    N_A + N_B, or the symmetric matrix M with ‖M‖_F = 1). ``seed``: a non-negative integer or a
    ``numpy.random.SeedSequence`` for ``Generator(PCG64(seed))``. Observables are recorded at
    steps 0, r, 2r, … ≤ ``n_steps`` with r = ``record_every`` (default: about
    ``DEFAULT_RECORDS`` records). ``method="numba"`` runs the compiled kernel, ``"numpy"`` the
    vectorised reference (same draws, same result to rounding).

    Parameters
    ----------
    model : StochasticCollisionModel
        N_A, N_B and the phases.
    n_steps : int
        Collision steps, ≥ 0.
    initial_state : str or array_like
        A name from ``INITIAL_STATES``, a vector (N_A + N_B,) or the matrix M.
    seed : int or numpy.random.SeedSequence
        Seed of ``Generator(PCG64(seed))``, ≥ 0.
    record_every : int or None
        Steps between records; None: about ``DEFAULT_RECORDS`` records.
    method : str
        ``"numba"`` or ``"numpy"``.

    Returns
    -------
    StochasticTrajectory
        The recorded observables and the final amplitudes.

    Examples
    --------
    >>> run = simulate(StochasticCollisionModel(4, 40, 0.01), 100, seed=1, record_every=50)
    >>> run.steps.tolist(), bool(abs(run.observables["norm"][-1] - 1) < 1e-12)
    ([0, 50, 100], True)
    """
    n_steps, record_every = _check_run(model, n_steps, record_every, method)
    state = _state(model, initial_state)
    _generator(seed)  # validates before any work
    final, real, cplx = _run(model, n_steps, state, seed, record_every, method)
    subspace = 1 if state.ndim == 1 else 2
    steps = record_every * np.arange(real.shape[0])
    return StochasticTrajectory(model, n_steps, record_every, steps,
                                MappingProxyType(_observables(real, cplx, subspace)), final,
                                subspace, seed, method)


def _run_records(args):
    """Worker: the records of the trajectories with the given seeds (picklable entry point)."""
    model, n_steps, state, seeds, record_every = args
    out_real, out_cplx = [], []
    for seed in seeds:
        _, real, cplx = _run(model, n_steps, state, seed, record_every, "numba")
        out_real.append(real)
        out_cplx.append(cplx)
    return np.array(out_real), np.array(out_cplx)


@dataclass(frozen=True, eq=False)
class StochasticEnsemble:
    """Trajectory statistics of :func:`simulate_ensemble`.

    The fields ``mean`` and ``standard_error`` (name → array over ``steps``; the standard
    error of the mean, for complex observables ``se(Re) + i·se(Im)``) are computed from
    ``samples``.

    Parameters
    ----------
    model : StochasticCollisionModel
        The model simulated.
    n_steps, record_every : int
        As for :class:`StochasticTrajectory`.
    steps : numpy.ndarray
        The recorded step numbers, shape (n_records,).
    samples : Mapping
        Name → array, shape (n_trajectories, n_records).
    subspace : int
        1 or 2 excitations.
    seed : int
        The root seed.
    seeds : tuple
        The spawned ``SeedSequence`` of each trajectory.
    """

    model: StochasticCollisionModel
    n_steps: int
    record_every: int
    steps: np.ndarray
    samples: Mapping[str, np.ndarray]
    subspace: int
    seed: int
    seeds: tuple
    mean: Mapping[str, np.ndarray] = field(init=False)
    standard_error: Mapping[str, np.ndarray] = field(init=False)

    def __post_init__(self):
        n = next(iter(self.samples.values())).shape[0]
        mean, se = {}, {}
        for name, x in self.samples.items():
            mean[name] = x.mean(axis=0)
            if np.iscomplexobj(x):
                se[name] = (x.real.std(axis=0, ddof=1) + 1j * x.imag.std(axis=0, ddof=1)) / (
                    math.sqrt(n))
            else:
                se[name] = x.std(axis=0, ddof=1) / math.sqrt(n)
        object.__setattr__(self, "mean", MappingProxyType(mean))
        object.__setattr__(self, "standard_error", MappingProxyType(se))

    @property
    def n_trajectories(self) -> int:
        """Number of trajectories averaged."""
        return len(self.seeds)


def simulate_ensemble(model: StochasticCollisionModel, n_steps: int, initial_state="1A0B", *,
                      n_trajectories: int, seed: int = 0, record_every: int | None = None,
                      workers: int = 1) -> StochasticEnsemble:
    """Average of ``n_trajectories`` trajectories of :func:`simulate` (seed 002 Fig. 2).

    Trajectory k uses ``SeedSequence(seed).spawn(n_trajectories)[k]``; with ``workers`` > 1 the
    trajectories run in that many processes (``concurrent.futures``), with identical results.

    Parameters
    ----------
    model, n_steps, initial_state, record_every
        As for :func:`simulate`.
    n_trajectories : int
        Number of trajectories, ≥ 2.
    seed : int
        Root seed, ≥ 0.
    workers : int
        Processes, ≥ 1.

    Returns
    -------
    StochasticEnsemble
        Samples, means and standard errors over ``steps``.

    Examples
    --------
    >>> ens = simulate_ensemble(StochasticCollisionModel(4, 40, 0.01), 100, n_trajectories=3,
    ...                         record_every=100)
    >>> ens.samples["fidelity_10"].shape
    (3, 2)
    """
    n_steps, record_every = _check_run(model, n_steps, record_every, "numba")
    n_traj = require_count("n_trajectories", n_trajectories, 2)
    workers = require_count("workers", workers, 1)
    if isinstance(seed, bool) or not isinstance(seed, int | np.integer) or seed < 0:
        raise ValueError(f"seed must be a non-negative integer; received {seed!r}")
    state = _state(model, initial_state)
    subspace = 1 if state.ndim == 1 else 2
    seeds = tuple(np.random.SeedSequence(int(seed)).spawn(n_traj))
    if workers == 1:
        real, cplx = _run_records((model, n_steps, state, seeds, record_every))
    else:
        chunks = [seeds[i::workers] for i in range(workers) if seeds[i::workers]]
        with ProcessPoolExecutor(max_workers=len(chunks)) as pool:
            parts = list(pool.map(_run_records, [(model, n_steps, state, chunk, record_every)
                                                 for chunk in chunks]))
        n_rec = _recordrequire_count(n_steps, record_every)
        real = np.empty((n_traj, n_rec, parts[0][0].shape[-1]))
        cplx = np.empty((n_traj, n_rec, parts[0][1].shape[-1]), dtype=complex)
        for i, (r, c) in enumerate(parts):
            real[i::workers], cplx[i::workers] = r, c
    steps = record_every * np.arange(real.shape[1])
    samples = MappingProxyType(_observables(real, cplx, subspace))
    return StochasticEnsemble(model, n_steps, record_every, steps, samples, subspace,
                              int(seed), seeds)


# --------------------------------------------------------------------------- predictions


def collective_hamiltonian(model: StochasticCollisionModel, n_excitations: int):
    """Mean Hamiltonian per step on the Dicke states with ``n_excitations`` (seed 002 Sec. III D).

    H̄τ = (⟨φ⟩/N_B) F·K + θ F_z, the collision average E[κ_ab φ_a] = ⟨φ⟩/N_B, on
    ``|n_A⟩_A|n_B⟩_B`` (n_A + n_B = n, n_A descending), energies relative to the vacuum (the
    simulation's phase convention). Off-diagonal elements
    (⟨φ⟩/2N_B)√((n_A+1)(N_A−n_A) n_B(N_B−n_B+1)); for n = 1 this is J τ of Eq. (8).

    Parameters
    ----------
    model : StochasticCollisionModel
        N_A, N_B and the phases.
    n_excitations : int
        n, ≥ 0.

    Returns
    -------
    labels : list of tuple
        ``(n_A, n_B)`` of each Dicke state.
    matrix : numpy.ndarray
        H̄τ, shape (len(labels), len(labels)), rad per step.

    Examples
    --------
    >>> labels, h = collective_hamiltonian(StochasticCollisionModel(4, 16, 0.02), 1)
    >>> labels, round(float(h[0, 1].real), 12)
    ([(1, 0), (0, 1)], 0.005)
    """
    n = require_count("n_excitations", n_excitations, 0)
    na, nb, phi = model.n_alkali, model.n_noble, model.mean_phase
    labels = [(k, n - k) for k in range(min(n, na), -1, -1) if n - k <= nb]

    def energy(ka, kb):
        return phi / nb * (ka - na / 2) * (kb - nb / 2) + model.field_phase_per_step * ka

    e0 = energy(0, 0)
    h = np.zeros((len(labels), len(labels)), dtype=complex)
    for i, (ka, kb) in enumerate(labels):
        h[i, i] = energy(ka, kb) - e0
        if i + 1 < len(labels):  # (ka, kb) <-> (ka − 1, kb + 1)
            h[i, i + 1] = h[i + 1, i] = 0.5 * phi / nb * math.sqrt(
                ka * (na - ka + 1) * (kb + 1) * (nb - kb))
    return labels, h


def _dicke_overlaps(model: StochasticCollisionModel, state: np.ndarray):
    """Amplitudes of ``state`` on the Dicke states of its subspace, and their labels."""
    if state.ndim == 1:
        _, cplx = _numpy_records_one(state, model.n_alkali)
        return [(1, 0), (0, 1)], cplx
    _, cplx = _numpy_records_two(state, model.n_alkali)
    return [(2, 0), (1, 1), (0, 2)], cplx[[0, 2, 1]]


def collective_prediction(model: StochasticCollisionModel, steps, initial_state="1A0B", *,
                          damped: bool = True) -> dict[str, np.ndarray]:
    """Fidelities and amplitudes predicted by the mean Hamiltonian (seed 002 Secs. III C–D).

    The state's projection on the Dicke states evolves under :func:`collective_hamiltonian`
    (which maps them among themselves; non-symmetric states are not coupled to them). With
    ``damped`` each alkali excitation decays at γ_A = Γ/2 and each noble-gas one at
    (N_A/N_B)γ_A (Γ = ``model.leakage_rate``; first order in ⟨φ²⟩ t): the collective-mode form
    of the stochastic leakage, valid while it is small. Returns ``amplitude_XY`` and
    ``fidelity_XY`` for the Dicke states of the subspace, and ``leakage`` = 1 − Σ fidelities
    (one excitation) — the same names as :func:`simulate`.

    Parameters
    ----------
    model : StochasticCollisionModel
        N_A, N_B and the phases.
    steps : array_like
        Times in steps τ, any shape.
    initial_state : str or array_like
        As for :func:`simulate`.
    damped : bool
        Whether to include the leakage damping.

    Returns
    -------
    dict of str to numpy.ndarray
        Each of the shape of ``steps``.

    Examples
    --------
    >>> m = StochasticCollisionModel(10, 1000, 1e-3, field_phase_per_step=0.495e-3)
    >>> p = collective_prediction(m, [0.0, m.exchange_time], damped=False)
    >>> [round(float(x), 6) for x in p["fidelity_01"]]
    [0.0, 1.0]
    """
    steps = np.asarray(require_finite("steps", steps), dtype=float)
    names = {(1, 0): "10", (0, 1): "01", (2, 0): "20", (1, 1): "11", (0, 2): "02"}
    if isinstance(initial_state, str) and initial_state in INITIAL_STATES:
        # the Dicke overlaps of the named states, without building them
        n_exc = INITIAL_STATES[initial_state][0]
        overlaps = {"1A0B": {(1, 0): 1.0}, "0A1B": {(0, 1): 1.0},
                    "localized": {(1, 0): 1.0 / math.sqrt(model.n_alkali)},
                    "1A1B": {(1, 1): 1.0}, "2A0B": {(2, 0): 1.0},
                    "0A2B": {(0, 2): 1.0}}[initial_state]
    else:
        state = _state(model, initial_state)
        n_exc = state.ndim
        overlaps = dict(zip(*_dicke_overlaps(model, state), strict=True))
    labels, h = collective_hamiltonian(model, n_exc)
    psi0 = np.array([overlaps.get(lab, 0.0) for lab in labels], dtype=complex)
    generator = -1j * h
    if damped:
        gamma_a = 0.5 * model.leakage_rate
        gamma_b = gamma_a * model.n_alkali / model.n_noble
        generator = generator - np.diag([gamma_a * ka + gamma_b * kb for ka, kb in labels])
    amps = np.array([scipy.linalg.expm(generator * t) @ psi0 for t in steps.reshape(-1)])
    amps = amps.reshape((*steps.shape, len(labels)))
    out: dict[str, np.ndarray] = {}
    for i, lab in enumerate(labels):
        out[f"amplitude_{names[lab]}"] = amps[..., i]
        out[f"fidelity_{names[lab]}"] = np.abs(amps[..., i]) ** 2
    if n_exc == 1:
        out["leakage"] = 1.0 - out["fidelity_10"] - out["fidelity_01"]
    return out

