"""Seed 004's D1-pumped Cs atom: spinthermo's effective equation against QuTiP's full one.

The peer builds the full equation, Eqs. (1)–(9), itself with QuTiP operators on
orbital ⊗ J ⊗ I (|s⟩, |p⟩ ⊗ |m_J = ±½⟩ ⊗ |m_I⟩; 32 levels for Cs, a 1024 × 1024 Liouvillian):
the σ⁺ coupling Ω(|S,−½⟩⟨P,+½| + h.c.) ⊗ 1_I, the hyperfine energies of the rotating frame
(ground a: Δ_S, ground b: 0, excited a: Δ, excited b: Δ − Δ_P) from the eigenprojectors of I·J,
the ground Zeeman term M ω_F (ω_a = −ω_b = ω_L), quenching by A_0, A_±1 at Γ_pb, electron-spin
relaxation γ Σ_k D[S_k] and the mean-field spin-exchange terms of Eq. (7). Every frequency of
the paper is a regular frequency (Hz) and is multiplied by 2π. The spin-exchange terms carry
the prefactor γ_se, as in spinthermo's model: with the extracted text's ½γ_se they would not
conserve ⟨S⟩ together with the γ_se part of the relaxation, which the paper states they do.
The mean field ⟨S_z⟩, ⟨S_±⟩ enters through iterated ``steadystate`` calls, as for seed 000 in
``bench_alkali.py``; both sides build their equation inside the timed call.

Ours solves the effective ground-state equation, Eq. (18), in the subspace of populations that
σ light along B leaves invariant (the paper's rate-equation reduction, exact for the steady
state: 2(2I+1) unknowns instead of the full equation's 4(4I+2)²); it approximates the full
equation in the weak-driving regime Ω ≪ Γ_pb (Ω/Γ_pb ≈ 7e-3 here); the two ⟨S_z⟩ agree to
~3e-7, and the peer agrees with spinthermo's own full treatment
(``PumpedAtom(p, "full")``) to ~1e-10.
"""

from __future__ import annotations

import numpy as np

from spinthermo.benchmarking import BenchTask
from spinthermo.models.light_shift import (
    ELECTRON_GYROMAGNETIC_HZ_PER_GAUSS,
    LightShiftParameters,
    PumpedAtom,
)

TWO_PI = 2 * np.pi
#: Mean-field convergence of the peer's iteration: max |Δ⟨S⟩| between iterates.
MEAN_FIELD_TOL = 1e-10
#: Agreement limit on ⟨S_z⟩ (the issue's): effective (ours) against full (peer) equation.
NESS_LIMIT = 1e-3


def _parameters() -> LightShiftParameters:
    """The paper's 100-torr N₂ parameters (the defaults) at Δ = 0."""
    return LightShiftParameters(detuning_hz=0.0)


