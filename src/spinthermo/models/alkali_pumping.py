"""Optically pumped alkali vapour: the nonlinear master equation of seed 000, Eq. (1).

    dρ/dt = −i[A_hfs I·S, ρ] + R_op[φ(1 + 2 s·S) − ρ] + Γ_SE[φ(1 + 4⟨S⟩·S) − ρ] + Γ_SD[φ − ρ],

with φ = ρ/4 + S·ρ·S the purely nuclear part of ρ (Happer, RMP 44, 169 (1972); Appelt et al.,
PRA 58, 1412 (1998); Allred et al., PRL 89, 130801 (2002)). ⟨S⟩ = Tr(ρ S) makes the spin-exchange
term quadratic in ρ: a mean-field generator ``A x + Σ_k ⟨S_k⟩ B_k x`` for ``core``.

States live in the coupled basis ``|F, m_F⟩`` (F = I + 1/2 first, m_F descending). By default
the hyperfine-secular approximation keeps only the F-diagonal blocks of ρ (A_hfs ≫ every rate);
``secular=False`` keeps the hyperfine coherences and the I·S Hamiltonian exactly.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np

from spinthermo.core.checks import require_nonnegative, require_range
from spinthermo.core.evolution import DEFAULT_ATOL, DEFAULT_RTOL, evolve
from spinthermo.core.generator import DERIVATIVE_ROUNDING_RTOL, MeanFieldGenerator
from spinthermo.core.operands import result_states
from spinthermo.core.options import EvolveOptions, SteadyStateOptions
from spinthermo.core.projection import BlockProjection
from spinthermo.core.results import EvolutionResult, SteadyStateResult
from spinthermo.core.spin import CoupledSpins
from spinthermo.core.steady import DEFAULT_STEADY_TOL, steady_state
from spinthermo.core.superop import (
    commutator_superoperator,
    expectation_row,
    spost,
    sprepost,
    trace_row,
)
from spinthermo.models import fast_path
from spinthermo.models.base import Model, OpenSystemSpec

AXES = {"x": 0, "y": 1, "z": 2}


def photon_spin_vector(photon_spin, axis: str = "z") -> np.ndarray:
    """The photon-spin vector s of seed 000 Eq. (1): a 3-vector as given, or ``s`` along ``axis``.

    Parameters
    ----------
    photon_spin : float or array_like
        A scalar s (placed along ``axis``), a 3-vector, or a batch of 3-vectors ``(..., 3)``;
        every norm must lie in [0, 1] (1 for circular polarisation, 0 for linear).
    axis : str
        ``"x"``, ``"y"`` or ``"z"``: the direction of a scalar ``photon_spin``.

    Returns
    -------
    numpy.ndarray
        The vector s, shape ``(3,)`` (or ``(..., 3)`` for a batch), dimensionless.

    Raises
    ------
    ValueError
        For an unknown ``axis``, a shape whose last axis is not 3, or a norm outside [0, 1].
    """
    s = np.asarray(photon_spin, dtype=float)
    if s.ndim == 0:
        if axis not in AXES:
            raise ValueError(f"axis must be one of 'x', 'y', 'z'; received {axis!r}")
        vector = np.zeros(3)
        vector[AXES[axis]] = float(s)
        s = vector
    if s.shape[-1:] != (3,):
        raise ValueError(f"photon_spin must be a scalar, a 3-vector or a batch (..., 3) of "
                         f"3-vectors; received shape {s.shape}")
    norm = np.linalg.norm(s, axis=-1)
    require_range("|photon_spin|", float(norm) if norm.ndim == 0 else norm, 0.0, 1.0)
    return s


class AlkaliAtom:
    """Operators of one alkali ground state (nuclear spin I, electron spin 1/2), coupled basis.

    Builds the superoperators of Eq. (1) once per nuclear spin; models for many rates share
    them because Eq. (1) is linear in every rate.

    Parameters
    ----------
    nuclear_spin : float
        I, a non-negative multiple of 1/2; d = 2(2I + 1).
    secular : bool
        Keep only the F-diagonal blocks of ρ (hyperfine-secular approximation).
    """

    def __init__(self, nuclear_spin: float, secular: bool = True):
        self.spins = CoupledSpins(nuclear_spin, 0.5)
        self.secular = secular
        d = self.spins.dimension
        self.projection = (
            BlockProjection(d, self.spins.f_blocks) if secular else BlockProjection.identity(d)
        )

    @property
    def dimension(self) -> int:
        """d = 2(2I + 1), the number of ground-state levels."""
        return self.spins.dimension

    @cached_property
    def electron_spin(self) -> tuple[np.ndarray, ...]:
        """(S_x, S_y, S_z) in the coupled basis, each (d, d)."""
        return self.spins.second

    @cached_property
    def total_spin(self) -> tuple[np.ndarray, ...]:
        """(F_x, F_y, F_z) in the coupled basis, each (d, d)."""
        return self.spins.total

    @cached_property
    def hyperfine_operator(self) -> np.ndarray:
        """``I·S`` (multiply by A_hfs for H0)."""
        return self.spins.scalar_coupling()

    @cached_property
    def _superoperators(self) -> dict[str, np.ndarray]:
        d = self.dimension
        identity = np.eye(d * d, dtype=complex)
        s_ops = self.electron_spin
        phi = 0.25 * identity + sum(sprepost(s, s) for s in s_ops)
        p = self.projection.superoperator
        return {
            "decay": p(phi - identity),  # φ − ρ, shared by R_op, Γ_SE and Γ_SD
            "pump": np.stack([p(2.0 * spost(s) @ phi) for s in s_ops]),  # φ 2S_k
            "exchange": np.stack([p(4.0 * spost(s) @ phi) for s in s_ops]),  # φ 4S_k
            "hyperfine": p(commutator_superoperator(self.hyperfine_operator)),
        }

    @cached_property
    def electron_rows(self) -> np.ndarray:
        """Rows ``c_k`` with ``c_k·x = ⟨S_k⟩``."""
        return np.stack([self.projection.row(expectation_row(s)) for s in self.electron_spin])

    @cached_property
    def trace(self) -> np.ndarray:
        """Row t with t·x = Tr ρ on block coordinates, shape (n,)."""
        return self.projection.row(trace_row(self.dimension))

    def generator(self, pumping_rate, spin_exchange_rate, spin_destruction_rate, photon_spin,
                  a_hfs: float = 0.0) -> MeanFieldGenerator:
        """The generator of Eq. (1) for rates (scalars or arrays broadcasting to a batch).

        Parameters
        ----------
        pumping_rate, spin_exchange_rate, spin_destruction_rate : array_like
            R_op, Γ_SE, Γ_SD in s⁻¹, scalars or arrays of a batch shape ``B``.
        photon_spin : array_like
            The photon-spin vector s, shape ``(..., 3)`` broadcasting with ``B``.
        a_hfs : float
            Hyperfine constant, rad/s; enters only when ``secular=False`` (in the secular
            approximation the hyperfine commutator vanishes on the kept blocks).

        Returns
        -------
        MeanFieldGenerator
            ``A x + Σ_k (c_k·x) B_k x`` on block coordinates (n,), A of shape ``(*B, n, n)``
            in s⁻¹, with ``c_k·x = Γ_SE⟨S_k⟩`` (rows of shape ``(*B, 3, n)``) and the
            dimensionless ``B_k = 4φS_k`` shared by the batch (shape ``(3, n, n)``).
        """
        ops = self._superoperators
        r = np.asarray(pumping_rate, dtype=float)
        g_se = np.asarray(spin_exchange_rate, dtype=float)
        g_sd = np.asarray(spin_destruction_rate, dtype=float)
        s = np.asarray(photon_spin, dtype=float)
        batch = np.broadcast_shapes(r.shape, g_se.shape, g_sd.shape, s.shape[:-1])
        # A = (R + Γ_SE + Γ_SD)(φ − ρ) + R s·(φ 2S) [+ A_hfs H0]: one product of the
        # per-entry coefficients with the stacked superoperators
        coefficients = np.empty((*batch, 5))
        coefficients[..., 0] = r + g_se + g_sd
        coefficients[..., 1:4] = r[..., None] * s
        coefficients[..., 4] = 0.0 if self.secular else a_hfs
        n = ops["decay"].shape[-1]
        linear = (coefficients @ self._linear_terms).reshape(*batch, n, n)
        # Γ_SE goes into the rows (c_k·x = Γ_SE⟨S_k⟩), so that the batch shares one copy of
        # the operators B_k = 4φS_k
        rows = g_se[..., None, None] * self.electron_rows
        return MeanFieldGenerator(linear, rows, ops["exchange"], self.trace)

    @cached_property
    def _linear_terms(self) -> np.ndarray:
        """(φ − ρ, φ 2S_x, φ 2S_y, φ 2S_z, −i[I·S, ρ]) flattened, shape (5, n²)."""
        ops = self._superoperators
        terms = np.concatenate([ops["decay"][None], ops["pump"], ops["hyperfine"][None]])
        return terms.reshape(5, -1)

    def maximally_mixed(self) -> np.ndarray:
        """The unpolarised state 1/d in block coordinates.

        Returns
        -------
        numpy.ndarray
            Block coordinates, shape (n,), complex.
        """
        return self.projection.restrict(np.eye(self.dimension, dtype=complex) / self.dimension)


@dataclass(frozen=True)
class AlkaliPumpingParameters:
    """Seed 000 Eq. (1)'s inputs, as :meth:`AlkaliPumping.parameters` reports them.

    Parameters
    ----------
    nuclear_spin : float
        I.
    pumping_rate, spin_exchange_rate, spin_destruction_rate : float
        R_op, Γ_SE, Γ_SD, s⁻¹.
    photon_spin : tuple of float
        The photon-spin vector s, 3 components, dimensionless.
    secular : bool
        Whether the hyperfine-secular approximation is used.
    a_hfs : float or None
        Hyperfine constant A_hfs, rad/s (None when not given).
    """

    nuclear_spin: float
    pumping_rate: float
    spin_exchange_rate: float
    spin_destruction_rate: float
    photon_spin: tuple[float, float, float]
    secular: bool
    a_hfs: float | None


@dataclass(frozen=True)
class AlkaliPumping(Model):
    """Seed 000 Eq. (1) for one set of rates (s⁻¹) and a photon-spin vector.

    ``a_hfs`` (rad/s) is the hyperfine constant of H0 = A_hfs I·S. The NESS and the
    polarisation do not need it in the secular approximation, but ``hamiltonian()`` and the
    energy-based diagnostics of :func:`thermodynamics` (energy, ergotropy, efficiency) do, and
    ``secular=False`` puts H0 into the dynamics: those raise ``ValueError`` when it is not
    given. :meth:`from_species` supplies the species' value.

    Parameters
    ----------
    nuclear_spin : float
        I, a multiple of 1/2.
    pumping_rate, spin_exchange_rate, spin_destruction_rate : float or array_like
        R_op, Γ_SE, Γ_SD, s⁻¹, ≥ 0 (arrays of a batch shape ``B``: see :meth:`batch`).
    photon_spin : float or array_like
        As for :func:`photon_spin_vector`; stored as the vector, shape (3,) or ``(*B, 3)``.
    axis : str
        Direction of a scalar ``photon_spin``: ``"x"``, ``"y"`` or ``"z"``.
    secular : bool
        Keep only the F-diagonal blocks (A_hfs ≫ every rate).
    a_hfs : float or None
        Hyperfine constant A_hfs, rad/s, ≥ 0; required when ``secular=False``.

    Examples
    --------
    >>> model = AlkaliPumping.from_species("87Rb", pumping_rate=1e4, spin_exchange_rate=1e4,
    ...                                    spin_destruction_rate=30.0, photon_spin=0.5)
    >>> round(float(2 * model.expectation(model.steady_state(), "S", "z")), 6)
    0.498504
    >>> round(float(thermodynamics(model, model.steady_state())["efficiency"]), 4)
    0.7919
    """

    nuclear_spin: float = 1.5
    pumping_rate: float = 0.0
    spin_exchange_rate: float = 0.0
    spin_destruction_rate: float = 0.0
    photon_spin: np.ndarray | float = 0.0
    axis: str = "z"
    secular: bool = True
    a_hfs: float | None = None
    atom: AlkaliAtom = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        require_nonnegative("pumping_rate", self.pumping_rate, unit="s^-1")
        require_nonnegative("spin_exchange_rate", self.spin_exchange_rate, unit="s^-1")
        require_nonnegative("spin_destruction_rate", self.spin_destruction_rate, unit="s^-1")
        if self.a_hfs is not None:
            require_nonnegative("a_hfs", self.a_hfs, unit="rad/s")
        elif not self.secular:
            raise ValueError(
                "secular=False keeps H0 = A_hfs I·S in Eq. (1) and needs a_hfs >= 0 rad/s "
                "(e.g. AlkaliPumping.from_species(...) or a_hfs=2*pi*3.417e9 for 87Rb); "
                "received a_hfs=None"
            )
        object.__setattr__(self, "photon_spin", photon_spin_vector(self.photon_spin, self.axis))
        object.__setattr__(self, "atom", _atom(float(self.nuclear_spin), bool(self.secular)))

    @classmethod
    def batch(cls, species, pumping_rate, spin_exchange_rate, spin_destruction_rate,
              photon_spin, axis: str = "z", **kwargs) -> AlkaliPumping:
        """A batch of models of one species evaluated together (issue 15): the rates and the
        scalar photon spins broadcast to one batch shape ``B``; :attr:`generator`,
        :meth:`steady_state_coordinates`, :meth:`steady_state` and :func:`thermodynamics`
        then work on every entry at once and return arrays with leading shape ``B``.

        Parameters
        ----------
        species : str
            Alkali isotope (its I and A_hfs), as for :meth:`from_species`.
        pumping_rate, spin_exchange_rate, spin_destruction_rate : array_like
            R_op, Γ_SE, Γ_SD in s⁻¹ (≥ 0), broadcasting to ``B``.
        photon_spin : array_like
            Scalar photon spins s in [0, 1] along ``axis``, broadcasting to ``B``.
        axis : str, optional
            Pump direction, ``"x"``, ``"y"`` or ``"z"`` (default ``"z"``).
        **kwargs
            Further fields (``secular``).

        Returns
        -------
        AlkaliPumping
            Its rate fields are arrays of shape ``B`` and ``photon_spin`` has shape
            ``(*B, 3)``.
        """
        if axis not in AXES:
            raise ValueError(f"axis must be one of 'x', 'y', 'z'; received {axis!r}")
        arrays = np.broadcast_arrays(*(np.asarray(v, dtype=float) for v in (
            pumping_rate, spin_exchange_rate, spin_destruction_rate, photon_spin)))
        r, g_se, g_sd, s = (np.array(a) for a in arrays)
        vectors = np.zeros((*s.shape, 3))
        vectors[..., AXES[axis]] = s
        return cls.from_species(species, pumping_rate=r, spin_exchange_rate=g_se,
                                spin_destruction_rate=g_sd, photon_spin=vectors, **kwargs)

    @classmethod
    def from_species(cls, species, **kwargs) -> AlkaliPumping:
        """Model for an atomic species (``"87Rb"``, …): its I and, if exact, its A_hfs.

        Parameters
        ----------
        species : str
            Alkali isotope known to :func:`spinthermo.atoms.species.get_species`.
        **kwargs
            The other fields of :class:`AlkaliPumping` (rates in s⁻¹, ``photon_spin``, ...).

        Returns
        -------
        AlkaliPumping
            The model with the species' ``nuclear_spin`` and ``a_hfs`` (rad/s).
        """
        from spinthermo.atoms.species import get_species

        sp = get_species(species)
        kwargs.setdefault("a_hfs", sp.a_hfs)
        return cls(nuclear_spin=sp.nuclear_spin, **kwargs)

    @cached_property
    def generator(self) -> MeanFieldGenerator:
        """The generator of Eq. (1) for this model's rates, as AlkaliAtom.generator builds it."""
        return self.atom.generator(self.pumping_rate, self.spin_exchange_rate,
                                   self.spin_destruction_rate, self.photon_spin,
                                   0.0 if self.a_hfs is None else self.a_hfs)

    @property
    def dimension(self) -> int:
        """d = 2(2I + 1), the number of ground-state levels."""
        return self.atom.dimension

    @property
    def parameters(self) -> AlkaliPumpingParameters:
        """The model's inputs as a frozen dataclass (rates in s⁻¹, ``a_hfs`` in rad/s)."""
        return AlkaliPumpingParameters(
            float(self.nuclear_spin), float(self.pumping_rate), float(self.spin_exchange_rate),
            float(self.spin_destruction_rate), tuple(float(s) for s in self.photon_spin),
            bool(self.secular), None if self.a_hfs is None else float(self.a_hfs))

    def initial_state(self) -> np.ndarray:
        """The unpolarised (maximally mixed) state.

        Returns
        -------
        numpy.ndarray
            ``1/d``, shape (d, d), complex.
        """
        return np.eye(self.dimension, dtype=complex) / self.dimension

    def evolve_coordinates(self, times, initial_state=None, *, rtol=DEFAULT_RTOL,
                           atol=DEFAULT_ATOL, method="dopri5", max_steps=None):
        """Integrate Eq. (1) from ``initial_state`` (default: unpolarised) in the engine's
        block coordinates (the fast path of :meth:`evolve`; arguments as
        :func:`spinthermo.core.evolution.evolve`; for Γ_SE ≫ R + Γ_SD (stiff) use
        ``method="BDF"`` or ``"Radau"``, for ``secular=False`` ``"Radau"``).

        Parameters
        ----------
        times : array_like
            Output times, shape (n_t,), s.
        initial_state : array_like or None
            Density matrix (d, d) or block coordinates (n,); None: unpolarised.
        rtol, atol, method, max_steps
            As for :func:`spinthermo.core.evolution.evolve`.

        Returns
        -------
        EvolutionSolution
            The engine's solution: ``times`` (n_t,) and block coordinates ``states`` (n_t, n).
        """
        x0 = self.coordinates(self.initial_state() if initial_state is None
                              else initial_state)
        return evolve(self.generator, x0, times, rtol=rtol, atol=atol, method=method,
                      max_steps=max_steps)

    def steady_state_coordinates(self, **kwargs) -> np.ndarray:
        """The NESS of Eq. (1) by Newton's method in block coordinates (the fast path of
        :meth:`steady_state`; keywords of :func:`spinthermo.core.steady.steady_state`).

        Parameters
        ----------
        **kwargs
            As for :func:`spinthermo.core.steady.steady_state` (``tol``, ...).

        Returns
        -------
        numpy.ndarray
            The NESS in block coordinates, shape (n,) (or ``(*B, n)`` for a batch).
        """
        return steady_state(self.generator, **kwargs).state

    def steady_state(self, *, options: SteadyStateOptions | None = None) -> SteadyStateResult:
        """The NESS of seed 000 Eq. (1) by Newton's method on the block coordinates.

        Parameters
        ----------
        options : SteadyStateOptions or None
            Tolerance, iteration limit and initial guess (a density matrix); ``None`` for
            the defaults.

        Returns
        -------
        SteadyStateResult
            The NESS as a density matrix, shape ``(d, d)``, in the ``|F, m_F⟩``
            basis, with its residual.
        """
        options = fast_path.steady_state_options(options)
        guess = None if options.initial_guess is None else self.coordinates(
            options.initial_guess)
        started = time.perf_counter()
        solution = steady_state(self.generator, guess, tol=options.tol,
                                max_iterations=options.max_iterations)
        return fast_path.steady_state_result(solution, options, self.density_matrix, started,
                                             method="newton")

    def evolve(self, times, initial_state=None, *,
               options: EvolveOptions | None = None) -> EvolutionResult:
        """ρ(t) of Eq. (1); ``options.method`` ``"auto"`` is the compiled Dormand–Prince
        integrator (use ``"BDF"``/``"Radau"`` for stiff runs).

        Parameters
        ----------
        times : array_like
            Output times, shape (T,), s.
        initial_state : array_like or None
            Density matrix (d, d) or block coordinates (n,); None: unpolarised.
        options : EvolveOptions or None
            Method and tolerances; None: the defaults.

        Returns
        -------
        EvolutionResult
            Density matrices, shape (T, d, d), in the ``|F, m_F⟩`` basis.
        """
        x0 = self.coordinates(self.initial_state() if initial_state is None
                              else initial_state)
        return fast_path.evolve_generator(self.generator, x0, times, options,
                                          embed=self.density_matrix)

    def open_system(self) -> OpenSystemSpec:
        """Seed 000 Eq. (1) for the front door, in the full ``|F, m_F⟩`` space.

        Returns
        -------
        OpenSystemSpec
            H0 = A_hfs I·S (rad/s, shape ``(d, d)``), the linear terms as one
            :class:`~spinthermo.core.open_system.Liouvillian`, and spin exchange as three
            :class:`~spinthermo.core.open_system.MeanField` terms ``Tr(S_k ρ)·4Γ_SE φ S_k``.

        Notes
        -----
        With ``secular=True`` every term is projected on the F-diagonal blocks, the
        hyperfine coherences are damped at R + Γ_SE + Γ_SD, and H is 0 (H0 commutes with the
        blocks, as in the model's own generator), so the steady state and the dynamics on the
        blocks are the model's.
        """
        from spinthermo.core.open_system import Liouvillian, MeanField

        atom = _atom(float(self.nuclear_spin), False)
        ops = atom._superoperators
        total = self.pumping_rate + self.spin_exchange_rate + self.spin_destruction_rate
        linear = total * ops["decay"] + self.pumping_rate * np.einsum(
            "k,kij->ij", self.photon_spin, ops["pump"])
        exchange = self.spin_exchange_rate * ops["exchange"]
        if self.secular:
            keep = np.zeros(self.dimension ** 2)
            keep[self.atom.projection.kept] = 1.0
            linear = keep[:, None] * linear * keep[None, :] - total * np.diag(1.0 - keep)
            exchange = keep[:, None] * exchange * keep[None, :]
        h = np.zeros((self.dimension,) * 2, dtype=complex) if self.secular else \
            self.hamiltonian()
        mean_field = tuple(MeanField(s, g) for s, g in zip(atom.electron_spin, exchange,
                                                            strict=True))
        return OpenSystemSpec(h, (Liouvillian(linear),), mean_field)

    def density_matrix(self, states) -> np.ndarray:
        """Density matrices in the ``|F, m_F⟩`` basis.

        Parameters
        ----------
        states : array_like or result
            Block coordinates ``(..., n)``, density matrices ``(..., d, d)``, or a result of
            :meth:`steady_state` / :meth:`evolve`.

        Returns
        -------
        numpy.ndarray
            Density matrices, shape ``(..., d, d)``, complex.
        """
        return self.atom.projection.embed(self.coordinates(states))

    def coordinates(self, states) -> np.ndarray:
        """Block coordinates of states.

        Parameters
        ----------
        states : array_like or result
            Density matrices ``(..., d, d)``, a result (its ``state`` or ``states``), or block
            coordinates ``(..., n)`` (returned as they are).

        Returns
        -------
        numpy.ndarray
            Block coordinates, shape ``(..., n)``.
        """
        held = result_states(states)
        states = np.asarray(states if held is None else held)
        d = self.dimension
        if states.ndim >= 2 and states.shape[-2:] == (d, d):
            return self.atom.projection.restrict(states)
        return states

    def expectation(self, states, spin: str, axis: str) -> np.ndarray:
        """⟨S_k⟩, ⟨F_k⟩ or ⟨I_k⟩ of states.

        Parameters
        ----------
        states : array_like or result
            As for :meth:`coordinates`.
        spin : str
            ``"S"`` (electron), ``"F"`` (total) or ``"I"`` (nuclear).
        axis : str
            ``"x"``, ``"y"`` or ``"z"``.

        Returns
        -------
        numpy.ndarray
            The expectation value, real, dimensionless (units of ħ), shape ``(...)``.
        """
        operators = {"S": self.atom.electron_spin, "F": self.atom.total_spin,
                     "I": self.atom.spins.first}
        if spin not in operators or axis not in AXES:
            raise ValueError(
                f"spin must be 'S', 'F' or 'I' and axis 'x', 'y' or 'z'; received {spin!r}, "
                f"{axis!r}"
            )
        row = self.atom.projection.row(expectation_row(operators[spin][AXES[axis]]))
        return (self.coordinates(states) @ row).real

    def hamiltonian(self, a_hfs: float | None = None) -> np.ndarray:
        """``H0 = A_hfs I·S`` in the coupled basis.

        Parameters
        ----------
        a_hfs : float or None
            Hyperfine constant, rad/s; None: the model's value (``ValueError`` when neither is
            given: H0 would silently be 0).

        Returns
        -------
        numpy.ndarray
            H0, shape (d, d), rad/s, in the ``|F, m_F⟩`` basis.
        """
        a = self.a_hfs if a_hfs is None else a_hfs
        if a is None:
            raise ValueError(
                "the hyperfine Hamiltonian H0 = A_hfs I·S (energy, ergotropy, efficiency) needs "
                "a_hfs >= 0 rad/s: give AlkaliPumping(a_hfs=...) or use "
                "AlkaliPumping.from_species(...); received a_hfs=None"
            )
        require_nonnegative("a_hfs", a, unit="rad/s")
        return a * self.atom.hyperfine_operator


