r"""Mean-field Bloch equations of the alkali–noble-gas mixture with SEOP (seed 002 Eq. (1)).

Per-atom mean spins ⟨f⟩ (alkali, ``f = q s`` in spin-temperature equilibrium) and ⟨k⟩ (noble
gas, spin 1/2):

.. math::
    \partial_t\langle f\rangle &= n_B\zeta\,\langle k\rangle\times\langle f\rangle
        + c_{SE}\,n_B k_{SE}\langle k\rangle - \gamma_A\langle f\rangle
        + g_A \mathbf{B}\times\langle f\rangle + \text{pumping},\\
    \partial_t\langle k\rangle &= n_A\zeta\,\langle f\rangle\times\langle k\rangle
        + n_A k_{SE}\langle f\rangle/q - \gamma_B\langle k\rangle
        + g_B \mathbf{B}\times\langle k\rangle .

``γ_A`` is the total decay rate of ⟨f⟩ (it contains the spin-exchange loss) and
``γ_B = k_SE n_A + 1/T_B`` (Eq. (3)). Precession follows ``H = g B·J`` (``dJ/dt = g B × J``), the
convention of Eq. (10) in which ``J⁻`` evolves as ``e^{−iωt}`` (Eq. (25)).

Two forms of the alkali's incoherent spin-exchange terms (``convention``):

* ``"paper"`` — Eq. (1) as printed: ``c_SE = q``; pumping ``R_op (q ŝ/2 − ⟨f⟩)``. Equivalent to
  the unslowed electron equation ``∂t⟨s⟩ = R_op(ŝ/2 − ⟨s⟩) + n_B k_SE⟨k⟩ − γ_A⟨s⟩``, with
  Eq. (2)'s ``γ_A ⊃ n_B k_SE``.
* ``"spin_temperature"`` — angular momentum deposited by a collision is shared over f by the
  hyperfine interaction (Appelt et al., PRA 58, 1412 (1998)): ``c_SE = 1`` and pumping
  ``R_op (ŝ/2 − ⟨f⟩/q)``; the spin-exchange part of γ_A is then ``n_B k_SE/q``, the value
  App. C of seed 002 itself uses (``γ_ex = n_B k_SE/q``).

The two differ only in the alkali's incoherent terms. The coherent (ζ) terms conserve the total
angular momentum ``N_A⟨f⟩ + N_B⟨k⟩``; the paper's incoherent terms (with ``γ_A = n_B k_SE``)
conserve ``N_A⟨f⟩/q + N_B⟨k⟩ = N_A⟨s⟩ + N_B⟨k⟩`` instead, so Eq. (1) as printed conserves
neither when I > 0; the spin-temperature form conserves ``N_A⟨f⟩ + N_B⟨k⟩`` with both kinds of
terms. For I = 0 (q = 1) they coincide.

``q`` is held at the cell's value q(I, p_A) (as the paper does), so the model is linear in the
alkali polarisation apart from the mutual precession.

The state is the real 7-vector ``x = (f_x, f_y, f_z, k_x, k_y, k_z, 1)``: the constant last
coordinate carries the pumping source, and its "trace" row fixes it to 1 for the engine's
steady-state solver. The mutual precession is the feedback term of
:class:`~spinthermo.core.generator.MeanFieldGenerator`: ``Σ_j ⟨k_j⟩ B_j x``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np

from spinthermo.core.checks import require_finite, require_nonnegative, require_range
from spinthermo.core.evolution import DEFAULT_ATOL, DEFAULT_RTOL, evolve
from spinthermo.core.generator import MeanFieldGenerator
from spinthermo.core.steady import steady_state
from spinthermo.models.base import Model, not_applicable
from spinthermo.models.noble_gas.parameters import NobleGasCell

CONVENTIONS = ("paper", "spin_temperature")
_MOMENT_MODEL = ("Eq. (1) is a classical equation for the mean spins ⟨f⟩, ⟨k⟩ (moments), with "
                 "no density matrix")
#: Index of the constant coordinate.
CONSTANT = 6
SIZE = 7

_LEVI_CIVITA = np.zeros((3, 3, 3))
for _i, _j, _k in ((0, 1, 2), (1, 2, 0), (2, 0, 1)):
    _LEVI_CIVITA[_i, _j, _k] = 1.0
    _LEVI_CIVITA[_i, _k, _j] = -1.0


def cross_matrix(vector) -> np.ndarray:
    """``[v]_×`` with ``[v]_× u = v × u``.

    Parameters
    ----------
    vector : array_like
        v, shape (3,).

    Returns
    -------
    numpy.ndarray
        Antisymmetric, shape (3, 3), in the units of ``vector``.
    """
    v = np.asarray(vector, dtype=float)
    return -np.einsum("ijk,k->ij", _LEVI_CIVITA, v)


def _vector(name: str, value, *, unit: bool = False) -> np.ndarray:
    v = np.asarray(require_finite(name, value), dtype=float)
    if v.ndim == 0:
        v = np.array([0.0, 0.0, float(v)])
    if v.shape != (3,):
        raise ValueError(f"{name} must be a scalar (along z) or a 3-vector; received shape "
                         f"{v.shape}")
    if unit:
        require_range(f"|{name}|", float(np.linalg.norm(v)), 0.0, 1.0)
    return v


@dataclass(frozen=True)
class MeanFieldModel(Model):
    """Seed 002 Eq. (1) with a static field and optical pumping of the alkali.

    A moment model: its state is the mean spins ⟨f⟩, ⟨k⟩ (:meth:`state`), not a density
    matrix, so the :class:`~spinthermo.models.base.Model` verbs on density matrices
    (``hamiltonian``, ``open_system``, ``steady_state``, ``evolve``) raise
    :func:`~spinthermo.models.base.not_applicable`; :meth:`steady_spins` and
    :meth:`evolve_spins` solve Eq. (1).

    Without spin exchange to the noble gas the pumped alkali settles at the electron
    polarisation ``R_op/(R_op + γ_A)`` ("paper") or ``R_op/(R_op + q γ_A)``
    ("spin_temperature", where γ_A is the q-slowed f rate).

    Parameters
    ----------
    cell : NobleGasCell
        Rates γ_A, γ_B, ζ, k_SE, q and the densities.
    field : float or array_like
        Static field, T: a 3-vector or a scalar along z.
    pumping_rate : float
        R_op, s⁻¹, ≥ 0; pumps the alkali electron spin toward ``photon_spin``/2.
    photon_spin : array_like
        s, shape (3,), norm ≤ 1; default −ẑ, the paper's polarisation axis.
    convention : str
        ``"paper"`` (Eq. 1) or ``"spin_temperature"``.
    alkali_relaxation_rate, noble_gas_relaxation_rate : float or None
        γ_A, γ_B in s⁻¹ overriding the cell's (None: ``cell.alkali_relaxation_rate``,
        ``cell.noble_gas_relaxation_rate``).
    """

    cell: NobleGasCell
    field: np.ndarray | float = 0.0
    pumping_rate: float = 0.0
    photon_spin: np.ndarray | tuple[float, float, float] = (0.0, 0.0, -1.0)
    convention: str = "paper"
    alkali_relaxation_rate: float | None = None
    noble_gas_relaxation_rate: float | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "field", _vector("field", self.field))
        object.__setattr__(self, "photon_spin", _vector("photon_spin", self.photon_spin,
                                                        unit=True))
        require_nonnegative("pumping_rate", self.pumping_rate, unit="s^-1")
        if self.convention not in CONVENTIONS:
            raise ValueError(f"convention must be one of {CONVENTIONS}; received "
                             f"{self.convention!r}")
        if self.alkali_relaxation_rate is not None:
            require_nonnegative("alkali_relaxation_rate", self.alkali_relaxation_rate,
                                unit="s^-1")
        if self.noble_gas_relaxation_rate is not None:
            require_nonnegative("noble_gas_relaxation_rate", self.noble_gas_relaxation_rate,
                                unit="s^-1")

    # -- the Model protocol -----------------------------------------------------------------

    @property
    def parameters(self) -> MeanFieldModel:
        """The parameters, which this frozen dataclass holds exactly (cell, field, pumping)."""
        return self

    def hamiltonian(self):
        raise not_applicable(self, "hamiltonian", f"{_MOMENT_MODEL}; the precession is the "
                             "cross-product part of generator")

    def open_system(self):
        raise not_applicable(self, "open_system", f"{_MOMENT_MODEL}; use generator (the "
                             "engine's form of Eq. (1))")

    def steady_state(self, *, options=None):
        raise not_applicable(self, "steady_state", f"{_MOMENT_MODEL}; use steady_spins()")

    def evolve(self, times, initial_state=None, *, options=None):
        raise not_applicable(self, "evolve", f"{_MOMENT_MODEL}; use evolve_spins(times, "
                             "initial_state)")

    # -- rates ------------------------------------------------------------------------------

    @property
    def gamma_a(self) -> float:
        """γ_A in s⁻¹, the override or the cell's ``alkali_relaxation_rate``."""
        if self.alkali_relaxation_rate is not None:
            return float(self.alkali_relaxation_rate)
        return self.cell.alkali_relaxation_rate

    @property
    def gamma_b(self) -> float:
        """γ_B in s⁻¹, the override or the cell's ``noble_gas_relaxation_rate``."""
        if self.noble_gas_relaxation_rate is not None:
            return float(self.noble_gas_relaxation_rate)
        return self.cell.noble_gas_relaxation_rate

    @property
    def exchange_source_factor(self) -> float:
        """Factor ``c_SE`` of the exchange source, q ("paper", Eq. 1) or 1 ("spin_temperature")."""
        return self.cell.q if self.convention == "paper" else 1.0

    @property
    def _pumping(self) -> tuple[float, float]:
        """(loss rate of ⟨f⟩, source per unit ŝ/2) of the pumping term."""
        r, q = self.pumping_rate, self.cell.q
        return (r, q * r) if self.convention == "paper" else (r / q, r)

    # -- the generator ----------------------------------------------------------------------

    @cached_property
    def generator(self) -> MeanFieldGenerator:
        """``dx/dt = A x + Σ_j ⟨k_j⟩ B_j x`` on ``x = (f, k, 1)``."""
        cell = self.cell
        q, zeta, k_se = cell.q, cell.zeta, cell.k_se
        n_a, n_b = cell.alkali_density, cell.noble_gas_density
        pump_loss, pump_source = self._pumping
        f, k = slice(0, 3), slice(3, 6)
        eye = np.eye(3)
        linear = np.zeros((SIZE, SIZE))
        linear[f, f] = -(self.gamma_a + pump_loss) * eye + cell.alkali_larmor_coefficient * \
            cross_matrix(self.field)
        linear[f, k] = self.exchange_source_factor * n_b * k_se * eye
        linear[f, CONSTANT] = pump_source * self.photon_spin / 2.0
        linear[k, k] = -self.gamma_b * eye + cell.noble_gas_larmor_coefficient * \
            cross_matrix(self.field)
        linear[k, f] = n_a * k_se / q * eye
        # (k × f)_i = ε_ijl k_j f_l and (f × k)_i = −ε_ijl k_j f_l: both driven by ⟨k_j⟩.
        ops = np.zeros((3, SIZE, SIZE))
        for j in range(3):
            ops[j, f, f] = n_b * zeta * _LEVI_CIVITA[:, j, :]
            ops[j, k, f] = -n_a * zeta * _LEVI_CIVITA[:, j, :]
        rows = np.zeros((3, SIZE))
        rows[:, 3:6] = eye
        trace = np.zeros(SIZE)
        trace[CONSTANT] = 1.0
        return MeanFieldGenerator(linear, rows, ops, trace)

    def state(self, alkali_spin, noble_gas_spin) -> np.ndarray:
        """The coordinates ``(f, k, 1)`` of per-atom mean spins ⟨f⟩ and ⟨k⟩.

        Parameters
        ----------
        alkali_spin, noble_gas_spin : float or array_like
            ⟨f⟩ and ⟨k⟩, 3-vectors or scalars along z, units of ħ.

        Returns
        -------
        numpy.ndarray
            Coordinates ``(f, k, 1)``, shape (7,), per-atom spins in units of ħ.
        """
        f = _vector("alkali_spin", alkali_spin)
        k = _vector("noble_gas_spin", noble_gas_spin)
        return np.concatenate([f, k, [1.0]])

    def polarized_state(self, tilt: complex = 0.0) -> np.ndarray:
        """Both gases along −z at the cell's p_A, p_B: ``⟨f_z⟩ = −p_A q/2``, ``⟨k_z⟩ = −p_B/2``.

        ``tilt`` (complex, small) displaces the alkali transverse spin:
        ``⟨f_x⟩ − i⟨f_y⟩ = tilt · p_A q/2``.

        Parameters
        ----------
        tilt : complex
            Small transverse displacement of the alkali spin, dimensionless.

        Returns
        -------
        numpy.ndarray
            Coordinates ``(f, k, 1)``, shape (7,), per-atom spins in units of ħ.
        """
        cell = self.cell
        f_len = cell.alkali_polarization * cell.q / 2.0
        f = np.array([tilt.real * f_len, -tilt.imag * f_len, -f_len])
        k = np.array([0.0, 0.0, -cell.noble_gas_polarization / 2.0])
        return self.state(f, k)

    def evolve_spins(self, times, initial_state=None, *, rtol: float = DEFAULT_RTOL,
                     atol: float = DEFAULT_ATOL, method: str = "dopri5") -> MeanFieldTrajectory:
        """Integrate Eq. (1) from ``initial_state`` at ``times[0]`` (coordinates, see
        :meth:`state`; default :meth:`polarized_state`) to ``times`` (s).

        Parameters
        ----------
        times : array_like
            Output times, shape (T,), s.
        initial_state : array_like or None
            Coordinates ``(f, k, 1)``, shape (7,); None: :meth:`polarized_state`.
        rtol, atol, method
            As for :func:`spinthermo.core.evolution.evolve`.

        Returns
        -------
        MeanFieldTrajectory
            ⟨f⟩ and ⟨k⟩ at ``times``, each of shape (T, 3).
        """
        if initial_state is None:
            initial_state = self.polarized_state()
        x0 = np.asarray(initial_state, dtype=float)
        if x0.shape != (SIZE,) or x0[CONSTANT] != 1.0:
            raise ValueError(f"initial_state must be the {SIZE}-vector (f, k, 1) of "
                             f"MeanFieldModel.state; received shape {x0.shape}")
        result = evolve(self.generator, x0.astype(complex), times, rtol=rtol, atol=atol,
                        method=method)
        states = result.states.real
        return MeanFieldTrajectory(result.times, states[:, 0:3], states[:, 3:6], self)

    def steady_spins(self, initial_guess=None) -> np.ndarray:
        """The steady state ``(f, k, 1)`` of Eq. (1) by the engine's Newton solver (core.steady)
        from ``initial_guess`` (default :meth:`seop_steady_state`).

        Parameters
        ----------
        initial_guess : array_like or None
            Coordinates ``(f, k, 1)``, shape (7,); None: :meth:`seop_steady_state`.

        Returns
        -------
        numpy.ndarray
            Coordinates ``(f, k, 1)``, shape (7,), per-atom spins in units of ħ.
        """
        guess = self.seop_steady_state() if initial_guess is None else initial_guess
        return steady_state(self.generator, initial_guess=np.asarray(guess, complex)).state.real

    def seop_steady_state(self) -> np.ndarray:
        """Analytic SEOP steady state for a field parallel (or zero) to the pumping axis.

        With ``∂t⟨f⟩ = D ŝ/2 − (ρ + γ_A)⟨f⟩ + c_SE n_B k_SE ⟨k⟩`` and
        ``∂t⟨k⟩ = (n_A k_SE/q)⟨f⟩ − γ_B⟨k⟩`` (the cross products vanish for parallel spins):

            ⟨k⟩ = (n_A k_SE/(q γ_B)) ⟨f⟩,
            ⟨f⟩ = (D ŝ/2) / (ρ + γ_A − c_SE n_A n_B k_SE²/(q γ_B)),

        so the noble-gas polarisation is ``P_B = 2|⟨k⟩| = γ_SE P_A/(γ_SE + 1/T_B)`` with
        ``γ_SE = k_SE n_A`` and ``P_A = 2|⟨f⟩|/q`` (the electron polarisation): the standard
        SEOP result (Walker & Happer, RMP 69, 629 (1997)) once γ_B is Eq. (3).

        Returns
        -------
        numpy.ndarray
            Coordinates ``(f, k, 1)``, shape (7,), per-atom spins in units of ħ.
        """
        s = self.photon_spin
        if np.linalg.norm(np.cross(self.field, s)) > 1e-12 * np.linalg.norm(self.field):
            raise ValueError("seop_steady_state needs the field parallel to photon_spin (or zero)")
        cell = self.cell
        pump_loss, pump_source = self._pumping
        k_se, q, n_a, n_b = cell.k_se, cell.q, cell.alkali_density, cell.noble_gas_density
        gamma_b = self.gamma_b
        if gamma_b == 0.0:
            raise ValueError("noble_gas_relaxation_rate must be > 0 for a unique steady state")
        denominator = pump_loss + self.gamma_a - (
            self.exchange_source_factor * n_a * n_b * k_se**2 / (q * gamma_b))
        if denominator <= 0.0:
            raise ValueError("the alkali has no decay (R_op + γ_A = 0): no unique steady state")
        f = pump_source * s / 2.0 / denominator
        k = n_a * k_se / (q * gamma_b) * f
        return self.state(f, k)

    def seop_noble_gas_polarization(self) -> float:
        """``P_B = γ_SE P_A/(γ_SE + 1/T_B)`` (γ_B of Eq. (3)) at the SEOP steady state.

        Returns
        -------
        float
            P_B, dimensionless, in [0, 1].
        """
        x = self.seop_steady_state()
        return float(2.0 * np.linalg.norm(x[3:6]))

    def conserved_spin(self, alkali_spin, noble_gas_spin) -> np.ndarray:
        """``n_A⟨f⟩/c + n_B⟨k⟩`` per unit volume, c = q ("paper") or 1 ("spin_temperature"):
        the total spin kept by the spin-exchange terms when γ_A is their loss alone (see the
        module docstring).

        Parameters
        ----------
        alkali_spin, noble_gas_spin : array_like
            ⟨f⟩ and ⟨k⟩, shape ``(..., 3)``, units of ħ.

        Returns
        -------
        numpy.ndarray
            Shape ``(..., 3)``, m⁻³ (units of ħ per volume).
        """
        c = self.cell.q if self.convention == "paper" else 1.0
        return (self.cell.alkali_density * np.asarray(alkali_spin) / c
                + self.cell.noble_gas_density * np.asarray(noble_gas_spin))


