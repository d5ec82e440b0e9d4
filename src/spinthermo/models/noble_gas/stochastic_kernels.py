r"""Compiled kernels and the pure-NumPy reference of the stochastic collision simulation.

Seed 002 Sec. III B, Eqs. (4)–(6). :mod:`.stochastic` holds the public interface and the
physics documentation; this module holds the loops. Both implementations draw the same random
numbers in the same order from a ``numpy.random.Generator`` and apply the same exact pair
unitaries, so on the same seed they agree to rounding (~1e-13 after thousands of steps).

Random-number stream of one time step (the contract both sides follow)
----------------------------------------------------------------------
1. Pairing by rounds of rejection. Start with all alkali spins unassigned. In each round draw
   one uniform ``u = rng.random()`` per unassigned alkali spin, in increasing alkali index
   (NumPy: one batch ``rng.random(k)``), with candidate ``b = min(int(u·N_B), N_B − 1)``. In
   increasing index, the candidate is accepted if no alkali spin took ``b`` earlier in this
   step (earlier rounds, or a lower index of this round); otherwise the spin stays unassigned
   for the next round. Rounds repeat until every alkali spin has a distinct partner.
2. Phases: ``N_A`` standard normals ``z`` (``rng.standard_normal()``, one per alkali spin in
   increasing index; NumPy: one batch), ``φ_a = ⟨φ⟩ + δφ·z_a``.

NumPy's ``Generator.random(k)`` and ``standard_normal(k)`` produce the same numbers as ``k``
scalar draws, and numba's ``Generator`` support reproduces them bit for bit, so the kernels
(which draw one number at a time, interleaved with the work) and the reference (batches)
consume identical streams.

Pair update (see :func:`.stochastic.flip_block`): with ``u = e^{iφ}`` and ``w = e^{−iθ}`` (the
axial-field phase of the alkali, from :func:`field_factor`), the flipped pair amplitudes
``(x, y) = (|↑_a↓_b⟩, |↓_a↑_b⟩)`` become ``x' = w[(x + y) + u(x − y)]/2``,
``y' = [(x + y) − u(x − y)]/2``: the triplet combination keeps its phase, the singlet one gains
``e^{iφ}``. No trigonometric function of φ/2 is needed, only ``cos φ`` and ``sin φ``.
"""

from __future__ import annotations

import decimal
import functools
import math
from fractions import Fraction

import numba
import numpy as np

#: Below this ``|φ|`` the kernels evaluate cos φ and sin φ by their Taylor polynomials through
#: φ⁹; the first omitted term, φ¹⁰/10! ≤ 1.7e-22 at ``|φ| = 0.03``, is far below one ulp of 1,
#: so the result is as exact as math.cos/math.sin and several times cheaper.
TAYLOR_PHASE_LIMIT = 0.03

#: Half-width (in ulps of the larger component) of the search of :func:`field_factor`.
SEARCH_ULPS = 12
#: Largest relative error of the smaller component of :func:`field_factor` (its angle)
#: accepted in exchange for ``|w| = 1``; beyond it the plain rounding of e^{−iθ} is used.
FIELD_PHASE_RTOL = 1e-6

#: Columns of the real record array of the one-excitation kernel.
ONE_EXC_REAL = ("population_alkali", "population_noble")
#: Columns of the complex record array of the one-excitation kernel.
ONE_EXC_COMPLEX = ("amplitude_10", "amplitude_01")
#: Columns of the real record array of the two-excitation kernel.
TWO_EXC_REAL = ("norm", "excitations_alkali")
#: Columns of the complex record array of the two-excitation kernel.
TWO_EXC_COMPLEX = ("amplitude_20", "amplitude_02", "amplitude_11")


# --------------------------------------------------------------------------- compiled kernels


@numba.njit(cache=True, inline="always")
def _unit_phase(phi):
    """(cos φ, sin φ), by a Taylor polynomial for ``|φ|`` < TAYLOR_PHASE_LIMIT."""
    if abs(phi) < TAYLOR_PHASE_LIMIT:
        p2 = phi * phi
        cos = 1.0 - p2 * (0.5 - p2 * (1.0 / 24.0 - p2 * (1.0 / 720.0 - p2 * (1.0 / 40320.0))))
        sin = phi * (1.0 - p2 * (1.0 / 6.0 - p2 * (1.0 / 120.0 - p2 * (
            1.0 / 5040.0 - p2 * (1.0 / 362880.0)))))
        return cos, sin
    return math.cos(phi), math.sin(phi)


