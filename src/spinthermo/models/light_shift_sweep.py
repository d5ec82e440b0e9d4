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

from spinthermo.core.checks import require_numeric
from spinthermo.models.light_shift_presets import nitrogen_pressure_rates_hz

__all__ = ["PHYSICAL_TOLERANCE", "light_shift_batch", "light_shift_point",
           "line_resolution_hz"]

#: Smallest eigenvalue accepted in a steady state (as the light-shift study: rounding ~1e-14,
#: unphysical mean-field roots ≤ −0.1).
PHYSICAL_TOLERANCE = 1e-8
#: Probe frequencies of the coarse scan of Re⟨S_x⁺⟩(ω) over ``|ω_L| ± |ω_L|/2`` that brackets
#: the extrema, as ``PumpedAtom.light_shift_and_linewidth`` scans them.
LINE_SCAN_POINTS = 801
#: Absolute tolerance (rad/s) of the extrema and the zero crossing of the line, the default
#: ``xtol`` of :func:`~spinthermo.core.response.extremum` and ``zero_crossing``.
LINE_XTOL = 1e-9
#: Entries whose 801-point scans are evaluated together, in (entries, 801, modes) float
#: temporaries of ~6 MB each for the 28 Δm = ±1 modes of Cs.
SCAN_BLOCK = 32
#: The outputs of :func:`light_shift_point`, in its order.
OUTPUTS = ("light_shift_hz", "linewidth_hz", "electron_spin_z")


def line_resolution_hz(larmor_hz) -> tuple[np.ndarray, np.ndarray]:
    """How far two readings of one line by ``PumpedAtom.light_shift_and_linewidth`` can differ
    when their arithmetic differs in the last bits (another BLAS summation order, the batch):
    the bounds that Brent's tolerances put on the light shift and the line width, Hz.

    The zero crossing ends in a bracket of width < ``xtol + 4ε·ω`` (``brentq``, xtol =
    :data:`LINE_XTOL`), so two readings differ by < 2(xtol + 4ε·ω); each extremum ends within
    ``2·tol1`` of the true one, ``tol1 = √(2.2e-16)·ω + xtol/3`` (bounded Brent), so a width
    ``|ω_max − ω_min|/4π`` differs by < 2·tol1/π; ω ≤ 1.5 ``|ω_L|`` (the window's upper end).

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

    omega = 1.5 * np.abs(TWO_PI * np.asarray(larmor_hz, dtype=float))
    crossing = LINE_XTOL + 4 * np.finfo(float).eps * omega
    extremum = math.sqrt(2.2e-16) * omega + LINE_XTOL / 3.0
    return 2 * crossing / TWO_PI, 2 * extremum / math.pi


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
    that the probe reaches, stacked and diagonalised together; the 801-point scan, the
    extrema (bounded Brent, as ``scipy.optimize.minimize_scalar``) and the zero crossing
    (Brent, as ``scipy.optimize.brentq``) of every point's Re⟨S_x⁺⟩(ω) on arrays, step for
    step as SciPy takes them. ⟨S_z⟩ equals the point function's to 1e-15; light shift and
    line width agree to the point path's own resolution (:func:`line_resolution_hz`; Notes).

    Parameters
    ----------
    detuning_hz : array_like
        Pump detuning from the D1 line, Hz: a column of shape ``(m,)`` with one value per
        point, or a scalar shared by every point (as every parameter here).
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
        When a parameter is not numeric.

    Notes
    -----
    A point whose parameters are invalid, whose steady state fails (no convergence, not a
    density matrix) or whose line cannot be read (no sign change between the extrema, no
    convergence of Brent's method, a non-finite value) is evaluated again by
    :func:`light_shift_point`: its exception is recorded, or its outputs if it succeeds
    alone; its neighbours are not affected. Warnings of the parameters (weak driving) are
    raised as by the point function.

    The stacked products round differently from the point path's (last bits of the
    Jacobian), and the line reading passes that on: bounded Brent's parabolic steps at a flat
    extremum turn last-bit differences of Re⟨S_x⁺⟩ into differences of the located extremum,
    mostly ~1e-9 relative, and where a comparison flips up to the step's tolerance
    (√ε·``|ω|`` ≈ 5e-3 rad/s at 0.1 G). On the 800 points of Fig. 4 the line width agrees to
    ≤ 3.4e-10 relative at 798 points and to 2.5e-4 Hz (4e-7) at two; the light shift to
    1.3e-10 Hz. The point path itself moves as much under another BLAS summation order.
    """
    columns = _broadcast_columns({"detuning_hz": detuning_hz, "pressure_torr": pressure_torr,
                                  "rabi_hz": rabi_hz, "field_gauss": field_gauss,
                                  "spin_exchange_hz": spin_exchange_hz})
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


