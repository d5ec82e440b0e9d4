"""Light shift and light narrowing of a D1-pumped alkali atom (seed 004, Chang, Guo & Qin).

Three treatments of the same physics share one interface (:class:`PumpedAtom`):

* ``"full"`` — Eqs. (1)–(9): the ground ²S₁/₂ and excited ²P₁/₂ hyperfine levels
  (4(2I+1) levels; 32 for Cs), the D1 coupling of a circularly polarised pump in the rotating
  frame, hyperfine and ground Zeeman Hamiltonians, spontaneous decay Γ_sd, pressure broadening
  Γ_pb with the quenching jump operators A_m, electron-spin relaxation γ and spin exchange with
  its mean-field terms;
* ``"effective"`` — the ground-state equation, Eq. (18), from the closed-form rates
  Γ⁽¹⁾…Γ⁽⁴⁾ of Eqs. (23)–(29) (or, with ``elimination="numerical"``, from the second-order
  adiabatic elimination 𝒫L1𝒬(−𝒬L0𝒬)⁻¹𝒬L1𝒫 of the full Liouvillian);
* ``"rate"`` — the diagonal (rate-equation) limit of the effective equation;
* ``"spin-temperature"`` — Eq. (30), the limit Γ_pb ≫ Δ_S, Δ_P (Appelt et al. 1998) in which
  the pump acts on the electron spin alone with the rate Γ_OP and light shift Δ_LS
  (η = Ω in Eqs. 31–32, and the sign of Eq. 32 reversed: see
  :func:`optical_pumping_rate_and_light_shift`).

Conventions: frequencies are given as the paper gives them, in Hz (``*_hz``); internally every
one is an angular frequency (×2π), the package's unit. The detuning Δ is measured from the
ground F = b = I − 1/2 → excited F = a = I + 1/2 line (Fig. 1b): level energies in the rotating
frame are 0 (s_b), Δ_S (s_a), Δ (p_a), Δ − Δ_P (p_b). Basis: ground ``|a M⟩`` (M descending),
ground ``|b M⟩``, then excited ``|a M⟩``, ``|b M⟩``.

Reconstruction notes (the extracted text lost factors; each choice is checked against the
numerical elimination in the tests): Eq. (26) must read Γ⁽⁴⁾_FM = Σ_F' Ω²/(iΔ̃_FF') g g, so that
−(Γ_FM + Γ*_FM') gives depopulation at 2Ω² Im(1/Δ̃*) and the AC Stark shift; the quenching term
of Eq. (7) has A_m† (the text's "A_j†" is a typo); the spin-exchange terms of Eq. (7) carry
γ_se, not ½γ_se (see :func:`_spin_exchange_feedback`). The first two are confirmed by the
agreement of the closed-form and the numerically eliminated effective Liouvillians to 1e-16.
"""

from __future__ import annotations

import math
import time
import warnings
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache

import numpy as np

from spinthermo.atoms.gyromagnetic import ELECTRON_GYROMAGNETIC_HZ_PER_GAUSS
from spinthermo.atoms.species import AlkaliSpecies, get_species
from spinthermo.core.checks import (
    require_finite,
    require_nonnegative,
    require_numeric,
    require_positive,
    require_range,
)
from spinthermo.core.elimination import adiabatic_elimination, level_projection
from spinthermo.core.generator import MeanFieldGenerator
from spinthermo.core.open_system import MeanField
from spinthermo.core.options import EvolveOptions, SteadyStateOptions
from spinthermo.core.projection import BlockProjection
from spinthermo.core.response import LinearResponse, brent_root
from spinthermo.core.results import EvolutionResult, SteadyStateResult
from spinthermo.core.sparse_newton import (
    SparseMeanFieldGenerator,
    sparse_mean_field_steady_state,
)
from spinthermo.core.spin import clebsch_gordan, coupling_transform, spin_operators
from spinthermo.core.steady import (
    SteadyStateError,
    SteadyStateSolution,
    self_consistent_steady_state,
    steady_state,
)
from spinthermo.core.superop import (
    commutator_superoperator,
    expectation_row,
    lindblad_dissipator,
    sparse_liouvillian,
    sparse_sprepost,
    spost,
    spre,
    sprepost,
    trace_row,
)
from spinthermo.core.units import TWO_PI
from spinthermo.models.base import Model, OpenSystemSpec, not_applicable
from spinthermo.models.fast_path import (
    evolve_generator,
    steady_state_at,
    steady_state_options,
    steady_state_result,
)

#: Most negative eigenvalue tolerated in a steady state: rounding in the full equation, whose
#: generator spans 6e10 rad/s (hyperfine) to 1e3 s⁻¹ (relaxation), stays far below it; an
#: unphysical root of the mean-field equations lies far above it.
POSITIVITY_TOLERANCE = 1e-7
#: Ω/(Γ_sd/2 + Γ_pb) above which the weak-driving elimination is doubtful (a warning).
WEAK_DRIVING_LIMIT = 0.1
TREATMENTS = ("full", "effective", "rate", "spin-temperature")


@dataclass(frozen=True)
class LightShiftParameters:
    """Parameters of seed 004 in the paper's units (Hz; the paper's "frequencies").

    ``handedness`` "left" (σ⁺, couples ``|s⟩`` to ``|p₊₁⟩``) or "right" (σ⁻); ``antiparallel``
    flips the field relative to the pump's propagation (the paper's experiment: right-handed
    light along B is equivalent to left-handed light against B, B → −B). Rates γ (total
    electron-spin relaxation, γ = γ_se + γ_sd) and γ_se, like every other entry, in Hz.

    Checked on construction: every entry finite; Ω, Γ_sd, γ_se ≥ 0, γ ≥ γ_se, Γ_pb > 0;
    ``field_gauss`` ≥ 0 (its direction is ``antiparallel``; the response and light shift need
    it > 0, checked there), ``rf_field_gauss`` > 0 (the probe of Eqs. 33–40).

    Parameters
    ----------
    species : str
        Alkali isotope, e.g. ``"133Cs"``.
    rabi_hz : float
        Pump Rabi frequency Ω, Hz, ≥ 0.
    detuning_hz : float
        Pump detuning Δ from the D1 line, Hz.
    pressure_broadening_hz : float
        Γ_pb, Hz, > 0.
    spontaneous_decay_hz : float
        Γ_sd, Hz, ≥ 0.
    relaxation_hz : float
        γ = γ_se + γ_sd, total electron-spin relaxation, Hz, ≥ ``spin_exchange_hz``.
    spin_exchange_hz : float
        γ_se, Hz, ≥ 0.
    field_gauss : float
        Static field magnitude B₀, gauss, ≥ 0.
    handedness : str
        ``"left"`` (σ⁺) or ``"right"`` (σ⁻).
    antiparallel : bool
        True: B₀ points against the pump's propagation.
    rf_field_gauss : float
        Amplitude of the probe field B_x, gauss, > 0.
    """

    species: str = "133Cs"
    rabi_hz: float = 4.1e6
    detuning_hz: float = 0.0
    pressure_broadening_hz: float = 0.6e9
    spontaneous_decay_hz: float = 0.0
    relaxation_hz: float = 1.53e3
    spin_exchange_hz: float = 1.31e3
    field_gauss: float = 0.1
    handedness: str = "left"
    antiparallel: bool = False
    rf_field_gauss: float = 3e-5  # 3 nT, the experiment's B_x

    def __post_init__(self) -> None:
        require_range("detuning_hz", self.detuning_hz, unit="Hz")  # any real, finite value
        require_range("field_gauss", self.field_gauss, 0.0, math.inf, unit="G",
                      reason="its direction is set by antiparallel=True")
        require_positive("rf_field_gauss", self.rf_field_gauss, unit="G")
        if not isinstance(self.antiparallel, bool | np.bool_):
            raise TypeError(f"antiparallel must be a bool (True reverses B); received "
                            f"{type(self.antiparallel).__name__}")
        require_nonnegative("rabi_hz", self.rabi_hz, unit="Hz")
        require_positive("pressure_broadening_hz", self.pressure_broadening_hz, unit="Hz")
        require_nonnegative("spontaneous_decay_hz", self.spontaneous_decay_hz, unit="Hz")
        require_nonnegative("spin_exchange_hz", self.spin_exchange_hz, unit="Hz")
        require_nonnegative("relaxation_hz", self.relaxation_hz, unit="Hz")
        if self.relaxation_hz < self.spin_exchange_hz:
            raise ValueError(
                f"relaxation_hz (γ = γ_se + γ_sd) must be >= spin_exchange_hz; received "
                f"{self.relaxation_hz:g} < {self.spin_exchange_hz:g}"
            )
        if self.handedness not in ("left", "right"):
            raise ValueError(f"handedness must be 'left' or 'right'; received {self.handedness!r}")
        get_species(self.species)
        ratio = self.rabi_hz / (self.spontaneous_decay_hz / 2 + self.pressure_broadening_hz)
        if ratio > WEAK_DRIVING_LIMIT:
            warnings.warn(
                f"Ω/(Γ_sd/2 + Γ_pb) = {ratio:.3g} exceeds {WEAK_DRIVING_LIMIT}: the adiabatic "
                "elimination behind the effective equation assumes weak driving",
                stacklevel=2,
            )

    @property
    def atom(self) -> AlkaliSpecies:
        """The species' atomic data."""
        return get_species(self.species)

    @property
    def larmor_hz(self) -> float:
        """ω_L = γ_e B/(2I+1) (Hz), negative for an antiparallel field."""
        sign = -1.0 if self.antiparallel else 1.0
        return sign * ELECTRON_GYROMAGNETIC_HZ_PER_GAUSS * self.field_gauss / (
            2 * self.atom.nuclear_spin + 1)

    def weak_driving_ratio(self) -> float:
        """Ω/(Γ_sd/2 + Γ_pb), small for the adiabatic elimination to hold.

        Returns
        -------
        float
            The ratio, dimensionless (a warning above :data:`WEAK_DRIVING_LIMIT`).
        """
        return self.rabi_hz / (self.spontaneous_decay_hz / 2 + self.pressure_broadening_hz)


