"""core/checks.py: every public check names the parameter, the allowed range and the value."""

import math

import numpy as np
import pytest

from spinthermo.core.checks import (
    require_density_matrix,
    require_finite,
    require_hermitian,
    require_nonnegative,
    require_numeric,
    require_positive,
    require_range,
    require_same_dimension,
    require_square_matrices,
    require_times,
)

RHO = np.diag([0.25, 0.75])

#: Each public check, called with the value under test in the position of parameter "probe".
CHECKS = {
    "require_numeric": lambda v: require_numeric("probe", v),
    "require_finite": lambda v: require_finite("probe", v),
    "require_range": lambda v: require_range("probe", v, 0.0, 1.0),
    "require_nonnegative": lambda v: require_nonnegative("probe", v),
    "require_positive": lambda v: require_positive("probe", v),
    "require_times": lambda v: require_times(v, name="probe"),
    "require_square_matrices": lambda v: require_square_matrices("probe", v),
    "require_hermitian": lambda v: require_hermitian("probe", v),
    "require_density_matrix": lambda v: require_density_matrix("probe", v),
    "require_same_dimension (first)": lambda v: require_same_dimension("probe", v, "b", RHO),
    "require_same_dimension (second)": lambda v: require_same_dimension("a", RHO, "probe", v),
}

NON_NUMERIC = {
    "string": ("0.5", "<U3"),
    "string array": (np.array([["a", "b"], ["c", "d"]]), "<U1"),
    "object array": (np.array([[0.5, None], [None, 0.5]], dtype=object), "object"),
    "None": (None, "object"),
}


@pytest.mark.parametrize("check", sorted(CHECKS))
@pytest.mark.parametrize("kind", sorted(NON_NUMERIC))
def test_non_numeric_input_is_a_type_error_naming_parameter_and_dtype(check, kind):
    value, dtype = NON_NUMERIC[kind]
    with pytest.raises(TypeError, match=rf"probe must be a number .* of dtype {dtype}"):
        CHECKS[check](value)


@pytest.mark.parametrize("check", ["require_finite", "require_range", "require_nonnegative",
                                   "require_positive", "require_times"])
@pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf])
def test_non_finite_values_are_rejected_by_name(check, bad):
    with pytest.raises(ValueError, match="probe must be finite"):
        CHECKS[check]([0.5, bad])


def test_range_message_gives_range_reason_and_received_value():
    with pytest.raises(ValueError, match=r"^t must lie in \[298, 550\] K \(Alcock\); "
                                         r"received 600 K$"):
        require_range("t", [300.0, 600.0], 298.0, 550.0, unit="K", reason="Alcock")
    with pytest.raises(ValueError, match=r"^x must be finite and lie in \(0, inf\) m; "
                                         r"received nan m$"):
        require_positive("x", math.nan, unit="m")
    with pytest.raises(ValueError, match=r"^x must lie in \[0, inf\); received -1$"):
        require_nonnegative("x", -1.0)


def test_complex_where_real_is_required_is_a_type_error():
    with pytest.raises(TypeError, match="probe must be real"):
        require_range("probe", 0.5 + 0.1j)


def test_ragged_input_is_a_value_error_naming_the_parameter():
    with pytest.raises(ValueError, match=r"probe must be .* rectangular array"):
        require_finite("probe", [[1.0, 2.0], [3.0]])


def test_numeric_inputs_pass_unchanged():
    assert require_range("x", 0.5, 0.0, 1.0) == 0.5
    assert require_numeric("x", [True, False]).dtype == bool
    np.testing.assert_array_equal(require_times([0, 1]), [0.0, 1.0])
    np.testing.assert_allclose(require_density_matrix("rho", RHO), RHO)
    require_same_dimension("a", RHO, "b", np.eye(2))
    with pytest.raises(ValueError, match="a and b must act on the same space"):
        require_same_dimension("a", RHO, "b", np.eye(3))
    with pytest.raises(ValueError, match="probe must be an operator"):
        require_same_dimension("probe", 1.0, "b", RHO)