@numba.njit(cache=True)
def draw_partners(rng, n_noble, taken, stamp, unassigned, partner):
    """Pair every alkali spin with a distinct noble-gas spin (step 1 of the stream).

    ``taken[b] == stamp`` marks noble-gas spins already taken in this step (a fresh ``stamp``
    per step, so the array is never cleared); ``unassigned`` is a work buffer of length N_A;
    ``partner[a]`` receives the noble-gas index of alkali spin ``a``.

    Parameters
    ----------
    rng : numpy.random.Generator
        The random stream of the module docstring.
    n_noble : int
        N_B.
    taken : numpy.ndarray
        int64, shape (N_B,), stamps of taken noble-gas spins.
    stamp : int
        This step's stamp.
    unassigned : numpy.ndarray
        int64 work buffer, shape (N_A,).
    partner : numpy.ndarray
        int64, shape (N_A,), receives the partners.

    Returns
    -------
    None
        The arrays are updated in place.
    """
    n_alkali = partner.shape[0]
    for a in range(n_alkali):
        unassigned[a] = a
    remaining = n_alkali
    while remaining > 0:
        kept = 0
        for i in range(remaining):
            a = unassigned[i]
            b = int(rng.random() * n_noble)
            if b >= n_noble:
                b = n_noble - 1
            if taken[b] == stamp:
                unassigned[kept] = a
                kept += 1
            else:
                taken[b] = stamp
                partner[a] = b
        remaining = kept


@numba.njit(cache=True)
def _record_one(c, n_alkali, real_out, complex_out, row):
    n_noble = c.shape[0] - n_alkali
    sum_a = 0j
    pop_a = 0.0
    for i in range(n_alkali):
        v = c[i]
        sum_a += v
        pop_a += v.real * v.real + v.imag * v.imag
    sum_b = 0j
    pop_b = 0.0
    for i in range(n_alkali, c.shape[0]):
        v = c[i]
        sum_b += v
        pop_b += v.real * v.real + v.imag * v.imag
    real_out[row, 0] = pop_a
    real_out[row, 1] = pop_b
    complex_out[row, 0] = sum_a / math.sqrt(n_alkali)
    complex_out[row, 1] = sum_b / math.sqrt(n_noble)


@numba.njit(cache=True)
def evolve_one_excitation(c, n_alkali, n_steps, record_every, mean_phase, phase_spread,
                          wr, wi, rng, real_out, complex_out):
    """Evolve the one-excitation amplitudes ``c`` (length N_A + N_B) in place for ``n_steps``.

    ``wr + i·wi`` is the field factor e^{−iθ} of :func:`field_factor`. Records the
    observables of ``c`` before step 0 and after every ``record_every`` steps into
    row ``k`` of ``real_out`` (ONE_EXC_REAL) and ``complex_out`` (ONE_EXC_COMPLEX).

    Parameters
    ----------
    c : numpy.ndarray
        complex128, shape (N_A + N_B,), alkali amplitudes first.
    n_alkali : int
        N_A.
    n_steps : int
        Collision steps (each of duration τ).
    record_every : int
        Steps between records.
    mean_phase, phase_spread : float
        ⟨φ⟩ and δφ of the collision phases, rad.
    wr, wi : float
        Real and imaginary parts of the field factor e^{−iθ}.
    rng : numpy.random.Generator
        The random stream of the module docstring.
    real_out, complex_out : numpy.ndarray
        Record arrays, shape (n_records, columns), filled in place.

    Returns
    -------
    None
        The arrays are updated in place.
    """
    n_noble = c.shape[0] - n_alkali
    taken = np.zeros(n_noble, dtype=np.int64)
    unassigned = np.empty(n_alkali, dtype=np.int64)
    partner = np.empty(n_alkali, dtype=np.int64)
    w_half = 0.5 * complex(wr, wi)
    _record_one(c, n_alkali, real_out, complex_out, 0)
    row = 1
    for step in range(n_steps):
        draw_partners(rng, n_noble, taken, step + 1, unassigned, partner)
        for a in range(n_alkali):
            phi = mean_phase + phase_spread * rng.standard_normal()
            cos, sin = _unit_phase(phi)
            u = complex(cos, sin)
            j = n_alkali + partner[a]
            x = c[a]
            y = c[j]
            t = x + y
            r = u * (x - y)
            c[a] = w_half * (t + r)
            c[j] = 0.5 * (t - r)
        if (step + 1) % record_every == 0:
            _record_one(c, n_alkali, real_out, complex_out, row)
            row += 1


