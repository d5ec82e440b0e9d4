"""Spectral helpers shared by the thermo diagnostics (internal).

Every diagnostic in :mod:`spinthermo.thermo` is a function of the spectrum of a density matrix
(or of a batch of them, shape ``(..., d, d)``). This module converts inputs, validates them at
the public boundary with :mod:`spinthermo.core.checks`, performs ONE batched
:func:`numpy.linalg.eigh` per state argument, and clips the rounding-level negative eigenvalues
that solvers leave behind. :func:`state_array` is the one place where a state argument in any
of the forms a user holds (arrays, kets, ``qutip.Qobj``, lists, front-door results) becomes an
array of density matrices. It also holds the safe ``x ln x`` with ``0 ln 0 = 0``.

Nothing here is public API; names may change.
"""

from __future__ import annotations

import numbers

import numpy as np

from spinthermo.core.checks import (
    STATE_TOLERANCE,
    density_matrix_spectrum,
    require_finite,
    require_hermitian,
    require_numeric,
    require_same_dimension,
    require_square_matrices,
)
from spinthermo.core.operands import result_states
from spinthermo.thermo.state_spectrum import StateSpectrum

#: Eigenvalues of a density matrix at or below this value (after clipping) are treated as exact
#: zeros, i.e. the eigenvector lies outside the support of the state. ``eigh`` of a matrix with
#: O(1) entries is accurate to ~d·1e-16 in absolute terms; 1e-12 leaves a wide margin above
#: that while keeping genuinely small populations (≥ 1e-12) inside the support. It is also the
#: default of ``qutip.entropy_relative``, against which the tests compare.
ZERO_EIGENVALUE_TOLERANCE = 1e-12

#: Eigenvalues of a unit-trace Hermitian matrix of dimension d that ``eigh`` cannot tell from
#: zero are at most ``KERNEL_RESOLUTION_PER_DIMENSION × d`` (its absolute error is a few
#: d·eps). The entropy functions treat only those as the kernel of a state: a resolved
#: eigenvalue q (say 1e-13) is a real population and enters ``ln q`` as it is, so that
#: D(ρ‖σ) near the boundary of state space is the value of the matrices given, not of a
#: truncated σ. Less blunt than ``ZERO_EIGENVALUE_TOLERANCE``, which remains the degeneracy
#: and kernel threshold of the first-law diagnostics.
KERNEL_RESOLUTION_PER_DIMENSION = 8.0 * np.finfo(float).eps

#: Weight that a state (or, relative to its largest entry, a state derivative) may put outside
#: the support of another operator and still be counted as "no weight". Equal to the state
#: tolerance of :mod:`spinthermo.core.checks`: a smaller weight is indistinguishable from the
#: numerical error we already accept in a density matrix.
SUPPORT_WEIGHT_TOLERANCE = STATE_TOLERANCE


def to_array(value) -> np.ndarray:
    """Convert ``value`` (array-like, ``qutip.Qobj`` or a sequence of them) to a numpy array.

    QuTiP is never imported: any object with a callable ``full()`` method is converted by it.
    """
    full = getattr(value, "full", None)
    if callable(full):
        return np.asarray(full())
    if isinstance(value, list | tuple) and value and callable(getattr(value[0], "full", None)):
        return np.stack([to_array(item) for item in value])
    return np.asarray(value)


def numeric_array(name: str, value) -> np.ndarray:
    """``value`` as a numeric numpy array (via :func:`to_array`), checked by
    :func:`~spinthermo.core.checks.require_numeric`: strings, ``None``, object arrays and
    ragged nested lists give a ``TypeError`` / ``ValueError`` naming ``name``."""
    qobjs = callable(getattr(value, "full", None)) or (
        isinstance(value, list | tuple) and bool(value)
        and callable(getattr(value[0], "full", None)))
    return require_numeric(name, to_array(value) if qobjs else value)


#: ``qutip.Qobj`` types accepted where a state is expected (a bra or a superoperator is not one).
STATE_QOBJ_TYPES = ("oper", "ket")


def _is_list_of_objects(value) -> bool:
    """A list/tuple holding arrays, ``Qobj``s or results (not a nested list of numbers)."""
    return isinstance(value, list | tuple) and any(
        not isinstance(item, list | tuple | numbers.Number) for item in value)


