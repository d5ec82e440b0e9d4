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
from spinthermo.models.light_shift_sweep import (
    LINE_XTOL,
    _point_parameters,
    light_shift_batch,
    light_shift_point,
    line_resolution_hz,
)
from spinthermo.sweep.catalogue import LIGHT_SHIFT, get_model
from spinthermo.sweep.runner import run_sweep

#: ⟨S_z⟩ comes from the same steady state: the issue's bound.
SPIN_RTOL = 1e-12


def _assert_point_equal(outputs: dict, k: int, point: dict, field_gauss: float) -> None:
    """Batch entry ``k`` against the point function: ⟨S_z⟩ to 1e-12, the light shift and the
    line width to the resolution of the point path's line reading (Brent's tolerances,
    ``line_resolution_hz``), which is all that path fixes: see light_shift_batch's Notes."""
    assert list(outputs) == list(point)
    assert math.isclose(outputs["electron_spin_z"][k], point["electron_spin_z"],
                        rel_tol=SPIN_RTOL, abs_tol=1e-15)
    larmor_hz = _point_parameters(0.0, 100.0, 4.1e6, field_gauss, 1.31e3).larmor_hz
    shift_hz, width_hz = line_resolution_hz(larmor_hz)
    assert math.isclose(outputs["light_shift_hz"][k], point["light_shift_hz"],
                        rel_tol=1e-12, abs_tol=float(shift_hz))
    assert math.isclose(outputs["linewidth_hz"][k], point["linewidth_hz"],
                        rel_tol=1e-12, abs_tol=float(width_hz))


def test_line_resolution_is_brents_tolerance_at_the_larmor_frequency():
    """At 0.1 G the Cs line sits at ω_L = 2π·35 kHz: the crossing is resolved to ~1e-9
    rad/s, each extremum to √ε·1.5ω_L ≈ 4.9e-3 rad/s, far below the ~100 Hz widths."""
    larmor_hz = _point_parameters(0.0, 100.0, 4.1e6, 0.1, 1.31e3).larmor_hz
    assert abs(larmor_hz) == pytest.approx(2.8025e6 * 0.1 / 8, rel=1e-3)
    shift_hz, width_hz = line_resolution_hz(larmor_hz)
    omega = 1.5 * TWO_PI * abs(larmor_hz)
    assert float(shift_hz) == pytest.approx(2 * (LINE_XTOL + 4 * 2.22e-16 * omega) / TWO_PI,
                                            rel=1e-3)
    assert float(width_hz) == pytest.approx(2 * math.sqrt(2.2e-16) * omega / math.pi, rel=1e-3)
    assert 1e-3 < float(width_hz) < 1e-2 and float(shift_hz) < 1e-9


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