def _fine_structure_operators(handedness: str):
    """Operators on the fine-structure states [S+½, S−½, P+½, P−½] (seed 004 Eqs. 2–3, 8–9).

    The orbital operators |s⟩⟨p_l| are projected onto ²P₁/₂ with ⟨p_l, m_s | P m_J⟩ =
    ⟨1 l; ½ m_s | ½ m_J⟩; the pump couples with Ω = √(2/3) Ω′ (returned per unit Ω).
    """
    half = (0.5, -0.5)
    lowering = {}
    for l_orb in (1, 0, -1):
        op = np.zeros((4, 4))
        for i, ms in enumerate(half):
            for j, mj in enumerate(half):
                op[i, 2 + j] = clebsch_gordan(1, l_orb, 0.5, ms, 0.5, mj)
        lowering[l_orb] = op
    l_pump = 1 if handedness == "left" else -1
    coupling = lowering[l_pump] / math.sqrt(2.0 / 3.0)  # Ω′ |s⟩⟨p_l| in units of Ω
    pump = coupling + coupling.T
    a0 = np.zeros((4, 4))
    a0[0, 2] = a0[1, 3] = 1.0
    a_plus = np.zeros((4, 4))
    a_plus[1, 2] = 1.0  # |S, −½⟩⟨P, +½|
    a_minus = np.zeros((4, 4))
    a_minus[0, 3] = 1.0  # |S, +½⟩⟨P, −½|
    quench = [a0, a_plus, a_minus]
    sx, sy, sz = spin_operators(0.5)
    spin = []
    for op in (sx, sy, sz):
        full = np.zeros((4, 4), dtype=complex)
        full[:2, :2] = op
        spin.append(full)
    return pump, list(lowering.values()), quench, spin


class PumpedAtomOperators:
    """Operators of the ground + D1 excited manifold in the ``|F M⟩`` basis (cached per species).

    Parameters
    ----------
    species : AlkaliSpecies
        The atom (its nuclear spin I).
    handedness : str
        ``"left"`` (σ⁺) or ``"right"`` (σ⁻): which excited sublevel the pump couples.
    """

    def __init__(self, species: AlkaliSpecies, handedness: str):
        self.species = species
        self.nuclear_spin = species.nuclear_spin
        n_i = round(2 * self.nuclear_spin + 1)
        self.n_ground = 2 * n_i
        self.dimension = 2 * self.n_ground
        u = coupling_transform(self.nuclear_spin, 0.5)
        pump, decay, quench, spin = _fine_structure_operators(handedness)
        self.pump = self._lift(pump, u, n_i)
        self.decay = [self._lift(op, u, n_i) for op in decay]
        self.quench = [self._lift(op, u, n_i) for op in quench]
        self.spin = [self._lift(op, u, n_i) for op in spin]
        a, b = self.nuclear_spin + 0.5, self.nuclear_spin - 0.5
        labels = [(a, a - k) for k in range(round(2 * a) + 1)]
        labels += [(b, b - k) for k in range(round(2 * b) + 1)]
        self.ground_labels = labels
        self.ground = np.arange(self.n_ground)
        self.excited = np.arange(self.n_ground, self.dimension)
        self.n_a = round(2 * a) + 1

    def _lift(self, fine: np.ndarray, u: np.ndarray, n_i: int) -> np.ndarray:
        """Tensor a fine-structure operator with 1_I and express it in the |F M⟩ basis."""
        out = np.zeros((2 * 2 * n_i, 2 * 2 * n_i), dtype=complex)
        for row_block in range(2):
            for col_block in range(2):
                block = fine[2 * row_block: 2 * row_block + 2, 2 * col_block: 2 * col_block + 2]
                lifted = u.T @ np.kron(np.eye(n_i), block) @ u
                out[row_block * 2 * n_i:(row_block + 1) * 2 * n_i,
                    col_block * 2 * n_i:(col_block + 1) * 2 * n_i] = lifted
        return out

    def ground_spin(self) -> list[np.ndarray]:
        """Electron spin of the ground state, restricted to the ground levels.

        Returns
        -------
        list of numpy.ndarray
            ``[S_x, S_y, S_z]``, each of shape (n_g, n_g), n_g = 2(2I+1), units of ħ.
        """
        g = self.ground
        return [s[np.ix_(g, g)] for s in self.spin]


_OPERATORS: dict[tuple[str, str], PumpedAtomOperators] = {}


def _operators(species: str, handedness: str) -> PumpedAtomOperators:
    key = (get_species(species).name, handedness)
    if key not in _OPERATORS:
        _OPERATORS[key] = PumpedAtomOperators(get_species(species), handedness)
    return _OPERATORS[key]


def _spin_exchange_feedback(s_ops, gamma_se: float, sparse: bool = False):
    """Mean-field spin-exchange terms of Eq. (7) as rows c_k and superoperators B_k.

    γ_se⟨S_z⟩(S₊ρS₋ − S₋ρS₊ + {ρ, S_z}) + [γ_se⟨S₊⟩(S₋ρS_z − S_zρS₋ + ½{ρ, S₋}) + H.c.].
    The extracted Eq. (7) carries a prefactor ½γ_se; with it the spin-exchange terms would not
    conserve ⟨S⟩, which the paper states they do (below Eq. 9). The prefactor γ_se restores
    that and makes the terms identical to seed 000's 4γ_se φ⟨S⟩·S (Appelt et al. 1998); the
    tests check both. ``sparse``: the B_k as a tuple of scipy.sparse arrays, built without a
    dense d² × d² array (else stacked dense, shape (3, d², d²)).
    """
    sx, sy, sz = s_ops
    sp, sm = sx + 1j * sy, sx - 1j * sy
    if sparse:
        eye = np.eye(sz.shape[0])
        pair = sparse_sprepost

        def pre(a):
            return sparse_sprepost(a, eye)

        def post(b):
            return sparse_sprepost(eye, b)
    else:
        pair, pre, post = sprepost, spre, spost
    b_z = gamma_se * (pair(sp, sm) - pair(sm, sp) + pre(sz) + post(sz))
    b_plus = gamma_se * (pair(sm, sz) - pair(sz, sm) + 0.5 * (pre(sm) + post(sm)))
    b_minus = gamma_se * (pair(sz, sp) - pair(sp, sz) + 0.5 * (pre(sp) + post(sp)))
    rows = np.stack([expectation_row(sz), expectation_row(sp), expectation_row(sm)])
    if sparse:
        return rows, (b_z, b_plus, b_minus)
    return rows, np.stack([b_z, b_plus, b_minus])


@lru_cache(maxsize=32)
def _ground_linear_terms(species: str, handedness: str, field_gauss: float, antiparallel: bool,
                         relaxation_hz: float) -> np.ndarray:
    """−i[H_hf + H_Zee, ρ_g] + γ(S·ρ_gS − ½{ρ_g, S·S}) on the ground levels (cached)."""
    atom = PumpedAtom(LightShiftParameters(species=species, handedness=handedness,
                                           field_gauss=field_gauss, antiparallel=antiparallel,
                                           relaxation_hz=relaxation_hz, spin_exchange_hz=0.0,
                                           rabi_hz=0.0))
    out = (commutator_superoperator(atom.ground_hamiltonian())
           + _relaxation(atom.operators.ground_spin(), TWO_PI * relaxation_hz))
    out.setflags(write=False)
    return out


@lru_cache(maxsize=32)
def _ground_feedback(species: str, handedness: str, spin_exchange_hz: float, treatment: str):
    """Projected spin-exchange rows and superoperators on the ground levels (cached)."""
    atom = PumpedAtom(LightShiftParameters(species=species, handedness=handedness),
                      treatment=treatment)
    rows, feedback = _spin_exchange_feedback(atom.operators.ground_spin(),
                                             TWO_PI * spin_exchange_hz)
    proj = atom.projection
    return proj.row(rows), proj.superoperator(feedback)


def _relaxation(s_ops, gamma: float) -> np.ndarray:
    """γ(S·ρS − ½{ρ, S·S}) (Eq. 7, first line)."""
    return sum(lindblad_dissipator(s, gamma) for s in s_ops)


