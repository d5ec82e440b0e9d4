"""Input checks at the public boundary.

Every message names the argument, the allowed range and what was received, so that a
physicist reading the traceback knows what to change.
"""

from __future__ import annotations

import math

import numpy as np

#: Tolerance on ``|Tr ρ − 1|``, on ‖ρ − ρ†‖ and on the most negative eigenvalue of a density
#: matrix. States produced by an ODE solver at rtol ~1e-8 carry errors of that order; 1e-6
#: accepts them while rejecting any genuinely unphysical input.
STATE_TOLERANCE = 1e-6
#: numpy dtype kinds accepted as numbers: bool, signed and unsigned integer, float, complex.
#: Strings, bytes, objects (None, sparse matrices, mixed lists), datetimes and records are not.
NUMERIC_KINDS = "biufc"


def require_numeric(name: str, value) -> np.ndarray:
    """Return ``value`` as a numeric array (dtype kind in :data:`NUMERIC_KINDS`).

    Parameters
    ----------
    name : str
        Parameter name used in the error message.
    value : object
        The value to check.

    Returns
    -------
    numpy.ndarray
        ``numpy.asarray(value)``, any shape.

    Raises
    ------
    TypeError
        When ``value`` is not numbers (a string, None, an object array), naming ``name`` and the
        received type and dtype.
    ValueError
        For a ragged nested sequence.
    """
    try:
        arr = np.asarray(value)
    except ValueError as exc:  # ragged nested sequences
        raise ValueError(f"{name} must be a number or a rectangular array of numbers; "
                         f"received a ragged {type(value).__name__}") from exc
    if arr.dtype.kind not in NUMERIC_KINDS:
        raise TypeError(f"{name} must be a number or an array of numbers; received "
                        f"{type(value).__name__} of dtype {arr.dtype}")
    return arr


def require_finite(name: str, value) -> np.ndarray:
    """Return ``value`` as a numeric array whose entries are all finite.

    Parameters
    ----------
    name : str
        Parameter name used in the error message.
    value : object
        The value to check.

    Returns
    -------
    numpy.ndarray
        ``numpy.asarray(value)``, any shape.

    Raises
    ------
    ValueError
        If any entry is NaN or infinite.
    TypeError
        If ``value`` is not numeric (:func:`require_numeric`).
    """
    arr = require_numeric(name, value)
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"{name} must be finite; received a value containing NaN or inf")
    return arr


def require_range(
    name: str,
    value,
    low: float = -math.inf,
    high: float = math.inf,
    *,
    low_inclusive: bool = True,
    high_inclusive: bool = True,
    unit: str = "",
    reason: str = "",
):
    """Check that every entry of ``value`` is finite and lies in the interval ``[low, high]``.

    Parameters
    ----------
    name : str
        Parameter name used in the error message.
    value : float or array_like
        Real number or array to check.
    low, high : float, optional
        Bounds of the allowed interval (default unbounded), in ``unit``.
    low_inclusive, high_inclusive : bool, optional
        Whether each bound is allowed (default True: closed interval).
    unit : str, optional
        Unit printed after the numbers in the message.
    reason : str, optional
        Why the range (e.g. a fit's source), appended to the message.

    Returns
    -------
    object
        ``value`` unchanged, so the call can be used inline.

    Raises
    ------
    ValueError
        When an entry is outside the interval or not finite, with the interval and the first
        offending entry.
    TypeError
        When ``value`` is complex or not numeric.
    """
    if type(value) is float or type(value) is int:  # the common case, without numpy
        if math.isfinite(value) and (value >= low if low_inclusive else value > low) and (
                value <= high if high_inclusive else value < high):
            return value
    arr = require_numeric(name, value)
    if np.iscomplexobj(arr):
        raise TypeError(f"{name} must be real; received a complex value")
    left = "[" if low_inclusive and math.isfinite(low) else "("
    right = "]" if high_inclusive and math.isfinite(high) else ")"
    suffix = f" {unit}" if unit else ""
    allowed = f"{left}{low:g}, {high:g}{right}{suffix}" + (f" ({reason})" if reason else "")
    finite = np.isfinite(arr)
    below = arr < low if low_inclusive else arr <= low
    above = arr > high if high_inclusive else arr >= high
    if not np.all(finite) or np.any(below) or np.any(above):
        bad = ~finite | below | above
        shown = np.ravel(arr[bad] if arr.ndim else arr)[0]
        kind = "lie in" if np.all(finite) else "be finite and lie in"
        raise ValueError(f"{name} must {kind} {allowed}; received {shown:g}{suffix}")
    return value


