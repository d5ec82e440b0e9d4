"""The front door (`spinthermo.steady_state`, `spinthermo.evolve`) on analytic open systems,
against QuTiP, and with QuTiP objects in and out."""

from __future__ import annotations

import numpy as np
import pytest
from tests.systems.analytic import SIGMA_MINUS, SIGMA_X, SIGMA_Z, SYSTEMS

import spinthermo as st
from spinthermo.core.open_system import DENSE_LIMIT
from spinthermo.core.superop import lindblad_dissipator

#: Agreement of exact (direct, sparse LU, Newton to tol 1e-12) steady states with closed forms.
STEADY_ATOL = 1e-10
#: Trajectories at rtol 1e-10, atol 1e-12 against closed forms: the integrators' own error.
EVOLVE_ATOL = 1e-7

LINEAR_STEADY_METHODS = ("auto", "direct", "sparse", "krylov", "newton", "self-consistent")
EVOLVE_METHODS = ("auto", "dopri5", "expm", "RK45", "DOP853", "Radau", "BDF", "LSODA")


@pytest.mark.parametrize("name", SYSTEMS)
@pytest.mark.parametrize("method", LINEAR_STEADY_METHODS)
def test_steady_state_of_every_system_by_every_method(name, method):
    system = SYSTEMS[name]
    if method in ("sparse", "krylov") and not system.linear:
        pytest.skip(f"the {method} solve is linear")
    options = st.SteadyStateOptions(method=method, max_iterations=500)
    result = st.steady_state(system.hamiltonian, system.c_ops, mean_field=system.mean_field,
                             options=options)
    np.testing.assert_allclose(result.state, system.steady_state(), atol=STEADY_ATOL)
    assert result.residual < 1e-10
    assert result.options is options
    assert result.state.shape == system.steady_state().shape


@pytest.mark.parametrize("name", [n for n, s in SYSTEMS.items() if s.state is not None])
@pytest.mark.parametrize("method", EVOLVE_METHODS)
def test_evolution_of_every_system_by_every_method(name, method):
    system = SYSTEMS[name]
    if method == "expm" and not system.linear:
        pytest.skip("exact propagators need a linear generator")
    times = np.linspace(0.0, 2.0, 9)
    result = st.evolve(system.hamiltonian, system.rho0, times, system.c_ops,
                       mean_field=system.mean_field,
                       options=st.EvolveOptions(method=method, rtol=1e-10, atol=1e-12))
    exact = np.array([system.state(t) for t in times])
    np.testing.assert_allclose(result.states, exact, atol=EVOLVE_ATOL)
    np.testing.assert_allclose(result.times, times)


def test_long_evolution_reaches_the_mean_field_steady_state():
    toy = SYSTEMS["stimulated-pumping-toy"]
    trajectory = st.evolve(toy.hamiltonian, toy.rho0, [0.0, 40.0], toy.c_ops,
                           mean_field=toy.mean_field)
    np.testing.assert_allclose(trajectory.final_state, toy.steady_state(), atol=1e-8)


def test_expectation_values_and_a_named_dict():
    qubit = SYSTEMS["decaying-qubit"]
    times = np.linspace(0.0, 1.0, 5)
    excited = np.diag([1.0, 0.0])
    out = st.evolve(qubit.hamiltonian, qubit.rho0, times, qubit.c_ops,
                    e_ops={"excited": excited, "sx": SIGMA_X})
    np.testing.assert_allclose(out.expect["excited"], 0.5 * np.exp(-qubit.gamma * times),
                               atol=EVOLVE_ATOL)
    sx = np.exp(-0.5 * qubit.gamma * times) * np.cos(qubit.omega * times)
    np.testing.assert_allclose(out.expect["sx"], sx, atol=EVOLVE_ATOL)
    ness = st.steady_state(qubit.hamiltonian, qubit.c_ops)
    assert ness.expect(SIGMA_Z) == pytest.approx(-1.0, abs=STEADY_ATOL)