@dataclass(frozen=True)
class PumpedAtom(Model):
    """One parameter set of seed 004 in one treatment: ``"full"``, ``"effective"`` or ``"rate"``.

    The :class:`~spinthermo.models.base.Model` verbs: ``steady_state()`` and ``evolve()`` in
    every treatment (states over all 4(2I+1) levels for ``"full"``, over the ground levels
    otherwise); ``open_system()`` for ``"full"`` only (Eqs. 1–9 with the spin-exchange terms
    as :class:`spinthermo.MeanField`), since the other treatments act on the kept blocks of ρ.

    Parameters
    ----------
    parameters : LightShiftParameters
        The physical parameters.
    treatment : str
        ``"full"``, ``"effective"``, ``"rate"`` or ``"spin-temperature"``.
    elimination : str
        ``"closed-form"`` (Eqs. 23–29) or ``"numerical"`` (adiabatic elimination of the excited
        levels).

    Examples
    --------
    >>> atom = PumpedAtom(LightShiftParameters(detuning_hz=0.0), "effective")
    >>> round(float(atom.electron_spin_z()), 3)   # ⟨S_z⟩ at Δ = 0, 100 torr N2
    0.486
    """

    # a plain (hashable, frozen) default, not a factory: the class attribute must shadow
    # Model.parameters, the abstract property this field implements
    parameters: LightShiftParameters = LightShiftParameters()
    treatment: str = "effective"
    elimination: str = "closed-form"
    #: For ``treatment="rate"`` built from another: whose pump terms it restricts.
    _source: str = field(default="effective", repr=False)

    def __post_init__(self) -> None:
        if not isinstance(self.parameters, LightShiftParameters):
            raise TypeError("parameters must be a LightShiftParameters; received "
                            f"{type(self.parameters).__name__}")
        if self.treatment not in TREATMENTS:
            raise ValueError(f"treatment must be one of {TREATMENTS}; received {self.treatment!r}")
        if self.elimination not in ("closed-form", "numerical"):
            raise ValueError("elimination must be 'closed-form' or 'numerical'; received "
                             f"{self.elimination!r}")

    # ------------------------------------------------------------------ operators
    @property
    def operators(self) -> PumpedAtomOperators:
        """The species' level operators (cached per species and handedness)."""
        return _operators(self.parameters.species, self.parameters.handedness)

    def _angular(self, value_hz: float) -> float:
        return TWO_PI * value_hz

    def hamiltonian(self) -> np.ndarray:
        """The Hamiltonian (rad/s) over the treatment's levels: for ``"full"`` H_hf + H_Zee +
        Ω H_lm (Eqs. 5–6, 8; rotating frame of the pump), for the others H_hf + H_Zee on the
        ground levels (the light shift enters their effective Liouvillian, Eq. 18).

        Returns
        -------
        numpy.ndarray
            Shape (d, d), d = 4(2I+1) for ``"full"``, 2(2I+1) otherwise; rad/s.
        """
        if self.treatment == "full":
            return self.level_hamiltonian() + self._angular(self.parameters.rabi_hz) * \
                self.operators.pump
        return self.ground_hamiltonian()

    def open_system(self) -> OpenSystemSpec:
        """Eq. (1) for :func:`spinthermo.steady_state` / :func:`spinthermo.evolve`
        (``treatment="full"``): :meth:`hamiltonian`, the collapse operators √Γ_sd of the
        spontaneous decay, √Γ_pb A_m of the quenching and √γ S_k of the electron-spin
        relaxation, and the spin exchange of Eq. (7) as three :class:`spinthermo.MeanField`
        terms ⟨S_z⟩𝒢_z, ⟨S₊⟩𝒢₊, ⟨S₋⟩𝒢₋ (:func:`_spin_exchange_feedback`).

        Returns
        -------
        OpenSystemSpec
            H (d, d) in rad/s, collapse operators (d, d) in s^(-1/2), three mean-field terms.
        """
        if self.treatment != "full":
            raise not_applicable(
                self, "open_system",
                f"the {self.treatment!r} equation acts on the kept blocks of the ground-state "
                "ρ (a secular projection), not on a whole density matrix; use "
                "PumpedAtom(parameters, 'full').open_system()")
        p, ops = self.parameters, self.operators
        c_ops = [math.sqrt(self._angular(rate_hz)) * op
                 for rate_hz, group in ((p.spontaneous_decay_hz, ops.decay),
                                        (p.pressure_broadening_hz, ops.quench),
                                        (p.relaxation_hz, ops.spin))
                 for op in group]
        sx, sy, sz = ops.spin
        _, feedback = _spin_exchange_feedback(ops.spin, self._angular(p.spin_exchange_hz))
        observables = (sz, sx + 1j * sy, sx - 1j * sy)
        mean_field = tuple(MeanField(o, g) for o, g in zip(observables, feedback, strict=True))
        return OpenSystemSpec(self.hamiltonian(), tuple(c_ops), mean_field)

    def level_hamiltonian(self) -> np.ndarray:
        """H_hf + H_Zee (Eqs. 5–6) over ground and excited levels (no pump).

        Returns
        -------
        numpy.ndarray
            Diagonal, shape (4(2I+1), 4(2I+1)), rad/s.
        """
        p, ops = self.parameters, self.operators
        n_a = ops.n_a
        energies = np.zeros(ops.dimension)
        ground_m = np.array([m for _, m in ops.ground_labels])
        larmor = self._angular(p.larmor_hz)
        energies[:n_a] = self._angular(p.atom.hyperfine_splitting_hz) + larmor * ground_m[:n_a]
        energies[n_a:ops.n_ground] = -larmor * ground_m[n_a:]
        delta_p = self._angular(p.atom.a_p12_hz * (p.atom.nuclear_spin + 0.5))
        energies[ops.n_ground:ops.n_ground + n_a] = self._angular(p.detuning_hz)
        energies[ops.n_ground + n_a:] = self._angular(p.detuning_hz) - delta_p
        return np.diag(energies).astype(complex)

    @cached_property
    def _full_parts(self):
        """(L0 without the pump, L1 = −i[H_lm, ·], feedback rows, feedback ops) of Eq. (1)."""
        p, ops = self.parameters, self.operators
        l0 = commutator_superoperator(self.level_hamiltonian())
        l0 = l0 + sum(lindblad_dissipator(j, self._angular(p.spontaneous_decay_hz))
                      for j in ops.decay)
        l0 = l0 + sum(lindblad_dissipator(a, self._angular(p.pressure_broadening_hz))
                      for a in ops.quench)
        l0 = l0 + _relaxation(ops.spin, self._angular(p.relaxation_hz))
        l1 = commutator_superoperator(self._angular(p.rabi_hz) * ops.pump)
        rows, feedback = _spin_exchange_feedback(ops.spin, self._angular(p.spin_exchange_hz))
        return l0, l1, rows, feedback

    @cached_property
    def generator(self) -> MeanFieldGenerator:
        """The mean-field generator of this treatment.

        Its coordinates are those of :attr:`projection`.
        """
        if self.treatment == "full":
            l0, l1, rows, feedback = self._full_parts
            d = self.operators.dimension
            return MeanFieldGenerator(l0 + l1, rows, feedback, trace_row(d))
        p, proj = self.parameters, self.projection
        if self.elimination == "numerical":
            linear = proj.superoperator(self._numerical_effective())
        elif self.treatment == "spin-temperature" or self._source == "spin-temperature":
            linear = proj.superoperator(self._ground_linear_terms()
                                        + spin_temperature_optical_liouvillian(p, self.operators))
        else:
            keys, stack = projected_closed_form_structure(p.atom.name, p.handedness,
                                                          self.treatment)
            linear = (proj.superoperator(self._ground_linear_terms())
                      + np.tensordot(closed_form_coefficients(p, keys), stack, 1))
        rows, feedback = _ground_feedback(p.species, p.handedness, p.spin_exchange_hz,
                                          self.treatment)
        return MeanFieldGenerator(linear, rows, feedback,
                                  proj.row(trace_row(self.operators.n_ground)))

    @cached_property
    def sparse_generator(self) -> SparseMeanFieldGenerator:
        """This treatment's generator in scipy.sparse, the form its steady state is solved in
        for ``"full"``.

        For ``"full"``, Eq. (1) built sparse from :meth:`open_system`'s parts, −i[H, ρ] +
        Σ_k D[√Γ_k L_k]ρ (:func:`~spinthermo.core.superop.sparse_liouvillian`) and the
        spin-exchange B_k of Eq. (7), never as a dense (d², d²) array (1024² for Cs);
        :attr:`generator` stays the dense form of the same equation. For the other
        treatments, the sparse copy of :attr:`generator`.
        """
        if self.treatment != "full":
            return SparseMeanFieldGenerator.from_dense(self.generator)
        p, ops = self.parameters, self.operators
        jumps, rates = [], []
        for rate_hz, group in ((p.spontaneous_decay_hz, ops.decay),
                               (p.pressure_broadening_hz, ops.quench),
                               (p.relaxation_hz, ops.spin)):
            if rate_hz > 0:
                jumps.extend(group)
                rates.extend([self._angular(rate_hz)] * len(group))
        linear = sparse_liouvillian(self.hamiltonian(), jumps, rates)
        rows, feedback = _spin_exchange_feedback(ops.spin, self._angular(p.spin_exchange_hz),
                                                 sparse=True)
        for matrix in (linear, *feedback):
            matrix.eliminate_zeros()  # exact cancellations (H_ii − H_ii) are no entries
        return SparseMeanFieldGenerator(linear, rows, feedback, trace_row(ops.dimension))

    @cached_property
    def projection(self) -> BlockProjection:
        """The kept coordinates of ρ.

        All of ρ (full), the F-diagonal ground blocks (effective, spin-temperature), or the
        populations only (rate).
        """
        ops = self.operators
        if self.treatment == "full":
            return BlockProjection.identity(ops.dimension)
        if self.treatment in ("effective", "spin-temperature"):
            return BlockProjection(ops.n_ground, (np.arange(ops.n_a),
                                                  np.arange(ops.n_a, ops.n_ground)))
        return BlockProjection(ops.n_ground, tuple(np.arange(ops.n_ground)[:, None]))

    def ground_hamiltonian(self) -> np.ndarray:
        """H_hf + H_Zee on the ground levels.

        Returns
        -------
        numpy.ndarray
            Diagonal, shape (2(2I+1), 2(2I+1)), rad/s.
        """
        g = self.operators.ground
        return self.level_hamiltonian()[np.ix_(g, g)]

    def _ground_linear_terms(self) -> np.ndarray:
        """−i[H_hf + H_Zee, ρ_g] + γ(S·ρ_gS − ½{ρ_g, S·S}) on the ground levels (Eq. 18)."""
        p = self.parameters
        return _ground_linear_terms(p.species, p.handedness, p.field_gauss, p.antiparallel,
                                    p.relaxation_hz)

    def _numerical_effective(self) -> np.ndarray:
        """𝒫L1𝒬(−𝒬L0𝒬)⁻¹𝒬L1𝒫 with 𝒬L0𝒬 holding the hyperfine energies and Γ_pb, Γ_sd only
        (the paper's approximation: ground relaxation and Zeeman shifts do not enter Δ̃)."""
        p, ops = self.parameters, self.operators
        d = ops.dimension
        energies = np.diag(self.level_hamiltonian()).copy()
        energies[:ops.n_a] = self._angular(p.atom.hyperfine_splitting_hz)  # no Zeeman shifts
        energies[ops.n_a:ops.n_ground] = 0.0
        l0_fast = commutator_superoperator(np.diag(energies))
        l0_fast = l0_fast + sum(lindblad_dissipator(j, self._angular(p.spontaneous_decay_hz))
                                for j in ops.decay)
        l0_fast = l0_fast + sum(lindblad_dissipator(a, self._angular(p.pressure_broadening_hz))
                                for a in ops.quench)
        kept = level_projection(d, ops.ground)
        # the decay of excited populations back to the ground is part of 𝒫L0𝒬; the elimination
        # needs 𝒬L0𝒫 = 0 only, which holds.
        l1 = commutator_superoperator(self._angular(p.rabi_hz) * ops.pump)
        optical = adiabatic_elimination(l0_fast, l1, kept)
        return optical - commutator_superoperator(np.diag(energies[:ops.n_ground])) \
            + self._ground_linear_terms()

    def population_equation(self) -> PumpedAtom:
        """The rate (population) restriction of this ``"effective"`` or ``"spin-temperature"``
        equation: the same parameters and pump terms on the ground populations alone.

        σ light along B creates no Zeeman coherences (Sec. III): the populations form an
        invariant subspace, and this equation's steady state, embedded, is the steady state
        of the equation it restricts.

        Returns
        -------
        PumpedAtom
            ``treatment="rate"``, on 2(2I+1) coordinates.

        Raises
        ------
        ValueError
            For the ``"full"`` and ``"rate"`` treatments.
        """
        if self.treatment not in ("effective", "spin-temperature"):
            raise ValueError(f"population_equation restricts the 'effective' or "
                             f"'spin-temperature' equation; this one is {self.treatment!r}")
        return replace(self, treatment="rate", _source=self.treatment)

    # ------------------------------------------------------------------ states
    def initial_guess(self) -> np.ndarray:
        """The unpolarised ground state (excited levels empty).

        Returns
        -------
        numpy.ndarray
            In the coordinates of :attr:`projection`, shape (n,).
        """
        ops = self.operators
        rho = np.zeros((self.projection.dimension,) * 2, dtype=complex)
        rho[ops.ground, ops.ground] = 1.0 / ops.n_ground
        return self.projection.restrict(rho)

    def initial_state(self) -> np.ndarray:
        """The unpolarised ground state over the treatment's levels, where :meth:`evolve`
        starts by default.

        Returns
        -------
        numpy.ndarray
            Density matrix, shape (d, d).
        """
        return self.projection.embed(self.initial_guess())

    @cached_property
    def steady_coordinates(self) -> np.ndarray:
        """Steady-state coordinates at the default tolerances.

        In the coordinates of :attr:`projection`; see :meth:`steady_state`.
        """
        return self._solve_steady(SteadyStateOptions())

    def _solve_steady(self, options: SteadyStateOptions) -> np.ndarray:
        """Self-consistent iteration on the mean field from ``options.initial_guess`` (default
        the unpolarised ground state), polished by Newton's method to ``options.tol``, checked
        to be a physical state.

        For the effective and spin-temperature equations the populations form an invariant
        subspace (σ light along B creates no Zeeman coherences, Sec. III) and the steady state
        is found there, in 2(2I+1) unknowns, then embedded.
        """
        if self.treatment in ("effective", "spin-temperature"):
            populations = self.population_equation()
            rates = populations.steady_coordinates if options == SteadyStateOptions() \
                and options.initial_guess is None else populations._solve_steady(options)
            return self.projection.restrict(populations.projection.embed(rates))
        guess = self.initial_guess() if options.initial_guess is None else \
            self.projection.restrict(np.asarray(options.initial_guess, dtype=complex))
        if self.treatment == "full":  # 4(2I+1)² coordinates, ~1 % non-zero: sparse LU
            x = sparse_mean_field_steady_state(self.sparse_generator, guess, tol=options.tol,
                                               max_iterations=options.max_iterations).state
        else:
            start = self_consistent_steady_state(self.generator, guess).state
            x = steady_state(self.generator, start, tol=options.tol,
                             max_iterations=options.max_iterations).state
        rho = self.projection.embed(x)
        lowest = float(np.min(np.linalg.eigvalsh(0.5 * (rho + rho.conj().T))))
        if lowest < -POSITIVITY_TOLERANCE:
            raise SteadyStateError(
                f"the {self.treatment} steady state at detuning_hz={self.parameters.detuning_hz:g} "
                f"is not a physical state (smallest eigenvalue {lowest:.2e})"
            )
        return x

    def steady_state(self, *, options: SteadyStateOptions | None = None) -> SteadyStateResult:
        """The steady state of this treatment's equation (Eq. 1 full, Eq. 18 effective) as a
        density matrix over its levels, with the residual ``max|dx/dt| / max|𝓛|`` (model's fast
        path: self-consistent iteration, then Newton; the population subspace for the
        effective equations).

        Parameters
        ----------
        options : SteadyStateOptions or None
            ``tol``, ``max_iterations``, ``initial_guess``; None: the defaults.

        Returns
        -------
        SteadyStateResult
            Density matrix (d, d) over the treatment's levels, with its residual.
        """
        options = steady_state_options(options)
        started = time.perf_counter()
        default = options == SteadyStateOptions() and options.initial_guess is None
        x = self.steady_coordinates if default else self._solve_steady(options)
        if self.treatment == "full":  # the residual of the sparse generator it was solved in
            solution = SteadyStateSolution(x, self.sparse_generator.relative_residual(x), 0)
            return steady_state_result(solution, options, self.projection.embed, started,
                                       method="self-consistent+newton")
        return steady_state_at(self.generator, x, options, started, method="self-consistent+newton",
                               embed=self.projection.embed)

    def evolve(self, times, initial_state=None, *,
               options: EvolveOptions | None = None) -> EvolutionResult:
        """ρ(t) at ``times`` (s) over the treatment's levels from ρ(times[0]) =
        ``initial_state`` (default :meth:`initial_state`; entries outside the treatment's
        kept blocks are dropped), integrating this treatment's mean-field equation.

        Parameters
        ----------
        times, initial_state, options
            As for :meth:`spinthermo.models.base.Model.evolve`.

        Returns
        -------
        EvolutionResult
            Density matrices, shape (n_t, d, d).
        """
        rho0 = self.initial_state() if initial_state is None else initial_state
        x0 = self.projection.restrict(np.asarray(rho0, dtype=complex))
        return evolve_generator(self.generator, x0, times, options, embed=self.projection.embed)

    def density_matrix(self, coordinates=None) -> np.ndarray:
        """The steady (or given) state as a density matrix over the treatment's levels.

        Parameters
        ----------
        coordinates : array_like or None
            Coordinates of :attr:`projection`, shape (..., n); None: the steady state.

        Returns
        -------
        numpy.ndarray
            Shape (..., d, d).
        """
        x = self.steady_coordinates if coordinates is None else coordinates
        return self.projection.embed(x)

    def ground_density_matrix(self) -> np.ndarray:
        """The steady state restricted to the ground levels.

        Returns
        -------
        numpy.ndarray
            Shape (2(2I+1), 2(2I+1)).
        """
        rho = self.density_matrix()
        g = self.operators.ground
        return rho[np.ix_(g, g)]

    def populations(self) -> np.ndarray:
        """Ground-level populations of the steady state.

        Returns
        -------
        numpy.ndarray
            Shape (2(2I+1),), in the order of ``operators.ground_labels``.
        """
        return np.real(np.diag(self.ground_density_matrix()))

    def electron_spin_z(self) -> float:
        """⟨S_z⟩ of the steady state (Fig. 2); the polarisation is P = 2⟨S_z⟩.

        Returns
        -------
        float
            ⟨S_z⟩ in [−½, ½], units of ħ.
        """
        rho = self.density_matrix()
        s_z = self.operators.spin[2] if self.treatment == "full" else \
            self.operators.ground_spin()[2]
        return float(np.real(np.trace(s_z @ rho)))

    # ------------------------------------------------------------------ response
    def response(self) -> LinearResponse:
        """Linear response to B_x cos ωt (Eqs. 33–39) around the steady state.

        Returns
        -------
        LinearResponse
            ρ₊(ω) = −(L̄0 + L̄0⁽⁺⁾ − iω)⁻¹ L̄1′⁽⁺⁾ρ⁽⁰⁾ (Eq. 39) through the eigenmodes of the
            Jacobian of this treatment's generator at the steady state (coordinates of
            :attr:`projection`), driven by −(i/2)γ_e B_x[S_x, ρ⁽⁰⁾] with B_x =
            ``rf_field_gauss``.

        Raises
        ------
        ValueError
            For ``treatment="rate"`` (no coherences) or ``field_gauss`` = 0 (no Larmor line).
        """
        p = self.parameters
        require_range("field_gauss", p.field_gauss, 0.0, math.inf, low_inclusive=False, unit="G",
                      reason="the response is probed at the Larmor frequency γ_e B/(2I+1)")
        s_ops = self._spin()
        if self.treatment == "rate":
            raise ValueError("the rate-equation treatment keeps no coherences; use 'effective' "
                             "for the response")
        b_x = self._angular(ELECTRON_GYROMAGNETIC_HZ_PER_GAUSS * p.rf_field_gauss)
        drive_super = -0.5j * b_x * (spre(s_ops[0]) - spost(s_ops[0]))
        drive = self.projection.superoperator(drive_super) @ self.steady_coordinates
        return LinearResponse.from_generator(self.generator, self.steady_coordinates, drive)

    def _spin(self) -> list[np.ndarray]:
        """Electron spin (S_x, S_y, S_z) over the treatment's levels."""
        return self.operators.spin if self.treatment == "full" else self.operators.ground_spin()

    def transverse_signal(self, response: LinearResponse, omega) -> np.ndarray:
        """⟨S_x⁺⟩(ω) = 2 Tr[S_x ρ₊] (Eq. 40).

        Parameters
        ----------
        response : LinearResponse
            From :meth:`response`.
        omega : float or array_like
            Probe angular frequency ω (rad/s), any shape.

        Returns
        -------
        numpy.ndarray
            Complex ⟨S_x⁺⟩(ω), the shape of ``omega`` (dimensionless, per the drive B_x).
        """
        row = self.projection.row(expectation_row(self._spin()[0]))
        return 2.0 * response.observable(row, omega)

    def _search_window(self, search_half_width_hz: float | None) -> tuple[float, float, float]:
        """(``|ω_L|``, low, high) in rad/s: the window ``|ω_L| ± w`` searched for the line."""
        p = self.parameters
        if search_half_width_hz is not None:
            require_range("search_half_width_hz", search_half_width_hz, 0.0, abs(p.larmor_hz),
                          low_inclusive=False, unit="Hz",
                          reason="the window ω_L ± w must stay at positive frequency")
        larmor = abs(self._angular(p.larmor_hz))
        width = self._angular(search_half_width_hz) if search_half_width_hz else 0.5 * larmor
        return larmor, larmor - width, larmor + width

    def transverse_poles(self, response: LinearResponse) -> tuple[np.ndarray, np.ndarray]:
        """Poles λ_k and residues r_k of the response, Re⟨S_x⁺⟩(ω) = Re(−Σ_k r_k/(λ_k − iω)).

        ⟨S_x⁺⟩(ω) = 2 Tr[S_x ρ₊] (Eq. 40) with ρ₊ = −Σ_k V_k (V⁻¹d)_k/(λ_k − iω) (Eq. 39),
        so r_k = 2 (s_x·V_k)(V⁻¹d)_k over the eigenmodes V_k of ``response``.

        Parameters
        ----------
        response : LinearResponse
            From :meth:`response`.

        Returns
        -------
        eigenvalues : numpy.ndarray
            λ_k, complex, s⁻¹, shape (m,) for the m modes the drive reaches.
        residues : numpy.ndarray
            r_k, complex, s⁻¹ (per unit drive B_x), shape (m,).
        """
        row = np.asarray(self.projection.row(expectation_row(self._spin()[0])))
        residues = 2.0 * (row[response.support] @ response.modes) * response.drive_in_modes
        return response.eigenvalues, residues

    def _read_line(self, eigenvalues: np.ndarray, residues: np.ndarray, low: float,
                   high: float) -> tuple[float, float]:
        """(light shift, line width) in Hz of the line Re(−Σ r_k/(λ_k − iω)) in
        ``[low, high]`` (rad/s) by :func:`read_dispersive_lines`, the reading the batch path
        of the sweep shares; ``ValueError`` where the line cannot be read."""
        reading = read_dispersive_lines(eigenvalues[None, :], residues[None, :],
                                        np.array([low]), np.array([high]))
        problem = reading.problem(0)
        if problem is not None:
            raise ValueError(f"the line of Re⟨S_x⁺⟩(ω) in {low / TWO_PI:g}–{high / TWO_PI:g} Hz "
                             f"cannot be read: {problem}")
        shift = reading.light_shift_hz(np.array([self.parameters.larmor_hz]))
        return float(shift[0]), float(reading.linewidth_hz[0])

    def light_shift_and_linewidth(self, search_half_width_hz: float | None = None
                                  ) -> tuple[float, float]:
        """Light shift and line width of the whole response Re⟨S_x⁺⟩(ω), Sec. IV.

        Parameters
        ----------
        search_half_width_hz : float or None
            Half width w (Hz) of the window ``|ω_L| ± w`` searched, in (0, ``|larmor_hz|``];
            ``None`` gives ``|larmor_hz|/2``.

        Returns
        -------
        light_shift_hz : float
            ω₀ − ω_L (Hz): the zero crossing ω₀ of Re⟨S_x⁺⟩(ω) between its global extrema,
            relative to the Larmor frequency, with the sign of ``larmor_hz``.
        linewidth_hz : float
            w (Hz): half the distance between the global maximum and minimum of Re⟨S_x⁺⟩(ω).

        Raises
        ------
        ValueError
            Where the line cannot be read (:data:`LINE_PROBLEMS`).

        Notes
        -----
        The line is read from the poles of the response (:meth:`transverse_poles`) by
        :func:`read_dispersive_lines`: each extremum is a root of the analytic slope, found
        to rounding, the reading the batch of the ``light-shift`` sweep shares. Where the
        response holds two resolved lines the global extrema may belong to different lines;
        :meth:`zeeman_lines` reads each hyperfine multiplet's line on its own.
        """
        _, low, high = self._search_window(search_half_width_hz)
        return self._read_line(*self.transverse_poles(self.response()), low, high)

    def zeeman_lines(self, search_half_width_hz: float | None = None) -> dict[str, np.ndarray]:
        """Light shift and line width of the F = a and the F = b Zeeman line, each on its own.

        Re⟨S_x⁺⟩(ω) = −Re Σ_k r_k/(λ_k − iω) over the eigenmodes λ_k of the linearised
        generator L̄0 + L̄0⁽⁺⁾ on the Δm = ±1 coherences (Eq. 39). Each mode belongs to the
        hyperfine multiplet that carries most of its eigenvector's norm (its
        ``|F M⟩⟨F, M ± 1|`` coordinates); the line of multiplet F is the response of its
        modes alone, read as the paper reads the whole response (zero crossing and extrema,
        :meth:`light_shift_and_linewidth`). A multiplet's line is continuous in the detuning
        even where the two lines are resolved and their extrema trade places in the sum.

        Parameters
        ----------
        search_half_width_hz : float or None
            As for :meth:`light_shift_and_linewidth`.

        Returns
        -------
        dict
            ``"light_shift_hz"`` and ``"linewidth_hz"``: float arrays of shape (2,) for
            (F = a, F = b), Hz, NaN where a multiplet's response has no sign change between its
            extrema; ``"mode_decay_hz"``: shape (2,), −Re λ/2π (Hz) of each multiplet's mode
            of largest weight; ``"weight"``: shape (2,), ``Σ|r_k|`` of each multiplet's modes
            relative to ``Σ|r_k|`` over all modes in the window.
        """
        _, low, high = self._search_window(search_half_width_hz)
        resp = self.response()
        ops = self.operators
        eigenvalues, residues = self.transverse_poles(resp)
        kept = self.projection.kept[resp.support]
        d = self.projection.dimension
        in_a = (kept % d < ops.n_a) & (kept // d < ops.n_a)
        norm_a = np.sum(np.abs(resp.modes[in_a]) ** 2, axis=0)
        belongs_to_a = norm_a > 0.5 * np.sum(np.abs(resp.modes) ** 2, axis=0)
        in_window = (eigenvalues.imag >= low) & (eigenvalues.imag <= high)
        total = np.sum(np.abs(residues[in_window]))
        out = {k: np.full(2, math.nan) for k in ("light_shift_hz", "linewidth_hz",
                                                  "mode_decay_hz", "weight")}
        for i, members in enumerate((belongs_to_a, ~belongs_to_a)):
            if not np.any(members):
                continue
            lam, r = eigenvalues[members], residues[members]
            out["weight"][i] = np.sum(np.abs(r[(lam.imag >= low) & (lam.imag <= high)])) / total
            out["mode_decay_hz"][i] = -lam[np.argmax(np.abs(r))].real / TWO_PI
            try:
                out["light_shift_hz"][i], out["linewidth_hz"][i] = self._read_line(
                    lam, r, low, high)
            except ValueError:
                pass
        return out


#: Probe frequencies of the scan of Re⟨S_x⁺⟩(ω) over the search window whose largest and
#: smallest samples bracket the line's extrema (:func:`read_dispersive_lines`).
LINE_SCAN_POINTS = 801
#: Absolute tolerance (rad/s) of the Brent root searches that read a line, added to their
#: relative tolerance 4ε (``scipy.optimize.brentq``'s ``rtol``; :func:`read_dispersive_lines`);
#: at the window's ω ≥ ``|ω_L|``/2 the relative term dominates for ``|ω_L|`` > 2π·360 Hz.
LINE_XTOL = 1e-12
#: Lines whose scans are evaluated together, in (lines, 801, modes) float temporaries of
#: ~6 MB each for the 28 Δm = ±1 modes of Cs.
LINE_SCAN_BLOCK = 32
#: Why a line cannot be read, indexed by the status of its reading (0 where it is read;
#: :attr:`LineReading.status`).
LINE_PROBLEMS = (
    None,
    "the scanned signal is not finite",
    "Re⟨S_x⁺⟩ has no maximum inside the scan step around its largest sample (its slope "
    "does not fall through zero there, and the window's edge is not the maximum)",
    "Re⟨S_x⁺⟩ has no minimum inside the scan step around its smallest sample (its slope "
    "does not rise through zero there, and the window's edge is not the minimum)",
    "no sign change of the response between its extrema",
)


@dataclass(frozen=True)
class LineReading:
    """Extrema and zero crossing of a batch of dispersive lines, by :func:`read_dispersive_lines`.

    Parameters
    ----------
    crossing : numpy.ndarray
        Zero crossing ω₀ of each line between its extrema, rad/s, shape (B,); NaN where the
        line is not read.
    maximum : numpy.ndarray
        Location of the maximum of each line, rad/s, shape (B,).
    minimum : numpy.ndarray
        Location of the minimum of each line, rad/s, shape (B,).
    status : numpy.ndarray
        Per line, 0 where it is read, else the index of its problem in :data:`LINE_PROBLEMS`;
        int, shape (B,).
    """

    crossing: np.ndarray
    maximum: np.ndarray
    minimum: np.ndarray
    status: np.ndarray

    @property
    def read(self) -> np.ndarray:
        """Mask of the lines read, shape (B,)."""
        return self.status == 0

    @property
    def linewidth_hz(self) -> np.ndarray:
        """Half the distance between each line's extrema, ``|ω_max − ω_min|/4π``, Hz, (B,)."""
        return np.abs(self.maximum - self.minimum) / 2 / TWO_PI

    def light_shift_hz(self, larmor_hz) -> np.ndarray:
        """Light shift ±(ω₀ − ``|ω_L|``)/2π of each line, Sec. IV below Eq. (40).

        Parameters
        ----------
        larmor_hz : array_like
            Larmor frequency ω_L/2π of each line, Hz, shape (B,) (or a scalar); its sign is
            the shift's (``LightShiftParameters.larmor_hz``).

        Returns
        -------
        numpy.ndarray
            Light shift, Hz, shape (B,).
        """
        larmor_hz = np.asarray(larmor_hz, dtype=float)
        sign = np.where(larmor_hz >= 0, 1.0, -1.0)
        return sign * (self.crossing - np.abs(TWO_PI * larmor_hz)) / TWO_PI

    def problem(self, k: int) -> str | None:
        """Why line ``k`` is not read.

        Parameters
        ----------
        k : int
            Index of the line, in [0, B).

        Returns
        -------
        str or None
            The problem (:data:`LINE_PROBLEMS`), None where the line is read.
        """
        return LINE_PROBLEMS[int(self.status[k])]


def dispersive_signal(eigenvalues: np.ndarray, residues: np.ndarray,
                      omega: np.ndarray) -> np.ndarray:
    """Re(−Σ_k r_k/(λ_k − iω)) per line: Re⟨S_x⁺⟩(ω) of Eq. (40) in pole form.

    Parameters
    ----------
    eigenvalues : numpy.ndarray
        Poles λ_k, complex, s⁻¹, shape (B, m).
    residues : numpy.ndarray
        Residues r_k, complex, shape (B, m) (:meth:`PumpedAtom.transverse_poles`).
    omega : numpy.ndarray
        Probe angular frequencies, rad/s, shape (B,) or (B, G).

    Returns
    -------
    numpy.ndarray
        The signal, float, the shape of ``omega``.
    """
    if omega.ndim == 2:
        eigenvalues, residues = eigenvalues[:, None, :], residues[:, None, :]
    return np.real(-np.sum(residues / (eigenvalues - 1j * omega[..., None]), axis=-1))


def dispersive_slope(eigenvalues: np.ndarray, residues: np.ndarray,
                     omega: np.ndarray) -> np.ndarray:
    """d/dω of :func:`dispersive_signal`, Re(−Σ_k i r_k/(λ_k − iω)²), analytic.

    Parameters
    ----------
    eigenvalues : numpy.ndarray
        Poles λ_k, complex, s⁻¹, shape (B, m).
    residues : numpy.ndarray
        Residues r_k, complex, shape (B, m).
    omega : numpy.ndarray
        Probe angular frequencies, rad/s, shape (B,).

    Returns
    -------
    numpy.ndarray
        The slope, float, per rad/s, shape (B,).
    """
    inverse = 1.0 / (eigenvalues - 1j * omega[:, None])
    return np.imag(np.sum(residues * (inverse * inverse), axis=-1))  # Re(−iw) = Im w


def _scan(eigenvalues: np.ndarray, residues: np.ndarray, omega: np.ndarray) -> np.ndarray:
    """:func:`dispersive_signal` on a scan ``omega`` of shape (B, G) in real arithmetic: with
    λ = α + iβ and r = u + iv, −Σ_k (u_k α_k − v_k (β_k − ω))/(α_k² + (β_k − ω)²) (the scan
    only brackets the extrema)."""
    alpha, beta = eigenvalues.real[:, None, :], eigenvalues.imag[:, None, :]
    u, v = residues.real[:, None, :], residues.imag[:, None, :]
    offset = beta - omega[..., None]
    numerator = v * offset
    numerator += u * alpha
    offset *= offset
    offset += alpha * alpha
    numerator /= offset
    return -np.sum(numerator, axis=-1)


def read_dispersive_lines(eigenvalues, residues, low, high) -> LineReading:
    """Extrema and zero crossing of Re⟨S_x⁺⟩(ω) = Re(−Σ_k r_k/(λ_k − iω)) for B lines at once,
    the paper's reading of the magnetic-resonance line (Sec. IV below Eq. 40).

    Each line is scanned on :data:`LINE_SCAN_POINTS` frequencies over its window; each
    extremum is the root of the analytic slope (:func:`dispersive_slope`) in the scan step
    around the largest (smallest) sample, and the crossing ω₀ the root of the signal between
    the two extrema, all by Brent's method (:func:`~spinthermo.core.response.brent_root`,
    ``scipy.optimize.brentq``'s steps, rtol = 4ε, xtol = :data:`LINE_XTOL`). A root of the
    slope is well conditioned where a bounded minimisation is not (a flat extremum locates to
    √ε only), so readings of one line by arithmetic that differs in its last bits (another
    evaluation order, the batch of the sweep) agree to rounding.

    Parameters
    ----------
    eigenvalues : array_like
        Poles λ_k of each line, complex, s⁻¹, shape (B, m).
    residues : array_like
        Residues r_k, complex, shape (B, m) (:meth:`PumpedAtom.transverse_poles`).
    low : array_like
        Lower end of each line's window, rad/s, > 0, shape (B,).
    high : array_like
        Upper end of each line's window, rad/s, > ``low``, shape (B,).

    Returns
    -------
    LineReading
        Crossings and extrema (rad/s) and the status of every line.

    Raises
    ------
    ValueError
        For shapes that do not match or a window not within 0 < low < high.

    Notes
    -----
    The slope must fall through zero (rise, for the minimum) across the step around the
    extreme sample. Where it does not and that step ends at the window's edge, with the
    signal falling away from the edge into the window (rising, for the minimum), the
    extremum over the window is the edge itself, which is returned; otherwise the line is
    not read (status 2 or 3, :data:`LINE_PROBLEMS`).
    """
    eigenvalues = np.asarray(require_numeric("eigenvalues", eigenvalues), dtype=complex)
    residues = np.asarray(require_numeric("residues", residues), dtype=complex)
    low = np.asarray(require_finite("low", low), dtype=float)
    high = np.asarray(require_finite("high", high), dtype=float)
    if eigenvalues.ndim != 2 or residues.shape != eigenvalues.shape \
            or low.shape != high.shape or low.shape != eigenvalues.shape[:1]:
        raise ValueError(f"eigenvalues and residues must have one shape (B, m) and low, high "
                         f"the shape (B,); received {eigenvalues.shape}, {residues.shape}, "
                         f"{low.shape} and {high.shape}")
    if not np.all((low > 0) & (high > low)):
        raise ValueError("each window must satisfy 0 < low < high (rad/s); received "
                         f"low {low[~((low > 0) & (high > low))][:3]} with high "
                         f"{high[~((low > 0) & (high > low))][:3]}")
    n_lines = low.size
    grid = np.linspace(low, high, LINE_SCAN_POINTS, axis=-1)
    i_max = np.empty(n_lines, dtype=int)
    i_min = np.empty(n_lines, dtype=int)
    finite = np.ones(n_lines, dtype=bool)
    for start in range(0, n_lines, LINE_SCAN_BLOCK):
        part = slice(start, start + LINE_SCAN_BLOCK)
        values = _scan(eigenvalues[part], residues[part], grid[part])
        i_max[part], i_min[part] = np.argmax(values, axis=1), np.argmin(values, axis=1)
        finite[part] = np.all(np.isfinite(values), axis=1)
    step = grid[:, 1] - grid[:, 0]
    rows = np.arange(n_lines)

    def signal(omega, lines):
        return dispersive_signal(eigenvalues[lines], residues[lines], omega)

    def slope(omega, lines):
        return dispersive_slope(eigenvalues[lines], residues[lines], omega)

    maximum = _extremum(slope, grid[rows, i_max], step, low, high, 1.0)
    minimum = _extremum(slope, grid[rows, i_min], step, low, high, -1.0)
    crossing, found = brent_root(signal, np.minimum(maximum, minimum),
                                 np.maximum(maximum, minimum), LINE_XTOL)
    status = np.select([~finite, np.isnan(maximum), np.isnan(minimum), ~found], [1, 2, 3, 4], 0)
    return LineReading(crossing, maximum, minimum, status)


def _extremum(slope, centre: np.ndarray, step: np.ndarray, low: np.ndarray, high: np.ndarray,
              sign: float) -> np.ndarray:
    """The maximum (``sign`` = 1) or minimum (−1) of each line near ``centre`` (rad/s): the
    root of ``slope`` in ``[centre − step, centre + step]`` within the window, or the window's
    edge (:func:`read_dispersive_lines`, Notes); NaN where there is neither."""
    a, b = np.maximum(low, centre - step), np.minimum(high, centre + step)
    lines = np.arange(a.size)
    slope_a, slope_b = slope(a, lines), slope(b, lines)
    through_zero = (sign * slope_a >= 0) & (sign * slope_b <= 0)
    root, found = brent_root(slope, a, b, LINE_XTOL, np.where(through_zero, slope_a, np.nan),
                             np.where(through_zero, slope_b, np.nan))
    at_low = ~found & (a == low) & (sign * slope_a <= 0)
    at_high = ~found & (b == high) & (sign * slope_b >= 0)
    return np.where(found, root, np.where(at_low, a, np.where(at_high, b, np.nan)))


def _cg_component(nuclear_spin: float, f: float, n: int, m: float) -> float:
    """CG_F(n, M) = ⟨I, M − s_n; ½, s_n | F M⟩ with s_1 = +½, s_2 = −½ (Eq. 29)."""
    s_n = 0.5 if n == 1 else -0.5
    if abs(m) > f + 1e-9 or abs(m - s_n) > nuclear_spin + 1e-9:
        return 0.0
    return clebsch_gordan(nuclear_spin, m - s_n, 0.5, s_n, f, m)


def _detunings(p: LightShiftParameters) -> dict[tuple[float, float], complex]:
    """Δ̃_FF′ = Δ_FF′ − iΓ_pb (Eq. 28), rad/s, keyed by (ground F, excited F′)."""
    i_spin = p.atom.nuclear_spin
    a, b = i_spin + 0.5, i_spin - 0.5
    delta = TWO_PI * p.detuning_hz
    d_s = TWO_PI * p.atom.hyperfine_splitting_hz
    d_p = TWO_PI * p.atom.a_p12_hz * (i_spin + 0.5)
    gamma = TWO_PI * p.pressure_broadening_hz
    detuning = {(a, a): delta - d_s, (a, b): delta - d_s - d_p, (b, a): delta,
                (b, b): delta - d_p}
    return {k: v - 1j * gamma for k, v in detuning.items()}


@lru_cache(maxsize=16)
def _closed_form_structure(species: str, handedness: str):
    """Detuning-independent parts of Eqs. (23)–(27): Eq. (18)'s pump terms are
    Σ_k c_k(Δ̃) S_k with c_k one of 1/(Δ̃_FF1 Δ̃*_FF2) ("pair") or 1/(iΔ̃_FF′) and its
    conjugate ("single"); returns {key: S_k} with S_k the column-stacked superoperator."""
    atom = get_species(species)
    i_spin = atom.nuclear_spin
    a, b = i_spin + 0.5, i_spin - 0.5
    ops = _operators(species, "left")
    index = {label: k for k, label in enumerate(ops.ground_labels)}
    n_g = ops.n_ground
    structure: dict[tuple, np.ndarray] = {}

    def cg(f, n, m):
        return _cg_component(i_spin, f, n, m)

    def add(key, weight, src, dst, src2, dst2):
        """weight · |dst⟩⟨src| ρ |src2⟩⟨dst2| in column-stacked form."""
        if weight == 0 or dst not in index or dst2 not in index:
            return
        if key not in structure:
            structure[key] = np.zeros((n_g * n_g, n_g * n_g), dtype=complex)
        structure[key][index[dst] + n_g * index[dst2], index[src] + n_g * index[src2]] += weight

    levels = ops.ground_labels
    for f, m in levels:
        for f2, m2 in levels:
            if f2 != f or cg(f, 2, m) * cg(f, 2, m2) == 0:
                continue
            g2 = cg(f, 2, m) * cg(f, 2, m2)
            for fp in (a, b):
                # n = 1 (Eq. 23): quench by A_0 keeps the excited F′
                add(("pair", f, fp, fp), g2 * cg(fp, 1, m + 1) * cg(fp, 1, m2 + 1),
                    (f, m), (fp, m + 1), (f, m2), (fp, m2 + 1))
                for f1 in (a, b):
                    for f3 in (a, b):
                        # n = 2 (Eq. 24) and n = 3 (Eq. 25): excited multiplets interfere
                        add(("pair", f, f1, f3),
                            g2 * cg(fp, 2, m) * cg(fp, 2, m2) * cg(f1, 1, m + 1) ** 2
                            * cg(f3, 1, m2 + 1) ** 2, (f, m), (fp, m), (f, m2), (fp, m2))
                        add(("pair", f, f1, f3),
                            g2 * cg(fp, 1, m + 2) * cg(fp, 1, m2 + 2) * cg(f1, 1, m + 1)
                            * cg(f1, 2, m + 1) * cg(f3, 1, m2 + 1) * cg(f3, 2, m2 + 1),
                            (f, m), (fp, m + 2), (f, m2), (fp, m2 + 2))
    for f, m in levels:
        for f2, m2 in levels:
            if f2 != f:
                continue
            k = index[(f, m)] + n_g * index[(f, m2)]
            for fp in (a, b):
                # −(Γ⁽⁴⁾_FM + Γ⁽⁴⁾*_FM′) J_FM ρ J_FM′ (Eqs. 22, 26)
                for key, mm in ((("single", f, fp), m), (("single*", f, fp), m2)):
                    weight = -cg(f, 2, mm) ** 2 * cg(fp, 1, mm + 1) ** 2
                    if weight:
                        structure.setdefault(key, np.zeros((n_g * n_g,) * 2, dtype=complex))
                        structure[key][k, k] += weight
    if handedness == "right":
        perm = np.array([index[(f, -m)] + n_g * index[(f2, -m2)]
                         for f2, m2 in levels for f, m in levels])
        structure = {k: v[np.ix_(perm, perm)] for k, v in structure.items()}
    for value in structure.values():
        value.setflags(write=False)
    return structure


def closed_form_coefficients(p: LightShiftParameters, keys) -> np.ndarray:
    """The coefficients c_k(Δ̃) of the pump terms Σ_k c_k S_k of Eq. (18), Eqs. (23)–(29).

    Each is one of Γ_pb Ω²/(Δ̃_FF1 Δ̃*_FF2) (key ``("pair", F, F1, F2)``), Ω²/(iΔ̃_FF′)
    (``("single", F, F′)``) or its conjugate (``("single*", F, F′)``), with Δ̃ of Eq. (28).

    Parameters
    ----------
    p : LightShiftParameters
        The parameter set (Ω, Δ, Γ_pb, the species' splittings).
    keys : sequence of tuple
        Keys of the structures, as :func:`projected_closed_form_structure` returns them.

    Returns
    -------
    numpy.ndarray
        c_k, complex, rad/s, shape (len(keys),).
    """
    tilde = _detunings(p)
    omega2 = (TWO_PI * p.rabi_hz) ** 2
    gamma = TWO_PI * p.pressure_broadening_hz
    out = np.empty(len(keys), dtype=complex)
    for i, (kind, f, f1, *rest) in enumerate(keys):
        if kind == "pair":
            out[i] = gamma * omega2 / (tilde[(f, f1)] * np.conj(tilde[(f, rest[0])]))
        elif kind == "single":
            out[i] = omega2 / (1j * tilde[(f, f1)])
        else:
            out[i] = np.conj(omega2 / (1j * tilde[(f, f1)]))
    return out


@lru_cache(maxsize=32)
def projected_closed_form_structure(species: str, handedness: str, treatment: str
                                    ) -> tuple[tuple, np.ndarray]:
    """The detuning-independent structures S_k of Eq. (18)'s pump terms Σ_k c_k S_k
    (Eqs. 23–27), restricted to a treatment's coordinates (cached, read-only).

    Parameters
    ----------
    species : str
        Alkali isotope, e.g. ``"133Cs"``.
    handedness : str
        ``"left"`` (σ⁺) or ``"right"`` (σ⁻).
    treatment : str
        ``"effective"``, ``"spin-temperature"`` or ``"rate"``: whose
        :attr:`PumpedAtom.projection` restricts them.

    Returns
    -------
    keys : tuple of tuple
        The keys of the coefficients (:func:`closed_form_coefficients`), K of them.
    structures : numpy.ndarray
        S_k on the kept coordinates, complex, dimensionless, shape (K, n, n).
    """
    structure = _closed_form_structure(species, handedness)
    keys = tuple(structure)
    projection = PumpedAtom(LightShiftParameters(species=species, handedness=handedness),
                            treatment=treatment).projection
    stack = np.stack([projection.superoperator(structure[k]) for k in keys])
    stack.setflags(write=False)
    return keys, stack


def closed_form_optical_liouvillian(p: LightShiftParameters,
                                    ops: PumpedAtomOperators | None = None) -> np.ndarray:
    """The pump terms of Eq. (18) on the ground levels from the rates of Eqs. (23)–(29).

    Σ_n Σ Γ⁽ⁿ⁾_{FMF′M′} J⁽ⁿ⁾_{FF′M} ρ J⁽ⁿ⁾†_{FF′M′} − Σ (Γ⁽⁴⁾_FM + Γ⁽⁴⁾*_FM′) J_FM ρ J_FM′ for
    σ⁺ light; σ⁻ light is its mirror image M → −M. Neglects Γ_sd (the paper assumes
    Γ_sd/2 ≪ Γ_pb) and coherences between the ground multiplets.

    Parameters
    ----------
    p : LightShiftParameters
        The parameter set.
    ops : PumpedAtomOperators or None
        Unused (the structure is cached per species); kept for the signature of
        :func:`spin_temperature_optical_liouvillian`.

    Returns
    -------
    numpy.ndarray
        Column-stacked superoperator over all ground levels, shape (n_g², n_g²), s⁻¹.
    """
    structure = _closed_form_structure(p.atom.name, p.handedness)
    keys = tuple(structure)
    coefficients = closed_form_coefficients(p, keys)
    return sum(c * structure[k] for c, k in zip(coefficients, keys, strict=True))


def optical_pumping_rate_and_light_shift(p: LightShiftParameters) -> tuple[float, float]:
    """Γ_OP and Δ_LS (rad/s) of Eqs. (31)–(32) for Γ_pb ≫ Δ_S, Δ_P.

    Γ_OP = η²Γ/(Γ² + Δ²) and Δ_LS = +η²Δ/(Γ² + Δ²) with η = Ω, fixed by the Γ_pb → ∞ limit of
    Eq. (18): the absorbing electron-spin state is excited at 2Ω²Γ/(Γ² + Δ²) and half of the
    quenching (A₀) flips the spin, so the net transfer is Ω²Γ/(Γ² + Δ²); its AC Stark shift
    −Ω²Δ/(Γ² + Δ²), written as Δ_LS S_z, gives the light shift. The extracted Eq. (32) has the
    opposite sign, which does not follow from Eq. (18) with the detuning of Eq. (5); the tests
    check ours against the closed-form effective equation at Γ_pb ≫ Δ_S.

    Parameters
    ----------
    p : LightShiftParameters
        The parameter set (Ω, Γ_pb, Δ).

    Returns
    -------
    tuple of float
        ``(Γ_OP, Δ_LS)``, s⁻¹ and rad/s.
    """
    omega2 = (TWO_PI * p.rabi_hz) ** 2
    gamma = TWO_PI * p.pressure_broadening_hz
    delta = TWO_PI * p.detuning_hz
    denominator = gamma**2 + delta**2
    return omega2 * gamma / denominator, omega2 * delta / denominator


def spin_temperature_optical_liouvillian(p: LightShiftParameters,
                                        ops: PumpedAtomOperators) -> np.ndarray:
    """Γ_OP[S₊ρS₋ + S_zρS_z + ½{S_z, ρ} − ¾ρ] − iΔ_LS[S_z, ρ] (Eq. 30; σ⁻: S₊ ↔ S₋, S_z → −S_z).

    Parameters
    ----------
    p : LightShiftParameters
        The parameter set; Γ_OP and Δ_LS from :func:`optical_pumping_rate_and_light_shift`.
    ops : PumpedAtomOperators
        The operators (ground-state electron spin).

    Returns
    -------
    numpy.ndarray
        Column-stacked superoperator over the ground levels, shape (n_g², n_g²), s⁻¹.
    """
    sx, sy, sz = ops.ground_spin()
    sign = 1.0 if p.handedness == "left" else -1.0
    raise_ = sx + 1j * sign * sy
    sz = sign * sz
    rate, shift = optical_pumping_rate_and_light_shift(p)
    n = ops.n_ground
    identity = np.eye(n * n)
    pumping = (sprepost(raise_, raise_.conj().T) + sprepost(sz, sz)
               + 0.5 * (spre(sz) + spost(sz)) - 0.75 * identity)
    return rate * pumping + shift * commutator_superoperator(sz)


def single_coherence_estimate(p: LightShiftParameters, electron_spin_z: float) -> dict[str, float]:
    """Analytic estimates of Sec. IV for the coherence ``|a, a−1⟩⟨a, a|`` (Hz).

    Parameters
    ----------
    p : LightShiftParameters
        The parameter set; Γ_sd is neglected, as in Sec. IV.
    electron_spin_z : float
        ⟨S_z⟩ of the steady state, in [−1/2, 1/2] (enters Eq. 42).

    Returns
    -------
    dict of str to float
        ``light_shift_hz`` ω̃ − ω_L (Eq. 41), ``linewidth_hz`` γ̃ (Eq. 42, with γ_ex = γ_se),
        ``stark_offset_hz`` and ``frequency_dependent_shift_hz`` δω (Eqs. 43–44, near Δ = 0),
        ``fully_polarized_linewidth_hz`` (Eq. 45, ⟨S_z⟩ = 1/2); all in Hz.

    Raises
    ------
    ValueError
        If ``electron_spin_z`` is not a finite number in [−1/2, 1/2].

    Notes
    -----
    With γ = γ_sd + γ_ex, Eq. (42) equals Eq. (45) at ⟨S_z⟩ = 1/2, and its spin-exchange part
    γ_ex I(1 − 2⟨S_z⟩)/(2I+1) is never negative; it is evaluated in that grouping. Eq. (44) is
    the paper's; it is not the slope of Eq. (41) at Δ = 0, which is
    Ω²(Γ² − Δ_S²)/((2I+1)(Γ² + Δ_S²)²).
    """
    require_range("electron_spin_z", electron_spin_z, -0.5, 0.5,
                  reason="⟨S_z⟩ of the electron spin")
    two_i1 = 2 * p.atom.nuclear_spin + 1
    i_spin = p.atom.nuclear_spin
    omega2, gamma = p.rabi_hz**2, p.pressure_broadening_hz
    d_s = p.atom.hyperfine_splitting_hz
    d_aa = p.detuning_hz - d_s
    g_sd = p.relaxation_hz - p.spin_exchange_hz
    pumping = omega2 / two_i1 * gamma / (gamma**2 + d_aa**2)
    return {
        "light_shift_hz": omega2 * d_aa / (two_i1 * (gamma**2 + d_aa**2)),
        # Eq. (42) with γ = γ_sd + γ_ex, grouped so that no rounding makes it negative
        "linewidth_hz": pumping + (i_spin + 1) / two_i1 * g_sd
        + p.spin_exchange_hz * i_spin * (1 - 2 * electron_spin_z) / two_i1,
        "stark_offset_hz": -omega2 * d_s / (two_i1 * (gamma**2 + d_s**2)),
        "frequency_dependent_shift_hz": omega2 * p.detuning_hz / (two_i1 * (gamma**2 + d_s**2)),
        "fully_polarized_linewidth_hz": pumping + (i_spin + 1) / two_i1 * g_sd,
    }
