"""Fixed settings of the ``noble-gas`` study (seed 002): particle numbers, phases, seeds, grids.

Katz, Shaham & Firstenberg, PRX Quantum 3, 010305 (2022). The values the paper states (N_A, N_B
and ⟨φ⟩ of Fig. 2, ⟨a†a⟩(0) = 1000 of Fig. 3, J = 55γ and 7 dB of Fig. 4, p_A = 0.95,
p_B = 0.75, 200 modes of Fig. 7) and our choices where it is silent (time windows, J/γ of
Fig. 5, seeds, quick-run reductions; see :mod:`spinthermo.studies.noble_gas`). Shared by the
computation (:mod:`spinthermo.studies.noble_gas`) and the claims
(:mod:`spinthermo.studies.noble_gas_claims`).
"""

from __future__ import annotations

import math

SOURCE = "002"
PRESET = "k-3he"

# ----------------------------------------------------------------------------- Fig. 2
#: Fig. 2(a)–(d): N_A alkali and N_B noble-gas spins (Sec. III B).
STOCH_N_ALKALI, STOCH_N_NOBLE = 100, 10_000
#: Fig. 2(e): two excitations.
HOM_N_ALKALI, HOM_N_NOBLE = 30, 300
#: ⟨φ⟩ of Figs. 2(a), (b) ("more moderate" collisions), full and quick.
STRONG_PHASE = 2e-2
#: ⟨φ⟩ of Figs. 2(c)–(e) ("very weak", ³He–K): the paper's 1e-5. Quick runs use larger values:
#: 1e-5 needs ~2e7 collision steps per panel (~100 s each on one core), too slow for a quick run;
#: the claims that depend on ⟨φ⟩ name the value they used.
WEAK_PHASE = 1e-5
WEAK_PHASE_QUICK = 3e-4
HOM_PHASE_QUICK = 2e-3
#: Trajectories averaged in Figs. 2(a), (b).
N_TRAJECTORIES, N_TRAJECTORIES_QUICK = 200, 40
#: Batches of trajectories for the statistical errors of the fits.
N_BATCHES, N_BATCHES_QUICK = 10, 8
#: Windows: three exchange periods (population period π/J) and, for (e), Jt ∈ [0, π].
WINDOW_JT = 3 * math.pi
HOM_WINDOW_JT = math.pi
#: Records per run (about).
N_RECORDS, N_RECORDS_QUICK = 600, 300
SEEDS = {"2a": 2001, "2b": 2002, "2c": 2003, "2d": 2004, "2e": 2005}
PANELS_1EXC = {"2a": ("1A0B", "strong"), "2b": ("localized", "strong"),
               "2c": ("1A0B", "weak"), "2d": ("localized", "weak")}

# ----------------------------------------------------------------------------- Figs. 3–5
#: Fig. 3: ⟨a†a⟩(0) = 1000; rates in units of γ (time in 1/γ).
FIG3_EXCITATIONS = 1000.0
FIG3 = {"3a": {"coupling": 60.0, "alkali_decay": 1.0, "detuning": 600.0, "t_max": 3.0},
        "3b": {"coupling": 0.1, "alkali_decay": 1.0, "detuning": 0.0, "t_max": 100.0},
        "3c": {"coupling": 57.0, "alkali_decay": 1.0, "detuning": 0.0, "t_max": 0.2}}
#: Fig. 4: J = 55γ (p = 1); 7 dB of X_A squeezing; Fig. 4(b)'s partial polarisations.
FIG4_COUPLING = 55.0
SQUEEZING_DB = 7.0
P_ALKALI, P_NOBLE = 0.95, 0.75
FIG4_WINDOW_T_PI = 4.0
#: Fig. 5: J/γ of the curves, the input grid (dB) and the "large squeezing" input.
FIG5_RATIOS = (10.0, 30.0, 55.0, 100.0, 300.0)
FIG5_MAX_DB = 30.0
FIG5_LARGE_DB = 50.0

