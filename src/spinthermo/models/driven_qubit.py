"""Periodically driven open two-level atom: seed 001 Sec. II and Appendix A.

Juan-Delgado & Chenu, "First law of quantum thermodynamics in a driven open two-level system",
PRA 104, 022219 (2021), arXiv:2104.10691 — the model of Szczygielski, Gelbwaser-Klimovsky &
Alicki, PRE 87, 012120 (2013) (the seed's Ref. [46]).

**What was verified and what is reconstruction.**
The seed's text (and the public ar5iv rendering of arXiv:2104.10691, whose stored copy is the
same text with the mathematics stripped) survives in words only; no equation could be read.
Verified from the words: the drive is monochromatic with a constant-norm Hamiltonian that
already contains the Lamb shift (Eq. 17); a photon bath couples off-diagonally (σx) and a
dephasing bath diagonally (σz), each a thermal bath of harmonic oscillators with its own
temperature and spectral density (Eq. 19); U(t) = P(t) e^{−iH̄t} with a periodic P(t), the
detuning Δ = ω0 − ωL and the Rabi frequency Ω entering H̄ (Eqs. 20, 32–33); the couplings in
the interaction picture carry the frequencies set by the quasi-Bohr frequency and ωL (Eqs.
21, 34–36); after Born–Markov and the rotating-wave (secular) approximation the dissipator is
of Lindblad form with the Pauli matrices of the Floquet basis as jump operators (Eqs. 23, 38),
the diagonal coupling giving pure dephasing only at zero frequency; the Floquet-basis Bloch
vector relaxes bi-exponentially with two decay rates and a dimensionless constant bounded by
±1 for positive correlation functions (Eqs. 26–27, 42); the steady-state population inversion
vanishes at resonance and the steady state is maximally mixed when the up and down rates are
equal (Fig. 3a, Appendix B).
Reconstructed here (derived, standard Davies/Floquet–Markov theory, Breuer & Petruccione
Sec. 3.3 and Szczygielski et al. 2013): every factor below — the Rabi-frequency convention, the
rates (39)/(45) in terms of G(ω), the factor 2 between the σ̃z jump rate and the coherence decay
rate, and the sign conventions.

**Conventions** (ħ = 1, SI, angular frequencies in rad/s).
Atom basis ``(|e⟩, |g⟩)`` with ``σz|e⟩ = +|e⟩``, ``σ+ = |e⟩⟨g|``. Lab-frame Hamiltonian (seed
Eq. 17)::

    H(t) = (ω0/2) σz + (Ω/2) (σ+ e^{−iωL t} + σ− e^{+iωL t})
         = ½ h(t)·σ,   h(t) = (Ω cos ωL t, Ω sin ωL t, ω0),   |h| = (ω0² + Ω²)^½ constant.

Ω is the Rabi frequency (resonant population oscillation at angular frequency Ω; the factor ½
is our choice so that the quasi-Bohr frequency is (Δ² + Ω²)^½ as in PHYSICS_NOTES). A paper
written with Ω(σ+ e^{−iωL t} + h.c.) corresponds to ``rabi = 2Ω``.

Floquet (seed Eqs. 20, 32–33): U(t) = P(t) e^{−iH̄t}, P(t) = e^{−iωL t σz/2} (P(T) = −1 at
T = 2π/ωL, so the periodic micromotion is e^{−iωL t/2} P(t)), H̄ = (Δ σz + Ω σx)/2 = (Ω̄/2) σ̃z,
Ω̄ = (Δ² + Ω²)^½, mixing angle θ = atan2(Ω, Δ). Floquet basis
``|+⟩ = cos(θ/2)|e⟩ + sin(θ/2)|g⟩``, ``|−⟩ = −sin(θ/2)|e⟩ + cos(θ/2)|g⟩`` (columns of
``floquet_vectors``), rotated to the lab by P(t);
quasi-energies ±Ω̄/2 + ωL/2 folded into [−ωL/2, ωL/2).

Bath spectra: ``G(ω) = 2π J(|ω|) [n(|ω|) + 1]`` for ω > 0 (emission into the bath) and
``2π J(|ω|) n(|ω|)`` for ω < 0 (absorption), n the Bose–Einstein occupation at the bath's
``temperature_k``; G(0) = 2π (k_B T/ħ) lim_{ω→0} J(ω)/ω. J includes the coupling strength,
H_int = σx ⊗ B_x + σz ⊗ B_z, B = Σ_k g_k (b_k + b_k†), J(ω) = Σ_k g_k² δ(ω − ω_k). Default
J(ω) = α ω e^{−ω/ω_c} (Ohmic).

Floquet–Lindblad master equation in the rotating frame ρ_R = P† ρ P (seed Eqs. 23, 38)::

    dρ_R/dt = −i[H̄, ρ_R] + γ↓ D[σ̃−]ρ_R + γ↑ D[σ̃+]ρ_R + γ_φ D[σ̃z]ρ_R,
    D[L]ρ = LρL† − ½{L†L, ρ},  σ̃− = |−⟩⟨+|,

and in the lab frame the same with H(t) and L(t) = P(t) L̄ P(t)†. From the Fourier components
of σx(t) (frequencies ±ωL, ±(ωL ± Ω̄)) and σz(t) (0, ±Ω̄) — seed Eqs. 34–36, 39, 45::

    γ↓  = cos⁴(θ/2) G_x(ωL + Ω̄) + sin⁴(θ/2) G_x(Ω̄ − ωL) + sin²θ G_z(Ω̄)
    γ↑  = cos⁴(θ/2) G_x(−ωL − Ω̄) + sin⁴(θ/2) G_x(ωL − Ω̄) + sin²θ G_z(−Ω̄)
    γ_φ = ¼ sin²θ [G_x(ωL) + G_x(−ωL)] + cos²θ G_z(0)

Closed form (seed Eqs. 24–30, 40–44): with s the Bloch vector of ρ_F = V†ρ_R V (V =
``floquet_vectors``), s_z → −κ at rate Γ1 = γ↓ + γ↑, κ = (γ↓ − γ↑)/(γ↓ + γ↑) ∈ [−1, 1]
(the Floquet-basis population difference p− − p+), and s_x + i s_y ∝ e^{(iΩ̄ − Γ2) t} with
Γ2 = Γ1/2 + 2γ_φ (our γ_φ multiplies D[σ̃z], which damps coherences at 2γ_φ; a paper rate
γ'_φ defined by Γ2 = Γ1/2 + γ'_φ is ``gamma_phi = γ'_φ/2``). The lab Bloch vector is
r(t) = R_z(ωL t) R_y(θ) s(t).

Default parameters: the paper's values were lost. Defaults describe a resonantly driven
(Δ = 0, as in the seed's Appendix B) qubit at ω0 = 2π·1 GHz with Ω = 0.2 ω0 and rates
γ↓ = 0.01 ω0, γ↑ = 0.005 ω0, γ_φ = 0.0025 ω0: all rates ≪ Ω̄ ≪ ωL as the secular
approximation requires, and slow enough that the Bloch vector visibly spirals in the lab frame
and the Floquet-basis coherence shows several Rabi oscillations before it decays (Figs. 2, 4).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import numpy as np
import scipy.integrate

from spinthermo.core.checks import (
    STATE_TOLERANCE,
    require_density_matrix,
    require_finite,
    require_nonnegative,
    require_positive,
    require_range,
    require_times,
)
from spinthermo.core.generator import MeanFieldGenerator
from spinthermo.core.options import EvolveOptions, SteadyStateOptions
from spinthermo.core.results import EvolutionResult, SteadyStateResult
from spinthermo.core.spin import PAULI_MATRICES, SIGMA_MINUS, SIGMA_PLUS, SIGMA_X, SIGMA_Y, SIGMA_Z
from spinthermo.core.superop import liouvillian, trace_row, vec
from spinthermo.core.units import BOLTZMANN, HBAR, hz_to_angular
from spinthermo.models.base import Model, OpenSystemSpec
from spinthermo.models.fast_path import evolve_generator, linear_steady_state
from spinthermo.thermo.bloch import bloch_vector, density_matrix_from_bloch

DEFAULT_OMEGA0 = hz_to_angular(1.0e9)  # rad/s: a 1 GHz qubit (choice; the paper's values lost)
DEFAULT_RABI = 0.2 * DEFAULT_OMEGA0
DEFAULT_GAMMA_DOWN = 0.01 * DEFAULT_OMEGA0
DEFAULT_GAMMA_UP = 0.005 * DEFAULT_OMEGA0
DEFAULT_GAMMA_PHI = 0.0025 * DEFAULT_OMEGA0
#: Ohmic defaults of the microscopic constructor: weak coupling α ≪ 1 keeps every rate ≪ Ω̄;
#: ω_c = 10 ω0 puts all the relevant frequencies (≤ ωL + Ω̄) well below the cutoff.
DEFAULT_ALPHA = 1.0e-3
DEFAULT_CUTOFF = 10.0 * DEFAULT_OMEGA0
#: ħω0/k_B for the default ω0 (≈ 48 mK): the default bath temperature.
DEFAULT_TEMPERATURE_K = HBAR * DEFAULT_OMEGA0 / BOLTZMANN
#: The secular approximation needs the Bohr frequencies ωL ± Ω̄, ωL, Ω̄, 0 to be distinct;
#: below this relative separation ``|ωL − Ω̄|/ωL`` two of them merge and the rates are undefined.
SECULAR_SEPARATION = 1e-9
#: G(0) for a user-supplied J is J(ε)/ε at ε = this fraction of k_B T/ħ (relative error
#: ~ε/ω_c for a cutoff ω_c); the Ohmic class gives the exact slope α.
ZERO_FREQUENCY_FRACTION = 1e-7

PAULIS = PAULI_MATRICES


def _rotation_z(angle) -> np.ndarray:
    c, s = np.cos(angle), np.sin(angle)
    zero, one = np.zeros_like(c), np.ones_like(c)
    return np.stack([np.stack([c, -s, zero], -1), np.stack([s, c, zero], -1),
                     np.stack([zero, zero, one], -1)], -2)


def _rotation_y(angle: float) -> np.ndarray:
    c, s = math.cos(angle), math.sin(angle)
    return np.array([[c, 0.0, s], [0.0, 1.0, 0.0], [-s, 0.0, c]])


# --------------------------------------------------------------------------- bath spectra


@dataclass(frozen=True)
class OhmicSpectralDensity:
    """J(ω) = α ω e^{−ω/ω_c} (rad/s) for ω ≥ 0.

    Parameters
    ----------
    alpha : float
        Dimensionless coupling α, ≥ 0.
    cutoff : float
        Cutoff ω_c, rad/s, > 0.

    Examples
    --------
    >>> OhmicSpectralDensity(0.01, 1e10)(0.0)
    0.0
    """

    alpha: float = DEFAULT_ALPHA
    cutoff: float = DEFAULT_CUTOFF

    def __post_init__(self) -> None:
        require_nonnegative("alpha", self.alpha)
        require_positive("cutoff", self.cutoff, "rad/s")

    def __call__(self, omega):
        omega = np.asarray(omega, dtype=float)
        out = self.alpha * omega * np.exp(-omega / self.cutoff)
        return out if out.ndim else float(out)

    @property
    def slope_at_zero(self) -> float:
        """lim_{ω→0} J(ω)/ω = α (exact)."""
        return float(self.alpha)


@dataclass(frozen=True)
class LorentzianSpectralDensity:
    """J(ω) = α ω γ²/((ω − ω_c)² + γ²) (rad/s) for ω ≥ 0: a photon bath filtered by a cavity.

    Parameters
    ----------
    alpha : float
        Dimensionless coupling, the Ohmic slope J(ω)/ω at the centre (≥ 0).
    centre : float
        Centre ω_c of the filter in rad/s (> 0).
    width : float
        Half width at half maximum γ of the filter in rad/s (> 0).

    Notes
    -----
    Unlike the Ohmic J it can decrease across the drive's sidebands ωL ± Ω̄, which reverses
    the sign of γ↓ − γ↑ (:func:`floquet_rates`).

    >>> j = LorentzianSpectralDensity(1e-3, 1e10, 1e9)
    >>> round(j(1e10) / 1e7, 12), round(j(0.0), 12)
    (1.0, 0.0)
    """

    alpha: float
    centre: float
    width: float

    def __post_init__(self) -> None:
        require_nonnegative("alpha", self.alpha)
        require_positive("centre", self.centre, "rad/s")
        require_positive("width", self.width, "rad/s")

    def __call__(self, omega):
        omega = np.asarray(omega, dtype=float)
        out = self.alpha * omega * self.width ** 2 / ((omega - self.centre) ** 2
                                                      + self.width ** 2)
        return out if out.ndim else float(out)

    @property
    def slope_at_zero(self) -> float:
        """Limit of J(ω)/ω as ω → 0, α γ²/(ω_c² + γ²) (exact)."""
        return float(self.alpha * self.width ** 2 / (self.centre ** 2 + self.width ** 2))


def bose_einstein(omega, temperature_k) -> np.ndarray:
    """n(ω) = 1/(e^{ħω/k_B T} − 1) for ω > 0 (0 at T = 0); overflow-free for ħω ≫ k_B T.

    Parameters
    ----------
    omega : array_like
        Angular frequencies ω > 0, rad/s, any shape.
    temperature_k : float
        T, K, ≥ 0.

    Returns
    -------
    numpy.ndarray
        n(ω), dimensionless, the shape of ``omega``.
    """
    omega = np.asarray(omega, dtype=float)
    if temperature_k == 0:
        return np.zeros_like(omega)
    x = HBAR * omega / (BOLTZMANN * temperature_k)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.exp(-x) / -np.expm1(-x)


@dataclass(frozen=True)
class ThermalBath:
    """A thermal bosonic bath: ``temperature_k`` (K, ≥ 0) and a spectral density J (rad/s).

    :meth:`correlation` is the Fourier transform G(ω) of the bath correlation function (module
    docstring).

    Parameters
    ----------
    temperature_k : float
        T, K, ≥ 0.
    spectral_density : callable
        J(ω) ≥ 0 in rad/s for ω ≥ 0, vectorised over numpy arrays; default
        :class:`OhmicSpectralDensity`.
    """

    temperature_k: float = DEFAULT_TEMPERATURE_K
    spectral_density: Callable = field(default_factory=OhmicSpectralDensity)

    def __post_init__(self) -> None:
        require_nonnegative("temperature_k", self.temperature_k, "K")
        if not callable(self.spectral_density):
            raise TypeError(
                "spectral_density must be a callable J(omega) in rad/s; received "
                f"{type(self.spectral_density).__name__}"
            )

    def _spectral(self, omega: np.ndarray) -> np.ndarray:
        j = np.asarray(self.spectral_density(omega), dtype=float)
        if not np.all(np.isfinite(j)) or np.any(j < 0):
            raise ValueError("spectral_density must return finite values >= 0 for omega >= 0")
        return np.broadcast_to(j, omega.shape)

    def _slope_at_zero(self) -> float:
        slope = getattr(self.spectral_density, "slope_at_zero", None)
        if slope is not None:
            return float(slope)
        eps = ZERO_FREQUENCY_FRACTION * BOLTZMANN * self.temperature_k / HBAR
        return float(self._spectral(np.array([eps]))[0] / eps)

    def correlation(self, omega) -> np.ndarray | float:
        """G(ω): 2πJ(ω)(n+1) for ω > 0, ``2πJ(|ω|)n(|ω|)`` for ω < 0, and the limit at 0.

        Parameters
        ----------
        omega : array_like
            Angular frequencies, rad/s, any sign and shape, finite.

        Returns
        -------
        numpy.ndarray or float
            G(ω), s⁻¹, the shape of ``omega`` (a float for a scalar).
        """
        omega = np.asarray(require_finite("omega", omega), dtype=float)
        a = np.abs(omega)
        nonzero = a > 0
        safe = np.where(nonzero, a, 1.0)
        n = bose_einstein(safe, self.temperature_k)
        j = self._spectral(safe)
        out = 2 * np.pi * j * np.where(omega > 0, n + 1.0, n)
        if np.any(~nonzero):
            if self.temperature_k > 0:
                zero = 2 * np.pi * BOLTZMANN * self.temperature_k / HBAR * self._slope_at_zero()
            else:
                zero = 2 * np.pi * float(self._spectral(np.zeros(1))[0])
            out = np.where(nonzero, out, zero)
        return out if out.ndim else float(out)


@dataclass(frozen=True)
class FloquetRates:
    """γ↓, γ↑, γ_φ and each bath's share of them.

    Parameters
    ----------
    down, up, dephasing : float
        γ↓, γ↑, γ_φ, s⁻¹.
    photon : tuple of float
        The photon bath's share of (γ↓, γ↑, γ_φ), s⁻¹.
    dephasing_bath : tuple of float
        The dephasing bath's share of (γ↓, γ↑, γ_φ), s⁻¹.
    """

    down: float
    up: float
    dephasing: float
    photon: tuple[float, float, float]
    dephasing_bath: tuple[float, float, float]


def floquet_rates(
    omega0: float, omega_l: float, rabi: float, photon_bath: ThermalBath,
    dephasing_bath: ThermalBath,
) -> FloquetRates:
    """The Floquet-basis rates from the bath spectra (seed Eqs. 38–39, 45; derivation in the
    module docstring). Raises if the secular approximation's frequencies coincide.

    Without drive (Ω = 0, ω0 > ωL) the Floquet basis is the atom basis and γ↓ = G_x(ω0),
    γ↑ = G_x(−ω0): at zero temperature the atom only decays.

    Parameters
    ----------
    omega0 : float
        Atomic transition ω0, rad/s, > 0.
    omega_l : float
        Drive frequency ωL, rad/s, > 0, away from the quasi-Bohr frequency.
    rabi : float
        Rabi frequency Ω, rad/s, ≥ 0.
    photon_bath : ThermalBath
        The bath coupled through σx.
    dephasing_bath : ThermalBath
        The bath coupled through σz.

    Returns
    -------
    FloquetRates
        γ↓, γ↑, γ_φ in s⁻¹ and each bath's share.

    Examples
    --------
    >>> photon, quiet = ThermalBath(0.0), ThermalBath(0.0, OhmicSpectralDensity(0.0))
    >>> r = floquet_rates(3e10, 1e10, 0.0, photon, quiet)
    >>> r.up, bool(np.isclose(r.down, photon.correlation(3e10)))
    (0.0, True)
    """
    _check_drive(omega0, omega_l, rabi)
    delta = omega0 - omega_l
    qb = math.hypot(delta, rabi)
    if abs(omega_l - qb) <= SECULAR_SEPARATION * omega_l:
        raise ValueError(
            f"omega_l must differ from the quasi-Bohr frequency {qb:g} rad/s for the secular "
            f"approximation (the frequencies omega_l - quasi-Bohr and 0 coincide); "
            f"received omega_l = {omega_l:g} rad/s"
        )
    theta = math.atan2(rabi, delta)
    c4 = ((1 + math.cos(theta)) / 2) ** 2  # cos⁴(θ/2)
    s4 = ((1 - math.cos(theta)) / 2) ** 2  # sin⁴(θ/2)
    s2 = math.sin(theta) ** 2
    gx = photon_bath.correlation
    gz = dephasing_bath.correlation
    photon = (
        c4 * gx(omega_l + qb) + s4 * gx(qb - omega_l),
        c4 * gx(-omega_l - qb) + s4 * gx(omega_l - qb),
        0.25 * s2 * (gx(omega_l) + gx(-omega_l)),
    )
    dephasing = (s2 * gz(qb), s2 * gz(-qb), math.cos(theta) ** 2 * gz(0.0))
    total = [float(p + d) for p, d in zip(photon, dephasing, strict=True)]
    return FloquetRates(*total, tuple(map(float, photon)), tuple(map(float, dephasing)))


def _check_drive(omega0, omega_l, rabi) -> None:
    require_positive("omega0", omega0, "rad/s")
    require_positive("omega_l", omega_l, "rad/s")
    require_nonnegative("rabi", rabi, "rad/s")
    if rabi == 0 and omega0 == omega_l:
        raise ValueError(
            "rabi and the detuning omega0 - omega_l cannot both vanish: the quasi-Bohr "
            "frequency (detuning² + rabi²)^½ must be > 0 to define the Floquet basis"
        )


# --------------------------------------------------------------------------- the model


@dataclass(frozen=True)
class DrivenQubit(Model):
    """Driven two-level atom with Floquet–Lindblad dissipation (seed 001 Eqs. 17, 23, 38).

    Build it from the Floquet-basis rates (:meth:`from_rates`) or from two thermal baths
    (:meth:`from_baths`, rates of Eq. 45). All frequencies and rates in rad/s and s⁻¹.

    The :class:`~spinthermo.models.base.Model` verbs (``hamiltonian()``, ``open_system()``,
    ``steady_state()``, ``evolve()``) work in the rotating (Floquet) frame ρ_R = P(t)†ρP(t),
    where the generator (seed Eq. 38) is constant and a steady state exists; the lab-frame
    state is periodic, not steady (:meth:`periodic_state`, :meth:`lab_hamiltonian`).

    Parameters
    ----------
    omega0 : float
        Atomic transition ω0, rad/s, > 0.
    omega_l : float
        Drive frequency ωL, rad/s, > 0.
    rabi : float
        Rabi frequency Ω, rad/s, ≥ 0 (Ω and Δ not both 0).
    gamma_down, gamma_up, gamma_phi : float
        Floquet-basis rates γ↓, γ↑, γ_φ, s⁻¹, ≥ 0, γ↓ + γ↑ > 0.
    photon_bath, dephasing_bath : ThermalBath or None
        The baths the rates came from (:meth:`from_baths`), or None.

    Examples
    --------
    >>> q = DrivenQubit.from_rates(gamma_up=DEFAULT_GAMMA_DOWN)   # γ↑ = γ↓
    >>> bool(np.allclose(q.steady_state().state, np.eye(2) / 2, atol=1e-12))  # maximally mixed
    True
    """

    omega0: float = DEFAULT_OMEGA0
    omega_l: float = DEFAULT_OMEGA0
    rabi: float = DEFAULT_RABI
    gamma_down: float = DEFAULT_GAMMA_DOWN
    gamma_up: float = DEFAULT_GAMMA_UP
    gamma_phi: float = DEFAULT_GAMMA_PHI
    photon_bath: ThermalBath | None = None
    dephasing_bath: ThermalBath | None = None

    def __post_init__(self) -> None:
        _check_drive(self.omega0, self.omega_l, self.rabi)
        require_nonnegative("gamma_down", self.gamma_down, "1/s")
        require_nonnegative("gamma_up", self.gamma_up, "1/s")
        require_nonnegative("gamma_phi", self.gamma_phi, "1/s")
        if self.gamma_down + self.gamma_up == 0:
            raise ValueError(
                "gamma_down + gamma_up must be > 0 (otherwise the steady state is not unique); "
                "received both 0"
            )

    # ---- constructors
    @classmethod
    def from_rates(cls, omega0: float = DEFAULT_OMEGA0, omega_l: float | None = None,
                   rabi: float = DEFAULT_RABI, gamma_down: float = DEFAULT_GAMMA_DOWN,
                   gamma_up: float = DEFAULT_GAMMA_UP,
                   gamma_phi: float = DEFAULT_GAMMA_PHI) -> DrivenQubit:
        """Direct parametrisation by γ↓, γ↑, γ_φ of the Floquet frame.

        Parameters
        ----------
        omega0, rabi, gamma_down, gamma_up, gamma_phi : float
            As for :class:`DrivenQubit`.
        omega_l : float or None
            ωL, rad/s; None: resonance (ωL = ω0).

        Returns
        -------
        DrivenQubit
            The model, without baths.
        """
        return cls(omega0, omega0 if omega_l is None else omega_l, rabi, gamma_down, gamma_up,
                   gamma_phi)

    @classmethod
    def from_baths(cls, omega0: float = DEFAULT_OMEGA0, omega_l: float | None = None,
                   rabi: float = DEFAULT_RABI, photon_bath: ThermalBath | None = None,
                   dephasing_bath: ThermalBath | None = None) -> DrivenQubit:
        """Rates from a photon bath (σx coupling) and a dephasing bath (σz coupling), seed
        Eqs. 19, 39, 45.

        Parameters
        ----------
        omega0, rabi : float
            As for :class:`DrivenQubit`.
        omega_l : float or None
            ωL, rad/s; None: resonance (ωL = ω0).
        photon_bath, dephasing_bath : ThermalBath or None
            The baths; None: Ohmic, α = 1e-3, ω_c = 10 ω0, T = ħω0/k_B.

        Returns
        -------
        DrivenQubit
            The model with the rates of :func:`floquet_rates`.
        """
        omega_l = omega0 if omega_l is None else omega_l
        photon_bath = ThermalBath() if photon_bath is None else photon_bath
        dephasing_bath = ThermalBath() if dephasing_bath is None else dephasing_bath
        rates = floquet_rates(omega0, omega_l, rabi, photon_bath, dephasing_bath)
        return cls(omega0, omega_l, rabi, rates.down, rates.up, rates.dephasing, photon_bath,
                   dephasing_bath)

    @property
    def parameters(self) -> DrivenQubit:
        """The parameters; this frozen dataclass holds exactly them (ω0, ωL, Ω in rad/s; γ↓,
        γ↑, γ_φ in s⁻¹; the baths the rates came from, if any)."""
        return self

    # ---- scalars
    @property
    def detuning(self) -> float:
        """Δ = ω0 − ωL (rad/s)."""
        return self.omega0 - self.omega_l

    @property
    def quasi_bohr_frequency(self) -> float:
        """Ω̄ = (Δ² + Ω²)^½ (rad/s), the splitting of H̄."""
        return math.hypot(self.detuning, self.rabi)

    @property
    def mixing_angle(self) -> float:
        """Mixing angle θ = atan2(Ω, Δ), the Floquet axis R_y(θ)ẑ = (sin θ, 0, cos θ) of the
        rotating frame (rad)."""
        return math.atan2(self.rabi, self.detuning)

    @property
    def period(self) -> float:
        """T = 2π/ωL (s)."""
        return 2 * math.pi / self.omega_l

    @property
    def hamiltonian_norm(self) -> float:
        """ω = ``|h|`` = (ω0² + Ω²)^½ (rad/s), constant in time (H has eigenvalues ±ω/2)."""
        return math.hypot(self.omega0, self.rabi)

    @property
    def population_decay_rate(self) -> float:
        """Γ1 = γ↓ + γ↑ (seed Eq. 27a, reconstruction)."""
        return self.gamma_down + self.gamma_up

    @property
    def coherence_decay_rate(self) -> float:
        """Γ2 = (γ↓ + γ↑)/2 + 2γ_φ (seed Eq. 27b, reconstruction; see module docstring)."""
        return 0.5 * (self.gamma_down + self.gamma_up) + 2.0 * self.gamma_phi

    @property
    def steady_polarization(self) -> float:
        """κ = (γ↓ − γ↑)/(γ↓ + γ↑) ∈ [−1, 1], the steady Floquet population difference p− − p+."""
        return (self.gamma_down - self.gamma_up) / (self.gamma_down + self.gamma_up)

    @property
    def quasi_energies(self) -> np.ndarray:
        """Quasi-energies ε± = ±Ω̄/2 + ωL/2 folded into [−ωL/2, ωL/2), order (+, −).

        The ωL/2 comes from P(T) = −1: the eigenphases of U(T) are e^{−iε±T}.
        """
        raw = np.array([0.5, -0.5]) * self.quasi_bohr_frequency + 0.5 * self.omega_l
        return (raw + 0.5 * self.omega_l) % self.omega_l - 0.5 * self.omega_l

    # ---- operators of the rotating (Floquet) frame
    @property
    def average_hamiltonian(self) -> np.ndarray:
        """H̄ = (Δ σz + Ω σx)/2 (seed Eq. 32)."""
        return 0.5 * (self.detuning * SIGMA_Z + self.rabi * SIGMA_X)

    @property
    def floquet_vectors(self) -> np.ndarray:
        """V = e^{−iθσy/2}, whose columns ``|+⟩``, ``|−⟩`` (eigenvalues ±Ω̄/2 of H̄) are in the atom
        basis."""
        c, s = math.cos(self.mixing_angle / 2), math.sin(self.mixing_angle / 2)
        return np.array([[c, -s], [s, c]], dtype=complex)

    def floquet_operator(self, name: str) -> np.ndarray:
        """σ̃_name = V σ_name V† (rotating frame, atom basis).

        Parameters
        ----------
        name : str
            ``"x"``, ``"y"``, ``"z"``, ``"+"`` or ``"-"``.

        Returns
        -------
        numpy.ndarray
            Shape (2, 2), dimensionless.
        """
        ops = {"x": SIGMA_X, "y": SIGMA_Y, "z": SIGMA_Z, "+": SIGMA_PLUS, "-": SIGMA_MINUS}
        if name not in ops:
            raise ValueError(f"name must be one of {sorted(ops)}; received {name!r}")
        v = self.floquet_vectors
        return v @ ops[name] @ v.conj().T

    @property
    def jump_operators_rotating(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The jump operators (σ̃−, σ̃+, σ̃z) of seed Eq. 38, with the rates (γ↓, γ↑, γ_φ)."""
        return self.floquet_operator("-"), self.floquet_operator("+"), self.floquet_operator("z")

    @property
    def rates(self) -> tuple[float, float, float]:
        """(γ↓, γ↑, γ_φ) in s⁻¹, the rates of the jump operators (σ̃−, σ̃+, σ̃z)."""
        return self.gamma_down, self.gamma_up, self.gamma_phi

    def rotating_liouvillian(self) -> np.ndarray:
        """The constant generator of ρ_R = P†ρP (column-stacked, core convention).

        Returns
        -------
        numpy.ndarray
            Shape (4, 4), s⁻¹.
        """
        return liouvillian(self.average_hamiltonian, self.jump_operators_rotating, self.rates)

    def hamiltonian(self) -> np.ndarray:
        """H̄ = (Δ σz + Ω σx)/2 (seed Eq. 32), the constant Hamiltonian of the rotating frame,
        basis ``(|e⟩, |g⟩)``; the lab-frame H(t) is :meth:`lab_hamiltonian`.

        Returns
        -------
        numpy.ndarray
            Shape (2, 2), rad/s.
        """
        return self.average_hamiltonian

    def open_system(self) -> OpenSystemSpec:
        """The rotating-frame equation (seed Eq. 38): H̄ and the collapse operators
        √γ↓ σ̃−, √γ↑ σ̃+, √γ_φ σ̃z; no mean-field terms.

        Returns
        -------
        OpenSystemSpec
            H̄ (2, 2) in rad/s and three collapse operators (2, 2) in s^(-1/2).
        """
        c_ops = tuple(math.sqrt(rate) * jump
                      for jump, rate in zip(self.jump_operators_rotating, self.rates,
                                            strict=True))
        return OpenSystemSpec(self.average_hamiltonian, c_ops)

    # ---- lab frame
    def micromotion(self, times) -> np.ndarray:
        """P(t) = e^{−iωL t σz/2}.

        Parameters
        ----------
        times : array_like
            Times, shape ``(...)``, s.

        Returns
        -------
        numpy.ndarray
            Shape ``(..., 2, 2)``, unitary.
        """
        phase = np.exp(-0.5j * self.omega_l * np.asarray(times, dtype=float))
        out = np.zeros((*phase.shape, 2, 2), dtype=complex)
        out[..., 0, 0] = phase
        out[..., 1, 1] = phase.conj()
        return out

    def floquet_states(self, times) -> np.ndarray:
        """Lab-frame Floquet basis P(t)V: columns ``|±(t)⟩``.

        Parameters
        ----------
        times : array_like
            Times, shape ``(...)``, s.

        Returns
        -------
        numpy.ndarray
            Shape ``(..., 2, 2)``.
        """
        return self.micromotion(times) @ self.floquet_vectors

    def hamiltonian_vector(self, times) -> np.ndarray:
        """h(t) = (Ω cos ωL t, Ω sin ωL t, ω0) with H = ½ h·σ.

        Parameters
        ----------
        times : array_like
            Times, shape ``(...)``, s.

        Returns
        -------
        numpy.ndarray
            Shape ``(..., 3)``, rad/s.
        """
        phase = self.omega_l * np.asarray(times, dtype=float)
        return np.stack([self.rabi * np.cos(phase), self.rabi * np.sin(phase),
                         np.full_like(phase, self.omega0)], -1)

    def hamiltonian_vector_dot(self, times) -> np.ndarray:
        """dh/dt = ωL Ω (−sin ωL t, cos ωL t, 0).

        Parameters
        ----------
        times : array_like
            Times, shape ``(...)``, s.

        Returns
        -------
        numpy.ndarray
            Shape ``(..., 3)``, rad/s².
        """
        phase = self.omega_l * np.asarray(times, dtype=float)
        w = self.omega_l * self.rabi
        return np.stack([-w * np.sin(phase), w * np.cos(phase), np.zeros_like(phase)], -1)

    def lab_hamiltonian(self, times) -> np.ndarray:
        """H(t) = (ω0/2)σz + (Ω/2)(σ+ e^{−iωL t} + h.c.) (seed Eq. 17).

        Parameters
        ----------
        times : array_like
            Times, shape ``(...)``, s.

        Returns
        -------
        numpy.ndarray
            Shape ``(..., 2, 2)``, rad/s.
        """
        return 0.5 * np.einsum("...k,kij->...ij", self.hamiltonian_vector(times), PAULIS)

    def hamiltonian_dot(self, times) -> np.ndarray:
        """dH/dt (exact).

        Parameters
        ----------
        times : array_like
            Times, shape ``(...)``, s.

        Returns
        -------
        numpy.ndarray
            Shape ``(..., 2, 2)``, rad/s².
        """
        return 0.5 * np.einsum("...k,kij->...ij", self.hamiltonian_vector_dot(times), PAULIS)

    def jump_operators(self, t: float) -> list[np.ndarray]:
        """Lab-frame jump operators L_k(t) = P(t) L̄_k P(t)† (rates :attr:`rates`).

        Parameters
        ----------
        t : float
            Time, s.

        Returns
        -------
        list of numpy.ndarray
            Three operators of shape (2, 2), order (σ̃−, σ̃+, σ̃z).
        """
        p = self.micromotion(float(t))
        return [p @ op @ p.conj().T for op in self.jump_operators_rotating]

    def lab_liouvillian(self, t: float) -> np.ndarray:
        """The lab-frame generator −i[H(t), ·] + Σ_k γ_k D[L_k(t)] at time ``t``.

        Parameters
        ----------
        t : float
            Time, s.

        Returns
        -------
        numpy.ndarray
            Shape (4, 4), column stacking, s⁻¹.
        """
        return liouvillian(self.lab_hamiltonian(float(t)), self.jump_operators(t), self.rates)

    # ---- states
    def ground_state(self) -> np.ndarray:
        """``|g⟩⟨g|`` of the bare atom.

        Returns
        -------
        numpy.ndarray
            Shape (2, 2).
        """
        return density_matrix_from_bloch([0.0, 0.0, -1.0]).astype(complex)

    def maximally_mixed_state(self) -> np.ndarray:
        """The maximally mixed state 1/2.

        Returns
        -------
        numpy.ndarray
            Shape (2, 2).
        """
        return np.eye(2, dtype=complex) / 2

    def thermal_state(self, temperature_k: float, reference: str = "atom") -> np.ndarray:
        """Gibbs state at ``temperature_k`` of the bare atom (ω0/2)σz (``reference='atom'``) or of
        H(0) (``reference='drive'``); T = 0 gives the ground state.

        Parameters
        ----------
        temperature_k : float
            T, K, ≥ 0.
        reference : str
            ``"atom"`` or ``"drive"``.

        Returns
        -------
        numpy.ndarray
            Shape (2, 2).
        """
        require_nonnegative("temperature_k", temperature_k, "K")
        if reference == "atom":
            axis, norm = np.array([0.0, 0.0, 1.0]), self.omega0
        elif reference == "drive":
            h = self.hamiltonian_vector(0.0)
            norm = float(np.linalg.norm(h))
            axis = h / norm
        else:
            raise ValueError(f"reference must be 'atom' or 'drive'; received {reference!r}")
        if temperature_k == 0:
            return density_matrix_from_bloch(-axis).astype(complex)
        r = -math.tanh(HBAR * norm / (2 * BOLTZMANN * temperature_k))
        return density_matrix_from_bloch(r * axis).astype(complex)

    def _initial_floquet_bloch(self, initial_state) -> np.ndarray:
        arr = initial_state.full() if hasattr(initial_state, "full") else initial_state
        arr = np.asarray(arr)
        if arr.shape == (3,):
            # the density-matrix tolerance: eigenvalues (1 ∓ |r|)/2 ≥ −STATE_TOLERANCE
            require_range("|initial_state Bloch vector|", float(np.linalg.norm(arr)), 0.0,
                          1.0 + 2 * STATE_TOLERANCE, reason="a physical state has |r| <= 1")
            r0 = np.asarray(arr, dtype=float)
        else:
            rho0 = require_density_matrix("initial_state", arr)
            if rho0.shape != (2, 2):
                raise ValueError(
                    f"initial_state must be a 2x2 density matrix or a Bloch 3-vector; "
                    f"received shape {rho0.shape}"
                )
            r0 = bloch_vector(rho0)
        return _rotation_y(self.mixing_angle).T @ r0  # P(0) = 1

    def _initial_lab_state(self, initial_state) -> np.ndarray:
        s0 = self._initial_floquet_bloch(initial_state)
        return density_matrix_from_bloch(_rotation_y(self.mixing_angle) @ s0).astype(complex)

    # ---- closed form
    def floquet_bloch(self, times, initial_state) -> tuple[np.ndarray, np.ndarray]:
        """Floquet-frame Bloch vector s(t) and ds/dt (seed Eqs. 40–42).

        Parameters
        ----------
        times : array_like
            Times, shape (T,), s, ≥ 0.
        initial_state : array_like or Qobj
            ρ(0): a (2, 2) density matrix or a Bloch 3-vector.

        Returns
        -------
        tuple of numpy.ndarray
            ``(s, ds/dt)``, each of shape (T, 3); ds/dt in s⁻¹.
        """
        t = require_times(times)
        s0 = self._initial_floquet_bloch(initial_state)
        g1, g2 = self.population_decay_rate, self.coherence_decay_rate
        qb = self.quasi_bohr_frequency
        sz_ss = -self.steady_polarization
        decay1 = np.exp(-g1 * t)
        sz = sz_ss + (s0[2] - sz_ss) * decay1
        perp = (s0[0] + 1j * s0[1]) * np.exp((1j * qb - g2) * t)
        perp_dot = (1j * qb - g2) * perp
        s = np.stack([perp.real, perp.imag, sz], -1)
        s_dot = np.stack([perp_dot.real, perp_dot.imag, -g1 * (s0[2] - sz_ss) * decay1], -1)
        return s, s_dot

    def bloch_vector(self, times, initial_state) -> tuple[np.ndarray, np.ndarray]:
        """Lab Bloch vector r(t) = R_z(ωL t) R_y(θ) s(t) and its exact derivative, ``(T, 3)``
        (seed Eqs. 24–25, 43–44).

        Parameters
        ----------
        times, initial_state
            As for :meth:`floquet_bloch`.

        Returns
        -------
        tuple of numpy.ndarray
            ``(r, dr/dt)``, each of shape (T, 3); dr/dt in s⁻¹.
        """
        t = require_times(times)
        s, s_dot = self.floquet_bloch(t, initial_state)
        ry = _rotation_y(self.mixing_angle)
        rz = _rotation_z(self.omega_l * t)
        sr = s @ ry.T
        generator = self.omega_l * np.array([[0.0, -1.0, 0.0], [1.0, 0.0, 0.0], [0.0, 0.0, 0.0]])
        r = np.einsum("tij,tj->ti", rz, sr)
        r_dot = r @ generator.T + np.einsum("tij,tj->ti", rz, s_dot @ ry.T)
        return r, r_dot

    def _rotating_generator(self) -> MeanFieldGenerator:
        return MeanFieldGenerator.linear_only(self.rotating_liouvillian(), trace_row(2))

    def initial_state(self) -> np.ndarray:
        """The bare atom's ground state ``|g⟩⟨g|``, where :meth:`evolve` starts by default.

        Returns
        -------
        numpy.ndarray
            Shape (2, 2).
        """
        return self.ground_state()

    def steady_state(self, *, options: SteadyStateOptions | None = None) -> SteadyStateResult:
        """Steady state ρ_R^ss of the rotating-frame generator (seed Eq. 38) by the engine's
        null-space solve, with its residual; in the Floquet basis its population difference
        p− − p+ is κ = (γ↓ − γ↑)/(γ↓ + γ↑) (seed Eq. 42).

        Parameters
        ----------
        options : SteadyStateOptions or None
            Tolerances; None: the defaults.

        Returns
        -------
        SteadyStateResult
            ρ_R^ss, shape (2, 2), with its residual.
        """
        return linear_steady_state(self._rotating_generator(), options)

    def periodic_state(self, times) -> np.ndarray:
        """The periodic asymptotic lab state P(t) ρ_R^ss P(t)†, shape ``(..., 2, 2)``: the
        lab-frame equation has no steady state, only this Floquet state of period 2π/ωL.

        Parameters
        ----------
        times : array_like
            Times, shape ``(...)``, s.

        Returns
        -------
        numpy.ndarray
            Shape ``(..., 2, 2)``.
        """
        p = self.micromotion(times)
        return p @ self.steady_state().state @ np.swapaxes(p.conj(), -1, -2)

    def evolve(self, times, initial_state=None, *,
               options: EvolveOptions | None = None) -> EvolutionResult:
        """ρ_R(t) = P(t)†ρ(t)P(t) in the rotating frame at ``times`` (s), from ρ(times[0]) =
        ``initial_state`` (a 2×2 density matrix, ``Qobj`` or Bloch 3-vector; default
        :meth:`initial_state`), by the engine's exact propagators of the constant generator
        (seed Eq. 38). :meth:`evolve_rotating` rotates them back to the lab frame.

        Parameters
        ----------
        times : array_like
            Output times, shape (T,), s.
        initial_state : array_like, Qobj or None
            ρ(times[0]); None: :meth:`initial_state`.
        options : EvolveOptions or None
            Method and tolerances; None: the defaults.

        Returns
        -------
        EvolutionResult
            ρ_R(t), shape (T, 2, 2).
        """
        rho0 = self._initial_lab_state(self.initial_state() if initial_state is None
                                       else initial_state)
        return evolve_generator(self._rotating_generator(), vec(rho0), times, options)

    # ---- numerical solutions (cross-checks)
    def evolve_rotating(self, times, initial_state) -> np.ndarray:
        """Lab-frame ρ(t) = P(t)ρ_R(t)P(t)† from the exact propagators of the constant
        rotating-frame generator (:meth:`evolve` from t = 0).

        Parameters
        ----------
        times, initial_state
            As for :meth:`floquet_bloch`.

        Returns
        -------
        numpy.ndarray
            ρ(t), shape (T, 2, 2).
        """
        t = require_times(times)
        grid = np.concatenate([[0.0], t]) if t[0] > 0 else t
        states = self.evolve(grid, initial_state).states[-t.size:]
        p = self.micromotion(t)
        return p @ states @ np.swapaxes(p.conj(), -1, -2)

    def integrate_lab_frame(self, times, initial_state, *, method: str = "DOP853",
                            rtol: float = 1e-10, atol: float = 1e-12) -> np.ndarray:
        """Integrate the time-dependent lab-frame Lindblad equation with SciPy's ``solve_ivp``;
        ``(T, 2, 2)``. Independent of the closed form: no frame change is used. The right-hand
        side is :meth:`lab_liouvillian` written out on 2×2 matrices (30× faster per call).

        Parameters
        ----------
        times, initial_state
            As for :meth:`floquet_bloch`.
        method : str
            A ``solve_ivp`` method.
        rtol, atol : float
            Its tolerances.

        Returns
        -------
        numpy.ndarray
            ρ(t), shape (T, 2, 2).
        """
        t = require_times(times)
        rho0 = self._initial_lab_state(initial_state)
        grid = np.concatenate([[0.0], t]) if t[0] > 0 else t
        jumps = self.jump_operators_rotating
        rates = self.rates
        w0, wl, rabi = self.omega0, self.omega_l, self.rabi

        def rhs(tt: float, x: np.ndarray) -> np.ndarray:
            rho = x.reshape(2, 2)
            phase = np.exp(-1j * wl * tt)
            h = 0.5 * np.array([[w0, rabi * phase], [rabi * phase.conjugate(), -w0]])
            out = -1j * (h @ rho - rho @ h)
            p = np.array([np.exp(-0.5j * wl * tt), np.exp(0.5j * wl * tt)])
            for jump, rate in zip(jumps, rates, strict=True):
                lab = jump * np.outer(p, p.conj())  # P L̄ P† for diagonal P
                ldl = lab.conj().T @ lab
                out += rate * (lab @ rho @ lab.conj().T - 0.5 * (ldl @ rho + rho @ ldl))
            return out.ravel()

        sol = scipy.integrate.solve_ivp(
            rhs, (0.0, grid[-1]), rho0.astype(complex).ravel(), method=method, t_eval=grid,
            rtol=rtol, atol=atol,
        )
        if not sol.success:
            raise RuntimeError(f"{method} integration of the lab-frame equation failed: "
                               f"{sol.message}")
        return sol.y.T[-t.size:].reshape(-1, 2, 2)


