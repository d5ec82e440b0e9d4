"""Seed 004 as one sweep point: light shift and linewidth of the Cs Zeeman resonance.

:func:`light_shift_point` is the point function of the registered sweep model ``light-shift``
(:mod:`spinthermo.sweep.catalogue`): the effective ground-state equation of
:mod:`spinthermo.models.light_shift` with Γ_pb and γ from the N₂ pressure
(:func:`~spinthermo.models.light_shift_presets.nitrogen_pressure_rates_hz`). It is a top-level
function so that spawned or Dask workers import it by module path; the model module is imported
when a point runs, so the sweep registry loads without it. :func:`light_shift_batch` evaluates
many points at once (issue 15): the same outputs through the batched engine, declared as the
model's batch function.
"""

from __future__ import annotations

import functools
import inspect
import math

import numpy as np

from spinthermo.core.checks import require_columns
from spinthermo.models.light_shift_presets import nitrogen_pressure_rates_hz

__all__ = ["BATCH_AGREEMENT", "PHYSICAL_TOLERANCE", "batch_point_difference",
           "light_shift_batch", "light_shift_point", "line_resolution_hz"]

#: Smallest eigenvalue accepted in a steady state (as the light-shift study: rounding ~1e-14,
#: unphysical mean-field roots ≤ −0.1).
PHYSICAL_TOLERANCE = 1e-8
#: The outputs of :func:`light_shift_point`, in its order.
OUTPUTS = ("light_shift_hz", "linewidth_hz", "electron_spin_z")
#: How closely the batch function equals the point function (issue 15), the light shift as
#: the crossing frequency ω₀ relative to ω₀, the line width and ⟨S_z⟩ relative to themselves
#: (:func:`batch_point_difference`).
BATCH_AGREEMENT = 1e-12


def line_resolution_hz(larmor_hz) -> tuple[np.ndarray, np.ndarray]:
    """How far two readings of one line by
    :func:`~spinthermo.models.light_shift.read_dispersive_lines` can lie apart by the
    tolerances of its Brent searches alone, for the light shift and the line width, Hz.

    Each root (the crossing ω₀ and each extremum, a root of the slope) ends in a bracket of
    width < t = xtol + 4ε·ω (``brentq``, xtol =
    :data:`~spinthermo.models.light_shift.LINE_XTOL`) around the true root, so two readings
    of it differ by < 2t: the light shift (ω₀ − ``|ω_L|``)/2π by < t/π, the width
    ``|ω_max − ω_min|``/4π by < t/π; ω ≤ 1.5 ``|ω_L|`` (the window's upper end). At 0.1 G
    (Cs) that is 1e-10 Hz, 3e-15 of ω₀/2π: the reading is no limit on the batch's 1e-12
    agreement (:data:`BATCH_AGREEMENT`).

    Parameters
    ----------
    larmor_hz : float or array_like
        Larmor frequency ω_L/2π of the line, Hz, any shape.

    Returns
    -------
    shift_hz : numpy.ndarray
        Bound on the light shift's difference, Hz, the shape of ``larmor_hz``.
    width_hz : numpy.ndarray
        Bound on the line width's difference, Hz, the shape of ``larmor_hz``.
    """
    from spinthermo.core.units import TWO_PI
    from spinthermo.models.light_shift import LINE_XTOL

    omega = 1.5 * np.abs(TWO_PI * np.asarray(larmor_hz, dtype=float))
    bracket = LINE_XTOL + 4 * np.finfo(float).eps * omega
    return bracket / math.pi, bracket / math.pi