def _broadcast_columns(values: dict) -> dict[str, np.ndarray]:
    """The parameters as float columns of one shape ``(m,)`` (scalars shared by every point)."""
    arrays = {name: np.asarray(require_numeric(name, value), dtype=float)
              for name, value in values.items()}
    try:
        shaped = np.broadcast_arrays(*arrays.values())
    except ValueError:
        shapes = {name: array.shape for name, array in arrays.items()}
        raise ValueError(f"the parameters of light_shift_batch must broadcast to one shape "
                         f"(m,); received shapes {shapes}") from None
    if shaped[0].ndim > 1:
        raise ValueError(f"the parameters of light_shift_batch must be scalars or 1-D columns; "
                         f"they broadcast to shape {shaped[0].shape}")
    return {name: np.atleast_1d(array) for name, array in zip(arrays, shaped, strict=True)}


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
        _closed_form_coefficients,
        _projected_structure,
    )

    first = params[0]
    effective, populations = _pump_free_atoms(replace(first, rabi_hz=0.0, detuning_hz=0.0))
    keys, rate_structure = _projected_structure(first.atom.name, first.handedness, "rate")
    _, effective_structure = _projected_structure(first.atom.name, first.handedness,
                                                  "effective")
    coefficients = np.stack([_closed_form_coefficients(p, keys) for p in params])
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
    eigenvalues, weights = _transverse_modes(effective, effective_structure, coefficients[good],
                                             x[good], first.rf_field_gauss, s_x)
    larmor_hz = np.array([params[k].larmor_hz for k in good])
    larmor = np.abs(TWO_PI * larmor_hz)
    crossing, w_max, w_min, read = _read_lines(eigenvalues, weights, larmor)
    ok[good] &= read
    sign = np.where(larmor_hz >= 0, 1.0, -1.0)
    outputs["light_shift_hz"][good] = sign * (crossing - larmor) / TWO_PI
    outputs["linewidth_hz"][good] = np.abs(w_max - w_min) / 2 / TWO_PI
    return outputs, ok


@functools.lru_cache(maxsize=16)
def _pump_free_atoms(pump_off):
    """The effective equation and its population (rate) restriction at Ω = 0: their
    generators hold the hyperfine, Zeeman, relaxation and spin-exchange terms, to which the
    pump terms Σ_k c_k(Δ̃) S_k of Eqs. (23)-(29) are added per point. Cached with the
    generators they build: the chunks of a sweep repeat B₀, γ and γ_se."""
    from dataclasses import replace

    from spinthermo.models.light_shift import PumpedAtom

    effective = PumpedAtom(pump_off, "effective")
    populations = replace(effective, treatment="rate", _source="effective")
    return effective, populations


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


