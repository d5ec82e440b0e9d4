"""The laser-driven dipolar cluster (seed 003 Eq. 1 plus a coherent drive): the Model protocol,
QuTiP's steady state of the same equation, and the energetics of Eqs. (22)–(28)."""

from __future__ import annotations

import numpy as np
import pytest
from tests.models.standard import StandardModelTests

from spinthermo.core.options import SteadyStateOptions
from spinthermo.core.steady import SteadyStateError
from spinthermo.models.dipolar import DipolarCluster, DrivenDipolarCluster

#: Three atoms 0.1–0.3 µm apart (ξ = k0 r ≈ 1–3 at 780 nm): every f_ij and γ_ij distinct, γ
#: positive definite (the steady state is unique).
POSITIONS = 1e-7 * np.array([[0.0, 0.0, 0.0], [3.1, 0.5, 0.0], [1.0, 2.7, 1.2]])
DIPOLE = [0.0, 0.2, 1.0]
RABI = [0.8, -0.3, 1.1]
DETUNING = [0.2, -0.5, 0.1]
LASER = 50.0
#: Two sparse direct solves of one well-conditioned 64×64 bordered system (κ ~ 1e2) agree to
#: ~κ·1e-16 per entry; 1e-10 is the brief's bar and far below any wrong term's effect.
QUTIP_ATOL = 1e-10
#: J₋ + J₊ + P at the steady state: each trace is a sum of 64² products of size ≲ ω_L·γ ~ 1e2
#: with the state's rounding (residual ~1e-16), so ~1e-12 of the currents' scale (~1e2).
FIRST_LAW_ATOL = 1e-10


def _cluster(nbar=0.7):
    return DipolarCluster.from_positions(POSITIONS, DIPOLE, nbar, wavelength=780e-9)


def _model(rabi=RABI, nbar=0.7):
    return DrivenDipolarCluster(_cluster(nbar), rabi=rabi, detuning=DETUNING,
                                laser_frequency=LASER)


class TestDrivenDipolarCluster(StandardModelTests):
    """Three driven atoms in a general geometry, thermal bath n̄ = 0.7."""

    evolution_times = tuple(np.linspace(0.0, 2.0, 5))

    def make_model(self):
        return _model()

    @property
    def relaxation_time(self):
        rates = np.linalg.eigvals(self.model().liouvillian().toarray()).real
        return 40.0 / float(np.min(-rates[rates < -1e-9]))


def test_steady_state_equals_qutip_on_the_same_equation():
    qutip = pytest.importorskip("qutip")
    model = _model()
    spec = model.open_system()
    dims = [[2] * 3, [2] * 3]
    h = qutip.Qobj(spec.hamiltonian.toarray(), dims=dims)
    c_ops = [qutip.Qobj(c.toarray(), dims=dims) for c in spec.c_ops]
    ours = model.steady_state(options=SteadyStateOptions(tol=1e-14))  # the solver stops at tol
    assert ours.residual <= 1e-14
    np.testing.assert_allclose(ours.state, qutip.steadystate(h, c_ops).full(), atol=QUTIP_ATOL)


def test_the_drive_makes_coherence_between_excitation_numbers():
    """Unlike the undriven cluster (steady state: the product Gibbs state), ⟨σ⁻_i⟩ ≠ 0."""
    rho = _model().steady_state().state
    single_flip = rho[6, 7]  # ⟨g g e|ρ|g g g⟩: one excitation against none
    assert abs(single_flip) > 1e-3


def test_without_drive_the_steady_state_is_gibbs_and_no_power_or_heat_flows():
    model = _model(rabi=0.0)
    rho = model.steady_state().state
    np.testing.assert_allclose(rho, _cluster().gibbs_state(), atol=1e-12)
    assert model.power(rho) == 0.0
    emission, absorption = model.heat_currents(rho)
    assert abs(emission) > 1.0  # the bath exchanges energy both ways ...
    assert emission + absorption == pytest.approx(0.0, abs=FIRST_LAW_ATOL)  # ... in balance


