"""Von Neumann entropy, relative entropy and entropy production (seed 000 Sec. III).

All functions take a density matrix of shape ``(d, d)`` or a batch ``(..., d, d)`` (a
``qutip.Qobj`` is converted with ``.full()``) and return a float or an array of the batch shape.
Logarithms are natural (nats).

Two entropy productions live here, and they answer different questions:

* :func:`entropy_production` / :func:`entropy_production_rate` — seed 000 Eq. (3):
  ``Σ_t = D(ρ_t ‖ ρ_ref)`` with the maximally mixed ``ρ_ref = 1/d`` by default, so that
  ``Σ_t = ln d − S(ρ_t)`` and ``Σ̇_t = −dS/dt``. The reference is fixed, independent of the
  dynamics. Σ_t measures how far the state has been ordered away from 1/d; it stays positive at
  the non-equilibrium steady state (NESS), while its rate has no fixed sign (it is negative
  whenever the entropy grows, e.g. a polarized state relaxing after the pump is switched off).
* :func:`spohn_entropy_production_rate` — Spohn (1978): ``σ = −Tr[ρ̇ (ln ρ − ln ρ_ss)]``
  ``= −d/dt D(ρ_t ‖ ρ_ss)`` with ``ρ_ss`` the steady state of the actual Lindblad dynamics.
  It is nonnegative at every instant for any state under a Lindblad semigroup with fixed point
  ``ρ_ss`` (a second law), and for a Gibbs ``ρ_ss`` it equals the Clausius form
  ``dS/dt − β Q̇``. Both rates vanish at the steady state (``ρ̇ = 0``); only Spohn's carries a
  sign guarantee, and only seed 000's reference is the same for every parameter set.
"""

from __future__ import annotations

import numbers

import numpy as np

from spinthermo.thermo.spectral import (
    SUPPORT_WEIGHT_TOLERANCE,
    bregman_xlogx,
    diagonal_in_basis,
    eigenvector_overlaps,
    kernel_mask,
    require_dimension,
    safe_log,
    scalar_or_array,
    spectral_divergence,
    validated_derivative,
    validated_spectrum,
    xlogx,
)


def von_neumann_entropy(rho) -> float | np.ndarray:
    r"""Von Neumann entropy :math:`S(\rho) = -\mathrm{Tr}\,\rho\ln\rho` in nats.

    The entropy S(ρ_t) of seed 000 Sec. III; ``0 ln 0 = 0``. Ranges over ``[0, ln d]``:
    eigenvalues in ``[-1e-6, 0)`` (the state tolerance) are set to 0 and the spectrum is
    renormalised to unit sum before ``−Σ p ln p``, so that a state at the boundary of state
    space never gives S < 0 (rounding above ln d is clipped).

    Parameters
    ----------
    rho : array_like, shape (..., d, d)
        Density matrix or batch of density matrices.

    Returns
    -------
    float or numpy.ndarray
        S in nats, in [0, ln d]; a float for one state, shape (...) for a batch.

    Examples
    --------
    >>> import numpy as np
    >>> round(von_neumann_entropy(np.eye(2) / 2), 6)
    0.693147
    >>> von_neumann_entropy(np.diag([1.0, 0.0]))
    0.0
    """
    _, evals, _ = validated_spectrum("rho", rho, vectors=False, normalize=True)
    entropy = -np.sum(xlogx(evals), axis=-1) + 0.0
    return scalar_or_array(np.minimum(entropy, np.log(evals.shape[-1])))


