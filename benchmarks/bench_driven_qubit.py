"""Seed 001's driven open qubit: heat and work in three frameworks on 10⁴ time points.

Ours: the closed-form Floquet–Lindblad solution (exact ρ, ρ̇, H, Ḣ) and
``spinthermo.thermo.first_law_rates``. Peer: QuTiP's ``mesolve`` of the lab-frame,
time-dependent Lindblad equation (H(t) and the jump operators L_k(t) = P(t) L̄_k P(t)† as
``QobjEvo``), at rtol 1e-8 / atol 1e-10, then NumPy post-processing as a QuTiP user writes it:
ρ̇ from the Lindblad right-hand side, Ḣ analytic, and the three splits from batched
eigendecompositions. Both start from the thermal state of the bare atom.

Why this peer is fair: the equation is a time-dependent Lindblad equation in the lab frame,
and ``mesolve`` is QuTiP's solver for it; QuTiP's Floquet tools (``fmmesolve``) solve a
different (Floquet–Markov) dissipator, so they would not be the same work. The tolerances are
the ones at which the first-law splits agree with the closed form to the stated limit.
"""

from __future__ import annotations

import numpy as np

from spinthermo.benchmarking import BenchTask
from spinthermo.models.driven_qubit import DrivenQubit, trajectory
from spinthermo.thermo import first_law_rates

N_TIMES = 10_000
#: Heat rates of the two computations, relative to max|dU/dt|: mesolve at rtol 1e-8.
AGREEMENT_LIMIT = 1e-5
FRAMEWORKS = ("conventional", "hamiltonian", "entropy")


def _setup():
    model = DrivenQubit.from_rates()
    times = np.linspace(0.0, 10.0 / model.population_decay_rate, N_TIMES)
    rho0 = model.thermal_state(0.05)
    return model, times, rho0


def _ours(model, times, rho0):
    def run():
        t, rho, rho_dot, h, h_dot = trajectory(model, times, rho0)
        rates = first_law_rates(t, rho, h, rho_dot, h_dot)
        return {x: np.asarray(rates.heat_rate[x]) for x in FRAMEWORKS} | {
            "du": np.asarray(rates.internal_energy_rate)}
    return run


def _lindblad_rhs(rho, h, jumps, rates):
    out = -1j * (h @ rho - rho @ h)
    for jump, rate in zip(jumps, rates, strict=True):
        jd = np.conj(np.swapaxes(jump, -1, -2))
        out = out + rate * (jump @ rho @ jd - 0.5 * (jd @ jump @ rho + rho @ jd @ jump))
    return out


def _peer(model, times, rho0):
    import qutip

    omega0, omega_l, rabi = model.omega0, model.omega_l, model.rabi
    sp = qutip.Qobj(np.array([[0, 1], [0, 0]], dtype=complex))  # |e⟩⟨g|, basis (e, g)
    sz = qutip.Qobj(np.diag([1.0, -1.0]).astype(complex))
    h = qutip.QobjEvo([0.5 * omega0 * sz, [0.5 * rabi * sp, f"exp(-1j*{omega_l}*t)"],
                       [0.5 * rabi * sp.dag(), f"exp(1j*{omega_l}*t)"]])
    c_ops = []
    for op, rate in zip(model.jump_operators_rotating, model.rates, strict=True):
        op = np.sqrt(rate) * op
        diagonal = qutip.Qobj(np.diag(np.diag(op)))
        upper = qutip.Qobj(np.triu(op, 1))  # ⟨e|·|g⟩ picks up e^{−iωL t} under P(t)
        lower = qutip.Qobj(np.tril(op, -1))
        c_ops.append(qutip.QobjEvo([diagonal, [upper, f"exp(-1j*{omega_l}*t)"],
                                    [lower, f"exp(1j*{omega_l}*t)"]]))

    def run():
        result = qutip.mesolve(h, qutip.Qobj(rho0), times, c_ops,
                               options={"rtol": 1e-8, "atol": 1e-10, "method": "adams",
                                        "nsteps": 10**6})
        rho = np.array([s.full() for s in result.states])
        phase = np.exp(-1j * omega_l * times)
        ham = np.zeros((times.size, 2, 2), dtype=complex)
        ham[:, 0, 0], ham[:, 1, 1] = 0.5 * omega0, -0.5 * omega0
        ham[:, 0, 1], ham[:, 1, 0] = 0.5 * rabi * phase, 0.5 * rabi * phase.conj()
        ham_dot = np.zeros_like(ham)
        ham_dot[:, 0, 1] = -0.5j * omega_l * rabi * phase
        ham_dot[:, 1, 0] = ham_dot[:, 0, 1].conj()
        micro = np.zeros_like(ham)
        micro[:, 0, 0], micro[:, 1, 1] = np.exp(-0.5j * omega_l * times), \
            np.exp(0.5j * omega_l * times)
        jumps = [micro @ op @ np.conj(np.swapaxes(micro, -1, -2))
                 for op in model.jump_operators_rotating]
        rho_dot = _lindblad_rhs(rho, ham, jumps, model.rates)
        du = np.einsum("tij,tji->t", rho_dot, ham).real + np.einsum("tij,tji->t", rho,
                                                                     ham_dot).real
        _, vectors = np.linalg.eigh(ham)
        populations = np.einsum("tki,tkl,tli->ti", vectors.conj(), rho, vectors).real
        level_rates = np.einsum("tki,tkl,tli->ti", vectors.conj(), ham_dot, vectors).real
        hb_work = np.sum(populations * level_rates, axis=1)
        _, rvec = np.linalg.eigh(rho)
        lam_dot = np.einsum("tki,tkl,tli->ti", rvec.conj(), rho_dot, rvec).real
        h_diag = np.einsum("tki,tkl,tli->ti", rvec.conj(), ham, rvec).real
        return {"conventional": np.einsum("tij,tji->t", ham, rho_dot).real,
                "hamiltonian": du - hb_work,
                "entropy": np.sum(lam_dot * h_diag, axis=1), "du": du}
    return run


def _agreement(ours, peer):
    scale = np.max(np.abs(ours["du"]))
    return float(max(np.max(np.abs(ours[x] - peer[x])) for x in FRAMEWORKS) / scale)


def tasks(quick: bool) -> list[BenchTask]:
    model, times, rho0 = _setup()
    return [
        BenchTask("driven-qubit-first-law", ours=_ours(model, times, rho0),
                  peer=_peer(model, times, rho0),
                  peer_name="qutip.mesolve (lab frame) + NumPy first laws",
                  agreement=_agreement, agreement_limit=AGREEMENT_LIMIT,
                  target=">= 10x QuTiP", target_check=lambda _o, _p, ratio: ratio >= 10),
    ]
