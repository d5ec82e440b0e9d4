"""Parameter grids: the NAME=START:STOP:N[:log] syntax, units, and clear errors for bad grids."""

from __future__ import annotations

import numpy as np
import pytest

from spinthermo.sweep.catalogue import get_model
from spinthermo.sweep.grid import (
    Axis,
    Grid,
    as_grid,
    canonical_unit,
    max_grid_points,
    parse_axis,
)
from spinthermo.sweep.runner import plan_sweep


def test_linear_and_log_axes_include_their_end_points():
    lin = parse_axis("temperature_c=80:160:5")
    assert lin.values == (80.0, 100.0, 120.0, 140.0, 160.0)
    assert lin.spacing == "linear" and lin.units is None
    log = parse_axis("pumping_rate=1e2:1e5:4:log")
    assert log.values[0] == 1e2 and log.values[-1] == 1e5  # exactly, not rounded by geomspace
    np.testing.assert_allclose(log.values, [1e2, 1e3, 1e4, 1e5], rtol=1e-14)
    assert parse_axis("x=3:3:1").values == (3.0,)


def test_explicit_values_and_unit_spellings():
    axis = parse_axis("temperature_c[degC]=120,80,100")
    assert axis.values == (120.0, 80.0, 100.0)
    assert axis.units == "°C" and axis.spacing == "explicit"
    assert canonical_unit("s^-1") == "1/s" == canonical_unit("1/s")
    assert canonical_unit("Celsius") == "°C"


def test_grid_points_are_c_ordered():
    grid = Grid([Axis("a", (1.0, 2.0)), Axis("b", (10.0, 20.0, 30.0))])
    assert grid.shape == (2, 3) and grid.size == 6
    assert [grid.point(k) for k in (0, 2, 3)] == [{"a": 1.0, "b": 10.0}, {"a": 1.0, "b": 30.0},
                                                  {"a": 2.0, "b": 10.0}]


def test_as_grid_accepts_mappings_specs_and_axes():
    g1 = as_grid({"x": np.array([0.0, 1.0]), "y": "1:3:3"})
    g2 = as_grid(["x=0,1", Axis("y", (1.0, 2.0, 3.0), spacing="linear")])
    assert g1.names == g2.names == ("x", "y")
    assert g1.axes[1].values == g2.axes[1].values


@pytest.mark.parametrize(("spec", "match"), [
    ("x=1:2:0", r"empty range, N = 0"),
    ("x=2:1:3", r"empty range, START = 2 > STOP = 1"),
    ("x=2:1:3:log", r"empty range, START = 2 > STOP = 1"),
    ("x=0:10:3:log", r"log axis needs START > 0"),
    ("x=-1:10:3:log", r"log axis needs START > 0"),
    ("x=1:2:1", r"N = 1 needs START == STOP"),
    ("x=1:1:3", r"repeated points"),
    ("x=1:2:2.5", r"N of 'x=1:2:2.5' must be an integer"),
    ("x=1:2", r"expected START:STOP:N"),
    ("x=1:2:3:cubic", r"must be 'log'"),
    ("x=a:2:3", r"START of 'x=a:2:3' must be a number"),
    ("x=1:inf:3", r"must be finite"),
    ("=1:2:3", r"cannot parse parameter"),
    ("x=", r"has no values"),
    ("x=1,1", r"repeats a value"),
])
def test_invalid_specs_give_clear_errors(spec, match):
    with pytest.raises(ValueError, match=match):
        parse_axis(spec)


def test_parameter_given_twice():
    with pytest.raises(ValueError, match=r"\['x'\] given more than once"):
        Grid.parse(["x=1:2:2", "x=3:4:2"])


def test_unknown_parameter_lists_the_allowed_ones():
    with pytest.raises(ValueError, match=r"unknown parameter 'temp'.*allowed: pumping_rate, "
                                         r"photon_spin, temperature_c"):
        plan_sweep("alkali-ness", ["temp=80:100:3"])


def test_wrong_unit_names_the_parameter_and_its_unit():
    with pytest.raises(ValueError, match=r"temperature_c is in °C \(allowed \[24.85, 300\] °C\); "
                                         r"received unit 'K'"):
        plan_sweep("alkali-ness", ["temperature_c[K]=300:400:3"])
    plan = plan_sweep("alkali-ness", ["temperature_c[C]=80:100:3"])  # an accepted spelling
    assert plan.axes[0].units == "°C"


def test_out_of_range_and_integer_checks():
    with pytest.raises(ValueError, match=r"photon_spin must lie in \[-1, 1\]; received 2"):
        plan_sweep("alkali-ness", ["photon_spin=0:2:3"])
    with pytest.raises(ValueError, match=r"radius_cm must lie in \(0, 100\] cm; received 0"):
        plan_sweep("alkali-ness", ["radius_cm=0,1"])
    with pytest.raises(ValueError, match=r"n_atoms takes integers"):
        plan_sweep("dipolar-coherence", ["n_atoms=2:10:4"])
    with pytest.raises(ValueError, match=r"rounds to repeated values"):
        plan_sweep("dipolar-coherence", ["n_atoms=1:3:10:log"])
    plan = plan_sweep("dipolar-coherence", ["n_atoms=1:1000:4:log"])
    assert plan.axes[0].values == (1, 10, 100, 1000)
    assert all(isinstance(v, int) for v in plan.axes[0].values)