def relative_entropy(rho, sigma) -> float | np.ndarray:
    r"""Quantum relative entropy :math:`D(\rho\|\sigma) = \mathrm{Tr}\,\rho(\ln\rho - \ln\sigma)`.

    The divergence of seed 000 Eq. (3). Nonnegative (Klein's inequality), zero iff ρ = σ.

    Evaluated without cancellation as ``D = Σ_ik |⟨r_i|s_k⟩|² [p_i ln(p_i/q_k) − p_i + q_k]``
    over the eigenpairs (p_i, r_i) of ρ and (q_k, s_k) of σ (Klein's form: every term is ≥ 0,
    ``0 ln 0 = 0``), after setting eigenvalues in ``[-1e-6, 0)`` to 0 and renormalising each
    spectrum to unit sum. For commuting states it is ``Σ_k p_k ln(p_k/q_k)``, accurate to
    rounding even when ρ ≈ σ or q_k is tiny (``D(diag(1−5e-7, 5e-7) ‖ diag(1−1e-13, 1e-13))``
    = 7.2e-6).

    Returns ``+inf`` where the support of ρ is not contained in the support of σ: where ρ puts
    weight above ``SUPPORT_WEIGHT_TOLERANCE`` (1e-6) on the kernel of σ (eigenvalues that
    ``eigh`` cannot resolve from 0, ≤ ``8 d eps`` ≈ 4e-15 d). Smaller weights there are
    treated as numerical noise of ρ: their terms are left out.

    Parameters
    ----------
    rho, sigma : array_like, shape (..., d, d)
        Density matrices; batch shapes broadcast against each other.

    Returns
    -------
    float or numpy.ndarray
        D in nats, ≥ 0 or +inf; a float for one pair, shape (...) for a batch.

    Examples
    --------
    >>> import numpy as np
    >>> round(relative_entropy(np.diag([1.0, 0.0]), np.eye(2) / 2), 6)  # ln 2
    0.693147
    >>> relative_entropy(np.eye(2) / 2, np.diag([1.0, 0.0]))
    inf
    """
    return scalar_or_array(_relative_entropy(rho, sigma, "sigma"))


def _relative_entropy(rho, sigma, sigma_name: str) -> np.ndarray:
    """:func:`relative_entropy` with the second argument reported as ``sigma_name``."""
    rho_arr, rho_vals, rho_vecs = validated_spectrum("rho", rho, normalize=True)
    sigma_arr, sigma_vals, sigma_vecs = validated_spectrum(sigma_name, sigma, normalize=True)
    require_dimension("rho", rho_arr, sigma_name, sigma_arr)
    overlap = eigenvector_overlaps(rho_vecs, sigma_vecs)
    value, outside = spectral_divergence(rho_vals, overlap, sigma_vals)
    return np.where(outside, np.inf, value)


def maximally_mixed_state(d: int) -> np.ndarray:
    """The maximally mixed state ``1/d`` (complex array of shape ``(d, d)``).

    The reference state ρ_th of seed 000 Eq. (3).

    Parameters
    ----------
    d : int
        Hilbert-space dimension, ≥ 1.

    Returns
    -------
    numpy.ndarray, shape (d, d)
        ``1/d``, complex.

    Examples
    --------
    >>> maximally_mixed_state(2).real.tolist()
    [[0.5, 0.0], [0.0, 0.5]]
    """
    if isinstance(d, bool) or not isinstance(d, numbers.Integral):
        raise TypeError(f"d must be a positive integer dimension; received {d!r}")
    if d < 1:
        raise ValueError(f"d must be a positive integer dimension (d >= 1); received {d}")
    return np.eye(int(d), dtype=complex) / int(d)


def entropy_production(rho, reference=None) -> float | np.ndarray:
    r"""Total entropy production :math:`\langle\Sigma_t\rangle = D(\rho_t\|\rho_\mathrm{ref})`.

    Seed 000 Eq. (3). With the default reference ``ρ_ref = 1/d`` (the maximally mixed state of
    the paper) it equals ``ln d − S(ρ_t)`` and lies in ``[0, ln d]``. Returns ``+inf`` where the
    support of ρ is not contained in that of ``reference`` (see :func:`relative_entropy`).

    Parameters
    ----------
    rho : array_like, shape (..., d, d)
        State ρ_t (or a trajectory of states).
    reference : array_like, shape (..., d, d), optional
        Reference state; default ``1/d``.

    Returns
    -------
    float or numpy.ndarray
        ⟨Σ_t⟩ in nats, ≥ 0 or +inf; shape (...) for a batch.

    Examples
    --------
    >>> import numpy as np
    >>> round(entropy_production(np.diag([0.9, 0.1])), 6)  # ln 2 - S
    0.368064
    """
    if reference is not None:
        return scalar_or_array(_relative_entropy(rho, reference, "reference"))
    _, evals, _ = validated_spectrum("rho", rho, vectors=False, normalize=True)
    d = evals.shape[-1]
    # 1/d commutes with ρ: D(ρ‖1/d) = Σ_i [p_i ln(d p_i) − p_i + 1/d], every term ≥ 0.
    value = np.sum(bregman_xlogx(evals, 1.0 / d), axis=-1)
    return scalar_or_array(np.minimum(value, np.log(d)))


