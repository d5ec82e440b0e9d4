"""The sweepable models: declared parameters and outputs, and the physics of each point."""

from __future__ import annotations

import inspect
import math

import numpy as np
import pytest

from spinthermo.atoms.cell import VapourCell
from spinthermo.models.alkali_pumping import AlkaliPumping, thermodynamics
from spinthermo.models.alkali_pumping_sweep import alkali_ness_point
from spinthermo.models.dipolar import two_atom_long_time_coherence
from spinthermo.models.dipolar_sweep import dipolar_coherence_point
from spinthermo.models.light_shift import LightShiftParameters, PumpedAtom
from spinthermo.models.light_shift_presets import PAPER_SETS, nitrogen_pressure_rates_hz
from spinthermo.models.light_shift_sweep import light_shift_point
from spinthermo.sweep.catalogue import (
    MODELS,
    function_reference,
    get_model,
    resolve_function,
    resolve_model,
)

#: The NESS polarisation s R/(R + Γ_SD) holds to the Newton tolerance (residual ≤ 1e-12 of
#: the generator's scale); 1e-9 leaves room for the conditioning of the solve.
NESS_TOLERANCE = 1e-9


@pytest.mark.parametrize("name", sorted(MODELS))
def test_models_declare_their_parameters_and_outputs(name):
    model = get_model(name)
    signature = inspect.signature(model.function).parameters
    assert [p.name for p in model.parameters] == list(signature)
    for p in model.parameters:
        assert p.units is not None and p.description
        if p.choices is None:
            p.check_values([p.default])  # defaults lie in the allowed range
        else:
            assert p.default in p.choices
    assert model.outputs and all(o.units for o in model.outputs)
    assert model.description and model.source
    assert resolve_model(name) is model is resolve_model(model.function)


def test_alkali_ness_matches_the_model_and_the_spin_temperature_polarisation():
    out = alkali_ness_point(pumping_rate=2e4, photon_spin=0.75, temperature_c=110.0,
                            radius_cm=1.0, he_pressure_torr=200.0, n2_pressure_torr=75.0)
    assert set(out) == {o.name for o in get_model("alkali-ness").outputs}
    cell = VapourCell(temperature_c=110.0, radius_cm=1.0)
    assert out["spin_exchange_rate"] == cell.spin_exchange_rate
    assert out["spin_destruction_rate"] == cell.spin_destruction_rate
    # seed 000 Sec. II (Appelt et al. 1998): <2S_z> = s R_op / (R_op + Γ_SD) at the NESS
    expected = 0.75 * 2e4 / (2e4 + cell.spin_destruction_rate)
    assert abs(out["polarization"] - expected) < NESS_TOLERANCE
    model = AlkaliPumping.from_species("87Rb", pumping_rate=2e4,
                                       spin_exchange_rate=cell.spin_exchange_rate,
                                       spin_destruction_rate=cell.spin_destruction_rate,
                                       photon_spin=0.75)
    direct = thermodynamics(model, model.steady_state())
    for key, value in direct.items():
        assert out[key] == pytest.approx(float(value), rel=1e-12, abs=1e-12)
    assert out["residual"] < 1e-10


@pytest.mark.parametrize("name", sorted(MODELS))
def test_point_functions_live_beside_their_models_and_pickle_by_path(name):
    """Workers (spawned processes, Dask) import a point function by its module path: each is a
    top-level function of a models/ module and pickles as a reference to it."""
    import pickle

    function = get_model(name).function
    path = function_reference(function)
    assert path is not None and path.startswith("spinthermo.models.")
    assert resolve_function(path) is function
    assert pickle.loads(pickle.dumps(function)) is function