# ----------------------------------------------------------------------------- Figs. 6–7
#: Fig. 6: detuned operation Δ = 100 J (``|Δ|`` ≫ J ≳ γ_A ≫ γ_B), γ̃_B T from 1e-3 to 1e3.
FIG6_DETUNING_RATIO = 100.0
FIG6_X_RANGE = (-3.0, 3.0)
#: Fig. 7: stable diffusion modes (the paper's 200) and the time span in T_π.
N_MODES, N_MODES_QUICK = 200, 50
FIG7_SPAN_T_PI = 3.0

#: Nuclear spins of the q-bounds claim: those of the alkali isotopes (⁶Li 1; ⁷Li, ²³Na, ³⁹K,
#: ⁸⁷Rb 3/2; ⁸⁵Rb 5/2; ¹³³Cs 7/2; ⁴⁰K 4). For I = 1/2 both bounds equal 2 and q ≡ 2.
Q_NUCLEAR_SPINS = (1.0, 1.5, 2.5, 3.5, 4.0)

# ----------------------------------------------------------------------------- App. D
#: App. D, K–³He at 220 °C: ζ = 4.9e-15 cm³/s and k_SE = 5.5e-20 cm³/s (from refs. [11, 38]),
#: σ ≈ 8e-15 cm² (the paper's rough estimate), q = 4.1 (Sec. VII A), as printed.
APP_D_TEMPERATURE_C = 220.0
APP_D_ZETA_CM3_PER_S = 4.9e-15
APP_D_K_SE_CM3_PER_S = 5.5e-20
APP_D_CROSS_SECTION_CM2 = 8e-15
APP_D_Q = 4.1
#: App. D's ζ formula takes g_e = 2.
APP_D_ELECTRON_G_FACTOR = 2.0
#: The precession angles App. D derives from them: ⟨φ⟩ ≈ ζq/σv, ⟨φ²⟩ ≈ 4k_SE/σv.
APP_D_MEAN_PHASE = 1.4e-5
APP_D_MEAN_SQUARE_PHASE = 1.6e-10
#: The centrifugal angular momentum (units of ħ) behind the σ estimate.
APP_D_ANGULAR_MOMENTUM = 40.0
#: μ₀ in N A⁻² (CODATA 2018, 1.256 637 062 12e-6).
VACUUM_PERMEABILITY = 1.25663706212e-6
#: ³He atomic mass in u: 3.016 029 322 (AME2020, Wang et al., Chin. Phys. C 45, 030003 (2021)).
HELIUM3_MASS_AMU = 3.016029322

#: Precision of a printed number: half a unit of its last digit, as (value, half-unit). Sec.
#: VII A prints n_A = 3e14 cm⁻³, n_B = 2e20 cm⁻³ and vσ⟨φ⟩ = 2e-14 cm³/s to one significant
#: figure, p_A = 0.95 and p_B = 0.75 to two decimals; App. D prints ζ, k_SE, q to two
#: significant figures and σ to one.
PRINTED_PRECISION = {
    "alkali_density": 0.5e14 / 3e14,
    "noble_gas_density": 0.5e20 / 2e20,
    "sigma_v_phi": 0.5e-14 / 2e-14,
    "alkali_polarization": 0.005 / 0.95,
    "noble_gas_polarization": 0.005 / 0.75,
    "zeta": 0.05 / 4.9,
    "k_se": 0.05 / 5.5,
    "cross_section": 0.5 / 8.0,
    "q": 0.05 / 4.1,
}

# ----------------------------------------------------------------------------- Sec. VII B, App. E
#: Fig. 7's "tens of stable modes that coherently participate": a mode takes part coherently when
#: its diffusion decay is well below J (γ_r ≤ J/10, '≪' read as a factor 10, as MUCH_LARGER in
#: the claims); App. E's reservoir set R is γ_r ≫ J (γ_r ≥ 10 J). Modes counted up to:
STABLE_MODE_SEARCH = 2000