def batch_point_difference(batch: dict, point: dict, larmor_hz) -> dict[str, np.ndarray]:
    """``|batch − point|`` of each output of :func:`light_shift_point` on the scale on which
    :data:`BATCH_AGREEMENT` bounds it.

    The light shift is read as the crossing frequency ω₀ = ``|ω_L|`` ± 2π·shift, whose
    absolute precision is set by ω₀ (a light shift of a few mHz cannot be 1e-12 relative):
    its difference is divided by ω₀/2π; the line width's and ⟨S_z⟩'s by their own magnitude
    (⟨S_z⟩ = 0 exactly, an unpumped atom, by its range ½).

    Parameters
    ----------
    batch : dict of str to array_like
        Outputs of :func:`light_shift_batch` (Hz, Hz, dimensionless), each of shape (m,).
    point : dict of str to array_like
        The same outputs by :func:`light_shift_point`, shape (m,).
    larmor_hz : array_like
        Larmor frequency ω_L/2π of each point (``LightShiftParameters.larmor_hz``), Hz,
        shape (m,) or a scalar.

    Returns
    -------
    dict of str to numpy.ndarray
        The scaled differences, dimensionless, shape (m,), by output name (NaN where an
        output is NaN).
    """
    larmor_hz = np.asarray(larmor_hz, dtype=float)
    shift = np.asarray(point["light_shift_hz"], dtype=float)
    crossing_hz = np.abs(larmor_hz) + np.where(larmor_hz >= 0, 1.0, -1.0) * shift
    spin_z = np.abs(np.asarray(point["electron_spin_z"], dtype=float))
    scale = {"light_shift_hz": np.abs(crossing_hz),
             "linewidth_hz": np.abs(np.asarray(point["linewidth_hz"], dtype=float)),
             "electron_spin_z": np.where(spin_z > 0, spin_z, 0.5)}
    return {name: np.abs(np.asarray(batch[name], dtype=float)
                         - np.asarray(point[name], dtype=float)) / scale[name]
            for name in OUTPUTS}


def _point_parameters(detuning_hz: float, pressure_torr: float, rabi_hz: float,
                      field_gauss: float, spin_exchange_hz: float):
    """The ``LightShiftParameters`` of one sweep point: ¹³³Cs, σ⁺ light against B₀, Γ_pb and γ
    from the N₂ pressure (checked on construction)."""
    from spinthermo.models.light_shift import LightShiftParameters

    pressure_broadening_hz, relaxation_hz = nitrogen_pressure_rates_hz(pressure_torr)
    return LightShiftParameters(
        species="133Cs", rabi_hz=rabi_hz, detuning_hz=detuning_hz,
        pressure_broadening_hz=pressure_broadening_hz, relaxation_hz=relaxation_hz,
        spin_exchange_hz=spin_exchange_hz, field_gauss=field_gauss, handedness="left",
        antiparallel=True)


def light_shift_point(detuning_hz: float, pressure_torr: float, rabi_hz: float,
                      field_gauss: float, spin_exchange_hz: float = 1.31e3) -> dict[str, float]:
    """Seed 004: light shift and linewidth (Hz) of the Cs Zeeman resonance, and ⟨S_z⟩.

    The effective ground-state equation, Eq. (18) with Eqs. (23)–(29), for σ⁺ light against
    B₀ (the paper's configuration); Γ_pb and γ from the N2 pressure by the paper's two
    parameter sets (:func:`~spinthermo.models.light_shift_presets.nitrogen_pressure_rates_hz`);
    shift and width from the zero crossing and extrema of Re⟨S_x⁺⟩(ω), Eqs. (36)–(40).

    Parameters
    ----------
    detuning_hz : float
        Pump detuning from the D1 line, Hz.
    pressure_torr : float
        N₂ pressure, torr, > 0; sets Γ_pb and γ.
    rabi_hz : float
        Pump Rabi frequency, Hz.
    field_gauss : float
        Static field B₀, gauss.
    spin_exchange_hz : float
        Spin-exchange rate, Hz.

    Returns
    -------
    dict of str to float
        ``"light_shift_hz"`` and ``"linewidth_hz"`` (Hz) and ``"electron_spin_z"`` (⟨S_z⟩).

    Raises
    ------
    ValueError
        If the steady state is not a density matrix or the resonance is not found.
    """
    from spinthermo.models.light_shift import PumpedAtom

    params = _point_parameters(detuning_hz, pressure_torr, rabi_hz, field_gauss,
                               spin_exchange_hz)
    atom = PumpedAtom(params, "effective")
    rho = atom.density_matrix()
    lowest = float(np.linalg.eigvalsh(0.5 * (rho + rho.conj().T))[0])
    if abs(np.trace(rho) - 1.0) > PHYSICAL_TOLERANCE or lowest < -PHYSICAL_TOLERANCE:
        raise ValueError(f"the steady state is not a density matrix (smallest eigenvalue "
                         f"{lowest:.2e})")
    shift, width = atom.light_shift_and_linewidth()
    return {"light_shift_hz": float(shift), "linewidth_hz": float(width),
            "electron_spin_z": float(atom.electron_spin_z())}