@dataclass(frozen=True)
class MeanFieldTrajectory:
    """The mean spins of :meth:`MeanFieldModel.evolve_spins` at ``times``.

    Parameters
    ----------
    times : numpy.ndarray
        Shape (T,), s.
    alkali_spin, noble_gas_spin : numpy.ndarray
        ⟨f⟩ and ⟨k⟩, shape (T, 3), units of ħ.
    model : MeanFieldModel
        The model integrated.
    """

    times: np.ndarray
    alkali_spin: np.ndarray
    noble_gas_spin: np.ndarray
    model: MeanFieldModel

    @property
    def alkali_polarization(self) -> np.ndarray:
        """Electron polarisation ``2|⟨f⟩|/q``."""
        return 2.0 * np.linalg.norm(self.alkali_spin, axis=-1) / self.model.cell.q

    @property
    def noble_gas_polarization(self) -> np.ndarray:
        """``2|⟨k⟩|``."""
        return 2.0 * np.linalg.norm(self.noble_gas_spin, axis=-1)

    def bosonic_amplitudes(self) -> tuple[np.ndarray, np.ndarray]:
        """Holstein–Primakoff amplitudes per unit volume (seed 002 Sec. III A, Eq. (24)):
        ``a = √(n_A/(q p_A)) (⟨f_x⟩ − i⟨f_y⟩)``, ``b = √(n_B/p_B) (⟨k_x⟩ − i⟨k_y⟩)`` with the
        polarisations of the cell (``⟨a⟩ = √(N_A/q p_A)⟨f⁻⟩`` divided by √V).

        Returns
        -------
        tuple of numpy.ndarray
            ``(a, b)``, complex, shape (T,) each, m^{-3/2}.
        """
        cell = self.model.cell
        f_minus = self.alkali_spin[:, 0] - 1j * self.alkali_spin[:, 1]
        k_minus = self.noble_gas_spin[:, 0] - 1j * self.noble_gas_spin[:, 1]
        a = np.sqrt(cell.alkali_density / (cell.q * cell.alkali_polarization)) * f_minus
        b = np.sqrt(cell.noble_gas_density / cell.noble_gas_polarization) * k_minus
        return a, b