def _log_rate_term(
    rho_dot: np.ndarray,
    scale: float,
    vals: np.ndarray,
    vecs: np.ndarray,
    operator_name: str,
) -> np.ndarray:
    """``Tr[ρ̇ ln A]`` for A = Σ vals |vecs⟩⟨vecs|, over the support of A.

    Only the diagonal of ρ̇ in the eigenbasis of A enters. A diagonal element on the kernel of
    A (:func:`~spinthermo.thermo.spectral.kernel_mask`) above
    ``SUPPORT_WEIGHT_TOLERANCE · scale``, ``scale = max(1, max|ρ̇|)``, makes the rate diverge,
    and raises.
    """
    diag = diagonal_in_basis(rho_dot, vecs)
    support = ~kernel_mask(vals)
    leak = np.where(support, 0.0, np.abs(diag))
    worst = float(np.max(leak, initial=0.0))
    if worst > SUPPORT_WEIGHT_TOLERANCE * scale:
        raise ValueError(
            f"rho_dot has weight {worst:.3g} (allowed {SUPPORT_WEIGHT_TOLERANCE * scale:.3g}) "
            f"on the kernel of {operator_name} (eigenvalues unresolved from 0); "
            f"ln {operator_name} is -inf there, so the entropy rate diverges. Evaluate the "
            "rate at a full-rank state (e.g. at t > 0 rather than at a pure initial state)"
        )
    return np.sum(diag * safe_log(vals, support), axis=-1)


def _relative_entropy_rate(rho, rho_dot, reference, reference_name: str) -> np.ndarray:
    """``d/dt D(ρ_t‖ρ_ref) = Tr[ρ̇ (ln ρ − ln ρ_ref)]`` (array; ``None`` reference = 1/d)."""
    rho_arr, rho_vals, rho_vecs = validated_spectrum("rho", rho, normalize=True)
    dot_arr, scale = validated_derivative("rho_dot", rho_dot)
    require_dimension("rho", rho_arr, "rho_dot", dot_arr)
    rate = _log_rate_term(dot_arr, scale, rho_vals, rho_vecs, "rho")
    if reference is None:
        d = rho_arr.shape[-1]
        # −Tr[ρ̇ ln(1/d)] = ln d · Tr ρ̇ (zero up to the tolerance of a traceless ρ̇).
        return rate + np.log(d) * np.real(np.trace(dot_arr, axis1=-2, axis2=-1))
    ref_arr, ref_vals, ref_vecs = validated_spectrum(reference_name, reference, normalize=True)
    require_dimension("rho", rho_arr, reference_name, ref_arr)
    weight = (rho_vals[..., None, :] @ eigenvector_overlaps(rho_vecs, ref_vecs))[..., 0, :]
    outside = np.any(kernel_mask(ref_vals) & (weight > SUPPORT_WEIGHT_TOLERANCE), axis=-1)
    if np.any(outside):
        raise ValueError(
            f"rho has weight outside the support of {reference_name}, so D(rho||"
            f"{reference_name}) is infinite and its rate is undefined; pass a full-rank "
            f"{reference_name} or a state inside its support"
        )
    return rate - _log_rate_term(dot_arr, scale, ref_vals, ref_vecs, reference_name)