def light_shift_batch(detuning_hz, pressure_torr, rabi_hz, field_gauss, spin_exchange_hz=1.31e3
                      ) -> tuple[dict[str, np.ndarray], list[Exception | None]]:
    """Seed 004: :func:`light_shift_point` at many points at once, each failing on its own.

    The same equations (Eq. 18 with Eqs. 23–29; response Eqs. 36–40) and the same numerical
    steps as the point function, evaluated on stacks: the population steady states of all
    points by the self-consistent iteration and the per-entry compiled Newton of
    :func:`~spinthermo.core.steady.steady_states`; the Jacobians on the Δm = ±1 coherences
    that the probe reaches, stacked and diagonalised together; the line of every point read
    by the point function's own reading on arrays
    (:func:`~spinthermo.models.light_shift.read_dispersive_lines`: the 801-point scan, each
    extremum a root of the analytic slope, the zero crossing a root of the signal, all by
    Brent's method as ``scipy.optimize.brentq`` steps through it). Every output equals the
    point function's to :data:`BATCH_AGREEMENT` = 1e-12 (Notes).

    Parameters
    ----------
    detuning_hz : array_like
        Pump detuning from the D1 line, Hz: a column of shape ``(m,)`` with one value per
        point, or a scalar shared by every point (as every parameter here; all scalars: one
        point, m = 1).
    pressure_torr : array_like
        N₂ pressure, torr, > 0; sets Γ_pb and γ.
    rabi_hz : array_like
        Pump Rabi frequency, Hz, ≥ 0.
    field_gauss : array_like
        Static field B₀, gauss, > 0.
    spin_exchange_hz : array_like, optional
        Spin-exchange rate, Hz, ≤ γ (default 1.31e3).

    Returns
    -------
    outputs : dict of str to numpy.ndarray
        ``"light_shift_hz"``, ``"linewidth_hz"`` (Hz) and ``"electron_spin_z"`` (⟨S_z⟩), as
        :func:`light_shift_point` gives them, each of shape ``(m,)``; NaN at a failed point.
    errors : list of Exception or None
        Per point, None or the exception :func:`light_shift_point` raises there.

    Raises
    ------
    ValueError
        When the parameters do not broadcast to one 1-D shape ``(m,)``.
    TypeError
        When a parameter is not numeric, or complex.

    Notes
    -----
    A point whose parameters are invalid, whose steady state fails (no convergence, not a
    density matrix) or whose line cannot be read (no sign change between the extrema, no
    convergence of Brent's method, a non-finite value) is evaluated again by
    :func:`light_shift_point`: its exception is recorded, or its outputs if it succeeds
    alone; its neighbours are not affected. Warnings of the parameters (weak driving) are
    raised as by the point function.

    "Identical to 1e-12" (issue 15) reads the light shift as the crossing frequency ω₀ =
    ``|ω_L|`` ± 2π·shift, whose absolute precision is set by ω₀ (a light shift of a few mHz
    cannot be 1e-12 relative): ``|Δ shift|`` ≤ 1e-12·ω₀/2π; the line width and ⟨S_z⟩ to
    1e-12 relative (:func:`batch_point_difference`). The stacked products round differently
    from the point path's (last bits of the Jacobian and its modes); a root of the slope
    moves by that rounding only, where a bounded minimiser at a flat extremum moved by its
    tolerance √ε·ω. On the 800 points of Fig. 4 the largest differences are 7e-15 (light
    shift, of ω₀), 3.6e-13 (line width) and 2e-15 (⟨S_z⟩).
    """
    columns = require_columns("light_shift_batch", {
        "detuning_hz": detuning_hz, "pressure_torr": pressure_torr, "rabi_hz": rabi_hz,
        "field_gauss": field_gauss, "spin_exchange_hz": spin_exchange_hz})
    m = columns["detuning_hz"].shape[0]
    outputs = {name: np.full(m, np.nan) for name in OUTPUTS}
    errors: list[Exception | None] = [None] * m
    solved = np.zeros(m, dtype=bool)
    groups: dict[tuple[float, float, float], list] = {}
    for k in range(m):
        try:
            params = _point_parameters(**{name: float(c[k]) for name, c in columns.items()})
        except Exception:
            continue  # the point function gives this point its error below
        if params.field_gauss > 0:  # B₀ = 0 has no Larmor line: the point function says so
            key = (params.field_gauss, params.relaxation_hz, params.spin_exchange_hz)
            groups.setdefault(key, []).append((k, params))
    for members in groups.values():
        indices = np.array([k for k, _ in members])
        try:
            values, ok = _solve_group([params for _, params in members])
        except np.linalg.LinAlgError:  # LAPACK names no entry: each point alone, below
            continue
        for name, value in values.items():
            outputs[name][indices[ok]] = value[ok]
        solved[indices[ok]] = True
    for k in np.flatnonzero(~solved):
        try:
            row = light_shift_point(**{name: float(c[k]) for name, c in columns.items()})
        except Exception as exc:
            errors[k] = exc
            continue
        for name, value in row.items():
            outputs[name][k] = value
    return outputs, errors


