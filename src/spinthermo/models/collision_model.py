r"""Harvesting pair coherences with a single atom by repeated collisions: seed 003 Sec. III C,
Appendices B and C.

Çakmak, Manatuly & Müstecaplıoğlu, "Thermal production, protection and heat exchange of
quantum coherences", PRA 96, 032117 (2017). A beam of atom pairs, each in the two-atom state
ρ_b (e.g. the long-time state of the dipolar pair of Sec. III, with heat-exchange coherences
a23 = a32 between ``|eg⟩`` and ``|ge⟩``), meets a single "harvesting" atom one pair at a time, at
random (Poisson) times of rate p, for a short time τ.

Conventions (ħ = 1, SI, angular frequencies in rad/s)
-----------------------------------------------------
Atom basis ``(|e⟩, |g⟩)``, ``σz|e⟩ = +|e⟩``, ``σ+ = |e⟩⟨g|``, ⟨σ+⟩ = Tr(σ+ρ) = ρ_ge = ``rho[1, 0]``.
Pair basis ``PAIR_BASIS = (|ee⟩, |eg⟩, |ge⟩, |gg⟩)`` (seed Sec. III's excitation basis), so
``a_ij = pair_state[i-1, j-1]``. Pair ⊗ atom is ordered pair first (index ``2·i_pair + i_atom``),
the block form of seed Eqs. (B4)–(B5) whose entries are atom operators.

Hamiltonians (seed Eqs. 6–9): H_q = ω0σz/2, H_b = (ω0/2)Σ_i σz_i and
H_int = g Σ_{i=1,2}(σ+_i σ−_0 + σ−_i σ+_0) = g S, S = J+ ⊗ σ− + J− ⊗ σ+ with the collective
J± = Σ_i σ±_i (Eq. B3). H_int conserves the number of excitations, so it commutes with
H_q + H_b and the collision in the interaction picture is U(τ) = exp(−igτS) (Eq. B1), to second
order 1 − igτS − (gτ)²S²/2 (Eq. B2), written out blockwise in Eq. (B5).

Master equation (seed Eqs. 10–16), in the interaction picture of H_q. With θ = gτ and
μ = pθ², Eq. (10) ρ̇ = p(Tr_b[U(ρ_b ⊗ ρ)U†] − ρ) expanded to O(θ²) is (derived here, and the
tests check it against the partial trace and against Table I)

    ρ̇ = −i[H_eff, ρ] + μ r_e D[σ+]ρ + μ r_d D[σ−]ρ + 2μ(ε σ+ρσ+ + ε* σ−ρσ−),
    H_eff = pgτ(λσ+ + λ*σ−),   D[L]ρ = LρL† − ½{L†L, ρ}  (so (r/2)𝓛_e = r D[σ+], Eq. 15),

with the moments of the pair r_e = ⟨J+J−⟩, r_d = ⟨J−J+⟩, λ = ⟨J−⟩, ε = ⟨J−²⟩/2, i.e. Table I:
r_e = 2a11 + a22 + a23 + a32 + a33, r_d = 2a44 + a22 + a23 + a32 + a33,
λ = a12 + a13 + a24 + a34, ε = a14. The Kossakowski matrix μ[[r_e, 2ε], [2ε*, r_d]] is the Gram
matrix of (J−, J+) in ρ_b, hence positive: the truncated generator is of Lindblad form for every
pair state. ``order="exact"`` keeps Eq. (10) unexpanded, p(Φ − 1) with the exact channel Φ.

Reading of the paper, and where it was corrected
------------------------------------------------
* Eq. (19) (Bloch equations) and Eqs. (C1)–(C2) are printed with the transverse components
  normalised as ⟨S_x⟩ = ⟨σx⟩/2 (the drive couplings ½ipgτ(λ−λ*) and −2ipgτ(...) only fit that
  way) and with a misprint in the ⟨σ̇y⟩ damping, which must read (2N − M − M* + 1), not
  (2N + M + M* + 1). Eqs. (C1)–(C2) solve Eq. (19) as printed, so they agree with the true
  steady state only when Re ε = 0 (after halving ⟨σx⟩, ⟨σy⟩). :func:`bloch_equations` is
  derived from the master equation (Pauli normalisation); :func:`paper_bloch_steady_state`
  evaluates Eqs. (C1)–(C2) verbatim for comparison. In Eq. (19), "M" is the complex Me^{iφ}.
* The effective temperature is printed T = −(ħω0/k_B) ln(r_e/r_d); the Gibbs ratio
  r_e/r_d = e^{−ħω0/k_B T} of the Eq. (30) populations gives T = −(ħω0/k_B)/ln(r_e/r_d),
  which is what :func:`effective_temperature` returns.
* Eq. (27) (heat current) as printed does not vanish in the λ = 0 steady state and carries a
  factor ½ on the drive part; :meth:`CollisionModel.heat_current_closed_form` is the
  re-derived form, equal to Tr[H_tot 𝒟(ρ)] (Eq. 26), which the tests check.
* Eq. (28) is read with the lab-frame drive phase λ(t) = λe^{−iω0t} of phase-locked pairs, so
  in the interaction picture P = −iω0·pgτ(λ⟨σ+⟩ − λ*⟨σ−⟩); with it the first law
  d⟨H_tot⟩/dt = J + P holds exactly, and P = 0 when λ = 0 as the text states.
* The phase of R in Eq. (21) is arg ε, i.e. the φ of Eq. (18) (with M ≥ 0) shifted by π.

Direct simulation (:func:`simulate_collisions`): in the lab frame, the atom evolves under H_q
between Poisson arrivals; each arriving pair is in its lab-frame state e^{−iH_b t}ρ_b e^{iH_b t}
(pairs phase-locked to the common clock, ρ_b being the interaction-picture state Eq. (1)
produces); the exact U(τ) acts and the pair is traced out. The collision itself is
instantaneous on the clock (τ ≪ 1/p, the paper's coarse graining). Averaged over arrival times,
the interaction-picture state obeys ρ̇ = p(Φ − 1)ρ exactly, which the tests check
statistically.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import scipy.linalg

from spinthermo.core.checks import (
    STATE_TOLERANCE,
    require_density_matrix,
    require_finite,
    require_nonnegative,
    require_numeric,
    require_positive,
    require_range,
    require_times,
)
from spinthermo.core.generator import MeanFieldGenerator
from spinthermo.core.options import EvolveOptions, SteadyStateOptions
from spinthermo.core.results import EvolutionResult, SteadyStateResult
from spinthermo.core.spin import SIGMA_MINUS, SIGMA_PLUS, SIGMA_Z
from spinthermo.core.superop import (
    commutator_superoperator,
    lindblad_dissipator,
    sprepost,
    trace_row,
    unvec,
    vec,
)
from spinthermo.core.units import BOLTZMANN, HBAR
from spinthermo.models.base import Model, OpenSystemSpec
from spinthermo.models.fast_path import evolve_generator, linear_steady_state
from spinthermo.thermo.heat_current import heat_current as _heat_current
from spinthermo.thermo.heat_current import power as _power

#: Pair basis of seed 003 Sec. III (and Eq. B3): a_ij = pair_state[i-1, j-1].
PAIR_BASIS = ("ee", "eg", "ge", "gg")
#: Single-atom basis.
ATOM_BASIS = ("e", "g")
#: Excitation number of each pair basis state (H_b = ω0 (n − 1) in this basis).
PAIR_EXCITATIONS = np.array([2, 1, 1, 0])
#: Truncation orders of the collision: the exact unitary, or its expansion to (gτ)².
ORDERS = ("exact", 2)
#: Seed of the default random generator of :func:`simulate_collisions` ("seed 003").
DEFAULT_SEED = 3
#: λ is a sum of four entries of a pair state accepted within STATE_TOLERANCE; below this it
#: counts as zero and Eq. (30) applies.
DRIVE_TOLERANCE = STATE_TOLERANCE



# --------------------------------------------------------------------------- operators


def collective_raising() -> np.ndarray:
    """J+ = σ+_1 + σ+_2 in ``PAIR_BASIS`` (seed 003 Eq. B3).

    Returns
    -------
    numpy.ndarray
        Shape (4, 4), complex.

    Examples
    --------
    >>> collective_raising().real.astype(int)
    array([[0, 1, 1, 0],
           [0, 0, 0, 1],
           [0, 0, 0, 1],
           [0, 0, 0, 0]])
    """
    return np.kron(SIGMA_PLUS, np.eye(2)) + np.kron(np.eye(2), SIGMA_PLUS)


def collective_lowering() -> np.ndarray:
    """J− = σ−_1 + σ−_2 = (J+)† in ``PAIR_BASIS`` (seed 003 Eq. B3).

    Returns
    -------
    numpy.ndarray
        Shape (4, 4), complex.
    """
    return collective_raising().conj().T


def exchange_operator() -> np.ndarray:
    """S = Σ_i (σ+_i σ−_0 + σ−_i σ+_0) = J+ ⊗ σ− + J− ⊗ σ+ on pair ⊗ atom (seed 003 Eq. B4).

    Returns
    -------
    numpy.ndarray
        Shape (8, 8), complex, basis ``PAIR_BASIS`` ⊗ ``ATOM_BASIS``.
    """
    return np.kron(collective_raising(), SIGMA_MINUS) + np.kron(collective_lowering(), SIGMA_PLUS)


def interaction_hamiltonian(coupling: float) -> np.ndarray:
    """H_int = g S (ħ = 1) on pair ⊗ atom (seed 003 Eq. 9).

    Parameters
    ----------
    coupling : float
        g, rad/s, real and finite.

    Returns
    -------
    numpy.ndarray
        Shape (8, 8), rad/s.
    """
    return _coupling(coupling) * exchange_operator()


def collision_unitary(coupling: float, interaction_time: float, order="exact") -> np.ndarray:
    """U(τ) = exp(−i H_int τ) on pair ⊗ atom (seed 003 Eq. B1), or its expansion to (gτ)²,
    1 − igτS − (gτ)²S²/2 (Eqs. B2, B5), with ``order=2``. Interaction picture of H_q + H_b,
    with which H_int commutes, so this is also the lab-frame collision up to free evolution.

    Parameters
    ----------
    coupling : float
        g, rad/s, real.
    interaction_time : float
        τ, s, ≥ 0.
    order : {"exact", 2}
        The exact exponential or its expansion to (gτ)².

    Returns
    -------
    numpy.ndarray
        Shape (8, 8), dimensionless (unitary for ``"exact"``).

    Examples
    --------
    >>> u = collision_unitary(1.0, 0.1)
    >>> bool(np.allclose(u @ u.conj().T, np.eye(8)))
    True
    """
    theta = _theta(coupling, interaction_time)
    _check_order(order)
    s = exchange_operator()
    if order == "exact":
        return scipy.linalg.expm(-1j * theta * s)
    return np.eye(8) - 1j * theta * s - 0.5 * theta**2 * (s @ s)


# --------------------------------------------------------------------------- Table I


@dataclass(frozen=True)
class LindbladCoefficients:
    """Table I of seed 003: the pair moments that set the atom's master equation.

    Parameters
    ----------
    r_e, r_d : float
        Excitation and de-excitation moments, real ≥ 0, dimensionless.
    lam : complex
        λ, the coherent drive (Eq. 12).
    eps : complex
        ε, the squeezing (Eq. 13).
    """

    r_e: float
    r_d: float
    lam: complex
    eps: complex


def lindblad_coefficients(pair_state) -> LindbladCoefficients:
    """Table I of seed 003 from a two-atom state (4×4, ``PAIR_BASIS``).

    r_e = 2a11 + a22 + a23 + a32 + a33, r_d = 2a44 + a22 + a23 + a32 + a33,
    λ = a12 + a13 + a24 + a34, ε = a14.

    Parameters
    ----------
    pair_state : array_like or Qobj
        Two-atom density matrix, shape (4, 4), basis ``PAIR_BASIS``.

    Returns
    -------
    LindbladCoefficients
        r_e, r_d, λ, ε.

    Examples
    --------
    >>> c = lindblad_coefficients(np.diag([0.0, 0.0, 0.0, 1.0]))   # pair in |gg⟩
    >>> c.r_e, c.r_d
    (0.0, 2.0)
    """
    a = _pair_state(pair_state)
    common = a[1, 1] + a[1, 2] + a[2, 1] + a[2, 2]
    return LindbladCoefficients(
        r_e=float((2 * a[0, 0] + common).real),
        r_d=float((2 * a[3, 3] + common).real),
        lam=complex(a[0, 1] + a[0, 2] + a[1, 3] + a[2, 3]),
        eps=complex(a[0, 3]),
    )


@dataclass(frozen=True)
class FittedCoefficients:
    """Table I coefficients read off the expanded partial trace, with a residual.

    Parameters
    ----------
    coefficients : LindbladCoefficients
        The fitted r_e, r_d, λ, ε.
    residual : float
        The largest mismatch between the partial-trace generator and the Lindblad form (and
        between the fitted λ*, ε* and the conjugates of λ, ε), 0 to rounding when the form is
        exact.
    """

    coefficients: LindbladCoefficients
    residual: float


def _pair_atom(pair: np.ndarray, atom: np.ndarray) -> np.ndarray:
    """ρ_b ⊗ ρ for batches of atom operators ``(..., 2, 2)``."""
    out = np.einsum("ij,...kl->...ikjl", pair, atom)
    return out.reshape(*atom.shape[:-2], 8, 8)


def _trace_pair(x: np.ndarray) -> np.ndarray:
    """Tr_b over the pair of pair ⊗ atom operators ``(..., 8, 8)``."""
    return np.einsum("...akal->...kl", x.reshape(*x.shape[:-2], 4, 2, 4, 2))


_BASIS_2 = np.stack([unvec(np.eye(4)[k]) for k in range(4)])  # E_k with vec(E_k) = e_k


def _superoperator(atom_map) -> np.ndarray:
    """Matrix (column stacking) of a linear map on 2×2 operators given as a batched function."""
    return vec(atom_map(_BASIS_2)).T


def expanded_partial_trace_maps(pair_state) -> tuple[np.ndarray, np.ndarray]:
    """Superoperators M1, M2 with Tr_b[U(ρ_b ⊗ ρ)U†] = ρ + θ M1 ρ + θ² M2 ρ + O(θ³) (θ = gτ).

    From U ≈ 1 − iθS − θ²S²/2 (seed 003 Eq. B2): M1 ρ = −i Tr_b[S, ρ_b ⊗ ρ] and
    M2 ρ = Tr_b[S(ρ_b ⊗ ρ)S − ½{S², ρ_b ⊗ ρ}] — the direct partial trace, no Table I used.

    Parameters
    ----------
    pair_state : array_like or Qobj
        As for :func:`lindblad_coefficients`.

    Returns
    -------
    tuple of numpy.ndarray
        ``(M1, M2)``, each of shape (4, 4), column stacking, dimensionless.
    """
    a = _pair_state(pair_state)
    s = exchange_operator()
    s2 = s @ s

    def first(atom):
        x = _pair_atom(a, atom)
        return _trace_pair(-1j * (s @ x - x @ s))

    def second(atom):
        x = _pair_atom(a, atom)
        return _trace_pair(s @ x @ s - 0.5 * (s2 @ x + x @ s2))

    return _superoperator(first), _superoperator(second)


def coefficients_from_partial_trace(pair_state) -> FittedCoefficients:
    """Table I read off the direct partial trace of the expanded collision (seed 003 Eqs. 10–16).

    Fits M1 = λ(−i[σ+, ·]) + λ'(−i[σ−, ·]) and
    M2 = r_e D[σ+] + r_d D[σ−] + 2ε σ+·σ+ + 2ε' σ−·σ− by least squares over complex
    coefficients (:func:`expanded_partial_trace_maps`); the residual tells whether this
    Lindblad form (with λ' = λ*, ε' = ε*, real r) reproduces the partial trace.

    Parameters
    ----------
    pair_state : array_like or Qobj
        As for :func:`lindblad_coefficients`.

    Returns
    -------
    FittedCoefficients
        The coefficients and the residual of the fit.
    """
    m1, m2 = expanded_partial_trace_maps(pair_state)
    basis1 = np.stack([commutator_superoperator(SIGMA_PLUS), commutator_superoperator(SIGMA_MINUS)])
    basis2 = np.stack([
        lindblad_dissipator(SIGMA_PLUS),
        lindblad_dissipator(SIGMA_MINUS),
        2 * sprepost(SIGMA_PLUS, SIGMA_PLUS),
        2 * sprepost(SIGMA_MINUS, SIGMA_MINUS),
    ])
    c1, *_ = np.linalg.lstsq(basis1.reshape(2, -1).T, m1.ravel(), rcond=None)
    c2, *_ = np.linalg.lstsq(basis2.reshape(4, -1).T, m2.ravel(), rcond=None)
    fit1 = np.tensordot(c1, basis1, axes=1)
    fit2 = np.tensordot(c2, basis2, axes=1)
    residual = max(
        float(np.max(np.abs(m1 - fit1))),
        float(np.max(np.abs(m2 - fit2))),
        abs(c1[1] - np.conj(c1[0])),
        abs(c2[3] - np.conj(c2[2])),
        abs(c2[0].imag),
        abs(c2[1].imag),
    )
    coefficients = LindbladCoefficients(
        r_e=float(c2[0].real), r_d=float(c2[1].real), lam=complex(c1[0]), eps=complex(c2[2])
    )
    return FittedCoefficients(coefficients, float(residual))


# --------------------------------------------------------------------------- channel


def collision_channel(pair_state, coupling: float, interaction_time: float, order="exact"):
    """Superoperator Φ: ρ ↦ Tr_b[U(ρ_b ⊗ ρ)U†] of one collision (seed 003 Eq. 10, inner sum).

    ``order="exact"``: the exact U(τ) (a CPTP map). ``order=2``: 1 + θM1 + θ²M2, the channel
    truncated consistently at (gτ)² (:func:`expanded_partial_trace_maps`).

    Parameters
    ----------
    pair_state : array_like or Qobj
        As for :func:`lindblad_coefficients`.
    coupling, interaction_time, order
        As for :func:`collision_unitary`.

    Returns
    -------
    numpy.ndarray
        Φ, shape (4, 4), column stacking.
    """
    _check_order(order)
    a = _pair_state(pair_state)
    if order == 2:
        theta = _theta(coupling, interaction_time)
        m1, m2 = expanded_partial_trace_maps(a)
        return np.eye(4) + theta * m1 + theta**2 * m2
    u = collision_unitary(coupling, interaction_time)
    return _superoperator(lambda atom: _trace_pair(u @ _pair_atom(a, atom) @ u.conj().T))


# --------------------------------------------------------------------------- thermodynamics


def effective_temperature(r_e, r_d, omega0: float) -> float | np.ndarray:
    """Effective temperature (K) of the harvested atom, T = −(ħω0/k_B)/ln(r_e/r_d) (seed 003,
    below Eq. 30; the paper prints ln as a factor, a misprint: this is the Gibbs form of Eq. 30).

    Positive for r_e < r_d, negative (population inversion) for r_e > r_d, ``inf`` for
    r_e = r_d; +0.0 for r_e = 0 and −0.0 for r_d = 0.

    Parameters
    ----------
    r_e, r_d : float or array_like
        Table I moments, ≥ 0, not both 0.
    omega0 : float
        ω0, the atom's transition frequency, rad/s, > 0.

    Returns
    -------
    float or numpy.ndarray
        T in K, of the broadcast shape of ``r_e`` and ``r_d``.

    Examples
    --------
    >>> n = 1.0                                   # r_e/r_d = n/(n+1): thermal at ħω0/(k_B ln 2)
    >>> t = effective_temperature(n, n + 1, 1.0e10)
    >>> round(t / (HBAR * 1.0e10 / BOLTZMANN / math.log(2)), 12)
    1.0
    """
    require_positive("omega0", omega0, "rad/s")
    r_e = np.asarray(require_nonnegative("r_e", r_e), dtype=float)
    r_d = np.asarray(require_nonnegative("r_d", r_d), dtype=float)
    if np.any((r_e == 0) & (r_d == 0)):
        raise ValueError(
            "r_e and r_d must not both vanish: the pair state is dark (the singlet), the atom "
            "does not relax and has no temperature"
        )
    scale = HBAR * omega0 / BOLTZMANN
    with np.errstate(divide="ignore"):
        log_ratio = np.log(r_e) - np.log(r_d)
        out = np.where(log_ratio == 0, np.inf, -scale / np.where(log_ratio == 0, 1, log_ratio))
    return float(out) if out.ndim == 0 else out


def diagonal_steady_state(pair_state) -> np.ndarray:
    """Steady state diag(r_e, r_d)/(r_e + r_d) of the harvested atom (seed 003 Eq. 30).

    Holds whenever λ = 0 (the heat-exchange-coherence pair of Sec. III A has λ = ε = 0, Eq. 29);
    ε ≠ 0 damps the transverse components anisotropically but leaves the populations alone.
    It holds for the exact collision too, at any gτ: S acts only on triplet ⊗ atom, where both
    exchange pairs ``|T+, g⟩ ↔ |T0, e⟩`` and ``|T0, g⟩ ↔ |T−, e⟩`` rotate at the same
    frequency √2 g, so
    P(g → e)/P(e → g) = (p_T+ + p_T0)/(p_T0 + p_T−) = r_e/r_d for every τ.
    Raises ``ValueError`` for λ ≠ 0 (the drive then makes the state non-diagonal) or a dark
    pair (r_e = r_d = 0).

    Parameters
    ----------
    pair_state : array_like or Qobj
        As for :func:`lindblad_coefficients`.

    Returns
    -------
    numpy.ndarray
        Density matrix, shape (2, 2), basis ``(|e⟩, |g⟩)``.
    """
    c = lindblad_coefficients(pair_state)
    if abs(c.lam) > DRIVE_TOLERANCE:
        raise ValueError(
            f"pair_state must have λ = a12 + a13 + a24 + a34 = 0 within {DRIVE_TOLERANCE:g} for "
            f"Eq. (30); received |λ| = {abs(c.lam):.3g} (use CollisionModel.steady_state)"
        )
    total = c.r_e + c.r_d
    if total <= 0:
        raise ValueError("pair_state is dark (r_e = r_d = 0): the atom has no unique steady state")
    return np.diag([c.r_e / total, c.r_d / total]).astype(complex)


def paper_bloch_steady_state(gamma: float, n: float, m: complex, drive: complex) -> np.ndarray:
    """Seed 003 Eqs. (C1)–(C2) verbatim: (⟨σx⟩, ⟨σy⟩, ⟨σz⟩)_ss of Eq. (19) as printed.

    ``gamma`` = γ = μ(r_d − r_e), ``n`` = N = r_e/(r_d − r_e), ``m`` = Me^{iφ} = −2εμ/γ and
    ``drive`` = pgτλ. The transverse components are in the paper's normalisation (half the
    Pauli expectation values) and the result inherits the ⟨σ̇y⟩ misprint of Eq. (19), so it is
    the true steady state (:func:`bloch_steady_state`, transverse halved) only for Re ε = 0.

    Parameters
    ----------
    gamma : float
        γ = μ(r_d − r_e), s⁻¹.
    n : float
        N = r_e/(r_d − r_e).
    m : complex
        Me^{iφ} = −2εμ/γ.
    drive : complex
        pgτλ, rad/s.

    Returns
    -------
    numpy.ndarray
        (⟨σx⟩, ⟨σy⟩, ⟨σz⟩), shape (3,), in the paper's normalisation.
    """
    g = float(require_range("gamma", gamma, unit="1/s"))
    nn = float(require_range("n", n))
    mm = complex(require_finite("m", m))
    w = complex(require_finite("drive", drive))
    a = 2 * nn + mm + mm.conjugate() + 1
    dm = mm - mm.conjugate()
    wc = w.conjugate()
    d = (dm * (w**2 - wc**2) - 2 * abs(w) ** 2 * a) - g**2 * (2 * nn + 1) / 4 * (a**2 + dm**2)
    x = 1j * g / 4 * (a * (w - wc) + dm * (w + wc)) / d
    y = -g / 4 * (a * (w + wc) - dm * (w - wc)) / d
    z = g**2 / 4 * (a**2 + dm**2) / d
    return np.array([x, y, z]).real


@dataclass(frozen=True, eq=False)
class SqueezedBath:
    """Eqs. (18), (20)–(21) of seed 003: the dissipator as a squeezed thermal bath, Σ_i 2D[R_i].

    Parameters
    ----------
    gamma : float
        γ, s⁻¹.
    n : float
        N, dimensionless.
    m : complex
        M = Me^{iφ}, dimensionless.
    n_th : float
        Thermal occupation N_th of the squeezed-thermal form.
    squeezing : float
        Squeezing parameter r.
    phase : float
        Squeezing phase, rad.
    jumps : numpy.ndarray
        R1 = √(γ(N_th+1)/2) R and R2 = √(γN_th/2) R†, R = σ− cosh r + e^{i·phase} σ+ sinh r;
        shape (2, 2, 2), s^(-1/2).
    """

    gamma: float
    n: float
    m: complex
    n_th: float
    squeezing: float
    phase: float
    jumps: np.ndarray


# --------------------------------------------------------------------------- the model


@dataclass(frozen=True, eq=False)
class CollisionModel(Model):
    """A harvesting atom hit by pairs in ``pair_state`` (seed 003 Sec. III C, Eqs. 6–30).

    The :class:`~spinthermo.models.base.Model` verbs solve the master equation (seed 003
    Eq. 11) in the interaction picture of H_q, to second order in gτ (``order=2``, the
    default) or unexpanded (``order="exact"``, Eq. 10); the stochastic collisions themselves
    are :meth:`simulate`. The second-order master equation needs ``|gτ| ≪ 1``.

    Parameters
    ----------
    pair_state : array_like or Qobj
        Two-atom density matrix, shape (4, 4), ``PAIR_BASIS``, interaction picture.
    coupling : float
        g, rad/s, real.
    interaction_time : float
        τ, s, ≥ 0.
    collision_rate : float
        p, s⁻¹, ≥ 0.
    omega0 : float
        ω0, rad/s, > 0.

    Examples
    --------
    >>> m = CollisionModel(np.diag([0.1, 0.2, 0.2, 0.5]), 1.0e6, 1.0e-7, 1.0e4, 1.0e9)
    >>> m.steady_state().state.real.round(6)      # Eq. (30): r_e = 0.6, r_d = 1.4
    array([[0.3, 0. ],
           [0. , 0.7]])
    """

    pair_state: np.ndarray
    coupling: float
    interaction_time: float
    collision_rate: float
    omega0: float

    def __post_init__(self) -> None:
        object.__setattr__(self, "pair_state", _pair_state(self.pair_state))
        object.__setattr__(self, "coupling", _coupling(self.coupling))
        require_nonnegative("interaction_time", self.interaction_time, "s")
        require_nonnegative("collision_rate", self.collision_rate, "1/s")
        require_positive("omega0", self.omega0, "rad/s")
        object.__setattr__(self, "interaction_time", float(self.interaction_time))
        object.__setattr__(self, "collision_rate", float(self.collision_rate))
        object.__setattr__(self, "omega0", float(self.omega0))
        self.pair_state.flags.writeable = False

    # ----- parameters
    @property
    def parameters(self) -> CollisionModel:
        """The parameters, which this frozen dataclass holds exactly (``pair_state``,
        ``coupling``, ``interaction_time``, ``collision_rate``, ``omega0``)."""
        return self

    @property
    def theta(self) -> float:
        """gτ, the collision angle (dimensionless)."""
        return self.coupling * self.interaction_time

    @property
    def mu(self) -> float:
        """μ = p(gτ)² (1/s), the dissipative rate scale (seed 003 Eq. 13)."""
        return self.collision_rate * self.theta**2

    @property
    def drive(self) -> float:
        """pgτ (rad/s), the scale of H_eff (seed 003 Eq. 12)."""
        return self.collision_rate * self.theta

    def coefficients(self) -> LindbladCoefficients:
        """Table I of seed 003 for ``pair_state``.

        Returns
        -------
        LindbladCoefficients
            As for :func:`lindblad_coefficients`.
        """
        return lindblad_coefficients(self.pair_state)

    # ----- generator
    def effective_hamiltonian(self) -> np.ndarray:
        """H_eff = pgτ(λσ+ + λ*σ−) (seed 003 Eq. 12), interaction picture.

        Returns
        -------
        numpy.ndarray
            Shape (2, 2), rad/s, basis ``(|e⟩, |g⟩)``.
        """
        lam = self.coefficients().lam
        return self.drive * (lam * SIGMA_PLUS + np.conj(lam) * SIGMA_MINUS)

    def hamiltonian(self) -> np.ndarray:
        """H_eff (seed 003 Eq. 12), the Hamiltonian of the master equation in the interaction
        picture, basis ``(|e⟩, |g⟩)``; :meth:`total_hamiltonian` adds ω0σz/2 for the energetics.

        Returns
        -------
        numpy.ndarray
            Shape (2, 2), rad/s.
        """
        return self.effective_hamiltonian()

    def collapse_operators(self) -> tuple[np.ndarray, np.ndarray]:
        """L_k = √κ_k Σ_i U_ik A_i with A = (σ+, σ−) and the Kossakowski matrix
        μ[[r_e, 2ε], [2ε*, r_d]] = U diag(κ) U† (Gram matrix of (J−, J+) in ρ_b, so κ_k ≥ 0):
        Σ_k D[L_k] equals :meth:`dissipator` (seed 003 Eqs. 13–16).

        Returns
        -------
        tuple of numpy.ndarray
            Two operators, each of shape (2, 2), s^(-1/2).
        """
        c, mu = self.coefficients(), self.mu
        kossakowski = mu * np.array([[c.r_e, 2 * c.eps], [2 * np.conj(c.eps), c.r_d]])
        kappa, u = np.linalg.eigh(kossakowski)
        basis = np.stack([SIGMA_PLUS, SIGMA_MINUS])
        # κ_k < 0 only by rounding (≲ ε μ max(r_e, r_d)): a positive Gram matrix
        return tuple(math.sqrt(max(float(k), 0.0)) * np.einsum("i,ijk->jk", u[:, n], basis)
                     for n, k in enumerate(kappa))

    def open_system(self) -> OpenSystemSpec:
        """The second-order master equation (seed 003 Eq. 11): H_eff and
        :meth:`collapse_operators`; no mean-field terms.

        Returns
        -------
        OpenSystemSpec
            H_eff (2, 2) in rad/s and two collapse operators (2, 2).
        """
        return OpenSystemSpec(self.effective_hamiltonian(), self.collapse_operators())

    def total_hamiltonian(self) -> np.ndarray:
        """H_tot = H_eff + ω0σz/2 in the interaction picture (seed 003 Eqs. 25–26).

        Returns
        -------
        numpy.ndarray
            Shape (2, 2), rad/s.
        """
        return self.effective_hamiltonian() + 0.5 * self.omega0 * SIGMA_Z

    def hamiltonian_dot(self) -> np.ndarray:
        """∂H/∂t in the interaction picture, −iω0·pgτ(λσ+ − λ*σ−): the lab-frame drive phase
        λ(t) = λe^{−iω0t} of phase-locked pairs (seed 003 Eq. 28 with λ̇ = −iω0λ, ω̇ = 0).

        Returns
        -------
        numpy.ndarray
            Shape (2, 2), rad/s².
        """
        lam = self.coefficients().lam
        return -1j * self.omega0 * self.drive * (lam * SIGMA_PLUS - np.conj(lam) * SIGMA_MINUS)

    def dissipator(self) -> np.ndarray:
        """𝓛_s + 𝓛 (seed 003 Eqs. 13–16) as a superoperator:
        μ r_e D[σ+] + μ r_d D[σ−] + 2μ(ε σ+·σ+ + ε* σ−·σ−).

        Returns
        -------
        numpy.ndarray
            Shape (4, 4), column stacking, s⁻¹.
        """
        c, mu = self.coefficients(), self.mu
        return (
            lindblad_dissipator(SIGMA_PLUS, mu * c.r_e)
            + lindblad_dissipator(SIGMA_MINUS, mu * c.r_d)
            + 2 * mu * (c.eps * sprepost(SIGMA_PLUS, SIGMA_PLUS)
                        + np.conj(c.eps) * sprepost(SIGMA_MINUS, SIGMA_MINUS))
        )

    def liouvillian(self, order=2) -> np.ndarray:
        """The atom's generator in the interaction picture, 4×4 (column stacking).

        ``order=2``: −i[H_eff, ·] + 𝓛_s + 𝓛 (seed 003 Eq. 11, coefficients of Table I).
        ``order="exact"``: p(Φ − 1) with the exact collision channel (Eq. 10 unexpanded).

        Parameters
        ----------
        order : {2, "exact"}
            The expansion order.

        Returns
        -------
        numpy.ndarray
            Shape (4, 4), s⁻¹.
        """
        _check_order(order)
        if order == 2:
            return commutator_superoperator(self.effective_hamiltonian()) + self.dissipator()
        phi = collision_channel(self.pair_state, self.coupling, self.interaction_time)
        return self.collision_rate * (phi - np.eye(4))

    def generator(self, order=2) -> MeanFieldGenerator:
        """:meth:`liouvillian` as a core generator (for :mod:`spinthermo.core` solvers).

        Parameters
        ----------
        order : {2, "exact"}
            As for :meth:`liouvillian`.

        Returns
        -------
        MeanFieldGenerator
            A linear generator on vec(ρ), shape (4,).
        """
        return MeanFieldGenerator.linear_only(self.liouvillian(order), trace_row(2))

    def steady_state(self, *, order=2,
                     options: SteadyStateOptions | None = None) -> SteadyStateResult:
        """Steady state (2×2, interaction picture) of :meth:`liouvillian` by the engine's
        null-space solve, with its residual.

        Raises :class:`~spinthermo.core.steady.SteadyStateError` when it is not unique (a dark
        singlet pair, or p = 0).

        Parameters
        ----------
        order : {2, "exact"}
            As for :meth:`liouvillian`.
        options : SteadyStateOptions or None
            Tolerances; None: the defaults.

        Returns
        -------
        SteadyStateResult
            Density matrix (2, 2) with its residual.
        """
        return linear_steady_state(self.generator(order), options)

    def evolve(self, times, initial_state=None, *, order=2,
               options: EvolveOptions | None = None) -> EvolutionResult:
        """States ``(T, 2, 2)`` (interaction picture) of :meth:`liouvillian` at ``times`` (s)
        from ρ(times[0]) = ``initial_state`` (default maximally mixed), by exact propagators.

        Parameters
        ----------
        times : array_like
            Output times, shape (T,), s.
        initial_state : array_like or None
            Density matrix (2, 2); None: maximally mixed.
        order : {2, "exact"}
            As for :meth:`liouvillian`.
        options : EvolveOptions or None
            Method and tolerances; None: the defaults.

        Returns
        -------
        EvolutionResult
            States, shape (T, 2, 2).
        """
        rho0 = self.initial_state() if initial_state is None else initial_state
        rho0 = require_density_matrix("initial_state", rho0)
        if rho0.shape != (2, 2):
            raise ValueError(f"initial_state must have shape (2, 2); received {rho0.shape}")
        return evolve_generator(self.generator(order), vec(rho0), times, options)

    # ----- Bloch equations
    def bloch_equations(self) -> tuple[np.ndarray, np.ndarray]:
        """(A, b) with ṙ = A r + b for r = (⟨σx⟩, ⟨σy⟩, ⟨σz⟩), from the second-order master
        equation (seed 003 Eq. 19 re-derived in the Pauli normalisation; see module notes).

        With Γ = μ(r_e + r_d)/2, Ω = pgτ, λ = λ' + iλ'', ε = ε' + iε'':
        ẋ = −(Γ − 2με')x − 2με''y − 2Ωλ''z,  ẏ = −2με''x − (Γ + 2με')y − 2Ωλ'z,
        ż = 2Ωλ''x + 2Ωλ'y − 2Γz − μ(r_d − r_e).

        Returns
        -------
        tuple of numpy.ndarray
            ``(A, b)``: A of shape (3, 3) in s⁻¹, b of shape (3,) in s⁻¹.
        """
        c, mu, w = self.coefficients(), self.mu, self.drive
        gam = 0.5 * mu * (c.r_e + c.r_d)
        lr, li, er, ei = c.lam.real, c.lam.imag, c.eps.real, c.eps.imag
        a = np.array([
            [-(gam - 2 * mu * er), -2 * mu * ei, -2 * w * li],
            [-2 * mu * ei, -(gam + 2 * mu * er), -2 * w * lr],
            [2 * w * li, 2 * w * lr, -2 * gam],
        ])
        b = np.array([0.0, 0.0, -mu * (c.r_d - c.r_e)])
        return a, b

    def bloch_steady_state(self) -> np.ndarray:
        """Steady Bloch vector (⟨σx⟩, ⟨σy⟩, ⟨σz⟩): the root of A r + b = 0 (seed 003 Eqs. 19,
        C1–C2 in their corrected form).

        Returns
        -------
        numpy.ndarray
            Shape (3,), dimensionless.
        """
        a, b = self.bloch_equations()
        return np.linalg.solve(a, -b)

    def squeezed_bath(self) -> SqueezedBath:
        """The squeezed-thermal-bath form of the dissipator (seed 003 Eqs. 18, 20–21).

        γ = μ(r_d − r_e), N = r_e/(r_d − r_e), M = −2εμ/γ; (2N_th + 1) cosh 2r = 2N + 1,
        (2N_th + 1) sinh 2r = ``2|M|``, phase = arg ε. Needs r_d > r_e (γ > 0, positive T).

        Returns
        -------
        SqueezedBath
            γ, N, M, N_th, r, phase and the jump operators.
        """
        c, mu = self.coefficients(), self.mu
        if not c.r_d > c.r_e:
            raise ValueError(
                f"the squeezed-bath form needs r_d > r_e (γ > 0); received r_e = {c.r_e:.6g}, "
                f"r_d = {c.r_d:.6g}"
            )
        gamma = mu * (c.r_d - c.r_e)
        n = c.r_e / (c.r_d - c.r_e)
        m = -2 * c.eps * mu / gamma if gamma > 0 else 0j
        two_n_th = math.sqrt(max((2 * n + 1) ** 2 - 4 * abs(m) ** 2, 1.0))
        r = 0.5 * math.atanh(min(2 * abs(m) / (2 * n + 1), 1.0))
        phase = float(np.angle(c.eps))
        n_th = 0.5 * (two_n_th - 1)
        big_r = SIGMA_MINUS * math.cosh(r) + np.exp(1j * phase) * SIGMA_PLUS * math.sinh(r)
        jumps = np.stack([
            math.sqrt(gamma * (n_th + 1) / 2) * big_r,
            math.sqrt(gamma * n_th / 2) * big_r.conj().T,
        ])
        return SqueezedBath(gamma, n, complex(m), n_th, r, phase, jumps)

    # ----- thermodynamics
    def effective_temperature(self) -> float:
        """T of the atom from Table I, −(ħω0/k_B)/ln(r_e/r_d) (seed 003, below Eq. 30).

        Returns
        -------
        float
            T in K (as for :func:`effective_temperature`).
        """
        c = self.coefficients()
        return effective_temperature(c.r_e, c.r_d, self.omega0)

    def heat_current(self, rho) -> float | np.ndarray:
        """J = Tr[H_tot (𝓛_s + 𝓛)(ρ)] (seed 003 Eqs. 22, 26) via
        :func:`spinthermo.thermo.heat_current`.

        Parameters
        ----------
        rho : array_like
            Density matrices, shape (..., 2, 2), interaction picture.

        Returns
        -------
        float or numpy.ndarray
            J, rad/s², shape ``(...)``.
        """
        return _heat_current(rho, self.total_hamiltonian(), self.dissipator())

    def power(self, rho) -> float | np.ndarray:
        """P = Tr[ρ ∂H/∂t] (seed 003 Eqs. 23, 28) via :func:`spinthermo.thermo.power`.

        Parameters
        ----------
        rho : array_like
            As for :meth:`heat_current`.

        Returns
        -------
        float or numpy.ndarray
            P, rad/s², shape ``(...)``.
        """
        return _power(rho, self.hamiltonian_dot())

    def heat_current_closed_form(self, rho) -> float | np.ndarray:
        """Seed 003 Eq. (27), re-derived (see module notes):

        J = −(ω0/2)μ[(r_e + r_d)⟨σz⟩ + r_d − r_e]
            + pgτ[λ(2με*⟨σ−⟩ − Γ⟨σ+⟩) + λ*(2με⟨σ+⟩ − Γ⟨σ−⟩)],  Γ = μ(r_e + r_d)/2,

        i.e. (γω0/2)[−(2N+1)⟨σz⟩ − 1] − γ·pgτ[λ*((2N+1)/2 ⟨σ−⟩ + M⟨σ+⟩) + c.c.].

        Parameters
        ----------
        rho : array_like
            As for :meth:`heat_current`.

        Returns
        -------
        float or numpy.ndarray
            J, rad/s², shape ``(...)``.
        """
        rho = np.asarray(require_density_matrix("rho", rho))
        c, mu, w = self.coefficients(), self.mu, self.drive
        gam = 0.5 * mu * (c.r_e + c.r_d)
        z = (rho[..., 0, 0] - rho[..., 1, 1]).real
        sp, sm = rho[..., 1, 0], rho[..., 0, 1]
        drive = c.lam * (2 * mu * np.conj(c.eps) * sm - gam * sp)
        out = -0.5 * self.omega0 * mu * ((c.r_e + c.r_d) * z + c.r_d - c.r_e)
        out = out + w * 2 * np.real(drive)
        return float(out) if np.ndim(out) == 0 else out

    def simulate(self, times, n_trajectories: int = 2000, initial_state=None, seed=DEFAULT_SEED):
        """:func:`simulate_collisions` for this model.

        Parameters
        ----------
        times, n_trajectories, initial_state, seed
            As for :func:`simulate_collisions`.

        Returns
        -------
        CollisionTrajectories
            The trajectory averages.
        """
        return simulate_collisions(self, times, n_trajectories, initial_state, seed)


# --------------------------------------------------------------------------- direct simulation


@dataclass(frozen=True, eq=False)
class CollisionTrajectories:
    """Trajectory averages of the direct simulation at ``times``.

    Parameters
    ----------
    times : numpy.ndarray
        Sample times, shape (T,), s.
    states : numpy.ndarray
        Mean atom state, shape (T, 2, 2), in the interaction picture of H_q (the frame of the
        master equation).
    standard_error : numpy.ndarray
        Standard error of each entry of ``states``, real and imaginary parts separately, as
        ``se(Re) + i·se(Im)``; shape (T, 2, 2).
    lab_states : numpy.ndarray
        The mean in the lab frame, shape (T, 2, 2).
    n_trajectories : int
        Number of trajectories averaged.
    mean_collisions : float
        Average number of collisions up to ``times[-1]``.
    seed : int or None
        The generator seed (None if a Generator was passed).
    """

    times: np.ndarray
    states: np.ndarray
    standard_error: np.ndarray
    lab_states: np.ndarray
    n_trajectories: int
    mean_collisions: float
    seed: int | None


def _free_phases(omega0: float, t: np.ndarray) -> np.ndarray:
    """Diagonal of e^{−iH_q t} in (|e⟩, |g⟩), shape (..., 2)."""
    half = 0.5 * omega0 * np.asarray(t)[..., None] * np.array([1.0, -1.0])
    return np.exp(-1j * half)


def simulate_collisions(
    model: CollisionModel,
    times,
    n_trajectories: int = 2000,
    initial_state=None,
    seed=DEFAULT_SEED,
) -> CollisionTrajectories:
    """Direct stochastic simulation of the repeated collisions (seed 003 Sec. III C).

    Each trajectory starts at t = 0 in ``initial_state`` (default ``|e⟩⟨e|``), evolves under
    H_q = ω0σz/2 between arrivals drawn from a Poisson process of rate p, and at each arrival t_k
    meets a pair in its lab-frame state e^{−iH_b t_k}ρ_b e^{iH_b t_k}: the exact U(τ) acts on
    pair ⊗ atom and the pair is traced out. All trajectories advance together, one collision per
    round (NumPy batched over trajectories). ``seed``: an int for ``numpy.random.default_rng``
    (default ``DEFAULT_SEED`` = 3) or a ``numpy.random.Generator``.

    Parameters
    ----------
    model : CollisionModel
        The atom, pair state and rates.
    times : array_like
        Sample times, shape (T,), s, increasing, ≥ 0.
    n_trajectories : int
        Number of trajectories, ≥ 2.
    initial_state : array_like or None
        Atom density matrix at t = 0, shape (2, 2); None: ``|e⟩⟨e|``.
    seed : int or numpy.random.Generator
        Seed of ``numpy.random.default_rng``, or a generator.

    Returns
    -------
    CollisionTrajectories
        Trajectory means and standard errors at ``times``.

    Examples
    --------
    >>> m = CollisionModel(np.diag([0.1, 0.2, 0.2, 0.5]), 1.0, 0.3, 1.0, 5.0)
    >>> run = simulate_collisions(m, [0.0, 5.0], n_trajectories=200)
    >>> run.states.shape, run.seed
    ((2, 2, 2), 3)
    """
    times = require_times(times)
    if not isinstance(n_trajectories, int | np.integer) or n_trajectories < 2:
        raise ValueError(f"n_trajectories must be an integer >= 2; received {n_trajectories!r}")
    if model.collision_rate <= 0:
        raise ValueError("collision_rate must be > 0 to simulate collisions; received 0")
    if initial_state is None:
        initial_state = np.diag([1.0, 0.0])
    rho0 = require_density_matrix("initial_state", initial_state)
    if rho0.shape != (2, 2):
        raise ValueError(f"initial_state must have shape (2, 2); received {rho0.shape}")
    if isinstance(seed, np.random.Generator):
        rng, seed_used = seed, None
    else:
        rng, seed_used = np.random.default_rng(seed), int(seed)

    n_total = int(n_trajectories)
    u = collision_unitary(model.coupling, model.interaction_time)
    udag = u.conj().T
    energies = model.omega0 * (PAIR_EXCITATIONS - 1.0)  # H_b in PAIR_BASIS
    pair = model.pair_state
    n_times = times.size
    total = np.zeros((n_times, 2, 2), dtype=complex)
    square_re = np.zeros((n_times, 2, 2))
    square_im = np.zeros((n_times, 2, 2))
    rho = np.broadcast_to(rho0, (n_total, 2, 2)).astype(complex)
    t_last = np.zeros(n_total)
    collisions = 0
    while rho.shape[0]:
        n = rho.shape[0]
        t_next = t_last + rng.exponential(1.0 / model.collision_rate, n)
        # record every sample time in [t_last, t_next): the state evolves freely there
        first = np.searchsorted(times, t_last, side="left")
        stop = np.searchsorted(times, t_next, side="left")
        counts = stop - first
        if counts.any():
            traj = np.repeat(np.arange(n), counts)
            offsets = np.arange(traj.size) - np.repeat(np.cumsum(counts) - counts, counts)
            sample = first[traj] + offsets
            phase = _free_phases(model.omega0, times[sample] - t_last[traj])
            lab = rho[traj] * phase[:, :, None] * np.conj(phase[:, None, :])
            back = np.conj(_free_phases(model.omega0, times[sample]))  # e^{+iH_q t}
            rot = lab * back[:, :, None] * np.conj(back[:, None, :])
            np.add.at(total, sample, rot)
            np.add.at(square_re, sample, rot.real**2)
            np.add.at(square_im, sample, rot.imag**2)
        active = t_next <= times[-1]
        if not active.any():
            break
        rho, t_last, t_next = rho[active], t_last[active], t_next[active]
        collisions += int(active.sum())
        # free evolution to the arrival, then the collision with a lab-frame pair
        phase = _free_phases(model.omega0, t_next - t_last)
        rho = rho * phase[:, :, None] * np.conj(phase[:, None, :])
        pair_phase = np.exp(-1j * t_next[:, None] * energies[None, :])
        pair_lab = pair[None] * pair_phase[:, :, None] * np.conj(pair_phase[:, None, :])
        joint = np.einsum("nij,nkl->nikjl", pair_lab, rho).reshape(-1, 8, 8)
        rho = _trace_pair(u @ joint @ udag)
        t_last = t_next

    mean = total / n_total
    var_re = (square_re - n_total * mean.real**2) / (n_total - 1)
    var_im = (square_im - n_total * mean.imag**2) / (n_total - 1)
    se = (np.sqrt(np.clip(var_re, 0, None)) + 1j * np.sqrt(np.clip(var_im, 0, None)))
    se = se / math.sqrt(n_total)
    phase = _free_phases(model.omega0, times)
    lab_mean = mean * phase[:, :, None] * np.conj(phase[:, None, :])
    return CollisionTrajectories(
        times, mean, se, lab_mean, n_total, collisions / n_total, seed_used
    )


# --------------------------------------------------------------------------- helpers


def _pair_state(value) -> np.ndarray:
    full = getattr(value, "full", None)
    arr = require_numeric("pair_state", full() if callable(full) else value)
    if arr.shape != (4, 4):
        raise ValueError(
            f"pair_state must be a 4x4 density matrix in the basis {PAIR_BASIS}; "
            f"received shape {arr.shape}"
        )
    return np.array(require_density_matrix("pair_state", arr), dtype=complex)


def _coupling(value) -> float:
    """g as a float: finite and real (H_int = g S is Hermitian only for real g)."""
    return float(require_range("coupling", value, unit="rad/s"))


def _theta(coupling, interaction_time) -> float:
    g = _coupling(coupling)
    require_nonnegative("interaction_time", interaction_time, "s")
    return g * float(interaction_time)


def _check_order(order) -> None:
    if isinstance(order, bool) or order not in ORDERS:
        raise ValueError(f"order must be 'exact' or 2; received {order!r}")


__all__ = [
    "ATOM_BASIS",
    "DEFAULT_SEED",
    "ORDERS",
    "PAIR_BASIS",
    "CollisionModel",
    "CollisionTrajectories",
    "FittedCoefficients",
    "LindbladCoefficients",
    "SqueezedBath",
    "coefficients_from_partial_trace",
    "collective_lowering",
    "collective_raising",
    "collision_channel",
    "collision_unitary",
    "diagonal_steady_state",
    "effective_temperature",
    "exchange_operator",
    "expanded_partial_trace_maps",
    "interaction_hamiltonian",
    "lindblad_coefficients",
    "paper_bloch_steady_state",
    "simulate_collisions",
]
