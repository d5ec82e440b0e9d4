"""Compiled Dormand–Prince 5(4) integrator for mean-field master equations.

Integrates ``dx/dt = A x + Σ_k (c_k·x) B_k x`` with adaptive steps, the error of the embedded
4th-order solution held below ``atol + rtol·|x|`` (RMS norm, as SciPy's RK45), and outputs at
requested times from the 4th-order continuous extension (Dormand & Prince, J. Comput. Appl.
Math. 6, 19 (1980); dense output: Shampine, Math. Comp. 46, 135 (1986)). The whole loop is
compiled with numba, so a trajectory costs no Python overhead per step.
"""

from __future__ import annotations

import numba
import numpy as np

_C = np.array([0.0, 1 / 5, 3 / 10, 4 / 5, 8 / 9, 1.0])
_A = np.array([
    [0.0, 0.0, 0.0, 0.0, 0.0],
    [1 / 5, 0.0, 0.0, 0.0, 0.0],
    [3 / 40, 9 / 40, 0.0, 0.0, 0.0],
    [44 / 45, -56 / 15, 32 / 9, 0.0, 0.0],
    [19372 / 6561, -25360 / 2187, 64448 / 6561, -212 / 729, 0.0],
    [9017 / 3168, -355 / 33, 46732 / 5247, 49 / 176, -5103 / 18656],
])
_B = np.array([35 / 384, 0.0, 500 / 1113, 125 / 192, -2187 / 6784, 11 / 84])
# Difference between the 5th- and 4th-order weights, including the FSAL stage.
_E = np.array([-71 / 57600, 0.0, 71 / 16695, -71 / 1920, 17253 / 339200, -22 / 525, 1 / 40])
_P = np.array([
    [1.0, -8048581381 / 2820520608, 8663915743 / 2820520608, -12715105075 / 11282082432],
    [0.0, 0.0, 0.0, 0.0],
    [0.0, 131558114200 / 32700410799, -68118460800 / 10900136933,
     87487479700 / 32700410799],
    [0.0, -1754552775 / 470086768, 14199869525 / 1410260304, -10690763975 / 1880347072],
    [0.0, 127303824393 / 49829197408, -318862633887 / 49829197408,
     701980252875 / 199316789632],
    [0.0, -282668133 / 205662961, 2019193451 / 616988883, -1453857185 / 822651844],
    [0.0, 40617522 / 29380423, -110615467 / 29380423, 69997945 / 29380423],
])

STATUS_OK = 0
STATUS_MAX_STEPS = 1
STATUS_STEP_UNDERFLOW = 2
STATUS_NONFINITE = 3
STATUS_STIFF = 4

#: Stiffness test of Hairer & Wanner (Solving ODEs II, Sec. IV.2; their DOPRI5 code):
#: ``h·|λ| ≈ h‖f(y₇) − f(y₆)‖/‖y₇ − y₆‖`` from the last two stages, at the stability boundary
#: (≈ 3.3 for DOPRI5) when the step is limited by stability rather than accuracy.
STIFF_H_LAMBDA = 3.25
#: Consecutive accepted steps at the boundary before the problem counts as stiff, and
#: non-stiff steps that reset the count (the values of Hairer's DOPRI5).
STIFF_STEPS = 15
NONSTIFF_RESET = 6


@numba.njit(cache=True, fastmath=False)
def _rhs(a, c, b, x, out):
    n = x.shape[0]
    for i in range(n):
        acc = 0j
        for j in range(n):
            acc += a[i, j] * x[j]
        out[i] = acc
    for k in range(c.shape[0]):
        m = 0j
        for j in range(n):
            m += c[k, j] * x[j]
        if m == 0:
            continue
        for i in range(n):
            acc = 0j
            for j in range(n):
                acc += b[k, i, j] * x[j]
            out[i] += m * acc


@numba.njit(cache=True)
def _rms(err, y0, y1, rtol, atol):
    total = 0.0
    for i in range(err.shape[0]):
        scale = atol + rtol * max(abs(y0[i]), abs(y1[i]))
        total += (abs(err[i]) / scale) ** 2
    return np.sqrt(total / err.shape[0])


