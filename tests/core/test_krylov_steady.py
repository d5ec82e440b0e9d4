"""Matrix-free GMRES steady states (:mod:`spinthermo.core.krylov_steady`): the resonance
fluorescence formula, the sparse LU and QuTiP on driven dipolar clusters of general geometry,
and the refusals (no convergence, a degenerate null space, bad input)."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
import scipy.sparse

from spinthermo.core import krylov_steady
from spinthermo.core.krylov_steady import liouvillian_diagonal, steady_state_krylov
from spinthermo.core.steady import SteadyStateError, steady_state_sparse
from spinthermo.core.superop import trace_row, unvec
from spinthermo.models.dipolar import DipolarCluster, DrivenDipolarCluster
from spinthermo.models.dipolar.basis import excitation_numbers

#: Two exact solves of the same well-conditioned bordered system (κ ≲ 1e3 for these clusters)
#: agree to ~κ·1e-16 per entry; 1e-10 is far below the effect of any wrong term.
AGREEMENT = 1e-10
LASER = 50.0


def _driven(n_atoms: int, nbar: float = 0.7) -> DrivenDipolarCluster:
    """A generic cluster: random positions in a 0.3 λ cube, every Ω_i and Δ_i different."""
    rng = np.random.default_rng(11 + n_atoms)
    cluster = DipolarCluster.from_positions(rng.uniform(0.0, 0.3, (n_atoms, 3)),
                                            [0.0, 0.3, 1.0], nbar, wavelength=1.0)
    return DrivenDipolarCluster(cluster, rabi=rng.uniform(0.5, 2.0, n_atoms),
                                detuning=rng.uniform(-1.0, 1.0, n_atoms), laser_frequency=LASER)


def _krylov(model: DrivenDipolarCluster, **kwargs):
    spec = model.open_system()
    return steady_state_krylov(spec.hamiltonian, spec.c_ops, **kwargs)


def test_a_driven_two_level_atom_gives_the_resonance_fluorescence_population():
    """ρ_ee = (Ω²/4) / (Δ² + γ²/4 + Ω²/2) for H = −Δ σ⁺σ⁻ + (Ω/2) σ^x, L = √γ σ⁻."""
    gamma, rabi, detuning = 2.0, 3.0, 0.7
    sigma_minus = np.array([[0.0, 0.0], [1.0, 0.0]])  # (|e⟩, |g⟩): |g⟩⟨e|
    h = -detuning * np.diag([1.0, 0.0]) + 0.5 * rabi * (sigma_minus + sigma_minus.T)
    rho = unvec(steady_state_krylov(h, [np.sqrt(gamma) * sigma_minus]).state)
    expected = 0.25 * rabi**2 / (detuning**2 + 0.25 * gamma**2 + 0.5 * rabi**2)
    assert rho[0, 0].real == pytest.approx(expected, abs=1e-13)


@pytest.mark.parametrize("n_atoms", [3, 4])
def test_driven_cluster_equals_the_sparse_lu_of_the_full_liouvillian(n_atoms):
    model = _driven(n_atoms)
    ours = _krylov(model)
    lu = steady_state_sparse(model.liouvillian(), trace_row(model.dimension))
    np.testing.assert_allclose(ours.state, lu.state, atol=AGREEMENT)
    rho = unvec(ours.state)
    assert np.trace(rho) == pytest.approx(1.0, abs=1e-14)
    np.testing.assert_allclose(rho, rho.conj().T, atol=1e-13)
    assert np.min(np.linalg.eigvalsh(0.5 * (rho + rho.conj().T))) > -1e-13
    assert ours.residual <= 1e-12
    # the drive makes coherences between excitation numbers: not the undriven Gibbs state
    assert np.max(np.abs(rho - model.cluster.gibbs_state())) > 1e-3


@pytest.mark.parametrize("n_atoms", [3, 4])
def test_driven_cluster_equals_qutip_steadystate(n_atoms):
    qutip = pytest.importorskip("qutip")
    model = _driven(n_atoms, nbar=0.0)  # zero temperature: emission only
    spec = model.open_system()
    dims = [[2] * n_atoms, [2] * n_atoms]
    peer = qutip.steadystate(qutip.Qobj(spec.hamiltonian.toarray(), dims=dims),
                             [qutip.Qobj(c.toarray(), dims=dims) for c in spec.c_ops])
    np.testing.assert_allclose(unvec(_krylov(model).state), peer.full(), atol=AGREEMENT)
    # labelled by excitation number, every jump lowers the label: all of 𝒥 preconditions
    labelled = _krylov(model, blocks=excitation_numbers(n_atoms))
    np.testing.assert_allclose(unvec(labelled.state), peer.full(), atol=AGREEMENT)


def test_the_schur_preconditioner_gives_the_same_state(monkeypatch):
    """With an ill-conditioned eigenbasis of H_eff the Bartels–Stewart (Schur) inverse of the
    no-jump operator is used; forcing it must change only the path, not the state."""
    model = _driven(3)
    eigenbasis = _krylov(model)
    monkeypatch.setattr(krylov_steady, "EIGENBASIS_MAX_CONDITION", 0.0)
    schur = _krylov(model)
    np.testing.assert_allclose(schur.state, eigenbasis.state, atol=AGREEMENT)
    assert schur.residual <= 1e-12


@pytest.mark.parametrize("labels", ["excitation", "random"])
def test_blocks_change_the_path_not_the_state(labels):
    """The block-diagonal preconditioner (excitation number: the drive couples the blocks; or
    arbitrary labels: most of H_eff couples them) gives the state of the one-block solve."""
    model = _driven(4)
    spec = model.open_system()
    blocks = (excitation_numbers(4) if labels == "excitation"
              else np.random.default_rng(1).integers(0, 3, model.dimension))
    one = steady_state_krylov(spec.hamiltonian, spec.c_ops)
    blocked = steady_state_krylov(spec.hamiltonian, spec.c_ops, blocks=blocks)
    np.testing.assert_allclose(blocked.state, one.state, atol=AGREEMENT)
    assert blocked.residual <= 1e-12


def test_an_ill_conditioned_block_falls_back_to_the_schur_solve(monkeypatch):
    model = _driven(3)
    spec = model.open_system()
    reference = steady_state_krylov(spec.hamiltonian, spec.c_ops)
    monkeypatch.setattr(krylov_steady, "EIGENBASIS_MAX_CONDITION", 0.0)
    blocked = steady_state_krylov(spec.hamiltonian, spec.c_ops, blocks=excitation_numbers(3))
    np.testing.assert_allclose(blocked.state, reference.state, atol=AGREEMENT)


def test_the_matrix_free_jump_products_give_the_same_state(monkeypatch):
    """Above JUMP_SUPEROPERATOR_MAX_NNZ the jump term Σ_k L_k ρ L_k† is formed by products with ρ
    instead of the sparse superoperator; the state must not change."""
    model = _driven(3)
    superoperator = _krylov(model)
    monkeypatch.setattr(krylov_steady, "JUMP_SUPEROPERATOR_MAX_NNZ", 0)
    products = _krylov(model)
    np.testing.assert_allclose(products.state, superoperator.state, atol=AGREEMENT)
    assert products.residual <= 1e-12


def test_the_model_solves_with_gmres_and_keeps_the_first_law():
    """DrivenDipolarCluster.steady_state runs this solver; at its state J₋ + J₊ + P = 0."""
    model = _driven(4)
    result = model.steady_state()
    assert result.stats["method"] == "krylov-gmres"
    assert result.residual <= 1e-12
    rho = result.state
    assert model.power(rho) > 0.1
    # J₋ + J₊ + P = Tr[H_E ℒρ], bounded by ‖H_E‖_F ‖ℒρ‖_F ≤ ‖H_E‖_F · d · max|ℒρ|
    spec = model.open_system()
    scale = np.max(np.abs(liouvillian_diagonal(spec.hamiltonian, spec.c_ops)))
    bound = np.linalg.norm(model.energy_operator()) * model.dimension * result.residual * scale
    assert abs(model.heat_current(rho) + model.power(rho)) <= bound
    assert bound < 1e-6 * model.power(rho)  # the bound is tight enough to mean something


def test_the_reported_residual_bounds_the_engines_measure():
    """max|ℒx|/max|diag ℒ| ≥ max|ℒx|/max|ℒ|, and the diagonal is that of the sparse ℒ."""
    model = _driven(3)
    spec = model.open_system()
    lv = model.liouvillian()
    d = model.dimension
    diagonal = liouvillian_diagonal(spec.hamiltonian, spec.c_ops)
    np.testing.assert_allclose(diagonal, lv.diagonal().reshape(d, d).T, atol=1e-13)
    solution = steady_state_krylov(spec.hamiltonian, spec.c_ops)
    engine_measure = np.max(np.abs(lv @ solution.state)) / abs(lv).max()
    assert solution.residual >= engine_measure


def test_too_few_iterations_raise_instead_of_returning_an_unconverged_state():
    with pytest.raises(SteadyStateError, match=r"exceeds tol=1e-12 after 3 iterations"):
        _krylov(_driven(4), max_iterations=3)


def test_a_degenerate_null_space_is_refused():
    """Identical couplings with a uniform drive conserve the total spin: GMRES alone converges
    to one of many steady states; the uniqueness solve refuses it."""
    model = DrivenDipolarCluster(DipolarCluster.identical(3, nbar=0.5), 0.7, 0.1, LASER)
    spec = model.open_system()
    unchecked = steady_state_krylov(spec.hamiltonian, spec.c_ops, check_unique=False,
                                    max_iterations=200)
    assert unchecked.residual < 1e-12  # a steady state, but not the only one
    with pytest.raises(SteadyStateError, match="not unique"):
        steady_state_krylov(spec.hamiltonian, spec.c_ops, max_iterations=200)


@pytest.mark.parametrize("tol", [1e-6, 1e-9, 1e-12, 1e-14])
def test_the_solve_stops_at_tol_and_reports_the_computed_residual(tol):
    """GMRES stops early on the max-norm test of its residual vector, but the residual reported
    is max|ℒρ|/max|diag ℒ| computed from the state, with the sparse ℒ, and within tol."""
    model = _driven(4)
    spec = model.open_system()
    solution = steady_state_krylov(spec.hamiltonian, spec.c_ops, tol=tol)
    lv = model.liouvillian()
    recomputed = np.max(np.abs(lv @ solution.state)) / np.max(np.abs(lv.diagonal()))
    assert solution.residual <= tol
    assert recomputed == pytest.approx(float(solution.residual), rel=1e-3, abs=1e-16)


def test_gmres_residual_vector_from_the_rotations_is_the_true_residual():
    """The early-acceptance test sees V_{k+1} Ω^H (g_k e_k) (Saad 2003 Prop. 6.9): it must be
    rhs − A y for the iterate y that GMRES then returns."""
    rng = np.random.default_rng(4)
    matrix = np.eye(60) + 0.3 * rng.standard_normal((60, 60)) / np.sqrt(60)
    rhs = rng.standard_normal(60)
    seen = []

    def accept(residual):
        seen.append(residual)
        return len(seen) == 5

    y, taken, _ = krylov_steady._gmres(matrix.__matmul__, rhs, 1e-14, 60, 60, accept, 1.0)
    assert taken == 5
    np.testing.assert_allclose(seen[-1], rhs - matrix @ y, atol=1e-13)


def test_the_gram_assembly_equals_the_operator_by_operator_sum():
    """Σ_k L_k ⊗ conj(L_k) (ρ flattened row by row) from the Gram matrix of the entries
    (shared and disjoint patterns, complex weights) equals the sum of the Kronecker products."""
    rng = np.random.default_rng(8)
    d = 6
    shared = rng.random((d, d)) < 0.3
    ops = []
    for k in range(5):
        pattern = shared if k < 3 else rng.random((d, d)) < 0.2
        ops.append(scipy.sparse.csr_array(
            pattern * (rng.standard_normal((d, d)) + 1j * rng.standard_normal((d, d)))))
    gram = krylov_steady._jump_superoperator_from_gram(ops)
    summed = sum(scipy.sparse.kron(op, op.conj()) for op in ops)
    np.testing.assert_allclose(gram.toarray(), summed.toarray(), atol=1e-14)
    rho = rng.standard_normal((d, d)) + 1j * rng.standard_normal((d, d))
    np.testing.assert_allclose((gram @ rho.reshape(-1)).reshape(d, d),
                               sum(op @ rho @ op.conj().T for op in ops), atol=1e-13)


def test_hermitian_coordinates_are_a_linear_bijection_on_hermitian_matrices():
    rng = np.random.default_rng(2)
    coordinates = krylov_steady.HermitianCoordinates(5)
    a = rng.standard_normal((5, 5)) + 1j * rng.standard_normal((5, 5))
    b = rng.standard_normal((5, 5)) + 1j * rng.standard_normal((5, 5))
    a, b = a + a.conj().T, b + b.conj().T
    np.testing.assert_array_equal(coordinates.unpack(coordinates.pack(a)), a)
    np.testing.assert_allclose(coordinates.pack(2.0 * a - b),
                               2.0 * coordinates.pack(a) - coordinates.pack(b), atol=1e-15)
    # |ρ_ab| ≤ √2 max|coordinate|
    assert np.max(np.abs(a)) <= np.sqrt(2.0) * np.max(np.abs(coordinates.pack(a)))


def test_a_dark_state_is_solved_and_a_stalled_uniqueness_solve_is_not_called_degenerate(
        monkeypatch):
    """A Λ system's dark state (a real eigenvalue of H_eff) is the unique steady state; with
    the preconditioner's shift at 1e-12 the uniqueness solve stalls above its bar, which must be
    reported as not established, not as a degenerate null space (at 1e-12 it stalls at ~3e-6:
    far above the bar 1e-8, far below the ~3e-2 of a singular system)."""
    sys = pytest.importorskip("tests.systems.analytic").SYSTEMS["lambda-dark-state"]
    solution = steady_state_krylov(sys.hamiltonian, sys.c_ops)
    np.testing.assert_allclose(unvec(solution.state), sys.steady_state(), atol=AGREEMENT)
    monkeypatch.setattr(krylov_steady, "PRECONDITIONER_SHIFT", 1e-12)
    with pytest.raises(SteadyStateError, match="uniqueness not established"):
        steady_state_krylov(sys.hamiltonian, sys.c_ops, max_iterations=50)


SIGMA_MINUS = np.array([[0.0, 0.0], [1.0, 0.0]])


@pytest.mark.parametrize(("hamiltonian", "jumps", "kwargs", "error", "match"), [
    (np.eye(2), [SIGMA_MINUS], {"tol": 0.0}, ValueError, r"tol must lie in \(0, 1\]"),
    (np.eye(2), [SIGMA_MINUS], {"max_iterations": 0}, ValueError, "max_iterations"),
    (np.eye(2), [SIGMA_MINUS], {"restart": 2.5}, ValueError, "restart"),
    (np.eye(2), [SIGMA_MINUS], {"check_unique": "yes"}, TypeError, "check_unique"),
    (np.eye(2), [], {}, TypeError, "jumps must be a non-empty sequence"),
    (np.eye(2), SIGMA_MINUS, {}, TypeError, "jumps must be a non-empty sequence"),
    (np.eye(2), [np.eye(3)], {}, ValueError, r"jumps\[0\] must have shape \(2, 2\)"),
    (np.eye(2), [np.full((2, 2), np.nan)], {}, ValueError, r"jumps\[0\] must be finite"),
    (SIGMA_MINUS, [SIGMA_MINUS], {}, ValueError, "hamiltonian must be Hermitian"),
    (np.ones(3), [SIGMA_MINUS], {}, ValueError, "hamiltonian must have shape"),
    (np.eye(2), [np.zeros((2, 2))], {}, ValueError, "non-zero operator"),
    (np.eye(2), [SIGMA_MINUS], {"blocks": [0, 1, 2]}, ValueError, "blocks must be 2 integer"),
    (np.eye(2), [SIGMA_MINUS], {"blocks": [0.0, 1.0]}, ValueError, "blocks must be 2 integer"),
])
def test_bad_input_is_refused(hamiltonian, jumps, kwargs, error, match):
    with pytest.raises(error, match=match):
        steady_state_krylov(hamiltonian, jumps, **kwargs)


def _decaying_blocks(rng, sizes) -> tuple[np.ndarray, list[slice]]:
    """A block-diagonal H − iΓ/2 (random Hermitian blocks, decay rates Γ in [2, 3]) and its
    blocks' slices."""
    edges = np.cumsum((0, *sizes))
    slices = [slice(int(a), int(b)) for a, b in itertools.pairwise(edges)]
    h = np.zeros((edges[-1], edges[-1]), dtype=complex)
    for block in slices:
        n = block.stop - block.start
        a = rng.standard_normal((n, n)) + 1j * rng.standard_normal((n, n))
        h[block, block] = 0.5 * (a + a.conj().T) - 0.5j * np.diag(rng.uniform(2.0, 3.0, n))
    return h, slices


