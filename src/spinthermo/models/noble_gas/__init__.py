"""Alkali–noble-gas spin interface by spin-exchange collisions (seed 002).

Katz, Shaham & Firstenberg, "Quantum interface for noble-gas spins based on spin-exchange
collisions", PRX Quantum 3, 010305 (2022). One submodule per part of the paper:

* :mod:`.parameters` — q(I, p), γ_A, γ_B, ζ, k_SE, J, collisional shifts, Δ(B), presets;
* :mod:`.mean_field` — the mean-field Bloch equations, Eq. (1), with SEOP;
* :mod:`.stochastic` — the stochastic many-body collision simulation, Sec. III B;
* :mod:`.two_mode` — the two-mode Holstein–Primakoff model with quantum noise, Eq. (28), App. F;
* :mod:`.magnetometer` — the hybrid magnetometer, Sec. VI C and App. G;
* :mod:`.diffusion_modes`, :mod:`.multimode` — diffusion modes of a sphere and Eq. (27), App. E;
* :mod:`.fits` — fits to the stochastic simulation (Eqs. 7–9, Fig. 2);
* :mod:`.figure7_scenario` — the Fig. 7 cell, field switch and runs.

Design note: DESIGN.md lists ``models/noble_gas`` as one module; seed 002 holds seven models of
different kinds (rates, mean field, a compiled stochastic simulation, Gaussian and Fock bosonic
models, a sensor, a diffusion-mode basis), so it is a package of small modules, one job each.
Physics-agnostic bosonic tools live in :mod:`spinthermo.core.bosonic`.
"""