@numba.njit(cache=True)
def integrate_dopri5(a, c, b, x0, t0, t_eval, rtol, atol, max_steps):
    """Integrate ``dx/dt = A x + Σ_k (c_k·x) B_k x`` from ``t0`` and sample it at ``t_eval``.

    ``steps needed`` is set with ``STATUS_STIFF``: once the problem is stiff the step is held
    at the stability limit, so ``(t_end − t)/h`` more steps are needed; when that exceeds
    ``max_steps`` the integration stops at once instead of after ``max_steps`` steps.

    Parameters
    ----------
    a : numpy.ndarray, shape (n, n)
        Linear part A in s⁻¹, complex, C-contiguous.
    c : numpy.ndarray, shape (K, n)
        Feedback rows c_k, complex.
    b : numpy.ndarray, shape (K, n, n)
        Feedback superoperators B_k in s⁻¹, complex.
    x0 : numpy.ndarray, shape (n,)
        Coordinates at ``t0``, complex.
    t0 : float
        Initial time in s.
    t_eval : numpy.ndarray, shape (T,)
        Non-decreasing output times in s; those ≤ ``t0`` receive ``x0``.
    rtol, atol : float
        Relative and absolute tolerance of each step's error (RMS norm).
    max_steps : int
        Step cap.

    Returns
    -------
    states : numpy.ndarray, shape (T, n)
        Coordinates at ``t_eval`` (valid up to the last time reached when status ≠ STATUS_OK).
    steps : int
        Accepted steps taken.
    status : int
        ``STATUS_OK`` or the reason it stopped: ``STATUS_MAX_STEPS``, ``STATUS_STIFF``,
        ``STATUS_NONFINITE`` or ``STATUS_STEP_UNDERFLOW`` (step below the time resolution).
    steps_needed : float
        Projected total steps when stiff (with ``STATUS_STIFF``), else 0.
    """
    n = x0.shape[0]
    n_out = t_eval.shape[0]
    out = np.empty((n_out, n), dtype=np.complex128)
    k = np.empty((7, n), dtype=np.complex128)
    y = x0.copy()
    y_new = np.empty(n, dtype=np.complex128)
    stage = np.empty(n, dtype=np.complex128)
    err = np.empty(n, dtype=np.complex128)
    t = t0
    t_end = t_eval[n_out - 1]
    i_out = 0
    while i_out < n_out and t_eval[i_out] <= t0:
        out[i_out] = y
        i_out += 1
    if i_out == n_out:
        return out, 0, STATUS_OK, 0.0

    _rhs(a, c, b, y, k[0])
    # Initial step (Hairer, Nørsett & Wanner, Solving ODEs I, Sec. II.4).
    d0 = 0.0
    d1 = 0.0
    for i in range(n):
        scale = atol + rtol * abs(y[i])
        d0 += (abs(y[i]) / scale) ** 2
        d1 += (abs(k[0, i]) / scale) ** 2
    d0 = np.sqrt(d0 / n)
    d1 = np.sqrt(d1 / n)
    h = 1e-6 if (d0 < 1e-5 or d1 < 1e-5) else 0.01 * d0 / d1
    h = min(h, t_end - t)
    for i in range(n):
        stage[i] = y[i] + h * k[0, i]
    _rhs(a, c, b, stage, k[1])
    d2 = 0.0
    for i in range(n):
        scale = atol + rtol * abs(y[i])
        d2 += (abs(k[1, i] - k[0, i]) / scale) ** 2
    d2 = np.sqrt(d2 / n) / h
    if max(d1, d2) <= 1e-15:
        h1 = max(1e-6, h * 1e-3)
    else:
        h1 = (0.01 / max(d1, d2)) ** 0.2
    h = min(100 * h, h1, t_end - t)

    steps = 0
    rejected = False
    stiff_steps = 0
    nonstiff_steps = 0
    while t < t_end:
        if steps >= max_steps:
            return out, steps, STATUS_MAX_STEPS, 0.0
        if h < 1e-14 * max(abs(t), 1.0):
            return out, steps, STATUS_STEP_UNDERFLOW, 0.0
        last = t + h >= t_end
        if last:
            h = t_end - t
        for s in range(1, 6):
            for i in range(n):
                acc = 0j
                for r in range(s):
                    acc += _A[s, r] * k[r, i]
                stage[i] = y[i] + h * acc
            _rhs(a, c, b, stage, k[s])
        for i in range(n):
            acc = 0j
            for r in range(6):
                acc += _B[r] * k[r, i]
            y_new[i] = y[i] + h * acc
        _rhs(a, c, b, y_new, k[6])
        for i in range(n):
            acc = 0j
            for r in range(7):
                acc += _E[r] * k[r, i]
            err[i] = h * acc
        norm = _rms(err, y, y_new, rtol, atol)
        if not np.isfinite(norm):
            return out, steps, STATUS_NONFINITE, 0.0
        steps += 1
        if norm <= 1.0:
            t_new = t_end if last else t + h
            # stage holds y₆ (c = 1) and k[5] = f(y₆); k[6] = f(y₇ = y_new).
            num = 0.0
            den = 0.0
            for i in range(n):
                num += abs(k[6, i] - k[5, i]) ** 2
                den += abs(y_new[i] - stage[i]) ** 2
            if den > 0.0 and h * np.sqrt(num / den) > STIFF_H_LAMBDA:
                stiff_steps += 1
                nonstiff_steps = 0
                needed = steps + (t_end - t_new) / h
                if stiff_steps >= STIFF_STEPS and needed > max_steps:
                    return out, steps, STATUS_STIFF, needed
            else:
                nonstiff_steps += 1
                if nonstiff_steps == NONSTIFF_RESET:
                    stiff_steps = 0
            while i_out < n_out and t_eval[i_out] <= t_new:
                sigma = (t_eval[i_out] - t) / h
                q1 = sigma
                q2 = sigma * sigma
                q3 = q2 * sigma
                q4 = q3 * sigma
                for i in range(n):
                    acc = 0j
                    for r in range(7):
                        acc += k[r, i] * (_P[r, 0] * q1 + _P[r, 1] * q2 + _P[r, 2] * q3
                                          + _P[r, 3] * q4)
                    out[i_out, i] = y[i] + h * acc
                i_out += 1
            t = t_new
            y[:] = y_new
            k[0] = k[6]
            factor = 10.0 if norm == 0 else min(10.0, 0.9 * norm ** -0.2)
            if rejected:
                factor = min(factor, 1.0)
            rejected = False
        else:
            factor = max(0.2, 0.9 * norm ** -0.2)
            rejected = True
        h *= factor
    return out, steps, STATUS_OK, 0.0