@numba.njit(cache=True)
def _record_two(mr, mi, n_alkali, real_out, complex_out, row):
    """Observables of the upper triangle (i < k) of the two-excitation matrix."""
    n = mr.shape[0]
    n_noble = n - n_alkali
    sum_aa = 0j
    sum_ab = 0j
    sum_bb = 0j
    weight_aa = 0.0
    weight_ab = 0.0
    weight_bb = 0.0
    for i in range(n):
        for k in range(i + 1, n):
            re = mr[i, k]
            im = mi[i, k]
            w2 = re * re + im * im
            if k < n_alkali:
                sum_aa += complex(re, im)
                weight_aa += w2
            elif i < n_alkali:
                sum_ab += complex(re, im)
                weight_ab += w2
            else:
                sum_bb += complex(re, im)
                weight_bb += w2
    real_out[row, 0] = 2.0 * (weight_aa + weight_ab + weight_bb)
    real_out[row, 1] = 2.0 * (2.0 * weight_aa + weight_ab)
    # |2>_A needs two alkali spins (|0>_B|2>_B two noble-gas spins); else its overlap is 0
    if n_alkali > 1:
        complex_out[row, 0] = 2.0 * sum_aa / math.sqrt(n_alkali * (n_alkali - 1.0))
    if n_noble > 1:
        complex_out[row, 1] = 2.0 * sum_bb / math.sqrt(n_noble * (n_noble - 1.0))
    complex_out[row, 2] = math.sqrt(2.0) * sum_ab / math.sqrt(n_alkali * float(n_noble))


@numba.njit(cache=True, inline="always")
def _flip(xr, xi, yr, yi, ur, ui, hr, hi):
    """The flip block on one amplitude pair: x' = (w/2)[t + u d], y' = [t − u d]/2."""
    tr = xr + yr
    ti = xi + yi
    dr = xr - yr
    di = xi - yi
    rr = ur * dr - ui * di
    ri = ur * di + ui * dr
    sr = tr + rr
    si = ti + ri
    return hr * sr - hi * si, hr * si + hi * sr, 0.5 * (tr - rr), 0.5 * (ti - ri)


@numba.njit(cache=True, inline="always")
def _flip_views(xr, xi, yr, yi, ur, ui, hr, hi):
    """:func:`_flip` over equally long 1-D views, in place (vectorises when contiguous)."""
    for k in range(xr.shape[0]):
        xr[k], xi[k], yr[k], yi[k] = _flip(xr[k], xi[k], yr[k], yi[k], ur, ui, hr, hi)


