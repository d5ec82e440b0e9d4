"""Seed 003 as one sweep point: long-time l1 coherence of N atoms with identical couplings.

:func:`dipolar_coherence_point` is the point function of the registered sweep model
``dipolar-coherence`` (:mod:`spinthermo.sweep.catalogue`): the closed form of Sec. IV
(:func:`~spinthermo.models.dipolar.dicke.long_time_coherence`, Eq. 5 for N = 2). It is a
top-level function so that spawned or Dask workers import it by module path; the model module
is imported when a point runs, so the sweep registry loads without it.
"""

from __future__ import annotations

import math

__all__ = ["dipolar_coherence_point"]


def dipolar_coherence_point(n_atoms: int, nbar: float) -> dict[str, float]:
    """Seed 003 Sec. IV: long-time l1 coherence from the ground state, identical couplings.

    Parameters
    ----------
    n_atoms : int
        Number of atoms N ≥ 1.
    nbar : float
        Mean thermal photon number n̄ ≥ 0.

    Returns
    -------
    dict of str to float
        ``l1_coherence``: C_l1 (dimensionless), +inf where it exceeds the float range
        (N ≳ 1100 at n̄ = 10); ``ln_l1_coherence``: ln C_l1, finite there (−inf for n̄ = 0 or
        N = 1, where C_l1 vanishes); ``l1_coherence_fraction``: C_l1/(2^N − 1), its share of
        the maximum in dimension 2^N.

    Examples
    --------
    >>> round(dipolar_coherence_point(n_atoms=2, nbar=10.0)["l1_coherence"], 6)  # 110/331
    0.332326
    """
    from spinthermo.core.checks import require_count
    from spinthermo.models.dipolar.dicke import long_time_coherence

    n_atoms = require_count("n_atoms", n_atoms, 1)  # 2.7 atoms is an error, not N = 2
    log_c = long_time_coherence(n_atoms, float(nbar), log=True)
    log_max = n_atoms * math.log(2.0) + math.log(-math.expm1(-n_atoms * math.log(2.0)))
    return {"l1_coherence": math.exp(log_c) if log_c <= 709.0 else math.inf,
            "ln_l1_coherence": log_c,
            "l1_coherence_fraction": math.exp(log_c - log_max)}