def require_times(times, *, nonnegative: bool = True, ordered: bool = True,
                  name: str = "times") -> np.ndarray:
    """``times`` (s) as a non-empty 1-D float array; by default ≥ 0 and non-decreasing.

    Parameters
    ----------
    times : array_like, shape (T,)
        Times in s, finite.
    nonnegative : bool, optional
        Require every time ≥ 0 (default True; times are measured from the initial state).
    ordered : bool, optional
        Require non-decreasing times (default True).
    name : str, optional
        Parameter name used in the error message (default ``"times"``).

    Returns
    -------
    numpy.ndarray, shape (T,)
        The times as floats.

    Examples
    --------
    >>> require_times([0.0, 1e-3])
    array([0.   , 0.001])
    """
    arr = np.atleast_1d(np.asarray(require_finite(name, times), dtype=float))
    if arr.ndim != 1 or arr.size == 0:
        raise ValueError(f"{name} must be a non-empty 1-D array; received shape {arr.shape}")
    if nonnegative and np.any(arr < 0):
        raise ValueError(f"{name} must be >= 0 s (measured from the initial state); "
                         f"received {arr.min():g}")
    if ordered and np.any(np.diff(arr) < 0):
        raise ValueError(f"{name} must be non-decreasing")
    return arr


def require_count(name: str, value, low: int = 0) -> int:
    """``value`` as an ``int`` ≥ ``low`` (a count: atoms, modes, steps, iterations).

    Integral floats (``3.0``, as a sweep grid gives them) are accepted; booleans, fractions,
    strings and NaN are refused with the parameter's name.

    Parameters
    ----------
    name : str
        Parameter name used in the error message.
    value : int or float
        The count to check.
    low : int, optional
        Smallest allowed count (default 0).

    Returns
    -------
    int
        ``value`` as a Python ``int``.

    Examples
    --------
    >>> require_count("n_modes", 3.0, low=1)
    3
    """
    if isinstance(value, bool) or not isinstance(value, int | float | np.integer | np.floating) \
            or not math.isfinite(value) or not float(value).is_integer() or value < low:
        raise ValueError(f"{name} must be an integer >= {low}; received {value!r}")
    return int(value)


def require_vector(name: str, value, size: int | None = None) -> np.ndarray:
    """``value`` as a real 1-D float array (of length ``size`` when given), finite.

    Parameters
    ----------
    name : str
        Parameter name used in the error message.
    value : float or array_like, shape (n,)
        Real vector (a scalar becomes a vector of length 1).
    size : int, optional
        Required length n (default any).

    Returns
    -------
    numpy.ndarray, shape (n,)
        The vector as floats.
    """
    arr = np.atleast_1d(require_finite(name, value))
    if np.iscomplexobj(arr):
        raise TypeError(f"{name} must be real; received a complex array")
    arr = arr.astype(float)
    if arr.ndim != 1 or (size is not None and arr.shape != (size,)):
        shape = "(n,)" if size is None else f"({size},)"
        raise ValueError(f"{name} must have shape {shape}; received {arr.shape}")
    return arr


def require_nonnegative(name: str, value, unit: str = ""):
    """Check ``value ≥ 0`` entrywise (a rate, a density, a pressure).

    Parameters
    ----------
    name : str
        Parameter name used in the error message.
    value : float or array_like
        Real number or array to check.
    unit : str, optional
        Unit printed in the message.

    Returns
    -------
    object
        ``value`` unchanged (:func:`require_range`).
    """
    return require_range(name, value, 0.0, math.inf, unit=unit)


