"""Seed 002's stochastic collision simulation (Sec. III B, Fig. 2): compiled kernel speed.

* ``noble-gas-stochastic-1exc``: one excitation, N_A = 100, N_B = 10⁴, ⟨φ⟩ = δφ = 1e-5
  (Fig. 2(c)), from |1⟩_A|0⟩_B. Ours: the numba kernel of
  ``spinthermo.models.noble_gas.stochastic.simulate``; peer: the vectorised NumPy reference
  (``method="numpy"``: per step, the pairing rounds with ``np.unique``, the N_A pair rotations
  as array operations: the fastest pure-NumPy form, as a skilled NumPy user writes it; QuTiP
  has no stochastic collision model). Both run the same number of steps on the same seed and
  therefore the same collisions; agreement is max |c_ours − c_numpy| over the final
  amplitudes. The target is the full Fig. 2(c) run: three population periods, 3π/J ≈ 1.9e7
  steps (1.9e9 collisions), under 2 minutes, projected from the time per collision.
* ``noble-gas-stochastic-2exc``: two excitations, N_A = 30, N_B = 300, ⟨φ⟩ = 1e-5
  (Fig. 2(e)), from |1⟩_A|1⟩_B; ours only (no peer computes this). Target: three periods,
  ≈ 6.0e6 steps, under 10 minutes, projected from the time per step.
"""

from __future__ import annotations

import numpy as np

from spinthermo.benchmarking import BenchTask
from spinthermo.models.noble_gas.stochastic import StochasticCollisionModel, simulate

SEED = 2022
#: Steps per timed call (full, quick); both sides of a task run the same number.
STEPS_1EXC = (20_000, 2_000)
STEPS_2EXC = (2_000, 200)
#: Kernel and reference apply the same rotations in the same order per pair; rounding
#: differences grow ~1e-16 per step, so 1e-11 covers 2e4 steps with margin.
AGREEMENT_LIMIT = 1e-11
LIMIT_1EXC_S = 120.0
LIMIT_2EXC_S = 600.0

MODEL_1EXC = StochasticCollisionModel(100, 10_000, 1e-5)
MODEL_2EXC = StochasticCollisionModel(30, 300, 1e-5)
#: Three population periods, 3π/J, as in Fig. 2(c) and 2(e).
FULL_STEPS_1EXC = round(3 * MODEL_1EXC.population_period)
FULL_STEPS_2EXC = round(3 * MODEL_2EXC.population_period)


def _run(model, n_steps, kind, method):
    def run():
        return simulate(model, n_steps, kind, seed=SEED, record_every=n_steps,
                        method=method).final_state
    return run


def tasks(quick: bool) -> list[BenchTask]:
    steps_1 = STEPS_1EXC[1] if quick else STEPS_1EXC[0]
    steps_2 = STEPS_2EXC[1] if quick else STEPS_2EXC[0]
    shortened = " (quick: shortened run, projection only)" if quick else ""
    scale_1 = FULL_STEPS_1EXC / steps_1
    scale_2 = FULL_STEPS_2EXC / steps_2
    collisions = FULL_STEPS_1EXC * MODEL_1EXC.n_alkali
    return [
        BenchTask(
            "noble-gas-stochastic-1exc",
            ours=_run(MODEL_1EXC, steps_1, "1A0B", "numba"),
            peer=_run(MODEL_1EXC, steps_1, "1A0B", "numpy"),
            peer_name="NumPy reference step (same draws, vectorised over pairs)",
            agreement=lambda a, b: float(np.max(np.abs(a - b))),
            agreement_limit=AGREEMENT_LIMIT,
            target=(f"{steps_1} steps of N_A=100, N_B=1e4; projected full run (3 periods, "
                    f"{collisions:.2e} collisions) = time per collision x {collisions:.2e} "
                    f"< {LIMIT_1EXC_S:.0f} s{shortened}"),
            target_check=lambda ours, _peer, _ratio: ours * scale_1 < LIMIT_1EXC_S,
        ),
        BenchTask(
            "noble-gas-stochastic-2exc",
            ours=_run(MODEL_2EXC, steps_2, "1A1B", "numba"),
            peer=None,
            peer_name="none",
            agreement=None,
            agreement_limit=None,
            target=(f"{steps_2} steps of N_A=30, N_B=300 (two excitations); projected full "
                    f"run (3 periods, {FULL_STEPS_2EXC:.2e} steps) = time per step x "
                    f"{FULL_STEPS_2EXC:.2e} < {LIMIT_2EXC_S:.0f} s{shortened}"),
            target_check=lambda ours, _peer, _ratio: ours * scale_2 < LIMIT_2EXC_S,
        ),
    ]
