"""Every state argument of spinthermo.thermo takes what a user holds (issue 12).

A density matrix or batch, a ket (d,) or (d, 1), a ``qutip.Qobj`` (oper or ket), a list of any
of these, or a front-door result (``SteadyStateResult`` → its state, ``EvolutionResult`` → its
states): each gives exactly the value of the equivalent density-matrix array.
"""

from __future__ import annotations

import numpy as np
import pytest
import qutip
from thermo_helpers import SIGMA_X, SIGMA_Z, random_hermitian, random_state

import spinthermo as st
from spinthermo import thermo

RNG = np.random.default_rng(2024)
D = 3
H = random_hermitian(RNG, D)
SIGMA = random_state(RNG, D)
_PSI = RNG.normal(size=D) + 1j * RNG.normal(size=D)
PSI = _PSI / np.linalg.norm(_PSI)
PURE = np.outer(PSI, PSI.conj())

#: One-argument forms of every diagnostic that takes a state, and the state argument's name.
STATE_FUNCTIONS = {
    "von_neumann_entropy": thermo.von_neumann_entropy,
    "relative_entropy": lambda rho: thermo.relative_entropy(SIGMA, rho),  # rho as sigma
    "entropy_production": lambda rho: thermo.entropy_production(SIGMA, reference=rho),
    "internal_energy": lambda rho: thermo.internal_energy(rho, H),
    "passive_state": lambda rho: thermo.passive_state(rho, H),
    "ergotropy": lambda rho: thermo.ergotropy(rho, H),
    "polarization_efficiency": lambda rho: thermo.polarization_efficiency(rho, H),
    "quantum_fisher_information": lambda rho: thermo.quantum_fisher_information(rho, H),
    "l1_coherence": thermo.l1_coherence,
    "relative_entropy_of_coherence": thermo.relative_entropy_of_coherence,
    "purity": thermo.purity,
    "nonequilibrium_inverse_temperature":
        lambda rho: thermo.nonequilibrium_inverse_temperature(rho, H),
    "power": lambda rho: thermo.power(rho, H),
    "lindblad_heat_currents": lambda rho: thermo.lindblad_heat_currents(rho, H, [SIGMA]),
}


@pytest.mark.parametrize("name", STATE_FUNCTIONS)
def test_a_ket_equals_its_density_matrix(name):
    fn = STATE_FUNCTIONS[name]
    expected = fn(PURE)
    for ket in (PSI, PSI[:, None], qutip.Qobj(PSI[:, None])):
        np.testing.assert_array_equal(fn(ket), expected)


@pytest.mark.parametrize("name", STATE_FUNCTIONS)
def test_a_list_of_mixed_forms_equals_the_stacked_batch(name):
    fn = STATE_FUNCTIONS[name]
    mixed = random_state(RNG, D)
    batch = fn(np.stack([mixed, PURE, PURE, mixed]))
    as_list = fn([mixed, PSI, qutip.Qobj(PSI[:, None]), qutip.Qobj(mixed)])
    np.testing.assert_array_equal(as_list, batch)


def test_a_batch_of_column_kets_is_a_batch_of_pure_states():
    kets = np.stack([PSI, np.roll(PSI, 1)])[..., None]  # (2, d, 1)
    np.testing.assert_array_equal(thermo.purity(kets), [1.0, 1.0])
    np.testing.assert_allclose(thermo.l1_coherence(kets),
                               [thermo.l1_coherence(PURE)] * 2, rtol=1e-15)


def _decay(gamma=0.7, omega=2.0):
    """Spontaneous emission from |e⟩ = (1, 0): populations (e^{−γt}, 1 − e^{−γt})."""
    times = np.linspace(0.0, 3.0, 31)
    result = st.evolve(0.5 * omega * SIGMA_Z, [1.0, 0.0], times,
                       [np.sqrt(gamma) * np.array([[0, 0], [1, 0]])],
                       options=st.EvolveOptions(rtol=1e-10, atol=1e-12))
    return result, np.exp(-gamma * times)


def test_an_evolution_result_is_its_trajectory():
    result, excited = _decay()
    entropy = thermo.von_neumann_entropy(result)
    np.testing.assert_array_equal(entropy, thermo.von_neumann_entropy(result.states))
    # The binary entropy of the excited population, S(t) = h(e^{−γt}) (no coherence is made).
    p = np.clip(excited, 1e-300, 1.0)
    q = np.clip(1.0 - excited, 1e-300, 1.0)
    np.testing.assert_allclose(entropy, -(p * np.log(p) + q * np.log(q)), atol=1e-8)
    energy = thermo.internal_energy(result, SIGMA_Z, "trace")
    np.testing.assert_allclose(energy, 2 * excited - 1, atol=1e-8)


def test_a_trajectory_result_feeds_the_first_law():
    gamma = 0.7
    result, excited = _decay(gamma)
    from_result = thermo.first_law_rates(result.times, result, SIGMA_Z)
    from_states = thermo.first_law_rates(result.times, result.states, SIGMA_Z)
    for x in thermo.FRAMEWORKS:
        np.testing.assert_array_equal(from_result.heat_rate[x], from_states.heat_rate[x])
        # Decay in a fixed field is all heat: Q̇ = U̇ = d(2 e^{−γt} − 1)/dt, to the spline's
        # O(h³) on this grid (γh = 0.07).
        np.testing.assert_allclose(from_result.heat_rate[x], -2 * gamma * excited,
                                   atol=1e-3 * 2 * gamma)
    assert np.max(np.abs(from_result.work_rate["conventional"])) == 0.0


