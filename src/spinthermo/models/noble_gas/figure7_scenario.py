"""Seed 002 Fig. 7 as a scenario: the K–³He cell, the switch to B = 180 mG, both runs.

Katz, Shaham & Firstenberg, PRX Quantum 3, 010305 (2022), Sec. VII B and Fig. 7: the multimode
exchange (Eq. 27, App. E, :mod:`.multimode`) of the Sec. VII A cell against the two-mode model
(Eq. 28) with the same J and γ = γ_A + D_A π²/R², with ``|2⟩`` (a) or 7 dB of squeezing (b) in the
uniform alkali mode, Δ = 0 until T_π = π/2J and, with the switch, the detuning of B = 180 mG.

Why a module of its own, and why under ``models``: this is data generation for one paper
figure, not a model (:mod:`.multimode` keeps the model: any cell, any protocol). It is used by
the study (:mod:`spinthermo.studies.noble_gas`), by the multimode tests and by the multimode
benchmark; the benchmark and the tests must not depend on the study layer, and the scenario
needs nothing above ``models``, so it sits beside the model it configures.

Time span of Fig. 7 (our choice; the paper's axis is not stated in the text): 0–3 T_π with
T_π = π/(2J), Δ = 0 until T_π and then the switched detuning of the caption (B = 180 mG).
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass

import numpy as np

from spinthermo.atoms.gyromagnetic import TESLA_PER_GAUSS
from spinthermo.core.checks import require_count, require_positive
from spinthermo.models.noble_gas.multimode import (
    DEFAULT_N_MODES,
    CoupledModeEquations,
    ExchangeResult,
    spherical_cell_modes,
    two_mode_equations,
)
from spinthermo.models.noble_gas.parameters import NobleGasCell, get_preset

__all__ = [
    "FIG7_PRESET",
    "FIG7_SWITCH_FIELD_GAUSS",
    "Figure7",
    "ModeConvergence",
    "figure7",
    "figure7_cell",
    "figure7_switch_detuning",
    "mode_convergence",
]

#: Field after the switch in the Fig. 7 caption ("using B = 180 mG"); Δ = 0 at the compensation
#: field of the preset (85.6 mG; the paper quotes 94 mG), so Δ(180 mG) ≈ 4.0e5 rad/s ≈ 400 J.
FIG7_SWITCH_FIELD_GAUSS = 0.180
#: The preset of :mod:`.parameters` holding the Sec. VII A numbers.
FIG7_PRESET = "k-3he"


def figure7_cell(n_modes: int = DEFAULT_N_MODES, cell: NobleGasCell | None = None,
                 nbar_alkali: float | None = None, nbar_noble: float | None = None,
                 reservoir_modes: int | None = None,
                 reservoir_tail: bool = True) -> CoupledModeEquations:
    """:func:`spherical_cell_modes` for a :class:`NobleGasCell` (default: the K–³He preset of
    seed 002 Sec. VII A, used in Sec. VII B / Fig. 7).

    J = ``cell.coupling_rate`` (Eq. 26, 1021 s⁻¹), γ_A = ``cell.alkali_relaxation_rate``
    (17.5 s⁻¹ bulk; the lowest mode decays at γ = γ_A + D_A π²/R² = 17.58 s⁻¹),
    γ_B = ``cell.noble_gas_relaxation_rate``, D_A = 0.054 cm²/s, D_B = 0.023 cm²/s, R = 2.54 cm.
    Occupations default to (1 − p)/(2p) = 0.026 (p_A = 0.95) and 0.167 (p_B = 0.75); the paper's
    stated 0.05 for the alkali (Sec. VII B) is inconsistent with this: pass ``nbar_alkali=0.05``.

    Parameters
    ----------
    n_modes : int
        Stable l = 0 modes kept per species, ≥ 1.
    cell : NobleGasCell or None
        The cell; None: the ``"k-3he"`` preset.
    nbar_alkali, nbar_noble : float or None
        Thermal occupations of the baths; None: the cell's.
    reservoir_modes : int or None
        As for :func:`~spinthermo.models.noble_gas.multimode.spherical_cell_modes`.
    reservoir_tail : bool
        As for :func:`~spinthermo.models.noble_gas.multimode.spherical_cell_modes`.

    Returns
    -------
    CoupledModeEquations
        Eq. (27) for the cell.
    """
    cell = get_preset(FIG7_PRESET) if cell is None else cell
    na = cell.alkali_thermal_occupation if nbar_alkali is None else nbar_alkali
    nb = cell.noble_gas_thermal_occupation if nbar_noble is None else nbar_noble
    return spherical_cell_modes(
        cell.coupling_rate, cell.alkali_relaxation_rate, cell.noble_gas_relaxation_rate,
        cell.alkali_diffusion, cell.noble_gas_diffusion, cell.cell_radius, n_modes=n_modes,
        nbar_alkali=na, nbar_noble=nb, reservoir_modes=reservoir_modes,
        reservoir_tail=reservoir_tail)


def figure7_switch_detuning(cell: NobleGasCell | None = None,
                            field_gauss: float = FIG7_SWITCH_FIELD_GAUSS) -> float:
    """Δ(B) = (g_A − g_B)B + Δ_c at the switched field (seed 002 Sec. V, Fig. 7 caption).

    Parameters
    ----------
    cell : NobleGasCell or None
        The cell; None: the ``"k-3he"`` preset.
    field_gauss : float
        The field after the switch, gauss.

    Returns
    -------
    float
        Δ, rad/s.

    Examples
    --------
    >>> round(figure7_switch_detuning() / get_preset(FIG7_PRESET).coupling_rate)
    395
    """
    cell = get_preset(FIG7_PRESET) if cell is None else cell
    return float(cell.detuning(field_gauss * TESLA_PER_GAUSS))


@dataclass(frozen=True)
class Figure7:
    """Seed 002 Fig. 7: the multimode exchange and the two-mode model with the same J and γ.

    Parameters
    ----------
    multimode, two_mode : ExchangeResult
        The multimode and the two-mode runs on the same time grid.
    coupling : float
        J, s⁻¹.
    gamma : float
        γ = γ_A + D_A π²/R², s⁻¹.
    t_pi : float
        T_π = π/2J, s.
    n_modes : int
        Stable modes per species of the multimode run.
    """

    multimode: ExchangeResult
    two_mode: ExchangeResult
    coupling: float
    gamma: float
    t_pi: float
    n_modes: int

    def at_t_pi(self) -> dict[str, dict[str, float]]:
        """Fock fidelity, η, ν and the variances at T_π = π/2J for both models.

        Returns
        -------
        dict of str to dict
            ``{"multimode": ..., "two_mode": ...}``, each as :meth:`ExchangeResult.at`.
        """
        return {"multimode": self.multimode.at(self.t_pi),
                "two_mode": self.two_mode.at(self.t_pi)}


def _time_grid(t_pi: float, time_span: float, samples_per_t_pi: int) -> np.ndarray:
    require_positive("time_span", time_span, "T_pi")
    samples_per_t_pi = require_count("samples_per_t_pi", samples_per_t_pi, 1)
    count = max(2, math.ceil(time_span * samples_per_t_pi) + 1)
    times = np.linspace(0.0, time_span * t_pi, count)
    return np.unique(np.concatenate([times, [t_pi]]))  # T_π always sampled


def figure7(n_modes: int = DEFAULT_N_MODES, time_span: float = 3.0, samples_per_t_pi: int = 40,
            switch: bool = True, detuning_after: float | None = None, fock_number: int = 2,
            squeezing_db: float = 7.0, cell: NobleGasCell | None = None,
            nbar_alkali: float | None = None, nbar_noble: float | None = None,
            reservoir_modes: int | None = None) -> Figure7:
    """Fig. 7 of seed 002: (a) P(n_b₀ = 2) and (b) ⟨ΔX_A²⟩, ⟨ΔP_B²⟩ from 0 to ``time_span``·T_π.

    Multimode (:func:`figure7_cell`) and the two-mode Eq. (28) with the same J and
    γ = γ_A + D_A π²/R², occupations and γ_B. Δ = 0 until T_π, then ``detuning_after``
    (default :func:`figure7_switch_detuning`, B = 180 mG) when ``switch``.

    Parameters
    ----------
    n_modes : int
        Stable modes per species, ≥ 1.
    time_span : float
        End of the time grid, in units of T_π, > 0.
    samples_per_t_pi : int
        Samples per T_π, ≥ 1.
    switch : bool
        Whether Δ switches at T_π.
    detuning_after : float or None
        Δ after the switch, rad/s; None: :func:`figure7_switch_detuning`.
    fock_number : int
        Fock state of the input alkali mode.
    squeezing_db : float
        Squeezing of the input state, dB.
    cell, nbar_alkali, nbar_noble, reservoir_modes
        As for :func:`figure7_cell`.

    Returns
    -------
    Figure7
        Both runs, J, γ and T_π.
    """
    cell = get_preset(FIG7_PRESET) if cell is None else cell
    model = figure7_cell(n_modes, cell, nbar_alkali, nbar_noble, reservoir_modes)
    j = model.coupling
    two = two_mode_equations(j, cell.alkali_decay_rate, model.nbar_alkali, model.nbar_noble,
                             cell.noble_gas_relaxation_rate)
    t_pi = math.pi / (2.0 * j)
    times = _time_grid(t_pi, time_span, samples_per_t_pi)
    kwargs = {"fock_number": fock_number, "squeezing_db": squeezing_db}
    if switch:
        after = figure7_switch_detuning(cell) if detuning_after is None else detuning_after
        kwargs.update(switch_time=t_pi, detuning_after=after)
    return Figure7(model.exchange(times, **kwargs), two.exchange(times, **kwargs), j,
                   cell.alkali_decay_rate, t_pi, model.n_alkali)


@dataclass(frozen=True)
class ModeConvergence:
    """Fig. 7 quantities against the number of stable modes (App. E convergence check).

    Parameters
    ----------
    n_modes : numpy.ndarray
        The mode counts, shape (K,).
    fock_at_t_pi, var_p_at_t_pi : numpy.ndarray
        Fock probability and ⟨ΔP_B²⟩ at T_π per mode count, shape (K,).
    fock_change, var_p_change : numpy.ndarray
        Max over the time grid of ``|curve(n_k) − curve(n_{k+1})|`` between consecutive
        counts, shape (K − 1,).
    """

    n_modes: np.ndarray
    fock_at_t_pi: np.ndarray
    var_p_at_t_pi: np.ndarray
    fock_change: np.ndarray
    var_p_change: np.ndarray


def mode_convergence(mode_counts=(25, 50, 100, 200, 400), time_span: float = 3.0,
                     samples_per_t_pi: int = 20, **figure7_kwargs) -> ModeConvergence:
    """Run :func:`figure7` for each number of stable modes and report the differences.

    Seed 002 Sec. VII B ("we have verified the convergence for this choice of truncation").

    Parameters
    ----------
    mode_counts : sequence of int
        At least two strictly increasing counts.
    time_span, samples_per_t_pi
        As for :func:`figure7`.
    **figure7_kwargs
        Further keywords of :func:`figure7`.

    Returns
    -------
    ModeConvergence
        Values at T_π and changes between consecutive counts.
    """
    counts = [require_count("mode_counts", n, 1) for n in mode_counts]
    if len(counts) < 2 or np.any(np.diff(counts) <= 0):
        raise ValueError("mode_counts must hold at least two strictly increasing counts")
    figures = [figure7(n, time_span, samples_per_t_pi, **figure7_kwargs) for n in counts]
    runs = [f.multimode for f in figures]
    t_pi = figures[0].t_pi
    fock = np.array([r.at(t_pi)["fock_probability"] for r in runs])
    var_p = np.array([r.at(t_pi)["var_p_noble"] for r in runs])
    d_fock = np.array([np.max(np.abs(a.fock_probability - b.fock_probability))
                       for a, b in itertools.pairwise(runs)])
    d_var = np.array([np.max(np.abs(a.var_p_noble - b.var_p_noble))
                      for a, b in itertools.pairwise(runs)])
    return ModeConvergence(np.array(counts), fock, var_p, d_fock, d_var)