def evolve_mean_field(cell: NobleGasCell, alkali_spin, noble_gas_spin, times, *,
                      field=0.0, pumping_rate: float = 0.0, photon_spin=(0.0, 0.0, -1.0),
                      convention: str = "paper", rtol: float = DEFAULT_RTOL,
                      atol: float = DEFAULT_ATOL, method: str = "dopri5") -> MeanFieldTrajectory:
    """Integrate seed 002 Eq. (1) (with field and SEOP) from per-atom ⟨f⟩, ⟨k⟩ to ``times``.

    Parameters
    ----------
    cell : NobleGasCell
        As for :class:`MeanFieldModel`.
    alkali_spin, noble_gas_spin : float or array_like
        Initial ⟨f⟩, ⟨k⟩ at ``times[0]``, as for :meth:`MeanFieldModel.state`.
    times : array_like
        Output times, shape (T,), s.
    field, pumping_rate, photon_spin, convention
        As for :class:`MeanFieldModel`.
    rtol, atol, method
        As for :func:`spinthermo.core.evolution.evolve`.

    Returns
    -------
    MeanFieldTrajectory
        ⟨f⟩ and ⟨k⟩ at ``times``.

    Examples
    --------
    >>> from spinthermo.models.noble_gas.parameters import get_preset
    >>> cell = get_preset("k-3he")
    >>> traj = evolve_mean_field(cell, (0, 0, -cell.alkali_polarization * cell.q / 2),
    ...                          (0, 0, -0.375), [0.0, 1e-3], pumping_rate=400.0)
    >>> bool(abs(traj.noble_gas_spin[-1, 2] + 0.375) < 1e-6)
    True
    """
    model = MeanFieldModel(cell, field=field, pumping_rate=pumping_rate,
                           photon_spin=np.asarray(photon_spin, dtype=float),
                           convention=convention)
    return model.evolve_spins(times, model.state(alkali_spin, noble_gas_spin), rtol=rtol,
                              atol=atol, method=method)