def test_thermo_diagnostics_take_the_results_states():
    lam = SYSTEMS["lambda-dark-state"]
    ness = st.steady_state(lam.hamiltonian, lam.c_ops)
    assert float(st.thermo.von_neumann_entropy(ness.state)) == pytest.approx(0.0, abs=1e-8)


# ---------------------------------------------------------------- QuTiP both ways
qutip = pytest.importorskip("qutip")


def _lambda_qobjs():
    lam = SYSTEMS["lambda-dark-state"]
    return lam, qutip.Qobj(lam.hamiltonian), [qutip.Qobj(c) for c in lam.c_ops]


def test_lambda_system_from_qobjs_equals_qutip_steadystate():
    _, h, c_ops = _lambda_qobjs()
    ours = st.steady_state(h, c_ops)
    theirs = qutip.steadystate(h, c_ops)
    np.testing.assert_allclose(ours.state, theirs.full(), atol=1e-12)
    back = ours.to_qutip()
    assert isinstance(back, qutip.Qobj) and back.dims == h.dims
    assert (back - theirs).norm() < 1e-12


def test_a_liouvillian_qobj_is_accepted_as_H():
    lam, h, c_ops = _lambda_qobjs()
    liouvillian = qutip.liouvillian(h, c_ops)
    from_super = st.steady_state(liouvillian)
    np.testing.assert_allclose(from_super.state, lam.steady_state(), atol=STEADY_ATOL)
    assert from_super.to_qutip().dims == h.dims
    marked = st.steady_state(st.Liouvillian(liouvillian.full()))
    np.testing.assert_allclose(marked.state, lam.steady_state(), atol=STEADY_ATOL)


def test_tensor_dims_survive_the_round_trip():
    a, b = qutip.destroy(3), qutip.sigmam()
    h = qutip.tensor(a.dag() * a, qutip.qeye(2)) + 0.3 * (qutip.tensor(a, b.dag())
                                                          + qutip.tensor(a.dag(), b))
    c_ops = [np.sqrt(0.5) * qutip.tensor(a, qutip.qeye(2)),
             np.sqrt(0.2) * qutip.tensor(qutip.qeye(3), b.dag())]
    rho0 = qutip.tensor(qutip.basis(3, 1), qutip.basis(2, 1))          # a ket
    times = np.linspace(0.0, 3.0, 7)
    ours = st.evolve(h, rho0, times, c_ops, e_ops=[qutip.tensor(a.dag() * a, qutip.qeye(2))])
    theirs = qutip.mesolve(h, rho0, times, c_ops, e_ops=[qutip.tensor(a.dag() * a,
                                                                      qutip.qeye(2))],
                           options={"atol": 1e-12, "rtol": 1e-10})
    np.testing.assert_allclose(ours.expect[0], theirs.expect[0], atol=1e-7)
    states = ours.to_qutip()
    assert states[0].dims == h.dims == [[3, 2], [3, 2]]
    ness = st.steady_state(h, c_ops)
    assert (ness.to_qutip() - qutip.steadystate(h, c_ops)).norm() < 1e-10


def test_time_dependent_list_form_and_qobjevo_match_mesolve():
    drive = 1.3

    def coefficient(t):
        return np.cos(drive * t)

    h0, h1 = qutip.Qobj(0.5 * SIGMA_Z), qutip.Qobj(0.7 * SIGMA_X)
    c_ops = [qutip.Qobj(np.sqrt(0.4) * SIGMA_MINUS)]
    rho0 = qutip.basis(2, 1)
    times = np.linspace(0.0, 5.0, 11)
    e_ops = [qutip.Qobj(SIGMA_Z)]
    theirs = qutip.mesolve([h0, [h1, coefficient]], rho0, times, c_ops, e_ops=e_ops,
                           options={"atol": 1e-12, "rtol": 1e-10})
    for method in ("RK45", "DOP853", "BDF", "Radau"):
        ours = st.evolve([h0, [h1, coefficient]], rho0, times, c_ops, e_ops=e_ops,
                         options=st.EvolveOptions(method=method, rtol=1e-10, atol=1e-12))
        np.testing.assert_allclose(ours.expect[0], theirs.expect[0], atol=1e-6)
    evo = qutip.QobjEvo([h0, [h1, coefficient]])
    for method in ("DOP853", "Radau"):
        ours = st.evolve(evo, rho0, times, c_ops, e_ops=e_ops,
                         options=st.EvolveOptions(method=method, rtol=1e-10, atol=1e-12))
        np.testing.assert_allclose(ours.expect[0], theirs.expect[0], atol=1e-6)


