"""Batched evaluation of sweep chunks (issue 15 item 1): the ``alkali-ness`` batch function,
the per-entry steady states under it, and ``run_chunk``/``run_sweep`` with and without it."""

from __future__ import annotations

import dataclasses
import math
import warnings

import numpy as np
import pytest

from spinthermo.core.steady import SteadyStateError, steady_state, steady_states
from spinthermo.models import alkali_pumping_sweep
from spinthermo.models.alkali_pumping import AlkaliPumping
from spinthermo.models.alkali_pumping_sweep import alkali_ness_batch, alkali_ness_point
from spinthermo.sweep.catalogue import ALKALI_NESS, get_model
from spinthermo.sweep.executors import ChunkTask, PointError, run_chunk
from spinthermo.sweep.runner import SweepFailuresWarning, run_sweep

#: Relative agreement of the batch with the point function (the issue's bound).
BATCH_RTOL = 1e-12
#: Below the radius limit of the wall term (R >= 10 mean free paths, ~0.003 cm at 200 torr He
#: + 75 torr N2): inside the catalogue's range (0, 100] cm, rejected by the cell.
NON_DIFFUSIVE_RADIUS_CM = 0.001


def _assert_outputs_equal(batch: dict, point: dict, k: int) -> None:
    assert list(batch) == list(point)
    for name, value in point.items():
        assert math.isclose(batch[name][k], value, rel_tol=BATCH_RTOL, abs_tol=1e-15), name


def test_alkali_ness_batch_equals_point_function_on_random_grid_of_two_species():
    rng = np.random.default_rng(15)
    m = 24
    columns = {
        "pumping_rate": 10 ** rng.uniform(1, 6, m),
        "photon_spin": rng.uniform(-1, 1, m),
        "temperature_c": rng.choice([60.0, 110.0, 160.0], m),
        "radius_cm": rng.choice([0.3, 1.5], m),
        "he_pressure_torr": rng.choice([0.0, 200.0], m),
        "n2_pressure_torr": 75.0,
        "species": list(rng.choice(["87Rb", "85Rb"], m)),
    }
    assert set(columns["species"]) == {"87Rb", "85Rb"}
    outputs, errors = alkali_ness_batch(**columns)
    assert errors == [None] * m
    for k in range(m):
        point = {name: value if np.ndim(value) == 0 else value[k]
                 for name, value in columns.items()}
        _assert_outputs_equal(outputs, alkali_ness_point(**point), k)


def test_alkali_ness_batch_invalid_point_fails_alone_with_the_point_functions_error():
    radii = [1.5, NON_DIFFUSIVE_RADIUS_CM, 0.5]
    outputs, errors = alkali_ness_batch(pumping_rate=[1e3, 1e4, 1e5], photon_spin=0.5,
                                        temperature_c=120.0, radius_cm=radii)
    with pytest.raises(ValueError) as invalid:
        alkali_ness_point(1e4, 0.5, 120.0, NON_DIFFUSIVE_RADIUS_CM)
    assert isinstance(errors[1], ValueError) and str(errors[1]) == str(invalid.value)
    assert all(np.isnan(values[1]) for values in outputs.values())
    for k, rate in ((0, 1e3), (2, 1e5)):
        assert errors[k] is None
        _assert_outputs_equal(outputs, alkali_ness_point(rate, 0.5, 120.0, radii[k]), k)


def test_alkali_ness_batch_newton_failure_of_one_entry_falls_back_to_the_point_function(
        monkeypatch):
    """An entry whose Newton iteration is reported not converged is solved by the point
    function alone; the other entries keep their batch values."""
    real = steady_states

    def one_unconverged(generator, *args, **kwargs):
        solution, converged = real(generator, *args, **kwargs)
        converged = converged.copy()
        converged[1] = False
        return solution, converged

    monkeypatch.setattr("spinthermo.core.steady.steady_states", one_unconverged)
    calls = []
    point = alkali_pumping_sweep.alkali_ness_point

    def counted(**kwargs):
        calls.append(kwargs)
        return point(**kwargs)

    monkeypatch.setattr(alkali_pumping_sweep, "alkali_ness_point", counted)
    rates = [1e3, 1e4, 1e5]
    outputs, errors = alkali_ness_batch(pumping_rate=rates, photon_spin=0.7,
                                        temperature_c=130.0, radius_cm=1.0)
    assert errors == [None] * 3
    assert [c["pumping_rate"] for c in calls] == [1e4]
    for k, rate in enumerate(rates):
        _assert_outputs_equal(outputs, point(rate, 0.7, 130.0, 1.0), k)