def _kets_to_density_matrices(name: str, arr: np.ndarray) -> np.ndarray:
    """``|ψ⟩⟨ψ|`` for a ket ``(d,)``, or kets ``(..., d, 1)`` with d > 1; other arrays as given.

    A ket must be normalised, ``|⟨ψ|ψ⟩ − 1| ≤ STATE_TOLERANCE`` (the trace of its density
    matrix).
    """
    if arr.ndim == 1 and arr.size > 0:
        psi = arr
    elif arr.ndim >= 2 and arr.shape[-1] == 1 and arr.shape[-2] > 1:
        psi = arr[..., 0]
    else:
        return arr
    psi = require_finite(name, psi).astype(complex)
    magnitude = np.abs(psi)
    required = (f"{name} given as a ket (shape {arr.shape}) must be normalised, <psi|psi> = 1 "
                f"within {STATE_TOLERANCE:g}")
    largest = float(np.max(magnitude, initial=0.0))
    if largest > 1.0 + STATE_TOLERANCE:  # checked first: squaring a huge amplitude overflows
        raise ValueError(f"{required}; received an amplitude |psi_i| = {largest:.6g} > 1")
    norm = np.sum(magnitude**2, axis=-1)
    dev = float(np.max(np.abs(norm - 1.0), initial=0.0))
    if dev > STATE_TOLERANCE:
        worst = np.ravel(norm)[np.argmax(np.abs(np.ravel(norm) - 1.0))]
        raise ValueError(f"{required}; received <psi|psi> = {worst:.6g}")
    return psi[..., :, None] * np.conj(psi[..., None, :])


def state_array(name: str, value) -> np.ndarray:
    """A state argument as a numeric array of (unvalidated) density matrices ``(..., d, d)``.

    Accepts a density matrix ``(d, d)`` or batch ``(..., d, d)``; a ket ``(d,)``, ``(d, 1)``
    or kets ``(..., d, 1)``, taken as ``|ψ⟩⟨ψ|``; a ``qutip.Qobj`` of type ``"oper"`` or
    ``"ket"``; a result object, by its ``states`` (a trajectory ``(T, d, d)``, e.g.
    :class:`~spinthermo.core.results.EvolutionResult`) or else its ``state`` (e.g.
    :class:`~spinthermo.core.results.SteadyStateResult`); and a list or tuple of any of these,
    stacked into a batch. Only arguments that are states go through here: a 1-D array
    elsewhere (times, a Bloch vector) is not a ket. A
    :class:`~spinthermo.thermo.state_spectrum.StateSpectrum` gives its states.
    """
    if isinstance(value, StateSpectrum):
        return value.rho
    states = result_states(value)
    if states is not None:
        return state_array(name, states)
    if _is_list_of_objects(value):
        items = [state_array(f"{name}[{k}]", item) for k, item in enumerate(value)]
        shapes = {item.shape for item in items}
        if len(shapes) > 1:
            raise ValueError(
                f"{name} given as a list must hold states of one shape; received shapes "
                f"{sorted(shapes)}"
            )
        return np.stack(items)
    if callable(getattr(value, "full", None)):
        kind = getattr(value, "type", "oper")
        if kind not in STATE_QOBJ_TYPES:
            raise TypeError(
                f"{name} must be a state: a Qobj of type {STATE_QOBJ_TYPES}; received a Qobj of "
                f"type {kind!r}"
            )
    return _kets_to_density_matrices(name, numeric_array(name, value))


def validated_state(name: str, value) -> np.ndarray:
    """A state argument (any form of :func:`state_array`) as checked density matrices
    ``(..., d, d)``: Hermitian, unit trace and positive within ``STATE_TOLERANCE``
    (:func:`spinthermo.core.checks.require_density_matrix`)."""
    arr, _, _ = validated_spectrum(name, value, vectors=False)
    return arr


def scalar_or_array(value: np.ndarray) -> float | np.ndarray:
    """Return a Python float for a 0-d result, the array unchanged otherwise."""
    value = np.asarray(value)
    return float(value) if value.ndim == 0 else value


def operator_scale(arr: np.ndarray) -> float:
    """Largest absolute entry of ``arr`` (1.0 for an all-zero or empty array).

    Tolerances on operators that carry units (Hamiltonians in rad/s, rates in 1/s) are taken
    relative to this scale.
    """
    scale = float(np.max(np.abs(arr), initial=0.0))
    return scale if scale > 0.0 else 1.0


def hermitian_operator(name: str, value) -> np.ndarray:
    """Validate a Hermitian operator (or batch) with a tolerance relative to its largest entry.

    Used for Hamiltonians and generators, whose entries carry units and may be ~1e10.
    """
    arr = require_square_matrices(name, numeric_array(name, value))
    return require_hermitian(name, arr, atol=STATE_TOLERANCE * operator_scale(arr))