def test_time_dependent_collapse_operator_scales_with_its_coefficient_squared():
    # D[f(t) σ−] with f = e^{−t/2}: dp/dt = −γ e^{−t} p, so p(t) = exp(−γ (1 − e^{−t})).
    gamma = 1.5
    times = np.linspace(0.0, 3.0, 7)
    out = st.evolve(None, [1.0, 0.0], times, [[np.sqrt(gamma) * SIGMA_MINUS,
                                                lambda t: np.exp(-0.5 * t)]],
                    e_ops=[np.diag([1.0, 0.0])],
                    options=st.EvolveOptions(rtol=1e-10, atol=1e-12))
    np.testing.assert_allclose(out.expect[0], np.exp(-gamma * (1 - np.exp(-times))),
                               atol=1e-7)


def test_a_large_sparse_chain_matches_qutip_steadystate():
    n_sites = 6                                          # d = 64, d² = 4096 > DENSE_LIMIT
    ops = [qutip.tensor([qutip.sigmam() if k == j else qutip.qeye(2) for k in range(n_sites)])
           for j in range(n_sites)]
    h = sum(0.3 * (ops[j].dag() * ops[j + 1] + ops[j + 1].dag() * ops[j])
            for j in range(n_sites - 1)) + sum(0.1 * j * ops[j].dag() * ops[j]
                                                 for j in range(n_sites))
    c_ops = [np.sqrt(0.5) * ops[0], np.sqrt(0.2) * ops[-1].dag()]
    ours = st.steady_state(h, c_ops)
    assert ours.stats["sparse"] and ours.stats["liouvillian_size"] > DENSE_LIMIT
    assert (ours.to_qutip() - qutip.steadystate(h, c_ops)).norm() < 1e-9
    rho0 = qutip.tensor([qutip.basis(2, 0)] * n_sites)
    times = [0.0, 0.5, 1.0]
    evolved = st.evolve(h, rho0, times, c_ops, e_ops=[ops[0].dag() * ops[0]])
    reference = qutip.mesolve(h, rho0, times, c_ops, e_ops=[ops[0].dag() * ops[0]],
                              options={"atol": 1e-12, "rtol": 1e-10})
    np.testing.assert_allclose(evolved.expect[0], reference.expect[0], atol=1e-7)


