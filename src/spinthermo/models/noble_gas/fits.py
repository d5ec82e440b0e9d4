"""Fits to the stochastic collision simulation of seed 002 (Sec. III C–D, Eqs. 7–9, Fig. 2).

Katz, Shaham & Firstenberg, PRX Quantum 3, 010305 (2022). The simulation of
:mod:`.stochastic` records fidelities, amplitudes and the leakage ε² onto non-symmetric
states; these functions extract the numbers the paper states about them:

* :func:`fit_decay_alpha` — α of the decay γ_A = α⟨φ²⟩/4τ (Sec. III C, Fig. 2(a));
* :func:`fit_leakage_rate` — Γ of ε² = Γ∫(F_10 + (N_A/N_B)F_01)dt (Eqs. 7–9, App. A;
  Figs. 2(a), (c));
* :func:`fit_oscillation_rate` — the exchange frequency 2J of Eq. (8) (Fig. 2(c)).
"""

from __future__ import annotations

import numpy as np
import scipy.optimize

from spinthermo.models.noble_gas.stochastic import (
    StochasticCollisionModel,
    collective_hamiltonian,
)

__all__ = ["decay_alpha_amplitudes", "fit_decay_alpha", "fit_leakage_rate",
           "fit_oscillation_rate"]


def _two_level_amplitudes(h: np.ndarray, gamma_a: float, gamma_b: float,
                          steps: np.ndarray) -> np.ndarray:
    """Amplitudes (T, 2) on ``|1_A0_B⟩``, ``|0_A1_B⟩`` from ``|1_A0_B⟩`` under −iH̄ − diag(γ_A, γ_B).

    The collective-mode form of the stochastic dynamics (seed 002 Secs. III C–D): H̄ is the
    mean Hamiltonian per step (:func:`collective_hamiltonian`), γ_A, γ_B amplitude decay rates
    per step.
    """
    generator = -1j * h - np.diag([gamma_a, gamma_b])
    evals, evecs = np.linalg.eig(generator)
    coeffs = np.linalg.solve(evecs, np.array([1.0, 0.0], dtype=complex))
    return (evecs[None] * (np.exp(np.multiply.outer(steps, evals)) * coeffs)[:, None, :]).sum(-1)


def _decay_model(model: StochasticCollisionModel) -> tuple[np.ndarray, float, float]:
    """(H̄ per step, N_A/N_B, ⟨φ²⟩/4): the constants of γ_A = α⟨φ²⟩/4τ and γ_B = (N_A/N_B)γ_A."""
    _, h = collective_hamiltonian(model, 1)
    return h, model.n_alkali / model.n_noble, model.mean_square_phase / 4.0


def _alpha_amplitudes(h: np.ndarray, ratio: float, scale: float, alpha: float,
                      steps: np.ndarray) -> np.ndarray:
    return _two_level_amplitudes(h, alpha * scale, ratio * alpha * scale, steps)


def decay_alpha_amplitudes(model: StochasticCollisionModel, steps: np.ndarray,
                           alpha: float) -> np.ndarray:
    """Amplitudes (T, 2) on ``|1_A0_B⟩``, ``|0_A1_B⟩`` at ``steps`` for the decay constant
    ``alpha``: the curve :func:`fit_decay_alpha` fits (seed 002 Sec. III C, Fig. 2(a)),
    γ_A = α⟨φ²⟩/4τ on the alkali and (N_A/N_B)γ_A on the noble gas.

    Parameters
    ----------
    model : StochasticCollisionModel
        The simulated ensemble (H̄, N_A/N_B, ⟨φ²⟩).
    steps : numpy.ndarray
        Collision steps (units of τ), shape (T,).
    alpha : float
        The decay constant α, dimensionless.

    Returns
    -------
    numpy.ndarray
        Complex amplitudes, shape (T, 2).
    """
    return _alpha_amplitudes(*_decay_model(model), alpha, steps)


