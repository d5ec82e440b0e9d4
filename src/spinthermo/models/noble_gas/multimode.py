"""Multimode alkali–noble-gas exchange with diffusion modes: seed 002 Eq. (27), App. E.

Coupled-mode Langevin equations (Eq. 27) in the rotating frame of the noble gas, with the
detuning Δ of Eq. (28) (the shared two-mode convention ∂t a = −iJ b + (iΔ − γ) a + F_A)::

    ∂t a_m = (iΔ − γ_Am) a_m − iJ Σ_n c_mn b_n + F_Am,
    ∂t b_n = −γ_Bn b_n − iJ Σ_m c_mn a_m + F_Bn            (c_mn real for the sphere),

with independent thermal noise per mode (App. C, Eqs. C7–C9 to all orders in δp, Sec. VIII):
⟨F_χm F_χm†⟩ = 2γ_χm(1 + n̄_χ) δ(t − t'), ⟨F_χm† F_χm⟩ = 2γ_χm n̄_χ δ(t − t'). γ_χm includes the
diffusion decay, so the diffusion part C_χ of Eq. (C7) is this mode-diagonal noise.

Stable modes and reservoirs (App. E, derived here)
--------------------------------------------------
The first ``n_modes`` modes of each species are kept (the set S); the truncated modes r ∈ R
decay fast and are eliminated adiabatically. A reservoir mode follows the stable modes that
drive it at *their* frequency: a_r is driven by the b_n (frequency 0 in this frame), b_r by the
a_m (free frequency Δ, a_m ∝ e^{iΔt}), so (Eq. E1, signs for this frame)::

    a_r ≈ w_Ar − iJ Σ_{n∈S} c_rn b_n / (γ_Ar − iΔ),
    b_r ≈ w_Br − iJ Σ_{m∈S} c_mr a_m / (γ_Br + iΔ).

Substituting into Eq. (27) gives the closed equations for S (our form of Eq. E2)::

    ∂t a_s = (iΔ − γ_As) a_s − iJ Σ_{n∈S} c_sn b_n − J Σ_{m∈S} ε^(A)_sm a_m + G_As,
    ∂t b_s = −γ_Bs b_s − iJ Σ_{m∈S} c_ms a_m − J Σ_{n∈S} ε^(B)_sn b_n + G_Bs,
    ε^(A)_sm = J Σ_{r∈R_B} c_sr c_mr / (γ_Br + iΔ),
    ε^(B)_sn = J Σ_{r∈R_A} c_rs c_rn / (γ_Ar − iΔ),
    G_As = F_As − iJ Σ_r c_sr w_Br,   G_Bs = F_Bs − iJ Σ_r c_rs w_Ar.

The printed Eq. (E2) has index typos (ε_sn defined with c_mr, c*_rm) and a conjugate on ε^(B)
that flips the sign of its frequency shift (Im ε^(B)); the form above follows from Eq. (E1) and
the tests check it against the un-eliminated system. The added noise is white in the Markov
limit: w_Br is a thermal process of occupation n̄_B with spectral density
``2γ_Br(1 + n̄_B)/|γ_Br + iω|²``, taken at the drive frequency ω = Δ, so that::

    ⟨G_A G_A†⟩ − ⟨F_A F_A†⟩ = (1 + n̄_B) J (ε^(A) + ε^(A)†),
    ⟨G_A† G_A⟩ − ⟨F_A† F_A⟩ = n̄_B J (ε^(A) + ε^(A)†)          (and A ↔ B),

exactly what preserves [a_s, a_s'†] = δ_ss' (fluctuation–dissipation; the tests check the
commutators). J(ε + ε†) = 2J² Σ_r c c γ_r/(γ_r² + Δ²) is positive semidefinite.

Reservoir sum: ``reservoir_modes`` modes per species beyond S are summed explicitly (default
3 × n_modes); the rest, r → ∞, by the midpoint rule Σ_{r ≥ r₁} f(r) ≈ ∫_{r₁−½}^∞ f(ρ) dρ on the
closed-form overlaps (Gauss–Legendre on geometric panels, folded in as weighted pseudo-modes),
with relative error O(r₁⁻²) of a tail that itself falls as r₁⁻³ (alkali reservoir, c² ~ 1/r²,
γ ~ r²) or r₁⁻⁵ (noble reservoir). The paper's alternative, adding J/(π²γ_{r₁}) to every ε_sn,
is a bound, not the tail (the tail is ∝ (−1)^{s+n}, not constant), and is not used.
The elimination requires γ_r ≫ J: for the K–³He cell γ_Ar > J for r > 110 and γ_Br > J for
r > 168, so 200 stable modes keep every mode with γ ≲ 3J coherent. With fewer modes the
elimination over-estimates the diffusion-induced relaxation (App. E);
:func:`.figure7_scenario.mode_convergence` shows the approach to the converged result.

Initial state and the Fock fidelity (Fig. 7)
--------------------------------------------
All modes start thermal with n̄_A (alkali) and n̄_B (noble gas) per mode, except the alkali's
*uniform* mode a_u = Σ_m u_m a_m (:mod:`.diffusion_modes`). Within the stable set it is
ã_u = Σ_{m∈S} u_m a_m/√w, w = Σ_{m∈S} u_m² = 1 − 6/(π² n_modes) + …, and
a_u = √w ã_u + √(1 − w) a_⊥ with a_⊥ in the eliminated modes. That part decays at rates
≥ γ_r ≫ J and is lost: it is replaced by thermal noise at t = 0 (``input_weight`` = w). Then
N_ũ(0) = w N_u + (1 − w) n̄_A, M_ũ(0) = w M_u, and η below carries the factor w. This converges
monotonically in n_modes; normalising within S instead converges as 1/n_modes from the wrong side.

A thermal state with equal occupations is invariant under unitary mode transformations, so in
an orthonormal basis whose first alkali mode is ã_u (a Householder reflection of the alkali
block) it is still a product of thermal states; putting ``|2⟩`` or a squeezed thermal state into
a_u leaves its orthogonal complement thermal and independent.

Fock fidelity, exact: the system is passive and linear, so b₀(t) = T(t) a_u(0) + E(t), with E a
linear combination of annihilation operators of the other modes at t = 0 and of the noise
(bath annihilation operators), all in zero-mean thermal (phase-insensitive Gaussian) states
independent of a_u(0); [b₀, b₀†] = 1 gives [E, E†] = 1 − ``|T|²``. The reduced state of b₀ is
therefore the output of a thermal-loss channel of transmissivity η = ``|T|²`` and added occupation
ν = ⟨E†E⟩ acting on ``|2⟩`` (a beam splitter with one thermal environment mode, traced out), and
P(n_b₀ = 2) = ``lossy_fock_probabilities(2, η, ν, 2)[2]``, with no Fock-space truncation.
ν is ⟨b₀†b₀⟩(t) for the initial state with a_u empty.

Paper discrepancies: Sec. VII B states the initial occupations 0.05 (alkali) and 0.17 (noble
gas) per mode for p_A = 0.95, p_B = 0.75, but n̄ = (1 − p)/(2p) (Sec. VIII, its first order
δp/2 in Eqs. C8–C9) gives 0.026 and 0.167; 0.05 = 1 − p_A is δp, not δp/2. Occupations are
explicit inputs; the presets use (1 − p)/(2p).

The K–³He cell of Fig. 7, its switch and both runs (multimode and two-mode) are the scenario of
:mod:`.figure7_scenario`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from spinthermo.core.bosonic import (
    PassiveLinearSystem,
    lossy_fock_probabilities,
    quadrature_variances,
    squeezing_parameter_from_db,
    thermal_squeezed_moments,
)
from spinthermo.core.checks import (
    require_count,
    require_finite,
    require_nonnegative,
    require_positive,
    require_range,
    require_vector,
)
from spinthermo.models.noble_gas.diffusion_modes import (
    alkali_decay_rates,
    mode_overlaps,
    neumann_roots,
    noble_decay_rates,
    uniform_alkali_overlaps,
    uniform_mode_weight,
)

__all__ = [
    "CoupledModeEquations",
    "ExchangeResult",
    "spherical_cell_modes",
    "two_mode_equations",
]

DEFAULT_N_MODES = 200
#: Explicitly summed reservoir modes per species, as a multiple of ``n_modes``; beyond
#: 4 × ``n_modes`` the overlaps with every stable mode are smooth in r (x_s/x_r ≤ 1/4) and the
#: midpoint-rule tail is accurate to O((1/(4 ``n_modes``))²) relative.
DEFAULT_RESERVOIR_FACTOR = 3
#: Tail quadrature: geometric panels [ρ₀2^j, ρ₀2^{j+1}], j < 40, with 8 Gauss–Legendre nodes each.
#: The integrand varies on the scale of ρ itself (and of ρ* = √(Δ R²/D)/π, where γ_r = Δ); 8
#: nodes per octave give the tail to a relative 2e-8 (against 16 nodes and 60 panels, for
#: n_modes = 10 and 200, Δ = 0 and 4e5 s⁻¹); the neglected remainder is < 2^{-120}.
_TAIL_PANELS = 40
_TAIL_NODES = 8
#: ``|T|²`` may exceed 1 only by rounding of the propagator (cond(V)·ε of the eigen route).
_TRANSMISSIVITY_ROUNDING = 1e-7


def _matrix(name: str, value, shape: tuple[int | None, int | None]) -> np.ndarray:
    arr = np.asarray(require_finite(name, value))
    if np.iscomplexobj(arr):
        raise TypeError(f"{name} must be real (the overlaps of real mode functions)")
    arr = np.atleast_2d(arr.astype(float))
    if arr.ndim != 2 or any(want is not None and got != want
                            for got, want in zip(arr.shape, shape, strict=True)):
        raise ValueError(f"{name} must have shape {shape}; received {arr.shape}")
    return arr


def _householder(unit: np.ndarray) -> np.ndarray:
    """Real symmetric orthogonal Q with Q e₀ = ``unit`` (so Qᵀa has a_u as its first mode)."""
    w = unit.copy()
    w[0] -= 1.0
    norm2 = float(w @ w)
    q = np.eye(unit.size)
    if norm2 > 1e-30:
        q -= 2.0 * np.outer(w, w) / norm2
    return q


@dataclass(frozen=True)
class ExchangeResult:
    """Fig. 7 observables of one exchange run (seed 002 Sec. VII B), arrays over ``times``.

    Parameters
    ----------
    times : numpy.ndarray
        Sample times, shape (T,), s.
    switch_time : float or None
        When Δ switches, s (None: never).
    detuning, detuning_after : float or None
        Δ before and after the switch, rad/s.
    fock_number : int
        The Fock input ``|fock_number⟩`` of the alkali input (uniform) mode.
    squeezing_db : float
        Squeezing of the input mode relative to its thermal variance (X squeezed), dB.
    transmissivity, added_occupation : numpy.ndarray
        η = ``|T|²`` and ν of the channel a_u(0) → b₀(t), shape (T,).
    fock_probability : numpy.ndarray
        P(n_b₀ = fock_number), shape (T,).
    noble_occupation : numpy.ndarray
        ⟨b₀†b₀⟩ = η·fock_number + ν for the Fock input, shape (T,).
    var_x_alkali, var_p_noble : numpy.ndarray
        ⟨ΔX²⟩ of the input mode and ⟨ΔP²⟩ of b₀ in the squeezed run, shape (T,).
    squeezed_noble_occupation : numpy.ndarray
        ⟨b₀†b₀⟩ in the squeezed run, shape (T,).
    """

    times: np.ndarray
    switch_time: float | None
    detuning: float
    detuning_after: float | None
    fock_number: int
    squeezing_db: float
    transmissivity: np.ndarray
    added_occupation: np.ndarray
    fock_probability: np.ndarray
    noble_occupation: np.ndarray
    var_x_alkali: np.ndarray
    var_p_noble: np.ndarray
    squeezed_noble_occupation: np.ndarray

    def at(self, t: float) -> dict[str, float]:
        """The observables at the sample nearest to ``t`` (include ``t`` in ``times``).

        Parameters
        ----------
        t : float
            Time, s.

        Returns
        -------
        dict of str to float
            ``"time"`` (the sample's, s) and each observable array's value there.
        """
        i = int(np.argmin(np.abs(self.times - t)))
        return {"time": float(self.times[i]),
                "fock_probability": float(self.fock_probability[i]),
                "transmissivity": float(self.transmissivity[i]),
                "added_occupation": float(self.added_occupation[i]),
                "noble_occupation": float(self.noble_occupation[i]),
                "var_x_alkali": float(self.var_x_alkali[i]),
                "var_p_noble": float(self.var_p_noble[i]),
                "squeezed_noble_occupation": float(self.squeezed_noble_occupation[i])}


@dataclass(frozen=True)
class CoupledModeEquations:
    """Stable-mode equations of seed 002 Eq. (27) with reservoirs eliminated as in App. E.

    The output is the noble mode 0. State vector order: (a_0 … a_{S_A−1}, b_0 … b_{S_B−1}).

    Parameters
    ----------
    coupling : float
        J, s⁻¹, ≥ 0.
    alkali_rates, noble_rates : array_like
        γ_Am, shape (S_A,), and γ_Bn, shape (S_B,), s⁻¹, ≥ 0.
    overlaps : array_like
        c_mn, shape (S_A, S_B).
    nbar_alkali, nbar_noble : float
        Thermal occupation per mode, ≥ 0.
    input_alkali : array_like or None
        Real unit vector of the alkali input mode, shape (S_A,); None: e₀.
    input_weight : float
        w ∈ (0, 1], the fraction of the physical input mode it carries (the rest lies in
        eliminated modes and is replaced by thermal noise at t = 0, module docstring).
    alkali_reservoir_rates, alkali_reservoir_overlaps : array_like or None
        Eliminated alkali reservoir: rates (R_A,) in s⁻¹ and overlaps c_rn (R_A, S_B).
    noble_reservoir_rates, noble_reservoir_overlaps : array_like or None
        Eliminated noble reservoir: rates (R_B,) in s⁻¹ and overlaps c_sr (S_A, R_B); weights of
        pseudo-modes may be folded into the overlaps.
    """

    coupling: float
    alkali_rates: np.ndarray
    noble_rates: np.ndarray
    overlaps: np.ndarray
    nbar_alkali: float = 0.0
    nbar_noble: float = 0.0
    input_alkali: np.ndarray | None = None
    input_weight: float = 1.0
    alkali_reservoir_rates: np.ndarray | None = None
    alkali_reservoir_overlaps: np.ndarray | None = None
    noble_reservoir_rates: np.ndarray | None = None
    noble_reservoir_overlaps: np.ndarray | None = None
    _cache: dict = field(default_factory=dict, init=False, repr=False, compare=False)

    def __post_init__(self):
        require_nonnegative("coupling", self.coupling, "1/s")
        alkali = require_vector("alkali_rates", self.alkali_rates)
        noble = require_vector("noble_rates", self.noble_rates)
        require_nonnegative("alkali_rates", alkali, "1/s")
        require_nonnegative("noble_rates", noble, "1/s")
        overlaps = _matrix("overlaps", self.overlaps, (alkali.size, noble.size))
        require_nonnegative("nbar_alkali", self.nbar_alkali)
        require_nonnegative("nbar_noble", self.nbar_noble)
        require_range("input_weight", self.input_weight, 0.0, 1.0, low_inclusive=False)
        if self.input_alkali is None:
            unit = np.zeros(alkali.size)
            unit[0] = 1.0
        else:
            unit = require_vector("input_alkali", self.input_alkali, alkali.size)
            if not math.isclose(float(np.linalg.norm(unit)), 1.0, rel_tol=1e-12):
                raise ValueError("input_alkali must be a unit vector; received norm "
                                 f"{np.linalg.norm(unit):.6g}")
        res_a, res_a_c = self._reservoir("alkali_reservoir", self.alkali_reservoir_rates,
                                         self.alkali_reservoir_overlaps, (None, noble.size), 0)
        res_b, res_b_c = self._reservoir("noble_reservoir", self.noble_reservoir_rates,
                                         self.noble_reservoir_overlaps, (alkali.size, None), 1)
        for name, value in (("alkali_rates", alkali), ("noble_rates", noble),
                            ("overlaps", overlaps), ("input_alkali", unit),
                            ("alkali_reservoir_rates", res_a),
                            ("alkali_reservoir_overlaps", res_a_c),
                            ("noble_reservoir_rates", res_b),
                            ("noble_reservoir_overlaps", res_b_c)):
            object.__setattr__(self, name, value)

    @staticmethod
    def _reservoir(name, rates, overlaps, shape, axis):
        if rates is None and overlaps is None:
            empty_shape = [s if s is not None else 0 for s in shape]
            return np.zeros(0), np.zeros(empty_shape)
        if rates is None or overlaps is None:
            raise ValueError(f"{name}_rates and {name}_overlaps must be given together")
        rates = require_vector(f"{name}_rates", rates)
        require_positive(f"{name}_rates", rates, "1/s")
        want = list(shape)
        want[axis] = rates.size
        return rates, _matrix(f"{name}_overlaps", overlaps, tuple(want))

    # ------------------------------------------------------------------ structure
    @property
    def n_alkali(self) -> int:
        """Number of stable alkali modes S_A."""
        return self.alkali_rates.size

    @property
    def n_noble(self) -> int:
        """Number of stable noble-gas modes S_B."""
        return self.noble_rates.size

    @property
    def size(self) -> int:
        """S_A + S_B."""
        return self.n_alkali + self.n_noble

    @property
    def output_index(self) -> int:
        """Index of the noble-gas output mode b₀ in the state vector."""
        return self.n_alkali

    def reservoir_couplings(self, detuning: float = 0.0) -> tuple[np.ndarray, np.ndarray]:
        """(ε^(A), ε^(B)) of our Eq. (E2): J Σ_r c_sr c_mr/(γ_Br + iΔ), J Σ_r c_rs c_rn/(γ_Ar − iΔ).

        They enter the drift as −J ε (module docstring for the derivation from Eq. E1).

        Parameters
        ----------
        detuning : float
            Δ, rad/s.

        Returns
        -------
        tuple of numpy.ndarray
            Complex symmetric matrices, shapes (S_A, S_A) and (S_B, S_B), dimensionless.
        """
        require_finite("detuning", detuning)
        j = self.coupling
        cb = self.noble_reservoir_overlaps
        ca = self.alkali_reservoir_overlaps
        eps_a = j * (cb / (self.noble_reservoir_rates + 1j * detuning)) @ cb.T
        eps_b = j * (ca.T / (self.alkali_reservoir_rates - 1j * detuning)) @ ca
        return eps_a, eps_b

    def drift(self, detuning: float = 0.0) -> np.ndarray:
        """G of d𝐱/dt = G𝐱 + noise for 𝐱 = (a, b), Eq. (27) with Eq. (E2).

        Parameters
        ----------
        detuning : float
            Δ, rad/s.

        Returns
        -------
        numpy.ndarray
            Shape (S, S), complex, s⁻¹.
        """
        eps_a, eps_b = self.reservoir_couplings(detuning)
        j, sa = self.coupling, self.n_alkali
        g = np.zeros((self.size, self.size), dtype=complex)
        g[:sa, :sa] = np.diag(1j * detuning - self.alkali_rates) - j * eps_a
        g[sa:, sa:] = np.diag(-self.noble_rates.astype(complex)) - j * eps_b
        g[:sa, sa:] = -1j * j * self.overlaps
        g[sa:, :sa] = -1j * j * self.overlaps.T
        return g

    def noise_matrices(self, detuning: float = 0.0) -> tuple[np.ndarray, np.ndarray]:
        """(D⁺, D⁻): ⟨G_i G_j†⟩ and ⟨G_i† G_j⟩ rates (App. C Eqs. C7–C9, App. E), (S, S) each.

        Mode noise 2γ(1 + n̄), 2γn̄ plus the reservoir noise (1 + n̄_other) J(ε + ε†) and
        n̄_other J(ε + ε†), which preserves the commutators (module docstring).

        Parameters
        ----------
        detuning : float
            Δ, rad/s.

        Returns
        -------
        tuple of numpy.ndarray
            ``(D⁺, D⁻)``, each of shape (S, S), s⁻¹.
        """
        eps_a, eps_b = self.reservoir_couplings(detuning)
        j, sa = self.coupling, self.n_alkali
        na, nb = self.nbar_alkali, self.nbar_noble
        loss_a = j * (eps_a + eps_a.conj().T)
        loss_b = j * (eps_b + eps_b.conj().T)
        plus = np.zeros((self.size, self.size), dtype=complex)
        minus = np.zeros_like(plus)
        plus[:sa, :sa] = np.diag(2.0 * self.alkali_rates * (1.0 + na)) + (1.0 + nb) * loss_a
        plus[sa:, sa:] = np.diag(2.0 * self.noble_rates * (1.0 + nb)) + (1.0 + na) * loss_b
        minus[:sa, :sa] = np.diag(2.0 * self.alkali_rates * na) + nb * loss_a
        minus[sa:, sa:] = np.diag(2.0 * self.noble_rates * nb) + na * loss_b
        return plus, minus

    def _rotation(self) -> np.ndarray:
        """T = Q ⊕ 1: orthogonal, symmetric; (Tx)_0 = a_u (Householder Q, module docstring)."""
        if "rotation" not in self._cache:
            t = np.eye(self.size)
            t[:self.n_alkali, :self.n_alkali] = _householder(self.input_alkali)
            self._cache["rotation"] = t
        return self._cache["rotation"]

    def linear_system(self, detuning: float = 0.0,
                      input_basis: bool = False) -> PassiveLinearSystem:
        """The stable-mode Langevin system as a :class:`PassiveLinearSystem`.

        ``input_basis=True`` rotates the alkali block so that mode 0 is the input mode a_u
        (G → T G T, D± → T D± T with the orthogonal T of the Householder reflection).

        Parameters
        ----------
        detuning : float
            Δ, rad/s.
        input_basis : bool
            Whether to rotate to the input basis.

        Returns
        -------
        PassiveLinearSystem
            Drift and noise matrices, (S, S) each (cached).
        """
        key = ("system", float(detuning), bool(input_basis))
        if key not in self._cache:
            g = self.drift(detuning)
            plus, minus = self.noise_matrices(detuning)
            if input_basis:
                t = self._rotation()
                g, plus, minus = t @ g @ t, t @ plus @ t, t @ minus @ t
                plus, minus = 0.5 * (plus + plus.conj().T), 0.5 * (minus + minus.conj().T)
            self._cache[key] = PassiveLinearSystem(g, plus, minus)
        return self._cache[key]

    def initial_moments(self, input_occupation: float,
                        input_anomalous: complex = 0.0) -> tuple[np.ndarray, np.ndarray]:
        """(N0, M0) in the input basis: thermal n̄ per mode, the input mode a_u replaced.

        Thermal states with equal occupations are invariant under the Householder rotation, so
        the rest of the alkali block stays thermal (module docstring).

        Parameters
        ----------
        input_occupation : float
            ⟨a_u†a_u⟩ of the input mode.
        input_anomalous : complex
            ⟨a_u a_u⟩ of the input mode.

        Returns
        -------
        tuple of numpy.ndarray
            ``(N0, M0)``, normal and anomalous moments, each of shape (S, S).
        """
        occ = np.concatenate([np.full(self.n_alkali, self.nbar_alkali),
                              np.full(self.n_noble, self.nbar_noble)])
        w = self.input_weight
        occ[0] = w * input_occupation + (1.0 - w) * self.nbar_alkali
        m0 = np.zeros((self.size, self.size), dtype=complex)
        m0[0, 0] = w * input_anomalous
        return np.diag(occ).astype(complex), m0

    # ------------------------------------------------------------------ protocol
    def exchange(self, times, switch_time: float | None = None, detuning: float = 0.0,
                 detuning_after: float | None = None, fock_number: int = 2,
                 squeezing_db: float = 7.0) -> ExchangeResult:
        """Fig. 7 protocol: Δ = ``detuning`` until ``switch_time``, then ``detuning_after``.

        Returns the Fock fidelity of the input ``|fock_number⟩`` (exact thermal-loss channel,
        module docstring) and the quadrature variances for the input mode squeezed by
        ``squeezing_db`` relative to its thermal variance (⟨ΔX²⟩ = (2n̄_A + 1)10^{−dB/10}/4).
        ``switch_time=None`` keeps Δ constant. Seed 002 Sec. VII B, Eq. (27), App. E.

        Parameters
        ----------
        times : array_like
            Sample times, shape (T,), s, ≥ 0.
        switch_time : float or None
            When Δ switches, s; None: never.
        detuning : float
            Δ before the switch, rad/s.
        detuning_after : float or None
            Δ after the switch, rad/s (required with ``switch_time``).
        fock_number : int
            The Fock input, ≥ 0.
        squeezing_db : float
            Squeezing of the input mode, dB.

        Returns
        -------
        ExchangeResult
            The observables over ``times``.
        """
        times = np.atleast_1d(np.asarray(require_finite("times", times), dtype=float))
        if times.ndim != 1:
            raise ValueError(f"times must be a 1-D array; received shape {times.shape}")
        require_nonnegative("times", times, "s")
        fock_number = require_count("fock_number", fock_number, 0)
        r = squeezing_parameter_from_db(squeezing_db)
        n_in, m_in = thermal_squeezed_moments(self.nbar_alkali, r, 0.0)
        n0, m0 = self.initial_moments(n_in, m_in)
        out = self.output_index
        rows = [0, out]
        first = self.linear_system(detuning, input_basis=True)
        if switch_time is None:
            before = np.ones(times.size, dtype=bool)
        else:
            require_nonnegative("switch_time", switch_time, "s")
            if detuning_after is None:
                raise ValueError("detuning_after is required with switch_time")
            require_finite("detuning_after", detuning_after)
            before = times < switch_time
        n_blk = np.empty((times.size, 2, 2), dtype=complex)
        m_blk = np.empty_like(n_blk)
        transfer = np.empty(times.size, dtype=complex)
        if np.any(before):
            t1 = times[before]
            n_blk[before], m_blk[before] = first.moments_rows(rows, n0, m0, t1)
            transfer[before] = first.propagator_rows([out], t1)[:, 0, 0]
        if not np.all(before):
            u_switch = first.propagator(switch_time)[:, 0]
            n_sw, m_sw = first.moments(n0, m0, [switch_time])
            second = self.linear_system(detuning_after, input_basis=True)
            t2 = times[~before] - switch_time
            n_blk[~before], m_blk[~before] = second.moments_rows(rows, n_sw[0], m_sw[0], t2)
            transfer[~before] = second.propagator_rows([out], t2)[:, 0, :] @ u_switch
        eta = self.input_weight * np.abs(transfer) ** 2
        if np.any(eta > 1.0 + _TRANSMISSIVITY_ROUNDING):
            raise ValueError(f"transmissivity |T|^2 = {eta.max():.12g} exceeds 1: the drift is "
                             "not passive (check rates and overlaps)")
        eta = np.minimum(eta, 1.0)
        noble_sq = n_blk[:, 1, 1].real
        nu = np.maximum(noble_sq - eta * n_in, 0.0)  # a_u emptied: N is linear in N0
        prob = np.array([lossy_fock_probabilities(fock_number, e, v, fock_number)[fock_number]
                         for e, v in zip(eta, nu, strict=True)])
        var_x, _ = quadrature_variances(None, n_blk[:, 0, 0], m_blk[:, 0, 0])
        _, var_p = quadrature_variances(None, n_blk[:, 1, 1], m_blk[:, 1, 1])
        return ExchangeResult(
            times=times, switch_time=switch_time, detuning=float(detuning),
            detuning_after=None if detuning_after is None else float(detuning_after),
            fock_number=fock_number, squeezing_db=float(squeezing_db), transmissivity=eta,
            added_occupation=nu, fock_probability=prob,
            noble_occupation=eta * fock_number + nu,
            var_x_alkali=np.asarray(var_x), var_p_noble=np.asarray(var_p),
            squeezed_noble_occupation=noble_sq)


def two_mode_equations(coupling: float, gamma: float, nbar_alkali: float = 0.0,
                       nbar_noble: float = 0.0, gamma_noble: float = 0.0) -> CoupledModeEquations:
    """The two-mode model, seed 002 Eq. (28): c = δ_m0 δ_n0, one mode per species.

    ∂t a = −iJb + (iΔ − γ)a + F_A, ∂t b = −iJa − γ_B b + F_B, thermal noise n̄_A, n̄_B.

    Parameters
    ----------
    coupling : float
        J, s⁻¹.
    gamma : float
        γ of the alkali mode, s⁻¹.
    nbar_alkali, nbar_noble : float
        Thermal occupations n̄_A, n̄_B.
    gamma_noble : float
        γ_B, s⁻¹.

    Returns
    -------
    CoupledModeEquations
        One mode per species, c = 1.
    """
    return CoupledModeEquations(coupling, [gamma], [gamma_noble], [[1.0]],
                                nbar_alkali=nbar_alkali, nbar_noble=nbar_noble)


def _tail_nodes(start: float) -> tuple[np.ndarray, np.ndarray]:
    """Nodes ρ and weights for ∫_start^∞ f(ρ) dρ on geometric panels (module constants)."""
    x, w = np.polynomial.legendre.leggauss(_TAIL_NODES)
    lows = start * 2.0 ** np.arange(_TAIL_PANELS)
    half = 0.5 * lows  # panel [low, 2 low] has half-width low/2 and centre 1.5 low
    nodes = (1.5 * lows[:, None] + half[:, None] * x[None, :]).ravel()
    weights = (half[:, None] * w[None, :]).ravel()
    return nodes, weights


def _noble_root(rho: np.ndarray) -> np.ndarray:
    """Asymptotic x(ρ) of tan x = x at continuous index ρ (error O(q⁻⁷) < 1e-7 for ρ ≥ 3)."""
    q = (rho + 0.5) * np.pi
    return q - 1.0 / q - 2.0 / (3.0 * q**3) - 13.0 / (15.0 * q**5)


def spherical_cell_modes(coupling: float, gamma_alkali: float, gamma_noble: float,
                         diffusion_alkali: float, diffusion_noble: float, radius: float,
                         n_modes: int = DEFAULT_N_MODES, nbar_alkali: float = 0.0,
                         nbar_noble: float = 0.0, reservoir_modes: int | None = None,
                         reservoir_tail: bool = True) -> CoupledModeEquations:
    """Eq. (27) for a spherical cell: the first ``n_modes`` l = 0 modes per species, App. E.

    Dirichlet alkali modes, Neumann noble-gas modes (:mod:`.diffusion_modes`); the input mode is
    the uniform alkali mode Σ_{m∈S} u_m a_m, normalised, with ``input_weight`` Σ_{m∈S} u_m² (the
    part in eliminated modes is lost, module docstring). ``gamma_alkali`` and
    ``gamma_noble`` are the bulk rates γ_A, γ_B (s⁻¹), diffusion constants in m²/s, ``radius``
    in m. ``reservoir_modes`` modes per species beyond n_modes are eliminated explicitly
    (default 3·n_modes), and with ``reservoir_tail`` the remaining infinite tail by quadrature
    (module docstring; it needs reservoir_modes ≥ 2·n_modes, where the overlaps with every stable
    mode are smooth in r); ``reservoir_modes=0, reservoir_tail=False`` is a plain truncation.

    Parameters
    ----------
    coupling : float
        J, s⁻¹, ≥ 0.
    gamma_alkali, gamma_noble : float
        Bulk rates γ_A, γ_B, s⁻¹, ≥ 0.
    diffusion_alkali, diffusion_noble : float
        D_A, D_B, m²/s, ≥ 0.
    radius : float
        R, m, > 0.
    n_modes : int
        Stable modes per species, ≥ 1.
    nbar_alkali, nbar_noble : float
        Thermal occupations.
    reservoir_modes : int or None
        Explicitly eliminated modes per species; None: 3·n_modes.
    reservoir_tail : bool
        Whether to add the infinite tail by quadrature.

    Returns
    -------
    CoupledModeEquations
        Eq. (27) for the cell, input mode the uniform alkali mode.
    """
    require_nonnegative("coupling", coupling, "1/s")
    require_nonnegative("gamma_alkali", gamma_alkali, "1/s")
    require_nonnegative("gamma_noble", gamma_noble, "1/s")
    require_nonnegative("diffusion_alkali", diffusion_alkali, "m^2/s")
    require_nonnegative("diffusion_noble", diffusion_noble, "m^2/s")
    require_positive("radius", radius, "m")
    n_modes = require_count("n_modes", n_modes, 1)
    extra = (DEFAULT_RESERVOIR_FACTOR * n_modes if reservoir_modes is None
             else require_count("reservoir_modes", reservoir_modes, 0))
    if reservoir_tail and extra < 2 * n_modes:
        raise ValueError(f"reservoir_modes must be >= 2 * n_modes = {2 * n_modes} with "
                         f"reservoir_tail=True (the tail quadrature needs overlaps smooth in r); "
                         f"received {extra}")
    stable = np.arange(n_modes)
    res = np.arange(n_modes, n_modes + extra)
    input_vector = uniform_alkali_overlaps(n_modes)
    input_vector /= np.linalg.norm(input_vector)
    res_a = alkali_decay_rates(n_modes + extra, radius, diffusion_alkali, gamma_alkali)[n_modes:]
    res_b = noble_decay_rates(n_modes + extra, radius, diffusion_noble, gamma_noble)[n_modes:]
    over_a = mode_overlaps(res, stable)  # c_rn, (R_A, S_B)
    over_b = mode_overlaps(stable, res)  # c_sr, (S_A, R_B)
    if reservoir_tail:
        rho, w = _tail_nodes(n_modes + extra - 0.5)
        # alkali pseudo-modes: α = (ρ + 1)π; c_ρn without the ρ-dependent sign (c c keeps it)
        alpha = (rho + 1.0) * np.pi
        x_noble = np.concatenate([[0.0], neumann_roots(n_modes - 1)])
        v = np.where(stable == 0, math.sqrt(6.0), 2.0) * np.where(stable % 2 == 0, 1.0, -1.0)
        tail_a = (np.sqrt(w) * alpha)[:, None] * v[None, :] / (
            alpha[:, None] ** 2 - x_noble[None, :] ** 2)
        res_a = np.concatenate([res_a, gamma_alkali + diffusion_alkali * (alpha / radius) ** 2])
        over_a = np.vstack([over_a, tail_a])
        # noble pseudo-modes: x = x(ρ); v = 2
        x = _noble_root(rho)
        alpha_s = (stable + 1.0) * np.pi * np.where(stable % 2 == 0, 1.0, -1.0)
        tail_b = 2.0 * alpha_s[:, None] * np.sqrt(w)[None, :] / (
            ((stable + 1.0) * np.pi)[:, None] ** 2 - x[None, :] ** 2)
        res_b = np.concatenate([res_b, gamma_noble + diffusion_noble * (x / radius) ** 2])
        over_b = np.hstack([over_b, tail_b])
    alkali_rates = alkali_decay_rates(n_modes, radius, diffusion_alkali, gamma_alkali)
    noble_rates = noble_decay_rates(n_modes, radius, diffusion_noble, gamma_noble)
    has_res = res_a.size > 0
    return CoupledModeEquations(
        coupling, alkali_rates, noble_rates, mode_overlaps(stable, stable),
        nbar_alkali=nbar_alkali, nbar_noble=nbar_noble, input_alkali=input_vector,
        input_weight=uniform_mode_weight(n_modes),
        alkali_reservoir_rates=res_a if has_res else None,
        alkali_reservoir_overlaps=over_a if has_res else None,
        noble_reservoir_rates=res_b if has_res else None,
        noble_reservoir_overlaps=over_b if has_res else None)