def validated_spectrum(
    name: str, value, *, vectors: bool = True, normalize: bool = False,
) -> tuple[np.ndarray, np.ndarray, np.ndarray | None]:
    """Validate a state (any form of :func:`state_array`) and return
    ``(rho, eigenvalues, eigenvectors)``.

    The package's one physical-state check,
    :func:`spinthermo.core.checks.density_matrix_spectrum` (that of ``require_density_matrix``)
    with ``STATE_TOLERANCE``, run with a single batched ``eigh`` (or ``eigvalsh``) that is
    reused by the caller. Eigenvalues are in ascending order; those in
    ``[-STATE_TOLERANCE, 0)`` are clipped to 0. ``eigenvectors[..., :, k]`` belongs to
    ``eigenvalues[..., k]``. With ``vectors=False`` only eigenvalues are computed (``eigvalsh``,
    about twice as fast) and ``None`` is returned in their place.

    With ``normalize=True`` the clipped eigenvalues are divided by their sum, so that they are
    the spectrum of a valid state (in [0, 1], summing to 1): the entropies need this to obey
    ``0 ≤ S ≤ ln d`` and ``D ≥ 0`` for inputs whose trace or positivity is off within the
    tolerance.

    A :class:`~spinthermo.thermo.state_spectrum.StateSpectrum` is returned as it is (checked
    and diagonalised already).
    """
    if isinstance(value, StateSpectrum):  # validated and diagonalised by state_spectrum
        evals = value.normalized_eigenvalues if normalize else value.eigenvalues
        return value.rho, evals, value.eigenvectors if vectors else None
    eigensolver = hermitian_eigh if vectors else np.linalg.eigvalsh
    arr, spectrum = density_matrix_spectrum(
        name, state_array(name, value), STATE_TOLERANCE, eigensolver=eigensolver)
    evals, evecs = spectrum if vectors else (spectrum, None)
    evals = np.clip(evals, 0.0, None)
    return arr, (normalized_spectrum(evals) if normalize else evals), evecs


def normalized_spectrum(evals: np.ndarray) -> np.ndarray:
    """Clipped eigenvalues divided by their sum and clipped to [0, 1]: the spectrum of the
    nearest valid state (``normalize=True`` of :func:`validated_spectrum`)."""
    return np.clip(evals / np.sum(evals, axis=-1, keepdims=True), 0.0, 1.0)


def validated_derivative(name: str, value) -> tuple[np.ndarray, float]:
    """Validate a state derivative ρ̇ (or batch): Hermitian and traceless.

    ρ̇ carries units of rate, so both tolerances are ``STATE_TOLERANCE × scale`` with
    ``scale = max(1, max|ρ̇|)`` over the whole input: relative for large derivatives (a
    trajectory in s⁻¹ is judged on its own scale), and the absolute state tolerance for small
    ones — near a steady state ρ̇ is itself rounding noise of the generator, whose
    anti-Hermitian part and trace are as large as its entries, so a purely relative test would
    reject it. Only the Hermitian part of ρ̇ enters the diagnostics. Returns
    ``(rho_dot, scale)``.
    """
    arr = require_square_matrices(name, numeric_array(name, value))
    scale = max(1.0, operator_scale(arr))
    arr = require_hermitian(name, arr, atol=STATE_TOLERANCE * scale)
    dev = np.max(np.abs(np.trace(arr, axis1=-2, axis2=-1)), initial=0.0)
    if dev > STATE_TOLERANCE * scale:
        raise ValueError(
            f"{name} must be traceless (trace-preserving dynamics) within "
            f"{STATE_TOLERANCE:g} x max|{name}| = {STATE_TOLERANCE * scale:.3g}; "
            f"received |trace| {dev:.3g}"
        )
    return arr, scale


def xlogx(x: np.ndarray) -> np.ndarray:
    """Elementwise ``x ln x`` with the limit ``0 ln 0 = 0`` (no warnings for zeros)."""
    x = np.asarray(x, dtype=float)
    positive = x > 0.0
    return np.where(positive, x * np.log(np.where(positive, x, 1.0)), 0.0)


def kernel_mask(evals: np.ndarray) -> np.ndarray:
    """True where an eigenvalue of a unit-trace state is unresolved from zero (its kernel).

    Threshold ``KERNEL_RESOLUTION_PER_DIMENSION × d`` (≈ 3.6e-15 for a qubit).
    """
    return evals <= KERNEL_RESOLUTION_PER_DIMENSION * evals.shape[-1]


