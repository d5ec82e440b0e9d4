"""Every adopted model passes :class:`tests.models.standard.StandardModelTests` on a small,
fast parameter set (each chosen so that every term of its equation acts)."""

from __future__ import annotations

import numpy as np
from tests.models.standard import StandardModelTests

import spinthermo as st
from spinthermo.models.alkali_pumping import AlkaliPumping
from spinthermo.models.collision_model import CollisionModel
from spinthermo.models.dipolar import DipolarCluster
from spinthermo.models.driven_qubit import DrivenQubit
from spinthermo.models.light_shift import LightShiftParameters, PumpedAtom
from spinthermo.models.noble_gas.mean_field import MeanFieldModel
from spinthermo.models.noble_gas.parameters import get_preset
from spinthermo.models.noble_gas.stochastic import StochasticCollisionModel
from spinthermo.models.noble_gas.two_mode import TwoModeExchange

#: Seed 004 on ²³Na (I = 3/2: 16 levels, 256 coordinates) with every rate switched on and
#: Ω/Γ_pb = 0.02 (weak driving); relaxation and spin exchange fast enough (1e5, 5e4 Hz) that
#: the effective equation relaxes in ~1e-3 s.
SODIUM = LightShiftParameters(species="23Na", rabi_hz=2e6, detuning_hz=3e8,
                              pressure_broadening_hz=1e8, spontaneous_decay_hz=1e7,
                              relaxation_hz=1e5, spin_exchange_hz=5e4, field_gauss=0.1)


class TestDrivenQubit(StandardModelTests):
    """Seed 001, detuned (Δ = 1), with all three Floquet rates; rotating frame."""

    evolution_times = tuple(np.linspace(0.0, 5.0, 11))

    def make_model(self):
        return DrivenQubit.from_rates(omega0=10.0, omega_l=9.0, rabi=2.0, gamma_down=0.3,
                                      gamma_up=0.1, gamma_phi=0.05)

    @property
    def relaxation_time(self):
        model = self.model()
        return 40.0 / min(model.population_decay_rate, model.coherence_decay_rate)


class TestCollisionModel(StandardModelTests):
    """Seed 003 with a generic pair state (λ, ε ≠ 0: drive and squeezing terms act)."""

    evolution_times = tuple(np.linspace(0.0, 20.0, 11))

    def make_model(self):
        rng = np.random.default_rng(3)
        a = rng.normal(size=(4, 4)) + 1j * rng.normal(size=(4, 4))
        pair = a @ a.conj().T
        return CollisionModel(pair / np.trace(pair).real, 0.3, 1.0, 1.0, 5.0)

    @property
    def relaxation_time(self):
        model = self.model()
        c = model.coefficients()
        return 60.0 / (model.mu * min(c.r_e, c.r_d))


class TestPumpedAtomFull(StandardModelTests):
    """Seed 004 Eqs. (1)–(9): all levels, spin exchange as mean-field terms."""

    evolution_times = tuple(np.linspace(0.0, 1e-8, 5))
    relaxation_skip_reason = (
        "the full equation is stiff (hyperfine coherences at ~1e9 rad/s against relaxation "
        "at ~1e5 s^-1): relaxing it takes minutes; the effective treatment is checked instead")
    #: Newton's default residual 1e-12 · max|𝓛| (~1e10 s⁻¹) leaves ~1e-9 on populations set
    #: by rates ~1e5 s⁻¹; 1e-14 resolves them (the model's own solve reaches ~1e-18).
    front_door_steady_options = st.SteadyStateOptions(tol=1e-14)

    def make_model(self):
        return PumpedAtom(SODIUM, "full")


class TestPumpedAtomEffective(StandardModelTests):
    """Seed 004 Eq. (18) on the ground levels (open_system is not applicable: skipped)."""

    evolution_times = tuple(np.linspace(0.0, 1e-5, 5))
    relaxation_time = 2e-3

    def make_model(self):
        return PumpedAtom(SODIUM, "effective")


class TestTwoModeExchange(StandardModelTests):
    """Seed 002 Eq. (28), Fock route (K = 2), detuned, with thermal noise on both modes and a
    noble-gas decay, so that every jump operator acts."""

    evolution_times = tuple(np.linspace(0.0, 2.0, 11))
    relaxation_time = 80.0  # 40 / the slowest rate, γ_B = 0.5 s⁻¹

    def make_model(self):
        return TwoModeExchange(coupling=3.0, alkali_decay=1.0, detuning=0.5, noble_decay=0.5,
                               polarization_a=0.8, polarization_b=0.9)


class TestMeanFieldModel(StandardModelTests):
    """Seed 002 Eq. (1): a moment model; every density-matrix verb is skipped with its reason."""

    evolution_times = (0.0, 1e-3)

    def make_model(self):
        return MeanFieldModel(get_preset("k-3he"), pumping_rate=400.0)


class TestStochasticCollisionModel(StandardModelTests):
    """Seed 002 Sec. III B: no master equation; every verb is skipped with its reason."""

    evolution_times = (0.0, 1.0)

    def make_model(self):
        return StochasticCollisionModel(3, 30, 0.01)


class TestAlkaliPumpingSecular(StandardModelTests):
    """Seed 000, ⁸⁷Rb, pump along a tilted axis, every rate on; hyperfine-secular blocks."""

    evolution_times = tuple(np.linspace(0.0, 5e-4, 11))

    def make_model(self):
        return AlkaliPumping.from_species("87Rb", pumping_rate=2e4, spin_exchange_rate=1.5e4,
                                          spin_destruction_rate=300.0,
                                          photon_spin=[0.2, -0.3, 0.6])

    @property
    def relaxation_time(self):
        model = self.model()
        return 60.0 / (model.pumping_rate + model.spin_destruction_rate)


class TestAlkaliPumpingExact(StandardModelTests):
    """Seed 000 without the secular approximation; A_hfs scaled down to 2e5 rad/s so that
    the hyperfine coherences stay resolvable by the explicit integrator in a short test."""

    evolution_times = tuple(np.linspace(0.0, 2e-4, 5))
    relaxation_skip_reason = "stiff (A_hfs ≫ rates): covered by tests/core/test_stiff_evolution"

    def make_model(self):
        return AlkaliPumping(nuclear_spin=1.5, pumping_rate=2e4, spin_exchange_rate=1.5e4,
                             spin_destruction_rate=300.0, photon_spin=[0.2, -0.3, 0.6],
                             secular=False, a_hfs=2e5)


class TestDipolarCluster(StandardModelTests):
    """Seed 003, three atoms in a general geometry (every γ_ij and f_ij distinct)."""

    evolution_times = tuple(np.linspace(0.0, 2.0, 5))

    def make_model(self):
        positions = 1e-7 * np.array([[0.0, 0.0, 0.0], [3.1, 0.5, 0.0], [1.0, 2.7, 1.2]])
        return DipolarCluster.from_positions(positions, [0.0, 0.2, 1.0], 0.7,
                                             wavelength=780e-9)

    @property
    def relaxation_time(self):
        return 200.0