@numba.njit(cache=True)
def evolve_two_excitations(mr, mi, n_alkali, n_steps, record_every, mean_phase, phase_spread,
                           wr, wi, rng, real_out, complex_out):
    """Evolve the two-excitation amplitudes in place for ``n_steps``.

    ``mr + i·mi`` holds ``m[i, k] = c_ik/√2`` in its strict upper triangle (i < k) only; the
    rest is never read or written. A collision of alkali ``a`` with noble-gas spin ``b``
    (index ``j = N_A + b > a``) applies the flip block to every pair of entries
    ``(m[a, k], m[j, k])``, k ∉ {a, j} (an excitation in the colliding pair and one
    elsewhere), each stored at ``(min, max)``: for k < a both in columns a and j, for
    a < k < j in row a and column j, for k > j in rows a and j. The entry ``m[a, j]``
    (``|↑_a↑_b⟩``, a triplet state) only takes the field phase ``e^{−iθ}`` = ``wr + i·wi``
    (:func:`field_factor`). Real and imaginary parts are separate arrays and the column
    segment is copied to a contiguous buffer, so that every rotation loop vectorises; the
    loops run over views from index 0 (a loop from ``j + 1`` would carry numba's
    negative-index wraparound and not vectorise). Records as :func:`evolve_one_excitation`
    (TWO_EXC_REAL, TWO_EXC_COMPLEX).

    Parameters
    ----------
    mr, mi : numpy.ndarray
        float64, shape (N, N), N = N_A + N_B: real and imaginary parts of m.
    n_alkali : int
        N_A.
    n_steps : int
        Collision steps (each of duration τ).
    record_every : int
        Steps between records.
    mean_phase, phase_spread : float
        ⟨φ⟩ and δφ of the collision phases, rad.
    wr, wi : float
        Real and imaginary parts of the field factor e^{−iθ}.
    rng : numpy.random.Generator
        The random stream of the module docstring.
    real_out, complex_out : numpy.ndarray
        Record arrays, shape (n_records, columns), filled in place.

    Returns
    -------
    None
        The arrays are updated in place.
    """
    n = mr.shape[0]
    n_noble = n - n_alkali
    taken = np.zeros(n_noble, dtype=np.int64)
    unassigned = np.empty(n_alkali, dtype=np.int64)
    partner = np.empty(n_alkali, dtype=np.int64)
    buffer_r = np.empty(n)
    buffer_i = np.empty(n)
    hr = 0.5 * wr
    hi = 0.5 * wi
    _record_two(mr, mi, n_alkali, real_out, complex_out, 0)
    row = 1
    for step in range(n_steps):
        draw_partners(rng, n_noble, taken, step + 1, unassigned, partner)
        for a in range(n_alkali):
            phi = mean_phase + phase_spread * rng.standard_normal()
            ur, ui = _unit_phase(phi)
            j = n_alkali + partner[a]
            _flip_views(mr[:a, a], mi[:a, a], mr[:a, j], mi[:a, j], ur, ui, hr, hi)
            column_r = mr[a + 1:j, j]
            column_i = mi[a + 1:j, j]
            length = column_r.shape[0]
            gathered_r = buffer_r[:length]
            gathered_i = buffer_i[:length]
            for k in range(length):
                gathered_r[k] = column_r[k]
                gathered_i[k] = column_i[k]
            _flip_views(mr[a, a + 1:j], mi[a, a + 1:j], gathered_r, gathered_i, ur, ui, hr, hi)
            for k in range(length):
                column_r[k] = gathered_r[k]
                column_i[k] = gathered_i[k]
            _flip_views(mr[a, j + 1:], mi[a, j + 1:], mr[j, j + 1:], mi[j, j + 1:],
                        ur, ui, hr, hi)
            xr = mr[a, j]
            xi = mi[a, j]
            mr[a, j] = wr * xr - wi * xi
            mi[a, j] = wr * xi + wi * xr
        if (step + 1) % record_every == 0:
            _record_two(mr, mi, n_alkali, real_out, complex_out, row)
            row += 1


# --------------------------------------------------------------------------- NumPy reference


def _rounded_root(square: Fraction) -> float:
    """The double nearest to √square (40 significant digits, then one correct rounding)."""
    with decimal.localcontext() as ctx:
        ctx.prec = 40
        return float((decimal.Decimal(square.numerator) / square.denominator).sqrt())


@functools.lru_cache(maxsize=64)
def field_factor(field_phase: float) -> complex:
    """e^{−iθ} as two doubles with ``|w|²`` − 1 at the level of 1e-20 instead of 1e-16.

    The same w multiplies every alkali amplitude at every step, so an error δ = ``|w|²`` − 1
    changes the norm by ~δ per step, linearly in time: with cos θ and sin θ merely rounded,
    δ ~ 1e-16, a drift of ~1e-9 over 1e7 steps. Here the larger component x is cos θ (or
    sin θ) moved by at most SEARCH_ULPS ulps and the smaller one the correctly rounded
    √(1 − x²), x chosen so that arg w is closest to −θ. Near ``|w|`` = 1 doubles are sparse in
    angle: the phase per step is off by at most ``~1e-16/|sin θ|`` rad (2e-11 rad at θ = 5e-6,
    against the residual detuning (N_A/N_B)⟨φ⟩/2 ≈ 5e-8 rad of the paper's parameters). If
    that error would exceed ``FIELD_PHASE_RTOL·|sin θ|`` (θ ≲ 1e-8), the plain rounding is kept.

    Parameters
    ----------
    field_phase : float
        θ, the Larmor phase per step, rad.

    Returns
    -------
    complex
        w ≈ e^{−iθ}.
    """
    wr, wi = math.cos(field_phase), -math.sin(field_phase)
    if wi == 0.0 or wr == 0.0:
        return complex(wr, wi)
    swap = abs(wi) > abs(wr)
    big, small = (wi, wr) if swap else (wr, wi)
    best, best_err = (big, small), math.inf
    up = down = big
    candidates = [big]
    for _ in range(SEARCH_ULPS):
        up, down = math.nextafter(up, math.inf), math.nextafter(down, -math.inf)
        candidates += [up, down]
    for x in candidates:
        rest = 1 - Fraction(x) ** 2
        if rest <= 0:
            continue
        y = math.copysign(_rounded_root(rest), small)
        err = abs(y - small)
        if err < best_err:
            best, best_err = (x, y), err
    if best_err > FIELD_PHASE_RTOL * abs(small):
        # θ so small (≲ 1e-8) that no unit vector of doubles has that angle: keep the rounding
        return complex(wr, wi)
    x, y = best
    return complex(y, x) if swap else complex(x, y)