_ATOMS: dict[tuple[float, bool], AlkaliAtom] = {}


def _atom(nuclear_spin: float, secular: bool) -> AlkaliAtom:
    key = (nuclear_spin, secular)
    if key not in _ATOMS:
        _ATOMS[key] = AlkaliAtom(nuclear_spin, secular)
    return _ATOMS[key]


def spin_temperature_state(atom: AlkaliAtom, polarization: float, axis: str = "z") -> np.ndarray:
    """``ρ = e^{β F_k}/Z`` with ``tanh(β/2) = P``, the electron polarisation ⟨2S_k⟩ = P.

    The spin-temperature distribution (Anderson, Pipkin & Baird 1959; Happer & Tam 1977) that
    seed 000 states is the NESS of Eq. (1).

    Parameters
    ----------
    atom : AlkaliAtom
        The ground state (its F operators).
    polarization : float
        Electron polarisation P, in (−1, 1).
    axis : str
        ``"x"``, ``"y"`` or ``"z"``: the direction k.

    Returns
    -------
    numpy.ndarray
        Density matrix, shape (d, d), in the coupled ``|F, m_F⟩`` basis.
    """
    require_range("polarization", polarization, -1.0, 1.0, low_inclusive=False,
                  high_inclusive=False)
    beta = 2.0 * np.arctanh(polarization)
    f_op = atom.total_spin[AXES[axis]]
    w, v = np.linalg.eigh(f_op)
    weights = np.exp(beta * (w - w.max()))
    rho = (v * weights) @ v.conj().T
    return rho / np.trace(rho)