def _solve_group(params: list) -> tuple[dict[str, np.ndarray], np.ndarray]:
    """The outputs of :func:`light_shift_point` for points that share B₀, γ and γ_se (one
    pump-free generator), and the mask of the entries solved here; the others go to the
    point function."""
    from dataclasses import replace

    from spinthermo.core.generator import MeanFieldGenerator
    from spinthermo.core.steady import SteadyStateError, steady_states
    from spinthermo.core.units import TWO_PI
    from spinthermo.models.light_shift import (
        POSITIVITY_TOLERANCE,
        closed_form_coefficients,
        projected_closed_form_structure,
        read_dispersive_lines,
    )

    first = params[0]
    effective, populations = _pump_free_atoms(replace(first, rabi_hz=0.0, detuning_hz=0.0))
    keys, rate_structure = projected_closed_form_structure(first.atom.name, first.handedness,
                                                           "rate")
    _, effective_structure = projected_closed_form_structure(first.atom.name, first.handedness,
                                                             "effective")
    coefficients = np.stack([closed_form_coefficients(p, keys) for p in params])
    free = populations.generator
    rates = MeanFieldGenerator(free.linear + np.tensordot(coefficients, rate_structure, 1),
                               free.feedback_rows, free.feedback_ops, free.trace)
    start, ok = _self_consistent_entries(rates, populations.initial_guess())
    try:
        solution, converged = steady_states(rates, start)
    except SteadyStateError:
        return {}, np.zeros(len(params), dtype=bool)
    ok &= (converged & np.all(np.isfinite(solution.state), axis=-1)
           & (np.min(solution.state.real, axis=-1) >= -POSITIVITY_TOLERANCE))
    x = effective.projection.restrict(populations.projection.embed(solution.state))
    rho = effective.projection.embed(x)
    lowest = np.full(len(params), np.nan)
    lowest[ok] = np.linalg.eigvalsh(0.5 * (rho[ok] + np.conj(np.swapaxes(rho[ok], -1, -2))))[:, 0]
    trace = np.trace(rho, axis1=-2, axis2=-1)
    ok &= (np.abs(trace - 1.0) <= PHYSICAL_TOLERANCE) & (lowest >= -PHYSICAL_TOLERANCE)
    s_x, _, s_z = effective.operators.ground_spin()
    electron_spin_z = np.real(np.einsum("ij,bji->b", s_z, rho))
    ok &= np.isfinite(electron_spin_z)
    outputs = {"light_shift_hz": np.full(len(params), np.nan),
               "linewidth_hz": np.full(len(params), np.nan), "electron_spin_z": electron_spin_z}
    good = np.flatnonzero(ok)  # the response of the physical steady states only
    if good.size == 0:
        return outputs, ok
    eigenvalues, residues = _transverse_poles(effective, effective_structure,
                                              coefficients[good], x[good], first.rf_field_gauss,
                                              s_x)
    larmor_hz = np.array([params[k].larmor_hz for k in good])
    larmor = np.abs(TWO_PI * larmor_hz)  # the window |ω_L| ± |ω_L|/2 of the point path
    reading = read_dispersive_lines(eigenvalues, residues, larmor - 0.5 * larmor,
                                    larmor + 0.5 * larmor)
    ok[good] &= reading.read
    outputs["light_shift_hz"][good] = reading.light_shift_hz(larmor_hz)
    outputs["linewidth_hz"][good] = reading.linewidth_hz
    return outputs, ok


