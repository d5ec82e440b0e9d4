"""Heat current of a dissipator and power (seed 003 Eqs. 22–23): closed forms, the first law,
adjoint identities, batching, QuTiP interop and cross-check, input validation."""

from __future__ import annotations

import numpy as np
import pytest
import qutip
from hypothesis import given
from hypothesis import strategies as st
from thermo_helpers import random_hermitian, random_state

from spinthermo import thermo
from spinthermo.core.superop import (
    commutator_superoperator,
    lindblad_dissipator,
    sprepost,
    unvec,
    vec,
)

#: Sums of d² products of O(1) numbers: rounding ~1e-15; 1e-12 leaves a margin.
EXACT_TOL = 1e-12

SM = np.array([[0, 0], [1, 0]], dtype=complex)  # |g⟩⟨e| in (|e⟩, |g⟩)
SP = SM.T.copy()


def _random_jumps(rng, d, k):
    return rng.normal(size=(k, d, d)) + 1j * rng.normal(size=(k, d, d))


def test_spontaneous_emission_and_absorption_closed_forms():
    omega, g_down, g_up = 2.5, 0.7, 0.3
    h = 0.5 * omega * np.diag([1.0, -1.0])
    rho = np.diag([0.2, 0.8])
    d = lindblad_dissipator(SM, g_down) + lindblad_dissipator(SP, g_up)
    expected = omega * (g_up * 0.8 - g_down * 0.2)
    assert thermo.heat_current(rho, h, d) == pytest.approx(expected, abs=EXACT_TOL)
    per = thermo.lindblad_heat_currents(rho, h, [SM, SP], [g_down, g_up])
    np.testing.assert_allclose(per, [-omega * g_down * 0.2, omega * g_up * 0.8], atol=EXACT_TOL)


def test_gibbs_state_of_detailed_balance_carries_no_heat():
    omega, beta, gamma = 1.3, 0.8, 0.4
    h = 0.5 * omega * np.diag([1.0, -1.0])
    p_e = 1.0 / (1.0 + np.exp(beta * omega))
    rho = np.diag([p_e, 1 - p_e])
    d = lindblad_dissipator(SM, gamma) + lindblad_dissipator(SP, gamma * np.exp(-beta * omega))
    assert thermo.heat_current(rho, h, d) == pytest.approx(0.0, abs=EXACT_TOL)


@given(st.integers(0, 2**32 - 1), st.integers(2, 5), st.integers(1, 3))
def test_sum_of_channels_equals_summed_dissipator_and_adjoint_form(seed, d, k):
    rng = np.random.default_rng(seed)
    rho, h = random_state(rng, d), random_hermitian(rng, d)
    jumps, rates = _random_jumps(rng, d, k), rng.uniform(0, 2, k)
    total = sum(lindblad_dissipator(j, r) for j, r in zip(jumps, rates, strict=True))
    per = thermo.lindblad_heat_currents(rho, h, jumps, rates)
    assert per.shape == (k,)
    assert thermo.heat_current(rho, h, total) == pytest.approx(per.sum(), abs=EXACT_TOL)
    # Tr[H D(ρ)] = Tr[ρ D*(H)], D* the Heisenberg adjoint: vec(D*(X)) = D^† vec(X)
    adjoint_h = unvec(total.conj().T @ vec(h))
    assert per.sum() == pytest.approx(np.trace(rho @ adjoint_h).real, abs=EXACT_TOL)


@given(st.integers(0, 2**32 - 1), st.integers(2, 4))
def test_first_law_energy_rate_is_heat_current_plus_power(seed, d):
    """U̇ = Tr(Ḣρ) + Tr(Hρ̇) with ρ̇ = −i[H, ρ] + D(ρ): the unitary part drops out."""
    rng = np.random.default_rng(seed)
    rho, h, h_dot = random_state(rng, d), random_hermitian(rng, d), random_hermitian(rng, d)
    jumps = _random_jumps(rng, d, 2)
    diss = lindblad_dissipator(jumps[0], 0.7) + lindblad_dissipator(jumps[1], 0.2)
    # a non-jump, Hermiticity-preserving term as in seed 003 Eq. 13: c A·A† ... + h.c. pieces
    diss = diss + 0.1 * (sprepost(jumps[0], jumps[1]) + sprepost(jumps[1].conj().T,
                                                                  jumps[0].conj().T))
    rho_dot = unvec((commutator_superoperator(h) + diss) @ vec(rho))
    u_dot = np.trace(h_dot @ rho).real + np.trace(h @ rho_dot).real
    total = thermo.heat_current(rho, h, diss) + thermo.power(rho, h_dot)
    assert total == pytest.approx(u_dot, abs=EXACT_TOL * (1 + abs(u_dot)))


