"""Open systems with closed-form answers: states in the basis (|0⟩, |1⟩, ...) as named."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import scipy.integrate

from spinthermo.core.spin import SIGMA_MINUS, SIGMA_X, SIGMA_Z  # |0⟩ = excited

EXCITED = np.diag([1.0, 0.0]).astype(complex)


@dataclass(frozen=True)
class DecayingQubit:
    """Spontaneous decay at γ (s⁻¹) from |0⟩ with a level splitting ω (rad/s):
    ρ_00(t) = e^{−γt}, ρ_ss = |1⟩⟨1|."""

    gamma: float = 2.0
    omega: float = 3.0
    mean_field: tuple = ()
    linear: bool = True

    @property
    def hamiltonian(self):
        return 0.5 * self.omega * SIGMA_Z

    @property
    def c_ops(self):
        return [np.sqrt(self.gamma) * SIGMA_MINUS]

    @property
    def rho0(self):
        return np.array([1.0, 1.0]) / np.sqrt(2.0)   # a ket: coherences decay at γ/2

    def steady_state(self):
        return np.diag([0.0, 1.0]).astype(complex)

    def state(self, t):
        p = 0.5 * np.exp(-self.gamma * t)
        c = 0.5 * np.exp(-(0.5 * self.gamma + 1j * self.omega) * t)
        return np.array([[p, c], [np.conj(c), 1 - p]])


@dataclass(frozen=True)
class DrivenDampedQubit:
    """Rabi drive Ω (rad/s) at detuning Δ with decay γ, H = Ω/2 σ_x + Δ/2 σ_z: the optical
    Bloch equations give ρ_00 = (Ω²/4)/D and ρ_01 = −(Ω/2)(Δ + iγ/2)/D with
    D = Δ² + γ²/4 + Ω²/2."""

    gamma: float = 2.0
    rabi: float = 1.5
    detuning: float = 0.7
    mean_field: tuple = ()
    linear: bool = True

    @property
    def hamiltonian(self):
        return 0.5 * self.rabi * SIGMA_X + 0.5 * self.detuning * SIGMA_Z

    @property
    def c_ops(self):
        return [np.sqrt(self.gamma) * SIGMA_MINUS]

    @property
    def rho0(self):
        return np.diag([0.0, 1.0]).astype(complex)

    def steady_state(self):
        g, om, de = self.gamma, self.rabi, self.detuning
        denom = de ** 2 + g ** 2 / 4 + om ** 2 / 2
        excited = om ** 2 / 4 / denom
        coherence = -om * (de + 0.5j * g) / 2 / denom   # ρ_01 = ⟨0|ρ|1⟩
        return np.array([[excited, coherence], [np.conj(coherence), 1 - excited]])

    state = None


@dataclass(frozen=True)
class LambdaDarkState:
    """Three levels |g1⟩, |g2⟩, |e⟩ driven on two-photon resonance by Ω1, Ω2; |e⟩ decays to
    both ground states. The steady state is the pure dark state ∝ Ω2|g1⟩ − Ω1|g2⟩."""

    rabi1: float = 1.0
    rabi2: float = 0.6
    gamma: float = 3.0
    detuning: float = 0.4
    mean_field: tuple = ()
    linear: bool = True

    @property
    def hamiltonian(self):
        h = np.zeros((3, 3), dtype=complex)
        h[2, 0] = h[0, 2] = 0.5 * self.rabi1
        h[2, 1] = h[1, 2] = 0.5 * self.rabi2
        h[2, 2] = -self.detuning
        return h

    @property
    def c_ops(self):
        out = []
        for g in (0, 1):
            op = np.zeros((3, 3), dtype=complex)
            op[g, 2] = np.sqrt(0.5 * self.gamma)
            out.append(op)
        return out

    @property
    def rho0(self):
        return np.diag([0.5, 0.5, 0.0]).astype(complex)

    def steady_state(self):
        dark = np.array([self.rabi2, -self.rabi1, 0.0]) / np.hypot(self.rabi1, self.rabi2)
        return np.outer(dark, dark).astype(complex)

    state = None


@dataclass(frozen=True)
class StimulatedPumpingToy:
    """A mean-field toy: a qubit pumped up at w0 + g⟨P_0⟩ and decaying at γ,
    dp/dt = (w0 + g p)(1 − p) − γ p for p = ρ_00, written as D[σ+] scaled by ⟨P_0⟩."""

    w0: float = 0.5
    g: float = 4.0
    gamma: float = 2.0
    linear: bool = False
    extra: dict = field(default_factory=dict)

    @property
    def hamiltonian(self):
        return 0.8 * SIGMA_Z

    @property
    def c_ops(self):
        return [np.sqrt(self.gamma) * SIGMA_MINUS, np.sqrt(self.w0) * SIGMA_MINUS.T]

    @property
    def mean_field(self):
        import spinthermo as st
        from spinthermo.core.superop import lindblad_dissipator

        return (st.MeanField(observable=EXCITED,
                             superoperator=self.g * lindblad_dissipator(SIGMA_MINUS.T)),)

    @property
    def rho0(self):
        return np.diag([0.1, 0.9]).astype(complex)

    def excited_population(self):
        b = self.g - self.w0 - self.gamma
        return (b + np.sqrt(b * b + 4 * self.g * self.w0)) / (2 * self.g)

    def steady_state(self):
        p = self.excited_population()
        return np.diag([p, 1 - p]).astype(complex)

    def state(self, t):
        """ρ(t) from the scalar population ODE (coherences stay zero)."""
        sol = scipy.integrate.solve_ivp(
            lambda _t, p: (self.w0 + self.g * p) * (1 - p) - self.gamma * p, (0.0, t),
            [0.1], rtol=1e-12, atol=1e-14)
        p = sol.y[0, -1]
        return np.diag([p, 1 - p]).astype(complex)


SYSTEMS = {
    "decaying-qubit": DecayingQubit(),
    "driven-damped-qubit": DrivenDampedQubit(),
    "lambda-dark-state": LambdaDarkState(),
    "stimulated-pumping-toy": StimulatedPumpingToy(),
}