def require_positive(name: str, value, unit: str = ""):
    """Check ``value > 0`` entrywise (a temperature in K, a radius, a mass).

    Parameters
    ----------
    name : str
        Parameter name used in the error message.
    value : float or array_like
        Real number or array to check.
    unit : str, optional
        Unit printed in the message.

    Returns
    -------
    object
        ``value`` unchanged (:func:`require_range`).
    """
    return require_range(name, value, 0.0, math.inf, low_inclusive=False, unit=unit)


def require_square_matrices(name: str, value) -> np.ndarray:
    """Return ``value`` as a finite complex array of shape ``(..., d, d)``.

    Parameters
    ----------
    name : str
        Parameter name used in the error message.
    value : array_like, shape (..., d, d)
        Matrix or batch of matrices.

    Returns
    -------
    numpy.ndarray, shape (..., d, d)
        ``value`` as complex (no copy when it already is).
    """
    arr = require_numeric(name, value)
    if arr.ndim < 2 or arr.shape[-1] != arr.shape[-2]:
        raise ValueError(
            f"{name} must have shape (..., d, d) with square trailing dimensions; "
            f"received shape {arr.shape}"
        )
    require_finite(name, arr)
    return arr.astype(complex, copy=False)


def require_hermitian(name: str, value, atol: float = STATE_TOLERANCE) -> np.ndarray:
    """Return ``value`` (shape ``(..., d, d)``) after checking ‖A − A†‖_max ≤ ``atol``.

    Parameters
    ----------
    name : str
        Parameter name used in the error message.
    value : array_like, shape (..., d, d)
        Operator or batch of operators.
    atol : float, optional
        Largest allowed entry of ``|A − A†|`` (default :data:`STATE_TOLERANCE`).

    Returns
    -------
    numpy.ndarray, shape (..., d, d)
        ``value`` as complex.
    """
    arr = require_square_matrices(name, value)
    dev = np.max(np.abs(arr - np.conj(np.swapaxes(arr, -1, -2))), initial=0.0)
    if dev > atol:
        raise ValueError(
            f"{name} must be Hermitian within {atol:g}; largest |A - A^dagger| entry is {dev:.3g}"
        )
    return arr


def require_density_matrix(
    name: str, value, atol: float = STATE_TOLERANCE
) -> np.ndarray:
    """Return ``value`` after checking it is a density matrix or a batch of them.

    Hermitian, unit trace and positive semidefinite, each within ``atol``
    (:func:`density_matrix_spectrum`).

    Parameters
    ----------
    name : str
        Parameter name used in the error message.
    value : array_like, shape (..., d, d)
        Density matrix or batch of them.
    atol : float, optional
        Tolerance of each check (default :data:`STATE_TOLERANCE`).

    Returns
    -------
    numpy.ndarray, shape (..., d, d)
        ``value`` as complex.
    """
    arr, _ = density_matrix_spectrum(name, value, atol)
    return arr


