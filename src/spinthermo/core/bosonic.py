"""Bosonic modes: Fock-space operators, Gaussian moments and passive linear Langevin systems.

Physics-agnostic tools for the linearised (Holstein–Primakoff) spin models of seed 002
(Eqs. 27–28, Appendices C, E, F): every collective spin excitation is a bosonic mode a_i.

Conventions
-----------
Quadratures (seed 002 Sec. VI B, its Ref. [50]): X = (a + a†)/2, P = i(a† − a)/2, so that
[X, P] = i/2 and the vacuum variances are ⟨ΔX²⟩ = ⟨ΔP²⟩ = 1/4.

Moments of n modes: means ⟨a_i⟩, the normally ordered matrix N_ij = ⟨a_i† a_j⟩ and the anomalous
matrix M_ij = ⟨a_i a_j⟩ (symmetric). The antinormally ordered matrix ⟨a_i a_j†⟩ = δ_ij + N_ji
follows from the commutator.

Passive linear quantum Langevin equations
-----------------------------------------
d𝐚/dt = G 𝐚 + 𝐅(t) with a constant complex (n, n) drift G and white noise of zero mean,

    ⟨F_i(t) F_j†(t')⟩ = D⁺_ij δ(t − t'),   ⟨F_i†(t) F_j(t')⟩ = D⁻_ij δ(t − t'),   ⟨F_i F_j⟩ = 0,

D± Hermitian positive semidefinite. With U(t) = exp(G t) the solution is
𝐚(t) = U(t) 𝐚(0) + 𝐰(t), 𝐰(t) = ∫₀ᵗ U(t − s) 𝐅(s) ds, and the moments obey (derivation:
insert the solution, use the δ-correlations; the noise is uncorrelated with 𝐚(0))::

    ⟨𝐚⟩(t) = U ⟨𝐚⟩(0)
    N(t)   = U* N(0) Uᵀ + ∫₀ᵗ U*(τ) D⁻ Uᵀ(τ) dτ        ⇔  dN/dt = G* N + N Gᵀ + D⁻
    M(t)   = U  M(0) Uᵀ                                ⇔  dM/dt = G M + M Gᵀ
    ⟨𝐰 𝐰†⟩(t) = ∫₀ᵗ U(τ) D⁺ U†(τ) dτ                   (antinormally ordered noise)

The commutator matrix C_ij = [a_i, a_j†] obeys dC/dt = G C + C G† + D⁺ − (D⁻)ᵀ, so C = 1 is
preserved exactly when (fluctuation–dissipation) D⁺ − (D⁻)ᵀ = −(G + G†); for diagonal D± this
is the familiar D⁺ − D⁻ = −(G + G†). A mode damped at rate γ with thermal occupation n̄ has
G = −γ, D⁺ = 2γ(n̄ + 1), D⁻ = 2γ n̄ (the Lindblad jumps √(2γ(n̄+1)) a and √(2γ n̄) a†); vacuum
noise is D⁻ = 0.

Numerics: every time integral has the form ∫₀ᵗ e^{Lτ} D e^{Rτ} dτ with L, R ∈ {G, G*, Gᵀ, G†}.
When G = V Λ V⁻¹ is diagonalisable with a well-conditioned V, the integral is done in closed
form, P_L [(P_L⁻¹ D P_R) ∘ Φ(t)] P_R⁻¹ with Φ_kl(t) = (e^{(μ_k + ν_l) t} − 1)/(μ_k + ν_l) (→ t when
the exponent vanishes). Otherwise (defective G, e.g. critical damping) it is propagated with Van
Loan's block exponential (IEEE TAC 23, 395 (1978)) on substeps of length ≤ 1/‖G‖.

Fock space of two modes: basis index n_a (d_b) + n_b, i.e. ``|n_a⟩ ⊗ |n_b⟩`` with a ⊗ 1 and
1 ⊗ b, mode A the slow (outer) index — :func:`two_mode_operators`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import scipy.linalg
import scipy.special

from spinthermo.core.checks import (
    require_finite,
    require_nonnegative,
    require_range,
    require_times,
)

#: Largest condition number of the eigenvector matrix V of G for the closed-form (eigen)
#: route. Its rounding errors scale as cond(V)·ε ≈ 1e-8 here, still below every tolerance of
#: the models; more ill-conditioned (near-defective) drifts use the Van Loan route.
EIGEN_CONDITION_LIMIT = 1e8
#: Tolerance for Hermiticity and positive semidefiniteness of D± relative to their largest
#: entry (inputs are built from rates; rounding errors are ~1e-16 relative).
NOISE_MATRIX_TOLERANCE = 1e-10
#: Below this |x| the function (eˣ − 1)/x is evaluated by its Taylor series.
_PHI_SERIES_LIMIT = 1e-5


# --------------------------------------------------------------------------- Fock space


def _check_cutoff(name: str, cutoff) -> int:
    if isinstance(cutoff, bool) or not float(cutoff).is_integer() or cutoff < 0:
        raise ValueError(f"{name} must be a non-negative integer; received {cutoff!r}")
    return int(cutoff)


def annihilation_operator(cutoff: int) -> np.ndarray:
    """Truncated annihilation operator a on the Fock states ``|0⟩ … |cutoff⟩``.

    ``a|n⟩ = √n |n−1⟩``; the truncation makes [a, a†] = 1 except in the last diagonal entry.

    Parameters
    ----------
    cutoff : int
        Largest photon (excitation) number kept, ≥ 0.

    Returns
    -------
    numpy.ndarray, shape (cutoff + 1, cutoff + 1)
        Dense, complex.

    Examples
    --------
    >>> annihilation_operator(2).real
    array([[0.        , 1.        , 0.        ],
           [0.        , 0.        , 1.41421356],
           [0.        , 0.        , 0.        ]])
    """
    cutoff = _check_cutoff("cutoff", cutoff)
    return np.diag(np.sqrt(np.arange(1, cutoff + 1, dtype=float)), 1).astype(complex)


def two_mode_operators(cutoff: int, cutoff_b: int | None = None) -> tuple[np.ndarray, np.ndarray]:
    """(a ⊗ 1, 1 ⊗ b) on ``|n_a⟩ ⊗ |n_b⟩``, basis index n_a (cutoff_b + 1) + n_b.

    Mode A is the slow (outer) index, matching ``np.kron(state_a, state_b)`` and QuTiP's
    ``tensor(a, b)`` ordering.

    Parameters
    ----------
    cutoff : int
        Largest occupation of mode A (and of mode B by default), ≥ 0.
    cutoff_b : int, optional
        Largest occupation of mode B (default ``cutoff``).

    Returns
    -------
    tuple of numpy.ndarray, each shape (D, D)
        ``(a ⊗ 1, 1 ⊗ b)``, D = (cutoff + 1)(cutoff_b + 1), complex.
    """
    cutoff = _check_cutoff("cutoff", cutoff)
    cutoff_b = cutoff if cutoff_b is None else _check_cutoff("cutoff_b", cutoff_b)
    a = annihilation_operator(cutoff)
    b = annihilation_operator(cutoff_b)
    return np.kron(a, np.eye(cutoff_b + 1)), np.kron(np.eye(cutoff + 1), b)


def fock_state(n: int, cutoff: int) -> np.ndarray:
    """State vector ``|n⟩`` in the Fock basis ``|0⟩ … |cutoff⟩``.

    Parameters
    ----------
    n : int
        Occupation, in [0, cutoff].
    cutoff : int
        Largest occupation of the basis.

    Returns
    -------
    numpy.ndarray, shape (cutoff + 1,)
        Complex unit vector.

    Examples
    --------
    >>> fock_state(1, 2)
    array([0.+0.j, 1.+0.j, 0.+0.j])
    """
    cutoff = _check_cutoff("cutoff", cutoff)
    n = _check_cutoff("n", n)
    if n > cutoff:
        raise ValueError(f"n must lie in [0, cutoff={cutoff}]; received {n}")
    state = np.zeros(cutoff + 1, dtype=complex)
    state[n] = 1.0
    return state


# --------------------------------------------------------------------------- Gaussian moments


def quadrature_variances(mean, N, M, mode: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """(⟨ΔX²⟩, ⟨ΔP²⟩) of mode ``mode`` from its first and second moments.

    X = (a + a†)/2, P = i(a† − a)/2 (seed 002 Sec. VI B): with N = ⟨a†a⟩, M = ⟨aa⟩, ⟨a⟩ = α,
    ⟨ΔX²⟩ = (2N + 1 + 2 Re M)/4 − (Re α)², ⟨ΔP²⟩ = (2N + 1 − 2 Re M)/4 − (Im α)².
    Vacuum gives 1/4 for both.

    Parameters
    ----------
    mean : array_like or None, shape (..., n)
        Means ⟨a_i⟩, shape (...) for single-mode values; None for zero mean.
    N : array_like, shape (..., n, n)
        Normally ordered moments ⟨a_i† a_j⟩, or single-mode values ⟨a†a⟩ of shape (...).
    M : array_like, shape (..., n, n)
        Anomalous moments ⟨a_i a_j⟩, or single-mode values ⟨aa⟩ of shape (...).
    mode : int, optional
        Mode index when matrices are given (default 0).

    Returns
    -------
    var_x, var_p : float or numpy.ndarray, shape (...)
        ⟨ΔX²⟩ and ⟨ΔP²⟩ (dimensionless; floats for single values).

    Examples
    --------
    >>> quadrature_variances(None, 0.0, 0.0)
    (0.25, 0.25)
    """
    N = np.asarray(N)
    M = np.asarray(M)
    if N.ndim >= 2 and N.shape[-1] == N.shape[-2]:
        n_mm = N[..., mode, mode].real
        m_mm = M[..., mode, mode]
        alpha = 0.0 if mean is None else np.asarray(mean)[..., mode]
    else:
        n_mm = N.real
        m_mm = M
        alpha = 0.0 if mean is None else np.asarray(mean)
    alpha = np.asarray(alpha, dtype=complex)
    var_x = (2.0 * n_mm + 1.0 + 2.0 * np.real(m_mm)) / 4.0 - alpha.real**2
    var_p = (2.0 * n_mm + 1.0 - 2.0 * np.real(m_mm)) / 4.0 - alpha.imag**2
    if np.ndim(var_x) == 0:
        return float(var_x), float(var_p)
    return var_x, var_p


def squeezing_parameter_from_db(squeezing_db: float) -> float:
    """Squeezing parameter r with e^{−2r} = 10^{−dB/10}, a variance reduced by ``squeezing_db``.

    Parameters
    ----------
    squeezing_db : float
        Variance reduction in dB, ≥ 0.

    Returns
    -------
    float
        r = dB · ln 10 / 20 (dimensionless).

    Examples
    --------
    >>> round(squeezing_parameter_from_db(7.0), 6)
    0.805905
    """
    require_nonnegative("squeezing_db", squeezing_db, "dB")
    return float(squeezing_db) * math.log(10.0) / 20.0


def squeezed_vacuum_moments(r: float, theta: float = 0.0) -> tuple[float, complex]:
    """(N, M) of the squeezed vacuum ``S(ξ)|0⟩`` (seed 002 Eqs. 36, F10).

    ξ = r e^{iθ}, S(ξ) = exp[(ξ* a² − ξ a†²)/2]. From S†aS = cosh r a − e^{iθ} sinh r a†
    (Eq. F11): N = sinh² r, M = −e^{iθ} sinh r cosh r; for θ = 0, r > 0 the X quadrature is
    squeezed, ⟨ΔX²⟩ = e^{−2r}/4.

    Parameters
    ----------
    r : float
        Squeezing parameter, ≥ 0.
    theta : float, optional
        Squeezing phase θ in rad (default 0).

    Returns
    -------
    N : float
        ⟨a†a⟩.
    M : complex
        ⟨aa⟩.
    """
    return thermal_squeezed_moments(0.0, r, theta)


def thermal_squeezed_moments(nbar: float, r: float, theta: float = 0.0) -> tuple[float, complex]:
    """(N, M) of S(ξ) ρ_th(n̄) S†(ξ), ξ = r e^{iθ} (seed 002 Eq. F11 on a thermal state).

    N = n̄ cosh 2r + sinh² r, M = −e^{iθ} (2n̄ + 1) sinh r cosh r; for θ = 0,
    ⟨ΔX²⟩ = (2n̄ + 1) e^{−2r}/4 and ⟨ΔP²⟩ = (2n̄ + 1) e^{2r}/4.

    Parameters
    ----------
    nbar : float
        Thermal occupation n̄ before squeezing, ≥ 0.
    r : float
        Squeezing parameter, ≥ 0.
    theta : float, optional
        Squeezing phase θ in rad (default 0).

    Returns
    -------
    N : float
        ⟨a†a⟩.
    M : complex
        ⟨aa⟩.
    """
    require_nonnegative("nbar", nbar)
    require_nonnegative("r", r)
    require_finite("theta", theta)
    n_val = nbar * math.cosh(2.0 * r) + math.sinh(r) ** 2
    m_val = -np.exp(1j * theta) * (2.0 * nbar + 1.0) * math.sinh(r) * math.cosh(r)
    return float(n_val), complex(m_val)


def coherent_moments(alpha: complex) -> tuple[complex, float, complex]:
    """(⟨a⟩, N, M) = (α, ``|α|²``, α²) of the coherent state ``|α⟩``.

    Parameters
    ----------
    alpha : complex
        Coherent amplitude α (finite).

    Returns
    -------
    mean : complex
        ⟨a⟩ = α.
    N : float
        ⟨a†a⟩ = ``|α|²``.
    M : complex
        ⟨aa⟩ = α².
    """
    alpha = complex(require_finite("alpha", alpha))
    return alpha, abs(alpha) ** 2, alpha**2


def thermal_occupation_from_polarization(polarization: float) -> float:
    """n̄ = (1 − p)/(2p): incoherent excitations per mode of a spin ensemble of polarization p.

    Seed 002 Sec. VIII (first order δp/2 in Eqs. C8–C9); its variance (2n̄ + 1)/4 = 1/(4p).

    Parameters
    ----------
    polarization : float
        Spin polarization p, in (0, 1].

    Returns
    -------
    float
        n̄ ≥ 0 (0 for a fully polarised ensemble).
    """
    require_range("polarization", polarization, 0.0, 1.0, low_inclusive=False)
    return (1.0 - polarization) / (2.0 * polarization)


# --------------------------------------------------------------------------- lossy Fock channel


def lossy_fock_probabilities(n_in: int, transmissivity: float, added_occupation: float,
                             n_max: int) -> np.ndarray:
    """P(k), k = 0 … n_max, out of a phase-insensitive Gaussian channel fed with ``|n_in⟩``.

    b_out = √η a_in + √(1 − η) e with e thermal of occupation ν/(1 − η), so that
    ⟨b_out† b_out⟩ = η n_in + ν (η = ``transmissivity``, ν = ``added_occupation``). Exact
    closed form: the channel equals a pure loss η' = η/(1 + ν) followed by a quantum-limited
    amplifier of gain g = 1 + ν (both map ⟨ΔX²⟩ → η⟨ΔX²⟩ + (1 − η + 2ν)/4), so

        P(k) = Σ_j C(n, j) η'^j (1 − η')^{n−j} · C(k, j) g^{−(j+1)} (1 − 1/g)^{k−j},

    a sum of positive terms. Equivalently the generating function is
    Σ_k P(k) z^k = (1 + sν − sη)^n / (1 + sν)^{n+1}, s = 1 − z. For ν = 0 this is the binomial
    distribution; for n_in = 0 the thermal distribution of mean ν.

    Parameters
    ----------
    n_in : int
        Input Fock number n, ≥ 0.
    transmissivity : float
        η, in [0, 1].
    added_occupation : float
        ν, the output occupation with vacuum input, ≥ 0.
    n_max : int
        Largest output number k returned.

    Returns
    -------
    numpy.ndarray, shape (n_max + 1,)
        P(0) … P(n_max) (sums to 1 only when n_max covers the distribution).

    Examples
    --------
    >>> lossy_fock_probabilities(2, 0.5, 0.0, 2)
    array([0.25, 0.5 , 0.25])
    """
    n_in = _check_cutoff("n_in", n_in)
    n_max = _check_cutoff("n_max", n_max)
    require_range("transmissivity", transmissivity, 0.0, 1.0)
    require_nonnegative("added_occupation", added_occupation)
    gain = 1.0 + added_occupation
    eta_loss = transmissivity / gain
    k = np.arange(n_max + 1)[:, None]
    j = np.arange(n_in + 1)[None, :]
    valid = j <= k
    kk = np.where(valid, k, j)
    log_loss = (
        scipy.special.gammaln(n_in + 1) - scipy.special.gammaln(j + 1)
        - scipy.special.gammaln(n_in - j + 1)
        + scipy.special.xlogy(j, eta_loss) + scipy.special.xlog1py(n_in - j, -eta_loss)
    )
    log_amp = (
        scipy.special.gammaln(kk + 1) - scipy.special.gammaln(j + 1)
        - scipy.special.gammaln(kk - j + 1)
        - (j + 1) * math.log(gain)
        + scipy.special.xlogy(kk - j, added_occupation / gain)
    )
    terms = np.where(valid, np.exp(log_loss + log_amp), 0.0)
    return terms.sum(axis=1)


# --------------------------------------------------------------------------- linear systems


def _as_noise_matrix(name: str, value, n: int) -> np.ndarray:
    arr = np.asarray(require_finite(name, value))
    if arr.ndim == 1:
        if arr.shape != (n,):
            raise ValueError(f"{name} must have shape ({n},) or ({n}, {n}); received {arr.shape}")
        if np.iscomplexobj(arr) and np.any(arr.imag != 0):
            raise ValueError(f"{name} given as a diagonal must be real")
        arr = np.diag(arr.real)
    if arr.shape != (n, n):
        raise ValueError(f"{name} must have shape ({n},) or ({n}, {n}); received {arr.shape}")
    arr = arr.astype(complex)
    scale = max(float(np.max(np.abs(arr), initial=0.0)), 1e-300)
    if np.max(np.abs(arr - arr.conj().T)) > NOISE_MATRIX_TOLERANCE * scale:
        raise ValueError(f"{name} must be Hermitian")
    lowest = float(np.min(np.linalg.eigvalsh(0.5 * (arr + arr.conj().T)), initial=0.0))
    if lowest < -NOISE_MATRIX_TOLERANCE * scale:
        raise ValueError(
            f"{name} must be positive semidefinite; received smallest eigenvalue {lowest:.3g}"
        )
    return arr


def _phi(z: np.ndarray, t: float) -> np.ndarray:
    """∫₀ᵗ e^{zτ} dτ = (e^{zt} − 1)/z elementwise, accurate for small |z t|."""
    x = np.asarray(z, dtype=complex) * t
    small = np.abs(x) < _PHI_SERIES_LIMIT
    xs = np.where(small, 1.0, x)
    a, b = xs.real, xs.imag
    expm1 = np.expm1(a) * np.cos(b) - 2.0 * np.sin(0.5 * b) ** 2 + 1j * np.exp(a) * np.sin(b)
    series = 1.0 + x / 2.0 + x * x / 6.0 + x**3 / 24.0
    return t * np.where(small, series, expm1 / xs)


@dataclass(frozen=True)
class _Eigen:
    """e^{X t} = P diag(e^{μ t}) P⁻¹ for X one of G, G*, Gᵀ, G†."""

    p: np.ndarray
    mu: np.ndarray
    p_inv: np.ndarray


@dataclass(frozen=True, eq=False)
class PassiveLinearSystem:
    """Linear quantum Langevin equations d𝐚/dt = G 𝐚 + 𝐅(t) of n passive bosonic modes.

    ``drift`` is G (n, n); ``noise_annihilation`` is D⁺ with ⟨F_i(t) F_j†(t')⟩ = D⁺_ij δ(t − t'),
    ``noise_creation`` is D⁻ with ⟨F_i†(t) F_j(t')⟩ = D⁻_ij δ(t − t'), each (n,) (diagonal) or
    (n, n) Hermitian PSD. Passive: no a a-type coupling and no squeezed noise, so means, N and
    M evolve independently (module docstring for the equations). Seed 002 Eqs. (27)–(28), App. F.

    Parameters
    ----------
    drift : array_like, shape (n, n)
        Drift G in s⁻¹ (complex; the imaginary parts are mode frequencies in rad/s).
    noise_annihilation : array_like, shape (n, n)
        D⁺ in s⁻¹, Hermitian positive semidefinite, or its diagonal of shape (n,).
    noise_creation : array_like, shape (n, n)
        D⁻ in s⁻¹, likewise.

    Examples
    --------
    >>> gamma = 2.0
    >>> damped = PassiveLinearSystem([[-gamma]], [2 * gamma], [0.0])   # vacuum noise
    >>> n_t, _ = damped.moments([[1.0]], [[0.0]], [0.5])
    >>> round(float(n_t[0, 0, 0].real), 12) == round(math.exp(-2 * gamma * 0.5), 12)
    True
    """

    drift: np.ndarray
    noise_annihilation: np.ndarray
    noise_creation: np.ndarray
    _eigen: dict = field(init=False, repr=False, compare=False)

    def __post_init__(self):
        drift = np.asarray(require_finite("drift", self.drift), dtype=complex)
        if drift.ndim != 2 or drift.shape[0] != drift.shape[1]:
            raise ValueError(f"drift must have shape (n, n); received {drift.shape}")
        n = drift.shape[0]
        object.__setattr__(self, "drift", drift)
        object.__setattr__(
            self, "noise_annihilation", _as_noise_matrix("noise_annihilation",
                                                         self.noise_annihilation, n))
        object.__setattr__(
            self, "noise_creation", _as_noise_matrix("noise_creation", self.noise_creation, n))
        object.__setattr__(self, "_eigen", self._diagonalise(drift))

    # ------------------------------------------------------------------ set-up
    @staticmethod
    def _diagonalise(drift: np.ndarray) -> dict:
        lam, v = np.linalg.eig(drift)
        cond = np.linalg.cond(v)
        if not np.isfinite(cond) or cond > EIGEN_CONDITION_LIMIT:
            return {}
        w = np.linalg.inv(v)
        return {
            "G": _Eigen(v, lam, w),
            "G*": _Eigen(v.conj(), lam.conj(), w.conj()),
            "GT": _Eigen(w.T, lam, v.T),
            "GH": _Eigen(w.conj().T, lam.conj(), v.conj().T),
        }

    @property
    def size(self) -> int:
        """Number of modes n."""
        return self.drift.shape[0]

    @property
    def diagonalisable(self) -> bool:
        """Whether the closed-form eigen route is used (cond(V) ≤ EIGEN_CONDITION_LIMIT)."""
        return bool(self._eigen)

    def _matrix(self, key: str) -> np.ndarray:
        g = self.drift
        return {"G": g, "G*": g.conj(), "GT": g.T, "GH": g.conj().T}[key]

    def _rows(self, rows) -> np.ndarray:
        rows = np.atleast_1d(np.asarray(rows))
        if rows.ndim != 1 or not np.issubdtype(rows.dtype, np.integer):
            raise ValueError("rows must be an integer index or a 1-D sequence of mode indices")
        if np.any(rows < 0) or np.any(rows >= self.size):
            raise ValueError(f"rows must lie in [0, {self.size - 1}]; received {rows.tolist()}")
        return rows

    # ------------------------------------------------------------------ propagators
    def _exp_rows(self, key: str, t: float, rows=None) -> np.ndarray:
        """Rows ``rows`` of e^{X t} (all rows if None)."""
        if self._eigen:
            e = self._eigen[key]
            p = e.p if rows is None else e.p[rows]
            return (p * np.exp(e.mu * t)) @ e.p_inv
        full = scipy.linalg.expm(self._matrix(key) * t)
        return full if rows is None else full[rows]

    def propagator(self, t: float) -> np.ndarray:
        """U(t) = exp(G t), so that ⟨𝐚⟩(t) = U(t) ⟨𝐚⟩(0).

        Parameters
        ----------
        t : float
            Time in s.

        Returns
        -------
        numpy.ndarray, shape (n, n)
        """
        require_finite("t", t)
        return self._exp_rows("G", float(t))

    def propagator_rows(self, rows, times) -> np.ndarray:
        """U(t)[rows, :] at every time, in O(len(rows) n²) per time.

        Parameters
        ----------
        rows : int or sequence of int
            Output mode indices r, each in [0, n).
        times : array_like, shape (T,)
            Times in s after t = 0 (any order, ≥ 0).

        Returns
        -------
        numpy.ndarray, shape (T, len(rows), n)
        """
        rows = self._rows(rows)
        times = require_times(times, ordered=False)
        return np.stack([self._exp_rows("G", t, rows) for t in times])

    def transmissions(self, rows, times) -> np.ndarray:
        """Transmissions ``|U_rk(t)|²``, the fraction of input mode k found in output mode r.

        Parameters
        ----------
        rows : int or sequence of int
            Output mode indices r, each in [0, n).
        times : array_like, shape (T,)
            Times in s after t = 0 (any order, ≥ 0).

        Returns
        -------
        numpy.ndarray, shape (T, len(rows), n)
        """
        return np.abs(self.propagator_rows(rows, times)) ** 2

    def means(self, mean0, times) -> np.ndarray:
        """Means ⟨𝐚⟩(t) = U(t) ⟨𝐚⟩(0) at every time.

        Parameters
        ----------
        mean0 : array_like, shape (n,)
            ⟨𝐚⟩(0).
        times : array_like, shape (T,)
            Times in s after t = 0 (any order, ≥ 0).

        Returns
        -------
        numpy.ndarray, shape (T, n)
        """
        mean0 = np.asarray(require_finite("mean0", mean0), dtype=complex)
        if mean0.shape != (self.size,):
            raise ValueError(f"mean0 must have shape ({self.size},); received {mean0.shape}")
        times = require_times(times, ordered=False)
        return np.stack([self._exp_rows("G", t) @ mean0 for t in times])

    def means_rows(self, rows, mean0, times) -> np.ndarray:
        """Means ⟨a_r⟩(t) for r in ``rows`` only, in O(len(rows) n²) per time.

        Parameters
        ----------
        rows : int or sequence of int
            Output mode indices r, each in [0, n).
        mean0 : array_like, shape (n,)
            ⟨𝐚⟩(0).
        times : array_like, shape (T,)
            Times in s after t = 0 (any order, ≥ 0).

        Returns
        -------
        numpy.ndarray, shape (T, len(rows))
        """
        mean0 = np.asarray(require_finite("mean0", mean0), dtype=complex)
        if mean0.shape != (self.size,):
            raise ValueError(f"mean0 must have shape ({self.size},); received {mean0.shape}")
        return self.propagator_rows(rows, times) @ mean0

    # ------------------------------------------------------------------ noise integrals
    def _integrals(self, left: str, d: np.ndarray, right: str, times: np.ndarray,
                   rows=None, cols=None, diagonal: bool = False) -> np.ndarray:
        """∫₀ᵗ e^{Lτ} D e^{Rτ} dτ at every time: block [rows, cols] (all if None), (T, r, c).

        With ``diagonal`` only the diagonal of the full matrix, (T, n).
        """
        out = []
        if self._eigen:
            el, er = self._eigen[left], self._eigen[right]
            core = el.p_inv @ d @ er.p
            exponents = el.mu[:, None] + er.mu[None, :]
            pl = el.p if rows is None else el.p[rows]
            pr = er.p_inv if cols is None else er.p_inv[:, cols]
            for t in times:
                inner = core * _phi(exponents, t)
                if diagonal:
                    out.append(np.einsum("ij,ji->i", pl @ inner, pr))
                else:
                    out.append(pl @ inner @ pr)
            return np.stack(out)
        for t in times:
            full = self._van_loan(self._matrix(left), d, self._matrix(right), t)
            if diagonal:
                out.append(np.diag(full))
                continue
            full = full if rows is None else full[rows]
            out.append(full if cols is None else full[:, cols])
        return np.stack(out)

    def _van_loan(self, left: np.ndarray, d: np.ndarray, right: np.ndarray, t: float):
        """Van Loan block exponential on substeps of length ≤ 1/‖G‖ (defective drifts)."""
        n = self.size
        scale = max(float(np.linalg.norm(self.drift, 2)), 1e-300)
        steps = max(1, math.ceil(t * scale))
        h = t / steps
        block = np.zeros((2 * n, 2 * n), dtype=complex)
        block[:n, :n] = left
        block[:n, n:] = d
        block[n:, n:] = -right
        big = scipy.linalg.expm(block * h)
        exp_left = big[:n, :n]
        exp_right = scipy.linalg.expm(right * h)
        step_integral = big[:n, n:] @ exp_right
        total = np.zeros((n, n), dtype=complex)
        for _ in range(steps):
            total = exp_left @ total @ exp_right + step_integral
        return total

    def noise_moments(self, times) -> tuple[np.ndarray, np.ndarray]:
        """(⟨w_i† w_j⟩, ⟨w_i w_j†⟩)(t): the noise added from t = 0, each (T, n, n).

        ⟨𝐰†𝐰⟩ = ∫₀ᵗ U* D⁻ Uᵀ dτ (the D⁻ term of N) and ⟨𝐰 𝐰†⟩ = ∫₀ᵗ U D⁺ U† dτ (seed 002
        Eq. F5 is the latter's noble-gas entry for the two-mode drift).

        Parameters
        ----------
        times : array_like, shape (T,)
            Times in s after t = 0 (any order, ≥ 0).

        Returns
        -------
        normal, antinormal : numpy.ndarray, shape (T, n, n)
            ⟨w_i† w_j⟩ and ⟨w_i w_j†⟩.
        """
        return self.noise_moments_rows(np.arange(self.size), times)

    def noise_moments_rows(self, rows, times) -> tuple[np.ndarray, np.ndarray]:
        """Block [rows, rows] of :meth:`noise_moments`, in O(n² len(rows)) per time.

        Parameters
        ----------
        rows : int or sequence of int
            Output mode indices r, each in [0, n).
        times : array_like, shape (T,)
            Times in s after t = 0 (any order, ≥ 0).

        Returns
        -------
        normal, antinormal : numpy.ndarray, shape (T, r, r)
            Blocks of ⟨w_i† w_j⟩ and ⟨w_i w_j†⟩, r = len(rows).
        """
        rows = self._rows(rows)
        times = require_times(times, ordered=False)
        dm, dp = self.noise_creation, self.noise_annihilation
        normal = self._integrals("G*", dm, "GT", times, rows, rows)
        anti = self._integrals("G", dp, "GH", times, rows, rows)
        return normal, anti

    def noise_contributions(self, row: int, times) -> tuple[np.ndarray, np.ndarray]:
        """Per-source split of ⟨w_r† w_r⟩ and ⟨w_r w_r†⟩: arrays (T, n) summing to them.

        For diagonal D±, source k adds ``D±_kk ∫₀ᵗ |U_rk(τ)|² dτ``; the integrals for all k are
        the diagonal of ∫₀ᵗ e^{Gᵀτ} E_rr e^{G*τ} dτ (E_rr the unit matrix at (r, r)). Raises
        ``ValueError`` for non-diagonal D± (the split is then not unique).

        Parameters
        ----------
        row : int
            Output mode r.
        times : array_like, shape (T,)
            Times in s after t = 0 (any order, ≥ 0).

        Returns
        -------
        normal, antinormal : numpy.ndarray, shape (T, n)
            Contribution of each source k to ⟨w_r† w_r⟩ and to ⟨w_r w_r†⟩.
        """
        (row,) = self._rows(row)
        times = require_times(times, ordered=False)
        for name, d in (("noise_creation", self.noise_creation),
                        ("noise_annihilation", self.noise_annihilation)):
            if np.any(d - np.diag(np.diag(d))):
                raise ValueError(f"noise_contributions needs a diagonal {name}")
        unit = np.zeros((self.size, self.size), dtype=complex)
        unit[row, row] = 1.0
        weights = self._integrals("GT", unit, "G*", times, diagonal=True).real
        return (weights * np.diag(self.noise_creation).real,
                weights * np.diag(self.noise_annihilation).real)

    # ------------------------------------------------------------------ moments
    def _check_moment(self, name, value) -> np.ndarray:
        if value is None:
            return np.zeros((self.size, self.size), dtype=complex)
        arr = np.asarray(require_finite(name, value), dtype=complex)
        if arr.shape != (self.size, self.size):
            raise ValueError(f"{name} must have shape ({self.size}, {self.size}); "
                             f"received {arr.shape}")
        return arr

    def moments(self, N0, M0, times) -> tuple[np.ndarray, np.ndarray]:
        """(N(t), M(t)), each (T, n, n), exact: N = U* N0 Uᵀ + ∫U* D⁻ Uᵀ, M = U M0 Uᵀ.

        N_ij = ⟨a_i† a_j⟩, M_ij = ⟨a_i a_j⟩.

        Parameters
        ----------
        N0 : array_like, shape (n, n), or None
            N(0) (None for vacuum).
        M0 : array_like, shape (n, n), or None
            M(0) (None for zero).
        times : array_like, shape (T,)
            Times in s after t = 0 (any order, ≥ 0).

        Returns
        -------
        N, M : numpy.ndarray, shape (T, n, n)
        """
        return self.moments_rows(np.arange(self.size), N0, M0, times)

    def moments_rows(self, rows, N0, M0, times) -> tuple[np.ndarray, np.ndarray]:
        """Blocks N[rows, rows] and M[rows, rows] at every time, (T, r, r) each.

        Costs O(r n²) per time instead of O(n³): e.g. one output mode of a 400-mode system.

        Parameters
        ----------
        rows : int or sequence of int
            Output mode indices r, each in [0, n).
        N0, M0 : array_like, shape (n, n), or None
            Initial moments as in :meth:`moments`.
        times : array_like, shape (T,)
            Times in s after t = 0 (any order, ≥ 0).

        Returns
        -------
        N, M : numpy.ndarray, shape (T, r, r)
            r = len(rows).
        """
        rows = self._rows(rows)
        n0 = self._check_moment("N0", N0)
        m0 = self._check_moment("M0", M0)
        times = require_times(times, ordered=False)
        noise = self._integrals("G*", self.noise_creation, "GT", times, rows, rows)
        n_out, m_out = [], []
        for t, noise_t in zip(times, noise, strict=True):
            u = self._exp_rows("G", t, rows)
            n_out.append(u.conj() @ n0 @ u.T + noise_t)
            m_out.append(u @ m0 @ u.T)
        return np.stack(n_out), np.stack(m_out)

    def antinormal_moments(self, N0, times) -> np.ndarray:
        """A_ij(t) = ⟨a_i a_j†⟩ = U (1 + N0ᵀ) U† + ∫U D⁺ U† dτ, (T, n, n).

        An independent route to the commutator: A = 1 + Nᵀ holds at all times exactly when the
        fluctuation–dissipation relation (:func:`commutator_preserving`) holds.

        Parameters
        ----------
        N0 : array_like, shape (n, n), or None
            N(0) (None for vacuum).
        times : array_like, shape (T,)
            Times in s after t = 0 (any order, ≥ 0).

        Returns
        -------
        numpy.ndarray, shape (T, n, n)
        """
        n0 = self._check_moment("N0", N0)
        times = require_times(times, ordered=False)
        start = np.eye(self.size) + n0.T
        noise = self._integrals("G", self.noise_annihilation, "GH", times)
        out = []
        for t, noise_t in zip(times, noise, strict=True):
            u = self._exp_rows("G", t)
            out.append(u @ start @ u.conj().T + noise_t)
        return np.stack(out)

    def commutators(self, times) -> np.ndarray:
        """C_ij(t) = [a_i(t), a_j†(t)] from C(0) = 1, i.e. U U† + ∫U (D⁺ − (D⁻)ᵀ) U† dτ.

        Parameters
        ----------
        times : array_like, shape (T,)
            Times in s after t = 0 (any order, ≥ 0).

        Returns
        -------
        numpy.ndarray, shape (T, n, n)
        """
        times = require_times(times, ordered=False)
        d = self.noise_annihilation - self.noise_creation.T
        noise = self._integrals("G", d, "GH", times)
        out = []
        for t, noise_t in zip(times, noise, strict=True):
            u = self._exp_rows("G", t)
            out.append(u @ u.conj().T + noise_t)
        return np.stack(out)

    def fock_channel(self, row: int, input_mode, times, background_N0=None):
        """(η(t), ν(t)) of the channel carrying a Fock state of ``input_mode`` to mode ``row``.

        ``input_mode`` is a mode index or a unit vector c: the input Fock state is created by
        (Σ_k c_k a_k†)^m/√m!. η = ``|Σ_k U_rk c_k|²`` and ν = ⟨a_r† a_r⟩(t) with
        the input mode empty: the initial moments ``background_N0`` propagated plus the noise.
        Feed them to :func:`lossy_fock_probabilities` for the output photon-number
        distribution; this is exact when the background and noise are phase-insensitive
        Gaussian (thermal).

        Parameters
        ----------
        row : int
            Output mode r.
        input_mode : int or array_like, shape (n,)
            Input mode index, or a unit vector c.
        times : array_like, shape (T,)
            Times in s after t = 0 (any order, ≥ 0).
        background_N0 : array_like, shape (n, n), optional
            N(0) of everything but the input (phase-insensitive, input mode in vacuum;
            default all vacuum).

        Returns
        -------
        eta : numpy.ndarray, shape (T,)
            Transmissivity η(t), in [0, 1] for a damped system.
        nu : numpy.ndarray, shape (T,)
            Added occupation ν(t), ≥ 0.
        """
        (row,) = self._rows(row)
        times = require_times(times, ordered=False)
        if np.ndim(input_mode) == 0:
            vector = np.zeros(self.size, dtype=complex)
            vector[self._rows(input_mode)[0]] = 1.0
        else:
            vector = np.asarray(require_finite("input_mode", input_mode), dtype=complex)
            if vector.shape != (self.size,) or not np.isclose(np.linalg.norm(vector), 1.0):
                raise ValueError(f"input_mode must be an index or a unit vector of length "
                                 f"{self.size}")
        u = self.propagator_rows([row], times)[:, 0, :]
        eta = np.abs(u @ vector) ** 2
        n_t, _ = self.moments_rows([row], background_N0, None, times)
        return eta, n_t[:, 0, 0].real


def commutator_preserving(drift, noise_annihilation, noise_creation, atol: float = 1e-10) -> bool:
    """Whether D⁺ − (D⁻)ᵀ = −(G + G†) within ``atol`` × the largest entry of G or D⁺.

    The fluctuation–dissipation relation that keeps [a_i, a_j†] = δ_ij (module docstring).

    Parameters
    ----------
    drift : array_like, shape (n, n)
        Drift G in s⁻¹.
    noise_annihilation : array_like, shape (n, n)
        D⁺ in s⁻¹ (or its diagonal, shape (n,)).
    noise_creation : array_like, shape (n, n)
        D⁻ in s⁻¹ (or its diagonal, shape (n,)).
    atol : float, optional
        Relative tolerance (default 1e-10).

    Returns
    -------
    bool

    Examples
    --------
    >>> commutator_preserving([[-1.0]], [2.0], [0.0]), commutator_preserving([[-1.0]], [1.0], [0.0])
    (True, False)
    """
    g = np.atleast_2d(np.asarray(require_finite("drift", drift), dtype=complex))
    n = g.shape[0]
    dp = _as_noise_matrix("noise_annihilation", noise_annihilation, n)
    dm = _as_noise_matrix("noise_creation", noise_creation, n)
    residual = dp - dm.T + g + g.conj().T
    scale = max(float(np.max(np.abs(g))), float(np.max(np.abs(dp))), 1e-300)
    return bool(np.max(np.abs(residual)) <= atol * scale)


def piecewise_moments(segments, mean0, N0, M0, times):
    """(means, N, M) at ``times`` for a drift switched at given instants.

    Each system acts until the next start (seed 002 Figs. 3c, 4: Δ switched off resonance at
    T_π).

    Parameters
    ----------
    segments : list of tuple
        ``(t_start, system)`` pairs: a start time in s and a :class:`PassiveLinearSystem`, the
        first starting at 0 and the starts strictly increasing; all systems have the same n.
    mean0 : array_like, shape (n,), or None
        ⟨𝐚⟩(0) (None for zero).
    N0, M0 : array_like, shape (n, n), or None
        Initial moments as in :meth:`PassiveLinearSystem.moments`.
    times : array_like, shape (T,)
        Times in s after t = 0 (any order, ≥ 0).

    Returns
    -------
    means : numpy.ndarray, shape (T, n)
    N, M : numpy.ndarray, shape (T, n, n)
    """
    segments = list(segments)
    starts = [float(s) for s, _ in segments]
    if not segments or starts[0] != 0.0 or np.any(np.diff(starts) <= 0):
        raise ValueError("segments must start at t = 0 with strictly increasing start times")
    times = require_times(times, ordered=False)
    system0 = segments[0][1]
    n = system0.size
    mean = np.zeros(n, dtype=complex) if mean0 is None else np.asarray(mean0, dtype=complex)
    n_mat = system0._check_moment("N0", N0)
    m_mat = system0._check_moment("M0", M0)
    out_mean = np.empty((times.size, n), dtype=complex)
    out_n = np.empty((times.size, n, n), dtype=complex)
    out_m = np.empty((times.size, n, n), dtype=complex)
    bounds = [*starts[1:], math.inf]
    for (start, system), stop in zip(segments, bounds, strict=True):
        inside = (times >= start) & (times < stop)
        if np.any(inside):
            local = times[inside] - start
            out_mean[inside] = system.means(mean, local)
            out_n[inside], out_m[inside] = system.moments(n_mat, m_mat, local)
        if math.isfinite(stop):
            mean = system.means(mean, [stop - start])[0]
            n_full, m_full = system.moments(n_mat, m_mat, [stop - start])
            n_mat, m_mat = n_full[0], m_full[0]
    return out_mean, out_n, out_m