def fit_decay_alpha(model: StochasticCollisionModel, steps: np.ndarray, f10: np.ndarray,
                    f01: np.ndarray, amplitudes: bool = False) -> float:
    """α of γ_A = α⟨φ²⟩/4τ (seed 002 Sec. III C, Fig. 2(a)) fitted to trajectory-averaged data.

    The symmetric amplitudes evolve under the mean Hamiltonian H̄ (Eq. 8 with the residual
    detuning) with amplitude decay γ_A on the alkali and (N_A/N_B)γ_A on the noble gas (each
    noble-gas spin collides N_A/N_B times as often). With ``amplitudes=False`` ``f10``, ``f01``
    are the averaged fidelities F_10, F_01, compared with ``|amplitude|²``; with ``amplitudes=True``
    they are the averaged complex amplitudes (the mean field ⟨a⟩, ⟨b⟩ of a coherent
    superposition). One-parameter least squares over the whole record.

    Parameters
    ----------
    model : StochasticCollisionModel
        The simulated ensemble.
    steps : numpy.ndarray
        Collision steps (units of τ), shape (T,).
    f10, f01 : numpy.ndarray
        Averaged fidelities (or complex amplitudes), shape (T,).
    amplitudes : bool
        Whether ``f10``, ``f01`` are amplitudes rather than fidelities.

    Returns
    -------
    float
        α, dimensionless, in [0, 4].
    """
    h, ratio, scale = _decay_model(model)

    def cost(alpha: float) -> float:
        amp = _alpha_amplitudes(h, ratio, scale, alpha, steps)
        if amplitudes:
            return float(np.sum(np.abs(amp[:, 0] - f10) ** 2 + np.abs(amp[:, 1] - f01) ** 2))
        return float(np.sum((np.abs(amp[:, 0]) ** 2 - f10) ** 2
                            + (np.abs(amp[:, 1]) ** 2 - f01) ** 2))

    res = scipy.optimize.minimize_scalar(cost, bounds=(0.0, 4.0), method="bounded",
                                         options={"xatol": 1e-6})
    return float(res.x)


def fit_leakage_rate(steps: np.ndarray, leakage: np.ndarray, f10: np.ndarray,
                     f01: np.ndarray, ratio: float, max_leakage: float = 0.1) -> float:
    """Γ of ε² = Γ ∫₀ᵗ (F_10 + (N_A/N_B) F_01) dt' (seed 002 Eqs. 7–9, App. A; per step).

    Fitted to the leakage ε² of Fig. 2(a) (averaged) and Fig. 2(c) (one trajectory).

    The weight on non-symmetric states grows at Γ per unit symmetric alkali weight and at
    (N_A/N_B)Γ per unit noble-gas weight (:attr:`StochasticCollisionModel.leakage_rate`); the
    integral makes the estimate valid beyond Jt ≪ 1. Least squares through the origin on the
    records with leakage ≤ ``max_leakage`` (first order: the return flux is neglected).

    Parameters
    ----------
    steps : numpy.ndarray
        Collision steps (units of τ), shape (T,).
    leakage : numpy.ndarray
        ε², shape (T,).
    f10, f01 : numpy.ndarray
        Fidelities F_10, F_01, shape (T,).
    ratio : float
        N_A/N_B.
    max_leakage : float
        Largest ε² used in the fit.

    Returns
    -------
    float
        Γ, per step (units of 1/τ).
    """
    weight = f10 + ratio * f01
    exposure = np.concatenate([[0.0], np.cumsum(0.5 * (weight[1:] + weight[:-1])
                                                * np.diff(steps))])
    use = leakage <= max_leakage
    use[0] = False
    x, y = exposure[use], leakage[use]
    return float(np.dot(x, y) / np.dot(x, x))


def fit_oscillation_rate(jt: np.ndarray, fidelity: np.ndarray) -> float:
    """Angular frequency (in units of the J of ``jt``) of the oscillation of ``fidelity``.

    Seed 002 Fig. 2(c): the collective exchange oscillates at 2J, 2J = √(N_A/N_B)⟨φ⟩/τ (Eq. 8).

    Guess from the zero-padded spectrum, then least squares on c₀ + c₁e^{−κt}cos(ωt + ψ).
    Independent of Eq. (8): only the recorded curve enters.

    Parameters
    ----------
    jt : numpy.ndarray
        Times in units of 1/J, evenly spaced, shape (T,).
    fidelity : numpy.ndarray
        The oscillating record, shape (T,).

    Returns
    -------
    float
        The angular frequency ω ≥ 0, in units of J.
    """
    y = fidelity - fidelity.mean()
    n = 16 * y.size
    spectrum = np.abs(np.fft.rfft(y, n))
    freqs = 2 * np.pi * np.fft.rfftfreq(n, d=jt[1] - jt[0])
    guess = freqs[1 + int(np.argmax(spectrum[1:]))]

    def model(t, c0, c1, omega, psi, kappa):
        return c0 + c1 * np.exp(-kappa * t) * np.cos(omega * t + psi)

    popt, _ = scipy.optimize.curve_fit(model, jt, fidelity,
                                       p0=[fidelity.mean(), 0.5, guess, 0.0, 0.0])
    return float(abs(popt[2]))