@pytest.mark.parametrize("sizes", [(6,), (1, 3, 2)])
def test_the_no_jump_inverse_solves_its_sylvester_equation_for_any_input(sizes):
    """𝒫⁻¹Y solves −i(H Z − Z H†) = Y for a block-diagonal non-Hermitian H with decay and any
    (non-Hermitian) Y, and the eigenbasis inverse equals the Schur (ztrsyl) one."""
    rng = np.random.default_rng(5)
    h, slices = _decaying_blocks(rng, sizes)
    d = h.shape[0]
    y = rng.standard_normal((d, d)) + 1j * rng.standard_normal((d, d))
    z = krylov_steady._EigenbasisSylvesterInverse(h, slices)(y)
    np.testing.assert_allclose(-1j * (h @ z - z @ h.conj().T), y, atol=1e-12)
    np.testing.assert_allclose(z, krylov_steady._SchurSylvesterInverse(h)(y), atol=1e-12)


def test_the_lowering_preconditioner_solves_its_block_triangular_equation():
    """(𝒫_σ + 𝒥_↓)X = Y for Hermitian Y, 𝒫_σX = −i(K X − X K†) with K block-diagonal and
    𝒥_↓X = Σ_k L_k X L_k† over operators that map each block into lower ones: the level sweep
    returns the exact solution (checked against the equation and a dense solve)."""
    rng = np.random.default_rng(9)
    sizes = (2, 3, 3, 1)
    k, slices = _decaying_blocks(rng, sizes)
    d = k.shape[0]
    label = np.repeat(np.arange(len(sizes)), sizes)
    lowering = []
    for _ in range(3):
        op = (rng.standard_normal((d, d)) + 1j * rng.standard_normal((d, d))) \
            * (label[:, None] < label[None, :])  # block j into blocks i < j only
        lowering.append(scipy.sparse.csr_array(op))
    superoperator = krylov_steady._jump_superoperator(lowering)
    inverse = krylov_steady._LoweringTriangularInverse(
        krylov_steady._EigenbasisSylvesterInverse(k, slices), superoperator)
    coordinates = krylov_steady.HermitianCoordinates(d)
    y = rng.standard_normal((d, d)) + 1j * rng.standard_normal((d, d))
    y = y + y.conj().T
    x = inverse(coordinates.pack(y))
    applied = -1j * (k @ x - x @ k.conj().T) + sum(op @ x @ op.conj().T for op in lowering)
    np.testing.assert_allclose(applied, y, atol=1e-11)
    dense = -1j * (np.kron(k, np.eye(d)) - np.kron(np.eye(d), k.conj())) + superoperator
    np.testing.assert_allclose(x.reshape(-1), np.linalg.solve(dense, y.reshape(-1)), atol=1e-11)
