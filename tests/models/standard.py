"""One set of checks every model of :mod:`spinthermo.models` passes (as scqubits'
``StandardTests``): the :class:`~spinthermo.models.base.Model` protocol, physical states, and
agreement of the model's own fast path with the front door (:func:`spinthermo.steady_state`,
:func:`spinthermo.evolve`) fed with ``model.open_system()``.

Subclass :class:`StandardModelTests` as ``TestSomething``, give ``make_model()`` (a small,
fast parameter set), ``evolution_times`` (a short grid, s) and ``relaxation_time`` (s, after
which the state has relaxed to the steady state; None with ``relaxation_skip_reason`` where
integrating that long is too costly). A verb that raises
:func:`~spinthermo.models.base.not_applicable` skips the checks that need it, with its reason.
"""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

import spinthermo as st
from spinthermo.core.checks import require_density_matrix

#: ‖H − H†‖_max relative to max|H|: H is assembled from real coefficients times Hermitian
#: operators, so only rounding (a few ε) separates it from its adjoint.
HERMITIAN_RTOL = 1e-12
#: Trace, Hermiticity and the most negative eigenvalue of every state: the solvers work at
#: rtol ~ 1e-8 (evolution) and residual 1e-12 (steady state), both far inside this.
STATE_ATOL = 1e-8
#: Relative steady-state residual max|dρ/dt|/max|𝓛| accepted from a model: the engine's
#: Newton/bordered solves stop at 1e-12; a residual above 1e-10 is not a steady state.
RESIDUAL_TOL = 1e-10
#: Model vs front door on the same equation, steady state: two direct or Newton solves of
#: one linear/nonlinear system agree to ~ κ·1e-12; 1e-9 leaves room for condition numbers
#: up to 1e3 and still fails on any wrong term (which moves ρ by ≳ the smallest rate/max|𝓛|).
FRONT_DOOR_STEADY_ATOL = 1e-9
#: Model vs front door on the same equation, trajectory: two integrations at rtol 1e-8 and
#: atol 1e-10 (EvolveOptions' defaults) differ by ~1e-8 in each entry.
FRONT_DOOR_EVOLVE_ATOL = 1e-7
#: ρ(times[0]) against the initial state: the integrators return the initial point exactly.
START_ATOL = 1e-12
#: A long evolution against the steady state: after relaxation_time (≥ 30 slowest decay
#: times, e^{−30} ≈ 1e-13) the integration error (rtol 1e-8) dominates.
APPROACH_ATOL = 1e-6


def _maybe(verb, *args, **kwargs):
    """Call ``verb``; skip the test with the model's reason where it is not applicable."""
    try:
        return verb(*args, **kwargs)
    except NotImplementedError as error:
        pytest.skip(str(error))


class StandardModelTests:
    """The checks; see the module docstring. Not collected itself (no ``Test`` prefix)."""

    #: Times (s) of the short trajectories compared with the front door.
    evolution_times: tuple[float, ...] = ()
    #: Time (s) after which ρ(t) is the steady state within APPROACH_ATOL; None: not checked.
    relaxation_time: float | None = None
    relaxation_skip_reason: str = "no relaxation_time given"
    #: SteadyStateOptions for the front door where the model's equation is ill-conditioned
    #: (rates spanning many decades need a residual below the default 1e-12).
    front_door_steady_options: st.SteadyStateOptions | None = None

    def make_model(self):
        raise NotImplementedError("a StandardModelTests subclass gives make_model()")

    @classmethod
    def model(cls):
        """``make_model()``, built once per subclass (steady states are cached by models)."""
        if "_model" not in cls.__dict__:
            cls._model = cls().make_model()
        return cls._model

    # ------------------------------------------------------------------ protocol
    def test_parameters_are_a_frozen_dataclass(self):
        parameters = self.model().parameters
        assert dataclasses.is_dataclass(parameters)
        with pytest.raises(dataclasses.FrozenInstanceError):
            field = dataclasses.fields(parameters)[0].name
            setattr(parameters, field, getattr(parameters, field))

    def test_hamiltonian_is_hermitian(self):
        h = _maybe(self.model().hamiltonian)
        h = h.toarray() if hasattr(h, "toarray") else np.asarray(h)  # sparse for large models
        assert h.ndim == 2 and h.shape[0] == h.shape[1]
        scale = max(float(np.max(np.abs(h))), 1.0)
        assert np.max(np.abs(h - h.conj().T)) <= HERMITIAN_RTOL * scale

    # ------------------------------------------------------------------ steady state
    def test_steady_state_is_a_density_matrix_with_a_small_residual(self):
        result = _maybe(self.model().steady_state)
        assert isinstance(result, st.SteadyStateResult)
        require_density_matrix("steady state", result.state, atol=STATE_ATOL)
        assert result.residual <= RESIDUAL_TOL

    def test_open_system_through_the_front_door_gives_the_models_steady_state(self):
        model = self.model()
        spec = _maybe(model.open_system)
        ours = _maybe(model.steady_state)
        door = st.steady_state(spec.hamiltonian, spec.c_ops, mean_field=spec.mean_field,
                               options=self.front_door_steady_options)
        np.testing.assert_allclose(door.state, ours.state, atol=FRONT_DOOR_STEADY_ATOL)

    # ------------------------------------------------------------------ evolution
    def test_evolution_gives_density_matrices_from_the_initial_state(self):
        model = self.model()
        result = _maybe(model.evolve, self.evolution_times)
        rho0 = model.initial_state()
        assert isinstance(result, st.EvolutionResult)
        np.testing.assert_allclose(result.times, self.evolution_times)
        np.testing.assert_allclose(result.states[0], rho0, atol=START_ATOL)
        require_density_matrix("evolved states", result.states, atol=STATE_ATOL)

    def test_open_system_through_the_front_door_gives_the_models_evolution(self):
        model = self.model()
        spec = _maybe(model.open_system)
        rho0 = model.initial_state()
        ours = _maybe(model.evolve, self.evolution_times, rho0)
        door = st.evolve(spec.hamiltonian, rho0, self.evolution_times, spec.c_ops,
                         mean_field=spec.mean_field)
        np.testing.assert_allclose(door.states, ours.states, atol=FRONT_DOOR_EVOLVE_ATOL)

    def test_a_long_evolution_reaches_the_steady_state(self):
        if self.relaxation_time is None:
            pytest.skip(self.relaxation_skip_reason)
        model = self.model()
        steady = _maybe(model.steady_state)
        final = _maybe(model.evolve, [0.0, self.relaxation_time]).final_state
        np.testing.assert_allclose(final, steady.state, atol=APPROACH_ATOL)