def bregman_xlogx(p: np.ndarray, q: np.ndarray) -> np.ndarray:
    r"""Elementwise :math:`p\ln(p/q) - p + q \ge 0` (``0 ln 0 = 0``), free of cancellation.

    The terms of Klein's inequality: for spectra ``p``, ``q`` of two states and the overlaps
    ``O_ik = |⟨r_i|s_k⟩|²`` of their eigenvectors, ``D(ρ‖σ) = Σ_ik O_ik B(p_i, q_k)`` (the
    ``−p + q`` parts cancel because ``O`` is doubly stochastic), a sum of nonnegative terms.
    For ``q > 0`` and ``u = (p − q)/q``, ``B = q[(1 + u) ln(1 + u) − u]``, summed as its series
    ``q Σ_{n≥2} (−u)^n/(n(n−1))`` for ``|u| < 0.01`` so that B ≈ q u²/2 keeps full relative
    precision when p ≈ q. ``B(0, q) = q``; ``B(p, 0) = +inf`` for p > 0 and 0 for p = 0.

    >>> f"{bregman_xlogx(0.5 + 1e-9, 0.5):.6g}"  # (1e-9)²/(2·0.5)
    '1e-18'
    """
    p, q = np.broadcast_arrays(np.asarray(p, dtype=float), np.asarray(q, dtype=float))
    both = (p > 0.0) & (q > 0.0)
    safe_p, safe_q = np.where(both, p, 1.0), np.where(both, q, 1.0)
    near = safe_p < 2.0 * safe_q
    u = np.where(near, (safe_p - safe_q) / np.where(near, safe_q, safe_p), 1.0)
    small, moderate = np.abs(u) < 1e-2, np.abs(u) < 1.0
    series = sum((-u) ** n / (n * (n - 1)) for n in range(2, 12))
    closed = (1.0 + u) * np.log1p(np.where(moderate, u, 0.0)) - u
    # Far from p = q there is no cancellation, and ln p − ln q cannot overflow as p/q can.
    far = safe_p * (np.log(safe_p) - np.log(safe_q)) - safe_p + safe_q
    value = np.where(small, safe_q * series, np.where(moderate, safe_q * closed, far))
    value = np.where(both, np.maximum(value, 0.0), np.where(p > 0.0, np.inf, q))
    return value


def eigenvector_overlaps(rho_vecs: np.ndarray, sigma_vecs: np.ndarray) -> np.ndarray:
    """``O_ik = |⟨r_i|s_k⟩|²`` for eigenvectors in the columns of both (a doubly stochastic
    matrix, broadcasting over leading axes)."""
    return np.abs(np.conj(np.swapaxes(rho_vecs, -1, -2)) @ sigma_vecs) ** 2