def entropy_production_rate(rho, rho_dot, reference=None) -> float | np.ndarray:
    r"""Entropy production rate :math:`\dot\Sigma_t = \frac{d}{dt} D(\rho_t\|\rho_\mathrm{ref})`.

    Seed 000, the rate defined below Eq. (3):
    :math:`\dot\Sigma_t = \mathrm{Tr}[\dot\rho\,(\ln\rho - \ln\rho_\mathrm{ref})]` (using
    ``Tr ρ̇ = 0``). With the default ``ρ_ref = 1/d`` it equals ``−dS/dt``. Its sign is not
    fixed; see the module docstring and :func:`spohn_entropy_production_rate` for the
    nonnegative Lindblad production.

    ``ln ρ`` is evaluated in the eigenbasis of ρ, so rank-deficient states are accepted as long
    as ρ̇ has no diagonal weight on the kernel of ρ (a unitary rotation of a pure state is fine,
    rate 0). Otherwise the true rate is infinite and a ``ValueError`` is raised; likewise for
    the kernel of ``reference``.

    Parameters
    ----------
    rho : array_like, shape (..., d, d)
        State ρ_t.
    rho_dot : array_like, shape (..., d, d)
        Its time derivative dρ/dt (Hermitian, traceless, units of rate), e.g. ``L(ρ_t)``.
        Tolerances are ``STATE_TOLERANCE × max(1, max|ρ̇|)`` over the whole input.
    reference : array_like, shape (..., d, d), optional
        Reference state ρ_ref; default ``1/d``.

    Returns
    -------
    float or numpy.ndarray
        dΣ/dt in nats/s (s⁻¹); shape (...) for a batch.

    Examples
    --------
    >>> import numpy as np
    >>> rho = np.diag([0.75, 0.25])
    >>> rho_dot = np.diag([0.1, -0.1])  # populations flowing into the lower level
    >>> round(entropy_production_rate(rho, rho_dot), 6)  # -dS/dt = 0.1 ln 3
    0.109861
    """
    return scalar_or_array(_relative_entropy_rate(rho, rho_dot, reference, "reference"))


def spohn_entropy_production_rate(rho, rho_dot, steady_state) -> float | np.ndarray:
    r"""Spohn's entropy production rate :math:`\sigma = -\mathrm{Tr}[\dot\rho(\ln\rho-\ln\rho_ss)]`.

    Spohn, J. Math. Phys. 19, 1227 (1978): ``σ = −d/dt D(ρ_t‖ρ_ss)``. For ρ̇ = L(ρ) with L a
    Lindblad generator and ``L(ρ_ss) = 0`` it is nonnegative for every state (monotonicity of
    the relative entropy under the semigroup), vanishes at ρ_ss, and for a Gibbs ρ_ss equals
    ``dS/dt − β Q̇``. Not the quantity of seed 000 (see :func:`entropy_production_rate` and the
    module docstring); offered as an extra diagnostic for the same trajectories.

    Parameters
    ----------
    rho : array_like, shape (..., d, d)
        State ρ_t.
    rho_dot : array_like, shape (..., d, d)
        ``L(ρ_t)`` (Hermitian, traceless).
    steady_state : array_like, shape (..., d, d)
        Fixed point ρ_ss of the same Lindblad dynamics. Rank-deficient ρ_ss is accepted only
        if ρ and ρ̇ have no weight on its kernel.

    Returns
    -------
    float or numpy.ndarray
        σ in nats/s (s⁻¹); shape (...) for a batch.

    Examples
    --------
    >>> import numpy as np
    >>> rho, rho_ss = np.diag([0.5, 0.5]), np.diag([0.8, 0.2])
    >>> rho_dot = rho_ss - rho  # a generalized amplitude-damping generator at unit rate
    >>> round(spohn_entropy_production_rate(rho, rho_dot, rho_ss), 6)
    0.415888
    """
    if steady_state is None:  # None would silently mean the reference 1/d
        raise TypeError("steady_state must be the fixed point rho_ss of the dynamics (a "
                        "density matrix); received None")
    rate = _relative_entropy_rate(rho, rho_dot, steady_state, "steady_state")
    return scalar_or_array(-rate)


__all__ = [
    "entropy_production",
    "entropy_production_rate",
    "maximally_mixed_state",
    "relative_entropy",
    "spohn_entropy_production_rate",
    "von_neumann_entropy",
]