def _transverse_modes(effective, structure: np.ndarray, coefficients: np.ndarray,
                      x: np.ndarray, rf_field_gauss: float, s_x: np.ndarray
                      ) -> tuple[np.ndarray, np.ndarray]:
    """Eigenvalues λ_k and residues r_k of every point's response, ⟨S_x⁺⟩(ω) =
    −2 Σ_k r_k/(λ_k − iω) (Eqs. 39–40, ``PumpedAtom.response``), shapes (B, m).

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
    eigenvalues, weights = [], []
    for part in (np.flatnonzero(label == c) for c in np.unique(label)):
        values, modes = np.linalg.eig(jacobian[:, part[:, None], part])
        drive_in_modes = np.linalg.solve(modes, drive[:, part, None])[..., 0]
        eigenvalues.append(values)
        weights.append((row[part] @ modes) * drive_in_modes)
    return np.concatenate(eigenvalues, axis=-1), np.concatenate(weights, axis=-1)


def _signal(eigenvalues: np.ndarray, weights: np.ndarray, omega: np.ndarray) -> np.ndarray:
    """Re⟨S_x⁺⟩(ω) = Re(−2 Σ_k r_k/(λ_k − iω)) per entry (Eq. 40); ``omega`` of shape (B,)
    or (B, G) in rad/s, eigenvalues and residues (B, m)."""
    if omega.ndim == 2:
        eigenvalues, weights = eigenvalues[:, None, :], weights[:, None, :]
    return np.real(2.0 * -np.sum(weights / (eigenvalues - 1j * omega[..., None]), axis=-1))


def _scan(eigenvalues: np.ndarray, weights: np.ndarray, omega: np.ndarray) -> np.ndarray:
    """:func:`_signal` on a scan ``omega`` of shape (B, G) in real arithmetic: with
    λ = α + iβ and r = u + iv, Re⟨S_x⁺⟩ = −2 Σ_k (u_k α_k − v_k (β_k − ω))/(α_k² + (β_k − ω)²)
    (the scan only locates the extrema; Brent refines them on :func:`_signal`)."""
    alpha, beta = eigenvalues.real[:, None, :], eigenvalues.imag[:, None, :]
    u, v = weights.real[:, None, :], weights.imag[:, None, :]
    offset = beta - omega[..., None]
    numerator = v * offset
    numerator += u * alpha
    offset *= offset
    offset += alpha * alpha
    numerator /= offset
    return -2.0 * np.sum(numerator, axis=-1)


def _read_lines(eigenvalues: np.ndarray, weights: np.ndarray, larmor: np.ndarray):
    """``PumpedAtom.light_shift_and_linewidth``'s reading of every entry's line, on arrays:
    the scan of ``|ω_L| ± |ω_L|/2``, the extrema refined within one scan step, the zero
    crossing between them (rad/s), and the mask of the entries read."""
    low, high = larmor - 0.5 * larmor, larmor + 0.5 * larmor
    grid = np.linspace(low, high, LINE_SCAN_POINTS, axis=-1)
    i_max = np.empty(larmor.size, dtype=int)
    i_min = np.empty(larmor.size, dtype=int)
    finite = np.ones(larmor.size, dtype=bool)
    for start in range(0, larmor.size, SCAN_BLOCK):
        part = slice(start, start + SCAN_BLOCK)
        values = _scan(eigenvalues[part], weights[part], grid[part])
        i_max[part], i_min[part] = np.argmax(values, axis=1), np.argmin(values, axis=1)
        finite[part] = np.all(np.isfinite(values), axis=1)
    step = grid[:, 1] - grid[:, 0]
    rows = np.arange(larmor.size)

    def signal(sign):
        return lambda omega, entries: sign * _signal(eigenvalues[entries], weights[entries],
                                                     omega)

    w_max = _bounded_minimum(signal(-1.0), np.maximum(low, grid[rows, i_max] - step),
                             np.minimum(high, grid[rows, i_max] + step), LINE_XTOL)
    w_min = _bounded_minimum(signal(1.0), np.maximum(low, grid[rows, i_min] - step),
                             np.minimum(high, grid[rows, i_min] + step), LINE_XTOL)
    a, b = np.minimum(w_max, w_min), np.maximum(w_max, w_min)
    crossing, found = _brent_root(signal(1.0), a, b, LINE_XTOL)
    read = finite & found & np.isfinite(w_max) & np.isfinite(w_min)
    return crossing, w_max, w_min, read


def _bounded_minimum(function, low: np.ndarray, high: np.ndarray, xatol: float,
                     max_evaluations: int = 500) -> np.ndarray:
    """Minimum of ``function(x, entries)`` on ``[low, high]`` per entry: Brent's bounded
    method (golden section and parabolic steps) exactly as
    ``scipy.optimize.minimize_scalar(method="bounded")`` steps through it, every entry with
    its own bracket, stopping on its own (the location, as SciPy returns it, also after
    ``max_evaluations``)."""
    sqrt_eps = math.sqrt(2.2e-16)
    golden_mean = 0.5 * (3.0 - math.sqrt(5.0))
    a, b = np.array(low, dtype=float), np.array(high, dtype=float)
    xf = a + golden_mean * (b - a)
    nfc, fulc = xf.copy(), xf.copy()
    rat, e = np.zeros_like(a), np.zeros_like(a)
    fx = function(xf, np.arange(a.size))
    fnfc, ffulc = fx.copy(), fx.copy()
    evaluations = 1
    while True:
        xm = 0.5 * (a + b)
        tol1 = sqrt_eps * np.abs(xf) + xatol / 3.0
        tol2 = 2.0 * tol1
        i = np.flatnonzero(np.abs(xf - xm) > (tol2 - 0.5 * (b - a)))
        if i.size == 0 or evaluations >= max_evaluations:
            return xf
        A, B, X, FX, XM, T1, T2 = a[i], b[i], xf[i], fx[i], xm[i], tol1[i], tol2[i]
        NFC, FNFC, FULC, FFULC = nfc[i], fnfc[i], fulc[i], ffulc[i]
        parabolic = np.abs(e[i]) > T1
        r = (X - NFC) * (FX - FFULC)
        q = (X - FULC) * (FX - FNFC)
        p = (X - FULC) * q - (X - NFC) * r
        q = 2.0 * (q - r)
        p = np.where(q > 0.0, -p, p)
        q = np.abs(q)
        accept = (parabolic & (np.abs(p) < np.abs(0.5 * q * e[i])) & (p > q * (A - X))
                  & (p < q * (B - X)))
        with np.errstate(divide="ignore", invalid="ignore"):
            step = (p + 0.0) / q
        edge = ((X + step - A) < T2) | ((B - (X + step)) < T2)
        toward = T1 * (np.sign(XM - X) + ((XM - X) == 0))
        E = np.where(accept, rat[i], np.where(X >= XM, A - X, B - X))
        RAT = np.where(accept, np.where(edge, toward, step), golden_mean * E)
        u = X + (np.sign(RAT) + (RAT == 0)) * np.maximum(np.abs(RAT), T1)
        fu = function(u, i)
        evaluations += 1
        better = fu <= FX
        a[i] = np.where(better, np.where(u >= X, X, A), np.where(u < X, u, A))
        b[i] = np.where(better, np.where(u >= X, B, X), np.where(u < X, B, u))
        second = ~better & ((fu <= FNFC) | (NFC == X))
        third = ~better & ~second & ((fu <= FFULC) | (FULC == X) | (FULC == NFC))
        fulc[i] = np.where(better | second, NFC, np.where(third, u, FULC))
        ffulc[i] = np.where(better | second, FNFC, np.where(third, fu, FFULC))
        nfc[i] = np.where(better, X, np.where(second, u, NFC))
        fnfc[i] = np.where(better, FX, np.where(second, fu, FNFC))
        xf[i] = np.where(better, u, X)
        fx[i] = np.where(better, fu, FX)
        e[i], rat[i] = E, RAT


def _brent_root(function, low: np.ndarray, high: np.ndarray, xtol: float,
                max_iterations: int = 100) -> tuple[np.ndarray, np.ndarray]:
    """Root of ``function(x, entries)`` in ``[low, high]`` per entry: Brent's method exactly
    as ``scipy.optimize.brentq`` (rtol = 4ε) steps through it, each entry stopping on its own.
    Returns the roots and the mask of the entries that converged (the others, a bracket
    without a sign change included, are NaN)."""
    rtol = 4 * np.finfo(float).eps
    everyone = np.arange(low.size)
    xpre, xcur = np.array(low, dtype=float), np.array(high, dtype=float)
    fpre, fcur = function(xpre, everyone), function(xcur, everyone)
    root = np.where(fpre == 0, xpre, np.where(fcur == 0, xcur, np.nan))
    found = (fpre == 0) | (fcur == 0)
    xblk, fblk = np.zeros_like(xpre), np.zeros_like(xpre)
    spre, scur = np.zeros_like(xpre), np.zeros_like(xpre)
    i = np.flatnonzero(~found & (np.signbit(fpre) != np.signbit(fcur)) & np.isfinite(fpre)
                       & np.isfinite(fcur))
    for _ in range(max_iterations):
        if i.size == 0:
            break
        XP, XC, FP, FC = xpre[i], xcur[i], fpre[i], fcur[i]
        bracket = (FP != 0) & (FC != 0) & (np.signbit(FP) != np.signbit(FC))
        XB, FB = np.where(bracket, XP, xblk[i]), np.where(bracket, FP, fblk[i])
        SP = np.where(bracket, XC - XP, spre[i])
        SC = np.where(bracket, XC - XP, scur[i])
        swap = np.abs(FB) < np.abs(FC)
        XP, XC, XB = np.where(swap, XC, XP), np.where(swap, XB, XC), np.where(swap, XC, XB)
        FP, FC, FB = np.where(swap, FC, FP), np.where(swap, FB, FC), np.where(swap, FC, FB)
        delta = (xtol + rtol * np.abs(XC)) / 2
        sbis = (XB - XC) / 2
        done = (FC == 0) | (np.abs(sbis) < delta)
        root[i[done]], found[i[done]] = XC[done], True
        with np.errstate(divide="ignore", invalid="ignore"):
            dpre = (FP - FC) / (XP - XC)
            dblk = (FB - FC) / (XB - XC)
            stry = np.where(XP == XB, -FC * (XC - XP) / (FC - FP),
                            -FC * (FB * dblk - FP * dpre) / (dblk * dpre * (FB - FP)))
        good = ((np.abs(SP) > delta) & (np.abs(FC) < np.abs(FP))
                & (2 * np.abs(stry) < np.minimum(np.abs(SP), 3 * np.abs(sbis) - delta)))
        SP, SC = np.where(good, SC, sbis), np.where(good, stry, sbis)
        xblk[i], fblk[i], spre[i], scur[i] = XB, FB, SP, SC
        xpre[i], fpre[i] = XC, FC
        xcur[i] = XC + np.where(np.abs(SC) > delta, SC, np.where(sbis > 0, delta, -delta))
        i = i[~done]
        fcur[i] = function(xcur[i], i)
    return root, found