def test_batches_broadcast_and_match_loops():
    rng = np.random.default_rng(11)
    d = 3
    rhos = np.stack([random_state(rng, d) for _ in range(6)]).reshape(2, 3, d, d)
    h = random_hermitian(rng, d)
    jumps = _random_jumps(rng, d, 2)
    diss = lindblad_dissipator(jumps[0], 0.5) + lindblad_dissipator(jumps[1], 1.5)
    batch = thermo.heat_current(rhos, h, diss)
    per = thermo.lindblad_heat_currents(rhos, h, jumps, [0.5, 1.5])
    pw = thermo.power(rhos, h)
    assert batch.shape == (2, 3) and per.shape == (2, 3, 2) and pw.shape == (2, 3)
    for idx in np.ndindex(2, 3):
        single = thermo.heat_current(rhos[idx], h, diss)
        assert type(single) is float
        assert batch[idx] == pytest.approx(single, abs=EXACT_TOL)
        assert per[idx].sum() == pytest.approx(single, abs=EXACT_TOL)
        assert pw[idx] == pytest.approx(thermo.power(rhos[idx], h), abs=EXACT_TOL)
    # a batch of dissipators against one state
    two = np.stack([diss, 2 * diss])
    np.testing.assert_allclose(thermo.heat_current(rhos[0, 0], h, two),
                               [batch[0, 0], 2 * batch[0, 0]], atol=EXACT_TOL)


def test_agrees_with_qutip_superoperators():
    rho = qutip.rand_dm(4, seed=5)
    h = qutip.rand_herm(4, seed=6)
    c1, c2 = qutip.destroy(4), qutip.rand_unitary(4, seed=7)
    d_q = qutip.lindblad_dissipator(c1) + 0.3 * qutip.lindblad_dissipator(c2)
    reference = (h * qutip.vector_to_operator(d_q * qutip.operator_to_vector(rho))).tr().real
    ours = thermo.heat_current(rho, h, d_q)
    assert ours == pytest.approx(reference, abs=EXACT_TOL)
    per = thermo.lindblad_heat_currents(rho, h, [c1, c2], [1.0, 0.3])
    assert per.sum() == pytest.approx(reference, abs=EXACT_TOL)
    assert thermo.power(rho, h) == pytest.approx(qutip.expect(h, rho), abs=EXACT_TOL)


@pytest.mark.parametrize(
    ("bad", "match"),
    [
        (np.array([[0.5, 0.3], [0.0, 0.5]]), "rho must be Hermitian"),
        (np.diag([0.7, 0.7]), "rho must have unit trace"),
        (np.diag([1.2, -0.2]), "rho must be positive semidefinite"),
        (np.ones((2, 3)), r"rho must have shape \(\.\.\., d, d\)"),
        (np.ones(2), r"rho given as a ket \(shape \(2,\)\) must be normalised"),
    ],
)
def test_rejects_unphysical_states(bad, match):
    h, diss = np.diag([1.0, -1.0]), lindblad_dissipator(SM)
    for call in (
        lambda: thermo.heat_current(bad, h, diss),
        lambda: thermo.lindblad_heat_currents(bad, h, [SM]),
        lambda: thermo.power(bad, h),
    ):
        with pytest.raises(ValueError, match=match):
            call()


def test_rejects_bad_operators_naming_them():
    rho, h = np.diag([0.5, 0.5]), np.diag([1.0, -1.0])
    with pytest.raises(ValueError, match="hamiltonian must be Hermitian"):
        thermo.heat_current(rho, np.array([[0, 1], [0, 0]]), lindblad_dissipator(SM))
    with pytest.raises(ValueError, match="dissipator must have shape"):
        thermo.heat_current(rho, h, np.eye(3))
    with pytest.raises(ValueError, match="dissipator must preserve Hermiticity"):
        thermo.heat_current(np.diag([0.8, 0.2]), h, sprepost(1j * np.eye(2), np.eye(2)))
    with pytest.raises(ValueError, match="must act on the same space"):
        thermo.heat_current(rho, np.eye(3), lindblad_dissipator(SM))
    with pytest.raises(ValueError, match="rates must be >= 0"):
        thermo.lindblad_heat_currents(rho, h, [SM], [-1.0])
    with pytest.raises(ValueError, match=r"rates must have shape \(1,\)"):
        thermo.lindblad_heat_currents(rho, h, [SM], [1.0, 2.0])
    with pytest.raises(ValueError, match="hamiltonian_dot must be Hermitian"):
        thermo.power(rho, np.array([[0, 1j], [1j, 0]]))
    with pytest.raises(ValueError, match="do not broadcast"):
        thermo.heat_current(np.stack([rho] * 3), h, np.stack([lindblad_dissipator(SM)] * 2))