# ---------------------------------------------------------------- seed 000 written by a user
def test_seed000_spin_exchange_as_mean_field_equals_alkali_pumping():
    """Eq. (1) of seed 000 in the product basis |m_I⟩⊗|m_S⟩, built by hand: the linear part as
    a Liouvillian, spin exchange as three MeanField terms 4Γ_SE spost(S_k)·Φ with ⟨S_k⟩."""
    from spinthermo.core.spin import spin_operators
    from spinthermo.core.superop import spost, sprepost
    from spinthermo.models.alkali_pumping import AlkaliPumping

    nuclear_spin, a_hfs = 1.5, 2 * np.pi * 3.417e9 / 2
    rates = {"pumping_rate": 2e4, "spin_exchange_rate": 1.4e4, "spin_destruction_rate": 40.0}
    photon_spin = np.array([0.2, -0.3, 0.6])
    i_ops = [np.kron(op, np.eye(2)) for op in spin_operators(nuclear_spin)]
    s_ops = [np.kron(np.eye(4), op) for op in spin_operators(0.5)]
    identity = np.eye(64)
    phi = 0.25 * identity + sum(sprepost(s, s) for s in s_ops)      # ρ ↦ φ = ρ/4 + S·ρ·S
    r, g_se, g_sd = rates.values()
    linear = ((r + g_se + g_sd) * (phi - identity)
              + r * sum(2 * sk * spost(s) @ phi for sk, s in zip(photon_spin, s_ops,
                                                                   strict=True)))
    h = a_hfs * sum(i @ s for i, s in zip(i_ops, s_ops, strict=True))
    terms = [st.MeanField(observable=s, superoperator=4 * g_se * spost(s) @ phi)
             for s in s_ops]
    ours = st.steady_state(h, [st.Liouvillian(linear)], mean_field=terms)

    model = AlkaliPumping(nuclear_spin=nuclear_spin, secular=False, a_hfs=a_hfs,
                          photon_spin=photon_spin, **rates)
    theirs = model.density_matrix(model.steady_state())
    for k, axis in enumerate("xyz"):
        assert ours.expect(s_ops[k]) == pytest.approx(
            float(model.expectation(model.steady_state(), "S", axis)), abs=1e-10)
    np.testing.assert_allclose(np.linalg.eigvalsh(ours.state), np.linalg.eigvalsh(theirs),
                               atol=1e-10)


# ---------------------------------------------------------------- refusals
@pytest.mark.parametrize(("call", "message"), [
    (lambda: st.steady_state(np.array([[0, 1], [0, 0]]), []), "H must be Hermitian"),
    (lambda: st.steady_state(SIGMA_Z, [np.eye(3)]), "c_ops[0] has dimension 3"),
    (lambda: st.steady_state(None, []), "give a Hamiltonian"),
    (lambda: st.steady_state([SIGMA_Z, [SIGMA_X, np.cos]], [SIGMA_MINUS]),
     "time-independent"),
    (lambda: st.evolve(SIGMA_Z, [1.0, 1.0], [0, 1]), "rho0 (a ket) must be normalised"),
    (lambda: st.evolve(SIGMA_Z, np.eye(3) / 3, [0, 1]), "rho0 must have dimension 2"),
    (lambda: st.evolve(SIGMA_Z, [1, 0], [1, 0]), "times"),
    (lambda: st.EvolveOptions(method="euler"), "method must be one of"),
    (lambda: st.SteadyStateOptions(tol=0.0), "tol must lie in"),
    (lambda: st.steady_state(SIGMA_Z, [SIGMA_MINUS], mean_field=[(SIGMA_Z, SIGMA_Z)]),
     "mean_field[0] must be a spinthermo.MeanField"),
    (lambda: st.steady_state(SIGMA_Z, [np.array([["a", "b"], ["c", "d"]])]),
     "c_ops[0] must be a number or an array of numbers"),
    (lambda: st.steady_state(SIGMA_Z, SIGMA_MINUS), "c_ops must be a list"),
    (lambda: st.steady_state(SIGMA_Z, [SIGMA_MINUS], options={"tol": 1e-3}),
     "options must be a spinthermo.SteadyStateOptions"),
    (lambda: st.steady_state(SIGMA_Z, [SIGMA_MINUS], mean_field=[
        st.MeanField(SIGMA_Z, lindblad_dissipator(np.eye(3)))]),
     "mean_field[0].superoperator has dimension 3"),
])
def test_bad_input_is_refused_with_the_argument_named(call, message):
    with pytest.raises((ValueError, TypeError)) as info:
        call()
    assert message in str(info.value)


def test_a_degenerate_steady_state_is_refused():
    with pytest.raises(Exception, match="not unique"):
        st.steady_state(SIGMA_Z, [])