def state_derivative(model: AlkaliPumping, coordinates) -> np.ndarray:
    """``dρ/dt`` of Eq. (1) at states ``(..., n)`` as ``(..., d, d)`` matrices, free of the
    rounding that exact arithmetic would make vanish.

    Eq. (1) preserves trace and Hermiticity, so ``Tr ρ̇`` and ``ρ̇ − ρ̇†`` are rounding of the
    generator's scale — 3e-4 s⁻¹ at a NESS with Γ_SE = R = 1e12 s⁻¹, larger than any
    tolerance on ρ̇'s own entries. Both are removed after checking they stay below
    ``DERIVATIVE_ROUNDING_RTOL × max|L|·max|x|`` (``ValueError`` otherwise). A state that
    passes the steady-state test (``max|ẋ| ≤ DEFAULT_STEADY_TOL·max|L|``) gets ρ̇ = 0: its
    derivative is unresolved from zero, and its rounding must not enter dΣ/dt.

    Parameters
    ----------
    model : AlkaliPumping
        The model whose generator gives ρ̇.
    coordinates : array_like
        Block coordinates, shape ``(..., n)``.

    Returns
    -------
    numpy.ndarray
        ρ̇, Hermitian and traceless, shape ``(..., d, d)``, s⁻¹.
    """
    x = np.asarray(coordinates, dtype=complex)
    generator = model.generator
    scale = generator.scale(x)
    rounding = scale * np.max(np.abs(x), axis=-1)
    x_dot = generator.traceless_rhs(x, rounding)
    rho_dot = model.density_matrix(x_dot)
    anti_hermitian = np.max(np.abs(rho_dot - np.conj(np.swapaxes(rho_dot, -1, -2))),
                            axis=(-2, -1))
    allowed = DERIVATIVE_ROUNDING_RTOL * rounding
    if np.any(anti_hermitian > allowed):
        raise ValueError(
            "coordinates must describe Hermitian states: drho/dt has an anti-Hermitian part "
            f"{np.max(anti_hermitian):.3g} beyond the rounding allowance "
            f"{DERIVATIVE_ROUNDING_RTOL:g} x max|L|·max|x| = {np.min(allowed):.3g}"
        )
    steady = np.max(np.abs(x_dot), axis=-1) <= DEFAULT_STEADY_TOL * scale
    return np.where(steady[..., None, None], 0.0,
                    0.5 * (rho_dot + np.conj(np.swapaxes(rho_dot, -1, -2))))