def density_matrix_spectrum(
    name: str, value, atol: float = STATE_TOLERANCE, *, eigensolver=np.linalg.eigvalsh
):
    """The physical-state check, returning ``(ρ, eigensolver(ρ))``.

    Checks that ``value`` is a density matrix or a batch of them: Hermitian
    (‖ρ − ρ†‖_max ≤ ``atol``), unit trace (``|Tr ρ − 1| ≤ atol``) and positive semidefinite
    (smallest eigenvalue ≥ ``-atol``). The spectrum is returned so that a caller needing it
    decomposes ρ once.

    Parameters
    ----------
    name : str
        Parameter name used in the error message.
    value : array_like, shape (..., d, d)
        Density matrix or batch of them.
    atol : float, optional
        Tolerance of each check (default :data:`STATE_TOLERANCE`).
    eigensolver : callable, optional
        Maps the ``(..., d, d)`` array to its ascending eigenvalues, or to a tuple whose first
        item they are (as :func:`numpy.linalg.eigh`); default :func:`numpy.linalg.eigvalsh`.

    Returns
    -------
    rho : numpy.ndarray, shape (..., d, d)
        ``value`` as complex.
    spectrum : numpy.ndarray or tuple
        What ``eigensolver`` returned for ``rho``.
    """
    arr = require_hermitian(name, value, atol)
    trace = np.trace(arr, axis1=-2, axis2=-1)
    dev = np.max(np.abs(trace - 1.0), initial=0.0)
    if dev > atol:
        raise ValueError(
            f"{name} must have unit trace within {atol:g}; received trace deviating by {dev:.3g}"
        )
    spectrum = eigensolver(arr)
    eigenvalues = spectrum[0] if isinstance(spectrum, tuple) else spectrum
    lowest = np.min(eigenvalues, initial=np.inf)
    if lowest < -atol:
        raise ValueError(
            f"{name} must be positive semidefinite within {atol:g}; "
            f"received smallest eigenvalue {lowest:.3g}"
        )
    return arr, spectrum


def require_same_dimension(name_a: str, a, name_b: str, b) -> None:
    """Raise ``ValueError`` if two operators (or batches) act on spaces of different dimension.

    Parameters
    ----------
    name_a, name_b : str
        Parameter names used in the error message.
    a, b : array_like, shape (..., d, d)
        The two operators; only their last dimension is compared.

    Returns
    -------
    None
    """
    a = require_numeric(name_a, a)
    b = require_numeric(name_b, b)
    for name, arr in ((name_a, a), (name_b, b)):
        if arr.ndim == 0:
            raise ValueError(f"{name} must be an operator of shape (..., d, d); received a scalar")
    if a.shape[-1] != b.shape[-1]:
        raise ValueError(
            f"{name_a} and {name_b} must act on the same space; received dimensions "
            f"{a.shape[-1]} and {b.shape[-1]}"
        )


def require_columns(owner: str, values: dict) -> dict[str, np.ndarray]:
    """The parameters of a batch function as float columns of one shape ``(m,)``.

    Each value is a real number (shared by every point) or a 1-D array of m numbers (one per
    point); they broadcast together to ``(m,)``. When every value is a scalar the batch is
    one point, shape ``(1,)``.

    Parameters
    ----------
    owner : str
        Name of the function whose parameters these are, used in the error message.
    values : dict of str to array_like
        Parameter name → scalar or 1-D array of real numbers, in the parameters' units.

    Returns
    -------
    dict of str to numpy.ndarray
        The same names in the same order, each a new float array of shape ``(m,)``
        (writeable, sharing no memory with the input); an empty dict for empty ``values``.

    Raises
    ------
    TypeError
        When a value is not numeric, or is complex, naming the parameter and what was
        received.
    ValueError
        When the values do not broadcast to one 1-D shape, naming ``owner`` and the shapes
        received; for a ragged nested sequence, naming the parameter.
    """
    arrays = {}
    for name, value in values.items():
        array = require_numeric(name, value)
        if array.dtype.kind == "c":
            raise TypeError(f"{name} must be real numbers; received {type(value).__name__} "
                            f"of dtype {array.dtype}")
        arrays[name] = array.astype(float, copy=False)
    if not arrays:
        return {}
    shapes = {name: array.shape for name, array in arrays.items()}
    try:
        shape = np.broadcast_shapes(*shapes.values())
    except ValueError:
        raise ValueError(f"the parameters of {owner} must broadcast to one shape (m,); "
                         f"received shapes {shapes}") from None
    if len(shape) > 1:
        raise ValueError(f"the parameters of {owner} must be scalars or 1-D columns of one "
                         f"length m; received shapes {shapes}, which broadcast to {shape}")
    shape = shape or (1,)
    return {name: np.array(np.broadcast_to(array, shape)) for name, array in arrays.items()}