@functools.lru_cache(maxsize=16)
def _pump_free_atoms(pump_off):
    """The effective equation and its population (rate) restriction at Ω = 0: their
    generators hold the hyperfine, Zeeman, relaxation and spin-exchange terms, to which the
    pump terms Σ_k c_k(Δ̃) S_k of Eqs. (23)-(29) are added per point. Cached with the
    generators they build: the chunks of a sweep repeat B₀, γ and γ_se."""
    from spinthermo.models.light_shift import PumpedAtom

    effective = PumpedAtom(pump_off, "effective")
    return effective, effective.population_equation()


def _self_consistent_entries(generator, guess: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """:func:`~spinthermo.core.steady.self_consistent_steady_state` (its default tolerance and
    iteration limit) for every entry of a batched generator on its own: each entry stops at
    its own first iterate that moves by at most the tolerance, as when solved alone, so that
    Newton starts where the point path starts it (Newton stops at a residual of 1e-12, and a
    start farther away ends ~1e-11 elsewhere). Returns the iterates and the mask of the
    entries that converged."""
    from spinthermo.core.generator import MeanFieldGenerator
    from spinthermo.core.steady import self_consistent_steady_state, steady_state

    defaults = inspect.signature(self_consistent_steady_state).parameters
    tol, max_iterations = defaults["tol"].default, defaults["max_iterations"].default
    batch = generator.batch_shape[0]
    x = np.array(np.broadcast_to(guess, (batch, generator.size)), dtype=complex)
    converged = np.zeros(batch, dtype=bool)
    active = np.arange(batch)
    for _ in range(max_iterations):
        if active.size == 0:
            break
        frozen = MeanFieldGenerator(generator.linear[active], generator.feedback_rows,
                                    generator.feedback_ops, generator.trace)
        linear = MeanFieldGenerator.linear_only(frozen.effective_liouvillian(x[active]),
                                                generator.trace)
        new = steady_state(linear, check_unique=False).state
        done = np.max(np.abs(new - x[active]), axis=-1) <= tol
        x[active] = new
        converged[active[done]] = True
        active = active[~done]
    return x, converged


def _transverse_poles(effective, structure: np.ndarray, coefficients: np.ndarray,
                      x: np.ndarray, rf_field_gauss: float, s_x: np.ndarray
                      ) -> tuple[np.ndarray, np.ndarray]:
    """Eigenvalues λ_k and residues r_k of every point's response, ⟨S_x⁺⟩(ω) =
    −Σ_k r_k/(λ_k − iω) (Eqs. 39–40, ``PumpedAtom.transverse_poles``), shapes (B, m).

    The Jacobian L̄0 + L̄0⁽⁺⁾ is needed on the coordinates the drive reaches only (the
    Δm = ±1 coherences): that block of ``MeanFieldGenerator.jacobian``, exact because the
    steady state vanishes off the populations.
    """
    import scipy.sparse
    import scipy.sparse.csgraph

    from spinthermo.atoms.gyromagnetic import ELECTRON_GYROMAGNETIC_HZ_PER_GAUSS
    from spinthermo.core.response import reachable_coordinates
    from spinthermo.core.superop import expectation_row, spost, spre
    from spinthermo.core.units import TWO_PI

    projection, free = effective.projection, effective.generator
    b_x = TWO_PI * (ELECTRON_GYROMAGNETIC_HZ_PER_GAUSS * rf_field_gauss)
    drive_matrix = projection.superoperator(-0.5j * b_x * (spre(s_x) - spost(s_x)))
    occupied = np.any(x != 0, axis=0)
    ops, rows = free.feedback_ops, free.feedback_rows
    # the sparsity of A + Σ_k [(c_k·x) B_k + (B_k x) c_kᵀ] over the batch (MeanFieldGenerator.
    # jacobian): B_k enters where some c_k·x ≠ 0 (⟨S_z⟩, not ⟨S_±⟩, at a diagonal state)
    fed = np.any(x @ rows.T != 0, axis=0)
    outer = (np.any(ops[:, :, occupied] != 0, axis=2)[:, :, None] & (rows != 0)[:, None, :])
    coupled = ((free.linear != 0) | np.any(structure != 0, axis=0)
               | np.any(ops[fed] != 0, axis=0) | np.any(outer, axis=0))
    support = reachable_coordinates(coupled, np.any(drive_matrix[:, occupied] != 0, axis=1))
    drive = x @ drive_matrix[support].T
    populated = np.flatnonzero(occupied)
    s, k = support.size, rows.shape[0]
    block = np.ix_(support, support)
    # A + Σ_k (c_k·x) B_k + Σ_k (B_k x) c_kᵀ on the support, each term one 2-D product over
    # the batch; x vanishes off the populated coordinates
    linear = free.linear[block] + (coefficients @ structure[:, support[:, None], support]
                                   .reshape(-1, s * s)).reshape(-1, s, s)
    frozen = ((x @ rows.T) @ ops[:, support[:, None], support].reshape(k, s * s)
              ).reshape(-1, s, s)
    fed_back = (x[:, populated] @ ops[:, support[:, None], populated].reshape(k * s, -1).T
                ).reshape(-1, k, s)
    outer = (np.swapaxes(fed_back, 1, 2).reshape(-1, k) @ rows[:, support]).reshape(-1, s, s)
    jacobian = linear + frozen + outer
    row = projection.row(expectation_row(s_x))[support]
    # the block falls apart into uncoupled sets (the Δm = +1 and the Δm = −1 coherences):
    # each is diagonalised on its own
    _, label = scipy.sparse.csgraph.connected_components(
        scipy.sparse.csr_array(coupled[block]), directed=False)
    eigenvalues, residues = [], []
    for part in (np.flatnonzero(label == c) for c in np.unique(label)):
        values, modes = np.linalg.eig(jacobian[:, part[:, None], part])
        drive_in_modes = np.linalg.solve(modes, drive[:, part, None])[..., 0]
        eigenvalues.append(values)
        residues.append(2.0 * (row[part] @ modes) * drive_in_modes)
    return np.concatenate(eigenvalues, axis=-1), np.concatenate(residues, axis=-1)