def test_alkali_ness_batch_rejects_columns_that_do_not_broadcast():
    with pytest.raises(ValueError, match="broadcast"):
        alkali_ness_batch(pumping_rate=[1e3, 1e4], photon_spin=[0.1, 0.2, 0.3],
                          temperature_c=120.0, radius_cm=1.0)
    with pytest.raises(TypeError, match="pumping_rate"):
        alkali_ness_batch(pumping_rate="fast", photon_spin=0.5, temperature_c=120.0,
                          radius_cm=1.0)


def test_steady_states_reports_unconverged_entries_without_failing_the_converged_ones():
    """Entry 0 starts at its NESS and converges in one Newton step; entry 1 starts from the
    maximally mixed state and needs more: steady_state raises for the batch, steady_states
    marks entry 1 and returns entry 0's NESS as solved alone."""
    model = AlkaliPumping.batch("87Rb", [1e4, 1e5], 1e4, 30.0, [0.5, 0.9])
    alone = AlkaliPumping.from_species("87Rb", pumping_rate=1e4, spin_exchange_rate=1e4,
                                       spin_destruction_rate=30.0, photon_spin=0.5)
    ness = steady_state(alone.generator).state
    guess = np.stack([ness, alone.atom.maximally_mixed()])
    with pytest.raises(SteadyStateError, match="1 of 2 entries"):
        steady_state(model.generator, guess, max_iterations=1)
    solution, converged = steady_states(model.generator, guess, max_iterations=1)
    assert converged.tolist() == [True, False]
    assert solution.residual[0] <= 1e-12 < solution.residual[1]
    np.testing.assert_allclose(solution.state[0], ness, rtol=0, atol=1e-14)


def test_registered_alkali_ness_declares_its_batch_function_and_others_do_not():
    assert get_model("alkali-ness").batch_function is alkali_ness_batch
    assert get_model("dipolar-coherence").batch_function is None


# -- run_chunk with a toy model: the record of a batch equals the record point by point ------

def square_point(x: float, offset: float = 0.0) -> dict[str, float]:
    """y = x² + offset; a negative x raises, x = 7 gives NaN (both recorded as failures)."""
    if x < 0:
        raise ValueError(f"x must be >= 0; received {x}")
    return {"y": math.nan if x == 7 else x * x + offset, "x_again": float(x)}


def square_batch(x, offset=0.0):
    """:func:`square_point` on a column: vectorised where valid, the point's error elsewhere."""
    x, offset = np.asarray(x, dtype=float), np.asarray(offset, dtype=float)
    errors = [None] * x.size
    for k in np.flatnonzero(x < 0):
        try:
            square_point(float(x[k]))
        except ValueError as exc:
            errors[k] = exc
    y = np.where(x == 7, np.nan, x * x + offset)
    return {"y": np.where(x < 0, np.nan, y), "x_again": np.where(x < 0, np.nan, x)}, errors


def warning_batch(x, offset=0.0):
    """A batch that warns: its call is discarded and the chunk runs point by point."""
    warnings.warn("cannot attribute this to a point", RuntimeWarning, stacklevel=2)
    return square_batch(x, offset)


def _task(batch, on_error="record", outputs=("y", "x_again")):
    axes = (("x", (3.0, -1.0, 7.0, 2.0)), ("offset", (0.0, 0.5)))
    return ChunkTask(0, 1, 8, square_point, axes, (), outputs, on_error, batch)


@pytest.mark.parametrize("outputs", [("y", "x_again"), None])
def test_run_chunk_batch_record_equals_point_by_point_record(outputs):
    points = run_chunk(_task(None, outputs=outputs))
    batched = run_chunk(_task(square_batch, outputs=outputs))
    assert batched.outputs == points.outputs
    assert batched.values.dtype == points.values.dtype
    np.testing.assert_array_equal(batched.values, points.values)
    assert batched.errors == points.errors
    assert batched.warnings == points.warnings
    assert points.errors[1] == "ValueError: x must be >= 0; received -1.0"   # x = -1
    assert points.errors[3] == "ValueError: output 'y' is NaN"                 # x = 7


def test_run_chunk_batch_that_warns_runs_point_by_point():
    points = run_chunk(_task(None))
    batched = run_chunk(_task(warning_batch))
    np.testing.assert_array_equal(batched.values, points.values)
    assert batched.errors == points.errors


def test_run_chunk_batch_raises_point_error_at_the_first_failed_point():
    with pytest.raises(PointError, match=r"at \{'x': -1.0, 'offset': 0.0\}: ValueError"):
        run_chunk(_task(square_batch, on_error="raise"))


# -- run_sweep of alkali-ness with and without the batch path --------------------------------