def test_max_steps_caps_time_dependent_runs_by_steps():
    from spinthermo.core.evolution import IntegrationError

    h = [0.5 * SIGMA_Z, [SIGMA_X, lambda t: np.cos(3.0 * t)]]
    options = st.EvolveOptions(method="RK45", max_steps=5)
    with pytest.raises(IntegrationError, match="max_steps=5"):
        st.evolve(h, [1.0, 0.0], np.linspace(0.0, 50.0, 3), [SIGMA_MINUS], options=options)
    full = st.evolve(h, [1.0, 0.0], np.linspace(0.0, 50.0, 3), [SIGMA_MINUS])
    assert 5 < full.stats["steps"] < 20_000          # steps, not right-hand-side calls
    np.testing.assert_allclose(np.trace(full.states, axis1=1, axis2=2), 1.0, atol=1e-14)


def _driven_cluster(n_atoms: int = 4):
    """A laser-driven dipolar cluster in a general geometry (seed 003 plus a drive): 4^N
    coordinates, 2N collective jump operators."""
    from spinthermo.models.dipolar import DipolarCluster, DrivenDipolarCluster

    rng = np.random.default_rng(5)
    cluster = DipolarCluster.from_positions(rng.uniform(0.0, 0.3, (n_atoms, 3)),
                                            [0.0, 0.3, 1.0], 0.6, wavelength=1.0)
    return DrivenDipolarCluster(cluster, rabi=rng.uniform(0.5, 2.0, n_atoms),
                                detuning=rng.uniform(-1.0, 1.0, n_atoms), laser_frequency=5.0)


def test_krylov_through_the_front_door_equals_the_sparse_lu_with_qutip_objects():
    qutip = pytest.importorskip("qutip")
    spec = _driven_cluster().open_system()
    dims = [[2] * 4, [2] * 4]
    h = qutip.Qobj(spec.hamiltonian.toarray(), dims=dims)
    c_ops = [qutip.Qobj(c.toarray(), dims=dims) for c in spec.c_ops]
    krylov = st.steady_state(h, c_ops, options=st.SteadyStateOptions(method="krylov"))
    lu = st.steady_state(h, c_ops, options=st.SteadyStateOptions(method="sparse"))
    np.testing.assert_allclose(krylov.state, lu.state, atol=STEADY_ATOL)
    assert krylov.residual <= 1e-12
    assert krylov.stats["method"] == "krylov" and krylov.unique is True
    assert krylov.to_qutip().dims == dims


def test_krylov_never_forms_the_liouvillian(monkeypatch):
    from spinthermo.core import open_system

    def refuse(*_args, **_kwargs):
        raise AssertionError("the Liouvillian was formed")

    spec = _driven_cluster().open_system()
    reference = st.steady_state(spec.hamiltonian, list(spec.c_ops))
    monkeypatch.setattr(open_system, "sparse_liouvillian", refuse)
    monkeypatch.setattr(open_system, "_dense_liouvillian", refuse)
    krylov = st.steady_state(spec.hamiltonian, list(spec.c_ops),
                             options=st.SteadyStateOptions(method="krylov"))
    np.testing.assert_allclose(krylov.state, reference.state, atol=STEADY_ATOL)


@pytest.mark.parametrize(("make", "match"), [
    (lambda s: (st.Liouvillian(lindblad_dissipator(s.c_ops[0])), s.c_ops),
     "needs H and c_ops as operators"),
    (lambda s: (s.hamiltonian, []), "at least one collapse operator"),
    (lambda s: (s.hamiltonian, s.c_ops, SYSTEMS["stimulated-pumping-toy"].mean_field),
     "solves linear Liouvillians"),
])
def test_krylov_refuses_what_it_cannot_solve(make, match):
    system = SYSTEMS["driven-damped-qubit"]
    args = make(system)
    mean_field = args[2] if len(args) > 2 else ()
    with pytest.raises(ValueError, match=match):
        st.steady_state(args[0], args[1], mean_field=mean_field,
                        options=st.SteadyStateOptions(method="krylov"))
