"""The ``light-shift`` batch function (issue 15 item 1): every point of a chunk solved together
(seed 004, Eq. 18 with Eqs. 23-29 and the response of Eqs. 36-40) gives the point function's
outputs, a point that fails inside the batch fails alone, and ``run_sweep`` records the same
Dataset with and without the batch path."""

from __future__ import annotations

import dataclasses
import math

import numpy as np
import pytest

from spinthermo.core.steady import steady_states
from spinthermo.core.units import TWO_PI
from spinthermo.models import light_shift_sweep
from spinthermo.models.light_shift import LINE_XTOL, LightShiftParameters, PumpedAtom
from spinthermo.models.light_shift_sweep import (
    BATCH_AGREEMENT,
    _point_parameters,
    _solve_group,
    batch_point_difference,
    light_shift_batch,
    light_shift_point,
    line_resolution_hz,
)
from spinthermo.sweep.catalogue import LIGHT_SHIFT, get_model
from spinthermo.sweep.runner import run_sweep

#: Fig. 4 of seed 004 as bench_sweep's quick light-shift-sweep grid: 20 detunings over the
#: figure's span × the paper's two N₂ pressures, Ω = 4.1 MHz, B₀ = 0.1 G.
FIG4_DETUNINGS_HZ = np.linspace(-5e9, 15e9, 20)
FIG4_PRESSURES_TORR = (100.0, 700.0)


def _assert_point_equal(outputs: dict, k: int, point: dict, field_gauss: float) -> None:
    """Batch entry ``k`` against the point function to 1e-12 (issue 15): the light shift as
    the crossing frequency ω₀ relative to ω₀, the line width and ⟨S_z⟩ relative
    (``batch_point_difference``)."""
    assert list(outputs) == list(point)
    larmor_hz = _point_parameters(0.0, 100.0, 4.1e6, field_gauss, 1.31e3).larmor_hz
    difference = batch_point_difference({name: outputs[name][k] for name in outputs}, point,
                                         larmor_hz)
    assert all(float(d) <= BATCH_AGREEMENT for d in difference.values()), difference


def test_line_resolution_is_brents_tolerance_at_the_larmor_frequency():
    """At 0.1 G the Cs line sits at ω_L = 2π·35 kHz: each root of the reading (the crossing
    and each extremum, a root of the slope) is resolved to xtol + 4ε·1.5ω_L ≈ 3e-10 rad/s,
    so two readings of the light shift and of the width differ by < 1e-10 Hz, 3e-15 of ω₀:
    far inside the 1e-12 agreement of the batch with the point function."""
    larmor_hz = _point_parameters(0.0, 100.0, 4.1e6, 0.1, 1.31e3).larmor_hz
    assert abs(larmor_hz) == pytest.approx(2.8025e6 * 0.1 / 8, rel=1e-3)
    shift_hz, width_hz = line_resolution_hz(larmor_hz)
    omega = 1.5 * TWO_PI * abs(larmor_hz)
    bound = (LINE_XTOL + 4 * 2.22e-16 * omega) / math.pi
    assert float(shift_hz) == pytest.approx(bound, rel=1e-3)
    assert float(width_hz) == pytest.approx(bound, rel=1e-3)
    assert float(shift_hz) < 0.01 * BATCH_AGREEMENT * abs(larmor_hz)


def test_light_shift_batch_equals_point_function_on_fig4_grid():
    """Fig. 4's points (both pressures, detunings of both signs): the batch reads every line
    as the point function does, to 1e-12, not to a minimiser's √ε."""
    mesh = np.meshgrid(FIG4_DETUNINGS_HZ, FIG4_PRESSURES_TORR, indexing="ij")
    detunings, pressures = mesh[0].ravel(), mesh[1].ravel()
    outputs, errors = light_shift_batch(detuning_hz=detunings, pressure_torr=pressures,
                                        rabi_hz=4.1e6, field_gauss=0.1)
    assert errors == [None] * detunings.size
    for k in range(detunings.size):
        _assert_point_equal(outputs, k, light_shift_point(detunings[k], pressures[k], 4.1e6,
                                                          0.1), 0.1)


@pytest.mark.parametrize("antiparallel", [False, True])
def test_batched_line_reading_equals_the_models_for_both_field_directions(antiparallel):
    """The batch's steps (``_solve_group``: stacked steady states, Jacobians and line
    reading) against ``PumpedAtom.light_shift_and_linewidth`` with B₀ along and against the
    pump (ω_L of either sign; the sweep point fixes it against), to 1e-12."""
    params = [LightShiftParameters(detuning_hz=detuning, pressure_broadening_hz=gamma_hz,
                                   relaxation_hz=relaxation_hz, antiparallel=antiparallel)
              for detuning in (-3e9, 0.4e9, 9.2e9)
              for gamma_hz, relaxation_hz in ((0.6e9, 1.53e3), (4.2e9, 1.65e3))]
    groups = {}
    for p in params:
        groups.setdefault(p.relaxation_hz, []).append(p)
    for members in groups.values():
        values, ok = _solve_group(members)
        assert ok.all()
        for k, p in enumerate(members):
            atom = PumpedAtom(p, "effective")
            shift, width = atom.light_shift_and_linewidth()
            point = {"light_shift_hz": shift, "linewidth_hz": width,
                     "electron_spin_z": atom.electron_spin_z()}
            difference = batch_point_difference({n: v[k] for n, v in values.items()}, point,
                                                p.larmor_hz)
            assert all(float(d) <= BATCH_AGREEMENT for d in difference.values()), difference
            assert np.sign(p.larmor_hz) == (-1.0 if antiparallel else 1.0)