def spectral_divergence(
    rho_vals: np.ndarray, overlap: np.ndarray, sigma_vals: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    r"""``D(ρ‖σ) = Σ_ik O_ik B(p_i, q_k)`` from normalized spectra and eigenvector overlaps.

    ``B`` is :func:`bregman_xlogx`, so every term is nonnegative and D ≥ 0 holds exactly in
    floating point. Columns k of σ's kernel (:func:`kernel_mask`) are left out. Returns
    ``(D, outside)``, where ``outside`` marks states whose weight ``Σ_i O_ik p_i`` on that
    kernel exceeds ``SUPPORT_WEIGHT_TOLERANCE`` (then D = +inf; smaller weights are noise
    within the state tolerance).
    """
    kernel = kernel_mask(sigma_vals)
    weight = (rho_vals[..., None, :] @ overlap)[..., 0, :]
    outside = np.any(kernel & (weight > SUPPORT_WEIGHT_TOLERANCE), axis=-1)
    q = np.where(kernel, 1.0, sigma_vals)[..., None, :]
    terms = np.where(kernel[..., None, :], 0.0, overlap * bregman_xlogx(rho_vals[..., :, None], q))
    return np.sum(terms, axis=(-2, -1)), outside


def safe_log(x: np.ndarray, keep: np.ndarray) -> np.ndarray:
    """``ln x`` where ``keep`` is true and 0 elsewhere, without evaluating ``ln 0``."""
    return np.where(keep, np.log(np.where(keep, x, 1.0)), 0.0)


def diagonal_in_basis(operator: np.ndarray, basis: np.ndarray) -> np.ndarray:
    """Real diagonal ``⟨b_k|A|b_k⟩`` of a Hermitian ``A`` in the columns ``b_k`` of ``basis``.

    Broadcasts over leading axes; costs one batched matrix product.
    """
    return np.real(np.sum(np.conj(basis) * (operator @ basis), axis=-2))


def hermitian_eigh(matrix: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``numpy.linalg.eigh`` (ascending eigenvalues, eigenvectors in columns), with a closed
    form for 2×2 batches: H = m·1 + r n·σ has eigenvalues m ∓ r and the spin-coherent states
    along ∓n as eigenvectors (the eigenvalue of smaller magnitude from det H / the larger, so
    that it keeps its relative precision). Batched LAPACK spends most of its time on call
    overhead for qubits (a 10⁴-state trajectory: 12 ms against 1 ms).

    >>> vals, vecs = hermitian_eigh(np.array([[1.0, 2.0j], [-2.0j, -2.0]]))
    >>> np.allclose(vals, np.linalg.eigvalsh([[1.0, 2.0j], [-2.0j, -2.0]]))
    True
    """
    matrix = np.asarray(matrix)
    if matrix.shape[-1] != 2:
        return np.linalg.eigh(matrix)
    a, d = matrix[..., 0, 0].real, matrix[..., 1, 1].real
    b = matrix[..., 0, 1]
    mean, half = 0.5 * (a + d), 0.5 * (a - d)
    radius = np.hypot(half, np.abs(b))
    theta = np.arctan2(np.abs(b), half)  # polar angle of n, with n_z = half / radius
    phase = np.exp(-1j * np.angle(b))  # e^{iϕ}, ϕ the azimuth of n = (Re b, −Im b, half)/r
    c, s = np.cos(0.5 * theta), np.sin(0.5 * theta)
    vecs = np.empty((*matrix.shape[:-2], 2, 2), dtype=complex)
    vecs[..., 0, 0], vecs[..., 1, 0] = s, -phase * c  # |−n⟩, eigenvalue m − r
    vecs[..., 0, 1], vecs[..., 1, 1] = c, phase * s  # |+n⟩, eigenvalue m + r
    # m ∓ r cancels for the eigenvalue of small magnitude (1e-13 of a nearly pure state would
    # keep only 3 digits); take it from det H = λ₋λ₊ = ad − |b|² and the large one instead.
    large = np.where(mean >= 0.0, mean + radius, mean - radius)
    scale = np.maximum(np.maximum(np.abs(a), np.abs(d)), np.abs(b))  # no over/underflow
    scale = np.where(scale > 0.0, scale, 1.0)
    det = (a / scale) * (d / scale) - np.abs(b / scale) ** 2
    small = scale * det / np.where(large != 0.0, large / scale, 1.0)
    lower = np.where(mean >= 0.0, small, large)
    upper = np.where(mean >= 0.0, large, small)
    return np.stack([np.minimum(lower, upper), np.maximum(lower, upper)], axis=-1), vecs


def in_basis(operator: np.ndarray, basis: np.ndarray) -> np.ndarray:
    """Matrix elements ``⟨b_i|A|b_j⟩`` of ``A`` in the columns of ``basis`` (broadcasting)."""
    return np.conj(np.swapaxes(basis, -1, -2)) @ operator @ basis


def require_dimension(name_a: str, a: np.ndarray, name_b: str, b: np.ndarray) -> None:
    """Raise if two operators act on different spaces or their batch shapes do not broadcast."""
    require_same_dimension(name_a, a, name_b, b)
    try:
        np.broadcast_shapes(a.shape[:-2], b.shape[:-2])
    except ValueError:
        raise ValueError(
            f"batch shapes of {name_a} {a.shape[:-2]} and {name_b} {b.shape[:-2]} do not "
            "broadcast; pass a single operator or batches with compatible leading axes"
        ) from None


__all__ = [
    "KERNEL_RESOLUTION_PER_DIMENSION",
    "STATE_QOBJ_TYPES",
    "SUPPORT_WEIGHT_TOLERANCE",
    "ZERO_EIGENVALUE_TOLERANCE",
    "bregman_xlogx",
    "diagonal_in_basis",
    "eigenvector_overlaps",
    "hermitian_operator",
    "in_basis",
    "kernel_mask",
    "normalized_spectrum",
    "numeric_array",
    "operator_scale",
    "require_dimension",
    "safe_log",
    "scalar_or_array",
    "spectral_divergence",
    "state_array",
    "to_array",
    "validated_derivative",
    "validated_spectrum",
    "validated_state",
    "xlogx",
]
