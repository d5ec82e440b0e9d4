r"""The hybrid alkali–noble-gas magnetometer of seed 002 Sec. VI C and App. G.

Two-mode Langevin model with a transverse drive and noble-gas relaxation, Eq. (G1):

.. math::
    \partial_t \begin{pmatrix} a \\ b \end{pmatrix} =
    \begin{pmatrix} i\omega_A - \gamma_A & -iJ \\ -iJ & i\omega_B - \gamma_B \end{pmatrix}
    \begin{pmatrix} a \\ b \end{pmatrix} + \begin{pmatrix} h_A \\ h_B \end{pmatrix},\quad
    h_A = F_A + iB_\perp g_A\sqrt{qN_Ap_A}/2,\quad h_B = F_B + iB_\perp g_B\sqrt{N_Bp_B}/2,

with the detuning ``Δ = ω_A − ω_B`` (Sec. V), a field ``B_⊥(t) = B cos ωt`` along x at the
dressed noble-gas frequency, and the lock-in output ``M(T) = (1/T)∫₀ᵀ sin(ωt) Re a(t) dt``
(Eq. (40)). App. G writes the precession as ``e^{+iωt}`` (Eq. (25) uses ``e^{−iωt}``); only
``|Δ|`` and the relative sign of Δ and g_A/g_B (through ϱ) matter for what is computed here.

Closed forms (G4)–(G17) hold in the detuned regime ``|Δ| ≫ J ≳ γ_A ≫ γ_B`` with the RWA.
:meth:`HybridMagnetometer.lock_in_statistics` evaluates the mean and variance of M(T) for the
same linear Langevin model exactly (rotating frame, RWA only), without the detuned expansion.

Findings (checked in tests/models/test_noble_gas_magnetometer.py):

* G14 + G16 at ``γ̃_B T ≪ 1`` give Eq. (42) exactly (for ϱ → 0).
* G14 + G17 at ``γ̃_B T ≫ 1`` give ``δB_F = (2√2/g_B) √(γ̃_B/(T N_B p_B))``; Eq. (43) prints
  ``1/(8 g_B)``, 16√2 ≈ 22.6 times smaller.
  :meth:`~HybridMagnetometer.sensitivity_relaxation_long_time` is the derived limit,
  ``..._paper`` the printed one.
* G17 keeps only the noise that reaches the alkali through the dressed noble-gas mode; the
  alkali's own off-resonant noise adds ``γ_A T (1 + 2n̄_A)/(8Δ²T²)`` to ⟨δM²⟩, negligible once
  ``T² ≫ 3γ_A/(J²γ̃_B)``. The exact evaluation includes it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import scipy.linalg
import scipy.optimize

from spinthermo.core.checks import require_nonnegative, require_positive, require_range
from spinthermo.models.noble_gas.parameters import NobleGasCell

# --------------------------------------------------------------------------------------------
# Dressed modes, Eqs. (G4)–(G12)
# --------------------------------------------------------------------------------------------


def effective_exchange_rate(coupling, detuning, alkali_decay_rate, noble_gas_decay_rate):
    """``J̃ = √(J² + (Δ + iγ_A − iγ_B)²/4)`` (seed 002 Eq. (G6), principal root).

    For Δ = 0 and γ_B = 0 it is Eq. (F1), ``√(J² − γ_A²/4)``.

    Parameters
    ----------
    coupling : float or array_like
        J, s⁻¹.
    detuning : float or array_like
        Δ = ω_A − ω_B, rad/s.
    alkali_decay_rate, noble_gas_decay_rate : float or array_like
        γ_A, γ_B, s⁻¹.

    Returns
    -------
    numpy.ndarray
        J̃, complex, s⁻¹, of the broadcast shape.
    """
    z = detuning + 1j * (alkali_decay_rate - noble_gas_decay_rate)
    return np.sqrt(np.asarray(coupling, dtype=complex) ** 2 + z**2 / 4.0)


def dressed_rates(coupling, omega_a, omega_b, alkali_decay_rate, noble_gas_decay_rate):
    """``(Π₊, Π₋)``, ``Π± = ±iJ̃ − (γ_A + γ_B − iω_A − iω_B)/2`` (seed 002 Eq. (G7)): the
    eigenvalues of the homogeneous part of Eq. (G1). With the principal root, Π₋ is the
    noble-gas-like mode for Δ > 0 (Eqs. (G9)–(G10)); the labels swap for Δ < 0.

    Parameters
    ----------
    coupling : float or array_like
        J, s⁻¹.
    omega_a, omega_b : float or array_like
        Altered Larmor frequencies ω_A, ω_B, rad/s.
    alkali_decay_rate, noble_gas_decay_rate : float or array_like
        γ_A, γ_B, s⁻¹.

    Returns
    -------
    tuple of numpy.ndarray
        ``(Π₊, Π₋)``, complex, s⁻¹.
    """
    j_tilde = effective_exchange_rate(coupling, omega_a - omega_b, alkali_decay_rate,
                                      noble_gas_decay_rate)
    centre = -(alkali_decay_rate + noble_gas_decay_rate - 1j * (omega_a + omega_b)) / 2.0
    return 1j * j_tilde + centre, -1j * j_tilde + centre


def dressed_amplitudes(coupling, detuning, alkali_decay_rate, noble_gas_decay_rate):
    """``(Λ₊, Λ₋)``, ``Λ± = iJ̃ ± (iΔ + γ_B − γ_A)/2`` (seed 002 Eq. (G8)).

    Parameters
    ----------
    coupling : float or array_like
        J, s⁻¹.
    detuning : float or array_like
        Δ = ω_A − ω_B, rad/s.
    alkali_decay_rate, noble_gas_decay_rate : float or array_like
        γ_A, γ_B, s⁻¹.

    Returns
    -------
    tuple of numpy.ndarray
        ``(Λ₊, Λ₋)``, complex, s⁻¹.
    """
    j_tilde = effective_exchange_rate(coupling, detuning, alkali_decay_rate,
                                      noble_gas_decay_rate)
    half = (1j * detuning + noble_gas_decay_rate - alkali_decay_rate) / 2.0
    return 1j * j_tilde + half, 1j * j_tilde - half


def transfer_functions(time, coupling, omega_a, omega_b, alkali_decay_rate,
                       noble_gas_decay_rate):
    """``(Φ^A, Φ^B)`` at elapsed time ``t − τ`` (seed 002 Eqs. (G4)–(G5)):

        Φ^A = (Λ₊ e^{Π₊t} + Λ₋ e^{Π₋t})/(2iJ̃),   Φ^B = J (e^{Π₋t} − e^{Π₊t})/(2J̃),

    the (a←a) and (a←b) entries of the propagator of Eq. (G1). J̃ = 0 (an exceptional point)
    is rejected.

    Parameters
    ----------
    time : float or array_like
        Elapsed time t − τ, s.
    coupling, omega_a, omega_b, alkali_decay_rate, noble_gas_decay_rate
        As for :func:`dressed_rates`.

    Returns
    -------
    tuple of numpy.ndarray
        ``(Φ^A, Φ^B)``, complex, dimensionless, the shape of ``time``.
    """
    detuning = omega_a - omega_b
    j_tilde = effective_exchange_rate(coupling, detuning, alkali_decay_rate,
                                      noble_gas_decay_rate)
    if np.any(np.abs(j_tilde) < 1e-12 * (abs(coupling) + abs(detuning) + alkali_decay_rate)):
        raise ValueError("the effective exchange rate J̃ vanishes (exceptional point, "
                         "J = |γ_A − γ_B|/2 at Δ = 0): Eqs. (G4)–(G5) are singular there")
    pi_plus, pi_minus = dressed_rates(coupling, omega_a, omega_b, alkali_decay_rate,
                                      noble_gas_decay_rate)
    lam_plus, lam_minus = dressed_amplitudes(coupling, detuning, alkali_decay_rate,
                                             noble_gas_decay_rate)
    t = np.asarray(time, dtype=float)
    e_plus, e_minus = np.exp(pi_plus * t), np.exp(pi_minus * t)
    phi_a = (lam_plus * e_plus + lam_minus * e_minus) / (2j * j_tilde)
    phi_b = coupling * (e_minus - e_plus) / (2.0 * j_tilde)
    return phi_a, phi_b


def dressed_noble_gas_decay_rate(coupling, detuning, alkali_decay_rate, noble_gas_decay_rate):
    """``γ̃_B = γ_B + J² γ_A/Δ²`` (seed 002 Eq. (G10), detuned limit; the exact second order
    is ``γ_B + J²(γ_A − γ_B)/Δ²``, the difference negligible for γ_B ≪ γ_A).

    Parameters
    ----------
    coupling : float or array_like
        J, s⁻¹.
    detuning : float or array_like
        Δ = ω_A − ω_B, rad/s.
    alkali_decay_rate, noble_gas_decay_rate : float or array_like
        γ_A, γ_B, s⁻¹.

    Returns
    -------
    float or numpy.ndarray
        γ̃_B, s⁻¹.
    """
    return noble_gas_decay_rate + coupling**2 * alkali_decay_rate / detuning**2


def dressed_noble_gas_frequency(coupling, detuning, omega_b):
    """``ω̃_B = ω_B − J²/Δ`` (seed 002 Eq. (G10), detuned limit).

    Parameters
    ----------
    coupling : float or array_like
        J, s⁻¹.
    detuning : float or array_like
        Δ, rad/s, nonzero.
    omega_b : float or array_like
        ω_B, rad/s.

    Returns
    -------
    float or numpy.ndarray
        ω̃_B, rad/s.
    """
    return omega_b - coupling**2 / detuning


def relative_alkali_response(coupling, detuning, alkali_larmor_coefficient,
                             noble_gas_larmor_coefficient, q, alkali_number, noble_gas_number,
                             alkali_polarization, noble_gas_polarization):
    """``ϱ = (g_A J/(g_B Δ)) √(q N_A p_A/(N_B p_B))`` (seed 002 Eq. (G15)), signed.

    Parameters
    ----------
    coupling : float
        J, s⁻¹.
    detuning : float
        Δ, rad/s, nonzero.
    alkali_larmor_coefficient, noble_gas_larmor_coefficient : float
        g_A, g_B, rad s⁻¹ T⁻¹.
    q : float
        Slowing-down factor.
    alkali_number, noble_gas_number : float
        N_A, N_B.
    alkali_polarization, noble_gas_polarization : float
        p_A, p_B in (0, 1].

    Returns
    -------
    float
        ϱ, dimensionless.
    """
    return (alkali_larmor_coefficient * coupling / (noble_gas_larmor_coefficient * detuning)
            * math.sqrt(q * alkali_number * alkali_polarization
                        / (noble_gas_number * noble_gas_polarization)))


def squeezed_variance(variance, squeezing_db):
    """``variance · 10^(−dB/10)``: a quadrature variance squeezed by ``squeezing_db`` dB.

    Parameters
    ----------
    variance : float or array_like
        The unsqueezed variance, ≥ 0.
    squeezing_db : float or array_like
        Squeezing, dB, in [0, 100].

    Returns
    -------
    float or numpy.ndarray
        The squeezed variance.
    """
    require_range("squeezing_db", squeezing_db, 0.0, 100.0)
    require_nonnegative("variance", variance)
    return variance * 10.0 ** (-np.asarray(squeezing_db) / 10.0)


# --------------------------------------------------------------------------------------------
# The magnetometer
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class LockInStatistics:
    """Moments of M(T) from the exact linear model (:meth:`HybridMagnetometer.lock_in_statistics`).

    Parameters
    ----------
    integration_time : float
        T, s.
    mean : float
        ⟨M⟩ per unit field amplitude, T⁻¹, signed.
    initial_variance : float
        ⟨δM_init²⟩.
    noise_variance : float
        ⟨δM_F²⟩, including the alkali's direct noise, which G17 omits.
    drive_detuning : float
        ω − ω_B, rad/s.
    """

    integration_time: float
    mean: float
    initial_variance: float
    noise_variance: float
    drive_detuning: float

    @property
    def sensitivity_initial(self) -> float:
        """δB_init = ``√⟨δM_init²⟩/|⟨M⟩/B|`` (T)."""
        return math.sqrt(self.initial_variance) / abs(self.mean)

    @property
    def sensitivity_relaxation(self) -> float:
        """δB_F = ``√⟨δM_F²⟩/|⟨M⟩/B|`` (T)."""
        return math.sqrt(self.noise_variance) / abs(self.mean)


@dataclass(frozen=True)
class HybridMagnetometer:
    """Seed 002 Sec. VI C: projection-noise-limited sensitivity of the detuned hybrid sensor.

    Initial quadrature variances default to the thermal ``1/(4p)`` of Sec. VI B.

    Parameters
    ----------
    coupling : float
        J, s⁻¹, > 0.
    detuning : float
        Δ = ω_A − ω_B, rad/s, nonzero.
    alkali_decay_rate : float
        γ_A, s⁻¹, > 0.
    noble_gas_decay_rate : float
        γ_B, s⁻¹, ≥ 0.
    alkali_larmor_coefficient, noble_gas_larmor_coefficient : float
        g_A, g_B, rad s⁻¹ T⁻¹ (seed 002's ``ω̃ = gB``), nonzero.
    q : float
        Slowing-down factor, ≥ 1.
    alkali_number, noble_gas_number : float
        Atom numbers N_A, N_B, > 0.
    alkali_polarization, noble_gas_polarization : float
        p_A, p_B in (0, 1].

    Examples
    --------
    >>> m = HybridMagnetometer(coupling=3.0, detuning=300.0, alkali_decay_rate=1.0,
    ...                        noble_gas_decay_rate=1e-4, alkali_larmor_coefficient=100.0,
    ...                        noble_gas_larmor_coefficient=1.0, q=1.0, alkali_number=1.0,
    ...                        noble_gas_number=1e6)
    >>> round(m.dressed_decay_rate, 8)
    0.0002
    """

    coupling: float
    detuning: float
    alkali_decay_rate: float
    noble_gas_decay_rate: float
    alkali_larmor_coefficient: float
    noble_gas_larmor_coefficient: float
    q: float
    alkali_number: float
    noble_gas_number: float
    alkali_polarization: float = 1.0
    noble_gas_polarization: float = 1.0

    def __post_init__(self) -> None:
        require_positive("coupling", self.coupling, unit="s^-1")
        require_range("detuning", self.detuning, unit="rad/s")
        if self.detuning == 0:
            raise ValueError("detuning must be nonzero: App. G works in the detuned regime "
                             "|Δ| >> J")
        require_positive("alkali_decay_rate", self.alkali_decay_rate, unit="s^-1")
        require_nonnegative("noble_gas_decay_rate", self.noble_gas_decay_rate, unit="s^-1")
        for name in ("alkali_larmor_coefficient", "noble_gas_larmor_coefficient"):
            value = getattr(self, name)
            require_range(name, value, unit="rad s^-1 T^-1")
            if value == 0:
                raise ValueError(f"{name} must be nonzero")
        require_range("q", self.q, 1.0, math.inf)
        require_positive("alkali_number", self.alkali_number)
        require_positive("noble_gas_number", self.noble_gas_number)
        require_range("alkali_polarization", self.alkali_polarization, 0.0, 1.0,
                      low_inclusive=False)
        require_range("noble_gas_polarization", self.noble_gas_polarization, 0.0, 1.0,
                      low_inclusive=False)

    @classmethod
    def from_cell(cls, cell: NobleGasCell, detuning: float, *,
                  noble_gas_decay_rate: float | None = None) -> HybridMagnetometer:
        """The sensor built on ``cell``: J, γ = γ_A + D_Aπ²/R² (Sec. V), g_A, g_B, q, N = nV,
        p.

        Parameters
        ----------
        cell : NobleGasCell
            The cell.
        detuning : float
            Δ, rad/s, nonzero.
        noble_gas_decay_rate : float or None
            γ_B, s⁻¹; None: the cell's Eq. (3) rate.

        Returns
        -------
        HybridMagnetometer
            The sensor.
        """
        gamma_b = cell.noble_gas_relaxation_rate if noble_gas_decay_rate is None else \
            noble_gas_decay_rate
        return cls(coupling=cell.coupling_rate, detuning=detuning,
                   alkali_decay_rate=cell.alkali_decay_rate, noble_gas_decay_rate=gamma_b,
                   alkali_larmor_coefficient=cell.alkali_larmor_coefficient,
                   noble_gas_larmor_coefficient=cell.noble_gas_larmor_coefficient, q=cell.q,
                   alkali_number=cell.alkali_atom_number,
                   noble_gas_number=cell.noble_gas_atom_number,
                   alkali_polarization=cell.alkali_polarization,
                   noble_gas_polarization=cell.noble_gas_polarization)

    # -- rates -----------------------------------------------------------------------------

    @property
    def dressed_decay_rate(self) -> float:
        """γ̃_B = γ_B + J²γ_A/Δ², Eq. (G10)."""
        return dressed_noble_gas_decay_rate(self.coupling, self.detuning,
                                            self.alkali_decay_rate, self.noble_gas_decay_rate)

    @property
    def relative_alkali_response(self) -> float:
        """ϱ of Eq. (G15)."""
        return relative_alkali_response(
            self.coupling, self.detuning, self.alkali_larmor_coefficient,
            self.noble_gas_larmor_coefficient, self.q, self.alkali_number,
            self.noble_gas_number, self.alkali_polarization, self.noble_gas_polarization)

    def _variances(self, noble_gas_variance, alkali_variance, noble_gas_squeezing_db):
        v_b = 1.0 / (4.0 * self.noble_gas_polarization) if noble_gas_variance is None else \
            noble_gas_variance
        v_a = 1.0 / (4.0 * self.alkali_polarization) if alkali_variance is None else \
            alkali_variance
        require_nonnegative("noble_gas_variance", v_b)
        require_nonnegative("alkali_variance", v_a)
        return squeezed_variance(v_b, noble_gas_squeezing_db), v_a

    def _times(self, integration_time) -> np.ndarray:
        require_positive("integration_time", integration_time, unit="s")
        return np.asarray(integration_time, dtype=float)

    # -- Eqs. (G14), (G16), (G17) ----------------------------------------------------------

    def signal(self, integration_time, field_amplitude=1.0):
        """``|⟨M⟩| = J g_B √(N_B p_B) B (1 + ϱ)(γ̃T + e^{−γ̃T} − 1)/(8Δγ̃²T)`` (Eq. (G14);
        magnitude), for a field ``B cos ωt`` at the dressed noble-gas frequency.

        Parameters
        ----------
        integration_time : float or array_like
            T, s, > 0.
        field_amplitude : float
            B, T.

        Returns
        -------
        float or numpy.ndarray
            ``|⟨M⟩|``, dimensionless, the shape of ``integration_time``.
        """
        t = self._times(integration_time)
        g = self.dressed_decay_rate
        x = g * t
        ramp = x + np.expm1(-x)  # γ̃T + e^{−γ̃T} − 1 without cancellation
        return np.abs(self.coupling * self.noble_gas_larmor_coefficient
                      * math.sqrt(self.noble_gas_number * self.noble_gas_polarization)
                      * field_amplitude * (1.0 + self.relative_alkali_response)
                      * ramp / (8.0 * self.detuning * g**2 * t))

    def initial_noise(self, integration_time, noble_gas_variance=None, alkali_variance=None,
                      noble_gas_squeezing_db=0.0):
        """``√⟨δM_init²⟩ = J(1 − e^{−γ̃T})/(2|Δ|γ̃T) · √(⟨P_B²⟩ + (J²/Δ²)⟨P_A²⟩)`` (Eq. (G16)).

        Parameters
        ----------
        integration_time : float or array_like
            T, s, > 0.
        noble_gas_variance, alkali_variance : float or None
            ⟨ΔP_B²⟩, ⟨ΔP_A²⟩; None: ``1/(4p)``.
        noble_gas_squeezing_db : float
            Squeezing of ⟨ΔP_B²⟩, dB, in [0, 100].

        Returns
        -------
        float or numpy.ndarray
            The standard deviation, dimensionless, the shape of ``integration_time``.
        """
        t = self._times(integration_time)
        v_b, v_a = self._variances(noble_gas_variance, alkali_variance, noble_gas_squeezing_db)
        g = self.dressed_decay_rate
        ratio = self.coupling / abs(self.detuning)
        return ratio * (-np.expm1(-g * t)) / (2.0 * g * t) * np.sqrt(v_b + ratio**2 * v_a)

    def relaxation_noise(self, integration_time):
        """``√⟨δM_F²⟩ = J √(2γ̃T − 3 + 4e^{−γ̃T} − e^{−2γ̃T})/(4|Δ|γ̃T)`` (Eq. (G17), vacuum
        noise). The root's argument is evaluated as a series for γ̃T < 1e-2 (it is
        (2/3)(γ̃T)³ + … and cancels otherwise).

        Parameters
        ----------
        integration_time : float or array_like
            T, s, > 0.

        Returns
        -------
        float or numpy.ndarray
            The standard deviation, dimensionless, the shape of ``integration_time``.
        """
        t = self._times(integration_time)
        x = self.dressed_decay_rate * t
        series = (2.0 / 3.0) * x**3 - 0.5 * x**4 + (7.0 / 30.0) * x**5
        direct = 2.0 * x - 3.0 + 4.0 * np.exp(-x) - np.exp(-2.0 * x)
        argument = np.where(x < 1e-2, series, direct)
        return self.coupling * np.sqrt(argument) / (4.0 * abs(self.detuning) * x)

    # -- sensitivities, Eq. (41) and its limits ---------------------------------------------

    def sensitivity_initial(self, integration_time, noble_gas_variance=None,
                            alkali_variance=None, noble_gas_squeezing_db=0.0):
        """``δB_init = B √⟨δM_init²⟩/|⟨M⟩|`` from Eqs. (G14) and (G16).

        Parameters
        ----------
        integration_time : float or array_like
            T, s, > 0.
        noble_gas_variance, alkali_variance : float or None
            ⟨ΔP_B²⟩, ⟨ΔP_A²⟩; None: ``1/(4p)``.
        noble_gas_squeezing_db : float
            Squeezing of ⟨ΔP_B²⟩, dB, in [0, 100].

        Returns
        -------
        float or numpy.ndarray
            δB, T, the shape of ``integration_time``.
        """
        return self.initial_noise(integration_time, noble_gas_variance, alkali_variance,
                                  noble_gas_squeezing_db) / self.signal(integration_time)

    def sensitivity_relaxation(self, integration_time):
        """``δB_F = B √⟨δM_F²⟩/|⟨M⟩|`` from Eqs. (G14) and (G17).

        Parameters
        ----------
        integration_time : float or array_like
            T, s, > 0.

        Returns
        -------
        float or numpy.ndarray
            δB, T, the shape of ``integration_time``.
        """
        return self.relaxation_noise(integration_time) / self.signal(integration_time)

    def sensitivity_total(self, integration_time, noble_gas_variance=None, alkali_variance=None,
                          noble_gas_squeezing_db=0.0):
        """``δB_tot = √(δB_init² + δB_F²)``, Eq. (41).

        Parameters
        ----------
        integration_time : float or array_like
            T, s, > 0.
        noble_gas_variance, alkali_variance : float or None
            ⟨ΔP_B²⟩, ⟨ΔP_A²⟩; None: ``1/(4p)``.
        noble_gas_squeezing_db : float
            Squeezing of ⟨ΔP_B²⟩, dB, in [0, 100].

        Returns
        -------
        float or numpy.ndarray
            δB, T, the shape of ``integration_time``.
        """
        return np.hypot(self.sensitivity_initial(integration_time, noble_gas_variance,
                                                 alkali_variance, noble_gas_squeezing_db),
                        self.sensitivity_relaxation(integration_time))

    def _projection_scale(self) -> float:
        return abs(self.noble_gas_larmor_coefficient) * math.sqrt(
            self.noble_gas_number * self.noble_gas_polarization)

    def sensitivity_initial_short_time(self, integration_time, noble_gas_variance=None,
                                       alkali_variance=None, noble_gas_squeezing_db=0.0):
        """``γ̃T ≪ 1`` limit of G14 + G16: ``8√(⟨P_B²⟩ + J²⟨P_A²⟩/Δ²)/(g_B T √(N_B p_B)|1 + ϱ|)``;
        Eq. (42) is this with ϱ → 0 (see :meth:`sensitivity_initial_short_time_paper`).

        Parameters
        ----------
        integration_time, noble_gas_variance, alkali_variance, noble_gas_squeezing_db
            As for :meth:`sensitivity_initial`.

        Returns
        -------
        float or numpy.ndarray
            δB, T, the shape of ``integration_time``.
        """
        return self.sensitivity_initial_short_time_paper(
            integration_time, noble_gas_variance, alkali_variance, noble_gas_squeezing_db
        ) / abs(1.0 + self.relative_alkali_response)

    def sensitivity_initial_short_time_paper(self, integration_time, noble_gas_variance=None,
                                             alkali_variance=None, noble_gas_squeezing_db=0.0):
        """Eq. (42) as printed: ``(8/(g_B T)) √((⟨ΔP_B²⟩ + J²⟨ΔP_A²⟩/Δ²)/(N_B p_B))``.

        Parameters
        ----------
        integration_time, noble_gas_variance, alkali_variance, noble_gas_squeezing_db
            As for :meth:`sensitivity_initial`.

        Returns
        -------
        float or numpy.ndarray
            δB, T, the shape of ``integration_time``.
        """
        t = self._times(integration_time)
        v_b, v_a = self._variances(noble_gas_variance, alkali_variance, noble_gas_squeezing_db)
        ratio2 = (self.coupling / self.detuning) ** 2
        return 8.0 * np.sqrt(v_b + ratio2 * v_a) / (self._projection_scale() * t)

    def sensitivity_relaxation_long_time(self, integration_time):
        """``γ̃T ≫ 1`` limit of G14 + G17: ``(2√2/(g_B|1 + ϱ|)) √(γ̃_B/(T N_B p_B))``.

        Eq. (43) prints the prefactor 1/(8 g_B) instead (16√2 ≈ 22.6 times smaller).

        Parameters
        ----------
        integration_time : float or array_like
            T, s, > 0.

        Returns
        -------
        float or numpy.ndarray
            δB, T, the shape of ``integration_time``.
        """
        t = self._times(integration_time)
        return 2.0 * math.sqrt(2.0) * np.sqrt(self.dressed_decay_rate / t) / (
            self._projection_scale() * abs(1.0 + self.relative_alkali_response))

    def sensitivity_relaxation_long_time_paper(self, integration_time):
        """Eq. (43) as printed: ``(1/(8 g_B)) √(γ̃_B/(T N_B p_B))`` (inconsistent with
        G14 + G17; see :meth:`sensitivity_relaxation_long_time`).

        Parameters
        ----------
        integration_time : float or array_like
            T, s, > 0.

        Returns
        -------
        float or numpy.ndarray
            δB, T, the shape of ``integration_time``.
        """
        t = self._times(integration_time)
        return np.sqrt(self.dressed_decay_rate / t) / (8.0 * self._projection_scale())

    def crossover_time(self, noble_gas_variance=None, alkali_variance=None,
                       noble_gas_squeezing_db=0.0) -> float:
        """The integration time (s) where δB_init = δB_F (Eqs. (G14), (G16), (G17)).

        δB_init falls as 1/T at all T and δB_F as 1/√T, so the root is unique.

        Parameters
        ----------
        noble_gas_variance, alkali_variance, noble_gas_squeezing_db
            As for :meth:`sensitivity_initial`.

        Returns
        -------
        float
            T, s.
        """
        g = self.dressed_decay_rate

        def log_ratio(log_x: float) -> float:
            t = math.exp(log_x) / g
            return math.log(float(self.initial_noise(t, noble_gas_variance, alkali_variance,
                                                     noble_gas_squeezing_db))
                            / float(self.relaxation_noise(t)))

        return math.exp(scipy.optimize.brentq(log_ratio, math.log(1e-12), math.log(1e12),
                                              xtol=1e-12)) / g

    # -- exact moments of M(T) -------------------------------------------------------------

    def rotating_frame_matrix(self, drive_detuning: float) -> np.ndarray:
        """Homogeneous part of Eq. (G1) in the frame rotating at ω = ω_B + ``drive_detuning``.

        Parameters
        ----------
        drive_detuning : float
            ω − ω_B, rad/s.

        Returns
        -------
        numpy.ndarray
            M_r, shape (2, 2), complex, s⁻¹, order (a, b).
        """
        d = drive_detuning
        return np.array([[1j * (self.detuning - d) - self.alkali_decay_rate, -1j * self.coupling],
                         [-1j * self.coupling, -1j * d - self.noble_gas_decay_rate]])

    def dressed_resonance(self) -> float:
        """ω − ω_B at the exact dressed noble-gas resonance (Im of the eigenvalue of Eq. (G1)
        nearest ω_B); ≈ −J²/Δ (Eq. (G10)).

        Returns
        -------
        float
            ω − ω_B, rad/s.
        """
        eigenvalues = np.linalg.eigvals(self.rotating_frame_matrix(0.0))
        return float(eigenvalues[np.argmin(np.abs(eigenvalues.imag))].imag)

    def lock_in_statistics(self, integration_time: float, *, drive_detuning: float | None = None,
                           initial_variances=None, alkali_noise_occupation: float = 0.0,
                           noble_gas_noise_occupation: float = 0.0) -> LockInStatistics:
        """Mean and variances of M(T), Eq. (40), for the linear Langevin model (G1), exactly.

        Frame rotating at the drive frequency ω (default: the exact dressed resonance); RWA
        on the drive (``B cos ωt → B e^{iωt}/2``) and on the lock-in
        (``M = −(1/2T)∫₀ᵀ Im ã dt``), nothing else. Writing ``E(u) = ∫₀ᵘ e^{M_r t} dt``:

        * ⟨M⟩ = −Im[(∫₀ᵀ E(t) dt) s]_a / (2T) with sources
          ``s = (i g_A√(qN_Ap_A), i g_B√(N_Bp_B))/4`` per unit field;
        * ⟨δM_init²⟩ = Σ_χ (Im E_aχ(T)² ⟨ΔX_χ²⟩ + Re E_aχ(T)² ⟨ΔP_χ²⟩)/(4T²);
        * ⟨δM_F²⟩ = Σ_χ 2γ_χ(1 + 2n̄_χ) ∫₀ᵀ ``|E_aχ(u)|²`` du /(16T²), white noise with
          ⟨F F†⟩ = 2γ(1 + n̄)δ, ⟨F†F⟩ = 2γn̄δ (vacuum for n̄ = 0, as G17 assumes).

        The integrals are closed forms in ``e^{M_r T}`` and ``M_r⁻¹`` (``γ_A > 0`` makes M_r
        invertible and stable), the Gramian from a Lyapunov equation.

        Parameters
        ----------
        integration_time : float
            T, s, > 0.
        drive_detuning : float or None
            ω − ω_B, rad/s; None: :meth:`dressed_resonance`.
        initial_variances : array_like or None
            (⟨ΔX_A²⟩, ⟨ΔP_A²⟩, ⟨ΔX_B²⟩, ⟨ΔP_B²⟩), shape (4,); None: 1/(4p) each.
        alkali_noise_occupation, noble_gas_noise_occupation : float
            n̄_A, n̄_B of the Langevin noise, ≥ 0.

        Returns
        -------
        LockInStatistics
            ⟨M⟩ per unit field and the two variances.
        """
        require_positive("integration_time", integration_time, unit="s")
        require_nonnegative("alkali_noise_occupation", alkali_noise_occupation)
        require_nonnegative("noble_gas_noise_occupation", noble_gas_noise_occupation)
        t = float(integration_time)
        d = self.dressed_resonance() if drive_detuning is None else float(drive_detuning)
        if initial_variances is None:
            v_a, v_b = 1 / (4 * self.alkali_polarization), 1 / (4 * self.noble_gas_polarization)
            initial_variances = (v_a, v_a, v_b, v_b)
        variances = np.asarray(initial_variances, dtype=float)
        if variances.shape != (4,):
            raise ValueError("initial_variances must be (<dX_A^2>, <dP_A^2>, <dX_B^2>, <dP_B^2>)"
                             f"; received shape {variances.shape}")
        require_nonnegative("initial_variances", variances)
        m = self.rotating_frame_matrix(d)
        eye = np.eye(2)
        propagator = scipy.linalg.expm(m * t)
        e_t = np.linalg.solve(m, propagator - eye)  # E(T) = M⁻¹(e^{MT} − 1)
        double = np.linalg.solve(m, e_t - t * eye)  # ∫₀ᵀ E(u) du
        sources = 0.25j * np.array([
            self.alkali_larmor_coefficient * math.sqrt(
                self.q * self.alkali_number * self.alkali_polarization),
            self.noble_gas_larmor_coefficient * math.sqrt(
                self.noble_gas_number * self.noble_gas_polarization)])
        mean = -(double @ sources)[0].imag / (2.0 * t)
        row = e_t[0]
        initial = (row.imag**2 * variances[0::2] + row.real**2 * variances[1::2]).sum() / (
            4.0 * t**2)
        weights = np.diag(2.0 * np.array([
            self.alkali_decay_rate * (1.0 + 2.0 * alkali_noise_occupation),
            self.noble_gas_decay_rate * (1.0 + 2.0 * noble_gas_noise_occupation)]))
        # G = ∫₀ᵀ e^{Mu} W e^{M†u} du solves M G + G M† = e^{MT} W e^{M†T} − W, and
        # ∫₀ᵀ E W E† du = M⁻¹ (G − E(T) W − W E(T)† + T W) M⁻†.
        gramian = scipy.linalg.solve_continuous_lyapunov(
            m, propagator @ weights @ propagator.conj().T - weights)
        inner = gramian - e_t @ weights - weights @ e_t.conj().T + t * weights
        left = np.linalg.solve(m, inner)
        covariance = np.linalg.solve(m.conj(), left.T).T  # M⁻¹ (inner) M⁻†
        noise = covariance[0, 0].real / (16.0 * t**2)
        return LockInStatistics(t, float(mean), float(initial), float(noise), d)