def test_pressure_interpolation_passes_through_the_papers_two_sets():
    """Seed 004 Sec. III: Γ_pb = 0.6 GHz, γ = 1.53 kHz at 100 torr; 4.2 GHz, 1.65 kHz at 700."""
    assert PAPER_SETS == {100.0: (0.6e9, 1.53e3), 700.0: (4.2e9, 1.65e3)}
    for pressure, (broadening, relaxation) in PAPER_SETS.items():
        assert nitrogen_pressure_rates_hz(pressure) == pytest.approx((broadening, relaxation),
                                                                     rel=1e-12)
    low, high = nitrogen_pressure_rates_hz(100.0), nitrogen_pressure_rates_hz(700.0)
    middle = nitrogen_pressure_rates_hz(400.0)  # linear between the sets
    assert middle == pytest.approx(tuple(0.5 * (a + b) for a, b in zip(low, high, strict=True)),
                                   rel=1e-12)
    for bad in (0.0, -5.0, math.nan):
        with pytest.raises(ValueError, match=r"pressure_torr must .*\(0, inf\) torr"):
            nitrogen_pressure_rates_hz(bad)


def test_light_shift_point_reproduces_the_papers_parameter_sets():
    for pressure, (broadening, relaxation) in PAPER_SETS.items():
        out = light_shift_point(detuning_hz=2e9, pressure_torr=pressure, rabi_hz=4.1e6,
                                field_gauss=0.1)
        atom = PumpedAtom(LightShiftParameters(
            species="133Cs", rabi_hz=4.1e6, detuning_hz=2e9, pressure_broadening_hz=broadening,
            relaxation_hz=relaxation, spin_exchange_hz=1.31e3, field_gauss=0.1,
            handedness="left", antiparallel=True), "effective")
        shift, width = atom.light_shift_and_linewidth()
        assert out["light_shift_hz"] == pytest.approx(shift, rel=1e-12)
        assert out["linewidth_hz"] == pytest.approx(width, rel=1e-12)
        assert out["electron_spin_z"] == pytest.approx(atom.electron_spin_z(), rel=1e-12)
        assert 0 < out["electron_spin_z"] <= 0.5 and out["linewidth_hz"] > 0


def test_dipolar_coherence_limits():
    for nbar in (0.3, 1.0, 10.0):
        out = dipolar_coherence_point(n_atoms=2, nbar=nbar)
        assert out["l1_coherence"] == pytest.approx(two_atom_long_time_coherence(nbar),
                                                    rel=1e-12)  # seed 003 Eq. (5), t → ∞
        assert out["l1_coherence_fraction"] == pytest.approx(out["l1_coherence"] / 3, rel=1e-12)
    assert dipolar_coherence_point(n_atoms=5, nbar=0.0)["l1_coherence"] == 0.0
    assert dipolar_coherence_point(n_atoms=1, nbar=2.0)["ln_l1_coherence"] == -math.inf
    huge = dipolar_coherence_point(n_atoms=5000, nbar=10.0)
    assert huge["l1_coherence"] == math.inf and np.isfinite(huge["ln_l1_coherence"])
    assert dipolar_coherence_point(n_atoms=3.0, nbar=1.0) == dipolar_coherence_point(
        n_atoms=3, nbar=1.0)  # a grid's integral float is a count


@pytest.mark.parametrize("n_atoms", [2.7, 0, True, "3"])
def test_dipolar_coherence_refuses_a_count_that_is_not_a_whole_number_of_atoms(n_atoms):
    with pytest.raises((ValueError, TypeError), match="n_atoms"):
        dipolar_coherence_point(n_atoms=n_atoms, nbar=1.0)


def test_dotted_paths_resolve_and_round_trip():
    path = "spinthermo.models.dipolar_sweep:dipolar_coherence_point"
    assert resolve_function(path) is dipolar_coherence_point
    assert function_reference(dipolar_coherence_point) == path
    assert function_reference(lambda x: {"y": x}) is None
    user = resolve_model("test_sweep_helpers:counted_point")
    assert user.parameters is None and user.output_units()["product"] == "m^2"
    with pytest.raises(ValueError, match="has no attribute 'missing'"):
        resolve_function("spinthermo.sweep.catalogue:missing")
    with pytest.raises(ValueError, match=r"must read 'package\.module:function'"):
        resolve_function(":f")