def test_a_steady_state_result_is_its_state():
    gamma_down, gamma_up = 0.6, 0.2
    ness = st.steady_state(SIGMA_X + SIGMA_Z, [np.sqrt(gamma_down) * np.array([[0, 0], [1, 0]]),
                                              np.sqrt(gamma_up) * np.array([[0, 1], [0, 0]])])
    for fn in (thermo.von_neumann_entropy, thermo.purity, thermo.bloch_vector,
               lambda rho: thermo.ergotropy(rho, SIGMA_Z)):
        np.testing.assert_array_equal(fn(ness), fn(ness.state))
    divergence = thermo.relative_entropy(ness, np.eye(2) / 2)
    assert divergence == thermo.relative_entropy(ness.state, np.eye(2) / 2)
    assert divergence == pytest.approx(np.log(2) - thermo.von_neumann_entropy(ness), abs=1e-14)


def test_a_qutip_result_is_its_states():
    times = np.linspace(0.0, 1.0, 5)
    result = qutip.mesolve(qutip.sigmaz(), qutip.basis(2, 0), times, [qutip.destroy(2)])
    states = np.stack([s.full() for s in result.states])
    np.testing.assert_array_equal(thermo.von_neumann_entropy(result),
                                  thermo.von_neumann_entropy(states))


@pytest.mark.parametrize(
    ("call", "error", "match"),
    [
        (lambda: thermo.von_neumann_entropy(np.ones(3)), ValueError,
         r"rho given as a ket \(shape \(3,\)\) must be normalised.*received <psi\|psi> = 3"),
        (lambda: thermo.relative_entropy(PURE, 2 * PSI[:, None]), ValueError,
         "sigma given as a ket .* must be normalised"),
        (lambda: thermo.purity(qutip.Qobj(PSI[:, None]).dag()), TypeError,
         "rho must be a state: a Qobj of type .*received a Qobj of type 'bra'"),
        (lambda: thermo.purity([PURE, np.eye(2) / 2]), ValueError,
         r"rho given as a list must hold states of one shape"),
        (lambda: thermo.purity([PURE, "junk"]), TypeError, r"rho\[1\] must be"),
        (lambda: thermo.purity(np.array([])), ValueError, r"rho must have shape \(\.\.\., d, d\)"),
    ],
)
def test_bad_state_forms_raise_naming_the_argument(call, error, match):
    with pytest.raises(error, match=match):
        call()


def test_one_dimensional_arguments_that_are_not_states_are_not_kets():
    """Only state arguments get ket conversion: a 1-D Hamiltonian or generator is an error,
    a 1-D Fisher information an array of numbers, a Bloch vector a vector."""
    with pytest.raises(ValueError, match=r"hamiltonian must have shape \(\.\.\., d, d\)"):
        thermo.ergotropy(PURE, PSI.real / np.linalg.norm(PSI.real))
    with pytest.raises(ValueError, match=r"generator must have shape \(\.\.\., d, d\)"):
        thermo.quantum_fisher_information(PURE, np.array([1.0, 0.0, 0.0]))
    np.testing.assert_allclose(thermo.cramer_rao_bound(np.array([1.0, 4.0])), [1.0, 0.5])
    assert thermo.bloch_inverse_temperature([0.0, 0.0, -0.5], [0.0, 0.0, 1.0]) > 0


def test_a_ket_with_a_huge_amplitude_is_refused_without_overflow():
    """Found by the fuzz test: |ψ_i|² of 1e154 overflowed to inf (a RuntimeWarning) first."""
    with pytest.raises(ValueError, match=r"reference given as a ket .*\|psi_i\| = 1\.34078e\+154"):
        thermo.entropy_production(SIGMA[:2, :2] / np.trace(SIGMA[:2, :2]),
                                  reference=[[0.0], [1.3407807929942597e154]])


@pytest.mark.parametrize("name", STATE_FUNCTIONS)
def test_a_state_spectrum_gives_the_value_of_its_states(name):
    """``state_spectrum`` validates and diagonalises once; every diagnostic takes it in place
    of the states with the same value (eigh's eigenvalues may differ from eigvalsh's in the
    last bits, hence 1e-13 rather than equality)."""
    fn = STATE_FUNCTIONS[name]
    batch = np.stack([random_state(RNG, D), PURE, random_state(RNG, D)])
    expected = fn(batch)
    got = fn(thermo.state_spectrum(batch))
    if isinstance(expected, tuple | list):
        for a, b in zip(got, expected, strict=True):
            np.testing.assert_allclose(a, b, rtol=1e-13, atol=1e-13)
    else:
        np.testing.assert_allclose(got, expected, rtol=1e-13, atol=1e-13)


def test_state_spectrum_checks_the_states_once_and_names_rho():
    not_positive = np.diag([1.2, -0.2, 0.0]).astype(complex)
    with pytest.raises(ValueError, match="rho"):
        thermo.state_spectrum(not_positive)
    spectrum = thermo.state_spectrum(PURE)
    assert thermo.state_spectrum(spectrum) is spectrum
    np.testing.assert_allclose(spectrum.normalized_eigenvalues, [0.0, 0.0, 1.0], atol=1e-15)