def test_light_shift_batch_equals_point_function_on_random_grid():
    rng = np.random.default_rng(4)
    m = 12
    columns = {
        "detuning_hz": rng.uniform(-6e9, 16e9, m),
        "pressure_torr": rng.choice([100.0, 300.0, 700.0], m),
        "rabi_hz": rng.uniform(2e6, 8e6, m),
        "field_gauss": rng.choice([0.05, 0.1], m),
        "spin_exchange_hz": 1.31e3,
    }
    outputs, errors = light_shift_batch(**columns)
    assert errors == [None] * m
    for k in range(m):
        point = light_shift_point(**{name: float(np.broadcast_to(value, (m,))[k])
                                     for name, value in columns.items()})
        _assert_point_equal(outputs, k, point, columns["field_gauss"][k])
    # physics the point function also gives: σ⁺ light polarises the electron spin
    assert np.all((outputs["electron_spin_z"] > 0) & (outputs["electron_spin_z"] <= 0.5))
    assert np.all(outputs["linewidth_hz"] > 0)


def test_light_shift_batch_invalid_points_fail_alone_with_the_point_functions_error():
    """A negative pressure fails in the parameters, B₀ = 0 in the response (no Larmor line):
    each gets the point function's exception, the neighbours their values."""
    pressures = [100.0, -5.0, 700.0, 100.0]
    fields = [0.1, 0.1, 0.1, 0.0]
    outputs, errors = light_shift_batch(detuning_hz=[1e9, 1e9, 2e9, 1e9],
                                        pressure_torr=pressures, rabi_hz=4.1e6,
                                        field_gauss=fields)
    for k in (1, 3):
        with pytest.raises(ValueError) as alone:
            light_shift_point(1e9, pressures[k], 4.1e6, fields[k])
        assert type(errors[k]) is ValueError and str(errors[k]) == str(alone.value)
        assert all(np.isnan(values[k]) for values in outputs.values())
    for k, detuning in ((0, 1e9), (2, 2e9)):
        assert errors[k] is None
        _assert_point_equal(outputs, k, light_shift_point(detuning, pressures[k], 4.1e6, 0.1),
                            0.1)


def test_light_shift_batch_unconverged_entry_falls_back_to_the_point_function(monkeypatch):
    """An entry whose Newton iteration is reported not converged, its last iterate NaN, is
    solved by the point function alone; the other entries keep their batch values."""
    def one_unconverged(generator, *args, **kwargs):
        solution, converged = steady_states(generator, *args, **kwargs)
        converged, state = converged.copy(), solution.state.copy()
        converged[1], state[1] = False, np.nan
        return dataclasses.replace(solution, state=state), converged

    monkeypatch.setattr("spinthermo.core.steady.steady_states", one_unconverged)
    calls = []
    point = light_shift_sweep.light_shift_point

    def counted(**kwargs):
        calls.append(kwargs)
        return point(**kwargs)

    monkeypatch.setattr(light_shift_sweep, "light_shift_point", counted)
    detunings = [-2e9, 0.5e9, 9e9]
    outputs, errors = light_shift_batch(detuning_hz=detunings, pressure_torr=100.0,
                                        rabi_hz=4.1e6, field_gauss=0.1)
    assert errors == [None] * 3
    assert [c["detuning_hz"] for c in calls] == [0.5e9]
    for k, detuning in enumerate(detunings):
        _assert_point_equal(outputs, k, point(detuning, 100.0, 4.1e6, 0.1), 0.1)


def test_light_shift_batch_rejects_bad_columns_naming_the_parameter():
    with pytest.raises(ValueError, match="broadcast"):
        light_shift_batch(detuning_hz=[0.0, 1e9], pressure_torr=[100.0, 300.0, 700.0],
                          rabi_hz=4.1e6, field_gauss=0.1)
    with pytest.raises(TypeError, match="rabi_hz"):
        light_shift_batch(detuning_hz=0.0, pressure_torr=100.0, rabi_hz="strong",
                          field_gauss=0.1)


def test_registered_light_shift_declares_its_batch_function():
    assert get_model("light-shift").batch_function is light_shift_batch


def test_run_sweep_light_shift_batch_path_equals_point_path(monkeypatch):
    grid = ["detuning_hz=-4e9:12e9:4", "pressure_torr=100,700"]
    fixed = {"field_gauss": 0.1}
    by_point = run_sweep(dataclasses.replace(LIGHT_SHIFT, batch_function=None), grid,
                         fixed=fixed, executor="serial", chunk_size=3)
    calls = []
    monkeypatch.setattr(light_shift_sweep, "light_shift_point",
                        lambda **kwargs: calls.append(kwargs))
    batched = run_sweep("light-shift", grid, fixed=fixed, executor="serial", chunk_size=3)
    assert calls == []  # every point solved inside its batch
    assert batched.attrs["n_failed"] == by_point.attrs["n_failed"] == 0
    assert (batched["error"].values == by_point["error"].values).all()
    assert (batched["warning"].values == by_point["warning"].values).all()
    assert list(batched.data_vars) == list(by_point.data_vars)
    for name in batched.data_vars:
        assert batched[name].dtype == by_point[name].dtype
        assert batched[name].attrs == by_point[name].attrs
    values = {name: batched[name].values.ravel() for name in ("light_shift_hz", "linewidth_hz",
                                                              "electron_spin_z")}
    for k in range(values["linewidth_hz"].size):
        _assert_point_equal(values, k, {name: float(by_point[name].values.ravel()[k])
                                        for name in values}, fixed["field_gauss"])

