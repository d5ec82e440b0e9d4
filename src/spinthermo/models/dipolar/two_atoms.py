"""Two atoms in closed form: seed 003 Eq. (5) and Appendix A (Eq. A1).

Appendix A (Eq. A1) as printed has two misprints, corrected here and checked against exact
propagation: ρ22(t), ρ33(t) must be real — the term is ∓2 Im ρ23(0) sin(2ft)/2 without the
factor i (and with a minus sign in ρ22 for H_d = f(σ⁺_1σ⁻_2 + σ⁺_2σ⁻_1)) — and ρ23(t) keeps the
full Re ρ23(0), not Re ρ23(0)/2.
"""

from __future__ import annotations

import math

import numpy as np

from spinthermo.core.checks import require_density_matrix, require_finite, require_nonnegative


def two_atom_coherence(t, nbar: float, gamma0: float = 1.0):
    r"""Seed 003 Eq. (5): l1 coherence of two atoms from ``|gg⟩`` with γ_ij = γ0 (any f0).

    .. math:: C(t) = \frac{\bar n(\bar n+1)}{3\bar n(\bar n+1)+1} - \frac{\bar n e^{-at}
              [(\bar n+1)\sqrt{\bar n(\bar n+1)}\cosh bt - \bar n^2 \sinh bt]}
              {[3\bar n(\bar n+1)+1]\sqrt{\bar n(\bar n+1)}}

    a = 2γ0(2n̄+1), b = 2γ0 sqrt(n̄(n̄+1)); written with e^{−(a∓b)t} so large t never
    overflows.

    Parameters
    ----------
    t : float or array_like
        Times in s.
    nbar : float
        Mean thermal photon number n̄ ≥ 0.
    gamma0 : float, optional
        Decay rate γ0 in s⁻¹ (default 1).

    Returns
    -------
    float or ndarray
        C_l1(t), dimensionless, of the shape of ``t``.

    Examples
    --------
    >>> abs(two_atom_coherence(0.0, 3.0)) < 1e-15
    True
    """
    t = np.asarray(require_nonnegative("t", t), dtype=float)
    require_nonnegative("nbar", nbar)
    require_nonnegative("gamma0", gamma0)
    if nbar == 0:
        return np.zeros_like(t) if t.ndim else 0.0
    q = nbar * (nbar + 1)
    s = math.sqrt(q)
    a, b = 2 * gamma0 * (2 * nbar + 1), 2 * gamma0 * s
    em, ep = np.exp(-(a - b) * t), np.exp(-(a + b) * t)
    cosh_part, sinh_part = 0.5 * (em + ep), 0.5 * (em - ep)
    value = q / (3 * q + 1) - nbar * ((nbar + 1) * s * cosh_part - nbar**2 * sinh_part) / (
        (3 * q + 1) * s)
    return value if t.ndim else float(value)


def two_atom_long_time_coherence(nbar: float) -> float:
    """t → ∞ of seed 003 Eq. (5): n̄(n̄+1)/(3n̄(n̄+1)+1), → 1/3 as n̄ → ∞.

    Parameters
    ----------
    nbar : float
        Mean thermal photon number n̄ ≥ 0.

    Returns
    -------
    float
        The long-time l1 coherence of two atoms from ``|gg⟩`` (dimensionless), in [0, 1/3).
    """
    require_nonnegative("nbar", nbar)
    q = nbar * (nbar + 1)
    return q / (3 * q + 1)


