"""``require_columns``: the one parser of a batch function's parameter columns (issue 15)."""

from __future__ import annotations

import numpy as np
import pytest

from spinthermo.core.checks import require_columns


def test_scalars_and_columns_broadcast_to_one_float_column_each():
    detuning = np.array([1, 2, 3])  # integers become floats
    columns = require_columns("batch", {"detuning_hz": detuning, "pressure_torr": 100.0,
                                        "flag": True})
    assert list(columns) == ["detuning_hz", "pressure_torr", "flag"]
    for column in columns.values():
        assert column.shape == (3,) and column.dtype == float and column.flags.writeable
    np.testing.assert_array_equal(columns["pressure_torr"], [100.0] * 3)
    np.testing.assert_array_equal(columns["flag"], [1.0] * 3)
    columns["detuning_hz"][0] = -1.0  # a new array: the caller's column is untouched
    assert detuning[0] == 1


def test_all_scalars_are_one_point():
    columns = require_columns("batch", {"a": 1.5, "b": np.float64(2.0), "c": [7.0]})
    assert {name: c.tolist() for name, c in columns.items()} == {"a": [1.5], "b": [2.0],
                                                                  "c": [7.0]}
    assert require_columns("batch", {}) == {}


def test_columns_of_different_lengths_name_the_owner_and_the_shapes():
    with pytest.raises(ValueError, match=r"light_shift_batch must broadcast to one shape "
                                         r"\(m,\); received shapes \{'a': \(2,\), 'b': \(3,\)\}"):
        require_columns("light_shift_batch", {"a": [1.0, 2.0], "b": [1.0, 2.0, 3.0]})


def test_a_two_dimensional_value_is_not_a_column():
    with pytest.raises(ValueError, match=r"owner must be scalars or 1-D columns.*'grid': "
                                         r"\(2, 3\).*broadcast to \(2, 3\)"):
        require_columns("owner", {"grid": np.zeros((2, 3)), "b": 1.0})


@pytest.mark.parametrize(("value", "error", "message"), [
    ("strong", TypeError, r"rabi_hz must be a number.*received str"),
    (None, TypeError, r"rabi_hz must be a number.*received NoneType"),
    ([1.0, "x"], TypeError, r"rabi_hz must be a number"),
    (1 + 2j, TypeError, r"rabi_hz must be real numbers; received complex"),
    ([[1.0], [1.0, 2.0]], ValueError, r"rabi_hz must be a number or a rectangular array"),
])
def test_non_numeric_values_name_the_parameter(value, error, message):
    with pytest.raises(error, match=message):
        require_columns("batch", {"detuning_hz": [0.0, 1.0], "rabi_hz": value})