class QutipFullLightShift:
    """Eqs. (1)–(9) for a σ⁺-pumped alkali atom written with QuTiP only (the peer).

    ``nuclear_spin``, ``splitting_s_hz`` (Δ_S), ``splitting_p_hz`` (Δ_P) give the atom; the other
    arguments are the paper's parameters in Hz (B in gauss).
    """

    def __init__(self, nuclear_spin, splitting_s_hz, splitting_p_hz, rabi_hz, detuning_hz,
                 pressure_broadening_hz, relaxation_hz, spin_exchange_hz, field_gauss):
        import qutip

        self.qutip = qutip
        d_i = round(2 * nuclear_spin + 1)
        one_i, one_j = qutip.qeye(d_i), qutip.qeye(2)
        s_ket, p_ket = qutip.basis(2, 0), qutip.basis(2, 1)
        ground, excited = s_ket * s_ket.dag(), p_ket * p_ket.dag()
        s_from_p = s_ket * p_ket.dag()

        def op(orbital, j_part, i_part=one_i):
            return qutip.tensor(orbital, j_part, i_part)

        j_ops = [qutip.jmat(0.5, a) for a in "xyz"]
        i_ops = [qutip.jmat(nuclear_spin, a) for a in "xyz"]
        # I·J on both fine-structure levels; eigenvalues I/2 (F = a) and −(I + 1)/2 (F = b)
        i_dot_j = sum(op(qutip.qeye(2), j, i) for j, i in zip(j_ops, i_ops, strict=True))
        levels, states = i_dot_j.eigenstates()
        proj_a = sum(st.proj() for lv, st in zip(levels, states, strict=True)
                     if abs(lv - nuclear_spin / 2) < 1e-9)
        proj_b = sum(st.proj() for lv, st in zip(levels, states, strict=True)
                     if abs(lv + (nuclear_spin + 1) / 2) < 1e-9)
        ground_all, excited_all = op(ground, one_j), op(excited, one_j)
        s_a, s_b = ground_all * proj_a, ground_all * proj_b
        p_b = excited_all * proj_b
        f_z = op(qutip.qeye(2), j_ops[2]) + op(qutip.qeye(2), one_j, i_ops[2])
        larmor = TWO_PI * ELECTRON_GYROMAGNETIC_HZ_PER_GAUSS * field_gauss / d_i
        h = (TWO_PI * splitting_s_hz * s_a + TWO_PI * detuning_hz * excited_all
             - TWO_PI * splitting_p_hz * p_b + larmor * (s_a * f_z - s_b * f_z))
        coupling = op(s_from_p, qutip.jmat(0.5, "-"))  # |S, −½⟩⟨P, +½| ⊗ 1_I
        h = h + TWO_PI * rabi_hz * (coupling + coupling.dag())
        quench = [op(s_from_p, one_j), coupling, op(s_from_p, qutip.jmat(0.5, "+"))]
        self.s_ops = [op(ground, j) for j in j_ops]  # the ground electron spin
        c_ops = [np.sqrt(TWO_PI * pressure_broadening_hz) * a for a in quench]
        c_ops += [np.sqrt(TWO_PI * relaxation_hz) * s for s in self.s_ops]
        self.l0 = qutip.liouvillian(h, c_ops)
        sx, sy, sz = self.s_ops
        sp, sm = sx + 1j * sy, sx - 1j * sy
        spre, spost, sprepost = qutip.spre, qutip.spost, qutip.sprepost
        g_se = TWO_PI * spin_exchange_hz
        # Eq. (7) with the prefactor γ_se (see the module docstring); coefficients ⟨S_z⟩, ⟨S₊⟩
        # and, for the H.c. term, ⟨S₋⟩
        self.feedback = [
            g_se * (sprepost(sp, sm) - sprepost(sm, sp) + spre(sz) + spost(sz)),
            g_se * (sprepost(sm, sz) - sprepost(sz, sm) + 0.5 * (spre(sm) + spost(sm))),
            g_se * (sprepost(sz, sp) - sprepost(sp, sz) + 0.5 * (spre(sp) + spost(sp))),
        ]
        self.mean_ops = [sz, sp, sm]

    def steady_state(self, tol=MEAN_FIELD_TOL, max_iterations=200, **options):
        """Iterate ``steadystate`` with ⟨S_z⟩, ⟨S_±⟩ of the previous iterate until stationary."""
        qutip = self.qutip
        mean = np.zeros(3, dtype=complex)
        for _ in range(max_iterations):
            lv = self.l0 + sum(m * b for m, b in zip(mean, self.feedback, strict=True))
            rho = qutip.steadystate(lv, **options)
            new = np.array([qutip.expect(s, rho) for s in self.mean_ops])
            if np.max(np.abs(new - mean)) < tol:
                return rho
            mean = new
        raise RuntimeError("iterated steadystate did not converge")

    def electron_spin_z(self, **options) -> float:
        """⟨S_z⟩ of the self-consistent steady state."""
        return float(np.real(self.qutip.expect(self.s_ops[2], self.steady_state(**options))))


def _peer_inputs(p: LightShiftParameters) -> dict:
    atom = p.atom
    i_spin = atom.nuclear_spin
    return {"nuclear_spin": i_spin,
            "splitting_s_hz": atom.hyperfine_splitting_hz,
            "splitting_p_hz": atom.a_p12_hz * (i_spin + 0.5),
            "rabi_hz": p.rabi_hz, "detuning_hz": p.detuning_hz,
            "pressure_broadening_hz": p.pressure_broadening_hz,
            "relaxation_hz": p.relaxation_hz, "spin_exchange_hz": p.spin_exchange_hz,
            "field_gauss": p.field_gauss}


#: QuTiP's fastest correct settings for this 1024 × 1024 sparse Liouvillian: the direct sparse
#: LU (SuperLU via ``spsolve``, COLAMD ordering). ``use_rcm=True`` and other orderings were as
#: fast or slower, ``solver="solve"`` (dense) 4x slower; "power" did not converge.
PEER_OPTIONS = {"method": "direct"}


def _ours_ness(p):
    def run():
        return PumpedAtom(p, "effective").electron_spin_z()
    return run


def _peer_ness(p):
    inputs = _peer_inputs(p)

    def run():
        return QutipFullLightShift(**inputs).electron_spin_z(**PEER_OPTIONS)
    return run


def _ours_point(p):
    def run():
        return PumpedAtom(p, "effective").light_shift_and_linewidth()
    return run


def tasks(quick: bool) -> list[BenchTask]:
    p = _parameters()
    return [
        BenchTask("light-shift-ness", ours=_ours_ness(p), peer=_peer_ness(p),
                  peer_name="qutip.steadystate, full 32-level equation (iterated on <S>)",
                  agreement=lambda a, b: abs(a - b), agreement_limit=NESS_LIMIT,
                  target=">= 100x QuTiP (full equation)",
                  target_check=lambda _ours, _peer, ratio: ratio >= 100),
        BenchTask("light-shift-point", ours=_ours_point(p), peer=None, peer_name="none",
                  agreement=None, agreement_limit=None, target="< 50 ms",
                  target_check=lambda ours, _peer, _ratio: ours < 0.05),
    ]
