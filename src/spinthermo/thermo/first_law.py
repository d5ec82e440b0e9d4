r"""Heat, work and the first law along any trajectory, in three frameworks (seed 001 Sec. I).

The internal energy ``U = Tr(ρH)`` of a system with state ρ(t) and Hamiltonian H(t) changes at
the rate (seed 001 Eqs. 7, 9; ħ = 1)

.. math:: \dot U = \mathrm{Tr}(\dot\rho H) + \mathrm{Tr}(\rho \dot H) = \dot Q_x + \dot W_x ,

and the split into heat and work depends on the framework ``x``:

* ``"conventional"`` (Alicki 1979; Spohn): ``Q̇ = Tr(H ρ̇)``, ``Ẇ = Tr(ρ Ḣ)`` (seed 001 Eq. 10).
* ``"hamiltonian"`` (Hamiltonian-based, HB): work changes the energy levels,
  ``Ẇ = Σ_k p_k Ė_k`` with ``p_k = ⟨e_k|ρ|e_k⟩``; heat changes the populations,
  ``Q̇ = Σ_k E_k ṗ_k`` (seed 001 Eq. 11).
* ``"entropy"`` (entropy-based, EB; Alipour et al.): heat changes the eigenvalues of ρ,
  ``Q̇ = Σ_k λ̇_k ⟨r_k|H|r_k⟩``, hence only with the entropy; ``Ẇ = U̇ − Q̇`` (seed 001, the
  equations after Eq. 11).

Basis-free forms. Writing 𝒟_A for the pinching (dephasing) onto the eigenspaces of A,
``𝒟_A(X) = Σ_b P_b X P_b``, the HB and EB splits are

.. math:: \dot W_{HB} = \mathrm{Tr}[\mathcal D_H(\rho)\,\dot H], \qquad
          \dot Q_{EB} = \mathrm{Tr}[\mathcal D_\rho(\dot\rho)\,H],

with the other member of each pair equal to ``U̇`` minus it, so ``Q̇_x + Ẇ_x = U̇`` holds to
rounding in every framework. These are the eigenbasis sums above with the smooth eigenbasis:
by Hellmann–Feynman ``Ė_k = ⟨e_k|Ḣ|e_k⟩``, and inside a degenerate eigenspace the smooth
eigenvectors diagonalise ``P Ḣ P`` (degenerate perturbation theory), which is exactly what
the trace over the block computes without choosing a basis. Likewise
``Σ_k E_k ṗ_k = Tr(Hρ̇) + Tr[(ρ − 𝒟_H ρ) Ḣ]`` once the eigenvector derivatives
``ė_k = Σ_{j≠k} |e_j⟩⟨e_j|Ḣ|e_k⟩/(E_k − E_j)`` are inserted: the energy denominators cancel,
so degenerate levels and level crossings need no special care. Eigenvalues closer than
``LEVEL_DEGENERACY_RTOL`` (levels of H) or ``STATE_DEGENERACY_TOLERANCE`` (eigenvalues of ρ)
are treated as one eigenspace. At an exactly maximally mixed qubit (r = 0) the EB heat thus
equals the conventional one, the limit along the trajectory.

Trajectories. Every trajectory function takes ``times`` (shape ``(T,)``, strictly increasing),
``rho`` (``(T, d, d)``, or an ``EvolutionResult``, kets, ``Qobj``s: any state form of
:func:`~spinthermo.thermo.spectral.state_array`) and ``hamiltonian`` — an array ``(T, d, d)``,
a single ``(d, d)`` operator (constant, ``Ḣ = 0``) or a callable ``H(t) → (d, d)`` — and
optionally the exact derivatives ``rho_dot`` and ``hamiltonian_dot`` (arrays ``(T, d, d)``;
``hamiltonian_dot`` may also be a callable). Missing derivatives are computed with the
scheme ``derivative``:

* ``"spline"`` (default): a not-a-knot :class:`scipy.interpolate.CubicSpline` through every
  matrix entry, differentiated at the samples; error O(h³) on smooth data, any spacing.
* ``"gradient"``: :func:`numpy.gradient` with second-order one-sided edges; error O(h²).

Both are linear in the data, so a numerical ρ̇ is Hermitian and traceless like ρ is. For a
callable H without ``hamiltonian_dot``, Ḣ is a five-point central difference of the callable
with step ``CALLABLE_STEP_FRACTION`` times the smallest sample spacing (error O(h⁴)).

Also here: the non-equilibrium inverse temperature β (seed 001 Eq. 15), the irreversible
entropy rates ``Σ̇_x = Ṡ − β Q̇_x`` and the purity. The closed forms of all of these for a qubit
on the Bloch sphere are in :mod:`spinthermo.thermo.bloch`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

import numpy as np

from spinthermo.core.checks import require_finite, require_square_matrices
from spinthermo.thermo.entropy import entropy_production_rate
from spinthermo.thermo.spectral import (
    SUPPORT_WEIGHT_TOLERANCE,
    ZERO_EIGENVALUE_TOLERANCE,
    diagonal_in_basis,
    hermitian_eigh,
    hermitian_operator,
    in_basis,
    numeric_array,
    require_dimension,
    safe_log,
    scalar_or_array,
    state_array,
    to_array,
    validated_derivative,
    validated_spectrum,
)

#: The three heat/work frameworks of seed 001, in the paper's order.
FRAMEWORKS = ("conventional", "hamiltonian", "entropy")
#: Finite-difference schemes for derivatives that are not given.
DERIVATIVE_SCHEMES = ("spline", "gradient")
#: Quadratures for the cumulative heat and work.
INTEGRATION_METHODS = ("trapezoid", "simpson")

#: Two levels of H closer than this fraction of the largest ``|level|`` at that instant form one
#: eigenspace. ``eigh`` resolves levels to ~d·1e-16 of the largest, so 1e-10 only merges levels
#: that are equal to rounding (an exact degeneracy, or a crossing hit by a sample).
LEVEL_DEGENERACY_RTOL = 1e-10
#: Two eigenvalues of ρ closer than this form one eigenspace (ρ is dimensionless, eigenvalues
#: in [0, 1]). Same value and reason as ``ZERO_EIGENVALUE_TOLERANCE``: eigenvalues that the
#: package cannot tell from zero cannot be told from each other either.
STATE_DEGENERACY_TOLERANCE = ZERO_EIGENVALUE_TOLERANCE
#: A rank-deficient ρ has β = ±inf when the kernel of ρ carries energy ``Tr(P_ker H̃)``; below
#: this fraction of ``‖H̃‖_F`` that energy counts as zero and β is finite. Same value and reason
#: as ``SUPPORT_WEIGHT_TOLERANCE``: a smaller weight is within the accepted state error.
KERNEL_ENERGY_TOLERANCE = SUPPORT_WEIGHT_TOLERANCE
#: β is undefined when the traceless part H̃ of H vanishes (H ∝ 1). ``H − Tr(H)/d`` carries
#: rounding of ~d·1e-16 of ``max|H|``; 1e-12 of ``max|H|`` separates that from any real splitting.
ISOTROPIC_HAMILTONIAN_RTOL = 1e-12
#: Where β = ±inf, a heat rate below this fraction of ``max|H|·max|ρ̇|`` is taken as exactly
#: zero, so ``β·Q̇ = 0`` (e.g. the EB heat of a pure state that stays pure). Q̇ is a sum of d²
#: products and carries rounding of ~d²·1e-16 of that scale; 1e-10 clears it for d up to ~1000.
ZERO_HEAT_RTOL = 1e-10
#: Default allowed first-law residual ``|ΔU − Q − W|`` of :meth:`FirstLawRates.integrate`, as a
#: fraction of the energy scale (largest spectral width of H, or largest ``|ΔU|`` if larger). The
#: trapezoid rule on a grid with ~50 samples per fastest period errs by ~(2π/50)²/12 ≈ 1e-3.
FIRST_LAW_RTOL = 1e-3
#: Step of the five-point difference of a callable H, as a fraction of the smallest sample
#: spacing: small enough that the O(h⁴) truncation is ~1e-8 of the sampled curvature scale,
#: large enough that rounding (~1e-16/h) stays far below it.
CALLABLE_STEP_FRACTION = 1e-2


# --- results ---------------------------------------------------------------------------------


def _frozen(mapping: dict) -> Mapping[str, np.ndarray]:
    for value in mapping.values():
        value.flags.writeable = False
    return MappingProxyType(mapping)


@dataclass(frozen=True)
class HeatWorkRates:
    """Heat and work rates of one framework along a trajectory.

    Parameters
    ----------
    heat_rate : numpy.ndarray, shape (T,)
        Q̇ in rad/s² (energy per unit time, ħ = 1).
    work_rate : numpy.ndarray, shape (T,)
        Ẇ in rad/s².
    """

    heat_rate: np.ndarray
    work_rate: np.ndarray


@dataclass(frozen=True)
class FirstLawIntegrals:
    """Cumulative heat and work from ``times[0]``, with the first-law residual.

    Energies in rad/s (ħ = 1); mappings are keyed by the names in :data:`FRAMEWORKS`.

    Parameters
    ----------
    times : numpy.ndarray, shape (T,)
        Sample times in s.
    internal_energy_change : numpy.ndarray, shape (T,)
        ``U(t) − U(t_0)`` from the states themselves.
    heat, work : mapping of str to numpy.ndarray
        Integrated rates Q_x(t), W_x(t) of each framework, each (T,).
    residual : mapping of str to numpy.ndarray
        ``ΔU − Q_x − W_x`` of each framework, each (T,).
    tolerance : float
        Largest allowed ``|residual|`` (absolute, rad/s).
    method : str
        Quadrature used, ``"trapezoid"`` or ``"simpson"``.
    """

    times: np.ndarray
    internal_energy_change: np.ndarray
    heat: Mapping[str, np.ndarray]
    work: Mapping[str, np.ndarray]
    residual: Mapping[str, np.ndarray]
    tolerance: float
    method: str


@dataclass(frozen=True)
class FirstLawRates:
    """Internal energy, its rate and the heat/work rates of all three frameworks.

    Parameters
    ----------
    times : numpy.ndarray, shape (T,)
        Sample times in s.
    internal_energy : numpy.ndarray, shape (T,)
        U = Tr(ρH) in rad/s.
    internal_energy_rate : numpy.ndarray, shape (T,)
        U̇ in rad/s².
    heat_rate, work_rate : mapping of str to numpy.ndarray
        Q̇_x and Ẇ_x (rad/s², each (T,)), keyed by the names in :data:`FRAMEWORKS`.
    rho_derivative, hamiltonian_derivative : str
        How the derivatives were obtained: ``"given"``, ``"spline"``, ``"gradient"``,
        ``"constant"`` or ``"five-point"`` (for a callable H).
    energy_scale : float
        Largest spectral width of H, rad/s.
    """

    times: np.ndarray
    internal_energy: np.ndarray
    internal_energy_rate: np.ndarray
    heat_rate: Mapping[str, np.ndarray]
    work_rate: Mapping[str, np.ndarray]
    rho_derivative: str
    hamiltonian_derivative: str
    energy_scale: float

    def split(self, framework: str) -> HeatWorkRates:
        """The heat and work rates of one framework.

        Parameters
        ----------
        framework : str
            One of :data:`FRAMEWORKS`.

        Returns
        -------
        HeatWorkRates
        """
        check_framework(framework)
        return HeatWorkRates(self.heat_rate[framework], self.work_rate[framework])

    def integrate(
        self, method: str = "trapezoid", *, rtol: float = FIRST_LAW_RTOL, check: bool = True
    ) -> FirstLawIntegrals:
        r"""Cumulative heat and work :math:`Q_x(t) = \int_{t_0}^t \dot Q_x\,dt'` (and W_x).

        Seed 001 Eq. (9) integrated: checks ``ΔU = Q_x + W_x`` for every framework against
        ``ΔU = U(t) − U(t_0)`` computed from the states. The residual measures the quadrature
        and derivative error; with ``check=True`` a residual above ``rtol`` times the energy
        scale raises ``ValueError`` (refine ``times``, pass exact derivatives, or use
        ``method="simpson"``).

        Parameters
        ----------
        method : {"trapezoid", "simpson"}
            :func:`scipy.integrate.cumulative_trapezoid` (O(h²)) or
            :func:`scipy.integrate.cumulative_simpson` (O(h⁴) on smooth rates).
        rtol : float
            Allowed residual as a fraction of ``max(energy_scale, max|ΔU|)``.
        check : bool
            Raise when the residual exceeds the tolerance.

        Returns
        -------
        FirstLawIntegrals
            ΔU, Q_x, W_x and the residuals at ``times``, in rad/s (energy, ħ = 1).
        """
        if not isinstance(method, str) or method not in INTEGRATION_METHODS:
            raise ValueError(f"method must be one of {INTEGRATION_METHODS}; received {method!r}")
        if isinstance(rtol, bool) or not isinstance(rtol, int | float | np.integer | np.floating):
            raise TypeError(f"rtol must be a real number >= 0; received {rtol!r}")
        if not (np.isfinite(rtol) and rtol >= 0):
            raise ValueError(f"rtol must be a finite number >= 0; received {rtol!r}")
        t = self.times
        needed = 2 if method == "trapezoid" else 3
        if t.size < needed:
            raise ValueError(
                f"integrating with method={method!r} needs at least {needed} samples in times; "
                f"received {t.size}"
            )
        from scipy.integrate import cumulative_simpson, cumulative_trapezoid  # on first use

        integrate = cumulative_trapezoid if method == "trapezoid" else cumulative_simpson

        def cumulative(rate: np.ndarray) -> np.ndarray:
            return integrate(rate, x=t, initial=0.0)

        change = self.internal_energy - self.internal_energy[0]
        heat = {x: cumulative(self.heat_rate[x]) for x in FRAMEWORKS}
        work = {x: cumulative(self.work_rate[x]) for x in FRAMEWORKS}
        residual = {x: change - heat[x] - work[x] for x in FRAMEWORKS}
        scale = max(self.energy_scale, float(np.max(np.abs(change))))
        tolerance = rtol * (scale if scale > 0 else 1.0)
        if check:
            for x in FRAMEWORKS:
                worst = float(np.max(np.abs(residual[x])))
                if worst > tolerance:
                    raise ValueError(
                        f"first law does not close for the {x!r} split: max |dU - Q - W| = "
                        f"{worst:.3g} exceeds rtol x energy scale = {tolerance:.3g}; the times "
                        "grid under-resolves the dynamics or rho_dot/hamiltonian_dot do not "
                        "match rho/hamiltonian. Refine times, pass exact derivatives, use "
                        "method='simpson', or raise rtol"
                    )
        return FirstLawIntegrals(
            times=t,
            internal_energy_change=change,
            heat=_frozen(heat),
            work=_frozen(work),
            residual=_frozen(residual),
            tolerance=tolerance,
            method=method,
        )


@dataclass(frozen=True)
class EntropyRates:
    """Entropy balance along a trajectory (seed 001 Eq. 15 ff.), arrays of shape ``(T,)``.

    Parameters
    ----------
    times : numpy.ndarray, shape (T,)
        Sample times in s.
    entropy_rate : numpy.ndarray, shape (T,)
        ``Ṡ = −Tr(ρ̇ ln ρ)`` in s⁻¹ (nats per s).
    inverse_temperature : numpy.ndarray, shape (T,)
        Non-equilibrium β in s (inverse rad/s).
    heat_rate : mapping of str to numpy.ndarray
        Q̇_x of each framework (rad/s², each (T,)).
    irreversible_entropy_rate : mapping of str to numpy.ndarray
        ``Ṡ − β Q̇_x`` of each framework (s⁻¹, each (T,)).
    """

    times: np.ndarray
    entropy_rate: np.ndarray
    inverse_temperature: np.ndarray
    heat_rate: Mapping[str, np.ndarray]
    irreversible_entropy_rate: Mapping[str, np.ndarray]


def check_framework(framework: str) -> None:
    """Raise ``ValueError`` unless ``framework`` is one of :data:`FRAMEWORKS`.

    Parameters
    ----------
    framework : str
        A framework name.

    Returns
    -------
    None
    """
    if not isinstance(framework, str) or framework not in FRAMEWORKS:
        raise ValueError(f"framework must be one of {FRAMEWORKS}; received {framework!r}")


# --- input handling --------------------------------------------------------------------------


def _validated_times(times) -> np.ndarray:
    arr = numeric_array("times", times)
    if np.iscomplexobj(arr) or not np.issubdtype(arr.dtype, np.number):
        raise TypeError(f"times must be real numbers; received dtype {arr.dtype}")
    require_finite("times", arr)
    if arr.ndim != 1 or arr.size == 0:
        raise ValueError(
            f"times must be a non-empty 1-D array of sample times, shape (T,); "
            f"received shape {arr.shape}"
        )
    steps = np.diff(arr)
    if np.any(steps <= 0):
        i = int(np.argmax(steps <= 0))
        raise ValueError(
            f"times must be strictly increasing; received times[{i}] = {arr[i]:g} followed by "
            f"times[{i + 1}] = {arr[i + 1]:g}"
        )
    return arr.astype(float)


def _require_trajectory_shape(name: str, arr: np.ndarray, n_times: int) -> None:
    if arr.ndim != 3 or arr.shape[0] != n_times or arr.shape[1] != arr.shape[2]:
        raise ValueError(
            f"{name} must have shape (T, d, d) with T = len(times) = {n_times}; "
            f"received shape {arr.shape}"
        )


def _hermitian_part(arr: np.ndarray) -> np.ndarray:
    return (arr + np.conj(np.swapaxes(arr, -1, -2))) / 2


def _check_scheme(derivative: str) -> None:
    if not isinstance(derivative, str) or derivative not in DERIVATIVE_SCHEMES:
        raise ValueError(
            f"derivative must be one of {DERIVATIVE_SCHEMES} ('spline': cubic spline, O(h^3); "
            f"'gradient': numpy.gradient, O(h^2)); received {derivative!r}"
        )


def _differentiate(name: str, times: np.ndarray, values: np.ndarray, scheme: str) -> np.ndarray:
    """Time derivative of sampled matrices with the named finite-difference scheme."""
    if times.size < 3:
        raise ValueError(
            f"differentiating {name} numerically needs at least 3 samples in times; received "
            f"{times.size}. Pass {name}_dot with the exact derivative instead"
        )
    if scheme == "spline":
        from scipy.interpolate import CubicSpline  # 0.1 s, not needed by state diagnostics

        return CubicSpline(times, values, axis=0)(times, 1)
    return np.gradient(values, times, axis=0, edge_order=2)


def _evaluate_callable(name: str, func: Callable, times: np.ndarray) -> np.ndarray:
    try:
        return np.stack([to_array(func(float(t))) for t in times])
    except ValueError as err:
        raise ValueError(
            f"{name}(t) must return a (d, d) array of the same shape at every time; {err}"
        ) from err


def _five_point(name: str, func: Callable, times: np.ndarray) -> np.ndarray:
    """Five-point central difference of a callable at the sample times, error O(h⁴)."""
    if times.size < 2:
        raise ValueError(
            f"differentiating a callable {name} needs at least 2 samples in times to set the "
            f"step; received {times.size}. Pass {name}_dot"
        )
    h = CALLABLE_STEP_FRACTION * float(np.min(np.diff(times)))
    values = [_evaluate_callable(name, func, times + k * h) for k in (-2, -1, 1, 2)]
    return (values[0] - 8 * values[1] + 8 * values[2] - values[3]) / (12 * h)


@dataclass(frozen=True)
class _Trajectory:
    times: np.ndarray
    rho: np.ndarray
    rho_vals: np.ndarray
    rho_vecs: np.ndarray
    rho_dot: np.ndarray
    hamiltonian: np.ndarray
    hamiltonian_dot: np.ndarray
    rho_derivative: str
    hamiltonian_derivative: str


def _trajectory(times, rho, hamiltonian, rho_dot, hamiltonian_dot, derivative) -> _Trajectory:
    """Convert, validate and complete (derivatives) a sampled trajectory."""
    _check_scheme(derivative)
    t = _validated_times(times)
    n = t.size

    rho_arr = state_array("rho", rho)
    _require_trajectory_shape("rho", rho_arr, n)
    rho_arr, rho_vals, rho_vecs = validated_spectrum("rho", rho_arr)

    if callable(hamiltonian):
        h_arr = _evaluate_callable("hamiltonian", hamiltonian, t)
        h_source = "five-point"
    else:
        h_arr = numeric_array("hamiltonian", hamiltonian)
        h_source = derivative
        if h_arr.ndim == 2:
            h_arr = np.broadcast_to(h_arr, (n, *h_arr.shape))
            h_source = "constant"
    _require_trajectory_shape("hamiltonian", h_arr, n)
    h_arr = hermitian_operator("hamiltonian", h_arr)
    require_dimension("rho", rho_arr, "hamiltonian", h_arr)

    if rho_dot is None:
        rho_dot_arr = _differentiate("rho", t, rho_arr, derivative)
        rho_source = derivative
    else:
        rho_dot_arr = numeric_array("rho_dot", rho_dot)
        _require_trajectory_shape("rho_dot", rho_dot_arr, n)
        rho_dot_arr, _ = validated_derivative("rho_dot", rho_dot_arr)
        require_dimension("rho", rho_arr, "rho_dot", rho_dot_arr)
        rho_source = "given"

    if hamiltonian_dot is not None:
        if callable(hamiltonian_dot):
            h_dot_arr = _evaluate_callable("hamiltonian_dot", hamiltonian_dot, t)
        else:
            h_dot_arr = numeric_array("hamiltonian_dot", hamiltonian_dot)
        _require_trajectory_shape("hamiltonian_dot", h_dot_arr, n)
        h_dot_arr = hermitian_operator("hamiltonian_dot", h_dot_arr)
        require_dimension("hamiltonian", h_arr, "hamiltonian_dot", h_dot_arr)
        h_source = "given"
    elif h_source == "constant":
        h_dot_arr = np.zeros_like(h_arr)
    elif h_source == "five-point":
        h_dot_arr = require_square_matrices(
            "hamiltonian_dot", _five_point("hamiltonian", hamiltonian, t)
        )
    else:
        h_dot_arr = _differentiate("hamiltonian", t, h_arr, derivative)

    return _Trajectory(
        times=t,
        rho=_hermitian_part(rho_arr),
        rho_vals=rho_vals,
        rho_vecs=rho_vecs,
        rho_dot=_hermitian_part(rho_dot_arr),
        hamiltonian=_hermitian_part(h_arr),
        hamiltonian_dot=_hermitian_part(h_dot_arr),
        rho_derivative=rho_source,
        hamiltonian_derivative=h_source,
    )


# --- kernels ---------------------------------------------------------------------------------


def _trace_product(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """``Re Tr(AB)`` over the trailing two axes."""
    return np.real(np.einsum("...ij,...ji->...", a, b))


def _same_eigenspace(vals: np.ndarray, tol: np.ndarray | float) -> np.ndarray:
    """Mask ``(..., d, d)``: eigenvalues i, j (ascending) belong to one eigenspace.

    Consecutive eigenvalues closer than ``tol`` are chained into one eigenspace.
    """
    new_space = np.diff(vals, axis=-1) > np.asarray(tol)[..., None]
    labels = np.concatenate(
        [np.zeros((*vals.shape[:-1], 1), dtype=int), np.cumsum(new_space, axis=-1)], axis=-1
    )
    return labels[..., :, None] == labels[..., None, :]


def _pinched_trace(a, b, vals, vecs, tol) -> np.ndarray:
    """``Tr[𝒟(A) B]`` with 𝒟 the pinching onto the eigenspaces ``(vals, vecs)``."""
    a_e = in_basis(a, vecs)
    b_e = in_basis(b, vecs)
    same = _same_eigenspace(vals, tol)
    return np.real(np.sum(np.where(same, a_e * np.swapaxes(b_e, -1, -2), 0.0), axis=(-2, -1)))


def _level_tolerance(levels: np.ndarray) -> np.ndarray:
    return LEVEL_DEGENERACY_RTOL * np.max(np.abs(levels), axis=-1)


def _rates(traj: _Trajectory, frameworks=FRAMEWORKS):
    """``(U, U̇, {x: (Q̇_x, Ẇ_x)}, energy scale)`` for the requested frameworks."""
    u = _trace_product(traj.rho, traj.hamiltonian)
    q_conv = _trace_product(traj.rho_dot, traj.hamiltonian)
    w_conv = _trace_product(traj.rho, traj.hamiltonian_dot)
    du = q_conv + w_conv
    levels, h_vecs = hermitian_eigh(traj.hamiltonian)
    out = {}
    if "conventional" in frameworks:
        out["conventional"] = (q_conv, w_conv)
    if "hamiltonian" in frameworks:
        w_hb = _pinched_trace(
            traj.rho, traj.hamiltonian_dot, levels, h_vecs, _level_tolerance(levels)
        )
        out["hamiltonian"] = (du - w_hb, w_hb)
    if "entropy" in frameworks:
        q_eb = _pinched_trace(
            traj.rho_dot,
            traj.hamiltonian,
            traj.rho_vals,
            traj.rho_vecs,
            STATE_DEGENERACY_TOLERANCE,
        )
        out["entropy"] = (q_eb, du - q_eb)
    scale = float(np.max(levels[:, -1] - levels[:, 0]))
    return u, du, out, scale


def _split(traj: _Trajectory, framework: str) -> HeatWorkRates:
    _, _, out, _ = _rates(traj, (framework,))
    return HeatWorkRates(*out[framework])


# --- public trajectory functions -------------------------------------------------------------


def first_law_rates(
    times, rho, hamiltonian, rho_dot=None, hamiltonian_dot=None, *, derivative: str = "spline"
) -> FirstLawRates:
    r"""Internal energy and heat/work rates of all three frameworks (seed 001 Eqs. 7–11).

    ``U = Tr(ρH)`` (Eq. 7), ``U̇ = Tr(ρ̇H) + Tr(ρḢ)`` and ``U̇ = Q̇_x + Ẇ_x`` (Eq. 9) for
    x in ``("conventional", "hamiltonian", "entropy")``; see :func:`conventional_split`,
    :func:`hamiltonian_based_split` and :func:`entropy_based_split` for each, and the module
    docstring for the inputs, degeneracies and derivative schemes. The sum ``Q̇_x + Ẇ_x``
    equals ``U̇`` to rounding in every framework; :meth:`FirstLawRates.integrate` gives the
    cumulative heat and work and checks them against ``ΔU``.

    Parameters
    ----------
    times : array_like, shape (T,)
        Strictly increasing sample times.
    rho : array_like, list or EvolutionResult
        States ρ(t), shape (T, d, d) (validated: Hermitian, unit trace, positive within
        ``STATE_TOLERANCE``), in any form of :func:`~spinthermo.thermo.spectral.state_array`:
        e.g. the :class:`~spinthermo.core.results.EvolutionResult` of
        :func:`spinthermo.evolve`, or a list of ``Qobj`` states or kets.
    hamiltonian : array_like (T, d, d) or (d, d), or callable
        H(t) sampled, constant, or a function ``H(t) → (d, d)``.
    rho_dot, hamiltonian_dot : array_like, shape (T, d, d), optional
        Exact derivatives (``hamiltonian_dot`` may be callable); computed with ``derivative``
        when omitted.
    derivative : {"spline", "gradient"}
        Finite-difference scheme for missing derivatives of sampled arrays.

    Returns
    -------
    FirstLawRates
        U, U̇ and the heat and work rates of every framework at ``times`` (rad/s and rad/s²).

    Examples
    --------
    >>> import numpy as np
    >>> t = np.linspace(0.0, 1.0, 5)
    >>> p = 0.9 - 0.2 * t  # excited-state population relaxing in a fixed field
    >>> rho = np.array([np.diag([q, 1 - q]) for q in p])
    >>> H = np.diag([0.5, -0.5])
    >>> rates = first_law_rates(t, rho, H)
    >>> [round(float(rates.heat_rate[x][0]), 12) for x in FRAMEWORKS]
    [-0.2, -0.2, -0.2]
    """
    traj = _trajectory(times, rho, hamiltonian, rho_dot, hamiltonian_dot, derivative)
    u, du, out, scale = _rates(traj)
    return FirstLawRates(
        times=traj.times,
        internal_energy=u,
        internal_energy_rate=du,
        heat_rate=_frozen({x: out[x][0] for x in FRAMEWORKS}),
        work_rate=_frozen({x: out[x][1] for x in FRAMEWORKS}),
        rho_derivative=traj.rho_derivative,
        hamiltonian_derivative=traj.hamiltonian_derivative,
        energy_scale=scale,
    )


def internal_energy_rate(
    times, rho, hamiltonian, rho_dot=None, hamiltonian_dot=None, *, derivative: str = "spline"
) -> np.ndarray:
    r"""Rate of internal energy :math:`\dot U = \mathrm{Tr}(\dot\rho H) + \mathrm{Tr}(\rho\dot H)`.

    Time derivative of seed 001 Eq. (7), the left-hand side of Eq. (9).

    Parameters
    ----------
    times, rho, hamiltonian, rho_dot, hamiltonian_dot, derivative
        As for :func:`first_law_rates`.

    Returns
    -------
    numpy.ndarray, shape (T,)
        U̇ in rad/s² (energy per unit time).
    """
    traj = _trajectory(times, rho, hamiltonian, rho_dot, hamiltonian_dot, derivative)
    return _trace_product(traj.rho_dot, traj.hamiltonian) + _trace_product(
        traj.rho, traj.hamiltonian_dot
    )


def conventional_split(
    times, rho, hamiltonian, rho_dot=None, hamiltonian_dot=None, *, derivative: str = "spline"
) -> HeatWorkRates:
    r"""Conventional (Alicki) split: :math:`\dot Q = \mathrm{Tr}(H\dot\rho)`,
    :math:`\dot W = \mathrm{Tr}(\rho\dot H)`.

    Seed 001 Eq. (10) (Alicki 1979).

    Parameters
    ----------
    times, rho, hamiltonian, rho_dot, hamiltonian_dot, derivative
        As for :func:`first_law_rates`.

    Returns
    -------
    HeatWorkRates
        Q̇ and Ẇ at ``times``, each (T,) in rad/s².
    """
    traj = _trajectory(times, rho, hamiltonian, rho_dot, hamiltonian_dot, derivative)
    return _split(traj, "conventional")


def hamiltonian_based_split(
    times, rho, hamiltonian, rho_dot=None, hamiltonian_dot=None, *, derivative: str = "spline"
) -> HeatWorkRates:
    r"""Hamiltonian-based split: :math:`\dot W = \sum_k p_k \dot E_k`,
    :math:`\dot Q = \sum_k E_k \dot p_k`.

    Seed 001 Eq. (11): ``p_k = ⟨e_k|ρ|e_k⟩`` are the populations in the instantaneous energy
    eigenbasis of H, ``Ė_k = ⟨e_k|Ḣ|e_k⟩`` (Hellmann–Feynman). Evaluated basis-free as
    ``Ẇ = Tr[𝒟_H(ρ) Ḣ]`` (pinching onto the eigenspaces of H, which handles degenerate and
    crossing levels) and ``Q̇ = U̇ − Ẇ = Tr(Hρ̇) + Tr[(ρ − 𝒟_H ρ) Ḣ]``, which is
    ``Σ_k E_k ṗ_k`` with ``ṗ_k`` including the rotation of the eigenvectors (module
    docstring).

    Parameters
    ----------
    times, rho, hamiltonian, rho_dot, hamiltonian_dot, derivative
        As for :func:`first_law_rates`.

    Returns
    -------
    HeatWorkRates
        Q̇ and Ẇ at ``times``, each (T,) in rad/s².
    """
    traj = _trajectory(times, rho, hamiltonian, rho_dot, hamiltonian_dot, derivative)
    return _split(traj, "hamiltonian")


def entropy_based_split(
    times, rho, hamiltonian, rho_dot=None, hamiltonian_dot=None, *, derivative: str = "spline"
) -> HeatWorkRates:
    r"""Entropy-based split: :math:`\dot Q = \sum_k \dot\lambda_k \langle r_k|H|r_k\rangle`,
    :math:`\dot W = \dot U - \dot Q`.

    Seed 001, the entropy-based equations after Eq. (11) (Alipour et al., arXiv:1912.01939):
    ``λ_k, |r_k⟩`` the eigenpairs of ρ and ``λ̇_k = ⟨r_k|ρ̇|r_k⟩``. Evaluated as
    ``Q̇ = Tr[𝒟_ρ(ρ̇) H]`` (pinching onto the eigenspaces of ρ, so degenerate eigenvalues —
    e.g. the maximally mixed state — use the smooth eigenbasis). Heat changes only with the
    spectrum of ρ; the part of ρ̇ that rotates its eigenbasis is work.

    Parameters
    ----------
    times, rho, hamiltonian, rho_dot, hamiltonian_dot, derivative
        As for :func:`first_law_rates`.

    Returns
    -------
    HeatWorkRates
        Q̇ and Ẇ at ``times``, each (T,) in rad/s².
    """
    traj = _trajectory(times, rho, hamiltonian, rho_dot, hamiltonian_dot, derivative)
    return _split(traj, "entropy")


# --- temperature, entropy, purity ------------------------------------------------------------


def _inverse_temperature(vals, vecs, hamiltonian) -> np.ndarray:
    """β from the clipped spectrum of ρ and a Hermitian H (batch shapes already broadcast)."""
    d = hamiltonian.shape[-1]
    identity = np.eye(d)
    h_tilde = hamiltonian - np.trace(hamiltonian, axis1=-2, axis2=-1)[..., None, None] / d * (
        identity
    )
    norm2 = np.real(np.sum(np.abs(h_tilde) ** 2, axis=(-2, -1)))  # Tr H̃², H̃ Hermitian
    h_scale = np.max(np.abs(hamiltonian), axis=(-2, -1))
    isotropic = np.sqrt(norm2) <= ISOTROPIC_HAMILTONIAN_RTOL * np.where(h_scale > 0, h_scale, 1)
    if np.any(isotropic):
        raise ValueError(
            "hamiltonian must not be proportional to the identity: the non-equilibrium "
            "temperature beta = -Tr[(ln rho) H~]/Tr[H~^2] needs a traceless part H~ = H - "
            f"Tr(H)/d; received an isotropic hamiltonian in {int(np.sum(isotropic))} "
            "sample(s)"
        )
    energies = diagonal_in_basis(h_tilde, vecs)  # ⟨r_k|H̃|r_k⟩
    support = vals > ZERO_EIGENVALUE_TOLERANCE
    finite = -np.sum(safe_log(vals, support) * energies, axis=-1) / norm2
    kernel_energy = np.sum(np.where(support, 0.0, energies), axis=-1)
    infinite = np.abs(kernel_energy) > KERNEL_ENERGY_TOLERANCE * np.sqrt(norm2)
    return np.where(infinite, np.where(kernel_energy > 0, np.inf, -np.inf), finite)


def nonequilibrium_inverse_temperature(rho, hamiltonian) -> float | np.ndarray:
    r"""Non-equilibrium inverse temperature :math:`\beta = -\mathrm{Tr}[(\ln\rho)\tilde H]
    / \mathrm{Tr}[\tilde H^2]`, :math:`\tilde H = H - \mathrm{Tr}(H)/d`.

    Seed 001 Eq. (15) (Alipour et al., PRA 106, 022209 (2022)): the coefficient of H̃ when ln ρ
    is projected (Hilbert–Schmidt) onto H̃. For a Gibbs state ``e^{−βH}/Z`` it returns β;
    it is 0 for ``1/d`` and may be negative (population inversion). For a qubit it equals
    ``−2 artanh(r) cos θ / ω`` (:func:`~spinthermo.thermo.bloch.bloch_inverse_temperature`).

    Rank-deficient ρ (eigenvalues ≤ ``ZERO_EIGENVALUE_TOLERANCE``): ln ρ is −∞ on the kernel,
    weighted by the kernel energy ``ε = Tr(P_ker H̃)``. Rule: β = +inf if ε > 0 (the empty
    levels lie above: e.g. the ground state), −inf if ε < 0, and where
    ``|ε| ≤ KERNEL_ENERGY_TOLERANCE·‖H̃‖_F`` the finite value from the support alone — the
    limit of β for ρ mixed with a vanishing fraction of 1/d. Never NaN. An isotropic H
    (H̃ = 0), for which β is undefined, raises ``ValueError``.

    Parameters
    ----------
    rho : array_like, shape (..., d, d)
        Density matrix or batch.
    hamiltonian : array_like, shape (..., d, d)
        Hamiltonian; batch shapes broadcast against those of ``rho``.

    Returns
    -------
    float or numpy.ndarray
        β in s (inverse rad/s, ħ = 1), ±inf for a rank-deficient state with energy in the
        kernel; shape (...) for a batch.

    Examples
    --------
    >>> import numpy as np
    >>> from scipy.linalg import expm
    >>> H = np.diag([1.0, 0.0, -2.0])
    >>> gibbs = expm(-0.7 * H); gibbs /= np.trace(gibbs)
    >>> round(nonequilibrium_inverse_temperature(gibbs, H), 12)
    0.7
    >>> nonequilibrium_inverse_temperature(np.diag([0.0, 1.0]), np.diag([0.5, -0.5]))
    inf
    """
    rho_arr, vals, vecs = validated_spectrum("rho", rho)
    h_arr = hermitian_operator("hamiltonian", hamiltonian)
    require_dimension("rho", rho_arr, "hamiltonian", h_arr)
    shape = np.broadcast_shapes(rho_arr.shape[:-2], h_arr.shape[:-2])
    vals = np.broadcast_to(vals, (*shape, vals.shape[-1]))
    vecs = np.broadcast_to(vecs, (*shape, *vecs.shape[-2:]))
    h_arr = np.broadcast_to(_hermitian_part(h_arr), (*shape, *h_arr.shape[-2:]))
    return scalar_or_array(_inverse_temperature(vals, vecs, h_arr))


def purity(rho) -> float | np.ndarray:
    r"""Purity :math:`\mathrm{Tr}\rho^2 \in [1/d, 1]` (seed 001 Eq. 4: ``(1 + r²)/2`` for a qubit).

    ``Σ p_k²`` over the spectrum clipped to ≥ 0 and renormalised, so that it stays in [1/d, 1]
    for states at the boundary (trace or positivity off within the state tolerance).

    Parameters
    ----------
    rho : array_like, shape (..., d, d)
        Density matrix or batch.

    Returns
    -------
    float or numpy.ndarray
        Tr ρ² in [1/d, 1]; shape (...) for a batch.

    Examples
    --------
    >>> import numpy as np
    >>> purity(np.diag([0.75, 0.25]))
    0.625
    """
    _, vals, _ = validated_spectrum("rho", rho, vectors=False, normalize=True)
    return scalar_or_array(np.clip(np.sum(vals**2, axis=-1), 1.0 / vals.shape[-1], 1.0))


def _irreversible(entropy_rate, beta, heat, scale) -> np.ndarray:
    """``Ṡ − β Q̇`` with ``β Q̇ = 0`` where β = ±inf and |Q̇| ≤ ZERO_HEAT_RTOL × scale."""
    zero_heat = np.abs(heat) <= ZERO_HEAT_RTOL * scale
    finite = np.isfinite(beta)
    # Never form inf·0: finite β multiplies Q̇; infinite β only the sign of a nonzero Q̇.
    finite_part = np.where(finite, beta, 0.0) * heat
    infinite_part = np.where(finite, 0.0, beta) * np.where(zero_heat, 1.0, np.sign(heat))
    product = np.where(finite, finite_part, np.where(zero_heat, 0.0, infinite_part))
    return entropy_rate - product


def irreversible_entropy_rates(
    times, rho, hamiltonian, rho_dot=None, hamiltonian_dot=None, *, derivative: str = "spline"
) -> EntropyRates:
    r"""Irreversible entropy rates :math:`\dot\Sigma_x = \dot S - \beta\,\dot Q_x` per framework.

    Seed 001, with Eq. (15) (PHYSICS_NOTES; equation number lost): ``Ṡ = −Tr(ρ̇ ln ρ)`` (by
    :func:`spinthermo.thermo.entropy.entropy_production_rate`, which raises where ρ̇ feeds the
    kernel of ρ and Ṡ diverges), β the non-equilibrium inverse temperature of
    :func:`nonequilibrium_inverse_temperature` and ``Q̇_x`` the heat rates of
    :func:`first_law_rates`. Where β = ±inf, ``Σ̇_x = ∓inf·sign(Q̇_x)``, except that a heat rate
    below ``ZERO_HEAT_RTOL·max|H|·max|ρ̇|`` counts as zero (``Σ̇_x = Ṡ``). For a qubit
    ``Σ̇_EB = −ṙ artanh(r) sin²θ``.

    Parameters
    ----------
    times, rho, hamiltonian, rho_dot, hamiltonian_dot, derivative
        As for :func:`first_law_rates`.

    Returns
    -------
    EntropyRates
        Ṡ (s⁻¹), β (s), Q̇_x (rad/s²) and Σ̇_x (s⁻¹) at ``times``.
    """
    traj = _trajectory(times, rho, hamiltonian, rho_dot, hamiltonian_dot, derivative)
    _, _, out, _ = _rates(traj)
    entropy_rate = -np.asarray(entropy_production_rate(traj.rho, traj.rho_dot), dtype=float)
    beta = _inverse_temperature(traj.rho_vals, traj.rho_vecs, traj.hamiltonian)
    scale = np.max(np.abs(traj.hamiltonian), axis=(-2, -1)) * np.max(
        np.abs(traj.rho_dot), axis=(-2, -1)
    )
    scale = np.where(scale > 0, scale, 1.0)
    heat = {x: out[x][0] for x in FRAMEWORKS}
    sigma = {x: _irreversible(entropy_rate, beta, heat[x], scale) for x in FRAMEWORKS}
    return EntropyRates(
        times=traj.times,
        entropy_rate=entropy_rate,
        inverse_temperature=beta,
        heat_rate=_frozen(heat),
        irreversible_entropy_rate=_frozen(sigma),
    )


__all__ = [
    "CALLABLE_STEP_FRACTION",
    "DERIVATIVE_SCHEMES",
    "FIRST_LAW_RTOL",
    "FRAMEWORKS",
    "INTEGRATION_METHODS",
    "ISOTROPIC_HAMILTONIAN_RTOL",
    "KERNEL_ENERGY_TOLERANCE",
    "LEVEL_DEGENERACY_RTOL",
    "STATE_DEGENERACY_TOLERANCE",
    "ZERO_HEAT_RTOL",
    "EntropyRates",
    "FirstLawIntegrals",
    "FirstLawRates",
    "HeatWorkRates",
    "conventional_split",
    "entropy_based_split",
    "first_law_rates",
    "hamiltonian_based_split",
    "internal_energy_rate",
    "irreversible_entropy_rates",
    "nonequilibrium_inverse_temperature",
    "purity",
]

#: Names that moved to :mod:`spinthermo.thermo.bloch`, still importable from here for the
#: callers not yet switched (src/spinthermo/studies/driven_qubit.py); remove with the last one.