def test_settings_and_fixed_values_are_checked():
    with pytest.raises(ValueError, match=r"species is a setting.*cannot be swept"):
        plan_sweep("alkali-ness", ["species=1,2"])
    with pytest.raises(ValueError, match=r"species must be one of 87Rb"):
        plan_sweep("alkali-ness", ["photon_spin=0.5,1"], fixed={"species": "Rb"})
    with pytest.raises(ValueError, match=r"both swept \(--param\) and fixed"):
        plan_sweep("alkali-ness", ["photon_spin=0.5,1"], fixed={"photon_spin": 1.0})
    with pytest.raises(ValueError, match=r"unknown parameter 'bogus'.*allowed: n_atoms, nbar"):
        plan_sweep("dipolar-coherence", ["n_atoms=2,3"], fixed={"bogus": 1})
    plan = plan_sweep("alkali-ness", ["photon_spin=0.5,1"], fixed={"species": "85Rb"})
    model = get_model("alkali-ness")
    assert set(plan.fixed) == {p.name for p in model.parameters} - {"photon_spin"}
    assert plan.fixed["species"] == "85Rb"


def test_user_function_parameters_come_from_its_signature():
    with pytest.raises(ValueError, match=r"its signature takes: x, y, offset"):
        plan_sweep("test_sweep_helpers:counted_point", ["z=1,2"])
    with pytest.raises(ValueError, match=r"needs a value for \['y'\]"):
        plan_sweep("test_sweep_helpers:counted_point", ["x=1,2"])
    with pytest.raises(ValueError, match=r"cannot import module 'no_such_module'"):
        plan_sweep("no_such_module:f", ["x=1,2"])
    with pytest.raises(ValueError, match=r"unknown model 'nope'; registered: alkali-ness"):
        plan_sweep("nope", ["x=1,2"])


def test_huge_axis_is_refused_before_allocating(monkeypatch):
    monkeypatch.delenv("SPINTHERMO_MAX_GRID_POINTS", raising=False)
    with pytest.raises(ValueError, match=r"axis 'nbar' \(N = 1000000000\) has 1,000,000,000 "
                                         r"points, above the cap of 10,000,000.*~88 GB"):
        parse_axis("nbar=0:1:1000000000")
    with pytest.raises(ValueError, match=r"axis 'nbar'.*above the cap"):
        parse_axis("nbar=1:2:10000000000000000000000:log")
    assert parse_axis("nbar=0:1:1000000").size == 1_000_000  # a 10^6-point sweep stays allowed


def test_huge_grid_of_modest_axes_is_refused_with_its_memory():
    axes = [parse_axis(f"{name}=1:2:100") for name in "abcde"]  # 10^10 points
    with pytest.raises(ValueError, match=r"grid a\[100\] x b\[100\] x c\[100\] x d\[100\] x "
                                         r"e\[100\] has 10,000,000,000 points.*~1.2 TB"):
        Grid(axes)
    with pytest.raises(ValueError, match=r"above the cap"):
        as_grid({name: "1:2:100" for name in "abcde"})
    assert Grid(axes[:3]).size == 10**6


def test_grid_cap_is_settable_by_keyword_and_environment(monkeypatch):
    with pytest.raises(ValueError, match=r"axis 'x' \(N = 11\) has 11 points, above the cap of 10"):
        parse_axis("x=0:1:11", max_points=10)
    with pytest.raises(ValueError, match=r"grid x\[3\] x y\[4\] has 12 points, above the cap"):
        Grid.parse(["x=0:1:3", "y=0,1,2,3"], max_points=10)
    with pytest.raises(ValueError, match=r"axis 'x' has 4 points, above the cap of 3"):
        parse_axis("x=0,1,2,3", max_points=3)
    monkeypatch.setenv("SPINTHERMO_MAX_GRID_POINTS", "5")
    assert max_grid_points() == 5
    with pytest.raises(ValueError, match=r"above the cap of 5 points.*SPINTHERMO_MAX_GRID_POINTS"):
        plan_sweep("dipolar-coherence", ["nbar=1:2:6"])
    assert parse_axis("x=0:1:6", max_points=6).size == 6  # the keyword wins over the variable
    monkeypatch.setenv("SPINTHERMO_MAX_GRID_POINTS", "lots")
    with pytest.raises(ValueError, match=r"environment variable SPINTHERMO_MAX_GRID_POINTS must "
                                         r"be a positive integer.*received 'lots'"):
        parse_axis("x=0:1:3")
    with pytest.raises(ValueError, match=r"max_points must be a positive integer.*received 0"):
        parse_axis("x=0:1:3", max_points=0)
