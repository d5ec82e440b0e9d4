"""Issue 11: public constructors and functions of atoms/, light_shift, models.dipolar and
collision_model reject values they cannot use (NaN, inf, wrong sign, wrong type) by name,
before any work, instead of returning NaN or a wrong number."""

import dataclasses
import math

import numpy as np
import pytest

from spinthermo.atoms.vapour import reduced_mass
from spinthermo.models.collision_model import (
    CollisionModel,
    collision_unitary,
    interaction_hamiltonian,
    paper_bloch_steady_state,
)
from spinthermo.models.dipolar import (
    DipolarCluster,
    collective_decay_near_field,
    dipolar_shift_near_field,
    evolve_dicke,
)
from spinthermo.models.light_shift import LightShiftParameters, PumpedAtom

PAIR = np.diag([0.1, 0.2, 0.2, 0.5])
COLLISION_ARGS = {"pair_state": PAIR, "coupling": 1.0e6, "interaction_time": 1.0e-7,
                  "collision_rate": 1.0e4, "omega0": 1.0e9}
LIGHT_SHIFT_FLOATS = [f.name for f in dataclasses.fields(LightShiftParameters)
                      if f.type in ("float", float)]


@pytest.mark.parametrize("field", LIGHT_SHIFT_FLOATS)
@pytest.mark.parametrize("bad", [math.nan, math.inf])
def test_light_shift_parameters_reject_non_finite_entries(field, bad):
    with pytest.raises(ValueError, match=rf"{field} must be finite"):
        LightShiftParameters(**{field: bad})


def test_light_shift_floats_cover_every_entry():
    assert set(LIGHT_SHIFT_FLOATS) == {
        "rabi_hz", "detuning_hz", "pressure_broadening_hz", "spontaneous_decay_hz",
        "relaxation_hz", "spin_exchange_hz", "field_gauss", "rf_field_gauss"}


@pytest.mark.parametrize("field", ["coupling", "interaction_time", "collision_rate", "omega0"])
def test_collision_model_rejects_non_finite_entries(field):
    with pytest.raises(ValueError, match=rf"{field} must be finite"):
        CollisionModel(**(COLLISION_ARGS | {field: math.inf}))


def test_complex_coupling_is_rejected_not_truncated():
    """H_int = g S is Hermitian only for real g; float() of a 0-d complex array would drop Im."""
    for call in (lambda: CollisionModel(**(COLLISION_ARGS | {"coupling": np.array(1 + 1j)})),
                 lambda: interaction_hamiltonian(1 + 1j),
                 lambda: collision_unitary(1 + 1j, 0.1)):
        with pytest.raises(TypeError, match="coupling must be real"):
            call()


def test_pair_state_of_strings_is_a_type_error():
    with pytest.raises(TypeError, match=r"pair_state must be a number .* dtype <U"):
        CollisionModel(**(COLLISION_ARGS | {"pair_state": [["a"] * 4] * 4}))


@pytest.mark.parametrize("name", ["gamma", "n", "m", "drive"])
def test_paper_bloch_steady_state_rejects_nan(name):
    args = {"gamma": 1.0, "n": 0.5, "m": 0.1, "drive": 0.2} | {name: math.nan}
    with pytest.raises(ValueError, match=rf"^{name} must be finite"):
        paper_bloch_steady_state(**args)


def test_simulation_times_use_the_shared_check():
    model = CollisionModel(**COLLISION_ARGS)
    with pytest.raises(ValueError, match=r"times must be >= 0 s .*received -1"):
        model.simulate([-1.0, 1.0])
    with pytest.raises(ValueError, match="times must be non-decreasing"):
        model.simulate([1.0, 0.5])


def test_dipolar_near_field_limits_reject_negative_or_nan_gamma0():
    for function in (dipolar_shift_near_field, collective_decay_near_field):
        with pytest.raises(ValueError, match=r"gamma0 must lie in \[0, inf\)"):
            function(0.01, 0.0, -1.0)
        with pytest.raises(ValueError, match="gamma0 must be finite"):
            function(0.01, 0.0, math.nan)


@pytest.mark.parametrize(("name", "value"), [("nbar", math.nan), ("f0", math.nan),
                                             ("gamma0", -1.0)])
def test_evolve_dicke_validates_every_rate_before_work(name, value):
    """f0 is unused on the diagonal path, but a NaN f0 is still a caller's error."""
    args = {"nbar": 1.0, "f0": 1.0, "gamma0": 1.0} | {name: value}
    with pytest.raises(ValueError, match=name):
        evolve_dicke(3, args.pop("nbar"), [0.0, 1.0], **args)


def test_dipolar_cluster_rejects_nan_state_in_commutation_check():
    cluster = DipolarCluster.identical(2, nbar=1.0)
    with pytest.raises(ValueError, match="rho must be finite"):
        cluster.commutes_with_dipolar(np.full((4, 4), math.nan))


def test_pumped_atom_needs_light_shift_parameters_and_a_positive_search_window():
    with pytest.raises(TypeError, match="parameters must be a LightShiftParameters"):
        PumpedAtom({"rabi_hz": 1e6})
    atom = PumpedAtom(LightShiftParameters(), "effective")
    larmor_hz = LightShiftParameters().larmor_hz
    for bad in (-1.0, math.nan, 2 * larmor_hz):
        with pytest.raises(ValueError, match="search_half_width_hz"):
            atom.light_shift_and_linewidth(bad)


def test_reduced_mass_rejects_non_physical_masses():
    with pytest.raises(ValueError, match="mass_a_kg"):
        reduced_mass(-1e-25, 1e-25)