def test_first_law_at_the_driven_steady_state():
    """J₋ + J₊ + P = 0: the heat currents Tr[H_E 𝒟_±(ρ)] and the power Tr[ρ ∂_t H] are two
    independent traces; the laser's work leaves as heat into the bath."""
    model = _model()
    rho = model.steady_state().state
    power = model.power(rho)
    assert power > 1.0
    assert model.heat_current(rho) + power == pytest.approx(0.0, abs=FIRST_LAW_ATOL)
    # away from the steady state the balance is d⟨H_E⟩/dt, not zero
    rho_g = model.initial_state()
    lv_rho = (model.liouvillian() @ rho_g.T.reshape(-1)).reshape(8, 8).T
    energy_rate = np.trace(model.energy_operator() @ lv_rho).real
    assert model.heat_current(rho_g) + model.power(rho_g) == pytest.approx(energy_rate,
                                                                            abs=1e-10)


def test_power_is_linear_in_the_laser_frequency_of_the_energy_count():
    """ω_L does not change the state (rotating frame) but scales P = (ω_L/2) Σ Ω_i ⟨σ^y_i⟩."""
    slow, fast = (DrivenDipolarCluster(_cluster(), RABI, DETUNING, w) for w in (50.0, 100.0))
    rho = slow.steady_state().state
    np.testing.assert_allclose(fast.steady_state().state, rho, atol=1e-13)
    assert fast.power(rho) == pytest.approx(2 * slow.power(rho), rel=1e-12)


@pytest.mark.parametrize(("kwargs", "error", "match"), [
    ({"rabi": [1.0, 2.0]}, ValueError, "rabi must have shape"),
    ({"detuning": [np.nan, 0, 0]}, ValueError, "detuning must be finite"),
    ({"rabi": "strong"}, TypeError, "rabi"),
    ({"laser_frequency": 0.0}, ValueError, "laser_frequency"),
    ({"laser_frequency": -3.0}, ValueError, "laser_frequency"),
])
def test_bad_input_is_refused(kwargs, error, match):
    args = {"cluster": _cluster(), "rabi": RABI, "detuning": DETUNING, "laser_frequency": LASER}
    with pytest.raises(error, match=match):
        DrivenDipolarCluster(**{**args, **kwargs})


def test_a_lab_frame_cluster_is_refused():
    cluster = DipolarCluster.from_positions(POSITIONS, DIPOLE, 0.7, wavelength=780e-9,
                                            omega0=2e15)
    with pytest.raises(ValueError, match="omega0 must be 0"):
        DrivenDipolarCluster(cluster, RABI, DETUNING, LASER)


def test_more_atoms_than_the_full_space_allows_are_refused():
    with pytest.raises(ValueError, match=r"number of atoms must lie in \[1, 7\]; received 8"):
        DrivenDipolarCluster(DipolarCluster.identical(8, 1.0), 1.0, 0.0, LASER)


def test_uniqueness_by_the_generated_algebra_gives_the_probed_state():
    """n̄ > 0 and γ of full rank: the jumps generate every operator, so the model skips the
    solver's uniqueness solve; the state is the one the solve certifies, and it is unique."""
    from spinthermo.core.krylov_steady import steady_state_krylov

    model = _model()
    result = model.steady_state()
    assert result.unique is True
    spec = model.open_system()
    probed = steady_state_krylov(spec.hamiltonian, spec.c_ops, check_unique=True)
    np.testing.assert_allclose(result.state.reshape(-1, order="F"), probed.state, atol=1e-10)


def test_a_degenerate_steady_state_is_refused():
    """Identical couplings and a uniform drive conserve the total spin: no unique state."""
    cluster = DipolarCluster.identical(3, nbar=0.5)
    with pytest.raises(SteadyStateError):
        DrivenDipolarCluster(cluster, 0.7, 0.1, LASER).steady_state()
