"""A user's open system, assembled once: ``dρ/dt = 𝓛(t)ρ + Σ_k Tr(O_k ρ) 𝒢_k[ρ]``.

The front door (:func:`spinthermo.steady_state`, :func:`spinthermo.evolve`) accepts a
Hamiltonian, jump operators and mean-field terms in the forms QuTiP users write: arrays,
sparse matrices, ``Qobj`` (operators or superoperators, column stacking as in QuTiP),
time-dependent lists ``[H0, [H1, f]]`` and ``QobjEvo``. :func:`build_open_system` turns them
into one :class:`OpenSystem`: a static Liouvillian (dense up to :data:`DENSE_LIMIT`, sparse
above), time-dependent superoperators with their coefficients, and the mean-field rows and
superoperators of a :class:`~spinthermo.core.generator.MeanFieldGenerator`. The static
Hamiltonian and jump operators given as operators are kept as they are, and the Liouvillian
is formed from them on first use: a matrix-free solver (``method="krylov"``) never forms it.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import numpy as np
import scipy.sparse

from spinthermo.core.generator import TRACE_PRESERVATION_RTOL, MeanFieldGenerator
from spinthermo.core.operands import (
    Operand,
    as_operand,
    is_qobj,
    is_qobjevo,
    require_hamiltonian,
)
from spinthermo.core.superop import sparse_liouvillian, trace_row, unvec, vec

#: Largest Liouvillian dimension d² held as a dense matrix (d ≤ 32): dense LAPACK on ≤ 1024²
#: beats sparse LU there; above it, memory (16 d⁴ bytes) and time favour sparse matrices.
DENSE_LIMIT = 1024


@dataclass(frozen=True)
class MeanField:
    """A state-dependent term ``Tr(O ρ) 𝒢[ρ]`` of the master equation.

    Both parts are converted and checked once, when the term is made (a sweep that calls the
    front door many times with the same terms pays for it once).

    Parameters
    ----------
    observable : array_like or qutip.Qobj
        The operator ``O``, shape (d, d); its expectation value scales the term.
    superoperator : array_like or qutip.Qobj
        ``𝒢``, shape (d², d²), in column stacking (QuTiP's convention), e.g.
        ``qutip.spost(S_z)``; in s⁻¹ per unit of ``O``.

    Notes
    -----
    Seed 000's spin exchange ``4Γ_SE Σ_k ⟨S_k⟩ ...`` is three such terms; see the README.
    """

    observable: Any
    superoperator: Any
    _observable: Operand = field(init=False, repr=False, compare=False)
    _superoperator: Operand = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        observable = as_operand("MeanField.observable", self.observable)
        if observable.kind != "oper":
            raise ValueError(f"MeanField.observable must be an operator (d, d); received a "
                             f"{observable.kind}")
        observable = Operand(observable.dense(), observable.dims, "oper")
        superop = _superoperator("MeanField.superoperator", self.superoperator)
        object.__setattr__(self, "_observable", observable)
        object.__setattr__(self, "_superoperator", Operand(superop.dense(), superop.dims,
                                                           "super"))


@dataclass(frozen=True)
class Liouvillian:
    """Marks an array (d², d²) as a Liouvillian in column stacking, so that it is not taken
    for a Hamiltonian of dimension d² (a super ``Qobj`` needs no marker). Converted and checked
    once, when it is made.

    Parameters
    ----------
    matrix : array_like or scipy.sparse matrix
        The superoperator, shape (d², d²), in s⁻¹.
    """

    matrix: Any
    _operand: Operand = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        operand = as_operand("Liouvillian.matrix", self.matrix)
        if operand.kind != "oper":
            raise ValueError(f"Liouvillian.matrix must be a square matrix (d², d²); received a "
                             f"{operand.kind}")
        object.__setattr__(self, "_operand", Operand(operand.matrix, None, "super"))


@dataclass(frozen=True)
class OpenSystem:
    """The assembled equation ``dρ/dt = 𝓛(t)ρ + Σ_k Tr(O_k ρ) 𝒢_k[ρ]`` (module docstring).

    Built by :func:`build_open_system`; coordinates are ``vec(ρ)`` (column stacking), n = d*d.

    Parameters
    ----------
    dimension : int
        Hilbert-space dimension d.
    dims : list or None
        QuTiP ``dims`` of the input operators (None for arrays).
    superoperators : array or None
        Static terms given as superoperators, summed, in s⁻¹, shape (n, n), dense or
        ``scipy.sparse`` (None: there are none).
    feedback_rows : numpy.ndarray, shape (K, n)
        Rows c_k with ``c_k·x = Tr(O_k ρ)``.
    feedback_ops : numpy.ndarray, shape (K, n, n)
        Superoperators 𝒢_k in s⁻¹.
    time_terms : tuple of tuple, optional
        ``(superoperator (n, n), f)`` pairs adding ``f(t) × superoperator``.
    hamiltonian_functions : tuple of callable, optional
        ``t ↦ H(t)`` (rad/s, (d, d)) of ``QobjEvo`` Hamiltonians, entering as ``−i[H(t), ρ]``.
    hamiltonian : array or None, optional
        The static Hamiltonian given as operators, summed, in rad/s, shape (d, d), dense or
        ``scipy.sparse`` (None: none given).
    jumps : tuple of arrays, optional
        The static collapse operators given as operators, each (d, d) in s^(-1/2), dense or
        ``scipy.sparse``.
    """

    dimension: int
    dims: Any
    superoperators: Any
    feedback_rows: np.ndarray
    feedback_ops: np.ndarray
    time_terms: tuple[tuple[Any, Callable[[float], complex]], ...] = ()
    hamiltonian_functions: tuple[Callable[[float], np.ndarray], ...] = ()
    hamiltonian: Any = None
    jumps: tuple = ()

    @cached_property
    def liouvillian(self):
        """Static part of 𝓛 in s⁻¹, shape (n, n), formed on first use.

        The superoperator terms plus ``−i[H, ·] + Σ_k D[L_k]`` of the operator terms; dense up
        to :data:`DENSE_LIMIT`, sparse above."""
        parts = [] if self.superoperators is None else [self.superoperators]
        if self.hamiltonian is not None or self.jumps or self.superoperators is None:
            parts.append(_operator_liouvillian(self.dimension, self.hamiltonian, self.jumps))
        return sum(parts[1:], parts[0])

    @property
    def operator_form(self) -> tuple[Any, tuple] | None:
        """``(H, jumps)`` when every static term was given as an operator (H may be None), so
        that a matrix-free solver needs no Liouvillian; None when a superoperator was given."""
        return None if self.superoperators is not None else (self.hamiltonian, self.jumps)

    @property
    def size(self) -> int:
        """Number of coordinates n = d*d."""
        return self.dimension * self.dimension

    @property
    def is_sparse(self) -> bool:
        """Whether the static Liouvillian is held sparse (n above DENSE_LIMIT)."""
        return self.size > DENSE_LIMIT

    @property
    def is_linear(self) -> bool:
        """Whether there are no mean-field terms."""
        return self.feedback_rows.shape[0] == 0

    @property
    def is_time_dependent(self) -> bool:
        """Whether any term depends on time."""
        return bool(self.time_terms or self.hamiltonian_functions)

    @property
    def trace(self) -> np.ndarray:
        """Trace row t, ``t·vec(ρ) = Tr ρ``, shape (n,)."""
        return trace_row(self.dimension)

    def is_trace_preserving(self) -> bool:
        """Whether ``t·𝓛(t) = 0`` for every part (static, time-dependent, mean-field).

        Each part within :data:`~spinthermo.core.generator.TRACE_PRESERVATION_RTOL` of its
        largest entry; a ``QobjEvo`` Hamiltonian enters through a commutator, which always
        preserves the trace.

        Returns
        -------
        bool
        """
        parts = [self.liouvillian, *(superop for superop, _ in self.time_terms),
                 *self.feedback_ops]
        for part in parts:
            leak = abs(self.trace @ part).max() if part.shape[0] else 0.0
            largest = abs(part).max() if part.shape[0] else 0.0
            if leak > TRACE_PRESERVATION_RTOL * largest:
                return False
        return True

    def generator(self) -> MeanFieldGenerator:
        """The static equation as a dense :class:`MeanFieldGenerator`.

        Returns
        -------
        MeanFieldGenerator
            On n = d*d coordinates (time-dependent terms are not included).
        """
        linear = self.liouvillian.toarray() if self.is_sparse else self.liouvillian
        return MeanFieldGenerator(linear, self.feedback_rows, self.feedback_ops, self.trace)

    def rhs(self, t: float, x: np.ndarray) -> np.ndarray:
        """``dx/dt`` at time ``t`` (x = vec ρ).

        Parameters
        ----------
        t : float
            Time in s.
        x : numpy.ndarray, shape (n,)
            Coordinates ``vec(ρ)`` (column stacking), n = d*d.

        Returns
        -------
        numpy.ndarray, shape (n,)
            dx/dt in s⁻¹, complex.
        """
        out = self.liouvillian @ x
        if not self.is_linear:
            values = self.feedback_rows @ x
            out = out + np.einsum("k,kij,j->i", values, self.feedback_ops, x)
        for superop, coefficient in self.time_terms:
            out = out + coefficient(t) * (superop @ x)
        if self.hamiltonian_functions:
            rho = unvec(x)
            for function in self.hamiltonian_functions:
                h = function(t)
                out = out + vec(-1j * (h @ rho - rho @ h))
        return out

    def jacobian(self, t: float, x: np.ndarray):
        """``∂(dx/dt)/∂x`` at ``(t, x)``.

        A ``QobjEvo`` Hamiltonian enters as the commutator superoperator of ``H(t)``.

        Parameters
        ----------
        t : float
            Time in s.
        x : numpy.ndarray, shape (n,)
            Coordinates ``vec(ρ)`` (column stacking), n = d*d.

        Returns
        -------
        numpy.ndarray or scipy.sparse array, shape (n, n)
            The Jacobian in s⁻¹: dense, or sparse for a large linear system.
        """
        jac = self.liouvillian
        if not self.is_linear:
            jac = self.generator().jacobian(x)
        for superop, coefficient in self.time_terms:
            jac = jac + coefficient(t) * superop
        for function in self.hamiltonian_functions:
            commutator = sparse_liouvillian(function(t))
            jac = jac + (commutator if self.is_sparse else commutator.toarray())
        return jac


def _coefficient(name: str, function: Any) -> Callable[[float], complex]:
    """A QuTiP-style coefficient ``f(t)`` or ``f(t, args)`` as ``t ↦ complex``."""
    if isinstance(function, str):
        raise TypeError(f"{name}: string coefficients need QuTiP's compiler; pass a Python "
                        f"function of t instead of {function!r}")
    if not callable(function):
        raise TypeError(f"{name}: a time-dependent term is [operator, f] with f a function of "
                        f"t; received a coefficient of type {type(function).__name__}")
    try:
        required = [p for p in inspect.signature(function).parameters.values()
                    if p.default is p.empty and p.kind in (p.POSITIONAL_ONLY,
                                                           p.POSITIONAL_OR_KEYWORD)]
    except (TypeError, ValueError):  # builtins such as np.cos have no signature
        required = [None]
    if len(required) >= 2:
        return lambda t: complex(function(t, {}))
    return lambda t: complex(function(t))


def _is_time_dependent_pair(item: Any) -> bool:
    return isinstance(item, list | tuple) and len(item) == 2 and not isinstance(
        item[0], int | float | complex) and (callable(item[1]) or isinstance(item[1], str))


def _split_time_dependent(name: str, value: Any) -> tuple[list[Any], list[tuple[Any, Any]]]:
    """QuTiP's list form ``[H0, [H1, f1], ...]`` → (static parts, (operator, f) pairs)."""
    if isinstance(value, list) and value and any(_is_time_dependent_pair(v) for v in value):
        static = [v for v in value if not _is_time_dependent_pair(v)]
        pairs = [tuple(v) for v in value if _is_time_dependent_pair(v)]
        return static, pairs
    return [value], []


def _dimension_of(name: str, operand: Operand) -> int:
    n = operand.matrix.shape[0]
    if operand.kind == "super":
        d = round(np.sqrt(n))
        if d * d != n:
            raise ValueError(f"{name} must be a superoperator of size d² × d²; received {n}")
        return d
    return n


def _oper_dims(operand: Operand) -> Any:
    if operand.dims is None:
        return None
    return operand.dims[0] if operand.kind == "super" else operand.dims


def _superoperator(name: str, value: Any) -> Operand:
    if isinstance(value, Liouvillian):
        return value._operand
    operand = as_operand(name, value)
    if operand.kind == "oper" and not is_qobj(value):
        operand = Operand(operand.matrix, None, "super")
    if operand.kind != "super":
        raise ValueError(f"{name} must be a superoperator (d², d²); received a {operand.kind}")
    return operand


class _Assembler:
    """Collects the terms, checks their dimensions agree, and sums them (sparse)."""

    def __init__(self) -> None:
        self.dimension: int | None = None
        self.dims: Any = None
        self.static = None
        self.time_terms: list[tuple[Any, Callable]] = []
        self.hamiltonian_functions: list[Callable] = []

    def agree(self, name: str, operand: Operand) -> None:
        d = _dimension_of(name, operand)
        if self.dimension is None:
            self.dimension = d
        elif d != self.dimension:
            raise ValueError(f"{name} has dimension {d}; the system so far has dimension "
                             f"{self.dimension}")
        if self.dims is None:
            self.dims = _oper_dims(operand)

    @property
    def dense(self) -> bool:
        return self.dimension is not None and self.dimension ** 2 <= DENSE_LIMIT

    def matrix(self, superop):
        """``superop`` in the system's storage: dense up to DENSE_LIMIT, sparse CSR above."""
        if self.dense:
            return np.asarray(superop.toarray() if scipy.sparse.issparse(superop) else superop,
                              dtype=complex)
        return scipy.sparse.csr_array(superop, dtype=complex)

    def add_static(self, superop) -> None:
        superop = self.matrix(superop)
        self.static = superop if self.static is None else self.static + superop

    def liouvillian(self, hamiltonian=None, jumps=()):
        """``−i[H, ·] + Σ D[L]`` in the system's storage (dense or sparse)."""
        return _operator_liouvillian(self.dimension, hamiltonian, jumps)

    def hamiltonian_term(self, name: str, value: Any) -> tuple[str, Any]:
        """``("super", L)`` for a Liouvillian, ``("oper", H)`` for a Hamiltonian."""
        if isinstance(value, Liouvillian) or (is_qobj(value) and value.type == "super"):
            operand = _superoperator(name, value)
            self.agree(name, operand)
            return "super", operand.matrix
        operand = require_hamiltonian(name, as_operand(name, value))
        self.agree(name, operand)
        return "oper", operand.dense() if self.dense else operand.matrix

    def jump_term(self, name: str, value: Any) -> tuple[str, Any]:
        """``("super", D)`` for a dissipator given as a superoperator, ``("oper", L)`` for a
        collapse operator."""
        if isinstance(value, Liouvillian) or (is_qobj(value) and value.type == "super"):
            operand = _superoperator(name, value)
            self.agree(name, operand)
            return "super", operand.matrix
        operand = as_operand(name, value)
        if operand.kind != "oper":
            raise ValueError(f"{name} must be an operator (d, d); received a {operand.kind}")
        self.agree(name, operand)
        return "oper", operand.dense() if self.dense else operand.matrix


def _operator_liouvillian(d: int, hamiltonian, jumps):
    """``−i[H, ·] + Σ_k D[L_k]`` (H None: no Hamiltonian) in the storage of a system of
    dimension d: dense up to :data:`DENSE_LIMIT`, sparse CSR above."""
    if d * d <= DENSE_LIMIT:
        return _dense_liouvillian(d, hamiltonian, jumps)
    if hamiltonian is None and not jumps:
        return scipy.sparse.csr_array((d * d, d * d), dtype=complex)
    return scipy.sparse.csr_array(sparse_liouvillian(hamiltonian, list(jumps)), dtype=complex)


def _dense_liouvillian(d: int, hamiltonian, jumps) -> np.ndarray:
    """``−i[H, ·] + Σ_k D[L_k]`` through ``H_eff = H − (i/2) Σ L_k†L_k``:
    ``−i(1 ⊗ H_eff) + i(H_eff* ⊗ 1) + Σ_k L_k* ⊗ L_k`` (column stacking), 2 + K Kronecker
    products instead of the 2 + 4K of summing commutator and dissipators."""
    h_eff = np.zeros((d, d), dtype=complex) if hamiltonian is None else \
        np.array(hamiltonian, dtype=complex)
    for jump in jumps:
        h_eff -= 0.5j * (jump.conj().T @ jump)
    out = np.zeros((d, d, d, d), dtype=complex)  # out[a, i, b, j] = 𝓛[(a, i), (b, j)]
    diagonal = np.arange(d)
    out[diagonal, :, diagonal, :] -= 1j * h_eff            # −i (1 ⊗ H_eff)
    out[:, diagonal, :, diagonal] += 1j * h_eff.conj()     # +i (H_eff* ⊗ 1)
    for jump in jumps:
        out += jump.conj()[:, None, :, None] * jump[None, :, None, :]
    return out.reshape(d * d, d * d)


def _hamiltonian_function(value: Any) -> Callable[[float], np.ndarray]:
    def at(t: float) -> np.ndarray:
        return np.asarray(value(t).full(), dtype=complex)

    return at


def build_open_system(hamiltonian: Any, c_ops: Sequence[Any] = (),
                      mean_field: Sequence[MeanField] | MeanField = ()) -> OpenSystem:
    """Assemble ``dρ/dt = 𝓛(t)ρ + Σ_k Tr(O_k ρ) 𝒢_k[ρ]`` from the front door's arguments.

    Parameters
    ----------
    hamiltonian : array_like, Qobj, Liouvillian or list
        An operator (array, sparse, ``Qobj``; rad/s, (d, d)), a Liouvillian (super ``Qobj``
        or :class:`Liouvillian`; s⁻¹, (d*d, d*d)), QuTiP's list form
        ``[H0, [H1, f(t)], ...]``, a ``QobjEvo``, or None (dissipation only).
    c_ops : sequence, optional
        Operators ``L`` (rate 1: scale ``L`` by √γ as in QuTiP), ``[L, f(t)]`` pairs (the
        dissipator scales with ``|f(t)|²``) or dissipators as super ``Qobj``.
    mean_field : MeanField or sequence, optional
        :class:`MeanField` terms.

    Returns
    -------
    OpenSystem
        The assembled equation.
    """
    assembler = _Assembler()
    hamiltonians, jumps = [], []
    if is_qobjevo(hamiltonian):
        probe = hamiltonian(0.0)
        operand = require_hamiltonian("H", as_operand("H", probe))
        assembler.agree("H", operand)
        assembler.hamiltonian_functions.append(_hamiltonian_function(hamiltonian))
    elif hamiltonian is not None:
        static, pairs = _split_time_dependent("H", hamiltonian)
        for k, part in enumerate(static):
            kind, matrix = assembler.hamiltonian_term(
                "H" if len(static) == 1 and not pairs else f"H[{k}]", part)
            if kind == "oper":
                hamiltonians.append(matrix)
            else:
                assembler.add_static(matrix)
        for k, (operator, function) in enumerate(pairs):
            label = f"H (time-dependent term {k})"
            kind, matrix = assembler.hamiltonian_term(label, operator)
            superop = assembler.liouvillian(matrix) if kind == "oper" else matrix
            assembler.time_terms.append((assembler.matrix(superop),
                                         _coefficient(label, function)))
    if c_ops is None:
        c_ops = ()
    if is_qobj(c_ops) or isinstance(c_ops, np.ndarray) or scipy.sparse.issparse(c_ops):
        raise TypeError("c_ops must be a list of collapse operators; wrap a single one as "
                        "[c_op]")
    for k, item in enumerate(c_ops):
        label = f"c_ops[{k}]"
        if is_qobjevo(item):
            raise TypeError(f"{label}: a QobjEvo collapse operator is not supported; use the "
                            "list form [c_op, f] (the dissipator scales with |f(t)|²)")
        if _is_time_dependent_pair(item):
            operator, function = item
            kind, matrix = assembler.jump_term(label, operator)
            superop = assembler.liouvillian(None, [matrix]) if kind == "oper" else matrix
            coefficient = _coefficient(label, function)
            assembler.time_terms.append((assembler.matrix(superop),
                                         lambda t, c=coefficient: abs(c(t)) ** 2))
        else:
            kind, matrix = assembler.jump_term(label, item)
            if kind == "oper":
                jumps.append(matrix)
            else:
                assembler.add_static(matrix)
    if assembler.dimension is None:
        raise ValueError("give a Hamiltonian H or at least one collapse operator in c_ops")
    h = sum(hamiltonians[1:], hamiltonians[0]) if hamiltonians else None
    rows, ops = _mean_field_terms(mean_field, assembler)
    return OpenSystem(assembler.dimension, assembler.dims, assembler.static, rows, ops,
                      tuple(assembler.time_terms), tuple(assembler.hamiltonian_functions),
                      h, tuple(jumps))


def _mean_field_terms(mean_field, assembler: _Assembler):
    if isinstance(mean_field, MeanField):
        mean_field = (mean_field,)
    d = assembler.dimension
    n = d * d
    rows, ops = [], []
    for k, term in enumerate(mean_field):
        if not isinstance(term, MeanField):
            raise TypeError(f"mean_field[{k}] must be a spinthermo.MeanField(observable=O, "
                            f"superoperator=G); received {type(term).__name__}")
        if not assembler.dense:
            raise ValueError(f"mean_field terms need a dense Liouvillian (d ≤ "
                             f"{round(np.sqrt(DENSE_LIMIT))}); the system has d = {d}")
        assembler.agree(f"mean_field[{k}].observable", term._observable)
        assembler.agree(f"mean_field[{k}].superoperator", term._superoperator)
        rows.append(vec(term._observable.matrix.T))
        ops.append(term._superoperator.matrix)
    return (np.array(rows, dtype=complex).reshape(len(rows), n),
            np.array(ops, dtype=complex).reshape(len(ops), n, n))