def thermodynamics(model: AlkaliPumping, states, *, steady: bool = False
                   ) -> dict[str, np.ndarray]:
    """Seed 000's diagnostics of states of ``model`` (block coordinates ``(..., n)``, density
    matrices ``(..., d, d)`` or a result of its verbs), each of shape ``(...)``.

    ``entropy`` S(ρ) and ``entropy_production`` Σ = D(ρ‖1/d) (Eq. 3) in nats, its rate
    ``entropy_production_rate`` dΣ/dt = Tr[ρ̇ (ln ρ − ln 1/d)] (s⁻¹) with ρ̇ from Eq. (1);
    ``energy`` (from the ground level), ``ergotropy`` (Eq. 4) in rad/s for H0 = A_hfs I·S;
    ``efficiency`` R = ℰ/E (Eq. 5); ``qfi_x|y|z`` F_Q(ρ, F_k) (Eq. 6); ``f_x|y|z`` ⟨F_k⟩.
    The energies need ``model.a_hfs`` (``ValueError`` naming it otherwise); ρ̇ is
    :func:`state_derivative`, so rates up to 1e12 s⁻¹ pass the checks of ρ̇. The states are
    checked and diagonalised once (:func:`spinthermo.thermo.state_spectrum`) for every
    diagnostic.

    Parameters
    ----------
    model : AlkaliPumping
        The model (its H0 and generator).
    states : array_like or result
        As for :meth:`AlkaliPumping.coordinates`.
    steady : bool, optional
        True when ``states`` are steady states of ``model`` that
        :func:`~spinthermo.core.steady.steady_state` or
        :func:`~spinthermo.core.steady.steady_states` accepted (relative residual at most
        :data:`~spinthermo.core.steady.DEFAULT_STEADY_TOL`): ρ̇ = 0, which
        :func:`state_derivative` would return for them, is used without evaluating Eq. (1)
        again (default False).

    Returns
    -------
    dict of str to numpy.ndarray
        The diagnostics named above, each of shape ``(...)``.
    """
    from spinthermo import thermo

    h0 = model.hamiltonian()
    coordinates = model.coordinates(states)
    rho = thermo.state_spectrum(model.density_matrix(coordinates))
    rho_dot = (np.zeros_like(rho.rho) if steady
               else state_derivative(model, coordinates))
    out = {
        "entropy": thermo.von_neumann_entropy(rho),
        "entropy_production": thermo.entropy_production(rho),
        "entropy_production_rate": thermo.entropy_production_rate(rho, rho_dot),
        "energy": thermo.internal_energy(rho, h0),
        "ergotropy": thermo.ergotropy(rho, h0),
        "efficiency": thermo.polarization_efficiency(rho, h0),
    }
    for axis, index in AXES.items():
        out[f"qfi_{axis}"] = thermo.quantum_fisher_information(rho, model.atom.total_spin[index])
        out[f"f_{axis}"] = model.expectation(coordinates, "F", axis)
    return out