def reference_draw_collisions(rng: np.random.Generator, n_alkali: int, n_noble: int,
                              mean_phase: float, phase_spread: float):
    """One step's partners and phases, drawn with NumPy batches (the stream of the module doc).

    Parameters
    ----------
    rng : numpy.random.Generator
        The random stream.
    n_alkali, n_noble : int
        N_A and N_B.
    mean_phase, phase_spread : float
        ⟨φ⟩ and δφ, rad.

    Returns
    -------
    tuple of numpy.ndarray
        ``(partners, phases)``, shape (N_A,) each: ``partners[a]`` is the noble-gas index
        (0 … N_B − 1) of alkali spin ``a``, all distinct; ``phases[a] = ⟨φ⟩ + δφ·z_a`` (rad).
    """
    partners = np.empty(n_alkali, dtype=np.int64)
    taken = np.zeros(n_noble, dtype=bool)
    unassigned = np.arange(n_alkali)
    while unassigned.size:
        candidates = np.minimum((rng.random(unassigned.size) * n_noble).astype(np.int64),
                                n_noble - 1)
        # the lowest unassigned index wins a candidate drawn twice in this round
        values, first = np.unique(candidates, return_index=True)
        won = first[~taken[values]]
        partners[unassigned[won]] = candidates[won]
        taken[candidates[won]] = True
        lost = np.ones(unassigned.size, dtype=bool)
        lost[won] = False
        unassigned = unassigned[lost]
    phases = mean_phase + phase_spread * rng.standard_normal(n_alkali)
    return partners, phases


def reference_step_one_excitation(c: np.ndarray, n_alkali: int, partners: np.ndarray,
                                  phases: np.ndarray, field: complex) -> None:
    """Apply one step's collisions to the one-excitation amplitudes ``c`` in place (NumPy).

    Parameters
    ----------
    c : numpy.ndarray
        complex, shape (N_A + N_B,), updated in place.
    n_alkali : int
        N_A.
    partners, phases : numpy.ndarray
        As returned by :func:`reference_draw_collisions`.
    field : complex
        e^{−iθ} from :func:`field_factor`.
    """
    u = np.exp(1j * phases)
    j = n_alkali + partners
    x = c[:n_alkali].copy()
    y = c[j]
    t = x + y
    r = u * (x - y)
    c[:n_alkali] = 0.5 * field * (t + r)
    c[j] = 0.5 * (t - r)


def reference_step_two_excitations(m: np.ndarray, n_alkali: int, partners: np.ndarray,
                                   phases: np.ndarray, field: complex) -> None:
    """Apply one step's collisions to the two-excitation matrix ``m`` in place (NumPy).

    The pairs of a step are disjoint, so the step is ``m → U₁ m U₁ᵀ`` with the one-excitation
    step ``U₁`` (row rotations, then the same on columns), after which each pair block is
    restored: ``m[a, j] = m[j, a] = e^{−iθ}·(its value before the step)``, ``m[a, a] =
    m[j, j] = 0``, with ``field`` = e^{−iθ} (:func:`field_factor`). Vectorised over the N_A
    pairs. (The kernel keeps only the upper triangle; the result is the same.)

    Parameters
    ----------
    m : numpy.ndarray
        complex, shape (N, N), N = N_A + N_B, updated in place.
    n_alkali, partners, phases, field
        As for :func:`reference_step_one_excitation`.
    """
    a = np.arange(n_alkali)
    j = n_alkali + partners
    both = m[a, j].copy()
    u = np.exp(1j * phases)[:, None]
    w_half = 0.5 * field
    x, y = m[a, :], m[j, :]
    t, r = x + y, u * (x - y)
    m[a, :], m[j, :] = w_half * (t + r), 0.5 * (t - r)
    x, y = m[:, a], m[:, j]
    t, r = x + y, u.T * (x - y)
    m[:, a], m[:, j] = w_half * (t + r), 0.5 * (t - r)
    m[a, j] = m[j, a] = field * both
    m[a, a] = 0.0
    m[j, j] = 0.0