@dataclass(frozen=True)
class Trajectory:
    """Closed-form trajectory; unpacks as ``times, rho, rho_dot, hamiltonian, hamiltonian_dot``.

    Parameters
    ----------
    times : numpy.ndarray
        Shape (T,), s.
    rho, rho_dot : numpy.ndarray
        ρ(t) and dρ/dt (s⁻¹), shape (T, 2, 2).
    hamiltonian, hamiltonian_dot : numpy.ndarray
        H(t) (rad/s) and dH/dt (rad/s²), shape (T, 2, 2).
    bloch, bloch_dot : numpy.ndarray
        r(t) and dr/dt (s⁻¹), shape (T, 3).
    model : DrivenQubit
        The model.
    """

    times: np.ndarray
    rho: np.ndarray
    rho_dot: np.ndarray
    hamiltonian: np.ndarray
    hamiltonian_dot: np.ndarray
    bloch: np.ndarray
    bloch_dot: np.ndarray
    model: DrivenQubit

    def __iter__(self) -> Iterator[np.ndarray]:
        yield from (self.times, self.rho, self.rho_dot, self.hamiltonian, self.hamiltonian_dot)


def trajectory(model: DrivenQubit, times, initial_state) -> Trajectory:
    """ρ(t), dρ/dt, H(t), dH/dt at ``times`` (s, ≥ 0) from the closed form, for ρ(0) =
    ``initial_state``.

    Parameters
    ----------
    model : DrivenQubit
        The model.
    times : array_like
        Times, shape (T,), s, ≥ 0.
    initial_state : array_like or Qobj
        ρ(0): a (2, 2) density matrix or a Bloch 3-vector.

    Returns
    -------
    Trajectory
        The closed-form trajectory at ``times``.

    Examples
    --------
    >>> q = DrivenQubit()
    >>> tr = trajectory(q, [0.0, 1e-9], q.ground_state())
    >>> tr.rho.shape, tr.hamiltonian_dot.shape
    ((2, 2, 2), (2, 2, 2))
    """
    if not isinstance(model, DrivenQubit):
        raise TypeError(f"model must be a DrivenQubit; received {type(model).__name__}")
    t = require_times(times)
    r, r_dot = model.bloch_vector(t, initial_state)
    rho = density_matrix_from_bloch(r).astype(complex)
    rho_dot = 0.5 * np.einsum("tk,kij->tij", r_dot, PAULIS)
    return Trajectory(t, rho, rho_dot, model.lab_hamiltonian(t), model.hamiltonian_dot(t), r,
                      r_dot, model)