def test_run_sweep_alkali_ness_batch_path_equals_point_path(monkeypatch):
    grid = ["pumping_rate=1e2:1e5:3:log", "photon_spin=-0.5,1",
            f"radius_cm={NON_DIFFUSIVE_RADIUS_CM},1.5"]
    point_model = dataclasses.replace(ALKALI_NESS, batch_function=None)
    with pytest.warns(SweepFailuresWarning):
        by_point = run_sweep(point_model, grid, fixed={"species": "85Rb"}, executor="serial",
                             chunk_size=5)
    calls = []
    point = alkali_pumping_sweep.alkali_ness_point

    def counted(**kwargs):
        calls.append(kwargs)
        return point(**kwargs)

    monkeypatch.setattr(alkali_pumping_sweep, "alkali_ness_point", counted)
    with pytest.warns(SweepFailuresWarning):
        batched = run_sweep("alkali-ness", grid, fixed={"species": "85Rb"},
                            executor="serial", chunk_size=5)
    failed = by_point["error"].values != ""
    assert int(failed.sum()) == 6 and bool(failed[..., 0].all())
    assert len(calls) == 6  # only the failed points went to the point function
    assert batched.attrs["n_failed"] == by_point.attrs["n_failed"] == 6
    assert (batched["error"].values == by_point["error"].values).all()
    assert (batched["warning"].values == by_point["warning"].values).all()
    assert list(batched.data_vars) == list(by_point.data_vars)
    for name in batched.data_vars:
        a, b = batched[name].values, by_point[name].values
        assert a.dtype == b.dtype and batched[name].attrs == by_point[name].attrs
        if a.dtype.kind == "f":
            np.testing.assert_allclose(a, b, rtol=BATCH_RTOL, atol=1e-15)


def complex_batch(x, offset=0.0):
    """:func:`square_batch` with complex outputs (zero imaginary parts): checked point by
    point, each value through ``real_if_close`` as the point path does."""
    outputs, errors = square_batch(x, offset)
    return {name: value.astype(complex) for name, value in outputs.items()}, errors


def renamed_batch(x, offset=0.0):
    """A batch whose outputs are not the declared ones: every valid point fails alone."""
    outputs, errors = square_batch(x, offset)
    return {"z": outputs["y"], "x_again": outputs["x_again"]}, errors


@pytest.mark.parametrize("batch", [complex_batch, renamed_batch])
def test_run_chunk_batch_outputs_not_checkable_as_arrays_give_the_point_path_record(batch):
    batched = run_chunk(_task(batch))
    if batch is complex_batch:
        points = run_chunk(_task(None))
        np.testing.assert_array_equal(batched.values, points.values)
        assert batched.errors == points.errors and batched.values.dtype == np.float64
    else:
        assert all(e.startswith(("ValueError: the model function returned outputs ['x_again', "
                                 "'z']", "ValueError: x must be")) for e in batched.errors)
        assert np.isnan(batched.values).all()


def test_a_batch_model_gets_chunks_that_amortise_its_calls_and_balance_two_workers():
    from spinthermo.sweep.runner import MIN_BATCH_CHUNK, MIN_BATCH_CHUNKS, plan_sweep

    grid = ["pumping_rate=1e2:1e5:10:log", "photon_spin=0.1:1:10", "temperature_c=80:170:10",
            "radius_cm=0.1:2.5:10:log"]
    plan = plan_sweep("alkali-ness", grid)                     # 10 000 points
    assert plan.chunk_size >= MIN_BATCH_CHUNK and plan.n_chunks >= MIN_BATCH_CHUNKS
    small = plan_sweep("alkali-ness", [*grid[:2], "temperature_c=80:170:5", "radius_cm=1,2,3,4"])
    assert small.n_points == 2000 and small.n_chunks == MIN_BATCH_CHUNKS  # 4 per worker
    point_model = plan_sweep("dipolar-coherence", ["n_atoms=2:4:3", "nbar=0.1:10:10000"])
    assert point_model.chunk_size == get_model("dipolar-coherence").chunk_hint == 256


def test_alkali_ness_batch_takes_one_species_per_point_or_one_for_all():
    """A list of species sets the batch's length when every number is shared; a list whose
    length matches neither the columns nor 1 is refused, naming species."""
    outputs, errors = alkali_ness_batch(pumping_rate=1e3, photon_spin=0.5, temperature_c=120.0,
                                        radius_cm=1.0, species=["87Rb", "85Rb"])
    assert errors == [None, None]
    for k, name in enumerate(["87Rb", "85Rb"]):
        _assert_outputs_equal(outputs, alkali_ness_point(1e3, 0.5, 120.0, 1.0, species=name), k)
    with pytest.raises(ValueError, match=r"species of alkali_ness_batch .* list of 3 names"):
        alkali_ness_batch(pumping_rate=[1e3, 2e3, 3e3], photon_spin=0.5, temperature_c=120.0,
                          radius_cm=1.0, species=["87Rb", "85Rb"])