def dipolar_only_two_atom(rho0, f: float, t) -> np.ndarray:
    """Seed 003 Eq. (A1) (corrected): two atoms under H_d = f(σ⁺_1σ⁻_2 + σ⁺_2σ⁻_1) only (γ0 = 0).

    Basis (``|ee⟩``, ``|eg⟩``, ``|ge⟩``, ``|gg⟩``) = indices 1–4 of the paper. With
    u = ρ22 − ρ33 and v = Im ρ23 at t = 0::

        ρ11, ρ14, ρ44 constant;  ρ12 = ρ12 cos ft + i ρ13 sin ft  (and 1 ↔ 2 → 1 ↔ 3);
        ρ24 = ρ24 cos ft − i ρ34 sin ft  (and 2 ↔ 3);
        ρ22 = [(ρ22 + ρ33) + u cos 2ft − 2 v sin 2ft]/2,  ρ33 = ρ22 + ρ33 − ρ22(t);
        ρ23 = Re ρ23 + i [v cos 2ft + (u/2) sin 2ft].

    The printed A1 has i·2 Im ρ23 sin 2ft in ρ22 (not real) and Re ρ23/2 in ρ23; these are
    misprints (checked against exp(−iH_d t)).

    Parameters
    ----------
    rho0 : array_like, shape (4, 4)
        ρ(0), pair basis.
    f : float
        Dipolar shift in rad/s.
    t : float or array_like
        Times in s.

    Returns
    -------
    ndarray of complex, shape (..., 4, 4)
        ρ(t); the leading axes are those of ``t``.
    """
    rho0 = require_density_matrix("rho0", rho0)
    if rho0.shape != (4, 4):
        raise ValueError(f"rho0 must be a 4 x 4 two-atom density matrix; received {rho0.shape}")
    require_finite("f", f)
    t = np.asarray(require_finite("t", t), dtype=float)
    c, s = np.cos(f * t)[..., None, None], np.sin(f * t)[..., None, None]
    c2, s2 = np.cos(2 * f * t), np.sin(2 * f * t)
    r = np.asarray(rho0, dtype=complex)
    out = np.broadcast_to(r, (*t.shape, 4, 4)).copy()
    out[..., 0, 1] = (r[0, 1] * c + 1j * r[0, 2] * s)[..., 0, 0]
    out[..., 0, 2] = (r[0, 2] * c + 1j * r[0, 1] * s)[..., 0, 0]
    out[..., 1, 3] = (r[1, 3] * c - 1j * r[2, 3] * s)[..., 0, 0]
    out[..., 2, 3] = (r[2, 3] * c - 1j * r[1, 3] * s)[..., 0, 0]
    u, v, total = (r[1, 1] - r[2, 2]).real, r[1, 2].imag, (r[1, 1] + r[2, 2]).real
    out[..., 1, 1] = 0.5 * (total + u * c2 - 2 * v * s2)
    out[..., 2, 2] = total - out[..., 1, 1]
    out[..., 1, 2] = r[1, 2].real + 1j * (v * c2 + 0.5 * u * s2)
    for i, j in ((0, 1), (0, 2), (1, 3), (2, 3), (1, 2)):
        out[..., j, i] = np.conj(out[..., i, j])
    return out


def is_dipolar_invariant_two_atom(rho, atol: float = 1e-12) -> bool:
    """The paper's characterisation (seed 003 Sec. III B, App. A) of states H_d leaves unchanged.

    ρ12 = ρ13 = ρ24 = ρ34 = 0 (no coherence between the one-excitation states and ``|ee⟩``,
    ``|gg⟩``), ρ22 = ρ33 and ρ23 real; ρ11, ρ14, ρ44 are free. Equivalent to [H_d, ρ] = 0 for f ≠ 0.

    Parameters
    ----------
    rho : array_like, shape (4, 4)
        Two-atom state, pair basis.
    atol : float, optional
        Absolute tolerance on each condition (default 1e-12).

    Returns
    -------
    bool
        Whether ρ satisfies the conditions.
    """
    r = np.asarray(require_finite("rho", rho), dtype=complex)
    if r.shape != (4, 4):
        raise ValueError(f"rho must be a 4 x 4 two-atom density matrix; received {r.shape}")
    ok = max(abs(r[0, 1]), abs(r[0, 2]), abs(r[1, 3]), abs(r[2, 3]),
             abs(r[1, 1] - r[2, 2]), abs(r[1, 2].imag)) <= atol
    return bool(ok)


__all__ = [
    "dipolar_only_two_atom",
    "is_dipolar_invariant_two_atom",
    "two_atom_coherence",
    "two_atom_long_time_coherence",
]
