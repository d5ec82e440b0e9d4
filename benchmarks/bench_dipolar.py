"""Seed 003's dipolar cluster (Eq. 1): steady states against QuTiP 5 and large-N Dicke limits.

* ``dipolar-ness-n7``: a generic geometry of N = 7 atoms (γ positive definite). Ours is
  ``DipolarCluster.steady_state()`` with its default ``method="auto"``: it takes the product
  Gibbs state ⊗ diag(n̄, n̄+1)/(2n̄+1), which is stationary for every f and γ, and certifies it
  by the residual max|ℒx|/max|ℒ| on the Δn = 0 block; with γ positive definite the steady state
  is unique, so that *is* the steady state (no linear solve). The peer builds the same
  Liouvillian independently with QuTiP operators (not the model's ``open_system()``) —
  H_d = Σ f_ij σ⁺_iσ⁻_j and jump operators from the eigen-decomposition γ = V Λ Vᵀ,
  L_k = √(λ_k(n̄+1)) Σ_j V_jk σ⁻_j, M_k = √(λ_k n̄) Σ_j V_jk σ⁺_j — and calls
  ``qutip.steadystate`` (default direct sparse solve on the full 4^N space).
* ``dipolar-ness-n10``: the same for N = 10 (Δn = 0 block of 184 756 coordinates); no peer.
* ``dipolar-dicke-n1000``: long-time Dicke populations and the l1 coherence (log) for
  N = 1000, n̄ = 10 (identical couplings); no peer.
"""

from __future__ import annotations

import numpy as np

from spinthermo.benchmarking import BenchTask
from spinthermo.models.dipolar import (
    DipolarCluster,
    dicke_long_time_populations,
    long_time_coherence,
)

NBAR = 1.0
#: Agreement limit on max|ρ_ours − ρ_qutip| (the peer's direct solve is accurate to ~1e-12).
NESS_LIMIT = 1e-9


def _geometry(n_atoms: int) -> DipolarCluster:
    """A fixed random cluster inside a 0.3 λ cube: strong but generic dipolar couplings."""
    rng = np.random.default_rng(3)
    positions = rng.uniform(0.0, 0.3, (n_atoms, 3))
    return DipolarCluster.from_positions(positions, [0.0, 0.0, 1.0], NBAR, wavelength=1.0)


class QutipDipolar:
    """Seed 003 Eq. (1) written with QuTiP only (the peer)."""

    def __init__(self, f: np.ndarray, gamma: np.ndarray, nbar: float):
        import qutip

        self.qutip = qutip
        n = f.shape[0]
        sp = qutip.Qobj(np.array([[0.0, 1.0], [0.0, 0.0]]))  # |e⟩⟨g|, e = index 0

        def site(op, i):
            return qutip.tensor([op if k == i else qutip.qeye(2) for k in range(n)])

        plus = [site(sp, i) for i in range(n)]
        minus = [p.dag() for p in plus]
        self.h = sum(f[i, j] * plus[i] * minus[j] for i in range(n) for j in range(n)
                     if i != j)
        lam, vecs = np.linalg.eigh(gamma)
        self.c_ops = []
        for k in range(n):
            if lam[k] <= 0:
                continue
            down = sum(vecs[j, k] * minus[j] for j in range(n))
            up = sum(vecs[j, k] * plus[j] for j in range(n))
            self.c_ops.append(np.sqrt(lam[k] * (nbar + 1)) * down)
            if nbar > 0:
                self.c_ops.append(np.sqrt(lam[k] * nbar) * up)

    def steady_state(self) -> np.ndarray:
        return self.qutip.steadystate(self.h, self.c_ops).full()


def _ours(cluster):
    def run():
        return cluster.steady_state().state
    return run


def _peer(cluster):
    peer = QutipDipolar(cluster.f, cluster.gamma, cluster.nbar)

    def run():
        return peer.steady_state()
    return run


def _dicke(n_atoms: int, nbar: float):
    def run():
        return dicke_long_time_populations(n_atoms, nbar), long_time_coherence(
            n_atoms, nbar, log=True)
    return run


def tasks(quick: bool) -> list[BenchTask]:
    n7, n10 = _geometry(7), _geometry(10)
    return [
        BenchTask("dipolar-ness-n7", ours=_ours(n7), peer=_peer(n7),
                  peer_name="qutip.steadystate (independent H, c_ops)",
                  agreement=lambda a, b: float(np.max(np.abs(a - b))),
                  agreement_limit=NESS_LIMIT, target=">= 10x QuTiP",
                  target_check=lambda _ours, _peer, ratio: ratio >= 10),
        BenchTask("dipolar-ness-n10", ours=_ours(n10), peer=None, peer_name="none",
                  agreement=None, agreement_limit=None, target="N = 10 steady state < 300 s",
                  target_check=lambda ours, _peer, _ratio: ours < 300.0),
        BenchTask("dipolar-dicke-n1000", ours=_dicke(1000, 10.0), peer=None, peer_name="none",
                  agreement=None, agreement_limit=None,
                  target="N = 1000 long-time state + C_l1 < 10 s",
                  target_check=lambda ours, _peer, _ratio: ours < 10.0),
    ]
